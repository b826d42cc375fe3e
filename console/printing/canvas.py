"""A slip built top to bottom, then drawn at once into one 1-bit image.

Layouts add blocks (text, a black band with white text, a rule, a picture,
space); `render()` sums the heights, makes one white "1"-mode image exactly
the printer's width, and draws. Drawing straight into mode "1" makes FreeType
render without grey levels, which is what a thermal head prints anyway.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont

from console.printing.fonts import fit_text as _fit_text
from console.printing.fonts import font, line_height

WIDTHS = {58: 384, 80: 576}  # paper width (mm) -> printable dots at 203 dpi
WHITE, BLACK = 1, 0


MAX_TEXT = 500  # characters of one block: more than any slip shows (import caps names at 80, notes at 500)


def bounded(text: str, limit: int = MAX_TEXT) -> str:
    """The text cut at a word before `limit` characters, with "…": layout time stays bounded
    whatever a job file holds (a 1,993-character name hung `badges` for minutes)."""
    if len(text) <= limit:
        return text
    cut = text[:limit - 1]
    head, sep, _ = cut.rpartition(" ")
    return (head if sep and len(head) > limit // 2 else cut).rstrip(" ,;") + "…"


def fit_text(text: str, max_width: int, sizes: tuple[int, ...], bold: bool, max_lines: int | None,
             keep: tuple[str, ...] = ()):
    return _fit_cached(bounded(text), max_width, sizes, bold, max_lines, tuple(bounded(k) for k in keep))


@lru_cache(maxsize=2048)
def _fit_cached(text: str, max_width: int, sizes: tuple[int, ...], bold: bool, max_lines: int | None,
                keep: tuple[str, ...] = ()):
    """Cached: banner, footer and band lines repeat on every badge of a batch."""
    return _fit_text(text, max_width, list(sizes), bold=bold, max_lines=max_lines, keep=keep)


@lru_cache(maxsize=2048)
def line_mask(text: str, size: int, bold: bool) -> tuple[Image.Image, int]:
    """One line's ink as a "1" mask (1 = ink) and its advance width, cached."""
    f = font(size, bold)
    width = int(round(f.getlength(text))) or 1
    mask = Image.new("1", (width + 2, line_height(f)), 0)
    draw = ImageDraw.Draw(mask)
    draw.fontmode = "1"
    draw.text((0, 0), text, font=f, fill=1, anchor="la")
    return mask, width


def dots_for(width_mm: int) -> int:
    try:
        return WIDTHS[int(width_mm)]
    except (KeyError, TypeError, ValueError):
        raise ValueError(f"paper width {width_mm} mm: 58 or 80") from None


@dataclass
class _Block:
    height: int
    kind: str
    lines: list[str] = field(default_factory=list)
    font: ImageFont.FreeTypeFont | None = None
    align: str = "center"
    picture: Image.Image | None = None
    gap: int = 0


class Slip:
    def __init__(self, width: int, margin: int | None = None):
        self.width = width
        self.margin = margin if margin is not None else max(8, width // 48)
        self.blocks: list[_Block] = []

    @property
    def inner(self) -> int:
        return self.width - 2 * self.margin

    def space(self, dots: int) -> Slip:
        self.blocks.append(_Block(dots, "space"))
        return self

    def text(self, text: str, sizes: list[int] | int, *, bold: bool = False, align: str = "center",
             max_lines: int | None = None, gap: int = 0, keep: tuple[str, ...] = ()) -> Slip:
        """Wrapped text at the largest of `sizes` that fits in `max_lines`; `keep`: phrases
        (a unit, a person's name) never broken while they fit a line."""
        if not text or not text.strip():
            return self
        sizes = [sizes] if isinstance(sizes, int) else sizes
        f, lines = fit_text(text, self.inner, tuple(sizes), bold, max_lines, tuple(keep))
        step = line_height(f) + gap
        self.blocks.append(_Block(step * len(lines), "text", lines, f, align, gap=gap))
        return self

    def band(self, text: str, sizes: list[int] | int, *, pad: int = 6) -> Slip:
        """White bold text on a full-width black band (the category of a badge)."""
        sizes = [sizes] if isinstance(sizes, int) else sizes
        f, lines = fit_text(text, self.inner, tuple(sizes), True, None)
        self.blocks.append(_Block(line_height(f) * len(lines) + 2 * pad, "band", lines, f, gap=pad))
        return self

    def rule(self, thickness: int = 2, pad: int = 6, inset: int = 0) -> Slip:
        """A black line across the slip; `inset` dots shorter at each end (a separator)."""
        self.blocks.append(_Block(thickness + 2 * pad, "rule", gap=pad, lines=[str(inset)]))
        return self

    def picture(self, image: Image.Image) -> Slip:
        self.blocks.append(_Block(image.height, "picture", picture=image))
        return self

    def render(self) -> Image.Image:
        height = sum(b.height for b in self.blocks)
        img = Image.new("1", (self.width, max(1, height)), WHITE)
        draw = ImageDraw.Draw(img)
        y = 0
        for b in self.blocks:
            if b.kind == "text":
                step = line_height(b.font) + b.gap
                for i, line in enumerate(b.lines):
                    self._line(img, line, b.font, y + i * step, b.align, BLACK)
            elif b.kind == "band":
                draw.rectangle((0, y, self.width - 1, y + b.height - 1), fill=BLACK)
                step = line_height(b.font)
                for i, line in enumerate(b.lines):
                    self._line(img, line, b.font, y + b.gap + i * step, "center", WHITE)
            elif b.kind == "rule":
                inset = int(b.lines[0]) if b.lines else 0
                draw.rectangle((self.margin + inset, y + b.gap, self.width - self.margin - inset - 1,
                                y + b.height - b.gap - 1), fill=BLACK)
            elif b.kind == "picture":
                img.paste(b.picture, ((self.width - b.picture.width) // 2, y))
            y += b.height
        return img

    def _line(self, img: Image.Image, line: str, f, y: int, align: str, fill: int) -> None:
        mask, w = line_mask(line, f.size, _is_bold(f))
        if align == "left":
            x = self.margin
        elif align == "right":
            x = self.width - self.margin - w
        else:
            x = (self.width - w) // 2
        img.paste(fill, (x, y, x + mask.width, y + mask.height), mask)


def _is_bold(f) -> bool:
    return "Bold" in (f.getname()[1] or "")
