"""Printers named by URI, and one job sent to one: open, print, close, with a timeout.

    tcp://192.168.1.50:9100     network printer (raw port 9100)
    usb://0416:5011             USB printer by vendor:product id (needs pyusb)
    serial:///dev/ttyUSB0?baud=9600   serial printer (needs pyserial); on Windows serial://COM3
    win32raw://POS-80           a printer installed in Windows, sent raw (needs pywin32)
    cups://POS80                a CUPS queue, sent raw with `lp`
    file:///dev/usb/lp0         raw bytes to a device or a file
    preview://ban-in            PNG files in a folder of the event (the default)

Any URI takes `?width=58|80` (paper width, mm). Every failure is a
`PrintError` with a code (off, refused, timeout, paper, cut, missing, denied,
io) and one Vietnamese sentence that says what to check.
"""

from __future__ import annotations

import errno
import io
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from console.ground.errors import UserError
from console.ground.storage import atomic_write_bytes
from console.printing.print_error import PrintError
from console.printing.raster import encode
from console.printing.tcp_send import Confirmation, send_tcp
from console.printing.uri import DEFAULT_URI, SCHEMES, PrinterSpec, parse_uri  # noqa: F401  (re-exported)

DEFAULT_TIMEOUT = 10.0


# --- sending ---------------------------------------------------------------------

@dataclass(frozen=True)
class Delivered:
    """Where a slip went, and whether the printer confirmed it took every byte."""

    where: str
    confirmed: bool


def deliver(spec: PrinterSpec, image: Image.Image, name: str, *, folder: Path,
            timeout: float = DEFAULT_TIMEOUT) -> Delivered:
    """Print one slip; raises PrintError. `confirmed` False: sent, the printer never said it took it."""
    if spec.scheme == "preview":
        out = Path(spec.target)
        out = out if out.is_absolute() else Path(folder) / out
        try:
            out.mkdir(parents=True, exist_ok=True)
            buf = io.BytesIO()
            image.save(buf, format="PNG", optimize=False)
            # 644: the previews are for the event's other users too (the organiser opens them from the folder)
            atomic_write_bytes(out / f"{name}.png", buf.getvalue(), mode=0o644)
        except (OSError, UserError) as exc:
            raise PrintError("io", f"Không ghi được ảnh xem trước vào {out}: {exc}. Kiểm tra quyền và dung lượng ổ đĩa.") from None
        return Delivered(str(out / f"{name}.png"), True)
    data = encode(image, spec.dots)
    outcome = send_bytes(spec, data, timeout=timeout)
    return Delivered(spec.uri, outcome is Confirmation.CONFIRMED)


def send_bytes(spec: PrinterSpec, data: bytes, *, timeout: float = DEFAULT_TIMEOUT) -> Confirmation:
    """Raw bytes to a printer. CONFIRMED only when the printer (or its driver) took every byte."""
    if spec.scheme == "tcp":
        host, port = spec.target.rsplit(":", 1)
        return send_tcp(host, int(port), data, timeout=timeout)
    if spec.scheme == "file":
        _send_file(spec.target, data)
        return Confirmation.CONFIRMED  # the device driver (or fsync) took every byte
    if spec.scheme == "cups":
        _send_cups(spec.target, data, timeout)
        return Confirmation.UNCONFIRMED  # CUPS queued it; whether the printer printed is CUPS's to tell
    if spec.scheme in ("usb", "serial", "win32raw"):
        _send_escpos_device(spec, data, timeout)
        # A USB bulk write is acknowledged by the device; a serial line takes bytes with nobody
        # listening; the Windows spooler, like CUPS, only queued the job.
        return Confirmation.CONFIRMED if spec.scheme == "usb" else Confirmation.UNCONFIRMED
    raise PrintError("io", f"Không gửi dữ liệu thô được tới {spec.uri}.")


def _send_file(path: str, data: bytes) -> None:
    device = path.startswith("/dev/")
    flags = os.O_WRONLY | (0 if device else os.O_CREAT | os.O_APPEND)
    try:
        fd = os.open(path, flags, 0o644)
    except FileNotFoundError:
        raise PrintError("off", f"Không thấy {path}: máy in chưa cắm hoặc chưa bật. Cắm cáp, bật máy in rồi thử lại.") from None
    except PermissionError:
        raise PrintError("denied", f"Không có quyền ghi {path}. Thêm người dùng vào nhóm lp (sudo usermod -aG lp $USER) rồi đăng nhập lại.") from None
    except OSError as exc:
        raise PrintError("io", f"Không mở được {path}: {exc.strerror}.") from None
    try:
        view = memoryview(data)
        while view:
            n = os.write(fd, view)
            view = view[n:]
        if not device:
            os.fsync(fd)
    except OSError as exc:
        code = "paper" if exc.errno in (errno.EIO,) and device else "io"
        raise PrintError(code, f"Lỗi khi ghi {path} ({exc.strerror}): máy in hết giấy, mở nắp hoặc bị rút cáp.") from None
    finally:
        os.close(fd)


def _send_cups(queue: str, data: bytes, timeout: float) -> None:
    lp = shutil.which("lp")
    if not lp:
        raise PrintError("missing", "Máy này chưa cài CUPS (không có lệnh lp). Cài gói cups-client hoặc dùng tcp:// / file://.")
    try:
        proc = subprocess.run([lp, "-d", queue, "-o", "raw"], input=data, capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        raise PrintError("timeout", f"CUPS không nhận lệnh in cho hàng đợi “{queue}” sau {timeout:.0f} giây.") from None
    if proc.returncode != 0:
        msg = proc.stderr.decode("utf-8", "replace").strip()
        raise PrintError("off", f"CUPS từ chối in vào hàng đợi “{queue}”: {msg}. Kiểm tra tên hàng đợi (lpstat -p).")


def _send_escpos_device(spec: PrinterSpec, data: bytes, timeout: float) -> None:
    try:
        if spec.scheme == "usb":
            import usb.core  # noqa: F401  (pyusb: python-escpos needs it for USB)
            from escpos.printer import Usb

            vid, pid = (int(x, 16) for x in spec.target.split(":"))
            dev = Usb(vid, pid, timeout=int(timeout * 1000))
        elif spec.scheme == "win32raw":
            import win32print  # noqa: F401  (pywin32: python-escpos's Win32Raw needs it)
            from escpos.printer import Win32Raw

            dev = Win32Raw(spec.target)
        else:
            import serial  # noqa: F401  (pyserial)
            from escpos.printer import Serial

            dev = Serial(spec.target, baudrate=int(spec.params.get("baud", 9600)), timeout=timeout)
    except ImportError:
        lib, extra = {"usb": ("pyusb", "usb"), "serial": ("pyserial", "serial"),
                      "win32raw": ("pywin32", "windows")}[spec.scheme]
        where = "máy in cài trong Windows" if spec.scheme == "win32raw" else spec.scheme.upper()
        raise PrintError("missing", f"Cần cài thư viện {lib} để in qua {where} (pip install -e '.[{extra}]'), "
                                    "hoặc dùng tcp:// cho máy in mạng.") from None
    try:
        dev.open()
        dev._raw(data)
    except Exception as exc:  # python-escpos raises its own classes and the backends' errors
        raise PrintError("off", f"Máy in {spec.uri} không nhận lệnh ({type(exc).__name__}: {exc}). "
                                "Kiểm tra cáp, nguồn và quyền truy cập thiết bị.") from None
    finally:
        try:
            dev.close()
        except Exception:
            pass
