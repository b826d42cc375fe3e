"""UI figures for `hoinghi bench`: app start to ready-to-scan, and a scan through the screen.

Measured headless with `App.run_test()` (the same event loop, widgets and compositor
as a terminal; only the final write to the terminal is skipped). For each badge:
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


async def _desk_run(folder: Path, tokens: list[tuple[int, str]]) -> dict:
    from .app import make_app

    t0 = time.perf_counter()
    app = make_app(folder, mode="desk", role="desk", desk="bench")
    held: list[float] = []
    framed: list[float] = []
    frames: list[float] = []
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
        for did, token in tokens:
            # A keyboard-wedge burst: key events straight into the app's queue, as the
            # terminal driver delivers them (Pilot.press would add its own idle waits).
            for ch in token:
                driver.send_message(events.Key(ch.lower() if ch.isalpha() else ch, ch))
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
        await app.workers.wait_for_complete()
    return {"ready_ms": ready_ms, "scan_to_screen_ms": held, "scan_to_frame_ms": framed}


def desk_figures(folder: Path, tokens: list[tuple[int, str]]) -> dict:
    return asyncio.run(_desk_run(Path(folder), tokens))
