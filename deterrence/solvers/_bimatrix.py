"""Shared machinery of the two-player enumerators: label matching and equilibrium assembly.

An extreme equilibrium of a bimatrix game is a pair of nonzero vertices ``(x, y)`` of the
best-response polytopes ``P`` and ``Q`` whose *full* label sets together contain every label
``0, ..., m + n - 1`` (von Stengel 2002, Theorem 3.4; Avis et al. 2010 for degenerate games),
normalised to probability vectors.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from deterrence.games._numbers import readonly
from deterrence.games.normal_form import NormalFormGame
from deterrence.solvers.polytope import (
    PolytopeVertices,
    certified_labels,
    exact_vertices,
    label_keys,
    polytope_vertices,
    positive_shift,
    to_fractions,
)
from deterrence.solvers.result import Equilibrium, EquilibriumResult, canonical_order
from deterrence.solvers.verify import exact_regret

__all__ = ["covering_pairs", "enumerate_extreme_equilibria", "trusted_equilibrium"]


def covering_pairs(first: np.ndarray, second: np.ndarray, first_dimension: int) -> np.ndarray:
    """Index pairs ``(a, b)`` with ``first[a] | second[b]`` all True, sorted.

    ``first`` and ``second`` are the boolean label rows of the vertices of ``P`` (dimension
    ``first_dimension``) and ``Q`` (the rest of the labels). Every vertex carries at least as
    many labels as its dimension, so a nondegenerate vertex of ``P`` (exactly
    ``first_dimension`` labels) pairs with a nondegenerate vertex of ``Q`` exactly when their
    label sets are complements: those pairs are found by one sorted search of complement
    bitmasks, ``O(V log V)``. Pairs involving a degenerate vertex (more labels than its
    dimension: few, even in games with payoffs 0..9) are tested by a broadcast OR of bitmask
    words against all vertices of the other polytope.

    Examples
    --------
    >>> p = np.array([[1, 0, 1, 0], [0, 1, 1, 0], [1, 1, 1, 0]], dtype=bool)
    >>> q = np.array([[0, 1, 0, 1], [1, 0, 0, 1]], dtype=bool)
    >>> covering_pairs(p, q, 2).tolist()
    [[0, 0], [1, 1], [2, 0], [2, 1]]
    """
    if len(first) == 0 or len(second) == 0:
        return np.zeros((0, 2), dtype=np.intp)
    width = first.shape[1]
    first_keys, second_keys = label_keys(first), label_keys(second)
    if first_keys.shape[1] > 1:  # more than 64 labels
        return _covering_blocks(
            first_keys, np.arange(len(first_keys)), second_keys, np.arange(len(second_keys)), width
        )
    first_keys, second_keys = first_keys[:, 0], second_keys[:, 0]
    full = np.uint64((1 << width) - 1)
    first_plain = first.sum(axis=1) == first_dimension
    second_plain = second.sum(axis=1) == width - first_dimension
    pieces = []
    a_plain, b_plain = np.flatnonzero(first_plain), np.flatnonzero(second_plain)
    if len(a_plain) and len(b_plain):
        order = np.argsort(second_keys[b_plain])
        sorted_keys = second_keys[b_plain][order]
        wanted = first_keys[a_plain] ^ full
        position = np.minimum(np.searchsorted(sorted_keys, wanted), len(sorted_keys) - 1)
        hit = sorted_keys[position] == wanted
        pieces.append(np.stack([a_plain[hit], b_plain[order[position[hit]]]], axis=1))
    a_odd, b_odd = np.flatnonzero(~first_plain), np.flatnonzero(~second_plain)
    every_b = np.arange(len(second_keys))
    pieces.append(
        _covering_blocks(first_keys[a_odd, None], a_odd, second_keys[:, None], every_b, width)
    )
    pieces.append(
        _covering_blocks(first_keys[a_plain, None], a_plain, second_keys[b_odd, None], b_odd, width)
    )
    pairs = np.concatenate(pieces)
    return pairs[np.lexsort((pairs[:, 1], pairs[:, 0]))]


def _covering_blocks(
    first_keys: np.ndarray,
    first_index: np.ndarray,
    second_keys: np.ndarray,
    second_index: np.ndarray,
    width: int,
) -> np.ndarray:
    """All covering pairs of two sets of bitmask rows by broadcast OR, in blocks."""
    if len(first_keys) == 0 or len(second_keys) == 0:
        return np.zeros((0, 2), dtype=np.intp)
    full = label_keys(np.ones((1, width), dtype=bool))[0]
    pairs = []
    chunk = max(1, 2_000_000 // len(second_keys))
    for start in range(0, len(first_keys), chunk):
        block = first_keys[start : start + chunk]
        covered = np.ones((len(block), len(second_keys)), dtype=bool)
        for w in range(first_keys.shape[1]):
            covered &= (block[:, None, w] | second_keys[None, :, w]) == full[w]
        rows, columns = np.nonzero(covered)
        pairs.append(np.stack([first_index[rows + start], second_index[columns]], axis=1))
    return np.concatenate(pairs)


def trusted_equilibrium(game: NormalFormGame, x: np.ndarray, y: np.ndarray) -> Equilibrium:
    """Build an :class:`Equilibrium` from mixed strategies a solver normalised itself.

    Skips ``game.as_profile`` re-validation, which cost half the solve time on games with
    many equilibria (and most of a short Lemke-Howson call); the caller guarantees that
    ``x`` and ``y`` are nonnegative ``float64`` (or ``Fraction``) vectors summing to one.

    Examples
    --------
    >>> game = NormalFormGame.from_matrices([[1, 0], [0, 1]], [[1, 0], [0, 1]])
    >>> trusted_equilibrium(game, np.array([1.0, 0.0]), np.array([1.0, 0.0])).outcome
    '(s1, s1)'
    """
    equilibrium = object.__new__(Equilibrium)
    object.__setattr__(equilibrium, "game", game)
    object.__setattr__(equilibrium, "strategies", (readonly(x), readonly(y)))
    return equilibrium


def _normalise(vector: np.ndarray) -> np.ndarray:
    if vector.dtype == object:  # FLINT rationals of exact enumeration (or Fractions)
        total = sum(vector.tolist())
        return to_fractions([value / total for value in vector.tolist()])
    return np.maximum(vector, 0.0) / np.maximum(vector, 0.0).sum()


def enumerate_extreme_equilibria(
    game: NormalFormGame,
    *,
    exact: bool,
    tol: float,
    method: str,
    enumerator: str,
    options: dict[str, Any],
) -> EquilibriumResult:
    """All extreme equilibria of a two-player game from the vertices of ``P`` and ``Q``.

    ``enumerator`` is ``"auto"`` (Qhull, with exact checks and fallbacks) or ``"bases"``
    (square support systems; the support-enumeration view).
    """
    game._require_two_players(method.replace("_", " "))
    use_exact = bool(exact and game.is_exact)
    m, n = game.num_strategies
    float_first, float_second = (positive_shift(matrix) for matrix in game.float_payoffs)
    exact_constraints: list[np.ndarray] = []

    def exact_p() -> np.ndarray:
        if not exact_constraints:
            exact_constraints.extend(
                [positive_shift(game.payoffs[1]), positive_shift(game.payoffs[0]).T]
            )
        return exact_constraints[0]

    def exact_q() -> np.ndarray:
        exact_p()
        return exact_constraints[1]

    vertex_method = "bases" if enumerator == "bases" else "auto"
    lazy_p, lazy_q = (exact_p, exact_q) if game.is_exact else (None, None)

    def vertices(exact_now: bool) -> tuple[PolytopeVertices, PolytopeVertices]:
        return (
            polytope_vertices(
                float_second,
                exact=exact_now,
                method=vertex_method,
                tol=tol,
                exact_constraint=lazy_p,
            ),
            polytope_vertices(
                float_first.T,
                exact=exact_now,
                method=vertex_method,
                tol=tol,
                exact_constraint=lazy_q,
            ),
        )

    # The support view always decides exactly on exact games; Qhull's float answer is
    # checked exactly per equilibrium and we fall back to exact enumeration if a check fails.
    p_vertices, q_vertices = vertices(use_exact and enumerator == "bases")
    result = _assemble(game, p_vertices, q_vertices, use_exact)
    if result is None:
        p_vertices, q_vertices = vertices(True)
        result = _assemble(game, p_vertices, q_vertices, True)
        assert result is not None
    equilibria = result
    degenerate = p_vertices.degenerate or q_vertices.degenerate
    return EquilibriumResult(
        game,
        canonical_order(equilibria),
        method=method,
        exact=use_exact,
        degenerate=degenerate,
        complete=True,
        options={"tol": tol, **options},
    )


def _integer_constraints(game: NormalFormGame) -> list[np.ndarray]:
    """The constraint matrices of ``P`` and ``Q`` scaled to integers (object arrays of int).

    ``positive_shift(payoffs[i]) * denominators[i]`` for the game's
    :attr:`~deterrence.games.NormalFormGame.integer_payoffs`. Scaling a constraint matrix
    scales the polytope and keeps every label; normalised vertices are unchanged.
    """
    numerators, denominators = game.integer_payoffs
    out = []
    for player in (1, 0):
        shifted = numerators[player] - numerators[player].min() + denominators[player]
        out.append(shifted if player == 1 else shifted.T)
    return out


def _exact_points(
    vertices: PolytopeVertices, integers: np.ndarray, needed: np.ndarray
) -> dict[int, Any] | None:
    """Exact coordinates of the vertices ``needed``, every label set checked exactly.

    A wrong label on any vertex could hide an equilibrium, so every label set is checked:
    simple vertices by :func:`~deterrence.solvers.polytope.certified_labels` (rigorous float
    bounds), the rest, and the vertices whose coordinates are needed, by exact solves.
    ``None`` when a label set is wrong (the caller then enumerates exactly).
    """
    if vertices.exact_points is not None:  # exact enumeration: already exact
        return dict(enumerate(vertices.exact_points))
    count = len(vertices.labels)
    if int(integers.max()) < 2**53:  # exact in float64
        certified = certified_labels(integers.astype(np.float64), vertices.points, vertices.labels)
    else:
        certified = np.zeros(count, dtype=bool)
    chosen = np.zeros(count, dtype=bool)
    chosen[needed] = True
    chosen |= ~certified
    index = np.flatnonzero(chosen)
    points = exact_vertices(integers, vertices.labels[index], fractions=False)
    if any(point is None for point in points):
        return None
    return dict(zip(index.tolist(), points))


def _assemble(
    game: NormalFormGame,
    p_vertices: PolytopeVertices,
    q_vertices: PolytopeVertices,
    use_exact: bool,
) -> list[Equilibrium] | None:
    m, n = game.num_strategies
    # Q's labels are (y_j = 0 -> m + j, row i tight -> i); reorder them to the game's labels.
    q_labels = np.hstack([q_vertices.labels[:, n:], q_vertices.labels[:, :n]])
    pairs = covering_pairs(p_vertices.labels, q_labels, m)
    exact_points: dict[str, dict[int, Any]] = {}
    if use_exact:
        integers = _integer_constraints(game)
        for which, vertices, column in (("p", p_vertices, 0), ("q", q_vertices, 1)):
            found = _exact_points(vertices, integers[column], np.unique(pairs[:, column]))
            if found is None:
                return None
            exact_points[which] = found
    equilibria = []
    cache_p: dict[int, Any] = {}
    cache_q: dict[int, Any] = {}

    def point(which: str, index: int) -> Any:
        vertices, cache = (p_vertices, cache_p) if which == "p" else (q_vertices, cache_q)
        if index not in cache:
            if use_exact:
                value = exact_points[which][index]
            else:  # Qhull's vertices are accurate to ~1e-15; polishing made them no better
                value = vertices.points[index].copy()
                value[vertices.labels[index][: len(value)]] = 0.0  # exact zeros off support
            cache[index] = None if value is None else _normalise(value)
        return cache[index]

    for a, b in pairs:
        x, y = point("p", int(a)), point("q", int(b))
        if x is None or y is None:
            return None
        if use_exact and exact_regret(game, (x, y), validate=False) != 0:
            return None
        equilibria.append(trusted_equilibrium(game, x, y))
    return equilibria
