"""`hoinghi demo`: a sample district-level event with fictional people."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

from console.event import Event, create_event
from console.importer import import_file
from data import DEMO_DIR

DEMO_LISTS = ("danh-sach-dai-bieu.xlsx", "khen-thuong.xlsx", "tham-luan.xlsx")


def create_demo(folder: Path, *, lists: tuple[str, ...] = DEMO_LISTS, clock=None) -> Event:
    """The demo folder; `clock` stamps the imports (data/demo_day.py runs the day before it)."""
    create_event(Path(folder), unit="LĐLĐ huyện Nà Lương", level="huyen-nganh",
                 name="Hội nghị điển hình tiên tiến CNVCLĐ huyện Nà Lương",
                 event_date=date(2020, 4, 15), start=time(7, 30), venue="Hội trường Huyện ủy Nà Lương",
                 place="Nà Lương", parent_unit="LĐLĐ tỉnh Bắc Kạn", edition="IV")
    event = Event(Path(folder), desk="demo", **({"clock": clock} if clock is not None else {}))
    for name in lists:
        path = DEMO_DIR / name
        if path.exists():
            import_file(event, path)
    return event
