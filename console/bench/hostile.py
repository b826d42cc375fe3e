"""Hostile spreadsheets, and what each costs before it is refused (or imported).

    python -m console.bench.hostile            # every case, each in a fresh process
    python -m console.bench.hostile --json

Each case is built from a real roster (the demo's official form, written by
openpyxl) with its sheet XML edited the way a hostile or careless file is:

- merge_bomb: `<mergeCell ref="A30:XFD20000"/>` under a short list (a few KB);
- whole_columns: whole columns merged (L:M and N:N, right of the list), an
  ordinary Excel action: the list must still import;
- million_rows: the list followed by 1,000,000 rows of names;
- rows_20017: a 20,017-person list (over the 20,000 limit), dimension declared.

The bound each must meet: refused (or imported) within 2 s and 200 MB of
peak memory (resident set, measured in the child process). Last, the time
to render one badge whose name, position and unit are 50 … 1,993 characters.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

BOUND_S, BOUND_MB = 2.0, 200
SHEET = "xl/worksheets/sheet1.xml"


def _roster(path: Path, n: int) -> Path:
    from data.make_demo import build_roster, make_people

    build_roster(path, make_people(n, seed=17))
    return path


def _rewrite(src: Path, dst: Path, edit) -> Path:
    """Copy an xlsx, passing the first sheet's XML through `edit(xml: str, out: BinaryIO)`."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == SHEET:
                with zout.open(SHEET, "w", force_zip64=True) as out:
                    edit(data.decode("utf-8"), out)
            else:
                zout.writestr(info, data)
    return dst


def _add_merges(xml: str, refs: list[str]) -> str:
    cells = "".join(f'<mergeCell ref="{r}"/>' for r in refs)
    if "</mergeCells>" in xml:
        xml = re.sub(r'<mergeCells count="(\d+)"',
                     lambda m: f'<mergeCells count="{int(m.group(1)) + len(refs)}"', xml, count=1)
        return xml.replace("</mergeCells>", cells + "</mergeCells>", 1)
    return xml.replace("</sheetData>", f'</sheetData><mergeCells count="{len(refs)}">{cells}</mergeCells>', 1)


def _last_row(xml: str) -> int:
    return max(int(r) for r in re.findall(r'<row r="(\d+)"', xml))


def _append_rows(xml: str, out, n: int, realistic: bool, declare: bool) -> None:
    start = _last_row(xml) + 1
    head, _, tail = xml.partition("</sheetData>")
    if declare:
        head = re.sub(r'<dimension ref="[^"]*"/>', f'<dimension ref="A1:K{start + n - 1}"/>', head, count=1)
    out.write(head.encode("utf-8"))
    buf = io.StringIO()
    for i in range(n):
        r = start + i
        if realistic:
            buf.write(f'<row r="{r}"><c r="A{r}"><v>{i + 1}</v></c><c r="B{r}" t="inlineStr"><is><t>Nguyễn Văn '
                      f'Số {i + 1}</t></is></c><c r="C{r}"><v>{1960 + i % 40}</v></c><c r="F{r}" t="inlineStr"><is>'
                      f'<t>Công nhân</t></is></c><c r="G{r}" t="inlineStr"><is><t>Công ty Số {i % 300}</t></is></c>'
                      f'<c r="H{r}" t="inlineStr"><is><t>Cá nhân điển hình</t></is></c></row>')
        else:
            buf.write(f'<row r="{r}"><c r="B{r}" t="inlineStr"><is><t>Người {i}</t></is></c></row>')
        if i % 20000 == 19999:
            out.write(buf.getvalue().encode("utf-8"))
            buf = io.StringIO()
    out.write(buf.getvalue().encode("utf-8"))
    out.write(("</sheetData>" + tail).encode("utf-8"))


def build(case: str, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    base = folder / "base-20.xlsx"
    if not base.exists():
        _roster(base, 20)
    dst = folder / f"{case}.xlsx"
    if case == "merge_bomb":
        # The short list ends above row 30: the bomb sits under it, over nothing but air.
        return _rewrite(base, dst, lambda xml, out: out.write(_add_merges(xml, ["A60:XFD20000"]).encode()))
    if case == "whole_columns":
        return _rewrite(base, dst, lambda xml, out: out.write(_add_merges(xml, ["L1:M1048576", "N1:N1048576"]).encode()))
    if case == "million_rows":
        return _rewrite(base, dst, lambda xml, out: _append_rows(xml, out, 1_000_000, False, False))
    if case == "rows_20017":
        return _rewrite(base, dst, lambda xml, out: _append_rows(xml, out, 20_017, True, True))
    raise ValueError(case)


CASES = ("merge_bomb", "whole_columns", "million_rows", "rows_20017")

_CHILD = r"""
import json, resource, sys, time
from datetime import date, time as dtime
from pathlib import Path
t0 = time.perf_counter()
from console.event import Event, create_event
from console.ground.errors import UserError
from console.importer import import_file
folder = Path(sys.argv[2])
create_event(folder, unit="Bench", level="tinh", event_date=date(2020, 5, 1), start=dtime(7, 30), max_delegates=30000)
t1 = time.perf_counter()
try:
    report = import_file(Event(folder, desk="bench"), Path(sys.argv[1]), dry_run=True)
    outcome, said = "imported", f"{report.rows} rows"
except UserError as exc:
    outcome, said = "refused", str(exc)
t2 = time.perf_counter()
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"outcome": outcome, "said": said, "seconds": round(t2 - t1, 3), "peak_mb": round(peak, 1)}))
"""


def measure(path: Path, folder: Path, timeout: float = 120.0) -> dict:
    """Import `path` (dry run) in a fresh process: outcome, wall seconds of the import, peak RSS (MB)."""
    try:
        proc = subprocess.run([sys.executable, "-c", _CHILD, str(path), str(folder)], capture_output=True,
                              text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"outcome": "timeout", "seconds": timeout, "peak_mb": None, "said": ""}
    if proc.returncode != 0:
        return {"outcome": f"crashed ({proc.returncode})", "seconds": None, "peak_mb": None,
                "said": proc.stderr.strip().splitlines()[-1:] and proc.stderr.strip().splitlines()[-1]}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def run(cases=CASES) -> dict:
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        for case in cases:
            t0 = time.perf_counter()
            path = build(case, Path(tmp) / "files")
            built_s = time.perf_counter() - t0
            r = measure(path, Path(tmp) / f"ev-{case}")
            r["file_kb"] = round(path.stat().st_size / 1024, 1)
            r["build_s"] = round(built_s, 2)
            r["within_bounds"] = (r["seconds"] is not None and r["seconds"] <= BOUND_S
                                  and r["peak_mb"] is not None and r["peak_mb"] <= BOUND_MB)
            out[case] = r
    return out


def long_names(lengths=(50, 200, 400, 1993)) -> dict:
    """Render time of one 80 mm badge whose name (and position, unit) is this many characters."""
    from console.printing import canvas
    from console.printing.layout_badge import BadgeData, render_badge

    syll = ["Nguyễn", "Thị", "Thu", "Huyền", "Lò", "Văn", "Bàn"]
    out = {}
    for n in lengths:
        name = " ".join(syll[i % 7] for i in range(n))[:n].strip()
        b = BadgeData(1, name, "HN1ABCDEFGHJKMNPQRS", "ABCD-EFGH", "khach_moi", ("Chủ tịch " * n)[:n],
                      ("Công ty " * n)[:n], ["HỘI NGHỊ"], "Nà Lương")
        canvas._fit_cached.cache_clear()
        t0 = time.perf_counter()
        render_badge(b, 576)
        out[n] = round((time.perf_counter() - t0) * 1000, 1)
    return out


def main(argv: list[str]) -> int:
    result = run()
    result["badge_render_ms_by_text_length"] = long_names()
    if "--json" in argv:
        print(json.dumps(result, ensure_ascii=False, indent=1))
        return 0
    lengths = result.pop("badge_render_ms_by_text_length")
    for case, r in result.items():
        ok = "trong giới hạn" if r["within_bounds"] else "VƯỢT GIỚI HẠN"
        print(f"{case:14} {r['file_kb']:>9} KB  {r['outcome']:9} {r['seconds']} s  đỉnh {r['peak_mb']} MB  "
              f"({ok} {BOUND_S:g} s / {BOUND_MB} MB)")
        print(f"{'':14} {r['said'][:160]}")
    print("Thẻ 80 mm, tên/chức vụ/đơn vị dài n ký tự: " + ", ".join(f"{n}: {ms} ms" for n, ms in lengths.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
