"""Three mixing players, one over two strategies: the univariate polynomial agrees with the
homotopy on every support profile (and the whole enumeration keeps its answers)."""

from __future__ import annotations

import numpy as np
import pytest

from deterrence import NormalFormGame
from deterrence.solvers import polynomial_enumeration as pe


def random_game(seed: int, shape: tuple[int, ...]) -> NormalFormGame:
    rng = np.random.default_rng(seed)
    return NormalFormGame.from_payoffs(np.round(rng.standard_normal((len(shape), *shape)), 3))


def same_sets(first, second) -> bool:
    return len(first) == len(second) and all(
        any(pe._same(a, b, tol=1e-6) for b in second) for a in first
    )


@pytest.mark.parametrize(
    ("seed", "shape"), [(0, (2, 2, 3)), (1, (3, 3, 2)), (2, (2, 3, 3)), (3, (3, 2, 4))]
)
def test_closed_form_equals_the_homotopy_on_every_profile_it_takes(seed, shape):
    game = random_game(seed, shape)
    taken = 0
    for supports in pe.support_profiles(game):
        answer = pe._solve_three_mixing(game, [supports], 1e-9)[0]
        if answer is None:
            continue
        taken += 1
        homotopy, _ = pe.solve_support_system(game, supports, rng=0)
        assert same_sets(answer[0], homotopy), supports
    assert taken > 0


def test_profiles_without_a_two_strategy_mixer_are_left_to_the_homotopy():
    game = random_game(4, (3, 3, 3))
    assert pe._solve_three_mixing(game, [[(0, 1, 2)] * 3], 1e-9) == [None]


def test_an_elimination_that_divides_by_zero_falls_back():
    # Jordan's cyclic pennies: player 3's payoff ignores player 2, so the cofactor
    # mixture of player 2 vanishes at the solution; the homotopy answers instead.
    payoffs = np.zeros((3, 2, 2, 2))
    for profile in np.ndindex(2, 2, 2):
        a, b, c = profile
        payoffs[(0, *profile)] = 1.0 if a == b else 0.0
        payoffs[(1, *profile)] = 1.0 if b == c else 0.0
        payoffs[(2, *profile)] = 1.0 if c != a else 0.0
    game = NormalFormGame.from_payoffs(payoffs)
    assert pe._solve_three_mixing(game, [[(0, 1)] * 3], 1e-9) == [None]
    (equilibrium,) = pe.solve_polynomial_enumeration(game)
    assert np.allclose(np.concatenate(equilibrium.strategies), 0.5)


def test_dominated_strategies_are_cached_by_the_others_supports():
    game = random_game(5, (3, 3, 2))
    cache: dict = {}
    first = pe.dominated_strategies(game.float_payoffs, [(0, 1), (0,), (1,)], 0, cache)
    again = pe.dominated_strategies(game.float_payoffs, [(2,), (0,), (1,)], 0, cache)
    assert first == again and len(cache) == 1


@pytest.mark.parametrize(("seed", "shape"), [(6, (4, 4, 4)), (7, (2, 4, 3, 2))])
def test_a_batch_of_profiles_gets_the_answers_of_one_profile_at_a_time(seed, shape):
    game = random_game(seed, shape)
    groups: dict = {}
    for supports in pe.support_profiles(game):
        if sum(len(s) > 1 for s in supports) == 3:
            groups.setdefault(tuple(len(s) for s in supports), []).append(supports)
    compared = 0
    for group in groups.values():
        batch = pe._solve_three_mixing(game, group, 1e-9)
        for supports, answer in zip(group, batch):
            alone = pe._solve_three_mixing(game, [supports], 1e-9)[0]
            assert (answer is None) == (alone is None), supports
            if answer is not None and alone is not None:
                assert same_sets(answer[0], alone[0]) and answer[1] == alone[1], supports
                compared += 1
    assert compared > 50
