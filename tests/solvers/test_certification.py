"""Cheap certificates agree with the exact computations they stand in for (issue 18).

Float vertices certified by ``certified_labels`` have exactly their label sets (checked by
exact FLINT solves); ``regret_at_most`` decides exactly what ``exact_regret`` decides; games
built from integers equal games built from ``Fraction`` payoffs; the normalised exact game
is the exact affine image onto ``[0, 1]``.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest

from deterrence import NormalFormGame
from deterrence.solvers import solve_support_enumeration, solve_vertex_enumeration
from deterrence.solvers.numerics import ROUNDING_REGRET, normalised_game
from deterrence.solvers.polytope import (
    certified_labels,
    exact_vertex,
    polytope_vertices,
    positive_shift,
)
from deterrence.solvers.verify import exact_regret, regret_at_most


def _integer_game(size: int, high: int, seed: int) -> NormalFormGame:
    rng = np.random.default_rng(seed)
    return NormalFormGame.from_matrices(
        rng.integers(0, high, (size, size)), rng.integers(0, high, (size, size))
    )


@pytest.mark.parametrize("high", [3, 10, 100])
@pytest.mark.parametrize("size", [3, 5, 7])
def test_certified_vertices_have_exactly_their_labels(size: int, high: int) -> None:
    for seed in range(3):
        game = _integer_game(size, high, seed)
        exact = positive_shift(game.payoffs[1])
        integers = np.array(exact.tolist(), dtype=np.float64)  # integer payoffs: exact
        found = polytope_vertices(integers)
        certified = certified_labels(integers, found.points, found.labels)
        simple = found.labels.sum(axis=1) == size
        assert not (certified & ~simple).any()  # degenerate vertices are left to FLINT
        if high == 100:  # random games with a wide payoff range are nondegenerate
            assert certified.all()
        for row in found.labels[certified]:
            assert exact_vertex(exact, row) is not None


def test_random_label_sets_are_certified_only_when_exactly_right() -> None:
    rng = np.random.default_rng(7)
    checked = 0
    for _ in range(40):
        size = int(rng.integers(2, 6))
        exact = positive_shift(_integer_game(size, 6, int(rng.integers(1000))).payoffs[0])
        integers = np.array(exact.tolist(), dtype=np.float64)
        rows = []
        for _ in range(30):
            support = int(rng.integers(1, size + 1))
            row = np.zeros(2 * size, dtype=bool)
            row[rng.choice(size, size - support, replace=False)] = True
            row[size + rng.choice(size, support, replace=False)] = True
            rows.append(row)
        labels = np.array(rows)
        certified = certified_labels(integers, np.zeros((len(labels), size)), labels)
        for row in labels[certified]:
            assert exact_vertex(exact, row) is not None
            checked += 1
    assert checked > 0


def test_regret_at_most_decides_like_exact_regret() -> None:
    rng = np.random.default_rng(3)
    for seed in range(12):
        game = _integer_game(4, 10, seed)
        profiles = [eq.strategies for eq in solve_vertex_enumeration(game)]
        profiles += [tuple(rng.dirichlet(np.ones(4)) for _ in range(2)) for _ in range(4)]
        for profile in profiles:
            exact = exact_regret(game, profile)
            for limit in (0.0, ROUNDING_REGRET, 0.5, float(exact)):
                assert regret_at_most(game, profile, limit) == (exact <= limit)


def test_regret_at_most_sees_payoffs_that_floats_merge() -> None:
    game = NormalFormGame.from_matrices([[2**53 + 1, 0], [2**53, 1]], [[0, 0], [0, 0]])
    wrong = (np.array([0.0, 1.0]), np.array([1.0, 0.0]))
    assert regret_at_most(game, wrong, 0.5) is False
    assert regret_at_most(game, wrong, 0.5, exact_fallback=False) is None


def test_games_from_integers_equal_games_from_fractions() -> None:
    rng = np.random.default_rng(0)
    numerators = rng.integers(-50, 50, (2, 3, 4))
    game = NormalFormGame.from_matrices(numerators[0], numerators[1])
    built = game.with_integer_payoffs(numerators, [6, 4])
    expected = np.vectorize(Fraction, otypes=[object])(numerators)
    expected[0] /= 6
    expected[1] /= 4
    assert built == NormalFormGame.from_payoffs(expected)
    assert built.float_payoffs.tolist() == [[[float(v) for v in r] for r in p] for p in expected]
    integers, denominators = built.integer_payoffs
    assert built == game.with_integer_payoffs(integers, denominators)
    assert denominators == NormalFormGame.from_payoffs(expected).integer_payoffs[1]


def test_integer_payoffs_are_refused_for_bad_input() -> None:
    game = NormalFormGame.from_matrices([[1.5, 0]], [[0, 1]])
    with pytest.raises(Exception, match="exact payoffs"):
        game.integer_payoffs  # noqa: B018
    exact = NormalFormGame.from_matrices([[1, 0]], [[0, 1]])
    with pytest.raises(Exception, match="numerators must be integers"):
        exact.with_integer_payoffs([[[1.5, 0]], [[0, 1]]])
    with pytest.raises(Exception, match="denominators"):
        exact.with_integer_payoffs([[[1, 0]], [[0, 1]]], [1, 0])


def test_normalised_exact_game_is_the_affine_image_onto_the_unit_interval() -> None:
    game = NormalFormGame.from_matrices([["1/3", -2], [7, "7/2"]], [[5, 5], [5, 5]])
    scaled = normalised_game(game)
    for player in range(2):
        values = game.payoffs[player]
        low, high = values.min(), values.max()
        expected = (values - low) / (high - low) if high > low else values * 0
        assert scaled.payoffs[player].tolist() == expected.tolist()
    assert scaled.players == game.players and scaled.strategies == game.strategies


@pytest.mark.parametrize("high", [3, 100])
def test_exact_vertex_enumeration_equals_the_support_view(high: int) -> None:
    for seed in range(4):
        game = _integer_game(5, high, 100 + seed)
        fast = solve_vertex_enumeration(game, exact=True)
        slow = solve_support_enumeration(game, exact=True)
        assert [eq.strategies[0].tolist() for eq in fast] == [
            eq.strategies[0].tolist() for eq in slow
        ]
        assert all(exact_regret(game, eq.strategies) == 0 for eq in fast)
