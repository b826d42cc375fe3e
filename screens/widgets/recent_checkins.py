"""The last check-ins at any desk, newest first."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from console.door.namesakes import apart, namesake_ids
from console.ground.clock import hhmm, parse_iso

from ..plain import show


class RecentCheckins(Static):
    DEFAULT_CSS = """
    RecentCheckins { height: auto; padding: 0 1; }
    """

    def show(self, event, limit: int = 10) -> None:
        t = Text("Vừa đến", style="bold underline")
        rows = list(event.day.recent)[:limit]
        twins = namesake_ids(event.delegates())
        if not rows:
            t.append("\n(chưa có ai)", style="dim")
        for did, visit in rows:
            d = event.get(did)
            t.append(f"\n{hhmm(parse_iso(visit.at))} ", style="bold")
            t.append(d.name if d else f"#{did:04d}")
            if d is not None and did in twins:  # two of that name registered: say which one came
                t.append(f" ({apart(d)})", style="italic")
            t.append(f" · {visit.desk}", style="dim")
        show(self, t)
