"""The 70 % exemplary / 30 % guest rule: pure functions over delegates.

All shares are exact `Fraction`s, so 70 of 100 is exactly 70 % and passes;
display rounds down to one decimal so a failing 69.96 % never shows as 70,0 %.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction

from console.ground.schema import as_fraction  # noqa: F401  (re-exported: shares are read where settings are)
from console.people.roster import Delegate

DEFAULT_QUOTA = Fraction(7, 10)


@dataclass(frozen=True)
class Composition:
    total: int
    exemplary: int
    guests: int
    collectives: int
    individuals: int
    women: int
    minorities: int
    direct_production: int
    non_leadership: int
    quota: Fraction = DEFAULT_QUOTA

    @property
    def exemplary_share(self) -> Fraction | None:
        return Fraction(self.exemplary, self.total) if self.total else None

    @property
    def guest_share(self) -> Fraction | None:
        return Fraction(self.guests, self.total) if self.total else None

    @property
    def ok(self) -> bool:
        """Exactly at the quota passes. An empty hall breaks no rule."""
        return self.exemplary >= self.quota * self.total

    @property
    def guest_headroom(self) -> int:
        """How many more guests may arrive before the exemplary share drops below quota."""
        if self.quota == 0:
            return 10**9
        room = Fraction(self.exemplary) / self.quota - self.total
        return max(0, math.floor(room))

    @property
    def exemplary_missing(self) -> int:
        """How many more exemplary delegates are needed to reach the quota."""
        if self.ok:
            return 0
        if self.quota >= 1:
            return 10**9
        need = (self.quota * self.total - self.exemplary) / (1 - self.quota)
        return math.ceil(need)


def compose(delegates: Iterable[Delegate], quota: Fraction = DEFAULT_QUOTA) -> Composition:
    total = exemplary = guests = coll = indiv = women = minorities = direct = nonlead = 0
    for d in delegates:
        total += 1
        if d.exemplary:
            exemplary += 1
            if d.category == "tap_the":
                coll += 1
            else:
                indiv += 1
        else:
            guests += 1
        women += d.woman
        minorities += d.minority
        direct += d.direct_production
        nonlead += not d.leader
    return Composition(total, exemplary, guests, coll, indiv, women, minorities, direct, nonlead, quota)


def format_share(share: Fraction | None) -> str:
    """One decimal, rounded down, Vietnamese decimal comma: "70,0 %"; "—" when empty."""
    if share is None:
        return "—"
    tenths = math.floor(share * 1000)
    return f"{tenths // 10},{tenths % 10} %"


def share_float(share: Fraction | None) -> float | None:
    """For JSON: percent with one decimal, rounded down like the display."""
    if share is None:
        return None
    return math.floor(share * 1000) / 10


def verdict(comp: Composition) -> str:
    """One Vietnamese sentence on the composition and what it can still absorb."""
    if comp.total == 0:
        return "Chưa có đại biểu."
    pct = format_share(comp.exemplary_share)
    need = format_share(comp.quota)
    if comp.ok:
        return (f"Đạt cơ cấu: đại biểu điển hình {pct} (tối thiểu {need}). "
                f"Còn có thể đón thêm {comp.guest_headroom} khách mời mà vẫn đạt.")
    return (f"CHƯA ĐẠT cơ cấu: đại biểu điển hình {pct} (tối thiểu {need}). "
            f"Cần thêm {comp.exemplary_missing} đại biểu điển hình.")
