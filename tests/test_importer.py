"""Importing official lists: xlsx with title rows/merged cells/Nam-Nữ columns, csv in cp1258,
header by meaning, all-or-nothing errors with row numbers, re-import in place."""

import json
import unicodedata

import pytest
from openpyxl import Workbook

from console.event import Event, create_event
from console.ground.errors import UserError
from console.importer import import_file
from data import DEMO_DIR

from .conftest import cli_json, run_cli


@pytest.fixture
def empty_event(tmp_path, clock):
    from datetime import date, time

    create_event(tmp_path / "ev", unit="Công đoàn cơ sở Trường THCS Bản Lằn", level="co-so",
                 event_date=date(2020, 3, 10), start=time(7, 30))
    return Event(tmp_path / "ev", desk="ban-1", clock=clock)


def to_cp1258(text: str) -> bytes:
    """How Windows-1258 stores Vietnamese: base letter (with its shape mark) + a combining tone."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            nfd = unicodedata.normalize("NFD", ch)
            base = unicodedata.normalize("NFC", nfd[0] + "".join(c for c in nfd[1:] if c in "\u0302\u0306\u031b"))
            tones = "".join(c for c in nfd[1:] if c not in "\u0302\u0306\u031b")
            out += (base + tones).encode("cp1258")
    return bytes(out)


def write_xlsx(path, rows, merges=()):
    wb = Workbook()
    ws = wb.active
    for r in rows:
        ws.append(r)
    for m in merges:
        ws.merge_cells(m)
    wb.save(path)
    return path


def test_demo_roster_reads_every_field(empty_event):
    report = import_file(empty_event, DEMO_DIR / "danh-sach-dai-bieu.xlsx")
    assert report.rows == 140 and len(report.added) == 140
    people = list(empty_event.imported.values())
    huong = next(d for d in people if d.name == "Nguyễn Thị Hường")
    assert (huong.gender, huong.ethnicity, huong.category) == ("nu", "Tày", "ca_nhan")
    assert huong.minority and huong.birth_year
    guests = [d for d in people if d.category == "khach_moi"]
    assert len(guests) == 36
    assert all(d.leader for d in guests if d.position.startswith(("Chủ tịch", "Phó Chủ tịch", "Trưởng")))
    # the category came from the section heading where the column was blank
    assert sum(d.category == "ca_nhan" for d in people) == 85
    assert sum(d.category == "tap_the" for d in people) == 19
    assert all(unicodedata.is_normalized("NFC", d.name) for d in people)
    # a grassroots event caps at 100: warned, not refused; 74 % exemplary raises nothing
    assert report.warnings == ["140 đại biểu, vượt mức tối đa 100 của cấp Công đoàn cơ sở."]


def test_cp1258_csv_semicolons_and_no_diacritic_headers(empty_event, tmp_path):
    text = ("Ho ten;Gioi tinh;Nam sinh;Dan toc;Chuc vu;Don vi;Thanh phan;Truc tiep SX\r\n"
            "Nguyễn Thị Hường;Nữ;1985;Tày;Giáo viên;Trường Mầm non Bản Lằn;Cá nhân;x\r\n"
            "Hoàng Văn Đức;Nam;1979;Nùng;Hiệu trưởng;Trường THCS Bản Lằn;Khách mời;\r\n"
            "Lục Thị Thuỷ;Nữ;1990;Kinh;Công nhân;Tổ dệt số 1;Đại diện tập thể;x\r\n")
    raw = to_cp1258(text)
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    path = tmp_path / "ds.csv"
    path.write_bytes(raw)
    report = import_file(empty_event, path)
    assert report.rows == 3
    by_name = {d.name: d for d in empty_event.imported.values()}
    assert set(by_name) == {"Nguyễn Thị Hường", "Hoàng Văn Đức", "Lục Thị Thuỷ"}
    assert by_name["Hoàng Văn Đức"].leader and by_name["Hoàng Văn Đức"].category == "khach_moi"
    assert by_name["Lục Thị Thuỷ"].category == "tap_the" and not by_name["Lục Thị Thuỷ"].minority
    assert by_name["Nguyễn Thị Hường"].direct_production


@pytest.mark.parametrize("bom,delim", [(True, ","), (False, "\t")])
def test_utf8_csv_with_or_without_bom(empty_event, tmp_path, bom, delim):
    rows = ["STT|Họ và tên|Năm sinh|Đơn vị|Loại đại biểu", "1|Đinh Văn Ân|1980|Xã Nà Mò|Cá nhân"]
    text = "\n".join(r.replace("|", delim) for r in rows)
    path = tmp_path / "a.csv"
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode())
    assert import_file(empty_event, path).rows == 1


def test_every_problem_is_listed_with_row_and_column_and_nothing_is_written(empty_event, tmp_path):
    path = write_xlsx(tmp_path / "sai.xlsx", [
        ["DANH SÁCH ĐẠI BIỂU"],
        [],
        ["STT", "Họ và tên", "Năm sinh", None, "Đơn vị", "Thành phần"],
        [None, None, "Nam", "Nữ", None, None],
        [1, "Nguyễn Văn A", 1980, None, "Xã A", "Cá nhân"],
        [2, None, 1981, None, "Xã B", "Cá nhân"],              # blank name
        [3, "Trần Thị B", None, 1982, "Xã C", "Đại biểu VIP"],  # unknown category
        [4, "Lê Văn C", 1970, 1971, "Xã D", "Khách mời"],       # year in both columns
        [5, "Phạm Văn D", 2031, None, "Xã E", "Cá nhân"],       # impossible year
        [6, "Nguyễn Văn A", 1980, None, "Xã A", "Cá nhân"],     # duplicate of row 5
    ], merges=["A3:A4", "B3:B4", "C3:D3", "E3:E4", "F3:F4"])
    with pytest.raises(UserError) as err:
        import_file(empty_event, path)
    text = str(err.value)
    assert "chưa nhập gì" in text
    for needle in ["Dòng 6", "thiếu họ và tên", "Dòng 7, cột F (Thành phần): “Đại biểu VIP”", "Khách mời",
                   "Dòng 8", "cả cột Nam và cột Nữ", "Dòng 9", "2031", "Dòng 10", "trùng với dòng 5"]:
        assert needle in text, needle
    assert empty_event.imported == {}
    assert not empty_event.journal.path.exists() or empty_event.journal.path.read_text() == ""


def test_reimport_keeps_ids_and_checkins_and_reports_changes(demo_event, tmp_path):
    from console.door.checkin import checkin_delegate
    from data.make_demo import _ensure_examples, build_roster, make_people

    before = {d.name + d.unit: d.id for d in demo_event.imported.values()}
    people = make_people()
    _ensure_examples(people)
    here = next(p for p in people if p["section"] == "III" and p["name"] != "Nguyễn Thị Hường")
    gone = people[-1]
    target = next(d for d in demo_event.imported.values() if d.name == gone["name"] and d.unit == gone["unit"])
    checkin_delegate(demo_event, target.id)
    here["position"] = "Phó Giám đốc"
    people.remove(gone)
    people.append(dict(section="III", name="Người Mới Đến", woman=True, year=1990, ethnicity="Dao",
                       position="Công nhân", unit="Xã Nà Mò", category="Cá nhân", title="Lao động giỏi", direct=True))
    path = tmp_path / "ds2.xlsx"
    build_roster(path, people)
    report = import_file(demo_event, path)
    assert report.added == ["Người Mới Đến"]
    assert report.changed == [here["name"]]
    assert report.removed == [] and report.kept == [gone["name"]]  # checked in: never silently removed
    after = {d.name + d.unit: d.id for d in demo_event.imported.values()}
    assert all(after[k] == v for k, v in before.items())
    assert target.id in demo_event.day.present


def test_over_cap_and_guest_share_are_warnings_not_refusals(empty_event, tmp_path):
    rows = [["Họ và tên", "Năm sinh", "Đơn vị", "Thành phần"]]
    rows += [[f"Nguyễn Văn Số{i}", 1980, "Xã A", "Khách mời" if i < 40 else "Cá nhân"] for i in range(110)]
    report = import_file(empty_event, write_xlsx(tmp_path / "x.xlsx", rows))
    assert report.rows == 110
    assert any("vượt mức tối đa 100" in w for w in report.warnings)
    assert any("vượt 30 %" in w for w in report.warnings)


def test_dry_run_writes_nothing(empty_event):
    report = import_file(empty_event, DEMO_DIR / "danh-sach-dai-bieu.xlsx", dry_run=True)
    assert report.rows == 140 and "chưa ghi gì" in report.summary()
    assert empty_event.imported == {}


@pytest.mark.parametrize("content,needle", [
    (b"PK\x03\x04garbage", "không mở được"),
    (b"\x00\x01\x02" * 100, "không mở được"),
])
def test_broken_files_get_a_sentence(empty_event, tmp_path, content, needle):
    path = tmp_path / "hong.xlsx"
    path.write_bytes(content)
    with pytest.raises(UserError) as err:
        import_file(empty_event, path)
    assert needle in str(err.value)


def test_a_sheet_without_a_header(empty_event, tmp_path):
    path = write_xlsx(tmp_path / "x.xlsx", [["abc", "def"], [1, 2]])
    with pytest.raises(UserError) as err:
        import_file(empty_event, path)
    assert "không tìm thấy dòng tiêu đề" in str(err.value)


def test_cli_init_import_status_json(tmp_path):
    ev = tmp_path / "HN"
    proc = run_cli("init", ev, "--level", "huyen-nganh", "--name", "LĐLĐ huyện Nà Lương", "--date", "15/04/2020")
    assert proc.returncode == 0, proc.stderr
    proc = run_cli("import", ev, DEMO_DIR / "danh-sach-dai-bieu.xlsx")
    assert proc.returncode == 0 and "thêm 140" in proc.stdout
    _p, status = cli_json("status", ev)
    assert status["registered"] == 140 and status["exemplary_registered"] == 104
    assert status["guests_registered"] == 36 and status["quota_ok_registered"] is True
    assert status["exemplary_share_registered"] == 74.3  # 104/140 = 74,29 %
    for key in ["registered", "present", "exemplary_registered", "exemplary_present", "guests_registered",
                "guests_present", "exemplary_share_registered", "exemplary_share_present", "quota_ok_registered",
                "quota_ok_present", "guest_headroom", "women_present", "minorities_present",
                "direct_production_present"]:
        assert key in status


def test_cli_refuses_a_broken_list_with_exit_code(tmp_path, demo_dir):
    bad = write_xlsx(tmp_path / "bad.xlsx", [["Họ và tên", "Năm sinh", "Thành phần"], ["A B", "abc", "Cá nhân"]])
    proc = run_cli("import", demo_dir, bad)
    assert proc.returncode == 2
    assert "Dòng 2, cột B (Năm sinh): “abc”" in proc.stderr
    assert "Traceback" not in proc.stderr
    _p, status = cli_json("status", demo_dir)
    assert status["registered"] == 140


@pytest.mark.parametrize("args,needle", [
    (["status", "/khong/co/thu/muc"], "Không thấy thư mục"),
    (["import", "{tmp}", "x.xlsx"], "không phải thư mục hội nghị"),
])
def test_cli_not_an_event_folder(tmp_path, args, needle):
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    proc = run_cli(*args)
    assert proc.returncode == 2 and needle in proc.stderr and "Traceback" not in proc.stderr


def test_cli_malformed_event_toml(demo_dir):
    (demo_dir / "event.toml").write_text('[event]\nunit = "A"\nlevel = "xa"\ndate = "15/04/2020"\n', encoding="utf-8")
    proc = run_cli("status", demo_dir)
    assert proc.returncode == 2 and "level" in proc.stderr and "co-so" in proc.stderr
    (demo_dir / "event.toml").write_text('[event\nunit = ', encoding="utf-8")
    proc = run_cli("status", demo_dir)
    assert proc.returncode == 2 and "TOML" in proc.stderr


def test_init_refuses_to_overwrite(demo_dir):
    proc = run_cli("init", demo_dir, "--level", "co-so", "--name", "X")
    assert proc.returncode == 2 and "đã là thư mục hội nghị" in proc.stderr


def test_status_json_counts_present(demo_dir):
    _p, tokens = cli_json("tokens", demo_dir)
    for t in tokens[:10]:
        run_cli("checkin", demo_dir, t["token"])
    _p, status = cli_json("status", demo_dir)
    assert status["present"] == 10
    assert json.loads(json.dumps(status))["guests_present"] == sum(t["category"] == "khach_moi" for t in tokens[:10])


def test_a_first_delegate_with_gender_and_birth_date_is_not_taken_for_a_sub_header(empty_event, tmp_path):
    """'Ngày sinh' holds full dates and 'Giới tính' says Nữ: the first person's row is data,
    not a second header row (it was swallowed, and Giới tính became a 'Nữ' birth-year column)."""
    from datetime import datetime

    path = write_xlsx(tmp_path / "ngay-sinh.xlsx", [
        ["DANH SÁCH ĐẠI BIỂU"],
        ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Đơn vị", "Thành phần"],
        [1, "Nguyễn Thị Hường", datetime(1985, 5, 3), "Nữ", "Trường A", "Cá nhân"],
        [2, "Hoàng Văn Đức", "03/05/1979", "Nam", "Trường B", "Cá nhân"],
    ])
    report = import_file(empty_event, path)
    assert report.rows == 2
    by_name = {d.name: d for d in empty_event.imported.values()}
    assert (by_name["Nguyễn Thị Hường"].gender, by_name["Nguyễn Thị Hường"].birth_year) == ("nu", 1985)
    assert (by_name["Hoàng Văn Đức"].gender, by_name["Hoàng Văn Đức"].birth_year) == ("nam", 1979)


def test_headers_with_y_in_them_are_recognised():
    """Keys are folded y→i; the synonyms were not, so these headers were never recognised."""
    from console.importer.headers import match_field

    assert match_field("Ngày sinh") == "birth"
    assert match_field("Ngày, tháng, năm sinh") == "birth"
    assert match_field("Lý do khen thưởng") == "achievement"
    assert match_field("Người trình bày") == "speaker"
    assert match_field("Người nhận thay") == "receiver"


@pytest.mark.parametrize("layout", ["ho_ten", "ho_dem_ten", "merged", "merged_with_sub_header"])
def test_family_and_given_name_in_two_columns_make_the_full_name(empty_event, tmp_path, layout):
    """Many Vietnamese lists split the name: "Họ" | "Tên", "Họ và tên đệm" | "Tên", or one
    "Họ và tên" header merged over two columns. Only one half used to be imported."""
    top = [["DANH SÁCH ĐẠI BIỂU"], []]
    people = [[1, "Nguyễn Thị", "Hường", 1985, "Trường A", "Cá nhân"],
              [2, "Hoàng Văn", "Đức", 1979, "Trường B", "Cá nhân"]]
    merges = []
    if layout == "ho_ten":
        rows = [*top, ["STT", "Họ", "Tên", "Năm sinh", "Đơn vị", "Thành phần"], *people]
    elif layout == "ho_dem_ten":
        rows = [*top, ["STT", "Họ và tên đệm", "Tên", "Năm sinh", "Đơn vị", "Thành phần"], *people]
    elif layout == "merged":
        rows = [*top, ["STT", "Họ và tên", None, "Năm sinh", "Đơn vị", "Thành phần"], *people]
        merges = ["B3:C3"]
    else:
        rows = [*top, ["STT", "Họ và tên", None, "Năm sinh", "Đơn vị", "Thành phần"],
                [None, "Họ đệm", "Tên", None, None, None], *people]
        merges = ["B3:C3", "A3:A4", "D3:D4", "E3:E4", "F3:F4"]
    report = import_file(empty_event, write_xlsx(tmp_path / f"{layout}.xlsx", rows, merges))
    assert report.rows == 2
    assert sorted(d.name for d in empty_event.imported.values()) == ["Hoàng Văn Đức", "Nguyễn Thị Hường"]


@pytest.mark.parametrize("layout", ["lone_nu_column", "gioi_tinh_over_nam_nu"])
def test_gender_ticks_beside_a_birth_year_column(empty_event, tmp_path, layout):
    """Gender as an "x" in a "Nữ" column (or in "Nam" | "Nữ" under a merged "Giới tính"), the
    year in its own "Năm sinh" column: the year was dropped or the tick refused as a year."""
    top = [["DANH SÁCH ĐẠI BIỂU"], []]
    merges = []
    if layout == "lone_nu_column":
        rows = [*top, ["STT", "Họ và tên", "Năm sinh", "Nữ", "Đơn vị", "Thành phần"],
                [1, "Nguyễn Thị Hường", 1985, "x", "Trường A", "Cá nhân"],
                [2, "Hoàng Văn Đức", 1979, None, "Trường B", "Cá nhân"]]
    else:
        rows = [*top, ["STT", "Họ và tên", "Năm sinh", "Giới tính", None, "Đơn vị", "Thành phần"],
                [None, None, None, "Nam", "Nữ", None, None],
                [1, "Nguyễn Thị Hường", 1985, None, "x", "Trường A", "Cá nhân"],
                [2, "Hoàng Văn Đức", 1979, "x", None, "Trường B", "Cá nhân"]]
        merges = ["D3:E3", "A3:A4", "B3:B4", "C3:C4", "F3:F4", "G3:G4"]
    import_file(empty_event, write_xlsx(tmp_path / f"{layout}.xlsx", rows, merges))
    by_name = {d.name: d for d in empty_event.imported.values()}
    assert (by_name["Nguyễn Thị Hường"].gender, by_name["Nguyễn Thị Hường"].birth_year) == ("nu", 1985)
    assert by_name["Hoàng Văn Đức"].birth_year == 1979
    if layout == "gioi_tinh_over_nam_nu":
        assert by_name["Hoàng Văn Đức"].gender == "nam"


def test_birth_dates_and_gender_words_as_people_write_them(empty_event, tmp_path):
    from datetime import datetime

    path = write_xlsx(tmp_path / "dates.xlsx", [
        ["STT", "Họ và tên", "Năm sinh", "Giới tính", "Đơn vị", "Thành phần"],
        [1, "Nguyễn Thị Hường", "1985-05-03", "Nữ giới", "Trường A", "Cá nhân"],
        [2, "Hoàng Văn Đức", datetime(1905, 6, 1), "Nam giới", "Trường B", "Cá nhân"],  # 1979 typed in a date cell
    ])
    import_file(empty_event, path)
    by_name = {d.name: d for d in empty_event.imported.values()}
    assert (by_name["Nguyễn Thị Hường"].gender, by_name["Nguyễn Thị Hường"].birth_year) == ("nu", 1985)
    assert (by_name["Hoàng Văn Đức"].gender, by_name["Hoàng Văn Đức"].birth_year) == ("nam", 1979)


def test_footer_with_place_and_date_and_numbered_sections(empty_event, tmp_path):
    """The signature block starts with "Bắc Kạn, ngày … tháng … năm …" (it was read as a row
    with no name and refused); sections numbered "1. Khách mời" give the category."""
    path = write_xlsx(tmp_path / "footer.xlsx", [
        ["STT", "Họ và tên", "Năm sinh", "Chức vụ", "Đơn vị"],
        ["1. Đại biểu khách mời"],
        [1, "Hoàng Văn Đức", 1979, "Chủ tịch", "LĐLĐ huyện"],
        ["2. Cá nhân điển hình tiên tiến"],
        [2, "Nguyễn Thị Hường", 1985, "Giáo viên", "Trường A"],
        [3, "Lý Thị Mai", 1980, "Giáo viên", "Trường A"],
        [None, None, None, None, "Bắc Kạn, ngày 10 tháng 3 năm 2020"],
        [None, None, None, None, "TM. BAN THƯỜNG VỤ"],
        [None, None, None, None, "(Ký tên, đóng dấu)"],
        [None, None, None, None, "Nguyễn Văn Ký"],
    ])
    report = import_file(empty_event, path)
    assert report.rows == 3
    cats = {d.name: d.category for d in empty_event.imported.values()}
    assert cats == {"Hoàng Văn Đức": "khach_moi", "Nguyễn Thị Hường": "ca_nhan", "Lý Thị Mai": "ca_nhan"}


def test_a_list_without_stt_does_not_stop_at_the_first_chu_tich(empty_event, tmp_path):
    """Footer words ("Chủ tịch", "Xác nhận" …) in a person's own row (position, unit) ended the
    list when there was no STT column: everyone after the first guest was silently left out."""
    path = write_xlsx(tmp_path / "no-stt.xlsx", [
        ["Họ và tên", "Năm sinh", "Chức vụ", "Đơn vị", "Thành phần"],
        ["Nguyễn Thị Hường", 1985, "Giáo viên", "Trường A", "Cá nhân"],
        ["Hoàng Văn Đức", 1979, "Chủ tịch", "LĐLĐ huyện", "Khách mời"],
        ["Lý Thị Mai", 1980, "Công nhân", "Tổ xác nhận chất lượng", "Cá nhân"],
        ["Lê Văn Tám", 1980, "Kế toán", "Trường B", "Cá nhân"],
        ["Tổng cộng: 4 đại biểu"],
        [None, None, None, "NGƯỜI LẬP BIỂU"],
        [None, None, None, "Trần Văn Lập"],
    ])
    report = import_file(empty_event, path)
    assert report.rows == 4
    assert "Trần Văn Lập" not in {d.name for d in empty_event.imported.values()}


def test_reimport_with_a_corrected_unit_keeps_the_id_and_the_award(demo_event, tmp_path):
    """A unit spelled better in the morning's list (same name, same birth year) is the same
    person: a new id left the awards list pointing at a removed delegate, and the awardee,
    though in the hall, was planned as absent ('trao sau') and never called."""
    from console.ceremony.awards import plan_awards
    from console.door.checkin import checkin_delegate
    from data.make_demo import _ensure_examples, build_roster, make_people

    people = make_people()
    _ensure_examples(people)
    awards = demo_event.roster_store.table_docs("awards")
    award = next(a for a in awards if not a["collective"] and a["proxy_id"] is None)
    winner = demo_event.get(award["delegate_id"])
    row = next(p for p in people if p["name"] == winner.name and p["unit"] == winner.unit)
    row["unit"] = row["unit"] + " (sửa)"
    path = tmp_path / "ds-sua.xlsx"
    build_roster(path, people)
    report = import_file(demo_event, path)
    assert report.removed == [] and report.added == [] and report.changed == [winner.name]
    assert demo_event.get(winner.id).unit.endswith("(sửa)")
    checkin_delegate(demo_event, winner.id)
    planned = next(p for p in plan_awards(demo_event).items if p.item.key == award["key"])
    assert planned.status == "pending" and planned.called_id == winner.id


def test_reimport_warns_when_awards_point_at_people_removed(demo_event, tmp_path):
    from data.make_demo import _ensure_examples, build_roster, make_people

    people = make_people()
    _ensure_examples(people)
    awards = demo_event.roster_store.table_docs("awards")
    gone = demo_event.get(next(a for a in awards if not a["collective"])["delegate_id"])
    people = [p for p in people if not (p["name"] == gone.name and p["unit"] == gone.unit)]
    path = tmp_path / "ds-bot.xlsx"
    build_roster(path, people)
    report = import_file(demo_event, path)
    assert gone.name in report.removed
    assert any("khen thưởng" in w and gone.name in w for w in report.warnings)


def test_a_removed_delegates_id_is_never_given_to_someone_else(demo_event, tmp_path):
    """The last person of the list withdrawn (badge already printed), then a walk-in on the
    day: the walk-in got the withdrawn person's id, so the old badge checked the wrong person
    in and that person's award or speech pointed at the walk-in."""
    from console.door.checkin import CHECKED_IN, register_walk_in, scan
    from console.door.tokens import make_token
    from data.make_demo import _ensure_examples, build_roster, make_people

    last_id = max(demo_event.imported)
    gone = demo_event.get(last_id)
    people = make_people()
    _ensure_examples(people)
    people = [p for p in people if not (p["name"] == gone.name and p["unit"] == gone.unit)]
    build_roster(tmp_path / "bot.xlsx", people)
    assert gone.name in import_file(demo_event, tmp_path / "bot.xlsx").removed
    walk = register_walk_in(demo_event, name="Người Đến Sau", unit="Xã Mới", category="khach_moi")
    assert walk.result == CHECKED_IN and walk.delegate.id > last_id
    old_badge = scan(demo_event, make_token(demo_event.secret, last_id))
    assert old_badge.result != CHECKED_IN  # not the walk-in, not anyone
    # and a later import adds new people above every id ever used
    people.append(dict(section="III", name="Người Mới Thêm", woman=True, year=1990, ethnicity="Dao",
                       position="Công nhân", unit="Xã Nà Mò", category="Cá nhân", title="Lao động giỏi", direct=True))
    build_roster(tmp_path / "them.xlsx", people)
    import_file(demo_event, tmp_path / "them.xlsx")
    added = next(d for d in demo_event.imported.values() if d.name == "Người Mới Thêm")
    assert added.id > walk.delegate.id


def test_a_surname_that_looks_like_a_roman_numeral_is_a_person(empty_event, tmp_path):
    """Lý, Vi: one-cell rows in a list with only a name column are people, not section headings."""
    path = write_xlsx(tmp_path / "ds.xlsx", [
        ["Họ và tên", "Thành phần"],
        ["I. ĐẠI BIỂU KHÁCH MỜI"],
        ["Lý Văn An"],
        ["Vi Thị Hoa"],
        ["II - Cá nhân điển hình"],
        ["Lục Văn Cường"],
    ])
    import_file(empty_event, path)
    by_name = {d.name: d.category for d in empty_event.imported.values()}
    assert by_name == {"Lý Văn An": "khach_moi", "Vi Thị Hoa": "khach_moi", "Lục Văn Cường": "ca_nhan"}
