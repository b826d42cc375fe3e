"""Times of the day: the items to run, the count-down, projected end, drift, re-timing.

Items are what the control steps through: a segment, or — for a segment with
sub-steps (speeches, award batches, responses) — each of its sub-steps. A
sub-step counts down its OWN planned minutes (the 7 minutes of a speech, the 3
of a batch): a speech that ends early never hands its minutes to the next
speaker. Planned stays planned; what is saved shows as the segment running
early. Only an approved re-timing that leaves the segment less than its
sub-steps need shortens them, in proportion. The segment's minutes the
sub-steps do not use (walking up, the MC's words) are its slack: it stays in
the forecast until the segment is left.

Projected end = now + what is left of the current item (never below 0: an
overrun is already in "now") + the allotments of every item not yet run + the
slack of every segment not yet left.
Drift = projected end − planned end. When it passes the threshold, `propose`
offers new allotments for the elastic segments not yet begun (never below
their minimum; when the day is early, it gives back minutes cut earlier).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from console.agenda.mc_lines import fill, split_at_list, substep_line, values
from console.agenda.plan import Agenda, Segment, load_agenda, roles
from console.agenda.run import PENDING, RunState, run_of
from console.agenda.substeps import SubStep


@dataclass
class Item:
    id: str
    segment: Segment
    sub: SubStep | None
    position: str
    title: str
    person: str = ""
    planned_minutes: float = 0.0  # the plan's share, before any re-timing or extension
    minutes: float = 0.0  # allotted now: re-timing and ±minutes included
    mc_line: str = ""
    mc_list: list[str] = field(default_factory=list)  # e.g. the guests to introduce
    notes: str = ""
    mc_after: str = ""  # the words read after the list (the presider invited to open)

    @property
    def segment_key(self) -> str:
        return self.segment.key


def allotment(state: RunState | None, seg: Segment) -> float:
    if state is None:
        return seg.minutes
    return state.allot.get(seg.key, seg.minutes)


def own_minutes(subs: list[SubStep], segment_minutes: float) -> list[float]:
    """Each sub-step's own planned minutes; those that give none share what the others leave
    (or, when nothing is left, an equal part of the segment)."""
    own = [max(0.0, float(s.minutes or 0)) for s in subs]
    missing = [i for i, m in enumerate(own) if m <= 0]
    if missing:
        left = segment_minutes - sum(own)
        share = left / len(missing) if left > 0 else segment_minutes / len(subs)
        for i in missing:
            own[i] = share
    return own


def fitted(planned: list[float], approved: float | None) -> list[float]:
    """The sub-steps' minutes: their own — unless the control approved a shorter segment
    (a re-timing) than they need, when each shrinks in proportion. Never stretched: a speech
    that ended early gives no one its minutes. (A proposal only touches a segment none of
    whose sub-steps has begun, so a running clock never changes under a speaker.)"""
    need = sum(planned)
    if approved is None or need <= 0 or approved >= need:
        return list(planned)
    return [p * approved / need for p in planned]


def _substeps(event, seg: Segment, state: RunState | None) -> list[SubStep]:
    """The sub-steps the event's source gives for the segment's allotted minutes; if it fails,
    the segment runs whole (the cue must stay up) and the failure is kept for the cue to say."""
    errors = event.agenda_run.substep_errors
    minutes = allotment(state if state is not None else run_of(event), seg)
    try:
        subs = list(event.substeps.substeps(event, seg.key, minutes))
    except Exception as exc:  # noqa: BLE001 - another module's bug must not stop the MC's screen
        errors[seg.key] = f"{type(exc).__name__}: {exc}"
        return []
    errors.pop(seg.key, None)
    return subs


def segment_items(event, agenda: Agenda, seg: Segment, state: RunState | None = None,
                  base: dict | None = None) -> list[Item]:
    base = base if base is not None else values(event, roles(event, agenda))
    before, listed, after = split_at_list(seg.mc)
    seg_line = fill(before, base).strip()
    subs = _substeps(event, seg, state) if seg.key in event.substeps.segments else []
    extra = state.extra if state else {}
    if not subs:
        item = Item(seg.key, seg, None, str(seg.position), seg.title, "", seg.minutes,
                    allotment(state, seg) + extra.get(seg.key, 0.0), seg_line, [], seg.notes,
                    fill(after, base).strip())
        if listed == "programme":  # "Thông qua chương trình": the parts, as the hall will hear them
            item.mc_list = [f"{s.position}. {s.title};" for s in agenda.segments]
        else:  # the guests at the opening, the names proposed at item 9: the event's source reads them
            item.mc_list = list(event.substeps.read_out(event, seg.key))
            if item.mc_list and listed != "proposed":
                item.mc_line += "\nVề dự hội nghị hôm nay, trân trọng giới thiệu:"
        return [item]
    planned = own_minutes(subs, seg.minutes)
    if state is not None:  # a sub-step that began keeps the minutes it began with
        for i, sub in enumerate(subs):
            rec = state.records.get(f"{seg.key}/{sub.key}")
            if rec is not None and rec.planned is not None:
                planned[i] = rec.planned
    allotted = fitted(planned, state.allot.get(seg.key) if state is not None else None)
    items = []
    for i, (sub, p, a) in enumerate(zip(subs, planned, allotted, strict=True), start=1):
        iid = f"{seg.key}/{sub.key}"
        line = substep_line(sub, base)
        if i == 1 and seg_line:
            line = f"{seg_line}\n{line}"
        items.append(Item(iid, seg, sub, f"{seg.position}.{i}", sub.title, sub.person, p,
                          a + extra.get(iid, 0.0), line, list(sub.names), seg.notes))
    return items


def build_items(event, agenda: Agenda | None = None, state: RunState | None = None) -> list[Item]:
    agenda = agenda or load_agenda(event)
    base = values(event, roles(event, agenda))
    out: list[Item] = []
    for seg in agenda.segments:
        out.extend(segment_items(event, agenda, seg, state, base))
    return out


def items_of(event, agenda: Agenda, state: RunState) -> list[Item]:
    """`build_items`, kept until a journal line is folded, the roster is reloaded or the
    agenda or settings are read again: the cue and the control ask every second, and
    the sub-steps (award batches, speeches) are a pass over the ceremony's lists."""
    key = (agenda, state, event.settings, event.roster_store.cached)
    lines = event.lines_folded
    hit = getattr(event, "_items_cache", None)
    if hit is not None and hit[1] == lines and all(a is b for a, b in zip(hit[0], key, strict=True)):
        return hit[2]
    items = build_items(event, agenda, state)
    event._items_cache = (key, lines, items)
    return items


def index_of(items: list[Item], item_id: str | None) -> int:
    """Where an item is; a sub-step no longer listed counts as the end of its segment."""
    if not item_id:
        return -1
    for i, it in enumerate(items):
        if it.id == item_id:
            return i
    seg = item_id.split("/")[0]
    last = -1
    for i, it in enumerate(items):
        if it.segment_key == seg:
            last = i
    return last


def upcoming(items: list[Item], state: RunState) -> list[Item]:
    """Items not yet run, in the order Next will take them: after the current one, then any left behind."""
    pos = index_of(items, state.current)
    pending = [it for it in items if state.status(it.id) == PENDING and it.id != state.current]
    after = [it for it in pending if index_of(items, it.id) > pos]
    before = [it for it in pending if index_of(items, it.id) <= pos]
    return after + before


def slack(agenda: Agenda, state: RunState | None, items: list[Item]) -> dict[str, float]:
    """A segment's minutes its sub-steps do not use (the walk to the lectern, the MC's words)."""
    extra = state.extra if state else {}
    out: dict[str, float] = {}
    for seg in agenda.segments:
        mine = [it for it in items if it.segment_key == seg.key and it.sub is not None]
        if mine:
            used = sum(it.minutes - extra.get(it.id, 0.0) for it in mine)
            out[seg.key] = max(0.0, allotment(state, seg) - used)
    return out


def timeline(t: datetime, current: Item | None, rest: list[Item],
             slack_of: dict[str, float]) -> tuple[list[tuple[Item, datetime]], datetime]:
    """When each item left would start, and the end: a segment's slack comes after its last item."""
    last = {it.segment_key: i for i, it in enumerate(rest)}
    if current is not None and current.segment_key not in last:
        t += timedelta(minutes=slack_of.get(current.segment_key, 0.0))
    out = []
    for i, it in enumerate(rest):
        out.append((it, t))
        t += timedelta(minutes=it.minutes)
        if last[it.segment_key] == i:
            t += timedelta(minutes=slack_of.get(it.segment_key, 0.0))
    return out, t


def planned_times(items: list[Item], start: datetime) -> dict[str, datetime]:
    """The plan's start of every item: segments one after another at their planned minutes,
    a segment's sub-steps one after another from its start at their own minutes."""
    out: dict[str, datetime] = {}
    seg_start = start
    seen: dict[str, datetime] = {}  # segment key -> where its next sub-step starts
    previous = 0.0  # the planned minutes of the segment before
    for it in items:
        if it.segment_key not in seen:
            seg_start += timedelta(minutes=previous)
            seen[it.segment_key], previous = seg_start, it.segment.minutes
        out[it.id] = seen[it.segment_key]
        seen[it.segment_key] += timedelta(minutes=it.planned_minutes)
    return out


# --- the live view -------------------------------------------------------------------

@dataclass
class Change:
    key: str
    title: str
    old: float
    new: float


@dataclass
class Proposal:
    changes: list[Change]
    drift_before: float
    drift_after: float

    @property
    def allot(self) -> dict[str, float]:
        return {c.key: c.new for c in self.changes}


@dataclass
class View:
    now: datetime
    agenda: Agenda
    state: RunState
    items: list[Item]
    current: Item | None
    elapsed_s: float
    remaining_s: float  # negative when over
    phase: str  # idle | normal | warning | over | closed
    planned_end: datetime
    projected_end: datetime
    drift_minutes: float
    next_items: list[tuple[Item, datetime]]
    proposal: Proposal | None
    rehearsal: bool = False  # not the event's date: said on the control and the cue


REHEARSAL = "Chạy thử — không phải ngày hội nghị"


def warning_seconds(agenda: Agenda, minutes: float) -> float:
    """Amber from this many seconds left: the agenda's threshold, at most a quarter of a short item."""
    return max(0.0, min(agenda.warning_minutes, minutes / 4)) * 60


def propose(agenda: Agenda, state: RunState, items: list[Item], drift: float) -> Proposal | None:
    if abs(drift) < max(agenda.retime_threshold_minutes, 0.5):
        return None
    untouched = []
    for seg in agenda.segments:
        ids = [it.id for it in items if it.segment_key == seg.key]
        if seg.kind == "elastic" and ids and all(state.status(i) == PENDING and i != state.current for i in ids):
            untouched.append(seg)
    if not untouched:
        return None
    changes: list[Change] = []
    if drift > 0:  # late: shrink, never below the minimum
        caps = {s.key: allotment(state, s) - s.min_minutes for s in untouched}
        wanted = math.ceil(drift - 0.25)  # whole minutes; a quarter-minute late still counts as on time
    else:  # early: give back what earlier re-timings took, never past the plan
        caps = {s.key: s.minutes - allotment(state, s) for s in untouched}
        wanted = math.floor(-drift + 1e-9)
    moves = _whole_minutes(caps, wanted)
    sign = -1 if drift > 0 else 1
    for s in untouched:
        if moves.get(s.key):
            a = allotment(state, s)
            changes.append(Change(s.key, s.title, a, a + sign * moves[s.key]))
    if not changes:
        return None
    moved = sum(c.old - c.new for c in changes)
    return Proposal(changes, round(drift, 1), round(drift - moved, 1))


def _whole_minutes(caps: dict[str, float], wanted: int) -> dict[str, int]:
    """Share `wanted` whole minutes among segments in proportion to what each can give.

    Largest remainder, so the total is exact (no over-cutting by rounding each one down).
    """
    caps = {k: math.floor(v + 1e-9) for k, v in caps.items() if v >= 1}
    total = sum(caps.values())
    wanted = min(wanted, total)
    if wanted <= 0:
        return {}
    ideal = {k: wanted * c / total for k, c in caps.items()}
    out = {k: math.floor(v) for k, v in ideal.items()}
    left = wanted - sum(out.values())
    for k in sorted(ideal, key=lambda k: (ideal[k] - out[k]), reverse=True):
        if left <= 0:
            break
        if out[k] < caps[k]:
            out[k] += 1
            left -= 1
    return out


def minutes_text(minutes: float) -> str:
    """12 → "12", 12.857 → "12,9": minutes as people read them (decimal comma)."""
    rounded = round(minutes, 1)
    return f"{rounded:g}".replace(".", ",") if rounded != int(rounded) else str(int(rounded))


def planned_start(event, state: RunState | None = None) -> datetime:
    """The planned opening: the event's date and start time — or, when the programme was
    opened on another day (a rehearsal, the demo), the minute the rehearsal opened: its
    forecast runs from its own start, so the drift is what the rehearsal lost or saved,
    not the hours between 07:30 and an afternoon run-through."""
    start = event.settings.start_at
    state = state if state is not None else run_of(event)
    if state.started and state.opened_at is not None:
        opened = state.opened_at.astimezone(start.tzinfo)
        if opened.date() != start.date():
            return opened.replace(second=0, microsecond=0)
    return start


def is_rehearsal(event, state: RunState, now: datetime) -> bool:
    """Not the event's date: the day opened on another day, or (before the opening) today is."""
    start = event.settings.start_at
    when = state.opened_at if state.started and state.opened_at is not None else now
    return when.astimezone(start.tzinfo).date() != start.date()


def view(event, now: datetime | None = None) -> View:
    now = now or event.clock.now()
    agenda = load_agenda(event)
    state = run_of(event)
    items = items_of(event, agenda, state)
    start_at = planned_start(event, state)
    planned_end = start_at + timedelta(minutes=agenda.total_minutes)
    current = next((it for it in items if it.id == state.current), None) if state.current else None
    if state.current and current is None:  # the running sub-step left the ceremony's list
        rec = state.records[state.current]
        seg = agenda.segment(state.current.split("/")[0]) or agenda.segments[-1]
        current = Item(state.current, seg, None, rec.position, rec.title or state.current,
                       minutes=state.extra.get(state.current, 0.0) + 5, notes=seg.notes)
    if current is not None and state.current:
        # a guest who came after the introduction is introduced as the next item opens
        words = getattr(event.substeps, "opening_words", None)  # a source may have none (tests' fakes)
        extra = words(event, state, current.id) if words else ""
        if extra:
            current = replace(current, mc_line=f"{extra}\n{current.mc_line}".strip())
    elapsed = state.active_seconds(current.id, now) if current else 0.0
    minutes = current.minutes if current else 0.0
    remaining = minutes * 60 - elapsed
    warn = warning_seconds(agenda, minutes)
    if state.closed:
        phase = "closed"
    elif current is None:
        phase = "idle"
    elif remaining < 0:
        phase = "over"
    elif remaining <= warn:
        phase = "warning"
    else:
        phase = "normal"
    rest = upcoming(items, state)
    # Before the opening, the forecast starts at the planned time, or now if later that same
    # day. On another day (the demo of a past event, a rehearsal) it is the plan itself:
    # "now" would make a 2020 programme opened in 2026 millions of minutes late.
    if state.started:
        origin = now
    elif now.date() == start_at.date():
        origin = max(now, start_at)
    else:
        origin = start_at
    t = origin + timedelta(seconds=max(0.0, remaining) if current else 0.0)
    ahead, end = timeline(t, current, rest, slack(agenda, state, items))
    if state.closed:  # the day is over: nothing comes next, whatever was left behind
        projected_end, ahead = state.closed_at, []
    else:
        projected_end = end
    drift = (projected_end - planned_end).total_seconds() / 60
    proposal = None if state.closed else propose(agenda, state, items, drift)
    return View(now, agenda, state, items, current, elapsed, remaining, phase, planned_end,
                projected_end, drift, ahead[:3], proposal, is_rehearsal(event, state, now))
