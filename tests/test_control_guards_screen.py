"""The control and the cue as the operator and the MC use them: keys pressed at 80×24."""

from __future__ import annotations

from datetime import datetime

import pytest

from console.agenda import steps
from console.agenda.run import run_of
from console.event import Event
from console.ground.clock import VN_TZ, FakeClock
from screens.app import make_app

pytestmark = pytest.mark.asyncio


async def _refresh(app, pilot):
    app.screen.refresh_view()
    await pilot.pause()


async def test_duyet_stays_in_the_80_column_footer_while_a_proposal_waits(demo_dir):
    clock = FakeClock(datetime(2020, 4, 15, 7, 30, tzinfo=VN_TZ))
    app = make_app(demo_dir, mode="control", role="control", desk="dieu-khien", clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("s")
        await pilot.press("b")  # at the first segment: said, not silent
        assert "chưa có bước chuyển nào để lùi" in str(app.screen.query_one("#control-message").render())
        clock.advance(minutes=25)  # the performance runs 10 over
        await _refresh(app, pilot)
        assert app.screen.last_view.proposal is not None
        footer = app.screen.query_one("Footer")
        keys = [k for k in footer.query("FooterKey") if "Duyệt" in str(k.render())]
        assert keys and keys[0].region.right <= 80 and keys[0].region.width > 0  # on screen, not cut
        await pilot.press("a")
        assert app.screen.last_view.proposal is None
        await pilot.press("n")
        await pilot.press("minus")  # 2. Tuyên bố lý do … is protected
        assert "không bớt dưới 10 phút" in str(app.screen.query_one("#control-message").render())


async def test_a_message_from_the_control_shows_large_on_the_cue_until_cleared(demo_dir):
    clock = FakeClock(datetime(2020, 4, 15, 8, 0, tzinfo=VN_TZ))
    control = make_app(demo_dir, mode="control", role="control", desk="dieu-khien", clock=clock)
    async with control.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("1")  # ready-made: "Còn 2 phút"
        assert "Còn 2 phút" in str(control.screen.query_one("#control-proposal").render())
        await pilot.press("m")
        await pilot.pause()
        for ch in "Mời anh Tú lên":
            await pilot.press(ch if ch != " " else "space")
        await pilot.press("enter")
        await pilot.pause()
        assert "MC đang thấy: “Mời anh Tú lên”" in str(control.screen.query_one("#control-proposal").render())

    cue = make_app(demo_dir, mode="cue", role="cue", clock=clock, poll_seconds=60)
    async with cue.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        box = cue.screen.query_one("#cue-message")
        assert box.display and "Mời anh Tú lên" in str(box.render())
        assert box.region.height >= 3  # large: a banner, not a status line
        steps.clear_message(Event(demo_dir, clock=clock))  # the control (another process) clears it
        cue.poll_folder()
        await pilot.pause()
        assert not cue.screen.query_one("#cue-message").display
    kinds = [e.kind for e in Event(demo_dir).journal.entries if e.kind.startswith("cue_")]
    assert kinds == ["cue_message", "cue_message", "cue_clear"]


async def test_a_rehearsal_is_said_on_the_control_and_the_cue(demo_dir):
    clock = FakeClock(datetime(2020, 4, 14, 14, 0, tzinfo=VN_TZ))
    for mode in ("control", "cue"):
        app = make_app(demo_dir, mode=mode, role=mode, desk="may", clock=clock, poll_seconds=60)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            where = str(app.screen.query_one("#cue-top").render()) if mode == "cue" else app.screen.sub_title
            assert "Chạy thử — không phải ngày hội nghị" in where, mode


async def test_on_the_day_no_rehearsal_label_and_after_the_end_no_next(demo_dir):
    clock = FakeClock(datetime(2020, 4, 15, 7, 30, tzinfo=VN_TZ))
    app = make_app(demo_dir, mode="cue", role="cue", clock=clock, poll_seconds=60)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Chạy thử" not in str(app.screen.query_one("#cue-top").render())
        ev = Event(demo_dir, clock=clock)
        steps.start(ev)
        while not run_of(ev).closed:
            steps.next_(ev)
        app.poll_folder()
        await pilot.pause()
        assert "đã kết thúc" in str(app.screen.query_one("#cue-title").render())
        assert not app.screen.query_one("#cue-next").display
        assert "Tiếp theo" not in " ".join(str(w.render()) for w in app.screen.query("Static") if w.display)


async def test_the_cue_reads_purpose_guests_then_invites_the_presider(demo_dir):
    """Item 2 as real scripts split it: the MC states the purpose and introduces the guests; after the
    welcome, the presider is invited to open — in that order on the MC's screen."""
    from console.door.checkin import checkin_delegate

    clock = FakeClock(datetime(2020, 4, 15, 7, 30, tzinfo=VN_TZ))
    ev = Event(demo_dir, clock=clock)
    guest = next(i for i, d in ev.delegates().items() if d.position.startswith("Phó Chủ tịch LĐLĐ tỉnh"))
    checkin_delegate(ev, guest)
    steps.start(ev)
    steps.next_(ev)
    app = make_app(demo_dir, mode="cue", role="cue", clock=clock, poll_seconds=60)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        mc = str(app.screen.query_one("#cue-mc").render())
        name = ev.get(guest).name
        assert mc.index("Thực hiện Kế hoạch") < mc.index(name) < mc.index("hoan nghênh") \
            < mc.index("lên phát biểu khai mạc hội nghị")
