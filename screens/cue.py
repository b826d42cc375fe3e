"""Màn hình MC: what is on now, the big count-down, the words to read, what comes next.

Read-only: nothing here changes the day (the control laptop does). It follows
the journal through the app's poll (DayChanged) and ticks once a second from
the event's clock, so a FakeClock drives it in tests.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Footer, Static

from console.agenda.timing import REHEARSAL, View, minutes_text, view
from console.ground.clock import hhmm, hhmmss
from console.ground.errors import UserError

from .base import EventScreen
from .plain import show
from .widgets.big_clock import BigClock, format_countdown

PHASE_LABELS = {
    "normal": ("CÒN LẠI", "bold"),
    "warning": ("SẮP HẾT GIỜ", "bold #ffb000"),
    "over": ("VƯỢT GIỜ", "bold #ff3b3b"),
    "paused": ("TẠM DỪNG", "bold #5fafff"),
    "idle": ("CHƯA BẮT ĐẦU", "dim"),
    "closed": ("ĐÃ KẾT THÚC", "dim"),
}


def clock_text(v: View) -> tuple[str, str]:
    """What the big clock shows, and its phase (paused overrides the colour, not the figure)."""
    if v.phase == "idle":
        start = v.next_items[0][1] if v.next_items else v.now
        return hhmm(start), "idle"
    if v.phase == "closed":
        return hhmm(v.state.closed_at), "closed"
    phase = "paused" if v.state.paused else v.phase
    return format_countdown(v.remaining_s), phase


def round_minute(ts):
    """To the nearest minute, so "10:45 (trễ +5 phút)" agree with each other."""
    from datetime import timedelta

    return (ts + timedelta(seconds=30)).replace(second=0, microsecond=0)


def drift_text(v: View) -> Text:
    d = round(v.drift_minutes)
    projected = round_minute(v.projected_end)
    t = Text()
    t.append("Kết thúc: kế hoạch ", style="dim")
    t.append(hhmm(v.planned_end), style="bold")
    t.append(" · dự báo ", style="dim")
    if d > 0:
        t.append(f"{hhmm(projected)} (trễ {d:+d} phút)", style="bold #ff3b3b" if d >= 5 else "bold #ffb000")
    elif d < 0:
        t.append(f"{hhmm(projected)} (sớm {-d} phút)", style="bold green")
    else:
        t.append(f"{hhmm(projected)} (đúng giờ)", style="bold green")
    return t


def proposal_text(v: View, *, for_control: bool) -> Text:
    t = Text()
    p = v.proposal
    if p is not None:
        t.append("Đề xuất phân bổ lại: " if not for_control else "Đề xuất (phím a để duyệt): ", style="bold #ffb000")
        t.append("; ".join(f"{_short(v, c.key)} {minutes_text(c.old)}→{minutes_text(c.new)} ph" for c in p.changes))
        after = round(p.drift_after)
        t.append(" ⇒ " + (f"lệch {after:+d} ph" if after else "kết thúc đúng giờ"), style="dim")
        if not for_control:
            t.append(" — chờ máy điều khiển duyệt.", style="dim")
    elif v.state.retimed_at is not None:
        t.append(f"Đã phân bổ lại thời gian lúc {hhmm(v.state.retimed_at)}: ", style="dim")
        t.append(", ".join(f"{k} {minutes_text(m)} ph" for k, m in _retimed_titles(v)), style="dim")
    return t


def _short(v: View, key: str) -> str:
    """"4. Tham luận": the position and the first words, enough to recognise a segment."""
    seg = v.agenda.segment(key)
    if seg is None:
        return key
    words = seg.title.split()
    return f"{seg.position}. {' '.join(words[:3])}{'…' if len(words) > 3 else ''}"


def _retimed_titles(v: View) -> list[tuple[str, float]]:
    out = []
    for seg in v.agenda.segments:
        if seg.key in v.state.allot and v.state.allot[seg.key] != seg.minutes:
            out.append((_short(v, seg.key), v.state.allot[seg.key]))
    return out


def now_title(v: View) -> Text:
    t = Text()
    cur = v.current
    if cur is None:
        if v.phase == "closed":
            t.append("Chương trình đã kết thúc. Cảm ơn!", style="bold")
        else:
            t.append("Chưa bắt đầu · ", style="dim")
            if v.next_items:
                it, when = v.next_items[0]
                t.append(f"Mục đầu tiên lúc {hhmm(when)}: {it.position}. {it.title}", style="bold")
        return t
    t.append(f"{cur.position}. ", style="bold #5fafff")
    if cur.sub is not None:
        t.append(f"{cur.segment.title} — ", style="bold")
    t.append(cur.title, style="bold")
    if cur.person:
        t.append(f"\nTrên sân khấu: {cur.person}", style="bold #ffd75f")
    return t


def clock_side(v: View) -> Text:
    label, style = PHASE_LABELS["paused" if v.state.paused and v.current else v.phase]
    t = Text(label + "\n", style=style)
    if v.current is not None:
        rec = v.state.records.get(v.current.id)
        t.append(f"Thời lượng {minutes_text(v.current.minutes)} phút\n", style="")
        if rec and rec.start:
            t.append(f"Bắt đầu {hhmm(rec.start)}\n", style="dim")
        # What the re-timing may do to this item, in words the MC reads at a glance.
        t.append("Không rút ngắn" if v.current.segment.protected else "Có thể rút ngắn", style="dim")
    return t


def mc_text(v: View) -> Text:
    t = Text()
    cur = v.current
    if cur is None:
        if v.next_items and v.phase == "idle":
            t.append("Lời dẫn đầu tiên:\n", style="dim")
            t.append(v.next_items[0][0].mc_line, style="bold")
        return t
    t.append(cur.mc_line or "(mục này không có lời dẫn)", style="bold")
    for line in cur.mc_list:
        if line.startswith("Về phía ") and line.endswith(":"):  # a side of the introduction: a heading
            t.append("\n" + line, style="bold")
        else:
            t.append("\n  • " + line, style="")
    if cur.mc_after:  # after the list: e.g. the presider invited to open
        t.append("\n" + cur.mc_after, style="bold")
    return t


def next_text(v: View, count: int = 3) -> Text:
    t = Text(no_wrap=True, overflow="ellipsis")  # one line an item, even at 80 columns
    if not v.next_items:
        t.append("Tiếp theo: hết chương trình.", style="dim")
        return t
    for i, (it, when) in enumerate(v.next_items[:count]):
        if i:
            t.append("\n")
        t.append(f"{hhmm(when)} ", style="bold #5fafff")
        t.append(f"{it.position}. {it.title}", style="bold")
        t.append(f" ({minutes_text(it.minutes)} ph)", style="dim")
        lines = it.mc_line.splitlines() or [""]
        first = lines[-1] if it.sub is not None else lines[0]  # a sub-step: the line with the name
        if first:
            t.append(f" — {first}", style="italic")
    return t


class CueScreen(EventScreen):
    CSS_PATH = "cue.tcss"
    BINDINGS = [
        Binding("up", "scroll_mc(-1)", "Lên", id="cue-up", tooltip="Cuộn lời dẫn lên", show=False),
        Binding("down", "scroll_mc(1)", "Xuống", id="cue-down", tooltip="Cuộn lời dẫn xuống", show=False),
    ]
    TICK_SECONDS = 1.0

    def compose(self) -> ComposeResult:
        yield Static(id="cue-top")
        yield Static(id="cue-message")
        with Vertical(id="cue-now"):
            yield Static(id="cue-title")
            with Horizontal(id="cue-clock-row"):
                yield BigClock(id="cue-clock")
                yield Static(id="cue-clock-side")
        with VerticalScroll(id="cue-mc-box"):
            yield Static(id="cue-mc")
        yield Static(id="cue-notes")
        yield Static(id="cue-next")
        yield Static(id="cue-day")
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#cue-next").border_title = "Tiếp theo"
        super().on_mount()
        self.tick(self.TICK_SECONDS, self.refresh_view, name="cue-tick")

    def on_resize(self, _event) -> None:
        self._size_clock()

    def _size_clock(self) -> None:
        # Two metres on a laptop: a 10-row clock when the terminal is tall enough.
        h = self.size.height
        rows = 15 if h >= 44 else 10 if h >= 34 else 5
        self.query_one("#cue-clock-row").styles.height = rows

    def action_scroll_mc(self, step: int) -> None:
        box = self.query_one("#cue-mc-box", VerticalScroll)
        box.scroll_relative(y=step * 2)

    def refresh_view(self) -> None:
        try:
            v = view(self.event)
        except UserError as exc:  # a broken agenda.toml: say so, keep the screen up
            show(self.query_one("#cue-title", Static), Text(str(exc), style="bold red"))
            return
        self.last_view = v
        s = self.event.settings
        top = Text()
        top.append(f" {hhmmss(v.now)} ", style="bold reverse")
        if v.rehearsal:
            top.append(f" {REHEARSAL} ", style="bold black on #ffb000")
        top.append(f"  {s.name}", style="bold")
        if v.current is not None:
            top.append(f"  ·  mục {v.current.position}/{len(v.agenda.segments)}", style="dim")
        show(self.query_one("#cue-top", Static), top)
        show(self.query_one("#cue-title", Static), now_title(v))
        message = v.state.message
        box = self.query_one("#cue-message", Static)
        show(box, Text(message.text if message else "", style="bold", justify="center"))
        box.display = message is not None  # large and on top until the control clears it
        text, phase = clock_text(v)
        self.query_one("#cue-clock", BigClock).show(text, phase)
        show(self.query_one("#cue-clock-side", Static), clock_side(v))
        show(self.query_one("#cue-mc", Static), mc_text(v))
        notes = v.current.notes if v.current else (v.next_items[0][0].notes if v.next_items else "")
        show(self.query_one("#cue-notes", Static),
            Text(f"Kỹ thuật: {notes}", style="#ffd75f") if notes else Text(""))
        self.query_one("#cue-notes").display = bool(notes)
        nxt = next_text(v, 3 if self.size.height >= 30 else 2)
        show(self.query_one("#cue-next", Static), nxt)
        self.query_one("#cue-next").display = not v.state.closed  # the day is over: nothing comes next
        day = drift_text(v)
        p = proposal_text(v, for_control=False)
        if p.plain:
            day.append("\n")
            day.append_text(p)
        problems = self.event.agenda_run.substep_errors
        if problems:
            day.append("\nKhông lấy được các bước con (" + ", ".join(problems) + "); mục chạy nguyên khối.",
                       style="bold #ff3b3b")
        show(self.query_one("#cue-day", Static), day)
        for name in ("normal", "warning", "over", "paused", "idle", "closed"):
            self.set_class(phase == name, f"-{name}")
