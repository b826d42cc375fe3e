"""A network printer on 127.0.0.1 that misbehaves on purpose, and counts what it really took.

Each connection is one job. The printer keeps, per connection, the job bytes it
read (status queries taken out) and whether it read up to the sender's end, so
a test can hold the console to its word: a job marked printed must have every
byte here.

modes (the mode can change between connections):
  ok        answers DLE EOT 4 at once, reads everything, closes at the sender's end
  silent    never answers status, reads everything, closes at the sender's end
  mute      never answers status, reads everything, never closes (only when the sender does)
  late      answers every status query `late` seconds after it arrives, reads everything
  stall     reads nothing at all (a jammed printer with a small buffer)
  cut       answers status, reads `cut_after` bytes, then closes (switched off mid-badge)
  cut_silent  the same from a printer that never answers status
  reset     reads `cut_after` bytes, then resets the connection
  paper     answers "paper end" to every status query
  paper_after  answers OK before the job, "paper end" after it
"""

from __future__ import annotations

import socket
import struct
import threading
from dataclasses import dataclass

STATUS_QUERY = b"\x10\x04\x04"
STATUS_OK = 0x12
STATUS_PAPER_END = 0x72


@dataclass
class Received:
    mode: str
    data: bytes = b""
    to_the_end: bool = False  # read the sender's end of stream


class FakePrinter:
    def __init__(self, mode: str = "ok", *, cut_after: int = 2000, late: float = 0.6, rcvbuf: int = 4096):
        self.mode, self.cut_after, self.late = mode, cut_after, late
        self.received: list[Received] = []
        self._stop = threading.Event()
        self.server = socket.socket()
        self.server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        # A real printer's buffer is small; set before listen so accepted sockets inherit it.
        self.server.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(8)
        self.port = self.server.getsockname()[1]
        self._threads: list[threading.Thread] = []
        t = threading.Thread(target=self._serve, daemon=True)
        t.start()
        self._threads.append(t)

    @property
    def uri(self) -> str:
        return f"tcp://127.0.0.1:{self.port}"

    def whole_jobs(self) -> list[bytes]:
        return [r.data for r in self.received if r.to_the_end]

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.server.accept()
            except OSError:
                return
            rec = Received(self.mode)
            self.received.append(rec)
            t = threading.Thread(target=self._handle, args=(conn, rec), daemon=True)
            t.start()
            self._threads.append(t)

    def _answer(self, conn: socket.socket, byte: int, delay: float) -> None:
        def send():
            if delay and self._stop.wait(delay):
                return
            try:
                conn.sendall(bytes([byte]))
            except OSError:
                pass
        if delay:
            threading.Thread(target=send, daemon=True).start()
        else:
            send()

    def _handle(self, conn: socket.socket, rec: Received) -> None:
        mode = rec.mode
        got = bytearray()
        queries = 0
        conn.settimeout(0.2)
        try:
            if mode == "stall":
                self._stop.wait(30)
                return
            while not self._stop.is_set():
                limit = 65536
                if mode in ("cut", "cut_silent", "reset"):
                    limit = max(1, self.cut_after - len(got))
                try:
                    chunk = conn.recv(limit)
                except TimeoutError:
                    continue
                if not chunk:
                    rec.to_the_end = True
                    if mode == "mute":  # says nothing and keeps the connection until long after
                        self._stop.wait(5)
                    break
                got += chunk
                while STATUS_QUERY in got:
                    i = got.index(STATUS_QUERY)
                    del got[i:i + 3]  # real-time commands are not part of the job
                    queries += 1
                    if mode in ("ok", "cut", "reset"):
                        self._answer(conn, STATUS_OK, 0)
                    elif mode == "late":
                        self._answer(conn, STATUS_OK, self.late)
                    elif mode == "paper":
                        self._answer(conn, STATUS_PAPER_END, 0)
                    elif mode == "paper_after":
                        self._answer(conn, STATUS_OK if queries == 1 else STATUS_PAPER_END, 0)
                rec.data = bytes(got)
                if mode in ("cut", "cut_silent", "reset") and len(got) >= self.cut_after:
                    if mode == "reset":
                        conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                    return
            if mode == "late":
                self._stop.wait(self.late + 0.3)  # let the late answers go out before closing
        except OSError:
            return
        finally:
            rec.data = bytes(got)
            conn.close()

    def close(self) -> None:
        self._stop.set()
        self.server.close()
        for t in self._threads:
            t.join(2)
