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
    then ``inverse[row] = pivot_row`` (in place; fastest on a column-major ``inverse``)."""
    rows = np.flatnonzero(direction)
    for c in np.flatnonzero(pivot_row):
        p = pivot_row[c]
        for r in rows:
            inverse[r, c] -= direction[r] * p
    inverse[row, :] = pivot_row
