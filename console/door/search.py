"""Find a delegate at the desk by name, unit or code, as the operator types.

The index is built once per roster (and again after a walk-in): every
delegate gets one folded haystack " name | unit | 0042 | 04b7km " with a
leading space before every word, so a query word matches a word *prefix* with
one `in` test ("huong" finds "Hường", "ng th h" finds "Nguyễn Thị Hường").
Entries are kept in Vietnamese list order (given name first), so hits come
out sorted: a keystroke costs one tight pass over pre-folded strings for the
longest word (then only over the few survivors), never a fold, a sort or a
redraw of a 5,000-row table.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from operator import itemgetter

from console.door.namesakes import namesake_ids
from console.door.tokens import human_code
from console.ground.text import fold
from console.people.roster import Delegate

DEFAULT_LIMIT = 8
BUILD_SLICE = 128  # delegates per slice of a build on the desk's event loop (~5 ms on a slow laptop)


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


def query_words(query: str) -> list[str]:
    """Folded words of what was typed."""
    return [w for w in fold(query or "").replace("|", " ").split(" ") if w]


class SearchIndex:
    """Name/unit/code search over one roster. Build once, query per keystroke."""

    def __init__(self, delegates, secret: bytes | None = None, versions: dict[int, int] | None = None, *,
                 codes: dict[tuple[int, int], str] | None = None, lazy: bool = False):
        """`codes`: (id, version) → typed code, kept by the caller between builds (an HMAC
        each: half the build). `lazy`: built later, a slice at a time, by `fill()`."""
        self._source = (list(delegates), secret, versions or {}, {} if codes is None else codes)
        self._people: list[Delegate] = []
        self._names: list[str] = []  # " nguyen thi huong"
        self._all: list[str] = []  # " nguyen thi huong | truong mam non ban lan | 0001 1 04b7km"
        self._last_key = ""  # the previous query, folded, and its hits (see search)
        self._last_found: list[int] = []
        if not lazy:
            for _ in self.fill(rows=1 << 30):
                pass

    def fill(self, rows: int = BUILD_SLICE) -> Iterator[None]:
        """Build, yielding after every `rows` delegates: the desk runs one slice per turn of
        its event loop, so a badge scanned meanwhile waits one slice (a few ms), never the
        whole build (most of a second at 20,000). (A worker thread would hold the
        interpreter lock in 5 ms time slices and made the first scan wait 0.3 s.)"""
        if self._source is None:
            return
        people, secret, versions, codes = self._source
        keyed = []
        for i, d in enumerate(people):
            if i and i % rows == 0:
                yield
            keyed.append((d.sort_key(), d))  # (name order, id): unique, so no Delegate is compared
        keyed.sort(key=itemgetter(0))
        yield
        for row, (_key, d) in enumerate(keyed):
            if row and row % rows == 0:
                yield
            typed = [d.code, str(d.id)]
            if secret is not None:
                version = versions.get(d.id, 1)
                code = codes.get((d.id, version))
                if code is None:
                    code = codes[(d.id, version)] = human_code(secret, d.id, version).lower()
                typed.append(code)
            name = " " + fold(d.name)
            self._people.append(d)
            self._names.append(name)
            self._all.append(f"{name} | {fold(d.unit)} | {' '.join(typed)}")
        self._source = None

    def __len__(self) -> int:
        return len(self._people)

    def search(self, query: str, limit: int = DEFAULT_LIMIT) -> list[Hit]:
        """Top `limit` hits: people whose name matches every word first, then unit/code matches."""
        typed = query_words(query)
        words = sorted((" " + w for w in typed), key=len, reverse=True)
        if not words:
            return []
        hay = self._all
        key = " ".join(typed)
        if self._last_key and key.startswith(self._last_key):
            # Typing on: every word only grew or was added, so the hits can only
            # shrink; filter the last keystroke's hits, not the whole roster.
            found, rest = self._last_found, words
        else:
            first, rest = words[0], words[1:]  # the longest word first: one tight pass narrows 5,000 to a few
            found = [i for i, text in enumerate(hay) if first in text]
        for w in rest:
            found = [i for i in found if w in hay[i]]
        self._last_key, self._last_found = key, found
        # Then the same narrowing on names alone, as comprehensions (no per-row
        # generator): "truong" may match 3,000 units but few names.
        names = self._names
        by_name = found
        for w in words:
            by_name = [i for i in by_name if w in names[i]]
        hits = [Hit(self._people[i], True) for i in by_name[:limit]]
        if len(hits) < limit:
            named = set(by_name)
            for i in found:
                if i not in named:
                    hits.append(Hit(self._people[i], False))
                    if len(hits) >= limit:
                        break
        return hits


class LiveIndex:
    """A `SearchIndex` that follows an open `Event`: rebuilt only when the roster or walk-ins change.

    The desk builds it when it opens, a slice per turn of its event loop (`build_steps`),
    and a keystroke uses whatever index is there (`current`): at 20,000 delegates a
    build takes most of a second, and the first badge scanned after start must not
    wait for it.
    """

    def __init__(self, event):
        self.event = event
        self._key: tuple | None = None
        self._index: SearchIndex | None = None
        self._codes: dict[tuple[int, int], str] = {}  # typed codes, kept across rebuilds
        self._building: tuple | None = None  # the key of the build under way

    def _current_key(self) -> tuple:
        ev = self.event
        return (ev.roster_store._stamp, len(ev.day.walk_ins), len(ev.day.badge_version))

    def stale(self) -> bool:
        """No index yet, or the roster, walk-ins or badge versions moved since it was built."""
        return self._index is None or self._current_key() != self._key

    def current(self) -> SearchIndex | None:
        """The index built so far, never building (None before the first build)."""
        return self._index

    def build_steps(self, rows: int = BUILD_SLICE, *, again: bool = False) -> Iterator[None] | None:
        """A build of the index for the event as it is now, one slice per `next()`; it is put
        in place when the last slice is done. None when the index is fresh, or when a build
        for this same state is already under way (unless `again`)."""
        ev = self.event
        everyone = ev.delegates()  # reloads the roster if its file moved
        key = self._current_key()
        if (self._index is not None and key == self._key) or (key == self._building and not again):
            return None
        self._building = key
        index = SearchIndex(everyone.values(), ev.secret, dict(ev.day.badge_version), codes=self._codes, lazy=True)

        def steps() -> Iterator[None]:
            yield from index.fill(rows)
            yield
            # The names the index has just folded tell the namesakes too: ready before the first
            # scan asks (folding 20,000 names again there was 0.2–0.7 s of that scan).
            namesake_ids(everyone, folded={d.id: n[1:] for d, n in zip(index._people, index._names, strict=True)})
            if self._key != key or self._index is None:
                self._index, self._key = index, key
            if self._building == key:
                self._building = None

        return steps()

    @property
    def index(self) -> SearchIndex:
        """The fresh index, built here and now if needed (benchmarks, tools without a screen)."""
        steps = self.build_steps(rows=1 << 30, again=True)
        if steps is not None:
            for _ in steps:
                pass
        return self._index

    def search(self, query: str, limit: int = DEFAULT_LIMIT) -> list[Hit]:
        return self.index.search(query, limit)
