"""Large fictional events for benchmarks and stress tests."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

from console.event import Event, create_event
from console.people.roster import Delegate

SECTION_CATEGORY = {"I": "khach_moi", "II": "tap_the", "III": "ca_nhan"}


def make_delegates(n: int, seed: int = 42) -> list[Delegate]:
    """`n` fictional delegates from the demo generator (data/make_demo.py), ids 1…n."""
    from data.make_demo import make_people

    return [Delegate(id=i, name=p["name"], unit=p["unit"], position=p["position"],
                     gender="nu" if p["woman"] else "nam", birth_year=p["year"], ethnicity=p["ethnicity"],
                     title=p["title"], direct_production=p["direct"], category=SECTION_CATEGORY[p["section"]])
            for i, p in enumerate(make_people(n, seed=seed), start=1)]


def make_big_event(folder: Path, n: int, seed: int = 42, desk: str = "bench", unique: bool = False) -> Event:
    """An event folder with `n` fictional delegates written straight to the roster.

    `unique`: from the scaling generator (console/bench/people.py: 20,000 and more, no
    two names alike) instead of the demo's (about 8,600 distinct names)."""
    create_event(Path(folder), unit="LĐLĐ huyện Nà Lương (thử tải)", level="huyen-nganh",
                 event_date=date(2020, 4, 15), start=time(7, 30), max_delegates=max(n, 150))
    ev = Event(Path(folder), desk=desk)
    if unique:
        from console.bench.people import make_delegates as make_unique

        people = make_unique(n, seed)
    else:
        people = make_delegates(n, seed)
    ev.roster_store.replace_all(people)
    ev.refresh()
    return ev
