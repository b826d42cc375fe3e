"""Two people with one name: wherever the stage names one of them, the unit goes with it.

"Lưu Thị Êm (đồng chí Nguyễn Thị Hương nhận thay), Nguyễn Thị Hương" named two different women with
nothing to tell them apart. A name shared on the roster (the printed papers outlive who is in
the hall at the moment) is said with the unit, or the birth year when the unit is shared too.
"""

from __future__ import annotations

from console.ground.text import canonical
from console.people.roster import Delegate


def index(everyone: dict[int, Delegate]) -> dict[str, list[Delegate]]:
    out: dict[str, list[Delegate]] = {}
    for d in everyone.values():
        out.setdefault(canonical(d.name), []).append(d)
    return {k: v for k, v in out.items() if len(v) > 1}


def tell_apart(d: Delegate | None, name: str, shared: dict[str, list[Delegate]]) -> str:
    """`name` as the stage says it: with "(unit)" when someone else on the roster has it too."""
    others = [o for o in shared.get(canonical(name), []) if d is None or o.id != d.id]
    if not others or d is None:
        return name
    if d.unit and all(canonical(o.unit) != canonical(d.unit) for o in others) and canonical(d.unit) not in canonical(name):
        return f"{name} ({d.unit})"
    if d.birth_year and all(o.birth_year != d.birth_year for o in others):
        return f"{name} (sinh năm {d.birth_year})"
    return f"{name} (mã {d.code})"
