"""`hoinghi bench`: every speed figure of the console, measured on this machine.

All figures are milliseconds. Where a figure has a natural reference — the time
a USB scanner takes to type a badge payload, the time a receipt printer takes
per badge — the ratio is given too (below 1: the software is not the bottleneck).
These machines are noisy: compare figures from one run.
"""

from __future__ import annotations

import random
import statistics
import tempfile
import time
from pathlib import Path

from console.door.tokens import make_token
from console.bench.durability import bench_visibility
from console.bench.fixtures import make_big_event

SIZES = (150, 1000, 5000)
# A keyboard-wedge scanner types the 18-character payload + Enter at one key every
# ~5 ms (HID scanners: 4–8 ms), so a badge takes about 95 ms to arrive.
SCANNER_PAYLOAD_MS = 19 * 5.0
# Receipt printers doing 35–75 badges a minute: 0.8–1.7 s per badge; the fast end is the reference.
PRINTER_BADGE_MS = 60_000 / 75


def pct(samples_ms: list[float]) -> dict:
    s = sorted(samples_ms)
    if not s:
        return {"p50": None, "p95": None, "n": 0}
    return {"p50": round(statistics.median(s), 3), "p95": round(s[min(len(s) - 1, round(0.95 * (len(s) - 1)))], 3),
            "n": len(s)}


def _size(n: int, quick: bool, errors: dict) -> dict:
    from console.bench.desk import bench_scan, bench_search

    out: dict = {}
    rng = random.Random(n)
    with tempfile.TemporaryDirectory() as tmp:
        ev = make_big_event(Path(tmp) / "ev", n)
        search, cold, build_s = bench_search(ev, rng)
        out["search_keystroke"] = pct([x * 1000 for x in search])
        out["search_cold"] = pct([x * 1000 for x in cold])
        out["search_index_build_ms"] = round(build_s * 1000, 1)
        fresh = sorted(ev.imported)[-(10 if quick else 30):]  # scanned at the screen first
        try:  # the UI lives in screens/; imported only here (declared in pyproject's import contracts)
            from screens.bench import desk_figures

            ui = desk_figures(ev.folder, [(d, make_token(ev.secret, d)) for d in fresh])
            out["app_start_to_ready_ms"] = round(ui["ready_ms"], 1)
            out["scan_to_screen"] = pct(ui["scan_to_screen_ms"])
        except Exception as exc:  # a missing UI piece must not hide the other figures
            errors[f"ui_{n}"] = f"{type(exc).__name__}: {exc}"
        first, again = bench_scan(ev, 60 if quick else 200, rng)
        out["scan_to_result"] = pct([x * 1000 for x in first])
        out["scan_duplicate"] = pct([x * 1000 for x in again])
        writes = []
        for i in range(50 if quick else 200):
            t0 = time.perf_counter()
            ev.journal.append("bench_write", {"i": i})
            writes.append((time.perf_counter() - t0) * 1000)
        out["durable_write"] = pct(writes)
    return out


def run(sizes: tuple[int, ...] = SIZES, quick: bool = False) -> dict:
    from console.bench.importing import bench_import

    t_start = time.perf_counter()
    out: dict = {"sizes": list(sizes), "references": {"scanner_payload_ms": SCANNER_PAYLOAD_MS,
                                                      "printer_badge_ms": round(PRINTER_BADGE_MS, 1)}}
    errors: dict = {}
    out["by_size"] = {str(n): _size(n, quick, errors) for n in sizes}
    out["visibility_cross_process"] = bench_visibility(count=20 if quick else 50)
    out["import_5000_xlsx_ms"] = round(bench_import(5000)["import_ms"], 1)
    try:
        from console.bench.printing import run as print_run

        badges = print_run(n=40 if quick else 100)
        out["badge"] = {mm: {k: badges[mm][k] for k in ("render_ms_mean", "encode_ms_mean", "total_ms_mean",
                                                        "total_ms_p95", "bytes_mean")} for mm in ("58mm", "80mm")}
    except Exception as exc:
        errors["badge"] = f"{type(exc).__name__}: {exc}"
    biggest = out["by_size"][str(max(sizes))]
    ratios = {}
    if biggest.get("scan_to_screen", {}).get("p95") is not None:
        ratios["scan_to_screen_p95_vs_scanner"] = round(biggest["scan_to_screen"]["p95"] / SCANNER_PAYLOAD_MS, 3)
    ratios["scan_to_result_p95_vs_scanner"] = round(biggest["scan_to_result"]["p95"] / SCANNER_PAYLOAD_MS, 3)
    if "badge" in out:
        ratios["badge_80mm_vs_printer"] = round(out["badge"]["80mm"]["total_ms_mean"] / PRINTER_BADGE_MS, 4)
    out["ratios"] = ratios
    out["seconds"] = round(time.perf_counter() - t_start, 1)
    if errors:
        out["errors"] = errors
    return out


def _p(d: dict | None) -> str:
    if not d or d.get("p50") is None:
        return "—"
    return f"{d['p50']:.2f} / {d['p95']:.2f}"


def format_table(r: dict) -> str:
    sizes = [str(n) for n in r["sizes"]]
    rows = [
        ("quét → kết quả (trong tiến trình)", "scan_to_result"),
        ("quét → màn hình (Pilot)", "scan_to_screen"),
        ("quét trùng", "scan_duplicate"),
        ("tìm theo tên, mỗi phím", "search_keystroke"),
        ("tìm lạnh (dán, xóa lùi)", "search_cold"),
        ("ghi bền (khóa + fsync)", "durable_write"),
    ]
    w = 36
    lines = [f"hoinghi bench — mili giây, p50 / p95 ({r['seconds']} s)", "",
             f"{'':<{w}}" + "".join(f"{s + ' ĐB':>18}" for s in sizes)]
    for label, key in rows:
        lines.append(f"{label:<{w}}" + "".join(f"{_p(r['by_size'][s].get(key)):>18}" for s in sizes))
    lines.append(f"{'khởi động → sẵn sàng quét':<{w}}" + "".join(
        f"{r['by_size'][s].get('app_start_to_ready_ms', '—')!s:>18}" for s in sizes))
    lines.append(f"{'dựng chỉ mục tìm kiếm':<{w}}" + "".join(
        f"{r['by_size'][s].get('search_index_build_ms', '—')!s:>18}" for s in sizes))
    lines += ["", f"thấy thay đổi từ tiến trình khác: {_p(r['visibility_cross_process'])} "
                  "(thăm dò 10 ms; giao diện thăm dò mỗi 250 ms)",
              f"nhập danh sách 5.000 dòng (.xlsx): {r['import_5000_xlsx_ms']} ms"]
    if "badge" in r:
        for mm, b in r["badge"].items():
            lines.append(f"thẻ {mm}: vẽ {b['render_ms_mean']} + mã hóa {b['encode_ms_mean']} = {b['total_ms_mean']} ms "
                         f"(p95 {b['total_ms_p95']}), {b['bytes_mean'] // 1024} KB")
    ref = r["references"]
    lines += ["", f"so với máy quét gõ xong mã (~{ref['scanner_payload_ms']:.0f} ms) và máy in "
                  f"(~{ref['printer_badge_ms']:.0f} ms/thẻ):"]
    lines += [f"  {k}: {v}" for k, v in r["ratios"].items()]
    for k, v in r.get("errors", {}).items():
        lines.append(f"  (không đo được {k}: {v})")
    return "\n".join(lines)
