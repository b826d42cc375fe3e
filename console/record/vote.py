"""Item 9: the list of delegates going on to the higher-level conference, and its approval.

The organisers propose a list (exemplary delegates only, at most
`[vote] higher_level_seats`); the hall approves it by show of hands: the MC reads
the names, then asks the three questions (tán thành / không tán thành / ý kiến
khác). The counts are taken against the voters PRESENT at the moment of the vote.
Electing delegates by secret ballot is console/record/ballot.py.

Rules (event.toml [vote], exact fractions). Defaults follow the union charter
(2020, art. 10.1): the delegates summoned are the exemplary delegates — guests
are invited, not summoned: they neither count for the quorum nor vote.
  valid     present ≥ 2/3 × summoned     (quorum "2/3", quorum_threshold "at_least")
  approved  valid and for > 1/2 × present (majority "1/2", majority_threshold "more_than")
`voters = "all"` counts everyone in the hall; `threshold` (older files) sets both comparisons.

Kinds: vote_propose (the whole proposed list, replacing any earlier one) and
vote_record (one show of hands, with the figures and the rule — quorum_threshold,
majority_threshold — it was judged on) — their data
in console/ground/kinds.py, written through `event.transact`, folded here.
A later proposal after a failed vote starts a new round; after an approved vote
the list is closed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from fractions import Fraction

from console.ground.errors import UserError
from console.ground.journal import Entry
from console.people.quorum import needed, quorum_met, reaches  # noqa: F401 (re-exported)
from console.people.quota import as_fraction, format_share

PROPOSE = "vote_propose"
RECORD = "vote_record"
DEFAULT_SEATS = 10
DEFAULT_RULE = "1/2"


# --- the rule: pure functions ---------------------------------------------------

_reaches = reaches  # the pure rule is console/people/quorum.py (the MC's attendance report uses it too)


def majority_met(votes_for: int, present: int, majority: Fraction, at_least: bool = False) -> bool:
    """Approved when more than (or at least) `majority` of those present vote for."""
    return present > 0 and _reaches(votes_for, majority, present, at_least)


@dataclass(frozen=True)
class Outcome:
    valid: bool
    approved: bool


def judge(votes_for: int, present: int, registered: int, quorum: Fraction, majority: Fraction,
          at_least: bool = False, *, majority_at_least: bool | None = None) -> Outcome:
    """`at_least` for the quorum (and the majority, unless `majority_at_least` says otherwise)."""
    valid = quorum_met(present, registered, quorum, at_least)
    m_at_least = at_least if majority_at_least is None else majority_at_least
    return Outcome(valid, valid and majority_met(votes_for, present, majority, m_at_least))





def check_counts(votes_for: int, against: int, abstain: int, present: int) -> None:
    """Hands cannot outnumber the people in the hall."""
    for label, value in (("tán thành", votes_for), ("không tán thành", against), ("không biểu quyết", abstain)):
        if not isinstance(value, int) or value < 0:
            raise UserError(f"Số phiếu {label} “{value}” không hợp lệ: phải là số nguyên không âm.")
    total = votes_for + against + abstain
    if total > present:
        raise UserError(
            f"Tổng số biểu quyết ({votes_for} + {against} + {abstain} = {total}) vượt số đại biểu đang có mặt "
            f"({present}). Hãy đếm lại, hoặc điểm danh những người chưa quét thẻ rồi ghi lại.")


# --- settings ---------------------------------------------------------------------

@dataclass(frozen=True)
class VoteRules:
    seats: int = DEFAULT_SEATS
    quorum: Fraction = Fraction(2, 3)
    majority: Fraction = Fraction(1, 2)
    quorum_text: str = "2/3"
    majority_text: str = DEFAULT_RULE
    voters: str = "exemplary"  # "exemplary": guests (khách mời) are not summoned and do not vote; "all"
    quorum_at_least: bool = True  # the charter: "ít nhất 2/3"
    majority_at_least: bool = False  # "quá 1/2"

    def counts(self, event) -> tuple[int, int]:
        """(present, summoned) among those who vote."""
        everyone = event.delegates()
        if self.voters == "exemplary":
            present = sum(1 for i in event.day.present if i in everyone and everyone[i].exemplary)
            return present, sum(1 for d in everyone.values() if d.exemplary)
        return len(event.day.present), len(everyone)

    def quorum_sentence(self, present: int, summoned: int) -> str:
        """"Có mặt 90/140 đại biểu triệu tập: chưa đủ ít nhất 2/3 (cần 94)." — for the MC and the CLI."""
        word = "ít nhất" if self.quorum_at_least else "trên"
        who = "đại biểu triệu tập" if self.voters == "exemplary" else "người trong danh sách"
        if quorum_met(present, summoned, self.quorum, self.quorum_at_least):
            return f"Có mặt {present}/{summoned} {who}: đủ {word} {self.quorum_text}, biểu quyết hợp lệ."
        need = needed(self.quorum, summoned, self.quorum_at_least)
        return (f"Có mặt {present}/{summoned} {who}: chưa đủ {word} {self.quorum_text} (cần {need}); "
                "biểu quyết lúc này sẽ không hợp lệ.")


def rules_from_settings(settings) -> VoteRules:
    """The rules of event.toml [vote], already checked when the file was read (ground/settings.py)."""
    sec = settings.vote
    q_at_least = (sec.threshold or sec.quorum_threshold) == "at_least"
    m_at_least = (sec.threshold or sec.majority_threshold) == "at_least"
    return VoteRules(sec.higher_level_seats, as_fraction(sec.quorum), as_fraction(sec.majority), sec.quorum,
                     sec.majority, sec.voters, q_at_least, m_at_least)


# --- the fold ---------------------------------------------------------------------

@dataclass
class Ballot:
    at: str
    desk: str
    votes_for: int
    against: int
    abstain: int
    present: int
    registered: int
    quorum: str
    majority: str
    valid: bool
    approved: bool
    delegate_ids: list[int]
    quorum_threshold: str = "more_than"
    majority_threshold: str = "more_than"

    @property
    def quorum_word(self) -> str:
        """How the minutes say the comparison: "trên" (more than) or "ít nhất" (at least)."""
        return "ít nhất" if self.quorum_threshold == "at_least" else "trên"

    @property
    def majority_word(self) -> str:
        return "ít nhất" if self.majority_threshold == "at_least" else "trên"

    @property
    def rule_word(self) -> str:  # one word for both, when both compare alike (older callers)
        return self.majority_word

    @property
    def share_for(self) -> Fraction | None:
        return Fraction(self.votes_for, self.present) if self.present else None

    @property
    def result_text(self) -> str:
        if not self.valid:
            return "Không hợp lệ (không đủ số đại biểu có mặt)"
        return "Thông qua" if self.approved else "Không thông qua"


@dataclass
class VoteState:
    proposed: list[int] = field(default_factory=list)
    proposed_at: str | None = None
    ballots: list[Ballot] = field(default_factory=list)

    @property
    def last(self) -> Ballot | None:
        return self.ballots[-1] if self.ballots else None

    @property
    def approved_list(self) -> list[int] | None:
        last = self.last
        return list(last.delegate_ids) if last and last.approved else None


def fold(entries: Iterable[Entry]) -> VoteState:
    state = VoteState()
    for e in entries:
        d = e.data if isinstance(e.data, dict) else {}
        try:
            if e.kind == PROPOSE:
                state.proposed = [int(i) for i in d.get("delegate_ids", [])]
                state.proposed_at = e.at
            elif e.kind == RECORD:
                state.ballots.append(Ballot(
                    e.at, e.desk, int(d["for"]), int(d["against"]), int(d["abstain"]), int(d["present"]),
                    int(d["registered"]), str(d.get("quorum", DEFAULT_RULE)), str(d.get("majority", DEFAULT_RULE)),
                    bool(d["valid"]), bool(d["approved"]), [int(i) for i in d.get("delegate_ids", [])],
                    str(d.get("quorum_threshold", d.get("threshold", "more_than"))),
                    str(d.get("majority_threshold", d.get("threshold", "more_than")))))
        except (KeyError, TypeError, ValueError):
            continue  # a malformed line (hand-edited): `hoinghi verify` names it
    return state


def state(event) -> VoteState:
    return fold(event.journal.entries)


# --- actions (journal lines) ------------------------------------------------------------

def propose(event, delegate_ids: list[int], *, desk: str | None = None, actor: str | None = None) -> list[int]:
    """Set the proposed list (replacing the previous one)."""
    rules = rules_from_settings(event.settings)
    ids = list(dict.fromkeys(int(i) for i in delegate_ids))  # keep order, drop repeats

    def decide(ev):
        current = fold(ev.journal.entries)
        if current.approved_list is not None:
            raise UserError("Danh sách đi dự cấp trên đã được hội nghị biểu quyết thông qua; không sửa được nữa. "
                            "Nếu cần điều chỉnh, hãy lập biên bản bổ sung.")
        if not ids:
            raise UserError("Danh sách đề cử trống. Hãy ghi mã các đại biểu, ví dụ: hoinghi vote THƯ_MỤC propose 12 37 58.")
        if len(ids) > rules.seats:
            raise UserError(f"Đề cử {len(ids)} người, vượt số suất đi dự cấp trên ({rules.seats}, "
                            "event.toml mục [vote] “higher_level_seats”). Hãy bớt người.")
        for i in ids:
            d = ev.get(i)
            if d is None:
                raise UserError(f"Không có đại biểu mã {i:04d} trong danh sách. Xem mã bằng `hoinghi tokens`.")
            if not d.exemplary:
                raise UserError(f"{d.name} (mã {d.code}) là {d.category_label.lower()}, không phải đại biểu điển hình: "
                                "chỉ đại biểu điển hình được đề cử đi dự cấp trên.")
        return [(PROPOSE, {"delegate_ids": ids, "seats": rules.seats})]

    event.transact(decide, desk=desk, actor=actor)
    return ids


def record(event, votes_for: int, against: int, abstain: int, *, desk: str | None = None,
           actor: str | None = None) -> Ballot:
    """Record one show of hands on the proposed list, judged on the hall as it is now."""
    rules = rules_from_settings(event.settings)

    def decide(ev):
        current = fold(ev.journal.entries)
        if not current.proposed:
            raise UserError("Chưa có danh sách đề cử để biểu quyết. Hãy đề cử trước: hoinghi vote THƯ_MỤC propose MÃ…")
        if current.approved_list is not None:
            raise UserError("Danh sách đã được thông qua; không biểu quyết lại.")
        present, registered = rules.counts(ev)
        check_counts(votes_for, against, abstain, present)
        out = judge(votes_for, present, registered, rules.quorum, rules.majority, rules.quorum_at_least,
                    majority_at_least=rules.majority_at_least)
        word = {True: "at_least", False: "more_than"}
        return [(RECORD, {"for": votes_for, "against": against, "abstain": abstain, "present": present,
                          "registered": registered, "quorum": rules.quorum_text, "majority": rules.majority_text,
                          "quorum_threshold": word[rules.quorum_at_least],
                          "majority_threshold": word[rules.majority_at_least],
                          "valid": out.valid, "approved": out.approved, "delegate_ids": list(current.proposed)})]

    event.transact(decide, desk=desk, actor=actor)
    last = state(event).last
    assert last is not None
    return last


def summary(event) -> dict:
    """What `hoinghi vote show` prints: the list, the rule, the last show of hands."""
    rules = rules_from_settings(event.settings)
    st = state(event)
    everyone = event.delegates()

    def person(i: int) -> dict:
        d = everyone.get(i)
        return {"id": f"{i:04d}", "name": d.name if d else None, "unit": d.unit if d else None,
                "title": d.title if d else None, "present": i in event.day.present}

    last = st.last
    present, summoned = rules.counts(event)
    return {
        "seats": rules.seats, "quorum": rules.quorum_text, "majority": rules.majority_text,
        "quorum_rule": "at_least" if rules.quorum_at_least else "more_than",
        "majority_rule": "at_least" if rules.majority_at_least else "more_than",
        "quorum_now": rules.quorum_sentence(present, summoned),
        "proposed": [person(i) for i in st.proposed], "proposed_at": st.proposed_at,
        "voters": rules.voters,
        "present_now": present, "registered": summoned,
        "rounds": len(st.ballots),
        "last_vote": None if last is None else {
            "at": last.at, "for": last.votes_for, "against": last.against, "abstain": last.abstain,
            "present": last.present, "registered": last.registered, "valid": last.valid,
            "approved": last.approved, "result": last.result_text,
            "share_for": format_share(last.share_for),
        },
        "approved_list": None if st.approved_list is None else [person(i) for i in st.approved_list],
    }


# --- the MC's words -------------------------------------------------------------------

def mc_script(event) -> tuple[list[str], str]:
    """(the names as the MC reads them, one a line; the quorum as it stands now). The three
    questions (tán thành / không tán thành / ý kiến khác) follow in the agenda's MC line."""
    rules = rules_from_settings(event.settings)
    st = state(event)
    everyone = event.delegates()
    names = []
    for n, i in enumerate(st.proposed, start=1):
        d = everyone.get(i)
        if d is not None:
            what = ", ".join(x for x in (d.position, d.unit) if x)
            names.append(f"{n}. Đồng chí {d.name}" + (f", {what}" if what else "") + ";")
    if names:
        names[-1] = names[-1][:-1] + "."
    present, summoned = rules.counts(event)
    return names, rules.quorum_sentence(present, summoned)
