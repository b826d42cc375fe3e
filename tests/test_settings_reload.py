"""A running process picks up edits of event.toml (printers, desk settings); a broken edit
is said once and the last good settings are kept."""

from __future__ import annotations

import os

import pytest

from console.event import Event
from console.printing.jobs import printers_of, queue_badges
from tests.ui import notes, until


def edit(folder, old: str, new: str) -> None:
    path = folder / "event.toml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    st = path.stat()  # a second edit within the same clock tick must still be seen
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))


def test_an_edit_is_taken_a_broken_one_said_once_and_the_last_good_kept(demo_dir):
    ev = Event(demo_dir, desk="ban-1")
    assert ev.settings.stage.batch_size == 8
    edit(demo_dir, 'desk = "preview://ban-in"', 'desk = "preview://ban-in-moi"')
    edit(demo_dir, "batch_size = 8", "batch_size = 6")
    change = ev.refresh()
    assert change.settings_changed and ev.settings.stage.batch_size == 6
    assert printers_of(ev)["desk"] == "preview://ban-in-moi"
    edit(demo_dir, "batch_size = 6", 'batch_size = "hai"')
    assert not ev.refresh().settings_changed
    assert ev.settings.stage.batch_size == 6  # the last good settings
    said = [w for w in ev.journal.warnings if "event.toml" in w]
    assert len(said) == 1 and "batch_size" in said[0] and "vẫn giữ cài đặt trước đó" in said[0]
    for _ in range(3):
        ev.refresh()
    assert len([w for w in ev.journal.warnings if "event.toml" in w]) == 1  # once, not every poll
    edit(demo_dir, 'batch_size = "hai"', "batch_size = 5")
    assert ev.refresh().settings_changed and ev.settings.stage.batch_size == 5
    assert any("đã sửa đúng" in w for w in ev.journal.warnings)


@pytest.mark.asyncio
async def test_an_open_console_prints_to_the_printer_event_toml_names_now(demo_app, demo_dir):
    from screens.printers import ensure_print_worker

    app = demo_app("printers", role="all", desk="ban-1")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        worker = ensure_print_worker(app)
        edit(demo_dir, 'desk = "preview://ban-in"', 'desk = "preview://ban-in-moi"')
        await until(pilot, lambda: worker.printers.get("desk") == "preview://ban-in-moi", what="the new printer")
        queue_badges(app.event, [4])
        worker.wake()
        await until(pilot, lambda: list((demo_dir / "ban-in-moi").glob("badge-0004*.png")), what="printed there")
        assert not list((demo_dir / "ban-in").glob("badge-0004*.png"))
        edit(demo_dir, "[desk]\n", "[desk]\nbell_on_error = maybe\n")
        await until(pilot, lambda: any("event.toml vừa sửa" in n for n in notes(app)), what="the broken edit said")
        assert app.is_running and worker.printers.get("desk") == "preview://ban-in-moi"
