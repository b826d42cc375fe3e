"""Top hits of the name search, picked with the arrows while the scan box keeps focus."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from console.people.categories import CATEGORY_SHORT


class SearchResults(OptionList):
    """Never takes focus: the scan input must always get the next scan."""

    DEFAULT_CSS = """
    SearchResults { height: 1fr; border: round $accent; }
    """
    can_focus = False

    def set_hits(self, hits, present: dict, *, keep_pick: bool = False) -> None:
        """`keep_pick`: the same search redrawn (another desk's check-in): the person
        picked with ↓ stays picked, or Enter would check in whoever is first."""
        keep = self.picked_id if keep_pick else None
        self.clear_options()
        for h in hits:
            d = h.delegate
            line = Text()
            line.append("✔ " if d.id in present else "  ", style="green")
            line.append(d.name, style="bold")
            if d.birth_year:
                line.append(f" ({d.birth_year})")
            line.append(f" {CATEGORY_SHORT.get(d.category, '')}", style="italic")
            line.append(f"\n    {d.unit or '—'} · {d.code}", style="dim")
            self.add_option(Option(line, id=str(d.id)))
        if hits:
            ids = [h.delegate.id for h in hits]
            self.highlighted = ids.index(keep) if keep in ids else 0

    @property
    def picked_id(self) -> int | None:
        if self.highlighted is None or self.option_count == 0:
            return None
        return int(self.get_option_at_index(self.highlighted).id)
