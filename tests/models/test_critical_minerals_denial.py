"""The critical-minerals partners' damage-denial game (issue 16), three ways: the closed form
of its docstring, brute force over orderings and coalitions, and the capacity game it rests
on; then who is indispensable under each."""

from __future__ import annotations

import itertools
import math
from fractions import Fraction

import pytest

from deterrence.exceptions import InvalidGameError
from deterrence.models.critical_minerals import (
    PARTNERS,
    QUORUM,
    minerals_capacity_game,
    minerals_denial_game,
)
from deterrence.solvers.cooperative import (
    banzhaf_index,
    core,
    indispensability,
    shapley_value,
)

F = Fraction


@pytest.mark.parametrize("threat", [F(1), F(5, 2), F(1, 3)])
def test_worths_and_shapley_three_ways(threat):
    game = minerals_denial_game(threat=threat)
    players = game.players
    # 1. the closed form of the docstring
    closed = [0, 0, 0, 0, 0, F(5, 2), F(7, 2), F(11, 2)]
    assert game.exact_values == tuple(threat * v for v in closed)
    assert shapley_value(game).values == tuple(threat * v for v in (F(13, 12), F(19, 12), F(17, 6)))

    # 2. brute force: worths from the partners' table, Shapley over the 3! orderings
    def worth(members):
        capacity = sum(PARTNERS[m][0] for m in members)
        return threat * sum(PARTNERS[m][1] for m in members) if capacity >= QUORUM else 0

    totals = dict.fromkeys(players, F(0))
    for order in itertools.permutations(players):
        for k, member in enumerate(order):
            totals[member] += worth(order[: k + 1]) - worth(order[:k])
    assert shapley_value(game).values == tuple(
        totals[p] / math.factorial(len(players)) for p in players
    )

    # 3. the capacity game: a coalition is worth something exactly when it reaches the quota
    capacity = minerals_capacity_game()
    for mask in range(8):
        assert (game.value(mask) > 0) == (capacity.value(mask) == 1)


def test_who_is_indispensable_under_each_game():
    denial, capacity = minerals_denial_game(), minerals_capacity_game()
    # denial needs Australia under both: a veto at the game's threshold (the smallest worth
    # of a coalition that reaches the quota), as in [6; 3, 2, 4]
    for game in (denial, capacity):
        report = indispensability(game)
        assert report.most_indispensable == "Australia"
        assert report.frame["veto"].to_dict() == {"Australia": True, "US": False, "Japan": False}
    # the values part: exposure counts in the damage game, so Japan outranks the US there
    assert shapley_value(capacity).values == (F(1, 6), F(1, 6), F(2, 3))
    denial_values = dict(zip(denial.players, shapley_value(denial).values))
    assert denial_values["Japan"] > denial_values["US"]
    assert banzhaf_index(denial).values == (F(9, 8), F(13, 8), F(23, 8))
    # the core is not empty: Australia may take everything, the US at most 2, Japan at most 3
    result = core(denial)
    assert not result.empty and result.exact
    allocation = dict(zip(denial.players, result.point))
    assert allocation["US"] <= 2 and allocation["Japan"] <= 3 and sum(result.point) == F(11, 2)


def test_no_threat_no_damage_to_deny():
    game = minerals_denial_game(threat=0)
    assert set(game.exact_values) == {0} and game.threshold is None
    with pytest.raises(InvalidGameError, match="cannot deny"):
        indispensability(game)
    with pytest.raises(InvalidGameError, match="no parameter"):
        minerals_denial_game(quota=3)


def test_the_model_declares_the_game_and_reports_who_is_indispensable():
    from deterrence.models import get_model

    model = get_model("critical_minerals")
    assert model.coalition_game(threat=2) == minerals_denial_game(threat=2)
    (heading, lines), *_ = model.report_sections(threat=2, institutionalisation=1)
    assert heading == "Indispensability (critical-minerals damage denial)"
    assert lines[0] == "the grand coalition is worth 11"
    assert lines[1] == "Shapley value: US 13/6, Japan 19/6, Australia 17/3"
    assert lines[4].startswith("without Australia no coalition can deny the coercer")
    with pytest.raises(InvalidGameError, match="unknown parameter 'quota'"):
        model.coalition_game(quota=3)


def test_models_without_a_declaration_fall_back_to_the_alpha_function():
    from deterrence.models import get_model
    from deterrence.solvers.characteristic import characteristic_function

    dilemma = get_model("prisoners_dilemma")
    assert dilemma.coalition_game().exact_values == (0, 1, 1, 6)
    assert dilemma.report_sections() == ()  # only declared games are reported
    chicken = get_model("chicken")
    assert chicken.coalition_game(**chicken.defaults) == characteristic_function(
        chicken.build().at()
    )
    with pytest.raises(InvalidGameError, match="model 'punitive_signal' \\(kind 'signalling'\\)"):
        get_model("punitive_signal").coalition_game()
    with pytest.raises(InvalidGameError, match="model 'bloc_competition' \\(kind 'anonymous'\\)"):
        get_model("bloc_competition").coalition_game()


def test_a_coalition_hook_must_be_callable():
    from deterrence.models import get_model

    model = get_model("critical_minerals")
    with pytest.raises(InvalidGameError, match="coalition must be callable"):
        type(model)(**{**model.__dict__, "coalition": 3})
