"""The biên bản as blocks (heading, paragraph, list item, table, signatures): written by
record/minutes.py, rendered to Markdown there and to Word by record/minutes_docx.py."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Block:
    kind: str  # h1 | h2 | h3 | p | li | table | sign | head
    text: str = ""
    rows: list[list[str]] = field(default_factory=list)
