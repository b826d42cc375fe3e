"""A scan on every screen and under every dialog of a desk-role process, through Pilot.

Each burst is sent key by key with the timestamps a wedge scanner gives (12 ms a key),
upper case, lower case, and an old badge rewritten by Unikey's Quick Telex. After it:
the person is checked in (one journal line, nothing else), the answer is on screen, and
everything else is as it was — the screen and dialog stack, the focused field, every
field's text and cursor, every radio button, the print queue.
"""

from __future__ import annotations

import pytest
from textual import _time, events
from textual.keys import _character_to_key
from textual.screen import ModalScreen
from textual.widgets import Input, RadioButton

from console.door.tokens import make_legacy_token, make_token
from tests.ime_sim import quick_telex
from tests.ui import notes, until

pytestmark = pytest.mark.asyncio

SCANNER_GAP = 0.012  # s between keys: a wedge scanner
PERSON_GAP = 0.125  # s: 8 characters a second


async def send(pilot, text: str, gap: float, *, enter: bool = True) -> None:
    """Keys stamped `gap` apart, sent back to back (the app handles them when it can)."""
    app = pilot.app
    t = _time.get_time()
    for ch in [*text, "\r"] if enter else text:
        key = "enter" if ch == "\r" else ("space" if ch == " " else _character_to_key(ch))
        ev = events.Key(key, ch)
        ev.time = t
        ev.set_sender(app)
        app._driver.send_message(ev)
        t += gap
    await pilot.pause()
    await pilot.pause()


def payload(app, did: int, variant: str) -> str:
    secret = app.event.secret
    if variant == "upper":
        return make_token(secret, did)
    if variant == "lower":
        return make_token(secret, did).lower()
    # an 18-character badge printed before, with a doubled consonant Quick Telex rewrites
    for d in [did, *range(1, 141)]:
        if d in app.event.day.present:
            continue
        old = make_legacy_token(secret, d)
        if quick_telex(old) != old:
            return quick_telex(old.lower())
    raise AssertionError("no old badge with a doubled consonant")


def who(app, text: str) -> int:
    from console.door.tokens import parse_rewritten

    return parse_rewritten(app.event.secret, text).delegate_id


def state(app, folder):
    scr = app.screen
    queue = folder / "print-queue"
    return {
        "stack": [type(s).__name__ for s in app.screen_stack],
        "mode": app.current_mode,
        "focused": getattr(app.focused, "id", None) or type(app.focused).__name__,
        "inputs": [(i.id, i.value, i.cursor_position) for i in scr.query(Input)],
        "radios": [(r.id, r.value) for r in scr.query(RadioButton)],
        "queue": sorted(p.name for p in queue.rglob("*")) if queue.exists() else [],
        "journal": [e.kind for e in app.event.journal.entries],
    }


async def open_walk_in(pilot):
    app = pilot.app
    await pilot.press("f2")
    await until(pilot, lambda: type(app.screen).__name__ == "DeskScreen", what="the desk")
    await pilot.press("f7")
    await until(pilot, lambda: type(app.screen).__name__ == "WalkInDialog", what="the walk-in form")
    # half filled: a name typed, the unit started, the category moved to "2 Cá nhân ĐH"
    await send(pilot, "Hoàng Thị Hạnh", PERSON_GAP, enter=False)
    await send(pilot, "", PERSON_GAP)  # Enter (after a person's pause): to the unit field
    await send(pilot, "Trạm Y tế xã Hồng Thái", PERSON_GAP, enter=False)
    app.screen.query_one("#cat-ca_nhan", RadioButton).value = True
    await send(pilot, " ", PERSON_GAP, enter=False)  # a key after a pause: the held "i" … goes in
    assert app.screen.query_one("#walkin-unit", Input).value == "Trạm Y tế xã Hồng Thái "


async def open_reason(pilot, key: str):
    app = pilot.app
    await pilot.press("f2")
    await until(pilot, lambda: type(app.screen).__name__ == "DeskScreen", what="the desk")
    await send(pilot, make_token(app.event.secret, 60), SCANNER_GAP)
    await until(pilot, lambda: 60 in app.event.day.present, what="someone to act on")
    await pilot.press(key)
    await until(pilot, lambda: type(app.screen).__name__ == "ReasonDialog", what="the reason dialog")
    await send(pilot, "Thẻ bị ", PERSON_GAP, enter=False)


async def open_mode(pilot, mode: str):
    app = pilot.app
    app.switch_mode(mode)
    await until(pilot, lambda: app.current_mode == mode and app.screen.is_mounted, what=mode)
    await pilot.pause()


async def open_palette(pilot):
    app = pilot.app
    await pilot.press("ctrl+p")
    await until(pilot, lambda: type(app.screen).__name__ == "CommandPalette", what="the palette")
    await send(pilot, "Máy", PERSON_GAP, enter=False)


async def open_picker(pilot):
    from console.printing.jobs import queue_badges

    app = pilot.app
    await open_mode(pilot, "printers")
    # a badge job waiting on a printer that refuses (port 9 on loopback)
    queue_badges(app.event, [3], printer="tcp://127.0.0.1:9")
    await until(pilot, lambda: bool(app.screen._selected_job()), what="a job to move")
    await pilot.press("m")
    await until(pilot, lambda: type(app.screen).__name__ == "PrinterPicker", what="the printer picker")


async def open_proxy(pilot):
    app = pilot.app
    await open_mode(pilot, "ceremony")
    await pilot.press("n")
    await until(pilot, lambda: type(app.screen).__name__ == "ProxyDialog", what="the proxy dialog")
    await send(pilot, "Lò", PERSON_GAP, enter=False)


async def open_message(pilot):
    app = pilot.app
    await open_mode(pilot, "control")
    await pilot.press("m")
    await until(pilot, lambda: type(app.screen).__name__ == "MessageDialog", what="the MC message dialog")
    await send(pilot, "Mời đại biểu ổn định", PERSON_GAP, enter=False)
    await send(pilot, " ", PERSON_GAP, enter=False)


CONTEXTS = {
    "status": lambda p: open_mode(p, "status"),
    "cue": lambda p: open_mode(p, "cue"),
    "control": lambda p: open_mode(p, "control"),
    "ceremony": lambda p: open_mode(p, "ceremony"),
    "printers": lambda p: open_mode(p, "printers"),
    "walk-in": open_walk_in,
    "undo": lambda p: open_reason(p, "f8"),
    "reprint": lambda p: open_reason(p, "f10"),
    "palette": open_palette,
    "printer-picker": open_picker,
    "proxy": open_proxy,
    "mc-message": open_message,
}
CASES = [(c, v) for c in CONTEXTS for v in ("upper", "lower", "quick-telex")
         if v == "upper" or c in ("walk-in", "printers", "status", "undo")]
CASES += [(c, "lower") for c in CONTEXTS if c not in ("walk-in", "printers", "status", "undo")][:4]


@pytest.mark.parametrize(("where", "variant"), CASES)
async def test_a_scan_checks_in_from_here_and_nothing_else_changes(demo_app, demo_dir, where, variant):
    app = demo_app("status", role="all", desk="ban-1")
    async with app.run_test(size=(100, 30)) as pilot:
        app.scan_router.flush_seconds = 30  # timing comes from the keys' stamps only
        await CONTEXTS[where](pilot)
        before = state(app, demo_dir)
        did = 100
        text = payload(app, did, variant)
        if variant == "quick-telex":
            did = who(app, text)
        assert did not in app.event.day.present
        await send(pilot, text, SCANNER_GAP)
        await until(pilot, lambda: did in app.event.day.present, what="the scanned person checked in")
        after = state(app, demo_dir)
        assert after["journal"] == [*before["journal"], "checkin"]
        assert {**after, "journal": None} == {**before, "journal": None}
        name = app.event.get(did).name
        assert any(name in n for n in notes(app)), notes(app)  # said on the screen the operator sees
        if variant == "quick-telex":
            assert any("chuyển bộ gõ" in n for n in notes(app))


async def test_the_desk_itself_still_scans_into_its_field(demo_app):
    app = demo_app("desk", role="desk", desk="ban-1")
    async with app.run_test(size=(80, 24)) as pilot:
        app.scan_router.flush_seconds = 30
        await send(pilot, make_token(app.event.secret, 5).lower(), SCANNER_GAP)
        await until(pilot, lambda: 5 in app.event.day.present, what="checked in")
        assert app.screen.query_one("#desk-result").kind == "checked_in"


async def test_lower_case_scan_on_printers_never_fires_its_keys(demo_app, demo_dir):
    """The issue's case: "hn…b…b…" on F6 used to queue every badge."""
    app = demo_app("printers", role="desk", desk="ban-1")
    async with app.run_test(size=(80, 24)) as pilot:
        app.scan_router.flush_seconds = 30
        await pilot.pause()
        secret = app.event.secret
        did = next(i for i in range(1, 141) if make_token(secret, i).lower().count("b") >= 2)
        await send(pilot, make_token(secret, did).lower(), SCANNER_GAP)
        await until(pilot, lambda: did in app.event.day.present, what="checked in")
        assert not (demo_dir / "print-queue").exists() or not list((demo_dir / "print-queue").rglob("badge-*"))
        assert "Bấm b lần nữa" not in str(app.screen.query_one("#printers-message").render())


async def test_a_person_typing_in_the_walk_in_form_is_unaffected(demo_app):
    """At 8 characters a second every key lands in its field, names with H and h included."""
    app = demo_app("desk", role="desk", desk="ban-1")
    async with app.run_test(size=(80, 24)) as pilot:
        app.scan_router.flush_seconds = 30
        await pilot.press("f7")
        await until(pilot, lambda: type(app.screen).__name__ == "WalkInDialog", what="the form")
        await send(pilot, "Hà Hn Hoàng Thị Hạnh", PERSON_GAP)
        await send(pilot, "HN Hà Nội", PERSON_GAP, enter=False)
        await send(pilot, " ", PERSON_GAP, enter=False)
        dialog = app.screen
        assert dialog.query_one("#walkin-name", Input).value == "Hà Hn Hoàng Thị Hạnh"
        assert dialog.query_one("#walkin-unit", Input).value == "HN Hà Nội "
        assert not app.scan_router.scans


async def test_a_scan_before_the_pin_checks_nobody_in_and_is_no_pin_guess(demo_app, demo_dir):
    from console.door.desk_pin import new_pin

    new_pin(demo_dir, "4321")
    app = demo_app("desk", role="desk", desk="web-1", require_pin=True)
    async with app.run_test(size=(80, 24)) as pilot:
        app.scan_router.flush_seconds = 30
        await until(pilot, lambda: type(app.screen).__name__ == "PinScreen", what="the PIN")
        await send(pilot, make_token(app.event.secret, 8), SCANNER_GAP)
        assert not app.event.day.present
        assert any("PIN" in n for n in notes(app))
        assert str(app.screen.query_one("#pin-error").render()) == ""  # not counted as a wrong PIN
        assert isinstance(app.screen, ModalScreen)
