r"""Club formation among heterogeneous partners: who joins, and which clubs hold.

Each of :math:`n` partners chooses to *join* a club or *stay out*; a profile is the club
:math:`S` of partners who join, and partner :math:`i` receives :math:`u_i(S)`, an expression in
named parameters (the coercer's threat, the institution's reneging penalty, ...). A club is

* **internally stable** when no member gains by leaving, :math:`u_i(S) \ge u_i(S \setminus i)`
  for :math:`i \in S`, and
* **externally stable** when no outsider gains by joining,
  :math:`u_j(S) \ge u_j(S \cup j)` for :math:`j \notin S`

(d'Aspremont, Jacquemin, Gabszewicz and Weymark 1983; Carraro and Siniscalco 1993). Both
together say exactly that the profile "members join, the others stay out" is a pure Nash
equilibrium of the participation game, so :meth:`ClubGame.to_parametric_normal_form` hands
the game to the general analysis layer (thresholds, regimes, sweeps with ``concept="nash"``,
``method="pure"``), while :mod:`deterrence.solvers.club` lists the stable clubs with the
margin of every member and outsider.

References
----------
.. [1] C. d'Aspremont, A. Jacquemin, J. J. Gabszewicz and J. A. Weymark, "On the stability of
   collusive price leadership", *Canadian Journal of Economics* 16(1), 1983.
.. [2] C. Carraro and D. Siniscalco, "Strategies for the international protection of the
   environment", *Journal of Public Economics* 52(3), 1993.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from deterrence.exceptions import InvalidGameError
from deterrence.games.outcomes import Outcomes
from deterrence.games.parametric import Parameter, ParametricGame

__all__ = ["ClubGame", "JOIN", "STAY_OUT", "MAX_CLUB_PLAYERS"]

#: The two strategies of every partner.
JOIN, STAY_OUT = "join", "stay out"
#: Most partners written out as a normal form (:math:`2^n` profiles, :math:`n 2^n` payoffs).
MAX_CLUB_PLAYERS = 10


class ClubGame:
    r"""The participation game of a club: each partner joins or stays out.

    Parameters
    ----------
    players : sequence of str
        The partners (2 to :data:`MAX_CLUB_PLAYERS`).
    payoff : callable
        ``payoff(player, members)`` with ``player`` a label and ``members`` the frozenset of
        labels of the club (``player`` belongs to it exactly when it joins); returns a number,
        a sympy expression or a string such as ``"-cost - threat*(1 - 1)"`` in the declared
        parameters.
    parameters : sequence of Parameter or str
        The parameters the payoffs use.
    title : str, optional
    club_words : callable, optional
        ``club_words(members)`` -> the words for the outcome in which exactly ``members``
        (a tuple, in player order) join, for the normal form's
        :class:`~deterrence.games.Outcomes`; default "club of a, b" / "no club".

    Raises
    ------
    InvalidGameError
        Too few or too many partners, or payoffs the parametric normal form rejects
        (undeclared names, unparsable strings).

    Examples
    --------
    >>> club = ClubGame(["a", "b"], lambda p, members: f"{len(members)} - cost"
    ...                 if p in members else "len_bonus", ["cost", "len_bonus"])
    >>> club.payoff("a", {"a", "b"})
    2 - cost
    >>> club.to_parametric_normal_form().strategies
    (('join', 'stay out'), ('join', 'stay out'))
    """

    def __init__(
        self,
        players: Sequence[str],
        payoff: Callable[[str, frozenset[str]], Any],
        parameters: Sequence[Parameter | str],
        *,
        title: str = "club formation",
        club_words: Callable[[tuple[str, ...]], str] | None = None,
    ) -> None:
        labels = tuple(str(p) for p in players)
        if not 2 <= len(labels) <= MAX_CLUB_PLAYERS:
            raise InvalidGameError(
                f"a club game has 2 to {MAX_CLUB_PLAYERS} partners; got {len(labels)}"
            )
        if len(set(labels)) != len(labels):
            raise InvalidGameError(f"partner labels must be distinct: {list(labels)}")
        n = len(labels)
        table = np.empty((n,) + (2,) * n, dtype=object)
        for profile in itertools.product((0, 1), repeat=n):
            members = frozenset(p for p, s in zip(labels, profile) if s == 0)
            for i, player in enumerate(labels):
                table[(i,) + tuple(profile)] = payoff(player, members)
        words = club_words or _default_words
        rules = []
        for profile in itertools.product((0, 1), repeat=n):
            ordered = tuple(p for p, s in zip(labels, profile) if s == 0)
            pattern = {p: (JOIN if s == 0 else STAY_OUT) for p, s in zip(labels, profile)}
            rules.append((pattern, words(ordered)))
        self.players = labels
        self.title = title
        self.normal_form = ParametricGame(
            table,
            list(parameters),
            players=labels,
            strategies=[(JOIN, STAY_OUT)] * n,
            title=title,
            outcomes=Outcomes(rules),
        )

    @property
    def num_players(self) -> int:
        """The number of partners."""
        return len(self.players)

    @property
    def parameters(self) -> tuple[Parameter, ...]:
        """The declared parameters."""
        return tuple(self.normal_form.parameters)

    def profile(self, members: Sequence[str] | frozenset[str] | set[str]) -> tuple[int, ...]:
        """The strategy indices of the profile in which exactly ``members`` join.

        Raises
        ------
        InvalidGameError
            For a label that is not a partner.

        Examples
        --------
        >>> ClubGame(["a", "b"], lambda p, m: 0, []).profile({"b"})
        (1, 0)
        """
        unknown = set(members) - set(self.players)
        if unknown:
            raise InvalidGameError(
                f"{sorted(unknown)} are not partners; the partners are {list(self.players)}"
            )
        return tuple(0 if p in members else 1 for p in self.players)

    def payoff(self, player: str, members: Sequence[str] | frozenset[str] | set[str]) -> Any:
        """The payoff expression of ``player`` when exactly ``members`` join.

        Examples
        --------
        >>> ClubGame(["a", "b"], lambda p, m: len(m), []).payoff("b", {"a"})
        1
        """
        if player not in self.players:
            raise InvalidGameError(
                f"{player!r} is not a partner; the partners are {list(self.players)}"
            )
        index = self.players.index(player)
        return self.normal_form.payoffs[(index,) + tuple(self.profile(members))]

    def to_parametric_normal_form(self) -> ParametricGame:
        """The participation game as a :class:`~deterrence.games.ParametricGame` (strategies
        ``("join", "stay out")``, with outcomes naming each club); its pure Nash equilibria
        are the stable clubs.

        Examples
        --------
        >>> game = ClubGame(["a", "b"], lambda p, m: len(m), []).to_parametric_normal_form()
        >>> game.outcomes.read({"a": "join", "b": "stay out"})
        'club of a'
        """
        return self.normal_form

    def __repr__(self) -> str:
        return f"ClubGame({self.title!r}, partners={list(self.players)})"


def _default_words(members: tuple[str, ...]) -> str:
    return "club of " + ", ".join(members) if members else "no club"
