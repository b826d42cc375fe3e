"""What the MC was given stays true: once the MC list is printed or a batch is called, the batches'
members and presenters are fixed; what the hall forces is a proposal the control approves."""

from __future__ import annotations

from console.ceremony import actions, plan_awards
from console.ceremony.printouts import _callsheet, print_batch, print_mc_list
from console.door.checkin import checkin_delegate, checkout


def _snapshot(ev):
    return {b.number: ([a.item.key for a in b.awards], [a.called_id for a in b.awards], b.presenter_id)
            for b in plan_awards(ev).pending_batches}


def _hall(ev, leave_out=()):
    for i in sorted(ev.delegates()):
        if i not in leave_out:
            checkin_delegate(ev, i)


def test_marking_a_batch_done_leaves_the_other_batches_as_the_mc_has_them(demo_event):
    ev = demo_event
    _hall(ev)
    before = _snapshot(ev)
    assert len(before) >= 4
    actions.batch_done(ev)  # the first batch went up without the MC list being printed
    after = _snapshot(ev)
    assert after == {n: v for n, v in before.items() if n != min(before)}
    actions.batch_done(ev)
    assert _snapshot(ev) == {n: v for n, v in before.items() if n not in sorted(before)[:2]}


def test_after_the_mc_list_is_printed_a_presenter_who_leaves_is_a_proposal(demo_event, clock):
    ev = demo_event
    _hall(ev)
    print_mc_list(ev)
    fixed = _snapshot(ev)
    b = plan_awards(ev).pending_batches[1]
    gone = b.presenter_id
    clock.advance(minutes=5)
    checkout(ev, gone)
    plan = plan_awards(ev)
    again = next(x for x in plan.pending_batches if x.number == b.number)
    assert again.presenter_id == gone  # still what the MC's paper says …
    props = [p for p in plan.proposals if p.batch == b.number and "presenter_id" in p.change]
    assert props and "không còn trong hội trường" in props[0].text  # … and the control is told
    assert _snapshot(ev) == fixed  # nothing moved by itself
    assert actions.approve(ev, b.number) >= 1
    changed = next(x for x in plan_awards(ev).pending_batches if x.number == b.number)
    assert changed.presenter_id == props[0].change["presenter_id"] != gone
    sheet = _callsheet(changed, "In lúc 07:05 ngày 15/04/2020")
    assert sheet.changed.startswith("ĐÃ ĐỔI: 07:05 người trao:") and sheet.stamp.startswith("In lúc")
    assert [j.kind for j in print_batch(ev, b.number, certificates=False)] == ["callsheet"]
    others = {n: v for n, v in _snapshot(ev).items() if n != b.number}
    assert others == {n: v for n, v in fixed.items() if n != b.number}


def test_an_awardee_who_leaves_goes_to_deliver_later_only_when_approved(demo_event):
    ev = demo_event
    _hall(ev)
    actions.start_batch(ev)  # the first batch is on stage: the rest is fixed
    b = plan_awards(ev).pending_batches[1]
    leaving = next(a for a in b.awards if not a.item.collective and a.proxy_id is None)
    checkout(ev, leaving.called_id)
    assert leaving.item.key in [a.item.key for a in next(x for x in plan_awards(ev).pending_batches
                                                         if x.number == b.number).awards]
    prop = next(p for p in plan_awards(ev).proposals if p.change.get("drop") == [leaving.item.key])
    assert "trao sau" in prop.text
    actions.approve(ev, b.number)
    plan = plan_awards(ev)
    assert leaving.item.key not in [a.item.key for a in next(x for x in plan.pending_batches if x.number == b.number).awards]
    assert leaving.item.key in [p.item.key for p in plan.later]


def test_a_late_arrival_is_called_in_a_batch_of_its_own_after_the_fixed_ones(demo_event):
    ev = demo_event
    plan0 = plan_awards(ev, present=set(ev.delegates()))
    late = plan0.batches[0].awards[0].item.delegate_id
    _hall(ev, leave_out={late})
    print_mc_list(ev)
    fixed = _snapshot(ev)
    checkin_delegate(ev, late)
    plan = plan_awards(ev)
    assert {n: v for n, v in _snapshot(ev).items() if n in fixed} == fixed
    extra = [b for b in plan.pending_batches if b.added]
    assert extra and late in [a.called_id for a in extra[0].awards] and extra[0].number > max(fixed)
    assert _callsheet(extra[0]).batch == f"{extra[0].number} (bổ sung)"


def test_the_cli_lists_the_proposals_and_approves_them(demo_dir, cli):
    from console.event import Event

    ev = Event(demo_dir)
    _hall(ev)
    actions.start_batch(ev)
    b = plan_awards(ev).pending_batches[1]
    checkout(ev, b.presenter_id)
    out = cli("order", str(demo_dir), "awards")
    assert out.returncode == 0 and "Đề xuất thay đổi các đợt đã chốt" in out.stdout and "đã chốt" in out.stdout
    done = cli("award-approve", str(demo_dir), str(b.number))
    assert done.returncode == 0 and done.stdout.startswith("Đã duyệt 1 thay đổi")
    assert cli("award-approve", str(demo_dir)).returncode == 0  # the same presenter's other batches
    out = cli("order", str(demo_dir), "awards")
    assert "ĐÃ ĐỔI: người trao:" in out.stdout and "Đề xuất thay đổi" not in out.stdout
