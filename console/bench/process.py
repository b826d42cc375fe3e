"""Whole-process and machine figures for `hoinghi bench`: the CLI as a user runs it,
the machine's raw fsync floor, and a curl round trip to a warm local web server.

    fsync floor   os.write of one journal-sized line + os.fsync, on the disk the events use
    curl          `curl` to a warm HTTP server in this process (what a check-in through a
                  warm web app costs at least: a process start and a request)
    checkin       `hoinghi checkin DIR TOKEN` whole process, from fork to exit
    status        `hoinghi status DIR --json` whole process
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


def _hoinghi() -> list[str]:
    """The installed entry point beside this interpreter (what an operator runs), else -m."""
    exe = Path(sys.executable).with_name("hoinghi.exe" if os.name == "nt" else "hoinghi")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "console.cli"]


def fsync_floor(folder: Path, n: int = 200) -> list[float]:
    """ms per raw append + fsync of a 300-byte line (no lock, no JSON, no HMAC)."""
    line = b"x" * 299 + b"\n"
    path = Path(folder) / "fsync-floor.bin"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    out = []
    try:
        for _ in range(n):
            t0 = time.perf_counter()
            os.write(fd, line)
            os.fsync(fd)
            out.append((time.perf_counter() - t0) * 1000)
    finally:
        os.close(fd)
        path.unlink(missing_ok=True)
    return out


def _children_cpu_ms() -> float | None:
    try:
        import resource
    except ImportError:  # Windows: wall time only
        return None
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (ru.ru_utime + ru.ru_stime) * 1000


CPU: dict[str, list[float]] = {}  # command -> CPU ms of each run (user + system): steadier on a busy machine


def _timed(cmd: list[str], env: dict) -> tuple[float, int]:
    c0 = _children_cpu_ms()
    t0 = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, env=env, timeout=60)
    wall = (time.perf_counter() - t0) * 1000
    c1 = _children_cpu_ms()
    if c0 is not None and c1 is not None:
        CPU.setdefault(cmd[1] if cmd[0] != sys.executable else cmd[3], []).append(c1 - c0)
    return wall, done.returncode


def cli_runs(folder: Path, tokens: list[str], status_runs: int) -> dict:
    """Median-able samples of whole `hoinghi checkin` (one new badge each) and `status --json` runs."""
    env = dict(os.environ, HOINGHI_DESK="bench-cli")
    # As an operator runs it: the bytecode cached (pip writes it at install; a shell or CI that
    # sets PYTHONDONTWRITEBYTECODE would time the compiling of every module, ~40 ms, instead).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    base = _hoinghi()
    _timed([*base, "status", str(folder), "--json"], env)  # the first runs after install compile .pyc
    _timed([*base, "checkin", str(folder), "HN-not-a-badge"], env)
    CPU.clear()
    checkin, status = [], []
    for token in tokens:
        ms, rc = _timed([*base, "checkin", str(folder), token], env)
        if rc != 0:
            raise RuntimeError(f"hoinghi checkin exited {rc}")
        checkin.append(ms)
    for _ in range(status_runs):
        ms, rc = _timed([*base, "status", str(folder), "--json"], env)
        if rc != 0:
            raise RuntimeError(f"hoinghi status exited {rc}")
        status.append(ms)
    return {"checkin": checkin, "status": status,
            "checkin_cpu": CPU.get("checkin", []), "status_cpu": CPU.get("status", [])}


class _Warm(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - http.server's name
        body = b'{"status":"ok"}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def curl_reference(n: int = 15) -> list[float] | None:
    """ms per `curl` of a warm local server; None without curl on this machine."""
    curl = shutil.which("curl")
    if curl is None:
        return None
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Warm)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        subprocess.run([curl, "-s", "-o", os.devnull, url], timeout=30)
        out = []
        for _ in range(n):
            t0 = time.perf_counter()
            subprocess.run([curl, "-s", "-o", os.devnull, url], timeout=30)
            out.append((time.perf_counter() - t0) * 1000)
        return out
    finally:
        server.shutdown()
        server.server_close()


def median(samples: list[float] | None) -> float | None:
    return round(statistics.median(samples), 1) if samples else None


def machine_figures() -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        floor = fsync_floor(Path(tmp))
    return {"fsync_floor_ms": median(floor), "curl_warm_server_ms": median(curl_reference())}
