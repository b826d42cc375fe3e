"""The quorum and majority rule, pure: exact fractions, "more than" or "at least".

Here, below the agenda and the record, so the MC's attendance report (agenda)
and the vote (record/vote.py) judge the hall by the same rule.
"""

from __future__ import annotations

from fractions import Fraction


def reaches(count: int, share: Fraction, base: int, at_least: bool) -> bool:
    return Fraction(count) >= share * base if at_least else Fraction(count) > share * base


def quorum_met(present: int, registered: int, quorum: Fraction, at_least: bool = False) -> bool:
    """Valid when more than (or, by the unit's rule, at least) `quorum` of the registered are present."""
    return registered > 0 and reaches(present, quorum, registered, at_least)


def needed(share: Fraction, base: int, at_least: bool) -> int:
    """The fewest that reach `share` of `base`: 2/3 of 140 at least → 94; 1/2 of 100 more than → 51."""
    n = share * base
    whole = n.numerator // n.denominator
    if at_least:
        return whole if whole == n else whole + 1
    return whole + 1
