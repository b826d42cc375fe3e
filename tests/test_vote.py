"""Item 9: the proposed list, the show of hands, the rule from event.toml."""

from __future__ import annotations

import json
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from console.door import checkin
from console.ground.errors import UserError
from console.ground.settings import load_settings
from console.record import vote

HALF, TWO_THIRDS = Fraction(1, 2), Fraction(2, 3)


def unit_rules(event, **extra: str):
    """A unit whose own rules differ from the charter: everyone present votes, valid with more
    than half of the list present (the alternatives [vote] keeps). Returns the event reopened."""
    from console.event import Event

    path = event.folder / "event.toml"
    text = path.read_text(encoding="utf-8")
    for old, new in (('voters = "exemplary"', 'voters = "all"'), ('quorum = "2/3"', 'quorum = "1/2"'),
                     ('quorum_threshold = "at_least"', 'quorum_threshold = "more_than"')):
        assert old in text
        text = text.replace(old, new)
    for key, value in extra.items():
        text = text.replace("[vote]\n", f"[vote]\n{key} = \"{value}\"\n")
    path.write_text(text, encoding="utf-8")
    return Event(event.folder, desk="ban-1", clock=event.clock)


# --- the rule ----------------------------------------------------------------------

def test_quorum_is_more_than_the_fraction_of_registered():
    assert not vote.quorum_met(70, 140, HALF)  # exactly half is not "more than half"
    assert vote.quorum_met(71, 140, HALF)
    assert not vote.quorum_met(0, 0, HALF)


def test_majority_is_counted_against_those_present_exactly():
    assert not vote.majority_met(50, 100, HALF) and vote.majority_met(51, 100, HALF)
    # 2/3 of 99 is exactly 66: a float 0.6667 * 99 would say 66.003 and refuse 66 for the wrong reason
    assert not vote.majority_met(66, 99, TWO_THIRDS) and vote.majority_met(67, 99, TWO_THIRDS)


def test_judge_needs_quorum_before_majority():
    assert vote.judge(60, 60, 140, HALF, HALF) == vote.Outcome(valid=False, approved=False)
    assert vote.judge(60, 100, 140, HALF, HALF) == vote.Outcome(valid=True, approved=True)
    assert vote.judge(50, 100, 140, HALF, HALF) == vote.Outcome(valid=True, approved=False)


@given(st.integers(0, 300), st.integers(1, 300), st.sampled_from(["1/2", "2/3", "3/4", "50%"]))
def test_majority_agrees_with_integer_arithmetic(votes_for, present, rule):
    m = Fraction(rule.rstrip("%")) / (100 if rule.endswith("%") else 1)
    assert vote.majority_met(votes_for, present, m) == (votes_for * m.denominator > m.numerator * present)


def test_counts_cannot_outnumber_the_hall():
    vote.check_counts(50, 30, 20, 100)
    with pytest.raises(UserError, match="vượt số đại biểu đang có mặt"):
        vote.check_counts(50, 30, 21, 100)
    with pytest.raises(UserError, match="không âm"):
        vote.check_counts(-1, 0, 0, 100)


def test_rules_come_from_event_toml(demo_dir):
    toml = demo_dir / "event.toml"
    text = toml.read_text(encoding="utf-8")
    rules = vote.rules_from_settings(load_settings(toml))  # the charter's defaults
    assert (rules.quorum, rules.quorum_at_least, rules.majority, rules.majority_at_least, rules.voters) == \
        (TWO_THIRDS, True, HALF, False, "exemplary")
    toml.write_text(text.replace('majority = "1/2"', 'majority = "2/3"').replace("higher_level_seats = 10",
                                                                               "higher_level_seats = 4"), encoding="utf-8")
    rules = vote.rules_from_settings(load_settings(toml))
    assert (rules.seats, rules.quorum, rules.majority) == (4, TWO_THIRDS, TWO_THIRDS)
    toml.write_text(text.replace('quorum = "2/3"', 'quorum = "một nửa"'), encoding="utf-8")
    with pytest.raises(UserError, match=r"mục \[vote\], khóa “quorum”"):
        vote.rules_from_settings(load_settings(toml))


# --- through the journal --------------------------------------------------------------

def _fill_hall(event, clock, n=100):
    ids = sorted(event.delegates())[:n]
    for i in ids:
        clock.advance(seconds=5)
        checkin.checkin_delegate(event, i)
    return ids


def _exemplary(event, n):
    return [i for i, d in sorted(event.delegates().items()) if d.exemplary][:n]


def test_propose_only_exemplary_within_the_seats(demo_event):
    guest = next(i for i, d in demo_event.delegates().items() if not d.exemplary)
    with pytest.raises(UserError, match="không phải đại biểu điển hình"):
        vote.propose(demo_event, [guest])
    with pytest.raises(UserError, match="vượt số suất"):
        vote.propose(demo_event, _exemplary(demo_event, 11))
    with pytest.raises(UserError, match="mã 0999"):
        vote.propose(demo_event, [999])
    assert not [e for e in demo_event.journal.entries if e.kind.startswith("vote_")]  # nothing half-written
    ids = _exemplary(demo_event, 10)
    assert vote.propose(demo_event, ids + ids[:2]) == ids  # repeats dropped, order kept
    assert vote.state(demo_event).proposed == ids


def test_vote_counted_against_those_present_at_the_time(demo_event, clock):
    demo_event = unit_rules(demo_event)
    hall = _fill_hall(demo_event, clock, 80)
    vote.propose(demo_event, _exemplary(demo_event, 5))
    with pytest.raises(UserError, match="vượt số đại biểu đang có mặt"):
        vote.record(demo_event, 70, 10, 1)
    for i in hall[:4]:  # four leave before the vote: 76 in the hall
        checkin.checkout(demo_event, i)
    ballot = vote.record(demo_event, 39, 30, 7)
    assert (ballot.present, ballot.registered, ballot.valid, ballot.approved) == (76, 140, True, True)
    entry = demo_event.journal.entries[-1]
    assert entry.kind == "vote_record" and entry.data["for"] == 39 and entry.data["present"] == 76
    with pytest.raises(UserError, match="đã được hội nghị biểu quyết thông qua"):
        vote.propose(demo_event, _exemplary(demo_event, 3))
    with pytest.raises(UserError, match="không biểu quyết lại"):
        vote.record(demo_event, 70, 0, 0)


def test_failed_vote_allows_a_new_list_and_a_second_round(demo_event, clock):
    demo_event = unit_rules(demo_event)
    _fill_hall(demo_event, clock, 100)
    first = _exemplary(demo_event, 6)
    vote.propose(demo_event, first)
    b1 = vote.record(demo_event, 50, 40, 10)  # exactly half: not approved
    assert b1.valid and not b1.approved and vote.state(demo_event).approved_list is None
    vote.propose(demo_event, first[:5])
    b2 = vote.record(demo_event, 90, 5, 5)
    s = vote.state(demo_event)
    assert b2.approved and s.approved_list == first[:5] and len(s.ballots) == 2


def test_no_quorum_means_no_valid_vote(demo_event, clock):
    demo_event = unit_rules(demo_event)
    _fill_hall(demo_event, clock, 70)  # 70 of 140: not more than half
    vote.propose(demo_event, _exemplary(demo_event, 3))
    b = vote.record(demo_event, 70, 0, 0)
    assert not b.valid and not b.approved and b.result_text.startswith("Không hợp lệ")


def test_record_needs_a_proposal(demo_event):
    with pytest.raises(UserError, match="Chưa có danh sách đề cử"):
        vote.record(demo_event, 0, 0, 0)


def test_cli_vote_round_trip(demo_event, demo_dir, clock, cli):
    demo_event = unit_rules(demo_event)
    _fill_hall(demo_event, clock, 90)
    ids = [f"{i:04d}" for i in _exemplary(demo_event, 3)]
    proc = cli("vote", demo_dir, "propose", *ids)
    assert proc.returncode == 0, proc.stderr
    assert "Danh sách đi dự cấp trên: 3/10 suất; có mặt 90/140" in proc.stdout and "Chưa biểu quyết." in proc.stdout
    proc = cli("vote", demo_dir, "record", "--for", "80", "--against", "6", "--abstain", "4")
    assert proc.returncode == 0, proc.stderr
    assert "Thông qua" in proc.stdout
    proc = cli("vote", demo_dir, "show", "--json")
    data = json.loads(proc.stdout)
    assert data["last_vote"]["approved"] and data["last_vote"]["share_for"] == "88,9 %"  # 80/90, to the nearest tenth
    assert [p["id"] for p in data["approved_list"]] == ids
    proc = cli("vote", demo_dir, "record", "--for", "95", "--against", "0", "--abstain", "0")
    assert proc.returncode == 2 and "không biểu quyết lại" in proc.stderr and "Traceback" not in proc.stderr


def test_by_default_guests_neither_count_for_the_quorum_nor_vote(demo_event):
    """The charter's default: the quorum and the majority count the delegates summoned only."""
    from console.door.checkin import checkin_delegate

    ev = demo_event
    everyone = ev.delegates()
    exemplary = sorted(i for i, d in everyone.items() if d.exemplary)
    guests = sorted(i for i, d in everyone.items() if not d.exemplary)
    need = vote.needed(TWO_THIRDS, len(exemplary), True)
    for i in exemplary[:need] + guests:
        checkin_delegate(ev, i)
    vote.propose(ev, exemplary[:3])
    ballot = vote.record(ev, need // 2 + 1, 1, 0)
    assert (ballot.present, ballot.registered) == (need, len(exemplary))
    assert ballot.valid and ballot.approved
    with pytest.raises(UserError):  # more hands than voters present: the guests' do not count
        vote.record(ev, need + 1, 0, 0)


def test_at_least_rule_passes_exactly_at_the_share():
    """Some units write "ít nhất 2/3": reaching the share is enough."""
    two_thirds = Fraction(2, 3)
    assert not vote.majority_met(66, 99, two_thirds) and vote.majority_met(66, 99, two_thirds, at_least=True)
    assert vote.quorum_met(70, 140, HALF, at_least=True) and not vote.quorum_met(69, 140, HALF, at_least=True)
    assert vote.judge(66, 99, 140, HALF, two_thirds, at_least=True) == vote.Outcome(True, True)


def test_threshold_setting_is_recorded_and_worded(demo_event):
    from console.door.checkin import checkin_delegate
    from console.record.minutes import draft, to_markdown

    ev = unit_rules(demo_event, threshold="at_least")  # an older file: one threshold for both
    ids = sorted(ev.imported)
    for i in ids[:100]:
        checkin_delegate(ev, i)
    exemplary = [i for i in ids if ev.get(i).exemplary]
    vote.propose(ev, exemplary[:2])
    ballot = vote.record(ev, 50, 40, 10)  # exactly half of 100 present: passes "at least 1/2"
    assert ballot.approved and ballot.majority_threshold == "at_least" == ballot.quorum_threshold
    assert "tán thành ít nhất 1/2" in to_markdown(draft(ev))


def test_bad_threshold_setting(demo_event):
    path = demo_event.folder / "event.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('majority_threshold = "more_than"',
                                                             'majority_threshold = "tren"'), encoding="utf-8")
    from console.event import Event

    with pytest.raises(UserError) as err:
        vote.rules_from_settings(Event(demo_event.folder).settings)
    assert "majority_threshold" in str(err.value) and "at_least" in str(err.value)
