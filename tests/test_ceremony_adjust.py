"""Adjustments and the seams: presenters from event.toml, undo, agenda sub-step lines, CLI moves."""

from __future__ import annotations

from console.ceremony import actions, plan_awards, plan_speeches
from console.ceremony.state import state_of
from console.door.checkin import checkin_delegate
from console.event import Event


def _all_in(ev):
    for i in ev.delegates():
        checkin_delegate(ev, i)


def test_presenters_from_event_toml(demo_dir, clock):
    toml = demo_dir / "event.toml"
    toml.write_text(toml.read_text(encoding="utf-8")
                    + '\n[awards.presenters]\n"Bằng khen của Tổng LĐLĐ Việt Nam" = ["Chủ tịch UBND huyện"]\n',
                    encoding="utf-8")
    ev = Event(demo_dir, desk="t", clock=clock)
    _all_in(ev)
    b = plan_awards(ev).batches[0]
    d = ev.get(b.presenter_id)
    assert d.position == "Chủ tịch UBND huyện" and "event.toml" in b.presenter_reason
    # Not in the hall: the default by protocol rank takes over.
    from console.door.checkin import checkout

    checkout(ev, d.id)
    assert plan_awards(ev).batches[0].presenter_id != d.id


def test_undo_batch_and_speech(demo_event, clock):
    ev = demo_event
    _all_in(ev)
    first = [a.item.key for a in plan_awards(ev).batches[0].awards]
    assert actions.batch_done(ev) == 1
    assert plan_awards(ev).batches[0].done
    assert actions.undo_batch(ev) == 1
    plan = plan_awards(ev)
    assert not plan.batches[0].done and [a.item.key for a in plan.batches[0].awards] == first
    key = actions.start_speech(ev)
    clock.advance(minutes=3)
    actions.speech_done(ev)
    assert actions.undo_speech(ev) == key
    p = next(p for p in plan_speeches(ev).items if p.item.key == key)
    assert p.status == "current"  # back on stage: the "done" was the mistake
    kinds = [e.kind for e in ev.journal.entries]
    assert "ceremony_batch_undo" in kinds and "ceremony_speech_undo" in kinds


def test_the_agendas_moves_give_a_speechs_actual_minutes(demo_event, clock):
    """The ceremony folds the agenda's own moves: entering a speech starts it, Next ends it."""
    from console.agenda import steps
    from console.agenda.timing import view

    ev = demo_event
    _all_in(ev)
    steps.start(ev)
    steps.jump(ev, "4")
    key = view(ev).current.id.removeprefix("tham_luan/speech:")
    assert state_of(ev).speech_started.get(key)
    clock.advance(minutes=9.5)
    steps.next_(ev)
    p = next(p for p in plan_speeches(ev).items if p.item.key == key)
    assert p.status == "given" and p.actual_minutes == 9.5
    assert state_of(ev).actual_minutes(key) == 9.5


def test_cli_move_proxy_and_batch(demo_dir, cli, clock):
    from tests.conftest import cli_json

    ev = Event(demo_dir, desk="t", clock=clock)
    _all_in(ev)
    _proc, before = cli_json("order", str(demo_dir), "awards")
    second = before["items"][1]
    proc = cli("order-move", str(demo_dir), "awards", str(second["stt"]), "up")
    assert proc.returncode == 0, proc.stderr
    _proc, after = cli_json("order", str(demo_dir), "awards")
    assert after["items"][0]["key"] == second["key"]
    proc = cli("batch-done", str(demo_dir))
    assert proc.returncode == 0 and "Đợt 1" in proc.stdout
    _proc, done = cli_json("order", str(demo_dir), "awards")
    assert done["batches"][0]["done"] and done["items"][0]["status"] == "presented"
    proc = cli("award-proxy", str(demo_dir), str(before["items"][-1]["stt"]), "Không Ai Cả")
    assert proc.returncode == 2 and "Không có đại biểu" in proc.stderr
