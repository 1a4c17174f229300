r"""One Nash equilibrium of a two-player game by the Lemke-Howson algorithm.

With payoffs shifted positive, the algorithm follows a path of almost completely labelled
vertex pairs of the best-response polytopes
:math:`P = \{x \ge 0 : B^\top x \le 1\}` and :math:`Q = \{y \ge 0 : Ay \le 1\}`, starting at
the artificial equilibrium ``(0, 0)`` by dropping one label ``k``, and stops when the
duplicate label of the current pair is ``k`` again (Lemke and Howson 1964). It is run as
complementary pivoting on the two tableaux

.. math::

    A y + r = \mathbf 1, \qquad B^\top x + s = \mathbf 1,

with the *lexicographic* minimum-ratio test: among rows that tie in the ratio
``rhs / column``, the row whose entries of the current basis inverse (the slack columns)
divided by the column entry are lexicographically smallest leaves. This simulates a
perturbation of the right-hand side, so the path is unique and the algorithm cannot cycle,
also on degenerate games (von Stengel 2002, section 6). Pivots are rank-one BLAS updates of
Fortran-ordered float tableaux (exact games with ``exact=True`` pivot on ``Fraction``
tableaux).

References
----------
.. [1] C. E. Lemke and J. T. Howson, "Equilibrium points of bimatrix games", *Journal of
   the Society for Industrial and Applied Mathematics* 12 (1964) 413-423.
.. [2] B. von Stengel, "Computing equilibria for two-person games", *Handbook of Game
   Theory* vol. 3, ch. 45, Elsevier, 2002, sections 4 and 6.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import numpy as np

from deterrence.exceptions import InvalidGameError, SolverError
from deterrence.games.normal_form import NormalFormGame
from deterrence.solvers._bimatrix import trusted_equilibrium
from deterrence.solvers._lemke_howson_kernel import (
    bimatrix_regret,
    lemke_howson_checked,
    lemke_howson_exact,
    lemke_howson_float,
    normalised_tables,
)
from deterrence.solvers.numerics import check_tol, register_fallback, scale_free
from deterrence.solvers.polytope import positive_shift
from deterrence.solvers.result import Equilibrium, EquilibriumResult, canonical_order

__all__ = ["solve_lemke_howson", "lemke_howson_path"]


def lemke_howson_path(
    game: NormalFormGame,
    initial_label: int,
    *,
    exact: bool = False,
    tol: float = 1e-12,
    max_pivots: int | None = None,
) -> tuple[np.ndarray, np.ndarray, int, bool]:
    """Run Lemke-Howson from one dropped label; return the unnormalised vertex pair.

    Parameters
    ----------
    game : NormalFormGame
        A two-player game.
    initial_label : int
        The dropped label: ``0..m-1`` for the row player's strategies, ``m..m+n-1`` for the
        column player's.
    exact : bool, default False
        Pivot in ``Fraction`` arithmetic (exact games only).
    tol : float
        Pivot and tie tolerance of the float dictionaries.
    max_pivots : int, optional
        Safety limit (default ``50 * (m + n) ** 2``); lexicographic pivoting never cycles,
        so reaching it signals numerical breakdown.

    Returns
    -------
    x, y : numpy.ndarray
        The vertex of ``P`` and of ``Q`` (divide by their sums for mixed strategies).
    pivots : int
        Number of pivots.
    ties : bool
        Whether a tie in the minimum-ratio test was met (evidence that the game is
        degenerate).

    Raises
    ------
    SolverError
        On numerical breakdown (pivot limit, no positive pivot entry).

    Examples
    --------
    >>> from deterrence import NormalFormGame
    >>> game = NormalFormGame.from_matrices([[3, 3], [2, 5], [0, 6]], [[3, 2], [2, 6], [3, 1]])
    >>> x, y, pivots, ties = lemke_howson_path(game, 0, exact=True)
    >>> (x / sum(x)).tolist(), (y / sum(y)).tolist(), pivots
    ([Fraction(1, 1), Fraction(0, 1), Fraction(0, 1)], [Fraction(1, 1), Fraction(0, 1)], 2)
    """
    limit = _limit(game, max_pivots)
    if exact:
        first, second = positive_shift(game.payoffs[0]), positive_shift(game.payoffs[1])
        x, y, pivots, ties, status = lemke_howson_exact(first, second.T, initial_label, limit)
    else:
        first, second = (positive_shift(matrix) for matrix in game.float_payoffs)
        x, y, pivots, ties, status = lemke_howson_float(
            np.ascontiguousarray(first),
            np.ascontiguousarray(second.T),
            int(initial_label),
            float(tol),
            int(limit),
        )
    if status:
        _raise_for(status, initial_label, pivots)
    return x, y, int(pivots), bool(ties)


def _resolve_label(game: NormalFormGame, initial_label: Any) -> list[int]:
    m, n = game.num_strategies
    if isinstance(initial_label, str) and initial_label == "all":
        return list(range(m + n))
    if isinstance(initial_label, (int, np.integer)) and not isinstance(initial_label, bool):
        if not 0 <= initial_label < m + n:
            raise InvalidGameError(
                f"initial_label {initial_label} is out of range; labels are 0..{m + n - 1} "
                f"({m} strategies of {game.players[0]!r}, then {n} of {game.players[1]!r})"
            )
        return [int(initial_label)]
    if isinstance(initial_label, tuple) and len(initial_label) == 2:
        player = game.player_index(initial_label[0])
        index = game.strategy_index(player, initial_label[1])
        return [index if player == 0 else m + index]
    if isinstance(initial_label, str):
        matches = [k for k, lab in enumerate(game.strategies[0]) if lab == initial_label]
        matches += [m + k for k, lab in enumerate(game.strategies[1]) if lab == initial_label]
        if len(matches) == 1:
            return matches
        if len(matches) > 1:
            raise InvalidGameError(
                f"initial_label {initial_label!r} names a strategy of both players; pass "
                "(player, strategy) instead"
            )
    raise InvalidGameError(
        f"initial_label {initial_label!r} is not a label: give an index 0..{m + n - 1}, a "
        "strategy label, a (player, strategy) pair or 'all'"
    )


def solve_lemke_howson(
    game: NormalFormGame,
    *,
    exact: bool = False,
    tol: float = 1e-9,
    initial_label: Any = None,
    max_pivots: int | None = None,
) -> EquilibriumResult:
    """One Nash equilibrium of a two-player game (or one per starting label) by Lemke-Howson.

    Parameters
    ----------
    game : NormalFormGame
        A two-player game.
    exact : bool, default False
        Pivot in exact rational arithmetic (exact games only); the equilibrium then has
        regret exactly zero.
    tol : float, default 1e-9
        Largest regret accepted for a float answer, relative to each player's payoff range
        (the game is solved in the normalised form of :mod:`deterrence.solvers.numerics`,
        so the answer does not depend on payoff units); ``0 <= tol < 1``. Float answers on
        exact games are certified exactly, or recomputed by exact pivoting.
    initial_label : int, str, tuple, "all" or None, default None
        The dropped label: an index ``0..m+n-1`` (row strategies first), a strategy label
        that only one player uses, a ``(player, strategy)`` pair, or ``"all"`` to run from
        every label and return the distinct equilibria found. ``None`` returns the first
        equilibrium found when the labels ``0, 1, ...`` are tried in turn with a pivot
        budget that doubles after each round (some Lemke-Howson paths of large random
        games run for hundreds of thousands of pivots; this never hangs on one of them).
    max_pivots : int, optional
        Limit on pivots per path for an explicit label (default ``50 * (m + n) ** 2``).

    Returns
    -------
    EquilibriumResult
        ``complete=False`` (Lemke-Howson finds some equilibria, not all). ``degenerate`` is
        True when a tie in the ratio test revealed degeneracy on the path.

    Raises
    ------
    UnsupportedGameError
        If the game does not have two players.
    InvalidGameError
        For an unknown ``initial_label``.
    SolverError
        If a float answer fails verification (relative regret above ``tol``) even after
        polishing.

    Notes
    -----
    See the module docstring. Every nondegenerate game has an odd number of equilibria and
    each Lemke-Howson path ends at one of them (Lemke and Howson 1964; Shapley 1974); with
    the lexicographic rule the same holds for degenerate games, where the path is that of a
    perturbed nondegenerate game (von Stengel 2002, section 6). Float answers are polished
    by solving the tight constraints of the final vertex pair and verified by their regret.

    Examples
    --------
    >>> from deterrence import NormalFormGame
    >>> game = NormalFormGame.from_matrices([[3, 3], [2, 5], [0, 6]], [[3, 2], [2, 6], [3, 1]])
    >>> [eq.outcome for eq in solve_lemke_howson(game, initial_label=0)]
    ['(s1, s1)']

    The game has three equilibria (von Stengel 2002, Figure 2.1). Paths from the artificial
    equilibrium never end at the middle one, (4/5, 1/5, 0) against (2/3, 1/3), whose index
    is -1 (Shapley 1974), so even ``"all"`` labels find only the other two:

    >>> [eq.outcome for eq in solve_lemke_howson(game, initial_label="all", exact=True)]
    ['(s1, s1)', '(1/3*s2 + 2/3*s3, 1/3*s1 + 2/3*s2)']
    """
    tol = check_tol(tol)
    if not isinstance(game, NormalFormGame) or game.is_exact:
        return _solve_normalised(
            game, exact=exact, tol=tol, initial_label=initial_label, max_pivots=max_pivots
        )
    # float games: the normalised payoffs are derived once per game and tol, and the
    # equilibria are bound to ``game`` directly, as the scale_free wrapper would bind them
    return _solve(game, _float_tables(game, tol), tol, initial_label, max_pivots)


@scale_free(certify="resolve")
def _solve_normalised(
    game: NormalFormGame,
    *,
    exact: bool,
    tol: float,
    initial_label: Any,
    max_pivots: int | None,
) -> EquilibriumResult:
    """:func:`solve_lemke_howson` on the normalised game of the scale_free wrapper (exact
    games, whose float answers the wrapper certifies exactly)."""
    game._require_two_players("Lemke-Howson")
    tables = None
    if not (exact and game.is_exact):
        first, second = (positive_shift(matrix) for matrix in game.float_payoffs)
        tables = (np.ascontiguousarray(first), np.ascontiguousarray(second.T))
    return _solve(game, tables, tol, initial_label, max_pivots)


#: What the float path needs of a normalised game: ``A`` and ``B^T`` shifted to smallest
#: entry 1, C-ordered (regrets and polishing are invariant under the shift).
Tables = tuple[np.ndarray, np.ndarray]


def _float_tables(game: NormalFormGame, tol: float) -> Tables:
    """The tables of a float game's normalised form (as ``numerics.normalised_game`` with
    ``tol``), cached on the game per ``tol`` (games are immutable)."""
    cache = game.__dict__.setdefault("_lemke_howson_tables", {})
    tables = cache.get(tol)
    if tables is None:
        game._require_two_players("Lemke-Howson")
        tables = cache[tol] = normalised_tables(game.payoffs, tol)
    return tables


def _solve(
    game: NormalFormGame,
    tables: Tables | None,
    tol: float,
    initial_label: Any,
    max_pivots: int | None,
) -> EquilibriumResult:
    """Lemke-Howson on a normalised game; ``tables`` None pivots exactly (exact games)."""
    found: list[Equilibrium] = []
    degenerate = False
    labels = None if initial_label is None else _resolve_label(game, initial_label)
    if labels is None:
        answer = _first_path(game, tables, max_pivots)
        degenerate = answer[3]
        found.append(_finish(game, tables, answer, tol))
    for label_value in labels or ():
        answer = _path(game, tables, label_value, _limit(game, max_pivots))
        degenerate |= answer[3]
        equilibrium = _finish(game, tables, answer, tol)
        if not any(equilibrium.isclose(other) for other in found):
            found.append(equilibrium)
    return EquilibriumResult(
        game,
        canonical_order(found) if len(found) > 1 else tuple(found),
        method="lemke_howson",
        exact=tables is None,
        degenerate=degenerate,
        complete=False,
        options={"tol": tol, "initial_label": initial_label, "max_pivots": max_pivots},
    )


def _limit(game: NormalFormGame, max_pivots: int | None) -> int:
    m, n = game.num_strategies
    return max_pivots if max_pivots is not None else 50 * (m + n) ** 2


#: A finished path: ``(x, y, regret, ties)``. Float paths give mixed strategies and their
#: regret in the normalised game; exact paths the unnormalised vertex pair and ``None``.
Answer = tuple[np.ndarray, np.ndarray, float | None, bool]


def _path(game: NormalFormGame, tables: Tables | None, label: int, limit: int) -> Answer:
    """One path from ``label`` within ``limit`` pivots; SolverError if it breaks down."""
    if tables is None:
        x, y, _, ties = lemke_howson_path(game, label, exact=True, max_pivots=limit)
        return x, y, None, ties
    x, y, pivots, ties, status, regret = lemke_howson_checked(*tables, label, 1e-12, limit)
    if status:
        _raise_for(status, label, pivots)
    return x, y, regret, bool(ties)


def _raise_for(status: int, label: int, pivots: int) -> None:
    if status == 1:
        raise SolverError(
            f"Lemke-Howson from label {label} made {pivots} pivots without finishing "
            "(numerical breakdown); try exact=True or another initial_label"
        )
    raise SolverError(
        f"Lemke-Howson from label {label} broke down numerically after {pivots} "
        "pivots (no valid pivot row); try exact=True or another initial_label"
    )


def _first_path(game: NormalFormGame, tables: Tables | None, max_pivots: int | None) -> Answer:
    """Try labels in turn with doubling pivot budgets; return the first finished path."""
    m, n = game.num_strategies
    budget = 10 * (m + n)
    limit = _limit(game, max_pivots)
    while True:
        for label_value in range(m + n):
            try:
                return _path(game, tables, label_value, min(budget, limit))
            except SolverError:
                continue
        if budget >= limit:
            raise SolverError(
                f"Lemke-Howson: no path finished within {limit} pivots from any label"
            )
        budget *= 2


def _finish(game: NormalFormGame, tables: Tables | None, answer: Answer, tol: float) -> Equilibrium:
    """The equilibrium of a finished path, verified (payoffs normalised: scale 1)."""
    x, y, regret, _ = answer
    if tables is None or regret is None:
        total_x, total_y = sum(x, start=Fraction(0)), sum(y, start=Fraction(0))
        equilibrium = Equilibrium(game, (x / total_x, y / total_y))
        if equilibrium.max_regret() != 0:  # pragma: no cover - exact pivoting is exact
            raise SolverError("Lemke-Howson: exact answer failed verification")
        return equilibrium
    # The path's vertex is usually accurate to rounding; re-solving the indifference
    # equations (about 0.2 ms) is kept for answers that are not (NaN compares False).
    if not regret <= _POLISH_ABOVE:
        first, second_transposed = tables
        polished = _polish(first, second_transposed.T, x, y)
        if polished is not None:
            polished_regret = bimatrix_regret(first, second_transposed, *polished)
            if not regret <= polished_regret:
                (x, y), regret = polished, polished_regret
    if not regret <= tol:
        raise SolverError(
            f"Lemke-Howson: the answer has regret {regret:.3g} > tol={tol:g} after polishing"
        )
    return trusted_equilibrium(game, x, y)


#: Scaled regret above which a float answer is polished (below it, it is at rounding level).
_POLISH_ABOVE = 1e-13


def _polish(
    first: np.ndarray, second: np.ndarray, x: np.ndarray, y: np.ndarray
) -> tuple[np.ndarray, np.ndarray] | None:
    """Re-solve the indifference equations on the supports of ``(x, y)`` (float games)."""
    rows = np.flatnonzero(x > 1e-12 * x.max())
    columns = np.flatnonzero(y > 1e-12 * y.max())
    out = []
    for support, other, matrix in ((rows, columns, second), (columns, rows, first.T)):
        # the support of one player makes the other indifferent over the other's support
        system = np.vstack([matrix[np.ix_(support, other)].T, np.ones(len(support))])
        system = np.hstack([system, np.concatenate([-np.ones(len(other)), [0.0]])[:, None]])
        rhs = np.zeros(len(other) + 1)
        rhs[-1] = 1.0
        solution, *_ = np.linalg.lstsq(system, rhs, rcond=None)
        vector = np.zeros(matrix.shape[0])
        vector[support] = solution[:-1]
        if (vector < -1e-12).any() or not np.isfinite(vector).all():
            return None
        vector = np.maximum(vector, 0.0)
        out.append(vector / vector.sum())
    return out[0], out[1]


register_fallback("two_players", solve_lemke_howson)
