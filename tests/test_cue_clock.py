"""The block-font count-down: scales, figures, the pixels themselves."""

from __future__ import annotations

from screens.widgets.big_clock import fit_scale, format_countdown, render_block


def test_block_font_scales_and_counts():
    assert format_countdown(90) == "01:30" and format_countdown(89.2) == "01:30"
    assert format_countdown(-105) == "+01:45" and format_countdown(3725) == "1:02:05"
    assert fit_scale("+01:45", 56, 5) == (2, 1)
    assert fit_scale("+01:45", 160, 15) == (6, 3)
    assert fit_scale("+01:45", 20, 3) is None
    lines = render_block("10", 2, 1)
    assert len(lines) == 5 and lines[0] == "  ██    ██████"
