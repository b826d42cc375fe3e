"""The CLI imports only the command it runs: a check-in never loads the screens, the workbook or images."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys

import pytest

from console.cli import COMMAND_MODULES, COMMANDS, build_parser, parser_for

HEAVY = ("textual", "openpyxl", "PIL", "escpos", "docx", "qrcode", "rich", "textual_serve", "aiohttp")


def _commands(parser: argparse.ArgumentParser) -> set[str]:
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return set(sub.choices)


@pytest.mark.parametrize("module", COMMAND_MODULES)
def test_the_command_table_names_exactly_what_each_module_registers(module):
    registered = _commands(build_parser((module,)))
    assert registered == {c for c, m in COMMANDS.items() if m == module}


def test_every_command_is_in_the_table_and_an_unknown_word_gets_the_whole_parser():
    assert _commands(build_parser()) == set(COMMANDS)
    assert _commands(parser_for(["checkin", "x", "y"])) == {"checkin", "undo", "checkout", "walkin", "tokens"}
    assert _commands(parser_for(["chekin"])) == set(COMMANDS)  # argparse then says which commands exist
    assert _commands(parser_for([])) == set(COMMANDS)
    assert _commands(parser_for(["--help"])) == set(COMMANDS)


_PROBE = """
import json, sys
from console.cli import main
code = main(sys.argv[1:])
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


def _modules_after(*argv: str) -> tuple[int, list[str], str]:
    done = subprocess.run([sys.executable, "-c", _PROBE, *argv], capture_output=True, text=True, timeout=120)
    last = json.loads(done.stdout.strip().splitlines()[-1])
    return last["code"], last["modules"], done.stdout


def test_hoinghi_checkin_loads_no_screen_workbook_or_image_library(demo_dir):
    from console.door.tokens import make_token
    from console.event import Event

    ev = Event(demo_dir, desk="ban-1")
    token = make_token(ev.secret, sorted(ev.imported)[0])
    code, modules, out = _modules_after("checkin", str(demo_dir), token, "--desk", "ban-1")
    assert code == 0, out
    assert "Đã điểm danh" in out
    loaded = {m.split(".")[0] for m in modules}
    assert not loaded & set(HEAVY), sorted(loaded & set(HEAVY))
    other_areas = {m for m in modules if m.startswith("console.cli.")} - {"console.cli.door", "console.cli.common"}
    assert not other_areas, other_areas


def test_status_json_loads_no_screen_either(demo_dir):
    code, modules, out = _modules_after("status", str(demo_dir), "--json")
    assert code == 0, out
    loaded = {m.split(".")[0] for m in modules}
    assert not loaded & {"textual", "openpyxl", "PIL", "escpos", "docx", "qrcode"}, sorted(loaded)
