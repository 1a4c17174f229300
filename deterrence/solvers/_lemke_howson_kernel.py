"""Float and exact (``Fraction``) kernels of Lemke-Howson complementary pivoting.

Both work on *dictionaries*: for ``M z + s = 1`` only the nonbasic columns and the
right-hand side are stored (``rows x (nonbasic + 1)``), so a pivot updates half as many
entries as the full tableau. The columns of the basis inverse that the lexicographic
ratio test needs are the slack columns: the dictionary column of a nonbasic slack, or a
unit vector for a basic one (von Stengel 2002, section 6). Variables are numbered
``0..c-1`` (structural) and ``c..c+r-1`` (slacks) within each dictionary.

Float paths start on numpy (``lemke_howson_numpy``, 20-100 microseconds a pivot, no
compile); a path still running once numpy has spent ``deterrence.solvers._jit.BUDGET``
seconds in this process is restarted on the numba kernel of
``deterrence.solvers._lemke_howson_compiled`` (a few microseconds a pivot), which follows
the same path pivot for pivot. Short paths -- most paths below 100 x 100 -- never import numba.
Once the compiled kernel is in use, the solver's per-call work is compiled too: the
normalised payoffs of a small game (``normalised_tables``) and the path with the check of
its answer (``lemke_howson_checked``: mixed strategies and their regret) are one call
each, with the same results as their numpy twins here.
"""

from __future__ import annotations

import math
import time
from fractions import Fraction
from typing import Any

import numpy as np

from deterrence.solvers._jit import CompiledKernel
from deterrence.solvers.numerics import merge_near_ties, unit_range
from deterrence.solvers.polytope import positive_shift

__all__ = [
    "lemke_howson_float",
    "lemke_howson_checked",
    "lemke_howson_numpy",
    "lemke_howson_exact",
    "mixed_strategy",
    "bimatrix_regret",
    "normalised_tables",
    "COMPILED",
    "CHECKED",
    "TABLES",
]


def _load() -> Any:
    from deterrence.solvers._lemke_howson_compiled import lemke_howson_compiled

    return lemke_howson_compiled


def _load_checked() -> Any:
    from deterrence.solvers._lemke_howson_compiled import lemke_howson_checked_compiled

    return lemke_howson_checked_compiled


def _load_tables() -> Any:
    from deterrence.solvers._lemke_howson_compiled import normalised_tables_compiled

    return normalised_tables_compiled


#: The compiled kernel, loaded once numpy paths have run for the budget.
COMPILED = CompiledKernel("Lemke-Howson", _load)
#: The compiled twins of :func:`lemke_howson_checked` and :func:`normalised_tables`, loaded
#: when :data:`COMPILED` is.
CHECKED = CompiledKernel("Lemke-Howson (path and check)", _load_checked)
TABLES = CompiledKernel("Lemke-Howson (normalised payoffs)", _load_tables)

#: Largest number of payoff entries per player whose near ties :func:`normalised_tables`
#: looks for in the compiled kernel (numba sorts 1,000 floats in about 25 microseconds,
#: numpy in 8).
COMPILED_TABLES_UP_TO = 512

#: Pivots between two looks at the clock.
_CLOCK_EVERY = 16


Path = tuple[np.ndarray, np.ndarray, int, bool, int]


def lemke_howson_float(
    first: np.ndarray,
    second_transposed: np.ndarray,
    initial_label: int,
    tol: float,
    max_pivots: int,
) -> Path:
    """Run the path; return ``(x, y, pivots, ties, status)`` (status 0 = finished).

    ``first`` is the shifted row payoff matrix ``A`` (m x n), ``second_transposed`` is
    ``B^T`` (n x m). Status 1: pivot limit, 2: no positive pivot, 3: lexicographic failure.
    numpy runs the path unless the compiled kernel is due (see the module docstring).

    Examples
    --------
    >>> first = np.array([[4.0, 1.0], [3.0, 3.0]]); second = np.array([[4.0, 3.0], [1.0, 3.0]])
    >>> x, y, pivots, ties, status = lemke_howson_float(first, second.T, 0, 1e-12, 100)
    >>> (x / x.sum()).tolist(), (y / y.sum()).tolist(), status
    ([1.0, 0.0], [1.0, 0.0], 0)
    """
    compiled = COMPILED.ready()
    if compiled is None:
        start = time.perf_counter()
        result = lemke_howson_numpy(
            first, second_transposed, initial_label, tol, max_pivots, seconds=COMPILED.remaining()
        )
        COMPILED.charge(time.perf_counter() - start)
        if result is not None:
            return result
        compiled = COMPILED.load()
    return compiled(first, second_transposed, initial_label, tol, max_pivots)


Checked = tuple[np.ndarray, np.ndarray, int, bool, int, float]


def lemke_howson_checked(
    first: np.ndarray,
    second_transposed: np.ndarray,
    initial_label: int,
    tol: float,
    max_pivots: int,
) -> Checked:
    """Run the path and check its answer: ``(x, y, pivots, ties, status, regret)``.

    The path is that of :func:`lemke_howson_float`; a finished path's vertex pair is
    returned as mixed strategies (:func:`mixed_strategy`) with their largest regret in the
    game ``(first, second_transposed.T)`` (:func:`bimatrix_regret`). The regret is ``inf``
    when ``status`` is not 0 or a vertex is not a nonzero finite vector. Once the compiled
    kernel is in use this is one call of it, numpy before.

    Examples
    --------
    >>> first = np.array([[4.0, 1.0], [3.0, 3.0]]); second = np.array([[4.0, 3.0], [1.0, 3.0]])
    >>> x, y, pivots, ties, status, regret = lemke_howson_checked(first, second.T, 0, 1e-12, 100)
    >>> x.tolist(), y.tolist(), status, regret
    ([1.0, 0.0], [1.0, 0.0], 0, 0.0)
    """
    if COMPILED.ready() is not None:
        return CHECKED.load()(first, second_transposed, initial_label, tol, max_pivots)
    x, y, pivots, ties, status = lemke_howson_float(
        first, second_transposed, initial_label, tol, max_pivots
    )
    if status:
        return x, y, pivots, ties, status, math.inf
    mixed_x, mixed_y = mixed_strategy(x), mixed_strategy(y)
    if mixed_x is None or mixed_y is None:
        return x, y, pivots, ties, status, math.inf
    regret = bimatrix_regret(first, second_transposed, mixed_x, mixed_y)
    return mixed_x, mixed_y, pivots, ties, status, regret


def mixed_strategy(vertex: np.ndarray) -> np.ndarray | None:
    """A vertex of a best-response polytope as a mixed strategy: clipped at 0 and divided by
    its sum, added left to right as the compiled kernel adds it (so both give the same
    bits); ``None`` unless that sum is positive and finite.

    Examples
    --------
    >>> mixed_strategy(np.array([0.25, -1e-17, 0.75])).tolist()
    [0.25, 0.0, 0.75]
    >>> mixed_strategy(np.array([0.0, np.nan])) is None
    True
    """
    clipped = np.maximum(vertex, 0.0)
    total = sum(clipped.tolist())
    return clipped / total if 0.0 < total < math.inf else None


def bimatrix_regret(
    first: np.ndarray, second_transposed: np.ndarray, x: np.ndarray, y: np.ndarray
) -> float:
    """Largest regret of the mixed profile ``(x, y)`` in the game ``(first,
    second_transposed.T)``.

    No validation: the callers pass their own probability vectors.

    Examples
    --------
    >>> matching = np.array([[1.0, 0.0], [0.0, 1.0]])
    >>> bimatrix_regret(matching, 1 - matching.T, np.array([1.0, 0.0]), np.array([1.0, 0.0]))
    1.0
    """
    row_values, column_values = first @ y, second_transposed @ x
    return float(max(row_values.max() - x @ row_values, column_values.max() - y @ column_values))


def normalised_tables(payoffs: np.ndarray, tol: float) -> tuple[np.ndarray, np.ndarray]:
    """The two dictionaries' payoffs of a two-player float game: ``A`` and ``B^T``, C-ordered,
    of the normalised game shifted to smallest entry 1.

    The normalised game is that of :func:`deterrence.solvers.numerics.normalised_game`
    (:func:`~deterrence.solvers.numerics.unit_range` per player, then
    :func:`~deterrence.solvers.numerics.merge_near_ties` with ``tol``), and the shift that
    of :func:`deterrence.solvers.polytope.positive_shift`. Once the compiled kernels are in
    use, the same bits come from one compiled call; beyond :data:`COMPILED_TABLES_UP_TO`
    payoff entries per player numpy's faster sort looks for near ties, and only a game
    that has some is normalised by numpy.

    Examples
    --------
    >>> payoffs = np.array([[[3e155, 0.0], [5e155, 1e155]], [[3.0, 5.0], [0.0, 1.0]]])
    >>> first, second_transposed = normalised_tables(payoffs, 1e-9)
    >>> first.tolist(), second_transposed.tolist()
    ([[1.3, 1.0], [1.5, 1.1]], [[1.375, 1.0], [1.625, 1.125]])
    """
    if COMPILED.ready() is not None:
        merge = payoffs[0].size <= COMPILED_TABLES_UP_TO
        first, second_transposed, normalised = TABLES.load()(
            np.ascontiguousarray(payoffs, dtype=np.float64), tol, merge
        )
        if merge or tol <= 0:
            return first, second_transposed
        gaps = np.diff(np.sort(normalised, axis=1), axis=1)  # as merge_near_ties looks
        if not ((gaps > 0) & (gaps <= tol)).any():
            return first, second_transposed
    normalised = merge_near_ties(unit_range(payoffs, (1, 2)), tol, (1, 2))
    return (
        np.ascontiguousarray(positive_shift(normalised[0])),
        np.ascontiguousarray(positive_shift(normalised[1]).T),
    )


def _leaving_row(
    table: np.ndarray,
    basis_row: np.ndarray,
    position: np.ndarray,
    structural: int,
    column: int,
    tol: float,
) -> tuple[int, bool]:
    """Lexicographic minimum-ratio test: ``(row, tie)``; row -1 unbounded, -2 unresolved."""
    entering = table[:, column]
    positive = np.flatnonzero(entering > tol)
    if len(positive) == 0:
        return -1, False
    ratios = table[positive, -1] / entering[positive]
    best = ratios.min()
    candidates = positive[ratios <= best + tol * (1.0 + abs(best))]
    if len(candidates) == 1:
        return int(candidates[0]), False
    for k in range(table.shape[0]):  # columns of the basis inverse: the slacks in order
        slack = structural + k
        where = position[slack]
        if where >= 0:
            entries = table[candidates, where]
        else:
            entries = (basis_row[slack] == candidates).astype(np.float64)
        values = entries / entering[candidates]
        best = values.min()
        candidates = candidates[values <= best + tol * (1.0 + abs(best))]
        if len(candidates) == 1:
            return int(candidates[0]), True
    return -2, True


def _pivot(
    table: np.ndarray,
    basis: np.ndarray,
    nonbasic: np.ndarray,
    basis_row: np.ndarray,
    position: np.ndarray,
    row: int,
    column: int,
) -> int:
    """Exchange ``basis[row]`` and ``nonbasic[column]``; return the leaving variable."""
    value = table[row, column]
    pivot_row = table[row] / value
    pivot_column = table[:, column].copy()
    table -= np.outer(pivot_column, pivot_row)
    table[:, column] = -pivot_column / value
    table[row] = pivot_row
    table[row, column] = 1.0 / value
    entering, leaving = int(nonbasic[column]), int(basis[row])
    basis[row], nonbasic[column] = entering, leaving
    basis_row[entering], basis_row[leaving] = row, -1
    position[leaving], position[entering] = column, -1
    return leaving


def lemke_howson_numpy(
    first: np.ndarray,
    second_transposed: np.ndarray,
    initial_label: int,
    tol: float,
    max_pivots: int,
    *,
    seconds: float = float("inf"),
) -> Path | None:
    """:func:`lemke_howson_float` on numpy; ``None`` if the path outlasts ``seconds``.

    Examples
    --------
    >>> first = np.array([[4.0, 1.0], [3.0, 3.0]]); second = np.array([[4.0, 3.0], [1.0, 3.0]])
    >>> lemke_howson_numpy(first, second.T, 0, 1e-12, 100)[2:]
    (2, False, 0)
    """
    m, n = first.shape
    tables = [np.hstack([first, np.ones((m, 1))]), np.hstack([second_transposed, np.ones((n, 1))])]
    structural = (n, m)
    # dictionary 0: A y + r = 1 (variables y_0..y_{n-1}, r_0..r_{m-1}); dictionary 1:
    # B^T x + s = 1 (variables x_0..x_{m-1}, s_0..s_{n-1})
    bases = [np.arange(n, n + m), np.arange(m, m + n)]
    nonbases = [np.arange(n), np.arange(m)]
    basis_rows, positions = [], []
    for side in range(2):
        rows = np.full(m + n, -1)
        rows[bases[side]] = np.arange(len(bases[side]))
        where = np.full(m + n, -1)
        where[nonbases[side]] = np.arange(len(nonbases[side]))
        basis_rows.append(rows)
        positions.append(where)
    side, entering = (1, initial_label) if initial_label < m else (0, initial_label - m)
    pivots, ties, status = 0, False, 0
    deadline = time.perf_counter() + seconds
    while True:
        column = int(positions[side][entering])
        row, tie = _leaving_row(
            tables[side], basis_rows[side], positions[side], structural[side], column, tol
        )
        ties = ties or tie
        if row < 0:
            status = 2 if row == -1 else 3
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
        # labels: dictionary 0 variable v -> m + v (y) or v - n (r); dictionary 1: v
        label = (m + leaving if leaving < n else leaving - n) if side == 0 else leaving
        if label == initial_label:
            break
        if pivots >= max_pivots:
            status = 1
            break
        if pivots % _CLOCK_EVERY == 0 and time.perf_counter() > deadline:
            return None
        side = 1 - side
        entering = (label - m if label >= m else n + label) if side == 0 else label
    x, y = np.zeros(m), np.zeros(n)
    in_x, in_y = bases[1] < m, bases[0] < n
    x[bases[1][in_x]] = tables[1][in_x, m]
    y[bases[0][in_y]] = tables[0][in_y, n]
    return x, y, pivots, ties, status


def lemke_howson_exact(
    first: np.ndarray, second_transposed: np.ndarray, initial_label: int, max_pivots: int
) -> tuple[np.ndarray, np.ndarray, int, bool, int]:
    """The same path in exact ``Fraction`` arithmetic (dictionary form, Python loops)."""
    m, n = first.shape
    tables = [
        [[Fraction(v) for v in row] + [Fraction(1)] for row in first.tolist()],
        [[Fraction(v) for v in row] + [Fraction(1)] for row in second_transposed.tolist()],
    ]
    structural = [n, m]
    bases = [list(range(n, n + m)), list(range(m, m + n))]
    nonbases = [list(range(n)), list(range(m))]
    side, entering = (1, initial_label) if initial_label < m else (0, initial_label - m)
    pivots, ties, status = 0, False, 0
    while True:
        table, basis, nonbasic = tables[side], bases[side], nonbases[side]
        column = nonbasic.index(entering)
        candidates = [i for i in range(len(table)) if table[i][column] > 0]
        if not candidates:
            status = 2
            break
        ratios = [table[i][-1] / table[i][column] for i in candidates]
        first_ratio = min(ratios)
        tied = [i for i, r in zip(candidates, ratios) if r == first_ratio]
        row = tied[0]
        if len(tied) > 1:
            ties = True

            def key(
                i: int,
                column: int = column,
                table: list = table,
                basis: list = basis,
                nonbasic: list = nonbasic,
                side: int = side,
            ) -> list[Fraction]:
                out = []
                for k in range(len(table)):
                    slack = structural[side] + k
                    if slack in nonbasic:
                        entry = table[i][nonbasic.index(slack)]
                    else:
                        entry = Fraction(int(basis[i] == slack))
                    out.append(entry / table[i][column])
                return out

            row = min(tied, key=key)
        pivot = table[row][column]
        pivot_row = [v / pivot for v in table[row]]
        for i in range(len(table)):
            if i == row:
                continue
            factor = table[i][column]
            if factor:
                table[i] = [a - factor * b for a, b in zip(table[i], pivot_row)]
            table[i][column] = -factor / pivot
        pivot_row[column] = 1 / pivot
        table[row] = pivot_row
        leaving = basis[row]
        basis[row], nonbasic[column] = entering, leaving
        pivots += 1
        label = (m + leaving if leaving < n else leaving - n) if side == 0 else leaving
        if label == initial_label:
            break
        if pivots >= max_pivots:
            status = 1
            break
        side = 1 - side
        entering = (label - m if label >= m else n + label) if side == 0 else label
    x = np.empty(m, dtype=object)
    x[:] = Fraction(0)
    y = np.empty(n, dtype=object)
    y[:] = Fraction(0)
    for r, v in enumerate(bases[1]):
        if v < m:
            x[v] = tables[1][r][-1]
    for r, v in enumerate(bases[0]):
        if v < n:
            y[v] = tables[0][r][-1]
    return x, y, pivots, ties, status
