"""open, desk, cue, control, ceremony — the screens. Textual is imported only when one runs."""

from __future__ import annotations

from pathlib import Path

from console.cli.common import add_desk, add_dir

# command -> (mode, role, help)
SCREEN_COMMANDS = {
    "open": ("status", "all", "mở bảng điều khiển đầy đủ"),
    "desk": ("desk", "desk", "màn hình bàn đón tiếp (quét thẻ, tìm tên, khách vãng lai)"),
    "cue": ("cue", "cue", "màn hình người dẫn chương trình (chỉ xem)"),
    "control": ("control", "control", "máy điều khiển chương trình"),
    "ceremony": ("ceremony", "ceremony", "sắp xếp tham luận và khen thưởng"),
}


def register(sub) -> None:
    for name, (mode, role, help_text) in SCREEN_COMMANDS.items():
        p = sub.add_parser(name, help=help_text)
        add_dir(p)
        add_desk(p)
        p.add_argument("--lang", choices=["vi", "en"], default="vi", help="ngôn ngữ giao diện")
        if name == "open":
            p.add_argument("--mode", default=mode, choices=["status", "desk", "cue", "control", "ceremony", "printers"])
        p.set_defaults(func=_runner(mode, role))


def _runner(mode: str, role: str):
    def run(args) -> int:
        return launch(Path(args.dir), mode=getattr(args, "mode", mode), role=role, desk=args.desk, lang=args.lang)
    return run


def launch(folder, mode: str = "status", role: str = "all", desk: str | None = None, lang: str = "vi") -> int:
    from screens.app import make_app

    app = make_app(Path(folder), mode=mode, role=role, desk=desk, lang=lang)
    app.run()
    return 0
