"""Desk benchmark: scan→result and search per keystroke at 150, 1,000 and 5,000 delegates.

    python -m console.bench.desk [--sizes 150,1000,5000] [--scans 200]

Prints p50/p95 in milliseconds. The scan figure is the whole in-process path
the desk runs on Enter: classify, verify the HMAC, take the journal lock,
catch up with other desks, append + fsync the line, fold it. The search figure
is one `LiveIndex.search` per keystroke while typing real names and units
character by character (target p95 < 10 ms at 5,000); "cold" searches every
prefix with no previous hits to narrow from (a pasted query, a backspace).
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

from console.bench.fixtures import make_big_event as make_event
from console.door.checkin import scan
from console.door.search import LiveIndex
from console.door.tokens import make_token
from console.event import Event
from console.ground.text import fold


def percentiles(samples_s: list[float]) -> tuple[float, float]:
    ms = sorted(s * 1000 for s in samples_s)
    p50 = statistics.median(ms)
    p95 = ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]
    return p50, p95


def bench_scan(event: Event, n_scans: int, rng: random.Random) -> tuple[list[float], list[float]]:
    event.refresh()
    pool = [d for d in sorted(event.delegates()) if d not in event.day.present]  # first scans only
    ids = rng.sample(pool, min(n_scans, len(pool)))
    first, again = [], []
    for did in ids:
        token = make_token(event.secret, did)
        t0 = time.perf_counter()
        r = scan(event, token, desk="bench")
        first.append(time.perf_counter() - t0)
        assert r.result == "checked_in", r
    for did in ids[:50]:
        t0 = time.perf_counter()
        r = scan(event, make_token(event.secret, did), desk="bench")
        again.append(time.perf_counter() - t0)
        assert r.result == "already_checked_in", r
    return first, again


def typed_queries(event: Event, rng: random.Random, n: int = 40) -> list[str]:
    """What operators type: folded names (full or given name), units, codes."""
    people = rng.sample(list(event.delegates().values()), min(n, len(event.delegates())))
    out = []
    for i, d in enumerate(people):
        kind = i % 4
        if kind == 0:
            out.append(fold(d.name))
        elif kind == 1:
            out.append(d.name.split(" ")[-1].lower())
        elif kind == 2:
            out.append(fold(d.unit)[:14])
        else:
            out.append(d.code)
    return out


def bench_search(event: Event, rng: random.Random) -> tuple[list[float], list[float], float]:
    """Per keystroke (typing on), and cold (each prefix searched as if pasted: no previous hits)."""
    live = LiveIndex(event)
    t0 = time.perf_counter()
    index = live.index  # built once, as the desk does on mount
    build = time.perf_counter() - t0
    samples, cold = [], []
    for q in typed_queries(event, rng):
        for k in range(1, len(q) + 1):
            t0 = time.perf_counter()
            live.search(q[:k])
            samples.append(time.perf_counter() - t0)
    for q in typed_queries(event, rng):
        for k in range(1, len(q) + 1):
            index._last_key = ""
            t0 = time.perf_counter()
            index.search(q[:k])
            cold.append(time.perf_counter() - t0)
    return samples, cold, build


def run(sizes=(150, 1000, 5000), n_scans: int = 200, out=print) -> dict:
    results = {}
    out(f"{'đại biểu':>9} | {'quét→kết quả p50/p95 (ms)':>26} | {'quét trùng p50/p95':>19} | "
        f"{'tìm/phím p50/p95 (ms)':>22} | {'tìm lạnh p50/p95':>17} | dựng chỉ mục")
    for n in sizes:
        rng = random.Random(n)
        with tempfile.TemporaryDirectory() as tmp:
            event = make_event(Path(tmp) / "ev", n, desk="bench")
            s_samples, cold, b = bench_search(event, rng)
            first, again = bench_scan(event, n_scans, rng)
        sp50, sp95 = percentiles(first)
        ap50, ap95 = percentiles(again)
        qp50, qp95 = percentiles(s_samples)
        cp50, cp95 = percentiles(cold)
        results[n] = {"scan_p50": sp50, "scan_p95": sp95, "dup_p50": ap50, "dup_p95": ap95,
                      "search_p50": qp50, "search_p95": qp95, "cold_p50": cp50, "cold_p95": cp95,
                      "index_build_ms": b * 1000,
                      "keystrokes": len(s_samples), "scans": len(first)}
        out(f"{n:>9} | {sp50:>12.2f} / {sp95:>8.2f}   | {ap50:>7.2f} / {ap95:>7.2f}   | "
            f"{qp50:>9.3f} / {qp95:>8.3f}   | {cp50:>6.3f} / {cp95:>6.3f}   | {b * 1000:.0f} ms")
    return results


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m console.bench.desk", description=__doc__.splitlines()[0])
    p.add_argument("--sizes", default="150,1000,5000")
    p.add_argument("--scans", type=int, default=200)
    args = p.parse_args(argv)
    run(tuple(int(x) for x in args.sizes.split(",")), args.scans)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
