"""What every screen of the console shares: the event, and redraw on change."""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.screen import Screen
from textual.timer import Timer

from console.event import Event

from .messages import DayChanged


class EventScreen(Screen):
    """A screen over the open event. Subclasses implement `refresh_view()`."""

    @property
    def event(self) -> Event:
        return self.app.event  # type: ignore[attr-defined]

    def refresh_view(self) -> None:  # pragma: no cover - overridden
        pass

    _ticks: list[Timer] | None = None

    def tick(self, seconds: float, callback: Callable[[], None], name: str) -> Timer:
        """A clock for this screen that runs only while it is shown: in `hoinghi open` the cue
        stays mounted behind the control, and ticking it there cost the control its time."""
        timer = self.set_interval(seconds, callback, name=name)
        if self._ticks is None:
            self._ticks = []
        self._ticks.append(timer)
        return timer

    def on_mount(self) -> None:
        self.refresh_view()

    def on_screen_suspend(self) -> None:
        for timer in self._ticks or ():
            timer.pause()

    def on_screen_resume(self) -> None:
        for timer in self._ticks or ():
            timer.resume()
        self.refresh_view()

    @on(DayChanged)
    def _day_changed(self, _message: DayChanged) -> None:
        self.refresh_view()
