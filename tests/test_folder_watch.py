"""Another desk's check-in reaches this screen by file-change notification, with the poll as fallback."""

from __future__ import annotations

import asyncio
import time

import pytest

from console.door.checkin import checkin_delegate
from console.event import Event
from screens.app import make_app

pytestmark = pytest.mark.asyncio


async def _until(pilot, cond, timeout: float = 10.0) -> float:
    t0 = time.monotonic()
    while not cond():
        if time.monotonic() - t0 > timeout:
            raise AssertionError("not seen in time")
        await asyncio.sleep(0.005)
    return time.monotonic() - t0


async def test_a_check_in_at_another_desk_shows_without_waiting_for_the_poll(demo_dir, clock):
    # The poll would take a minute: only the notification can bring it in.
    app = make_app(demo_dir, mode="desk", role="desk", desk="ban-1", clock=clock, poll_seconds=60)
    other = Event(demo_dir, desk="ban-2", clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await _until(pilot, lambda: app.folder_watch.active)
        await asyncio.sleep(0.2)  # the watch is registered with the OS
        did = sorted(other.imported)[5]
        checkin_delegate(other, did, via="scan", desk="ban-2")
        await _until(pilot, lambda: did in app.event.day.present)
        await pilot.pause()
        assert app.screen.query_one("#desk-recent").content is not None
        assert other.get(did).name in str(app.screen.query_one("#desk-recent").content)


async def test_without_notifications_the_poll_still_brings_it_in(demo_dir, clock, monkeypatch):
    from screens import folder_watch

    monkeypatch.setattr(folder_watch.FolderWatch, "start", lambda self: False)  # a share that never notifies
    app = make_app(demo_dir, mode="desk", role="desk", desk="ban-1", clock=clock, poll_seconds=0.1)
    other = Event(demo_dir, desk="ban-2", clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not app.folder_watch.active
        did = sorted(other.imported)[6]
        checkin_delegate(other, did, via="scan", desk="ban-2")
        await _until(pilot, lambda: did in app.event.day.present)
