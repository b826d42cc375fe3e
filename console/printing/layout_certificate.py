"""The stage slip of one award (phiếu nhận khen thưởng) on a receipt roll.

Not a certificate: the award itself is the Bằng khen / Giấy khen printed with
its emblem, signature and seal. This strip says who goes up for which award
under which decision, and is handed over with the item on the tray, so its
title and its last line say what it is. (The code keeps the old name
"certificate" for the job kind, which the print queue stores.)

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
    title: str = "PHIẾU NHẬN KHEN THƯỞNG"
    header: list[str] = field(default_factory=list)  # issuing body, banner lines
    place_date: str = ""  # "Nà Lương, ngày 15 tháng 04 năm 2020"
    signer: str = "BAN TỔ CHỨC HỘI NGHỊ"
    receiver: str = ""  # who walks up: the collective's representative, or the proxy (with "nhận thay")
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


SLIP_NOTE = "Phiếu lên nhận khen thưởng tại hội nghị, không thay Bằng khen, Giấy khen."
FIXED_TITLES = {"GIẤY CHỨNG NHẬN": "PHIẾU NHẬN KHEN THƯỞNG"}  # a job queued before the rename


def decision_line(decision: str) -> str:
    """"12/QĐ-LĐLĐ ngày 01/04/2020" or "Quyết định số 12/…" → "Theo Quyết định số 12/QĐ-LĐLĐ ngày 01/04/2020"."""
    text = nfc(decision).strip()
    if not text:
        return ""
    low = text.lower()
    if low.startswith("theo "):
        return text[0].upper() + text[1:]
    if low.startswith("quyết định"):
        rest = text[len("quyết định"):].strip()
        rest = rest[3:].strip() if rest.lower().startswith("số") else rest
        return f"Theo Quyết định số {rest}"
    return f"Theo Quyết định số {text}"


def achievement_line(reason: str) -> str:
    """The achievement once: a list that already writes "Đã có thành tích …" is not prefixed again."""
    text = nfc(reason).strip()
    if not text:
        return ""
    if text.lower().startswith(("đã có thành tích", "có thành tích", "vì đã có", "đã có")):
        return text[0].upper() + text[1:]
    return f"Đã có thành tích {text[0].lower() + text[1:]}"


def _unit_apart(recipient: str, unit: str) -> str:
    """The unit, unless the recipient's name already carries it ("Tổ sản xuất số 2, Chi nhánh …")."""
    from console.ground.text import canonical

    return "" if not unit or canonical(unit) in canonical(recipient) else unit


def render_certificate(c: CertificateData | dict, width: int) -> Image.Image:
    return certificate_slip(c, width).render()


def certificate_slip(c: CertificateData | dict, width: int) -> Slip:
    if isinstance(c, dict):
        c = CertificateData.from_dict(c)
    s = Slip(width)
    s.space(12)
    for line in c.header:
        s.text(line, _scale([22, 20, 18], width), bold=True, max_lines=2, keep=(line,))
    if c.header:
        s.rule(2, 10)
    s.space(8)
    s.text(FIXED_TITLES.get(c.title, c.title), _scale([36, 32, 28], width), bold=True, max_lines=2)
    s.space(10)
    s.text(c.recipient, _scale([44, 40, 36, 32, 28], width), bold=True, max_lines=3, gap=2, keep=(c.recipient,))
    unit = _unit_apart(c.recipient, c.unit)
    if unit:
        s.rule(1, 5, inset=s.inner // 3)
        s.text(unit, _scale([24, 22, 20], width), max_lines=3, keep=(unit,))
    if c.receiver:
        s.text(f"Người lên nhận: {c.receiver}", _scale([22, 20], width), max_lines=2, keep=(c.receiver,))
    s.space(10)
    s.text(c.award_form, _scale([28, 26, 24, 22], width), bold=True, max_lines=3)
    reason = achievement_line(c.reason)
    if reason:
        s.space(6)
        s.text(reason, _scale([22, 20], width), max_lines=6)
    decision = decision_line(c.decision)
    if decision:
        s.space(6)
        s.text(decision, _scale([22, 20, 18], width), max_lines=3)
    s.space(12)
    s.text(c.place_date, _scale([20, 18], width), max_lines=2)
    if c.signer:
        s.text(c.signer, _scale([20, 18], width), bold=True, max_lines=2)
    s.rule(1, 8)
    s.text(SLIP_NOTE, _scale([18, 16], width), max_lines=3)
    s.space(16)
    return s
