"""The award certificate (giấy chứng nhận) on a receipt roll.

Takes plain values (`CertificateData`, or a dict with the same keys) so the
ceremony module can print one per awardee from its own tables.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from PIL import Image

from console.ground.text import nfc
from console.printing.canvas import Slip


@dataclass
class CertificateData:
    recipient: str
    award_form: str  # "Bằng khen của Ban Chấp hành LĐLĐ tỉnh"
    reason: str = ""  # the achievement, as the decision words it
    unit: str = ""
    title: str = "GIẤY CHỨNG NHẬN"
    header: list[str] = field(default_factory=list)  # issuing body, banner lines
    place_date: str = ""  # "Nà Lương, ngày 15 tháng 04 năm 2020"
    signer: str = "BAN TỔ CHỨC HỘI NGHỊ"
    decision: str = ""  # "Quyết định số 12/QĐ-LĐLĐ ngày 01/04/2020"

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> CertificateData:
        return cls(**{k: data[k] for k in cls.__dataclass_fields__ if k in data})


def certificate_data(event, *, recipient: str, award_form: str, reason: str = "", unit: str = "",
                     decision: str = "") -> CertificateData:
    s = event.settings
    header = [x for x in (s.parent_unit.upper(), s.unit.upper()) if x]
    return CertificateData(recipient=nfc(recipient), award_form=nfc(award_form), reason=nfc(reason),
                           unit=nfc(unit), header=header, place_date=s.place_date_line, decision=nfc(decision))


def _scale(sizes: list[int], width: int) -> list[int]:
    return sizes if width >= 576 else [max(14, round(x * width / 576)) for x in sizes]


def render_certificate(c: CertificateData | dict, width: int) -> Image.Image:
    if isinstance(c, dict):
        c = CertificateData.from_dict(c)
    s = Slip(width)
    s.space(12)
    for line in c.header:
        s.text(line, _scale([22, 20, 18], width), bold=True, max_lines=2)
    if c.header:
        s.rule(2, 10)
    s.space(8)
    s.text(c.title, _scale([44, 40, 36, 32], width), bold=True, max_lines=2)
    s.space(8)
    s.text("Chứng nhận", _scale([22], width))
    s.space(4)
    s.text(c.recipient, _scale([48, 42, 36, 32, 28], width), bold=True, max_lines=2, gap=2)
    s.text(c.unit, _scale([24, 22, 20], width), max_lines=3)
    s.space(10)
    s.text("Được tặng", _scale([22], width))
    s.text(c.award_form, _scale([26, 24, 22], width), bold=True, max_lines=3)
    if c.reason:
        s.space(6)
        s.text("Đã có thành tích", _scale([22], width))
        s.text(c.reason, _scale([24, 22, 20], width), max_lines=6)
    if c.decision:
        s.space(6)
        s.text(c.decision, _scale([20, 18], width), max_lines=2)
    s.space(16)
    s.text(c.place_date, _scale([22, 20, 18], width), max_lines=2)
    if c.signer:
        s.space(4)
        s.text(c.signer, _scale([22, 20], width), bold=True, max_lines=2)
    s.space(80)  # room for a signature and a stamp
    s.rule(1, 0)
    s.space(12)
    return s.render()
