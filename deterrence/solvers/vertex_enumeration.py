r"""All extreme Nash equilibria of a two-player game by vertex enumeration.

For payoff matrices ``A`` and ``B`` (m x n), shifted to be positive, the best-response
polytopes are :math:`P = \{x \ge 0 : B^\top x \le 1\}` and
:math:`Q = \{y \ge 0 : A y \le 1\}`. Label ``i`` (a row) is carried by ``x`` when
:math:`x_i = 0` and by ``y`` when :math:`(Ay)_i = 1`; label ``m + j`` by ``x`` when
:math:`(B^\top x)_j = 1` and by ``y`` when :math:`y_j = 0`. A pair of nonzero vertices
``(x, y)`` whose label sets together contain all ``m + n`` labels is, after normalisation,
an extreme Nash equilibrium, and every extreme equilibrium arises this way; in degenerate
games the label sets must be the full sets of tight constraints (von Stengel 2002,
Theorem 3.4; Avis, Rosenberg, Savani and von Stengel 2010, section 3).

Vertices are enumerated by a numba-compiled double-description method (up to 15 x 15
games) or by Qhull on the polar polytopes, with full label sets recomputed from every
constraint (see :mod:`deterrence.solvers.polytope`); whenever a float slack is
not clear-cut, or an exact check fails, the enumeration falls back to the exact
support-system enumerator, so exact games are never answered from an unclear float
computation.

What is guaranteed. With ``exact=True`` the *full* label set of every vertex found in floats
is proved exact -- for simple vertices by rigorous float error bounds on their square
systems (:func:`~deterrence.solvers.polytope.certified_labels`), for degenerate or
borderline ones by recomputing the vertex from its label set in rational arithmetic -- the
vertices of equilibria are recomputed exactly, and every returned equilibrium has regret
exactly zero; so every label set used in the matching is exact. The one float ingredient
left is the float discovery of the vertices themselves (a vertex whose slacks to all its
non-tight constraints are below ``1e-6`` relative could in principle be merged away by
Qhull or the double-description cuts);
``solve_support_enumeration`` depends on neither and decides every exact game exactly, and
the test suite checks that both agree on hypothesis-generated tie-heavy games (and against
pygambit's exact enummixed).
"""

from __future__ import annotations

from deterrence.games.normal_form import NormalFormGame
from deterrence.solvers._bimatrix import enumerate_extreme_equilibria
from deterrence.solvers.numerics import scale_free
from deterrence.solvers.result import EquilibriumResult

__all__ = ["solve_vertex_enumeration"]


@scale_free(certify="resolve")
def solve_vertex_enumeration(
    game: NormalFormGame, *, exact: bool = False, tol: float = 1e-9
) -> EquilibriumResult:
    r"""All extreme Nash equilibria of a two-player game (complete, also when degenerate).

    Parameters
    ----------
    game : NormalFormGame
        A two-player game.
    exact : bool, default False
        For exact games: return ``Fraction`` equilibria. The full label set of every polytope
        vertex is proved exact (rigorous float bounds, or rational arithmetic with FLINT), the
        vertices of equilibria are recomputed exactly, and every equilibrium is verified to
        have regret exactly zero. In float mode, answers on exact games are certified exactly
        (see :mod:`deterrence.solvers.numerics`).
    tol : float, default 1e-9
        Scaled slack below which a float constraint counts as tight.

    Returns
    -------
    EquilibriumResult
        ``complete=True``; ``degenerate=True`` when some polytope vertex has more labels
        than its dimension (then equilibria may form continua and every vertex of every
        component is listed).

    Raises
    ------
    UnsupportedGameError
        If the game does not have two players.

    Notes
    -----
    The equilibria are the completely labelled vertex pairs of ``P x Q`` (see the module
    docstring). The nonzero vertices of ``P`` come from the double-description method
    (Motzkin et al. 1953; Fukuda and Prodon 1996) for games up to 15 x 15, else they are
    the facets of the convex hull of the polar points :math:`-e_i / t` and
    :math:`B_{\cdot j} / (1 - t \mathbf{1}^\top B_{\cdot j})` (Qhull, Barber, Dobkin and
    Huhdanpaa 1996); label sets, packed into ``uint64`` bitmasks, are matched for all vertex
    pairs at once with one broadcast OR. The cost is that of the two vertex enumerations
    plus ``|V(P)| |V(Q)|`` word operations for the matching.

    References: B. von Stengel, "Computing equilibria for two-person games", *Handbook of
    Game Theory* vol. 3, ch. 45, 2002; D. Avis, G. D. Rosenberg, R. Savani and
    B. von Stengel, "Enumeration of Nash equilibria for two-player games", *Economic
    Theory* 42 (2010) 9-37.

    Examples
    --------
    >>> from deterrence import NormalFormGame
    >>> bos = NormalFormGame.from_matrices([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> [eq.outcome for eq in solve_vertex_enumeration(bos, exact=True)]
    ['(s1, s1)', '(2/3*s1 + 1/3*s2, 1/3*s1 + 2/3*s2)', '(s2, s2)']

    A degenerate game: the column player is indifferent, so the row player's pure
    strategy ``s1`` is an equilibrium against a whole segment of column strategies; its two
    ends are returned.

    >>> flat = NormalFormGame.from_matrices([[1, 1], [0, 0]], [[0, 0], [0, 0]])
    >>> result = solve_vertex_enumeration(flat, exact=True)
    >>> result.degenerate, [eq.outcome for eq in result]
    (True, ['(s1, s1)', '(s1, s2)'])
    """
    return enumerate_extreme_equilibria(
        game, exact=exact, tol=tol, method="vertex_enumeration", enumerator="auto", options={}
    )
