"""Interoperability with nashpy and pandas.

- :func:`to_nashpy` / :func:`from_nashpy`: two-player games as ``nashpy.Game``.
- :func:`game_to_frame` / :func:`game_from_frame`: any normal-form game as a long table with
  one row per pure profile (a column per player holding the strategy label, a
  ``payoff:player`` column per player). Results already have
  :meth:`~deterrence.solvers.result.EquilibriumResult.to_frame`.

Examples
--------
>>> from deterrence import NormalFormGame
>>> game = NormalFormGame.from_matrices([[3, 0], [5, 1]], [[3, 5], [0, 1]],
...     players=("A", "B"), strategies=(("open", "shore"), ("open", "shore")))
>>> frame = game_to_frame(game)
>>> frame
       A      B payoff:A payoff:B
0   open   open        3        3
1   open  shore        0        5
2  shore   open        5        0
3  shore  shore        1        1
>>> game_from_frame(frame) == game
True
>>> from_nashpy(to_nashpy(game), players=game.players, strategies=game.strategies).players
('A', 'B')
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from deterrence.exceptions import InvalidGameError
from deterrence.games.normal_form import NormalFormGame

__all__ = ["to_nashpy", "from_nashpy", "game_to_frame", "game_from_frame"]


def to_nashpy(game: NormalFormGame) -> Any:
    """The equivalent ``nashpy.Game`` (two players; float matrices).

    Parameters
    ----------
    game : NormalFormGame
        A two-player game; labels and exact payoffs are not carried over.

    Returns
    -------
    nashpy.Game

    Raises
    ------
    UnsupportedGameError
        If the game does not have two players.

    Examples
    --------
    >>> from deterrence import NormalFormGame
    >>> dilemma = NormalFormGame.from_matrices([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> game = to_nashpy(dilemma)
    >>> game.payoff_matrices[0].tolist()
    [[3.0, 0.0], [5.0, 1.0]]
    >>> [(x.tolist(), y.tolist()) for x, y in game.support_enumeration()]
    [([0.0, 1.0], [0.0, 1.0])]
    """
    return game.to_nashpy()


def from_nashpy(
    game: Any,
    *,
    players: Sequence[str] | None = None,
    strategies: Sequence[Sequence[str]] | None = None,
    title: str = "",
) -> NormalFormGame:
    """A :class:`NormalFormGame` from a ``nashpy.Game``, with optional labels.

    Parameters
    ----------
    game : nashpy.Game
    players : sequence of str, optional
        Labels of the row and column players.
    strategies : sequence of sequence of str, optional
        Labels of each player's strategies.
    title : str

    Returns
    -------
    NormalFormGame

    Raises
    ------
    InvalidGameError
        If ``game`` is not a ``nashpy.Game`` or the labels do not fit it.

    Examples
    --------
    >>> import nashpy
    >>> pennies = from_nashpy(nashpy.Game([[1, -1], [-1, 1]]),
    ...     players=("matcher", "mismatcher"), strategies=(("heads", "tails"),) * 2)
    >>> pennies.players, pennies.num_strategies
    (('matcher', 'mismatcher'), (2, 2))
    >>> from_nashpy([[1, -1], [-1, 1]])
    Traceback (most recent call last):
    ...
    deterrence.exceptions.InvalidGameError: expected a nashpy.Game, got list
    """
    return NormalFormGame.from_nashpy(game, players=players, strategies=strategies, title=title)


def game_to_frame(game: NormalFormGame) -> Any:
    """One row per pure profile: the strategy label of each player, then each payoff.

    Exact payoffs stay ``Fraction`` (object columns); float games give float columns.

    Parameters
    ----------
    game : NormalFormGame
        A game with any number of players.

    Returns
    -------
    pandas.DataFrame
        One row per pure profile, in the order of ``game.pure_profiles()``: a column per
        player holding strategy labels, then a ``payoff:<player>`` column per player.

    Examples
    --------
    >>> from deterrence import NormalFormGame
    >>> game = NormalFormGame.from_matrices([[0.5, 1.0]], [[1.0, 0.25]],
    ...     players=("leader", "follower"), strategies=(("lead",), ("follow", "defect")))
    >>> game_to_frame(game)
      leader follower  payoff:leader  payoff:follower
    0   lead   follow            0.5             1.00
    1   lead   defect            1.0             0.25
    """
    import pandas as pd

    rows = []
    for profile in game.pure_profiles():
        row: dict[str, Any] = {
            player: game.strategies[i][s]
            for i, (player, s) in enumerate(zip(game.players, profile))
        }
        for i, player in enumerate(game.players):
            row[f"payoff:{player}"] = game.payoffs[(i,) + tuple(profile)]
        rows.append(row)
    columns = [*game.players, *(f"payoff:{p}" for p in game.players)]
    return pd.DataFrame(rows, columns=columns)


def game_from_frame(
    frame: Any, *, players: Sequence[str] | None = None, title: str = ""
) -> NormalFormGame:
    """Build a game from a long table as written by :func:`game_to_frame`.

    Parameters
    ----------
    frame : pandas.DataFrame
        One row per pure profile; a column per player (strategy labels) and a column
        ``payoff:<player>`` per player.
    players : sequence of str, optional
        The player columns, in order (default: every column without the ``payoff:`` prefix).
    title : str

    Returns
    -------
    NormalFormGame
        Strategies in the order they first appear in each player's column.

    Raises
    ------
    InvalidGameError
        Missing payoff columns, repeated or missing profiles.

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame({
    ...     "attacker": ["strike", "strike", "wait", "wait"],
    ...     "defender": ["deter", "yield", "deter", "yield"],
    ...     "payoff:attacker": [-2, 3, 0, 0],
    ...     "payoff:defender": [1, -3, 0, 1]})
    >>> print(game_from_frame(frame))
    attacker \\ defender | deter | yield
    -----------------------------------
    strike              | -2, 1 | 3, -3
    wait                |  0, 0 |  0, 1

    Every pure profile must appear exactly once:

    >>> game_from_frame(frame.iloc[:3])
    Traceback (most recent call last):
    ...
    deterrence.exceptions.InvalidGameError: profile ('wait', 'yield') is missing from the table
    """
    columns = [str(c) for c in frame.columns]
    if players is None:
        players = [c for c in columns if not c.startswith("payoff:")]
    players = list(players)
    missing = [f"payoff:{p}" for p in players if f"payoff:{p}" not in columns]
    missing += [p for p in players if p not in columns]
    if missing:
        raise InvalidGameError(f"the table has no column(s) {missing}; columns are {columns}")
    strategies = [list(dict.fromkeys(str(v) for v in frame[p])) for p in players]
    shape = tuple(len(s) for s in strategies)
    payoffs = np.empty((len(players), *shape), dtype=object)
    filled = np.zeros(shape, dtype=bool)
    for _, row in frame.iterrows():
        index = tuple(strategies[i].index(str(row[p])) for i, p in enumerate(players))
        if filled[index]:
            raise InvalidGameError(
                f"profile {tuple(str(row[p]) for p in players)} appears twice in the table"
            )
        filled[index] = True
        for i, p in enumerate(players):
            value = row[f"payoff:{p}"]
            payoffs[(i,) + tuple(index)] = value.item() if hasattr(value, "item") else value
    if not filled.all():
        absent = tuple(int(k) for k in np.argwhere(~filled)[0])
        labels = tuple(strategies[i][k] for i, k in enumerate(absent))
        raise InvalidGameError(f"profile {labels} is missing from the table")
    return NormalFormGame(payoffs, players=players, strategies=strategies, title=title)
