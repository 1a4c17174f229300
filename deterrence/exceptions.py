"""Exceptions and warnings raised by :mod:`deterrence`.

Every error the library raises on purpose derives from :class:`DeterrenceError`, so
``except DeterrenceError`` catches them all, and each also derives from the built-in
exception a Python user would expect (``ValueError`` for bad input,
``NotImplementedError`` for a game a solver cannot handle).
"""

from __future__ import annotations

__all__ = [
    "DeterrenceError",
    "InvalidGameError",
    "InvalidProfileError",
    "UnsupportedGameError",
    "SolverError",
    "DegenerateGameWarning",
    "CompilationWarning",
    "MissingDependencyError",
]


class DeterrenceError(Exception):
    """Base class of every error raised on purpose by :mod:`deterrence`."""


class InvalidGameError(DeterrenceError, ValueError):
    """A game (or model, or scenario file) was given malformed data.

    The message names what was received and what was expected, e.g.
    ``payoff for player 'coalition' has shape (2, 3); expected (2, 2)``.
    """


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
