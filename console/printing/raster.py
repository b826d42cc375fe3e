"""One 1-bit image → the ESC/POS bytes of a raster print (GS v 0), via python-escpos.

No text commands, no code pages, no native QR: the clone printers sold in
Vietnam garble Vietnamese in their code pages and many misdraw their own QR,
while every one of them prints a raster image. The image is padded (centred)
to the full printable width so nothing depends on the printer's own margins,
and sent in bands of at most 256 rows: small printers with a small receive
buffer drop the tail of one huge GS v 0 block.
"""

from __future__ import annotations

from PIL import Image

from console.printing.escpos_cache import prepare

prepare()  # before escpos is imported: its printer database read from a cache, not parsed again
from escpos.printer import Dummy  # noqa: E402

BAND_ROWS = 256
INIT = b"\x1b@"  # ESC @: reset (clears a half-received job of someone else)
FEED_CUT = b"\x1bd\x04" + b"\x1dVB\x00"  # ESC d 4: feed 4 lines; GS V B 0: feed to cutter and cut


def pad_to_width(img: Image.Image, width: int) -> Image.Image:
    """A "1" image exactly `width` dots wide: centred on white, or scaled down if wider."""
    if img.mode != "1":
        img = img.convert("L").point(lambda v: 255 if v >= 128 else 0).convert("1")
    if img.width == width:
        return img
    if img.width > width:
        h = max(1, round(img.height * width / img.width))
        return img.resize((width, h), Image.Resampling.NEAREST)
    out = Image.new("1", (width, img.height), 1)
    out.paste(img, ((width - img.width) // 2, 0))
    return out


def encode(img: Image.Image, width: int, *, cut: bool = True) -> bytes:
    """The bytes to send for one slip."""
    img = pad_to_width(img, width)
    printer = Dummy()
    # A known media width keeps python-escpos from printing a warning per image.
    printer.profile.profile_data["media"]["width"]["pixels"] = width
    printer._raw(INIT)
    # Bands cut here rather than by python-escpos, which would convert the
    # whole image once more before splitting it (twice the time).
    for top in range(0, img.height, BAND_ROWS):
        band = img.crop((0, top, width, min(img.height, top + BAND_ROWS)))
        printer.image(band, impl="bitImageRaster", fragment_height=BAND_ROWS + 1)
    if cut:
        printer._raw(FEED_CUT)
    return printer.output
