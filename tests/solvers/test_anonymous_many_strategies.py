"""Symmetric equilibria of anonymous games with three or more strategies.

Checked against independent methods: the two-strategy Bernstein solver (m = 2, exactly),
the replicator rest points of the two-player symmetric game (N = 2), the project's
n-player homotopy solver on the expanded normal form (N = 3), sympy's Groebner-basis
solver on the equal-payoff system (small N), pygambit where installed, closed forms, and a
hypothesis property (every returned mix is an equilibrium, exactly in exact mode).
"""

from __future__ import annotations

import itertools
import math
import warnings
from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from deterrence.exceptions import DegenerateGameWarning, InvalidGameError
from deterrence.games.anonymous import AnonymousGame, count_profiles, num_count_profiles
from deterrence.solvers.anonymous import (
    MixtureEquilibrium,
    solve_anonymous,
    solve_anonymous_mixtures,
    solve_anonymous_symmetric,
)

STABILITY = {"stable", "unstable", "saddle", "degenerate"}


def _random_game(rng: np.random.Generator, players: int, strategies: int) -> AnonymousGame:
    size = num_count_profiles(players - 1, strategies)
    return AnonymousGame(players, rng.integers(-4, 5, size=(strategies, size)).tolist())


def _quiet(game: AnonymousGame, **options):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DegenerateGameWarning)
        return solve_anonymous_mixtures(game, **options)


def _points(result) -> list[tuple[float, ...]]:
    return sorted(tuple(round(float(p), 7) for p in eq.probabilities) for eq in result)


# ---------------------------------------------------------------- closed forms
def test_coordination_has_every_face_barycentre():
    game = AnonymousGame(3, lambda s, c: c[s], strategies=("a", "b", "c"))
    result = solve_anonymous_mixtures(game, exact=True)
    assert result.complete and result.exact and not result.degenerate
    half, third = Fraction(1, 2), Fraction(1, 3)
    expected = {
        (1, 0, 0): "stable",
        (0, 1, 0): "stable",
        (0, 0, 1): "stable",
        (half, half, 0): "saddle",
        (half, 0, half): "saddle",
        (0, half, half): "saddle",
        (third, third, third): "unstable",
    }
    assert {eq.probabilities: eq.stability for eq in result} == expected
    assert all(eq.max_regret() == 0 for eq in result)


def test_anti_coordination_interior_is_stable():
    # crowding: each strategy pays less the more others use it; the uniform mix attracts
    game = AnonymousGame(4, lambda s, c: -c[s], strategies=("a", "b", "c"))
    result = solve_anonymous_mixtures(game, exact=True)
    (eq,) = list(result)
    assert eq.probabilities == (Fraction(1, 3),) * 3
    assert eq.stability == "stable" and eq.max_regret() == 0


def test_irrational_interior_point_is_enclosed():
    # u(a) = k_b^2 - 2, u(b) = u(c) = 0 with two others: on the a-b edge
    # E[k_b^2] = 2 x_b + 2 x_b^2 = 2 at x_b = (sqrt 5 - 1)/2; the enclosure must contain it
    game = AnonymousGame(3, lambda s, c: [c[1] ** 2 - 2, 0, 0][s], strategies=("a", "b", "c"))
    result = _quiet(game, exact=True)
    edge = [eq for eq in result if eq.support == ("a", "b")]
    assert len(edge) == 1
    (eq,) = edge
    low, high = eq.intervals[1]
    assert low <= (math.sqrt(5) - 1) / 2 <= high and high - low < 1e-12
    assert not eq.exact and eq.certified
    assert eq.max_regret() < 1e-12


# ---------------------------------------------------------------- two strategies
@pytest.mark.parametrize("seed", range(4))
def test_two_strategies_agree_with_the_bernstein_solver_exactly(seed):
    rng = np.random.default_rng(seed)
    for _ in range(12):
        game = _random_game(rng, int(rng.integers(2, 9)), 2)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DegenerateGameWarning)
            reference = solve_anonymous_symmetric(game, exact=True)
            ours = solve_anonymous_mixtures(game, exact=True)
        assert ours.degenerate == reference.degenerate
        if reference.degenerate:
            continue
        theirs = [eq.probability for eq in reference]
        mine = sorted((eq.probabilities[0] for eq in ours), key=float)
        assert len(mine) == len(theirs)
        for a, b in zip(mine, theirs):
            if isinstance(b, Fraction):
                assert a == b  # rational equilibria agree exactly
            else:
                assert abs(float(a) - float(b)) < 1e-12
        for eq in ours:
            match = [
                r
                for r in reference
                if abs(float(r.probability) - float(eq.probabilities[0])) < 1e-12
            ]
            if match[0].stability in ("stable", "unstable") and eq.stability != "degenerate":
                assert eq.stability == match[0].stability


# ---------------------------------------------------------------- independent solvers
def _rest_points_of_symmetric_bimatrix(matrix: np.ndarray) -> list[tuple[float, ...]]:
    """Symmetric equilibria of the two-player symmetric game with row payoffs ``matrix``,
    by linear algebra on every support (the textbook method)."""
    m = len(matrix)
    out = []
    for size in range(1, m + 1):
        for support in itertools.combinations(range(m), size):
            block = matrix[np.ix_(support, support)]
            system = np.vstack([block[:-1] - block[-1], np.ones(size)])
            rhs = np.zeros(size)
            rhs[-1] = 1
            try:
                shares = np.linalg.solve(system, rhs)
            except np.linalg.LinAlgError:
                continue
            if np.any(shares <= 1e-12):
                continue
            x = np.zeros(m)
            x[list(support)] = shares
            values = matrix @ x
            if values.max() <= values[support[0]] + 1e-9:
                out.append(tuple(round(float(v), 7) for v in x))
    return sorted(out)


@pytest.mark.parametrize("seed", range(3))
def test_two_players_four_strategies_match_linear_algebra(seed):
    # N = 2: a symmetric bimatrix game; supports of 4 go through multistart Newton
    rng = np.random.default_rng(100 + seed)
    matrix = rng.integers(-5, 6, size=(4, 4))
    game = AnonymousGame(2, lambda s, c: int(matrix[s] @ np.asarray(c)), strategies=tuple("abcd"))
    result = _quiet(game)
    assert _points(result) == _rest_points_of_symmetric_bimatrix(matrix.astype(float))
    assert result.options["supports"]["newton"] == 1


def _real_unit_roots(polynomial: sympy.Poly) -> list[float]:
    if polynomial.is_zero or polynomial.degree() < 1:
        return []
    return [
        float(sympy.re(r))
        for r in polynomial.nroots(n=30, maxsteps=200)
        if abs(complex(r).imag) < 1e-12 and 1e-12 < complex(r).real < 1 - 1e-12
    ]


def _groebner_points(equations: list, unknowns: list) -> list[tuple[float, ...]]:
    """Real solutions in the open unit box of a zero-dimensional system: a lex Groebner
    basis, numeric roots of its last (univariate) element, then back-substitution."""
    if len(unknowns) == 1:
        return [(r,) for r in _real_unit_roots(sympy.Poly(equations[0], unknowns[0]))]
    basis = sympy.groebner(equations, *unknowns, order="lex")
    last = [g for g in basis.exprs if g.free_symbols <= {unknowns[-1]}]
    if not last:
        return []  # a continuum (not zero-dimensional)
    points = []
    for value in _real_unit_roots(sympy.Poly(last[0], unknowns[-1])):
        rest = [sympy.expand(g.subs(unknowns[-1], value)) for g in basis.exprs]
        rest = [g for g in rest if g.free_symbols]
        for head in _groebner_points(rest, unknowns[:-1]) if rest else []:
            point = dict(zip(unknowns, (*head, value)))
            if max(abs(float(g.subs(point))) for g in equations) < 1e-8:
                points.append((*head, value))
    return points


def _sympy_equilibria(game: AnonymousGame) -> list[tuple[float, ...]]:
    """Every isolated symmetric equilibrium by sympy's Groebner bases, support by support."""
    m, n = game.num_strategies, game.num_players - 1
    x = sympy.symbols(f"x0:{m}")
    profiles = count_profiles(n, m).tolist()
    values = []
    for s in range(m):
        total = sympy.Integer(0)
        for column, counts in enumerate(profiles):
            weight = math.factorial(n)
            for c in counts:
                weight //= math.factorial(c)
            total += (
                sympy.Rational(game.table[s, column])
                * weight
                * sympy.Mul(*[v**c for v, c in zip(x, counts)])
            )
        values.append(total)
    found = []
    for size in range(1, m + 1):
        for support in itertools.combinations(range(m), size):
            if size == 1:
                full = np.eye(m)[support[0]]
                payoff = game.symmetric_payoffs(full)
                if payoff.max() <= payoff[support[0]]:
                    found.append(tuple(float(v) for v in full))
                continue
            last = x[support[-1]]
            on_face = {x[j]: 0 for j in range(m) if j not in support}
            on_face[last] = 1 - sum(x[s] for s in support[:-1])
            equations = [
                sympy.expand((values[s] - values[support[-1]]).xreplace(on_face))
                for s in support[:-1]
            ]
            unknowns = [x[s] for s in support[:-1]]
            for head in _groebner_points(equations, unknowns):
                if sum(head) >= 1 - 1e-12:
                    continue
                full = np.zeros(m)
                full[list(support[:-1])] = head
                full[support[-1]] = 1 - sum(head)
                payoff = game.symmetric_payoffs(full)
                if payoff.max() <= payoff[support[-1]] + 1e-9:
                    found.append(tuple(round(float(v), 7) for v in full))
    return sorted(set(found))


@pytest.mark.parametrize("seed", range(3))
def test_three_strategies_match_sympy_groebner(seed):
    rng = np.random.default_rng(200 + seed)
    for players in (3, 4):
        game = _random_game(rng, players, 3)
        result = _quiet(game)
        if result.degenerate:
            continue
        assert result.complete
        assert _points(result) == _sympy_equilibria(game)


def test_three_players_match_the_expanded_normal_form():
    from deterrence.solvers.polynomial_enumeration import solve_polynomial_enumeration

    game = AnonymousGame(3, [[3, -1, 0, 2, 1, -2], [0, 2, -3, 1, 0, 1], [1, 0, 2, -1, 3, 0]])
    ours = solve_anonymous_mixtures(game)
    theirs = solve_polynomial_enumeration(game.to_normal_form())
    symmetric = []
    for eq in theirs:
        first = np.asarray([float(v) for v in eq.strategies[0]])
        if all(np.allclose(first, [float(v) for v in other], atol=1e-8) for other in eq.strategies):
            symmetric.append(tuple(round(float(v), 7) for v in first))
    assert _points(ours) == sorted(symmetric)
    for eq in ours:  # the same profile is a Nash equilibrium of the normal form
        assert eq.to_equilibrium().max_regret() < 1e-9


@pytest.mark.gambit
def test_against_pygambit_on_the_expanded_normal_form():
    gbt = pytest.importorskip("pygambit", reason="pygambit not installed (the gambit extra)")
    rng = np.random.default_rng(7)
    game = _random_game(rng, 3, 3)
    nfg = game.to_normal_form()
    arrays = [np.array(nfg.payoff_matrix(i), dtype=float) for i in range(3)]
    gambit_game = gbt.Game.from_arrays(*arrays)
    theirs = gbt.nash.enumpoly_solve(gambit_game).equilibria
    ours = _points(_quiet(game))
    for eq in theirs:
        profile = [[float(eq[s]) for s in player.strategies] for player in gambit_game.players]
        if all(np.allclose(profile[0], p, atol=1e-6) for p in profile[1:]):
            assert tuple(round(v, 7) for v in profile[0]) in ours


# ---------------------------------------------------------------- properties
@settings(max_examples=25, deadline=None)
@given(
    players=st.integers(2, 4),
    strategies=st.integers(2, 3),
    seed=st.integers(0, 2**32 - 1),
)
def test_every_returned_mix_is_an_equilibrium(players, strategies, seed):
    game = _random_game(np.random.default_rng(seed), players, strategies)
    result = _quiet(game, exact=True)
    for eq in result:
        assert isinstance(eq, MixtureEquilibrium)
        assert sum(eq.probabilities) == pytest.approx(1, abs=1e-12)
        assert all(p >= 0 for p in eq.probabilities)
        assert eq.stability in STABILITY
        regret = eq.max_regret()
        assert regret == 0 if eq.exact else regret < 1e-9
    # the pure symmetric equilibria are exactly the unanimous count equilibria
    unanimous = {
        eq.counts.index(players)
        for eq in solve_anonymous(game, method="pure")
        if max(eq.counts) == players
    }
    assert {eq.probabilities.index(1) for eq in result if eq.is_pure} == unanimous


# ---------------------------------------------------------------- large games and edges
def test_large_game_uses_bernstein_edges_and_newton_inside():
    # linear network effects: u(A) = 2 k_A - 1, u(B) = 2 k_B - 3/2, u(N) = n/2
    players = 60
    n = players - 1
    game = AnonymousGame(
        players,
        lambda s, c: [2 * c[0] - 1, 2 * c[1] - Fraction(3, 2), Fraction(n, 2)][s],
        strategies=("A", "B", "N"),
    )
    result = solve_anonymous_mixtures(game)
    assert result.options["supports"] == {"algebraic": 0, "bernstein": 3, "newton": 1}
    assert not result.complete
    interior = [eq for eq in result if len(eq.support) == 3]
    assert len(interior) == 1
    # expected payoffs are linear: 2 n x_A - 1 = 2 n x_B - 3/2 = n/2
    x_a, x_b = (n / 2 + 1) / (2 * n), (n / 2 + 1.5) / (2 * n)
    assert interior[0].probabilities[:2] == pytest.approx((x_a, x_b), abs=1e-9)
    assert interior[0].stability == "unstable"
    assert all(eq.max_regret() < 1e-9 for eq in result)


def test_degenerate_face_warns_and_is_incomplete():
    game = AnonymousGame(
        3, lambda s, c: [c[0] + c[1], c[0] + c[1], 0][s], strategies=("a", "b", "c")
    )
    with pytest.warns(DegenerateGameWarning, match="continuum"):
        result = solve_anonymous_mixtures(game)
    assert result.degenerate and not result.complete
    assert all(eq.max_regret() < 1e-12 for eq in result)


def test_solve_anonymous_includes_mixtures_and_frames():
    game = AnonymousGame(3, lambda s, c: c[s], strategies=("a", "b", "c"))
    result = solve_anonymous(game)
    kinds = [type(eq).__name__ for eq in result]
    assert kinds.count("CountEquilibrium") == 3 and kinds.count("MixtureEquilibrium") == 7
    frame = result.to_frame()
    assert len(frame) == 10 and "stability" in frame.columns
    assert solve_anonymous_mixtures(game).to_frame()["stability"].tolist()[:3] == ["stable"] * 3


def test_rejects_other_games():
    with pytest.raises(InvalidGameError, match="AnonymousGame"):
        solve_anonymous_mixtures([[1, 0], [0, 1]])


def test_mixtures_answer_the_shared_equilibrium_interface():
    import json

    from deterrence.solvers.result import EquilibriumLike

    game = AnonymousGame(3, lambda s, c: -c[s], strategies=("a", "b", "c"))
    result = solve_anonymous_mixtures(game, exact=True)
    (eq,) = list(result)
    assert isinstance(eq, EquilibriumLike)
    assert eq.labelled_payoffs == dict.fromkeys("abc", Fraction(-2, 3))
    assert eq.as_dict() == dict.fromkeys("abc", Fraction(1, 3))
    assert json.loads(result.to_json())["equilibria"][0]["outcome"] == eq.outcome
    assert "max regret" in result._repr_html_()


def test_newton_points_are_proven_isolated_where_polynomials_exist():
    # four strategies, crowding: the uniform mix of the four is found by Newton (supports
    # of four are beyond the algebraic method) and proven isolated by the Krawczyk test
    game = AnonymousGame(3, lambda s, c: -c[s], strategies=tuple("abcd"))
    result = solve_anonymous_mixtures(game)
    (eq,) = list(result)
    assert eq.probabilities == pytest.approx((0.25,) * 4, abs=1e-12)
    assert eq.certified and eq.stability == "stable"
    assert all(low <= 0.25 <= high for low, high in eq.intervals)
    assert not result.complete and "1 proven isolated" in result.options["certified"]
