"""solve(method="auto"): estimating the work, a search that finishes, progress and Ctrl-C."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from deterrence import NormalFormGame, solve
from deterrence.exceptions import SolverError
from deterrence.solvers import api, polynomial_enumeration
from deterrence.solvers.api import (
    AUTO_POINTS_PER_MAP,
    auto_method,
    estimated_work,
    solve_lemke_howson_and_small_supports,
    vertex_bound,
)


def random_game(size: int, seed: int, integer: bool = False) -> NormalFormGame:
    rng = np.random.default_rng(seed)
    if integer:
        first, second = rng.integers(0, 100, (2, size, size)).tolist()
        return NormalFormGame.from_matrices(first, second)
    return NormalFormGame.from_matrices(rng.random((size, size)), rng.random((size, size)))


def three_player(seed: int, shape=(2, 2, 3)) -> NormalFormGame:
    rng = np.random.default_rng(seed)
    return NormalFormGame.from_payoffs(np.round(rng.standard_normal((3, *shape)), 3))


def quietly(function, *args, **kwargs):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = function(*args, **kwargs)
    return result, [str(w.message) for w in caught if issubclass(w.category, RuntimeWarning)]


# ---------------------------------------------------------------------- the estimate
@pytest.mark.parametrize(
    ("size", "expected"), [(2, 8), (9, 2860), (13, 108528), (15, 682176), (17, 4326300)]
)
def test_vertex_bound_is_the_upper_bound_theorem_for_both_polytopes(size, expected):
    game = NormalFormGame.from_matrices(np.zeros((size, size)), np.zeros((size, size)))
    assert vertex_bound(game) == estimated_work(game) == expected


def test_auto_keeps_complete_methods_within_budget_and_searches_beyond():
    assert auto_method(random_game(15, 0)) == "vertex_enumeration"
    assert auto_method(random_game(16, 0)) == "lemke_howson_and_small_supports"
    # n players: the support-profile budget of earlier sessions is unchanged
    trio = three_player(0)
    assert auto_method(trio) == "polynomial_enumeration"
    assert auto_method(trio, points=AUTO_POINTS_PER_MAP) == "pure"


# ---------------------------------------------------------------------- the search
@pytest.mark.parametrize("seed", range(4))
def test_search_finds_only_equilibria_and_they_are_among_all_of_them(seed):
    game = random_game(6, seed)
    found = solve_lemke_howson_and_small_supports(game)
    everything = solve(game, method="vertex_enumeration")
    assert not found.complete and len(found) >= 1
    for equilibrium in found:
        assert equilibrium.max_regret() <= 1e-9
        assert any(equilibrium.isclose(other, tol=1e-6) for other in everything)


def test_search_with_every_support_finds_every_equilibrium_of_a_nondegenerate_game():
    game = random_game(5, 3)
    found = solve_lemke_howson_and_small_supports(game, max_support=5)
    everything = solve(game, method="vertex_enumeration")
    assert len(found) == len(everything)


def test_exact_search_returns_fractions_with_zero_regret():
    game = random_game(5, 1, integer=True)
    found = solve_lemke_howson_and_small_supports(game, exact=True)
    assert found.exact and all(eq.max_regret() == 0 for eq in found)


def test_auto_beyond_the_budget_says_the_list_may_be_incomplete(monkeypatch):
    monkeypatch.setattr(api, "AUTO_VERTEX_LIMIT", 10)
    game = random_game(6, 0)
    result, messages = quietly(solve, game)
    assert result.method == "lemke_howson_and_small_supports"
    assert not result.complete and "may be incomplete" in result.options["auto"]
    assert any("may be incomplete" in message for message in messages)


def test_large_integer_game_never_asks_to_drop_an_exact_flag_nobody_passed(monkeypatch):
    # A float answer unclear on an exact game used to end in "use method=... without
    # exact=True" from the exact fallback; auto now searches instead.
    def unaffordable(game, **options):
        raise SolverError(
            "needs 10**20 systems; use method='vertex_enumeration' without exact=True"
        )

    monkeypatch.setitem(api.METHODS, "vertex_enumeration", unaffordable)
    game = random_game(6, 2, integer=True)
    result, messages = quietly(solve, game)
    assert len(result) >= 1 and not result.complete
    assert not any("exact=True" in message for message in messages)


def test_an_explicit_method_still_raises_its_own_error(monkeypatch):
    def unaffordable(game, **options):
        raise SolverError("too large")

    monkeypatch.setitem(api.METHODS, "vertex_enumeration", unaffordable)
    with pytest.raises(SolverError, match="too large"):
        solve(random_game(3, 0), method="vertex_enumeration")


# ---------------------------------------------------------------------- Ctrl-C
def test_ctrl_c_during_the_search_returns_what_was_found(monkeypatch):
    game = random_game(6, 0)
    first = solve(game, method="lemke_howson", initial_label=0)[0]

    def interrupted(game, exact, tol, largest):
        yield [first]
        raise KeyboardInterrupt

    monkeypatch.setattr(api, "AUTO_VERTEX_LIMIT", 10)
    monkeypatch.setattr(api, "_fallback_steps", interrupted)
    result, messages = quietly(solve, game)
    assert list(result) == [first]
    assert not result.complete and result.options["interrupted"] is True
    assert any("interrupted" in message for message in messages)


def test_ctrl_c_during_polynomial_enumeration_returns_what_was_found(monkeypatch):
    game = three_player(0)
    complete = solve(game)  # pure profiles are solved before the batches of mixed ones
    calls = []

    def interrupt(game, supports, *args):
        calls.append(supports)
        raise KeyboardInterrupt

    monkeypatch.setattr(polynomial_enumeration, "_solve_batch", interrupt)
    monkeypatch.setattr(polynomial_enumeration, "_solve_three_mixing", interrupt)
    result, messages = quietly(solve, game)
    assert calls and not result.complete and result.options["interrupted"] is True
    pure = [eq for eq in complete if eq.is_pure]
    assert len(result) == len(pure) and all(eq.is_pure for eq in result)
    assert any("interrupted" in message for message in messages)


def test_ctrl_c_in_an_indivisible_solve_returns_an_empty_incomplete_result(monkeypatch):
    def interrupted(game, **options):
        raise KeyboardInterrupt

    monkeypatch.setitem(api.METHODS, "vertex_enumeration", interrupted)
    result, _ = quietly(solve, random_game(3, 0))
    assert len(result) == 0 and not result.complete and result.options["interrupted"]


def test_ctrl_c_propagates_from_an_explicit_method(monkeypatch):
    def interrupted(game, exact, tol, largest):
        raise KeyboardInterrupt
        yield  # pragma: no cover

    monkeypatch.setattr(api, "_fallback_steps", interrupted)
    with pytest.raises(KeyboardInterrupt):
        solve(random_game(3, 0), method="lemke_howson_and_small_supports")


# ---------------------------------------------------------------------- progress
def test_progress_appears_on_stderr_after_the_delay_and_can_be_hidden(monkeypatch, capsys):
    monkeypatch.setattr(api, "PROGRESS_DELAY", 0.0)
    monkeypatch.setattr(api, "AUTO_VERTEX_LIMIT", 10)
    game = random_game(5, 0)
    quietly(solve, game)
    assert "solve 5x5" in capsys.readouterr().err
    quietly(solve, game, progress=False)
    assert capsys.readouterr().err == ""


def test_fast_solves_print_nothing(capsys):
    solve(random_game(4, 0))
    assert capsys.readouterr().err == ""
