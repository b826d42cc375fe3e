"""Delegates: the record, and the roster kept in TinyDB behind the locked storage."""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

import msgspec
from tinydb import TinyDB
from tinydb.table import Document

from console.ground.bulk import no_gc_pause
from console.ground.errors import UserError
from console.ground.storage import atomic_write_bytes, open_db
from console.ground.text import canonical, fold, name_sort_key
from console.people.categories import CATEGORY_LABELS, EXEMPLARY, is_minority

DELEGATES = "delegates"
REMOVED = "removed"  # people an import dropped, kept to give their id back if a later list has them
META = "meta"  # {"max_id": the highest delegate id ever given} — ids are never reused


@dataclass(slots=True)  # 20,000 records: no dict each (5 MB of a desk)
class Delegate:
    id: int
    name: str
    category: str
    unit: str = ""
    position: str = ""
    gender: str = ""  # "nam", "nu" or "" when the list does not say
    birth_year: int | None = None
    ethnicity: str = ""
    title: str = ""
    direct_production: bool = False
    leader: bool = False
    notes: str = ""
    walk_in: bool = False  # registered at a desk, not on an imported list
    walk_in_reason: str = ""  # why (an exemplary walk-in), or the decision adding a supplementary delegate
    supplementary: bool = False  # added by a later decision: counted with the summoned, not as a walk-in guest
    source_row: int | None = None
    extra: dict = field(default_factory=dict)

    @property
    def code(self) -> str:
        """The id as people read it: 0042."""
        return f"{self.id:04d}"

    @property
    def exemplary(self) -> bool:
        return self.category in EXEMPLARY

    @property
    def walk_in_guest(self) -> bool:
        """Came without being summoned (khách vãng lai); a supplementary delegate is summoned."""
        return self.walk_in and not self.supplementary

    @property
    def woman(self) -> bool:
        return self.gender == "nu"

    @property
    def minority(self) -> bool:
        return is_minority(self.ethnicity)

    @property
    def category_label(self) -> str:
        return CATEGORY_LABELS.get(self.category, self.category)

    @property
    def identity(self) -> tuple[str, int | None, str]:
        """What makes a re-imported row the same person: name, birth year, unit."""
        return (canonical(self.name), self.birth_year, fold(self.unit))

    def sort_key(self) -> tuple:
        return (name_sort_key(self.name), self.id)

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> Delegate:
        # The tolerant way (a row edited by hand, a helper table): unknown keys left out. The field
        # names are computed once (dataclasses.fields() per row was 60 % of loading 5,000 delegates).
        d = cls(**data) if _FIELD_NAMES.issuperset(data) else cls(**{k: v for k, v in data.items() if k in _FIELD_NAMES})
        if not (d.name.isprintable() and d.unit.isprintable() and d.position.isprintable()):
            _defang(d)  # (isprintable: one C-speed pass; false only for the rare odd character)
        return d


_SHOWN_FIELDS = ("name", "unit", "position", "ethnicity", "title", "notes", "walk_in_reason")


def _defang(d: Delegate) -> None:
    """A roster.json or journal written around the importer (by hand, by a hostile file) may
    hold ESC sequences or bidi overrides: shown, they retitle and wipe every desk's terminal.
    Each control character becomes a visible "�", each invisible one is dropped."""
    from console.ground.safe_text import check

    for f in _SHOWN_FIELDS:
        value = getattr(d, f)
        if isinstance(value, str) and not value.isprintable():
            c = check(value)
            if c.controls or c.invisible:
                setattr(d, f, "".join("\ufffd" if ch in c.controls else ch for ch in c.text))


_FIELD_NAMES = frozenset(f.name for f in fields(Delegate))


class _RosterFile(msgspec.Struct):
    """roster.json as TinyDB keeps it: {table: {doc_id: row}} (the other tables are not read here)."""
    delegates: dict[str, Delegate] = {}
    meta: dict[str, dict] = {}


def delegates_digest(docs: list[dict]) -> str:
    """What an import wrote, in a few bytes: the journal keeps it to notice a roster swapped later."""
    raw = json.dumps(docs, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
    return hashlib.sha256(raw).hexdigest()[:32]


class RosterStore:
    """The roster on disk. Reads are cheap when the file has not changed."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.db: TinyDB
        self.db, self.lock = open_db(self.path)
        self._stamp: tuple | None = None
        self._cache: dict[int, Delegate] = {}
        # The delegates table's digest as written by the last import (None: no roster, or one
        # not written by an import): the journal's roster_import line says what it must be.
        self.content_hash: str | None = None

    def _file_stamp(self) -> tuple | None:
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            return None
        return (st.st_ino, st.st_mtime_ns, st.st_size)

    @property
    def cached(self) -> dict[int, Delegate]:
        """What the last `load()` read, without looking at the file (a new dict after every reload)."""
        return self._cache

    def changed(self) -> bool:
        return self._file_stamp() != self._stamp

    def load(self) -> dict[int, Delegate]:
        stamp = self._file_stamp()
        if stamp == self._stamp:
            return self._cache
        if stamp is None and self._stamp is not None:
            # The roster was there and is gone: a USB stick pulled, a folder moved. Never read
            # that as "nobody is registered" — keep what we had and say what happened.
            raise UserError(f"Không còn thấy {self.path}: thư mục hội nghị đã bị gỡ hoặc di chuyển? "
                            "Hãy cắm lại ổ đĩa hoặc đưa thư mục về chỗ cũ; dữ liệu đã ghi không mất.")
        # The tables as TinyDB's storage hands them over, one read of the file: table.all()
        # wraps each row in a Document first (a third of loading 20,000 people), for nothing here.
        with no_gc_pause():
            self._cache, meta = self._read_records()
            self.content_hash = self._meta_hash(meta)
        self._stamp = stamp
        return self._cache

    def _read_records(self) -> tuple[dict[int, Delegate], list]:
        """The delegates and the meta rows, in one read of the file, as TinyDB's storage holds them.

        Decoded straight into records (msgspec: no dict per person on the way, checked against
        the record's types); a file whose values do not fit — edited by hand, older code — is
        read the tolerant way, row by row, as it always was."""
        try:
            shaped = self.db.storage.read_as(_RosterFile)
        except msgspec.ValidationError:
            shaped = None
        else:
            if shaped is None:
                return {}, []
            people = {}
            one: dict[str, str] = {}  # one string for the 300 people of one unit, not 300 copies
            same = one.setdefault
            for d in shaped.delegates.values():
                if not (d.name.isprintable() and d.unit.isprintable() and d.position.isprintable()):
                    _defang(d)
                d.unit, d.position, d.ethnicity, d.title = (same(d.unit, d.unit), same(d.position, d.position),
                                                            same(d.ethnicity, d.ethnicity), same(d.title, d.title))
                d.category, d.gender = same(d.category, d.category), same(d.gender, d.gender)
                people[d.id] = d
            return people, list(shaped.meta.values())
        data = self.db.storage.read() or {}
        rows, meta = data.get(DELEGATES) or {}, data.get(META) or {}
        if not (isinstance(rows, dict) and isinstance(meta, dict)):
            raise UserError(f"Tệp dữ liệu {self.path} bị hỏng (bảng “{DELEGATES}” không đúng dạng). "
                            "Hãy khôi phục từ bản sao lưu hoặc nhập lại danh sách.")
        people = {}
        for key, doc in rows.items():
            try:
                d = Delegate.from_dict(doc)
                people[int(d.id)] = d
            except (TypeError, ValueError, KeyError, AttributeError) as exc:
                raise UserError(
                    f"Tệp dữ liệu {self.path}, bảng “{DELEGATES}”, mục “{key}”: không đọc được người này "
                    f"({type(exc).__name__}: {exc}) — tệp đã bị sửa tay hoặc hỏng. Hãy chép lại {self.path.name} "
                    f"từ bản sao lưu (hoặc {self.prev_path.name} bên cạnh: danh sách trước lần nhập cuối).") from None
        return people, list(meta.values())

    @staticmethod
    def _meta_hash(docs: list) -> str | None:
        for doc in docs:
            value = doc.get("delegates_hash") if isinstance(doc, dict) else None
            if isinstance(value, str):
                return value
        return None

    def replace_table(self, name: str, docs: list[dict]) -> None:
        """Replace one table in a single atomic write, keeping the others."""
        with self.db.storage.transaction():
            table = self.db.table(name)
            table.truncate()
            table.insert_multiple(Document(doc, doc_id=i) for i, doc in enumerate(docs, start=1))

    def replace_all(self, delegates: list[Delegate], removed: list[Delegate] | None = None) -> str:
        """The delegates table and the highest id ever given, in one atomic write.

        A removed person's id is never handed out again: their printed badge must not
        check someone else in, nor their award or speech point at a newcomer.
        Returns the new table's digest (journaled by the import); the roster as it was
        before is kept beside it as roster.prev.json.
        """
        docs = [d.to_dict() for d in sorted(delegates, key=lambda d: d.id)]
        digest = delegates_digest(docs)
        with self.db.storage.transaction():
            try:
                atomic_write_bytes(self.prev_path, self.path.read_bytes())
            except FileNotFoundError:
                pass
            table, meta = self.db.table(DELEGATES), self.db.table(META)
            before = [int(doc.get("id", 0)) for doc in table.all()]
            high = max([d.id for d in delegates] + before + [self._meta_max({META: dict(enumerate(meta.all()))})],
                       default=0)
            table.truncate()
            table.insert_multiple(Document(doc, doc_id=i) for i, doc in enumerate(docs, start=1))
            meta.truncate()
            meta.insert(Document({"max_id": high, "delegates_hash": digest}, doc_id=1))
            if removed is not None:  # people an import dropped: a later list with them gives their id back
                gone = self.db.table(REMOVED)
                gone.truncate()
                gone.insert_multiple(Document(d.to_dict(), doc_id=i) for i, d in enumerate(removed, start=1))
        return digest

    @property
    def prev_path(self) -> Path:
        return self.path.with_name(self.path.stem + ".prev.json")

    @staticmethod
    def _meta_max(data: dict) -> int:
        try:
            return max((int(doc.get("max_id", 0)) for doc in (data.get(META) or {}).values()), default=0)
        except (TypeError, ValueError, AttributeError):
            return 0

    def removed(self) -> dict[int, Delegate]:
        """People an earlier import dropped (and no later one brought back), by id."""
        out = {}
        for doc in self.table_docs(REMOVED):
            try:
                d = Delegate.from_dict(doc)
            except (TypeError, ValueError):
                continue  # a damaged line of a helper table: matching falls back to a new id
            out[d.id] = d
        return out

    def max_id_ever(self) -> int:
        """The highest id ever given to an imported delegate (removed ones included)."""
        docs = self.table_docs(META)
        return max(self._meta_max({META: dict(enumerate(docs))}), max(self.load(), default=0))

    def table_docs(self, name: str) -> list[dict]:
        return list(self.db.table(name).all())
