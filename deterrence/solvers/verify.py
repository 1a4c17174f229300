"""Verification: regret and the Nash property for any number of players.

For a profile :math:`\\sigma`, player :math:`i`'s *regret* is
:math:`\\max_{s_i \\in S_i} u_i(s_i, \\sigma_{-i}) - u_i(\\sigma)`; :math:`\\sigma` is a Nash
equilibrium exactly when every regret is at most zero (Nash 1951). With exact payoffs and
exact probabilities the regret is computed in rational arithmetic.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from deterrence.exceptions import InvalidProfileError
from deterrence.games.normal_form import NormalFormGame, Profile

__all__ = [
    "regret",
    "max_regret",
    "is_nash",
    "exact_regret",
    "regret_at_most",
    "regrets_at_most",
    "EXACT_REGRET_ENTRIES",
]

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
    fractions = [
        v if type(v) is Fraction else Fraction(v)
        for v in np.asarray(values, dtype=object).reshape(-1)
    ]
    common = math.lcm(*(f.denominator for f in fractions)) if fractions else 1
    out = np.empty(len(fractions), dtype=object)
    out[:] = [f.numerator * (common // f.denominator) for f in fractions]
    return out.reshape(np.shape(values)), common


def _exact_regrets(game: NormalFormGame, vectors: tuple[np.ndarray, ...]) -> list[Fraction]:
    """Each player's regret in integer arithmetic, each vector rescaled to sum to one."""
    integer_vectors = [_integers(s)[0] for s in vectors]
    totals = [sum(v.tolist()) for v in integer_vectors]
    numerators, denominators = game.integer_payoffs
    out = []
    for i in range(game.num_players):
        payoffs, common = numerators[i], denominators[i]
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


def exact_regret(game: NormalFormGame, profile: Profile, *, validate: bool = True) -> Fraction:
    """Largest regret in rational arithmetic, float probabilities read exactly (exact games).

    Each float vector is taken as the exact binary fractions it holds, rescaled to sum to
    one exactly; exact (``Fraction``) profiles are used as they are. The computation runs
    in integers over the game's cached
    :attr:`~deterrence.games.NormalFormGame.integer_payoffs`. ``validate=False`` skips
    checking the profile: for solvers passing probability vectors they built themselves
    (one nonnegative ``float64`` or ``Fraction`` array per player).

    Examples
    --------
    >>> game = NormalFormGame.from_matrices([[2**53 + 1, 0], [2**53, 1]], [[0, 0], [0, 0]])
    >>> exact_regret(game, [np.array([0.0, 1.0]), np.array([1.0, 0.0])])
    Fraction(1, 1)
    """
    if not game.is_exact:
        raise InvalidProfileError("exact_regret needs a game with exact payoffs")
    vectors = game.as_profile(profile) if validate else tuple(profile)
    return max(_exact_regrets(game, vectors))


#: Unit roundoff of ``float64``.
_UNIT = 2.0**-53


def regret_at_most(
    game: NormalFormGame, strategies: Profile, limit: float, *, exact_fallback: bool = True
) -> bool | None:
    r"""Whether float mixed strategies on an exact game have largest regret at most ``limit``.

    Decided exactly, as ``exact_regret(game, strategies) <= limit``, but cheaply: the regret
    is computed in floats together with a rigorous bound on its rounding error (payoffs
    rounded to floats, sums of products, probabilities that sum to one only up to
    rounding), and only a case the bound leaves open is computed in rational arithmetic by
    :func:`exact_regret`. Solvers certify their float answers on exact games this way.

    Parameters
    ----------
    game : NormalFormGame
        A game with exact payoffs.
    strategies : sequence of numpy.ndarray
        One nonnegative ``float64`` probability vector per player (as solvers return them;
        anything else is decided by :func:`exact_regret`).
    limit : float
        The regret bound, in the game's payoff units.
    exact_fallback : bool, default True
        Decide what the float bound leaves open in rational arithmetic; with ``False``
        return ``None`` for such a case instead (for games too large to check exactly).

    Returns
    -------
    bool or None

    Notes
    -----
    For player ``i`` with action values :math:`w_s` computed by contracting the payoffs
    with the other players' vectors, each float operation has relative error at most
    :math:`u = 2^{-53}`, so with :math:`K = \sum_j (s_j + 1)` operations along any path the
    error of every action value and of the mean payoff is at most :math:`\gamma_K M`
    (Higham, *Accuracy and Stability of Numerical Algorithms*, 2002, section 3.1), where
    :math:`M` bounds the absolute payoffs; vectors whose sums differ from one by
    :math:`\delta` change the regret by at most about :math:`4 n \delta M`. The bound used
    is twice the sum, plus the absolute error of subnormal products.

    Examples
    --------
    >>> game = NormalFormGame.from_matrices([[2**53 + 1, 0], [2**53, 1]], [[0, 0], [0, 0]])
    >>> regret_at_most(game, [np.array([0.0, 1.0]), np.array([1.0, 0.0])], 0.5)
    False
    >>> regret_at_most(game, [np.array([1.0, 0.0]), np.array([1.0, 0.0])], 0.0)
    True
    """
    return regrets_at_most(game, [strategies], limit, exact_fallback=exact_fallback)[0]


def regrets_at_most(
    game: NormalFormGame, profiles: Sequence[Profile], limit: float, *, exact_fallback: bool = True
) -> list[bool | None]:
    """:func:`regret_at_most` for many profiles at once (two-player float bounds batched).

    Examples
    --------
    >>> game = NormalFormGame.from_matrices([[1, 0], [0, 1]], [[1, 0], [0, 1]])
    >>> pure = [np.array([1.0, 0.0]), np.array([1.0, 0.0])]
    >>> wrong = [np.array([1.0, 0.0]), np.array([0.0, 1.0])]
    >>> regrets_at_most(game, [pure, wrong], 0.0)
    [True, False]
    """
    payoffs = game.payoffs
    shape = payoffs.shape[1:]
    count = len(shape)
    vectors = [[np.asarray(vector) for vector in profile] for profile in profiles]
    verdicts: list[bool | None] = [None] * len(vectors)
    usable = [
        payoffs.dtype == object
        and len(profile) == count
        and all(
            v.dtype == np.float64 and v.shape == (size,) and v.min() >= 0
            for v, size in zip(profile, shape)
        )
        for profile in vectors
    ]
    chosen = [k for k, ok in enumerate(usable) if ok]
    if chosen:
        floats = game.float_payoffs
        bound = float(np.abs(floats).max()) * (1.0 + 4 * _UNIT)
        operations = sum(shape) + count + 2
        stacked = [np.array([vectors[k][j] for k in chosen]) for j in range(count)]
        deviation = np.max(
            [np.abs(block.sum(axis=1) - 1.0) + (block.shape[1] + 1) * _UNIT for block in stacked],
            axis=0,
        )
        error = 2.0 * bound * (3.0 * operations * _UNIT + (4 * count + 4) * deviation) + (
            floats[0].size + operations
        ) * 2.0**-1070 * max(bound, 1.0)
        if count == 2:  # all profiles at once: action values are matrix products
            first, second = stacked
            rows, columns = first @ floats[0] @ second.T, first @ floats[1] @ second.T
            row_values, column_values = second @ floats[0].T, first @ floats[1]
            computed = np.maximum(
                row_values.max(axis=1) - np.diagonal(rows),
                column_values.max(axis=1) - np.diagonal(columns),
            )
        else:
            computed = np.array([_float_regret(floats, vectors[k]) for k in chosen])
        proven = (deviation <= 1e-10) & (computed + error <= limit)
        for k, ok in zip(chosen, proven.tolist()):
            if ok:
                verdicts[k] = True
    for k, verdict in enumerate(verdicts):
        if verdict is None and exact_fallback:
            verdicts[k] = bool(exact_regret(game, profiles[k]) <= limit)
    return verdicts


def _float_regret(floats: np.ndarray, vectors: Sequence[np.ndarray]) -> float:
    """Largest regret in floats (no bound) of nonnegative float vectors."""
    count = len(vectors)
    worst = -np.inf
    for i in range(count):
        array = floats[i]
        for j in reversed(range(count)):
            if j == i:
                continue
            if j == array.ndim - 1:
                array = array @ vectors[j]
            else:
                array = np.tensordot(array, vectors[j], axes=([j], [0]))
        worst = max(worst, float(array.max() - array @ vectors[i]))
    return worst
