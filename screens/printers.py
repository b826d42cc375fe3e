"""Máy in: printer status, the print queue, retry, move a job to another printer, test page.

The queue lives in the event folder, so this screen shows jobs queued by any
desk. Reading the queue and every action on it run in thread workers (a queue
lock may be held for a moment by another desk); the printing itself runs in
the background `PrintWorker` thread, which `ensure_print_worker(app)` starts
once per app (the desk screen calls it too after queueing a badge).
"""

from __future__ import annotations

import time

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import DataTable, Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from console.ground.errors import UserError
from console.printing.jobs import plan_badges, printers_of, queue_planned, reconcile, status_report
from console.printing.queue import PrintQueue
from console.printing.worker import Attempt, PrintWorker

from .base import EventScreen
from .plain import escape, plain

STATE_LABELS = {"ok": ("sẵn sàng", "green"), "error": ("LỖI", "bold red"), "unknown": ("chưa dùng", "dim"),
                "unconfirmed": ("không xác nhận", "yellow")}


class PrintAttempted(Message):
    """The background printer finished one attempt (posted from its thread)."""

    def __init__(self, attempt: Attempt) -> None:
        super().__init__()
        self.attempt = attempt


def ensure_print_worker(app) -> PrintWorker:
    """The app's one background printer thread (started on first use)."""
    worker = getattr(app, "print_worker", None)
    if worker is None:
        def on_attempt(attempt: Attempt) -> None:
            try:
                app.call_from_thread(app.screen.post_message, PrintAttempted(attempt))
            except Exception:  # the app is closing, or not running (tests of the core)
                pass

        worker = PrintWorker.for_event(app.event, on_attempt=on_attempt)
        app.print_worker = worker
    worker.start()
    return worker


class PrinterPicker(ModalScreen[str | None]):
    """Choose the printer a job moves to."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Thôi", id="picker-cancel", tooltip="Không chuyển")]

    def __init__(self, job_id: str, printers: dict[str, str], current: str):
        super().__init__()
        self.job_id, self.printers, self.current = job_id, printers, current

    def compose(self) -> ComposeResult:
        with Vertical(id="picker-box"):
            yield Static(f"Chuyển lệnh in {escape(self.job_id)} sang máy in:", id="picker-title")
            yield OptionList(*[Option(plain(f"{name} — {uri}" + ("  (đang chọn)" if name == self.current else "")), id=name)
                               for name, uri in self.printers.items()], id="picker-list")
            yield Static("Enter: chọn · Esc: thôi", id="picker-help")

    @on(OptionList.OptionSelected, "#picker-list")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)


CONFIRM_SECONDS = 5.0


class PrintersScreen(EventScreen):
    CSS_PATH = "printers.tcss"
    BINDINGS = [
        Binding("r", "retry", "Thử lại", id="print-retry", tooltip="In lại ngay lệnh đang chọn"),
        Binding("a", "retry_all", "Thử lại hết", id="print-retry-all", tooltip="In lại ngay mọi lệnh đang chờ"),
        Binding("m", "move", "Chuyển máy", id="print-move", tooltip="Chuyển lệnh đang chọn sang máy in khác"),
        Binding("x", "cancel_job", "Hủy lệnh", id="print-cancel", tooltip="Hủy lệnh đang chọn (vẫn giữ để đối chiếu)"),
        Binding("t", "test_page", "In thử", id="print-test", tooltip="In một trang thử tiếng Việt trên máy in đang chọn"),
        Binding("b", "all_badges", "In mọi thẻ", id="print-badges",
                tooltip="Xếp thẻ của mọi đại biểu chưa in vào hàng đợi (bấm hai lần để xác nhận)"),
    ]
    _badges_armed: float = float("-inf")

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Máy in", id="printers-title")
        yield DataTable(id="printers-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="printers-summary")
        yield DataTable(id="printers-jobs", cursor_type="row", zebra_stripes=True)
        yield Static("", id="printers-message")
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        printers = self.query_one("#printers-table", DataTable)
        printers.add_columns("Máy in", "Trạng thái", "Chờ", "Đã in", "Địa chỉ / lỗi")
        jobs = self.query_one("#printers-jobs", DataTable)
        # What the operator looks for first (is it printed? on which printer?) on the left:
        # at 80 columns the right of this table is off screen. The job id (for the CLI) and
        # the error (shown whole under the table when its row is highlighted) last.
        jobs.add_columns("Trạng thái", "Máy in", "Nội dung", "Thử", "Lệnh in", "Lỗi")
        self._printers = printers_of(self.event)
        self._report: dict = {}
        try:
            reconcile(self.event)
        except UserError as exc:
            self.say(str(exc), error=True)
        ensure_print_worker(self.app)
        self.set_interval(1.0, self.refresh_view, name="printers-refresh")
        super().on_mount()

    def on_unmount(self) -> None:
        worker = getattr(self.app, "print_worker", None)
        if worker is not None:
            worker.stop(wait=2.0)

    # --- reading ------------------------------------------------------------------------

    def refresh_view(self) -> None:
        self.load_report()

    @work(thread=True, exclusive=True, group="printers-read", exit_on_error=False)
    def load_report(self) -> None:
        report = status_report(self.event, reconcile_first=False, printers=self._printers)
        self.app.call_from_thread(self.show_report, report)

    def show_report(self, report: dict) -> None:
        self._report = report
        table = self.query_one("#printers-table", DataTable)
        keep = table.cursor_row
        table.clear()
        for p in report["printers"]:
            label, style = STATE_LABELS.get(p["state"], (p["state"], ""))
            detail = p["message"] if p["state"] == "error" else p["uri"]
            table.add_row(plain(p["name"]), Text(label, style=style), str(p["waiting"]), str(p["done"]), plain(detail),
                          key=p["name"])
        if table.row_count:
            table.move_cursor(row=min(keep, table.row_count - 1))
        jobs = self.query_one("#printers-jobs", DataTable)
        keep_job = jobs.cursor_row
        jobs.clear()
        for j in report["waiting"] + list(reversed(report["recent"]))[:20]:
            jobs.add_row(*map(plain, (j["status"], j["printer"], j["title"], str(j["attempts"]), j["id"], j["error"])),
                         key=j["id"])
        if jobs.row_count:
            jobs.move_cursor(row=min(keep_job, jobs.row_count - 1))
        c = report["counts"]
        self.query_one("#printers-summary", Static).update(
            f"Hàng đợi: {c['pending'] + c['printing']} chờ in · {c['done']} đã in"
            + (f" · {c['sent']} đã gửi chưa xác nhận" if c.get("sent") else "") + f" · {c['cancelled']} đã hủy")

    def say(self, text: str, error: bool = False) -> None:
        msg = self.query_one("#printers-message", Static)
        msg.update(text)
        msg.set_class(error, "error")

    @on(PrintAttempted)
    def _attempted(self, message: PrintAttempted) -> None:
        a = message.attempt
        if a.ok and a.confirmed:
            self.say(f"Đã in: {a.job.title}")
        elif a.ok:
            self.say(f"Đã gửi, chưa xác nhận: {a.job.title} — máy in không báo đã nhận hết; "
                     "xem thẻ có ra không.", error=True)
        else:
            self.say(f"{a.job.title}: {a.message}", error=True)
        self.refresh_view()

    @on(DataTable.RowHighlighted, "#printers-jobs")
    def _job_highlighted(self, message: DataTable.RowHighlighted) -> None:
        job_id = message.row_key.value if message.row_key else None
        job = next((j for j in self._report.get("waiting", []) if j["id"] == job_id), None)
        if job and job["error"]:
            self.say(f"{job['title']}: {job['error']}", error=True)

    # --- actions ---------------------------------------------------------------------------

    def _selected_job(self) -> str | None:
        jobs = self.query_one("#printers-jobs", DataTable)
        if not jobs.row_count:
            self.say("Hàng đợi trống.", error=True)
            return None
        return jobs.coordinate_to_cell_key((jobs.cursor_row, 0)).row_key.value

    def _selected_printer(self) -> str | None:
        table = self.query_one("#printers-table", DataTable)
        if not table.row_count:
            return None
        return table.coordinate_to_cell_key((table.cursor_row, 0)).row_key.value

    @work(thread=True, exclusive=True, group="printers-act", exit_on_error=False)
    def act(self, label: str, fn) -> None:
        try:
            text = fn()
            error = False
        except UserError as exc:
            text, error = str(exc), True
        self.app.call_from_thread(self.say, text or label, error)
        worker = getattr(self.app, "print_worker", None)
        if worker is not None:
            worker.wake()
        self.app.call_from_thread(self.refresh_view)

    def action_retry(self) -> None:
        job_id = self._selected_job()
        if job_id:
            q = PrintQueue(self.event.folder)
            self.act("", lambda: (q.retry(job_id), f"Sẽ in lại {job_id} ngay.")[1])

    def action_retry_all(self) -> None:
        q = PrintQueue(self.event.folder)
        self.act("", lambda: f"Sẽ thử lại {q.retry()} lệnh ngay.")

    def action_cancel_job(self) -> None:
        job_id = self._selected_job()
        if job_id:
            q = PrintQueue(self.event.folder)
            self.act("", lambda: f"Đã hủy {q.cancel(job_id).id} (vẫn giữ để đối chiếu).")

    def action_move(self) -> None:
        job_id = self._selected_job()
        if not job_id:
            return
        current = next((j["printer"] for j in self._report.get("waiting", []) if j["id"] == job_id), "")

        def moved(target: str | None) -> None:
            if target:
                q = PrintQueue(self.event.folder)
                self.act("", lambda: f"Đã chuyển {q.move(job_id, target).id} sang máy in {target}.")

        self.app.push_screen(PrinterPicker(job_id, self._printers, current), moved)

    def action_test_page(self) -> None:
        name = self._selected_printer() or next(iter(self._printers))
        q = PrintQueue(self.event.folder)
        self.act("", lambda: f"Đã gửi trang in thử tới {q.add('test', name, {}, title=f'In thử {name}')[0].printer}.")

    def action_all_badges(self) -> None:
        # ~140 badges from one stray key would tie up the desk printer: a second press confirms.
        now = time.monotonic()
        if now - self._badges_armed > CONFIRM_SECONDS:
            self._badges_armed = now
            self.say(f"Bấm b lần nữa trong {CONFIRM_SECONDS:.0f} giây để xếp thẻ của mọi đại biểu "
                     f"({len(self.event.delegates())} người) vào hàng đợi in; thẻ đã in sẽ không in lại.")
            return
        self._badges_armed = float("-inf")
        try:
            plan = plan_badges(self.event)  # reads the event: on the app's own thread
        except UserError as exc:  # a banner still holding "LẦN THỨ …": said, nothing queued
            self.say(str(exc), error=True)
            return
        folder = self.event.folder

        def write() -> str:
            queued, skipped = queue_planned(folder, plan)
            return f"Xếp {len(queued)} thẻ vào hàng đợi; {len(skipped)} thẻ đã có từ trước."

        self.act("", write)
