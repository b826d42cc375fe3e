"""console/ never imports Textual (as Harlequin enforces for its core)."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_no_textual_import_in_console_sources():
    offenders = [str(p) for p in (ROOT / "console").rglob("*.py")
                 if any(line.strip().startswith(("import textual", "from textual")) for line in p.read_text().splitlines())]
    assert offenders == []


def test_importing_every_core_module_leaves_textual_unloaded():
    code = (
        "import importlib, pkgutil, sys, console\n"
        "for m in pkgutil.walk_packages(console.__path__, 'console.'):\n"
        "    importlib.import_module(m.name)\n"
        "bad = sorted(k for k in sys.modules if k == 'textual' or k.startswith('textual.'))\n"
        "print(bad); sys.exit(1 if bad else 0)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_cli_status_does_not_load_textual(demo_dir):
    code = (
        "import sys\nfrom console.cli import main\n"
        f"rc = main(['status', {str(demo_dir)!r}, '--json'])\n"
        "assert rc == 0\n"
        "sys.exit(1 if any(k.startswith('textual') for k in sys.modules) else 0)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
