"""The stage call sheet of one award batch, and the MC's list of all batches.

Plain inputs (`CallSheet`, or dicts with the same keys): the ceremony module
builds the batches from the roster's "awards" table and who is present; this
module only lays them out.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PIL import Image

from console.ground.text import nfc
from console.printing.canvas import Slip


@dataclass
class Awardee:
    name: str
    unit: str = ""
    proxy: str = ""  # who receives it on the person's behalf (nhận thay)
    role: str = ""  # how the MC names that person: "Nhận thay" (default) or "Đại diện nhận" for a collective


@dataclass
class CallSheet:
    batch: int | str
    award_form: str
    awardees: list[Awardee] = field(default_factory=list)
    presenter: str = ""  # the leader who presents this batch
    note: str = ""

    @classmethod
    def from_dict(cls, data: dict) -> CallSheet:
        people = []
        for a in data.get("awardees", data.get("names", [])):
            people.append(Awardee(a) if isinstance(a, str) else Awardee(**{k: a.get(k, "") for k in ("name", "unit", "proxy", "role")}))
        return cls(batch=data.get("batch", ""), award_form=data.get("award_form", data.get("form", "")),
                   awardees=people, presenter=data.get("presenter", ""), note=data.get("note", ""))


def _scale(sizes: list[int], width: int) -> list[int]:
    return sizes if width >= 576 else [max(14, round(x * width / 576)) for x in sizes]


def _batch(s: Slip, c: CallSheet, width: int) -> None:
    s.band(f"ĐỢT {c.batch}" if c.batch != "" else "LÊN SÂN KHẤU", _scale([30, 26], width))
    s.space(6)
    s.text(nfc(c.award_form), _scale([26, 24, 22], width), bold=True, max_lines=3)
    if c.presenter:
        s.text(f"Người trao: {nfc(c.presenter)}", _scale([22, 20], width), max_lines=3)
    s.rule(1, 6)
    for i, a in enumerate(c.awardees, 1):
        s.text(f"{i}. {nfc(a.name)}", _scale([28, 26, 24], width), bold=True, align="left", max_lines=2)
        if a.unit:
            s.text(nfc(a.unit), _scale([20, 18], width), align="left", max_lines=2)
        if a.proxy:
            s.text(f"({a.role or 'Nhận thay'}: {nfc(a.proxy)})", _scale([20, 18], width), align="left", max_lines=2)
        s.space(4)
    if c.note:
        s.text(nfc(c.note), _scale([20, 18], width), max_lines=4)
    s.space(10)


def render_callsheet(sheet: CallSheet | dict, width: int, *, title: str = "GỌI LÊN SÂN KHẤU") -> Image.Image:
    if isinstance(sheet, dict):
        sheet = CallSheet.from_dict(sheet)
    s = Slip(width)
    s.space(10)
    s.text(title, _scale([26, 22], width), bold=True)
    s.space(6)
    _batch(s, sheet, width)
    s.space(20)
    return s.render()


def render_mc_list(batches: list[CallSheet | dict], width: int, *, title: str = "DANH SÁCH KHEN THƯỞNG (MC)",
                   subtitle: str = "") -> Image.Image:
    s = Slip(width)
    s.space(10)
    s.text(title, _scale([26, 22], width), bold=True, max_lines=2)
    s.text(subtitle, _scale([20, 18], width), max_lines=2)
    s.space(8)
    for b in batches:
        _batch(s, b if isinstance(b, CallSheet) else CallSheet.from_dict(b), width)
    s.space(20)
    return s.render()
