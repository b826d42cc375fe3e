"""Kill -9 a writing process at random moments during check-ins, imports and agenda steps, then restart.

No acknowledged action is lost, no file is corrupt, a torn journal tail is handled.
Rounds: 12 by default, 100 with HOINGHI_FULL=1.
"""

import json
import multiprocessing as mp
import os
import random
import time
from pathlib import Path

from console.door.checkin import checkin_delegate
from console.event import Event
from console.ground.journal_check import verify
from console.importer import import_file
from data import DEMO_DIR

ROUNDS = 100 if os.environ.get("HOINGHI_FULL") == "1" else 12


def _checkin_worker(folder: str, ids: list[int], ack: str, ready) -> None:
    ev = Event(Path(folder), desk="ban-crash")
    ready.set()
    fd = os.open(ack, os.O_WRONLY | os.O_APPEND | os.O_CREAT)
    for did in ids:
        r = checkin_delegate(ev, did, via="scan")
        if r.result == "checked_in":
            os.write(fd, f"{did}\n".encode())  # the desk shows green only after this returns


def _import_worker(folder: str, ack: str, ready) -> None:
    ev = Event(Path(folder), desk="import")
    ready.set()
    fd = os.open(ack, os.O_WRONLY | os.O_APPEND | os.O_CREAT)
    while True:
        import_file(ev, DEMO_DIR / "danh-sach-dai-bieu.xlsx")
        os.write(fd, b"import\n")


def _agenda_worker(folder: str, ack: str, ready) -> None:
    from console.agenda import steps
    from console.agenda.run import run_of

    ev = Event(Path(folder), desk="control")
    ready.set()
    fd = os.open(ack, os.O_WRONLY | os.O_APPEND | os.O_CREAT)
    if not run_of(ev).started:
        steps.start(ev)
    while True:
        st = run_of(ev)
        if st.closed:
            steps.back(ev)
        else:
            steps.next_(ev)
        os.write(fd, f"{run_of(ev).current}\n".encode())  # what the control's screen then shows


def test_kill_9_during_checkins_and_imports(demo_dir):
    rng = random.Random(1)
    ids = sorted(Event(demo_dir).imported)
    rng.shuffle(ids)
    ack = demo_dir.parent / "ack"
    agenda_ack = demo_dir.parent / "agenda-ack"
    ctx = mp.get_context("spawn")
    pos = 0
    for round_ in range(ROUNDS):
        ready = ctx.Event()
        if round_ % 4 == 3:
            p = ctx.Process(target=_import_worker, args=(str(demo_dir), str(ack), ready))
        elif round_ % 4 == 2:
            p = ctx.Process(target=_agenda_worker, args=(str(demo_dir), str(agenda_ack), ready))
        else:
            p = ctx.Process(target=_checkin_worker, args=(str(demo_dir), ids[pos:pos + 15], str(ack), ready))
            pos = (pos + 15) % len(ids)
        p.start()
        # spawn (as on Windows) starts a fresh interpreter: kill at a random moment of the work,
        # counted from when the worker has the folder open, not from process creation
        assert ready.wait(60), "the worker never opened the event"
        time.sleep(rng.uniform(0.005, 0.08))
        p.kill()
        p.join()
        # restart: the folder opens, the roster parses, the journal folds
        ev = Event(demo_dir, desk="restart")
        assert len(ev.imported) == 140
        json.loads((demo_dir / "roster.json").read_text())
    acked = {int(x) for x in ack.read_text().split() if x.isdigit()} if ack.exists() else set()
    ev = Event(demo_dir, desk="after")
    ev.journal.append("restart", {})  # the next writer sets a torn tail aside
    ev.refresh()
    assert acked <= set(ev.day.present), "an acknowledged check-in was lost"
    _lines, problems = verify(ev.journal.path, ev.secret)
    assert problems == []
    # the agenda resumes where it was: the last acknowledged position, or one step on
    # (a step written but killed before the screen showed it)
    from console.agenda.run import agenda_lines, run_of

    shown = agenda_ack.read_text().split() if agenda_ack.exists() else []
    if shown:
        moves = [e for e in agenda_lines(ev) if e.kind != "agenda_start"]
        assert len(moves) >= len(shown)
        assert run_of(ev).started
