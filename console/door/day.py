"""The state of the day at the door: a fold over the journal's entries.

Kinds folded here: checkin, checkin_undo, checkout, walkin, badge_reissue — their
data in console/ground/kinds.py. Other kinds (agenda, ceremony, print, vote) are
folded by their own modules.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

from console.ground.journal import Entry
from console.people.quota import Tally
from console.people.roster import Delegate


@dataclass(slots=True)  # one a person present (and one a first arrival): no dict each
class Visit:
    at: str
    desk: str
    entry_id: str
    via: str = "scan"
    left_before: str | None = None  # check-out time this visit followed (restored if it is undone)


@dataclass
class DayState:
    first_checkin: dict[int, Visit] = field(default_factory=dict)
    present: dict[int, Visit] = field(default_factory=dict)
    left: dict[int, str] = field(default_factory=dict)  # id -> time of check-out
    walk_ins: dict[int, Delegate] = field(default_factory=dict)
    badge_version: dict[int, int] = field(default_factory=dict)
    replaced_at: dict[int, dict[int, str]] = field(default_factory=dict)  # id -> {old version: time}
    recent: deque = field(default_factory=lambda: deque(maxlen=10))

    def apply(self, e: Entry) -> None:
        d = e.data if isinstance(e.data, dict) else {}
        try:
            did = int(d["delegate_id"]) if "delegate_id" in d else None
        except (TypeError, ValueError):
            return
        if e.kind == "checkin" and did is not None:
            if did in self.present:
                return  # the fold is idempotent: a second line for one person changes nothing
            visit = Visit(e.at, e.desk, e.id, d.get("via", "scan"), self.left.pop(did, None))
            self.present[did] = visit
            self.first_checkin.setdefault(did, visit)
            self.recent.appendleft((did, visit))
        elif e.kind == "checkin_undo" and did is not None:
            visit = self.present.pop(did, None)
            if visit is not None:
                # Undoing a mistaken return keeps the earlier, real attendance.
                first = self.first_checkin.get(did)
                if first is not None and first.entry_id == visit.entry_id:
                    del self.first_checkin[did]
                elif visit.left_before is not None:
                    self.left[did] = visit.left_before
            self.recent = deque(((i, v) for i, v in self.recent if i != did), maxlen=10)
        elif e.kind == "checkout" and did is not None:
            if self.present.pop(did, None) is not None:
                self.left[did] = e.at
        elif e.kind == "walkin":
            try:
                delegate = Delegate.from_dict(d["delegate"])
            except (KeyError, TypeError):
                return
            if not isinstance(delegate.id, int) or not isinstance(delegate.name, str):
                return  # a damaged line: `hoinghi verify` names it
            self.walk_ins[delegate.id] = delegate
        elif e.kind == "badge_reissue" and did is not None:
            old = self.badge_version.get(did, 1)
            self.badge_version[did] = int(d.get("version", old + 1))
            self.replaced_at.setdefault(did, {})[old] = e.at

    def version_of(self, delegate_id: int) -> int:
        return self.badge_version.get(delegate_id, 1)


@dataclass(frozen=True)
class DoorCounts:
    """The door in numbers, as the desk shows them under the quota panel."""
    not_yet: int  # registered, never checked in
    left: int  # checked out and not back
    walk_ins: int
    at_desk: int  # in the hall, checked in at this desk


_PRESENCE_KINDS = frozenset(("checkin", "checkin_undo", "checkout", "walkin"))


class DoorTally:
    """The day's aggregates at the door, kept up to date one journal line at a time.

    The present composition, who has arrived and the per-desk counts change with
    every scan; recounting them from the roster costs O(delegates) per scan (29 ms
    at 20,000). This follows the fold instead: each line moves at most one person,
    so the work per scan does not depend on the size of the roster. It is derived
    state only: whenever the roster is reloaded (a re-import) or the day is
    replaced, it recounts once from `DayState`, so it can never drift from it.
    """

    def __init__(self) -> None:
        self._day: DayState | None = None
        self._roster: dict[int, Delegate] | None = None
        self.present = Tally()
        self._seen: dict[int, Visit] = {}  # mirror of day.present: the visit each count is for
        self._counted: dict[int, Delegate] = {}  # who is in `present` (known delegates only)
        self._arrived: set[int] = set()  # known delegates with a first check-in
        self._per_desk: dict[str, int] = {}

    def in_step(self, day: DayState, roster: dict[int, Delegate]) -> bool:
        return day is self._day and roster is self._roster

    def recount(self, day: DayState, roster: dict[int, Delegate]) -> None:
        """O(present): after a roster reload or on first use."""
        self._day, self._roster = day, roster
        self.present = Tally()
        self._seen, self._counted, self._arrived, self._per_desk = {}, {}, set(), {}
        for did in day.present:
            self._move(did)
        for did in day.first_checkin:
            if self._lookup(did) is not None:
                self._arrived.add(did)

    def follow(self, day: DayState, roster: dict[int, Delegate], e: Entry) -> None:
        """After `day.apply(e)`: move the counts of the one person the line is about."""
        if e.kind not in _PRESENCE_KINDS:
            return
        if not self.in_step(day, roster):
            return  # counted afresh when next asked (see `recount`)
        d = e.data if isinstance(e.data, dict) else {}
        if e.kind == "walkin":
            person = d.get("delegate")
            did = person.get("id") if isinstance(person, dict) else None
            if not isinstance(did, int):
                return
            old = self._seen.pop(did, None)
            if old is not None:  # the same id registered again: count the new record
                self._per_desk_move(old, None)
                counted = self._counted.pop(did, None)
                if counted is not None:
                    self.present.remove(counted)
        else:
            try:
                did = int(d["delegate_id"])
            except (KeyError, TypeError, ValueError):
                return
        self._move(did)
        if did in day.first_checkin and self._lookup(did) is not None:
            self._arrived.add(did)
        else:
            self._arrived.discard(did)

    def _lookup(self, did: int) -> Delegate | None:
        return self._roster.get(did) or self._day.walk_ins.get(did)

    def _per_desk_move(self, old: Visit | None, new: Visit | None) -> None:
        if old is not None:
            self._per_desk[old.desk] = self._per_desk.get(old.desk, 0) - 1
        if new is not None:
            self._per_desk[new.desk] = self._per_desk.get(new.desk, 0) + 1

    def _move(self, did: int) -> None:
        visit = self._day.present.get(did)
        old = self._seen.get(did)
        if visit is old:
            return
        self._per_desk_move(old, visit)
        if old is not None:
            del self._seen[did]
            counted = self._counted.pop(did, None)
            if counted is not None:
                self.present.remove(counted)
        if visit is not None:
            self._seen[did] = visit
            person = self._lookup(did)
            if person is not None:
                self._counted[did] = person
                self.present.add(person)

    def counts(self, everyone: int, desk: str) -> DoorCounts:
        day = self._day
        return DoorCounts(everyone - len(self._arrived), len(day.left), len(day.walk_ins),
                          self._per_desk.get(desk, 0))

