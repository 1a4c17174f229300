"""Hypothesis strategies that generate only valid games (the Axelrod pattern).

Each strategy builds a :class:`~deterrence.games.NormalFormGame` of one family:

* :func:`float_games` -- random float payoffs, almost surely nondegenerate;
* :func:`tie_games` -- small-integer payoffs with many ties, which forces degeneracy;
* :func:`zero_sum_games` -- exact integer zero-sum games;
* :func:`thin_games` -- ``1 x n`` and ``n x 1`` edge cases;
* :func:`two_player_games` -- any of the above.

Other engineers: import these instead of writing new generators, e.g.
``from tests.properties.strategies import two_player_games``.
"""

from __future__ import annotations

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from deterrence import NormalFormGame

__all__ = [
    "float_games",
    "integer_games",
    "thin_games",
    "tie_games",
    "two_player_games",
    "zero_sum_games",
]

_sizes = st.integers(min_value=1, max_value=4)


@st.composite
def float_games(draw: st.DrawFn, max_size: int = 4) -> NormalFormGame:
    """Two-player games with float payoffs in [-10, 10] (generic, nondegenerate a.s.)."""
    m = draw(st.integers(1, max_size))
    n = draw(st.integers(1, max_size))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    first = rng.uniform(-10, 10, size=(m, n))
    second = rng.uniform(-10, 10, size=(m, n))
    return NormalFormGame.from_matrices(first, second, title="random float game")


@st.composite
def integer_games(
    draw: st.DrawFn, low: int = -5, high: int = 5, max_size: int = 4
) -> NormalFormGame:
    """Exact two-player games with integer payoffs in ``[low, high]``."""
    m = draw(st.integers(1, max_size))
    n = draw(st.integers(1, max_size))
    elements = st.integers(low, high)
    first = draw(arrays(np.int64, (m, n), elements=elements))
    second = draw(arrays(np.int64, (m, n), elements=elements))
    return NormalFormGame.from_matrices(first, second, title="random integer game")


def tie_games(max_size: int = 4) -> st.SearchStrategy[NormalFormGame]:
    """Exact games with payoffs in {0, 1, 2}: many ties, so usually degenerate."""
    return integer_games(low=0, high=2, max_size=max_size)


@st.composite
def zero_sum_games(draw: st.DrawFn, max_size: int = 4) -> NormalFormGame:
    """Exact zero-sum games with integer payoffs in [-5, 5]."""
    m = draw(st.integers(1, max_size))
    n = draw(st.integers(1, max_size))
    matrix = draw(arrays(np.int64, (m, n), elements=st.integers(-5, 5)))
    return NormalFormGame.zero_sum(matrix, title="random zero-sum game")


@st.composite
def thin_games(draw: st.DrawFn, max_size: int = 5) -> NormalFormGame:
    """``1 x n`` and ``n x 1`` games (exact, ties likely)."""
    n = draw(st.integers(1, max_size))
    shape = (1, n) if draw(st.booleans()) else (n, 1)
    elements = st.integers(-3, 3)
    first = draw(arrays(np.int64, shape, elements=elements))
    second = draw(arrays(np.int64, shape, elements=elements))
    return NormalFormGame.from_matrices(first, second, title="thin game")


def two_player_games(max_size: int = 4) -> st.SearchStrategy[NormalFormGame]:
    """Any two-player game family above."""
    return st.one_of(
        float_games(max_size=max_size),
        integer_games(max_size=max_size),
        tie_games(max_size=max_size),
        zero_sum_games(max_size=max_size),
        thin_games(),
    )
