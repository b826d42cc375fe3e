"""The app shell through Pilot: modes by role, the live quota panel, the journal check at start."""

import json

from console.door.checkin import checkin_delegate
from console.event import Event
from screens.app import make_app


async def test_status_updates_when_another_desk_checks_in(demo_dir, clock):
    app = make_app(demo_dir, mode="status", desk="control", clock=clock, poll_seconds=0.05)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.current_mode == "status"
        other = Event(demo_dir, desk="ban-2")  # another process's view of the folder
        guest = next(d for d in other.imported.values() if d.category == "khach_moi")
        checkin_delegate(other, guest.id)
        await pilot.pause(0.3)
        assert app.event.day.present.keys() == {guest.id}
        svg = app.export_screenshot()
        assert "1&#160;/&#160;140" in svg or "1 / 140" in svg


async def test_f_keys_switch_modes_and_roles_limit_them(demo_dir, clock):
    app = make_app(demo_dir, mode="status", role="cue", clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.current_mode == "cue"  # a cue console opens on the cue, and only there
        await pilot.press("f2")
        await pilot.pause()
        assert app.current_mode == "cue"
    app = make_app(demo_dir, mode="status", role="all", clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause(0.1)
        assert app.current_mode == "desk"
        await pilot.press("f1")
        await pilot.pause(0.1)
        assert app.current_mode == "status"


async def test_tampered_journal_is_reported_at_start(demo_dir, clock):
    path = demo_dir / "journal.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()
    rec = json.loads(lines[0])
    rec["data"]["rows"] = 999
    lines[0] = json.dumps(rec, ensure_ascii=False)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    app = make_app(demo_dir, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.journal_problems and app.journal_problems[0].line == 1
        assert "bất thường" in str(app.screen.query_one("#status-journal").content)
