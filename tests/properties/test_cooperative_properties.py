"""Axioms of the Shapley value and the core, checked on random games (issue 16).

Games are generated valid by construction (v(empty) = 0, small integer or fractional worths);
a brute-force Shapley value over all orderings is the independent cross-check.
"""

from __future__ import annotations

import itertools
import math
from fractions import Fraction

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from deterrence.games.cooperative import CharacteristicFunctionGame, WeightedQuotaGame
from deterrence.solvers.cooperative import banzhaf_index, core, nucleolus, shapley_value


@st.composite
def games(draw, min_players: int = 1, max_players: int = 5, fractions: bool = True):
    n = draw(st.integers(min_players, max_players))
    number = st.fractions(-20, 20, max_denominator=6) if fractions else st.integers(-20, 20)
    worths = draw(st.lists(number, min_size=(1 << n) - 1, max_size=(1 << n) - 1))
    return CharacteristicFunctionGame(n, [0, *worths])


def brute_force_shapley(game: CharacteristicFunctionGame) -> list[Fraction]:
    n = game.num_players
    totals = [Fraction(0)] * n
    for order in itertools.permutations(range(n)):
        mask = 0
        for player in order:
            totals[player] += game.exact_values[mask | 1 << player] - game.exact_values[mask]
            mask |= 1 << player
    return [t / math.factorial(n) for t in totals]


@given(games())
@settings(max_examples=60, deadline=None)
def test_shapley_equals_permutation_average(game):
    assert list(shapley_value(game).values) == brute_force_shapley(game)


@given(games())
@settings(max_examples=60, deadline=None)
def test_efficiency(game):
    assert sum(shapley_value(game).values) == game.exact_values[-1]


@given(games(min_players=2), st.data())
@settings(max_examples=60, deadline=None)
def test_symmetry(game, data):
    """Making players i and j interchangeable gives them equal values."""
    n = game.num_players
    i, j = data.draw(st.lists(st.integers(0, n - 1), min_size=2, max_size=2, unique=True))

    def swap(mask: int) -> int:
        bi, bj = mask >> i & 1, mask >> j & 1
        return (mask & ~(1 << i) & ~(1 << j)) | bi << j | bj << i

    values = [max(game.exact_values[m], game.exact_values[swap(m)]) for m in range(1 << n)]
    symmetric = CharacteristicFunctionGame(n, [0, *values[1:]])
    phi = shapley_value(symmetric).values
    assert phi[i] == phi[j]
    assert banzhaf_index(symmetric).values[i] == banzhaf_index(symmetric).values[j]


@given(games(min_players=2), st.data())
@settings(max_examples=60, deadline=None)
def test_null_player(game, data):
    """A player who adds nothing to any coalition gets zero."""
    n = game.num_players
    null = data.draw(st.integers(0, n - 1))
    values = [game.exact_values[m & ~(1 << null)] for m in range(1 << n)]
    dummy = CharacteristicFunctionGame(n, values)
    assert shapley_value(dummy).values[null] == 0
    assert banzhaf_index(dummy).values[null] == 0


@given(st.integers(1, 4).flatmap(lambda n: st.tuples(games(n, n), games(n, n))))
@settings(max_examples=60, deadline=None)
def test_additivity(pair):
    first, second = pair
    total = shapley_value(first + second).values
    assert list(total) == [
        a + b for a, b in zip(shapley_value(first).values, shapley_value(second).values)
    ]


@given(games(max_players=4, fractions=False))
@settings(max_examples=40, deadline=None)
def test_core_point_satisfies_every_coalition(game):
    result = core(game)
    n = game.num_players
    point = [Fraction(x) for x in result.point]
    assert sum(point) == game.exact_values[-1] or not result.exact
    slack = [
        sum((point[i] for i in range(n) if m >> i & 1), Fraction(0)) - game.exact_values[m]
        for m in range(1, (1 << n) - 1)
    ]
    if not result.empty:
        assert min(slack, default=0) >= -1e-9
    else:
        assert result.epsilon > 0 and result.blocking
        assert -min(slack) <= float(result.epsilon) + 1e-9


@given(games(max_players=4, fractions=False))
@settings(max_examples=30, deadline=None)
def test_nucleolus_is_efficient_and_in_a_nonempty_core(game):
    value = nucleolus(game)
    n = game.num_players
    point = np.array([float(x) for x in value.values])
    assert abs(point.sum() - float(game.exact_values[-1])) < 1e-7
    if not core(game).empty:
        table = game.table()
        for m in range(1, (1 << n) - 1):
            assert point[[i for i in range(n) if m >> i & 1]].sum() >= table[m] - 1e-7


@given(st.lists(st.integers(0, 9), min_size=1, max_size=7), st.integers(1, 30))
@settings(max_examples=60, deadline=None)
def test_weighted_quota_table_matches_values(weights, quota):
    game = WeightedQuotaGame(weights, quota)
    table = game.to_characteristic_function()
    assert list(table.exact_values) == [game.value(m) for m in range(1 << len(weights))]
    assert list(shapley_value(game).values) == brute_force_shapley(table)
    mask = game.mask(game.players)
    orders = np.array([list(range(len(weights)))])
    generic = super(WeightedQuotaGame, game).order_contributions(orders)
    assert np.array_equal(game.order_contributions(orders), generic)
    membership = np.array([[bool(mask >> i & 1) for i in range(len(weights))]])
    assert np.array_equal(
        game.swing_contributions(membership),
        super(WeightedQuotaGame, game).swing_contributions(membership),
    )
