"""Outcomes in the analyst's words: construction, reading, checking, and games carrying them."""

from __future__ import annotations

import copy
import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

from deterrence import (
    ExtensiveFormGame,
    InvalidGameError,
    Outcomes,
    ParametricAnonymousGame,
    ParametricGame,
    decision,
    terminal,
)

DENIAL = Outcomes(
    [
        ({"coercer": "refrain"}, "coercion deterred"),
        ({"coercer": "coerce", "coalition": "share"}, "coerced, coalition shares"),
        ({"coercer": "coerce", "coalition": "hoard"}, "coerced, unopposed"),
    ]
)


# ---------------------------------------------------------------------- reading
@pytest.mark.parametrize(
    ("play", "words"),
    [
        ({"coercer": "refrain", "coalition": "share"}, "coercion deterred"),
        ({"coercer": "refrain", "coalition": None}, "coercion deterred"),
        ({"coercer": "refrain"}, "coercion deterred"),
        ({"coercer": "coerce", "coalition": "share"}, "coerced, coalition shares"),
        ({"coercer": "coerce", "coalition": "hoard"}, "coerced, unopposed"),
        ({"coercer": "coerce", "coalition": None}, None),  # coalition mixes
        ({"coercer": "coerce"}, None),  # coalition absent from the play
        ({"coercer": None, "coalition": "share"}, None),
        ({}, None),
        ({"coercer": "refrain", "bystander": "x"}, "coercion deterred"),  # extra players ignored
    ],
)
def test_read_table(play, words):
    assert DENIAL.read(play) == words


def test_first_matching_rule_wins_and_otherwise_catches_the_rest():
    outcomes = Outcomes([({"a": "x"}, "first"), ({"a": ("x", "y")}, "second")], otherwise="neither")
    assert outcomes.read({"a": "x"}) == "first"
    assert outcomes.read({"a": "y"}) == "second"
    assert outcomes.read({"a": "z"}) == "neither"
    assert outcomes.read({"a": None}) == "neither"
    assert outcomes.labels == ("first", "second", "neither")


def test_only_otherwise_is_allowed():
    assert Outcomes([], otherwise="anything").read({"a": "x"}) == "anything"


def test_labels_deduplicate_in_rule_order():
    outcomes = Outcomes([({"a": "x"}, "one"), ({"a": "y"}, "two"), ({"a": "z"}, "one")])
    assert outcomes.labels == ("one", "two")
    assert outcomes.players == ("a",)
    assert len(outcomes) == 3


# ---------------------------------------------------------------------- validation
@pytest.mark.parametrize(
    ("rules", "kwargs", "message"),
    [
        ("abc", {}, "expected a sequence of (pattern, words) pairs"),
        ({"a": "x"}, {}, "expected a sequence of (pattern, words) pairs"),
        (5, {}, "expected a sequence of (pattern, words) pairs"),
        ([({"a": "x"},)], {}, "rule 1 is"),
        ([("a", "words")], {}, "expected a mapping"),
        ([({}, "words")], {}, "is empty"),
        ([({"a": "x"}, "")], {}, "the words of rule 1"),
        ([({"a": "x"}, 3)], {}, "the words of rule 1"),
        ([({"a": ()}, "w")], {}, "non-empty tuple"),
        ([({"a": 1}, "w")], {}, "expected a strategy label"),
        ([({"a": ("x", "x")}, "w")], {}, "repeats a label"),
        ([({"a": ("x", "")}, "w")], {}, "non-empty strings"),
        ([({3: "x"}, "w")], {}, "names player 3"),
        ([({"a": "x"}, "w")], {"otherwise": ""}, "otherwise"),
        ([], {}, "at least one rule"),
    ],
)
def test_bad_rules_are_rejected_clearly(rules, kwargs, message):
    with pytest.raises(InvalidGameError, match=message.replace("(", r"\(").replace(")", r"\)")):
        Outcomes(rules, **kwargs)


def test_immutable_hashable_picklable():
    with pytest.raises(AttributeError, match="immutable"):
        DENIAL.otherwise = "x"  # type: ignore[misc]
    with pytest.raises(AttributeError, match="immutable"):
        del DENIAL.rules
    assert pickle.loads(pickle.dumps(DENIAL)) == DENIAL
    assert copy.deepcopy(DENIAL) == DENIAL
    assert hash(Outcomes.from_dict(DENIAL.as_dict())) == hash(DENIAL)
    assert DENIAL != Outcomes(DENIAL.as_dict()["rules"] and [({"a": "b"}, "c")])
    assert eval(repr(DENIAL), {"Outcomes": Outcomes}) == DENIAL
    assert "coercer=coerce, coalition=share -> coerced, coalition shares" in str(DENIAL)


def test_from_dict_rejects_malformed_data():
    with pytest.raises(InvalidGameError, match="malformed"):
        Outcomes.from_dict({"rule": []})


def test_read_rejects_a_non_mapping():
    with pytest.raises(TypeError, match="mapping"):
        DENIAL.read(["coerce", "share"])  # type: ignore[arg-type]


# ---------------------------------------------------------------------- properties
labels = st.sampled_from(["a", "b", "c"])
patterns = st.dictionaries(
    st.sampled_from(["p", "q"]),
    st.lists(labels, min_size=1, max_size=3, unique=True).map(tuple),
    min_size=1,
)
rule_lists = st.lists(
    st.tuples(patterns, st.sampled_from(["one", "two", "three"])), min_size=1, max_size=5
)
plays = st.dictionaries(st.sampled_from(["p", "q"]), st.one_of(st.none(), labels))


@given(rule_lists, plays)
def test_read_is_the_first_rule_whose_every_player_matches(rules, play):
    outcomes = Outcomes(rules)
    expected = next(
        (
            words
            for pattern, words in rules
            if all(play.get(p) in alternatives for p, alternatives in pattern.items())
        ),
        None,
    )
    assert outcomes.read(play) == expected
    assert expected is None or expected in outcomes.labels


@given(rule_lists, st.one_of(st.none(), st.just("other")))
def test_serialisation_round_trips(rules, otherwise):
    outcomes = Outcomes(rules, otherwise=otherwise)
    assert Outcomes.from_dict(outcomes.as_dict()) == outcomes
    assert pickle.loads(pickle.dumps(outcomes)) == outcomes
    assert set(outcomes.labels) == {w for _, w in rules} | ({otherwise} - {None})


# ---------------------------------------------------------------------- games carry them
def _denial_game(**kwargs):
    return ParametricGame.from_matrices(
        [["10*(1 - credibility) - 4", "2"], ["0", "0"]],
        [["-5", "-3"], ["-1", "-2"]],
        {"credibility": "1/2"},
        players=("coercer", "coalition"),
        strategies=(("coerce", "refrain"), ("share", "hoard")),
        **kwargs,
    )


def test_parametric_game_stores_and_preserves_outcomes():
    game = _denial_game(outcomes=DENIAL)
    assert game.outcomes is DENIAL
    assert game.substitute(credibility="1/4").outcomes is DENIAL
    assert game.replace(title="t").outcomes is DENIAL
    assert game.replace(outcomes=None).outcomes is None
    assert pickle.loads(pickle.dumps(game)).outcomes == DENIAL
    assert _denial_game().outcomes is None
    assert game == _denial_game()  # outcomes annotate, like the title


@pytest.mark.parametrize(
    ("rules", "message"),
    [
        ([({"coercr": "refrain"}, "w")], "names player 'coercr'; players are"),
        (
            [({"coercer": "refrian"}, "w")],
            "gives player 'coercer' the strategy 'refrian'; its strategies are",
        ),
    ],
)
def test_parametric_game_checks_outcomes(rules, message):
    with pytest.raises(InvalidGameError, match=message):
        _denial_game(outcomes=Outcomes(rules))
    with pytest.raises(InvalidGameError, match="expected an Outcomes object"):
        _denial_game(outcomes={"coercer": "refrain"})


def _tree(**kwargs):
    return ExtensiveFormGame.build(
        players=("challenger", "defender"),
        root=decision(
            "challenger",
            {
                "status quo": terminal(0, 0),
                "challenge": decision(
                    "defender", {"retaliate": terminal("-c", -1), "concede": terminal(1, -2)}
                ),
            },
        ),
        parameters={"c": 2},
        **kwargs,
    )


TREE = Outcomes(
    [
        ({"challenger": "status quo"}, "challenger deterred"),
        ({"defender": "retaliate"}, "challenge met by retaliation"),
        ({"defender": "concede"}, "challenge, defender concedes"),
    ]
)


def test_tree_stores_and_preserves_outcomes():
    game = _tree(outcomes=TREE)
    assert game.outcomes is TREE
    assert game.at(c=3).outcomes is TREE
    assert game.replace(title="t").outcomes is TREE
    assert game.replace(outcomes=None).outcomes is None
    restored = pickle.loads(pickle.dumps(game))
    assert restored == game and restored.outcomes == TREE and restored.title == game.title
    assert _tree().outcomes is None


def test_tree_accepts_joined_path_actions_and_checks_them():
    joined = Outcomes([({"challenger": "challenge/status quo"}, "odd but valid labels")])
    assert _tree(outcomes=joined).outcomes is joined
    with pytest.raises(InvalidGameError, match="the action 'fight'; its actions are"):
        _tree(outcomes=Outcomes([({"defender": "fight"}, "w")]))
    with pytest.raises(InvalidGameError, match="names player 'attacker'"):
        _tree().replace(outcomes=Outcomes([({"attacker": "challenge"}, "w")]))


def test_anonymous_game_checks_and_preserves_outcomes():
    outcomes = Outcomes(
        [
            ({"partner": "honour"}, "commitment holds"),
            ({"partner": "renege"}, "commitment collapses"),
        ]
    )
    game = ParametricAnonymousGame(
        3, {"honour": "x*k", "renege": "1"}, {"x": 1}, player_label="partner", outcomes=outcomes
    )
    assert game.outcomes is outcomes
    assert game.substitute(x=2).outcomes is outcomes
    assert game.replace(num_players=4).outcomes is outcomes
    assert pickle.loads(pickle.dumps(game)).outcomes == outcomes
    with pytest.raises(InvalidGameError, match=r"names player 'partner'; players are \['member"):
        game.replace(player_label="member")
    with pytest.raises(InvalidGameError, match="the strategy 'defect'"):
        game.replace(outcomes=Outcomes([({"partner": "defect"}, "w")]))
