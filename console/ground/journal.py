"""The append-only journal of the day: one fsync'd JSON line per action.

The day's state (who is in, where the agenda is, which batch was called) is a
fold over these lines, so the journal is at once the undo history, the crash
recovery, the audit trail and the source of the minutes.

Several processes append to one file. Each append runs under an exclusive
lock on the side file journal.lock (never on the journal itself: on Windows a
lock is mandatory, and every desk must go on reading it): the writer first
reads what others wrote since it last looked (so a decision such as "already
checked in?" sees every desk), then writes one line and fsyncs before it
acknowledges. Readers poll the file size and read only
the new bytes.

Each line carries `prev`, the keyed hash of the line before, and `h`, its own
keyed hash (HMAC with the event secret), so `verify` names a line edited,
removed or inserted by hand.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import hmac
import json
import os
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from console.ground.clock import SYSTEM, Clock, iso, parse_iso
from console.ground.errors import LockTimeout, UserError
from console.ground.storage import FileLock, disk_error, fsync_dir, lock_path_for

GENESIS = "0" * 24


@dataclass(frozen=True)
class Entry:
    n: int
    id: str
    at: str
    desk: str
    actor: str
    kind: str
    data: dict
    prev: str = GENESIS
    h: str = ""

    @property
    def time(self) -> datetime:
        return parse_iso(self.at)

    def as_dict(self) -> dict:
        return {
            "n": self.n, "id": self.id, "at": self.at, "desk": self.desk, "actor": self.actor,
            "kind": self.kind, "data": self.data, "prev": self.prev, "h": self.h,
        }


def _canonical_bytes(record: dict) -> bytes:
    body = {k: v for k, v in record.items() if k != "h"}
    return json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def line_hash(secret: bytes, record: dict) -> str:
    return hmac.new(secret, _canonical_bytes(record), hashlib.sha256).hexdigest()[:24]


@dataclass
class Problem:
    line: int  # 1-based line number in journal.jsonl
    message: str


# A decision made under the lock: given everything appended so far, what to write.
Decide = Callable[[list[Entry]], Iterable[tuple[str, dict]]]


@dataclass
class Journal:
    path: Path
    secret: bytes
    desk: str = "may-chu"
    actor: str = ""
    clock: Clock = field(default=SYSTEM)
    entries: list[Entry] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    _offset: int = 0
    _line_no: int = 0
    _ino: int | None = None
    replaced: bool = False  # the file was swapped or cut under this process: see `poll`
    _lock: FileLock | None = field(default=None, repr=False)

    @property
    def lock(self) -> FileLock:
        if self._lock is None:
            self._lock = FileLock(lock_path_for(self.path))
        return self._lock

    # --- reading --------------------------------------------------------------

    def poll(self) -> list[Entry]:
        """Read complete lines written since the last look. Cheap when nothing changed.

        A journal replaced (a backup restored, a copy from another laptop) or cut
        shorter while this process runs cannot be folded onto the state built from
        the old one: reading stops and `replaced` is set, so the event refuses to
        go on until the program is restarted on it.
        """
        if self.replaced:
            return []
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            return []
        size = st.st_size
        if self._offset and (size < self._offset or (self._ino is not None and st.st_ino != self._ino)):
            self.replaced = True
            return []
        self._ino = st.st_ino
        if size == self._offset:
            return []
        with open(self.path, "rb") as fh:
            fh.seek(self._offset)
            chunk = fh.read(size - self._offset)
        return self._consume(chunk)

    def _consume(self, chunk: bytes) -> list[Entry]:
        end = chunk.rfind(b"\n")
        if end < 0:
            return []  # a line still being written (or a torn tail, handled under the lock)
        new: list[Entry] = []
        for raw in chunk[: end + 1].split(b"\n")[:-1]:
            self._line_no += 1
            entry = self._parse(raw, self._line_no)
            if entry is not None:
                new.append(entry)
        self._offset += end + 1
        self.entries.extend(new)
        return new

    def _parse(self, raw: bytes, line_no: int) -> Entry | None:
        if not raw.strip():
            return None
        try:
            rec = json.loads(raw)
            entry = Entry(**rec)
            # Still JSON but with wrong fields (edited by hand, damaged): every fold and
            # message would trip over it, so it is set aside like an unreadable line.
            if not (isinstance(entry.n, int) and not isinstance(entry.n, bool) and isinstance(entry.kind, str)
                    and isinstance(entry.data, dict) and isinstance(entry.id, str) and isinstance(entry.desk, str)
                    and isinstance(entry.actor, str) and isinstance(entry.at, str)):
                raise TypeError
            parse_iso(entry.at)
            return entry
        except (ValueError, TypeError, UnicodeDecodeError):
            self.warnings.append(f"Dòng {line_no} của {self.path.name} không đọc được; đã bỏ qua (xem `hoinghi verify`).")
            return None

    # --- writing --------------------------------------------------------------

    def append(self, kind: str, data: dict, *, desk: str | None = None, actor: str | None = None) -> Entry:
        written = self.transact(lambda _entries: [(kind, data)], desk=desk, actor=actor)
        return written[0]

    def transact(self, decide: Decide, *, desk: str | None = None, actor: str | None = None) -> list[Entry]:
        """Under the lock: catch up, let `decide` choose lines, append and fsync them.

        Returns the entries written (acknowledged: they are on disk).
        """
        try:
            with self.lock():
                return self._transact_locked(decide, desk=desk, actor=actor)
        except LockTimeout:
            raise UserError(
                "Nhật ký đang bị một tiến trình khác giữ quá lâu. Hãy kiểm tra các máy bàn khác rồi thử lại."
            ) from None

    def _transact_locked(self, decide: Decide, *, desk: str | None, actor: str | None) -> list[Entry]:
        created = not self.path.exists()
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_APPEND | getattr(os, "O_BINARY", 0), 0o644)
        except OSError as exc:
            raise disk_error(self.path, exc) from exc
        try:
            self._repair_torn_tail(fd)
            self.poll()
            lines = list(decide(self.entries))
            written: list[Entry] = []
            payload = bytearray()
            prev = self.entries[-1].h if self.entries else GENESIS
            n = self.entries[-1].n if self.entries else 0
            for kind, data in lines:
                n += 1
                rec = {
                    "n": n, "id": uuid.uuid4().hex[:12], "at": iso(self.clock.now()),
                    "desk": desk or self.desk, "actor": actor if actor is not None else self.actor,
                    "kind": kind, "data": data, "prev": prev,
                }
                rec["h"] = line_hash(self.secret, rec)
                prev = rec["h"]
                payload += json.dumps(rec, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"
                written.append(Entry(**rec))
            if payload:
                try:
                    # A nearly full disk gives a short write, not an error: check the count.
                    if os.write(fd, bytes(payload)) != len(payload):
                        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
                    os.fsync(fd)
                except OSError as exc:
                    # Nothing acknowledged: cut back whatever part of the write landed.
                    with contextlib.suppress(OSError):
                        os.ftruncate(fd, self._offset)
                    raise disk_error(self.path, exc) from exc
                if created:
                    fsync_dir(self.path.parent)
                self.poll()
            return written
        finally:
            os.close(fd)

    def _repair_torn_tail(self, fd: int) -> None:
        """A crash mid-write can leave a last line without its newline.

        That line was never acknowledged (fsync comes before the answer), so it
        is moved aside to journal.jsonl.torn and cut off, with a warning.
        """
        size = os.fstat(fd).st_size
        if size == 0:
            return
        with open(self.path, "rb") as fh:
            fh.seek(max(0, size - 1))
            if fh.read(1) == b"\n":
                return
            window = min(size, 1 << 20)
            fh.seek(size - window)
            tail = fh.read(window)
        cut = tail.rfind(b"\n")
        keep = (size - window) + cut + 1 if cut >= 0 else 0
        with open(self.path, "rb") as fh:
            fh.seek(keep)
            torn = fh.read()
        side = self.path.with_name(self.path.name + ".torn")
        with open(side, "ab") as out:
            out.write(torn + b"\n")
            out.flush()
            os.fsync(out.fileno())
        os.ftruncate(fd, keep)
        os.fsync(fd)
        self.warnings.append(
            f"Dòng cuối của nhật ký bị ghi dở (máy tắt đột ngột); đã tách {len(torn)} byte sang {side.name}."
        )


def verify(path: Path, secret: bytes) -> tuple[int, list[Problem]]:
    """Check the hash chain. Returns (lines checked, problems naming the line)."""
    problems: list[Problem] = []
    try:
        raw_lines = Path(path).read_bytes().split(b"\n")
    except FileNotFoundError:
        return 0, []
    torn = raw_lines[-1] != b""
    if not torn:
        raw_lines = raw_lines[:-1]
    prev_h = GENESIS
    prev_n = 0
    for i, raw in enumerate(raw_lines, start=1):
        if torn and i == len(raw_lines):
            problems.append(Problem(i, "dòng cuối bị ghi dở (máy tắt đột ngột khi đang ghi); dòng này chưa từng được xác nhận"))
            break
        try:
            rec = json.loads(raw)
            if not isinstance(rec, dict):
                raise ValueError
        except (ValueError, UnicodeDecodeError):
            problems.append(Problem(i, "không phải JSON hợp lệ: dòng đã bị sửa tay hoặc hỏng"))
            continue
        if rec.get("h") != line_hash(secret, rec):
            problems.append(Problem(i, "nội dung không khớp chữ ký: dòng đã bị sửa hoặc được thêm vào bằng tay"))
        elif rec.get("prev") != prev_h:
            if rec.get("n") == prev_n + 1:
                problems.append(Problem(i, "không nối tiếp dòng trước: dòng trước đó đã bị sửa"))
            else:
                problems.append(Problem(i, f"thiếu dòng trước (số thứ tự nhảy từ {prev_n} lên {rec.get('n')}): có dòng đã bị xóa"))
        elif rec.get("n") != prev_n + 1:
            problems.append(Problem(i, f"số thứ tự {rec.get('n')} không liền sau {prev_n}"))
        prev_h = rec.get("h", "")
        prev_n = rec.get("n", prev_n + 1) if isinstance(rec.get("n"), int) else prev_n + 1
    return len(raw_lines), problems
