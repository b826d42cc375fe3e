"""The bundled font (Noto Sans, OFL) and the text measuring every layout uses.

Pillow's default bitmap font has no Vietnamese letters, and the system fonts of
a desk laptop are unknown, so the package ships Noto Sans Regular and Bold in
data/fonts/ (OFL.txt beside them). Every Vietnamese letter with its tone mark
is a precomposed code point in NFC, and Noto Sans has a glyph for each, so the
BASIC layout engine (no HarfBuzz needed) draws them exactly.
"""

from __future__ import annotations

from functools import lru_cache

from PIL import ImageFont

from console.ground.text import nfc
from data import FONTS_DIR

REGULAR = FONTS_DIR / "NotoSans-Regular.ttf"
BOLD = FONTS_DIR / "NotoSans-Bold.ttf"

# The 67 lower-case Vietnamese letters that carry a mark (đ included); with
# their capitals, the 134 letters the font test checks one by one.
_BASES = "aăâeêioôơuưy"
_TONES = "\u0301\u0300\u0309\u0303\u0323"  # sắc huyền hỏi ngã nặng


def vietnamese_letters() -> list[str]:
    """Every lower- and upper-case Vietnamese letter with a diacritic (134)."""
    lower = ["ă", "â", "ê", "ô", "ơ", "ư", "đ"]
    for base in _BASES:
        for tone in _TONES:
            lower.append(nfc(base + tone))
    return lower + [ch.upper() for ch in lower]


@lru_cache(maxsize=64)
def font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    """The bundled face at `size` pixels (dots). Cached: loading costs ~1 ms."""
    path = BOLD if bold else REGULAR
    return ImageFont.truetype(str(path), size, layout_engine=ImageFont.Layout.BASIC)


def line_height(f: ImageFont.FreeTypeFont) -> int:
    """Ascent + descent: room for stacked marks above capitals (Ễ, Ẫ) and nặng below."""
    ascent, descent = f.getmetrics()
    return ascent + descent




def wrap_words(text: str, f: ImageFont.FreeTypeFont, max_width: int, keep: tuple[str, ...] = ()) -> list[str] | None:
    """Lines broken between words (console/printing/wrap.py): never inside a compound
    ("hợp tác xã"), a proper noun ("Nà Lương") or a `keep` phrase while it fits a line;
    even lines, a break after a comma preferred. None when one syllable alone is wider
    than the line: the caller shrinks the font rather than cut it.
    """
    from console.printing.wrap import layout

    narrow = _narrowest(f)

    def measure(t: str) -> float:
        # More characters than the narrowest glyph could fit is too wide without shaping it:
        # measuring a pasted paragraph costs milliseconds per call, this costs nothing.
        return max_width + 1 if len(t) * narrow > max_width else f.getlength(t)

    return layout(nfc(text), measure, max_width, keep)


@lru_cache(maxsize=64)
def _narrowest(f: ImageFont.FreeTypeFont) -> float:
    return min(f.getlength(c) for c in " .,'!|il") or 1.0


def fit_text(text: str, max_width: int, sizes: list[int], *, bold: bool = False,
             max_lines: int | None = None, keep: tuple[str, ...] = ()) -> tuple[ImageFont.FreeTypeFont, list[str]]:
    """The largest size in `sizes` at which `text` wraps within `max_lines` lines.

    Falls back to the smallest size with as many lines as it takes; a single
    word wider than the line even then (a long e-mail address, say) is the only
    case cut between characters.
    """
    for size in sizes:
        f = font(size, bold)
        lines = wrap_words(text, f, max_width, keep)
        if lines is not None and (max_lines is None or len(lines) <= max_lines):
            return f, lines
    f = font(sizes[-1], bold)
    lines = wrap_words(text, f, max_width, keep)
    if lines is None:
        lines = _hard_wrap(nfc(text), f, max_width)
    return f, lines


def _hard_wrap(text: str, f: ImageFont.FreeTypeFont, max_width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and f.getlength(lines[-1] + " " + word) <= max_width:
            lines[-1] += " " + word
            continue
        while f.getlength(word) > max_width:
            cut = len(word)
            while cut > 1 and f.getlength(word[:cut]) > max_width:
                cut -= 1
            lines.append(word[:cut])
            word = word[cut:]
        lines.append(word)
    return lines
