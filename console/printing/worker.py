"""The background printer: takes due jobs from the queue and sends them, one at a time.

`run_once()` is one pass (tests and the CLI call it directly); `start()` runs
passes in a daemon thread so a desk never waits for paper to come out. Slips
are rendered just before sending, so a job follows its printer's width.

Time is injected (`clock`: epoch seconds, `sleep`): the back-off between
attempts is decided by the clock a test holds, never by how loaded the
machine is.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from console.ground.errors import UserError
from console.printing.jobs import render_job, resolve
from console.printing.printers import DEFAULT_TIMEOUT, PrintError, deliver
from console.printing.queue import PENDING, PRINTING, Job, PrintQueue

CLI_ATTEMPTS = 3  # `badges`/`reprint` try a failing job this many times before giving up with the sentence


@dataclass
class Attempt:
    job: Job
    ok: bool  # every byte went out (and `confirmed` says whether the printer said it took them)
    where: str = ""
    code: str = ""
    message: str = ""
    confirmed: bool = False


class PrintWorker:
    def __init__(self, folder: Path, printers: dict[str, str], *, width: int = 80,
                 timeout: float = DEFAULT_TIMEOUT, poll: float = 0.5,
                 on_attempt: Callable[[Attempt], None] | None = None,
                 clock: Callable[[], float] = time.time, sleep: Callable[[float], None] | None = None):
        self.folder = Path(folder)
        self.clock = clock
        self.queue = PrintQueue(self.folder, clock=clock)
        self.printers = dict(printers)
        self.width = width
        self.timeout = timeout
        self.poll = poll
        self.on_attempt = on_attempt
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None
        self._held: dict[str, float] = {}  # printer -> epoch seconds before which it is left alone
        self.sleep = sleep or (lambda s: self._stop.wait(s))

    @classmethod
    def for_event(cls, event, **kw) -> PrintWorker:
        from console.printing.jobs import default_width, printers_of

        kw.setdefault("clock", lambda: event.clock.now().timestamp())  # the event's clock (a test's fake one)
        return cls(event.folder, printers_of(event), width=default_width(event), **kw)

    # --- one pass ---------------------------------------------------------------------

    def run_once(self, now: float | None = None, only: set[str] | None = None) -> list[Attempt]:
        """Send every due job once, in order; a printer that fails is left until its retry time."""
        attempts: list[Attempt] = []
        failed_printers: set[str] = set()
        for job in self.queue.jobs():
            if only is not None and job.id not in only:
                continue
            t = self.clock() if now is None else now
            if job.printer in failed_printers or not job.due(t):
                continue
            # A printer that just failed holds back all its jobs until its retry time,
            # except a job someone asked to retry now (next_try reset to 0).
            if self._held.get(job.printer, 0) > t and not (job.attempts and job.next_try == 0):
                continue
            claimed = self.queue.claim(job.id, lease_s=self.timeout * 3 + 30, now=t)
            if claimed is None:
                continue
            attempt = self._send(claimed, now)
            attempts.append(attempt)
            if not attempt.ok:
                failed_printers.add(job.printer)
                failed = self.queue.get(job.id)
                self._held[job.printer] = failed.next_try if failed else t + 5
            else:
                self._held.pop(job.printer, None)
            if self.on_attempt:
                self.on_attempt(attempt)
            if self._stop.is_set():
                break
        return attempts

    def _send(self, job: Job, now: float | None) -> Attempt:
        try:
            spec = resolve(self.printers, job.printer, self.width)
            image = render_job(job, spec.dots)
            sent = deliver(spec, image, job.id, folder=self.folder, timeout=self.timeout)
        except PrintError as exc:
            self.queue.fail(job, exc.code, exc.message, now)
            self.queue.set_printer_status(job.printer, "error", exc.message, exc.code)
            return Attempt(job, False, code=exc.code, message=exc.message)
        except UserError as exc:  # a printer URI that does not parse
            self.queue.fail(job, "config", str(exc), now)
            self.queue.set_printer_status(job.printer, "error", str(exc), "config")
            return Attempt(job, False, code="config", message=str(exc))
        except Exception as exc:  # a bug in a layout must not kill the worker or lose the job
            msg = f"Lỗi khi dựng bản in ({type(exc).__name__}: {exc}); lệnh in vẫn giữ trong hàng đợi."
            self.queue.fail(job, "render", msg, now)
            return Attempt(job, False, code="render", message=msg)
        self.queue.finish(job, sent.where, confirmed=sent.confirmed)
        if sent.confirmed:
            self.queue.set_printer_status(job.printer, "ok", f"In xong {job.id}")
        else:
            self.queue.set_printer_status(job.printer, "unconfirmed",
                                          f"Đã gửi {job.id}, máy in không xác nhận đã nhận hết", "unconfirmed")
        return Attempt(job, True, where=sent.where, confirmed=sent.confirmed)

    def drain(self, job_ids: set[str], *, deadline_s: float = 60.0, attempts: int = CLI_ATTEMPTS,
              on_progress: Callable[[Attempt], None] | None = None) -> list[Job]:
        """Print these jobs now (the CLI). A printer that fails is tried again at its retry time; after
        `attempts` failures in a row (or past `deadline_s`) its jobs are left waiting in the queue.
        Returns the jobs still waiting (one sent but not confirmed is not waiting: its attempt says so)."""
        end = self.clock() + deadline_s
        left = set(job_ids)
        failures: dict[str, int] = {}  # printer -> failures in a row in this drain
        while left and not self._stop.is_set():
            tried = self.run_once(only=left)
            for a in tried:
                failures[a.job.printer] = 0 if a.ok else failures.get(a.job.printer, 0) + 1
                if on_progress:
                    on_progress(a)
            jobs = [j for j in (self.queue.get(i) for i in left) if j is not None]
            left = {j.id for j in jobs if j.status in (PENDING, PRINTING)}
            again = [j for j in jobs if j.status == PENDING and failures.get(j.printer, 0) < attempts]
            if not again:
                break
            wake = min(max(j.next_try, self._held.get(j.printer, 0.0)) for j in again)
            if wake > end:
                break
            pause = wake - self.clock()
            if pause > 0:
                self.sleep(pause)
            elif not tried:
                break  # nothing was due and nothing will become due: do not spin
        return [j for j in (self.queue.get(i) for i in sorted(left)) if j is not None]

    # --- the thread ---------------------------------------------------------------------

    def start(self) -> PrintWorker:
        if self._thread is None or not self._thread.is_alive():
            self._stop.clear()
            self._thread = threading.Thread(target=self._loop, name="hoinghi-print", daemon=True)
            self._thread.start()
        return self

    def wake(self) -> None:
        self._wake.set()

    def stop(self, wait: float = 5.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(wait)

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                worked = self.run_once()
            except Exception:  # a full disk, a lock held too long: try again next pass
                worked = []
            if not worked:
                self._wake.wait(self.poll)
                self._wake.clear()
