"""One module names every journal kind with the shape of its data (console/ground/kinds.py):
every line a whole morning writes matches it, and no source writes a kind it does not name."""

from __future__ import annotations

import re
from pathlib import Path

from console.ground.kinds import SHAPES, Kind, shape_of

ROOT = Path(__file__).resolve().parent.parent


def _busy_morning(ev, clock) -> None:
    """The demo morning, and the adjustments it does not make: pins, drops, proxies, presenters,
    undos, pauses, extensions, skips, jumps, a re-timing, the cue's messages, a reprint and a reissue."""
    from console.agenda import steps
    from console.ceremony import actions, plan_awards, plan_speeches
    from console.door.checkin import checkin_delegate
    from console.printing import jobs

    for i in sorted(ev.delegates())[:120]:
        checkin_delegate(ev, i)
    speech = plan_speeches(ev).selected[0].item.key
    actions.pin(ev, "tham_luan", speech)
    actions.drop(ev, "tham_luan", plan_speeches(ev).selected[-1].item.key)
    actions.move(ev, "tham_luan", speech, 1)
    award = plan_awards(ev).batches[0].awards[0]
    actions.set_proxy(ev, award.item.key, sorted(ev.day.present)[5])
    actions.cycle_presenter(ev, 1)
    actions.start_batch(ev)  # fixes what the MC has (ceremony_freeze)
    actions.cycle_presenter(ev, 2)  # on a fixed batch: an approved change (ceremony_change)
    actions.batch_done(ev)
    actions.undo_batch(ev)
    actions.start_speech(ev)
    actions.speech_done(ev)
    actions.undo_speech(ev)
    steps.skip(ev)  # before the start: the first item will not take place
    steps.start(ev)
    steps.pause(ev)
    clock.advance(minutes=1)
    steps.resume(ev)
    steps.extend(ev, 2)
    steps.jump(ev, "4")
    steps.back(ev)
    steps.send_message(ev, "Còn 2 phút")
    steps.clear_message(ev)
    clock.advance(minutes=40)
    steps.next_(ev)
    try:
        steps.approve(ev)
    except Exception:  # noqa: BLE001 - no proposal at this drift: fine, the retime line is made below
        ev.transact(lambda _ev: [("agenda_retime", {"allot": {"tham_luan": 30}, "drift_before": 12.0,
                                                    "drift_after": 0.0})])
    d = sorted(ev.day.present)[0]
    jobs.reprint(ev, d, "kẹt giấy", printer="preview://ban-in", keep_token=True)
    jobs.reprint(ev, d, "mất thẻ", printer="preview://ban-in")
    from console.record import ballot

    ex = [i for i in sorted(ev.day.present) if ev.get(i).exemplary][:3]
    ballot.record_count(ev, ex, 20, 20, {ex[0]: 15, ex[1]: 12, ex[2]: 3}, seats=2)  # a secret ballot counted
    ev.accept_journal("kiểm thử: nhật ký như hiện có")  # what `hoinghi accept-journal` writes after an alarm


def test_every_line_of_a_busy_morning_has_a_declared_kind_and_shape(demo_event, clock, tmp_path):
    from console.cli.demo import create_demo
    from data.demo_day import run_day

    _busy_morning(demo_event, clock)
    whole_day = create_demo(tmp_path / "ca-sang", clock=clock)  # the demo morning, start to close
    run_day(whole_day, clock)
    seen: dict[str, int] = {}
    wrong = []
    for e in demo_event.journal.entries + whole_day.journal.entries:
        seen[e.kind] = seen.get(e.kind, 0) + 1
        shape = shape_of(e.kind)
        if shape is None:
            wrong.append(f"{e.kind}: not in console/ground/kinds.py")
        else:
            wrong += [f"{e.kind}: {p}" for p in shape.check(e.data)]
    assert sorted(set(wrong)) == []
    # the morning reaches most of the table (what it misses is listed, so a gap shows)
    missed = sorted(k.value for k in Kind if k.value not in seen and k not in (Kind.BENCH_WRITE, Kind.PING))
    assert missed == []


# (kind, {   —   _write(event, "kind", …   —   journal.append("kind", …   —   NAME = "kind" used as (NAME, {
WRITES = [re.compile(r'\(\s*"([a-z]+_[a-z_]+|checkin|checkout|walkin|ping)"\s*,\s*\{'),
          re.compile(r'_write\(\s*\w+\s*,\s*"([a-z_]+)"'),
          re.compile(r'\.append\(\s*"([a-z_]+)"\s*,')]


NOT_KINDS = {"scan_to_screen"}  # (name, {…}) pairs that are no journal line: bench/run.py's table rows


def test_no_source_writes_an_undeclared_kind():
    declared = {k.value for k in Kind} | NOT_KINDS
    found: dict[str, str] = {}
    for p in sorted((ROOT / "console").rglob("*.py")) + sorted((ROOT / "screens").rglob("*.py")):
        text = p.read_text(encoding="utf-8")
        for rx in WRITES:
            for m in rx.finditer(text):
                found.setdefault(m.group(1), str(p.relative_to(ROOT)))
        for name, value in re.findall(r'^([A-Z_]+) = "([a-z_]+)"', text, re.M):
            if re.search(rf"\(\s*{name}\s*,\s*\{{", text):
                found.setdefault(value, str(p.relative_to(ROOT)))
    assert {"checkin", "agenda_next", "ceremony_pin", "vote_record", "badge_reissue"} <= set(found)  # the scan sees them
    assert {k: f for k, f in found.items() if k not in declared} == {}


def test_a_shape_names_what_is_wrong():
    shape = SHAPES[Kind.CHECKIN]
    assert shape.check({"delegate_id": 1, "via": "scan", "version": 1}) == []
    assert shape.check({"delegate_id": 1, "via": "scan"}) == ["thiếu khóa: version"]
    assert shape.check({"delegate_id": 1, "via": "scan", "version": 1, "desk": "x"}) == ["khóa không khai báo: desk"]
    assert Kind.CHECKIN == "checkin" and shape_of("no_such_kind") is None
