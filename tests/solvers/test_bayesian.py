"""Bayesian Nash equilibria through the Harsanyi transformation."""

from __future__ import annotations

from fractions import Fraction

import pytest

from deterrence.exceptions import InvalidGameError
from deterrence.games.bayesian import BayesianGame
from deterrence.solvers.bayesian import solve_bayesian


def bos_uncertain() -> BayesianGame:
    """Osborne, *An Introduction to Game Theory* (2004), sec. 9.2: Bach or Stravinsky in
    which player 2 wishes to meet player 1 (prob. 1/2) or to avoid her (prob. 1/2)."""
    return BayesianGame.from_type_games(
        {
            "meet": ([[2, 0], [0, 1]], [[1, 0], [0, 2]]),
            "avoid": ([[2, 0], [0, 1]], [[0, 2], [1, 0]]),
        },
        prior=["1/2", "1/2"],
        player_with_types="player 2",
        players=("player 1", "player 2"),
        actions=(("B", "S"), ("B", "S")),
    )


def test_bos_with_uncertainty_pure_equilibrium():
    """Osborne (2004, sec. 9.2): the unique pure Bayesian Nash equilibrium is player 1 B,
    player 2 B when she wishes to meet and S when she wishes to avoid."""
    result = solve_bayesian(bos_uncertain(), exact=True)
    pure = [eq.strategies for eq in result if eq.is_pure]
    assert pure == [{"player 1": {"player 1": "B"}, "player 2": {"meet": "B", "avoid": "S"}}]
    assert result.complete
    for eq in result:
        assert eq.max_regret() == 0
        for table in eq.type_strategies.values():
            for row in table.values():
                assert sum(row.values()) == 1


def test_two_type_entry_deterrence_threshold():
    """A 2x2 Bayesian entry game (Gibbons 1992, sec. 3.1 style): the incumbent is tough
    (fights: payoff 1 vs 0) with probability q; entry pays 2 against accommodation and -1
    against a fight, so entering is optimal iff 2(1 - q) - q >= 0, i.e. q <= 2/3."""

    def game(q: Fraction) -> BayesianGame:
        return BayesianGame.from_type_games(
            {
                "tough": ([[2, -1], [0, 0]], [[0, 1], [0, 0]]),
                "weak": ([[2, -1], [0, 0]], [[1, 0], [0, 0]]),
            },
            prior=[q, 1 - q],
            player_with_types="incumbent",
            players=("entrant", "incumbent"),
            actions=(("enter", "stay out"), ("accommodate", "fight")),
        )

    for q, enters in (
        (Fraction(1, 3), True),
        (Fraction(3, 5), True),
        (Fraction(7, 10), False),
        (Fraction(9, 10), False),
    ):
        result = solve_bayesian(game(q), exact=True)
        entering = [eq for eq in result if eq.strategies["entrant"]["entrant"] == "enter"]
        assert bool(entering) == enters
        for eq in entering:
            assert eq.strategies["incumbent"] == {"tough": "fight", "weak": "accommodate"}
            assert eq.payoffs[0] == 2 * (1 - q) - q


def test_three_players_pure_only():
    import numpy as np

    payoffs = np.zeros((3, 2, 1, 1, 2, 2, 2), dtype=int)
    payoffs[0, 0, 0, 0, 0] = 1  # type 0 of player 1 likes action 0
    payoffs[0, 1, 0, 0, 1] = 1  # type 1 likes action 1
    game = BayesianGame(payoffs, [["1/2", "1/2"], [1], [1]])
    result = solve_bayesian(game)
    assert not result.complete
    assert all(eq.strategies["player 1"] == {"t1": "a1", "t2": "a2"} for eq in result)


def test_bad_input():
    with pytest.raises(InvalidGameError, match="needs a BayesianGame"):
        solve_bayesian([[1]])
