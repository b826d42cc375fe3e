"""Merging a manual order into a rule order that keeps changing."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")


def apply_manual_order(items: Sequence[T], manual: list[str], key: Callable[[T], str]) -> list[T]:
    """Items the manual order names keep the rule's slots but take the manual sequence among them.

    Someone arriving late slots in where the rule puts them; everyone the
    secretary moved by hand stays in the sequence they chose.
    """
    rank = {k: i for i, k in enumerate(manual)}
    named = [it for it in items if key(it) in rank]
    if not named:
        return list(items)
    named.sort(key=lambda it: rank[key(it)])
    it_named = iter(named)
    return [next(it_named) if key(it) in rank else it for it in items]


def moved(keys: list[str], key: str, delta: int) -> list[str]:
    """The key list with one key moved `delta` places (clamped)."""
    if key not in keys:
        return list(keys)
    out = list(keys)
    i = out.index(key)
    j = max(0, min(len(out) - 1, i + delta))
    out.insert(j, out.pop(i))
    return out
