"""The compiled path tracker follows the numpy tracker's paths and gives the same equilibria
(on random, degenerate and four-player games), and it waits for the numpy budget."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest

from deterrence import NormalFormGame
from deterrence.solvers import polynomial_enumeration as pe
from deterrence.solvers._jit import CompiledKernel


def random_game(seed: int, shape: tuple[int, ...], levels: int | None = None) -> NormalFormGame:
    rng = np.random.default_rng(seed)
    if levels is not None:  # small integer payoffs: ties, degenerate games
        return NormalFormGame.from_payoffs(rng.integers(0, levels, (len(shape), *shape)))
    return NormalFormGame.from_payoffs(np.round(rng.standard_normal((len(shape), *shape)), 3))


def jordan() -> NormalFormGame:
    """Jordan's (1993) cyclic matching pennies (a unique, totally mixed equilibrium)."""
    payoffs = np.zeros((3, 2, 2, 2), dtype=int)
    for a, b, c in np.ndindex(2, 2, 2):
        payoffs[:, a, b, c] = [1 if a == b else -1, 1 if b == c else -1, 1 if c != a else -1]
    return NormalFormGame.from_payoffs(payoffs)


def stag_trio() -> NormalFormGame:
    payoffs = np.empty((3, 2, 2, 2), dtype=object)
    for i in range(3):
        for profile in np.ndindex(2, 2, 2):
            payoffs[(i, *profile)] = int(not any(profile)) if profile[i] == 0 else Fraction(1, 2)
    return NormalFormGame.from_payoffs(payoffs)


def solve_with(monkeypatch, game: NormalFormGame, compiled: bool):
    with monkeypatch.context() as patch:
        patch.setattr(pe.TRACKER, "ready", pe.TRACKER.load if compiled else lambda: None)
        return pe.solve_polynomial_enumeration(game)


@pytest.mark.filterwarnings("ignore::deterrence.exceptions.CompilationWarning")
def test_compiled_paths_end_where_the_numpy_paths_end():
    game = random_game(0, (4, 4, 4))
    batch = [((0, 1, 2), (0, 1, 2), (1, 2, 3)), ((0, 1, 3), (0, 2, 3), (0, 1, 2))]
    system = pe.SupportSystem(game.float_payoffs, batch[0], batch=batch)
    forms, start = system.start_system(np.random.default_rng(3))
    gamma = np.exp(2j * np.pi * 0.3)
    y = np.tile(start, (len(batch), 1))
    owner = np.repeat(np.arange(len(batch)), len(start))
    ends, which, failed = pe._track_numpy(system, forms, gamma, y.copy(), owner, 4000)
    track = pe.TRACKER.load()
    compiled, status, steps = track(y, owner, gamma, *system.monomials(forms), 4000, pe._GROW_AFTER)
    assert not failed and (status == 0).all() and len(ends) == len(y) == 2 * 10
    assert np.allclose(compiled, ends, atol=1e-8)
    assert (steps >= 5).all()  # steps of at most 1/4 after a first one of 1/20


@pytest.mark.filterwarnings("ignore::deterrence.exceptions.CompilationWarning")
@pytest.mark.parametrize(
    "game",
    [
        random_game(1, (3, 3, 3)),
        random_game(2, (2, 3, 4)),
        random_game(3, (2, 2, 2, 2)),
        random_game(7, (2, 2, 3), levels=2),  # ties: degenerate
        random_game(5, (2, 2, 2, 2), levels=3),
        jordan(),
        stag_trio(),
    ],
    ids=["3x3x3", "2x3x4", "2x2x2x2", "2x2x3-ties", "2x2x2x2-ties", "jordan", "stag-trio"],
)
def test_compiled_and_numpy_trackers_find_the_same_equilibria(monkeypatch, game):
    compiled = solve_with(monkeypatch, game, compiled=True)
    twin = solve_with(monkeypatch, game, compiled=False)
    assert len(compiled) == len(twin)
    assert all(any(eq.isclose(other, tol=1e-6) for other in twin) for eq in compiled)
    assert (compiled.complete, compiled.degenerate) == (twin.complete, twin.degenerate)
    assert all(eq.max_regret() <= 1e-8 for eq in compiled)


def test_small_games_stay_on_numpy(monkeypatch):
    fresh = CompiledKernel("n-player path tracking", pe.TRACKER._load)
    monkeypatch.setattr(pe, "TRACKER", fresh)
    monkeypatch.setenv("DETERRENCE_JIT", "auto")
    result = pe.solve_polynomial_enumeration(jordan())
    assert len(result) == 1 and fresh._function is None and 0 < fresh.spent < fresh.remaining()


@pytest.mark.filterwarnings("ignore::deterrence.exceptions.CompilationWarning")
@pytest.mark.parametrize(("mode", "loaded"), [("auto", True), ("never", False)])
def test_many_paths_load_the_compiled_tracker_up_front(monkeypatch, mode, loaded):
    fresh = CompiledKernel("n-player path tracking", pe.TRACKER._load)
    monkeypatch.setattr(pe, "TRACKER", fresh)
    monkeypatch.setattr(pe, "_COMPILED_PATHS", 1)
    monkeypatch.setenv("DETERRENCE_JIT", mode)
    result = pe.solve_polynomial_enumeration(random_game(1, (3, 3, 3)))
    assert result.complete and (fresh._function is not None) == loaded
    assert fresh.spent == 0 if loaded else fresh.spent > 0


def test_start_solution_count_is_the_number_of_start_solutions():
    for sizes in [(2, 2, 2), (3, 3, 4), (2, 2, 2, 2), (3, 2, 2, 1)]:
        payoffs = np.random.default_rng(0).standard_normal((len(sizes), *sizes))
        system = pe.SupportSystem(payoffs, [tuple(range(k)) for k in sizes])
        start = system.start_system(np.random.default_rng(0))[1]
        assert pe.start_solution_count(sizes) == len(start) > 0
