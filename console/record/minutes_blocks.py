"""The blocks a biên bản is built of, and how it writes times and minutes (no imports of its own parts)."""

from __future__ import annotations

from dataclasses import dataclass, field

from console.ground.clock import parse_iso

BLANK = "…………………………"


@dataclass
class Block:
    kind: str  # head | h1 | h2 | h3 | p | li | li2 (second level) | table | sign
    text: str = ""
    rows: list[list[str]] = field(default_factory=list)
    widths: list[float] = field(default_factory=list)  # table columns, in millimetres (Word)


def when(iso_text: str | None) -> str:
    """'07 giờ 32 phút, ngày 15/04/2020', the way a biên bản writes a time."""
    if not iso_text:
        return BLANK
    t = parse_iso(str(iso_text))
    return f"{t:%H} giờ {t:%M} phút, ngày {t:%d/%m/%Y}"


def hm(iso_text: str | None) -> str:
    return parse_iso(str(iso_text)).strftime("%H:%M") if iso_text else ""


def minutes_text(value) -> str:
    if value is None or value == "":
        return "?"
    v = round(float(value), 1)
    return str(int(v)) if v.is_integer() else f"{v:.1f}".replace(".", ",")
