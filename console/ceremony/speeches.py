"""Which speeches (tham luận), in what order, in the segment's time — and why.

`fit()` is the pure rule: pinned speeches first, then, while time is left, the
candidate that adds most to the mix — a listed (not reserve) speech before a
reserve, then a field not heard yet, a woman, an ethnic-minority speaker, a
direct-production worker, the missing one of collective/individual — never one
that would overrun the budget. It stops only when nothing else fits, so the
selection is both within budget and as full as the greedy order allows.

`plan_speeches()` applies it to the day: absent speakers are dropped and a
present reserve (Ghi chú "Dự phòng") takes their slot; a speech given counts
its measured minutes when it overran (at least its planned ones: time saved is
the segment running early, not room for one more speaker), and the one on
stage at least its planned time, so an overrun shrinks what is left, live.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from console.agenda.plan import load_agenda
from console.agenda.run import run_of
from console.agenda.timing import allotment, minutes_text
from console.ceremony.order import apply_manual_order
from console.ceremony.state import state_of, table_docs
from console.ground.text import fold
from console.people.categories import EXEMPLARY_COLLECTIVE

EPS = 1e-9


@dataclass(frozen=True)
class Candidate:
    key: str
    minutes: float
    primary: bool = True
    field: str = ""
    woman: bool = False
    minority: bool = False
    direct: bool = False
    collective: bool = False
    order: int = 0
    pinned: bool = False


@dataclass
class Fit:
    chosen: list[str]
    reasons: dict[str, str]
    left: float


def _gain(c: Candidate, chosen: list[Candidate]) -> tuple[int, list[str]]:
    why: list[str] = ["trong danh sách chính" if c.primary else "dự phòng"]
    score = 100 if c.primary else 0
    fields = {fold(x.field) for x in chosen}
    if c.field and fold(c.field) not in fields:
        score += 8
        why.append(f"lĩnh vực mới: {c.field}")
    if c.woman and not any(x.woman for x in chosen):
        score += 4
        why.append("nữ")
    if c.minority and not any(x.minority for x in chosen):
        score += 4
        why.append("dân tộc thiểu số")
    if c.direct and not any(x.direct for x in chosen):
        score += 4
        why.append("trực tiếp sản xuất, công tác")
    if not any(x.collective == c.collective for x in chosen):
        score += 3
        why.append("đại diện tập thể" if c.collective else "cá nhân")
    return score, why


def fit(candidates: list[Candidate], budget: float) -> Fit:
    """Pinned first (even over budget: a person decided), then greedy by what each adds."""
    chosen: list[Candidate] = []
    reasons: dict[str, str] = {}
    left = float(budget)
    for c in candidates:
        if c.pinned:
            chosen.append(c)
            left -= c.minutes
            reasons[c.key] = "ghim tay: luôn giữ"
    rest = [c for c in candidates if not c.pinned]
    while True:
        best: tuple | None = None
        for c in rest:
            if c.minutes > left + EPS:
                continue
            score, why = _gain(c, chosen)
            rank = (score, -c.order)
            if best is None or rank > best[0]:
                best = (rank, c, why)
        if best is None:
            break
        _rank, c, why = best
        chosen.append(c)
        rest.remove(c)
        left -= c.minutes
        reasons[c.key] = "; ".join(why) + f"; {minutes_text(c.minutes)} phút vừa thời gian còn lại"
    return Fit([c.key for c in chosen], reasons, left)


# --- the day ------------------------------------------------------------------

@dataclass
class SpeechItem:
    key: str
    n: int
    speaker: str
    delegate_id: int
    unit: str
    title: str
    field: str
    minutes: float
    reserve: bool
    response: bool


class SpeechStatus(StrEnum):
    GIVEN = "given"  # already spoken
    CURRENT = "current"  # on stage now
    PENDING = "pending"  # will be called, in `position` order
    DROPPED = "dropped"  # taken out: by hand, absent, or no time left
    RESERVE = "reserve"  # a reserve speech not needed (yet)


@dataclass
class PlannedSpeech:
    item: SpeechItem
    status: SpeechStatus
    present: bool
    position: int | None = None
    reason: str = ""
    actual_minutes: float | None = None
    replaces: str = ""


@dataclass
class SpeechPlan:
    segment: str
    budget: float
    used: float = 0.0
    items: list[PlannedSpeech] = field(default_factory=list)
    order_keys: list[str] = field(default_factory=list)

    @property
    def selected(self) -> list[PlannedSpeech]:
        return [p for p in self.items if p.status in (SpeechStatus.GIVEN, SpeechStatus.CURRENT, SpeechStatus.PENDING)]

    @property
    def planned_minutes(self) -> float:
        return round(self.used + sum(p.item.minutes for p in self.items if p.status == SpeechStatus.PENDING), 2)


def segment_minutes(event, segment: str) -> float:
    """The segment's time, from the agenda the control runs: the minutes the control approved
    when it re-timed the day, else the agenda's own (agenda.toml, or the level's default plan;
    read and checked by the agenda, never parsed here). A segment the agenda does not hold
    (switched off) has no time for speeches."""
    seg = load_agenda(event).segment(segment)
    return allotment(run_of(event), seg) if seg is not None else 0.0


def load_items(event, segment: str = "tham_luan") -> list[SpeechItem]:
    want_response = segment == "huong_ung"
    out = []
    for d in table_docs(event, "speeches"):
        if bool(d.get("response")) != want_response:
            continue
        out.append(SpeechItem(d["key"], int(d.get("n", 0)), d["speaker"], int(d["delegate_id"]), d.get("unit", ""),
                              d["title"], d.get("field", ""), float(d.get("minutes", 7)), bool(d.get("reserve")),
                              want_response))
    return sorted(out, key=lambda s: s.n)


def plan_speeches(event, segment: str = "tham_luan", present: set[int] | None = None,
                  budget: float | None = None) -> SpeechPlan:
    st = state_of(event)
    everyone = event.delegates()
    present = set(event.day.present) if present is None else set(present)
    items = load_items(event, segment)
    plan = SpeechPlan(segment, segment_minutes(event, segment) if budget is None else float(budget))
    pinned = st.pinned.get(segment, set())
    dropped = st.dropped.get(segment, set())
    now = event.clock.now()

    given = [it for it in items if it.key in st.speech_done]
    given.sort(key=lambda it: st.speech_done[it.key][0])
    current = [it for it in items if it.key in st.speech_started and it.key not in st.speech_done]
    for it in given:
        actual = st.actual_minutes(it.key)
        # An overrun shrinks what is left; minutes saved are not handed to another speaker
        # mid-segment: they show as the segment running early (each speaker's own clock).
        plan.used += max(actual, it.minutes) if actual is not None else it.minutes
        plan.items.append(PlannedSpeech(it, SpeechStatus.GIVEN, it.delegate_id in present, reason="đã trình bày"
                                        + (f" ({minutes_text(actual)} phút / dự kiến {minutes_text(it.minutes)})" if actual is not None else ""),
                                        actual_minutes=actual))
    for it in current:
        started = datetime.fromisoformat(st.speech_started[it.key])
        elapsed = max(0.0, (now - started).total_seconds() / 60)
        plan.used += max(it.minutes, elapsed)
        plan.items.append(PlannedSpeech(it, SpeechStatus.CURRENT, it.delegate_id in present,
                                        reason=f"đang trình bày ({elapsed:.0f}/{minutes_text(it.minutes)} phút)"))
    plan.used = round(plan.used, 2)
    done_keys = {p.item.key for p in plan.items}
    open_items = [it for it in items if it.key not in done_keys]
    left = plan.budget - plan.used

    cands: list[Candidate] = []
    notes: dict[str, tuple[str, str]] = {}  # key -> (status, reason) for those not candidates
    for it in open_items:
        here = it.delegate_id in present
        if it.key in dropped:
            notes[it.key] = (SpeechStatus.DROPPED, "bỏ bằng tay")
        elif not here:
            notes[it.key] = (SpeechStatus.RESERVE if it.reserve else SpeechStatus.DROPPED, "vắng mặt, không xếp")
        else:
            d = everyone.get(it.delegate_id)
            cands.append(Candidate(it.key, it.minutes, not it.reserve, it.field, bool(d and d.woman),
                                   bool(d and d.minority), bool(d and d.direct_production),
                                   bool(d and d.category == EXEMPLARY_COLLECTIVE), it.n, it.key in pinned))
    result = fit(cands, left)
    chosen = set(result.chosen)

    # Slots: a listed speech keeps its place; a reserve takes the place of an absent listed speaker.
    absent_primaries = [it for it in open_items if not it.reserve and it.delegate_id not in present and it.key not in dropped]
    slot: dict[str, float] = {}
    replaced: dict[str, SpeechItem] = {}
    reserves_in = [it for it in open_items if it.reserve and it.key in chosen]
    for it in open_items:
        if it.key in chosen and not it.reserve:
            slot[it.key] = it.n
    for r, gone in zip(reserves_in, absent_primaries, strict=False):
        slot[r.key] = gone.n + 0.5
        replaced[r.key] = gone
    for r in reserves_in:
        slot.setdefault(r.key, 1000 + r.n)
    ordered = sorted((it for it in open_items if it.key in chosen), key=lambda it: slot[it.key])
    ordered = apply_manual_order(ordered, st.order.get(segment, []), key=lambda it: it.key)
    position = len(plan.items)
    for it in ordered:
        position += 1
        reason = result.reasons.get(it.key, "")
        replaces = ""
        if it.key in replaced:
            replaces = replaced[it.key].speaker
            reason = f"thay cho {replaces} (vắng mặt); " + reason
        plan.items.append(PlannedSpeech(it, SpeechStatus.PENDING, True, position, reason, replaces=replaces))
    replaced_by = {gone.key: reserve_key for reserve_key, gone in replaced.items()}
    by_key = {it.key: it for it in open_items}
    for it in open_items:
        if it.key in chosen:
            continue
        if it.key in notes:
            status, reason = notes[it.key]
            if it.key in replaced_by:
                reason += f" → thay bằng {by_key[replaced_by[it.key]].speaker} (dự phòng)"
            elif status == SpeechStatus.DROPPED and reason.startswith("vắng"):
                reason += " → bỏ, không còn người dự phòng có mặt"
        elif it.reserve:
            status, reason = SpeechStatus.RESERVE, "dự phòng, chưa cần" if it.minutes <= result.left + EPS else \
                f"dự phòng; không đủ thời gian (còn {max(0, result.left):.0f} phút, bài {minutes_text(it.minutes)} phút)"
        else:
            status, reason = SpeechStatus.DROPPED, f"không đủ thời gian (còn {max(0, result.left):.0f} phút, bài {minutes_text(it.minutes)} phút)"
        plan.items.append(PlannedSpeech(it, status, it.delegate_id in present, None, reason))
    for p in plan.items:
        if p.status in (SpeechStatus.GIVEN, SpeechStatus.CURRENT):
            p.position = plan.items.index(p) + 1
    plan.order_keys = [p.item.key for p in plan.items if p.status == SpeechStatus.PENDING]
    return plan
