"""One-player games (decision problems) through the general analysis layer.

A decision problem's pure best choices are every extreme equilibrium, so ``"auto"`` is
complete with the pure path; before, thresholds crashed inside the wording (IndexError) and
regime maps refused the method ``auto`` had picked."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
import sympy

import deterrence as dt
from deterrence.games.parametric import Parameter
from deterrence.solvers.api import auto_method, is_decision_problem


def _decision(players=("firm",), extra_singletons=0):
    theta = sympy.Symbol("theta")
    shape = (1,) * extra_singletons
    payoffs = np.empty((1 + extra_singletons, 2) + shape, dtype=object)
    payoffs[0].flat[:] = [theta - 5, -3 - 4 * theta]
    for i in range(1, 1 + extra_singletons):
        payoffs[i].flat[:] = [0, 1]
    return dt.ParametricGame(
        payoffs,
        (Parameter("theta", default="1/2", domain=(0, 1)),),
        players=players,
        strategies=(("wait", "act"),) + (("stay",),) * extra_singletons,
    )


def test_auto_is_pure_and_complete_for_a_decision_problem():
    game = _decision()
    assert is_decision_problem(game) and auto_method(game) == "pure"
    result = dt.solve(game.at(theta=0))
    assert result.complete and [eq.strategies[0].tolist() for eq in result] == [[0, 1]]


def test_thresholds_regimes_and_sweep_of_a_decision_problem():
    game = _decision()
    (threshold,) = dt.thresholds(game, "theta")
    assert threshold.expression == Fraction(2, 5)
    assert "the firm's best choice is wait (rather than act)" in threshold.description
    found = dt.regimes(game, "theta")
    assert found.method == "auto"  # complete: no "pure equilibria only"
    assert [r.bounds["theta"] for r in found.regimes] == [(0, Fraction(2, 5)), (Fraction(2, 5), 1)]
    table = dt.sweep(game, {"theta": [0.0, 0.4, 1.0]})
    assert table.groupby("point").size().tolist() == [1, 2, 1]  # a tie at 2/5: both optimal


@pytest.mark.parametrize("extra", [1, 2])
def test_only_one_player_chooses_among_several(extra):
    players = ("firm",) + tuple(f"bystander {i}" for i in range(extra))
    game = _decision(players=players, extra_singletons=extra)
    assert is_decision_problem(game)
    (threshold,) = dt.thresholds(game, "theta")
    assert threshold.expression == Fraction(2, 5)
    assert dt.regimes(game, "theta").method == "auto"
