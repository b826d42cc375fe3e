"""Telling a scanner's burst from a person typing, key by key, on any screen.

A keyboard-wedge scanner types a badge's 20 characters (18 on an older badge)
in 100–300 ms and ends with Enter; a person types 3–10 characters a second.
Every key that could begin a burst ("H" or "h": every token starts "HN") is
held back, not delivered, while the keys after it keep coming faster than
`max_gap` and keep the shape of a token. The outcome:

- Enter ends a held run shaped like a token: a SCAN — the held keys and the
  Enter are dropped (never typed into a field, never shortcut keys, never a
  form's Enter) and the payload goes to the desk's scan path;
- anything else (a gap longer than `max_gap`, a key a token cannot hold, an
  Enter after too few characters) releases the held keys, in order, to where
  they were going, followed by the key at hand.

An input method rewriting a scan (Unikey over a terminal sends a backspace and
the new letter) stays inside the burst: a backspace takes back the last held
character, and letters with marks or Quick Telex's I/U are accepted, so the
mangled payload reaches the scan path, which reads it back or says to switch
to E. The person at the keyboard loses at most `max_gap` on an "h".

Pure: timestamps come in with the keys; the caller arms a timer for `expire`.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from console.door.tokens import PREFIX, TOKEN_LEN

K = TypeVar("K")

MAX_GAP = 0.05  # s between two keys of one burst (a scanner: 5–25 ms; a person at 8/s: ~125 ms)
MAX_DURATION = 0.8  # s from the first key to Enter (a 20-character scan takes at most ~0.3 s)
MIN_LEN = 12  # characters before Enter: below this it is not a scan (a damaged one still is)
MAX_LEN = TOKEN_LEN + 6  # longer than any token (room for an IME's extra letters): not a scan



def _fits(text: str) -> bool:
    """Could `text` (upper-cased) still be the start of a scanned token? "HN" then letters
    and digits: the token's own, and what an input method makes of them on the way (the
    d or a it is about to rewrite, â ệ đ, Quick Telex's I and U)."""
    if len(text) > MAX_LEN or not PREFIX.startswith(text[:2]):
        return False
    return all(ch.isalnum() or unicodedata.category(ch).startswith("M") for ch in text[2:])


@dataclass
class Step(Generic[K]):
    """What to do with the keys: deliver `release` in order; scan `payload` if set."""
    release: list[K] = field(default_factory=list)
    payload: str | None = None


@dataclass
class BurstDetector(Generic[K]):
    max_gap: float = MAX_GAP
    max_duration: float = MAX_DURATION
    min_len: int = MIN_LEN
    held: list[K] = field(default_factory=list)
    text: str = ""
    first: float = 0.0
    last: float = 0.0

    @property
    def holding(self) -> bool:
        return bool(self.held)

    def _release(self, *more: K) -> Step[K]:
        out = [*self.held, *more]
        self.held, self.text = [], ""
        return Step(out)

    def expire(self, now: float) -> Step[K]:
        """The timer's call: held keys whose burst stopped are released."""
        if self.held and now - self.last > self.max_gap:
            return self._release()
        return Step()

    def flush(self) -> Step[K]:
        return self._release()

    def feed(self, item: K, key: str, char: str | None, now: float) -> Step[K]:
        """One key: `key` is its name ("enter", "backspace", "h" …), `char` what it types."""
        if self.held and (now - self.last > self.max_gap or now - self.first > self.max_duration):
            released = self._release().release
            return Step(released + self.feed(item, key, char, now).release)  # this key may start a new one
        if not self.held:
            if char is not None and char.upper() == PREFIX[0]:
                self.held, self.text, self.first, self.last = [item], PREFIX[0], now, now
                return Step()
            return Step([item])
        if key == "enter":
            if len(self.text) >= self.min_len and _fits(self.text):
                payload = self.text
                self.held, self.text = [], ""
                return Step(payload=payload)
            return self._release(item)
        if key == "backspace":
            self.held.append(item)
            self.text = self.text[:-1]
            self.last = now
            return Step()
        if char is None or not char.isprintable() or char.isspace():
            return self._release(item)
        text = self.text + unicodedata.normalize("NFC", char).upper()
        if not _fits(text):
            return self._release(item)
        self.held.append(item)
        self.text, self.last = text, now
        return Step()
