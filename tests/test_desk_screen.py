"""The desk screen through Pilot, typed character by character as a wedge scanner does."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.screen import ModalScreen

from console.door.checkin import checkin_delegate
from console.door.tokens import make_token
from console.event import Event
from tests.ime_sim import telex, vni
from tests.ui import until

pytestmark = pytest.mark.asyncio
SHOTS = Path("/work/briefs/shots")


def keys(text: str) -> list[str]:
    """What a keyboard wedge sends: one key per character."""
    return ["space" if ch == " " else ch for ch in text]


@pytest.fixture
def app(demo_app):
    return demo_app("desk", role="desk", desk="ban-1", poll_seconds=0.1)


def panel(app):
    return app.screen.query_one("#desk-result")


def rendered(widget) -> str:
    """The text a Static shows (its Rich renderable, printed plain)."""
    from rich.console import Console

    console = Console(width=80, record=True, file=open("/dev/null", "w"))  # noqa: SIM115
    console.print(widget.content)
    return console.export_text()


async def type_scan(pilot, text: str) -> None:
    """A scanner burst: one key event per character then Enter, sent back to back
    without waiting for the app between keys (as a USB wedge does)."""
    from textual import events
    from textual.keys import _character_to_key

    app = pilot.app
    def desk_screen():
        return next((s for s in app.screen_stack if type(s).__name__ == "DeskScreen"), None)  # (maybe under a dialog)

    await until(pilot, lambda: desk_screen() is not None and desk_screen().focused is not None, what="the desk open")
    desk = desk_screen()
    before = desk.last
    for ch in [*text, "\r"]:
        key = "enter" if ch == "\r" else _character_to_key(ch)
        event = events.Key(key, ch)
        event.set_sender(app)
        app._driver.send_message(event)
    # Every key handled and the Enter answered (one pause was not always enough under load).
    await until(pilot, lambda: desk.last is not before, what="the scan's answer")
    await pilot.pause()


async def test_two_badges_scanned_back_to_back_do_not_run_together(app):
    async with app.run_test(size=(80, 24)) as pilot:
        secret = app.event.secret
        await type_scan(pilot, make_token(secret, 17) + "\r" + make_token(secret, 18))
        assert {17, 18} <= set(app.event.day.present)
        assert panel(app).kind == "checked_in" and app.event.get(18).name.upper() in rendered(panel(app))


async def test_a_scan_typed_key_by_key_with_pauses_checks_in_too(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*keys(make_token(app.event.secret, 16)), "enter")
        await pilot.pause()
        assert panel(app).kind == "checked_in" and 16 in app.event.day.present


async def test_scanned_token_checks_in_and_shows_the_person(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.focused.id == "desk-scan"
        d = app.event.get(1)
        await type_scan(pilot, make_token(app.event.secret, 1))
        assert panel(app).kind == "checked_in" and panel(app).has_class("-ok")
        shown = rendered(panel(app))
        assert d.name.upper() in shown and d.unit in shown
        assert 1 in app.event.day.present
        assert app.screen.query_one("#desk-scan").value == ""  # ready for the next scan at once
        assert not app.screen.query_one("#desk-hits").display  # a burst never searched


async def test_duplicate_shows_time_and_desk_then_panel_goes_back_to_ready(app, clock):
    async with app.run_test(size=(80, 24)) as pilot:
        app.screen.result_seconds = 1.5  # long enough to be read under load (0.2 s ran out on a busy machine)
        token = make_token(app.event.secret, 2)
        await type_scan(pilot, token)
        clock.advance(minutes=5)
        await type_scan(pilot, token.lower())
        assert panel(app).kind == "already_checked_in" and panel(app).has_class("-already")
        assert "07:00" in rendered(panel(app)) and "ban-1" in rendered(panel(app))
        await until(pilot, lambda: panel(app).kind == "ready", what="the panel back to ready")


@pytest.mark.parametrize("ime", [telex, vni], ids=["telex", "vni"])
async def test_token_typed_through_an_ime_survives(app, ime):
    async with app.run_test(size=(80, 24)) as pilot:
        token = make_token(app.event.secret, 3)
        await type_scan(pilot, ime(token))
        assert panel(app).kind == "checked_in"


@pytest.mark.parametrize("ime", [telex, vni], ids=["telex", "vni"])
async def test_mangled_legacy_payload_says_switch_the_input_method(app, ime):
    async with app.run_test(size=(80, 24)) as pilot:
        bells = []
        app.bell = lambda: bells.append(1)
        before = app.event.journal.path.stat().st_size
        await type_scan(pilot, ime("HNDDA0042WAS1"))
        assert panel(app).kind == "ime_mangled" and panel(app).has_class("-ime")
        assert "bộ gõ" in rendered(panel(app)).lower()
        assert bells == [1]  # [desk] bell_on_error = true in the demo's event.toml
        assert app.event.journal.path.stat().st_size == before


async def test_no_bell_when_the_event_turns_it_off(app):
    app.event.settings.desk.bell_on_error = False
    async with app.run_test(size=(80, 24)) as pilot:
        bells = []
        app.bell = lambda: bells.append(1)
        await type_scan(pilot, "zz")
        assert panel(app).kind == "not_found" and bells == []


@pytest.mark.parametrize("payload,kind", [
    ("http://x.vn/a", "invalid"),
    ("forged", "invalid"),
    ("zzzz qqqq", "not_found"),
])
async def test_bad_scans_show_a_distinct_result_and_write_nothing(app, payload, kind):
    if payload == "forged":  # this event's form and tag, a wrong signature
        token = make_token(app.event.secret, 4)
        payload = token[:-1] + ("B" if token[-1] != "B" else "C")
    async with app.run_test(size=(80, 24)) as pilot:
        before = app.event.journal.path.stat().st_size
        await type_scan(pilot, payload)
        assert panel(app).kind == kind and panel(app).has_class("-invalid" if kind == "invalid" else "-unknown")
        assert app.event.journal.path.stat().st_size == before


async def test_other_events_badge_is_named_as_such(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await type_scan(pilot, make_token(bytes.fromhex("cd" * 32), 5))
        assert panel(app).kind == "other_event" and "HỘI NGHỊ KHÁC" in rendered(panel(app))


async def test_search_as_you_type_then_arrows_and_enter_check_in(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*keys("hoang van duc"))
        await pilot.pause()
        hits = app.screen.query_one("#desk-hits")
        assert hits.display and hits.option_count == 2
        texts = [str(hits.get_option_at_index(i).prompt) for i in range(2)]
        assert all("Hoàng Văn Đức" in t for t in texts)
        assert {"(1979)", "(1986)"} <= {w for t in texts for w in t.split()}
        await pilot.press("down", "enter")
        await pilot.pause()
        picked = int(hits.get_option_at_index(1).id)
        assert panel(app).kind == "checked_in" and picked in app.event.day.present
        assert not hits.display and app.screen.focused.id == "desk-scan"


async def test_focus_returns_to_the_input_after_every_dialog_and_click(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f7")
        await pilot.pause()
        assert type(app.screen).__name__ == "WalkInDialog"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.focused.id == "desk-scan"
        await pilot.click("#desk-quota")
        await pilot.pause()
        assert app.screen.focused.id == "desk-scan"
        # and the scan after that lands in the input
        await type_scan(pilot, make_token(app.event.secret, 6))
        assert 6 in app.event.day.present


@pytest.mark.parametrize("dialog_key", ["f7", "f8"])
async def test_a_scan_into_a_leftover_dialog_is_not_swallowed(app, dialog_key):
    """The scan checks in; the dialog stays as it was (tests/test_scan_anywhere.py: every dialog)."""
    async with app.run_test(size=(80, 24)) as pilot:
        if dialog_key == "f8":  # undo needs someone to undo
            await type_scan(pilot, make_token(app.event.secret, 13))
        await pilot.press(dialog_key)
        await pilot.pause()
        assert isinstance(app.screen, ModalScreen)
        dialog = app.screen
        await type_scan(pilot, make_token(app.event.secret, 14))
        await pilot.pause()
        assert app.screen is dialog and 14 in app.event.day.present
        assert not app.event.day.walk_ins
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "DeskScreen" and app.screen.focused.id == "desk-scan"
        assert panel(app).kind == "checked_in" and app.screen.current.id == 14


async def test_a_scan_after_half_typed_text_still_checks_in(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*keys("Lo"))
        await type_scan(pilot, make_token(app.event.secret, 15))
        assert panel(app).kind == "checked_in" and 15 in app.event.day.present


async def test_walk_in_guest_in_a_few_keystrokes(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*keys("Vàng Seo Páo"))  # searched first, not found
        await pilot.pause()
        await pilot.press("f7")
        await pilot.pause()
        assert app.screen.query_one("#walkin-name").value == "Vàng Seo Páo"
        # name ⏎ unit ⏎ (no position) ⏎ Nam/Nữ ⏎ birth year ⏎ ethnicity ⏎ category 1 ⏎
        await pilot.press("enter", *keys("UBND xã Bằng Thành"), "enter", "enter", *keys("Nam"), "enter",
                          *keys("1986"), "enter", *keys("Mông"), "enter", "enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "DeskScreen" and app.screen.focused.id == "desk-scan"
        assert panel(app).kind == "checked_in" and "VÀNG SEO PÁO" in rendered(panel(app))
        walk = [d for d in app.event.day.walk_ins.values()]
        assert [(d.name, d.unit, d.category, d.gender, d.birth_year, d.ethnicity, d.supplementary) for d in walk] == [
            ("Vàng Seo Páo", "UBND xã Bằng Thành", "khach_moi", "nam", 1986, "Mông", False)]


async def test_exemplary_walk_in_needs_a_reason(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f7")
        await pilot.pause()
        # (the guest test types every character; here the fields are filled to save time)
        app.screen.query_one("#walkin-name").value = "Lò Thị Mai"
        app.screen.query_one("#walkin-unit").value = "Trạm Y tế xã Nghiên Loan"
        app.screen.query_one("#walkin-gender").value = "Nữ"
        app.screen.query_one("#walkin-ethnicity").focus()
        await pilot.press("enter", "2", "f2")
        await pilot.pause()
        dialog = app.screen
        assert type(dialog).__name__ == "WalkInDialog"
        assert "lý do" in str(dialog.query_one("#walkin-error").render())
        assert not app.event.day.walk_ins
        await pilot.click("#walkin-reason")
        await pilot.press(*keys("Thay"), "enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "DeskScreen"
        (d,) = app.event.day.walk_ins.values()
        assert d.category == "ca_nhan" and d.walk_in_reason == "Thay"


async def test_undo_with_a_reason_keeps_both_journal_lines(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await type_scan(pilot, make_token(app.event.secret, 7))
        await pilot.press("f8")
        await pilot.pause()
        await pilot.press("1", "enter")
        await pilot.pause()
        assert panel(app).kind == "undone" and 7 not in app.event.day.present
        assert app.screen.focused.id == "desk-scan"
        kinds = [e.kind for e in app.event.journal.entries if e.kind.startswith("checkin")]
        assert kinds == ["checkin", "checkin_undo"]
        undo = app.event.journal.entries[-1]
        assert undo.data["reason"] == "Quét nhầm"


async def test_checkout_of_the_person_found_by_name(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await type_scan(pilot, make_token(app.event.secret, 8))
        await pilot.press(*keys("0008"))  # found by its code
        await pilot.pause()
        await pilot.press("f9")
        await pilot.pause()
        assert panel(app).kind == "checked_out" and 8 not in app.event.day.present
        assert 8 in app.event.day.left


async def test_another_desks_checkin_shows_within_a_second(app, demo_dir, clock):
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        other = Event(demo_dir, desk="ban-2", clock=clock)
        name = other.get(9).name
        checkin_delegate(other, 9, desk="ban-2")
        await until(pilot, lambda: name in rendered(app.screen.query_one("#desk-recent")), timeout=1.0,
                    what="the other desk's check-in within a second")
        assert "1 / 140" in rendered(app.screen.query_one("#desk-quota"))


async def test_footer_shows_every_action_key(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        shown = {b.key for (_, b, enabled, _tip) in app.active_bindings.values() if b.show}
        assert {"f7", "f8", "f9", "escape"} <= shown


async def test_screenshot_after_a_few_scans_at_80x24(app, demo_dir, clock):
    other = Event(demo_dir, desk="ban-2", clock=clock)
    for did in (30, 41, 52, 63, 70, 88, 101, 120, 133):  # the other desk was busy first
        checkin_delegate(other, did, desk="ban-2")
        clock.advance(seconds=35)
    async with app.run_test(size=(80, 24)) as pilot:
        secret = app.event.secret
        await type_scan(pilot, make_token(secret, 41))  # already, at ban-2
        assert panel(app).kind == "already_checked_in"
        clock.advance(seconds=50)
        await type_scan(pilot, make_token(secret, 95))
        assert panel(app).kind == "checked_in"
        SHOTS.mkdir(parents=True, exist_ok=True)
        path = app.save_screenshot(str(SHOTS / "desk-80x24.svg"))
        svg = Path(path).read_text().replace("&#160;", " ")
        assert "ĐÃ ĐIỂM DANH" in svg and "Vừa" in svg and "ban-2" in svg
        await pilot.press(*keys("hoang van duc"))
        await pilot.pause()
        svg = Path(app.save_screenshot(str(SHOTS / "desk-search-80x24.svg"))).read_text().replace("&#160;", " ")
        assert svg.count("Hoàng Văn Đức") == 2


async def test_desk_from_the_full_console_takes_the_scan_after_a_mode_switch(demo_dir, clock, demo_app):
    app = demo_app("status", role="all", desk="ban-1")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f2")
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        assert type(app.screen).__name__ == "DeskScreen" and app.screen.focused.id == "desk-scan"
        await type_scan(pilot, make_token(app.event.secret, 19))
        assert 19 in app.event.day.present


async def test_f10_reprints_a_lost_badge_and_the_old_one_is_replaced(demo_dir, clock, demo_app):
    from console.door.checkin import scan
    from console.door.tokens import make_token
    from console.event import Event
    from console.printing.queue import PrintQueue

    app = demo_app("desk", role="desk", desk="ban-1")
    ev0 = Event(demo_dir)
    who = sorted(ev0.imported)[3]
    old = make_token(ev0.secret, who)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press(*keys(old), "enter")
        await pilot.pause()
        assert who in app.event.day.present
        await pilot.press("f10")
        await pilot.pause()
        await pilot.press("1", "enter")  # 1 = lost badge
        await pilot.pause()
        assert app.event.day.version_of(who) == 2
        jobs = [j for j in PrintQueue(demo_dir).jobs() if j.kind == "badge"]
        assert any(j.data.get("delegate_id") == who or f"{who:04d}" in j.title for j in jobs)
    assert scan(Event(demo_dir), old).result == "replaced"


async def test_walk_in_badge_is_queued(demo_dir, clock, demo_app):
    from console.printing.queue import PrintQueue

    app = demo_app("desk", role="desk", desk="ban-1")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f7")
        await pilot.pause()
        await pilot.press(*keys("Lò Văn Khách"), "enter", *keys("Báo Bắc Kạn"), "enter", "enter", *keys("nam"),
                          "enter", "enter", "enter", "enter")
        await pilot.pause()
        await pilot.pause()
        walkins = list(app.event.day.walk_ins.values())
        assert [d.name for d in walkins] == ["Lò Văn Khách"]
        titles = [j.title for j in PrintQueue(demo_dir).jobs() if j.kind == "badge"]
        assert any("Lò Văn Khách" in t for t in titles)
