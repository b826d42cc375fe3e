"""Helpers shared by the sub-command modules."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path


def default_desk() -> str:
    # The host's name without importing socket (3 ms of every command): Windows keeps it in
    # COMPUTERNAME, POSIX in uname.
    host = os.environ.get("COMPUTERNAME") or (os.uname().nodename if hasattr(os, "uname") else "")
    return os.environ.get("HOINGHI_DESK") or host.split(".")[0] or "ban-1"


def add_dir(p) -> None:
    p.add_argument("dir", metavar="THƯ_MỤC", help="thư mục hội nghị")


def add_desk(p) -> None:
    p.add_argument("--desk", default=None, help="tên bàn/máy (mặc định: tên máy hoặc $HOINGHI_DESK)")


def add_json(p) -> None:
    p.add_argument("--json", action="store_true", help="in một đối tượng JSON")


def open_event(args, **kw):
    from console.event import Event

    desk = getattr(args, "desk", None) or default_desk()
    return Event(Path(args.dir), desk=desk, **kw)


def print_json(obj) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2, default=str) + "\n")


def parse_delegate_id(text: str) -> int:
    from console.ground.errors import UserError

    try:
        value = int(str(text).strip().lstrip("#"))
        if value <= 0:
            raise ValueError
        return value
    except ValueError:
        raise UserError(f"Mã đại biểu “{text}” không hợp lệ: là số, ví dụ 0042 (xem `hoinghi tokens`).") from None
