r"""All extreme Nash equilibria of a two-player game by support enumeration.

Classical support enumeration (Dickhaut and Kaplan 1991; Porter, Nudelman and Shoham 2008)
pairs supports of equal size and solves the indifference equations. On degenerate games
that misses equilibria: a strategy with support ``I`` can have more than ``|I|`` best
responses, and equilibria then come in continua whose extreme points need not solve any
square indifference system for the *pair* of supports (this is how nashpy's support
enumeration loses equilibria).

Here the two players are decoupled. For every support ``I`` of player 1 and every set ``J``
of player 2's strategies with ``|J| = |I|``, the unique ``x`` with support ``I`` that makes
player 2 indifferent over ``J`` (with the payoffs shifted positive, ``B[I, J]^T x_I = 1``)
is a candidate; it is kept when ``x >= 0`` and no strategy of player 2 earns more, and its
*full* best-response set is recorded. Symmetrically for player 2. An extreme equilibrium is
a pair of candidates each of whose supports lies inside the other's best-response set.

Guarantee: the candidates are exactly the nonzero vertices of the best-response polytope
(a vertex with support ``I`` is the unique solution of its tight constraints, so some
``|I|`` of them with an invertible ``B[I, J]`` determine it), hence the output is *every*
extreme equilibrium, on degenerate games too; it equals the output of vertex enumeration.
Float solves are vectorised over all systems of one size; on exact games they only filter
conservatively and every surviving candidate is re-solved and checked in exact arithmetic
(FLINT), and singular systems are recognised exactly. The cost is
:math:`\binom{m+n}{m}` small solves per player, so use vertex enumeration beyond ~12 x 12.
"""

from __future__ import annotations

from deterrence.games.normal_form import NormalFormGame
from deterrence.solvers._bimatrix import enumerate_extreme_equilibria
from deterrence.solvers.numerics import scale_free
from deterrence.solvers.result import EquilibriumResult

__all__ = ["solve_support_enumeration"]


@scale_free(certify="resolve")
def solve_support_enumeration(
    game: NormalFormGame, *, exact: bool = False, tol: float = 1e-9
) -> EquilibriumResult:
    r"""All extreme Nash equilibria of a two-player game by (decoupled) support enumeration.

    Parameters
    ----------
    game : NormalFormGame
        A two-player game.
    exact : bool, default False
        For exact games: every candidate is solved and checked in exact rational arithmetic
        and the equilibria are ``Fraction`` vectors with regret exactly zero. (Exact games
        are always *decided* exactly; ``exact`` only controls the output type.)
    tol : float, default 1e-9
        Tolerance of float games.

    Returns
    -------
    EquilibriumResult
        ``complete=True``: every extreme equilibrium, also on degenerate games
        (``degenerate=True`` then).

    Raises
    ------
    UnsupportedGameError
        If the game does not have two players.
    SolverError
        If a player would need more than 3,000,000 systems (about 13 x 13 and up); use
        vertex enumeration there.

    Notes
    -----
    See the module docstring for the method and its guarantee. With ``A`` and ``B``
    shifted positive, a candidate for player 1 solves :math:`B_{IJ}^\top x_I = \mathbf 1`,
    :math:`x_{-I} = 0`, and must satisfy :math:`x \ge 0`, :math:`B^\top x \le \mathbf 1`;
    then :math:`x / \mathbf 1^\top x` is a mixed strategy whose best responses are the
    tight columns. References: J. Dickhaut and T. Kaplan, "A program for finding Nash
    equilibria", *Mathematica Journal* 1 (1991); R. Porter, E. Nudelman and Y. Shoham,
    "Simple search methods for finding a Nash equilibrium", *Games and Economic Behavior*
    63 (2008); B. von Stengel, *Handbook of Game Theory* vol. 3, ch. 45 (2002), section 3.

    Examples
    --------
    >>> from deterrence import NormalFormGame
    >>> stag = NormalFormGame.from_matrices([[4, 0], [3, 3]], [[4, 3], [0, 3]])
    >>> [eq.outcome for eq in solve_support_enumeration(stag, exact=True)]
    ['(s1, s1)', '(3/4*s1 + 1/4*s2, 3/4*s1 + 1/4*s2)', '(s2, s2)']

    A degenerate game (the column player is always indifferent) with two continua of
    equilibria; classical support enumeration finds only the two pure equilibria, here all
    four extreme equilibria are returned:

    >>> game = NormalFormGame.from_matrices([[1, 0], [0, 1]], [[1, 1], [0, 0]])
    >>> result = solve_support_enumeration(game, exact=True)
    >>> result.degenerate
    True
    >>> for eq in result:
    ...     print(eq.outcome)
    (s1, s1)
    (s1, 1/2*s1 + 1/2*s2)
    (s2, 1/2*s1 + 1/2*s2)
    (s2, s2)
    """
    return enumerate_extreme_equilibria(
        game,
        exact=exact,
        tol=tol,
        method="support_enumeration",
        enumerator="bases",
        options={},
    )
