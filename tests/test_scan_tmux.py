"""`hoinghi open` in a real terminal (tmux): a scan typed by tmux in one write, as a wedge
scanner's keys arrive, on F6 (its b key used to queue every badge) and into the walk-in form."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time

import pytest

from console.door.tokens import make_token
from console.event import Event
from tests.conftest import ROOT

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux not installed")


def tmux(*args: str) -> str:
    return subprocess.run(["tmux", *args], capture_output=True, text=True, check=True, timeout=20).stdout


def wait_for(cond, timeout: float = 30.0, what: str = ""):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = cond()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"after {timeout} s still not: {what}")


def present(folder) -> set[int]:
    return set(Event(folder, desk="t").day.present)


def test_scans_on_f6_and_in_the_walk_in_form_check_in_and_change_nothing_else(demo_dir, tmp_path):
    session = f"hn-{os.getpid()}"
    env = f"PYTHONPATH={ROOT} HOINGHI_DESK=ban-tmux"
    cmd = f"cd {ROOT} && {env} {sys.executable} -m console open {demo_dir} --desk ban-tmux"
    tmux("new-session", "-d", "-s", session, "-x", "100", "-y", "30", cmd)
    try:
        screen = lambda: tmux("capture-pane", "-p", "-t", session)  # noqa: E731
        wait_for(lambda: "Cơ cấu 70/30" in screen(), what="the console drawn")
        secret = Event(demo_dir, desk="t").secret
        did = next(i for i in range(1, 141) if make_token(secret, i).lower().count("b") >= 2)
        tmux("send-keys", "-t", session, "F6")
        wait_for(lambda: "Máy in" in screen() and "In mọi thẻ" in screen(), what="the printers screen")
        tmux("send-keys", "-t", session, "-l", make_token(secret, did).lower())
        tmux("send-keys", "-t", session, "Enter")
        wait_for(lambda: did in present(demo_dir), what="checked in from F6")
        time.sleep(0.5)  # (a badge job would be written at once; give a stray key its chance)
        queue = demo_dir / "print-queue"
        assert not queue.exists() or not list(queue.rglob("badge-*"))
        assert "Bấm b lần nữa" not in screen()

        tmux("send-keys", "-t", session, "F2")
        wait_for(lambda: "Quét thẻ" in screen(), what="the desk")
        tmux("send-keys", "-t", session, "F7")
        wait_for(lambda: "Khách vãng lai" in screen(), what="the walk-in form")
        for ch in "Lo Van":  # a person typing
            tmux("send-keys", "-t", session, "-l", ch)
            time.sleep(0.15)
        tmux("send-keys", "-t", session, "-l", make_token(secret, did + 1))
        tmux("send-keys", "-t", session, "Enter")
        wait_for(lambda: did + 1 in present(demo_dir), what="checked in from the walk-in form")
        shown = screen()
        assert "Lo Van" in shown and "Khách vãng lai" in shown  # the form, as it was
        ev = Event(demo_dir, desk="t")
        assert not ev.day.walk_ins
        kinds = [e.kind for e in ev.journal.entries]
        assert kinds.count("checkin") == 2 and "walkin" not in kinds
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True, timeout=20)
