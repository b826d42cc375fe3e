"""Ask why (undoing a check-in): 1/2 for the usual reasons, or type one."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from .scan_passthrough import scan_in

QUICK = {"1": "Quét nhầm", "2": "Nhầm người"}


class ReasonDialog(ModalScreen[object]):
    """Hands back the reason, None on Esc, or `ScanArrived` when a badge was scanned into it."""

    DEFAULT_CSS = """
    ReasonDialog { align: center middle; }
    ReasonDialog > Vertical { width: 64; height: auto; border: thick $warning; background: $surface; padding: 0 1; }
    ReasonDialog Label { width: 100%; }  /* wrap a long name/unit and the help, never cut them */
    """
    BINDINGS = [Binding("escape", "cancel", "Bỏ qua", id="reason-cancel", tooltip="Đóng, không hủy")]

    def __init__(self, question: str, quick: dict[str, str] | None = None) -> None:
        super().__init__()
        self.question = question
        self.quick = quick or QUICK

    def compose(self) -> ComposeResult:
        choices = ", ".join(f"{k} = {v.lower()}" for k, v in self.quick.items())
        with Vertical():
            yield Label(self.question)
            yield Label(f"Gõ {choices}, hoặc gõ lý do rồi ⏎. Esc: bỏ qua.")
            yield Input(placeholder="Lý do", id="reason-input")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _done(self, event: Input.Submitted) -> None:
        scanned = scan_in(event.value)
        if scanned is not None:  # a badge was scanned while this was open: let the desk have it
            self.dismiss(scanned)
            return
        text = event.value.strip()
        text = self.quick.get(text, text)
        if text:
            self.dismiss(text)

    def action_cancel(self) -> None:
        self.dismiss(None)
