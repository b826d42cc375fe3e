"""Find a delegate at the desk by name, unit or code, as the operator types.

The index is built once per roster (and again after a walk-in): every
delegate gets one folded haystack " name | unit | 0042 | 04b7km " with a
leading space before every word, so a query word matches a word *prefix* with
one `in` test ("huong" finds "Hường", "ng th h" finds "Nguyễn Thị Hường").
Entries are kept in Vietnamese list order (given name first), so the first N
hits are already sorted and the scan can stop early: a keystroke costs a pass
over pre-folded strings, never a re-sort or a redraw of a 5,000-row table.
"""

from __future__ import annotations

from dataclasses import dataclass

from .roster import Delegate
from .text import fold
from .tokens import human_code

DEFAULT_LIMIT = 8


@dataclass(frozen=True)
class Hit:
    delegate: Delegate
    by_name: bool  # the words matched the name (else unit or code)

    @property
    def line(self) -> str:
        """One result row: name — unit (birth year) · code."""
        d = self.delegate
        year = f" ({d.birth_year})" if d.birth_year else ""
        return f"{d.name}{year} — {d.unit or 'chưa rõ đơn vị'} · {d.code}"


@dataclass
class _Entry:
    delegate: Delegate
    name: str  # " nguyen thi huong"
    rest: str  # " co quan ... | 0042 | 04b7km"


def query_words(query: str) -> list[str]:
    """Folded words of what was typed; a leading zero-less number also finds its code."""
    return [w for w in fold(query or "").replace("|", " ").split(" ") if w]


class SearchIndex:
    """Name/unit/code search over one roster. Build once, query per keystroke."""

    def __init__(self, delegates, secret: bytes | None = None, versions: dict[int, int] | None = None):
        versions = versions or {}
        entries = []
        for d in sorted(delegates, key=lambda d: d.sort_key()):
            codes = [d.code, str(d.id)]
            if secret is not None:
                codes.append(human_code(secret, d.id, versions.get(d.id, 1)).lower())
            name = " " + fold(d.name)
            rest = " " + fold(d.unit) + " | " + " ".join(codes)
            entries.append(_Entry(d, name, rest))
        self._entries = entries

    def __len__(self) -> int:
        return len(self._entries)

    def search(self, query: str, limit: int = DEFAULT_LIMIT) -> list[Hit]:
        """Top `limit` hits: people whose name matches every word first, then unit/code matches."""
        words = [" " + w for w in query_words(query)]
        if not words:
            return []
        by_name: list[Hit] = []
        other: list[Hit] = []
        for e in self._entries:
            if all(w in e.name for w in words):
                by_name.append(Hit(e.delegate, True))
                if len(by_name) >= limit:
                    break
            elif len(other) < limit:
                both = e.name + " |" + e.rest
                if all(w in both for w in words):
                    other.append(Hit(e.delegate, False))
        return (by_name + other)[:limit]


class LiveIndex:
    """A `SearchIndex` that follows an open `Event`: rebuilt only when the roster or walk-ins change."""

    def __init__(self, event):
        self.event = event
        self._key: tuple | None = None
        self._index: SearchIndex | None = None

    def _current_key(self) -> tuple:
        ev = self.event
        return (ev.roster_store._stamp, len(ev.day.walk_ins), len(ev.day.badge_version))

    @property
    def index(self) -> SearchIndex:
        self.event.delegates()  # reloads the roster if its file moved
        key = self._current_key()
        if self._index is None or key != self._key:
            ev = self.event
            self._index = SearchIndex(ev.delegates().values(), ev.secret, ev.day.badge_version)
            self._key = key
        return self._index

    def search(self, query: str, limit: int = DEFAULT_LIMIT) -> list[Hit]:
        return self.index.search(query, limit)
