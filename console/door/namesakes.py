"""Two people with one name at the desk are told apart by unit and birth year.

Vietnamese lists hold namesakes (two "Lò Văn Đội" in two communes): wherever the
desk shows a person — a search hit, "Vừa đến", the result of a scan — a name
shared by anyone else registered carries the unit and birth year with it.
Matched on the canonical name (tone placement and case aside), never folded:
"Tô Văn An" and "Tổ Văn An" are two names.
"""

from __future__ import annotations

from collections import Counter

from console.ground.text import canonical, fold
from console.people.roster import Delegate

_cache: dict[int, tuple[object, frozenset[int]]] = {}


def namesake_ids(people: dict[int, Delegate], folded: dict[int, str] | None = None) -> frozenset[int]:
    """Ids whose canonical name someone else registered also has (cached per roster object).
    `folded`: each id's `fold(name)`, when the caller has it already (the desk's name index)."""
    hit = _cache.get(id(people))
    if hit is not None and hit[0] is people:
        return hit[1]
    key = folded.get if folded is not None else None
    # Two names one under `canonical` are one under `fold` too: only the few people whose folded
    # name is shared are given the (slow) canonical form — 0.2 s for 5,000 people before, at the
    # first scan after start.
    names = {i: (key(i) if key is not None else None) or fold(d.name) for i, d in people.items()}
    shared = Counter(names.values())
    maybe = [(i, canonical(people[i].name)) for i, f in names.items() if shared[f] > 1]
    counts = Counter(key for _i, key in maybe)
    ids = frozenset(i for i, key in maybe if counts[key] > 1)
    _cache.clear()
    _cache[id(people)] = (people, ids)
    return ids


def apart(d: Delegate) -> str:
    """“unit, 1975”: what tells this person from a namesake."""
    return ", ".join(x for x in (d.unit, str(d.birth_year) if d.birth_year else "") if x)
