"""Where the day is: a fold over the journal's `agenda_*` lines.

Every control step is one journal line, written through `event.transact`. The
running state is rebuilt from those lines and their timestamps, so a crash, a
restart or a second laptop resumes exactly where the day was, with the clock
right (the count-down is "now minus the line's time", never a timer in memory).

Kinds folded here: agenda_* and cue_message/cue_clear — their data in
console/ground/kinds.py. Item ids: "khai_mac", or "tham_luan/speech:12" for a sub-step.

"back" restores the state before the last move: the item left by mistake runs
again from its ORIGINAL start (the speaker never stopped talking), and the item
entered by mistake is pending again. Pauses are kept as day-level intervals so
an undo never loses paused time.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from console.ground.journal import Entry

MESSAGE_KINDS = ("cue_message", "cue_clear")
KINDS = ("agenda_start", "agenda_next", "agenda_skip", "agenda_jump", "agenda_back",
         "agenda_pause", "agenda_resume", "agenda_extend", "agenda_retime", *MESSAGE_KINDS)
MESSAGE_MAX = 120  # characters: a line the MC reads at a glance, not a letter
MOVES = ("agenda_next", "agenda_skip", "agenda_jump")

class Status(StrEnum):
    """Where one item of the programme is (`Record.status`, the timings' "status")."""
    PENDING = "pending"
    RUNNING = "running"
    DONE = "done"
    SKIPPED = "skipped"


RUNNING, DONE, SKIPPED, PENDING = Status.RUNNING, Status.DONE, Status.SKIPPED, Status.PENDING


@dataclass
class Record:
    """One item's actual run. `title`/`position` as they were when it ran (for the record)."""
    start: datetime | None
    end: datetime | None = None
    status: Status = RUNNING
    title: str = ""
    position: str = ""
    planned: float | None = None  # the item's own minutes when it began (None: an older journal)


def _planned(d: dict) -> float | None:
    value = d.get("planned")
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value < 24 * 60:
        return None
    return float(value)


@dataclass(frozen=True)
class CueMessage:
    text: str
    at: datetime
    desk: str = ""


def message_text(value) -> str:
    """What a message line may show: one line of printable text, NFC, at most MESSAGE_MAX."""
    from console.ground.text import nfc

    if not isinstance(value, str):
        return ""
    flat = "".join(ch if ch.isprintable() else " " for ch in nfc(value))
    return " ".join(flat.split())[:MESSAGE_MAX]


@dataclass
class RunState:
    opened_at: datetime | None = None
    closed_at: datetime | None = None
    current: str | None = None
    records: dict[str, Record] = field(default_factory=dict)
    pauses: list[list] = field(default_factory=list)  # [start, end|None]
    extra: dict[str, float] = field(default_factory=dict)  # item id -> ± minutes
    allot: dict[str, float] = field(default_factory=dict)  # segment key -> approved minutes
    retimed_at: datetime | None = None
    undo: list[tuple] = field(default_factory=list)  # snapshots before each move
    message: CueMessage | None = None  # shown on the cue until cleared

    # --- questions -------------------------------------------------------------

    @property
    def started(self) -> bool:
        return self.opened_at is not None

    @property
    def closed(self) -> bool:
        return self.closed_at is not None

    @property
    def paused(self) -> bool:
        return bool(self.pauses) and self.pauses[-1][1] is None

    @property
    def can_back(self) -> bool:
        return bool(self.undo)

    def status(self, item_id: str) -> Status:
        rec = self.records.get(item_id)
        return rec.status if rec else PENDING

    def paused_seconds(self, start: datetime, end: datetime) -> float:
        total = 0.0
        for p_start, p_end in self.pauses:
            lo = max(start, p_start)
            hi = min(end, p_end or end)
            if hi > lo:
                total += (hi - lo).total_seconds()
        return total

    def active_seconds(self, item_id: str, now: datetime) -> float:
        """Time the item has run, pauses excluded."""
        rec = self.records.get(item_id)
        if not rec or rec.start is None:
            return 0.0
        end = rec.end or now
        return max(0.0, (end - rec.start).total_seconds() - self.paused_seconds(rec.start, end))

    # --- the fold --------------------------------------------------------------

    def apply(self, e: Entry) -> None:
        if e.kind not in KINDS:
            return
        d = e.data if isinstance(e.data, dict) else {}
        t = e.time
        if e.kind in MESSAGE_KINDS:  # not a step of the programme: Back never undoes a message
            text = message_text(d.get("text")) if e.kind == "cue_message" else ""
            self.message = CueMessage(text, t, e.desk) if text else None
            return
        if e.kind == "agenda_start":
            if self.started:
                return  # a second start (two laptops at once) changes nothing
            self.opened_at = t
            self._enter(d.get("to"), t, d)
        elif e.kind in MOVES:
            self.undo.append(self._snapshot())
            src = d.get("from")
            if src and src in self.records and self.records[src].status == RUNNING:
                self.records[src].end = t
                self.records[src].status = DONE
            for sid in d.get("skipped") or []:
                rec = self.records.get(sid)
                if rec and rec.status == RUNNING:
                    rec.end, rec.status = t, SKIPPED
                elif not rec:
                    self.records[sid] = Record(None, None, SKIPPED, d.get("skipped_title", ""), "")
            self.current = None
            target = d.get("to")
            if target:
                self._enter(target, t, d)
            elif self.opened_at is not None:  # nothing left: the day is over
                self.closed_at = t
        elif e.kind == "agenda_back":
            if self.undo:
                self.current, self.records, self.closed_at = self.undo.pop()
        elif e.kind == "agenda_pause":
            if not self.paused:
                self.pauses.append([t, None])
        elif e.kind == "agenda_resume":
            if self.paused:
                self.pauses[-1][1] = t
        elif e.kind == "agenda_extend":
            item = d.get("item")
            try:
                minutes = float(d.get("minutes", 1))
            except (TypeError, ValueError):
                return
            if item:
                self.extra[item] = self.extra.get(item, 0.0) + minutes
        elif e.kind == "agenda_retime":
            allot = d.get("allot") or {}
            for key, minutes in allot.items():
                try:
                    self.allot[str(key)] = float(minutes)
                except (TypeError, ValueError):
                    continue
            self.retimed_at = t

    def _enter(self, item_id, t: datetime, d: dict) -> None:
        if not item_id or not isinstance(item_id, str):
            return
        self.current = item_id
        self.records[item_id] = Record(t, None, RUNNING, d.get("title", ""), d.get("position", ""), _planned(d))

    def _snapshot(self) -> tuple:
        return (self.current, copy.deepcopy(self.records), self.closed_at)


class AgendaRun:
    """Keeps the agenda lines of one open Event and folds them on demand.

    Declared by `Event` (event.agenda_run), fed every journal entry through `on_entry`."""

    def __init__(self):
        self.entries: list[Entry] = []
        self._state: RunState | None = None
        # segment key -> why its sub-step source failed (the cue says it; the segment runs whole)
        self.substep_errors: dict[str, str] = {}

    def on_entry(self, e: Entry) -> None:
        if e.kind in KINDS:
            self.entries.append(e)
            if self._state is not None:  # folded on, line by line (it was folded again from the first
                _apply(self._state, e)  # line at every step: O(n²) with the undo copies, 30 ms by the end)

    @property
    def state(self) -> RunState:
        if self._state is None:
            st = RunState()
            for e in self.entries:
                _apply(st, e)
            self._state = st
        return self._state


def _apply(st: RunState, e: Entry) -> None:
    try:
        st.apply(e)
    except (TypeError, ValueError, KeyError, AttributeError, IndexError):
        pass  # a damaged line (see `hoinghi verify`) must not stop the control and the cue


def run_of(event) -> RunState:
    """The agenda state of an open event."""
    return event.agenda_run.state


def agenda_lines(event) -> list[Entry]:
    """The journal's agenda lines, in order (for the record and the minutes)."""
    return list(event.agenda_run.entries)
