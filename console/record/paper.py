"""Paper fallbacks: the sign-in sheet (danh sách ký tên), its ticks entered afterwards,
and the sign-for-receipt sheet of the awards (danh sách ký nhận).

A laptop dies, the power fails: the desk falls back to a printed list, one group
per unit, each delegate signing beside their name. Afterwards the secretary
enters who signed — by their codes, or by marking the "Ký tên" column of the
same workbook — and each becomes an ordinary check-in in the journal, with the
paper as its source ("via": "paper"), so the attendance, the composition and
the biên bản stay whole. All or nothing: an unknown code stops the entry with
its row, and nothing is written.
"""

from __future__ import annotations

import re
from pathlib import Path

from console.ground.decision import Decision
from console.ground.errors import UserError
from console.ground.text import collation_key, nfc
from console.people.categories import CATEGORY_SHORT
from console.record import sources
from console.record.workbook import Column, Section, Table

PAPER_VIA = "paper"
SIGN = "Ký tên"


def _unit_key(unit: str) -> tuple:
    return (unit == "", collation_key(unit))


def signin_table(event) -> Table:
    """Everyone on the list, grouped by unit (units in Vietnamese order, people by given name)."""
    everyone = [d for d in event.delegates().values() if not d.walk_in_guest]
    groups: dict[str, list] = {}
    for d in everyone:
        groups.setdefault(d.unit.strip(), []).append(d)
    cols = [Column("STT", 6, align="center"), Column("Họ và tên", 24), Column("Chức vụ", 24),
            Column("Thành phần", 11), Column("Mã", 7, align="center"), Column(SIGN, 22, blank=True),
            Column("Ghi chú", 16, blank=True)]
    rows: list[list] = []
    stt = 0
    for n, unit in enumerate(sorted(groups, key=_unit_key), start=1):
        rows.append([Section(f"{n}. {unit or 'Chưa ghi đơn vị'} ({len(groups[unit])} người)")])
        for d in sorted(groups[unit], key=lambda x: x.sort_key()):
            stt += 1
            rows.append([stt, d.name, d.position, CATEGORY_SHORT.get(d.category, d.category), d.code, "", ""])
    s = event.settings
    footer = [f"Tổng số: {stt} đại biểu triệu tập, {len(groups)} đơn vị. Người đến ký vào cột “{SIGN}”; "
              "người đến muộn ghi giờ đến vào cột “Ghi chú”.",
              "Dùng khi máy điểm danh không dùng được. Sau hội nghị, thư ký nhập lại những người đã ký "
              "(theo mã, hoặc đánh dấu cột “Ký tên” của tệp này) để số liệu của hội nghị đủ và đúng."]
    return Table("ky-ten", "Ký tên", "DANH SÁCH ĐẠI BIỂU KÝ TÊN DỰ HỘI NGHỊ", cols, rows,
                 [s.name, f"Ngày {s.date:%d/%m/%Y}" + (f" — {s.venue}" if s.venue else "")], footer,
                 landscape=False, min_row=26)


# --- the sign-for-receipt sheet ------------------------------------------------------

_DIGITS = re.compile(r"\d+")


def amount_value(text: str) -> int | None:
    """"500.000 đ", "500000", "1,000,000", "500000.0" → whole đồng; None when there is no figure."""
    t = nfc(str(text or "")).strip().lower()
    if not t:
        return None
    # "300000.0" is a spreadsheet's float; "500.000" is five hundred thousand (groups of three)
    t = re.sub(r"[.,]0{1,2}$", "", t) if re.fullmatch(r"\d+[.,]0{1,2}", t) else t
    digits = "".join(_DIGITS.findall(t))
    return int(digits) if digits else None


def money(value: int) -> str:
    """12500000 → "12.500.000" (Vietnamese thousands separator)."""
    return f"{value:,}".replace(",", ".")


def receipts_table(event) -> Table:
    """Awards by form (highest first, as called), who received, the amount when the list gives it."""
    records = sources.receipts(event)
    with_amount = any(r.get("amount") not in (None, "") for r in records)
    cols = [Column("STT", 6, align="center"), Column("Tập thể, cá nhân được khen", 30), Column("Đơn vị", 26)]
    if with_amount:
        cols.append(Column("Số tiền (đồng)", 14, align="right"))
    cols += [Column("Người nhận", 24), Column("Ký nhận", 18, blank=True), Column("Ghi chú", 14)]
    rows: list[list] = []
    forms: dict[str, list[dict]] = {}
    for r in records:
        forms.setdefault(str(r.get("form", "")), []).append(r)
    total = 0
    footer = []
    stt = 0
    roman = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
    for n, (form, items) in enumerate(forms.items()):
        decision = next((str(r["decision"]) for r in items if r.get("decision")), "")
        label = roman[n] if n < len(roman) else str(n + 1)
        rows.append([Section(f"{label}. {form.upper()}" + (f" ({decision})" if decision else "")
                             + f" ({len(items)} khen thưởng)")])
        subtotal = 0
        for r in items:
            stt += 1
            value = amount_value(r.get("amount", ""))
            subtotal += value or 0
            row = [stt, r.get("recipient", ""), r.get("unit", "")]
            if with_amount:
                row.append(money(value) if value is not None else "")
            note = {"later": "Trao sau", "pending": "Chưa trao"}.get(str(r.get("status")), "")
            row += [r.get("receiver", ""), "", note]
            rows.append(row)
        total += subtotal
        if with_amount:
            footer.append(f"{form}: {len(items)} khen thưởng, {money(subtotal)} đồng.")
    if with_amount:
        footer.append(f"Tổng cộng: {money(total)} đồng (bằng chữ: ……………………………………………………).")
    footer.append(f"Tổng số khen thưởng: {stt}. Người nhận thay, nhận cho tập thể ký và ghi rõ họ tên.")
    return Table("ky-nhan", "Ký nhận", "DANH SÁCH KÝ NHẬN KHEN THƯỞNG", cols, rows, [event.settings.name], footer,
                 landscape=True, min_row=30)


# --- entering the ticks afterwards ---------------------------------------------------

def signed_codes(path: Path) -> list[tuple[int, str]]:
    """(row, code) for each row of a filled sign-in workbook whose "Ký tên" cell is marked."""
    import openpyxl

    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError:
        raise UserError(f"Không thấy tệp {path}.") from None
    except Exception as exc:  # noqa: BLE001 — openpyxl raises many kinds for a file that is not a workbook
        raise UserError(f"Không đọc được {path.name} như một bảng tính .xlsx ({type(exc).__name__}). "
                        "Hãy dùng tệp do lệnh “hoinghi paper signin” ghi ra.") from None
    try:
        ws = wb["Ký tên"] if "Ký tên" in wb.sheetnames else wb.worksheets[0]
        code_col = sign_col = None
        out: list[tuple[int, str]] = []
        for r, row in enumerate(ws.iter_rows(values_only=True), start=1):
            cells = [("" if v is None else str(v)).strip() for v in row]
            if code_col is None:
                if "Mã" in cells and SIGN in cells:
                    code_col, sign_col = cells.index("Mã"), cells.index(SIGN)
                continue
            if len(cells) > max(code_col, sign_col) and cells[code_col] and cells[sign_col]:
                out.append((r, cells[code_col]))
        if code_col is None:
            raise UserError(f"{path.name}: không thấy hàng tiêu đề có cột “Mã” và cột “{SIGN}”. "
                            "Hãy dùng tệp do lệnh “hoinghi paper signin” ghi ra.")
        return out
    finally:
        wb.close()


def enter_signed(event, refs: list[tuple[str, str]], *, source: str, desk: str | None = None) -> dict:
    """Check in everyone who signed the paper list, in one journal step.

    `refs`: (where, code) — where is how to name the line in an error ("tệp X, dòng 12"
    or "mã thứ 3"). People already checked in are left as they are and counted.
    """
    def parse(where: str, code: str) -> int:
        digits = code.strip().lstrip("#")
        if not digits.isdigit():
            raise UserError(f"{where}: “{code}” không phải mã đại biểu (4 chữ số, ví dụ 0042). Không nhập ai.")
        return int(digits)

    wanted = [(where, parse(where, code)) for where, code in refs]
    if not wanted:
        raise UserError("Không có ai để nhập: hãy ghi mã những người đã ký, hoặc đánh dấu cột “Ký tên”.")

    def decide(ev) -> Decision[dict]:
        lines, already, seen = [], [], set()
        for where, did in wanted:
            d = ev.get(did)
            if d is None:
                raise UserError(f"{where}: không có đại biểu mã {did:04d} trong danh sách. Không nhập ai; "
                                "hãy sửa mã rồi nhập lại.")
            if did in seen:
                continue
            seen.add(did)
            if did in ev.day.present or did in ev.day.first_checkin:
                already.append(d.name)
                continue
            lines.append(("checkin", {"delegate_id": did, "via": PAPER_VIA, "version": ev.day.version_of(did),
                                      "source": source}))
        return Decision(lines, value={"entered": len(lines), "already": already})

    return event.transact(decide, desk=desk)
