"""Introducing the guests (giới thiệu đại biểu) the way a script reads it.

Who: the guests checked in now. Order: the organiser's "Thứ tự giới thiệu" column
first (lowest number first), then protocol rank (console.people.protocol); moves made
on the control (journal `ceremony_order` {"list": "guests", "keys": [ids]}) are applied
on top, like the other ceremony lists. Groups: consecutive guests of one side open
with "Về phía …"; the introduction closes with "đề nghị hội nghị nhiệt liệt hoan nghênh".
A guest who checks in after the introduction began is introduced at the next item
("giới thiệu bổ sung").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from console.ground.text import fold, nfc
from console.people.categories import GUEST
from console.people.protocol import Standing, office_text, standing
from console.people.roster import Delegate

GUESTS_LIST = "guests"
WELCOME = "Đề nghị hội nghị nhiệt liệt hoan nghênh!"


@dataclass(frozen=True)
class Introduced:
    delegate: Delegate
    standing: Standing
    override: int | None  # the list's "Thứ tự giới thiệu", if given

    @property
    def group(self) -> str:
        return self.standing.group

    @property
    def label(self) -> str:
        return guest_label(self.delegate)


@lru_cache(maxsize=16384)  # pure in its two strings; asked for every guest at every rebuild of the agenda
def office(position: str, unit: str) -> str:
    """Position and unit said once: "Phó Chủ tịch LĐLĐ tỉnh" + "LĐLĐ tỉnh Bắc Kạn" →
    "Phó Chủ tịch LĐLĐ tỉnh Bắc Kạn"; the unit's name replaces the body the position ends with."""
    position, unit = nfc(position), nfc(unit)
    if not unit:
        return position
    if not position:
        return unit
    same = office_text(position, unit)
    if same:
        return same
    if fold(unit) in fold(position):
        return position
    pw, uw = position.split(), unit.split()
    for n in range(min(len(pw), len(uw)), 0, -1):
        if fold(" ".join(pw[-n:])) == fold(" ".join(uw[:n])):
            return " ".join(pw + uw[n:])
    return f"{position} {unit}"


def guest_label(d: Delegate) -> str:
    what = office(d.position, d.unit)
    return f"Đồng chí {d.name}, {what}" if what else f"Đồng chí {d.name}"


def override_of(d: Delegate) -> int | None:
    value = (d.extra or {}).get("intro_order")
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def rule_order(guests: list[Delegate]) -> list[Introduced]:
    items = [Introduced(d, standing(d.position, d.unit), override_of(d)) for d in guests]
    items.sort(key=lambda it: ((0, it.override) if it.override is not None else (1, 0),
                               it.standing.key, it.delegate.sort_key()))
    return items


def present_guests(event, present: set[int] | None = None) -> list[Introduced]:
    """Guests in the hall, in the order they are introduced (organiser's moves applied)."""
    from console.ceremony.order import apply_manual_order
    from console.ceremony.state import state_of

    everyone = event.delegates()
    ids = set(event.day.present) if present is None else present
    guests = [everyone[i] for i in ids if i in everyone and everyone[i].category == GUEST]
    manual = state_of(event).order.get(GUESTS_LIST, [])
    return apply_manual_order(rule_order(guests), manual, key=lambda it: str(it.delegate.id))


def lines_for(items: list[Introduced]) -> list[str]:
    """Script lines: a "Về phía …" line opening each run of one side, one line a guest."""
    out: list[str] = []
    group = None
    for it in items:
        if it.group != group:
            group = it.group
            out.append(f"{group}:")
        out.append(f"{it.label};")
    if out:
        out[-1] = out[-1][:-1] + "."
    return out


def introductions(event) -> list[str]:
    lines = lines_for(present_guests(event))
    exemplary = sum(1 for d in event.present_delegates() if d.exemplary)
    if exemplary:
        many = "các " if exemplary > 1 else ""  # "1 đồng chí … là các điển hình" reads wrong aloud
        lines.append(f"Cùng {exemplary} đồng chí đại biểu là {many}điển hình tiên tiến đang có mặt tại hội nghị.")
    if lines:
        lines.append(WELCOME)
    return lines


def unranked(event, present: set[int] | None = None) -> list[str]:
    """A sentence for each guest whose office the protocol model cannot place (introduced last)."""
    out = []
    for it in present_guests(event, present):
        if not it.standing.known and it.override is None:
            d = it.delegate
            out.append(f"Chưa xếp được thứ tự giới thiệu cho {d.name} ({d.code}; chức vụ “{d.position or '—'}”, "
                       f"đơn vị “{d.unit or '—'}”): tạm đặt sau các đại biểu đã xếp. Ghi cột “Thứ tự giới thiệu” "
                       f"trong danh sách đại biểu, hoặc chuyển bằng `hoinghi order-move guests {d.code} up`.")
    return out


def late_guests(event, since: str, until: str | None = None) -> list[Introduced]:
    """Guests whose check-in lies after `since` (and up to `until`), in introduction order."""
    visits = event.day.present
    return [it for it in present_guests(event)
            if since < visits[it.delegate.id].at and (until is None or visits[it.delegate.id].at <= until)]


def supplementary_line(items: list[Introduced]) -> str:
    """The MC's "giới thiệu bổ sung" for guests who came after the introduction."""
    if not items:
        return ""
    who = [it.label.removeprefix("Đồng chí ") for it in items]
    names = f"đồng chí {who[0]}" if len(who) == 1 else "các đồng chí: " + "; ".join(who)
    return f"Giới thiệu bổ sung: về dự hội nghị còn có {names}. {WELCOME}"


def order_text(event) -> str:
    """The introduction as the MC will read it, and the guests the model could not place."""
    items = present_guests(event)
    out = [f"Giới thiệu đại biểu — {len(items)} khách mời đang có mặt, theo thứ tự nghi thức"
           " (cột “Thứ tự giới thiệu” và các lần chuyển chỗ được áp dụng trước):"]
    group = None
    for n, it in enumerate(items, 1):
        if it.group != group:
            group = it.group
            out.append(f"\n{group}:")
        mark = f" [thứ tự {it.override}]" if it.override is not None else ""
        out.append(f"  {n:>2}. {it.delegate.code} {it.label}{mark}")
    warn = unranked(event)
    if warn:
        out.append("\nCần xem lại:")
        out += [f"  - {w}" for w in warn]
    return "\n".join(out)


def supplementary_for(event, state, item_id: str) -> str:
    """The "giới thiệu bổ sung" to read as item `item_id` opens: the guests who checked in after
    the introduction began and before this item started, not yet introduced at an earlier item.

    `state` is the agenda's RunState (records with start times); "" when there is nobody."""
    from console.ground.clock import iso

    opening = state.records.get("khai_mac")
    here = state.records.get(item_id)
    if item_id == "khai_mac" or opening is None or opening.start is None or here is None or here.start is None:
        return ""
    earlier = [r.start for k, r in state.records.items() if k != item_id and r.start is not None
               and opening.start <= r.start < here.start]
    since = max(earlier, default=opening.start)
    return supplementary_line(late_guests(event, iso(since), iso(here.start)))
