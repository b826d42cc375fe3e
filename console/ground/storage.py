"""Files that survive a kill -9 and several writers: atomic replace under flock.

TinyDB's own JSONStorage rewrites its file in place, so two desks writing at
once, or a kill in the middle of a write, leaves a corrupt roster. Here every
write goes to a temporary file that is fsync'd and then `os.replace`d over the
old one (readers see the old or the new file, never half of one), and every
read-modify-write runs under one blocking `fcntl.flock` on a lock file beside
the data, so no process ever loses another's write.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from tinydb import TinyDB
from tinydb.storages import Storage

from console.ground.errors import LockTimeout, UserError

LOCK_TIMEOUT_S = 15.0


def fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def disk_error(path: Path, exc: OSError) -> UserError:
    """A Vietnamese sentence for the OS errors people actually meet."""
    if exc.errno == errno.ENOSPC:
        return UserError(f"Ổ đĩa đã đầy, không ghi được {path}. Hãy giải phóng dung lượng rồi thử lại; dữ liệu cũ vẫn nguyên vẹn.")
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return UserError(f"Không có quyền ghi {path}. Hãy kiểm tra quyền thư mục sự kiện (chmod/chown) rồi thử lại.")
    return UserError(f"Lỗi ghi tệp {path}: {exc.strerror or exc}. Dữ liệu cũ vẫn nguyên vẹn; hãy thử lại.")


def atomic_write_bytes(path: Path, data: bytes, mode: int | None = None) -> None:
    """Write `data` to `path` so that a crash leaves the old file or the new one."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        try:
            if mode is not None:
                os.fchmod(fd, mode)
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, path)
            fsync_dir(path.parent)
        except OSError as exc:
            raise disk_error(path, exc) from exc
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)


def atomic_write_text(path: Path, text: str, mode: int | None = None) -> None:
    atomic_write_bytes(path, text.encode("utf-8"), mode)


class FileLock:
    """A blocking, re-entrant (per thread) exclusive flock on `path`.

    Waits up to `timeout` seconds, then raises a Vietnamese `LockTimeout`
    instead of hanging a desk forever behind a stuck process.
    """

    def __init__(self, path: Path, timeout: float = LOCK_TIMEOUT_S):
        self.path = Path(path)
        self.timeout = timeout
        self._local = threading.local()

    @property
    def held(self) -> bool:
        return getattr(self._local, "depth", 0) > 0

    @contextlib.contextmanager
    def __call__(self) -> Iterator[None]:
        if self.held:
            self._local.depth += 1
            try:
                yield
            finally:
                self._local.depth -= 1
            return
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            deadline = time.monotonic() + self.timeout
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise LockTimeout(
                            f"Tệp {self.path.name} đang bị một tiến trình khác giữ quá {self.timeout:.0f} giây. "
                            "Hãy kiểm tra các máy bàn khác rồi thử lại."
                        ) from None
                    time.sleep(0.002)
            self._local.depth = 1
            try:
                yield
            finally:
                self._local.depth = 0
                fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)


class AtomicLockedStorage(Storage):
    """TinyDB storage: atomic replace on write; writes only inside `lock()`.

    Use through `open_db()`; every mutation must be wrapped in `with db_lock():`
    so the read that TinyDB does before its write sees the latest file.
    """

    def __init__(self, path: str | Path, lock: FileLock):
        self.path = Path(path)
        self.lock = lock

    def read(self) -> dict | None:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return None
        if not raw.strip():
            return None
        try:
            return json.loads(raw)
        except (ValueError, UnicodeDecodeError) as exc:
            raise UserError(
                f"Tệp dữ liệu {self.path} bị hỏng (không phải JSON hợp lệ: {exc}). "
                "Hãy khôi phục từ bản sao lưu hoặc nhập lại danh sách."
            ) from exc

    def write(self, data: dict) -> None:
        if not self.lock.held:
            raise RuntimeError("roster writes must run inside the storage lock")
        payload = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        atomic_write_text(self.path, payload)

    def close(self) -> None:
        pass


def open_db(path: Path) -> tuple[TinyDB, FileLock]:
    """A TinyDB on `path` with its lock. Tables must be opened with cache_size=0."""
    lock = FileLock(Path(path).with_suffix(".lock"))
    db = TinyDB(path, storage=AtomicLockedStorage, lock=lock)
    return db, lock
