"""How long the record takes to build, on a demo day with a long journal.

    python -c "from console.bench.record import run; print(run())"

Not a timed test: figures to quote, measured on this machine.
"""

from __future__ import annotations

import tempfile
import time
from datetime import datetime
from pathlib import Path

from console.ground.clock import VN_TZ, FakeClock


def _simulate(folder: Path, lines: int):
    from console.cli.demo import create_demo
    from console.door import checkin
    from console.event import Event
    from console.record import vote

    create_demo(folder)
    clock = FakeClock(datetime(2020, 4, 15, 7, 0, tzinfo=VN_TZ))
    event = Event(folder, desk="ban-1", clock=clock)
    ids = sorted(event.delegates())
    for i in ids:
        clock.advance(seconds=6)
        checkin.checkin_delegate(event, i)
    n = 0
    while len(event.journal.entries) < lines:  # people stepping out and back in all morning
        i = ids[n % len(ids)]
        clock.advance(seconds=5)
        checkin.checkout(event, i)
        checkin.checkin_delegate(event, i)
        n += 1
    vote.propose(event, [i for i in ids if event.get(i).exemplary][:10])
    vote.record(event, len(event.day.present) - 10, 6, 4)
    return event


def run(lines: int = 2000) -> dict:
    from console.event import Event
    from console.record import export, minutes, sheets

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "event"
        _simulate(folder, lines)
        t0 = time.perf_counter()
        event = Event(folder)
        t1 = time.perf_counter()
        tables = sheets.all_tables(event)
        t2 = time.perf_counter()
        data = export.workbook_bytes(event, tables)
        t3 = time.perf_counter()
        text = minutes.to_markdown(minutes.draft(event))
        t4 = time.perf_counter()
        data_again = export.workbook_bytes(event, tables)  # warm: what a second export costs
        t5 = time.perf_counter()
        delegates = len(event.delegates())
    return {"journal_lines": len(event.journal.entries), "delegates": delegates,
            "xlsx_warm_ms": round((t5 - t4) * 1000, 1), "identical": data == data_again,
            "open_event_ms": round((t1 - t0) * 1000, 1), "tables_ms": round((t2 - t1) * 1000, 1),
            "xlsx_ms": round((t3 - t2) * 1000, 1), "xlsx_bytes": len(data),
            "minutes_ms": round((t4 - t3) * 1000, 1), "minutes_chars": len(text)}
