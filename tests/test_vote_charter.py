"""Item 9 by the union charter: quorum at least 2/3 of the delegates summoned (guests are not),
the MC reads the names then asks the three questions, and the secret ballot elects by more than
1/2 of the valid ballots, highest first within the seats, ties reported."""

from __future__ import annotations

import json
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from console.agenda import steps
from console.agenda.timing import view
from console.door.checkin import checkin_delegate
from console.ground.errors import UserError
from console.record import ballot, vote

TWO_THIRDS = Fraction(2, 3)


def _split(ev):
    everyone = ev.delegates()
    return (sorted(i for i, d in everyone.items() if d.exemplary),
            sorted(i for i, d in everyone.items() if not d.exemplary))


def test_needed_is_the_least_that_reaches_the_share():
    assert vote.needed(TWO_THIRDS, 140, True) == 94 and vote.needed(TWO_THIRDS, 99, True) == 66
    assert vote.needed(Fraction(1, 2), 100, False) == 51 and vote.needed(Fraction(1, 2), 101, False) == 51


@given(st.integers(1, 400), st.sampled_from([Fraction(1, 2), TWO_THIRDS, Fraction(3, 4)]), st.booleans())
def test_needed_agrees_with_the_rule(base, share, at_least):
    n = vote.needed(share, base, at_least)
    assert vote.quorum_met(n, base, share, at_least) and not vote.quorum_met(n - 1, base, share, at_least)


def test_by_default_the_vote_refuses_a_quorum_under_two_thirds_of_the_summoned(demo_event):
    ev = demo_event
    exemplary, guests = _split(ev)
    need = vote.needed(TWO_THIRDS, len(exemplary), True)
    for i in exemplary[:need - 1] + guests:  # every guest in the hall: they do not make up the quorum
        checkin_delegate(ev, i)
    vote.propose(ev, exemplary[:3])
    s = vote.summary(ev)
    assert f"chưa đủ ít nhất 2/3 (cần {need})" in s["quorum_now"]
    b = vote.record(ev, need - 1, 0, 0)
    assert not b.valid and not b.approved and (b.present, b.registered) == (need - 1, len(exemplary))
    vote.propose(ev, exemplary[:3])
    checkin_delegate(ev, exemplary[need - 1])  # one more delegate: exactly 2/3 — enough ("ít nhất")
    b = vote.record(ev, need // 2 + 1, need // 2 - 1, 0)
    assert b.valid and b.approved and b.present == need
    entry = ev.journal.entries[-1]
    assert (entry.data["quorum"], entry.data["quorum_threshold"], entry.data["majority_threshold"]) == \
        ("2/3", "at_least", "more_than")


def test_half_exactly_is_not_approved_by_default(demo_event):
    ev = demo_event
    exemplary, _ = _split(ev)
    for i in exemplary[:80]:
        checkin_delegate(ev, i)
    vote.propose(ev, exemplary[:2])
    b = vote.record(ev, 40, 40, 0)  # "quá 1/2": exactly half does not pass
    assert b.valid and not b.approved


def test_the_mc_reads_the_names_then_asks_the_three_questions(demo_event, clock):
    ev = demo_event
    exemplary, guests = _split(ev)
    for i in exemplary[:90] + guests[:5]:
        checkin_delegate(ev, i)
    vote.propose(ev, exemplary[:3])
    steps.start(ev)
    steps.jump(ev, "9")
    cur = view(ev).current
    assert cur.segment_key == "thong_qua"
    assert cur.mc_line.endswith("danh sách đề cử gồm các đồng chí:")
    names = [ev.get(i).name for i in exemplary[:3]]
    assert [line.split(",")[0] for line in cur.mc_list[:3]] == [f"{n}. Đồng chí {x}" for n, x in enumerate(names, 1)]
    assert cur.mc_list[2].endswith(".") and "(Có mặt 90/" in cur.mc_list[3]
    after = cur.mc_after
    assert after.index("tán thành") < after.index("không tán thành") < after.index("ý kiến nào khác")


def test_the_minutes_say_the_figures_of_the_moment(demo_event):
    from console.record.minutes import draft, to_markdown

    ev = demo_event
    exemplary, guests = _split(ev)
    for i in exemplary[:90] + guests[:5]:
        checkin_delegate(ev, i)
    vote.propose(ev, exemplary[:3])
    vote.record(ev, 80, 6, 4)
    text = to_markdown(draft(ev))
    assert f"đang có mặt 90/{len(exemplary)} đại biểu điển hình (khách mời không biểu quyết); tán thành 80" in text
    assert "có mặt ít nhất 2/3 số đại biểu triệu tập, tán thành trên 1/2 số có mặt. **Thông qua.**" in text


# --- the secret ballot -----------------------------------------------------------------------

def test_elect_tie_free():
    r = ballot.elect([1, 2, 3, 4], {1: 60, 2: 70, 3: 46, 4: 40}, valid=90, seats=2)
    assert r.elected == [2, 1] and r.tied == []  # highest first
    r = ballot.elect([1, 2, 3, 4], {1: 60, 2: 70, 3: 46, 4: 40}, valid=90, seats=3)
    assert r.elected == [2, 1, 3]  # 46 > 45: more than half of the valid ballots
    r = ballot.elect([1, 2, 3], {1: 60, 2: 45, 3: 44}, valid=90, seats=3)
    assert r.elected == [1]  # 45 of 90 is half, not more than half: a seat stays empty


def test_elect_a_tie_on_the_last_seat_is_reported_not_decided_by_list_order():
    r = ballot.elect([1, 2, 3, 4], {1: 80, 2: 55, 3: 55, 4: 30}, valid=90, seats=2)
    assert r.elected == [1] and r.tied == [2, 3]
    r = ballot.elect([1, 2, 3], {1: 55, 2: 55, 3: 70}, valid=90, seats=3)
    assert r.elected == [3, 1, 2] and r.tied == []  # level, but both fit


@given(st.lists(st.integers(0, 100), min_size=1, max_size=12), st.integers(1, 6), st.integers(1, 100))
def test_elect_never_exceeds_the_seats_and_only_majorities(vs, seats, valid):
    votes = {i: min(v, valid) for i, v in enumerate(vs, start=1)}
    r = ballot.elect(list(votes), votes, valid, seats)
    assert len(r.elected) <= seats and all(2 * votes[c] > valid for c in r.elected + r.tied)
    assert all(votes[a] >= votes[b] for a, b in zip(r.elected, r.elected[1:], strict=False))
    losers = [c for c in votes if c not in r.elected and c not in r.tied]
    assert all(votes[e] > votes[x] for e in r.elected for x in losers if 2 * votes[x] > valid)


def _hall(ev, n=90):
    exemplary, _ = _split(ev)
    for i in exemplary[:n]:
        checkin_delegate(ev, i)
    return exemplary


def test_ballot_through_the_cli_and_its_tally_sheet(demo_event, demo_dir, cli):
    ex = _hall(demo_event)
    a, b, c, d = ex[:4]
    blank = cli("vote", demo_dir, "tally", "--candidates", *(f"{i:04d}" for i in (a, b, c, d)))
    assert blank.returncode == 0 and "BIÊN BẢN KIỂM PHIẾU" in blank.stdout and "số phiếu phát ra: ……" in blank.stdout
    proc = cli("vote", demo_dir, "ballot", "--seats", "2", "--candidates", *(f"{i:04d}" for i in (a, b, c, d)),
               "--issued", "90", "--valid", "88", "--votes", f"{a}=50", f"{b}=70", f"{c}=40", f"{d}=10", "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["elected"] == [f"{b:04d}", f"{a:04d}"] and data["tied"] == []
    sheet = cli("vote", demo_dir, "tally").stdout
    names = {i: demo_event.get(i).name for i in (a, b, c, d)}
    assert sheet.index(names[b]) < sheet.index(names[a]) < sheet.index(names[c]) < sheet.index(names[d])  # highest first
    assert "| 70 | 79,5 % | Trúng cử |" in sheet and "Không trúng cử (không quá 1/2 số phiếu hợp lệ)" in sheet
    assert "Trúng cử (2/2 suất)" in sheet


def test_a_tied_ballot_is_reported(demo_event):
    ex = _hall(demo_event)
    a, b, c = ex[:3]
    count = ballot.record_count(demo_event, [a, b, c], 90, 90, {a: 70, b: 55, c: 55}, seats=2)
    assert count.elected == [a] and count.tied == [b, c]
    sheet = ballot.tally_sheet(demo_event)
    assert "**Bằng phiếu** cho 1 suất còn lại" in sheet and "bầu lại" in sheet


@pytest.mark.parametrize(("issued", "valid", "votes", "message"), [
    (200, 80, {}, "vượt số đại biểu có quyền bầu đang có mặt"),
    (80, 85, {}, "vượt số phiếu phát ra"),
    (80, 80, {0: 81}, "phải từ 0 đến số phiếu hợp lệ"),
    (80, 80, {0: 80, 1: 80, 2: 80}, "mỗi phiếu chỉ bầu tối đa số suất"),
])
def test_counts_that_cannot_be_are_refused(demo_event, issued, valid, votes, message):
    ex = _hall(demo_event)
    cands = ex[:3]
    with pytest.raises(UserError, match=message):
        ballot.record_count(demo_event, cands, issued, valid, {cands[k]: v for k, v in votes.items()}, seats=2)
    assert ballot.last_count(demo_event) is None  # nothing written


def test_a_ballot_without_the_quorum_elects_no_one(demo_event):
    ex = _hall(demo_event, 30)
    count = ballot.record_count(demo_event, ex[:3], 30, 30, {ex[0]: 30, ex[1]: 29, ex[2]: 1}, seats=2)
    assert not count.quorum_valid and count.elected == []
    assert "Cuộc bầu không hợp lệ" in ballot.tally_sheet(demo_event)
