"""The Máy in screen with Pilot: a printer that is off, a job moved to another printer, a test page."""

from __future__ import annotations

import socket

import pytest
from textual.widgets import DataTable, Static

from console.printing.jobs import queue_badges
from console.printing.queue import DONE, PrintQueue
from tests.ui import until


def dead_uri() -> str:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return f"tcp://127.0.0.1:{port}"


def set_printers(folder, desk: str) -> None:
    path = folder / "event.toml"
    text = path.read_text(encoding="utf-8")
    text = text.replace('desk = "preview://ban-in"', f'desk = "{desk}"')
    path.write_text(text, encoding="utf-8")


async def wait_for(pilot, cond, timeout: float = 10.0) -> bool:
    await until(pilot, cond, timeout=timeout)
    return True


@pytest.mark.asyncio
async def test_printer_off_then_job_moved_to_the_preview_printer(demo_dir, clock, tmp_path, demo_app):
    set_printers(demo_dir, dead_uri())
    app = demo_app("printers", desk="ban-1")
    q = PrintQueue(demo_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        queue_badges(app.event, [1])
        app.print_worker.wake()
        assert await wait_for(pilot, lambda: (q.get("badge-0001-v1").error_code == "refused"))
        screen = app.screen
        assert await wait_for(pilot, lambda: screen.query_one("#printers-jobs", DataTable).row_count == 1)
        table = screen.query_one("#printers-table", DataTable)
        await until(pilot, lambda: "LỖI" in str(table.get_row("desk")[1]), what="the printer's error in its row")
        desk_row = [str(c) for c in table.get_row("desk")]
        assert "LỖI" in desk_row[1] and "từ chối kết nối" in desk_row[4]
        app.save_screenshot(str(tmp_path / "printers-error.svg"))
        svg = (tmp_path / "printers-error.svg").read_text(encoding="utf-8")
        assert "badge-0001-v1" in svg and "chờ&#160;in&#160;lại" in svg.replace(" ", "&#160;")
        # move the job to the stage printer (preview PNGs)
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("down", "enter")
        assert await wait_for(pilot, lambda: q.get("badge-0001-v1").status == DONE)
        job = q.get("badge-0001-v1")
        assert job.printer == "stage" and job.attempts == 2
        assert (demo_dir / "ban-in" / "badge-0001-v1.png").is_file()
        assert await wait_for(pilot, lambda: "Đã" in str(screen.query_one("#printers-message", Static).render()))


@pytest.mark.asyncio
async def test_test_page_and_all_badges_from_the_screen(demo_dir, clock, demo_app):
    app = demo_app("printers", desk="ban-1")
    q = PrintQueue(demo_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("t")
        assert await wait_for(pilot, lambda: any(j.kind == "test" and j.status == DONE for j in q.jobs()))
        await pilot.press("b")  # one press only asks
        await pilot.pause()
        assert len(q.jobs()) == 1
        assert "Bấm b lần nữa" in str(app.screen.query_one("#printers-message", Static).render())
        await pilot.press("b")  # the second confirms
        assert await wait_for(pilot, lambda: sum(j.status == DONE for j in q.jobs()) == 141, timeout=180)
        await pilot.press("b", "b")  # asking again queues nothing new
        await pilot.pause()
        assert len(q.jobs()) == 141
        msg = str(app.screen.query_one("#printers-message", Static).render())
        assert "Xếp 0 thẻ" in msg and "140 thẻ đã có" in msg
