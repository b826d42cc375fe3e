"""Rows of an official delegate list → `Delegate`s, or every problem at once."""

from __future__ import annotations

import re

from console.ground.text import fold, nfc
from console.importer.headers import Layout
from console.importer.rows import Problem, RowReader
from console.people.categories import (
    ACCEPTED_CATEGORY_VALUES,
    EXEMPLARY_INDIVIDUAL,
    category_from_text,
    is_leadership,
    title_from_text,
    truthy_mark,
)
from console.people.entry import shown, text_problem
from console.people.roster import Delegate

MIN_YEAR = 1920


def _year(text: str) -> int | None:
    text = text.strip()
    m = (re.fullmatch(r"(\d{4})", text) or re.fullmatch(r"\d{1,2}[/.-]\d{1,2}[/.-](\d{4})", text)
         or re.fullmatch(r"(\d{4})-\d{1,2}-\d{1,2}", text))  # ISO, as some exports write dates
    return int(m.group(1)) if m else None


def _gender(text: str) -> str | None:
    key = fold(text)
    if key in ("nam", "m", "male", "trai", "nam gioi"):
        return "nam"
    if key in ("nu", "f", "female", "gai", "nu gioi"):
        return "nu"
    return None


def parse_roster(layout: Layout, event_year: int) -> tuple[list[Delegate], list[Problem]]:
    reader = RowReader(layout)
    delegates: list[Delegate] = []
    seen: dict[tuple, int] = {}
    max_year = event_year - 14
    for row_no, cells, section in reader.data_rows():
        name = nfc(reader.get(cells, "name"))
        if not name:
            if any(reader.get(cells, f) for f in ("birth", "male_year", "female_year", "unit", "position")):
                reader.problem(row_no, "name", "", "thiếu họ và tên. Hãy điền họ tên hoặc xóa dòng này.")
            continue
        if re.fullmatch(r"[\d\s.,]+", name):
            reader.problem(row_no, "name", name, "họ và tên là con số. Hãy kiểm tra cột Họ và tên có bị lệch không.")
            continue
        if (why := text_problem("name", name)) is not None:
            reader.problem(row_no, "name", shown(name), why)
            continue

        gender = ""
        birth_year: int | None = None
        male = reader.get(cells, "male_year")
        female = reader.get(cells, "female_year")
        if "male_year" in layout.columns or "female_year" in layout.columns:
            if male and female:
                reader.problem(row_no, "female_year", f"{male} | {female}",
                               "có năm sinh ở cả cột Nam và cột Nữ. Hãy để năm sinh ở đúng một cột.")
                continue
            raw_year, gender = (male, "nam") if male else (female, "nu") if female else ("", "")
            col = "male_year" if male else "female_year"
            if not raw_year or (_year(raw_year) is None and truthy_mark(raw_year)):
                # a tick ("x") in the Nam/Nữ column: the year, if any, is in "Năm sinh"
                raw_year, col = reader.get(cells, "birth"), "birth"
        else:
            raw_year, col = reader.get(cells, "birth"), "birth"
        if raw_year:
            birth_year = _year(raw_year)
            if birth_year is None or not MIN_YEAR <= birth_year <= max_year:
                reader.problem(row_no, col, raw_year,
                               f"năm sinh không hợp lệ. Hãy ghi năm có 4 chữ số, từ {MIN_YEAR} đến {max_year}.")
                continue
        raw_gender = reader.get(cells, "gender")
        if raw_gender:
            g = _gender(raw_gender)
            if g is None:
                reader.problem(row_no, "gender", raw_gender, "giới tính không rõ. Hãy ghi “Nam” hoặc “Nữ”.")
                continue
            gender = g

        title = title_from_text(reader.get(cells, "title")) if reader.get(cells, "title") else ""
        raw_cat = reader.get(cells, "category")
        category = category_from_text(raw_cat) if raw_cat else None
        if raw_cat and category is None:
            reader.problem(row_no, "category", raw_cat, f"thành phần không hợp lệ. Hãy dùng một trong: {ACCEPTED_CATEGORY_VALUES}.")
            continue
        if category is None and section:
            category = category_from_text(section)
        if category is None and title:
            category = EXEMPLARY_INDIVIDUAL
        if category is None:
            reader.problem(row_no, "category" if "category" in layout.columns else "name", raw_cat,
                           f"không xác định được thành phần đại biểu. Hãy thêm cột “Thành phần” với một trong: {ACCEPTED_CATEGORY_VALUES}.")
            continue

        position = nfc(reader.get(cells, "position"))
        unit = nfc(reader.get(cells, "unit"))
        combined = nfc(reader.get(cells, "position_unit"))
        if combined and not (position or unit):
            head, _, tail = combined.partition(",")
            position, unit = head.strip(), tail.strip()
        notes = nfc(reader.get(cells, "notes"))
        bad = next(((f, v, why) for f, v in (("unit", unit), ("position", position), ("notes", notes))
                    if (why := text_problem(f, v)) is not None), None)
        if bad is not None:
            f, v, why = bad
            reader.problem(row_no, f if f in layout.columns else "position_unit", shown(v), why)
            continue
        d = Delegate(
            id=0, name=name, category=category, unit=unit, position=position, gender=gender,
            birth_year=birth_year, ethnicity=nfc(reader.get(cells, "ethnicity")), title=title,
            direct_production=truthy_mark(reader.get(cells, "direct")), leader=is_leadership(position),
            notes=notes, source_row=row_no,
        )
        raw_order = reader.get(cells, "intro_order")
        if raw_order:
            if not re.fullmatch(r"\d{1,3}", raw_order.strip()):
                reader.problem(row_no, "intro_order", raw_order, "thứ tự giới thiệu phải là một số (1 là người được "
                               "giới thiệu đầu tiên). Hãy sửa hoặc để trống để xếp theo chức vụ.")
                continue
            d.extra["intro_order"] = int(raw_order.strip())
        if d.identity in seen:
            reader.problem(row_no, "name", name, f"trùng với dòng {seen[d.identity]} (cùng họ tên, năm sinh, đơn vị). Hãy xóa một dòng.")
            continue
        seen[d.identity] = row_no
        delegates.append(d)
    if not delegates and not reader.problems:
        reader.problems.append(Problem(layout.grid.rows[layout.header_row][0], "", "",
                                       "dưới dòng tiêu đề không có đại biểu nào. Hãy kiểm tra tệp."))
    return delegates, reader.problems
