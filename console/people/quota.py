"""The 70 % exemplary / 30 % guest rule: pure functions over delegates.

All shares are exact `Fraction`s, so 70 of 100 is exactly 70 % and passes;
display rounds to the nearest tenth, except that a share is never shown on the other side
of a threshold it is judged against: a failing 69.96 % never shows as 70,0 %.
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


@dataclass
class Tally:
    """The counts of a `Composition`, kept by adding and removing one delegate at a time.

    The desk keeps the hall's composition in one of these, so a scan costs the same
    at 20,000 delegates as at 150; `compose` is the same counting over a whole list.
    """
    total: int = 0
    exemplary: int = 0
    guests: int = 0
    collectives: int = 0
    individuals: int = 0
    women: int = 0
    minorities: int = 0
    direct_production: int = 0
    non_leadership: int = 0

    def add(self, d: Delegate, sign: int = 1) -> None:
        self.total += sign
        if d.exemplary:
            self.exemplary += sign
            if d.category == "tap_the":
                self.collectives += sign
            else:
                self.individuals += sign
        else:
            self.guests += sign
        if d.woman:
            self.women += sign
        if d.minority:
            self.minorities += sign
        if d.direct_production:
            self.direct_production += sign
        if not d.leader:
            self.non_leadership += sign

    def remove(self, d: Delegate) -> None:
        self.add(d, -1)

    def composition(self, quota: Fraction = DEFAULT_QUOTA) -> Composition:
        return Composition(self.total, self.exemplary, self.guests, self.collectives, self.individuals,
                           self.women, self.minorities, self.direct_production, self.non_leadership, quota)


def compose(delegates: Iterable[Delegate], quota: Fraction = DEFAULT_QUOTA) -> Composition:
    tally = Tally()
    for d in delegates:
        tally.add(d)
    return tally.composition(quota)


# Thresholds a printed share must never appear to cross: the 70/30 rule and the
# common vote fractions. A caller adds its own (the event's quota) with `around`.
COMMON_THRESHOLDS = (Fraction(7, 10), Fraction(3, 10), Fraction(1, 2), Fraction(2, 3))
ROUNDING_NOTE = ("Tỉ lệ làm tròn đến một chữ số thập phân; riêng tỉ lệ sát ngưỡng (70 %, 30 %, 1/2, 2/3) "
                 "được làm tròn về phía của nó, nên 69,96 % ghi là 69,9 %, không thành 70,0 %.")


def share_tenths(share: Fraction, around: Iterable[Fraction] = ()) -> int:
    """The share in tenths of a percent, to the nearest, but never across a threshold.

    69,96 % is 699 (not 700: it fails a 70 % rule and must not look as if it passed);
    30,04 % is 301 (it breaks "at most 30 %"); 80,46 % is 805.
    """
    exact = share * 1000
    shown = math.floor(exact + Fraction(1, 2))
    for t in (*COMMON_THRESHOLDS, *around):
        edge = t * 1000
        if exact < edge <= shown:
            shown = math.floor(exact)
        elif shown <= edge < exact:
            shown = math.ceil(exact)
    return shown


def format_share(share: Fraction | None, *around: Fraction) -> str:
    """One decimal, Vietnamese decimal comma: "70,0 %"; "—" when empty (see `share_tenths`)."""
    if share is None:
        return "—"
    tenths = share_tenths(share, around)
    return f"{tenths // 10},{tenths % 10} %"


def share_float(share: Fraction | None, *around: Fraction) -> float | None:
    """For JSON: percent with one decimal, rounded like the display."""
    if share is None:
        return None
    return share_tenths(share, around) / 10


def verdict(comp: Composition) -> str:
    """One Vietnamese sentence on the composition and what it can still absorb."""
    if comp.total == 0:
        return "Chưa có đại biểu."
    pct = format_share(comp.exemplary_share, comp.quota, 1 - comp.quota)
    need = format_share(comp.quota)
    if comp.ok:
        return (f"Đạt cơ cấu: đại biểu điển hình {pct} (tối thiểu {need}). "
                f"Còn có thể đón thêm {comp.guest_headroom} khách mời mà vẫn đạt.")
    return (f"CHƯA ĐẠT cơ cấu: đại biểu điển hình {pct} (tối thiểu {need}). "
            f"Cần thêm {comp.exemplary_missing} đại biểu điển hình.")
