"""A scan while another process holds the journal (an import, a stalled drive): the desk stays
usable, says it is waiting, and writes the scan when the lock is free — or says it was not written."""

from __future__ import annotations

import threading

from textual import events

from console.door.tokens import make_token
from console.ground.storage import FileLock
from tests.ui import until


class Holder:
    """Another process's hold on journal.lock (a thread with its own descriptor: flock excludes it)."""

    def __init__(self, path):
        self.path, self.held, self.release = path, threading.Event(), threading.Event()
        self.thread = threading.Thread(target=self._hold, daemon=True)

    def _hold(self):
        with FileLock(self.path)():
            self.held.set()
            self.release.wait(30)

    def __enter__(self):
        self.thread.start()
        assert self.held.wait(10)
        return self

    def __exit__(self, *exc):
        self.release.set()
        self.thread.join(10)


def _send(app, text: str) -> None:
    for ch in [*text, "\r"]:
        e = events.Key("enter" if ch == "\r" else ch.lower(), ch)
        e.set_sender(app)
        app._driver.send_message(e)


def _panel(app):
    return app.screen.query_one("#desk-result")


async def test_a_scan_waits_off_the_ui_thread_and_is_written_when_the_journal_is_free(demo_app):
    app = demo_app("desk", role="desk", desk="ban-1")
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: type(app.screen).__name__ == "DeskScreen")
        ev = app.event
        with Holder(ev.journal.lock.path) as holder:
            _send(app, make_token(ev.secret, 3))
            await until(pilot, lambda: _panel(app).kind == "waiting", what="the desk saying it waits")
            assert 3 not in ev.day.present
            await pilot.press(*"hoang")  # the desk still takes keys while it waits
            await until(pilot, lambda: app.screen.query_one("#desk-scan").value == "hoang")
            holder.release.set()
            await until(pilot, lambda: 3 in ev.day.present and _panel(app).kind == "checked_in",
                        what="the scan written once the lock was free")


async def test_a_journal_held_past_the_wait_is_said_and_nothing_is_written(demo_app):
    app = demo_app("desk", role="desk", desk="ban-1")
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: type(app.screen).__name__ == "DeskScreen")
        ev = app.event
        ev.journal.lock.timeout = 0.3
        lines = ev.journal.lines
        with Holder(ev.journal.lock.path):
            _send(app, make_token(ev.secret, 4))
            await until(pilot, lambda: _panel(app).kind == "error", what="the sentence after the wait ran out")
            assert "CHƯA được ghi" in app.screen.last.message
        ev.refresh()
        assert 4 not in ev.day.present and ev.journal.lines == lines and app.is_running


async def test_a_burst_on_another_screen_waits_the_same_way(demo_app):
    from tests.ui import notes

    app = demo_app("status", role="desk", desk="ban-1")
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: type(app.screen).__name__ == "StatusScreen")
        ev = app.event
        with Holder(ev.journal.lock.path) as holder:
            _send(app, make_token(ev.secret, 5))
            await until(pilot, lambda: any("đang được một máy khác ghi" in n for n in notes(app)), what="the waiting toast")
            assert 5 not in ev.day.present and type(app.screen).__name__ == "StatusScreen"
            holder.release.set()
            await until(pilot, lambda: 5 in ev.day.present, what="the scan written once the lock was free")
