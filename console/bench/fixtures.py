"""Large fictional events for benchmarks and stress tests."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

from ..event import Event, create_event
from ..roster import Delegate

SECTION_CATEGORY = {"I": "khach_moi", "II": "tap_the", "III": "ca_nhan"}


def make_big_event(folder: Path, n: int, seed: int = 42, desk: str = "bench") -> Event:
    """An event folder with `n` fictional delegates written straight to the roster."""
    from data.make_demo import make_people

    create_event(Path(folder), unit="LĐLĐ tỉnh (thử tải)", level="tinh", event_date=date(2020, 5, 1),
                 start=time(7, 30), max_delegates=max(n, 1))
    ev = Event(Path(folder), desk=desk)
    people = make_people(n, seed=seed)
    ev.roster_store.replace_all([
        Delegate(id=i + 1, name=p["name"], unit=p["unit"], position=p["position"],
                 gender="nu" if p["woman"] else "nam", birth_year=p["year"], ethnicity=p["ethnicity"],
                 title=p["title"], direct_production=p["direct"], category=SECTION_CATEGORY[p["section"]])
        for i, p in enumerate(people)])
    ev.refresh()
    return ev
