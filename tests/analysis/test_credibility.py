"""Credibility of threats in game trees."""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy

from deterrence.analysis.credibility import credibility
from deterrence.exceptions import InvalidGameError
from deterrence.games import Parameter
from deterrence.games.extensive import ExtensiveFormGame, chance, decision, terminal


def entry(fight: object = 0) -> ExtensiveFormGame:
    return ExtensiveFormGame.build(
        players=("entrant", "incumbent"),
        root=decision(
            "entrant",
            {
                "out": terminal(1, 5),
                "in": decision(
                    "incumbent", {"fight": terminal(-1, fight), "accommodate": terminal(2, 2)}
                ),
            },
        ),
    )


def test_chain_store_threat_not_credible():
    """Selten (1978): the incumbent's threat to fight entry is not credible."""
    report = credibility(entry(), ("in",), "fight")
    assert report.credible is False and not report
    assert report.equilibria == 1 and report.playing == 0 and report.reached == 1
    assert credibility(entry(), ("in",), "accommodate").credible


def test_credible_threat_deters_off_path():
    """With fighting worth 3 > 2 the threat is credible and deters: the node is off path."""
    report = credibility(entry(3), ("in",), "fight")
    assert report.credible and report.reached == 0


def test_tie_is_not_credible():
    report = credibility(entry(2), ("in",), "fight")
    assert report.credible is False and report.equilibria == 2 and report.playing == 1


def test_parametric_region_entry():
    game = entry("fight")
    report = credibility(game, ("in",), "fight")
    assert report.region == sympy.Interval.open(2, sympy.oo)
    (threshold,) = report.thresholds
    assert threshold.value == 2 and "becomes credible" in threshold.description


def zagare_kilgour(status_quo: int, concession: int, conflict: int) -> ExtensiveFormGame:
    def defender(hard: bool):
        return decision(
            "defender",
            {"concede": terminal(concession, -1), "deny": terminal(conflict, 1 if hard else -2)},
        )

    return ExtensiveFormGame.build(
        players=("challenger", "defender"),
        parameters=[Parameter("p", domain=(0, 1))],
        root=chance(
            {
                "hard": (
                    "p",
                    decision(
                        "challenger",
                        {"status quo": terminal(status_quo, 0), "challenge": defender(True)},
                        infoset="C",
                    ),
                ),
                "soft": (
                    "1 - p",
                    decision(
                        "challenger",
                        {"status quo": terminal(status_quo, 0), "challenge": defender(False)},
                        infoset="C",
                    ),
                ),
            }
        ),
    )


@pytest.mark.parametrize(("status_quo", "concession", "conflict"), [(0, 2, -1), (1, 5, -3)])
def test_zagare_kilgour_challenge_region(status_quo, concession, conflict):
    """Zagare and Kilgour, *Perfect Deterrence* (2000): challenging is the challenger's SPE
    move exactly for p < (a_DC - a_SQ) / (a_DC - a_DD); the hard defender's threat to deny
    is credible for every p."""
    game = zagare_kilgour(status_quo, concession, conflict)
    threshold = Fraction(concession - status_quo, concession - conflict)
    report = credibility(game, ("hard",), "challenge", parameter="p")
    assert report.region == sympy.Interval.Ropen(
        0, sympy.Rational(threshold.numerator, threshold.denominator)
    )
    assert [t.value for t in report.thresholds] == [threshold]
    deny = credibility(game, ("hard", "challenge"), "deny")
    assert deny.region == sympy.Interval(0, 1)


def test_symbolic_threshold_expression():
    game = ExtensiveFormGame.build(
        players=("entrant", "incumbent"),
        parameters=[Parameter("fight"), Parameter("share", default=2)],
        root=decision(
            "entrant",
            {
                "out": terminal(1, 5),
                "in": decision(
                    "incumbent",
                    {"fight": terminal(-1, "fight"), "accommodate": terminal(2, "share")},
                ),
            },
        ),
    )
    report = credibility(game, ("in",), "fight", parameter="fight", fixed={"share": 3})
    assert report.region == sympy.Interval.open(3, sympy.oo)
    assert report.thresholds[0].expression == sympy.Symbol("share", real=True)


def test_bad_input():
    with pytest.raises(InvalidGameError, match="not an action"):
        credibility(entry(), ("in",), "nuke")
    with pytest.raises(InvalidGameError, match="not a decision node"):
        credibility(entry(), ("out",), "fight")
    with pytest.raises(InvalidGameError, match="needs an ExtensiveFormGame"):
        credibility("tree", (), "x")
    two = ExtensiveFormGame(decision("a", {"x": terminal("b"), "y": terminal("c")}), ("a",))
    with pytest.raises(InvalidGameError, match="say which one"):
        credibility(two, (), "x")


def test_threat_decided_by_a_mixed_subgame_value_is_located():
    """A first mover compares a sure payoff with the value of a mixed-equilibrium subgame:
    no pure comparison predicts the switch; the scan finds it and confirms the fraction."""
    from fractions import Fraction

    # after "play", a matching-pennies subgame whose value for the first mover is 1/2 * stake
    subgame = decision(
        "row",
        {
            "heads": decision(
                "column",
                {"heads": terminal("stake", 1, 0), "tails": terminal(0, 0, 1)},
                infoset="column",
            ),
            "tails": decision(
                "column",
                {"heads": terminal(0, 0, 1), "tails": terminal("stake", 1, 0)},
                infoset="column",
            ),
        },
    )
    game = ExtensiveFormGame.build(
        players=("leader", "row", "column"),
        parameters=[Parameter("stake", default=3, domain=(0, 10))],
        root=decision("leader", {"play": subgame, "stay": terminal(1, 0, 0)}),
    )
    report = credibility(game, (), "play", parameter="stake")
    assert [t.value for t in report.thresholds] == [Fraction(2)]
    assert report.region == sympy.Interval.Lopen(2, 10)


def test_government_subsidy_threshold_three_ways():
    from fractions import Fraction

    from deterrence.models.sanctions import (
        government_subsidy_threshold,
        sanctions_with_government,
    )
    from deterrence.solvers import solve_subgame_perfect

    game = sanctions_with_government()
    formula = government_subsidy_threshold(
        **{
            k: v
            for k, v in game.defaults.items()
            if k not in ("security_weight",)
            and k
            in (
                "sanction_probability",
                "enforcement",
                "licensing_reliability",
                "home_predictability",
                "subsidy",
                "leverage_value",
                "control_cost",
                "dual_sourcing_premium",
            )
        }
    )
    assert formula == sympy.Rational(147, 50)
    report = credibility(game, (), "subsidise", parameter="security_weight")
    assert [t.value for t in report.thresholds] == [Fraction(147, 50)]
    for weight, expected in ((Fraction(29, 10), "no subsidy"), (Fraction(3), "subsidise")):
        (spe,) = solve_subgame_perfect(game.at(security_weight=weight))
        path = str(spe.path)
        assert f"government: {expected}" in path
        other = "subsidise" if expected == "no subsidy" else "no subsidy"
        assert f"government: {other}" not in path
