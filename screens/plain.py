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
