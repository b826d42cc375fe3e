"""The agenda's moves and the ceremony's record must agree: what the control skipped, jumped
out of or stepped past is what the ceremony screen, the MC list and the minutes show."""

from __future__ import annotations

from datetime import datetime

from console.agenda import steps
from console.agenda.timing import view
from console.ceremony.awards import plan_awards
from console.ceremony.speeches import plan_speeches
from console.ceremony.state import state_of
from console.door.checkin import checkin_delegate
from console.ground.clock import VN_TZ


def _day(event, clock):
    for i in list(event.delegates()):
        checkin_delegate(event, i)
    clock._now = datetime(2020, 4, 15, 7, 30, tzinfo=VN_TZ)
    steps.start(event)


def _statuses(event):
    return {p.item.key: p.status for p in plan_speeches(event, "tham_luan").items}


def test_a_skipped_speech_is_not_left_running(demo_event, clock):
    _day(demo_event, clock)
    steps.jump(demo_event, "4")
    first = view(demo_event).current.id.split(":", 1)[1]
    assert _statuses(demo_event)[first] == "current"
    clock.advance(minutes=2)
    steps.skip(demo_event)  # the speaker is not ready: the next one goes up
    second = view(demo_event).current.id.split(":", 1)[1]
    current = [k for k, s in _statuses(demo_event).items() if s == "current"]
    assert current == [second]  # one person at the lectern, not two
    assert _statuses(demo_event)[first] == "pending"
    steps.back(demo_event)  # skipped by mistake: the first speaker is on again
    assert [k for k, s in _statuses(demo_event).items() if s == "current"] == [first]


def test_jumping_out_of_a_speech_ends_it_like_next(demo_event, clock):
    _day(demo_event, clock)
    steps.jump(demo_event, "4")
    key = view(demo_event).current.id.split(":", 1)[1]
    clock.advance(minutes=6)
    steps.jump(demo_event, "6")  # the agenda records the speech as done …
    assert _statuses(demo_event)[key] == "given"  # … and so does the ceremony
    assert state_of(demo_event).actual_minutes(key) == 6
    steps.back(demo_event)
    assert _statuses(demo_event)[key] == "current"


def test_jumping_out_of_an_award_batch_records_it(demo_event, clock):
    _day(demo_event, clock)
    steps.jump(demo_event, "6")
    keys = [a.item.key for a in plan_awards(demo_event).pending_batches[0].awards]
    clock.advance(minutes=3)
    steps.jump(demo_event, "7")
    done = state_of(demo_event).done_batches
    assert [b.keys for b in done] == [keys]  # the MC list will not call these people again
    steps.back(demo_event)
    assert state_of(demo_event).done_batches == []


def test_after_a_skipped_batch_the_next_ones_are_still_recorded(demo_event, clock):
    _day(demo_event, clock)
    steps.jump(demo_event, "6")
    batches = plan_awards(demo_event).pending_batches
    second_keys = [a.item.key for a in batches[1].awards]
    steps.skip(demo_event)  # batch 1 cannot go up now
    assert view(demo_event).current.id == "khen_thuong/batch:2"
    clock.advance(minutes=3)
    steps.next_(demo_event)
    done = state_of(demo_event).done_batches
    assert [b.keys for b in done] == [second_keys]


def test_next_out_of_a_batch_and_its_record_are_one_journal_write(demo_event, clock, monkeypatch):
    """The agenda's move and the batch's "done" line were two transactions: a laptop killed
    between them left the agenda past the batch and the ceremony still calling it."""
    from console.ceremony import actions

    _day(demo_event, clock)
    steps.jump(demo_event, "6")
    keys = [a.item.key for a in plan_awards(demo_event).pending_batches[0].awards]

    def killed(*_a, **_k):
        raise SystemExit("killed after the agenda line")

    monkeypatch.setattr(actions, "batch_done", killed)
    try:
        steps.next_(demo_event)
    except SystemExit:
        pass
    assert view(demo_event).current.id == "khen_thuong/batch:2"
    assert [b.keys for b in state_of(demo_event).done_batches] == [keys]


def test_back_over_a_batch_and_its_undo_are_one_journal_write(demo_event, clock, monkeypatch):
    from console.ceremony import actions

    _day(demo_event, clock)
    steps.jump(demo_event, "6")
    steps.next_(demo_event)
    assert len(state_of(demo_event).done_batches) == 1

    def killed(*_a, **_k):
        raise SystemExit("killed after the agenda line")

    monkeypatch.setattr(actions, "undo_batch", killed)
    try:
        steps.back(demo_event)
    except SystemExit:
        pass
    assert view(demo_event).current.id == "khen_thuong/batch:1"
    assert state_of(demo_event).done_batches == []


def test_timings_name_each_batch_as_it_was_when_run(demo_event, clock):
    """After a skipped batch the ceremony renumbers what is left; the timings (and the
    minutes built on them) must still name the batch that was skipped and the one given."""
    from console.agenda.report import timings_report

    _day(demo_event, clock)
    steps.jump(demo_event, "6")
    skipped_title = view(demo_event).current.title
    steps.skip(demo_event)
    given_title = view(demo_event).current.title
    clock.advance(minutes=3)
    steps.next_(demo_event)
    rows = {r["position"]: r for r in timings_report(demo_event)}
    assert (rows["6.1"]["status"], rows["6.1"]["title"]) == ("skipped", skipped_title)
    assert (rows["6.2"]["status"], rows["6.2"]["title"]) == ("done", given_title)


def test_an_approved_retiming_shrinks_the_speech_budget(demo_event, clock):
    """The control approves 4. Tham luận 45→N minutes: the speech proposal fits N, not 45."""
    from console.agenda import steps
    from console.agenda.run import run_of
    from console.ceremony.speeches import plan_speeches
    from console.door.checkin import checkin_delegate

    ev = demo_event
    for did in sorted(ev.imported):
        checkin_delegate(ev, did)
    before = plan_speeches(ev).budget
    steps.start(ev)
    clock.advance(minutes=80)  # opened early, then the performance ran 50 minutes over
    steps.approve(ev)
    allot = run_of(ev).allot.get("tham_luan")
    assert allot is not None and allot < before
    plan = plan_speeches(ev)
    assert plan.budget == allot
    assert plan.planned_minutes <= allot
