"""AnonymousGame: construction, validation, expansion to the normal form, families."""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np
import pytest
import sympy

from deterrence.exceptions import InvalidGameError, InvalidProfileError, UnsupportedGameError
from deterrence.games.anonymous import AnonymousGame
from deterrence.games.anonymous_families import (
    AllianceGame,
    alliance_burden_sharing,
    minimum_effort,
    threshold_public_good,
    volunteers_dilemma,
)


def test_array_expression_and_callable_forms_agree():
    table = [[Fraction(k, 2) - 1 for k in range(6)], [Fraction(k, 2) for k in range(6)]]
    from_array = AnonymousGame(6, table, strategies=("honour", "defect"))
    from_strings = AnonymousGame(6, {"honour": "k/2 - 1", "defect": "k/2"})
    k = sympy.Symbol("k")
    from_sympy = AnonymousGame(6, [k / 2 - 1, k / 2], strategies=("honour", "defect"))
    from_callable = AnonymousGame(
        6,
        lambda s, counts: Fraction(counts[0], 2) - (1 if s == 0 else 0),
        strategies=("honour", "defect"),
    )
    for game in (from_strings, from_sympy, from_callable):
        assert game == from_array
        assert game.is_exact


def test_parameters_and_float_parameters():
    game = AnonymousGame(
        4, {"a": "benefit*k - cost", "b": "benefit*k"}, parameters={"benefit": "1/3", "cost": 1}
    )
    assert game.table[0, 3] == 0
    floaty = game.replace(parameters={"benefit": 0.5, "cost": 1})
    assert not floaty.is_exact
    assert floaty.table[0, 2] == pytest.approx(0.0)


def test_three_strategy_counts_and_lookup():
    game = AnonymousGame(3, lambda s, c: 10 * s + c[0] + 2 * c[1], strategies=("a", "b", "c"))
    # compositions of 2 others into 3 strategies
    assert game.count_profiles.tolist() == [
        [0, 0, 2],
        [0, 1, 1],
        [0, 2, 0],
        [1, 0, 1],
        [1, 1, 0],
        [2, 0, 0],
    ]
    assert game.payoff(2, (1, 1, 0)) == 23
    with pytest.raises(InvalidProfileError, match="summing to 2"):
        game.payoff(0, (1, 1, 1))


@pytest.mark.parametrize(
    "bad, match",
    [
        ((1, [[0], [1]]), "num_players is 1"),
        ((3, [[0, 1], [1, 1]]), r"shape \(2, 2\); expected \(2, 3\)"),
        ((3, [[0, 1, float("nan")], [1, 1, 1]]), "finite"),
        ((3, {"a": "k + unknown", "b": "1"}), "unknown symbol 'unknown'"),
        ((3, [[7]]), None),
        ((3, lambda s, c: 0), "needs the strategies labels"),
    ],
)
def test_invalid_input_is_named(bad, match):
    if match is None:  # a single strategy is allowed
        assert AnonymousGame(*bad).num_strategies == 1
        return
    with pytest.raises(InvalidGameError, match=match):
        AnonymousGame(*bad)


def test_duplicate_labels_rejected():
    with pytest.raises(InvalidGameError, match="duplicate"):
        AnonymousGame(3, [[0, 1, 2], [1, 1, 1]], strategies=("a", "a"))


def test_to_normal_form_payoffs_match_definition():
    game = threshold_public_good(4, threshold=2, value=5, cost=2)
    nfg = game.to_normal_form()
    assert nfg.num_players == 4
    for profile in itertools.product(range(2), repeat=4):
        contributors = profile.count(0)
        for i, s in enumerate(profile):
            others = contributors - (s == 0)
            expected = (5 if others >= 1 else 0) - 2 if s == 0 else (5 if others >= 2 else 0)
            assert nfg.payoffs[(i,) + profile] == expected


def test_to_normal_form_three_strategies_consistent():
    game = minimum_effort(3, efforts=(1, 2, 3))
    nfg = game.to_normal_form()
    # payoff of player 0 at efforts (3, 2, 1): 0.2*1 - 0.1*3 + 0.6
    assert nfg.payoffs[0, 2, 1, 0] == Fraction(1, 2)
    assert nfg.payoffs[2, 2, 1, 0] == Fraction(7, 10)


def test_to_normal_form_refuses_large_games_and_names_the_way_forward():
    game = volunteers_dilemma(40)
    with pytest.raises(UnsupportedGameError, match="solve_anonymous_symmetric"):
        game.to_normal_form()


def test_symmetric_payoffs_binomial_average():
    game = volunteers_dilemma(3, benefit=4, cost=1)
    # abstain pays 4 unless both others abstain (prob q^2)
    q = 0.3
    values = game.symmetric_payoffs([1 - q, q])
    assert values == pytest.approx([3.0, 4 * (1 - q**2)])


def test_families_validate_parameters():
    with pytest.raises(InvalidGameError, match="cost < benefit"):
        volunteers_dilemma(3, benefit=1, cost=2)
    with pytest.raises(InvalidGameError, match="threshold is 5"):
        threshold_public_good(4, threshold=5)
    with pytest.raises(InvalidGameError, match="increasing"):
        minimum_effort(3, efforts=(2, 1))


def test_alliance_game_validation():
    with pytest.raises(InvalidGameError, match="positive"):
        AllianceGame([3, -1])
    with pytest.raises(InvalidGameError, match=r"\(0, 1\)"):
        alliance_burden_sharing([3, 1], defence_weight=1)
    with pytest.raises(InvalidGameError, match="one per ally"):
        alliance_burden_sharing([3, 1], defence_weight=["1/2", "1/3", "1/4"])


def test_games_are_immutable():
    game = AnonymousGame(3, {"a": "k", "b": "1"})
    with pytest.raises(ValueError):
        game.table[0, 0] = 5
    with pytest.raises(AttributeError):
        game.num_players = 4  # type: ignore[misc]
    assert game.replace(num_players=5).num_players == 5
    assert np.asarray(game.table).shape == (2, 3)


def test_threshold_family_matches_its_formula_as_expressions():
    # Palfrey & Rosenthal: contribute pays V*1[k >= K-1] - c, withhold V*1[k >= K]
    formula = AnonymousGame(
        7,
        {
            "contribute": "V*min(1, max(0, k - K + 2)) - c",
            "withhold": "V*min(1, max(0, k - K + 1))",
        },
        parameters={"V": 8, "c": "3/2", "K": 3},
    )
    assert formula == threshold_public_good(7, threshold=3, value=8, cost="3/2")
    assert formula.is_exact


def test_volunteers_family_matches_its_formula():
    # Diekmann: volunteer U - C; abstain U if another volunteers, else 0
    formula = AnonymousGame(
        6, {"volunteer": "U - C", "abstain": "U*min(1, k)"}, parameters={"U": 5, "C": 2}
    )
    assert formula == volunteers_dilemma(6, benefit=5, cost=2)
