"""Pilot: the ceremony screen while people arrive at the door (another process's check-ins)."""

from __future__ import annotations

import asyncio
import html
import os
import re

from console.ceremony import plan_awards
from console.door.checkin import checkin_delegate
from console.event import Event
from tests.ui import catch_up


def svg_text(path: str) -> str:
    """The screenshot's lines as plain text (spans of one row joined)."""
    svg = open(path, encoding="utf-8").read()
    rows: dict[float, list[str]] = {}
    for y, chunk in re.findall(r'<text[^>]*y="([\d.]+)"[^>]*>(.*?)</text>', svg):
        rows.setdefault(float(y), []).append(html.unescape(re.sub("<[^>]+>", "", chunk)))
    return "\n".join("".join(rows[y]).replace("\xa0", " ") for y in sorted(rows))


async def _settle(pilot, app, rounds: int = 1) -> None:
    for _ in range(rounds):
        await catch_up(pilot)


def test_ceremony_screen_people_arriving(demo_dir, clock, tmp_path, demo_app):

    door = Event(demo_dir, desk="cua-1", clock=clock)  # the registration desk, another "process"
    everyone = door.delegates()
    awards = door.roster_store.table_docs("awards")
    first_form = [a for a in awards if a["form"].startswith("Bằng khen của Tổng")]
    shot = os.environ.get("HOINGHI_SHOTS") or str(tmp_path)  # HOINGHI_SHOTS=dir keeps the SVG

    async def run():
        app = demo_app("ceremony", role="ceremony", desk="thu-ky")
        async with app.run_test(size=(80, 24)) as pilot:
            await _settle(pilot, app)
            screen = app.screen
            table = screen.query_one("#cer-table")
            assert table.row_count == len(awards)
            assert "trao sau" in str(screen.query_one("#cer-summary").render())
            # Nobody in the hall yet: nobody is in a batch.
            assert all(p.batch is None for p in screen._rows.values())

            # The provincial leader and the first-form awardees arrive, one by one.
            leader = next(d for d in everyone.values() if d.position == "Phó Chủ tịch LĐLĐ tỉnh")
            checkin_delegate(door, leader.id)
            for a in first_form[:3]:
                checkin_delegate(door, a["delegate_id"])
                await _settle(pilot, app, 2)
            await _settle(pilot, app)
            called = [p for p in screen._rows.values() if p.batch]
            assert len(called) == 3 and all(p.called_id in door.day.present for p in called)
            assert {p.item.key for p in called} == {a["key"] for a in first_form[:3]}
            # Reason and MC line for the highlighted row are visible.
            table.move_cursor(row=0)
            await pilot.pause()
            reason = str(screen.query_one("#cer-reason").render())
            assert "Lý do" in reason and "lên trao thưởng" in reason and leader.name in reason

            # Move the first called award down, by keyboard.
            first_key = [p.item.key for p in screen._rows.values() if p.batch][0]
            table.move_cursor(row=table.get_row_index(first_key))
            await pilot.press("f8")
            await _settle(pilot, app, 2)
            order = [p.item.key for p in screen._rows.values() if p.batch]
            assert order.index(first_key) == 1

            os.makedirs(shot, exist_ok=True)
            svg = app.save_screenshot(os.path.join(shot, "ceremony-screen.svg"))
            text = svg_text(svg)
            assert "Lên nhận" in text and "Lý do:" in text and "MC: Trân trọng kính mời" in text

            # Batch 1 presented.
            await pilot.press("s")
            clock.advance(minutes=2)
            await pilot.press("x")
            await _settle(pilot, app, 2)
            kinds = [e.kind for e in app.event.journal.entries]
            assert "ceremony_batch_start" in kinds and "ceremony_batch_done" in kinds
            assert all(p.status == "presented" for p in screen._rows.values() if p.batch == 1)

            # Switch to speeches: nobody absent is proposed.
            await pilot.press("l")
            await _settle(pilot, app, 2)
            assert "Tham luận" in str(screen.query_one("#cer-summary").render())
            assert all(p.present for p in screen._rows.values() if p.status == "pending")

    asyncio.run(run())
    # The plan seen by another process agrees.
    again = Event(demo_dir, desk="kiem-tra", clock=clock)
    plan = plan_awards(again)
    assert plan.batches[0].done and plan.measured


def test_ceremony_screen_proxy_presenter_and_speeches(demo_dir, clock, demo_app):

    door = Event(demo_dir, desk="cua-1", clock=clock)
    for i in door.delegates():
        checkin_delegate(door, i)
    absent = plan_awards(door).batches[0].awards[3]  # an individual in the first batch
    from console.door.checkin import checkout

    checkout(door, absent.called_id)
    proxy = next(d for d in door.present_delegates() if d.category == "ca_nhan")

    async def run():
        app = demo_app("ceremony", role="ceremony", desk="thu-ky")
        async with app.run_test(size=(80, 24)) as pilot:
            await _settle(pilot, app)
            screen = app.screen
            table = screen.query_one("#cer-table")
            row = screen._rows[absent.item.key]
            assert row.status == "later" and row.batch is None
            table.move_cursor(row=table.get_row_index(absent.item.key))
            await pilot.press("n")
            await pilot.pause()
            await pilot.press(*list(proxy.code), "enter")
            await _settle(pilot, app, 2)
            row = screen._rows[absent.item.key]
            assert row.batch is not None and row.called_id == proxy.id and row.proxy_name == proxy.name
            # Swap the presenter of that batch.
            before = next(b for b in screen._award_plan.batches if b.number == row.batch).presenter_id
            await pilot.press("t")
            await _settle(pilot, app, 2)
            after = next(b for b in screen._award_plan.batches if b.number == row.batch).presenter_id
            assert after != before
            # Speeches: start, ten minutes pass, done; the measured time shows.
            await pilot.press("l")
            await _settle(pilot, app, 2)
            first = next(p for p in screen._rows.values() if p.status == "pending")
            await pilot.press("s")
            await _settle(pilot, app, 2)
            assert screen._rows[first.item.key].status == "current"
            clock.advance(minutes=10)
            await pilot.press("x")
            await _settle(pilot, app, 2)
            done = screen._rows[first.item.key]
            assert done.status == "given" and done.actual_minutes == 10
            assert "đã dùng 10" in str(screen.query_one("#cer-summary").render())

    asyncio.run(run())


def test_ceremony_screen_shows_a_forced_change_and_approves_it_with_a(demo_dir, clock, demo_app):
    from console.ceremony import actions
    from console.door.checkin import checkout
    from tests.ui import screen_text

    door = Event(demo_dir, desk="cua-1", clock=clock)
    for i in door.delegates():
        checkin_delegate(door, i)
    actions.start_batch(door)  # the first batch is up: what the MC has is fixed
    b = plan_awards(door).pending_batches[1]
    checkout(door, b.presenter_id)  # that batch's presenter leaves the hall

    async def run():
        app = demo_app("ceremony", role="ceremony", desk="thu-ky")
        async with app.run_test(size=(120, 30)) as pilot:
            await _settle(pilot, app, 2)
            screen = app.screen
            assert screen._award_plan.proposals
            assert "đề xuất đổi (a: duyệt)" in str(screen.query_one("#cer-summary").render())
            assert "a Duyệt đổi" in screen_text(app).replace("\xa0", " ")
            await pilot.press("a")
            await _settle(pilot, app, 2)
            assert not screen._award_plan.proposals
            again = next(x for x in screen._award_plan.batches if x.number == b.number)
            assert again.presenter_id != b.presenter_id and again.changes
            assert "Duyệt đổi" not in screen_text(app)  # nothing left to approve: the key hides

    asyncio.run(run())
