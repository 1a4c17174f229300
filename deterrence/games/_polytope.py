"""Best-response polytopes of bimatrix games (geometry only, no equilibrium logic).

For a two-player game with payoff matrices ``A`` (m x n) and ``B``, shifted so that all
entries are positive, the best-response polytopes are (von Stengel 2002, section 3)

    P = {x in R^m : x >= 0, B^T x <= 1},   Q = {y in R^n : A y <= 1, y >= 0}.

A point has *label* ``i`` (a row) when ``x_i = 0`` or ``(A y)_i = 1`` and label ``m + j``
when ``(B^T x)_j = 1`` or ``y_j = 0``. The game is nondegenerate exactly when no vertex of
``P`` has more than ``m`` labels and no vertex of ``Q`` more than ``n``.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from deterrence.games.normal_form import NormalFormGame

__all__ = ["bimatrix_is_degenerate", "polytope_vertices"]


def _positive(matrix: np.ndarray) -> np.ndarray:
    return matrix - matrix.min() + 1.0


def polytope_vertices(
    constraint: np.ndarray, *, tol: float = 1e-9
) -> list[tuple[np.ndarray, frozenset[int]]]:
    """Vertices of ``{x >= 0 : constraint^T x <= 1}`` with their label sets (brute force).

    ``constraint`` has shape (d, k) and positive entries; labels ``0..d-1`` are the
    coordinates at zero, ``d..d+k-1`` the tight inequalities.
    """
    d, k = constraint.shape
    rows = np.vstack([-np.eye(d), constraint.T])  # all constraints as rows: rows @ x <= rhs
    rhs = np.concatenate([np.zeros(d), np.ones(k)])
    out: list[tuple[np.ndarray, frozenset[int]]] = []
    seen: set[tuple[float, ...]] = set()
    for basis in itertools.combinations(range(d + k), d):
        system = rows[list(basis)]
        if abs(np.linalg.det(system)) < 1e-12:
            continue
        x = np.linalg.solve(system, rhs[list(basis)])
        slack = rhs - rows @ x
        if (slack < -tol).any():
            continue
        key = tuple(np.round(x, 9))
        if key in seen:
            continue
        seen.add(key)
        out.append((x, frozenset(int(i) for i in np.flatnonzero(np.abs(slack) <= tol))))
    return out


def bimatrix_is_degenerate(game: NormalFormGame) -> bool:
    """Whether a two-player game is degenerate (some polytope vertex has too many labels)."""
    first, second = game.float_payoffs
    m, n = first.shape
    for constraint, dim in ((_positive(second), m), (_positive(first).T, n)):
        for _, labels in polytope_vertices(constraint):
            if len(labels) > dim:
                return True
    return False
