"""Exceptions and warnings raised by :mod:`deterrence`.

Every error the library raises on purpose derives from :class:`DeterrenceError`, so
``except DeterrenceError`` catches them all, and each also derives from the built-in
exception a Python user would expect (``ValueError`` for bad input,
``NotImplementedError`` for a game a solver cannot handle).
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable

from deterrence.text import plural

__all__ = [
    "did_you_mean",
    "unknown_names",
    "DeterrenceError",
    "InvalidGameError",
    "InvalidProfileError",
    "UnsupportedGameError",
    "SolverError",
    "DegenerateGameWarning",
    "CompilationWarning",
    "MissingDependencyError",
    "BudgetExceededError",
]


class DeterrenceError(Exception):
    """Base class of every error raised on purpose by :mod:`deterrence`.

    Each subclass also derives from the built-in exception a Python user would expect, so
    ``except DeterrenceError`` catches everything the library raises on purpose while
    ``except ValueError`` (say) still works.

    Examples
    --------
    >>> from deterrence import NormalFormGame
    >>> try:
    ...     NormalFormGame.from_matrices([[3, 0], [5, 1]], [[3, 5, 0], [0, 1, 2]])
    ... except DeterrenceError as error:
    ...     print(type(error).__name__)
    InvalidGameError
    """


class InvalidGameError(DeterrenceError, ValueError):
    """A game (or model, or scenario file) was given malformed data.

    The message names what was received and what was expected, e.g.
    ``payoff for player 'coalition' has shape (2, 3); expected (2, 2)``.

    Examples
    --------
    A column player's matrix of the wrong shape is refused when the game is built:

    >>> from deterrence import NormalFormGame
    >>> try:
    ...     NormalFormGame.from_matrices([[3, 0], [5, 1]], [[3, 5, 0], [0, 1, 2]])
    ... except InvalidGameError as error:
    ...     print(error)
    payoff for the column player has shape (2, 3); expected (2, 2)
    (the shape of the row player's matrix)
    >>> issubclass(InvalidGameError, ValueError)
    True
    """


class BudgetExceededError(InvalidGameError):
    """A grid or map would solve more points than its budget allows (refused before starting).

    ``points`` is the number to pass as ``max_points=`` (``--max-points`` on the command
    line) to run it anyway.

    Examples
    --------
    >>> error = BudgetExceededError("the grid has 10 points, more than the budget of 5", 10)
    >>> error.points, isinstance(error, InvalidGameError)
    (10, True)
    """

    def __init__(self, message: str, points: int) -> None:
        super().__init__(message)
        self.points = points


class InvalidProfileError(DeterrenceError, ValueError):
    """A strategy profile does not fit the game (wrong length, negative, not summing to one).

    Examples
    --------
    >>> from deterrence import NormalFormGame
    >>> from deterrence.solvers.verify import regret
    >>> game = NormalFormGame.from_matrices([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> try:
    ...     regret(game, ([0.5, 0.6], [1, 0]))
    ... except InvalidProfileError as error:
    ...     print(error)
    strategy of player 'player 1' sums to 1.1; probabilities must sum to 1
    """


class UnsupportedGameError(DeterrenceError, NotImplementedError):
    """A solver was asked for a game it cannot handle; the message names the right solver.

    Examples
    --------
    Lemke-Howson follows a path on two best-response polytopes, so it refuses a
    three-player game:

    >>> import numpy as np
    >>> from deterrence import NormalFormGame, solve
    >>> three = NormalFormGame.from_payoffs(np.ones((3, 2, 2, 2), dtype=int))
    >>> try:
    ...     solve(three, method="lemke_howson")
    ... except UnsupportedGameError as error:
    ...     print(error)
    Lemke-Howson needs a two-player game; this game has 3 players
    """


class SolverError(DeterrenceError, RuntimeError):
    """A solver failed to reach an answer it can certify (e.g. numerical breakdown).

    Examples
    --------
    Lemke-Howson given too small a pivot budget to finish any path:

    >>> import numpy as np
    >>> from deterrence import NormalFormGame
    >>> from deterrence.solvers.lemke_howson import solve_lemke_howson
    >>> rng = np.random.default_rng(0)
    >>> game = NormalFormGame.from_matrices(rng.random((6, 6)), rng.random((6, 6)))
    >>> try:
    ...     solve_lemke_howson(game, max_pivots=1)
    ... except SolverError as error:
    ...     print(error)
    Lemke-Howson: no path finished within 1 pivots from any label
    """


class MissingDependencyError(DeterrenceError, ImportError):
    """An optional dependency is not installed; the message names the extra to install.

    Raised when a feature needing an optional package (matplotlib, ipywidgets, dask,
    pyarrow, ...) is first used without it; being an :class:`ImportError`, it is caught
    by the usual ``except ImportError`` fallbacks.

    Examples
    --------
    >>> try:
    ...     raise MissingDependencyError(
    ...         "explore() needs ipywidgets: pip install 'deterrence[interactive]'"
    ...     )
    ... except ImportError as error:
    ...     print(error)
    explore() needs ipywidgets: pip install 'deterrence[interactive]'
    """


class DegenerateGameWarning(RuntimeWarning):
    """The game is degenerate: equilibria may form continua.

    Solvers that warn with it still return every extreme equilibrium (every vertex of every
    component of the equilibrium set).

    Examples
    --------
    The row player is indifferent whatever the column player does, so the equilibria form
    a segment; :func:`~deterrence.solve` returns its two ends and warns:

    >>> import warnings
    >>> from deterrence import NormalFormGame, solve
    >>> tie = NormalFormGame.from_matrices([[1, 1], [0, 0]], [[1, 1], [0, 0]], title="tie")
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     result = solve(tie)
    >>> caught[0].category is DegenerateGameWarning
    True
    >>> print(caught[0].message)
    the game 'tie' is degenerate: equilibria may form continua;
    the 2 extreme equilibria are returned
    """


class CompilationWarning(UserWarning):
    """A numba kernel is being compiled: a one-off wait of seconds, cached on disk afterwards.

    Small problems never compile (they run on numpy); the compiled kernels take over once a
    computation has run long enough to repay the compile. Silence it with
    ``warnings.filterwarnings("ignore", category=deterrence.CompilationWarning)``.

    Examples
    --------
    >>> import warnings
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     warnings.filterwarnings("ignore", category=CompilationWarning)
    ...     warnings.warn("compiling the Lemke-Howson kernel", CompilationWarning)
    >>> caught
    []
    >>> issubclass(CompilationWarning, UserWarning)
    True
    """


def did_you_mean(name: object, choices: Iterable[object]) -> str | None:
    """The choice closest to a misspelt ``name``, or ``None`` when nothing is close.

    Compares case-insensitively after Unicode NFKC normalisation (so ``ｃｏｓｔ`` and ``COST``
    suggest ``cost``), with ``difflib.get_close_matches`` (ratio at least 0.6); failing
    that, an abbreviation of at least three letters suggests the one name it begins.

    Parameters
    ----------
    name : object
        The name that was not found (converted with :class:`str`).
    choices : iterable
        The names that exist.

    Returns
    -------
    str or None
        The closest existing name, as spelled in ``choices``.

    Examples
    --------
    >>> did_you_mean("credibilty", ["gain", "cost", "credibility"])
    'credibility'
    >>> did_you_mean("denail", ["denial", "punishment"])
    'denial'
    >>> did_you_mean("cred", ["credibility", "cost"])
    'credibility'
    >>> did_you_mean("zzz", ["gain", "cost"]) is None
    True
    """
    options = [str(choice) for choice in choices]
    folded = {unicodedata.normalize("NFKC", option).casefold(): option for option in options}
    key = unicodedata.normalize("NFKC", str(name)).casefold()
    if key in folded:
        return folded[key]
    match = difflib.get_close_matches(key, list(folded), n=1, cutoff=0.6)
    if match:
        return folded[match[0]]
    prefixed = [option for option in folded if len(key) >= 3 and option.startswith(key)]
    return folded[prefixed[0]] if len(prefixed) == 1 else None


def unknown_names(kind: str, unknown: Iterable[object], known: Iterable[object]) -> str:
    """An error message for names that do not exist, with a "did you mean" for each.

    Parameters
    ----------
    kind : str
        What the names are, singular (``"parameter"``, ``"model"``, ``"strategy"``).
    unknown : iterable
        The names that were not found.
    known : iterable
        The names that exist, listed in the message in their given order.

    Returns
    -------
    str
        ``unknown parameter 'credibilty' (did you mean 'credibility'?); parameters are
        ['gain', 'credibility']``; several unknown names are listed together.

    Examples
    --------
    >>> print(unknown_names("model", ["denail"], ["denial", "trust"]))
    unknown model 'denail' (did you mean 'denial'?); models are ['denial', 'trust']
    >>> print(unknown_names("parameter", ["x", "cots"], ["gain", "cost"]))
    unknown parameters 'x', 'cots' (did you mean 'cost'?); parameters are ['gain', 'cost']
    """
    unknown = [str(name) for name in unknown]
    known = [str(name) for name in known]
    kinds = plural(kind)
    suggestions = [s for s in (did_you_mean(name, known) for name in unknown) if s is not None]
    hint = ""
    if suggestions:
        hint = " (did you mean " + ", ".join(repr(s) for s in dict.fromkeys(suggestions)) + "?)"
    listed = ", ".join(repr(name) for name in unknown)
    head = f"unknown {kind if len(unknown) == 1 else kinds} {listed}"
    return f"{head}{hint}; {kinds} are {known}"
