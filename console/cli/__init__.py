"""`hoinghi` — the command line. Commands that need no screen never import Textual.

Each area registers its own sub-commands (console/cli/*.py); this module
only builds the parser and turns every failure into a Vietnamese sentence and
an exit code — no traceback reaches the user.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import traceback
from datetime import datetime

from console.ground.errors import UserError

COMMAND_MODULES = ("core", "door", "agenda", "ceremony", "printing", "record", "app", "serve", "bench")


def build_parser() -> argparse.ArgumentParser:
    import importlib

    parser = argparse.ArgumentParser(
        prog="hoinghi",
        description="Bảng điều khiển Hội nghị điển hình tiên tiến — event-day console.",
    )
    parser.add_argument("--version", action="version", version="hoinghi 0.1.0")
    sub = parser.add_subparsers(dest="command", metavar="LỆNH")
    for name in COMMAND_MODULES:
        module = importlib.import_module(f".{name}", __package__)
        module.register(sub)
    return parser


def _crash_log(exc: BaseException) -> str:
    path = os.path.join(tempfile.gettempdir(), f"hoinghi-loi-{datetime.now():%Y%m%d-%H%M%S}.log")
    try:
        with open(path, "w", encoding="utf-8") as fh:
            traceback.print_exception(exc, file=fh)
    except OSError:
        return ""
    return path


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    try:
        code = args.func(args)
        return int(code or 0)
    except UserError as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("Đã dừng.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a bug of ours: a sentence for the user, the details in a file
        log = _crash_log(exc)
        print(f"Lỗi không mong đợi ({type(exc).__name__}: {exc}). Dữ liệu đã ghi vẫn an toàn. "
              f"Chi tiết kỹ thuật ở {log or 'không ghi được'}; hãy gửi tệp này cho người hỗ trợ.", file=sys.stderr)
        return 1


def run() -> None:
    sys.exit(main())


if __name__ == "__main__":
    run()
