"""The MC's words: templates with the names filled in from the roster and the roles.

The introduction of delegates (segment 2) is not the agenda's: the event's
sub-step source reads it out (`SubstepSource.read_out`, the ceremony's
introductions of the guests actually checked in, in protocol order).
"""

from __future__ import annotations

import string

from console.ground.text import nfc

# A sub-step its source gave no words for is read as its title (the source owns the MC's words).
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


def substep_line(sub, base: dict) -> str:
    if sub.mc_line:
        return nfc(sub.mc_line)
    return fill(DEFAULT_SUBSTEP, {**base, "title": sub.title})
