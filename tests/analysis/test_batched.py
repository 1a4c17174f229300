"""The batched equilibrium kernels against the library's exact solver, game by game."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from deterrence import NormalFormGame, solve
from deterrence.analysis._batched import (
    bimatrix_equilibria_batch,
    polish_bimatrix,
    pure_equilibria_batch,
)
from deterrence.exceptions import DegenerateGameWarning
from deterrence.solvers.pure import solve_pure


def exact_equilibria(first, second):
    """All extreme equilibria by the exact solver, as float arrays (correctly rounded)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DegenerateGameWarning)
        result = solve(NormalFormGame.from_matrices(first.tolist(), second.tolist()), exact=True)
    m, n = first.shape
    x = np.array([[float(p) for p in eq.strategies[0]] for eq in result]).reshape(-1, m)
    y = np.array([[float(p) for p in eq.strategies[1]] for eq in result]).reshape(-1, n)
    return x, y


small_games = st.integers(1, 3).flatmap(
    lambda m: st.integers(1, 3).flatmap(
        lambda n: st.tuples(
            st.lists(st.lists(st.integers(-2, 2), min_size=n, max_size=n), min_size=m, max_size=m),
            st.lists(st.lists(st.integers(-2, 2), min_size=n, max_size=n), min_size=m, max_size=m),
        )
    )
)


@given(small_games)
def test_bimatrix_batch_equals_exact_solver_bit_for_bit(game):
    # small integer payoffs: many degenerate games with continua of equilibria
    first, second = (np.array(g, dtype=np.int64) for g in game)
    x, y = exact_equilibria(first, second)
    points, fx, fy = bimatrix_equilibria_batch(
        first[..., None].astype(float), second[..., None].astype(float)
    )
    assert points.tolist() == [0] * len(x)
    np.testing.assert_array_equal(fx, x)
    np.testing.assert_array_equal(fy, y)


def test_batch_of_many_games_matches_one_by_one():
    rng = np.random.default_rng(7)
    for m, n in [(2, 2), (2, 3), (3, 2), (3, 3)]:
        first = rng.integers(-2, 3, size=(m, n, 40)).astype(float)
        second = rng.integers(-2, 3, size=(m, n, 40)).astype(float)
        points, x, y = bimatrix_equilibria_batch(first, second)
        for k in range(40):
            ex, ey = exact_equilibria(first[..., k].astype(int), second[..., k].astype(int))
            np.testing.assert_array_equal(x[points == k], ex)
            np.testing.assert_array_equal(y[points == k], ey)


def test_polish_recovers_the_fast_values_from_a_float_solver():
    rng = np.random.default_rng(3)
    first = rng.normal(size=(3, 3, 200))
    second = rng.normal(size=(3, 3, 200))
    points, x, y = bimatrix_equilibria_batch(first, second)
    noisy_x = x + rng.uniform(-1e-13, 1e-13, x.shape) * (x > 0)
    noisy_y = y + rng.uniform(-1e-13, 1e-13, y.shape) * (y > 0)
    px, py = polish_bimatrix(first[..., points], second[..., points], noisy_x, noisy_y)
    np.testing.assert_array_equal(px, x)
    np.testing.assert_array_equal(py, y)


@pytest.mark.parametrize("shape", [(2, 2, 2), (3, 2, 2), (2, 2, 2, 2)])
def test_pure_batch_equals_solve_pure(shape):
    rng = np.random.default_rng(11)
    num_players = len(shape) - 1
    payoffs = rng.integers(-1, 2, size=(num_players, *shape[1:], 30))
    points, profiles = pure_equilibria_batch(payoffs.astype(float))
    for k in range(30):
        game = NormalFormGame.from_payoffs(payoffs[..., k])
        expected = [
            tuple(int(np.argmax(s)) for s in eq.strategies) for eq in solve_pure(game, exact=True)
        ]
        assert [tuple(p) for p in profiles[points == k]] == expected


def test_nondegenerate_games_agree_with_nashpy():
    nashpy = pytest.importorskip("nashpy")
    rng = np.random.default_rng(5)
    for m, n in [(2, 2), (2, 3), (3, 3)]:
        first = rng.normal(size=(m, n, 30))
        second = rng.normal(size=(m, n, 30))
        points, x, y = bimatrix_equilibria_batch(first, second)
        for k in range(30):
            expected = sorted(
                (tuple(np.round(a, 9)), tuple(np.round(b, 9)))
                for a, b in nashpy.Game(first[..., k], second[..., k]).vertex_enumeration()
            )
            found = sorted(
                (tuple(np.round(a, 9)), tuple(np.round(b, 9)))
                for a, b in zip(x[points == k], y[points == k])
            )
            assert found == expected
