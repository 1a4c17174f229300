"""Lemke-Howson's float fast path: the same answers as the normalised game, checked, cached.

Float games skip the ``scale_free`` wrapper's rebuild of the game: their normalised payoffs
(computed by numpy, or by one compiled call once numba is in use) are derived once per game
and tolerance, and the path's answer is checked inside the same kernel call. These tests
pin down that nothing users rely on changed: the normalisation is bit for bit that of
``numerics.normalised_game``, compiled and numpy kernels agree, answers are verified (an
unverifiable one raises), results are bound to the caller's game, and a small first solve
never imports numba.
"""

from __future__ import annotations

import subprocess
import sys
from fractions import Fraction

import numpy as np
import pytest

from deterrence import NormalFormGame
from deterrence.exceptions import SolverError, UnsupportedGameError
from deterrence.solvers import _lemke_howson_kernel as kernel
from deterrence.solvers import lemke_howson as module
from deterrence.solvers import solve_lemke_howson
from deterrence.solvers._lemke_howson_kernel import (
    CHECKED,
    COMPILED,
    lemke_howson_checked,
    normalised_tables,
)
from deterrence.solvers.numerics import normalised_game
from deterrence.solvers.polytope import positive_shift
from deterrence.solvers.result import Equilibrium, canonical_order


def _payoff_arrays(count: int) -> list[np.ndarray]:
    """Random float payoffs of sizes 1..9, at extreme magnitudes, with exact and near ties."""
    out = []
    for seed in range(count):
        rng = np.random.default_rng(seed)
        m, n = (int(v) for v in rng.integers(1, 10, 2))
        kind = seed % 5
        if kind == 0:
            payoffs = rng.random((2, m, n))
        elif kind == 1:  # integer-valued floats: many exact ties
            payoffs = rng.integers(-3, 4, (2, m, n)).astype(float)
        elif kind == 2:  # near ties, merged at tol=1e-9
            payoffs = rng.integers(0, 3, (2, m, n)) + rng.choice([0.0, 1e-12], (2, m, n))
        elif kind == 3:  # huge and tiny magnitudes (subnormals included)
            payoffs = rng.random((2, m, n)) * rng.choice([1e300, 1e-300, 5e-324], (2, 1, 1))
        else:  # one player indifferent everywhere
            payoffs = np.stack([rng.random((m, n)), np.full((m, n), 7.5)])
        out.append(payoffs)
    return out


def _reference_tables(payoffs: np.ndarray, tol: float) -> tuple[np.ndarray, np.ndarray]:
    """The tables as the scale_free wrapper's normalised game gives them."""
    game = NormalFormGame(payoffs)
    first, second = normalised_game(game, tol).payoffs
    return positive_shift(first), positive_shift(second).T


@pytest.mark.parametrize("mode", ["numpy", "compiled", "compiled, numpy sort"])
@pytest.mark.parametrize("tol", [1e-9, 0.0])
def test_normalised_tables_are_those_of_the_normalised_game(tol, mode, monkeypatch) -> None:
    if mode == "numpy":
        monkeypatch.setattr(COMPILED, "ready", lambda: None)
    else:
        COMPILED.load()
    if mode == "compiled, numpy sort":  # how games above the size limit look for near ties
        monkeypatch.setattr(kernel, "COMPILED_TABLES_UP_TO", 0)
    for payoffs in _payoff_arrays(40):
        expected = _reference_tables(payoffs, tol)
        tables = normalised_tables(payoffs, tol)
        np.testing.assert_array_equal(tables[0], expected[0])
        np.testing.assert_array_equal(tables[1], expected[1])
        assert all(table.flags.c_contiguous for table in tables)


def test_compiled_and_numpy_paths_give_the_same_checked_answers(monkeypatch) -> None:
    compiled = CHECKED.load()
    monkeypatch.setattr(COMPILED, "ready", lambda: None)  # the numpy twin from here on
    monkeypatch.setattr(COMPILED, "remaining", lambda: float("inf"))
    for payoffs in _payoff_arrays(30):
        first, second_transposed = normalised_tables(payoffs, 1e-9)
        for label in range(sum(first.shape)):
            args = (first, second_transposed, label, 1e-12, 2000)
            theirs, ours = compiled(*args), lemke_howson_checked(*args)
            assert theirs[2:5] == ours[2:5]
            if ours[4] == 0:
                np.testing.assert_array_equal(theirs[0], ours[0])
                np.testing.assert_array_equal(theirs[1], ours[1])
                assert abs(theirs[5] - ours[5]) <= 1e-15 and ours[5] <= 1e-12


def test_float_answers_equal_those_of_the_normalised_game() -> None:
    for payoffs in _payoff_arrays(30):
        game = NormalFormGame(payoffs)
        ours = solve_lemke_howson(game, initial_label="all")
        reference = solve_lemke_howson(normalised_game(game, 1e-9), initial_label="all")
        assert len(ours) == len(reference)
        for mine, theirs in zip(ours, reference):
            assert mine.game is game
            for left, right in zip(mine.strategies, theirs.strategies):
                np.testing.assert_array_equal(left, right)
        assert ours.degenerate == reference.degenerate
        assert ours.options == {"tol": 1e-9, "initial_label": "all", "max_pivots": None}


def test_answers_do_not_depend_on_payoff_units_or_on_the_cache() -> None:
    rng = np.random.default_rng(5)
    first, second = rng.random((12, 9)), rng.random((12, 9))
    game = NormalFormGame.from_matrices(first, second)
    scaled = NormalFormGame.from_matrices(first * 2.0**70, second * 2.0**-70)  # exact scaling
    results = [solve_lemke_howson(g, initial_label=3) for g in (game, game, scaled)]
    for result in results[1:]:
        for left, right in zip(results[0][0].strategies, result[0].strategies):
            np.testing.assert_array_equal(left, right)
    assert results[0][0].max_regret() <= 1e-12


def test_tol_decides_which_payoffs_tie() -> None:
    # the row player's 1 and 1 + 1e-11 (relative gap 1e-11) tie at the default tol: the
    # ratio test then meets ties; at tol=1e-12 they stay apart (each tol has its own cache)
    game = NormalFormGame.from_matrices([[1.0, 0.0], [1.0 + 1e-11, 0.0]], [[1.0, 0.0], [1.0, 0.0]])
    for tol, degenerate in ((1e-9, True), (1e-12, False), (1e-9, True)):
        result = solve_lemke_howson(game, tol=tol, initial_label=0)
        assert result.degenerate is degenerate and result.outcomes == ("(s2, s1)",)


def test_an_answer_that_fails_its_check_is_never_returned(monkeypatch) -> None:
    game = NormalFormGame.from_matrices([[3.0, 0.0], [5.0, 1.0]], [[3.0, 5.0], [0.0, 1.0]])

    def broken(*args):
        x, y, pivots, ties, status, _ = lemke_howson_checked(*args)
        return x, y, pivots, ties, status, float("nan")

    monkeypatch.setattr(module, "lemke_howson_checked", broken)
    monkeypatch.setattr(module, "_polish", lambda *args: None)
    with pytest.raises(SolverError, match="regret nan > tol"):
        solve_lemke_howson(game)


def test_three_players_are_rejected_before_anything_is_cached() -> None:
    game = NormalFormGame(np.zeros((3, 2, 2, 2)))
    with pytest.raises(UnsupportedGameError, match="two-player"):
        solve_lemke_howson(game)


def test_exact_games_still_go_through_exact_certification() -> None:
    game = NormalFormGame.from_matrices([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    result = solve_lemke_howson(game)
    assert result.options["certified"] == "exact" and result[0].game is game
    assert not solve_lemke_howson(game, exact=True)[0].max_regret()


def test_a_small_first_solve_does_not_import_numba() -> None:
    probe = (
        "import sys, os; os.environ['DETERRENCE_JIT'] = 'auto'; import numpy as np; "
        "from deterrence import NormalFormGame; "
        "from deterrence.solvers import solve_lemke_howson; "
        "rng = np.random.default_rng(0); "
        "solve_lemke_howson(NormalFormGame.from_matrices(rng.random((20, 20)), "
        "rng.random((20, 20)))); print('numba' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
    assert COMPILED is not None  # the compiled kernels load only once numpy has run a while


def test_canonical_order_is_the_order_of_rounded_probabilities() -> None:
    """``canonical_order`` (which orders the equilibria of ``initial_label="all"``) sorts by
    decreasing probabilities compared to 10 decimals, stably: near-equal rows keep their
    order, exact and float equilibria alike."""
    rng = np.random.default_rng(0)
    game = NormalFormGame.from_matrices(np.zeros((4, 3)), np.zeros((4, 3)))
    equilibria = []
    for k in range(40):
        x, y = rng.dirichlet(np.ones(4)) * (k % 3 > 0), rng.dirichlet(np.ones(3))
        x[k % 4] += 1.0
        if k % 5 == 0 and equilibria:  # a copy of the last one, 1e-13 or 1e-11 away
            x = equilibria[-1].strategies[0] + [0.0, 1e-13, 0.0, 1e-11][k % 4]
            y = equilibria[-1].strategies[1]
        equilibria.append(Equilibrium(game, (x / x.sum(), y)))
    equilibria.append(Equilibrium(game, ([Fraction(1, 3), 0, Fraction(2, 3), 0], [1, 0, 0])))

    def key(eq: Equilibrium) -> tuple[float, ...]:
        return tuple(-round(float(p), 10) for s in eq.strategies for p in s)

    assert canonical_order(equilibria) == tuple(sorted(equilibria, key=key))
    assert canonical_order(equilibria[:1]) == tuple(equilibria[:1])
