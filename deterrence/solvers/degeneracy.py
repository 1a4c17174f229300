"""Degeneracy of a strategic form: when equilibria may come in continua.

A question about a game that only polytope geometry answers, so it lives with the solvers
(the game classes stay representations).
"""

from __future__ import annotations

import numpy as np

from deterrence.games.normal_form import NormalFormGame

__all__ = ["is_degenerate"]


def is_degenerate(game: NormalFormGame) -> bool:
    """Whether the game is degenerate.

    A two-player game is *nondegenerate* when no mixed strategy with support of size ``k``
    has more than ``k`` pure best responses (von Stengel 2002, Definition 3.2); otherwise
    equilibria may form continua. For more players we call a game degenerate when some
    player has tied pure best responses to some pure profile of the others.

    Parameters
    ----------
    game : NormalFormGame

    Returns
    -------
    bool

    Examples
    --------
    >>> is_degenerate(NormalFormGame.from_matrices([[1, 1], [0, 0]], [[1, 1], [0, 0]]))
    True
    >>> is_degenerate(NormalFormGame.from_matrices([[3, 0], [5, 1]], [[3, 5], [0, 1]]))
    False
    """
    if game.num_players == 2:
        from deterrence.solvers.polytope import bimatrix_is_degenerate

        return bimatrix_is_degenerate(game)
    for i in range(game.num_players):
        values = game.payoffs[i] if game.is_exact else game.float_payoffs[i]
        best = values.max(axis=i, keepdims=True)
        ties = (
            (values == best).sum(axis=i)
            if game.is_exact
            else (np.isclose(values, best, rtol=0, atol=1e-12).sum(axis=i))
        )
        if (np.asarray(ties) > 1).any():
            return True
    return False
