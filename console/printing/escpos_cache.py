"""Where python-escpos keeps its printer database, read once per machine instead of once per process.

On import, python-escpos parses its 1 MB capabilities.json with a pure-Python YAML reader
(~140 ms) unless a pickle of it sits in ESCPOS_CAPABILITIES_PICKLE_DIR — and that directory
defaults to a new `mkdtemp()` every time: every process paid the parse and left a folder with
a 100 KB pickle in the temp directory (1,981 of them here after a day of tests).

So, before escpos is imported: the directory is the user's own cache folder (0700: the pickle
is code to whoever can write it), and the pickle is made there once, by us, atomically (the
file is plain JSON; escpos would write it in place, and a second desk starting meanwhile would
read half a pickle). Set ESCPOS_CAPABILITIES_PICKLE_DIR yourself and it is left alone.
"""

from __future__ import annotations

import json
import os
import pickle
import platform
from pathlib import Path

ENV = "ESCPOS_CAPABILITIES_PICKLE_DIR"


def cache_dir() -> Path:
    if os.name == "nt":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "hoinghi" / "escpos"


def _capabilities_file() -> Path | None:
    import importlib.util

    spec = importlib.util.find_spec("escpos")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "capabilities.json"
    return path if path.is_file() else None


def prepare() -> None:
    """Point python-escpos at a pickle of its database made once; quiet on any failure (escpos then
    parses as it always did)."""
    if os.environ.get(ENV):  # set by the user, or by this program in a parent process
        _import_without_a_temp_folder(Path(os.environ[ENV]))
        return
    try:
        folder = cache_dir()
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        target = folder / f"{platform.python_version()}.capabilities.pickle"
        source = Path(os.environ.get("ESCPOS_CAPABILITIES_FILE") or _capabilities_file() or "")
        if not source.is_file():
            return
        if not target.is_file() or target.stat().st_mtime < source.stat().st_mtime:
            from console.ground.storage import atomic_write_bytes

            data = json.loads(source.read_text(encoding="utf-8"))
            atomic_write_bytes(target, pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL), mode=0o600)
        os.environ[ENV] = str(folder)
    except Exception:  # noqa: BLE001 - a cache: never in the way of printing
        return
    _import_without_a_temp_folder(folder)


def _import_without_a_temp_folder(folder: Path) -> None:
    """escpos.capabilities reads `environ.get(ENV, mkdtemp())`: the default is made even when the
    variable is set, so each process still left an empty folder behind. For that one import,
    mkdtemp answers with our folder."""
    import sys
    import tempfile

    if "escpos.capabilities" in sys.modules:
        return
    real = tempfile.mkdtemp
    tempfile.mkdtemp = lambda *a, **k: str(folder)
    try:
        import escpos.capabilities  # noqa: F401
    except Exception:  # noqa: BLE001 - imported again (and failing loudly) where it is used
        pass
    finally:
        tempfile.mkdtemp = real
