"""n-player support enumeration with polynomial homotopy: known answers and cross-checks."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest

from deterrence.exceptions import InvalidGameError
from deterrence.games.normal_form import NormalFormGame
from deterrence.solvers.api import solve
from deterrence.solvers.polynomial_enumeration import (
    solve_polynomial_enumeration,
    solve_support_system,
    support_profiles,
)
from deterrence.solvers.vertex_enumeration import solve_vertex_enumeration


def _stag_trio():
    """Honour pays 1 iff both others honour; not honouring pays 1/2."""
    payoffs = np.empty((3, 2, 2, 2), dtype=object)
    for i in range(3):
        for profile in np.ndindex(2, 2, 2):
            payoffs[(i,) + profile] = int(not any(profile)) if profile[i] == 0 else Fraction(1, 2)
    return NormalFormGame.from_payoffs(payoffs)


def _jordan():
    """Jordan's (1993) cyclic matching pennies: 1 matches 2, 2 matches 3, 3 mismatches 1."""
    payoffs = np.zeros((3, 2, 2, 2), dtype=int)
    for a, b, c in np.ndindex(2, 2, 2):
        payoffs[0, a, b, c] = 1 if a == b else -1
        payoffs[1, a, b, c] = 1 if b == c else -1
        payoffs[2, a, b, c] = 1 if c != a else -1
    return NormalFormGame.from_payoffs(payoffs)


def test_irrational_totally_mixed_equilibrium_by_hand():
    # indifference of each member: q_j q_k = 1/2 for the two others, so q = 1/sqrt(2);
    # plus the pure equilibria "all honour" and "nobody honours" (checked by hand)
    result = solve_polynomial_enumeration(_stag_trio(), exact=True)
    assert len(result) == 3 and result.complete
    mixed = [eq for eq in result if not eq.is_pure]
    assert len(mixed) == 1
    for strategy in mixed[0].strategies:
        assert float(strategy[0]) == pytest.approx(1 / math.sqrt(2), abs=1e-12)
    pure = [eq for eq in result if eq.is_pure]
    assert all(eq.exact and eq.max_regret() == 0 for eq in pure)


def test_jordan_cyclic_pennies_unique_half_half():
    # Jordan (1993): the unique equilibrium has everybody mixing 1/2
    result = solve_polynomial_enumeration(_jordan(), exact=True)
    assert len(result) == 1
    assert result.exact
    assert [s.tolist() for s in result[0].strategies] == [[Fraction(1, 2)] * 2] * 3
    assert result[0].max_regret() == 0


@pytest.mark.parametrize("seed", range(6))
def test_two_player_agrees_with_vertex_enumeration(seed):
    rng = np.random.default_rng(seed)
    shape = tuple(int(k) for k in rng.integers(2, 4, size=2))
    game = NormalFormGame.from_matrices(rng.normal(size=shape), rng.normal(size=shape))
    ours = solve_polynomial_enumeration(game)
    reference = solve_vertex_enumeration(game)
    assert len(ours) == len(reference)
    for eq in reference:
        assert any(eq.isclose(other, tol=1e-7) for other in ours)


@pytest.mark.parametrize("seed", range(4))
def test_random_three_player_games_are_certified(seed):
    rng = np.random.default_rng(100 + seed)
    game = NormalFormGame.from_payoffs(rng.normal(size=(3, 2, 2, 2)))
    result = solve_polynomial_enumeration(game)
    assert result.complete and not result.degenerate
    assert len(result) % 2 == 1  # generic games have an odd number (Wilson 1971)
    assert len(result) <= 2 + 8  # at most 2 totally mixed (McKelvey-McLennan)
    assert result.max_regret() <= 1e-9


def test_logit_solution_is_among_enumerated():
    rng = np.random.default_rng(7)
    game = NormalFormGame.from_payoffs(rng.normal(size=(3, 2, 3, 2)))
    everything = solve_polynomial_enumeration(game)
    logit = solve(game, method="logit")
    assert any(logit[0].isclose(eq, tol=1e-6) for eq in everything)


def test_registered_in_solve():
    result = solve(_jordan(), method="polynomial_enumeration")
    assert result.method == "polynomial_enumeration"


def test_support_system_direct():
    game = _stag_trio()
    profiles, trouble = solve_support_system(game, [(0, 1)] * 3, rng=1)
    assert not trouble
    assert len(profiles) == 1
    assert profiles[0][0][0] == pytest.approx(1 / math.sqrt(2))


def test_support_profiles_prune_dominated():
    pd = NormalFormGame.from_matrices([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    assert list(support_profiles(pd)) == [((1,), (1,))]


def test_degenerate_game_is_flagged_incomplete():
    # player 2 indifferent everywhere: continua of equilibria
    payoffs = np.zeros((3, 2, 2, 2), dtype=int)
    payoffs[0] = [[[1, 1], [0, 0]], [[0, 0], [1, 1]]]
    payoffs[2] = [[[1, 0], [1, 0]], [[0, 1], [0, 1]]]
    result = solve_polynomial_enumeration(NormalFormGame.from_payoffs(payoffs))
    assert result.degenerate and not result.complete
    assert result.max_regret() <= 1e-9


def test_rejects_non_games():
    with pytest.raises(InvalidGameError, match="NormalFormGame"):
        solve_polynomial_enumeration([[1, 2], [3, 4]])


@pytest.mark.gambit
def test_against_pygambit_enumpoly():
    gbt = pytest.importorskip("pygambit", reason="pygambit not installed (the gambit extra)")
    rng = np.random.default_rng(11)
    for shape in [(2, 2, 2), (3, 2, 2), (2, 2, 2, 2)]:
        payoffs = rng.normal(size=(len(shape),) + shape).round(3)
        game = NormalFormGame.from_payoffs(payoffs)
        ours = solve_polynomial_enumeration(game)
        gambit_game = gbt.Game.from_arrays(*[np.array(p, dtype=float) for p in payoffs])
        theirs = gbt.nash.enumpoly_solve(gambit_game).equilibria
        # every equilibrium pygambit reports is ours; ours are all certified
        for eq in theirs:
            profile = [[float(eq[s]) for s in player.strategies] for player in gambit_game.players]
            assert any(
                all(np.allclose(a, b, atol=1e-5) for a, b in zip(profile, mine.strategies))
                for mine in ours
            )
        assert ours.max_regret() <= 1e-9
        assert len(ours) >= len(theirs)
