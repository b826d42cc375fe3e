"""Durable check-in write (lock, catch up, append, fsync) and cross-process visibility."""

from __future__ import annotations

import multiprocessing as mp
import statistics
import tempfile
import time
from pathlib import Path

from console.bench.fixtures import make_big_event


def percentiles(samples_ms: list[float]) -> dict:
    s = sorted(samples_ms)
    if not s:
        return {"p50": None, "p95": None, "n": 0}
    return {"p50": round(statistics.median(s), 3), "p95": round(s[min(len(s) - 1, int(0.95 * len(s)))], 3), "n": len(s)}


def bench_checkin_write(n: int, samples: int = 200) -> dict:
    from console.door.checkin import checkin_delegate

    with tempfile.TemporaryDirectory() as tmp:
        ev = make_big_event(Path(tmp) / "ev", n)
        ids = sorted(ev.imported)[: min(samples, n)]
        times = []
        for did in ids:
            t0 = time.perf_counter()
            checkin_delegate(ev, did, via="scan")
            times.append((time.perf_counter() - t0) * 1000)
    return percentiles(times)


def _reader(folder: str, count: int, out, poll_s: float) -> None:
    from console.event import Event

    ev = Event(Path(folder), desk="reader")
    out.put("ready")
    seen = 0
    delays = []
    while seen < count:
        new = ev.refresh().entries
        now = time.time()
        for e in new:
            if e.kind == "ping":
                delays.append((now - e.data["t"]) * 1000)
                seen += 1
        time.sleep(poll_s)
    out.put(delays)


def bench_visibility(count: int = 50, poll_s: float = 0.01) -> dict:
    """Delay from one process's fsync'd append to another process folding it (tight poll)."""
    with tempfile.TemporaryDirectory() as tmp:
        ev = make_big_event(Path(tmp) / "ev", 150)
        ctx = mp.get_context("spawn")  # as on Windows, which has no fork
        out = ctx.Queue()
        p = ctx.Process(target=_reader, args=(str(ev.folder), count, out, poll_s))
        p.start()
        assert out.get(timeout=60) == "ready"
        for _ in range(count):
            ev.journal.append("ping", {"t": time.time()})
            time.sleep(0.02)
        delays = out.get(timeout=60)
        p.join(10)
    return percentiles(delays)
