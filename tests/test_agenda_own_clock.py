"""Each speaker's own clock: a speech, a response, an award batch counts down its own planned
minutes; what is saved shows as the segment running early; planned stays planned in the
timings and the report's Thời gian sheet. One source of truth for a segment's minutes."""

from __future__ import annotations

from datetime import datetime

import pytest

from console.agenda import steps
from console.agenda.report import timings_report
from console.agenda.timing import view
from console.ceremony.speeches import plan_speeches
from console.door.checkin import checkin_delegate
from console.ground.clock import VN_TZ
from console.ground.errors import UserError


def _morning(ev, clock):
    for i in sorted(ev.imported):
        checkin_delegate(ev, i)
    clock._now = datetime(2020, 4, 15, 7, 30, tzinfo=VN_TZ)
    steps.start(ev)
    for minutes in (15, 10, 30):  # performance, opening, report as planned
        clock.advance(minutes=minutes)
        steps.next_(ev)


def test_a_simulated_morning_each_speaker_counts_down_their_own_minutes(demo_event, clock):
    ev = demo_event
    _morning(ev, clock)
    own = {f"tham_luan/speech:{p.item.key}": p.item.minutes for p in plan_speeches(ev).selected}
    assert len(own) >= 3
    shown, ends = {}, []
    ran = [3.0, 11.0, 2.0]  # early, late, very early; then the rest as planned
    n = 0
    while (v := view(ev)).current is not None and v.current.segment_key == "tham_luan":
        cur = v.current
        shown[cur.id] = cur.minutes
        ends.append(v.projected_end)
        took = ran[n] if n < len(ran) else cur.minutes
        n += 1
        clock.advance(minutes=took)
        steps.next_(ev)
    for iid, minutes in shown.items():  # its own 7 (or 6, 8) minutes — never the rest of the 45
        assert minutes == own.get(iid, minutes) and minutes <= 10, (iid, minutes)
    first, second = list(shown)[:2]
    # Time saved shows in the forecast at once: the first speaker saved (own − 3) minutes.
    assert (ends[0] - ends[1]).total_seconds() / 60 == pytest.approx(own[first] - 3, abs=0.01)
    # … and a late one pushes it back by what she overran.
    assert (ends[2] - ends[1]).total_seconds() / 60 == pytest.approx(11 - own[second], abs=0.01)

    rows = {r["position"]: r for r in timings_report(ev)}
    subs = [r for p, r in rows.items() if p.startswith("4.")]
    planned = [r["planned_minutes"] for r in subs if r["status"] == "done"]
    assert planned == [shown[i] for i in shown][: len(planned)]  # planned stays planned
    assert [r["actual_minutes"] for r in subs][:3] == ran
    assert rows["4"]["planned_minutes"] == 45

    from console.record import sheets

    table = sheets.timings(ev)  # the report's Thời gian sheet
    sheet_planned = {r[0]: r[3] for r in table.rows}
    for r in subs:
        assert float(str(sheet_planned[r["position"]]).replace(",", ".")) == pytest.approx(r["planned_minutes"])


def test_a_batch_keeps_the_minutes_it_began_with_after_the_pace_is_learned(demo_event, clock):
    ev = demo_event
    _morning(ev, clock)
    steps.jump(ev, "6")
    first = view(ev).current
    began_with = first.minutes
    clock.advance(minutes=began_with * 3)  # the first batch is slow: the pace learned changes
    steps.next_(ev)
    second = view(ev).current
    rows = {r["position"]: r for r in timings_report(ev)}
    assert rows[first.position]["planned_minutes"] == pytest.approx(round(began_with, 2))
    assert rows[first.position]["actual_minutes"] == pytest.approx(round(began_with * 3, 2))
    clock.advance(minutes=1)
    steps.next_(ev)
    rows = {r["position"]: r for r in timings_report(ev)}
    assert rows[second.position]["planned_minutes"] == pytest.approx(round(second.minutes, 2))


def test_the_speech_planner_reads_the_minutes_of_the_agenda_the_control_runs(tmp_path, cli):
    """A grassroots conference: the default plan gives Tham luận 30 minutes (not 45)."""
    from console.event import Event

    folder = tmp_path / "co-so"
    assert cli("init", folder, "--level", "co-so", "--name", "CĐCS Trường THCS Nà Phặc",
               "--date", "20/05/2025").returncode == 0
    (folder / "agenda.toml").unlink()  # the level's default plan, not a file
    ev = Event(folder)
    assert plan_speeches(ev).budget == 30
    assert plan_speeches(ev, "huong_ung").budget == 10


def test_an_edited_agenda_is_the_speech_budget(demo_dir):
    from console.event import Event

    path = demo_dir / "agenda.toml"
    text = path.read_text(encoding="utf-8")
    head, tail = text.split('key = "tham_luan"', 1)
    tail = tail.replace("minutes = 45", "minutes = 33", 1)
    path.write_text(head + 'key = "tham_luan"' + tail, encoding="utf-8")
    assert plan_speeches(Event(demo_dir)).budget == 33


def test_minus_on_a_protected_segment_stops_at_its_minimum(demo_event, clock):
    ev = demo_event
    clock._now = datetime(2020, 4, 15, 7, 30, tzinfo=VN_TZ)
    steps.start(ev)
    steps.jump(ev, "3")  # the report: protected, 30 minutes
    with pytest.raises(UserError, match="giữ nguyên.*không bớt dưới 30 phút"):
        steps.extend(ev, -1)
    steps.extend(ev, 2)
    steps.extend(ev, -1)
    steps.extend(ev, -1)  # back to its 30: allowed
    with pytest.raises(UserError, match="không bớt dưới 30 phút"):
        steps.extend(ev, -1)
    assert view(ev).current.minutes == 30
    steps.jump(ev, "1")  # an elastic one may go below its minimum by hand
    steps.extend(ev, -1)
    assert view(ev).current.minutes == 14


def test_back_at_the_first_segment_says_there_is_nothing_to_undo(demo_event):
    steps.start(demo_event)
    with pytest.raises(UserError, match="mục đầu tiên.*chưa có bước chuyển nào để lùi"):
        steps.back(demo_event)


def test_after_the_end_nothing_comes_next_and_no_batch_is_left_not_held(demo_event, clock):
    ev = demo_event
    _morning(ev, clock)
    steps.jump(ev, "6")
    steps.skip(ev)  # a batch that could not go up
    while view(ev).current is not None:
        clock.advance(minutes=2)
        steps.next_(ev)
    v = view(ev)
    assert v.state.closed and v.next_items == []
    rows = timings_report(ev)
    pending = [r for r in rows if r["status"] == "pending"]
    assert pending == []  # no phantom "Chưa diễn ra" after the day


def test_a_rehearsal_runs_its_forecast_from_its_own_start(demo_dir):
    from console.event import Event
    from console.ground.clock import FakeClock

    clock = FakeClock(datetime(2020, 4, 14, 14, 5, tzinfo=VN_TZ))  # the afternoon before
    ev = Event(demo_dir, clock=clock)
    assert view(ev).rehearsal
    assert view(ev).next_items[0][1].strftime("%H:%M") == "07:30"  # before it opens: the plan
    steps.start(ev)
    clock.advance(minutes=15)
    steps.next_(ev)
    v = view(ev)
    assert v.rehearsal and round(v.drift_minutes) == 0  # on time, not 6 hours 35 late
    assert v.proposal is None


def test_on_the_event_day_it_is_no_rehearsal(demo_event, clock):
    clock._now = datetime(2020, 4, 15, 7, 30, tzinfo=VN_TZ)
    assert not view(demo_event).rehearsal


def test_a_message_to_the_cue_is_journaled_and_stays_until_cleared(demo_event, clock):
    ev = demo_event
    with pytest.raises(UserError, match="Màn hình MC không có tin nhắn"):
        steps.clear_message(ev)
    with pytest.raises(UserError, match="trống"):
        steps.send_message(ev, "   \n ")
    with pytest.raises(UserError, match="dài quá 120 ký tự"):
        steps.send_message(ev, "Còn " * 40)
    steps.send_message(ev, "Còn\x1b[31m 2 phút\n")  # control characters never reach the MC's screen
    from console.agenda.run import run_of

    assert run_of(ev).message.text == "Còn [31m 2 phút"
    steps.start(ev)
    steps.next_(ev)
    steps.back(ev)  # Back undoes a move, never a message
    assert run_of(ev).message is not None
    steps.clear_message(ev)
    assert run_of(ev).message is None
    kinds = [e.kind for e in ev.journal.entries if e.kind.startswith("cue_")]
    assert kinds == ["cue_message", "cue_clear"]
