"""agenda.toml: the default plan per level, and every mistake named by file, segment and key."""

from __future__ import annotations

import pytest

from console.agenda.mc_lines import fill
from console.agenda.plan import load_agenda, parse_agenda, render_default_agenda, roles
from console.ceremony.introductions import office
from console.ground.errors import UserError


def test_default_plans_fit_half_a_day():
    for level in ("co-so", "huyen-nganh", "tinh"):
        a = parse_agenda(render_default_agenda(level))
        assert len(a.segments) == 10 and a.total_minutes <= a.budget_minutes
        assert [s.position for s in a.segments] == list(range(1, 11))
        assert {s.key for s in a.segments if s.protected} == {"khai_mac", "bao_cao", "phat_dong", "thong_qua", "be_mac"}
        assert all(s.min_minutes <= s.minutes for s in a.segments)
    assert parse_agenda(render_default_agenda("co-so")).total_minutes == 150


SEG = '[[segment]]\nkey = "a"\ntitle = "Mục A"\nminutes = 10\n'


@pytest.mark.parametrize("text, message", [
    ("budget_minutes = 200\n", "agenda.toml không có mục nào ([[segment]])"),
    (SEG.replace("minutes = 10", "minutes = 0"), "agenda.toml, mục thứ 1 (“a”), khóa “minutes”: số phút phải lớn hơn 0"),
    (SEG.replace('title = "Mục A"\n', ""), "agenda.toml, mục thứ 1 (“a”): thiếu khóa “title”"),
    (SEG + 'kind = "co giãn"\n', "khóa “kind” = “co giãn”: chọn protected (giữ nguyên) hoặc elastic"),
    (SEG + SEG, "agenda.toml, mục thứ 2 (“a”): khóa “key” = “a” bị trùng"),
    (SEG + "enabled = false\n", "mọi mục đều đang tắt"),
    (SEG + "optional = 1\n", "khóa “optional”: phải là true hoặc false"),
    ("roles = 3\n" + SEG, "mục [roles]: mỗi vai là một chuỗi"),
    ('title = "x\n', "viết sai cú pháp TOML"),
])
def test_mistakes_are_named(text, message):
    with pytest.raises(UserError) as info:
        parse_agenda(text)
    assert message in str(info.value)


def test_disabled_segment_is_dropped_and_positions_follow(demo_event):
    text = render_default_agenda("huyen-nganh").replace('\noptional = true\n', '\noptional = true\nenabled = false\n', 1)
    (demo_event.folder / "agenda.toml").write_text(text, encoding="utf-8")
    a = load_agenda(demo_event)
    assert a.segments[0].key == "khai_mac" and a.segments[0].position == 1 and len(a.segments) == 9


def test_missing_agenda_file_means_the_default_plan(demo_event):
    (demo_event.folder / "agenda.toml").unlink()
    assert len(load_agenda(demo_event).segments) == 10


def test_roles_read_well_by_default(demo_event):
    r = roles(demo_event)
    assert r["presider"] == "Chủ tịch LĐLĐ huyện Nà Lương" and r["launcher"] == r["presider"]
    assert r["reporter"] == "Phó Chủ tịch LĐLĐ huyện Nà Lương"


def test_templates_never_fail():
    assert fill("kính mời đồng chí {presider} và {unknown}", {"presider": "A"}) == "kính mời đồng chí A và …"
    assert fill("dấu { lạc", {}) == "dấu { lạc"
    assert office("Phó Chủ tịch LĐLĐ tỉnh", "LĐLĐ tỉnh Bắc Kạn") == "Phó Chủ tịch LĐLĐ tỉnh Bắc Kạn"
    assert office("Giám đốc", "Trường THCS Thôm Mò") == "Giám đốc Trường THCS Thôm Mò"
    assert office("Chủ tịch LĐLĐ huyện Nà Lương", "LĐLĐ huyện Nà Lương") == "Chủ tịch LĐLĐ huyện Nà Lương"


def test_agenda_core_never_imports_textual():
    import subprocess
    import sys

    code = ("import sys; import console.agenda.plan, console.agenda.run, console.agenda.timing, console.agenda.steps, "
            "console.agenda.mc_lines, console.cli.agenda; print('textual' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
