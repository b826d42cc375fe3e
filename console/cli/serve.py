"""`hoinghi serve DIR` — the desk (or the whole console) in a browser, with a desk PIN.

textual-serve starts one app process per browser tab; they share nothing in
memory and meet through the event folder, like SSH desks do. It has no login,
so serving writes a fresh PIN's hash into the folder (console.door.desk_pin) and
every app process asks for it before showing anything (screens/pin.py).
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

from console.cli.common import add_dir

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def register(sub) -> None:
    p = sub.add_parser("serve", help="phục vụ bàn đón tiếp qua trình duyệt (textual-serve), có mã PIN")
    add_dir(p)
    p.add_argument("--host", default=DEFAULT_HOST,
                   help="địa chỉ lắng nghe (mặc định 127.0.0.1 — chỉ máy này; dùng 0.0.0.0 để mở cho mạng hội trường)")
    p.add_argument("--port", type=int, default=DEFAULT_PORT, help="cổng (mặc định 8000)")
    p.add_argument("--public-url", default=None,
                   help="địa chỉ trình duyệt dùng để kết nối, ví dụ http://192.168.1.10:8000 (cần khi --host 0.0.0.0)")
    p.add_argument("--mode", default="desk", choices=["desk", "cue", "open"],
                   help="màn hình phục vụ: desk (mặc định), cue, open (đầy đủ)")
    p.add_argument("--desk", default="ban-web", help="tên bàn ghi vào nhật ký (mặc định ban-web)")
    p.add_argument("--pin", default=None, help="đặt mã PIN (4–12 chữ số) thay vì tạo ngẫu nhiên")
    p.set_defaults(func=cmd_serve)


def app_command(folder: Path, mode: str, desk: str, *, windows: bool | None = None) -> str:
    """The command each browser tab runs: this Python, this code, the same folder.

    textual-serve hands the string to the platform's shell, so it is quoted the way that
    shell reads it: POSIX sh quoting, or Windows' CreateProcess rules (`shlex.quote`'s
    single quotes mean nothing to cmd.exe, and a path like C:\\Hội nghị\\ would split)."""
    argv = [sys.executable, "-m", "console", mode, str(Path(folder).resolve()), "--desk", desk]
    if (os.name == "nt") if windows is None else windows:
        return subprocess.list2cmdline(argv)
    return " ".join(shlex.quote(x) for x in argv)


def public_url_for(host: str, port: int, public_url: str | None) -> str:
    from console.ground.errors import UserError

    if public_url:
        return public_url.rstrip("/")
    if host in ("0.0.0.0", "::", ""):
        raise UserError("Khi lắng nghe trên mọi địa chỉ (--host 0.0.0.0) hãy cho biết địa chỉ mạng của máy chủ mà "
                        "trình duyệt sẽ dùng, ví dụ --public-url http://192.168.1.10:8000.")
    return f"http://{host}:{port}"


def build_server(folder: Path, *, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, public_url: str | None = None,
                 mode: str = "desk", desk: str = "ban-web", max_apps: int | None = None):
    """textual-serve bounded and self-contained (console/cli/web_desk.py): `/?desk=NAME` opens a tab
    as its own desk; without it the tab asks for a name after the PIN (unless --desk named one)."""
    from console.cli.web_desk import DEFAULT_MAX_APPS, build_desk_server

    return build_desk_server(lambda tab: app_command(folder, mode, tab or desk), host=host, port=port,
                             public_url=public_url_for(host, port, public_url), title="hoinghi — bàn đón tiếp",
                             max_apps=max_apps or DEFAULT_MAX_APPS)


def cmd_serve(args) -> int:
    from console.door.desk_pin import new_pin
    from console.event import Event

    folder = Path(args.dir)
    event = Event(folder, desk=args.desk)
    server = build_server(folder, host=args.host, port=args.port, public_url=args.public_url,
                          mode=args.mode, desk=args.desk, max_apps=event.settings.desk.max_browser_desks)
    pin = new_pin(folder, args.pin)
    print(f"Bàn đón tiếp qua trình duyệt: {server.public_url}", flush=True)
    print(f"MÃ PIN BÀN ĐÓN TIẾP: {pin}", flush=True)
    if args.host == DEFAULT_HOST:
        print("Chỉ máy này truy cập được (127.0.0.1). Dùng --host 0.0.0.0 --public-url http://IP:CỔNG để mở cho mạng hội trường.",
              flush=True)
    print("Dừng: Ctrl+C.", flush=True)
    server.serve()
    return 0
