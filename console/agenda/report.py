"""The agenda for the record and the CLI: planned vs actual of every segment and sub-step,
the day's summary, and the plan as `hoinghi agenda --json` shows it.

The contract other modules use (record/sources.py, the CLI): `timings_report`,
`day_summary`, `agenda_json`.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from console.agenda.plan import Segment, load_agenda
from console.agenda.run import DONE, PENDING, RUNNING, SKIPPED, RunState
from console.agenda.timing import planned_start, segment_items, view
from console.ground.clock import iso


def agenda_json(event) -> dict:
    """`hoinghi agenda --json`: the plan, each segment with its sub-steps, against the budget."""
    agenda = load_agenda(event)
    start = event.settings.start_at
    segments = []
    t = start
    for seg in agenda.segments:
        subs = segment_items(event, agenda, seg)
        segments.append({
            "position": str(seg.position), "key": seg.key, "title": seg.title, "minutes": seg.minutes,
            "kind": seg.kind, "min_minutes": seg.min_minutes, "optional": seg.optional,
            "planned_start": iso(t), "notes": seg.notes,
            "substeps": [{"position": it.position, "title": it.title, "person": it.person,
                          "minutes": round(it.minutes, 2)} for it in subs if it.sub is not None],
        })
        t += timedelta(minutes=seg.minutes)
    total = agenda.total_minutes
    return {"source": agenda.source, "start": iso(start), "planned_end": iso(t), "total_minutes": total,
            "budget_minutes": agenda.budget_minutes, "over_budget_minutes": max(0.0, total - agenda.budget_minutes),
            "segments": segments}


# --- the record: planned vs actual ----------------------------------------------------

def _minutes(seconds: float) -> float:
    return round(seconds / 60, 2)


def timings_report(event) -> list[dict]:
    """Planned vs actual of every segment and sub-step (the contract other modules use)."""
    v = view(event)
    state, now = v.state, v.now
    rows: list[dict] = []
    t = planned_start(event, state)
    known = {it.id for it in v.items}
    for seg in v.agenda.segments:
        mine = [it for it in v.items if it.segment_key == seg.key]
        orphans = [i for i in state.records if i.startswith(seg.key + "/") and i not in known]
        has_subs = any(it.sub is not None for it in mine) or bool(orphans)
        if not has_subs:
            rows.append(_row(str(seg.position), seg.title, "segment", t, seg.minutes, state, seg.key, now))
        else:
            children: list[dict] = []
            ts = t
            # Once the day has left a segment, a sub-step that appears later (an awardee who
            # came after the ceremony, a batch re-formed from one skipped) did not take place
            # there: it is no row "not yet held" in the record.
            ran_here = any(i.startswith(seg.key + "/") for i in state.records)
            here_now = (state.current or "").startswith(seg.key + "/")
            left = state.closed or (ran_here and not here_now)
            for it in mine:
                if left and it.id not in state.records:
                    continue
                # A sub-step already run or skipped is named as it was then: the ceremony
                # renumbers its batches once one is skipped, the record must not follow.
                rec = state.records.get(it.id)
                title = rec.title if rec is not None and rec.status in (DONE, SKIPPED) and rec.title else it.title
                children.append(_row(it.position, title, "substep", ts, it.planned_minutes, state, it.id, now))
                ts += timedelta(minutes=it.planned_minutes)
            for i in orphans:
                rec = state.records[i]
                children.append(_row(rec.position or f"{seg.position}.?", rec.title or i, "substep", None, 0.0,
                                     state, i, now))
            rows.append(_segment_row(seg, t, children, state))
            rows.extend(children)
        t += timedelta(minutes=seg.minutes)
    return rows


def _row(position, title, kind, planned_start, planned_minutes, state: RunState, item_id, now) -> dict:
    rec = state.records.get(item_id)
    status = rec.status if rec else PENDING
    ran = rec is not None and rec.start is not None and status != SKIPPED
    return {
        "position": position, "title": title, "kind": kind, "key": item_id,  # the biên bản says each part in its words
        "planned_start": iso(planned_start) if planned_start else None,
        "planned_minutes": round(planned_minutes, 2),
        "actual_start": iso(rec.start) if ran else None,
        "actual_end": iso(rec.end) if ran and rec.end else None,
        "actual_minutes": _minutes(state.active_seconds(item_id, now)) if ran else None,
        "status": status,
    }


def _segment_row(seg: Segment, t: datetime, children: list[dict], state: RunState) -> dict:
    statuses = [c["status"] for c in children]
    if RUNNING in statuses:
        status = RUNNING
    elif DONE in statuses:
        status = DONE
    elif statuses and all(s == SKIPPED for s in statuses):
        status = SKIPPED
    else:
        status = PENDING
    starts = [c["actual_start"] for c in children if c["actual_start"]]
    ends = [c["actual_end"] for c in children if c["actual_end"]]
    ran = [c["actual_minutes"] for c in children if c["actual_minutes"] is not None]
    return {
        "position": str(seg.position), "title": seg.title, "kind": "segment", "key": seg.key, "planned_start": iso(t),
        "planned_minutes": seg.minutes, "actual_start": min(starts) if starts else None,
        "actual_end": max(ends) if ends and status == DONE else None,
        "actual_minutes": round(sum(ran), 2) if ran else None, "status": status,
    }


def day_summary(event) -> dict:
    v = view(event)
    st = v.state
    current = None
    if v.current is not None:
        current = v.current.title if v.current.sub is None else f"{v.current.segment.title} — {v.current.title}"
    return {
        "opened_at": iso(st.opened_at) if st.opened_at else None,
        "closed_at": iso(st.closed_at) if st.closed_at else None,
        "planned_end": iso(v.planned_end), "projected_end": iso(v.projected_end),
        "drift_minutes": round(v.drift_minutes, 1), "current": current,
    }
