"""Text from people and files shown as written, never read as Textual markup.

A str given to a DataTable cell, an OptionList prompt, a Label or a toast is parsed as
markup: a name holding "[/b]" crashed the screen, "[@click=app.quit]" became a live
link. Everything that carries a name, unit, position or title goes through here.
"""

from __future__ import annotations

from rich.text import Text
from textual.markup import escape

__all__ = ["escape", "plain"]


def plain(value):
    """A cell or prompt shown literally (a rich Text is never parsed as markup)."""
    return Text(value) if isinstance(value, str) else value


def _shown_key(content) -> object:
    if isinstance(content, Text):  # (Text's own == leaves out its base style and justification)
        return ("text", content.plain, tuple(content.spans), str(content.style), content.justify)
    return ("other", content) if isinstance(content, str) else ("obj", id(content))


def show(widget, content) -> None:
    """`widget.update(content)` only when what it shows changes. An update asks Textual for a
    whole layout of the screen; the control's and the cue's panels were given the same text
    every second, and at a big event that layout was most of their 200–400 ms ticks. A widget of
    fixed height (the clock's one line) is redrawn without one."""
    key = _shown_key(content)
    if getattr(widget, "_hoinghi_shown", None) == key:
        return
    widget._hoinghi_shown = key
    height = widget.styles.height
    fixed = height is not None and height.is_cells
    widget.update(content, layout=not fixed)
