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
    decision: str = ""  # "Quyết định số …, ngày …" of the form
    changed: str = ""  # what changed since the MC was given this batch ("ĐÃ ĐỔI 08:42: …")
    stamp: str = ""  # "In lúc 08:40 ngày 15/04/2020": a reprint is told from the first print

    @classmethod
    def from_dict(cls, data: dict) -> CallSheet:
        people = []
        for a in data.get("awardees", data.get("names", [])):
            people.append(Awardee(a) if isinstance(a, str) else Awardee(**{k: a.get(k, "") for k in ("name", "unit", "proxy", "role")}))
        return cls(batch=data.get("batch", ""), award_form=data.get("award_form", data.get("form", "")),
                   awardees=people, presenter=data.get("presenter", ""), note=data.get("note", ""),
                   decision=data.get("decision", ""), changed=data.get("changed", ""), stamp=data.get("stamp", ""))


def _scale(sizes: list[int], width: int) -> list[int]:
    return sizes if width >= 576 else [max(14, round(x * width / 576)) for x in sizes]


def _batch(s: Slip, c: CallSheet, width: int) -> None:
    s.band(f"ĐỢT {c.batch}" if c.batch != "" else "LÊN SÂN KHẤU", _scale([30, 26], width))
    s.space(6)
    s.text(nfc(c.award_form), _scale([26, 24, 22], width), bold=True, max_lines=3)
    if c.decision:
        s.text(nfc(c.decision), _scale([20, 18], width), max_lines=3)
    if c.changed:
        s.text(nfc(c.changed), _scale([22, 20], width), bold=True, max_lines=4)
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
    if sheet.stamp:
        s.text(nfc(sheet.stamp), _scale([18, 16], width))
    s.space(20)
    return s.render()


# A page of the MC's list: about 20 cm of paper at 203 dpi, what a hand holds (A5 is 21 cm).
PAGE_DOTS = 1600


def _mc_head(s: Slip, title: str, subtitle: str, width: int, page: int = 0, pages: int = 0,
             printed_at: str = "") -> None:
    s.space(10)
    s.text(title, _scale([26, 22], width), bold=True, max_lines=2)
    if pages > 1:
        s.text(f"Tờ {page}/{pages}", _scale([22, 20], width), bold=True)
    s.text(subtitle, _scale([20, 18], width), max_lines=2)
    if printed_at:
        s.text(f"In lúc {printed_at}", _scale([18, 16], width))
    s.space(8)


def mc_pages(batches: list[CallSheet | dict], width: int, *, title: str = "DANH SÁCH KHEN THƯỞNG (MC)",
             subtitle: str = "", page_dots: int = PAGE_DOTS) -> list[list[CallSheet]]:
    """The batches grouped into pages a person can hold: a batch is never split, a page
    takes batches while it stays under `page_dots` (a batch longer than a page has one of its own)."""
    sheets = [b if isinstance(b, CallSheet) else CallSheet.from_dict(b) for b in batches]
    head = Slip(width)
    _mc_head(head, title, subtitle, width, 1, 2, "00:00 01/01/2020")
    base = sum(b.height for b in head.blocks) + 20
    pages: list[list[CallSheet]] = []
    used = base
    for sheet in sheets:
        one = Slip(width)
        _batch(one, sheet, width)
        h = sum(b.height for b in one.blocks)
        if pages and used + h <= page_dots:
            pages[-1].append(sheet)
            used += h
        else:
            pages.append([sheet])
            used = base + h
    return pages


def render_mc_list(batches: list[CallSheet | dict], width: int, *, title: str = "DANH SÁCH KHEN THƯỞNG (MC)",
                   subtitle: str = "", page: int = 0, pages: int = 0, printed_at: str = "") -> Image.Image:
    s = Slip(width)
    _mc_head(s, title, subtitle, width, page, pages, printed_at)
    for b in batches:
        _batch(s, b if isinstance(b, CallSheet) else CallSheet.from_dict(b), width)
    if pages > 1 and page < pages:
        s.text(f"(còn tiếp tờ {page + 1})", _scale([18, 16], width))
    s.space(20)
    return s.render()
