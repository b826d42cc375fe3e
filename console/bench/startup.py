"""Start-up against the size of the day: open the event in a fresh process, cold and warm.

A day's journal is written straight to the file (signed and chained as the desks write it:
people checking in, stepping out and back), then a new interpreter opens the event the way a
desk does and reports how long `Event(...)` took and its peak RSS:
  cold — no checkpoint (the first process on a copied folder): every line read once;
  warm — the checkpoint a previous process left: only the lines after it.
Targets (issue 18): warm ≤ 0.5 s at 5,000 delegates / 50,000 lines, ≤ 1 s at 200,000;
RSS ≤ 80 MiB at 20,000 delegates / 200,000 lines.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

from console.bench.fixtures import make_big_event
from console.ground import seal
from console.ground.clock import SYSTEM, iso
from console.ground.journal import line_hash

CASES = ((5_000, 50_000), (5_000, 200_000), (20_000, 200_000))
QUICK_CASES = ((1_000, 10_000),)  # a trial run; the targets are the full cases

_OPEN = r"""
import json, sys, time
try:
    import resource
except ImportError:  # Windows
    resource = None
t0 = time.perf_counter()
from pathlib import Path
from console.event import Event
t1 = time.perf_counter()
ev = Event(Path(sys.argv[1]), desk="bench-start")
ev.composition_present()  # what the desk shows first
t2 = time.perf_counter()
try:  # this process's own peak (ru_maxrss carries the parent's across fork + exec on Linux)
    rss = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM:")) / 1024
except (OSError, StopIteration):
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 if resource else None
print(json.dumps({"import_s": t1 - t0, "open_s": t2 - t1, "rss_mib": rss, "present": len(ev.day.present),
                  "lines": ev.journal.lines}))
"""


def write_day(folder: Path, delegates: int, lines: int, seed: int = 1) -> None:
    """An event with `delegates` people and `lines` signed journal lines."""
    ev = make_big_event(folder, delegates)
    j = ev.journal
    prev, n = j.chain.head_h, j.chain.head_n
    at = iso(SYSTEM.now())
    rng = random.Random(seed)
    inside: set[int] = set()
    with open(j.path, "ab") as fh:
        buf = []
        for _ in range(lines):
            n += 1
            did = rng.randint(1, delegates)
            kind = "checkout" if did in inside else "checkin"
            (inside.discard if kind == "checkout" else inside.add)(did)
            data = {"delegate_id": did, "via": "scan"} if kind == "checkin" else {"delegate_id": did}
            rec = {"n": n, "id": uuid.uuid4().hex[:12], "at": at, "desk": f"ban-{n % 4}", "actor": "",
                   "kind": kind, "data": data, "prev": prev}
            rec["h"] = prev = line_hash(ev.secret, rec)
            buf.append(json.dumps(rec, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n")
            if len(buf) >= 10_000:
                fh.write(b"".join(buf))
                buf = []
        fh.write(b"".join(buf))
    # as the last desk left it: the seal follows the journal
    seal.write(seal.seal_path(j.path), ev.secret, seal.Seal(n, prev, j.path.stat().st_size, at))


def open_in_new_process(folder: Path) -> dict:
    root = Path(__file__).resolve().parent.parent.parent
    env = {**os.environ, "PYTHONPATH": str(root)}
    proc = subprocess.run([sys.executable, "-c", _OPEN, str(folder)], capture_output=True, text=True,
                          timeout=600, env=env, cwd=root)
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr[-2000:])
    return json.loads(proc.stdout)


def run(cases=CASES) -> dict:
    out: dict = {}
    for delegates, lines in cases:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "ev"
            write_day(folder, delegates, lines)
            cold = open_in_new_process(folder)  # reads every line once, leaves the checkpoint
            warm = [open_in_new_process(folder) for _ in range(3)]
            best = min(warm, key=lambda r: r["open_s"])
            out[f"{delegates}x{lines}"] = {
                "delegates": delegates, "journal_lines": lines,
                "cold_open_s": round(cold["open_s"], 3), "cold_rss_mib": round(cold["rss_mib"] or 0, 1),
                "warm_open_s": round(best["open_s"], 3),
                "warm_open_s_median": round(sorted(r["open_s"] for r in warm)[1], 3),
                "warm_rss_mib": round(max(r["rss_mib"] or 0 for r in warm), 1),
                "import_s": round(best["import_s"], 3), "present": best["present"],
            }
    return out


def format_lines(r: dict) -> list[str]:
    lines = ["", "khởi động (mở hội nghị trong tiến trình mới) — giây, MiB"]
    for v in r.values():
        lines.append(f"  {v['delegates']:>6} ĐB × {v['journal_lines']:>7} dòng: có điểm lưu {v['warm_open_s']:.3f} s "
                     f"({v['warm_rss_mib']:.0f} MiB), không có {v['cold_open_s']:.3f} s ({v['cold_rss_mib']:.0f} MiB); "
                     f"import {v['import_s']:.3f} s")
    return lines


if __name__ == "__main__":
    quick = "--quick" in sys.argv
    result = run(QUICK_CASES if quick else CASES)
    print(json.dumps(result, ensure_ascii=False, indent=1))
