"""One job to a network printer (raw port 9100), and whether the printer took all of it.

The kernel accepting our bytes says nothing about the printer: a printer that
stopped reading still lets a whole badge into the socket buffers, and one cut
off mid-job leaves the rest in ours. So a job counts as printed only when

- every byte was written, our side shut down cleanly, and then either
- the printer answered the real-time status query (DLE EOT 4) sent *after*
  the job with no error — it answers that only once it has read everything
  before it — or
- the printer never answers status, and closed its side cleanly after
  reading up to our end (what raw port 9100 printers do at the end of a
  job), with no reset. A printer that answers status and closes instead of
  answering the question after the job hung up mid-job.

A printer that does neither within `confirm_wait` took the bytes as far as the
network can tell but never said so: `UNCONFIRMED` ("đã gửi, chưa xác nhận"),
never printed. Whether a printer answers status is learnt anew on every job: a
first answer that comes late is still counted when it arrives.

The wait for the answer before the job (so a printer out of paper gets no
badge it would print twice once the roll is changed) is skipped for a printer
that did not answer on its previous job; that hint only saves time, it never
decides whether a job was printed.

Portable: `select` on a socket works on Windows as on POSIX.
"""

from __future__ import annotations

import enum
import select
import socket
import time
from collections.abc import Callable

from console.printing.print_error import PrintError

DLE_EOT_PAPER = b"\x10\x04\x04"  # real-time status: paper roll sensor
PAPER_END = 0x60  # bits 5 and 6 of the answer: paper end detected
STATUS_WAIT = 0.4  # before the job: how long to wait for the paper answer before sending anyway
CONFIRM_WAIT = 2.0  # after the job: how long a printer that never answered may take to close or answer
CHUNK = 16384
SEND_BUFFER = 16384
RESET_GRACE = 0.05  # after a printer's close: time for a reset behind it to arrive (a LAN round trip is ~1 ms)


class Confirmation(enum.Enum):
    CONFIRMED = "confirmed"  # the printer took every byte (status answer after the job, or a clean close)
    UNCONFIRMED = "unconfirmed"  # every byte written and our side closed cleanly; the printer said nothing


class _Link:
    """The conversation with one printer: bytes out, status answers and the close in."""

    def __init__(self, sock: socket.socket, where: str, timeout: float, clock: Callable[[], float]):
        self.sock, self.where, self.timeout, self.clock = sock, where, timeout, clock
        self.asked = 0
        self.answers = bytearray()
        self.closed = False  # the printer closed its side (EOF)
        self.sent = 0
        self.total = 0
        sock.setblocking(False)

    # --- reading ---------------------------------------------------------------------

    def _read(self) -> None:
        """Take what the printer sent (non-blocking); a reset is a cut."""
        try:
            chunk = self.sock.recv(256)
        except (BlockingIOError, InterruptedError):
            return
        except (ConnectionResetError, ConnectionAbortedError, BrokenPipeError):
            raise self._cut() from None
        if not chunk:
            self.closed = True
            return
        self.answers += chunk
        self._check_paper()

    def _cut(self) -> PrintError:
        got = f" (đã gửi {self.sent:,}/{self.total:,} byte)".replace(",", ".") if self.total else ""
        return PrintError("cut", f"{self.where} ngắt kết nối giữa chừng{got}; thẻ có thể in thiếu. "
                                 "Lệnh in vẫn giữ trong hàng đợi và sẽ in lại cả thẻ.")

    def _stalled(self) -> PrintError:
        got = f" (đã gửi {self.sent:,}/{self.total:,} byte)".replace(",", ".") if self.total else ""
        return PrintError("timeout", f"{self.where} ngừng nhận dữ liệu quá {self.timeout:g} giây{got} "
                                     "(kẹt giấy, mở nắp hoặc treo). Kiểm tra máy in; lệnh in vẫn giữ trong hàng đợi.")

    def _check_paper(self) -> None:
        if any(b & PAPER_END for b in self.answers):
            raise PrintError("paper", f"{self.where} hết giấy. Lắp cuộn giấy mới và đóng nắp; "
                                      "thẻ đang chờ sẽ tự in tiếp.")

    # --- writing ---------------------------------------------------------------------

    def ask_status(self) -> None:
        self._write(DLE_EOT_PAPER, count=False)
        self.asked += 1

    def send(self, data: bytes) -> None:
        self.total = len(data)
        self._write(data, count=True)

    def _write(self, data: bytes, *, count: bool) -> None:
        view = memoryview(data)
        last_progress = self.clock()
        while view:
            left = self.timeout - (self.clock() - last_progress)
            if left <= 0:
                raise self._stalled()
            readable, writable, _ = select.select([self.sock], [self.sock], [], min(left, 0.5))
            if readable:
                self._read()
                if self.closed:  # the printer hung up with part of the job still to come
                    raise self._cut()
            if writable:
                try:
                    n = self.sock.send(view[:CHUNK])
                except (BlockingIOError, InterruptedError):
                    continue
                except (ConnectionResetError, ConnectionAbortedError, BrokenPipeError):
                    raise self._cut() from None
                view = view[n:]
                if count:
                    self.sent += n
                if n:
                    last_progress = self.clock()

    def wait_answers(self, wait: float) -> None:
        """Read status answers for up to `wait` seconds or until every question is answered."""
        end = self.clock() + wait
        while len(self.answers) < self.asked and not self.closed:
            left = end - self.clock()
            if left <= 0:
                return
            readable, _, _ = select.select([self.sock], [], [], min(left, 0.5))
            if readable:
                self._read()

    def finish(self, confirm_wait: float) -> Confirmation:
        """After the job: our end shut down, then the printer's answer or close decides."""
        try:
            self.sock.shutdown(socket.SHUT_WR)
        except (ConnectionResetError, ConnectionAbortedError, BrokenPipeError):
            raise self._cut() from None
        # A printer that answers status must answer the question sent after the job; one that never
        # answered gets `confirm_wait` to answer late or to close.
        answering = len(self.answers) > 0
        end = self.clock() + (self.timeout if answering else confirm_wait)
        while True:
            if len(self.answers) >= self.asked:
                return Confirmation.CONFIRMED
            if self.closed:
                if answering:  # it answered before, so closing instead of answering the last question is a cut
                    raise self._cut()
                self._check_reset()
                return Confirmation.CONFIRMED
            left = end - self.clock()
            if left <= 0:
                if answering:
                    raise PrintError("timeout", f"{self.where} ngừng nhận dữ liệu: đã gửi đủ {self.total:,} byte ".replace(",", ".")
                                                + f"nhưng sau {self.timeout:g} giây máy chưa báo đã đọc hết (kẹt giấy, "
                                                "mở nắp hoặc treo). Kiểm tra máy in; lệnh in vẫn giữ trong hàng đợi.")
                return Confirmation.UNCONFIRMED
            readable, _, _ = select.select([self.sock], [], [], min(left, 0.5))
            if readable:
                had = len(self.answers)
                self._read()
                if not answering and len(self.answers) > had:  # a late first answer: it answers after all
                    answering = True
                    end = max(end, self.clock() + self.timeout)

    def _check_reset(self) -> None:
        """The printer closed: a reset right behind its close means it threw away what it had not read.

        A printer that hung up mid-job with nothing left unread sends a clean close, and its
        kernel resets the bytes of ours that arrive after it: give that reset a moment to land.
        """
        time.sleep(RESET_GRACE)
        err = self.sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
        if err:
            raise self._cut()
        try:
            self.sock.recv(1)
        except (BlockingIOError, InterruptedError):
            pass
        except OSError:
            raise self._cut() from None


_quiet_last_time: set[str] = set()  # host:port that did not answer status on its previous job (a hint only)


def send_tcp(host: str, port: int, data: bytes, *, timeout: float, status_wait: float = STATUS_WAIT,
             confirm_wait: float = CONFIRM_WAIT, clock: Callable[[], float] = time.monotonic) -> Confirmation:
    """Send one job; raises PrintError unless every byte was written and our side closed cleanly."""
    where = f"Máy in {host}:{port}"
    try:
        sock = socket.create_connection((host, port), timeout=timeout)
    except ConnectionRefusedError:
        raise PrintError("refused", f"{where} từ chối kết nối: máy có bật nhưng không nhận lệnh in ở cổng {port} "
                                    "(sai cổng, hoặc đang bận với máy khác). Kiểm tra cổng rồi thử lại.") from None
    except TimeoutError:
        raise PrintError("timeout", f"{where} không trả lời sau {timeout:g} giây: máy in tắt, rút dây mạng "
                                    "hoặc sai địa chỉ IP. Bật máy in, kiểm tra cáp mạng rồi thử lại.") from None
    except socket.gaierror:
        raise PrintError("off", f"Không tìm thấy máy in tên “{host}” trên mạng. Hãy dùng địa chỉ IP của máy in.") from None
    except OSError as exc:
        raise PrintError("off", f"{where} không liên lạc được ({exc.strerror or exc}): máy in tắt hoặc khác mạng. "
                                "Bật máy in, kiểm tra cáp mạng/wifi rồi thử lại.") from None
    with sock:
        # Keep little of the job in our own kernel buffer: a printer that stops reading then
        # stops our writes (a timeout with the count of bytes sent) instead of letting a whole
        # badge vanish into buffers. 16 KB still fills a LAN far faster than a printer prints.
        try:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, SEND_BUFFER)
        except OSError:
            pass
        link = _Link(sock, where, timeout, clock)
        try:
            # Before the job: out of paper is said before a badge is half printed.
            key = f"{host}:{port}"
            link.ask_status()
            link.wait_answers(0 if key in _quiet_last_time else status_wait)
            link.send(data)
            link.ask_status()  # answered only once the printer has read the whole job
            outcome = link.finish(confirm_wait)
            (_quiet_last_time.add if not link.answers else _quiet_last_time.discard)(key)
            return outcome
        except PrintError:
            raise
        except OSError as exc:
            raise PrintError("io", f"{where}: lỗi khi gửi ({exc.strerror or exc}). Lệnh in vẫn giữ trong hàng đợi.") from None
