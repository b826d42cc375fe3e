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

Here: the reading and writing of lines. What a line is (`Entry`, its hash) is in
journal_line.py; the alarms about a cut or replaced journal, and `verify`, in
journal_check.py.
"""

from __future__ import annotations

import contextlib
import errno
import hmac
import json
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import msgspec

from console.ground import seal
from console.ground.clock import SYSTEM, Clock, iso, parse_iso
from console.ground.errors import LockTimeout, UserError
from console.ground.journal_line import GENESIS, Entry, line_hash
from console.ground.storage import FileLock, check_plain_file, disk_error, fsync_dir, lock_path_for


@dataclass
class Problem:
    line: int  # 1-based line number in journal.jsonl
    message: str


# A decision made under the lock, the journal caught up: what to write.
Decide = Callable[["Journal"], Iterable[tuple[str, dict]]]


@dataclass
class Chain:
    """Where reading has got to: enough to go on reading, or to resume from a checkpoint."""
    offset: int = 0  # bytes read (always at a line's end)
    line_no: int = 0  # lines read
    head_n: int = 0  # sequence number of the last accepted line
    head_h: str = GENESIS  # its keyed hash: the next line written chains onto it
    broken: bool = False  # lines set aside since the last accepted one (they explain a break in the chain)


@dataclass
class Journal:
    """One process's view of the journal: reads each line once, checking it as it goes.

    A line is accepted (given to the folds) only when its signature is right. A line
    that fails it is rejected — never folded, named in `problems`, counted in
    `rejected` — so a forged check-in does not move the counts. Breaks in the chain
    (a line removed) are named too; the lines after a break are authentic and folded.
    Accepted entries are handed out once (`drain`) and not kept, unless someone asks
    for `entries` (the record, the vote), which reads them back from the file.
    """
    path: Path
    secret: bytes
    desk: str = "may-chu"
    actor: str = ""
    clock: Clock = field(default=SYSTEM)
    warnings: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    rejected: int = 0
    chain: Chain = field(default_factory=Chain)
    _ino: int | None = None
    replaced: bool = False  # the file was swapped or cut under this process: see `poll`
    _lock: FileLock | None = field(default=None, repr=False)
    _kept: list[Entry] | None = field(default=None, repr=False)
    _unfolded: list[Entry] = field(default_factory=list, repr=False)
    _watch_n: int | None = field(default=None, repr=False)  # a line number whose hash `watched_h` records
    watched_h: str | None = None
    batch: int | None = None  # at most this many entries a poll (a long journal is folded in pieces)
    more: bool = False  # the last poll stopped at `batch` with lines still to read

    @property
    def lock(self) -> FileLock:
        if self._lock is None:
            self._lock = FileLock(lock_path_for(self.path))
        return self._lock

    @property
    def head_n(self) -> int:
        return self.chain.head_n

    @property
    def lines(self) -> int:
        return self.chain.line_no

    def watch(self, n: int) -> None:
        """Remember the hash of accepted line `n` when it is read (the seal's check)."""
        self._watch_n = n
        self.watched_h = GENESIS if n == 0 else None

    # --- reading --------------------------------------------------------------

    @property
    def entries(self) -> list[Entry]:
        """Every accepted entry so far. Read back from the file on first use, then kept up to
        date; a desk never asks, so it never holds the day in memory."""
        if self._kept is None:
            scratch = Journal(self.path, self.secret)
            kept: list[Entry] = []
            if self.chain.offset:  # nothing written yet: no file to read (a fresh `init`)
                scratch._read_until(self.chain.offset, kept)
            self._kept = kept
        return self._kept

    def drain(self) -> list[Entry]:
        """Entries accepted since the last drain, for the folds (each handed out once)."""
        out, self._unfolded = self._unfolded, []
        return out

    def poll(self) -> list[Entry]:
        """Read complete lines written since the last look. Cheap when nothing changed.

        A journal replaced (a backup restored, a copy from another laptop) or cut
        shorter while this process runs cannot be folded onto the state built from
        the old one: reading stops and `replaced` is set, so the event refuses to
        go on until the program is restarted on it.
        """
        # Nothing more unless this read stops at `batch` again: a batch that ended exactly at the
        # end of the file left `more` set, and every desk opening a journal of 100,000 lines
        # (25 batches of 4,000) polled for ever.
        self.more = False
        if self.replaced:
            return []
        try:
            st = os.lstat(self.path)  # a symlink put in its place is another file, not followed
        except FileNotFoundError:
            if self.chain.offset:
                self.replaced = True
            return []
        size = st.st_size
        offset = self.chain.offset
        if offset and (size < offset or (self._ino is not None and st.st_ino != self._ino)):
            self.replaced = True
            return []
        self._ino = st.st_ino
        if size == offset:
            return []
        new: list[Entry] = []
        self.more = self._read_until(size, new, most=self.batch)
        if self._kept is not None:
            self._kept.extend(new)
        self._unfolded.extend(new)
        return new

    def _read_until(self, size: int, out: list[Entry], block: int = 1 << 22, most: int | None = None) -> bool:
        """Read whole lines from `chain.offset` up to `size`, in blocks (bounded memory).

        Stops early once `most` entries are in `out`; True if it did (more to read)."""
        with open(self.path, "rb") as fh:
            fh.seek(self.chain.offset)
            while self.chain.offset < size:
                chunk = fh.read(min(block, size - self.chain.offset))
                if not chunk:
                    return False
                end = chunk.rfind(b"\n")
                if end < 0:
                    if len(chunk) < block:
                        return False  # a line still being written (or a torn tail, handled under the lock)
                    block *= 2  # one line longer than a block: read more at once
                    fh.seek(self.chain.offset)
                    continue
                pos = 0
                while pos <= end:
                    nl = chunk.index(b"\n", pos)
                    self.chain.line_no += 1
                    entry = self._accept(chunk[pos:nl], self.chain.line_no)
                    self.chain.offset += nl + 1 - pos
                    pos = nl + 1
                    if entry is not None:
                        out.append(entry)
                        if most is not None and len(out) >= most:
                            return True
                fh.seek(self.chain.offset)
        return False

    def _set_aside(self, line_no: int, problem: str, warning: str) -> None:
        self.problems.append(Problem(line_no, problem))
        self.warnings.append(warning)
        self.chain.broken = True

    def _accept(self, raw: bytes, line_no: int) -> Entry | None:
        if not raw.strip():
            return None
        name = self.path.name
        try:
            rec = msgspec.json.decode(raw)  # (the signature is still checked over json.dumps's bytes)
            if not isinstance(rec, dict):
                raise ValueError
        except (ValueError, UnicodeDecodeError):
            self._set_aside(line_no, "không phải JSON hợp lệ: dòng đã bị sửa tay hoặc hỏng",
                            f"Dòng {line_no} của {name} không đọc được; đã bỏ qua (xem `hoinghi verify`).")
            return None
        if not hmac.compare_digest(str(rec.get("h", "")), line_hash(self.secret, rec)):
            self.rejected += 1
            self._set_aside(line_no, "nội dung không khớp chữ ký: dòng đã bị sửa hoặc được thêm vào bằng tay; không được tính",
                            f"Dòng {line_no} của {name} sai chữ ký (bị sửa hoặc thêm bằng tay): không được tính "
                            "vào số liệu (xem `hoinghi verify`).")
            return None
        try:
            entry = Entry(**rec)
            # Signed but with wrong fields: every fold and message would trip over it.
            if not (isinstance(entry.n, int) and not isinstance(entry.n, bool) and isinstance(entry.kind, str)
                    and isinstance(entry.data, dict) and isinstance(entry.id, str) and isinstance(entry.desk, str)
                    and isinstance(entry.actor, str) and isinstance(entry.at, str) and isinstance(entry.prev, str)):
                raise TypeError
            parse_iso(entry.at)
        except (ValueError, TypeError):
            self._set_aside(line_no, "dữ liệu dòng không đúng dạng (thời gian, số thứ tự…)",
                            f"Dòng {line_no} của {name} không đọc được; đã bỏ qua (xem `hoinghi verify`).")
            return None
        c = self.chain
        if not c.broken:  # a break right after lines set aside is already explained by them
            if entry.prev != c.head_h:
                if entry.n == c.head_n + 1:
                    self.problems.append(Problem(line_no, "không nối tiếp dòng trước: dòng trước đó đã bị sửa"))
                else:
                    self.problems.append(Problem(line_no, f"thiếu dòng trước (số thứ tự nhảy từ {c.head_n} lên {entry.n}): "
                                                          "có dòng đã bị xóa"))
            elif entry.n != c.head_n + 1:
                self.problems.append(Problem(line_no, f"số thứ tự {entry.n} không liền sau {c.head_n}"))
        c.broken = False
        c.head_n, c.head_h = entry.n, entry.h
        if entry.n == self._watch_n:
            self.watched_h = entry.h
        return entry

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
            # Never through a symlink: the day would be appended to wherever it points.
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_APPEND | getattr(os, "O_BINARY", 0)
                         | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0), 0o644)
        except OSError as exc:
            if exc.errno == errno.ELOOP or os.path.islink(self.path):
                check_plain_file(self.path, "nhật ký")
            raise disk_error(self.path, exc) from exc
        try:
            check_plain_file(self.path, "nhật ký")  # a FIFO or a device opens, but is not the journal
        except UserError:
            os.close(fd)
            raise
        try:
            self._repair_torn_tail(fd)
            self.poll()
            while self.more and not self.replaced:  # (a poll stops at `batch`: the line must follow the last)
                self.poll()
            if self.replaced:
                raise UserError(f"Nhật ký {self.path.name} đã bị thay trong lúc chương trình đang chạy; "
                                "máy này không ghi gì thêm. Hãy đóng và mở lại chương trình.")
            lines = list(decide(self))
            written: list[Entry] = []
            payload = bytearray()
            raws: list[bytes] = []
            prev, n = self.chain.head_h, self.chain.head_n
            for kind, data in lines:
                n += 1
                rec = {
                    "n": n, "id": os.urandom(6).hex(), "at": iso(self.clock.now()),  # (uuid4().hex[:12], without uuid)
                    "desk": desk or self.desk, "actor": actor if actor is not None else self.actor,
                    "kind": kind, "data": data, "prev": prev,
                }
                rec["h"] = line_hash(self.secret, rec)
                prev = rec["h"]
                raw = json.dumps(rec, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
                raws.append(raw)
                payload += raw + b"\n"
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
                        os.ftruncate(fd, self.chain.offset)
                    raise disk_error(self.path, exc) from exc
                if created:
                    fsync_dir(self.path.parent)
                self._advance(fd, len(payload), raws)
                self._reseal()
            return written
        finally:
            os.close(fd)

    def _advance(self, fd: int, size: int, raws: list[bytes]) -> None:
        """Our own lines, just written under the lock, taken as read — the file is exactly what it was
        plus them — without reading them back and checking the signatures we made (a third of a
        check-in's own time). Each entry is its line parsed again: no fold shares the caller's dicts."""
        c = self.chain
        if os.fstat(fd).st_size != c.offset + size:
            self.poll()  # anything else (cannot happen under the lock): read it as any other line
            return
        for raw in raws:
            entry = Entry(**msgspec.json.decode(raw))
            c.line_no += 1
            c.head_n, c.head_h = entry.n, entry.h
            if entry.n == self._watch_n:
                self.watched_h = entry.h
            if self._kept is not None:
                self._kept.append(entry)
            self._unfolded.append(entry)
        c.offset += size
        c.broken = False

    def reseal_quietly(self) -> None:
        with contextlib.suppress(OSError, UserError), self.lock():
            self._reseal()

    def _reseal(self) -> None:
        """After the fsync, under the lock: the seal now says this long (see console/ground/seal.py)."""
        try:
            seal.write(seal.seal_path(self.path), self.secret,
                       seal.Seal(self.chain.head_n, self.chain.head_h, self.chain.offset, iso(self.clock.now())))
        except OSError as exc:
            # The line is on disk and acknowledged; a seal that could not follow is only older.
            self.warnings.append(f"Không cập nhật được {seal.seal_path(self.path).name} ({exc.strerror or exc}).")

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
