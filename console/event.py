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

from console.door.day import DayState, DoorCounts, DoorTally
from console.ground.clock import SYSTEM, Clock
from console.ground.errors import NotAnEventFolder, UserError
from console.ground.journal import Entry, Journal
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
    def __init__(self, folder: Path, *, desk: str = "may-chu", actor: str = "", clock: Clock = SYSTEM):
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
        self.day = DayState()
        self._folded = 0
        # The door's aggregates follow the fold (O(1) a line); roster-only results are
        # cached on the roster's identity (a reload is a new dict) and the walk-in lines.
        self.tally = DoorTally()
        self._people_version = 0
        self._people_cache: tuple | None = None  # (key, merged delegates)
        self._registered_cache: tuple | None = None  # (key, quota, Composition)
        self._listeners: list[Callable[[Entry], None]] = [self._follow]
        self.refresh()

    # --- reading --------------------------------------------------------------

    @property
    def desk(self) -> str:
        return self.journal.desk

    def _check_journal(self) -> None:
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
        self._check_journal()
        new = self._fold()
        return Change(new, roster_changed)

    def _fold(self) -> list[Entry]:
        entries = self.journal.entries
        new = entries[self._folded:]
        for e in new:
            self._feed(self.day.apply, e)
            for listener in self._listeners:
                self._feed(listener, e)
        self._folded = len(entries)
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

    def on_entry(self, listener: Callable[[Entry], None]) -> None:
        """Fold journal entries into another module's state (agenda, ceremony …)."""
        self._listeners.append(listener)
        for e in self.journal.entries[: self._folded]:
            self._feed(listener, e)

    def transact(self, decide, **kw) -> list[Entry]:
        """Journal transaction whose decision sees the latest state, then folds it."""
        def decide_fresh(_entries):
            self._check_journal()
            if self.roster_store.changed():
                self.roster_store.load()
            self._fold()
            return decide(self)
        written = self.journal.transact(decide_fresh, **kw)
        self._fold()
        return written

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
