"""Delegate to nashpy's support enumeration (for comparison and cross-checks).

nashpy (Knight and Campbell 2018) enumerates pairs of supports of equal size and solves the
indifference equations in floats. On nondegenerate games that finds every equilibrium; on
degenerate games it can miss equilibria (nashpy warns when it returns an even number), which
is why this backend reports ``complete=False``. Use ``vertex_enumeration`` for answers.
"""

from __future__ import annotations

import warnings

import numpy as np

from deterrence.games.normal_form import NormalFormGame
from deterrence.solvers.result import Equilibrium, EquilibriumResult, canonical_order

__all__ = ["solve_nashpy"]


def solve_nashpy(
    game: NormalFormGame,
    *,
    exact: bool = False,
    tol: float = 1e-9,
    algorithm: str = "support_enumeration",
) -> EquilibriumResult:
    """Equilibria of a two-player game computed by nashpy.

    Parameters
    ----------
    game : NormalFormGame
        A two-player game.
    exact : bool, default False
        Ignored except that it must be False: nashpy computes in floats.
    tol : float, default 1e-9
        Profiles whose regret exceeds ``tol`` (scaled by the largest payoff) are dropped.
    algorithm : {"support_enumeration", "vertex_enumeration"}
        Which nashpy algorithm to call.

    Returns
    -------
    EquilibriumResult
        ``complete=False``: nashpy can miss equilibria of degenerate games.

    Raises
    ------
    UnsupportedGameError
        If the game does not have two players.
    InvalidGameError
        If ``exact=True`` or ``algorithm`` is unknown.

    Notes
    -----
    V. Knight and J. Campbell, "Nashpy: A Python library for the computation of Nash
    equilibria", *Journal of Open Source Software* 3(30) 904 (2018). nashpy's own warnings
    are silenced; its non-finite or non-equilibrium outputs (seen from its vertex enumeration
    on degenerate games) are discarded.

    Examples
    --------
    >>> from deterrence import NormalFormGame
    >>> bos = NormalFormGame.from_matrices([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> [eq.outcome for eq in solve_nashpy(bos)]
    ['(s1, s1)', '(0.667*s1 + 0.333*s2, 0.333*s1 + 0.667*s2)', '(s2, s2)']
    """
    from deterrence.exceptions import InvalidGameError

    game._require_two_players("the nashpy backend")
    if exact:
        raise InvalidGameError("the nashpy backend computes in floats; use exact=False")
    if algorithm not in ("support_enumeration", "vertex_enumeration"):
        raise InvalidGameError(
            f"unknown nashpy algorithm {algorithm!r}; use 'support_enumeration' or "
            "'vertex_enumeration'"
        )
    scale = max(1.0, float(np.abs(game.float_payoffs).max()))
    found: list[Equilibrium] = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for x, y in getattr(game.to_nashpy(), algorithm)():
            x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
            if not (np.isfinite(x).all() and np.isfinite(y).all()):
                continue
            if (x < -tol).any() or (y < -tol).any() or x.sum() <= 0 or y.sum() <= 0:
                continue
            x, y = (
                np.maximum(x, 0) / np.maximum(x, 0).sum(),
                np.maximum(y, 0) / np.maximum(y, 0).sum(),
            )
            equilibrium = Equilibrium(game, (x, y))
            if equilibrium.max_regret() > tol * scale:
                continue
            if not any(equilibrium.isclose(other) for other in found):
                found.append(equilibrium)
    return EquilibriumResult(
        game,
        canonical_order(found),
        method="nashpy",
        exact=False,
        degenerate=False,
        complete=False,
        options={"tol": tol, "algorithm": algorithm},
    )
