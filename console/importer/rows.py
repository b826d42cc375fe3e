"""Shared row handling: problems with row/column, section rows, the footer."""

from __future__ import annotations

import re
from dataclasses import dataclass

from console.ground.text import fold
from console.importer.headers import Layout
from console.importer.notes import is_remark, is_trailer
from console.people.categories import category_from_text, is_collective_name

FOOTER_WORDS = (
    "tong cong", "tong so", "cong:", "nguoi lap", "nguoi lap bieu", "thu truong", "ky ten", "ky, ghi ro",
    "ky va ghi ro", "ghi ro ho ten", "tm. ban", "tm ban", "chu tich", "xac nhan", "noi nhan", "danh sach nay co",
)
_FOOTER_KEYS = tuple(fold(w) for w in FOOTER_WORDS)  # folded like the rows (y→i: "ký tên" → "ki ten")
# "Bắc Kạn, ngày 10 tháng 3 năm 2020" / "…, ngày … tháng … năm …" opens the signature block.
_PLACE_DATE = re.compile(r"\bngai\b[\s\d.…]*\bthang\b[\s\d.…]*\bnam\b")
# "1. Khách mời" in one cell: a numbered section naming a category.
_NUMBERED = re.compile(r"^\s*\d{1,2}[.)]\s*(?=\D)")
_ROMAN = re.compile(r"^(?=[ivxlc]+\.?$)[ivxlc]+\.?$|^[a-h]\.?$")
# "I. ĐẠI BIỂU KHÁCH MỜI", "II - Cá nhân", "A) Tập thể": a numeral and a mark. ("Lý Văn An" and
# "Vi Thị Hoa" start with letters that fold to Roman numerals, but no mark follows them.)
_HEADING = re.compile(r"^([ivxlc]+|[a-h])\s*[.)/:\u2013-]\s*\S")


def _is_heading(text: str) -> bool:
    key = fold(text)
    if _HEADING.match(key):
        return True
    first, _, rest = key.partition(" ")
    return bool(_ROMAN.match(first) and rest and category_from_text(rest))


@dataclass
class Problem:
    row: int
    column: str  # "C (Năm sinh)" or ""
    value: str
    message: str

    def __str__(self) -> str:
        where = f"Dòng {self.row}" + (f", cột {self.column}" if self.column else "")
        shown = f": “{self.value}”" if self.value else ""
        return f"{where}{shown} — {self.message}"


class RowReader:
    """Cell access by field for one layout, and problem reporting."""

    def __init__(self, layout: Layout):
        self.layout = layout
        self.problems: list[Problem] = []
        # every section row read so far, in order ("III. BẰNG KHEN …" then "1. Tập thể": a row's
        # own section is only the last one; an awards list needs the form named before it)
        self.sections: list[str] = []

    def get(self, cells: list[str], fld: str) -> str:
        if fld == "name" and "family_name" in self.layout.columns:
            # "Họ" | "Tên" (or a merged "Họ và tên") over two columns: one name
            return " ".join(p for p in (self._cell(cells, "family_name"), self._cell(cells, "name")) if p)
        return self._cell(cells, fld)

    def _cell(self, cells: list[str], fld: str) -> str:
        col = self.layout.columns.get(fld)
        if col is None or col >= len(cells):
            return ""
        return cells[col].strip()

    def column_name(self, fld: str) -> str:
        col = self.layout.columns.get(fld)
        if col is None:
            return ""
        header = self.layout.headers.get(col, "")
        return f"{self.layout.col_letter(col)} ({header})" if header else self.layout.col_letter(col)

    def problem(self, row: int, fld: str, value: str, message: str) -> None:
        self.problems.append(Problem(row, self.column_name(fld), value, message))

    def data_rows(self):
        """Yield (row number, cells, section text) for the data part, stopping at the footer."""
        section = ""
        held: list[tuple] = []  # rows that look like a count or a remark, until a person's row follows
        for row_no, cells in self.layout.grid.rows[self.layout.data_start:]:
            filled = [c for c in cells if c]
            key = fold(" ".join(filled))
            name = self.get(cells, "name") or self.get(cells, "recipient") or self.get(cells, "speech_title")
            stt = fold(self.get(cells, "stt"))
            distinct = {c for c in filled}
            # A section heading: "I. ĐẠI BIỂU KHÁCH MỜI", merged across, or STT in Roman numerals/letters.
            if len(distinct) == 1 and len(filled) >= 1 and not re.fullmatch(r"\d+", filled[0]) and (
                len(filled) > 1 or _is_heading(filled[0])
                or (_NUMBERED.match(filled[0]) and category_from_text(_NUMBERED.sub("", filled[0])))
            ):
                section = filled[0]
                self.sections.append(section)
                continue
            if stt and _ROMAN.match(stt) and (len(distinct) <= 2):
                section = name or " ".join(c for c in filled if fold(c) != stt)
                self.sections.append(section)
                continue
            if name:
                # A person's row may say "Chủ tịch" or "Xác nhận" in another column: only the
                # name cell itself opening the signature block ends the list.
                head = fold(name).lstrip(" (-–*")
                signed = any(head.startswith(w) for w in _FOOTER_KEYS) or bool(_PLACE_DATE.search(head))
            else:
                signed = any(key.startswith(w) or f" {w}" in f" {key}" for w in _FOOTER_KEYS) or bool(_PLACE_DATE.search(key))
            if signed and not re.fullmatch(r"\d+\.?", stt or "x"):
                break
            if name and self._not_a_person(name, cells):
                held.append((row_no, cells, section, name))
                continue
            for r, c, sec, n in held:  # remarks between people: skipped; anything else is a row
                if is_remark(n):
                    self._skip(r, n, "là dòng ghi chú, không phải một người")
                else:
                    yield r, c, sec
            held = []
            yield row_no, cells, section
        for r, _c, _sec, n in held:  # below the last person: the list's own count, total or remark
            self._skip(r, n, "là dòng tổng số hoặc ghi chú cuối danh sách, không phải một người")

    def _not_a_person(self, name: str, cells: list[str]) -> bool:
        """A count or remark in the name column, on a row that says nothing a person's row says."""
        if not is_trailer(name) or (is_collective_name(name) and not is_remark(name)):
            return False  # "Tổ sản xuất số 2" has a digit and is a team
        said = [self.get(cells, f) for f in ("birth", "male_year", "female_year", "category", "title", "award_form",
                                             "speech_title", "unit", "position", "achievement", "receiver")]
        return not any(said) or is_remark(name) and not any(re.search(r"(19|20)\d\d", x) for x in said if x)

    def _skip(self, row: int, text: str, why: str) -> None:
        self.layout.notices.append(f"Dòng {row}: “{text}” {why}; đã bỏ qua.")
