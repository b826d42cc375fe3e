"""Thermal slips: lines break between words, never inside a compound, a place or a name.

The bundled compound list and the capitalised-run rule (console/printing/wrap.py)
are checked on the words the issue found cut ("Hợp / tác xã", "Liên / đoàn",
"cơ / sở", "Nà / Lương", "Xi / măng"), on realistic units at every slip width,
and with Hypothesis on lists of words; then the slips themselves: one name size
across badges, position and unit apart, the stage slip that is not a certificate,
the MC's list in pages, previews other users can read.
"""

from __future__ import annotations

import stat

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from console.ground.text import canonical
from console.printing.canvas import Slip
from console.printing.fonts import fit_text, font, wrap_words
from console.printing.layout_badge import NAME_MIN, NAME_SIZE, BadgeData, badge_slip, name_sizes
from console.printing.layout_callsheet import PAGE_DOTS, Awardee, CallSheet, mc_pages, render_mc_list
from console.printing.layout_certificate import (
    CertificateData,
    achievement_line,
    certificate_slip,
    decision_line,
)
from console.printing.wrap import COMPOUNDS, chunk_texts

UNITS = [
    "Hợp tác xã Dệt thổ cẩm Bản Lằn", "Liên đoàn Lao động huyện Nà Lương", "Công đoàn cơ sở Trường Tiểu học Nà Mò",
    "Công ty Cổ phần Xi măng Bắc Kạn", "Chi nhánh Điện lực Cốc Phìa", "Trạm Y tế xã Bản Lằn",
    "Đội Quản lý thị trường, Hạt Kiểm lâm Khuổi Hao", "Tổ trưởng Tổ Toán – Tin, Trường Mầm non Thôm Mò",
    "Ủy ban nhân dân xã Phiêng Luông", "Hội Liên hiệp Phụ nữ huyện Nà Lương",
    "Công ty Cổ phần Khai thác và Chế biến Khoáng sản Bắc Kạn, Chi nhánh Nà Lương",
]
# What must never be cut, for each unit above (when it fits a line at all).
WHOLE = ["hợp tác xã", "liên đoàn", "công đoàn", "cơ sở", "nà lương", "xi măng", "điện lực", "cốc phìa", "bản lằn",
         "tiểu học", "nà mò", "thổ cẩm", "y tế", "quản lý", "thị trường", "kiểm lâm", "khuổi hao", "mầm non",
         "thôm mò", "ủy ban", "nhân dân", "phiêng luông", "phụ nữ", "bắc kạn", "khoáng sản", "chế biến",
         "khai thác", "chi nhánh", "cổ phần", "công ty", "trạm y tế", "lao động"]


def cut_inside(lines: list[str], phrase: str) -> bool:
    """True when `phrase` is in the text but split over two lines."""
    whole = canonical(" ".join(lines))
    if f" {phrase} " not in f" {whole} ".replace(",", " ").replace("  ", " "):
        return False
    return not any(f" {phrase} " in f" {canonical(line)} ".replace(",", " ") for line in lines)


@pytest.mark.parametrize("width", [200, 260, 300, 368, 420, 560])
@pytest.mark.parametrize("unit", UNITS)
def test_units_never_break_inside_a_compound_or_a_place(unit, width):
    f = font(24)
    lines = wrap_words(unit, f, width)
    assert lines is not None and " ".join(lines).split() == unit.split()
    assert all(f.getlength(line) <= width for line in lines)
    for phrase in WHOLE:
        if f.getlength(phrase) <= width * 0.95:
            assert not cut_inside(lines, phrase), (unit, width, lines, phrase)


def test_the_words_the_issue_found_cut_are_whole():
    f = font(24, True)
    for text, phrase in [("Hợp tác xã Dệt thổ cẩm Bản Lằn", "Hợp tác xã"), ("Liên đoàn Lao động huyện Nà Lương", "Liên đoàn"),
                         ("Công đoàn cơ sở Trường Tiểu học Nà Mò", "cơ sở"), ("LĐLĐ huyện Nà Lương", "Nà Lương"),
                         ("Công ty Cổ phần Xi măng Bắc Kạn", "Xi măng")]:
        for width in range(120, 520, 20):
            lines = wrap_words(text, f, width)
            if lines and f.getlength(phrase) <= width:
                assert any(phrase in line for line in lines), (text, width, lines)


def test_the_check_fails_on_a_cut():
    assert cut_inside(["Hợp", "tác xã Bản Lằn"], "hợp tác xã")
    assert not cut_inside(["Hợp tác xã", "Bản Lằn"], "hợp tác xã")


def test_a_break_after_a_comma_is_preferred():
    f = font(24)
    lines = wrap_words("Đội Quản lý thị trường, Hạt Kiểm lâm Khuổi Hao", f, 330)
    assert lines == ["Đội Quản lý thị trường,", "Hạt Kiểm lâm Khuổi Hao"]


def test_two_line_names_are_balanced_and_a_surname_noun_is_not_a_word():
    f = font(48, True)
    assert wrap_words("Nguyễn Thị Thu Huyền", f, 360) == ["Nguyễn Thị", "Thu Huyền"]
    # "Bàn" (a surname) is not "ban" (board), "Tô" is not "tổ": folding never decides what a word is
    assert chunk_texts("Bàn Văn Ban") == ("Bàn Văn Ban",)
    assert ("tổ", "trưởng") in COMPOUNDS and chunk_texts("Tô trưởng") != ("Tô trưởng",)


def test_the_events_own_names_are_kept_whole():
    f = font(24)
    text = "Trân trọng cảm ơn Liên đoàn Lao động huyện Nà Lương đã tổ chức"
    keep = ("Liên đoàn Lao động huyện Nà Lương",)
    least = int(f.getlength(keep[0])) + 1
    assert least < 560
    for width in range(least, 576, 10):
        lines = wrap_words(text, f, width, keep)
        assert any(keep[0] in line for line in lines), (width, lines)


SYLLABLES = st.sampled_from(["Nà", "Lương", "xã", "Bản", "Lằn", "huyện", "Tổ", "sản", "xuất", "số", "2", "hợp", "tác",
                             "Trường", "Tiểu", "học", "cơ", "sở", "công", "đoàn", "Xi", "măng", "Nguyễn", "Thị", "Hoa"])


@settings(max_examples=150, deadline=None)
@given(st.lists(SYLLABLES, min_size=1, max_size=14), st.integers(120, 560))
def test_wrapping_keeps_every_word_and_every_chunk_that_fits(words, width):
    text = " ".join(words)
    f = font(24)
    lines = wrap_words(text, f, width)
    assert lines is not None
    assert " ".join(lines).split() == text.split()
    assert all(f.getlength(line) <= width for line in lines)
    joined = [canonical(x) for x in lines]
    for chunk in chunk_texts(text):
        if " " in chunk and f.getlength(chunk) <= width:
            assert any(canonical(chunk) in line for line in joined), (chunk, lines)


def test_names_keep_one_size_across_badges_and_shrink_as_a_line_never_below_the_minimum():
    def name_block(name: str, width: int = 576):
        s = badge_slip(BadgeData(1, name, "T" * 18, "ABC123", "ca_nhan", "Tổ trưởng", "Trạm Y tế xã Bản Lằn",
                                 ["HỘI NGHỊ"], "x"), width)
        return next(b for b in s.blocks if b.kind == "text" and b.font.size >= name_sizes(width)[1]
                    and name.split()[0] in b.lines[0])

    short = [name_block(n) for n in ("Lý Thị Hoa", "Hà Văn Tú", "Nông Thị Thu Huyền")]
    assert {b.font.size for b in short} == {NAME_SIZE} and all(len(b.lines) == 1 for b in short)
    longer = name_block("Nguyễn Hoàng Phương Thảo")
    assert len(longer.lines) == 1 and NAME_MIN <= longer.font.size < NAME_SIZE  # shrinks as one line
    longest = name_block("Nguyễn Hoàng Thị Phương Thảo Nguyên Khánh Linh Chi")
    assert longest.font.size >= NAME_MIN - 16 and len(longest.lines) >= 2
    assert " ".join(longest.lines) == "Nguyễn Hoàng Thị Phương Thảo Nguyên Khánh Linh Chi"


def test_position_and_unit_are_visibly_apart_on_a_badge():
    s = badge_slip(BadgeData(1, "Lý Thị Hoa", "T" * 18, "ABC123", "khach_moi", "Phó Chủ tịch",
                             "Ủy ban nhân dân xã Phiêng Luông", ["HỘI NGHỊ"], "x"), 576)
    kinds = [(b.kind, b.lines[0] if b.kind == "text" else "") for b in s.blocks]
    i = kinds.index(("text", "Phó Chủ tịch"))
    assert kinds[i + 1][0] == "rule" and kinds[i + 2] == ("text", "Ủy ban nhân dân xã Phiêng Luông")


def test_the_stage_slip_is_not_a_certificate():
    c = CertificateData("Tổ sản xuất số 2, Chi nhánh Điện lực Cốc Phìa", "Bằng khen của Chủ tịch UBND tỉnh",
                        reason="Đã có thành tích xuất sắc trong phong trào thi đua giai đoạn 2015–2020",
                        unit="Chi nhánh Điện lực Cốc Phìa", title="GIẤY CHỨNG NHẬN", decision="12/QĐ-UBND ngày 01/04/2020",
                        receiver="Mã Thế Thành (đại diện)")
    text = " ".join(line for b in certificate_slip(c, 576).blocks if b.kind == "text" for line in b.lines)
    assert "GIẤY CHỨNG NHẬN" not in text and "PHIẾU NHẬN KHEN THƯỞNG" in text
    assert "không thay Bằng khen, Giấy khen" in text.replace("\n", " ")
    assert text.count("Đã có thành tích") == 1
    assert text.count("Chi nhánh Điện lực Cốc Phìa") == 1  # the unit is in the collective's name already
    assert "Theo Quyết định số 12/QĐ-UBND ngày 01/04/2020" in text.replace("\n", " ")
    assert "Người lên nhận: Mã Thế Thành (đại diện)" in text.replace("\n", " ")


def test_decision_and_achievement_lines():
    assert decision_line("Quyết định số 12/QĐ-LĐLĐ ngày 01/04/2020") == "Theo Quyết định số 12/QĐ-LĐLĐ ngày 01/04/2020"
    assert decision_line("Quyết định 12/QĐ-LĐLĐ") == "Theo Quyết định số 12/QĐ-LĐLĐ"
    assert decision_line("12/QĐ-LĐLĐ") == "Theo Quyết định số 12/QĐ-LĐLĐ" and decision_line("") == ""
    assert achievement_line("xuất sắc trong phong trào") == "Đã có thành tích xuất sắc trong phong trào"
    assert achievement_line("Đã có thành tích xuất sắc") == "Đã có thành tích xuất sắc"


def test_the_mc_list_comes_in_pages_a_hand_can_hold():
    batches = [CallSheet(n, "Giấy khen của LĐLĐ huyện", [Awardee(f"Nguyễn Văn Tư {i}", "Hợp tác xã Chè Phiêng Luông")
                                                       for i in range(8)], presenter="Nguyễn Hữu Nghĩa")
               for n in range(1, 9)]
    pages = mc_pages(batches, 576)
    assert len(pages) > 1 and [b.batch for p in pages for b in p] == list(range(1, 9))
    for n, page in enumerate(pages, start=1):
        img = render_mc_list(page, 576, page=n, pages=len(pages), printed_at="09:12 ngày 15/04/2020")
        assert img.height <= PAGE_DOTS + 40, (n, img.height)  # about 20 cm, not a 60 cm strip
    one = render_mc_list([b for p in pages for b in p], 576)
    assert one.height > 2 * PAGE_DOTS  # what it was


def test_the_mc_page_says_which_page_and_when():
    s = Slip(576)
    from console.printing.layout_callsheet import _mc_head

    _mc_head(s, "DANH SÁCH KHEN THƯỞNG (MC)", "", 576, 2, 3, "09:12 ngày 15/04/2020")
    text = [line for b in s.blocks if b.kind == "text" for line in b.lines]
    assert "Tờ 2/3" in text and "In lúc 09:12 ngày 15/04/2020" in text


def test_preview_pngs_are_readable_by_the_events_other_users(tmp_path):
    from PIL import Image

    from console.printing.printers import deliver, parse_uri

    spec = parse_uri("preview://ban-in", 80)
    done = deliver(spec, Image.new("1", (576, 40), 1), "the-tu", folder=tmp_path)
    mode = stat.S_IMODE((tmp_path / "ban-in" / "the-tu.png").stat().st_mode)
    assert done.confirmed and mode == 0o644


def test_fit_text_keeps_a_name_whole_in_running_text():
    f, lines = fit_text("Kính mời đồng chí Nguyễn Thị Thu Huyền lên nhận thay", 420, [24], keep=("Nguyễn Thị Thu Huyền",))
    assert any("Nguyễn Thị Thu Huyền" in line for line in lines)
