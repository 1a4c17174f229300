"""Anonymous-game solvers: known answers, cross-checks with the expanded normal form."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest
from scipy.stats import binom

from deterrence.exceptions import DegenerateGameWarning, InvalidGameError, UnsupportedGameError
from deterrence.games.anonymous import AnonymousGame
from deterrence.games.anonymous_families import (
    alliance_burden_sharing,
    minimum_effort,
    threshold_public_good,
    volunteers_dilemma,
)
from deterrence.solvers.anonymous import (
    indifference_function,
    replicator_stability,
    solve_anonymous_pure,
    solve_anonymous_symmetric,
    solve_burden_sharing,
)
from deterrence.solvers.pure import solve_pure


# ---------------------------------------------------------------- volunteer's dilemma
@pytest.mark.parametrize("num_players", [2, 3, 5, 50, 10_000])
@pytest.mark.parametrize("benefit, cost", [(2, 1), (10, 3)])
def test_volunteers_dilemma_diekmann(num_players, benefit, cost):
    # Diekmann (1985): each abstains with probability (C/U)^(1/(N-1)).
    game = volunteers_dilemma(num_players, benefit=benefit, cost=cost)
    result = solve_anonymous_symmetric(game)
    assert len(result) == 1
    (eq,) = result
    abstain = (cost / benefit) ** (1 / (num_players - 1))
    assert float(eq.probability) == pytest.approx(1 - abstain, rel=1e-10, abs=1e-14)
    assert eq.stability == "stable"
    assert eq.payoff == pytest.approx(benefit - cost)


def test_volunteers_dilemma_two_players_is_exact_rational():
    result = solve_anonymous_symmetric(volunteers_dilemma(2, benefit=4, cost=1), exact=True)
    assert [eq.probability for eq in result] == [Fraction(3, 4)]
    assert result.exact


def test_volunteers_dilemma_pure_equilibria_have_one_volunteer():
    result = solve_anonymous_pure(volunteers_dilemma(7))
    assert [eq.counts for eq in result] == [(1, 6)]
    assert result[0].describe() == "1 of 7 volunteer, 6 of 7 abstain"


# ---------------------------------------------------------------- threshold public good
def test_threshold_public_good_three_players_two_needed_by_hand():
    # N = 3, K = 2: a contributor is pivotal when exactly one of the two others contributes,
    # probability 2p(1-p). Indifference 2Vp(1-p) = c; with V = 8, c = 3:
    # p^2 - p + 3/16 = 0, so p = 1/4 or p = 3/4.
    game = threshold_public_good(3, threshold=2, value=8, cost=3)
    exact = solve_anonymous_symmetric(game, exact=True)
    assert [eq.probability for eq in exact] == [0, Fraction(1, 4), Fraction(3, 4)]
    assert [eq.stability for eq in exact] == ["stable", "unstable", "stable"]
    floating = solve_anonymous_symmetric(game)
    assert [float(eq.probability) for eq in floating] == pytest.approx([0, 0.25, 0.75])
    # the payoff at p = 3/4: contribute pays 8*P(at least one other) - 3 = 8*(15/16) - 3
    assert exact[2].payoff == pytest.approx(8 * 15 / 16 - 3)


def test_threshold_public_good_irrational_roots():
    # V = 1, c = 1/4: 2p(1-p) = 1/4, p = (1 -+ sqrt(1/2))/2
    game = threshold_public_good(3, threshold=2, value=1, cost="1/4")
    result = solve_anonymous_symmetric(game, exact=True)
    roots = [float(eq.probability) for eq in result if 0 < eq.probability < 1]
    expected = [(1 - math.sqrt(0.5)) / 2, (1 + math.sqrt(0.5)) / 2]
    assert roots == pytest.approx(expected, abs=1e-12)
    for eq in result:
        low, high = eq.interval
        assert low <= float(eq.probability) <= high


@pytest.mark.parametrize("threshold", [2, 10, 100, 9_990])
def test_threshold_public_good_ten_thousand_members(threshold):
    n = 10_000
    value, cost = 50, 1
    game = threshold_public_good(n, threshold=threshold, value=value, cost=cost)
    result = solve_anonymous_symmetric(game)
    interior = [eq for eq in result if 0 < eq.probability < 1]
    # independent check: being pivotal has probability binom.pmf(K-1; N-1, p)
    for eq in interior:
        pivotal = binom.pmf(threshold - 1, n - 1, float(eq.probability))
        assert value * pivotal == pytest.approx(cost, rel=1e-8)
    # at most two interior roots (pmf is unimodal in p); both exist iff the max pivot
    # probability (at p = (K-1)/(N-1)) exceeds c/V
    peak = binom.pmf(threshold - 1, n - 1, (threshold - 1) / (n - 1))
    assert len(interior) == (2 if value * peak > cost else 0)
    if interior:
        assert [eq.stability for eq in interior] == ["unstable", "stable"]
    assert result[0].probability == 0 and result[0].stability == "stable"


def test_threshold_public_good_pure_equilibria():
    # nobody contributes, or exactly K contribute (Palfrey & Rosenthal 1984)
    result = solve_anonymous_pure(threshold_public_good(1000, threshold=30, value=3, cost=1))
    assert [eq.counts for eq in result] == [(30, 970), (0, 1000)]


# ---------------------------------------------------------------- minimum effort
def test_minimum_effort_pure_equilibria_are_common_efforts():
    # Van Huyck, Battalio & Beil (1990): every common effort is an equilibrium, no other
    game = minimum_effort(4, efforts=(1, 2, 3, 4))
    result = solve_anonymous_pure(game)
    counts = sorted(eq.counts for eq in result)
    assert counts == [(0, 0, 0, 4), (0, 0, 4, 0), (0, 4, 0, 0), (4, 0, 0, 0)]
    payoffs = {eq.counts.index(4): eq.payoffs[eq.counts.index(4)] for eq in result}
    assert payoffs == {e: Fraction(1, 10) * (e + 1) + Fraction(3, 5) for e in range(4)}


def test_symmetric_needs_two_strategies():
    with pytest.raises(UnsupportedGameError, match="two strategies"):
        solve_anonymous_symmetric(minimum_effort(3))


# ---------------------------------------------------------------- cross-checks
def _random_games(seed, count, max_players=6):
    rng = np.random.default_rng(seed)
    for _ in range(count):
        n = int(rng.integers(2, max_players + 1))
        yield AnonymousGame(n, rng.integers(-4, 5, size=(2, n)).tolist())


def test_pure_count_profiles_match_expanded_game():
    for game in _random_games(1, 25):
        expanded = solve_pure(game.to_normal_form(), exact=True)
        counts = sorted(
            tuple(int(sum(eq.strategies[i][s] for i in range(game.num_players))) for s in range(2))
            for eq in expanded
        )
        expected = sorted(
            eq.counts
            for eq in solve_anonymous_pure(game)
            for _ in range(math.comb(game.num_players, eq.counts[0]))
        )
        assert counts == expected


def test_three_strategy_pure_matches_expanded_game():
    rng = np.random.default_rng(5)
    for _ in range(5):
        game = AnonymousGame(4, rng.integers(-3, 4, size=(3, 10)).tolist())
        expanded = solve_pure(game.to_normal_form())
        anonymous = solve_anonymous_pure(game)
        multiplicity = sum(
            math.factorial(4) // math.prod(math.factorial(c) for c in eq.counts) for eq in anonymous
        )
        assert len(expanded) == multiplicity
        for eq in anonymous:
            assert eq.to_equilibrium().max_regret() == 0


def test_symmetric_equilibria_are_nash_in_expanded_game():
    for game in _random_games(2, 25):
        with (
            pytest.warns(DegenerateGameWarning)
            if not np.any(game.payoff_difference() != 0)
            else _nothing()
        ):
            result = solve_anonymous_symmetric(game, exact=True)
        for eq in result:
            assert float(eq.to_equilibrium().max_regret()) <= 1e-9


def test_exact_and_float_root_isolation_agree():
    rng = np.random.default_rng(3)
    for _ in range(60):
        n = int(rng.integers(2, 40))
        # smooth-ish payoffs with several sign changes
        values = np.round(5 * np.sin(rng.uniform(0.1, 0.6) * np.arange(n) + rng.uniform(0, 6)))
        game = AnonymousGame(n, [values.astype(int).tolist(), [0] * n])
        if not np.any(values):
            continue
        exact = solve_anonymous_symmetric(game, exact=True)
        floating = solve_anonymous_symmetric(game)
        assert [float(e.probability) for e in exact] == pytest.approx(
            [float(e.probability) for e in floating], abs=1e-9
        )
        assert [e.stability for e in exact] == [e.stability for e in floating]


class _nothing:
    def __enter__(self):
        return self

    def __exit__(self, *args):
        return False


def test_degenerate_game_warns_and_flags():
    game = AnonymousGame(4, [[1, 1, 1, 1], [1, 1, 1, 1]])
    with pytest.warns(DegenerateGameWarning, match="identically zero"):
        result = solve_anonymous_symmetric(game)
    assert result.degenerate and not result.complete
    assert replicator_stability(game, 0.3) == "neutral"


def test_indifference_function_and_stability():
    game = threshold_public_good(3, threshold=2, value=8, cost=3)
    f = indifference_function(game)
    assert f([0.25, 0.75]) == pytest.approx([0, 0], abs=1e-12)
    assert f(0.5) == pytest.approx(2 * 8 * 0.25 - 3)
    assert replicator_stability(game, 0.75) == "stable"
    assert replicator_stability(game, 0.25) == "unstable"
    assert replicator_stability(game, 0.0) == "stable"


def test_solvers_reject_other_objects():
    with pytest.raises(InvalidGameError, match="AnonymousGame"):
        solve_anonymous_pure([[1, 2], [3, 4]])
    with pytest.raises(InvalidGameError, match="AllianceGame"):
        solve_burden_sharing(volunteers_dilemma(3))


def test_result_frames():
    result = solve_anonymous_symmetric(threshold_public_good(3, threshold=2, value=8, cost=3))
    frame = result.to_frame()
    assert list(frame["stability"]) == ["stable", "unstable", "stable"]
    pure = solve_anonymous_pure(threshold_public_good(3, threshold=2, value=8, cost=3))
    assert "description" in pure.to_frame().columns


# ---------------------------------------------------------------- Olson & Zeckhauser
def test_alliance_two_allies_rich_carries_everything():
    # alpha = 1/2, so r = 1. Only the rich ally: Q = 10 / (1 + 1) = 5; the small ally's
    # income 2 <= r Q = 5, so it free-rides; x_1 = 10 - 5 = 5.
    eq = solve_burden_sharing(alliance_burden_sharing([10, 2], allies=("US", "Denmark")))
    assert eq.contributions == (5, 0)
    assert eq.total_defence == 5
    assert eq.free_riders == ("Denmark",)
    assert eq.contributors == ("US",)


def test_alliance_both_contribute_disproportionately():
    # Y = (6, 4), alpha = 1/2: both contribute, Q = 10 / 3, x = (6 - 10/3, 4 - 10/3)
    eq = solve_burden_sharing(alliance_burden_sharing([6, 4]))
    assert eq.contributions == (Fraction(8, 3), Fraction(2, 3))
    assert eq.burden_shares == (Fraction(4, 9), Fraction(1, 6))
    assert eq.burden_shares[0] > eq.burden_shares[1]  # the exploitation of the great


def test_alliance_boundary_case_and_unequal_weights():
    # Y = (12, 6, 2), alpha = 1/2: with two contributors Q = 18/3 = 6 and ally 2 would need
    # 6 > 6; so only ally 1: Q = 6, and 6 <= 6, 2 <= 6 free-ride.
    eq = solve_burden_sharing(alliance_burden_sharing([12, 6, 2]))
    assert eq.contributions == (6, 0, 0)
    # weights 2/3 and 1/3: r = (1/2, 2), Y/r = (8, 3/2). Ally 1 alone: Q = 4/(3/2) = 8/3
    # and 3/2 <= 8/3, so ally 2 free-rides; x_1 = 4 - (1/2)(8/3) = 8/3.
    eq = solve_burden_sharing(alliance_burden_sharing([4, 3], defence_weight=["2/3", "1/3"]))
    assert eq.contributions == (Fraction(8, 3), 0)


def test_alliance_equilibrium_is_a_best_response_numerically():
    game = alliance_burden_sharing([9, 5, 3, 1], defence_weight=["1/2", "3/5", "1/2", "1/3"])
    eq = solve_burden_sharing(game)
    contributions = [float(x) for x in eq.contributions]
    for i, income in enumerate(float(y) for y in game.incomes):
        best = eq.utilities[i]
        for x in np.linspace(0, income * 0.999, 2001):
            trial = list(contributions)
            trial[i] = x
            assert game.utility(i, trial) <= best + 1e-9


def test_symmetric_equilibria_found_by_general_n_player_solver():
    # the expanded 3-player game solved by support enumeration + homotopy contains every
    # symmetric equilibrium the anonymous solver reports (generic float payoffs)
    from deterrence.solvers.polynomial_enumeration import solve_polynomial_enumeration

    rng = np.random.default_rng(8)
    for _ in range(3):
        game = AnonymousGame(3, rng.normal(size=(2, 3)).tolist())
        general = solve_polynomial_enumeration(game.to_normal_form())
        assert general.complete
        for eq in solve_anonymous_symmetric(game):
            assert any(eq.to_equilibrium().isclose(other, tol=1e-7) for other in general)
        symmetric_general = [
            e for e in general if all(np.allclose(e.strategies[0], s) for s in e.strategies)
        ]
        assert len(symmetric_general) == len(solve_anonymous_symmetric(game))


@pytest.mark.parametrize("n, quorums", [(300, (120, 200)), (1200, (300, 900))])
def test_two_quorums_lose_no_symmetric_equilibrium(n, quorums):
    """Regression: the float derivative cascade lost two of the four interior roots at
    N = 300 and exceeded the recursion limit at N = 1200; the answer is now checked against
    Descartes' bound and the signs of the gain on a fine grid."""
    from fractions import Fraction

    from deterrence.solvers.anonymous import indifference_function

    d = [(3 if k in quorums else 0) - Fraction(1, 100) for k in range(n)]
    for table in ([d, [0] * n], [[float(x) for x in d], [0.0] * n]):
        game = AnonymousGame(n, table)
        result = solve_anonymous_symmetric(game)
        interior = [eq for eq in result if 0 < eq.probability < 1]
        assert [eq.stability for eq in interior] == ["unstable", "stable", "unstable", "stable"]
        gain = indifference_function(game)
        h = np.linspace(1e-6, 1 - 1e-6, 40_001)
        signs = np.sign(gain(h))
        assert int(np.count_nonzero(signs[1:] != signs[:-1])) == 4
        for eq in interior:  # each is a root of the gain
            p = float(eq.probability)
            assert np.sign(gain(p - 1e-7)) != np.sign(gain(p + 1e-7))
        assert result.options["root_isolation"] in ("bernstein", "grid", "flint")


def test_solve_anonymous_combines_count_and_symmetric_equilibria():
    from deterrence.exceptions import InvalidGameError
    from deterrence.models.friend_shoring import friend_shoring_commitment
    from deterrence.solvers.anonymous import (
        CountEquilibrium,
        SymmetricEquilibrium,
        solve_anonymous,
    )

    game = friend_shoring_commitment()  # parametric: solved at its defaults
    both = solve_anonymous(game)
    counts = [eq.counts for eq in both if isinstance(eq, CountEquilibrium)]
    assert counts == [eq.counts for eq in solve_anonymous_pure(game.at())]
    symmetric = [eq for eq in both if isinstance(eq, SymmetricEquilibrium)]
    assert len(symmetric) == len(solve_anonymous_symmetric(game.at()))
    assert all(isinstance(eq, CountEquilibrium) for eq in solve_anonymous(game, method="pure"))
    with pytest.raises(InvalidGameError, match="not available for anonymous games"):
        solve_anonymous(game, method="lemke_howson")
