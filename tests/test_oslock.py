"""The side-file lock, both ways (flock here; the portable library as on Windows): threads and
processes exclude each other, a wait runs out with the sentence, a killed holder frees it."""

from __future__ import annotations

import multiprocessing as mp
import threading
import time

import pytest

from console.ground import oslock
from console.ground.errors import LockTimeout
from console.ground.storage import FORCE_PORTABLE_ENV, FileLock


@pytest.fixture(params=["flock", "portable"])
def way(request, monkeypatch):
    if request.param == "portable":
        monkeypatch.setenv(FORCE_PORTABLE_ENV, "1")
    else:
        monkeypatch.delenv(FORCE_PORTABLE_ENV, raising=False)
    return request.param


def test_the_way_taken_is_the_one_asked(way, tmp_path):
    hold = oslock.hold_for(str(tmp_path / "x.lock"), portable=way == "portable")
    assert type(hold).__name__ == ("_FlockHold" if way == "flock" else "_PortableHold")


def test_two_threads_never_hold_it_at_once(way, tmp_path):
    lock = FileLock(tmp_path / "j.lock")
    inside, overlaps, done = [0], [0], []

    def work():
        for _ in range(30):
            with lock():
                inside[0] += 1
                if inside[0] > 1:
                    overlaps[0] += 1
                time.sleep(0.0005)
                with lock():  # re-entrant in its own thread
                    pass
                inside[0] -= 1
        done.append(1)

    threads = [threading.Thread(target=work) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert len(done) == 3 and overlaps[0] == 0


def _hold(path: str, portable: bool, held) -> None:
    import os

    if portable:
        os.environ[FORCE_PORTABLE_ENV] = "1"
    with FileLock(path)():
        held.set()
        time.sleep(60)  # until killed (a kill inside an mp.Event's wait would leave its lock taken)


def test_another_process_makes_the_wait_run_out_and_a_kill_frees_it(way, tmp_path):
    path = tmp_path / "journal.lock"
    ctx = mp.get_context("spawn")
    held = ctx.Event()
    holder = ctx.Process(target=_hold, args=(str(path), way == "portable", held))
    holder.start()
    try:
        assert held.wait(30)
        with pytest.raises(LockTimeout, match="giữ quá"):
            with FileLock(path, timeout=0.2)():
                pass
        holder.kill()  # kill -9 while holding: the OS drops the lock
        holder.join(10)
        t0 = time.monotonic()
        with FileLock(path, timeout=5)():
            pass
        assert time.monotonic() - t0 < 2
    finally:
        if holder.is_alive():
            holder.kill()
