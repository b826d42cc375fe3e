"""Values going into a spreadsheet cell or a CSV field: text stays text, never a live formula.

A walk-in named `=HYPERLINK("http://…"&B12,"…")` or a note "=1+1" typed at the
desk must open in Excel or LibreOffice as the characters typed. In the xlsx a
string is written as a string cell (openpyxl would make anything starting
with "=" a formula) with Excel's quote prefix, so editing the cell keeps it
text. In CSV, where every field is text until a spreadsheet guesses, a field
that a spreadsheet would take for a formula (= + - @, or a tab or CR first)
gets a leading apostrophe, as OWASP advises; a plain number like "-5" is
left alone.
"""

from __future__ import annotations

from console.ground.formula import looks_like_formula


def csv_field(value):
    """A CSV field a spreadsheet will show as typed."""
    if isinstance(value, str) and looks_like_formula(value):
        return "'" + value
    return value


def set_cell(ws, row: int, column: int, value):
    """Write `value` into a worksheet cell; a string always as a string cell."""
    cell = ws.cell(row=row, column=column)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"  # openpyxl makes "=…" a formula: undo that, whatever the text
        if looks_like_formula(value):
            cell.quotePrefix = True  # Excel's "'" prefix: stays text when the cell is edited
    return cell
