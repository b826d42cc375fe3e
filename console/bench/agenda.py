"""How long the cue's once-a-second redraw costs: `python -m console.bench.agenda [DIR]`.

Builds (or opens) a demo day with everyone checked in and many control steps,
then times the pure functions the screens call each tick.
"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

from console.agenda import steps
from console.agenda.report import timings_report
from console.agenda.timing import view
from console.door.checkin import checkin_delegate
from console.event import Event
from console.ground.clock import VN_TZ, FakeClock


def bench(folder: Path | None = None, moves: int = 200, repeat: int = 50) -> dict:
    from console.cli.demo import create_demo

    folder = Path(folder or Path(tempfile.mkdtemp()) / "bench")
    if not (folder / "event.toml").exists():
        create_demo(folder)
    clock = FakeClock(datetime(2020, 4, 15, 7, 0, tzinfo=VN_TZ))
    ev = Event(folder, clock=clock)
    for did in list(ev.delegates()):
        checkin_delegate(ev, did)
    steps.start(ev)
    t0 = time.perf_counter()
    for i in range(moves):  # Next and Back, over and over: the worst journal for the fold
        clock.advance(seconds=30)
        (steps.next_ if i % 2 == 0 else steps.back)(ev)
    step_ms = (time.perf_counter() - t0) * 1000 / moves
    fresh = Event(folder, clock=clock)
    t0 = time.perf_counter()
    view(fresh)
    first_ms = (time.perf_counter() - t0) * 1000
    t0 = time.perf_counter()
    for _ in range(repeat):
        clock.advance(seconds=1)
        view(fresh)
    tick_ms = (time.perf_counter() - t0) * 1000 / repeat
    t0 = time.perf_counter()
    rows = timings_report(fresh)
    report_ms = (time.perf_counter() - t0) * 1000
    return {"delegates_present": len(fresh.day.present), "agenda_lines": len(fresh.agenda_run.entries),
            "step_ms": round(step_ms, 2), "first_view_ms": round(first_ms, 2), "tick_view_ms": round(tick_ms, 2),
            "timings_report_ms": round(report_ms, 2), "rows": len(rows)}


if __name__ == "__main__":
    print(bench(Path(sys.argv[1]) if len(sys.argv) > 1 else None))
