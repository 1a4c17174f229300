"""The conformance suite every two-player equilibrium solver must pass (STYLE.md, Tests).

To add a solver, append its ``solve`` method name to :data:`SOLVERS` and, if it returns
every extreme equilibrium, to :data:`COMPLETE`; if it supports ``exact=True``, to
:data:`EXACT`. Each property is checked on hypothesis-generated games of every family in
``tests/properties/strategies.py`` (random float, tie-heavy integer, zero-sum, 1 x n).
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from deterrence import NormalFormGame, solve
from deterrence.exceptions import DegenerateGameWarning
from deterrence.solvers.degeneracy import is_degenerate
from tests.properties.strategies import (
    float_games,
    integer_games,
    tie_games,
    two_player_games,
    zero_sum_games,
)

#: Every registered two-player solver.
SOLVERS = ["vertex_enumeration", "support_enumeration", "lemke_howson", "nashpy", "pure"]
#: Solvers that return every extreme equilibrium (``pure``: every pure one).
COMPLETE = ["vertex_enumeration", "support_enumeration"]
#: Solvers that accept ``exact=True``.
EXACT = ["vertex_enumeration", "support_enumeration", "lemke_howson", "pure"]

pytestmark = pytest.mark.filterwarnings("ignore::deterrence.exceptions.DegenerateGameWarning")
SETTINGS = settings(
    max_examples=25, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)


def _scale(game: NormalFormGame) -> float:
    return max(1.0, float(np.abs(game.float_payoffs).max()))


def _key(equilibrium, digits: int = 6) -> tuple:
    return tuple(round(float(p), digits) + 0.0 for s in equilibrium.strategies for p in s)


def _float_set(result, digits: int = 6) -> set:
    return {_key(eq, digits) for eq in result}


def _exact_set(result) -> set:
    return {tuple(Fraction(p) for s in eq.strategies for p in s) for eq in result}


# ---------------------------------------------------------------------------- Nash + simplex
@pytest.mark.parametrize("method", SOLVERS)
@SETTINGS
@given(game=two_player_games())
def test_every_profile_is_a_nash_equilibrium_on_the_simplex(method, game):
    result = solve(game, method)
    assert len(result) >= (0 if method in ("pure", "nashpy") else 1)
    for equilibrium in result:
        assert equilibrium.max_regret() <= 1e-8 * _scale(game)
        for strategy, size in zip(equilibrium.strategies, game.num_strategies):
            values = np.asarray(strategy, dtype=float)
            assert values.shape == (size,)
            assert (values >= 0).all()
            assert abs(values.sum() - 1) <= 1e-12


@pytest.mark.parametrize("method", EXACT)
@SETTINGS
@given(game=st.one_of(integer_games(), tie_games(), zero_sum_games()))
def test_exact_mode_has_zero_regret_and_fraction_probabilities(method, game):
    result = solve(game, method, exact=True)
    assert result.exact
    for equilibrium in result:
        assert all(isinstance(p, Fraction) for s in equilibrium.strategies for p in s)
        assert all(sum(s) == 1 for s in equilibrium.strategies)
        assert equilibrium.max_regret() == 0


# ---------------------------------------------------------------------------- invariance
def _affine(game: NormalFormGame, factors, offsets) -> NormalFormGame:
    first, second = game.payoff_matrix(0), game.payoff_matrix(1)
    return NormalFormGame.from_matrices(
        first * factors[0] + offsets[0], second * factors[1] + offsets[1]
    )


@pytest.mark.parametrize("method", [*COMPLETE, "pure"])
@SETTINGS
@given(
    game=st.one_of(integer_games(), tie_games(), zero_sum_games()),
    factors=st.tuples(
        st.fractions(min_value=Fraction(1, 7), max_value=9),
        st.fractions(min_value=Fraction(1, 7), max_value=9),
    ),
    offsets=st.tuples(st.integers(-20, 20), st.integers(-20, 20)),
)
def test_equilibrium_set_is_invariant_under_positive_affine_transforms(
    method, game, factors, offsets
):
    assume(factors[0] > 0 and factors[1] > 0)
    original = solve(game, method, exact=True)
    transformed = solve(_affine(game, factors, offsets), method, exact=True)
    assert _exact_set(original) == _exact_set(transformed)


@pytest.mark.parametrize("method", [*COMPLETE, "pure"])
@SETTINGS
@given(game=st.one_of(integer_games(), tie_games()), data=st.data())
def test_equilibrium_set_moves_with_strategy_permutations(method, game, data):
    m, n = game.num_strategies
    rows = data.draw(st.permutations(range(m)))
    columns = data.draw(st.permutations(range(n)))
    first = game.payoff_matrix(0)[np.ix_(rows, columns)]
    second = game.payoff_matrix(1)[np.ix_(rows, columns)]
    permuted = NormalFormGame.from_matrices(first, second)
    expected = {
        tuple(x[list(rows)]) + tuple(y[list(columns)])
        for x, y in (eq.strategies for eq in solve(game, method, exact=True))
    }
    assert _exact_set(solve(permuted, method, exact=True)) == expected


# ---------------------------------------------------------------------------- nondegenerate
@pytest.mark.parametrize("method", COMPLETE)
@SETTINGS
@given(game=float_games())
def test_nondegenerate_games_have_an_odd_number_containing_lemke_howson(method, game):
    assume(not is_degenerate(game))
    result = solve(game, method)
    assert not result.degenerate
    assert len(result) % 2 == 1
    enumerated = _float_set(result, digits=6)
    for label in range(sum(game.num_strategies)):
        (found,) = solve(game, "lemke_howson", initial_label=label)
        assert _key(found) in enumerated


# ---------------------------------------------------------------------------- zero-sum
def _lp_value(matrix: np.ndarray) -> float:
    """Value of the zero-sum game ``matrix`` (row player maximises) by linear programming."""
    m, n = matrix.shape
    # variables (x_1..x_m, v): maximise v s.t. v <= x^T A_j for all j, sum x = 1, x >= 0
    objective = np.zeros(m + 1)
    objective[-1] = -1.0
    upper = np.hstack([-matrix.T, np.ones((n, 1))])
    equality = np.hstack([np.ones((1, m)), np.zeros((1, 1))])
    bounds = [(0, None)] * m + [(None, None)]
    answer = linprog(
        objective,
        A_ub=upper,
        b_ub=np.zeros(n),
        A_eq=equality,
        b_eq=[1.0],
        bounds=bounds,
        method="highs",
    )
    assert answer.success
    return float(answer.x[-1])


@pytest.mark.parametrize("method", [m for m in SOLVERS if m != "pure"])
@SETTINGS
@given(game=zero_sum_games())
def test_zero_sum_values_equal_the_linear_programming_value(method, game):
    value = _lp_value(np.asarray(game.float_payoffs[0]))
    result = solve(game, method)
    assert len(result) >= 1
    for equilibrium in result:
        assert abs(float(equilibrium.payoffs[0]) - value) <= 1e-7 * _scale(game)
        assert abs(float(equilibrium.payoffs[1]) + value) <= 1e-7 * _scale(game)


# ---------------------------------------------------------------------------- degeneracy flag
@pytest.mark.parametrize("method", COMPLETE)
@SETTINGS
@given(game=st.one_of(tie_games(), integer_games()))
def test_degenerate_flag_agrees_with_the_game_and_warns(method, game):
    expected = is_degenerate(game)
    with pytest.warns(DegenerateGameWarning) if expected else _no_warning():
        result = solve(game, method)
    assert result.degenerate == expected


class _no_warning:
    def __enter__(self):
        import warnings

        self._context = warnings.catch_warnings()
        self._context.__enter__()
        warnings.simplefilter("error", DegenerateGameWarning)

    def __exit__(self, *exc):
        return self._context.__exit__(*exc)
