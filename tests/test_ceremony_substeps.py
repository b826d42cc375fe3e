"""Sub-steps for the agenda: award batches with MC lines, speeches, responses."""

from __future__ import annotations

from console.door.checkin import checkin_delegate


def substeps_for(ev, segment: str, minutes: float = 45):
    """What the agenda asks the event's source for (the allotted minutes passed in)."""
    return ev.substeps.substeps(ev, segment, minutes)


def test_substeps_from_who_is_present(demo_event):
    ev = demo_event
    assert substeps_for(ev, "khen_thuong") == []  # nobody in the hall: nobody called
    for i in ev.delegates():
        checkin_delegate(ev, i)
    batches = substeps_for(ev, "khen_thuong")
    assert batches and batches[0].key == "batch:1"
    b = batches[0]
    assert b.mc_line.startswith("Trân trọng kính mời các đồng chí có tên sau lên nhận Bằng khen của Tổng Liên đoàn")
    assert "lên trao thưởng" in b.mc_line and b.presenter in b.mc_line
    assert len(b.names) <= ev.settings.batch_size and b.minutes > 0
    assert "đại diện nhận" in b.names[0]  # a collective first, with who walks up
    speeches = substeps_for(ev, "tham_luan")
    assert speeches and all(s.key.startswith("speech:") for s in speeches)
    assert "lên trình bày tham luận" in speeches[0].mc_line and speeches[0].person in speeches[0].mc_line
    assert sum(s.minutes for s in speeches) <= 45
    assert sum(s.minutes for s in substeps_for(ev, "tham_luan", 15)) <= 15  # fitted into the minutes given
    responses = substeps_for(ev, "huong_ung", 10)
    assert responses and "hưởng ứng" in responses[0].mc_line
    assert substeps_for(ev, "bao_cao") == []
