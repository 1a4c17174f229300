r"""Perfect Bayesian equilibria of sender-receiver signalling games.

In a signalling game (:class:`~deterrence.games.bayesian.SignallingGame`) the sender of type
:math:`t` (prior :math:`p`) sends message :math:`m` with probability :math:`\sigma(m \mid t)`;
the receiver holds beliefs :math:`\mu(t \mid m)` and answers with :math:`\rho(a \mid m)`.
:math:`(\sigma, \rho, \mu)` is a *perfect Bayesian equilibrium* (PBE) when

1. every type's messages maximise :math:`\sum_a \rho(a \mid m)\, u_S(t, m, a)`;
2. at every message (on or off the path) :math:`\rho(\cdot \mid m)` mixes only over actions
   maximising :math:`\sum_t \mu(t \mid m)\, u_R(t, m, a)`;
3. on the path, beliefs follow Bayes' rule,
   :math:`\mu(t \mid m) = p(t)\sigma(m \mid t) / \sum_{t'} p(t')\sigma(m \mid t')`; off the path
   they are any distribution (Fudenberg and Tirole 1991, sec. 8.2).

An equilibrium is *pooling* when every type sends the same single message, *separating*
when the types send disjoint single messages, *partially pooling* when types send single
messages and only some share them, and *semi-separating* (hybrid) when some type mixes.

Algorithm
---------
Support enumeration. For every choice of message supports :math:`S_t` (one per type) and of
receiver action supports :math:`R_m` at each on-path message, the conditions split into two
linear feasibility problems (Bayes' rule makes the receiver's indifference linear in
:math:`\sigma` once multiplied by the probability of :math:`m`): one in :math:`\sigma`, one in
:math:`\rho` (with off-path responses chosen among actions that are jointly best responses to
some belief). Each is a program maximising the smallest probability in the support. When
the equalities leave at most one variable free (nearly always in games with two types, two
messages and two actions) it is solved directly, in exact arithmetic for exact games:
Gauss-Jordan elimination, then an interval of the free variable. Otherwise it is solved by
linear programming, and exact games get exact rational answers when a rational point checks
exactly. A cached necessary condition (some belief on the types that send a message makes
the receiver's support optimal there) prunes most patterns first.
Each equilibrium reports, for every off-path message, the beliefs that support it: the set of
:math:`\mu` for which some best response deters every type from sending that message (an
exact union of intervals of :math:`\mu(t_1 \mid m)` for two types; a witness belief for
more).

Where the solution set for given supports is a continuum one representative point is
returned.

Refinement
----------
:meth:`PerfectBayesianEquilibrium.intuitive_criterion` applies Cho and Kreps' (1987) test to
an equilibrium's off-path messages: a belief that puts weight on a type for which the
message is equilibrium-dominated is unreasonable, and an equilibrium that some other type
would then break by sending the message fails the test.

References
----------
.. [1] M. Spence, "Job market signaling", *QJE* 87(3), 1973.
.. [2] D. Fudenberg and J. Tirole, *Game Theory*, MIT Press, 1991, ch. 8.
.. [3] R. Gibbons, *Game Theory for Applied Economists*, 1992, sec. 4.2.
.. [4] I.-K. Cho and D. M. Kreps, "Signaling games and stable equilibria", *QJE* 102, 1987.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

import numpy as np
import sympy

from deterrence.exceptions import InvalidGameError
from deterrence.games._numbers import format_number
from deterrence.games.bayesian import SignallingGame
from deterrence.solvers.result import EquilibriumResult

__all__ = ["PerfectBayesianEquilibrium", "SignallingResult", "solve_signalling", "kind_phrase"]

KINDS = ("pooling", "separating", "partially pooling", "semi-separating")


def kind_phrase(kind: str, supports: Sequence[Sequence[int]], messages: Sequence[str]) -> str:
    """The kind of a perfect Bayesian equilibrium in words, naming the pooled signal.

    Parameters
    ----------
    kind : str
        One of ``KINDS``.
    supports : sequence of sequences of int
        The messages each type sends with positive probability.
    messages : sequence of str
        The message labels.

    Returns
    -------
    str
        ``"pooling on <message>"``, ``"separating"``, ``"partially pooling"`` or
        ``"semi-separating (hybrid)"``.

    Examples
    --------
    >>> kind_phrase("pooling", [[1], [1]], ["wait", "invest"])
    'pooling on invest'
    >>> kind_phrase("semi-separating", [[1], [0, 1]], ["wait", "invest"])
    'semi-separating (hybrid)'
    """
    if kind not in KINDS:
        raise InvalidGameError(f"unknown kind {kind!r}; kinds are {list(KINDS)}")
    if kind == "pooling":
        return f"pooling on {messages[supports[0][0]]}"
    if kind == "semi-separating":
        return "semi-separating (hybrid)"
    return kind


@dataclasses.dataclass(frozen=True, eq=False, repr=False)
class PerfectBayesianEquilibrium:
    """A perfect Bayesian equilibrium of a signalling game, with its supporting beliefs.

    Attributes
    ----------
    game : SignallingGame
    kind : str
        ``"pooling"``, ``"separating"``, ``"partially pooling"`` or ``"semi-separating"``.
    sender : tuple of tuple
        ``sender[t][m]``: probability that type ``t`` sends ``m``.
    receiver : tuple of tuple
        ``receiver[m][a]``: probability of action ``a`` after ``m`` (off the path: a
        response that the witness belief supports).
    beliefs : tuple of tuple
        ``beliefs[m][t]``: Bayes' rule on the path, a supporting (witness) belief off it.
    off_path_beliefs : mapping
        ``{message: region}`` for each off-path message: a sympy set of values of
        ``Pr(first type | message)`` (two types), or ``None`` (more types: see ``beliefs``).

    Examples
    --------
    >>> game = SignallingGame(
    ...     sender_payoffs=[[[2, 1], [1, 0]], [[2, 1], [0, -1]]],
    ...     receiver_payoffs=[[[1, 0], [1, 0]], [[0, 1], [0, 1]]],
    ...     prior=["1/2", "1/2"], types=("high", "low"),
    ...     messages=("none", "educate"), actions=("high wage", "low wage"))
    >>> pbe = solve_signalling(game).pooling[0]
    >>> pbe.sender_strategy, pbe.off_path_beliefs
    ({'high': 'none', 'low': 'none'}, {'educate': Interval(0, 1)})
    >>> pbe.outcome
    'pooling: sender high: none, low: none; receiver none: high wage, educate: low wage'
    >>> pbe.max_regret()
    Fraction(0, 1)
    """

    game: SignallingGame
    kind: str
    sender: tuple[tuple[Any, ...], ...]
    receiver: tuple[tuple[Any, ...], ...]
    beliefs: tuple[tuple[Any, ...], ...]
    off_path_beliefs: Mapping[str, Any]
    exact: bool = False

    @property
    def on_path(self) -> tuple[bool, ...]:
        """Whether each message is sent with positive probability."""
        return tuple(
            any(self.sender[t][m] != 0 for t in range(len(self.sender)))
            for m in range(len(self.game.messages))
        )

    @staticmethod
    def _describe(labels: Sequence[str], vector: Sequence[Any]) -> Any:
        support = [k for k, p in enumerate(vector) if p != 0]
        if len(support) == 1:
            return labels[support[0]]
        return {labels[k]: vector[k] for k in support}

    @property
    def sender_strategy(self) -> dict[str, Any]:
        """``{type: message}`` or ``{type: {message: probability}}``."""
        return {
            t: self._describe(self.game.messages, row)
            for t, row in zip(self.game.types, self.sender)
        }

    @property
    def receiver_strategy(self) -> dict[str, Any]:
        """``{message: action}`` or ``{message: {action: probability}}``."""
        return {
            m: self._describe(self.game.actions, row)
            for m, row in zip(self.game.messages, self.receiver)
        }

    @property
    def belief(self) -> dict[str, dict[str, Any]]:
        """``{message: {type: probability}}`` (a witness belief off the path)."""
        return {
            m: dict(zip(self.game.types, row)) for m, row in zip(self.game.messages, self.beliefs)
        }

    @property
    def kind_phrase(self) -> str:
        """The kind in words, naming the pooled message (see :func:`kind_phrase`)."""
        supports = [[m for m, p in enumerate(row) if p != 0] for row in self.sender]
        return kind_phrase(self.kind, supports, self.game.messages)

    @property
    def is_pure(self) -> bool:
        """Whether every type sends one message and the receiver answers each with one action."""
        return all(sum(1 for p in row if p != 0) == 1 for row in (*self.sender, *self.receiver))

    @property
    def outcome(self) -> str:
        """The kind, the sender's messages and the receiver's answers in words."""
        return (
            f"{self.kind}: sender {_words(self.sender_strategy)}; "
            f"receiver {_words(self.receiver_strategy)}"
        )

    @property
    def labelled_payoffs(self) -> dict[str, Any]:
        """The :attr:`payoffs` (already keyed by sender type and receiver)."""
        return self.payoffs

    def as_dict(self) -> dict[str, Any]:
        """``{"kind", "sender": {type: {message: p}}, "receiver": {message: {action: p}},
        "beliefs": {message: {type: p}}}``."""
        return {
            "kind": self.kind,
            "sender": {
                t: dict(zip(self.game.messages, row))
                for t, row in zip(self.game.types, self.sender)
            },
            "receiver": {
                m: dict(zip(self.game.actions, row))
                for m, row in zip(self.game.messages, self.receiver)
            },
            "beliefs": self.belief,
        }

    def _receiver_values(self) -> list[list[Any]]:
        """``values[m][a]``: the receiver's expected payoff from ``a`` after ``m`` given the
        beliefs."""
        u = self.game.receiver_payoffs
        return [
            [sum(b * u[t, m, a] for t, b in enumerate(belief)) for a in range(u.shape[2])]
            for m, belief in enumerate(self.beliefs)
        ]

    def max_regret(self) -> Any:
        """The largest gain from deviating given the beliefs (sequential rationality): over
        sender types (another message) and the receiver at every message, on or off the path
        (another action). 0 for a perfect Bayesian equilibrium, exactly so in exact mode."""
        gains: list[Any] = [Fraction(0) if self.exact else 0.0]
        for t, row in enumerate(self._values()):
            gains.append(max(row) - sum(s * v for s, v in zip(self.sender[t], row)))
        for m, row in enumerate(self._receiver_values()):
            gains.append(max(row) - sum(r * v for r, v in zip(self.receiver[m], row)))
        worst = max(gains)
        return worst if self.exact else float(worst)

    def _values(self) -> np.ndarray:
        """``values[t, m]``: type ``t``'s expected payoff from sending ``m``."""
        u = self.game.sender_payoffs
        return np.array(
            [
                [
                    sum(r * u[t, m, a] for a, r in enumerate(self.receiver[m]))
                    for m in range(u.shape[1])
                ]
                for t in range(u.shape[0])
            ],
            dtype=object,
        )

    @property
    def payoffs(self) -> dict[str, Any]:
        """Each sender type's payoff and the receiver's ex-ante payoff."""
        values = self._values()
        out: dict[str, Any] = {}
        receiver = 0
        for t, label in enumerate(self.game.types):
            out[f"{self.game.players[0]}:{label}"] = sum(
                s * values[t, m] for m, s in enumerate(self.sender[t])
            )
            for m, s in enumerate(self.sender[t]):
                receiver += (
                    self.game.prior[t]
                    * s
                    * sum(
                        r * self.game.receiver_payoffs[t, m, a]
                        for a, r in enumerate(self.receiver[m])
                    )
                )
        out[self.game.players[1]] = receiver
        return out

    def intuitive_criterion(self, *, tol: float = 1e-9) -> dict[str, tuple[str, ...]]:
        """The Cho-Kreps (1987) intuitive criterion: who would break the equilibrium.

        For each off-path message :math:`m`, the types for which :math:`m` is
        *equilibrium-dominated* (no best response of the receiver to any belief gives them
        their equilibrium payoff) are removed; a remaining type *breaks* the equilibrium if
        every best response to beliefs on the remaining types pays it more than its
        equilibrium payoff. (When every type is removed the test says nothing.)

        Parameters
        ----------
        tol : float
            Tolerance of the comparisons in float games (exact games compare exactly).

        Returns
        -------
        dict
            ``{off-path message: types that break the equilibrium by sending it}``; the
            equilibrium passes when every tuple is empty (:attr:`passes_intuitive_criterion`).

        Examples
        --------
        Spence's pooling equilibrium without education: only the high type could gain
        from educating, so the employer should read education as a sign of the high type.

        >>> game = SignallingGame(
        ...     sender_payoffs=[[[2, 0], [1, -1]], [[2, 0], [-1, -3]]],
        ...     receiver_payoffs=[[[1, 0], [1, 0]], [[0, 1], [0, 1]]],
        ...     prior=["1/3", "2/3"], types=("high", "low"),
        ...     messages=("none", "educate"), actions=("high wage", "low wage"))
        >>> [pool] = solve_signalling(game).pooling
        >>> pool.intuitive_criterion()
        {'educate': ('high',)}
        >>> solve_signalling(game).separating[0].passes_intuitive_criterion
        True
        """
        solver = _Solver(self.game, tol)
        slack = 0 if self.exact else tol
        sender = self.game.players[0]
        value = [self.payoffs[f"{sender}:{t}"] for t in self.game.types]
        us = self.game.sender_payoffs
        num_t, _, num_a = us.shape
        out: dict[str, tuple[str, ...]] = {}
        for m, on in enumerate(self.on_path):
            if on:
                continue

            def answers(types: tuple[int, ...], m: int = m) -> list[int]:
                return [a for a in range(num_a) if solver.belief_for(m, (a,), types) is not None]

            everyone = answers(tuple(range(num_t)))
            remaining = tuple(
                t for t in range(num_t) if max(us[t, m, a] for a in everyone) >= value[t] - slack
            )
            breaking: tuple[str, ...] = ()
            if remaining:
                possible = answers(remaining)
                breaking = tuple(
                    self.game.types[t]
                    for t in remaining
                    if min(us[t, m, a] for a in possible) > value[t] + slack
                )
            out[self.game.messages[m]] = breaking
        return out

    @property
    def passes_intuitive_criterion(self) -> bool:
        """Whether no type breaks the equilibrium (:meth:`intuitive_criterion`)."""
        return not any(self.intuitive_criterion().values())

    def is_sequentially_rational(self, *, tol: float = 1e-9) -> bool:
        """Whether every type and the receiver (given ``beliefs``) best-respond."""
        slack = 0 if self.exact else tol
        values = self._values()
        for t, row in enumerate(self.sender):
            best = max(values[t])
            if any(s != 0 and values[t, m] < best - slack for m, s in enumerate(row)):
                return False
        for m, payoff in enumerate(self._receiver_values()):
            best = max(payoff)
            if any(r != 0 and payoff[a] < best - slack for a, r in enumerate(self.receiver[m])):
                return False
        return True

    def is_bayes_consistent(self, *, tol: float = 1e-9) -> bool:
        """Whether the beliefs at every on-path message follow Bayes' rule."""
        prior = self.game.prior
        for m, on in enumerate(self.on_path):
            if not on:
                continue
            weights = [prior[t] * self.sender[t][m] for t in range(len(prior))]
            total = sum(weights)
            for t, w in enumerate(weights):
                expected = w / total
                if (
                    (self.beliefs[m][t] != expected)
                    if self.exact
                    else (abs(float(self.beliefs[m][t]) - float(expected)) > tol)
                ):
                    return False
        return True

    def __repr__(self) -> str:
        return (
            f"PerfectBayesianEquilibrium({self.kind}; "
            f"sender {{{_words(self.sender_strategy)}}}; "
            f"receiver {{{_words(self.receiver_strategy)}}})"
        )


def _words(strategy: Mapping[str, Any]) -> str:
    """``{"high": "none", "low": {"none": 1/2, ...}}`` as ``high: none, low: 0.5*none + ...``."""
    parts = []
    for key, value in strategy.items():
        if isinstance(value, dict):
            value = " + ".join(f"{format_number(p, 3)}*{k}" for k, p in value.items())
        parts.append(f"{key}: {value}")
    return ", ".join(parts)


@dataclasses.dataclass(frozen=True, eq=False, repr=False)
class SignallingResult(EquilibriumResult):
    """The perfect Bayesian equilibria found, grouped by kind.

    An :class:`~deterrence.solvers.result.EquilibriumResult` of
    :class:`PerfectBayesianEquilibrium` objects (``method`` is ``"support_enumeration"``;
    where the equilibria for one choice of supports form a continuum, one representative
    is listed). Adds the equilibria of each kind.

    Examples
    --------
    >>> game = SignallingGame([[[1, 0]], [[1, 0]]], [[[1, 0]], [[0, 1]]], ["2/3", "1/3"])
    >>> result = solve_signalling(game)
    >>> [pbe.kind for pbe in result]
    ['pooling']
    """

    def of_kind(self, kind: str) -> tuple[PerfectBayesianEquilibrium, ...]:
        """The equilibria of one kind."""
        if kind not in KINDS:
            raise InvalidGameError(f"unknown kind {kind!r}; kinds are {list(KINDS)}")
        return tuple(e for e in self.equilibria if e.kind == kind)

    @property
    def pooling(self) -> tuple[PerfectBayesianEquilibrium, ...]:
        """Pooling equilibria."""
        return self.of_kind("pooling")

    @property
    def separating(self) -> tuple[PerfectBayesianEquilibrium, ...]:
        """Separating equilibria."""
        return self.of_kind("separating")

    @property
    def semi_separating(self) -> tuple[PerfectBayesianEquilibrium, ...]:
        """Semi-separating (hybrid) equilibria: some type mixes."""
        return self.of_kind("semi-separating")


# ---------------------------------------------------------------------- linear programs
def _lp(
    num: int,
    equalities: list[tuple[list[float], float]],
    inequalities: list[tuple[list[float], float]],
    positive: Sequence[int],
    tol: float,
) -> np.ndarray | None:
    """Find x >= 0 with the (in)equalities (``a.x >= b``), maximising min x[positive]."""
    from scipy.optimize import linprog

    # variables: x (num), delta
    cost = np.zeros(num + 1)
    cost[-1] = -1.0
    a_eq = [list(a) + [0.0] for a, _ in equalities]
    b_eq = [b for _, b in equalities]
    a_ub = [[-v for v in a] + [0.0] for a, _ in inequalities]
    b_ub = [-b for _, b in inequalities]
    for k in positive:
        row = [0.0] * (num + 1)
        row[k] = -1.0
        row[-1] = 1.0
        a_ub.append(row)
        b_ub.append(0.0)
    bounds = [(0, None)] * num + [(None, 1.0)]
    result = linprog(
        cost,
        A_ub=np.array(a_ub) if a_ub else None,
        b_ub=np.array(b_ub) if b_ub else None,
        A_eq=np.array(a_eq) if a_eq else None,
        b_eq=np.array(b_eq) if b_eq else None,
        bounds=bounds,
        method="highs",
    )
    if result.status != 0:
        return None
    if positive and result.x[-1] <= tol:
        return None
    return result.x[:num]


def _one_dimensional(
    num: int,
    equalities: list[tuple[list[Any], Any]],
    inequalities: list[tuple[list[Any], Any]],
    positive: Sequence[int],
    exact: bool,
    tol: float,
) -> Any:
    """The program of :func:`_lp` solved directly when its equalities leave at most one free
    variable (most programs of small signalling games): Gauss-Jordan elimination, then an
    interval of the free variable, then the point of that interval maximising the smallest
    probability in ``positive``. Exact in exact arithmetic. Returns the point, ``None`` when
    infeasible, or ``NotImplemented`` when more than one variable is free (or the interval is
    unbounded)."""
    zero = Fraction(0) if exact else 0.0
    slack = 0 if exact else tol

    def is_zero(value: Any) -> bool:
        return value == 0 if exact else abs(value) <= tol

    def convert(value: Any) -> Any:
        return Fraction(value) if exact else float(value)

    rows: list[list[Any]] = [[*(convert(a) for a in row), convert(b)] for row, b in equalities]
    pivots: dict[int, int] = {}  # column -> row
    r = 0
    for column in range(num):
        candidates = [i for i in range(r, len(rows)) if not is_zero(rows[i][column])]
        if not candidates:
            continue
        i = max(candidates, key=lambda k: abs(rows[k][column]))
        rows[r], rows[i] = rows[i], rows[r]
        pivot = rows[r][column]
        rows[r] = [v / pivot for v in rows[r]]
        for k in range(len(rows)):
            if k != r and not is_zero(rows[k][column]):
                factor = rows[k][column]
                rows[k] = [v - factor * w for v, w in zip(rows[k], rows[r])]
        pivots[column] = r
        r += 1
    if any(not is_zero(rows[i][-1]) for i in range(r, len(rows))):
        return None  # inconsistent equalities
    free = [c for c in range(num) if c not in pivots]
    if len(free) > 1:
        return NotImplemented
    # each variable as constant + slope * t, with t the free variable (if any)
    lines = []
    for k in range(num):
        if k in pivots:
            row = rows[pivots[k]]
            lines.append((row[-1], -row[free[0]] if free else zero))
        else:
            lines.append((zero, zero + 1))
    low: Any = None
    high: Any = None
    constraints = [(list(a), b) for a, b in inequalities]
    constraints += [([1 if j == k else 0 for j in range(num)], 0) for k in range(num)]
    for a, b in constraints:
        slope = sum(a[k] * lines[k][1] for k in range(num))
        rest = b - sum(a[k] * lines[k][0] for k in range(num))
        if is_zero(slope):
            if rest > slack:
                return None
            continue
        bound = rest / slope
        if slope > 0:
            low = bound if low is None else max(low, bound)
        else:
            high = bound if high is None else min(high, bound)
    if low is not None and high is not None and low > high + slack:
        return None
    if not free:
        choices = [zero]
    else:
        if low is None or high is None:
            return NotImplemented
        high = max(high, low)
        choices = [low, high]
        for j, k in itertools.combinations(positive, 2):  # where two probabilities cross
            difference = lines[j][1] - lines[k][1]
            if not is_zero(difference):
                t = (lines[k][0] - lines[j][0]) / difference
                if low < t < high:
                    choices.append(t)

    def smallest(t: Any) -> Any:
        return min((lines[k][0] + lines[k][1] * t for k in positive), default=zero + 1)

    best = max(choices, key=smallest)
    if positive and (smallest(best) <= 0 if exact else smallest(best) <= tol):
        return None
    return [lines[k][0] + lines[k][1] * best for k in range(num)]


def _rationalise(
    x: np.ndarray,
    equalities: list[tuple[list[Any], Any]],
    inequalities: list[tuple[list[Any], Any]],
    positive: Sequence[int],
) -> list[Fraction] | None:
    """A nearby rational point satisfying every constraint exactly, or None."""
    for limit in (100, 10_000, 1_000_000):
        point = [Fraction(float(v)).limit_denominator(limit) for v in x]
        if any(v < 0 for v in point) or any(point[k] <= 0 for k in positive):
            continue
        if all(sum(a * v for a, v in zip(row, point)) == b for row, b in equalities) and all(
            sum(a * v for a, v in zip(row, point)) >= b for row, b in inequalities
        ):
            return point
    return None


def _subsets(n: int) -> list[tuple[int, ...]]:
    return [c for r in range(1, n + 1) for c in itertools.combinations(range(n), r)]


# ---------------------------------------------------------------------- solver
class _Solver:
    def __init__(self, game: SignallingGame, tol: float) -> None:
        self.game = game
        self.tol = tol
        self.exact = game.is_exact
        self.us = game.sender_payoffs
        self.ur = game.receiver_payoffs
        self.prior = game.prior
        self.num_t, self.num_m, self.num_a = self.us.shape
        self._possible: dict[tuple[Any, ...], bool] = {}

    def program(
        self,
        num: int,
        equalities: list[tuple[list[Any], Any]],
        inequalities: list[tuple[list[Any], Any]],
        positive: Sequence[int],
    ) -> list[Any] | None:
        """A point of the program of :func:`_lp`: solved directly (and exactly in exact
        games) when at most one variable is free, else by linear programming (rationalised
        in exact games where a nearby fraction checks exactly)."""
        direct = _one_dimensional(num, equalities, inequalities, positive, self.exact, self.tol)
        if direct is not NotImplemented:
            return direct
        x = _lp(num, _floats(equalities), _floats(inequalities), positive, self.tol)
        if x is None:
            return None
        if self.exact:
            exact = _rationalise(x, equalities, inequalities, positive)
            if exact is not None:
                return exact
        return list(x)

    def number(self, value: float) -> Any:
        return value

    # receiver supports that are jointly best responses to some belief, per message
    def belief_feasible(self, m: int, support: tuple[int, ...]) -> bool:
        return self.belief_for(m, support) is not None

    def belief_for(
        self, m: int, support: tuple[int, ...], types: tuple[int, ...] | None = None
    ) -> list[Any] | None:
        """A belief (on ``types``, default all) at which every action of ``support`` is a
        best response at ``m``."""
        ur = self.ur
        types = tuple(range(self.num_t)) if types is None else types
        a0 = support[0]
        if len(types) == 1:  # a point belief: compare payoffs directly
            (t,) = types
            point: list[Any] = [0] * self.num_t
            point[t] = 1
            best = self.best_responses(m, point)
            return point if set(support) <= set(best) else None
        equalities: list[tuple[list[Any], Any]] = [([1] * len(types), 1)]
        inequalities: list[tuple[list[Any], Any]] = []
        for a in support[1:]:
            equalities.append(([ur[t, m, a0] - ur[t, m, a] for t in types], 0))
        for b in range(self.num_a):
            if b not in support:
                inequalities.append(([ur[t, m, a0] - ur[t, m, b] for t in types], 0))
        values = self.program(len(types), equalities, inequalities, ())
        if values is None:
            return None
        belief: list[Any] = [0] * self.num_t
        for t, v in zip(types, values):
            belief[t] = v
        return belief

    def possible(self, m: int, support: tuple[int, ...], types: tuple[int, ...]) -> bool:
        """Whether some belief on ``types`` makes every action of ``support`` a best response
        at ``m`` (a necessary condition for a pattern, cached: it prunes most patterns
        before their linear programs)."""
        key = (m, support, types)
        known = self._possible.get(key)
        if known is None:
            known = self._possible[key] = self.belief_for(m, support, types) is not None
        return known

    def deters(self, m: int, actions: Sequence[int], values: Sequence[Any]) -> list[Any] | None:
        """A mixture over ``actions`` at ``m`` giving no type more than ``values[t]``."""
        us = self.us
        for a in actions:  # pure first
            if all(
                us[t, m, a] <= values[t] + (0 if self.exact else self.tol)
                for t in range(self.num_t)
            ):
                vector = [0] * self.num_a
                vector[a] = 1
                return vector
        if len(actions) == 1:
            return None
        equalities = [([1] * len(actions), 1)]
        inequalities = [([-us[t, m, a] for a in actions], -values[t]) for t in range(self.num_t)]
        point = self.program(len(actions), equalities, inequalities, ())
        if point is None:
            return None
        vector = [0] * self.num_a
        for k, a in enumerate(actions):
            vector[a] = point[k]
        return vector

    def best_responses(self, m: int, belief: Sequence[Any]) -> tuple[int, ...]:
        payoff = [
            sum(b * self.ur[t, m, a] for t, b in enumerate(belief)) for a in range(self.num_a)
        ]
        best = max(payoff)
        slack = 0 if self.exact else self.tol
        return tuple(a for a in range(self.num_a) if payoff[a] >= best - slack)

    def off_path(self, m: int, values: Sequence[Any]) -> tuple[Any, list[Any], list[Any]] | None:
        """(region, witness belief, response) supporting off-path ``m``, or None."""
        if self.num_t == 2:
            # exact breakpoints of the receiver's best response in mu = Pr(type 0)
            points = {Fraction(0), Fraction(1)} if self.exact else {0.0, 1.0}
            for a, b in itertools.combinations(range(self.num_a), 2):
                d0 = self.ur[0, m, a] - self.ur[0, m, b]
                d1 = self.ur[1, m, a] - self.ur[1, m, b]
                if d0 != d1:
                    mu = -d1 / (d0 - d1)  # mu*d0 + (1-mu)*d1 = 0
                    if 0 < mu < 1:
                        points.add(mu)
            ordered = sorted(points)
            candidates: list[tuple[str, Any]] = []
            for low, high in zip(ordered, ordered[1:]):
                candidates.append(("point", low))
                candidates.append(("open", (low, high)))
            candidates.append(("point", ordered[-1]))
            pieces: list[tuple[Any, Any]] = []
            witness = None
            for kind, where in candidates:
                mu = where if kind == "point" else (where[0] + where[1]) / 2
                belief = [mu, 1 - mu]
                response = self.deters(m, self.best_responses(m, belief), values)
                if response is None:
                    continue
                if witness is None or kind == "point" and witness[2] == "open":
                    witness = (belief, response, kind)
                pieces.append((where, where) if kind == "point" else where)
            if witness is None:
                return None
            return _region(pieces), witness[0], witness[1]
        for support in sorted(_subsets(self.num_a), key=len, reverse=True):
            support_belief = self.belief_for(m, support)
            if support_belief is None:
                continue
            response = self.deters(m, support, values)
            if response is not None:
                return None, support_belief, response
        return None

    def solve(self) -> list[PerfectBayesianEquilibrium]:
        found = []
        num_t, num_m, num_a = self.num_t, self.num_m, self.num_a
        for supports in itertools.product(_subsets(num_m), repeat=num_t):
            on_path = sorted(set().union(*supports))
            # sigma variables: (t, m) for m in supports[t]
            index = {
                (t, m): k
                for k, (t, m) in enumerate((t, m) for t in range(num_t) for m in supports[t])
            }
            senders = {m: tuple(t for t in range(num_t) if m in supports[t]) for m in on_path}
            for receiver_supports in itertools.product(_subsets(num_a), repeat=len(on_path)):
                r_of = dict(zip(on_path, receiver_supports))
                if not all(self.possible(m, r_of[m], senders[m]) for m in on_path):
                    continue
                # the receiver's program first: with pure answers it is a direct check
                rho = self._receiver_lp(supports, on_path, r_of)
                if rho is None:
                    continue
                sigma = self._sender_lp(supports, index, on_path, r_of)
                if sigma is None:
                    continue
                pbe = self._assemble(supports, sigma, index, on_path, rho)
                if pbe is not None:
                    found.append(pbe)
        return found

    def _sender_lp(
        self,
        supports: Any,
        index: Mapping[tuple[int, int], int],
        on_path: list[int],
        r_of: Mapping[int, tuple[int, ...]],
    ) -> list[Any] | None:
        num_t = self.num_t
        n = len(index)
        equalities: list[tuple[list[Any], Any]] = []
        inequalities: list[tuple[list[Any], Any]] = []
        for t in range(num_t):
            row = [0] * n
            for m in supports[t]:
                row[index[t, m]] = 1
            equalities.append((row, 1))
        for m in on_path:
            support = r_of[m]
            a0 = support[0]
            for b in range(self.num_a):
                row = [0] * n
                for t in range(num_t):
                    if (t, m) in index:
                        row[index[t, m]] = self.prior[t] * (self.ur[t, m, a0] - self.ur[t, m, b])
                if b in support:
                    if b != a0:
                        equalities.append((row, 0))
                else:
                    inequalities.append((row, 0))
        if all(len(s) == 1 for s in supports):  # pure sender: the point is fixed
            point = [Fraction(1) if self.exact else 1.0] * n
            slack = 0 if self.exact else self.tol
            ok = all(
                abs(sum(a * v for a, v in zip(r, point)) - b) <= slack for r, b in equalities
            ) and all(sum(a * v for a, v in zip(r, point)) >= b - slack for r, b in inequalities)
            return point if ok else None
        return self.program(n, equalities, inequalities, range(n))

    def _receiver_lp(
        self, supports: Any, on_path: list[int], r_of: Mapping[int, tuple[int, ...]]
    ) -> dict[int, list[Any]] | None:
        variables = [(m, a) for m in on_path for a in r_of[m]]
        index = {v: k for k, v in enumerate(variables)}
        n = len(variables)
        equalities: list[tuple[list[Any], Any]] = []
        inequalities: list[tuple[list[Any], Any]] = []
        for m in on_path:
            row = [0] * n
            for a in r_of[m]:
                row[index[m, a]] = 1
            equalities.append((row, 1))

        def value_row(t: int, m: int) -> list[Any]:
            row = [0] * n
            for a in r_of[m]:
                row[index[m, a]] = self.us[t, m, a]
            return row

        for t in range(self.num_t):
            first = supports[t][0]
            base = value_row(t, first)
            for m in supports[t][1:]:
                equalities.append(([x - y for x, y in zip(base, value_row(t, m))], 0))
            for m in on_path:
                if m not in supports[t]:
                    inequalities.append(([x - y for x, y in zip(base, value_row(t, m))], 0))
        pure = all(len(r_of[m]) == 1 for m in on_path)
        if pure:
            point: list[Any] = [Fraction(1) if self.exact else 1.0] * n
            slack = 0 if self.exact else self.tol
            ok = all(
                abs(sum(a * v for a, v in zip(r, point)) - b) <= slack for r, b in equalities
            ) and all(sum(a * v for a, v in zip(r, point)) >= b - slack for r, b in inequalities)
            if not ok:
                return None
        else:
            solved = self.program(n, equalities, inequalities, range(n))
            if solved is None:
                return None
            point = solved
        rho = {}
        for m in on_path:
            vector: list[Any] = [0] * self.num_a
            for a in r_of[m]:
                vector[a] = point[index[m, a]]
            rho[m] = vector
        return rho

    def _assemble(
        self,
        supports: Any,
        sigma: list[Any],
        index: Mapping[tuple[int, int], int],
        on_path: list[int],
        rho: dict[int, list[Any]],
    ) -> PerfectBayesianEquilibrium | None:
        num_t, num_m = self.num_t, self.num_m
        exact = (
            self.exact
            and all(isinstance(v, (Fraction, int)) for v in sigma)
            and all(isinstance(v, (Fraction, int)) for vec in rho.values() for v in vec)
        )
        zero = Fraction(0) if exact else 0.0

        def num(v: Any) -> Any:
            return Fraction(v) if exact else float(v)

        sender = [[zero] * num_m for _ in range(num_t)]
        for (t, m), k in index.items():
            sender[t][m] = num(sigma[k])
        values = [
            max(
                sum(num(r) * self.us[t, m, a] for a, r in enumerate(rho[m]))
                for m in on_path
                if m in supports[t]
            )
            for t in range(num_t)
        ]
        receiver: list[Any] = [None] * num_m
        beliefs: list[Any] = [None] * num_m
        regions: dict[str, Any] = {}
        for m in range(num_m):
            if m in rho:
                receiver[m] = [num(v) for v in rho[m]]
                weights = [self.prior[t] * sender[t][m] for t in range(num_t)]
                total = sum(weights)
                beliefs[m] = [num(w / total) for w in weights]
                continue
            support = self.off_path(m, values)
            if support is None:
                return None
            region, belief, response = support
            receiver[m] = [num(v) for v in response]
            beliefs[m] = [num(v) for v in belief]
            regions[self.game.messages[m]] = region
        if all(len(s) == 1 for s in supports):
            sent = [s[0] for s in supports]
            if len(set(sent)) == 1:
                kind = "pooling"
            elif len(set(sent)) == num_t:
                kind = "separating"
            else:
                kind = "partially pooling"
        else:
            kind = "semi-separating"
        return PerfectBayesianEquilibrium(
            self.game,
            kind,
            tuple(map(tuple, sender)),
            tuple(map(tuple, receiver)),
            tuple(map(tuple, beliefs)),
            regions,
            exact,
        )


def _floats(rows: list[tuple[list[Any], Any]]) -> list[tuple[list[float], float]]:
    return [([float(a) for a in row], float(b)) for row, b in rows]


def _region(pieces: Sequence[tuple[Any, Any]]) -> Any:
    """The union of ordered pieces (``(x, x)`` a point, ``(x, y)`` an open interval) as a
    sympy set, adjacent pieces merged first (cheaper than sympy's own simplification)."""
    merged: list[list[Any]] = []  # [low, high, low_open, high_open]
    for low, high in pieces:
        point = low == high
        if merged and merged[-1][1] == low:
            last = merged[-1]
            if point and last[3]:  # (a, x) then {x}: close the interval at x
                last[3] = False
                continue
            if not point and not last[3]:  # [a, x] then (x, y): extend to (x, y)
                last[1], last[3] = high, True
                continue
        merged.append([low, high, not point, not point])
    sets = [
        sympy.FiniteSet(_sym(low))
        if low == high and not (low_open or high_open)
        else sympy.Interval(_sym(low), _sym(high), low_open, high_open)
        for low, high, low_open, high_open in merged
    ]
    return sets[0] if len(sets) == 1 else sympy.Union(*sets, evaluate=False)


def _sym(value: Any) -> sympy.Expr:
    if isinstance(value, Fraction):
        return sympy.Rational(value.numerator, value.denominator)
    return sympy.Float(value)


def solve_signalling(game: SignallingGame, *, tol: float = 1e-9) -> SignallingResult:
    """Perfect Bayesian equilibria of a signalling game: pooling, separating and hybrid.

    Parameters
    ----------
    game : SignallingGame
    tol : float
        Tolerance of the linear programs and of float comparisons.

    Returns
    -------
    SignallingResult
        Every equilibrium found by support enumeration (one point per support pattern when
        the pattern admits a continuum), each labelled by kind, with on-path Bayes beliefs
        and the off-path beliefs that support it.

    Raises
    ------
    InvalidGameError
        If ``game`` is not a SignallingGame.

    Notes
    -----
    See the module docstring. The number of support patterns grows as
    :math:`(2^{|M|} - 1)^{|T|} (2^{|A|} - 1)^{|M|}`, so this is for small games.

    Examples
    --------
    Spence's (1973) job market: education costs the low type 2 and the high type 1; a high
    wage is worth 2. Both types skipping education (pooling, supported by the belief that an
    educated worker is low-ability) and full separation are equilibria.

    >>> game = SignallingGame(
    ...     sender_payoffs=[[[2, 0], [1, -1]], [[2, 0], [0, -2]]],
    ...     receiver_payoffs=[[[1, 0], [1, 0]], [[0, 1], [0, 1]]],
    ...     prior=["1/2", "1/2"], types=("high", "low"),
    ...     messages=("none", "educate"), actions=("high wage", "low wage"))
    >>> result = solve_signalling(game)
    >>> sorted({pbe.kind for pbe in result})
    ['pooling', 'semi-separating', 'separating']
    >>> result.separating[0].sender_strategy
    {'high': 'educate', 'low': 'none'}
    """
    if not isinstance(game, SignallingGame):
        raise InvalidGameError(
            f"solve_signalling needs a SignallingGame, got {type(game).__name__}"
        )
    equilibria = _Solver(game, tol).solve()
    order = {kind: k for k, kind in enumerate(KINDS)}
    equilibria.sort(key=lambda e: order[e.kind])
    return SignallingResult(
        game, tuple(equilibria), "support_enumeration", exact=game.is_exact, options={"tol": tol}
    )
