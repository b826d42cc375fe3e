"""Importing awards and speeches lists: matching to the roster, errors with row numbers, all or nothing."""

from __future__ import annotations

import pytest

from console.ceremony import awards_record
from console.ground.errors import UserError
from console.importer import import_file

AWARDS_HEAD = '"STT","Tên tập thể, cá nhân","Đơn vị","Hình thức khen thưởng","Thành tích","Người nhận","Ghi chú"\n'
SPEECH_HEAD = '"STT","Họ và tên","Đơn vị","Tên tham luận","Lĩnh vực","Thời lượng (phút)","Ghi chú"\n'


def _write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text("DANH SÁCH\n\n" + text, encoding="utf-8")
    return path


def _individual(ev, name):
    return next(d for d in ev.delegates().values() if d.name == name)


def test_awards_csv_matches_names_tolerantly(demo_event, tmp_path):
    ev = demo_event
    thuy = _individual(ev, "Đàm Thị Thuỷ")
    duc = next(d for d in ev.delegates().values() if d.name == "Hoàng Văn Đức" and "Kiểm lâm" in d.unit)
    path = _write(tmp_path, "kt.csv", AWARDS_HEAD
                  + f'1,"Đàm Thị Thủy","{thuy.unit}","Bằng khen của Chủ tịch UBND tỉnh","Giỏi","",""\n'
                  + '2,"Hoàng Văn Đức","Hạt Kiểm lâm Pác Nặm","Giấy khen LĐLĐ huyện","Giỏi","",""\n'
                  + '3,"Tổ dệt số 9, HTX Dệt","HTX Dệt","BK Tổng LĐLĐ VN","Giỏi","Nguyễn Thị Hường",""\n')
    report = import_file(ev, path)
    assert report.kind == "awards" and report.rows == 3
    rec = awards_record(ev)
    # nobody is in the hall yet: all pending, highest form first
    assert [r["status"] for r in rec] == ["pending"] * 3
    assert rec[0]["recipient"] == "Tổ dệt số 9, HTX Dệt"
    docs = {d["recipient"]: d for d in ev.roster_store.table_docs("awards")}
    assert docs["Đàm Thị Thủy"]["delegate_id"] == thuy.id
    assert docs["Hoàng Văn Đức"]["delegate_id"] == duc.id
    assert docs["Tổ dệt số 9, HTX Dệt"]["collective"] is True
    assert ev.journal.entries[-1].kind == "ceremony_import"


def test_awards_errors_name_row_and_write_nothing(demo_event, tmp_path):
    ev = demo_event
    before = ev.roster_store.table_docs("awards")
    n_lines = len(ev.journal.entries)
    path = _write(tmp_path, "kt.csv", AWARDS_HEAD
                  + '1,"Người Không Có","","Bằng khen của Chủ tịch UBND tỉnh","","",""\n'
                  + '2,"Hoàng Văn Đức","","Giấy khen LĐLĐ huyện","","",""\n'
                  + '3,"Tổ Kỹ thuật, Trạm Y tế","","Giấy khen LĐLĐ huyện","","",""\n'
                  + '4,"Nguyễn Thị Hường","","Giấy khen LĐLĐ huyện","","","Nhận thay: Ai Đó Không Có"\n')
    with pytest.raises(UserError) as exc:
        import_file(ev, path)
    text = str(exc.value)
    assert "có 4 lỗi, chưa nhập gì" in text
    assert "Dòng 4" in text and "không có ai tên này" in text
    assert "Dòng 5" in text and "có 2 đại biểu cùng tên" in text
    assert "Dòng 6" in text and "không có người nhận" in text
    assert "Dòng 7" in text and "người nhận thay" in text
    assert ev.roster_store.table_docs("awards") == before
    assert len(ev.journal.entries) == n_lines


def test_speeches_minutes_error_and_dry_run(demo_event, tmp_path):
    ev = demo_event
    huong = _individual(ev, "Nguyễn Thị Hường")
    bad = _write(tmp_path, "tl.csv", SPEECH_HEAD + f'1,"{huong.name}","","Bài A","Giáo dục","mười",""\n')
    with pytest.raises(UserError) as exc:
        import_file(ev, bad)
    assert "Dòng 4" in str(exc.value) and "thời lượng" in str(exc.value)
    good = _write(tmp_path, "tl2.csv", SPEECH_HEAD + f'1,"{huong.name}","","Bài A","Giáo dục","9 phút","Dự phòng"\n'
                  + f'2,"{huong.name}","","Phát biểu hưởng ứng","Hưởng ứng","3",""\n')
    before = ev.roster_store.table_docs("speeches")
    report = import_file(ev, good, dry_run=True)
    assert report.dry_run and report.rows == 2 and ev.roster_store.table_docs("speeches") == before
    import_file(ev, good)
    docs = sorted(ev.roster_store.table_docs("speeches"), key=lambda d: d["n"])
    assert docs[0]["minutes"] == 9 and docs[0]["reserve"] and not docs[0]["response"]
    assert docs[1]["response"]


def test_unknown_form_is_a_warning(demo_event, tmp_path):
    ev = demo_event
    huong = _individual(ev, "Nguyễn Thị Hường")
    path = _write(tmp_path, "kt.csv", AWARDS_HEAD + f'1,"{huong.name}","","Giấy khen của Giám đốc Công ty","","",""\n')
    report = import_file(ev, path)
    # the row, what happens, and how to place it
    assert any("“Giấy khen của Giám đốc Công ty” (dòng 4)" in w and "trao sau cùng" in w
               and "ranking trong mục [awards]" in w and "ngay sau “Giấy khen" in w for w in report.warnings), report.warnings


def test_cli_order_json_and_import_error(demo_dir, cli, tmp_path):
    from tests.conftest import cli_json

    proc, data = cli_json("order", str(demo_dir), "awards", "--all-present")
    assert proc.returncode == 0
    item = data["items"][0]
    assert {"position", "batch", "delegate_id", "form", "present", "proxy", "reason"} <= set(item)
    assert item["batch"] == 1 and len(item["delegate_id"]) == 4
    proc, data = cli_json("order", str(demo_dir), "speeches")
    assert proc.returncode == 0
    assert all(it["batch"] is None and it["minutes"] for it in data["items"])
    assert all(it["status"] != "pending" for it in data["items"])  # nobody checked in yet: nobody proposed
    bad = tmp_path / "kt.csv"
    bad.write_text(AWARDS_HEAD + '1,"Người Không Có","","Bằng khen","","",""\n', encoding="utf-8")
    proc = cli("import", str(demo_dir), str(bad))
    assert proc.returncode == 2 and "Dòng 2" in proc.stderr and "Traceback" not in proc.stderr
    proc = cli("award-proxy", str(demo_dir), "999", "0001")
    assert proc.returncode == 2 and "Không thấy" in proc.stderr
