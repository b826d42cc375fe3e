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
# A keyboard-wedge scanner types the 20-character payload + Enter at one key every
# ~5 ms (HID scanners: 4–8 ms), so a badge takes about 105 ms to arrive.
SCANNER_PAYLOAD_MS = 21 * 5.0
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
            out["scan_key"] = pct(ui["key_ms"])  # each key typed by the scanner: sent → in the field
            out["scan_key_gap_ms"] = ui["key_gap_ms"]
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
        try:
            search, cold, build_s = bench_search(ev, rng)
            out["search_keystroke"] = pct([x * 1000 for x in search])
            out["search_cold"] = pct([x * 1000 for x in cold])
            out["search_index_build_ms"] = round(build_s * 1000, 1)
        except Exception as exc:
            errors[f"search_{n}"] = f"{type(exc).__name__}: {exc}"
        try:
            first, again = bench_scan(ev, 60 if quick else 200, rng)
            out["scan_to_result"] = pct([x * 1000 for x in first])
            out["scan_duplicate"] = pct([x * 1000 for x in again])
        except Exception as exc:
            errors[f"scan_{n}"] = f"{type(exc).__name__}: {exc}"
        try:
            writes = []
            for i in range(50 if quick else 200):
                t0 = time.perf_counter()
                ev.journal.append("bench_write", {"i": i})
                writes.append((time.perf_counter() - t0) * 1000)
            out["durable_write"] = pct(writes)
        except Exception as exc:
            errors[f"write_{n}"] = f"{type(exc).__name__}: {exc}"
    return out


_SECONDS: dict[str, float] = {}  # how long each part of the last run took


def _guard(errors: dict, key: str, fn, default=None):
    """`fn()`, or `default` with the failure named in `errors`: one figure that cannot be measured
    never loses the others (a crash at the end of a run used to lose all ten minutes of it)."""
    t0 = time.perf_counter()
    try:
        return fn()
    except Exception as exc:
        errors[key] = f"{type(exc).__name__}: {str(exc)[-300:]}"
        return default
    finally:
        _SECONDS[key] = round(time.perf_counter() - t0, 1)


def _visibility_ui(quick: bool) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        ev = make_big_event(Path(tmp) / "ev", 1000, unique=True)
        from screens.bench import visibility_figures

        return pct(visibility_figures(ev.folder, list(range(1, (40 if quick else 120) + 1))))


def _ui_day(quick: bool) -> dict:
    """The worst UI-thread call of a compressed day in `hoinghi open` at 1,000 delegates."""
    from console.bench.day import DAY_SIZE, make_day_event

    with tempfile.TemporaryDirectory() as tmp:
        ev = make_day_event(Path(tmp) / "ev", DAY_SIZE, awards=16 if quick else 120, speeches=4 if quick else 12)
        absent = [d for d in sorted(ev.delegates()) if d not in ev.day.present]
        scans = [make_token(ev.secret, d) for d in absent[:12 if quick else 200]]
        names = [ev.delegates()[d].name for d in absent[-(1 if quick else 6):]]
        from screens.bench import day_figures

        out = day_figures(ev.folder, scans, names, quick=quick)
        out["delegates"] = DAY_SIZE
        out["awards"], out["speeches"] = (16, 4) if quick else (120, 12)
        return out


def _badges(quick: bool) -> dict:
    from console.bench.printing import run as print_run

    badges = print_run(n=40 if quick else 100)
    out = {mm: {k: badges[mm][k] for k in ("render_ms_mean", "encode_ms_mean", "total_ms_mean",
                                           "total_ms_p95", "bytes_mean")} for mm in ("58mm", "80mm")}
    out["line_breaking"] = badges["line_breaking"]
    return out


def _ratios(out: dict, sizes) -> dict:
    biggest = out["by_size"].get(str(max(sizes)), {})
    ratios = {}
    if (biggest.get("scan_to_screen") or {}).get("p95") is not None:
        ratios["scan_to_screen_p95_vs_scanner"] = round(biggest["scan_to_screen"]["p95"] / SCANNER_PAYLOAD_MS, 3)
    if (biggest.get("scan_to_result") or {}).get("p95") is not None:
        ratios["scan_to_result_p95_vs_scanner"] = round(biggest["scan_to_result"]["p95"] / SCANNER_PAYLOAD_MS, 3)
    if "badge" in out:
        ratios["badge_80mm_vs_printer"] = round(out["badge"]["80mm"]["total_ms_mean"] / PRINTER_BADGE_MS, 4)
    return ratios


def run(sizes: tuple[int, ...] = SIZES, quick: bool = False) -> dict:
    from console.bench import startup
    from console.bench.importing import bench_import
    from console.bench.process import machine_figures

    t_start = time.perf_counter()
    out: dict = {"sizes": list(sizes), "quick": quick,
                 "references": {"scanner_payload_ms": SCANNER_PAYLOAD_MS, "printer_badge_ms": round(PRINTER_BADGE_MS, 1)}}
    errors: dict = {}
    _SECONDS.clear()
    out["machine"] = _guard(errors, "machine", machine_figures, {})
    out["by_size"] = {str(n): _guard(errors, f"size_{n}", lambda n=n: _size(n, quick, errors), {}) for n in sizes}
    vis = _guard(errors, "visibility_cross_process", lambda: bench_visibility(count=20 if quick else 50))
    if vis is not None:
        out["visibility_cross_process"] = vis
    vis = _guard(errors, "visibility_ui", lambda: _visibility_ui(quick))
    if vis is not None:
        out["visibility_ui"] = vis
    imp = _guard(errors, "import_5000_xlsx", lambda: round(bench_import(5000)["import_ms"], 1))
    if imp is not None:
        out["import_5000_xlsx_ms"] = imp
    # start-up against the journal's length: a fresh process, with and without a checkpoint
    out["startup"] = _guard(errors, "startup", lambda: startup.run(
        startup.QUICK_CASES if quick else startup.CASES, errors), {})
    day = _guard(errors, "ui_day", lambda: _ui_day(quick))
    if day is not None:
        out["ui_day"] = day
    badge = _guard(errors, "badge", lambda: _badges(quick))
    if badge is not None:
        out["badge"] = badge
    out["ratios"] = _guard(errors, "ratios", lambda: _ratios(out, sizes), {})
    out["errors"] = errors  # (the targets say which figure failed)
    out["targets"] = _guard(errors, "targets", lambda: targets(out), [])
    del out["errors"]
    out["seconds"] = round(time.perf_counter() - t_start, 1)
    out["seconds_by_part"] = dict(_SECONDS)
    if errors:
        out["errors"] = errors
    return out


def _thousands(n: int) -> str:
    return f"{n:,}".replace(",", ".")  # 200.000, as written in Vietnamese


def _p95(r: dict, n: str, key: str):
    return ((r.get("by_size") or {}).get(n, {}).get(key) or {}).get("p95")


# Every target of issue 18, in the order; a row whose figure this run did not measure
# is listed as not measured (with why), never left out.
def targets(r: dict) -> list[dict]:
    """Each target of issue 18: figure, target, ratio, met (None: not measured in this run)."""
    rows: list[dict] = []
    by_size = r.get("by_size") or {}
    quick = r.get("quick", False)

    def add(key: str, what: str, size: str | None, value, target: float, unit: str = "ms", why: str = "") -> None:
        if value is None:
            if not why:
                why = "không có cỡ này trong --sizes" if size and size not in by_size else "không đo được"
            rows.append({"key": key, "what": what, "size": size, "value": None, "target": target, "unit": unit,
                         "ratio": None, "met": None, "why": why})
            return
        rows.append({"key": key, "what": what, "size": size, "value": round(value, 2), "target": target, "unit": unit,
                     "ratio": round(value / target, 2) if target else None, "met": value <= target})

    floor = (r.get("machine") or {}).get("fsync_floor_ms")
    for n in ("5000", "20000"):
        size = by_size.get(n, {})
        add("desk_held_p95", "bàn: Enter → giữ kết quả p95", n, _p95(r, n, "scan_to_screen"), 6.0)
        add("desk_frame_p95", "bàn: Enter → khung hình p95", n, _p95(r, n, "scan_to_frame"), 25.0)
        first_tenth = None
        if size.get("first_scan_ms") is not None and size.get("tenth_scan_ms"):
            first_tenth = size["first_scan_ms"] / size["tenth_scan_ms"]
        add("desk_first_vs_tenth", "bàn: lượt quét đầu / lượt thứ 10", n, first_tenth, 1.0, "×")
        # Not a target of the list but what makes Enter → result fair: each key the scanner
        # types is handled before the next one comes (no backlog behind the Enter).
        add("desk_key_p95", "bàn: mỗi phím máy quét gõ p95 (≤ khoảng cách phím: không dồn)", n, _p95(r, n, "scan_key"),
            size.get("scan_key_gap_ms") or 5.0)
    cli = str(CLI_TARGET_SIZE)
    add("cli_checkin", "hoinghi checkin cả tiến trình (trung vị)", cli, by_size.get(cli, {}).get("cli_checkin_ms"), 120.0)
    add("cli_status_json", "hoinghi status --json cả tiến trình (trung vị)", cli, by_size.get(cli, {}).get("cli_status_json_ms"), 150.0)
    from console.bench.startup import RSS_TARGET, START_TARGETS_S

    st = r.get("startup") or {}
    errors = r.get("errors") or {}

    def why_st(d: int, lines: int) -> str:  # (start-up cases do not follow --sizes)
        if quick:
            return "chỉ đo ở lần chạy đầy đủ (--quick: " + ", ".join(st) + ")"
        return f"lỗi, xem startup_{d}x{lines}" if f"startup_{d}x{lines}" in errors else "không đo được"

    for (d, lines), limit in START_TARGETS_S.items():
        c = st.get(f"{d}x{lines}") or {}
        add("desk_start_warm", f"bàn: khởi động → sẵn sàng quét, có điểm lưu ({_thousands(lines)} dòng nhật ký)", str(d),
            c.get("desk_warm_start_s"), limit, "s", why_st(d, lines))
    (d, lines), limit = RSS_TARGET
    c = st.get(f"{d}x{lines}") or {}
    add("desk_rss", f"bàn: bộ nhớ RSS cao nhất, có điểm lưu ({_thousands(lines)} dòng nhật ký)", str(d),
        c.get("desk_warm_rss_mib"), limit, "MiB", why_st(d, lines))
    add("desk_rss_cold", f"bàn: bộ nhớ RSS cao nhất, không có điểm lưu ({_thousands(lines)} dòng)", str(d),
        c.get("desk_cold_rss_mib"), limit, "MiB", why_st(d, lines))
    add("cue_tick", "màn hình MC: mỗi giây (p95)", "1000", _p95(r, "1000", "cue_tick"), 2.0)
    add("cue_rebuild", "màn hình MC: dựng lại khi ngày đổi (p95)", "1000", _p95(r, "1000", "cue_rebuild"), 20.0)
    day = r.get("ui_day") or {}
    add("ui_day_worst", "một ngày mô phỏng: lệnh dài nhất trên luồng giao diện", "1000", day.get("worst_ms"), 50.0,
        why="không đo được")
    add("ui_day_worst_warm", "  … sau khi mọi màn hình đã mở một lần", "1000",
        ((day.get("phases") or {}).get("day") or {}).get("worst_ms"), 50.0, why="không đo được")
    vis = r.get("visibility_ui") or {}
    add("cross_desk_p95", "bàn khác thấy lượt quét (4 bàn cùng quét) p95", None, vis.get("p95"), 50.0)
    what = "quét trong tiến trình / fsync thô (p50)"
    measured = [n for n in by_size if (by_size[n].get("scan_to_result") or {}).get("p50") is not None]
    for n in measured:
        add("scan_vs_fsync", what, n, by_size[n]["scan_to_result"]["p50"] / floor if floor else None, 3.0, "×")
    if not measured:
        add("scan_vs_fsync", what, None, None, 3.0, "×", "không đo được")
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


def _size_table(r: dict) -> list[str]:
    sizes = [str(n) for n in r["sizes"]]
    by = {s: (r.get("by_size") or {}).get(s) or {} for s in sizes}
    rows = [
        ("quét → kết quả (trong tiến trình)", "scan_to_result"),
        ("Enter → giữ kết quả (màn hình)", "scan_to_screen"),
        ("Enter → khung hình", "scan_to_frame"),
        ("mỗi phím máy quét (5 ms/phím)", "scan_key"),
        ("quét trùng", "scan_duplicate"),
        ("tìm theo tên, mỗi phím", "search_keystroke"),
        ("tìm lạnh (dán, xóa lùi)", "search_cold"),
        ("ghi bền (khóa + fsync)", "durable_write"),
        ("màn hình MC: mỗi giây", "cue_tick"),
        ("màn hình MC: dựng lại", "cue_rebuild"),
    ]
    w = 36
    lines = [f"{'':<{w}}" + "".join(f"{s + ' ĐB':>18}" for s in sizes)]
    for label, key in rows:
        lines.append(f"{label:<{w}}" + "".join(f"{_p(by[s].get(key)):>18}" for s in sizes))
    for label, key in (("khởi động → sẵn sàng quét", "app_start_to_ready_ms"),
                       ("dựng chỉ mục tìm kiếm", "search_index_build_ms")):
        lines.append(f"{label:<{w}}" + "".join(f"{by[s].get(key, '—')!s:>18}" for s in sizes))
    lines.append(f"{'lượt quét đầu / thứ 10 sau khởi động':<{w}}" + "".join(
        f"{_first_tenth(by[s]):>18}" for s in sizes))
    for label, key in (("hoinghi checkin cả tiến trình", "cli_checkin_ms"),
                       ("hoinghi status --json", "cli_status_json_ms")):
        lines.append(f"{label:<{w}}" + "".join(f"{by[s].get(key, '—')!s:>18}" for s in sizes))
    lines.append(f"{'  (CPU: checkin / status)':<{w}}" + "".join(f"{_cpu(by[s]):>18}" for s in sizes))
    return lines


def _others(r: dict) -> list[str]:
    m = r.get("machine") or {}
    lines = ["", f"sàn fsync thô của máy: {m.get('fsync_floor_ms')} ms; curl tới máy chủ web ấm: "
                 f"{m.get('curl_warm_server_ms') or '— (không có curl)'} ms"]
    lines += ["", f"thấy thay đổi từ tiến trình khác: {_p(r.get('visibility_cross_process'))} "
                  "(thăm dò 10 ms)",
              f"bàn khác thấy lượt quét trên màn hình (4 bàn cùng quét, 1.000 ĐB): {_p(r.get('visibility_ui'))} "
              "(báo thay đổi tệp; thăm dò 250 ms dự phòng)",
              f"nhập danh sách 5.000 dòng (.xlsx): {r.get('import_5000_xlsx_ms', '—')} ms"]
    if "badge" in r:
        for mm in ("58mm", "80mm"):  # (the dict also holds the line breaker's figures)
            b = r["badge"][mm]
            lines.append(f"thẻ {mm}: vẽ {b['render_ms_mean']} + mã hóa {b['encode_ms_mean']} = {b['total_ms_mean']} ms "
                         f"(p95 {b['total_ms_p95']}), {b['bytes_mean'] // 1024} KB")
    ref = r["references"]
    lines += ["", f"so với máy quét gõ xong mã (~{ref['scanner_payload_ms']:.0f} ms) và máy in "
                  f"(~{ref['printer_badge_ms']:.0f} ms/thẻ):"]
    lines += [f"  {k}: {v}" for k, v in (r.get("ratios") or {}).items()]
    return lines


def _target_lines(r: dict) -> list[str]:
    lines = ["", "mục tiêu (issue 18):"]
    for t in r.get("targets", []):
        at = f" @{t['size']}" if t["size"] else ""
        if t["met"] is None:
            lines.append(f"  —    {t['what']}{at}: không đo ({t.get('why', '')}; mục tiêu ≤ {t['target']} {t['unit']})")
            continue
        lines.append(f"  {'ĐẠT ' if t['met'] else 'CHƯA'} {t['what']}{at}: {t['value']} {t['unit']} "
                     f"(mục tiêu ≤ {t['target']} {t['unit']}; tỉ lệ {t['ratio']})")
    return lines


def _startup_lines(r: dict) -> list[str]:
    if not r.get("startup"):
        return []
    from console.bench.startup import format_lines

    return format_lines(r["startup"])


def _day_lines(r: dict) -> list[str]:
    d = r.get("ui_day")
    if not d:
        return []
    lines = ["", f"một ngày mô phỏng trong `hoinghi open` ({d['delegates']} ĐB, {d['awards']} khen thưởng, "
                 f"{d['speeches']} tham luận; {d['seconds']} s): {d['scans']} lượt quét, {d['searches']} lần tìm tên, "
                 f"{d['walk_ins']} khách vãng lai, {d['steps']} bước chương trình, {d['ceremony']} đợt/bài",
             f"  mọi lệnh trên luồng giao diện: {d['calls']} lệnh, p99 {d['p99_ms']} ms, p99.9 {d['p999_ms']} ms, "
             f"dài nhất {d['worst_ms']} ms; {d['over_16ms']} lệnh > 16 ms, {d['over_50ms']} lệnh > 50 ms"]
    if d.get("late"):
        lines.append(f"  (chờ quá 10 s: {', '.join(d['late'][:5])})")
    if d.get("walk_in_refused"):
        lines.append(f"  (khách vãng lai không lưu được: {d['walk_in_refused']})")
    labels = {"first_show": "mở mỗi màn hình lần đầu", "day": "trong ngày (mọi màn hình đã mở)"}
    for name, ph in (d.get("phases") or {}).items():
        lines.append(f"  {labels.get(name, name)}: dài nhất {ph['worst_ms']} ms, p99 {ph['p99_ms']} ms, "
                     f"{ph['over_50ms']} lệnh > 50 ms; dài nhất là:")
        lines += [f"    {w['ms']:>8.1f} ms  {w['what'][:150]}" for w in ph["worst"][:5]]
    return lines


def format_table(r: dict) -> str:
    """The run as a table; a section that cannot be drawn says so, and the others are still printed."""
    lines = [f"hoinghi bench — mili giây, p50 / p95 ({r.get('seconds')} s)", ""]
    failed: dict = {}
    for name, part in (("bảng theo cỡ", _size_table), ("các số khác", _others), ("khởi động", _startup_lines),
                       ("ngày mô phỏng", _day_lines), ("mục tiêu", _target_lines)):
        try:
            lines += part(r)
        except Exception as exc:
            failed[name] = f"{type(exc).__name__}: {exc}"
    errors = {**(r.get("errors") or {}), **{f"in bảng {k}": v for k, v in failed.items()}}
    for k, v in errors.items():
        lines.append(f"  (không đo được {k}: {v})")
    return "\n".join(lines)
