"""Thermal printing: badges, certificates and call sheets as 1-bit raster images on ESC/POS printers.

    fonts, canvas, qr          drawing (bundled Noto Sans, one "1"-mode image per slip)
    layout_badge, layout_certificate, layout_callsheet    the slips, from plain data
    raster                     image → ESC/POS GS v 0 bytes (python-escpos)
    printers                   printer URIs and sending, with Vietnamese failures
    queue, jobs, worker        the persistent queue, what goes in it, who prints it
    bench                      render/encode time and bytes per badge
"""
