r"""Repeated-game strategies as finite automata (Moore machines) with readable names.

A strategy for a repeated two-action game (action 0 = cooperate ``C``, 1 = defect ``D``) is a
finite automaton :math:`(Q, q_0, c, \tau)`: a finite set of states :math:`Q`, an initial state
:math:`q_0`, a cooperation probability :math:`c(q) \in [0, 1]` in each state and a
transition :math:`\tau(q, a_{own}, a_{other}) \in Q` on the *realised* actions of the period
(Rubinstein 1986; Abreu and Rubinstein 1988). Deterministic strategies have
:math:`c(q) \in \{0, 1\}`; transitions are always deterministic.

*Memory-one* strategies (Nowak and Sigmund 1993) are the automata whose state is the previous
period's outcome: :func:`memory_one` ``(p_CC, p_CD, p_DC, p_DD)`` cooperates with probability
``p_xy`` after the player played ``x`` and the opponent ``y``, and with probability
``initial`` in the first period.

Noise (used by the play and tournament tools): each *intended* action is flipped
independently with probability ``epsilon``; strategies condition on the realised (possibly
flipped) actions, which both players observe.

Named strategies
----------------
``ALLC``, ``ALLD``, ``TFT`` (tit for tat), ``TF2T`` (tit for two tats), ``GRIM`` (grim
trigger), ``WSLS`` (win-stay lose-shift, Pavlov), :func:`GTFT` ``(p)`` (generous tit for
tat), :func:`RANDOM` ``(p)``, :func:`memory_one` and :func:`memory_n` (any rule on the last
``n`` outcomes).

References
----------
.. [1] R. Axelrod, *The Evolution of Cooperation*, Basic Books, 1984.
.. [2] A. Rubinstein, "Finite automata play the repeated prisoner's dilemma", *Journal of
   Economic Theory* 39 (1986) 83-96.
.. [3] M. A. Nowak and K. Sigmund, "A strategy of win-stay, lose-shift that outperforms
   tit-for-tat in the Prisoner's Dilemma game", *Nature* 364 (1993) 56-58.
.. [4] M. A. Nowak and K. Sigmund, "Tit for tat in heterogeneous populations", *Nature* 355
   (1992) 250-253.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from deterrence.exceptions import InvalidGameError
from deterrence.games._numbers import classify_number

__all__ = [
    "ALLC",
    "ALLD",
    "GRIM",
    "GTFT",
    "RANDOM",
    "TF2T",
    "TFT",
    "WSLS",
    "Automaton",
    "COOPERATE",
    "DEFECT",
    "always_cooperate",
    "always_defect",
    "classic_strategies",
    "generous_tit_for_tat",
    "grim_trigger",
    "memory_n",
    "memory_one",
    "random_strategy",
    "reactive",
    "tit_for_tat",
    "tit_for_two_tats",
    "win_stay_lose_shift",
]

#: Action index of cooperation.
COOPERATE = 0
#: Action index of defection.
DEFECT = 1

_OUTCOMES = ("CC", "CD", "DC", "DD")


def _probability(value: Any, what: str) -> Fraction | float:
    kind, converted = classify_number(value, what)
    if not 0 <= converted <= 1:
        raise InvalidGameError(f"{what} is {value!r}; a probability must lie in [0, 1]")
    return converted


@dataclasses.dataclass(frozen=True, eq=False, repr=False)
class Automaton:
    r"""A strategy of a repeated two-action game as a finite automaton.

    Parameters
    ----------
    name : str
        A readable name, used as a label in tournaments.
    cooperation : sequence of numbers
        Probability of cooperating in each state (``1`` = cooperate, ``0`` = defect).
    transitions : array_like of int, shape (num_states, 2, 2)
        ``transitions[q][own][other]`` is the next state after the player realised action
        ``own`` and the opponent ``other`` (0 = cooperate, 1 = defect) in state ``q``.
    initial_state : int, default 0
    state_labels : sequence of str, optional
        Names of the states (default ``"q0", "q1", ...``).

    Raises
    ------
    InvalidGameError
        On an empty state set, probabilities outside ``[0, 1]``, a transition table of the
        wrong shape or naming a state that does not exist.

    Notes
    -----
    Exact probabilities (ints, Fractions, strings like ``"1/3"``) are kept exact, so exact
    long-run payoffs can be computed (:func:`deterrence.analysis.tournament.long_run_payoffs`).

    Examples
    --------
    Grim trigger: cooperate until the opponent defects once, then defect forever.

    >>> grim = Automaton("grim", [1, 0], [[[0, 1], [0, 1]], [[1, 1], [1, 1]]],
    ...                  state_labels=("cooperating", "punishing"))
    >>> grim.num_states, grim.is_deterministic
    (2, True)
    >>> grim.next_state(0, own=0, other=1)
    1
    """

    name: str
    cooperation: Sequence[Any]
    transitions: Any
    initial_state: int = 0
    state_labels: Sequence[str] | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name.strip():
            raise InvalidGameError(f"automaton name must be a non-empty string, got {self.name!r}")
        try:
            raw = list(self.cooperation)
        except TypeError:
            raise InvalidGameError(
                f"cooperation of {self.name!r} must be a sequence of probabilities, got "
                f"{self.cooperation!r}"
            ) from None
        if not raw:
            raise InvalidGameError(f"automaton {self.name!r} has no states")
        values = [
            _probability(v, f"cooperation probability of state {q} of {self.name!r}")
            for q, v in enumerate(raw)
        ]
        if any(isinstance(v, float) for v in values):
            values = [float(v) for v in values]
        num_states = len(values)
        try:
            table = np.array(self.transitions)
        except ValueError:
            raise InvalidGameError(
                f"transitions of {self.name!r} are ragged; expected shape ({num_states}, 2, 2)"
            ) from None
        if table.shape != (num_states, 2, 2):
            raise InvalidGameError(
                f"transitions of {self.name!r} have shape {table.shape}; expected "
                f"({num_states}, 2, 2): next state for each state, own action and opponent action"
            )
        if table.dtype.kind not in "iu" and not (
            table.dtype.kind == "f" and np.all(table == np.round(table))
        ):
            raise InvalidGameError(
                f"transitions of {self.name!r} must be state indices, got dtype {table.dtype}"
            )
        table = table.astype(np.int64)
        if table.min() < 0 or table.max() >= num_states:
            raise InvalidGameError(
                f"transitions of {self.name!r} name state {int(table.max()) if table.max() >= num_states else int(table.min())}; "  # noqa: E501
                f"states are 0..{num_states - 1}"
            )
        initial = self.initial_state
        if (
            isinstance(initial, bool)
            or not isinstance(initial, (int, np.integer))
            or not (0 <= initial < num_states)
        ):
            raise InvalidGameError(
                f"initial_state of {self.name!r} is {initial!r}; expected 0..{num_states - 1}"
            )
        if self.state_labels is None:
            labels = tuple(f"q{k}" for k in range(num_states))
        else:
            labels = tuple(str(x) for x in self.state_labels)
            if len(labels) != num_states:
                raise InvalidGameError(
                    f"state_labels of {self.name!r} has {len(labels)} labels; expected {num_states}"
                )
        table.setflags(write=False)
        object.__setattr__(self, "cooperation", tuple(values))
        object.__setattr__(self, "transitions", table)
        object.__setattr__(self, "initial_state", int(initial))
        object.__setattr__(self, "state_labels", labels)

    @property
    def num_states(self) -> int:
        """Number of states."""
        return len(self.cooperation)

    @property
    def is_deterministic(self) -> bool:
        """Whether every state prescribes a pure action."""
        return all(p in (0, 1) for p in self.cooperation)

    @property
    def is_exact(self) -> bool:
        """Whether the cooperation probabilities are exact rationals."""
        return all(isinstance(p, Fraction) for p in self.cooperation)

    def action(self, state: int) -> int:
        """Action of a deterministic state: 0 (cooperate) or 1 (defect).

        Raises
        ------
        InvalidGameError
            If the state mixes.

        Examples
        --------
        >>> TFT.action(TFT.initial_state)
        0
        """
        p = self.cooperation[state]
        if p not in (0, 1):
            raise InvalidGameError(
                f"state {tuple(self.state_labels or ())[state]!r} of {self.name!r} mixes "
                "(cooperates with "
                f"probability {p}); it has no single action"
            )
        return COOPERATE if p == 1 else DEFECT

    def next_state(self, state: int, *, own: int, other: int) -> int:
        """State after a period in which the player realised ``own`` and the opponent ``other``."""
        return int(self.transitions[state, own, other])

    def replace(self, **changes: Any) -> Automaton:
        """Return a copy with some fields changed (validated again).

        Examples
        --------
        >>> TFT.replace(name="reciprocity").name
        'reciprocity'
        """
        return dataclasses.replace(self, **changes)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Automaton):
            return NotImplemented
        return (
            self.name == other.name
            and self.cooperation == other.cooperation
            and self.initial_state == other.initial_state
            and np.array_equal(self.transitions, other.transitions)
        )

    def __hash__(self) -> int:
        return hash((self.name, self.cooperation, self.initial_state))

    def __repr__(self) -> str:
        return (
            f"<Automaton {self.name!r}, {self.num_states} states, "
            f"cooperation={[str(p) for p in self.cooperation]}>"
        )


# ---------------------------------------------------------------------- constructors
def memory_one(
    p_cc: Any,
    p_cd: Any,
    p_dc: Any,
    p_dd: Any,
    *,
    initial: Any = 1,
    name: str | None = None,
) -> Automaton:
    r"""A memory-one strategy ``(p_CC, p_CD, p_DC, p_DD)``.

    Parameters
    ----------
    p_cc, p_cd, p_dc, p_dd : number
        Probability of cooperating after the outcome ``(own, other)`` = CC, CD, DC, DD of the
        previous period (realised actions).
    initial : number, default 1
        Probability of cooperating in the first period.
    name : str, optional
        Default ``"memory-one(p_CC, p_CD, p_DC, p_DD)"``.

    Returns
    -------
    Automaton
        Five states: ``"start"`` and the four outcomes ``"CC", "CD", "DC", "DD"``.

    Raises
    ------
    InvalidGameError
        If a probability lies outside ``[0, 1]``.

    Notes
    -----
    Nowak and Sigmund (1993): TFT is ``(1, 0, 1, 0)``, WSLS ``(1, 0, 0, 1)``, ALLD
    ``(0, 0, 0, 0)``, GTFT(p) ``(1, p, 1, p)``.

    Examples
    --------
    >>> wsls = memory_one(1, 0, 0, 1, name="Pavlov")
    >>> wsls.state_labels
    ('start', 'CC', 'CD', 'DC', 'DD')
    >>> memory_one("1", "1/3", 1, "1/3").cooperation[2]
    Fraction(1, 3)
    """
    vector = (p_cc, p_cd, p_dc, p_dd)
    if name is None:
        name = "memory-one(" + ", ".join(str(p) for p in vector) + ")"
    # state 1 + 2*own + other is the outcome (own, other)
    table = [[[1 + 2 * own + other for other in (0, 1)] for own in (0, 1)]] * 5
    return Automaton(
        name,
        [initial, *vector],
        table,
        initial_state=0,
        state_labels=("start", *_OUTCOMES),
    )


def memory_n(
    memory: int,
    rule: Callable[[tuple[str, ...]], Any],
    *,
    name: str,
) -> Automaton:
    """A memory-n strategy from a rule on the last ``n`` realised outcomes.

    Parameters
    ----------
    memory : int
        ``n >= 1``, how many past periods the rule sees.
    rule : callable
        Maps the recent history -- a tuple of outcomes ``"CC", "CD", "DC", "DD"`` (own move
        first), oldest first, of length ``min(t, n)`` in period ``t`` -- to the probability
        of cooperating. It is called once per state when the automaton is built.
    name : str

    Returns
    -------
    Automaton
        One state per history of length ``0..n``: ``(4**(n+1) - 1) / 3`` states.

    Raises
    ------
    InvalidGameError
        If ``memory`` is not a positive integer (at most 4) or the rule returns a value
        outside ``[0, 1]``.

    Examples
    --------
    Tit for two tats as a memory-two rule:

    >>> tf2t = memory_n(2, lambda history: 0 if len(history) == 2 and all(
    ...     outcome[1] == "D" for outcome in history) else 1, name="TF2T (memory two)")
    >>> tf2t.num_states
    21
    """
    if (
        isinstance(memory, bool)
        or not isinstance(memory, (int, np.integer))
        or not (1 <= memory <= 4)
    ):
        raise InvalidGameError(f"memory must be an integer from 1 to 4, got {memory!r}")
    histories: list[tuple[str, ...]] = [()]
    for length in range(1, int(memory) + 1):
        histories += [h + (o,) for h in histories if len(h) == length - 1 for o in _OUTCOMES]
    index = {h: k for k, h in enumerate(histories)}
    table = []
    for history in histories:
        rows = []
        for own in (0, 1):
            row = []
            for other in (0, 1):
                extended = (history + (_OUTCOMES[2 * own + other],))[-int(memory) :]
                row.append(index[extended])
            rows.append(row)
        table.append(rows)
    cooperation = [rule(history) for history in histories]
    labels = ["start" if not h else "-".join(h) for h in histories]
    return Automaton(name, cooperation, table, state_labels=labels)


def reactive(
    p_after_cooperation: Any, p_after_defection: Any, *, initial: Any = 1, name: str | None = None
) -> Automaton:
    """A reactive strategy: cooperate with a probability that depends on the opponent's last move.

    Examples
    --------
    >>> reactive(1, 0, name="TFT").cooperation
    (Fraction(1, 1), Fraction(1, 1), Fraction(0, 1))
    """
    if name is None:
        name = f"reactive({p_after_cooperation}, {p_after_defection})"
    # states: 0 start, 1 opponent cooperated, 2 opponent defected
    table = [[[1, 2], [1, 2]]] * 3
    return Automaton(
        name,
        [initial, p_after_cooperation, p_after_defection],
        table,
        state_labels=("start", "other cooperated", "other defected"),
    )


def always_cooperate() -> Automaton:
    """ALLC: cooperate whatever happens.

    Examples
    --------
    >>> always_cooperate().cooperation
    (Fraction(1, 1),)
    """
    return Automaton("ALLC", [1], [[[0, 0], [0, 0]]], state_labels=("cooperate",))


def always_defect() -> Automaton:
    """ALLD: defect whatever happens.

    Examples
    --------
    >>> always_defect().action(0)
    1
    """
    return Automaton("ALLD", [0], [[[0, 0], [0, 0]]], state_labels=("defect",))


def tit_for_tat() -> Automaton:
    """TFT: cooperate first, then copy the opponent's last realised action (Axelrod 1984).

    Examples
    --------
    >>> tit_for_tat().state_labels
    ('other cooperated', 'other defected')
    """
    return Automaton(
        "TFT",
        [1, 0],
        [[[0, 1], [0, 1]]] * 2,
        state_labels=("other cooperated", "other defected"),
    )


def tit_for_two_tats() -> Automaton:
    """TF2T: defect only after two consecutive defections of the opponent (Axelrod 1984).

    Examples
    --------
    >>> tit_for_two_tats().num_states
    3
    """
    # states: 0 last move C, 1 one defection, 2 two (or more) defections in a row
    table = [[[0, 1], [0, 1]], [[0, 2], [0, 2]], [[0, 2], [0, 2]]]
    return Automaton(
        "TF2T",
        [1, 1, 0],
        table,
        state_labels=("no defection", "one defection", "two defections"),
    )


def grim_trigger() -> Automaton:
    """GRIM: cooperate until someone defects, then defect forever (Friedman 1971).

    The trigger is any realised defection, the opponent's or (by noise) one's own: the
    textbook grim trigger, which is subgame perfect for ``delta >= (T-R)/(T-P)``
    (Fudenberg and Tirole 1991, sec. 5.1). Without noise it plays move for move like
    Axelrod's ``Grudger``, which reacts to the opponent's defections only; that variant is
    not subgame perfect (after its own defection it would keep cooperating while punished).

    Examples
    --------
    >>> grim_trigger().next_state(0, own=1, other=0)
    1
    """
    return Automaton(
        "GRIM",
        [1, 0],
        [[[0, 1], [1, 1]], [[1, 1], [1, 1]]],
        state_labels=("cooperating", "punishing"),
    )


def win_stay_lose_shift() -> Automaton:
    """WSLS (Pavlov): repeat the last action after R or T, switch after P or S.

    Equivalently, cooperate iff both players chose the same action last period
    (Nowak and Sigmund 1993; Kraines and Kraines 1989).

    Examples
    --------
    >>> wsls = win_stay_lose_shift()
    >>> [wsls.action(wsls.next_state(0, own=a, other=b)) for a in (0, 1) for b in (0, 1)]
    [0, 1, 1, 0]
    """
    # state 0: cooperate (after CC or DD), state 1: defect (after CD or DC)
    return Automaton(
        "WSLS",
        [1, 0],
        [[[0, 1], [1, 0]]] * 2,
        state_labels=("same actions", "different actions"),
    )


def generous_tit_for_tat(generosity: Any = Fraction(1, 3)) -> Automaton:
    """GTFT(p): tit for tat that forgives a defection with probability ``p``.

    Parameters
    ----------
    generosity : number, default 1/3
        Probability of cooperating after the opponent defected. Nowak and Sigmund (1992)
        recommend ``min(1 - (T-R)/(R-S), (R-P)/(T-P))``, which is 1/3 for (5, 3, 1, 0); see
        :func:`deterrence.solvers.repeated.generous_tit_for_tat_generosity`.

    Returns
    -------
    Automaton
        The reactive strategy ``(1, p)`` that cooperates first.

    Examples
    --------
    >>> GTFT("1/3").name
    'GTFT(1/3)'
    """
    p = _probability(generosity, "generosity of GTFT")
    return reactive(1, p, name=f"GTFT({p})").replace(
        state_labels=("start", "other cooperated", "other defected")
    )


def random_strategy(probability: Any = Fraction(1, 2)) -> Automaton:
    """RANDOM(p): cooperate with probability ``p`` each period, ignoring the history.

    Examples
    --------
    >>> RANDOM("1/2").cooperation
    (Fraction(1, 2),)
    """
    p = _probability(probability, "cooperation probability of RANDOM")
    return Automaton(f"RANDOM({p})", [p], [[[0, 0], [0, 0]]], state_labels=("random",))


#: Short names used throughout the literature.
GTFT = generous_tit_for_tat
RANDOM = random_strategy

ALLC = always_cooperate()
ALLD = always_defect()
TFT = tit_for_tat()
TF2T = tit_for_two_tats()
GRIM = grim_trigger()
WSLS = win_stay_lose_shift()


def classic_strategies() -> tuple[Automaton, ...]:
    """The classic strategies ALLC, ALLD, TFT, TF2T, GRIM, WSLS, GTFT(1/3), RANDOM(1/2).

    Examples
    --------
    >>> [s.name for s in classic_strategies()]
    ['ALLC', 'ALLD', 'TFT', 'TF2T', 'GRIM', 'WSLS', 'GTFT(1/3)', 'RANDOM(1/2)']
    """
    return (ALLC, ALLD, TFT, TF2T, GRIM, WSLS, GTFT(Fraction(1, 3)), RANDOM(Fraction(1, 2)))
