"""UI figures for `hoinghi bench`: app start to ready-to-scan, and a scan through the screen.

Measured headless with `App.run_test()` (the same event loop, widgets and compositor
as a terminal; only the final write to the terminal is skipped). Each badge is typed as a
keyboard-wedge scanner types it — one key every 5 ms, each handled as it arrives — and
the clock starts at Enter, once the field holds the payload:
  key   — per key, from sending it to the scan field showing it (below the gap: no backlog);
  held  — from the Enter key event to the desk screen holding the result;
  frame — from the Enter key event to the first frame composed after that (what the
          terminal would be sent: the result on screen).
The first badge is scanned the moment the desk is ready, so `held[0]` is "the first
scan after start" (the name index may still be building in its worker then).
"""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

from textual import events


async def _wait(cond, timeout: float = 10.0) -> None:
    deadline = time.perf_counter() + timeout
    while not cond():
        if time.perf_counter() > deadline:
            raise TimeoutError("the desk did not show the scan in time")
        await asyncio.sleep(0)


KEY_GAP_S = 0.005  # a keyboard-wedge scanner: one key every 4–8 ms


async def _type_badge(driver, field, token: str, gap: float, keys_ms: list[float]) -> None:
    """Type `token` into `field` as a scanner does: one key every `gap` seconds, each handled as
    it arrives. `keys_ms` gets, per key, the time from sending it to the field showing it."""
    loop = asyncio.get_running_loop()
    start = field.value
    due = loop.time()
    for i, ch in enumerate(token, start=1):
        sent = time.perf_counter()
        driver.send_message(events.Key(ch.lower() if ch.isalpha() else ch, ch))
        want = start + token[:i]
        await _wait(lambda want=want: field.value == want)
        keys_ms.append((time.perf_counter() - sent) * 1000)
        due += gap
        delay = due - loop.time()
        if delay > 0:  # a slower handling than the gap only shifts the next key (seen in keys_ms)
            await asyncio.sleep(delay)


async def _desk_run(folder: Path, tokens: list[tuple[int, str]], gap: float = KEY_GAP_S) -> dict:
    from .app import make_app

    t0 = time.perf_counter()
    app = make_app(folder, mode="desk", role="desk", desk="bench")
    held: list[float] = []
    framed: list[float] = []
    frames: list[float] = []
    keys_ms: list[float] = []
    async with app.run_test(size=(80, 24)) as pilot:
        real_display = app._display

        def display(screen, renderable) -> None:  # every composed frame, as sent to a terminal
            real_display(screen, renderable)
            if renderable is not None:
                frames.append(time.perf_counter())

        app._display = display
        await _wait(lambda: type(app.screen).__name__ == "DeskScreen" and app.screen.focused is not None
                    and app.screen.focused.id == "desk-scan")
        ready_ms = (time.perf_counter() - t0) * 1000
        driver = app._driver
        field = app.screen.focused
        for did, token in tokens:
            # The payload typed key by key, as a keyboard-wedge scanner does (through the
            # driver's queue, as the terminal delivers keys); the clock starts at Enter, once
            # the field holds the whole payload.
            await _type_badge(driver, field, token, gap, keys_ms)
            t1 = time.perf_counter()
            driver.send_message(events.Key("enter", "\r"))

            def shown(did=did) -> bool:
                last = getattr(app.screen, "last", None)
                return last is not None and last.delegate is not None and last.delegate.id == did

            await _wait(shown)
            t_held = time.perf_counter()
            held.append((t_held - t1) * 1000)
            await _wait(lambda t_held=t_held: bool(frames) and frames[-1] >= t_held)
            framed.append((next(f for f in frames if f >= t_held) - t1) * 1000)
            await pilot.pause()
            await asyncio.sleep(0.05)  # the next badge is held to the reader a moment later
        await app.workers.wait_for_complete()
    return {"ready_ms": ready_ms, "scan_to_screen_ms": held, "scan_to_frame_ms": framed, "key_ms": keys_ms,
            "key_gap_ms": gap * 1000}


def desk_figures(folder: Path, tokens: list[tuple[int, str]], gap: float = KEY_GAP_S) -> dict:
    """A desk scanning `tokens` as a scanner types them (a key every `gap` s): Enter → held,
    Enter → frame, and each key's handling (sent → shown in the field)."""
    return asyncio.run(_desk_run(Path(folder), tokens, gap))


def _desk_writer(folder: str, desk: str, ids: list[int], out, go) -> None:
    """One desk process scanning its badges, saying when each was acknowledged (on disk)."""
    import random

    from console.door.checkin import scan
    from console.door.tokens import make_token
    from console.event import Event

    ev = Event(Path(folder), desk=desk)
    rng = random.Random(desk)
    go.wait(120)
    for did in ids:
        time.sleep(rng.uniform(0.02, 0.08))  # a busy door: a badge every 20–80 ms at each desk
        scan(ev, make_token(ev.secret, did), desk=desk)
        out.put((did, time.time()))


async def _watch_run(folder: Path, ids: list[int], desks: int, out, go) -> list[float]:
    from .app import make_app

    app = make_app(folder, mode="desk", role="desk", desk="watcher")
    seen: dict[int, float] = {}
    async with app.run_test(size=(80, 24)):
        await _wait(lambda: type(app.screen).__name__ == "DeskScreen")
        watch = getattr(app, "folder_watch", None)
        await _wait(lambda: watch is None or watch.active or not watch.started, 5)
        await asyncio.sleep(0.2)
        screen = app.screen
        real = screen.refresh_view

        def refresh_view() -> None:  # the watcher's screen redrawn with the new check-ins
            real()
            now = time.time()
            for did in app.event.day.present:
                seen.setdefault(did, now)

        screen.refresh_view = refresh_view
        go.set()
        await _wait(lambda: all(did in seen for did in ids), 60)
    written = [out.get(timeout=10) for _ in ids]
    return [(seen[did] - t) * 1000 for did, t in written]


def visibility_figures(folder: Path, ids: list[int], desks: int = 4) -> list[float]:
    """ms from a check-in acknowledged at one of `desks` desk processes (each scanning a badge
    every 20–80 ms) to a watcher desk's screen redrawn with it. (Near 0 is real: the watcher
    is told when the line is written, often before the writer's own fsync returns.)"""
    import multiprocessing as mp

    ctx = mp.get_context("spawn")  # (the desks start before the app: no fork of a running loop)
    out, go = ctx.Queue(), ctx.Event()
    procs = [ctx.Process(target=_desk_writer, args=(str(folder), f"ban-{k + 1}", ids[k::desks], out, go))
             for k in range(desks)]
    for p in procs:
        p.start()
    try:
        return asyncio.run(_watch_run(Path(folder), ids, desks, out, go))
    finally:
        go.set()
        for p in procs:
            p.join(20)
            if p.is_alive():
                p.terminate()


async def _cue_run(folder: Path, ticks: int, rebuilds: int) -> dict:
    from .app import make_app

    app = make_app(folder, mode="cue", role="cue", desk="bench-cue")
    tick_ms: list[float] = []
    rebuild_ms: list[float] = []
    async with app.run_test(size=(120, 36)) as pilot:
        await _wait(lambda: type(app.screen).__name__ == "CueScreen")
        await pilot.pause()
        screen = app.screen
        for _ in range(ticks):  # what the one-second timer runs: nothing changed but the clock
            t0 = time.perf_counter()
            screen.refresh_view()
            tick_ms.append((time.perf_counter() - t0) * 1000)
        for _ in range(rebuilds):  # after a journal line or a roster reload: the items are built again
            app.event._items_cache = None
            t0 = time.perf_counter()
            screen.refresh_view()
            rebuild_ms.append((time.perf_counter() - t0) * 1000)
    return {"tick_ms": tick_ms, "rebuild_ms": rebuild_ms}


def cue_figures(folder: Path, ticks: int = 30, rebuilds: int = 10) -> dict:
    """ms of the cue's refresh on the UI thread: a tick (view cached) and a rebuild (items built again)."""
    return asyncio.run(_cue_run(Path(folder), ticks, rebuilds))
