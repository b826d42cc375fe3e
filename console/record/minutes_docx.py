"""The biên bản as a Word document (python-docx), from the same blocks as the Markdown.

Offices edit and print the minutes in Word; a .docx in Times New Roman with
the letterhead and the signature block saves them retyping the draft.
"""

from __future__ import annotations

import io
import re
from datetime import UTC

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

from console.record.blocks import Block

_MARK = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def _runs(paragraph, text: str, *, bold: bool = False, italic: bool = False) -> None:
    """**bold** and *italic* as in the Markdown draft."""
    for part in _MARK.split(text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            paragraph.add_run(part[2:-2]).bold = True
        elif part.startswith("*") and part.endswith("*"):
            run = paragraph.add_run(part[1:-1])
            run.italic, run.bold = True, bold
        else:
            run = paragraph.add_run(part)
            run.bold, run.italic = bold, italic


def _plain_table(doc, rows: list[list[str]], *, bold_first: bool, styles: list[tuple[bool, bool]] | None = None,
                 size: float | None = None, left_first_column: bool = False):
    table = doc.add_table(rows=len(rows), cols=len(rows[0]))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            p = table.cell(r, c).paragraphs[0]
            left = left_first_column and c == 0 and r > 0
            p.alignment = WD_ALIGN_PARAGRAPH.LEFT if left else WD_ALIGN_PARAGRAPH.CENTER
            bold, italic = styles[r] if styles else (bold_first and r == 0, False)
            _runs(p, value, bold=bold, italic=italic)
            if size:
                for run in p.runs:
                    run.font.size = Pt(size)
    return table


def to_docx(blocks: list[Block], stamp) -> bytes:
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(13)
    for section in doc.sections:  # A4 with the margins of Vietnamese administrative documents
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin, section.right_margin = Mm(30), Mm(15)
        section.top_margin = section.bottom_margin = Mm(20)
    for b in blocks:
        if b.kind == "head":
            _plain_table(doc, b.rows, bold_first=False, styles=[(False, False), (True, False), (False, True)], size=12)
        elif b.kind in ("h1", "h2"):
            p = doc.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = p.add_run(b.text)
            run.bold = True
            run.font.size = Pt(15 if b.kind == "h1" else 13)
        elif b.kind == "h3":
            _runs(doc.add_paragraph(), b.text, bold=True)
        elif b.kind == "p":
            _runs(doc.add_paragraph(), b.text)
        elif b.kind == "li":
            _runs(doc.add_paragraph(style="List Bullet"), b.text)
        elif b.kind == "table":
            table = _plain_table(doc, b.rows, bold_first=True, left_first_column=True)
            table.style = "Table Grid"
        elif b.kind == "sign":
            doc.add_paragraph()
            _plain_table(doc, b.rows, bold_first=True, styles=[(True, False), (False, True), (True, False)])
    props = doc.core_properties
    when = stamp.astimezone(UTC).replace(tzinfo=None, microsecond=0)
    props.created = props.modified = when
    props.author = props.last_modified_by = "hoinghi"
    props.title = "Biên bản hội nghị"
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
