"""All pure-strategy Nash equilibria of an n-player game, vectorised.

A pure profile :math:`s` is a Nash equilibrium when every :math:`s_i` is a best response to
:math:`s_{-i}`: :math:`u_i(s_i, s_{-i}) = \\max_{t_i} u_i(t_i, s_{-i})` for all :math:`i`.
For each player the maximum along its own axis is taken once over the whole payoff array,
so the cost is linear in the number of profiles with no Python loop over them.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from deterrence.games.normal_form import NormalFormGame
from deterrence.solvers.numerics import scale_free
from deterrence.solvers.result import Equilibrium, EquilibriumResult, canonical_order

__all__ = ["solve_pure", "iter_pure", "pure_equilibrium_mask"]


def pure_equilibrium_mask(
    game: NormalFormGame, *, exact: bool | None = None, tol: float = 1e-9
) -> np.ndarray:
    """Boolean array of shape ``num_strategies``: True at pure Nash equilibria.

    Examples
    --------
    >>> from deterrence import NormalFormGame
    >>> stag = NormalFormGame.from_matrices([[4, 0], [3, 3]], [[4, 3], [0, 3]])
    >>> pure_equilibrium_mask(stag).tolist()
    [[True, False], [False, True]]
    """
    use_exact = game.is_exact if exact is None else (exact and game.is_exact)
    payoffs = game.payoffs if use_exact else game.float_payoffs
    mask = np.ones(game.num_strategies, dtype=bool)
    for i in range(game.num_players):
        values = payoffs[i]
        best = values.max(axis=i, keepdims=True)
        mask &= (values == best) if use_exact else (values >= best - tol)
    return mask


def iter_pure(
    game: NormalFormGame, *, exact: bool | None = None, tol: float = 1e-9
) -> Iterator[Equilibrium]:
    """Yield the pure Nash equilibria one at a time (profile order).

    Examples
    --------
    >>> from deterrence import NormalFormGame
    >>> pd = NormalFormGame.from_matrices([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> [eq.outcome for eq in iter_pure(pd)]
    ['(s2, s2)']
    """
    use_exact = game.is_exact if exact is None else (exact and game.is_exact)
    for profile in np.argwhere(pure_equilibrium_mask(game, exact=use_exact, tol=tol)):
        vectors = []
        for i, k in enumerate(profile):
            v = np.zeros(game.num_strategies[i], dtype=object if use_exact else float)
            v[:] = 0
            v[int(k)] = 1
            vectors.append(v)
        if use_exact:
            from fractions import Fraction

            vectors = [np.array([Fraction(x) for x in v], dtype=object) for v in vectors]
        yield Equilibrium(game, tuple(vectors))


@scale_free(certify="exact", never_empty=False)
def solve_pure(
    game: NormalFormGame, *, exact: bool = False, tol: float = 1e-9
) -> EquilibriumResult:
    """Every pure-strategy Nash equilibrium of a game with any number of players.

    Parameters
    ----------
    game : NormalFormGame
    exact : bool, default False
        Compare payoffs exactly (exact games only) and return ``Fraction`` profiles.
    tol : float
        Tolerance for best-response ties in float games.

    Returns
    -------
    EquilibriumResult
        ``complete`` is True: the list is every pure equilibrium (mixed ones are not sought).

    Notes
    -----
    A profile is an equilibrium when each player's payoff equals the maximum along that
    player's own axis of its payoff array (Nash 1951); one vectorised pass per player.

    Examples
    --------
    >>> from deterrence import NormalFormGame
    >>> stag = NormalFormGame.from_matrices([[4, 0], [3, 3]], [[4, 3], [0, 3]],
    ...                                     strategies=(("stag", "hare"), ("stag", "hare")))
    >>> [eq.outcome for eq in solve_pure(stag)]
    ['(stag, stag)', '(hare, hare)']
    """
    use_exact = bool(exact and game.is_exact)
    equilibria = canonical_order(list(iter_pure(game, exact=use_exact, tol=tol)))
    return EquilibriumResult(
        game,
        equilibria,
        method="pure",
        exact=use_exact,
        degenerate=False,
        complete=True,
        options={"tol": tol},
    )
