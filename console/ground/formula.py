"""Text a spreadsheet would run as a formula (or a DDE / HYPERLINK trick) if it were typed into a cell.

Used to refuse such text as a name (import, walk-in, CLI) and to keep it text
in every export (`record/cells.py`).
"""

from __future__ import annotations

import re

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")


def looks_like_formula(text: str) -> bool:
    """Would a spreadsheet read this text as a formula (or a DDE/hyperlink trick)?"""
    if not text or not text.startswith(FORMULA_START):
        return False
    return not _PLAIN_NUMBER.match(text)
