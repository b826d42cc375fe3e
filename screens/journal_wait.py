"""A scan while another process holds the journal's lock: waited for off the UI thread.

The journal lock is held for a millisecond by a desk writing a line, but for seconds by an
import of a long list, a process stopped in a debugger or a network drive that stalls. A scan
used to wait for it on the UI thread — the desk frozen, then after 15 s a crash out of the
screen. Now the desk looks first (a 5 µs probe); if the lock is taken, a thread worker waits
for it and the scan is written on the UI thread as soon as it is free (the fold of the day and
every read of it stay on the UI thread, so nothing there needs a lock of its own). If the wait
runs out, the desk says so and writes nothing.
"""

from __future__ import annotations

from collections.abc import Callable

from console.ground.errors import LockTimeout
from console.ground.storage import FileLock

WAITING = "Nhật ký đang được một máy khác ghi (nhập danh sách?) — lượt này sẽ được ghi ngay khi xong…"


def journal_free(event) -> bool:
    """Nobody holds the journal's lock now (this process's own hold counts as free)."""
    lock = event.journal.lock
    if lock.held:
        return True
    try:
        with FileLock(lock.path, timeout=0)():
            return True
    except LockTimeout:
        return False


def when_free(node, event, then: Callable[[], None], gave_up: Callable[[str], None],
              waiting: Callable[[], None]) -> None:
    """Run `then` on the UI thread once the journal's lock is free (now, if it is). If it is not,
    `waiting` says so at once, and `gave_up` gets the sentence if it stays taken longer than
    the journal's own wait."""
    if journal_free(event):
        then()
        return
    waiting()
    app = node.app
    path, timeout = event.journal.lock.path, event.journal.lock.timeout

    def wait() -> None:
        try:
            with FileLock(path, timeout=timeout)():
                pass
        except LockTimeout as exc:
            app.call_from_thread(gave_up, f"{exc} Lượt này CHƯA được ghi: hãy quét lại.")
            return
        app.call_from_thread(then)

    node.run_worker(wait, thread=True, group="journal-wait", exit_on_error=False)
