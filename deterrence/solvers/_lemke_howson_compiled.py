"""The numba-compiled float kernel of Lemke-Howson complementary pivoting.

Imported only when ``deterrence.solvers._lemke_howson_kernel`` hands a long path over to
it (see ``deterrence.solvers._jit``); it follows the same path as the numpy kernel there,
pivot for pivot. numba compiles it once (several seconds, announced) and caches the machine
code on disk (``cache=True``), so later sessions load it in a fraction of a second.
"""

from __future__ import annotations

import numpy as np
from numba import njit

__all__ = ["lemke_howson_compiled"]


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
