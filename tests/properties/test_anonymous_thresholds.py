"""Thresholds of parametric anonymous games are exactly where the equilibrium structure changes.

Specification (``deterrence.analysis.thresholds`` on a two-strategy
:class:`~deterrence.games.ParametricAnonymousGame`): the structure at a point (count
equilibria plus the number and replicator stability of the interior symmetric equilibria,
``deterrence.analysis.structure_at``) is constant on every open interval between consecutive
reported thresholds, differs just below and just above each reported threshold, and never
changes without a reported threshold in between.

The generated games have payoff differences ``D_k = a_k + b_k t`` affine in one parameter
``t`` with small integer coefficients (ties, degenerate points and folds of symmetric
equilibria are frequent), given as a table, as a callable and as expressions in the count
``k``.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from deterrence.analysis import structure_at, thresholds
from deterrence.games import Parameter, ParametricAnonymousGame

LOW, HIGH = -5, 5
#: Grid for "no change is missed", shifted off the rationals: a point where the structure
#: differs from both sides (a tangency or a tie at one value) is not a threshold, since
#: nothing changes *across* it, and an unshifted grid would land on such points.
GRID = np.linspace(LOW, HIGH, 161)[:-1] + 0.0123456789
#: Interior sample points of each interval (irrational-looking fractions, for the same reason).
INSIDE = (0.1234567, 0.5314159, 0.8765432)


@st.composite
def affine_anonymous_games(draw: st.DrawFn) -> ParametricAnonymousGame:
    """Two-strategy games with N in 2..7 and D_k = a_k + b_k t (small integers)."""
    n = draw(st.integers(2, 7))
    intercepts = draw(st.lists(st.integers(-4, 4), min_size=n, max_size=n))
    slopes = draw(st.lists(st.integers(-3, 3), min_size=n, max_size=n))
    shifts = draw(st.lists(st.integers(-2, 2), min_size=n, max_size=n))
    form = draw(st.sampled_from(["table", "callable"]))
    parameter = [Parameter("t", domain=(LOW, HIGH))]
    first = [f"{a + e} + ({b})*t" for a, b, e in zip(intercepts, slopes, shifts)]
    second = [str(e) for e in shifts]
    if form == "table":
        return ParametricAnonymousGame(n, [first, second], parameter, strategies=("act", "wait"))

    def payoff(strategy: int, counts: tuple[int, ...]) -> str:
        return (first if strategy == 0 else second)[counts[0]]

    return ParametricAnonymousGame(n, payoff, parameter, strategies=("act", "wait"))


@st.composite
def polynomial_anonymous_games(draw: st.DrawFn) -> ParametricAnonymousGame:
    """Games given by expressions: D(k) = p0 + p1 k + p2 k^2 + t (q0 + q1 k)."""
    n = draw(st.integers(2, 7))
    p0, p1, p2 = (draw(st.integers(-4, 4)) for _ in range(3))
    q0, q1 = (draw(st.integers(-2, 2)) for _ in range(2))
    return ParametricAnonymousGame(
        n,
        {
            "act": f"({p0}) + ({p1})*k + ({p2})*k**2 + t*(({q0}) + ({q1})*k)",
            "wait": "k2/(N - 1)",
        },  # k2 = N - 1 - k: both strategies carry count terms
        [Parameter("t", domain=(LOW, HIGH))],
    )


def _check_thresholds(game: ParametricAnonymousGame, *, affine: bool = True) -> None:
    found = thresholds(game, "t")
    values = [float(t.value) for t in found]
    assert values == sorted(values)
    assert all(LOW < v < HIGH for v in values)
    # affine rational data: best-reply switches are exact; folds may sit at irrational values
    for t in found:
        assert isinstance(t.value, (Fraction, float))
        if affine and t.kind == "pure":
            assert isinstance(t.value, Fraction)
    cuts = [LOW, *values, HIGH]
    # (a) constant on each open interval between consecutive thresholds
    for left, right in zip(cuts, cuts[1:]):
        inside = [left + (right - left) * s for s in INSIDE]
        structures = structure_at(game, {"t": inside})
        assert structures[0] == structures[1] == structures[2], (left, right, structures)
    # (b) the structure differs just below and just above every threshold (a pair of
    # symmetric equilibria born at a fold is ~sqrt(step) apart: float root finding resolves
    # them at this distance)
    for k, value in enumerate(values):
        gap = min(value - cuts[k], cuts[k + 2] - value)
        step = min(1e-5, gap / 4)
        below, above = structure_at(game, {"t": [value - step, value + step]})
        assert below != above, (value, below)
        assert found[k].below != found[k].above
    # (c) no change is missed: every change between grid neighbours has a threshold there
    structures = structure_at(game, {"t": GRID})
    for x, y, s, r in zip(GRID, GRID[1:], structures, structures[1:]):
        if s != r:
            assert any(x - 1e-9 <= v <= y + 1e-9 for v in values), (x, y, s, r, values)


@settings(max_examples=30, deadline=None)
@given(affine_anonymous_games())
def test_thresholds_are_exactly_the_structure_changes(game):
    _check_thresholds(game)


@settings(max_examples=12, deadline=None)
@given(polynomial_anonymous_games())
def test_thresholds_of_expression_games_are_exactly_the_structure_changes(game):
    _check_thresholds(game)


@pytest.mark.parametrize(
    "differences",
    [
        # a fold at an irrational value of t: two interior symmetric equilibria collide
        ([1, -3, 1], [0, 1, 0]),
        # every D_k vanishes at t = 1 (a continuum of symmetric equilibria there)
        ([-1, -1, -1, -1], [1, 1, 1, 1]),
        # ties between neighbouring counts and a threshold at a domain-interior integer
        ([2, 0, -2, 0, 2], [-1, 0, 1, 0, -1]),
    ],
)
def test_hand_picked_degenerate_cases(differences):
    intercepts, slopes = differences
    n = len(intercepts)
    game = ParametricAnonymousGame(
        n,
        [[f"{a} + ({b})*t" for a, b in zip(intercepts, slopes)], ["0"] * n],
        [Parameter("t", domain=(LOW, HIGH))],
        strategies=("act", "wait"),
    )
    _check_thresholds(game)
