"""Messages shared by screens and widgets."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message


@dataclass
class DayChanged(Message):
    """The event folder moved on (another desk, the control laptop, an import)."""

    new_entries: int
    roster_changed: bool
