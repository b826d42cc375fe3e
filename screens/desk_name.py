"""After the PIN, a browser tab that was not given a desk name asks for one: each
tab is its own desk in the journal ("ban-3"), not one shared "ban-web"."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from console.cli.web_desk import desk_name


class DeskNameScreen(ModalScreen[str]):
    DEFAULT_CSS = """
    DeskNameScreen { align: center middle; }
    DeskNameScreen > Vertical { width: 60; height: auto; border: thick $primary; background: $surface; padding: 1 2; }
    DeskNameScreen #deskname-error { color: $error; height: auto; }
    """

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("[b]Tên bàn đón tiếp này[/b]")
            yield Label("Ví dụ ban-3 (chữ thường không dấu, số, gạch ngang). Tên được ghi vào nhật ký ở mỗi lượt "
                        "điểm danh. Lần sau có thể mở thẳng địa chỉ …/?desk=ban-3.")
            yield Input(placeholder="ban-3", id="deskname-input", restrict=r"[a-zA-Z0-9-]*", max_length=24)
            yield Label("", id="deskname-error")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _submitted(self, message: Input.Submitted) -> None:
        name = desk_name(message.value)
        if name is None or name == "ban-web":
            self.query_one("#deskname-error", Label).update("Hãy gõ một tên riêng cho bàn này, ví dụ ban-3.")
            return
        self.dismiss(name)
