"""A count-down in a large block font, readable from two metres.

Textual's `Digits` is three rows tall. This clock draws each character from a
3×5 bitmap, every pixel a block of `sx` columns × `sy` rows, and picks the
largest scale that fits the widget: 5 rows at 80×24, 10 rows on a 1366×768
laptop terminal (~170×45). The colour follows the phase: normal, amber when
the warning threshold is passed, red (and counting up) when over.
"""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

GLYPHS = {
    "0": ("###", "#.#", "#.#", "#.#", "###"),
    "1": (".#.", "##.", ".#.", ".#.", "###"),
    "2": ("###", "..#", "###", "#..", "###"),
    "3": ("###", "..#", "###", "..#", "###"),
    "4": ("#.#", "#.#", "###", "..#", "..#"),
    "5": ("###", "#..", "###", "..#", "###"),
    "6": ("###", "#..", "###", "#.#", "###"),
    "7": ("###", "..#", "..#", "..#", "..#"),
    "8": ("###", "#.#", "###", "#.#", "###"),
    "9": ("###", "#.#", "###", "..#", "###"),
    ":": (".", "#", ".", "#", "."),
    "+": ("...", ".#.", "###", ".#.", "..."),
    "-": ("...", "...", "###", "...", "..."),
    " ": ("..", "..", "..", "..", ".."),
    "|": ("#.#", "#.#", "#.#", "#.#", "#.#"),  # the pause sign
}
ROWS = 5

PHASE_STYLES = {
    "normal": "bold #e8e8e8",
    "warning": "bold #ffb000",
    "over": "bold #ff3b3b",
    "paused": "bold #5fafff",
    "idle": "#808080",
    "closed": "#808080",
}

# (pixel width, pixel height), largest first.
SCALES = ((6, 3), (4, 2), (3, 2), (2, 1), (1, 1))


def glyph_width(text: str, sx: int) -> int:
    widths = [len(GLYPHS.get(ch, GLYPHS[" "])[0]) * sx for ch in text]
    return sum(widths) + max(0, len(text) - 1) * sx


def render_block(text: str, sx: int, sy: int) -> list[str]:
    """The lines of `text` in the block font at one scale."""
    lines = []
    for r in range(ROWS):
        parts = []
        for ch in text:
            row = GLYPHS.get(ch, GLYPHS[" "])[r]
            parts.append("".join(("█" if px == "#" else " ") * sx for px in row))
        line = (" " * sx).join(parts)
        lines.extend([line] * sy)
    return lines


def fit_scale(text: str, width: int, height: int) -> tuple[int, int] | None:
    for sx, sy in SCALES:
        if glyph_width(text, sx) <= width and ROWS * sy <= height:
            return sx, sy
    return None


def format_countdown(seconds: float) -> str:
    """"12:34" left, "+02:10" over (counting up), hours only when needed."""
    over = seconds < 0
    s = int(abs(seconds)) if over else int(-(-seconds // 1))  # round a remainder up, an overrun down
    h, rest = divmod(s, 3600)
    m, sec = divmod(rest, 60)
    body = f"{h}:{m:02d}:{sec:02d}" if h else f"{m:02d}:{sec:02d}"
    return ("+" if over else "") + body


class BigClock(Widget):
    DEFAULT_CSS = """
    BigClock { height: 5; width: 1fr; }
    """

    text: reactive[str] = reactive("00:00")
    phase: reactive[str] = reactive("idle")

    def show(self, text: str, phase: str) -> None:
        self.text = text
        self.phase = phase

    def render(self) -> Text:
        style = PHASE_STYLES.get(self.phase, PHASE_STYLES["normal"])
        width, height = self.size.width, self.size.height
        scale = fit_scale(self.text, width, height)
        if scale is None:  # too small for blocks: plain bold text, still coloured
            return Text(self.text.center(width), style=style)
        lines = render_block(self.text, *scale)
        pad_top = max(0, (height - len(lines)) // 2)
        pad_left = max(0, (width - len(lines[0])) // 2)
        body = "\n" * pad_top + "\n".join(" " * pad_left + line for line in lines)
        return Text(body, style=style, no_wrap=True, overflow="crop")
