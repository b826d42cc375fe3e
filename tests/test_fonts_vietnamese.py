"""The bundled font draws every Vietnamese letter, distinctly; wrapping never cuts a syllable."""

from __future__ import annotations

import unicodedata

import pytest
from PIL import Image, ImageDraw

from console.printing.canvas import line_mask
from console.printing.fonts import BOLD, REGULAR, font, vietnamese_letters, wrap_words


def glyph(ch: str, size: int, bold: bool) -> bytes:
    f = font(size, bold)
    img = Image.new("1", (size * 2, size * 2), 0)
    d = ImageDraw.Draw(img)
    d.fontmode = "1"
    d.text((size // 2, size // 2), ch, font=f, fill=1)
    return img.tobytes()


def test_the_letter_list_is_the_134_vietnamese_letters():
    letters = vietnamese_letters()
    assert len(letters) == 134 and len(set(letters)) == 134
    assert "đ" in letters and "Đ" in letters and "ặ" in letters and "Ỵ" in letters
    assert all(unicodedata.is_normalized("NFC", ch) and len(ch) == 1 for ch in letters)


def test_fonts_are_bundled_and_small():
    assert REGULAR.is_file() and BOLD.is_file()
    assert (REGULAR.parent / "OFL.txt").read_text().count("SIL Open Font License") >= 1
    assert REGULAR.stat().st_size + BOLD.stat().st_size < 2_000_000


@pytest.mark.parametrize("bold", [False, True])
@pytest.mark.parametrize("size", [16, 28])
def test_every_letter_is_a_distinct_non_empty_glyph(bold, size):
    letters = vietnamese_letters()
    seen: dict[bytes, str] = {}
    for ch in letters:
        g = glyph(ch, size, bold)
        assert any(g), f"{ch} renders empty"
        assert g not in seen, f"{ch} looks the same as {seen.get(g)}"
        seen[g] = ch
    # and none falls back to the plain letter (a font without the mark would draw "a" for "ạ")
    for ch in letters:
        base = unicodedata.normalize("NFD", ch)[0]
        if base != ch and base not in "đĐ":
            assert glyph(ch, size, bold) != glyph(base, size, bold), ch


def test_stacked_marks_stay_inside_the_line():
    # capitals with two marks stacked reach highest; nặng goes below the baseline
    for size in (16, 22, 54):
        mask, _ = line_mask("ỄẪỮỰ ẶẬỆ Ộ", size, True)
        bbox = mask.getbbox()
        assert bbox is not None
        assert bbox[1] > 0 and bbox[3] < mask.height, f"clipped at {size}: {bbox} in {mask.size}"


def test_nfd_text_renders_like_nfc():
    nfc = "Nguyễn Thị Hường"
    nfd = unicodedata.normalize("NFD", nfc)
    assert wrap_words(nfd, font(24), 1000) == [nfc]


@pytest.mark.parametrize("name", [
    "Hoàng Thị Phương Thảo", "Nguyễn Trần Khánh Hưng Nghĩa", "Lường Văn Nghiêng",
    "Đồng Thị Ngọc Huyền Trang Nhung",
])
@pytest.mark.parametrize("width", [260, 300, 368])
def test_wrap_keeps_every_word_whole(name, width):
    lines = wrap_words(name, font(48, True), width)
    assert lines is not None
    assert " ".join(lines).split() == name.split()
    assert all(font(48, True).getlength(line) <= width for line in lines)


def test_a_word_wider_than_the_line_asks_for_a_smaller_size():
    assert wrap_words("Nghiêng", font(80, True), 100) is None
