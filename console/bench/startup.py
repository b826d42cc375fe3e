"""Start-up against the size of the day: open the event, and the desk, in a fresh process.

A day's journal is written straight to the file (signed and chained as the desks write it:
people checking in, stepping out and back), then a new interpreter opens it and reports:
  event — `Event(...)` alone (the fold), and its peak RSS;
  desk  — interpreter start → the desk app (headless `run_test`) has the scan field focused,
          measured from before the process is spawned; its peak RSS (VmHWM) once the name
          index it builds after that is done too.
Each cold (no checkpoint: the first process on a copied folder, every line read once) and
warm (the checkpoint a previous process left: only the lines after it).
Targets (issue 18): desk start → ready ≤ 0.5 s at 5,000 delegates / 50,000 lines, ≤ 1 s at
200,000; desk RSS ≤ 80 MiB at 20,000 delegates / 200,000 lines.

Cases that share a number of delegates share one written day: the 200,000-line journal is the
50,000-line one with 150,000 more lines appended (seconds, not minutes).
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from console.bench.fixtures import make_big_event
from console.ground import checkpoint, seal
from console.ground.clock import SYSTEM, iso
from console.ground.journal import line_hash

CASES = ((5_000, 50_000), (5_000, 200_000), (20_000, 200_000))
QUICK_CASES = ((1_000, 10_000),)  # a trial run; the targets are the full cases
WARM_RUNS = 3
# A fresh process that has not opened the day after this long is reported as not finishing
# (a 200,000-line cold open takes ~5 s here; a hang must not cost the run ten minutes a case).
CHILD_TIMEOUT_S = 60

# The targets, by case: (delegates, lines) -> seconds for the warm desk start; RSS at one case.
START_TARGETS_S = {(5_000, 50_000): 0.5, (5_000, 200_000): 1.0}
RSS_TARGET = ((20_000, 200_000), 80.0)

_RSS = r"""
def _rss():
    try:  # this process's own peak (ru_maxrss carries the parent's across fork + exec on Linux)
        return next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM:")) / 1024
    except (OSError, StopIteration):
        try:
            import resource
        except ImportError:  # Windows
            return None
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
"""

_OPEN = _RSS + r"""
import json, sys, time
t0 = time.perf_counter()
from pathlib import Path
from console.event import Event
t1 = time.perf_counter()
ev = Event(Path(sys.argv[1]), desk="bench-start")
ev.composition_present()  # what the desk shows first
t2 = time.perf_counter()
print(json.dumps({"import_s": t1 - t0, "open_s": t2 - t1, "rss_mib": _rss(), "present": len(ev.day.present),
                  "lines": ev.journal.lines}))
"""

# The desk as `hoinghi desk DIR` starts it, headless: ready = the scan field has focus.
_DESK = _RSS + r"""
import asyncio, json, sys, time
t0 = time.perf_counter()
from pathlib import Path
from screens.app import make_app
t1 = time.perf_counter()

async def main():
    app = make_app(Path(sys.argv[1]), mode="desk", role="desk", desk="bench-start")
    t2 = time.perf_counter()
    async with app.run_test(size=(80, 24)):
        while not (type(app.screen).__name__ == "DeskScreen" and app.screen.focused is not None
                   and app.screen.focused.id == "desk-scan"):
            await asyncio.sleep(0)
        ready_wall = time.time()
        t3 = time.perf_counter()
        rss_ready = _rss()
        screen = app.screen
        deadline = time.perf_counter() + 60
        while (screen._index is None or screen._index.current() is None) and time.perf_counter() < deadline:
            await asyncio.sleep(0.005)  # the name index, built in slices after ready
        t4 = time.perf_counter()
        out = {"ready_wall": ready_wall, "import_s": t1 - t0, "event_s": t2 - t1, "app_s": t3 - t2,
               "index_s": t4 - t3, "rss_ready_mib": rss_ready, "rss_mib": _rss(),
               "present": len(app.event.day.present)}
    print(json.dumps(out))

asyncio.run(main())
"""


class DayWriter:
    """An event with `delegates` people; `extend(k)` appends k signed, chained journal lines."""

    def __init__(self, folder: Path, delegates: int, seed: int = 1) -> None:
        self.ev = make_big_event(folder, delegates, unique=True)  # (the demo's generator: 12 s at 20,000)
        self.delegates = delegates
        self.prev, self.n = self.ev.journal.chain.head_h, self.ev.journal.chain.head_n
        self.rng = random.Random(seed)
        self.inside: set[int] = set()
        self.lines = 0

    def extend(self, lines: int) -> None:
        ev, j = self.ev, self.ev.journal
        at = iso(SYSTEM.now())
        rng, inside, prev, n = self.rng, self.inside, self.prev, self.n
        with open(j.path, "ab") as fh:
            buf = []
            for _ in range(lines):
                n += 1
                did = rng.randint(1, self.delegates)
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
        self.prev, self.n = prev, n
        self.lines += lines
        # as the last desk left it: the seal follows the journal
        seal.write(seal.seal_path(j.path), ev.secret, seal.Seal(n, prev, j.path.stat().st_size, at))

    def drop_checkpoint(self) -> None:
        """As on a copied folder: the next process reads every line."""
        checkpoint.remove(checkpoint.checkpoint_path(self.ev.journal.path))


def write_day(folder: Path, delegates: int, lines: int, seed: int = 1) -> None:
    """An event with `delegates` people and `lines` signed journal lines."""
    DayWriter(folder, delegates, seed).extend(lines)


def _root() -> Path:
    return Path(__file__).resolve().parent.parent.parent


def _child(script: str, folder: Path) -> tuple[dict, float]:
    root = _root()
    env = {**os.environ, "PYTHONPATH": str(root)}
    spawned = time.time()
    try:
        proc = subprocess.run([sys.executable, "-c", script, str(folder)], capture_output=True, text=True,
                              timeout=CHILD_TIMEOUT_S, env=env, cwd=root)
    except subprocess.TimeoutExpired:
        what = "bàn đón tiếp" if script is _DESK else "Event(...)"
        raise TimeoutError(f"{what} chưa mở xong sau {CHILD_TIMEOUT_S} s (tiến trình mới, "
                           f"{folder.name}: treo?)") from None
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr[-2000:])
    return json.loads(proc.stdout.strip().splitlines()[-1]), spawned


def open_in_new_process(folder: Path) -> dict:
    return _child(_OPEN, folder)[0]


def desk_in_new_process(folder: Path) -> dict:
    """Interpreter start → the desk ready to scan, in a fresh process (s), and its peak RSS."""
    r, spawned = _child(_DESK, folder)
    r["start_s"] = r.pop("ready_wall") - spawned
    return r


def _case(day: DayWriter, delegates: int, lines: int) -> dict:
    folder = day.ev.folder
    day.drop_checkpoint()
    cold = open_in_new_process(folder)  # reads every line once, leaves the checkpoint
    warm = [open_in_new_process(folder) for _ in range(WARM_RUNS)]
    best = min(warm, key=lambda r: r["open_s"])
    day.drop_checkpoint()
    desk_cold = desk_in_new_process(folder)  # the desk on a folder without a checkpoint (leaves one)
    desk_warm = [desk_in_new_process(folder) for _ in range(WARM_RUNS)]
    starts = sorted(r["start_s"] for r in desk_warm)
    return {
        "delegates": delegates, "journal_lines": lines,
        "cold_open_s": round(cold["open_s"], 3), "cold_rss_mib": round(cold["rss_mib"] or 0, 1),
        "warm_open_s": round(best["open_s"], 3),
        "warm_open_s_median": round(sorted(r["open_s"] for r in warm)[len(warm) // 2], 3),
        "warm_rss_mib": round(max(r["rss_mib"] or 0 for r in warm), 1),
        "import_s": round(best["import_s"], 3), "present": best["present"],
        "desk_cold_start_s": round(desk_cold["start_s"], 3),
        "desk_cold_rss_mib": round(desk_cold["rss_mib"] or 0, 1),
        "desk_warm_start_s": round(starts[len(starts) // 2], 3),  # the median of WARM_RUNS
        "desk_warm_start_s_best": round(starts[0], 3),
        "desk_warm_rss_mib": round(max(r["rss_mib"] or 0 for r in desk_warm), 1),
        "desk_warm_rss_ready_mib": round(max(r["rss_ready_mib"] or 0 for r in desk_warm), 1),
        "desk_import_s": round(min(r["import_s"] for r in desk_warm), 3),
        "desk_index_s": round(min(r["index_s"] for r in desk_warm), 3),
        "desk_present": desk_warm[0]["present"],
    }


def run(cases=CASES, errors: dict | None = None) -> dict:
    """Every case; one that fails is named in `errors` (if given) and the others still measured."""
    out: dict = {}
    by_size: dict[int, list[int]] = {}
    for delegates, lines in cases:
        by_size.setdefault(delegates, []).append(lines)
    for delegates, sizes in by_size.items():
        with tempfile.TemporaryDirectory() as tmp:
            day = None
            for lines in sorted(sizes):
                key = f"{delegates}x{lines}"
                try:
                    if day is None:
                        day = DayWriter(Path(tmp) / "ev", delegates)
                    day.extend(lines - day.lines)
                    out[key] = _case(day, delegates, lines)
                except Exception as exc:
                    if errors is None:
                        raise
                    errors[f"startup_{key}"] = f"{type(exc).__name__}: {str(exc)[-300:]}"
    return out


def format_lines(r: dict) -> list[str]:
    lines = ["", "khởi động trong tiến trình mới — giây, MiB (có / không có điểm lưu)"]
    for v in r.values():
        lines.append(f"  {v['delegates']:>6} ĐB × {v['journal_lines']:>7} dòng: "
                     f"bàn đón tiếp sẵn sàng {v['desk_warm_start_s']:.3f} s ({v['desk_warm_rss_mib']:.0f} MiB) / "
                     f"{v['desk_cold_start_s']:.3f} s ({v['desk_cold_rss_mib']:.0f} MiB); "
                     f"chỉ mở hội nghị {v['warm_open_s']:.3f} s ({v['warm_rss_mib']:.0f} MiB) / "
                     f"{v['cold_open_s']:.3f} s ({v['cold_rss_mib']:.0f} MiB); "
                     f"import {v['import_s']:.3f} s, bàn import {v['desk_import_s']:.3f} s")
    return lines


if __name__ == "__main__":
    quick = "--quick" in sys.argv
    result = run(QUICK_CASES if quick else CASES)
    print(json.dumps(result, ensure_ascii=False, indent=1))
