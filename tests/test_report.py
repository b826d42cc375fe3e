"""The report workbook, checked cell by cell against the journal of a simulated day."""

from __future__ import annotations

import datetime
import io
import os
import shutil
import subprocess
import zipfile
from collections import Counter

import openpyxl
import pytest

from console.door import checkin
from console.door.tokens import make_token
from console.event import Event
from console.ground.clock import parse_iso
from console.ground.text import name_sort_key
from console.record import export, sheets, sources, vote
from console.record.day_words import place_word
from console.record.workbook import MOTTO, SIGN_LEFT, SIGN_RIGHT

AWARDS = [
    {"recipient": "Tổ sản xuất số 2", "unit": "Chi nhánh Điện lực Bắc Lằn", "form": "Bằng khen của Chủ tịch UBND tỉnh",
     "delegate_id": 51, "status": "presented", "proxy_name": None, "batch": 1, "presented_at": "2020-04-15T09:41:00+07:00"},
    {"recipient": "Hoàng Văn Minh", "unit": "UBND xã Nà Mò", "form": "Bằng khen của Ban Chấp hành LĐLĐ tỉnh",
     "delegate_id": 60, "status": "proxy", "proxy_name": "Lý Thị Hoa", "batch": 2, "presented_at": "2020-04-15T09:47:00+07:00"},
    {"recipient": "Nông Thị Lan", "unit": "Trường THCS Nà Lương", "form": "Giấy khen của LĐLĐ huyện",
     "delegate_id": 61, "status": "later", "proxy_name": None, "batch": None, "presented_at": None},
    {"recipient": "Đinh Văn Tú", "unit": "HTX Chè Phiêng Luông", "form": "Giấy khen của LĐLĐ huyện",
     "delegate_id": 62, "status": "pending", "proxy_name": None, "batch": 3, "presented_at": None},
]
SPEECHES = [
    {"speaker": "Mã Thị Hồng", "unit": "Trạm Y tế xã Bản Lằn", "title": "Đổi mới chăm sóc sức khỏe ban đầu",
     "field": "Công tác", "planned_minutes": 7, "actual_minutes": 8.5, "status": "given"},
    {"speaker": "Lương Văn Tài", "unit": "Công ty TNHH Chè Phiêng Luông", "title": "Sáng kiến chế biến chè",
     "field": "Sản xuất", "planned_minutes": 7, "actual_minutes": 6, "status": "given"},
    {"speaker": "Hà Thị Mai", "unit": "Trường Tiểu học Cốc Phia", "title": "Dạy học vùng cao",
     "field": "Học tập", "planned_minutes": 7, "actual_minutes": None, "status": "dropped"},
    {"speaker": "Triệu Thị Đào", "unit": "HTX Dệt thổ cẩm Bản Lằn", "title": "Phát biểu hưởng ứng phong trào thi đua",
     "field": "", "planned_minutes": 5, "actual_minutes": 4, "status": "given", "segment": "huong_ung",
     "response": True},
]
TIMINGS = [
    {"position": "2", "title": "Tuyên bố lý do, giới thiệu đại biểu và khai mạc", "kind": "segment", "key": "khai_mac",
     "planned_start": "2020-04-15T07:30:00+07:00", "planned_minutes": 10, "actual_start": "2020-04-15T07:32:00+07:00",
     "actual_end": "2020-04-15T07:44:00+07:00", "actual_minutes": 12.0, "status": "done"},
    {"position": "4", "title": "Tham luận của các điển hình tiên tiến", "kind": "segment", "key": "tham_luan",
     "planned_start": "2020-04-15T08:10:00+07:00", "planned_minutes": 45, "actual_start": "2020-04-15T08:14:00+07:00",
     "actual_end": "2020-04-15T08:30:00+07:00", "actual_minutes": 16.0, "status": "done"},
    {"position": "4.1", "title": "Mã Thị Hồng", "kind": "substep", "planned_start": "2020-04-15T08:10:00+07:00",
     "planned_minutes": 7, "actual_start": "2020-04-15T08:14:00+07:00", "actual_end": "2020-04-15T08:22:30+07:00",
     "actual_minutes": 8.5, "status": "done"},
    {"position": "9", "title": "Thông qua danh sách đại biểu đi dự Hội nghị, Đại hội cấp trên", "kind": "segment", "key": "thong_qua",
     "planned_start": "2020-04-15T10:40:00+07:00", "planned_minutes": 10, "actual_start": None, "actual_end": None,
     "actual_minutes": None, "status": "pending"},
]
SUMMARY = {"opened_at": "2020-04-15T07:32:00+07:00", "closed_at": "2020-04-15T11:05:00+07:00",
           "planned_end": "2020-04-15T11:00:00+07:00", "projected_end": "2020-04-15T11:05:00+07:00",
           "drift_minutes": 5.0, "current": None}


@pytest.fixture
def patched_sources(monkeypatch):
    monkeypatch.setattr(sources, "awards", lambda event: [dict(a) for a in AWARDS])
    monkeypatch.setattr(sources, "speeches", lambda event: [dict(s) for s in SPEECHES])
    monkeypatch.setattr(sources, "timings", lambda event: [dict(t) for t in TIMINGS])
    monkeypatch.setattr(sources, "day_summary", lambda event: dict(SUMMARY))


def simulate_day(event, clock, *, with_vote: bool = True) -> dict:
    """A morning at the door: scans, name look-ups, a walk-in, a check-out, an undo, the vote."""
    everyone = event.delegates()
    exemplary = sorted(i for i, d in everyone.items() if d.exemplary)
    guests = sorted(i for i, d in everyone.items() if not d.exemplary)
    came = exemplary[:90] + guests[:25]
    for n, i in enumerate(came):
        clock.advance(seconds=9)
        if n % 3:
            result = checkin.scan(event, make_token(event.secret, i, 1), desk="ban-1" if n % 2 else "ban-2")
        else:
            result = checkin.checkin_delegate(event, i, desk="ban-2")
        assert result.result == checkin.CHECKED_IN, result.message
    clock.advance(minutes=2)
    walk = checkin.register_walk_in(event, name="Triệu Văn Khách", unit="Xã Nà Mò", category="khach_moi",
                                    gender="nam", birth_year=1970, desk="ban-1")
    undone, left = guests[0], exemplary[1]
    clock.advance(minutes=1)
    checkin.undo_checkin(event, undone, "quét nhầm thẻ", desk="ban-2")
    clock.advance(minutes=30)
    checkin.checkout(event, left, desk="ban-1")
    facts = {"came": came, "walk_in": walk.delegate.id, "undone": undone, "left": left,
             "proposed": exemplary[2:8]}
    if with_vote:
        clock.advance(minutes=120)
        vote.propose(event, facts["proposed"], desk="thu-ky")
        clock.advance(minutes=2)
        voters = vote.rules_from_settings(event.settings).counts(event)[0]  # guests do not vote (charter)
        facts["ballot"] = vote.record(event, voters - 10, 6, 4, desk="thu-ky")
    return facts


def _load(data: bytes, tmp_path, name="r.xlsx"):
    path = tmp_path / name
    path.write_bytes(data)
    return openpyxl.load_workbook(path)


def _table(ws, header_text="STT"):
    """Rows of the data table: from below the header to the first empty STT cell."""
    start = None
    for row in ws.iter_rows(min_col=1, max_col=1):
        if row[0].value == header_text:
            start = row[0].row
            break
    assert start is not None
    first = start + 1
    if ws.cell(first, 1).value is None:  # a two-row header ("Năm sinh" over "Nam" / "Nữ")
        first += 1
    rows = []
    r = first
    while ws.cell(r, 1).value not in (None, ""):
        rows.append([c.value for c in ws[r]])
        r += 1
    return [c.value for c in ws[start]], rows


def test_workbook_matches_the_journal_of_the_day(demo_event, clock, patched_sources, tmp_path):
    facts = simulate_day(demo_event, clock)
    wb = _load(export.workbook_bytes(demo_event), tmp_path)
    assert wb.sheetnames == ["Điểm danh", "Cơ cấu", "Khen thưởng", "Trao sau", "Ký nhận", "Tham luận", "Thời gian",
                             "DS đi dự cấp trên", "Nhật ký"]

    # --- Attendance: every delegate once, in Vietnamese name order ---
    ws = wb["Điểm danh"]
    assert ws["A1"].value == "LIÊN ĐOÀN LAO ĐỘNG TỈNH BẮC KẠN" and ws["A2"].value == "LIÊN ĐOÀN LAO ĐỘNG HUYỆN NÀ LƯƠNG"
    assert ws["A3"].value == "Số: ……/DS-LĐLĐ"
    motto = [c.value for row in ws.iter_rows(max_row=3) for c in row if c.value]
    assert MOTTO[0] in motto and MOTTO[1] in motto and "Nà Lương, ngày 15 tháng 04 năm 2020" in motto
    _, rows = _table(ws)
    everyone = demo_event.delegates()
    assert len(rows) == len(everyone) == 141
    assert [r[0] for r in rows] == list(range(1, 142))
    by_code = {r[7]: r for r in rows}
    names = [r[1] for r in rows]
    assert names == [d.name for d in sorted(everyone.values(), key=lambda d: (name_sort_key(d.name), d.id))]
    status = Counter(r[8] for r in rows)
    attended = set(facts["came"]) - {facts["undone"]} | {facts["walk_in"]}
    assert status["Có mặt"] == len(attended) - 1 == len(demo_event.day.present)
    assert status["Đã đến, đã ra về"] == 1
    assert status["Vắng"] == 141 - len(attended)
    # check-in time and desk as in the journal
    for e in demo_event.journal.entries:
        if e.kind == "checkin" and e.data["delegate_id"] != facts["undone"]:
            row = by_code[f"{e.data['delegate_id']:04d}"]
            assert row[9] == parse_iso(e.at).strftime("%d/%m/%Y %H:%M") and row[10] == place_word(e.desk)
    walk = by_code[f"{facts['walk_in']:04d}"]
    assert walk[1] == "Triệu Văn Khách" and walk[2] == 1970 and walk[3] in (None, "") and "Khách vãng lai" in walk[11]
    und = by_code[f"{facts['undone']:04d}"]
    assert und[8] == "Vắng" and und[9] in (None, "") and "Đã hủy điểm danh (quét nhầm thẻ)" in und[11]
    left = by_code[f"{facts['left']:04d}"]
    assert left[8] == "Đã đến, đã ra về" and left[11].startswith("Ra lúc ")
    for r in rows:  # Nam / Nữ columns: the birth year sits under the gender
        d = everyone[int(r[7])]
        if d.gender == "nu":
            assert r[3] == d.birth_year and r[2] in (None, "")
        elif d.gender == "nam":
            assert r[2] == d.birth_year and r[3] in (None, "")
    footer = [c.value for row in ws.iter_rows(min_row=150) for c in row if isinstance(c.value, str)]
    assert any(f"Đã đến (đã điểm danh): {len(attended)} đại biểu" in t for t in footer)
    assert SIGN_LEFT in footer and SIGN_RIGHT in footer

    # --- Composition: the list, who came (đã đến), who is in the hall now ---
    ws = wb["Cơ cấu"]
    _, rows = _table(ws)
    reg, pre = demo_event.composition_registered(), demo_event.composition_present()
    got = {r[1]: r for r in rows}
    assert got["Tổng số đại biểu"][2:7:2] == [reg.total, len(attended), pre.total]
    ex = got["Đại biểu điển hình tiên tiến"]
    assert ex[2] == reg.exemplary and ex[4] == 90 and ex[6] == pre.exemplary == 89
    assert ex[7] == "78,1 %" and ex[9] == "Đạt"  # 89 of 114 = 78,07 %, to the nearest tenth
    assert got["Khách mời"][6] == pre.guests == 25
    assert got["Nữ"][6] == pre.women and got["Dân tộc thiểu số"][6] == pre.minorities
    assert got["Trực tiếp sản xuất, công tác"][6] == pre.direct_production
    assert got["Không giữ chức vụ lãnh đạo, quản lý"][2] == reg.non_leadership

    # --- Awards, Speeches, Timings: from the ceremony and agenda modules ---
    _, rows = _table(wb["Khen thưởng"])
    assert [r[5] for r in rows] == ["Đã trao", "Nhận thay", "Chưa trao"]
    assert rows[1][6] == "Lý Thị Hoa (nhận thay)" and rows[0][7] == "15/04/2020 09:41"
    _, rows = _table(wb["Trao sau"])
    assert [r[1] for r in rows] == ["Nông Thị Lan"]
    _, rows = _table(wb["Tham luận"])
    assert [(r[1], r[5], r[6], r[7]) for r in rows] == [
        ("Mã Thị Hồng", 7, "8,5", "Đã trình bày"), ("Lương Văn Tài", 7, 6, "Đã trình bày"),
        ("Hà Thị Mai", 7, None, "Không trình bày"), ("Triệu Thị Đào", 5, 4, "Đã trình bày")]
    texts = " ".join(str(c.value) for row in wb["Tham luận"].iter_rows() for c in row if c.value)
    assert "Số tham luận đã trình bày: 2/3; phát biểu hưởng ứng: 1" in texts  # the response is not a tham luận
    _, rows = _table(wb["Thời gian"])
    assert rows[0][1:] == ["Tuyên bố lý do, giới thiệu đại biểu và khai mạc", "07:30", 10, "07:32", "07:44", 12, 2, "Đã xong"]
    assert rows[2][1].startswith("   – ") and rows[3][8] == "Chưa diễn ra"

    # --- The approved list for the higher level ---
    ws = wb["DS đi dự cấp trên"]
    assert ws["A5"].value == "DANH SÁCH ĐẠI BIỂU ĐI DỰ HỘI NGHỊ, ĐẠI HỘI CẤP TRÊN"
    _, rows = _table(ws)
    assert sorted(r[1] for r in rows) == sorted(everyone[i].name for i in facts["proposed"])
    texts = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    b = facts["ballot"]
    assert any(f"tán thành {b.votes_for}/{b.present} " in t and "Thông qua" in t for t in texts)

    # --- The journal, readable, one row per line ---
    _, rows = _table(wb["Nhật ký"])
    assert len(rows) == len(demo_event.journal.entries)
    actions = Counter(r[3].split(" (")[0].split(" —")[0] for r in rows)
    assert actions["Điểm danh"] == len(facts["came"]) + 1
    assert actions["Đăng ký khách vãng lai"] == 1 and actions["Rời hội trường"] == 1
    assert any(r[3] == "Hủy điểm danh — lý do: quét nhầm thẻ" for r in rows)
    assert rows[-1][3].startswith(f"Biểu quyết danh sách đi dự cấp trên: tán thành {facts['ballot'].votes_for}")


def test_reexport_is_byte_identical_and_stamped_from_the_journal(demo_event, demo_dir, clock, patched_sources, tmp_path):
    simulate_day(demo_event, clock)
    first = export.workbook_bytes(demo_event)
    again = export.workbook_bytes(Event(demo_dir, desk="khac"))  # another process, later
    assert first == again
    wb = _load(first, tmp_path)
    last = parse_iso(demo_event.journal.entries[-1].at)
    assert wb.properties.modified == last.astimezone(datetime.UTC).replace(tzinfo=None, microsecond=0)
    assert wb.properties.creator == "hoinghi"
    # no member of the zip carries the wall clock (openpyxl stamps temp files and strings with "now")
    with zipfile.ZipFile(io.BytesIO(first)) as zf:
        t = last.timetuple()
        assert {i.date_time for i in zf.infolist()} == {(*t[:5], t[5] // 2 * 2)}  # zip keeps even seconds


def test_export_after_a_crash_mid_day_is_consistent(demo_event, demo_dir, clock, patched_sources, tmp_path):
    simulate_day(demo_event, clock, with_vote=False)
    before = export.workbook_bytes(Event(demo_dir))
    journal = demo_dir / "journal.jsonl"
    size = journal.stat().st_size
    with open(journal, "ab") as fh:  # the machine died while writing a check-in
        fh.write(b'{"n":999,"id":"torn","at":"2020-04-15T09:00:00.000+07:00","desk":"ban-1","kind":"chec')
    after_event = Event(demo_dir)
    after = export.workbook_bytes(after_event)
    assert after == before  # the unacknowledged line is not part of the record
    assert journal.stat().st_size > size  # and the export, a reader, left the file alone
    wb = _load(after, tmp_path)
    _, rows = _table(wb["Nhật ký"])
    assert len(rows) == len(after_event.journal.entries)
    # the desks carry on: the next write cuts the torn tail aside, and the report follows
    clock.advance(minutes=1)
    desk = Event(demo_dir, desk="ban-1", clock=clock)
    absent = next(i for i in desk.delegates() if i not in desk.day.first_checkin)
    checkin.checkin_delegate(desk, absent)
    wb = _load(export.workbook_bytes(Event(demo_dir)), tmp_path, "after.xlsx")
    _, rows = _table(wb["Điểm danh"])
    assert sum(r[8] == "Có mặt" for r in rows) == len(desk.day.present)


def test_empty_day_and_missing_modules_still_export(demo_event, tmp_path):
    wb = _load(export.workbook_bytes(demo_event), tmp_path)
    ws = wb["Khen thưởng"]
    statuses = [row[5] for row in ws.iter_rows(min_row=9, values_only=True) if isinstance(row[0], int)]
    assert statuses and "Trao sau" not in statuses  # nothing is "deliver later" before the ceremony
    assert wb["DS đi dự cấp trên"]["A5"].value.startswith("DỰ KIẾN")
    # stamped from the last journal line (the demo's last list import), never from "now"
    assert demo_event.journal.entries[-1].kind in ("roster_import", "ceremony_import")
    last = parse_iso(demo_event.journal.entries[-1].at).astimezone(datetime.UTC).replace(tzinfo=None, microsecond=0)
    assert wb.properties.modified == last


def test_cli_report_writes_xlsx_and_csv(demo_event, demo_dir, clock, cli, tmp_path):
    simulate_day(demo_event, clock)
    out = tmp_path / "bao-cao.xlsx"
    proc = cli("report", demo_dir, "--out", out, "--csv", tmp_path / "csv")
    assert proc.returncode == 0, proc.stderr
    assert "Đã ghi báo cáo" in proc.stdout and out.exists()
    csv_text = (tmp_path / "csv" / "diem-danh.csv").read_text(encoding="utf-8-sig")
    assert csv_text.splitlines()[0].startswith("STT,Họ và tên,Năm sinh Nam,Năm sinh Nữ")
    assert len(csv_text.splitlines()) == 1 + 141
    assert sorted(p.name for p in (tmp_path / "csv").iterdir()) == sorted(f"{t.key}.csv" for t in sheets.all_tables(demo_event))
    wb = openpyxl.load_workbook(out)
    assert wb["Cơ cấu"]["A5"].value == "BÁO CÁO CƠ CẤU, THÀNH PHẦN ĐẠI BIỂU"
    proc = cli("report", demo_dir)  # a second export, another process, the default name
    assert proc.returncode == 0, proc.stderr
    assert (demo_dir / "bao-cao-hoi-nghi-2020-04-15.xlsx").read_bytes() == out.read_bytes()


def test_cli_report_refuses_a_bad_target(demo_dir, cli, tmp_path):
    proc = cli("report", demo_dir, "--out", tmp_path / "bao-cao.pdf")
    assert proc.returncode == 2 and "phải có đuôi .xlsx" in proc.stderr and "Traceback" not in proc.stderr
    proc = cli("report", demo_dir, "--out", tmp_path / "khong-co" / "r.xlsx")
    assert proc.returncode == 2 and "Không thấy thư mục" in proc.stderr
    assert not list(tmp_path.rglob("*.xlsx"))


@pytest.mark.skipif(not (os.environ.get("HOINGHI_FULL") and shutil.which("soffice")),
                    reason="LibreOffice check only with HOINGHI_FULL=1 and soffice installed")
def test_libreoffice_opens_the_workbook(demo_event, clock, patched_sources, tmp_path):
    simulate_day(demo_event, clock)
    path = tmp_path / "r.xlsx"
    path.write_bytes(export.workbook_bytes(demo_event))
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
                   check=True, capture_output=True, timeout=180)
    assert (tmp_path / "r.pdf").stat().st_size > 10_000


def test_journal_sheet_speaks_sentences_never_internal_codes(demo_event, clock, tmp_path):
    """Agenda moves read as the secretary would write them; a kind nobody taught the record is
    "another operation" with its line number — never "agenda_next", an item key or a list key."""
    from console.agenda import steps

    demo_event.journal.actor = "control"
    steps.start(demo_event)
    clock.advance(minutes=4)
    steps.next_(demo_event)
    demo_event.journal.append("award_presented", {"delegate_id": 12, "batch": 1})
    demo_event.journal.append("zz_custom", {"note": "thử"})
    wb = _load(export.workbook_bytes(demo_event), tmp_path)
    _, rows = _table(wb["Nhật ký"])
    assert rows[0][3].startswith("Nhập danh sách đại biểu từ tệp danh-sach-dai-bieu.xlsx (số dòng 140, thêm 140")
    assert rows[-4][3] == "Bắt đầu chương trình: mục\u00a01: Văn nghệ chào mừng"
    assert rows[-3][3] == "Chuyển sang mục\u00a02: Tuyên bố lý do, giới thiệu đại biểu và khai mạc"
    assert rows[-3][5] == "Điều khiển chương trình"
    name = demo_event.get(12).name
    assert rows[-2][3] == f"Thao tác khác (dòng {rows[-2][0]} của nhật ký gốc)" and rows[-2][4] == f"{name} (0012)"
    assert rows[-1][3] == f"Thao tác khác (dòng {rows[-1][0]} của nhật ký gốc)"
    text = " ".join(str(v) for r in rows for v in r)
    for code in ("agenda_", "award_presented", "zz_custom", "van_nghe", "khai_mac", "control"):
        assert code not in text


def test_same_journal_same_workbook_while_an_item_runs(demo_event, clock):
    """An agenda item still running: the record is as of the last journal line, not 'now'."""
    from console.agenda import steps

    simulate_day(demo_event, clock)
    steps.start(demo_event)
    clock.advance(minutes=3)
    steps.next_(demo_event)
    first = export.workbook_bytes(demo_event)
    clock.advance(minutes=7)  # time passes, nothing happens
    assert export.workbook_bytes(demo_event) == first
