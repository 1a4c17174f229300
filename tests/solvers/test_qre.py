"""Logit QRE: known limits (McKelvey & Palfrey 1995; Turocy 2005), fixed point, n players."""

from __future__ import annotations

import numpy as np
import pytest

from deterrence.exceptions import InvalidGameError
from deterrence.games.normal_form import NormalFormGame
from deterrence.solvers.api import solve
from deterrence.solvers.qre import logit_branch, logit_qre, solve_logit


def _softmax(values, lam):
    weights = np.exp(lam * (values - values.max()))
    return weights / weights.sum()


def test_lambda_zero_is_uniform():
    game = NormalFormGame.from_payoffs(np.arange(3 * 2 * 3 * 4).reshape(3, 2, 3, 4))
    point = logit_qre(game, 0.0)
    assert [s.tolist() for s in point.strategies] == [[0.5] * 2, [1 / 3] * 3, [0.25] * 4]


@pytest.mark.parametrize("lam", [0.5, 3.0, 20.0])
def test_qre_is_a_logit_fixed_point_three_players(lam):
    rng = np.random.default_rng(4)
    game = NormalFormGame.from_payoffs(rng.normal(size=(3, 2, 3, 2)))
    point = logit_qre(game, lam)
    assert point.lam == pytest.approx(lam)
    for i in range(3):
        values = game.action_values(i, list(point.strategies))
        assert point.strategies[i] == pytest.approx(_softmax(values, lam), abs=1e-10)


def test_matching_pennies_stays_at_half():
    game = NormalFormGame.zero_sum([[1, -1], [-1, 1]])
    for lam in (0.1, 1.0, 10.0):
        point = logit_qre(game, lam)
        for strategy in point.strategies:
            assert strategy.tolist() == pytest.approx([0.5, 0.5])


def test_asymmetric_matching_pennies_limit_is_nash():
    # McKelvey & Palfrey (1995): row gets 9 at (U, L); the Nash equilibrium has the column
    # playing L with probability 1/10 and the row mixing 1/2; along the branch the row
    # over-plays U (own-payoff effect) and the limit is the Nash equilibrium.
    game = NormalFormGame.from_matrices([[9, 0], [0, 1]], [[0, 1], [1, 0]])
    point = logit_qre(game, 5.0)
    assert point.strategies[0][0] > 0.5
    result = solve_logit(game)
    assert result[0].strategies[0].tolist() == pytest.approx([0.5, 0.5], abs=1e-9)
    assert result[0].strategies[1].tolist() == pytest.approx([0.1, 0.9], abs=1e-9)


@pytest.mark.parametrize("stag_payoff, expected", [(4, "hare"), (9, "stag")])
def test_coordination_selects_risk_dominant(stag_payoff, expected):
    # Harsanyi-Selten risk dominance in the stag hunt: (stag, stag) risk-dominates iff
    # (stag_payoff - 3)^2 > (3 - 0)^2; the logit principal branch selects the risk-dominant
    # equilibrium in 2x2 coordination games (Turocy 2005).
    game = NormalFormGame.from_matrices(
        [[stag_payoff, 0], [3, 3]],
        [[stag_payoff, 3], [0, 3]],
        strategies=(("stag", "hare"), ("stag", "hare")),
    )
    result = solve_logit(game)
    assert result[0].outcome == f"({expected}, {expected})"
    assert result[0].max_regret() == 0 or result[0].max_regret() <= 1e-12


def test_branch_is_continuous_and_reaches_lambda():
    game = NormalFormGame.from_matrices([[4, 0], [3, 3]], [[4, 3], [0, 3]])
    branch = logit_branch(game, max_lambda=30)
    lambdas = branch.lambdas
    assert lambdas[0] == 0 and lambdas[-1] >= 30
    steps = np.array(
        [np.abs(a.strategies[0] - b.strategies[0]).max() for a, b in zip(branch, branch[1:])]
    )
    assert steps.max() < 0.2
    frame = branch.to_frame()
    assert len(frame) == len(branch)


def test_regret_shrinks_along_the_branch():
    rng = np.random.default_rng(2)
    game = NormalFormGame.from_payoffs(rng.normal(size=(3, 2, 2, 2)))
    regrets = [logit_qre(game, lam).max_regret() for lam in (1.0, 10.0, 100.0)]
    assert regrets[0] > regrets[2]
    assert regrets[2] < 0.05


def test_solve_logit_n_players_returns_certified_equilibrium():
    rng = np.random.default_rng(9)
    game = NormalFormGame.from_payoffs(rng.normal(size=(4, 2, 2, 2, 2)))
    result = solve(game, method="logit")
    assert result.method == "logit" and not result.complete
    assert result.max_regret() <= 1e-9


def test_exact_logit_solution():
    game = NormalFormGame.from_matrices([[9, 0], [0, 1]], [[0, 1], [1, 0]])
    result = solve_logit(game, exact=True)
    assert result.exact
    assert result[0].max_regret() == 0


def test_bad_input():
    game = NormalFormGame.zero_sum([[1, -1], [-1, 1]])
    with pytest.raises(InvalidGameError, match="lam"):
        logit_qre(game, -1.0)
    with pytest.raises(InvalidGameError, match="NormalFormGame"):
        logit_qre([[1]], 1.0)
    with pytest.raises(InvalidGameError, match="two players"):
        logit_qre(NormalFormGame.from_payoffs([[1, 2]]), 1.0)


@pytest.mark.gambit
def test_same_logit_solution_as_pygambit():
    gbt = pytest.importorskip("pygambit", reason="pygambit not installed (the gambit extra)")
    rng = np.random.default_rng(21)
    for shape in [(2, 2), (3, 3), (2, 2, 2), (2, 3, 2)]:
        payoffs = rng.normal(size=(len(shape),) + shape).round(3)
        game = NormalFormGame.from_payoffs(payoffs)
        ours = solve_logit(game)[0]
        gambit_game = gbt.Game.from_arrays(*[np.array(p, dtype=float) for p in payoffs])
        theirs = gbt.nash.logit_solve(gambit_game).equilibria[0]
        profile = [[float(theirs[s]) for s in player.strategies] for player in gambit_game.players]
        for a, b in zip(profile, ours.strategies):
            assert np.allclose(a, b, atol=1e-4)
