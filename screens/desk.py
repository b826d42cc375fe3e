"""Đón tiếp: one input that always has focus — scans check in, anything else searches.

A keyboard-wedge scanner types its payload and Enter into whatever has focus,
so nothing else on this screen can take focus (the hit list, the panels), and
focus returns to the input whenever a dialog closes. Every rule lives in
console.door.checkin / console.door.search; this screen only routes keys and shows.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.timer import Timer
from textual.widgets import Footer, Header, Input, Static

from console.door.checkin import (
    NOT_A_CODE,
    ScanResult,
    checkin_delegate,
    checkout,
    register_walk_in,
    scan,
    undo_checkin,
)
from console.door.namesakes import namesake_ids
from console.door.search import DEFAULT_LIMIT, LiveIndex
from console.door.tokens import ALPHABET, PREFIX
from console.ground.errors import UserError
from console.ground.text import fold

from .base import EventScreen
from .journal_wait import WAITING, when_free
from .plain import escape, show
from .widgets.quota_panel import QuotaPanel
from .widgets.reason_dialog import ReasonDialog
from .widgets.recent_checkins import RecentCheckins
from .widgets.scan_input import ScanInput
from .widgets.scan_passthrough import ScanArrived, scan_in
from .widgets.scan_result import ERRORS, ScanResultPanel, Shown
from .widgets.search_results import SearchResults
from .widgets.walk_in_dialog import WalkInDialog

RESULT_SECONDS = 3.0
INDEX_SLICE_GAP = 0.002  # seconds between two slices of the name index build
_TOKEN_CHARS = set(ALPHABET)


def scan_in_progress(text: str) -> bool:
    """A scanner burst on its way (HN + token characters): do not search on it."""
    t = text.strip().upper()
    # From the first "H": no Vietnamese name starts "Hn", and a search on one letter of 20,000
    # names, shown and hidden again one key later, was half the work of every scan.
    return bool(t) and t.startswith(PREFIX[: len(t)]) and all(c in _TOKEN_CHARS for c in t[2:])


def door_counts(event) -> str:
    """The door in numbers, under the quota panel (kept by the fold: O(1) per scan)."""
    c = event.door_counts()
    return (f"Chưa đến: {c.not_yet}\nĐã ra về: {c.left}\nKhách vãng lai: {c.walk_ins}\n"
            f"Bàn này ({event.desk}): {c.at_desk} người")


class DeskScreen(EventScreen):
    CSS_PATH = "desk.tcss"
    BINDINGS = [
        Binding("f7", "walk_in", "Vãng lai", id="desk-walkin", tooltip="Đăng ký khách không có trong danh sách"),
        Binding("f8", "undo", "Hủy ĐD", id="desk-undo", tooltip="Hủy điểm danh của người đang chọn (ghi lý do)"),
        Binding("f9", "checkout", "Ra về", id="desk-checkout", tooltip="Đánh dấu người đang chọn rời hội trường"),
        Binding("f10", "reprint", "In lại", id="desk-reprint",
                tooltip="In thẻ mới cho người đang chọn (mất/hỏng thẻ); thẻ cũ sẽ bị thay"),
        Binding("escape", "clear", "Xóa", id="desk-clear", tooltip="Xóa ô nhập, trở về sẵn sàng quét"),
        Binding("down", "move(1)", "Xuống", show=False, id="desk-down"),
        Binding("up", "move(-1)", "Lên", show=False, id="desk-up"),
    ]

    result_seconds = RESULT_SECONDS

    def __init__(self) -> None:
        super().__init__()
        self._index: LiveIndex | None = None
        self._index_steps = None  # the index build under way, if any
        self._timer: Timer | None = None
        self.current = None  # the person last shown: target of F8/F9
        self.last: Shown | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield ScanInput(placeholder="Quét thẻ / gõ mã / gõ tên để tìm …", id="desk-scan", select_on_focus=False)
        with Horizontal(id="desk-body"):
            with Vertical(id="desk-left"):
                yield ScanResultPanel(id="desk-result")
                yield SearchResults(id="desk-hits")
                yield RecentCheckins(id="desk-recent")
            with Vertical(id="desk-right"):
                yield QuotaPanel(id="desk-quota")
                yield Static(id="desk-counts")
        yield Footer(compact=True, show_command_palette=False)

    # --- focus: the input always gets the next scan ------------------------------

    @property
    def scan_input(self) -> Input:
        return self.query_one("#desk-scan", Input)

    def on_mount(self) -> None:
        self._index = LiveIndex(self.event)
        self.query_one("#desk-hits").display = False
        super().on_mount()  # refresh_view: starts building the name index
        self.scan_input.focus()

    def _build_index(self) -> None:
        """(Re)build the name index a slice per turn of the event loop: at 20,000 delegates it
        takes most of a second, and a badge scanned meanwhile must not wait for it."""
        steps = self._index.build_steps() if self._index is not None else None
        if steps is not None:
            self._index_steps = steps  # a newer build replaces one under way
            self._next_index_step(steps)

    def _index_step(self, steps) -> None:
        if steps is not self._index_steps:
            return  # replaced by a newer build
        try:
            next(steps)
        except StopIteration:
            self._index_steps = None
            import gc

            gc.freeze()  # the index is kept all day too (see screens/app.py: _freeze_heap)
            if self._searching:
                self._search(self.scan_input.value, keep_pick=True)  # what was typed while it was building
            return
        self._next_index_step(steps)

    def _next_index_step(self, steps) -> None:
        # A timer, not call_later: the screen's queue empties between slices, so it goes
        # idle and paints (a queue never empty would hold every frame until the build ends).
        self.set_timer(INDEX_SLICE_GAP, lambda: self._index_step(steps), name="desk-index")

    def on_screen_resume(self) -> None:
        super().on_screen_resume()
        self.scan_input.focus()

    def on_descendant_blur(self) -> None:
        if self.is_current:
            self.call_after_refresh(self._refocus)

    def _refocus(self) -> None:
        if self.is_current and self.focused is not self.scan_input:
            self.scan_input.focus()

    def on_click(self) -> None:
        self.call_after_refresh(self._refocus)

    # --- the live panels ---------------------------------------------------------------

    def refresh_view(self) -> None:
        # Every figure here is kept by the fold or cached by the roster: O(1) per scan.
        ev = self.event
        if self._index is not None and self._index.stale():
            self._build_index()
        self.query_one("#desk-quota", QuotaPanel).show(ev.composition_registered(), ev.composition_present())
        self.query_one("#desk-recent", RecentCheckins).show(ev)
        show(self.query_one("#desk-counts", Static), door_counts(ev))
        if self._searching:
            self._search(self.scan_input.value, keep_pick=True)

    # --- typing: search as you type ----------------------------------------------------

    @property
    def _searching(self) -> bool:
        return bool(self.query_one("#desk-hits").display)

    @on(Input.Changed, "#desk-scan")
    def _typed(self, message: Input.Changed) -> None:
        text = message.value
        if not text.strip() or scan_in_progress(text):
            self._show_hits(False)
            return
        self._search(text)

    def _search(self, text: str, *, keep_pick: bool = False) -> None:
        index = self._index.current() if self._index is not None else None
        if index is None or self._index.stale():
            self._build_index()
        hits = index.search(text, DEFAULT_LIMIT) if index is not None else []
        self.query_one("#desk-hits", SearchResults).set_hits(hits, self.event.day.present, keep_pick=keep_pick)
        self._show_hits(True)
        if index is None:  # the first second after start at a national congress: searched when ready
            self.query_one("#desk-hits", SearchResults).border_title = "Đang chuẩn bị danh sách để tìm…"
        elif not hits:
            # The typed text is in the box just above: the title keeps room for what to do (80 columns).
            self.query_one("#desk-hits", SearchResults).border_title = "Không tìm thấy — F7: khách vãng lai"
        else:
            self.query_one("#desk-hits", SearchResults).border_title = "↑↓ chọn · ⏎ điểm danh · Esc xóa"

    def _show_hits(self, on_: bool) -> None:
        self.query_one("#desk-hits").display = on_
        self.query_one("#desk-result").display = not on_
        self.query_one("#desk-recent").display = not on_

    def action_move(self, step: int) -> None:
        hits = self.query_one("#desk-hits", SearchResults)
        if self._searching and hits.option_count:
            hits.highlighted = ((hits.highlighted or 0) + step) % hits.option_count

    # --- Enter: a scan, or the picked search hit -------------------------------------

    @on(Input.Submitted, "#desk-scan")
    def _submitted(self, message: Input.Submitted) -> None:
        text = message.value
        picked = self.query_one("#desk-hits", SearchResults).picked_id if self._searching else None
        self._show_hits(False)  # (ScanInput already emptied itself, in key order)
        if not text.strip():
            return
        burst = scan_in(text)
        if burst is not None and burst.rest:
            # A badge scanned after something was half typed: the scan is what counts.
            text = burst.payload
        self.when_free(lambda: self._scan_now(text, picked))

    def when_free(self, then) -> None:
        """`then` now, or — the journal held by another process — once it is free (screens/journal_wait.py)."""
        when_free(self, self.event, then, gave_up=lambda sentence: self.show(Shown("error", sentence)),
                  waiting=lambda: self.show(Shown("waiting", WAITING)))

    def _scan_now(self, text: str, picked: int | None) -> None:
        try:
            result = scan(self.event, text, desk=self.event.desk)
            if result.result == NOT_A_CODE:
                if picked is None:
                    self.show(Shown("not_found", f"Không tìm thấy “{text.strip()[:40]}”. Gõ lại tên, hoặc F7 để đăng ký khách vãng lai."))
                    return
                result = checkin_delegate(self.event, picked, via="search", desk=self.event.desk)
        except UserError as exc:  # the journal held past its wait after all, a disk gone: said, nothing written
            self.show(Shown("error", str(exc)))
            return
        self.show_scan(result)

    @on(SearchResults.OptionSelected)
    def _clicked(self, message: SearchResults.OptionSelected) -> None:
        self.scan_input.value = ""
        self._show_hits(False)
        self.show_scan(checkin_delegate(self.event, int(message.option.id), via="search", desk=self.event.desk))

    def _scan_from_dialog(self, scanned: ScanArrived) -> None:
        self.scan_input.value = ""
        self._show_hits(False)
        self.when_free(lambda: self._scan_now(scanned.payload, None))

    # --- showing a result ----------------------------------------------------------

    def show_scan(self, result: ScanResult) -> None:
        kind = "other_event" if result.reason == "other_event" else result.result
        d = result.delegate
        twin = d is not None and d.id in namesake_ids(self.event.delegates())
        self.show(Shown(kind, result.message, d, result.at, result.desk, result.ime_detected, namesake=twin))

    def show(self, shown: Shown) -> None:
        if self._searching:  # e.g. F9 on a hit who is not in the hall: the answer must be seen
            self.scan_input.value = ""
            self._show_hits(False)
        self.last = shown
        if shown.delegate is not None:
            self.current = shown.delegate
        self.query_one("#desk-result", ScanResultPanel).show(shown)
        if shown.kind in ERRORS and self.event.settings.desk.bell_on_error:
            self.app.bell()
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(self.result_seconds, self._back_to_ready)
        self.refresh_view()

    def _back_to_ready(self) -> None:
        self._timer = None
        self.query_one("#desk-result", ScanResultPanel).ready()

    def action_clear(self) -> None:
        self.scan_input.value = ""
        self._show_hits(False)
        self._back_to_ready()

    # --- walk-in, undo, check-out ------------------------------------------------------

    def _target(self):
        """The highlighted hit while searching, else the person last shown."""
        if self._searching:
            picked = self.query_one("#desk-hits", SearchResults).picked_id
            if picked is not None:
                return self.event.get(picked)
        return self.current

    def action_walk_in(self) -> None:
        typed = self.scan_input.value.strip()
        name = "" if scan_in_progress(typed) or not fold(typed) else typed

        def register(fields: dict) -> ScanResult:
            return register_walk_in(self.event, desk=self.event.desk, **fields)

        def done(result) -> None:
            self.scan_input.focus()
            if isinstance(result, ScanArrived):
                self._scan_from_dialog(result)
            elif result is not None:
                self.scan_input.value = ""
                self._show_hits(False)
                self.show_scan(result)
                if result.delegate is not None:
                    self._print_badges([result.delegate.id])

        self.app.push_screen(WalkInDialog(register, name=name), done)

    # --- badges: a walk-in's first badge, a lost badge's replacement -------------------

    def _print_badges(self, ids: list[int]) -> None:
        """Queue the badges (a file write) and wake the background printer thread."""
        from console.printing.jobs import queue_badges

        try:
            queued, _done = queue_badges(self.event, ids)
        except UserError as exc:
            self.notify(f"Chưa in được thẻ: {exc}", severity="warning", timeout=8)
            return
        self._wake_printer()
        if queued:  # say so: the person waits at the desk for it
            self.notify(f"Thẻ đã vào hàng in của máy “{queued[0].printer}”.", timeout=5)

    def _wake_printer(self) -> None:
        from .printers import ensure_print_worker

        ensure_print_worker(self.app).wake()

    def _with_reason(self, who, question: str, act, quick: dict[str, str] | None = None) -> None:
        """Ask why, then `act(reason) -> Shown`; a badge scanned into the dialog is checked in instead."""
        def done(reason) -> None:
            self.scan_input.focus()
            if isinstance(reason, ScanArrived):
                self._scan_from_dialog(reason)
                return
            if reason is None:
                return
            try:
                shown = act(reason)
            except UserError as exc:
                self.show(Shown("error", str(exc), who))
                return
            self.scan_input.value = ""
            self._show_hits(False)
            self.show(shown)

        self.app.push_screen(ReasonDialog(question, quick), done)

    def action_reprint(self) -> None:
        who = self._target()
        if who is None:
            self.show(Shown("error", "Hãy quét thẻ hoặc tìm tên người cần in lại thẻ trước, rồi bấm F10."))
            return

        def act(reason: str) -> Shown:
            from console.printing.jobs import reprint

            job = reprint(self.event, who.id, reason)
            self._wake_printer()
            return Shown("reprinted", f"Thẻ mới của {who.name} đã vào hàng in của máy “{job.printer}”. "
                                      "Thẻ cũ từ nay quét sẽ báo “đã thay”.", who)

        self._with_reason(who, f"In lại thẻ cho [b]{escape(who.name)}[/b] ({escape(who.unit)}) — lý do?", act,
                          quick={"1": "Mất thẻ", "2": "Thẻ hỏng", "3": "Sai thông tin"})

    def action_undo(self) -> None:
        who = self._target()
        if who is None:
            self.show(Shown("error", "Hãy quét thẻ hoặc tìm tên người cần hủy điểm danh trước, rồi bấm F8."))
            return

        def act(reason: str) -> Shown:
            return Shown("undone", undo_checkin(self.event, who.id, reason, desk=self.event.desk), who)

        self._with_reason(who, f"Hủy điểm danh của [b]{escape(who.name)}[/b] ({escape(who.unit)}) — lý do?", act)

    def action_checkout(self) -> None:
        who = self._target()
        if who is None:
            self.show(Shown("error", "Hãy quét thẻ hoặc tìm tên người ra về trước, rồi bấm F9."))
            return
        try:
            msg = checkout(self.event, who.id, desk=self.event.desk)
        except UserError as exc:
            self.show(Shown("error", str(exc), who))
            return
        self.scan_input.value = ""
        self._show_hits(False)
        self.show(Shown("checked_out", msg, who))
