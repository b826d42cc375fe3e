"""`hoinghi script`: the MC's kịch bản of the whole programme as it stands now.

Every part in order with its planned start and minutes, the MC's words with the
names filled in, the lists read out (guests in protocol order, the programme,
the names proposed at item 9), each speech, each award decision and batch with
its presenter, and the crew's cues — the paper an MC rehearses with and holds as
a fallback when a screen fails. Names come from who is present; before the day
(nobody checked in yet) from everyone registered, and the script says so.
The same data as JSON (`--json`), Markdown, or a Word document.
"""

from __future__ import annotations

import io
import re

from console.agenda.plan import load_agenda
from console.agenda.timing import build_items, minutes_text, planned_start, planned_times
from console.ground.clock import hhmm

_NUMBERED = re.compile(r"^\d+\. ")
_NAMED = re.compile(r"^(?:\d+\. )?Đồng chí ([^,;.]+)")  # "Đồng chí X, …;" / "2. Đồng chí X, …;"


class _EveryoneHere:
    """The day as if every registered delegate were in the hall: the script before the day."""

    def __init__(self, day, ids):
        self._day = day
        self.present = dict.fromkeys(ids)

    def __getattr__(self, name):
        return getattr(self._day, name)


class _Registered:
    """An event whose hall holds everyone registered (reads only: nothing is written through it)."""

    def __init__(self, event):
        self._event = event
        self.day = _EveryoneHere(event.day, list(event.delegates()))

    def present_delegates(self):
        return list(self._event.delegates().values())

    def __getattr__(self, name):
        return getattr(self._event, name)


def script(event) -> dict:
    """The kịch bản as data: each part its title, planned start and minutes, MC lines, people named."""
    present = bool(event.day.present)
    source = event if present else _Registered(event)
    agenda = load_agenda(event)
    items = build_items(source, agenda)
    starts = planned_times(items, planned_start(event))
    s = event.settings
    parts: list[dict] = []
    for seg in agenda.segments:
        mine = [it for it in items if it.segment_key == seg.key]
        part = {"position": str(seg.position), "key": seg.key, "title": seg.title, "kind": seg.kind,
                "planned_start": hhmm(starts[mine[0].id]) if mine else "", "planned_minutes": seg.minutes,
                "notes": seg.notes, "mc_lines": [], "listed": [], "mc_after": "", "people": [], "substeps": []}
        for it in mine:
            if it.sub is None:
                part["mc_lines"] = [line for line in it.mc_line.splitlines() if line.strip()]
                part["listed"] = list(it.mc_list)
                part["mc_after"] = it.mc_after
                part["people"] = [m.group(1).strip() for line in it.mc_list
                                  if (m := _NAMED.match(line))]
            else:
                lines = [line for line in it.mc_line.splitlines() if line.strip()]
                if it is mine[0] and len(lines) > 1:  # the segment's own line comes first
                    part["mc_lines"], lines = lines[:1], lines[1:]
                people = [x for x in ([it.person] if it.person else []) + list(it.sub.names) if x]
                part["substeps"].append({
                    "position": it.position, "title": it.title, "planned_start": hhmm(starts[it.id]),
                    "planned_minutes": round(it.planned_minutes, 2), "person": it.person,
                    "presenter": it.sub.presenter, "names": list(it.sub.names), "mc_lines": lines,
                    "people": people})
                part["people"] += [p for p in people if p not in part["people"]]
        parts.append(part)
    return {"event": s.name, "unit": s.unit, "parent_unit": s.parent_unit, "date": s.date.strftime("%d/%m/%Y"),
            "venue": s.venue, "start": hhmm(planned_start(event)), "period": s.period, "next_period": s.next_period,
            "names_from": "present" if present else "registered", "total_minutes": agenda.total_minutes,
            "parts": parts}


def to_markdown(data: dict) -> str:
    out = []
    if data["parent_unit"]:
        out.append(f"**{data['parent_unit'].upper()}**  ")
    out += [f"**{data['unit'].upper()}**", "", "# KỊCH BẢN CHƯƠNG TRÌNH", f"## {data['event']}", "",
            f"Thời gian: {data['start']}, ngày {data['date']}" + (f" · Địa điểm: {data['venue']}" if data["venue"] else ""),
            "", f"*Tên người lấy theo {'danh sách đang có mặt' if data['names_from'] == 'present' else 'danh sách đăng ký (chưa ai điểm danh)'}; "
            f"tổng thời lượng {minutes_text(data['total_minutes'])} phút.*", ""]
    for p in data["parts"]:
        out += [f"### {p['position']}. {p['title']}", "",
                f"*{p['planned_start']} · {minutes_text(p['planned_minutes'])} phút · "
                f"{'giữ nguyên' if p['kind'] == 'protected' else 'có thể rút ngắn'}*", ""]
        if p["notes"]:
            out += [f"> Kỹ thuật: {p['notes']}", ""]
        for line in p["mc_lines"]:
            out += [f"**MC:** {line}", ""]
        for line in p["listed"]:
            if line.startswith("Về phía ") and line.endswith(":"):  # a side of the introduction
                if out and out[-1]:
                    out.append("")
                out += [f"**{line}**", ""]
            elif _NUMBERED.match(line):  # "3. Chào cờ;", "1. Đồng chí …": already numbered
                out.append(line)
            else:
                out.append(f"- {line}")
        if p["listed"]:
            out.append("")
        if p["mc_after"]:
            out += [f"**MC:** {p['mc_after']}", ""]
        for sub in p["substeps"]:
            out += [f"#### {sub['position']}. {sub['title']}", "",
                    f"*{sub['planned_start']} · {minutes_text(sub['planned_minutes'])} phút*", ""]
            for line in sub["mc_lines"]:
                out += [f"**MC:** {line}", ""]
    return "\n".join(out).rstrip() + "\n"


def to_docx(data: dict) -> bytes:
    from docx import Document
    from docx.shared import Pt

    doc = Document()
    style = doc.styles["Normal"]
    style.font.name, style.font.size = "Times New Roman", Pt(13)
    for line in (data["parent_unit"].upper(), data["unit"].upper()):
        if line:
            doc.add_paragraph().add_run(line).bold = True
    doc.add_heading("KỊCH BẢN CHƯƠNG TRÌNH", level=0)
    doc.add_heading(data["event"], level=1)
    doc.add_paragraph(f"Thời gian: {data['start']}, ngày {data['date']}"
                      + (f" · Địa điểm: {data['venue']}" if data["venue"] else ""))

    def mc(text: str) -> None:
        par = doc.add_paragraph()
        par.add_run("MC: ").bold = True
        par.add_run(text)

    for p in data["parts"]:
        doc.add_heading(f"{p['position']}. {p['title']}", level=2)
        doc.add_paragraph(f"{p['planned_start']} · {minutes_text(p['planned_minutes'])} phút").runs[0].italic = True
        if p["notes"]:
            doc.add_paragraph(f"Kỹ thuật: {p['notes']}").runs[0].italic = True
        for line in p["mc_lines"]:
            mc(line)
        for line in p["listed"]:
            doc.add_paragraph(line, style="List Bullet")
        if p["mc_after"]:
            mc(p["mc_after"])
        for sub in p["substeps"]:
            doc.add_heading(f"{sub['position']}. {sub['title']}", level=3)
            doc.add_paragraph(f"{sub['planned_start']} · {minutes_text(sub['planned_minutes'])} phút").runs[0].italic = True
            for line in sub["mc_lines"]:
                mc(line)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
