"""`hoinghi` — the command line. Commands that need no screen never import Textual.

Each area registers its own sub-commands (console/cli/*.py); this module
only builds the parser and turns every failure into a Vietnamese sentence and
an exit code — no traceback reaches the user.
"""

from __future__ import annotations

import argparse
import os
import sys

from console.ground.errors import UserError

COMMAND_MODULES = ("core", "door", "agenda", "ceremony", "printing", "record", "app", "serve", "bench")

# Which module registers each command, so `hoinghi checkin` imports and builds only the
# door's sub-parsers (all nine areas cost ~90 ms of a 120 ms budget). A command not named
# here still works — the whole parser is built — and tests/test_cli_lazy.py keeps this
# table equal to what the modules register.
COMMANDS = {
    "init": "core", "import": "core", "status": "core", "verify": "core", "accept-journal": "core", "demo": "core",
    "checkin": "door", "undo": "door", "checkout": "door", "walkin": "door", "tokens": "door",
    "agenda": "agenda", "step": "agenda", "timings": "agenda", "script": "agenda",
    "order": "ceremony", "order-move": "ceremony", "order-pin": "ceremony", "order-drop": "ceremony",
    "award-proxy": "ceremony", "award-presenter": "ceremony", "award-approve": "ceremony", "batch-done": "ceremony",
    "speech-start": "ceremony", "speech-done": "ceremony", "print-batch": "ceremony", "print-mc-list": "ceremony",
    "badges": "printing", "reprint": "printing", "certificate": "printing", "print-bench": "printing",
    "print-status": "printing", "print-queue": "printing",
    "report": "record", "minutes": "record", "vote": "record", "paper": "record",
    "open": "app", "desk": "app", "cue": "app", "control": "app", "ceremony": "app",
    "serve": "serve", "bench": "bench",
}


class _Formatter(argparse.HelpFormatter):
    """argparse's own, told the width: finding it itself imports shutil (with zlib, bz2 and
    lzma: 3 ms of every command, spent by each add_argument)."""

    def __init__(self, prog, indent_increment=2, max_help_position=24, width=None):
        if width is None:
            try:
                width = int(os.environ.get("COLUMNS", "0")) or os.get_terminal_size().columns
            except (OSError, ValueError):
                width = 80
            width -= 2
        super().__init__(prog, indent_increment, max_help_position, width)


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args, **kw):
        kw.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kw)


class _Version(argparse.Action):
    """`--version`, read from the installed metadata only when asked (importlib.metadata and
    the email package it pulls in were 20 ms of every command's start-up)."""

    def __call__(self, parser, namespace, values, option_string=None):
        from console import __version__

        print(f"hoinghi {__version__}")  # on stdout, as argparse's own version action
        parser.exit()


def build_parser(modules: tuple[str, ...] = COMMAND_MODULES) -> argparse.ArgumentParser:
    import importlib

    parser = _Parser(
        prog="hoinghi",
        description="Bảng điều khiển Hội nghị điển hình tiên tiến — event-day console.",
    )
    parser.add_argument("--version", action=_Version, nargs=0, help="in số phiên bản rồi thoát")
    sub = parser.add_subparsers(dest="command", metavar="LỆNH", parser_class=_Parser)
    for name in modules:
        module = importlib.import_module(f".{name}", __package__)
        module.register(sub)
    return parser


def parser_for(argv: list[str]) -> argparse.ArgumentParser:
    """Only the command's own module when the first word names a known command; else all
    (help, --version, a mistyped command: argparse then lists every command)."""
    first = argv[0] if argv else None
    module = COMMANDS.get(first) if first else None
    return build_parser((module,)) if module else build_parser()


def _crash_log(exc: BaseException) -> str:
    import tempfile  # only when something went wrong: not on every command's start-up
    import traceback
    from datetime import datetime

    path = os.path.join(tempfile.gettempdir(), f"hoinghi-loi-{datetime.now():%Y%m%d-%H%M%S}.log")
    try:
        with open(path, "w", encoding="utf-8") as fh:
            traceback.print_exception(exc, file=fh)
    except OSError:
        return ""
    return path


def main(argv: list[str] | None = None) -> int:
    from console.ground.safe_text import ShownStream

    # A name or file holding ESC sequences or bidi overrides is never printed raw.
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = ShownStream(sys.stdout), ShownStream(sys.stderr)
    try:
        return _main(argv)
    finally:
        sys.stdout, sys.stderr = saved


def _main(argv: list[str] | None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = parser_for(argv)
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


# Commands a script at a desk runs many times a day. When one has answered, the process ends at
# once: finalising the interpreter (freeing every record of a 5,000-person roster, every module)
# was 25 ms of a 120 ms `hoinghi checkin`. Everything they write is flushed and fsync'd before
# they answer; with any other thread still running (none should be) the normal exit is taken.
QUICK_EXIT = frozenset({"checkin", "undo", "checkout", "walkin", "status", "verify", "step", "timings"})


def run() -> None:
    code = main()
    if sys.argv[1:2] and sys.argv[1] in QUICK_EXIT:
        import threading

        if threading.active_count() == 1:
            try:
                sys.stdout.flush()
                sys.stderr.flush()
            except (OSError, ValueError):  # a closed pipe: the answer could not be given anyway
                pass
            os._exit(code)
    sys.exit(code)


if __name__ == "__main__":
    run()
