"""Speeches: time fitting (property tests), reserves for absent speakers, overrun shortens the rest."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from console.ceremony import actions, plan_speeches, speeches_record
from console.ceremony.speeches import Candidate, fit
from console.door.checkin import checkin_delegate

cand = st.builds(
    Candidate, key=st.uuids().map(str), minutes=st.integers(1, 15).map(float), primary=st.booleans(),
    field=st.sampled_from(["Giáo dục", "Sản xuất", "Y tế", "Công tác", ""]), woman=st.booleans(),
    minority=st.booleans(), direct=st.booleans(), collective=st.booleans(), order=st.integers(0, 50),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(cand, max_size=14, unique_by=lambda c: c.key), st.integers(0, 60))
def test_never_over_budget_and_full(cands, budget):
    result = fit(cands, budget)
    chosen = {c.key: c for c in cands if c.key in set(result.chosen)}
    total = sum(c.minutes for c in chosen.values())
    assert total <= budget + 1e-9  # never over budget (nothing pinned)
    assert len(result.chosen) == len(set(result.chosen))
    left = budget - total
    # Maximal: nothing left out would still fit — a fitting selection is never refused.
    assert all(c.minutes > left + 1e-9 for c in cands if c.key not in chosen)
    if any(c.minutes <= budget for c in cands):
        assert chosen
    # A listed speech is never left out for a reserve that is not shorter.
    for c in cands:
        if c.primary and c.key not in chosen:
            assert not any(not r.primary and r.minutes >= c.minutes for r in chosen.values())
    assert all(result.reasons[k] for k in result.chosen)


@settings(max_examples=100, deadline=None)
@given(st.lists(cand, min_size=1, max_size=10, unique_by=lambda c: c.key), st.integers(0, 60), st.data())
def test_pinned_always_kept_and_rest_fits(cands, budget, data):
    pins = data.draw(st.sets(st.sampled_from([c.key for c in cands]), max_size=2))
    cands = [Candidate(**{**c.__dict__, "pinned": c.key in pins}) for c in cands]
    result = fit(cands, budget)
    assert pins <= set(result.chosen)
    pinned_total = sum(c.minutes for c in cands if c.pinned)
    total = sum(c.minutes for c in cands if c.key in result.chosen)
    if pinned_total <= budget:
        assert total <= budget + 1e-9


def test_representative_choice_reasons():
    cands = [Candidate("a", 10, True, "Giáo dục", order=1), Candidate("b", 10, True, "Giáo dục", order=2),
             Candidate("c", 10, True, "Sản xuất", woman=True, minority=True, order=3)]
    result = fit(cands, 20)
    assert set(result.chosen) == {"a", "c"}  # a second field and a woman beat list order
    assert "lĩnh vực mới: Sản xuất" in result.reasons["c"] and "nữ" in result.reasons["c"]


def test_absent_replaced_by_reserve_and_overrun(demo_event, clock):
    ev = demo_event
    docs = sorted(ev.roster_store.table_docs("speeches"), key=lambda d: d["n"])
    main = [d for d in docs if not d["reserve"] and not d["response"]]
    reserves = [d for d in docs if d["reserve"]]
    absent = main[1]
    for d in docs:
        if d["key"] != absent["key"]:
            checkin_delegate(ev, d["delegate_id"])
    plan = plan_speeches(ev)
    assert plan.planned_minutes <= plan.budget
    sub = next(p for p in plan.items if p.replaces == absent["speaker"])
    assert sub.item.key in {r["key"] for r in reserves} and sub.status == "pending"
    gone = next(p for p in plan.items if p.item.key == absent["key"])
    assert gone.status == "dropped" and "thay bằng" in gone.reason
    # The slot of the absent speaker: right after the speech listed before it.
    keys = [p.item.key for p in plan.selected]
    assert keys.index(sub.item.key) == keys.index(main[0]["key"]) + 1
    # Overrun: the first speech takes 25 minutes instead of 8 → the rest is shortened live.
    first = plan.selected[0]
    actions.start_speech(ev, "tham_luan")
    clock.advance(minutes=25)
    actions.speech_done(ev, "tham_luan")
    after = plan_speeches(ev)
    assert after.used == 25
    assert after.planned_minutes <= after.budget
    assert len(after.selected) < len(plan.selected)
    assert any("không đủ thời gian" in p.reason for p in after.items if p.status in ("dropped", "reserve"))
    rec = speeches_record(ev)
    given = [r for r in rec if r["status"] == "given"]
    assert len(given) == 1 and given[0]["speaker"] == first.item.speaker and given[0]["actual_minutes"] == 25
    assert set(rec[0]) == {"speaker", "unit", "title", "field", "planned_minutes", "actual_minutes", "status", "segment", "response"}
    assert {r["status"] for r in rec} <= {"given", "dropped", "reserve", "pending"}


def test_pin_and_move_by_journal(demo_event):
    ev = demo_event
    for d in ev.roster_store.table_docs("speeches"):
        checkin_delegate(ev, d["delegate_id"])
    plan = plan_speeches(ev, budget=20)
    out = next(p for p in plan.items if p.status in ("dropped", "reserve"))
    actions.pin(ev, "tham_luan", out.item.key)
    plan2 = plan_speeches(ev, budget=20)
    assert out.item.key in {p.item.key for p in plan2.selected}
    keys = plan_speeches(ev).order_keys
    actions.move(ev, "tham_luan", keys[1], -1)
    assert plan_speeches(ev).order_keys[:2] == [keys[1], keys[0]]
    responses = plan_speeches(ev, "huong_ung")
    assert responses.selected and all(p.item.response for p in responses.items)
