"""console/ never imports Textual or the screens (as Harlequin enforces for its core).

Three views of one rule: every core module imported in a fresh interpreter leaves
Textual unloaded; the import-linter contracts in pyproject.toml hold (the agenda
knows no ceremony, the areas are layered); the import graph has no cycle.
"""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Running these runs the CLI (and exits): they are entry points, imported by nothing.
ENTRY_POINTS = {"console.__main__", "console.bench.__main__"}


def core_modules() -> list[str]:
    """Every module under console/, from the files themselves (a new file is included at once)."""
    out = []
    for p in sorted((ROOT / "console").rglob("*.py")):
        parts = list(p.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        name = ".".join(parts)
        if name not in ENTRY_POINTS:
            out.append(name)
    return out


def test_importing_every_core_module_leaves_textual_unloaded():
    modules = core_modules()
    assert len(modules) > 80 and "console.ground.settings" in modules and "console.cli.app" in modules
    code = (
        "import importlib, json, sys\n"
        f"names = {modules!r}\n"
        "for n in names:\n"
        "    importlib.import_module(n)\n"
        "loaded = [n for n in names if n in sys.modules]\n"
        "ui = sorted(k for k in sys.modules if k.split('.')[0] in ('textual', 'screens'))\n"
        "print(json.dumps({'loaded': len(loaded), 'ui': ui}))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    seen = json.loads(proc.stdout.strip().splitlines()[-1])
    assert seen["loaded"] == len(modules)  # it really imported all of them (nothing exited early)
    assert seen["ui"] == []


def test_no_textual_import_in_console_sources():
    """Also the lines no run reaches (a late import inside a function)."""
    offenders = [str(p) for p in (ROOT / "console").rglob("*.py")
                 if any(line.strip().startswith(("import textual", "from textual")) for line in
                        p.read_text(encoding="utf-8").splitlines())]
    assert offenders == []


def test_cli_status_does_not_load_textual(demo_dir):
    code = (
        "import sys\nfrom console.cli import main\n"
        f"rc = main(['status', {str(demo_dir)!r}, '--json'])\n"
        "assert rc == 0\n"
        "sys.exit(1 if any(k.startswith('textual') for k in sys.modules) else 0)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


def test_the_import_contracts_hold():
    """pyproject.toml [tool.importlinter]: no Textual/screens in the core, the agenda knows no
    ceremony, only the importer reads lists, each area imports only those below it."""
    exe = Path(sys.executable).with_name("lint-imports")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-c", "from importlinter.cli import lint_imports_command; lint_imports_command()"]
    proc = subprocess.run([*cmd, "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]
    assert "4 kept, 0 broken" in proc.stdout


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on.add(root)
        while work:
            v, it = work[-1]
            w = next(it, None)
            if w is not None:
                if w not in index:
                    index[w] = low[w] = counter
                    counter += 1
                    stack.append(w)
                    on.add(w)
                    work.append((w, iter(sorted(graph.get(w, ())))))
                elif w in on:
                    low[v] = min(low[v], index[w])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[v])
            if low[v] == index[v]:
                comp = []
                while True:
                    x = stack.pop()
                    on.discard(x)
                    comp.append(x)
                    if x == v:
                        break
                if len(comp) > 1:
                    found.append(sorted(comp))
    return found


def test_cycles_finds_a_loop():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_the_import_graph_has_no_cycle():
    """Every import counts, the late ones inside functions too (grimp reads them all)."""
    import grimp

    g = grimp.build_graph("console", "screens")
    graph = {m: set(g.find_modules_directly_imported_by(m)) for m in g.modules}
    assert len(graph) > 100
    assert cycles(graph) == []


def test_the_version_is_written_once(cli):
    """pyproject.toml holds it; `--version` reads it from the installed metadata."""
    import re
    import tomllib

    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    proc = cli("--version")
    assert proc.returncode == 0 and proc.stdout.strip() == f"hoinghi {declared}"
    elsewhere = [str(p) for p in [*(ROOT / "console").rglob("*.py"), *(ROOT / "screens").rglob("*.py")]
                 if re.search(rf'["\']{re.escape(declared)}["\']', p.read_text(encoding="utf-8"))]
    assert elsewhere == []


def test_no_module_hides_a_missing_import():
    """A swallowed ImportError turned a renamed function into an empty Awards sheet and the agenda's
    sub-steps into nothing, in silence. Only optional hardware libraries may be missing."""
    import re

    allowed = {"console/printing/printers.py", "console/bench/startup.py", "console/bench/process.py",
               "console/ground/oslock.py"}  # (no fcntl: Windows, the portable library's lock)
    found = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "console").rglob("*.py")
                   if re.search(r"except\b[^:\n]*(ImportError|ModuleNotFoundError)", p.read_text(encoding="utf-8"))
                   and str(p.relative_to(ROOT)) not in allowed)
    assert found == []
