"""Máy điều khiển: moves the programme along — one key a step, each step a journal line.

Start (s), Next (n), Back (b: undoes an accidental Next at once), Skip (k),
Pause/Resume (p), ±1 minute (+/-), Jump to the selected row (g), Approve the
re-timing proposal (a, placed right after n so the 80-column footer never cuts
it while a proposal waits). A short message for the MC's screen: m (type one),
1–4 (ready-made), x (clear). The table shows every segment and sub-step with
its planned and actual times; the top shows what the cue shows.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Footer, Header, Static

from console.agenda import steps
from console.agenda.run import MESSAGE_MAX
from console.agenda.timing import REHEARSAL, View, minutes_text, planned_start, planned_times, view
from console.ground.clock import hhmm
from console.ground.errors import UserError

from .base import EventScreen
from .cue import PHASE_LABELS, clock_text, drift_text, now_title, proposal_text
from .plain import plain, show
from .widgets.big_clock import PHASE_STYLES
from .widgets.message_dialog import MessageDialog

STATUS_LABELS = {
    "running": ("▶ đang", "bold #5fafff"),
    "done": ("✓ xong", "green"),
    "skipped": ("✗ bỏ", "dim strike"),
    "pending": ("· chờ", "dim"),
}


def _b(key: str, action: str, label: str, tip: str, show: bool = True) -> Binding:
    return Binding(key, action, label, id=f"control-{action}", tooltip=tip, show=show)


# The title last: at 80 columns it is the one cut short, never the times.
COLUMNS = (("Mục", "pos"), ("Trạng thái", "status"), ("Dự kiến", "plan"), ("Phút", "min"),
           ("Bắt đầu", "start"), ("Thực tế", "actual"), ("Nội dung", "title"))


class ControlScreen(EventScreen):
    CSS_PATH = "control.tcss"
    BINDINGS = [
        _b("s", "step('start')", "Bắt đầu", "Bắt đầu chương trình (mục đầu tiên)"),
        _b("n", "step('next')", "Tiếp", "Xong mục này, sang mục tiếp theo"),
        _b("a", "step('approve')", "Duyệt", "Duyệt đề xuất phân bổ lại thời gian"),
        _b("b", "step('back')", "Lùi", "Hủy bước chuyển vừa rồi (bấm nhầm Tiếp)"),
        _b("k", "step('skip')", "Bỏ qua", "Mục hiện tại không diễn ra; sang mục tiếp"),
        # One key, two labels: the footer says what p will do now.
        _b("p", "pause_resume('pause')", "Dừng", "Tạm dừng đồng hồ đếm ngược"),
        _b("p", "pause_resume('resume')", "Chạy tiếp", "Chạy tiếp đồng hồ đếm ngược"),
        _b("plus,equals_sign", "extend(1)", "+1'", "Thêm 1 phút cho mục hiện tại"),
        _b("minus", "extend(-1)", "-1'", "Bớt 1 phút cho mục hiện tại", show=False),
        _b("g", "jump", "Đến mục", "Chuyển thẳng tới mục đang chọn trong bảng"),
        _b("m", "message", "Nhắn", "Gửi một tin nhắn ngắn lên màn hình người dẫn"),
        _b("x", "clear_message", "Xóa nhắn", "Xóa tin nhắn đang hiện trên màn hình người dẫn"),
        *(_b(str(i), f"ready_message({i})", text, f"Nhắn MC: “{text}”", show=False)
          for i, text in enumerate(steps.READY_MESSAGES, start=1)),
    ]
    TICK_SECONDS = 1.0

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="control-top"):
            with Vertical(id="control-now"):
                yield Static(id="control-title")
                yield Static(id="control-clock")
            yield Static(id="control-day")
        yield DataTable(id="control-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="control-proposal")
        yield Static(id="control-message")
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        table = self.query_one("#control-table", DataTable)
        for label, key in COLUMNS:
            table.add_column(label, key=key)
        self._signature: tuple = ()
        self._cells: dict[str, list] = {}
        self._shown_current: str | None = None
        self._keys_shown: tuple | None = None
        super().on_mount()
        self.tick(self.TICK_SECONDS, self.refresh_view, name="control-tick")
        table.focus()

    # --- actions ------------------------------------------------------------------

    def _do(self, fn, *args) -> None:
        if not getattr(self.app, "can_change_day", False):
            self._say("Máy này chỉ xem; không điều khiển được chương trình.", error=True)
            return
        try:
            message = fn(self.event, *args)
        except UserError as exc:
            self._say(str(exc), error=True)
        else:
            self._say(message)
        self.refresh_view()

    def _expect(self) -> str | None:
        v = getattr(self, "last_view", None)
        return v.state.current if v is not None else None

    def action_step(self, name: str) -> None:
        if name in ("next", "skip"):
            self._do(getattr(steps, "next_" if name == "next" else "skip"), self._expect())
        else:
            self._do(steps.STEPS[name])

    def action_pause_resume(self, _shown: str = "") -> None:
        v = getattr(self, "last_view", None)
        self._do(steps.resume if v is not None and v.state.paused else steps.pause)

    def action_extend(self, minutes: int) -> None:
        self._do(steps.extend, float(minutes))

    def action_jump(self) -> None:
        table = self.query_one("#control-table", DataTable)
        if table.row_count == 0:
            return
        row_key, _col = table.coordinate_to_cell_key(table.cursor_coordinate)
        self._do(lambda ev: steps.jump(ev, str(row_key.value), self._expect()))

    def action_message(self) -> None:
        def sent(text: str | None) -> None:
            if isinstance(text, str):
                self._do(steps.send_message, text)
        self.app.push_screen(MessageDialog(steps.READY_MESSAGES, MESSAGE_MAX), sent)

    def action_ready_message(self, number: int) -> None:
        self._do(steps.send_message, steps.READY_MESSAGES[number - 1])

    def action_clear_message(self) -> None:
        self._do(steps.clear_message)

    def _say(self, message: str, *, error: bool = False) -> None:
        show(self.query_one("#control-message", Static),
            Text(message, style="bold #ff3b3b" if error else "bold green"))
        if error:
            self.app.bell()

    # --- view ---------------------------------------------------------------------

    def refresh_view(self) -> None:
        try:
            v = view(self.event)
        except UserError as exc:
            self._say(str(exc), error=True)
            return
        self.last_view = v
        show(self.query_one("#control-title", Static), now_title(v))
        text, phase = clock_text(v)
        label, _style = PHASE_LABELS["paused" if v.state.paused and v.current else v.phase]
        clock = Text()
        clock.append(f" {text} ", style=PHASE_STYLES.get(phase, "bold") + " reverse")
        clock.append(f"  {label}", style=PHASE_STYLES.get(phase, "bold"))
        if v.current is not None:
            clock.append(f"  · {minutes_text(v.current.minutes)} phút", style="dim")
        show(self.query_one("#control-clock", Static), clock)
        # A run-through on another day says so in the header, where it never pushes the times out.
        self.sub_title = f"{REHEARSAL} · {self.app.sub_title}" if v.rehearsal else self.app.sub_title
        day = drift_text(v)
        if v.next_items:
            it, when = v.next_items[0]
            day.append(f"\nTiếp theo {hhmm(when)}: {it.position}. {it.title}", style="dim")
        show(self.query_one("#control-day", Static), day)
        below = proposal_text(v, for_control=True)
        if v.state.message is not None:  # what the MC is reading now, until x clears it
            if below.plain:
                below.append("\n")
            below.append(f"MC đang thấy: “{v.state.message.text}” (x: xóa)", style="bold #5fafff")
        show(self.query_one("#control-proposal", Static), below)
        self._fill_table(v)
        # The footer is composed again, key by key, whenever bindings are refreshed (100–280 ms at
        # a big event): only when what check_action answers has changed.
        keys = (v.state.started, v.proposal is not None, v.state.message is not None, bool(v.state.paused and v.current))
        if keys != self._keys_shown:
            self._keys_shown = keys
            self.refresh_bindings()

    def _fill_table(self, v: View) -> None:
        table = self.query_one("#control-table", DataTable)
        structure = tuple((it.id, it.position) for it in v.items)
        rows = [(key, [plain(c) for c in cells]) for key, cells in self._rows(v)]
        rebuilt = structure != self._signature
        if rebuilt:
            cursor = table.cursor_row
            table.clear()
            for key, cells in rows:
                table.add_row(*cells, key=key)
            self._signature = structure
        else:  # the same items: only the cells that changed (a step changes two rows, a tick one)
            for key, cells in rows:
                before = self._cells.get(key)
                for col, (old, new) in enumerate(zip(before or [None] * len(cells), cells, strict=True)):
                    if old != new:
                        table.update_cell(key, COLUMNS[col][1], new)
            cursor = table.cursor_row
        self._cells = dict(rows)
        current = v.current.id if v.current is not None else None
        moved = current != self._shown_current
        if moved:  # the day moved: follow it; otherwise keep the operator's row
            cursor = next((i for i, (k, _c) in enumerate(rows) if v.current and k == v.current.position), cursor)
            self._shown_current = current
        if moved or rebuilt:
            table.move_cursor(row=min(cursor, max(0, table.row_count - 1)))

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        """Show only the keys that make sense now (the footer has 80 columns)."""
        v = getattr(self, "last_view", None)
        if v is None:
            return True
        if action == "step" and parameters == ("start",):
            return not v.state.started
        if action == "step" and parameters == ("approve",):
            return v.proposal is not None
        if action == "step" and parameters == ("back",):
            return v.state.started  # at the first item it says there is nothing to undo
        if action == "clear_message":
            return v.state.message is not None
        if action == "pause_resume" and parameters:
            return (parameters[0] == "resume") == bool(v.state.paused and v.current)
        return True

    def _rows(self, v: View) -> list[tuple[str, list]]:
        out = []
        starts = planned_times(v.items, planned_start(self.event, v.state))
        for it in v.items:
            status = v.state.status(it.id)
            rec = v.state.records.get(it.id)
            label, style = STATUS_LABELS[status]
            actual = ""
            if rec and rec.start and status != "skipped":
                actual = f"{v.state.active_seconds(it.id, v.now) / 60:.1f}".replace(".", ",")
            title = it.title if it.sub is None else f"  {it.title}"
            row_style = "bold" if status == "running" else ""
            out.append((it.position, [
                Text(it.position, style=row_style), Text(label, style=style),
                hhmm(starts[it.id]), minutes_text(it.minutes), hhmm(rec.start) if rec and rec.start and status != "skipped" else "",
                actual, Text(title, style=row_style, no_wrap=True),
            ]))
        return out
