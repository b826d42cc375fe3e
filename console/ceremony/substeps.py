"""Sub-steps the agenda asks for: each speech, each award batch, each response."""

from __future__ import annotations

from console.agenda.substeps import SubStep
from console.ceremony.awards import plan_awards
from console.ceremony.speeches import plan_speeches


def _join(names: list[str]) -> str:
    return ", ".join(names)


def speech_substeps(event, segment: str) -> list[SubStep]:
    plan = plan_speeches(event, segment)
    everyone = event.delegates()
    out = []
    for p in plan.selected:
        d = everyone.get(p.item.delegate_id)
        who = p.item.speaker + (f", {d.position}" if d and d.position else "") + (f", {p.item.unit}" if p.item.unit else "")
        if segment == "huong_ung":
            line = f"Trân trọng kính mời đồng chí {who} lên phát biểu hưởng ứng phong trào thi đua."
        else:
            line = f"Trân trọng kính mời đồng chí {who} lên trình bày tham luận “{p.item.title}”."
        # Its own planned minutes, given or not: the clock counts them down, the record keeps them.
        minutes = p.item.minutes
        out.append(SubStep(key=f"speech:{p.item.key}", title=f"{'Hưởng ứng' if segment == 'huong_ung' else 'Tham luận'}: {p.item.title}",
                           person=p.item.speaker, minutes=float(minutes), mc_line=line,
                           delegate_ids=[p.item.delegate_id]))
    return out


def award_substeps(event) -> list[SubStep]:
    plan = plan_awards(event)
    everyone = event.delegates()
    out = []
    for b in plan.batches:
        names = []
        for a in b.awards:
            if a.proxy_id is not None:
                names.append(f"{a.item.recipient} (đồng chí {a.called_name} nhận thay)")
            elif a.item.collective:
                names.append(f"{a.item.recipient} (đồng chí {a.called_name} đại diện nhận)")
            else:
                names.append(a.item.recipient)
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
    who = a.item.recipient if a.item.collective else f"đồng chí {a.item.recipient}"
    if a.proxy_id is not None:
        return f"Trân trọng kính mời đồng chí {a.called_name} lên nhận {form} thay cho {who}."
    if a.item.collective and a.called_name:
        return f"Trân trọng kính mời đồng chí {a.called_name} đại diện {who} lên nhận {form}."
    return f"Trân trọng kính mời {who} lên nhận {form}."


def provide(event, segment_key: str) -> list[SubStep]:
    if segment_key in ("tham_luan", "huong_ung"):
        return speech_substeps(event, segment_key)
    if segment_key == "khen_thuong":
        return award_substeps(event)
    return []
