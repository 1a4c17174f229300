"""The analysis layer accepts any game with ``to_normal_form()`` (parametric trees), and on
games that do not have two players ``method="auto"`` means pure equilibria, said so in the
results of thresholds, regimes, sweep and track alike."""

from __future__ import annotations

from fractions import Fraction

import pandas as pd
import pytest

from deterrence.analysis import regimes, sweep, thresholds, track
from deterrence.exceptions import InvalidGameError
from deterrence.games import Parameter, ParametricGame
from deterrence.games.extensive import ExtensiveFormGame, decision, terminal


def challenge_tree():
    """The challenger challenges or keeps the status quo; the defender then retaliates (worth
    ``resolve - 2`` to it) or concedes (-1): retaliation is its best reply iff resolve > 1."""
    return ExtensiveFormGame.build(
        players=("challenger", "defender"),
        parameters=[Parameter("resolve", domain=(0, 4))],
        root=decision(
            "challenger",
            {
                "status quo": terminal(0, 0),
                "challenge": decision(
                    "defender",
                    {"retaliate": terminal(-1, "resolve - 2"), "concede": terminal(1, -1)},
                ),
            },
        ),
    )


def leader_and_followers():
    """Three players: the leader opens iff x > 0 whatever the others do; two followers are
    paid 1 for matching the leader. The unique pure equilibrium is everyone copying the
    leader."""
    return ParametricGame(
        [
            [[["x", "x"], ["x", "x"]], [[0, 0], [0, 0]]],
            [[[1, 1], [0, 0]], [[0, 0], [1, 1]]],
            [[[1, 0], [1, 0]], [[0, 1], [0, 1]]],
        ],
        [Parameter("x", domain=(-1, 1)), Parameter("y", default=0, domain=(-1, 1))],
        players=("leader", "bloc B", "bloc C"),
        strategies=(("open", "close"),) * 3,
    )


# ---------------------------------------------------------------- extensive-form games
def test_thresholds_of_a_tree_are_subgame_perfect_by_default():
    tree = challenge_tree()
    [threshold] = thresholds(tree, "resolve")
    assert threshold.value == Fraction(1) and threshold.concept == "subgame_perfect"
    # only credible threats: the challenger challenges below 1 and is deterred above
    assert threshold.below == ("(challenge, concede)",)
    assert threshold.above == ("(status quo, retaliate)",)
    assert "the defender's choice after challenge is retaliate" in threshold.description


def test_nash_thresholds_of_a_tree_are_those_of_its_reduced_normal_form():
    tree = challenge_tree()
    [threshold] = thresholds(tree, "resolve", concept="nash")
    assert threshold.value == Fraction(1)
    # Nash thresholds: the non-credible threat (status quo, retaliate) exists on both sides
    assert "(challenge, concede)" in threshold.below
    assert "(challenge, concede)" not in threshold.above
    assert "(status quo, retaliate)" in threshold.below
    assert "(status quo, retaliate)" in threshold.above
    assert threshold.players[0] == "defender"
    [same] = thresholds(tree.to_normal_form(), "resolve")
    assert (same.value, same.description) == (threshold.value, threshold.description)


def test_regimes_sweep_and_track_accept_a_tree():
    tree = challenge_tree()
    for concept in ("nash", "auto"):
        found = regimes(tree, "resolve", concept=concept)
        assert [r.bounds["resolve"] for r in found] == [(0, Fraction(1)), (Fraction(1), 4)]
        assert "(challenge, concede)" in found[0].outcomes
        assert "(challenge, concede)" not in found[1].outcomes
        assert found.regime_at(resolve=3).outcomes == found[1].outcomes
    # subgame perfection: one equilibrium on each side, the threat deters only above 1
    assert [r.outcomes for r in found] == [("(challenge, concede)",), ("(status quo, retaliate)",)]
    assert found.concept == "subgame_perfect"
    grid = {"resolve": [0.5, 1.5, 3.0]}
    pd.testing.assert_frame_equal(
        sweep(tree, grid, progress=False, concept="nash"),
        sweep(tree.to_normal_form(), grid, progress=False),
    )
    credible = sweep(tree, grid, progress=False)
    assert credible.attrs["concept"] == "subgame_perfect"
    assert credible["outcome"].astype(str).tolist() == [
        "(challenge, concede)",
        "(status quo, retaliate)",
        "(status quo, retaliate)",
    ]
    for concept in ("nash", "auto"):
        path = track(tree, "resolve", [0.5, 0.9, 1.1, 1.5], concept=concept)
        assert path.method == "auto"
        assert {e.threshold.value for e in path.events if e.threshold} == {Fraction(1)}


def test_the_sequential_denial_model_is_analysed():
    from deterrence.models.denial import sequential_denial

    game = sequential_denial()
    values = [
        t.value
        for t in thresholds(
            game,
            "credibility",
            fixed={name: value for name, value in game.defaults.items() if name != "credibility"},
        )
    ]
    assert Fraction(70, 81) in values  # the coercer stops coercing (key result)
    assert len(regimes(game, "credibility")) >= 2


def test_objects_that_are_not_games_are_rejected_clearly():
    with pytest.raises(InvalidGameError, match="to_normal_form"):
        thresholds(object(), "x")

    class Odd:
        def to_normal_form(self):
            return "a table"

    with pytest.raises(InvalidGameError, match="returned str"):
        regimes(Odd(), "x")

    class FixesItsParameters:
        parameter_names = ("x",)

        def to_normal_form(self):
            from deterrence import NormalFormGame

            return NormalFormGame.from_matrices([[1, 0], [0, 1]], [[1, 0], [0, 1]])

    with pytest.raises(InvalidGameError, match=r"declares parameters \['x'\]"):
        sweep(FixesItsParameters(), {"x": [0, 1]}, progress=False)


# ---------------------------------------------------------------- n players: pure by default
def test_three_players_default_to_pure_equilibria_everywhere():
    game = leader_and_followers()
    [threshold] = thresholds(game, "x")
    assert threshold.value == 0
    assert threshold.description.endswith("(open, open, open) becomes the unique pure equilibrium")
    found = regimes(game, "x")
    assert found.method == "pure"
    assert [r.label for r in found] == ["(close, close, close)", "(open, open, open)"]
    assert all(r.method == "pure" for r in found)
    assert repr(found).splitlines()[0] == "RegimeMap(x; 2 regimes; pure equilibria only)"
    assert found[0].description == "(close, close, close) (pure equilibria only)"
    assert "Pure equilibria only" in found._repr_html_()
    assert "Pure equilibria only" not in regimes(challenge_tree(), "resolve")._repr_html_()
    table = sweep(game, {"x": [-0.5, 0.5]}, progress=False)
    assert table.attrs["method"] == "pure"
    assert table["outcome"].tolist() == ["(close, close, close)", "(open, open, open)"]
    pd.testing.assert_frame_equal(
        table, sweep(game, {"x": [-0.5, 0.5]}, method="pure", progress=False)
    )
    path = track(game, "x", [-0.5, 0.5])
    assert path.method == "pure" and "pure equilibria only" in repr(path)
    assert path.to_frame().attrs["method"] == "pure"


def test_two_dimensional_map_of_three_players():
    found = regimes(leader_and_followers(), {"x": (-1, 1), "y": (-1, 1)}, resolution=4, max_depth=1)
    assert found.method == "pure"
    assert sorted(r.label for r in found) == ["(close, close, close)", "(open, open, open)"]
    assert [b.label for b in found.boundaries] == ["x = 0"]


def test_friend_shoring_regimes_reproducer():
    from deterrence.models.friend_shoring import friend_shoring_normal_form

    found = regimes(friend_shoring_normal_form(3, 2), {"institutionalisation": (0, 4)})
    assert found.method == "pure"
    assert found[-1].label == "(honour, honour, honour)"


def test_empty_pure_regime_says_no_pure_equilibrium():
    pennies = ParametricGame.from_matrices(
        [["x", -1], [-1, 1]], [[-1, 1], [1, -1]], [Parameter("x", domain=(0, 2))]
    )
    found = regimes(pennies, "x", method="pure")
    assert found.method == "pure"
    assert [r.label for r in found] == ["no pure equilibrium"]
    assert regimes(pennies, "x").method == "auto"
    assert regimes(pennies, "x")[0].num_equilibria == 1
