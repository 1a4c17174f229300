r"""Play between repeated-game strategies: exact Markov payoffs, simulated matches, tournaments.

Two automata :class:`~deterrence.games.automata.Automaton` ``first`` and ``second`` playing a
2x2 stage game generate a Markov chain on pairs of automaton states :math:`(q_1, q_2)`. In
state :math:`(q_1, q_2)` player ``k`` *intends* to cooperate with probability :math:`c_k(q_k)`;
**noise** then flips each intended action independently with probability
:math:`\varepsilon`, so the realised action is cooperation with probability
:math:`c_k (1 - \varepsilon) + (1 - c_k) \varepsilon`. Both automata move on the realised
actions. For memory-one strategies this is the four-state chain of Nowak and Sigmund (1990,
1993) on the outcomes CC, CD, DC, DD.

*Long-run average payoffs* (limit of means) are computed exactly from the chain started in
the initial pair of states: the Cesàro-limit occupation measure is the mixture, over the
closed communicating classes, of each class's stationary distribution weighted by the
probability of absorption into it (Kemeny and Snell 1960, ch. 3-5), which also covers
reducible chains (no noise, e.g. GRIM against GRIM). *Discounted payoffs*
:math:`(1-\delta)\sum_t \delta^t \mathbb E u(a^t)` solve :math:`(I - \delta P)`. With exact
inputs (ints, Fractions, strings like ``"1/100"``) the answers are exact ``Fraction``.

Simulation plays many matches at once: all pairs of a round robin times all repetitions are
one vector of matches advanced period by period in numpy.

References
----------
.. [1] M. A. Nowak and K. Sigmund, "The evolution of stochastic strategies in the
   Prisoner's Dilemma", *Acta Applicandae Mathematicae* 20 (1990) 247-265.
.. [2] M. A. Nowak and K. Sigmund, "A strategy of win-stay, lose-shift that outperforms
   tit-for-tat in the Prisoner's Dilemma game", *Nature* 364 (1993) 56-58.
.. [3] R. Axelrod, *The Evolution of Cooperation*, Basic Books, 1984.
.. [4] J. G. Kemeny and J. L. Snell, *Finite Markov Chains*, Van Nostrand, 1960.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import numpy as np
import pandas as pd

from deterrence.exceptions import InvalidGameError, UnsupportedGameError
from deterrence.games._numbers import classify_number
from deterrence.games.automata import Automaton
from deterrence.games.normal_form import NormalFormGame

__all__ = [
    "MatchResult",
    "discounted_payoffs",
    "long_run_outcomes",
    "long_run_payoffs",
    "round_robin",
    "simulate_match",
    "simulate_matches",
    "strategy_game",
]


# ---------------------------------------------------------------------- validation
def _check_stage(stage: Any) -> NormalFormGame:
    if not isinstance(stage, NormalFormGame):
        raise InvalidGameError(f"stage must be a NormalFormGame, got {type(stage).__name__}")
    if stage.num_players != 2 or stage.num_strategies != (2, 2):
        raise UnsupportedGameError(
            f"automaton play needs a two-player 2x2 stage game (cooperate, defect); got "
            f"{stage.num_players} players with strategies {stage.num_strategies}"
        )
    return stage


def _check_automaton(strategy: Any, what: str) -> Automaton:
    if not isinstance(strategy, Automaton):
        raise InvalidGameError(
            f"{what} must be an Automaton (e.g. TFT, memory_one(...)), got "
            f"{type(strategy).__name__}"
        )
    return strategy


def _check_probability(value: Any, what: str, *, upper_open: bool = False) -> Fraction | float:
    kind, converted = classify_number(value, what)
    if not 0 <= converted <= 1 or (upper_open and converted == 1):
        bound = "[0, 1)" if upper_open else "[0, 1]"
        raise InvalidGameError(f"{what} is {value!r}; expected a number in {bound}")
    return converted


def _rng(rng: np.random.Generator | int | None) -> np.random.Generator:
    if isinstance(rng, np.random.Generator):
        return rng
    if rng is None or (isinstance(rng, (int, np.integer)) and not isinstance(rng, bool)):
        return np.random.default_rng(rng)
    raise InvalidGameError(f"rng must be a numpy Generator, an int seed or None, got {rng!r}")


# ---------------------------------------------------------------------- Markov chain
@dataclasses.dataclass
class _Chain:
    states: list[tuple[int, int]]
    transition: list[list[Any]]  # dense, rows sum to one
    outcomes: list[list[Any]]  # per state: probabilities of realised CC, CD, DC, DD
    exact: bool


def _joint_chain(first: Automaton, second: Automaton, noise: Any, exact: bool) -> _Chain:
    one: Any = Fraction(1) if exact else 1.0

    def realised(p: Any) -> Any:
        p = p if exact else float(p)
        return p * (one - noise) + (one - p) * noise

    start = (first.initial_state, second.initial_state)
    index = {start: 0}
    states = [start]
    edges: list[dict[int, Any]] = []
    outcomes: list[list[Any]] = []
    k = 0
    while k < len(states):
        q1, q2 = states[k]
        c1, c2 = realised(first.cooperation[q1]), realised(second.cooperation[q2])
        probabilities = [c1 * c2, c1 * (one - c2), (one - c1) * c2, (one - c1) * (one - c2)]
        outcomes.append(probabilities)
        row: dict[int, Any] = {}
        for outcome, prob in enumerate(probabilities):
            if prob == 0:
                continue
            x, y = divmod(outcome, 2)
            nxt = (first.next_state(q1, own=x, other=y), second.next_state(q2, own=y, other=x))
            if nxt not in index:
                index[nxt] = len(states)
                states.append(nxt)
            j = index[nxt]
            row[j] = row.get(j, 0) + prob
        edges.append(row)
        k += 1
    n = len(states)
    zero: Any = Fraction(0) if exact else 0.0
    transition = [[row.get(j, zero) for j in range(n)] for row in edges]
    return _Chain(states, transition, outcomes, exact)


def _solve(matrix: list[list[Any]], rhs: list[Any], exact: bool) -> list[Any]:
    """Solve a square linear system exactly (Fractions, Gaussian elimination) or in floats."""
    if not exact:
        return list(np.linalg.solve(np.array(matrix, dtype=float), np.array(rhs, dtype=float)))
    n = len(matrix)
    a = [[Fraction(v) for v in row] + [Fraction(rhs[i])] for i, row in enumerate(matrix)]
    for col in range(n):
        pivot = next(r for r in range(col, n) if a[r][col] != 0)
        a[col], a[pivot] = a[pivot], a[col]
        inv = 1 / a[col][col]
        a[col] = [v * inv for v in a[col]]
        for r in range(n):
            if r != col and a[r][col] != 0:
                factor = a[r][col]
                a[r] = [v - factor * w for v, w in zip(a[r], a[col])]
    return [a[i][n] for i in range(n)]


def _occupation(chain: _Chain) -> list[Any]:
    """Cesàro-limit occupation measure of the chain started in state 0."""
    from scipy.sparse.csgraph import connected_components

    n = len(chain.states)
    exact = chain.exact
    zero: Any = Fraction(0) if exact else 0.0
    support = np.array([[p != 0 for p in row] for row in chain.transition], dtype=bool)
    _, labels = connected_components(support, directed=True, connection="strong")
    classes: dict[int, list[int]] = {}
    for s, label in enumerate(labels):
        classes.setdefault(int(label), []).append(s)
    closed = [
        members
        for members in classes.values()
        if not support[np.ix_(members, [s for s in range(n) if s not in members])].any()
    ]
    in_closed = {s for members in closed for s in members}
    transient = [s for s in range(n) if s not in in_closed]
    weights = [zero] * n
    for members in closed:
        # stationary distribution on the class: pi (P - I) = 0, sum pi = 1
        m = len(members)
        equations = [
            [chain.transition[members[i]][members[j]] - (1 if i == j else 0) for i in range(m)]
            for j in range(m)
        ]
        equations[-1] = [1] * m
        rhs = [zero] * (m - 1) + [Fraction(1) if exact else 1.0]
        pi = _solve(equations, rhs, exact)
        # absorption probability from state 0
        if 0 in members:
            absorb: Any = Fraction(1) if exact else 1.0
        elif 0 in in_closed:
            absorb = zero
        else:
            t = len(transient)
            system = [
                [
                    (1 if i == j else 0) - chain.transition[transient[i]][transient[j]]
                    for j in range(t)
                ]
                for i in range(t)
            ]
            rhs_t = [sum(chain.transition[s][c] for c in members) for s in transient]
            absorb = _solve(system, rhs_t, exact)[transient.index(0)]
        for i, s in enumerate(members):
            weights[s] = absorb * pi[i]
    return weights


def _parameters(
    stage: Any, first: Any, second: Any, noise: Any
) -> tuple[NormalFormGame, Automaton, Automaton, Any, bool]:
    stage = _check_stage(stage)
    first = _check_automaton(first, "first")
    second = _check_automaton(second, "second")
    epsilon = _check_probability(noise, "noise")
    exact = stage.is_exact and first.is_exact and second.is_exact and isinstance(epsilon, Fraction)
    return stage, first, second, (epsilon if exact else float(epsilon)), exact


def _outcome_payoffs(stage: NormalFormGame, exact: bool) -> list[list[Any]]:
    payoffs = stage.payoffs if exact else stage.float_payoffs
    return [
        [payoffs[i][x, y] if exact else float(payoffs[i][x, y]) for x in (0, 1) for y in (0, 1)]
        for i in (0, 1)
    ]


def long_run_outcomes(
    stage: NormalFormGame, first: Automaton, second: Automaton, *, noise: Any = 0
) -> dict[str, Any]:
    """Long-run frequencies of the outcomes CC, CD, DC, DD between two automata under noise.

    Parameters
    ----------
    stage : NormalFormGame
        A two-player 2x2 stage game (action 0 = cooperate).
    first, second : Automaton
    noise : number, default 0
        Probability that each intended action is flipped, independently.

    Returns
    -------
    dict
        ``{"CC": ..., "CD": ..., "DC": ..., "DD": ...}`` from ``first``'s point of view;
        ``Fraction`` values when everything is exact.

    Raises
    ------
    InvalidGameError, UnsupportedGameError
        On a bad stage game, strategy or noise level.

    Examples
    --------
    >>> from deterrence.games.repeated import prisoners_dilemma
    >>> from deterrence.games.automata import TFT
    >>> long_run_outcomes(prisoners_dilemma(), TFT, TFT, noise="1/10")["CC"]
    Fraction(1, 4)
    """
    stage, first, second, epsilon, exact = _parameters(stage, first, second, noise)
    chain = _joint_chain(first, second, epsilon, exact)
    weights = _occupation(chain)
    zero: Any = Fraction(0) if exact else 0.0
    totals = [sum((w * row[k] for w, row in zip(weights, chain.outcomes)), zero) for k in range(4)]
    if not exact:
        totals = [float(t) for t in totals]
    return dict(zip(("CC", "CD", "DC", "DD"), totals))


def long_run_payoffs(
    stage: NormalFormGame, first: Automaton, second: Automaton, *, noise: Any = 0
) -> tuple[Any, Any]:
    r"""Exact long-run average payoffs (limit of means) of two automata under noise.

    Parameters
    ----------
    stage : NormalFormGame
        A two-player 2x2 stage game (action 0 = cooperate).
    first, second : Automaton
    noise : number, default 0
        Probability :math:`\varepsilon` that each intended action is flipped.

    Returns
    -------
    tuple
        ``(payoff of first, payoff of second)``; exact ``Fraction`` when the stage game,
        both strategies and ``noise`` are exact, floats otherwise.

    Raises
    ------
    InvalidGameError, UnsupportedGameError
        On a bad stage game, strategy or noise level.

    Notes
    -----
    The payoff is :math:`\sum_s w(s)\, \omega(s) \cdot u`, with :math:`w` the Cesàro-limit
    occupation of the joint-state chain from the initial states, :math:`\omega(s)` the
    probabilities of the realised outcomes in state ``s`` and ``u`` the stage payoffs. For
    ``0 < noise < 1`` TFT against TFT visits the four outcomes equally often, so each player
    gets :math:`(R + S + T + P)/4` (Molander 1985; Nowak and Sigmund 1993).

    Examples
    --------
    >>> from deterrence.games.repeated import prisoners_dilemma
    >>> from deterrence.games.automata import TFT, WSLS, GRIM, ALLD
    >>> pd = prisoners_dilemma()
    >>> long_run_payoffs(pd, TFT, TFT, noise="1/100")
    (Fraction(9, 4), Fraction(9, 4))
    >>> long_run_payoffs(pd, GRIM, ALLD)
    (Fraction(1, 1), Fraction(1, 1))
    >>> long_run_payoffs(pd, WSLS, WSLS, noise=0.01)[0]  # doctest: +NUMBER
    2.9511
    """
    outcomes = long_run_outcomes(stage, first, second, noise=noise)
    exact = all(isinstance(v, Fraction) for v in outcomes.values())
    u = _outcome_payoffs(stage, exact)
    values = list(outcomes.values())
    first_value, second_value = (sum(w * u[i][k] for k, w in enumerate(values)) for i in (0, 1))
    if not exact:
        return (float(first_value), float(second_value))
    return (first_value, second_value)


def discounted_payoffs(
    stage: NormalFormGame,
    first: Automaton,
    second: Automaton,
    *,
    discount: Any,
    noise: Any = 0,
) -> tuple[Any, Any]:
    r"""Expected normalised discounted payoffs of two automata under noise.

    Parameters
    ----------
    stage : NormalFormGame
        A two-player 2x2 stage game (action 0 = cooperate).
    first, second : Automaton
    discount : number
        :math:`0 \le \delta < 1`.
    noise : number, default 0
        Probability that each intended action is flipped.

    Returns
    -------
    tuple
        :math:`(1-\delta)\, e_{s_0}^\top (I - \delta P)^{-1} \Omega u` for both players;
        exact when all inputs are exact.

    Raises
    ------
    InvalidGameError, UnsupportedGameError

    Examples
    --------
    TFT meets ALLD: ``S`` once, then ``P`` forever.

    >>> from deterrence.games.repeated import prisoners_dilemma
    >>> from deterrence.games.automata import TFT, ALLD
    >>> discounted_payoffs(prisoners_dilemma(), TFT, ALLD, discount="1/2")
    (Fraction(1, 2), Fraction(3, 1))
    """
    stage, first, second, epsilon, exact = _parameters(stage, first, second, noise)
    delta = _check_probability(discount, "discount", upper_open=True)
    if not exact:
        delta = float(delta)
    elif not isinstance(delta, Fraction):
        exact = False
        epsilon = float(epsilon)
        delta = float(delta)
    chain = _joint_chain(first, second, epsilon, exact)
    n = len(chain.states)
    # x^T (I - delta P) = e_0^T  <=>  (I - delta P)^T x = e_0
    system = [
        [(1 if i == j else 0) - delta * chain.transition[j][i] for j in range(n)] for i in range(n)
    ]
    zero: Any = Fraction(0) if exact else 0.0
    rhs = [Fraction(1) if exact else 1.0] + [zero] * (n - 1)
    x = _solve(system, rhs, exact)
    u = _outcome_payoffs(stage, exact)
    values = []
    for i in (0, 1):
        total = sum(
            (x[s] * sum(chain.outcomes[s][k] * u[i][k] for k in range(4)) for s in range(n)),
            zero,
        )
        values.append((1 - delta) * total)
    if not exact:
        return (float(values[0]), float(values[1]))
    return (values[0], values[1])


def strategy_game(
    stage: NormalFormGame,
    strategies: Sequence[Automaton],
    *,
    noise: Any = 0,
    discount: Any = None,
    title: str = "",
) -> NormalFormGame:
    """The symmetric game between repeated-game strategies (payoffs of whole matches).

    Entry ``(i, j)`` is the long-run average payoff (or, with ``discount``, the discounted
    payoff) of strategy ``i`` against strategy ``j``. Feed it to
    :mod:`deterrence.solvers.evolutionary` to study which strategies spread.

    Parameters
    ----------
    stage : NormalFormGame
        A two-player 2x2 stage game.
    strategies : sequence of Automaton
        At least one; names become the strategy labels.
    noise : number, default 0
    discount : number, optional
        Use discounted rather than long-run average payoffs.
    title : str

    Returns
    -------
    NormalFormGame
        Symmetric, exact when every input is exact. Player labels are the stage game's.

    Raises
    ------
    InvalidGameError
        On an empty list or duplicate names.

    Examples
    --------
    >>> from deterrence.games.repeated import prisoners_dilemma
    >>> from deterrence.games.automata import ALLD, GRIM
    >>> game = strategy_game(prisoners_dilemma(), [GRIM, ALLD], discount="1/2")
    >>> game.payoff_matrix(0).tolist()
    [[Fraction(3, 1), Fraction(1, 2)], [Fraction(3, 1), Fraction(1, 1)]]
    """
    stage = _check_stage(stage)
    strategies = [_check_automaton(s, f"strategies[{k}]") for k, s in enumerate(strategies)]
    if not strategies:
        raise InvalidGameError("strategies is empty; expected at least one Automaton")
    names = [s.name for s in strategies]
    duplicates = sorted({x for x in names if names.count(x) > 1})
    if duplicates:
        raise InvalidGameError(f"strategies have duplicate names {duplicates}")
    n = len(strategies)
    matrix: list[list[Any]] = [[None] * n for _ in range(n)]
    for i in range(n):
        for j in range(i, n):
            if discount is None:
                a, b = long_run_payoffs(stage, strategies[i], strategies[j], noise=noise)
            else:
                a, b = discounted_payoffs(
                    stage, strategies[i], strategies[j], discount=discount, noise=noise
                )
            matrix[i][j], matrix[j][i] = a, b
    column = [list(row) for row in zip(*matrix)]
    return NormalFormGame.from_matrices(
        matrix,
        column,
        players=stage.players,
        strategies=(names, names),
        title=title or f"strategies of the repeated {stage.title or 'game'}",
    )


# ---------------------------------------------------------------------- simulation
def _tables(strategies: Sequence[Automaton]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    size = max(s.num_states for s in strategies)
    cooperation = np.zeros((len(strategies), size))
    transitions = np.zeros((len(strategies), size, 2, 2), dtype=np.int64)
    initial = np.zeros(len(strategies), dtype=np.int64)
    for k, s in enumerate(strategies):
        cooperation[k, : s.num_states] = [float(p) for p in s.cooperation]
        transitions[k, : s.num_states] = s.transitions
        initial[k] = s.initial_state
    return cooperation, transitions, initial


def _play(
    strategies: Sequence[Automaton],
    first: np.ndarray,
    second: np.ndarray,
    payoffs: np.ndarray,
    *,
    turns: int,
    lengths: np.ndarray | None,
    noise: float,
    rng: np.random.Generator,
    record: bool = False,
    progress: bool = False,
    description: str = "playing",
) -> dict[str, Any]:
    """Play ``len(first)`` matches at once; ``payoffs`` has shape (2, 2, 2) as floats."""
    from tqdm.auto import tqdm

    cooperation, transitions, initial = _tables(strategies)
    # realised cooperation probability after noise
    cooperation = cooperation * (1 - noise) + (1 - cooperation) * noise
    m = first.shape[0]
    state1, state2 = initial[first].copy(), initial[second].copy()
    total1, total2 = np.zeros(m), np.zeros(m)
    cooperations1 = np.zeros(m, dtype=np.int64)
    cooperations2 = np.zeros(m, dtype=np.int64)
    history = np.zeros((turns, m, 2), dtype=np.int8) if record else None
    u1 = payoffs[0].reshape(-1)
    u2 = payoffs[1].reshape(-1)
    for t in tqdm(range(turns), desc=description, disable=not progress, leave=False):
        draws = rng.random((2, m))
        action1 = (draws[0] >= cooperation[first, state1]).astype(np.int64)
        action2 = (draws[1] >= cooperation[second, state2]).astype(np.int64)
        outcome = 2 * action1 + action2
        if lengths is None:
            total1 += u1[outcome]
            total2 += u2[outcome]
            cooperations1 += 1 - action1
            cooperations2 += 1 - action2
        else:
            active = t < lengths
            total1 += np.where(active, u1[outcome], 0.0)
            total2 += np.where(active, u2[outcome], 0.0)
            cooperations1 += (1 - action1) * active
            cooperations2 += (1 - action2) * active
        if history is not None:
            history[t, :, 0] = action1
            history[t, :, 1] = action2
        state1 = transitions[first, state1, action1, action2]
        state2 = transitions[second, state2, action2, action1]
    played = np.full(m, turns) if lengths is None else np.minimum(lengths, turns)
    return {
        "totals": np.stack([total1, total2]),
        "cooperations": np.stack([cooperations1, cooperations2]),
        "turns": played,
        "history": history,
    }


@dataclasses.dataclass(frozen=True)
class MatchResult:
    """One simulated match.

    Attributes
    ----------
    players : tuple of str
        Names of the two strategies.
    actions : numpy.ndarray
        Shape ``(turns, 2)``; realised actions (0 = cooperate, 1 = defect).
    payoffs : numpy.ndarray
        Shape ``(turns, 2)``; stage payoffs.

    Examples
    --------
    Tit for tat against always defect: exploited once, then mutual defection.

    >>> from deterrence.games.repeated import prisoners_dilemma
    >>> from deterrence.games.automata import TFT, ALLD
    >>> match = simulate_match(prisoners_dilemma(), TFT, ALLD, turns=4)
    >>> match.players, match.turns
    (('TFT', 'ALLD'), 4)
    >>> match.payoffs.tolist()
    [[0.0, 5.0], [1.0, 1.0], [1.0, 1.0], [1.0, 1.0]]
    >>> match.mean_payoffs, match.cooperation_rates
    ((0.75, 2.0), (0.25, 0.0))
    """

    players: tuple[str, str]
    actions: np.ndarray
    payoffs: np.ndarray

    @property
    def turns(self) -> int:
        """Number of periods played."""
        return int(self.actions.shape[0])

    @property
    def mean_payoffs(self) -> tuple[float, float]:
        """Average payoff per period of each player."""
        if self.turns == 0:
            return (0.0, 0.0)
        means = self.payoffs.mean(axis=0)
        return (float(means[0]), float(means[1]))

    @property
    def cooperation_rates(self) -> tuple[float, float]:
        """Fraction of periods in which each player cooperated."""
        rates = 1 - self.actions.mean(axis=0)
        return (float(rates[0]), float(rates[1]))

    def moves(self) -> list[tuple[str, str]]:
        """The realised actions as ``("C"|"D", "C"|"D")`` pairs.

        Examples
        --------
        >>> from deterrence.games.repeated import prisoners_dilemma
        >>> from deterrence.games.automata import TFT, ALLD
        >>> simulate_match(prisoners_dilemma(), TFT, ALLD, turns=3).moves()
        [('C', 'D'), ('D', 'D'), ('D', 'D')]
        """
        return [("CD"[a], "CD"[b]) for a, b in self.actions.tolist()]


def _check_turns(turns: Any, continuation_probability: Any) -> tuple[int | None, float | None]:
    if (turns is None) == (continuation_probability is None):
        raise InvalidGameError(
            "give exactly one of turns (a fixed match length) and continuation_probability; "
            f"got turns={turns!r}, continuation_probability={continuation_probability!r}"
        )
    if turns is not None:
        if isinstance(turns, bool) or not isinstance(turns, (int, np.integer)) or turns < 0:
            raise InvalidGameError(f"turns must be a non-negative integer, got {turns!r}")
        return int(turns), None
    w = float(
        _check_probability(continuation_probability, "continuation_probability", upper_open=True)
    )
    return None, w


def simulate_match(
    stage: NormalFormGame,
    first: Automaton,
    second: Automaton,
    *,
    turns: int | None = None,
    continuation_probability: Any = None,
    noise: Any = 0,
    rng: np.random.Generator | int | None = None,
) -> MatchResult:
    """Simulate one match between two automata.

    Parameters
    ----------
    stage : NormalFormGame
        A two-player 2x2 stage game (action 0 = cooperate).
    first, second : Automaton
    turns : int, optional
        Fixed number of periods.
    continuation_probability : number, optional
        Instead of ``turns``: after each period the match continues with this probability
        (the length is geometric with mean ``1 / (1 - w)``).
    noise : number, default 0
        Probability that each intended action is flipped, independently.
    rng : numpy.random.Generator, int or None
        Seed or generator; the same seed gives the same match.

    Returns
    -------
    MatchResult

    Raises
    ------
    InvalidGameError
        If not exactly one of ``turns`` and ``continuation_probability`` is given, or on a bad
        strategy, noise level or seed.

    Examples
    --------
    >>> from deterrence.games.repeated import prisoners_dilemma
    >>> from deterrence.games.automata import TFT, WSLS
    >>> match = simulate_match(prisoners_dilemma(), TFT, WSLS, turns=1000, noise=0.05, rng=1)
    >>> match.turns, 0 < match.cooperation_rates[0] < 1
    (1000, True)
    """
    stage = _check_stage(stage)
    first = _check_automaton(first, "first")
    second = _check_automaton(second, "second")
    epsilon = float(_check_probability(noise, "noise"))
    fixed, w = _check_turns(turns, continuation_probability)
    generator = _rng(rng)
    if w is not None:
        length = int(generator.geometric(1 - w)) if w > 0 else 1
    else:
        length = int(fixed or 0)
    out = _play(
        [first, second],
        np.array([0]),
        np.array([1]),
        np.asarray(stage.float_payoffs),
        turns=length,
        lengths=None,
        noise=epsilon,
        rng=generator,
        record=True,
    )
    actions = out["history"][:, 0, :].astype(np.int64)
    payoffs = np.asarray(stage.float_payoffs)
    stage_payoffs = (
        np.stack(
            [payoffs[0][actions[:, 0], actions[:, 1]], payoffs[1][actions[:, 0], actions[:, 1]]],
            axis=1,
        )
        if length
        else np.zeros((0, 2))
    )
    return MatchResult((first.name, second.name), actions, stage_payoffs)


def simulate_matches(
    stage: NormalFormGame,
    first: Automaton,
    second: Automaton,
    *,
    repetitions: int,
    turns: int | None = None,
    continuation_probability: Any = None,
    noise: Any = 0,
    rng: np.random.Generator | int | None = None,
) -> np.ndarray:
    """Simulate many independent matches between two automata at once (vectorised).

    Parameters
    ----------
    stage, first, second, turns, continuation_probability, noise, rng
        As in :func:`simulate_match`.
    repetitions : int
        Number of independent matches.

    Returns
    -------
    numpy.ndarray
        Shape ``(repetitions, 2)``: each match's average payoff per period for both players.

    Raises
    ------
    InvalidGameError
        On bad arguments.

    Examples
    --------
    >>> from deterrence.games.repeated import prisoners_dilemma
    >>> from deterrence.games.automata import TFT
    >>> payoffs = simulate_matches(prisoners_dilemma(), TFT, TFT, repetitions=200,
    ...                            turns=500, noise=0.05, rng=2)
    >>> payoffs.shape, bool(abs(payoffs.mean() - 9 / 4) < 0.05)
    ((200, 2), True)
    """
    stage = _check_stage(stage)
    first = _check_automaton(first, "first")
    second = _check_automaton(second, "second")
    epsilon = float(_check_probability(noise, "noise"))
    fixed, w = _check_turns(turns, continuation_probability)
    if (
        isinstance(repetitions, bool)
        or not isinstance(repetitions, (int, np.integer))
        or (repetitions < 1)
    ):
        raise InvalidGameError(f"repetitions must be a positive integer, got {repetitions!r}")
    generator = _rng(rng)
    lengths: np.ndarray | None = None
    if w is not None:
        size = int(repetitions)
        lengths = (
            np.asarray(generator.geometric(1 - w, size=size))
            if w > 0
            else np.ones(size, dtype=np.int64)
        )
        horizon = int(lengths.max())
    else:
        horizon = int(fixed or 0)
    out = _play(
        [first, second],
        np.zeros(int(repetitions), dtype=np.int64),
        np.ones(int(repetitions), dtype=np.int64),
        np.asarray(stage.float_payoffs),
        turns=horizon,
        lengths=lengths,
        noise=epsilon,
        rng=generator,
    )
    played = np.maximum(out["turns"], 1).astype(float)
    return (out["totals"] / played).T


def round_robin(
    strategies: Sequence[Automaton],
    stage: NormalFormGame,
    *,
    turns: int | None = 200,
    continuation_probability: Any = None,
    repetitions: int = 10,
    noise: Any = 0,
    self_play: bool = True,
    rng: np.random.Generator | int | None = None,
    progress: bool = True,
) -> pd.DataFrame:
    """Round-robin tournament: every strategy meets every other (and itself), vectorised.

    All ``pairs x repetitions`` matches are played at once, period by period, in numpy.

    Parameters
    ----------
    strategies : sequence of Automaton
        At least two, with distinct names.
    stage : NormalFormGame
        A two-player 2x2 stage game (action 0 = cooperate).
    turns : int, default 200
        Match length; set ``turns=None`` and give ``continuation_probability`` for random
        (geometric) lengths, drawn independently for every match.
    continuation_probability : number, optional
    repetitions : int, default 10
        How many times each pairing is played.
    noise : number, default 0
        Probability that each intended action is flipped, independently.
    self_play : bool, default True
        Whether each strategy also meets a copy of itself (as in Axelrod's tournaments).
    rng : numpy.random.Generator, int or None
        Seed or generator; the same seed gives the same tournament.
    progress : bool, default True
        Show a tqdm progress bar over the periods.

    Returns
    -------
    pandas.DataFrame
        One row per strategy (index ``"strategy"``), sorted by rank, with columns
        ``rank``, ``mean_payoff`` (per period, over all matches), ``std_payoff`` (standard
        deviation over repetitions of the per-repetition mean), ``cooperation_rate``,
        ``wins`` (matches with a strictly higher total than the opponent) and ``matches``.
        ``frame.attrs["payoff_matrix"]`` is the matrix of mean per-period payoffs of row
        strategy against column strategy (in the input order) and
        ``frame.attrs["strategies"]`` the input names.

    Raises
    ------
    InvalidGameError
        On fewer than two strategies, duplicate names, bad turns, repetitions, noise or seed.

    Examples
    --------
    >>> from deterrence.games.repeated import prisoners_dilemma
    >>> from deterrence.games.automata import ALLC, ALLD, TFT, GRIM
    >>> frame = round_robin([ALLC, ALLD, TFT, GRIM], prisoners_dilemma(), turns=10,
    ...                     repetitions=2, rng=0, progress=False)
    >>> frame.loc["ALLD", "wins"], frame.loc["TFT", "mean_payoff"]
    (np.int64(6), np.float64(2.475))
    """
    stage = _check_stage(stage)
    strategies = [_check_automaton(s, f"strategies[{k}]") for k, s in enumerate(strategies)]
    if len(strategies) < 2:
        raise InvalidGameError(
            f"a round robin needs at least two strategies, got {len(strategies)}"
        )
    names = [s.name for s in strategies]
    duplicates = sorted({x for x in names if names.count(x) > 1})
    if duplicates:
        raise InvalidGameError(f"strategies have duplicate names {duplicates}")
    if (
        isinstance(repetitions, bool)
        or not isinstance(repetitions, (int, np.integer))
        or (repetitions < 1)
    ):
        raise InvalidGameError(f"repetitions must be a positive integer, got {repetitions!r}")
    epsilon = float(_check_probability(noise, "noise"))
    fixed, w = _check_turns(turns, continuation_probability)
    generator = _rng(rng)
    n = len(strategies)
    rows, columns = np.triu_indices(n, k=0 if self_play else 1)
    pairs = len(rows)
    first = np.tile(rows, repetitions)
    second = np.tile(columns, repetitions)
    lengths: np.ndarray | None = None
    if w is not None:
        size = first.shape[0]
        lengths = (
            np.asarray(generator.geometric(1 - w, size=size))
            if w > 0
            else np.ones(size, dtype=np.int64)
        )
        horizon = int(lengths.max())
    else:
        horizon = int(fixed or 0)
    out = _play(
        strategies,
        first,
        second,
        np.asarray(stage.float_payoffs),
        turns=horizon,
        lengths=lengths,
        noise=epsilon,
        rng=generator,
        progress=progress,
        description=f"round robin ({first.shape[0]} matches)",
    )
    played = np.maximum(out["turns"], 1).astype(float)
    totals, cooperations = out["totals"], out["cooperations"]
    # per-match per-period payoffs, shape (repetitions, pairs)
    mean1 = (totals[0] / played).reshape(repetitions, pairs)
    mean2 = (totals[1] / played).reshape(repetitions, pairs)
    matrix_sum = np.zeros((repetitions, n, n))
    count = np.zeros((n, n))
    for r in range(repetitions):
        np.add.at(matrix_sum[r], (rows, columns), mean1[r])
        off = rows != columns
        np.add.at(matrix_sum[r], (columns[off], rows[off]), mean2[r][off])
    # self-play: both copies' payoffs average into the diagonal
    diagonal = rows == columns
    if diagonal.any():
        for r in range(repetitions):
            matrix_sum[r][rows[diagonal], rows[diagonal]] = (
                mean1[r][diagonal] + mean2[r][diagonal]
            ) / 2
    count[rows, columns] = 1
    count[columns, rows] = 1
    per_repetition = matrix_sum.sum(axis=2) / count.sum(axis=1)  # (repetitions, n)
    matrix = matrix_sum.mean(axis=0)
    coop = np.zeros(n)
    moves = np.zeros(n)
    np.add.at(coop, first, cooperations[0])
    np.add.at(coop, second, cooperations[1])
    np.add.at(moves, first, out["turns"])
    np.add.at(moves, second, out["turns"])
    wins = np.zeros(n, dtype=np.int64)
    matches = np.zeros(n, dtype=np.int64)
    distinct = first != second
    better = (totals[0] > totals[1]) & distinct
    worse = (totals[0] < totals[1]) & distinct
    np.add.at(wins, first, better)
    np.add.at(wins, second, worse)
    np.add.at(matches, first, 1)
    np.add.at(matches, second, distinct)
    frame = pd.DataFrame(
        {
            "mean_payoff": per_repetition.mean(axis=0),
            "std_payoff": per_repetition.std(axis=0),
            "cooperation_rate": coop / np.maximum(moves, 1),
            "wins": wins,
            "matches": matches,
        },
        index=pd.Index(names, name="strategy"),
    )
    frame.insert(0, "rank", frame["mean_payoff"].rank(ascending=False, method="min").astype(int))
    frame = frame.sort_values(["rank", "mean_payoff"], kind="stable")
    frame.attrs["payoff_matrix"] = matrix
    frame.attrs["strategies"] = tuple(names)
    return frame
