"""The ceremony's journal lines, folded: manual adjustments and what has happened.

Kinds folded here: ceremony_* (written through `event.transact` by actions.py,
the import by importer/lists.py) — their data in console/ground/kinds.py.
The agenda's moves (console/agenda/run.py) name the sub-step they leave, enter,
skip or undo ("speech:<key>", "batch:<n>"): a speech's start and end come from
them, so its actual minutes come from whichever laptop moved the agenda.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from console.agenda.run import KINDS as AGENDA_KINDS
from console.ground.journal import Entry


@dataclass
class DoneBatch:
    number: int
    form: str
    keys: list[str]
    called: dict[str, int]
    proxies: dict[str, int]
    presenter_id: int | None
    started_at: str | None
    done_at: str
    called_as: int | None = None  # the batch's number when it was called (the agenda's "batch:N")

    @property
    def seconds(self) -> float | None:
        if not self.started_at:
            return None
        return (datetime.fromisoformat(self.done_at) - datetime.fromisoformat(self.started_at)).total_seconds()


@dataclass
class CeremonyState:
    order: dict[str, list[str]] = field(default_factory=dict)
    pinned: dict[str, set[str]] = field(default_factory=dict)
    dropped: dict[str, set[str]] = field(default_factory=dict)
    proxies: dict[str, int | None] = field(default_factory=dict)
    presenters: dict[str, int] = field(default_factory=dict)
    batch_started: dict[int, tuple[str, list[str]]] = field(default_factory=dict)
    done_batches: list[DoneBatch] = field(default_factory=list)
    speech_started: dict[str, str] = field(default_factory=dict)
    speech_done: dict[str, tuple[str, float | None]] = field(default_factory=dict)
    # What the MC was given: batches fixed when the MC list was printed or the first batch went up
    # (ceremony_freeze), then changed only by approved changes (ceremony_change).
    frozen: dict[int, dict] = field(default_factory=dict)
    frozen_at: str | None = None
    changes: dict[int, list[tuple[str, str]]] = field(default_factory=dict)  # batch -> [(at, what changed)]
    docs: dict[str, tuple] = field(default_factory=dict)  # roster table -> (file stamp, docs): see table_docs

    @property
    def done_keys(self) -> set[str]:
        return {k for b in self.done_batches for k in b.keys}

    def actual_minutes(self, key: str) -> float | None:
        if key not in self.speech_done:
            return None
        at, minutes = self.speech_done[key]
        start = self.speech_started.get(key)
        if start:
            return round((datetime.fromisoformat(at) - datetime.fromisoformat(start)).total_seconds() / 60, 2)
        return minutes

    def apply(self, e: Entry) -> None:
        d = e.data if isinstance(e.data, dict) else {}
        kind = e.kind
        if kind in AGENDA_KINDS:
            # The agenda's moves name the sub-step left and the one entered.
            if isinstance(d.get("substep_from"), str) and kind in ("agenda_next", "agenda_jump"):
                self._finished(d["substep_from"], e.at)
            if isinstance(d.get("substep_skipped"), str):
                self._unstart(d["substep_skipped"])  # did not take place: back to the plan
            if isinstance(d.get("substep_undo_skip"), str):
                self._started(d["substep_undo_skip"], e.at)
            if isinstance(d.get("substep_to"), str):
                self._started(d["substep_to"], e.at)
            if isinstance(d.get("substep_undo_start"), str):
                self._unstart(d["substep_undo_start"])
            if isinstance(d.get("substep_undo_done"), str):
                self._undone(d["substep_undo_done"])
            return
        if not kind.startswith("ceremony_"):
            return
        lst = str(d.get("list", ""))
        key = str(d.get("key", ""))
        if kind == "ceremony_order" and isinstance(d.get("keys"), list):
            self.order[lst] = [str(k) for k in d["keys"]]
        elif kind == "ceremony_pin":
            (self.pinned.setdefault(lst, set()).add if d.get("pinned", True) else
             self.pinned.setdefault(lst, set()).discard)(key)
        elif kind == "ceremony_drop":
            (self.dropped.setdefault(lst, set()).add if d.get("dropped", True) else
             self.dropped.setdefault(lst, set()).discard)(key)
        elif kind == "ceremony_proxy":
            pid = d.get("proxy_id")
            self.proxies[key] = int(pid) if isinstance(pid, int) else None
        elif kind == "ceremony_presenter" and isinstance(d.get("delegate_id"), int):
            self.presenters[str(d.get("slot"))] = d["delegate_id"]
        elif kind == "ceremony_batch_start" and isinstance(d.get("batch"), int):
            self.batch_started[d["batch"]] = (e.at, [str(k) for k in d.get("keys", [])])
        elif kind == "ceremony_batch_done" and isinstance(d.get("keys"), list):
            number = len(self.done_batches) + 1
            started = self.batch_started.get(int(d.get("batch", number)), (None, []))[0]
            if started is None and self.done_batches:
                started = self.done_batches[-1].done_at  # back to back: this batch began when the last ended
            self.done_batches.append(DoneBatch(
                number, str(d.get("form", "")), [str(k) for k in d["keys"]],
                {str(k): int(v) for k, v in (d.get("called") or {}).items()},
                {str(k): int(v) for k, v in (d.get("proxies") or {}).items()},
                d.get("presenter_id"), started, e.at,
                d.get("batch") if isinstance(d.get("batch"), int) else None))
        elif kind == "ceremony_freeze" and isinstance(d.get("batches"), list):
            for fb in d["batches"]:
                if isinstance(fb, dict) and isinstance(fb.get("number"), int) and fb["number"] not in self.frozen:
                    self.frozen[fb["number"]] = {
                        "form": str(fb.get("form", "")), "slot": str(fb.get("slot", "")),
                        "keys": [str(k) for k in fb.get("keys", [])],
                        "called": {str(k): v for k, v in (fb.get("called") or {}).items() if isinstance(v, int)},
                        "proxies": {str(k): v for k, v in (fb.get("proxies") or {}).items() if isinstance(v, int)},
                        "presenter_id": fb.get("presenter_id") if isinstance(fb.get("presenter_id"), int) else None}
            self.frozen_at = self.frozen_at or e.at
        elif kind == "ceremony_change" and isinstance(d.get("batch"), int) and d["batch"] in self.frozen:
            fb = self.frozen[d["batch"]]
            if isinstance(d.get("presenter_id"), int):
                fb["presenter_id"] = d["presenter_id"]
            for k in d.get("drop") or []:
                fb["keys"] = [x for x in fb["keys"] if x != str(k)]
            for k, v in (d.get("proxies") or {}).items():
                if isinstance(v, int):
                    fb["proxies"][str(k)], fb["called"][str(k)] = v, v
                else:
                    fb["proxies"].pop(str(k), None)
            self.changes.setdefault(d["batch"], []).append((e.at, str(d.get("note", ""))))
        elif kind == "ceremony_batch_undo" and self.done_batches:
            # A mistaken "done": the batch goes back to the plan (the line stays in the journal).
            undone = self.done_batches.pop()
            self.batch_started.pop(undone.number, None)
        elif kind == "ceremony_speech_undo" and key:
            if key in self.speech_done:
                self.speech_done.pop(key)
            else:
                self.speech_started.pop(key, None)
        elif kind == "ceremony_speech_start" and key:
            self.speech_started[key] = e.at
            self.speech_done.pop(key, None)
        elif kind == "ceremony_speech_done" and key:
            minutes = d.get("minutes")
            self.speech_done[key] = (e.at, float(minutes) if isinstance(minutes, (int, float)) else None)

    def _unstart(self, substep: str) -> None:
        what, _, ref = substep.partition(":")
        if what == "speech" and ref not in self.speech_done:
            self.speech_started.pop(ref, None)
        elif what == "batch" and ref.isdigit():
            self.batch_started.pop(int(ref), None)

    def _undone(self, substep: str) -> None:
        what, _, ref = substep.partition(":")
        if what == "speech" and ref in self.speech_done:
            self.speech_done.pop(ref)

    def _started(self, substep: str, at: str) -> None:
        what, _, ref = substep.partition(":")
        if what == "speech" and ref:
            self.speech_started.setdefault(ref, at)
        elif what == "batch" and ref.isdigit():
            self.batch_started.setdefault(int(ref), (at, []))

    def _finished(self, substep: str, at: str) -> None:
        what, _, ref = substep.partition(":")
        if what == "speech" and ref:
            if ref in self.speech_started:
                self.speech_done.setdefault(ref, (at, None))


def state_of(event) -> CeremonyState:
    """The folded state of one open event (declared by `Event`, fed by its journal)."""
    return event.ceremony


def table_docs(event, name: str) -> list[dict]:
    """A roster table, re-read only when roster.json changed (plans are rebuilt on every poll)."""
    import os

    try:
        st = os.stat(event.roster_store.path)
        stamp = (st.st_ino, st.st_mtime_ns, st.st_size)
    except FileNotFoundError:
        return []
    cache = state_of(event).docs
    hit = cache.get(name)
    if hit is None or hit[0] != stamp:
        hit = (stamp, event.roster_store.table_docs(name))
        cache[name] = hit
    return [dict(d) for d in hit[1]]
