"""Names that look like words: Tô/Tổ, Bàn/Ban, Trương/Trường, Đới/Đội, Khổng/Không, Đoàn.

Folded, each surname is a noun that opens a collective's name; with its marks it is not.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from console.ceremony import awards_record
from console.door.checkin import register_walk_in
from console.ground.text import fold
from console.importer import import_file
from console.people.categories import EXEMPLARY_INDIVIDUAL, category_from_text, is_collective_name

SURNAMES = ["Tô", "Bàn", "Trương", "Đới", "Khổng", "Đoàn", "Nguyễn", "Hoàng", "Lý", "Vi", "Lò", "Hà"]
MIDDLE = ["Thị", "Văn", "Đức", "Hữu", "Ngọc", "Minh", "Thanh", "Quang", "Xuân", "Hồng", "Kim"]
GIVEN = ["Hằng", "Quý", "Lâm", "Mai", "Hòa", "Hoa", "Sình", "Dung", "Tuấn", "Êm", "Ước", "Ân"]
TEAMS = ["Tổ", "Đội", "Ban", "Trường", "Phòng", "Tổ công đoàn", "Phân xưởng", "Khoa", "Chi đoàn", "Trạm",
         "Hợp tác xã", "Bộ phận"]
WHAT = ["may số 3", "Quản lý thị trường", "Văn hóa – Xã hội", "Mầm non Bản Lằn", "Kế toán", "chế biến",
        "Nội", "Điều dưỡng", "Thanh niên", "Y tế xã", "Dệt thổ cẩm Khuổi Hao", "Kỹ thuật"]

people = st.builds(lambda s, m, g: f"{s} {m} {g}", st.sampled_from(SURNAMES), st.sampled_from(MIDDLE),
                   st.sampled_from(GIVEN))
collectives = st.builds(lambda t, w: f"{t} {w}", st.sampled_from(TEAMS), st.sampled_from(WHAT))
case = st.sampled_from([str.lower, str.upper, str.title, lambda x: x])


@given(people, case)
def test_a_person_with_any_surname_is_not_a_collective(name, change):
    assert not is_collective_name(change(name)), name


@given(people)
def test_a_person_typed_without_marks_is_not_a_collective(name):
    assert not is_collective_name(fold(name).title()), name


@given(collectives, case)
def test_a_team_board_school_or_crew_is_a_collective(name, change):
    assert is_collective_name(change(name)), name


def test_the_pairs_themselves():
    for person, team in [("Tô Thị Hằng", "Tổ Toán – Tin"), ("Bàn Văn Quý", "Ban Văn hóa xã"),
                         ("Trương Văn Lâm", "Trường Mầm non Bản Lằn"), ("Đới Thị Mai", "Đội Quản lý thị trường"),
                         ("Đoàn Thị Hoa", "Đoàn Thanh niên xã Cẩm Giàng")]:
        assert not is_collective_name(person) and is_collective_name(team), (person, team)
    assert category_from_text("Tô Thị Hằng") is None  # a stray name in the category column names no category
    assert category_from_text("Tổ sản xuất") is not None


AWARDS_HEAD = '"STT","Tên tập thể, cá nhân","Đơn vị","Hình thức khen thưởng","Thành tích","Người nhận","Ghi chú"\n'


def test_people_with_colliding_surnames_import_as_people(demo_event, tmp_path):
    ev = demo_event
    names = [("Tô Thị Hằng", "Trường Mầm non Bản Lằn"), ("Bàn Văn Quý", "Hạt Kiểm lâm Pác Nặm"),
             ("Trương Văn Lâm", "Công ty TNHH Chè Khuổi Hao"), ("Đới Thị Mai", "Trạm Y tế xã Cẩm Giàng"),
             ("Khổng Văn Hòa", "Chi nhánh Điện lực Thôm Mò"), ("Đoàn Thị Hoa", "Trường THCS Nà Lương")]
    for name, unit in names:
        register_walk_in(ev, name=name, unit=unit, category=EXEMPLARY_INDIVIDUAL, reason="bổ sung theo quyết định")
    rows = [f'{i},"{n}","{u}","Giấy khen của LĐLĐ huyện","Giỏi","",""' for i, (n, u) in enumerate(names, 1)]
    rows.append('7,"Tổ Toán – Tin, Trường THCS Nà Lương","Trường THCS Nà Lương","Giấy khen của LĐLĐ huyện",'
                '"Giỏi","Đoàn Thị Hoa",""')
    rows[1] = '2,"Bàn Văn Quý","Hạt Kiểm lâm Pác Nặm","Giấy khen của LĐLĐ huyện","Giỏi","Bàn Văn Quý",""'
    path = tmp_path / "kt.csv"
    path.write_text("DANH SÁCH\n\n" + AWARDS_HEAD + "\n".join(rows) + "\n", encoding="utf-8")
    report = import_file(ev, path)
    assert report.rows == 7
    docs = {d["recipient"]: d for d in ev.roster_store.table_docs("awards")}
    for name, _unit in names:
        assert docs[name]["collective"] is False, name
    assert docs["Tổ Toán – Tin, Trường THCS Nà Lương"]["collective"] is True
    # collectives first within the form: only the team is called before the people
    rec = awards_record(ev)
    assert rec[0]["recipient"] == "Tổ Toán – Tin, Trường THCS Nà Lương"
    assert {r["recipient"] for r in rec[1:]} == {n for n, _u in names}
