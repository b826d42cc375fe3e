"""Badge, certificate and call-sheet layouts at both widths, from plain data."""

from __future__ import annotations

import pytest

from console.printing.canvas import fit_text
from console.printing.layout_badge import BadgeData, badge_data, render_badge
from console.printing.layout_callsheet import Awardee, CallSheet, render_callsheet, render_mc_list
from console.printing.layout_certificate import CertificateData, certificate_data, render_certificate
from tests.test_escpos_roundtrip import decode_qr

WIDTHS = [384, 576]


@pytest.mark.parametrize("width", WIDTHS)
def test_badge_is_exactly_the_printer_width(demo_event, width):
    img = render_badge(badge_data(demo_event, demo_event.get(1)), width)
    assert img.mode == "1" and img.width == width
    assert 400 < img.height < 1000  # a badge, not a roll of paper


@pytest.mark.parametrize("width", WIDTHS)
def test_a_very_long_name_shrinks_and_wraps_but_keeps_the_qr(width):
    b = BadgeData(delegate_id=42, name="Nguyễn Hoàng Thị Phương Thảo Nguyên Khánh Linh", token="HNK7049QT8KM3BV9C1",
                  human_code="04BQT8", category="khach_moi", position="Phó Chủ tịch Thường trực Liên đoàn Lao động",
                  unit="Công ty Cổ phần Khai thác và Chế biến Khoáng sản Bắc Kạn, Chi nhánh Nà Lương",
                  banner=["HỘI NGHỊ ĐIỂN HÌNH TIÊN TIẾN CÔNG NHÂN, VIÊN CHỨC, LAO ĐỘNG HUYỆN NÀ LƯƠNG"], footer="x")
    img = render_badge(b, width)
    assert img.width == width
    assert decode_qr(img) == ["HNK7049QT8KM3BV9C1"]


def test_name_sizes_pick_the_largest_that_fits_two_lines():
    f, lines = fit_text("Hà Thị Thu Duyên", 360, (54, 48, 42, 36), True, 2)
    assert len(lines) <= 2 and f.size == 54
    f, lines = fit_text("Nguyễn Hoàng Thị Phương Thảo", 360, (54, 48, 42, 36), True, 2)
    assert len(lines) == 2 and f.size < 54
    # too long for two lines even at the smallest size: the smallest size, more lines
    f, lines = fit_text("Nguyễn Hoàng Thị Phương Thảo Nguyên Khánh Linh", 360, (54, 48, 42, 36), True, 2)
    assert f.size == 36 and len(lines) == 3
    assert " ".join(lines) == "Nguyễn Hoàng Thị Phương Thảo Nguyên Khánh Linh"


def test_badge_of_a_reprint_says_so(demo_event):
    b = badge_data(demo_event, demo_event.get(3), version=2)
    assert b.version == 2 and b.token != badge_data(demo_event, demo_event.get(3)).token
    assert render_badge(b, 576).height > 0


def test_category_band_labels(demo_event):
    bands = {badge_data(demo_event, d).band for d in demo_event.delegates().values()}
    assert bands == {"KHÁCH MỜI", "ĐẠI BIỂU ĐIỂN HÌNH", "ĐẠI DIỆN TẬP THỂ ĐIỂN HÌNH"} & bands
    assert "KHÁCH MỜI" in bands


@pytest.mark.parametrize("width", WIDTHS)
def test_certificate_from_event_and_from_dict(demo_event, width):
    c = certificate_data(demo_event, recipient="Hoàng Thị Nhung", award_form="Bằng khen của Ban Chấp hành LĐLĐ tỉnh",
                         reason="Xuất sắc trong phong trào thi đua “Lao động giỏi, lao động sáng tạo” giai đoạn 2015–2020",
                         unit="Trường Tiểu học Nà Lương")
    assert c.place_date == "Nà Lương, ngày 15 tháng 04 năm 2020"
    assert c.header == ["LĐLĐ TỈNH BẮC KẠN", "LĐLĐ HUYỆN NÀ LƯƠNG"]
    a = render_certificate(c, width)
    b = render_certificate(c.to_dict(), width)
    assert a.width == width and a.tobytes() == b.tobytes()
    assert CertificateData.from_dict({**c.to_dict(), "unknown": 1}) == c


@pytest.mark.parametrize("width", WIDTHS)
def test_call_sheet_and_mc_list_take_plain_inputs(width):
    sheet = CallSheet(batch=2, award_form="Bằng khen của Chủ tịch UBND tỉnh", presenter="đồng chí Bí thư Huyện ủy",
                      awardees=[Awardee("Lý Thị Mai", "Tổ Dệt 1"), Awardee("Hoàng Văn Sình", "HTX Chè", proxy="Nông Văn Tám")])
    img = render_callsheet(sheet, width)
    as_dict = render_callsheet({"batch": 2, "form": "Bằng khen của Chủ tịch UBND tỉnh",
                                "presenter": "đồng chí Bí thư Huyện ủy",
                                "awardees": [{"name": "Lý Thị Mai", "unit": "Tổ Dệt 1"},
                                             {"name": "Hoàng Văn Sình", "unit": "HTX Chè", "proxy": "Nông Văn Tám"}]}, width)
    assert img.width == width and img.tobytes() == as_dict.tobytes()
    names_only = render_callsheet({"batch": 3, "form": "Giấy khen", "names": ["A Lử", "Triệu Thị Dung"]}, width)
    assert names_only.width == width
    mc = render_mc_list([sheet, {"batch": 3, "form": "Giấy khen", "names": ["Triệu Thị Dung"]}], width)
    assert mc.width == width and mc.height > img.height
