r"""Repeated games: critical discount factors, the folk theorem and imperfect monitoring.

Notation: the stage game is a symmetric prisoner's dilemma with temptation ``T``, reward
``R``, punishment ``P`` and sucker ``S`` (``T > R > P > S``), unless said otherwise; values
are discounted with factor :math:`\delta` (see :mod:`deterrence.games.repeated`).

Closed forms (each returned exactly as a sympy number):

* grim trigger sustains cooperation as a subgame-perfect equilibrium iff
  :math:`\delta \ge (T-R)/(T-P)` (Friedman 1971);
* tit for tat against itself is a Nash equilibrium iff
  :math:`\delta \ge \max\{(T-R)/(T-P),\ (T-R)/(R-S)\}` (Axelrod and Hamilton 1981; Axelrod
  1984, Proposition 2);
* win-stay lose-shift against itself is subgame perfect iff :math:`\delta \ge (T-R)/(R-P)`
  (Fudenberg and Maskin 1990; Nowak and Sigmund 1993);
* the most generous tit for tat that still resists ALLD invasion forgives with probability
  :math:`\min\{1 - (T-R)/(R-S),\ (R-P)/(T-P)\}` (Molander 1985; Nowak and Sigmund 1992);
* grim trigger under imperfect monitoring -- a defection is detected with probability ``q``,
  cooperation is misread as defection with probability ``e`` -- needs
  :math:`\delta \ge (T-R) / ((q-e)(R-P) + (1-e)(T-R))` (Green and Porter 1984 style
  trigger strategies; Mailath and Samuelson 2006, ch. 7).

:func:`critical_discount` finds the threshold for *any* pair of deterministic finite
automata, from one-shot-deviation checks on the automaton states.

References
----------
.. [1] J. W. Friedman, "A non-cooperative equilibrium for supergames", *Review of Economic
   Studies* 38 (1971) 1-12.
.. [2] R. Axelrod and W. D. Hamilton, "The evolution of cooperation", *Science* 211 (1981)
   1390-1396; R. Axelrod, *The Evolution of Cooperation*, 1984.
.. [3] D. Fudenberg and E. Maskin, "The folk theorem in repeated games with discounting or
   with incomplete information", *Econometrica* 54 (1986) 533-554.
.. [4] P. Molander, "The optimal level of generosity in a selfish, uncertain environment",
   *Journal of Conflict Resolution* 29 (1985) 611-618.
.. [5] M. A. Nowak and K. Sigmund, "Tit for tat in heterogeneous populations", *Nature* 355
   (1992) 250-253.
.. [6] E. J. Green and R. H. Porter, "Noncooperative collusion under imperfect price
   information", *Econometrica* 52 (1984) 87-100.
.. [7] G. J. Mailath and L. Samuelson, *Repeated Games and Reputations*, Oxford University
   Press, 2006.
"""

from __future__ import annotations

import dataclasses
import itertools
import warnings
from collections.abc import Sequence
from typing import Any

import numpy as np
import sympy

from deterrence.exceptions import InvalidGameError, UnsupportedGameError
from deterrence.games.automata import Automaton
from deterrence.games.normal_form import NormalFormGame
from deterrence.games.repeated import RepeatedGame, prisoners_dilemma_payoffs

__all__ = [
    "PayoffPolygon",
    "critical_discount",
    "feasible_payoffs",
    "generous_tit_for_tat_generosity",
    "grim_trigger_threshold",
    "imperfect_monitoring_game",
    "imperfect_monitoring_threshold",
    "individually_rational_payoffs",
    "is_sustainable",
    "minmax_values",
    "tit_for_tat_threshold",
    "win_stay_lose_shift_threshold",
]

DELTA = sympy.Symbol("delta", nonnegative=True)


def _exact(value: Any) -> sympy.Expr:
    if isinstance(value, float):
        return sympy.Rational(value)
    return sympy.sympify(value)


def _pd(stage: Any) -> tuple[sympy.Expr, sympy.Expr, sympy.Expr, sympy.Expr]:
    if isinstance(stage, RepeatedGame):
        stage = stage.stage
    t, r, p, s = prisoners_dilemma_payoffs(stage)
    return _exact(t), _exact(r), _exact(p), _exact(s)


# ---------------------------------------------------------------------- closed forms
def grim_trigger_threshold(stage: NormalFormGame) -> sympy.Expr:
    r"""Smallest discount factor at which grim trigger sustains cooperation: (T-R)/(T-P).

    Parameters
    ----------
    stage : NormalFormGame or RepeatedGame
        A symmetric prisoner's dilemma (action 0 = cooperate).

    Returns
    -------
    sympy.Rational
        :math:`\delta^* = (T-R)/(T-P)`; (GRIM, GRIM) is subgame perfect iff
        :math:`\delta \ge \delta^*`.

    Raises
    ------
    UnsupportedGameError, InvalidGameError
        If the stage game is not a symmetric 2x2 prisoner's dilemma.

    Notes
    -----
    Cooperating forever is worth :math:`R/(1-\delta)`; the best deviation earns ``T`` once
    and ``P`` forever after, :math:`T + \delta P/(1-\delta)`. Cooperation is sustained iff
    :math:`R \ge (1-\delta)T + \delta P` (Friedman 1971; Fudenberg and Tirole 1991, sec. 5.1).

    Examples
    --------
    >>> from deterrence.games.repeated import prisoners_dilemma
    >>> grim_trigger_threshold(prisoners_dilemma(5, 3, 1, 0))
    1/2
    """
    t, r, p, _ = _pd(stage)
    return (t - r) / (t - p)


def tit_for_tat_threshold(stage: NormalFormGame) -> sympy.Expr:
    r"""Smallest discount factor at which (TFT, TFT) is a Nash equilibrium.

    Returns
    -------
    sympy.Rational
        :math:`\max\{(T-R)/(T-P),\ (T-R)/(R-S)\}`.

    Notes
    -----
    Against TFT the best replies are either to cooperate always, to defect always (value
    :math:`T + \delta P/(1-\delta)`) or to alternate defection and cooperation (value
    :math:`(T + \delta S)/(1-\delta^2)`); TFT is *collectively stable* iff neither beats
    :math:`R/(1-\delta)` (Axelrod 1984, Proposition 2; Axelrod and Hamilton 1981). (TFT,
    TFT) is never subgame perfect for an open range of discount factors.

    Examples
    --------
    >>> from deterrence.games.repeated import prisoners_dilemma
    >>> tit_for_tat_threshold(prisoners_dilemma(5, 3, 1, 0))
    2/3
    """
    t, r, p, s = _pd(stage)
    return sympy.Max((t - r) / (t - p), (t - r) / (r - s))


def win_stay_lose_shift_threshold(stage: NormalFormGame) -> sympy.Expr:
    r"""Smallest discount factor at which (WSLS, WSLS) is subgame perfect: (T-R)/(R-P).

    Returns
    -------
    sympy.Rational
        :math:`(T-R)/(R-P)`. A value of 1 or more means WSLS is never subgame perfect
        (it needs :math:`2R > T + P`).

    Notes
    -----
    The binding deviation is to defect against cooperation: ``T`` now, mutual defection
    ``P`` next period (WSLS shifts after being exploited, the winner stays), then mutual
    cooperation again. This does not pay iff :math:`R + \delta R \ge T + \delta P`
    (Fudenberg and Maskin 1990; Nowak and Sigmund 1993; Imhof, Fudenberg and Nowak 2007).

    Examples
    --------
    >>> from deterrence.games.repeated import prisoners_dilemma
    >>> win_stay_lose_shift_threshold(prisoners_dilemma(4, 3, 1, 0))
    1/2
    >>> win_stay_lose_shift_threshold(prisoners_dilemma(5, 3, 1, 0))
    1
    """
    t, r, p, _ = _pd(stage)
    return (t - r) / (r - p)


def generous_tit_for_tat_generosity(stage: NormalFormGame) -> sympy.Expr:
    r"""The generosity of generous tit for tat: min(1 - (T-R)/(R-S), (R-P)/(T-P)).

    Returns
    -------
    sympy.Rational
        The largest probability of forgiving a defection with which GTFT still cannot be
        invaded by ALLD, maximising the payoff of GTFT against itself under noise.

    Notes
    -----
    Molander (1985) and Nowak and Sigmund (1992): the reactive strategy ``(1, g)`` with
    :math:`g = \min\{1 - (T-R)/(R-S),\ (R-P)/(T-P)\}`. For Axelrod's payoffs (5, 3, 1, 0)
    this is :math:`\min\{1/3, 1/2\} = 1/3`.

    Examples
    --------
    >>> from deterrence.games.repeated import prisoners_dilemma
    >>> generous_tit_for_tat_generosity(prisoners_dilemma())
    1/3
    """
    t, r, p, s = _pd(stage)
    return sympy.Min(1 - (t - r) / (r - s), (r - p) / (t - p))


# ---------------------------------------------------------------------- general automata
def _stage_exact(stage: Any) -> tuple[NormalFormGame, list[list[list[sympy.Expr]]]]:
    if isinstance(stage, RepeatedGame):
        stage = stage.stage
    if not isinstance(stage, NormalFormGame):
        raise InvalidGameError(f"stage must be a NormalFormGame, got {type(stage).__name__}")
    if stage.num_players != 2 or stage.num_strategies != (2, 2):
        raise UnsupportedGameError(
            f"automaton strategies need a two-player 2x2 stage game; got {stage.num_players} "
            f"players with strategies {stage.num_strategies}"
        )
    payoffs = stage.payoffs if stage.is_exact else stage.float_payoffs
    table = [[[_exact(payoffs[i][a, b]) for b in (0, 1)] for a in (0, 1)] for i in (0, 1)]
    return stage, table


def _check_profile(strategy_profile: Any) -> tuple[Automaton, Automaton]:
    if isinstance(strategy_profile, Automaton) or len(strategy_profile) != 2:
        raise InvalidGameError(
            f"strategy_profile must be a pair of automata, got {strategy_profile!r}"
        )
    for k, strategy in enumerate(strategy_profile):
        if not isinstance(strategy, Automaton):
            raise InvalidGameError(
                f"strategy_profile[{k}] must be an Automaton, got {type(strategy).__name__}"
            )
        if not strategy.is_deterministic:
            raise UnsupportedGameError(
                f"critical_discount needs deterministic automata; {strategy.name!r} mixes "
                f"(cooperation probabilities {[str(p) for p in strategy.cooperation]})"
            )
    return strategy_profile[0], strategy_profile[1]


def _path_value(start: Any, step: Any, reward: Any) -> sympy.Expr:
    """Unnormalised discounted value of the deterministic path from ``start``."""
    seen: dict[Any, int] = {}
    rewards: list[sympy.Expr] = []
    state = start
    while state not in seen:
        seen[state] = len(rewards)
        rewards.append(reward(state))
        state = step(state)
    k = seen[state]
    length = len(rewards) - k
    prefix = sum((DELTA**t * rewards[t] for t in range(k)), sympy.Integer(0))
    cycle = sum((DELTA**t * rewards[k + t] for t in range(length)), sympy.Integer(0))
    return prefix + DELTA**k * cycle / (1 - DELTA**length)


def _condition(expression: sympy.Expr) -> sympy.Poly:
    """Polynomial N with expression >= 0  <=>  N(delta) >= 0 on (0, 1)."""
    numerator, denominator = sympy.fraction(sympy.cancel(sympy.together(expression)))
    if denominator.subs(DELTA, sympy.Rational(1, 2)) < 0:
        numerator = -numerator
    return sympy.Poly(sympy.expand(numerator), DELTA)


def _sign(poly: sympy.Poly, point: sympy.Expr) -> int:
    value = poly.as_expr().subs(DELTA, point)
    if value.is_Rational:
        return int(sympy.sign(value))
    number = sympy.N(value, 60)
    if abs(number) < sympy.Float("1e-45"):
        return 0
    return 1 if number > 0 else -1


def _threshold(polys: list[sympy.Poly]) -> sympy.Expr:
    polys = [p for p in polys if not p.is_zero]
    roots: set[Any] = set()
    for poly in polys:
        if poly.degree() <= 0:
            continue
        for root in poly.real_roots():
            if 0 < root < 1:
                roots.add(root)
    points = sorted(roots, key=lambda x: sympy.N(x, 60))
    edges = [sympy.Integer(0), *points, sympy.Integer(1)]

    def holds_between(low: sympy.Expr, high: sympy.Expr) -> bool:
        middle = sympy.nsimplify(sympy.N((low + high) / 2, 30), rational=True)
        return all(_sign(p, middle) >= 0 for p in polys)

    def holds_at(point: sympy.Expr) -> bool:
        return all(_sign(p, point) >= 0 for p in polys)

    answer: sympy.Expr = sympy.oo
    for j in range(len(edges) - 2, -1, -1):
        if not holds_between(edges[j], edges[j + 1]):
            break
        answer = edges[j]  # holds on (edges[j], 1)
        if not holds_at(edges[j]):
            break
    return answer


def critical_discount(
    stage: NormalFormGame,
    strategy_profile: Sequence[Automaton],
    *,
    equilibrium: str = "subgame perfect",
) -> sympy.Expr:
    r"""Smallest discount factor from which a pair of automata is an equilibrium.

    Parameters
    ----------
    stage : NormalFormGame or RepeatedGame
        A two-player 2x2 stage game (action 0 = cooperate, 1 = defect); need not be
        symmetric.
    strategy_profile : pair of Automaton
        Deterministic automata for the row and the column player.
    equilibrium : {"subgame perfect", "nash"}
        Subgame perfection is checked by the one-shot deviation principle at every pair of
        automaton states reachable under *any* actions; Nash equilibrium by comparing the
        on-path value with every stationary deterministic reply to the opponent's automaton
        (an optimal reply of this form always exists).

    Returns
    -------
    sympy number
        The infimum :math:`\delta^*` of the discount factors :math:`\delta \in [0, 1)` such
        that the profile is an equilibrium for every discount factor in
        :math:`[\delta, 1)`; a rational or an algebraic number (``CRootOf``). ``sympy.oo``
        means no discount factor below one works (e.g. ALLC against ALLC).

    Raises
    ------
    InvalidGameError
        If ``strategy_profile`` is not a pair of automata or ``equilibrium`` is unknown.
    UnsupportedGameError
        If the stage game is not 2x2 or an automaton mixes.

    Notes
    -----
    With deterministic automata the play from any pair of states ``s`` is eventually
    periodic, so its value is :math:`V_i(s) = \sum_{t<k} \delta^t u_t + \delta^k
    \sum_{t<L} \delta^t u_{k+t} / (1-\delta^L)`, a rational function of :math:`\delta`.
    Each one-shot deviation condition :math:`V_i(s) \ge u_i(a_i', a_{-i}(s)) + \delta
    V_i(\tau(s, a_i', a_{-i}(s)))` (Fudenberg and Tirole 1991, Theorem 4.2; Mailath and
    Samuelson 2006, Proposition 2.4.1) becomes a polynomial inequality on :math:`(0, 1)`;
    the threshold is found exactly from the real roots of these polynomials.

    Examples
    --------
    >>> from deterrence.games.repeated import prisoners_dilemma
    >>> from deterrence.games.automata import GRIM, TFT, WSLS
    >>> pd = prisoners_dilemma(5, 3, 1, 0)
    >>> critical_discount(pd, (GRIM, GRIM))
    1/2
    >>> critical_discount(pd, (TFT, TFT), equilibrium="nash")
    2/3
    >>> critical_discount(pd, (TFT, TFT))  # never subgame perfect on an interval
    oo
    >>> critical_discount(prisoners_dilemma(4, 3, 1, 0), (WSLS, WSLS))
    1/2
    """
    stage, u = _stage_exact(stage)
    first, second = _check_profile(strategy_profile)
    kind = str(equilibrium).lower().replace("-", " ").replace("_", " ")
    if kind in ("spe", "subgame perfect"):
        polys = _spe_conditions(u, first, second)
    elif kind == "nash":
        polys = _nash_conditions(u, first, second)
    else:
        raise InvalidGameError(
            f"equilibrium is {equilibrium!r}; expected 'subgame perfect' or 'nash'"
        )
    return _threshold(polys)


def _joint(first: Automaton, second: Automaton) -> tuple[Any, Any, Any]:
    def step(state: tuple[int, int], a: int, b: int) -> tuple[int, int]:
        return (
            first.next_state(state[0], own=a, other=b),
            second.next_state(state[1], own=b, other=a),
        )

    def prescribed(state: tuple[int, int]) -> tuple[int, int]:
        return first.action(state[0]), second.action(state[1])

    return step, prescribed, (first.initial_state, second.initial_state)


def _spe_conditions(u: Any, first: Automaton, second: Automaton) -> list[sympy.Poly]:
    step, prescribed, start = _joint(first, second)
    reachable = {start}
    frontier = [start]
    while frontier:
        state = frontier.pop()
        for a, b in itertools.product((0, 1), repeat=2):
            nxt = step(state, a, b)
            if nxt not in reachable:
                reachable.add(nxt)
                frontier.append(nxt)
    values: dict[tuple[Any, int], sympy.Expr] = {}

    def value(state: Any, player: int) -> sympy.Expr:
        if (state, player) not in values:
            values[state, player] = _path_value(
                state,
                lambda s: step(s, *prescribed(s)),
                lambda s: u[player][prescribed(s)[0]][prescribed(s)[1]],
            )
        return values[state, player]

    polys = []
    for state in sorted(reachable):
        a, b = prescribed(state)
        for player in (0, 1):
            deviation = (1 - a, b) if player == 0 else (a, 1 - b)
            gain = u[player][deviation[0]][deviation[1]] + DELTA * value(
                step(state, *deviation), player
            )
            polys.append(_condition(value(state, player) - gain))
    return polys


def _nash_conditions(u: Any, first: Automaton, second: Automaton) -> list[sympy.Poly]:
    step, prescribed, start = _joint(first, second)
    on_path = [
        _path_value(
            start,
            lambda s: step(s, *prescribed(s)),
            lambda s, i=i: u[i][prescribed(s)[0]][prescribed(s)[1]],
        )
        for i in (0, 1)
    ]
    polys = []
    for player, opponent in ((0, second), (1, first)):
        # the opponent's states reachable under any actions
        reachable = [opponent.initial_state]
        k = 0
        while k < len(reachable):
            q = reachable[k]
            for own, other in itertools.product((0, 1), repeat=2):
                nxt = opponent.next_state(q, own=own, other=other)
                if nxt not in reachable:
                    reachable.append(nxt)
            k += 1
        for choice in itertools.product((0, 1), repeat=len(reachable)):
            policy = dict(zip(reachable, choice))

            def next_q(
                q: int, policy: dict[int, int] = policy, opponent: Automaton = opponent
            ) -> int:
                return opponent.next_state(q, own=opponent.action(q), other=policy[q])

            def reward(
                q: int,
                policy: dict[int, int] = policy,
                player: int = player,
                opponent: Automaton = opponent,
            ) -> Any:
                mine, theirs = policy[q], opponent.action(q)
                pair = (mine, theirs) if player == 0 else (theirs, mine)
                return u[player][pair[0]][pair[1]]

            deviation = _path_value(opponent.initial_state, next_q, reward)
            polys.append(_condition(on_path[player] - deviation))
    return polys


# ---------------------------------------------------------------------- folk theorem
def _two_player(stage: Any) -> NormalFormGame:
    if isinstance(stage, RepeatedGame):
        stage = stage.stage
    if not isinstance(stage, NormalFormGame):
        raise InvalidGameError(f"stage must be a NormalFormGame, got {type(stage).__name__}")
    if stage.num_players != 2:
        raise UnsupportedGameError(
            f"the folk-theorem tools need a two-player stage game; got {stage.num_players} players"
        )
    return stage


def minmax_values(stage: NormalFormGame, *, mixed: bool = True) -> tuple[Any, Any]:
    r"""Minmax (reservation) values of the two players of a stage game.

    Parameters
    ----------
    stage : NormalFormGame or RepeatedGame
        Any two-player game.
    mixed : bool, default True
        Let the punisher mix (:math:`\min_{\sigma_j} \max_{a_i} u_i(a_i, \sigma_j)`, a linear
        programme) or only use pure actions (:math:`\min_{a_j} \max_{a_i} u_i`).

    Returns
    -------
    tuple
        ``(v_1, v_2)``; exact ``Fraction`` for exact games (the value of the zero-sum game
        ``u_i`` by exact vertex enumeration), floats otherwise (scipy ``linprog``).

    Raises
    ------
    InvalidGameError, UnsupportedGameError

    Notes
    -----
    The minmax value is the payoff a player can guarantee itself whatever the other does;
    by the minimax theorem it equals the value of the zero-sum game with payoffs
    :math:`u_i` (Fudenberg and Maskin 1986; Osborne and Rubinstein 1994, sec. 8.5).

    Examples
    --------
    >>> from deterrence.games.normal_form import NormalFormGame
    >>> pennies = NormalFormGame.zero_sum([[1, -1], [-1, 1]])
    >>> minmax_values(pennies)
    (Fraction(0, 1), Fraction(0, 1))
    >>> minmax_values(pennies, mixed=False)
    (Fraction(1, 1), Fraction(1, 1))
    """
    stage = _two_player(stage)
    exact = stage.is_exact
    out = []
    for player in (0, 1):
        matrix = stage.payoffs[player] if exact else stage.float_payoffs[player]
        own = matrix if player == 0 else matrix.T  # rows: own actions, columns: punisher's
        if not mixed:
            value = min(max(own[:, j]) for j in range(own.shape[1]))
            out.append(value if exact else float(value))
        elif exact:
            out.append(_exact_value(own))
        else:
            out.append(_lp_value(np.asarray(own, dtype=float)))
    return (out[0], out[1])


def _lp_value(own: np.ndarray) -> float:
    from scipy.optimize import linprog

    m, n = own.shape
    # variables (q_1..q_n, v): minimise v s.t. own q <= v, sum q = 1, q >= 0
    cost = np.zeros(n + 1)
    cost[-1] = 1.0
    upper = np.hstack([own, -np.ones((m, 1))])
    equality = np.hstack([np.ones((1, n)), np.zeros((1, 1))])
    bounds = [(0, None)] * n + [(None, None)]
    result = linprog(
        cost, A_ub=upper, b_ub=np.zeros(m), A_eq=equality, b_eq=[1.0], bounds=bounds, method="highs"
    )
    if not result.success:  # pragma: no cover - a finite matrix game always has a value
        from deterrence.exceptions import SolverError

        raise SolverError(f"minmax linear programme failed: {result.message}")
    return float(result.fun)


def _exact_value(own: np.ndarray) -> Any:
    from deterrence.exceptions import DegenerateGameWarning
    from deterrence.solvers.api import solve

    game = NormalFormGame.zero_sum(own)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DegenerateGameWarning)
        result = solve(game, exact=True)
    return result[0].payoffs[0]


@dataclasses.dataclass(frozen=True)
class PayoffPolygon:
    """A convex set of payoff pairs, given by its vertices in counter-clockwise order.

    Attributes
    ----------
    vertices : numpy.ndarray
        Shape ``(k, 2)``; one vertex (a point), two (a segment) or a polygon. Empty when the
        set is empty.

    Examples
    --------
    >>> square = PayoffPolygon(np.array([[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0]]))
    >>> square.contains((0.5, 0.5)), square.contains((2, 0)), square.area
    (True, False, 1.0)
    """

    vertices: np.ndarray

    @property
    def is_empty(self) -> bool:
        """Whether the set has no points."""
        return self.vertices.shape[0] == 0

    @property
    def area(self) -> float:
        """Area (shoelace formula); zero for points and segments."""
        if self.vertices.shape[0] < 3:
            return 0.0
        x, y = self.vertices[:, 0], self.vertices[:, 1]
        return float(abs(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1))) / 2)

    def contains(self, point: Sequence[float], *, tol: float = 1e-9) -> bool:
        """Whether ``point`` lies in the set (boundary included, up to ``tol``)."""
        p = np.asarray([float(v) for v in point])
        if p.shape != (2,):
            raise InvalidGameError(f"point must be a payoff pair, got {point!r}")
        k = self.vertices.shape[0]
        if k == 0:
            return False
        if k == 1:
            return bool(np.linalg.norm(p - self.vertices[0]) <= tol)
        if k == 2:
            a, b = self.vertices
            direction = b - a
            t = np.clip(np.dot(p - a, direction) / np.dot(direction, direction), 0, 1)
            return bool(np.linalg.norm(a + t * direction - p) <= tol)
        scale = max(1.0, float(np.abs(self.vertices).max()))
        for i in range(k):
            a, b = self.vertices[i], self.vertices[(i + 1) % k]
            cross = (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0])
            if cross < -tol * scale * max(1.0, float(np.linalg.norm(b - a))):
                return False
        return True


def _hull(points: np.ndarray) -> np.ndarray:
    from scipy.spatial import ConvexHull, QhullError

    unique = np.unique(points, axis=0)
    if unique.shape[0] == 1:
        return unique
    try:
        hull = ConvexHull(unique)
    except QhullError:  # collinear: a segment
        direction = unique[-1] - unique[0]
        order = np.argsort(unique @ direction)
        return unique[[order[0], order[-1]]]
    vertices = unique[hull.vertices]  # counter-clockwise in 2-D
    return vertices


def feasible_payoffs(stage: NormalFormGame) -> PayoffPolygon:
    """The feasible payoff set: the convex hull of the stage game's pure payoff pairs.

    Parameters
    ----------
    stage : NormalFormGame or RepeatedGame
        Any two-player game.

    Returns
    -------
    PayoffPolygon

    Notes
    -----
    With public randomisation (or, as :math:`\\delta \\to 1`, by sequencing actions) every
    convex combination of pure outcomes is attainable (Fudenberg and Maskin 1986).

    Examples
    --------
    >>> from deterrence.games.repeated import prisoners_dilemma
    >>> feasible_payoffs(prisoners_dilemma()).vertices.tolist()
    [[0.0, 5.0], [1.0, 1.0], [5.0, 0.0], [3.0, 3.0]]
    """
    stage = _two_player(stage)
    payoffs = np.asarray(stage.float_payoffs)
    points = np.stack([payoffs[0].reshape(-1), payoffs[1].reshape(-1)], axis=1)
    return PayoffPolygon(_hull(points))


def _clip(vertices: np.ndarray, axis: int, bound: float) -> np.ndarray:
    """Sutherland-Hodgman clipping of a convex polygon to {x[axis] >= bound}."""
    k = vertices.shape[0]
    if k == 0:
        return vertices
    if k == 1:
        return vertices if vertices[0, axis] >= bound else vertices[:0]
    out = []
    for i in range(k):
        current, following = vertices[i], vertices[(i + 1) % k]
        inside_c, inside_f = current[axis] >= bound, following[axis] >= bound
        if inside_c:
            out.append(current)
        if inside_c != inside_f:
            t = (bound - current[axis]) / (following[axis] - current[axis])
            out.append(current + t * (following - current))
        if k == 2 and i == 0:
            continue
    if k == 2:
        a, b = vertices
        points = [p for p in (a, b) if p[axis] >= bound]
        if a[axis] != b[axis] and (a[axis] - bound) * (b[axis] - bound) < 0:
            t = (bound - a[axis]) / (b[axis] - a[axis])
            points.append(a + t * (b - a))
        out = points
    if not out:
        return vertices[:0]
    result = np.unique(np.round(np.array(out), 12), axis=0)
    if result.shape[0] <= 2:
        return result
    return _hull(result)


def individually_rational_payoffs(stage: NormalFormGame, *, mixed: bool = True) -> PayoffPolygon:
    """Feasible payoffs that give each player at least its minmax value.

    Parameters
    ----------
    stage : NormalFormGame or RepeatedGame
        Any two-player game.
    mixed : bool, default True
        Use mixed (default) or pure minmax values.

    Returns
    -------
    PayoffPolygon
        The feasible polygon clipped to :math:`u_i \\ge v_i` for both players.

    Examples
    --------
    >>> from deterrence.games.repeated import prisoners_dilemma
    >>> region = individually_rational_payoffs(prisoners_dilemma())
    >>> region.area  # the quadrilateral (1, 1), (13/3, 1), (3, 3), (1, 13/3)
    6.666...
    """
    stage = _two_player(stage)
    minmax = minmax_values(stage, mixed=mixed)
    vertices = feasible_payoffs(stage).vertices
    for axis in (0, 1):
        vertices = _clip(vertices, axis, float(minmax[axis]))
    return PayoffPolygon(vertices)


def is_sustainable(
    stage: NormalFormGame | RepeatedGame,
    target: Sequence[Any],
    *,
    mixed: bool = True,
    tol: float = 1e-9,
) -> bool:
    r"""Whether a payoff pair is sustainable in equilibrium of the repeated game (folk theorem).

    Parameters
    ----------
    stage : NormalFormGame or RepeatedGame
        Any two-player stage game.
    target : pair of numbers
        Normalised payoffs ``(u_1, u_2)``.
    mixed : bool, default True
        Compare with mixed (default) or pure minmax values.
    tol : float
        Tolerance of the feasibility test.

    Returns
    -------
    bool
        True iff ``target`` is feasible and strictly individually rational; then it is the
        payoff of a subgame-perfect equilibrium for all discount factors close enough to 1
        (Fudenberg and Maskin 1986, Theorem 1 for two players; with the pure minmax the
        punishments need no mixing).

    Raises
    ------
    InvalidGameError
        If ``target`` is not a pair of numbers.

    Examples
    --------
    >>> from deterrence.games.repeated import prisoners_dilemma
    >>> pd = prisoners_dilemma()
    >>> is_sustainable(pd, (3, 3)), is_sustainable(pd, (2, 2)), is_sustainable(pd, (1, 1))
    (True, True, False)
    >>> is_sustainable(pd, (4, 4))
    False
    """
    stage = _two_player(stage)
    try:
        point = [float(v) for v in target]
    except (TypeError, ValueError):
        raise InvalidGameError(f"target must be a pair of numbers, got {target!r}") from None
    if len(point) != 2:
        raise InvalidGameError(f"target must be a pair of numbers, got {target!r}")
    minmax = minmax_values(stage, mixed=mixed)
    if not all(point[i] > float(minmax[i]) + tol for i in (0, 1)):
        return False
    return feasible_payoffs(stage).contains(point, tol=tol)


# ---------------------------------------------------------------------- imperfect monitoring
def _probability(value: Any, what: str) -> sympy.Expr:
    expression = _exact(value)
    if expression.is_number and not (0 <= expression <= 1):
        raise InvalidGameError(f"{what} is {value!r}; a probability must lie in [0, 1]")
    return expression


def imperfect_monitoring_threshold(
    stage: NormalFormGame, *, detection: Any, false_alarm: Any
) -> sympy.Expr:
    r"""Critical discount factor of grim trigger when defections are seen imperfectly.

    Each period a public signal says "defection" with probability ``detection`` (``q``) if
    someone defected and with probability ``false_alarm`` (``e``) if both cooperated; after
    the first such signal both players defect forever.

    Parameters
    ----------
    stage : NormalFormGame or RepeatedGame
        A symmetric prisoner's dilemma.
    detection, false_alarm : number or sympy expression
        ``q`` and ``e``; symbols give the formula.

    Returns
    -------
    sympy expression
        :math:`\delta^*(q, e) = (T-R) / ((q - e)(R - P) + (1 - e)(T - R))`. For numbers,
        ``sympy.oo`` when cooperation cannot be sustained for any :math:`\delta < 1`, i.e.
        when :math:`q \le e (T-P)/(R-P)`.

    Raises
    ------
    InvalidGameError
        If a numeric probability lies outside [0, 1].

    Notes
    -----
    On the cooperative path the normalised value solves
    :math:`V = (1-\delta)R + \delta[(1-e)V + eP]`; a one-period deviation is worth
    :math:`(1-\delta)T + \delta[(1-q)V + qP]`. Comparing the two,
    :math:`\delta (q-e)(V - P) \ge (1-\delta)(T-R)` with
    :math:`V - P = (1-\delta)(R-P)/(1-\delta(1-e))` gives the formula. With perfect
    monitoring (``q = 1``, ``e = 0``) it reduces to :math:`(T-R)/(T-P)`. Better information
    -- higher ``q``, lower ``e``, the essays' supply chains as communication channels --
    lowers the threshold (Green and Porter 1984; Mailath and Samuelson 2006, sec. 7.2).

    Examples
    --------
    >>> from deterrence.games.repeated import prisoners_dilemma
    >>> pd = prisoners_dilemma()
    >>> imperfect_monitoring_threshold(pd, detection=1, false_alarm=0)
    1/2
    >>> imperfect_monitoring_threshold(pd, detection="1/2", false_alarm="1/10")
    10/13
    >>> imperfect_monitoring_threshold(pd, detection="1/4", false_alarm="1/5")
    oo
    >>> import sympy
    >>> q, e = sympy.symbols("q e")
    >>> formula = imperfect_monitoring_threshold(pd, detection=q, false_alarm=e)
    >>> formula.subs({q: 1, e: 0}), sympy.diff(formula, q).subs({q: 1, e: 0})
    (1/2, -1/4)
    """
    t, r, p, _ = _pd(stage)
    q = _probability(detection, "detection")
    e = _probability(false_alarm, "false_alarm")
    denominator = (q - e) * (r - p) + (1 - e) * (t - r)
    threshold = (t - r) / denominator
    if q.is_number and e.is_number:
        if denominator <= 0 or threshold >= 1:
            return sympy.oo
        return sympy.nsimplify(threshold)
    return threshold


def imperfect_monitoring_game(
    stage: NormalFormGame,
    *,
    discount: Any,
    detection: Any,
    false_alarm: Any,
    labels: tuple[str, str] = ("trigger", "defect"),
) -> NormalFormGame:
    r"""The symmetric game between grim trigger under imperfect monitoring and ALLD.

    Parameters
    ----------
    stage : NormalFormGame or RepeatedGame
        A symmetric prisoner's dilemma.
    discount : number
        :math:`0 \le \delta < 1`.
    detection, false_alarm : number
        ``q`` and ``e`` as in :func:`imperfect_monitoring_threshold`.
    labels : pair of str
        Strategy labels.

    Returns
    -------
    NormalFormGame
        Normalised discounted payoffs, exact for exact inputs:

        * trigger vs trigger: :math:`V = ((1-\delta)R + \delta e P)/(1 - \delta(1-e))`;
        * trigger vs defect: :math:`((1-\delta)S + \delta q P)/(1 - \delta(1-q))`, the
          defector :math:`((1-\delta)T + \delta q P)/(1 - \delta(1-q))`;
        * defect vs defect: ``P``.

    Raises
    ------
    InvalidGameError
        On probabilities outside [0, 1] or a discount factor outside [0, 1).

    Notes
    -----
    Feed this game to :func:`deterrence.solvers.evolutionary.replicator_dynamics`: as
    monitoring improves (``q`` up, ``e`` down) the basin of attraction of the cooperative
    state grows and a population of blocs drifts to cooperation instead of defection.

    Examples
    --------
    >>> from deterrence.games.repeated import prisoners_dilemma
    >>> game = imperfect_monitoring_game(prisoners_dilemma(), discount="9/10",
    ...                                  detection=1, false_alarm=0)
    >>> game.payoff_matrix(0).tolist()
    [[Fraction(3, 1), Fraction(9, 10)], [Fraction(7, 5), Fraction(1, 1)]]

    The security dilemma as monitoring improves: with 10% false alarms and ``delta = 9/10``,
    a population of blocs that is 90% trigger strategists drifts to defection when defections
    are detected 30% of the time (threshold 10/11 > 9/10) and to cooperation at 90% (10/17).

    >>> from deterrence.solvers.evolutionary import replicator_dynamics
    >>> for detection in ("3/10", "9/10"):
    ...     game = imperfect_monitoring_game(prisoners_dilemma(), discount="9/10",
    ...                                      detection=detection, false_alarm="1/10")
    ...     final = replicator_dynamics(game, [0.9, 0.1], time=300).final
    ...     print(detection, game.strategies[0][int(final.argmax())])
    3/10 defect
    9/10 trigger
    """
    t, r, p, s = _pd(stage)
    q = _probability(detection, "detection")
    e = _probability(false_alarm, "false_alarm")
    delta = _exact(discount)
    if not (delta.is_number and 0 <= delta < 1):
        raise InvalidGameError(f"discount must satisfy 0 <= discount < 1; got {discount!r}")
    if not (q.is_number and e.is_number):
        raise InvalidGameError("detection and false_alarm must be numbers here, not symbols")
    cooperate = ((1 - delta) * r + delta * e * p) / (1 - delta * (1 - e))
    exploited = ((1 - delta) * s + delta * q * p) / (1 - delta * (1 - q))
    exploiting = ((1 - delta) * t + delta * q * p) / (1 - delta * (1 - q))
    values = [[cooperate, exploited], [exploiting, p]]
    floating = any(isinstance(v, float) for v in (discount, detection, false_alarm))
    if floating or (isinstance(stage, NormalFormGame) and not stage.is_exact):
        matrix: list[list[Any]] = [[float(v) for v in row] for row in values]
    else:
        matrix = [[str(sympy.nsimplify(v)) for v in row] for row in values]
    column = [list(row) for row in zip(*matrix)]
    base = stage.stage if isinstance(stage, RepeatedGame) else stage
    return NormalFormGame.from_matrices(
        matrix,
        column,
        players=base.players,
        strategies=(labels, labels),
        title="grim trigger under imperfect monitoring",
    )
