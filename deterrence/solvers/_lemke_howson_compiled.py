"""The numba-compiled float kernels of Lemke-Howson complementary pivoting.

Imported only when ``deterrence.solvers._lemke_howson_kernel`` hands a long path over to
it (see ``deterrence.solvers._jit``); it follows the same path as the numpy kernel there,
pivot for pivot. The path with the check of its answer and the normalised payoffs of a
small game are compiled here too (twins of ``lemke_howson_checked`` and
``normalised_tables`` there). numba compiles them once (several seconds, announced) and
caches the machine code on disk (``cache=True``), so later sessions load it in a fraction
of a second.
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit

__all__ = [
    "lemke_howson_compiled",
    "lemke_howson_checked_compiled",
    "normalised_tables_compiled",
]


@njit(cache=True)
def _leaving_row(table, position, basis_row, nonbasic_position, structural, column, tol):
    rows = table.shape[0]
    last = table.shape[1] - 1
    best = np.inf
    for i in range(rows):
        if table[i, column] > tol:
            ratio = table[i, last] / table[i, column]
            if ratio < best:
                best = ratio
    if best == np.inf:
        return -1, False
    candidates = np.empty(rows, dtype=np.int64)
    count = 0
    for i in range(rows):
        if table[i, column] > tol:
            ratio = table[i, last] / table[i, column]
            if ratio <= best + tol * (1.0 + abs(best)):
                candidates[count] = i
                count += 1
    if count == 1:
        return candidates[0], False
    values = np.empty(rows)
    for k in range(rows):  # columns of the basis inverse: the slack variables in order
        slack = structural + k
        where = nonbasic_position[slack]
        best = np.inf
        for c in range(count):
            i = candidates[c]
            if where >= 0:
                entry = table[i, where]
            else:
                entry = 1.0 if basis_row[slack] == i else 0.0
            values[c] = entry / table[i, column]
            if values[c] < best:
                best = values[c]
        kept = 0
        for c in range(count):
            if values[c] <= best + tol * (1.0 + abs(best)):
                candidates[kept] = candidates[c]
                kept += 1
        count = kept
        if count == 1:
            return candidates[0], True
    return -2, True


@njit(cache=True)
def _pivot(table, basis, nonbasic, basis_row, nonbasic_position, row, column):
    rows, width = table.shape
    pivot = table[row, column]
    pivot_row = table[row].copy() / pivot
    pivot_column = table[:, column].copy()
    for i in range(rows):
        if i == row:
            continue
        factor = pivot_column[i]
        if factor != 0.0:
            for j in range(width):
                table[i, j] -= factor * pivot_row[j]
        table[i, column] = -factor / pivot
    for j in range(width):
        table[row, j] = pivot_row[j]
    table[row, column] = 1.0 / pivot
    entering = nonbasic[column]
    leaving = basis[row]
    basis[row] = entering
    nonbasic[column] = leaving
    basis_row[entering] = row
    basis_row[leaving] = -1
    nonbasic_position[leaving] = column
    nonbasic_position[entering] = -1
    return leaving


@njit(cache=True)
def lemke_howson_compiled(first, second_transposed, initial_label, tol, max_pivots):
    """Run the path; return ``(x, y, pivots, ties, status)`` (status 0 = finished).

    ``first`` is the shifted row payoff matrix ``A`` (m x n), ``second_transposed`` is
    ``B^T`` (n x m). Status 1: pivot limit, 2: no positive pivot, 3: lexicographic failure.
    """
    m, n = first.shape
    # dictionary 0: A y + r = 1 (rows m; variables y_0..y_{n-1}, r_0..r_{m-1})
    # dictionary 1: B^T x + s = 1 (rows n; variables x_0..x_{m-1}, s_0..s_{n-1})
    tables = [np.empty((m, n + 1)), np.empty((n, m + 1))]
    tables[0][:, :n] = first
    tables[0][:, n] = 1.0
    tables[1][:, :m] = second_transposed
    tables[1][:, m] = 1.0
    structural = np.array([n, m])
    size = m + n
    bases = [np.arange(n, n + m), np.arange(m, m + n)]
    nonbases = [np.arange(n), np.arange(m)]
    basis_rows = [np.full(size, -1), np.full(size, -1)]
    positions = [np.full(size, -1), np.full(size, -1)]
    for side in range(2):
        for r in range(bases[side].shape[0]):
            basis_rows[side][bases[side][r]] = r
        for c in range(nonbases[side].shape[0]):
            positions[side][nonbases[side][c]] = c
    # labels: dictionary 0 variable v -> m + v (y) or v - n (r);
    #         dictionary 1 variable v -> v (x) or v (s_j has label m + j = v)
    if initial_label < m:
        side = 1
        entering = initial_label
    else:
        side = 0
        entering = initial_label - m
    pivots = 0
    ties = False
    status = 0
    while True:
        column = positions[side][entering]
        row, tie = _leaving_row(
            tables[side], column, basis_rows[side], positions[side], structural[side], column, tol
        )
        ties = ties or tie
        if row == -1:
            status = 2
            break
        if row == -2:
            status = 3
            break
        leaving = _pivot(
            tables[side],
            bases[side],
            nonbases[side],
            basis_rows[side],
            positions[side],
            row,
            column,
        )
        pivots += 1
        if side == 0:
            label = m + leaving if leaving < n else leaving - n
        else:
            label = leaving
        if label == initial_label:
            break
        if pivots >= max_pivots:
            status = 1
            break
        side = 1 - side
        if side == 0:
            entering = label - m if label >= m else n + label
        else:
            entering = label
    x = np.zeros(m)
    y = np.zeros(n)
    for r in range(n):
        v = bases[1][r]
        if v < m:
            x[v] = tables[1][r, m]
    for r in range(m):
        v = bases[0][r]
        if v < n:
            y[v] = tables[0][r, n]
    return x, y, pivots, ties, status


@njit(cache=True)
def _mixed(vertex):
    out = np.empty(vertex.shape[0])
    total = 0.0
    for i in range(vertex.shape[0]):
        out[i] = 0.0 if vertex[i] < 0.0 else vertex[i]
        total += out[i]
    for i in range(vertex.shape[0]):
        out[i] /= total
    return out, 0.0 < total < np.inf


@njit(cache=True)
def _regret(first, second_transposed, x, y):
    m, n = first.shape
    row_values = np.zeros(m)
    for i in range(m):
        for j in range(n):
            row_values[i] += first[i, j] * y[j]
    column_values = np.zeros(n)
    for j in range(n):
        for i in range(m):
            column_values[j] += second_transposed[j, i] * x[i]
    row_mean = 0.0
    for i in range(m):
        row_mean += x[i] * row_values[i]
    column_mean = 0.0
    for j in range(n):
        column_mean += y[j] * column_values[j]
    return max(row_values.max() - row_mean, column_values.max() - column_mean)


@njit(cache=True)
def lemke_howson_checked_compiled(first, second_transposed, initial_label, tol, max_pivots):
    """:func:`lemke_howson_compiled`, then the mixed strategies and their regret in the game
    ``(first, second_transposed.T)``: ``(x, y, pivots, ties, status, regret)``; the regret
    is ``inf`` for an unfinished path or a vertex that is not a nonzero finite vector."""
    x, y, pivots, ties, status = lemke_howson_compiled(
        first, second_transposed, initial_label, tol, max_pivots
    )
    if status != 0:
        return x, y, pivots, ties, status, np.inf
    x, x_ok = _mixed(x)
    y, y_ok = _mixed(y)
    if not (x_ok and y_ok):
        return x, y, pivots, ties, status, np.inf
    return x, y, pivots, ties, status, _regret(first, second_transposed, x, y)


@njit(cache=True)
def _scale_by_power_of_two(values, exponent):
    """``values * 2**exponent`` in place, rounded as ``ldexp`` rounds it."""
    if -1022 <= exponent <= 1023:  # 2**exponent is a normal float: one correctly rounded product
        factor = math.ldexp(1.0, exponent)
        for k in range(values.shape[0]):
            values[k] *= factor
    else:
        for k in range(values.shape[0]):
            values[k] = math.ldexp(values[k], exponent)


@njit(cache=True)
def _unit_range(values):
    """``numerics.unit_range`` of one player's payoffs (flattened), bit for bit, in place."""
    top = 0.0
    for v in values:
        top = max(top, abs(v))
    _scale_by_power_of_two(values, -math.frexp(top)[1])
    low = values.min()
    for k in range(values.shape[0]):
        values[k] = values[k] - low
    _scale_by_power_of_two(values, -math.frexp(values.max())[1])


@njit(cache=True)
def _argsort(values):
    """Indices that sort ``values`` (Shell sort with Ciura's gaps: for small games, and far
    quicker to compile than numba's ``np.argsort``)."""
    size = values.shape[0]
    order = np.arange(size)
    for gap in (701, 301, 132, 57, 23, 10, 4, 1):
        for k in range(gap, size):
            index = order[k]
            value = values[index]
            j = k
            while j >= gap and values[order[j - gap]] > value:
                order[j] = order[j - gap]
                j -= gap
            order[j] = index
    return order


@njit(cache=True)
def _merge_near_ties(values, tol):
    """``numerics.merge_near_ties`` of one player's payoffs (flattened, on [0, 1]), in place."""
    size = values.shape[0]
    if tol <= 0 or size < 2:
        return
    order = _argsort(values)
    near = False
    for k in range(1, size):
        gap = values[order[k]] - values[order[k - 1]]
        if gap > 0 and gap <= tol:
            near = True
            break
    if not near:
        return
    run_value = values[order[0]]
    previous = run_value
    for k in range(1, size):
        value = values[order[k]]
        if value - previous > tol:
            run_value = value
        previous = value
        values[order[k]] = run_value


@njit(cache=True)
def normalised_tables_compiled(payoffs, tol, merge):
    """``normalised_tables`` of ``deterrence.solvers._lemke_howson_kernel``, bit for bit:
    ``A`` and ``B^T`` (C-ordered) of the normalised game shifted to smallest entry 1, and
    the normalised payoffs ``(2, m * n)``. ``merge=False`` leaves near ties to the caller
    (numba sorts thousands of floats several times slower than numpy)."""
    _, m, n = payoffs.shape
    normalised = payoffs.copy().reshape(2, m * n)
    for player in range(2):
        _unit_range(normalised[player])
        if merge:
            _merge_near_ties(normalised[player], tol)
    first, second = normalised[0], normalised[1]
    low_first, low_second = first.min(), second.min()
    first_table = np.empty((m, n))
    second_transposed = np.empty((n, m))
    for i in range(m):
        for j in range(n):
            first_table[i, j] = first[i * n + j] - low_first + 1.0
            second_transposed[j, i] = second[i * n + j] - low_second + 1.0
    return first_table, second_transposed, normalised
