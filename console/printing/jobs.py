"""What people ask to print, turned into queue jobs: badges, reprints, certificates, call sheets.

A job carries everything needed to draw it (names, token, banner…), so a
worker in any process renders it with no event open, at the width of the
printer it finally goes to (a job moved from an 80 mm to a 58 mm printer is
redrawn for 58 mm).
"""

from __future__ import annotations

from dataclasses import asdict

from PIL import Image

from console.door.tokens import MAX_VERSION
from console.ground.errors import UserError
from console.ground.text import nfc
from console.ground.titles import require_final
from console.printing.layout_badge import BadgeData, badge_data, render_badge
from console.printing.layout_callsheet import CallSheet, render_callsheet, render_mc_list
from console.printing.layout_certificate import CertificateData, render_certificate
from console.printing.printers import DEFAULT_URI, PrinterSpec, parse_uri
from console.printing.queue import Job, PrintQueue

REISSUE = "badge_reissue"  # folded by DayState: new token version, the old badge scans as "replaced"
REPRINT = "badge_reprint"  # same token printed again (jammed, smudged): for the record only


def printers_of(event) -> dict[str, str]:
    return dict(event.settings.printers) or {"desk": DEFAULT_URI}


def default_width(event) -> int:
    return event.settings.paper.width_mm


def default_printer(event, purpose: str = "desk") -> str:
    names = printers_of(event)
    return purpose if purpose in names else next(iter(names))


def check_printer(event, name_or_uri: str | None, purpose: str = "desk") -> str:
    """A printer name from event.toml or a URI; refused early with a sentence if neither."""
    if not name_or_uri:
        return default_printer(event, purpose)
    names = printers_of(event)
    if name_or_uri in names:
        return name_or_uri
    if "://" in name_or_uri:
        parse_uri(name_or_uri, default_width(event))
        return name_or_uri
    raise UserError(f"Không có máy in tên “{name_or_uri}” trong event.toml (mục [printers]: {', '.join(names)}). "
                    "Dùng một tên trong đó hoặc một URI như tcp://192.168.1.50:9100.")


def resolve(printers: dict[str, str], name_or_uri: str, width: int) -> PrinterSpec:
    uri = printers.get(name_or_uri, name_or_uri)
    return parse_uri(uri, width)


def render_job(job: Job, dots: int) -> Image.Image:
    if job.kind == "badge":
        return render_badge(BadgeData.from_dict(job.data), dots)
    if job.kind == "certificate":
        return render_certificate(CertificateData.from_dict(job.data), dots)
    if job.kind == "callsheet":
        return render_callsheet(job.data, dots)
    if job.kind == "mc_list":
        return render_mc_list(job.data.get("batches", []), dots, subtitle=job.data.get("subtitle", ""),
                              page=int(job.data.get("page", 0) or 0), pages=int(job.data.get("pages", 0) or 0),
                              printed_at=str(job.data.get("printed_at", "")))
    if job.kind == "test":
        from console.printing.canvas import Slip
        return (Slip(dots).space(10).text("IN THỬ — hoinghi", [30], bold=True)
                .text(job.data.get("text", "Tiếng Việt: ăâđêôơư ẮẰẲẴẶ ỄỆ ỮỰ"), [24], max_lines=4).space(20).render())
    raise ValueError(f"unknown job kind {job.kind!r}")


# --- badges -----------------------------------------------------------------------

def badge_job_id(delegate_id: int, version: int) -> str:
    return f"badge-{delegate_id:04d}-v{version}"


def _badge_title(d, version: int, reprint: bool) -> str:
    extra = f" (in lại, thẻ lần {version})" if reprint else ""
    return f"Thẻ {d.code} {d.name}{extra}"


def plan_badges(event, ids: list[int] | None = None, *, printer: str | None = None,
                again: bool = False, draft: bool = False) -> list[dict]:
    """What to queue for these badges (everyone when `ids` is None): reads the event only.

    Split from `queue_planned` so a screen can plan on its own thread (the event
    is not shared across threads) and write the job files in a worker thread.
    Refused while the banner holds a blank ("LẦN THỨ …"), unless `draft`.
    """
    require_final(event.settings, "thẻ đại biểu", draft=draft)
    printer = check_printer(event, printer)
    everyone = event.delegates()
    if ids is None:
        people = sorted(everyone.values(), key=lambda d: d.id)
    else:
        missing = [i for i in ids if i not in everyone]
        if missing:
            raise UserError(f"Không có đại biểu mã {', '.join(f'{i:04d}' for i in missing)} trong danh sách "
                            "(xem `hoinghi tokens`). Không in thẻ nào.")
        people = [everyone[i] for i in dict.fromkeys(ids)]
    plan = []
    for d in people:
        v = event.day.version_of(d.id)
        plan.append({"job_id": badge_job_id(d.id, v), "printer": printer, "again": again,
                     "data": badge_data(event, d, v).to_dict(), "title": _badge_title(d, v, False)})
    return plan


def queue_planned(folder, plan: list[dict]) -> tuple[list[Job], list[Job]]:
    """Write the planned badge jobs. Returns (queued, already queued or printed)."""
    q = PrintQueue(folder)
    queued, skipped = [], []
    for item in plan:
        job_id = item["job_id"]
        if item["again"] and q.exists(job_id):
            n = 2
            while q.exists(f"{job_id}-c{n}"):
                n += 1
            job_id = f"{job_id}-c{n}"
        job, added = q.add("badge", item["printer"], item["data"], job_id=job_id, title=item["title"])
        (queued if added else skipped).append(job)
    return queued, skipped


def queue_badges(event, ids: list[int] | None = None, *, printer: str | None = None,
                 again: bool = False, draft: bool = False) -> tuple[list[Job], list[Job]]:
    """Queue the badges of `ids` (everyone when None). Returns (queued, already queued or printed)."""
    return queue_planned(event.folder, plan_badges(event, ids, printer=printer, again=again, draft=draft))


def reprint(event, delegate_id: int, reason: str, *, printer: str | None = None,
            keep_token: bool = False, draft: bool = False) -> Job:
    """A new badge for someone: journaled, then queued; the journal line is the order.

    By default the badge gets a new token version, so the lost one scans as
    "replaced" with the time of this reprint. `keep_token=True` prints the same
    token again (the first came out jammed or smudged and is in the organisers'
    hands).
    """
    reason = nfc(reason or "").strip()
    if not reason:
        raise UserError("Hãy ghi lý do in lại thẻ (ví dụ: mất thẻ, thẻ in hỏng).")
    require_final(event.settings, "thẻ đại biểu", draft=draft)
    printer = check_printer(event, printer)

    def decide(ev):
        d = ev.get(delegate_id)
        if d is None:
            raise UserError(f"Không có đại biểu mã {delegate_id:04d} trong danh sách (xem `hoinghi tokens`).")
        current = ev.day.version_of(delegate_id)
        if keep_token:
            return [(REPRINT, {"delegate_id": delegate_id, "version": current, "reason": reason, "printer": printer})]
        if current >= MAX_VERSION:
            raise UserError(f"Thẻ của {d.name} đã in lại {current - 1} lần, quá giới hạn. Hãy điểm danh theo tên.")
        return [(REISSUE, {"delegate_id": delegate_id, "version": current + 1, "reason": reason, "printer": printer})]

    written = event.transact(decide)
    return _queue_for_entry(event, written[0])


def _queue_for_entry(event, entry) -> Job:
    d = event.get(int(entry.data["delegate_id"]))
    v = int(entry.data["version"])
    job_id = badge_job_id(d.id, v) if entry.kind == REISSUE else f"{badge_job_id(d.id, v)}-r{entry.n}"
    printer = entry.data.get("printer") or default_printer(event)
    if printer not in printers_of(event) and "://" not in printer:
        printer = default_printer(event)
    job, _added = PrintQueue(event.folder).add(
        "badge", printer, badge_data(event, d, v).to_dict(), job_id=job_id, title=_badge_title(d, v, True),
        reprint=True, reason=entry.data.get("reason", ""))
    return job


def reconcile(event) -> list[Job]:
    """Queue every reprint the journal asked for that has no job yet (a crash between the two)."""
    event.refresh()
    q = PrintQueue(event.folder)
    added = []
    for e in event.journal.entries:
        if e.kind not in (REISSUE, REPRINT) or not isinstance(e.data, dict):
            continue
        try:
            did, v = int(e.data["delegate_id"]), int(e.data["version"])
        except (KeyError, TypeError, ValueError):
            continue
        if event.get(did) is None:
            continue
        job_id = badge_job_id(did, v) if e.kind == REISSUE else f"{badge_job_id(did, v)}-r{e.n}"
        if not q.exists(job_id):
            added.append(_queue_for_entry(event, e))
    return added


# --- certificates and call sheets ---------------------------------------------------

def queue_certificate(event, cert: CertificateData, *, printer: str | None = None, draft: bool = False) -> Job:
    require_final(event.settings, "giấy chứng nhận", draft=draft)
    printer = check_printer(event, printer, "stage")
    job, _ = PrintQueue(event.folder).add("certificate", printer, cert.to_dict(),
                                          title=f"Phiếu nhận khen thưởng {cert.recipient}")
    return job


def queue_callsheet(event, sheet: CallSheet, *, printer: str | None = None) -> Job:
    printer = check_printer(event, printer, "stage")
    job, _ = PrintQueue(event.folder).add("callsheet", printer, asdict(sheet), title=f"Gọi lên sân khấu: đợt {sheet.batch}")
    return job


def queue_mc_list(event, batches: list[CallSheet], *, printer: str | None = None, subtitle: str = "") -> list[Job]:
    """The MC's list as pages a hand can hold (one job per page, cut between them), each
    numbered "Tờ n/N" with the time it was asked for — never a 60 cm strip."""
    from console.printing.layout_callsheet import mc_pages

    printer = check_printer(event, printer, "stage")
    dots = resolve(printers_of(event), printer, default_width(event)).dots
    pages = mc_pages(batches, dots, subtitle=subtitle)
    printed_at = f"{event.clock.now():%H:%M ngày %d/%m/%Y}"
    queue = PrintQueue(event.folder)
    jobs = []
    for n, page in enumerate(pages, start=1):
        job, _ = queue.add("mc_list", printer, {"batches": [asdict(b) for b in page], "subtitle": subtitle,
                                                 "page": n, "pages": len(pages), "printed_at": printed_at},
                           title=f"Danh sách khen thưởng cho MC, tờ {n}/{len(pages)} ({len(page)} đợt)")
        jobs.append(job)
    return jobs


# --- status -----------------------------------------------------------------------

def status_report(event, *, reconcile_first: bool = True, printers: dict[str, str] | None = None) -> dict:
    """Printers with their last state and counts, and the jobs still waiting (CLI and screen).

    The screen reads this in a thread: it passes `reconcile_first=False` (reconcile
    folds the journal, which only the app's own thread does) and its printers.
    """
    if reconcile_first:
        reconcile(event)
    q = PrintQueue(event.folder)
    status = q.printer_status()
    jobs = q.jobs()
    names = dict(printers if printers is not None else printers_of(event))
    for j in jobs:
        names.setdefault(j.printer, j.printer)
    printers = []
    for name, uri in names.items():
        mine = [j for j in jobs if j.printer == name]
        st = status.get(name, {})
        printers.append({"name": name, "uri": uri, "state": st.get("state", "unknown"), "message": st.get("message", ""),
                         "at": st.get("at", ""), "waiting": sum(j.status in ("pending", "printing") for j in mine),
                         "done": sum(j.status == "done" for j in mine),
                         "sent": sum(j.status == "sent" for j in mine)})
    waiting = [{"id": j.id, "title": j.title, "printer": j.printer, "status": j.status_label, "attempts": j.attempts,
                "error": j.error} for j in jobs if j.status in ("pending", "printing")]
    recent = [{"id": j.id, "title": j.title, "printer": j.printer, "status": j.status_label, "attempts": j.attempts,
               "error": j.error, "done_at": j.done_at} for j in jobs if j.status in ("done", "sent", "cancelled")][-50:]
    return {"printers": printers, "waiting": waiting, "recent": recent, **q.summary()}
