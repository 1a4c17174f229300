"""Correlated and coarse correlated equilibria: Aumann's chicken and other known answers."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest

from deterrence.exceptions import InvalidGameError, InvalidProfileError
from deterrence.games.normal_form import NormalFormGame
from deterrence.solvers.correlated import correlated_equilibrium, incentive_constraints


@pytest.fixture
def chicken():
    # Aumann (1974): (C, C) = (6, 6), (C, D) = (2, 7), (D, C) = (7, 2), (D, D) = (0, 0)
    return NormalFormGame.from_matrices(
        [[6, 2], [7, 0]],
        [[6, 7], [2, 0]],
        players=("coercer", "coalition"),
        strategies=(("yield", "squeeze"), ("yield", "squeeze")),
    )


def test_chicken_max_welfare_beats_every_nash_equilibrium(chicken):
    # Nash equilibria: (D, C), (C, D) with welfare 9 and the mixed one (2/3 C) with 14/3
    # each. The max-welfare CE, by hand: constraints 2b >= a, 2c >= a, c >= 2d, b >= 2d
    # (a, b, c, d = pi(CC), pi(CD), pi(DC), pi(DD)); the optimum is a = 1/2, b = c = 1/4,
    # welfare 12a + 9b + 9c = 21/2.
    ce = correlated_equilibrium(chicken, exact=True)
    assert ce.welfare == Fraction(21, 2)
    assert ce.distribution.tolist() == [[Fraction(1, 2), Fraction(1, 4)], [Fraction(1, 4), 0]]
    nash_welfare = [9, 9, Fraction(28, 3)]
    assert all(ce.welfare > w for w in nash_welfare)
    assert ce.check()


def test_aumann_distribution_is_feasible_and_dd_is_not(chicken):
    third = Fraction(1, 3)
    result = correlated_equilibrium(
        chicken, "feasibility", distribution=[[third, third], [third, 0]]
    )
    assert result.feasible and result.max_violation == 0
    assert result.payoffs == (5, 5)
    bad = correlated_equilibrium(chicken, "feasibility", distribution=[[0.25, 0.25], [0.25, 0.25]])
    assert not bad.feasible
    # told to squeeze (other 50/50): squeezing pays (7 + 0)/4, yielding (6 + 2)/4: short 1/4
    assert bad.max_violation == pytest.approx(0.25)


def test_player_objective(chicken):
    best = correlated_equilibrium(chicken, ("player", "coercer"))
    assert best.payoffs == pytest.approx((7.0, 2.0))
    assert best.objective == ("player", "coercer")


def test_nash_equilibria_are_correlated_equilibria(chicken):
    mixed = np.outer([Fraction(2, 3), Fraction(1, 3)], [Fraction(2, 3), Fraction(1, 3)])
    assert correlated_equilibrium(chicken, "feasibility", distribution=mixed).feasible
    assert correlated_equilibrium(chicken, "feasibility", distribution=mixed, coarse=True).feasible


def test_prisoners_dilemma_only_mutual_defection(prisoners_dilemma):
    # strictly dominant strategies: the only (coarse) correlated equilibrium is (D, D)
    for coarse in (False, True):
        ce = correlated_equilibrium(prisoners_dilemma, coarse=coarse)
        assert ce.distribution[1, 1] == pytest.approx(1.0)
        assert ce.welfare == pytest.approx(2.0)


def test_coarse_set_contains_correlated_set(chicken):
    ce = correlated_equilibrium(chicken)
    cce = correlated_equilibrium(chicken, coarse=True)
    assert cce.welfare >= ce.welfare - 1e-9
    assert ce.check(coarse=True)


def test_zero_sum_correlated_payoff_equals_value():
    # matching pennies: every correlated equilibrium gives the value 0 (Forges 1990)
    game = NormalFormGame.zero_sum([[1, -1], [-1, 1]])
    for objective in ("welfare", ("player", 0), ("player", 1)):
        assert correlated_equilibrium(game, objective).payoffs == pytest.approx((0, 0), abs=1e-9)


def test_three_player_game_product_nash_is_correlated():
    rng = np.random.default_rng(0)
    payoffs = rng.integers(-5, 6, size=(3, 2, 2, 2))
    game = NormalFormGame.from_payoffs(payoffs)
    ce = correlated_equilibrium(game)
    assert ce.check()
    assert ce.distribution.shape == (2, 2, 2)
    # every pure Nash equilibrium (point mass) must be feasible
    from deterrence.solvers.pure import solve_pure

    for eq in solve_pure(game):
        point = np.zeros((2, 2, 2), dtype=int)
        point[tuple(int(np.argmax(s)) for s in eq.strategies)] = 1
        assert correlated_equilibrium(game, "feasibility", distribution=point).feasible
        assert ce.welfare >= sum(eq.payoffs) - 1e-9


def test_constraint_matrix_shape():
    game = NormalFormGame.from_payoffs(np.zeros((3, 2, 3, 4), dtype=int))
    matrix, labels = incentive_constraints(game)
    assert matrix.shape == (2 * 1 + 3 * 2 + 4 * 3, 24)
    matrix, labels = incentive_constraints(game, coarse=True)
    assert matrix.shape == (2 + 3 + 4, 24) and labels[0][1] == "*"


def test_frames(chicken):
    ce = correlated_equilibrium(chicken)
    frame = ce.to_frame()
    assert list(frame.columns) == ["coercer", "coalition", "probability"]
    series = ce.to_series()
    assert series[("yield", "yield")] == pytest.approx(0.5)


def test_bad_input(chicken):
    with pytest.raises(InvalidGameError, match="unknown objective"):
        correlated_equilibrium(chicken, "utilitarian")
    with pytest.raises(InvalidProfileError, match="shape"):
        correlated_equilibrium(chicken, "feasibility", distribution=[0.5, 0.25, 0.25])
    with pytest.raises(InvalidProfileError, match="sums to"):
        correlated_equilibrium(chicken, "feasibility", distribution=[[0.5, 0.5], [0.5, 0]])
    with pytest.raises(InvalidGameError, match="NormalFormGame"):
        correlated_equilibrium([[1, 2], [3, 4]])
    with pytest.raises(InvalidGameError, match="unknown player"):
        correlated_equilibrium(chicken, ("player", "nobody"))
