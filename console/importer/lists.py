"""Awards and speeches lists → roster tables "awards" and "speeches", all or nothing.

Every person named in a list (an individual awardee, the delegate who receives
for a collective, a named proxy, a speaker) must be exactly one delegate of the
roster: matched by name (tone placement and sỹ/sĩ tolerant), then narrowed by
unit and position. Nobody or two people → a problem with the sheet's row number.
"""

from __future__ import annotations

import hashlib
import re

from console.ground.text import canonical, fold, nfc
from console.importer.award_sections import decision_in, form_of_section, title_decision
from console.importer.headers import AWARDS, SPEECHES
from console.importer.report import ImportReport, refuse
from console.importer.rows import Problem, RowReader
from console.people.categories import is_collective_name
from console.people.forms import form_known, place_hint
from console.people.roster import Delegate

AWARDS_TABLE, SPEECHES_TABLE = "awards", "speeches"
DEFAULT_SPEECH_MINUTES = 7.0
_PROXY_NOTE = re.compile(r"(?:nguoi\s+)?nhan\s+thai\s*[:\-–]?\s*")  # folded: thay → thai


def stable_key(prefix: str, *parts: str) -> str:
    """A key that survives re-import and re-ordering: journal lines refer to it."""
    raw = "|".join(fold(p) for p in parts)
    return prefix + hashlib.sha1(raw.encode("utf-8")).hexdigest()[:6]


class Matcher:
    """Find the one delegate a list means by a name, a unit and a position."""

    def __init__(self, delegates: dict[int, Delegate]):
        self.by_name: dict[str, list[Delegate]] = {}
        for d in delegates.values():
            self.by_name.setdefault(canonical(d.name), []).append(d)

    def candidates(self, name: str) -> list[Delegate]:
        return list(self.by_name.get(canonical(name), []))

    def match(self, name: str, unit: str = "", position: str = "") -> tuple[Delegate | None, str]:
        """(delegate, "") or (None, why) — why is a Vietnamese clause for the problem list."""
        found = self.candidates(name)
        if not found:
            return None, "không có ai tên này trong danh sách đại biểu. Hãy sửa tên cho khớp danh sách đại biểu hoặc nhập bổ sung người này."
        for hint in (unit, position):
            if len(found) > 1 and hint:
                h = fold(hint)
                narrowed = [d for d in found if h and (h in fold(d.unit) or fold(d.unit) in h and d.unit
                                                       or h in fold(d.position))]
                if narrowed:
                    found = narrowed
        if len(found) > 1:
            who = "; ".join(f"{d.code} {d.unit or d.position}" for d in found[:5])
            return None, (f"có {len(found)} đại biểu cùng tên ({who}). Hãy ghi đơn vị hoặc chức vụ "
                          "để phân biệt.")
        return found[0], ""


def _minutes(text: str) -> float | None:
    m = re.fullmatch(r"\s*(\d+(?:[.,]\d+)?)\s*(?:phut|p|')?\s*", fold(text))
    if not m:
        return None
    return float(m.group(1).replace(",", "."))


def import_ceremony_list(event, layout, source: str, dry_run: bool) -> ImportReport:
    event.refresh()
    matcher = Matcher(event.delegates())
    reader = RowReader(layout)
    if layout.kind == AWARDS:
        docs, warnings = _parse_awards(reader, matcher, event.settings.award_ranking)
        table, kind = AWARDS_TABLE, AWARDS
    else:
        docs, warnings = _parse_speeches(reader, matcher)
        table, kind = SPEECHES_TABLE, SPEECHES
    if not docs and not reader.problems:
        reader.problems.append(Problem(layout.grid.rows[layout.header_row][0], "", "",
                                       "dưới dòng tiêu đề không có dòng nào. Hãy kiểm tra tệp."))
    if reader.problems:
        raise refuse(source, reader.problems)
    report = ImportReport(kind, source, rows=len(docs), dry_run=dry_run, warnings=list(layout.notices) + warnings)

    def decide(ev):
        old = {d.get("key") for d in ev.roster_store.table_docs(table)}
        new = {d["key"] for d in docs}
        report.added[:] = [d["label"] for d in docs if d["key"] not in old]
        report.removed[:] = [k for k in old - new if k]
        if dry_run:
            return []
        ev.roster_store.replace_table(table, docs)
        return [("ceremony_import", {"list": table, "source": source, "rows": len(docs),
                                     "added": len(report.added), "removed": len(report.removed)})]

    if dry_run:
        decide(event)
    else:
        event.transact(decide)
    return report


def _parse_awards(reader: RowReader, matcher: Matcher, ranking: list[str]) -> tuple[list[dict], list[str]]:
    docs: list[dict] = []
    warnings: list[str] = []
    unknown_forms: dict[str, int] = {}
    seen: dict[str, int] = {}
    # Forms (and their decisions) given by section rows: "I. BẰNG KHEN CỦA TỔNG LIÊN ĐOÀN …"
    whole_list_decision = title_decision(reader.layout)
    read_sections, section_form, section_decision = 0, "", ""
    has_form_column = "award_form" in reader.layout.columns
    no_form_rows: list[int] = []
    for row_no, cells, _section in reader.data_rows():
        for section in reader.sections[read_sections:]:
            named = form_of_section(section, ranking)
            if named:
                section_form, section_decision = named, decision_in(section)
            elif decision_in(section):
                section_decision = decision_in(section)
        read_sections = len(reader.sections)
        recipient = nfc(reader.get(cells, "recipient") or reader.get(cells, "name"))
        form = nfc(reader.get(cells, "award_form")) or (section_form if recipient else "")
        unit = nfc(reader.get(cells, "unit"))
        position = nfc(reader.get(cells, "position"))
        receiver = nfc(reader.get(cells, "receiver"))
        notes = nfc(reader.get(cells, "notes"))
        if not recipient and not form:
            continue
        if not recipient:
            reader.problem(row_no, "recipient", "", "thiếu tên tập thể, cá nhân được khen. Hãy điền tên hoặc xóa dòng.")
            continue
        if not form:
            if has_form_column:
                reader.problem(row_no, "award_form", "", "thiếu hình thức khen thưởng (ví dụ “Bằng khen của Chủ tịch UBND tỉnh”).")
            else:
                no_form_rows.append(row_no)
            continue
        person_matches = matcher.candidates(recipient)
        # A person on the roster by that very name (diacritics kept: Tô is not Tổ) receiving in
        # person is a person, whatever their surname looks like.
        in_person = bool(person_matches) and (not receiver or canonical(receiver) == canonical(recipient))
        collective = not in_person and (is_collective_name(recipient) or (not person_matches and bool(receiver)))
        proxy_name = ""
        note_proxy = _PROXY_NOTE.search(fold(notes))
        if note_proxy:
            # Ghi chú "Nhận thay: Hoàng Văn Ân" — keep the original spelling after the marker.
            proxy_name = notes[note_proxy.end():].strip(" .;")
        if collective:
            if not receiver:
                reader.problem(row_no, "receiver" if "receiver" in reader.layout.columns else "recipient", recipient,
                               "là tập thể nhưng không có người nhận. Hãy ghi đại biểu lên nhận ở cột “Người nhận”.")
                continue
            who, why = matcher.match(receiver, unit, "")
            if who is None:
                reader.problem(row_no, "receiver", receiver, why)
                continue
            delegate = who
        else:
            delegate, why = matcher.match(recipient, unit, position)
            if delegate is None:
                reader.problem(row_no, "recipient", recipient, why)
                continue
            if receiver and canonical(receiver) != canonical(recipient) and not proxy_name:
                proxy_name = receiver  # an individual's "Người nhận" naming someone else: a proxy
        proxy_id = None
        if proxy_name:
            proxy, why = matcher.match(proxy_name, unit, "")
            if proxy is None:
                reader.problem(row_no, "notes" if note_proxy else "receiver", proxy_name, "người nhận thay: " + why)
                continue
            proxy_id = proxy.id
        key = stable_key("a", recipient, unit or delegate.unit, form)
        if key in seen:
            reader.problem(row_no, "recipient", recipient, f"trùng với dòng {seen[key]} (cùng tên, đơn vị, hình thức). Hãy xóa một dòng.")
            continue
        seen[key] = row_no
        if not form_known(form, ranking):
            unknown_forms.setdefault(form, row_no)
        from_section = not nfc(reader.get(cells, "award_form"))
        docs.append({
            "key": key, "n": len(docs) + 1, "row": row_no, "label": recipient, "recipient": recipient,
            "unit": unit or delegate.unit, "form": form, "achievement": nfc(reader.get(cells, "achievement")),
            "collective": collective, "delegate_id": delegate.id, "proxy_id": proxy_id, "notes": notes,
            "decision": (section_decision if from_section else "") or whole_list_decision,
            "amount": nfc(reader.get(cells, "amount")),
        })
    if no_form_rows:
        first = no_form_rows[0]
        more = f" (và {len(no_form_rows) - 1} dòng khác)" if len(no_form_rows) > 1 else ""
        reader.problem(first, "recipient", "", f"không biết hình thức khen thưởng{more}: danh sách không có cột "
                       "“Hình thức khen thưởng” và phía trên chưa có dòng mục nào ghi hình thức. Hãy thêm dòng mục "
                       "như “I. BẰNG KHEN CỦA TỔNG LIÊN ĐOÀN LAO ĐỘNG VIỆT NAM” trước các dòng của hình thức đó, "
                       "hoặc thêm cột “Hình thức khen thưởng”.")
    for form, row_no in unknown_forms.items():
        warnings.append(f"Hình thức “{form}” (dòng {row_no}) chưa có trong thứ tự khen thưởng nên sẽ trao sau cùng, "
                        f"sau mọi hình thức đã xếp. Để xếp nó, thêm “{form}” vào danh sách ranking trong mục [awards] "
                        f"của event.toml, đúng chỗ của nó{place_hint(form, ranking)}, rồi nhập lại danh sách.")
    return docs, warnings


def _parse_speeches(reader: RowReader, matcher: Matcher) -> tuple[list[dict], list[str]]:
    docs: list[dict] = []
    warnings: list[str] = []
    for row_no, cells, section in reader.data_rows():
        title = nfc(reader.get(cells, "speech_title"))
        speaker = nfc(reader.get(cells, "speaker") or reader.get(cells, "name"))
        unit = nfc(reader.get(cells, "unit"))
        field = nfc(reader.get(cells, "field"))
        notes = nfc(reader.get(cells, "notes"))
        if not title and not speaker:
            continue
        if not speaker:
            reader.problem(row_no, "speaker" if "speaker" in reader.layout.columns else "name", "",
                           "thiếu người trình bày. Hãy ghi họ tên đại biểu trình bày tham luận.")
            continue
        if not title:
            reader.problem(row_no, "speech_title", "", "thiếu tên tham luận. Hãy điền tên bài hoặc xóa dòng.")
            continue
        raw_minutes = reader.get(cells, "minutes")
        minutes = _minutes(raw_minutes) if raw_minutes else DEFAULT_SPEECH_MINUTES
        if minutes is None or not 1 <= minutes <= 60:
            reader.problem(row_no, "minutes", raw_minutes, "thời lượng không hợp lệ. Hãy ghi số phút từ 1 đến 60.")
            continue
        if not raw_minutes:
            warnings.append(f"Dòng {row_no}: không ghi thời lượng, tạm tính {DEFAULT_SPEECH_MINUTES:g} phút.")
        delegate, why = matcher.match(speaker, unit, nfc(reader.get(cells, "position")))
        if delegate is None:
            reader.problem(row_no, "speaker" if "speaker" in reader.layout.columns else "name", speaker, why)
            continue
        marks = fold(f"{notes} {section}")
        response = "huong ung" in fold(f"{field} {notes} {section}") or fold(title).startswith("phat bieu huong ung")
        docs.append({
            "key": stable_key("s", speaker, delegate.unit, title), "n": len(docs) + 1, "row": row_no,
            "label": f"{speaker}: {title}", "speaker": speaker, "delegate_id": delegate.id,
            "unit": unit or delegate.unit, "title": title, "field": field or "Khác", "minutes": minutes,
            "reserve": "du phong" in marks, "response": response, "notes": notes,
        })
    return docs, warnings
