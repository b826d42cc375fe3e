"""Read back what the project sends: parse the ESC/POS bytes, rebuild the image, decode the QR.

The parser is strict: it knows the few commands hoinghi may send (ESC @,
GS v 0, ESC d, GS V) and fails on anything else, so a stray text command
(which a clone printer would garble) cannot slip in.
"""

from __future__ import annotations

import pytest
import zxingcpp
from PIL import Image

from console.door.checkin import CHECKED_IN, REPLACED, scan
from console.door.tokens import make_token
from console.printing.jobs import queue_badges, reprint
from console.printing.layout_badge import badge_data, render_badge
from console.printing.raster import encode
from console.printing.worker import PrintWorker


def commands(data: bytes):
    """Yield (name, band image or None) for each command; raise on anything unknown."""
    i = 0
    while i < len(data):
        if data[i:i + 2] == b"\x1b@":
            yield "init", None
            i += 2
        elif data[i:i + 3] == b"\x1dv0":
            assert data[i + 3] == 0, "normal density expected"
            wb = data[i + 4] | data[i + 5] << 8
            h = data[i + 6] | data[i + 7] << 8
            body = data[i + 8:i + 8 + wb * h]
            assert len(body) == wb * h, "raster block cut short"
            # GS v 0 bits: 1 = burn a dot; in a Pillow "1" image 0 is black.
            yield f"raster {wb * 8}x{h}", Image.frombytes("1", (wb * 8, h), bytes(255 - b for b in body))
            i += 8 + wb * h
        elif data[i:i + 2] == b"\x1bd":
            yield f"feed {data[i + 2]}", None
            i += 3
        elif data[i:i + 3] == b"\x1dVB":
            yield "cut", None
            i += 4
        else:
            raise AssertionError(f"unexpected byte 0x{data[i]:02x} at {i}: {data[i:i + 8]!r}")


def _stack(bands: list[Image.Image]) -> Image.Image:
    assert bands, "no raster image in the job"
    widths = {b.width for b in bands}
    assert len(widths) == 1, f"bands of different widths {widths}"
    img = Image.new("1", (bands[0].width, sum(b.height for b in bands)), 1)
    y = 0
    for b in bands:
        img.paste(b, (0, y))
        y += b.height
    return img


def parse_raster(data: bytes) -> tuple[Image.Image, list[str]]:
    """ESC/POS bytes of one job → (the printed image, the commands seen)."""
    seen, bands = [], []
    for name, band in commands(data):
        seen.append(name)
        if band is not None:
            bands.append(band)
    return _stack(bands), seen


def parse_jobs(data: bytes) -> list[Image.Image]:
    """Several jobs back to back (each starts with ESC @) → one image each."""
    jobs: list[list[Image.Image]] = []
    for name, band in commands(data):
        if name == "init":
            jobs.append([])
        elif band is not None:
            jobs[-1].append(band)
    return [_stack(b) for b in jobs]


def decode_qr(img: Image.Image) -> list[str]:
    return [r.text for r in zxingcpp.read_barcodes(img.convert("L"))]


def test_parser_rebuilds_the_exact_image():
    img = Image.effect_noise((576, 700), 90).point(lambda v: 255 if v > 128 else 0).convert("1")
    back, seen = parse_raster(encode(img, 576))
    assert back.tobytes() == img.tobytes()
    assert seen[0] == "init" and seen[-1] == "cut"
    assert all(s.startswith("raster 576x") for s in seen[1:-2])


def test_narrow_image_is_padded_to_full_width():
    img = Image.new("1", (200, 50), 0)
    back, _ = parse_raster(encode(img, 384))
    assert back.size == (384, 50)
    assert back.getpixel((0, 0)) == 255 and back.getpixel((192, 25)) == 0  # white margin, black centre


@pytest.mark.parametrize("width", [384, 576])
def test_every_demo_badge_decodes_to_a_token_that_checks_in(demo_event, width):
    people = sorted(demo_event.delegates().values(), key=lambda d: d.id)
    assert len(people) == 140
    checked = 0
    for d in people:
        data = encode(render_badge(badge_data(demo_event, d), width), width)
        img, seen = parse_raster(data)
        assert img.width == width
        assert "cut" in seen
        texts = decode_qr(img)
        assert texts == [make_token(demo_event.secret, d.id, 1)], d.name
        if width == 576:  # one check-in per person is enough; 58 mm badges carry the same token
            result = scan(demo_event, texts[0])
            assert result.result == CHECKED_IN, (d.name, result.message)
            assert result.delegate.id == d.id
            checked += 1
    assert checked == (140 if width == 576 else 0)
    assert len(demo_event.day.present) == checked


def test_reprinted_badge_replaces_the_lost_one(demo_event, tmp_path):
    d = demo_event.get(7)
    old = decode_qr(render_badge(badge_data(demo_event, d), 576))[0]
    job = reprint(demo_event, 7, "mất thẻ", printer=f"file://{tmp_path}/printer.bin")
    assert job.reprint and job.data["version"] == 2
    worker = PrintWorker.for_event(demo_event)
    assert [a.ok for a in worker.run_once()] == [True]
    img, _ = parse_raster((tmp_path / "printer.bin").read_bytes())
    new = decode_qr(img)[0]
    assert new != old and new == make_token(demo_event.secret, 7, 2)
    lost = scan(demo_event, old)
    assert lost.result == REPLACED and "thay bằng thẻ in lại lúc 07:00" in lost.message
    assert scan(demo_event, new).result == CHECKED_IN
    kinds = [e.kind for e in demo_event.journal.entries]
    assert kinds.count("badge_reissue") == 1
    line = [e for e in demo_event.journal.entries if e.kind == "badge_reissue"][0]
    assert line.data["delegate_id"] == 7 and line.data["version"] == 2 and line.data["reason"] == "mất thẻ"


def test_raw_file_printer_receives_only_raster_jobs(demo_event, tmp_path):
    target = tmp_path / "lp0.bin"
    queued, _ = queue_badges(demo_event, [1, 2, 3], printer=f"file://{target}?width=58")
    PrintWorker.for_event(demo_event).run_once()
    images = parse_jobs(target.read_bytes())
    assert len(images) == 3
    assert [decode_qr(img) for img in images] == [[make_token(demo_event.secret, i, 1)] for i in (1, 2, 3)]
    assert all(img.width == 384 for img in images)
