"""Every cell of a list checked for characters that must not reach a terminal.

Run on the whole grid before anything is read from it, so one rule covers every kind
of list (delegates, awards, speeches) and every column: a control character (ESC, BEL,
a bidi override) refuses the file with its row and column; an invisible one (a
zero-width space pasted from a chat) is dropped and said in the report.
"""

from __future__ import annotations

from console.ground.safe_text import check, shown
from console.importer.grid import Grid
from console.importer.report import refuse
from console.importer.rows import Problem


def _letter(col: int) -> str:
    letters, n = "", col + 1
    while n:
        n, r = divmod(n - 1, 26)
        letters = chr(65 + r) + letters
    return letters


def screen_cells(grids: list[Grid], source: str) -> list[str]:
    """Clean the invisible characters in place; the sentences saying where. Raises the
    refusal (nothing written) when any cell holds a control character."""
    problems: list[Problem] = []
    notes: list[str] = []
    several = len(grids) > 1
    for g in grids:
        for row_no, cells in g.rows:
            for i, value in enumerate(cells):
                if value.isascii() and value.isprintable():
                    continue
                c = check(value)
                if not (c.controls or c.invisible):
                    continue
                where = _letter(i) + (f" (trang “{g.sheet}”)" if several and g.sheet else "")
                if c.refused:
                    problems.append(Problem(
                        row_no, where, shown(value)[:80],
                        f"chứa ký tự điều khiển {c.controls_text()}, có thể làm rối màn hình các bàn đón tiếp. "
                        "Hãy gõ lại nội dung ô này (không dán từ tin nhắn hay trang web) rồi nhập lại."))
                else:
                    cells[i] = c.text
                    notes.append(f"Dòng {row_no}, cột {where}: đã bỏ ký tự vô hình {c.invisible_text()} "
                                 f"trong “{c.text[:60]}”.")
    if problems:
        raise refuse(source, problems)
    return notes
