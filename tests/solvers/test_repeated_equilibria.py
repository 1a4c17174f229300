"""Tests of deterrence.solvers.repeated: critical discounts, folk theorem, imperfect monitoring.

Known answers: grim trigger (T-R)/(T-P) (Friedman 1971; Fudenberg and Tirole 1991, sec. 5.1);
TFT collectively stable iff delta >= max((T-R)/(T-P), (T-R)/(R-S)) (Axelrod 1984,
Proposition 2); WSLS subgame perfect iff delta >= (T-R)/(R-P) (Fudenberg and Maskin 1990;
Imhof, Fudenberg and Nowak 2007); GTFT generosity min(1-(T-R)/(R-S), (R-P)/(T-P)) (Nowak and
Sigmund 1992; Molander 1985).
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from deterrence.exceptions import InvalidGameError, UnsupportedGameError
from deterrence.games.automata import ALLC, ALLD, GRIM, GTFT, TF2T, TFT, WSLS, Automaton
from deterrence.games.normal_form import NormalFormGame
from deterrence.games.repeated import RepeatedGame, prisoners_dilemma
from deterrence.solvers.repeated import (
    critical_discount,
    feasible_payoffs,
    generous_tit_for_tat_generosity,
    grim_trigger_threshold,
    imperfect_monitoring_game,
    imperfect_monitoring_threshold,
    individually_rational_payoffs,
    is_sustainable,
    minmax_values,
    tit_for_tat_threshold,
    win_stay_lose_shift_threshold,
)

PD = prisoners_dilemma(5, 3, 1, 0)


@st.composite
def pd_payoffs(draw):
    """Integer (T, R, P, S) with T > R > P > S and 2R > T + S."""
    sucker = draw(st.integers(-5, 5))
    gap_low = draw(st.integers(1, 6))
    gap_mid = draw(st.integers(1, 6))
    gap_top = draw(st.integers(1, gap_low + gap_mid - 1))
    punishment = sucker + gap_low
    reward = punishment + gap_mid
    return reward + gap_top, reward, punishment, sucker


def test_closed_forms_for_axelrods_payoffs():
    assert grim_trigger_threshold(PD) == Fraction(1, 2)
    assert tit_for_tat_threshold(PD) == Fraction(2, 3)
    assert generous_tit_for_tat_generosity(PD) == Fraction(1, 3)
    assert win_stay_lose_shift_threshold(prisoners_dilemma(4, 3, 1, 0)) == Fraction(1, 2)
    assert grim_trigger_threshold(RepeatedGame(PD, "1/2")) == Fraction(1, 2)


def test_closed_forms_reject_non_pd_stage_games():
    with pytest.raises(UnsupportedGameError):
        grim_trigger_threshold(NormalFormGame.zero_sum([[1, 2, 3], [4, 5, 6]]))
    with pytest.raises(InvalidGameError, match="not a prisoner's dilemma"):
        grim_trigger_threshold(NormalFormGame.from_matrices([[4, 0], [3, 3]], [[4, 3], [0, 3]]))


@pytest.mark.parametrize(
    ("profile", "equilibrium", "expected"),
    [
        ((GRIM, GRIM), "subgame perfect", Fraction(1, 2)),
        ((GRIM, GRIM), "nash", Fraction(1, 2)),
        ((TFT, TFT), "nash", Fraction(2, 3)),
        ((TFT, TFT), "subgame perfect", sympy.oo),  # not SPE on any interval
        ((ALLD, ALLD), "subgame perfect", 0),
        ((ALLC, ALLC), "nash", sympy.oo),
        ((TF2T, TF2T), "nash", sympy.oo),  # exploited by alternating D, C
        ((WSLS, WSLS), "spe", sympy.oo),  # 2R = T + P for (5, 3, 1, 0)
    ],
)
def test_critical_discount_known_cases(profile, equilibrium, expected):
    assert critical_discount(PD, profile, equilibrium=equilibrium) == expected


@settings(max_examples=12, deadline=None)
@given(pd_payoffs())
def test_critical_discount_agrees_with_the_closed_forms(payoffs):
    """One-shot deviation checks on automaton states reproduce the textbook formulas."""
    t, r, p, s = payoffs
    game = prisoners_dilemma(*payoffs)
    assert critical_discount(game, (GRIM, GRIM)) == Fraction(t - r, t - p)
    assert critical_discount(game, (TFT, TFT), equilibrium="nash") == max(
        Fraction(t - r, t - p), Fraction(t - r, r - s)
    )
    wsls = Fraction(t - r, r - p)
    expected = wsls if wsls < 1 else sympy.oo
    assert critical_discount(game, (WSLS, WSLS)) == expected


def test_critical_discount_threshold_is_tight_numerically():
    """Just below 1/2 a one-shot deviation from GRIM pays; just above it does not."""
    t, r, p = 5, 3, 1
    for delta, profitable in ((0.49, True), (0.51, False)):
        cooperate = r / (1 - delta)
        deviate = t + delta * p / (1 - delta)
        assert (deviate > cooperate) is profitable


def test_critical_discount_for_asymmetric_stage_games():
    """A PD where the column player is more tempted: the larger threshold binds."""
    game = NormalFormGame.from_matrices([[3, 0], [5, 1]], [[3, 9], [0, 1]])
    # column player: (9 - 3)/(9 - 1) = 3/4
    assert critical_discount(game, (GRIM, GRIM)) == Fraction(3, 4)


def test_critical_discount_errors():
    with pytest.raises(UnsupportedGameError, match="deterministic"):
        critical_discount(PD, (GTFT("1/3"), TFT))
    with pytest.raises(InvalidGameError, match="pair of automata"):
        critical_discount(PD, (TFT,))
    with pytest.raises(InvalidGameError, match="Automaton"):
        critical_discount(PD, (TFT, "GRIM"))
    with pytest.raises(InvalidGameError, match="equilibrium"):
        critical_discount(PD, (TFT, TFT), equilibrium="perfect bayesian")


def test_critical_discount_can_be_irrational():
    """A two-period punishment: cooperate, and after a defection defect twice, then forgive.

    One-shot deviation at the cooperative state: R(1 + d + d^2) >= T + d P + d^2 P, i.e.
    (R - P)(d + d^2) >= T - R, so d* = (-1 + sqrt(1 + 4 (T-R)/(R-P))) / 2 = (sqrt(5) - 1)/2
    for (5, 3, 1, 0); in the punishment states, following is a stage best reply with no
    future effect.
    """
    # states: 0 cooperate, 1 punish (first), 2 punish (second); any defection in state 0
    # starts the punishment, which runs regardless of play
    table = [[[0, 1], [1, 1]], [[2, 2], [2, 2]], [[0, 0], [0, 0]]]
    two_period = Automaton("two-period punishment", [1, 0, 0], table)
    threshold = critical_discount(PD, (two_period, two_period))
    assert sympy.simplify(threshold - (sympy.sqrt(5) - 1) / 2) == 0


def test_minmax_values():
    assert minmax_values(PD) == (1, 1)
    assert minmax_values(PD, mixed=False) == (1, 1)
    rps = NormalFormGame.zero_sum([[0, -1, 1], [1, 0, -1], [-1, 1, 0]])
    assert minmax_values(rps) == (0, 0)
    assert minmax_values(rps, mixed=False) == (1, 1)
    # mixing lowers the threshold: the column player minmaxes the row player at 1/2 by 50/50
    game = NormalFormGame.from_matrices([[1, 0], [0, 1]], [[0, 0], [0, 0]])
    assert minmax_values(game) == (Fraction(1, 2), 0)
    assert minmax_values(game, mixed=False) == (1, 0)
    float_values = minmax_values(NormalFormGame.from_matrices([[1.0, 0], [0, 1]], [[0, 0], [0, 0]]))
    assert float_values == pytest.approx((0.5, 0.0))
    with pytest.raises(UnsupportedGameError, match="two-player"):
        minmax_values(NormalFormGame.from_payoffs(np.zeros((3, 2, 2, 2), dtype=int)))


def test_feasible_and_individually_rational_sets_of_the_pd():
    feasible = feasible_payoffs(PD)
    assert sorted(map(tuple, feasible.vertices.tolist())) == [(0, 5), (1, 1), (3, 3), (5, 0)]
    # shoelace by hand over (0,5),(1,1),(5,0),(3,3): (-5 - 5 + 15 + 15) / 2
    assert feasible.area == pytest.approx(10.0)
    region = individually_rational_payoffs(PD)
    # vertices (1, 1), (13/3, 1), (3, 3), (1, 13/3): area 20/3
    assert region.area == pytest.approx(20 / 3)
    assert region.contains((3, 3)) and region.contains((1, 1))
    assert not region.contains((0.9, 3))


def test_degenerate_feasible_sets():
    constant = NormalFormGame.from_matrices([[1, 1], [1, 1]], [[2, 2], [2, 2]])
    assert feasible_payoffs(constant).vertices.tolist() == [[1.0, 2.0]]
    line = NormalFormGame.from_matrices([[0, 1], [2, 3]], [[0, 1], [2, 3]])
    segment = feasible_payoffs(line)
    assert segment.vertices.shape == (2, 2) and segment.contains((1.5, 1.5))
    assert not segment.contains((1.5, 1.0))


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ((3, 3), True),
        ((2, 2), True),
        ((1, 1), False),
        ((4, 4), False),
        ((4, 1.2), True),
        ((1.5, 0.9), False),
        ((0, 5), False),
    ],
)
def test_is_sustainable_in_the_pd(target, expected):
    """Folk theorem (Fudenberg and Maskin 1986): feasible and strictly above (1, 1)."""
    assert is_sustainable(PD, target) is expected
    assert is_sustainable(RepeatedGame(PD, "9/10"), target) is expected


def test_is_sustainable_rejects_bad_targets():
    with pytest.raises(InvalidGameError, match="pair"):
        is_sustainable(PD, (1, 2, 3))
    with pytest.raises(InvalidGameError, match="pair"):
        is_sustainable(PD, "high")


def test_imperfect_monitoring_reduces_to_perfect_monitoring():
    perfect = imperfect_monitoring_threshold(PD, detection=1, false_alarm=0)
    assert perfect == grim_trigger_threshold(PD)


def test_imperfect_monitoring_values():
    # (T-R)/((q-e)(R-P) + (1-e)(T-R)) = 2 / (0.4 * 2 + 0.9 * 2) = 10/13
    threshold = imperfect_monitoring_threshold(PD, detection="1/2", false_alarm="1/10")
    assert threshold == Fraction(10, 13)
    # sustainable iff q > e (T-P)/(R-P) = 2e: with e = 1/5 need q > 2/5
    assert imperfect_monitoring_threshold(PD, detection="2/5", false_alarm="1/5") == sympy.oo
    assert imperfect_monitoring_threshold(PD, detection="1/2", false_alarm="1/5") < 1
    with pytest.raises(InvalidGameError, match="detection"):
        imperfect_monitoring_threshold(PD, detection=1.5, false_alarm=0)


def test_imperfect_monitoring_formula_is_symbolic():
    q, e = sympy.symbols("q e")
    formula = imperfect_monitoring_threshold(PD, detection=q, false_alarm=e)
    assert formula.subs({q: Fraction(1, 2), e: Fraction(1, 10)}) == Fraction(10, 13)
    assert sympy.diff(formula, q).subs({q: 1, e: 0}) < 0  # better detection helps
    assert sympy.diff(formula, e).subs({q: 1, e: 0}) > 0  # false alarms hurt


@settings(max_examples=25, deadline=None)
@given(
    st.fractions(min_value=0, max_value=1, max_denominator=50),
    st.fractions(min_value=0, max_value=1, max_denominator=50),
)
def test_at_the_threshold_trigger_and_defection_tie(detection, false_alarm):
    """Independent check: at delta*, deviating forever earns exactly the cooperative value."""
    threshold = imperfect_monitoring_threshold(PD, detection=detection, false_alarm=false_alarm)
    if threshold == sympy.oo:
        assert detection <= 2 * false_alarm  # q <= e (T-P)/(R-P)
        return
    delta = Fraction(int(threshold.p), int(threshold.q))
    if delta == 0:
        return
    game = imperfect_monitoring_game(
        PD, discount=delta, detection=detection, false_alarm=false_alarm
    )
    matrix = game.payoff_matrix(0)
    assert matrix[0, 0] == matrix[1, 0]


def test_monitoring_game_payoffs_by_hand():
    game = imperfect_monitoring_game(PD, discount="9/10", detection="1/2", false_alarm="1/10")
    matrix = game.payoff_matrix(0)
    # V = (0.1*3 + 0.9*0.1*1)/(1 - 0.9*0.9) = 0.39/0.19
    assert matrix[0, 0] == Fraction(39, 19)
    # exploited: (0.1*0 + 0.9*0.5*1)/(1 - 0.9*0.5) = 0.45/0.55
    assert matrix[0, 1] == Fraction(9, 11)
    assert matrix[1, 0] == Fraction(95, 55)  # (0.5 + 0.45)/0.55
    assert matrix[1, 1] == 1
    assert game.strategies[0] == ("trigger", "defect")
