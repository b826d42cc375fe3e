"""Slip layout is bounded whatever the text (issue 17): a 1,993-character name hung `badges`.

Work is counted (glyph-run measurements), not timed: the bench times it
(`python -m console.bench.hostile`).
"""

from __future__ import annotations

import pytest
from PIL import ImageFont

from console.printing import canvas
from console.printing.layout_badge import BadgeData, badge_slip


def name_of(n: int) -> str:
    syll = ["Nguyễn", "Thị", "Thu", "Huyền", "Lò", "Văn", "Bàn"]
    out, i = "", 0
    while len(out) < n:
        out += syll[i % 7] + " "
        i += 1
    return out[:n].strip()


@pytest.fixture
def measured(monkeypatch):
    calls = [0]
    orig = ImageFont.FreeTypeFont.getlength

    def counting(self, text, *a, **k):
        calls[0] += 1
        return orig(self, text, *a, **k)
    monkeypatch.setattr(ImageFont.FreeTypeFont, "getlength", counting)

    def work(name: str) -> tuple[int, list[str]]:
        canvas._fit_cached.cache_clear()
        canvas.line_mask.cache_clear()
        calls[0] = 0
        slip = badge_slip(BadgeData(1, name, "HN1ABCDEFGHJKMNPQRS", "ABCD-EFGH", "khach_moi", "Chủ tịch",
                                    "Công ty Cổ phần Chè Phiêng Luông", ["HỘI NGHỊ"], "Nà Lương"), 576)
        lines = [line for b in slip.blocks if b.kind == "text" for line in b.lines]
        return calls[0], lines
    return work


def test_a_pasted_page_as_a_name_costs_no_more_than_the_cap(measured):
    at_cap, _ = measured(name_of(canvas.MAX_TEXT))
    huge, lines = measured(name_of(1993))
    assert huge <= 1.5 * at_cap, (huge, at_cap)
    assert any(line.endswith("…") for line in lines)  # cut, and said to be cut
    assert sum(len(line) for line in lines) < canvas.MAX_TEXT + 200  # name + banner, position, unit


def test_layout_work_grows_at_most_linearly_with_the_name(measured):
    small, _ = measured(name_of(100))
    large, _ = measured(name_of(400))
    assert large <= 4 * small + 100, (small, large)


def test_bounded_cuts_at_a_word():
    text = "Nguyễn Văn " * 100
    cut = canvas.bounded(text, 50)
    assert len(cut) <= 50 and cut.endswith("…") and not cut.endswith(" …")
    assert canvas.bounded("Tô Văn Bàn") == "Tô Văn Bàn"
