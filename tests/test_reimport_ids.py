"""A re-import gives back the id (and so the printed badge) of people an earlier import
dropped and of walk-ins the official list now names, and says who was matched."""

from __future__ import annotations

import json
import random
from datetime import date, time

import pytest

from console.door.checkin import ALREADY, CHECKED_IN, register_walk_in, scan
from console.door.tokens import make_token
from console.event import Event, create_event
from console.importer import import_file
from console.record.figures import figures

from .conftest import run_cli

SURNAMES = ["Nguyễn", "Trần", "Lò", "Tô", "Tổ", "Bàn", "Ban", "Trương", "Đới", "Vi", "Hà", "Lục"]
GIVEN = ["Văn An", "Thị Hoa", "Văn Đội", "Thị Ban", "Văn Trường", "Thị Mai", "Văn Páo", "Thị Dung"]
UNITS = ["UBND xã Nà Mò", "Trường THCS Bản Lằn", "HTX Nông nghiệp Cốc Đán", "Trạm Y tế xã Bằng Thành"]
HEADER = "STT,Họ và tên,Năm sinh,Đơn vị,Thành phần"


@pytest.fixture
def folder(tmp_path):
    create_event(tmp_path / "ev", unit="LĐLĐ huyện Nà Lương", level="co-so",
                 event_date=date(2020, 3, 10), start=time(7, 30))
    return tmp_path / "ev"


def people(n: int, seed: int = 7) -> list[tuple[str, int, str, str]]:
    rnd = random.Random(seed)
    out, seen = [], set()
    while len(out) < n:
        row = (f"{rnd.choice(SURNAMES)} {rnd.choice(GIVEN)}", rnd.randint(1960, 2000), rnd.choice(UNITS),
               rnd.choice(["Cá nhân", "Khách mời"]))
        if row[:3] not in seen:
            seen.add(row[:3])
            out.append(row)
    # namesakes in two units, as the lists have them
    out += [("Lò Văn Đội", 1975, UNITS[0], "Cá nhân"), ("Lò Văn Đội", 1975, UNITS[1], "Cá nhân")]
    return out


def write(path, rows) -> object:
    lines = [HEADER] + [f"{i},{n},{y},{u},{c}" for i, (n, y, u, c) in enumerate(rows, start=1)]
    lines += [",Tổng cộng: " + str(len(rows)) + " người,,,", ",Người lập biểu,,,"]  # as offices send them
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def ids_by_person(folder) -> dict[tuple, int]:
    return {(d.name, d.birth_year, d.unit): d.id for d in Event(folder, desk="t").imported.values()}


def test_people_dropped_then_re_added_keep_their_ids_and_badges(folder, tmp_path):
    everyone = people(80)
    assert import_file(Event(folder, desk="t"), write(tmp_path / "full.csv", everyone)).rows == 82
    first = ids_by_person(folder)
    dropped = everyone[10:30]
    short = [p for p in everyone if p not in dropped]
    report = import_file(Event(folder, desk="t"), write(tmp_path / "short.csv", short))
    assert len(report.removed) == 20
    proc = run_cli("import", folder, write(tmp_path / "full2.csv", everyone), "--json")
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert ids_by_person(folder) == first
    assert len(out["matched"]) == 20 and all("đã bị bỏ ra" in m for m in out["matched"])
    ev = Event(folder, desk="ban-1")
    for name, year, unit, _c in dropped:
        r = scan(ev, make_token(ev.secret, first[(name, year, unit)]))
        assert r.result == CHECKED_IN, r.message


def test_a_walk_in_the_list_now_names_keeps_the_walk_ins_id(folder, tmp_path):
    everyone = people(10)
    import_file(Event(folder, desk="t"), write(tmp_path / "a.csv", everyone))
    ev = Event(folder, desk="ban-1")
    walk = register_walk_in(ev, name="Hầu A Páo", unit="UBND xã Nà Mò", category="khach_moi", gender="nam").delegate
    report = import_file(Event(folder, desk="t"), write(tmp_path / "b.csv", [*everyone, ("Hầu A Páo", 1980, "UBND xã Nà Mò", "Khách mời")]))
    assert report.matched == [f"Hầu A Páo (mã {walk.code}, đã đăng ký tại bàn đón tiếp)"]
    assert "Giữ mã cũ" in report.summary()
    ev = Event(folder, desk="ban-1")
    assert ev.get(walk.id).birth_year == 1980 and not ev.get(walk.id).walk_in  # the list's record now
    r = scan(ev, make_token(ev.secret, walk.id))
    assert r.result == ALREADY  # the badge printed at the desk still names them
    fig = figures(ev)
    assert walk.id in {d.id for d in fig.summoned} and walk.id not in {d.id for d in fig.walk_ins}
    assert len(ev.delegates()) == 13 and ev.get(walk.id).gender == "nam"  # the form's gender kept


def test_two_namesakes_in_different_units_are_never_swapped(folder, tmp_path):
    everyone = people(10)
    import_file(Event(folder, desk="t"), write(tmp_path / "a.csv", everyone))
    first = ids_by_person(folder)
    without = [p for p in everyone if p[0] != "Lò Văn Đội"]
    import_file(Event(folder, desk="t"), write(tmp_path / "b.csv", without))
    import_file(Event(folder, desk="t"), write(tmp_path / "c.csv", everyone))
    assert ids_by_person(folder) == first
