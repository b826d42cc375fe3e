"""SVG snapshots of the main screens at 80×24 (pytest-textual-snapshot), so a layout change is seen.

Textual is pinned exactly in pyproject.toml: a new Textual draws differently and would fail
these for no fault of ours. After an intended change of a screen, look at the report the
failure writes, then refresh with `pytest tests/test_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

import pytest

from tests.ui import catch_up

SIZE = (80, 24)


async def _ready(pilot) -> None:
    await catch_up(pilot)
    pilot.app.screen.set_focus(None) if pilot.app.current_mode != "desk" else None
    await pilot.pause()


@pytest.mark.parametrize("mode", ["status", "desk", "cue", "control", "ceremony", "printers"])
def test_screen_at_80x24(snap_compare, demo_app, mode):
    app = demo_app(mode, role="all", desk="ban-1", poll_seconds=3600)
    assert snap_compare(app, terminal_size=SIZE, run_before=_ready)
