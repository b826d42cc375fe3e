"""`hoinghi bench`: every speed figure of the console, measured on this machine.

Each figure is in milliseconds. Where a figure has a natural reference — the
time a USB scanner takes to type a badge payload, the time a receipt printer
takes per badge — the ratio is printed too (below 1 means the software is not
the bottleneck).
"""

from __future__ import annotations

import time
from collections.abc import Callable

SIZES = (150, 1000, 5000)
# A keyboard-wedge scanner types ~18 characters + Enter; typical HID scanners send a
# key every 4–8 ms, so a payload takes about 100 ms to arrive.
SCANNER_PAYLOAD_MS = 19 * 5.0
# Receipt printers doing 35–75 badges a minute: 0.8–1.7 s per badge; the fast end is the reference.
PRINTER_BADGE_MS = 60_000 / 75


def _section(name: str, fn: Callable[[], dict], out: dict, errors: dict) -> None:
    t0 = time.perf_counter()
    try:
        out[name] = fn()
    except Exception as exc:  # a missing piece must not hide the other figures
        errors[name] = f"{type(exc).__name__}: {exc}"
    out.setdefault("_seconds", {})[name] = round(time.perf_counter() - t0, 2)


def run(sizes: tuple[int, ...] = SIZES, quick: bool = False) -> dict:
    from .durability import bench_checkin_write, bench_visibility
    from .importing import bench_import

    out: dict = {"sizes": list(sizes), "references": {"scanner_payload_ms": SCANNER_PAYLOAD_MS,
                                                      "printer_badge_ms": PRINTER_BADGE_MS}}
    errors: dict = {}
    for n in sizes:
        _section(f"checkin_write_{n}", lambda n=n: bench_checkin_write(n, samples=100 if quick else 200), out, errors)
    _section("visibility", lambda: bench_visibility(count=20 if quick else 50), out, errors)
    _section("import_5000", lambda: bench_import(5000), out, errors)
    for name, loader in EXTRA.items():
        _section(name, lambda loader=loader: loader(sizes, quick), out, errors)
    if errors:
        out["errors"] = errors
    return out


# Sections contributed by the desk, printing and app modules: name -> fn(sizes, quick) -> dict.
EXTRA: dict[str, Callable[[tuple[int, ...], bool], dict]] = {}
