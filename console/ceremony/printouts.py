"""What the ceremony prints: a batch's stage call sheet, the MC's list, the certificates.

The layouts (console/printing) take plain data; this module turns the live
award plan — only people in the hall, proxies named — into that data and
queues the jobs on the stage printer.
"""

from __future__ import annotations

from console.ceremony.awards import AwardPlan, Batch, freeze_line, plan_awards
from console.ground.clock import hhmm, parse_iso
from console.ground.errors import UserError


def _callsheet(batch: Batch, stamp: str = ""):
    from console.printing.layout_callsheet import Awardee, CallSheet

    people = []
    for p in batch.awards:
        if p.proxy_name and p.proxy_name != p.item.recipient:
            who, role = p.proxy_name, "Nhận thay"
        elif p.item.collective and p.called_name:
            who, role = p.called_name, "Đại diện nhận"  # the person who walks up for the collective
        else:
            who, role = "", ""
        people.append(Awardee(name=p.label or p.item.recipient,
                              unit=p.item.unit if p.item.unit not in (p.label or p.item.recipient) else "",
                              proxy=who, role=role))
    changed = ""
    if batch.changes:
        changed = "ĐÃ ĐỔI: " + "; ".join(f"{hhmm(parse_iso(at))} {what}" for at, what in batch.changes)
    label = f"{batch.number} (bổ sung)" if batch.added else batch.number
    return CallSheet(batch=label, award_form=batch.form, awardees=people, presenter=batch.presenter_name,
                     decision=batch.decision, changed=changed, stamp=stamp)


def _certificate(event, p):
    from console.printing.layout_certificate import CertificateData

    s = event.settings
    receiver = p.received_by
    return CertificateData(recipient=p.item.recipient, award_form=p.item.form, reason=p.item.achievement,
                           unit=p.item.unit if p.item.unit != p.item.recipient else "",
                           header=[x for x in (s.parent_unit.upper(), s.unit.upper()) if x],
                           place_date=s.place_date_line, receiver=receiver,
                           decision=str(getattr(p.item, "decision", "") or ""))


def _batch(plan: AwardPlan, number: int | None) -> Batch:
    pending = plan.pending_batches
    if not pending:
        raise UserError("Không còn đợt trao thưởng nào đang chờ (hoặc chưa có ai trong danh sách khen thưởng có mặt).")
    if number is None:
        return pending[0]
    for b in plan.batches:
        if b.number == number:
            return b
    raise UserError(f"Không có đợt {number}. Các đợt đang chờ: {', '.join(str(b.number) for b in pending)}.")


def print_batch(event, number: int | None = None, *, certificates: bool = True, printer: str | None = None) -> list:
    """Queue the call sheet (and the certificates) of one batch — the next pending one by default."""
    from console.printing.jobs import queue_callsheet, queue_certificate

    if certificates:  # checked before the call sheet is queued: nothing half-printed
        from console.ground.titles import require_final

        require_final(event.settings, "giấy chứng nhận")
    batch = _batch(plan_awards(event), number)
    jobs = [queue_callsheet(event, _callsheet(batch, f"In lúc {event.clock.now():%H:%M ngày %d/%m/%Y}"), printer=printer)]
    if certificates:
        jobs += [queue_certificate(event, _certificate(event, p), printer=printer) for p in batch.awards]
    return jobs


def print_mc_list(event, *, printer: str | None = None) -> list:
    """Queue the MC's list: every pending batch, names in calling order, presenters — as pages."""
    from console.printing.jobs import queue_mc_list

    plan = plan_awards(event)
    if not plan.pending_batches:
        raise UserError("Không còn đợt trao thưởng nào đang chờ để in danh sách cho người dẫn chương trình.")

    def fix(ev):  # what the MC is handed is what will be called: the batches are fixed from now
        line = freeze_line(ev, plan_awards(ev), "mc_list")
        return [line] if line else []

    event.transact(fix)
    plan = plan_awards(event)
    later = len(plan.later)
    note = f"{later} khen thưởng trao sau (vắng mặt, không có người nhận thay)." if later else ""
    return queue_mc_list(event, [_callsheet(b) for b in plan.pending_batches], printer=printer, subtitle=note)
