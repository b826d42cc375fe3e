"""`hoinghi import`: official lists into the event, all or nothing.

Any problem in any row → nothing is written, every problem is listed with the
sheet's own row number, the column, the value and what to do.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from console.ground.errors import UserError
from console.ground.text import canonical
from console.importer.cells import screen_cells
from console.importer.grid import read_grid
from console.importer.headers import AWARDS, KINDS, ROSTER, SPEECHES, choose_layout
from console.importer.lists import import_ceremony_list  # awards and speeches
from console.importer.rematch import rematch
from console.importer.report import ImportReport, refuse
from console.importer.roster_rows import parse_roster
from console.importer.rows import Problem
from console.people.quota import compose, format_share
from console.people.roster import Delegate

__all__ = ["ImportReport", "import_file", "KINDS", "ROSTER", "AWARDS", "SPEECHES", "Problem"]

# Compared on re-import to tell "changed" from "unchanged".
_COMPARED = ("name", "category", "unit", "position", "gender", "birth_year", "ethnicity", "title",
             "direct_production", "leader", "notes")


def import_file(event, path: Path, *, kind: str | None = None, dry_run: bool = False,
                sheet: str | None = None) -> ImportReport:
    path = Path(path)
    if kind is not None and kind not in KINDS:
        raise UserError(f"Loại danh sách “{kind}” không hợp lệ. Chọn: {', '.join(KINDS)}.")
    grids = read_grid(path, sheet)
    cleaned = screen_cells(grids, path.name)  # control characters refuse the file here
    layout = choose_layout(grids, kind, path.name)
    if layout.kind == ROSTER:
        report = _import_roster(event, layout, path.name, dry_run)
    else:
        report = import_ceremony_list(event, layout, path.name, dry_run)
    report.warnings[:0] = cleaned
    return report


def _import_roster(event, layout, source: str, dry_run: bool) -> ImportReport:
    delegates, problems = parse_roster(layout, event.settings.date.year)
    if problems:
        raise refuse(source, problems)
    report = ImportReport(ROSTER, source, rows=len(delegates), dry_run=dry_run, warnings=list(layout.notices))

    def plan(ev) -> list[Delegate]:
        """Match against the current roster under the journal lock (ids stay put)."""
        report.added.clear(), report.changed.clear(), report.removed.clear(), report.kept.clear()
        report.matched.clear()
        old = ev.imported
        by_identity = {d.identity: d for d in old.values()}
        next_id = ev.next_id()
        ever_in = set(ev.day.first_checkin) | set(ev.day.present)
        result: list[Delegate] = []
        matched: set[int] = set()
        gone.clear()
        pairs: dict[int, Delegate] = {}  # index in `delegates` -> the old record it continues
        for i, d in enumerate(delegates):
            prev = by_identity.get(d.identity)
            if prev is not None and prev.id not in matched:
                pairs[i] = prev
                matched.add(prev.id)
        # Second look: same name and birth year, unit corrected — one on each side only. A new
        # id would orphan the awards and speeches that point at the old one.
        loose_old: dict[tuple, list[Delegate]] = {}
        for o in old.values():
            if o.id not in matched:
                loose_old.setdefault(_loose(o), []).append(o)
        loose_new = Counter(_loose(d) for i, d in enumerate(delegates) if i not in pairs)
        for i, d in enumerate(delegates):
            olds = loose_old.get(_loose(d), [])
            if i not in pairs and len(olds) == 1 and loose_new[_loose(d)] == 1:
                pairs[i] = olds[0]
                matched.add(olds[0].id)
        unpaired = [i for i in range(len(delegates)) if i not in pairs]
        removed_before = ev.roster_store.removed()
        again = rematch(delegates, unpaired, removed_before, ev.day.walk_ins, matched | set(old))
        for i, (prev, why) in again.items():
            pairs[i] = prev
            matched.add(prev.id)
            report.matched.append(f"{delegates[i].name} (mã {prev.code}, {why})")
        for i, d in enumerate(delegates):
            prev = pairs.get(i)
            if i in again:
                d.id = prev.id
                if prev.walk_in:  # what the desk's form knew and the list does not say is kept
                    for f in ("gender", "birth_year", "ethnicity", "position"):
                        if not getattr(d, f) and getattr(prev, f):
                            setattr(d, f, getattr(prev, f))
                report.added.append(d.name)
            elif prev is not None:
                d.id = prev.id
                if any(getattr(prev, f) != getattr(d, f) for f in _COMPARED):
                    report.changed.append(d.name)
            else:
                d.id = next_id
                next_id += 1
                report.added.append(d.name)
            result.append(d)
        for old_d in old.values():
            if old_d.id in matched:
                continue
            if old_d.id in ever_in:
                report.kept.append(old_d.name)
                result.append(old_d)
            else:
                report.removed.append(old_d.name)
                gone[old_d.id] = old_d
        return result

    gone: dict[int, Delegate] = {}  # removed by this import

    def decide(ev):
        final = plan(ev)
        _warn(ev, final, report)
        if dry_run:
            return []
        # Who was ever removed stays known, so a later list that has them again gives their id back.
        keep = {d.id for d in final}
        removed = {i: d for i, d in ev.roster_store.removed().items() if i not in keep} | gone
        digest = ev.roster_store.replace_all(final, removed=list(removed.values()))
        return [("roster_import", {"roster_hash": digest, "people": len(final), "source": source, "rows": report.rows, "added": len(report.added),
                                   "changed": len(report.changed), "removed": len(report.removed),
                                   "kept": len(report.kept)})]

    if dry_run:
        event.refresh()
        decide(event)
    else:
        event.transact(decide)
    return report


def _loose(d: Delegate) -> tuple:
    return (canonical(d.name), d.birth_year)


def _warn(ev, final: list[Delegate], report: ImportReport) -> None:
    s = ev.settings
    # Awards and speeches point at delegates by id: say which would lose their person.
    ids = {d.id for d in final} | set(ev.day.walk_ins)
    for table, what in (("awards", "khen thưởng"), ("speeches", "tham luận")):
        lost = [doc for doc in ev.roster_store.table_docs(table)
                if doc.get("delegate_id") not in ids or (doc.get("proxy_id") is not None and doc["proxy_id"] not in ids)]
        if lost:
            names = ", ".join(str(doc.get("label", "")) for doc in lost[:5]) + (" …" if len(lost) > 5 else "")
            report.warnings.append(
                f"{len(lost)} dòng {what} trỏ tới người không còn trong danh sách đại biểu ({names}). "
                f"Hãy nhập lại danh sách {what} sau khi nhập danh sách này.")
    comp = compose(final + list(ev.day.walk_ins.values()), s.quota)
    report.composition = comp
    if comp.total > s.max_delegates:
        report.warnings.append(
            f"{comp.total} đại biểu, vượt mức tối đa {s.max_delegates} của cấp {s.level_label}.")
    if comp.total and not comp.ok:
        report.warnings.append(
            f"Khách mời chiếm {format_share(comp.guest_share)} ({comp.guests}/{comp.total}), vượt 30 %; "
            f"đại biểu điển hình {format_share(comp.exemplary_share)} < {format_share(s.quota)}. "
            f"Cần thêm {comp.exemplary_missing} đại biểu điển hình hoặc bớt khách mời.")
