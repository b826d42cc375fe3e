"""Award forms as the rules order them; lists whose forms are section rows; each form's decision."""

from __future__ import annotations

from datetime import datetime

import pytest

from console.agenda import steps
from console.agenda.timing import view
from console.ceremony import awards_record, plan_awards
from console.door.checkin import checkin_delegate, register_walk_in
from console.ground.clock import VN_TZ
from console.ground.settings import DEFAULT_AWARD_RANKING
from console.importer import import_file
from console.importer.award_sections import decision_in, form_of_section
from console.people.categories import EXEMPLARY_INDIVIDUAL
from console.people.forms import effective_ranking, form_known, rank_form

OLD_FOUR = ["Bằng khen của Tổng Liên đoàn Lao động Việt Nam", "Bằng khen của Chủ tịch UBND tỉnh",
            "Bằng khen của Ban Chấp hành LĐLĐ tỉnh", "Giấy khen của LĐLĐ huyện"]

# Highest first, each as lists write it (abbreviations, shouting, place names).
WRITTEN = [
    "Huân chương Lao động hạng Nhì", "HCLĐ hạng III", "Cờ thi đua của Chính phủ", "Bằng khen TTCP",
    "Cờ thi đua TLĐ", "BK Tổng LĐLĐ VN", "Bằng Lao động sáng tạo",
    "Kỷ niệm chương Vì sự nghiệp xây dựng tổ chức Công đoàn", "Cờ thi đua của UBND tỉnh Bắc Kạn",
    "BẰNG KHEN CỦA CHỦ TỊCH UBND TỈNH", "Bằng khen của Liên đoàn Lao động tỉnh Bắc Kạn",
    "Giấy khen của Chủ tịch UBND huyện Nà Lương", "GK của LĐLĐ huyện", "Giấy khen của BCH Công đoàn ngành Giáo dục tỉnh",
    "Giấy khen của BCH CĐCS Trường Mầm non Bản Lằn",
]


@pytest.mark.parametrize("ranking", [DEFAULT_AWARD_RANKING, OLD_FOUR], ids=["default", "an old four-form event.toml"])
def test_forms_rank_by_the_hierarchy_even_with_an_old_ranking(ranking):
    ranks = [rank_form(f, ranking) for f in WRITTEN]
    assert all(form_known(f, ranking) for f in WRITTEN)
    assert ranks == sorted(ranks) and len(set(ranks)) == len(ranks), list(zip(WRITTEN, ranks, strict=True))


def test_an_events_own_order_wins_among_the_forms_it_names():
    mine = ["Giấy khen của LĐLĐ huyện", "Bằng khen của Chủ tịch UBND tỉnh"]  # the organiser's choice
    assert rank_form("Giấy khen LĐLĐ huyện", mine) < rank_form("BK Chủ tịch UBND tỉnh", mine)
    assert rank_form("Huân chương Lao động hạng Ba", mine) < rank_form("Giấy khen LĐLĐ huyện", mine)
    assert len(effective_ranking(tuple(mine))) == len(DEFAULT_AWARD_RANKING)


def test_levels_never_merge():
    assert not form_known("Giấy khen của Chủ tịch UBND xã", DEFAULT_AWARD_RANKING)
    assert rank_form("Bằng khen của LĐLĐ tỉnh", DEFAULT_AWARD_RANKING) != \
        rank_form("Bằng khen của Tổng LĐLĐ", DEFAULT_AWARD_RANKING)


def test_section_rows_name_the_form_and_the_decision():
    r = DEFAULT_AWARD_RANKING
    text = "I. BẰNG KHEN CỦA TỔNG LIÊN ĐOÀN LAO ĐỘNG VIỆT NAM (Quyết định số 123/QĐ-TLĐ ngày 1/4/2020)"
    assert form_of_section(text, r) == "Bằng khen của Tổng Liên đoàn Lao động Việt Nam"
    assert decision_in(text) == "Quyết định số 123/QĐ-TLĐ ngày 01/04/2020"
    assert decision_in("Kèm theo QĐ số 45/QĐ-LĐLĐ, ngày 02.04.2020 của BTV LĐLĐ huyện") == \
        "Quyết định số 45/QĐ-LĐLĐ ngày 02/04/2020 của BTV LĐLĐ huyện"
    assert form_of_section("1. Tập thể", r) == ""
    assert form_of_section("Lý Văn An", r) == ""


PEOPLE = [("Lò Văn Sáu", "Công ty TNHH Chè Khuổi Hao"), ("Hoàng Thị Nhàn", "Trường Mầm non Bản Lằn"),
          ("Bàn Văn Quý", "Hạt Kiểm lâm Pác Nặm"), ("Tô Thị Hằng", "Trường THCS Nà Lương")]


def _section_list(tmp_path):
    rows = [
        "DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC KHEN THƯỞNG", "",
        '"STT","Tên tập thể, cá nhân","Đơn vị","Thành tích","Người nhận"',
        '"I","GIẤY KHEN CỦA BAN CHẤP HÀNH LĐLĐ HUYỆN (Quyết định số 45/QĐ-LĐLĐ ngày 02/4/2020)","","",""',
        '"1","Tô Thị Hằng","Trường THCS Nà Lương","Giỏi việc trường","Tô Thị Hằng"',
        '"II","HUÂN CHƯƠNG LAO ĐỘNG HẠNG BA (Quyết định số 789/QĐ-CTN ngày 20/3/2020)","","",""',
        '"2","Lò Văn Sáu","Công ty TNHH Chè Khuổi Hao","Lao động sáng tạo",""',
        '"III","BẰNG KHEN CỦA TỔNG LIÊN ĐOÀN LAO ĐỘNG VIỆT NAM","","",""',
        '"","1. Tập thể","","",""',
        '"3","Tổ Chế biến, Công ty TNHH Chè Khuổi Hao","Công ty TNHH Chè Khuổi Hao","Xuất sắc","Lò Văn Sáu"',
        '"","2. Cá nhân","","",""',
        '"4","Hoàng Thị Nhàn","Trường Mầm non Bản Lằn","Giỏi",""',
        '"5","Bàn Văn Quý","Hạt Kiểm lâm Pác Nặm","Giỏi",""',
        '"","Tổng cộng: 05 tập thể, cá nhân","","",""',
    ]
    path = tmp_path / "khen-thuong-muc.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def _people(ev):
    for name, unit in PEOPLE:
        register_walk_in(ev, name=name, unit=unit, category=EXEMPLARY_INDIVIDUAL, reason="theo quyết định")


def test_a_list_with_section_row_forms_imports_and_is_called_highest_form_first(demo_event, tmp_path):
    ev = demo_event
    _people(ev)
    report = import_file(ev, _section_list(tmp_path))
    assert report.kind == "awards" and report.rows == 5 and not report.warnings
    rec = awards_record(ev)
    assert [r["form"] for r in rec] == ["Huân chương Lao động hạng Ba"] + \
        ["Bằng khen của Tổng Liên đoàn Lao động Việt Nam"] * 3 + ["Giấy khen của Ban Chấp hành LĐLĐ huyện"]
    assert rec[1]["recipient"].startswith("Tổ Chế biến") and rec[1]["collective"]  # collectives first
    assert rec[0]["decision"] == "Quyết định số 789/QĐ-CTN ngày 20/03/2020"
    assert rec[-1]["decision"] == "Quyết định số 45/QĐ-LĐLĐ ngày 02/04/2020"
    assert rec[1]["decision"] == ""  # the list gave none for this form


def test_a_decision_step_before_each_forms_first_batch(demo_event, tmp_path, clock):
    ev = demo_event
    _people(ev)
    import_file(ev, _section_list(tmp_path))
    # the organiser adds the missing decision in event.toml
    toml = (ev.folder / "event.toml").read_text(encoding="utf-8")
    (ev.folder / "event.toml").write_text(toml.replace("[vote]", '[awards.decisions]\n"Bằng khen của Tổng LĐLĐ Việt Nam" = '
                                                       '"Quyết định số 1234/QĐ-TLĐ ngày 25/3/2020"\n\n[vote]'), encoding="utf-8")
    from console.event import Event

    ev = Event(ev.folder, desk="ban-1", clock=clock)
    checkin_delegate(ev, 3)  # the provincial federation's deputy chair: presents and reads
    for d in ev.day.walk_ins.values():
        checkin_delegate(ev, d.id) if d.id not in ev.day.present else None
    clock._now = datetime(2020, 4, 15, 7, 30, tzinfo=VN_TZ)
    steps.start(ev)
    steps.jump(ev, "6")
    titles = [it.title for it in view(ev).items if it.id.startswith("khen_thuong/")]
    assert titles[0] == "Công bố quyết định: Huân chương Lao động hạng Ba"
    assert titles[1].startswith("Đợt 1: Huân chương")
    assert titles[2] == "Công bố quyết định: Bằng khen của Tổng Liên đoàn Lao động Việt Nam"
    assert titles[4] == "Công bố quyết định: Giấy khen của Ban Chấp hành LĐLĐ huyện"
    cur = view(ev).current
    assert "công bố Quyết định số 789/QĐ-CTN ngày 20/03/2020 về việc tặng Huân chương Lao động hạng Ba" in cur.mc_line
    assert "Nông Thế Giang, Phó Chủ tịch LĐLĐ tỉnh Bắc Kạn" in cur.mc_line
    steps.next_(ev, cur.id)  # the reading is over: the first batch is called
    assert view(ev).current.title.startswith("Đợt 1")
    assert plan_awards(ev).batches[0].decision == "Quyết định số 789/QĐ-CTN ngày 20/03/2020"
    assert plan_awards(ev).batches[1].decision == "Quyết định số 1234/QĐ-TLĐ ngày 25/3/2020"


def test_a_list_with_no_form_anywhere_says_so_once(demo_event, tmp_path):
    from console.ground.errors import UserError

    ev = demo_event
    _people(ev)
    before = ev.roster_store.table_docs("awards")
    path = tmp_path / "kt.csv"
    path.write_text('"STT","Tên tập thể, cá nhân","Đơn vị","Thành tích"\n'
                    + "".join(f'"{i}","{n}","{u}","Giỏi"\n' for i, (n, u) in enumerate(PEOPLE, 1)), encoding="utf-8")
    with pytest.raises(UserError) as exc:
        import_file(ev, path)
    text = str(exc.value)
    assert text.count("không biết hình thức khen thưởng") == 1 and "và 3 dòng khác" in text
    assert "I. BẰNG KHEN CỦA" in text
    assert ev.roster_store.table_docs("awards") == before  # nothing half-written


def _presenters(ev, present):
    return {b.form: (b.presenter_name, b.presenter_reason) for b in plan_awards(ev, present=present).batches}


def test_presenters_come_from_the_issuing_body_or_higher_never_a_company_director(demo_event):
    ev = demo_event
    everyone = ev.delegates()
    directors = {i for i, d in everyone.items() if d.position in ("Giám đốc", "Hiệu trưởng")}
    exemplary = {i for i, d in everyone.items() if d.exemplary}
    # the district federation's leaders are out; its Giấy khen goes to the district's leaders above it
    hall = exemplary | directors | {1, 2, 3, 6, 14}
    got = _presenters(ev, hall)
    name, why = got["Giấy khen của LĐLĐ huyện"]
    assert everyone[next(i for i in hall if everyone[i].name == name)].position in (
        "Phó Bí thư Thường trực Huyện ủy", "Chủ tịch UBND huyện", "Chủ tịch Ủy ban MTTQ huyện")
    assert "cấp trên" in why
    # its own chair is back: he presents it
    got = _presenters(ev, hall | {7})
    assert got["Giấy khen của LĐLĐ huyện"][0] == everyone[7].name and "của cơ quan khen" in got["Giấy khen của LĐLĐ huyện"][1]
    # the provincial federation's Bằng khen: its deputy chair
    assert got["Bằng khen của Ban Chấp hành LĐLĐ tỉnh"][0] == everyone[3].name
    # only directors, teachers and the press in the hall: nobody is chosen for the federation's form
    got = _presenters(ev, exemplary | directors | {14, 15})
    assert got["Giấy khen của LĐLĐ huyện"][0] == ""
    assert all(name == "" for name, _why in got.values())
