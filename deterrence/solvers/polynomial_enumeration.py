r"""All Nash equilibria of small n-player games: support enumeration + polynomial homotopy.

For supports :math:`S_i \subseteq \{1..m_i\}` with :math:`k_i = |S_i|`, a mixed profile with
exactly these supports is a Nash equilibrium iff

1. every player is indifferent among its support strategies:
   :math:`u_i(a, \sigma_{-i}) = u_i(a_0, \sigma_{-i})` for :math:`a \in S_i \setminus \{a_0\}`;
2. the probabilities are positive on the supports and sum to one; and
3. no strategy outside the support pays more.

Writing :math:`\sigma_j = (1 - \sum_b y_{j,b}, y_{j,1}, \dots)` on :math:`S_j`, condition 1 is
a square system of :math:`\sum_i (k_i - 1)` polynomial equations in as many unknowns, and
the equations of player :math:`i` are *multilinear*: affine in each :math:`y_j`,
:math:`j \ne i`, and free of :math:`y_i` (McKelvey & McLennan 1997). We solve it by a
linear-product homotopy (Morgan & Sommese 1987; Sommese & Wampler 2005): each equation is
deformed from a product of random complex affine forms, one per other player,

.. math:: H(y, t) = (1 - t)\,\gamma\, G(y) + t\, F(y),

whose start solutions are found by linear algebra (one per way of assigning the equations
to the groups of variables, which is the multihomogeneous Bezout number: the maximal
number of totally mixed equilibria). By the "gamma trick" (random complex :math:`\gamma`)
the paths avoid singularities with probability one and reach every isolated solution at
:math:`t = 1`. Each path is tracked with a classical Runge-Kutta predictor and Newton
corrector on adaptive steps: vectorised over all paths in numpy for small games, and one
path at a time by a compiled numba kernel (``_polynomial_compiled.py``, the same steps)
once a game has many paths (``TRACKER``). Real endpoints inside the simplex are refined
by Newton's method and *certified* by their regret (condition 3). Support profiles are
pruned first by conditional dominance (Porter, Nudelman & Shoham 2008) and by the Bezout
count (zero start solutions means no isolated solution). Profiles where exactly three
players mix, one of them over two strategies, need no homotopy: their system reduces to
one univariate polynomial (see ``_three_mixing``), solved for many profiles at once.

With ``exact=True`` (exact games), each equilibrium is rationalised and re-checked in exact
arithmetic; those that pass are returned as ``Fraction`` profiles with zero regret (others
stay floats). Irrational equilibria (common with three or more players) stay certified
floats.

References
----------
.. [1] R. D. McKelvey and A. McLennan, "The maximal number of regular totally mixed Nash
   equilibria", *Journal of Economic Theory* 72 (1997) 411-425.
.. [2] A. P. Morgan and A. J. Sommese, "A homotopy for solving general polynomial systems
   that respects m-homogeneous structures", *Applied Mathematics and Computation* 24 (1987)
   101-113.
.. [3] A. J. Sommese and C. W. Wampler, *The Numerical Solution of Systems of Polynomials
   Arising in Engineering and Science*, World Scientific, 2005.
.. [4] R. Porter, E. Nudelman and Y. Shoham, "Simple search methods for finding a Nash
   equilibrium", *Games and Economic Behavior* 63 (2008) 642-662.
.. [5] R. S. Datta, "Using computer algebra to find Nash equilibria", ISSAC 2003.
"""

from __future__ import annotations

import functools
import itertools
import math
import string
import time
from collections.abc import Callable, Iterator, Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from deterrence.exceptions import InvalidGameError
from deterrence.games.normal_form import NormalFormGame
from deterrence.solvers._jit import CompiledKernel
from deterrence.solvers.degeneracy import is_degenerate
from deterrence.solvers.numerics import scale_free
from deterrence.solvers.result import Equilibrium, EquilibriumResult, canonical_order

__all__ = [
    "solve_polynomial_enumeration",
    "support_profiles",
    "solve_support_system",
    "dominated_strategies",
    "start_solution_count",
]

_LETTERS = string.ascii_letters
#: Support profiles of equal sizes tracked together in one vectorised batch.
_BATCH = 256
#: Paths in one solve from which the compiled tracker is loaded before the first path (the
#: numpy twin takes about 2.5 ms a path in batches; loading the kernel from the disk cache
#: about 0.6 s, compiling it several seconds).
_COMPILED_PATHS = 400
#: Paths per call of the compiled tracker (a fraction of a second at 4x4x4).
_CHUNK = 2048
#: Accepted steps in a row after which a path's step size doubles (halved on a rejection).
_GROW_AFTER = 2


def _as_rng(rng: np.random.Generator | int | None) -> np.random.Generator:
    if isinstance(rng, np.random.Generator):
        return rng
    return np.random.default_rng(rng)


# ---------------------------------------------------------------------- the support system
class SupportSystem:
    """The indifference equations on fixed supports, evaluated for a batch of points.

    Unknowns: for each player ``j`` with ``k_j > 1``, ``y_j`` in ``C^(k_j - 1)``; ``sigma_j``
    on ``S_j`` is ``(1 - sum y_j, y_j)``. Equations: for each player ``i`` with ``k_i > 1`` and
    ``a = 1..k_i-1``: ``u_i(S_i[a], sigma_-i) - u_i(S_i[0], sigma_-i) = 0``.
    """

    # cache of the start system's coefficients, set by ``evaluate_start`` on first use
    _start_forms: list
    _start_arrays: dict[int, tuple[np.ndarray, np.ndarray]]

    def __init__(
        self,
        payoffs: np.ndarray,
        supports: Sequence[Sequence[int]],
        batch: Sequence[Sequence[Sequence[int]]] | None = None,
    ) -> None:
        profiles = [supports] if batch is None else list(batch)
        self.n = len(supports)
        self.supports = [tuple(s) for s in profiles[0]]
        self.profiles = [[tuple(s) for s in profile] for profile in profiles]
        self.sizes = [len(s) for s in self.supports]
        # per player i with k_i > 1: differences, shape (P, k_i - 1, k_j for j != i)
        self.tensors = []
        self.owners = []
        for i in range(self.n):
            if self.sizes[i] < 2:
                continue
            stacked = []
            for profile in self.profiles:
                restricted = payoffs[i][np.ix_(*profile)]
                base = np.take(restricted, [0], axis=i)
                rest = np.take(restricted, range(1, self.sizes[i]), axis=i)
                diff = np.moveaxis(rest - base, i, 0)  # (k_i - 1, k_j for j != i)
                # scale each equation to unit size (same solutions; balances the homotopy)
                norms = np.abs(diff.reshape(diff.shape[0], -1)).max(axis=1)
                norms[norms == 0] = 1.0
                stacked.append(diff / norms.reshape((-1,) + (1,) * (diff.ndim - 1)))
            self.tensors.append(np.stack(stacked))
            self.owners.append(i)
        self.groups = [j for j in range(self.n) if self.sizes[j] > 1]
        self.offsets = {}
        offset = 0
        for j in self.groups:
            self.offsets[j] = offset
            offset += self.sizes[j] - 1
        self.dimension = offset
        # equation list: (owner, row within tensor)
        self.equations = [
            (t, a) for t, i in enumerate(self.owners) for a in range(self.sizes[i] - 1)
        ]

    def sigmas(self, y: np.ndarray) -> list[np.ndarray]:
        """Per player, batch of vectors on the support: shape (B, k_j)."""
        batch = y.shape[0]
        out = []
        for j in range(self.n):
            if self.sizes[j] == 1:
                out.append(np.ones((batch, 1), dtype=y.dtype))
            else:
                o = self.offsets[j]
                part = y[:, o : o + self.sizes[j] - 1]
                out.append(np.concatenate([1 - part.sum(axis=1, keepdims=True), part], axis=1))
        return out

    def _contract(
        self, t: int, sigmas: list[np.ndarray], skip: int | None, which: np.ndarray
    ) -> np.ndarray:
        """Contract tensor t with all sigma_j (j != owner, j != skip), batched."""
        owner = self.owners[t]
        # (B, k_owner - 1, k_j for j != owner): each point's own support profile
        tensor = self.tensors[t][which] if len(self.profiles) > 1 else self.tensors[t][0]
        batched = len(self.profiles) > 1
        letters = _LETTERS[: self.n]
        tensor_spec = (
            ("Z" if batched else "")
            + "Y"
            + "".join(letters[j] for j in range(self.n) if j != owner)
        )
        operands = [tensor]
        specs = [tensor_spec]
        out = "ZY"
        for j in range(self.n):
            if j == owner:
                continue
            if j == skip:
                out += letters[j]
                continue
            operands.append(sigmas[j])
            specs.append("Z" + letters[j])
        if len(operands) == 1:  # nothing to contract: broadcast over the batch
            if batched:
                return tensor
            batch = sigmas[0].shape[0]
            return np.broadcast_to(tensor[None], (batch,) + tensor.shape)
        expression = ",".join(specs) + "->" + out
        return np.einsum(expression, *operands, optimize=False)

    def evaluate(
        self, y: np.ndarray, jacobian: bool = True, which: np.ndarray | None = None
    ) -> tuple[np.ndarray, Any]:
        """F(y) of shape (B, d) and its Jacobian (B, d, d); ``which`` picks the profiles."""
        sigmas = self.sigmas(y)
        batch = y.shape[0]
        if which is None:
            which = np.zeros(batch, dtype=int)
        values = np.empty((batch, self.dimension), dtype=np.result_type(y, float))
        jac = (
            np.zeros((batch, self.dimension, self.dimension), dtype=values.dtype)
            if jacobian
            else None
        )
        row = 0
        for t, owner in enumerate(self.owners):
            k = self.sizes[owner] - 1
            others = [j for j in self.groups if j != owner]
            if not others:
                values[:, row : row + k] = self.tensors[t][which].reshape(batch, k)
                row += k
                continue
            # value: contract with all others; use the first group's partial for reuse
            first = others[0]
            partial = self._contract(t, sigmas, first, which)  # (B, k, k_first)
            values[:, row : row + k] = np.einsum("zyb,zb->zy", partial, sigmas[first])
            if jacobian:
                assert jac is not None  # allocated above whenever jacobian is true
                for j in others:
                    g = partial if j == first else self._contract(t, sigmas, j, which)
                    o = self.offsets[j]
                    jac[:, row : row + k, o : o + self.sizes[j] - 1] = g[:, :, 1:] - g[:, :, :1]
            row += k
        return values, jac

    def _constant(self, t: int) -> np.ndarray:
        """Equation values when every other player is pure on its support (profile 0)."""
        tensor = self.tensors[t][0]
        return tensor.reshape(tensor.shape[0])  # all other axes have size one

    def start_system(self, rng: np.random.Generator) -> tuple[list, np.ndarray]:
        """Random linear-product start system and all its solutions."""
        forms = []  # per equation: {group j: coefficients (k_j,) [constant, y...]}
        for owner_t, _a in self.equations:
            owner = self.owners[owner_t]
            forms.append(
                {
                    j: rng.normal(size=self.sizes[j]) + 1j * rng.normal(size=self.sizes[j])
                    for j in self.groups
                    if j != owner
                }
            )
        solutions = []
        capacity = {j: self.sizes[j] - 1 for j in self.groups}
        assignment: list[int] = []

        def recurse(e: int) -> None:
            if e == len(self.equations):
                y = np.empty(self.dimension, dtype=complex)
                for j in self.groups:
                    rows = [forms[q][j] for q in range(len(self.equations)) if assignment[q] == j]
                    matrix = np.array([r[1:] for r in rows])
                    rhs = -np.array([r[0] for r in rows])
                    o = self.offsets[j]
                    y[o : o + self.sizes[j] - 1] = np.linalg.solve(matrix, rhs)
                solutions.append(y)
                return
            for j in forms[e]:
                if capacity[j] > 0:
                    capacity[j] -= 1
                    assignment.append(j)
                    recurse(e + 1)
                    assignment.pop()
                    capacity[j] += 1

        recurse(0)
        return forms, np.array(solutions, dtype=complex).reshape(-1, self.dimension)

    def monomials(self, forms: list) -> tuple[np.ndarray, ...]:
        """The equations as monomials and the start system as arrays, for the compiled
        tracker: coefficients (profiles, equations, monomials), the probabilities each
        monomial multiplies, the start forms, and where each player's mixture and unknowns
        start (see ``deterrence/solvers/_polynomial_compiled.py`` for the layout).

        Examples
        --------
        >>> payoffs = np.arange(24.0).reshape(3, 2, 2, 2)
        >>> system = SupportSystem(payoffs, [(0, 1), (0, 1), (0,)])
        >>> forms, _ = system.start_system(np.random.default_rng(0))
        >>> coefficients, factors, *_ = system.monomials(forms)
        >>> coefficients.shape, factors[0].tolist()  # player 0's equation: sigma_1 x sigma_2
        ((1, 2, 2), [[2, 4], [3, 4]])
        """
        first = np.concatenate([[0], np.cumsum(self.sizes)[:-1]]).astype(np.int64)
        offset = np.array([self.offsets.get(j, -1) for j in range(self.n)], dtype=np.int64)
        counts = [int(np.prod(t.shape[2:])) for t in self.tensors]
        coefficients = np.zeros((len(self.profiles), self.dimension, max(counts)))
        factors = np.zeros((self.dimension, max(counts), self.n - 1), dtype=np.int64)
        row = 0
        for t, owner in enumerate(self.owners):
            others = [j for j in range(self.n) if j != owner]
            tensor = self.tensors[t]
            rows = tensor.shape[1]
            coefficients[:, row : row + rows, : counts[t]] = tensor.reshape(
                len(self.profiles), rows, -1
            )
            grid = np.indices([self.sizes[j] for j in others]).reshape(len(others), -1).T
            factors[row : row + rows, : counts[t]] = grid + first[others]
            row += rows
        start_coefficients = np.zeros((len(forms), self.n, max(self.sizes)), dtype=complex)
        start_present = np.zeros((len(forms), self.n), dtype=np.bool_)
        for e, form in enumerate(forms):
            for j, vector in form.items():
                start_coefficients[e, j, : len(vector)] = vector
                start_present[e, j] = True
        return (
            coefficients,
            factors,
            start_coefficients,
            start_present,
            first,
            np.array(self.sizes, dtype=np.int64),
            offset,
        )

    def evaluate_start(self, forms: list, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """G(y) (B, d) and its Jacobian for the linear-product start system."""
        if not hasattr(self, "_start_arrays") or self._start_forms is not forms:
            arrays = {}
            for j in self.groups:
                coefficients = np.zeros((len(forms), self.sizes[j]), dtype=complex)
                present = np.zeros(len(forms), dtype=bool)
                for e, form in enumerate(forms):
                    if j in form:
                        coefficients[e] = form[j]
                        present[e] = True
                arrays[j] = (coefficients, present)
            self._start_arrays = arrays
            self._start_forms = forms
        batch = y.shape[0]
        factors = {}
        for j, (coefficients, present) in self._start_arrays.items():
            o = self.offsets[j]
            value = (
                coefficients[None, :, 0] + y[:, o : o + self.sizes[j] - 1] @ coefficients[:, 1:].T
            )
            factors[j] = np.where(present[None, :], value, 1.0)
        values = np.ones((batch, self.dimension), dtype=complex)
        for value in factors.values():
            values = values * value
        jac = np.zeros((batch, self.dimension, self.dimension), dtype=complex)
        for j, (coefficients, present) in self._start_arrays.items():
            o = self.offsets[j]
            rest = np.ones((batch, self.dimension), dtype=complex)
            for j2, value in factors.items():
                if j2 != j:
                    rest = rest * value
            rest = np.where(present[None, :], rest, 0.0)
            jac[:, :, o : o + self.sizes[j] - 1] = rest[:, :, None] * coefficients[None, :, 1:]
        return values, jac


def _load_tracker() -> Any:
    from deterrence.solvers._polynomial_compiled import track_paths

    return track_paths


#: The compiled path tracker, used once the numpy tracker has spent
#: ``deterrence.solvers._jit.BUDGET`` seconds in this process (it follows the same paths).
TRACKER = CompiledKernel("n-player path tracking", _load_tracker)


def _track(
    system: SupportSystem, rng: np.random.Generator, *, max_steps: int = 4000
) -> tuple[np.ndarray, np.ndarray, bool]:
    """Track all homotopy paths of every profile of ``system``.

    One random start system (it depends on the support sizes only) serves every profile.
    Returns the endpoints (complex), the profile of each, and whether any path failed.
    The paths run on numpy until :data:`TRACKER` is due, then on its compiled kernel.
    """
    forms, start = system.start_system(rng)
    profiles = len(system.profiles)
    if len(start) == 0:
        return (np.zeros((0, system.dimension), dtype=complex), np.zeros(0, dtype=int), False)
    gamma = np.exp(2j * np.pi * rng.uniform())
    y = np.tile(start, (profiles, 1))
    owner = np.repeat(np.arange(profiles), len(start))
    compiled = TRACKER.ready()
    if compiled is not None:
        arrays = system.monomials(forms)
        parts = [  # in chunks, so that Ctrl-C is heard between them
            compiled(
                y[s : s + _CHUNK], owner[s : s + _CHUNK], gamma, *arrays, max_steps, _GROW_AFTER
            )
            for s in range(0, len(y), _CHUNK)
        ]
        endpoints = np.concatenate([part[0] for part in parts])
        status = np.concatenate([part[1] for part in parts])
        finished = (status == 0) & np.all(np.isfinite(endpoints), axis=1)
        return endpoints[finished], owner[finished], bool((status == 2).any())
    started = time.process_time()
    try:
        return _track_numpy(system, forms, gamma, y, owner, max_steps)
    finally:
        TRACKER.charge(time.process_time() - started)


def _track_numpy(
    system: SupportSystem,
    forms: list,
    gamma: complex,
    y: np.ndarray,
    owner: np.ndarray,
    max_steps: int,
) -> tuple[np.ndarray, np.ndarray, bool]:
    """The numpy twin of the compiled tracker: all paths at once, vectorised per step."""
    batch = y.shape[0]
    t = np.zeros(batch)
    h = np.full(batch, 0.05)
    streak = np.zeros(batch, dtype=int)  # steps accepted since the step size last changed
    active = np.ones(batch, dtype=bool)
    failed = np.zeros(batch, dtype=bool)
    current = {"which": owner}

    def homotopy(points: np.ndarray, times: np.ndarray, want_t: bool):
        f, fj = system.evaluate(points, which=current["which"])
        g, gj = system.evaluate_start(forms, points)
        s = times[:, None]
        value = (1 - s) * gamma * g + s * f
        jac = (1 - times)[:, None, None] * gamma * gj + times[:, None, None] * fj
        dt = f - gamma * g if want_t else None
        return value, jac, dt

    for _ in range(max_steps):
        idx = np.flatnonzero(active)
        if len(idx) == 0:
            break
        y0, t0, h0 = y[idx], t[idx], h[idx]
        current["which"] = owner[idx]

        def velocity(points: np.ndarray, times: np.ndarray) -> np.ndarray:
            _, jac, dt = homotopy(points, times, True)
            try:
                return -np.linalg.solve(jac, dt[..., None])[..., 0]
            except np.linalg.LinAlgError:
                return -np.stack([np.linalg.lstsq(a, b, rcond=None)[0] for a, b in zip(jac, dt)])

        t1 = np.minimum(t0 + h0, 1.0)
        step = (t1 - t0)[:, None]
        # classical Runge-Kutta predictor for dy/dt = -H_y^{-1} H_t
        k1 = velocity(y0, t0)
        k2 = velocity(y0 + 0.5 * step * k1, t0 + 0.5 * step[:, 0])
        k3 = velocity(y0 + 0.5 * step * k2, t0 + 0.5 * step[:, 0])
        k4 = velocity(y0 + step * k3, t1)
        y1 = y0 + step * (k1 + 2 * k2 + 2 * k3 + k4) / 6
        ok = np.ones(len(idx), dtype=bool)
        first_update = None
        for iteration in range(4):
            value, jac1, _ = homotopy(y1, t1, False)
            try:
                update = np.linalg.solve(jac1, value[..., None])[..., 0]
            except np.linalg.LinAlgError:
                update = np.stack(
                    [np.linalg.lstsq(a, b, rcond=None)[0] for a, b in zip(jac1, value)]
                )
            y1 = y1 - update
            norms = np.linalg.norm(update, axis=1)
            if iteration == 0:
                first_update = norms
            if iteration >= 1 and np.all(norms < 1e-9 * (1 + np.linalg.norm(y1, axis=1))):
                break
        scale = 1 + np.linalg.norm(y1, axis=1)
        ok = np.isfinite(norms) & (norms < 1e-8 * scale) & (first_update < 0.02 * scale)
        # accept
        accepted = idx[ok]
        y[accepted] = y1[ok]
        t[accepted] = t1[ok]
        streak[accepted] += 1
        grow = accepted[streak[accepted] >= _GROW_AFTER]
        h[grow] = np.minimum(h[grow] * 2.0, 0.25)
        streak[grow] = 0
        streak[idx[~ok]] = 0
        rejected = idx[~ok]
        h[rejected] = h0[~ok] * 0.5
        done = accepted[t[accepted] >= 1.0]
        active[done] = False
        diverged = accepted[np.linalg.norm(y[accepted], axis=1) > 1e5]
        active[diverged] = False
        tiny = rejected[h[rejected] < 1e-12]
        active[tiny] = False
        failed[tiny] = True
    failed |= active
    finished = (t >= 1.0) & np.all(np.isfinite(y), axis=1)
    return y[finished], owner[finished], bool(failed.any())


def newton_refine(
    system: SupportSystem, y: np.ndarray, iterations: int = 8, which: np.ndarray | None = None
) -> np.ndarray:
    """Polish a batch of points ``y`` (one per row) with Newton steps on ``system``.

    Stops early when every step is below rounding or the Jacobian is singular.

    Examples
    --------
    >>> import numpy as np
    >>> payoffs = np.array([[[1.0, 0.0], [0.0, 1.0]], [[0.0, 1.0], [1.0, 0.0]]])
    >>> system = SupportSystem(payoffs, [(0, 1), (0, 1)])
    >>> newton_refine(system, np.array([[0.4, 0.7]])).round(12).tolist()
    [[0.5, 0.5]]
    """
    for _ in range(iterations):
        value, jac = system.evaluate(y, which=which)
        try:
            update = np.linalg.solve(jac, value[..., None])[..., 0]
        except np.linalg.LinAlgError:
            break
        y = y - update
        if np.all(np.linalg.norm(update, axis=1) < 1e-15 * (1 + np.linalg.norm(y, axis=1))):
            break
    return y


def solve_support_system(
    game: NormalFormGame,
    supports: Sequence[Sequence[int]],
    *,
    rng: np.random.Generator | int | None = None,
    tol: float = 1e-9,
) -> tuple[list[list[np.ndarray]], bool]:
    """All real solutions of the indifference system on fixed supports (probabilities > 0).

    Parameters
    ----------
    game : NormalFormGame
    supports : sequence of sequences of int
        One support (strategy indices) per player.
    rng : numpy.random.Generator, int or None
        Randomness of the homotopy's start system and gamma.
    tol : float
        Imaginary parts and negative probabilities up to ``tol`` are accepted (and cleaned).

    Returns
    -------
    profiles : list
        Full-length probability vectors per player (float), positive on the supports;
        *not* yet checked against strategies outside the supports.
    trouble : bool
        Whether some path failed or a solution was singular (degenerate system).

    Examples
    --------
    >>> game = NormalFormGame.from_matrices([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    >>> profiles, _ = solve_support_system(game, [(0, 1), (0, 1)], rng=0)
    >>> [[float(round(p, 9)) for p in s] for s in profiles[0]]
    [[0.5, 0.5], [0.5, 0.5]]
    """
    rng = _as_rng(rng)
    payoffs = game.float_payoffs
    system = SupportSystem(payoffs, supports)
    trouble = False
    if system.dimension == 0:
        candidates = np.zeros((1, 0))
    else:
        # equations owned by a player whose opponents are all pure: constants
        for t, owner in enumerate(system.owners):
            if not [j for j in system.groups if j != owner]:
                constant = system._constant(t)
                if np.all(np.abs(constant) <= tol):
                    trouble = True
                return [], trouble or False
        if len(system.groups) <= 2:
            # each player's equations are affine in the single other group: a linear system
            origin = np.zeros((1, system.dimension))
            value, jac = system.evaluate(origin)
            try:
                if np.linalg.cond(jac[0]) > 1e12:
                    raise np.linalg.LinAlgError
                endpoints = origin - np.linalg.solve(jac, value[..., None])[..., 0]
            except np.linalg.LinAlgError:
                return [], True
            endpoints = endpoints.astype(complex)
        else:
            endpoints, _, failed = _track(system, rng)
            trouble |= failed
        if len(endpoints) == 0:
            return [], trouble
        endpoints = newton_refine(system, endpoints)
        real = np.all(np.abs(endpoints.imag) <= 1e-7 * (1 + np.abs(endpoints.real)), axis=1)
        candidates = endpoints.real[real]
        if len(candidates):
            candidates = newton_refine(system, candidates.astype(float))
            residual, jac = system.evaluate(candidates)
            good = np.linalg.norm(residual, axis=1) <= 1e-8
            candidates = candidates[good]
            if len(candidates):
                singular = np.linalg.cond(jac[good]) > 1e12
                inside = np.all(
                    [np.all(s >= -tol, axis=1) for s in system.sigmas(candidates)], axis=0
                )
                trouble |= bool((singular & inside).any())
    profiles = _full_profiles(game, system.sigmas(candidates), lambda k: system.supports, tol)
    return profiles, trouble


def _solve_batch(
    game: NormalFormGame, batch: list, rng: np.random.Generator, tol: float
) -> tuple[list[list[np.ndarray]], bool]:
    """Solve many support profiles of equal sizes at once (vectorised over paths).

    Two mixing players give linear systems (one solve each); three or more, the homotopy.
    """
    system = SupportSystem(game.float_payoffs, batch[0], batch=batch)
    if len(system.groups) <= 2:
        # each player's equations are affine in the one other group: one linear solve each
        which = np.arange(len(batch))
        origin = np.zeros((len(batch), system.dimension))
        value, jac = system.evaluate(origin, which=which)
        regular = np.linalg.cond(jac) <= 1e12
        trouble = bool((~regular).any())
        which = which[regular]
        if len(which) == 0:
            return [], trouble
        endpoints = -np.linalg.solve(jac[regular], value[regular][..., None])[..., 0]
        endpoints = endpoints.astype(complex)
    else:
        endpoints, which, trouble = _track(system, rng)
    if len(endpoints) == 0:
        return [], trouble
    endpoints = newton_refine(system, endpoints, which=which)
    real = np.all(np.abs(endpoints.imag) <= 1e-7 * (1 + np.abs(endpoints.real)), axis=1)
    candidates, which = endpoints.real[real].astype(float), which[real]
    if len(candidates) == 0:
        return [], trouble
    candidates = newton_refine(system, candidates, which=which)
    residual, jac = system.evaluate(candidates, which=which)
    good = np.linalg.norm(residual, axis=1) <= 1e-8
    candidates, which = candidates[good], which[good]
    sigmas = system.sigmas(candidates)
    if len(candidates):
        # a singular solution inside the simplex signals a continuum (degenerate game)
        inside = np.all([np.all(s >= -tol, axis=1) for s in sigmas], axis=0)
        trouble |= bool((inside & (np.linalg.cond(jac[good]) > 1e12)).any())
    return _full_profiles(game, sigmas, lambda k: system.profiles[which[k]], tol), trouble


# ---------------------------------------------------------------------- three mixing players
@functools.lru_cache(maxsize=32)
def _chebyshev_nodes(degree: int) -> tuple[np.ndarray, np.ndarray]:
    """Chebyshev nodes in [0, 1] and the matrix taking values there to the coefficients
    of the interpolating Chebyshev series (on [-1, 1]) of that degree."""
    nodes = 0.5 - 0.5 * np.cos(np.pi * (np.arange(degree + 1) + 0.5) / (degree + 1))
    vandermonde = np.polynomial.chebyshev.chebvander(2 * nodes - 1, degree)
    return nodes, np.linalg.inv(vandermonde)


def _polynomial_roots(values: np.ndarray, degree: int) -> np.ndarray | None:
    """Real roots in [0, 1] (with a margin) of a polynomial of at most ``degree`` known by
    its ``values`` at ``_chebyshev_nodes(degree)``; None when it vanishes identically (a
    continuum: leave it to the homotopy)."""
    if np.all(np.abs(values) <= 1e-12 * max(1.0, float(np.abs(values).max(initial=0.0)))):
        return None
    coefficients = _chebyshev_nodes(degree)[1] @ values
    roots = np.polynomial.chebyshev.chebroots(coefficients) if degree else np.zeros(0)
    real = roots[np.abs(roots.imag) <= 1e-7].real
    return (real[(real >= -1 - 1e-6) & (real <= 1 + 1e-6)] + 1) / 2


def _cofactors(matrices: np.ndarray) -> np.ndarray:
    """Null directions of a stack of (k - 1) x k matrices by signed maximal minors."""
    k = matrices.shape[-1]
    if k == 1:
        return np.ones(matrices.shape[:-2] + (1,))
    if k == 2:
        return np.stack([matrices[..., 0, 1], -matrices[..., 0, 0]], axis=-1)
    if k == 3:
        (a0, a1, a2), (b0, b1, b2) = np.moveaxis(matrices, (-2, -1), (0, 1))
        return np.stack([a1 * b2 - a2 * b1, a2 * b0 - a0 * b2, a0 * b1 - a1 * b0], axis=-1)
    columns = [np.delete(matrices, j, axis=-1) for j in range(k)]
    return np.stack([(-1) ** j * np.linalg.det(m) for j, m in enumerate(columns)], axis=-1)


def _three_mixing(
    payoffs: np.ndarray, supports: Sequence[Sequence[int]]
) -> list[list[np.ndarray]] | None:
    """Solutions of the support system when exactly three players mix, one over two
    strategies and the other two over equally many or one more: one univariate polynomial.

    With ``sigma_p = (1 - t, t)``, player q's equations are linear in ``sigma_r`` and player
    r's in ``sigma_q``, with coefficients affine in t. Equal sizes k: ``sigma_r(t)`` and
    ``sigma_q(t)`` are cofactor vectors of degree k - 1 and player p's one equation is a
    polynomial of degree 2(k - 1) in t. Sizes k + 1 and k: ``sigma_r`` needs a null vector
    of the square k x k matrix of q's equations, so ``det = 0`` (degree k) gives t, and
    ``sigma_q`` solves a square linear system. Returns the mixed profiles on the supports
    (per mixing player, in player order), or None when the case does not apply or the
    polynomial vanishes identically. :func:`_three_mixing_batch` does the same for many
    profiles of equal sizes at once.
    """
    return _three_mixing_batch(payoffs, [supports])[0]


def _three_mixing_batch(
    payoffs: np.ndarray, batch: Sequence[Sequence[Sequence[int]]]
) -> list[list[list[np.ndarray]] | None]:
    """:func:`_three_mixing` of every support profile of ``batch`` (all of equal sizes):
    the polynomials of all profiles are evaluated at the Chebyshev nodes at once."""
    mixing = [j for j, s in enumerate(batch[0]) if len(s) > 1]
    if len(mixing) != 3:
        return [None] * len(batch)
    size = {j: len(batch[0][j]) for j in mixing}
    choice = None
    for p in mixing:
        q, r = sorted((j for j in mixing if j != p), key=lambda j: -size[j])
        if size[p] == 2 and size[q] - size[r] in (0, 1):
            choice = (p, q, r)
            if size[q] == size[r]:
                break
    if choice is None:
        return [None] * len(batch)
    p, q, r = choice
    count, players = len(batch), len(batch[0])
    index = []  # per player, its supports shaped to broadcast over (profile, players' axes)
    for j in range(players):
        shape = [count] + [1] * players
        shape[1 + j] = len(batch[0][j])
        index.append(np.array([profile[j] for profile in batch]).reshape(shape))

    def oriented(i: int, first: int) -> np.ndarray:
        """(profiles, k_i - 1, k_first, k_other) differences of player i, normalised."""
        block = payoffs[i][tuple(index)].reshape([count] + [size[j] for j in mixing])
        other = next(j for j in mixing if j not in (i, first))
        axes = [1 + mixing.index(j) for j in (i, first, other)]
        block = block.transpose(0, *axes)
        difference = block[:, 1:] - block[:, :1]
        scale = np.abs(difference).max(axis=(1, 2, 3), keepdims=True)
        return difference / np.maximum(scale, 1e-300)

    e_matrix = oriented(p, q)[:, 0]  # (profiles, k_q, k_r): p's equation sigma_q' E sigma_r
    d_q = oriented(q, p)  # (profiles, k_q - 1, 2, k_r)
    d_r = oriented(r, p)  # (profiles, k_r - 1, 2, k_q)
    equal = size[q] == size[r]
    degree = 2 * (size[q] - 1) if equal else size[r]
    nodes = _chebyshev_nodes(degree)[0][None, :, None, None]

    def at_nodes(d: np.ndarray) -> np.ndarray:
        """(profiles, nodes, rows, columns): the equations' matrices at every node."""
        return d[:, None, :, 0, :] * (1 - nodes) + d[:, None, :, 1, :] * nodes

    if equal:
        values = np.einsum(
            "znk,zkl,znl->zn",
            _cofactors(at_nodes(d_r)),
            e_matrix,
            _cofactors(at_nodes(d_q)),
        )
    else:
        values = np.linalg.det(at_nodes(d_q))
    answers: list[list[list[np.ndarray]] | None] = []
    for z in range(count):
        roots = _polynomial_roots(values[z], degree)
        found = None if roots is None else _mixtures_at(roots, d_q[z], d_r[z], e_matrix[z])
        if found is None:
            answers.append(None)
            continue
        profiles = []
        for t, sigma_q, sigma_r in found:
            mixture = {p: np.array([1 - t, t]), q: sigma_q, r: sigma_r}
            profiles.append([mixture[j] for j in mixing])
        answers.append(profiles)
    return answers


def _mixtures_at(
    roots: np.ndarray, d_q: np.ndarray, d_r: np.ndarray, e_matrix: np.ndarray
) -> list[tuple[float, np.ndarray, np.ndarray]] | None:
    """``(t, sigma_q, sigma_r)`` at each root t of one profile's polynomial (see
    :func:`_three_mixing`); None where the elimination divides by zero."""

    def rows(d: np.ndarray, t: float) -> np.ndarray:
        return d[:, 0, :] * (1 - t) + d[:, 1, :] * t

    found = []
    for t in roots:
        if d_q.shape[-1] == d_r.shape[-1]:  # equal sizes: cofactor vectors
            sigma_r, sigma_q = _cofactors(rows(d_q, t)), _cofactors(rows(d_r, t))
            if abs(sigma_r.sum()) < 1e-9 or abs(sigma_q.sum()) < 1e-9:
                return None  # the elimination divides by zero here: leave it to the homotopy
            found.append((t, sigma_q / sigma_q.sum(), sigma_r / sigma_r.sum()))
            continue
        singular_values, right = np.linalg.svd(rows(d_q, t))[1:]
        sigma_r = right[-1]
        if abs(sigma_r.sum()) < 1e-9 or (len(singular_values) > 1 and singular_values[-2] < 1e-9):
            return None  # no unique null direction: leave it to the homotopy
        sigma_r = sigma_r / sigma_r.sum()
        k_q = len(e_matrix)
        system = np.vstack([rows(d_r, t), (e_matrix @ sigma_r)[None, :], np.ones(k_q)])
        rhs = np.zeros(k_q)
        rhs[-1] = 1.0
        try:
            sigma_q = np.linalg.solve(system, rhs)
        except np.linalg.LinAlgError:
            return None
        found.append((t, sigma_q, sigma_r))
    return found


def _solve_three_mixing(
    game: NormalFormGame, batch: Sequence[Sequence[Sequence[int]]], tol: float
) -> list[tuple[list[list[np.ndarray]], bool] | None]:
    """Per support profile of ``batch`` (all of equal sizes), its candidates by
    :func:`_three_mixing`, polished by Newton's method and checked like the homotopy's; None
    where the closed form does not apply."""
    payoffs = game.float_payoffs
    answers: list[tuple[list[list[np.ndarray]], bool] | None] = []
    for supports, solutions in zip(batch, _three_mixing_batch(payoffs, batch)):
        if solutions is not None:
            solutions = [s for s in solutions if all((m >= -1e-6).all() for m in s)]
        if not solutions:  # None (not applicable), or every root outside the simplex
            answers.append(None if solutions is None else ([], False))
            continue
        system = SupportSystem(payoffs, supports)
        y = np.array([np.concatenate([s[1:] for s in mixtures]) for mixtures in solutions])
        y = newton_refine(system, y)
        residual, jac = system.evaluate(y)
        good = np.linalg.norm(residual, axis=1) <= 1e-8
        y, jac = y[good], jac[good]
        sigmas = system.sigmas(y)
        trouble = False
        if len(y):
            inside = np.all([np.all(s >= -tol, axis=1) for s in sigmas], axis=0)
            trouble = bool((inside & (np.linalg.cond(jac) > 1e12)).any())
        profiles = _full_profiles(game, sigmas, ([supports] * len(y)).__getitem__, tol)
        answers.append((profiles, trouble))
    return answers


def _full_profiles(
    game: NormalFormGame,
    sigmas: list[np.ndarray],
    supports_of: Callable[[int], Sequence[Sequence[int]]],
    tol: float,
) -> list[list[np.ndarray]]:
    """The distinct full-length profiles of the rows ``k`` of ``sigmas`` (mixtures on the
    supports ``supports_of(k)``) whose probabilities are all at least ``tol``."""
    found: list[list[np.ndarray]] = []
    for k in range(len(sigmas[0]) if sigmas else 0):
        if any((s[k] < tol).any() for s in sigmas):
            continue
        supports = supports_of(k)
        full = []
        for j in range(game.num_players):
            vector = np.zeros(game.num_strategies[j])
            vector[list(supports[j])] = np.clip(sigmas[j][k], 0, None)
            full.append(vector / vector.sum())
        if not any(_same(full, other) for other in found):
            found.append(full)
    return found


def _same(a: list[np.ndarray], b: list[np.ndarray], tol: float = 1e-7) -> bool:
    return all(float(np.abs(x - y).max()) <= tol for x, y in zip(a, b))


# ---------------------------------------------------------------------- support enumeration
def dominated_strategies(
    payoffs: np.ndarray,
    supports: Sequence[Sequence[int]],
    player: int,
    cache: dict[tuple, frozenset[int]] | None = None,
) -> frozenset[int]:
    """Strategies of ``player`` strictly dominated when the others keep to their supports.

    Only the others' supports matter, so ``cache`` (keyed by player and those supports)
    answers every profile that shares them.

    Examples
    --------
    >>> pd = np.array([[[3.0, 0.0], [5.0, 1.0]], [[3.0, 5.0], [0.0, 1.0]]])
    >>> sorted(dominated_strategies(pd, [(0, 1), (0, 1)], 0))
    [0]
    """
    key = (player, tuple(tuple(s) for j, s in enumerate(supports) if j != player))
    if cache is not None and key in cache:
        return cache[key]
    count = payoffs.shape[player + 1]
    index = [supports[j] if j != player else range(count) for j in range(len(supports))]
    restricted = payoffs[player][np.ix_(*index)]
    moved = np.moveaxis(restricted, player, 0).reshape(count, -1)
    # strategy a is dominated when some b pays more against every profile of the others
    beaten = (moved[None, :, :] > moved[:, None, :] + 1e-12).all(axis=2)  # [a, b]
    answer = frozenset(int(a) for a in np.flatnonzero(beaten.any(axis=1)))
    if cache is not None:
        cache[key] = answer
    return answer


@functools.lru_cache(maxsize=4096)
def start_solution_count(sizes: tuple[int, ...]) -> int:
    """Paths the homotopy tracks for a support profile of these sizes: the ways to assign
    each indifference equation of player ``i`` to one group ``j != i`` of unknowns, group
    ``j`` taking ``k_j - 1`` equations (the multihomogeneous Bezout number, which for
    generic payoffs is the number of totally mixed equilibria: McKelvey & McLennan 1997).

    Examples
    --------
    >>> start_solution_count((2, 2, 2)), start_solution_count((3, 3, 3))
    (2, 10)
    >>> start_solution_count((2, 2, 4))  # Hall's condition fails: no totally mixed solution
    0
    """
    groups = [j for j, k in enumerate(sizes) if k > 1]
    owners = [i for i in groups for _ in range(sizes[i] - 1)]

    @functools.cache
    def count(equation: int, capacity: tuple[int, ...]) -> int:
        if equation == len(owners):
            return 1
        return sum(
            count(equation + 1, capacity[:g] + (capacity[g] - 1,) + capacity[g + 1 :])
            for g, j in enumerate(groups)
            if j != owners[equation] and capacity[g] > 0
        )

    return count(0, tuple(sizes[j] - 1 for j in groups))


@functools.lru_cache(maxsize=4096)
def _has_start_solutions(sizes: tuple[int, ...]) -> bool:
    """Whether the equations can be assigned to variable groups (Hall's condition)."""
    groups = [j for j, k in enumerate(sizes) if k > 1]
    if not groups:
        return True
    # each group j needs k_j - 1 equations from players i != j; players i own k_i - 1
    total = sum(sizes[j] - 1 for j in groups)
    # Hall: for each subset T of groups, equations that can go to T >= capacity of T
    for r in range(1, len(groups) + 1):
        for subset in itertools.combinations(groups, r):
            need = sum(sizes[j] - 1 for j in subset)
            available = sum(sizes[i] - 1 for i in groups if any(j != i for j in subset))
            if available < need:
                return False
    return total >= 0


def support_profiles(game: NormalFormGame) -> Iterator[tuple[tuple[int, ...], ...]]:
    """Support profiles worth solving: not conditionally dominated, with start solutions.

    Ordered by total support size, so pure profiles come first (Porter et al. 2008).

    Examples
    --------
    >>> game = NormalFormGame.from_matrices([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> list(support_profiles(game))
    [((1,), (1,))]
    """
    payoffs = game.float_payoffs
    choices = [
        [c for r in range(1, m + 1) for c in itertools.combinations(range(m), r)]
        for m in game.num_strategies
    ]
    profiles = sorted(itertools.product(*choices), key=lambda p: (sum(map(len, p)), p))
    dominated: dict[tuple, frozenset[int]] = {}  # (player, others' supports) -> strategies
    for profile in profiles:
        if not _has_start_solutions(tuple(len(s) for s in profile)):
            continue
        if any(
            not dominated_strategies(payoffs, profile, i, dominated).isdisjoint(profile[i])
            for i in range(len(profile))
        ):
            continue
        yield profile


@scale_free(certify="filter")
def solve_polynomial_enumeration(
    game: NormalFormGame,
    *,
    exact: bool = False,
    tol: float = 1e-9,
    rng: np.random.Generator | int | None = 0,
    on_step: Callable[[int, int], None] | None = None,
    interruptible: bool = False,
) -> EquilibriumResult:
    r"""All isolated Nash equilibria of a small n-player game.

    Parameters
    ----------
    game : NormalFormGame
        Any number of players; practical up to a few thousand support profiles
        (e.g. 4x4x4 or 2^5).
    exact : bool, default False
        For exact games: return equilibria that are rational as ``Fraction`` profiles,
        verified in exact arithmetic (irrational ones stay floats).
    tol : float
        Largest regret accepted for a float equilibrium.
    rng : numpy.random.Generator, int or None, default 0
        Seeds the random start system (the answer does not depend on it with probability
        one; fixed by default for reproducibility).
    on_step : callable, optional
        Called as ``on_step(done, total)`` after each unit of work (one support profile, or
        one vectorised batch of profiles of equal sizes); :func:`deterrence.solve` feeds
        its progress bar with it.
    interruptible : bool, default False
        On ``KeyboardInterrupt`` return the equilibria found so far, ``complete=False`` and
        ``options["interrupted"] = True``, instead of raising.

    Returns
    -------
    EquilibriumResult
        ``method="polynomial_enumeration"``. ``complete`` (every equilibrium, all isolated)
        for nondegenerate games; for degenerate games (ties, singular support systems or a
        failed path) ``degenerate`` is set and ``complete`` is False: equilibria may form
        continua whose extreme points need not be regular solutions of a support system.

    Raises
    ------
    InvalidGameError
        If ``game`` is not a :class:`NormalFormGame`.

    Notes
    -----
    See the module docstring: support enumeration with pruning, a multihomogeneous
    linear-product homotopy per support profile, Newton refinement, regret certification.
    Every equilibrium of a game whose support systems have only regular solutions
    (true for generic payoffs) is found with probability one (Morgan & Sommese 1987).

    Examples
    --------
    Three coalition members each honour (strategy 0) or not. Honouring pays 1 only if both
    others honour; not honouring pays 1/2 for sure. Besides "all honour" and "nobody
    honours" there is a totally mixed equilibrium with :math:`q_j q_k = 1/2`, i.e. everyone
    honours with the irrational probability :math:`1/\sqrt{2}`:

    >>> import numpy as np
    >>> payoffs = np.empty((3, 2, 2, 2), dtype=object)
    >>> for i in range(3):
    ...     for profile in np.ndindex(2, 2, 2):
    ...         payoffs[(i,) + profile] = (int(not any(profile)) if profile[i] == 0
    ...                                    else Fraction(1, 2))
    >>> result = solve_polynomial_enumeration(NormalFormGame.from_payoffs(payoffs), exact=True)
    >>> for eq in result:
    ...     print(eq.outcome)
    (s1, s1, s1)
    (0.707*s1 + 0.293*s2, 0.707*s1 + 0.293*s2, 0.707*s1 + 0.293*s2)
    (s2, s2, s2)
    >>> [eq.exact for eq in result], float(result.max_regret()) < 1e-12
    ([True, False, True], True)
    """
    if not isinstance(game, NormalFormGame):
        raise InvalidGameError(f"expected a NormalFormGame, got {type(game).__name__}")
    generator = _as_rng(rng)
    found: list[list[np.ndarray]] = []
    trouble = False
    singles: list = []
    batches: dict[tuple[int, ...], list] = {}
    candidates: list[list[np.ndarray]] = []
    closed: list = []
    for supports in support_profiles(game):
        sizes = tuple(len(s) for s in supports)
        mixing = sum(k > 1 for k in sizes)
        if mixing == 3 and 2 in sizes:  # one polynomial in one unknown, where it applies
            closed.append(supports)
        elif mixing >= 2:  # vectorise over profiles of equal sizes
            batches.setdefault(sizes, []).append(supports)
        else:
            singles.append(supports)
    units: list = [(None, [supports]) for supports in singles]
    closed_sizes: dict[tuple[int, ...], list] = {}
    for supports in closed:
        closed_sizes.setdefault(tuple(len(s) for s in supports), []).append(supports)
    for group in closed_sizes.values():
        units += [("closed", group[s : s + _BATCH]) for s in range(0, len(group), _BATCH)]
    for sizes in sorted(batches):
        group = batches[sizes]
        units += [(sizes, group[s : s + _BATCH]) for s in range(0, len(group), _BATCH)]
    paths = sum(
        start_solution_count(sizes) * len(group)
        for sizes, group in units
        if sizes is not None and sizes != "closed" and sum(k > 1 for k in sizes) > 2
    )
    if paths >= _COMPILED_PATHS and math.isfinite(TRACKER.remaining()):
        TRACKER.load()  # the numpy twin would take seconds: compile (or load) right away
    interrupted = False
    try:
        for done, (sizes, group) in enumerate(units, start=1):
            answers: list[tuple[list[list[np.ndarray]], bool]]
            if sizes == "closed":  # the homotopy where the closed form does not apply
                answers = [
                    solve_support_system(game, supports, rng=generator, tol=tol)
                    if answer is None
                    else answer
                    for supports, answer in zip(group, _solve_three_mixing(game, group, tol))
                ]
            elif sizes is None:
                answers = [solve_support_system(game, group[0], rng=generator, tol=tol)]
            else:
                answers = [_solve_batch(game, group, generator, tol)]
            for profiles, problem in answers:
                trouble |= problem
                candidates.extend(profiles)
            if on_step is not None:
                on_step(done, len(units))
    except KeyboardInterrupt:
        if not interruptible:
            raise
        interrupted = True
    for profile in candidates:
        if any(_same(profile, other) for other in found):
            continue
        if _regret(game, profile) <= tol * max(1.0, _scale(game)):
            found.append(profile)
    equilibria = [_finish(game, profile, exact) for profile in found]
    all_exact = bool(equilibria) and all(eq.exact for eq in equilibria) if exact else False
    degenerate = trouble or is_degenerate(game)
    options: dict[str, Any] = {
        "tol": tol,
        "rng": rng if isinstance(rng, (int, type(None))) else "generator",
    }
    if interrupted:
        options["interrupted"] = True
    return EquilibriumResult(
        game,
        canonical_order(equilibria),
        method="polynomial_enumeration",
        exact=all_exact,
        degenerate=degenerate,
        complete=not degenerate and not interrupted,
        options=options,
    )


def _scale(game: NormalFormGame) -> float:
    payoffs = game.float_payoffs
    return float(payoffs.max() - payoffs.min())


def _regret(game: NormalFormGame, profile: list[np.ndarray]) -> float:
    """Largest regret of a float profile (the others' mixtures contracted away)."""
    payoffs = game.float_payoffs
    worst = 0.0
    for i in range(game.num_players):
        values = payoffs[i]
        for j in reversed(range(game.num_players)):  # contract the last axes first
            if j != i:
                values = np.tensordot(values, profile[j], axes=([j], [0]))
        worst = max(worst, float(values.max() - values @ profile[i]))
    return worst


def _finish(game: NormalFormGame, profile: list[np.ndarray], exact: bool) -> Equilibrium:
    if exact and game.is_exact:
        rational = rationalize(game, profile)
        if rational is not None:
            return rational
    return Equilibrium(game, [np.asarray(s, dtype=float) for s in profile])


def rationalize(
    game: NormalFormGame, profile: Sequence[np.ndarray], *, max_denominator: int = 10**6
) -> Equilibrium | None:
    """Snap a float equilibrium of an exact game to rationals; keep it only if exactly Nash.

    Examples
    --------
    >>> game = NormalFormGame.from_matrices([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    >>> rationalize(game, [np.array([0.5, 0.5]), np.array([0.5000000001, 0.4999999999])])
    Equilibrium((1/2*s1 + 1/2*s2, 1/2*s1 + 1/2*s2): [1/2, 1/2], [1/2, 1/2])
    """
    vectors = []
    for s in profile:
        fractions = [Fraction(float(p)).limit_denominator(max_denominator) for p in s]
        total = sum(fractions)
        if total == 0:
            return None
        vector = np.empty(len(fractions), dtype=object)
        vector[:] = [f / total for f in fractions]
        vectors.append(vector)
    candidate = Equilibrium(game, vectors)
    return candidate if candidate.max_regret() == 0 else None
