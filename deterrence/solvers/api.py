r"""The front door: ``solve`` and ``iter_equilibria`` dispatch to one algorithm module each.

What ``method="auto"`` means
----------------------------
One rule, used by :func:`solve`, by the analysis layer (thresholds, regime maps, sweeps,
tracking: each point of a map is a solve) and by the ``deterrence`` command
(:func:`auto_method`): **every equilibrium, by the fastest complete method, when the
estimated work fits the budget; otherwise as many as a method that will finish can find,
marked incomplete.** The work is estimated before anything starts
(:func:`estimated_work`).

* Two players: every extreme equilibrium by vertex enumeration (complete, also on
  degenerate games) when the upper-bound theorem allows at most
  :data:`AUTO_VERTEX_LIMIT` vertices of the two best-response polytopes together (up to
  15x15; :func:`vertex_bound`). Larger games get ``"lemke_howson_and_small_supports"``
  (:func:`solve_lemke_howson_and_small_supports`): Lemke-Howson from every label, the pure
  equilibria, and support enumeration over the small supports that fit
  :data:`AUTO_SUPPORT_PAIR_LIMIT`; ``complete=False`` and a ``RuntimeWarning`` say that the
  list may be incomplete.
* More players: every equilibrium by polynomial enumeration when the number of support
  profiles, :math:`\prod_i (2^{m_i} - 1)`, times the number of games solved is at most
  :data:`AUTO_SUPPORT_PROFILE_LIMIT`; otherwise the pure equilibria, with
  ``complete=False`` and a note (a ``RuntimeWarning`` from :func:`solve`; ``method="pure"``
  and "pure equilibria only" on maps, tables and reports). The analysis layer counts a map
  as :data:`AUTO_POINTS_PER_MAP` solves, so it uses pure equilibria for every strategic form
  with more than two players. Ask for ``method="polynomial_enumeration"`` (all equilibria,
  slow) or ``"logit"`` (one, by path following) to go further.
* A decision problem (at most one player has a choice, :func:`is_decision_problem`): its
  pure best choices, which are every extreme equilibrium (``complete=True``; maps record
  ``"auto"``).
* Other solution concepts keep their own complete methods under ``"auto"`` (backward
  induction for subgame-perfect equilibria, count and symmetric equilibria for anonymous
  games; see :mod:`deterrence.analysis.concepts`).

While ``solve(game)`` (``method="auto"``) runs, a progress bar appears on standard error
once it has taken :data:`PROGRESS_DELAY` seconds (``progress=False`` hides it), and Ctrl-C
(``KeyboardInterrupt``) stops the search and returns the equilibria found so far, marked
``complete=False`` with ``options["interrupted"] = True`` and a ``RuntimeWarning``.
"""

from __future__ import annotations

import dataclasses
import itertools
import sys
import threading
import time
import warnings
from collections.abc import Callable, Iterator
from math import comb
from typing import Any

import numpy as np

from deterrence.exceptions import DegenerateGameWarning, InvalidGameError, SolverError
from deterrence.games.normal_form import NormalFormGame
from deterrence.solvers.lemke_howson import solve_lemke_howson
from deterrence.solvers.nashpy_backend import solve_nashpy
from deterrence.solvers.polynomial_enumeration import rationalize, solve_polynomial_enumeration
from deterrence.solvers.pure import solve_pure
from deterrence.solvers.qre import solve_logit
from deterrence.solvers.result import Equilibrium, EquilibriumResult, canonical_order
from deterrence.solvers.support_enumeration import solve_support_enumeration
from deterrence.solvers.vertex_enumeration import solve_vertex_enumeration

__all__ = [
    "solve",
    "iter_equilibria",
    "METHODS",
    "auto_method",
    "is_decision_problem",
    "merge_near_duplicates",
    "DUPLICATE_TOL",
    "estimated_work",
    "vertex_bound",
    "support_profile_count",
    "solve_lemke_howson_and_small_supports",
    "AUTO_SUPPORT_PROFILE_LIMIT",
    "AUTO_VERTEX_LIMIT",
    "AUTO_SUPPORT_PAIR_LIMIT",
    "AUTO_POINTS_PER_MAP",
    "PROGRESS_DELAY",
]

#: Work budget of ``method="auto"``: support profiles, prod(2**m_i - 1), enumerated over all
#: the games solved (a 3x3x3 game has 343; 4x4x4 has 3,375).
AUTO_SUPPORT_PROFILE_LIMIT = 1000

#: Work budget of ``method="auto"`` for two players: vertices of both best-response
#: polytopes by the upper-bound theorem (:func:`vertex_bound`). 15x15 has 682,176 and
#: takes seconds; 17x17 has 4,326,300 and took over a minute.
AUTO_VERTEX_LIMIT = 1_000_000

#: Support pairs (of equal sizes, two and up) that ``"lemke_howson_and_small_supports"``
#: solves, in vectorised batches, after Lemke-Howson from every label.
AUTO_SUPPORT_PAIR_LIMIT = 2_000_000

#: How many solves the analysis layer counts one map, sweep or threshold search as.
AUTO_POINTS_PER_MAP = 100

#: Seconds before ``solve(method="auto")`` shows a progress bar on standard error.
PROGRESS_DELAY = 2.0

#: Estimated work above which a solve may run for seconds (a timer thread then watches it).
_LONG_WORK = 100_000

#: Support pairs solved per batch (one progress step) by the small-support search.
_PAIRS_PER_BATCH = 50_000


def support_profile_count(game: Any) -> int:
    """The number of support profiles, prod(2**m_i - 1), that enumeration would visit.

    Examples
    --------
    >>> support_profile_count(NormalFormGame.from_payoffs([[[[0, 0], [0, 0]]] * 2] * 3))
    27
    """
    profiles = 1
    for k in game.num_strategies:
        profiles *= 2**k - 1
    return profiles


def _upper_bound_theorem(dimension: int, facets: int) -> int:
    """McMullen's bound on the vertices of a ``dimension``-polytope with ``facets`` facets."""
    half, up = dimension // 2, (dimension + 1) // 2
    return comb(facets - up, half) + comb(facets - half - 1, up - 1)


def vertex_bound(game: Any) -> int:
    """Most vertices vertex enumeration can meet: both best-response polytopes together.

    The polytope of a player with ``m`` strategies against ``n`` has dimension ``m`` and
    ``m + n`` facets; McMullen's upper-bound theorem (1970) bounds its vertices by
    :math:`\\binom{f - \\lceil d/2 \\rceil}{\\lfloor d/2 \\rfloor} +
    \\binom{f - \\lfloor d/2 \\rfloor - 1}{\\lceil d/2 \\rceil - 1}`. Random games have far
    fewer, but the bound grows at the same rate as the real cost.

    Examples
    --------
    >>> square = NormalFormGame.from_matrices(np.zeros((15, 15)), np.zeros((15, 15)))
    >>> vertex_bound(square)
    682176
    """
    m, n = game.num_strategies
    return _upper_bound_theorem(m, m + n) + _upper_bound_theorem(n, m + n)


def estimated_work(game: Any) -> int:
    """The work ``method="auto"`` weighs before starting, in the unit of its budget.

    Two players: :func:`vertex_bound` (compared with :data:`AUTO_VERTEX_LIMIT`); more
    players: :func:`support_profile_count` (compared with
    :data:`AUTO_SUPPORT_PROFILE_LIMIT`).

    Examples
    --------
    >>> estimated_work(NormalFormGame.from_matrices([[1, 0], [0, 1]], [[1, 0], [0, 1]]))
    8
    """
    if game.num_players == 2:
        return vertex_bound(game)
    return support_profile_count(game)


def is_decision_problem(game: Any) -> bool:
    """Whether at most one player has a choice (a decision problem).

    Its pure best choices are then every extreme equilibrium (any mixture of tied best
    choices lies between them), so ``"pure"`` is complete for it.

    Parameters
    ----------
    game : NormalFormGame
        Any game with ``num_strategies`` (a parametric game too).

    Returns
    -------
    bool

    Examples
    --------
    >>> is_decision_problem(NormalFormGame.from_payoffs([[1, 2]]))  # one player, two choices
    True
    >>> is_decision_problem(NormalFormGame.from_matrices(np.eye(2), np.eye(2)))
    False
    """
    return sum(k > 1 for k in game.num_strategies) <= 1


def auto_method(game: Any, *, points: int = 1) -> str:
    """What ``method="auto"`` means for ``game`` (see the module docstring).

    Parameters
    ----------
    game : NormalFormGame
        Any game with ``num_players`` and ``num_strategies`` (a parametric game too).
    points : int, default 1
        How many games of this shape will be solved (the analysis layer passes
        :data:`AUTO_POINTS_PER_MAP`); it multiplies the n-player budget only (a two-player
        game's budget is per game).

    Returns
    -------
    str
        ``"vertex_enumeration"`` or ``"lemke_howson_and_small_supports"`` (two players),
        ``"polynomial_enumeration"`` or ``"pure"``.

    Examples
    --------
    >>> trio = NormalFormGame.from_payoffs([[[[0, 0], [0, 0]]] * 2] * 3)
    >>> auto_method(trio), auto_method(trio, points=AUTO_POINTS_PER_MAP)
    ('polynomial_enumeration', 'pure')
    >>> big = NormalFormGame.from_matrices(np.zeros((20, 20)), np.zeros((20, 20)))
    >>> auto_method(big)
    'lemke_howson_and_small_supports'
    """
    if game.num_players == 2:
        if vertex_bound(game) <= AUTO_VERTEX_LIMIT:
            return "vertex_enumeration"
        return "lemke_howson_and_small_supports"
    if is_decision_problem(game):
        return "pure"
    if support_profile_count(game) * max(1, int(points)) <= AUTO_SUPPORT_PROFILE_LIMIT:
        return "polynomial_enumeration"
    return "pure"


# ---------------------------------------------------------------------- the fallback search
def _small_support_size(m: int, n: int, limit: int) -> int:
    """Largest support size ``k`` whose pairs of sizes 2..k total at most ``limit``."""
    total, size = 0, 1
    for k in range(2, min(m, n) + 1):
        total += comb(m, k) * comb(n, k)
        if total > limit:
            break
        size = k
    return size


def _support_pair_batches(m: int, n: int, largest: int) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """Pairs of supports of equal sizes 2..largest, as index arrays, in batches."""
    for k in range(2, largest + 1):
        row_sets = np.array(list(itertools.combinations(range(m), k)), dtype=np.intp)
        column_sets = np.array(list(itertools.combinations(range(n), k)), dtype=np.intp)
        total = len(row_sets) * len(column_sets)
        for start in range(0, total, _PAIRS_PER_BATCH):
            pair = np.arange(start, min(total, start + _PAIRS_PER_BATCH))
            yield row_sets[pair // len(column_sets)], column_sets[pair % len(column_sets)]


def _indifferent_mixtures(matrix: np.ndarray, rows: np.ndarray, columns: np.ndarray, tol: float):
    """Mixtures ``y`` on ``columns`` that make the ``rows`` of ``matrix`` pay the same.

    Solves ``[[M_IJ, -1], [1, 0]] (y, v) = (0, 1)`` for every pair at once; returns the
    mixtures (full length), the values and which pairs gave a regular positive solution.
    """
    count, k = rows.shape
    system = np.empty((count, k + 1, k + 1))
    system[:, :k, :k] = matrix[rows[:, :, None], columns[:, None, :]]
    system[:, :k, k] = -1.0
    system[:, k, :k] = 1.0
    system[:, k, k] = 0.0
    scale = max(1.0, float(np.abs(matrix).max()))
    regular = np.abs(np.linalg.det(system / scale)) > 1e-12
    solution = np.zeros((count, k + 1))
    if regular.any():
        rhs = np.zeros((int(regular.sum()), k + 1, 1))
        rhs[:, k, 0] = 1.0
        solution[regular] = np.linalg.solve(system[regular], rhs)[..., 0]
    positive = regular & (solution[:, :k] > tol).all(axis=1)
    return solution[:, :k], solution[:, k], positive


def _small_support_equilibria(
    game: NormalFormGame, rows: np.ndarray, columns: np.ndarray, exact: bool, tol: float
) -> list[Equilibrium]:
    """Equilibria of a two-player game with the given support pairs (one batch)."""
    first, second = game.float_payoffs
    m, n = game.num_strategies
    y, row_value, good_y = _indifferent_mixtures(first, rows, columns, tol)
    x, column_value, good_x = _indifferent_mixtures(second.T, columns, rows, tol)
    keep = np.flatnonzero(good_x & good_y)
    scale = max(1.0, float(np.abs(first).max()), float(np.abs(second).max()))
    # no pure strategy outside the supports pays more (vectorised over the batch)
    row_values = np.einsum("mpk,pk->pm", first[:, columns[keep]], y[keep])
    column_values = np.einsum("pkn,pk->pn", second[rows[keep], :], x[keep])
    best = (row_values.max(axis=1, initial=-np.inf) <= row_value[keep] + tol * scale) & (
        column_values.max(axis=1, initial=-np.inf) <= column_value[keep] + tol * scale
    )
    found = []
    for index in keep[best]:
        full_x, full_y = np.zeros(m), np.zeros(n)
        full_x[rows[index]] = x[index]
        full_y[columns[index]] = y[index]
        candidate = None
        if exact and game.is_exact:
            candidate = rationalize(game, [full_x, full_y])
        found.append(candidate or Equilibrium(game, [full_x, full_y]))
    return found


def _fallback_steps(
    game: NormalFormGame, exact: bool, tol: float, largest: int
) -> Iterator[list[Equilibrium]]:
    """The units of work of the fallback search, each yielding the equilibria it found."""
    m, n = game.num_strategies
    for label in range(m + n):
        try:
            yield list(solve_lemke_howson(game, exact=exact, tol=tol, initial_label=label))
        except SolverError:  # a path that does not finish within its pivot budget
            yield []
    yield list(solve_pure(game, exact=exact, tol=tol))
    for rows, columns in _support_pair_batches(m, n, largest):
        yield _small_support_equilibria(game, rows, columns, exact, tol)


def _fallback_step_count(m: int, n: int, largest: int) -> int:
    batches = sum(-(-comb(m, k) * comb(n, k) // _PAIRS_PER_BATCH) for k in range(2, largest + 1))
    return m + n + 1 + batches


def solve_lemke_howson_and_small_supports(
    game: NormalFormGame,
    *,
    exact: bool = False,
    tol: float = 1e-9,
    max_support: int | None = None,
    on_step: Callable[[], None] | None = None,
    interruptible: bool = False,
) -> EquilibriumResult:
    """As many equilibria of a large two-player game as a search that will finish finds.

    Lemke-Howson from every one of the ``m + n`` labels, every pure equilibrium, and
    support enumeration over supports of equal sizes ``2..max_support`` (vectorised). This
    is what ``method="auto"`` does when vertex enumeration would not finish
    (:data:`AUTO_VERTEX_LIMIT`).

    Parameters
    ----------
    game : NormalFormGame
        A two-player game.
    exact : bool, default False
        Exact Lemke-Howson and pure equilibria, small-support equilibria snapped to
        fractions and checked exactly (exact games only).
    tol : float
        Largest regret accepted, relative to the payoff scale.
    max_support : int, optional
        Largest support size enumerated (default: the largest whose support pairs, from
        size 2 up, total at most :data:`AUTO_SUPPORT_PAIR_LIMIT`).
    on_step : callable, optional
        Called after each unit of work (one label, the pure equilibria, one batch of
        support pairs); :func:`solve` uses it for its progress bar.
    interruptible : bool, default False
        On ``KeyboardInterrupt`` return the equilibria found so far (with
        ``options["interrupted"] = True``) instead of raising.

    Returns
    -------
    EquilibriumResult
        ``complete=False``: the equilibria found (each verified), not necessarily all;
        ``method="lemke_howson_and_small_supports"``.

    Notes
    -----
    Every Lemke-Howson path ends at an equilibrium of index +1 (Shapley 1974), so the
    search finds at least one equilibrium, and small supports are where random games keep
    most of their equilibria (McLennan and Berg 2005; Porter, Nudelman and Shoham 2008).

    Examples
    --------
    >>> game = NormalFormGame.from_matrices([[3, 3], [2, 5], [0, 6]], [[3, 2], [2, 6], [3, 1]])
    >>> result = solve_lemke_howson_and_small_supports(game, exact=True)
    >>> for eq in result:
    ...     print(eq.outcome)
    (s1, s1)
    (4/5*s1 + 1/5*s2, 2/3*s1 + 1/3*s2)
    (1/3*s2 + 2/3*s3, 1/3*s1 + 2/3*s2)
    >>> result.complete
    False
    """
    if not isinstance(game, NormalFormGame):
        raise InvalidGameError(f"expected a NormalFormGame, got {type(game).__name__}")
    game._require_two_players("the Lemke-Howson and small-support search")
    m, n = game.num_strategies
    largest = (
        _small_support_size(m, n, AUTO_SUPPORT_PAIR_LIMIT)
        if max_support is None
        else int(max_support)
    )
    found: list[Equilibrium] = []
    interrupted = False
    try:
        for equilibria in _fallback_steps(game, exact, tol, largest):
            for equilibrium in equilibria:
                if not any(equilibrium.isclose(other) for other in found):
                    found.append(equilibrium)
            if on_step is not None:
                on_step()
    except KeyboardInterrupt:
        if not interruptible:
            raise
        interrupted = True
    options: dict[str, Any] = {"tol": tol, "max_support": largest}
    if interrupted:
        options["interrupted"] = True
    return EquilibriumResult(
        game,
        canonical_order(found),
        method="lemke_howson_and_small_supports",
        exact=bool(found) and all(eq.exact for eq in found),
        degenerate=False,
        complete=False,
        options=options,
    )


#: Registered methods: name -> solver function ``f(game, *, exact, tol, **options)``.
METHODS: dict[str, Callable[..., EquilibriumResult]] = {
    "pure": solve_pure,
    "vertex_enumeration": solve_vertex_enumeration,
    "support_enumeration": solve_support_enumeration,
    "lemke_howson": solve_lemke_howson,
    "nashpy": solve_nashpy,
    "polynomial_enumeration": solve_polynomial_enumeration,
    "logit": solve_logit,
    "lemke_howson_and_small_supports": solve_lemke_howson_and_small_supports,
}


class _Progress:
    """A progress bar on standard error, drawn only once a solve has run
    :data:`PROGRESS_DELAY` seconds: built lazily by :meth:`step`, or by a timer thread for
    solves whose estimated work says they may run long (nothing at all for quick ones)."""

    def __init__(self, description: str, enabled: bool, long: bool) -> None:
        self.description = description
        self.enabled = enabled
        self.long = long
        self.bar: Any = None
        self.start = time.monotonic()
        self.drawn = 0.0
        self.done = 0
        self.total: int | None = None
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.thread: threading.Thread | None = None

    def __enter__(self) -> _Progress:
        if self.enabled and self.long:
            self.thread = threading.Thread(target=self._tick, daemon=True)
            self.thread.start()
        return self

    def _tick(self) -> None:
        while not self.stop.wait(0.5):
            self._draw()

    def _draw(self) -> None:
        now = time.monotonic()
        if not self.enabled or now - self.start < PROGRESS_DELAY or now - self.drawn < 0.5:
            return
        with self.lock:
            if self.bar is None:
                from tqdm.auto import tqdm

                self.bar = tqdm(
                    total=self.total, desc=self.description, file=sys.stderr, unit="step"
                )
            self.bar.total = self.total
            self.bar.n = self.done
            self.bar.refresh()
            self.drawn = now

    def step(self, done: int | None = None, total: int | None = None) -> None:
        """Record one more unit of work done (or ``done`` of ``total``)."""
        self.done = self.done + 1 if done is None else done
        if total is not None:
            self.total = total
        self._draw()

    def __exit__(self, *exc: Any) -> None:
        self.stop.set()
        if self.thread is not None:
            self.thread.join()
        if self.bar is not None:
            self.bar.close()


def _run_auto(
    game: NormalFormGame, name: str, exact: bool, tol: float, progress: bool, options: dict
) -> EquilibriumResult:
    """Run the method ``"auto"`` chose, with progress and Ctrl-C returning what was found."""
    shape = "x".join(map(str, game.num_strategies))
    description = f"solve {shape} ({name.replace('_', ' ')})"
    long = estimated_work(game) > _LONG_WORK
    with _Progress(description, progress, long) as bar:
        if name == "lemke_howson_and_small_supports":
            m, n = game.num_strategies
            largest = options.pop("max_support", None)
            if largest is None:
                largest = _small_support_size(m, n, AUTO_SUPPORT_PAIR_LIMIT)
            total = _fallback_step_count(m, n, largest)
            return solve_lemke_howson_and_small_supports(
                game,
                exact=exact,
                tol=tol,
                max_support=largest,
                on_step=lambda: bar.step(total=total),
                interruptible=True,
                **options,
            )
        if name == "polynomial_enumeration":
            return solve_polynomial_enumeration(
                game, exact=exact, tol=tol, on_step=bar.step, interruptible=True, **options
            )
        try:
            return METHODS[name](game, exact=exact, tol=tol, **options)
        except KeyboardInterrupt:  # one indivisible step: nothing found yet
            return EquilibriumResult(
                game, (), method=name, exact=exact, complete=False, options={"interrupted": True}
            )


def solve(
    game: NormalFormGame,
    method: str = "auto",
    *,
    exact: bool = False,
    tol: float = 1e-9,
    progress: bool = True,
    **options: Any,
) -> EquilibriumResult:
    """Compute Nash equilibria of a normal-form game.

    Parameters
    ----------
    game : NormalFormGame
    method : str, default "auto"
        One of :data:`METHODS`, or ``"auto"``: estimate the work first
        (:func:`estimated_work`) and take the fastest complete method that fits the budget,
        otherwise a search that will finish, marked incomplete (the one rule of
        :func:`auto_method`, shared with the analysis layer and the command line; see the
        module docstring). Two-player methods: ``"vertex_enumeration"`` and
        ``"support_enumeration"`` (every extreme equilibrium, also of degenerate games),
        ``"lemke_howson"`` (one equilibrium; option ``initial_label``, or ``"all"``),
        ``"lemke_howson_and_small_supports"`` (Lemke-Howson from every label plus small
        supports) and ``"nashpy"`` (delegates to nashpy, for comparison); ``"pure"`` for any
        number of players; ``"polynomial_enumeration"`` (all equilibria) and ``"logit"``
        (one) for more players.
    exact : bool, default False
        Solve in exact rational arithmetic (exact games only): ``Fraction`` equilibria whose
        regret is exactly zero.
    tol : float
        Numerical tolerance of float solvers.
    progress : bool, default True
        With ``method="auto"``, show a progress bar on standard error once the solve has
        taken :data:`PROGRESS_DELAY` seconds.
    **options
        Passed to the method.

    Returns
    -------
    EquilibriumResult
        With ``method="auto"``, ``complete=False`` when the budget ruled out a complete
        method or Ctrl-C stopped the search (then ``options["interrupted"]`` is True and
        the equilibria found so far are returned).

    Raises
    ------
    InvalidGameError
        If ``game`` is not a game or ``method`` is unknown.
    UnsupportedGameError
        If the method cannot handle the game (the message names one that can).

    Warns
    -----
    RuntimeWarning
        With ``method="auto"``, when the result may be incomplete (budget or Ctrl-C).
    DegenerateGameWarning
        When a two-player game is degenerate (every extreme equilibrium is still returned).

    Examples
    --------
    >>> from deterrence import NormalFormGame, solve
    >>> stag = NormalFormGame.from_matrices([[4, 0], [3, 3]], [[4, 3], [0, 3]])
    >>> [eq.outcome for eq in solve(stag, exact=True)]
    ['(s1, s1)', '(3/4*s1 + 1/4*s2, 3/4*s1 + 1/4*s2)', '(s2, s2)']

    A 30x30 game is beyond vertex enumeration's budget: ``"auto"`` runs Lemke-Howson from
    every label and small supports, and says the list may be incomplete:

    >>> import warnings
    >>> rng = np.random.default_rng(0)
    >>> big = NormalFormGame.from_matrices(rng.random((30, 30)), rng.random((30, 30)))
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     result = solve(big)
    >>> result.method, result.complete, len(result) >= 1
    ('lemke_howson_and_small_supports', False, True)
    >>> "may be incomplete" in str(caught[0].message)
    True
    """
    if not isinstance(game, NormalFormGame):
        convert = getattr(game, "to_normal_form", None)
        if convert is None:
            raise InvalidGameError(
                f"solve() needs a NormalFormGame (or a game with to_normal_form()), "
                f"got {type(game).__name__}"
            )
        game = convert()
    if exact and not game.is_exact:
        raise InvalidGameError(
            "exact=True needs exact payoffs (ints, Fractions or strings like '2/3'); "
            "this game has float payoffs"
        )
    if method != "auto":
        if method not in METHODS:
            raise InvalidGameError(
                f"unknown method {method!r}; choose from {sorted(METHODS)} or 'auto'"
            )
        result = METHODS[method](game, exact=exact, tol=tol, **options)
    else:
        name = auto_method(game)
        try:
            result = _run_auto(game, name, exact, tol, progress, dict(options))
        except SolverError:
            if name != "vertex_enumeration":
                raise
            # the float answer was unclear and the exact fallback too large: search instead
            name = "lemke_howson_and_small_supports"
            result = _run_auto(game, name, exact, tol, progress, dict(options))
        cut = name == "lemke_howson_and_small_supports" or (
            name == "pure"
            and game.num_players > 2
            and support_profile_count(game) > AUTO_SUPPORT_PROFILE_LIMIT
        )
        if cut or result.options.get("interrupted"):
            note = _auto_note(game, name, result)
            warnings.warn(note, RuntimeWarning, stacklevel=2)
            result = dataclasses.replace(
                result, complete=False, options={**dict(result.options), "auto": note}
            )
    if not result.exact and len(result) > 1:
        result = merge_near_duplicates(result)
    if result.degenerate:
        found = (
            f"the {len(result)} extreme equilibria are returned"
            if result.complete
            else f"{len(result)} equilibria found by {result.method} (not necessarily all)"
        )
        named = f"the game {game.title!r}" if game.title else "the game"
        warnings.warn(
            f"{named} is degenerate: equilibria may form continua; {found}",
            DegenerateGameWarning,
            stacklevel=2,
        )
    return result


#: Float equilibria whose probabilities all agree to within this are one equilibrium.
DUPLICATE_TOL = 1e-7


def merge_near_duplicates(
    result: EquilibriumResult, tol: float = DUPLICATE_TOL
) -> EquilibriumResult:
    """Report float equilibria that agree to within ``tol`` in every probability once.

    On games with near ties (payoffs further apart than the solver's tolerance, but only
    just) a float solver can return an exact vertex and, a few 1e-9 away, a profile that is
    an equilibrium within the tolerance; they are one equilibrium at any printed precision.
    The one with the smaller regret is kept, in the original order, and
    ``options["near_duplicates"]`` counts those dropped.

    Parameters
    ----------
    result : EquilibriumResult
        Float equilibria (exact results are returned unchanged).
    tol : float
        Largest difference in any probability between two profiles reported once.

    Returns
    -------
    EquilibriumResult

    Examples
    --------
    >>> import dataclasses
    >>> stag = NormalFormGame.from_matrices([[4.0, 0.0], [3.0, 3.0]], [[4.0, 3.0], [0.0, 3.0]])
    >>> found = solve(stag)
    >>> twice = dataclasses.replace(found, equilibria=found.equilibria + found.equilibria[:1])
    >>> len(twice), len(merge_near_duplicates(twice))
    (4, 3)
    >>> merge_near_duplicates(twice).options["near_duplicates"]
    1
    """
    if isinstance(tol, bool) or not isinstance(tol, (int, float)) or not tol >= 0:
        raise InvalidGameError(f"tol must be a number >= 0, got {tol!r}")
    if result.exact or len(result) < 2:
        return result
    vectors = np.array(
        [np.concatenate([np.asarray(s, dtype=np.float64) for s in eq.strategies]) for eq in result]
    )
    regrets = np.array([float(eq.max_regret()) for eq in result])
    kept: list[int] = []
    for k in np.argsort(regrets, kind="stable"):
        if all(np.abs(vectors[k] - vectors[j]).max() > tol for j in kept):
            kept.append(int(k))
    if len(kept) == len(result):
        return result
    kept.sort()
    return dataclasses.replace(
        result,
        equilibria=tuple(result.equilibria[k] for k in kept),
        options={**dict(result.options), "near_duplicates": len(result) - len(kept)},
    )


def _auto_note(game: NormalFormGame, name: str, result: EquilibriumResult) -> str:
    """Why an automatic result may be incomplete, in words."""
    shape = f"{game.num_players}-player {'x'.join(map(str, game.num_strategies))} game"
    if result.options.get("interrupted"):
        return (
            f"interrupted: the {len(result)} equilibria found by {name} before Ctrl-C; "
            "the list may be incomplete"
        )
    if name == "lemke_howson_and_small_supports":
        return (
            f"vertex enumeration of a {shape} may meet up to {vertex_bound(game):,} vertices "
            f"(method='auto''s budget is {AUTO_VERTEX_LIMIT:,}): these equilibria come from "
            "Lemke-Howson from every label and supports of up to "
            f"{result.options.get('max_support')} strategies; the list may be incomplete "
            "(method='vertex_enumeration' tries anyway)"
        )
    return (  # pure equilibria where the budget ruled out the others
        f"pure equilibria only: enumerating every mixed equilibrium of a {shape} "
        f"({support_profile_count(game)} support profiles) exceeds method='auto''s "
        f"budget of {AUTO_SUPPORT_PROFILE_LIMIT}; the list may be incomplete; "
        "method='polynomial_enumeration' tries anyway, method='logit' follows one"
    )


def iter_equilibria(
    game: NormalFormGame,
    method: str = "auto",
    *,
    exact: bool = False,
    tol: float = 1e-9,
    **options: Any,
) -> Iterator[Equilibrium]:
    """Generator variant of :func:`solve`: yield equilibria one at a time.

    Examples
    --------
    >>> from deterrence import NormalFormGame, iter_equilibria
    >>> pd = NormalFormGame.from_matrices([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> next(iter_equilibria(pd)).outcome
    '(s2, s2)'
    """
    yield from solve(game, method, exact=exact, tol=tol, **options)
