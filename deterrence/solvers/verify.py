"""Verification: regret and the Nash property for any number of players.

For a profile :math:`\\sigma`, player :math:`i`'s *regret* is
:math:`\\max_{s_i \\in S_i} u_i(s_i, \\sigma_{-i}) - u_i(\\sigma)`; :math:`\\sigma` is a Nash
equilibrium exactly when every regret is at most zero (Nash 1951). With exact payoffs and
exact probabilities the regret is computed in rational arithmetic.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from deterrence.games.normal_form import NormalFormGame, Profile

__all__ = ["regret", "max_regret", "is_nash"]


def regret(game: NormalFormGame, profile: Profile) -> np.ndarray:
    """Each player's regret at ``profile``.

    Parameters
    ----------
    game : NormalFormGame
    profile : sequence
        One mixed strategy (vector), pure index or strategy label per player.

    Returns
    -------
    numpy.ndarray
        One non-negative regret per player (``Fraction`` entries when exact).

    Raises
    ------
    InvalidProfileError
        If the profile does not fit the game.

    Examples
    --------
    >>> from deterrence import NormalFormGame
    >>> pd = NormalFormGame.from_matrices([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> regret(pd, [0, 0]).tolist()   # mutual cooperation: each gains 2 by defecting
    [Fraction(2, 1), Fraction(2, 1)]
    """
    vectors = game.as_profile(profile)
    values = []
    for i in range(game.num_players):
        action = game.action_values(i, vectors)
        values.append(action.max() - np.dot(action, vectors[i]))
    if vectors[0].dtype == object:
        out = np.empty(game.num_players, dtype=object)
        out[:] = values
        return out
    return np.maximum(np.array(values, dtype=np.float64), 0.0)


def max_regret(game: NormalFormGame, profile: Profile) -> Any:
    """Largest regret over players at ``profile``.

    Examples
    --------
    >>> from deterrence import NormalFormGame
    >>> pd = NormalFormGame.from_matrices([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> max_regret(pd, [1, 1])
    Fraction(0, 1)
    """
    return max(regret(game, profile))


def is_nash(game: NormalFormGame, profile: Profile, *, tol: float = 1e-9) -> bool:
    """Whether ``profile`` is a Nash equilibrium (exactly for exact input, else within ``tol``).

    Examples
    --------
    >>> from deterrence import NormalFormGame
    >>> pd = NormalFormGame.from_matrices([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> is_nash(pd, [1, 1]), is_nash(pd, [0, 0])
    (True, False)
    """
    value = max_regret(game, profile)
    return bool(value <= 0) if not isinstance(value, float) else bool(value <= tol)
