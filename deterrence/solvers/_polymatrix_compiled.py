"""numba kernel of the polymatrix Lemke pivot (imported only through
:data:`deterrence.solvers.polymatrix.COMPILED`, once the numpy twin has used its budget)."""

from __future__ import annotations

import numba
import numpy as np

__all__ = ["rank_one_update"]


@numba.njit(cache=True, nogil=True)
def rank_one_update(
    inverse: np.ndarray, direction: np.ndarray, pivot_row: np.ndarray, row: int
) -> None:  # pragma: no cover - compiled
    """``inverse -= outer(direction, pivot_row)`` on the non-zero rows and columns only,
    then ``inverse[row] = pivot_row`` (in place)."""
    columns = np.flatnonzero(pivot_row)
    for r in range(inverse.shape[0]):
        d = direction[r]
        if d == 0.0 or r == row:
            continue
        for c in columns:
            inverse[r, c] -= d * pivot_row[c]
    inverse[row, :] = pivot_row
