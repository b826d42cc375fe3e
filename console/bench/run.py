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

from console.bench.durability import bench_visibility
from console.bench.fixtures import make_big_event
from console.door.tokens import make_token

SIZES = (150, 1000, 5000, 20000)
CLI_TARGET_SIZE = 5000  # the whole-process targets are set at 5,000 delegates
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
    from console.bench.process import cli_runs, median

    out: dict = {}
    rng = random.Random(n)
    with tempfile.TemporaryDirectory() as tmp:
        ev = make_big_event(Path(tmp) / "ev", n, unique=True)  # every name different, at any size
        # The screen first: its first badge is "the first scan after start".
        fresh = sorted(ev.imported)[-(12 if quick else 30):]
        try:  # the UI lives in screens/; imported only here (declared in pyproject's import contracts)
            from screens.bench import desk_figures

            ui = desk_figures(ev.folder, [(d, make_token(ev.secret, d)) for d in fresh])
            out["app_start_to_ready_ms"] = round(ui["ready_ms"], 1)
            out["scan_to_screen"] = pct(ui["scan_to_screen_ms"])
            out["scan_to_frame"] = pct(ui["scan_to_frame_ms"])
            out["first_scan_ms"] = round(ui["scan_to_screen_ms"][0], 2)
            out["tenth_scan_ms"] = round(ui["scan_to_screen_ms"][9], 2)
        except Exception as exc:  # a missing UI piece must not hide the other figures
            errors[f"ui_{n}"] = f"{type(exc).__name__}: {exc}"
        try:
            from screens.bench import cue_figures

            cue = cue_figures(ev.folder, 10 if quick else 30, 5 if quick else 10)
            out["cue_tick"] = pct(cue["tick_ms"])
            out["cue_rebuild"] = pct(cue["rebuild_ms"])
        except Exception as exc:
            errors[f"cue_{n}"] = f"{type(exc).__name__}: {exc}"
        runs = (5 if quick else 15) if n == CLI_TARGET_SIZE else (3 if quick else 7)
        ev.refresh()
        pool = [d for d in sorted(ev.imported) if d not in ev.day.present][:runs]
        try:
            cli = cli_runs(ev.folder, [make_token(ev.secret, d) for d in pool], runs)
            out["cli_checkin_ms"] = median(cli["checkin"])
            out["cli_status_json_ms"] = median(cli["status"])
            out["cli_checkin_cpu_ms"] = median(cli["checkin_cpu"])
            out["cli_status_json_cpu_ms"] = median(cli["status_cpu"])
            out["cli_runs"] = runs
        except Exception as exc:
            errors[f"cli_{n}"] = f"{type(exc).__name__}: {exc}"
        ev.refresh()
        search, cold, build_s = bench_search(ev, rng)
        out["search_keystroke"] = pct([x * 1000 for x in search])
        out["search_cold"] = pct([x * 1000 for x in cold])
        out["search_index_build_ms"] = round(build_s * 1000, 1)
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
    from console.bench.process import machine_figures

    out["machine"] = machine_figures()
    out["by_size"] = {str(n): _size(n, quick, errors) for n in sizes}
    out["visibility_cross_process"] = bench_visibility(count=20 if quick else 50)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            ev = make_big_event(Path(tmp) / "ev", 1000, unique=True)
            from screens.bench import visibility_figures

            out["visibility_ui"] = pct(visibility_figures(ev.folder, list(range(1, (40 if quick else 120) + 1))))
    except Exception as exc:
        errors["visibility_ui"] = f"{type(exc).__name__}: {exc}"
    out["import_5000_xlsx_ms"] = round(bench_import(5000)["import_ms"], 1)
    try:  # start-up against the journal's length: a fresh process, with and without a checkpoint
        from console.bench import startup

        out["startup"] = startup.run(startup.QUICK_CASES if quick else startup.CASES)
    except Exception as exc:
        errors["startup"] = f"{type(exc).__name__}: {exc}"
    try:
        from console.bench.printing import run as print_run

        badges = print_run(n=40 if quick else 100)
        out["badge"] = {mm: {k: badges[mm][k] for k in ("render_ms_mean", "encode_ms_mean", "total_ms_mean",
                                                        "total_ms_p95", "bytes_mean")} for mm in ("58mm", "80mm")}
        out["badge"]["line_breaking"] = badges["line_breaking"]
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
    out["targets"] = targets(out)
    out["seconds"] = round(time.perf_counter() - t_start, 1)
    if errors:
        out["errors"] = errors
    return out


def _p95(r: dict, n: str, key: str):
    return (r["by_size"].get(n, {}).get(key) or {}).get("p95")


def targets(r: dict) -> list[dict]:
    """Each target of issue 18 that this run measured: figure, target, ratio, met."""
    rows: list[dict] = []

    def add(what: str, size: str | None, value, target: float, unit: str = "ms") -> None:
        if value is None:
            return
        rows.append({"what": what, "size": size, "value": round(value, 2), "target": target, "unit": unit,
                     "ratio": round(value / target, 2) if target else None, "met": value <= target})

    floor = r["machine"].get("fsync_floor_ms")
    for n in ("5000", "20000"):
        size = r["by_size"].get(n, {})
        add("bàn: Enter → giữ kết quả p95", n, _p95(r, n, "scan_to_screen"), 6.0)
        add("bàn: Enter → khung hình p95", n, _p95(r, n, "scan_to_frame"), 25.0)
        if size.get("first_scan_ms") is not None and size.get("tenth_scan_ms"):
            add("bàn: lượt quét đầu / lượt thứ 10", n, size["first_scan_ms"] / size["tenth_scan_ms"], 1.0, "×")
    size = r["by_size"].get(str(CLI_TARGET_SIZE), {})
    add("hoinghi checkin cả tiến trình (trung vị)", str(CLI_TARGET_SIZE), size.get("cli_checkin_ms"), 120.0)
    add("hoinghi status --json cả tiến trình (trung vị)", str(CLI_TARGET_SIZE), size.get("cli_status_json_ms"), 150.0)
    if floor:
        for n, size in r["by_size"].items():
            p50 = (size.get("scan_to_result") or {}).get("p50")
            if p50 is not None:
                add("quét trong tiến trình / fsync thô (p50)", n, p50 / floor, 3.0, "×")
    if "1000" in r["by_size"]:
        add("màn hình MC: mỗi giây (p95)", "1000", _p95(r, "1000", "cue_tick"), 2.0)
        add("màn hình MC: dựng lại khi ngày đổi (p95)", "1000", _p95(r, "1000", "cue_rebuild"), 20.0)
    vis = r.get("visibility_ui") or {}
    add("bàn khác thấy lượt quét (4 bàn cùng quét) p95", None, vis.get("p95"), 50.0)
    return rows


def _p(d: dict | None) -> str:
    if not d or d.get("p50") is None:
        return "—"
    return f"{d['p50']:.2f} / {d['p95']:.2f}"


def _cpu(size: dict) -> str:
    a, b = size.get("cli_checkin_cpu_ms"), size.get("cli_status_json_cpu_ms")
    return "—" if a is None or b is None else f"{a:.0f} / {b:.0f}"


def _first_tenth(size: dict) -> str:
    a, b = size.get("first_scan_ms"), size.get("tenth_scan_ms")
    return "—" if a is None or b is None else f"{a:.1f} / {b:.1f}"


def format_table(r: dict) -> str:
    sizes = [str(n) for n in r["sizes"]]
    rows = [
        ("quét → kết quả (trong tiến trình)", "scan_to_result"),
        ("Enter → giữ kết quả (màn hình)", "scan_to_screen"),
        ("Enter → khung hình", "scan_to_frame"),
        ("quét trùng", "scan_duplicate"),
        ("tìm theo tên, mỗi phím", "search_keystroke"),
        ("tìm lạnh (dán, xóa lùi)", "search_cold"),
        ("ghi bền (khóa + fsync)", "durable_write"),
        ("màn hình MC: mỗi giây", "cue_tick"),
        ("màn hình MC: dựng lại", "cue_rebuild"),
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
    lines.append(f"{'lượt quét đầu / thứ 10 sau khởi động':<{w}}" + "".join(
        f"{_first_tenth(r['by_size'][s]):>18}" for s in sizes))
    lines.append(f"{'hoinghi checkin cả tiến trình':<{w}}" + "".join(
        f"{r['by_size'][s].get('cli_checkin_ms', '—')!s:>18}" for s in sizes))
    lines.append(f"{'hoinghi status --json':<{w}}" + "".join(
        f"{r['by_size'][s].get('cli_status_json_ms', '—')!s:>18}" for s in sizes))
    lines.append(f"{'  (CPU: checkin / status)':<{w}}" + "".join(
        f"{_cpu(r['by_size'][s]):>18}" for s in sizes))
    m = r["machine"]
    lines += ["", f"sàn fsync thô của máy: {m.get('fsync_floor_ms')} ms; curl tới máy chủ web ấm: "
                  f"{m.get('curl_warm_server_ms') or '— (không có curl)'} ms"]
    lines += ["", f"thấy thay đổi từ tiến trình khác: {_p(r['visibility_cross_process'])} "
                  "(thăm dò 10 ms)",
              f"bàn khác thấy lượt quét trên màn hình (4 bàn cùng quét, 1.000 ĐB): {_p(r.get('visibility_ui'))} "
              "(báo thay đổi tệp; thăm dò 250 ms dự phòng)",
              f"nhập danh sách 5.000 dòng (.xlsx): {r['import_5000_xlsx_ms']} ms"]
    if "badge" in r:
        for mm in ("58mm", "80mm"):  # (the dict also holds the line breaker's figures)
            b = r["badge"][mm]
            lines.append(f"thẻ {mm}: vẽ {b['render_ms_mean']} + mã hóa {b['encode_ms_mean']} = {b['total_ms_mean']} ms "
                         f"(p95 {b['total_ms_p95']}), {b['bytes_mean'] // 1024} KB")
    ref = r["references"]
    lines += ["", f"so với máy quét gõ xong mã (~{ref['scanner_payload_ms']:.0f} ms) và máy in "
                  f"(~{ref['printer_badge_ms']:.0f} ms/thẻ):"]
    lines += [f"  {k}: {v}" for k, v in r["ratios"].items()]
    lines += ["", "mục tiêu (issue 18):"]
    for t in r.get("targets", []):
        at = f" @{t['size']}" if t["size"] else ""
        lines.append(f"  {'ĐẠT ' if t['met'] else 'CHƯA'} {t['what']}{at}: {t['value']} {t['unit']} "
                     f"(mục tiêu ≤ {t['target']} {t['unit']}; tỉ lệ {t['ratio']})")
    for k, v in r.get("errors", {}).items():
        lines.append(f"  (không đo được {k}: {v})")
    if r.get("startup"):
        from console.bench.startup import format_lines

        lines += format_lines(r["startup"])
    return "\n".join(lines)
