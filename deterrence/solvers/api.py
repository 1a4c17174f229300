"""The front door: ``solve`` and ``iter_equilibria`` dispatch to one algorithm module each."""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterator
from typing import Any

from deterrence.exceptions import DegenerateGameWarning, InvalidGameError, UnsupportedGameError
from deterrence.games.normal_form import NormalFormGame
from deterrence.solvers.lemke_howson import solve_lemke_howson
from deterrence.solvers.nashpy_backend import solve_nashpy
from deterrence.solvers.polynomial_enumeration import solve_polynomial_enumeration
from deterrence.solvers.pure import solve_pure
from deterrence.solvers.qre import solve_logit
from deterrence.solvers.result import Equilibrium, EquilibriumResult
from deterrence.solvers.support_enumeration import solve_support_enumeration
from deterrence.solvers.vertex_enumeration import solve_vertex_enumeration

__all__ = ["solve", "iter_equilibria", "METHODS"]

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


#: Largest number of support profiles, prod(2**m_i - 1), that ``auto`` enumerates for games
#: with more than two players (a 3x3x3 game has 343; 4x4x4 has 3,375 and takes ~15 s).
AUTO_SUPPORT_PROFILE_LIMIT = 1000


def _auto_method(game: NormalFormGame) -> str:
    if game.num_players == 2:
        return "vertex_enumeration"
    if min(game.num_strategies) == 1 and sum(k > 1 for k in game.num_strategies) <= 1:
        return "pure"
    profiles = 1
    for k in game.num_strategies:
        profiles *= 2**k - 1
    if profiles <= AUTO_SUPPORT_PROFILE_LIMIT:
        return "polynomial_enumeration"
    shape = "x".join(map(str, game.num_strategies))
    raise UnsupportedGameError(
        f"method='auto' will not enumerate all mixed equilibria of a {game.num_players}-player "
        f"{shape} game ({profiles} support profiles, more than {AUTO_SUPPORT_PROFILE_LIMIT}); "
        "choose method='polynomial_enumeration' (all equilibria, slow), method='logit' (one "
        "equilibrium by path following) or method='pure' (all pure equilibria); anonymous "
        "games have their own solvers in deterrence.solvers.anonymous"
    )


def solve(game: NormalFormGame, method: str = "auto", *, exact: bool = False,
          tol: float = 1e-9, **options: Any) -> EquilibriumResult:
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
        (all equilibria) on small games and otherwise raises :class:`UnsupportedGameError`
        naming ``"logit"`` (one equilibrium by path following) and ``"pure"``.
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
    name = _auto_method(game) if method == "auto" else method
    if name not in METHODS:
        raise InvalidGameError(
            f"unknown method {method!r}; choose from {sorted(METHODS)} or 'auto'")
    result = METHODS[name](game, exact=exact, tol=tol, **options)
    if result.degenerate:
        found = (f"the {len(result)} extreme equilibria are returned" if result.complete else
                 f"{len(result)} equilibria found by {result.method} (not necessarily all)")
        named = f"the game {game.title!r}" if game.title else "the game"
        warnings.warn(
            f"{named} is degenerate: equilibria may form continua; {found}",
            DegenerateGameWarning,
            stacklevel=2,
        )
    return result


def iter_equilibria(game: NormalFormGame, method: str = "auto", *, exact: bool = False,
                    tol: float = 1e-9, **options: Any) -> Iterator[Equilibrium]:
    """Generator variant of :func:`solve`: yield equilibria one at a time.

    Examples
    --------
    >>> from deterrence import NormalFormGame, iter_equilibria
    >>> pd = NormalFormGame.from_matrices([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> next(iter_equilibria(pd)).outcome
    '(s2, s2)'
    """
    yield from solve(game, method, exact=exact, tol=tol, **options)
