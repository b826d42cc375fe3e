"""Vietnamese text: folding, tone placement, i/y, collation, name order."""

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from console.ground.text import canonical, collation_key, fold, name_sort_key, nfc


@pytest.mark.parametrize("a,b", [
    ("Thuỷ", "Thủy"), ("hoà", "hòa"), ("khoẻ", "khỏe"), ("Chiến sỹ", "Chiến sĩ"), ("Mỹ", "Mĩ"),
    ("Thuý", "Thúy"), ("Hoà Bình", "Hòa Bình"), ("Kỹ thuật", "Kĩ thuật"),
])
def test_two_spellings_are_one_identity(a, b):
    assert canonical(a) == canonical(b)


@pytest.mark.parametrize("a,b", [("Hường", "Hương"), ("Đức", "Dực"), ("Lan", "Lân"), ("Thủy", "Thụy")])
def test_different_words_stay_different(a, b):
    assert canonical(a) != canonical(b)


def test_fold_finds_without_diacritics():
    assert fold("Nguyễn Thị Hường") == fold("nguyen thi huong")
    assert fold("ĐẶNG VĂN ĐỨC") == "dang van duc"
    assert fold("Chiến sỹ thi đua") == fold("chien si thi dua")


def test_nfd_input_becomes_nfc():
    decomposed = unicodedata.normalize("NFD", "Nguyễn  Thị   Hường ")
    assert nfc(decomposed) == "Nguyễn Thị Hường"
    assert unicodedata.is_normalized("NFC", nfc(decomposed))


def test_vietnamese_letter_order_not_code_point():
    words = ["Ư", "U", "Ơ", "O", "Ô", "Đ", "D", "Ă", "Â", "A", "E", "Ê", "Y"]
    assert sorted(words, key=collation_key) == ["A", "Ă", "Â", "D", "Đ", "E", "Ê", "O", "Ô", "Ơ", "U", "Ư", "Y"]


def test_tone_order_breaks_ties_after_letters():
    assert sorted(["má", "mà", "ma", "mạ", "mã", "mả"], key=collation_key) == ["ma", "mà", "mả", "mã", "má", "mạ"]


def test_official_lists_sort_by_given_name_then_the_rest():
    names = ["Trần Văn Bình", "Nguyễn Thị Ánh", "Lê Văn An", "Hoàng Văn Đức", "Bế Văn Dũng", "Vi Thị Ư"]
    assert sorted(names, key=name_sort_key) == [
        "Lê Văn An", "Nguyễn Thị Ánh", "Trần Văn Bình", "Bế Văn Dũng", "Hoàng Văn Đức", "Vi Thị Ư"]
    # same given name: the family and middle names decide
    assert sorted(["Trần Văn An", "Lê Văn An"], key=name_sort_key) == ["Lê Văn An", "Trần Văn An"]


@given(st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ ", max_size=30))
def test_canonical_and_fold_are_idempotent(text):
    assert canonical(canonical(text)) == canonical(text)
    assert fold(fold(text)) == fold(text)
    assert fold(canonical(text)) == fold(text)
