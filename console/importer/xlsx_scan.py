"""Look at an .xlsx before reading it: sizes, the sheet's declared and real extent, its merges.

A 6 KB file can declare a merge over a whole sheet (`A30:XFD20000`) or hold a
million rows; openpyxl asked to load it builds every cell first. So the zip's
declared sizes are checked, then each sheet's XML is streamed once through
expat (no tree, no cells kept) to learn how many rows and columns really hold
a value and which ranges are merged, stopping as soon as a limit is crossed.
Only then are the cells read, in openpyxl's read-only mode, bounded by what
the scan found, and merges are clamped to the used range.

Any refusal is a `UserError` with one sentence: what, where, what to do.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.parsers import expat

from console.ground.errors import UserError

MAX_ROWS = 20_000  # rows holding a value, per sheet (a national congress list is a few thousand)
MAX_COLS = 200  # a list has 10–30 columns; a value past column GR is a stray cell or a trick
MAX_CELLS = 1_000_000  # cells holding a value, per sheet
MAX_MERGES = 20_000
MAX_SHEET_XML = 96 * 1024 * 1024  # uncompressed bytes of one sheet (20,000 rows × 30 columns ≈ 30 MB)
MAX_SHARED_STRINGS = 48 * 1024 * 1024
MAX_OTHER_PART = 16 * 1024 * 1024  # styles, workbook, relationships …
MAX_TOTAL = 192 * 1024 * 1024  # all parts together, uncompressed
MAX_PARTS = 2_000
EXCEL_MAX_ROW, EXCEL_MAX_COL = 1_048_576, 16_384

_REF = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d{1,7})$")
_NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


class _Stop(Exception):
    """A limit crossed mid-scan: carries the sentence."""


@dataclass
class SheetScan:
    name: str
    part: str  # the sheet's XML inside the zip
    declared: str = ""  # the <dimension ref> the file declares, as written
    declared_rows: int = 0
    rows: int = 0  # last row number holding a value
    cols: int = 0  # last column number holding a value
    value_rows: int = 0  # rows holding at least one value
    cells: int = 0  # cells holding a value
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)  # min_row, min_col, max_row, max_col

    def clamped_merges(self) -> list[tuple[int, int, int, int]]:
        """Merges cut to the used range (a merge over whole columns fills only the rows in use)."""
        out = []
        for r0, c0, r1, c1 in self.merges:
            r1, c1 = min(r1, self.rows), min(c1, self.cols)
            if r0 <= r1 and c0 <= c1:
                out.append((r0, c0, r1, c1))
        return out


def _n(x: int) -> str:
    """20000 → '20.000' (Vietnamese thousands)."""
    return f"{x:,}".replace(",", ".")


def col_number(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + (ord(ch) - 64)
    return n


def col_letters(n: int) -> str:
    out = ""
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


_COLS: dict[str, int] = {}  # column letters seen → number (at most 18,278 keys)


def parse_ref(ref: str) -> tuple[int, int] | None:
    """'B12' → (12, 2); None if it is not a cell reference. Called for every value cell: kept cheap."""
    letters = ref.rstrip("0123456789")
    col = _COLS.get(letters)
    digits = ref[len(letters):]
    if col is not None and digits and len(digits) <= 7:
        return int(digits), col
    m = _REF.match(ref.strip())
    if not m:
        return None
    col = col_number(m.group(1))
    if ref == f"{m.group(1)}{m.group(2)}" and m.group(1).isupper():
        _COLS[m.group(1)] = col
    return int(m.group(2)), col


def parse_range(ref: str) -> tuple[int, int, int, int] | None:
    """'A30:XFD20000' → (30, 1, 20000, 16384); whole columns 'A:A' and rows '3:3' too."""
    ref = ref.strip()
    a, _, b = ref.partition(":")
    b = b or a
    if re.fullmatch(r"\$?[A-Za-z]{1,3}", a) and re.fullmatch(r"\$?[A-Za-z]{1,3}", b):  # whole columns
        c0, c1 = col_number(a.strip("$")), col_number(b.strip("$"))
        return 1, min(c0, c1), EXCEL_MAX_ROW, max(c0, c1)
    if re.fullmatch(r"\$?\d{1,7}", a) and re.fullmatch(r"\$?\d{1,7}", b):  # whole rows
        r0, r1 = int(a.strip("$")), int(b.strip("$"))
        return min(r0, r1), 1, max(r0, r1), EXCEL_MAX_COL
    p, q = parse_ref(a), parse_ref(b)
    if p is None or q is None:
        return None
    return min(p[0], q[0]), min(p[1], q[1]), max(p[0], q[0]), max(p[1], q[1])


# --- the zip ------------------------------------------------------------------------

def check_parts(zf: zipfile.ZipFile, source: str) -> None:
    """Declared uncompressed sizes within bounds (zipfile never inflates a part past its declared size)."""
    infos = zf.infolist()
    if len(infos) > MAX_PARTS:
        raise UserError(f"{source} có {len(infos)} phần bên trong, không giống một danh sách Excel. "
                        "Hãy mở bằng Excel/LibreOffice, lưu lại dạng .xlsx rồi nhập lại.")
    total = 0
    for info in infos:
        name = info.filename.lower()
        if name.startswith("xl/worksheets/"):
            limit = MAX_SHEET_XML
        elif name.endswith("sharedstrings.xml"):
            limit = MAX_SHARED_STRINGS
        elif name.startswith(("xl/media/", "docprops/thumbnail")) or not name.endswith((".xml", ".rels")):
            continue  # pictures and other parts are never inflated by the import
        else:
            limit = MAX_OTHER_PART
        if info.file_size > limit:
            raise UserError(f"{source}: phần “{info.filename}” giải nén ra {info.file_size // 1_048_576} MB, "
                            f"quá {limit // 1_048_576} MB — tệp quá lớn hoặc bị làm hỏng. "
                            "Hãy chép riêng danh sách sang một tệp .xlsx mới rồi nhập lại.")
        total += info.file_size
    if total > MAX_TOTAL:
        raise UserError(f"{source} giải nén ra {total // 1_048_576} MB, quá {MAX_TOTAL // 1_048_576} MB. "
                        "Hãy chép riêng danh sách sang một tệp .xlsx mới rồi nhập lại.")


def sheet_parts(zf: zipfile.ZipFile, source: str) -> list[tuple[str, str]]:
    """(sheet name, XML part) in workbook order, read from workbook.xml and its relationships."""
    names = _parse_small(zf, "xl/workbook.xml", source, _collect("sheet", ("name", f"{_NS_REL} id")))
    rels = _parse_small(zf, "xl/_rels/workbook.xml.rels", source, _collect("Relationship", ("Id", "Target")))
    targets = {rid: tgt for rid, tgt in rels}
    out = []
    for name, rid in names:
        target = targets.get(rid)
        if not target:
            continue
        part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
        out.append((name, part))
    return out


def _collect(tag: str, attrs: tuple[str, ...]):
    found: list[tuple[str, ...]] = []

    def start(name, a):
        if name.rpartition(" ")[2] == tag:
            found.append(tuple(a.get(k, "") for k in attrs))
    return found, start


def _parse_small(zf: zipfile.ZipFile, part: str, source: str, collector) -> list:
    found, start = collector
    try:
        data = zf.read(part)
    except KeyError:
        raise UserError(f"{source} thiếu phần “{part}”, không phải tệp .xlsx đầy đủ. "
                        "Hãy mở bằng Excel/LibreOffice, lưu lại dạng .xlsx rồi nhập lại.") from None
    parser = _parser(source)
    parser.StartElementHandler = start
    try:
        parser.Parse(data, True)
    except (expat.ExpatError, _Stop):
        raise UserError(f"{source}: phần “{part}” hỏng. Hãy mở bằng Excel/LibreOffice, lưu lại dạng .xlsx rồi nhập lại.") from None
    return found


def _parser(source: str):
    parser = expat.ParserCreate(namespace_separator=" ")

    def no_dtd(*_a):  # an .xlsx never carries a DTD: entities are how XML bombs are built
        raise _Stop(f"{source} chứa khai báo DTD/thực thể XML, điều Excel không bao giờ ghi. "
                    "Hãy mở bằng Excel/LibreOffice, lưu lại dạng .xlsx rồi nhập lại.")
    parser.StartDoctypeDeclHandler = no_dtd
    parser.EntityDeclHandler = no_dtd
    return parser


# --- one sheet -----------------------------------------------------------------------

def scan_sheet(zf: zipfile.ZipFile, name: str, part: str, source: str) -> SheetScan:
    """Stream the sheet once: declared size, the real used range, the merges. Stops at the first limit."""
    scan = SheetScan(name, part)
    where = f"{source}, trang “{name}”"
    # One callback per element start and as little work in it as possible: this runs for every
    # cell of a 20,000-row list. The cell's reference is parsed only when it holds a value.
    C, V, IS, ROW = f"{_NS_MAIN} c", f"{_NS_MAIN} v", f"{_NS_MAIN} is", f"{_NS_MAIN} row"
    DIM, MERGE = f"{_NS_MAIN} dimension", f"{_NS_MAIN} mergeCell"
    row_n, col_n, ref_s, is_open, counted_row = 0, 0, None, False, -1

    def start(tag, attrs):
        nonlocal row_n, col_n, ref_s, is_open
        if tag == C:
            ref_s = attrs.get("r")
            col_n += 1  # a cell without a reference follows the one before it
            is_open = True
        elif tag == V or tag == IS:
            if is_open:
                is_open = False  # one value per cell
                _value()
        elif tag == ROW:
            r = attrs.get("r")
            row_n = int(r) if r and r.isdigit() else row_n + 1
            col_n = 0
        elif tag == MERGE:
            rng = parse_range(attrs.get("ref", ""))
            if rng is not None:
                scan.merges.append(rng)
                if len(scan.merges) > MAX_MERGES:
                    raise _Stop(f"{where} có hơn {_n(MAX_MERGES)} vùng gộp ô, không giống một danh sách. "
                                "Hãy bỏ gộp ô (Unmerge) rồi nhập lại.")
        elif tag == DIM:
            scan.declared = attrs.get("ref", "")
            rng = parse_range(scan.declared)
            scan.declared_rows = rng[2] - rng[0] + 1 if rng else 0

    def _value() -> None:
        nonlocal col_n, counted_row
        ref = parse_ref(ref_s) if ref_s else None
        row, col = ref if ref else (row_n, col_n)
        col_n = col
        if row != counted_row:
            counted_row = row
            scan.value_rows += 1
            if scan.value_rows > MAX_ROWS:
                declared = (f" (tệp khai báo {_n(scan.declared_rows)} dòng, vùng {scan.declared})"
                            if scan.declared_rows > MAX_ROWS else "")
                raise _Stop(f"{where} có hơn {_n(MAX_ROWS)} dòng có dữ liệu{declared}, quá giới hạn của một "
                            "danh sách hội nghị. Hãy kiểm tra lại tệp (có thể đã dán nhầm cả một bảng khác).")
        if col > MAX_COLS:
            raise _Stop(f"{where}: ô {col_letters(col)}{row} có dữ liệu, ngoài {MAX_COLS} cột đầu của trang. "
                        "Hãy xóa ô hoặc cột đó (hoặc chép riêng danh sách sang trang mới) rồi nhập lại.")
        scan.cells += 1
        if scan.cells > MAX_CELLS:
            raise _Stop(f"{where} có hơn {_n(MAX_CELLS)} ô có dữ liệu, quá lớn cho một danh sách. "
                        "Hãy chép riêng danh sách sang một tệp mới rồi nhập lại.")
        if row > scan.rows:
            scan.rows = row
        if col > scan.cols:
            scan.cols = col

    _declared_too_many(zf, part, where)
    parser = _parser(source)
    parser.StartElementHandler = start
    read = 0
    try:
        with zf.open(part) as fh:
            while True:
                chunk = fh.read(1 << 20)
                if not chunk:
                    break
                read += len(chunk)
                if read > MAX_SHEET_XML:
                    raise _Stop(f"{where} quá lớn (hơn {MAX_SHEET_XML // 1_048_576} MB dữ liệu). "
                                "Hãy chép riêng danh sách sang một tệp .xlsx mới rồi nhập lại.")
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
    except _Stop as stop:
        raise UserError(str(stop)) from None
    except expat.ExpatError as exc:
        raise UserError(f"{where}: dữ liệu XML hỏng ở dòng {exc.lineno} của phần {part}. "
                        "Hãy mở bằng Excel/LibreOffice, lưu lại dạng .xlsx rồi nhập lại.") from None
    except KeyError:
        raise UserError(f"{source} thiếu trang “{name}” ({part}). Hãy lưu lại tệp rồi nhập lại.") from None
    # Overlapping merges (Excel never writes them) could multiply the filling work: refuse.
    area = sum((r1 - r0 + 1) * (c1 - c0 + 1) for r0, c0, r1, c1 in scan.clamped_merges())
    if area > max(1, scan.rows) * max(1, scan.cols):
        raise UserError(f"{where}: các vùng gộp ô chồng lên nhau, điều Excel không cho phép — tệp bị làm hỏng. "
                        "Hãy bỏ gộp ô (Unmerge) rồi nhập lại.")
    return scan


_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="([^"]{1,40})"')
_ROW_TAG = re.compile(rb"<(?:\w+:)?row[\s>/]")


def _declared_too_many(zf: zipfile.ZipFile, part: str, where: str) -> None:
    """The sheet declares more rows than the limit (<dimension> sits at the top of the XML): confirmed
    by counting its row elements at C speed, and refused before any cell is looked at."""
    try:
        with zf.open(part) as fh:
            head = fh.read(1 << 16)
            m = _DIMENSION.search(head)
            rng = parse_range(m.group(1).decode("ascii", "replace")) if m else None
            if rng is None or rng[2] - rng[0] + 1 <= MAX_ROWS:
                return
            count, tail, read = len(_ROW_TAG.findall(head)), head[-16:], len(head)
            while count <= MAX_ROWS:
                chunk = fh.read(1 << 20)
                if not chunk:
                    return  # declared large, but it holds fewer rows: the full scan decides
                read += len(chunk)
                if read > MAX_SHEET_XML:
                    return  # the full scan says it is too big
                count += len(_ROW_TAG.findall(tail + chunk)) - len(_ROW_TAG.findall(tail))
                tail = chunk[-16:]
    except KeyError:
        return  # the full scan says the part is missing
    declared = m.group(1).decode("ascii", "replace")
    raise UserError(f"{where} khai báo {_n(rng[2] - rng[0] + 1)} dòng (vùng {declared}) và có hơn {_n(MAX_ROWS)} "
                    "dòng, quá giới hạn của một danh sách hội nghị. Hãy kiểm tra lại tệp (có thể đã dán nhầm cả một "
                    "bảng khác); nếu phần lớn là dòng trống đã kẻ khung bên dưới danh sách, hãy xóa các dòng đó rồi "
                    "nhập lại.")



def scan_workbook(path: Path, sheet: str | None = None) -> list[SheetScan]:
    source = Path(path).name
    try:
        with zipfile.ZipFile(path) as zf:
            check_parts(zf, source)
            parts = sheet_parts(zf, source)
            if sheet is not None:
                if sheet not in [n for n, _ in parts]:
                    raise UserError(f"{source} không có trang “{sheet}”. Các trang có: {', '.join(n for n, _ in parts)}.")
                parts = [(n, p) for n, p in parts if n == sheet]
            return [scan_sheet(zf, n, p, source) for n, p in parts]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
        raise UserError(f"{source} không mở được như một tệp Excel .xlsx ({type(exc).__name__}). "
                        "Hãy mở bằng Excel/LibreOffice, lưu lại dạng .xlsx rồi nhập lại.") from None
