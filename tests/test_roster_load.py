"""roster.json read in one pass into records: the fast way for what this program writes, the
tolerant way for a file edited by hand, and either way nothing unsafe reaches a screen."""

from __future__ import annotations

import json

from console.people import roster as roster_mod
from console.people.roster import Delegate, RosterStore


def _store(tmp_path, people):
    store = RosterStore(tmp_path / "roster.json")
    store.replace_all(people)
    return RosterStore(tmp_path / "roster.json")  # a fresh process's view


def test_what_an_import_wrote_is_read_straight_into_records(tmp_path, monkeypatch):
    people = [Delegate(id=i, name=f"Tô Văn {i}", category="ca_nhan", unit="Tổ Bảo vệ", birth_year=1980 + i)
              for i in range(1, 4)]
    store = _store(tmp_path, people)
    monkeypatch.setattr(Delegate, "from_dict", classmethod(lambda cls, d: (_ for _ in ()).throw(AssertionError)))
    got = store.load()  # never row by row
    assert got == {d.id: d for d in people} and store.content_hash


def test_a_hand_edited_file_is_read_the_tolerant_way(tmp_path):
    store = _store(tmp_path, [Delegate(id=1, name="Bàn Thị Mai", category="ca_nhan"),
                              Delegate(id=2, name="Đới Văn Hùng", category="tap_the")])
    data = json.loads(store.path.read_text(encoding="utf-8"))
    row = data["delegates"]["1"]
    row["birth_year"] = "1980"  # typed by hand as text
    row["ghi_chu_tay"] = "thêm cột"  # a key this program never wrote
    store.path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    got = RosterStore(store.path).load()
    assert sorted(got) == [1, 2] and got[1].name == "Bàn Thị Mai" and got[2].category == "tap_the"


def test_control_characters_are_defanged_on_the_fast_way_too(tmp_path):
    store = _store(tmp_path, [Delegate(id=1, name="Trương\x1b]0;pwned\x07 Văn", category="ca_nhan")])
    got = RosterStore(store.path).load()
    assert "\x1b" not in got[1].name and "\x07" not in got[1].name and got[1].name.startswith("Trương")


def test_the_file_shape_names_every_table_it_reads():
    assert set(roster_mod._RosterFile.__struct_fields__) == {roster_mod.DELEGATES, roster_mod.META}


def test_a_row_that_is_not_a_person_is_named_not_a_crash(tmp_path):
    import pytest

    from console.ground.errors import UserError

    store = _store(tmp_path, [Delegate(id=1, name="Tô Thị Bàn", category="ca_nhan")])
    data = json.loads(store.path.read_text(encoding="utf-8"))
    data["delegates"]["1"]["id"] = "một"  # typed by hand
    store.path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(UserError, match=r"bảng “delegates”, mục “1”.*roster\.prev\.json"):
        RosterStore(store.path).load()
