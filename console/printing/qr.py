"""The badge QR as a 1-bit picture, sized for a 203 dpi thermal head.

The token is 20 characters of the QR alphanumeric set, so at error correction
M it is a version-1 symbol (21×21 modules). Modules of 7 dots (0.86 mm) on
58 mm paper and 8 dots (1 mm) on 80 mm are far above what a desk scanner
needs, and the 4-module quiet zone the standard asks for is kept white.
"""

from __future__ import annotations

import qrcode
from PIL import Image
from qrcode.constants import ERROR_CORRECT_M

QUIET = 4  # modules of white around the symbol (ISO/IEC 18004)


def module_dots(width: int) -> int:
    return 8 if width >= 576 else 7


def qr_image(payload: str, module: int) -> Image.Image:
    qr = qrcode.QRCode(error_correction=ERROR_CORRECT_M, box_size=1, border=QUIET)
    qr.add_data(payload.upper(), optimize=0)
    qr.make(fit=True)
    matrix = qr.get_matrix()
    n = len(matrix)
    small = Image.new("1", (n, n), 1)
    small.putdata([0 if dark else 1 for row in matrix for dark in row])
    return small.resize((n * module, n * module), Image.Resampling.NEAREST)
