"""The burst check alone (console.door.burst): a scanner's keys against a person's, timed.

No sleeps: every key carries its own timestamp, as the driver stamps it on arrival.
"""

from __future__ import annotations

import math
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from console.door.burst import MAX_GAP, BurstDetector
from console.door.tokens import make_legacy_token, make_token
from tests.ime_sim import quick_telex

SECRET = b"burst-test-secret-0123456789abcd"
NAMES = ["Hoàng Thị Hạnh", "Hà Văn Hưng", "Nguyễn Thị Thanh Hương", "Tô Văn Hn", "Bàn Thị Hoa",
         "Trương Thị Nhung", "Đới Văn Hiền", "Hồ Sỹ Hùng", "Lý Hải Nam", "Vi Văn Hạnh",
         "HN", "HNCBT", "Hn 0042", "hn", "Chu Thị Hằng", "Hầu A Páo"]


def run(keys: list[tuple[str, str | None, float]]) -> tuple[str, list[str]]:
    """Feed keys (name, character, time); what was delivered (typed text) and what was scanned."""
    det: BurstDetector[tuple] = BurstDetector()
    delivered: list[str] = []
    scanned: list[str] = []
    for k in keys:
        step = det.feed(k, k[0], k[1], k[2])
        delivered += [x[1] if x[0] != "enter" else "⏎" for x in step.release]
        if step.payload:
            scanned.append(step.payload)
    step = det.flush()
    delivered += [x[1] if x[0] != "enter" else "⏎" for x in step.release]
    return "".join(c or "" for c in delivered), scanned


def timed(text: str, gaps, start: float = 100.0, enter: bool = True) -> list[tuple[str, str | None, float]]:
    out, t = [], start
    for ch in text:
        out.append(("backspace" if ch == "\b" else ("space" if ch == " " else ch), None if ch == "\b" else ch, t))
        t += next(gaps)
    if enter:
        out.append(("enter", "\r", t))
    return out


def scanner_gaps(rnd: random.Random):
    while True:  # a wedge scanner: 5–25 ms a character
        yield rnd.uniform(0.005, 0.025)


def person_gaps(rnd: random.Random, per_second: float = 8.0):
    # A person at 8 characters a second: log-normal gaps around 125 ms, a fast pair now and then
    # (σ = 0.5 puts 3 % of gaps under 50 ms).
    median = 1 / per_second
    while True:
        yield rnd.lognormvariate(math.log(median), 0.5)


def test_a_scan_is_taken_upper_and_lower_case_and_never_delivered():
    rnd = random.Random(1)
    token = make_token(SECRET, 4242)
    for payload in (token, token.lower()):
        typed, scanned = run(timed(payload, scanner_gaps(rnd)))
        assert scanned == [payload.upper()] and typed == ""


def test_what_comes_before_and_after_a_scan_is_delivered_in_order():
    rnd = random.Random(2)
    token = make_token(SECRET, 7)
    keys = timed("Lo", person_gaps(rnd), enter=False)
    keys += timed(token, scanner_gaps(rnd), start=keys[-1][2] + 0.3)
    keys += timed("an", person_gaps(rnd), start=keys[-1][2] + 0.4, enter=False)
    typed, scanned = run(keys)
    assert scanned == [token] and typed == "Loan"


def test_an_ime_rewrite_stays_in_the_burst():
    rnd = random.Random(3)
    for did in range(1, 500):
        old = make_legacy_token(SECRET, did)
        if quick_telex(old) != old:
            break
    _typed, scanned = run(timed(quick_telex(old.lower()), scanner_gaps(rnd)))
    assert scanned == [quick_telex(old)]
    # Unikey over a terminal: "dd" arrives as d, backspace, đ — the burst holds it all.
    typed, scanned = run(timed("HND\bĐA\bÂ0042KMCTBV", scanner_gaps(rnd)))
    assert scanned == ["HNĐÂ0042KMCTBV"] and typed == ""


def test_a_gap_longer_than_the_threshold_ends_the_burst():
    token = make_token(SECRET, 9)
    fast = iter([0.02] * 30)
    assert run(timed(token, fast))[1] == [token]
    # one gap just over MAX_GAP in the middle: the keys go where they were going, nothing scanned
    gaps = iter([0.02] * 9 + [MAX_GAP + 0.001] + [0.02] * 30)
    typed, scanned = run(timed(token, gaps))
    assert scanned == [] and typed == token + "⏎"
    gaps = iter([0.02] * 9 + [MAX_GAP - 0.001] + [0.02] * 30)
    assert run(timed(token, gaps))[1] == [token]


def test_too_short_or_not_shaped_like_a_token_is_typing():
    rnd = random.Random(4)
    for text in ("HN", "HN0042", "Hà Nội", "hnx-12345678", "HNCBT KLM 0042"):
        typed, scanned = run(timed(text, scanner_gaps(rnd)))
        assert scanned == [] and typed == text + "⏎"


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(list("Hhn N0BCaàệ\b") + ["enter"]), st.floats(0, 0.3)), max_size=60))
def test_no_key_is_ever_lost_or_reordered(keys):
    seq, t = [], 0.0
    for i, (k, gap) in enumerate(keys):
        t += gap
        seq.append(("backspace" if k == "\b" else k, None if k in ("\b",) else ("\r" if k == "enter" else k), t, i))
    det: BurstDetector[tuple] = BurstDetector()
    out: list[int] = []
    scanned_ids: list[int] = []
    pending: list[int] = []
    for item in seq:
        pending.append(item[3])
        step = det.feed(item, item[0], item[1], item[2])
        out += [x[3] for x in step.release]
        if step.payload is not None:
            scanned_ids += [p for p in pending if p not in out]
        pending = [p for p in pending if p not in out and p not in scanned_ids]
    out += [x[3] for x in det.flush().release]
    assert sorted(out + scanned_ids) == list(range(len(seq)))
    assert out == sorted(out)


def test_false_positive_rate_of_a_person_typing_at_8_characters_a_second():
    """The figure quoted in the issue's note: names (with H and h in them) and, the worst case,
    a badge's own token typed by hand, each followed by Enter, at 8 characters a second."""
    rnd = random.Random(20260415)
    trials = 10_000
    names_taken = tokens_taken = scanner_missed = 0
    for i in range(trials):
        name = rnd.choice(NAMES)
        typed, scanned = run(timed(name, person_gaps(rnd)))
        names_taken += bool(scanned)
        assert typed == name + "⏎"
        token = make_token(SECRET, rnd.randint(1, 1_000_000))
        tokens_taken += bool(run(timed(token, person_gaps(rnd)))[1])
        scanner_missed += not run(timed(token.lower() if i % 2 else token, scanner_gaps(rnd)))[1]
    print(f"\nburst: names taken as scans {names_taken}/{trials}, hand-typed tokens {tokens_taken}/{trials}, "
          f"scanner bursts missed {scanner_missed}/{trials} (max gap {MAX_GAP * 1000:.0f} ms)")
    assert names_taken == 0 and tokens_taken == 0 and scanner_missed == 0
