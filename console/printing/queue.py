"""The print queue: one JSON file per job in `print-queue/` of the event folder.

Never lose a job: a job is a file written atomically (temp + fsync + rename)
before anyone is told "queued"; it stays, marked done, after printing; a
failed attempt only records the error and the time of the next try. Never
double one: the id of a badge job is fixed by who and which badge version
(`badge-0042-v2`), so asking twice finds the existing file; a worker claims a
job under the queue's lock with a lease, so two desks' workers never send the
same job, and a worker killed mid-job lets its lease run out for another
(or `retry` takes its job back at once when that worker's process is gone).

"Done" (đã in) means the printer confirmed it took every byte; a job whose
bytes all went out to a printer that never confirmed is "sent" (đã gửi, chưa
xác nhận): not retried by itself (it may well have printed), never counted as
printed, retried when someone says so.

Every time comes from an injected clock (epoch seconds), so tests decide when
a retry is due instead of racing a real back-off.

A printer that is off fails its job, not the others: the worker skips that
printer until the retry time and goes on with the other printers' jobs.
"""

from __future__ import annotations

import json
import os
import re
import socket
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from console.ground.clock import VN_TZ
from console.ground.errors import UserError
from console.ground.storage import FileLock, atomic_write_text

QUEUE_DIR = "print-queue"
STATUS_FILE = "printers.json"
PENDING, PRINTING, DONE, SENT, CANCELLED = "pending", "printing", "done", "sent", "cancelled"
STATUS_LABELS = {PENDING: "chờ in", PRINTING: "đang in", DONE: "đã in", SENT: "đã gửi, chưa xác nhận",
                 CANCELLED: "đã hủy"}
KIND_LABELS = {"badge": "Thẻ đại biểu", "certificate": "Phiếu nhận khen thưởng", "callsheet": "Phiếu gọi lên sân khấu",
               "mc_list": "Danh sách cho MC", "test": "Trang in thử"}
BACKOFF = (2, 5, 10, 20, 30)  # seconds before retry n (then every 30 s)

_ID_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{0,80}$")


def _iso(epoch: float) -> str:
    return datetime.fromtimestamp(epoch, VN_TZ).isoformat(timespec="seconds")


def _host() -> str:
    return socket.gethostname().split(".")[0]


def owner_tag() -> str:
    return f"{_host()}:{os.getpid()}"


def owner_gone(tag: str) -> bool:
    """The worker that leased a job was a process on this machine that no longer runs.

    Only this machine's processes can be looked at; a lease held from another
    desk's machine runs out on its own.
    """
    host, _, pid = tag.rpartition(":")
    if host != _host() or not pid.isdigit() or int(pid) == os.getpid():
        return False
    import psutil  # portable (Windows too): os.kill(pid, 0) would kill the process there

    return not psutil.pid_exists(int(pid))


@dataclass
class Job:
    id: str
    kind: str
    printer: str
    data: dict
    status: str = PENDING
    seq: int = 0
    created: str = ""
    attempts: int = 0
    error: str = ""
    error_code: str = ""
    next_try: float = 0.0  # epoch seconds
    lease_owner: str = ""
    lease_until: float = 0.0
    done_at: str = ""
    printed_on: str = ""
    reprint: bool = False
    reason: str = ""
    title: str = ""  # what a person reads in the queue: "Thẻ 0042 Nguyễn Văn A"

    def to_dict(self) -> dict:
        return dict(self.__dict__)

    @classmethod
    def from_dict(cls, d: dict) -> Job:
        return cls(**{k: d[k] for k in cls.__dataclass_fields__ if k in d})

    @property
    def status_label(self) -> str:
        if self.status == PENDING and self.error:
            return "chờ in lại"
        return STATUS_LABELS.get(self.status, self.status)

    def due(self, now: float) -> bool:
        if self.status == PENDING:
            return self.next_try <= now
        return self.status == PRINTING and self.lease_until < now  # its worker died


class PrintQueue:
    def __init__(self, event_folder: Path, *, clock: Callable[[], float] = time.time):
        self.folder = Path(event_folder)
        self.dir = self.folder / QUEUE_DIR
        self.lock = FileLock(self.dir / ".lock")
        self.clock = clock  # epoch seconds

    def _ensure(self) -> None:
        try:
            self.dir.mkdir(exist_ok=True)
        except OSError as exc:
            raise UserError(f"Không tạo được thư mục hàng đợi in {self.dir}: {exc.strerror}.") from None

    def _path(self, job_id: str) -> Path:
        return self.dir / f"{job_id}.json"

    # --- reading -----------------------------------------------------------------

    def get(self, job_id: str) -> Job | None:
        try:
            return Job.from_dict(json.loads(self._path(job_id).read_text(encoding="utf-8")))
        except FileNotFoundError:
            return None
        except (ValueError, TypeError, UnicodeDecodeError):
            return None  # a damaged file is skipped, never deleted: a person can look at it

    def jobs(self) -> list[Job]:
        if not self.dir.is_dir():
            return []
        out = []
        for p in self.dir.glob("*.json"):
            if p.name == STATUS_FILE:
                continue
            job = self.get(p.stem)
            if job is not None:
                out.append(job)
        out.sort(key=lambda j: (j.seq, j.id))
        return out

    def exists(self, job_id: str) -> bool:
        return self._path(job_id).exists()

    # --- writing -----------------------------------------------------------------

    def _write(self, job: Job) -> None:
        atomic_write_text(self._path(job.id), json.dumps(job.to_dict(), ensure_ascii=False, indent=1))

    def add(self, kind: str, printer: str, data: dict, *, job_id: str | None = None, title: str = "",
            reprint: bool = False, reason: str = "") -> tuple[Job, bool]:
        """Queue a job. With a fixed `job_id` already queued: (that job, False), nothing added."""
        self._ensure()
        job_id = job_id or f"{kind}-{uuid.uuid4().hex[:10]}"
        if not _ID_RE.match(job_id):
            raise ValueError(f"bad job id {job_id!r}")
        with self.lock():
            old = self.get(job_id)
            if old is not None or self._path(job_id).exists():
                return old or Job(job_id, kind, printer, data), False
            job = Job(id=job_id, kind=kind, printer=printer, data=data, seq=time.time_ns(), created=_iso(self.clock()),
                      title=title, reprint=reprint, reason=reason)
            self._write(job)
        return job, True

    def claim(self, job_id: str, lease_s: float, now: float | None = None) -> Job | None:
        """Take a due job for printing (under the lock): None if someone else has it."""
        now = self.clock() if now is None else now
        with self.lock():
            job = self.get(job_id)
            if job is None or not job.due(now):
                return None
            job.status, job.lease_owner, job.lease_until = PRINTING, owner_tag(), now + lease_s
            job.attempts += 1
            self._write(job)
            return job

    def finish(self, job: Job, where: str, *, confirmed: bool = True) -> None:
        """Every byte went out: DONE when the printer confirmed it, SENT when it never said."""
        with self.lock():
            current = self.get(job.id) or job
            current.status = DONE if confirmed else SENT
            current.done_at, current.printed_on = _iso(self.clock()), where
            current.error = current.error_code = ""
            current.lease_owner, current.lease_until = "", 0.0
            self._write(current)

    def fail(self, job: Job, code: str, message: str, now: float | None = None) -> Job:
        now = self.clock() if now is None else now
        with self.lock():
            current = self.get(job.id) or job
            if current.status == PRINTING:
                current.status = PENDING
            current.error, current.error_code = message, code
            current.next_try = now + BACKOFF[min(len(BACKOFF), max(1, current.attempts)) - 1]
            current.lease_owner, current.lease_until = "", 0.0
            self._write(current)
            return current

    def _update(self, job_id: str, change) -> Job:
        with self.lock():
            job = self.get(job_id)
            if job is None:
                raise UserError(f"Không có lệnh in “{job_id}” trong hàng đợi (xem `hoinghi print-status`).")
            change(job)
            self._write(job)
            return job

    def stranded(self, job: Job, now: float | None = None) -> bool:
        """A job left "printing" by a worker that is gone (its lease ran out, or its process died)."""
        now = self.clock() if now is None else now
        return job.status == PRINTING and (job.lease_until < now or owner_gone(job.lease_owner))

    def retry(self, job_id: str | None = None) -> int:
        """Try again now: one job, or every waiting job (and those a killed worker left "printing")."""
        if job_id:
            ids = [job_id]
        else:
            ids = [j.id for j in self.jobs()
                   if (j.status == PENDING and j.next_try > 0) or self.stranded(j)]
        for i in ids:
            def change(j):
                if j.status == DONE:
                    raise UserError(f"Lệnh in “{j.id}” đã in xong. Cần thẻ mới: F10 ở màn hình Đón tiếp "
                                    "(hoặc lệnh `hoinghi reprint`).")
                if j.status == PRINTING:
                    if not self.stranded(j):
                        raise UserError(f"Lệnh in “{j.id}” đang được gửi tới máy in ({j.lease_owner}); "
                                        "chờ vài giây rồi xem lại bằng `hoinghi print-status`.")
                    j.status, j.lease_owner, j.lease_until = PENDING, "", 0.0
                    j.error = j.error or "Lần in trước bị ngắt (chương trình in đã dừng giữa chừng)."
                if j.status in (CANCELLED, SENT):  # SENT: someone saw no paper come out
                    j.status = PENDING
                j.next_try = 0.0
            self._update(i, change)
        return len(ids)

    def move(self, job_id: str, printer: str) -> Job:
        def change(j):
            if j.status == DONE:
                raise UserError(f"Lệnh in “{j.id}” đã in xong, không chuyển được.")
            if j.status == PRINTING and not self.stranded(j):
                raise UserError(f"Lệnh in “{j.id}” đang được gửi tới máy in; chờ vài giây rồi chuyển.")
            j.status, j.printer, j.next_try = PENDING, printer, 0.0
        return self._update(job_id, change)

    def move_all(self, from_printer: str, to_printer: str) -> int:
        moved = 0
        for j in self.jobs():
            if j.printer == from_printer and j.status == PENDING:
                self.move(j.id, to_printer)
                moved += 1
        return moved

    def cancel(self, job_id: str) -> Job:
        def change(j):
            if j.status == DONE:
                raise UserError(f"Lệnh in “{j.id}” đã in xong, không hủy được.")
            j.status = CANCELLED
        return self._update(job_id, change)

    # --- printer status ------------------------------------------------------------

    def printer_status(self) -> dict:
        try:
            return json.loads((self.dir / STATUS_FILE).read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError, UnicodeDecodeError):
            return {}

    def set_printer_status(self, name: str, state: str, message: str = "", code: str = "") -> None:
        self._ensure()
        with self.lock():
            status = self.printer_status()
            status[name] = {"state": state, "message": message, "code": code, "at": _iso(self.clock())}
            atomic_write_text(self.dir / STATUS_FILE, json.dumps(status, ensure_ascii=False, indent=1))

    def summary(self) -> dict:
        jobs = self.jobs()
        counts = {s: 0 for s in STATUS_LABELS}
        per_printer: dict[str, dict] = {}
        for j in jobs:
            counts[j.status] = counts.get(j.status, 0) + 1
            p = per_printer.setdefault(j.printer, {s: 0 for s in STATUS_LABELS})
            p[j.status] = p.get(j.status, 0) + 1
        return {"counts": counts, "per_printer": per_printer, "total": len(jobs)}
