"""Conformance properties every n-player solver must pass (hypothesis).

For every returned profile: regret <= tol (zero in exact mode), every strategy on the
simplex; the set is invariant under positive affine payoff transforms and moves with
strategy permutations; on generic games the number of equilibria is odd (Wilson 1971) and
the logit solution lies in the enumerated set. Anonymous games: symmetric equilibria are
Nash equilibria of the expanded game; correlated equilibria contain the Nash equilibria.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from deterrence.games.anonymous import AnonymousGame
from deterrence.games.normal_form import NormalFormGame
from deterrence.solvers.anonymous import solve_anonymous_pure, solve_anonymous_symmetric
from deterrence.solvers.correlated import correlated_equilibrium
from deterrence.solvers.polynomial_enumeration import solve_polynomial_enumeration
from deterrence.solvers.qre import solve_logit

TOL = 1e-9

shapes = st.sampled_from([(2, 2), (2, 3), (3, 3), (2, 2, 2), (3, 2, 2), (2, 2, 2, 2)])
seeds = st.integers(0, 2**32 - 1)


def generic_game(shape, seed) -> NormalFormGame:
    rng = np.random.default_rng(seed)
    return NormalFormGame.from_payoffs(rng.normal(size=(len(shape),) + tuple(shape)))


def check_profile(game, equilibrium, tol=TOL):
    for i, strategy in enumerate(equilibrium.strategies):
        values = np.asarray(strategy, dtype=float)
        assert values.shape == (game.num_strategies[i],)
        assert values.min() >= -1e-12
        assert values.sum() == pytest.approx(1.0, abs=1e-12)
    assert float(equilibrium.max_regret()) <= tol * max(1.0, float(np.ptp(game.float_payoffs)))


def same_set(first, second, tol=1e-6):
    return len(first) == len(second) and all(
        any(a.isclose(b, tol=tol) for b in second) for a in first
    )


def affine(game, rng):
    scales = rng.uniform(0.5, 3.0, size=game.num_players)
    shifts = rng.uniform(-5, 5, size=game.num_players)
    payoffs = game.float_payoffs * scales.reshape((-1,) + (1,) * game.num_players)
    payoffs = payoffs + shifts.reshape((-1,) + (1,) * game.num_players)
    return NormalFormGame.from_payoffs(payoffs)


@settings(max_examples=12, derandomize=True)
@given(shapes, seeds)
def test_polynomial_enumeration_conformance(shape, seed):
    game = generic_game(shape, seed)
    result = solve_polynomial_enumeration(game)
    assert result.complete
    assert len(result) % 2 == 1
    for eq in result:
        check_profile(game, eq)
    # positive affine transforms, one per player, leave the set unchanged
    transformed = solve_polynomial_enumeration(affine(game, np.random.default_rng(seed)))
    assert same_set(result, transformed)


@settings(max_examples=6, derandomize=True)
@given(st.sampled_from([(2, 3, 2), (3, 2, 2), (2, 2, 3)]), seeds)
def test_polynomial_enumeration_moves_with_permutations(shape, seed):
    game = generic_game(shape, seed)
    result = solve_polynomial_enumeration(game)
    rng = np.random.default_rng(seed)
    orders = [rng.permutation(k) for k in game.num_strategies]
    payoffs = game.float_payoffs[(slice(None),) + np.ix_(*orders)]
    permuted = solve_polynomial_enumeration(NormalFormGame.from_payoffs(payoffs))
    moved = [
        [np.asarray(s, float)[order] for s, order in zip(eq.strategies, orders)] for eq in result
    ]
    assert len(moved) == len(permuted)
    for profile in moved:
        assert any(
            all(
                np.allclose(a, np.asarray(b, float), atol=1e-6)
                for a, b in zip(profile, eq.strategies)
            )
            for eq in permuted
        )


@settings(max_examples=10, derandomize=True)
@given(shapes, seeds)
def test_logit_conformance(shape, seed):
    game = generic_game(shape, seed)
    result = solve_logit(game)
    assert len(result) == 1
    check_profile(game, result[0])
    assert any(result[0].isclose(eq, tol=1e-6) for eq in solve_polynomial_enumeration(game))
    # a common positive scale and per-player shifts leave the logit solution unchanged
    scale = 2.5
    shifts = np.random.default_rng(seed).uniform(-3, 3, size=game.num_players)
    payoffs = scale * game.float_payoffs + shifts.reshape((-1,) + (1,) * game.num_players)
    again = solve_logit(NormalFormGame.from_payoffs(payoffs))
    assert result[0].isclose(again[0], tol=1e-6)


@settings(max_examples=15, derandomize=True)
@given(st.sampled_from([(2, 2, 2), (2, 3, 2)]), seeds)
def test_exact_mode_regret_is_zero_when_rational(shape, seed):
    rng = np.random.default_rng(seed)
    payoffs = rng.integers(-6, 7, size=(len(shape),) + shape)
    game = NormalFormGame.from_payoffs(payoffs)
    result = solve_polynomial_enumeration(game, exact=True)
    for eq in result:
        if eq.exact:
            assert eq.max_regret() == 0
        else:
            check_profile(game, eq)


@settings(max_examples=10, derandomize=True)
@given(shapes, seeds)
def test_correlated_contains_nash(shape, seed):
    game = generic_game(shape, seed)
    best = correlated_equilibrium(game)
    assert best.check()
    for eq in solve_polynomial_enumeration(game):
        product = eq.strategies[0].astype(float)
        for strategy in eq.strategies[1:]:
            product = np.multiply.outer(product, strategy.astype(float))
        assert correlated_equilibrium(game, "feasibility", distribution=product).feasible
        assert best.welfare >= sum(eq.payoffs) - 1e-7


@settings(max_examples=25, derandomize=True)
@given(st.integers(2, 7), seeds)
def test_anonymous_conformance(num_players, seed):
    rng = np.random.default_rng(seed)
    table = rng.integers(-5, 6, size=(2, num_players))
    game = AnonymousGame(num_players, table.tolist())
    if table[0].tolist() == table[1].tolist():
        return  # identically zero payoff difference: a continuum (tested elsewhere)
    expanded = game.to_normal_form()
    symmetric = solve_anonymous_symmetric(game, exact=True)
    for eq in symmetric:
        check_profile(expanded, eq.to_equilibrium())
    for eq in solve_anonymous_pure(game):
        assert eq.to_equilibrium().max_regret() == 0
    # positive affine transform of the table: same equilibria, same stability
    transformed = AnonymousGame(num_players, (3 * table + 7).tolist())
    again = solve_anonymous_symmetric(transformed, exact=True)
    assert [(e.probability, e.stability) for e in symmetric] == [
        (e.probability, e.stability) for e in again
    ]
