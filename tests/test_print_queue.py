"""The print queue against a fake network printer: off, refusing, stalled, cut mid-job, out of paper.

The fake printer is a thread on 127.0.0.1 (ephemeral port) that speaks just
enough ESC/POS: it answers DLE EOT 4 (paper sensor) like a real printer and
keeps every job it received whole.
"""

from __future__ import annotations

import json
import socket
import threading

import pytest

from console.door.checkin import CHECKED_IN, REPLACED, scan
from console.door.tokens import make_token
from console.printing import printers as printers_mod
from console.printing import tcp_send
from console.printing.jobs import REISSUE, queue_badges, reconcile, reprint
from console.printing.queue import DONE, PENDING, PRINTING, PrintQueue
from console.printing.worker import PrintWorker
from tests.test_escpos_roundtrip import decode_qr, parse_jobs

STATUS_OK = 0x12
STATUS_PAPER_END = 0x72


class FakePrinter:
    """modes: ok, silent (never answers status), paper (answers paper end),
    cut (reads `cut_after` bytes then closes), stall (answers the first status, then reads nothing)."""

    def __init__(self, mode: str = "ok", cut_after: int = 2000):
        self.mode = mode
        self.cut_after = cut_after
        self.jobs: list[bytes] = []
        self.connections = 0
        self.server = socket.socket()
        self.server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(8)
        self.port = self.server.getsockname()[1]
        self._stop = False
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    @property
    def uri(self) -> str:
        return f"tcp://127.0.0.1:{self.port}"

    def _serve(self):
        while not self._stop:
            try:
                conn, _ = self.server.accept()
            except OSError:
                return
            self.connections += 1
            threading.Thread(target=self._handle, args=(conn, self.mode), daemon=True).start()

    def _handle(self, conn: socket.socket, mode: str):
        got = bytearray()
        conn.settimeout(5)
        answered = 0
        try:
            while True:
                if mode == "stall" and answered:
                    threading.Event().wait(3)
                    return
                chunk = conn.recv(65536)
                if not chunk:
                    break
                got += chunk
                if mode == "cut" and len(got) >= self.cut_after:
                    conn.shutdown(socket.SHUT_RDWR)
                    return  # half a job, like a printer switched off mid-badge: no answer to anything after
                while b"\x10\x04\x04" in got:
                    i = got.index(b"\x10\x04\x04")
                    del got[i:i + 3]  # real-time commands are not part of the job
                    if mode in ("ok", "cut", "stall"):
                        conn.sendall(bytes([STATUS_OK]))
                        answered += 1
                    elif mode == "paper":
                        conn.sendall(bytes([STATUS_PAPER_END]))
        except OSError:
            return
        finally:
            conn.close()
            if mode in ("ok", "silent") and got:
                self.jobs.append(bytes(got))

    def close(self):
        self._stop = True
        self.server.close()


@pytest.fixture
def fake_printer():
    made = []

    def make(mode="ok", **kw):
        p = FakePrinter(mode, **kw)
        made.append(p)
        return p

    yield make
    for p in made:
        p.close()
    tcp_send._quiet_last_time.clear()


def worker_for(event, printers: dict, timeout=2.0) -> PrintWorker:
    return PrintWorker(event.folder, printers, width=80, timeout=timeout)


def test_badges_print_on_a_network_printer_and_read_back(demo_event, fake_printer):
    p = fake_printer("ok")
    queued, _ = queue_badges(demo_event, [1, 2, 3], printer=p.uri)
    attempts = worker_for(demo_event, {}).run_once()
    assert [a.ok for a in attempts] == [True, True, True]
    images = [img for job in p.jobs for img in parse_jobs(job)]
    assert [decode_qr(img) for img in images] == [[make_token(demo_event.secret, i, 1)] for i in (1, 2, 3)]
    assert all(j.status == DONE for j in PrintQueue(demo_event.folder).jobs())


def test_printer_that_never_answers_status_still_prints(demo_event, fake_printer):
    p = fake_printer("silent")
    queue_badges(demo_event, [4], printer=p.uri)
    assert [a.ok for a in worker_for(demo_event, {}).run_once()] == [True]
    p.thread.join(0.2)
    assert len(p.jobs) == 1 and decode_qr(parse_jobs(p.jobs[0])[0]) == [make_token(demo_event.secret, 4, 1)]


def test_refused_then_fixed_prints_exactly_once(demo_event, fake_printer):
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()  # nothing listens: connection refused
    queue_badges(demo_event, [5], printer=f"tcp://127.0.0.1:{port}")
    w = worker_for(demo_event, {})
    [a] = w.run_once()
    assert not a.ok and a.code == "refused" and "từ chối kết nối" in a.message
    q = PrintQueue(demo_event.folder)
    job = q.get("badge-0005-v1")
    assert job.status == PENDING and job.attempts == 1 and job.next_try > 0
    assert w.run_once() == []  # not due yet: waits for its retry time
    status = q.printer_status()[f"tcp://127.0.0.1:{port}"]
    assert status["state"] == "error" and status["code"] == "refused"
    # the printer is switched on (another port), and the job moved to it
    p = fake_printer("ok")
    q.move("badge-0005-v1", p.uri)
    assert [a.ok for a in w.run_once()] == [True]
    assert w.run_once() == []
    assert len(p.jobs) == 1
    job = q.get("badge-0005-v1")
    assert job.status == DONE and job.attempts == 2 and job.printed_on == p.uri


def test_paper_out_is_said_and_the_job_waits(demo_event, fake_printer):
    p = fake_printer("paper")
    queue_badges(demo_event, [6, 7], printer=p.uri)
    attempts = worker_for(demo_event, {}).run_once()
    assert len(attempts) == 1  # the second job of a failed printer is not tried in the same pass
    assert attempts[0].code == "paper" and "hết giấy" in attempts[0].message
    assert {j.status for j in PrintQueue(demo_event.folder).jobs()} == {PENDING}


def test_printer_closing_mid_job_keeps_the_job_and_retries(demo_event, fake_printer):
    p = fake_printer("cut", cut_after=3000)
    queue_badges(demo_event, [8], printer=p.uri)
    w = worker_for(demo_event, {})
    [a] = w.run_once()
    assert not a.ok and a.code in ("cut", "io"), a
    q = PrintQueue(demo_event.folder)
    assert q.get("badge-0008-v1").status == PENDING
    p.mode = "ok"
    q.retry("badge-0008-v1")
    assert [x.ok for x in w.run_once()] == [True]
    assert len(p.jobs) == 1  # one whole job; the half one was never counted as printed
    assert decode_qr(parse_jobs(p.jobs[0])[0]) == [make_token(demo_event.secret, 8, 1)]


def test_printer_that_stops_reading_times_out(demo_event, fake_printer):
    p = fake_printer("stall")
    queue_badges(demo_event, [9], printer=p.uri)
    [a] = worker_for(demo_event, {}, timeout=0.5).run_once()
    assert not a.ok and a.code == "timeout" and "ngừng nhận dữ liệu" in a.message, a
    assert PrintQueue(demo_event.folder).get("badge-0009-v1").status == PENDING


def test_printer_that_cannot_be_reached_times_out():
    # A listening socket whose backlog is full drops new connections: connect() times out.
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(0)
    port = server.getsockname()[1]
    fillers = []
    try:
        for _ in range(4):
            c = socket.socket()
            c.setblocking(False)
            c.connect_ex(("127.0.0.1", port))
            fillers.append(c)
        spec = printers_mod.parse_uri(f"tcp://127.0.0.1:{port}")
        with pytest.raises(printers_mod.PrintError) as err:
            printers_mod.send_bytes(spec, b"\x1b@", timeout=0.3)
        assert err.value.code in ("timeout", "cut")
    finally:
        for c in fillers:
            c.close()
        server.close()


def test_reprint_is_never_lost_nor_doubled(demo_event, fake_printer):
    # Printer off: the reprint is journaled and waits in the queue.
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    dead = f"tcp://127.0.0.1:{s.getsockname()[1]}"
    s.close()
    demo_event.settings.printers["desk"] = dead
    job = reprint(demo_event, 10, "mất thẻ")
    assert job.id == "badge-0010-v2" and job.printer == "desk"
    w = PrintWorker.for_event(demo_event, timeout=1.0)
    assert not w.run_once()[0].ok
    assert reconcile(demo_event) == []  # nothing missing, nothing added twice
    # A crash between the journal line and the queue (a desk that journals a reissue itself):
    demo_event.transact(lambda ev: [(REISSUE, {"delegate_id": 11, "version": 2, "reason": "mất thẻ"})])
    added = reconcile(demo_event)
    assert [j.id for j in added] == ["badge-0011-v2"]
    assert reconcile(demo_event) == []
    # The printer comes back: each reprint is printed once.
    p = fake_printer("ok")
    demo_event.settings.printers["desk"] = p.uri
    w2 = PrintWorker.for_event(demo_event, timeout=1.0)
    PrintQueue(demo_event.folder).retry()
    assert sorted(a.job.id for a in w2.run_once() if a.ok) == ["badge-0010-v2", "badge-0011-v2"]
    assert w2.run_once() == []
    tokens = sorted(decode_qr(parse_jobs(j)[0])[0] for j in p.jobs)
    assert tokens == sorted([make_token(demo_event.secret, 10, 2), make_token(demo_event.secret, 11, 2)])
    assert scan(demo_event, make_token(demo_event.secret, 10, 1)).result == REPLACED
    assert scan(demo_event, make_token(demo_event.secret, 10, 2)).result == CHECKED_IN


def test_asking_twice_for_the_same_badge_queues_it_once(demo_event):
    a, _ = queue_badges(demo_event, [12])
    b, again = queue_badges(demo_event, [12])
    assert len(a) == 1 and b == [] and [j.id for j in again] == ["badge-0012-v1"]
    c, _ = queue_badges(demo_event, [12], again=True)
    assert [j.id for j in c] == ["badge-0012-v1-c2"]


def test_two_workers_never_send_the_same_job(demo_event, fake_printer):
    p = fake_printer("ok")
    queue_badges(demo_event, list(range(1, 21)), printer=p.uri)
    workers = [worker_for(demo_event, {}) for _ in range(2)]
    results: list = []
    threads = [threading.Thread(target=lambda w=w: results.extend(w.run_once())) for w in workers]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert sorted(a.job.id for a in results if a.ok) == [f"badge-{i:04d}-v1" for i in range(1, 21)]
    assert len(p.jobs) == 20


def test_a_job_whose_worker_died_is_taken_again(demo_event):
    queue_badges(demo_event, [13])
    q = PrintQueue(demo_event.folder)
    claimed = q.claim("badge-0013-v1", lease_s=30, now=1000.0)
    assert claimed.status == PRINTING
    assert q.claim("badge-0013-v1", lease_s=30, now=1010.0) is None  # still leased
    w = PrintWorker.for_event(demo_event)
    assert [a.ok for a in w.run_once(now=1031.0)] == [True]  # lease ran out: printed
    assert q.get("badge-0013-v1").status == DONE


def test_job_files_are_plain_json_in_the_event_folder(demo_event):
    queue_badges(demo_event, [14])
    path = demo_event.folder / "print-queue" / "badge-0014-v1.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["status"] == PENDING and data["data"]["name"] == demo_event.get(14).name
    path.with_name("hong.json").write_text("{not json")  # a damaged file is skipped, not fatal
    assert [j.id for j in PrintQueue(demo_event.folder).jobs()] == ["badge-0014-v1"]


@pytest.mark.parametrize("uri,word", [
    ("lpt1", "URI"), ("ftp://x", "không hỗ trợ"), ("tcp://", "địa chỉ"), ("usb://zz:11", "VID:PID"),
    ("preview://ban-in?width=66", "58 hoặc 80"), ("serial:///dev/ttyUSB0?baud=fast", "baud"),
])
def test_bad_printer_uris_are_refused_in_vietnamese(uri, word):
    from console.ground.errors import UserError

    with pytest.raises(UserError) as err:
        printers_mod.parse_uri(uri)
    assert word in str(err.value)


def test_good_printer_uris():
    p = printers_mod.parse_uri("tcp://192.168.1.50:9100?width=58")
    assert (p.scheme, p.target, p.width_mm, p.dots) == ("tcp", "192.168.1.50:9100", 58, 384)
    assert printers_mod.parse_uri("tcp://printer").target == "printer:9100"
    assert printers_mod.parse_uri("usb://0416:5011").target == "0416:5011"
    assert printers_mod.parse_uri("serial:///dev/ttyUSB0?baud=19200").params["baud"] == "19200"
    assert printers_mod.parse_uri("cups://POS80").target == "POS80"
    assert printers_mod.parse_uri("file:///dev/usb/lp0").target == "/dev/usb/lp0"
    assert printers_mod.parse_uri("preview://ban-in").target == "ban-in"


def test_missing_device_and_library_are_explained(tmp_path):
    with pytest.raises(printers_mod.PrintError) as err:
        printers_mod.send_bytes(printers_mod.parse_uri("file:///dev/usb/khong-co"), b"x")
    assert err.value.code == "off" and "chưa cắm" in err.value.message
    with pytest.raises(printers_mod.PrintError) as err:
        printers_mod.send_bytes(printers_mod.parse_uri("usb://0416:5011"), b"x")
    assert err.value.code in ("missing", "off")


def test_a_job_moved_to_a_58mm_printer_is_redrawn_for_58mm(demo_event, tmp_path):
    from tests.test_escpos_roundtrip import parse_raster

    queue_badges(demo_event, [15], printer="desk")
    q = PrintQueue(demo_event.folder)
    target = tmp_path / "lp58.bin"
    q.move("badge-0015-v1", f"file://{target}?width=58")
    assert [a.ok for a in PrintWorker.for_event(demo_event).run_once()] == [True]
    img, _ = parse_raster(target.read_bytes())
    assert img.width == 384 and decode_qr(img) == [make_token(demo_event.secret, 15, 1)]


def test_certificate_call_sheet_and_mc_list_go_through_the_queue(demo_event, tmp_path):
    from console.printing.jobs import queue_callsheet, queue_certificate, queue_mc_list
    from console.printing.layout_callsheet import Awardee, CallSheet
    from console.printing.layout_certificate import certificate_data

    target = tmp_path / "stage.bin"
    uri = f"file://{target}"
    cert = certificate_data(demo_event, recipient="Lý Thị Mai", award_form="Giấy khen của LĐLĐ huyện")
    sheet = CallSheet(1, "Giấy khen của LĐLĐ huyện", [Awardee("Lý Thị Mai")], presenter="Chủ tịch LĐLĐ huyện")
    jobs = [queue_certificate(demo_event, cert, printer=uri), queue_callsheet(demo_event, sheet, printer=uri),
            *queue_mc_list(demo_event, [sheet, sheet], printer=uri)]
    assert [a.ok for a in PrintWorker.for_event(demo_event).run_once()] == [True, True, True]
    images = parse_jobs(target.read_bytes())
    assert len(images) == 3 and all(img.width == 576 for img in images)
    assert images[2].height > images[1].height  # the MC's list holds both batches
    assert {j.kind for j in jobs} == {"certificate", "callsheet", "mc_list"}
