"""The introduction of guests read like a real script: sides, protocol order, the welcome."""

from __future__ import annotations

from console.ceremony.introductions import introductions, lines_for, office, rule_order, unranked
from console.door.checkin import checkin_delegate, register_walk_in
from console.people.categories import GUEST
from console.people.roster import Delegate

# Ten guests of our own, offices as real scripts write them (Hải Hậu 2020, Gò Dầu 2020, union congresses).
OWN = [
    ("Hà Văn Lâm", "Tỉnh ủy viên, Bí thư Huyện ủy", "Huyện ủy Nà Lương"),
    ("Lương Thị Mai", "Chủ tịch HĐND huyện", "HĐND huyện Nà Lương"),
    ("Triệu Văn Sình", "Ủy viên BTV Huyện ủy, Trưởng Ban Tuyên giáo Huyện ủy", "Huyện ủy Nà Lương"),
    ("Ma Thị Thu", "Ủy viên Ban Thường vụ, Trưởng Ban Tổ chức LĐLĐ tỉnh", "LĐLĐ tỉnh Bắc Kạn"),
    ("Đinh Văn Hưng", "Trưởng Công an huyện", "Công an huyện Nà Lương"),
    ("Lục Văn Phong", "Phó Giám đốc Sở Lao động – Thương binh và Xã hội",
     "Sở Lao động – Thương binh và Xã hội tỉnh Bắc Kạn"),
    ("Bàn Văn Quý", "Chủ tịch UBND xã", "UBND xã Cẩm Giàng"),
    ("Nông Văn Khải", "Giám đốc", "Công ty Điện lực Bắc Kạn"),
    ("Tô Thị Hằng", "Chủ tịch Công đoàn cơ sở", "Công ty TNHH Chè Khuổi Hao"),
    ("Hoàng Văn Thạch", "Nguyên Chủ tịch LĐLĐ huyện", "LĐLĐ huyện Nà Lương"),
]

EXPECTED = [
    "Về phía Liên đoàn Lao động tỉnh:",
    "Phó Chủ tịch LĐLĐ tỉnh Bắc Kạn",
    "Ủy viên Ban Thường vụ, Trưởng Ban Tổ chức LĐLĐ tỉnh Bắc Kạn",
    "Về phía các sở, ban, ngành, đoàn thể tỉnh:",
    "Phó Giám đốc Sở Lao động – Thương binh và Xã hội tỉnh Bắc Kạn",
    "Về phía lãnh đạo huyện:",
    "Tỉnh ủy viên, Bí thư Huyện ủy Nà Lương",
    "Phó Bí thư Thường trực Huyện ủy Nà Lương",
    "Chủ tịch HĐND huyện Nà Lương",
    "Chủ tịch UBND huyện Nà Lương",
    "Chủ tịch Ủy ban MTTQ huyện Nà Lương",
    "Ủy viên BTV Huyện ủy, Trưởng Ban Tuyên giáo Huyện ủy Nà Lương",
    "Trưởng Ban Dân vận Huyện ủy Nà Lương",
    "Phó Chủ tịch HĐND huyện Nà Lương",
    "Về phía Liên đoàn Lao động huyện:",
    "Chủ tịch LĐLĐ huyện Nà Lương",
    "Phó Chủ tịch LĐLĐ huyện Nà Lương",
    "Nguyên Chủ tịch LĐLĐ huyện Nà Lương",
    "Về phía các phòng, ban, ngành, đoàn thể huyện:",
    "Trưởng phòng Giáo dục và Đào tạo UBND huyện Nà Lương",  # heads of equal rank: by name (Hòa, Hưng, Quyên)
    "Trưởng Công an huyện Nà Lương",
    "Trưởng phòng Nội vụ UBND huyện Nà Lương",
    "Chủ tịch Hội LHPN huyện Nà Lương",  # mass organisations' heads: by name (Cường, Ước)
    "Bí thư Huyện đoàn Nà Lương",
    "Về phía các cơ quan, đơn vị huyện:",
    "Giám đốc Trung tâm Y tế huyện Nà Lương",
    "Về phía lãnh đạo xã:",
    "Chủ tịch UBND xã Cẩm Giàng",
    "Về phía các cơ quan, đơn vị, doanh nghiệp:",
    "Giám đốc Công ty Điện lực Bắc Kạn",
    "Về phía công đoàn các cơ quan, đơn vị:",
    "Chủ tịch Công đoàn cơ sở Công ty TNHH Chè Khuổi Hao",
    "Về phía các cơ quan thông tấn, báo chí:",
    "Phóng viên Báo Bắc Kạn",
    "Phóng viên Đài Phát thanh – Truyền hình tỉnh",
]


def _hall(event):
    for i in range(1, 16):  # the demo's fifteen named guests (the rest are made-up unit heads)
        assert event.delegates()[i].category == GUEST
        checkin_delegate(event, i)
    for name, position, unit in OWN:
        register_walk_in(event, name=name, unit=unit, category=GUEST, position=position)


def test_demo_guests_and_ten_of_our_own_are_introduced_in_protocol_order_by_side(demo_event):
    _hall(demo_event)
    lines = introductions(demo_event)
    offices = [line if line.startswith("Về phía") else line.split(", ", 1)[1].rstrip(";.") for line in lines[:-1]]
    assert offices == EXPECTED
    assert lines[-1] == "Đề nghị hội nghị nhiệt liệt hoan nghênh!"
    assert lines[-2].endswith(".")  # the last guest closes with a full stop
    # every side is opened once: no "Về phía" line repeats
    sides = [line for line in lines if line.startswith("Về phía")]
    assert len(sides) == len(set(sides))


def test_position_and_unit_are_said_once():
    assert office("Chủ tịch Ủy ban MTTQ huyện", "Ủy ban MTTQ Việt Nam huyện Bạch Thông") == \
        "Chủ tịch Ủy ban MTTQ Việt Nam huyện Bạch Thông"
    assert office("Chủ tịch Hội Liên hiệp Phụ nữ huyện", "Hội LHPN huyện Nà Lương") == "Chủ tịch Hội LHPN huyện Nà Lương"
    assert office("Phó Chủ tịch LĐLĐ tỉnh", "LĐLĐ tỉnh Bắc Kạn") == "Phó Chủ tịch LĐLĐ tỉnh Bắc Kạn"
    assert office("Trưởng Ban Dân vận Huyện ủy", "Huyện ủy Nà Lương") == "Trưởng Ban Dân vận Huyện ủy Nà Lương"
    # two different bodies, or two levels: both are said
    assert office("Chủ tịch Hội Nông dân huyện", "Hội LHPN huyện Nà Lương") == \
        "Chủ tịch Hội Nông dân huyện Hội LHPN huyện Nà Lương"
    assert office("Phó Chủ tịch LĐLĐ tỉnh", "LĐLĐ huyện Nà Lương") == "Phó Chủ tịch LĐLĐ tỉnh LĐLĐ huyện Nà Lương"


def _guest(i, position, unit, order=None, name=None):
    return Delegate(i, name or f"Nguyễn Văn {chr(65 + i)}", GUEST, unit=unit, position=position,
                    extra={"intro_order": order} if order is not None else {})


def test_the_organisers_numbers_come_first_then_protocol():
    guests = [_guest(1, "Chủ tịch UBND huyện", "UBND huyện Nà Lương"),
              _guest(2, "Phóng viên", "Báo Bắc Kạn", order=2),
              _guest(3, "Bí thư Huyện ủy", "Huyện ủy Nà Lương"),
              _guest(4, "Giám đốc", "Công ty Điện lực Bắc Kạn", order=1)]
    assert [it.delegate.id for it in rule_order(guests)] == [4, 2, 3, 1]


def test_unknown_offices_are_last_and_named_in_a_warning(demo_event):
    register_walk_in(demo_event, name="Lưu Văn Kế", unit="Gia đình", category=GUEST, position="Nghệ nhân")
    register_walk_in(demo_event, name="Dương Minh Ân 2", unit="UBND huyện Nà Lương", category=GUEST,
                     position="Chủ tịch UBND huyện")
    lines = introductions(demo_event)
    assert lines == ["Về phía lãnh đạo huyện:", "Đồng chí Dương Minh Ân 2, Chủ tịch UBND huyện Nà Lương;",
                     "Về phía các đại biểu khách mời khác:", "Đồng chí Lưu Văn Kế, Nghệ nhân Gia đình.",
                     "Đề nghị hội nghị nhiệt liệt hoan nghênh!"]
    warn = unranked(demo_event)
    assert len(warn) == 1 and "Lưu Văn Kế" in warn[0] and "Thứ tự giới thiệu" in warn[0]


def test_an_office_that_does_not_fit_its_body_is_flagged_not_guessed():
    from console.people.protocol import standing

    # "Giám đốc" of a commune People's Committee: no such office; the organiser is asked
    assert not standing("Giám đốc", "UBND xã Thôm Mò").known


def test_lines_for_nobody_is_empty():
    assert lines_for([]) == []


def test_the_guest_lists_own_order_column_is_read_and_comes_first(tmp_path, clock):
    from datetime import date, time

    from console.event import Event, create_event
    from console.importer import import_file

    create_event(tmp_path / "ev", unit="LĐLĐ huyện Nà Lương", level="huyen-nganh", event_date=date(2020, 4, 15),
                 start=time(7, 30))
    ev = Event(tmp_path / "ev", desk="ban-1", clock=clock)
    path = tmp_path / "ds.csv"
    path.write_text("STT,Họ và tên,Năm sinh,Chức vụ,Đơn vị,Thành phần,Thứ tự giới thiệu\n"
                    "1,Dương Minh Ân,1970,Chủ tịch UBND huyện,UBND huyện Nà Lương,Khách mời,\n"
                    "2,Nông Thế Giang,1968,Phó Chủ tịch LĐLĐ tỉnh,LĐLĐ tỉnh Bắc Kạn,Khách mời,\n"
                    "3,Lò Văn Sáu,1975,Nghệ nhân dân gian,Bản Lằn,Khách mời,1\n", encoding="utf-8")
    import_file(ev, path)
    for d in ev.delegates().values():
        checkin_delegate(ev, d.id)
    names = [line.split(",")[0] for line in introductions(ev) if line.startswith("Đồng chí")]
    assert names == ["Đồng chí Lò Văn Sáu", "Đồng chí Nông Thế Giang", "Đồng chí Dương Minh Ân"]
    assert unranked(ev) == []  # placed by the organiser: nothing to warn about


def test_moving_a_guest_is_journaled_and_shown_by_order_guests(demo_dir, cli):
    from console.event import Event

    ev = Event(demo_dir)
    for i in (1, 2, 3):
        checkin_delegate(ev, i)
    out = cli("order", str(demo_dir), "guests")
    assert out.returncode == 0, out.stderr
    assert out.stdout.index("Nông Thế Giang") < out.stdout.index("Hà Ngọc Phúc") < out.stdout.index("Dương Minh Ân")
    moved = cli("order-move", str(demo_dir), "guests", "0002", "up")
    assert moved.returncode == 0 and "Dương Minh Ân" in moved.stdout
    ev = Event(demo_dir)
    assert ev.journal.entries[-1].kind == "ceremony_order" and ev.journal.entries[-1].data["list"] == "guests"
    names = [line.split(",")[0] for line in introductions(ev) if line.startswith("Đồng chí")]
    assert names == ["Đồng chí Nông Thế Giang", "Đồng chí Dương Minh Ân", "Đồng chí Hà Ngọc Phúc"]
    bad = cli("order-move", str(demo_dir), "guests", "0100", "up")
    assert bad.returncode != 0 and "không phải khách mời đang có mặt" in bad.stderr and "Traceback" not in bad.stderr


def test_a_guest_who_comes_after_the_introduction_is_introduced_at_the_next_item(demo_event, clock):
    from datetime import datetime

    from console.agenda import steps
    from console.agenda.timing import view
    from console.ground.clock import VN_TZ

    ev = demo_event
    for i in (1, 2):
        checkin_delegate(ev, i)
    clock._now = datetime(2020, 4, 15, 7, 30, tzinfo=VN_TZ)
    steps.start(ev)
    steps.next_(ev)
    assert view(ev).current.id == "khai_mac"
    clock.advance(minutes=3)
    checkin_delegate(ev, 3)  # the provincial federation's deputy chair arrives during the opening
    clock.advance(minutes=5)
    steps.next_(ev)
    cur = view(ev).current
    assert cur.mc_line.startswith("Giới thiệu bổ sung: về dự hội nghị còn có đồng chí Nông Thế Giang, "
                                  "Phó Chủ tịch LĐLĐ tỉnh Bắc Kạn. Đề nghị hội nghị nhiệt liệt hoan nghênh!")
    clock.advance(minutes=5)
    steps.next_(ev)
    assert "Giới thiệu bổ sung" not in view(ev).current.mc_line  # said once
