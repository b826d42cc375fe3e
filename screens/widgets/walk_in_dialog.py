"""Register a walk-in in a few keystrokes: name ⏎ unit ⏎ 1/2/3 (⏎ reason) ⏎."""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, RadioButton, RadioSet

from console.people.categories import EXEMPLARY_COLLECTIVE, EXEMPLARY_INDIVIDUAL, GUEST
from console.ground.errors import UserError

from .scan_passthrough import scan_in

# Order of the radio buttons; keys 1/2/3 pick them from any field.
CHOICES = ((GUEST, "1 Khách mời"), (EXEMPLARY_INDIVIDUAL, "2 Cá nhân ĐH"),
           (EXEMPLARY_COLLECTIVE, "3 Tập thể ĐH"))


class WalkInDialog(ModalScreen[object]):
    """Calls `register(fields)` on F2/⏎; hands back its result, or None on Esc.

    The rules (name, unit, a reason for an exemplary walk-in) live in
    console.door.checkin.register_walk_in: when it refuses, its sentence shows here
    and the dialog stays open with what was typed.
    """

    DEFAULT_CSS = """
    WalkInDialog { align: center middle; }
    WalkInDialog > Vertical { width: 76; height: auto; max-height: 22; border: thick $accent; background: $surface; padding: 0 1; }
    WalkInDialog Input { margin: 0; }
    WalkInDialog RadioSet { width: 100%; layout: horizontal; height: auto; border: none; }
    WalkInDialog #walkin-error { color: $error; height: auto; width: 100%; }
    WalkInDialog .-hidden { display: none; }
    """
    BINDINGS = [
        Binding("escape", "cancel", "Bỏ qua", id="walkin-cancel", tooltip="Đóng, không đăng ký"),
        Binding("f2", "submit", "Lưu", id="walkin-save", tooltip="Đăng ký và điểm danh"),
    ]

    def __init__(self, register: Callable[[dict], object], name: str = "", category: str = GUEST) -> None:
        super().__init__()
        self._register = register
        self._name = name
        self._category = category

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("[b]Khách vãng lai[/b] — ⏎ ô kế · 1/2/3 thành phần · F2 lưu · Esc bỏ", id="walkin-help")
            yield Input(self._name, placeholder="Họ và tên", id="walkin-name")
            yield Input(placeholder="Đơn vị", id="walkin-unit")
            with RadioSet(id="walkin-category"):
                for key, label in CHOICES:
                    yield RadioButton(label, value=key == self._category, id=f"cat-{key}")
            yield Input(placeholder="Lý do (bắt buộc với đại biểu điển hình)", id="walkin-reason", classes="-hidden")
            yield Label("", id="walkin-error")

    def on_mount(self) -> None:
        self.query_one("#walkin-name", Input).focus()
        self._sync_reason()

    @property
    def category(self) -> str:
        rs = self.query_one(RadioSet)
        idx = rs.pressed_index
        return CHOICES[idx][0] if idx >= 0 else GUEST

    def _sync_reason(self) -> None:
        self.query_one("#walkin-reason").set_class(self.category == GUEST, "-hidden")

    @on(RadioSet.Changed)
    def _category_changed(self) -> None:
        self._sync_reason()

    def on_key(self, event) -> None:
        # 1/2/3 pick the category, except while typing a name/unit/reason.
        if event.character in ("1", "2", "3") and not isinstance(self.focused, Input):
            idx = int(event.character) - 1
            self.query_one(f"#cat-{CHOICES[idx][0]}", RadioButton).value = True
            self._sync_reason()
            event.stop()
        elif event.key == "enter" and isinstance(self.focused, RadioSet | RadioButton):
            event.stop()
            self._after_category()

    def _after_category(self) -> None:
        if self.category == GUEST:
            self.action_submit()
        else:
            self.query_one("#walkin-reason", Input).focus()

    @on(Input.Submitted)
    def _field_done(self, message: Input.Submitted) -> None:
        scanned = scan_in(message.value)
        if scanned is not None:  # a badge was scanned while this was open: let the desk have it
            self.dismiss(scanned)
            return
        if message.input.id == "walkin-name":
            self.query_one("#walkin-unit", Input).focus()
        elif message.input.id == "walkin-unit":
            self.query_one(RadioSet).focus()
        else:
            self.action_submit()

    def show_error(self, message: str) -> None:
        self.query_one("#walkin-error", Label).update(message)

    def action_submit(self) -> None:
        name = self.query_one("#walkin-name", Input).value.strip()
        unit = self.query_one("#walkin-unit", Input).value.strip()
        reason = self.query_one("#walkin-reason", Input).value.strip()
        try:
            result = self._register({"name": name, "unit": unit, "category": self.category, "reason": reason})
        except UserError as exc:
            self.show_error(str(exc))
            return
        self.dismiss(result)

    def action_cancel(self) -> None:
        self.dismiss(None)
