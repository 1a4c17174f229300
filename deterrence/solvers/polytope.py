r"""Best-response polytopes of bimatrix games (geometry only, no equilibrium logic).

For a two-player game with payoff matrices ``A`` (m x n) and ``B``, shifted so that all
entries are positive, the best-response polytopes are (von Stengel 2002, section 3)

.. math::

    P = \{x \in \mathbb{R}^m : x \ge 0,\ B^\top x \le 1\}, \qquad
    Q = \{y \in \mathbb{R}^n : A y \le 1,\ y \ge 0\}.

Both have the form :math:`\{z \ge 0 : M^\top z \le 1\}` for a positive ``(d, k)`` matrix
``M`` (``M = B`` for ``P``, ``M = A^\top`` for ``Q``). A point has *label* ``i < d`` when
``z_i = 0`` and label ``d + j`` when constraint ``j`` is tight, ``(M^\top z)_j = 1``. The game
is nondegenerate exactly when no vertex of ``P`` has more than ``m`` labels and no vertex of
``Q`` more than ``n``; in degenerate games a vertex can carry more labels than its dimension,
and it is the *full* label set (every tight constraint) that decides which vertex pairs are
equilibria (Avis, Rosenberg, Savani and von Stengel 2010).

Three enumerators are provided:

``double-description``
    For polytopes with ``4 <= d + k <= 30`` (2 x 2 to 15 x 15 games), where it beats Qhull
    (see ``_DOUBLE_DESCRIPTION_SIZES``): the double-description method compiled with numba,
    cutting the simplex ``{z >= 0, M_0^T z <= 1}`` by one constraint at a time with the
    combinatorial adjacency test, which is exact for degenerate polytopes (two vertices
    sharing ``d - 1`` labels of which one has exactly ``d`` span an edge without the test).
    Its vertices go
    through the same full-label recomputation and grey-zone check as Qhull's. It takes over
    from Qhull once Qhull has spent a budget of time in that range in this process, so a
    one-off solve never waits for numba (see ``deterrence.solvers._jit``).

``qhull``
    The nonzero vertices of the polytope are the facets of the convex hull of its polar
    (computed by Qhull with :class:`scipy.spatial.ConvexHull`'s options but without its
    triangulation). A degenerate vertex is a merged, non-simplicial facet; we still
    deduplicate by the *full* label set, which we recompute from all constraints (never
    from a facet's ``d`` points, which is how QuantEcon loses equilibria of degenerate
    games). Qhull's vertices are accurate to about 1e-13 (scaled);
    if any slack falls in the grey zone between ``tol`` and ``GREY_FACTOR * tol`` the
    float answer is not trusted and the caller falls back (small games) or the exact checks
    decide (exact mode). Until scipy.spatial is loaded (0.4 s), polytopes with at most
    ``_BASES_BEFORE_QHULL`` bases systems (up to 7 x 7) take their vertices from the bases
    enumerator instead, through the same checks.

``bases``
    For every support ``I`` and every equal-size set ``J`` of constraints, solve
    ``M[I, J]^T z_I = 1``; every nonzero vertex is the unique solution of such a system for
    some ``(I, J)`` (take ``I`` its support and ``J`` independent tight constraints). Float
    solves (vectorised over all systems of one size) act as a *conservative filter*; with
    ``exact=True`` each surviving candidate is re-solved and checked in exact rational
    arithmetic with FLINT, so the vertex set and every label set are exact.

Why FLINT: solving and checking the small dense rational systems that arise here with
``python-flint``'s ``fmpq_mat`` took about 15 microseconds per 9 x 9 system against about
1.5 ms with ``fractions.Fraction`` Gaussian elimination and about 4 ms with sympy
``Matrix.LUsolve`` (measured on this project's 2-core machine, medians of 200 solves).

References
----------
.. [1] B. von Stengel, "Computing equilibria for two-person games", in *Handbook of Game
   Theory* vol. 3, ch. 45, Elsevier, 2002, sections 3 and 6.
.. [2] D. Avis, G. D. Rosenberg, R. Savani and B. von Stengel, "Enumeration of Nash
   equilibria for two-player games", *Economic Theory* 42 (2010) 9-37.
.. [3] K. Fukuda and A. Prodon, "Double description method revisited", in *Combinatorics
   and Computer Science*, LNCS 1120, Springer, 1996, 91-111.
"""

from __future__ import annotations

import dataclasses
import itertools
import time
from collections.abc import Callable
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np

from deterrence.solvers._jit import CompiledKernel

if TYPE_CHECKING:
    from deterrence.games.normal_form import NormalFormGame

__all__ = [
    "CLEAR_TOL",
    "GREY_FACTOR",
    "MAX_BASES_SYSTEMS",
    "bases_systems",
    "PolytopeVertices",
    "bimatrix_is_degenerate",
    "certified_labels",
    "exact_vertex",
    "exact_vertices",
    "label_keys",
    "to_fractions",
    "polytope_vertices",
    "positive_shift",
]

#: Margin of the conservative float filter in front of exact checks.
CLEAR_TOL = 1e-6
#: Scaled slacks in ``(tol, GREY_FACTOR * tol)`` are "grey": too close to the tolerance to
#: call. (Genuinely small but clearly nonzero values, such as a probability of 1e-7 in a
#: 15 x 15 game, are far above Qhull's ~1e-13 error and are not grey.)
GREY_FACTOR = 10.0
#: Largest number of square systems ``C(d + k, d)`` the bases enumerator will attempt.
MAX_BASES_SYSTEMS = 3_000_000
#: Largest number of (support, constraint-set) systems solved in one vectorised batch.
_BATCH = 20000


@dataclasses.dataclass(frozen=True)
class PolytopeVertices:
    """The nonzero vertices of ``{z >= 0 : M^T z <= 1}`` with their full label sets.

    Attributes
    ----------
    points : numpy.ndarray
        Float coordinates, shape ``(V, d)``.
    labels : numpy.ndarray
        Boolean, shape ``(V, d + k)``: ``labels[v, i]`` for ``z_i = 0`` (``i < d``),
        ``labels[v, d + j]`` for constraint ``j`` tight.
    exact_points : tuple or None
        With exact enumeration, one object array of exact rationals per vertex (FLINT
        ``fmpq``, converted to ``Fraction`` by :func:`to_fractions` where needed).
    method : str
        ``"qhull"``, ``"double-description"``, ``"bases"`` or ``"bases-exact"``.

    Examples
    --------
    The polytope ``{z >= 0 : z_1 + z_2 / 2 <= 1, z_1 / 2 + z_2 <= 1}`` has three nonzero
    vertices; each has ``d = 2`` labels (a zero coordinate or a tight constraint):

    >>> vertices = polytope_vertices(np.array([[1.0, 0.5], [0.5, 1.0]]), method="bases")
    >>> vertices.method, vertices.dimension, vertices.degenerate
    ('bases', 2, False)
    >>> for point, labels in zip(vertices.points, vertices.labels):
    ...     print(np.round(point, 4).tolist(), np.flatnonzero(labels).tolist())
    [1.0, 0.0] [1, 2]
    [0.0, 1.0] [0, 3]
    [0.6667, 0.6667] [2, 3]

    Exact enumeration also gives the rational coordinates:

    >>> from fractions import Fraction
    >>> half = Fraction(1, 2)
    >>> exact = polytope_vertices(np.array([[1, half], [half, 1]]), exact=True)
    >>> exact.method, to_fractions(exact.exact_points[-1]).tolist()
    ('bases-exact', [Fraction(2, 3), Fraction(2, 3)])
    """

    points: np.ndarray
    labels: np.ndarray
    exact_points: tuple[np.ndarray, ...] | None
    method: str

    @property
    def dimension(self) -> int:
        """The dimension ``d`` of the polytope."""
        return int(self.points.shape[1])

    @property
    def degenerate(self) -> bool:
        """Whether some vertex has more labels than the dimension."""
        return bool((self.labels.sum(axis=1) > self.dimension).any())


def positive_shift(matrix: np.ndarray) -> np.ndarray:
    """Shift a payoff matrix so that its smallest entry is 1 (exact for ``Fraction`` input).

    Examples
    --------
    >>> positive_shift(np.array([[0.0, -2.0], [1.0, 3.0]])).tolist()
    [[3.0, 1.0], [4.0, 6.0]]
    """
    if matrix.dtype == object:
        values = [Fraction(v) for v in matrix.reshape(-1).tolist()]
        offset = 1 - min(values)
        out = np.empty(matrix.shape, dtype=object)
        out.reshape(-1)[:] = [v + offset for v in values]
        return out
    return np.asarray(matrix, dtype=np.float64) - float(matrix.min()) + 1.0


def _scaled_slacks(constraint: np.ndarray, points: np.ndarray) -> np.ndarray:
    """Slacks of all ``d + k`` constraints at ``points`` (V, d), each scaled to [0, 1]."""
    row_max = constraint.max(axis=1)
    coordinates = points * row_max[None, :]
    tight = 1.0 - points @ constraint
    return np.hstack([coordinates, tight])


def label_keys(labels: np.ndarray) -> np.ndarray:
    """Pack boolean label rows ``(V, L)`` into ``uint64`` words ``(V, ceil(L / 64))``.

    Examples
    --------
    >>> label_keys(np.array([[True, False, True]])).tolist()
    [[5]]
    """
    count, width = labels.shape
    words = max(1, -(-width // 64))
    padded = np.zeros((count, words * 64), dtype=bool)
    padded[:, :width] = labels
    packed = np.packbits(padded, axis=1, bitorder="little")
    return np.ascontiguousarray(packed).view("<u8").reshape(count, words)


# ---------------------------------------------------------------------------- qhull
def _hull_equations(points: np.ndarray) -> np.ndarray | None:
    """Facet hyperplanes ``[normal, offset]`` of the convex hull of ``points`` (Qhull).

    Only the hyperplanes are needed, so Qhull runs with :class:`scipy.spatial.ConvexHull`'s
    options *without* its forced triangulation ``Qt`` and without the simplices, neighbours
    and coplanar points ``ConvexHull`` assembles: a merged (non-simplicial) facet is
    reported once instead of once per simplex of its triangulation, with the same
    hyperplane. This is about 25% faster at 9 x 9; ``None`` when Qhull fails.
    """
    from scipy.spatial import QhullError

    options = b"Qx" if points.shape[1] >= 5 else b""  # ConvexHull's defaults
    try:
        from scipy.spatial._qhull import _Qhull
    except ImportError:  # private API moved: the public class gives the same hyperplanes
        from scipy.spatial import ConvexHull

        try:
            return ConvexHull(points).equations
        except (QhullError, ValueError):
            return None
    try:
        qhull = _Qhull(
            b"i", np.ascontiguousarray(points, dtype=np.float64), options, required_options=None
        )
    except (QhullError, ValueError):
        return None
    try:
        return np.asarray(qhull.get_hull_facets()[1], dtype=np.float64)
    finally:
        qhull.close()


def _vertices_qhull(
    constraint: np.ndarray, tol: float, *, strict: bool = True, source: str = "auto"
) -> PolytopeVertices | None:
    """Vertices by a float enumerator; ``None`` when the float answer is not clear-cut.

    ``source`` is ``"auto"`` (the fastest enumerator loaded or due, see the module
    docstring), ``"qhull"`` or ``"double-description"``. With ``strict=False`` grey slacks
    are accepted (classified by ``tol``).
    """
    d, k = constraint.shape
    low, high = _DOUBLE_DESCRIPTION_SIZES
    if source == "auto":
        in_range = low <= d + k <= high
        source = "double-description" if in_range and DOUBLE_DESCRIPTION.ready() else "qhull"
        if source == "qhull" and bases_systems(d, k) <= _BASES_BEFORE_QHULL and not QHULL.ready():
            source = "bases"  # a small polytope while scipy.spatial is not loaded yet
        start = time.perf_counter()
        found = _float_vertices(constraint, tol, source)
        if source == "bases":
            QHULL.charge(time.perf_counter() - start)
        if in_range and source != "double-description":
            DOUBLE_DESCRIPTION.charge(time.perf_counter() - start)
    else:
        found = _float_vertices(constraint, tol, source)
    if found is None:
        return None
    vertices = found
    slacks = _scaled_slacks(constraint, vertices)
    magnitude = np.abs(slacks)
    grey = ((magnitude > tol) & (magnitude < GREY_FACTOR * tol)).any()
    if (strict and grey) or (slacks < -CLEAR_TOL).any():
        return None
    labels = magnitude <= tol
    keys = label_keys(labels)
    if keys.shape[1] == 1:
        _, first = np.unique(keys[:, 0], return_index=True)
    else:
        _, first = np.unique(keys, axis=0, return_index=True)
    labels, vertices = labels[first], vertices[first]
    if (labels.sum(axis=1) < d).any():
        return None
    keep = ~labels[:, :d].all(axis=1)  # drop the zero vertex
    return PolytopeVertices(vertices[keep], labels[keep], None, source)


def _float_vertices(constraint: np.ndarray, tol: float, source: str) -> np.ndarray | None:
    """The vertices (zero included or not) found by one float enumerator."""
    if source == "double-description":
        kernel = DOUBLE_DESCRIPTION.load()
        return kernel(np.ascontiguousarray(constraint, dtype=np.float64), tol)
    if source == "qhull":
        return QHULL.load()(constraint)
    return _vertices_bases(constraint, exact_constraint=None, tol=tol).points


def _polar_hull_vertices(constraint: np.ndarray) -> np.ndarray | None:
    """All vertices (including 0) as facets of the polar's convex hull; ``None`` on failure."""
    d = constraint.shape[0]
    column_sums = constraint.sum(axis=0)
    step = 1.0 / (2.0 * column_sums.max())
    center = np.full(d, step)
    # Polar of P - center: points a / (b - a.center) for the constraints a.z <= b.
    points = np.vstack([-np.eye(d) / step, constraint.T / (1.0 - step * column_sums)[:, None]])
    equations = _hull_equations(points)
    if equations is None:
        return None
    offsets = equations[:, d]
    if (offsets >= 0).any():
        return None
    return center + (-equations[:, :d] / offsets[:, None])


#: ``d + k`` range in which the double-description enumerator replaces Qhull. Measured on
#: random square integer games (payoffs 0..99 and 0..9): 2-4x faster than Qhull from 3 x 3
#: to 15 x 15 (0.1 vs 0.2 ms at 3 x 3, 25 vs 57 ms at 13 x 13, 0.25 vs 0.9 s at 15 x 15),
#: 3-4x slower at 17 x 17 (300,000 vertices: its pairwise cut dominates); must stay <= 64
#: (one label word).
_DOUBLE_DESCRIPTION_SIZES = (4, 30)


def _load_double_description() -> Callable[[np.ndarray, float], np.ndarray]:
    from numba import njit

    return njit(cache=True)(_double_description)


def _load_qhull() -> Callable[[np.ndarray], np.ndarray | None]:
    import scipy.spatial  # noqa: F401  (about 0.4 s, once)

    return _polar_hull_vertices


#: Qhull, once loaded. Polytopes with at most ``_BASES_BEFORE_QHULL`` bases systems (up to
#: 7 x 7 games: 15 ms at 7 x 7) are enumerated by the vectorised bases enumerator, with the
#: same label and grey-zone checks, until that has cost more than scipy.spatial's import.
QHULL = CompiledKernel("Qhull", _load_qhull, numba=False)
_BASES_BEFORE_QHULL = 5_000

#: ``_double_description`` compiled by numba (cached on disk). It replaces Qhull in the
#: ``_DOUBLE_DESCRIPTION_SIZES`` range once Qhull has spent the budget there (see
#: ``deterrence.solvers._jit``); until then a one-off solve never imports numba.
DOUBLE_DESCRIPTION = CompiledKernel(
    "vertex enumeration (double description)", _load_double_description
)


def _double_description(constraint: np.ndarray, tol: float) -> np.ndarray:
    """All vertices of ``{z >= 0 : constraint^T z <= 1}`` (including 0), shape ``(V, d)``.

    The double-description method (Motzkin et al. 1953; Fukuda and Prodon 1996): start
    from the simplex ``{z >= 0, M_0^T z <= 1}`` and cut with one constraint ``j`` at a time.
    Vertices with slack ``> tol`` stay, those within ``tol`` stay and gain the label, and
    every edge from a kept to a cut vertex yields a new vertex where it crosses the
    hyperplane. Two vertices span an edge exactly when no third vertex carries all the
    labels they share (the combinatorial adjacency test, valid for polytopes however
    degenerate), so degenerate vertices need no special care. Labels are bitmasks over the
    coordinates and the constraints processed so far, recomputed from the point's slacks.
    The caller recomputes full label sets from every constraint and applies its grey-zone
    check, exactly as for Qhull's vertices.

    Examples
    --------
    Through :func:`polytope_vertices` (the kernel compiles once, then is cached on disk), on
    degenerate polytopes, against the bases enumerator:

    >>> rng = np.random.default_rng(0)
    >>> for size in (6, 7, 8):
    ...     constraint = positive_shift(rng.integers(0, 3, (size, size)).astype(float))
    ...     fast = polytope_vertices(constraint, method="double-description")
    ...     slow = polytope_vertices(constraint, method="bases")
    ...     same = sorted(map(bytes, fast.labels)) == sorted(map(bytes, slow.labels))
    ...     print(fast.method, fast.degenerate, same)
    double-description True True
    double-description True True
    double-description True True
    """
    d, k = constraint.shape
    row_max = np.zeros(d)
    for i in range(d):
        row_max[i] = constraint[i, :].max()
    count = d + 1
    points = np.zeros((count, d))
    for i in range(d):
        points[i + 1, i] = 1.0 / constraint[i, 0]
    keys = np.zeros(count, dtype=np.uint64)
    fresh = 0  # vertices [fresh, count) need their label masks computed
    for j in range(1, k):
        for v in range(fresh, count):
            key = np.uint64(0)
            for i in range(d):
                if abs(points[v, i] * row_max[i]) <= tol:
                    key |= np.uint64(1) << np.uint64(i)
            for c in range(j):
                total = 0.0
                for i in range(d):
                    total += points[v, i] * constraint[i, c]
                if abs(1.0 - total) <= tol:
                    key |= np.uint64(1) << np.uint64(d + c)
            keys[v] = key
        slack = np.empty(count)
        kept = 0
        for v in range(count):
            total = 0.0
            for i in range(d):
                total += points[v, i] * constraint[i, j]
            slack[v] = 1.0 - total
            if slack[v] >= -tol:
                kept += 1
        simple = np.zeros(count, dtype=np.bool_)  # exactly d labels: independent ones
        for v in range(count):
            labels, word = 0, keys[v]
            while word:  # popcount
                word &= word - np.uint64(1)
                labels += 1
            simple[v] = labels == d
        inside = np.flatnonzero(slack > tol)
        outside = np.flatnonzero(slack < -tol)
        new_points = np.empty((16, d))
        new_count = 0
        for p in inside:
            for q in outside:
                common = keys[p] & keys[q]
                shared, word = 0, common
                while word:  # popcount
                    word &= word - np.uint64(1)
                    shared += 1
                if shared < d - 1:
                    continue
                # d - 1 labels of a simple vertex are independent, so they define an edge
                # and p, q are its ends; otherwise apply the combinatorial test
                if not (shared == d - 1 and (simple[p] or simple[q])):
                    adjacent = True
                    for w in range(count):
                        if w != p and w != q and (keys[w] & common) == common:
                            adjacent = False
                            break
                    if not adjacent:
                        continue
                if new_count == new_points.shape[0]:
                    grown = np.empty((2 * new_count, d))
                    grown[:new_count] = new_points[:new_count]
                    new_points = grown
                step = slack[p] / (slack[p] - slack[q])
                for i in range(d):
                    new_points[new_count, i] = points[p, i] + step * (points[q, i] - points[p, i])
                new_count += 1
        bit = np.uint64(1) << np.uint64(d + j)
        out_points = np.empty((kept + new_count, d))
        out_keys = np.zeros(kept + new_count, dtype=np.uint64)
        index = 0
        for v in range(count):
            if slack[v] >= -tol:
                out_points[index] = points[v]
                out_keys[index] = keys[v] | bit if slack[v] <= tol else keys[v]
                index += 1
        out_points[kept:] = new_points[:new_count]
        points, keys, count, fresh = out_points, out_keys, kept + new_count, kept
    return points


# ---------------------------------------------------------------------------- bases
def _integer_form(constraint: Any) -> tuple[np.ndarray, int]:
    """``(N, L)`` with ``N = L * constraint`` an integer object matrix (exact input)."""
    denominators = [Fraction(v).denominator for v in constraint.reshape(-1)]
    common = int(np.lcm.reduce(np.array(denominators, dtype=object)))
    out = np.empty(constraint.shape, dtype=object)
    out.reshape(-1)[:] = [int(Fraction(v) * common) for v in constraint.reshape(-1)]
    return out, common


def _systems(d: int, k: int, size: int) -> tuple[np.ndarray, np.ndarray]:
    rows = np.array(list(itertools.combinations(range(d), size)), dtype=np.intp)
    cols = np.array(list(itertools.combinations(range(k), size)), dtype=np.intp)
    support = np.repeat(rows, len(cols), axis=0)
    tight = np.tile(cols, (len(rows), 1))
    return support, tight


def _vertices_bases(
    constraint: np.ndarray, *, exact_constraint: np.ndarray | None, tol: float
) -> PolytopeVertices:
    """Vertices from all square (support, tight-constraint) systems; exact when asked."""
    d, k = constraint.shape
    exact = exact_constraint is not None
    if exact_constraint is not None:
        integer, _ = _integer_form(exact_constraint)
        # beyond float range (10**400 payoffs) the entry is inf: no system is then called
        # regular or singular in floats, and every one is decided exactly
        integer_float = np.array(
            [float(v) if abs(v) < 2**1000 else np.inf for v in integer.reshape(-1)],
            dtype=np.float64,
        ).reshape(integer.shape)

        flint_entries = _FlintMatrix(exact_constraint)
    found: dict[bytes, tuple[np.ndarray, np.ndarray, Any]] = {}
    margin = CLEAR_TOL if exact else tol
    for size in range(1, min(d, k) + 1):
        all_support, all_tight = _systems(d, k, size)
        for start in range(0, len(all_support), _BATCH):
            support = all_support[start : start + _BATCH]
            tight = all_tight[start : start + _BATCH]
            # systems[s, p, q] = M[support[s, q], tight[s, p]]: row p is constraint tight[p]
            systems = constraint[support[:, None, :], tight[:, :, None]]
            if exact:
                integer_systems = integer_float[support[:, None, :], tight[:, :, None]]
                determinant = np.linalg.det(integer_systems)
                bound = np.prod(np.linalg.norm(integer_systems, axis=2), axis=1)
                # Integer matrices: with Hadamard bound < 2**40 the LU determinant is off by
                # far less than 1/2, so |det| < 1/2 means singular. Systems kept as regular
                # have condition number below about bound / |det| < 1e9, so their float
                # solutions are accurate to ~1e-7, inside the CLEAR_TOL filter margin; the
                # rest ("unsure") are decided exactly. Every survivor is re-solved exactly.
                safe = bound < 2.0**40
                singular = safe & (np.abs(determinant) < 0.5)
                regular = ~singular & (np.abs(determinant) > 1e-9 * bound)
                unsure = ~singular & ~regular
            else:
                determinant = np.linalg.det(systems)
                bound = np.prod(np.linalg.norm(systems, axis=2), axis=1)
                regular = np.abs(determinant) > 1e-11 * bound
                unsure = np.zeros_like(regular)
            index = np.flatnonzero(regular)
            if len(index):
                solution = np.linalg.solve(systems[index], np.ones((len(index), size, 1)))[..., 0]
                points = np.zeros((len(index), d))
                np.put_along_axis(points, support[index], solution, axis=1)
                slacks = _scaled_slacks(constraint, points)
                feasible = (slacks >= -margin).all(axis=1) & (
                    np.take_along_axis(slacks, support[index], axis=1) > (-margin if exact else tol)
                ).all(axis=1)
                for row in np.flatnonzero(feasible):
                    s = index[row]
                    if exact:
                        _exact_candidate(flint_entries, support[s], tight[s], d, k, found)
                    else:
                        labels = np.abs(slacks[row]) <= tol
                        key = labels.tobytes()
                        if key not in found:
                            found[key] = (points[row], labels, None)
            for s in np.flatnonzero(unsure):
                _exact_candidate(flint_entries, support[s], tight[s], d, k, found)
    return _collect(found, d, k, exact)


def _exact_candidate(
    entries: _FlintMatrix, support: np.ndarray, tight: np.ndarray, d: int, k: int, found: dict
) -> None:
    """Solve one square system exactly; record the vertex when it is feasible."""
    import flint

    size = len(support)
    matrix = flint.fmpq_mat(size, size, [entries.rows[i][j] for j in tight for i in support])
    if matrix.rank() < size:
        return
    solution = matrix.solve(flint.fmpq_mat(size, 1, [1] * size))
    values = [solution[p, 0] for p in range(size)]
    if any(v < 0 for v in values):
        return
    point = [flint.fmpq(0)] * d
    for i, v in zip(support, values):
        point[int(i)] = v
    _record_exact(entries, point, d, k, found)


class _FlintMatrix:
    """A ``Fraction`` constraint matrix in FLINT: rows of ``fmpq`` and one ``fmpq_mat``."""

    def __init__(self, constraint: np.ndarray) -> None:
        import flint

        # ints and Fractions both have numerator and denominator
        self.rows = [[flint.fmpq(v.numerator, v.denominator) for v in row] for row in constraint]
        d, k = constraint.shape
        self.matrix = flint.fmpq_mat(d, k, [x for row in self.rows for x in row])


def to_fractions(values: Any) -> np.ndarray:
    """An object array of ``Fraction`` from exact rationals (FLINT ``fmpq`` or ``Fraction``).

    Examples
    --------
    >>> import flint
    >>> to_fractions([flint.fmpq(2, 3), Fraction(1, 3)]).tolist()
    [Fraction(2, 3), Fraction(1, 3)]
    """
    out = np.empty(len(values), dtype=object)
    out[:] = [
        value if isinstance(value, Fraction) else Fraction(int(value.p), int(value.q))
        for value in values
    ]
    return out


def _record_exact(entries: _FlintMatrix, point: list, d: int, k: int, found: dict) -> bool:
    """Exact labels of ``point``; record it if feasible. Returns feasibility."""
    import flint

    totals = (flint.fmpq_mat(1, d, point) * entries.matrix).entries()
    if any(total > 1 for total in totals):
        return False
    labels = np.zeros(d + k, dtype=bool)
    labels[:d] = [value == 0 for value in point]
    labels[d:] = [total == 1 for total in totals]
    key = labels.tobytes()
    if key not in found:
        exact = np.empty(d, dtype=object)
        exact[:] = point
        found[key] = (np.array([float(v) for v in point]), labels, exact)
    return True


def _collect(found: dict, d: int, k: int, exact: bool) -> PolytopeVertices:
    rows = [v for v in found.values() if not v[1][:d].all()]
    points = np.array([r[0] for r in rows], dtype=np.float64).reshape(len(rows), d)
    labels = np.array([r[1] for r in rows], dtype=bool).reshape(len(rows), d + k)
    exact_points = tuple(r[2] for r in rows) if exact else None
    return PolytopeVertices(points, labels, exact_points, "bases-exact" if exact else "bases")


# ---------------------------------------------------------------------------- public
def polytope_vertices(
    constraint: np.ndarray,
    *,
    exact: bool = False,
    method: str = "auto",
    tol: float = 1e-9,
    exact_constraint: Callable[[], np.ndarray] | None = None,
) -> PolytopeVertices:
    """All nonzero vertices of ``{z >= 0 : constraint^T z <= 1}`` with full label sets.

    Parameters
    ----------
    constraint : numpy.ndarray
        Positive matrix of shape ``(d, k)`` (float, or ``Fraction`` objects for ``exact``).
    exact : bool, default False
        Enumerate in exact rational arithmetic (needs ``Fraction`` input).
    method : {"auto", "qhull", "double-description", "bases"}
        ``"auto"`` uses the fastest float enumerator at hand (double description, Qhull, or
        bases vertices for small polytopes, each with full labels and the grey-zone check;
        see the module docstring) when ``d >= 2`` and the answer is clear-cut, else bases.
        ``"qhull"`` and ``"double-description"`` ask for that enumerator (then bases if its
        answer is not clear-cut).
    tol : float
        Scaled slack below which a float constraint counts as tight.
    exact_constraint : callable, optional
        Returns the ``Fraction`` matrix when ``constraint`` is a float copy of an exact one;
        called only when an exact decision is needed.

    Returns
    -------
    PolytopeVertices

    Examples
    --------
    >>> square = polytope_vertices(np.array([[1.0, 0.5], [0.5, 1.0]]))
    >>> sorted(map(tuple, np.round(square.points, 4).tolist()))
    [(0.0, 1.0), (0.6667, 0.6667), (1.0, 0.0)]
    """
    d, k = constraint.shape
    if constraint.dtype == object:
        float_constraint = np.array(constraint.tolist(), dtype=np.float64)
        if exact_constraint is None:
            exact_constraint = lambda: constraint  # noqa: E731
    else:
        float_constraint = np.asarray(constraint, dtype=np.float64)
    if exact:
        if exact_constraint is None:
            raise ValueError("exact vertex enumeration needs exact (Fraction) input")
        _check_affordable(d, k)
        return _vertices_bases(float_constraint, exact_constraint=exact_constraint(), tol=tol)
    if method in ("auto", "qhull", "double-description") and d >= 2:
        result = _vertices_qhull(float_constraint, tol, source=method)
        if result is not None:
            return result
        if bases_systems(d, k) > MAX_BASES_SYSTEMS:  # no affordable fallback: take Qhull's
            result = _vertices_qhull(float_constraint, tol, strict=False, source=method)
            if result is not None:
                return result
    _check_affordable(d, k)
    if exact_constraint is not None:  # float answer unclear on an exact game: decide exactly
        result = _vertices_bases(float_constraint, exact_constraint=exact_constraint(), tol=tol)
        return dataclasses.replace(result, method="bases-exact")
    return _vertices_bases(float_constraint, exact_constraint=None, tol=tol)


def bases_systems(d: int, k: int) -> int:
    """Number of square systems the bases enumerator solves: ``C(d + k, d) - 1``.

    Examples
    --------
    >>> bases_systems(9, 9)
    48619
    """
    from math import comb

    return comb(d + k, d) - 1


def _check_affordable(d: int, k: int) -> None:
    if bases_systems(d, k) > MAX_BASES_SYSTEMS:
        from deterrence.exceptions import SolverError

        raise SolverError(
            f"exact enumeration of a {d}-dimensional best-response polytope with {k} "
            f"constraints needs {bases_systems(d, k):,} linear systems (limit "
            f"{MAX_BASES_SYSTEMS:,}); use method='vertex_enumeration' without exact=True, or "
            "method='lemke_howson' for one equilibrium"
        )


def exact_vertex(constraint: np.ndarray, labels: np.ndarray) -> np.ndarray | None:
    """Recompute a vertex exactly from its label set and check the labels exactly.

    Parameters
    ----------
    constraint : numpy.ndarray
        ``Fraction`` object matrix of shape ``(d, k)``.
    labels : numpy.ndarray
        Boolean label row of length ``d + k`` (as in :class:`PolytopeVertices`).

    Returns
    -------
    numpy.ndarray or None
        The exact vertex (``Fraction`` objects), or ``None`` when the labels do not define a
        vertex whose exact label set is exactly ``labels``.

    Examples
    --------
    >>> M = np.array([[Fraction(1), Fraction(1, 2)], [Fraction(1, 2), Fraction(1)]])
    >>> exact_vertex(M, np.array([False, False, True, True])).tolist()
    [Fraction(2, 3), Fraction(2, 3)]
    """
    return exact_vertices(constraint, np.asarray(labels, dtype=bool)[None, :])[0]


def exact_vertices(
    constraint: np.ndarray, labels: np.ndarray, *, fractions: bool = True
) -> list[np.ndarray | None]:
    """:func:`exact_vertex` for every row of a label array (converts ``constraint`` once).

    With ``fractions=False`` the vertices hold FLINT ``fmpq`` values (converting thousands
    of vertices to ``Fraction`` costs a fifth of exact enumeration; see :func:`to_fractions`).

    Examples
    --------
    >>> M = np.array([[Fraction(1), Fraction(1, 2)], [Fraction(1, 2), Fraction(1)]])
    >>> [None if v is None else v.tolist() for v in exact_vertices(
    ...     M, np.array([[True, False, False, True], [True, True, False, True]]))]
    [[Fraction(0, 1), Fraction(1, 1)], None]
    """

    entries = _FlintMatrix(constraint)
    points = [_exact_vertex(entries, constraint.shape, row) for row in labels]
    if fractions:
        return [None if point is None else to_fractions(point) for point in points]
    return points


def _exact_vertex(
    entries: _FlintMatrix, shape: tuple[int, int], labels: np.ndarray
) -> np.ndarray | None:
    import flint

    d, k = shape
    support = [i for i in range(d) if not labels[i]]
    tight = [j for j in range(k) if labels[d + j]]
    if not support or len(tight) < len(support):
        return None
    size = len(support)
    augmented = flint.fmpq_mat(
        len(tight),
        size + 1,
        [x for j in tight for x in [entries.rows[i][j] for i in support] + [flint.fmpq(1)]],
    )
    reduced, rank = augmented.rref()
    if rank != size or any(reduced[p, p] != 1 for p in range(size)):
        return None
    point = [flint.fmpq(0)] * d
    for p, i in enumerate(support):
        point[i] = reduced[p, size]
    if any(point[i] <= 0 for i in support):
        return None
    found: dict = {}
    if not _record_exact(entries, point, d, k, found):
        return None
    (value,) = found.values()
    if not np.array_equal(value[1], np.asarray(labels, dtype=bool)):
        return None
    return value[2]


#: Unit roundoff of ``float64``.
_UNIT = 2.0**-53


def certified_labels(integers: np.ndarray, points: np.ndarray, labels: np.ndarray) -> np.ndarray:
    r"""Which float vertices provably carry exactly their label sets (no rational arithmetic).

    For the polytope :math:`\{z \ge 0 : K^\top z \le 1\}` of an *integer* matrix ``K``
    whose entries are exact in ``float64``, a vertex given by float coordinates and a label
    set with exactly ``d`` labels (support ``S``, tight constraints ``T``, ``|S| = |T|``) is
    certified when the square system :math:`K[S, T]^\top z_S = 1` is provably nonsingular,
    its solution is provably positive on ``S`` and every constraint outside ``T`` provably
    slack. Then the exact vertex exists and its exact label set is the given one, with no
    exact solve. Degenerate vertices (more than ``d`` labels) and vertices too close to a
    decision are not certified: the caller decides them exactly.

    Parameters
    ----------
    integers : numpy.ndarray
        ``(d, k)`` float array of integers below ``2**53`` (the constraint matrix, scaled to
        integers: scaling the matrix by ``c`` scales the polytope by ``1 / c`` and keeps
        every label).
    points : numpy.ndarray
        ``(V, d)`` approximate vertices (of any scaling; only the labels are used).
    labels : numpy.ndarray
        ``(V, d + k)`` boolean label sets, as in :class:`PolytopeVertices`.

    Returns
    -------
    numpy.ndarray
        Boolean ``(V,)``: True where the label set is certified exact.

    Notes
    -----
    With ``R`` a float inverse of the system matrix ``A``, :math:`\alpha = \|I - RA\|_\infty
    < 1` (bounded with the rounding of the float product) proves ``A`` nonsingular with
    :math:`\|A^{-1}\|_\infty \le \|R\|_\infty / (1 - \alpha)`; the error of
    :math:`\tilde z = R \mathbf 1` is then at most that norm times the bounded residual
    :math:`\|\mathbf 1 - A \tilde z\|_\infty` (Higham, *Accuracy and Stability of Numerical
    Algorithms*, 2002, sections 3.1 and 7.2; Rump's verification method). Every rounding
    error is bounded by :math:`\gamma_n = n u / (1 - n u)` times absolute values, and the
    bounds are doubled.

    Examples
    --------
    >>> K = np.array([[2.0, 1.0], [1.0, 2.0]])
    >>> labels = np.array([[False, False, True, True], [True, False, False, True]])
    >>> certified_labels(K, np.array([[1 / 3, 1 / 3], [0.0, 0.5]]), labels).tolist()
    [True, True]
    """
    count, d = points.shape
    certified = np.zeros(count, dtype=bool)
    support_sizes = d - labels[:, :d].sum(axis=1)
    simple = labels.sum(axis=1) == d
    magnitude = np.abs(integers)
    for size in range(1, d + 1):
        group = np.flatnonzero(simple & (support_sizes == size))
        if not len(group):
            continue
        rows = labels[group]
        support = np.nonzero(~rows[:, :d])[1].reshape(len(group), size)
        tight = np.nonzero(rows[:, d:])[1].reshape(len(group), size)
        # system[v, p, q] = K[support[v, q], tight[v, p]]: row p is constraint tight[v, p]
        system = integers[support[:, None, :], tight[:, :, None]]
        try:
            inverse = np.linalg.inv(system)
        except np.linalg.LinAlgError:
            continue  # a singular float system in the group: decide these exactly
        gamma = 2.0 * (size + 2) * _UNIT / (1.0 - (size + 2) * _UNIT)
        absolute_inverse = np.abs(inverse)
        product_bound = gamma * (absolute_inverse @ np.abs(system))
        identity_gap = np.abs(np.eye(size) - inverse @ system) + product_bound
        alpha = 2.0 * identity_gap.sum(axis=2).max(axis=1)
        solution = inverse.sum(axis=2)  # R @ 1
        residual = 1.0 - np.einsum("vpq,vq->vp", system, solution)
        residual_bound = np.abs(residual) + gamma * (
            1.0 + np.einsum("vpq,vq->vp", np.abs(system), np.abs(solution))
        )
        with np.errstate(divide="ignore", invalid="ignore"):
            error = (
                2.0
                * absolute_inverse.sum(axis=2).max(axis=1)
                / (1.0 - alpha)
                * residual_bound.max(axis=1)
            )
        good = (alpha < 0.5) & np.isfinite(error)
        good &= (solution - error[:, None] > 0).all(axis=1)
        point = np.zeros((len(group), d))
        np.put_along_axis(point, support, solution, axis=1)
        outer_gamma = 2.0 * (d + 2) * _UNIT / (1.0 - (d + 2) * _UNIT)
        slack = 1.0 - point @ integers
        slack_bound = (
            outer_gamma * (1.0 + np.abs(point) @ magnitude)
            + error[:, None] * (np.abs(integers).sum(axis=0)[None, :])
        )
        outside = ~rows[:, d:]
        good &= ((slack - 2.0 * slack_bound > 0) | ~outside).all(axis=1)
        certified[group] = good
    return certified


def bimatrix_is_degenerate(game: NormalFormGame) -> bool:
    """Whether a two-player game is degenerate (some polytope vertex has too many labels).

    Exact games are decided exactly whenever the float computation is not clear-cut.

    Examples
    --------
    >>> from deterrence import NormalFormGame
    >>> bimatrix_is_degenerate(NormalFormGame.from_matrices([[1, 1], [0, 0]], [[1, 1], [0, 0]]))
    True
    """
    first, second = (positive_shift(matrix) for matrix in game.float_payoffs)
    for which, constraint in ((1, second), (0, first.T)):
        exact = None
        if game.is_exact:

            def exact(which: int = which) -> np.ndarray:
                shifted = positive_shift(game.payoffs[which])
                return shifted if which == 1 else shifted.T

        if polytope_vertices(constraint, exact_constraint=exact).degenerate:
            return True
    return False
