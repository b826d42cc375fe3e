"""The MC cue screen: read-only, follows the journal, amber at the warning, red and
counting up when over, the guests present in protocol order, readable at 80×24 and ~170×45.

Screenshots go to tmp_path; set HOINGHI_SHOTS=/work/briefs/shots to keep them."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

import pytest

from console.agenda import steps
from console.door.checkin import checkin_delegate
from console.event import Event
from console.ground.clock import VN_TZ, FakeClock

pytestmark = pytest.mark.asyncio


def opened_day(folder) -> tuple[Event, FakeClock]:
    """07:33: the performance started late, ran 15 minutes; the opening began 07:48."""
    clock = FakeClock(datetime(2020, 4, 15, 7, 33, tzinfo=VN_TZ))
    ev = Event(folder, desk="dieu-khien", clock=clock)
    for did in (14, 3, 7, 2, 60, 61):  # a reporter, the provincial vice-chair, the district chair …
        checkin_delegate(ev, did)
    steps.start(ev)
    clock.advance(minutes=15)
    steps.next_(ev)
    return ev, clock


def shot_dir(tmp_path: Path) -> Path:
    target = Path(os.environ.get("HOINGHI_SHOTS") or tmp_path)
    target.mkdir(parents=True, exist_ok=True)
    return target


async def tick(app, pilot) -> None:
    app.screen.refresh_view()
    await pilot.pause()


@pytest.mark.parametrize("size", [(80, 24), (170, 45)])
async def test_cue_warning_then_overrun(demo_dir, tmp_path, size, demo_app):
    ev, clock = opened_day(demo_dir)
    app = demo_app("cue", role="cue", clock=clock)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        screen = app.screen
        clock.advance(minutes=8, seconds=30)  # 1:30 left of 10 minutes: amber
        await tick(app, pilot)
        big = screen.query_one("#cue-clock")
        assert (big.text, big.phase) == ("01:30", "warning")
        assert screen.has_class("-warning")
        assert "SẮP HẾT GIỜ" in str(screen.query_one("#cue-clock-side").render())
        name = f"cue-warning-{size[0]}x{size[1]}.svg"
        app.save_screenshot(str(shot_dir(tmp_path) / name))
        clock.advance(minutes=3, seconds=15)  # 1:45 over: red, counting up
        await tick(app, pilot)
        assert (big.text, big.phase) == ("+01:45", "over")
        assert screen.has_class("-over") and not screen.has_class("-warning")
        svg_path = shot_dir(tmp_path) / f"cue-overrun-{size[0]}x{size[1]}.svg"
        app.save_screenshot(str(svg_path))
        svg = svg_path.read_text(encoding="utf-8")
        assert "VƯỢT" in svg and "Tiếp" in svg

        # Everything the MC needs is on the screen, clock rows as tall as the terminal allows.
        for wid in ("#cue-title", "#cue-clock", "#cue-mc-box", "#cue-next", "#cue-day"):
            region = screen.query_one(wid).region
            assert region.height >= 1 and region.bottom <= size[1] - 1, wid
        assert big.region.height == (5 if size[1] < 34 else 15)
        day = str(screen.query_one("#cue-day").render())
        assert "kế hoạch 10:40 · dự báo 10:45 (trễ +5 phút)" in day  # started 3 late, 1:45 over
        assert "Đề xuất phân bổ lại" in day  # the cue shows it, the control approves it


async def test_cue_never_changes_the_day(demo_dir, demo_app):
    ev, clock = opened_day(demo_dir)
    before = len(ev.journal.entries)
    app = demo_app("cue", role="cue", clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.can_change_day is False
        await pilot.press("s", "n", "b", "k", "p", "plus", "a", "g", "f4")
        assert type(app.screen).__name__ == "CueScreen"
    assert len(Event(demo_dir).journal.entries) == before


async def test_cue_follows_the_control_and_shows_the_new_times(demo_dir, demo_app):
    ev, clock = opened_day(demo_dir)
    app = demo_app("cue", role="cue", poll_seconds=60, clock=clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert screen.last_view.current.id == "khai_mac"
        mc = str(screen.query_one("#cue-mc").render())
        # The guests in the hall, highest office first; no-one who is not there.
        assert mc.index("Nông Thế Giang") < mc.index("Dương Minh Ân") < mc.index("Nguyễn Hữu Nghĩa") \
            < mc.index("Phạm Thế Định")
        assert "Nguyễn Minh Trường" not in mc
        clock.advance(minutes=12)
        steps.approve(ev)  # the control laptop (another process) approves the proposal
        steps.next_(ev)
        app.poll_folder()  # what the 0.25 s poll does
        await pilot.pause()
        v = screen.last_view
        assert v.current.id == "bao_cao"
        assert "Đã phân bổ lại thời gian lúc 08:00" in str(screen.query_one("#cue-day").render())
        nxt = str(screen.query_one("#cue-next").render())
        assert "4. Tham luận" in nxt and f"({v.next_items[0][0].minutes:g} ph)" in nxt
        assert v.next_items[0][0].minutes < 45  # the new allotment, shown on the cue


async def test_cue_before_the_start_and_after_the_end(demo_dir, demo_app):
    clock = FakeClock(datetime(2020, 4, 15, 7, 0, tzinfo=VN_TZ))
    app = demo_app("cue", role="cue", clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        big = app.screen.query_one("#cue-clock")
        assert (big.text, big.phase) == ("07:30", "idle")
        assert "Mục đầu tiên lúc 07:30" in str(app.screen.query_one("#cue-title").render())
        ev = Event(demo_dir, clock=clock)
        steps.start(ev)
        for _ in range(10):
            steps.next_(ev)
        app.poll_folder()
        await pilot.pause()
        assert big.phase == "closed"
        assert "đã kết thúc" in str(app.screen.query_one("#cue-title").render())


async def test_a_broken_agenda_file_is_said_on_the_cue(demo_dir, demo_app):
    (demo_dir / "agenda.toml").write_text('[[segment]]\nkey = "a"\ntitle = "A"\nminutes = "mười"\n', encoding="utf-8")
    app = demo_app("cue", role="cue", clock=FakeClock(datetime(2020, 4, 15, 7, 0, tzinfo=VN_TZ)))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = str(app.screen.query_one("#cue-title").render())
        assert "agenda.toml, mục thứ 1 (“a”), khóa “minutes”" in text


async def test_cue_steps_through_speeches_with_the_speaker_named(demo_dir, monkeypatch, demo_app):
    """Sub-steps from the ceremony seam: each speech its own count-down and line; Next/Back move among them."""
    from console.agenda.substeps import SubStep
    from tests.test_agenda_substeps import StubSource

    speeches = [SubStep("speech:1", "Đổi mới quản lý", person="Hoàng Thị Mai", minutes=5,
                        mc_line="Trân trọng kính mời đồng chí Hoàng Thị Mai lên trình bày tham luận “Đổi mới quản lý”."),
                SubStep("speech:2", "Sáng kiến tiết kiệm", person="Lý Văn Pao", minutes=10,
                        mc_line="Trân trọng kính mời đồng chí Lý Văn Pao lên trình bày tham luận “Sáng kiến tiết kiệm”.")]
    monkeypatch.setattr("console.event.CeremonySubsteps", lambda: StubSource({"tham_luan": speeches}))
    clock = FakeClock(datetime(2020, 4, 15, 8, 25, tzinfo=VN_TZ))
    ev = Event(demo_dir, clock=clock)
    steps.start(ev)
    steps.jump(ev, "4")
    app = demo_app("cue", role="cue", poll_seconds=60, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        title = str(screen.query_one("#cue-title").render())
        assert "4.1. Tham luận của các điển hình tiên tiến — Đổi mới quản lý" in title
        assert "Trên sân khấu: Hoàng Thị Mai" in title
        assert screen.query_one("#cue-clock").text == "05:00"  # her own 5 minutes, not a share of 45
        assert "kính mời đồng chí Hoàng Thị Mai lên trình bày tham luận" in str(screen.query_one("#cue-mc").render())
        nxt = str(screen.query_one("#cue-next").render())
        assert "4.2. Sáng kiến tiết kiệm (10 ph)" in nxt and "Lý Văn Pao" in nxt
        clock.advance(minutes=14)
        steps.next_(ev)
        app.poll_folder()
        await pilot.pause()
        assert "Lý Văn Pao" in str(screen.query_one("#cue-title").render())
        assert screen.query_one("#cue-clock").text == "10:00"  # his own 10, not the 31 she left
        steps.back(ev)  # too soon: the first speaker was not finished
        clock.advance(minutes=2)
        app.poll_folder()
        await pilot.pause()
        big = screen.query_one("#cue-clock")
        assert "Hoàng Thị Mai" in str(screen.query_one("#cue-title").render())
        assert (big.text, big.phase) == ("+11:00", "over")  # 16 of her 5 minutes
