"""One set of numbers for every paper: who was summoned, who came, who is in the hall now.

The workbook, the biên bản and the vote's paragraph all read these, so the
same journal can never give "111 có mặt" on one paper and "110" on another.
Two attendance figures exist and are always named apart:

  đã đến               everyone who checked in at some point today (kept after they leave)
  đang có mặt lúc HH:MM  those in the hall at the time the record stops (the last journal line)

"Triệu tập" is the imported list; people registered at a desk (khách vãng lai)
are counted apart and added in the "tổng số" that the composition is based on.
Pure reads: nothing here writes or looks at the wall clock.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from console.ground.clock import parse_iso
from console.people.quota import Composition, compose
from console.people.roster import Delegate


@dataclass(frozen=True)
class Sexes:
    men: int
    women: int
    unknown: int  # the list did not say; printed so that nam + nữ (+ chưa rõ) = the total

    @property
    def total(self) -> int:
        return self.men + self.women + self.unknown

    def text(self) -> str:
        out = f"nam {self.men}, nữ {self.women}"
        return out + (f", chưa rõ giới tính {self.unknown}" if self.unknown else "")


def sexes(people) -> Sexes:
    men = women = unknown = 0
    for d in people:
        if d.gender == "nam":
            men += 1
        elif d.gender == "nu":
            women += 1
        else:
            unknown += 1
    return Sexes(men, women, unknown)


@dataclass
class Figures:
    as_of: datetime
    summoned: list[Delegate]  # the imported list (triệu tập)
    walk_ins: list[Delegate]  # registered at a desk
    arrived: list[Delegate]  # đã đến: checked in at some point
    present: list[Delegate]  # đang có mặt at `as_of`
    left: list[Delegate]  # came, then left the hall
    absent: list[Delegate]  # summoned and never came
    reasons: dict[int, str] = field(default_factory=dict)  # absentee id -> reason, where known
    quota: object = None

    @property
    def total(self) -> int:
        """Tổng số: the list plus the walk-ins; the base of the 'Danh sách' composition."""
        return len(self.summoned) + len(self.walk_ins)

    @property
    def summoned_composition(self) -> Composition:
        return compose(self.summoned, self.quota)

    @property
    def registered_composition(self) -> Composition:
        return compose([*self.summoned, *self.walk_ins], self.quota)

    @property
    def arrived_composition(self) -> Composition:
        return compose(self.arrived, self.quota)

    @property
    def present_composition(self) -> Composition:
        return compose(self.present, self.quota)

    @property
    def at_text(self) -> str:
        return f"{self.as_of:%H:%M}"

    def summoned_sentence(self) -> str:
        c = self.summoned_composition
        extra = sum(1 for d in self.summoned if d.supplementary)
        out = (f"Tổng số đại biểu triệu tập: {c.total} (đại biểu điển hình {c.exemplary}, khách mời {c.guests}"
               + (f"; trong đó bổ sung tại bàn đón tiếp theo quyết định: {extra}" if extra else "") + ")")
        if self.walk_ins:
            out += (f"; đăng ký thêm tại bàn đón tiếp: {len(self.walk_ins)} (khách vãng lai); "
                    f"tổng số: {self.total}")
        return out + "."

    def arrived_sentence(self) -> str:
        a = self.arrived_composition
        return (f"Đã đến (đã điểm danh): {a.total} đại biểu ({sexes(self.arrived).text()}; điển hình {a.exemplary}, "
                f"khách mời {a.guests}); đang có mặt lúc {self.at_text}: {len(self.present)}"
                + (f"; đã ra về: {len(self.left)}" if self.left else "") + f"; vắng: {len(self.absent)}.")


def _absence_reasons(event, everyone: dict[int, Delegate]) -> dict[int, str]:
    """Why someone did not come, where the day says it: a roster note, an undone check-in."""
    out: dict[int, str] = {}
    for i, d in everyone.items():
        note = (d.notes or "").strip()
        if note and any(w in note.lower() for w in ("vắng", "ốm", "công tác", "bận", "nghỉ", "lý do")):
            out[i] = note
    return out


def figures(event, as_of: datetime | None = None) -> Figures:
    if as_of is None:
        entries = event.journal.entries
        as_of = parse_iso(entries[-1].at) if entries else event.settings.start_at
    day = event.day
    everyone = event.delegates()
    ordered = sorted(everyone.values(), key=lambda d: d.sort_key())
    # A supplementary delegate (added by decision at the desk) is summoned, not a walk-in guest.
    walk_ins = [d for d in ordered if d.walk_in_guest]  # (a walk-in a later list put on it is summoned)
    summoned = [d for d in ordered if d not in walk_ins]
    arrived = [d for d in ordered if d.id in day.first_checkin]
    present = [d for d in ordered if d.id in day.present]
    left = [d for d in arrived if d.id not in day.present]
    absent = [d for d in summoned if d.id not in day.first_checkin]
    reasons = _absence_reasons(event, {d.id: d for d in absent})
    return Figures(as_of, summoned, walk_ins, arrived, present, left, absent, reasons, event.settings.quota)
