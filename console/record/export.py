"""`hoinghi report`: the workbook of the day, and the same tables as csv.

Reading only: the export never writes to the journal, never repairs a torn
tail (the desks do that under the lock); a line still being written, or torn by
a crash, is simply not part of the record yet.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from console.ground.errors import UserError
from console.ground.storage import atomic_write_bytes
from console.record import sheets
from console.record.cells import csv_field
from console.record.workbook import Letterhead, Table, body_code, build, to_bytes


def letterhead(event) -> Letterhead:
    from console.record.bodies import full_name

    s = event.settings
    return Letterhead(full_name(s.parent_unit), full_name(s.unit), s.place_date_line, body_code(s.unit))


def default_name(event) -> str:
    return f"bao-cao-hoi-nghi-{event.settings.date:%Y-%m-%d}.xlsx"


def workbook_bytes(event, tables: list[Table] | None = None) -> bytes:
    tables = tables if tables is not None else sheets.all_tables(event)
    stamp = sheets.as_of(event)
    wb = build(tables, letterhead(event), title=f"Báo cáo {event.settings.name}", stamp=stamp)
    return to_bytes(wb, stamp)


def csv_bytes(table: Table) -> bytes:
    """UTF-8 with BOM, so Excel on Windows shows the Vietnamese letters."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([csv_field(c.csv_header) for c in table.columns])
    writer.writerows([csv_field(v) for v in row] for row in table.rows)
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def write_report(event, out: Path | None = None, csv_dir: Path | None = None) -> tuple[Path, list[Path]]:
    tables = sheets.all_tables(event)
    out = Path(out) if out else event.folder / default_name(event)
    if out.suffix.lower() != ".xlsx":
        raise UserError(f"Tệp báo cáo “{out}” phải có đuôi .xlsx.")
    if not out.parent.is_dir():
        raise UserError(f"Không thấy thư mục {out.parent} để ghi báo cáo. Hãy tạo thư mục trước.")
    data = workbook_bytes(event, tables)
    written_csv: list[Path] = []
    if csv_dir is not None:
        csv_dir = Path(csv_dir)
        try:
            csv_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UserError(f"Không tạo được thư mục {csv_dir}: {exc.strerror}.") from None
    atomic_write_bytes(out, data, mode=0o644)
    if csv_dir is not None:
        for table in tables:
            path = csv_dir / f"{table.key}.csv"
            atomic_write_bytes(path, csv_bytes(table), mode=0o644)
            written_csv.append(path)
    return out, written_csv


def write_paper(event, table: Table, out: Path | None, default: str) -> Path:
    """One paper (the sign-in sheet, the ký nhận list) as its own workbook, in the official form."""
    out = Path(out) if out else event.folder / default
    if out.suffix.lower() != ".xlsx":
        raise UserError(f"Tệp “{out}” phải có đuôi .xlsx.")
    if not out.parent.is_dir():
        raise UserError(f"Không thấy thư mục {out.parent} để ghi tệp. Hãy tạo thư mục trước.")
    atomic_write_bytes(out, workbook_bytes(event, [table]), mode=0o644)
    return out
