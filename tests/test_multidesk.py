"""Several desks, one event: 4 processes checking in the same 150 people at once."""

from __future__ import annotations

import json
import multiprocessing
import os
import random
import subprocess
import sys
from collections import Counter
from pathlib import Path

from console.bench.fixtures import make_big_event as make_event
from console.door.tokens import make_token

N_PEOPLE = 150
N_DESKS = 4
ROOT = Path(__file__).resolve().parent.parent


def _desk(folder: str, desk: str, seed: int, barrier, queue) -> None:
    from console.door.checkin import scan
    from console.event import Event

    event = Event(Path(folder), desk=desk)
    order = list(range(1, N_PEOPLE + 1))
    random.Random(seed).shuffle(order)
    barrier.wait(timeout=30)
    out = []
    for did in order:
        r = scan(event, make_token(event.secret, did), desk=desk)
        out.append((did, r.result, r.desk))
    queue.put((desk, out))


def test_four_desk_processes_check_in_150_people_exactly_once(tmp_path):
    event = make_event(tmp_path / "ev", N_PEOPLE, desk="setup")
    ctx = multiprocessing.get_context("spawn")
    barrier, queue = ctx.Barrier(N_DESKS), ctx.Queue()
    procs = [ctx.Process(target=_desk, args=(str(event.folder), f"ban-{i}", i, barrier, queue)) for i in range(N_DESKS)]
    for p in procs:
        p.start()
    results = dict(queue.get(timeout=120) for _ in procs)
    for p in procs:
        p.join(timeout=30)
        assert p.exitcode == 0
    all_results = [r for out in results.values() for r in out]
    counts = Counter(res for _did, res, _desk in all_results)
    assert counts == {"checked_in": N_PEOPLE, "already_checked_in": N_PEOPLE * (N_DESKS - 1)}
    # Each person checked in once, and every duplicate names the desk that did it.
    winners = {did: desk for desk, out in results.items() for did, res, _ in out if res == "checked_in"}
    assert sorted(winners) == list(range(1, N_PEOPLE + 1))
    for desk, out in results.items():
        for did, res, at_desk in out:
            if res == "already_checked_in":
                assert at_desk == winners[did] != desk
    # The journal agrees: 150 check-in lines, a valid chain, 150 present.
    event.refresh()
    lines = [json.loads(x) for x in event.journal.path.read_text().splitlines()]
    assert sum(x["kind"] == "checkin" for x in lines) == N_PEOPLE
    assert len(event.day.present) == N_PEOPLE
    from console.ground.journal_check import verify

    assert verify(event.journal.path, event.secret)[1] == []


def test_same_badge_at_four_cli_desks_in_the_same_second(tmp_path):
    event = make_event(tmp_path / "ev", 10, desk="setup")
    token = make_token(event.secret, 4)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = [subprocess.Popen([sys.executable, "-m", "console", "checkin", str(event.folder), token, "--desk",
                               f"ban-{i}", "--json"], stdout=subprocess.PIPE, text=True, env=env, cwd=ROOT)
             for i in range(N_DESKS)]
    outs = [json.loads(p.communicate(timeout=60)[0]) for p in procs]
    assert sorted(o["result"] for o in outs) == ["already_checked_in"] * 3 + ["checked_in"]
    winner = next(o["desk"] for o in outs if o["result"] == "checked_in")
    assert all(o["desk"] == winner for o in outs)
