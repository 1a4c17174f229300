r"""Correlated and coarse correlated equilibria as linear programs (scipy HiGHS).

A *correlated equilibrium* (Aumann 1974) of a game is a distribution :math:`\pi` over pure
profiles such that no player, told only its own recommended strategy :math:`s_i`, gains by
deviating to :math:`t_i`:

.. math:: \sum_{s_{-i}} \pi(s_i, s_{-i}) \bigl[u_i(s_i, s_{-i}) - u_i(t_i, s_{-i})\bigr]
          \ge 0 \qquad \text{for all } i,\ s_i \ne t_i.

A *coarse* correlated equilibrium (Moulin & Vial 1978; Hannan sets) only asks that no player
prefers to commit to a fixed :math:`t_i` *before* hearing the recommendation:

.. math:: \sum_{s} \pi(s) \bigl[u_i(s) - u_i(t_i, s_{-i})\bigr] \ge 0
          \qquad \text{for all } i,\ t_i.

Both sets are polytopes (Nash equilibria, as product distributions, lie in both), so
optimising a linear objective over them is a linear program: maximum welfare
:math:`\sum_i u_i`, the maximum of one player's payoff, or a feasibility check of a given
distribution. In deterrence terms: a mediator (an alliance secretariat, a public signal)
can coordinate coercer and coalition on outcomes no independent randomisation reaches.

References
----------
.. [1] R. J. Aumann, "Subjectivity and correlation in randomized strategies", *Journal of
   Mathematical Economics* 1 (1974) 67-96.
.. [2] H. Moulin and J.-P. Vial, "Strategically zero-sum games", *International Journal of
   Game Theory* 7 (1978) 201-221.
.. [3] C. H. Papadimitriou and T. Roughgarden, "Computing correlated equilibria in
   multi-player games", *Journal of the ACM* 55 (2008) 14.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Iterator
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np

from deterrence.exceptions import InvalidGameError, InvalidProfileError, SolverError
from deterrence.games._numbers import as_payoff_array, format_number, readonly
from deterrence.games.normal_form import NormalFormGame
from deterrence.solvers.result import EquilibriumResult

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "CorrelatedEquilibrium",
    "CorrelatedResult",
    "correlated_equilibrium",
    "incentive_constraints",
    "solve_correlated",
]


def incentive_constraints(
    game: NormalFormGame, *, coarse: bool = False, exact: bool = False
) -> tuple[np.ndarray, list[tuple[str, str, str]]]:
    r"""The incentive constraints as a matrix ``G`` with ``G @ pi.ravel() >= 0``.

    Parameters
    ----------
    game : NormalFormGame
    coarse : bool
        Coarse (one row per player and deviation) instead of correlated (one row per
        player, recommendation and deviation).
    exact : bool
        ``Fraction`` entries (exact games only).

    Returns
    -------
    matrix : numpy.ndarray
        Shape ``(rows, prod(num_strategies))``, profiles in C order.
    labels : list of (player, recommended, deviation)
        One per row; ``recommended`` is ``"*"`` for coarse constraints.

    Examples
    --------
    >>> game = NormalFormGame.from_matrices([[6, 2], [7, 0]], [[6, 7], [2, 0]])
    >>> matrix, labels = incentive_constraints(game)
    >>> labels[0], matrix[0].tolist()
    (('player 1', 's1', 's2'), [-1.0, 2.0, 0.0, 0.0])
    """
    payoffs = game.payoffs if (exact and game.is_exact) else game.float_payoffs
    rows, labels = [], []
    for i, player in enumerate(game.players):
        u = payoffs[i]
        # gains[t][profile] = u_i(profile) - u_i(t, profile_-i)
        gains = [u - np.take(u, [t], axis=i) for t in range(game.num_strategies[i])]
        if coarse:
            for t, gain in enumerate(gains):
                rows.append(gain.reshape(-1))
                labels.append((player, "*", game.strategies[i][t]))
            continue
        shape = [1] * game.num_players
        shape[i] = -1
        for s in range(game.num_strategies[i]):
            mask = (np.arange(game.num_strategies[i]) == s).reshape(shape)
            for t, gain in enumerate(gains):
                if s == t:
                    continue
                rows.append(np.where(mask, gain, 0 * gain).reshape(-1))
                labels.append((player, game.strategies[i][s], game.strategies[i][t]))
    if not rows:
        return np.zeros((0, int(np.prod(game.num_strategies)))), []
    return np.array(rows, dtype=payoffs.dtype), labels


@dataclasses.dataclass(frozen=True, eq=False, repr=False)
class CorrelatedEquilibrium:
    """A (coarse) correlated equilibrium: a joint distribution over pure profiles.

    Parameters
    ----------
    game : NormalFormGame
    distribution : numpy.ndarray
        Shape ``game.num_strategies``, non-negative, summing to one (read-only).
    objective : str or tuple
        ``"welfare"``, ``("player", name)`` or ``"feasibility"``.
    coarse : bool
        Whether the coarse constraints were used.
    feasible : bool
        Whether the incentive constraints hold within ``tol`` (always True for optimised
        results; the answer of a feasibility check otherwise).
    max_violation : float
        Largest violation of an incentive constraint (0 when none).
    tol : float

    Examples
    --------
    >>> chicken = NormalFormGame.from_matrices([[6, 2], [7, 0]], [[6, 7], [2, 0]],
    ...     players=("row", "column"), strategies=(("C", "D"), ("C", "D")))
    >>> ce = correlated_equilibrium(chicken)
    >>> ce.welfare, ce.payoffs
    (10.5, (5.25, 5.25))
    >>> ce.to_frame()
       row column  probability
    0    C      C         0.50
    1    C      D         0.25
    2    D      C         0.25
    >>> ce.outcome, ce.max_regret()
    ('0.5 (C, C) + 0.25 (C, D) + 0.25 (D, C)', 0.0)
    """

    game: NormalFormGame
    distribution: Any
    objective: Any
    coarse: bool
    feasible: bool
    max_violation: float
    tol: float = 1e-9

    @property
    def payoffs(self) -> tuple[Any, ...]:
        """Each player's expected payoff under the distribution."""
        values = []
        exact = self.distribution.dtype == object
        payoffs = self.game.payoffs if exact else self.game.float_payoffs
        for i in range(self.game.num_players):
            total = (payoffs[i] * self.distribution).sum()
            values.append(total if exact else round(float(total), 12))
        return tuple(values)

    @property
    def exact(self) -> bool:
        """Whether the probabilities are exact ``Fraction`` values."""
        return self.distribution.dtype == object

    @property
    def labelled_payoffs(self) -> dict[str, Any]:
        """``{player: expected payoff}``."""
        return dict(zip(self.game.players, self.payoffs))

    def _support(self, threshold: float) -> Iterator[tuple[tuple[str, ...], Any]]:
        """``(strategy labels, probability)`` of every profile above ``threshold``."""
        for profile in itertools.product(*(range(k) for k in self.game.num_strategies)):
            p = self.distribution[profile]
            if float(p) > threshold:
                yield (
                    tuple(self.game.strategies[i][s] for i, s in enumerate(profile)),
                    p if self.exact else float(p),
                )

    def as_dict(self, *, threshold: float = 1e-12) -> dict[str, Any]:
        """``{"(C, D)": probability}`` for every profile with positive probability."""
        return {"(" + ", ".join(labels) + ")": p for labels, p in self._support(threshold)}

    @property
    def is_pure(self) -> bool:
        """Whether the mediator recommends one profile for sure (a pure Nash equilibrium)."""
        return len(self.as_dict()) == 1

    @property
    def outcome(self) -> str:
        """The recommended profiles with their probabilities, e.g.
        ``"1/2 (C, C) + 1/2 (D, D)"`` (just the profile when it is sure)."""
        items = self.as_dict()
        if len(items) == 1:
            return next(iter(items))
        return " + ".join(f"{format_number(p, 3)} {profile}" for profile, p in items.items())

    def max_regret(self) -> Any:
        """The largest gain of an obedience deviation: a player told ``s`` playing ``t``
        instead (coarse: committing to ``t`` before the recommendation), in expected payoff
        over the distribution. 0 for a (coarse) correlated equilibrium, exactly so when the
        distribution and the game are exact."""
        slacks = self.slacks()
        worst = max((-v for v in slacks), default=0)
        worst = max(worst, 0 * worst)
        return worst if self.exact and self.game.is_exact else float(worst)

    @property
    def welfare(self) -> Any:
        """Sum of the players' expected payoffs."""
        total = sum(self.payoffs)
        return total if self.distribution.dtype == object else round(float(total), 12)

    def slacks(self) -> np.ndarray:
        """Value of every incentive constraint (negative entries are violations)."""
        exact = self.distribution.dtype == object
        matrix, _ = incentive_constraints(self.game, coarse=self.coarse, exact=exact)
        return matrix @ self.distribution.reshape(-1)

    def check(self, *, tol: float | None = None, coarse: bool | None = None) -> bool:
        """Whether the distribution satisfies the incentive constraints.

        Exact distributions of exact games are checked exactly.

        Examples
        --------
        >>> chicken = NormalFormGame.from_matrices([[6, 2], [7, 0]], [[6, 7], [2, 0]])
        >>> correlated_equilibrium(chicken).check()
        True
        """
        tolerance = self.tol if tol is None else tol
        use_coarse = self.coarse if coarse is None else coarse
        exact = self.distribution.dtype == object
        matrix, _ = incentive_constraints(self.game, coarse=use_coarse, exact=exact)
        values = matrix @ self.distribution.reshape(-1)
        if exact:
            return bool(all(v >= 0 for v in values))
        return bool(len(values) == 0 or values.min() >= -tolerance)

    def to_series(self) -> pd.Series:
        """The distribution as a pandas Series with a (player strategy) MultiIndex."""
        import pandas as pd

        index = pd.MultiIndex.from_product(self.game.strategies, names=self.game.players)
        values = [
            p if self.distribution.dtype == object else float(p)
            for p in self.distribution.reshape(-1)
        ]
        return pd.Series(values, index=index, name="probability")

    def to_frame(self, *, threshold: float = 1e-12) -> pd.DataFrame:
        """Profiles with positive probability, one row each, labelled."""
        import pandas as pd

        rows = [
            {**dict(zip(self.game.players, labels)), "probability": float(p)}
            for labels, p in self._support(threshold)
        ]
        return pd.DataFrame(rows, columns=list(self.game.players) + ["probability"])

    def __repr__(self) -> str:
        kind = "coarse correlated" if self.coarse else "correlated"
        status = "feasible" if self.feasible else f"infeasible (violation {self.max_violation:g})"
        return (
            f"CorrelatedEquilibrium({kind}, objective={self.objective!r}, {status}, "
            f"payoffs={tuple(float(v) for v in self.payoffs)})"
        )


def _check_distribution(game: NormalFormGame, distribution: Any) -> np.ndarray:
    array, exact = as_payoff_array(distribution, what="distribution")
    if array.shape != game.num_strategies:
        if array.size == int(np.prod(game.num_strategies)):
            array = array.reshape(game.num_strategies)
        else:
            raise InvalidProfileError(
                f"distribution has shape {array.shape}; expected {game.num_strategies} "
                "(one probability per pure profile)"
            )
    tol = 0 if exact else 1e-9
    if (array < -tol).any() if not exact else any(v < 0 for v in array.reshape(-1)):
        raise InvalidProfileError("distribution has a negative probability")
    total = array.sum()
    if abs(total - 1) > tol:
        raise InvalidProfileError(f"distribution sums to {total}; probabilities must sum to 1")
    return array


def correlated_equilibrium(
    game: NormalFormGame,
    objective: Any = "welfare",
    *,
    distribution: Any = None,
    coarse: bool = False,
    exact: bool = False,
    tol: float = 1e-9,
) -> CorrelatedEquilibrium:
    """Optimise over (or test membership in) the correlated-equilibrium polytope.

    Parameters
    ----------
    game : NormalFormGame
        Any number of players.
    objective : {"welfare", "feasibility"} or ("player", name)
        Maximise the sum of payoffs, maximise one player's payoff, or check ``distribution``
        (without ``distribution``: return some correlated equilibrium).
    distribution : array_like, optional
        For ``"feasibility"``: a distribution of shape ``game.num_strategies``.
    coarse : bool, default False
        Use the coarse correlated equilibrium constraints.
    exact : bool, default False
        Return the optimum as exact ``Fraction`` probabilities when the LP solution
        rationalises to a distribution that passes the exact check (exact games only).
    tol : float
        Feasibility tolerance.

    Returns
    -------
    CorrelatedEquilibrium

    Raises
    ------
    InvalidGameError
        If ``game`` is not a :class:`NormalFormGame`, or the objective is unknown.
    InvalidProfileError
        If a given distribution has the wrong shape or is not a probability distribution.
    SolverError
        If HiGHS fails (it cannot be infeasible: every Nash equilibrium is a correlated one).

    Notes
    -----
    Variables: one probability per pure profile; constraints as in the module docstring,
    plus :math:`\\sum \\pi = 1`, :math:`\\pi \\ge 0`; solved with the HiGHS dual simplex
    (Huangfu & Hall 2018). The polytope has :math:`\\prod_i |S_i|` variables, so games with
    up to about a million profiles are practical.

    Examples
    --------
    Aumann's (1974) chicken: the correlated equilibrium 1/3 on each of (C, C), (C, D),
    (D, C) pays 5 each, more than the mixed Nash equilibrium's 14/3:

    >>> chicken = NormalFormGame.from_matrices([[6, 2], [7, 0]], [[6, 7], [2, 0]])
    >>> aumann = correlated_equilibrium(chicken, "feasibility",
    ...                                 distribution=[["1/3", "1/3"], ["1/3", 0]])
    >>> aumann.feasible, aumann.payoffs
    (True, (Fraction(5, 1), Fraction(5, 1)))
    >>> correlated_equilibrium(chicken, ("player", "player 1")).payoffs
    (7.0, 2.0)
    """
    if not isinstance(game, NormalFormGame):
        raise InvalidGameError(f"expected a NormalFormGame, got {type(game).__name__}")
    if objective == "feasibility" and distribution is not None:
        array = _check_distribution(game, distribution)
        exact_check = array.dtype == object and game.is_exact
        matrix, _ = incentive_constraints(game, coarse=coarse, exact=exact_check)
        slacks = matrix @ array.reshape(-1)
        worst = min(slacks) if len(slacks) else 0
        violation = float(max(-worst, 0))
        feasible = bool(worst >= 0) if exact_check else bool(violation <= tol)
        if not exact_check:
            array = array.astype(float)
        return CorrelatedEquilibrium(
            game, readonly(array), "feasibility", coarse, feasible, violation, tol
        )
    if distribution is not None:
        raise InvalidGameError("distribution is only used with objective='feasibility'")
    size = int(np.prod(game.num_strategies))
    payoffs = game.float_payoffs
    if objective == "welfare":
        cost = -payoffs.sum(axis=0).reshape(-1)
    elif objective == "feasibility":
        cost = np.zeros(size)
    elif isinstance(objective, tuple) and len(objective) == 2 and objective[0] == "player":
        cost = -payoffs[game.player_index(objective[1])].reshape(-1)
        objective = ("player", game.players[game.player_index(objective[1])])
    else:
        raise InvalidGameError(
            f"unknown objective {objective!r}; use 'welfare', ('player', name) or 'feasibility'"
        )
    from scipy.optimize import linprog

    matrix, _ = incentive_constraints(game, coarse=coarse)
    scale = max(1.0, float(np.abs(payoffs).max()))
    outcome = linprog(
        cost / scale,
        A_ub=-matrix / scale if len(matrix) else None,
        b_ub=np.zeros(len(matrix)) if len(matrix) else None,
        A_eq=np.ones((1, size)),
        b_eq=[1.0],
        bounds=(0, None),
        method="highs",
    )
    if outcome.status != 0:
        raise SolverError(f"HiGHS failed on the correlated-equilibrium LP: {outcome.message}")
    pi = np.clip(outcome.x, 0, None)
    pi = pi / pi.sum()
    pi[pi < 1e-13] = 0.0
    pi = pi / pi.sum()
    array = pi.reshape(game.num_strategies)
    if exact and game.is_exact:
        rational = np.empty(size, dtype=object)
        rational[:] = [Fraction(float(p)).limit_denominator(10**6) for p in pi]
        total = sum(rational)
        if total != 0:
            rational = rational / total
            exact_matrix, _ = incentive_constraints(game, coarse=coarse, exact=True)
            slacks = exact_matrix @ rational
            objective_gap = abs(float(np.dot(cost, rational.astype(float)) - np.dot(cost, pi)))
            if all(v >= 0 for v in slacks) and objective_gap <= 1e-9 * scale:
                array = rational.reshape(game.num_strategies)
    slacks = matrix @ np.asarray(array, dtype=float).reshape(-1)
    violation = float(max(-slacks.min(), 0)) if len(slacks) else 0.0
    return CorrelatedEquilibrium(
        game,
        readonly(array),
        objective,
        coarse,
        violation <= max(tol, 1e-7 * scale),
        violation,
        tol,
    )


@dataclasses.dataclass(frozen=True, eq=False, repr=False)
class CorrelatedResult(EquilibriumResult):
    """The (coarse) correlated equilibrium an LP found, as the one result container.

    An :class:`~deterrence.solvers.result.EquilibriumResult` holding one
    :class:`CorrelatedEquilibrium` (``complete`` is False: the polytope has many points).
    Adds the distribution's frame.

    Examples
    --------
    >>> chicken = NormalFormGame.from_matrices([[6, 2], [7, 0]], [[6, 7], [2, 0]])
    >>> result = solve_correlated(chicken)
    >>> result.method, len(result), result[0].welfare
    ('correlated_lp', 1, 10.5)
    """

    def distribution_frame(self) -> pd.DataFrame:
        """The first equilibrium's profiles with positive probability (its ``to_frame()``)."""
        return self.equilibria[0].to_frame()


def solve_correlated(
    game: NormalFormGame,
    objective: Any = "welfare",
    *,
    coarse: bool = False,
    exact: bool = False,
    tol: float = 1e-9,
) -> CorrelatedResult:
    """A (coarse) correlated equilibrium optimising ``objective``, as a result container.

    The same LP as :func:`correlated_equilibrium` (see there for the parameters), returned
    as a :class:`CorrelatedResult` like every other solver's answer.

    Returns
    -------
    CorrelatedResult
        One equilibrium; ``method`` is ``"correlated_lp"`` or ``"coarse_correlated_lp"``.

    Raises
    ------
    InvalidGameError
        If ``game`` is not a :class:`NormalFormGame` or the objective is unknown.
    SolverError
        If HiGHS fails.

    Examples
    --------
    >>> chicken = NormalFormGame.from_matrices([[6, 2], [7, 0]], [[6, 7], [2, 0]],
    ...     strategies=(("C", "D"), ("C", "D")))
    >>> solve_correlated(chicken, exact=True)[0].outcome
    '1/2 (C, C) + 1/4 (C, D) + 1/4 (D, C)'
    """
    equilibrium = correlated_equilibrium(game, objective, coarse=coarse, exact=exact, tol=tol)
    return CorrelatedResult(
        game,
        (equilibrium,),
        "coarse_correlated_lp" if coarse else "correlated_lp",
        exact=equilibrium.exact,
        complete=False,
        options={"objective": equilibrium.objective, "coarse": coarse, "exact": exact, "tol": tol},
    )
