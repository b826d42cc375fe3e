"""Four desk processes and a cue process on one event folder: every delegate scanned twice.

Exactly one check-in each, every duplicate reported, and every process's quota figures
converge to the same values within a second. 5,000 delegates (about 4 s here).
"""

import multiprocessing as mp
import random
import time
from pathlib import Path

from console.bench.fixtures import make_big_event
from console.door.checkin import scan
from console.door.tokens import make_token
from console.event import Event

N = 5000


def _desk(folder: str, desk: str, tokens: list[str], expect: int, out) -> None:
    ev = Event(Path(folder), desk=desk)
    results = []
    for t in tokens:
        r = scan(ev, t)
        results.append((r.result, r.delegate.id if r.delegate else None))
    done_scanning = time.time()
    # then, like the desk's quota panel, poll until this process sees the whole hall
    deadline = done_scanning + 120
    while len(ev.day.present) < expect and time.time() < deadline:
        time.sleep(0.05)
        ev.refresh()
    out.put((desk, results, done_scanning, time.time(), _figures(ev)))


def _figures(ev: Event) -> tuple:
    c = ev.composition_present()
    return (c.total, c.exemplary, c.guests, c.women, c.guest_headroom)


def _watcher(folder: str, expect_total: int, out, deadline: float) -> None:
    """A cue-like process: polls like the app does and reports when it has seen everything."""
    ev = Event(Path(folder), desk="cue")
    while time.time() < deadline:
        ev.refresh()
        if len(ev.day.present) >= expect_total:
            out.put(("watcher", _figures(ev), time.time()))
            return
        time.sleep(0.05)
    out.put(("watcher", None, time.time()))


def test_four_desks_scan_everyone_twice(tmp_path):
    folder = tmp_path / "ev"
    ev = make_big_event(folder, N, desk="import")
    tokens = {i: make_token(ev.secret, i) for i in ev.imported}
    rng = random.Random(7)
    plan: dict[str, list[str]] = {f"ban-{k}": [] for k in range(4)}
    for tok in tokens.values():
        a, b = rng.sample(sorted(plan), 2)
        plan[a].append(tok)
        plan[b].append(tok)
    for lst in plan.values():
        rng.shuffle(lst)
    ctx = mp.get_context("spawn")
    out = ctx.Queue()
    watcher = ctx.Process(target=_watcher, args=(str(folder), N, out, time.time() + 300))
    watcher.start()
    desks = [ctx.Process(target=_desk, args=(str(folder), d, toks, N, out)) for d, toks in plan.items()]
    t0 = time.time()
    for p in desks:
        p.start()
    reports = [out.get(timeout=600) for _ in range(5)]
    for p in [*desks, watcher]:
        p.join(30)
    elapsed = time.time() - t0
    desk_reports = [r for r in reports if r[0] != "watcher"]
    (_, watcher_figures, watcher_done) = next(r for r in reports if r[0] == "watcher")
    results = [res for _d, lst, *_rest in desk_reports for res in lst]
    assert len(results) == 2 * N
    checked = [did for res, did in results if res == "checked_in"]
    dupes = [did for res, did in results if res == "already_checked_in"]
    assert sorted(checked) == sorted(tokens)  # exactly one check-in each
    assert sorted(dupes) == sorted(tokens)  # and every second scan reported as a duplicate
    final = Event(folder, desk="check")
    assert len([e for e in final.journal.entries if e.kind == "checkin"]) == N
    # every process's quota figures converge to the same values within a second of the last write
    last_write = max(r[2] for r in desk_reports)
    assert watcher_figures == _figures(final)
    assert watcher_done - last_write < 1.0
    for _desk_name, _l, _done, converged, figures in desk_reports:
        assert figures == _figures(final)
        assert converged - last_write < 1.0
    lag = max([watcher_done] + [r[3] for r in desk_reports]) - last_write
    print(f"\n{2 * N} scans by 4 desks in {elapsed:.1f} s; all 5 processes converged within {lag:+.2f} s of the last write")
