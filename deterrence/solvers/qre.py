r"""Logit quantal-response equilibria and the logit tracing method for Nash equilibria.

In a *logit quantal-response equilibrium* (McKelvey & Palfrey 1995) with precision
:math:`\lambda \ge 0`, every player best-responds noisily: each strategy is chosen with
probability proportional to the exponential of its expected payoff,

.. math:: \sigma_{i}(a) = \frac{\exp(\lambda\, u_i(a, \sigma_{-i}))}
          {\sum_b \exp(\lambda\, u_i(b, \sigma_{-i}))}.

At :math:`\lambda = 0` play is uniform; as :math:`\lambda \to \infty` limit points are Nash
equilibria. For generic games the solutions starting at the centroid form a unique smooth
curve, the *principal branch*, which leads to a unique Nash equilibrium, the *logit
solution* (McKelvey & Palfrey 1995, Theorem 1). In 2x2 coordination games it selects the
risk-dominant equilibrium (Turocy 2005). In deterrence terms :math:`\lambda` measures how
precisely each side perceives the other's payoffs: a coercer who misreads the coalition's
resolve is a low-:math:`\lambda` player.

The branch is traced in the variables :math:`(x, \lambda)` with :math:`x_{ia} = \log
\sigma_i(a)`, solving

.. math:: x_{ia} - x_{i0} - \lambda\,[u_i(a, \sigma_{-i}) - u_i(0, \sigma_{-i})] = 0,
          \qquad \textstyle\sum_a e^{x_{ia}} = 1,

by pseudo-arclength continuation: an Euler predictor along the tangent (the null vector of
the Jacobian) and a Newton corrector on the hyperplane orthogonal to it, with adaptive step
lengths (Allgower & Georg 1990; Turocy 2005). Turning points in :math:`\lambda` are passed
naturally. The method works for any number of players.

References
----------
.. [1] R. D. McKelvey and T. R. Palfrey, "Quantal response equilibria for normal form games",
   *Games and Economic Behavior* 10 (1995) 6-38.
.. [2] T. L. Turocy, "A dynamic homotopy interpretation of the logistic quantal response
   equilibrium correspondence", *Games and Economic Behavior* 51 (2005) 243-263.
.. [3] E. L. Allgower and K. Georg, *Numerical Continuation Methods*, Springer, 1990.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from deterrence.exceptions import InvalidGameError, SolverError
from deterrence.games.normal_form import NormalFormGame
from deterrence.solvers.numerics import register_fallback
from deterrence.solvers.result import Equilibrium, EquilibriumResult

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["LogitPoint", "LogitBranch", "logit_qre", "logit_branch", "solve_logit"]


# ---------------------------------------------------------------------- the QRE system
class _LogitSystem:
    def __init__(self, payoffs: np.ndarray) -> None:
        self.payoffs = payoffs
        self.n = payoffs.shape[0]
        self.sizes = list(payoffs.shape[1:])
        self.offsets = np.concatenate([[0], np.cumsum(self.sizes)]).astype(int)
        self.size = int(self.offsets[-1])

    def split(self, x: np.ndarray) -> list[np.ndarray]:
        return [x[self.offsets[i] : self.offsets[i + 1]] for i in range(self.n)]

    def pair(self, sigmas: list[np.ndarray], i: int, j: int) -> np.ndarray:
        """M_ij[a, b] = u_i(a, b, sigma_-ij) (for j == i: not used)."""
        array = self.payoffs[i]
        for k in reversed(range(self.n)):
            if k in (i, j):
                continue
            array = np.tensordot(array, sigmas[k], axes=([k], [0]))
        return array if i < j else array.T

    def values(self, sigmas: list[np.ndarray]) -> list[np.ndarray]:
        out = []
        for i in range(self.n):
            array = self.payoffs[i]
            for k in reversed(range(self.n)):
                if k != i:
                    array = np.tensordot(array, sigmas[k], axes=([k], [0]))
            out.append(np.asarray(array, dtype=float))
        return out

    def evaluate(self, z: np.ndarray, jacobian: bool = True) -> tuple[np.ndarray, Any]:
        with np.errstate(over="ignore", invalid="ignore"):  # trial points may blow up
            return self._evaluate(z, jacobian)

    def _evaluate(self, z: np.ndarray, jacobian: bool) -> tuple[np.ndarray, Any]:
        x, lam = z[:-1], z[-1]
        sigmas = [np.exp(block) for block in self.split(x)]
        values = self.values(sigmas)
        h = np.empty(self.size)
        jac = np.zeros((self.size, self.size + 1)) if jacobian else None
        for i in range(self.n):
            o, m = self.offsets[i], self.sizes[i]
            v = values[i]
            h[o : o + m - 1] = x[o + 1 : o + m] - x[o] - lam * (v[1:] - v[0])
            h[o + m - 1] = sigmas[i].sum() - 1.0
            if not jacobian:
                continue
            assert jac is not None  # allocated above whenever jacobian is true
            rows = slice(o, o + m - 1)
            jac[rows, o + 1 : o + m] += np.eye(m - 1)
            jac[rows, o] -= 1.0
            jac[rows, -1] = -(v[1:] - v[0])
            jac[o + m - 1, o : o + m] = sigmas[i]
            for j in range(self.n):
                if j == i:
                    continue
                pair = self.pair(sigmas, i, j)
                oj, mj = self.offsets[j], self.sizes[j]
                jac[rows, oj : oj + mj] -= lam * (pair[1:] - pair[:1]) * sigmas[j][None, :]
        return h, jac


def _tangent(jac: np.ndarray, previous: np.ndarray | None) -> np.ndarray:
    _, _, vt = np.linalg.svd(jac)
    tangent = vt[-1]
    if previous is None:
        if tangent[-1] < 0:
            tangent = -tangent
    elif np.dot(tangent, previous) < 0:
        tangent = -tangent
    return tangent / np.linalg.norm(tangent)


def _trace(
    system: _LogitSystem,
    max_lambda: float,
    *,
    max_steps: int = 20000,
    first_step: float = 0.03,
    stop_at: float | None = None,
) -> tuple[list[np.ndarray], list[float]]:
    """Trace the principal branch; return the points z and lambdas."""
    x0 = np.concatenate([np.full(m, -np.log(m)) for m in system.sizes])
    z = np.concatenate([x0, [0.0]])
    _, jac = system.evaluate(z)
    tangent = _tangent(jac, None)
    points, lambdas = [z.copy()], [0.0]
    h = first_step
    target = max_lambda if stop_at is None else stop_at
    for _ in range(max_steps):
        if z[-1] >= target:
            break
        accepted = False
        while h > 1e-12:
            prediction = z + h * tangent
            w = prediction.copy()
            converged = False
            for _iteration in range(12):
                value, jac_w = system.evaluate(w)
                augmented = np.vstack([jac_w, tangent])
                rhs = np.concatenate([value, [np.dot(tangent, w - prediction)]])
                if not (np.all(np.isfinite(augmented)) and np.all(np.isfinite(rhs))):
                    break
                try:
                    update = np.linalg.solve(augmented, rhs)
                except np.linalg.LinAlgError:
                    break
                w = w - update
                if not np.all(np.isfinite(w)):
                    break
                if np.linalg.norm(update) <= 1e-11 * (1 + np.linalg.norm(w)):
                    converged = True
                    break
            distance = np.linalg.norm(w - prediction)
            if converged and distance <= 0.5 * h + 1e-9:
                _, jac_new = system.evaluate(w)
                new_tangent = _tangent(jac_new, tangent)
                if np.dot(new_tangent, tangent) > 0.9:
                    z, tangent = w, new_tangent
                    accepted = True
                    break
            h *= 0.5
        if not accepted:
            raise SolverError(
                f"logit path following stalled at lambda = {z[-1]:.6g}; the game may be "
                "degenerate (try perturbing the payoffs)"
            )
        points.append(z.copy())
        lambdas.append(float(z[-1]))
        h = min(h * 1.5, 0.5 * (1.0 + abs(z[-1])))
    return points, lambdas


def _check_game(game: Any) -> NormalFormGame:
    if not isinstance(game, NormalFormGame):
        raise InvalidGameError(f"expected a NormalFormGame, got {type(game).__name__}")
    if game.num_players < 2:
        raise InvalidGameError("a quantal-response equilibrium needs at least two players")
    return game


# ---------------------------------------------------------------------- results
@dataclasses.dataclass(frozen=True, eq=False, repr=False)
class LogitPoint:
    """A logit quantal-response equilibrium at one precision ``lam``.

    Attributes
    ----------
    game : NormalFormGame
    lam : float
        The precision :math:`\\lambda` (in the game's payoff units).
    strategies : tuple of numpy.ndarray
        One mixed strategy per player.

    Examples
    --------
    >>> game = NormalFormGame.zero_sum([[1, -1], [-1, 1]])
    >>> point = logit_qre(game, 2.0)
    >>> [s.round(6).tolist() for s in point.strategies]
    [[0.5, 0.5], [0.5, 0.5]]
    """

    game: NormalFormGame
    lam: float
    strategies: tuple[np.ndarray, ...]

    def max_regret(self) -> float:
        """Largest Nash regret of the profile (tends to 0 as ``lam`` grows)."""
        from deterrence.solvers.verify import regret

        return float(max(regret(self.game, list(self.strategies))))

    def as_dict(self) -> dict[str, dict[str, float]]:
        """``{player: {strategy: probability}}``."""
        return {
            player: dict(zip(self.game.strategies[i], map(float, self.strategies[i])))
            for i, player in enumerate(self.game.players)
        }

    def __repr__(self) -> str:
        body = ", ".join("[" + ", ".join(f"{p:.4g}" for p in s) + "]" for s in self.strategies)
        return f"LogitPoint(lam={self.lam:.6g}: {body})"


@dataclasses.dataclass(frozen=True, eq=False, repr=False)
class LogitBranch(Sequence):
    """The traced principal branch: a sequence of :class:`LogitPoint` with increasing arclength.

    Examples
    --------
    >>> stag = NormalFormGame.from_matrices([[4, 0], [3, 3]], [[4, 3], [0, 3]])
    >>> branch = logit_branch(stag, max_lambda=20)
    >>> branch[0].lam, branch[-1].lam >= 20
    (0.0, True)
    >>> list(branch.to_frame().columns)[:3]
    ['lambda', 'player 1:s1', 'player 1:s2']
    """

    game: NormalFormGame
    points: tuple[LogitPoint, ...]

    def __iter__(self) -> Iterator[LogitPoint]:
        return iter(self.points)

    def __len__(self) -> int:
        return len(self.points)

    def __getitem__(self, index: Any) -> Any:
        return self.points[index]

    @property
    def lambdas(self) -> np.ndarray:
        """The precisions along the branch."""
        return np.array([p.lam for p in self.points])

    def to_frame(self) -> pd.DataFrame:
        """One row per point: ``lambda`` and ``player:strategy`` probabilities."""
        import pandas as pd

        rows = []
        for point in self.points:
            row = {"lambda": point.lam}
            for i, player in enumerate(self.game.players):
                for label, p in zip(self.game.strategies[i], point.strategies[i]):
                    row[f"{player}:{label}"] = float(p)
            rows.append(row)
        return pd.DataFrame(rows)

    def __repr__(self) -> str:
        return f"LogitBranch({len(self)} points, lambda up to {self.points[-1].lam:.6g})"


def _point(game: NormalFormGame, system: _LogitSystem, z: np.ndarray) -> LogitPoint:
    sigmas = tuple(np.exp(block) / np.exp(block).sum() for block in system.split(z[:-1]))
    return LogitPoint(game, float(z[-1]), sigmas)


def logit_branch(
    game: NormalFormGame, *, max_lambda: float = 100.0, max_steps: int = 20000
) -> LogitBranch:
    """Trace the principal branch of the logit QRE correspondence from ``lambda = 0``.

    Parameters
    ----------
    game : NormalFormGame
        Any number of players (at least two).
    max_lambda : float
        Stop once the precision (in the game's payoff units) reaches this value.
    max_steps : int
        Largest number of continuation steps.

    Returns
    -------
    LogitBranch

    Raises
    ------
    InvalidGameError
        If ``game`` is not a :class:`NormalFormGame` with at least two players.
    SolverError
        If the continuation stalls (a singular, non-generic game).

    Notes
    -----
    Pseudo-arclength continuation of the system in the module docstring (Turocy 2005).

    Examples
    --------
    >>> pennies = NormalFormGame.from_matrices([[9, 0], [0, 1]], [[0, 1], [1, 0]])
    >>> branch = logit_branch(pennies, max_lambda=50)
    >>> branch[-1].strategies[1].round(2).tolist()   # column tends to its Nash 1/10
    [0.1, 0.9]
    """
    game = _check_game(game)
    if max_lambda < 0:
        raise InvalidGameError(f"max_lambda is {max_lambda}; expected a non-negative number")
    system = _LogitSystem(game.float_payoffs)
    points, _ = _trace(system, max_lambda, max_steps=max_steps)
    return LogitBranch(game, tuple(_point(game, system, z) for z in points))


def logit_qre(game: NormalFormGame, lam: float, *, max_steps: int = 20000) -> LogitPoint:
    """The logit QRE at precision ``lam`` on the principal branch.

    Parameters
    ----------
    game : NormalFormGame
    lam : float
        Precision :math:`\\lambda \\ge 0` in the game's payoff units.
    max_steps : int

    Returns
    -------
    LogitPoint
        The first point of the principal branch with precision ``lam``, solved to machine
        precision.

    Raises
    ------
    InvalidGameError
        For a negative ``lam`` or a game with fewer than two players.
    SolverError
        If path following stalls.

    Examples
    --------
    Stag hunt: at moderate precision play already leans to the risk-dominant hare.

    >>> stag = NormalFormGame.from_matrices([[4, 0], [3, 3]], [[4, 3], [0, 3]])
    >>> point = logit_qre(stag, 2.0)
    >>> bool(point.strategies[0][1] > 0.5)
    True
    """
    game = _check_game(game)
    if not np.isfinite(lam) or lam < 0:
        raise InvalidGameError(f"lam is {lam!r}; expected a finite number >= 0")
    system = _LogitSystem(game.float_payoffs)
    if lam == 0:
        return _point(
            game,
            system,
            np.concatenate([np.concatenate([np.full(m, -np.log(m)) for m in system.sizes]), [0.0]]),
        )
    points, lambdas = _trace(system, lam, max_steps=max_steps, stop_at=lam)
    # interpolate between the last two points and correct at fixed lambda
    a, b = points[-2], points[-1]
    weight = (lam - a[-1]) / (b[-1] - a[-1]) if b[-1] != a[-1] else 1.0
    z = a + weight * (b - a)
    z[-1] = lam
    for _ in range(50):
        value, jac = system.evaluate(z)
        update = np.linalg.solve(jac[:, :-1], value)
        z[:-1] -= update
        if np.linalg.norm(update) < 1e-14 * (1 + np.linalg.norm(z)):
            break
    return _point(game, system, z)


# ---------------------------------------------------------------------- Nash via tracing
def _polish(
    game: NormalFormGame, sigmas: Sequence[np.ndarray], tol: float
) -> list[np.ndarray] | None:
    """Newton on the indifference system of the apparent support; None if it fails."""
    from deterrence.solvers.polynomial_enumeration import SupportSystem, newton_refine

    scale = max(1.0, float(np.ptp(game.float_payoffs)))
    for threshold in (1e-6, 1e-3, 1e-9, 1e-2):
        supports = [tuple(int(a) for a in np.flatnonzero(s >= threshold)) for s in sigmas]
        if any(len(s) == 0 for s in supports):
            continue
        system = SupportSystem(game.float_payoffs, supports)
        y = (
            np.concatenate(
                [
                    (s[list(supports[j])] / s[list(supports[j])].sum())[1:]
                    for j, s in enumerate(sigmas)
                    if len(supports[j]) > 1
                ]
            )
            if system.dimension
            else np.zeros(0)
        )
        if system.dimension:
            y = newton_refine(system, y[None, :], iterations=30)[0]
            value, _ = system.evaluate(y[None, :])
            if not np.all(np.isfinite(value)) or np.linalg.norm(value) > 1e-9 * scale:
                continue
        vectors = system.sigmas(y[None, :])
        if any((v[0] < -1e-12).any() for v in vectors):
            continue
        full = []
        for j in range(game.num_players):
            vector = np.zeros(game.num_strategies[j])
            vector[list(supports[j])] = np.clip(vectors[j][0], 0, None)
            full.append(vector / vector.sum())
        from deterrence.solvers.verify import regret

        if float(max(regret(game, full))) <= tol * scale:
            return full
    return None


def solve_logit(
    game: NormalFormGame,
    *,
    exact: bool = False,
    tol: float = 1e-9,
    max_lambda: float = 1e4,
    max_steps: int = 20000,
) -> EquilibriumResult:
    """One Nash equilibrium by following the logit principal branch (the logit solution).

    Parameters
    ----------
    game : NormalFormGame
        Any number of players; scales to games far beyond support enumeration.
    exact : bool, default False
        For exact games, return the equilibrium as ``Fraction`` probabilities when it
        rationalises to an exact equilibrium.
    tol : float
        Regret accepted after polishing (relative to the payoff range).
    max_lambda : float
        Precision, in units of the payoff range, at which tracing stops.
    max_steps : int

    Returns
    -------
    EquilibriumResult
        One equilibrium, ``method="logit"``, ``complete=False``; read its ``max_regret()``.
        If Newton polishing on the limit support fails, the traced profile itself is
        returned (its regret is of order ``1/max_lambda``).

    Raises
    ------
    InvalidGameError
        For a non-game or fewer than two players.
    SolverError
        If path following stalls.

    Notes
    -----
    Payoffs are rescaled to range 1 and the principal branch is traced to ``max_lambda``
    (McKelvey & Palfrey 1995; Turocy 2005); the endpoint's support is read off and the
    indifference equations on it are solved by Newton's method, then certified by regret.
    For generic games the limit is the unique logit solution, so the answer is
    reproducible and comparable with Gambit's ``gambit-logit``.

    Examples
    --------
    >>> stag = NormalFormGame.from_matrices([[4, 0], [3, 3]], [[4, 3], [0, 3]],
    ...     strategies=(("stag", "hare"), ("stag", "hare")))
    >>> [eq.outcome for eq in solve_logit(stag)]
    ['(hare, hare)']
    """
    game = _check_game(game)
    payoffs = game.float_payoffs
    spread = float(np.ptp(payoffs))
    system = _LogitSystem(payoffs / spread if spread > 0 else payoffs)
    points, _ = _trace(system, max_lambda, max_steps=max_steps)
    point = _point(game, system, points[-1])
    polished = _polish(game, point.strategies, tol)
    profile = polished if polished is not None else list(point.strategies)
    equilibrium = None
    if exact and game.is_exact:
        from deterrence.solvers.polynomial_enumeration import rationalize

        equilibrium = rationalize(game, profile)
    if equilibrium is None:
        equilibrium = Equilibrium(game, profile)
    return EquilibriumResult(
        game,
        (equilibrium,),
        method="logit",
        exact=equilibrium.exact,
        degenerate=False,
        complete=False,
        options={"tol": tol, "max_lambda": max_lambda, "polished": polished is not None},
    )


register_fallback("many_players", solve_logit)
