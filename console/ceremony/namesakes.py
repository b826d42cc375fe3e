"""Two people with one name: wherever the stage names one of them, the unit goes with it.

"Lưu Thị Êm (đồng chí Nguyễn Thị Hương nhận thay), Nguyễn Thị Hương" named two different women with
nothing to tell them apart. A name shared on the roster (the printed papers outlive who is in
the hall at the moment) is said with the unit, or the birth year when the unit is shared too.
"""

from __future__ import annotations

from console.ground.text import canonical
from console.people.roster import Delegate

_cache: list = [None, None]  # [the people dict last indexed, its index]


def index(everyone: dict[int, Delegate]) -> dict[str, list[Delegate]]:
    """Names shared by two or more. Kept for the people dict it was made from (the event hands
    out one until the roster is reloaded or a walk-in comes): each award plan asked again, and a
    step at the control made three plans — 70 ms each at 1,000 delegates. (Do not modify.)"""
    if _cache[0] is everyone:
        return _cache[1]
    out: dict[str, list[Delegate]] = {}
    for d in everyone.values():
        out.setdefault(canonical(d.name), []).append(d)
    shared = {k: v for k, v in out.items() if len(v) > 1}
    _cache[0], _cache[1] = everyone, shared
    return shared


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
