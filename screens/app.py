"""The app shell: the event, its screens as modes, and the poll of the event folder.

`make_app()` is the one factory the CLI and the tests share. Each process polls
the folder (a stat of two files when nothing changed) and tells the active
screen when the day moved, so a desk sees another desk's check-in well within
a second.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from textual import events
from textual.app import App
from textual.binding import Binding

from console.event import Event
from console.ground.clock import SYSTEM, Clock
from console.ground.errors import UserError

from .i18n import _, set_language
from .messages import DayChanged
from .scan_anywhere import ScanRouter

# mode -> (module in screens/, class, key, label)
SCREENS = {
    "status": ("status", "StatusScreen", "f1", "Tổng quan"),
    "desk": ("desk", "DeskScreen", "f2", "Đón tiếp"),
    "cue": ("cue", "CueScreen", "f3", "Màn hình MC"),
    "control": ("control", "ControlScreen", "f4", "Điều khiển"),
    "ceremony": ("ceremony", "CeremonyScreen", "f5", "Khen thưởng"),
    "printers": ("printers", "PrintersScreen", "f6", "Máy in"),
}

# Which modes each role may open. A cue opened as "cue" never changes the day.
ROLES = {
    "all": ("status", "desk", "cue", "control", "ceremony", "printers"),
    "desk": ("desk", "status", "printers"),
    "cue": ("cue",),
    "control": ("control", "cue", "ceremony", "status"),
    "ceremony": ("ceremony", "control", "cue", "status"),
}

POLL_SECONDS = 0.25
WEB_DESK = "ban-web"  # `hoinghi serve`'s desk when neither --desk nor ?desk= named one: ask


def _screen_factory(mode: str):
    module_name, class_name, _key, _label = SCREENS[mode]

    def make():
        module = importlib.import_module(f".{module_name}", __package__)
        return getattr(module, class_name)()

    return make


class HoinghiApp(App[None]):
    TITLE = "hoinghi"
    ENABLE_COMMAND_PALETTE = True

    def __init__(self, event: Event, *, mode: str = "status", role: str = "all", lang: str = "vi",
                 poll_seconds: float = POLL_SECONDS, require_pin: bool | None = None, watch_folder: bool = True):
        set_language(lang)
        super().__init__()
        self.event = event
        self.role = role if role in ROLES else "all"
        self.allowed_modes = ROLES[self.role]
        self.start_mode = mode if mode in self.allowed_modes else self.allowed_modes[0]
        self.poll_seconds = poll_seconds
        self.watch_folder = watch_folder  # False: the poll only (a test of a screen that has not caught up)
        self.journal_problems: list = []
        self.require_pin = require_pin  # None: ask for the desk PIN when served to a browser
        self.locked = False
        # A process with a desk role takes a scanner's burst on every screen and dialog.
        self.scan_router = ScanRouter(self, self._deliver_key) if self.role in ("all", "desk") else None
        for m in self.allowed_modes:
            self.add_mode(m, _screen_factory(m))
            _mod, _cls, key, label = SCREENS[m]
            self.bind(key, f"switch_mode('{m}')", description=_(label))
        self.sub_title = f"{event.settings.unit} · {event.settings.date:%d/%m/%Y} · bàn {event.desk}"

    @property
    def can_change_day(self) -> bool:
        """Only a control (or full) console moves the agenda."""
        return self.role in ("all", "control", "ceremony")

    def on_mount(self) -> None:
        # Checked line by line while the event folded it at open: no second read of the day.
        self.journal_problems = list(self.event.journal.problems)
        if self.journal_problems:
            first = self.journal_problems[0]
            self.notify(f"Nhật ký có {len(self.journal_problems)} dòng bất thường (dòng {first.line}: {first.message}). "
                        "Chạy `hoinghi verify` để xem. Không tự sửa.", severity="error", timeout=15)
        if self.require_pin if self.require_pin is not None else self.is_web:
            self._ask_pin()
        else:
            self.switch_mode(self.start_mode)
        self.mode_change_signal.subscribe(self, lambda _mode: self.refresh_bindings())
        self.set_interval(self.poll_seconds, self.poll_folder, name="poll-folder")
        self.call_after_refresh(_freeze_heap)
        from .folder_watch import FolderWatch

        self.folder_watch = FolderWatch(self, self.event.folder)
        if self.watch_folder:
            self.folder_watch.start()  # other desks' lines within milliseconds; the poll is the fallback

    def on_folder_touched(self, _message) -> None:
        self.poll_folder()

    def on_unmount(self) -> None:
        watch = getattr(self, "folder_watch", None)
        if watch is not None:
            watch.stop()

    async def on_event(self, event: events.Event) -> None:
        if self.scan_router is not None and isinstance(event, events.Key) and not event.is_forwarded:
            await self.scan_router.key(event)  # a key of a scanner's burst is never delivered
            return
        await super().on_event(event)

    async def _deliver_key(self, event: events.Key) -> None:
        await super().on_event(event)

    def notify(self, message: str, *, title: str = "", severity="information", timeout: float | None = None,
               markup: bool = True) -> None:
        """Toasts carry names and sentences about them: shown as written, never read as markup
        (a name holding "[/b]" would crash the toast, "[@click=app.quit]" would be live)."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    def _settings_changed(self) -> None:
        """event.toml was edited: the printers the background worker sends to follow it at once
        (an open ceremony kept printing to the old printer while print-status named the new one)."""
        worker = getattr(self, "print_worker", None)
        if worker is not None:
            from console.printing.jobs import default_width, printers_of

            worker.printers = dict(printers_of(self.event))
            worker.width = default_width(self.event)
        self.sub_title = f"{self.event.settings.unit} · {self.event.settings.date:%d/%m/%Y} · bàn {self.event.desk}"

    def _ask_pin(self) -> None:
        """Nothing of the event shows, and no mode opens, before the right PIN."""
        from .desk_name import DeskNameScreen
        from .pin import PinScreen

        self.locked = True

        def unlocked(ok: bool | None) -> None:
            if not ok:
                return
            if self.event.desk == WEB_DESK:  # a tab opened without ?desk=: its own name first
                self.push_screen(DeskNameScreen(), named)
                return
            self.locked = False
            self.switch_mode(self.start_mode)

        def named(name: str | None) -> None:
            self.event.journal.desk = name  # every line this tab writes carries it
            self.sub_title = f"{self.event.settings.unit} · {self.event.settings.date:%d/%m/%Y} · bàn {name}"
            self.locked = False
            self.switch_mode(self.start_mode)

        self.push_screen(PinScreen(self.event.folder), unlocked)

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if self.locked and action in ("switch_mode", "command_palette"):
            return False
        if action == "switch_mode" and parameters and parameters[0] == self.current_mode:
            return False  # the screen you are on needs no key in the footer: room for its own actions
        return True

    def get_system_commands(self, screen):
        """Ctrl+P / the header's ⭘: the screens this console may open and quitting, in
        Vietnamese (Textual's own list — Theme, Keys, Screenshot — is in English)."""
        from textual.app import SystemCommand

        for m in self.allowed_modes:
            _mod, _cls, key, label = SCREENS[m]
            if m != self.current_mode:
                yield SystemCommand(f"{_(label)} ({key.upper()})", f"Mở màn hình {_(label)}",
                                    lambda m=m: self.switch_mode(m))
        yield SystemCommand("Thoát (Ctrl+Q)", "Thoát chương trình; dữ liệu đã ghi đều an toàn", self.action_quit)

    def action_command_palette(self) -> None:
        from textual.command import CommandPalette

        if self.use_command_palette and not self.locked and not CommandPalette.is_open(self):
            self.push_screen(CommandPalette(id="--command-palette", placeholder="Tìm màn hình hoặc lệnh…"))

    def action_help_quit(self) -> None:
        """Ctrl+C out of habit: say how to quit, in Vietnamese (Textual's note is in English)."""
        self.notify("Muốn thoát, bấm Ctrl+Q. Mọi thao tác đã ghi vào nhật ký, không mất gì.",
                    title="Thoát chương trình?")

    def poll_folder(self) -> None:
        try:
            change = self.event.refresh()
        except Exception as exc:  # a file replaced mid-read, a disk error: say it, keep running
            # Said once while it lasts (this runs 4 times a second), in a sentence a user reads.
            text = str(exc) if isinstance(exc, UserError) else (
                f"Không đọc được thư mục hội nghị {self.event.folder} ({type(exc).__name__}: {exc}). "
                "Kiểm tra ổ đĩa / USB; chương trình tự đọc lại khi đọc được.")
            if text != getattr(self, "_poll_error", None):
                self._poll_error = text
                self.notify(text, severity="error", timeout=15)
            return
        self._poll_error = None
        for w in self.event.journal.warnings:
            self.notify(w, severity="warning", timeout=10)
        self.event.journal.warnings.clear()
        if change.settings_changed:
            self._settings_changed()
        if change:
            self.screen.post_message(DayChanged(len(change.entries), change.roster_changed))


def _freeze_heap() -> None:
    """What the start built — the roster, the folded day, the screens — is kept for the whole
    day: out of the garbage collector's sight (gc.freeze), or each full collection walks it all,
    a pause of tens of ms in the middle of a scan at 20,000 delegates. Freed as usual when dropped."""
    import gc

    gc.freeze()


def make_app(folder: Path, *, mode: str = "status", role: str = "all", desk: str | None = None,
             lang: str = "vi", clock: Clock = SYSTEM, poll_seconds: float = POLL_SECONDS, watch_folder: bool = True,
             require_pin: bool | None = None) -> HoinghiApp:
    from console.cli.common import default_desk

    event = Event(Path(folder), desk=desk or default_desk(), clock=clock)
    return HoinghiApp(event, mode=mode, role=role, lang=lang, poll_seconds=poll_seconds, require_pin=require_pin,
                      watch_folder=watch_folder)


QUIT = Binding("ctrl+q", "quit", "Thoát", id="quit", tooltip="Thoát chương trình (dữ liệu đã ghi đều an toàn)")
