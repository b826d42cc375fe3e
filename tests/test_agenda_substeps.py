"""Sub-steps (speeches, award batches, responses) through the seam console.agenda.substeps."""

from __future__ import annotations

from datetime import datetime

import pytest

from console.agenda import steps
from console.agenda.report import timings_report
from console.agenda.substeps import SubStep
from console.agenda.timing import view
from console.ground.clock import VN_TZ


class StubSource:
    """A stand-in for the ceremony's sub-steps: the agenda sees only the SubstepSource protocol."""

    segments = ("tham_luan", "khen_thuong", "huong_ung")

    def __init__(self, data=None, fail: Exception | None = None):
        self.data, self.fail, self.asked = data or {}, fail, []

    def substeps(self, event, segment, minutes):
        self.asked.append((segment, minutes))
        if self.fail:
            raise self.fail
        return self.data.get(segment, [])

    def left(self, event, segment, substep):
        return []

    def undone(self, event, segment, substep):
        return []

    def read_out(self, event, segment):
        return []


def use_source(monkeypatch, event, source) -> None:
    """`source` for this event and every Event opened later in the test (screens open their own)."""
    monkeypatch.setattr("console.event.CeremonySubsteps", lambda: source)
    event.substeps = source


@pytest.fixture
def ceremony(monkeypatch, demo_event):
    """The ceremony's place taken by a stub with three speeches and one award batch."""
    # The source says the MC's words (the agenda has no template of its own for them).
    speeches = [SubStep("speech:1", "Tham luận: Đổi mới quản lý", person="Hoàng Thị Mai", minutes=7,
                        mc_line="Trân trọng kính mời đồng chí Hoàng Thị Mai lên trình bày tham luận."),
                SubStep("speech:2", "Tham luận: Sáng kiến tiết kiệm", person="Lý Văn Pao", minutes=7),
                SubStep("speech:3", "Tham luận: Nữ công nhân giỏi", person="Triệu Thị Hoa", minutes=14)]
    batches = [SubStep("batch:1", "Đợt 1: Bằng khen của Chủ tịch UBND tỉnh", names=["Tổ may 3", "Hà Văn Nam"],
                       presenter="Dương Minh Ân, Chủ tịch UBND huyện",
                       mc_line="Xin mời Tổ may 3, Hà Văn Nam lên nhận Bằng khen. Trân trọng kính mời đồng chí "
                               "Dương Minh Ân, Chủ tịch UBND huyện lên trao thưởng.")]
    data = {"tham_luan": speeches, "khen_thuong": batches}
    use_source(monkeypatch, demo_event, StubSource(data))
    return data


def test_each_substep_counts_down_its_own_minutes_and_steps_one_by_one(demo_event, clock, ceremony):
    clock._now = datetime(2020, 4, 15, 7, 30, tzinfo=VN_TZ)
    steps.skip(demo_event)
    steps.start(demo_event)  # khai_mac
    steps.jump(demo_event, "4")
    v = view(demo_event)
    cur = v.current
    assert cur.id == "tham_luan/speech:1" and cur.position == "4.1"
    assert cur.minutes == 7  # its own 7 minutes, not a share of the segment's 45
    assert cur.mc_line.startswith("Sau đây, hội nghị sẽ nghe tham luận")  # the segment's line first
    assert "kính mời đồng chí Hoàng Thị Mai lên trình bày tham luận" in cur.mc_line
    assert [it.position for it, _t in v.next_items] == ["4.2", "4.3", "5"]
    clock.advance(minutes=12)
    steps.next_(demo_event)
    clock.advance(minutes=1)
    steps.next_(demo_event)  # too soon: back to 4.2
    steps.back(demo_event)
    assert view(demo_event).current.id == "tham_luan/speech:2"
    clock.advance(minutes=10)
    steps.next_(demo_event)
    clock.advance(minutes=20)
    steps.next_(demo_event)
    rows = timings_report(demo_event)
    seg = next(r for r in rows if r["position"] == "4")
    subs = [r for r in rows if r["position"].startswith("4.")]
    assert [r["kind"] for r in subs] == ["substep"] * 3 and seg["kind"] == "segment"
    assert [r["actual_minutes"] for r in subs] == [12, 11, 20]
    assert seg["actual_minutes"] == 43 and seg["status"] == "done"
    assert subs[1]["planned_start"] > subs[0]["planned_start"]
    assert [r["planned_minutes"] for r in subs] == [7, 7, 14]  # planned stays planned
    assert seg["planned_minutes"] == 45


def test_award_batch_line_names_and_presenter(demo_event, ceremony):
    steps.start(demo_event)
    steps.jump(demo_event, "6")
    cur = view(demo_event).current
    assert cur.position == "6.1"
    assert "Tổ may 3, Hà Văn Nam" in cur.mc_line and "Dương Minh Ân, Chủ tịch UBND huyện" in cur.mc_line
    assert cur.mc_list == ["Tổ may 3", "Hà Văn Nam"]


def test_a_retimed_segment_shortens_each_speech(demo_event, clock, ceremony):
    clock._now = datetime(2020, 4, 15, 7, 30, tzinfo=VN_TZ)
    steps.start(demo_event)
    clock.advance(minutes=70)  # the performance ran 55 minutes over
    v = view(demo_event)
    tl = next(c for c in v.proposal.changes if c.key == "tham_luan")
    steps.approve(demo_event)
    steps.jump(demo_event, "4")
    assert tl.new < 28  # the three speeches need 28 minutes: each shrinks in proportion
    assert view(demo_event).current.minutes == pytest.approx(tl.new * 7 / 28)


def test_no_substeps_yet_means_the_segment_itself(demo_event):
    steps.start(demo_event)
    steps.jump(demo_event, "4")
    assert view(demo_event).current.id == "tham_luan"
    rows = [r for r in timings_report(demo_event) if r["position"].startswith("4")]
    assert [r["position"] for r in rows] == ["4"]


def test_a_failing_ceremony_module_leaves_the_segment_whole(demo_event, monkeypatch):
    use_source(monkeypatch, demo_event, StubSource(fail=RuntimeError("danh sách hỏng")))
    steps.start(demo_event)
    steps.jump(demo_event, "4")
    assert view(demo_event).current.id == "tham_luan"
    assert "danh sách hỏng" in demo_event.agenda_run.substep_errors["tham_luan"]


def test_the_agenda_passes_each_segment_its_allotted_minutes(demo_event, monkeypatch, clock):
    """The protocol: the source is asked only for its own segments, with the minutes the agenda allots
    (agenda.toml, then the approved re-timing) — it never reads agenda.toml itself."""
    source = StubSource()
    use_source(monkeypatch, demo_event, source)
    timings_report(demo_event)
    assert {seg for seg, _ in source.asked} == {"tham_luan", "khen_thuong", "huong_ung"}
    assert dict(source.asked)["tham_luan"] == 45.0  # agenda.toml of the demo (huyện/ngành)
    source.asked.clear()
    demo_event.transact(lambda ev: [("agenda_retime", {"allot": {"tham_luan": 30}, "drift_before": 15})])
    timings_report(demo_event)
    assert dict(source.asked)["tham_luan"] == 30.0


def test_a_substep_without_words_is_named_by_its_title(demo_event, monkeypatch):
    """The agenda keeps no MC lines for another module's sub-steps: one given without words
    is read as its title, never a template guessed from the segment."""
    use_source(monkeypatch, demo_event, StubSource({"tham_luan": [SubStep("speech:9", "Tham luận: Bàn Văn Tổ")]}))
    steps.start(demo_event)
    steps.jump(demo_event, "4")
    assert view(demo_event).current.mc_line.endswith("Xin mời: Tham luận: Bàn Văn Tổ.")
