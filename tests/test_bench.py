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
    assert "errors" not in r, r.get("errors")
    # Issue 18's figures: frame, first vs tenth scan, whole CLI processes, the fsync floor, four desks.
    assert size["scan_to_frame"]["p50"] >= size["scan_to_screen"]["p50"] > 0
    assert size["first_scan_ms"] > 0 and size["tenth_scan_ms"] > 0
    assert size["cli_checkin_ms"] > 0 and size["cli_status_json_ms"] > 0
    assert r["machine"]["fsync_floor_ms"] > 0
    assert r["visibility_ui"]["n"] == 40 and r["visibility_ui"]["p95"] is not None
    whats = {t["what"] for t in r["targets"]}
    assert any("fsync" in w for w in whats) and any("4 bàn" in w for w in whats)


def test_the_scaling_generator_gives_20000_different_names():
    from console.bench.people import make_delegates
    from console.ground.text import canonical, nfc

    people = make_delegates(20000)
    assert len({canonical(d.name) for d in people}) == 20000
    assert all(nfc(d.name) == d.name for d in people)
    assert [d.id for d in people] == list(range(1, 20001))
    surnames = {d.name.split(" ")[0] for d in people}
    assert {"Tô", "Bàn", "Đới", "Trương"} <= surnames
    assert {d.category for d in people} == {"khach_moi", "tap_the", "ca_nhan"}


def test_bench_refuses_bad_sizes():
    proc = run_cli("bench", "--sizes", "abc")
    assert proc.returncode == 2 and "--sizes" in proc.stderr
