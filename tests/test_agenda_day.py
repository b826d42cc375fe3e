"""A whole simulated day through the core (no screen): steps, overruns, back, skip, pause,
re-timing, crash and resume — every number checked against the FakeClock."""

from __future__ import annotations

from datetime import datetime

import pytest

from console.agenda import steps
from console.agenda.report import day_summary, timings_report
from console.agenda.run import run_of
from console.agenda.timing import view
from console.door.checkin import checkin_delegate, checkout
from console.event import Event
from console.ground.clock import VN_TZ, parse_iso
from console.ground.errors import UserError


def at(h: int, m: int, s: int = 0) -> datetime:
    return datetime(2020, 4, 15, h, m, s, tzinfo=VN_TZ)


def hm(text: str) -> str:
    return parse_iso(text).strftime("%H:%M:%S")


def test_before_the_start_the_projection_is_the_plan(demo_event):
    v = view(demo_event)
    assert v.phase == "idle"
    assert v.planned_end == at(10, 40)  # 07:30 + 190 minutes of the district plan
    assert v.projected_end == at(10, 40)
    assert v.drift_minutes == 0
    assert [it.position for it, _t in v.next_items] == ["1", "2", "3"]
    assert v.next_items[0][1] == at(7, 30)
    s = day_summary(demo_event)
    assert s == {"opened_at": None, "closed_at": None, "planned_end": "2020-04-15T10:40:00.000+07:00",
                 "projected_end": "2020-04-15T10:40:00.000+07:00", "drift_minutes": 0.0, "current": None}


def test_steps_before_the_start_are_refused_in_vietnamese(demo_event):
    for step in (steps.next_, steps.back, steps.pause):
        with pytest.raises(UserError, match="chưa bắt đầu|Chưa có bước"):
            step(demo_event)
    assert not [e for e in demo_event.journal.entries if e.kind.startswith("agenda_")]


def test_a_whole_day(demo_dir, clock):
    ev = Event(demo_dir, desk="dieu-khien", clock=clock)
    clock._now = at(7, 32)
    steps.start(ev)
    v = view(ev)
    assert v.current.id == "van_nghe" and v.phase == "normal"
    assert v.projected_end == at(10, 42) and v.drift_minutes == pytest.approx(2)

    # The performance overruns by two minutes: red, counting up, the day pushed.
    clock.advance(minutes=13, seconds=30)
    assert view(ev).phase == "warning"  # 1 min 30 s left < 2 min threshold
    clock.advance(minutes=3, seconds=30)
    v = view(ev)
    assert v.phase == "over" and v.remaining_s == -120
    assert v.projected_end == at(10, 44) and v.drift_minutes == pytest.approx(4)  # 2 late + 2 over

    # Opening at 07:49; an accidental Next at 07:50, undone at 07:50:30.
    steps.next_(ev)
    clock.advance(minutes=1)
    steps.next_(ev)
    assert view(ev).current.id == "bao_cao"
    clock.advance(seconds=30)
    steps.back(ev)
    v = view(ev)
    assert v.current.id == "khai_mac"
    assert v.elapsed_s == 90  # the opening never stopped: its clock kept its own start
    assert run_of(ev).status("bao_cao") == "pending"

    # The re-timing proposal: 4 minutes late, cut from the elastic segments not yet begun.
    p = v.proposal
    assert p is not None and p.drift_before == pytest.approx(4, abs=0.1)
    assert {c.key for c in p.changes} <= {"tham_luan", "giao_luu", "khen_thuong", "huong_ung"}
    assert sum(c.old - c.new for c in p.changes) == 4
    assert all(c.new >= {"tham_luan": 20, "giao_luu": 10, "khen_thuong": 20, "huong_ung": 5}[c.key] for c in p.changes)
    steps.approve(ev)
    v = view(ev)
    assert v.projected_end == at(10, 40) and v.proposal is None

    # The report runs long but is protected; a pause of 3 min stops its count-down, not the day.
    clock.advance(minutes=8, seconds=30)  # 07:59 — opening took 10 minutes
    steps.next_(ev)
    clock.advance(minutes=10)
    steps.pause(ev)
    clock.advance(minutes=3)
    steps.resume(ev)
    v = view(ev)
    assert v.current.id == "bao_cao" and v.elapsed_s == 600
    assert v.drift_minutes == pytest.approx(3)
    steps.extend(ev, 1)
    assert view(ev).current.minutes == 31

    # Crash: a new Event (a new process, another laptop) on the same folder sees the same day.
    ev2 = Event(demo_dir, desk="may-du-phong", clock=clock)
    v2 = view(ev2)
    assert v2.current.id == "bao_cao" and v2.elapsed_s == 600 and v2.current.minutes == 31
    assert v2.projected_end == view(ev).projected_end

    # The rest of the day from the second laptop: skip the exchange, jump, come back.
    clock.advance(minutes=21)  # report ran its 31 minutes
    steps.next_(ev2)  # tham_luan (no sub-steps in the demo without the ceremony lists)
    clock.advance(minutes=40)
    steps.next_(ev2)  # giao_luu
    steps.skip(ev2)  # the exchange did not happen
    assert view(ev2).current.id == "khen_thuong"
    clock.advance(minutes=25)
    steps.jump(ev2, "9")  # vote before the launch: 7 and 8 stay pending
    clock.advance(minutes=5)
    steps.next_(ev2)  # 10, the closing, is next in order
    assert view(ev2).current.id == "be_mac"
    clock.advance(minutes=5)
    steps.next_(ev2)  # then the left-behind launch
    assert view(ev2).current.id == "phat_dong"
    clock.advance(minutes=10)
    steps.next_(ev2)
    clock.advance(minutes=5)
    steps.next_(ev2)  # nothing left: closed
    v = view(ev2)
    assert v.phase == "closed" and v.state.closed_at == v.now
    with pytest.raises(UserError, match="đã kết thúc"):
        steps.next_(ev2)

    rows = {r["position"]: r for r in timings_report(ev2)}
    assert rows["1"]["status"] == "done" and rows["1"]["actual_minutes"] == 17
    assert hm(rows["2"]["actual_start"]) == "07:49:00" and rows["2"]["actual_minutes"] == 10
    assert rows["3"]["actual_minutes"] == 31 and rows["3"]["planned_minutes"] == 30  # pause excluded
    assert rows["5"]["status"] == "skipped" and rows["5"]["actual_start"] is None
    assert rows["7"]["status"] == "done" and rows["8"]["status"] == "done"
    assert all(r["status"] in ("done", "skipped") for r in rows.values())
    s = day_summary(ev2)
    assert s["closed_at"] == s["projected_end"] and s["current"] is None
    assert hm(s["opened_at"]) == "07:32:00"


def test_skip_before_the_start_drops_the_performance(demo_event, clock):
    steps.skip(demo_event)
    assert view(demo_event).projected_end == at(10, 25)  # 15 minutes fewer
    clock.advance(minutes=30)
    steps.start(demo_event)
    assert view(demo_event).current.id == "khai_mac"
    assert run_of(demo_event).status("van_nghe") == "skipped"


def test_a_second_control_cannot_move_from_an_item_it_no_longer_shows(demo_event, clock):
    steps.start(demo_event)
    steps.next_(demo_event, expect="van_nghe")
    with pytest.raises(UserError, match="máy khác"):
        steps.next_(demo_event, expect="van_nghe")
    assert view(demo_event).current.id == "khai_mac"


def test_early_day_gives_back_minutes_cut_before(demo_event, clock):
    clock._now = at(7, 40)
    steps.start(demo_event)
    steps.approve(demo_event)  # 10 late → 10 minutes cut
    assert view(demo_event).drift_minutes == pytest.approx(0)
    clock.advance(minutes=2)
    steps.next_(demo_event)  # the performance took 2 of its 15 minutes: 13 early
    v = view(demo_event)
    assert v.drift_minutes == pytest.approx(-13)
    p = v.proposal
    assert p is not None and sum(c.new - c.old for c in p.changes) == 10  # never past the plan
    assert all(c.new <= c.old + 10 for c in p.changes)


def test_introduction_lists_only_guests_in_the_hall_in_protocol_order(demo_event):
    for did in (14, 7, 3, 2, 27):  # a reporter, the district chair, the provincial vice-chair …
        checkin_delegate(demo_event, did)
    checkout(demo_event, 27)  # left the hall: not introduced
    checkin_delegate(demo_event, 60)  # an exemplary delegate: counted, not named
    steps.start(demo_event)
    steps.next_(demo_event)
    cur = view(demo_event).current
    assert cur.id == "khai_mac"
    # Three speakers, as in real scripts: the MC states the purpose citing the plan and introduces
    # the guests; after the welcome, the presider ({presider} from the default roles) opens.
    assert "Thực hiện Kế hoạch của LĐLĐ tỉnh Bắc Kạn" in cur.mc_line
    assert cur.mc_after == "Trân trọng kính mời đồng chí Chủ tịch LĐLĐ huyện Nà Lương lên phát biểu khai mạc hội nghị."
    names = [line.split(",")[0] for line in cur.mc_list if line.startswith("Đồng chí")]
    assert names[:4] == ["Đồng chí Nông Thế Giang", "Đồng chí Dương Minh Ân", "Đồng chí Nguyễn Hữu Nghĩa",
                         "Đồng chí Phạm Thế Định"]
    # grouped by side, as a script reads it
    assert cur.mc_list[:2] == ["Về phía Liên đoàn Lao động tỉnh:",
                               "Đồng chí Nông Thế Giang, Phó Chủ tịch LĐLĐ tỉnh Bắc Kạn;"]
    assert cur.mc_list[2] == "Về phía lãnh đạo huyện:"
    assert not any("Nguyễn Minh Trường" in line for line in cur.mc_list)
    assert cur.mc_list[-2].startswith("Cùng 1 đồng chí đại biểu")
    assert cur.mc_list[-1] == "Đề nghị hội nghị nhiệt liệt hoan nghênh!"


def test_roles_come_from_agenda_toml(demo_dir, clock):
    path = demo_dir / "agenda.toml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        'presider = ""', 'presider = "Nguyễn Hữu Nghĩa, Chủ tịch LĐLĐ huyện"'), encoding="utf-8")
    ev = Event(demo_dir, clock=clock)
    steps.skip(ev)
    steps.start(ev)
    assert view(ev).current.mc_after.startswith("Trân trọng kính mời đồng chí Nguyễn Hữu Nghĩa, Chủ tịch LĐLĐ huyện lên")
