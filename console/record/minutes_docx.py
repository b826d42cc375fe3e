"""The biên bản as a Word document (python-docx), from the same blocks as the Markdown.

Offices edit and print the minutes in Word. The layout follows Nghị định 30/2020:
A4, margins 20–25 / 30 left / 15 right mm, Times New Roman 13; the issuing body
and its parent left, the national motto right (quốc hiệu on one line, bold; the
motto bold and underlined); page numbers; each table's header row repeated on a
new page and its rows kept whole; the last paragraph kept with the signatures,
so no page holds only the signature block.
"""

from __future__ import annotations

import io
import re
from datetime import UTC

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from console.record.minutes_blocks import Block

_MARK = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")
TEXT_WIDTH_MM = 165  # 210 − 30 − 15
HEAD_WIDTHS_MM = (62, 103)  # the quốc hiệu, at 12 pt bold, needs about 98 mm on one line


def _runs(paragraph, text: str, *, bold: bool = False, italic: bool = False, size: float | None = None,
          underline: bool = False) -> None:
    """**bold** and *italic* as in the Markdown draft."""
    for part in _MARK.split(text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            run = paragraph.add_run(part[2:-2])
            run.bold = True
        elif part.startswith("*") and part.endswith("*"):
            run = paragraph.add_run(part[1:-1])
            run.italic, run.bold = True, bold
        else:
            run = paragraph.add_run(part)
            run.bold, run.italic = bold, italic
        if size:
            run.font.size = Pt(size)
        if underline:
            run.underline = True


def _repeat_header(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    for tag in ("w:tblHeader", "w:cantSplit"):
        el = OxmlElement(tag)
        el.set(qn("w:val"), "true")
        tr_pr.append(el)


def _cant_split(row) -> None:
    el = OxmlElement("w:cantSplit")
    el.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(el)


def _widths(table, widths_mm) -> None:
    """Column widths both in the grid (LibreOffice reads these) and on each cell (Word)."""
    table.autofit = False
    for col, w in zip(table.columns, widths_mm, strict=False):
        col.width = Mm(w)
    for row in table.rows:
        for cell, w in zip(row.cells, widths_mm, strict=False):
            cell.width = Mm(w)


def _keep_with_next(paragraph) -> None:
    paragraph.paragraph_format.keep_with_next = True


def _page_number(section) -> None:
    """'- 2 -'-style page number at the top centre from the second page (ND 30: pages numbered)."""
    section.different_first_page_header_footer = True
    p = section.header.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run()
    for tag, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if tag:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), tag)
        else:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        run._r.append(el)
    run.font.size = Pt(13)


def _head(doc, rows: list[list[str]]) -> None:
    table = doc.add_table(rows=3, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _widths(table, HEAD_WIDTHS_MM)
    styles = [((12, False, False, False), (12, True, False, False)),
              ((12, True, False, False), (13, True, False, True)),
              ((13, False, False, False), (13, False, True, False))]
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            p = table.cell(r, c).paragraphs[0]
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            size, bold, italic, underline = styles[r][c]
            _runs(p, value, bold=bold, italic=italic, size=size, underline=underline)
            p.paragraph_format.space_after = Pt(0)


def _table(doc, b: Block):
    rows = b.rows
    table = doc.add_table(rows=len(rows), cols=len(rows[0]))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.style = "Table Grid"
    widths = b.widths or [TEXT_WIDTH_MM / len(rows[0])] * len(rows[0])
    _widths(table, widths)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            p = table.cell(r, c).paragraphs[0]
            wide = widths[c] >= max(widths)
            p.alignment = WD_ALIGN_PARAGRAPH.LEFT if (wide and r > 0) else WD_ALIGN_PARAGRAPH.CENTER
            _runs(p, value, bold=r == 0, size=12)
            p.paragraph_format.space_after = Pt(0)
        (_repeat_header if r == 0 else _cant_split)(table.rows[r])
    return table


def _sign(doc, rows: list[list[str]]) -> None:
    table = doc.add_table(rows=len(rows), cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _widths(table, (TEXT_WIDTH_MM / 2, TEXT_WIDTH_MM / 2))
    for r, row in enumerate(rows):
        _cant_split(table.rows[r])
        for c, value in enumerate(row):
            p = table.cell(r, c).paragraphs[0]
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _runs(p, value, bold=r in (0, len(rows) - 1), italic=r == 1)
            p.paragraph_format.space_after = Pt(0)
            if r < len(rows) - 1:
                _keep_with_next(p)


def to_docx(blocks: list[Block], stamp) -> bytes:
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(13)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), "Times New Roman")
    normal.paragraph_format.space_after = Pt(4)
    for section in doc.sections:  # A4 with the margins of Vietnamese administrative documents
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin, section.right_margin = Mm(30), Mm(15)
        section.top_margin, section.bottom_margin = Mm(20), Mm(20)
        _page_number(section)
    for i, b in enumerate(blocks):
        if b.kind == "head":
            _head(doc, b.rows)
        elif b.kind in ("h1", "h2"):
            p = doc.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            if b.kind == "h1":
                p.paragraph_format.space_before = Pt(12)
            _runs(p, b.text, bold=True, size=14 if b.kind == "h1" else 13)
            _keep_with_next(p)
        elif b.kind == "h3":
            p = doc.add_paragraph()
            _runs(p, b.text, bold=True)
            p.paragraph_format.space_before = Pt(6)
            _keep_with_next(p)
        elif b.kind == "note":
            p = doc.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _runs(p, b.text, italic=True, size=11)
        elif b.kind in ("p", "keep"):
            p = doc.add_paragraph()
            # justified like the body of an official text, except a line of dots to fill in
            p.alignment = WD_ALIGN_PARAGRAPH.LEFT if "……" in b.text else WD_ALIGN_PARAGRAPH.JUSTIFY
            _runs(p, b.text)
            nxt = blocks[i + 1].kind if i + 1 < len(blocks) else ""
            if b.kind == "keep" or nxt in ("li", "table", "sign") or b.text.startswith("**"):
                _keep_with_next(p)
        elif b.kind in ("li", "li2"):
            p = doc.add_paragraph(style="List Bullet" if b.kind == "li" else "List Bullet 2")
            _runs(p, b.text)
        elif b.kind == "table":
            _table(doc, b)
        elif b.kind == "sign":
            _sign(doc, b.rows)
    props = doc.core_properties
    when = stamp.astimezone(UTC).replace(tzinfo=None, microsecond=0)
    props.created = props.modified = when
    props.author = props.last_modified_by = "hoinghi"
    props.title = "Biên bản hội nghị"
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
