"""Start-up that does not grow with the day: a signed checkpoint, and the journal read once.

A restart reads only the lines after the checkpoint and ends in exactly the state a full fold
gives; a checkpoint that is forged, from other code, or that the journal no longer reaches is
not used (and a journal cut below a signed checkpoint is said, like a cut below the seal).
"""

from __future__ import annotations

import json
import pickle
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from console.bench.fixtures import make_big_event
from console.event import Event
from console.ground import checkpoint
from console.ground.journal import Journal
from console.ground.journal_check import JournalAlarm


def _day_of(ev: Event) -> tuple:
    d = ev.day
    return (sorted(d.present), sorted(d.first_checkin), sorted(d.left.items()), sorted(d.badge_version.items()),
            [i for i, _v in d.recent], ev.agenda_run.current if hasattr(ev.agenda_run, "current") else None,
            ev.composition_present().total)


def _scan_lines(ev: Event, ops: list[tuple[str, int]]) -> None:
    ev.journal.transact(lambda _j: [(k, {"delegate_id": i, "via": "scan"} if k == "checkin" else {"delegate_id": i})
                                    for k, i in ops])
    ev.refresh()


def _count_reads(monkeypatch) -> list[int]:
    seen: list[int] = []
    real = Journal._accept

    def counting(self, raw, line_no):
        seen.append(line_no)
        return real(self, raw, line_no)

    monkeypatch.setattr(Journal, "_accept", counting)
    return seen


@pytest.fixture
def big(tmp_path):
    return make_big_event(tmp_path / "ev", 300)


def test_a_restart_reads_only_what_came_after_the_checkpoint(big, monkeypatch):
    rng = random.Random(3)
    ops = [(rng.choice(["checkin", "checkin", "checkout", "checkin_undo"]), rng.randint(1, 300)) for _ in range(1200)]
    _scan_lines(big, ops)
    monkeypatch.setattr(checkpoint, "EVERY", 1000)
    first = Event(big.folder, desk="ban-2")  # reads everything, writes the checkpoint
    assert checkpoint.checkpoint_path(big.journal.path).exists()
    _scan_lines(first, [("checkin", 7), ("checkout", 8), ("checkin", 9)])
    seen = _count_reads(monkeypatch)
    again = Event(big.folder, desk="ban-3")
    assert len(seen) == 3 and min(seen) == first.journal.chain.line_no - 2  # the three new lines only
    monkeypatch.undo()
    checkpoint.remove(checkpoint.checkpoint_path(big.journal.path))
    full = Event(big.folder, desk="ban-4")
    assert _day_of(again) == _day_of(full)
    assert again.journal.chain == full.journal.chain


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=st.lists(st.tuples(st.sampled_from(["checkin", "checkout", "checkin_undo", "badge_reissue"]),
                              st.integers(1, 40)), min_size=1, max_size=120),
       cut=st.integers(0, 120))
def test_checkpoint_then_tail_equals_a_full_fold(tmp_path_factory, ops, cut):
    folder = tmp_path_factory.mktemp("cp") / "ev"
    ev = make_big_event(folder, 40)
    cut = min(cut, len(ops))
    if ops[:cut]:
        _scan_lines(ev, ops[:cut])
    Event(folder)._maybe_checkpoint(0)  # a checkpoint here, whatever the count
    if ops[cut:]:
        _scan_lines(ev, ops[cut:])
    resumed = Event(folder)
    checkpoint.remove(checkpoint.checkpoint_path(ev.journal.path))
    assert _day_of(resumed) == _day_of(Event(folder))


def test_a_checkpoint_signed_with_another_key_is_never_opened(big, monkeypatch):
    _scan_lines(big, [("checkin", i) for i in range(1, 50)])
    path = checkpoint.checkpoint_path(big.journal.path)
    Event(big.folder)._maybe_checkpoint(0)
    mark = checkpoint.load(path, big.secret).mark

    class Boom:
        def __reduce__(self):
            return (exec, ("raise SystemExit('pickle ran')",))

    checkpoint.save(path, b"another key" * 3, mark, [], {"day": Boom()})
    seen = _count_reads(monkeypatch)
    ev = Event(big.folder)
    assert len(ev.day.present) == 49 and len(seen) >= 49  # read from the start instead


def test_a_signed_checkpoint_may_name_only_our_classes(big, monkeypatch):
    """Even with the key, the pickle cannot reach exec, os.system or any class outside console."""
    _scan_lines(big, [("checkin", i) for i in range(1, 20)])
    path = checkpoint.checkpoint_path(big.journal.path)
    Event(big.folder)._maybe_checkpoint(0)
    mark = checkpoint.load(path, big.secret).mark

    class Boom:
        def __reduce__(self):
            return (exec, ("raise SystemExit('pickle ran')",))

    checkpoint.save(path, big.secret, mark, [], {"day": Boom(), "agenda_run": 1, "ceremony": 2})
    assert checkpoint.load(path, big.secret).states is None
    assert len(Event(big.folder).day.present) == 19


def test_a_checkpoint_from_other_code_is_not_used(big, monkeypatch):
    _scan_lines(big, [("checkin", i) for i in range(1, 30)])
    Event(big.folder)._maybe_checkpoint(0)
    monkeypatch.setattr(checkpoint, "_FINGERPRINT", "other-version")
    seen = _count_reads(monkeypatch)
    assert len(Event(big.folder).day.present) == 29 and len(seen) >= 29


def test_a_journal_cut_below_a_signed_checkpoint_is_an_alarm_even_without_the_seal(big):
    _scan_lines(big, [("checkin", i) for i in range(1, 30)])
    Event(big.folder)._maybe_checkpoint(0)
    lines = big.journal.path.read_bytes().splitlines(keepends=True)
    big.journal.path.write_bytes(b"".join(lines[:-5]))
    (big.folder / "journal.seal").unlink()  # the seal gone with the lines
    with pytest.raises(JournalAlarm, match="thiếu 5 dòng"):
        Event(big.folder)


def test_the_checkpoint_line_must_be_the_signed_one(big):
    """A journal whose line at the checkpoint's offset is another line (same length, other
    content) is read from the start, and the seal says what changed."""
    _scan_lines(big, [("checkin", i) for i in range(1, 10)])
    Event(big.folder)._maybe_checkpoint(0)
    lines = big.journal.path.read_bytes().splitlines(keepends=True)
    rec = json.loads(lines[-1])
    rec["data"]["delegate_id"] = 200  # same length in bytes: 9 → 200 is longer, so pad the id
    lines[-1] = (json.dumps(rec, ensure_ascii=False, separators=(",", ":")) + "\n").encode()
    big.journal.path.write_bytes(b"".join(lines))
    ev = Event(big.folder, inspect=True)
    assert 200 not in ev.day.present and ev.journal.rejected == 1


def test_entries_are_not_kept_by_a_desk(big):
    _scan_lines(big, [("checkin", i) for i in range(1, 100)])
    ev = Event(big.folder)
    assert ev.journal._kept is None and ev.journal._unfolded == []
    assert len(ev.journal.entries) == ev.journal.head_n  # read back when the record asks
    assert pickle.dumps  # (pickle is what the checkpoint uses)


def test_the_startup_benchmark_runs_and_reads_less_when_warm():
    from console.bench import startup

    r = startup.run(((100, 3000),))["100x3000"]
    assert r["journal_lines"] == 3000 and r["present"] > 0
    assert r["warm_open_s"] > 0 and r["cold_open_s"] > 0 and r["warm_rss_mib"] > 0
    assert startup.format_lines({"100x3000": r})[2].startswith("     100 ĐB")


def test_a_warm_start_still_knows_what_the_last_import_wrote(tmp_path):
    from console.cli.demo import create_demo
    from console.ground.errors import UserError

    ev = create_demo(tmp_path / "ev")
    Event(ev.folder)._maybe_checkpoint(0)
    (ev.folder / "roster.json").write_text("{}")
    with pytest.raises(UserError, match="nhập lần cuối"):
        Event(ev.folder)  # restored from the checkpoint, the import's digest with it
