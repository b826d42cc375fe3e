"""Electing delegates by secret ballot (bỏ phiếu kín), as the union charter asks (art. 10.2–10.3).

The counting board (ban kiểm phiếu) reports: the candidates, the ballots issued
and the valid ones, and each candidate's votes. Elected: more than 1/2 of the
valid ballots, highest first within the seats; candidates level on the last
seat are reported as tied (the hall votes again among them), never chosen by
the order of the list. The ballot is valid only with the quorum present when
the ballots were issued (same [vote] quorum rule as a show of hands).

Journal kind vote_ballot {"candidates", "seats", "issued", "valid_ballots", "votes",
"present", "registered", "quorum", "quorum_valid", "elected", "tied"}: one count, with the
figures it was judged on; a later count (a new round) replaces it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from console.ground.errors import UserError
from console.people.quota import format_share
from console.record.vote import quorum_met, rules_from_settings

BALLOT = "vote_ballot"


# --- the rule: pure -----------------------------------------------------------------------

@dataclass(frozen=True)
class Result:
    elected: list[int]  # highest first
    tied: list[int]  # level on the last seat(s) left: to be voted again
    ranked: list[tuple[int, int]]  # (candidate, votes), highest first, every candidate

    def outcome(self, candidate: int, valid: int) -> str:
        if candidate in self.elected:
            return "Trúng cử"
        if candidate in self.tied:
            return "Bằng phiếu — bầu lại"
        votes = dict(self.ranked).get(candidate, 0)
        return "Không trúng cử" if 2 * votes > valid else "Không trúng cử (không quá 1/2 số phiếu hợp lệ)"


def elect(candidates: list[int], votes: dict[int, int], valid: int, seats: int) -> Result:
    """More than half of the valid ballots, then the most votes first within `seats`; a tie on
    the last seat elects no one of those level (they are `tied`). List order never decides."""
    ranked = sorted(((c, votes.get(c, 0)) for c in candidates), key=lambda cv: -cv[1])  # stable: list order kept
    eligible = [(c, v) for c, v in ranked if 2 * v > valid]
    if len(eligible) <= seats:
        return Result([c for c, _ in eligible], [], ranked)
    cutoff = eligible[seats - 1][1]
    above = [c for c, v in eligible if v > cutoff]
    level = [c for c, v in eligible if v == cutoff]
    if len(above) + len(level) == seats:  # the level ones all fit
        return Result(above + level, [], ranked)
    return Result(above, level, ranked)


def check_count(candidates: list[int], seats: int, issued: int, valid: int, votes: dict[int, int],
                present: int) -> None:
    """What a counting board's figures must satisfy; a sentence for the first that does not."""
    if not candidates:
        raise UserError("Chưa có ứng cử viên: hãy ghi mã các đại biểu trong danh sách bầu (--candidates).")
    for label, n in (("phiếu phát ra", issued), ("phiếu hợp lệ", valid)):
        if isinstance(n, bool) or not isinstance(n, int) or n < 0:
            raise UserError(f"Số {label} “{n}” không hợp lệ: phải là số nguyên không âm.")
    if issued > present:
        raise UserError(f"Số phiếu phát ra ({issued}) vượt số đại biểu có quyền bầu đang có mặt ({present}). "
                        "Hãy kiểm lại, hoặc điểm danh những người chưa quét thẻ.")
    if valid > issued:
        raise UserError(f"Số phiếu hợp lệ ({valid}) vượt số phiếu phát ra ({issued}). Hãy kiểm lại biên bản kiểm phiếu.")
    unknown = [c for c in votes if c not in candidates]
    if unknown:
        raise UserError(f"Có số phiếu cho mã {', '.join(f'{c:04d}' for c in unknown)} không nằm trong danh sách bầu.")
    for c, n in votes.items():
        if isinstance(n, bool) or not isinstance(n, int) or n < 0 or n > valid:
            raise UserError(f"Số phiếu của mã {c:04d} là {n}: phải từ 0 đến số phiếu hợp lệ ({valid}).")
    if sum(votes.values()) > valid * seats:
        raise UserError(f"Tổng số phiếu bầu ({sum(votes.values())}) vượt {valid} phiếu hợp lệ × {seats} suất: "
                        "mỗi phiếu chỉ bầu tối đa số suất. Hãy kiểm lại.")


# --- the record -------------------------------------------------------------------------

@dataclass
class Count:
    at: str
    candidates: list[int]
    seats: int
    issued: int
    valid: int
    votes: dict[int, int]
    present: int
    registered: int
    quorum: str
    quorum_valid: bool
    elected: list[int] = field(default_factory=list)
    tied: list[int] = field(default_factory=list)

    @property
    def result(self) -> Result:
        return elect(self.candidates, self.votes, self.valid, self.seats)


def last_count(event) -> Count | None:
    found = None
    for e in event.journal.entries:
        if e.kind != BALLOT or not isinstance(e.data, dict):
            continue
        d = e.data
        try:
            found = Count(e.at, [int(c) for c in d["candidates"]], int(d["seats"]), int(d["issued"]),
                          int(d["valid_ballots"]), {int(k): int(v) for k, v in d["votes"].items()},
                          int(d["present"]), int(d["registered"]), str(d["quorum"]), bool(d["quorum_valid"]),
                          [int(c) for c in d.get("elected", [])], [int(c) for c in d.get("tied", [])])
        except (KeyError, TypeError, ValueError, AttributeError):
            continue  # a damaged line: `hoinghi verify` names it
    return found


def record_count(event, candidates: list[int], issued: int, valid: int, votes: dict[int, int], *,
                 seats: int | None = None, desk: str | None = None) -> Count:
    """The counting board's figures, judged on the hall as it is now, one journal line."""
    rules = rules_from_settings(event.settings)
    seats = rules.seats if seats is None else seats
    candidates = list(dict.fromkeys(int(c) for c in candidates))
    if not isinstance(seats, int) or seats < 1:
        raise UserError(f"Số suất bầu “{seats}” không hợp lệ: phải là số nguyên dương.")

    def decide(ev):
        for c in candidates:
            d = ev.get(c)
            if d is None:
                raise UserError(f"Không có đại biểu mã {c:04d} trong danh sách. Xem mã bằng `hoinghi tokens`.")
            if not d.exemplary:
                raise UserError(f"{d.name} (mã {d.code}) không phải đại biểu điển hình: không ứng cử đi dự cấp trên.")
        present, registered = rules.counts(ev)
        check_count(candidates, seats, issued, valid, votes, present)
        ok = quorum_met(present, registered, rules.quorum, rules.quorum_at_least)
        result = elect(candidates, votes, valid, seats) if ok else Result([], [], [])
        return [(BALLOT, {"candidates": candidates, "seats": seats, "issued": issued, "valid_ballots": valid,
                          "votes": {str(c): votes.get(c, 0) for c in candidates}, "present": present,
                          "registered": registered, "quorum": rules.quorum_text, "quorum_valid": ok,
                          "elected": result.elected, "tied": result.tied})]

    event.transact(decide, desk=desk)
    found = last_count(event)
    assert found is not None
    return found


# --- the tally sheet (biên bản kiểm phiếu) -------------------------------------------------

def tally_sheet(event, count: Count | None = None, candidates: list[int] | None = None) -> str:
    """Markdown: the filled sheet after a count; before one, the blank form the board fills."""
    s = event.settings
    everyone = event.delegates()
    count = count if count is not None else last_count(event)
    ids = count.candidates if count is not None else list(candidates or [])
    lines = [f"**{(s.parent_unit or '').upper()}**  ", f"**{s.unit.upper()}**", "",
             "# BIÊN BẢN KIỂM PHIẾU", f"## Bầu đại biểu đi dự Hội nghị, Đại hội cấp trên — {s.name}", "",
             f"{s.place_date_line}.", ""]
    if count is None:
        lines += ["Số đại biểu triệu tập: ……; có mặt: ……; số phiếu phát ra: ……; thu vào: ……; hợp lệ: ……; "
                  "không hợp lệ: …….", "", "| STT | Họ và tên | Đơn vị | Số phiếu bầu | Tỉ lệ (% phiếu hợp lệ) |",
                  "|---|---|---|---|---|"]
        for n, c in enumerate(ids, start=1):
            d = everyone.get(c)
            lines.append(f"| {n} | {d.name if d else c} | {d.unit if d else ''} |  |  |")
    else:
        res = count.result
        order = {c: i for i, (c, _v) in enumerate(res.ranked)}
        lines += [f"Số đại biểu triệu tập: {count.registered}; có mặt lúc bầu: {count.present} "
                  f"({'đủ' if count.quorum_valid else 'KHÔNG đủ'} {count.quorum} số triệu tập); "
                  f"số phiếu phát ra: {count.issued}; hợp lệ: {count.valid}; không hợp lệ: {count.issued - count.valid}. "
                  f"Số suất: {count.seats}.", "",
                  "| STT | Họ và tên | Đơn vị | Số phiếu bầu | Tỉ lệ (% phiếu hợp lệ) | Kết quả |",
                  "|---|---|---|---|---|---|"]
        for n, c in enumerate(sorted(ids, key=lambda c: order.get(c, 0)), start=1):
            d = everyone.get(c)
            v = count.votes.get(c, 0)
            share = format_share(Fraction(v, count.valid) if count.valid else None, Fraction(1, 2))
            outcome = res.outcome(c, count.valid) if count.quorum_valid else "Cuộc bầu không hợp lệ"
            lines.append(f"| {n} | {d.name if d else c} | {d.unit if d else ''} | {v} | {share} | {outcome} |")
        lines.append("")
        if not count.quorum_valid:
            lines.append("**Cuộc bầu không hợp lệ: không đủ số đại biểu có mặt.**")
        else:
            lines.append(f"Trúng cử ({len(count.elected)}/{count.seats} suất), số phiếu từ cao xuống thấp: "
                         + ("; ".join(everyone[c].name for c in count.elected if c in everyone) or "không có ai") + ".")
            if count.tied:
                left = count.seats - len(count.elected)
                lines.append(f"**Bằng phiếu** cho {left} suất còn lại: "
                             + "; ".join(f"{everyone[c].name} ({count.votes.get(c, 0)} phiếu)" for c in count.tied
                                         if c in everyone) + " — đề nghị hội nghị bầu lại giữa các đồng chí này.")
    lines += ["", "| TRƯỞNG BAN KIỂM PHIẾU | CÁC THÀNH VIÊN |", "|---|---|", "| (Ký, ghi rõ họ tên) | (Ký, ghi rõ họ tên) |", ""]
    return "\n".join(lines)
