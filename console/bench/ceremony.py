"""Benchmark: how long a rebuild of the proposals takes (each poll that brings a change).

    python -m console.bench.ceremony [delegates] [awards]

Builds a synthetic event in a temporary folder (fictional names), checks in
about 80 %, then times plan_awards / plan_speeches / the agenda's sub-steps.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from datetime import date
from datetime import time as dtime
from pathlib import Path

from console.ceremony.awards import plan_awards
from console.ceremony.speeches import plan_speeches
from console.event import Event, create_event
from console.ground.settings import DEFAULT_AWARD_RANKING
from console.importer.lists import stable_key
from console.people.roster import Delegate


def build(folder: Path, n_delegates: int, n_awards: int, seed: int = 1) -> Event:
    rng = random.Random(seed)
    create_event(folder, unit="LĐLĐ huyện Thử", level="tinh", event_date=date(2020, 4, 15), start=dtime(7, 30),
                 max_delegates=max(300, n_delegates))
    ev = Event(folder, desk="bench")
    people = []
    for i in range(1, n_delegates + 1):
        guest = i <= max(10, n_delegates // 10)
        people.append(Delegate(i, f"Nguyễn Văn Người{i}", "khach_moi" if guest else "ca_nhan", unit=f"Đơn vị {i % 40}",
                               position="Chủ tịch LĐLĐ huyện" if guest else "Công nhân", leader=guest,
                               gender=rng.choice(["nam", "nu"]), ethnicity=rng.choice(["Tày", "Kinh"])))
    ev.roster_store.replace_all(people)
    awards = []
    for k in range(n_awards):
        d = people[len(people) // 10 + k % (len(people) - len(people) // 10)]
        form = DEFAULT_AWARD_RANKING[k % 4]
        awards.append({"key": stable_key("a", d.name, d.unit, form, str(k)), "n": k + 1, "row": k + 2,
                       "recipient": d.name, "unit": d.unit, "form": form, "collective": k % 5 == 0,
                       "delegate_id": d.id, "proxy_id": None, "label": d.name})
    ev.roster_store.replace_table("awards", awards)
    speeches = [{"key": f"s{k}", "n": k + 1, "speaker": people[-k - 1].name, "delegate_id": people[-k - 1].id,
                 "unit": "", "title": f"Bài {k}", "field": ["Sản xuất", "Giáo dục", "Y tế"][k % 3],
                 "minutes": 5 + k % 4, "reserve": k >= 12, "response": False} for k in range(20)]
    ev.roster_store.replace_table("speeches", speeches)
    came = [p.id for p in people if rng.random() < 0.8]
    ev.journal.transact(lambda _e: [("checkin", {"delegate_id": i, "via": "bench", "version": 1}) for i in came])
    ev.refresh()
    return ev


def timed(fn, repeat: int = 20) -> float:
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best * 1000


def main(argv: list[str]) -> None:
    n = int(argv[0]) if argv else 1500
    m = int(argv[1]) if len(argv) > 1 else 500
    with tempfile.TemporaryDirectory() as tmp:
        ev = build(Path(tmp) / "ev", n, m)
        print(f"{n} đại biểu, {m} khen thưởng, 20 tham luận, {len(ev.day.present)} có mặt")
        print(f"plan_awards:   {timed(lambda: plan_awards(ev)):.1f} ms")
        print(f"plan_speeches: {timed(lambda: plan_speeches(ev)):.1f} ms")
        print(f"sub-steps khen_thuong: {timed(lambda: ev.substeps.substeps(ev, 'khen_thuong', 30.0)):.1f} ms")


if __name__ == "__main__":
    main(sys.argv[1:])
