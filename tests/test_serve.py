"""`hoinghi serve`: a desk PIN printed at start, asked by every browser tab, guesses rate-limited."""

from __future__ import annotations

import os
import stat
import sys
import time
from pathlib import Path

import pytest

from console.cli.serve import app_command, build_server
from console.door.desk_pin import LOCK_SECONDS, MAX_TRIES, check_pin, new_pin
from console.ground.errors import UserError

from .conftest import start_serve

ROOT = Path(__file__).resolve().parent.parent


def test_pin_is_stored_hashed_private_and_checked(demo_dir):
    pin = new_pin(demo_dir)
    assert pin.isdigit() and len(pin) == 6
    path = demo_dir / "desk-pin.json"
    assert pin not in path.read_text()
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert check_pin(demo_dir, pin).ok
    wrong = check_pin(demo_dir, "000000" if pin != "000000" else "111111")
    assert not wrong.ok and "còn 4 lần" in wrong.message


def test_wrong_guesses_lock_the_pin_across_processes(demo_dir):
    new_pin(demo_dir, "482913")
    t = 1_000_000.0
    for i in range(MAX_TRIES):
        r = check_pin(demo_dir, f"{i:06d}", now=t)  # each call could be another browser tab's process
    assert not r.ok and r.wait_seconds == LOCK_SECONDS
    locked = check_pin(demo_dir, "482913", now=t + 1)
    assert not locked.ok and "chờ" in locked.message  # even the right PIN waits
    for _i in range(MAX_TRIES):  # a second lock in a row lasts twice as long
        r = check_pin(demo_dir, "1", now=t + 100)
    assert r.wait_seconds == 2 * LOCK_SECONDS
    assert check_pin(demo_dir, "482913", now=t + 100 + 2 * LOCK_SECONDS + 1).ok


def test_no_pin_set_refuses(demo_dir):
    r = check_pin(demo_dir, "123456")
    assert not r.ok and "hoinghi serve" in r.message
    with pytest.raises(UserError):
        new_pin(demo_dir, "12ab")


def test_server_binds_localhost_unless_told_and_needs_a_public_url_for_all_interfaces(demo_dir):
    s = build_server(demo_dir)
    assert s.host == "127.0.0.1" and s.public_url == "http://127.0.0.1:8000"
    assert "console desk" in s.command and str(demo_dir.resolve()) in s.command
    with pytest.raises(UserError, match="public-url"):
        build_server(demo_dir, host="0.0.0.0")
    s = build_server(demo_dir, host="0.0.0.0", port=8080, public_url="http://192.168.1.10:8080/")
    assert s.public_url == "http://192.168.1.10:8080"
    assert app_command(Path("/a b/c"), "desk", "ban-web", windows=False).count("'/a b/c'") == 1


def test_the_served_command_is_quoted_for_windows_cmd(tmp_path):
    """On Windows textual-serve runs the command through cmd.exe, where sh's single quotes are
    literal characters: a folder like 'Hội nghị 2026' must be in CreateProcess double quotes."""
    folder = tmp_path / "Hội nghị 2026"
    cmd = app_command(folder, "desk", "bàn 1", windows=True)
    assert f'"{folder.resolve()}"' in cmd and '"bàn 1"' in cmd
    assert "'" not in cmd
    assert cmd.split('" ', 1)[1].startswith("-m console desk") or cmd.split(" ", 1)[1].startswith("-m console desk")


def test_serve_cli_refuses_bad_arguments_in_a_sentence(demo_dir, tmp_path, cli):
    proc = cli("serve", demo_dir, "--host", "0.0.0.0")
    assert proc.returncode == 2 and "--public-url" in proc.stderr and "Traceback" not in proc.stderr
    proc = cli("serve", tmp_path / "nowhere")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr


async def _read_until(ws, buf: bytearray, needle: str, seconds: float = 20.0) -> str:
    """Collect the app's output from the websocket until `needle` shows (or time runs out)."""
    import aiohttp

    deadline = time.monotonic() + seconds
    while needle not in buf.decode("utf-8", "replace") and time.monotonic() < deadline:
        try:
            msg = await ws.receive(timeout=max(0.05, deadline - time.monotonic()))
        except TimeoutError:
            break
        if msg.type == aiohttp.WSMsgType.BINARY:
            buf.extend(msg.data)
        elif msg.type == aiohttp.WSMsgType.TEXT:
            buf.extend(msg.data.encode())
        else:
            break
    return buf.decode("utf-8", "replace")


def test_a_browser_session_sees_nothing_before_the_pin(demo_dir):
    """End to end: `hoinghi serve`, a websocket as the browser's page opens it, PIN typed."""
    import asyncio

    import aiohttp

    proc, port = start_serve(demo_dir)

    async def browser() -> None:
        deadline = time.monotonic() + 15
        async with aiohttp.ClientSession() as session:
            while True:
                try:
                    async with session.get(f"http://127.0.0.1:{port}/") as page:
                        assert page.status == 200 and f"127.0.0.1:{port}" in await page.text()
                    break
                except aiohttp.ClientConnectionError:
                    assert time.monotonic() < deadline, "server did not answer"
                    await asyncio.sleep(0.1)
            async with session.ws_connect(f"http://127.0.0.1:{port}/ws/ban-2?width=80&height=24") as ws:
                buf = bytearray()
                text = await _read_until(ws, buf, "PIN bàn đón tiếp")
                assert "PIN bàn đón tiếp" in text and "Quét thẻ" not in text
                buf.clear()
                await ws.send_json(["stdin", "9999\r"])
                text = await _read_until(ws, buf, "Sai mã PIN")
                assert "Sai mã PIN" in text and "SẴN SÀNG" not in text
                buf.clear()
                await ws.send_json(["stdin", "4321\r"])
                assert "SẴN SÀNG" in await _read_until(ws, buf, "SẴN SÀNG")

    try:
        first = proc.stdout.readline()
        assert f"http://127.0.0.1:{port}" in first
        assert "MÃ PIN BÀN ĐÓN TIẾP: 4321" in proc.stdout.readline()
        asyncio.run(browser())
    finally:
        proc.terminate()
        proc.wait(timeout=10)


pytestmark_async = pytest.mark.asyncio


@pytestmark_async
async def test_app_asks_the_pin_first_and_no_key_gets_around_it(demo_dir, demo_app):
    pin = new_pin(demo_dir, "246810")
    app = demo_app("desk", role="desk", desk="ban-2", require_pin=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert type(app.screen).__name__ == "PinScreen"
        for key in ("f1", "f2", "f6", "escape", "ctrl+p"):
            await pilot.press(key)
            await pilot.pause()
            assert type(app.screen).__name__ == "PinScreen", key
        await pilot.press(*"111111", "enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "PinScreen"
        assert "Sai mã PIN" in str(app.screen.query_one("#pin-error").render())
        await pilot.press(*pin, "enter")
        await pilot.pause()
        await pilot.pause()
        assert type(app.screen).__name__ == "DeskScreen"
        assert app.screen.focused.id == "desk-scan"


@pytestmark_async
async def test_a_terminal_desk_is_not_asked_for_a_pin(demo_dir, demo_app):
    app = demo_app("desk", role="desk", desk="ban-1")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not app.is_web and type(app.screen).__name__ == "DeskScreen"


def test_one_desk_dropping_never_affects_another(demo_dir):
    """Two browser desks; one vanishes mid-session (Wi-Fi drops, lid closed): the other goes on."""
    import asyncio

    import aiohttp

    proc, port = start_serve(demo_dir)

    async def desks() -> None:
        deadline = time.monotonic() + 15
        async with aiohttp.ClientSession() as a_session, aiohttp.ClientSession() as b_session:
            while True:
                try:
                    async with a_session.get(f"http://127.0.0.1:{port}/") as page:
                        assert page.status == 200
                    break
                except aiohttp.ClientConnectionError:
                    assert time.monotonic() < deadline, "server did not answer"
                    await asyncio.sleep(0.1)
            url = f"http://127.0.0.1:{port}/ws/ban-2?width=80&height=24"  # each tab names its desk
            a = await a_session.ws_connect(url)
            b = await b_session.ws_connect(url)
            buf_a, buf_b = bytearray(), bytearray()
            assert "PIN bàn đón tiếp" in await _read_until(a, buf_a, "PIN bàn đón tiếp")
            assert "PIN bàn đón tiếp" in await _read_until(b, buf_b, "PIN bàn đón tiếp")
            await a.send_json(["stdin", "43"])  # desk A is half-way through typing …
            await a_session.close()  # … and drops off the network
            buf_b.clear()
            await b.send_json(["stdin", "4321\r"])
            assert "SẴN SÀNG" in await _read_until(b, buf_b, "SẴN SÀNG")
            await b.close()
            # and a third desk can still join
            async with aiohttp.ClientSession() as c_session:
                async with c_session.ws_connect(url) as c:
                    assert "PIN bàn đón tiếp" in await _read_until(c, bytearray(), "PIN bàn đón tiếp")

    try:
        assert f"http://127.0.0.1:{port}" in proc.stdout.readline()
        asyncio.run(desks())
        assert proc.poll() is None  # the server itself never went down
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytestmark_async
async def test_a_tab_without_a_desk_name_asks_for_one_after_the_pin(demo_dir, demo_app):
    from console.door.tokens import make_token
    from tests.ui import until

    new_pin(demo_dir, "4321")
    app = demo_app("desk", role="desk", desk="ban-web", require_pin=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: type(app.screen).__name__ == "PinScreen", what="the PIN")
        await pilot.press(*"4321", "enter")
        await until(pilot, lambda: type(app.screen).__name__ == "DeskNameScreen", what="the desk name")
        await pilot.press("f2", *"ban-web", "enter")  # no mode opens, and the shared name is refused
        await pilot.pause()
        assert type(app.screen).__name__ == "DeskNameScreen"
        app.screen.query_one("#deskname-input").value = ""
        await pilot.press(*"ban-7", "enter")
        await until(pilot, lambda: type(app.screen).__name__ == "DeskScreen", what="the desk")
        await pilot.press(*make_token(app.event.secret, 9), "enter")
        await until(pilot, lambda: 9 in app.event.day.present, what="checked in")
        assert app.event.day.present[9].desk == "ban-7" and "bàn ban-7" in app.sub_title


def _serve_with(demo_dir, max_apps: int):
    text = (demo_dir / "event.toml").read_text(encoding="utf-8")
    (demo_dir / "event.toml").write_text(text.replace("[desk]\n", f"[desk]\nmax_browser_desks = {max_apps}\n", 1),
                                         encoding="utf-8")
    return start_serve(demo_dir)


def test_foreign_origins_are_refused_and_a_full_server_says_so(demo_dir):
    """Each websocket starts an app process before any PIN: at most [desk] max_browser_desks;
    past it the page says the desk is full; another site's page may not open one."""
    import asyncio

    import aiohttp

    assert "[desk]\n" in (demo_dir / "event.toml").read_text(encoding="utf-8")
    proc, port = _serve_with(demo_dir, 2)
    base = f"http://127.0.0.1:{port}"

    async def visitor() -> None:
        async with aiohttp.ClientSession() as session:
            deadline = time.monotonic() + 15
            while True:
                try:
                    async with session.get(f"{base}/") as page:
                        assert page.status == 200
                    break
                except aiohttp.ClientConnectionError:
                    assert time.monotonic() < deadline, "server did not answer"
                    await asyncio.sleep(0.1)
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                await session.ws_connect(f"{base}/ws/ban-1", headers={"Origin": "http://evil.example"})
            assert refused.value.status == 403
            open_ = []
            for _ in range(2):
                ws = await session.ws_connect(f"{base}/ws/ban-1?width=80&height=24", headers={"Origin": base})
                await _read_until(ws, bytearray(), "PIN bàn đón tiếp")
                open_.append(ws)
            async with session.get(f"{base}/") as page:
                assert page.status == 503 and "Đã đủ 2 bàn đón tiếp" in await page.text()
            with pytest.raises(aiohttp.WSServerHandshakeError) as full:
                await session.ws_connect(f"{base}/ws/ban-1")
            assert full.value.status == 503
            children = _app_processes(proc.pid)
            rss = [_rss_mb(p) for p in children]
            print(f"\nbrowser desk: {len(children)} app processes, RSS {', '.join(f'{r:.0f}' for r in rss)} MB each")
            assert len(children) == 2
            await open_[0].close()
            await asyncio.sleep(1.0)
            async with session.get(f"{base}/") as page:
                assert page.status == 200  # a closed tab frees its place
            for ws in open_[1:]:
                await ws.close()

    try:
        assert base in proc.stdout.readline()
        asyncio.run(visitor())
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def _app_processes(parent: int) -> list[int]:
    """The app processes under the server (each `python -m console desk …`, maybe under a shell)."""
    out = []
    for status in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = status.read_text().split()
            cmd = (status.parent / "cmdline").read_bytes().replace(b"\0", b" ")
        except OSError:
            continue
        if cmd.startswith(sys.executable.encode()) and b"-m console desk" in cmd and _descends(int(fields[0]), parent):
            out.append(int(fields[0]))
    return out


def _descends(pid: int, parent: int) -> bool:
    while pid > 1:
        try:
            pid = int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            return False
        if pid == parent:
            return True
    return False


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def test_a_flood_of_wrong_pins_from_one_client_never_locks_out_the_others(demo_dir):
    from console.door.desk_pin import GLOBAL_MAX, GLOBAL_WINDOW

    new_pin(demo_dir, "482913")
    t = 2_000_000.0
    for i in range(3 * MAX_TRIES):  # one tab hammering: locked, and again
        check_pin(demo_dir, f"{i:06d}", now=t + i * 0.1, client="10.0.0.66")
    assert not check_pin(demo_dir, "482913", now=t + 2, client="10.0.0.66").ok  # the flooder waits
    assert check_pin(demo_dir, "482913", now=t + 2, client="10.0.0.5").ok  # a real desk goes in
    # many clients guessing: the wrong guesses of all together stay bounded ...
    for c in range(GLOBAL_MAX + 10):
        check_pin(demo_dir, "000001", now=t + 3, client=f"10.0.1.{c}")
    again = check_pin(demo_dir, "000002", now=t + 4, client="10.0.1.1")
    assert not again.ok and "quá nhiều lần nhập sai PIN" in again.message and again.wait_seconds <= GLOBAL_WINDOW
    # ... and still a desk's right PIN goes through, first try
    assert check_pin(demo_dir, "482913", now=t + 5, client="10.0.0.9").ok


def test_a_scan_in_a_browser_desks_walk_in_form_checks_in_and_saves_nothing(demo_dir):
    """The browser desk is the same app: a scanner's keys (one websocket message) under the F7
    form go to the scan path; the half-typed form stays, no walk-in is saved."""
    import asyncio

    import aiohttp

    from console.door.tokens import make_token
    from console.event import Event

    ev = Event(demo_dir)
    target = sorted(ev.imported)[30]
    proc, port = start_serve(demo_dir)
    base = f"http://127.0.0.1:{port}"

    async def tab() -> None:
        async with aiohttp.ClientSession() as session:
            deadline = time.monotonic() + 15
            while True:
                try:
                    async with session.get(f"{base}/") as page:
                        assert page.status == 200
                    break
                except aiohttp.ClientConnectionError:
                    assert time.monotonic() < deadline, "server did not answer"
                    await asyncio.sleep(0.1)
            async with session.ws_connect(f"{base}/ws/ban-web-2?width=100&height=30") as ws:
                buf = bytearray()
                await _read_until(ws, buf, "PIN bàn đón tiếp")
                await ws.send_json(["stdin", "4321\r"])
                await _read_until(ws, buf, "SẴN SÀNG")
                buf.clear()
                await ws.send_json(["stdin", "\x1b[18~"])  # F7
                await _read_until(ws, buf, "Họ và tên")
                for ch in "Lo Van":  # a person typing the name
                    await ws.send_json(["stdin", ch])
                    await asyncio.sleep(0.15)
                await ws.send_json(["stdin", make_token(ev.secret, target).lower() + "\r"])
                deadline = time.monotonic() + 20
                while target not in Event(demo_dir).day.present:
                    assert time.monotonic() < deadline, "the scan was not checked in"
                    await asyncio.sleep(0.2)
                after = Event(demo_dir)
                assert not after.day.walk_ins and after.day.present[target].desk == "ban-web-2"

    try:
        assert base in proc.stdout.readline()
        asyncio.run(tab())
    finally:
        proc.terminate()
        proc.wait(timeout=10)
