"""A printer's URI read and checked for form (not reachability) — no PIL, no escpos, so the
event can check every printer of event.toml when it opens, and the CLI stays light."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import parse_qs, unquote, urlsplit

from console.ground.errors import UserError

SCHEMES = ("tcp", "usb", "serial", "win32raw", "cups", "file", "preview")
DEFAULT_URI = "preview://ban-in"
WIDTHS_MM = (58, 80)


@dataclass(frozen=True)
class PrinterSpec:
    uri: str
    scheme: str
    target: str  # host:port, VID:PID, device path, queue name or folder
    width_mm: int = 80
    params: dict = field(default_factory=dict, hash=False, compare=False)

    @property
    def dots(self) -> int:
        from console.printing.canvas import dots_for  # PIL: only when a slip is drawn

        return dots_for(self.width_mm)

    @property
    def label(self) -> str:
        return f"{self.uri} ({self.width_mm} mm)"


def parse_uri(uri: str, default_width: int = 80) -> PrinterSpec:
    """A printer URI checked for form (not for reachability)."""
    text = (uri or "").strip()
    if "://" not in text:
        raise UserError(f"Máy in “{uri}” không đúng dạng URI. Ví dụ: tcp://192.168.1.50:9100, usb://0416:5011, "
                        "serial:///dev/ttyUSB0?baud=9600, serial://COM3, win32raw://POS-80, cups://POS80, "
                        "file:///dev/usb/lp0, preview://ban-in.")
    parts = urlsplit(text)
    scheme = parts.scheme.lower()
    if scheme not in SCHEMES:
        raise UserError(f"Máy in “{uri}”: kiểu “{scheme}” không hỗ trợ. Dùng một trong: {', '.join(s + '://' for s in SCHEMES)}.")
    params = {k: v[-1] for k, v in parse_qs(parts.query).items()}
    width = params.get("width", default_width)
    try:
        width = int(str(width).removesuffix("mm"))
        if width not in WIDTHS_MM:
            raise ValueError
    except ValueError:
        raise UserError(f"Máy in “{uri}”: khổ giấy “{params.get('width')}” không hợp lệ; chọn 58 hoặc 80 (mm).") from None
    if scheme == "tcp":
        host, port = parts.hostname, None
        try:
            port = parts.port or 9100
        except ValueError:
            pass
        if not host or port is None:
            raise UserError(f"Máy in “{uri}”: cần địa chỉ và cổng, ví dụ tcp://192.168.1.50:9100.")
        target = f"{host}:{port}"
    elif scheme == "usb":
        target = (parts.netloc + parts.path).strip("/")
        ids = target.split(":")
        if len(ids) != 2 or not all(_is_hex(x) for x in ids):
            raise UserError(f"Máy in “{uri}”: cần mã USB dạng VID:PID hệ 16, ví dụ usb://0416:5011 (xem bằng lệnh lsusb).")
    elif scheme == "win32raw":
        # The name as Windows shows it under "Printers & scanners": spaces and Vietnamese
        # letters as typed (or %-escaped); no host part, so take everything after '://'.
        target = unquote(text.split("://", 1)[1].split("?", 1)[0]).strip().strip("/")
        if not target:
            raise UserError(f"Máy in “{uri}”: thiếu tên máy in Windows, ví dụ win32raw://POS-80 "
                            "(tên như trong Cài đặt → Máy in và máy quét).")
    elif scheme in ("serial", "file"):
        # serial://COM3 has the port as its host part; serial:///dev/ttyUSB0 as its path
        target = parts.path or parts.netloc
        if not target:
            raise UserError(f"Máy in “{uri}”: thiếu đường dẫn, ví dụ {scheme}:///dev/ttyUSB0.")
        if scheme == "serial" and not str(params.get("baud", "9600")).isdigit():
            raise UserError(f"Máy in “{uri}”: tốc độ baud phải là số, ví dụ ?baud=9600.")
    else:  # cups, preview
        target = (parts.netloc + parts.path).strip("/") if scheme == "cups" else parts.netloc + parts.path
        if not target:
            raise UserError(f"Máy in “{uri}”: thiếu tên {'hàng đợi CUPS' if scheme == 'cups' else 'thư mục'}.")
    return PrinterSpec(text, scheme, target, width, params)


def _is_hex(x: str) -> bool:
    try:
        int(x, 16)
        return 0 < len(x) <= 4
    except ValueError:
        return False
