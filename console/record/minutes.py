"""The biên bản (minutes) of the conference, drafted from the journal.

Built as a list of blocks (heading, paragraph, list item, table, signatures),
then rendered as Markdown (or Word, minutes_docx.py); the secretary edits the draft, so what the journal
cannot know (who presided, when not set) is left as a dotted blank to fill in.
Nothing here looks at the wall clock.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

from console.ground.errors import UserError
from console.ground.storage import atomic_write_bytes, atomic_write_text
from console.people.quota import ROUNDING_NOTE, format_share, verdict
from console.record import minutes_body as body
from console.record import sources
from console.record.bodies import explicit_roles, full_name
from console.record.figures import figures
from console.record.minutes_blocks import BLANK, Block, when
from console.record.sources import as_of
from console.record.workbook import MOTTO, body_code

__all__ = ["BLANK", "Block", "draft", "people_text", "to_markdown", "write_minutes"]


def people_text(settings, presider: str | None, secretary: str | None, roles: dict | None = None) -> tuple[str, str]:
    """Who presided and who kept the minutes: the command line, else [roles], else a blank to fill."""
    roles = roles or {}
    p = presider or settings.minutes.presider or roles.get("presider") or ""
    s = secretary or settings.minutes.secretary or roles.get("secretary") or ""
    return (str(p).strip() or BLANK, str(s).strip() or BLANK)


def _share(part: int, total: int) -> Fraction | None:
    return Fraction(part, total) if total else None


def draft(event, *, presider: str | None = None, secretary: str | None = None) -> list[Block]:
    s = event.settings
    summary = sources.day_summary(event)
    roles = explicit_roles(event)
    chair, clerk = people_text(s, presider, secretary, roles)
    roles = {**roles, "presider": chair if chair != BLANK else "", "secretary": clerk if clerk != BLANK else ""}
    fig = figures(event)
    att = fig.arrived_composition
    around = (s.quota, 1 - s.quota)

    def share(part: int) -> str:
        return format_share(_share(part, att.total), *around)

    code = body_code(s.unit)
    # a word joiner after the dash: "2015–2020" never breaks across lines
    title = s.name + (f" lần thứ {s.edition}" if s.edition else "") + f", giai đoạn {s.period.replace('–', '–' + chr(0x2060))}"
    blocks = [
        Block("head", rows=[[full_name(s.parent_unit).upper(), MOTTO[0]],
                            [full_name(s.unit).upper(), MOTTO[1]],
                            [f"Số: ……/BB-{code}" if code else "Số: ……", s.place_date_line]]),
        Block("h1", "BIÊN BẢN"),
        Block("h2", title),
        Block("note", f"Dự thảo lập từ nhật ký hội nghị; số liệu tính đến {as_of(event):%H:%M} ngày "
                      f"{as_of(event):%d/%m/%Y}. Thư ký kiểm tra, bổ sung chỗ “……” trước khi ký."),
        Block("h3", "I. THỜI GIAN, ĐỊA ĐIỂM"),
        Block("li", f"Thời gian: khai mạc lúc {when(summary.get('opened_at'))}."),
        Block("li", f"Địa điểm: {s.venue or BLANK}."),
        Block("h3", "II. THÀNH PHẦN THAM DỰ"),
        *body.officers(roles),
        *body.guests_present(fig),
        Block("li", fig.summoned_sentence()),
        Block("li", fig.arrived_sentence()),
        *body.absentees(fig),
        Block("table", rows=[
            ["Thành phần (số đã đến)", "Số người", "Tỉ lệ"],
            ["Đại biểu điển hình tiên tiến", str(att.exemplary), share(att.exemplary)],
            ["– đại diện tập thể", str(att.collectives), share(att.collectives)],
            ["– cá nhân", str(att.individuals), share(att.individuals)],
            ["Khách mời", str(att.guests), share(att.guests)],
            ["Nữ", str(att.women), share(att.women)],
            ["Dân tộc thiểu số", str(att.minorities), share(att.minorities)],
            ["Trực tiếp sản xuất, công tác", str(att.direct_production), share(att.direct_production)],
            ["Không giữ chức vụ lãnh đạo, quản lý", str(att.non_leadership), share(att.non_leadership)],
        ], widths=[100, 30, 30]),
        Block("p", verdict(att) + " " + ROUNDING_NOTE),
        Block("h3", "III. NỘI DUNG HỘI NGHỊ"),
        Block("p", "**Chương trình** (thời gian thực tế):"),
    ]
    rows = sources.timings(event)
    blocks += body.programme_table(rows)
    blocks += body.parts(event, rows, roles)
    blocks += [
        Block("h3", "IV. BẾ MẠC"),
        Block("p", f"Hội nghị bế mạc lúc {when(summary.get('closed_at'))}."),
        Block("keep", f"Biên bản được lập thành …… bản, đã thông qua trước hội nghị lúc {BLANK}."),
        Block("sign", rows=[["THƯ KÝ", "CHỦ TRÌ HỘI NGHỊ"], ["(Ký, ghi rõ họ tên)", "(Ký, ghi rõ họ tên)"],
                            ["", ""], ["", ""],
                            [clerk if clerk != BLANK else "", chair if chair != BLANK else ""]]),
    ]
    return blocks


# --- rendering ------------------------------------------------------------------------

def to_markdown(blocks: list[Block]) -> str:
    out: list[str] = []
    for b in blocks:
        if b.kind not in ("li", "li2") and out and out[-1].lstrip().startswith("- "):
            out.append("")  # a list ends with a blank line, or Markdown glues the next block to it
        if b.kind == "head":
            (parent, motto), (unit, motto2), (number, place) = b.rows
            out += [f"| {parent} | **{motto}** |", "|:---:|:---:|", f"| **{unit}** | **{motto2}** |",
                    f"| {number} | *{place}* |", ""]
        elif b.kind == "h1":
            out += [f"# {b.text}", ""]
        elif b.kind == "h2":
            out += [f"## {b.text}", ""]
        elif b.kind == "h3":
            out += [f"### {b.text}", ""]
        elif b.kind in ("p", "keep"):
            out += [b.text, ""]
        elif b.kind == "note":
            out += [f"*{b.text}*", ""]
        elif b.kind == "li":
            out.append(f"- {b.text}")
        elif b.kind == "li2":
            out.append(f"  - {b.text}")
        elif b.kind in ("table", "sign"):
            header, *body = b.rows
            out.append("| " + " | ".join(f"**{c}**" if b.kind == "sign" else c for c in header) + " |")
            out.append("|" + "|".join(":---:" if b.kind == "sign" else "---" for _ in header) + "|")
            out += ["| " + " | ".join(c.replace("|", "/") for c in row) + " |" for row in body]
            out.append("")
    text = "\n".join(out)
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text.rstrip() + "\n"


def default_name(event) -> str:
    return f"bien-ban-{event.settings.date:%Y-%m-%d}.md"


def write_minutes(event, out: Path | None = None, *, presider: str | None = None,
                  secretary: str | None = None) -> Path:
    """Markdown (.md) or Word (.docx), chosen by the file name."""
    out = Path(out) if out else event.folder / default_name(event)
    suffix = out.suffix.lower()
    if suffix not in (".md", ".docx"):
        raise UserError(f"Tệp biên bản “{out}” phải có đuôi .md (Markdown) hoặc .docx (Word).")
    if not out.parent.is_dir():
        raise UserError(f"Không thấy thư mục {out.parent} để ghi biên bản. Hãy tạo thư mục trước.")
    blocks = draft(event, presider=presider, secretary=secretary)
    if suffix == ".docx":
        from console.record.minutes_docx import to_docx

        atomic_write_bytes(out, to_docx(blocks, as_of(event)), mode=0o644)
    else:
        atomic_write_text(out, to_markdown(blocks), mode=0o644)
    return out
