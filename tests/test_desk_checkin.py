"""The scan path without a screen: IME-typed payloads, bad input, undo, check-out, the CLI."""

from __future__ import annotations

import pytest

from console.door.checkin import (
    ALREADY,
    CHECKED_IN,
    IME_MANGLED,
    INVALID,
    NOT_A_CODE,
    REPLACED,
    checkin_delegate,
    checkout,
    register_walk_in,
    scan,
    undo_checkin,
)
from console.door.tokens import human_code, make_token
from console.ground.errors import UserError
from tests.ime_sim import telex, vni


def journal_size(event) -> int:
    return event.journal.path.stat().st_size if event.journal.path.exists() else 0


def test_the_simulators_do_what_unikey_does():
    assert telex("Nguyeenx Thij Huwowngf") == "Nguyễn Thị Hường"
    assert telex("dd") == "đ" and telex("DD") == "Đ" and telex("w") == "ư"
    assert vni("Nguye6n4 Thi5 Hu7o7ng2") == "Nguyễn Thị Hường"
    assert vni("d9") == "đ"


def test_every_token_and_code_survives_telex_and_vni_unchanged(demo_event):
    for did in demo_event.delegates():
        for v in (1, 2, 7):
            token = make_token(demo_event.secret, did, v)
            code = human_code(demo_event.secret, did, v)
            for ime in (telex, vni):
                assert ime(token) == token and ime(token.lower()) == token.lower()
                assert ime(code) == code


def test_token_typed_through_either_ime_checks_in(demo_event):
    t1, t2 = make_token(demo_event.secret, 1), make_token(demo_event.secret, 2)
    assert scan(demo_event, telex(t1) + "\r\n").result == CHECKED_IN
    assert scan(demo_event, vni(t2.lower())).result == CHECKED_IN  # Caps Lock off, scanner in lower case


LEGACY = "HNDDA0042WAS1"  # an old-style badge payload with vowels, d and w in it


@pytest.mark.parametrize("ime", [telex, vni], ids=["telex", "vni"])
def test_a_mangled_legacy_payload_is_recognised_and_writes_nothing(demo_event, ime):
    mangled = ime(LEGACY)
    assert mangled != LEGACY and not mangled.isascii()
    before = journal_size(demo_event)
    r = scan(demo_event, mangled)
    assert r.result == IME_MANGLED
    assert "chuyển bộ gõ sang E" in r.message
    assert journal_size(demo_event) == before


def test_a_token_rewritten_by_an_ime_is_recovered_with_a_warning(demo_event):
    token = make_token(demo_event.secret, 3)
    # What Unikey would make of it if a tone key followed a vowel: the token has
    # none, so build the damage by hand — a tone on a letter and đ for dd.
    damaged = token[:5] + "\u0301" + token[5:]
    r = scan(demo_event, damaged)
    assert r.result == CHECKED_IN and r.ime_detected
    assert "bộ gõ" in r.message


OTHER_SECRET = bytes.fromhex("ab" * 32)


@pytest.mark.parametrize("payload,expected", [
    ("", NOT_A_CODE),
    ("   \t ", NOT_A_CODE),
    ("\x00\x07\x1b[A\x7f", NOT_A_CODE),
    ("X" * 2048, INVALID),
    ("\x00garbage" * 256, INVALID),
    ("https://hoinghi.example/checkin?id=0042", INVALID),
    ("HNK7CCC1QQQQQQQQQQ", INVALID),  # right form, wrong signature
    ("ＨＮＫ７０４Ｂ１ＱＴ８ＫＭ３ＢＶ９Ｃ", INVALID),  # full-width confusables
    ("НN" + "K704B1QT8KM3BV9C", INVALID),  # Cyrillic Н
])
def test_bad_input_gets_a_clear_result_and_writes_nothing(demo_event, payload, expected):
    before = journal_size(demo_event)
    r = scan(demo_event, payload)
    assert r.result == expected
    assert r.message and r.delegate is None
    assert journal_size(demo_event) == before
    assert not demo_event.day.present


def test_half_a_payload_and_another_events_badge(demo_event):
    token = make_token(demo_event.secret, 5)
    before = journal_size(demo_event)
    assert scan(demo_event, token[:12]).result == INVALID
    assert scan(demo_event, token[:-1]).result == INVALID
    other = scan(demo_event, make_token(OTHER_SECRET, 5))
    assert other.result == INVALID and other.reason == "other_event"
    assert "hội nghị khác" in other.message
    assert journal_size(demo_event) == before


def test_a_confusable_inside_a_real_token_is_refused(demo_event):
    token = make_token(demo_event.secret, 6)
    cyr = token.replace("K", "К", 1) if "K" in token else token[:-1] + "К"
    before = journal_size(demo_event)
    assert scan(demo_event, cyr).result == INVALID
    assert journal_size(demo_event) == before


def test_duplicate_says_when_and_at_which_desk(demo_event, clock):
    token = make_token(demo_event.secret, 7)
    first = scan(demo_event, token, desk="ban-2")
    clock.advance(minutes=3)
    again = scan(demo_event, token, desk="ban-1")
    assert (first.result, again.result) == (CHECKED_IN, ALREADY)
    assert again.desk == "ban-2" and "07:00" in again.message and "ban-2" in again.message


def test_human_code_typed_by_hand_checks_in(demo_event):
    code = human_code(demo_event.secret, 8, 1)
    assert scan(demo_event, code.lower()).result == CHECKED_IN
    assert scan(demo_event, code[:-1] + ("B" if code[-1] != "B" else "C")).result == INVALID


def test_undo_keeps_both_lines_and_allows_a_new_checkin(demo_event):
    checkin_delegate(demo_event, 9)
    with pytest.raises(UserError):
        undo_checkin(demo_event, 9, "  ")
    msg = undo_checkin(demo_event, 9, "Quét nhầm")
    assert "Quét nhầm" in msg and 9 not in demo_event.day.present
    kinds = [e.kind for e in demo_event.journal.entries if e.kind.startswith("checkin")]
    assert kinds == ["checkin", "checkin_undo"]
    assert checkin_delegate(demo_event, 9).result == CHECKED_IN
    with pytest.raises(UserError):
        undo_checkin(demo_event, 10, "Nhầm người")


def test_checkout_and_coming_back(demo_event):
    checkin_delegate(demo_event, 11)
    assert demo_event.composition_present().total == 1
    checkout(demo_event, 11)
    assert demo_event.composition_present().total == 0
    with pytest.raises(UserError):
        checkout(demo_event, 11)
    assert scan(demo_event, make_token(demo_event.secret, 11)).result == CHECKED_IN


def test_reprinted_badge_replaces_the_old_one(demo_event):
    demo_event.transact(lambda ev: [("badge_reissue", {"delegate_id": 12, "version": 2, "reason": "mất thẻ"})])
    r = scan(demo_event, make_token(demo_event.secret, 12, 1))
    assert r.result == REPLACED and not demo_event.day.present
    assert scan(demo_event, make_token(demo_event.secret, 12, 2)).result == CHECKED_IN


def test_walk_in_rules(demo_event):
    with pytest.raises(UserError, match="lý do"):
        register_walk_in(demo_event, name="Hà Văn Mới", unit="Xã Cốc Đán", category="ca_nhan")
    r = register_walk_in(demo_event, name="Hà Văn Mới", unit="Xã Cốc Đán", category="ca_nhan", reason="Thay người vắng")
    assert r.result == CHECKED_IN and r.delegate.walk_in and r.delegate.id in demo_event.day.present


# --- the CLI: exactly the path of a scan ----------------------------------------------


def test_cli_checkin_json_duplicate_and_bad(demo_dir, cli):
    from tests.conftest import cli_json

    tokens = {r["delegate_id"]: r for r in cli_json("tokens", demo_dir)[1]}
    t = tokens["0001"]["token"]
    proc, first = cli_json("checkin", demo_dir, t, "--desk", "ban-2")
    assert proc.returncode == 0
    assert first["result"] == "checked_in" and first["delegate_id"] == "0001" and first["desk"] == "ban-2"
    assert first["name"] == tokens["0001"]["name"] and first["at"]
    proc, again = cli_json("checkin", demo_dir, t.lower())
    assert again["result"] == "already_checked_in" and again["desk"] == "ban-2"
    for bad, expected in [("", "unknown"), ("https://x.vn/a", "invalid"), (telex(LEGACY), "ime_mangled"),
                          (t[:10], "invalid")]:
        proc, out = cli_json("checkin", demo_dir, bad)
        assert proc.returncode == 1 and out["result"] == expected, (bad, out)
    lines = (demo_dir / "journal.jsonl").read_text().splitlines()
    assert sum('"kind":"checkin"' in line for line in lines) == 1


def test_cli_undo_and_checkout(demo_dir, cli):
    from tests.conftest import cli_json

    t = cli_json("tokens", demo_dir)[1][1]["token"]
    assert cli("checkin", demo_dir, t).returncode == 0
    no_reason = cli("undo", demo_dir, "0002", "--reason", "")
    assert no_reason.returncode == 2 and "lý do" in no_reason.stderr and "Traceback" not in no_reason.stderr
    ok = cli("undo", demo_dir, "0002", "--reason", "Nhầm người")
    assert ok.returncode == 0 and "Nhầm người" in ok.stdout
    twice = cli("undo", demo_dir, "0002", "--reason", "Nhầm người")
    assert twice.returncode == 2 and "chưa điểm danh" in twice.stderr
    assert cli("checkin", demo_dir, t).returncode == 0
    out = cli("checkout", demo_dir, "2")
    assert out.returncode == 0 and "rời hội trường" in out.stdout


def test_undoing_a_mistaken_return_keeps_the_real_attendance(demo_event, clock):
    """In 07:00, out 09:00, a badge scanned by mistake at 09:30 then undone: the person still
    attended (minutes, sheet, re-import) and is back to 'left at 09:00', not 'never came'."""
    checkin_delegate(demo_event, 13)
    first_at = demo_event.day.present[13].at
    clock.advance(minutes=120)
    checkout(demo_event, 13)
    left_at = demo_event.day.left[13]
    clock.advance(minutes=30)
    checkin_delegate(demo_event, 13)
    undo_checkin(demo_event, 13, "Quét nhầm thẻ")
    day = demo_event.day
    assert 13 not in day.present
    assert day.first_checkin[13].at == first_at
    assert day.left.get(13) == left_at
    # the very first visit undone: never came
    checkin_delegate(demo_event, 14)
    undo_checkin(demo_event, 14, "Nhầm người")
    assert 14 not in day.first_checkin and 14 not in day.left


def test_one_walk_in_registered_twice_is_one_person(demo_event):
    """The same guest registered again (a second desk, a form sent twice, back from a break
    without a badge) was a second delegate: the hall and the 70/30 counted them twice."""
    first = register_walk_in(demo_event, name="Hà Văn Khách", unit="Xã Cốc Đán", category="khach_moi")
    again = register_walk_in(demo_event, name="Hà  văn khách", unit="xã Cốc Đán", category="khach_moi")
    assert again.result == ALREADY and again.delegate.id == first.delegate.id
    assert len(demo_event.day.walk_ins) == 1
    checkout(demo_event, first.delegate.id)
    back = register_walk_in(demo_event, name="Hà Văn Khách", unit="Xã Cốc Đán", category="khach_moi")
    assert back.result == CHECKED_IN and back.delegate.id == first.delegate.id
    assert len(demo_event.day.walk_ins) == 1 and demo_event.composition_present().total == 1
    # someone on the list, registered as a walk-in by mistake: checked in as themselves
    listed = demo_event.get(20)
    r = register_walk_in(demo_event, name=listed.name, unit=listed.unit, category="khach_moi")
    assert r.result == CHECKED_IN and r.delegate.id == 20 and len(demo_event.day.walk_ins) == 1


def test_folder_pulled_from_under_a_desk_is_said_not_read_as_empty(demo_dir, tmp_path):
    """A USB stick pulled: the roster is not 'nobody registered', and a scan says what happened."""
    from console.door.checkin import scan
    from console.door.tokens import make_token
    from console.event import Event

    ev = Event(demo_dir, desk="ban-1")
    token = make_token(ev.secret, sorted(ev.imported)[0])
    moved = tmp_path / "elsewhere"
    demo_dir.rename(moved)
    r = scan(ev, token)
    assert r.result == "error" and "thư mục hội nghị đã bị gỡ" in r.message
    assert len(ev.roster_store._cache) == 140  # what we had is kept
    moved.rename(demo_dir)
    assert scan(ev, token).result == "checked_in"  # plugged back in: the desk goes on
