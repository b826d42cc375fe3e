"""Find the header of a list by meaning, and tell which kind of list it is.

Official lists put title rows above the header ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA…",
"DANH SÁCH ĐẠI BIỂU…"), sometimes a second header row ("Nam" | "Nữ" under a
merged "Năm sinh"), and a row of column numbers (1, 2, 3…) below.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from console.ground.errors import UserError
from console.ground.text import fold
from console.importer.grid import Grid

ROSTER, AWARDS, SPEECHES = "roster", "awards", "speeches"
KINDS = (ROSTER, AWARDS, SPEECHES)
KIND_LABELS = {ROSTER: "danh sách đại biểu", AWARDS: "danh sách khen thưởng", SPEECHES: "danh sách tham luận"}

# field -> folded header texts meaning it (matched whole, or as the start of the header)
SYNONYMS: dict[str, list[str]] = {
    "stt": ["stt", "tt", "so tt", "so thu tu"],
    "name": ["ho va ten", "ho ten", "ho va ten dai bieu", "ten dai bieu", "dai bieu", "ten"],
    # the family (+ middle) name in its own column, before "Tên" (the given name)
    "family_name": ["ho", "ho dem", "ho va dem", "ho va ten dem", "ho, ten dem", "ho va chu dem", "ho, chu dem",
                    "ho lot", "ho va ten lot"],
    "gender": ["gioi tinh", "gioi", "nam/nu", "nam, nu"],
    "birth": ["nam sinh", "ngay sinh", "ngay thang nam sinh", "ngay, thang, nam sinh", "sinh nam"],
    "male_year": ["nam sinh / nam", "nam"],
    "female_year": ["nam sinh / nu", "nu"],
    "ethnicity": ["dan toc"],
    "position": ["chuc vu", "chuc danh", "chuc vu, chuc danh", "nghe nghiep, chuc vu"],
    "position_unit": ["chuc vu, don vi", "chuc vu, don vi cong tac", "chuc vu, noi cong tac"],
    "unit": ["don vi", "don vi cong tac", "co quan, don vi", "noi cong tac", "co quan"],
    "category": ["thanh phan", "loai dai bieu", "thanh phan dai bieu", "doi tuong", "loai"],
    "title": ["danh hieu", "danh hieu thi dua", "danh hieu dat duoc"],
    "direct": ["truc tiep sx", "truc tiep san xuat", "truc tiep sx, ct", "truc tiep sx ct", "truc tiep lao dong",
               "truc tiep sx, cong tac", "truc tiep san xuat, cong tac", "ld truc tiep"],
    "notes": ["ghi chu"],
    # the organiser's own order of introducing guests (1 first); overrides protocol rank
    "intro_order": ["thu tu gioi thieu", "tt gioi thieu", "thu tu le tan", "thu tu nghi thuc", "thu tu uu tien"],
    # awards
    "recipient": ["ten tap the, ca nhan", "ten tap the ca nhan", "tap the, ca nhan", "ten tap the/ca nhan", "nguoi, tap the duoc khen"],
    "award_form": ["hinh thuc khen thuong", "hinh thuc", "hinh thuc khen"],
    "achievement": ["thanh tich", "thanh tich khen thuong", "ly do khen thuong"],
    "receiver": ["nguoi nhan", "nguoi nhan thay", "dai dien nhan", "nguoi len nhan"],
    "presenter": ["nguoi trao", "lanh dao trao"],
    "amount": ["so tien", "tien thuong", "muc thuong", "so tien thuong", "muc tien thuong", "tien khen thuong",
               "thanh tien"],  # the danh sách ký nhận prints it when the list gives it
    # speeches
    "speech_title": ["ten tham luan", "tham luan", "ten bai tham luan", "noi dung tham luan"],
    "field": ["linh vuc"],
    "minutes": ["thoi luong (phut)", "thoi luong", "thoi gian (phut)", "so phut"],
    "speaker": ["nguoi trinh bay", "dai bieu trinh bay", "nguoi tham luan"],
}

# Header keys are folded (y→i: "Ngày sinh" → "ngai sinh"), so the synonyms must be too.
_FOLDED_SYNONYMS: dict[str, list[str]] = {fld: [fold(w) for w in words] for fld, words in SYNONYMS.items()}
_BIRTH_PARENTS = tuple(fold(w) for w in ("nam sinh", "ngay sinh", "gioi"))

KIND_MARKERS = {AWARDS: {"award_form"}, SPEECHES: {"speech_title"}}
# An awards list may give its forms in section rows instead of a column (importer/award_sections.py).
REQUIRED = {ROSTER: {"name"}, AWARDS: set(), SPEECHES: {"speech_title"}}


def _clean_header(text: str) -> str:
    key = fold(text)
    key = re.sub(r"[\n\r]+", " ", key)
    key = re.sub(r"\s*\(\*+\)|\*+$", "", key)
    return key.strip(" :.")


def match_field(header: str) -> str | None:
    key = _clean_header(header)
    if not key:
        return None
    best, best_len = None, 0
    for fld, words in _FOLDED_SYNONYMS.items():
        for w in words:
            if key == w or (len(w) > 4 and key.startswith(w + " ")) or (len(w) > 4 and key.startswith(w + ",")):
                if len(w) > best_len:
                    best, best_len = fld, len(w)
    return best


@dataclass
class Layout:
    grid: Grid
    kind: str
    header_row: int  # index into grid.rows of the (last) header row
    columns: dict[str, int] = field(default_factory=dict)  # field -> 0-based column
    headers: dict[int, str] = field(default_factory=dict)  # column -> header text as written
    data_start: int = 0  # index into grid.rows
    notices: list[str] = field(default_factory=list)  # lines read past (counts, remarks), said in the report

    def col_letter(self, col: int) -> str:
        letters = ""
        n = col + 1
        while n:
            n, r = divmod(n - 1, 26)
            letters = chr(65 + r) + letters
        return letters


def _score(cells: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for i, c in enumerate(cells):
        fld = match_field(c)
        if fld and fld not in found:
            found[fld] = i
    return found


def find_layout(grid: Grid, kind: str | None = None) -> Layout | None:
    best: tuple[int, int, dict[str, int]] | None = None
    for idx, (_row_no, cells) in enumerate(grid.rows[:40]):
        found = _score(cells)
        if len(found) < 2:
            continue
        if best is None or len(found) > len(best[2]):
            best = (idx, _row_no, found)
    if best is None:
        return None
    idx, _row_no, found = best
    header_cells = grid.rows[idx][1]
    headers = {i: c for i, c in enumerate(header_cells) if c}
    data_start = idx + 1
    _split_name(found, header_cells)
    # A second header row: "Nam" | "Nữ" under "Năm sinh", or sub-titles under merged headers.
    if data_start < len(grid.rows):
        sub = grid.rows[data_start][1]
        sub_fields = [fold(c) for c in sub]
        name_parts = [i for i, c in enumerate(sub) if match_field(c) == "family_name"]
        if name_parts and not _has_year(sub):
            # "Họ và tên" merged over "Họ đệm" | "Tên"
            found["family_name"] = name_parts[0]
            headers[name_parts[0]] = sub[name_parts[0]]
            given = [i for i, c in enumerate(sub) if i > name_parts[0] and match_field(c) == "name"]
            if given:
                found["name"] = given[0]
                headers[given[0]] = sub[given[0]]
            _split_name(found, header_cells)
        if name_parts and not _has_year(sub) or (
                any(s in ("nam", "nu") for s in sub_fields) and not _looks_like_data(sub, header_cells, found)):
            for i, s in enumerate(sub_fields):
                parent = fold(header_cells[i]) if i < len(header_cells) else ""
                if i in name_parts or (name_parts and i == found.get("name")):
                    continue
                if s == "nam" and (parent.startswith(_BIRTH_PARENTS) or not parent):
                    found["male_year"] = i
                elif s == "nu" and (parent.startswith(_BIRTH_PARENTS) or not parent):
                    found["female_year"] = i
                elif sub[i] and i not in found.values():
                    fld = match_field(sub[i])
                    if fld and fld not in found:
                        found[fld] = i
                        headers[i] = sub[i]
            # the merged "Năm sinh" over Nam | Nữ holds the years; a separate "Năm sinh" stays
            found.pop("birth", None) if found.get("birth") in (found.get("male_year"), found.get("female_year")) else None
            found.pop("gender", None) if "male_year" in found and found.get("gender") in (found.get("male_year"), found.get("female_year")) else None
            data_start += 1
    # A row of column numbers (1, 2, 3 …) under the header.
    if data_start < len(grid.rows):
        nums = [c for c in grid.rows[data_start][1] if c]
        if nums and all(re.fullmatch(r"\(?\d{1,2}\)?", c) for c in nums) and len(nums) >= 3:
            data_start += 1
    detected = kind or detect_kind(found)
    return Layout(grid, detected, idx, found, headers, data_start)


def _split_name(found: dict[str, int], header_cells: list[str]) -> None:
    """"Họ" | "Tên" in two columns, or one "Họ và tên" merged over both: read them as one name.

    `family_name` then holds the first column and `name` the given name (RowReader joins them).
    """
    col = found.get("name")
    if col is None:
        found.pop("family_name", None)
        return
    if "family_name" in found:
        if found["family_name"] >= col:
            found.pop("family_name")
        return
    if col + 1 < len(header_cells) and header_cells[col + 1] == header_cells[col]:
        found["family_name"], found["name"] = col, col + 1  # the merged header's fill repeats it


def _has_year(cells: list[str]) -> bool:
    return any(re.fullmatch(r"(19|20)\d\d|\d{1,2}[/.-]\d{1,2}[/.-](19|20)\d\d", c) for c in cells)


def _looks_like_data(cells: list[str], header_cells: list[str], found: dict[str, int]) -> bool:
    """A person's row, not a second header: a year or a date, or a name under "Họ và tên"
    (a sub-header row leaves that cell empty or repeats the merged header)."""
    if _has_year(cells):
        return True
    col = found.get("name")
    if col is None or col >= len(cells) or not cells[col]:
        return False
    return cells[col] != (header_cells[col] if col < len(header_cells) else "")


# Columns only a delegate list has; without them, "Tên tập thể, cá nhân" or "Thành tích" is an
# awards list whose forms are given by section rows ("I. BẰNG KHEN CỦA …"), no form column.
_ROSTER_ONLY = {"birth", "male_year", "female_year", "gender", "category", "ethnicity", "direct", "title"}


def detect_kind(found: dict[str, int]) -> str:
    for kind, markers in KIND_MARKERS.items():
        if markers & found.keys():
            return kind
    if {"recipient", "achievement"} & found.keys() and not _ROSTER_ONLY & found.keys():
        return AWARDS
    return ROSTER


def choose_layout(grids: list[Grid], kind: str | None, source: str) -> Layout:
    layouts = [lay for g in grids if (lay := find_layout(g, kind)) is not None]
    if kind:
        layouts = [lay for lay in layouts if REQUIRED[kind] <= lay.columns.keys()] or layouts
    if not layouts:
        raise UserError(
            f"{source}: không tìm thấy dòng tiêu đề cột (ví dụ “STT | Họ và tên | Năm sinh | Đơn vị | Thành phần”). "
            "Hãy kiểm tra tệp có đúng là danh sách đại biểu, khen thưởng hoặc tham luận."
        )
    lay = max(layouts, key=lambda lay: len(lay.columns))
    missing = REQUIRED[lay.kind] - lay.columns.keys()
    if lay.kind == ROSTER and "name" not in lay.columns and "recipient" in lay.columns:
        lay.columns["name"] = lay.columns["recipient"]
        missing = set()
    if missing:
        need = {"name": "“Họ và tên”", "award_form": "“Hình thức khen thưởng”", "speech_title": "“Tên tham luận”"}
        raise UserError(f"{source}: thiếu cột {', '.join(need[m] for m in missing)} cho {KIND_LABELS[lay.kind]}. "
                        "Hãy thêm cột đó vào dòng tiêu đề.")
    return lay
