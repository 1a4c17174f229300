r"""Stable clubs: internal and external stability of every club of a
:class:`~deterrence.games.club.ClubGame`, exactly, with the margin of each partner.

A club :math:`S` is internally stable when every member's *staying margin*
:math:`u_i(S) - u_i(S \setminus i)` is non-negative, and externally stable when every
outsider's *joining margin* :math:`u_j(S \cup j) - u_j(S)` is non-positive (d'Aspremont et
al. 1983; Carraro and Siniscalco 1993). Stable clubs are the pure Nash equilibria of the
participation game (cross-checked against :func:`deterrence.solve` in the tests); what this
module adds is the answer in the analyst's terms: which club, who would leave, who would join,
and by how much.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Iterable
from fractions import Fraction
from typing import Any

from deterrence.games._numbers import format_number
from deterrence.games.club import ClubGame

__all__ = ["ClubStability", "club_stability", "stable_clubs", "all_clubs"]


@dataclasses.dataclass(frozen=True)
class ClubStability:
    """Whether one club holds, member by member and outsider by outsider.

    Attributes
    ----------
    members : tuple of str
        The club, in player order.
    staying : dict
        Each member's gain from staying rather than leaving (negative: it leaves).
    joining : dict
        Each outsider's gain from joining (positive: it joins).
    words : str
        The outcome in the model's words (``"club of a, b"``).

    Examples
    --------
    >>> club = ClubGame(["a", "b"], lambda p, m: len(m) - (p in m) * 1.5, [])
    >>> result = club_stability(club, [])
    >>> result.stable, result.joining
    (True, {'a': Fraction(-1, 2), 'b': Fraction(-1, 2)})
    """

    members: tuple[str, ...]
    staying: dict[str, Any]
    joining: dict[str, Any]
    words: str

    @property
    def internally_stable(self) -> bool:
        """No member gains by leaving."""
        return all(margin >= 0 for margin in self.staying.values())

    @property
    def externally_stable(self) -> bool:
        """No outsider gains by joining."""
        return all(margin <= 0 for margin in self.joining.values())

    @property
    def stable(self) -> bool:
        """Internally and externally stable."""
        return self.internally_stable and self.externally_stable

    @property
    def sentence(self) -> str:
        """The verdict in one sentence, naming who breaks the club or the closest call."""
        leavers = [p for p, m in self.staying.items() if m < 0]
        joiners = [p for p, m in self.joining.items() if m > 0]
        if self.stable:
            margins = [(m, p, "staying in") for p, m in self.staying.items()] + [
                (-m, p, "staying out") for p, m in self.joining.items()
            ]
            margin, player, what = min(margins)
            return (
                f"{self.words} holds: the closest call is {player}, who gains "
                f"{format_number(margin)} by {what}."
            )
        parts = [f"{p} gains {format_number(-self.staying[p])} by leaving" for p in leavers]
        parts += [f"{p} gains {format_number(self.joining[p])} by joining" for p in joiners]
        return f"{self.words} does not hold: " + "; ".join(parts) + "."

    def as_dict(self) -> dict[str, Any]:
        """A JSON-friendly dict (margins as strings)."""
        return {
            "members": list(self.members),
            "stable": self.stable,
            "internally_stable": self.internally_stable,
            "externally_stable": self.externally_stable,
            "staying": {p: str(m) for p, m in self.staying.items()},
            "joining": {p: str(m) for p, m in self.joining.items()},
            "words": self.words,
            "sentence": self.sentence,
        }


def _evaluate(game: ClubGame, values: dict[str, Any]) -> tuple[Any, Any]:
    normal_form = game.normal_form.at(**values)
    return normal_form.payoffs, game.normal_form.outcomes


def _stability(
    game: ClubGame, payoffs: Any, outcomes: Any, members: Iterable[str]
) -> ClubStability:
    club = set(members)
    profile = game.profile(club)
    staying, joining = {}, {}
    for i, player in enumerate(game.players):
        switched = list(profile)
        switched[i] = 1 - switched[i]
        margin = Fraction(payoffs[(i,) + tuple(profile)]) - Fraction(
            payoffs[(i,) + tuple(switched)]
        )
        if player in club:
            staying[player] = margin
        else:
            joining[player] = -margin
    ordered = tuple(p for p in game.players if p in club)
    play = {p: ("join" if p in club else "stay out") for p in game.players}
    words = outcomes.read(play) if outcomes is not None else None
    return ClubStability(ordered, staying, joining, words or f"club {ordered}")


def club_stability(game: ClubGame, members: Iterable[str], **values: Any) -> ClubStability:
    """Internal and external stability of one club at a parameter point.

    Parameters
    ----------
    game : ClubGame
    members : iterable of str
        The club's members.
    **values
        Parameter values (missing ones take their defaults).

    Returns
    -------
    ClubStability

    Raises
    ------
    InvalidGameError
        Unknown partners or parameters, or parameters without a value.

    Examples
    --------
    >>> club = ClubGame(["a", "b"], lambda p, m: f"{len(m)} - cost" if p in m else len(m),
    ...                 ["cost"])
    >>> print(club_stability(club, ["a", "b"], cost="1/2").sentence)
    club of a, b holds: the closest call is a, who gains 1/2 by staying in.
    """
    payoffs, outcomes = _evaluate(game, values)
    return _stability(game, payoffs, outcomes, members)


def all_clubs(game: ClubGame, **values: Any) -> tuple[ClubStability, ...]:
    """Every club (all :math:`2^n`), largest first, with its stability at a point.

    Examples
    --------
    >>> club = ClubGame(["a", "b"], lambda p, m: len(m), [])
    >>> [(c.members, c.stable) for c in all_clubs(club)]
    [(('a', 'b'), True), (('a',), False), (('b',), False), ((), False)]
    """
    payoffs, outcomes = _evaluate(game, values)
    clubs = [
        tuple(p for p, inside in zip(game.players, flags) if inside)
        for flags in itertools.product((True, False), repeat=game.num_players)
    ]
    clubs.sort(key=len, reverse=True)
    return tuple(_stability(game, payoffs, outcomes, club) for club in clubs)


def stable_clubs(game: ClubGame, **values: Any) -> tuple[ClubStability, ...]:
    r"""The clubs that are internally and externally stable at a parameter point.

    Parameters
    ----------
    game : ClubGame
    **values
        Parameter values (missing ones take their defaults).

    Returns
    -------
    tuple of ClubStability
        Largest first; empty when no club is stable (the participation game then has no
        pure equilibrium).

    Notes
    -----
    Exact: payoffs are evaluated in rational arithmetic. :math:`O(n 2^n)` comparisons.

    Examples
    --------
    >>> club = ClubGame(["a", "b", "c"],
    ...                 lambda p, m: (3 if len(m) >= 2 else 0) - (2 if p in m else 0), [])
    >>> [c.members for c in stable_clubs(club)]
    [('a', 'b'), ('a', 'c'), ('b', 'c'), ()]
    """
    return tuple(c for c in all_clubs(game, **values) if c.stable)
