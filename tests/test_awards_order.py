"""Award batches: forms, collectives first, batch size, Vietnamese order, nobody absent called, proxies."""

from __future__ import annotations

import pytest

from console.ceremony import actions, awards_record, plan_awards
from console.ceremony.awards import split_even
from console.door.checkin import checkin_delegate, checkout
from console.ground.settings import DEFAULT_AWARD_RANKING
from console.ground.text import collation_key, name_sort_key
from console.people.forms import rank_form


def _checkin_all(ev, ids):
    for i in ids:
        checkin_delegate(ev, i)


def test_forms_match_tolerantly():
    r = DEFAULT_AWARD_RANKING
    ranks = [rank_form(f, r) for f in ("Bằng khen của Tổng LĐLĐ VN", "BK Chủ tịch Ủy ban nhân dân tỉnh",
                                       "Bằng khen của BCH Liên đoàn Lao động tỉnh", "Giấy khen LĐLĐ huyện")]
    assert ranks == sorted(ranks) and len(set(ranks)) == 4 and ranks[-1] < len(r)
    assert rank_form("Giấy khen của Chủ tịch UBND xã", r) == len(r)  # unknown: after all known


def test_split_even_never_over_size():
    for n in range(1, 40):
        for size in range(1, 10):
            parts = split_even(list(range(n)), size)
            assert sum(len(p) for p in parts) == n and max(len(p) for p in parts) <= size
            assert max(len(p) for p in parts) - min(len(p) for p in parts) <= 1


def test_all_present_order_rules(demo_event):
    ev = demo_event
    plan = plan_awards(ev, present=set(ev.delegates()))
    size = ev.settings.batch_size
    assert not plan.later
    ranks = [p.item.rank for p in plan.items]
    assert ranks == sorted(ranks)  # highest form first
    for rank in set(ranks):
        group = [p.item for p in plan.items if p.item.rank == rank]
        kinds = [it.collective for it in group]
        assert kinds == sorted(kinds, reverse=True)  # collectives first
        inds = [it.recipient for it in group if not it.collective]
        assert [name_sort_key(n) for n in inds] == sorted(name_sort_key(n) for n in inds)  # given name order
        cols = [it.recipient for it in group if it.collective]
        assert [collation_key(n) for n in cols] == sorted(collation_key(n) for n in cols)
    for b in plan.batches:
        assert 1 <= len(b.awards) <= size
        assert len({a.item.form for a in b.awards}) == 1
        assert b.presenter_name
        assert b.presenter_id not in {a.called_id for a in b.awards}
    # Vietnamese order: "Ánh" before "Bình", "Đức" after "Dũng".
    assert name_sort_key("Nguyễn Văn Dũng") < name_sort_key("Hoàng Văn Đức")


def test_nobody_absent_is_called_and_proxy(demo_event):
    ev = demo_event
    docs = ev.roster_store.table_docs("awards")
    with_proxy = next(d for d in docs if d["proxy_id"])
    recipients = [d["delegate_id"] for d in docs]
    # About 80 % of the awardees come; the one with a named proxy does not, the proxy does.
    came = [i for k, i in enumerate(recipients) if k % 5 != 0 and i != with_proxy["delegate_id"]]
    _checkin_all(ev, came + [with_proxy["proxy_id"]])
    _checkin_all(ev, [d.id for d in ev.delegates().values() if d.category == "khach_moi"])
    plan = plan_awards(ev)
    present = set(ev.day.present)
    for b in plan.batches:
        for a in b.awards:
            assert a.called_id in present
    proxied = next(p for p in plan.items if p.item.key == with_proxy["key"])
    assert proxied.batch is not None and proxied.called_id == with_proxy["proxy_id"] and proxied.proxy_name
    for p in plan.later:
        assert p.item.delegate_id not in present and (p.proxy_id is None or p.proxy_id not in present)
    # A recipient leaves the hall: rebuilt live, moves to "deliver later".
    leaving = plan.batches[0].awards[0]
    checkout(ev, leaving.called_id)
    plan2 = plan_awards(ev)
    assert leaving.item.key in {p.item.key for p in plan2.later}
    rec = awards_record(ev)
    assert {r["status"] for r in rec} <= {"pending", "later", "presented", "proxy"}
    assert set(rec[0]) >= {"recipient", "unit", "form", "delegate_id", "status", "proxy_name", "batch", "presented_at"}


def test_manual_proxy_move_presenter_and_pace(demo_event, clock):
    ev = demo_event
    _checkin_all(ev, list(ev.delegates()))
    plan = plan_awards(ev)
    first, second = plan.batches[0].awards[0], plan.batches[0].awards[1]
    actions.move(ev, "awards", first.item.key, +1)
    order = [a.item.key for a in plan_awards(ev).batches[0].awards]
    assert order[:2] == [second.item.key, first.item.key]
    before = plan_awards(ev).batches[0].presenter_id
    actions.cycle_presenter(ev, 1)
    assert plan_awards(ev).batches[0].presenter_id != before
    # An absent person with a proxy set by hand is called through the proxy.
    target = plan.batches[1].awards[0]
    checkout(ev, target.called_id)
    proxy = next(d for d in ev.present_delegates() if d.category == "ca_nhan" and d.id != target.called_id)
    actions.set_proxy(ev, target.item.key, proxy.id)
    p = next(p for p in plan_awards(ev).items if p.item.key == target.item.key)
    assert p.called_id == proxy.id and p.batch is not None
    # Pace: the first batch took 4 minutes for its people.
    n = len(plan_awards(ev).batches[0].awards)
    actions.start_batch(ev)
    clock.advance(minutes=4)
    actions.batch_done(ev)
    after = plan_awards(ev)
    assert after.measured and after.seconds_per_person == pytest.approx(240 / n)
    nxt = after.pending_batches[0]
    assert nxt.minutes == pytest.approx(round(len(nxt.awards) * 240 / n / 60, 1))
    rec = awards_record(ev)
    assert sum(r["status"] == "presented" for r in rec) == n and rec[0]["presented_at"]
    kinds = [e.kind for e in ev.journal.entries]
    assert {"ceremony_order", "ceremony_presenter", "ceremony_proxy", "ceremony_batch_done"} <= set(kinds)


def test_abbreviated_forms_rank_like_the_written_out_ones():
    """Abbreviations expand to folded words (y→i), so "GK" meets "Giấy khen" and "UBND" meets
    "Ủy ban nhân dân" (a "GK của LĐLĐ huyện" list went last, after every ranked form)."""
    r = DEFAULT_AWARD_RANKING
    assert rank_form("GK của LĐLĐ huyện", r) == rank_form("Giấy khen của Liên đoàn Lao động huyện", r) \
        == r.index("Giấy khen của Ban Chấp hành LĐLĐ huyện")
    ranking = ["Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", "Bằng khen của Chủ tịch UBND huyện"]
    # the event's own order among its forms holds (the hierarchy fills in the forms it leaves out)
    assert rank_form("BK Chủ tịch UBND tỉnh", ranking) < rank_form("Bằng khen của Chủ tịch Ủy ban nhân dân huyện", ranking) \
        < len(DEFAULT_AWARD_RANKING) + 1
