"""Tests of ExtensiveFormGame: building, validation, reduced strategic form, parameters."""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy

from deterrence.exceptions import InvalidGameError
from deterrence.games import NormalFormGame, ParametricGame
from deterrence.games.extensive import ExtensiveFormGame, chance, decision, terminal


def coercion_game() -> ExtensiveFormGame:
    """Coercer refrains or coerces; the coalition shares or yields; the coercer presses on."""
    return ExtensiveFormGame.build(
        players=("coercer", "coalition"),
        root=decision(
            "coercer",
            {
                "refrain": terminal(0, 0),
                "coerce": decision(
                    "coalition",
                    {
                        "share": decision(
                            "coercer", {"press on": terminal(-2, -1), "back down": terminal(-1, 1)}
                        ),
                        "yield": terminal(2, -2),
                    },
                ),
            },
        ),
        title="coercion",
    )


def test_structure_and_labels():
    game = coercion_game()
    assert game.num_nodes == 7
    assert game.num_terminals == 4
    assert game.is_perfect_information and game.is_exact and not game.has_chance
    assert game.history(game.node(("coerce", "share"))) == ("coerce", "share")
    labels = [info.label for info in game.information_sets]
    assert labels == ["root", "coerce", "coerce, share"]
    assert "coercer" in str(game) and "press on" in str(game)


def test_reduced_normal_form_merges_unreachable_plans():
    """Osborne and Rubinstein (1994, sec. 6.1): the coercer's plans 'refrain/press on' and
    'refrain/back down' are the same reduced plan 'refrain'."""
    normal = coercion_game().to_normal_form()
    assert isinstance(normal, NormalFormGame)
    assert normal.strategies == (
        ("refrain", "coerce/press on", "coerce/back down"),
        ("share", "yield"),
    )
    coercer = normal.payoff_matrix("coercer")
    assert coercer[1, 0] == -2 and coercer[2, 0] == -1 and coercer[0, 1] == 0
    assert normal.payoff_matrix("coalition")[2, 1] == -2


def test_chance_expected_payoffs_exact():
    game = ExtensiveFormGame(
        chance({"a": ("1/3", terminal(3)), "b": ("2/3", terminal(0))}), ("solo",)
    )
    normal = game.to_normal_form()
    assert normal.strategies == (("no move",),)
    assert normal.payoffs[0][0] == Fraction(1)


def test_information_set_gives_one_plan_per_set():
    """Simultaneous moves as a tree: the second mover's information set spans both nodes."""
    game = ExtensiveFormGame(
        decision(
            "row",
            {
                "H": decision("col", {"h": terminal(1, -1), "t": terminal(-1, 1)}, infoset="guess"),
                "T": decision("col", {"h": terminal(-1, 1), "t": terminal(1, -1)}, infoset="guess"),
            },
        ),
        ("row", "col"),
    )
    assert not game.is_perfect_information
    assert game.subgame_roots() == (0,)
    assert game.to_normal_form().strategies == (("H", "T"), ("h", "t"))


def test_named_nodes_and_lookup():
    game = ExtensiveFormGame(
        "start",
        ("a", "b"),
        nodes={
            "start": decision("a", {"go": "reply", "stop": terminal(0, 0)}),
            "reply": decision("b", {"x": terminal(1, 1)}),
        },
    )
    assert game.node("reply") == game.node(("go",))


def test_parametric_tree_normal_form_and_at():
    game = ExtensiveFormGame.build(
        players=("challenger", "defender"),
        root=chance(
            {
                "hard": (
                    "p",
                    decision(
                        "challenger",
                        {"wait": terminal(0, 0), "challenge": terminal(-1, 1)},
                        infoset="C",
                    ),
                ),
                "soft": (
                    "1 - p",
                    decision(
                        "challenger",
                        {"wait": terminal(0, 0), "challenge": terminal("gain", -1)},
                        infoset="C",
                    ),
                ),
            }
        ),
    )
    assert game.is_parametric and game.parameter_names == ("gain", "p")
    normal = game.to_normal_form()
    assert isinstance(normal, ParametricGame)
    p, gain = sympy.Symbol("p", real=True), sympy.Symbol("gain", real=True)
    assert sympy.simplify(normal.payoffs[0, 1, 0] - (-p + (1 - p) * gain)) == 0
    numeric = game.at(p="1/4", gain=2)
    assert numeric.is_exact and not numeric.is_parametric
    assert numeric.to_normal_form().payoffs[0][1, 0] == Fraction(5, 4)
    assert normal.at(p="1/4", gain=2) == numeric.to_normal_form()


# ---------------------------------------------------------------------- bad input
def test_cycle_is_rejected():
    with pytest.raises(InvalidGameError, match="cycle: a -> b -> a"):
        ExtensiveFormGame(
            "a", ("p",), nodes={"a": decision("p", {"x": "b"}), "b": decision("p", {"y": "a"})}
        )


def test_node_reused_twice_is_rejected():
    with pytest.raises(InvalidGameError, match="reached twice"):
        ExtensiveFormGame(
            decision("p", {"x": "leaf", "y": "leaf"}), ("p",), nodes={"leaf": terminal(1)}
        )


def test_missing_payoffs():
    with pytest.raises(InvalidGameError, match="has no payoffs; expected one for each"):
        ExtensiveFormGame(decision("a", {"x": terminal()}), ("a", "b"))
    with pytest.raises(InvalidGameError, match="leads to None"):
        ExtensiveFormGame(decision("a", {"x": None}), ("a",))
    with pytest.raises(InvalidGameError, match="1 payoffs"):
        ExtensiveFormGame(decision("a", {"x": terminal(1)}), ("a", "b"))


def test_chance_probabilities_must_sum_to_one():
    with pytest.raises(InvalidGameError, match="sum to 5/6"):
        ExtensiveFormGame(chance({"a": ("1/2", terminal(0)), "b": ("1/3", terminal(1))}), ("p",))
    with pytest.raises(InvalidGameError, match="between 0 and 1"):
        ExtensiveFormGame(chance({"a": ("3/2", terminal(0)), "b": ("-1/2", terminal(1))}), ("p",))


def test_information_set_mismatches():
    with pytest.raises(InvalidGameError, match="mixes players"):
        ExtensiveFormGame(
            chance(
                {
                    "a": ("1/2", decision("x", {"l": terminal(0, 0)}, infoset="I")),
                    "b": ("1/2", decision("y", {"l": terminal(0, 0)}, infoset="I")),
                }
            ),
            ("x", "y"),
        )
    with pytest.raises(InvalidGameError, match="different actions"):
        ExtensiveFormGame(
            chance(
                {
                    "a": ("1/2", decision("x", {"l": terminal(0)}, infoset="I")),
                    "b": ("1/2", decision("x", {"r": terminal(0)}, infoset="I")),
                }
            ),
            ("x",),
        )


def test_other_bad_input():
    with pytest.raises(InvalidGameError, match="not a player"):
        ExtensiveFormGame(decision("ghost", {"x": terminal(0)}), ("a",))
    with pytest.raises(InvalidGameError, match="payoff of 'a'"):
        ExtensiveFormGame(decision("a", {"x": terminal(float("nan"))}), ("a",))
    with pytest.raises(InvalidGameError, match="must be a mapping"):
        decision("a", [("x", terminal(0))])
    with pytest.raises(InvalidGameError, match="expected decision"):
        ExtensiveFormGame(decision("a", {"x": 3}), ("a",))
    with pytest.raises(InvalidGameError, match="no node at path"):
        coercion_game().node(("attack",))


def test_immutable():
    game = coercion_game()
    with pytest.raises(AttributeError):
        game.title = "other"
    assert game.replace(title="other").title == "other"
    assert game.replace(title="other") == game


def test_from_arrays_matches_nested_builder():
    """The array constructor renumbers nodes breadth-first and agrees with the builder."""
    # node order deliberately not breadth-first: 0 -> (1, 4); 1 -> (2, 3); 4 chance -> (5, 6)
    parent = [-1, 0, 1, 1, 0, 4, 4]
    mover = [0, 1, -1, -1, -1, -1, -1]
    payoffs = [[1, 0], [0, 2], [3, 3], [-1, 1]]
    probabilities = [0, 0, 0, 0, 0, "1/4", "3/4"]
    labels = ["", "left", "l", "r", "right", "up", "down"]
    game = ExtensiveFormGame.from_arrays(
        ("a", "b"), parent, mover, payoffs, actions=labels, probabilities=probabilities
    )
    nested = ExtensiveFormGame(
        decision(
            "a",
            {
                "left": decision("b", {"l": terminal(1, 0), "r": terminal(0, 2)}),
                "right": chance({"up": ("1/4", terminal(3, 3)), "down": ("3/4", terminal(-1, 1))}),
            },
        ),
        ("a", "b"),
    )
    assert game == nested
    assert game.to_normal_form() == nested.to_normal_form()


def test_from_arrays_bad_input():
    with pytest.raises(InvalidGameError, match="must be an earlier node"):
        ExtensiveFormGame.from_arrays(("a",), [-1, 2, 0], [0, -1, 0], [[0]])
    with pytest.raises(InvalidGameError, match="payoffs has shape"):
        ExtensiveFormGame.from_arrays(("a",), [-1, 0, 0], [0, -1, -1], [[0, 1]])
    with pytest.raises(InvalidGameError, match="sum to 1"):
        ExtensiveFormGame.from_arrays(
            ("a",), [-1, 0, 0], [-1, -1, -1], [[0], [1]], probabilities=[0, 0.5, 0.2]
        )


def test_imperfect_recall_is_reported():
    from deterrence.exceptions import UnsupportedGameError

    forgetful = ExtensiveFormGame(
        decision(
            "a",
            {
                "l": decision("a", {"x": terminal(1)}, infoset="I"),
                "r": decision("a", {"x": terminal(0)}, infoset="I"),
            },
        ),
        ("a",),
    )
    assert not forgetful.has_perfect_recall
    with pytest.raises(UnsupportedGameError, match="perfect recall"):
        forgetful.to_normal_form()
