r"""Evolutionary dynamics: replicator dynamics, rest points and their stability, Moran process.

**Replicator dynamics, one population** (Taylor and Jonker 1978). Individuals are randomly
matched to play a symmetric game with payoff matrix ``A`` (row player's); the share
:math:`x_i` of strategy ``i`` grows at the rate by which its payoff beats the average:

.. math:: \dot x_i = x_i \left[(A x)_i - x^\top A x\right].

**Two populations** (row and column players drawn from different populations, payoff
matrices ``A`` and ``B``):

.. math:: \dot x_i = x_i [(A y)_i - x^\top A y], \qquad
          \dot y_j = y_j [(B^\top x)_j - x^\top B y].

**Discrete-time replicator** (Hofbauer and Sigmund 1998, sec. 7.1) with background fitness
``c``: :math:`x_i' = x_i (c + (Ax)_i) / (c + x^\top A x)`.

**Moran process** (Nowak, Sasaki, Taylor and Fudenberg 2004): a population of ``N``
individuals, ``i`` of type A and ``N - i`` of type B, with payoffs from the 2x2 game
:math:`\begin{pmatrix} a & b \\ c & d \end{pmatrix}` against everyone else,
:math:`F_i = [a(i-1) + b(N-i)]/(N-1)`, :math:`G_i = [ci + d(N-i-1)]/(N-1)`, fitness
:math:`f_i = 1 - w + w F_i`, :math:`g_i = 1 - w + w G_i` at selection intensity ``w``. One
individual reproduces proportionally to fitness and replaces a random individual. A single
A mutant fixes with probability

.. math:: \rho_A = 1 \Big/ \Big(1 + \sum_{k=1}^{N-1} \prod_{i=1}^{k} g_i / f_i\Big).

References
----------
.. [1] P. D. Taylor and L. B. Jonker, "Evolutionarily stable strategies and game dynamics",
   *Mathematical Biosciences* 40 (1978) 145-156.
.. [2] J. Hofbauer and K. Sigmund, *Evolutionary Games and Population Dynamics*, Cambridge
   University Press, 1998.
.. [3] M. A. Nowak, A. Sasaki, C. Taylor and D. Fudenberg, "Emergence of cooperation and
   evolutionary stability in finite populations", *Nature* 428 (2004) 646-650.
.. [4] J. W. Weibull, *Evolutionary Game Theory*, MIT Press, 1995.
"""

from __future__ import annotations

import dataclasses
import itertools
from fractions import Fraction
from typing import Any

import numpy as np

from deterrence.exceptions import InvalidGameError, InvalidProfileError, UnsupportedGameError
from deterrence.games._numbers import as_payoff_array, classify_number
from deterrence.games.normal_form import NormalFormGame

__all__ = [
    "ReplicatorTrajectory",
    "RestPoint",
    "discrete_replicator_dynamics",
    "fixation_probability",
    "replicator_dynamics",
    "replicator_rest_points",
    "simulate_fixation",
]


# ---------------------------------------------------------------------- validation
def _matrices(game: Any, populations: int | None) -> tuple[np.ndarray, np.ndarray, int, bool]:
    """Return (A, B, populations, exact) for a game or a square payoff matrix."""
    if isinstance(game, NormalFormGame):
        if game.num_players != 2:
            raise UnsupportedGameError(
                f"replicator dynamics need a two-player game; got {game.num_players} players"
            )
        exact = game.is_exact
        a = game.payoffs[0] if exact else game.float_payoffs[0]
        b = game.payoffs[1] if exact else game.float_payoffs[1]
    else:
        a, exact = as_payoff_array(game, what="payoff matrix")
        if a.ndim != 2 or a.shape[0] != a.shape[1]:
            raise InvalidGameError(
                f"payoff matrix has shape {a.shape}; expected a square matrix of a symmetric game"
            )
        b = a.T
    symmetric = a.shape[0] == a.shape[1] and bool(np.all(a == b.T))
    if populations is None:
        populations = 1 if symmetric else 2
    if populations not in (1, 2):
        raise InvalidGameError(f"populations must be 1 or 2, got {populations!r}")
    if populations == 1 and not symmetric:
        raise InvalidGameError(
            f"one-population dynamics need a symmetric game (column payoffs = transpose of row "
            f"payoffs); got row payoffs {a.tolist()} and column payoffs {b.tolist()}. "
            "Use populations=2"
        )
    return np.asarray(a), np.asarray(b), populations, exact


def _simplex_point(value: Any, size: int, what: str) -> np.ndarray:
    try:
        x = np.asarray([float(v) for v in value], dtype=float)
    except (TypeError, ValueError):
        raise InvalidProfileError(f"{what} must be a probability vector, got {value!r}") from None
    if x.shape != (size,):
        raise InvalidProfileError(f"{what} has {x.shape[0]} entries; expected {size}")
    if not np.all(np.isfinite(x)) or x.min() < -1e-12 or abs(x.sum() - 1) > 1e-9:
        raise InvalidProfileError(f"{what} is {value!r}; expected non-negative shares summing to 1")
    return np.clip(x, 0, None) / np.clip(x, 0, None).sum()


def _initial(initial: Any, a: np.ndarray, populations: int) -> np.ndarray:
    m, n = a.shape
    if populations == 1:
        return _simplex_point(initial, m, "initial")
    if len(initial) != 2:
        raise InvalidProfileError(
            f"two-population dynamics need initial=(row shares, column shares), got {initial!r}"
        )
    return np.concatenate(
        [
            _simplex_point(initial[0], m, "initial row shares"),
            _simplex_point(initial[1], n, "initial column shares"),
        ]
    )


def _field(a: np.ndarray, b: np.ndarray, populations: int) -> Any:
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    m = a.shape[0]

    def field(_: float, z: np.ndarray) -> np.ndarray:
        if populations == 1:
            fitness = a @ z
            return z * (fitness - z @ fitness)
        x, y = z[:m], z[m:]
        fx, fy = a @ y, b.T @ x
        return np.concatenate([x * (fx - x @ fx), y * (fy - y @ fy)])

    return field


# ---------------------------------------------------------------------- trajectories
@dataclasses.dataclass(frozen=True)
class ReplicatorTrajectory:
    """A solution of the replicator dynamics.

    Attributes
    ----------
    times : numpy.ndarray
        Shape ``(k,)``.
    shares : numpy.ndarray
        Shape ``(k, m)`` for one population; ``(k, m + n)`` for two (row shares first).
    strategies : tuple of str
        Labels of the columns of ``shares``.
    populations : int
        1 (one symmetric population) or 2 (row and column populations).

    Examples
    --------
    Hawk-dove: from 10% hawks the population settles at the mixed equilibrium.

    >>> trajectory = replicator_dynamics([[-1, 2], [0, 1]], [0.1, 0.9], time=20, steps=5)
    >>> trajectory.times.tolist(), trajectory.populations, trajectory.strategies
    ([0.0, 5.0, 10.0, 15.0, 20.0], 1, ('s1', 's2'))
    >>> np.round(trajectory.final, 3).tolist()
    [0.5, 0.5]
    """

    times: np.ndarray
    shares: np.ndarray
    strategies: tuple[str, ...]
    populations: int

    @property
    def final(self) -> np.ndarray:
        """The shares at the last time."""
        return self.shares[-1]

    def to_frame(self) -> Any:
        """The trajectory as a pandas DataFrame indexed by time.

        Examples
        --------
        >>> trajectory = replicator_dynamics([[0, 1], [1, 0]], [0.2, 0.8], time=1, steps=3)
        >>> list(trajectory.to_frame().columns)
        ['s1', 's2']
        """
        import pandas as pd

        return pd.DataFrame(
            self.shares, index=pd.Index(self.times, name="time"), columns=list(self.strategies)
        )


def _labels(game: Any, a: np.ndarray, populations: int) -> tuple[str, ...]:
    if isinstance(game, NormalFormGame):
        players = tuple(game.players or ())
        strategies = tuple(tuple(labels) for labels in game.strategies or ())
        if populations == 1:
            return strategies[0]
        return tuple(f"{players[0]}: {s}" for s in strategies[0]) + tuple(
            f"{players[1]}: {s}" for s in strategies[1]
        )
    return tuple(f"s{k + 1}" for k in range(a.shape[0]))


def replicator_dynamics(
    game: NormalFormGame | Any,
    initial: Any,
    *,
    time: float = 100.0,
    steps: int = 201,
    populations: int | None = None,
    method: str = "LSODA",
    rtol: float = 1e-9,
    atol: float = 1e-12,
) -> ReplicatorTrajectory:
    r"""Integrate the continuous replicator dynamics with scipy's ``solve_ivp``.

    Parameters
    ----------
    game : NormalFormGame or square matrix
        A symmetric two-player game (one population) or any two-player game (two
        populations). A matrix ``A`` means the symmetric game ``(A, A.T)``.
    initial : probability vector, or pair of vectors for two populations
    time : float, default 100
        Integrate over ``[0, time]``.
    steps : int, default 201
        Number of equally spaced output times.
    populations : {1, 2}, optional
        Default: 1 for symmetric games, 2 otherwise.
    method, rtol, atol
        Passed to :func:`scipy.integrate.solve_ivp`.

    Returns
    -------
    ReplicatorTrajectory

    Raises
    ------
    InvalidGameError
        If the game is not two-player, or asks for one population of an asymmetric game.
    InvalidProfileError
        If ``initial`` is not on the simplex.

    Notes
    -----
    The simplex and its faces are invariant; Nash equilibria are rest points, and strict
    Nash equilibria are asymptotically stable (Hofbauer and Sigmund 1998, ch. 7; Weibull
    1995, ch. 3).

    Examples
    --------
    Hawk-dove with ``V = 2``, ``C = 4``: the population settles at half hawks.

    >>> trajectory = replicator_dynamics([[-1, 2], [0, 1]], [0.9, 0.1], time=60)
    >>> trajectory.final.round(6).tolist()
    [0.5, 0.5]
    """
    from scipy.integrate import solve_ivp

    a, b, populations, _ = _matrices(game, populations)
    start = _initial(initial, a, populations)
    if not (float(time) > 0 and np.isfinite(float(time))):
        raise InvalidGameError(f"time must be a positive number, got {time!r}")
    if isinstance(steps, bool) or not isinstance(steps, (int, np.integer)) or steps < 2:
        raise InvalidGameError(f"steps must be an integer >= 2, got {steps!r}")
    times = np.linspace(0.0, float(time), int(steps))
    solution = solve_ivp(
        _field(a, b, populations),
        (0.0, float(time)),
        start,
        t_eval=times,
        method=method,
        rtol=rtol,
        atol=atol,
    )
    if not solution.success:  # pragma: no cover - the field is smooth and bounded
        from deterrence.exceptions import SolverError

        raise SolverError(f"replicator integration failed: {solution.message}")
    return ReplicatorTrajectory(
        times, solution.y.T.copy(), _labels(game, a, populations), populations
    )


def discrete_replicator_dynamics(
    game: NormalFormGame | Any,
    initial: Any,
    *,
    generations: int = 100,
    background_fitness: float | None = None,
    populations: int | None = None,
) -> ReplicatorTrajectory:
    r"""Iterate the discrete-time replicator map.

    Parameters
    ----------
    game : NormalFormGame or square matrix
    initial : probability vector, or pair of vectors for two populations
    generations : int, default 100
    background_fitness : float, optional
        ``c`` in :math:`x_i' = x_i (c + (Ax)_i)/(c + x^\top A x)`; default
        ``1 - min(payoffs)``, which keeps every fitness positive.
    populations : {1, 2}, optional

    Returns
    -------
    ReplicatorTrajectory
        ``times`` are the generations ``0..generations``.

    Raises
    ------
    InvalidGameError
        If some fitness would be zero or negative.

    Examples
    --------
    In the prisoner's dilemma defection takes over.

    >>> from deterrence.games.repeated import prisoners_dilemma
    >>> trajectory = discrete_replicator_dynamics(prisoners_dilemma(), [0.99, 0.01],
    ...                                           generations=200)
    >>> float(trajectory.final[1]) > 0.999
    True
    """
    a, b, populations, _ = _matrices(game, populations)
    z = _initial(initial, a, populations)
    af, bf = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    lowest = min(af.min(), bf.min())
    c = 1.0 - lowest if background_fitness is None else float(background_fitness)
    if c + lowest <= 0:
        raise InvalidGameError(
            f"background_fitness {c} leaves a non-positive fitness (lowest payoff {lowest})"
        )
    if (
        isinstance(generations, bool)
        or not isinstance(generations, (int, np.integer))
        or (generations < 0)
    ):
        raise InvalidGameError(f"generations must be a non-negative integer, got {generations!r}")
    m = af.shape[0]
    out = np.empty((int(generations) + 1, z.shape[0]))
    out[0] = z
    for g in range(1, int(generations) + 1):
        if populations == 1:
            fitness = c + af @ z
            z = z * fitness / (z @ fitness)
        else:
            x, y = z[:m], z[m:]
            fx, fy = c + af @ y, c + bf.T @ x
            z = np.concatenate([x * fx / (x @ fx), y * fy / (y @ fy)])
        out[g] = z
    return ReplicatorTrajectory(
        np.arange(int(generations) + 1, dtype=float),
        out,
        _labels(game, a, populations),
        populations,
    )


# ---------------------------------------------------------------------- rest points
@dataclasses.dataclass(frozen=True)
class RestPoint:
    """A rest point of the replicator dynamics and its linear stability.

    Attributes
    ----------
    shares : tuple
        The point (``Fraction`` entries for exact games); for two populations the row
        shares followed by the column shares.
    eigenvalues : numpy.ndarray
        Eigenvalues of the Jacobian restricted to the tangent space of the simplex (or
        product of simplices).
    stability : str
        ``"stable"`` (all real parts negative: asymptotically stable), ``"unstable"`` (some
        real part positive) or ``"non-hyperbolic"`` (the largest real part is zero:
        linearisation is inconclusive).

    Examples
    --------
    Hawk-dove: both monomorphic populations can be invaded; the half-hawk mixture is
    asymptotically stable.

    >>> for point in replicator_rest_points([[-1, 2], [0, 1]]):
    ...     print([str(share) for share in point.shares], point.support, point.stability)
    ['1', '0'] (0,) unstable
    ['0', '1'] (1,) unstable
    ['1/2', '1/2'] (0, 1) stable
    """

    shares: tuple[Any, ...]
    eigenvalues: np.ndarray
    stability: str

    @property
    def support(self) -> tuple[int, ...]:
        """Indices of the strategies present at the rest point."""
        return tuple(k for k, v in enumerate(self.shares) if v != 0)


def _solve_exact(matrix: list[list[Any]], rhs: list[Any]) -> list[Fraction] | None:
    n = len(matrix)
    rows = [[Fraction(v) for v in row] + [Fraction(rhs[i])] for i, row in enumerate(matrix)]
    for col in range(n):
        pivot = next((r for r in range(col, n) if rows[r][col] != 0), None)
        if pivot is None:
            return None
        rows[col], rows[pivot] = rows[pivot], rows[col]
        inv = 1 / rows[col][col]
        rows[col] = [v * inv for v in rows[col]]
        for r in range(n):
            if r != col and rows[r][col] != 0:
                factor = rows[r][col]
                rows[r] = [v - factor * w for v, w in zip(rows[r], rows[col])]
    return [rows[i][n] for i in range(n)]


def _solve_float(matrix: list[list[Any]], rhs: list[Any]) -> list[float] | None:
    m = np.array(matrix, dtype=float)
    if abs(np.linalg.det(m)) < 1e-12 * max(1.0, np.abs(m).max()) ** m.shape[0]:
        return None
    return list(np.linalg.solve(m, np.array(rhs, dtype=float)))


def _equalise(
    payoff: np.ndarray, rows: tuple[int, ...], columns: tuple[int, ...], exact: bool
) -> list[Any] | None:
    """Mix over ``columns`` so that the ``rows`` earn equal payoffs (square systems only)."""
    k = len(columns)
    if len(rows) != k:
        return None
    # unknowns: y_c for c in columns, and the common payoff v
    matrix = [[payoff[r, c] for c in columns] + [-1] for r in rows]
    matrix.append([1] * k + [0])
    rhs = [0] * k + [1]
    solution = (_solve_exact if exact else _solve_float)(matrix, rhs)
    if solution is None:
        return None
    shares = solution[:k]
    if any(v <= 0 for v in shares):
        return None
    return shares


def _jacobian(a: np.ndarray, b: np.ndarray, z: np.ndarray, populations: int) -> np.ndarray:
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    if populations == 1:
        x = z
        f = a @ x
        phi = x @ f
        jac = np.diag(f - phi) + x[:, None] * (a - (x @ a + f)[None, :])
        reduce = np.vstack([np.eye(len(x) - 1), -np.ones((1, len(x) - 1))])
        return jac[:-1] @ reduce
    m = a.shape[0]
    x, y = z[:m], z[m:]
    fx, fy = a @ y, b.T @ x
    px, py = x @ fx, y @ fy
    n = len(y)
    jac = np.zeros((m + n, m + n))
    jac[:m, :m] = np.diag(fx - px) - x[:, None] * fx[None, :]
    jac[:m, m:] = x[:, None] * (a - (x @ a)[None, :])
    jac[m:, m:] = np.diag(fy - py) - y[:, None] * fy[None, :]
    jac[m:, :m] = y[:, None] * (b.T - (y @ b.T)[None, :])
    reduce = np.zeros((m + n, m + n - 2))
    reduce[: m - 1, : m - 1] = np.eye(m - 1)
    reduce[m - 1, : m - 1] = -1
    reduce[m : m + n - 1, m - 1 :] = np.eye(n - 1)
    reduce[m + n - 1, m - 1 :] = -1
    keep = [i for i in range(m + n) if i not in (m - 1, m + n - 1)]
    return jac[keep] @ reduce


def _classify_stability(eigenvalues: np.ndarray, tol: float) -> str:
    if eigenvalues.size == 0:
        return "stable"
    top = float(np.max(eigenvalues.real))
    if top < -tol:
        return "stable"
    if top > tol:
        return "unstable"
    return "non-hyperbolic"


def replicator_rest_points(
    game: NormalFormGame | Any,
    *,
    populations: int | None = None,
    tol: float = 1e-9,
) -> list[RestPoint]:
    """All isolated rest points of the replicator dynamics, with their stability.

    Parameters
    ----------
    game : NormalFormGame or square matrix
    populations : {1, 2}, optional
        Default: 1 for symmetric games, 2 otherwise.
    tol : float
        Eigenvalues with real part within ``tol`` of zero count as zero.

    Returns
    -------
    list of RestPoint
        For every support (pair of supports) on which the payoffs can be equalised by a
        unique interior mix; exact ``Fraction`` shares for exact games. Vertices first.

    Raises
    ------
    InvalidGameError

    Notes
    -----
    A point of the simplex is at rest iff every strategy in its support earns the same
    payoff (Hofbauer and Sigmund 1998, sec. 7.2). Continua of rest points (degenerate
    games) are not listed. Stability comes from the eigenvalues of the Jacobian on the
    tangent space of the simplex; the Jacobian of :math:`x_i[(Ax)_i - x^\\top Ax]` is
    :math:`\\partial_j = \\delta_{ij}[(Ax)_i - x^\\top A x] + x_i[A_{ij} - (x^\\top A)_j -
    (Ax)_j]`.

    Examples
    --------
    Prisoner's dilemma: all-defect is the only stable state.

    >>> from deterrence.games.repeated import prisoners_dilemma
    >>> [(p.shares, p.stability) for p in replicator_rest_points(prisoners_dilemma())]
    [((Fraction(1, 1), Fraction(0, 1)), 'unstable'), ((Fraction(0, 1), Fraction(1, 1)), 'stable')]
    """
    a, b, populations, exact = _matrices(game, populations)
    zero: Any = Fraction(0) if exact else 0.0
    points: list[tuple[Any, ...]] = []
    point: list[Any]
    m, n = a.shape
    if populations == 1:
        for size in range(1, m + 1):
            for support in itertools.combinations(range(m), size):
                shares = [Fraction(1)] if size == 1 else _equalise(a, support, support, exact)
                if shares is None:
                    continue
                point = [zero] * m
                for k, v in zip(support, shares):
                    point[k] = v if exact else float(v)
                points.append(tuple(point))
    else:
        for size in range(1, min(m, n) + 1):
            for rows in itertools.combinations(range(m), size):
                for columns in itertools.combinations(range(n), size):
                    y: list[Any] | None = [Fraction(1)]
                    x: list[Any] | None = [Fraction(1)]
                    if size > 1:
                        y = _equalise(a, rows, columns, exact)
                        x = _equalise(b.T, columns, rows, exact)
                    if y is None or x is None:
                        continue
                    px, py = [zero] * m, [zero] * n
                    for k, v in zip(rows, x):
                        px[k] = v if exact else float(v)
                    for k, v in zip(columns, y):
                        py[k] = v if exact else float(v)
                    points.append(tuple(px) + tuple(py))
    out = []
    for rest in points:
        z = np.array([float(v) for v in rest])
        eigenvalues = np.linalg.eigvals(_jacobian(a, b, z, populations))
        out.append(RestPoint(rest, eigenvalues, _classify_stability(eigenvalues, tol)))
    return out


# ---------------------------------------------------------------------- Moran process
def _moran_game(game: Any, mutant: Any, resident: Any) -> tuple[list[Any], bool]:
    if isinstance(game, NormalFormGame):
        if game.num_players != 2:
            raise UnsupportedGameError(
                f"the Moran process needs a two-player game; got {game.num_players} players"
            )
        a, _, _, exact = _matrices(game, 1)
        i = game.strategy_index(0, mutant)
        j = game.strategy_index(0, resident)
    else:
        a, _, _, exact = _matrices(game, 1)
        size = a.shape[0]
        for name, value in (("mutant", mutant), ("resident", resident)):
            if (
                isinstance(value, bool)
                or not isinstance(value, (int, np.integer))
                or not (0 <= value < size)
            ):
                raise InvalidGameError(f"{name} is {value!r}; expected an index in 0..{size - 1}")
        i, j = int(mutant), int(resident)
    if i == j:
        raise InvalidGameError(f"mutant and resident are the same strategy ({mutant!r})")
    entries = [a[i, i], a[i, j], a[j, i], a[j, j]]
    if not exact:
        entries = [float(v) for v in entries]
    return entries, exact


def _check_population(population_size: Any) -> int:
    if (
        isinstance(population_size, bool)
        or not isinstance(population_size, (int, np.integer))
        or (population_size < 2)
    ):
        raise InvalidGameError(f"population_size must be an integer >= 2, got {population_size!r}")
    return int(population_size)


def _fitness(entries: list[Any], size: int, intensity: Any, one: Any) -> tuple[list, list]:
    a, b, c, d = entries
    f, g = [], []
    for i in range(1, size):
        payoff_mutant = (a * (i - 1) + b * (size - i)) / (size - 1)
        payoff_resident = (c * i + d * (size - i - 1)) / (size - 1)
        f.append(one - intensity + intensity * payoff_mutant)
        g.append(one - intensity + intensity * payoff_resident)
    for value in f + g:
        if value <= 0:
            raise InvalidGameError(
                f"selection_intensity {intensity} gives a non-positive fitness {value}; "
                "lower it or shift the payoffs"
            )
    return f, g


def fixation_probability(
    game: NormalFormGame | Any,
    mutant: int | str,
    resident: int | str,
    *,
    population_size: int,
    selection_intensity: Any = 1,
    initial_mutants: int = 1,
) -> Any:
    r"""Probability that mutants take over a resident population (frequency-dependent Moran).

    Parameters
    ----------
    game : NormalFormGame or square matrix
        A symmetric game; only the 2x2 subgame of ``mutant`` and ``resident`` matters.
    mutant, resident : int or str
        Strategies (index or label).
    population_size : int
        ``N >= 2``.
    selection_intensity : number, default 1
        ``w`` in ``[0, 1]``: fitness ``1 - w + w * payoff`` (``w = 0`` is neutral drift).
    initial_mutants : int, default 1

    Returns
    -------
    Fraction or float
        Exact when the game and ``w`` are exact (Nowak et al. 2004, eq. 1, generalised to
        ``i`` initial mutants: :math:`(1 + \sum_{k=1}^{i-1} \prod_{j \le k} g_j/f_j) /
        (1 + \sum_{k=1}^{N-1} \prod_{j \le k} g_j/f_j)`).

    Raises
    ------
    InvalidGameError
        On bad strategies, population size, intensity, or a non-positive fitness.

    Notes
    -----
    Neutral drift gives ``i/N``; with constant relative fitness ``r`` the formula reduces to
    :math:`(1 - r^{-i})/(1 - r^{-N})` (Moran 1958). Selection favours the mutant when
    :math:`\rho_A > 1/N`; under weak selection and large ``N`` this happens iff the
    unstable interior point lies below 1/3 (the one-third law, Nowak et al. 2004).

    Examples
    --------
    >>> from deterrence.games.repeated import prisoners_dilemma
    >>> pd = prisoners_dilemma()
    >>> fixation_probability(pd, "cooperate", "defect", population_size=10,
    ...                      selection_intensity=0)
    Fraction(1, 10)
    >>> fixation_probability([[2, 2], [1, 1]], 0, 1, population_size=3)
    Fraction(4, 7)
    """
    entries, exact = _moran_game(game, mutant, resident)
    size = _check_population(population_size)
    kind, w = classify_number(selection_intensity, "selection_intensity")
    if not 0 <= w <= 1:
        raise InvalidGameError(f"selection_intensity is {selection_intensity!r}; expected [0, 1]")
    if (
        isinstance(initial_mutants, bool)
        or not isinstance(initial_mutants, (int, np.integer))
        or (not 0 <= initial_mutants <= size)
    ):
        raise InvalidGameError(f"initial_mutants must be in 0..{size}, got {initial_mutants!r}")
    exact = exact and kind == "exact"
    one: Any = Fraction(1) if exact else 1.0
    if not exact:
        entries = [float(v) for v in entries]
        w = float(w)
    f, g = _fitness(entries, size, w, one)
    terms = [one]
    product = one
    for k in range(size - 1):
        product = product * g[k] / f[k]
        terms.append(product)
    numerator = sum(terms[: int(initial_mutants)], 0 * one)
    return numerator / sum(terms, 0 * one)


def simulate_fixation(
    game: NormalFormGame | Any,
    mutant: int | str,
    resident: int | str,
    *,
    population_size: int,
    selection_intensity: float = 1.0,
    initial_mutants: int = 1,
    trials: int = 10_000,
    rng: np.random.Generator | int | None = None,
) -> float:
    """Estimate a fixation probability by simulating the Moran process (vectorised over trials).

    Parameters
    ----------
    game, mutant, resident, population_size, selection_intensity, initial_mutants
        As in :func:`fixation_probability`.
    trials : int, default 10000
        Independent runs, all advanced together.
    rng : numpy.random.Generator, int or None
        Seed or generator.

    Returns
    -------
    float
        The share of runs in which the mutants fixed.

    Notes
    -----
    Only the embedded jump chain matters for fixation: from ``i`` mutants the next change
    is up with probability :math:`f_i / (f_i + g_i)` (the factor
    :math:`i(N-i)/N^2` common to both moves cancels).

    Examples
    --------
    >>> estimate = simulate_fixation([[2, 2], [1, 1]], 0, 1, population_size=3,
    ...                              trials=20000, rng=0)
    >>> abs(estimate - 4 / 7) < 0.02
    True
    """
    entries, _ = _moran_game(game, mutant, resident)
    size = _check_population(population_size)
    w = float(classify_number(selection_intensity, "selection_intensity")[1])
    if not 0 <= w <= 1:
        raise InvalidGameError(f"selection_intensity is {selection_intensity!r}; expected [0, 1]")
    if isinstance(trials, bool) or not isinstance(trials, (int, np.integer)) or trials < 1:
        raise InvalidGameError(f"trials must be a positive integer, got {trials!r}")
    if (
        isinstance(initial_mutants, bool)
        or not isinstance(initial_mutants, (int, np.integer))
        or (not 0 <= initial_mutants <= size)
    ):
        raise InvalidGameError(f"initial_mutants must be in 0..{size}, got {initial_mutants!r}")
    generator = _generator(rng)
    f, g = _fitness([float(v) for v in entries], size, w, 1.0)
    up = np.zeros(size + 1)
    up[1:size] = np.array(f) / (np.array(f) + np.array(g))
    state = np.full(int(trials), int(initial_mutants))
    running = (state > 0) & (state < size)
    while running.any():
        index = np.flatnonzero(running)
        steps = np.where(generator.random(index.size) < up[state[index]], 1, -1)
        state[index] += steps
        running[index] = (state[index] > 0) & (state[index] < size)
    return float(np.mean(state == size))


def _generator(rng: np.random.Generator | int | None) -> np.random.Generator:
    if isinstance(rng, np.random.Generator):
        return rng
    if rng is None or (isinstance(rng, (int, np.integer)) and not isinstance(rng, bool)):
        return np.random.default_rng(rng)
    raise InvalidGameError(f"rng must be a numpy Generator, an int seed or None, got {rng!r}")
