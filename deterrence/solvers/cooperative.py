r"""Solutions of cooperative games: Shapley value, Banzhaf index, core, nucleolus and the
indispensability of each partner.

For a game :math:`v` on :math:`n` players (:mod:`deterrence.games.cooperative`):

* the **Shapley value** (Shapley 1953) is each player's expected marginal contribution when
  the players arrive in a uniformly random order,
  :math:`\phi_i = \sum_{S \not\ni i} \frac{|S|!\,(n-|S|-1)!}{n!}\,(v(S \cup i) - v(S))`;
  on a simple game it is the Shapley-Shubik power index (the share of orderings in which
  :math:`i` is pivotal);
* the **Banzhaf index** (Banzhaf 1965) weights every coalition alike,
  :math:`\beta_i = 2^{1-n} \sum_{S \not\ni i} (v(S \cup i) - v(S))`;
* the **core** is the set of efficient allocations no coalition can improve on,
  :math:`\{x : x(N) = v(N),\ x(S) \ge v(S)\ \forall S\}`; it is empty exactly when the
  least-core value :math:`\varepsilon^* = \min_x \max_S (v(S) - x(S))` is positive;
* the **nucleolus** (Schmeidler 1969) lexicographically minimises the sorted excesses
  :math:`v(S) - x(S)`; it is computed by a sequence of linear programmes (Maschler, Peleg
  and Shapley 1979), fixing at each round the coalitions whose constraint has a positive
  dual price (they are tight in every optimum, by complementary slackness).

Exact values come from enumerating the :math:`2^n` coalitions, vectorised: the worths as
integers over a common denominator, grouped by coalition size with one ``bincount`` per
player, then weighted in rational arithmetic (:math:`O(n 2^n)`; 20 players in well under a
second). Beyond :data:`~deterrence.games.cooperative.MAX_TABLE_PLAYERS` players the values are
sampled (Castro, Gómez and Tejada 2009): random orderings for the Shapley value, random
coalitions for the Banzhaf index, with the standard error of each estimate reported.

References
----------
.. [1] L. S. Shapley, "A value for n-person games", in *Contributions to the Theory of Games
   II*, 1953.
.. [2] J. F. Banzhaf, "Weighted voting doesn't work", *Rutgers Law Review* 19, 1965.
.. [3] D. Schmeidler, "The nucleolus of a characteristic function game", *SIAM Journal on
   Applied Mathematics* 17(6), 1969.
.. [4] M. Maschler, B. Peleg and L. S. Shapley, "Geometric properties of the kernel,
   nucleolus and related solution concepts", *Mathematics of Operations Research* 4(4), 1979.
.. [5] J. Castro, D. Gómez and J. Tejada, "Polynomial calculation of the Shapley value based
   on sampling", *Computers & Operations Research* 36(5), 2009.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import numpy as np
import pandas as pd

from deterrence.exceptions import InvalidGameError, SolverError
from deterrence.games.cooperative import (
    MAX_TABLE_PLAYERS,
    CharacteristicFunctionGame,
    CoalitionalGame,
    popcounts,
)

__all__ = [
    "CoalitionValue",
    "CoreResult",
    "Indispensability",
    "shapley_value",
    "banzhaf_index",
    "core",
    "least_core",
    "nucleolus",
    "indispensability",
    "coalition_summary",
]

#: Most players for which the core and nucleolus LPs (one row per coalition) are built.
MAX_LP_PLAYERS = 16
#: Orderings (or coalitions) drawn per batch when sampling.
SAMPLE_BATCH = 4096


@dataclasses.dataclass(frozen=True)
class CoalitionValue:
    """A value or power index: one number per player.

    Attributes
    ----------
    players : tuple of str
    values : tuple
        Fractions when ``exact``, else floats.
    index : str
        ``"Shapley value"`` or ``"Banzhaf index"`` (or a normalised variant).
    method : str
        ``"exact"`` (enumeration) or ``"sample"``.
    standard_errors : tuple of float or None
        The standard error of each sampled estimate (``None`` when exact).
    num_samples : int
        Orderings or coalitions drawn (0 when exact).

    Examples
    --------
    >>> from deterrence.games.cooperative import WeightedQuotaGame
    >>> value = shapley_value(WeightedQuotaGame([2, 1, 1], 3, players="abc"))
    >>> value["a"], value.exact
    (Fraction(2, 3), True)
    >>> value.to_series().round(3).to_dict()
    {'a': 0.667, 'b': 0.167, 'c': 0.167}
    """

    players: tuple[str, ...]
    values: tuple[Any, ...]
    index: str
    method: str
    standard_errors: tuple[float, ...] | None = None
    num_samples: int = 0

    @property
    def exact(self) -> bool:
        """Whether the values are exact fractions."""
        return self.method == "exact"

    @property
    def array(self) -> np.ndarray:
        """The values as a float array."""
        return np.array([float(v) for v in self.values])

    def __getitem__(self, player: str) -> Any:
        try:
            return self.values[self.players.index(player)]
        except ValueError:
            raise InvalidGameError(
                f"{player!r} is not a player; the players are {list(self.players)}"
            ) from None

    def to_series(self) -> pd.Series:
        """The values as a float series indexed by player."""
        return pd.Series(self.array, index=list(self.players), name=self.index)

    def as_dict(self) -> dict[str, Any]:
        """A JSON-friendly dict (values as strings when exact)."""
        return {
            "index": self.index,
            "method": self.method,
            "num_samples": self.num_samples,
            "values": {
                p: (str(v) if self.exact else float(v)) for p, v in zip(self.players, self.values)
            },
            "standard_errors": (
                None
                if self.standard_errors is None
                else dict(zip(self.players, self.standard_errors))
            ),
        }


def _rng(rng: np.random.Generator | int | None) -> np.random.Generator:
    return rng if isinstance(rng, np.random.Generator) else np.random.default_rng(rng)


def _choose_method(game: CoalitionalGame, method: str, limit: int = 20) -> str:
    if method not in ("auto", "exact", "sample"):
        raise InvalidGameError(f"method is {method!r}; choose 'auto', 'exact' or 'sample'")
    if method == "auto":
        return "exact" if game.num_players <= limit else "sample"
    if method == "exact" and game.num_players > MAX_TABLE_PLAYERS:
        raise InvalidGameError(
            f"exact values enumerate 2^n coalitions; {game.num_players} players exceeds "
            f"{MAX_TABLE_PLAYERS} (use method='sample')"
        )
    return method


def _marginal_sums_by_size(game: CoalitionalGame) -> tuple[list[list[int]], int]:
    """For each player, the sums of its marginal contributions over coalitions of each size
    (integers; worths scaled by the returned denominator)."""
    n = game.num_players
    table, denominator = game.integer_table()
    cube = table.reshape((2,) * n)
    sizes = popcounts(n).reshape((2,) * n)
    sums: list[list[int]] = []
    for player in range(n):
        axis = n - 1 - player  # C order: the last axis is bit 0
        without = np.take(cube, 0, axis=axis).reshape(-1)
        marginal = np.take(cube, 1, axis=axis).reshape(-1) - without
        size = np.take(sizes, 0, axis=axis).reshape(-1)
        if marginal.dtype == object:
            per_size = [0] * n
            for s, m in zip(size.tolist(), marginal.tolist()):
                per_size[s] += m
        else:
            per_size = [int(round(x)) for x in np.bincount(size, weights=marginal, minlength=n)]
        sums.append(per_size)
    return sums, denominator


def _sample(
    game: CoalitionalGame, draw: Any, num_samples: int | None, error: float | None, max_samples: int
) -> tuple[np.ndarray, np.ndarray, int]:
    """Means and standard errors of per-sample contributions drawn in batches."""
    if num_samples is not None and num_samples < 2:
        raise InvalidGameError(f"num_samples is {num_samples}; need at least 2")
    if error is not None and not error > 0:
        raise InvalidGameError(f"error is {error}; expected a positive standard error")
    target = (
        num_samples if num_samples is not None else (max_samples if error is not None else 20_000)
    )
    n = game.num_players
    total, total_sq, drawn = np.zeros(n), np.zeros(n), 0
    while drawn < target:
        batch = min(SAMPLE_BATCH, target - drawn)
        contributions = draw(batch)
        total += contributions.sum(axis=0)
        total_sq += (contributions**2).sum(axis=0)
        drawn += batch
        if error is not None and num_samples is None and drawn >= 2 * SAMPLE_BATCH:
            variance = np.maximum(total_sq / drawn - (total / drawn) ** 2, 0.0)
            if np.sqrt(variance / (drawn - 1)).max() <= error:
                break
    mean = total / drawn
    variance = np.maximum(total_sq / drawn - mean**2, 0.0) * drawn / (drawn - 1)
    return mean, np.sqrt(variance / drawn), drawn


def shapley_value(
    game: CoalitionalGame,
    *,
    method: str = "auto",
    num_samples: int | None = None,
    error: float | None = None,
    max_samples: int = 1_000_000,
    rng: np.random.Generator | int | None = None,
) -> CoalitionValue:
    r"""The Shapley value: each player's average marginal contribution over orderings.

    Parameters
    ----------
    game : CoalitionalGame
        A :class:`~deterrence.games.cooperative.CharacteristicFunctionGame`,
        :class:`~deterrence.games.cooperative.WeightedQuotaGame` or any subclass of
        :class:`~deterrence.games.cooperative.CoalitionalGame`.
    method : {"auto", "exact", "sample"}
        ``"auto"``: exact up to 20 players, sampled beyond.
    num_samples : int, optional
        Orderings to draw when sampling (default 20,000, or until ``error`` is met).
    error : float, optional
        Sample (in batches of 4,096 orderings) until every standard error is at most this,
        or ``max_samples`` orderings have been drawn.
    max_samples : int
        Cap on orderings when ``error`` is given.
    rng : numpy.random.Generator, int or None
        Randomness for sampling.

    Returns
    -------
    CoalitionValue
        Exact fractions, or floats with their standard errors.

    Raises
    ------
    InvalidGameError
        An unknown method, ``"exact"`` beyond the table limit, or bad sample sizes.

    Notes
    -----
    Exact: :math:`\phi_i = \sum_{s=0}^{n-1} \frac{s!(n-1-s)!}{n!} M_i(s)` with
    :math:`M_i(s)` the sum of :math:`i`'s marginal contributions to coalitions of size
    :math:`s` (integers after scaling, so the sum is exact). Sampling: the mean of the
    marginal contributions over independent uniform orderings; its standard error is the
    sample standard deviation over :math:`\sqrt{m}` (Castro et al. 2009).

    Examples
    --------
    >>> from deterrence.games.cooperative import CharacteristicFunctionGame, WeightedQuotaGame
    >>> glove = CharacteristicFunctionGame.from_function(
    ...     ["left", "right 1", "right 2"],
    ...     lambda s: int("left" in s and len(s) >= 2))
    >>> [str(v) for v in shapley_value(glove).values]
    ['2/3', '1/6', '1/6']
    >>> big = WeightedQuotaGame(range(1, 201), quota=10_051)
    >>> sampled = shapley_value(big, num_samples=5000, rng=0)
    >>> sampled.method, max(sampled.standard_errors) < 0.003
    ('sample', True)
    """
    method = _choose_method(game, method)
    n = game.num_players
    if method == "exact":
        sums, denominator = _marginal_sums_by_size(game)
        weights = [
            Fraction(math.factorial(s) * math.factorial(n - 1 - s), math.factorial(n))
            for s in range(n)
        ]
        values = tuple(
            sum((w * m for w, m in zip(weights, per_size)), Fraction(0)) / denominator
            for per_size in sums
        )
        return CoalitionValue(game.players, values, "Shapley value", "exact")
    generator = _rng(rng)

    def draw(batch: int) -> np.ndarray:
        orders = generator.permuted(np.tile(np.arange(n), (batch, 1)), axis=1)
        return game.order_contributions(orders)

    mean, errors, drawn = _sample(game, draw, num_samples, error, max_samples)
    return CoalitionValue(
        game.players,
        tuple(float(x) for x in mean),
        "Shapley value",
        "sample",
        tuple(float(e) for e in errors),
        drawn,
    )


def banzhaf_index(
    game: CoalitionalGame,
    *,
    normalized: bool = False,
    method: str = "auto",
    num_samples: int | None = None,
    error: float | None = None,
    max_samples: int = 1_000_000,
    rng: np.random.Generator | int | None = None,
) -> CoalitionValue:
    r"""The Banzhaf index: each player's average swing over all coalitions of the others.

    Parameters
    ----------
    game : CoalitionalGame
    normalized : bool, default False
        Rescale so the indices sum to 1 (the normalised Banzhaf index; exact only).
    method, num_samples, error, max_samples, rng
        As for :func:`shapley_value` (sampling draws coalitions, each player in with
        probability 1/2).

    Returns
    -------
    CoalitionValue

    Raises
    ------
    InvalidGameError
        As for :func:`shapley_value`; ``normalized`` with every index zero.

    Notes
    -----
    :math:`\beta_i = 2^{1-n} \sum_{S \not\ni i} (v(S \cup i) - v(S))`: on a simple game, the
    probability that :math:`i` swings the outcome when the others join independently with
    probability 1/2 (Banzhaf 1965; Penrose 1946).

    Examples
    --------
    >>> from deterrence.games.cooperative import WeightedQuotaGame
    >>> game = WeightedQuotaGame([2, 1, 1], 3, players="abc")
    >>> [str(v) for v in banzhaf_index(game).values]
    ['3/4', '1/4', '1/4']
    >>> [str(v) for v in banzhaf_index(game, normalized=True).values]
    ['3/5', '1/5', '1/5']
    """
    method = _choose_method(game, method)
    n = game.num_players
    if method == "exact":
        sums, denominator = _marginal_sums_by_size(game)
        values = tuple(Fraction(sum(per_size), denominator * 2 ** (n - 1)) for per_size in sums)
        if normalized:
            total = sum(values, Fraction(0))
            if total == 0:
                raise InvalidGameError("every Banzhaf index is zero; cannot normalise")
            values = tuple(v / total for v in values)
        name = "normalised Banzhaf index" if normalized else "Banzhaf index"
        return CoalitionValue(game.players, values, name, "exact")
    generator = _rng(rng)

    def draw(batch: int) -> np.ndarray:
        return game.swing_contributions(generator.random((batch, n)) < 0.5)

    mean, errors, drawn = _sample(game, draw, num_samples, error, max_samples)
    if normalized:
        if mean.sum() == 0:
            raise InvalidGameError("every sampled Banzhaf index is zero; cannot normalise")
        errors, mean = errors / mean.sum(), mean / mean.sum()
    name = "normalised Banzhaf index" if normalized else "Banzhaf index"
    return CoalitionValue(
        game.players,
        tuple(float(x) for x in mean),
        name,
        "sample",
        tuple(float(e) for e in errors),
        drawn,
    )


# ---------------------------------------------------------------------- core and nucleolus
@dataclasses.dataclass(frozen=True)
class CoreResult:
    """Whether the core is empty, and an allocation in it (or in the least core).

    Attributes
    ----------
    players : tuple of str
    empty : bool
        True when no efficient allocation satisfies every coalition.
    point : tuple
        An allocation of the least core (in the core when ``empty`` is False): fractions
        when ``exact``, else floats.
    epsilon : Fraction or float
        The least-core value :math:`\\varepsilon^* = \\min_x \\max_S (v(S) - x(S))` over proper
        coalitions; the core is non-empty exactly when it is :math:`\\le 0`.
    exact : bool
        Whether ``point`` and ``epsilon`` were confirmed in rational arithmetic.
    blocking : tuple of tuple of str
        When the core is empty: the coalitions that still object at ``point`` (their excess
        is the largest, :math:`\\varepsilon^* > 0`).

    Examples
    --------
    >>> from deterrence.games.cooperative import WeightedQuotaGame
    >>> result = core(WeightedQuotaGame([1, 1, 1], 2))
    >>> result.empty, result.epsilon
    (True, Fraction(1, 3))
    """

    players: tuple[str, ...]
    empty: bool
    point: tuple[Any, ...]
    epsilon: Any
    exact: bool
    blocking: tuple[tuple[str, ...], ...] = ()

    def as_dict(self) -> dict[str, Any]:
        """A JSON-friendly dict."""
        text = str if self.exact else float
        return {
            "empty": self.empty,
            "epsilon": text(self.epsilon),
            "point": {p: text(x) for p, x in zip(self.players, self.point)},
            "blocking": [list(c) for c in self.blocking],
        }


def _lp_rows(game: CoalitionalGame) -> tuple[np.ndarray, np.ndarray, tuple[Fraction, ...]]:
    n = game.num_players
    if n > MAX_LP_PLAYERS:
        raise InvalidGameError(
            f"the core and nucleolus LPs have one row per coalition; {n} players exceeds "
            f"{MAX_LP_PLAYERS}"
        )
    masks = np.arange(1, (1 << n) - 1, dtype=np.int64)
    membership = ((masks[:, None] >> np.arange(n)) & 1).astype(float)
    return masks, membership, game.exact_table()


def _linprog(
    cost: np.ndarray, upper: Any, upper_rhs: np.ndarray, equal: Any, equal_rhs: np.ndarray
) -> Any:
    from scipy.optimize import linprog  # scipy.optimize is slow to import

    bounds = [(None, None)] * len(cost)
    result = linprog(
        cost, A_ub=upper, b_ub=upper_rhs, A_eq=equal, b_eq=equal_rhs, bounds=bounds, method="highs"
    )
    if result.status != 0:
        raise SolverError(f"the core LP failed: {result.message}")
    return result


def _rational(values: Sequence[float], limit: int = 10**6) -> list[Fraction]:
    return [Fraction(float(x)).limit_denominator(limit) for x in values]


def least_core(game: CoalitionalGame) -> CoreResult:
    r"""The least core: the allocation minimising the largest excess
    :math:`v(S) - x(S)` over proper coalitions, by one LP (HiGHS).

    Parameters
    ----------
    game : CoalitionalGame
        At most 16 players (one LP row per coalition).

    Returns
    -------
    CoreResult
        ``epsilon`` :math:`\le 0` means the core is non-empty and ``point`` lies in it.

    Raises
    ------
    InvalidGameError
        More than 16 players.
    SolverError
        If the LP solver fails.

    Notes
    -----
    :math:`\min_{x, \varepsilon} \varepsilon` s.t. :math:`x(S) + \varepsilon \ge v(S)` for
    every proper non-empty :math:`S`, :math:`x(N) = v(N)`. The LP's float answer is
    rounded to nearby fractions and confirmed exactly when possible (``exact``): the
    allocation is efficient and its largest excess is the rounded :math:`\varepsilon`.

    Examples
    --------
    >>> from deterrence.games.cooperative import CharacteristicFunctionGame
    >>> game = CharacteristicFunctionGame.from_array("ab", [0, 1, 1, 4])
    >>> result = least_core(game)
    >>> result.empty, result.epsilon, sum(result.point)
    (False, Fraction(-1, 1), Fraction(4, 1))
    """
    n = game.num_players
    grand = game.value((1 << n) - 1)
    if n == 1:
        return CoreResult(game.players, False, (grand,), Fraction(0), True)
    masks, membership, table = _lp_rows(game)
    worth = np.array([float(table[m]) for m in masks])
    upper = -np.hstack([membership, np.ones((len(masks), 1))])
    equal = np.hstack([np.ones((1, n)), np.zeros((1, 1))])
    cost = np.zeros(n + 1)
    cost[-1] = 1.0
    result = _linprog(cost, upper, -worth, equal, np.array([float(grand)]))
    point = _rational(result.x[:n])
    exact = sum(point, Fraction(0)) == grand
    epsilon: Any
    if exact:
        excesses = [
            table[m] - sum((point[i] for i in range(n) if m >> i & 1), Fraction(0))
            for m in masks.tolist()
        ]
        epsilon = max(excesses)
        exact = abs(float(epsilon) - result.x[-1]) <= 1e-7 * max(1.0, abs(float(grand)))
    if not exact:
        point = [float(x) for x in result.x[:n]]  # type: ignore[misc]
        epsilon = float(result.x[-1])
        excesses = list(worth - membership @ np.array(point, dtype=float))
    empty = epsilon > (0 if exact else 1e-9)
    blocking: tuple[tuple[str, ...], ...] = ()
    if empty:
        top = max(excesses)
        blocking = tuple(
            game.members(int(m))
            for m, e in zip(masks.tolist(), excesses)
            if (e == top if exact else e >= float(top) - 1e-9)
        )
    return CoreResult(game.players, bool(empty), tuple(point), epsilon, exact, blocking)


def core(game: CoalitionalGame) -> CoreResult:
    """Whether the core is empty, and a point in it when it is not (see :func:`least_core`).

    Parameters
    ----------
    game : CoalitionalGame
        At most 16 players.

    Returns
    -------
    CoreResult

    Raises
    ------
    InvalidGameError
        More than 16 players.

    Examples
    --------
    >>> from deterrence.games.cooperative import WeightedQuotaGame
    >>> veto = core(WeightedQuotaGame([3, 1, 1], 4, players=["us", "japan", "eu"]))
    >>> veto.empty, [str(x) for x in veto.point]
    (False, ['1', '0', '0'])
    """
    return least_core(game)


def nucleolus(game: CoalitionalGame) -> CoalitionValue:
    r"""The nucleolus: the allocation that lexicographically minimises the sorted excesses.

    Parameters
    ----------
    game : CoalitionalGame
        At most 16 players.

    Returns
    -------
    CoalitionValue
        ``index="nucleolus"``; exact fractions when the final linear system confirms them.

    Raises
    ------
    InvalidGameError
        More than 16 players.
    SolverError
        If an LP fails or the rounds do not pin down a point.

    Notes
    -----
    Round :math:`k` solves :math:`\min \varepsilon` s.t. :math:`x(S) + \varepsilon \ge v(S)`
    for the free coalitions, :math:`x(S) = v(S) - \varepsilon_j` for those fixed in round
    :math:`j < k`, :math:`x(N) = v(N)`; the free coalitions whose constraint has a positive
    dual price are tight in every optimum and are fixed at :math:`\varepsilon_k`, and
    coalitions whose indicator lies in the span of the fixed ones leave the free set. After
    at most :math:`n` rounds the fixed equations determine :math:`x` (Maschler, Peleg and
    Shapley 1979); the last system is then solved in rational arithmetic.

    Examples
    --------
    >>> from deterrence.games.cooperative import CharacteristicFunctionGame
    >>> glove = CharacteristicFunctionGame.from_function(
    ...     ["left", "right 1", "right 2"], lambda s: int("left" in s and len(s) >= 2))
    >>> [str(x) for x in nucleolus(glove).values]
    ['1', '0', '0']
    """
    n = game.num_players
    grand = game.value((1 << n) - 1)
    if n == 1:
        return CoalitionValue(game.players, (grand,), "nucleolus", "exact")
    masks, membership, table = _lp_rows(game)
    worth = np.array([float(table[m]) for m in masks])
    free = np.ones(len(masks), dtype=bool)
    fixed_rows: list[int] = []
    fixed_levels: list[float] = []
    basis = np.ones((n, 1)) / math.sqrt(n)  # orthonormal basis of the fixed span
    cost = np.zeros(n + 1)
    cost[-1] = 1.0
    for _ in range(n + 1):
        if basis.shape[1] >= n:
            break
        rows = np.flatnonzero(free)
        upper = -np.hstack([membership[rows], np.ones((len(rows), 1))])
        equal = np.vstack(
            [
                np.hstack([np.ones((1, n)), np.zeros((1, 1))]),
                *[np.hstack([membership[r][None, :], np.zeros((1, 1))]) for r in fixed_rows],
            ]
        )
        equal_rhs = np.array(
            [float(grand)] + [worth[r] - level for r, level in zip(fixed_rows, fixed_levels)]
        )
        result = _linprog(cost, upper, -worth[rows], equal, equal_rhs)
        level = float(result.x[-1])
        duals = -np.asarray(result.ineqlin.marginals)
        chosen = rows[duals > 1e-9]
        if len(chosen) == 0:
            raise SolverError("nucleolus: no coalition has a positive dual price")
        for r in chosen:
            residual = membership[r] - basis @ (basis.T @ membership[r])
            if np.linalg.norm(residual) > 1e-9:
                fixed_rows.append(int(r))
                fixed_levels.append(level)
                basis = np.hstack([basis, (residual / np.linalg.norm(residual))[:, None]])
        spanned = np.linalg.norm(membership - (membership @ basis) @ basis.T, axis=1) <= 1e-9
        free &= ~spanned
    if basis.shape[1] < n:
        raise SolverError("nucleolus: the LP rounds did not determine a unique allocation")
    float_point = result.x[:n]
    levels = _rational(fixed_levels)
    try:
        point = _solve_exact(
            n,
            [masks[r] for r in fixed_rows],
            [table[masks[r]] - lv for r, lv in zip(fixed_rows, levels)],
            grand,
        )
    except ZeroDivisionError:  # pragma: no cover - rank was checked in floats
        point = None
    if point is not None and all(
        abs(float(p) - f) <= 1e-7 * max(1.0, abs(float(grand))) for p, f in zip(point, float_point)
    ):
        return CoalitionValue(game.players, tuple(point), "nucleolus", "exact")
    return CoalitionValue(game.players, tuple(float(x) for x in float_point), "nucleolus", "lp")


def _solve_exact(
    n: int, masks: Sequence[int], rhs: Sequence[Fraction], grand: Fraction
) -> list[Fraction] | None:
    """Solve x(S_k) = rhs_k, x(N) = v(N) in fractions (Gauss-Jordan)."""
    rows = [
        [Fraction(int(m >> i & 1)) for i in range(n)] + [Fraction(r)] for m, r in zip(masks, rhs)
    ]
    rows.insert(0, [Fraction(1)] * n + [Fraction(grand)])
    for column in range(n):
        pivot = next((r for r in range(column, len(rows)) if rows[r][column] != 0), None)
        if pivot is None:
            return None
        rows[column], rows[pivot] = rows[pivot], rows[column]
        head = rows[column][column]
        rows[column] = [x / head for x in rows[column]]
        for r in range(len(rows)):
            if r != column and rows[r][column] != 0:
                factor = rows[r][column]
                rows[r] = [a - factor * b for a, b in zip(rows[r], rows[column])]
    return [rows[i][n] for i in range(n)]


# ---------------------------------------------------------------------- indispensability
@dataclasses.dataclass(frozen=True)
class Indispensability:
    """Who a coalition against coercion cannot do without (see :func:`indispensability`).

    Attributes
    ----------
    frame : pandas.DataFrame
        One row per player, most pivotal first: ``pivotal_share`` (Shapley-Shubik: share of
        orderings in which the player turns a losing coalition into one that denies the
        coercer), ``standard_error`` (0 when exact), ``swing_probability`` (Banzhaf),
        ``veto`` (no coalition without the player succeeds), ``smallest_without`` (fewest
        members of a successful coalition without the player; ``None`` with a veto),
        ``sentence``.
    smallest : int
        Fewest members of any coalition that denies the coercer.
    method : str
        ``"exact"`` or ``"sample"``.

    Examples
    --------
    >>> from deterrence.games.cooperative import WeightedQuotaGame
    >>> report = indispensability(WeightedQuotaGame([3, 1, 1], 4, players=["us", "a", "b"]))
    >>> report.most_indispensable
    'us'
    """

    frame: pd.DataFrame
    smallest: int
    method: str

    @property
    def sentences(self) -> tuple[str, ...]:
        """One sentence per player, most pivotal first."""
        return tuple(self.frame["sentence"])

    @property
    def most_indispensable(self) -> str:
        """The player with the largest pivotal share."""
        return str(self.frame.index[0])

    def to_text(self) -> str:
        """The sentences, one per line."""
        return "\n".join(self.sentences)


def _percent(share: float) -> str:
    return f"{100 * share:.0f}%" if share >= 0.01 or share == 0 else f"{100 * share:.2g}%"


def indispensability(
    game: CoalitionalGame,
    *,
    threshold: Any = None,
    method: str = "auto",
    num_samples: int | None = None,
    error: float | None = None,
    rng: np.random.Generator | int | None = None,
) -> Indispensability:
    r"""Each partner's indispensability for denying a coercer, in numbers and in words.

    A coalition *denies the coercer* when its worth reaches ``threshold`` (default: the
    grand coalition's worth; for a weighted quota game, when its capacity reaches the quota).
    A partner is indispensable to the degree that the coalition cannot do without it: it
    holds a **veto** when no coalition without it succeeds, it **raises the bar** when the
    smallest successful coalition without it is larger than the smallest overall, and its
    **pivotal share** (the Shapley-Shubik index of the simple game "denies the coercer") is
    the fraction of orders of joining in which it is the member who tips the coalition into
    success.

    Parameters
    ----------
    game : CoalitionalGame
    threshold : number, optional
        The worth a coalition needs (default: the game's own ``threshold`` when it declares
        one, else :math:`v(N)`); ignored for games that are already simple (0/1 worths)
        when neither is given.
    method, num_samples, error, rng
        As for :func:`shapley_value` (exact up to 20 players).

    Returns
    -------
    Indispensability

    Raises
    ------
    InvalidGameError
        If the grand coalition itself cannot reach ``threshold``, or a table is needed for
        more than :data:`~deterrence.games.cooperative.MAX_TABLE_PLAYERS` players.

    Notes
    -----
    Veto players are the members of every winning coalition; a simple game has a
    non-empty core exactly when it has veto players, and the core then shares everything
    among them (Maschler, Solan and Zamir 2013, ch. 17), which is why a veto partner is the
    sharpest meaning of "strategic indispensability".

    Examples
    --------
    >>> from deterrence.games.cooperative import WeightedQuotaGame
    >>> club = WeightedQuotaGame([45, 25, 15, 10, 5], quota=70,
    ...                          players=["us", "japan", "australia", "canada", "eu"])
    >>> print(indispensability(club).to_text())
    without us no coalition can deny the coercer (us holds a veto); us is pivotal in 58%
    of orderings.
    without japan no coalition of fewer than 3 members can deny the coercer (2 with it);
    japan is pivotal in 25% of orderings.
    coalitions of 2 members can deny the coercer without australia; australia is pivotal
    in 8% of orderings.
    coalitions of 2 members can deny the coercer without canada; canada is pivotal in 8%
    of orderings.
    eu is never pivotal: no coalition needs eu to deny the coercer.
    """
    simple = game
    if threshold is None:
        threshold = game.threshold
    if threshold is not None or not game.is_simple():
        table = game.table()
        bar = float(threshold) if threshold is not None else float(table[-1])
        if table[-1] < bar:
            raise InvalidGameError(
                f"the grand coalition's worth {table[-1]:g} is below the threshold {bar:g}: "
                "no coalition can deny the coercer"
            )
        values = [int(x >= bar) for x in table]
        values[0] = 0
        simple = CharacteristicFunctionGame(game.players, values)
    elif game.value(game.players) == 0:
        raise InvalidGameError("the grand coalition cannot deny the coercer")
    pivotal = shapley_value(simple, method=method, num_samples=num_samples, error=error, rng=rng)
    swings = banzhaf_index(
        simple, method=pivotal.method, num_samples=num_samples, error=error, rng=rng
    )
    smallest = simple.smallest_winning_size()
    assert smallest is not None
    rows = []
    for i, player in enumerate(game.players):
        share = float(pivotal.values[i])
        without = simple.smallest_winning_size(excluding=i)
        if share == 0:
            sentence = (
                f"{player} is never pivotal: no coalition needs {player} to deny the coercer."
            )
        elif without is None:
            sentence = (
                f"without {player} no coalition can deny the coercer ({player} holds "
                f"a veto); {player} is pivotal in {_percent(share)} of orderings."
            )
        elif without > smallest:
            sentence = (
                f"without {player} no coalition of fewer than {without} members can "
                f"deny the coercer ({smallest} with it); {player} is pivotal in "
                f"{_percent(share)} of orderings."
            )
        else:
            sentence = (
                f"coalitions of {smallest} members can deny the coercer without "
                f"{player}; {player} is pivotal in {_percent(share)} of orderings."
            )
        rows.append(
            {
                "player": player,
                "pivotal_share": share,
                "standard_error": 0.0
                if pivotal.standard_errors is None
                else pivotal.standard_errors[i],
                "swing_probability": float(swings.values[i]),
                "veto": without is None,
                "smallest_without": without,
                "sentence": sentence,
            }
        )
    frame = pd.DataFrame(rows).set_index("player")
    frame = frame.sort_values("pivotal_share", ascending=False, kind="stable")
    return Indispensability(frame, smallest, pivotal.method)


def coalition_summary(game: CoalitionalGame, *, threshold: Any = None) -> tuple[str, ...]:
    """A few lines on who a coalition cannot do without: the Shapley value, the Banzhaf
    index, the core, and the indispensability sentences (what an analysis report prints).

    Parameters
    ----------
    game : CoalitionalGame
        At most 16 players (the core's LP).
    threshold : number, optional
        As for :func:`indispensability` (default: the game's own, else :math:`v(N)`).

    Returns
    -------
    tuple of str
        One line per item; values exact where they are exact.

    Raises
    ------
    InvalidGameError
        More than 16 players.

    Examples
    --------
    >>> from deterrence.games.cooperative import WeightedQuotaGame
    >>> for line in coalition_summary(WeightedQuotaGame([3, 1, 1], 4, players="abc")):
    ...     print(line)
    the grand coalition is worth 1
    Shapley value: a 2/3, b 1/6, c 1/6
    Banzhaf index: a 3/4, b 1/4, c 1/4
    core: not empty; a point in it: a 1, b 0, c 0
    without a no coalition can deny the coercer (a holds a veto); a is pivotal in 67% of
    orderings.
    coalitions of 2 members can deny the coercer without b; b is pivotal in 17% of orderings.
    coalitions of 2 members can deny the coercer without c; c is pivotal in 17% of orderings.
    """
    from deterrence.games._numbers import format_number

    def listing(values: Sequence[Any]) -> str:
        return ", ".join(f"{p} {format_number(v)}" for p, v in zip(game.players, values))

    grand = game.value((1 << game.num_players) - 1)
    lines = [f"the grand coalition is worth {format_number(grand)}"]
    if grand <= 0:
        return (*lines, "no coalition gains anything by forming: nothing to share")
    lines.append(f"Shapley value: {listing(shapley_value(game).values)}")
    lines.append(f"Banzhaf index: {listing(banzhaf_index(game).values)}")
    result = core(game)
    if result.empty:
        blocking = "; ".join(", ".join(c) for c in result.blocking[:3])
        lines.append(
            f"core: empty (every allocation leaves some coalition short by at least "
            f"{format_number(result.epsilon)}; e.g. {blocking})"
        )
    else:
        lines.append(f"core: not empty; a point in it: {listing(result.point)}")
    lines.extend(indispensability(game, threshold=threshold).sentences)
    return tuple(lines)
