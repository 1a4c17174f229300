"""Budgets checked before a game's payoff array is built.

A file's header says how big the game is (``{ 1000000000 2 }`` in an ``.nfg``, 28 players in
a TOML scenario) and a game tree implies the size of its strategic form (tic-tac-toe's is
astronomically large); the file readers and :meth:`ExtensiveFormGame.to_normal_form
<deterrence.games.ExtensiveFormGame.to_normal_form>` compare that size with these budgets
*before* building arrays, so a 45-byte file cannot ask for gigabytes. Raise a budget for
genuinely large games::

    import deterrence.games.limits
    deterrence.games.limits.MAX_PAYOFF_ENTRIES = 50_000_000

The analysis layer's work budgets live here too (a grid of 10**15 points or a regime map
refined 60 times is refused up front, with an estimate and the way to opt in):
:data:`MAX_SWEEP_POINTS`, :data:`MAX_SWEEP_SECONDS` and :data:`MAX_REGIME_POINTS`; a single
call opts in with ``max_points=``.

Numbers in files are bounded by ``deterrence.games._numbers.MAX_NUMBER_DIGITS`` and
``MAX_DECIMAL_EXPONENT``, and expressions by the limits of ``deterrence.games._expressions``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from deterrence.exceptions import InvalidGameError

__all__ = [
    "MAX_PAYOFF_ENTRIES",
    "MAX_NESTING",
    "MAX_SWEEP_POINTS",
    "MAX_SWEEP_SECONDS",
    "MAX_REGIME_POINTS",
    "check_payoff_entries",
]

#: Most payoff entries (players x pure profiles) a reader builds: about 4 million, a
#: 1,400 x 1,400 bimatrix game or 21 two-strategy players (a few hundred MB as exact numbers).
MAX_PAYOFF_ENTRIES = 2**22
#: Deepest nesting of arrays or tables accepted in a scenario file.
MAX_NESTING = 64
#: Most grid points :func:`~deterrence.analysis.sweep` (and ``grid_points``) accepts without
#: ``max_points=``: a hundred million, about ten minutes on the vectorised path.
MAX_SWEEP_POINTS = 10**8
#: Most estimated work, in seconds, a sweep of more than 100,000 points accepts without
#: ``max_points=`` (the sweep times a sample of its grid first): an hour, about a million
#: points on the general (point by point) path.
MAX_SWEEP_SECONDS = 3600.0
#: Most points a 2-D :func:`~deterrence.analysis.regimes` map solves without ``max_points=``,
#: estimated up front as ``5 * resolution**2 + 20 * resolution * (2**max_depth - 1)`` (the
#: first grid's corners and centres, then the cells along one boundary curve split
#: ``max_depth`` times; several boundaries cost about that many times more). Two million
#: points take one to three minutes: ``resolution=16, max_depth=12`` fits.
MAX_REGIME_POINTS = 2_000_000


def check_payoff_entries(shape: Sequence[int], what: str) -> int:
    """Number of payoff entries of a game of ``shape``; refuse it above the budget.

    Parameters
    ----------
    shape : sequence of int
        Strategies per player.
    what : str
        The source, for the message.

    Raises
    ------
    InvalidGameError
        Naming the size and :data:`MAX_PAYOFF_ENTRIES`.

    Examples
    --------
    >>> check_payoff_entries((2, 3), "game.nfg")
    12
    >>> check_payoff_entries((2,) * 30, "game.nfg")
    Traceback (most recent call last):
    ...
    deterrence.exceptions.InvalidGameError: game.nfg: 30 players with ... need 32212254720 ...
    """
    entries = len(shape) * math.prod(int(k) for k in shape)
    if entries > MAX_PAYOFF_ENTRIES:
        sizes = (
            " x ".join(map(str, shape))
            if len(shape) <= 6
            else (" x ".join(map(str, shape[:3])) + " x ... x " + str(shape[-1]))
        )
        raise InvalidGameError(
            f"{what}: {len(shape)} players with {sizes} strategies need {entries} payoff "
            f"entries, more than the budget of {MAX_PAYOFF_ENTRIES} "
            "(deterrence.games.limits.MAX_PAYOFF_ENTRIES)"
        )
    return entries
