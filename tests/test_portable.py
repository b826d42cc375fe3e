"""A host that runs on Windows: no fcntl, no folder fsync, no fchmod, replace that can be refused.

Windows cannot run here, so each Windows behaviour is forced: `fcntl` made unimportable in a
subprocess that opens an event and checks people in, and HOINGHI_FORCE_PORTABLE=1 for the
branches the storage takes on Windows (CI runs the whole suite a second time with it).
"""

from __future__ import annotations

import ast
import errno
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from console.ground import storage
from console.ground.errors import UserError
from console.ground.journal import Journal
from console.ground.storage import FileLock, atomic_write_text, lock_path_for

ROOT = Path(__file__).resolve().parent.parent
SECRET = b"k" * 32
POSIX_ONLY = {"fcntl", "termios", "tty", "pty", "grp", "pwd", "resource"}


def _guarded(node: ast.Try) -> bool:
    """`try: import resource / except ImportError:` — a POSIX module taken only where it exists."""
    for h in node.handlers:
        names = [h.type] if not isinstance(h.type, ast.Tuple) else list(h.type.elts)
        if any(isinstance(n, ast.Name) and n.id in ("ImportError", "ModuleNotFoundError") for n in names):
            return True
    return False


def _imports(path: Path) -> set[str]:
    """Modules imported unconditionally (an import under `try/except ImportError` is a fallback)."""
    names: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.Try) and _guarded(node):
            for child in node.handlers + node.orelse + node.finalbody:
                visit(child)
            return
        if isinstance(node, ast.Import):
            names.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    return names


def test_no_module_of_ours_imports_a_posix_only_module():
    offenders = {str(p.relative_to(ROOT)): sorted(_imports(p) & POSIX_ONLY)
                 for folder in ("console", "screens") for p in (ROOT / folder).rglob("*.py")
                 if _imports(p) & POSIX_ONLY}
    assert offenders == {}


# Run in a fresh interpreter where `import fcntl` fails, as on Windows: every core module
# imports, an event is made, people check in from two Event objects, the chain verifies.
_NO_FCNTL = r"""
import sys
sys.modules["fcntl"] = None  # `import fcntl` now raises ImportError, as on Windows
import importlib, pkgutil, console
loaded = []
for m in pkgutil.walk_packages(console.__path__, "console."):
    if m.name in ("console.__main__",) or ".bench" in m.name:
        continue
    importlib.import_module(m.name)
    loaded.append(m.name)
from pathlib import Path
from console.bench.fixtures import make_big_event
from console.door.checkin import checkin_delegate
from console.event import Event
from console.ground.journal_check import verify
folder = Path(sys.argv[1])
ev = make_big_event(folder, 30)
other = Event(folder, desk="ban-2")
assert checkin_delegate(ev, 1).result == "checked_in"
assert checkin_delegate(other, 1).result == "already_checked_in"
assert checkin_delegate(other, 2).result == "checked_in"
ev.refresh()
assert sorted(ev.day.present) == [1, 2], ev.day.present
assert verify(ev.journal.path, ev.secret)[1] == []
assert "fcntl" not in {k for k, v in sys.modules.items() if v is not None}
print(len(loaded), "modules")
"""


def test_the_core_runs_with_fcntl_unimportable(tmp_path):
    proc = subprocess.run([sys.executable, "-W", "ignore", "-c", _NO_FCNTL, str(tmp_path / "ev")],
                          capture_output=True, text=True, timeout=120, cwd=ROOT,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert int(proc.stdout.split()[0]) > 40  # the walk really imported the core


def test_the_journal_locks_a_side_file_never_the_journal(tmp_path):
    """Windows locks are mandatory: a lock on journal.jsonl would stop every other desk reading it.
    The writer's lock is journal.lock; while another holder has it, the append waits (and says so)."""
    path = tmp_path / "journal.jsonl"
    j = Journal(path, SECRET)
    j.append("checkin", {"delegate_id": 1})
    assert j.lock.path == tmp_path / "journal.lock" == lock_path_for(path)
    j._lock = FileLock(j.lock.path, timeout=0.3)
    holder = FileLock(tmp_path / "journal.lock")
    held, release = threading.Event(), threading.Event()

    def hold():
        with holder():
            held.set()
            release.wait(10)

    t = threading.Thread(target=hold)
    t.start()
    try:
        assert held.wait(10)
        assert Journal(path, SECRET).poll()[0].data == {"delegate_id": 1}  # reading never waits
        with pytest.raises(UserError, match="giữ quá lâu"):
            j.append("checkin", {"delegate_id": 2})
    finally:
        release.set()
        t.join()
    assert j.append("checkin", {"delegate_id": 2}).n == 2


def _refusals(times: int, monkeypatch) -> list:
    real = os.replace
    calls: list = []

    def refusing(src, dst):
        calls.append(dst)
        if len(calls) <= times:
            err = PermissionError(errno.EACCES, "The process cannot access the file because it is being used")
            err.winerror = 32  # ERROR_SHARING_VIOLATION
            raise err
        return real(src, dst)

    monkeypatch.setattr(storage.os, "replace", refusing)
    return calls


def test_replace_waits_out_a_reader_holding_the_file_on_windows(tmp_path, monkeypatch):
    monkeypatch.setenv("HOINGHI_FORCE_PORTABLE", "1")
    calls = _refusals(3, monkeypatch)
    atomic_write_text(tmp_path / "roster.json", "{}")
    assert (tmp_path / "roster.json").read_text() == "{}" and len(calls) == 4


def test_replace_gives_up_with_a_sentence_when_the_file_stays_held(tmp_path, monkeypatch):
    monkeypatch.setenv("HOINGHI_FORCE_PORTABLE", "1")
    monkeypatch.setattr(storage, "REPLACE_RETRY_S", 0.05)
    _refusals(10**6, monkeypatch)
    with pytest.raises(UserError, match="roster.json"):
        atomic_write_text(tmp_path / "roster.json", "{}")
    assert not (tmp_path / "roster.json").exists()
    assert not [p for p in tmp_path.iterdir() if p.suffix == ".tmp"]  # nothing half-written left


def test_on_posix_a_refused_replace_is_not_retried(tmp_path, monkeypatch):
    monkeypatch.delenv("HOINGHI_FORCE_PORTABLE", raising=False)
    if os.name == "nt":
        pytest.skip("POSIX behaviour")
    calls = _refusals(1, monkeypatch)
    with pytest.raises(UserError):
        atomic_write_text(tmp_path / "roster.json", "{}")
    assert len(calls) == 1


def test_no_folder_fsync_and_no_fchmod_on_the_portable_path(tmp_path, monkeypatch):
    monkeypatch.setenv("HOINGHI_FORCE_PORTABLE", "1")
    real_open = os.open

    def no_folders(path, flags, *a):
        if Path(path).is_dir():
            raise PermissionError(errno.EACCES, "Access is denied")  # what Windows says
        return real_open(path, flags, *a)

    monkeypatch.setattr(storage.os, "open", no_folders)
    monkeypatch.delattr(storage.os, "fchmod", raising=False)
    atomic_write_text(tmp_path / "secret.key", "ab" * 32, mode=0o600)
    j = Journal(tmp_path / "journal.jsonl", SECRET)
    assert j.append("checkin", {"delegate_id": 1}).n == 1  # a new journal: its folder is not fsync'd


def test_a_folder_fsync_the_file_system_refuses_is_skipped(tmp_path, monkeypatch):
    """Some network shares answer EINVAL to fsync on a folder: that is not a failed write."""
    monkeypatch.delenv("HOINGHI_FORCE_PORTABLE", raising=False)
    real_fsync = os.fsync

    def picky(fd):
        import stat

        if stat.S_ISDIR(os.fstat(fd).st_mode):
            raise OSError(errno.EINVAL, "Invalid argument")
        return real_fsync(fd)

    monkeypatch.setattr(storage.os, "fsync", picky)
    atomic_write_text(tmp_path / "a.txt", "x")
    assert (tmp_path / "a.txt").read_text() == "x"


@pytest.mark.parametrize("uri, target", [
    ("win32raw://POS-80", "POS-80"),
    ("win32raw://Máy in quầy 1?width=58", "Máy in quầy 1"),
    ("win32raw://M%C3%A1y%20in%20qu%E1%BA%A7y", "Máy in quầy"),
    ("serial://COM3", "COM3"),
    ("serial://COM3?baud=19200", "COM3"),
    ("serial:///dev/ttyUSB0", "/dev/ttyUSB0"),
])
def test_windows_printer_uris(uri, target):
    from console.printing.printers import parse_uri

    spec = parse_uri(uri)
    assert spec.target == target
    assert spec.width_mm == (58 if "width=58" in uri else 80)


def test_a_windows_printer_without_a_name_is_a_sentence():
    from console.printing.printers import parse_uri

    with pytest.raises(UserError, match="tên máy in Windows"):
        parse_uri("win32raw://")


def test_a_windows_printer_without_pywin32_says_which_extra_to_install(monkeypatch):
    from console.printing.printers import PrintError, parse_uri, send_bytes

    monkeypatch.setitem(sys.modules, "win32print", None)  # as on any host without pywin32
    with pytest.raises(PrintError) as err:
        send_bytes(parse_uri("win32raw://POS-80"), b"\x1b@")
    assert err.value.code == "missing" and ".[windows]" in err.value.message
