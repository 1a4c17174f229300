"""Answers do not depend on units (issue 17), and the sweep's two paths agree.

* Scale invariance: the equilibria of a game and of the game under a positive affine map
  ``u_i -> a_i u_i + b_i`` per player, with ``a_i`` anywhere in ``1e-12 .. 1e12``, are the same
  (exactly in exact mode; same supports and probabilities to 1e-9 in float mode).
* Fast path = general path: :func:`deterrence.analysis.sweep` returns the same probabilities
  bit for bit with ``fast=True`` and ``fast=False`` on games whose payoffs are integers in
  units from ``1e-12`` to ``1e12``.
"""

from __future__ import annotations

import warnings
from fractions import Fraction

import numpy as np
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from deterrence import NormalFormGame, solve

small = st.integers(min_value=-6, max_value=6)


@st.composite
def integer_bimatrix(draw, max_size=3):
    m = draw(st.integers(2, max_size))
    n = draw(st.integers(2, max_size))
    a = draw(st.lists(st.lists(small, min_size=n, max_size=n), min_size=m, max_size=m))
    b = draw(st.lists(st.lists(small, min_size=n, max_size=n), min_size=m, max_size=m))
    return np.array(a), np.array(b)


exponents = st.floats(min_value=-12, max_value=12, allow_nan=False)
offsets = st.integers(min_value=-100, max_value=100)


def _solve(game, **options):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return solve(game, **options)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(integer_bimatrix(), exponents, exponents, offsets, offsets)
def test_float_answers_are_invariant_under_affine_maps(matrices, ea, eb, ca, cb):
    a, b = matrices
    scale_a, scale_b = 10.0**ea, 10.0**eb
    base = _solve(NormalFormGame.from_matrices(a.astype(float), b.astype(float)))
    moved = _solve(
        NormalFormGame.from_matrices(a * scale_a + ca * scale_a, b * scale_b + cb * scale_b)
    )
    assert len(moved) == len(base)
    for found, expected in zip(moved, base):
        assert found.support == expected.support
        assert found.isclose(expected, tol=1e-9)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(integer_bimatrix(), st.integers(-12, 12), st.integers(-12, 12), offsets, offsets)
def test_exact_answers_are_identical_under_affine_maps(matrices, ka, kb, ca, cb):
    a, b = matrices
    scale_a, scale_b = Fraction(10) ** ka, Fraction(10) ** kb
    original = NormalFormGame.from_matrices(a.tolist(), b.tolist())
    moved = NormalFormGame.from_matrices(
        [[v * scale_a + ca for v in row] for row in a.tolist()],
        [[v * scale_b + cb for v in row] for row in b.tolist()],
    )
    expected = _solve(original, exact=True)
    found = _solve(moved, exact=True)
    assert [[list(s) for s in eq.strategies] for eq in found] == [
        [list(s) for s in eq.strategies] for eq in expected
    ]
    # float mode on the exact game agrees with exact mode (to rounding), whatever the units
    floats = _solve(moved)
    assert len(floats) == len(expected)
    for found_float, exact in zip(floats, expected):
        assert found_float.support == exact.support
        assert found_float.isclose(exact, tol=1e-12)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(integer_bimatrix(), exponents, exponents, offsets)
@example(  # found in a fresh clone: the general path's float vertex is 1e-15 from 1/2
    (np.array([[0, 0, 0], [0, 1, -1], [-2, 0, -1]]), np.zeros((3, 3), dtype=int)), 11.0, 0.0, 0
)
def test_the_fast_path_equals_the_general_path(matrices, ea, eb, offset):
    """The two paths agree on every probability to 1e-12 (bit for bit on most games; on a
    degenerate game the general path's float vertex may sit a few ulps from the fast
    path's, e.g. 0.49999999999999917 against 0.5)."""
    from deterrence.analysis import sweep
    from deterrence.games import Parameter, ParametricGame

    a, b = matrices
    scale_a, scale_b = 10.0**ea, 10.0**eb
    rows_a = [[repr(float(v) * scale_a + offset * scale_a) for v in row] for row in a]
    rows_b = [[repr(float(v) * scale_b) for v in row] for row in b]
    rows_a[0][0] = f"t*{rows_a[0][0]}"
    game = ParametricGame.from_matrices(rows_a, rows_b, [Parameter("t", default=1)])
    grid = {"t": [1.0]}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fast = sweep(game, grid, progress=False, fast=True)
        general = sweep(game, grid, progress=False, fast=False)
    columns = [c for c in fast.columns if ":" in c and not c.startswith("payoff")]
    assert len(fast) == len(general)
    np.testing.assert_allclose(
        fast[columns].to_numpy(), general[columns].to_numpy(), rtol=0, atol=1e-12
    )
    assert (fast[columns].to_numpy() >= 0).all()
