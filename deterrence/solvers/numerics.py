r"""Answers that do not depend on units: tolerances, payoff scale and exact certification.

Nash equilibria do not change when a player's payoffs go through a positive affine map
:math:`u_i \mapsto a_i u_i + b_i` (:math:`a_i > 0`). The solvers therefore work on the
*normalised* game, in which every player's payoffs start at 0 and span at most 1 (exactly
``[0, 1]`` for exact games, a power-of-two scaling with span in ``[1/2, 1)`` for float games,
so that integer payoffs stay exact; a player whose payoffs are all equal gets zeros), and
every tolerance is **relative to each player's payoff range**: ``tol=1e-9`` accepts a
regret of about ``1e-9 * (max u_i - min u_i)``. A prisoner's dilemma in cents, in dollars or
times ``1e155`` has the same equilibria.

Exact games (integers, ``Fraction``, decimal strings) are normalised exactly. In float mode
their answers are also *certified exactly* when that is cheap:

* when two payoffs of one player differ by less than :data:`HARD_GAP` of the player's
  range (``[[1/1000, 0], [-10**6, -1/1000]]``, ``2**53 + 1`` against ``2**53``), floats
  cannot tell them apart, so the game is solved in rational arithmetic and the answer
  rounded to floats;
* otherwise every float equilibrium's regret is decided exactly (the float probabilities
  are exact binary fractions): by a float computation with a rigorous rounding-error bound
  (:func:`~deterrence.solvers.verify.regrets_at_most`), in rational arithmetic only when
  the bound leaves it open; one above :data:`ROUNDING_REGRET` of the range sends the game
  to the exact solver as well.

:func:`scale_free` applies all of this to a solver function; the two-player enumerators,
Lemke-Howson, pure and polynomial enumeration use it. :func:`check_tol` is the one place
where tolerances are validated.
"""

from __future__ import annotations

import functools
import math
import numbers
import warnings
from collections.abc import Callable
from fractions import Fraction
from typing import Any

import numpy as np

from deterrence.exceptions import InvalidGameError, SolverError
from deterrence.games.normal_form import NormalFormGame
from deterrence.solvers.result import Equilibrium, EquilibriumResult
from deterrence.solvers.verify import regret_at_most, regrets_at_most

__all__ = [
    "HARD_GAP",
    "ROUNDING_REGRET",
    "EXACT_CHECK_LIMIT",
    "check_tol",
    "normalised_game",
    "relative_gap",
    "scale_free",
    "unit_range",
    "merge_near_ties",
    "UncertifiedWarning",
]

#: Payoff gaps (relative to the player's range) below which float mode solves exact games
#: exactly: beyond about 1e-7 a float solver's tolerance and rounding can no longer
#: separate distinct payoffs.
HARD_GAP = 1e-6
#: Relative regret that rounding a correct equilibrium's probabilities to floats can cause.
ROUNDING_REGRET = 1e-12
#: Largest ``payoff entries x equilibria`` for which float answers on exact games are
#: certified in rational arithmetic (about 0.1 s) when the float bound of
#: :func:`~deterrence.solvers.verify.regret_at_most` leaves the case open.
EXACT_CHECK_LIMIT = 200_000


class UncertifiedWarning(RuntimeWarning):
    """A solver's answer could only be checked within its tolerance, not certified.

    Raised in float mode when float candidates within ``tol`` fail the exact check and are
    dropped, or when an enumerator certified no equilibrium and a globally convergent
    fallback's answer is returned instead (the set is then not complete). A certified
    answer records how in ``result.options["certified"]``.

    Examples
    --------
    Insist on certified answers by turning the warning into an error:

    >>> import warnings
    >>> from deterrence import NormalFormGame, solve
    >>> stag = NormalFormGame.from_matrices([[4, 0], [3, 3]], [[4, 3], [0, 3]])
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("error", UncertifiedWarning)
    ...     result = solve(stag)
    >>> len(result), result.options["certified"]
    (3, 'exact')
    """


def check_tol(tol: Any, *, name: str = "tol") -> float:
    """Validate a relative tolerance: a finite real number with ``0 <= tol < 1``.

    Raises
    ------
    InvalidGameError
        For a negative, NaN, infinite, non-numeric or too large tolerance.

    Examples
    --------
    >>> check_tol(1e-9)
    1e-09
    >>> check_tol(-1)
    Traceback (most recent call last):
    ...
    deterrence.exceptions.InvalidGameError: tol must be a number with 0 <= tol < 1 ...got -1
    """
    if type(tol) is float and 0 <= tol < 1:
        return tol  # the common case, without the ABC checks
    if isinstance(tol, bool) or not isinstance(tol, (numbers.Real, np.floating)):
        ok = False
    else:
        try:
            value = float(tol)
            ok = math.isfinite(value) and 0 <= value < 1
        except (TypeError, ValueError, OverflowError):
            ok = False
    if not ok:
        raise InvalidGameError(
            f"{name} must be a number with 0 <= {name} < 1 (relative to each player's "
            f"payoff range), got {tol!r}"
        )
    return value


# ---------------------------------------------------------------------- normalisation
def unit_range(values: np.ndarray, axes: tuple[int, ...] | None = None) -> np.ndarray:
    """Shift float payoffs to minimum 0 and scale them by a power of two to a range in
    ``[1/2, 1)``, over ``axes``.

    One game per remaining index (``axes=None``: the whole array is one player's payoffs);
    a constant slice maps to zeros. Powers of two scale exactly, so integer and other
    dyadic payoffs stay exact (probabilities computed from them stay correctly rounded),
    no difference overflows, and a tolerance on the result is relative to the payoff
    range (within a factor of two). The same elementwise operations serve one game
    (:func:`normalised_game`) and a batch (the sweep's fast path), so both see bit-identical
    payoffs.

    Examples
    --------
    >>> unit_range(np.array([[3e155, 0.0], [5e155, 1e155]])).tolist()
    [[0.3, 0.0], [0.5, 0.1]]
    >>> unit_range(np.array([[[1.0, 7.0]], [[3.0, 7.0]]]), axes=(0, 1)).tolist()
    [[[0.0, 0.0]], [[0.5, 0.0]]]
    """
    values = np.asarray(values, dtype=np.float64)
    axes = tuple(range(values.ndim)) if axes is None else axes
    # frexp(0) has exponent 0, so an all-zero (or constant) slice stays zero; the scaled
    # values lie in (-1, 1), so the shift cannot overflow
    top = np.abs(values).max(axis=axes, keepdims=True)
    scaled = np.ldexp(values, -np.frexp(top)[1])
    shifted = scaled - scaled.min(axis=axes, keepdims=True)
    return np.ldexp(shifted, -np.frexp(shifted.max(axis=axes, keepdims=True))[1])


def merge_near_ties(
    values: np.ndarray, tol: float, axes: tuple[int, ...] | None = None
) -> np.ndarray:
    """Treat payoffs within ``tol`` of each other as equal (values already on ``[0, 1]``).

    Over ``axes`` (one game per remaining index; ``None``: the whole array), the sorted
    values are cut into runs whose consecutive gaps are at most ``tol``, and every value
    takes its run's smallest value. Values further apart are untouched (full precision).
    Float solvers and the sweep's fast path apply it identically, so a near tie is an
    exact tie for both.

    Examples
    --------
    >>> merge_near_ties(np.array([0.0, 5e-10, 0.5, 1.0]), 1e-9).tolist()
    [0.0, 0.0, 0.5, 1.0]
    """
    values = np.asarray(values, dtype=np.float64)
    if tol <= 0 or values.size == 0:
        return values
    axes = tuple(range(values.ndim)) if axes is None else axes
    rest = [k for k in range(values.ndim) if k not in axes]
    moved = np.transpose(values, list(axes) + rest)
    flat = moved.reshape(int(np.prod([values.shape[k] for k in axes])), -1)
    gaps = np.diff(np.sort(flat, axis=0), axis=0)
    if not ((gaps > 0) & (gaps <= tol)).any():
        return values  # no near ties: nothing to merge
    order = np.argsort(flat, axis=0, kind="stable")
    ordered = np.take_along_axis(flat, order, axis=0)
    starts = np.ones(ordered.shape, dtype=bool)
    starts[1:] = gaps > tol
    position = np.where(starts, np.arange(len(ordered))[:, None], 0)
    first = np.maximum.accumulate(position, axis=0)
    merged = np.empty_like(flat)
    np.put_along_axis(merged, order, np.take_along_axis(ordered, first, axis=0), axis=0)
    return np.transpose(merged.reshape(moved.shape), np.argsort(list(axes) + rest))


def normalised_game(game: NormalFormGame, tol: float = 0.0) -> NormalFormGame:
    """The game with each player's payoffs mapped onto ``[0, 1]`` (same equilibria).

    Exact games are mapped exactly, from their
    :attr:`~deterrence.games.NormalFormGame.integer_payoffs` (one ``Fraction`` per distinct
    value); float games are first scaled by a power of two (exact), so payoffs up to
    ``1.7e308`` and down to subnormals cause no overflow, and then payoffs of one player
    within ``tol`` of each other are made equal (:func:`merge_near_ties`).

    Examples
    --------
    >>> pd = NormalFormGame.from_matrices([[3e155, 0], [5e155, 1e155]], [[3, 5], [0, 1]])
    >>> normalised_game(pd).payoffs[0].tolist()
    [[0.3, 0.0], [0.5, 0.1]]
    >>> normalised_game(NormalFormGame.from_matrices([[10**400, 0]], [[1, 1]])).payoffs.tolist()
    [[[Fraction(1, 1), Fraction(0, 1)]], [[Fraction(0, 1), Fraction(0, 1)]]]
    """
    players = tuple(range(1, game.payoffs.ndim))
    if not game.is_exact:
        return game.replace(
            payoffs=merge_near_ties(unit_range(game.payoffs, players), tol, players)
        )
    numerators, _ = game.integer_payoffs
    if max(abs(int(numerators.max())), abs(int(numerators.min()))) < 2**61:
        numerators = numerators.astype(np.int64)  # exact, and far faster than Python ints
    low = numerators.min(axis=players, keepdims=True)
    shifted = numerators - low
    spans = [int(span) or 1 for span in shifted.max(axis=players).reshape(-1)]
    return game.with_integer_payoffs(shifted, spans)


def relative_gap(game: NormalFormGame) -> float:
    """Smallest nonzero difference between two payoffs of one player, relative to its range.

    ``1.0`` when no player has two distinct payoffs besides its extremes.

    Examples
    --------
    >>> game = NormalFormGame.from_matrices([["1/1000", 0], [-10**6, "-1/1000"]],
    ...                                     [[2, 2], [1000, 1000]])
    >>> relative_gap(game) < 1e-9
    True
    """
    gap = 1.0
    for i in range(game.num_players):
        if game.is_exact:
            integers = game.integer_payoffs[0][i]
            if max(abs(int(integers.max())), abs(int(integers.min()))) < 2**61:
                integers = integers.astype(np.int64)  # sorts far faster than Python ints
            exact = np.unique(integers.reshape(-1))
            if len(exact) > 2:
                smallest = min(exact[1:] - exact[:-1])
                gap = min(gap, float(Fraction(int(smallest), int(exact[-1] - exact[0]))))
        else:
            values = np.unique(game.payoffs[i])
            if len(values) > 2:
                span = float(values[-1]) - float(values[0])
                if span > 0 and math.isfinite(span):
                    gap = min(gap, float(np.min(np.diff(values))) / span)
    return gap


# ---------------------------------------------------------------------- results
def _floats(strategies: Any) -> list[np.ndarray]:
    return [np.array([float(p) for p in s], dtype=np.float64) for s in strategies]


def _bind(game: NormalFormGame, strategies: Any) -> Equilibrium:
    """An equilibrium of ``game`` with probability vectors already validated by a solver."""
    from deterrence.games._numbers import readonly

    equilibrium = object.__new__(Equilibrium)
    object.__setattr__(equilibrium, "game", game)
    object.__setattr__(
        equilibrium, "strategies", tuple(readonly(np.asarray(s)) for s in strategies)
    )
    return equilibrium


def _rebind(
    result: EquilibriumResult, game: NormalFormGame, *, to_float: bool = False, **changes: Any
) -> EquilibriumResult:
    equilibria = [
        _bind(game, _floats(eq.strategies) if to_float else eq.strategies) for eq in result
    ]
    options = {**result.options, **changes.pop("options", {})}
    fields = {
        "method": result.method,
        "exact": result.exact and not to_float,
        "degenerate": result.degenerate,
        "complete": result.complete,
        **changes,
    }
    # solvers return canonical order, and the order's key (float probabilities) is unchanged
    return EquilibriumResult(game, tuple(equilibria), options=options, **fields)


def _certified(scaled: NormalFormGame, result: EquilibriumResult) -> bool | None:
    """Whether every float equilibrium is exactly an equilibrium up to rounding (None: a
    case the float error bound leaves open is too costly to check in rational arithmetic)."""
    entries = int(np.prod(scaled.payoffs.shape))
    affordable = entries * max(1, len(result)) <= EXACT_CHECK_LIMIT
    answers = regrets_at_most(
        scaled, [eq.strategies for eq in result], ROUNDING_REGRET, exact_fallback=affordable
    )
    if False in answers:
        return False
    return None if None in answers else True


# ---------------------------------------------------------------------- the decorator
def scale_free(
    *, certify: str, never_empty: bool = True
) -> Callable[[Callable[..., EquilibriumResult]], Callable[..., EquilibriumResult]]:
    """Make a solver ``f(game, *, exact, tol, **options)`` independent of payoff units.

    The wrapped solver validates ``tol``, solves the :func:`normalised_game` and returns
    equilibria of the original game. ``certify`` says how float answers on exact games are
    made exact: ``"resolve"`` (solve exactly when :func:`relative_gap` is below
    :data:`HARD_GAP` or a float equilibrium fails its exact check), ``"exact"`` (always
    compare exactly: pure equilibria) or ``"filter"`` (drop float candidates whose exact
    regret is above rounding, for solvers whose exact mode is not exhaustive).
    ``never_empty``: an empty answer is retried exactly and otherwise raises
    :class:`~deterrence.exceptions.SolverError` (a finite game has an equilibrium).

    Examples
    --------
    >>> from deterrence.solvers.pure import solve_pure
    >>> pd = NormalFormGame.from_matrices([[3e155, 0], [5e155, 1e155]],
    ...                                   [[3e155, 5e155], [0, 1e155]])
    >>> [eq.outcome for eq in solve_pure(pd)]
    ['(s2, s2)']
    """
    if certify not in ("resolve", "exact", "filter"):
        raise ValueError(f"unknown certify={certify!r}")

    def decorate(solver: Callable[..., EquilibriumResult]) -> Callable[..., EquilibriumResult]:
        @functools.wraps(solver)
        def wrapper(
            game: NormalFormGame, *, exact: bool = False, tol: float = 1e-9, **options: Any
        ) -> EquilibriumResult:
            tol = check_tol(tol)
            if not isinstance(game, NormalFormGame):
                return solver(game, exact=exact, tol=tol, **options)
            scaled = _normalised_once(game, tol)
            if exact or not game.is_exact:
                result = solver(scaled, exact=exact, tol=tol, **options)
                result = _rebind(result, game)
            else:
                result = _float_on_exact(solver, certify, game, scaled, tol, options)
            if never_empty and not len(result):
                if game.is_exact and not exact and certify != "filter":
                    result = _rebind(
                        solver(scaled, exact=True, tol=tol, **options), game, to_float=True
                    )
                if not len(result):
                    result = _fallback(game, scaled, result, tol)
            return result

        return wrapper

    return decorate


def _normalised_once(game: NormalFormGame, tol: float) -> NormalFormGame:
    """:func:`normalised_game`, computed once per game and ``tol`` (games are immutable:
    repeated solves of one game, e.g. Lemke-Howson from several labels, skip the rebuild)."""
    cache = game.__dict__.setdefault("_normalised_games", {})
    scaled = cache.get(tol)
    if scaled is None:
        scaled = cache[tol] = normalised_game(game, tol)
    return scaled


def _gap_once(scaled: NormalFormGame) -> float:
    """:func:`relative_gap` of a normalised game, computed once per game."""
    gap = scaled.__dict__.get("_relative_gap")
    if gap is None:
        gap = scaled.__dict__["_relative_gap"] = relative_gap(scaled)
    return gap


def _float_on_exact(
    solver: Callable[..., EquilibriumResult],
    certify: str,
    game: NormalFormGame,
    scaled: NormalFormGame,
    tol: float,
    options: dict[str, Any],
) -> EquilibriumResult:
    """Float mode on an exact game: a float answer certified exactly (see module docs)."""
    if certify == "exact" or (certify == "resolve" and _gap_once(scaled) < HARD_GAP):
        result = solver(scaled, exact=True, tol=tol, **options)
        return _rebind(result, game, to_float=True, options={"certified": "exact"})
    try:
        result = solver(scaled, exact=False, tol=tol, **options)
    except SolverError:  # e.g. tol=0 cannot absorb rounding: decide exactly instead
        if certify != "resolve":
            raise
        result = solver(scaled, exact=True, tol=tol, **options)
        return _rebind(result, game, to_float=True, options={"certified": "exact"})
    verdict = _certified(scaled, result)
    if verdict is None:
        return _rebind(result, game, options={"certified": "tolerance"})
    if verdict:
        return _rebind(result, game, options={"certified": "exact"})
    if certify == "resolve":
        result = solver(scaled, exact=True, tol=tol, **options)
        return _rebind(result, game, to_float=True, options={"certified": "exact"})
    kept = [eq for eq in result if regret_at_most(scaled, eq.strategies, ROUNDING_REGRET)]
    dropped = len(result) - len(kept)
    warnings.warn(
        f"{result.method}: {dropped} float candidate(s) within tol are not equilibria in exact "
        "arithmetic and were dropped",
        UncertifiedWarning,
        stacklevel=3,
    )
    trimmed = EquilibriumResult(
        scaled,
        tuple(kept),
        method=result.method,
        exact=False,
        degenerate=result.degenerate,
        complete=False,
        options=result.options,
    )
    return _rebind(trimmed, game, options={"certified": "exact"})


#: The globally convergent solvers used after an empty answer, by kind ("two_players":
#: Lemke-Howson, "many_players": logit tracing). They are themselves wrapped by
#: :func:`scale_free`, so this module cannot import them: each registers itself with
#: :func:`register_fallback` when its module is imported, and :func:`fallback_solver` imports
#: the module that provides a kind the first time it is needed (a plugin registry, which keeps
#: the import graph free of cycles).
FALLBACK_MODULES = {
    "two_players": "deterrence.solvers.lemke_howson",
    "many_players": "deterrence.solvers.qre",
}
_FALLBACKS: dict[str, Callable[..., EquilibriumResult]] = {}


def register_fallback(kind: str, solver: Callable[..., EquilibriumResult]) -> None:
    """Register ``solver`` as the fallback of ``kind`` (see :data:`FALLBACK_MODULES`).

    Examples
    --------
    >>> fallback_solver("two_players").__name__
    'solve_lemke_howson'
    """
    if kind not in FALLBACK_MODULES:
        raise InvalidGameError(
            f"unknown fallback kind {kind!r}; kinds are {sorted(FALLBACK_MODULES)}"
        )
    _FALLBACKS[kind] = solver


def fallback_solver(kind: str) -> Callable[..., EquilibriumResult]:
    """The registered fallback solver of ``kind``, importing its module on first use."""
    if kind not in _FALLBACKS:
        import importlib

        importlib.import_module(FALLBACK_MODULES[kind])
    return _FALLBACKS[kind]


def _fallback(
    game: NormalFormGame, scaled: NormalFormGame, empty: EquilibriumResult, tol: float
) -> EquilibriumResult:
    """One equilibrium from a globally convergent method after an empty answer.

    Every finite game has an equilibrium, so an empty answer means the method could not
    certify any (degenerate games whose equilibria form continua, for polynomial
    enumeration). Lemke-Howson (two players) or logit tracing with Newton polishing (any
    number) finds one; it is returned if its regret is within ``tol`` of the payoff range,
    with a warning saying the set is not complete; otherwise :class:`SolverError`.
    """
    shape = "x".join(map(str, game.num_strategies))
    found: EquilibriumResult | None = None
    try:
        if game.num_players == 2:
            solve_lemke_howson = fallback_solver("two_players")
            found = solve_lemke_howson(scaled, tol=max(tol, 1e-12), initial_label="all")
        else:
            solve_logit = fallback_solver("many_players")
            for precision in (1e4, 1e7):
                found = solve_logit(scaled, tol=tol, max_lambda=precision)
                if float(found.max_regret()) <= tol:
                    break
    except SolverError:
        found = None
    regret = float(found.max_regret()) if found is not None and len(found) else math.inf
    if found is None or regret > tol:
        raise SolverError(
            f"{empty.method} found no equilibrium of this {shape} game and the "
            f"{'Lemke-Howson' if game.num_players == 2 else 'logit-tracing'} fallback "
            f"reached none within tol={tol:g} (best relative regret {regret:.3g}); every "
            "finite game has one: try exact=True on exact games, or another method"
        )
    warnings.warn(
        f"{empty.method} certified no equilibrium of this {shape} game (degenerate: its "
        f"equilibria may form continua); returning {len(found)} found by {found.method} "
        f"(relative regret {regret:.3g} <= tol={tol:g}); the set is not complete",
        UncertifiedWarning,
        stacklevel=3,
    )
    return _rebind(
        found,
        game,
        method=empty.method,
        complete=False,
        degenerate=True,
        options={**empty.options, "fallback": found.method},
    )
