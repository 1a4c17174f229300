r"""The front door: ``solve`` and ``iter_equilibria`` dispatch to one algorithm module each.

What ``method="auto"`` means
----------------------------
One rule, used by :func:`solve`, by the analysis layer (thresholds, regime maps, sweeps,
tracking: each point of a map is a solve) and by the ``deterrence`` command
(:func:`auto_method`): **every equilibrium, by the fastest complete method, when that method
fits the work budget; otherwise the pure equilibria, marked incomplete.**

* Two players: every extreme equilibrium (vertex enumeration; complete, also on degenerate
  games).
* More players: every equilibrium by polynomial enumeration when the number of support
  profiles, :math:`\prod_i (2^{m_i} - 1)`, times the number of games solved is at most
  :data:`AUTO_SUPPORT_PROFILE_LIMIT`; otherwise the pure equilibria, with
  ``complete=False`` and a note (a ``RuntimeWarning`` from :func:`solve`; ``method="pure"``
  and "pure equilibria only" on maps, tables and reports). The analysis layer counts a map
  as :data:`AUTO_POINTS_PER_MAP` solves, so it uses pure equilibria for every strategic form
  with more than two players. Ask for ``method="polynomial_enumeration"`` (all equilibria,
  slow) or ``"logit"`` (one, by path following) to go further.
* Other solution concepts keep their own complete methods under ``"auto"`` (backward
  induction for subgame-perfect equilibria, count and symmetric equilibria for anonymous
  games; see :mod:`deterrence.analysis.concepts`).
"""

from __future__ import annotations

import dataclasses
import warnings
from collections.abc import Callable, Iterator
from typing import Any

from deterrence.exceptions import DegenerateGameWarning, InvalidGameError
from deterrence.games.normal_form import NormalFormGame
from deterrence.solvers.lemke_howson import solve_lemke_howson
from deterrence.solvers.nashpy_backend import solve_nashpy
from deterrence.solvers.polynomial_enumeration import solve_polynomial_enumeration
from deterrence.solvers.pure import solve_pure
from deterrence.solvers.qre import solve_logit
from deterrence.solvers.result import Equilibrium, EquilibriumResult
from deterrence.solvers.support_enumeration import solve_support_enumeration
from deterrence.solvers.vertex_enumeration import solve_vertex_enumeration

__all__ = [
    "solve",
    "iter_equilibria",
    "METHODS",
    "auto_method",
    "support_profile_count",
    "AUTO_SUPPORT_PROFILE_LIMIT",
    "AUTO_POINTS_PER_MAP",
]

#: Registered methods: name -> solver function ``f(game, *, exact, tol, **options)``.
METHODS: dict[str, Callable[..., EquilibriumResult]] = {
    "pure": solve_pure,
    "vertex_enumeration": solve_vertex_enumeration,
    "support_enumeration": solve_support_enumeration,
    "lemke_howson": solve_lemke_howson,
    "nashpy": solve_nashpy,
    "polynomial_enumeration": solve_polynomial_enumeration,
    "logit": solve_logit,
}


#: Work budget of ``method="auto"``: support profiles, prod(2**m_i - 1), enumerated over all
#: the games solved (a 3x3x3 game has 343; 4x4x4 has 3,375 and takes ~15 s).
AUTO_SUPPORT_PROFILE_LIMIT = 1000

#: How many solves the analysis layer counts one map, sweep or threshold search as.
AUTO_POINTS_PER_MAP = 100


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


def auto_method(game: Any, *, points: int = 1) -> str:
    """What ``method="auto"`` means for ``game`` (see the module docstring).

    Parameters
    ----------
    game : NormalFormGame
        Any game with ``num_players`` and ``num_strategies`` (a parametric game too).
    points : int, default 1
        How many games of this shape will be solved (the analysis layer passes
        :data:`AUTO_POINTS_PER_MAP`).

    Returns
    -------
    str
        ``"vertex_enumeration"`` (two players), ``"polynomial_enumeration"`` or ``"pure"``.

    Examples
    --------
    >>> trio = NormalFormGame.from_payoffs([[[[0, 0], [0, 0]]] * 2] * 3)
    >>> auto_method(trio), auto_method(trio, points=AUTO_POINTS_PER_MAP)
    ('polynomial_enumeration', 'pure')
    """
    if game.num_players == 2:
        return "vertex_enumeration"
    if min(game.num_strategies) == 1 and sum(k > 1 for k in game.num_strategies) <= 1:
        return "pure"
    if support_profile_count(game) * max(1, int(points)) <= AUTO_SUPPORT_PROFILE_LIMIT:
        return "polynomial_enumeration"
    return "pure"


def solve(
    game: NormalFormGame,
    method: str = "auto",
    *,
    exact: bool = False,
    tol: float = 1e-9,
    **options: Any,
) -> EquilibriumResult:
    """Compute Nash equilibria of a normal-form game.

    Parameters
    ----------
    game : NormalFormGame
    method : str, default "auto"
        One of :data:`METHODS`. ``"auto"`` returns all extreme equilibria of two-player games
        (``"vertex_enumeration"``). Two-player methods: ``"vertex_enumeration"`` and
        ``"support_enumeration"`` (every extreme equilibrium, also of degenerate games),
        ``"lemke_howson"`` (one equilibrium; option ``initial_label``, or ``"all"``) and
        ``"nashpy"`` (delegates to nashpy, for comparison); ``"pure"`` for any number of
        players. For more than two players ``"auto"`` uses ``"polynomial_enumeration"``
        (all equilibria) on small games and otherwise the pure equilibria, marked
        ``complete=False`` with a ``RuntimeWarning`` naming ``"polynomial_enumeration"`` and
        ``"logit"`` (the one rule of :func:`auto_method`, shared with the analysis layer
        and the command line).
    exact : bool, default False
        Solve in exact rational arithmetic (exact games only): ``Fraction`` equilibria whose
        regret is exactly zero.
    tol : float
        Numerical tolerance of float solvers.
    **options
        Passed to the method.

    Returns
    -------
    EquilibriumResult

    Raises
    ------
    InvalidGameError
        If ``game`` is not a game or ``method`` is unknown.
    UnsupportedGameError
        If the method cannot handle the game (the message names one that can).

    Warns
    -----
    DegenerateGameWarning
        When a two-player game is degenerate (every extreme equilibrium is still returned).

    Examples
    --------
    >>> from deterrence import NormalFormGame, solve
    >>> stag = NormalFormGame.from_matrices([[4, 0], [3, 3]], [[4, 3], [0, 3]])
    >>> [eq.outcome for eq in solve(stag, exact=True)]
    ['(s1, s1)', '(3/4*s1 + 1/4*s2, 3/4*s1 + 1/4*s2)', '(s2, s2)']
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
    name = auto_method(game) if method == "auto" else method
    if name not in METHODS:
        raise InvalidGameError(
            f"unknown method {method!r}; choose from {sorted(METHODS)} or 'auto'"
        )
    result = METHODS[name](game, exact=exact, tol=tol, **options)
    if (
        method == "auto"
        and name == "pure"
        and game.num_players > 2
        and support_profile_count(game) > AUTO_SUPPORT_PROFILE_LIMIT
    ):
        shape = "x".join(map(str, game.num_strategies))
        note = (
            f"pure equilibria only: enumerating every mixed equilibrium of a "
            f"{game.num_players}-player {shape} game ({support_profile_count(game)} support "
            f"profiles) exceeds method='auto''s budget of {AUTO_SUPPORT_PROFILE_LIMIT}; "
            "method='polynomial_enumeration' tries anyway, method='logit' follows one"
        )
        warnings.warn(note, RuntimeWarning, stacklevel=2)
        result = dataclasses.replace(
            result, complete=False, options={**dict(result.options), "auto": note}
        )
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
