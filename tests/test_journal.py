"""The journal: append + poll, torn tail, hash chain, several writers."""

import json
import multiprocessing as mp
import os

import pytest

from console.ground.journal import Journal, line_hash
from console.ground.journal_check import verify

SECRET = b"k" * 32


def test_append_is_visible_to_another_reader(tmp_path):
    a = Journal(tmp_path / "j.jsonl", SECRET, desk="ban-1")
    b = Journal(tmp_path / "j.jsonl", SECRET, desk="ban-2")
    e = a.append("checkin", {"delegate_id": 1})
    assert e.n == 1 and e.desk == "ban-1"
    assert [x.id for x in b.poll()] == [e.id]
    assert b.poll() == []  # nothing new: a stat, no read
    b.append("checkin", {"delegate_id": 2})
    assert [x.n for x in a.poll()] == [2]


def test_times_are_vietnam_local(tmp_path, clock):
    j = Journal(tmp_path / "j.jsonl", SECRET, clock=clock)
    e = j.append("x", {})
    assert e.at == "2020-04-15T07:00:00.000+07:00"


def test_torn_tail_is_ignored_then_set_aside(tmp_path):
    path = tmp_path / "j.jsonl"
    j = Journal(path, SECRET)
    j.append("checkin", {"delegate_id": 1})
    with open(path, "ab") as fh:
        fh.write(b'{"n":2,"id":"abc","at":"2020-')  # the machine died mid-write
    reader = Journal(path, SECRET)
    assert [e.n for e in reader.poll()] == [1]  # a torn line is not an entry, and no crash
    e = reader.append("checkin", {"delegate_id": 3})
    assert e.n == 2
    assert (tmp_path / "j.jsonl.torn").read_bytes().startswith(b'{"n":2,"id":"abc"')
    assert any("ghi dở" in w for w in reader.warnings)
    lines, problems = verify(path, SECRET)
    assert lines == 2 and problems == []


def _lines(path):
    return path.read_text(encoding="utf-8").splitlines()


def test_verify_names_an_edited_line(tmp_path):
    path = tmp_path / "j.jsonl"
    j = Journal(path, SECRET)
    for i in range(5):
        j.append("checkin", {"delegate_id": i + 1})
    lines = _lines(path)
    rec = json.loads(lines[2])
    rec["data"]["delegate_id"] = 99
    lines[2] = json.dumps(rec, ensure_ascii=False, separators=(",", ":"))
    path.write_text("\n".join(lines) + "\n")
    _n, problems = verify(path, SECRET)
    assert [p.line for p in problems] == [3]
    assert "sửa" in problems[0].message


def test_verify_names_a_removed_line(tmp_path):
    path = tmp_path / "j.jsonl"
    j = Journal(path, SECRET)
    for i in range(5):
        j.append("checkin", {"delegate_id": i + 1})
    lines = _lines(path)
    del lines[1]
    path.write_text("\n".join(lines) + "\n")
    _n, problems = verify(path, SECRET)
    assert [p.line for p in problems] == [2]
    assert "xóa" in problems[0].message


def test_verify_names_an_inserted_line(tmp_path):
    path = tmp_path / "j.jsonl"
    j = Journal(path, SECRET)
    for i in range(3):
        j.append("checkin", {"delegate_id": i + 1})
    lines = _lines(path)
    forged = json.loads(lines[0])
    forged["data"]["delegate_id"] = 42
    lines.insert(1, json.dumps(forged))
    path.write_text("\n".join(lines) + "\n")
    _n, problems = verify(path, SECRET)
    assert problems and problems[0].line == 2


def test_a_garbage_line_in_the_middle_does_not_stop_reading(tmp_path):
    path = tmp_path / "j.jsonl"
    j = Journal(path, SECRET)
    j.append("a", {})
    with open(path, "ab") as fh:
        fh.write(b"not json at all\n")
    j.append("b", {})
    r = Journal(path, SECRET)
    assert [e.kind for e in r.poll()] == ["a", "b"]
    assert r.warnings


def _writer(path: str, desk: str, count: int) -> None:
    j = Journal(__import__("pathlib").Path(path), SECRET, desk=desk)
    for i in range(count):
        j.append("tick", {"i": i})


def test_four_processes_append_without_loss_and_chain_holds(tmp_path):
    path = tmp_path / "j.jsonl"
    ctx = mp.get_context("spawn")
    procs = [ctx.Process(target=_writer, args=(str(path), f"ban-{k}", 60)) for k in range(4)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    entries = Journal(path, SECRET).poll()
    assert len(entries) == 240
    assert [e.n for e in entries] == list(range(1, 241))
    for k in range(4):
        assert sorted(e.data["i"] for e in entries if e.desk == f"ban-{k}") == list(range(60))
    assert verify(path, SECRET)[1] == []


def _acking_writer(path: str, ack_path: str) -> None:
    j = Journal(__import__("pathlib").Path(path), SECRET)
    fd = os.open(ack_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT)
    i = 0
    while True:
        e = j.append("tick", {"i": i})
        os.write(fd, f"{e.id}\n".encode())  # acknowledged only after the journal's fsync
        i += 1


@pytest.mark.parametrize("round_", range(6))
def test_kill_9_mid_append_loses_nothing_acknowledged(tmp_path, round_):
    import random
    import time

    path = tmp_path / "j.jsonl"
    ack = tmp_path / "ack"
    for _ in range(3):
        ctx = mp.get_context("spawn")
        p = ctx.Process(target=_acking_writer, args=(str(path), str(ack)))
        p.start()
        before = ack.stat().st_size if ack.exists() else 0
        deadline = time.monotonic() + 60  # spawn starts slowly: kill while it appends, not before
        while (ack.stat().st_size if ack.exists() else 0) == before and p.is_alive() and time.monotonic() < deadline:
            time.sleep(0.005)
        time.sleep(random.uniform(0.0, 0.1))
        p.kill()
        p.join()
    acked = ack.read_text().split() if ack.exists() else []
    reader = Journal(path, SECRET)
    reader.append("after-crash", {})  # a writer after the crash repairs a torn tail, if any
    ids = {e.id for e in reader.entries}
    assert set(acked) <= ids
    assert verify(path, SECRET)[1] == []


def test_a_short_write_on_a_full_disk_is_refused_not_acknowledged(tmp_path, monkeypatch):
    """write(2) on a nearly full disk returns fewer bytes instead of failing; that must not be
    acknowledged (the line would be torn off at the next append and the check-in lost)."""
    from console.ground import journal as jmod
    from console.ground.errors import UserError

    j = Journal(tmp_path / "j.jsonl", SECRET)
    j.append("checkin", {"delegate_id": 1})
    real_write = os.write

    def short_write(fd, data):
        return real_write(fd, bytes(data)[: len(data) // 2])

    monkeypatch.setattr(jmod.os, "write", short_write)
    with pytest.raises(UserError):
        j.append("checkin", {"delegate_id": 2})
    monkeypatch.setattr(jmod.os, "write", real_write)
    raw = (tmp_path / "j.jsonl").read_bytes()
    assert raw.endswith(b"\n") and raw.count(b"\n") == 1  # the half line was cut back
    assert [e.data["delegate_id"] for e in Journal(tmp_path / "j.jsonl", SECRET).poll()] == [1]
    assert verify(tmp_path / "j.jsonl", SECRET) == (1, [])
    assert j.append("checkin", {"delegate_id": 3}).n == 2


def test_a_well_formed_json_line_with_wrong_fields_is_skipped_not_fatal(tmp_path):
    """A line edited by hand (or damaged) that is still JSON — a time that is not a time, a
    number that is not a number, data that is not an object — used to be folded and then crash
    every check-in that touched it. It is set aside with a warning, like unreadable lines."""
    path = tmp_path / "j.jsonl"
    a = Journal(path, SECRET)
    a.append("checkin", {"delegate_id": 1})
    bad = [
        {"n": 2, "id": "x", "at": "2020", "desk": "d", "actor": "", "kind": "checkin", "data": {"delegate_id": 2}},
        {"n": "3", "id": "y", "at": "2020-04-15T07:00:00.000+07:00", "desk": "d", "actor": "", "kind": "checkin",
         "data": {"delegate_id": 3}},
        {"n": 4, "id": "z", "at": "2020-04-15T07:00:00.000+07:00", "desk": "d", "actor": "", "kind": "checkin",
         "data": [4]},
    ]
    with open(path, "a", encoding="utf-8") as fh:
        for rec in bad:  # signed: only someone with the key (or a bug of ours) writes these
            fh.write(json.dumps({**rec, "h": line_hash(SECRET, rec)}) + "\n")
    b = Journal(path, SECRET)
    assert [e.data["delegate_id"] for e in b.poll()] == [1]
    assert len(b.warnings) == 3 and all("không đọc được" in w for w in b.warnings)
    e = b.append("checkin", {"delegate_id": 5})  # appending still works
    assert e.n == 2 and e.time.year >= 2020


def test_a_signed_looking_line_with_bad_data_does_not_stop_the_desks(demo_dir, clock):
    """One hand-edited line (a reissue whose version is not a number, a batch whose caller is
    not an id, a walk-in with no usable id, an agenda move to a non-item) made every command
    and every desk fail with 'Lỗi không mong đợi'. Now it is skipped with a warning."""
    from console.agenda.timing import view
    from console.ceremony.awards import plan_awards
    from console.door.checkin import CHECKED_IN, checkin_delegate
    from console.event import Event

    at = "2020-04-15T07:00:00.000+07:00"
    bad = [("badge_reissue", {"delegate_id": 1, "version": "x"}),
           ("ceremony_batch_done", {"keys": ["a"], "called": {"a": "x"}}),
           ("walkin", {"delegate": {"id": "x", "name": "A", "category": "khach_moi"}}),
           ("agenda_start", {"to": 5})]
    from console.event import SECRET as SECRET_FILE
    from console.ground.journal import GENESIS

    key = bytes.fromhex((demo_dir / SECRET_FILE).read_text().strip())
    prev = GENESIS
    with open(demo_dir / "journal.jsonl", "a", encoding="utf-8") as fh:
        for n, (kind, data) in enumerate(bad, start=1):
            rec = {"n": n, "id": f"x{n}", "at": at, "desk": "d", "actor": "", "kind": kind, "data": data, "prev": prev}
            rec["h"] = prev = line_hash(key, rec)
            fh.write(json.dumps(rec) + "\n")
    (demo_dir / "journal.seal").unlink(missing_ok=True)
    Event(demo_dir, inspect=True).journal.reseal_quietly()  # as if written by the program
    ev = Event(demo_dir, clock=clock)
    assert checkin_delegate(ev, 2).result == CHECKED_IN
    assert ev.day.version_of(2) == 1 and all(isinstance(i, int) for i in ev.delegates())
    plan_awards(ev)
    view(ev)  # the cue and the control still draw
    assert any("không đọc được" in w for w in ev.journal.warnings)


def test_a_journal_swapped_under_a_running_desk_stops_it(demo_dir):
    """A backup restored while desks run: no fold onto stale state, no write, a sentence."""
    import shutil

    from console.door.checkin import checkin_delegate, scan
    from console.door.tokens import make_token
    from console.event import Event
    from console.ground.errors import UserError

    ev = Event(demo_dir, desk="ban-1")
    ids = sorted(ev.imported)
    backup = demo_dir.parent / "journal-backup.jsonl"
    shutil.copy(ev.journal.path, backup)
    checkin_delegate(ev, ids[0])
    checkin_delegate(ev, ids[1])
    shutil.copy(backup, ev.journal.path.with_suffix(".tmp"))
    os.replace(ev.journal.path.with_suffix(".tmp"), ev.journal.path)  # the restore
    with pytest.raises(UserError) as err:
        ev.refresh()
    assert "mở lại chương trình" in str(err.value)
    size = ev.journal.path.stat().st_size
    r = scan(ev, make_token(ev.secret, ids[2]))
    assert r.result == "error" and ev.journal.path.stat().st_size == size
    with pytest.raises(UserError):
        checkin_delegate(ev, ids[3])
    assert ev.journal.path.stat().st_size == size
    with pytest.raises(UserError, match="ngắn hơn lúc .*thiếu 2 dòng"):
        Event(demo_dir, desk="ban-1")  # a restart does not quietly take the restored journal
    Event(demo_dir, desk="ban-1", inspect=True).accept_journal("khôi phục bản sao lưu lúc 8 giờ")
    fresh = Event(demo_dir, desk="ban-1")  # once accepted, the restored journal is the day
    assert ids[0] not in fresh.day.present
    assert fresh.journal.entries[-1].kind == "journal_accepted"


def test_a_write_after_more_than_a_batch_of_others_lines_chains_onto_the_last(tmp_path):
    """A poll reads at most `batch` lines; the line written next must follow the file's last line,
    not the batch's (it used to: a desk far behind wrote a break into the chain)."""
    path = tmp_path / "journal.jsonl"
    behind, other = Journal(path, SECRET), Journal(path, SECRET)
    behind.append("checkin", {"delegate_id": 1})
    for i in range(10):
        other.append("checkin", {"delegate_id": 100 + i})
    behind.batch = 3
    e = behind.append("checkin", {"delegate_id": 2})
    assert e.n == 12 and verify(path, SECRET) == (12, [])
    assert [x.n for x in behind.drain()][-1] == 12


def test_own_lines_are_taken_without_reading_them_back_yet_kept_apart_from_the_callers_data(tmp_path):
    path = tmp_path / "journal.jsonl"
    j = Journal(path, SECRET)
    data = {"delegate_id": 1, "via": "scan"}
    e = j.append("checkin", data)
    folded = j.drain()
    data["via"] = "changed by the caller afterwards"
    assert [x.n for x in folded] == [1] and folded[0].data == {"delegate_id": 1, "via": "scan"}
    assert j.chain.offset == path.stat().st_size and j.chain.head_h == e.h and j.lines == 1
    assert Journal(path, SECRET).poll()[0].h == e.h


def test_a_journal_of_exactly_whole_batches_is_read_to_its_end_and_stops(tmp_path):
    """A poll that stops at `batch` says `more`; when that batch ended at the end of the file the
    next poll found nothing and left `more` set: a desk opening 100,000 lines hung for ever."""
    path = tmp_path / "journal.jsonl"
    writer = Journal(path, SECRET)
    writer.transact(lambda _e: [("checkin", {"delegate_id": i}) for i in range(6)])
    reader = Journal(path, SECRET)
    reader.batch = 3
    got, polls = [], 0
    while True:
        got += reader.poll()
        polls += 1
        if not reader.more or polls > 10:
            break
    assert len(got) == 6 and polls == 3 and not reader.more
