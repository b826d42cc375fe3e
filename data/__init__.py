"""Shipped data: the demo event's lists, templates and the bundled font."""

from pathlib import Path

DATA_DIR = Path(__file__).parent
DEMO_DIR = DATA_DIR / "demo"
FONTS_DIR = DATA_DIR / "fonts"
