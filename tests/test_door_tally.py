"""The door's aggregates kept by the fold equal a recount from scratch, and cost O(1) per scan."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from console.door.day import DayState, DoorTally
from console.ground.journal import Entry
from console.people.quota import compose
from console.people.roster import Delegate

DESKS = ("ban-1", "ban-2", "cong-phu")
# Surnames that are also nouns, guests and collectives: the counts must not care what a name looks like.
NAMES = ("Tô Thị Hà", "Tổ Văn Bàn", "Bàn Thị Ban", "Trương Văn Trường", "Đới Thị Đội", "Đội Quản lý thị trường số 3")


def _roster(n: int) -> dict[int, Delegate]:
    cats = ("ca_nhan", "tap_the", "khach_moi")
    return {i: Delegate(id=i, name=NAMES[i % len(NAMES)], category=cats[i % 3], unit=f"Đơn vị {i % 4}",
                        gender="nu" if i % 2 else "nam", ethnicity="Tày" if i % 5 == 0 else "Kinh",
                        direct_production=i % 3 == 0, leader=i % 7 == 0)
            for i in range(1, n + 1)}


def _entry(n: int, kind: str, data: dict, desk: str) -> Entry:
    return Entry(n=n, id=f"e{n}", at=f"2020-04-15T07:{n % 60:02d}:00+07:00", desk=desk, actor="", kind=kind, data=data)


actions = st.lists(st.tuples(
    st.sampled_from(("checkin", "checkin", "checkin_undo", "checkout", "walkin", "other")),
    st.integers(1, 14),  # ids 11…14 are unknown until a walk-in names them
    st.sampled_from(DESKS),
    st.booleans(),  # the id written as text ("7"), as a hand-edited line may
), max_size=60)


def _recount(day: DayState, roster: dict[int, Delegate], desk: str) -> tuple:
    everyone = dict(day.walk_ins)  # as Event.delegates(): the list's record wins (a re-import kept a walk-in's id)
    everyone.update(roster)
    present = compose(everyone[i] for i in day.present if i in everyone)
    not_yet = sum(1 for i in everyone if i not in day.first_checkin)
    here = sum(1 for v in day.present.values() if v.desk == desk)
    return present, (not_yet, len(day.left), len(day.walk_ins), here)


@settings(max_examples=150, deadline=None)
@given(actions, st.integers(0, 59))
def test_tally_followed_line_by_line_equals_a_recount(steps, recount_at):
    roster = _roster(10)
    day, tally = DayState(), DoorTally()
    tally.recount(day, roster)
    for n, (kind, did, desk, as_text) in enumerate(steps, start=1):
        ref = str(did) if as_text else did
        if kind == "walkin":
            data = {"delegate": {"id": did, "name": NAMES[did % 6], "category": "khach_moi", "gender": "nu"}}
        else:
            data = {"delegate_id": ref}
        e = _entry(n, kind, data, desk)
        day.apply(e)
        tally.follow(day, roster, e)
        if n == recount_at:  # a recount in the middle of the day changes nothing either
            tally.recount(day, roster)
        for d in DESKS:
            present, counts = _recount(day, roster, d)
            got = tally.counts(len(roster) + len([i for i in day.walk_ins if i not in roster]), d)
            assert tally.present.composition() == present
            assert (got.not_yet, got.left, got.walk_ins, got.at_desk) == counts


def test_a_reloaded_roster_is_recounted(demo_event):
    """A re-import that makes a present guest exemplary moves the composition (the tally is derived)."""
    from console.door.checkin import checkin_delegate

    ev = demo_event
    guest = next(d for d in ev.imported.values() if not d.exemplary)
    checkin_delegate(ev, guest.id, via="search")
    assert ev.composition_present().guests == 1
    people = list(ev.imported.values())
    for d in people:
        if d.id == guest.id:
            d.category = "ca_nhan"
    ev.replace_roster(people)
    ev.refresh()
    assert ev.composition_present().guests == 0
    assert ev.composition_present().exemplary == 1
    assert ev.composition_registered() == compose(ev.delegates().values(), ev.settings.quota)


def _big_event(tmp: Path, n: int):
    from console.bench.fixtures import make_big_event

    return make_big_event(tmp / f"ev{n}", n, desk="ban-1")


class _LineCounter:
    """Python lines executed in console/ and screens/ while active: work, not time."""

    def __init__(self):
        root = str(Path(__file__).resolve().parents[1])
        self.prefixes = (f"{root}/console/", f"{root}/screens/")
        self.lines = 0

    def _trace(self, frame, event, arg):
        if not frame.f_code.co_filename.startswith(self.prefixes):
            return None
        if event == "line":
            self.lines += 1
        return self._trace

    def __enter__(self):
        sys.settrace(self._trace)
        return self

    def __exit__(self, *exc):
        sys.settrace(None)


def _work_per_scan(ev, ids) -> list[int]:
    """Lines run for one scan plus everything the desk's panels ask for after it."""
    from console.door.checkin import scan
    from console.door.tokens import make_token

    ev.composition_registered(), ev.composition_present(), ev.door_counts()  # the desk was already showing
    counts = []
    for did in ids:
        token = make_token(ev.secret, did)
        with _LineCounter() as c:
            assert scan(ev, token, desk="ban-1").result == "checked_in"
            ev.composition_registered(), ev.composition_present(), ev.door_counts()
            ev.delegates(), ev.get(did)
        counts.append(c.lines)
    return counts


@pytest.mark.slow
def test_work_per_scan_does_not_grow_from_1000_to_20000_delegates(tmp_path):
    from console.door.checkin import register_walk_in

    per_size = {}
    for n in (1000, 20000):
        ev = _big_event(tmp_path, n)
        # A walk-in is on the day, so the merged roster is in play too.
        register_walk_in(ev, name="Đới Thị Đội", unit="Báo Lao Động", category="khach_moi", desk="ban-1")
        # Half the hall is already in (one journal write), so a recount of who is present would show too.
        half = [i for i in range(1001, n + 1)] if n > 1000 else list(range(501, 1001))
        half = half[: n // 2]
        lines = [("checkin", {"delegate_id": i, "via": "scan", "version": 1}) for i in half]
        ev.journal.transact(lambda _e, lines=lines: lines)
        ev.refresh()
        # (Badge ids stop at 10,647 today — tokens.MAX_ID — so the big list is scanned below that.)
        per_size[n] = _work_per_scan(ev, [1, 2, 3, 250, 499])
    small, big = per_size[1000], per_size[20000]
    # Same code path, same lines: a few lines of slack for a longer journal line or id.
    assert max(big) <= max(small) + 20, per_size
    assert max(big) < 2000, per_size  # and it is small: an O(n) loop over 1,000 would be ≥ 1,000 lines
