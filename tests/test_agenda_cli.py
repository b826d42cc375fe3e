"""`hoinghi agenda`, `hoinghi step`, `hoinghi timings` as a user runs them (subprocesses)."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from console.ground.clock import VN_TZ


def today_event(folder) -> None:
    """The CLI runs on the wall clock: move the demo's date to today, starting 10 minutes ago."""
    now = datetime.now(VN_TZ) - timedelta(minutes=10)
    path = folder / "event.toml"
    text = path.read_text(encoding="utf-8")
    text = text.replace('date = "15/04/2020"', f'date = "{now:%d/%m/%Y}"').replace('start = "07:30"', f'start = "{now:%H:%M}"')
    path.write_text(text, encoding="utf-8")


def test_agenda_prints_the_plan_against_the_half_day(demo_dir, cli):
    proc = cli("agenda", demo_dir)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0].startswith("  1. 07:30    15 ph  [co giãn ≥5]  Văn nghệ chào mừng")
    assert "Tổng: 190 phút / nửa ngày 210 phút (còn dư 20 phút); kết thúc dự kiến 10:40." in proc.stdout
    proc = cli("agenda", demo_dir, "--json")
    data = json.loads(proc.stdout)
    assert [s["position"] for s in data["segments"]] == [str(i) for i in range(1, 11)]
    assert data["total_minutes"] == 190 and data["budget_minutes"] == 210
    assert data["segments"][3]["key"] == "tham_luan" and data["segments"][3]["substeps"] == []
    assert data["planned_end"] == "2020-04-15T10:40:00.000+07:00"


def test_steps_and_timings_through_the_journal(demo_dir, cli):
    today_event(demo_dir)
    proc = cli("step", demo_dir, "next")
    assert proc.returncode == 2 and "chưa bắt đầu" in proc.stderr and "Traceback" not in proc.stderr
    proc = cli("step", demo_dir, "start", "--json")
    data = json.loads(proc.stdout)
    assert proc.returncode == 0 and data["ok"] and data["current"] == "Văn nghệ chào mừng"
    assert 10 <= data["drift_minutes"] < 12  # started 10–11 minutes after the planned start (HH:MM)
    proc = cli("step", demo_dir, "approve", "--json")  # 10 late: cut from the elastic segments to come
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert abs(data["drift_minutes"]) <= 1 and "Đã duyệt phân bổ lại" in data["message"]
    for step in ("next", "next", "back", "extend", "pause", "resume"):
        proc = cli("step", demo_dir, step)
        assert proc.returncode == 0, (step, proc.stderr)
    assert "Đồng hồ chạy tiếp." in proc.stdout and "dự báo" in proc.stdout
    proc = cli("step", demo_dir, "jump")
    assert proc.returncode == 2 and "cần số mục" in proc.stderr
    proc = cli("step", demo_dir, "jump", "12")
    assert proc.returncode == 2 and "Không có mục “12”" in proc.stderr
    assert cli("step", demo_dir, "jump", "5").returncode == 0
    assert cli("step", demo_dir, "skip").returncode == 0

    proc = cli("timings", demo_dir, "--json")
    data = json.loads(proc.stdout)
    rows = {r["position"]: r for r in data["rows"]}
    assert set(rows["1"]) == {"position", "title", "kind", "key", "planned_start", "planned_minutes", "actual_start",
                              "actual_end", "actual_minutes", "status"}
    assert [rows[p]["status"] for p in ("1", "2", "3", "5", "6")] == ["done", "done", "pending", "skipped", "running"]
    assert rows["2"]["actual_end"] is not None  # left by the jump
    assert rows["5"]["actual_start"] is None
    s = data["summary"]
    assert s["current"] == "Biểu dương, tôn vinh, khen thưởng" and s["closed_at"] is None
    proc = cli("timings", demo_dir)
    assert proc.returncode == 0 and "đang" in proc.stdout and "Đang diễn ra: Biểu dương" in proc.stdout
    proc = cli("verify", demo_dir)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_a_broken_agenda_is_named_by_file_segment_and_key(demo_dir, cli):
    path = demo_dir / "agenda.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("min_minutes = 20", "min_minutes = 90", 1), encoding="utf-8")
    proc = cli("agenda", demo_dir)
    assert proc.returncode == 2
    assert "agenda.toml, mục thứ 8 (“tham_luan”), khóa “min_minutes” = 90 lớn hơn “minutes” = 45" in proc.stderr  # the 8th block of the file (optional parts switched off come before it)
