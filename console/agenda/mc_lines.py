"""The MC's words: templates with the names filled in from the roster and the roles.

The introduction of delegates (segment 2) is not the agenda's: the event's
sub-step source reads it out (`SubstepSource.read_out`, the ceremony's
introductions of the guests actually checked in, in protocol order).
"""

from __future__ import annotations

import string

from console.ground.text import nfc

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
