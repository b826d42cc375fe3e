"""The state of the day at the door: a fold over the journal's entries.

Journal kinds folded here:
  checkin        {"delegate_id", "via", "version"}
  checkin_undo   {"delegate_id", "reason", "undoes"}   (the check-in stays in the journal)
  checkout       {"delegate_id"}                        (left the hall; a later checkin returns)
  walkin         {"delegate": {...}}                    (registered at the desk)
  badge_reissue  {"delegate_id", "version", "reason"}   (a lost badge; the old token is replaced)
Other kinds (agenda, ceremony, print, vote) are folded by their own modules.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

from console.ground.journal import Entry
from console.people.roster import Delegate


@dataclass
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
