"""The one place the record reads the agenda and the ceremony: four readers, each run with
the event's clock stopped at the journal's last line.

The agenda and the ceremony compute "running" items against now; the record
describes the day as its journal last saw it, so two exports of the same journal
— a minute apart, in two processes — are the same workbook. (Imported directly:
a renamed function is an ImportError at once, never an empty Awards sheet.)
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime

from console.agenda.report import day_summary as _day_summary
from console.agenda.report import timings_report
from console.ceremony import awards_record, speeches_record
from console.ceremony.awards import plan_awards
from console.ceremony.state import table_docs
from console.ground.clock import FakeClock, parse_iso


def as_of(event) -> datetime:
    """The moment the record describes: the last journal line, else the opening time."""
    entries = event.journal.entries
    return parse_iso(entries[-1].at) if entries else event.settings.start_at


@contextmanager
def _as_of_last_line(event) -> Iterator[None]:
    saved = event.clock
    event.clock = FakeClock(as_of(event))
    try:
        yield
    finally:
        event.clock = saved


def _read(func: Callable, event):
    with _as_of_last_line(event):
        return func(event)


def timings(event) -> list[dict]:
    return list(_read(timings_report, event))


def day_summary(event) -> dict:
    return dict(_read(_day_summary, event))


def awards(event) -> list[dict]:
    return list(_read(awards_record, event))


def speeches(event) -> list[dict]:
    return list(_read(speeches_record, event))


def presenters(event) -> dict[str, list[str]]:
    """Award form → the leaders who presented its batches (in batch order), for the minutes."""
    def read(ev) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for b in plan_awards(ev).batches:
            if b.done and b.presenter_name and b.presenter_name not in out.setdefault(b.form, []):
                out[b.form].append(b.presenter_name)
        return out

    return _read(read, event)


def receipts(event) -> list[dict]:
    """Every award in calling order with who received it and its amount, for the danh sách ký nhận."""
    def read(ev) -> list[dict]:
        amounts = {str(d.get("key")): str(d.get("amount") or "") for d in table_docs(ev, "awards")}
        return [{**rec, "receiver": p.received_by, "amount": amounts.get(p.item.key, "")}
                for p, rec in zip(plan_awards(ev).items, awards_record(ev), strict=False)]

    return _read(read, event)
