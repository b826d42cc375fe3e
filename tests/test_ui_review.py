"""Pilot at 80×24: what an organiser reads on each screen (found by driving the console in a terminal)."""

from __future__ import annotations

import asyncio

from tests.test_ceremony_screen import svg_text


def _screen_text(app, tmp_path, name: str = "shot.svg") -> str:
    path = str(tmp_path / name)
    app.save_screenshot(path)
    return svg_text(path)


def test_footer_has_no_english_palette_and_room_for_every_screen_key(demo_dir, clock, tmp_path):
    from screens.app import make_app

    async def run():
        app = make_app(demo_dir, mode="status", desk="t", clock=clock, poll_seconds=0.05)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause(0.2)
            footer = _screen_text(app, tmp_path).splitlines()[-1]
            assert "palette" not in footer
            assert "f6 Máy in" in footer

    asyncio.run(run())
