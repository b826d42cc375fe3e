"""Names, units and positions holding Textual markup are shown literally on every screen
and dialog (a `[/b]` crashed F8/F10; a `[@click=app.quit]` became a live link)."""

from __future__ import annotations

import pytest

from console.event import Event
from tests.ui import screen_text, until

pytestmark = pytest.mark.asyncio

NAME_A = "Lò Văn [/b]Páo"
NAME_B = "Hà Thị [b]Mai[/b]"
UNIT_A = "[@click=app.quit]UBND xã Bằng[/]"
POS_A = "[red]Chủ tịch"


def make_hostile(folder) -> tuple[int, int, int]:
    ev = Event(folder, desk="t")
    people = ev.roster_store.load()
    speeches = ev.roster_store.table_docs("speeches")
    awards = ev.roster_store.table_docs("awards")
    speaker = speeches[0]["delegate_id"]
    award = next(a for a in awards if not a.get("collective"))
    awardee = award["delegate_id"]
    people[1].name, people[1].unit, people[1].position = NAME_A, UNIT_A, POS_A
    people[speaker].name = NAME_B
    people[awardee].name = NAME_A.replace("Páo", "Sử")
    speeches[0]["speaker"] = NAME_B
    speeches[0]["label"] = f"{NAME_B}: {speeches[0]['title']}"
    award["recipient"] = award["label"] = people[awardee].name
    ev.replace_roster(list(people.values()))
    ev.roster_store.replace_table("speeches", speeches)
    ev.roster_store.replace_table("awards", awards)
    return 1, speaker, awardee


async def test_markup_in_names_is_shown_literally_everywhere(demo_app, demo_dir):
    from console.door.checkin import checkin_delegate

    one, speaker, awardee = make_hostile(demo_dir)
    ev = Event(demo_dir, desk="ban-1")
    for did in (one, speaker, awardee):
        checkin_delegate(ev, did, desk="ban-1")
    app = demo_app("desk", role="all", desk="ban-1")
    async with app.run_test(size=(160, 50)) as pilot:
        await until(pilot, lambda: app.screen.is_mounted, what="the desk")
        # the desk: the search hit, then the result panel and "Vừa đến"
        await pilot.press(*"0001")  # found by its code
        await until(pilot, lambda: "[/b]Páo" in screen_text(app), what="the hit shown literally")
        await pilot.press("enter")
        await until(pilot, lambda: app.screen.query_one("#desk-result").kind != "ready", what="a result")
        text = screen_text(app)
        assert "[/b]Páo" in text.replace("[/B]PÁO", "[/b]Páo") or "[/B]PÁO" in text
        assert "[@click=app.quit]" in text
        for key in ("f8", "f10"):  # both crashed on the name
            await pilot.press(key)
            await until(pilot, lambda: type(app.screen).__name__ == "ReasonDialog", what=f"{key} dialog")
            assert "[/b]Páo" in screen_text(app) and "[@click=app.quit]" in screen_text(app)
            await pilot.press("escape")
            await until(pilot, lambda: type(app.screen).__name__ == "DeskScreen", what="back to the desk")
        for mode in ("status", "cue", "control", "ceremony", "printers"):
            app.switch_mode(mode)
            await until(pilot, lambda m=mode: app.current_mode == m, what=mode)
            await pilot.pause()
            screen_text(app)  # draws without raising
        app.switch_mode("ceremony")
        await until(pilot, lambda: app.current_mode == "ceremony", what="ceremony")
        await until(pilot, lambda: "[/b]Sử" in screen_text(app), what="the awardee literally in the list")
        await pilot.press("l")
        await until(pilot, lambda: "[b]Mai[/b]" in screen_text(app), what="the speaker literally in the list")
        assert app.is_running  # the click tag was never live


async def test_namesakes_at_the_desk_are_told_apart_by_unit_and_birth_year(demo_app, demo_dir):
    from console.door.tokens import make_token
    from tests.test_scan_anywhere import SCANNER_GAP, send

    ev = Event(demo_dir, desk="t")
    people = ev.roster_store.load()
    a, b, c = people[1], people[2], people[3]
    a.name = b.name = "Lò Văn Đội"
    a.unit, a.birth_year, b.unit, b.birth_year = "UBND xã Nà Mò", 1975, "HTX Cốc Đán", 1981
    c.name, c.unit, c.birth_year = "Lò Văn Đổi", "Trường THCS Bản Lằn", 1990  # another name, not a namesake
    ev.replace_roster(list(people.values()))
    app = demo_app("desk", role="desk", desk="ban-1")
    async with app.run_test(size=(100, 30)) as pilot:
        app.scan_router.flush_seconds = 30
        await pilot.pause()
        await send(pilot, make_token(ev.secret, 1), SCANNER_GAP)
        await until(pilot, lambda: 1 in app.event.day.present, what="checked in")
        text = screen_text(app)
        assert "sinh 1975" in text and "TRÙNG TÊN" in text
        assert "Lò Văn Đội (UBND xã Nà Mò, 1975)" in text  # Vừa đến
        await send(pilot, make_token(ev.secret, 3), SCANNER_GAP)
        await until(pilot, lambda: 3 in app.event.day.present, what="checked in")
        text = screen_text(app)
        assert "TRÙNG TÊN" not in text and "Lò Văn Đổi (" not in text
        await send(pilot, "Lo Van Doi", 0.15, enter=False)
        await until(pilot, lambda: "HTX Cốc Đán" in screen_text(app), what="both namesakes in the hits")
        text = screen_text(app)
        assert "(1975)" in text and "(1981)" in text and "UBND xã Nà Mò" in text
