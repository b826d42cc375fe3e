"""UI figures for `hoinghi bench`: app start to ready-to-scan, and scan→screen through Pilot.

Measured headless with `App.run_test()` (the same event loop and widgets as a
terminal, without the terminal's own drawing). scan→screen runs from the Enter
key event to the desk screen holding the result it shows.
"""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

from textual import events


async def _desk_run(folder: Path, tokens: list[tuple[int, str]]) -> dict:
    from .app import make_app

    t0 = time.perf_counter()
    app = make_app(folder, mode="desk", role="desk", desk="bench")
    samples: list[float] = []
    async with app.run_test(size=(80, 24)) as pilot:
        while not (type(app.screen).__name__ == "DeskScreen" and app.screen.focused is not None
                   and app.screen.focused.id == "desk-scan"):
            await pilot.pause(0.001)
        ready_ms = (time.perf_counter() - t0) * 1000
        driver = app._driver
        for did, token in tokens:
            # A keyboard-wedge burst: key events straight into the app's queue, as the
            # terminal driver delivers them (Pilot.press would add its own idle waits).
            for ch in token:
                driver.send_message(events.Key(ch.lower() if ch.isalpha() else ch, ch))
            t1 = time.perf_counter()
            driver.send_message(events.Key("enter", "\r"))
            while True:
                last = getattr(app.screen, "last", None)
                if last is not None and last.delegate is not None and last.delegate.id == did:
                    break
                await asyncio.sleep(0)
            samples.append((time.perf_counter() - t1) * 1000)
            await pilot.pause()
    return {"ready_ms": ready_ms, "scan_to_screen_ms": samples}


def desk_figures(folder: Path, tokens: list[tuple[int, str]]) -> dict:
    return asyncio.run(_desk_run(Path(folder), tokens))
