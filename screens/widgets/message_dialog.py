"""Type a short message for the MC's screen: 1–4 for the ready-made ones, or type one."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label


class MessageDialog(ModalScreen[str | None]):
    """Hands back the message to send, or None on Esc. The rules (empty, too long) are
    console.agenda.steps.send_message's: it refuses with a sentence the control shows."""

    DEFAULT_CSS = """
    MessageDialog { align: center middle; }
    MessageDialog > Vertical { width: 70; height: auto; border: thick $accent; background: $surface; padding: 0 1; }
    MessageDialog Label { width: 100%; }
    """
    BINDINGS = [Binding("escape", "cancel", "Bỏ qua", id="message-cancel", tooltip="Đóng, không gửi")]

    def __init__(self, ready: tuple[str, ...], max_length: int) -> None:
        super().__init__()
        self.ready = {str(i): text for i, text in enumerate(ready, start=1)}
        self.max_length = max_length

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("[b]Nhắn lên màn hình người dẫn (MC)[/b]")
            yield Label(" · ".join(f"{k} = {v}" for k, v in self.ready.items()))
            yield Label("Gõ số, hoặc gõ tin nhắn ngắn rồi ⏎. Esc: bỏ qua.")
            yield Input(placeholder="Tin nhắn", id="message-input", max_length=self.max_length)

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _done(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        text = self.ready.get(text, text)
        if text:
            self.dismiss(text)

    def action_cancel(self) -> None:
        self.dismiss(None)
