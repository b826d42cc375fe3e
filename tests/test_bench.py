"""`hoinghi bench` runs end to end and reports every figure (small size: a smoke run, not a timing)."""

import json

from .conftest import run_cli


def test_bench_json_has_every_figure():
    proc = run_cli("bench", "--sizes", "150", "--quick", "--json", timeout=180)
    assert proc.returncode == 0, proc.stderr
    r = json.loads(proc.stdout)
    size = r["by_size"]["150"]
    for key in ("scan_to_result", "scan_to_screen", "scan_duplicate", "search_keystroke", "durable_write"):
        assert size[key]["p50"] is not None and size[key]["p95"] >= size[key]["p50"], key
    assert size["app_start_to_ready_ms"] > 0
    assert r["visibility_cross_process"]["p50"] is not None
    assert r["import_5000_xlsx_ms"] > 0
    assert r["badge"]["58mm"]["bytes_mean"] > 0 and r["badge"]["80mm"]["total_ms_mean"] > 0
    assert set(r["ratios"]) == {"scan_to_screen_p95_vs_scanner", "scan_to_result_p95_vs_scanner", "badge_80mm_vs_printer"}
    assert "errors" not in r


def test_bench_refuses_bad_sizes():
    proc = run_cli("bench", "--sizes", "abc")
    assert proc.returncode == 2 and "--sizes" in proc.stderr
