"""Award batches (đợt) built from who is in the hall.

Rules, in order:
  * highest form first (settings.award_ranking, matched tolerantly; unknown forms last),
  * collectives before individuals within a form, then Vietnamese name order,
  * a manual order (ceremony_order) overrides the rule order among the items it names,
  * only people present are called: the awardee (or the collective's representative);
    if absent, a named proxy who is present; otherwise "deliver later" (trao sau),
  * batches hold at most settings.batch_size people and one form each,
  * each batch has a presenter: a present leader/guest (by protocol rank, or [awards]
    presenters in event.toml, or a manual choice),
  * batches already presented are frozen; the rest is rebuilt on every call.
Time per batch: overhead + per-person seconds, or the measured pace of done batches.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from console.ceremony import namesakes
from console.ceremony.order import apply_manual_order
from console.ceremony.presenters import (  # re-exported: actions, substeps and tests import them from here
    _choose_presenter,
    matches_person,
    presenter_choices,
    presenter_pool,
    presenter_rank,
    presenters_for,
)
from console.ceremony.state import state_of, table_docs
from console.ground.text import collation_key, fold, name_sort_key
from console.people.forms import form_known, rank_form
from console.people.roster import Delegate

__all__ = ["AwardItem", "AwardPlan", "Batch", "PlannedAward", "Proposal", "decision_for", "freeze_line",
           "load_items", "matches_person", "plan_awards", "presenter_choices", "presenter_pool", "presenter_rank",
           "presenters_for", "split_even"]

DEFAULT_BATCH_OVERHEAD_MIN = 1.0  # MC reads the decision, people walk up, photo
DEFAULT_SECONDS_PER_PERSON = 20.0


@dataclass
class AwardItem:
    key: str
    n: int
    recipient: str
    unit: str
    form: str
    collective: bool
    delegate_id: int | None
    list_proxy_id: int | None
    achievement: str = ""
    rank: int = 0
    decision: str = ""  # "Quyết định số …, ngày …" as the list gave it (section row or title block)

    @classmethod
    def from_doc(cls, doc: dict, ranking: list[str]) -> AwardItem:
        return cls(doc["key"], int(doc.get("n", 0)), doc["recipient"], doc.get("unit", ""), doc["form"],
                   bool(doc.get("collective")), doc.get("delegate_id"), doc.get("proxy_id"),
                   doc.get("achievement", ""), rank_form(doc["form"], ranking), str(doc.get("decision") or ""))

    def rule_key(self) -> tuple:
        name = (collation_key(self.recipient), ()) if self.collective else name_sort_key(self.recipient)
        return (self.rank, not self.collective, name, self.n)


class AwardStatus(StrEnum):
    PENDING = "pending"  # to be called in a batch
    LATER = "later"  # nobody in the hall to receive it: delivered after the conference
    PRESENTED = "presented"  # received in person (or by the representative)
    PROXY = "proxy"  # received by someone else for them


@dataclass
class PlannedAward:
    item: AwardItem
    status: AwardStatus
    present: bool  # the awardee / representative is in the hall
    called_id: int | None = None  # who walks up
    called_name: str = ""
    proxy_id: int | None = None
    proxy_name: str | None = None
    batch: int | None = None
    presented_at: str | None = None
    reason: str = ""
    label: str = ""  # the recipient as the stage says it (a namesake's unit added); see namesakes.py

    @property
    def received_by(self) -> str:
        """Who received it, when not the awardee in person: "X (nhận thay)", "Y (đại diện)", or ""."""
        if self.proxy_name and self.proxy_name != self.item.recipient:
            return f"{self.proxy_name} (nhận thay)"
        if self.item.collective and self.called_name:
            return f"{self.called_name} (đại diện)"
        return ""


@dataclass
class Batch:
    number: int
    form: str
    awards: list[PlannedAward]
    presenter_id: int | None = None
    presenter_name: str = ""
    presenter_reason: str = ""
    minutes: float = 0.0
    done: bool = False
    slot: str = ""
    decision: str = ""  # the form's award decision, read before its first batch
    fixed: bool = False  # what the MC was given: members and presenter change only by an approved change
    added: bool = False  # a batch formed after the others were fixed (late arrivals): "bổ sung"
    changes: list[tuple[str, str]] = field(default_factory=list)  # (at, what changed) since it was fixed

    @property
    def names(self) -> list[str]:
        return [a.label or a.item.recipient for a in self.awards]


@dataclass
class Proposal:
    """A change the hall forces on a fixed batch; the control approves it (ceremony_change)."""
    batch: int
    text: str
    change: dict  # the ceremony_change data: {"batch", "note", "presenter_id"? | "drop"? | "proxies"?}


@dataclass
class AwardPlan:
    batches: list[Batch] = field(default_factory=list)
    later: list[PlannedAward] = field(default_factory=list)
    items: list[PlannedAward] = field(default_factory=list)  # calling order, done first, later last
    order_keys: list[str] = field(default_factory=list)  # every not-yet-presented key, in order (manual moves)
    seconds_per_person: float = DEFAULT_SECONDS_PER_PERSON
    overhead_minutes: float = DEFAULT_BATCH_OVERHEAD_MIN
    measured: bool = False
    proposals: list[Proposal] = field(default_factory=list)  # changes the hall forces on fixed batches

    @property
    def pending_batches(self) -> list[Batch]:
        return [b for b in self.batches if not b.done]

    @property
    def minutes_left(self) -> float:
        return round(sum(b.minutes for b in self.pending_batches), 1)


def load_items(event) -> list[AwardItem]:
    ranking = event.settings.award_ranking
    return [AwardItem.from_doc(doc, ranking) for doc in table_docs(event, "awards")]


def plan_awards(event, present: set[int] | None = None) -> AwardPlan:
    """The current proposal. `present` overrides who is in the hall (previews)."""
    st = state_of(event)
    everyone = event.delegates()
    present = set(event.day.present) if present is None else set(present)
    items = load_items(event)
    by_key = {it.key: it for it in items}
    plan = AwardPlan()
    s = event.settings
    overhead = s.awards.batch_overhead_minutes
    per_person = s.awards.seconds_per_person
    plan.overhead_minutes = overhead

    def name_of(i: int | None) -> str:
        d = everyone.get(i) if i is not None else None
        return d.name if d else ""

    # Frozen: the batches already presented.
    timed = [(b.seconds, len(b.keys)) for b in st.done_batches if b.seconds and b.keys]
    if timed:
        plan.measured = True
        total_s = sum(t for t, _ in timed)
        total_n = sum(n for _, n in timed)
        # The measured pace already contains the overhead: spread it over the people.
        plan.overhead_minutes = 0.0
        per_person = total_s / total_n
    plan.seconds_per_person = per_person
    for b in st.done_batches:
        awards = []
        for k in b.keys:
            it = by_key.get(k)
            if it is None:
                continue
            proxy = b.proxies.get(k)
            pa = PlannedAward(it, AwardStatus.PROXY if proxy else AwardStatus.PRESENTED, it.delegate_id in present,
                              called_id=b.called.get(k, it.delegate_id), proxy_id=proxy,
                              proxy_name=name_of(proxy) or None, batch=b.number, presented_at=b.done_at,
                              reason=f"Đã trao ở đợt {b.number}" + (f", {name_of(proxy)} nhận thay" if proxy else ""))
            pa.called_name = name_of(pa.called_id)
            awards.append(pa)
            plan.items.append(pa)
        plan.batches.append(Batch(b.number, b.form, awards, b.presenter_id, name_of(b.presenter_id),
                                  "đã trao", round((b.seconds or 0) / 60, 1), done=True))

    done = st.done_keys
    fixed_keys = _fixed_batches(event, plan, st, by_key, present, name_of)
    remaining = sorted((it for it in items if it.key not in done and it.key not in fixed_keys), key=AwardItem.rule_key)
    remaining = apply_manual_order(remaining, st.order.get("awards", []), key=lambda it: it.key)
    plan.order_keys = [it.key for it in remaining]
    called: list[PlannedAward] = []
    for it in remaining:
        here = it.delegate_id in present
        proxy_id = st.proxies[it.key] if it.key in st.proxies else it.list_proxy_id
        who = "Người nhận của tập thể" if it.collective else "Người được khen"
        if here:
            why = (f"hình thức hạng {it.rank + 1}; "
                   + (f"tập thể (trước cá nhân), {name_of(it.delegate_id)} lên nhận" if it.collective
                      else "cá nhân, theo tên") + "; có mặt")
            pa = PlannedAward(it, AwardStatus.PENDING, True, it.delegate_id, name_of(it.delegate_id), reason=why)
            called.append(pa)
        elif proxy_id is not None and proxy_id in present:
            pa = PlannedAward(it, AwardStatus.PENDING, False, proxy_id, name_of(proxy_id), proxy_id, name_of(proxy_id),
                              reason=f"{who} vắng; {name_of(proxy_id)} (có mặt) nhận thay")
            called.append(pa)
        else:
            tail = f"; người nhận thay {name_of(proxy_id)} cũng vắng" if proxy_id is not None else "; không có người nhận thay"
            pa = PlannedAward(it, AwardStatus.LATER, False, None, "", proxy_id, name_of(proxy_id) or None,
                              reason=f"{who} ({name_of(it.delegate_id)}) vắng mặt{tail} → trao sau")
            plan.later.append(pa)

    # Batches: consecutive awards of one form, at most batch_size each.
    size = max(1, s.batch_size)
    number = max([b.number for b in plan.batches] + [len(plan.batches)])
    form_batches: dict[int, int] = {}
    pool = presenter_pool(event, present, everyone)
    present_people = [everyone[i] for i in present if i in everyone]
    form_order: list[int] = []
    for run in _runs(called):
        rank = run[0].item.rank
        if rank not in form_order:
            form_order.append(rank)
        for chunk in split_even(run, size):
            number += 1
            j = form_batches.get(rank, 0)
            form_batches[rank] = j + 1
            # after the others were fixed, a new batch (late arrivals) has slots of its own
            batch = Batch(number, chunk[0].item.form, chunk, slot=f"{rank}:{j}" + ("+" if st.frozen else ""),
                          added=bool(st.frozen))
            for pa in chunk:
                pa.batch = number
            plan.batches.append(batch)
    for b in plan.batches:
        b.decision = decision_for(event, b.form, items)
    plan.batches.sort(key=lambda b: (not b.done, b.number))
    for b in plan.pending_batches:
        n = len(b.awards)
        b.minutes = round(plan.overhead_minutes + n * plan.seconds_per_person / 60, 1)
        if b.fixed:
            _check_fixed(event, b, plan, pool, present, name_of)
        else:
            _choose_presenter(event, b, form_order, pool, present_people, st.presenters, name_of)
    plan.items += called + plan.later
    # Namesakes told apart on every stage output: the MC's lines, the lists, the papers, the minutes.
    shared = namesakes.index(everyone)
    for pa in plan.items:
        pa.label = pa.item.recipient if pa.item.collective else namesakes.tell_apart(
            everyone.get(pa.item.delegate_id), pa.item.recipient, shared)
        if pa.called_name:
            pa.called_name = namesakes.tell_apart(everyone.get(pa.called_id), pa.called_name, shared)
        if pa.proxy_name:
            pa.proxy_name = namesakes.tell_apart(everyone.get(pa.proxy_id), pa.proxy_name, shared)
    for b in plan.batches:
        if b.presenter_name:
            b.presenter_name = namesakes.tell_apart(everyone.get(b.presenter_id), b.presenter_name, shared)
    return plan


def _fixed_batches(event, plan: AwardPlan, st, by_key: dict, present: set[int], name_of) -> set[str]:
    """The batches the MC was given, as fixed (and changed by approved changes); their keys."""
    keys: set[str] = set()
    if not st.frozen:
        return keys
    done_numbers = {b.called_as or b.number for b in st.done_batches}
    done = st.done_keys
    for number in sorted(st.frozen):
        fb = st.frozen[number]
        keys |= set(fb["keys"])
        if number in done_numbers:
            continue
        awards = []
        for k in fb["keys"]:
            it = by_key.get(k)
            if it is None or k in done:
                continue
            called = fb["called"].get(k, it.delegate_id)
            proxy = fb["proxies"].get(k)
            why = f"đã chốt trong đợt {number}" + (f"; {name_of(proxy)} nhận thay" if proxy else "")
            awards.append(PlannedAward(it, "pending", it.delegate_id in present, called, name_of(called), proxy,
                                       name_of(proxy) or None, batch=number, reason=why))
        if not awards:
            continue
        pid = fb["presenter_id"]
        plan.batches.append(Batch(number, fb["form"], awards, pid, name_of(pid), "đã chốt khi in danh sách MC hoặc "
                                  "khi đợt đầu lên sân khấu", slot=fb["slot"], fixed=True,
                                  changes=list(st.changes.get(number, []))))
        plan.items += awards
    return keys


def _check_fixed(event, b: Batch, plan: AwardPlan, pool: list[Delegate], present: set[int], name_of) -> None:
    """A fixed batch stays as the MC has it; what the hall changed becomes a proposal."""
    st = state_of(event)
    for a in b.awards:
        if a.called_id in present:
            continue
        other = st.proxies.get(a.item.key) if a.item.key in st.proxies else a.item.list_proxy_id
        if other is not None and other in present and other != a.called_id:
            plan.proposals.append(Proposal(b.number, f"Đợt {b.number}: {a.called_name or a.item.recipient} không có mặt; "
                                           f"{name_of(other)} nhận thay {a.item.recipient}",
                                           {"batch": b.number, "proxies": {a.item.key: other},
                                            "note": f"{name_of(other)} nhận thay {a.item.recipient}"}))
        else:
            plan.proposals.append(Proposal(b.number, f"Đợt {b.number}: {a.called_name or a.item.recipient} không có mặt, "
                                           f"không có người nhận thay → chuyển {a.item.recipient} sang trao sau",
                                           {"batch": b.number, "drop": [a.item.key],
                                            "note": f"{a.item.recipient}: trao sau (vắng mặt)"}))
    on_stage = {a.called_id for a in b.awards}
    if b.presenter_id is None or b.presenter_id not in present or b.presenter_id in on_stage:
        _tier, candidates = presenters_for(b.form, [d for d in pool if d.id not in on_stage])
        if candidates:
            d = candidates[0]
            gone = f"{b.presenter_name} không còn trong hội trường" if b.presenter_name else "chưa có người trao"
            plan.proposals.append(Proposal(b.number, f"Đợt {b.number}: {gone} → người trao {d.name} ({d.position})",
                                           {"batch": b.number, "presenter_id": d.id,
                                            "note": f"người trao: {d.name}" + (f" thay {b.presenter_name}"
                                                                               if b.presenter_name else "")}))


def freeze_line(ev, plan: AwardPlan, why: str) -> tuple[str, dict] | None:
    """The ceremony_freeze line fixing every pending batch not fixed yet (None if there is none)."""
    loose = [b for b in plan.pending_batches if not b.fixed and b.awards]
    if not loose:
        return None
    return ("ceremony_freeze", {"why": why, "batches": [{
        "number": b.number, "form": b.form, "slot": b.slot, "keys": [a.item.key for a in b.awards],
        "called": {a.item.key: a.called_id for a in b.awards if a.called_id is not None},
        "proxies": {a.item.key: a.proxy_id for a in b.awards if a.proxy_id is not None},
        "presenter_id": b.presenter_id} for b in loose]})


def decision_for(event, form: str, items: list[AwardItem]) -> str:
    """The award decision of a form: [awards.decisions] in event.toml, else what the list wrote."""
    ranking = event.settings.award_ranking
    rank = rank_form(form, ranking)
    for name, text in event.settings.awards.decisions.items():
        if (rank_form(name, ranking) == rank and form_known(form, ranking)) or fold(name) == fold(form):
            return text
    return next((it.decision for it in items if it.decision and (it.form == form or it.rank == rank)), "")


def _runs(called: list[PlannedAward]) -> list[list[PlannedAward]]:
    """Consecutive awards of one form (a manual move may split a form in two runs)."""
    runs: list[list[PlannedAward]] = []
    for pa in called:
        if runs and runs[-1][0].item.form == pa.item.form:
            runs[-1].append(pa)
        else:
            runs.append([pa])
    return runs


def split_even(run: list, size: int) -> list[list]:
    """At most `size` a batch, as even as possible: 9 people on a stage of 8 → 5 + 4, not 8 + 1."""
    k = -(-len(run) // size)
    base, extra = divmod(len(run), k)
    out, i = [], 0
    for b in range(k):
        n = base + (1 if b < extra else 0)
        out.append(run[i:i + n])
        i += n
    return out
