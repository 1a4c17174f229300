"""Validation of player and strategy labels, shared by every game representation."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from deterrence.exceptions import InvalidGameError

__all__ = ["check_labels", "default_or_checked_labels"]


def check_labels(labels: Sequence[Any], expected: int, what: str) -> tuple[str, ...]:
    """Return ``labels`` as a tuple of distinct non-empty strings of length ``expected``.

    Linear in the number of labels.

    Examples
    --------
    >>> check_labels(["stay", "go"], 2, "strategies")
    ('stay', 'go')
    >>> check_labels(["a", "b", "a"], 3, "strategies")
    Traceback (most recent call last):
    ...
    deterrence.exceptions.InvalidGameError: strategies has duplicate labels ['a']
    """
    if isinstance(labels, str):
        raise InvalidGameError(f"{what} must be a sequence of labels, got the string {labels!r}")
    try:
        labels = tuple(labels)
    except TypeError:
        raise InvalidGameError(f"{what} must be a sequence of labels, got {labels!r}") from None
    if len(labels) != expected:
        raise InvalidGameError(f"{what} has {len(labels)} labels {labels!r}; expected {expected}")
    for label in labels:
        if not isinstance(label, str) or not label.strip():
            raise InvalidGameError(f"{what} contains {label!r}; labels must be non-empty strings")
    seen: set[str] = set()
    repeated: set[str] = set()
    for label in labels:  # one pass: 100,000 labels take milliseconds, not minutes
        (repeated if label in seen else seen).add(label)
    duplicates = sorted(repeated)
    if duplicates:
        raise InvalidGameError(f"{what} has duplicate labels {duplicates}")
    return labels


def default_or_checked_labels(
    players: Sequence[str] | None,
    strategies: Sequence[Sequence[str]] | None,
    shape: Sequence[int],
) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    """Player and strategy labels for a game with ``shape[i]`` strategies for player ``i``.

    Missing labels default to ``("player 1", ...)`` and ``("s1", "s2", ...)``; given ones are
    validated by :func:`check_labels`.

    Examples
    --------
    >>> default_or_checked_labels(None, None, (2, 1))
    (('player 1', 'player 2'), (('s1', 's2'), ('s1',)))
    """
    num_players = len(shape)
    if players is None:
        player_labels = tuple(f"player {i + 1}" for i in range(num_players))
    else:
        player_labels = check_labels(players, num_players, "players")
    if strategies is None:
        return player_labels, tuple(tuple(f"s{k + 1}" for k in range(size)) for size in shape)
    if isinstance(strategies, str):
        raise InvalidGameError(
            f"strategies must be one sequence of labels per player, got the string {strategies!r}"
        )
    if len(strategies) != num_players:
        raise InvalidGameError(
            f"strategies has {len(strategies)} entries; expected one sequence of "
            f"labels for each of the {num_players} players"
        )
    strategy_labels = tuple(
        check_labels(labels, size, f"strategies of player {player_labels[i]!r}")
        for i, (labels, size) in enumerate(zip(strategies, shape))
    )
    return player_labels, strategy_labels
