"""Awards lists whose forms and decisions are written in section rows, not in a column.

    I. BẰNG KHEN CỦA TỔNG LIÊN ĐOÀN LAO ĐỘNG VIỆT NAM (Quyết định số 123/QĐ-TLĐ ngày 10/4/2020)
    1. Tập thể
    …
    II. GIẤY KHEN CỦA BAN CHẤP HÀNH LĐLĐ HUYỆN

A section row names a form when its words are a kind of award (bằng khen, giấy khen, cờ thi
đua, huân chương …); the form then takes the ranking's own spelling ("Bằng khen của Tổng Liên
đoàn Lao động Việt Nam"), not the shouted one. "Quyết định số …, ngày …" is read wherever it is
written: in the section row, or once in the title block above the header for the whole list.
"""

from __future__ import annotations

import re
from datetime import date

from console.ground.text import nfc
from console.people.forms import canonical_form, form_words

_NUMBERING = re.compile(r"^\s*(?:[IVXLCivxlc]+|[A-Ha-h]|\d{1,2})\s*[.)/:\-–]\s*")
_DECISION = re.compile(
    r"(?:quyết\s+định|quyet\s+dinh|qđ|qd)\s*(?:số|so)?\s*[:.]?\s*(?P<no>\d[\w/.\-–]*\w)"
    r"(?:[\s,;]*(?:ngày|ngay)\s*(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*(?P<y>\d{4}))?"
    r"(?:[\s,;]*(?:của|cua)\s+(?P<by>[^()]*?))?\s*(?:\)|$|về việc|ve viec)",
    re.IGNORECASE)


def decision_in(text: str) -> str:
    """"(Quyết định số 123/QĐ-TLĐ ngày 10/4/2020)" → "Quyết định số 123/QĐ-TLĐ ngày 10/04/2020"; "" if none."""
    m = _DECISION.search(nfc(text))
    if not m:
        return ""
    out = f"Quyết định số {m.group('no')}"
    if m.group("y"):
        try:
            out += f" ngày {date(int(m.group('y')), int(m.group('m')), int(m.group('d'))):%d/%m/%Y}"
        except ValueError:
            out += f" ngày {m.group('d')}/{m.group('m')}/{m.group('y')}"
    if m.group("by") and m.group("by").strip(" ,.;"):
        out += f" của {m.group('by').strip(' ,.;')}"
    return out


def _sentence_case(text: str) -> str:
    if text.isupper():
        text = text.lower()
        return text[:1].upper() + text[1:]
    return text


def form_of_section(text: str, ranking: list[str]) -> str:
    """The award form a section row names, in the ranking's spelling when it knows it; "" if none."""
    head = _NUMBERING.sub("", nfc(text))
    head = re.split(r"\s*\(|\s+[-–]\s+(?=quyết|quyet|qđ|qd)", head, maxsplit=1, flags=re.IGNORECASE)[0].strip(" .:;")
    head = _DECISION.sub("", head).strip(" .:;,")
    kind, _words = form_words(head)
    if not kind or len(head.split()) < 2:
        return ""
    return canonical_form(head, ranking) or _sentence_case(head)


def title_decision(layout) -> str:
    """The one decision the title block above the header names for the whole list ("" if none or several)."""
    found = {d for _row, cells in layout.grid.rows[: layout.header_row] for c in cells if c and (d := decision_in(c))}
    return found.pop() if len(found) == 1 else ""
