"""The MC's words: templates with the names filled in from the roster and the roles.

The introduction of delegates (segment 2) is built from the guests ACTUALLY
checked in (event.day.present), highest office first
(console.people.categories.protocol_rank), so the MC never introduces someone who is
not in the hall.
"""

from __future__ import annotations

import string

from console.people.categories import GUEST, protocol_rank
from console.ground.text import fold, nfc

# Sub-step lines when the ceremony module gives none.
SUBSTEP_TEMPLATES = {
    "tham_luan": "Trân trọng kính mời đồng chí {person} lên trình bày tham luận.",
    "khen_thuong": "Xin mời các tập thể, cá nhân có tên sau lên nhận khen thưởng: {names}. "
                   "Trân trọng kính mời đồng chí {presenter} lên trao thưởng.",
    "huong_ung": "Trân trọng kính mời đồng chí {person} phát biểu hưởng ứng phong trào thi đua.",
}
DEFAULT_SUBSTEP = "Xin mời: {title}."


class _Missing(dict):
    """format_map that leaves an unknown placeholder visible as “…” instead of failing."""

    def __missing__(self, key: str) -> str:
        return "…"


def fill(template: str, values: dict) -> str:
    if not template:
        return ""
    try:
        return nfc(string.Formatter().vformat(template, (), _Missing(values)))
    except (ValueError, IndexError):  # a stray "{" in a hand-edited line: show it as written
        return nfc(template)


def office(position: str, unit: str) -> str:
    """"Phó Chủ tịch LĐLĐ tỉnh" + "LĐLĐ tỉnh Bắc Kạn" → "Phó Chủ tịch LĐLĐ tỉnh Bắc Kạn".

    The position often ends with the first words of the unit; say them once.
    """
    position, unit = nfc(position), nfc(unit)
    if not unit:
        return position
    if not position:
        return unit
    pw, uw = position.split(), unit.split()
    if fold(unit) in fold(position):
        return position
    for n in range(min(len(pw), len(uw)), 0, -1):
        if fold(" ".join(pw[-n:])) == fold(" ".join(uw[:n])):
            return " ".join(pw + uw[n:])
    return f"{position} {unit}"


def guest_label(d) -> str:
    what = office(d.position, d.unit)
    return f"Đồng chí {d.name}, {what}" if what else f"Đồng chí {d.name}"


def present_guests(event) -> list:
    """Guests in the hall now, highest office first, then by name (Vietnamese order)."""
    guests = [d for d in event.present_delegates() if d.category == GUEST]
    return sorted(guests, key=lambda d: (protocol_rank(d.position, d.unit), d.sort_key()))


def introductions(event) -> list[str]:
    lines = [guest_label(d) + ";" for d in present_guests(event)]
    if lines:
        lines[-1] = lines[-1][:-1] + "."
    exemplary = sum(1 for d in event.present_delegates() if d.exemplary)
    if exemplary:
        many = "các " if exemplary > 1 else ""  # "1 đồng chí … là các điển hình" reads wrong aloud
        lines.append(f"Cùng {exemplary} đồng chí đại biểu là {many}điển hình tiên tiến đang có mặt tại hội nghị.")
    return lines


def values(event, roles: dict[str, str]) -> dict:
    s = event.settings
    return {**roles, "unit": s.unit, "name": s.name, "present": len(event.day.present),
            "period": s.period, "venue": s.venue}


def substep_line(segment_key: str, sub, base: dict) -> str:
    if sub.mc_line:
        return nfc(sub.mc_line)
    template = SUBSTEP_TEMPLATES.get(segment_key, DEFAULT_SUBSTEP)
    if segment_key == "khen_thuong" and not sub.names:
        template = "Xin mời: {title}. Trân trọng kính mời đồng chí {presenter} lên trao thưởng."
    return fill(template, {**base, "person": sub.person or sub.title, "title": sub.title,
                           "names": ", ".join(sub.names), "presenter": sub.presenter or base.get("presider", "…")})
