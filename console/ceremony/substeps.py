"""The ceremony's sub-steps for the agenda: each speech, each award batch, each response.

`CeremonySubsteps` is the agenda's `SubstepSource` (console/agenda/substeps.py);
the event declares it (console/event.py). The agenda never imports this module.
"""

from __future__ import annotations

from console.agenda.substeps import Line, SubStep
from console.ceremony.actions import batch_done_line
from console.ceremony.awards import freeze_line, matches_person, plan_awards
from console.ceremony.introductions import introductions, office, supplementary_for
from console.ceremony.speeches import plan_speeches
from console.ceremony.state import state_of
from console.people.forms import rank_form

OPENING, SPEECHES, AWARDS, RESPONSES = "khai_mac", "tham_luan", "khen_thuong", "huong_ung"


def _join(names: list[str]) -> str:
    return ", ".join(names)


def speech_substeps(event, segment: str, minutes: float | None = None) -> list[SubStep]:
    plan = plan_speeches(event, segment, budget=minutes)
    everyone = event.delegates()
    out = []
    for p in plan.selected:
        d = everyone.get(p.item.delegate_id)
        who = p.item.speaker + (f", {d.position}" if d and d.position else "") + (f", {p.item.unit}" if p.item.unit else "")
        if segment == RESPONSES:
            line = f"Trân trọng kính mời đồng chí {who} lên phát biểu hưởng ứng phong trào thi đua."
        else:
            line = f"Trân trọng kính mời đồng chí {who} lên trình bày tham luận “{p.item.title}”."
        # Its own planned minutes, given or not: the clock counts them down, the record keeps them.
        minutes = p.item.minutes
        out.append(SubStep(key=f"speech:{p.item.key}", title=f"{'Hưởng ứng' if segment == RESPONSES else 'Tham luận'}: {p.item.title}",
                           person=p.item.speaker, minutes=float(minutes), mc_line=line,
                           delegate_ids=[p.item.delegate_id]))
    return out


def decision_substep(event, b, reader_id: int | None, reader_name: str) -> SubStep:
    """"Công bố quyết định": read before a form's first batch (ND 145/2013 art. 28; Hướng dẫn 27/HD-HĐTĐKT)."""
    d = event.delegates().get(reader_id) if reader_id is not None else None
    who = f"đồng chí {reader_name}" + (f", {office(d.position, d.unit)}" if d and (d.position or d.unit) else "") \
        if reader_name else "đồng chí …"
    what = b.decision or "quyết định khen thưởng"
    line = (f"Trân trọng kính mời {who} lên công bố {what} về việc tặng {b.form} "
            "cho các tập thể, cá nhân có thành tích xuất sắc.")
    title = f"Công bố quyết định: {b.form}" + ("" if b.decision else " (chưa có số quyết định)")
    return SubStep(key=f"decision:{rank_form(b.form, event.settings.award_ranking)}", title=title, person=reader_name,
                   minutes=float(event.settings.awards.decision_minutes), mc_line=line,
                   delegate_ids=[reader_id] if reader_id is not None else [])


def decision_reader(event, b) -> tuple[int | None, str]:
    """[awards] decision_reader (a name, an office or an id, present), else the batch's presenter."""
    wanted = event.settings.awards.decision_reader
    if wanted:
        present = [event.delegates()[i] for i in event.day.present if i in event.delegates()]
        for d in present:
            if matches_person(wanted, d):
                return d.id, d.name
    return b.presenter_id, b.presenter_name


def award_substeps(event) -> list[SubStep]:
    plan = plan_awards(event)
    everyone = event.delegates()
    out = []
    read: set[int] = set()
    ranking = event.settings.award_ranking
    step = event.settings.awards.decision_step
    for b in plan.batches:
        rank = rank_form(b.form, ranking)
        if rank not in read:
            read.add(rank)
            if step == "always" or (step == "auto" and b.decision):
                out.append(decision_substep(event, b, *decision_reader(event, b)))
        names = []
        for a in b.awards:
            if a.proxy_id is not None:
                names.append(f"{a.label or a.item.recipient} (đồng chí {a.called_name} nhận thay)")
            elif a.item.collective:
                names.append(f"{a.item.recipient} (đồng chí {a.called_name} đại diện nhận)")
            else:
                names.append(a.label or a.item.recipient)
        line = (f"Trân trọng kính mời các đồng chí có tên sau lên nhận {b.form}: {_join(names)}."
                if len(names) > 1 else _one_line(b.awards[0], b.form) if b.awards else "")
        if b.presenter_name:
            d = everyone.get(b.presenter_id)
            title = f", {d.position}" if d and d.position else ""
            line += f" Trân trọng kính mời đồng chí {b.presenter_name}{title} lên trao thưởng."
        out.append(SubStep(key=f"batch:{b.number}", title=f"Đợt {b.number}: {b.form}",
                           person=b.presenter_name, minutes=b.minutes, mc_line=line, names=names,
                           presenter=b.presenter_name, delegate_ids=[a.called_id for a in b.awards if a.called_id]))
    return out


def _one_line(a, form: str) -> str:
    """One award in the batch: the person who walks up is the one invited ("đồng chí" is a
    person — never "đồng chí Đội Quản lý thị trường")."""
    who = a.item.recipient if a.item.collective else f"đồng chí {a.label or a.item.recipient}"
    if a.proxy_id is not None:
        return f"Trân trọng kính mời đồng chí {a.called_name} lên nhận {form} thay cho {who}."
    if a.item.collective and a.called_name:
        return f"Trân trọng kính mời đồng chí {a.called_name} đại diện {who} lên nhận {form}."
    return f"Trân trọng kính mời {who} lên nhận {form}."


def _batch_number(substep: str) -> int | None:
    what, _, ref = substep.partition(":")
    return int(ref) if what == "batch" and ref.isdigit() else None


class CeremonySubsteps:
    """Speeches and responses fitted into the segment's minutes; award batches from who is present."""

    segments = (SPEECHES, AWARDS, RESPONSES)

    def substeps(self, event, segment: str, minutes: float) -> list[SubStep]:
        if segment in (SPEECHES, RESPONSES):
            return speech_substeps(event, segment, minutes)
        if segment == AWARDS:
            return award_substeps(event)
        return []

    def left(self, event, segment: str, substep: str) -> list[Line]:
        """An award batch the agenda leaves was presented: its line naming who was called.
        (A speech needs no line of its own: the move's "substep_from" ends it, see state.py.)"""
        number = _batch_number(substep) if segment == AWARDS else None
        found = batch_done_line(event, number) if number is not None else None
        if not found:
            return []
        fix = freeze_line(event, plan_awards(event), "batch_done")  # the others stay as the MC has them
        return ([fix] if fix else []) + [found[1]]

    def undone(self, event, segment: str, substep: str) -> list[Line]:
        """Back over a move that closed an award batch: the batch goes back to the plan too."""
        number = _batch_number(substep) if segment == AWARDS else None
        done = state_of(event).done_batches
        if number is not None and done and (done[-1].called_as or done[-1].number) == number:
            return [("ceremony_batch_undo", {"batch": done[-1].number})]
        return []

    def read_out(self, event, segment: str) -> list[str]:
        """The opening introduces the guests checked in now, in protocol order."""
        return introductions(event) if segment == OPENING else []

    def opening_words(self, event, state, item_id: str) -> str:
        """A guest who checked in after the introduction is introduced as the next item opens."""
        return supplementary_for(event, state, item_id)
