"""Import of an official-form xlsx of N delegates, end to end (read, parse, match, write)."""

from __future__ import annotations

import tempfile
import time
from datetime import date
from datetime import time as dtime
from pathlib import Path


def big_roster_xlsx(path: Path, n: int, seed: int = 5000) -> Path:
    from data.make_demo import build_roster, make_people

    build_roster(path, make_people(n, seed=seed))
    return path


def bench_import(n: int = 5000, repeat: int = 1) -> dict:
    from console.event import Event, create_event
    from console.importer import import_file

    with tempfile.TemporaryDirectory() as tmp:
        src = big_roster_xlsx(Path(tmp) / "ds.xlsx", n)
        times = []
        for i in range(repeat):
            folder = Path(tmp) / f"ev{i}"
            create_event(folder, unit="Bench", level="tinh", event_date=date(2020, 5, 1), start=dtime(7, 30),
                         max_delegates=n)
            event = Event(folder, desk="bench")
            t0 = time.perf_counter()
            report = import_file(event, src)
            times.append((time.perf_counter() - t0) * 1000)
            assert report.rows == n
    return {"rows": n, "import_ms": min(times), "import_ms_all": times}


if __name__ == "__main__":
    print(bench_import(5000, repeat=2))
