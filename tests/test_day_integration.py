"""The agenda drives the ceremony: speeches and award batches stepped through from the control.

Moving Next off a speech records it as given with its measured minutes; off an award batch,
records the batch presented (who was called, by whom); Back over it puts it back in the plan.
The record (awards_record, speeches_record, the report's timings) follows.
"""

from console.agenda import steps
from console.agenda.report import timings_report
from console.agenda.run import run_of
from console.ceremony import awards_record, speeches_record
from console.door.checkin import checkin_delegate


def everyone_in(ev):
    for did in sorted(ev.imported):
        checkin_delegate(ev, did)


def goto_segment(ev, clock, key):
    while not (run_of(ev).current or "").startswith(key):
        clock.advance(minutes=1)
        steps.next_(ev)


def test_speeches_and_batches_follow_the_agenda(demo_event, clock):
    ev = demo_event
    everyone_in(ev)
    steps.start(ev)
    goto_segment(ev, clock, "tham_luan")
    first = run_of(ev).current
    assert first.startswith("tham_luan/speech:")
    clock.advance(minutes=9)  # an overrun of the first speech
    steps.next_(ev)
    given = [s for s in speeches_record(ev) if s["status"] == "given"]
    assert len(given) == 1 and given[0]["actual_minutes"] == 9.0

    goto_segment(ev, clock, "khen_thuong")
    assert run_of(ev).current.startswith("khen_thuong/batch:")
    clock.advance(minutes=3)
    steps.next_(ev)
    presented = [a for a in awards_record(ev) if a["status"] in ("presented", "proxy")]
    assert presented and all(a["batch"] == 1 for a in presented)
    assert all(a["presented_at"] for a in presented)

    # an accidental Next over batch 2 is undone with Back: batch 2 is not presented
    clock.advance(minutes=3)
    steps.next_(ev)
    batch2 = [a for a in awards_record(ev) if a["batch"] == 2 and a["status"] in ("presented", "proxy")]
    assert batch2
    steps.back(ev)
    assert not [a for a in awards_record(ev) if a["batch"] == 2 and a["status"] in ("presented", "proxy")]
    assert run_of(ev).current.endswith("batch:2")

    rows = timings_report(ev)
    speech_rows = [r for r in rows if r["kind"] == "substep" and r["position"].startswith("4.")]
    assert speech_rows[0]["status"] == "done" and speech_rows[0]["actual_minutes"] == 9.0
