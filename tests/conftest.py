"""Shared fixtures: a demo event folder, a fake clock, the CLI as a subprocess."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from console.ground.clock import VN_TZ, FakeClock

ROOT = Path(__file__).resolve().parent.parent
_DEMO_CACHE: dict[str, Path] = {}


def run_cli(*args: str, input: str | None = None, timeout: float = 60, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run `hoinghi ARGS…` as a user would: a separate process, this checkout's code."""
    full_env = {**os.environ, "PYTHONPATH": str(ROOT), "HOINGHI_DESK": "test-desk", **(env or {})}
    return subprocess.run([sys.executable, "-m", "console", *map(str, args)], capture_output=True, text=True,
                          input=input, timeout=timeout, env=full_env, cwd=str(ROOT))


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_serve(folder, *extra: str) -> tuple[subprocess.Popen, int]:
    """`hoinghi serve FOLDER` on a free loopback port with PIN 4321; the caller terminates it."""
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "console", "serve", str(folder), "--port", str(port),
                             "--pin", "4321", *extra], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, env={**os.environ, "PYTHONPATH": str(ROOT)}, cwd=ROOT)
    return proc, port


def cli_json(*args: str):
    proc = run_cli(*args, "--json")
    assert proc.stdout, proc.stderr
    return proc, json.loads(proc.stdout)


@pytest.fixture
def cli():
    return run_cli


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2020, 4, 15, 7, 0, tzinfo=VN_TZ))


def _demo_template(tmp_path_factory) -> Path:
    if "demo" not in _DEMO_CACHE:
        from console.cli.demo import create_demo

        base = tmp_path_factory.mktemp("demo-template") / "event"
        create_demo(base)
        _DEMO_CACHE["demo"] = base
    return _DEMO_CACHE["demo"]


@pytest.fixture
def demo_dir(tmp_path, tmp_path_factory) -> Path:
    """A fresh copy of the demo event (140 fictional delegates) for each test."""
    target = tmp_path / "hoi-nghi"
    shutil.copytree(_demo_template(tmp_path_factory), target)
    return target


@pytest.fixture
def demo_event(demo_dir, clock):
    from console.event import Event

    return Event(demo_dir, desk="ban-1", clock=clock)


@pytest.fixture
def demo_app(demo_dir, clock):
    """The console on a fresh demo folder, as the host opens it: `demo_app("desk", role="desk", desk="ban-1")`.

    The fake clock and a quick folder poll by default; any `make_app` argument may be given."""
    from screens.app import make_app

    def make(mode: str = "status", **kw):
        kw.setdefault("clock", clock)
        kw.setdefault("poll_seconds", 0.05)
        return make_app(demo_dir, mode=mode, **kw)

    return make
