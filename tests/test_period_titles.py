"""The period and the titles come from the event: `init --date 20/05/2025` gives 2020–2025 and
2025–2030 everywhere; badges, certificates and the report refuse a title with a blank."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from console.ground.errors import UserError
from console.ground.period import Period, cycle_of, parse_period

DEMO_ROSTER = Path(__file__).resolve().parents[1] / "data" / "demo" / "danh-sach-dai-bieu.xlsx"


@pytest.mark.parametrize(("year", "period"), [(2025, "2020–2025"), (2023, "2020–2025"), (2021, "2020–2025"),
                                               (2020, "2015–2020"), (2026, "2025–2030"), (2030, "2025–2030")])
def test_the_cycle_of_a_year(year, period):
    assert str(cycle_of(year)) == period


@given(st.integers(1950, 2190))
def test_a_cycle_ends_on_a_multiple_of_five_and_holds_its_year(year):
    p = cycle_of(year)
    assert p.end % 5 == 0 and p.years == 5 and p.start < year <= p.end
    assert p.following == Period(p.end, p.end + 5)


@pytest.mark.parametrize("text", ["2020-2025", "2020–2025", " 2020 - 2025 ", "2020—2025"])
def test_a_period_as_people_type_it(text):
    assert str(parse_period(text, "--period")) == "2020–2025"


@pytest.mark.parametrize("text", ["2025", "2020-25", "hai nghìn", "2025-2020", "2020-2045", "2020/2025"])
def test_a_wrong_period_is_a_sentence(text):
    with pytest.raises(UserError, match="--period: .*ví dụ 2020-2025"):
        parse_period(text, "--period")


def _init(cli, folder, *extra):
    proc = cli("init", folder, "--level", "huyen-nganh", "--name", "LĐLĐ huyện Bạch Thông",
               "--parent", "LĐLĐ tỉnh Bắc Kạn", *extra)
    assert proc.returncode == 0, proc.stderr
    return folder


def test_init_on_a_2025_date_gives_2020_2025_and_2025_2030_everywhere(tmp_path, cli):
    folder = _init(cli, tmp_path / "hn", "--date", "20/05/2025", "--edition", "V")
    toml = (folder / "event.toml").read_text(encoding="utf-8")
    assert 'period = "2020–2025"' in toml and 'next_period = "2025–2030"' in toml
    assert '"LẦN THỨ V, GIAI ĐOẠN 2020–2025"' in toml
    assert 'parent_unit = "LĐLĐ tỉnh Bắc Kạn"' in toml
    agenda = json.loads(cli("agenda", folder, "--json").stdout)
    titles = {s["key"]: s["title"] for s in agenda["segments"]}
    assert titles["bao_cao"] == ("Báo cáo tổng kết phong trào thi đua và công tác khen thưởng 05 năm (2020–2025), "
                                 "phương hướng 2025–2030")
    assert titles["phat_dong"] == "Phát động phong trào thi đua giai đoạn 2025–2030"
    minutes = cli("minutes", folder, "--out", "-").stdout
    assert "2020–2025" in minutes
    every = toml + json.dumps(agenda, ensure_ascii=False) + minutes
    assert "2015" not in every and "…, GIAI" not in every

    from console.agenda import steps
    from console.agenda.timing import view
    from console.event import Event

    ev = Event(folder)
    steps.start(ev)
    steps.jump(ev, "7")
    assert view(ev).current.mc_line.endswith("phát động phong trào thi đua giai đoạn 2025–2030.")
    steps.jump(ev, "3")
    assert "05 năm, giai đoạn 2020–2025, phương hướng nhiệm vụ giai đoạn 2025–2030" in view(ev).current.mc_line


def test_init_takes_the_period_and_edition_it_is_given(tmp_path, cli):
    folder = _init(cli, tmp_path / "hn", "--date", "20/05/2025", "--period", "2021-2025", "--edition", "III")
    toml = (folder / "event.toml").read_text(encoding="utf-8")
    assert 'period = "2021–2025"' in toml and 'next_period = "2025–2029"' in toml
    assert "LẦN THỨ III, GIAI ĐOẠN 2021–2025" in toml


def test_a_wrong_period_at_init_writes_nothing(tmp_path, cli):
    proc = cli("init", tmp_path / "x", "--level", "co-so", "--name", "CĐCS", "--period", "2025", "--parent", "")
    assert proc.returncode != 0 and "Traceback" not in proc.stderr
    assert "--period: “2025” không phải một giai đoạn" in proc.stderr
    assert not (tmp_path / "x").exists()


def test_badges_are_refused_while_the_banner_holds_a_blank(tmp_path, cli):
    folder = _init(cli, tmp_path / "hn", "--date", "20/05/2025")  # no --edition: "LẦN THỨ …"
    assert cli("import", folder, DEMO_ROSTER).returncode == 0
    proc = cli("badges", folder, "--no-wait")
    assert proc.returncode != 0 and "Traceback" not in proc.stderr
    assert re.search(r"Chưa in thẻ đại biểu: tiêu đề còn chỗ trống ở event\.toml, mục \[event\], "
                     r"khóa “banner”, dòng 5: “LẦN THỨ …, GIAI ĐOẠN 2020–2025”", proc.stderr), proc.stderr
    assert "--draft" in proc.stderr
    queue = folder / "print-queue"
    assert not queue.exists() or not list(queue.glob("*.json"))  # nothing queued
    proc = cli("certificate", folder, "--name", "Tổ may 3", "--form", "Giấy khen của LĐLĐ huyện", "--no-wait")
    assert proc.returncode != 0 and "Chưa in giấy chứng nhận" in proc.stderr
    proc = cli("report", folder)
    assert proc.returncode != 0 and "Chưa in báo cáo" in proc.stderr
    assert cli("badges", folder, "--no-wait", "--draft").returncode == 0  # a draft on purpose
    assert list(queue.glob("*.json"))
    path = folder / "event.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('edition = ""', 'edition = "V"')
                    .replace("LẦN THỨ …", "LẦN THỨ V"), encoding="utf-8")
    assert cli("report", folder).returncode == 0


@pytest.mark.parametrize("line", ["LẦN THỨ …, GIAI ĐOẠN 2020–2025", "(TÊN ĐƠN VỊ…)", "LẦN THỨ ..., 2020",
                                  "(Tên đơn vị)"])
def test_what_counts_as_a_blank(line):
    from console.ground.titles import placeholder

    assert placeholder(line)


@pytest.mark.parametrize("line", ["LẦN THỨ V, GIAI ĐOẠN 2020–2025", "LĐLĐ HUYỆN BẠCH THÔNG", "Tổ Đội Đoàn",
                                  "TÔN VINH ĐIỂN HÌNH TIÊN TIẾN"])
def test_what_is_final(line):
    from console.ground.titles import placeholder

    assert placeholder(line) is None


def test_init_offers_the_optional_parts_and_the_agenda_switches_them(tmp_path, cli):
    folder = _init(cli, tmp_path / "hn", "--date", "20/05/2025", "--parts", "chao_co,on_dinh")
    keys = [s["key"] for s in json.loads(cli("agenda", folder, "--json").stdout)["segments"]]
    assert keys[:4] == ["van_nghe", "on_dinh", "chao_co", "khai_mac"] and "bau_doan" not in keys
    text = (folder / "agenda.toml").read_text(encoding="utf-8")
    (folder / "agenda.toml").write_text(text.replace('key = "bau_doan"\ntitle = "Bầu Đoàn Chủ tịch, Đoàn Thư ký"\n'
                                                     'enabled = false', 'key = "bau_doan"\ntitle = "Bầu Đoàn Chủ tịch, '
                                                     'Đoàn Thư ký"\nenabled = true'), encoding="utf-8")
    keys = [s["key"] for s in json.loads(cli("agenda", folder, "--json").stdout)["segments"]]
    assert "bau_doan" in keys
    proc = cli("init", tmp_path / "y", "--level", "co-so", "--name", "CĐCS", "--parts", "chao-co", "--parent", "")
    assert proc.returncode != 0 and "không có phần “chao-co”" in proc.stderr and not (tmp_path / "y").exists()


def test_settling_the_hall_reads_the_live_attendance(demo_dir, clock):
    """Ổn định tổ chức: summoned (guests are not), present, absent — counted at that moment."""
    from console.agenda import steps
    from console.agenda.plan import parse_agenda, render_default_agenda
    from console.agenda.timing import view
    from console.door.checkin import checkin_delegate
    from console.event import Event

    (demo_dir / "agenda.toml").write_text(render_default_agenda("huyen-nganh", {"on_dinh", "chao_co"}),
                                          encoding="utf-8")
    ev = Event(demo_dir, clock=clock)
    people = ev.delegates()
    summoned = [i for i, d in people.items() if d.exemplary]
    guests = [i for i, d in people.items() if not d.exemplary]
    for i in summoned[:-7] + guests[:3]:
        checkin_delegate(ev, i)
    steps.start(ev)
    steps.jump(ev, "2")
    line = view(ev).current.mc_line
    assert (f"tổng số đại biểu được triệu tập là {len(summoned)} đồng chí; có mặt {len(summoned) - 7} đồng chí; "
            f"vắng mặt 7 đồng chí; cùng 3 đồng chí đại biểu khách mời") in line
    steps.next_(ev)
    cur = view(ev).current
    assert "Nghiêm! Chào cờ — Chào!" in cur.mc_line and "Quốc ca" in cur.notes
    assert parse_agenda(render_default_agenda("co-so")).segment("chao_co") is None  # off unless chosen
