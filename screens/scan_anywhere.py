"""A scanner burst on any screen, under any dialog, goes to the desk's scan path.

Every key of a process with a desk role (`desk`, `open`, a browser desk) passes
through `ScanRouter.key` before Textual delivers it: console.door.burst holds
what could be a scan and says, at Enter, whether it was one. A scan is checked
in at this process's desk and answered where the operator is looking — the
desk's own panel when the desk is on top, a toast on any other screen or
dialog (and the desk's panel under it) — and nothing else moves: the held keys
were never delivered, so no field got them, no shortcut fired, no form's Enter
was pressed, the dialog stays as it was.

Only the desk's own scan field takes keys straight through: it is a scan path
already (Enter there scans), so holding its keys would only delay the typing.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from textual import events
from textual.timer import Timer

from console.door.burst import BurstDetector
from console.door.checkin import CHECKED_IN, Outcome, ScanResult, scan
from console.door.namesakes import apart
from console.ground.errors import UserError

from .journal_wait import WAITING, when_free

_SEVERITY = {CHECKED_IN: "information", "already_checked_in": "warning", "ime_mangled": "warning"}


def _key_time(event: events.Key) -> float:
    return event.time  # set when the driver read the key: the arrival time, not the handling time


class ScanRouter:
    """Owned by the app; `deliver(event)` is Textual's own handling of a key."""

    def __init__(self, app, deliver: Callable[[events.Key], Awaitable[None]]) -> None:
        self.app = app
        self.deliver = deliver
        self.detector: BurstDetector[events.Key] = BurstDetector()
        self.key_time: Callable[[events.Key], float] = _key_time  # tests inject their own timing
        self.flush_seconds = self.detector.max_gap + 0.01
        self._timer: Timer | None = None
        self.scans: list[ScanResult] = []  # every scan taken this way (tests, the bench)

    def _passes_straight(self) -> bool:
        focused = self.app.focused
        return getattr(focused, "is_scan_path", False) and not self.detector.holding

    async def key(self, event: events.Key) -> None:
        if self._passes_straight():
            await self.deliver(event)
            return
        step = self.detector.feed(event, event.key, event.character, self.key_time(event))
        for held in step.release:
            await self.deliver(held)
        if step.payload is not None:
            self.scanned(step.payload)
        self._arm()

    def _arm(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if self.detector.holding:
            self._timer = self.app.set_timer(self.flush_seconds, self._expired, name="scan-burst")

    async def _expired(self) -> None:
        self._timer = None
        # The timer ran flush_seconds after the last key, by the loop's clock: the burst stopped.
        for held in self.detector.flush().release:
            await self.deliver(held)

    def scanned(self, payload: str) -> None:
        app = self.app
        if getattr(app, "locked", False):
            app.notify("Hãy nhập mã PIN của bàn trước, rồi quét thẻ.", severity="warning", timeout=5)
            return
        when_free(app, app.event, lambda: self._check_in(payload),
                  gave_up=lambda sentence: app.notify(sentence, title="Quét thẻ", severity="error", timeout=10,
                                                      markup=False),
                  waiting=lambda: app.notify(WAITING, title="Quét thẻ", severity="warning", timeout=4, markup=False))

    def _check_in(self, payload: str) -> None:
        app = self.app
        try:
            result = scan(app.event, payload, desk=app.event.desk)
        except UserError as exc:  # the journal held past its wait after all, a disk gone: nothing written
            result = ScanResult(Outcome.ERROR, str(exc))
        self.scans.append(result)
        desk = next((s for s in app.screen_stack if type(s).__name__ == "DeskScreen"), None)
        if desk is not None:
            desk.show_scan(result)  # its panel (under a dialog it is seen when the dialog closes)
        if desk is None or desk is not app.screen:
            app.notify(toast_text(result), title="Quét thẻ", severity=_SEVERITY.get(result.result, "error"),
                       timeout=6, markup=False)
            if desk is None and result.result != CHECKED_IN and app.event.settings.desk.bell_on_error:
                app.bell()  # (the desk's panel rings its own)


def toast_text(result: ScanResult) -> str:
    """The result's sentence, then the unit and birth year: two of one name are told apart."""
    d = result.delegate
    if d is None:
        return result.message
    extra = apart(d)
    return f"{result.message}\n{extra}" if extra else result.message
