"""badges, reprint, print-status, print-queue as a user runs them: separate processes."""

from __future__ import annotations

import json
import socket
import subprocess
import sys

from tests.conftest import ROOT, cli_json


def dead_uri() -> str:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return f"tcp://127.0.0.1:{port}"


def test_badges_to_the_preview_printer(demo_dir, cli):
    proc = cli("badges", demo_dir, "--who", "1", "2", "0003")
    assert proc.returncode == 0, proc.stderr
    assert "Xếp 3 thẻ vào hàng đợi; đã in 3." in proc.stdout
    assert "Đã in 3/3" in proc.stderr  # the progress, on stderr
    assert sorted(p.name for p in (demo_dir / "ban-in").glob("*.png")) == [
        "badge-0001-v1.png", "badge-0002-v1.png", "badge-0003-v1.png"]
    again = cli("badges", demo_dir, "--who", "1")
    assert again.returncode == 0 and "đã có trong hàng đợi hoặc đã in" in again.stdout


def test_badges_for_an_unknown_delegate_prints_nothing(demo_dir, cli):
    proc = cli("badges", demo_dir, "--who", "1", "9999")
    assert proc.returncode == 2
    assert "Không có đại biểu mã 9999" in proc.stderr and "Traceback" not in proc.stderr
    assert not (demo_dir / "print-queue").exists() or not list((demo_dir / "print-queue").glob("badge-*.json"))


def test_bad_printer_uri_is_refused(demo_dir, cli):
    proc = cli("badges", demo_dir, "--printer", "lpt1")
    assert proc.returncode == 2 and "không có máy in tên “lpt1”" in proc.stderr.lower()


def test_printer_off_keeps_jobs_then_move_and_run(demo_dir, cli):
    dead = dead_uri()
    proc = cli("badges", demo_dir, "--who", "4", "5", "--printer", dead)
    assert proc.returncode == 1
    assert "từ chối kết nối" in proc.stderr and "2 lệnh in còn trong hàng đợi, không mất" in proc.stdout
    _, status = cli_json("print-status", str(demo_dir))
    bad = [p for p in status["printers"] if p["name"] == dead][0]
    assert bad["state"] == "error" and bad["waiting"] == 2
    assert {w["id"] for w in status["waiting"]} == {"badge-0004-v1", "badge-0005-v1"}
    moved = cli("print-queue", demo_dir, "--move-all", dead, "--to", "desk")
    assert moved.returncode == 0 and "Đã chuyển 2 lệnh" in moved.stdout
    run = cli("print-queue", demo_dir, "--run")
    assert run.returncode == 0 and "Đã in 2/2" in run.stdout
    _, status = cli_json("print-status", str(demo_dir))
    assert status["waiting"] == [] and status["counts"]["done"] == 2


def test_reprint_replaces_the_lost_badge(demo_dir, cli):
    _, tokens = cli_json("tokens", str(demo_dir))
    old = [t for t in tokens if t["delegate_id"] == "0006"][0]["token"]
    proc = cli("reprint", demo_dir, "6", "--reason", "mất thẻ")
    assert proc.returncode == 0, proc.stderr
    assert "mã mới (lần 2)" in proc.stdout and "đã in" in proc.stdout
    assert (demo_dir / "ban-in" / "badge-0006-v2.png").is_file()
    lines = [json.loads(x) for x in (demo_dir / "journal.jsonl").read_text(encoding="utf-8").splitlines()]
    reissues = [x for x in lines if x["kind"] == "badge_reissue"]
    assert len(reissues) == 1 and reissues[0]["data"]["reason"] == "mất thẻ" and reissues[0]["data"]["version"] == 2
    scan = cli("checkin", demo_dir, old)
    assert scan.returncode == 1 and "đã được thay bằng thẻ in lại" in scan.stdout
    same = cli("reprint", demo_dir, "6", "--reason", "thẻ in bị nhòe", "--keep-token")
    assert same.returncode == 0 and "giữ mã cũ" in same.stdout
    assert len(list((demo_dir / "ban-in").glob("badge-0006-v2*.png"))) == 2


def test_reprint_needs_a_reason(demo_dir, cli):
    proc = cli("reprint", demo_dir, "6", "--reason", "  ")
    assert proc.returncode == 2 and "lý do" in proc.stderr


def test_print_bench_reports_figures(cli):
    proc = cli("print-bench", "--n", "5", "--json")
    data = json.loads(proc.stdout)
    assert data["badges"] == 5
    for mm in ("58mm", "80mm"):
        assert data[mm]["total_ms_mean"] > 0 and data[mm]["bytes_mean"] > 10_000


def test_printing_commands_do_not_load_textual(demo_dir):
    code = (
        "import sys\nfrom console.cli import main\n"
        f"assert main(['badges', {str(demo_dir)!r}, '--who', '1', '--json']) == 0\n"
        f"assert main(['print-status', {str(demo_dir)!r}, '--json']) == 0\n"
        "sys.exit(1 if any(k.startswith('textual') for k in sys.modules) else 0)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


def test_certificate_command_prints_on_the_stage_printer(demo_dir, cli):
    proc = cli("certificate", demo_dir, "--name", "Tổ Dệt thổ cẩm số 1", "--form", "Giấy khen của LĐLĐ huyện",
               "--reason", "xuất sắc trong phong trào thi đua giai đoạn 2015–2020", "--printer", "stage")
    assert proc.returncode == 0, proc.stderr
    assert "Phiếu nhận khen thưởng cho Tổ Dệt thổ cẩm số 1: đã in." in proc.stdout
    assert len(list((demo_dir / "ban-in").glob("certificate-*.png"))) == 1
    bad = cli("certificate", demo_dir, "--name", "A", "--form", "B", "--printer", "khong-co")
    assert bad.returncode == 2 and "Không có máy in tên “khong-co”" in bad.stderr
