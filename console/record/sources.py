"""The one place this package reads the agenda and ceremony modules.

Those modules are built in parallel; until their functions exist, each reader
returns an empty list / a neutral dict, so the report and the minutes still
work (with empty Awards, Speeches and Timings sheets) and pick the real data
up as soon as the functions are there. Tests monkeypatch these four names.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from contextlib import contextmanager

NEUTRAL_SUMMARY = {"opened_at": None, "closed_at": None, "planned_end": None,
                   "projected_end": None, "drift_minutes": None, "current": None}


@contextmanager
def _as_of_last_line(event) -> Iterator[None]:
    """Run with the event's clock stopped at the last journal line.

    The agenda and ceremony compute "running" items against now; the record
    describes the day as its journal last saw it, so two exports of the same
    journal — a minute apart, in two processes — are the same workbook.
    """
    from console.ground.clock import FakeClock
    from console.record.sheets import as_of

    saved = event.clock
    event.clock = FakeClock(as_of(event))
    try:
        yield
    finally:
        event.clock = saved


def _call(module_name: str, func_name: str, event, default):
    try:
        module = importlib.import_module(module_name)
    except ImportError:
        return default
    func = getattr(module, func_name, None)
    if func is None:
        return default
    with _as_of_last_line(event):
        result = func(event)
    return default if result is None else result


def timings(event) -> list[dict]:
    return list(_call("console.agenda.plan", "timings_report", event, []))


def day_summary(event) -> dict:
    return {**NEUTRAL_SUMMARY, **_call("console.agenda.plan", "day_summary", event, {})}


def awards(event) -> list[dict]:
    return list(_call("console.ceremony", "awards_record", event, []))


def speeches(event) -> list[dict]:
    return list(_call("console.ceremony", "speeches_record", event, []))


def presenters(event) -> dict[str, list[str]]:
    """Award form → the leaders who presented its batches (in batch order), for the minutes."""
    def read(ev) -> dict[str, list[str]]:
        from console.ceremony.awards import plan_awards

        out: dict[str, list[str]] = {}
        for b in plan_awards(ev).batches:
            if b.done and b.presenter_name and b.presenter_name not in out.setdefault(b.form, []):
                out[b.form].append(b.presenter_name)
        return out

    try:
        with _as_of_last_line(event):
            return read(event)
    except (ImportError, AttributeError):
        return {}
