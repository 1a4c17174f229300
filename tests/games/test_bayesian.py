"""Tests of BayesianGame (Harsanyi transformation) and SignallingGame construction."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest

from deterrence.exceptions import InvalidGameError
from deterrence.games.bayesian import BayesianGame, SignallingGame, independent_prior


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


def test_harsanyi_normal_form_by_hand():
    normal = bos_uncertain().to_normal_form()
    assert normal.strategies == (
        ("B", "S"),
        ("meet:B/avoid:B", "meet:B/avoid:S", "meet:S/avoid:B", "meet:S/avoid:S"),
    )
    # U1(B, (B, S)) = 1/2 * 2 + 1/2 * 0 = 1;  U2 = 1/2 * 1 + 1/2 * 2 = 3/2
    assert normal.payoff_matrix(0)[0, 1] == 1
    assert normal.payoff_matrix(1)[0, 1] == Fraction(3, 2)
    # U1(S, (S, B)) = 1/2 * 1 + 1/2 * 0
    assert normal.payoff_matrix(0)[1, 2] == Fraction(1, 2)


def test_joint_and_independent_priors():
    payoffs = np.zeros((2, 2, 2, 2, 2), dtype=int)
    joint = BayesianGame(payoffs, [["1/2", "1/4"], ["0", "1/4"]])
    assert joint.marginal(0).tolist() == [Fraction(3, 4), Fraction(1, 4)]
    independent = BayesianGame(payoffs, [["1/2", "1/2"], ["1/3", "2/3"]])
    assert independent.prior[1, 1] == Fraction(1, 3)
    prior, exact = independent_prior([0.5, 0.5], [1])
    assert not exact and prior.shape == (2, 1)


def test_bad_input():
    payoffs = np.zeros((2, 2, 1, 2, 2), dtype=int)
    with pytest.raises(InvalidGameError, match="sums to 3/2"):
        BayesianGame(payoffs, [["1/2", "1"], [1]])
    with pytest.raises(InvalidGameError, match="negative"):
        BayesianGame(payoffs, [["3/2"], ["-1/2"]])
    with pytest.raises(InvalidGameError, match="expected"):
        BayesianGame(np.zeros((2, 2, 2)), [1, 0])
    with pytest.raises(InvalidGameError, match="no payoffs for type profiles"):
        BayesianGame.from_type_games(
            {("a", "x"): np.zeros((2, 1, 1)), ("b", "y"): np.zeros((2, 1, 1))},
            prior=[["1/2", "1/2"], ["1/2", "1/2"]],
        )
    with pytest.raises(InvalidGameError, match="prior"):
        SignallingGame(np.zeros((2, 1, 1)), np.zeros((2, 1, 1)), ["1/2", "1/4"])
    with pytest.raises(InvalidGameError, match="at least two sender types"):
        SignallingGame(np.zeros((1, 1, 1)), np.zeros((1, 1, 1)), [1])
    with pytest.raises(InvalidGameError, match="receiver payoffs"):
        SignallingGame(np.zeros((2, 1, 1)), np.zeros((2, 2, 1)), ["1/2", "1/2"])


def test_signalling_as_bayesian_game():
    game = SignallingGame(
        [[[1, 0]], [[0, 1]]],
        [[[1, 0]], [[0, 1]]],
        ["1/2", "1/2"],
        types=("strong", "weak"),
        messages=("threaten",),
        actions=("back off", "press"),
    )
    bayesian = game.to_bayesian()
    assert bayesian.types == (("strong", "weak"), ("receiver",))
    assert bayesian.actions[1] == ("threaten:back off", "threaten:press")
