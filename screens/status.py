"""Tổng quan: the composition, registered and present, and the journal's health."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Footer, Header, Static

from console.ground.clock import hhmm, parse_iso
from console.people.quota import format_share, verdict

from .base import EventScreen
from .i18n import _
from .widgets.quota_panel import QuotaPanel


class StatusScreen(EventScreen):
    CSS_PATH = "status.tcss"

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="status-body"):
            with VerticalScroll(id="status-left"):
                yield Static(id="status-table")
                yield Static(id="status-verdict")
                yield Static(id="status-journal")
            yield QuotaPanel(id="status-quota")
        yield Static(id="status-recent")
        yield Footer(show_command_palette=False)

    def refresh_view(self) -> None:
        ev = self.event
        reg = ev.composition_registered()
        pre = ev.composition_present()
        t = Table(expand=True)
        t.add_column("")
        t.add_column(_("Đăng ký"), justify="right")
        t.add_column(_("Có mặt"), justify="right")
        rows = [
            ("Tổng số", reg.total, pre.total),
            (_("Điển hình"), reg.exemplary, pre.exemplary),
            (f"  {_('Tỉ lệ')} (≥ {format_share(ev.settings.quota)})",
             format_share(reg.exemplary_share), format_share(pre.exemplary_share)),
            (_("Khách mời"), reg.guests, pre.guests),
            (_("Nữ"), reg.women, pre.women),
            (_("Dân tộc thiểu số"), reg.minorities, pre.minorities),
            (_("Trực tiếp SX, CT"), reg.direct_production, pre.direct_production),
            (_("Không lãnh đạo"), reg.non_leadership, pre.non_leadership),
        ]
        for a, b, c in rows:
            t.add_row(a, str(b), str(c))
        self.query_one("#status-table", Static).update(t)
        lines = Text()
        lines.append("Danh sách: ", style="bold")
        lines.append(verdict(reg) + "\n", style="green" if reg.ok else "red")
        lines.append("Có mặt:    ", style="bold")
        lines.append(verdict(pre), style="green" if pre.ok else "red")
        if reg.total > ev.settings.max_delegates:
            lines.append(f"\nCảnh báo: {reg.total} đại biểu, vượt mức tối đa {ev.settings.max_delegates}.", style="yellow")
        self.query_one("#status-verdict", Static).update(lines)
        problems = getattr(self.app, "journal_problems", [])
        jt = Text()
        if problems:
            jt.append(f"Nhật ký: {len(problems)} dòng bất thường — chạy `hoinghi verify`.", style="bold red")
            if ev.journal.rejected:
                jt.append(f" {ev.journal.rejected} dòng sai chữ ký không được tính.", style="bold red")
        else:
            jt.append(f"Nhật ký: {ev.journal.lines} dòng, chuỗi chữ ký nguyên vẹn.", style="dim")
        self.query_one("#status-journal", Static).update(jt)
        self.query_one("#status-quota", QuotaPanel).show(reg, pre)
        recent = Text("Vừa đến: ", style="bold")
        for did, visit in list(ev.day.recent)[:6]:
            d = ev.get(did)
            if d:
                recent.append(f"{hhmm(parse_iso(visit.at))} {d.name}  ", style="")
        self.query_one("#status-recent", Static).update(recent)
