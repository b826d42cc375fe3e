"""Settings are checked once, when read: every typo in event.toml / agenda.toml is a sentence
naming the file, the section and the key — at open, through the CLI, with no traceback."""

from __future__ import annotations

import re
from dataclasses import fields
from datetime import date, time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from console.ground.errors import UserError
from console.ground.settings import FREE_SECTIONS, SECTION_TYPES, SECTIONS, read_settings, render_event_toml

BASE = {"event": {"unit": "Công đoàn Viên chức huyện Chợ Mới", "level": "huyen-nganh", "date": "15/04/2020"}}


def _edit(folder, section: str, line: str, *, drop: str | None = None) -> None:
    """Put `line` first under [section] of the demo's event.toml (dropping a key of the same name)."""
    path = folder / "event.toml"
    text = path.read_text(encoding="utf-8")
    if drop:
        # the key's whole value, a list over several lines too
        text = re.sub(rf"(?ms)^{re.escape(drop)}\s*=\s*(\[.*?\]|[^\n]*)\n", "", text, count=1)
    if f"[{section}]\n" in text:
        text = text.replace(f"[{section}]\n", f"[{section}]\n{line}\n", 1)
    else:
        text += f"\n[{section}]\n{line}\n"
    path.write_text(text, encoding="utf-8")


# (section, line to add, key to drop first, command, what the sentence must say)
TYPOS = [
    ("awards", 'batch_overhead_minutes = "hai"', None, "order awards",
     "event.toml, mục [awards], khóa “batch_overhead_minutes” = “hai” không hợp lệ: phải là số phút"),
    ("awards", 'batch_overhead_minutes = "hai"', None, "timings", "khóa “batch_overhead_minutes”"),
    ("awards", 'batch_overhead_minutes = "hai"', None, "ceremony", "khóa “batch_overhead_minutes”"),  # the screen
    ("awards", "seconds_per_person = -5", None, "order awards", "mục [awards], khóa “seconds_per_person” = -5"),
    ("awards", "presenters = 5", None, "order awards", "mục [awards.presenters]: phải là một mục"),
    ("awards", "presenters = { \"Giấy khen\" = 3 }", None, "order awards",
     "mục [awards.presenters], khóa “Giấy khen” = 3 không hợp lệ: ghi người trao"),
    ("awards", 'ranking = "Bằng khen"', "ranking", "status", "mục [awards], khóa “ranking”"),
    ("print", "width_mm = 70", "width_mm", "badges", "mục [print], khóa “width_mm” = 70 không hợp lệ: chọn một trong: 58, 80"),
    ("desk", 'bell_on_error = "có"', "bell_on_error", "status", "mục [desk], khóa “bell_on_error” = “có”"),
    ("stage", "bach_size = 8", None, "status", "mục [stage]: không có khóa “bach_size”. Có phải ý bạn là “batch_size”?"),
    ("votes", "quorum = \"1/2\"", None, "status", "event.toml: không có mục “[votes]”. Có phải ý bạn là “[vote]”?"),
    ("vote", 'quorum = "một nửa"', "quorum", "status", "mục [vote], khóa “quorum” = “một nửa”"),
    ("vote", 'voters = "khach"', "voters", "status", "mục [vote], khóa “voters” = “khach” không hợp lệ: chọn một trong: \"all\""),
    ("vote", "higher_level_seats = 0", "higher_level_seats", "status", "mục [vote], khóa “higher_level_seats” = 0"),
    ("quota", 'max_delegates = "150"', "max_delegates", "status", "mục [quota], khóa “max_delegates” = “150”"),
    ("quota", "exemplary_min = true", "exemplary_min", "status", "mục [quota], khóa “exemplary_min” = true"),
    ("minutes", "presider = 3", None, "status", "mục [minutes], khóa “presider” = 3"),
    ("roles", 'presider = ["A"]', None, "status", "mục [roles], khóa “presider”"),
    ("printers", "desk = 9100", "desk", "status", "mục [printers], khóa “desk” = 9100"),
    ("printers", 'desk = "tpc://192.168.1.50:9100"', "desk", "status",
     "mục [printers], khóa “desk”: Máy in “tpc://192.168.1.50:9100”: kiểu “tpc” không hỗ trợ"),
    ("printers", 'stage = "usb://04b8"', "stage", "order awards", "mục [printers], khóa “stage”: Máy in “usb://04b8”"),
    ("event", 'levle = "tinh"', None, "status", "mục [event]: không có khóa “levle”. Có phải ý bạn là “level”?"),
]


@pytest.mark.parametrize("section,line,drop,command,needle", TYPOS, ids=[f"{t[0]}-{t[3]}-{t[1]}" for t in TYPOS])
def test_a_typo_is_a_sentence_at_open(demo_dir, cli, section, line, drop, command, needle):
    _edit(demo_dir, section, line, drop=drop)
    before = {p.name: p.stat().st_size for p in demo_dir.iterdir() if p.is_file()}
    name, *rest = command.split()
    proc = cli(name, demo_dir, *rest)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert needle in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stderr and "không mong đợi" not in proc.stderr
    assert proc.stderr.rstrip().endswith(".")  # a whole sentence, saying what to do
    assert {p.name: p.stat().st_size for p in demo_dir.iterdir() if p.is_file()} == before  # nothing written


def test_an_agenda_typo_is_named_by_segment_and_key(demo_dir, cli):
    path = demo_dir / "agenda.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("min_minutes = 20", "min_minute = 20", 1), encoding="utf-8")
    proc = cli("agenda", demo_dir)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "agenda.toml, mục thứ 8 (“tham_luan”): không có khóa “min_minute”. Có phải ý bạn là “min_minutes”?" \
        in proc.stderr, proc.stderr
    path.write_text("budget_minute = 200\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    proc = cli("timings", demo_dir)
    assert proc.returncode == 2 and "agenda.toml: không có khóa “budget_minute”" in proc.stderr, proc.stderr


def test_the_values_read_are_the_values_used(demo_dir, cli):
    """The checked section is what the ceremony uses (not a second, lazy parse of the raw table)."""
    _edit(demo_dir, "awards", "batch_overhead_minutes = 2.5\nseconds_per_person = 30")
    from console.event import Event

    ev = Event(demo_dir)
    assert (ev.settings.awards.batch_overhead_minutes, ev.settings.awards.seconds_per_person) == (2.5, 30.0)
    from console.ceremony.awards import plan_awards

    assert plan_awards(ev, present=set(ev.delegates())).overhead_minutes == 2.5


@pytest.mark.parametrize("level", ["co-so", "huyen-nganh", "tinh"])
def test_the_template_reads_back_with_every_section(level):
    import tomllib

    text = render_event_toml(unit="Công đoàn cơ sở Trường Tiểu học Tô Hiến Thành", level=level, name="",
                             event_date=date(2020, 4, 15), start=time(7, 30))
    raw = tomllib.loads(text)
    s = read_settings(raw)
    assert set(raw) <= set(SECTIONS)
    assert s.level == level and s.desk.bell_on_error is True and s.paper.width_mm == 80 and s.vote.quorum == "2/3"  # the charter
    assert s.printers == {"desk": "preview://ban-in", "stage": "preview://ban-in"}


def _keys():
    """(section, key) for every key the schema knows: a key added later is fuzzed too."""
    out = [(section, f.name) for section, cls in SECTION_TYPES.items() for f in fields(cls)]
    return out + [(section, "desk") for section in FREE_SECTIONS]  # free tables: any key


VALUES = st.one_of(st.text(max_size=12), st.integers(-5, 500), st.floats(-5, 500, allow_nan=False), st.booleans(),
                   st.lists(st.one_of(st.text(max_size=6), st.integers()), max_size=3),
                   st.dictionaries(st.text(max_size=4), st.text(max_size=4), max_size=2))


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.sampled_from(_keys()), VALUES)
def test_any_value_of_any_key_reads_or_is_named(where, value):
    section, key = where
    raw = {k: dict(v) for k, v in BASE.items()}
    raw.setdefault(section, {})[key] = value
    try:
        read_settings(raw)
    except UserError as exc:
        msg = str(exc)
        assert (f"mục [{section}], khóa “{key}”" in msg or f"mục [{section}.{key}]" in msg) and msg.endswith("."), msg
