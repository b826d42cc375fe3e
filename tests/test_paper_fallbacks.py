"""Paper fallbacks, as a secretary uses them: the sign-in sheet printed before the day,
the ticks entered afterwards through the CLI (the record stays whole), the ký nhận list."""

from __future__ import annotations

import openpyxl

from console.event import Event
from console.record import paper, sheets
from console.record.paper import amount_value, money
from console.record.workbook import Section
from data import DEMO_DIR


def _rows(path, sheet=None):
    wb = openpyxl.load_workbook(path)
    ws = wb[sheet] if sheet else wb.worksheets[0]
    return ws, [list(r) for r in ws.iter_rows(values_only=True)]


def test_signin_sheet_lists_everyone_once_grouped_by_unit(demo_event, demo_dir, cli, tmp_path):
    out = tmp_path / "ky-ten.xlsx"
    proc = cli("paper", demo_dir, "signin", "--out", out)
    assert proc.returncode == 0, proc.stderr
    ws, rows = _rows(out)
    head = next(i for i, r in enumerate(rows) if r[0] == "STT")
    assert rows[head][:7] == ["STT", "Họ và tên", "Chức vụ", "Thành phần", "Mã", "Ký tên", "Ghi chú"]
    people = [r for r in rows[head + 1:] if isinstance(r[0], int)]
    everyone = demo_event.delegates()
    assert sorted(r[4] for r in people) == sorted(d.code for d in everyone.values())
    assert [r[0] for r in people] == list(range(1, len(everyone) + 1))
    sections = [r[0] for r in rows[head + 1:] if isinstance(r[0], str) and r[0][:1].isdigit() and "người)" in r[0]]
    units = {d.unit for d in everyone.values()}
    assert len(sections) == len(units)
    # each group holds exactly the people of its unit
    by_code = {d.code: d for d in everyone.values()}
    current = None
    for r in rows[head + 1:]:
        if isinstance(r[0], str) and "người)" in str(r[0]):
            current = r[0].split(". ", 1)[1].rsplit(" (", 1)[0]
        elif isinstance(r[0], int):
            assert by_code[r[4]].unit == current
    # room to sign: rows are taller than one line of text
    first = head + 3  # 1-based: the header row is head + 1, then a unit row, then the first person
    assert ws.row_dimensions[first].height >= 26
    assert all(r[5] in (None, "") for r in people)


def test_ticks_entered_afterwards_become_check_ins_with_the_paper_as_source(demo_event, demo_dir, cli, tmp_path):
    out = tmp_path / "ky-ten.xlsx"
    assert cli("paper", demo_dir, "signin", "--out", out).returncode == 0
    wb = openpyxl.load_workbook(out)
    ws = wb["Ký tên"]
    signed = []
    for row in ws.iter_rows():
        if isinstance(row[0].value, int) and row[0].value % 3 == 0:
            row[5].value = "x" if row[0].value % 2 else "đã ký"
            signed.append(row[4].value)
    wb.save(out)
    before = len(Event(demo_dir).journal.entries)
    proc = cli("paper", demo_dir, "enter", "--from", out)
    assert proc.returncode == 0, proc.stderr
    assert f"Đã nhập {len(signed)} người đã ký" in proc.stdout
    ev = Event(demo_dir)
    new = ev.journal.entries[before:]
    assert len(new) == len(signed) and {e.kind for e in new} == {"checkin"}
    assert {e.data["via"] for e in new} == {"paper"} and all("ky-ten.xlsx" in e.data["source"] for e in new)
    assert {f"{i:04d}" for i in ev.day.present} == set(signed)
    # the record is whole: the attendance sheet says where it came from, the composition counts them
    t = sheets.attendance(ev)
    noted = [r for r in t.rows if "Theo danh sách ký tên" in str(r[11])]
    assert len(noted) == len(signed) and all(r[8] == "Có mặt" for r in noted)
    assert ev.composition_present().total == len(signed)
    # a second entry of the same sheet changes nothing
    proc = cli("paper", demo_dir, "enter", "--from", out)
    assert proc.returncode == 0 and "Đã nhập 0 người" in proc.stdout and "giữ nguyên" in proc.stdout
    assert len(Event(demo_dir).journal.entries) == before + len(signed)


def test_a_wrong_code_stops_the_entry_and_writes_nothing(demo_dir, cli):
    before = len(Event(demo_dir).journal.entries)
    proc = cli("paper", demo_dir, "enter", "0001", "0999", "0002")
    assert proc.returncode == 2
    assert "mã thứ 2 (“0999”): không có đại biểu mã 0999 trong danh sách. Không nhập ai" in proc.stderr
    proc = cli("paper", demo_dir, "enter", "12a")
    assert proc.returncode == 2 and "“12a” không phải mã đại biểu" in proc.stderr
    assert "Traceback" not in proc.stderr and len(Event(demo_dir).journal.entries) == before


def test_a_file_that_is_not_a_sign_in_sheet_is_refused(demo_dir, cli, tmp_path):
    bad = tmp_path / "khac.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["Họ và tên", "Đơn vị"])
    wb.save(bad)
    proc = cli("paper", demo_dir, "enter", "--from", bad)
    assert proc.returncode == 2 and "không thấy hàng tiêu đề có cột “Mã” và cột “Ký tên”" in proc.stderr
    (tmp_path / "rac.xlsx").write_bytes(b"not a zip")
    proc = cli("paper", demo_dir, "enter", "--from", tmp_path / "rac.xlsx")
    assert proc.returncode == 2 and "Không đọc được rac.xlsx" in proc.stderr and "Traceback" not in proc.stderr


def test_amounts_are_read_as_offices_write_them():
    assert amount_value("500.000 đ") == 500000 and amount_value("1,000,000") == 1000000
    assert amount_value("300000") == 300000 and amount_value("300000.0") == 300000
    assert amount_value("") is None and amount_value("không") is None
    assert money(12500000) == "12.500.000"


def test_the_receipt_list_goes_by_form_with_amounts_when_the_list_gives_them(demo_dir, cli, tmp_path):
    wb = openpyxl.load_workbook(DEMO_DIR / "khen-thuong.xlsx")
    ws = wb.active
    head = next(r[0].row for r in ws.iter_rows() if r[0].value == "STT")
    ws.cell(head, 8, "Số tiền (đồng)")
    amounts, total = {}, 0
    for r in range(head + 1, ws.max_row + 1):
        if isinstance(ws.cell(r, 1).value, int):
            value = ["500.000 đ", 300000, "1,000,000"][r % 3]
            ws.cell(r, 8, value)
            amounts[ws.cell(r, 2).value] = amount_value(str(value))
            total += amount_value(str(value))
    listed = tmp_path / "khen-thuong-tien.xlsx"
    wb.save(listed)
    proc = cli("import", demo_dir, listed, "--kind", "awards")
    assert proc.returncode == 0, proc.stderr
    out = tmp_path / "ky-nhan.xlsx"
    proc = cli("paper", demo_dir, "receipts", "--out", out)
    assert proc.returncode == 0, proc.stderr
    _, rows = _rows(out)
    head = next(i for i, r in enumerate(rows) if r[0] == "STT")
    assert rows[head][:7] == ["STT", "Tập thể, cá nhân được khen", "Đơn vị", "Số tiền (đồng)", "Người nhận", "Ký nhận",
                              "Ghi chú"]
    people = [r for r in rows[head + 1:] if isinstance(r[0], int)]
    assert {r[1]: amount_value(r[3]) for r in people} == amounts
    forms = [r[0] for r in rows[head + 1:] if isinstance(r[0], str) and r[0][:2] in ("I.", "II", "IV", "V.")]
    assert forms and forms[0].startswith("I. BẰNG KHEN CỦA TỔNG LIÊN ĐOÀN LAO ĐỘNG VIỆT NAM")
    text = " ".join(str(v) for r in rows for v in r if v)
    assert sum(amount_value(r[3]) for r in people) == total
    assert f"Tổng cộng: {money(total)} đồng" in text
    # the collective's representative is named for them to sign
    ev = Event(demo_dir)
    t = paper.receipts_table(ev)
    assert any(isinstance(r[0], Section) for r in t.rows)
