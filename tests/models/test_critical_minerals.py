"""The critical-minerals club and the two-tier supply network (issue 16): key results three
ways -- the formula derived independently here, thresholds, and a sweep -- plus the
cooperative reading (who is indispensable) and the network's cuts.

Specification: members pay c_i and are coerced (t*e_i) only when the club fails; outsiders pay
the penalty iota and lose t*e_j, halved when the club denies; capacities (3, 2, 4), quota 6.
Australia's margin for staying in the grand club is iota + t/2 - 2.
"""

from __future__ import annotations

import warnings
from fractions import Fraction as F

import numpy as np
import pytest

from deterrence import solve
from deterrence.analysis import sweep, thresholds
from deterrence.models import get_model
from deterrence.models.critical_minerals import (
    coercer_target,
    export_control_targets,
    minerals_capacity_game,
    minerals_club_game,
    two_tier_supply_network,
)
from deterrence.solvers.club import stable_clubs
from deterrence.solvers.cooperative import core, indispensability, shapley_value
from deterrence.solvers.polymatrix import solve_polymatrix_pure

GRAND = "(join, join, join)"


def grand_club_stable(threat, institutionalisation):
    """The formula: every member's staying margin is non-negative."""
    t, i = F(threat), F(institutionalisation)
    return i + t / 2 - 2 >= 0 and i + t - 1 >= 0 and i + F(3, 2) * t - 1 >= 0


@pytest.mark.parametrize("threat", [F(1, 2), 1, 2, 3])
def test_grand_club_threshold_three_ways(threat):
    game = get_model("critical_minerals").build()
    critical = max(2 - F(threat) / 2, 1 - F(threat), 0)
    # 1. the formula against the equilibria point by point
    for institutionalisation in (critical - F(1, 10), critical + F(1, 10)):
        if institutionalisation < 0:
            continue
        outcomes = {
            eq.outcome
            for eq in solve(
                game.at(threat=threat, institutionalisation=institutionalisation), method="pure"
            )
        }
        assert (GRAND in outcomes) == grand_club_stable(threat, institutionalisation)
    # 2. thresholds find it exactly
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        found = [
            t.value
            for t in thresholds(
                game, "institutionalisation", fixed={"threat": threat}, domain=(0, 4), method="pure"
            )
        ]
    if critical > 0:
        assert critical in found
    # 3. a sweep across it agrees
    values = [float(critical) + 0.05, float(critical) + 0.5]
    frame = sweep(
        game,
        {"institutionalisation": values, "threat": [float(threat)]},
        method="pure",
        progress=False,
    )
    for value in values:
        rows = frame[np.isclose(frame["institutionalisation"], value)]
        assert "club of US, Japan, Australia denies the coercer" in set(rows["outcome"])


def test_who_is_indispensable_and_who_is_targeted():
    capacity = minerals_capacity_game()
    assert [str(v) for v in shapley_value(capacity).values] == ["1/6", "1/6", "2/3"]
    report = indispensability(capacity)
    assert report.most_indispensable == "Australia" and report.frame.loc["Australia", "veto"]
    assert core(capacity).point == (0, 0, 1)
    member, margin, sentence = coercer_target(institutionalisation=2)
    assert member == "Australia" and margin == F(1, 2) and "Australia" in sentence
    member, margin, _ = coercer_target(institutionalisation=0)
    assert member == "Australia" and margin == F(-3, 2)


def test_stable_clubs_by_institutionalisation():
    game = minerals_club_game()
    assert [c.members for c in stable_clubs(game, institutionalisation=F(1, 2))] == [()]
    assert [c.members for c in stable_clubs(game, institutionalisation=F(5, 4))] == [
        ("US", "Japan")
    ]
    assert [c.members for c in stable_clubs(game, institutionalisation=2)] == [
        ("US", "Japan", "Australia")
    ]


def test_supply_network_and_export_controls():
    game = two_tier_supply_network()
    pure = solve_polymatrix_pure(game)
    assert len(pure) >= 1 and pure.max_regret() == 0
    expanded = {eq.outcome for eq in solve(game.to_normal_form(), method="pure")}
    assert {eq.outcome for eq in pure} == expanded
    table = export_control_targets(game)
    assert table.index[0] == "refiner A"
    assert table.loc["refiner A", "damage"] >= table.loc["refiner B", "damage"]


# ---------------------------------------------------------------- the registered network
def lock_in_thresholds(dependency, diversification_cost):
    """The formula: under restriction refiner r's chain stays locked in iff
    coordination >= (dependency - diversification_cost) / (its number of makers)."""
    gap = F(dependency) - F(diversification_cost)
    return {"refiner A": gap / 3, "refiner B": gap / 2}


def test_parametric_network_is_the_polymatrix_game():
    game = get_model("two_tier_supply_network").build()
    assert get_model("two_tier_supply_network").kind == "network"
    for values in ({}, {"coordination": F(1, 2), "leverage": F(1, 2)}, {"dependency": 7}):
        network = two_tier_supply_network(**values)
        expanded = network.to_normal_form()
        at = game.at(**values)
        for player in network.players:
            assert np.array_equal(at.payoff_matrix(player), expanded.payoff_matrix(player))
        pure = {eq.outcome for eq in solve_polymatrix_pure(network)}
        assert pure == {eq.outcome for eq in solve(at, method="pure")}


@pytest.mark.parametrize(("dependency", "cost"), [(3, 1), (4, 1), (5, 2)])
def test_lock_in_threshold_three_ways(dependency, cost):
    game = get_model("two_tier_supply_network").build(dependency=dependency)
    expected = lock_in_thresholds(dependency, cost)
    locked = {
        "refiner A": "(restrict, source, diversify, source, source, source, diversify)",
        "refiner B": "(restrict, diversify, source, diversify, diversify, source, source)",
    }
    # 1. the formula against the pure equilibria just below and above each threshold
    for refiner, value in expected.items():
        for g, present in ((value - F(1, 20), False), (value + F(1, 20), True)):
            found = {
                eq.outcome
                for eq in solve_polymatrix_pure(
                    two_tier_supply_network(
                        dependency=dependency, diversification_cost=cost, coordination=g
                    )
                )
            }
            assert (locked[refiner] in found) == present, (refiner, g)
    # 2. thresholds find them exactly
    found = [
        t.value
        for t in thresholds(
            game,
            "coordination",
            fixed={"defaults": True, "diversification_cost": cost},
            domain=(0, 4),
            method="pure",
        )
    ]
    assert set(expected.values()) <= set(found)
    # 3. a sweep either side of refiner B's threshold
    value = float(expected["refiner B"])
    frame = sweep(
        game,
        {"coordination": [value - 0.1, value + 0.1], "diversification_cost": [float(cost)]},
        method="pure",
        progress=False,
    )
    below = set(frame[np.isclose(frame["coordination"], value - 0.1)]["outcome"])
    above = set(frame[np.isclose(frame["coordination"], value + 0.1)]["outcome"])
    assert "both chains locked in under restriction" not in below
    assert "both chains locked in under restriction" in above


def test_network_report_has_equilibria_thresholds_and_cut_effects():
    import json

    from deterrence import AnalysisReport, analyze

    report = analyze("two_tier_supply_network")
    assert len(report.equilibria) == 6 and report.method == "pure"
    assert [t["value_exact"] for t in report.thresholds] == ["2/3", "1", "2"]
    ((heading, lines),) = report.sections
    assert heading.startswith("Cut effects") and lines[-1].startswith(
        "severing an edge does not hurt the others"
    )
    text = report.to_text()
    assert "Cut effects" in text and "cutting refiner B" in text
    data = json.loads(json.dumps(report.to_json()))
    assert AnalysisReport.from_json(data).to_text() == text
    assert "Cut effects" in report._repr_html_()
    # the section follows the parameter point
    low = analyze("two_tier_supply_network", values={"coordination": "1/2"}, along=False)
    assert [eq["outcome"] for eq in low.equilibria] == ["both chains friend-shored"]
    assert low.sections and low.sections[0][1] != lines


def test_cut_sentence_reads_ties_and_single_targets():
    import pandas as pd

    from deterrence.models.critical_minerals import target_sentence

    def table(damage):
        frame = pd.DataFrame({"damage": damage}, index=["refiner A", "refiner B"])
        frame.insert(0, "rank", frame["damage"].rank(ascending=False, method="min").astype(int))
        return frame

    assert (
        target_sentence(table([3.0, 3.0]))
        == "a tie: cutting refiner A or refiner B does equal damage"
    )
    assert target_sentence(table([3.0, 1.0])) == "the coercer cuts refiner A first"
    assert target_sentence(table([0.0, -1.0])).startswith("severing an edge does not hurt")
