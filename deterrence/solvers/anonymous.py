r"""Equilibria of anonymous N-player games at any size, and the alliance burden-sharing model.

(Symmetric equilibria: two strategies at any size; any number of strategies by support
enumeration with exact and interval-certified polynomial solving, see below.)

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

Symmetric equilibria with any number of strategies (:func:`solve_anonymous_mixtures`): a
mix :math:`x` is one when every strategy in its support earns the same expected payoff
:math:`v_s(x) = \sum_c u(s, c) \binom{N-1}{c} x^c` against :math:`N - 1` others drawn
i.i.d. from :math:`x` and none outside earns more. Supports are enumerated; on each, the
equal-payoff equations are integer polynomials in simplex coordinates (FLINT). Edges: one
univariate polynomial, factored, roots isolated in certified interval arithmetic. Faces of
three strategies: both resultants give every candidate coordinate; each pair of candidates
is decided exactly (rational), rejected by an interval evaluation, or proven to hold one
solution by the Krawczyk test (R. Krawczyk, *Computing* 4, 1969; R. E. Moore, *Methods and
Applications of Interval Analysis*, SIAM 1979). Larger games fall back to the Bernstein
solver on edges and to multistart Newton on larger faces (then the result says it is not
certified complete). Stability: the replicator Jacobian on the tangent space of the simplex.

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
import functools
import itertools
import math
import sys
import warnings
from collections.abc import Callable, Mapping, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np
from scipy.optimize import brentq
from scipy.special import gammaln

from deterrence.exceptions import DegenerateGameWarning, InvalidGameError, UnsupportedGameError
from deterrence.games._numbers import factorize_objects, format_number
from deterrence.games.anonymous import AnonymousGame
from deterrence.games.anonymous_families import AllianceGame
from deterrence.solvers.result import EquilibriumResult

if TYPE_CHECKING:
    import pandas as pd

    from deterrence.solvers.result import Equilibrium

__all__ = [
    "CountEquilibrium",
    "SymmetricEquilibrium",
    "MixtureEquilibrium",
    "AnonymousResult",
    "AllianceEquilibrium",
    "solve_anonymous_pure",
    "solve_anonymous_symmetric",
    "solve_anonymous_mixtures",
    "solve_anonymous",
    "indifference_function",
    "replicator_stability",
    "solve_burden_sharing",
    "EXACT_DEGREE_LIMIT",
    "EXACT_MIXTURE_PLAYERS",
    "EXACT_MIXTURE_DEGREE",
    "EXACT_MIXTURE_SUPPORT",
    "NEWTON_STARTS",
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

    def frame_row(self) -> dict[str, Any]:
        """The row of :meth:`AnonymousResult.to_frame`: counts, payoffs, description."""
        row: dict[str, Any] = dict(self.as_dict())
        for label, value in zip(self.game.strategies, self.payoffs):
            row[f"payoff:{label}"] = None if value is None else float(value)
        row["description"] = self.describe()
        return row

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

    def frame_row(self) -> dict[str, Any]:
        """The row of :meth:`AnonymousResult.to_frame`: probabilities, payoff, stability and
        the derivative of the gain."""
        row: dict[str, Any] = {label: float(p) for label, p in self.as_dict().items()}
        row.update(payoff=self.payoff, stability=self.stability, derivative=self.derivative)
        return row

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
        """One row per equilibrium (each equilibrium's ``frame_row()``): counts (or
        probabilities), payoffs, description (or stability, and the derivative of the gain
        for two strategies)."""
        import pandas as pd

        return pd.DataFrame([eq.frame_row() for eq in self.equilibria])


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
        compare = table
        if exact:  # compare scaled integers (int64 when small), not Fraction objects
            scaled = _integer_rows(game)
            small = max((abs(v) for row in scaled for v in row), default=0) < 2**62
            compare = np.array(scaled, dtype=np.int64 if small else object)
        for s in range(m):
            used = profiles[:, s] > 0
            others = profiles[used].copy()
            others[:, s] -= 1
            cols = np.searchsorted(game._count_keys, game._key(others))
            columns[s] = (used, cols)
            values = compare[:, cols]
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
    # Large tables repeat a few Fraction objects: scale each distinct one once.
    distinct, codes = factorize_objects(table)
    scale = math.lcm(*{x.denominator for x in distinct})
    scaled = [x.numerator * (scale // x.denominator) for x in distinct]
    small = max(abs(v) for v in scaled) < 2**49
    rows = np.array(scaled, dtype=np.int64 if small else object)[codes]
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
            f"{game.num_strategies}. Use solve_anonymous_mixtures (symmetric equilibria with "
            "any number of strategies) or solve_anonymous_pure"
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
        ``"auto"``: every count equilibrium (:func:`solve_anonymous_pure`) and every
        symmetric equilibrium: for two strategies by :func:`solve_anonymous_symmetric`,
        isolated exactly for exact payoffs with :math:`N - 1 \\le` :data:`EXACT_DEGREE_LIMIT`;
        for more by :func:`solve_anonymous_mixtures`; ``"pure"``: the count equilibria only.

    Returns
    -------
    AnonymousResult
        :class:`CountEquilibrium` objects, then :class:`SymmetricEquilibrium` (two
        strategies) or :class:`MixtureEquilibrium` objects (the pure symmetric profiles
        appear in both lists, as a count and as a probability).

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
    if method == "auto" and game.num_strategies >= 2:
        symmetric = (
            solve_anonymous_symmetric(
                game, exact=game.is_exact and game.num_players - 1 <= EXACT_DEGREE_LIMIT
            )
            if game.num_strategies == 2
            else solve_anonymous_mixtures(game, exact=game.is_exact)
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


# ---------------------------------------------------------------------- m strategies
#: Largest N - 1 for which :func:`solve_anonymous_mixtures` builds the exact polynomial
#: system of each support (larger games: the Bernstein solver on edges, Newton inside).
EXACT_MIXTURE_PLAYERS = 40
#: Largest total degree of a three-strategy support's system solved by resultants.
EXACT_MIXTURE_DEGREE = 12
#: Largest support solved algebraically; larger supports are solved by multistart Newton.
EXACT_MIXTURE_SUPPORT = 3
#: Largest number of starting points per support of the multistart Newton search (fewer,
#: down to 15, for payoff tables above 33,000 entries).
NEWTON_STARTS = 120

#: Stability words of :class:`MixtureEquilibrium` (linearised replicator dynamics).
MIXTURE_STABILITY = ("stable", "unstable", "saddle", "degenerate")


@dataclasses.dataclass(frozen=True, eq=False, repr=False)
class MixtureEquilibrium:
    """A symmetric equilibrium of an anonymous game with any number of strategies.

    Every player mixes ``probabilities`` over the shared strategies; each strategy in the
    support earns the same expected payoff against the others' multinomial counts and none
    outside earns more (:func:`solve_anonymous_mixtures`).

    Parameters
    ----------
    game : AnonymousGame
    probabilities : tuple
        One probability per strategy: ``Fraction`` when rational and solved exactly, else
        ``float`` (the midpoint of a certified enclosure when ``certified``).
    payoff : Fraction or float
        Each player's expected payoff.
    stability : str
        ``"stable"``, ``"unstable"``, ``"saddle"`` or ``"degenerate"``: signs of the
        eigenvalues of the replicator Jacobian on the tangent space of the simplex.
    eigenvalues : tuple of complex
        Those eigenvalues (floats; ``m - 1`` of them).
    intervals : tuple of (float, float)
        An enclosure of each probability: proven (algebraic supports) or a float bracket.
    certified : bool
        Whether the point was proven to be an isolated solution (exact arithmetic or an
        interval Krawczyk test), rather than located by floating-point Newton steps.

    Examples
    --------
    Rock-paper-scissors among three players: the uniform mix.

    >>> game = AnonymousGame(3, lambda s, c: c[(s + 2) % 3] - c[(s + 1) % 3],
    ...                      strategies=("rock", "paper", "scissors"))
    >>> eq = [e for e in solve_anonymous_mixtures(game, exact=True) if not e.is_pure][0]
    >>> eq.probabilities, eq.max_regret()
    ((Fraction(1, 3), Fraction(1, 3), Fraction(1, 3)), Fraction(0, 1))
    >>> eq.outcome
    'each member mixes rock 1/3, paper 1/3, scissors 1/3'
    """

    game: AnonymousGame
    probabilities: tuple[Any, ...]
    payoff: Any
    stability: str
    eigenvalues: tuple[complex, ...]
    intervals: tuple[tuple[float, float], ...]
    certified: bool = True

    @property
    def exact(self) -> bool:
        """Whether every probability is an exact rational."""
        return all(isinstance(p, Fraction) for p in self.probabilities)

    @property
    def support(self) -> tuple[str, ...]:
        """The strategies played with positive probability."""
        return tuple(s for s, p in zip(self.game.strategies, self.probabilities) if p > 0)

    @property
    def is_pure(self) -> bool:
        """Whether every player chooses the same pure strategy."""
        return len(self.support) == 1

    @property
    def outcome(self) -> str:
        """In words: ``"every country plays join A"`` or ``"each country mixes join A 1/2,
        non-aligned 1/2"``."""
        label = self.game.player_label
        if self.is_pure:
            return f"every {label} plays {self.support[0]}"
        parts = [
            f"{s} {format_number(p)}"
            for s, p in zip(self.game.strategies, self.probabilities)
            if p > 0
        ]
        return f"each {label} mixes " + ", ".join(parts)

    @property
    def payoffs(self) -> tuple[Any, ...]:
        """Payoff of a player using each strategy (``None`` for strategies nobody uses)."""
        return tuple(self.payoff if p > 0 else None for p in self.probabilities)

    @property
    def labelled_payoffs(self) -> dict[str, Any]:
        """``{strategy: payoff of a player using it}``."""
        return dict(zip(self.game.strategies, self.payoffs))

    def strategy_payoffs(self) -> tuple[Any, ...]:
        """Expected payoff of every pure strategy against the others' mix (exact when the
        game and the probabilities are)."""
        if self.exact and self.game.is_exact:
            return tuple(_exact_expected_payoffs(self.game, self.probabilities))
        x = [float(p) for p in self.probabilities]
        return tuple(float(v) for v in self.game.symmetric_payoffs(x))

    def max_regret(self) -> Any:
        """The largest gain of one player deviating to a pure strategy (0 at an
        equilibrium; exactly 0 in exact mode)."""
        values = self.strategy_payoffs()
        mean = sum((p * v for p, v in zip(self.probabilities, values)), 0 * values[0])
        return max(max(values) - mean, 0 * mean)

    def as_dict(self) -> dict[str, Any]:
        """``{strategy: probability}``."""
        return dict(zip(self.game.strategies, self.probabilities))

    def frame_row(self) -> dict[str, Any]:
        """The row of :meth:`AnonymousResult.to_frame`: probabilities, payoff, stability."""
        row: dict[str, Any] = {s: float(p) for s, p in self.as_dict().items()}
        row.update(payoff=float(self.payoff), stability=self.stability)
        return row

    def to_equilibrium(self) -> Equilibrium:
        """This profile as an :class:`~deterrence.solvers.result.Equilibrium` of the normal
        form (small N only)."""
        from deterrence.solvers.result import Equilibrium

        vector = list(self.probabilities) if self.exact else [float(p) for p in self.probabilities]
        return Equilibrium(self.game.to_normal_form(), [vector] * self.game.num_players)

    def __repr__(self) -> str:
        body = ", ".join(
            f"{s}={format_number(p, 6)}"
            for s, p in zip(self.game.strategies, self.probabilities)
            if p > 0
        )
        return f"MixtureEquilibrium({body}; {self.stability})"


def _exact_expected_payoffs(game: AnonymousGame, probabilities: Sequence[Any]) -> list[Any]:
    """Expected payoff of each strategy when the others mix ``probabilities``, exactly."""
    n = game.num_players - 1
    x = [Fraction(p) for p in probabilities]
    total = [Fraction(0)] * game.num_strategies
    for column, counts in enumerate(game.count_profiles.tolist()):
        weight = Fraction(_multinomial(n, counts))
        for j, c in enumerate(counts):
            if c:
                weight *= x[j] ** c
        if not weight:
            continue
        for s in range(game.num_strategies):
            total[s] += weight * game.table[s, column]
    return total


def _multinomial(n: int, counts: Sequence[int]) -> int:
    out = math.factorial(n)
    for c in counts:
        out //= math.factorial(c)
    return out


# -- exact polynomial systems --------------------------------------------------------
def _integer_rows(game: AnonymousGame) -> list[list[int]]:
    """The payoff table times one positive integer, as Python ints (float payoffs at their
    exact binary values). Cached on the game."""
    cached = game.__dict__.get("_integer_rows")
    if cached is None:
        cached = _compute_integer_rows(game)
        object.__setattr__(game, "_integer_rows", cached)
    return cached


def _compute_integer_rows(game: AnonymousGame) -> list[list[int]]:
    values = [
        v if isinstance(v, Fraction) else Fraction(v) for v in game.table.reshape(-1).tolist()
    ]
    scale = math.lcm(*(v.denominator for v in values)) if values else 1
    flat = [v.numerator * (scale // v.denominator) for v in values]
    width = game.table.shape[1]
    return [flat[s * width : (s + 1) * width] for s in range(game.num_strategies)]


@functools.lru_cache(maxsize=256)
def _face_terms(
    num_players: int, num_strategies: int, support: tuple[int, ...]
) -> tuple[list[int], list[tuple[int, ...]], list[int]]:
    """Columns of the count profiles supported on ``support``, their exponents on it and
    multinomial coefficients (they depend on the sizes only, so they are cached)."""
    from deterrence.games.anonymous import count_profiles

    n = num_players - 1
    profiles = count_profiles(n, num_strategies)
    outside = [j for j in range(num_strategies) if j not in support]
    mask = profiles[:, outside].sum(axis=1) == 0 if outside else np.ones(len(profiles), bool)
    columns = np.flatnonzero(mask).tolist()
    exponents = [tuple(int(profiles[c, j]) for j in support) for c in columns]
    return columns, exponents, [_multinomial(n, e) for e in exponents]


class _Face:
    """The expected payoffs on one face of the simplex as exact polynomials.

    For the support :math:`S = (s_0, \\dots, s_{r-1})` the simplex coordinates are
    :math:`t_i = x_{s_i}` (:math:`i < r - 1`) and :math:`x_{s_{r-1}} = 1 - \\sum_i t_i`;
    ``payoff[s]`` is :math:`P_s(t) = \\sum_c U_{s,c} \\binom{n}{c} x^c` over the count
    profiles supported on :math:`S` (an integer polynomial, ``U`` the scaled table).
    """

    def __init__(self, game: AnonymousGame, rows: list[list[int]], support: tuple[int, ...]):
        import flint

        self.support = support
        r = len(support)
        columns, exponents, weights = _face_terms(game.num_players, game.num_strategies, support)
        names = tuple(f"t{i}" for i in range(max(r - 1, 1)))
        self.context = flint.fmpz_mpoly_ctx.get(names, "lex")
        self.payoff: dict[int, Any] = {}
        if r == 1:
            self.constant = {s: rows[s][columns[0]] for s in range(game.num_strategies)}
            return
        homogeneous = flint.fmpz_mpoly_ctx.get(tuple(f"z{i}" for i in range(r)), "lex")
        gens = self.context.gens()[: r - 1]
        last = 1 - sum(gens[1:], gens[0])
        for s in range(game.num_strategies):
            terms = {}
            for c, e, w in zip(columns, exponents, weights):
                value = rows[s][c] * w
                if value:
                    terms[e] = value
            poly = homogeneous.from_dict(terms) if terms else homogeneous.from_dict({})
            self.payoff[s] = poly.compose(*gens, last, ctx=self.context)

    def gain(self, s: int) -> Any:
        """:math:`P_s - P_{s_{r-1}}` (the gain of ``s`` over the last support strategy)."""
        return self.payoff[s] - self.payoff[self.support[-1]]


def _univariate(poly: Any) -> Any:
    """A one-variable fmpz_mpoly as an fmpz_poly."""
    import flint

    terms = poly.to_dict()
    if not terms:
        return flint.fmpz_poly([])
    degree = max(e[0] for e in terms)
    coefficients = [0] * (degree + 1)
    for e, c in terms.items():
        coefficients[e[0]] = int(c)
    return flint.fmpz_poly(coefficients)


class _Root:
    """A real root in (0, 1): exact ``Fraction`` or an arb ball, with its irreducible factor."""

    def __init__(self, value: Any, factor: Any, exact: bool) -> None:
        self.value = value
        self.factor = factor
        self.exact = exact

    def ball(self) -> Any:
        import flint

        if self.exact:
            return flint.arb(flint.fmpq(self.value.numerator, self.value.denominator))
        return self.value

    def number(self) -> float:
        return float(self.value) if self.exact else float(self.value.mid())

    def enclosure(self) -> tuple[float, float]:
        if self.exact:
            return (float(self.value), float(self.value))
        return (float(self.value.lower()), float(self.value.upper()))


def _unit_roots(poly: Any) -> list[_Root]:
    """Distinct real roots of an integer polynomial strictly inside (0, 1), certified:
    rational roots exactly (linear factors), the others as arb balls proven to contain one
    real root and to lie inside (0, 1)."""
    import flint

    out: list[_Root] = []
    if poly.degree() < 1:
        return out
    _, factors = poly.factor()
    for factor, _ in factors:
        if factor.degree() == 1:
            b, a = (int(x) for x in factor.coeffs())
            value = Fraction(-b, a)
            if 0 < value < 1:
                out.append(_Root(value, factor, True))
            continue
        for precision in (64, 256, 1024):
            with flint.ctx.workprec(precision):
                roots = factor.complex_roots()
            balls = [root.real for root, _ in roots if root.imag.is_zero()]
            if all(
                (ball.upper() < 0 or ball.lower() > 0) and (ball.upper() < 1 or ball.lower() > 1)
                for ball in balls
            ):
                break
        for ball in balls:
            if ball.lower() > 0 and ball.upper() < 1:
                out.append(_Root(ball, factor, False))
    out.sort(key=_Root.number)
    return out


def _evaluate_terms(terms: Mapping[tuple[int, ...], Any], point: Sequence[Any]) -> Any:
    """A polynomial given as ``{exponents: coefficient}`` at ``point`` (Fractions or arbs)."""
    total: Any = 0 * point[0] if len(point) else 0  # of the points' type, even if constant
    powers: list[dict[int, Any]] = [{} for _ in point]
    for exponents, coefficient in terms.items():
        term: Any = int(coefficient)
        for i, e in enumerate(map(int, exponents)):
            if e:
                cached = powers[i].get(e)
                if cached is None:
                    cached = powers[i][e] = point[i] ** e
                term = term * cached
        total = total + term
    return total


def _sign(value: Any) -> int | None:
    """Sign of a Fraction/int (exact) or of an arb ball (``None`` when it contains 0)."""
    if isinstance(value, (int, Fraction)):
        return (value > 0) - (value < 0)
    if value.lower() > 0:
        return 1
    if value.upper() < 0:
        return -1
    return 0 if value.is_zero() else None


def _krawczyk(polys: Sequence[Any], center: Sequence[float], radius: float) -> bool:
    """Whether the Krawczyk operator proves a unique common root of ``polys`` (fmpz_mpoly
    in ``len(center)`` variables) in the box of ``radius`` around ``center``."""
    import flint

    d = len(center)
    with flint.ctx.workprec(128):
        box = [flint.arb(c, radius) for c in center]
        mid = [flint.arb(c) for c in center]
        terms = [p.to_dict() for p in polys]
        jacobian_terms = [[p.derivative(k).to_dict() for k in range(d)] for p in polys]
        values = [_evaluate_terms(t, mid) for t in terms]
        at_center = np.array(
            [[float(_evaluate_terms(jt, mid).mid()) for jt in row] for row in jacobian_terms]
        )
        try:
            inverse = np.linalg.inv(at_center)
        except np.linalg.LinAlgError:
            return False
        if not np.all(np.isfinite(inverse)):
            return False
        on_box = [[_evaluate_terms(jt, box) for jt in row] for row in jacobian_terms]
        for i in range(d):
            k_i = mid[i] - sum(
                (flint.arb(float(inverse[i, j])) * values[j] for j in range(d)), flint.arb(0)
            )
            for j in range(d):
                coefficient = flint.arb(1 if i == j else 0) - sum(
                    (flint.arb(float(inverse[i, k])) * on_box[k][j] for k in range(d)),
                    flint.arb(0),
                )
                k_i += coefficient * (box[j] - mid[j])
            if not box[i].contains_interior(k_i):
                return False
    return True


def _solve_face_exact(
    face: _Face, game: AnonymousGame
) -> tuple[list[tuple[list[Any], list[tuple[float, float]], bool]], bool] | None:
    """Interior solutions of one face: ``([(point, enclosures, certified)], continuum)``;
    ``point`` has one Fraction or arb ball per support strategy. ``None`` when the system is
    too large for resultants (the caller solves it numerically)."""
    import flint

    r = len(face.support)
    if r == 2:
        gain = _univariate(face.gain(face.support[0]))
        if gain.is_zero():
            return [], True
        out = []
        for root in _unit_roots(gain):
            t = root.value if root.exact else root.ball()
            low, high = root.enclosure()
            out.append(([t, 1 - t], [(low, high), (1 - high, 1 - low)], True))
        return out, False
    first, second = face.gain(face.support[0]), face.gain(face.support[1])
    if first.is_zero() and second.is_zero():
        return [], True
    if max(first.total_degree(), second.total_degree()) > EXACT_MIXTURE_DEGREE:
        return None
    continuum = False
    common = first.gcd(second)
    if not common.is_constant():
        continuum = True  # a curve of solutions (or of complex ones): reported as degenerate
        first, second = first // common, second // common
        if first.is_constant() or second.is_constant():
            return [], True
    roots_t0 = _unit_roots(_univariate_in(first.resultant(second, "t1"), 0))
    roots_t1 = _unit_roots(_univariate_in(first.resultant(second, "t0"), 1))
    polys = (first, second)
    terms = [p.to_dict() for p in polys]
    out = []

    def separation(roots: list[_Root], index: int) -> float:
        here = roots[index].number()
        gaps = [abs(here - other.number()) for k, other in enumerate(roots) if k != index]
        return min(gaps, default=1.0)

    for i, a in enumerate(roots_t0):
        for j, b in enumerate(roots_t1):
            if a.number() + b.number() >= 1 + 1e-9:
                continue
            if a.exact and b.exact:
                point = [a.value, b.value]
                if any(_evaluate_terms(t, point) != 0 for t in terms) or a.value + b.value >= 1:
                    continue
                out.append(
                    (
                        [a.value, b.value, 1 - a.value - b.value],
                        [a.enclosure(), b.enclosure(), (float(1 - a.value - b.value),) * 2],
                        True,
                    )
                )
                continue
            with flint.ctx.workprec(128):
                balls = [a.ball(), b.ball()]
                if any(_sign(_evaluate_terms(t, balls)) not in (0, None) for t in terms):
                    continue
                rest = 1 - balls[0] - balls[1]
                if rest.upper() <= 0:
                    continue
            radius = min(1e-9, separation(roots_t0, i) / 3, separation(roots_t1, j) / 3)
            center = [a.number(), b.number()]
            certified = _krawczyk(polys, center, radius) or _krawczyk(polys, center, radius * 1e-3)
            ta = (
                a.ball()
                if not a.exact
                else flint.arb(flint.fmpq(a.value.numerator, a.value.denominator))
            )
            tb = (
                b.ball()
                if not b.exact
                else flint.arb(flint.fmpq(b.value.numerator, b.value.denominator))
            )
            if certified:
                ta, tb = flint.arb(center[0], radius), flint.arb(center[1], radius)
            lows = [c - radius for c in center]
            highs = [c + radius for c in center]
            out.append(
                (
                    [ta, tb, 1 - ta - tb],
                    [
                        (lows[0], highs[0]),
                        (lows[1], highs[1]),
                        (1 - highs[0] - highs[1], 1 - lows[0] - lows[1]),
                    ],
                    certified,
                )
            )
    return out, continuum


def _univariate_in(poly: Any, variable: int) -> Any:
    """A two-variable fmpz_mpoly that depends only on ``variable``, as an fmpz_poly."""
    import flint

    terms = poly.to_dict()
    if not terms:
        return flint.fmpz_poly([])
    degree = max(e[variable] for e in terms)
    coefficients = [0] * (degree + 1)
    for e, c in terms.items():
        coefficients[e[variable]] += int(c)
    return flint.fmpz_poly(coefficients)


# -- replicator stability --------------------------------------------------------------
def _shift_columns(game: AnonymousGame) -> tuple[np.ndarray, np.ndarray]:
    """``(profiles, columns)``: the count profiles ``c'`` of ``N - 2`` others and, for each
    strategy ``j``, the table column of ``c' + e_j`` (cached on the game)."""
    cached = game.__dict__.get("_shift_columns")
    if cached is None:
        from deterrence.games.anonymous import count_profiles

        m, n = game.num_strategies, game.num_players - 1
        smaller = count_profiles(n - 1, m) if n >= 1 else np.zeros((0, m), dtype=np.int64)
        columns = np.empty((m, len(smaller)), dtype=np.int64)
        for j in range(m):
            shifted = smaller.copy()
            shifted[:, j] += 1
            columns[j] = np.searchsorted(game._count_keys, game._key(shifted))
        cached = (smaller, columns)
        object.__setattr__(game, "_shift_columns", cached)
    return cached


def _payoff_gradient(game: AnonymousGame, x: Sequence[Any], exact: bool) -> list[list[Any]]:
    r""":math:`G_{sj} = \partial v_s / \partial x_j = n \sum_{c'} u(s, c' + e_j)
    \mathrm{Mult}(c'; n - 1, x)` (the payoffs extended homogeneously off the simplex)."""
    from deterrence.games.anonymous import multinomial_weights

    m, n = game.num_strategies, game.num_players - 1
    smaller, columns = _shift_columns(game)
    if n == 0:
        zero: Any = Fraction(0) if exact else 0.0
        return [[zero] * m for _ in range(m)]
    if exact:
        weights = []
        for counts in smaller.tolist():
            w = Fraction(_multinomial(n - 1, counts))
            for j, c in enumerate(counts):
                if c:
                    w *= x[j] ** c
            weights.append(w)
        table = game.table
        return [
            [
                n
                * sum((w * table[s, col] for w, col in zip(weights, columns[j]) if w), Fraction(0))
                for j in range(m)
            ]
            for s in range(m)
        ]
    chances = multinomial_weights(smaller, np.clip(np.asarray(x, dtype=float), 0, 1))
    floats = game.float_table
    return [[float(n * (floats[s, columns[j]] @ chances)) for j in range(m)] for s in range(m)]


def _tangent_jacobian(game: AnonymousGame, x: Sequence[Any], exact: bool) -> list[list[Any]]:
    r"""The replicator Jacobian on the tangent space of the simplex (coordinates
    :math:`x_1, \dots, x_{m-1}`): :math:`J_{ij} = \delta_{ij}(v_i - \bar v) + x_i(G_{ij} -
    v_j - \sum_k x_k G_{kj})`, then :math:`J_T = J_{[:m-1]} B` with :math:`B = (I; -1)`."""
    m = game.num_strategies
    if exact:
        values = _exact_expected_payoffs(game, x)
    else:
        values = [float(v) for v in game.symmetric_payoffs([float(p) for p in x])]
    gradient = _payoff_gradient(game, x, exact)
    mean = sum((p * v for p, v in zip(x, values)), 0 * values[0])
    mean_gradient = [
        values[j] + sum((x[k] * gradient[k][j] for k in range(m)), 0 * values[0]) for j in range(m)
    ]
    full = [
        [
            (values[i] - mean if i == j else 0 * mean) + x[i] * (gradient[i][j] - mean_gradient[j])
            for j in range(m)
        ]
        for i in range(m)
    ]
    return [[full[i][k] - full[i][m - 1] for k in range(m - 1)] for i in range(m - 1)]


def _classify_eigenvalues(eigenvalues: np.ndarray, scale: float, tol: float) -> str:
    """Linearised stability from eigenvalues: any positive real part makes the point unstable
    (a saddle if another is negative); all negative: stable; else degenerate."""
    real = np.real(eigenvalues)
    zero = tol * max(scale, 1.0)
    positive, negative = bool(np.any(real > zero)), bool(np.any(real < -zero))
    if positive:
        return "saddle" if negative else "unstable"
    if len(real) == 0 or np.all(real < -zero):
        return "stable"
    return "degenerate"


def _classify_exact(jacobian: list[list[Fraction]]) -> str | None:
    """Exact stability for tangent dimension at most 2 (signs of trace and determinant);
    ``None`` for larger Jacobians."""
    d = len(jacobian)
    if d == 0:
        return "stable"
    if d == 1:
        value = jacobian[0][0]
        return "stable" if value < 0 else ("unstable" if value > 0 else "degenerate")
    if d == 2:
        trace = jacobian[0][0] + jacobian[1][1]
        determinant = jacobian[0][0] * jacobian[1][1] - jacobian[0][1] * jacobian[1][0]
        if determinant < 0:
            return "saddle"
        if determinant > 0:
            return "stable" if trace < 0 else ("unstable" if trace > 0 else "degenerate")
        return "unstable" if trace > 0 else "degenerate"
    return None


def _stability(
    game: AnonymousGame, x: Sequence[Any], tol: float
) -> tuple[str, tuple[complex, ...]]:
    exact = game.is_exact and all(isinstance(p, Fraction) for p in x)
    jacobian = _tangent_jacobian(game, x, exact)
    numbers = np.array([[float(v) for v in row] for row in jacobian], dtype=float).reshape(
        len(jacobian), len(jacobian)
    )
    eigenvalues = np.linalg.eigvals(numbers) if numbers.size else np.zeros(0)
    label = _classify_exact(jacobian) if exact else None
    if label is None:
        scale = float(np.max(np.abs(game.float_table))) if game.float_table.size else 1.0
        label = _classify_eigenvalues(eigenvalues, scale, max(tol, 1e-9))
    return label, tuple(complex(v) for v in eigenvalues)


# -- numerical fallbacks ---------------------------------------------------------------
def _edge_by_bernstein(
    game: AnonymousGame, support: tuple[int, int], tol: float
) -> tuple[list[tuple[list[float], list[tuple[float, float]], bool]], bool]:
    """Interior points of an edge from :func:`solve_anonymous_symmetric` on the two-strategy
    game the edge's players play (any number of players)."""
    a, b = support
    profiles = game.count_profiles
    outside = [j for j in range(game.num_strategies) if j not in support]
    mask = profiles[:, outside].sum(axis=1) == 0
    columns = np.flatnonzero(mask)
    columns = columns[np.argsort(profiles[columns, a])]
    sub = AnonymousGame(
        game.num_players,
        game.table[[a, b]][:, columns],
        strategies=(game.strategies[a], game.strategies[b]),
    )
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", DegenerateGameWarning)
        result = solve_anonymous_symmetric(sub, tol=tol)
    continuum = result.degenerate or bool(caught)
    out = []
    for eq in result:
        p = float(eq.probability)
        if 0 < p < 1:
            low, high = eq.interval
            out.append(([p, 1 - p], [(low, high), (1 - high, 1 - low)], False))
    return out, continuum


def _newton_face(
    game: AnonymousGame, support: tuple[int, ...], tol: float
) -> list[tuple[list[float], list[tuple[float, float]], bool]]:
    """Interior points of a face located by damped Newton steps from a lattice of starts
    (not certified complete)."""
    r, m = len(support), game.num_strategies
    scale = max(float(np.max(np.abs(game.float_table))), 1.0)
    # fewer starts for huge tables (each step evaluates every count profile)
    budget = max(15, min(NEWTON_STARTS, int(4e6 // (game.table.size + 1))))
    k = r
    while math.comb(k - 1, r - 1) < budget:
        k += 1
    from deterrence.games.anonymous import count_profiles, multinomial_weights

    starts = [c for c in count_profiles(k - r, r) + 1]
    found: list[np.ndarray] = []

    def residual(t: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
        x = np.zeros(m)
        x[list(support[:-1])] = t
        x[support[-1]] = 1 - t.sum()
        if np.any(x < 0):
            return None
        values = game.float_table @ multinomial_weights(game.count_profiles, x)
        return x, values[list(support[:-1])] - values[support[-1]]

    last = support[-1]
    for start in starts:
        t = np.asarray(start[:-1], dtype=float) / k
        state = residual(t)
        if state is None:
            continue
        for _ in range(40):
            x, f = state
            if np.max(np.abs(f)) <= 1e-13 * scale:
                break
            g = _payoff_gradient(game, x.tolist(), False)
            jacobian = np.array(
                [
                    [(g[s][u] - g[s][last]) - (g[last][u] - g[last][last]) for u in support[:-1]]
                    for s in support[:-1]
                ]
            )
            step = np.linalg.lstsq(jacobian, -f, rcond=None)[0]
            accepted = False
            for _halving in range(12):
                trial = t + step
                if trial.min() > 0 and trial.sum() < 1:
                    candidate = residual(trial)
                    if candidate is not None and np.max(np.abs(candidate[1])) < np.max(np.abs(f)):
                        t, state, accepted = trial, candidate, True
                        break
                step = step / 2
            if not accepted:
                break
        x, f = state
        if np.max(np.abs(f)) <= 1e-9 * scale and np.all(x[list(support)] > 1e-12):
            if not any(np.max(np.abs(x - y)) < 1e-7 for y in found):
                found.append(x)
    return [
        ([float(x[s]) for s in support], [(float(x[s]), float(x[s])) for s in support], False)
        for x in found
    ]


def solve_anonymous_mixtures(
    game: AnonymousGame, *, exact: bool = False, tol: float = 1e-12
) -> AnonymousResult:
    r"""Every symmetric equilibrium of an anonymous game with any number of strategies.

    Parameters
    ----------
    game : AnonymousGame or ParametricAnonymousGame
        Any number of strategies :math:`m \ge 1`; a parametric game is solved at its
        defaults.
    exact : bool, default False
        Return rational equilibria of exact games as ``Fraction`` (the algebraic method is
        used whenever it applies, whatever ``exact`` says; irrational equilibria are floats
        inside proven enclosures).
    tol : float
        Tolerance for ties of float payoffs and for zero eigenvalues.

    Returns
    -------
    AnonymousResult
        :class:`MixtureEquilibrium` objects ordered by support size (pure ones first), then
        by support. ``options`` records how each support was solved
        (``"supports"``: counts of ``"algebraic"``, ``"bernstein"`` and ``"newton"``
        supports) and what is certified (``"certified"``, in words); ``complete`` is
        ``True`` only when every support was solved by a method that finds all its
        solutions and no continuum was met.

    Raises
    ------
    InvalidGameError
        If ``game`` is not an anonymous game.

    Warns
    -----
    DegenerateGameWarning
        When a face of the simplex carries a continuum of indifference points (only
        isolated equilibria are returned).

    Notes
    -----
    A mix :math:`x` on the simplex is a symmetric equilibrium when every strategy in its
    support earns the same expected payoff against :math:`N - 1` others drawn i.i.d. from
    :math:`x` and none outside earns more. The expected payoff of strategy :math:`s`,

    .. math:: v_s(x) = \sum_{c} u(s, c) \binom{N-1}{c} x^c,

    is a polynomial of degree :math:`N - 1` (lower when payoffs are low-degree in the
    counts). Supports are enumerated; on a support :math:`S` of size :math:`r` the
    :math:`r - 1` equations :math:`v_{s_i} = v_{s_{r-1}}` are solved in simplex coordinates:

    * :math:`r = 1`: a vertex, checked directly;
    * :math:`r = 2` (exact integer polynomial after scaling, :math:`N - 1 \le`
      :data:`EXACT_MIXTURE_PLAYERS`; float payoffs at their binary values): FLINT
      factorisation, rational roots exactly, the others isolated in certified interval
      arithmetic (Arb); larger games use the two-strategy Bernstein solver
      (:func:`solve_anonymous_symmetric`) on the edge;
    * :math:`r = 3` with total degree at most :data:`EXACT_MIXTURE_DEGREE`: both
      resultants :math:`\operatorname{Res}_{t_1}` and :math:`\operatorname{Res}_{t_0}` give
      every candidate coordinate (each common root projects to a root of each); every pair
      of candidate coordinates is either checked exactly (rational), rejected because an
      interval evaluation excludes zero, or proven to hold exactly one solution by the
      Krawczyk test (Moore 1979; Krawczyk 1969); a common factor of the two equations
      (a curve of indifference) is reported as degenerate;
    * otherwise: damped Newton from :data:`NEWTON_STARTS` lattice starts on the face (each
      point verified to ``tol`` but the set not certified complete).

    Each point is kept when no outside strategy earns more (exact, interval or float
    comparison). Stability is that of the replicator dynamics
    :math:`\dot x_i = x_i (v_i - \bar v)` (Taylor & Jonker 1978) linearised on the tangent
    space of the simplex: all eigenvalues with negative real part ``"stable"``, a positive
    one ``"unstable"`` (``"saddle"`` if another is negative), zero real parts and no
    positive one ``"degenerate"``; exact signs (trace and determinant) for rational points
    with :math:`m \le 3`.

    Examples
    --------
    Three players, three strategies, coordination on any common choice:

    >>> game = AnonymousGame(3, lambda s, c: c[s], strategies=("a", "b", "c"))
    >>> result = solve_anonymous_mixtures(game, exact=True)
    >>> [(eq.outcome, eq.stability) for eq in result][:2]
    [('every member plays a', 'stable'), ('every member plays b', 'stable')]
    >>> result[-1].probabilities, result[-1].stability
    ((Fraction(1, 3), Fraction(1, 3), Fraction(1, 3)), 'unstable')
    >>> len(result), result.complete
    (7, True)
    """
    game = _check_game(game)
    m, n = game.num_strategies, game.num_players - 1
    algebraic = n <= EXACT_MIXTURE_PLAYERS
    rows = _integer_rows(game) if algebraic else None
    keep_exact = exact and game.is_exact
    slack = 0 if game.is_exact else tol * max(float(np.max(np.abs(game.float_table))), 1.0)
    methods = {"algebraic": 0, "bernstein": 0, "newton": 0}
    continua: list[tuple[str, ...]] = []
    uncertified = proven = 0
    equilibria: list[MixtureEquilibrium] = []
    for size in range(1, m + 1):
        for support in itertools.combinations(range(m), size):
            labels = tuple(game.strategies[s] for s in support)
            face = None
            if size == 1:
                column = game.count_index([n if j == support[0] else 0 for j in range(m)])
                values = game.table[:, column]
                if all(values[j] <= values[support[0]] + slack for j in range(m)):
                    one = Fraction(1) if keep_exact else 1.0
                    zero = Fraction(0) if keep_exact else 0.0
                    x = [one if j == support[0] else zero for j in range(m)]
                    stability, eigenvalues = _stability(game, x, tol)
                    payoff = values[support[0]] if keep_exact else float(values[support[0]])
                    intervals = tuple((float(p), float(p)) for p in x)
                    equilibria.append(
                        MixtureEquilibrium(
                            game, tuple(x), payoff, stability, eigenvalues, intervals
                        )
                    )
                continue
            solved = None
            if algebraic and size <= EXACT_MIXTURE_SUPPORT:
                assert rows is not None
                face = _Face(game, rows, support)
                solved = _solve_face_exact(face, game)
            if solved is not None:
                methods["algebraic"] += 1
                points, continuum = solved
            elif size == 2:
                methods["bernstein"] += 1
                points, continuum = _edge_by_bernstein(game, support, tol)  # type: ignore[arg-type]
            else:
                methods["newton"] += 1
                points, continuum = _newton_face(game, support, tol), False
                if algebraic:  # prove each point isolated where the polynomials exist
                    assert rows is not None
                    face = _Face(game, rows, support)
                    polys = [face.gain(s) for s in support[:-1]]
                    points = [
                        (point, [(p - 1e-9, p + 1e-9) for p in point], True)
                        if _krawczyk(polys, point[:-1], 1e-9)
                        else (point, boxes, False)
                        for point, boxes, _ in points
                    ]
                    proven += sum(certified for _, _, certified in points)
                    face = None  # outside strategies compared in floats (to tol) there
            if continuum:
                continua.append(labels)
            for point, enclosures, certified in points:
                accepted = _outside_check(game, face, support, point, slack)
                if accepted is None:
                    continue
                x = _full_point(game, support, point, keep_exact)
                certified = certified and not accepted
                uncertified += not certified
                stability, eigenvalues = _stability(game, x, tol)
                strategy_values = (
                    _exact_expected_payoffs(game, x)
                    if all(isinstance(p, Fraction) for p in x) and game.is_exact
                    else [float(v) for v in game.symmetric_payoffs([float(p) for p in x])]
                )
                payoff = strategy_values[support[0]]
                boxes = [(0.0, 0.0)] * m
                for s, box in zip(support, enclosures):
                    boxes[s] = (float(box[0]), float(box[1]))
                equilibria.append(
                    MixtureEquilibrium(
                        game, tuple(x), payoff, stability, eigenvalues, tuple(boxes), certified
                    )
                )
    if continua:
        faces = "; ".join(", ".join(labels) for labels in continua)
        warnings.warn(
            f"a continuum of symmetric profiles with equal payoffs lies on the face(s) of "
            f"[{faces}]: only isolated symmetric equilibria are returned",
            DegenerateGameWarning,
            stacklevel=2,
        )
    complete = not continua and methods["newton"] == 0
    if methods["newton"]:
        certified_text = (
            "supports of size >= 3 beyond the algebraic limits were searched by multistart "
            "Newton: each point found is an equilibrium to tol"
            + (f" ({proven} proven isolated by the Krawczyk test)" if proven else "")
            + ", the list may be incomplete"
        )
    elif uncertified:
        certified_text = (
            f"every candidate was found; {uncertified} singular point(s) could not be proven "
            "isolated (Krawczyk test failed) and are reported from interval evaluations"
        )
    else:
        certified_text = (
            "every equilibrium and their number: exact roots, interval-certified roots"
            + (
                " and the Bernstein solver's sign-checked roots on edges"
                if methods["bernstein"]
                else ""
            )
        )
    return AnonymousResult(
        game,
        tuple(equilibria),
        method="anonymous_mixtures",
        exact=all(eq.exact for eq in equilibria),
        degenerate=bool(continua),
        complete=complete,
        options={
            "exact": exact,
            "tol": tol,
            "supports": methods,
            "certified": certified_text,
        },
    )


def _as_ball(value: Any) -> Any:
    """An arb ball for a Fraction, float or arb."""
    import flint

    if isinstance(value, Fraction):
        return flint.arb(flint.fmpq(value.numerator, value.denominator))
    if isinstance(value, (int, float)):
        return flint.arb(value)
    return value


def _full_point(
    game: AnonymousGame, support: tuple[int, ...], point: Sequence[Any], keep_exact: bool
) -> list[Any]:
    """The probability vector of a face point (Fractions when rational and wanted)."""
    m = game.num_strategies
    rational = all(isinstance(p, Fraction) for p in point)
    if rational and keep_exact:
        x: list[Any] = [Fraction(0)] * m
        for s, p in zip(support, point):
            x[s] = p
        return x
    x = [0.0] * m
    for s, p in zip(support, point):
        x[s] = float(p) if isinstance(p, (Fraction, float, int)) else float(p.mid())
    return x


def _outside_check(
    game: AnonymousGame,
    face: Any,
    support: tuple[int, ...],
    point: Sequence[Any],
    slack: float,
) -> bool | None:
    """``None`` when an outside strategy earns more at ``point``; else whether a tie could
    not be decided (``True``: accepted without proof)."""
    outside = [j for j in range(game.num_strategies) if j not in support]
    if not outside:
        return False
    coordinates = list(point[:-1])
    if face is not None and all(isinstance(p, Fraction) for p in coordinates):
        for j in outside:
            if _evaluate_terms(face.gain(j).to_dict(), coordinates) > 0:
                return None
        return False
    if face is not None:
        import flint

        undecided = False
        with flint.ctx.workprec(128):
            balls = [_as_ball(p) for p in coordinates]
            for j in outside:
                sign = _sign(_evaluate_terms(face.gain(j).to_dict(), balls))
                if sign == 1:
                    return None
                undecided = undecided or sign is None
        return undecided
    x = np.zeros(game.num_strategies)
    for s, p in zip(support, point):
        x[s] = float(p)
    values = game.symmetric_payoffs(x.tolist())
    if max(values[j] for j in outside) > values[support[-1]] + max(
        slack, 1e-9 * max(1.0, float(np.max(np.abs(values))))
    ):
        return None
    return False


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
