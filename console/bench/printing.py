"""Benchmark: render and encode time per badge, and bytes per badge, at 58 and 80 mm.

A printer doing 35–75 badges a minute takes 0.8–1.7 s a badge; the software's
share must stay far below that (target < 20 ms a badge, rendered ahead).

    python -c "from console.bench.printing import run; print(run())"
    hoinghi print-bench [--n 140]
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path


def run(n: int = 140, folder: Path | None = None) -> dict:
    from console.cli.demo import create_demo
    from console.event import Event
    from console.printing.canvas import _fit_cached, line_mask
    from console.printing.layout_badge import badge_data, render_badge
    from console.printing.raster import encode

    with tempfile.TemporaryDirectory() as tmp:
        event = Event(folder) if folder else create_demo(Path(tmp) / "bench")
        people = sorted(event.delegates().values(), key=lambda d: d.id)
        people = (people * (n // max(1, len(people)) + 1))[:n]
        data = [badge_data(event, d) for d in people]
        out: dict = {"badges": len(data)}
        for mm, dots in (("58mm", 384), ("80mm", 576)):
            _fit_cached.cache_clear()
            line_mask.cache_clear()
            render_ms, encode_ms, sizes = [], [], []
            for b in data:
                t0 = time.perf_counter()
                img = render_badge(b, dots)
                t1 = time.perf_counter()
                raw = encode(img, dots)
                t2 = time.perf_counter()
                render_ms.append((t1 - t0) * 1000)
                encode_ms.append((t2 - t1) * 1000)
                sizes.append(len(raw))
            total = [r + e for r, e in zip(render_ms, encode_ms, strict=True)]
            out[mm] = {
                "render_ms_mean": round(statistics.fmean(render_ms), 2),
                "encode_ms_mean": round(statistics.fmean(encode_ms), 2),
                "total_ms_mean": round(statistics.fmean(total), 2),
                "total_ms_p95": round(sorted(total)[int(0.95 * (len(total) - 1))], 2),
                "total_ms_first": round(total[0], 2),
                "bytes_mean": int(statistics.fmean(sizes)),
                "badges_per_minute_cpu": int(60000 / statistics.fmean(total)),
            }
        out["line_breaking"] = line_breaking(data)
        return out


def line_breaking(data) -> dict:
    """What the Vietnamese line breaker costs (console/printing/wrap.py): finding the words of
    every name, position and unit of the day (chunks), and choosing the lines at 80 mm (layout,
    which measures each chunk once with the font: most of the cost)."""
    from console.printing.fonts import font, wrap_words
    from console.printing.wrap import chunks

    texts = [t for b in data for t in (b.name, b.position, b.unit) if t]
    t0 = time.perf_counter()
    for t in texts:
        chunks(t)
    t1 = time.perf_counter()
    f = font(24)
    for t in texts:
        wrap_words(t, f, 552)
    t2 = time.perf_counter()
    n = max(1, len(texts))
    return {"texts": len(texts), "chunks_ms_per_text": round((t1 - t0) * 1000 / n, 3),
            "layout_ms_per_text": round((t2 - t1) * 1000 / n, 3),
            "per_badge_ms": round((t2 - t0) * 1000 / max(1, len(data)), 2)}


def previews(out_dir: Path, folder: Path | None = None) -> list[Path]:
    """PNG of a badge, a guest badge, a certificate and a call sheet at 58 and 80 mm.

    Each PNG is the image rebuilt from the ESC/POS bytes (what the printer gets),
    so looking at it checks the whole path.
    """
    from console.cli.demo import create_demo
    from console.event import Event
    from console.printing.layout_badge import badge_data, render_badge
    from console.printing.layout_callsheet import Awardee, CallSheet, render_callsheet
    from console.printing.layout_certificate import certificate_data, render_certificate
    from console.printing.raster import encode

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory() as tmp:
        event = Event(folder) if folder else create_demo(Path(tmp) / "preview")
        people = sorted(event.delegates().values(), key=lambda d: (-len(d.name), d.id))
        guests = [d for d in people if d.category == "khach_moi" and d.position] or people
        cert = certificate_data(
            event, recipient="Hoàng Thị Nhung", award_form="Bằng khen của Ban Chấp hành Liên đoàn Lao động tỉnh Bắc Kạn",
            reason="xuất sắc trong phong trào thi đua “Lao động giỏi, lao động sáng tạo” giai đoạn 2015–2020",
            unit="Trường Tiểu học Nà Lương")
        sheet = CallSheet(batch=2, award_form="Bằng khen của Chủ tịch UBND tỉnh",
                          presenter="Đồng chí Bí thư Huyện ủy Nà Lương",
                          awardees=[Awardee("Lý Thị Mai", "Tổ Dệt thổ cẩm số 1"),
                                    Awardee("Hoàng Văn Sình", "Hợp tác xã Chè Phiêng Luông", proxy="Nông Văn Tám")])
        for mm, dots in (("58", 384), ("80", 576)):
            slips = {"badge": render_badge(badge_data(event, people[0]), dots),
                     "badge-guest": render_badge(badge_data(event, guests[0]), dots),
                     "certificate": render_certificate(cert, dots), "callsheet": render_callsheet(sheet, dots)}
            for name, img in slips.items():
                path = out_dir / f"print-{name}-{mm}mm.png"
                _from_bytes(encode(img, dots)).save(path)
                written.append(path)
    return written


def _from_bytes(data: bytes):
    """The image inside the GS v 0 blocks of one job (what the printer will burn)."""
    from PIL import Image

    bands, i = [], 0
    while True:
        i = data.find(b"\x1dv0", i)
        if i < 0:
            break
        wb, h = data[i + 4] | data[i + 5] << 8, data[i + 6] | data[i + 7] << 8
        body = data[i + 8:i + 8 + wb * h]
        bands.append(Image.frombytes("1", (wb * 8, h), bytes(255 - b for b in body)))
        i += 8 + wb * h
    img = Image.new("1", (bands[0].width, sum(b.height for b in bands)), 1)
    y = 0
    for b in bands:
        img.paste(b, (0, y))
        y += b.height
    return img
