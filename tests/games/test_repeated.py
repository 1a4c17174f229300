"""Tests of deterrence.games.repeated: the prisoner's dilemma family and RepeatedGame."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from deterrence.exceptions import InvalidGameError, UnsupportedGameError
from deterrence.games.normal_form import NormalFormGame
from deterrence.games.repeated import (
    RepeatedGame,
    prisoners_dilemma,
    prisoners_dilemma_payoffs,
)


@st.composite
def pd_payoffs(draw):
    """Integer (T, R, P, S) with T > R > P > S and 2R > T + S (Axelrod 1984, p. 10)."""
    sucker = draw(st.integers(-10, 10))
    gap_low = draw(st.integers(1, 10))  # P - S
    gap_mid = draw(st.integers(1, 10))  # R - P
    gap_top = draw(st.integers(1, gap_low + gap_mid - 1))  # T - R < R - S
    punishment = sucker + gap_low
    reward = punishment + gap_mid
    return reward + gap_top, reward, punishment, sucker


def test_default_is_axelrods_tournament_game():
    game = prisoners_dilemma()
    assert game.payoff_matrix(0).tolist() == [[3, 0], [5, 1]]
    assert game.payoff_matrix(1).tolist() == [[3, 5], [0, 1]]
    assert game.is_exact
    assert game.strategies == (("cooperate", "defect"), ("cooperate", "defect"))


def test_labels_are_used():
    game = prisoners_dilemma(players=("bloc A", "bloc B"), actions=("open", "friend-shore"))
    assert game.players == ("bloc A", "bloc B")
    assert game.strategy_index("bloc B", "friend-shore") == 1


def test_defection_is_dominant_and_mutual_defection_the_equilibrium():
    game = prisoners_dilemma(4, 3, 2, 1)
    assert game.best_responses(0, [0, 0]) == (1,)
    assert game.best_responses(0, [0, 1]) == (1,)


@pytest.mark.parametrize(
    ("payoffs", "fragment"),
    [
        ((3, 5, 1, 0), "T > R > P > S; got T=3, R=5, P=1, S=0"),
        ((5, 3, 3, 0), "T > R > P > S; got T=5, R=3, P=3, S=0"),
        ((5, 3, 1, 2), "got T=5, R=3, P=1, S=2"),
        ((7, 3, 1, 0), "2R > T + S"),
    ],
)
def test_invalid_payoffs_are_named(payoffs, fragment):
    with pytest.raises(InvalidGameError, match=fragment.replace("+", r"\+")):
        prisoners_dilemma(*payoffs)


def test_strict_false_allows_alternation_games():
    game = prisoners_dilemma(7, 3, 1, 0, strict=False)
    assert game.payoff_matrix(0)[1, 0] == 7


def test_fractions_strings_and_floats():
    assert prisoners_dilemma("5/2", 2, 1, 0).payoff_matrix(0)[1, 0] == Fraction(5, 2)
    game = prisoners_dilemma(5.0, 3, 1, 0)
    assert not game.is_exact


def test_non_numbers_and_wrong_action_count_rejected():
    with pytest.raises(InvalidGameError, match="temptation"):
        prisoners_dilemma("lots", 3, 1, 0)
    with pytest.raises(InvalidGameError, match="two labels"):
        prisoners_dilemma(actions=("a", "b", "c"))


def test_payoffs_read_back():
    assert tuple(prisoners_dilemma_payoffs(prisoners_dilemma(6, 4, 2, 1))) == (6, 4, 2, 1)


def test_payoffs_of_asymmetric_or_larger_games_rejected():
    asymmetric = NormalFormGame.from_matrices([[3, 0], [5, 1]], [[3, 5], [0, 2]])
    with pytest.raises(InvalidGameError, match="not symmetric"):
        prisoners_dilemma_payoffs(asymmetric)
    with pytest.raises(UnsupportedGameError, match="2x2"):
        prisoners_dilemma_payoffs(NormalFormGame.zero_sum([[1, 2, 3], [4, 5, 6]]))
    stag_hunt = NormalFormGame.from_matrices([[4, 0], [3, 3]], [[4, 3], [0, 3]])
    with pytest.raises(InvalidGameError, match="not a prisoner's dilemma"):
        prisoners_dilemma_payoffs(stag_hunt)
    assert prisoners_dilemma_payoffs(stag_hunt, check=False).reward == 4


@given(pd_payoffs())
def test_family_round_trip(payoffs):
    game = prisoners_dilemma(*payoffs)
    assert tuple(prisoners_dilemma_payoffs(game)) == payoffs
    assert (game.payoff_matrix(0).T == game.payoff_matrix(1)).all()


def test_repeated_game_validation():
    game = RepeatedGame(prisoners_dilemma(), "9/10")
    assert game.discount == Fraction(9, 10) and game.is_exact
    assert game.players == ("player 1", "player 2")
    for bad in (1, -0.1, "3/2"):
        with pytest.raises(InvalidGameError, match="discount"):
            RepeatedGame(prisoners_dilemma(), bad)
    with pytest.raises(InvalidGameError, match="NormalFormGame"):
        RepeatedGame([[1, 2], [3, 4]], 0.5)
    three = NormalFormGame.from_payoffs([[[[0, 0], [0, 0]], [[0, 0], [0, 0]]]] * 3)
    with pytest.raises(InvalidGameError, match="two-player"):
        RepeatedGame(three, 0.5)


def test_repeated_game_is_frozen_and_replace_validates():
    game = RepeatedGame(prisoners_dilemma(), 0.5)
    with pytest.raises(AttributeError):
        game.discount = 0.9
    assert game.replace(discount="1/3").discount == Fraction(1, 3)
    with pytest.raises(InvalidGameError):
        game.replace(discount=2)


def test_discounted_value_of_cooperation_forever_tends_to_reward():
    # (1 - d) sum_{t<n} d^t R = R (1 - d^n)
    game = RepeatedGame(prisoners_dilemma(), "1/2")
    value = game.discounted_value([("cooperate", "cooperate")] * 10)
    assert value == (3 * (1 - Fraction(1, 2) ** 10),) * 2
    with pytest.raises(InvalidGameError, match="pair"):
        game.discounted_value([(0,)])
