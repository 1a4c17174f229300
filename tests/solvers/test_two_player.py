"""Two-player solvers: cross-checks, options and errors (vertex, support, Lemke-Howson, nashpy)."""

from __future__ import annotations

import warnings
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from deterrence import NormalFormGame, iter_equilibria, solve
from deterrence.exceptions import (
    DegenerateGameWarning,
    InvalidGameError,
    SolverError,
    UnsupportedGameError,
)
from deterrence.solvers import (
    METHODS,
    solve_lemke_howson,
    solve_nashpy,
    solve_support_enumeration,
    solve_vertex_enumeration,
)
from deterrence.solvers.degeneracy import is_degenerate
from deterrence.solvers.lemke_howson import lemke_howson_path
from deterrence.solvers.polytope import polytope_vertices, positive_shift
from tests.properties.strategies import float_games, integer_games, thin_games, tie_games

pytestmark = pytest.mark.filterwarnings("ignore::deterrence.exceptions.DegenerateGameWarning")
SETTINGS = settings(
    max_examples=30, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)


def _exact_set(result) -> set:
    return {tuple(Fraction(p) for s in eq.strategies for p in s) for eq in result}


def _rounded_set(result, digits: int = 7) -> set:
    return {tuple(round(float(p), digits) + 0.0 for s in eq.strategies for p in s) for eq in result}


# ---------------------------------------------------------------------------- registry
def test_registry_and_auto():
    assert {"pure", "vertex_enumeration", "support_enumeration", "lemke_howson", "nashpy"} <= set(
        METHODS
    )
    bos = NormalFormGame.from_matrices([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    assert solve(bos).method == "vertex_enumeration"
    assert [eq.outcome for eq in iter_equilibria(bos, exact=True)] == [
        eq.outcome for eq in solve(bos, exact=True)
    ]


def test_unknown_method_and_exact_float_game_are_rejected():
    game = NormalFormGame.from_matrices([[1.5, 0], [0, 1]], [[1, 0], [0, 1]])
    with pytest.raises(InvalidGameError, match="unknown method 'simplex'"):
        solve(game, "simplex")
    with pytest.raises(InvalidGameError, match="float payoffs"):
        solve(game, exact=True)


@pytest.mark.parametrize(
    "solver",
    [solve_vertex_enumeration, solve_support_enumeration, solve_lemke_howson, solve_nashpy],
)
def test_two_player_solvers_reject_three_player_games(solver):
    game = NormalFormGame.from_payoffs(np.zeros((3, 2, 2, 2), dtype=int))
    with pytest.raises(UnsupportedGameError, match="3 players"):
        solver(game)


# ---------------------------------------------------------------------------- cross-checks
@SETTINGS
@given(game=st.one_of(tie_games(), integer_games(), thin_games()))
def test_support_enumeration_equals_vertex_enumeration_on_tie_heavy_games(game):
    vertex = solve_vertex_enumeration(game, exact=True)
    support = solve_support_enumeration(game, exact=True)
    assert _exact_set(vertex) == _exact_set(support)
    assert vertex.degenerate == support.degenerate


@SETTINGS
@given(game=st.one_of(tie_games(max_size=5), integer_games(max_size=5)))
def test_float_and_exact_vertex_enumeration_agree(game):
    exact = solve_vertex_enumeration(game, exact=True)
    floating = solve_vertex_enumeration(game)
    assert _rounded_set(exact) == _rounded_set(floating)


@SETTINGS
@given(game=st.one_of(tie_games(max_size=5), integer_games(max_size=5)))
def test_qhull_label_sets_equal_exact_label_sets(game):
    """The fast float vertex enumeration finds the same vertices with the same full labels."""
    for which in (0, 1):
        exact_matrix = positive_shift(game.payoffs[1 - which])
        exact_matrix = exact_matrix if which == 0 else exact_matrix.T
        fast = polytope_vertices(np.array(exact_matrix.tolist(), dtype=float))
        exact = polytope_vertices(exact_matrix, exact=True)
        assert sorted(map(bytes, fast.labels)) == sorted(map(bytes, exact.labels))


@SETTINGS
@given(game=float_games())
def test_same_equilibria_as_nashpy_on_nondegenerate_games(game):
    assume(not is_degenerate(game))
    assume(min(game.num_strategies) >= 2)  # nashpy's vertex enumeration needs 2-d polytopes
    ours = _rounded_set(solve_vertex_enumeration(game))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        vertex = {
            tuple(np.round(np.concatenate([x, y]), 7) + 0.0)
            for x, y in game.to_nashpy().vertex_enumeration()
        }
        support = {
            tuple(np.round(np.concatenate([x, y]), 7) + 0.0)
            for x, y in game.to_nashpy().support_enumeration()
        }
    assert ours == vertex
    # nashpy's support enumeration can miss equilibria even of nondegenerate games (below)
    assert support <= ours
    assert _rounded_set(solve(game, "nashpy")) <= ours


def test_nashpy_support_enumeration_misses_an_equilibrium_of_a_nondegenerate_game():
    """Regression: found by the cross-check above (nashpy 0.0.4x returns nothing here)."""
    first = [[0.23643249, 9.00927393, -7.11680775], [8.97298894, -3.76337096, -1.53347102]]
    second = [[6.55405188, -1.81601727, 0.99187375], [-9.44881774, 5.07026217, 0.76286626]]
    game = NormalFormGame.from_matrices(first, second)
    assert not is_degenerate(game)
    for method in ("vertex_enumeration", "support_enumeration", "lemke_howson"):
        (equilibrium,) = solve(game, method)
        assert equilibrium.support == ((0, 1), (1, 2))
        assert equilibrium.max_regret() <= 1e-12


def _gambit_set(game: NormalFormGame, rational: bool) -> set:
    gambit = pytest.importorskip(
        "pygambit", reason="pygambit not installed (optional 'gambit' extra)"
    )
    first = np.array(game.payoffs[0].tolist(), dtype=object)
    second = np.array(game.payoffs[1].tolist(), dtype=object)
    if rational:
        first = np.vectorize(lambda v: gambit.Rational(v.numerator, v.denominator))(first)
        second = np.vectorize(lambda v: gambit.Rational(v.numerator, v.denominator))(second)
    table = gambit.Game.from_arrays(first, second)
    result = gambit.nash.enummixed_solve(table, rational=rational)
    out = set()
    for eq in result.equilibria:
        values = [eq[s] for p in table.players for s in p.strategies]
        out.add(tuple(Fraction(str(v)) for v in values))
    return out


@pytest.mark.gambit
@settings(
    max_examples=20, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
@given(game=st.one_of(integer_games(), tie_games(max_size=3)))
def test_same_extreme_equilibria_as_gambit_enummixed_exact(game):
    assert _exact_set(solve_vertex_enumeration(game, exact=True)) == _gambit_set(game, True)


@pytest.mark.gambit
def test_gambit_cross_check_on_a_seeded_7x7_integer_game():
    rng = np.random.default_rng(7)
    game = NormalFormGame.from_matrices(rng.integers(0, 10, (7, 7)), rng.integers(0, 10, (7, 7)))
    assert _exact_set(solve_vertex_enumeration(game, exact=True)) == _gambit_set(game, True)


# ---------------------------------------------------------------------------- Lemke-Howson
GAME_32 = NormalFormGame.from_matrices(
    [[3, 3], [2, 5], [0, 6]],
    [[3, 2], [2, 6], [3, 1]],
    players=("row", "column"),
    strategies=(("T", "M", "B"), ("l", "r")),
)


def test_lemke_howson_label_forms():
    by_index = solve_lemke_howson(GAME_32, initial_label=3, exact=True)
    by_name = solve_lemke_howson(GAME_32, initial_label="l", exact=True)
    by_pair = solve_lemke_howson(GAME_32, initial_label=("column", "l"), exact=True)
    assert by_index[0] == by_name[0] == by_pair[0]
    assert not by_index.complete and by_index.method == "lemke_howson"
    assert len(solve_lemke_howson(GAME_32)) == 1


def test_lemke_howson_bad_labels():
    with pytest.raises(InvalidGameError, match="out of range"):
        solve_lemke_howson(GAME_32, initial_label=5)
    with pytest.raises(InvalidGameError, match="not a label"):
        solve_lemke_howson(GAME_32, initial_label="nowhere")
    shared = NormalFormGame.from_matrices([[1, 0], [0, 1]], [[1, 0], [0, 1]])
    with pytest.raises(InvalidGameError, match="both players"):
        solve_lemke_howson(shared, initial_label="s1")


def test_lemke_howson_all_labels_on_the_32_game():
    """von Stengel (2002, Fig. 2.1/4.1): two of the three equilibria are reachable."""
    result = solve_lemke_howson(GAME_32, initial_label="all", exact=True)
    assert _exact_set(result) <= _exact_set(solve_vertex_enumeration(GAME_32, exact=True))
    assert len(result) == 2


def test_lemke_howson_pivot_limit_raises_solver_error():
    rng = np.random.default_rng(3)
    game = NormalFormGame.from_matrices(rng.random((30, 30)), rng.random((30, 30)))
    with pytest.raises(SolverError, match="pivots"):
        lemke_howson_path(game, 0, max_pivots=1)


@pytest.mark.parametrize("size", [60, 200])
def test_lemke_howson_large_float_games_are_verified(size):
    rng = np.random.default_rng(size)
    game = NormalFormGame.from_matrices(rng.random((size, size)), rng.random((size, size)))
    (equilibrium,) = solve_lemke_howson(game)
    assert equilibrium.max_regret() <= 1e-9


@SETTINGS
@given(game=st.one_of(tie_games(), thin_games()))
def test_exact_and_float_lemke_howson_follow_the_same_path(game):
    """Lexicographic rule in floats and in exact arithmetic: same equilibrium."""
    exact = solve_lemke_howson(game, exact=True, initial_label="all")
    floating = solve_lemke_howson(game, initial_label="all")
    assert _rounded_set(exact) == _rounded_set(floating)


# ---------------------------------------------------------------------------- degeneracy
def test_degenerate_game_warns_through_solve():
    game = NormalFormGame.from_matrices([[1, 0], [0, 1]], [[1, 1], [0, 0]])
    with pytest.warns(DegenerateGameWarning, match="4 extreme equilibria"):
        result = solve(game)
    assert result.degenerate and result.complete


def test_is_degenerate_on_float_games():
    # against the column player's s1 both rows are best responses
    assert is_degenerate(NormalFormGame.from_matrices([[1.0, 0.0], [1, 2]], [[1, 0], [0, 1]]))
    assert not is_degenerate(NormalFormGame.from_matrices([[1.5, 0], [0, 1]], [[1, 0], [0, 2]]))


def test_near_ties_in_float_games_still_give_equilibria():
    """Payoffs differing by 1e-8 fall in the grey zone of the fast path: fall back safely."""
    game = NormalFormGame.from_matrices(
        [[1.0, 1.0 + 1e-8], [0.0, 0.5]], [[1.0, 1.0 + 1e-8], [0.5, 0.0]]
    )
    result = solve_vertex_enumeration(game)
    assert len(result) >= 1
    assert result.max_regret() <= 1e-9


def test_nashpy_backend_rejects_exact_and_unknown_algorithm():
    bos = NormalFormGame.from_matrices([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    with pytest.raises(InvalidGameError, match="floats"):
        solve_nashpy(bos, exact=True)
    with pytest.raises(InvalidGameError, match="unknown nashpy algorithm"):
        solve_nashpy(bos, algorithm="magic")
    assert len(solve_nashpy(bos, algorithm="vertex_enumeration")) == 3


def test_exact_vertex_rejects_label_sets_that_are_not_exact():
    from deterrence.solvers.polytope import exact_vertex

    square = np.array([[Fraction(1), Fraction(1, 2)], [Fraction(1, 2), Fraction(1)]])
    assert exact_vertex(square, np.array([False, False, True, True])).tolist() == [
        Fraction(2, 3),
        Fraction(2, 3),
    ]
    # the vertex (1, 0) has labels {1, 2}; claiming label 3 as well is wrong
    assert exact_vertex(square, np.array([False, True, True, True])) is None
    assert exact_vertex(square, np.array([False, True, True, False])) is not None
    assert exact_vertex(square, np.array([True, True, False, False])) is None


@SETTINGS
@given(game=float_games(max_size=5))
def test_qhull_and_bases_vertex_enumerators_agree_on_float_games(game):
    constraint = positive_shift(game.float_payoffs[1])
    fast = polytope_vertices(constraint, method="qhull")
    slow = polytope_vertices(constraint, method="bases")
    assert sorted(map(bytes, fast.labels)) == sorted(map(bytes, slow.labels))


def test_support_enumeration_refuses_games_too_large_to_enumerate():
    rng = np.random.default_rng(15)
    game = NormalFormGame.from_matrices(rng.random((15, 15)), rng.random((15, 15)))
    with pytest.raises(SolverError, match="linear systems"):
        solve_support_enumeration(game)
