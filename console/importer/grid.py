"""Read a spreadsheet or CSV into a plain grid of NFC strings with sheet row numbers.

An .xlsx is scanned before it is read (`xlsx_scan`): declared sizes, the
real used range and the merges, refused within bounds of time and memory,
then read in openpyxl's read-only mode. Merged cells are filled with their top-left value (a unit merged down several
rows belongs to each of them; "Năm sinh" merged over "Nam | Nữ" heads both).
CSV comes in UTF-8 (with or without BOM) or Windows cp1258 (whose tone marks
are combining characters, hence NFC), separated by , ; or tab.
"""

from __future__ import annotations

import csv
import io
import unicodedata
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from itertools import islice
from pathlib import Path

from console.ground.errors import UserError
from console.ground.text import nfc
from console.importer.xlsx_scan import MAX_ROWS, SheetScan, scan_workbook

MAX_BYTES = 25 * 1024 * 1024
MAX_CELL = 2_000


_EXCEL_EPOCH = datetime(1899, 12, 30)


@dataclass
class Grid:
    source: str  # file name, for messages
    sheet: str
    rows: list[tuple[int, list[str]]]  # (row number as the user sees it, cells)


def cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "x" if value else ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime) and value.tzinfo is None and value.time() == datetime.min.time():
        serial = (value - _EXCEL_EPOCH).days
        if 1900 <= serial <= 2100:
            # A year typed into a date-formatted cell (1985 shows as 07/06/1905): the year meant.
            return str(serial)
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    text = str(value)
    if len(text) > MAX_CELL:
        text = text[:MAX_CELL]
    return nfc(text)


def read_grid(path: Path, sheet: str | None = None) -> list[Grid]:
    """Every sheet (xlsx) or the one table (csv) in `path` as grids."""
    path = Path(path)
    if not path.is_file():
        raise UserError(f"Không thấy tệp {path}. Hãy kiểm tra đường dẫn.")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise UserError(f"Tệp {path.name} quá lớn ({size // 1_048_576} MB). Danh sách hội nghị không quá vài nghìn dòng; hãy kiểm tra lại tệp.")
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path, sheet)
    if suffix in (".csv", ".txt", ".tsv"):
        return [_read_csv(path)]
    if suffix == ".xls":
        raise UserError(f"{path.name} là tệp Excel cũ (.xls). Hãy mở bằng Excel/LibreOffice và lưu lại dạng .xlsx hoặc .csv rồi nhập lại.")
    raise UserError(f"Không nhận dạng được loại tệp {path.name}. Hãy dùng .xlsx hoặc .csv.")


def _read_xlsx(path: Path, sheet: str | None) -> list[Grid]:
    """Scan first (sizes, used range, merges: cheap, bounded), then read the cells read-only."""
    import openpyxl

    scans = [s for s in scan_workbook(path, sheet) if s.part.startswith("xl/worksheets/")]
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as exc:
        raise UserError(f"{path.name} không mở được như một tệp Excel .xlsx ({type(exc).__name__}). "
                        "Hãy mở bằng Excel/LibreOffice, lưu lại dạng .xlsx rồi nhập lại.") from None
    except Exception as exc:  # openpyxl raises many kinds on malformed files
        raise UserError(f"{path.name} bị hỏng hoặc không phải .xlsx ({type(exc).__name__}). Hãy lưu lại tệp rồi nhập lại.") from None
    try:
        return [_read_sheet(wb, scan, path.name) for scan in scans]
    except UserError:
        raise
    except Exception as exc:  # a part the scan passed but openpyxl cannot read
        raise UserError(f"{path.name} bị hỏng hoặc không phải .xlsx ({type(exc).__name__}). Hãy lưu lại tệp rồi nhập lại.") from None
    finally:
        wb.close()


def _read_sheet(wb, scan: SheetScan, source: str) -> Grid:
    if scan.rows == 0:
        return Grid(source, scan.name, [])
    ws = wb[scan.name]
    # Bounded by what the scan found: a lying <dimension> or a stray far cell cannot widen the read.
    # islice: once the last used row is read, openpyxl is not asked to parse the rest (merges, …).
    rows_in = ws.iter_rows(min_row=1, max_row=scan.rows, min_col=1, max_col=scan.cols, values_only=True)
    table = [[cell_text(v) for v in row] for row in islice(rows_in, scan.rows)]
    for row in table:
        if len(row) < scan.cols:  # openpyxl yields () for a row with no cells at all
            row.extend([""] * (scan.cols - len(row)))
    for r0, c0, r1, c1 in scan.clamped_merges():
        top_left = table[r0 - 1][c0 - 1]
        for r in range(r0 - 1, r1):
            row = table[r]
            for c in range(c0 - 1, c1):
                row[c] = top_left
    rows = [(i, cells) for i, cells in enumerate(table, start=1) if any(cells)]
    return Grid(source, scan.name, rows)


def decode_csv(raw: bytes, name: str) -> str:
    try:
        if raw.startswith(b"\xef\xbb\xbf"):
            return raw[3:].decode("utf-8", errors="strict")
        if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
            return raw.decode("utf-16")
    except UnicodeDecodeError:
        raise UserError(f"{name}: tệp có dấu hiệu mã hóa Unicode nhưng nội dung bị hỏng. Hãy lưu lại tệp CSV dạng UTF-8.") from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1258")
    except UnicodeDecodeError:
        raise UserError(f"{name}: không nhận ra bảng mã (không phải UTF-8 hay Windows-1258). Hãy lưu lại tệp CSV dạng UTF-8.") from None


def _read_csv(path: Path) -> Grid:
    raw = path.read_bytes()
    text = unicodedata.normalize("NFC", decode_csv(raw, path.name))
    if "\x00" in text:
        raise UserError(f"{path.name} chứa dữ liệu nhị phân, không phải CSV. Hãy xuất lại danh sách dạng .csv hoặc .xlsx.")
    sample = text[:20000]
    counts = {d: sample.count(d) for d in (",", ";", "\t")}
    delimiter = max(counts, key=counts.get) if any(counts.values()) else ","
    rows = []
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        for r_idx, row in enumerate(reader, start=1):
            if r_idx > MAX_ROWS:
                raise UserError(f"{path.name} có hơn {MAX_ROWS} dòng, quá giới hạn. Hãy kiểm tra lại tệp.")
            cells = [cell_text(v) for v in row]
            if any(cells):
                rows.append((r_idx, cells))
    except csv.Error as exc:
        raise UserError(f"{path.name}: CSV sai định dạng ({exc}). Hãy mở bằng Excel/LibreOffice và lưu lại.") from None
    return Grid(path.name, "", rows)
