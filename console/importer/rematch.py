"""A re-imported list finds the people it had before: its own id back for each.

Ids are never reused, and a badge carries its id. So a person an earlier import
dropped (the list sent without them, then the full list again) and a person first
registered at a desk (a walk-in, then on the official list) keep the id their badge
already carries — else it scans as "not on the list". Matched by the same canonical
name, birth year and unit; for a walk-in (whose form may not have had the birth
year), by canonical name and unit. Only one candidate on each side, or no match.
"""

from __future__ import annotations

from collections import Counter

from console.ground.text import canonical, fold
from console.people.roster import Delegate


def _walk_key(d: Delegate) -> tuple:
    return (canonical(d.name), fold(d.unit))


def rematch(rows: list[Delegate], unpaired: list[int], removed: dict[int, Delegate],
            walk_ins: dict[int, Delegate], taken: set[int]) -> dict[int, tuple[Delegate, str]]:
    """Row index → (the earlier record, why) for the rows no current delegate matched."""
    found: dict[int, tuple[Delegate, str]] = {}
    used = set(taken)
    by_identity: dict[tuple, list[Delegate]] = {}
    for d in removed.values():
        if d.id not in used:
            by_identity.setdefault(d.identity, []).append(d)
    wanted = Counter(rows[i].identity for i in unpaired)
    for i in unpaired:
        olds = [o for o in by_identity.get(rows[i].identity, []) if o.id not in used]
        if len(olds) == 1 and wanted[rows[i].identity] == 1:
            found[i] = (olds[0], "có trong danh sách nhập trước, đã bị bỏ ra")
            used.add(olds[0].id)
    by_walk: dict[tuple, list[Delegate]] = {}
    for d in walk_ins.values():
        if d.id not in used:
            by_walk.setdefault(_walk_key(d), []).append(d)
    rest = [i for i in unpaired if i not in found]
    wanted_walk = Counter(_walk_key(rows[i]) for i in rest)
    for i in rest:
        olds = by_walk.get(_walk_key(rows[i]), [])
        if len(olds) == 1 and wanted_walk[_walk_key(rows[i])] == 1 and olds[0].id not in used:
            found[i] = (olds[0], "đã đăng ký tại bàn đón tiếp")
            used.add(olds[0].id)
    return found
