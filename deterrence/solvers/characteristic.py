r"""Characteristic functions of strategic-form games: what a coalition can guarantee itself.

Any finite :math:`n`-player game in strategic form defines a transferable-utility game (von
Neumann and Morgenstern 1944, ch. 6 and 9; Maschler, Solan and Zamir 2013, sec. 16.1). For a
coalition :math:`S \subseteq N` consider the two-person zero-sum game in which :math:`S`,
acting as one player, chooses a lottery over the joint pure profiles :math:`X_S = \prod_{i
\in S} X_i` of its members (they may correlate), the complement :math:`N \setminus S` does the
same over :math:`X_{N \setminus S}`, and :math:`S` receives the total payoff of its members,
:math:`u_S(x) = \sum_{i \in S} u_i(x)`. Then

.. math::

   v_\alpha(S) = \max_{\sigma_S \in \Delta(X_S)} \min_{\sigma_{-S} \in \Delta(X_{-S})}
   u_S(\sigma_S, \sigma_{-S}),

the most :math:`S` can guarantee whatever the others do (the *alpha* or maxmin
characteristic function), with :math:`v(\varnothing) = 0` and :math:`v(N) = \max_x
\sum_i u_i(x)` (the largest total payoff: nobody is left to oppose). The *beta* function
lets the complement commit first, :math:`v_\beta(S) = \min_{\sigma_{-S}} \max_{\sigma_S}
u_S`; with lotteries on both sides the minimax theorem makes the two equal, so they differ
only when coalitions are restricted to pure joint profiles (``mixed=False``), where
:math:`v_\alpha(S) = \max_{x_S} \min_{x_{-S}} u_S \le \min_{x_{-S}} \max_{x_S} u_S =
v_\beta(S)` (Aumann and Peleg 1960; Aumann 1961).

Properties: the alpha function is superadditive (a union of disjoint coalitions can play
both guarantees), and in a constant-sum game :math:`v(S) + v(N \setminus S) = v(N)` (the
coalition's game against its complement is the complement's game against it).

Exact values
------------
The value of a matrix game with rational entries is rational (it is attained at a vertex of
the polytope of the linear programme). :func:`matrix_game_value` takes a pure saddle point
when there is one, otherwise solves the linear programme in floats (HiGHS, through scipy),
rounds the primal and dual solutions to nearby fractions and **certifies** them exactly:
the row lottery :math:`x` guarantees at least :math:`\min_j (x^\top A)_j` and the column
lottery :math:`y` concedes at most :math:`\max_i (A y)_i`; when the two bounds meet, both are
the value. When they do not (the value's denominator is too large for the rounding), each
lottery is recomputed exactly on the LP's supports (the lottery on the support of :math:`x`
that equalises the columns in the support of :math:`y`, solved in FLINT's rationals) and
certified the same way; failing that, the game :math:`(A, -A)` is solved by exact
Lemke-Howson pivoting (:func:`~deterrence.solvers.lemke_howson.solve_lemke_howson`), any
equilibrium of which is a pair of optimal strategies.

References
----------
.. [1] J. von Neumann and O. Morgenstern, *Theory of Games and Economic Behavior*, 1944.
.. [2] R. J. Aumann and B. Peleg, "Von Neumann-Morgenstern solutions to cooperative games
   without side payments", *Bulletin of the AMS* 66, 1960.
.. [3] R. J. Aumann, "The core of a cooperative game without side payments",
   *Transactions of the AMS* 98, 1961.
.. [4] M. Maschler, E. Solan and S. Zamir, *Game Theory*, Cambridge University Press, 2013,
   sec. 16.1 and ch. 5 (the minimax theorem).
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

import numpy as np

from deterrence.exceptions import InvalidGameError, SolverError
from deterrence.games._numbers import as_payoff_array
from deterrence.games.cooperative import MAX_TABLE_PLAYERS, CharacteristicFunctionGame
from deterrence.games.normal_form import NormalFormGame

__all__ = [
    "MAX_ENTRIES",
    "VARIANTS",
    "characteristic_function",
    "matrix_game_value",
]

#: Most matrix entries :func:`characteristic_function` fills: the joint pure profiles times
#: the :math:`2^n - 2` proper coalitions (each solves a matrix game over every profile).
MAX_ENTRIES = 2**20
#: The characteristic functions offered: the coalition moves first (maxmin) or last (minmax).
VARIANTS = ("alpha", "beta")
#: Denominator bounds tried when rounding the LP's float strategies to fractions.
_ROUNDINGS = (10**3, 10**6)


def _integer_matrix(matrix: Any) -> tuple[np.ndarray, int]:
    """A rational matrix as Python ints over one common denominator."""
    array, _ = as_payoff_array(matrix, what="matrix")
    if array.ndim != 2 or 0 in array.shape:
        raise InvalidGameError(f"matrix has shape {array.shape}; expected a non-empty 2-D array")
    if array.dtype != object:
        raise InvalidGameError(
            "matrix_game_value needs exact entries (ints, Fractions or strings like '2/3'); "
            "this matrix has floats"
        )
    values = array.reshape(-1).tolist()
    common = math.lcm(*(v.denominator for v in values))
    integers = np.array([v.numerator * (common // v.denominator) for v in values], dtype=object)
    return integers.reshape(array.shape), common


def _lp_strategies(matrix: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Float optimal strategies of the row (maximiser) and column player by one LP."""
    from scipy.optimize import linprog  # scipy.optimize is slow to import

    floats = matrix.astype(float)
    low, high = floats.min(), floats.max()
    shifted = (floats - low) / (high - low) + 1.0  # entries in [1, 2]: the value is positive
    rows, columns = shifted.shape
    # min 1'p s.t. A'p >= 1, p >= 0; then x = p / 1'p, and the duals give y the same way
    result = linprog(
        np.ones(rows), A_ub=-shifted.T, b_ub=-np.ones(columns), bounds=(0, None), method="highs"
    )
    if result.status != 0:  # pragma: no cover - the LP is feasible and bounded
        raise SolverError(f"the matrix game LP failed: {result.message}")
    primal = np.maximum(result.x, 0.0)
    dual = np.maximum(-np.asarray(result.ineqlin.marginals), 0.0)
    return primal / primal.sum(), dual / dual.sum()


def _rounded(weights: np.ndarray, limit: int) -> list[Fraction]:
    """A lottery of fractions near ``weights`` that sums to exactly 1."""
    fractions = [max(Fraction(float(w)).limit_denominator(limit), Fraction(0)) for w in weights]
    total = sum(fractions, Fraction(0))
    return [f / total for f in fractions]


def _solve_exactly(rows: list[list[int]]) -> list[Fraction] | None:
    """A solution of the integer augmented system ``rows`` (reduced row echelon form in
    FLINT's rationals; free variables 0), or None when it is inconsistent."""
    import flint

    width = len(rows[0]) - 1
    reduced, rank = flint.fmpq_mat(len(rows), width + 1, [x for r in rows for x in r]).rref()
    solution = [Fraction(0)] * width
    for r in range(rank):
        column = next(c for c in range(width + 1) if reduced[r, c] != 0)
        if column == width:  # 0 = 1: inconsistent
            return None
        entry = reduced[r, width]
        solution[column] = Fraction(int(entry.p), int(entry.q))
    return solution


def _on_supports(matrix: np.ndarray, x: np.ndarray, y: np.ndarray) -> list[Fraction] | None:
    """The row lottery on the support of ``x`` that equalises the columns in the support of
    ``y`` (exact), or None when that system has no non-negative solution."""
    support = np.flatnonzero(x > 1e-9).tolist()
    columns = np.flatnonzero(y > 1e-9).tolist()
    rows = [[int(matrix[i, j]) for i in support] + [-1, 0] for j in columns]
    rows.append([1] * len(support) + [0, 1])
    solution = _solve_exactly(rows)
    if solution is None or min(solution[:-1]) < 0:
        return None
    lottery = [Fraction(0)] * len(x)
    for i, weight in zip(support, solution):
        lottery[i] = weight
    return lottery


def _bounds(matrix: np.ndarray, x: list[Fraction], y: list[Fraction]) -> tuple[Fraction, Fraction]:
    """What the lottery x guarantees the row player, and what y concedes to it (exact)."""
    x_scale = math.lcm(*(f.denominator for f in x))
    y_scale = math.lcm(*(f.denominator for f in y))
    x_int = np.array([int(f * x_scale) for f in x], dtype=object)
    y_int = np.array([int(f * y_scale) for f in y], dtype=object)
    lower = Fraction(int(min((x_int @ matrix).tolist())), x_scale)
    upper = Fraction(int(max((matrix @ y_int).tolist())), y_scale)
    return lower, upper


def _integer_value(matrix: np.ndarray) -> tuple[Fraction, list[Fraction], list[Fraction]]:
    """The value and optimal strategies of an integer matrix game (object array of ints)."""
    rows, columns = matrix.shape
    row_minima = [min(row) for row in matrix.tolist()]
    column_maxima = [max(column) for column in matrix.T.tolist()]
    lower, upper = max(row_minima), min(column_maxima)
    if lower == upper:  # a saddle point: pure strategies are optimal
        x = [Fraction(int(i == row_minima.index(lower))) for i in range(rows)]
        y = [Fraction(int(j == column_maxima.index(upper))) for j in range(columns)]
        return Fraction(int(lower)), x, y
    x_float, y_float = _lp_strategies(matrix)
    for limit in _ROUNDINGS:
        x, y = _rounded(x_float, limit), _rounded(y_float, limit)
        low, high = _bounds(matrix, x, y)
        if low == high:
            return low, x, y
    # the vertex itself: equalise the other side's support, in fractions
    x_exact = _on_supports(matrix, x_float, y_float)
    y_exact = _on_supports(-matrix.T, y_float, x_float)
    if x_exact is not None and y_exact is not None:
        low, high = _bounds(matrix, x_exact, y_exact)
        if low == high:
            return low, x_exact, y_exact
    from deterrence.solvers.lemke_howson import solve_lemke_howson

    game = NormalFormGame.from_matrices(matrix, -matrix)
    x, y = (list(p) for p in solve_lemke_howson(game, exact=True)[0].strategies)
    low, high = _bounds(matrix, x, y)
    if low != high:  # pragma: no cover - an exact equilibrium of (A, -A) is optimal
        raise SolverError("the exact matrix game solution failed its certificate")
    return low, x, y


def matrix_game_value(
    matrix: Any,
) -> tuple[Fraction, tuple[Fraction, ...], tuple[Fraction, ...]]:
    r"""The exact value of a two-person zero-sum game and a pair of optimal strategies.

    Parameters
    ----------
    matrix : array_like
        The row player's payoffs (the column player receives their negative): ints,
        fractions or strings such as ``"2/3"``.

    Returns
    -------
    value : Fraction
        :math:`\max_x \min_y x^\top A y = \min_y \max_x x^\top A y`.
    row_strategy, column_strategy : tuple of Fraction
        Optimal lotteries: the row strategy guarantees at least ``value`` against every
        column, the column strategy concedes at most ``value`` to every row (both checked in
        rational arithmetic).

    Raises
    ------
    InvalidGameError
        Float entries, or a matrix that is not a non-empty 2-D array of numbers.

    Notes
    -----
    A pure saddle point is taken when there is one; otherwise one linear programme (HiGHS)
    gives float strategies that are rounded (or solved exactly on their supports) and
    certified exactly, with exact Lemke-Howson pivoting on :math:`(A, -A)` as the last
    resort (see the module docstring).

    Examples
    --------
    >>> value, row, column = matrix_game_value([[1, -1], [-1, 1]])
    >>> value, row, column
    (Fraction(0, 1), (Fraction(1, 2), Fraction(1, 2)), (Fraction(1, 2), Fraction(1, 2)))
    >>> matrix_game_value([["1/2", 3], [0, 2]])[0]
    Fraction(1, 2)
    """
    integers, denominator = _integer_matrix(matrix)
    value, x, y = _integer_value(integers)
    return value / denominator, tuple(x), tuple(y)


def _strategic_form(game: Any) -> Any:
    """The game as a NormalFormGame (through ``to_normal_form()``, which parametric games,
    trees and anonymous games offer; a parametric tree's strategic form is parametric)."""
    for _ in range(3):
        if isinstance(game, NormalFormGame):  # the entry check solve() makes too
            return game
        convert = getattr(game, "to_normal_form", None)
        if convert is None:
            break
        game = convert()
    raise InvalidGameError(
        f"a characteristic function needs a game in strategic form (a NormalFormGame, or a "
        f"game with to_normal_form()); got {type(game).__name__}"
    )


def characteristic_function(
    game: Any,
    *,
    variant: str = "alpha",
    mixed: bool = True,
    max_entries: int = MAX_ENTRIES,
) -> CharacteristicFunctionGame:
    r"""The characteristic function of a strategic-form game: what each coalition can
    guarantee its members in total (exact rationals).

    Parameters
    ----------
    game : NormalFormGame
        Any finite :math:`n`-player game with exact payoffs, or a game that converts to one
        with ``to_normal_form()`` (a :class:`~deterrence.games.ParametricGame` at its
        defaults, a tree, a small anonymous game).
    variant : {"alpha", "beta"}, default "alpha"
        ``"alpha"``: the coalition commits first and the others reply (maxmin);
        ``"beta"``: the others commit first (minmax). Equal when ``mixed`` is true.
    mixed : bool, default True
        Coalitions choose lotteries over their members' joint pure profiles (correlated
        within the coalition). ``False``: joint pure profiles only, which needs no linear
        programme.
    max_entries : int
        Refuse games whose :math:`2^n - 2` coalition matrices have more entries in all than
        this (default :data:`MAX_ENTRIES`, about a million; the entries are the joint pure
        profiles times the proper coalitions).

    Returns
    -------
    CharacteristicFunctionGame
        Players as in ``game``; :math:`v(\varnothing) = 0` and :math:`v(N)` the largest
        total payoff.

    Raises
    ------
    InvalidGameError
        A game that is not in (or convertible to) strategic form, float payoffs, an unknown
        variant, too many matrix entries or more than
        :data:`~deterrence.games.cooperative.MAX_TABLE_PLAYERS` players.

    Notes
    -----
    For each proper coalition :math:`S` the matrix :math:`A_S` has one row per joint
    profile of :math:`S`, one column per joint profile of the others, and entries
    :math:`\sum_{i \in S} u_i`; :math:`v(S)` is its value (:func:`matrix_game_value`),
    or :math:`\max_r \min_c A_S` (alpha) and :math:`\min_c \max_r A_S` (beta) when pure.
    The work is :math:`2^n - 2` matrix games over the :math:`\prod_i |X_i|` profiles, which
    is why the entries are counted first. Definitions and properties in the module
    docstring.

    Examples
    --------
    The prisoner's dilemma: alone a player can guarantee only mutual defection's 1; together
    they get 6.

    >>> from deterrence import NormalFormGame
    >>> dilemma = NormalFormGame.from_matrices([[3, 0], [5, 1]], [[3, 5], [0, 1]],
    ...                                        players=("a", "b"))
    >>> [str(v) for v in characteristic_function(dilemma).exact_values]
    ['0', '1', '1', '6']

    Matching pennies is zero-sum, so each player alone secures the value 0 and
    :math:`v(\{a\}) + v(\{b\}) = v(N)`; in pure strategies the first mover loses:

    >>> pennies = NormalFormGame.zero_sum([[1, -1], [-1, 1]], players=("a", "b"))
    >>> [str(v) for v in characteristic_function(pennies).exact_values]
    ['0', '0', '0', '0']
    >>> [str(v) for v in characteristic_function(pennies, mixed=False).exact_values]
    ['0', '-1', '-1', '0']
    >>> [str(v) for v in characteristic_function(pennies, variant="beta",
    ...                                          mixed=False).exact_values]
    ['0', '1', '1', '0']
    """
    if variant not in VARIANTS:
        raise InvalidGameError(f"variant is {variant!r}; choose one of {list(VARIANTS)}")
    strategic = _strategic_form(game)
    n = strategic.num_players
    shape = tuple(int(s) for s in strategic.num_strategies)
    profiles = math.prod(shape)
    if profiles * max((1 << n) - 2, 1) > max_entries:
        raise InvalidGameError(
            f"the game has {profiles:,} joint pure profiles ({' x '.join(map(str, shape))}) and "
            f"{n} players: a characteristic function solves {(1 << n) - 2:,} matrix games over "
            f"them, {profiles * ((1 << n) - 2):,} entries in all; at most {max_entries:,} (pass "
            "max_entries=... to allow more)"
        )
    if n > MAX_TABLE_PLAYERS:
        raise InvalidGameError(
            f"{n} players: a characteristic function has 2^n worths; at most {MAX_TABLE_PLAYERS}"
        )
    if not strategic.is_exact:
        raise InvalidGameError(
            "a characteristic function is computed exactly and needs exact payoffs (ints, "
            "Fractions or strings like '2/3'); this game has float payoffs"
        )
    numerators, denominators = strategic.integer_payoffs
    common = math.lcm(*denominators)
    scaled = [numerators[i] * (common // denominators[i]) for i in range(n)]
    worths: list[Any] = [0] * (1 << n)
    worths[-1] = Fraction(int(max(sum(scaled).reshape(-1).tolist())), common)
    for mask in range(1, (1 << n) - 1):
        inside = [i for i in range(n) if mask >> i & 1]
        outside = [i for i in range(n) if not mask >> i & 1]
        total = sum(scaled[i] for i in inside)
        rows = math.prod(shape[i] for i in inside)
        matrix = np.transpose(total, inside + outside).reshape(rows, -1)
        if mixed:
            value = _integer_value(matrix)[0]
        elif variant == "alpha":
            value = Fraction(int(max(min(row) for row in matrix.tolist())))
        else:
            value = Fraction(int(min(max(column) for column in matrix.T.tolist())))
        worths[mask] = value / common
    name = getattr(strategic, "title", "")
    title = f"{variant} characteristic function" + (f" of {name}" if name else "")
    return CharacteristicFunctionGame(strategic.players, worths, title=title)
