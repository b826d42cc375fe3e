"""The 70/30 rule: exact boundaries, headroom, missing exemplary — property-tested."""

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from console.people.quota import Composition, as_fraction, compose, format_share, share_float
from console.people.roster import Delegate


def people(exemplary: int, guests: int) -> list[Delegate]:
    out = [Delegate(id=i + 1, name=f"Người {i}", category="ca_nhan") for i in range(exemplary)]
    out += [Delegate(id=exemplary + i + 1, name=f"Khách {i}", category="khach_moi") for i in range(guests)]
    return out


def test_exactly_seventy_percent_passes():
    c = compose(people(70, 30))
    assert c.ok and c.exemplary_share == Fraction(7, 10)
    assert format_share(c.exemplary_share) == "70,0 %"
    assert c.guest_headroom == 0


def test_just_below_fails_and_never_displays_as_seventy():
    c = compose(people(699, 301))  # 69.9 %
    assert not c.ok
    assert format_share(c.exemplary_share) == "69,9 %"
    c = compose(people(6999, 3001))  # 69.99 %: rounding half-up would show 70,0 %
    assert not c.ok and format_share(c.exemplary_share) == "69,9 %"
    assert share_float(c.exemplary_share) == 69.9


def test_empty_hall():
    c = compose([])
    assert c.ok and c.total == 0 and c.exemplary_share is None and format_share(None) == "—"
    assert c.guest_headroom == 0


def test_categories_and_priority_counts():
    ds = [Delegate(1, "A", "tap_the", gender="nu", ethnicity="Tày", direct_production=True),
          Delegate(2, "B", "ca_nhan", gender="nam", ethnicity="Kinh", leader=True),
          Delegate(3, "C", "khach_moi", gender="nu", ethnicity="")]
    c = compose(ds)
    assert (c.collectives, c.individuals, c.guests, c.women, c.minorities, c.direct_production, c.non_leadership) == \
        (1, 1, 1, 2, 1, 1, 2)


@pytest.mark.parametrize("value", [0.7, "0.70", "70%", "70 %", 70, "0,7"])
def test_quota_setting_forms(value):
    assert as_fraction(value) == Fraction(7, 10)


@given(st.integers(0, 400), st.integers(0, 400))
def test_verdict_is_exact_integer_arithmetic(e, g):
    c = compose(people(e, g))
    assert c.ok == (10 * e >= 7 * (e + g))


@given(st.integers(0, 300), st.integers(0, 300))
def test_guest_headroom_is_tight(e, g):
    c = Composition(e + g, e, g, 0, e, 0, 0, 0, 0)
    h = c.guest_headroom
    if c.ok:
        assert Composition(e + g + h, e, g + h, 0, e, 0, 0, 0, 0).ok
        assert not Composition(e + g + h + 1, e, g + h + 1, 0, e, 0, 0, 0, 0).ok or e + g + h + 1 == 0
    else:
        assert h == 0


@given(st.integers(0, 300), st.integers(0, 300))
def test_exemplary_missing_is_tight(e, g):
    c = Composition(e + g, e, g, 0, e, 0, 0, 0, 0)
    m = c.exemplary_missing
    assert Composition(e + g + m, e + m, g, 0, e + m, 0, 0, 0, 0).ok
    if m > 0:
        assert not Composition(e + g + m - 1, e + m - 1, g, 0, e + m - 1, 0, 0, 0, 0).ok


@given(st.integers(1, 2000), st.integers(0, 2000))
def test_display_never_claims_a_pass_that_is_not(total, e):
    e = min(e, total)
    c = compose(people(e, total - e))
    shown = float(format_share(c.exemplary_share).split()[0].replace(",", "."))
    assert (shown >= 70.0) == c.ok


def test_shares_round_to_the_nearest_tenth_but_never_across_a_threshold():
    assert format_share(Fraction(8046, 10000)) == "80,5 %"  # nearest: was rounded down to 80,4
    assert format_share(Fraction(7804, 10000)) == "78,0 %"
    assert format_share(Fraction(6996, 10000)) == "69,9 %"  # below 70 % never shows as 70,0 %
    assert format_share(Fraction(7, 10)) == "70,0 %"
    assert format_share(Fraction(3004, 10000)) == "30,1 %"  # over 30 % never shows as 30,0 %
    assert format_share(Fraction(4996, 10000)) == "49,9 %" and format_share(Fraction(5004, 10000)) == "50,1 %"
    # an event's own quota is a threshold too, when the caller names it
    assert format_share(Fraction(7496, 10000)) == "75,0 %"
    assert format_share(Fraction(7496, 10000), Fraction(3, 4)) == "74,9 %"


@given(st.fractions(min_value=0, max_value=1), st.sampled_from([Fraction(7, 10), Fraction(3, 4), Fraction(2, 3)]))
def test_a_shown_share_is_on_the_same_side_of_its_threshold(share, threshold):
    shown = Fraction(share_float(share, threshold)).limit_denominator(10) / 100
    if share != threshold:
        assert (shown < threshold) == (share < threshold) and (shown > threshold) == (share > threshold)
    assert abs(shown - share) <= Fraction(1, 1000)
