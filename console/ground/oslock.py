"""The OS's exclusive lock on a side file, for one process at a time (and one thread).

Two ways to the same lock, chosen once per process:
  POSIX  `fcntl.flock` on a descriptor opened for the hold and closed after it — 4 µs
         to take and give back, and nothing to import.
  other  `filelock` (msvcrt.locking on Windows), the well-kept portable library; also the
         way taken wherever `fcntl` cannot be imported, and when HOINGHI_FORCE_PORTABLE=1,
         so CI's second pass runs the suite through it on Linux.
Why not filelock everywhere: it costs ~30 ms to import (a quarter of a whole `hoinghi
checkin`) and ~110 µs a hold here — more than the disk's own fsync of a journal line.

Either way the OS drops the lock when the process dies: a desk killed mid-write never
leaves the others locked out. flock belongs to the open file description, so two threads
of one process (each opening its own descriptor) exclude each other too, as two processes do.
"""

from __future__ import annotations

import os
import time


class Busy(Exception):
    """Still held by someone else when the wait ran out."""


class _FlockHold:
    def __init__(self, path: str, fcntl) -> None:
        self.path = path
        self._fcntl = fcntl
        self._fd: int | None = None

    def acquire(self, timeout: float, poll: float) -> None:
        fcntl = self._fcntl
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o644)
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                self._fd = fd
                return
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    os.close(fd)
                    raise Busy(self.path) from None
                time.sleep(poll)
            except OSError:
                os.close(fd)
                raise

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is not None:
            try:
                self._fcntl.flock(fd, self._fcntl.LOCK_UN)
            finally:
                os.close(fd)


class _PortableHold:
    def __init__(self, path: str) -> None:
        import filelock

        self._filelock = filelock
        self._lock = filelock.FileLock(path, thread_local=True)

    def acquire(self, timeout: float, poll: float) -> None:
        try:
            self._lock.acquire(timeout=timeout, poll_interval=poll)
        except self._filelock.Timeout:
            raise Busy(self._lock.lock_file) from None

    def release(self) -> None:
        self._lock.release()


def _flock_module(portable: bool):
    if portable:
        return None
    try:
        import fcntl
    except ImportError:  # Windows, or a host without it: the portable library
        return None
    return fcntl if hasattr(fcntl, "flock") else None


def hold_for(path: str, *, portable: bool):
    """A new, not yet taken hold on the side file `path` (one per thread that locks).
    `portable`: take the portable library's way (Windows, or forced: storage.portable_host)."""
    fcntl = _flock_module(portable)
    return _FlockHold(path, fcntl) if fcntl is not None else _PortableHold(path)
