"""Name search at the desk: folded, ordered the Vietnamese way, by unit and code too."""

from __future__ import annotations

from console.door.search import LiveIndex, SearchIndex, query_words
from console.door.tokens import human_code
from console.people.roster import Delegate

PEOPLE = [
    Delegate(1, "Nguyễn Thị Hường", "ca_nhan", unit="Trường Mầm non Bản Lằn", birth_year=1983),
    Delegate(2, "Hoàng Văn Đức", "ca_nhan", unit="Công ty TNHH Chè Khuổi Hao", birth_year=1979),
    Delegate(3, "Hoàng Văn Đức", "ca_nhan", unit="Hạt Kiểm lâm Pác Nặm", birth_year=1986),
    Delegate(4, "Đàm Thị Thuỷ", "tap_the", unit="Bưu điện huyện", birth_year=1990),
    Delegate(5, "Trần Văn An", "khach_moi", unit="Huyện ủy Nà Lương", birth_year=1970),
    Delegate(6, "Lê Thị Hương", "ca_nhan", unit="Trạm Y tế xã Đồng Lạc", birth_year=1988),
    Delegate(7, "Nguyễn Văn Sỹ", "ca_nhan", unit="Nhà máy Nguyễn Thị Hường", birth_year=1975),
]
SECRET = b"k" * 32


def names(hits):
    return [h.delegate.id for h in hits]


def test_folded_query_finds_the_accented_name():
    idx = SearchIndex(PEOPLE)
    assert names(idx.search("nguyen thi huong"))[0] == 1
    assert names(idx.search("NGUYỄN THỊ HƯỜNG"))[0] == 1


def test_d_with_stroke_folds_to_d_both_ways():
    idx = SearchIndex(PEOPLE)
    assert set(names(idx.search("duc"))) == {2, 3}
    assert set(names(idx.search("Đức"))) == {2, 3}
    assert names(idx.search("dam thi")) == [4]


def test_old_and_new_tone_placement_and_y_i_meet():
    idx = SearchIndex(PEOPLE)
    assert names(idx.search("thủy")) == [4]  # stored as "Thuỷ"
    assert names(idx.search("si")) == [7]  # stored as "Sỹ"


def test_words_match_word_prefixes_in_any_order():
    idx = SearchIndex(PEOPLE)
    assert names(idx.search("ng th h")) == [1, 7]  # 7 only through its unit
    assert names(idx.search("huong nguyen"))[0] == 1
    assert names(idx.search("an")) == [5]  # "an" is a word prefix of "An" only, not inside "Toàn"


def test_name_hits_come_before_unit_hits_and_each_group_in_vietnamese_order():
    idx = SearchIndex(PEOPLE)
    hits = idx.search("huong")
    assert [h.by_name for h in hits] == [True, True, False]
    # Given name first: Hương (6) sorts before Hường (1) (ơ before ờ by tone), both before the unit hit.
    assert names(hits) == [6, 1, 7]


def test_two_people_of_one_name_are_told_apart_by_unit_and_birth_year():
    idx = SearchIndex(PEOPLE)
    lines = [h.line for h in idx.search("hoang van duc")]
    assert lines == ["Hoàng Văn Đức (1979) — Công ty TNHH Chè Khuổi Hao · 0002",
                     "Hoàng Văn Đức (1986) — Hạt Kiểm lâm Pác Nặm · 0003"]


def test_search_by_unit_by_id_and_by_printed_human_code():
    idx = SearchIndex(PEOPLE, SECRET)
    assert names(idx.search("kiem lam")) == [3]
    assert names(idx.search("0005")) == [5]
    assert names(idx.search("5")) == [5]
    code = human_code(SECRET, 6, 1)
    assert names(idx.search(code)) == [6]
    assert names(idx.search(code.lower())) == [6]


def test_limit_empty_query_and_no_match():
    idx = SearchIndex(PEOPLE)
    assert len(idx.search("thi", limit=2)) == 2
    assert idx.search("") == [] and idx.search("   ") == []
    assert idx.search("zzzz") == []
    assert query_words("  Nguyễn   THỊ ") == ["nguien", "thi"]  # y→i, as names are folded


def test_live_index_follows_walk_ins(demo_event):
    from console.door.checkin import register_walk_in

    live = LiveIndex(demo_event)
    assert live.search("Vàng Seo Páo") == []
    register_walk_in(demo_event, name="Vàng Seo Páo", unit="Xã Bằng Thành", category="khach_moi")
    assert [h.delegate.name for h in live.search("vang seo pao")] == ["Vàng Seo Páo"]


def test_live_index_finds_the_demo_huong(demo_event):
    hits = LiveIndex(demo_event).search("nguyen thi huong")
    assert hits and hits[0].delegate.name == "Nguyễn Thị Hường"


def test_typing_on_backspacing_and_retyping_give_the_same_hits_as_a_fresh_search():
    from console.bench.fixtures import make_delegates

    people = make_delegates(400)
    live, fresh = SearchIndex(people, SECRET), lambda q: names(SearchIndex(people, SECRET).search(q))
    typed = ["n", "ng", "ngu", "nguy", "nguyen", "nguyen ", "nguyen t", "nguyen th", "nguyen t", "ng",
             "hoang van", "hoang v", "truong m", "0", "00", "001", "5", "xa ban", "x"]
    for q in typed:
        assert names(live.search(q)) == fresh(q), q
