"""Speeches and award presentations: lists, ordering, batches.

The contract other modules rely on:
  awards_record(event)   -> list of dicts (recipient, unit, form, delegate_id "0042"|None, status
                            "presented"|"proxy"|"later"|"pending", proxy_name, batch, presented_at,
                            collective, called_name: who walked up, reason)
  speeches_record(event) -> list of dicts (speaker, unit, title, field, planned_minutes,
                            actual_minutes, status "given"|"dropped"|"reserve"|"pending",
                            segment "tham_luan"|"huong_ung", response: a response to the launch, not a tham luận)
"""

from __future__ import annotations

# The plans are imported when first used (PEP 562): the package is on every Event's import
# path (its journal kinds), and the award and speech rules are most of a CLI start-up.
_LAZY = {"AwardPlan": "awards", "plan_awards": "awards", "SpeechPlan": "speeches", "plan_speeches": "speeches"}


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f"console.ceremony.{_LAZY[name]}"), name)
    raise AttributeError(f"module 'console.ceremony' has no attribute {name!r}")


__all__ = ["AwardPlan", "SpeechPlan", "awards_record", "plan_awards", "plan_speeches", "speeches_record"]


def _code(i: int | None) -> str | None:
    return f"{i:04d}" if isinstance(i, int) else None


def awards_record(event) -> list[dict]:
    """Every award in calling order: presented, pending (in a batch), then those to deliver later."""
    from console.ceremony.awards import plan_awards

    plan = plan_awards(event)
    # "Deliver later" is a verdict of the ceremony: before the first batch is done, the
    # people not yet in the hall may still come, so the record says "pending".
    begun = any(p.status in ("presented", "proxy") for p in plan.items)
    decisions = {b.number: b.decision for b in plan.batches}
    by_form = {b.form: b.decision for b in plan.batches if b.decision}
    return [{
        "recipient": p.item.recipient, "unit": p.item.unit, "form": p.item.form,
        # the recipient as the stage says it: a namesake on the roster adds the unit (the minutes use it)
        "label": p.label or p.item.recipient,
        "delegate_id": _code(p.item.delegate_id),
        "status": p.status if begun or p.status != "later" else "pending", "proxy_name": p.proxy_name,
        "batch": p.batch, "presented_at": p.presented_at,
        # who walked up: a collective's representative, or the proxy (the papers name them)
        "collective": p.item.collective, "called_name": p.called_name or p.proxy_name or "",
        "reason": p.reason,
        # the form's award decision ("Quyết định số …, ngày …"), for the minutes and the papers
        "decision": decisions.get(p.batch, "") or by_form.get(p.item.form, "") or p.item.decision,
    } for p in plan.items]


def speeches_record(event) -> list[dict]:
    from console.ceremony.speeches import plan_speeches

    """Speeches and responses: given first, then the rest of the proposal, then not selected."""
    out: list[dict] = []
    for segment in ("tham_luan", "huong_ung"):
        for p in plan_speeches(event, segment).items:
            status = "pending" if p.status == "current" else p.status
            out.append({
                "speaker": p.item.speaker, "unit": p.item.unit, "title": p.item.title, "field": p.item.field,
                "planned_minutes": p.item.minutes, "actual_minutes": p.actual_minutes, "status": status,
                "segment": segment, "response": segment == "huong_ung",
            })
    return out
