"""ParametricSignallingGame: construction, evaluation, substitution, pickling, bad input."""

from __future__ import annotations

import pickle
from fractions import Fraction

import numpy as np
import pytest

from deterrence.exceptions import InvalidGameError
from deterrence.games import Outcomes, Parameter, ParametricSignallingGame, SignallingGame
from deterrence.solvers.signalling import solve_signalling


def job_market(**changes):
    spec = dict(
        sender_payoffs=[
            [[2, 0], ["2 - cost", "-cost"]],
            [[2, 0], ["2 - ratio*cost", "-ratio*cost"]],
        ],
        receiver_payoffs=[[[1, 0], [1, 0]], [[0, 1], [0, 1]]],
        prior=["p", "1 - p"],
        parameters=[
            Parameter("cost", default="3/2", domain=(0, 5)),
            Parameter("ratio", default=2, domain=(1, None)),
            Parameter("p", default="1/2", domain=(0, 1)),
        ],
        types=("high", "low"),
        messages=("none", "educate"),
        actions=("high wage", "low wage"),
    )
    spec.update(changes)
    return ParametricSignallingGame(**spec)


def test_at_gives_the_exact_signalling_game_and_defaults_fill_gaps():
    game = job_market()
    numeric = game.at(cost="1/3")
    assert isinstance(numeric, SignallingGame) and numeric.is_exact
    assert numeric.sender_payoffs[1, 1].tolist() == [Fraction(4, 3), Fraction(-2, 3)]
    assert numeric.prior.tolist() == [Fraction(1, 2), Fraction(1, 2)]
    assert (numeric.types, numeric.messages, numeric.actions) == (
        game.types,
        game.messages,
        game.actions,
    )
    # a float value is read as its shortest decimal, exactly
    assert game.at(cost=0.5).sender_payoffs[0, 1, 1] == Fraction(-1, 2)


def test_at_agrees_with_the_fixed_game_built_by_hand():
    game = job_market()
    by_hand = SignallingGame(
        sender_payoffs=[[[2, 0], [1, -1]], [[2, 0], [0, -2]]],
        receiver_payoffs=[[[1, 0], [1, 0]], [[0, 1], [0, 1]]],
        prior=["1/2", "1/2"],
    )
    ours, theirs = solve_signalling(game.at(cost=1)), solve_signalling(by_hand)
    assert [e.kind for e in ours] == [e.kind for e in theirs]
    assert [e.sender for e in ours] == [e.sender for e in theirs]


def test_substitute_keeps_the_rest_symbolic_and_checks_domains():
    game = job_market()
    fixed = game.substitute(ratio=3, p="1/4")
    assert fixed.parameter_names == ("cost",)
    assert str(fixed.sender_payoffs[1, 1, 1]) == "-3*cost"
    assert fixed.at(cost=1).prior.tolist() == [Fraction(1, 4), Fraction(3, 4)]
    tied = game.substitute(ratio="1 + cost")
    assert tied.parameter_names == ("cost", "p")
    with pytest.raises(InvalidGameError, match="outside its domain"):
        game.substitute(cost=9)
    with pytest.raises(InvalidGameError, match="unknown parameter"):
        game.substitute(wage=1)
    assert game.substitute() is game


def test_games_are_immutable_picklable_and_comparable():
    game = job_market(outcomes=Outcomes([({"sender (high)": "educate"}, "high types educate")]))
    again = pickle.loads(pickle.dumps(game))
    assert again == game and hash(again) == hash(game)
    assert again.outcomes == game.outcomes
    assert again.at(cost=2).sender_payoffs.tolist() == game.at(cost=2).sender_payoffs.tolist()
    with pytest.raises(AttributeError):
        game.title = "other"
    assert game.replace(title="jobs").title == "jobs"
    assert game != game.substitute(p="1/3")
    assert "ParametricSignallingGame" in repr(game) and "educate" in str(game)


def test_from_game_wraps_a_fixed_game():
    fixed = SignallingGame([[[1, 0]], [[0, 1]]], [[[1, 0]], [[0, 1]]], ["1/3", "2/3"])
    wrapped = ParametricSignallingGame.from_game(fixed)
    assert wrapped.parameter_names == ()
    np.testing.assert_array_equal(wrapped.at().sender_payoffs, fixed.sender_payoffs)
    with pytest.raises(InvalidGameError, match="needs a SignallingGame"):
        ParametricSignallingGame.from_game(wrapped)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"prior": ["p", "1/2"]}, "prior sums to"),
        ({"prior": ["1/2", "1/2", "0"]}, r"prior has shape \(3,\)"),
        ({"prior": ["0", "1"]}, "non-positive entry"),
        ({"receiver_payoffs": [[[1, 0]], [[0, 1]]]}, "receiver payoffs have shape"),
        ({"sender_payoffs": [[[1, "wage"], [0, 0]], [[0, 0], [0, 0]]]}, r"undeclared .*'wage'"),
        ({"sender_payoffs": [[[1, 0], [0]], [[0, 0], [0, 0]]]}, "ragged"),
        ({"sender_payoffs": "cost"}, "expected an array"),
        ({"types": ("high", "high")}, "duplicate"),
        ({"players": ("only",)}, "players has 1 labels"),
        ({"outcomes": Outcomes([({"sender (middle)": "none"}, "x")])}, "names player"),
        ({"outcomes": Outcomes([({"receiver (after none)": "raise"}, "x")])}, "'raise'"),
    ],
)
def test_bad_input_is_rejected_with_a_clear_message(changes, message):
    with pytest.raises(InvalidGameError, match=message):
        job_market(**changes)


def test_one_type_is_not_a_signalling_game():
    with pytest.raises(InvalidGameError, match="at least two sender types"):
        ParametricSignallingGame([[[0]]], [[[0]]], [1])


def test_a_prior_that_leaves_the_simplex_is_reported_where_it_is_evaluated():
    game = job_market()
    with pytest.raises(InvalidGameError, match="p=0: prior"):
        game.at(p=0)
