"""Register a person at the desk as whole as an imported one, keyboard first:
name ⏎ unit ⏎ position ⏎ Nam/Nữ ⏎ birth year ⏎ ethnicity ⏎ 1/2/3 ⏎ (reason ⏎).

F4 marks a *supplementary delegate* (added by a decision, counted as registered)
instead of a walk-in guest; it then asks for the decision."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Label, RadioButton, RadioSet

from console.door.walkin import gender_from_text
from console.ground.errors import UserError
from console.people.categories import EXEMPLARY_COLLECTIVE, EXEMPLARY_INDIVIDUAL, GUEST

from .scan_passthrough import scan_in

# Order of the radio buttons; keys 1/2/3 pick them from any field but a text field.
CHOICES = ((GUEST, "1 Khách mời"), (EXEMPLARY_INDIVIDUAL, "2 Cá nhân ĐH"),
           (EXEMPLARY_COLLECTIVE, "3 Tập thể ĐH"))
# Enter in one field moves to the next, in this order.
ORDER = ("walkin-name", "walkin-unit", "walkin-position", "walkin-gender", "walkin-birth", "walkin-ethnicity")


class WalkInDialog(ModalScreen[object]):
    """Calls `register(fields)` on F2/⏎; hands back its result, or None on Esc.

    The rules live in console.door.checkin.register_walk_in: when it refuses, its
    sentence shows here and the dialog stays open with what was typed.
    """

    DEFAULT_CSS = """
    WalkInDialog { align: center middle; }
    WalkInDialog > Vertical { width: 78; height: auto; max-height: 24; border: thick $accent; background: $surface; padding: 0 1; }
    WalkInDialog Input { margin: 0; }
    WalkInDialog Horizontal { height: auto; }
    WalkInDialog #walkin-gender { width: 22; }
    WalkInDialog #walkin-birth { width: 16; }
    WalkInDialog #walkin-ethnicity { width: 1fr; }
    WalkInDialog RadioSet { width: 100%; layout: horizontal; height: auto; border: none; }
    WalkInDialog Checkbox { border: none; height: auto; }
    WalkInDialog #walkin-error { color: $error; height: auto; width: 100%; }
    WalkInDialog .-hidden { display: none; }
    """
    BINDINGS = [
        Binding("escape", "cancel", "Bỏ qua", id="walkin-cancel", tooltip="Đóng, không đăng ký"),
        Binding("f2", "submit", "Lưu", id="walkin-save", tooltip="Đăng ký và điểm danh"),
        Binding("f4", "supplementary", "Bổ sung", id="walkin-supplementary",
                tooltip="Đại biểu bổ sung theo quyết định (tính vào danh sách triệu tập)"),
    ]

    def __init__(self, register: Callable[[dict], object], name: str = "", category: str = GUEST) -> None:
        super().__init__()
        self._register = register
        self._name = name
        self._category = category

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("[b]Khách vãng lai[/b] — ⏎ ô kế · 1/2/3 thành phần · F4 đại biểu bổ sung · F2 lưu · Esc bỏ",
                        id="walkin-help")
            yield Input(self._name, placeholder="Họ và tên", id="walkin-name")
            yield Input(placeholder="Đơn vị", id="walkin-unit")
            yield Input(placeholder="Chức vụ (nếu có)", id="walkin-position")
            with Horizontal():
                yield Input(placeholder="Nam / Nữ", id="walkin-gender", max_length=8)
                yield Input(placeholder="Năm sinh", id="walkin-birth", restrict=r"[0-9]*", max_length=4)
                yield Input(placeholder="Dân tộc (Kinh, Tày, Thái …)", id="walkin-ethnicity")
            with RadioSet(id="walkin-category"):
                for key, label in CHOICES:
                    yield RadioButton(label, value=key == self._category, id=f"cat-{key}")
            yield Checkbox("Đại biểu bổ sung theo quyết định (F4)", id="walkin-supplementary")
            yield Input(placeholder="Lý do (bắt buộc với đại biểu điển hình)", id="walkin-reason", classes="-hidden")
            yield Label("", id="walkin-error")

    def on_mount(self) -> None:
        self.query_one("#walkin-name", Input).focus()
        self._sync_reason()

    @property
    def category(self) -> str:
        idx = self.query_one(RadioSet).pressed_index
        return CHOICES[idx][0] if idx >= 0 else GUEST

    @property
    def supplementary(self) -> bool:
        return self.query_one("#walkin-supplementary", Checkbox).value

    def _needs_reason(self) -> bool:
        return self.category != GUEST or self.supplementary

    def _sync_reason(self) -> None:
        reason = self.query_one("#walkin-reason", Input)
        reason.set_class(not self._needs_reason(), "-hidden")
        reason.placeholder = ("Số quyết định bổ sung (bắt buộc)" if self.supplementary
                              else "Lý do (bắt buộc với đại biểu điển hình)")
        self.query_one("#walkin-help", Label).update(
            ("[b]Đại biểu bổ sung[/b]" if self.supplementary else "[b]Khách vãng lai[/b]")
            + " — ⏎ ô kế · 1/2/3 thành phần · F4 đại biểu bổ sung · F2 lưu · Esc bỏ")

    @on(RadioSet.Changed)
    @on(Checkbox.Changed)
    def _kind_changed(self) -> None:
        self._sync_reason()

    def action_supplementary(self) -> None:
        box = self.query_one("#walkin-supplementary", Checkbox)
        box.value = not box.value
        self._sync_reason()

    def on_key(self, event) -> None:
        # 1/2/3 pick the category, except while typing in a field.
        if event.character in ("1", "2", "3") and not isinstance(self.focused, Input):
            idx = int(event.character) - 1
            self.query_one(f"#cat-{CHOICES[idx][0]}", RadioButton).value = True
            self._sync_reason()
            event.stop()
        elif event.key == "enter" and isinstance(self.focused, RadioSet | RadioButton | Checkbox):
            event.stop()
            self._after_category()

    def _after_category(self) -> None:
        if self._needs_reason():
            self.query_one("#walkin-reason", Input).focus()
        else:
            self.action_submit()

    @on(Input.Submitted)
    def _field_done(self, message: Input.Submitted) -> None:
        scanned = scan_in(message.value)
        if scanned is not None:  # a badge scanned too slowly to be told as a burst: the desk takes it
            self.dismiss(scanned)
            return
        field_id = message.input.id
        if field_id in ORDER[:-1]:
            self.query_one(f"#{ORDER[ORDER.index(field_id) + 1]}", Input).focus()
        elif field_id == ORDER[-1]:
            self.query_one(RadioSet).focus()
        else:
            self.action_submit()

    def show_error(self, message: str) -> None:
        self.query_one("#walkin-error", Label).update(Text(message))  # may quote what was typed: never markup

    def _value(self, name: str) -> str:
        return self.query_one(f"#walkin-{name}", Input).value.strip()

    def action_submit(self) -> None:
        try:
            # Nam + Nữ must add up to everyone in the report: the form asks for it every time.
            if not gender_from_text(self._value("gender")):
                raise UserError("Hãy ghi giới tính: Nam hoặc Nữ.")
            result = self._register({
                "name": self._value("name"), "unit": self._value("unit"), "position": self._value("position"),
                "gender": self._value("gender"), "birth_year": self._value("birth") or None,
                "ethnicity": self._value("ethnicity"), "category": self.category,
                "supplementary": self.supplementary, "reason": self._value("reason"),
            })
        except UserError as exc:
            self.show_error(str(exc))
            return
        self.dismiss(result)

    def action_cancel(self) -> None:
        self.dismiss(None)
