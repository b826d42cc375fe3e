"""The large coloured panel that answers a scan for a couple of seconds."""

from __future__ import annotations

from dataclasses import dataclass

from rich.console import Group
from rich.text import Text
from textual.widgets import Static

from console.ground.clock import hhmm, parse_iso
from console.people.roster import Delegate

# result -> (headline, CSS class). One colour per outcome, so the operator
# reads the answer from across the table without reading the words.
HEADLINES = {
    "checked_in": ("✔ ĐÃ ĐIỂM DANH", "-ok"),
    "already_checked_in": ("● ĐÃ ĐIỂM DANH TRƯỚC ĐÓ", "-already"),
    "unknown": ("? KHÔNG CÓ TRONG DANH SÁCH", "-unknown"),
    "invalid": ("✖ MÃ KHÔNG HỢP LỆ", "-invalid"),
    "other_event": ("✖ THẺ CỦA HỘI NGHỊ KHÁC", "-invalid"),
    "ime_mangled": ("⌨ TẮT BỘ GÕ TIẾNG VIỆT", "-ime"),
    "replaced": ("↻ THẺ CŨ ĐÃ THAY", "-replaced"),
    "not_found": ("? KHÔNG TÌM THẤY", "-unknown"),
    "undone": ("↶ ĐÃ HỦY ĐIỂM DANH", "-info"),
    "checked_out": ("→ ĐÃ RA VỀ", "-info"),
    "reprinted": ("⎙ ĐÃ GỬI IN THẺ MỚI", "-info"),
    "error": ("✖ KHÔNG THỰC HIỆN ĐƯỢC", "-invalid"),
    "waiting": ("… ĐANG CHỜ GHI", "-info"),
}
CLASSES = sorted({c for _h, c in HEADLINES.values()} | {"-ready"})
ERRORS = {"unknown", "invalid", "other_event", "ime_mangled", "replaced", "not_found", "error"}


@dataclass
class Shown:
    """What the panel shows: a result kind, a sentence and maybe a person."""
    kind: str
    message: str
    delegate: Delegate | None = None
    at: str | None = None
    desk: str | None = None
    ime: bool = False  # checked in, but an IME rewrote the scan: say to switch it off
    namesake: bool = False  # someone else registered has this name: show the birth year too


class ScanResultPanel(Static):
    DEFAULT_CSS = """
    ScanResultPanel { height: 1fr; padding: 0 1; border: heavy $panel; content-align: left middle; }
    ScanResultPanel.-ready { border: round $panel; color: $text-muted; }
    ScanResultPanel.-ok { background: $success 40%; border: heavy $success; }
    ScanResultPanel.-already { background: $warning 35%; border: heavy $warning; }
    ScanResultPanel.-unknown { background: $secondary 40%; border: heavy $secondary; }
    ScanResultPanel.-invalid { background: $error 45%; border: heavy $error; }
    ScanResultPanel.-ime { background: $accent 40%; border: heavy $accent; }
    ScanResultPanel.-replaced { background: $error 30%; border: heavy $warning; }
    ScanResultPanel.-info { background: $primary 35%; border: heavy $primary; }
    """

    kind: str = "ready"

    def on_mount(self) -> None:
        self.ready()

    def _set_kind(self, css: str) -> None:
        for c in CLASSES:
            self.set_class(c == css, c)

    def ready(self) -> None:
        self.kind = "ready"
        self._set_kind("-ready")
        self.update(Group(Text("SẴN SÀNG QUÉT", style="bold"),
                          Text("Quét thẻ, gõ mã 6 ký tự, hoặc gõ tên / đơn vị để tìm.")))

    def show(self, shown: Shown) -> None:
        headline, css = HEADLINES.get(shown.kind, (shown.kind.upper(), "-info"))
        self.kind = shown.kind
        self._set_kind(css)
        if shown.kind == "checked_in" and shown.at:
            headline += f"  {hhmm(parse_iso(shown.at))}"
        parts = [Text(headline, style="bold reverse")]
        d = shown.delegate
        if d is not None:
            # One line each, cut with … rather than wrapped: the panel must fit 80×24.
            label = f"{d.code} · {d.category_label}" + (f" · {d.title}" if d.title else "")
            unit = (d.unit or "—") + (f" · sinh {d.birth_year}" if shown.namesake and d.birth_year else "")
            if shown.namesake:
                label += " · CÓ NGƯỜI TRÙNG TÊN"
            for text, style in ((d.name.upper(), "bold"), (unit, ""), (label, "italic")):
                parts.append(Text(text, style=style, no_wrap=True, overflow="ellipsis"))
        if shown.kind == "already_checked_in" and shown.at:
            parts.append(Text(f"Lúc {hhmm(parse_iso(shown.at))} tại bàn “{shown.desk}”", style="bold"))
        elif shown.kind == "checked_in":
            if shown.ime:
                parts.append(Text("⚠ Bộ gõ tiếng Việt đang bật: chuyển sang E (tiếng Anh)", style="bold"))
        else:
            parts.append(Text(shown.message))
        self.update(Group(*parts))
