"""The cue's second-by-second view reuses the agenda items until the day or the roster moves."""

from __future__ import annotations

import console.agenda.timing as timing
from console.agenda import steps
from console.agenda.timing import view


def test_a_tick_reuses_the_items_and_a_journal_line_rebuilds_them(demo_event, clock, monkeypatch):
    calls = []
    real = timing.build_items
    monkeypatch.setattr(timing, "build_items", lambda *a, **k: calls.append(1) or real(*a, **k))
    ev = demo_event
    first = view(ev)
    for _ in range(5):  # five seconds of the cue
        clock.advance(seconds=1)
        v = view(ev)
    assert len(calls) == 1
    assert v.items is first.items and v.now > first.now  # the clock moved, the items did not
    steps.start(ev)  # a journal line: what is running changed
    v = view(ev)
    assert len(calls) == 2 and v.current is not None
    people = list(ev.imported.values())
    ev.replace_roster(people[:-1])  # a re-import: the ceremony's lists may change
    ev.refresh()
    view(ev)
    assert len(calls) == 3
