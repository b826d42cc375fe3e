"""Another desk's check-in on this screen within milliseconds: file-change notification.

The app polls the event folder every 250 ms (a stat of two files); that alone makes a
scan at one desk appear at another 125 ms later on average, 250 ms at worst. This
thread asks the operating system to say when the journal or roster changes
(watchfiles: inotify on Linux, ReadDirectoryChangesW on Windows, FSEvents on macOS)
and tells the app at once. The poll stays as the fallback — a network share, a USB
stick or a file system that never notifies, or watchfiles missing, only costs speed.
"""

from __future__ import annotations

import threading
from pathlib import Path

from textual.message import Message

WATCHED = ("journal.jsonl", "roster.json", "event.toml")
STEP_MS = 1  # after a change, how long to wait for more before telling the app
DEBOUNCE_MS = 10  # the most a run of changes (four desks scanning) is held back


class FolderTouched(Message):
    """Something in the event folder changed: the app should poll now."""


class FolderWatch:
    def __init__(self, app, folder: Path, names: tuple[str, ...] = WATCHED):
        self.app = app
        self.folder = Path(folder)
        self.names = frozenset(names)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.active = False  # notifications are arriving (False: only the poll)
        self.started = False

    def start(self) -> bool:
        try:
            import watchfiles  # noqa: F401
        except ImportError:
            return False
        self._thread = threading.Thread(target=self._run, name="hoinghi-folder-watch", daemon=True)
        self._thread.start()
        self.started = True
        return True

    def _wanted(self, _change, path: str) -> bool:
        return Path(path).name in self.names

    def _run(self) -> None:
        import watchfiles

        try:
            self.active = True
            for _changes in watchfiles.watch(self.folder, watch_filter=self._wanted, recursive=False,
                                             step=STEP_MS, debounce=DEBOUNCE_MS, stop_event=self._stop,
                                             raise_interrupt=False, ignore_permission_denied=True):
                self.app.post_message(FolderTouched())
        except Exception:  # no notifications here (a share, a full inotify table): the poll goes on
            pass
        finally:
            self.active = False

    def stop(self) -> None:
        self._stop.set()
