r"""Infinitely repeated two-player games and the prisoner's dilemma family.

A repeated game :math:`G^\infty(\delta)` plays the stage game :math:`G` in periods
:math:`t = 0, 1, 2, \dots`; player :math:`i` values a stream of stage payoffs
:math:`(u_i^t)` by its *normalised discounted value*

.. math:: V_i = (1 - \delta) \sum_{t \ge 0} \delta^t u_i^t, \qquad 0 \le \delta < 1,

so that a constant stream ``u`` is worth ``u``. The discount factor doubles as a continuation
probability: a match that continues after each period with probability ``delta`` and is
scored by its total payoff gives the same ranking of strategies.

The *prisoner's dilemma* is the symmetric 2x2 stage game with actions cooperate (index 0)
and defect (index 1) and payoffs

=========  =========  =========
 row/col   cooperate  defect
=========  =========  =========
cooperate  (R, R)     (S, T)
defect     (T, S)     (P, P)
=========  =========  =========

with temptation > reward > punishment > sucker (``T > R > P > S``) and ``2R > T + S`` (mutual
cooperation beats taking turns at exploiting each other). In the essays' *economic security
dilemma* the players are two blocs and cooperation is keeping supply chains open.

References
----------
.. [1] R. Axelrod, *The Evolution of Cooperation*, Basic Books, 1984.
.. [2] D. Fudenberg and J. Tirole, *Game Theory*, MIT Press, 1991, ch. 5.
.. [3] G. J. Mailath and L. Samuelson, *Repeated Games and Reputations*, Oxford University
   Press, 2006.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from fractions import Fraction
from typing import Any, NamedTuple

from deterrence.exceptions import InvalidGameError, UnsupportedGameError
from deterrence.games._numbers import classify_number
from deterrence.games.normal_form import NormalFormGame

__all__ = [
    "PrisonersDilemmaPayoffs",
    "RepeatedGame",
    "prisoners_dilemma",
    "prisoners_dilemma_payoffs",
]


class PrisonersDilemmaPayoffs(NamedTuple):
    """The four payoffs of a symmetric prisoner's dilemma ``(T, R, P, S)``.

    Attributes
    ----------
    temptation : number
        ``T``: defecting against a cooperator.
    reward : number
        ``R``: mutual cooperation.
    punishment : number
        ``P``: mutual defection.
    sucker : number
        ``S``: cooperating against a defector.

    Examples
    --------
    Grim trigger sustains cooperation when the discount factor is at least
    ``(T - R) / (T - P)``:

    >>> T, R, P, S = prisoners_dilemma_payoffs(prisoners_dilemma())
    >>> (T - R) / (T - P)
    Fraction(1, 2)
    >>> PrisonersDilemmaPayoffs(5, 3, 1, 0).temptation
    5
    """

    temptation: Any
    reward: Any
    punishment: Any
    sucker: Any


def _number(value: Any, what: str) -> Fraction | float:
    kind, converted = classify_number(value, what)
    return converted


def prisoners_dilemma(
    temptation: Any = 5,
    reward: Any = 3,
    punishment: Any = 1,
    sucker: Any = 0,
    *,
    players: Sequence[str] = ("player 1", "player 2"),
    actions: Sequence[str] = ("cooperate", "defect"),
    title: str = "prisoner's dilemma",
    strict: bool = True,
) -> NormalFormGame:
    r"""Build the symmetric prisoner's dilemma stage game.

    Parameters
    ----------
    temptation, reward, punishment, sucker : number, default 5, 3, 1, 0
        ``T``, ``R``, ``P``, ``S`` (Axelrod's tournament values by default). Ints, Fractions
        and strings such as ``"5/2"`` give an exact game.
    players : pair of str
        Player labels, e.g. ``("bloc A", "bloc B")``.
    actions : pair of str
        Labels of the cooperative action (first) and of defection (second), used for both
        players, e.g. ``("open", "friend-shore")``.
    title : str
        A human-readable name.
    strict : bool, default True
        Require ``2R > T + S`` as well as ``T > R > P > S``.

    Returns
    -------
    NormalFormGame
        Row player's matrix ``[[R, S], [T, P]]``, column player's its transpose.

    Raises
    ------
    InvalidGameError
        If the payoffs are not numbers, if ``T > R > P > S`` fails, or (with ``strict``) if
        ``2R > T + S`` fails; the message names the values received.

    Notes
    -----
    ``T > R > P > S`` makes defection strictly dominant while mutual cooperation Pareto
    dominates mutual defection; ``2R > T + S`` makes mutual cooperation the best symmetric
    outcome, so alternating exploitation is no substitute (Axelrod 1984, p. 10; Rapoport and
    Chammah 1965).

    Examples
    --------
    >>> game = prisoners_dilemma(players=("bloc A", "bloc B"), actions=("open", "friend-shore"))
    >>> game.payoff_matrix("bloc A").tolist()
    [[Fraction(3, 1), Fraction(0, 1)], [Fraction(5, 1), Fraction(1, 1)]]
    >>> prisoners_dilemma(3, 5, 1, 0)
    Traceback (most recent call last):
        ...
    deterrence.exceptions.InvalidGameError: a prisoner's dilemma needs T > R > P > S; got T=3, ...
    """
    values = [
        _number(temptation, "temptation T"),
        _number(reward, "reward R"),
        _number(punishment, "punishment P"),
        _number(sucker, "sucker S"),
    ]
    if any(isinstance(v, float) for v in values):
        values = [float(v) for v in values]
    t, r, p, s = values
    shown = f"T={_show(t)}, R={_show(r)}, P={_show(p)}, S={_show(s)}"
    if not t > r > p > s:
        raise InvalidGameError(f"a prisoner's dilemma needs T > R > P > S; got {shown}")
    if strict and not 2 * r > t + s:
        raise InvalidGameError(
            f"a prisoner's dilemma needs 2R > T + S (mutual cooperation beats alternating "
            f"exploitation); got {shown}, so 2R = {_show(2 * r)} and T + S = {_show(t + s)}. "
            "Pass strict=False to allow it"
        )
    actions = tuple(actions)
    if len(actions) != 2:
        raise InvalidGameError(f"actions must be two labels (cooperate, defect); got {actions!r}")
    return NormalFormGame.from_matrices(
        [[r, s], [t, p]],
        [[r, t], [s, p]],
        players=players,
        strategies=(actions, actions),
        title=title,
    )


def _show(value: Any) -> str:
    if isinstance(value, Fraction) and value.denominator == 1:
        return str(value.numerator)
    return str(value)


def prisoners_dilemma_payoffs(
    stage: NormalFormGame, *, check: bool = True
) -> PrisonersDilemmaPayoffs:
    """Read ``(T, R, P, S)`` off a symmetric 2x2 stage game (action 0 = cooperate).

    Parameters
    ----------
    stage : NormalFormGame
        A symmetric two-player game with two actions each.
    check : bool, default True
        Also require ``T > R > P > S``.

    Returns
    -------
    PrisonersDilemmaPayoffs
        Exact ``Fraction`` values for exact games, floats otherwise.

    Raises
    ------
    UnsupportedGameError
        If ``stage`` is not a two-player 2x2 game.
    InvalidGameError
        If it is not symmetric, or (with ``check``) not a prisoner's dilemma.

    Examples
    --------
    >>> prisoners_dilemma_payoffs(prisoners_dilemma())
    PrisonersDilemmaPayoffs(temptation=Fraction(5, 1), reward=Fraction(3, 1), ...)
    """
    if not isinstance(stage, NormalFormGame):
        raise InvalidGameError(f"stage must be a NormalFormGame, got {type(stage).__name__}")
    if stage.num_players != 2 or stage.num_strategies != (2, 2):
        raise UnsupportedGameError(
            f"this tool needs a two-player 2x2 stage game; got {stage.num_players} players "
            f"with strategies {stage.num_strategies}"
        )
    row = stage.payoffs[0] if stage.is_exact else stage.float_payoffs[0]
    column = stage.payoffs[1] if stage.is_exact else stage.float_payoffs[1]
    if not (row == column.T).all():
        raise InvalidGameError(
            f"stage game {stage.title or ''!s} is not symmetric: row payoffs "
            f"{row.tolist()} and column payoffs {column.tolist()} (expected the transpose)"
        )
    convert = (lambda v: v) if stage.is_exact else float
    payoffs = PrisonersDilemmaPayoffs(
        convert(row[1, 0]), convert(row[0, 0]), convert(row[1, 1]), convert(row[0, 1])
    )
    if check and not payoffs.temptation > payoffs.reward > payoffs.punishment > payoffs.sucker:
        t, r, p, s = (_show(v) for v in payoffs)
        raise InvalidGameError(
            f"stage game is not a prisoner's dilemma: needs T > R > P > S; "
            f"got T={t}, R={r}, P={p}, S={s}"
        )
    return payoffs


@dataclasses.dataclass(frozen=True, eq=True)
class RepeatedGame:
    r"""An infinitely repeated two-player game with a common discount factor.

    Parameters
    ----------
    stage : NormalFormGame
        The two-player stage game played each period.
    discount : number
        The discount factor (or continuation probability) :math:`0 \le \delta < 1`.
        Exact numbers (ints, Fractions, strings like ``"9/10"``) stay exact.

    Attributes
    ----------
    stage : NormalFormGame
    discount : Fraction or float

    Raises
    ------
    InvalidGameError
        If ``stage`` is not a two-player NormalFormGame or ``discount`` is not in ``[0, 1)``.

    Notes
    -----
    Values are normalised, :math:`V_i = (1-\delta)\sum_t \delta^t u_i^t` (Fudenberg and
    Tirole 1991, sec. 5.1), so they are comparable with stage payoffs and with the feasible
    payoff set of the folk theorem.

    Examples
    --------
    >>> game = RepeatedGame(prisoners_dilemma(), "9/10")
    >>> game.discount
    Fraction(9, 10)
    >>> game.discounted_value([(0, 0)] * 3 + [(1, 1)] * 1000)[0] > 1
    True
    >>> game.replace(discount=0.5).discount
    0.5
    """

    stage: NormalFormGame
    discount: Any

    def __post_init__(self) -> None:
        if not isinstance(self.stage, NormalFormGame):
            raise InvalidGameError(
                f"stage must be a NormalFormGame, got {type(self.stage).__name__}"
            )
        if self.stage.num_players != 2:
            raise InvalidGameError(
                f"a repeated game needs a two-player stage game; got {self.stage.num_players} "
                "players"
            )
        delta = _number(self.discount, "discount")
        if not 0 <= delta < 1:
            raise InvalidGameError(f"discount must satisfy 0 <= discount < 1; got {delta}")
        object.__setattr__(self, "discount", delta)

    @property
    def players(self) -> tuple[str, ...]:
        """Player labels of the stage game."""
        return tuple(self.stage.players or ())

    @property
    def is_exact(self) -> bool:
        """Whether the stage payoffs and the discount factor are exact."""
        return self.stage.is_exact and isinstance(self.discount, Fraction)

    def replace(self, **changes: Any) -> RepeatedGame:
        """Return a copy with some fields changed (validated again)."""
        return dataclasses.replace(self, **changes)

    def discounted_value(self, history: Sequence[Sequence[Any]]) -> tuple[Any, Any]:
        r"""Normalised discounted value of a finite history of action pairs.

        Parameters
        ----------
        history : sequence of (action, action)
            Actions by index or label, period 0 first; later periods count zero.

        Returns
        -------
        tuple
            :math:`(1-\delta)\sum_t \delta^t u_i(a^t)` for both players.

        Examples
        --------
        >>> game = RepeatedGame(prisoners_dilemma(), "1/2")
        >>> game.discounted_value([("cooperate", "defect"), ("defect", "defect")])
        (Fraction(1, 4), Fraction(11, 4))
        """
        exact = self.is_exact
        payoffs = self.stage.payoffs if exact else self.stage.float_payoffs
        totals: list[Any] = [Fraction(0), Fraction(0)] if exact else [0.0, 0.0]
        weight: Any = 1 - self.discount
        for period, pair in enumerate(history):
            if len(pair) != 2:
                raise InvalidGameError(
                    f"history entry {period} is {pair!r}; expected a pair of actions"
                )
            a = self.stage.strategy_index(0, pair[0])
            b = self.stage.strategy_index(1, pair[1])
            for i in range(2):
                totals[i] += weight * payoffs[i][a, b]
            weight *= self.discount
        return (totals[0], totals[1])
