r"""Batched numpy equilibrium computation for many small games at once (the sweep fast path).

Two routines, neither with a Python loop over games:

* :func:`pure_equilibria_batch`: every pure Nash equilibrium of ``N`` n-player games of the
  same shape (one max per player along its own axis).
* :func:`bimatrix_equilibria_batch`: every extreme Nash equilibrium of ``N`` bimatrix games
  with at most three strategies per player, by vertex enumeration of the best-response
  polytopes (von Stengel 2002, section 3)

  .. math::

     P = \{x \ge 0 : B'^\top x \le 1\}, \qquad Q = \{y \ge 0 : A' y \le 1\},

  with ``A' = A - min A + 1`` and ``B' = B - min B + 1``. A vertex is the solution of ``d``
  tight constraints (a *basis*); all :math:`\binom{m+n}{d}` bases are solved at once with
  explicit adjugates (Cramer's rule). A vertex is identified by its full set of tight
  constraints (its *labels*), so degenerate vertices reached from several bases are kept
  once; a pair ``(x, y)`` is an equilibrium exactly when its labels cover all ``m + n``
  (complementarity). Degenerate games therefore yield every extreme equilibrium, the same
  set as :func:`deterrence.solvers.solve`.

Probabilities are computed as ``N_i / sum(N)`` where ``N = adj(M) r`` is the unnormalised
Cramer solution of the canonical basis (the first nonsingular basis within the vertex's labels
in lexicographic order), so the result is correctly rounded whenever ``N`` is exact (small
integer or dyadic payoffs). :func:`polish_bimatrix` recomputes any equilibrium the same way
from its labels (keeping the solver's answer where the nearest basic solution would be a worse
equilibrium): the fast path and the general path then agree bit for bit on games whose
normalised payoffs are equal or well apart (see the Notes of
:func:`deterrence.analysis.sweep`).

References
----------
.. [1] B. von Stengel, "Computing equilibria for two-person games", in *Handbook of Game
   Theory* vol. 3, ch. 45, North-Holland, 2002.
.. [2] D. Avis, G. D. Rosenberg, R. Savani and B. von Stengel, "Enumeration of Nash equilibria
   for two-player games", *Economic Theory* 42, 2010.
"""

from __future__ import annotations

import itertools
from functools import cache

import numpy as np

from deterrence.solvers.numerics import merge_near_ties, unit_range

__all__ = [
    "pure_equilibria_batch",
    "bimatrix_equilibria_batch",
    "polish_bimatrix",
    "MAX_FAST_STRATEGIES",
]

#: Largest number of strategies per player handled by the batched bimatrix routine.
MAX_FAST_STRATEGIES = 3


def pure_equilibria_batch(
    payoffs: np.ndarray, *, tol: float = 1e-9
) -> tuple[np.ndarray, np.ndarray]:
    """Every pure Nash equilibrium of a batch of n-player games.

    Parameters
    ----------
    payoffs : numpy.ndarray
        Shape ``(num_players, s_1, ..., s_n, N)``: ``N`` games.
    tol : float
        A strategy is a best response when its payoff is within ``tol`` of the best.

    Returns
    -------
    points : numpy.ndarray
        Shape ``(R,)``: the game each equilibrium belongs to (sorted).
    profiles : numpy.ndarray
        Shape ``(R, n)``: the pure profile (strategy indices), in lexicographic order per game.

    Examples
    --------
    >>> import numpy as np
    >>> stag = np.array([[[4, 0], [3, 3]], [[4, 3], [0, 3]]], float)[..., None]
    >>> points, profiles = pure_equilibria_batch(stag)
    >>> points.tolist(), profiles.tolist()
    ([0, 0], [[0, 0], [1, 1]])
    """
    num_players = payoffs.shape[0]
    mask = np.ones(payoffs.shape[1:], dtype=bool)
    strategy_axes = tuple(range(num_players))
    for i in range(num_players):
        # as deterrence.solve: tol relative to the range, near ties merged
        values = merge_near_ties(
            unit_range(payoffs[i], axes=strategy_axes), tol, axes=strategy_axes
        )
        best = values.max(axis=i, keepdims=True)
        mask &= values >= best - tol
    # put the game axis first so that nonzero() sorts by game, then profile
    found = np.nonzero(np.moveaxis(mask, -1, 0))
    return found[0], np.stack(found[1:], axis=1) if num_players else np.empty((0, 0), int)


# ---------------------------------------------------------------------- lazy scalar algebra
# Entries are either Python floats (the constant 0/1 rows of the identity constraints) or
# float arrays of shape (N,) (one value per game, contiguous). The shortcuts below are exact
# IEEE identities (x*1 = x, x*0 = 0, x+0 = x), so the rounding of a result never depends on
# which entries happened to be constant.
def _is_const(value) -> bool:
    return isinstance(value, float)


def _mul(a, b):
    if _is_const(a):
        if a == 0.0:
            return 0.0
        if a == 1.0:
            return b
        if _is_const(b):
            return a * b
    if _is_const(b):
        if b == 0.0:
            return 0.0
        if b == 1.0:
            return a
    return a * b


def _add(a, b):
    if _is_const(a) and a == 0.0:
        return b
    if _is_const(b) and b == 0.0:
        return a
    return a + b


def _sub(a, b):
    if _is_const(b) and b == 0.0:
        return a
    if _is_const(a) and a == 0.0:
        return -b
    return a - b


def _det_adj_times(matrix: list, rhs: list) -> tuple:
    """``det(M)`` and ``adj(M) @ r`` for a 1x1, 2x2 or 3x3 matrix of lazy entries.

    Written out term by term (no BLAS), so the rounding is the same whatever the batch size;
    exact when the entries are small integers.
    """
    d = len(matrix)
    if d == 1:
        return matrix[0][0], [rhs[0]]
    if d == 2:
        (a, b), (c, e) = matrix
        det = _sub(_mul(a, e), _mul(b, c))
        r0, r1 = rhs
        return det, [_sub(_mul(e, r0), _mul(b, r1)), _sub(_mul(a, r1), _mul(c, r0))]
    (a, b, c), (d_, e, f), (g, h, i) = matrix
    c00, c01, c02 = (
        _sub(_mul(e, i), _mul(f, h)),
        _sub(_mul(f, g), _mul(d_, i)),
        _sub(_mul(d_, h), _mul(e, g)),
    )
    c10, c11, c12 = (
        _sub(_mul(c, h), _mul(b, i)),
        _sub(_mul(a, i), _mul(c, g)),
        _sub(_mul(b, g), _mul(a, h)),
    )
    c20, c21, c22 = (
        _sub(_mul(b, f), _mul(c, e)),
        _sub(_mul(c, d_), _mul(a, f)),
        _sub(_mul(a, e), _mul(b, d_)),
    )
    det = _add(_add(_mul(a, c00), _mul(b, c01)), _mul(c, c02))
    r0, r1, r2 = rhs
    adjugate = [
        _add(_add(_mul(c00, r0), _mul(c10, r1)), _mul(c20, r2)),
        _add(_add(_mul(c01, r0), _mul(c11, r1)), _mul(c21, r2)),
        _add(_add(_mul(c02, r0), _mul(c12, r1)), _mul(c22, r2)),
    ]
    return det, adjugate


def _ordered_sum(values: list):
    total = values[0]
    for value in values[1:]:
        total = _add(total, value)
    return total


def _full(value, count: int) -> np.ndarray:
    array = np.asarray(value)
    if array.dtype != bool:
        array = array.astype(np.float64, copy=False)
    return np.broadcast_to(array, (count,))


@cache
def _bases(num_constraints: int, dimension: int) -> tuple[tuple[int, ...], ...]:
    return tuple(itertools.combinations(range(num_constraints), dimension))


class _Polytope:
    """``{z >= 0 : G z <= 1}`` in the label order of von Stengel (2002).

    For the row player (``P``, ``identity_first``): labels ``0..m-1`` are ``x_i >= 0`` and
    labels ``m..m+n-1`` are ``(B'^T x)_j <= 1``. For the column player (``Q``): labels
    ``0..m-1`` are ``(A' y)_i <= 1`` and labels ``m..`` are ``y_j >= 0``.
    """

    def __init__(self, matrix_rows: list, dimension: int, identity_first: bool) -> None:
        identity = [[1.0 if k == i else 0.0 for k in range(dimension)] for i in range(dimension)]
        if identity_first:
            self.rows = identity + matrix_rows
            self.rhs = [0.0] * dimension + [1.0] * len(matrix_rows)
            self.identity = list(range(dimension))
        else:
            self.rows = matrix_rows + identity
            self.rhs = [1.0] * len(matrix_rows) + [0.0] * dimension
            self.identity = list(range(len(matrix_rows), len(matrix_rows) + dimension))
        self.dimension = dimension
        self.identity_first = identity_first

    def coordinate(self, constraint: int) -> int:
        return constraint - (0 if self.identity_first else len(self.rows) - self.dimension)

    def bases(self):
        """Yield ``(basis, det, numerators, nonsingular)`` for every non-origin basis."""
        count = None
        for row in self.rows:
            for entry in row:
                if not _is_const(entry):
                    count = entry.shape[0]
        for basis in _bases(len(self.rows), self.dimension):
            if all(c in self.identity for c in basis):
                continue  # the origin
            matrix = [self.rows[c] for c in basis]
            det, numerators = _det_adj_times(matrix, [self.rhs[c] for c in basis])
            scale = None
            for row in matrix:
                largest = None
                for entry in row:
                    value = np.abs(entry) if not _is_const(entry) else abs(entry)
                    largest = value if largest is None else np.maximum(largest, value)
                scale = largest if scale is None else scale * largest
            assert scale is not None and count is not None  # d >= 1 rows, count set above
            nonsingular = _full(np.abs(det) > 1e-12 * scale, count)
            yield basis, _full(det, count), [_full(v, count) for v in numerators], nonsingular


def _vertices(polytope: _Polytope, tol: float):
    """Every vertex except 0: lists (one entry per kept basis) of valid, labels, numerators."""
    valid: list[np.ndarray] = []
    labels: list[np.ndarray] = []
    numerators: list[list[np.ndarray]] = []
    with np.errstate(divide="ignore", invalid="ignore"):
        for _basis, det, numerator, nonsingular in polytope.bases():
            total = _ordered_sum(numerator)
            ok = nonsingular.copy()
            mask = np.zeros(ok.shape[0], dtype=np.uint8)
            point = [v / det for v in numerator]
            for c, row in enumerate(polytope.rows):
                if c in polytope.identity:
                    value = numerator[polytope.coordinate(c)] / total
                    ok &= value >= -tol
                    tight = np.abs(value) <= tol
                else:
                    product = _mul(row[0], point[0])
                    for k in range(1, polytope.dimension):
                        product = _add(product, _mul(row[k], point[k]))
                    slack = 1.0 - product
                    ok &= slack >= -tol
                    tight = np.abs(slack) <= tol
                mask |= tight.astype(np.uint8) << np.uint8(c)
            # a vertex is identified by its label set: keep the first basis reaching it
            for earlier_valid, earlier_labels in zip(valid, labels):
                ok &= ~(earlier_valid & (earlier_labels == mask))
            valid.append(ok)
            labels.append(mask)
            numerators.append(numerator)
    return valid, labels, numerators


def _polytopes(row_payoffs: np.ndarray, column_payoffs: np.ndarray):
    m, n = row_payoffs.shape[:2]
    a = _shift(row_payoffs)
    b = _shift(column_payoffs)
    p = _Polytope([[b[i, j] for i in range(m)] for j in range(n)], m, True)
    q = _Polytope([[a[i, j] for j in range(n)] for i in range(m)], n, False)
    return p, q


def _shift(matrix: np.ndarray) -> np.ndarray:
    """``M - min(M) + 1`` per game (entries >= 1), game axis last."""
    low = matrix[0, 0]
    for i in range(matrix.shape[0]):
        for j in range(matrix.shape[1]):
            if i or j:
                low = np.minimum(low, matrix[i, j])
    return matrix - low + 1.0


def _normalise(numerators: list) -> np.ndarray:
    """Probabilities ``N_i / sum(N)``; a coordinate accepted within ``tol`` below zero is
    set to zero and its row rescaled (a probability is never negative)."""
    total = _ordered_sum(numerators)
    with np.errstate(invalid="ignore", divide="ignore"):
        out = np.stack([v / total for v in numerators], axis=1)
        negative = (out < 0).any(axis=1)
        if negative.any():
            clipped = np.maximum(out[negative], 0.0)
            out[negative] = clipped / clipped.sum(axis=1, keepdims=True)
    return out


def _canonical_order(points: np.ndarray, first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """Permutation ordering rows by game, then by decreasing probabilities (``canonical_order``).

    Only games with several equilibria need the lexicographic sort.
    """
    order = np.argsort(points, kind="stable")
    points = points[order]
    if len(points) < 2:
        return order
    repeated = np.zeros(len(points), dtype=bool)
    same = points[1:] == points[:-1]
    repeated[1:] |= same
    repeated[:-1] |= same
    rows = np.flatnonzero(repeated)
    if len(rows):
        sub = order[rows]
        keys = [-second[sub, j] for j in reversed(range(second.shape[1]))]
        keys += [-first[sub, i] for i in reversed(range(first.shape[1]))]
        keys.append(points[rows])
        order[rows] = sub[np.lexsort(keys)]
    return order


def bimatrix_equilibria_batch(
    row_payoffs: np.ndarray, column_payoffs: np.ndarray, *, tol: float = 1e-9
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every extreme Nash equilibrium of a batch of small bimatrix games.

    Parameters
    ----------
    row_payoffs, column_payoffs : numpy.ndarray
        Shape ``(m, n, N)`` with ``m, n <= 3``: ``N`` games, the game axis last.
    tol : float
        Tolerance for tight constraints and feasibility.

    Returns
    -------
    points : numpy.ndarray
        Shape ``(R,)``: the game of each equilibrium, sorted.
    row_strategies, column_strategies : numpy.ndarray
        Shapes ``(R, m)`` and ``(R, n)``, ordered within each game as
        :func:`deterrence.solvers.result.canonical_order` orders them.

    Examples
    --------
    Battle of the sexes: two pure equilibria and a mixed one.

    >>> import numpy as np
    >>> a = np.array([[2.0, 0.0], [0.0, 1.0]])[..., None]
    >>> b = np.array([[1.0, 0.0], [0.0, 2.0]])[..., None]
    >>> points, x, y = bimatrix_equilibria_batch(a, b)
    >>> points.tolist()
    [0, 0, 0]
    >>> x.round(4).tolist()
    [[1.0, 0.0], [0.6667, 0.3333], [0.0, 1.0]]
    >>> y.round(4).tolist()
    [[1.0, 0.0], [0.3333, 0.6667], [0.0, 1.0]]
    """
    # each game's payoffs mapped onto [0, 1] per player, as deterrence.solve does: the
    # tolerance is relative to the payoff range and the answer independent of units
    row_payoffs = _unit_payoffs(row_payoffs, tol)
    column_payoffs = _unit_payoffs(column_payoffs, tol)
    if row_payoffs.shape[:2] == (2, 2):
        return _two_by_two(row_payoffs, column_payoffs, tol)
    return _vertex_enumeration_batch(row_payoffs, column_payoffs, tol)


def _vertex_enumeration_batch(
    row_payoffs: np.ndarray, column_payoffs: np.ndarray, tol: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    m, n = row_payoffs.shape[:2]
    p, q = _polytopes(row_payoffs, column_payoffs)
    p_valid, p_labels, p_numerators = _vertices(p, tol)
    q_valid, q_labels, q_numerators = _vertices(q, tol)
    full = np.uint8((1 << (m + n)) - 1)
    found_points, found_first, found_second = [], [], []
    for kp in range(len(p_valid)):
        for kq in range(len(q_valid)):
            complete = p_valid[kp] & q_valid[kq] & ((p_labels[kp] | q_labels[kq]) == full)
            rows = np.flatnonzero(complete)
            if len(rows) == 0:
                continue
            found_points.append(rows)
            found_first.append(_normalise([v[rows] for v in p_numerators[kp]]))
            found_second.append(_normalise([v[rows] for v in q_numerators[kq]]))
    if not found_points:
        return np.zeros(0, dtype=np.int64), np.zeros((0, m)), np.zeros((0, n))
    points = np.concatenate(found_points)
    first = np.concatenate(found_first)
    second = np.concatenate(found_second)
    order = _canonical_order(points, first, second)
    return points[order], first[order], second[order]


def _two_by_two(
    a: np.ndarray, b: np.ndarray, tol: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """2x2 games: closed form where nondegenerate, vertex enumeration at degenerate points.

    In a nondegenerate 2x2 game the equilibria are the strict pure ones and, when both
    players' payoff differences change sign, the mixed one; in canonical order they come as
    (0,0), (0,1), mixed, (1,0), (1,1). The mixed probabilities are computed from the same
    Cramer numerators as the vertex enumeration (identical rounding).
    """
    count = a.shape[2]
    row_gap = (a[0, 0] - a[1, 0], a[0, 1] - a[1, 1])  # row player's gain from row 0, per column
    column_gap = (b[0, 0] - b[0, 1], b[1, 0] - b[1, 1])  # column player's gain from column 0
    degenerate = np.zeros(count, dtype=bool)
    for gap, (u, v) in zip(
        row_gap + column_gap,
        ((a[0, 0], a[1, 0]), (a[0, 1], a[1, 1]), (b[0, 0], b[0, 1]), (b[1, 0], b[1, 1])),
    ):
        # generous: anything near a tie goes to the vertex enumeration, which decides exactly
        degenerate |= np.abs(gap) <= 1e-6 * (1.0 + np.abs(u) + np.abs(v))
    regular = ~degenerate
    candidates = [
        regular & (row_gap[0] > 0) & (column_gap[0] > 0),  # (0, 0)
        regular & (row_gap[1] > 0) & (column_gap[0] < 0),  # (0, 1)
        regular
        & ((row_gap[0] > 0) != (row_gap[1] > 0))
        & ((column_gap[0] > 0) != (column_gap[1] > 0)),  # mixed
        regular & (row_gap[0] < 0) & (column_gap[1] > 0),  # (1, 0)
        regular & (row_gap[1] < 0) & (column_gap[1] < 0),  # (1, 1)
    ]
    pieces = []
    rank = np.zeros(count, dtype=np.int64)
    pure = {
        0: ((1.0, 0.0), (1.0, 0.0)),
        1: ((1.0, 0.0), (0.0, 1.0)),
        3: ((0.0, 1.0), (1.0, 0.0)),
        4: ((0.0, 1.0), (0.0, 1.0)),
    }
    for kind, mask in enumerate(candidates):
        rows = np.flatnonzero(mask)
        if kind == 2:
            a_shift = _shift(a[:, :, rows])
            b_shift = _shift(b[:, :, rows])
            first = _normalise([b_shift[1, 1] - b_shift[1, 0], b_shift[0, 0] - b_shift[0, 1]])
            second = _normalise([a_shift[1, 1] - a_shift[0, 1], a_shift[0, 0] - a_shift[1, 0]])
        else:
            first = np.broadcast_to(np.array(pure[kind][0]), (len(rows), 2))
            second = np.broadcast_to(np.array(pure[kind][1]), (len(rows), 2))
        pieces.append((rows, rank[rows].copy(), first, second))
        rank[rows] += 1
    special = np.flatnonzero(degenerate)
    if len(special):
        points, first, second = _vertex_enumeration_batch(a[:, :, special], b[:, :, special], tol)
        starts = np.searchsorted(points, points, side="left")
        pieces.append((special[points], np.arange(len(points)) - starts, first, second))
        rank[special] += np.bincount(points, minlength=len(special))
    offsets = np.concatenate([[0], np.cumsum(rank)])
    total = int(offsets[-1])
    out_points = np.empty(total, dtype=np.int64)
    out_first = np.empty((2, total))  # column-major: each probability column contiguous
    out_second = np.empty((2, total))
    for rows, within, first, second in pieces:
        position = offsets[rows] + within
        out_points[position] = rows
        for k in range(2):
            out_first[k, position] = first[:, k]
            out_second[k, position] = second[:, k]
    return out_points, out_first.T, out_second.T


def polish_bimatrix(
    row_payoffs: np.ndarray,
    column_payoffs: np.ndarray,
    row_strategies: np.ndarray,
    column_strategies: np.ndarray,
    *,
    tol: float = 1e-9,
) -> tuple[np.ndarray, np.ndarray]:
    """Recompute equilibrium probabilities from their labels, exactly as the fast path does.

    Parameters
    ----------
    row_payoffs, column_payoffs : numpy.ndarray
        Shape ``(m, n, R)``: the game of each equilibrium (game axis last).
    row_strategies, column_strategies : numpy.ndarray
        Shapes ``(R, m)``, ``(R, n)``: extreme equilibria found by any solver.
    tol : float
        Tolerance for reading the labels.

    Returns
    -------
    tuple of numpy.ndarray
        The same equilibria, each coordinate computed as ``N_i / sum(N)`` from the first
        nonsingular basis within its labels (Cramer's rule).

    Examples
    --------
    >>> import numpy as np
    >>> a = np.array([[2.0, 0.0], [0.0, 1.0]])[..., None]
    >>> b = np.array([[1.0, 0.0], [0.0, 2.0]])[..., None]
    >>> x, y = polish_bimatrix(a, b, np.array([[0.6666666, 0.3333334]]),
    ...                        np.array([[0.3333334, 0.6666666]]), tol=1e-6)
    >>> x.tolist() == [[2 / 3, 1 / 3]], y.tolist() == [[1 / 3, 2 / 3]]
    (True, True)
    """
    if len(row_strategies) == 0:
        return row_strategies, column_strategies
    a, b = _unit_payoffs(row_payoffs, tol), _unit_payoffs(column_payoffs, tol)
    p, q = _polytopes(a, b)
    x, y = np.asarray(row_strategies, float), np.asarray(column_strategies, float)
    polished_x, polished_y = _polish_side(p, x, tol), _polish_side(q, y, tol)
    # a nearby basic solution that is a worse equilibrium (another vertex within 1e-6 of
    # the answer on a game with near-ties) is not an improvement: keep the answer
    worse = _unit_regret(a, b, polished_x, polished_y) > np.maximum(_unit_regret(a, b, x, y), tol)
    polished_x[worse], polished_y[worse] = x[worse], y[worse]
    return polished_x, polished_y


def _unit_regret(a: np.ndarray, b: np.ndarray, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Largest regret of each pair ``(x[k], y[k])`` in the game ``(a[..., k], b[..., k])``."""
    with np.errstate(invalid="ignore", over="ignore"):
        row_values = np.einsum("ijk,kj->ki", a, y)
        column_values = np.einsum("ijk,ki->kj", b, x)
        row = row_values.max(axis=1) - np.einsum("ki,ki->k", x, row_values)
        column = column_values.max(axis=1) - np.einsum("kj,kj->k", y, column_values)
    return np.maximum(row, column)


def _unit_payoffs(matrix: np.ndarray, tol: float) -> np.ndarray:
    """Each game's ``(m, n)`` payoffs on ``[0, 1]``, near ties merged (as ``solve`` sees them)."""
    return merge_near_ties(unit_range(matrix, axes=(0, 1)), tol, axes=(0, 1))


def _polish_side(polytope: _Polytope, strategies: np.ndarray, tol: float) -> np.ndarray:
    """Each strategy recomputed from the basis whose Cramer solution is nearest to it.

    A vertex is the solution of each of its bases; the nearest basic solution is the vertex
    itself (for degenerate vertices several bases tie and the first in basis order is
    taken, as the fast path takes the first basis reaching a label set). Choosing by
    distance rather than by re-reading labels within ``tol`` keeps two vertices closer than
    ``tol`` apart, which the fast path lists separately, apart here too.
    """
    count = strategies.shape[0]
    best = np.full(count, np.inf)
    out = strategies.copy()
    for _basis, _det, numerator, nonsingular in polytope.bases():
        candidate = _normalise(numerator)
        with np.errstate(invalid="ignore"):
            distance = np.max(np.abs(candidate - strategies), axis=1)
        better = nonsingular & (distance < best - 1e-12)
        if better.any():
            out[better] = candidate[better]
            best = np.where(better, distance, best)
    return np.where((best <= max(tol, 1e-6))[:, None], out, strategies)
