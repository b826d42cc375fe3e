"""A rehearsal the day before (or the demo, run today): drift is minutes late today, not days."""

from datetime import datetime

from console.agenda import steps
from console.agenda.report import day_summary
from console.agenda.timing import minutes_text, view
from console.event import Event
from console.ground.clock import VN_TZ, FakeClock


def test_opening_on_another_day_anchors_the_plan_on_that_day(demo_dir):
    clock = FakeClock(datetime(2020, 4, 14, 7, 32, tzinfo=VN_TZ))  # the event is on 15/04; this is the rehearsal
    ev = Event(demo_dir, desk="control", clock=clock)
    steps.start(ev)
    clock.advance(minutes=5)
    v = view(ev)
    assert v.projected_end.date() == clock.now().date()
    assert abs(v.drift_minutes) < 10  # a couple of minutes late, not −1,440
    assert day_summary(ev)["planned_end"].startswith("2020-04-14T")


def test_on_the_day_the_plan_is_the_event_date(demo_dir):
    clock = FakeClock(datetime(2020, 4, 15, 7, 40, tzinfo=VN_TZ))
    ev = Event(demo_dir, desk="control", clock=clock)
    steps.start(ev)
    assert day_summary(ev)["planned_end"].startswith("2020-04-15T")
    assert round(view(ev).drift_minutes) == 10  # opened ten minutes late


def test_minutes_text():
    assert [minutes_text(m) for m in (12, 12.857142, 4.0, 0.25, 45.0)] == ["12", "12,9", "4", "0,2", "45"]
