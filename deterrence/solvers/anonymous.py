r"""Equilibria of anonymous N-player games at any size, and the alliance burden-sharing model.

Pure equilibria are *count profiles*: only how many players choose each strategy matters.
With counts :math:`n = (n_1, \dots, n_m)`, :math:`\sum n_s = N`, a player on strategy
:math:`s` sees the others' counts :math:`n - e_s`, so the profile is an equilibrium when

.. math:: n_s > 0 \implies u(s, n - e_s) \ge u(t, n - e_s) \quad \text{for all } t.

With two strategies this is one vectorised pass over :math:`k = 0..N` using the payoff
difference :math:`D(j) = u(s_1, j) - u(s_2, j)`: ":math:`k` of :math:`N` honour" is an
equilibrium iff :math:`D(k-1) \ge 0` (if :math:`k > 0`) and :math:`D(k) \le 0` (if
:math:`k < N`).

Symmetric mixed equilibria (two strategies): when every other player chooses the first
strategy with probability :math:`p`, the number :math:`j` who do is
:math:`\mathrm{Bin}(N-1, p)`, and the gain from the first strategy is

.. math:: f(p) = \sum_{j=0}^{n} D(j) \binom{n}{j} p^j (1-p)^{n-j}, \qquad n = N - 1,

a polynomial in *Bernstein form* with coefficients :math:`D(j)`. Interior symmetric
equilibria are its roots in :math:`(0, 1)`; :math:`p = 0` (resp. 1) is one when
:math:`D(0) \le 0` (resp. :math:`D(n) \ge 0`). Converting to the monomial basis is hopeless
at :math:`N = 10{,}000` (binomial coefficients of 3,000 digits and catastrophic
cancellation), so roots are isolated in the Bernstein basis:

* Descartes' rule of signs in the Bernstein basis: the number of roots in :math:`(0, 1)` is
  at most the number of sign changes of :math:`(D(j))_j` (and has the same parity), so zero
  or one sign change settles the question at once (Farouki & Rajan 1987).
* Otherwise the roots of the derivative, whose Bernstein coefficients are the differences
  :math:`n \Delta D(j)`, are found recursively; between consecutive critical points
  :math:`f` is monotone, so each such interval holds at most one root, bracketed by a sign
  change and polished with Brent's method. Differences of exact payoffs are exact, so the
  sign counts are exact.
* :math:`f(p)` is evaluated with log-binomial weights
  :math:`\exp(\log\binom{n}{j} + j \log p + (n-j) \log(1-p))`, which neither overflow nor
  cancel.

For exact payoffs and moderate :math:`N` (``exact=True``), :math:`p = y/(1+y)` maps the roots
to the positive roots of the integer polynomial :math:`\sum_j D(j) \binom{n}{j} y^j`, which
FLINT factors (rational roots come out exactly) and isolates in certified interval
arithmetic (Arb).

*Stability*: under the replicator dynamics :math:`\dot p = p (1 - p) f(p)` (Taylor & Jonker
1978), an interior equilibrium is asymptotically stable when :math:`f` changes sign from
positive to negative there (:math:`f'(p^*) < 0`), :math:`p = 0` when :math:`f < 0` just
right of 0 and :math:`p = 1` when :math:`f > 0` just left of 1.

References
----------
.. [1] R. T. Farouki and V. T. Rajan, "On the numerical condition of polynomials in
   Bernstein form", *Computer Aided Geometric Design* 4 (1987) 191-216.
.. [2] P. D. Taylor and L. B. Jonker, "Evolutionary stable strategies and game dynamics",
   *Mathematical Biosciences* 40 (1978) 145-156.
.. [3] J. Hofbauer and K. Sigmund, *Evolutionary Games and Population Dynamics*, Cambridge
   University Press, 1998.
"""

from __future__ import annotations

import dataclasses
import math
import sys
import warnings
from collections.abc import Callable
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np
from scipy.optimize import brentq
from scipy.special import gammaln

from deterrence.exceptions import DegenerateGameWarning, InvalidGameError, UnsupportedGameError
from deterrence.games._numbers import format_number
from deterrence.games.anonymous import AnonymousGame
from deterrence.games.anonymous_families import AllianceGame
from deterrence.solvers.result import EquilibriumResult

if TYPE_CHECKING:
    import pandas as pd

    from deterrence.solvers.result import Equilibrium

__all__ = [
    "CountEquilibrium",
    "SymmetricEquilibrium",
    "AnonymousResult",
    "AllianceEquilibrium",
    "solve_anonymous_pure",
    "solve_anonymous_symmetric",
    "solve_anonymous",
    "indifference_function",
    "replicator_stability",
    "solve_burden_sharing",
    "EXACT_DEGREE_LIMIT",
    "MAX_PURE_PROFILES",
]

#: Largest N - 1 for which ``exact=True`` isolates roots with FLINT; larger games use the
#: Bernstein cascade (exact signs, float roots).
EXACT_DEGREE_LIMIT = 100
#: Largest number of count profiles enumerated by :func:`solve_anonymous_pure` (m > 2).
MAX_PURE_PROFILES = 5_000_000


# ---------------------------------------------------------------------- results
@dataclasses.dataclass(frozen=True, eq=False, repr=False)
class CountEquilibrium:
    """A pure equilibrium of an anonymous game as a count profile: "k of N honour".

    Parameters
    ----------
    game : AnonymousGame
    counts : tuple of int
        How many players choose each strategy (sums to N).
    payoffs : tuple
        Payoff of a player using each strategy (``None`` for unused strategies).

    Examples
    --------
    >>> from deterrence.games.anonymous_families import volunteers_dilemma
    >>> eq = solve_anonymous_pure(volunteers_dilemma(4, benefit=2, cost=1))[0]
    >>> eq.describe(), eq.outcome, eq.max_regret()
    ('1 of 4 volunteer, 3 of 4 abstain', '1 of 4 volunteer', Fraction(0, 1))
    """

    game: AnonymousGame
    counts: tuple[int, ...]
    payoffs: tuple[Any, ...]

    #: A count profile is a pure profile.
    is_pure = True

    @property
    def exact(self) -> bool:
        """Whether the game's payoffs are exact rationals."""
        return bool(self.game.is_exact)

    @property
    def outcome(self) -> str:
        """In words: ``"all defect"``, ``"4 of 10 contribute"`` (two strategies) or the
        counts of every strategy used."""
        n, strategies = self.game.num_players, self.game.strategies
        used = [(c, s) for c, s in zip(self.counts, strategies) if c]
        if len(used) == 1:
            return f"all {used[0][1]}"
        if len(strategies) == 2:
            return f"{self.counts[0]} of {n} {strategies[0]}"
        return ", ".join(f"{c} of {n} {s}" for c, s in used)

    @property
    def labelled_payoffs(self) -> dict[str, Any]:
        """``{strategy: payoff of a member using it}`` (``None`` for unused strategies)."""
        return dict(zip(self.game.strategies, self.payoffs))

    def max_regret(self) -> Any:
        r"""The largest gain of one member switching strategy (0 for an equilibrium).

        A member on strategy :math:`s` faces the others' counts :math:`n - e_s`; its gain
        is :math:`\max_t u(t, n - e_s) - u(s, n - e_s)`.
        """
        table = self.game.table
        worst: Any = Fraction(0) if self.exact else 0.0
        for s, count in enumerate(self.counts):
            if count == 0:
                continue
            others = list(self.counts)
            others[s] -= 1
            column = table[:, self.game.count_index(others)]
            gain = max(column) - column[s]
            worst = max(worst, gain if self.exact else float(gain))
        return worst

    def describe(self) -> str:
        """A readable sentence such as ``'7 of 10 honour, 3 of 10 defect'``."""
        n = self.game.num_players
        return ", ".join(
            f"{c} of {n} {label}" for c, label in zip(self.counts, self.game.strategies) if c
        )

    def as_dict(self) -> dict[str, int]:
        """``{strategy: count}``."""
        return dict(zip(self.game.strategies, self.counts))

    def to_profile(self) -> tuple[int, ...]:
        """One pure strategy index per player (the first ``counts[0]`` play strategy 0, ...)."""
        return tuple(s for s, c in enumerate(self.counts) for _ in range(c))

    def to_equilibrium(self) -> Equilibrium:
        """The same profile as an :class:`~deterrence.solvers.result.Equilibrium` of
        :meth:`AnonymousGame.to_normal_form` (small N only)."""
        from deterrence.solvers.result import Equilibrium

        return Equilibrium(self.game.to_normal_form(), self.to_profile())

    def __repr__(self) -> str:
        return f"CountEquilibrium({self.describe()})"


@dataclasses.dataclass(frozen=True, eq=False, repr=False)
class SymmetricEquilibrium:
    """A symmetric (possibly mixed) equilibrium of a two-strategy anonymous game.

    Parameters
    ----------
    game : AnonymousGame
    probability : Fraction or float
        Probability with which every player chooses the first strategy.
    payoff : float
        Each player's expected payoff.
    stability : str
        ``"stable"``, ``"unstable"``, ``"semi-stable"`` (tangency) or ``"neutral"``
        (payoff difference identically zero) under the replicator dynamics.
    derivative : float
        :math:`f'(p)` of the gain function (the replicator eigenvalue is
        :math:`p(1-p)f'(p)` for interior points).
    interval : tuple of float
        An interval certified (exact mode) or bracketed (float mode) to contain the root.

    Examples
    --------
    >>> from deterrence.games.anonymous_families import threshold_public_good
    >>> game = threshold_public_good(3, threshold=2, value=8, cost=3)
    >>> result = solve_anonymous_symmetric(game, exact=True)
    >>> [(eq.probability, eq.stability) for eq in result]
    [(Fraction(0, 1), 'stable'), (Fraction(1, 4), 'unstable'), (Fraction(3, 4), 'stable')]
    >>> result[1].outcome, result[1].max_regret()
    ('each member plays contribute with probability 1/4', Fraction(0, 1))
    """

    game: AnonymousGame
    probability: Any
    payoff: float
    stability: str
    derivative: float
    interval: tuple[float, float]

    @property
    def exact(self) -> bool:
        """Whether the probability is an exact rational."""
        return isinstance(self.probability, Fraction)

    @property
    def probabilities(self) -> tuple[Any, Any]:
        """Probabilities of both strategies."""
        return (self.probability, 1 - self.probability)

    @property
    def outcome(self) -> str:
        """In words: ``"every member plays honour"`` or ``"each member plays honour with
        probability 1/4"``."""
        p, label = self.probability, self.game.player_label
        first, second = self.game.strategies[:2]
        if p in (0, 1):
            return f"every {label} plays {first if p == 1 else second}"
        return f"each {label} plays {first} with probability {format_number(p)}"

    @property
    def payoffs(self) -> tuple[Any, Any]:
        """Payoff of a member using each strategy (``None`` for a strategy nobody uses);
        both equal :attr:`payoff` at an interior equilibrium."""
        return (
            self.payoff if self.probability != 0 else None,
            self.payoff if self.probability != 1 else None,
        )

    @property
    def labelled_payoffs(self) -> dict[str, Any]:
        """``{strategy: payoff of a member using it}``."""
        return dict(zip(self.game.strategies, self.payoffs))

    def gain(self) -> Any:
        """The gain :math:`f(p)` from the first strategy over the second when every other
        member mixes :math:`(p, 1 - p)`: exact for exact games and probabilities."""
        p = self.probability
        if not (self.exact and self.game.is_exact):
            return float(indifference_function(self.game)([float(p)])[0])
        d = self.game.payoff_difference()
        n = len(d) - 1
        return sum(
            (d[j] * math.comb(n, j) * p**j * (1 - p) ** (n - j) for j in range(n + 1)), Fraction(0)
        )

    def max_regret(self) -> Any:
        r"""The largest gain of one member deviating to a pure strategy (0 for an equilibrium):
        :math:`(1 - p) \max(f, 0) + p \max(-f, 0)` with :math:`f` the :meth:`gain`."""
        f, p = self.gain(), self.probability
        zero = 0 * f
        return (1 - p) * max(f, zero) + p * max(-f, zero)

    @property
    def is_pure(self) -> bool:
        """Whether all players choose the same pure strategy."""
        return self.probability in (0, 1)

    def as_dict(self) -> dict[str, Any]:
        """``{strategy: probability}``."""
        return dict(zip(self.game.strategies, self.probabilities))

    def to_equilibrium(self) -> Equilibrium:
        """This profile as an :class:`~deterrence.solvers.result.Equilibrium` of the normal form
        (small N only)."""
        from deterrence.solvers.result import Equilibrium

        vector = (
            list(self.probabilities)
            if self.exact
            else [float(self.probability), 1 - float(self.probability)]
        )
        return Equilibrium(self.game.to_normal_form(), [vector] * self.game.num_players)

    def __repr__(self) -> str:
        return (
            f"SymmetricEquilibrium(p={format_number(self.probability, 6)} "
            f"{self.game.strategies[0]}, {self.stability})"
        )


@dataclasses.dataclass(frozen=True, eq=False, repr=False)
class AnonymousResult(EquilibriumResult):
    """Equilibria of an anonymous game, with how they were found.

    An :class:`~deterrence.solvers.result.EquilibriumResult` whose ``equilibria`` are
    :class:`CountEquilibrium` or :class:`SymmetricEquilibrium` objects; ``exact`` says
    whether every equilibrium is exact, ``degenerate`` whether a continuum of equilibria was
    found (identically zero payoff difference). Adds a frame of counts, probabilities and
    stability.

    Examples
    --------
    >>> from deterrence.games.anonymous_families import volunteers_dilemma
    >>> result = solve_anonymous_symmetric(volunteers_dilemma(2, benefit=2, cost=1))
    >>> result.to_frame()[["volunteer", "stability"]]
       volunteer stability
    0        0.5    stable
    """

    def to_frame(self) -> pd.DataFrame:
        """One row per equilibrium: counts (or probabilities), payoffs, description (or
        stability and derivative)."""
        import pandas as pd

        rows = []
        for eq in self.equilibria:
            if isinstance(eq, CountEquilibrium):
                row: dict[str, Any] = dict(eq.as_dict())
                for label, value in zip(self.game.strategies, eq.payoffs):
                    row[f"payoff:{label}"] = None if value is None else float(value)
                row["description"] = eq.describe()
            else:
                row = {label: float(p) for label, p in eq.as_dict().items()}
                row.update(payoff=eq.payoff, stability=eq.stability, derivative=eq.derivative)
            rows.append(row)
        return pd.DataFrame(rows)


# ---------------------------------------------------------------------- pure
def _check_game(game: Any) -> AnonymousGame:
    """The game to solve: an AnonymousGame, or a ParametricAnonymousGame at its defaults
    (as :func:`deterrence.solve` solves a ParametricGame at its defaults)."""
    # a ParametricAnonymousGame exists only once its module (and sympy, 1-2 s) is imported
    parametric = sys.modules.get("deterrence.games.parametric_anonymous")
    if parametric is not None and isinstance(game, parametric.ParametricAnonymousGame):
        return game.at()
    if not isinstance(game, AnonymousGame):
        raise InvalidGameError(
            f"expected an AnonymousGame (or a ParametricAnonymousGame, solved at its "
            f"defaults), got {type(game).__name__}"
        )
    return game


def solve_anonymous_pure(game: AnonymousGame, *, tol: float = 1e-12) -> AnonymousResult:
    """Every pure Nash equilibrium of an anonymous game, as count profiles.

    Parameters
    ----------
    game : AnonymousGame or ParametricAnonymousGame
        A parametric game is solved at its defaults (``game.at()``).
    tol : float
        Tolerance for ties in float games (exact games compare exactly).

    Returns
    -------
    AnonymousResult
        :class:`CountEquilibrium` objects, lexicographically decreasing in the counts
        (most players on the first strategy first).

    Raises
    ------
    InvalidGameError
        If ``game`` is not an :class:`AnonymousGame`.
    UnsupportedGameError
        If there are more than :data:`MAX_PURE_PROFILES` count profiles (m > 2).

    Notes
    -----
    Each count profile stands for :math:`N! / \\prod_s n_s!` pure profiles of the normal form,
    all equilibria or none (anonymity). Two strategies: :math:`O(N)` vectorised;
    :math:`m` strategies: :math:`\\binom{N+m-1}{m-1}` profiles.

    Examples
    --------
    >>> from deterrence.games.anonymous_families import threshold_public_good
    >>> game = threshold_public_good(10, threshold=4, value=3, cost=1)
    >>> [eq.describe() for eq in solve_anonymous_pure(game)]
    ['4 of 10 contribute, 6 of 10 withhold', '10 of 10 withhold']
    """
    game = _check_game(game)
    n, m = game.num_players, game.num_strategies
    exact = game.is_exact
    slack = 0 if exact else tol
    table = game.table
    if m == 1:
        equilibria = [CountEquilibrium(game, (n,), (table[0, 0],))]
    elif m == 2:
        d, _ = _scaled_difference(game)
        slack = 0 if exact else tol * max(1.0, float(np.max(np.abs(d))))
        k = np.arange(n + 1)
        ok = np.ones(n + 1, dtype=bool)
        ok[1:] &= np.asarray(d >= -slack, dtype=bool)  # D(k-1) >= 0 for k >= 1
        ok[:-1] &= np.asarray(d <= slack, dtype=bool)  # D(k) <= 0 for k <= N-1
        equilibria = []
        for kk in k[ok][::-1].tolist():
            payoffs = (table[0, kk - 1] if kk > 0 else None, table[1, kk] if kk < n else None)
            equilibria.append(CountEquilibrium(game, (kk, n - kk), payoffs))
    else:
        from deterrence.games.anonymous import count_profiles, num_count_profiles

        size = num_count_profiles(n, m)
        if size > MAX_PURE_PROFILES:
            raise UnsupportedGameError(
                f"{size} count profiles of {n} players over {m} strategies exceed "
                f"MAX_PURE_PROFILES={MAX_PURE_PROFILES}"
            )
        profiles = count_profiles(n, m)
        ok = np.ones(len(profiles), dtype=bool)
        columns = {}
        for s in range(m):
            used = profiles[:, s] > 0
            others = profiles[used].copy()
            others[:, s] -= 1
            cols = np.searchsorted(game._count_keys, game._key(others))
            columns[s] = (used, cols)
            values = table[:, cols]
            best = values.max(axis=0)
            ok[used] &= np.asarray(values[s] >= best - slack, dtype=bool)
        equilibria = []
        for index in np.flatnonzero(ok)[::-1].tolist():
            counts = tuple(int(c) for c in profiles[index])
            payoff_list: list[Any] = []
            for s in range(m):
                used, cols = columns[s]
                if counts[s]:
                    position = int(np.count_nonzero(used[:index]))
                    payoff_list.append(table[s, cols[position]])
                else:
                    payoff_list.append(None)
            equilibria.append(CountEquilibrium(game, counts, tuple(payoff_list)))
    return AnonymousResult(
        game,
        tuple(equilibria),
        method="anonymous_pure",
        exact=exact,
        complete=True,
        options={"tol": tol},
    )


# ---------------------------------------------------------------------- Bernstein roots
#: Scaled coefficients this close to the most common one count as equal to it in
#: ``_Bernstein.signs`` (rounding makes ``0.9 - 1`` and ``-0.1`` differ by 2e-17).
SAME_VALUE = 1e-12


class _Bernstein:
    """A polynomial in Bernstein form on [0, 1], coefficients exact or float.

    Calling it returns :math:`f(p) / \\max_{j: b_j \\ne 0} b^{*}_j(p)` for the positive
    weights :math:`b^*_j(p) = \binom{n}{j} p^j (1-p)^{n-j}` (a positive rescaling, so the
    sign is that of :math:`f`): no underflow even at N = 10,000, and the limits at 0 and 1
    are the first and last nonzero coefficients (so zero end coefficients need no care).
    Only nonzero coefficients are summed.
    """

    def __init__(self, coefficients: np.ndarray) -> None:
        self.degree = len(coefficients) - 1
        values = np.asarray(coefficients).astype(float)
        nonzero = np.flatnonzero(np.asarray(coefficients != 0, dtype=bool))
        if len(nonzero) == 0:
            nonzero = np.array([0])
        scale = float(np.max(np.abs(values))) if len(values) else 1.0
        self.scale = scale if scale > 0 else 1.0
        self.floats = values[nonzero] / self.scale
        j = nonzero.astype(float)
        self.j = j
        self.log_binomial = (
            gammaln(self.degree + 1.0) - gammaln(j + 1.0) - gammaln(self.degree - j + 1.0)
        )

    def _log_weights(self, p: float) -> np.ndarray:
        return self.log_binomial + self.j * math.log(p) + (self.degree - self.j) * math.log1p(-p)

    def signs(self, points: np.ndarray) -> np.ndarray:
        r"""Signs of :math:`f` at many points of (0, 1) (rescaled per point, chunked).

        When most coefficients share one value :math:`c` up to rounding (a quorum: :math:`c`
        at every count but a few), :math:`f = c + \sum_k (b_k - c) B_k(h)` costs only the
        exceptions (the Bernstein basis sums to one). Coefficients within
        ``SAME_VALUE`` of :math:`c` are left out of the sum; together they change
        :math:`f` by at most their largest deviation :math:`\delta`, so the few points where
        the shortcut's value is within :math:`\delta` of zero are summed in full.
        """
        out = np.empty(len(points))
        if len(self.floats) == self.degree + 1 and self.degree > 64:
            bins, counts = np.unique(np.round(self.floats / SAME_VALUE), return_counts=True)
            mode = np.round(self.floats / SAME_VALUE) == bins[np.argmax(counts)]
            base = float(np.median(self.floats[mode]))
            deviation = np.abs(self.floats - base)
            near = deviation <= SAME_VALUE
            if 2 * np.count_nonzero(near) > len(self.floats):
                spikes = np.flatnonzero(~near)
                delta = float(deviation[near].max())
                j = self.j[spikes]
                for start in range(0, len(points), 256):
                    p = points[start : start + 256, None]
                    logs = (
                        self.log_binomial[spikes] + j * np.log(p) + (self.degree - j) * np.log1p(-p)
                    )
                    out[start : start + 256] = base + np.exp(logs) @ (self.floats[spikes] - base)
                unsure = np.flatnonzero(np.abs(out) <= 2 * delta)
                if len(unsure):
                    out[unsure] = self._dense(points[unsure])
                return np.sign(out)
        return np.sign(self._dense(points))

    def _dense(self, points: np.ndarray) -> np.ndarray:
        """Rescaled values at ``points`` from every nonzero coefficient (chunked)."""
        out = np.empty(len(points))
        for start in range(0, len(points), 256):
            p = points[start : start + 256, None]
            logs = self.log_binomial + self.j * np.log(p) + (self.degree - self.j) * np.log1p(-p)
            out[start : start + 256] = np.exp(logs - logs.max(axis=1, keepdims=True)) @ self.floats
        return out

    def __call__(self, p: float) -> float:
        """Sign-preserving, rescaled value (see the class docstring)."""
        if p <= 0.0:
            return float(self.floats[0])
        if p >= 1.0:
            return float(self.floats[-1])
        log_weights = self._log_weights(p)
        return float(np.dot(self.floats, np.exp(log_weights - log_weights.max())))

    def value(self, p: float) -> float:
        """The actual value :math:`f(p)`."""
        if p <= 0.0:
            return float(self.floats[0] * self.scale) if self.j[0] == 0 else 0.0
        if p >= 1.0:
            return float(self.floats[-1] * self.scale) if self.j[-1] == self.degree else 0.0
        return float(np.dot(self.floats, np.exp(self._log_weights(p))) * self.scale)


def _sign_changes(coefficients: np.ndarray) -> int:
    positive = np.asarray(coefficients[coefficients != 0] > 0, dtype=bool)
    return int(np.count_nonzero(positive[1:] != positive[:-1]))


def _difference(coefficients: np.ndarray) -> np.ndarray:
    """Forward differences; int64 arrays move to Python ints before they could overflow."""
    if (
        coefficients.dtype == np.int64
        and len(coefficients)
        and int(np.max(np.abs(coefficients))) >= 2**61
    ):
        coefficients = coefficients.astype(object)
    return np.diff(coefficients)


def _scaled_difference(game: AnonymousGame) -> tuple[np.ndarray, Any]:
    """The payoff difference times a positive integer: (int64/int/float array, scale).

    Exact games: ``D * L`` with ``L`` the lcm of the denominators, as exact integers (int64
    when small): sign counts and differences stay exact and fast. Cached on the game.
    """
    cached = game.__dict__.get("_scaled_difference")
    if cached is None:
        cached = _compute_scaled_difference(game)
        object.__setattr__(game, "_scaled_difference", cached)
    return cached


def _compute_scaled_difference(game: AnonymousGame) -> tuple[np.ndarray, Any]:
    table = game.table
    if not game.is_exact:
        return np.asarray(table[0] - table[1], dtype=float), 1
    # Large tables repeat a few Fraction objects: scale each distinct one once (by id).
    entries = table.reshape(-1).tolist()
    distinct = dict(zip(map(id, entries), entries))
    scale = math.lcm(*{x.denominator for x in distinct.values()})
    scaled = {key: x.numerator * (scale // x.denominator) for key, x in distinct.items()}
    small = max(abs(v) for v in scaled.values()) < 2**49
    rows = [
        np.fromiter(
            map(scaled.__getitem__, map(id, row.tolist())),
            dtype=np.int64 if small else object,
            count=len(row),
        )
        for row in table
    ]
    values = rows[0] - rows[1]
    return values, scale


def _brent(f: Callable[[float], float], a: float, b: float) -> float:
    return brentq(f, a, b, xtol=1e-300, rtol=4 * np.finfo(float).eps, maxiter=500)


def _bernstein_roots(coefficients: np.ndarray, zero: float, tol: float) -> list[float]:
    """Sorted distinct roots in (0, 1) of a Bernstein polynomial (not identically zero).

    ``zero`` is the absolute threshold below which a float coefficient counts as zero
    (0 for exact coefficients).
    """
    if zero > 0:
        coefficients = np.where(np.abs(coefficients) <= zero, 0.0, coefficients)
    if len(coefficients) <= 1:
        return []
    changes = _sign_changes(coefficients)
    if changes == 0:
        return []
    f = _Bernstein(coefficients)
    if changes == 1:
        return [_brent(f, 0.0, 1.0)]
    difference = _difference(coefficients)
    critical = _bernstein_roots(difference, zero, tol)
    points = [0.0] + critical + [1.0]
    values = [f(x) for x in points]
    roots: list[float] = []
    last = len(points) - 1
    for index in range(last):
        a, b = points[index], points[index + 1]
        fa, fb = values[index], values[index + 1]
        if index > 0 and abs(fa) <= tol:
            roots.append(a)  # a tangency at a critical point
            continue
        if index + 1 < last and abs(fb) <= tol:
            continue
        if fa * fb < 0:
            roots.append(_brent(f, a, b))
    return sorted(set(roots))


#: Points of the logit-spaced grid on which the cascade's roots are checked.
CHECK_POINTS = 4096


def _checked_roots(
    d: np.ndarray, zero: float, tol: float, f: _Bernstein
) -> tuple[list[float], str]:
    r"""Roots from the derivative cascade, checked against Descartes' bound and a grid.

    The cascade locates the roots of high-order derivatives in floating point; for payoff
    differences with several separated spikes (two quorums) those derivatives have
    alternating binomial coefficients and pairs of roots can be lost, and at about a
    thousand players the recursion can exceed Python's limit. When fewer roots were found
    than the sign changes of the coefficients allow (Descartes' rule in the Bernstein
    basis), the signs of :math:`f` on a fine logit-spaced grid are compared; if they show
    more roots, games with :math:`n \le` :data:`EXACT_DEGREE_LIMIT` are solved exactly
    (``"flint"``; float payoffs at their binary values), larger ones from the grid's sign
    changes polished by Brent's method (``"grid"``; two roots closer than the grid spacing
    can still be missed there).
    """
    try:
        roots: list[float] | None = _bernstein_roots(d, zero, tol)
    except RecursionError:
        roots = None
    coefficients = np.where(np.abs(d) <= zero, 0, d) if zero > 0 else d
    bound = _sign_changes(np.asarray(coefficients))
    if roots is not None and len(roots) >= bound - 1:
        return roots, "bernstein"
    n = len(d) - 1
    spread = 8 + math.log(max(n, 2))
    grid = 1 / (1 + np.exp(-np.linspace(-spread, spread, CHECK_POINTS)))
    signs = f.signs(grid)
    keep = np.flatnonzero(signs != 0)
    changes = keep[:-1][signs[keep[:-1]] != signs[keep[1:]]]
    if roots is not None and len(changes) <= len(roots):
        return roots, "bernstein"
    if n <= EXACT_DEGREE_LIMIT:
        return [], "flint"
    found = []
    for left in changes:
        right = keep[np.searchsorted(keep, left) + 1]
        found.append(_brent(f, float(grid[left]), float(grid[right])))
    return sorted(found), "grid"


def _integer_coefficients(d: np.ndarray, zero: float) -> np.ndarray:
    """Integer multiples of the coefficients for exact root isolation: exact ones as they
    are, floats at their exact binary values (those at or below ``zero`` as 0)."""
    if d.dtype != float:
        return d
    values = [Fraction(float(x)) if abs(x) > zero else Fraction(0) for x in d]
    scale = math.lcm(*(v.denominator for v in values))
    out = np.empty(len(values), dtype=object)
    out[:] = [v.numerator * (scale // v.denominator) for v in values]
    return out


def _exact_roots(d: np.ndarray) -> list[tuple[Any, tuple[float, float]]]:
    """Distinct roots in (0, 1) of sum D_j C(n,j) p^j (1-p)^(n-j), exactly (FLINT).

    Substituting p = y/(1+y) gives the integer polynomial sum D_j C(n,j) y^j (times a
    positive factor); rational roots come from its linear factors, the others from Arb's
    certified complex root isolation (real roots are returned with zero imaginary part).
    """
    import flint

    n = len(d) - 1
    coefficients = [int(x) * math.comb(n, j) for j, x in enumerate(d)]
    poly = flint.fmpz_poly(coefficients)
    roots: list[tuple[Any, tuple[float, float]]] = []
    _, factors = poly.factor()
    for factor, _multiplicity in factors:
        if factor.degree() == 1:
            b, a = (int(x) for x in factor.coeffs())
            y = Fraction(-b, a)
            if y > 0:
                p = y / (1 + y)
                roots.append((p, (float(p), float(p))))
            continue
        # python-flint's stub says list[acb]; it returns (root, multiplicity) pairs
        complex_roots: list[tuple[flint.acb, int]] = factor.complex_roots()  # type: ignore[assignment]
        for root, _ in complex_roots:
            if not root.imag.is_zero():
                continue
            mid = float(root.real.mid())
            radius = float(root.real.rad())
            if mid - radius <= 0:
                if mid + radius <= 0:
                    continue
            if mid <= 0:
                continue
            low, high = max(mid - radius, 0.0), mid + radius
            roots.append((mid / (1 + mid), (low / (1 + low), high / (1 + high))))
    roots.sort(key=lambda item: float(item[0]))
    return roots


def indifference_function(game: AnonymousGame) -> Callable[[Any], np.ndarray]:
    r"""The gain :math:`f(p)` from the first strategy when all others mix :math:`(p, 1-p)`.

    Returns a vectorised float function computed with log-binomial weights.

    Examples
    --------
    >>> from deterrence.games.anonymous_families import threshold_public_good
    >>> f = indifference_function(threshold_public_good(3, threshold=2, value=8, cost=3))
    >>> [round(float(x), 12) for x in f([0.0, 0.25, 0.5])]
    [-3.0, 0.0, 1.0]
    """
    game = _check_game(game)
    game._require_two("indifference_function")
    scaled, denominator = _scaled_difference(game)
    poly = _Bernstein(scaled)

    def function(p: Any) -> np.ndarray:
        values = np.asarray(p, dtype=float)
        out = np.array([poly.value(float(x)) / denominator for x in values.reshape(-1)])
        return out.reshape(values.shape)

    return function


def replicator_stability(game: AnonymousGame, probability: Any, *, tol: float = 1e-9) -> str:
    r"""Stability of a symmetric equilibrium under the replicator dynamics.

    :math:`\dot p = p(1-p) f(p)`: returns ``"stable"`` when :math:`f` is positive just left
    of :math:`p` and negative just right (one-sided at 0 and 1), ``"unstable"`` in the
    opposite case, ``"semi-stable"`` at a tangency and ``"neutral"`` when :math:`f \equiv 0`.

    Parameters
    ----------
    game : AnonymousGame
        Two strategies.
    probability : float
        A symmetric equilibrium (probability of the first strategy).
    tol : float
        Relative step used to probe the sign of :math:`f` on either side.

    Returns
    -------
    str

    Examples
    --------
    >>> from deterrence.games.anonymous_families import volunteers_dilemma
    >>> replicator_stability(volunteers_dilemma(2, benefit=2, cost=1), 0.5)
    'stable'
    """
    game = _check_game(game)
    game._require_two("replicator_stability")
    d, _ = _scaled_difference(game)
    if not np.any(d != 0):
        return "neutral"
    f = _Bernstein(d)
    p = float(probability)
    step = max(tol, 1e-7)
    left = f(max(p - step, 0.0)) if p > 0 else None
    right = f(min(p + step, 1.0)) if p < 1 else None
    return _classify(left, right)


def _classify(left: float | None, right: float | None) -> str:
    if left is None:
        assert right is not None  # callers give at least one side
        return "stable" if right < 0 else ("unstable" if right > 0 else "neutral")
    if right is None:
        return "stable" if left > 0 else ("unstable" if left < 0 else "neutral")
    if left > 0 > right:
        return "stable"
    if left < 0 < right:
        return "unstable"
    return "semi-stable"


def solve_anonymous_symmetric(
    game: AnonymousGame, *, exact: bool = False, tol: float = 1e-12
) -> AnonymousResult:
    r"""Every symmetric equilibrium of a two-strategy anonymous game, with its stability.

    Parameters
    ----------
    game : AnonymousGame or ParametricAnonymousGame
        Two strategies, any number of players (tested at N = 10,000); a parametric game is
        solved at its defaults (``game.at()``).
    exact : bool, default False
        For exact games with :math:`N - 1 \le` :data:`EXACT_DEGREE_LIMIT`: isolate roots
        exactly with FLINT; rational equilibria are returned as ``Fraction``. Otherwise (and
        for larger N) the Bernstein cascade is used, with exact sign counts for exact games.
    tol : float
        Relative tolerance below which a payoff difference counts as zero (float games) and
        a critical value counts as a tangential root.

    Returns
    -------
    AnonymousResult
        :class:`SymmetricEquilibrium` objects in increasing order of ``probability``
        (of the first strategy), including the pure symmetric ones at 0 and 1.

    Raises
    ------
    InvalidGameError
        If ``game`` is not an :class:`AnonymousGame`.
    UnsupportedGameError
        For more than two strategies.

    Warns
    -----
    DegenerateGameWarning
        When the payoff difference is identically zero (every p is an equilibrium).

    Notes
    -----
    See the module docstring: roots of the Bernstein-form gain function located by
    Descartes' rule of signs and a cascade of derivatives, brackets polished with Brent's
    method; the signs of :math:`f` between consecutive roots give the replicator stability.

    Examples
    --------
    Diekmann's volunteer's dilemma: nobody else volunteers with probability
    :math:`(C/U)^{1/(N-1)}`:

    >>> from deterrence.games.anonymous_families import volunteers_dilemma
    >>> result = solve_anonymous_symmetric(volunteers_dilemma(5, benefit=4, cost=1))
    >>> [round(eq.probability, 6) for eq in result]
    [0.292893]
    >>> round(1 - 0.25 ** (1 / 4), 6)
    0.292893
    """
    game = _check_game(game)
    if game.num_strategies != 2:
        raise UnsupportedGameError(
            f"solve_anonymous_symmetric needs two strategies; this game has "
            f"{game.num_strategies}. Use solve_anonymous_pure, or to_normal_form() with "
            "solve(..., method='polynomial_enumeration') for small N"
        )
    d, denominator = _scaled_difference(game)
    n = len(d) - 1
    is_exact = game.is_exact
    use_flint = bool(exact and is_exact and n <= EXACT_DEGREE_LIMIT)
    f = _Bernstein(d)
    zero = 0 if is_exact else tol * f.scale
    if not np.any(np.abs(d) > zero):
        warnings.warn(
            "the payoff difference is identically zero: every symmetric profile is an "
            "equilibrium; the pure ones are returned",
            DegenerateGameWarning,
            stacklevel=2,
        )
        equilibria = []
        for pure in (Fraction(0), Fraction(1)):
            payoff = float(game.float_table[0, 0] if pure == 0 else game.float_table[0, -1])
            equilibria.append(
                SymmetricEquilibrium(
                    game,
                    pure if is_exact else float(pure),
                    payoff,
                    "neutral",
                    0.0,
                    (float(pure), float(pure)),
                )
            )
        return AnonymousResult(
            game,
            tuple(equilibria),
            method="anonymous_symmetric",
            exact=is_exact,
            degenerate=True,
            complete=False,
            options={"exact": exact, "tol": tol},
        )
    isolation = "flint"
    if use_flint:
        interior = _exact_roots(d)
    else:
        roots, isolation = _checked_roots(d, zero, tol, f)
        if isolation == "flint":
            keep = exact and is_exact  # float payoffs are isolated on their binary values
            interior = [
                (r if keep else float(r), box)
                for r, box in _exact_roots(_integer_coefficients(d, zero))
            ]
        else:
            interior = [(r, (r, r)) for r in roots]
    # signs of f between consecutive roots decide stability
    points = [0.0] + [float(r) for r, _ in interior] + [1.0]
    signs: list[float] = []
    for a, b in zip(points, points[1:]):
        if use_flint:
            signs.append(_exact_sign(d, Fraction((a + b) / 2)))
        else:
            signs.append(f((a + b) / 2))
    delta = _Bernstein(_difference(d)) if n > 0 else None

    def derivative(p: float) -> float:
        return 0.0 if delta is None else float(n * delta.value(p) / denominator)

    equilibria = []
    if d[0] <= zero:
        p0 = Fraction(0) if is_exact and exact else 0.0
        equilibria.append(
            SymmetricEquilibrium(
                game,
                p0,
                float(game.float_table[1, 0]),
                _classify(None, signs[0]),
                derivative(0.0),
                (0.0, 0.0),
            )
        )
    for index, (root, interval) in enumerate(interior):
        p = float(root)
        payoff = float(game.symmetric_payoffs([p, 1 - p])[0])
        stability = _classify(signs[index], signs[index + 1])
        equilibria.append(
            SymmetricEquilibrium(game, root, payoff, stability, derivative(p), interval)
        )
    if d[-1] >= -zero:
        p1 = Fraction(1) if is_exact and exact else 1.0
        equilibria.append(
            SymmetricEquilibrium(
                game,
                p1,
                float(game.float_table[0, -1]),
                _classify(signs[-1], None),
                derivative(1.0),
                (1.0, 1.0),
            )
        )
    all_exact = all(isinstance(eq.probability, Fraction) for eq in equilibria)
    return AnonymousResult(
        game,
        tuple(equilibria),
        method="anonymous_symmetric",
        exact=all_exact,
        complete=True,
        options={"exact": exact, "tol": tol, "root_isolation": "flint" if use_flint else isolation},
    )


def solve_anonymous(game: AnonymousGame, *, method: str = "auto") -> AnonymousResult:
    """Count equilibria and symmetric equilibria of an anonymous game, in one result.

    Parameters
    ----------
    game : AnonymousGame or ParametricAnonymousGame
        A parametric game is solved at its defaults.
    method : {"auto", "pure"}
        ``"auto"``: every count equilibrium (:func:`solve_anonymous_pure`) and, for two
        strategies, every symmetric equilibrium (:func:`solve_anonymous_symmetric`), isolated
        exactly for exact payoffs with :math:`N - 1 \\le` :data:`EXACT_DEGREE_LIMIT`;
        ``"pure"``: the count equilibria only.

    Returns
    -------
    AnonymousResult
        :class:`CountEquilibrium` objects, then :class:`SymmetricEquilibrium` objects (the
        pure symmetric profiles appear in both lists, as a count and as a probability).

    Raises
    ------
    InvalidGameError
        If ``game`` is not an anonymous game or ``method`` is unknown.

    Examples
    --------
    >>> from deterrence.games.anonymous_families import threshold_public_good
    >>> result = solve_anonymous(threshold_public_good(3, threshold=2, value=8, cost=3))
    >>> [eq.describe() if hasattr(eq, "describe") else eq.stability for eq in result]
    ['2 of 3 contribute, 1 of 3 withhold', '3 of 3 withhold', 'stable', 'unstable', 'stable']
    """
    game = _check_game(game)
    if method not in ("auto", "pure"):
        raise InvalidGameError(
            f"method {method!r} is not available for anonymous games; choose 'auto' (count "
            "and symmetric equilibria) or 'pure' (count equilibria only)"
        )
    pure = solve_anonymous_pure(game)
    equilibria = list(pure)
    degenerate, exact = False, pure.exact
    if method == "auto" and game.num_strategies == 2:
        symmetric = solve_anonymous_symmetric(
            game, exact=game.is_exact and game.num_players - 1 <= EXACT_DEGREE_LIMIT
        )
        equilibria += list(symmetric)
        degenerate, exact = symmetric.degenerate, exact and symmetric.exact
    return AnonymousResult(
        game,
        tuple(equilibria),
        method="anonymous",
        exact=exact,
        degenerate=degenerate,
        complete=not degenerate,
        options={"method": method},
    )


def _exact_sign(d: np.ndarray, p: Fraction) -> int:
    """Exact sign of sum D_j C(n,j) p^j (1-p)^(n-j) at a rational p in (0, 1)."""
    n = len(d) - 1
    y = p / (1 - p)
    total = sum(int(x) * math.comb(n, j) * y**j for j, x in enumerate(d))
    return (total > 0) - (total < 0)


# ---------------------------------------------------------------------- alliances
@dataclasses.dataclass(frozen=True, eq=False, repr=False)
class AllianceEquilibrium:
    """The Nash equilibrium of an :class:`~deterrence.games.anonymous_families.AllianceGame`.

    Attributes
    ----------
    game : AllianceGame
    contributions : tuple
        Each ally's contribution :math:`x_i` (exact for exact games).
    total_defence : Fraction or float
        :math:`Q^* = \\sum_i x_i`.
    contributors, free_riders : tuple of str
        Allies with :math:`x_i > 0` and :math:`x_i = 0`.

    Examples
    --------
    >>> from deterrence.games.anonymous_families import alliance_burden_sharing
    >>> eq = solve_burden_sharing(alliance_burden_sharing([6, 4]))
    >>> eq.contributions, eq.total_defence
    ((Fraction(8, 3), Fraction(2, 3)), Fraction(10, 3))
    >>> eq.outcome, eq.max_regret() < 1e-12
    ('ally 1 contributes 8/3, ally 2 contributes 2/3', True)
    """

    game: AllianceGame
    contributions: tuple[Any, ...]
    total_defence: Any
    contributors: tuple[str, ...]
    free_riders: tuple[str, ...]

    #: Contributions are pure (continuous) strategies.
    is_pure = True
    #: Utilities are logarithms: payoffs and regret are floats even for exact contributions.
    exact = False

    @property
    def outcome(self) -> str:
        """Who contributes how much and who free-rides, in words."""
        return ", ".join(
            f"{a} contributes {format_number(x)}" if a in self.contributors else f"{a} free-rides"
            for a, x in zip(self.game.allies, self.contributions)
        )

    @property
    def payoffs(self) -> tuple[float, ...]:
        """Each ally's equilibrium utility (the :attr:`utilities`)."""
        return self.utilities

    @property
    def labelled_payoffs(self) -> dict[str, float]:
        """``{ally: utility}``."""
        return dict(zip(self.game.allies, self.utilities))

    def as_dict(self) -> dict[str, Any]:
        """``{ally: contribution}``."""
        return dict(zip(self.game.allies, self.contributions))

    def max_regret(self) -> float:
        r"""The largest utility gain of one ally switching to its best response
        :math:`x_i = \max(0, \alpha_i Y_i - (1 - \alpha_i) Q_{-i})` (0 at the equilibrium, up
        to rounding of the logarithms)."""
        worst = 0.0
        for i, (income, alpha) in enumerate(zip(self.game.incomes, self.game.defence_weight)):
            others = self.total_defence - self.contributions[i]
            best = max(0 * income, alpha * income - (1 - alpha) * others)
            deviation = list(self.contributions)
            deviation[i] = best
            gain = self.game.utility(i, deviation) - self.game.utility(i, self.contributions)
            worst = max(worst, gain)
        return worst

    @property
    def burden_shares(self) -> tuple[Any, ...]:
        """Contribution as a share of income, :math:`x_i / Y_i`."""
        return tuple(x / y for x, y in zip(self.contributions, self.game.incomes))

    @property
    def utilities(self) -> tuple[float, ...]:
        """Each ally's equilibrium utility (float)."""
        return tuple(self.game.utility(i, self.contributions) for i in range(self.game.num_allies))

    def to_frame(self) -> pd.DataFrame:
        """One row per ally: income, contribution, burden share, free-rider flag."""
        import pandas as pd

        return pd.DataFrame(
            {
                "income": [float(y) for y in self.game.incomes],
                "contribution": [float(x) for x in self.contributions],
                "burden_share": [float(s) for s in self.burden_shares],
                "free_rider": [a in self.free_riders for a in self.game.allies],
            },
            index=list(self.game.allies),
        )

    def __repr__(self) -> str:
        body = ", ".join(
            f"{a}: {format_number(x)}" for a, x in zip(self.game.allies, self.contributions)
        )
        return f"AllianceEquilibrium(Q={format_number(self.total_defence)}; {body})"


def solve_burden_sharing(game: AllianceGame) -> AllianceEquilibrium:
    r"""The unique Nash equilibrium of the Olson-Zeckhauser alliance game, in closed form.

    Parameters
    ----------
    game : AllianceGame

    Returns
    -------
    AllianceEquilibrium

    Raises
    ------
    InvalidGameError
        If ``game`` is not an :class:`AllianceGame`.

    Notes
    -----
    With Cobb-Douglas utilities the best response of ally :math:`i` to the others'
    contributions :math:`Q_{-i}` is :math:`x_i = \max(0, \alpha_i Y_i - (1-\alpha_i)
    Q_{-i})`, i.e. :math:`Y_i - x_i = r_i Q` for contributors, :math:`r_i = (1-\alpha_i)/
    \alpha_i`. Sort allies by :math:`Y_i/r_i` (decreasing); for the first :math:`m` as
    contributors, :math:`Q_m = \sum_{i \le m} Y_i / (1 + \sum_{i \le m} r_i)`; the
    equilibrium is the :math:`m` with :math:`Y_i / r_i > Q_m` for contributors and
    :math:`\le Q_m` for the rest; it exists and is unique (Bergstrom, Blume & Varian 1986,
    Theorem 3). Olson & Zeckhauser (1966) read off the disproportionate burden of the large.

    Examples
    --------
    >>> from deterrence.games.anonymous_families import alliance_burden_sharing
    >>> eq = solve_burden_sharing(alliance_burden_sharing([10, 2], allies=("US", "Denmark")))
    >>> eq.free_riders, eq.total_defence
    (('Denmark',), Fraction(5, 1))
    """
    if not isinstance(game, AllianceGame):
        raise InvalidGameError(f"expected an AllianceGame, got {type(game).__name__}")
    incomes = list(game.incomes)
    ratios = [(1 - a) / a for a in game.defence_weight]
    order = sorted(range(game.num_allies), key=lambda i: incomes[i] / ratios[i], reverse=True)
    chosen = None
    for m in range(1, game.num_allies + 1):
        members = order[:m]
        total = sum(incomes[i] for i in members) / (1 + sum(ratios[i] for i in members))
        inside = all(incomes[i] / ratios[i] > total for i in members)
        outside = all(incomes[i] / ratios[i] <= total for i in order[m:])
        if inside and outside:
            chosen = (set(members), total)
            break
    if chosen is None:  # pragma: no cover - impossible by Bergstrom-Blume-Varian
        raise InvalidGameError("no equilibrium found; check incomes and weights")
    contributors, total = chosen
    contributions = tuple(
        incomes[i] - ratios[i] * total if i in contributors else incomes[i] * 0
        for i in range(game.num_allies)
    )
    return AllianceEquilibrium(
        game,
        contributions,
        total,
        tuple(game.allies[i] for i in range(game.num_allies) if i in contributors),
        tuple(game.allies[i] for i in range(game.num_allies) if i not in contributors),
    )
