"""The event of a simulated day (for `hoinghi bench`'s worst UI-thread call): 1,000 fictional
delegates with unique names, an award list and speeches, half of the hall already checked in.

The day itself is driven through the real app, headless (screens/bench.py: `day_figures`)."""

from __future__ import annotations

import random
from pathlib import Path

from console.bench.fixtures import make_big_event
from console.event import Event
from console.ground.settings import DEFAULT_AWARD_RANKING
from console.importer.lists import stable_key

DAY_SIZE = 1000  # a provincial congress (issue 18's "simulated day at 1,000")


def make_day_event(folder: Path, n: int = DAY_SIZE, awards: int = 200, speeches: int = 16,
                   present: float = 0.5, seed: int = 7) -> Event:
    rng = random.Random(seed)
    ev = make_big_event(Path(folder), n, unique=True)
    people = [ev.delegates()[i] for i in sorted(ev.delegates())]
    honoured = [d for d in people if d.category != "khach_moi"]
    table = []
    for k in range(min(awards, len(honoured))):
        d = honoured[k]
        form = DEFAULT_AWARD_RANKING[k % len(DEFAULT_AWARD_RANKING)]
        table.append({"key": stable_key("a", d.name, d.unit, form, str(k)), "n": k + 1, "row": k + 2,
                      "recipient": d.name, "unit": d.unit, "form": form, "collective": d.category == "tap_the",
                      "delegate_id": d.id, "proxy_id": None, "label": d.name})
    ev.roster_store.replace_table("awards", table)
    talks = [{"key": f"s{k}", "n": k + 1, "speaker": d.name, "delegate_id": d.id, "unit": d.unit,
              "title": f"Bài tham luận {k + 1}", "field": ["Sản xuất", "Giáo dục", "Y tế"][k % 3],
              "minutes": 5 + k % 4, "reserve": k >= speeches - 4, "response": False}
             for k, d in enumerate(honoured[-speeches:])]
    ev.roster_store.replace_table("speeches", talks)
    came = [d.id for d in people if rng.random() < present]
    ev.journal.transact(lambda _e: [("checkin", {"delegate_id": i, "via": "bench", "version": 1}) for i in came])
    ev.refresh()
    return ev
