"""Float solves report an equilibrium once, even on games with near ties.

Near ties (payoffs just further apart than the tolerance) used to give an exact vertex and,
a few 1e-9 away, a profile that is an equilibrium only within the tolerance: the same
equilibrium twice at any printed precision."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from deterrence import NormalFormGame, solve
from deterrence.solvers.api import DUPLICATE_TOL, merge_near_duplicates
from deterrence.solvers.vertex_enumeration import solve_vertex_enumeration


def _near_tie_games(count, seed=0):
    rng = np.random.default_rng(seed)
    for _ in range(count):
        m, n = rng.integers(2, 5, size=2)
        noise = [0.0, 1e-9, -1e-9, 3e-8]
        a = rng.integers(0, 4, size=(m, n)) + rng.choice(noise, size=(m, n))
        b = rng.integers(0, 4, size=(m, n)) + rng.choice(noise, size=(m, n))
        yield NormalFormGame.from_matrices(a, b)


def _vectors(result):
    return [np.concatenate([np.asarray(s, dtype=float) for s in eq.strategies]) for eq in result]


def test_no_two_reported_equilibria_agree_to_the_duplicate_tolerance():
    merged = 0
    for game in _near_tie_games(300):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            result = solve(game)
        vectors = _vectors(result)
        for i in range(len(vectors)):
            for j in range(i):
                assert np.abs(vectors[i] - vectors[j]).max() > DUPLICATE_TOL
        merged += result.options.get("near_duplicates", 0)
    assert merged > 0  # the seeded games do contain near duplicates


def test_merging_keeps_the_smaller_regret_and_covers_every_dropped_profile():
    dropped = 0
    for game in _near_tie_games(300, seed=1):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            full = solve_vertex_enumeration(game)  # the solver itself: nothing merged
        kept = merge_near_duplicates(full)
        dropped += len(full) - len(kept)
        kept_vectors = _vectors(kept)
        for eq, vector in zip(full, _vectors(full)):
            close = [
                k
                for k, other in enumerate(kept_vectors)
                if np.abs(vector - other).max() <= DUPLICATE_TOL
            ]
            assert close, "a dropped profile has no kept twin"
            assert min(float(kept[k].max_regret()) for k in close) <= float(eq.max_regret())
    assert dropped > 0


def test_exact_results_are_never_merged():
    game = NormalFormGame.from_matrices([[1, 1], [1, 1]], [[1, 1], [1, 1]])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = solve(game, exact=True)
    assert merge_near_duplicates(result) is result


@pytest.mark.parametrize("tol", [0.0, 1.0])
def test_tolerance_is_respected(tol):
    game = NormalFormGame.from_matrices([[3.0, 0.0], [0.0, 1.0]], [[1.0, 0.0], [0.0, 3.0]])
    result = solve(game)
    assert len(merge_near_duplicates(result, tol=tol)) == (len(result) if tol == 0 else 1)


@pytest.mark.parametrize("tol", ["x", -1.0, float("nan"), True])
def test_a_bad_tolerance_is_named(tol):
    from deterrence.exceptions import InvalidGameError

    game = NormalFormGame.from_matrices([[3.0, 0.0], [0.0, 1.0]], [[1.0, 0.0], [0.0, 3.0]])
    with pytest.raises(InvalidGameError, match="tol must be a number >= 0"):
        merge_near_duplicates(solve(game), tol=tol)
