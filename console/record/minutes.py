"""The biên bản (minutes) of the conference, drafted from the journal.

Built as a list of blocks (heading, paragraph, list item, table, signatures),
then rendered as Markdown (or Word, minutes_docx.py); the secretary edits the draft, so what the journal
cannot know (who presided, when not set) is left as a dotted blank to fill in.
Nothing here looks at the wall clock.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

from console.ground.clock import parse_iso
from console.ground.errors import UserError
from console.people.quota import ROUNDING_NOTE, format_share, verdict
from console.record.figures import figures
from console.ground.storage import atomic_write_bytes, atomic_write_text
from console.record import sources
from console.record.blocks import Block
from console.record import vote as vote_mod
from console.record.sheets import AWARD_STATUS
from console.record.sources import as_of

BLANK = "…………………………"


def _when(iso_text: str | None) -> str:
    """'07 giờ 32 phút, ngày 15/04/2020', the way a biên bản writes a time."""
    if not iso_text:
        return BLANK
    t = parse_iso(str(iso_text))
    return f"{t:%H} giờ {t:%M} phút, ngày {t:%d/%m/%Y}"


def _hm(iso_text: str | None) -> str:
    return parse_iso(str(iso_text)).strftime("%H:%M") if iso_text else ""


def _minutes(value) -> str:
    if value is None or value == "":
        return "?"
    v = float(value)
    return str(int(v)) if v.is_integer() else f"{v:.1f}".replace(".", ",")


def people_text(settings, presider: str | None, secretary: str | None) -> tuple[str, str]:
    p = presider or settings.minutes.presider
    s = secretary or settings.minutes.secretary
    return (str(p).strip() or BLANK, str(s).strip() or BLANK)


def draft(event, *, presider: str | None = None, secretary: str | None = None) -> list[Block]:
    s = event.settings
    summary = sources.day_summary(event)
    fig = figures(event)
    att = fig.arrived_composition
    around = (s.quota, 1 - s.quota)

    def share(part: int) -> str:
        return format_share(_share(part, att.total), *around)

    chair, clerk = people_text(s, presider, secretary)
    blocks = [
        Block("head", rows=[[s.parent_unit.upper(), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
                            [s.unit.upper(), "Độc lập - Tự do - Hạnh phúc"],
                            ["", s.place_date_line]]),
        Block("h1", "BIÊN BẢN"),
        Block("h2", s.name + (f" lần thứ {s.edition}" if s.edition else "") + f", giai đoạn {s.period}"),
        Block("p", f"*Dự thảo lập từ nhật ký hội nghị; số liệu tính đến {as_of(event):%H:%M} ngày "
                   f"{as_of(event):%d/%m/%Y}. Thư ký kiểm tra, bổ sung trước khi ký.*"),
        Block("h3", "I. THỜI GIAN, ĐỊA ĐIỂM"),
        Block("li", f"Khai mạc lúc {_when(summary.get('opened_at'))}."),
        Block("li", f"Địa điểm: {s.venue or BLANK}."),
        Block("h3", "II. THÀNH PHẦN THAM DỰ"),
        Block("li", f"Chủ trì hội nghị: đồng chí {chair}."),
        Block("li", f"Thư ký hội nghị: đồng chí {clerk}."),
        Block("li", fig.summoned_sentence()),
        Block("li", fig.arrived_sentence()),
        Block("table", rows=[
            ["Thành phần", "Số đã đến", "Tỉ lệ"],
            ["Đại biểu điển hình tiên tiến", str(att.exemplary), share(att.exemplary)],
            ["– đại diện tập thể", str(att.collectives), share(att.collectives)],
            ["– cá nhân", str(att.individuals), share(att.individuals)],
            ["Khách mời", str(att.guests), share(att.guests)],
            ["Nữ", str(att.women), share(att.women)],
            ["Dân tộc thiểu số", str(att.minorities), share(att.minorities)],
            ["Trực tiếp sản xuất, công tác", str(att.direct_production), share(att.direct_production)],
            ["Không giữ chức vụ lãnh đạo, quản lý", str(att.non_leadership), share(att.non_leadership)],
        ]),
        Block("p", verdict(att) + " " + ROUNDING_NOTE),
        Block("h3", "III. NỘI DUNG HỘI NGHỊ"),
    ]
    blocks += _programme(event)
    blocks += _speeches(event)
    blocks += _awards(event)
    blocks += _vote(event)
    blocks += [
        Block("h3", "IV. BẾ MẠC"),
        Block("p", f"Hội nghị bế mạc lúc {_when(summary.get('closed_at'))}."),
        Block("p", f"Biên bản được lập thành …… bản, đã thông qua trước hội nghị lúc {BLANK}."),
        Block("sign", rows=[["THƯ KÝ", "CHỦ TRÌ HỘI NGHỊ"], ["(Ký, ghi rõ họ tên)", "(Ký, ghi rõ họ tên)"],
                            [clerk if clerk != BLANK else "", chair if chair != BLANK else ""]]),
    ]
    return blocks


def _share(part: int, total: int) -> Fraction | None:
    return Fraction(part, total) if total else None


def _programme(event) -> list[Block]:
    rows = [r for r in sources.timings(event) if r.get("kind", "segment") == "segment"]
    out = [Block("p", "**1. Chương trình**")]
    if not rows:
        return out + [Block("p", f"Hội nghị tiến hành theo chương trình đã thông qua. {BLANK}")]
    table = [["Mục", "Nội dung", "Bắt đầu", "Kết thúc", "Số phút"]]
    for r in rows:
        if r.get("status") == "skipped":
            table.append([str(r.get("position", "")), f"{r.get('title', '')} (không tổ chức)", "", "", ""])
            continue
        table.append([str(r.get("position", "")), str(r.get("title", "")), _hm(r.get("actual_start")),
                      _hm(r.get("actual_end")),
                      _minutes(r.get("actual_minutes")) if r.get("actual_minutes") is not None else ""])
    return out + [Block("table", rows=table)]


def _speeches(event) -> list[Block]:
    given = [sp for sp in sources.speeches(event) if sp.get("status") == "given"]
    out = [Block("p", f"**2. Tham luận**: hội nghị đã nghe {len(given)} tham luận của các điển hình tiên tiến:")]
    for sp in given:
        unit = f" ({sp['unit']})" if sp.get("unit") else ""
        title = f": “{sp['title']}”" if sp.get("title") else ""
        out.append(Block("li", f"Đồng chí {sp.get('speaker', '')}{unit}{title} — {_minutes(sp.get('actual_minutes'))} phút."))
    if not given:
        out[0] = Block("p", f"**2. Tham luận**: {BLANK}")
    return out


def _awards(event) -> list[Block]:
    records = sources.awards(event)
    done = [a for a in records if a.get("status") in ("presented", "proxy")]
    later = [a for a in records if a.get("status") == "later"]
    out = [Block("p", f"**3. Biểu dương, khen thưởng**: đã trao {len(done)}/{len(records)} khen thưởng.")]
    if not records:
        return [Block("p", f"**3. Biểu dương, khen thưởng**: {BLANK}")]
    forms: dict[str, int] = {}
    for a in done:
        forms[a.get("form", "")] = forms.get(a.get("form", ""), 0) + 1
    for form, n in forms.items():
        out.append(Block("li", f"{form}: {n}."))
    for a in records:
        if a.get("status") == "proxy":
            out.append(Block("li", f"{a.get('recipient', '')} vắng mặt; đồng chí {a.get('proxy_name') or BLANK} "
                                   f"nhận thay ({a.get('form', '')})."))
    if later:
        out.append(Block("li", f"{AWARD_STATUS['later']} ({len(later)}): "
                               + "; ".join(str(a.get("recipient", "")) for a in later) + "."))
    return out


def _vote(event) -> list[Block]:
    st = vote_mod.state(event)
    everyone = event.delegates()
    head = "**4. Thông qua danh sách đại biểu đi dự Hội nghị, Đại hội cấp trên**"
    if not st.proposed:
        return [Block("p", f"{head}: {BLANK}")]
    ids = st.approved_list if st.approved_list is not None else st.proposed
    names = [everyone[i] for i in ids if i in everyone]
    names.sort(key=lambda d: d.sort_key())
    out = [Block("p", f"{head}: Ban tổ chức trình hội nghị danh sách {len(names)} đại biểu:")]
    out += [Block("li", f"{d.name} — {', '.join(x for x in (d.position, d.unit) if x)}"
                        + (f" ({d.title})" if d.title else "")) for d in names]
    rules = vote_mod.rules_from_settings(event.settings)
    base = ("đại biểu điển hình (khách mời không biểu quyết)" if rules.voters == "exemplary"
            else "đại biểu (tổng số, kể cả khách mời và khách vãng lai)")
    for n, b in enumerate(st.ballots, start=1):
        label = f"Biểu quyết lần {n}" if len(st.ballots) > 1 else "Kết quả biểu quyết"
        out.append(Block("p", (
            f"{label} (lúc {_hm(b.at)}, giơ tay): đang có mặt {b.present}/{b.registered} {base}; "
            f"tán thành {b.votes_for} ({format_share(b.share_for, rules.majority)} số có mặt), không tán thành {b.against}, "
            f"không biểu quyết {b.abstain}. Điều kiện: có mặt {b.rule_word} {b.quorum} số trong danh sách, "
            f"tán thành {b.rule_word} {b.majority} số có mặt. **{b.result_text}.**")))
    if not st.ballots:
        out.append(Block("p", f"Kết quả biểu quyết: {BLANK}"))
    return out


# --- rendering ------------------------------------------------------------------------

def to_markdown(blocks: list[Block]) -> str:
    out: list[str] = []
    for b in blocks:
        if b.kind != "li" and out and out[-1].startswith("- "):
            out.append("")  # a list ends with a blank line, or Markdown glues the next block to it
        if b.kind == "head":
            (parent, motto), (unit, motto2), (_, place) = b.rows
            out += [f"| {parent} | **{motto}** |", "|:---:|:---:|", f"| **{unit}** | **{motto2}** |",
                    f"|   | *{place}* |", ""]
        elif b.kind == "h1":
            out += [f"# {b.text}", ""]
        elif b.kind == "h2":
            out += [f"## {b.text}", ""]
        elif b.kind == "h3":
            out += [f"### {b.text}", ""]
        elif b.kind == "p":
            out += [b.text, ""]
        elif b.kind == "li":
            out.append(f"- {b.text}")
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
