"""All extreme Nash equilibria of a two-player game by vertex enumeration.

PLACEHOLDER reference implementation (brute force over bases); to be replaced by the fast,
exact version. Correct on degenerate games because it compares full label sets.
"""

from __future__ import annotations

import numpy as np

from deterrence.games._polytope import polytope_vertices
from deterrence.games.normal_form import NormalFormGame
from deterrence.solvers.result import Equilibrium, EquilibriumResult, canonical_order

__all__ = ["solve_vertex_enumeration"]


def solve_vertex_enumeration(game: NormalFormGame, *, exact: bool = False,
                             tol: float = 1e-9) -> EquilibriumResult:
    """All extreme equilibria of a two-player game (brute-force reference version).

    Examples
    --------
    >>> from deterrence import NormalFormGame
    >>> bos = NormalFormGame.from_matrices([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> len(solve_vertex_enumeration(bos))
    3
    """
    game._require_two_players("vertex enumeration")
    first, second = game.float_payoffs
    m, n = first.shape
    a = first - first.min() + 1.0
    b = second - second.min() + 1.0
    p_vertices = [(x, labels) for x, labels in polytope_vertices(b, tol=tol) if x.sum() > tol]
    q_vertices = []
    for y, labels in polytope_vertices(a.T, tol=tol):
        if y.sum() <= tol:
            continue
        mapped = frozenset((lab + m) if lab < n else (lab - n) for lab in labels)
        q_vertices.append((y, mapped))
    full = frozenset(range(m + n))
    found = []
    degenerate = any(len(l) > m for _, l in p_vertices) or any(len(l) > n for _, l in q_vertices)
    for x, lx in p_vertices:
        for y, ly in q_vertices:
            if lx | ly == full:
                found.append(Equilibrium(game, (x / x.sum(), y / y.sum())))
    return EquilibriumResult(game, canonical_order(found), method="vertex_enumeration",
                             exact=False, degenerate=degenerate, complete=True,
                             options={"tol": tol})
