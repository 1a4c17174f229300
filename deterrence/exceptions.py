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
    """Base class of every error raised on purpose by :mod:`deterrence`."""


class InvalidGameError(DeterrenceError, ValueError):
    """A game (or model, or scenario file) was given malformed data.

    The message names what was received and what was expected, e.g.
    ``payoff for player 'coalition' has shape (2, 3); expected (2, 2)``.
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
    """A strategy profile does not fit the game (wrong length, negative, not summing to one)."""


class UnsupportedGameError(DeterrenceError, NotImplementedError):
    """A solver was asked for a game it cannot handle; the message names the right solver."""


class SolverError(DeterrenceError, RuntimeError):
    """A solver failed to reach an answer it can certify (e.g. numerical breakdown)."""


class MissingDependencyError(DeterrenceError, ImportError):
    """An optional dependency is not installed; the message names the extra to install."""


class DegenerateGameWarning(RuntimeWarning):
    """The game is degenerate: equilibria may form continua.

    Solvers that warn with it still return every extreme equilibrium (every vertex of every
    component of the equilibrium set).
    """


class CompilationWarning(UserWarning):
    """A numba kernel is being compiled: a one-off wait of seconds, cached on disk afterwards.

    Small problems never compile (they run on numpy); the compiled kernels take over once a
    computation has run long enough to repay the compile. Silence it with
    ``warnings.filterwarnings("ignore", category=deterrence.CompilationWarning)``.
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
    plural = kind + ("es" if kind.endswith(("s", "x", "sh", "ch")) else "s")
    if kind.endswith("y") and kind[-2:-1] not in "aeiou":
        plural = kind[:-1] + "ies"
    suggestions = [s for s in (did_you_mean(name, known) for name in unknown) if s is not None]
    hint = ""
    if suggestions:
        hint = " (did you mean " + ", ".join(repr(s) for s in dict.fromkeys(suggestions)) + "?)"
    listed = ", ".join(repr(name) for name in unknown)
    head = f"unknown {kind if len(unknown) == 1 else plural} {listed}"
    return f"{head}{hint}; {plural} are {known}"
