"""Khen thưởng & tham luận: review and adjust both orders by keyboard.

The table shows one list at a time (L switches: awards → speeches → responses);
the panel under it gives the reason for the highlighted row's place and, for an
award, its batch's presenter and the MC's line. Everything is rebuilt from the
journal and who is present on every poll, so people arriving mid-way slot in.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.coordinate import Coordinate
from textual.screen import ModalScreen
from textual.widgets import DataTable, Footer, Header, Input, Label, Static

from console.agenda.timing import minutes_text
from console.ceremony import actions, plan_awards, plan_speeches
from console.ceremony.substeps import award_substeps
from console.ground.errors import UserError

from .base import EventScreen
from .plain import escape, plain

LISTS = ("awards", "tham_luan", "huong_ung")
LIST_LABELS = {"awards": "Khen thưởng", "tham_luan": "Tham luận", "huong_ung": "Hưởng ứng"}
# Fixed widths (fit 80 columns with the scrollbar): auto-width columns of a table
# cleared and refilled on every poll kept the header's width and cut every name.
AWARD_COLUMNS = (("Đợt", 3), ("Tập thể / cá nhân", 24), ("Hình thức", 16), ("Lên nhận", 14), ("Có mặt", 11))
SPEECH_COLUMNS = (("#", 3), ("Người trình bày", 26), ("Lĩnh vực", 14), ("Phút", 7), ("Trạng thái", 16))
SPEECH_STATUS = {"given": "đã xong", "current": "ĐANG NÓI", "pending": "đề xuất", "dropped": "không xếp",
                 "reserve": "dự phòng"}


class ProxyDialog(ModalScreen[str | None]):
    """Ask for the proxy's code or name ("" clears it, Esc cancels)."""

    BINDINGS = [Binding("escape", "cancel", "Hủy", id="proxy-cancel", tooltip="Đóng, không đổi gì")]

    def __init__(self, recipient: str):
        super().__init__()
        self.recipient = recipient

    def compose(self) -> ComposeResult:
        with Vertical(id="proxy-box"):
            yield Label(f"Người nhận thay cho {escape(self.recipient)}:")
            yield Input(placeholder="mã đại biểu (0042) hoặc họ tên; để trống = xóa", id="proxy-input")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)


class CeremonyScreen(EventScreen):
    CSS_PATH = "ceremony.tcss"
    # The day's keys first (s, x, u), then the fixes, the lists last: at 80 columns the
    # footer cuts from the right, and keys that do nothing on this list are hidden.
    BINDINGS = [
        Binding("s", "start", "Bắt đầu", id="cer-start", tooltip="Bắt đầu đợt trao / bài tham luận tiếp theo"),
        Binding("x", "done", "Xong", id="cer-done", tooltip="Đợt trao / bài đang nói đã xong"),
        Binding("u", "undo", "Lùi", id="cer-undo", tooltip="Lấy lại lần bấm “Xong”/“Bắt đầu” gần nhất (bấm nhầm)"),
        # Shown only while the hall has forced a change on batches the MC already has.
        Binding("a", "approve", "Duyệt đổi", id="cer-approve",
                tooltip="Duyệt các thay đổi đề xuất cho các đợt đã chốt (người trao vắng, người nhận rời hội trường)"),
        Binding("t", "presenter", "Người trao", id="cer-presenter", tooltip="Đổi người trao của đợt đang chọn"),
        Binding("n", "proxy", "Nhận thay", id="cer-proxy", tooltip="Ghi người nhận thay cho khen thưởng đang chọn"),
        Binding("p", "pin", "Ghim", id="cer-pin", tooltip="Tham luận: luôn giữ bài này dù thiếu giờ"),
        Binding("f9", "print_batch", "In đợt", id="cer-print-batch",
                tooltip="In giấy gọi lên sân khấu và phiếu nhận khen thưởng của đợt đang chọn (hoặc đợt kế tiếp)"),
        Binding("f10", "print_mc_list", "In DS MC", id="cer-print-mc",
                tooltip="In danh sách các đợt còn lại, theo thứ tự gọi, cho người dẫn chương trình"),
        Binding("l", "switch_list", "Bảng", id="cer-list", tooltip="Chuyển: khen thưởng / tham luận / hưởng ứng"),
        Binding("f7", "move(-1)", "Lên", id="cer-up", tooltip="Đưa mục đang chọn lên một bậc"),
        Binding("f8", "move(1)", "Xuống", id="cer-down", tooltip="Đưa mục đang chọn xuống một bậc"),
    ]

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        awards = self.list_name == "awards"
        if action == "approve":
            return awards and bool(getattr(getattr(self, "_award_plan", None), "proposals", None))
        if action in ("presenter", "proxy", "print_batch", "print_mc_list"):
            return awards
        if action == "pin":
            return not awards
        return True

    def __init__(self) -> None:
        super().__init__()
        self.list_name = "awards"
        self._rows: dict[str, object] = {}
        self._shown: tuple = ((), [])  # the columns and rows the table holds

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="cer-summary")
        yield DataTable(id="cer-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="cer-reason")
        yield Footer(compact=True, show_command_palette=False)

    # --- drawing -------------------------------------------------------------

    def refresh_view(self) -> None:
        table = self.query_one("#cer-table", DataTable)
        keep = self._current_key()
        self._rows.clear()
        rows: list[tuple[str, tuple]] = []
        ev = self.event
        if self.list_name == "awards":
            plan = plan_awards(ev)
            self._award_plan = plan
            self._steps = {s.key: s for s in award_substeps(ev)}
            name_width = self._name_width()
            columns = tuple((label, name_width if i == 1 else w) for i, (label, w) in enumerate(AWARD_COLUMNS))
            for p in plan.items:
                batch = str(p.batch) if p.batch else "sau"
                mark = {"presented": "✓ đã trao", "proxy": "✓ nhận thay", "later": "✗ trao sau"}.get(p.status, "")
                here = Text("có", style="green") if p.present else \
                    Text("thay", style="yellow") if p.proxy_id else Text("vắng", style="red")
                rows.append((p.item.key, (batch, plain((p.label or p.item.recipient)[:name_width]),
                                          plain(_short_form(p.item.form)), plain((p.called_name or "—")[:14]),
                                          here if p.status == "pending" else Text(mark))))
                self._rows[p.item.key] = p
            later = len(plan.later)
            summary = (f"[b]Khen thưởng[/b] · {len(plan.pending_batches)} đợt, {sum(len(b.awards) for b in plan.pending_batches)} người"
                       f" · {later} trao sau · ~{minutes_text(plan.minutes_left)} phút"
                       f" ({plan.seconds_per_person:.0f} giây/người{', đo' if plan.measured else ''})")
            if plan.proposals:
                summary += f" · [b]{len(plan.proposals)} đề xuất đổi (a: duyệt)[/b]"
        else:
            plan = plan_speeches(ev, self.list_name)
            columns = tuple(SPEECH_COLUMNS)
            for p in plan.items:
                minutes = minutes_text(p.item.minutes)
                if p.actual_minutes is not None:
                    minutes = f"{minutes_text(p.actual_minutes)}/{minutes}"
                status = SPEECH_STATUS[p.status] + ("" if p.present else " · vắng")
                rows.append((p.item.key, (str(p.position or "-"), plain(p.item.speaker[:26]), plain(p.item.field[:14]),
                                          minutes, status)))
                self._rows[p.item.key] = p
            summary = (f"[b]{LIST_LABELS[self.list_name]}[/b] · {len(plan.selected)} bài · đề xuất "
                       f"{minutes_text(plan.planned_minutes)}/{minutes_text(plan.budget)} phút"
                       f" (đã dùng {minutes_text(plan.used)})")
        self.query_one("#cer-summary", Static).update(summary)
        rebuilt = _fill(table, columns, rows, self._shown)
        self._shown = (columns, rows)
        if rebuilt and keep in self._rows:
            table.move_cursor(row=table.get_row_index(keep))
        self._show_reason()

    def _name_width(self) -> int:
        """The recipient column: 24 at 80 columns, the room there is on a wider screen (≤ 64)."""
        return 24 + max(0, min(40, self.app.size.width - 80))

    def on_resize(self) -> None:
        self.refresh_view()

    def _current_key(self) -> str | None:
        table = self.query_one("#cer-table", DataTable)
        if not table.row_count:
            return None
        try:
            return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        except Exception:  # an empty or just-cleared table
            return None

    def _show_reason(self) -> None:
        key = self._current_key()
        p = self._rows.get(key) if key else None
        out = Text()
        if p is None:
            out.append("Chưa có danh sách. Nhập bằng: hoinghi import THƯ_MỤC khen-thuong.xlsx / tham-luan.xlsx")
        elif self.list_name == "awards":
            out.append(f"{p.label or p.item.recipient}\n", style="bold")
            out.append(f"Lý do: {p.reason}\n")
            if p.batch and p.status == "pending":
                b = next(b for b in self._award_plan.batches if b.number == p.batch)
                out.append(f"Đợt {b.number} · ~{minutes_text(b.minutes)} phút · trao: {b.presenter_name or '(chưa có)'} — "
                           f"{b.presenter_reason}\n")
                for at, what in b.changes:
                    out.append(f"Đã đổi ({at[11:16]}): {what}\n", style="bold")
                for prop in [x for x in self._award_plan.proposals if x.batch == b.number]:
                    out.append(f"Đề xuất (a: duyệt): {prop.text}\n", style="bold yellow")
                step = self._steps.get(f"batch:{b.number}")
                if step:
                    out.append(f"MC: {step.mc_line}", style="italic")
        else:
            out.append(f"{p.item.speaker} — “{p.item.title}”\n", style="bold")
            out.append(f"Lý do: {p.reason}")
        self.query_one("#cer-reason", Static).update(out)

    def on_data_table_row_highlighted(self, _event: DataTable.RowHighlighted) -> None:
        self._show_reason()

    # --- actions -------------------------------------------------------------

    def _do(self, fn, *args) -> object:
        try:
            result = fn(*args)
        except UserError as exc:
            self.notify(str(exc), severity="warning")
            return None
        self.refresh_view()
        return result

    def action_switch_list(self) -> None:
        self.list_name = LISTS[(LISTS.index(self.list_name) + 1) % len(LISTS)]
        self.refresh_view()
        self.refresh_bindings()

    def action_move(self, delta: int) -> None:
        key = self._current_key()
        if key:
            self._do(actions.move, self.event, self.list_name, key, delta)

    def action_pin(self) -> None:
        key = self._current_key()
        if not key or self.list_name == "awards":
            self.notify("Ghim dùng cho tham luận. Với khen thưởng, dùng F7/F8 để đổi chỗ.")
            return
        from console.ceremony.state import state_of

        pinned = key in state_of(self.event).pinned.get(self.list_name, set())
        self._do(actions.pin, self.event, self.list_name, key, not pinned)
        self.notify("Đã bỏ ghim." if pinned else "Đã ghim: bài này luôn được giữ.")

    def action_presenter(self) -> None:
        p = self._rows.get(self._current_key() or "")
        if self.list_name != "awards" or p is None or not p.batch or p.status != "pending":
            self.notify("Chọn một người trong một đợt đang chờ trao.")
            return
        name = self._do(actions.cycle_presenter, self.event, p.batch)
        if name:
            self.notify(f"Đợt {p.batch}: {name} trao thưởng.")

    def action_proxy(self) -> None:
        p = self._rows.get(self._current_key() or "")
        if self.list_name != "awards" or p is None or p.status in ("presented", "proxy"):
            self.notify("Chọn một khen thưởng chưa trao.")
            return

        def done(value: str | None) -> None:
            if value is None:
                return
            try:
                proxy = actions.resolve_delegate(self.event, value).id if value else None
                actions.set_proxy(self.event, p.item.key, proxy)
            except UserError as exc:
                self.notify(str(exc), severity="warning")
                return
            self.refresh_view()

        self.app.push_screen(ProxyDialog(p.item.recipient), done)

    def action_start(self) -> None:
        if self.list_name == "awards":
            n = self._do(actions.start_batch, self.event)
            self.notify(f"Đợt {n} bắt đầu." if n else "Không còn đợt nào.")
        else:
            key = self._do(actions.start_speech, self.event, self.list_name, None)
            self.notify(f"Mời {self._speaker(key)} lên trình bày." if key else
                        "Không còn bài nào được xếp (người trình bày vắng, hoặc đã nói hết).")

    def action_undo(self) -> None:
        if self.list_name == "awards":
            self.notify(_undo_note("đợt", self._do(actions.undo_batch, self.event)))
        else:
            key = self._do(actions.undo_speech, self.event, self.list_name)
            p = self._rows.get(key) if key else None
            self.notify(_undo_note("bài của", p.item.speaker if p else key))

    def action_done(self) -> None:
        if self.list_name == "awards":
            n = self._do(actions.batch_done, self.event)
            self.notify(f"Đợt {n} đã trao xong." if n else "Không còn đợt nào.")
        else:
            key = self._do(actions.speech_done, self.event, self.list_name, None, None)
            self.notify(f"Bài của {self._speaker(key)} đã xong." if key else "Không có bài nào đang trình bày.")

    def _speaker(self, key: str | None) -> str:
        p = self._rows.get(key) if key else None
        return p.item.speaker if p is not None else str(key)


    # --- printing (the stage printer; queued, printed by the background thread) ---------

    def action_print_batch(self) -> None:
        from console.ceremony.printouts import print_batch

        p = self._rows.get(self._current_key() or "") if self.list_name == "awards" else None
        number = p.batch if p is not None and p.batch and p.status == "pending" else None
        jobs = self._do(print_batch, self.event, number)
        if jobs:
            self._wake_printer()
            self.notify(f"Đã đưa {len(jobs)} tờ vào hàng in (giấy gọi + phiếu nhận khen thưởng).")

    def action_approve(self) -> None:
        from console.ceremony import actions

        n = self._do(actions.approve, self.event)
        if n:
            self.notify(f"Đã duyệt {n} thay đổi. In lại đợt đó (F9) và danh sách MC (F10).")
        self.refresh_bindings()

    def action_print_mc_list(self) -> None:
        from console.ceremony.printouts import print_mc_list

        if self._do(print_mc_list, self.event):
            self._wake_printer()
            self.notify("Đã đưa danh sách cho người dẫn chương trình vào hàng in (từng tờ cầm tay được).")

    def _wake_printer(self) -> None:
        from .printers import ensure_print_worker

        ensure_print_worker(self.app).wake()


def _fill(table: DataTable, columns: tuple, rows: list[tuple[str, tuple]], shown: tuple) -> bool:
    """The table made to hold `rows`: the same columns and the same rows in the same order get
    only their changed cells (a scan changes one: the 200-row list was cleared and added again
    on every change of the day, 130–270 ms); anything else is drawn again. True if it was."""
    old_columns, old_rows = shown
    if columns == old_columns and [k for k, _ in rows] == [k for k, _ in old_rows]:
        for r, ((_key, cells), (_k, before)) in enumerate(zip(rows, old_rows, strict=True)):
            for c, (new, old) in enumerate(zip(cells, before, strict=True)):
                if new != old:
                    table.update_cell_at(Coordinate(r, c), new)
        return False
    table.clear(columns=True)
    for label, width in columns:
        table.add_column(label, width=width)
    for key, cells in rows:
        table.add_row(*cells, key=key)
    return True


def _undo_note(what: str, ref) -> str:
    return f"Đã hoàn tác {what} {ref}." if ref else "Không có gì để hoàn tác."


def _short_form(form: str) -> str:
    """"Bằng khen của Chủ tịch UBND tỉnh" → "BK Chủ tịch UBND tỉnh" (fits 80 columns)."""
    return form.replace("Bằng khen của ", "BK ").replace("Giấy khen của ", "GK ").replace(
        "Tổng Liên đoàn Lao động Việt Nam", "Tổng LĐLĐ VN").replace("Ban Chấp hành ", "BCH ").replace("Chủ tịch ", "CT ")[:16]
