"""The official form of a list, in openpyxl, and a deterministic save.

Every sheet of the report is a `Table` (plain data, built in sheets.py) laid
out here the way organisers' lists look: the parent unit and the unit top
left, the national motto top right, the place and date, the sheet title, a
bordered table with STT and Vietnamese headers (a two-row header when columns
are grouped, as "Năm sinh" over "Nam" / "Nữ"), a footer with the counts and
the signature block.

`save_deterministic` writes the same bytes for the same day: the document
properties and the zip members' timestamps come from a time the caller takes
from the journal, never from the wall clock.
"""

from __future__ import annotations

import io
import math
import zipfile
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.writer.excel import ExcelWriter

from console.record.cells import set_cell

FONT = "Times New Roman"
MOTTO = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
SIGN_LEFT = "NGƯỜI LẬP BIỂU"
SIGN_RIGHT = "TM. BAN TỔ CHỨC"
SIGN_HINT = "(Ký, ghi rõ họ tên)"

_THIN = Side(style="thin", color="000000")
WARN_FONT = Font(name=FONT, size=12, bold=True, color="C00000")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
HEADER_FILL = PatternFill("solid", fgColor="D9E2F3")


@dataclass(frozen=True)
class Column:
    header: str
    width: float = 12
    group: str = ""  # a second-level header: "Năm sinh" over "Nam" and "Nữ"
    align: str = "left"  # left | center | right
    blank: bool = False  # a column to write or sign in by hand: keeps its width though empty

    @property
    def csv_header(self) -> str:
        return f"{self.group} {self.header}" if self.group else self.header


class Section(str):
    """A row that names a group (a unit, an award form) across the whole table, in bold."""


@dataclass
class Table:
    key: str  # file name for the csv export, e.g. "diem-danh"
    sheet: str  # sheet name (≤ 31 characters)
    title: str
    columns: list[Column]
    rows: list[list] = field(default_factory=list)
    subtitles: list[str] = field(default_factory=list)
    footer: list[str] = field(default_factory=list)
    landscape: bool = False
    doc: str = "DS"  # the document type in "Số: …/DS-LĐLĐ": DS (danh sách), BC (báo cáo)
    min_row: float = 0  # a row's least height in points: room for a signature on a paper to sign

    def as_records(self) -> list[dict]:
        heads = [c.csv_header for c in self.columns]
        return [dict(zip(heads, row, strict=False)) for row in self.rows]


@dataclass(frozen=True)
class Letterhead:
    parent_unit: str
    unit: str
    place_date: str
    code: str = ""  # the issuing body's abbreviation, from its short name ("LĐLĐ huyện …" → "LĐLĐ")

    @property
    def body_code(self) -> str:
        """"LĐLĐ huyện Nà Lương" → "LĐLĐ": the issuing body's abbreviation in "Số: …/BC-LĐLĐ"."""
        return self.code or body_code(self.unit)

    def number(self, doc: str) -> str:
        return f"Số: ……/{doc}-{self.body_code}" if self.body_code else "Số: ……"


def body_code(unit: str) -> str:
    """The leading abbreviation of a unit's name (LĐLĐ, CĐCS, CĐ…), else its initials."""
    words = unit.split()
    lead = [w for w in words[:2] if w.isupper() and len(w) > 1]
    if lead:
        return lead[0]
    return "".join(w[0] for w in words if w[:1].isalpha()).upper()[:8]


# A4, in points, less the margins used below (0.5 in left/right, 0.75 in top/bottom, header and footer).
PAGE_PT = {False: (595 - 72, 842 - 108 - 36), True: (842 - 72, 595 - 108 - 36)}


def width_pt(chars: float) -> float:
    """A column width in characters as LibreOffice lays it out on paper (measured: 60 characters = 378 pt)."""
    return chars * 6.3


def fit_width(col: Column, values: list) -> float:
    """Narrow a column to its content, never below its header's longest word nor above its set width."""
    head_words = max((len(w) for w in (col.header.split() or [""])), default=0) + 2
    longest = max((max(len(part) for part in str(v).split("\n")) for v in values if v not in (None, "")), default=0)
    return float(max(head_words, min(col.width, longest + 2), 5))


WARN_VALUES = frozenset({"Chưa đạt"})
LINE_HEIGHT = 15.75  # points, one line of 12 pt Times New Roman


def row_height(values: list, columns: list[Column]) -> float:
    """Enough lines for the longest wrapped cell.

    LibreOffice and Excel do not grow a row for wrapped text in a file that
    does not say the height, so the text would be cut off; estimate it here.
    """
    lines = 1
    for value, col in zip(values, columns, strict=False):
        text = "" if value is None else str(value)
        per_line = max(1, int(col.width * 1.05) - 1)
        need = sum(max(1, math.ceil(len(part) / per_line)) for part in text.split("\n"))
        lines = max(lines, need)
    return LINE_HEIGHT * lines


def _font(size: float = 12, bold: bool = False, italic: bool = False, underline: str | None = None) -> Font:
    return Font(name=FONT, size=size, bold=bold, italic=italic, underline=underline)


def _merge_text(ws, row: int, c1: int, c2: int, value: str, font: Font, horizontal: str = "center",
                height: float | None = None) -> None:
    cell = set_cell(ws, row, c1, value)
    cell.font = font
    cell.alignment = Alignment(horizontal=horizontal, vertical="center", wrap_text=True)
    if c2 > c1:
        ws.merge_cells(start_row=row, start_column=c1, end_row=row, end_column=c2)
    if height:
        ws.row_dimensions[row].height = height


def render(ws, table: Table, head: Letterhead) -> None:
    """Lay one table out on a worksheet in the official form."""
    n = len(table.columns)
    body = [r for r in table.rows if not (r and isinstance(r[0], Section))]
    fitted = [c if c.blank else replace(c, width=fit_width(c, [r[i] if i < len(r) else "" for r in body]))
              for i, c in enumerate(table.columns)]
    table = replace(table, columns=fitted)
    split = _split(table.columns)  # left block: the bodies; right block: the motto
    r_start = split + 1 if n > 1 else 1
    for i, col in enumerate(table.columns, start=1):
        ws.column_dimensions[get_column_letter(i)].width = col.width
    left_w = sum(c.width for c in table.columns[:split])
    right_w = sum(c.width for c in table.columns[split:])

    def lines_in(text: str, chars: float) -> float:
        return row_height([text], [Column("", chars)])

    _merge_text(ws, 1, 1, split, head.parent_unit.upper(), _font(12),
                height=max(lines_in(head.parent_unit, left_w), lines_in(MOTTO[0], right_w)))
    _merge_text(ws, 1, r_start, n, MOTTO[0], _font(12, bold=True))
    _merge_text(ws, 2, 1, split, head.unit.upper(), _font(12, bold=True), height=lines_in(head.unit, left_w))
    _merge_text(ws, 2, r_start, n, MOTTO[1], _font(13, bold=True, underline="single"))
    _merge_text(ws, 3, 1, split, head.number(table.doc), _font(12))
    _merge_text(ws, 3, r_start, n, head.place_date, _font(12, italic=True))

    row = 5
    _merge_text(ws, row, 1, n, table.title, _font(14, bold=True), height=22)
    for line in table.subtitles:
        row += 1
        _merge_text(ws, row, 1, n, line, _font(12, italic=True))
    row += 2

    header_top = row
    grouped = any(c.group for c in table.columns)
    header_rows = 2 if grouped else 1
    head_font = _font(12, bold=True)
    head_align = Alignment(horizontal="center", vertical="center", wrap_text=True)
    i = 0
    while i < n:
        col = table.columns[i]
        c = i + 1
        if grouped and col.group:
            j = i
            while j + 1 < n and table.columns[j + 1].group == col.group:
                j += 1
            top = set_cell(ws, row, c, col.group)
            if j > i:
                ws.merge_cells(start_row=row, start_column=c, end_row=row, end_column=j + 1)
            for k in range(i, j + 1):
                sub = set_cell(ws, row + 1, k + 1, table.columns[k].header)
                sub.font, sub.alignment, sub.fill = head_font, head_align, HEADER_FILL
            top.font, top.alignment, top.fill = head_font, head_align, HEADER_FILL
            i = j + 1
            continue
        cell = set_cell(ws, row, c, col.header)
        cell.font, cell.alignment, cell.fill = head_font, head_align, HEADER_FILL
        if grouped:
            ws.merge_cells(start_row=row, start_column=c, end_row=row + 1, end_column=c)
        i += 1
    if grouped:
        ws.row_dimensions[row + 1].height = row_height([c.header if c.group else "" for c in table.columns], table.columns)
        ws.row_dimensions[row].height = max(LINE_HEIGHT, row_height(
            [c.header if not c.group else "" for c in table.columns], table.columns) - LINE_HEIGHT)
    else:
        ws.row_dimensions[row].height = row_height([c.header for c in table.columns], table.columns)
    for r in range(row, row + header_rows):
        for c in range(1, n + 1):
            ws.cell(row=r, column=c).border = BORDER
            ws.cell(row=r, column=c).fill = HEADER_FILL
    row += header_rows
    ws.freeze_panes = ws.cell(row=row, column=1)
    ws.print_title_rows = f"{header_top}:{row - 1}"

    body_font = _font(12)
    aligns = [Alignment(horizontal=c.align, vertical="center", wrap_text=True) for c in table.columns]
    section_font = _font(12, bold=True)
    for values in table.rows:
        if values and isinstance(values[0], Section):  # "I. BẰNG KHEN CỦA …", "Đơn vị: …": across the table
            _merge_text(ws, row, 1, n, str(values[0]), section_font, horizontal="left",
                        height=row_height([str(values[0])], [Column("", sum(c.width for c in table.columns))]))
            for c in range(1, n + 1):
                ws.cell(row=row, column=c).border = BORDER
            row += 1
            continue
        for c, value in enumerate(values, start=1):
            cell = set_cell(ws, row, c, value)
            cell.font, cell.border, cell.alignment = body_font, BORDER, aligns[c - 1]
            if value in WARN_VALUES:
                cell.font = WARN_FONT
        ws.row_dimensions[row].height = max(table.min_row, row_height(values, table.columns))
        row += 1
    if not table.rows:
        _merge_text(ws, row, 1, n, "(Không có dữ liệu)", _font(12, italic=True))
        for c in range(1, n + 1):
            ws.cell(row=row, column=c).border = BORDER
        row += 1

    last_data = row - 1
    row += 1
    full = Column("", sum(c.width for c in table.columns))
    for line in table.footer:
        _merge_text(ws, row, 1, n, line, _font(12), horizontal="left", height=row_height([line], [full]))
        row += 1
    row += 1
    _merge_text(ws, row, 1, split, SIGN_LEFT, _font(12, bold=True))
    _merge_text(ws, row, r_start, n, SIGN_RIGHT, _font(12, bold=True))
    _merge_text(ws, row + 1, 1, split, SIGN_HINT, _font(11, italic=True))
    _merge_text(ws, row + 1, r_start, n, SIGN_HINT, _font(11, italic=True))
    for blank in range(row + 2, row + 6):  # room for the signatures, then the names
        ws.row_dimensions[blank].height = LINE_HEIGHT
    last = row + 5
    paginate(ws, table, first_data=header_top + header_rows, last_data=last_data, last=last,
             header_rows=(header_top, header_top + header_rows - 1))

    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if table.landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.75
    ws.oddFooter.center.text = "Trang &P/&N"
    ws.oddFooter.center.font = f"{FONT},Italic"
    ws.oddFooter.center.size = 10


def _split(columns: list[Column]) -> int:
    """Where the motto block starts: the column nearest the middle of the width."""
    total = sum(c.width for c in columns)
    acc, best, best_gap = 0.0, 1, total
    for i, c in enumerate(columns[:-1], start=1):
        acc += c.width
        gap = abs(acc - total * 0.45)
        if gap < best_gap:
            best, best_gap = i, gap
    return best if len(columns) > 1 else 1


def _height(ws, r: int) -> float:
    h = ws.row_dimensions[r].height
    return float(h) if h else LINE_HEIGHT


def paginate(ws, table: Table, *, first_data: int, last_data: int, last: int, header_rows: tuple[int, int]) -> None:
    """Manual page breaks where LibreOffice and Excel would otherwise leave a page with only
    a header row or only the signature block (the workbook is fitted to the page width,
    so the page holds 1/scale more points of rows)."""
    from openpyxl.worksheet.pagebreak import Break

    page_w, page_h = PAGE_PT[table.landscape]
    sheet_w = sum(width_pt(c.width) for c in table.columns)
    scale = min(1.0, page_w / sheet_w) if sheet_w else 1.0
    capacity = page_h / scale * 0.97  # a margin for the estimate of wrapped lines
    repeat = sum(_height(ws, r) for r in range(header_rows[0], header_rows[1] + 1))
    tail = sum(_height(ws, r) for r in range(last_data + 1, last + 1))
    used = 0.0
    r = 1
    data_rows = list(range(first_data, last_data + 1))
    while r <= last:
        h = _height(ws, r)
        if used + h > capacity and used > repeat:
            ws.row_breaks.append(Break(id=r - 1))
            used = repeat
        used += h
        if r == last_data and data_rows and used + tail > capacity:
            # The tail would start a page of its own: take the last data rows over with it.
            keep = min(3, len(data_rows) - 1)
            if keep > 0:
                cut = data_rows[-keep]
                ws.row_breaks.brk = [x for x in ws.row_breaks.brk if x.id < cut - 1]
                ws.row_breaks.append(Break(id=cut - 1))
                used = repeat + sum(_height(ws, x) for x in data_rows[-keep:])
        r += 1


def build(tables: list[Table], head: Letterhead, *, title: str, stamp: datetime) -> Workbook:
    wb = Workbook()
    wb.remove(wb.active)
    for table in tables:
        render(wb.create_sheet(table.sheet), table, head)
    props = wb.properties
    utc = stamp.astimezone(UTC).replace(tzinfo=None, microsecond=0)
    props.created = props.modified = utc
    props.creator = props.lastModifiedBy = "hoinghi"
    props.title = title
    return wb


class _FixedTimeZip(zipfile.ZipFile):
    """A zip whose members all carry one given timestamp (openpyxl stamps them with 'now')."""

    fixed_time: tuple = (1980, 1, 1, 0, 0, 0)

    def writestr(self, zinfo_or_arcname, data, compress_type=None, compresslevel=None):
        if not isinstance(zinfo_or_arcname, zipfile.ZipInfo):
            zinfo_or_arcname = zipfile.ZipInfo(zinfo_or_arcname, date_time=self.fixed_time)
            zinfo_or_arcname.compress_type = zipfile.ZIP_DEFLATED
            zinfo_or_arcname.external_attr = 0o600 << 16
        return super().writestr(zinfo_or_arcname, data, compress_type, compresslevel)

    def write(self, filename, arcname=None, compress_type=None, compresslevel=None):
        # openpyxl streams each worksheet through a temporary file, whose mtime would leak in.
        with open(filename, "rb") as fh:
            data = fh.read()
        return self.writestr(str(arcname or filename), data, compress_type, compresslevel)


def to_bytes(wb: Workbook, stamp: datetime) -> bytes:
    """The workbook as xlsx bytes, identical for identical content and stamp."""
    buf = io.BytesIO()
    archive = _FixedTimeZip(buf, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
    archive.fixed_time = (max(1980, stamp.year), stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second)
    # ExcelWriter.save rather than Workbook.save: the latter overwrites `modified` with now().
    ExcelWriter(wb, archive).save()
    return buf.getvalue()
