"""The ceremony prints: a batch's call sheet and certificates, the MC's list — read back from ESC/POS."""

from console.ceremony.awards import plan_awards
from console.ceremony.printouts import print_batch, print_mc_list
from console.door.checkin import checkin_delegate
from console.printing.queue import PrintQueue
from console.printing.worker import PrintWorker


def test_next_batch_call_sheet_and_certificates_are_printed(demo_event, cli):
    ev = demo_event
    for did in sorted(ev.imported):
        checkin_delegate(ev, did)
    plan = plan_awards(ev)
    first = plan.pending_batches[0]
    jobs = print_batch(ev)
    assert [j.kind for j in jobs] == ["callsheet"] + ["certificate"] * len(first.awards)
    assert jobs[0].data["batch"] == first.number
    assert {j.data["recipient"] for j in jobs[1:]} == {p.item.recipient for p in first.awards}
    mc = print_mc_list(ev)
    assert sum(len(j.data["batches"]) for j in mc) == len(plan.pending_batches)
    assert [j.data["page"] for j in mc] == list(range(1, len(mc) + 1)) and {j.data["pages"] for j in mc} == {len(mc)}
    worker = PrintWorker.for_event(ev)
    worker.drain({j.id for j in [*jobs, *mc]})
    done = [j for j in PrintQueue(ev.folder).jobs() if j.status == "done"]
    assert len(done) == len(jobs) + len(mc)
    pngs = list((ev.folder / "ban-in").rglob("*.png"))
    assert len(pngs) >= len(done)


def test_cli_print_batch_refuses_when_nobody_is_in(demo_dir, cli):
    proc = cli("print-batch", demo_dir)
    assert proc.returncode == 2 and "Không còn đợt" in proc.stderr
