"""Verification: regret and the Nash property for any number of players.

For a profile :math:`\\sigma`, player :math:`i`'s *regret* is
:math:`\\max_{s_i \\in S_i} u_i(s_i, \\sigma_{-i}) - u_i(\\sigma)`; :math:`\\sigma` is a Nash
equilibrium exactly when every regret is at most zero (Nash 1951). With exact payoffs and
exact probabilities the regret is computed in rational arithmetic.
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

import numpy as np

from deterrence.exceptions import InvalidProfileError
from deterrence.games.normal_form import NormalFormGame, Profile

__all__ = ["regret", "max_regret", "is_nash", "exact_regret", "EXACT_REGRET_ENTRIES"]

#: Largest number of payoff entries for which the regret of float probabilities on an
#: exact game is computed in rational arithmetic (about a millisecond per 1,000 entries).
EXACT_REGRET_ENTRIES = 20_000


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
        One non-negative regret per player (``Fraction`` entries when exact). Float
        probabilities on an exact game (up to :data:`EXACT_REGRET_ENTRIES` payoffs) are
        read as the exact binary fractions they are and their regret is computed in
        rational arithmetic, then rounded: a non-equilibrium never shows regret 0.

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
    if (
        vectors[0].dtype != object
        and game.is_exact
        and (int(np.prod(game.payoffs.shape)) <= EXACT_REGRET_ENTRIES)
    ):
        # float probabilities on an exact game: the regret of the exact binary fractions
        # they are, in rational arithmetic (floats would hide 2**53 + 1 against 2**53)
        return np.array([float(r) for r in _exact_regrets(game, vectors)], dtype=np.float64)
    values = []
    for i in range(game.num_players):
        action = game.action_values(i, vectors)
        values.append(action.max() - np.dot(action, vectors[i]))
    if vectors[0].dtype == object:
        out = np.empty(game.num_players, dtype=object)
        out[:] = values
        return out
    return np.maximum(np.array(values, dtype=np.float64), 0.0)


def _integers(values: Any) -> tuple[np.ndarray, int]:
    """``(N, D)``: an object array of ints and a positive int with ``values == N / D``."""
    fractions = [Fraction(v) for v in np.asarray(values, dtype=object).reshape(-1)]
    common = math.lcm(*(f.denominator for f in fractions)) if fractions else 1
    out = np.empty(len(fractions), dtype=object)
    out[:] = [f.numerator * (common // f.denominator) for f in fractions]
    return out.reshape(np.shape(values)), common


def _exact_regrets(game: NormalFormGame, vectors: tuple[np.ndarray, ...]) -> list[Fraction]:
    """Each player's regret in integer arithmetic, each vector rescaled to sum to one."""
    integer_vectors = [_integers(s)[0] for s in vectors]
    totals = [sum(v.tolist()) for v in integer_vectors]
    out = []
    for i in range(game.num_players):
        payoffs, common = _integers(game.payoffs[i])
        array = payoffs
        scale = common
        for j in reversed(range(game.num_players)):
            if j != i:
                array = np.tensordot(array, integer_vectors[j], axes=([j], [0]))
                scale *= totals[j]
        action = list(np.asarray(array).reshape(-1))  # = true action values * scale
        own = integer_vectors[i].tolist()
        value = sum(a * p for a, p in zip(action, own))  # = true value * scale * totals[i]
        gap = max(action) * totals[i] - value
        out.append(max(Fraction(0), Fraction(gap, scale * totals[i])))
    return out


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


def exact_regret(game: NormalFormGame, profile: Profile) -> Fraction:
    """Largest regret in rational arithmetic, float probabilities read exactly (exact games).

    Each float vector is taken as the exact binary fractions it holds, rescaled to sum to
    one exactly.

    Examples
    --------
    >>> game = NormalFormGame.from_matrices([[2**53 + 1, 0], [2**53, 1]], [[0, 0], [0, 0]])
    >>> exact_regret(game, [np.array([0.0, 1.0]), np.array([1.0, 0.0])])
    Fraction(1, 1)
    """
    if not game.is_exact:
        raise InvalidProfileError("exact_regret needs a game with exact payoffs")
    return max(_exact_regrets(game, game.as_profile(profile, exact=False)))
