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


def title_values(settings) -> dict:
    """What a title may name: the periods, the unit, the conference (agenda titles, banners)."""
    period = settings.review_period
    plan = settings.event.plan or f"Kế hoạch của {settings.parent_unit or settings.unit} về việc tổ chức hội nghị"
    return {"period": str(period), "next_period": settings.next_period, "years": f"{period.years:02d}",
            "unit": settings.unit, "name": settings.name, "edition": settings.edition or "…",
            "parent_unit": settings.parent_unit or "…", "plan": plan, "venue": settings.venue}


def attendance(event) -> dict:
    """The live counts the MC reads at "Ổn định tổ chức": guests are not delegates summoned."""
    everyone = event.delegates()
    present = set(event.day.present)
    summoned = [i for i, d in everyone.items() if d.exemplary]
    here = sum(1 for i in summoned if i in present)
    guests = sum(1 for i in present if i in everyone and not everyone[i].exemplary)
    return {"summoned": len(summoned), "present_summoned": here, "absent": len(summoned) - here,
            "guests_present": guests, "quorum_report": quorum_report(event.settings, here, len(summoned))}


def quorum_report(settings, present: int, summoned: int) -> str:
    """What the MC says after the counts: enough to proceed, or not — by [vote]'s quorum rule
    (the charter's at least 2/3 of the delegates summoned, by default)."""
    from console.people.quorum import needed, quorum_met
    from console.people.quota import as_fraction

    rule = settings.vote
    share = as_fraction(rule.quorum)
    at_least = (rule.threshold or rule.quorum_threshold) == "at_least"
    word = "ít nhất" if at_least else "trên"
    if quorum_met(present, summoned, share, at_least):
        return f"Số đại biểu có mặt đạt {word} {rule.quorum} tổng số đại biểu được triệu tập; hội nghị đủ điều kiện tiến hành."
    return (f"Số đại biểu có mặt chưa đạt {word} {rule.quorum} tổng số đại biểu được triệu tập "
            f"(cần {needed(share, summoned, at_least)} đồng chí): đề nghị Ban Tổ chức báo cáo Đoàn Chủ tịch.")


def values(event, roles: dict[str, str]) -> dict:
    out = {**title_values(event.settings), **roles, "present": len(event.day.present), **attendance(event)}
    if "guide" not in out:  # the guidance speech: the most senior guest in the hall, as introduced
        first = next((line for line in event.substeps.read_out(event, "khai_mac") if line.startswith("Đồng chí ")), "")
        out["guide"] = first.removeprefix("Đồng chí ").rstrip(";.") or "…"
    return out


# Where a part's MC line reads a list (one line each on the cue and in the script).
LIST_MARKERS = ("{introductions}", "{programme}", "{proposed}")


def split_at_list(template: str) -> tuple[str, str, str]:
    """"before {introductions} after" → ("before ", "introductions", " after"); no marker: (template, "", "")."""
    for marker in LIST_MARKERS:
        if marker in template:
            before, _, after = template.partition(marker)
            return before, marker.strip("{}"), after
    return template, "", ""


def substep_line(sub, base: dict) -> str:
    if sub.mc_line:
        return nfc(sub.mc_line)
    return fill(DEFAULT_SUBSTEP, {**base, "title": sub.title})
