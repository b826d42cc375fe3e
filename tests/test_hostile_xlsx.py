"""Hostile spreadsheets cost little before they are refused (issue 17; the 20,000-row check of issue 18).

Files are real rosters (the demo's official form) with their sheet XML edited
(`console.bench.hostile`). Memory is measured with tracemalloc (deterministic);
time belongs to the benchmark (`python -m console.bench.hostile`).
"""

from __future__ import annotations

import re
import tracemalloc
import zipfile

import pytest

from console.bench import hostile
from console.ground.errors import UserError
from console.importer import import_file
from console.importer.grid import read_grid
from console.importer.xlsx_scan import MAX_COLS, scan_workbook


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    return tmp_path_factory.mktemp("hostile")


def peak_mb(fn) -> tuple[object, float]:
    tracemalloc.start()
    try:
        try:
            out = fn()
        except UserError as exc:
            out = exc
        return out, tracemalloc.get_traced_memory()[1] / 1_048_576
    finally:
        tracemalloc.stop()


def test_merge_bomb_under_a_short_list_costs_nothing_and_the_list_imports(files, demo_event):
    path = hostile.build("merge_bomb", files)
    assert path.stat().st_size < 12_000
    assert 'ref="A60:XFD20000"' in zipfile.ZipFile(path).read(hostile.SHEET).decode()
    report, mb = peak_mb(lambda: import_file(demo_event, path, dry_run=True))
    assert not isinstance(report, UserError), report
    assert report.rows == 20
    assert mb < 40, f"{mb:.0f} MB for a 10 KB file"


def test_whole_column_merges_still_import(files, demo_event):
    path = hostile.build("whole_columns", files)
    report, mb = peak_mb(lambda: import_file(demo_event, path, dry_run=True))
    assert not isinstance(report, UserError), report
    assert report.rows == 20 and mb < 40
    [scan] = scan_workbook(path)
    assert (1, 14, 1_048_576, 14) in scan.merges  # N1:N1048576 as written …
    assert all(r1 <= scan.rows and c1 <= scan.cols for _, _, r1, c1 in scan.clamped_merges())  # … read clamped


def test_a_million_rows_are_refused_early_with_a_sentence(files):
    path = hostile.build("million_rows", files)
    err, mb = peak_mb(lambda: read_grid(path))
    assert isinstance(err, UserError)
    text = str(err)
    assert "có hơn 20.000 dòng có dữ liệu" in text and "trang “Danh sách”" in text and path.name in text
    assert mb < 60, f"{mb:.0f} MB to refuse"


def test_20017_rows_are_refused_from_the_scan_before_openpyxl_loads_anything(files, monkeypatch):
    path = hostile.build("rows_20017", files)
    import openpyxl

    def never(*a, **k):
        raise AssertionError("the workbook was loaded before the row limit was checked")
    monkeypatch.setattr(openpyxl, "load_workbook", never)
    with pytest.raises(UserError) as err:
        read_grid(path)
    assert "khai báo 20.054 dòng (vùng A1:K20054) và có hơn 20.000 dòng" in str(err.value)
    assert "quá giới hạn" in str(err.value)


def _edit_sheet(files, name: str, edit) -> object:
    base = hostile.build("merge_bomb", files).with_name("base-20.xlsx")
    return hostile._rewrite(base, files / name, lambda xml, out: out.write(edit(xml).encode()))


def test_a_stray_value_far_to_the_right_is_named(files):
    path = _edit_sheet(files, "stray.xlsx", lambda xml: re.sub(
        r'(<row r="12"[^>]*>)', r'\1<c r="XFD12" t="inlineStr"><is><t>x</t></is></c>', xml, count=1))
    # Cells of a row are in column order in a real file; the scan does not depend on it.
    with pytest.raises(UserError) as err:
        read_grid(path)
    assert f"ô XFD12 có dữ liệu, ngoài {MAX_COLS} cột đầu" in str(err.value)


def test_a_lying_dimension_does_not_shrink_or_widen_the_read(files):
    path = _edit_sheet(files, "lying.xlsx", lambda xml: re.sub(r'<dimension ref="[^"]*"/>',
                                                               '<dimension ref="A1:XFD1048576"/>', xml, count=1))
    [grid] = read_grid(path)
    small = _edit_sheet(files, "small.xlsx", lambda xml: re.sub(r'<dimension ref="[^"]*"/>',
                                                                '<dimension ref="A1:A1"/>', xml, count=1))
    [grid2] = read_grid(small)
    assert grid.rows == grid2.rows and len(grid.rows) > 20
    assert max(len(c) for _, c in grid.rows) == 11  # columns A–K, not 16,384


def test_overlapping_merges_are_refused(files):
    path = _edit_sheet(files, "overlap.xlsx", lambda xml: hostile._add_merges(xml, ["A1:K40"] * 30))
    with pytest.raises(UserError) as err:
        read_grid(path)
    assert "chồng lên nhau" in str(err.value)


def test_a_dtd_in_a_sheet_is_refused(files):
    path = _edit_sheet(files, "dtd.xlsx", lambda xml: (
        '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>' + xml))
    with pytest.raises(UserError) as err:
        read_grid(path)
    assert "DTD" in str(err.value)


def test_a_part_declared_huge_is_refused_before_inflating(files):
    base = hostile.build("merge_bomb", files).with_name("base-20.xlsx")
    path = files / "huge-strings.xlsx"
    with zipfile.ZipFile(base) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info, zin.read(info.filename))
        zout.writestr("xl/worksheets/sheet9.xml", b" " * (100 * 1024 * 1024))  # 100 MB of blanks, ~100 KB zipped
    with pytest.raises(UserError) as err:
        read_grid(path)
    assert "giải nén ra 100 MB" in str(err.value)


def test_merged_header_cells_are_still_filled_in_read_only_mode(files):
    # The official form merges STT / Họ và tên over two header rows and Năm sinh over Nam | Nữ.
    base = hostile.build("merge_bomb", files).with_name("base-20.xlsx")
    [grid] = read_grid(base)
    by_row = dict(grid.rows)
    header = next(r for r, cells in grid.rows if "Họ và tên" in cells)
    assert by_row[header][:4] == ["STT", "Họ và tên", "Năm sinh", "Năm sinh"]
    assert by_row[header + 1][:4] == ["STT", "Họ và tên", "Nam", "Nữ"]
