"""What every screen of the console shares: the event, and redraw on change."""

from __future__ import annotations

from textual import on
from textual.screen import Screen

from console.event import Event

from .messages import DayChanged


class EventScreen(Screen):
    """A screen over the open event. Subclasses implement `refresh_view()`."""

    @property
    def event(self) -> Event:
        return self.app.event  # type: ignore[attr-defined]

    def refresh_view(self) -> None:  # pragma: no cover - overridden
        pass

    def on_mount(self) -> None:
        self.refresh_view()

    def on_screen_resume(self) -> None:
        self.refresh_view()

    @on(DayChanged)
    def _day_changed(self, _message: DayChanged) -> None:
        self.refresh_view()
