"""The app shell through Pilot: modes by role, the live quota panel, the journal check at start."""

import json

from console.door.checkin import checkin_delegate
from console.event import Event
from tests.ui import until


async def test_status_updates_when_another_desk_checks_in(demo_dir, clock, demo_app):
    app = demo_app("status", desk="control")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.current_mode == "status"
        other = Event(demo_dir, desk="ban-2")  # another process's view of the folder
        guest = next(d for d in other.imported.values() if d.category == "khach_moi")
        checkin_delegate(other, guest.id)
        await until(pilot, lambda: app.event.day.present.keys() == {guest.id}, what="the other desk's check-in")
        svg = app.export_screenshot()
        assert "1&#160;/&#160;140" in svg or "1 / 140" in svg


async def test_f_keys_switch_modes_and_roles_limit_them(demo_dir, clock, demo_app):
    app = demo_app("status", role="cue")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.current_mode == "cue"  # a cue console opens on the cue, and only there
        await pilot.press("f2")
        await pilot.pause()
        assert app.current_mode == "cue"
    app = demo_app("status", role="all")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f2")
        await until(pilot, lambda: app.current_mode == "desk", what="the desk")
        await pilot.press("f1")
        await until(pilot, lambda: app.current_mode == "status", what="the overview")


async def test_tampered_journal_is_reported_at_start(demo_dir, clock, demo_app):
    path = demo_dir / "journal.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()
    rec = json.loads(lines[0])
    rec["data"]["rows"] = 999
    lines[0] = json.dumps(rec, ensure_ascii=False)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    app = demo_app(clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.journal_problems and app.journal_problems[0].line == 1
        assert "bất thường" in str(app.screen.query_one("#status-journal").content)
