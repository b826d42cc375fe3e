"""Every workbook carries the journal's seal as it saw it: a later cut journal no longer matches the paper."""

from __future__ import annotations

import openpyxl

from console.door.checkin import checkin_delegate
from console.event import Event
from console.record.export import write_report


def _seal_text(path) -> str:
    wb = openpyxl.load_workbook(path)
    cells = [str(c.value) for row in wb["Nhật ký"].iter_rows() for c in row if c.value]
    return next(c for c in cells if c.startswith("Niêm phong nhật ký"))


def test_the_workbook_names_the_journals_last_line_and_hash(demo_dir, clock, tmp_path):
    ev = Event(demo_dir, desk="cua", clock=clock)
    for i in list(ev.delegates())[:3]:
        checkin_delegate(ev, i)
    first, _ = write_report(ev, tmp_path / "a.xlsx")
    chain = ev.journal.chain
    text = _seal_text(first)
    assert f"dòng cuối số {chain.head_n}," in text and "-".join(chain.head_h[:16].upper()[i:i + 4] for i in range(0, 16, 4)) in text and f"dài {chain.offset} byte" in text
    # one more line: the seal the next paper carries is another one, so two papers are told apart
    checkin_delegate(ev, list(ev.delegates())[5])
    second, _ = write_report(Event(demo_dir, desk="cua", clock=clock), tmp_path / "b.xlsx")
    assert _seal_text(second) != text
