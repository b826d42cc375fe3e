"""Control characters, bidi overrides and zero-width characters never reach a terminal:
refused at import and walk-in with row and column, invisible ones cleaned and reported,
and the CLI never prints them raw, whatever the event folder holds."""

from __future__ import annotations

from datetime import date, time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from console.door.checkin import register_walk_in
from console.event import Event, create_event
from console.ground.errors import UserError
from console.ground.safe_text import check, shown
from console.importer import import_file

from .conftest import run_cli

HEADER = "STT,Họ và tên,Năm sinh,Đơn vị,Thành phần"
ESC_NAME = "Lò Văn \x1b[2J\x1b]0;HACKED\x07Páo"
BIDI_UNIT = "Xã \u202eoaL àN"


@pytest.fixture
def folder(tmp_path):
    create_event(tmp_path / "ev", unit="LĐLĐ huyện Nà Lương", level="co-so",
                 event_date=date(2020, 3, 10), start=time(7, 30))
    return tmp_path / "ev"


def write_csv(path, *rows: str):
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def test_an_import_with_esc_bel_or_a_bidi_override_is_refused_with_row_and_column(folder, tmp_path):
    path = write_csv(tmp_path / "ds.csv", "1,Nguyễn Văn An,1980,Xã A,Cá nhân", f"2,{ESC_NAME},1981,Xã B,Cá nhân",
                     f"3,Hà Thị Mai,1982,{BIDI_UNIT},Khách mời")
    proc = run_cli("import", folder, path)
    assert proc.returncode != 0
    err = proc.stderr
    assert "Dòng 3, cột B" in err and "ESC (U+001B)" in err and "BEL (U+0007)" in err
    assert "Dòng 4, cột D" in err and "U+202E" in err
    assert "\x1b" not in err + proc.stdout and "\x07" not in err and "\u202e" not in err
    assert "Traceback" not in err
    assert Event(folder, desk="t").imported == {}


def test_zero_width_characters_are_cleaned_and_said(folder, tmp_path):
    path = write_csv(tmp_path / "ds.csv", "1,Nguyễn\u200b Văn An,1980,Xã A,Cá nhân", "2,Hà Thị Mai\ufeff,1982,Xã B,Khách mời")
    report = import_file(Event(folder, desk="t"), path)
    names = sorted(d.name for d in Event(folder, desk="t").imported.values())
    assert names == ["Hà Thị Mai", "Nguyễn Văn An"]
    said = "\n".join(report.warnings)
    assert "Dòng 2, cột B" in said and "U+200B" in said and "Dòng 3, cột B" in said and "U+FEFF" in said


def test_a_walk_in_with_control_characters_is_refused_and_invisible_ones_dropped(folder):
    ev = Event(folder, desk="ban-1")
    with pytest.raises(UserError) as err:
        register_walk_in(ev, name=ESC_NAME, unit="Xã A", category="khach_moi")
    assert "ESC" in str(err.value) and "Họ và tên" in str(err.value)
    with pytest.raises(UserError):
        register_walk_in(ev, name="Hà Thị Mai", unit=BIDI_UNIT, category="khach_moi")
    assert not ev.day.walk_ins
    r = register_walk_in(ev, name="Hà\u200b Thị Mai", unit="Xã A", category="khach_moi")
    assert r.delegate.name == "Hà Thị Mai" and "vô hình" in r.message


def test_the_cli_never_prints_them_raw_even_from_a_hand_edited_roster(folder, tmp_path):
    write_csv(tmp_path / "ds.csv", "1,Nguyễn Văn An,1980,Xã A,Cá nhân")
    run_cli("import", folder, tmp_path / "ds.csv")
    ev = Event(folder, desk="t")
    people = ev.roster_store.load()
    people[1].name = ESC_NAME  # a hostile roster.json, written around the importer
    people[1].unit = BIDI_UNIT
    ev.replace_roster(list(people.values()))
    for args in (("tokens",), ("tokens", "--json"), ("checkin", "0001"), ("status",), ("checkin", "0001", "--json"), ("undo", "0001", "--reason", "nhầm")):
        proc = run_cli(*args[:1], folder, *args[1:])
        out = proc.stdout + proc.stderr
        assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out, (args, out)
    proc = run_cli("tokens", folder, "--json")
    import json

    shown_name = json.loads(proc.stdout)[0]["name"]  # read back as the program holds it: defanged at load
    assert "\x1b" not in shown_name and "\ufffd" in shown_name and shown_name.startswith("Lò Văn")


@given(st.text())
def test_shown_never_lets_a_control_or_invisible_character_through(text):
    out = shown(text)
    assert not any(check(ch).controls or check(ch).invisible or ch == "\r" for ch in out)


def test_a_hand_edited_roster_never_retitles_or_wipes_a_desk_terminal(folder, tmp_path):
    """The desk in a real terminal (tmux) showing a name that holds ESC ]2;…BEL and ESC [2J:
    the terminal's title stays, the name is on screen with a visible mark instead."""
    import shutil
    import subprocess
    import sys
    import time

    from console.door.checkin import checkin_delegate

    from .conftest import ROOT

    if shutil.which("tmux") is None:
        pytest.skip("tmux not installed")
    write_csv(tmp_path / "ds.csv", "1,Nguyễn Văn An,1980,Xã A,Cá nhân")
    run_cli("import", folder, tmp_path / "ds.csv")
    ev = Event(folder, desk="t")
    people = ev.roster_store.load()
    people[1].name = "Lò Văn \x1b]2;HACKED\x07\x1b[2JPáo"
    ev.replace_roster(list(people.values()))
    checkin_delegate(Event(folder, desk="t"), 1, desk="t")  # in "Vừa đến" at once
    session = f"hn-esc-{id(folder)}"
    cmd = f"cd {ROOT} && PYTHONPATH={ROOT} {sys.executable} -m console desk {folder} --desk ban-x"
    subprocess.run(["tmux", "new-session", "-d", "-s", session, "-x", "100", "-y", "30", cmd], check=True, timeout=20)
    try:
        deadline = time.monotonic() + 30
        screen = ""
        while time.monotonic() < deadline and "Páo" not in screen:
            time.sleep(0.2)
            screen = subprocess.run(["tmux", "capture-pane", "-p", "-t", session], capture_output=True, text=True,
                                    timeout=20).stdout
        assert "Lò Văn" in screen and "Páo" in screen, screen
        title = subprocess.run(["tmux", "display", "-p", "-t", session, "#{pane_title}"], capture_output=True,
                               text=True, timeout=20).stdout
        assert "HACKED" not in title
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True, timeout=20)
