"""Two people with one name at the desk are told apart by unit and birth year.

Vietnamese lists hold namesakes (two "Lò Văn Đội" in two communes): wherever the
desk shows a person — a search hit, "Vừa đến", the result of a scan — a name
shared by anyone else registered carries the unit and birth year with it.
Matched on the canonical name (tone placement and case aside), never folded:
"Tô Văn An" and "Tổ Văn An" are two names.
"""

from __future__ import annotations

from collections import Counter

from console.ground.text import canonical
from console.people.roster import Delegate

_cache: dict[int, tuple[object, frozenset[int]]] = {}


def namesake_ids(people: dict[int, Delegate]) -> frozenset[int]:
    """Ids whose canonical name someone else registered also has (cached per roster object)."""
    hit = _cache.get(id(people))
    if hit is not None and hit[0] is people:
        return hit[1]
    counts = Counter(canonical(d.name) for d in people.values())
    ids = frozenset(i for i, d in people.items() if counts[canonical(d.name)] > 1)
    _cache.clear()
    _cache[id(people)] = (people, ids)
    return ids


def apart(d: Delegate) -> str:
    """“unit, 1975”: what tells this person from a namesake."""
    return ", ".join(x for x in (d.unit, str(d.birth_year) if d.birth_year else "") if x)
