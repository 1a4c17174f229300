"""Fast paths agree with the paths they stand in for (no timings here: see benchmarks/).

Lazy imports keep the public API whole; the numpy Lemke-Howson kernel follows the compiled
kernel's path pivot for pivot; the three float vertex enumerators (bases, Qhull, double
description) find the same vertices with the same full label sets, on random and on
degenerate polytopes.
"""

from __future__ import annotations

import importlib
import subprocess
import sys

import numpy as np
import pytest

import deterrence
from deterrence.solvers._lemke_howson_kernel import (
    COMPILED,
    lemke_howson_float,
    lemke_howson_numpy,
)
from deterrence.solvers.polytope import polytope_vertices, positive_shift

HEAVY = ("sympy", "pandas", "scipy", "numba")


def _loaded_after(code: str) -> list[str]:
    probe = f"import sys; {code}; print(sorted(m for m in {HEAVY!r} if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return eval(done.stdout)  # a printed list of strings


def test_import_loads_no_heavy_dependency() -> None:
    assert _loaded_after("import deterrence") == []


def test_a_first_solve_needs_neither_sympy_nor_pandas_nor_numba() -> None:
    loaded = _loaded_after(
        "import deterrence as dt; "
        "dt.solve(dt.NormalFormGame.from_matrices([[3, 0], [5, 1]], [[3, 5], [0, 1]]))"
    )
    assert loaded == []


@pytest.mark.parametrize(
    "package", ["deterrence", "deterrence.games", "deterrence.solvers", "deterrence.io"]
)
def test_lazy_packages_export_every_name_and_list_it(package: str) -> None:
    module = importlib.import_module(package)
    listing = dir(module)
    for name in module.__all__:
        assert getattr(module, name) is not None, name
        assert name in listing, name
    with pytest.raises(AttributeError, match="no attribute 'no_such_name'"):
        module.no_such_name  # noqa: B018


def test_subpackages_are_attributes() -> None:
    assert deterrence.games.NormalFormGame is deterrence.NormalFormGame
    assert "solvers" in dir(deterrence)


def _games(count: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """Random float games and degenerate integer games (payoffs 0..2) of sizes 1..11."""
    out = []
    for seed in range(count):
        rng = np.random.default_rng(seed)
        m, n = (int(v) for v in rng.integers(1, 12, 2))
        if seed % 2:
            first, second = rng.integers(0, 3, (m, n)), rng.integers(0, 3, (m, n))
        else:
            first, second = rng.random((m, n)), rng.random((m, n))
        out.append((positive_shift(first.astype(float)), positive_shift(second.astype(float))))
    return out


def test_numpy_lemke_howson_follows_the_compiled_path() -> None:
    compiled = COMPILED.load()
    for first, second in _games(60):
        m, n = first.shape
        for label in range(m + n):
            args = (first, np.ascontiguousarray(second.T), label, 1e-12, 2000)
            ours, theirs = lemke_howson_numpy(*args), compiled(*args)
            assert ours is not None
            np.testing.assert_array_equal(ours[0], theirs[0])
            np.testing.assert_array_equal(ours[1], theirs[1])
            assert ours[2:] == theirs[2:]


def test_a_long_numpy_path_hands_over_to_the_compiled_kernel() -> None:
    rng = np.random.default_rng(14)  # label 0 takes 291 pivots
    first, second = rng.random((30, 30)) + 1, rng.random((30, 30)) + 1
    args = (first, np.ascontiguousarray(second.T), 0, 1e-12, 10_000)
    assert lemke_howson_numpy(*args, seconds=0.0) is None  # stops at its first clock check
    finished = lemke_howson_numpy(*args)
    assert finished is not None and finished[2] == 291
    handed_over = lemke_howson_float(*args)
    np.testing.assert_array_equal(handed_over[0], finished[0])
    assert handed_over[2:] == finished[2:]


def _label_sets(vertices) -> list[bytes]:
    return sorted(map(bytes, vertices.labels))


@pytest.mark.parametrize("method", ["qhull", "double-description"])
def test_float_vertex_enumerators_agree_with_bases(method: str) -> None:
    for first, _ in _games(40):
        if min(first.shape) < 2:
            continue
        fast = polytope_vertices(first, method=method)
        slow = polytope_vertices(first, method="bases")
        assert _label_sets(fast) == _label_sets(slow)
        order_fast = np.lexsort(fast.labels.T)
        order_slow = np.lexsort(slow.labels.T)
        np.testing.assert_allclose(fast.points[order_fast], slow.points[order_slow], atol=1e-9)


@pytest.mark.parametrize("cost", ["1/10", "3/10", "1/100", "1/1000", "7/10"])
def test_anonymous_roots_do_not_depend_on_float_rounding(cost: str) -> None:
    """0.9 - 1 and -0.1 differ by rounding; the float game must still find the exact roots."""
    from fractions import Fraction

    from deterrence.games import threshold_public_good
    from deterrence.solvers import solve_anonymous_symmetric

    exact = threshold_public_good(3001, threshold=1500, cost=Fraction(cost))
    rounded = threshold_public_good(3001, threshold=1500, cost=float(Fraction(cost)))
    assert rounded.table.dtype == np.float64 and exact.table.dtype == object
    np.testing.assert_allclose(rounded.table, exact.table.astype(float), rtol=0, atol=1e-15)
    ours = [float(eq.probabilities[0]) for eq in solve_anonymous_symmetric(rounded)]
    truth = [float(eq.probabilities[0]) for eq in solve_anonymous_symmetric(exact, exact=True)]
    np.testing.assert_allclose(ours, truth, rtol=1e-9, atol=1e-12)
