"""python-escpos's printer database: parsed once per machine into the user's cache, not once per
process into a new temp folder (each `hoinghi` command left one behind, and paid ~140 ms)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_PROBE = ("import console.printing.raster, escpos.capabilities as c, os; "
          "print(c.full_load, os.environ.get('ESCPOS_CAPABILITIES_PICKLE_DIR'))")


def _run(tmp_path, **extra):
    env = {k: v for k, v in os.environ.items() if k != "ESCPOS_CAPABILITIES_PICKLE_DIR"}
    env.update(TMPDIR=str(tmp_path / "tmp"), XDG_CACHE_HOME=str(tmp_path / "cache"), PYTHONPATH=str(ROOT), **extra)
    out = subprocess.run([sys.executable, "-c", _PROBE], capture_output=True, text=True, env=env, cwd=ROOT, timeout=60)
    assert out.returncode == 0, out.stderr[-2000:]
    return out.stdout.split()


def test_parsed_once_into_the_users_cache_and_no_temp_folder_left(tmp_path):
    (tmp_path / "tmp").mkdir()
    first = _run(tmp_path)
    second = _run(tmp_path)
    cache = tmp_path / "cache" / "hoinghi" / "escpos"
    assert first == ["False", str(cache)] and second == ["False", str(cache)]  # escpos never parsed it itself
    assert [p.name for p in cache.iterdir()] == [f"{sys.version.split()[0]}.capabilities.pickle"]
    assert list((tmp_path / "tmp").iterdir()) == []  # (escpos made a folder here on every import)
    if os.name != "nt":
        assert cache.stat().st_mode & 0o077 == 0  # the pickle is code: only its owner may write it


def test_a_folder_the_user_names_is_kept(tmp_path):
    (tmp_path / "tmp").mkdir()
    mine = tmp_path / "mine"
    mine.mkdir()
    got = _run(tmp_path, ESCPOS_CAPABILITIES_PICKLE_DIR=str(mine))
    assert got[1] == str(mine) and list((tmp_path / "tmp").iterdir()) == []
