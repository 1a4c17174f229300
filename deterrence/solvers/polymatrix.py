r"""Equilibria of polymatrix (network) games: all pure ones, one mixed one for any size
(Lemke's algorithm), all of them for small games, and what cutting an edge does.

**Pure equilibria** (:func:`solve_polymatrix_pure`): depth-first search over the players in
breadth-first order of the graph; a player's best-response condition is checked as soon as
it and all its neighbours have strategies, which prunes every branch that already contains a
profitable deviation. Exhaustive (``complete=True``) unless ``max_equilibria`` stops it;
exponential in the worst case (deciding whether a pure equilibrium exists is NP-complete on
general graphs), fast on sparse graphs with few equilibria.

**One equilibrium** (:func:`solve_polymatrix_lemke`): the linear complementarity problem of
Howson (1972) and Eaves (1973) in the form of Miller and Zucker (1991). With costs
:math:`C_{ij} = K - A_{ij}` on every edge (:math:`K` above every payoff, so :math:`C > 0`),
:math:`E` the player-strategy incidence matrix and :math:`x` the stacked mixed strategies,

.. math::
    w = \begin{pmatrix} C & -E \\ E^\top & 0 \end{pmatrix}
        \begin{pmatrix} x \\ v \end{pmatrix} + \begin{pmatrix} 0 \\ -\mathbf 1 \end{pmatrix},
    \quad w, x, v \ge 0, \quad w^\top (x, v) = 0 .

Complementarity says every strategy a player uses has the least cost :math:`v_i`, i.e. the
highest payoff, and :math:`v_i > 0` forces :math:`\mathbf 1^\top x_i = 1`. The matrix is
copositive-plus, so Lemke's algorithm (Lemke 1965) with any positive covering vector ends at
a solution (Miller and Zucker 1991). The covering vector here is :math:`(C p, \mathbf 1)` for
a prior :math:`p`, which makes the path the linear tracing procedure (Harsanyi and Selten
1988): from everyone best-responding to the prior to an equilibrium (see
:func:`solve_polymatrix_lemke`). The implementation is the revised form: a dense,
column-major basis inverse updated by a rank-one update per pivot on the columns where the
pivot row is non-zero (numba kernel for large components), entering columns formed from the
sparse matrix, and the lexicographic ratio test on ties (:math:`q` is mostly zeros). Each
connected component is solved separately, and isolated players take their first strategy.

**All equilibria of small games** (``method="expanded"``): the expanded normal form
(:meth:`~deterrence.games.polymatrix.PolymatrixGame.to_normal_form`) solved by
:func:`deterrence.solve` -- the independent cross-check.

References
----------
.. [1] J. T. Howson Jr., "Equilibria of polymatrix games", *Management Science* 18(5), 1972.
.. [2] B. C. Eaves, "Polymatrix games with joint constraints", *SIAM Journal on Applied
   Mathematics* 24(3), 1973.
.. [3] D. A. Miller and S. W. Zucker, "Copositive-plus Lemke algorithm solves polymatrix
   games", *Operations Research Letters* 10(5), 1991.
.. [4] C. E. Lemke, "Bimatrix equilibrium points and mathematical programming",
   *Management Science* 11(7), 1965.
.. [5] J. C. Harsanyi and R. Selten, *A General Theory of Equilibrium Selection in Games*,
   MIT Press, 1988.
"""

from __future__ import annotations

import dataclasses
import time
from collections import deque
from collections.abc import Mapping
from fractions import Fraction
from typing import Any

import numpy as np
import pandas as pd

from deterrence.exceptions import InvalidGameError, SolverError
from deterrence.games.polymatrix import MAX_EXPANDED_PROFILES, PolymatrixGame
from deterrence.solvers._jit import CompiledKernel
from deterrence.solvers.result import EquilibriumResult

__all__ = [
    "PolymatrixEquilibrium",
    "solve_polymatrix",
    "solve_polymatrix_pure",
    "solve_polymatrix_lemke",
    "polymatrix_lcp",
    "cut_effects",
    "CUT_SELECTIONS",
]


def _load() -> Any:
    from deterrence.solvers._polymatrix_compiled import rank_one_update

    return rank_one_update


#: The compiled pivot update, used for components with 600 or more LCP rows once the numpy
#: twin has used ``deterrence.solvers._jit.BUDGET`` seconds.
COMPILED = CompiledKernel("polymatrix Lemke pivots", _load)

#: Probabilities below this are printed as zero and left out of supports.
SUPPORT_TOL = 1e-9


@dataclasses.dataclass(frozen=True)
class PolymatrixEquilibrium:
    """An equilibrium of a :class:`~deterrence.games.polymatrix.PolymatrixGame`.

    Attributes
    ----------
    game : PolymatrixGame
    strategies : tuple of numpy.ndarray
        One probability vector per player (fractions for exact pure equilibria of exact
        games, else floats).

    Examples
    --------
    >>> game = PolymatrixGame({"a": ["x", "y"], "b": ["x", "y"]},
    ...                       {("a", "b"): ([[1, 0], [0, 2]], [[1, 0], [0, 2]])})
    >>> eq = solve_polymatrix_pure(game)[0]
    >>> eq.outcome, eq.max_regret(), eq.labelled_payoffs
    ('(x, x)', Fraction(0, 1), {'a': Fraction(1, 1), 'b': Fraction(1, 1)})
    """

    game: PolymatrixGame
    strategies: tuple[np.ndarray, ...]

    @property
    def exact(self) -> bool:
        """Whether the probabilities are exact fractions."""
        return self.strategies[0].dtype == object

    @property
    def is_pure(self) -> bool:
        """Whether every player uses one strategy."""
        return all(
            int(np.count_nonzero(np.asarray(s, dtype=float) > SUPPORT_TOL)) == 1
            for s in self.strategies
        )

    @property
    def choices(self) -> dict[str, str | None]:
        """Each player's pure strategy (``None`` where it mixes)."""
        result: dict[str, str | None] = {}
        for player, own, vector in zip(self.game.players, self.game.strategies, self.strategies):
            support = np.flatnonzero(np.asarray(vector, dtype=float) > SUPPORT_TOL)
            result[player] = own[support[0]] if len(support) == 1 else None
        return result

    @property
    def outcome(self) -> str:
        """``"(s_1, ..., s_n)"``, with ``mix of a and b`` where a player mixes (players past
        the twentieth summarised)."""
        parts = []
        for choice, own, vector in zip(
            self.choices.values(), self.game.strategies, self.strategies
        ):
            if choice is None:
                support = np.flatnonzero(np.asarray(vector, dtype=float) > SUPPORT_TOL)
                choice = "mix of " + " and ".join(own[k] for k in support)
            parts.append(choice)
        if len(parts) > 20:
            return "(" + ", ".join(parts[:20]) + f", ... {len(parts) - 20} more)"
        return "(" + ", ".join(parts) + ")"

    def _vectors(self) -> dict[str, Any]:
        return dict(zip(self.game.players, self.strategies))

    @property
    def payoffs(self) -> tuple[Any, ...]:
        """Each player's expected payoff."""
        return tuple(self.game.payoff(self._vectors()).values())

    @property
    def labelled_payoffs(self) -> dict[str, Any]:
        """``{player: expected payoff}``."""
        return self.game.payoff(self._vectors())

    def regrets(self) -> np.ndarray:
        """Each player's gain from its best pure deviation (floats)."""
        return _regrets(self.game, [np.asarray(s, dtype=float) for s in self.strategies])

    def max_regret(self) -> Any:
        """The largest gain of a unilateral deviation (exact 0 for exact equilibria)."""
        if self.exact and self.game.is_exact:
            worst = Fraction(0)
            for i in range(self.game.num_players):
                values = _exact_strategy_values(self.game, self.strategies, i)
                worst = max(worst, max(values) - self.strategies[i] @ values)
            return worst
        return float(max(self.regrets().max(initial=0.0), 0.0))

    def as_dict(self) -> dict[str, dict[str, Any]]:
        """``{player: {strategy: probability}}``."""
        return {
            player: dict(zip(own, vector))
            for player, own, vector in zip(self.game.players, self.game.strategies, self.strategies)
        }


def _exact_strategy_values(game: PolymatrixGame, strategies: Any, i: int) -> np.ndarray:
    total = np.zeros(game.num_strategies[i], dtype=object)
    total[:] = Fraction(0)
    for j in game.neighbour_indices(i):
        total = total + game.matrix(game.players[i], game.players[j], exact=True) @ strategies[j]
    return total


def _regrets(game: PolymatrixGame, vectors: list[np.ndarray]) -> np.ndarray:
    regrets = np.zeros(game.num_players)
    for i in range(game.num_players):
        values = np.zeros(game.num_strategies[i])
        for j in game.neighbour_indices(i):
            values += game.float_matrix(i, j) @ vectors[j]
        regrets[i] = values.max() - vectors[i] @ values
    return regrets


# ---------------------------------------------------------------------- pure equilibria
def _bfs_order(game: PolymatrixGame) -> list[int]:
    seen = [False] * game.num_players
    order: list[int] = []
    for start in range(game.num_players):
        if seen[start]:
            continue
        seen[start] = True
        queue = deque([start])
        while queue:
            i = queue.popleft()
            order.append(i)
            for j in game.neighbour_indices(i):
                if not seen[j]:
                    seen[j] = True
                    queue.append(j)
    return order


def solve_polymatrix_pure(
    game: PolymatrixGame, *, max_equilibria: int | None = None, tol: float = 1e-12
) -> EquilibriumResult:
    """Every pure Nash equilibrium of a polymatrix game (depth-first search with pruning).

    Parameters
    ----------
    game : PolymatrixGame
    max_equilibria : int, optional
        Stop after this many (the result is then marked ``complete=False``).
    tol : float
        Deviations gaining at most ``tol`` times the payoff range are not profitable
        (exact games are checked exactly in the returned equilibria's ``max_regret``).

    Returns
    -------
    EquilibriumResult
        Of :class:`PolymatrixEquilibrium`, in lexicographic order of the BFS ordering.

    Raises
    ------
    InvalidGameError
        A non-positive ``max_equilibria``.

    Examples
    --------
    >>> stag = ([[3, 0], [2, 1]], [[3, 2], [0, 1]])
    >>> game = PolymatrixGame({k: ("stag", "hare") for k in "abc"},
    ...                       {("a", "b"): stag, ("b", "c"): stag})
    >>> solve_polymatrix_pure(game).outcomes
    ('(stag, stag, stag)', '(hare, hare, hare)')
    """
    if max_equilibria is not None and max_equilibria < 1:
        raise InvalidGameError(f"max_equilibria is {max_equilibria}; expected at least 1")
    n = game.num_players
    order = _bfs_order(game)
    position = {player: k for k, player in enumerate(order)}
    # players whose closed neighbourhood is complete once the k-th player in order is set
    ready: list[list[int]] = [[] for _ in range(n)]
    for i in range(n):
        last = max([position[i], *(position[j] for j in game.neighbour_indices(i))])
        ready[last].append(i)
    scale = max(
        (
            float(np.ptp(game.float_matrix(i, j)))
            for i in range(n)
            for j in game.neighbour_indices(i)
        ),
        default=0.0,
    )
    slack = tol * max(scale, 1.0)
    choice = np.full(n, -1, dtype=np.int64)
    found: list[np.ndarray] = []
    next_strategy = np.zeros(n, dtype=np.int64)
    depth = 0
    complete = True
    while depth >= 0:
        i = order[depth] if depth < n else -1
        if depth == n:
            found.append(choice.copy())
            if max_equilibria is not None and len(found) >= max_equilibria:
                complete = False
                break
            depth -= 1
            continue
        if next_strategy[i] >= game.num_strategies[i]:
            next_strategy[i] = 0
            choice[i] = -1
            depth -= 1
            continue
        choice[i] = next_strategy[i]
        next_strategy[i] += 1
        if all(_is_best_response(game, k, choice, slack) for k in ready[depth]):
            depth += 1
    equilibria = tuple(_pure_equilibrium(game, profile) for profile in found)
    return EquilibriumResult(
        game,
        equilibria,
        "polymatrix_pure",
        exact=game.is_exact,
        complete=complete,
        options={"max_equilibria": max_equilibria},
    )


def _is_best_response(game: PolymatrixGame, i: int, choice: np.ndarray, slack: float) -> bool:
    values = np.zeros(game.num_strategies[i])
    for j in game.neighbour_indices(i):
        values += game.float_matrix(i, j)[:, choice[j]]
    return bool(values[choice[i]] >= values.max() - slack)


def _pure_equilibrium(game: PolymatrixGame, profile: np.ndarray) -> PolymatrixEquilibrium:
    vectors = []
    for i, k in enumerate(profile):
        vector = np.array([Fraction(0)] * game.num_strategies[i], dtype=object)
        vector[k] = Fraction(1)
        vectors.append(vector if game.is_exact else vector.astype(float))
    return PolymatrixEquilibrium(game, tuple(vectors))


# ---------------------------------------------------------------------- Lemke
def _components(game: PolymatrixGame) -> list[list[int]]:
    order = _bfs_order(game)
    components: list[list[int]] = []
    seen: set[int] = set()
    for i in order:
        if i in seen:
            continue
        component, queue = [], deque([i])
        seen.add(i)
        while queue:
            k = queue.popleft()
            component.append(k)
            for j in game.neighbour_indices(k):
                if j not in seen:
                    seen.add(j)
                    queue.append(j)
        components.append(sorted(component))
    return components


def _component_lcp(game: PolymatrixGame, players: list[int]) -> tuple[Any, np.ndarray, np.ndarray]:
    """The Miller-Zucker LCP of one connected component: the matrix (sparse, CSC), ``q`` and
    the offsets of each player's strategies in ``x``."""
    from scipy import sparse

    sizes = [game.num_strategies[i] for i in players]
    offsets = np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64)
    local = {i: k for k, i in enumerate(players)}
    num_x, num_v = int(offsets[-1]), len(players)
    size = num_x + num_v
    top = max(
        (float(game.float_matrix(i, j).max()) for i in players for j in game.neighbour_indices(i)),
        default=0.0,
    )
    shift = top + 1.0
    rows, cols, vals = [], [], []
    for i in players:
        for j in game.neighbour_indices(i):
            block = shift - game.float_matrix(i, j)
            r, c = np.indices(block.shape)
            rows.append((offsets[local[i]] + r).ravel())
            cols.append((offsets[local[j]] + c).ravel())
            vals.append(block.ravel())
    owner = np.repeat(np.arange(num_v), sizes)
    strategy_rows = np.arange(num_x)
    rows += [strategy_rows, num_x + owner]
    cols += [num_x + owner, strategy_rows]
    vals += [-np.ones(num_x), np.ones(num_x)]
    matrix = sparse.csc_matrix(
        (np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))), shape=(size, size)
    )
    q = np.concatenate([np.zeros(num_x), -np.ones(num_v)])
    return matrix, q, offsets


def polymatrix_lcp(game: PolymatrixGame) -> tuple[Any, np.ndarray]:
    r"""The linear complementarity problem whose solutions are the game's equilibria (Miller
    and Zucker 1991), for other LCP solvers.

    Parameters
    ----------
    game : PolymatrixGame

    Returns
    -------
    matrix : scipy.sparse.csc_matrix
        :math:`M = \begin{pmatrix} C & -E \\ E^\top & 0 \end{pmatrix}`, square of size
        :math:`\sum_i m_i + n`: the costs :math:`C_{ij} = K - A_{ij}` (:math:`K` one above
        the largest payoff) and the player-strategy incidence :math:`E`.
    q : numpy.ndarray
        :math:`(0, \dots, 0, -1, \dots, -1)`: zeros for the strategies, -1 for the players.

    Notes
    -----
    :math:`z = (x, v) \ge 0` with :math:`w = M z + q \ge 0` and :math:`z^\top w = 0` is an
    equilibrium :math:`x` (stacked mixed strategies, players in order) with :math:`v_i` the
    least cost of player :math:`i`; see the module docstring.

    Examples
    --------
    >>> pennies = ([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    >>> game = PolymatrixGame({"a": ("h", "t"), "b": ("h", "t")}, {("a", "b"): pennies})
    >>> matrix, q = polymatrix_lcp(game)
    >>> matrix.toarray().astype(int)
    array([[ 0,  0,  1,  3, -1,  0],
           [ 0,  0,  3,  1, -1,  0],
           [ 3,  1,  0,  0,  0, -1],
           [ 1,  3,  0,  0,  0, -1],
           [ 1,  1,  0,  0,  0,  0],
           [ 0,  0,  1,  1,  0,  0]])
    >>> q.tolist()
    [0.0, 0.0, 0.0, 0.0, -1.0, -1.0]
    """
    matrix, q, _ = _component_lcp(game, list(range(game.num_players)))
    return matrix, q


def _cheapest(costs: np.ndarray, offsets: np.ndarray, *, last: bool = False) -> np.ndarray:
    """The position in ``x`` of each player's cheapest strategy (the first on ties, or the
    last with ``last=True``)."""
    sizes = np.diff(offsets)
    owner = np.repeat(np.arange(len(sizes)), sizes)
    lowest = np.minimum.reduceat(costs, offsets[:-1])
    at_lowest = np.flatnonzero(costs <= lowest[owner])
    owners = owner[at_lowest]  # sorted, so a player's first and last are where it changes
    changes = owners[1:] != owners[:-1]
    keep = np.concatenate([changes, [True]]) if last else np.concatenate([[True], changes])
    return at_lowest[keep]


#: Rounds of fictitious play behind the default prior of :func:`solve_polymatrix_lemke` (20
#: per player in components of fewer than 50 players).
FICTITIOUS_ROUNDS = 1000


def _fictitious_prior(costs: Any, offsets: np.ndarray) -> np.ndarray:
    """The average of the uniform profile and the best responses of fictitious play (Brown
    1951) to the running average, stacked."""
    sizes = np.diff(offsets)
    average = np.repeat(1.0 / sizes, sizes)
    for k in range(1, min(FICTITIOUS_ROUNDS, 20 * len(sizes)) + 1):
        response = np.zeros_like(average)
        response[_cheapest(costs @ average, offsets)] = 1.0
        average += (response - average) / (k + 1)
    return average


def _lemke_component(
    game: PolymatrixGame, players: list[int], prior: Any, tol: float, max_pivots: int
) -> tuple[dict[int, np.ndarray], int]:
    """Solve one connected component's LCP from a prior; returns {player: mixed strategy}
    and the number of pivots."""
    matrix, q, offsets = _component_lcp(game, players)
    num_x, num_v = int(offsets[-1]), len(players)
    size = num_x + num_v
    costs = matrix[:num_x, :num_x].tocsr()
    if isinstance(prior, str):
        sizes = np.diff(offsets)
        belief = (
            np.repeat(1.0 / sizes, sizes)
            if prior == "uniform"
            else _fictitious_prior(costs, offsets)
        )
    else:
        belief = np.concatenate([prior[i] for i in players])
    # covering vector: the costs against the prior (positive) and 1 for the normalisations
    against = costs @ belief
    # costs within rounding of a player's cheapest are made equal to it, so that ties are
    # exact (any positive covering vector will do) and the start below is lexicographically
    # positive
    lowest = np.minimum.reduceat(against, offsets[:-1])[
        np.repeat(np.arange(num_v), np.diff(offsets))
    ]
    tied = against <= lowest + tol * np.maximum(1.0, lowest)
    against[tied] = lowest[tied]
    cover = np.concatenate([against, np.ones(num_v)])
    # basic variables: 0..size-1 are w, size..2*size-1 are z = (x, v), 2*size is z0
    inverse = np.eye(size, order="F")
    values = q.copy()
    basis = np.arange(size)
    z0 = 2 * size

    def column(variable: int) -> np.ndarray:
        if variable == z0:
            return -(inverse @ cover)
        if variable < size:
            return inverse[:, variable].copy()
        start, stop = matrix.indptr[variable - size], matrix.indptr[variable - size + 1]
        entries = matrix.indices[start:stop]
        return -(inverse[:, entries] @ matrix.data[start:stop])

    def pivot(row: int, entering: int, direction: np.ndarray) -> int:
        leaving = int(basis[row])
        head = direction[row]
        pivot_row = inverse[row] / head
        # the rank-one update touches only the columns where the pivot row is non-zero (a
        # few at first, a few hundred late on 1,000 players; the inverse is column-major)
        if compiled is not None:
            compiled(inverse, direction, pivot_row, row)
        else:
            columns = np.flatnonzero(pivot_row)
            inverse[:, columns] -= np.multiply.outer(direction, pivot_row[columns])
            inverse[row] = pivot_row
        step = values[row] / head
        values[:] -= direction * step
        values[row] = step
        basis[row] = entering
        return leaving

    def ratio_row(direction: np.ndarray) -> int | None:
        candidates = np.flatnonzero(direction > tol)
        if len(candidates) == 0:
            return None
        ratios = np.maximum(values[candidates], 0.0) / direction[candidates]
        best = ratios.min()
        tied = candidates[ratios <= best + tol * max(1.0, best)]
        if len(tied) == 1:
            return int(tied[0])
        # lexicographic rule: the smallest row of the basis inverse scaled by the pivot entry
        scaled = inverse[tied] / direction[tied, None]
        keep = np.arange(len(tied))
        for k in np.flatnonzero(np.any(scaled != 0, axis=0)):
            entries = scaled[keep, k]
            low = entries.min()
            keep = keep[entries <= low + tol * max(1.0, abs(low))]
            if len(keep) == 1:
                break
        return int(tied[keep[0]])

    compiled = COMPILED.ready() if size >= 600 else None
    started = time.perf_counter()
    # The start of the tracing path (t = z0 = 1): every player best-responds to the prior.
    # Lemke's algorithm reaches it from the primary ray through about 2n degenerate pivots
    # (every normalisation row ties at zero); they are made here directly: z0 enters at the
    # first player's normalisation row, each v_i at its best response's row, each other
    # player's x of that best response at its normalisation row (at level 0), and then the
    # first player's x enters. With the last cheapest strategy on ties, every row at level
    # zero has its first non-zero entry of the basis inverse positive (lexicographically
    # positive), so the lexicographic rule cannot cycle from here.
    best = _cheapest(cover[:num_x], offsets, last=True)
    pivot(num_x, z0, column(z0))
    for k in range(num_v):
        pivot(int(best[k]), size + num_x + k, column(size + num_x + k))
    for k in range(1, num_v):
        pivot(num_x + k, size + int(best[k]), column(size + int(best[k])))
    pivots = 2 * num_v
    entering = size + int(best[0])
    while True:
        direction = column(entering)
        row = ratio_row(direction)
        if row is None:
            raise SolverError(
                f"Lemke's algorithm ended on a ray after {pivots} pivots (a numerical "
                "failure: the polymatrix LCP is copositive-plus)"
            )
        leaving = pivot(row, entering, direction)
        pivots += 1
        if leaving == z0:
            break
        if pivots > max_pivots:
            raise SolverError(f"Lemke's algorithm did not finish within {max_pivots} pivots")
        if compiled is None and size >= 600 and pivots % 64 == 0:
            COMPILED.charge(time.perf_counter() - started)
            started = time.perf_counter()
            compiled = COMPILED.ready()
        entering = leaving + size if leaving < size else leaving - size
    z = np.zeros(size)
    in_z = (basis >= size) & (basis < 2 * size)
    z[basis[in_z] - size] = np.maximum(values[in_z], 0.0)
    result = {}
    for k, i in enumerate(players):
        vector = z[offsets[k] : offsets[k + 1]]
        total = vector.sum()
        if not total > 0:
            raise SolverError(f"Lemke's algorithm left player {game.players[i]!r} empty")
        vector = vector / total
        vector[vector < SUPPORT_TOL] = 0.0
        result[i] = vector / vector.sum()
    return result, pivots


def _prior_vectors(game: PolymatrixGame, prior: Any) -> str | dict[int, np.ndarray]:
    """``prior`` checked: a method name, or ``{position: probability vector}``."""
    if isinstance(prior, str):
        if prior not in ("fictitious", "uniform"):
            raise InvalidGameError(
                f"prior is {prior!r}; choose 'fictitious', 'uniform' or a profile "
                "{player: strategy or probabilities}"
            )
        return prior
    vectors = {}
    for i, vector in enumerate(game.profile_vectors(prior)):
        vector = np.asarray(vector, dtype=float)
        if not (np.all(np.isfinite(vector)) and np.all(vector >= 0)) or not np.isclose(
            vector.sum(), 1.0, rtol=0.0, atol=1e-9
        ):
            raise InvalidGameError(
                f"prior for {game.players[i]!r} is {vector.tolist()}; expected "
                "non-negative probabilities summing to 1"
            )
        vectors[i] = vector
    return vectors


def solve_polymatrix_lemke(
    game: PolymatrixGame,
    *,
    prior: str | Mapping[str, Any] = "fictitious",
    tol: float = 1e-10,
    max_pivots: int | None = None,
) -> EquilibriumResult:
    r"""One Nash equilibrium of a polymatrix game of any size (Lemke's algorithm, tracing
    from a prior).

    Parameters
    ----------
    game : PolymatrixGame
    prior : {"fictitious", "uniform"} or mapping, default "fictitious"
        The belief the tracing starts from: ``{player: strategy label or probabilities}``
        for every player, ``"uniform"``, or ``"fictitious"`` -- the average of the uniform
        profile and ``FICTITIOUS_ROUNDS`` (1,000) rounds of fictitious play (Brown 1951;
        20 rounds per player in smaller components), a cheap guess (0.1 s for 1,000
        players) that keeps the path short on large games.
    tol : float
        Pivot and ratio-test tolerance.
    max_pivots : int, optional
        Guard against cycling (default ``50 * (strategies + players)`` per component).

    Returns
    -------
    EquilibriumResult
        One :class:`PolymatrixEquilibrium` (floats); ``options["pivots"]`` counts pivots,
        ``options["prior"]`` names the prior and ``options["retries"]`` counts the
        components solved again from the uniform prior after a numerical failure.

    Raises
    ------
    InvalidGameError
        An unknown prior name, a prior without every player, or probabilities that are
        negative or do not sum to 1.
    SolverError
        If the algorithm ends on a ray, exceeds ``max_pivots`` or returns a profile whose
        regret exceeds ``1e-6`` of the payoff range (with the default prior, after a second
        attempt from the uniform prior).

    Notes
    -----
    Lemke's algorithm on the Miller-Zucker LCP (module docstring) with the covering vector
    :math:`d = (C p, \mathbf 1)`, :math:`p` the prior. With :math:`t = z_0` and
    :math:`x' = (1 - t) x` the LCP says that every player best-responds to the mixture
    :math:`t\,p + (1 - t)\,x` of the prior and the others' play: the path is the linear
    tracing procedure of Harsanyi and Selten (1988), which van den Elzen and Talman (1991)
    followed with Lemke's algorithm for bimatrix games. It starts where everyone
    best-responds to the prior (set up directly instead of by :math:`2n` degenerate pivots)
    and ends at :math:`t = 0`, an equilibrium; the covering vector is positive, so the
    copositive-plus argument of Miller and Zucker (1991) still guarantees the end. A prior
    close to an equilibrium gives a short path: on a random 3-regular game of 1,000 players
    the fictitious-play prior needs 2,237 pivots (2,000 of them the set-up; 0.7 s of CPU),
    the uniform prior about 29,000, the covering vector :math:`\mathbf 1` used before more
    than 21,000 (9,771 at 800 players; ``benchmarks/RESULTS-coalitions-unequal.md``). The
    returned profile is checked: its regret must be within ``1e-6`` of the payoff range.

    One dense basis inverse per connected component: memory :math:`8 (\sum_i m_i + n)^2`
    bytes for the largest component (72 MB for 1,000 players with two strategies).

    References: J. C. Harsanyi and R. Selten, *A General Theory of Equilibrium Selection in
    Games*, MIT Press, 1988; A. H. van den Elzen and A. J. J. Talman, "A procedure for
    finding Nash equilibria in bi-matrix games", *ZOR -- Methods and Models of Operations
    Research* 35, 1991; G. W. Brown, "Iterative solution of games by fictitious play", 1951.

    Examples
    --------
    >>> pennies = ([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    >>> game = PolymatrixGame({"a": ("h", "t"), "b": ("h", "t")}, {("a", "b"): pennies})
    >>> eq = solve_polymatrix_lemke(game)[0]
    >>> [round(float(p), 6) for p in eq.strategies[0]], eq.max_regret() < 1e-9
    ([0.5, 0.5], True)

    The prior selects among equilibria (here the coordination game's two pure ones):

    >>> coordination = ([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> game = PolymatrixGame({"a": "xy", "b": "xy"}, {("a", "b"): coordination})
    >>> solve_polymatrix_lemke(game, prior={"a": "x", "b": "x"}).outcomes
    ('(x, x)',)
    >>> solve_polymatrix_lemke(game, prior={"a": "y", "b": "y"}).outcomes
    ('(y, y)',)
    """
    checked = _prior_vectors(game, prior)
    attempts = [checked, "uniform"] if checked == "fictitious" else [checked]
    strategies: dict[int, np.ndarray] = {}
    total_pivots = retries = 0
    for players in _components(game):
        if len(players) == 1 and not game.neighbour_indices(players[0]):
            vector = np.zeros(game.num_strategies[players[0]])
            vector[0] = 1.0
            strategies[players[0]] = vector
            continue
        limit = max_pivots or 50 * (sum(game.num_strategies[i] for i in players) + len(players))
        for attempt, belief in enumerate(attempts):
            try:
                solved, pivots = _lemke_component(game, players, belief, tol, limit)
                break
            except SolverError:
                if attempt == len(attempts) - 1:
                    raise
                retries += 1
        strategies.update(solved)
        total_pivots += pivots
    equilibrium = PolymatrixEquilibrium(game, tuple(strategies[i] for i in range(game.num_players)))
    scale = max(
        (
            float(np.ptp(game.float_matrix(i, j)))
            for i in range(game.num_players)
            for j in game.neighbour_indices(i)
        ),
        default=1.0,
    )
    regret = equilibrium.max_regret()
    if regret > 1e-6 * max(scale, 1.0):
        raise SolverError(f"Lemke's algorithm returned a profile with regret {regret:.3g}")
    return EquilibriumResult(
        game,
        (equilibrium,),
        "polymatrix_lemke",
        exact=False,
        complete=False,
        options={
            "tol": tol,
            "pivots": total_pivots,
            "prior": prior if isinstance(prior, str) else "given",
            "retries": retries,
        },
    )


def solve_polymatrix(
    game: PolymatrixGame, *, method: str = "auto", **options: Any
) -> EquilibriumResult:
    """Equilibria of a polymatrix game.

    Parameters
    ----------
    game : PolymatrixGame
    method : {"auto", "expanded", "pure", "lemke"}
        ``"expanded"``: every equilibrium via the expanded normal form and
        :func:`deterrence.solve` (small games); ``"pure"``: every pure equilibrium;
        ``"lemke"``: one equilibrium, any size. ``"auto"``: ``"expanded"`` when the
        expanded form has at most 256 profiles, else ``"lemke"``.
    **options
        Passed to the chosen solver.

    Returns
    -------
    EquilibriumResult
        Of :class:`PolymatrixEquilibrium`.

    Raises
    ------
    InvalidGameError
        An unknown method, or ``"expanded"`` for a game too large to write out.

    Examples
    --------
    >>> coordination = ([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> game = PolymatrixGame({"a": "xy", "b": "xy"}, {("a", "b"): coordination})
    >>> solve_polymatrix(game).outcomes
    ('(x, x)', '(mix of x and y, mix of x and y)', '(y, y)')
    """
    if method == "auto":
        method = "expanded" if np.prod(game.num_strategies, dtype=float) <= 256 else "lemke"
    if method == "pure":
        return solve_polymatrix_pure(game, **options)
    if method == "lemke":
        return solve_polymatrix_lemke(game, **options)
    if method != "expanded":
        raise InvalidGameError(
            f"method is {method!r}; choose 'auto', 'expanded', 'pure' or 'lemke'"
        )
    if np.prod(game.num_strategies, dtype=float) > MAX_EXPANDED_PROFILES:
        raise InvalidGameError(
            "the expanded normal form is too large; use method='pure' or 'lemke'"
        )
    from deterrence.solvers.api import solve

    result = solve(game.to_normal_form(), **options)
    equilibria = tuple(PolymatrixEquilibrium(game, tuple(eq.strategies)) for eq in result)
    return EquilibriumResult(
        game,
        equilibria,
        f"expanded/{result.method}",
        exact=result.exact,
        degenerate=result.degenerate,
        complete=result.complete,
        options=dict(options),
    )


#: How :func:`cut_effects` picks one equilibrium of a game with several.
CUT_SELECTIONS = ("best", "worst", "first")


def cut_effects(
    game: PolymatrixGame,
    coercer: str,
    *,
    method: str = "pure",
    selection: str = "best",
    max_equilibria: int = 10_000,
) -> pd.DataFrame:
    """What cutting each of the coercer's edges does to the equilibrium (export controls).

    For every edge of ``coercer`` the game is solved without that edge and compared with the
    game before the cut. A network game often has several equilibria, so the answer depends
    on which one is played before and after: ``selection`` names the rule, and
    ``damage_low`` / ``damage_high`` give the range over every choice of equilibria.

    Parameters
    ----------
    game : PolymatrixGame
    coercer : str
        The node that cuts.
    method : {"pure", "lemke"}
        ``"pure"``: every pure equilibrium of each game (:func:`solve_polymatrix_pure`);
        ``"lemke"``: the one (possibly mixed) equilibrium Lemke's method finds, used whatever
        the ``selection`` (the range is then that single comparison).
    selection : {"best", "worst", "first"}
        Which pure equilibrium is played, before and after the cut: the one ``"best"`` or
        ``"worst"`` for everyone but the coercer (their total payoff; ties by search order),
        or the ``"first"`` in search order (arbitrary: depends on the players' order).
    max_equilibria : int
        Most pure equilibria enumerated per game; a game with more is refused (use
        ``selection="first"``, which stops at the first, or ``method="lemke"``).

    Returns
    -------
    pandas.DataFrame
        Indexed by the cut partner, most damaging first: ``rank`` (1 = the partner the
        coercer targets first when it wants to hurt the network; equal damage shares a
        rank), ``coercer_payoff``, ``partner_payoff``, ``others_total`` (after the cut, in
        the selected equilibrium), ``damage`` (the others' total before minus after, under
        ``selection``), ``damage_low``, ``damage_high`` (over every pair of pure equilibria
        before and after; NaN for ``selection="first"``, which enumerates only one),
        ``equilibria`` (equilibria found after the cut) and ``outcome``.
        ``attrs["selection"]`` records the rule and ``attrs["baseline"]`` the equilibrium
        before the cut.

    Raises
    ------
    InvalidGameError
        If the coercer has no edges, a game has no pure equilibrium (use
        ``method="lemke"``) or more than ``max_equilibria``, or an argument is unknown.

    Examples
    --------
    >>> dependency = ([[2, 0], [1, 1]], [[2, 1], [0, 1]])
    >>> game = PolymatrixGame({k: ("comply", "resist") for k in ("c", "a", "b")},
    ...                       {("c", "a"): dependency, ("c", "b"): dependency,
    ...                        ("a", "b"): dependency})
    >>> table = cut_effects(game, "c")
    >>> table.index.tolist(), table["rank"].tolist()  # a symmetric network: a tie
    (['a', 'b'], [1, 1])
    """
    partners = game.neighbours(coercer)
    if not partners:
        raise InvalidGameError(f"{coercer!r} has no edges to cut")
    if method not in ("pure", "lemke"):
        raise InvalidGameError(f"unknown method {method!r}; choose 'pure' or 'lemke'")
    if selection not in CUT_SELECTIONS:
        raise InvalidGameError(
            f"unknown selection {selection!r}; choose from {list(CUT_SELECTIONS)}"
        )

    def others(eq: PolymatrixEquilibrium) -> float:
        return float(sum(float(v) for p, v in eq.labelled_payoffs.items() if p != coercer))

    def equilibria(g: PolymatrixGame) -> list[PolymatrixEquilibrium]:
        if method == "lemke":
            return [solve_polymatrix_lemke(g)[0]]
        limit = 1 if selection == "first" else max_equilibria + 1
        found = list(solve_polymatrix_pure(g, max_equilibria=limit))
        if not found:
            raise InvalidGameError("a game has no pure equilibrium; use method='lemke'")
        if len(found) > max_equilibria:
            raise InvalidGameError(
                f"a game has more than max_equilibria={max_equilibria} pure equilibria; "
                "raise it, or use selection='first' or method='lemke'"
            )
        return found

    def selected(found: list[PolymatrixEquilibrium]) -> PolymatrixEquilibrium:
        if selection == "first" or len(found) == 1:
            return found[0]
        totals = [others(eq) for eq in found]
        target = max(totals) if selection == "best" else min(totals)
        return found[totals.index(target)]

    full = selection != "first" or method == "lemke"  # every equilibrium was enumerated
    before = equilibria(game)
    baseline = selected(before)
    before_totals = [others(eq) for eq in before]
    rows = []
    for partner in partners:
        after = equilibria(game.without_edges([(coercer, partner)]))
        eq = selected(after)
        after_totals = [others(e) for e in after]
        payoffs = eq.labelled_payoffs
        rows.append(
            {
                "partner": partner,
                "coercer_payoff": float(payoffs[coercer]),
                "partner_payoff": float(payoffs[partner]),
                "others_total": others(eq),
                "damage": others(baseline) - others(eq),
                "damage_low": min(before_totals) - max(after_totals) if full else np.nan,
                "damage_high": max(before_totals) - min(after_totals) if full else np.nan,
                "equilibria": len(after),
                "outcome": eq.outcome,
            }
        )
    frame = pd.DataFrame(rows).set_index("partner")
    frame = frame.sort_values("damage", ascending=False, kind="stable")
    frame.insert(0, "rank", frame["damage"].rank(ascending=False, method="min").astype(int))
    frame.attrs["selection"] = "lemke" if method == "lemke" else selection
    frame.attrs["baseline"] = baseline.outcome
    return frame
