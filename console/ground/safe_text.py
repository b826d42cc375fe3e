"""Characters that must never reach a terminal from a list, a form or a file.

An imported name holding ESC sequences wiped every SSH desk's screen and retitled
the terminal; a bidi override shows a name backwards; a zero-width space makes two
equal names differ. Three kinds, decided on the character alone:

- CONTROL (C0/C1 controls but tab and line breaks, bidi embeddings/overrides/isolates):
  refused — the list or the form is sent back with the row and column;
- INVISIBLE (zero-width spaces and joiners, word joiner, BOM, soft hyphen, LRM/RLM):
  cleaned and reported — nothing meant is lost by dropping them;
- everything else is text.

`shown()` is for output that goes to a terminal whatever it holds (the CLI's stdout
and stderr): each control or invisible character is written as its escape, `\\u202e`,
which inside a JSON string is the same character and anywhere else is visible.
"""

from __future__ import annotations

import io
import unicodedata
from dataclasses import dataclass, field

_BIDI = {chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x061C)}
_INVISIBLE = {chr(c) for c in (0x200B, 0x200C, 0x200D, 0x2060, 0x2061, 0x2062, 0x2063, 0x2064,
                               0xFEFF, 0x00AD, 0x180E, 0x200E, 0x200F)}
_LAYOUT = {"\t", "\n", "\r"}  # line breaks in a cell (Alt+Enter in Excel) and tabs are layout, not attacks


def is_control(ch: str) -> bool:
    return (unicodedata.category(ch) == "Cc" and ch not in _LAYOUT) or ch in _BIDI


def is_invisible(ch: str) -> bool:
    return ch in _INVISIBLE


def describe(ch: str) -> str:
    """“ESC (U+001B)”: how a character is named in a sentence to the user."""
    names = {"\x1b": "ESC", "\x07": "BEL", "\x08": "BS", "\x00": "NUL", "\x7f": "DEL"}
    name = names.get(ch) or unicodedata.name(ch, "")
    return f"{name} (U+{ord(ch):04X})" if name else f"U+{ord(ch):04X}"


@dataclass
class Checked:
    text: str  # with the invisible characters dropped
    controls: list[str] = field(default_factory=list)  # refused, each once, in order
    invisible: list[str] = field(default_factory=list)  # dropped, each once, in order

    @property
    def refused(self) -> bool:
        return bool(self.controls)

    def controls_text(self) -> str:
        return ", ".join(describe(c) for c in self.controls)

    def invisible_text(self) -> str:
        return ", ".join(describe(c) for c in self.invisible)


def check(text: str) -> Checked:
    controls: list[str] = []
    invisible: list[str] = []
    kept = []
    for ch in text:
        if is_control(ch):
            if ch not in controls:
                controls.append(ch)
            kept.append(ch)
        elif is_invisible(ch):
            if ch not in invisible:
                invisible.append(ch)
        else:
            kept.append(ch)
    return Checked("".join(kept), controls, invisible)


def shown(text: str) -> str:
    """`text` with every control and invisible character written as its escape."""
    if text.isascii() and text.isprintable():
        return text
    out = []
    for ch in text:
        if ch in ("\n", "\t") or not (is_control(ch) or is_invisible(ch) or ch == "\r"):
            out.append(ch)
        else:
            out.append(f"\\u{ord(ch):04x}")
    return "".join(out)


class ShownStream(io.TextIOBase):
    """A text stream that writes through `shown()` (the CLI wraps stdout and stderr in it)."""

    def __init__(self, inner) -> None:
        self._inner = inner

    def write(self, s: str) -> int:
        self._inner.write(shown(s))
        return len(s)

    def flush(self) -> None:
        self._inner.flush()

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        return self._inner.isatty()

    def fileno(self) -> int:
        return self._inner.fileno()

    @property
    def encoding(self):
        return self._inner.encoding

    @property
    def buffer(self):
        return self._inner.buffer  # binary output (a .docx to "-") is the file's own bytes
