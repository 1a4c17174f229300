"""Conveying a punitive message (the 'punitive_signal' model), checked three ways.

Specification (module docstring of deterrence.models.signalling): with mu* = G/(G + P),
a separating perfect Bayesian equilibrium exists iff L/kappa <= c <= K; pooling on
investment iff p >= mu* and c <= min(K, L/kappa); the irresolute bluff (semi-separating) iff
p < mu*, 0 < c < L/kappa, kappa*K >= L; the resolute mix iff p > mu*, 0 < c < K,
kappa*K >= L; pooling on no investment always. Investing conveys the punitive message iff
p < mu* and L/kappa <= c <= K.
"""

from __future__ import annotations

from fractions import Fraction as F

import numpy as np
import pytest
import sympy

from deterrence.analysis import regimes, sweep, thresholds
from deterrence.models import get_model
from deterrence.models.signalling import punitive_message, punitive_signal
from deterrence.report import analyze
from deterrence.solvers.signalling import solve_signalling

INVEST, NONE = "invest", "no investment"


def kinds_at(**values):
    """{(kind, resolute's support, irresolute's support)} of the solver at a point."""
    out = set()
    for pbe in solve_signalling(punitive_signal().at(**values)):
        supports = tuple(
            tuple(m for m, p in zip(pbe.game.messages, row) if p != 0) for row in pbe.sender
        )
        out.add((pbe.kind, *supports))
    return out


# ---------------------------------------------------------------- 1. the formula
POINTS = [
    {"signal_cost": c, "credibility": p, "cost_ratio": k, "retaliation_cost": K}
    for c in (F(1, 2), F(3, 2), F(5, 2), F(7, 2))
    for p in (F(1, 4), F(1, 2))
    for k, K in ((2, 3), (F(3, 2), 2))
]


@pytest.mark.parametrize("point", POINTS, ids=lambda point: str(sorted(point.values())))
def test_the_solver_finds_exactly_the_equilibria_the_formulas_predict(point):
    # (no point lies on a boundary c = L/kappa or c = K, where a type is indifferent and
    # further equilibria appear for that one value)
    formula = punitive_message(**point)
    found = kinds_at(**point)
    assert formula.separating == (("separating", (INVEST,), (NONE,)) in found)
    assert formula.pooling_on_investment == (("pooling", (INVEST,), (INVEST,)) in found)
    assert ("pooling", (NONE,), (NONE,)) in found  # not investing is always an equilibrium
    hybrids = {k for k in found if k[0] == "semi-separating"}
    expected = set()
    if formula.bluff_probability is not None:
        expected.add(("semi-separating", (INVEST,), (NONE, INVEST)))
    if formula.resolute_investment_probability is not None:
        expected.add(("semi-separating", (NONE, INVEST), (NONE,)))
    assert hybrids == expected
    assert {k[0] for k in found} <= {"pooling", "separating", "semi-separating"}


def test_mixing_probabilities_match_the_formulas():
    [bluff] = solve_signalling(punitive_signal().at(signal_cost=1)).semi_separating
    # the irresolute invest with probability pP/((1 - p)G) = 1/2; investors are resolute with
    # probability mu* = 2/5; the coercer refrains after investment with probability kc/L = 1/2
    assert bluff.sender[1][1] == punitive_message(signal_cost=1).bluff_probability == F(1, 2)
    assert bluff.belief[INVEST]["resolute"] == F(2, 5)
    assert bluff.receiver_strategy[INVEST] == {"coerce": F(1, 2), "refrain": F(1, 2)}
    [mixing] = solve_signalling(punitive_signal().at(credibility="1/2")).semi_separating
    assert mixing.sender[0][1] == F(1, 3)
    assert punitive_message(credibility="1/2").resolute_investment_probability == F(1, 3)
    assert mixing.receiver_strategy[NONE] == {"coerce": F(5, 6), "refrain": F(1, 6)}  # c/K


def test_pooling_is_supported_by_taking_investors_for_bluffers():
    """Off the path the coercer must believe an investor resolute with probability at most
    mu* = 2/5 (the intuitive criterion rules this belief out inside the window)."""
    [pool] = [e for e in solve_signalling(punitive_signal().at()).pooling if e.sender[0][0] == 1]
    assert pool.off_path_beliefs[INVEST] == sympy.Interval(0, sympy.Rational(2, 5))
    assert pool.receiver_strategy == {NONE: "coerce", INVEST: "coerce"}
    # too dear for both types (c > K, kappa*c > L): every belief supports the pool
    [dear] = solve_signalling(punitive_signal().at(signal_cost=4)).pooling
    assert dear.off_path_beliefs[INVEST] == sympy.Interval(0, 1)


@pytest.mark.parametrize(
    ("cost", "survives"), [(F(1), True), (F(5, 2), False), (F(4), True), (F(3), True)]
)
def test_the_intuitive_criterion_removes_the_silent_pool_exactly_inside_the_window(cost, survives):
    """Inside (L/kappa, K) investing is equilibrium-dominated for the irresolute type only,
    so the coercer must read an investment as resolve, and the resolute type breaks the pool."""
    result = solve_signalling(punitive_signal().at(signal_cost=cost))
    [pool] = [e for e in result.pooling if e.sender[0][0] == 1]
    assert pool.passes_intuitive_criterion == survives
    if not survives:
        assert pool.intuitive_criterion() == {INVEST: ("resolute",)}
    assert all(e.passes_intuitive_criterion for e in result.separating)


@pytest.mark.parametrize(
    ("values", "verdict"),
    [
        ({}, "conveyed"),
        ({"signal_cost": 1}, "blurred: the irresolute bluff"),
        ({"signal_cost": 4}, "wasted: too costly"),
        ({"credibility": "1/2"}, "wasted: already deterred"),
        ({"signal_cost": 1, "cost_ratio": 1}, "wasted: the irresolute would mimic"),
    ],
)
def test_the_verdict(values, verdict):
    assert punitive_message(**values).verdict == verdict


# ---------------------------------------------------------------- 2. thresholds
def test_thresholds_in_the_signal_cost_are_the_separating_window():
    game = get_model("punitive_signal").build()
    found = thresholds(game, "signal_cost", fixed="defaults", domain=(0, 6))
    assert [t.value for t in found] == [F(2), F(3)]
    symbolic = thresholds(game, "signal_cost", domain=(0, 6))
    loss, ratio, stake = sympy.symbols("loss cost_ratio retaliation_cost", real=True)
    assert [sympy.simplify(t.expression - e) for t, e in zip(symbolic, (loss / ratio, stake))] == [
        0,
        0,
    ]
    assert "separating" in found[0].description and "irresolute" in found[0].description
    assert found[1].above == (
        "pooling on no investment: resolute sends no investment, "
        "irresolute sends no investment; after no investment: coerce, "
        "after invest: coerce",
    )


def test_thresholds_in_credibility_are_the_deterrence_belief():
    game = get_model("punitive_signal").build()
    [threshold] = thresholds(game, "credibility", fixed="defaults")
    assert threshold.value == F(2, 5)
    gain, punishment = sympy.symbols("gain punishment", real=True)
    [symbolic] = thresholds(game, "credibility")
    assert sympy.simplify(symbolic.expression - gain / (gain + punishment)) == 0


def test_the_window_moves_with_the_cost_ratio():
    game = punitive_signal(cost_ratio=4, retaliation_cost=2)
    assert [t.value for t in thresholds(game, "signal_cost", fixed="defaults")] == [F(1), F(2)]


# ---------------------------------------------------------------- 3. sweep and regimes
def test_a_sweep_finds_separation_only_inside_the_window():
    grid = np.linspace(0.25, 5.75, 12)
    frame = sweep(punitive_signal(), {"signal_cost": grid}, progress=False)
    for cost in grid:
        rows = frame[np.isclose(frame["signal_cost"], cost)]
        outcomes = set(rows["outcome"].astype(str))
        conveyed = "punitive message conveyed (separating)" in outcomes
        assert conveyed == (2 <= cost <= 3), cost
        assert ("message blurred (irresolute bluff)" in outcomes) == (cost < 2), cost
        assert "no signal, coerced" in outcomes


def test_regimes_and_analyze_name_the_three_regions():
    found = regimes(punitive_signal(), {"signal_cost": (0, 6)})
    assert [r.bounds["signal_cost"] for r in found] == [(0, 2), (2, 3), (3, 6)]
    report = analyze("punitive_signal")
    assert report.concept == "perfect_bayesian"
    assert [t["value_exact"] for t in report.thresholds] == ["2", "3"]
    words = {eq["outcome"] for eq in report.equilibria}
    assert words == {"punitive message conveyed (separating)", "no signal, coerced"}


def test_a_high_prior_makes_investment_wasted():
    found = regimes(punitive_signal(credibility="1/2"), {"signal_cost": (0, 6)})
    first = found.regimes[0]
    assert "investment wasted (both invest)" in first.outcomes
    assert "deterred by reputation alone" in first.outcomes
