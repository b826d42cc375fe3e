"""One event folder, opened: settings, roster, journal and the folded day.

    event.toml      settings (human-editable)
    agenda.toml     the programme (human-editable)
    roster.json     delegates, awards, speeches (TinyDB, atomic + flock)
    journal.jsonl   every day-of action, append-only, fsync'd, hash-chained
    secret.key      signs badge tokens and journal lines (mode 600)

Every process (desk, cue, control, CLI) opens its own `Event`; they meet only
through these files. `refresh()` is the poll: a stat of two files when nothing
changed.
"""

from __future__ import annotations

import os
import secrets
import stat
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, time
from pathlib import Path

from console.agenda.run import AgendaRun
from console.agenda.substeps import SubstepSource
from console.ceremony.state import CeremonyState
from console.record.day_source import DaySubsteps
from console.door.day import DayState, DoorCounts, DoorTally
from console.ground.clock import SYSTEM, Clock
from console.ground.decision import Decision
from console.ground.errors import NotAnEventFolder, UserError
from console.ground import seal
from console.ground.journal import Entry, Journal, JournalAlarm, seal_alarm_bad, seal_alarms
from console.ground.settings import EventSettings, load_settings, render_event_toml
from console.ground.storage import atomic_write_text, portable_host
from console.people.quota import Composition, compose
from console.people.roster import Delegate, RosterStore

EVENT_TOML = "event.toml"
AGENDA_TOML = "agenda.toml"
ROSTER = "roster.json"
JOURNAL = "journal.jsonl"
SECRET = "secret.key"


def is_event_folder(path: Path) -> bool:
    return (Path(path) / EVENT_TOML).is_file()


def create_event(folder: Path, *, unit: str, level: str, name: str = "", event_date: date,
                 start: time, venue: str = "", place: str = "", parent_unit: str = "",
                 edition: str = "", period: str = "", next_period: str = "", plan: str = "",
                 parts: frozenset[str] = frozenset(), max_delegates: int | None = None,
                 batch_size: int = 8) -> Path:
    """`hoinghi init`: a new event folder. Refuses to overwrite an existing event."""
    from console.agenda.plan import render_default_agenda

    folder = Path(folder)
    # Rendered (and so checked: a wrong --period) before anything is written.
    text = render_event_toml(unit=unit, level=level, name=name or "Hội nghị điển hình tiên tiến",
                             event_date=event_date, start=start, venue=venue, place=place,
                             parent_unit=parent_unit, edition=edition, period=period,
                             next_period=next_period, plan=plan, max_delegates=max_delegates,
                             batch_size=batch_size)
    agenda = render_default_agenda(level, parts)
    if is_event_folder(folder):
        raise UserError(f"{folder} đã là thư mục hội nghị (có {EVENT_TOML}). Chọn thư mục khác hoặc xóa tệp đó nếu muốn làm lại.")
    if folder.exists() and not folder.is_dir():
        raise UserError(f"{folder} là một tệp, không phải thư mục. Hãy chọn một thư mục.")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(f"Không tạo được thư mục {folder}: {exc.strerror}.") from None
    secret_path = folder / SECRET
    if not secret_path.exists():
        atomic_write_text(secret_path, secrets.token_hex(32) + "\n", mode=0o600)
    atomic_write_text(folder / AGENDA_TOML, agenda)
    # event.toml last: a folder is an event only once everything else is there.
    atomic_write_text(folder / EVENT_TOML, text)
    load_settings(folder / EVENT_TOML)  # the template must always be valid
    return folder


def _read_secret(path: Path) -> bytes:
    try:
        raw = path.read_text(encoding="ascii").strip()
        value = bytes.fromhex(raw)
        if len(value) < 16:
            raise ValueError
    except FileNotFoundError:
        raise UserError(f"Thiếu {path}: không có khóa ký thẻ đại biểu. Hãy chép lại tệp này từ bản sao lưu của thư mục hội nghị.") from None
    except (ValueError, UnicodeDecodeError):
        raise UserError(f"{path} bị hỏng (không phải khóa hợp lệ). Hãy chép lại tệp này từ bản sao lưu.") from None
    mode = stat.S_IMODE(os.stat(path).st_mode)
    if mode & 0o077 and not portable_host():  # Windows has no such bits; its folder ACL guards the key
        try:
            os.chmod(path, 0o600)
        except OSError:
            pass
    return value


@dataclass
class Change:
    """What a refresh brought in: new journal entries and whether the roster moved."""
    entries: list[Entry]
    roster_changed: bool

    def __bool__(self) -> bool:
        return bool(self.entries) or self.roster_changed


class Event:
    def __init__(self, folder: Path, *, desk: str = "may-chu", actor: str = "", clock: Clock = SYSTEM,
                 inspect: bool = False):
        """Open the event. A journal shorter than its seal (or another journal) stops here with
        the sentence — unless `inspect` (verify, status, accept-journal), which opens it to show
        `alarms` but refuses every write."""
        self.folder = Path(folder)
        if not self.folder.is_dir():
            raise NotAnEventFolder(f"Không thấy thư mục {self.folder}. Hãy kiểm tra đường dẫn, hoặc tạo bằng `hoinghi init`.")
        if not is_event_folder(self.folder):
            raise NotAnEventFolder(
                f"{self.folder} không phải thư mục hội nghị (thiếu {EVENT_TOML}). "
                "Hãy tạo bằng `hoinghi init THƯ_MỤC` hoặc `hoinghi demo`."
            )
        self.settings: EventSettings = load_settings(self.folder / EVENT_TOML)
        self.secret = _read_secret(self.folder / SECRET)
        self.clock = clock
        self.roster_store = RosterStore(self.folder / ROSTER)
        self.journal = Journal(self.folder / JOURNAL, self.secret, desk=desk, actor=actor, clock=clock)
        # Everything built from the journal, declared here and fed each entry in order by `_fold`.
        self.day = DayState()  # who is in the hall, badges, walk-ins (door/day.py)
        self.agenda_run = AgendaRun()  # where the programme is (agenda/run.py)
        self.ceremony = CeremonyState()  # speeches and award batches: adjustments, what happened
        self.substeps: SubstepSource = DaySubsteps()  # the ceremony's sub-steps, item 9's names
        self.inspect = inspect
        self.alarms: list[str] = []
        # The door's aggregates follow the fold (O(1) a line); roster-only results are
        # cached on the roster's identity (a reload is a new dict) and the walk-in lines.
        self.tally = DoorTally()
        self._people_version = 0
        self._people_cache: tuple | None = None  # (key, merged delegates)
        self._registered_cache: tuple | None = None  # (key, quota, Composition)
        self._listeners: list[Callable[[Entry], None]] = [self._follow, self.agenda_run.on_entry, self.ceremony.apply]
        self._open_journal()

    def _open_journal(self) -> None:
        """One pass over the journal (each line checked as it is folded), then its seal compared."""
        try:
            sealed = seal.read(seal.seal_path(self.journal.path), self.secret)
        except seal.BadSeal:
            sealed, self.alarms = None, [seal_alarm_bad(self.journal.path)]
        if sealed is not None:
            self.journal.watch(sealed.n)
        self.refresh()
        if not self.alarms:
            self.alarms = seal_alarms(self.journal, sealed)
        if self.alarms and not self.inspect:
            raise JournalAlarm(self.alarms[0])
        if sealed is None and not self.alarms and not self.journal.path.exists():
            self.journal.reseal_quietly()  # a new event: the seal starts at nothing

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
        self.alarms = []
        self._fold()
        return written[0]

    def _check_journal(self) -> None:
        if self.alarms:
            raise JournalAlarm(self.alarms[0])
        if self.journal.replaced:
            raise UserError(
                f"Nhật ký {self.journal.path.name} đã bị thay bằng một tệp khác trong lúc chương trình đang chạy "
                "(khôi phục bản sao lưu, chép từ máy khác?). Hãy đóng và mở lại chương trình trên mọi máy; "
                "máy này không ghi gì thêm cho tới lúc đó.")

    def refresh(self) -> Change:
        """Pull in what other processes wrote. Cheap when nothing changed."""
        roster_changed = self.roster_store.changed()
        if roster_changed:
            self.roster_store.load()
        self.journal.poll()
        if self.journal.replaced:
            self._check_journal()
        new = self._fold()
        return Change(new, roster_changed)

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
        merged = dict(roster)
        merged.update(self.day.walk_ins)
        self._people_cache = (key, merged)
        return merged

    def get(self, delegate_id: int) -> Delegate | None:
        return self.day.walk_ins.get(delegate_id) or self.roster_store.load().get(delegate_id)

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
