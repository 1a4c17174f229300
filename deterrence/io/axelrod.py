"""Interoperability with the Axelrod library (``axelrod`` on PyPI), imported lazily.

``axelrod`` is not a dependency of ``deterrence`` and not an extra either (it pulls in
heavy packages); install it separately with ``pip install axelrod``. With it installed you
can turn an :class:`~deterrence.games.automata.Automaton` into an Axelrod player, map the
classic Axelrod players back to automata, and play matches between the two worlds.

Action convention: Axelrod's ``C`` is our action 0 (cooperate), ``D`` our action 1.

References
----------
.. [1] V. Knight et al., "An open framework for the reproducible study of the iterated
   prisoner's dilemma", *Journal of Open Research Software* 4 (2016) e35.
"""

from __future__ import annotations

import math
from typing import Any

from deterrence.exceptions import InvalidGameError, MissingDependencyError
from deterrence.games.automata import (
    ALLC,
    ALLD,
    GRIM,
    TF2T,
    TFT,
    WSLS,
    Automaton,
    generous_tit_for_tat,
    memory_one,
    random_strategy,
)

__all__ = ["from_axelrod", "import_axelrod", "play_axelrod_match", "to_axelrod"]

_MEMORY_ONE_LABELS = ("start", "CC", "CD", "DC", "DD")


def import_axelrod() -> Any:
    """Import and return the ``axelrod`` module.

    Raises
    ------
    MissingDependencyError
        If it is not installed; ``axelrod`` must be installed separately
        (``pip install axelrod``), it is not an extra of ``deterrence``.

    Examples
    --------
    >>> axl = import_axelrod()
    >>> axl.TitForTat.name
    'Tit For Tat'
    """
    try:
        import axelrod
    except ImportError as exc:
        raise MissingDependencyError(
            "this function needs the axelrod package, which must be installed separately "
            "(pip install axelrod); it is not a dependency or an extra of deterrence"
        ) from exc
    return axelrod


def _counterpart(strategy: Automaton, axl: Any) -> Any | None:
    """A native Axelrod player equal to ``strategy``, when there is one."""
    simple = {
        ALLC: axl.Cooperator,
        ALLD: axl.Defector,
        TFT: axl.TitForTat,
        TF2T: axl.TitFor2Tats,
        GRIM: axl.Grudger,
        WSLS: axl.WinStayLoseShift,
    }
    for automaton, cls in simple.items():
        if strategy == automaton:
            return cls()
    if strategy.state_labels == ("start", "other cooperated", "other defected") and (
        strategy.cooperation[0] == 1 and strategy.cooperation[1] == 1
    ):
        return axl.GTFT(p=float(strategy.cooperation[2]))
    if strategy.num_states == 1 and strategy.name.startswith("RANDOM("):
        return axl.Random(p=float(strategy.cooperation[0]))
    if strategy.state_labels == _MEMORY_ONE_LABELS and strategy.cooperation[0] in (0, 1):
        vector = tuple(float(p) for p in strategy.cooperation[1:])
        initial = axl.Action.C if strategy.cooperation[0] == 1 else axl.Action.D
        player = axl.MemoryOnePlayer(four_vector=vector, initial=initial)
        return player
    return None


def to_axelrod(strategy: Automaton, *, native: bool = True) -> Any:
    """An Axelrod player that plays like ``strategy``.

    Parameters
    ----------
    strategy : Automaton
    native : bool, default True
        Return Axelrod's own class where one matches (``TitForTat``, ``Grudger``, ``GTFT``,
        ``MemoryOnePlayer``, ...); otherwise, or when none matches, a wrapper player that runs
        the automaton on the realised (post-noise) history.

    Returns
    -------
    axelrod.Player

    Raises
    ------
    MissingDependencyError
        If ``axelrod`` is not installed.
    InvalidGameError
        If ``strategy`` is not an Automaton.

    Examples
    --------
    >>> from deterrence.games.automata import TFT
    >>> to_axelrod(TFT).name
    'Tit For Tat'
    >>> to_axelrod("TFT")
    Traceback (most recent call last):
        ...
    deterrence.exceptions.InvalidGameError: strategy must be an Automaton, got str
    """
    if not isinstance(strategy, Automaton):
        raise InvalidGameError(f"strategy must be an Automaton, got {type(strategy).__name__}")
    axl = import_axelrod()
    if native:
        player = _counterpart(strategy, axl)
        if player is not None:
            return player
    return _wrapper_class(axl)(strategy)


_WRAPPER: dict[int, Any] = {}


def _wrapper_class(axl: Any) -> Any:
    if id(axl) in _WRAPPER:
        return _WRAPPER[id(axl)]

    class AutomatonPlayer(axl.Player):
        """An Axelrod player driven by a ``deterrence`` automaton."""

        name = "deterrence automaton"
        classifier = {
            "memory_depth": math.inf,
            "stochastic": True,
            "long_run_time": False,
            "inspects_source": False,
            "manipulates_source": False,
            "manipulates_state": False,
        }

        def __init__(self, automaton: Automaton) -> None:
            super().__init__()
            self.automaton = automaton
            self.name = automaton.name
            self.classifier = dict(self.classifier, stochastic=not automaton.is_deterministic)
            self._automaton_state = automaton.initial_state

        def strategy(self, opponent: Any) -> Any:
            if self.history:
                own = 0 if self.history[-1] == axl.Action.C else 1
                other = 0 if opponent.history[-1] == axl.Action.C else 1
                self._automaton_state = self.automaton.next_state(
                    self._automaton_state, own=own, other=other
                )
            p = self.automaton.cooperation[self._automaton_state]
            if p == 1:
                return axl.Action.C
            if p == 0:
                return axl.Action.D
            return self._random.random_choice(float(p))

        def reset(self) -> None:
            super().reset()
            self._automaton_state = self.automaton.initial_state

    _WRAPPER[id(axl)] = AutomatonPlayer
    return AutomatonPlayer


def from_axelrod(player: Any) -> Automaton:
    """The automaton of a classic Axelrod player.

    Supports ``Cooperator``, ``Defector``, ``TitForTat``, ``TitFor2Tats``, ``Grudger``,
    ``WinStayLoseShift``, ``GTFT``, ``Random``, any ``MemoryOnePlayer`` and players made by
    :func:`to_axelrod`.

    Raises
    ------
    MissingDependencyError
        If ``axelrod`` is not installed.
    InvalidGameError
        For a player with no finite-automaton equivalent here.

    Examples
    --------
    >>> axl = import_axelrod()
    >>> from_axelrod(axl.TitForTat()).name
    'TFT'
    """
    axl = import_axelrod()
    automaton = getattr(player, "automaton", None)
    if isinstance(automaton, Automaton):
        return automaton
    exact = {
        axl.Cooperator: ALLC,
        axl.Defector: ALLD,
        axl.TitForTat: TFT,
        axl.TitFor2Tats: TF2T,
        axl.Grudger: GRIM,
        axl.WinStayLoseShift: WSLS,
    }
    for cls, strategy in exact.items():
        if type(player) is cls:
            return strategy
    if type(player) is axl.Random:
        return random_strategy(player.p)
    if isinstance(player, axl.MemoryOnePlayer):
        vector = player._four_vector
        values = [
            vector[(a, b)]
            for a in (axl.Action.C, axl.Action.D)
            for b in (axl.Action.C, axl.Action.D)
        ]
        if type(player) is axl.GTFT:
            return generous_tit_for_tat(values[1])
        initial = 1 if player._initial == axl.Action.C else 0
        return memory_one(*values, initial=initial, name=str(player.name))
    raise InvalidGameError(
        f"no finite-automaton equivalent of the axelrod player {player!r} is known"
    )


def play_axelrod_match(
    first: Any,
    second: Any,
    *,
    turns: int,
    noise: float = 0.0,
    seed: int | None = None,
) -> list[tuple[str, str]]:
    """Play a match with Axelrod's engine between automata and/or Axelrod players.

    Parameters
    ----------
    first, second : Automaton or axelrod.Player
        Automata are wrapped with :func:`to_axelrod` (``native=False``).
    turns : int
    noise : float, default 0
    seed : int, optional

    Returns
    -------
    list of (str, str)
        Moves as ``("C" | "D", "C" | "D")`` pairs, comparable with
        :meth:`deterrence.analysis.tournament.MatchResult.moves`.

    Raises
    ------
    MissingDependencyError
        If ``axelrod`` is not installed.

    Examples
    --------
    >>> from deterrence.games.automata import TFT, ALLD
    >>> play_axelrod_match(TFT, ALLD, turns=3)
    [('C', 'D'), ('D', 'D'), ('D', 'D')]
    """
    axl = import_axelrod()
    players = [
        to_axelrod(p, native=False) if isinstance(p, Automaton) else p for p in (first, second)
    ]
    match = axl.Match(players, turns=turns, noise=noise, seed=seed)
    return [(str(a), str(b)) for a, b in match.play()]
