"""Classic games: each key result checked against the equilibria, parametrically."""

from __future__ import annotations

from fractions import Fraction as F

import pytest

from deterrence import solve
from deterrence.models.classic import (
    battle_of_the_sexes,
    chicken,
    classify_symmetric_game,
    deadlock,
    harmony,
    matching_pennies,
    offense_defense,
    prisoners_dilemma,
    stag_hunt,
)
from tests.models.conftest import profiles


@pytest.mark.parametrize(
    "builder, kind",
    [
        (prisoners_dilemma, "prisoner's dilemma"),
        (stag_hunt, "stag hunt"),
        (chicken, "chicken"),
        (deadlock, "deadlock"),
        (harmony, "harmony"),
    ],
)
def test_defaults_are_in_their_class(builder, kind):
    m = builder().at().payoff_matrix(0)
    assert (
        classify_symmetric_game(
            reward=m[0, 0], temptation=m[1, 0], sucker=m[0, 1], punishment=m[1, 1]
        )
        == kind
    )


@pytest.mark.parametrize("values", [dict(), dict(temptation=7, reward=4, punishment=2, sucker=-1)])
def test_prisoners_dilemma_unique_defection(outcomes, values):
    assert outcomes(prisoners_dilemma(), **values) == {"(defect, defect)"}


@pytest.mark.parametrize(
    "reward, temptation, punishment, sucker", [(4, 3, 2, 0), (5, 1, 3, 2), (10, 9, 1, -5)]
)
def test_stag_hunt_mixed_probability(reward, temptation, punishment, sucker):
    result = solve(
        stag_hunt().at(reward=reward, temptation=temptation, punishment=punishment, sucker=sucker),
        exact=True,
    )
    mixed = [eq for eq in result if not eq.is_pure]
    expected = F(punishment - sucker, reward - temptation + punishment - sucker)
    assert [eq.as_dict()["bloc A"]["cooperate"] for eq in mixed] == [expected]
    assert len(result) == 3


@pytest.mark.parametrize("reward, temptation, punishment, sucker", [(3, 4, 0, 1), (2, 5, -3, 0)])
def test_chicken_mixed_probability(reward, temptation, punishment, sucker):
    result = solve(
        chicken().at(reward=reward, temptation=temptation, punishment=punishment, sucker=sucker),
        exact=True,
    )
    mixed = [eq for eq in result if not eq.is_pure]
    expected = F(temptation - reward, temptation - reward + sucker - punishment)
    assert [eq.as_dict()["bloc A"]["stand firm"] for eq in mixed] == [expected]


def test_deadlock_and_harmony(outcomes):
    assert outcomes(deadlock()) == {"(defect, defect)"}
    assert outcomes(harmony()) == {"(cooperate, cooperate)"}


@pytest.mark.parametrize("preferred, conceded, miscoordination", [(2, 1, 0), (5, 2, 1)])
def test_battle_of_the_sexes(preferred, conceded, miscoordination):
    result = solve(
        battle_of_the_sexes().at(
            preferred=preferred, conceded=conceded, miscoordination=miscoordination
        ),
        exact=True,
    )
    mixed = [eq for eq in result if not eq.is_pure]
    expected = F(preferred - miscoordination, preferred + conceded - 2 * miscoordination)
    assert [eq.as_dict()["ally A"]["standard A"] for eq in mixed] == [expected]
    assert [eq.as_dict()["ally B"]["standard B"] for eq in mixed] == [expected]


@pytest.mark.parametrize("stake", [F(1, 2), 1, 7])
def test_matching_pennies(stake):
    (eq,) = solve(matching_pennies().at(stake=stake), exact=True)
    assert eq.as_dict()["enforcer"]["route A"] == F(1, 2)
    assert eq.payoffs == (0, 0)


@pytest.mark.parametrize(
    "advantage, distinguishability",
    [
        (F(1, 10), 0),
        (F(3, 10), 0),
        (F(2, 5), 0),
        (F(3, 4), 0),
        (1, F(1, 3)),
        (1, F(2, 3)),
        (1, F(4, 5)),
        (F(3, 4), F(1, 2)),
    ],
)
def test_jervis_offense_defense_classes(advantage, distinguishability):
    x = advantage * (1 - distinguishability)
    if x in (F(1, 4), F(1, 2)):
        pytest.skip("boundary")
    expected = "harmony" if x < F(1, 4) else "stag hunt" if x < F(1, 2) else ("prisoner's dilemma")
    m = (
        offense_defense()
        .at(offense_advantage=advantage, distinguishability=distinguishability)
        .payoff_matrix(0)
    )
    assert (
        classify_symmetric_game(
            reward=m[0, 0], temptation=m[1, 0], sucker=m[0, 1], punishment=m[1, 1]
        )
        == expected
    )


def test_classifier_boundary_and_deadlock():
    assert classify_symmetric_game(3, 3, 0, 1) == "boundary"
    assert classify_symmetric_game(1, 3, 0, 2) == "deadlock"


# ---------------------------------------------------------------- thresholds() and sweep()
@pytest.mark.parametrize("distinguishability", [0, F(1, 3)])
def test_offense_defense_thresholds_and_sweep(distinguishability):
    from deterrence.analysis import sweep, thresholds

    game = offense_defense()
    found = thresholds(game, "offense_advantage", fixed=dict(distinguishability=distinguishability))
    one_minus_d = 1 - distinguishability
    expected = [F(1, 4) / one_minus_d, F(1, 2) / one_minus_d]
    assert [t.value for t in found] == [v for v in expected if v <= 1]
    frame = sweep(
        game,
        {
            "offense_advantage": [k / 16 for k in range(17)],
            "distinguishability": [float(distinguishability)],
        },
        progress=False,
    )
    for a, rows in frame.groupby("offense_advantage"):
        x = F(a) * one_minus_d
        if x in (F(1, 4), F(1, 2)):
            continue
        pure = {o for o, p in zip(profiles(rows), rows["is_pure"]) if p}
        if x < F(1, 4):
            assert pure == {"(defensive, defensive)"}
        elif x < F(1, 2):
            assert pure == {"(defensive, defensive)", "(offensive, offensive)"}
        else:
            assert pure == {"(offensive, offensive)"}


def test_prisoners_dilemma_threshold_in_temptation():
    from deterrence.analysis import thresholds

    # defecting on a cooperator pays exactly when temptation > reward
    (found,) = thresholds(
        prisoners_dilemma(),
        "temptation",
        fixed=dict(reward=3, sucker=0, punishment=1),
        domain=(0, 8),
    )
    assert found.value == 3
    assert found.above == ("(defect, defect)",)
