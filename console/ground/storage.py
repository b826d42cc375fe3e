"""Files that survive a kill -9 and several writers: atomic replace under a lock.

TinyDB's own JSONStorage rewrites its file in place, so two desks writing at
once, or a kill in the middle of a write, leaves a corrupt roster. Here every
write goes to a temporary file that is fsync'd and then `os.replace`d over the
old one (readers see the old or the new file, never half of one), and every
read-modify-write runs under one exclusive lock on a side file beside the data
(`roster.lock`, `journal.lock`), so no process ever loses another's write.

The lock is the OS's (ground/oslock.py: flock on POSIX, the `filelock` library's
msvcrt.locking on Windows; a process that dies drops its lock either way). Only side files are ever locked:
Windows locks are mandatory, and every desk must go on reading the data file.
Nothing here imports fcntl (a test imports the whole core with it blocked). The
Windows branches (no directory fsync, no fchmod, a retried replace) can be
forced with HOINGHI_FORCE_PORTABLE=1, so the suite runs once through them.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import msgspec
from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Table

from console.ground import oslock
from console.ground.errors import LockTimeout, UserError

LOCK_TIMEOUT_S = 15.0
FORCE_PORTABLE_ENV = "HOINGHI_FORCE_PORTABLE"
REPLACE_RETRY_S = 2.0  # a reader on Windows holds the file open for a few ms: wait that out, not forever


def portable_host() -> bool:
    """True on Windows, or when the portable path is forced (tests, CI's second run)."""
    return os.name == "nt" or os.environ.get(FORCE_PORTABLE_ENV) == "1"


def fsync_dir(folder: Path) -> None:
    """Make a rename or a new file durable. Windows cannot open a folder for fsync (and
    NTFS journals the rename itself); some network file systems refuse it: skip there."""
    if portable_host():
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError as exc:
        if exc.errno not in (errno.EINVAL, errno.ENOTSUP, errno.EBADF, errno.EACCES, errno.EPERM):
            raise
    finally:
        os.close(fd)


def _sharing_violation(exc: OSError) -> bool:
    # Windows: ERROR_ACCESS_DENIED (5) or ERROR_SHARING_VIOLATION (32) while another
    # process has the target open; on POSIX a PermissionError is never transient.
    return portable_host() and getattr(exc, "winerror", None) in (5, 32, None) and isinstance(exc, PermissionError)


def replace(src: str | Path, dst: str | Path, *, retry_s: float | None = None) -> None:
    """`os.replace`, retried briefly while another desk has `dst` open (Windows)."""
    deadline = time.monotonic() + (REPLACE_RETRY_S if retry_s is None else retry_s)
    delay = 0.002
    while True:
        try:
            os.replace(src, dst)
            return
        except OSError as exc:
            if not _sharing_violation(exc) or time.monotonic() > deadline:
                raise
        time.sleep(delay)
        delay = min(delay * 2, 0.05)


def disk_error(path: Path, exc: OSError) -> UserError:
    """A Vietnamese sentence for the OS errors people actually meet."""
    if exc.errno == errno.ENOSPC:
        return UserError(f"Ổ đĩa đã đầy, không ghi được {path}. Hãy giải phóng dung lượng rồi thử lại; dữ liệu cũ vẫn nguyên vẹn.")
    if exc.errno == errno.EROFS:
        # Permissions are not the cause: chmod cannot help on a read-only file system.
        return UserError(f"Không ghi được {path}: ổ đĩa này chỉ cho đọc (USB gạt khóa ghi, ổ mạng hoặc đĩa CD chỉ đọc, "
                         "hoặc hệ thống đã chuyển ổ sang chỉ đọc vì lỗi đĩa). Hãy gạt mở khóa ghi, hoặc chép thư mục "
                         "sự kiện sang một ổ ghi được rồi mở lại từ đó; dữ liệu cũ vẫn nguyên vẹn.")
    if exc.errno in (errno.EACCES, errno.EPERM):
        fix = ("Chuột phải thư mục → Properties → Security, cho người dùng này quyền Modify"
               if portable_host() else "Sửa quyền bằng chmod/chown, hoặc chạy bằng đúng người dùng sở hữu thư mục")
        return UserError(f"Không có quyền ghi {path} (thư mục {path.parent}). {fix}, rồi thử lại; "
                         "dữ liệu cũ vẫn nguyên vẹn.")
    return UserError(f"Lỗi ghi tệp {path}: {exc.strerror or exc}. Dữ liệu cũ vẫn nguyên vẹn; hãy thử lại.")


def atomic_write_bytes(path: Path, data: bytes, mode: int | None = None) -> None:
    """Write `data` to `path` so that a crash leaves the old file or the new one."""
    import tempfile  # (only on a write: not on every command's start-up)

    path = Path(path)
    try:  # the temp file is the first write: a read-only folder fails here, with its sentence
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise disk_error(path, exc) from exc
    try:
        try:
            # Windows has no owner/group/other bits (and no os.fchmod before 3.13): the
            # folder's ACL is what protects the key there.
            if mode is not None:
                if hasattr(os, "fchmod") and not portable_host():
                    os.fchmod(fd, mode)
                else:  # by name, which every OS has: on Windows only the read-only flag follows
                    os.chmod(tmp, mode)
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            replace(tmp, path)
            fsync_dir(path.parent)
        except OSError as exc:
            raise disk_error(path, exc) from exc
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)


def atomic_write_text(path: Path, text: str, mode: int | None = None) -> None:
    atomic_write_bytes(path, text.encode("utf-8"), mode)


def check_plain_file(path: Path, what: str) -> None:
    """A file the event reads or writes must be a plain file of ours, never followed through a link.

    A journal that is a symlink would be appended to wherever it points; a directory or a FIFO
    in its place makes an open fail or hang; a file of another user is someone else's. Missing
    is fine here (each caller says what a missing file means)."""
    import stat as st

    path = Path(path)
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise UserError(f"Không đọc được {what} {path}: {exc.strerror or exc}. Kiểm tra ổ đĩa và quyền thư mục.") from None
    if st.S_ISLNK(info.st_mode):
        target = os.readlink(path)
        raise UserError(f"{what.capitalize()} {path} là một liên kết (symlink) tới {target}: chương trình không đọc "
                        "hay ghi theo liên kết. Hãy chép tệp thật vào chỗ của liên kết rồi mở lại.")
    if not st.S_ISREG(info.st_mode):
        kind = ("một thư mục" if st.S_ISDIR(info.st_mode) else "một ống FIFO" if st.S_ISFIFO(info.st_mode)
                else "một thiết bị hay socket")
        raise UserError(f"{what.capitalize()} {path} là {kind}, không phải tệp thường. Hãy đổi tên hay chuyển nó đi "
                        "và đặt tệp đúng vào chỗ đó (từ bản sao lưu của thư mục hội nghị).")
    if hasattr(os, "geteuid") and not portable_host() and info.st_uid != os.geteuid():
        raise UserError(f"{what.capitalize()} {path} thuộc người dùng khác (uid {info.st_uid}), không phải người đang "
                        f"chạy chương trình (uid {os.geteuid()}). Hãy chạy bằng đúng tài khoản của thư mục hội nghị, "
                        "hoặc nhờ quản trị đổi chủ sở hữu (chown) cho cả thư mục.")


def lock_path_for(path: Path) -> Path:
    """The side file locked for `path` (roster.json → roster.lock, journal.jsonl → journal.lock)."""
    return Path(path).with_suffix(".lock")


class FileLock:
    """A blocking, re-entrant (per thread) exclusive lock on the side file `path`.

    Waits up to `timeout` seconds, then raises a Vietnamese `LockTimeout`
    instead of hanging a desk forever behind a stuck process.
    """

    POLL_S = 0.002

    def __init__(self, path: Path, timeout: float = LOCK_TIMEOUT_S):
        self.path = Path(path)
        self.timeout = timeout
        self._local = threading.local()  # each thread its own hold: two threads exclude each other

    @property
    def held(self) -> bool:
        return getattr(self._local, "depth", 0) > 0

    @contextlib.contextmanager
    def __call__(self) -> Iterator[None]:
        local = self._local
        if getattr(local, "depth", 0) > 0:
            local.depth += 1
            try:
                yield
            finally:
                local.depth -= 1
            return
        hold = getattr(local, "hold", None)
        if hold is None:
            hold = local.hold = oslock.hold_for(str(self.path), portable=portable_host())
        try:
            hold.acquire(self.timeout, self.POLL_S)
        except oslock.Busy:
            raise LockTimeout(
                f"Tệp {self.path.name} đang bị một tiến trình khác giữ quá {self.timeout:.0f} giây. "
                "Hãy kiểm tra các máy bàn khác rồi thử lại."
            ) from None
        except OSError as exc:
            raise disk_error(self.path, exc) from exc
        local.depth = 1
        try:
            yield
        finally:
            local.depth = 0
            hold.release()


class FreshTable(Table):
    """A table that never answers a search from memory: another desk may have written since."""

    def __init__(self, storage: Storage, name: str, cache_size: int = 0, persist_empty: bool = False):
        # (Table's own default is bound when TinyDB defines it: a class attribute would not reach it.)
        super().__init__(storage, name, cache_size=0, persist_empty=persist_empty)


class EventDB(TinyDB):
    table_class = FreshTable


_NO_TX = object()


class AtomicLockedStorage(Storage):
    """TinyDB storage: atomic replace on write; writes only under the lock.

    TinyDB writes the whole file after every operation, so replacing a table with its
    own `truncate` + `insert_multiple` would be two writes, and a reader between them
    would see an empty roster. Inside `transaction()` TinyDB's reads and writes go to
    one copy read under the lock, written back once at the end (or not at all if the
    block fails: nothing half-done is ever on disk).
    """

    def __init__(self, path: str | Path, lock: FileLock):
        self.path = Path(path)
        self.lock = lock
        self._tx = threading.local()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        with self.lock():
            if getattr(self._tx, "data", _NO_TX) is not _NO_TX:
                yield  # nested: the outer transaction writes
                return
            self._tx.data, self._tx.dirty = self._read_file(), False
            try:
                yield
                if self._tx.dirty:
                    self._write_file(self._tx.data)
            finally:
                self._tx.data = _NO_TX

    @contextlib.contextmanager
    def snapshot(self) -> Iterator[None]:
        """Several TinyDB reads from one read of the file (no lock: a replace is atomic)."""
        if getattr(self._tx, "data", _NO_TX) is not _NO_TX:
            yield
            return
        self._tx.data, self._tx.dirty = self._read_file(), False
        try:
            yield
            if self._tx.dirty:
                raise RuntimeError("roster writes must run inside a transaction, not a snapshot")
        finally:
            self._tx.data = _NO_TX

    def read(self) -> dict | None:
        data = getattr(self._tx, "data", _NO_TX)
        return self._read_file() if data is _NO_TX else data

    def write(self, data: dict) -> None:
        if getattr(self._tx, "data", _NO_TX) is not _NO_TX:
            self._tx.data, self._tx.dirty = data, True
            return
        if not self.lock.held:
            raise RuntimeError("roster writes must run inside the storage lock")
        self._write_file(data)

    def _read_file(self) -> dict | None:
        data = self._decode(None)
        if data is not None and not isinstance(data, dict):
            raise self._damaged("không phải một đối tượng JSON")
        return data

    def read_as(self, shape):
        """The file decoded straight into `shape` (a msgspec type: records, not dicts), or None when
        there is no file yet. A file that is not JSON says so as `read` does; one whose values do not
        fit `shape` raises msgspec.ValidationError (the caller reads it the tolerant way instead)."""
        data = getattr(self._tx, "data", _NO_TX)
        if data is not _NO_TX:  # inside a transaction or snapshot: what it holds, not the file
            return msgspec.convert(data, shape) if data is not None else None
        return self._decode(shape)

    def _decode(self, shape):
        """The file's JSON (into `shape` when given: 2–3× the standard parser on a 20,000-person
        roster), or None for a missing or empty file."""
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return None
        if not raw.strip():
            return None
        try:
            return msgspec.json.decode(raw) if shape is None else msgspec.json.decode(raw, type=shape)
        except msgspec.ValidationError:
            raise  # JSON, but not of that shape
        except (ValueError, UnicodeDecodeError) as exc:
            raise self._damaged(exc) from exc

    def _damaged(self, why) -> UserError:
        return UserError(f"Tệp dữ liệu {self.path} bị hỏng (không phải JSON hợp lệ: {why}). "
                         "Hãy khôi phục từ bản sao lưu hoặc nhập lại danh sách.")

    def _write_file(self, data: dict) -> None:
        payload = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        atomic_write_text(self.path, payload)

    def close(self) -> None:
        pass


def open_db(path: Path) -> tuple[EventDB, FileLock]:
    """A TinyDB on `path` with its lock; change it inside `db.storage.transaction()`."""
    lock = FileLock(lock_path_for(path))
    db = EventDB(path, storage=AtomicLockedStorage, lock=lock)
    return db, lock
