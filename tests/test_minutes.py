"""The biên bản drafted from the journal of a simulated day."""

from __future__ import annotations

from console.record import minutes
from tests.test_report import patched_sources, simulate_day  # noqa: F401  (fixture re-used)


def test_minutes_tell_the_day_from_the_journal(demo_event, clock, patched_sources):  # noqa: F811
    facts = simulate_day(demo_event, clock)
    text = minutes.to_markdown(minutes.draft(demo_event, presider="Hoàng Văn Chủ"))
    everyone = demo_event.delegates()
    attended = len(demo_event.day.first_checkin)
    # the header of Nghị định 30/2020: bodies in full, the number, place and date
    assert "| LIÊN ĐOÀN LAO ĐỘNG TỈNH BẮC KẠN | **CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM** |" in text
    assert "| **LIÊN ĐOÀN LAO ĐỘNG HUYỆN NÀ LƯƠNG** | **Độc lập - Tự do - Hạnh phúc** |" in text
    assert "| Số: ……/BB-LĐLĐ | *Nà Lương, ngày 15 tháng 04 năm 2020* |" in text
    assert "# BIÊN BẢN" in text
    assert "Thời gian: khai mạc lúc 07 giờ 32 phút, ngày 15/04/2020." in text
    assert "Hội nghị bế mạc lúc 11 giờ 05 phút, ngày 15/04/2020." in text
    assert "Chủ trì hội nghị: đồng chí Hoàng Văn Chủ." in text
    assert "Thư ký hội nghị: đồng chí ……" in text  # unknown: left for the secretary
    assert ("Tổng số đại biểu triệu tập: 140 (đại biểu điển hình 104, khách mời 36); đăng ký thêm tại bàn "
            "đón tiếp: 1 (khách vãng lai); tổng số: 141.") in text
    assert f"Đã đến (đã điểm danh): {attended} đại biểu (" in text
    assert f"đang có mặt lúc 09:52: {len(demo_event.day.present)}; đã ra về: 1; vắng: {141 - attended}." in text
    assert "| Đại biểu điển hình tiên tiến | 90 | 78,3 % |" in text  # 90 of 115 who came, to the nearest tenth
    assert "Đạt cơ cấu" in text
    # the guests who came, by name ("Về dự có …"), the walk-in among them; the absent by name
    guests = [everyone[i] for i in demo_event.day.first_checkin if not everyone[i].exemplary]
    assert f"Về dự có {len(guests)} đồng chí khách mời:" in text
    assert "  - Đồng chí Triệu Văn Khách, UBND xã Nà Mò;" in text or "  - Đồng chí Triệu Văn Khách, Xã Nà Mò;" in text
    absent = [d for d in everyone.values() if d.id not in demo_event.day.first_checkin]
    assert f"Vắng mặt: {len(absent)} đại biểu" in text and absent[0].name in text
    # speeches given, not the dropped one; the response is not counted among the tham luận
    assert "Hội nghị đã nghe 2 tham luận" in text and "Mã Thị Hồng" in text and "Hà Thị Mai" not in text
    assert "Lương Văn Tài (Công ty TNHH Chè Phiêng Luông): “Sáng kiến chế biến chè” — 6 phút." in text
    assert "Triệu Thị Đào" not in text.split("Hội nghị đã nghe 2 tham luận")[1].split("**")[0]
    # awards: by form, presented + proxy count as given; the proxy is named; the later one listed
    assert "Hội nghị đã trao 2/4 khen thưởng" in text
    assert "- Bằng khen của Chủ tịch UBND tỉnh (theo Quyết định số …………): 0 tập thể, 1 cá nhân" in text
    assert "Hoàng Văn Minh vắng mặt; đồng chí Lý Thị Hoa nhận thay" in text
    assert "Khen thưởng trao sau hội nghị (1), đơn vị nhận về trao lại:" in text
    assert "- Nông Thị Lan (Trường THCS Nà Lương) — Giấy khen của LĐLĐ huyện." in text
    # the programme
    assert "| 4 | Tham luận của các điển hình tiên tiến | 08:14 | 08:30 | 16 |" in text
    assert "Mã Thị Hồng |" not in text  # sub-steps stay out of the programme table
    assert "Đồng chí Hoàng Văn Chủ tuyên bố lý do, giới thiệu đại biểu và khai mạc hội nghị." in text
    # the vote
    present = len(demo_event.day.present)
    for i in facts["proposed"]:
        assert f"- {everyone[i].name} — " in text
    b = facts["ballot"]  # by the charter: the delegates summoned, guests apart
    assert f"đang có mặt {b.present}/{b.registered} đại biểu điển hình (khách mời không biểu quyết); " \
           f"tán thành {b.votes_for}" in text
    assert b.registered == sum(1 for d in everyone.values() if d.exemplary) and b.present < present
    assert "**Thông qua.**" in text
    # the presider's conclusion is a field to fill; the closing; the signatures
    assert "Kết luận của đồng chí chủ trì hội nghị:" in text
    assert "| **THƯ KÝ** | **CHỦ TRÌ HỘI NGHỊ** |" in text and "|  | Hoàng Văn Chủ |" in text
    assert "\n- " in text and "\n\n\n" not in text


def test_roles_fill_the_presider_and_the_secretary(demo_event, demo_dir, clock, cli):
    """[roles] in event.toml names who presides and who keeps the minutes (was "đồng chí ……" even when set)."""
    path = demo_dir / "event.toml"
    path.write_text(path.read_text(encoding="utf-8") + '\n[roles]\npresider = "Nguyễn Hữu Nghĩa"\n'
                    'secretary = "Hoàng Thị Bích Ngọc"\nreporter = "Bế Hồng Ấn"\n'
                    'presidium = "Nguyễn Hữu Nghĩa, Bế Hồng Ấn, Nông Thế Giang"\n', encoding="utf-8")
    proc = cli("minutes", demo_dir, "--out", "-")
    assert proc.returncode == 0, proc.stderr
    text = proc.stdout
    assert "Chủ trì hội nghị: đồng chí Nguyễn Hữu Nghĩa." in text
    assert "Thư ký hội nghị: đồng chí Hoàng Thị Bích Ngọc." in text
    assert "Đoàn Chủ tịch: các đồng chí Nguyễn Hữu Nghĩa, Bế Hồng Ấn, Nông Thế Giang." in text
    assert "|  | Hoàng Thị Bích Ngọc | Nguyễn Hữu Nghĩa |" not in text  # a table row has two cells
    assert "| Hoàng Thị Bích Ngọc | Nguyễn Hữu Nghĩa |" in text
    # the command line still wins over the settings
    proc = cli("minutes", demo_dir, "--out", "-", "--secretary", "Lý Thị Thư")
    assert "Thư ký hội nghị: đồng chí Lý Thị Thư." in proc.stdout


def test_minutes_of_an_empty_day_leave_blanks(demo_event):
    text = minutes.to_markdown(minutes.draft(demo_event))
    assert "khai mạc lúc …" in text and "Đã đến (đã điểm danh): 0 đại biểu" in text
    assert "Kết luận của đồng chí chủ trì hội nghị:" in text and "Chủ trì hội nghị: đồng chí ……" in text


def test_cli_minutes(demo_event, demo_dir, clock, cli, tmp_path):
    simulate_day(demo_event, clock)
    proc = cli("minutes", demo_dir)
    assert proc.returncode == 0, proc.stderr
    written = demo_dir / "bien-ban-2020-04-15.md"
    assert written.exists() and "Kết quả biểu quyết" in written.read_text(encoding="utf-8")
    proc = cli("minutes", demo_dir, "--out", "-", "--secretary", "Lý Thị Thư")
    assert proc.returncode == 0 and "Thư ký hội nghị: đồng chí Lý Thị Thư." in proc.stdout
    proc = cli("minutes", demo_dir, "--out", tmp_path / "bb.pdf")
    assert proc.returncode == 2 and "phải có đuôi .md" in proc.stderr and not (tmp_path / "bb.pdf").exists()


def test_minutes_as_word_document(demo_event, demo_dir, clock, cli, tmp_path, patched_sources):  # noqa: F811
    from docx import Document

    simulate_day(demo_event, clock)
    out = minutes.write_minutes(demo_event, tmp_path / "bien-ban.docx", presider="Hoàng Văn Chủ")
    doc = Document(str(out))
    paragraphs = [p.text for p in doc.paragraphs]
    assert "BIÊN BẢN" in paragraphs
    assert "Chủ trì hội nghị: đồng chí Hoàng Văn Chủ." in paragraphs
    assert any(p.startswith("Kết quả biểu quyết") and p.endswith("Thông qua.") for p in paragraphs)
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in cells and "Độc lập - Tự do - Hạnh phúc" in cells
    assert "Đại biểu điển hình tiên tiến" in cells and "78,3 %" in cells
    assert "THƯ KÝ" in cells and "CHỦ TRÌ HỘI NGHỊ" in cells
    assert doc.core_properties.author == "hoinghi"
    proc = cli("minutes", demo_dir, "--out", tmp_path / "cli.docx")
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "cli.docx").read_bytes()[:2] == b"PK"


def test_guests_in_the_minutes_name_their_body_once(demo_dir, clock):
    """'Phó Chủ tịch LĐLĐ tỉnh, LĐLĐ tỉnh Bắc Kạn' repeated the body the MC says once."""
    from console.door.checkin import checkin_delegate
    from console.event import Event
    from console.record.minutes import draft, to_markdown

    ev = Event(demo_dir, desk="cua", clock=clock)
    leader = next(d for d in ev.delegates().values() if d.position == "Phó Chủ tịch LĐLĐ tỉnh")
    checkin_delegate(ev, leader.id)
    text = to_markdown(draft(Event(demo_dir, desk="cua", clock=clock)))
    assert f"Đồng chí {leader.name}, Phó Chủ tịch LĐLĐ tỉnh Bắc Kạn;" in text
    assert "LĐLĐ tỉnh, LĐLĐ tỉnh" not in text
