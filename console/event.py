"""One event folder, opened: settings, roster, journal and the folded day.

The folder's files, and making a new one, are in console/event_folder.py (its names
re-exported here); the opening of the journal (checkpoint, seal, roster check) in
console/event_opening.py, which `Event` inherits.

Every process (desk, cue, control, CLI) opens its own `Event`; they meet only
through these files. `refresh()` is the poll: a stat of two files when nothing
changed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from console.agenda.run import AgendaRun
from console.agenda.substeps import SubstepSource
from console.ceremony.state import CeremonyState
from console.door.day import DayState, DoorCounts, DoorTally
from console.event_folder import (  # every name of the folder is imported from here too
    AGENDA_TOML,  # noqa: F401 (re-exported)
    EVENT_TOML,
    JOURNAL,
    ROSTER,
    SECRET,
    check_printers,
    create_event,  # noqa: F401 (re-exported)
    is_event_folder,
    read_secret,
)
from console.event_opening import Opening
from console.ground import checkpoint, seal
from console.ground.bulk import no_gc_pause
from console.ground.clock import SYSTEM, Clock
from console.ground.decision import Decision
from console.ground.errors import NotAnEventFolder, UserError
from console.ground.journal import Entry, Journal
from console.ground.journal_check import JournalAlarm
from console.ground.settings import EventSettings, load_settings
from console.ground.storage import check_plain_file
from console.people.quota import Composition, compose
from console.people.roster import Delegate, RosterStore


class CeremonySubsteps:
    """The ceremony's sub-steps of the agenda (console/ceremony/substeps.py, with item 9's names
    from record/day_source.py), imported when the
    agenda first asks: a check-in never does, and the award, speech and protocol rules it
    pulls in were most of `hoinghi checkin`'s start-up (0.25 s of CPU of imports)."""

    def __init__(self) -> None:
        self._real = None

    def __getattr__(self, name: str):
        if name.startswith("__"):
            raise AttributeError(name)
        real = self.__dict__.get("_real")
        if real is None:
            from console.record.day_source import DaySubsteps as Real  # the ceremony's, item 9's names

            real = self._real = Real()
        return getattr(real, name)


@dataclass
class Change:
    """What a refresh brought in: new journal entries and whether the roster moved."""
    entries: list[Entry]
    roster_changed: bool
    settings_changed: bool = False  # event.toml was edited (and read without error)

    def __bool__(self) -> bool:
        return bool(self.entries) or self.roster_changed or self.settings_changed


def _file_stamp(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size)


class Event(Opening):
    def __init__(self, folder: Path, *, desk: str = "may-chu", actor: str = "", clock: Clock = SYSTEM,
                 inspect: bool = False, reimport: bool = False):
        """Open the event. A journal shorter than its seal (or another journal) stops here with
        the sentence — unless `inspect` (verify, status, accept-journal), which opens it to show
        `alarms` but refuses every write. A roster.json that is not what the last import wrote
        stops here too, except for `reimport` (`hoinghi import`, which is how to mend it)."""
        self.folder = Path(folder)
        if not self.folder.is_dir():
            raise NotAnEventFolder(f"Không thấy thư mục {self.folder}. Hãy kiểm tra đường dẫn, hoặc tạo bằng `hoinghi init`.")
        if not is_event_folder(self.folder):
            raise NotAnEventFolder(
                f"{self.folder} không phải thư mục hội nghị (thiếu {EVENT_TOML}). "
                "Hãy tạo bằng `hoinghi init THƯ_MỤC` hoặc `hoinghi demo`."
            )
        self._settings_stamp = _file_stamp(self.folder / EVENT_TOML)
        for name, what in ((SECRET, "khóa"), (ROSTER, "danh sách đại biểu"), (JOURNAL, "nhật ký")):
            check_plain_file(self.folder / name, what)
        self.settings: EventSettings = load_settings(self.folder / EVENT_TOML)
        check_printers(self.settings)
        self._settings_error: str | None = None  # a broken edit of event.toml, said once
        self.secret = read_secret(self.folder / SECRET)
        self.clock = clock
        self.roster_store = RosterStore(self.folder / ROSTER)
        self.journal = Journal(self.folder / JOURNAL, self.secret, desk=desk, actor=actor, clock=clock)
        # Everything built from the journal, declared here and fed each entry in order by `_fold`.
        self.day = DayState()  # who is in the hall, badges, walk-ins (door/day.py)
        self.agenda_run = AgendaRun()  # where the programme is (agenda/run.py)
        self.ceremony = CeremonyState()  # speeches and award batches: adjustments, what happened
        self.substeps: SubstepSource = CeremonySubsteps()  # what fills the agenda's segments
        self.inspect = inspect
        self.alarms: list[str] = []
        self._opening = False
        self.roster_expect: dict | None = None  # the last roster_import line: {"hash", "at", "n", "people"}
        # The door's aggregates follow the fold (O(1) a line); roster-only results are
        # cached on the roster's identity (a reload is a new dict) and the walk-in lines.
        self.tally = DoorTally()
        self.lines_folded = 0
        self._people_version = 0
        self._people_cache: tuple | None = None  # (key, merged delegates)
        self._registered_cache: tuple | None = None  # (key, quota, Composition)
        self._listeners: list[Callable[[Entry], None]] = [self._follow, self.agenda_run.on_entry, self.ceremony.apply]
        self.roster_alarms: list[str] = []
        with no_gc_pause():  # the roster, the checkpoint, the lines after it: nothing to collect yet
            self._open_journal(reimport)

    # --- reading --------------------------------------------------------------

    @property
    def desk(self) -> str:
        return self.journal.desk

    def accept_journal(self, reason: str) -> Entry:
        """`hoinghi accept-journal`: someone has decided the journal as it is now is the day.

        Journaled (who, why, what the seal said and what the journal is now), and the seal
        moves to the journal as it is. Only for an event opened with `inspect=True`."""
        reason = " ".join(str(reason or "").split())
        if not reason:
            raise UserError("Hãy ghi lý do chấp nhận nhật ký (--reason \"…\"), ví dụ "
                            "\"đã kiểm với biên bản giấy, không tìm được bản đầy đủ\".")
        try:
            sealed = seal.read(seal.seal_path(self.journal.path), self.secret)
        except seal.BadSeal:
            sealed = None
        data = {"reason": reason, "alarm": self.alarms[0] if self.alarms else "",
                "sealed": ({"n": sealed.n, "head": sealed.head, "at": sealed.at} if sealed else None),
                "now": {"n": self.journal.head_n, "head": self.journal.chain.head_h}}
        written = self.journal.transact(lambda _j: [("journal_accepted", data)])
        checkpoint.remove(checkpoint.checkpoint_path(self.journal.path))  # it reached the journal as it was
        self.alarms = []
        self._fold()
        return written[0]

    def replace_roster(self, delegates: list[Delegate], source: str = "") -> str:
        """Write the roster and journal it, as an import does (the journal then expects exactly
        this roster: see `_roster_check`). For tools and tests that build a roster themselves."""
        def decide(ev):
            digest = ev.roster_store.replace_all(delegates)
            return [("roster_import", {"roster_hash": digest, "people": len(delegates), "source": source,
                                       "rows": len(delegates), "added": 0, "changed": 0, "removed": 0, "kept": 0})]
        self.transact(decide)
        self.refresh()
        return self.roster_store.content_hash or ""

    def _check_journal(self) -> None:
        if self.alarms:
            raise JournalAlarm(self.alarms[0])
        if self.journal.replaced:
            raise UserError(
                f"Nhật ký {self.journal.path.name} đã bị thay bằng một tệp khác trong lúc chương trình đang chạy "
                "(khôi phục bản sao lưu, chép từ máy khác?). Hãy đóng và mở lại chương trình trên mọi máy; "
                "máy này không ghi gì thêm cho tới lúc đó.")

    def reload_settings(self) -> bool:
        """event.toml edited while running (a printer moved, a desk setting): read it again.
        A broken edit is said once (a journal warning, shown by every screen) and the last
        good settings are kept; True when new settings were taken."""
        path = self.folder / EVENT_TOML
        stamp = _file_stamp(path)
        if stamp == self._settings_stamp:
            return False
        self._settings_stamp = stamp
        try:
            if stamp is None:
                raise UserError(f"Không thấy {path}.")
            new = load_settings(path)
            check_printers(new)
        except UserError as exc:
            text = f"{EVENT_TOML} vừa sửa chưa dùng được — vẫn giữ cài đặt trước đó. {exc}"
            if text != self._settings_error:
                self._settings_error = text
                self.journal.warnings.append(text)
            return False
        if self._settings_error is not None:
            self.journal.warnings.append(f"{EVENT_TOML} đã sửa đúng: đang dùng cài đặt mới.")
        self._settings_error = None
        self.settings = new
        return True

    def refresh(self) -> Change:
        """Pull in what other processes wrote. Cheap when nothing changed."""
        settings_changed = self.reload_settings()
        roster_changed = self.roster_store.changed()
        if roster_changed:
            self.roster_store.load()
            if not self._opening:
                self.roster_alarms = self._roster_check()
                if self.roster_alarms and not self.inspect:
                    raise UserError(self.roster_alarms[0])
        self.journal.batch = 4_000  # a long journal is folded in pieces: its entries are never all in memory
        new: list[Entry] = []
        while True:
            self.journal.poll()
            if self.journal.replaced:
                self._check_journal()
            folded = self._fold()
            if not self._opening:  # the open's catch-up (the whole day, maybe) is folded, not kept
                new += folded
            if not self.journal.more:
                break
        if new:
            self._maybe_checkpoint(checkpoint.EVERY * 4)
        return Change(new, roster_changed, settings_changed)

    def _fold(self) -> list[Entry]:
        new = self.journal.drain()
        for e in new:
            self._feed(self.day.apply, e)
            for listener in self._listeners:
                self._feed(listener, e)
        return new

    def _feed(self, fold: Callable[[Entry], None], e: Entry) -> None:
        """One line into one fold. A line whose data a fold cannot read (edited by hand,
        damaged) is skipped with a warning: one bad line must not stop every desk."""
        try:
            fold(e)
        except (TypeError, ValueError, KeyError, AttributeError, IndexError) as exc:
            self.journal.warnings.append(
                f"Dòng số {e.n} ({e.kind}) của nhật ký có dữ liệu không đọc được ({type(exc).__name__}); "
                "đã bỏ qua (xem `hoinghi verify`).")

    def _follow(self, e: Entry) -> None:
        self.lines_folded += 1  # a version of the day: views cached on it (agenda items) redo on change
        if e.kind == "roster_import" and isinstance(e.data.get("roster_hash"), str):
            self.roster_expect = {"hash": e.data["roster_hash"], "at": e.at, "n": e.n, "people": e.data.get("people")}
        if e.kind == "walkin":
            self._people_version += 1
        self.tally.follow(self.day, self.roster_store.cached, e)

    def transact(self, decide: Callable[[Event], Decision | list], **kw):
        """Journal transaction whose decision sees the latest state, then folds it.

        `decide(event)` runs under the journal lock after catching up with every
        other process. It returns a `Decision` (the lines to write and the answer
        for the caller: `transact` returns that answer) or bare lines (`transact`
        returns the entries written)."""
        decided: list[Decision] = []  # the one decision, out of the journal's callback

        def decide_fresh(_entries):
            self._check_journal()
            if self.roster_store.changed():
                self.roster_store.load()
            self._fold()
            out = decide(self)
            if isinstance(out, Decision):
                decided.append(out)
                return out.lines
            return out
        written = self.journal.transact(decide_fresh, **kw)
        self._fold()
        if not decided:
            return written
        return decided[0].answer(written)

    @property
    def imported(self) -> dict[int, Delegate]:
        return self.roster_store.load()

    def _people_key(self, roster: dict[int, Delegate]) -> tuple:
        # Held references, compared by identity: a reloaded roster or a replaced day is a new object.
        return (roster, self.day, self._people_version)

    @staticmethod
    def _same_people(a: tuple, b: tuple) -> bool:
        return a[0] is b[0] and a[1] is b[1] and a[2] == b[2]

    def delegates(self) -> dict[int, Delegate]:
        """Everyone: the imported roster plus walk-ins registered at a desk (do not modify).

        The merge is kept until the roster is reloaded or a walk-in line is folded:
        the desk asks for it on every scan."""
        roster = self.roster_store.load()
        if not self.day.walk_ins:
            return roster
        key = self._people_key(roster)
        if self._people_cache is not None and self._same_people(self._people_cache[0], key):
            return self._people_cache[1]
        # A walk-in a later import put on the list (same id, kept by the re-import) is the list's record.
        merged = dict(self.day.walk_ins)
        merged.update(roster)
        self._people_cache = (key, merged)
        return merged

    def get(self, delegate_id: int) -> Delegate | None:
        return self.roster_store.load().get(delegate_id) or self.day.walk_ins.get(delegate_id)

    def present_delegates(self) -> list[Delegate]:
        everyone = self.delegates()
        return [everyone[i] for i in self.day.present if i in everyone]

    def composition_registered(self) -> Composition:
        """Who is registered: depends only on the roster and the walk-ins, so counted once per change."""
        roster = self.roster_store.load()
        key = self._people_key(roster)
        quota = self.settings.quota
        cached = self._registered_cache
        if cached is not None and self._same_people(cached[0], key) and cached[1] == quota:
            return cached[2]
        comp = compose(self.delegates().values(), quota)
        self._registered_cache = (key, quota, comp)
        return comp

    def _door(self) -> DoorTally:
        roster = self.roster_store.load()
        if not self.tally.in_step(self.day, roster):
            self.tally.recount(self.day, roster)
        return self.tally

    def composition_present(self) -> Composition:
        """Who is in the hall now: kept up to date line by line, O(1) per scan."""
        return self._door().present.composition(self.settings.quota)

    def door_counts(self) -> DoorCounts:
        """Not yet arrived, left, walk-ins, in the hall from this desk: O(1) per scan."""
        door = self._door()
        return door.counts(len(self.delegates()), self.desk)

    def next_id(self) -> int:
        """A new delegate's id: above every id ever given (a removed person's badge stays theirs)."""
        ids = list(self.roster_store.load()) + list(self.day.walk_ins)
        return max(ids + [self.roster_store.max_id_ever()], default=0) + 1
