"""The delegate badge: banner, name, position and unit, category band, QR and code.

`BadgeData` holds plain values so a badge can be rendered with no event open
(the print queue stores it in the job file); `badge_data(event, delegate)`
builds it from the event at the time the badge is asked for.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from PIL import Image

from console.door.tokens import human_code, make_token
from console.ground.text import nfc
from console.people.categories import EXEMPLARY_COLLECTIVE, EXEMPLARY_INDIVIDUAL, GUEST
from console.printing.canvas import Slip, fit_text
from console.printing.qr import module_dots, qr_image

BAND_LABELS = {
    GUEST: "KHÁCH MỜI",
    EXEMPLARY_INDIVIDUAL: "ĐẠI BIỂU ĐIỂN HÌNH",
    EXEMPLARY_COLLECTIVE: "ĐẠI DIỆN TẬP THỂ ĐIỂN HÌNH",
}


@dataclass
class BadgeData:
    delegate_id: int
    name: str
    token: str
    human_code: str
    category: str = ""
    position: str = ""
    unit: str = ""
    banner: list[str] = field(default_factory=list)
    footer: str = ""
    version: int = 1

    @property
    def band(self) -> str:
        return BAND_LABELS.get(self.category, nfc(self.category).upper() or "ĐẠI BIỂU")

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> BadgeData:
        return cls(**{k: data[k] for k in cls.__dataclass_fields__ if k in data})


def badge_data(event, delegate, version: int | None = None) -> BadgeData:
    v = event.day.version_of(delegate.id) if version is None else version
    s = event.settings
    return BadgeData(
        delegate_id=delegate.id, name=nfc(delegate.name), category=delegate.category,
        position=nfc(delegate.position), unit=nfc(delegate.unit),
        token=make_token(event.secret, delegate.id, v), human_code=human_code(event.secret, delegate.id, v),
        banner=list(s.banner) or [s.name.upper()], footer=s.place_date_line, version=v,
    )


# Sizes in dots for 80 mm paper; 58 mm scales them by 2/3.
_SIZES = {
    "banner": [22, 20, 18], "body": [24, 22, 20],
    "band": [28, 26, 22], "code": [30], "small": [18],
}
# The name: one size on every badge of the day (NAME_SIZE) when it fits a line; a long
# name shrinks as a whole line, never below NAME_MIN (about 4 mm high letters, readable at
# arm's length); past that, two even lines at NAME_SIZE (never broken inside a word).
NAME_SIZE = 48
NAME_MIN = 34


def _sizes(key: str, width: int) -> list[int]:
    base = _SIZES[key]
    if width >= 576:
        return base
    return [max(14, round(s * width / 576)) for s in base]


def name_sizes(width: int) -> tuple[int, int]:
    """(the day's name size, the smallest a long name may shrink to) for this paper."""
    if width >= 576:
        return NAME_SIZE, NAME_MIN
    return round(NAME_SIZE * width / 576), max(22, round(NAME_MIN * width / 576))


def render_badge(b: BadgeData, width: int) -> Image.Image:
    return badge_slip(b, width).render()


def badge_slip(b: BadgeData, width: int) -> Slip:
    """The badge's blocks (the tests read sizes and separators from them)."""
    s = Slip(width)
    s.space(10)
    for line in b.banner:
        s.text(line, _sizes("banner", width), bold=True, max_lines=2)
    s.rule(2, 8)
    s.space(6)
    full, least = name_sizes(width)
    one_line = [x for x in range(full, least - 1, -2)]
    _font, lines = fit_text(b.name, s.inner, tuple(one_line), True, 1, (b.name,))
    if len(lines) == 1:
        s.text(b.name, one_line, bold=True, max_lines=1, keep=(b.name,))
    else:
        s.text(b.name, [full, *range(full - 4, least - 1, -4)], bold=True, max_lines=2, gap=2)
    s.space(4)
    # position and unit apart: the position, a short rule, then the unit
    s.text(b.position, _sizes("body", width), max_lines=2)
    if b.position and b.unit:
        s.rule(1, 5, inset=s.inner // 3)
    s.text(b.unit, _sizes("body", width), max_lines=3)
    s.space(10)
    s.band(b.band, _sizes("band", width))
    s.picture(qr_image(b.token, module_dots(width)))
    s.text(f"Mã: {b.human_code}", _sizes("code", width), bold=True)
    note = f"Số {b.delegate_id:04d}" + (f" · thẻ in lại lần {b.version}" if b.version > 1 else "")
    s.text(note, _sizes("small", width))
    s.text(b.footer, _sizes("small", width))
    s.space(12)
    return s
