"""The economic security dilemma: classification, repeated play, swing states.

Specification: R = e, T = g - k, P = -k, S = -v. Friend-shoring pays against an open rival iff
g > e + k and against a friend-shoring rival iff v > k; the classes follow. Repeated: grim
trigger under imperfect monitoring sustains openness iff
delta >= (T - R)/((q - eps)(R - P) + (1 - eps)(T - R)). Swing states: aligning pays iff the
aligned share exceeds (o - sigma + c)/(o + b).
"""

from __future__ import annotations

import itertools
from fractions import Fraction as F

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from deterrence.games.normal_form import NormalFormGame
from deterrence.models.security_dilemma import (
    classify_security_dilemma,
    economic_security_dilemma,
    openness_discount_threshold,
    repeated_security_dilemma,
    security_dilemma_boundaries,
    swing_states,
    tipping_point,
)
from deterrence.solvers.anonymous import solve_anonymous_symmetric
from deterrence.solvers.repeated import imperfect_monitoring_threshold
from tests.models.conftest import profiles


def expected_class(e, g, k, v):
    exploit, defend = g > e + k, v > k
    if exploit and defend:
        return "prisoner's dilemma"
    if defend:
        return "stag hunt"
    if exploit:
        return "chicken"
    return "harmony"


POINTS = list(itertools.product([1, 3], [1, F(7, 2), 6], [F(1, 2), 2], [F(1, 4), 1, 5]))
GENERIC = [(e, g, k, v) for e, g, k, v in POINTS if g != e + k and v != k]


def test_points_cover_every_class():
    assert {expected_class(*point) for point in GENERIC} == {
        "prisoner's dilemma",
        "stag hunt",
        "chicken",
        "harmony",
    }


@pytest.mark.parametrize("e, g, k, v", GENERIC)
def test_classification_matches_inequalities(e, g, k, v):
    values = dict(efficiency_gain=e, security_gain=g, reshoring_cost=k, vulnerability=v)
    assert classify_security_dilemma(**values) == expected_class(e, g, k, v)


@pytest.mark.parametrize("e, g, k, v", GENERIC)
def test_equilibria_match_the_class(outcomes, e, g, k, v):
    found = outcomes(
        economic_security_dilemma(),
        efficiency_gain=e,
        security_gain=g,
        reshoring_cost=k,
        vulnerability=v,
    )
    both_open, both_shore = "(open, open)", "(friend-shore, friend-shore)"
    kind = expected_class(e, g, k, v)
    if kind == "prisoner's dilemma":
        assert found == {both_shore}
    elif kind == "harmony":
        assert found == {both_open}
    elif kind == "stag hunt":
        assert {both_open, both_shore} <= found and len(found) == 3
    else:  # chicken: two asymmetric pure equilibria and a mixed one
        assert {"(open, friend-shore)", "(friend-shore, open)"} <= found and len(found) == 3


def test_boundaries():
    assert {k: str(v) for k, v in security_dilemma_boundaries().items()} == {
        "temptation = reward": "efficiency_gain + reshoring_cost"
    }
    assert {k: str(v) for k, v in security_dilemma_boundaries("vulnerability").items()} == {
        "punishment = sucker": "reshoring_cost"
    }


def _stage(e, g, k, v):
    return NormalFormGame.from_matrices([[e, -v], [g - k, -k]], [[e, g - k], [-v, -k]])


@pytest.mark.parametrize(
    "detection, false_alarm",
    [(1, 0), (F(1, 2), F(1, 10)), (F(3, 4), F(1, 20)), (F(9, 10), F(1, 5))],
)
def test_repeated_threshold_agrees_with_repeated_games_module(detection, false_alarm):
    values = dict(efficiency_gain=3, security_gain=5, reshoring_cost=1)
    ours = openness_discount_threshold(**values, detection=detection, false_alarm=false_alarm)
    theirs = imperfect_monitoring_threshold(
        _stage(3, 5, 1, 4), detection=detection, false_alarm=false_alarm
    )
    t, r, p = 4, 3, -1
    formula = F(t - r) / ((detection - false_alarm) * (r - p) + (1 - false_alarm) * (t - r))
    assert ours == theirs == formula


@pytest.mark.parametrize("detection", [F(1, 4), F(1, 2), F(3, 5), F(2, 3), F(9, 10)])
@pytest.mark.parametrize("discount", [F(1, 5), F(1, 3), F(1, 2), F(9, 10)])
def test_repeated_game_equilibrium_matches_threshold(outcomes, detection, discount):
    alarm = F(1, 10)
    t, r, p = 4, 3, -1
    threshold = F(t - r) / ((detection - alarm) * (r - p) + (1 - alarm) * (t - r))
    if discount == threshold:
        pytest.skip("boundary")
    found = outcomes(
        repeated_security_dilemma(), detection=detection, discount=discount, false_alarm=alarm
    )
    cooperative = "(conditional openness, conditional openness)" in found
    assert cooperative == (discount > threshold)


def test_better_monitoring_lowers_required_patience():
    values = [
        openness_discount_threshold(
            efficiency_gain=3, security_gain=5, reshoring_cost=1, detection=q, false_alarm=F(1, 10)
        )
        for q in (F(1, 2), F(3, 5), F(4, 5), 1)
    ]
    assert values == sorted(values, reverse=True)


@pytest.mark.parametrize("premium, cost", [(1, 1), (2, 1), (F(1, 2), 2)])
def test_swing_state_tipping_point(premium, cost):
    o, b = 3, 4
    expected = F(o - premium + cost, o + b)
    assert (
        tipping_point(
            openness_value=o, bloc_benefit=b, security_premium=premium, alignment_cost=cost
        )
        == expected
    )
    game = swing_states(num_states=12, security_premium=premium, alignment_cost=cost)
    result = solve_anonymous_symmetric(game, exact=True)
    interior = [eq for eq in result if 0 < eq.probability < 1]
    assert [eq.probability for eq in interior] == [expected]
    assert interior[0].stability == "unstable"
    assert {eq.probability for eq in result if eq.stability == "stable"} == {0, 1}


def test_swing_state_best_reply_switches_at_the_tipping_point():
    game = swing_states(num_states=8).at()  # 7 others, tipping share 3/7
    for aligned in range(8):
        align = game.payoff("align", (aligned, 7 - aligned))
        stay = game.payoff("non-aligned", (aligned, 7 - aligned))
        share = F(aligned, 7)
        if share != F(3, 7):
            assert (align > stay) == (share > F(3, 7))


# ---------------------------------------------------------------- thresholds() and sweep()
def test_switching_surfaces_via_thresholds():
    import sympy

    from deterrence.analysis import thresholds

    game = economic_security_dilemma()
    e, k = (sympy.Symbol(n, real=True) for n in ("efficiency_gain", "reshoring_cost"))
    (found,) = thresholds(game, "security_gain", fixed=dict(vulnerability=4), domain=(0, 20))
    assert sympy.simplify(found.expression - (e + k)) == 0
    (numeric,) = thresholds(
        game,
        "vulnerability",
        fixed=dict(efficiency_gain=3, security_gain=2, reshoring_cost=1),
        domain=(0, 10),
    )
    assert numeric.value == 1  # v = k separates harmony from stag hunt


def test_classes_via_sweep():
    from deterrence.analysis import sweep

    gains = [F(1, 2) * j for j in range(1, 17)]
    vulnerabilities = [F(1, 4), F(1, 2), 2, 5]
    frame = sweep(
        economic_security_dilemma(),
        {
            "security_gain": [float(g) for g in gains],
            "vulnerability": [float(v) for v in vulnerabilities],
        },
        progress=False,
    )
    for (g, v), rows in frame.groupby(["security_gain", "vulnerability"]):
        g, v = F(g), F(v)
        if g == 4 or v == 1:
            continue
        pure = {o for o, p in zip(profiles(rows), rows["is_pure"]) if p}
        kind = expected_class(3, g, 1, v)
        expected = {
            "prisoner's dilemma": {"(friend-shore, friend-shore)"},
            "harmony": {"(open, open)"},
            "stag hunt": {"(open, open)", "(friend-shore, friend-shore)"},
            "chicken": {"(open, friend-shore)", "(friend-shore, open)"},
        }[kind]
        assert pure == expected


def test_repeated_detection_threshold_via_thresholds_and_sweep():
    from deterrence.analysis import sweep, thresholds

    game = repeated_security_dilemma()
    fixed = dict(
        efficiency_gain=3,
        security_gain=5,
        reshoring_cost=1,
        vulnerability=4,
        discount=F(1, 3),
        false_alarm=F(1, 10),
    )
    # delta = (T-R)/((q-e)(R-P) + (1-e)(T-R))  <=>  q = e + ((T-R)/delta - (1-e)(T-R))/(R-P)
    expected = F(1, 10) + (F(1) / F(1, 3) - F(9, 10)) / 4
    values = [t.value for t in thresholds(game, "detection", fixed=fixed)]
    assert values == [expected] == [F(5, 8)]
    frame = sweep(game, {"detection": [k / 20 for k in range(21)]}, progress=False)
    for q, rows in frame.groupby("detection"):
        if F(q).limit_denominator(20) == expected:
            continue
        cooperative = "(conditional openness, conditional openness)" in set(profiles(rows))
        assert cooperative == (q > expected)


_value = st.fractions(min_value=0, max_value=10, max_denominator=10)


@given(e=_value, g=_value, k=_value, v=_value)
def test_classifier_at_random_points(e, g, k, v):
    assume(e > 0 and g != e + k and v != k)
    assert classify_security_dilemma(
        efficiency_gain=e, security_gain=g, reshoring_cost=k, vulnerability=v
    ) == expected_class(e, g, k, v)


@pytest.mark.parametrize("e, g, k", [(3, 5, 1), (2, 9, F(1, 2)), (1, 4, 2)])
def test_repeated_game_representation_with_perfect_monitoring(e, g, k):
    from deterrence.models.security_dilemma import security_dilemma_repeated_game
    from deterrence.solvers.repeated import grim_trigger_threshold

    game = security_dilemma_repeated_game(
        "1/2", efficiency_gain=e, security_gain=g, reshoring_cost=k, vulnerability=k + 3
    )
    t, r, p = g - k, e, -k
    assert grim_trigger_threshold(game) == F(t - r, t - p)
    assert openness_discount_threshold(
        efficiency_gain=e, security_gain=g, reshoring_cost=k, detection=1, false_alarm=0
    ) == F(t - r, t - p)
