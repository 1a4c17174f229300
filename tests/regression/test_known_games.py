"""Known-answer table of two-player games, each with its source.

Every expected equilibrium set was derived by hand from the indifference conditions (shown
beside each case) and agrees with the cited textbook; the solvers must reproduce it exactly
(``exact=True``) and, in floats, to 1e-9. The degenerate cases also pin down the known
failures of other libraries (nashpy 0.0.4x support enumeration misses equilibria of these
games, its vertex enumeration crashes on some of them and returns slightly negative
probabilities on others; naive Lemke-Howson can cycle on degenerate games).
"""

from __future__ import annotations

import warnings
from fractions import Fraction as F

import numpy as np
import pytest

from deterrence import NormalFormGame, solve
from deterrence.exceptions import DegenerateGameWarning
from deterrence.solvers.degeneracy import is_degenerate

COMPLETE = ["vertex_enumeration", "support_enumeration"]


def _profile(x, y):
    return tuple(F(v) for v in x) + tuple(F(v) for v in y)


CASES = {
    # Prisoner's dilemma (Osborne and Rubinstein 1994, ex. 16.2): defection dominates.
    "prisoners_dilemma": (
        [[3, 0], [5, 1]],
        [[3, 5], [0, 1]],
        False,
        [_profile([0, 1], [0, 1])],
    ),
    # Stag hunt (Skyrms 2004, ch. 1): two pure equilibria and the mixed one in which each
    # hunts stag with p solving 4p = 3, i.e. p = 3/4.
    "stag_hunt": (
        [[4, 0], [3, 3]],
        [[4, 3], [0, 3]],
        False,
        [
            _profile([1, 0], [1, 0]),
            _profile([F(3, 4), F(1, 4)], [F(3, 4), F(1, 4)]),
            _profile([0, 1], [0, 1]),
        ],
    ),
    # Chicken (Osborne 2004, section 3.2): swerve/straight; the mixed equilibrium swerves
    # with q solving -(1 - q) = q - 10(1 - q), i.e. q = 9/10.
    "chicken": (
        [[0, -1], [1, -10]],
        [[0, 1], [-1, -10]],
        False,
        [
            _profile([1, 0], [0, 1]),
            _profile([F(9, 10), F(1, 10)], [F(9, 10), F(1, 10)]),
            _profile([0, 1], [1, 0]),
        ],
    ),
    # Battle of the sexes (Osborne and Rubinstein 1994, ex. 15.3): mixed equilibrium
    # x = (2/3, 1/3), y = (1/3, 2/3).
    "battle_of_the_sexes": (
        [[2, 0], [0, 1]],
        [[1, 0], [0, 2]],
        False,
        [
            _profile([1, 0], [1, 0]),
            _profile([F(2, 3), F(1, 3)], [F(1, 3), F(2, 3)]),
            _profile([0, 1], [0, 1]),
        ],
    ),
    # Matching pennies (von Neumann and Morgenstern 1944): unique, uniform.
    "matching_pennies": (
        [[1, -1], [-1, 1]],
        [[-1, 1], [1, -1]],
        False,
        [_profile([F(1, 2), F(1, 2)], [F(1, 2), F(1, 2)])],
    ),
    # Rock-paper-scissors: unique, uniform, value 0.
    "rock_paper_scissors": (
        [[0, -1, 1], [1, 0, -1], [-1, 1, 0]],
        [[0, 1, -1], [-1, 0, 1], [1, -1, 0]],
        False,
        [_profile([F(1, 3)] * 3, [F(1, 3)] * 3)],
    ),
    # von Stengel (2002, Handbook of Game Theory ch. 45, section 2.6, degenerate example):
    # against x = (1, 0, 0) the column player is indifferent, and (1, 0, 0) stays a best
    # response for y = (q, 1 - q) with q >= 2/3 -- a continuum with extreme points
    # q = 1 and q = 2/3 -- plus the isolated equilibrium (0, 1/3, 2/3), (1/3, 2/3).
    "von_stengel_degenerate": (
        [[3, 3], [2, 5], [0, 6]],
        [[3, 3], [2, 6], [3, 1]],
        True,
        [
            _profile([1, 0, 0], [1, 0]),
            _profile([1, 0, 0], [F(2, 3), F(1, 3)]),
            _profile([0, F(1, 3), F(2, 3)], [F(1, 3), F(2, 3)]),
        ],
    ),
    # The column player is always indifferent (her payoff depends on the row only); the
    # row player matches. Components: x = e1 with q >= 1/2, x = e2 with q <= 1/2 and any x
    # with q = 1/2. Four extreme equilibria; nashpy's support enumeration returns only the
    # two pure ones and its vertex enumeration only two.
    "indifferent_column_player": (
        [[1, 0], [0, 1]],
        [[1, 1], [0, 0]],
        True,
        [
            _profile([1, 0], [1, 0]),
            _profile([1, 0], [F(1, 2), F(1, 2)]),
            _profile([0, 1], [F(1, 2), F(1, 2)]),
            _profile([0, 1], [0, 1]),
        ],
    ),
    # A strictly dominant row against an indifferent column player: the segment x = e1,
    # y arbitrary, with extreme points at the two pure profiles (nashpy's vertex
    # enumeration raises TypeError here).
    "dominant_row_indifferent_column": (
        [[1, 1], [0, 0]],
        [[0, 0], [0, 0]],
        True,
        [_profile([1, 0], [1, 0]), _profile([1, 0], [0, 1])],
    ),
    # All payoffs zero: every profile is an equilibrium; the extreme ones are the four pure.
    "all_zero": (
        [[0, 0], [0, 0]],
        [[0, 0], [0, 0]],
        True,
        [
            _profile([1, 0], [1, 0]),
            _profile([1, 0], [0, 1]),
            _profile([0, 1], [1, 0]),
            _profile([0, 1], [0, 1]),
        ],
    ),
    # Identical rows for the row player, column player prefers s1 (nashpy's vertex
    # enumeration returns no equilibrium at all here).
    "identical_rows": (
        [[0, 1], [0, 1]],
        [[1, 0], [1, 0]],
        True,
        [_profile([1, 0], [1, 0]), _profile([0, 1], [1, 0])],
    ),
    # 1 x 2: the column player is indifferent; both pure profiles are extreme.
    "one_by_two_indifferent": (
        [[1, 1]],
        [[0, 0]],
        True,
        [_profile([1], [1, 0]), _profile([1], [0, 1])],
    ),
}


@pytest.fixture(params=sorted(CASES))
def case(request):
    first, second, degenerate, expected = CASES[request.param]
    return NormalFormGame.from_matrices(first, second, title=request.param), degenerate, expected


@pytest.mark.parametrize("method", COMPLETE)
def test_exact_extreme_equilibria_match_the_table(case, method):
    game, degenerate, expected = case
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DegenerateGameWarning)
        result = solve(game, method, exact=True)
    found = [tuple(p for s in eq.strategies for p in s) for eq in result]
    assert sorted(found) == sorted(expected)
    assert len(found) == len(set(found))
    assert result.degenerate == degenerate
    assert is_degenerate(game) == degenerate
    assert all(eq.max_regret() == 0 for eq in result)


@pytest.mark.parametrize("method", COMPLETE)
def test_float_extreme_equilibria_match_the_table(case, method):
    game, degenerate, expected = case
    float_game = NormalFormGame.from_matrices(
        np.asarray(game.float_payoffs[0]), np.asarray(game.float_payoffs[1])
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DegenerateGameWarning)
        result = solve(float_game, method)
    found = sorted(tuple(float(p) for s in eq.strategies for p in s) for eq in result)
    wanted = sorted(tuple(float(p) for p in profile) for profile in expected)
    assert len(found) == len(wanted)
    assert np.allclose(found, wanted, atol=1e-9, rtol=0)
    assert all(np.isfinite(row).all() and min(row) >= 0 for row in found)


def test_degenerate_games_warn(case):
    game, degenerate, _ = case
    if degenerate:
        with pytest.warns(DegenerateGameWarning):
            solve(game)
    else:
        with warnings.catch_warnings():
            warnings.simplefilter("error", DegenerateGameWarning)
            solve(game)


@pytest.mark.parametrize("exact", [False, True])
def test_lemke_howson_terminates_from_every_label_with_an_equilibrium(case, exact):
    """Lexicographic pivoting: no cycling on degenerate games, and the answer is in the table."""
    game, _, expected = case
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DegenerateGameWarning)
        result = solve(game, "lemke_howson", initial_label="all", exact=exact)
    assert len(result) >= 1
    for eq in result:
        assert eq.max_regret() <= (0 if exact else 1e-12)
        # a completely labelled vertex pair: always an extreme equilibrium
        found = tuple(p for s in eq.strategies for p in s)
        if exact:
            assert found in expected
        else:
            assert min(np.abs(np.subtract(found, np.array(expected, float))).max(axis=1)) < 1e-9


def test_stag_hunt_lemke_howson_reaches_both_pure_equilibria():
    stag = NormalFormGame.from_matrices([[4, 0], [3, 3]], [[4, 3], [0, 3]])
    result = solve(stag, "lemke_howson", initial_label="all", exact=True)
    assert [eq.outcome for eq in result] == ["(s1, s1)", "(s2, s2)"]


def test_zero_sum_value_of_rock_paper_scissors_is_zero():
    first, second, _, _ = CASES["rock_paper_scissors"]
    (equilibrium,) = solve(NormalFormGame.from_matrices(first, second), exact=True)
    assert equilibrium.payoffs == (0, 0)


def test_nashpy_issue_82_all_eight_equilibria():
    """github.com/drvinceknight/Nashpy/issues/82: players *minimise* costs A and B; the
    reporter lists 8 extreme equilibria, confirmed by an independent Matlab support
    enumeration and the Liverpool online solver; nashpy's support enumeration finds 5."""
    costs_row = np.array([[0, 0, 6, 0, 0], [0, 0, 3, 2, 1], [4, 3, 0, 0, 1]])
    costs_column = np.array([[3, 0, 2, 1, 0], [0, 2, 0, 0, 4], [4, 0, 2, 4, 4]])
    game = NormalFormGame.from_matrices(-costs_row, -costs_column)
    expected = {
        _profile([1, 0, 0], [0, 1, 0, 0, 0]),
        _profile([1, 0, 0], [0, 0, 0, 0, 1]),
        _profile([F(2, 3), F(1, 3), 0], [0, 1, 0, 0, 0]),
        _profile([F(1, 3), F(1, 2), F(1, 6)], [0, F(4, 9), F(2, 9), F(1, 3), 0]),
        _profile([0, F(1, 2), F(1, 2)], [0, F(1, 2), F(1, 2), 0, 0]),
        _profile([0, 1, 0], [F(3, 7), 0, F(4, 7), 0, 0]),
        _profile([0, 1, 0], [1, 0, 0, 0, 0]),
        _profile([0, 1, 0], [F(3, 8), 0, F(1, 4), F(3, 8), 0]),
    }
    for method in COMPLETE:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DegenerateGameWarning)
            result = solve(game, method, exact=True)
        assert {tuple(p for s in eq.strategies for p in s) for eq in result} == expected


def test_nashpy_issue_66_zero_sum_game_gives_finite_probabilities():
    """github.com/drvinceknight/Nashpy/issues/66: nashpy's vertex enumeration returned the
    'strategy' [-inf, nan, nan, inf] for this degenerate zero-sum game (two identical
    columns). Every profile here must be a finite, exact-zero-off-support equilibrium."""
    matrix = [
        [-4.74849287, -1.41955836, -1.41955836, -2.46551608],
        [-100.0, -0.80877032, -0.80877032, -1.42923881],
        [-3.99960399, -1.41955836, -1.41955836, -1.42923881],
        [-2.46551608, -0.80877032, -0.80877032, -2.46551608],
    ]
    game = NormalFormGame.zero_sum(matrix)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DegenerateGameWarning)
        results = [solve(game, method) for method in COMPLETE]
    assert [eq.support for eq in results[0]] == [eq.support for eq in results[1]]
    for result in results:
        assert result.degenerate and len(result) == 2
        for eq in result:
            assert all(np.isfinite(s).all() and (s >= 0).all() for s in eq.strategies)
            assert eq.max_regret() <= 1e-12
            assert eq.payoffs[0] == pytest.approx(-2.46551608)
        assert [eq.support for eq in result] == [((3,), (0,)), ((3,), (0, 3))]
