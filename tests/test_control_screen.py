"""The control laptop, driven by keys with a FakeClock: a simulated day, an accidental
Next undone with one key, approval of the re-timing proposal, a crash and resume."""

from __future__ import annotations

from datetime import datetime

import pytest

from console.agenda.report import day_summary, timings_report
from console.agenda.timing import view
from console.event import Event
from console.ground.clock import VN_TZ, FakeClock

pytestmark = pytest.mark.asyncio


def agenda_kinds(folder) -> list[str]:
    ev = Event(folder)
    return [e.kind for e in ev.journal.entries if e.kind.startswith("agenda_")]


async def refresh(app, pilot) -> None:
    app.screen.refresh_view()
    await pilot.pause()


async def test_a_simulated_day_on_the_control_laptop(demo_dir, demo_app):
    clock = FakeClock(datetime(2020, 4, 15, 7, 30, tzinfo=VN_TZ))
    app = demo_app("control", role="control", desk="dieu-khien", clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert type(screen).__name__ == "ControlScreen"
        await pilot.press("n")  # Next before the start: refused, nothing written
        assert "chưa bắt đầu" in str(screen.query_one("#control-message").render())
        await pilot.press("s")
        assert screen.last_view.current.id == "van_nghe"

        clock.advance(minutes=17)  # the performance runs 2 minutes over
        await refresh(app, pilot)
        assert screen.last_view.phase == "over"
        assert "+02:00" in str(screen.query_one("#control-clock").render())
        await pilot.press("n")
        clock.advance(seconds=40)
        await pilot.press("n")  # accidental
        assert screen.last_view.current.id == "bao_cao"
        await pilot.press("b")  # one key undoes it
        v = screen.last_view
        assert v.current.id == "khai_mac" and v.elapsed_s == 40

        assert v.proposal is not None and v.drift_minutes == 2
        await pilot.press("a")
        assert screen.last_view.proposal is None
        assert screen.last_view.drift_minutes == 0

        await pilot.press("p")
        clock.advance(minutes=3)
        await pilot.press("p")
        await pilot.press("plus")
        v = screen.last_view
        assert v.state.paused is False and v.current.minutes == 11 and v.elapsed_s == 40

        # Jump to the row the operator selected: segment 5.
        table = screen.query_one("#control-table")
        table.move_cursor(row=4)
        await pilot.press("g")
        assert screen.last_view.current.id == "giao_luu"
        await pilot.press("k")  # the exchange did not happen
        assert screen.last_view.current.id == "khen_thuong"
        assert table.get_row("5")[1].plain == "✗ bỏ"
    assert agenda_kinds(demo_dir) == ["agenda_start", "agenda_next", "agenda_next", "agenda_back", "agenda_retime",
                                      "agenda_pause", "agenda_resume", "agenda_extend", "agenda_jump", "agenda_skip"]

    # Crash and resume: a new app (a new process) on the same folder, 5 minutes later.
    clock.advance(minutes=5)
    app2 = demo_app("control", role="control", desk="may-du-phong", clock=clock)
    async with app2.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        v = app2.screen.last_view
        assert v.current.id == "khen_thuong" and v.elapsed_s == 300
        rows = {r["position"]: r for r in timings_report(app2.event)}
        assert rows["1"]["actual_minutes"] == 17 and rows["1"]["status"] == "done"
        assert rows["2"]["status"] == "done" and rows["3"]["status"] == "pending"
        assert rows["5"]["status"] == "skipped" and rows["6"]["status"] == "running"
        # Planned end 10:40; now 07:57 with 3, 4 still to come and 6 at 5 of its minutes.
        s = day_summary(app2.event)
        assert s["current"] == "Biểu dương, tôn vinh, khen thưởng"
        assert s["projected_end"] == view(app2.event).projected_end.isoformat(timespec="milliseconds")


async def test_the_table_follows_the_day_and_keeps_the_operator_row(demo_dir, demo_app):
    clock = FakeClock(datetime(2020, 4, 15, 7, 30, tzinfo=VN_TZ))
    app = demo_app("control", role="control", clock=clock)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert screen.check_action("step", ("start",)) and not screen.check_action("step", ("back",))
        await pilot.press("s", "n")
        # Keys that make no sense now leave the footer (80 columns hold the rest).
        assert not screen.check_action("step", ("start",)) and screen.check_action("step", ("back",))
        assert not screen.check_action("step", ("approve",))  # on time: nothing to approve
        table = app.screen.query_one("#control-table")
        assert table.cursor_row == 1  # on the running item
        table.move_cursor(row=6)
        clock.advance(seconds=5)
        await refresh(app, pilot)
        assert table.cursor_row == 6  # a tick does not steal the operator's row
        assert table.get_row("2")[1].plain == "▶ đang"


async def test_a_second_control_moved_the_day_first(demo_dir, demo_app):
    """Two laptops: the second presses Next on what it still shows; the step is refused."""
    clock = FakeClock(datetime(2020, 4, 15, 7, 30, tzinfo=VN_TZ))
    # No poll and no folder notification: this screen has not caught up when Next is pressed.
    app = demo_app("control", role="control", poll_seconds=60, clock=clock, watch_folder=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        other = Event(demo_dir, desk="may-2", clock=clock)
        from console.agenda import steps as agenda_steps

        agenda_steps.next_(other)  # the other laptop moved on; this screen has not polled yet
        await pilot.press("n")
        assert "máy khác" in str(app.screen.query_one("#control-message").render())
        app.poll_folder()
        await pilot.pause()
        assert app.screen.last_view.current.id == "khai_mac"
    assert agenda_kinds(demo_dir) == ["agenda_start", "agenda_next"]
