"""What the sweep's two paths promise on games whose payoffs span many orders of magnitude.

The float path has *tolerance semantics* (``tol = 1e-9`` by default): each player's payoffs
are mapped onto ``[0, 1]``, normalised payoffs within ``tol`` of each other are one payoff,
and a strategy within ``tol`` of the best is a best reply. Hence, for the vectorised path
(``fast=True``) and the general path (``fast=False``, :func:`deterrence.solve` point by point,
each answer recomputed from its basis):

1. every row of either path is a near-equilibrium: probabilities on the simplex, largest
   regret at most ``10 * tol`` of the player's payoff range;
2. on *well-separated* games -- any two normalised payoffs of a player are equal or more than
   ``1e-7`` apart, which holds for small integer or dyadic payoffs in any units -- both paths
   return the same rows, bit for bit;
3. on games with payoffs closer than that without being equal (near ties: with payoffs over
   24 orders of magnitude, about 4 games in 100), the paths may list different extreme
   near-equilibria around a tie (one keeps a vertex ``tol`` away from another, the other
   merges them). Rows are never repeated within a point and never violate 1.

Measured on 1,600 games with payoffs ``+-10**U(-12, 12)`` or ``k * 10**(-12..12)`` (k in
-6..6): the 54 well-separated ones all agree; about 45 of the 1,546 with near ties differ;
the largest regret of any row of either path is 3.2e-9 of the range.
"""

from __future__ import annotations

import warnings

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from deterrence.analysis import sweep
from deterrence.games import Parameter, ParametricGame

TOL = 1e-9
SEPARATION = 1e-7


@st.composite
def wide_games(draw):
    """Bimatrix games (2-3 strategies) whose entries span 24 orders of magnitude."""
    m, n = draw(st.integers(2, 3)), draw(st.integers(2, 3))

    def entry():
        sign = draw(st.sampled_from([-1.0, 1.0, 0.0]))
        return sign * 10.0 ** draw(st.floats(-12, 12, allow_nan=False))

    a = np.array([[entry() for _ in range(n)] for _ in range(m)])
    b = np.array([[entry() for _ in range(n)] for _ in range(m)])
    return a, b


@st.composite
def separated_games(draw):
    """Small integers times ``10**(e + d)``: ``e`` per player anywhere in -12..12 (units),
    ``d`` per entry in 0..3 (three orders of magnitude within a player)."""
    m, n = draw(st.integers(2, 3)), draw(st.integers(2, 3))
    out = []
    for _ in range(2):
        exponent = draw(st.integers(-12, 12))
        out.append(
            np.array(
                [
                    [
                        draw(st.integers(-6, 6)) * 10.0 ** (exponent + draw(st.integers(0, 3)))
                        for _ in range(n)
                    ]
                    for _ in range(m)
                ]
            )
        )
    return out[0], out[1]


def _both_paths(a, b):
    rows_a = [[repr(float(v)) for v in row] for row in a]
    rows_b = [[repr(float(v)) for v in row] for row in b]
    rows_a[0][0] = f"t*{rows_a[0][0]}"  # one parameter, so that the game is a sweep
    game = ParametricGame.from_matrices(rows_a, rows_b, [Parameter("t", default=1)])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fast = sweep(game, {"t": [1.0]}, progress=False, fast=True, tol=TOL)
        general = sweep(game, {"t": [1.0]}, progress=False, fast=False, tol=TOL)
    columns = [c for c in fast.columns if ":" in c and not c.startswith("payoff")]
    return fast[columns].to_numpy(), general[columns].to_numpy()


def _regret(a, b, x, y):
    """Largest regret of ``(x, y)`` relative to each player's payoff range."""
    row = ((a @ y).max() - x @ a @ y) / max(np.ptp(a), 1e-300)
    column = ((x @ b).max() - x @ b @ y) / max(np.ptp(b), 1e-300)
    return max(row, column)


def _separated(matrix):
    span = np.ptp(matrix)
    if span == 0:
        return True
    gaps = np.diff(np.unique((matrix - matrix.min()) / span))
    return bool((gaps > SEPARATION).all())


def _check_rows(a, b, rows):
    m = a.shape[0]
    assert (rows >= 0).all()
    np.testing.assert_allclose(rows[:, :m].sum(axis=1), 1, atol=1e-12)
    np.testing.assert_allclose(rows[:, m:].sum(axis=1), 1, atol=1e-12)
    for row in rows:
        assert _regret(a, b, row[:m], row[m:]) <= 10 * TOL
    assert len(np.unique(rows, axis=0)) == len(rows)  # each equilibrium once


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(wide_games())
def test_every_row_of_either_path_is_a_near_equilibrium(matrices):
    a, b = matrices
    fast, general = _both_paths(a, b)
    _check_rows(a, b, fast)
    _check_rows(a, b, general)
    if _separated(a) and _separated(b):
        np.testing.assert_array_equal(fast, general)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(separated_games())
def test_the_paths_agree_bit_for_bit_on_well_separated_games(matrices):
    a, b = matrices
    assert _separated(a) and _separated(b)
    fast, general = _both_paths(a, b)
    assert len(fast) >= 1
    np.testing.assert_array_equal(fast, general)
    _check_rows(a, b, fast)


def test_a_polished_answer_is_never_a_worse_equilibrium():
    """Recomputing a solver's answer from the nearest basis must not raise its regret (a
    near-tie game where the nearest basic solution was another vertex: regret 3e-10 became
    1e-7 before)."""
    a = np.array(
        [
            [1630734.4300478767, -8365.962755694007, -632172947.1235287],
            [-1.482800989874453, 2.912180836743591, 0.07514023101324996],
            [2.5676383191751997, -2.963620614656142e-08, 0.0004691196710915117],
        ]
    )
    b = np.array(
        [
            [9773.579312166088, -6.219488293595638e-08, 1.4997504470557412e-07],
            [363421510215.03656, -1717506.9754123904, -1.4987768457616415e-07],
            [-0.3801937311988296, 94.8715629747942, 1.9121240516347825e-10],
        ]
    )
    fast, general = _both_paths(a, b)
    _check_rows(a, b, fast)
    _check_rows(a, b, general)
