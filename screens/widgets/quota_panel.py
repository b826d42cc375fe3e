"""The live 70/30 panel: who is in the hall against the exemplary quota."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from console.people.quota import Composition, format_share

from ..i18n import _
from ..plain import show


def share_bar(comp: Composition, width: int = 14) -> Text:
    """A bar of the exemplary share with a tick at the quota."""
    bar = Text()
    if comp.total == 0:
        return Text("─" * width, style="dim")
    filled = round(width * comp.exemplary / comp.total)
    mark = min(width - 1, round(width * comp.quota))
    for i in range(width):
        ch = "█" if i < filled else "░"
        style = ("green" if comp.ok else "red") if i < filled else "dim"
        if i == mark:
            ch, style = "┃", "bold yellow"
        bar.append(ch, style=style)
    return bar


class QuotaPanel(Static):
    """Set `registered` and `present`; the panel redraws itself."""

    DEFAULT_CSS = """
    QuotaPanel { height: auto; padding: 0 1; border: round $primary; border-title-align: left; }
    QuotaPanel.-failing { border: round $error; }
    """

    def show(self, registered: Composition, present: Composition) -> None:
        self.set_class(not present.ok, "-failing")
        self.border_title = "Cơ cấu 70/30 (có mặt)"
        t = Table.grid(padding=(0, 1))
        t.add_column(justify="left")
        t.add_column(justify="right")
        if present.total == 0:
            verdict = Text("chưa có ai", style="dim")
        else:
            verdict = Text("ĐẠT" if present.ok else "CHƯA ĐẠT",
                           style="bold green" if present.ok else "bold white on red")
        t.add_row(Text(f"{_('Có mặt')} / {_('Đăng ký')}", style="bold"), Text(f"{present.total} / {registered.total}", style="bold"))
        t.add_row(_("Tỉ lệ điển hình"), Text(format_share(present.exemplary_share),
                                             style="bold green" if present.ok else "bold red"))
        t.add_row(share_bar(present), verdict)
        t.add_row(_("Điển hình"), str(present.exemplary))
        t.add_row(_("Khách mời"), str(present.guests))
        if present.ok:
            t.add_row(_("Còn đón thêm khách"), Text(str(present.guest_headroom), style="bold"))
        else:
            t.add_row(Text("Thiếu điển hình", style="bold red"), Text(str(present.exemplary_missing), style="bold red"))
        t.add_row(_("Nữ"), str(present.women))
        t.add_row(_("Dân tộc thiểu số"), str(present.minorities))
        t.add_row(_("Trực tiếp SX, CT"), str(present.direct_production))
        show(self, t)
