"""Who presents an award batch: a leader present, from the issuing body or a higher one, by protocol.

Split from awards.py (which re-exports these names): the rules of choice, the [awards] presenters
setting, and what an organiser typed naming a person.
"""

from __future__ import annotations

from console.ceremony.introductions import office
from console.ground.text import canonical, fold
from console.people.categories import GUEST
from console.people.forms import form_known, issuer_of, rank_form
from console.people.protocol import Body, Level, Side, standing
from console.people.roster import Delegate


def presenter_rank(position: str, unit: str = "") -> tuple:
    """Protocol order for presenting awards (smaller first): the guests' order (console.people.protocol)."""
    return standing(position, unit).key


def presenter_pool(event, present: set[int], everyone: dict[int, Delegate]) -> list[Delegate]:
    """Present leaders and guests who hold an office, highest protocol rank first."""
    pool = [d for i in present if (d := everyone.get(i)) is not None
            and (d.category == GUEST or d.leader) and standing(d.position, d.unit).known
            and standing(d.position, d.unit).side != Side.PRESS]
    return sorted(pool, key=lambda d: (presenter_rank(d.position, d.unit), d.sort_key()))


def _configured_presenters(event, form: str, present_people: list[Delegate]) -> list[Delegate]:
    """[awards.presenters] "form" = ["Chủ tịch UBND huyện", "Nguyễn Văn A", "0042"]: first present match."""
    table = event.settings.awards.presenters
    ranking = event.settings.award_ranking
    wanted: list[str] = []
    for k, v in table.items():
        if rank_form(k, ranking) == rank_form(form, ranking) and (fold(k) == fold(form) or form_known(form, ranking)):
            wanted += v
    out: list[Delegate] = []
    for w in wanted:
        for d in present_people:
            if matches_person(w, d) and d not in out:
                out.append(d)
    return out


def matches_person(wanted: str, d: Delegate) -> bool:
    """What an organiser typed in event.toml ("0042", "Nguyễn Văn A", "Chủ tịch UBND huyện") names `d`."""
    w = wanted.strip()
    return (w.lstrip("#").isdigit() and int(w.lstrip("#")) == d.id) or canonical(w) == canonical(d.name) \
        or fold(w) == fold(d.position) or (len(fold(w)) > 6 and fold(w) in fold(f"{d.position} {d.unit}"))


def _choose_presenter(event, b, form_order: list[int], pool: list[Delegate], present_people: list[Delegate],
                      manual: dict[str, int], name_of) -> None:
    on_stage = {a.called_id for a in b.awards}
    chosen = manual.get(b.slot)
    if chosen is not None and any(d.id == chosen for d in present_people):
        b.presenter_id, b.presenter_name, b.presenter_reason = chosen, name_of(chosen), "chọn tay"
        return
    configured = [d for d in _configured_presenters(event, b.form, present_people) if d.id not in on_stage]
    if configured:
        d = configured[0]
        b.presenter_id, b.presenter_name, b.presenter_reason = d.id, d.name, "theo [awards] presenters trong event.toml"
        return
    usable = [d for d in pool if d.id not in on_stage]
    if not usable:
        b.presenter_reason = "chưa có lãnh đạo nào có mặt để trao"
        return
    tier, candidates = presenters_for(b.form, usable)
    if not candidates:
        b.presenter_reason = ("không có lãnh đạo của cơ quan khen, cấp trên hoặc lãnh đạo địa phương có mặt: "
                              "hãy chọn người trao (phím t)")
        return
    j = int(b.slot.split(":")[1]) if b.slot.count(":") == 1 and b.slot.split(":")[1].isdigit() else 0
    d = candidates[j % len(candidates)]  # a form's later batches go to the next leader of the same standing
    b.presenter_id, b.presenter_name = d.id, d.name
    b.presenter_reason = {
        "own": f"lãnh đạo của cơ quan khen ({office(d.position, d.unit)})",
        "higher": f"lãnh đạo cấp trên của cơ quan khen ({office(d.position, d.unit)})",
        "fallback": f"cơ quan khen và cấp trên không có ai có mặt; lãnh đạo cao nhất có mặt ({office(d.position, d.unit)}) "
                    "— đổi người trao nếu cần (phím t)",
    }[tier]


def presenters_for(form: str, people: list[Delegate]) -> tuple[str, list[Delegate]]:
    """Who may present `form`, best first: its issuing body's own leaders, then a higher body's
    (a higher level, or the Party committee and government above a union of the same level),
    else — nobody of those in the hall — the highest Party/government/union leader present.
    Never an enterprise's or a school's head for a body above them, never the press."""
    body, level = issuer_of(form)
    known = [(d, standing(d.position, d.unit)) for d in people]
    known = [(d, s) for d, s in known if s.known and s.side != Side.PRESS]
    if body is None or level is None:
        pool = [d for d, s in known if s.side in (Side.LEADERS, Side.UNION)]
        return ("fallback", pool) if pool else ("fallback", [])
    own = [d for d, s in known if s.body == body and s.level == level]
    if body in (Body.UBND, Body.HDND):
        own = [d for d, s in known if s.body in (Body.UBND, Body.HDND) and s.level == level] or own
    own_ids = {d.id for d in own}  # (`d not in own` compared whole records, field by field: O(n²) tuples)
    higher = [d for d, s in known if d.id not in own_ids and (
        (s.level < level and (s.side == Side.LEADERS or s.body == body))
        or (s.level == level and s.side == Side.LEADERS and body in (Body.UNION, Body.MASS)))]
    if own:
        return "own", own
    if higher:
        return "higher", higher
    near = [(d, s) for d, s in known if s.level <= max(level, Level.DISTRICT)]
    pool = [d for d, s in near if s.side in (Side.LEADERS, Side.UNION)] + [d for d, s in near if s.side == Side.SECTORS]
    return "fallback", pool


def presenter_choices(event, present: set[int] | None = None) -> list[Delegate]:
    present = set(event.day.present) if present is None else present
    return presenter_pool(event, present, event.delegates())
