"""The papers of a whole demo morning, read back: one set of numbers, no internal code anywhere.

The day runs through the real modules (data/demo_day.py: the door, the agenda
stepped item by item, the award batches, the vote), then the workbook and the
Word biên bản are written as a user would (the CLI) and read back cell by cell
and paragraph by paragraph; with LibreOffice installed, also as rendered PDF text.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import openpyxl
import pytest
from docx import Document

from console.event import Event
from console.ground.clock import FakeClock
from data.demo_day import DAY_START, LISTS_IMPORTED, run_day

# What must never reach a paper: snake_case kinds and item keys, sub-step refs, list keys,
# Python's words, a decimal point between digits.
INTERNAL = [
    (re.compile(r"\b[a-z]+_[a-z_]+\b"), "snake_case code"),
    (re.compile(r"\b(speech|batch):"), "sub-step reference"),
    (re.compile(r"\b(None|True|False|nan|null)\b"), "program value"),
    (re.compile(r"\b(control|demo)\b"), "actor or desk code"),
    (re.compile(r"\b(ceremony|agenda|speech|speeches|awards|batch|substep|roster|vote)\b"), "English code word"),
    (re.compile(r"(?<![\w.])\d+\.\d+(?![\w.])"), "decimal point"),
    (re.compile(r"\b(?=[0-9a-f]*[a-f])(?=[0-9a-f]*\d)[0-9a-f]{7,}\b"), "hex key"),
]
ALLOWED = ("journal.jsonl", "hoinghi verify", "danh-sach-dai-bieu.xlsx", "khen-thuong.xlsx", "tham-luan.xlsx")


OUTLINE = re.compile(r"^\s*\d+(\.\d+)+\.?(?=\s|$)", re.M)  # "4.1", an item's number in the first column


def internal_codes(text: str) -> list[str]:
    for allowed in ALLOWED:
        text = text.replace(allowed, "")
    text = OUTLINE.sub("", text)
    text = re.sub(r"\bmục\s\d+(\.\d+)+", "mục", text)
    return [f"{why}: {m.group(0)!r}" for rx, why in INTERNAL for m in rx.finditer(text)]


@pytest.fixture(scope="module")
def day(tmp_path_factory):
    """The demo morning, its workbook and its minutes, once for this module."""
    from console.cli.demo import create_demo
    from tests.conftest import run_cli

    base = tmp_path_factory.mktemp("papers")
    folder = base / "su-kien"
    create_demo(folder, clock=FakeClock(LISTS_IMPORTED))
    clock = FakeClock(DAY_START)
    event = Event(folder, desk="ban-1", clock=clock)
    facts = run_day(event, clock)
    for args in (("report", str(folder), "--out", str(base / "bao-cao.xlsx")),
                 ("minutes", str(folder), "--out", str(base / "bien-ban.docx"))):
        done = run_cli(*args)
        assert done.returncode == 0, done.stderr
    return {"event": Event(folder, desk="doc"), "facts": facts, "xlsx": base / "bao-cao.xlsx",
            "docx": base / "bien-ban.docx", "base": base}


def _cells(ws) -> list[str]:
    return [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None]


def _docx_text(path: Path) -> str:
    doc = Document(path)
    parts = [p.text for p in doc.paragraphs]
    parts += [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join(parts)


def test_numbers_agree_across_every_paper(day):
    ev = day["event"]
    wb = openpyxl.load_workbook(day["xlsx"])
    minutes = _docx_text(day["docx"])
    arrived = len(ev.day.first_checkin)
    present = len(ev.day.present)
    everyone = ev.delegates()
    summoned = sum(1 for d in everyone.values() if not d.walk_in)

    # Attendance sheet: one status per person; its counts are the figures
    ws = wb["Điểm danh"]
    head = next(r for r in ws.iter_rows(min_col=1, max_col=1) if r[0].value == "STT")[0].row
    status = Counter(ws.cell(r, 9).value for r in range(head + 2, head + 2 + len(everyone)))
    assert status["Có mặt"] == present and status["Đã đến, đã ra về"] == arrived - present
    assert status["Vắng"] == len(everyone) - arrived
    att_text = " ".join(_cells(ws))
    men = sum(1 for i in ev.day.first_checkin if everyone[i].gender == "nam")
    women = sum(1 for i in ev.day.first_checkin if everyone[i].gender == "nu")
    unknown = arrived - men - women
    sexes = f"nam {men}, nữ {women}" + (f", chưa rõ giới tính {unknown}" if unknown else "")
    assert men + women + unknown == arrived
    arrived_line = f"Đã đến (đã điểm danh): {arrived} đại biểu ({sexes};"
    assert arrived_line in att_text and arrived_line in minutes
    now = re.search(r"đang có mặt lúc (\d\d:\d\d): (\d+)", att_text)
    assert now and int(now.group(2)) == present
    assert f"đang có mặt lúc {now.group(1)}: {present}" in minutes
    summoned_line = f"Tổng số đại biểu triệu tập: {summoned} ("
    assert summoned_line in att_text and summoned_line in minutes

    # Composition sheet: Danh sách / Đã đến / Đang có mặt — the same three numbers
    ws = wb["Cơ cấu"]
    rows = {r[1]: r for r in ws.iter_rows(values_only=True) if r[1]}
    total = rows["Tổng số đại biểu"]
    assert (total[2], total[4], total[6]) == (len(everyone), arrived, present)
    assert any(f"Đang có mặt lúc {now.group(1)}" == str(v) for r in ws.iter_rows(values_only=True) for v in r)
    ex = rows["Đại biểu điển hình tiên tiến"]
    table_line = re.search(r"Đại biểu điển hình tiên tiến\n(\d+)\n([\d,]+ %)", minutes)
    assert table_line and int(table_line.group(1)) == ex[4] and table_line.group(2) == ex[5]
    # nam + nữ (+ chưa rõ) add up to each column's total
    for col in (2, 4, 6):
        assert sum(rows[k][col] for k in rows if k in ("Nữ", "– Nam") or str(k).startswith("– Chưa rõ")) == total[col]
    for label in ("Nữ", "Khách mời", "Dân tộc thiểu số"):
        assert re.search(rf"\n{label}\n{rows[label][4]}\n{re.escape(rows[label][5])}\n", minutes), label

    # The vote: the minutes and the higher-level sheet give the same figures, and say the base
    ballot = re.search(r"đang có mặt (\d+)/(\d+) đại biểu điển hình \(khách mời không biểu quyết\); "
                       r"tán thành (\d+)", minutes)
    assert ballot and int(ballot.group(2)) == sum(1 for d in everyone.values() if d.exemplary)
    hl = " ".join(_cells(wb["DS đi dự cấp trên"]))
    assert f"tán thành {ballot.group(3)}/{ballot.group(1)} đại biểu có mặt" in hl

    # Awards: the Khen thưởng total = given + later + pending, "trao sau" listed apart
    later = [str(r[1]) for r in wb["Trao sau"].iter_rows(values_only=True) if isinstance(r[0], int)]
    aw_text = " ".join(_cells(wb["Khen thưởng"]))
    assert f"trao sau: {len(later)} (danh sách riêng" in aw_text
    for name in later:
        assert name in minutes


def test_no_internal_code_in_any_paper(day):
    wb = openpyxl.load_workbook(day["xlsx"])
    found = {}
    for ws in wb.worksheets:
        bad = internal_codes("\n".join(_cells(ws)))
        if bad:
            found[ws.title] = bad[:5]
    bad = internal_codes(_docx_text(day["docx"]))
    if bad:
        found["biên bản"] = bad[:5]
    assert not found, found


def test_the_check_catches_a_code(day):
    """The grep itself: each kind of leak it is for is caught."""
    for leak in ("Nhập ceremony từ tệp", "agenda_next", "tham_luan/speech:s0b618a", "actor control", "thực tế 4.2 phút", "None",
                 "khóa a2c7dae"):
        assert internal_codes(leak), leak
    assert not internal_codes("Thực tế 4,2 phút; 80,4 %; 15/04/2020 07:31; Bàn 1\n4.2\n   4.3  Nguyễn Văn A")
    assert internal_codes("mất 4.2 phút") and not internal_codes("Chuyển sang mục 4.2: Tham luận")


def _pages(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [p for p in text.split("\f") if p.strip()]


@pytest.mark.skipif(not shutil.which("soffice") or not shutil.which("pdftotext"), reason="LibreOffice not installed")
def test_rendered_papers_look_right_page_by_page(day):
    """Through LibreOffice: no code in the text; every page numbered; no page with only a header row or
    only the signature block; the quốc hiệu on one line."""
    base = day["base"]
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(base), str(day["xlsx"]),
                    str(day["docx"])], check=True, capture_output=True, timeout=180)
    report, minutes = _pages(base / "bao-cao.pdf"), _pages(base / "bien-ban.pdf")
    for name, pages in (("bao-cao", report), ("bien-ban", minutes)):
        bad = internal_codes("\f".join(pages))
        assert not bad, (name, bad[:5])
    for n, page in enumerate(report, start=1):
        assert f"Trang {n}/{len(report)}" in page
        has_rows = re.search(r"^\s*\d+\s+\S", page, re.M) or "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in page
        assert has_rows, f"trang {n} của báo cáo chỉ có dòng tiêu đề hoặc khối chữ ký:\n{page[:400]}"
    assert any("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in line for line in minutes[0].splitlines())
    assert "Số: ……/BB-LĐLĐ" in minutes[0]
    last = minutes[-1]
    assert "THƯ KÝ" in last and "CHỦ TRÌ HỘI NGHỊ" in last
    assert "Biên bản được lập thành" in last, "the signatures went to a page of their own"
    for n, page in enumerate(minutes[1:], start=2):
        assert page.strip().splitlines()[0].strip() == str(n)  # page numbers from the second page
