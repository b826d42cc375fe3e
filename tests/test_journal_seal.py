"""Losing or forging the record is never silent: the seal, rejected lines, accept-journal.

Each case failed before the seal: `verify` said "chuỗi chữ ký nguyên vẹn" and exited 0 after the
journal's last lines were cut, after it was emptied and after it was deleted, while the present
count dropped 7 → 6 → 0; a forged check-in raised present 7 → 8 with no warning.
"""

from __future__ import annotations

import json
import shutil

import pytest

from console.door.checkin import checkin_delegate
from console.event import Event
from console.ground.errors import UserError
from console.ground.journal import GENESIS, line_hash
from console.ground.journal_check import JournalAlarm


@pytest.fixture
def day(demo_dir, clock):
    """The demo event with 7 people checked in, as the hall is at 07:30."""
    ev = Event(demo_dir, desk="ban-1", clock=clock)
    ids = sorted(ev.imported)[:7]
    for did in ids:
        assert checkin_delegate(ev, did).result == "checked_in"
    return ev, ids


def _lines(ev) -> list[bytes]:
    return ev.journal.path.read_bytes().splitlines(keepends=True)


def _status(cli, folder):
    proc = cli("status", folder, "--json")
    return proc, json.loads(proc.stdout) if proc.stdout.strip() else None


@pytest.mark.parametrize("damage", ["cut", "emptied", "deleted"])
def test_a_shorter_journal_is_an_alarm_everywhere(day, cli, damage):
    ev, ids = day
    lines = _lines(ev)
    if damage == "cut":
        ev.journal.path.write_bytes(b"".join(lines[:-1]))
        missing = 1
    elif damage == "emptied":
        ev.journal.path.write_bytes(b"")
        missing = len(lines)  # the imports' lines and the 7 check-ins
    else:
        ev.journal.path.unlink()
        missing = len(lines)
    with pytest.raises(JournalAlarm, match=f"ngắn hơn lúc .* \\(thiếu {missing} dòng\\)"):
        Event(ev.folder, desk="ban-2")  # every app start, every command that works on the day
    verify = cli("verify", ev.folder)
    assert verify.returncode == 3 and f"thiếu {missing} dòng" in verify.stdout and "Traceback" not in verify.stderr
    proc, st = _status(cli, ev.folder)
    assert proc.returncode == 3 and f"thiếu {missing} dòng" in st["journal_alarm"][0]
    text = cli("status", ev.folder)
    assert text.returncode == 3 and text.stdout.startswith("CẢNH BÁO NHẬT KÝ")
    checkin = cli("checkin", ev.folder, str(ids[-1]))
    assert checkin.returncode != 0 and "thiếu" in checkin.stderr and "Traceback" not in checkin.stderr
    desk = cli("desk", ev.folder)  # the app itself: a sentence, no screen on a lost day
    assert desk.returncode != 0 and "accept-journal" in desk.stderr


def test_nothing_is_written_while_the_alarm_stands(day):
    ev, ids = day
    ev.journal.path.write_bytes(b"".join(_lines(ev)[:-2]))
    seen = Event(ev.folder, desk="ban-2", inspect=True)
    size = ev.journal.path.stat().st_size
    with pytest.raises(JournalAlarm):
        checkin_delegate(seen, ids[-1])
    assert ev.journal.path.stat().st_size == size


def test_accepting_the_journal_is_journaled_and_lifts_the_alarm(day, cli):
    ev, ids = day
    ev.journal.path.write_bytes(b"".join(_lines(ev)[:-1]))
    refused = cli("accept-journal", ev.folder, "--reason", "  ")
    assert refused.returncode == 2 and "lý do" in refused.stderr
    ok = cli("accept-journal", ev.folder, "--reason", "đã đối chiếu sổ ký tên", "--actor", "Trần Thị Bàn")
    assert ok.returncode == 0, ok.stderr
    fresh = Event(ev.folder, desk="ban-2")
    last = fresh.journal.entries[-1]
    assert last.kind == "journal_accepted" and last.actor == "Trần Thị Bàn"
    assert last.data["reason"] == "đã đối chiếu sổ ký tên"
    n = len(_lines(ev))  # the acceptance line is the last: it took the cut line's number
    assert last.data["sealed"]["n"] == n and last.data["now"]["n"] == n - 1
    assert "thiếu 1 dòng" in last.data["alarm"]
    assert sorted(fresh.day.present) == ids[:6]
    assert cli("verify", ev.folder).returncode == 0
    again = cli("accept-journal", ev.folder, "--reason", "x")
    assert again.returncode == 0 and "không có gì phải chấp nhận" in again.stdout


def test_another_journal_of_the_same_length_is_an_alarm(day, tmp_path):
    """A backup from another laptop (same key, same number of lines, other check-ins)."""
    ev, ids = day
    saved = tmp_path / "before.jsonl"
    shutil.copy(ev.journal.path, saved)
    other = ev.journal.path.read_bytes().splitlines(keepends=True)[:-1]
    ev.journal.path.write_bytes(b"".join(other))
    (ev.folder / "journal.seal").rename(tmp_path / "seal")
    # rebuild a 7-line journal whose 7th line is someone else's check-in
    Event(ev.folder, inspect=True).accept_journal("thử")  # line 7 is now the acceptance
    (tmp_path / "seal").rename(ev.folder / "journal.seal")  # …and the old seal is put back
    with pytest.raises(JournalAlarm, match=f"dòng số {len(_lines(ev))} đã khác"):
        Event(ev.folder)


def test_a_deleted_or_forged_seal_is_an_alarm(day):
    ev, _ids = day
    seal_file = ev.folder / "journal.seal"
    raw = seal_file.read_bytes()
    n = len(_lines(ev))
    forged = raw.replace(f'"n":{n}'.encode(), b'"n":3')  # pretend the journal was shorter
    assert forged != raw
    seal_file.write_bytes(forged)
    with pytest.raises(JournalAlarm, match="bị sửa hoặc hỏng"):
        Event(ev.folder)
    seal_file.unlink()
    with pytest.raises(JournalAlarm, match="Thiếu tệp niêm phong"):
        Event(ev.folder)


def test_a_journal_cut_under_a_running_desk_stops_it(day):
    ev, ids = day
    ev.journal.path.write_bytes(b"".join(_lines(ev)[:-1]))
    with pytest.raises(UserError, match="mở lại chương trình"):
        ev.refresh()
    ev2 = Event(ev.folder, inspect=True)
    ev.journal.path.unlink()
    with pytest.raises(UserError):
        ev2.refresh()  # deleted under it: not read as an empty day


def _forge(ev, rec_change: dict, sign_with: bytes | None = None) -> None:
    last = json.loads(_lines(ev)[-1])
    rec = {**last, "n": last["n"] + 1, "id": "forged000001", "prev": last["h"], **rec_change}
    rec.pop("h")
    rec["h"] = line_hash(sign_with, rec) if sign_with else "0" * 24
    with open(ev.journal.path, "a", encoding="utf-8") as fh:
        fh.write(json.dumps(rec, ensure_ascii=False) + "\n")


def test_a_forged_checkin_is_never_counted(day, cli):
    ev, ids = day
    stranger = sorted(ev.imported)[20]
    _forge(ev, {"kind": "checkin", "data": {"delegate_id": stranger, "via": "scan"}}, sign_with=b"not the key" * 3)
    fresh = Event(ev.folder, desk="ban-2", inspect=True)
    assert stranger not in fresh.day.present and len(fresh.day.present) == 7
    assert fresh.journal.rejected == 1
    proc, st = _status(cli, ev.folder)
    assert st["present"] == 7 and st["journal_rejected"] == 1
    text = cli("status", ev.folder).stdout
    assert "1 dòng nhật ký sai chữ ký" in text and "không được tính" in text
    v = cli("verify", ev.folder)
    assert v.returncode == 3 and f"Dòng {len(_lines(ev))}" in v.stdout and "không khớp chữ ký" in v.stdout
    # a running desk reading it live does not count it either
    ev.refresh()
    assert stranger not in ev.day.present


def test_an_unsigned_line_appended_by_hand_is_rejected_and_the_next_writer_chains_past_it(day):
    ev, ids = day
    _forge(ev, {"kind": "checkout", "data": {"delegate_id": ids[0]}})
    live = Event(ev.folder, desk="ban-3", inspect=True)
    assert ids[0] in live.day.present and live.journal.rejected == 1
    # The alarm is about length: a forged line makes the journal longer, not shorter.
    assert live.alarms == []
    e = checkin_delegate(live, sorted(ev.imported)[30])
    assert e.result == "checked_in"
    from console.ground.journal_check import verify

    _n, problems = verify(ev.journal.path, ev.secret)
    forged_line = len(_lines(ev)) - 1
    assert [p.line for p in problems] == [forged_line]  # only the forged line; the chain resumes after it


def test_the_app_says_there_are_rejected_lines(day, demo_app):
    """The status screen (every role's start screen shows the journal line)."""
    import asyncio

    from tests.ui import screen_text, until

    ev, _ids = day
    _forge(ev, {"kind": "checkin", "data": {"delegate_id": 99}})

    async def run():
        app = demo_app("status")
        async with app.run_test(size=(100, 30)) as pilot:
            def shown() -> str:  # the line wraps at the panel's width
                return " ".join(screen_text(app).split())

            await until(pilot, lambda: "1 dòng sai chữ ký không được tính" in shown())

    asyncio.run(run())


def test_a_new_event_starts_sealed_and_an_old_folder_keeps_working(tmp_path):
    from console.bench.fixtures import make_big_event

    ev = make_big_event(tmp_path / "ev", 10)
    assert (tmp_path / "ev" / "journal.seal").exists()
    checkin_delegate(ev, 1)
    assert Event(tmp_path / "ev").alarms == []
    assert GENESIS  # (the empty journal's head)


# --- the roster against the journal's last import -------------------------------------------

def _import_with_one_unit_renamed(ev) -> None:
    """The office sends the list again with one person's unit corrected."""
    import openpyxl

    from console.importer import import_file
    from data import DEMO_DIR

    units = {d.unit for d in ev.imported.values() if d.unit}
    wb = openpyxl.load_workbook(DEMO_DIR / "danh-sach-dai-bieu.xlsx")
    cell = next(c for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value in units)
    cell.value = f"{cell.value} (đã sửa)"
    path = ev.folder.parent / "danh-sach-lan-2.xlsx"
    wb.save(path)
    import_file(ev, path)
    ev.refresh()


@pytest.mark.parametrize("damage", ["emptied", "deleted", "older"])
def test_a_roster_that_is_not_the_last_import_is_an_alarm(day, cli, damage):
    """Each gave 'present 7 → 1' (or 0) with no warning before."""
    ev, ids = day
    roster = ev.folder / "roster.json"
    prev = ev.folder / "roster.prev.json"
    _import_with_one_unit_renamed(ev)  # a second import: the list as it was is kept beside it
    assert prev.exists() and prev.read_bytes() != roster.read_bytes()
    if damage == "emptied":
        roster.write_text("{}")
    elif damage == "deleted":
        roster.unlink()
    else:
        import shutil as sh

        sh.copy(prev, roster)  # the list as it was before the last import
    with pytest.raises(UserError, match="không phải danh sách nhập lần cuối"):
        Event(ev.folder, desk="ban-2")
    proc, st = _status(cli, ev.folder)
    assert proc.returncode == 3 and "roster.prev.json" in st["roster_alarm"][0]
    assert "hoinghi import" in cli("status", ev.folder).stdout
    checkin = cli("checkin", ev.folder, str(ids[0]))
    assert checkin.returncode != 0 and "nhập lần cuối" in checkin.stderr and "Traceback" not in checkin.stderr


def test_importing_the_list_again_mends_a_swapped_roster(day, cli):
    from data import DEMO_DIR

    ev, ids = day
    (ev.folder / "roster.json").write_text("{}")
    proc = cli("import", ev.folder, DEMO_DIR / "danh-sach-dai-bieu.xlsx")
    assert proc.returncode == 0, proc.stderr
    fresh = Event(ev.folder)
    assert fresh.roster_alarms == [] and len(fresh.imported) == 140
    assert sorted(fresh.day.present) == ids  # the same people, by the same ids


def test_a_roster_swapped_under_a_running_desk_is_said(day):
    ev, _ids = day
    (ev.folder / "roster.json").write_text("{}")
    with pytest.raises(UserError, match="nhập lần cuối"):
        ev.refresh()


def test_an_import_by_another_desk_is_not_taken_for_a_swap(day):
    """The import writes roster.json before its journal line: a desk polling in between waits for
    the journal lock and then sees both."""
    from console.importer import import_file
    from data import DEMO_DIR

    ev, _ids = day
    other = Event(ev.folder, desk="may-chu")
    import_file(other, DEMO_DIR / "danh-sach-dai-bieu.xlsx")
    ev.refresh()
    assert ev.roster_alarms == []
