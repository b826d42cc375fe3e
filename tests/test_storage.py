"""The locked atomic storage: no lost write with 4 processes, no corrupt file after kill -9."""

import json
import multiprocessing as mp
import os
import random
import time
from pathlib import Path

import pytest

from console.ground.errors import UserError
from console.ground.storage import AtomicLockedStorage, FileLock, atomic_write_text
from console.people.roster import RosterStore


def _increment(path: str, times: int, name: str) -> None:
    store = RosterStore(Path(path))
    for _ in range(times):
        with store.lock():  # read-modify-write under one flock
            docs = store.table_docs("counter")
            value = docs[0]["value"] if docs else 0
            log = docs[0]["log"] if docs else []
            store.replace_table("counter", [{"value": value + 1, "log": log + [name]}])


def test_four_processes_never_lose_a_write(tmp_path):
    path = tmp_path / "roster.json"
    ctx = mp.get_context("spawn")
    procs = [ctx.Process(target=_increment, args=(str(path), 40, f"p{k}")) for k in range(4)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
        assert p.exitcode == 0
    doc = RosterStore(path).table_docs("counter")[0]
    assert doc["value"] == 160
    assert sorted(doc["log"]) == sorted([f"p{k}" for k in range(4)] * 40)


def test_tinydb_write_outside_the_lock_is_refused(tmp_path):
    store = AtomicLockedStorage(tmp_path / "x.json", FileLock(tmp_path / "x.lock"))
    with pytest.raises(RuntimeError):
        store.write({"a": {}})


def _writer_loop(path: str, ack: str) -> None:
    store = RosterStore(Path(path))
    fd = os.open(ack, os.O_WRONLY | os.O_APPEND | os.O_CREAT)
    i = 0
    while True:
        i += 1
        # a large document so a kill often lands mid-write
        store.replace_table("counter", [{"value": i, "pad": "x" * 200_000}])
        os.write(fd, f"{i}\n".encode())


def _wait_for_ack(ack: Path, p, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not (ack.exists() and ack.stat().st_size) and p.is_alive() and time.monotonic() < deadline:
        time.sleep(0.005)
    assert ack.exists() and ack.stat().st_size, "the writer never acknowledged a write"


@pytest.mark.parametrize("round_", range(5))
def test_kill_9_mid_write_leaves_old_or_new_file(tmp_path, round_):
    path = tmp_path / "roster.json"
    ack = tmp_path / "ack"
    ctx = mp.get_context("spawn")
    p = ctx.Process(target=_writer_loop, args=(str(path), str(ack)))
    p.start()
    _wait_for_ack(ack, p)  # spawn takes a while to start: kill mid-writing, not before the first write
    time.sleep(random.uniform(0.0, 0.25))
    p.kill()
    p.join()
    acked = [int(x) for x in ack.read_text().split()] if ack.exists() else []
    raw = path.read_text() if path.exists() else ""
    if acked:
        data = json.loads(raw)  # never corrupt
        assert data["counter"]["1"]["value"] >= acked[-1]
    leftovers = [f for f in os.listdir(tmp_path) if f.endswith(".tmp")]
    # a temp file may remain from the killed write; it is never read as the roster
    assert all(f.startswith(".roster.json.") for f in leftovers)


def test_corrupt_roster_is_a_clear_message(tmp_path):
    path = tmp_path / "roster.json"
    path.write_text("{not json")
    with pytest.raises(UserError) as err:
        RosterStore(path).load()
    assert "bị hỏng" in str(err.value) and "roster.json" in str(err.value)


def test_full_disk_message_is_vietnamese(tmp_path, monkeypatch):
    import errno

    def boom(*a, **k):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", boom)
    with pytest.raises(UserError) as err:
        atomic_write_text(tmp_path / "a.txt", "x")
    assert "đầy" in str(err.value)
    assert not (tmp_path / "a.txt").exists()


def test_replacing_a_table_is_one_write_through_tinydb(tmp_path, monkeypatch):
    """TinyDB's truncate + insert_multiple inside one transaction: a reader between them
    would otherwise see an empty roster. Exactly one file write, the other tables kept."""
    from console.ground import storage as st

    store = RosterStore(tmp_path / "roster.json")
    store.replace_table("awards", [{"key": "a"}])
    writes = []
    real = st.atomic_write_text
    monkeypatch.setattr(st, "atomic_write_text", lambda *a, **k: (writes.append(a[0]), real(*a, **k)))
    store.replace_table("speeches", [{"key": "s1"}, {"key": "s2"}])
    assert writes == [tmp_path / "roster.json"]
    data = json.loads((tmp_path / "roster.json").read_text())
    assert data["awards"] == {"1": {"key": "a"}}
    assert data["speeches"] == {"1": {"key": "s1"}, "2": {"key": "s2"}}


def test_a_failure_inside_a_transaction_writes_nothing(tmp_path):
    store = RosterStore(tmp_path / "roster.json")
    store.replace_table("awards", [{"key": "a"}])
    before = (tmp_path / "roster.json").read_bytes()
    with pytest.raises(RuntimeError, match="coi như hỏng giữa chừng"):
        with store.db.storage.transaction():
            store.db.table("awards").truncate()
            raise RuntimeError("coi như hỏng giữa chừng")  # a failure in the middle of the block
    assert (tmp_path / "roster.json").read_bytes() == before
    assert store.table_docs("awards") == [{"key": "a"}]


def test_a_search_sees_what_another_desk_wrote(tmp_path):
    """TinyDB caches query results per table; another process's write would not clear that."""
    from tinydb import Query

    a, b = RosterStore(tmp_path / "roster.json"), RosterStore(tmp_path / "roster.json")
    a.replace_table("awards", [{"key": "x", "form": "bang_khen"}])
    q = Query().form == "bang_khen"
    assert len(a.db.table("awards").search(q)) == 1
    b.replace_table("awards", [{"key": "x", "form": "bang_khen"}, {"key": "y", "form": "bang_khen"}])
    assert len(a.db.table("awards").search(q)) == 2
