"""Cooperative games and their solutions (issue 16): construction, published values,
sampling within its stated error, core, nucleolus and indispensability."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest

from deterrence.exceptions import InvalidGameError
from deterrence.games.cooperative import CharacteristicFunctionGame, WeightedQuotaGame
from deterrence.solvers.cooperative import (
    banzhaf_index,
    core,
    indispensability,
    nucleolus,
    shapley_value,
)


def test_construction_errors_name_what_was_wrong():
    with pytest.raises(InvalidGameError, match="empty coalition must be worth 0"):
        CharacteristicFunctionGame(2, [1, 0, 0, 1])
    with pytest.raises(InvalidGameError, match="expected 2\\^2 = 4"):
        CharacteristicFunctionGame(2, [0, 1, 1])
    with pytest.raises(InvalidGameError, match="no value for 1 coalition"):
        CharacteristicFunctionGame.from_dict("ab", {"a": 1, "b": 1})
    with pytest.raises(InvalidGameError, match="'c' is not a player"):
        CharacteristicFunctionGame.from_dict("ab", {"c": 1}, default=0)
    with pytest.raises(InvalidGameError, match="distinct"):
        CharacteristicFunctionGame(["a", "a"], [0, 1, 1, 2])
    with pytest.raises(InvalidGameError, match="non-negative"):
        WeightedQuotaGame([1, -1], 1)
    with pytest.raises(InvalidGameError, match="quota must be positive"):
        WeightedQuotaGame([1, 1], 0)
    with pytest.raises(InvalidGameError, match="method='sample'"):
        shapley_value(WeightedQuotaGame([1] * 30, 16), method="exact")


def test_un_security_council_power_indices():
    """The 15-member Security Council (five vetoes, nine votes to pass) as [39; 7 x 5, 1 x 10]:
    Shapley-Shubik 0.1963 per permanent member and 0.0019 per elected one (exactly 421/2145
    and 4/2145), normalised Banzhaf 0.1669 and 0.0165 (Brams 1975, Game Theory and
    Politics, ch. 5)."""
    game = WeightedQuotaGame([7] * 5 + [1] * 10, 39)
    values = shapley_value(game).values
    assert values[0] == Fraction(421, 2145) and values[-1] == Fraction(4, 2145)
    banzhaf = banzhaf_index(game, normalized=True).array
    assert round(banzhaf[0], 4) == 0.1669 and round(banzhaf[-1], 4) == 0.0165


def test_sampling_is_within_its_stated_error_of_the_exact_value():
    game = WeightedQuotaGame([9, 7, 5, 4, 3, 2, 2, 1, 1, 1], 18)
    exact = shapley_value(game).array
    sampled = shapley_value(game, method="sample", num_samples=40_000, rng=3)
    assert np.all(np.abs(sampled.array - exact) <= 4 * np.array(sampled.standard_errors))
    exact_b = banzhaf_index(game).array
    sampled_b = banzhaf_index(game, method="sample", num_samples=40_000, rng=4)
    assert np.all(np.abs(sampled_b.array - exact_b) <= 4 * np.array(sampled_b.standard_errors))
    by_error = shapley_value(game, method="sample", error=0.002, rng=5)
    assert max(by_error.standard_errors) <= 0.002


def test_sampling_of_a_table_game_uses_the_generic_contributions():
    table = WeightedQuotaGame([3, 2, 2, 1], 5).to_characteristic_function()
    sampled = shapley_value(table, method="sample", num_samples=20_000, rng=0)
    exact = shapley_value(table).array
    assert np.all(np.abs(sampled.array - exact) <= 4 * np.array(sampled.standard_errors) + 1e-12)


def test_core_of_a_veto_game_and_an_empty_core():
    veto = core(WeightedQuotaGame([3, 1, 1], 4))
    assert not veto.empty and veto.point == (1, 0, 0) and veto.exact
    majority = core(WeightedQuotaGame([1, 1, 1], 2))
    assert majority.empty and majority.epsilon == Fraction(1, 3)
    assert len(majority.blocking) == 3


def test_nucleolus_of_published_games():
    # Maschler, Solan and Zamir (2013), Example 20.2-style 3-player game: v(12)=v(13)=v(23)=60
    # ... symmetric, so the nucleolus is equal shares of v(N)=90.
    game = CharacteristicFunctionGame.from_dict(
        "abc", {("a", "b"): 60, ("a", "c"): 60, ("b", "c"): 60, ("a", "b", "c"): 90}, default=0
    )
    assert nucleolus(game).values == (30, 30, 30)
    # the bankruptcy (Talmud) game of Aumann and Maschler (1985): estate 200, claims
    # 100, 200, 300 -> nucleolus (50, 75, 75)
    claims = {"a": 100, "b": 200, "c": 300}

    def worth(members):
        return max(0, 200 - sum(v for k, v in claims.items() if k not in members))

    talmud = CharacteristicFunctionGame.from_function("abc", worth)
    assert nucleolus(talmud).values == (50, 75, 75)


def test_indispensability_with_a_threshold_and_for_large_games():
    game = CharacteristicFunctionGame.from_function(
        ["us", "japan", "eu"], lambda s: 3 * ("us" in s) + 2 * ("japan" in s) + ("eu" in s)
    )
    report = indispensability(game, threshold=5)
    assert report.frame.loc["us", "veto"] and report.frame.loc["japan", "veto"]
    assert report.frame.loc["eu", "pivotal_share"] == 0
    big = WeightedQuotaGame([100] + [1] * 199, 200)
    report = indispensability(big, num_samples=5000, rng=0)
    assert report.method == "sample" and report.most_indispensable == "player 1"
    assert "holds a veto" in report.sentences[0]
    with pytest.raises(InvalidGameError, match="below the threshold"):
        indispensability(game, threshold=7)
