"""`hoinghi script`: the MC's whole kịch bản as it stands now, as a user runs it."""

from __future__ import annotations

import json

from console.agenda.defaults import EXTRA_PARTS
from console.agenda.plan import render_default_agenda


def _all_parts(folder):
    (folder / "agenda.toml").write_text(render_default_agenda("huyen-nganh", frozenset(EXTRA_PARTS)), encoding="utf-8")


def test_the_demo_script_is_complete_with_the_optional_parts(demo_dir, cli):
    _all_parts(demo_dir)
    proc = cli("script", demo_dir)
    assert proc.returncode == 0, proc.stderr
    text = proc.stdout
    data = json.loads(cli("script", demo_dir, "--json").stdout)
    assert data["names_from"] == "registered"  # before the day: from the lists
    keys = [p["key"] for p in data["parts"]]
    assert keys == ["van_nghe", "on_dinh", "chao_co", "khai_mac", "bau_doan", "thong_qua_ct", "bao_cao", "tham_luan",
                    "giao_luu", "khen_thuong", "phat_dong", "huong_ung", "thong_qua", "chi_dao", "be_mac"]
    for p in data["parts"]:  # every part: its heading, its time, the MC's words
        assert f"### {p['position']}. {p['title']}" in text and p["planned_start"] in text
        assert p["mc_lines"] or p["mc_after"], p["key"]
    assert "Nghiêm! Chào cờ — Chào!" in text and "Quốc ca" in text
    assert "tổng số đại biểu được triệu tập là" in text
    by_key = {p["key"]: p for p in data["parts"]}
    opening = by_key["khai_mac"]
    assert opening["listed"][0].startswith("Về phía ") and "Nông Thế Giang" in opening["people"]
    assert opening["mc_after"].startswith("Trân trọng kính mời đồng chí") and "khai mạc" in opening["mc_after"]
    speeches = by_key["tham_luan"]["substeps"]
    assert speeches and all(s["person"] and s["mc_lines"] and s["planned_minutes"] > 0 for s in speeches)
    batches = by_key["khen_thuong"]["substeps"]
    assert batches and all(b["presenter"] for b in batches if b["title"].startswith("Đợt"))
    assert all("lên trao thưởng" in " ".join(b["mc_lines"]) for b in batches if b["title"].startswith("Đợt"))
    assert "1. Văn nghệ chào mừng;" in text  # Thông qua chương trình reads the programme
    assert "Đồng chí nào không tán thành? Có ý kiến nào khác không?" in text
    assert "{" not in text and "Traceback" not in proc.stderr


def test_names_come_from_who_is_present_once_the_door_opens(demo_event, demo_dir, cli):
    from console.door.checkin import checkin_delegate

    everyone = demo_event.delegates()
    guest = next(i for i, d in everyone.items() if d.position.startswith("Phó Chủ tịch LĐLĐ tỉnh"))
    checkin_delegate(demo_event, guest)
    data = json.loads(cli("script", demo_dir, "--json").stdout)
    assert data["names_from"] == "present"
    opening = next(p for p in data["parts"] if p["key"] == "khai_mac")
    assert opening["people"] == [everyone[guest].name]  # only who is in the hall


def test_the_script_as_word_and_markdown_files(demo_dir, cli, tmp_path):
    from docx import Document

    out = tmp_path / "kich-ban.docx"
    proc = cli("script", demo_dir, "--out", out)
    assert proc.returncode == 0 and "Đã ghi kịch bản" in proc.stdout
    words = "\n".join(p.text for p in Document(str(out)).paragraphs)
    assert "KỊCH BẢN CHƯƠNG TRÌNH" in words and "Tham luận của các điển hình tiên tiến" in words
    assert "MC: Trân trọng kính mời đồng chí" in words
    md = tmp_path / "kb.md"
    assert cli("script", demo_dir, "--out", md).returncode == 0
    assert md.read_text(encoding="utf-8").startswith("**LĐLĐ TỈNH BẮC KẠN**")
    bad = cli("script", demo_dir, "--out", tmp_path / "kb.pdf")
    assert bad.returncode == 2 and "chọn tệp .docx (Word) hoặc .md" in bad.stderr and not (tmp_path / "kb.pdf").exists()


def test_the_attendance_report_says_when_the_hall_is_short_of_two_thirds(demo_dir, clock):
    from fractions import Fraction

    from console.agenda import steps
    from console.agenda.timing import view
    from console.door.checkin import checkin_delegate
    from console.event import Event
    from console.record.vote import needed

    (demo_dir / "agenda.toml").write_text(render_default_agenda("huyen-nganh", {"on_dinh"}), encoding="utf-8")
    ev = Event(demo_dir, clock=clock)
    summoned = [i for i, d in ev.delegates().items() if d.exemplary]
    need = needed(Fraction(2, 3), len(summoned), True)
    for i in summoned[:need - 1]:
        checkin_delegate(ev, i)
    steps.start(ev)
    steps.jump(ev, "2")
    assert f"chưa đạt ít nhất 2/3 tổng số đại biểu được triệu tập (cần {need} đồng chí)" in view(ev).current.mc_line
    checkin_delegate(ev, summoned[need - 1])
    assert "hội nghị đủ điều kiện tiến hành" in view(ev).current.mc_line


def test_the_docs_hold_the_demo_script():
    from pathlib import Path

    doc = Path(__file__).resolve().parents[1] / "docs" / "kich-ban-demo.md"
    text = doc.read_text(encoding="utf-8")
    assert "# KỊCH BẢN CHƯƠNG TRÌNH" in text and "### 3. Chào cờ" in text and "### 15. Tổng kết và bế mạc" in text
