"""Two people with one name are told apart wherever the stage names them."""

from __future__ import annotations

from console.ceremony import actions, awards_record, plan_awards
from console.ceremony.printouts import _callsheet
from console.ceremony.substeps import award_substeps
from console.door.checkin import checkin_delegate, register_walk_in
from console.people.categories import EXEMPLARY_INDIVIDUAL


def _all_in(ev):
    for i in sorted(ev.delegates()):
        checkin_delegate(ev, i)


def test_namesake_awardees_and_proxies_carry_their_unit_on_every_stage_output(demo_event):
    ev = demo_event
    # a second Nguyễn Thị Hường, from another unit, receives for someone else
    other = register_walk_in(ev, name="Nguyễn Thị Hường", unit="Trạm Y tế xã Cẩm Giàng",
                             category=EXEMPLARY_INDIVIDUAL, reason="bổ sung theo quyết định").delegate
    _all_in(ev)
    duc = [a for a in plan_awards(ev).items if a.item.recipient == "Hoàng Văn Đức"]
    assert duc, "the demo awards a Hoàng Văn Đức"
    target = next(a for a in plan_awards(ev).items if not a.item.collective and a.item.recipient != "Nguyễn Thị Hường"
                  and a.status == "pending" and a.proxy_id is None)
    actions.set_proxy(ev, target.item.key, other.id)
    checkin_delegate(ev, other.id)
    from console.door.checkin import checkout

    checkout(ev, target.item.delegate_id)  # the awardee left: the namesake receives for her
    plan = plan_awards(ev)
    a = next(x for x in plan.items if x.item.key == target.item.key)
    assert a.called_name == "Nguyễn Thị Hường (Trạm Y tế xã Cẩm Giàng)"
    lines = " ".join(s.mc_line for s in award_substeps(ev))
    assert "Nguyễn Thị Hường (Trạm Y tế xã Cẩm Giàng) nhận thay" in lines
    assert "Nguyễn Thị Hường nhận thay" not in lines
    for d in duc:
        label = next(x.label for x in plan.items if x.item.key == d.item.key)
        assert label.startswith("Hoàng Văn Đức (") and label != "Hoàng Văn Đức"
        assert label in lines or d.status != "pending"
    batch = next(b for b in plan.batches if target.item.key in [x.item.key for x in b.awards])
    sheet = _callsheet(batch)
    assert any(p.proxy == "Nguyễn Thị Hường (Trạm Y tế xã Cẩm Giàng)" for p in sheet.awardees)
    rec = {r["recipient"] + r["unit"]: r for r in awards_record(ev)}
    assert any(r["label"].startswith("Hoàng Văn Đức (") for r in rec.values())
    assert any(r["called_name"] == "Nguyễn Thị Hường (Trạm Y tế xã Cẩm Giàng)" for r in rec.values())


def test_a_name_nobody_shares_is_said_as_it_is(demo_event):
    ev = demo_event
    _all_in(ev)
    plan = plan_awards(ev)
    single = [x for x in plan.items if not x.item.collective and x.item.recipient not in ("Hoàng Văn Đức", "Nguyễn Thị Hường")]
    assert single and all(x.label == x.item.recipient for x in single)
