"""The desk PIN asked before anything else when the console is served to a browser.

textual-serve has no login of its own; without this, anyone on the hall's
Wi-Fi who finds the port could open the desk. Checking and counting wrong
guesses is console.door.desk_pin's job (shared by every browser tab's process).
"""

from __future__ import annotations

import os

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from console.door.desk_pin import check_pin


class PinScreen(ModalScreen[bool]):
    """Dismisses with True only on the right PIN; there is no way around it."""

    DEFAULT_CSS = """
    PinScreen { align: center middle; }
    PinScreen > Vertical { width: 50; height: auto; border: thick $primary; background: $surface; padding: 1 2; }
    PinScreen #pin-error { color: $error; height: auto; }
    """

    def __init__(self, folder) -> None:
        super().__init__()
        self.folder = folder

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("[b]Mã PIN bàn đón tiếp[/b]")
            yield Label("Mã PIN được in trên máy chủ khi chạy `hoinghi serve`.")
            yield Input(placeholder="PIN", password=True, id="pin-input", restrict=r"[0-9]*", max_length=12)
            yield Label("", id="pin-error")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _submitted(self, message: Input.Submitted) -> None:
        # `hoinghi serve` tells each tab's process its browser's address: wrong PINs count per client.
        result = check_pin(self.folder, message.value, client=os.environ.get("HOINGHI_CLIENT", "local"))
        message.input.value = ""
        if result.ok:
            self.dismiss(True)
        else:
            self.query_one("#pin-error", Label).update(result.message)
