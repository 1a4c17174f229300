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
from deterrence.solvers.numerics import register_fallback, scale_free
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
    from deterrence.solvers._lemke_howson_kernel import lemke_howson_exact, lemke_howson_float

    m, n = game.num_strategies
    limit = max_pivots if max_pivots is not None else 50 * (m + n) ** 2
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
    if status == 1:
        raise SolverError(
            f"Lemke-Howson from label {initial_label} made {pivots} pivots without finishing "
            "(numerical breakdown); try exact=True or another initial_label"
        )
    if status:
        raise SolverError(
            f"Lemke-Howson from label {initial_label} broke down numerically after {pivots} "
            "pivots (no valid pivot row); try exact=True or another initial_label"
        )
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


@scale_free(certify="resolve")
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
    game._require_two_players("Lemke-Howson")
    use_exact = bool(exact and game.is_exact)
    found: list[Equilibrium] = []
    degenerate = False
    if initial_label is None:
        x, y, degenerate = _first_path(game, use_exact, max_pivots)
        found.append(_finish(game, x, y, use_exact, tol))
    for label_value in [] if initial_label is None else _resolve_label(game, initial_label):
        x, y, _, ties = lemke_howson_path(game, label_value, exact=use_exact, max_pivots=max_pivots)
        degenerate |= ties
        equilibrium = _finish(game, x, y, use_exact, tol)
        if not any(equilibrium.isclose(other) for other in found):
            found.append(equilibrium)
    return EquilibriumResult(
        game,
        canonical_order(found) if len(found) > 1 else tuple(found),
        method="lemke_howson",
        exact=use_exact,
        degenerate=degenerate,
        complete=False,
        options={"tol": tol, "initial_label": initial_label, "max_pivots": max_pivots},
    )


def _first_path(
    game: NormalFormGame, exact: bool, max_pivots: int | None
) -> tuple[np.ndarray, np.ndarray, bool]:
    """Try labels in turn with doubling pivot budgets; return the first finished path."""
    m, n = game.num_strategies
    budget = 10 * (m + n)
    limit = max_pivots if max_pivots is not None else 50 * (m + n) ** 2
    while True:
        for label_value in range(m + n):
            try:
                x, y, _, ties = lemke_howson_path(
                    game, label_value, exact=exact, max_pivots=min(budget, limit)
                )
            except SolverError:
                continue
            return x, y, ties
        if budget >= limit:
            raise SolverError(
                f"Lemke-Howson: no path finished within {limit} pivots from any label"
            )
        budget *= 2


def _finish(
    game: NormalFormGame, x: np.ndarray, y: np.ndarray, exact: bool, tol: float
) -> Equilibrium:
    if exact:
        total_x, total_y = sum(x, start=Fraction(0)), sum(y, start=Fraction(0))
        equilibrium = Equilibrium(game, (x / total_x, y / total_y))
        if equilibrium.max_regret() != 0:  # pragma: no cover - exact pivoting is exact
            raise SolverError("Lemke-Howson: exact answer failed verification")
        return equilibrium
    first, second = payoffs = game.float_payoffs
    scale = max(1.0, float(payoffs.max()), -float(payoffs.min()))
    x, y = np.maximum(x, 0.0), np.maximum(y, 0.0)
    best = (x / x.sum(), y / y.sum())
    best_regret = _bimatrix_regret(first, second, *best)
    # The path's vertex is usually accurate to rounding; re-solving the indifference
    # equations (about 0.2 ms) is kept for answers that are not.
    if best_regret > _POLISH_ABOVE * scale:
        polished = _polish(game, x, y)
        if polished is not None:
            regret = _bimatrix_regret(first, second, *polished)
            if regret < best_regret:
                best, best_regret = polished, regret
    if best_regret > tol * scale:
        raise SolverError(
            f"Lemke-Howson: the answer has regret {best_regret:.3g} > tol={tol:g} after polishing"
        )
    return trusted_equilibrium(game, *best)


#: Scaled regret above which a float answer is polished (below it, it is at rounding level).
_POLISH_ABOVE = 1e-13


def _bimatrix_regret(first: np.ndarray, second: np.ndarray, x: np.ndarray, y: np.ndarray) -> float:
    """Largest regret of the normalised profile ``(x, y)`` (no validation: our own vectors)."""
    row_values, column_values = first @ y, x @ second
    return float(max(row_values.max() - x @ row_values, column_values.max() - column_values @ y))


def _polish(
    game: NormalFormGame, x: np.ndarray, y: np.ndarray
) -> tuple[np.ndarray, np.ndarray] | None:
    """Re-solve the indifference equations on the supports found (float games)."""
    first, second = game.float_payoffs
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
