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


def test_a_step_builds_the_items_once_and_folds_only_its_own_line(demo_event, clock, monkeypatch):
    """At 1,000 delegates a step took 120–370 ms: the items were built inside the journal's lock and
    again for the view, and the run state was folded again from the first line at every step."""
    from console.agenda.run import RunState

    ev = demo_event
    view(ev)
    steps.start(ev)
    view(ev)
    builds, applied = [], []
    real_build, real_apply = timing.build_items, RunState.apply
    monkeypatch.setattr(timing, "build_items", lambda *a, **k: builds.append(1) or real_build(*a, **k))
    monkeypatch.setattr(RunState, "apply", lambda self, e: applied.append(e.kind) or real_apply(self, e))
    for k in range(6):
        clock.advance(minutes=1)
        steps.next_(ev)
        v = view(ev)
        assert len(builds) == k + 1  # once a step: for the new view (the step took the screen's items)
    assert v.current is not None
    assert len(applied) == sum(1 for kind in applied if kind.startswith("agenda_") or kind.startswith("cue_")) == len(applied)
    assert len(applied) <= 6 * 3  # each step's own lines (a move, and what it closed), never the day's again
