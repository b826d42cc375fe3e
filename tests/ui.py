"""Helpers for Pilot tests: read the screen as text, wait on a condition (never a fixed sleep)."""

from __future__ import annotations

import asyncio
import html
import re
from collections.abc import Callable


def svg_text(svg: str) -> str:
    """A screenshot's lines as plain text (the spans of one row joined)."""
    if not svg.lstrip().startswith("<"):
        svg = open(svg, encoding="utf-8").read()  # a path
    rows: dict[float, list[str]] = {}
    for y, chunk in re.findall(r'<text[^>]*y="([\d.]+)"[^>]*>(.*?)</text>', svg):
        rows.setdefault(float(y), []).append(html.unescape(re.sub("<[^>]+>", "", chunk)))
    return "\n".join("".join(rows[y]).replace("\xa0", " ") for y in sorted(rows))


def screen_text(app) -> str:
    """What the terminal shows now, as text."""
    return svg_text(app.export_screenshot())


def notes(app) -> list[str]:
    return [n.message for n in app._notifications]


async def until(pilot, cond: Callable[[], object], timeout: float = 10.0, what: str = "") -> None:
    """Let the app run until `cond()` holds; fail after `timeout` seconds saying what was awaited.

    Polls between message-queue drains, so a test waits exactly as long as the app needs
    (a timer, a worker, another process's write) and no longer — under load too."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        await pilot.pause()
        if cond():
            return
        if loop.time() > deadline:
            raise AssertionError(f"sau {timeout} s vẫn chưa thấy: {what or getattr(cond, '__name__', cond)}")
        await asyncio.sleep(0.01)


async def catch_up(pilot) -> None:
    """Run the app's folder poll now — exactly what its timer does — and let the screen
    handle what it found: another process's writes are then on screen, with no sleep."""
    pilot.app.poll_folder()
    await pilot.pause()
    await pilot.pause()
