"""A screen that is not shown does not tick: the cue behind the control in `hoinghi open` costs nothing."""

from __future__ import annotations

import asyncio

import pytest

from screens.cue import CueScreen

pytestmark = pytest.mark.asyncio


async def test_the_cue_stops_ticking_while_the_control_is_shown(demo_app, monkeypatch):
    monkeypatch.setattr(CueScreen, "TICK_SECONDS", 0.02)
    calls = {"n": 0}
    real = CueScreen.refresh_view

    def counting(self):
        calls["n"] += 1
        real(self)

    monkeypatch.setattr(CueScreen, "refresh_view", counting)
    app = demo_app("cue", role="all")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await asyncio.sleep(0.3)
        assert calls["n"] >= 3  # shown: it ticks
        app.switch_mode("control")
        await pilot.pause()
        await asyncio.sleep(0.05)
        hidden_from = calls["n"]
        await asyncio.sleep(0.4)
        assert calls["n"] == hidden_from  # behind the control: no tick
        app.switch_mode("cue")
        await pilot.pause()
        await asyncio.sleep(0.3)
        assert calls["n"] >= hidden_from + 3  # back: it ticks again (and redrew on its return)
