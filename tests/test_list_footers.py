"""Lists as offices send them: counts, totals and remarks below (or among) the people.

A line that is not a person is skipped with a notice naming its row; the list is never refused for it.
"""

from __future__ import annotations

from datetime import date, time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from console.event import Event, create_event
from console.importer import import_file
from console.importer.notes import is_remark, is_trailer

PEOPLE = [("Đinh Văn Ân", "1980", "Xã Nà Mò", "Cá nhân"), ("Lưu Thị Êm", "1985", "Trường Mầm non Bản Lằn", "Cá nhân"),
          ("Tô Thị Hằng", "1990", "Trường THCS Bản Lằn", "Khách mời"), ("Chu Văn An", "1976", "UBND xã", "Khách mời")]

FOOTERS = [
    "(Danh sách có {n} đại biểu)", "(Có {n} người)", "Tổng cộng: {n} đại biểu", "Tổng số: {n} đồng chí",
    "Cộng: {n}", "Cộng {n} đ/c", "{n}", "({n} người)", "Trong đó: nữ 2, dân tộc thiểu số 3",
    "Ghi chú: đại biểu in nghiêng là dự phòng", "Lưu ý: mang theo thẻ đại biểu", "* Danh sách này gồm {n} người",
    "Danh sách gồm {n} đồng chí", "Ấn định danh sách {n} đại biểu./.", "Tong cong: {n} dai bieu", "Ghi chu: du phong",
    "Số lượng: {n}", "- Hết danh sách -", "Gồm {n} đại biểu", "TỔNG CỘNG: {n} ĐẠI BIỂU",
]


def _event(tmp_path, clock):
    create_event(tmp_path / "ev", unit="Công đoàn cơ sở Trường THCS Bản Lằn", level="co-so",
                 event_date=date(2020, 3, 10), start=time(7, 30))
    return Event(tmp_path / "ev", desk="ban-1", clock=clock)


def _xlsx(path, footers, *, in_column=1, blank_before=False):
    wb = Workbook()
    ws = wb.active
    ws.append(["DANH SÁCH ĐẠI BIỂU DỰ HỘI NGHỊ"])
    ws.append([])
    ws.append(["STT", "Họ và tên", "Năm sinh", "Đơn vị", "Thành phần"])
    for i, p in enumerate(PEOPLE, 1):
        ws.append([i, *p])
    if blank_before:
        ws.append([])
    for f in footers:
        row = [None] * 5
        row[in_column] = f.format(n=len(PEOPLE))
        ws.append(row)
    wb.save(path)
    return path


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(footers=st.lists(st.sampled_from(FOOTERS), min_size=1, max_size=3), column=st.sampled_from([0, 1]),
       blank=st.booleans())
def test_any_footer_shape_leaves_the_list_imported_with_a_notice(tmp_path_factory, clock, footers, column, blank):
    tmp = tmp_path_factory.mktemp("f")
    ev = _event(tmp, clock)
    report = import_file(ev, _xlsx(tmp / "ds.xlsx", footers, in_column=column, blank_before=blank))
    assert report.rows == len(PEOPLE)
    assert sorted(d.name for d in ev.delegates().values()) == sorted(p[0] for p in PEOPLE)
    # a line that would have been read as a person is named in a notice with its row
    # (a "Tổng cộng …" line ends the list as before, and needs none)
    assert all(w.startswith("Dòng ") for w in report.warnings if "đã bỏ qua" in w)


def test_a_count_in_parentheses_is_named_in_a_notice(tmp_path, clock):
    ev = _event(tmp_path, clock)
    report = import_file(ev, _xlsx(tmp_path / "ds.xlsx", ["(Danh sách có {n} đại biểu)", "Ghi chú: in nghiêng là dự phòng"]))
    assert report.rows == len(PEOPLE)
    skipped = [w for w in report.warnings if "đã bỏ qua" in w]
    assert skipped == ["Dòng 8: “(Danh sách có 4 đại biểu)” là dòng tổng số hoặc ghi chú cuối danh sách, "
                       "không phải một người; đã bỏ qua.",
                       "Dòng 9: “Ghi chú: in nghiêng là dự phòng” là dòng tổng số hoặc ghi chú cuối danh sách, "
                       "không phải một người; đã bỏ qua."]


def test_a_remark_between_people_is_skipped_and_the_people_after_it_read(tmp_path, clock):
    ev = _event(tmp_path, clock)
    wb = Workbook()
    ws = wb.active
    ws.append(["STT", "Họ và tên", "Năm sinh", "Đơn vị", "Thành phần"])
    ws.append([1, *PEOPLE[0]])
    ws.append([None, "(Đại biểu dưới đây thay cho người vắng)", None, None, None])
    ws.append([2, *PEOPLE[1]])
    wb.save(tmp_path / "ds.xlsx")
    report = import_file(ev, tmp_path / "ds.xlsx")
    assert report.rows == 2
    assert any(w.startswith("Dòng 3: “(Đại biểu dưới đây") and "đã bỏ qua" in w for w in report.warnings)


def test_names_that_open_like_remarks_are_people():
    for name in ("Lưu Thị Êm", "Chu Văn An", "Cồng Văn Hai", "Danh Sóc", "Gồng Thị Mai"):
        assert not is_remark(name) and not is_trailer(name), name
    for text in ("Lưu ý: mang thẻ", "Chú ý:", "Tổng cộng: 30", "(30 người)", "Danh sách có 30 người"):
        assert is_remark(text), text


def test_a_number_in_the_name_column_among_people_is_still_a_problem(tmp_path, clock):
    from console.ground.errors import UserError

    ev = _event(tmp_path, clock)
    wb = Workbook()
    ws = wb.active
    ws.append(["STT", "Họ và tên", "Năm sinh", "Đơn vị", "Thành phần"])
    ws.append([1, "1980", "1980", "Xã Nà Mò", "Cá nhân"])  # a shifted column, not a footer
    ws.append([2, *PEOPLE[1]])
    wb.save(tmp_path / "ds.xlsx")
    with pytest.raises(UserError, match="họ và tên là con số"):
        import_file(ev, tmp_path / "ds.xlsx")
