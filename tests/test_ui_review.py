"""Pilot at 80×24: what an organiser reads on each screen (found by driving the console in a terminal)."""

from __future__ import annotations

import asyncio

from tests.ui import notes, screen_text, until


def test_footer_has_no_english_palette_and_room_for_every_screen_key(demo_dir, clock, tmp_path, demo_app):

    async def run():
        app = demo_app("status", desk="t")
        async with app.run_test(size=(80, 24)) as pilot:
            await until(pilot, lambda: "f6 Máy in" in screen_text(app).splitlines()[-1], what="the footer")
            footer = screen_text(app).splitlines()[-1]
            assert "palette" not in footer
            assert "f6 Máy in" in footer

    asyncio.run(run())


def test_demo_of_a_past_event_before_opening_shows_the_plan_not_years_of_delay(demo_dir, tmp_path, demo_app):
    """The demo's date is 15/04/2020; opened years later the cue read 'trễ +3479754 phút'."""
    from datetime import datetime

    from console.agenda.timing import view
    from console.event import Event
    from console.ground.clock import VN_TZ, FakeClock

    later = FakeClock(datetime(2026, 11, 26, 19, 24, tzinfo=VN_TZ))
    v = view(Event(demo_dir, desk="t", clock=later))
    assert v.drift_minutes == 0 and v.proposal is None
    assert v.next_items[0][1] == v.planned_end.replace(hour=7, minute=30)  # the first item at its planned time

    async def run():
        app = demo_app("cue", role="cue", desk="t", clock=later, poll_seconds=0.05)
        async with app.run_test(size=(80, 24)) as pilot:
            await until(pilot, lambda: "Mục đầu tiên" in screen_text(app), what="the cue's first item")
            text = screen_text(app)
            assert "Mục đầu tiên lúc 07:30" in text
            assert "trễ" not in text and "Đề xuất" not in text

    asyncio.run(run())


def test_control_footer_says_what_p_does_and_actual_minutes_use_a_comma(demo_dir, tmp_path, demo_app):
    from datetime import datetime

    from console.ground.clock import VN_TZ, FakeClock

    clock = FakeClock(datetime(2020, 4, 15, 7, 30, tzinfo=VN_TZ))

    async def run():
        app = demo_app("control", role="control", desk="dk", clock=clock)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press("s")
            clock.advance(seconds=90)
            app.screen.refresh_view()
            await until(pilot, lambda: "p Dừng" in screen_text(app), what="the footer after the start")  # bindings redraw later
            text = screen_text(app)
            assert "Chạy tiếp" not in text
            row = next(line for line in text.splitlines() if "Văn nghệ chào mừng" in line and "07:30" in line)
            assert "1,5" in row and "1.5" not in row
            await pilot.press("p")
            await until(pilot, lambda: "p Chạy tiếp" in screen_text(app), what="the footer while paused")
            text = screen_text(app)
            assert app.screen.last_view.state.paused
            assert "p Chạy tiếp" in text and "p Dừng" not in text
            await pilot.press("p")
            await until(pilot, lambda: "p Dừng" in screen_text(app), what="the footer running again")
            assert not app.screen.last_view.state.paused

    asyncio.run(run())


def test_ceremony_table_shows_whole_names_and_minutes_with_a_comma(demo_dir, clock, tmp_path, demo_app):
    """The award table was refilled every poll and kept each column at its header's width."""
    import re

    from console.door.checkin import checkin_delegate
    from console.event import Event

    door = Event(demo_dir, desk="cua", clock=clock)
    awards = door.roster_store.table_docs("awards")
    checkin_delegate(door, awards[0]["delegate_id"])
    names = [a["recipient"] for a in awards if len(a["recipient"]) <= 24]

    async def run():
        app = demo_app("ceremony", role="ceremony", desk="tk")
        async with app.run_test(size=(80, 24)) as pilot:
            await until(pilot, lambda: "✗ trao sau" in screen_text(app), what="the award table")
            text = screen_text(app)
            assert sum(name in text for name in names) >= 5  # whole names, not cut at 17 characters
            summary = text.splitlines()[2]
            assert "giây/người" in summary and not re.search(r"\d\.\d", summary)

    asyncio.run(run())


def test_undo_dialog_help_is_whole_at_80_columns(demo_dir, clock, tmp_path, demo_app):
    from console.door.tokens import make_token
    from console.event import Event

    ev = Event(demo_dir, desk="t", clock=clock)
    token = make_token(ev.secret, next(iter(ev.delegates().values())).id)

    async def run():
        app = demo_app("desk", role="desk", desk="t")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press(*list(token), "enter")
            await pilot.pause()
            await pilot.press("f8")
            await pilot.pause()
            text = screen_text(app)
            assert "bỏ qua." in text  # the help was cut at "Esc:" by the dialog's edge
            assert "lý do?" in text

    asyncio.run(run())


def test_status_quota_panel_rows_do_not_wrap_at_80_columns(demo_dir, clock, tmp_path, demo_app):
    import re


    async def run():
        app = demo_app("status", desk="t")
        async with app.run_test(size=(80, 24)) as pilot:
            await until(pilot, lambda: "Còn đón thêm" in screen_text(app), what="the quota panel")
            text = screen_text(app)
            assert re.search(r"Còn đón thêm khách\s+\d+", text)  # was "Còn đón thêm   0" / "khách"

    asyncio.run(run())


def test_walk_in_says_its_badge_is_queued_and_the_next_scan_lands_in_the_desk(demo_dir, clock, tmp_path, demo_app):
    from console.door.tokens import make_token
    from console.event import Event

    ev = Event(demo_dir, desk="t", clock=clock)
    token = make_token(ev.secret, next(iter(ev.delegates().values())).id)

    async def run():
        app = demo_app("desk", role="desk", desk="t")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press("f7")
            await pilot.pause()
            await pilot.press(*list("Tran Van Khach"), "enter", *list("UBND xa"), "enter", "enter", *list("nam"),
                              "enter", "enter", "enter", "enter")
            await until(pilot, lambda: any("Thẻ đã vào hàng in của máy “desk”" in m for m in notes(app)),
                        what="the walk-in's badge queued")
            await pilot.press(*list(token), "enter")
            await pilot.pause()
            assert "HÀ NGỌC PHÚC" in screen_text(app)  # focus came back to the scan input

    asyncio.run(run())


def test_retrying_a_printed_job_points_to_the_desk_key_not_only_a_command(tmp_path):
    import pytest

    from console.ground.errors import UserError
    from console.printing.queue import PrintQueue

    q = PrintQueue(tmp_path)
    job, _new = q.add("badge", "desk", {}, job_id="badge-0001-v1")
    q.finish(q.claim(job.id, 30), "desk")
    with pytest.raises(UserError, match="F10 ở màn hình Đón tiếp"):
        q.retry(job.id)


def test_ceremony_footer_keeps_the_days_keys_visible_at_80_columns(demo_dir, clock, tmp_path, demo_app):

    async def run():
        app = demo_app("ceremony", role="ceremony", desk="tk")
        async with app.run_test(size=(80, 24)) as pilot:
            await until(pilot, lambda: "Bắt đầu" in screen_text(app).splitlines()[-1], what="the footer")
            footer = screen_text(app).splitlines()[-1]
            for key in ("s Bắt đầu", "x Xong", "u Lùi", "t Người trao", "n Nhận thay", "f9 In đợt",
                        "f10 In DS MC", "l Bảng"):
                assert key.replace(" ", "") in footer.replace(" ", ""), (key, footer)
            assert "Ghim" not in footer  # pinning is for speeches
            await pilot.press("l")
            await until(pilot, lambda: "Ghim" in screen_text(app).splitlines()[-1], what="the speeches' footer")
            footer = screen_text(app).splitlines()[-1].replace(" ", "")
            assert "pGhim" in footer and "Ngườitrao" not in footer and "f10" not in footer
            assert "f7Lên" in footer and "f8Xuống" in footer

    asyncio.run(run())


def test_cue_says_whether_the_item_may_be_shortened_in_words(demo_dir):
    from datetime import datetime

    from console.agenda import steps
    from console.agenda.timing import view
    from console.event import Event
    from console.ground.clock import VN_TZ, FakeClock
    from screens.cue import clock_side

    ev = Event(demo_dir, desk="dk", clock=FakeClock(datetime(2020, 4, 15, 7, 30, tzinfo=VN_TZ)))
    steps.start(ev)
    v = view(ev)
    side = clock_side(v).plain
    assert ("Không rút ngắn" if v.current.segment.protected else "Có thể rút ngắn") in side
    assert "Co giãn" not in side and "Giữ nguyên" not in side


def test_approving_the_retiming_says_the_outcome_first(demo_dir):
    from datetime import datetime

    from console.agenda import steps
    from console.event import Event
    from console.ground.clock import VN_TZ, FakeClock

    clock = FakeClock(datetime(2020, 4, 15, 7, 30, tzinfo=VN_TZ))
    ev = Event(demo_dir, desk="dk", clock=clock)
    steps.start(ev)
    clock.advance(minutes=40)  # the performance runs 25 minutes over
    message = steps.STEPS["approve"](ev)
    assert message.startswith("Đã duyệt phân bổ lại, ")
    head = message.split(":")[0]
    assert "kết thúc đúng giờ" in head or "lệch còn" in head  # within the two lines the control shows


def test_another_desks_checkin_keeps_the_hit_picked_with_the_arrow(demo_dir, clock, tmp_path, demo_app):
    """A busy door: while the clerk picks the 2nd 'Dương', another desk checks someone in;
    the redraw used to move the pick back to the first hit, and Enter checked in the wrong person."""
    from console.door.checkin import checkin_delegate
    from console.event import Event

    other = Event(demo_dir, desk="cua-9", clock=clock)

    async def run():
        app = demo_app("desk", role="desk", desk="t")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press(*list("duong"))
            await pilot.pause()
            hits = app.screen.query_one("#desk-hits")
            await pilot.press("down")
            wanted = hits.picked_id
            assert wanted is not None and hits.highlighted == 1
            outsider = next(i for i in other.delegates() if i != wanted and i not in other.day.present)
            checkin_delegate(other, outsider)
            await until(pilot, lambda: outsider in app.event.day.present, what="the other desk's check-in")
            await pilot.pause()
            assert hits.picked_id == wanted
            await pilot.press("enter")
            await pilot.pause()
            assert wanted in app.event.day.present

    asyncio.run(run())


def test_f9_on_a_hit_not_in_the_hall_shows_why(demo_dir, clock, tmp_path, demo_app):

    async def run():
        app = demo_app("desk", role="desk", desk="t")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press(*list("duong"))
            await pilot.pause()
            await pilot.press("f9")
            await pilot.pause()
            text = screen_text(app)
            assert "KHÔNG THỰC HIỆN ĐƯỢC" in text and "không có trong hội" in text  # was hidden behind the hits
            assert app.screen.scan_input.has_focus

    asyncio.run(run())


def test_printers_show_each_jobs_state_and_the_whole_error_at_80_columns(demo_dir, clock, tmp_path, demo_app):
    from console.printing.jobs import queue_badges
    from console.printing.queue import PrintQueue
    from tests.test_print_screen import dead_uri, set_printers, wait_for

    set_printers(demo_dir, dead_uri())
    q = PrintQueue(demo_dir)

    async def run():
        app = demo_app("printers", desk="ban-1")
        async with app.run_test(size=(80, 24)) as pilot:
            queue_badges(app.event, [1])
            app.print_worker.wake()
            assert await wait_for(pilot, lambda: q.get("badge-0001-v1").error_code == "refused")
            assert await wait_for(pilot, lambda: app.screen.query_one("#printers-jobs").row_count == 1)
            await until(pilot, lambda: "Kiểm tra cổng rồi thử lại." in " ".join(screen_text(app).splitlines()[-5:-1]),
                        what="the printer's whole error")
            lines = screen_text(app).splitlines()
            row = next(line for line in lines if "Thẻ 0001" in line)
            assert row.lstrip().startswith("chờ in lại")  # the state first: long ids/titles pushed it off screen
            message = " ".join(lines[-5:-1])
            assert "từ chối kết nối" in message and "Kiểm tra cổng rồi thử lại." in message  # not cut after 2 lines

    asyncio.run(run())


def test_starting_a_speech_when_none_is_planned_says_so(demo_dir, clock, demo_app):

    async def run():
        app = demo_app("ceremony", role="ceremony", desk="tk")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press("l", "s", "x")  # nobody is in the hall: no speech can start
            await pilot.pause()
            notes = [n.message for n in app._notifications]
            assert any("Không còn bài nào được xếp" in m for m in notes), notes
            assert any("Không có bài nào đang trình bày" in m for m in notes), notes

    asyncio.run(run())


def test_starting_and_ending_a_speech_names_the_speaker(demo_dir, clock, demo_app):
    from console.door.checkin import checkin_delegate
    from console.event import Event

    door = Event(demo_dir, desk="cua", clock=clock)
    speech = next(s for s in door.roster_store.table_docs("speeches") if not s.get("response"))
    checkin_delegate(door, speech["delegate_id"])

    async def run():
        app = demo_app("ceremony", role="ceremony", desk="tk")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press("l", "s", "x")
            await pilot.pause()
            notes = [n.message for n in app._notifications]
            assert f"Mời {speech['speaker']} lên trình bày." in notes, notes
            assert f"Bài của {speech['speaker']} đã xong." in notes, notes

    asyncio.run(run())


def test_mc_introduction_of_one_exemplary_delegate_is_singular(demo_dir, clock):
    from console.ceremony.introductions import introductions
    from console.door.checkin import checkin_delegate
    from console.event import Event

    ev = Event(demo_dir, desk="cua", clock=clock)
    exemplary = [d for d in ev.delegates().values() if d.exemplary]
    checkin_delegate(ev, exemplary[0].id)
    assert introductions(ev)[-2] == "Cùng 1 đồng chí đại biểu là điển hình tiên tiến đang có mặt tại hội nghị."
    checkin_delegate(ev, exemplary[1].id)
    assert introductions(ev)[-2].startswith("Cùng 2 đồng chí đại biểu là các điển hình tiên tiến")


def test_mc_line_for_a_single_collective_invites_its_representative(demo_dir, clock):
    """Read aloud: 'Trân trọng kính mời đồng chí Đội Quản lý thị trường …' invited a team as a person."""
    from console.ceremony import plan_awards
    from console.ceremony.substeps import award_substeps
    from console.door.checkin import checkin_delegate
    from console.event import Event

    ev = Event(demo_dir, desk="cua", clock=clock)
    team = next(a for a in ev.roster_store.table_docs("awards") if a.get("collective"))
    checkin_delegate(ev, team["delegate_id"])
    batch = next(b for b in plan_awards(ev).batches if any(a.item.key == team["key"] for a in b.awards))
    assert len(batch.awards) == 1
    step = next(s for s in award_substeps(ev) if s.key == f"batch:{batch.number}")
    who = batch.awards[0].called_name
    assert step.mc_line.startswith(f"Trân trọng kính mời đồng chí {who} đại diện {team['recipient']} lên nhận ")
    assert f"đồng chí {team['recipient']}" not in step.mc_line


def test_no_hit_title_keeps_the_walk_in_hint_at_80_columns(demo_dir, clock, tmp_path, demo_app):

    async def run():
        app = demo_app("desk", role="desk", desk="t")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press(*list("nong thi"))
            await pilot.pause()
            assert "F7: khách vãng lai" in screen_text(app)  # was cut to "F7: khá…"

    asyncio.run(run())


def test_ceremony_uses_a_wide_screen_for_long_collective_names(demo_dir, clock, tmp_path, demo_app):
    from console.event import Event

    awards = Event(demo_dir).roster_store.table_docs("awards")
    longest = max((a["recipient"] for a in awards), key=len)
    assert 24 < len(longest) <= 64

    async def run():
        app = demo_app("ceremony", role="ceremony", desk="tk")
        async with app.run_test(size=(170, 45)) as pilot:
            key = next(a["key"] for a in awards if a["recipient"] == longest)
            await until(pilot, lambda: key in app.screen.query_one("#cer-table").rows, what="the award table")
            table = app.screen.query_one("#cer-table")
            table.move_cursor(row=table.get_row_index(key))
            await until(pilot, lambda: longest in screen_text(app).split("────")[0], what="the whole name in the table")  # whole in the table, not only below it

    asyncio.run(run())


def test_ctrl_c_says_how_to_quit_in_vietnamese(demo_dir, clock, demo_app):

    async def run():
        app = demo_app("status", desk="t")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press("ctrl+c")
            await pilot.pause()
            notes = [(n.title, n.message) for n in app._notifications]
            assert notes and all("quit" not in f"{t} {m}".lower() for t, m in notes), notes
            assert any("Ctrl+Q" in m for _t, m in notes)

    asyncio.run(run())


def test_command_palette_speaks_vietnamese(demo_dir, clock, tmp_path, demo_app):

    async def run():
        app = demo_app("status", desk="t")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            titles = [c.title for c in app.get_system_commands(app.screen)]
            assert "Đón tiếp (F2)" in titles and "Thoát (Ctrl+Q)" in titles
            assert not {"Theme", "Quit", "Keys", "Screenshot"} & set(titles)
            await pilot.press("ctrl+p")
            await until(pilot, lambda: "Tìm màn hình hoặc lệnh" in screen_text(app), what="the palette")
            text = screen_text(app)
            assert "Tìm màn hình hoặc lệnh" in text and "Search for commands" not in text
            await pilot.press(*list("f2"))
            await until(pilot, lambda: "Đón tiếp (F2)" in screen_text(app), what="the palette's hit")
            await pilot.press("enter")
            await until(pilot, lambda: app.current_mode == "desk", what="the desk")

    asyncio.run(run())


def test_an_unreadable_folder_is_said_once_not_four_times_a_second(demo_dir, clock, demo_app):

    async def run():
        app = demo_app("status", desk="t", poll_seconds=0.02)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()

            def broken():
                raise PermissionError(13, "Permission denied")

            app.event.refresh = broken
            polls = []
            app.set_interval(0.02, lambda: polls.append(1))
            await until(pilot, lambda: len(polls) >= 15, what="15 polls")  # the folder polled ~15 times
            said = [m for m in notes(app) if "thư mục hội nghị" in m]
            assert len(said) == 1, said
            assert "Kiểm tra ổ đĩa" in said[0]

    asyncio.run(run())


def test_reprint_message_is_whole_when_many_have_arrived(demo_dir, clock, tmp_path, demo_app):
    from console.door.checkin import checkin_delegate
    from console.event import Event

    ev = Event(demo_dir, desk="cua", clock=clock)
    people = list(ev.delegates())
    for i in people[:12]:
        checkin_delegate(ev, i)

    async def run():
        app = demo_app("desk", role="desk", desk="t")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press(*list("nguyen thi"))
            await pilot.pause()
            await pilot.press("f10")
            await pilot.pause()
            await pilot.press("1", "enter")
            await until(pilot, lambda: "ĐÃ GỬI IN THẺ MỚI" in screen_text(app), what="the reprint's result")
            text = screen_text(app)
            assert "ĐÃ GỬI IN THẺ MỚI" in text and "“đã thay”." in text  # the last line was cut

    asyncio.run(run())
