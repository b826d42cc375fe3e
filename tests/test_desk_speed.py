"""The desk's screen does no per-roster work on a scan, and builds its name index before the first key."""

from __future__ import annotations

import pytest

import console.event
from console.door.tokens import make_token
from screens.app import make_app
from tests.test_desk_screen import keys, panel, rendered, type_scan

pytestmark = pytest.mark.asyncio


@pytest.fixture
def app(demo_dir, clock):
    return make_app(demo_dir, mode="desk", role="desk", desk="ban-1", clock=clock, poll_seconds=0.1)


async def test_the_name_index_is_built_when_the_desk_opens_before_any_key(app):
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        for _ in range(100):
            await pilot.pause()
            if screen._index.current() is not None:
                break
        # Built before anyone typed a key, and not on the UI thread's first keystroke.
        assert screen._index.current() is not None
        assert not screen._index.stale()
        assert len(screen._index.current()) == len(app.event.delegates())
        for k in keys("hương"):
            await pilot.press(k)
        await pilot.pause()
        hits = screen.query_one("#desk-hits")
        assert hits.display and hits.option_count > 0
        assert "Hương" in str(hits.get_option_at_index(0).prompt)


async def test_typing_before_the_index_is_ready_searches_when_it_is(app, monkeypatch):
    """A keystroke while the index is still building says so, then shows the hits without another key."""
    from console.door import search

    held = {"on": True}
    real_fill = search.SearchIndex.fill

    def slow_fill(self, rows=search.BUILD_SLICE):
        while held["on"]:  # the 20,000-name build, still going while the operator types
            yield
        yield from real_fill(self, rows)

    monkeypatch.setattr(search.SearchIndex, "fill", slow_fill)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        # A scan while it builds is answered at once: the build runs in slices between events.
        ev = app.event
        did = sorted(ev.imported)[0]
        await type_scan(pilot, make_token(ev.secret, did))
        assert app.screen.last.delegate.id == did
        assert app.screen._index.current() is None  # still building
        for k in keys("hương"):
            await pilot.press(k)
        hits = app.screen.query_one("#desk-hits")
        assert "Đang chuẩn bị" in str(hits.border_title)
        assert hits.option_count == 0
        held["on"] = False
        for _ in range(200):
            await pilot.pause()
            if hits.option_count:
                break
        assert hits.option_count > 0
        assert "Đang chuẩn bị" not in str(hits.border_title)


async def test_a_scan_recounts_nothing_from_the_roster(app, monkeypatch):
    """The quota panel and door counts after a scan come from the fold's tally: `compose`
    (a pass over a list of delegates) is not called once per scan, at any roster size."""
    calls = []
    real = console.event.compose

    def counting(people, quota):
        people = list(people)
        calls.append(len(people))
        return real(people, quota)

    monkeypatch.setattr(console.event, "compose", counting)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        before = len(calls)
        assert before <= 1  # the registered composition, once for this roster
        ev = app.event
        ids = sorted(ev.imported)[:3]
        for did in ids:
            await type_scan(pilot, make_token(ev.secret, did))
            assert app.screen.last.delegate.id == did
        assert len(calls) == before, calls
        counts = rendered(app.screen.query_one("#desk-counts"))
        assert f"Chưa đến: {len(ev.delegates()) - 3}" in counts
        assert "Bàn này (ban-1): 3 người" in counts
        assert "3 / " in rendered(app.screen.query_one("#desk-quota"))
        assert panel(app).display
