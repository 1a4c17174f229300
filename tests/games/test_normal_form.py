"""NormalFormGame: construction, validation errors, exactness, immutability, interop."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest

from deterrence import InvalidGameError, InvalidProfileError, NormalFormGame
from deterrence.exceptions import UnsupportedGameError
from deterrence.solvers.degeneracy import is_degenerate

GOOD = [[1, 2], [3, 4]]


# ---------------------------------------------------------------------------- validation
@pytest.mark.parametrize(
    ("first", "second", "message"),
    [
        ([[1, 2], [3]], GOOD, "ragged"),
        (GOOD, [[1, 2, 3], [3, 4, 5]], r"shape \(2, 3\); expected \(2, 2\)"),
        ([[1, float("nan")], [3, 4]], GOOD, r"index \(0, 1\) is nan"),
        (np.array([[1.0, np.inf], [3, 4]]), GOOD, r"inf.*index \(0, 1\)"),
        ([[1, "x"], [3, 4]], GOOD, "the string 'x'"),
        ([[1, None], [3, 4]], GOOD, "None of type NoneType"),
        ([[True, False], [3, 4]], GOOD, "boolean"),
        ([[1j, 0], [3, 4]], GOOD, "type complex"),
        ([[Decimal("NaN"), 0], [3, 4]], GOOD, "finite"),
        (np.zeros((0, 2)), np.zeros((0, 2)), "at least one strategy"),
        ([], [], r"shape \(0,\); expected a matrix"),
        ([1, 2], [1, 2], "expected a matrix"),
        (np.zeros((2, 2, 2)), np.zeros((2, 2, 2)), "expected a matrix"),
    ],
    ids=[
        "ragged",
        "mismatched",
        "nan",
        "inf",
        "string",
        "none",
        "bool",
        "complex",
        "decimal-nan",
        "empty-strategies",
        "empty",
        "vector",
        "three-d",
    ],
)
def test_bad_payoffs_are_rejected_with_a_clear_message(first, second, message):
    with pytest.raises(InvalidGameError, match=message):
        NormalFormGame.from_matrices(first, second)


@pytest.mark.parametrize(
    ("labels", "message"),
    [
        ({"players": ("a", "a")}, r"duplicate labels \['a'\]"),
        ({"players": ("a",)}, "1 labels .* expected 2"),
        ({"players": ("a", "")}, "non-empty strings"),
        ({"players": ("a", 3)}, "non-empty strings"),
        ({"players": "ab"}, "the string 'ab'"),
        ({"strategies": (("x", "y"), ("u", "u"))}, r"duplicate labels \['u'\]"),
        ({"strategies": (("x", "y"), ("u",))}, "1 labels .* expected 2"),
        ({"strategies": (("x", "y"),)}, "one sequence of labels for each of the 2 players"),
        ({"title": 3}, "title must be a string"),
    ],
)
def test_bad_labels_are_rejected(labels, message):
    with pytest.raises(InvalidGameError, match=message):
        NormalFormGame.from_matrices(GOOD, GOOD, **labels)


def test_payoff_array_with_wrong_player_count_is_rejected():
    with pytest.raises(InvalidGameError, match="2 payoff arrays for 3 strategy dimensions"):
        NormalFormGame(np.zeros((2, 2, 2, 2)))
    with pytest.raises(InvalidGameError, match="already a NormalFormGame"):
        NormalFormGame(NormalFormGame.from_matrices(GOOD, GOOD))


def test_invalid_game_error_is_a_value_error():
    with pytest.raises(ValueError):
        NormalFormGame.from_matrices([[1, 2], [3]], GOOD)


# ---------------------------------------------------------------------------- exactness
def test_ints_fractions_decimals_and_rational_strings_are_exact():
    game = NormalFormGame.from_matrices([[1, "2/3"], [Fraction(1, 2), Decimal("0.5")]], GOOD)
    assert game.is_exact and game.payoffs.dtype == object
    assert game.payoff_matrix(0).tolist() == [[1, Fraction(2, 3)], [Fraction(1, 2), Fraction(1, 2)]]
    assert all(isinstance(v, Fraction) for v in game.payoffs.reshape(-1))
    assert NormalFormGame.from_matrices(np.array(GOOD), np.array(GOOD)).is_exact


def test_one_float_makes_a_float_game():
    game = NormalFormGame.from_matrices([[1, 2.5], [3, 4]], GOOD)
    assert not game.is_exact and game.payoffs.dtype == np.float64
    assert game.payoff_matrix(1).dtype == np.float64
    exact = NormalFormGame.from_matrices(GOOD, GOOD)
    assert exact.float_payoffs.dtype == np.float64
    assert exact.float_payoffs.tolist() == [[[1.0, 2.0], [3.0, 4.0]]] * 2


def test_sympy_rationals_are_exact():
    sympy = pytest.importorskip("sympy")
    game = NormalFormGame.from_matrices([[sympy.Rational(1, 3), 0]], [[0, 1]])
    assert game.is_exact and game.payoffs[0, 0, 0] == Fraction(1, 3)


# ---------------------------------------------------------------------------- immutability
def test_games_are_frozen_and_arrays_read_only():
    game = NormalFormGame.from_matrices(GOOD, GOOD)
    with pytest.raises(ValueError, match="read-only"):
        game.payoffs[0, 0, 0] = 5
    with pytest.raises(ValueError, match="read-only"):
        game.float_payoffs[0, 0, 0] = 5.0
    with pytest.raises(dataclasses.FrozenInstanceError):
        game.title = "changed"  # type: ignore[misc]
    source = np.array([[1.0, 2.0], [3.0, 4.0]])
    copy = NormalFormGame.from_matrices(source, source)
    source[0, 0] = 99.0
    assert copy.payoffs[0, 0, 0] == 1.0


def test_replace_validates_and_returns_a_new_game():
    game = NormalFormGame.from_matrices(GOOD, GOOD, players=("coercer", "coalition"))
    renamed = game.replace(title="supply squeeze")
    assert renamed.title == "supply squeeze" and game.title == ""
    assert renamed.players == ("coercer", "coalition")
    assert renamed == game  # equality ignores the title
    with pytest.raises(InvalidGameError, match="expected 2"):
        game.replace(players=("coercer",))
    new = game.replace(payoffs=np.ones((2, 2, 2)), players=None)
    assert not new.is_exact and new.players == ("player 1", "player 2")


# ---------------------------------------------------------------------------- basics
def test_labels_indices_and_matrices():
    game = NormalFormGame.from_matrices(
        [[3, 0], [5, 1]],
        [[3, 5], [0, 1]],
        players=("bloc A", "bloc B"),
        strategies=(("open", "friend-shore"), ("open", "friend-shore")),
        title="dilemma",
    )
    assert game.num_players == 2 and game.num_strategies == (2, 2)
    assert game.player_index("bloc B") == 1 and game.player_index(-1) == 1
    assert game.strategy_index("bloc A", "friend-shore") == 1
    assert game.payoff_matrix("bloc B")[0, 1] == 5
    with pytest.raises(InvalidGameError, match="unknown player 'bloc C'"):
        game.player_index("bloc C")
    with pytest.raises(InvalidGameError, match="out of range"):
        game.player_index(2)
    with pytest.raises(InvalidGameError, match="unknown strategy 'close'"):
        game.strategy_index(0, "close")
    assert "dilemma" in repr(game) and "bloc A" in str(game)


def test_profiles_payoffs_and_best_responses():
    game = NormalFormGame.from_matrices([[4, 0], [3, 3]], [[4, 3], [0, 3]])
    mixed = [["3/4", "1/4"], ["3/4", "1/4"]]
    assert game.expected_payoffs(mixed).tolist() == [3, 3]
    assert game.best_responses(0, mixed) == (0, 1)
    assert game.best_responses(1, [0, 0]) == (0,)
    with pytest.raises(InvalidProfileError, match="sums to"):
        game.as_profile([[0.5, 0.6], [1, 0]])
    with pytest.raises(InvalidProfileError, match="negative"):
        game.as_profile([[-0.5, 1.5], [1, 0]])
    with pytest.raises(InvalidProfileError, match="expected one for each"):
        game.as_profile([[1, 0]])
    with pytest.raises(InvalidProfileError, match=r"shape \(3,\)"):
        game.as_profile([[1, 0, 0], [1, 0]])


def test_zero_sum_and_n_player_constructors():
    game = NormalFormGame.zero_sum([[1.5, -2]])
    assert game.payoff_matrix(1).tolist() == [[-1.5, 2.0]]
    three = NormalFormGame.from_payoffs(np.zeros((3, 2, 3, 4), dtype=int))
    assert three.num_strategies == (2, 3, 4)
    with pytest.raises(UnsupportedGameError, match="3 players"):
        three.to_nashpy()


def test_nashpy_round_trip():
    nashpy = pytest.importorskip("nashpy")
    game = NormalFormGame.from_matrices([[1, 2.5], [0, 1]], [[2, 0], [1, 3]])
    back = NormalFormGame.from_nashpy(game.to_nashpy(), players=("a", "b"))
    assert back.players == ("a", "b")
    assert np.array_equal(back.float_payoffs, game.float_payoffs)
    assert isinstance(game.to_nashpy(), nashpy.Game)
    with pytest.raises(InvalidGameError, match="expected a nashpy.Game, got str"):
        NormalFormGame.from_nashpy("not a game")


# ---------------------------------------------------------------------------- degeneracy
@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        ([[3, 0], [5, 1]], [[3, 5], [0, 1]], False),  # prisoner's dilemma
        ([[2, 0], [0, 1]], [[1, 0], [0, 2]], False),  # battle of the sexes
        ([[1, 1], [0, 0]], [[1, 1], [0, 0]], True),  # tie against a pure strategy
        ([[3, 3], [2, 5], [0, 6]], [[3, 3], [2, 6], [3, 1]], True),  # von Stengel 2002
        ([[3, 3], [2, 5], [0, 6]], [[3, 2], [2, 6], [3, 1]], False),
        # a mixed strategy with two best responses but no pure tie: x = (1/2, 1/2)
        # gives the column player 1/2 from both columns
        ([[1, 0], [0, 1]], [[1, 0], [0, 1]], False),
        ([[0, 0], [0, 0]], [[1, 2], [2, 1]], True),
        ([[1]], [[1]], False),
        ([[1, 1]], [[0, 0]], True),
    ],
)
def test_is_degenerate_known_cases(first, second, expected):
    assert is_degenerate(NormalFormGame.from_matrices(first, second)) == expected
    floats = NormalFormGame.from_matrices(np.asarray(first, float), np.asarray(second, float))
    assert is_degenerate(floats) == expected


def test_is_degenerate_three_by_three_mixed_tie():
    # x = (1/2, 1/2, 0) makes the column player indifferent among all three columns: a
    # support of size 2 with 3 best responses (von Stengel 2002, Definition 3.2).
    second = [[0, 1, 2], [2, 1, 0], [5, 0, 0]]
    first = [[1, 0, 0], [0, 1, 0], [0, 0, 1]]
    assert is_degenerate(NormalFormGame.from_matrices(first, second))


def test_repr_round_trips_exact_and_float_games():
    """Issue 8: plain ``__repr__`` that round-trips where sensible (small games)."""
    from fractions import Fraction

    from deterrence import NormalFormGame

    exact = NormalFormGame.from_matrices(
        [[Fraction(1, 3), -2], [0, 5]],
        [[1, 0], ["7/4", 2]],
        players=("coercer", "coalition"),
        strategies=(("coerce", "refrain"), ("share", "not share")),
        title="t",
    )
    floats = NormalFormGame.from_payoffs(np.full((3, 2, 2, 2), 0.25))
    for game in (exact, floats):
        again = eval(repr(game), {"NormalFormGame": NormalFormGame})
        assert again == game and again.is_exact == game.is_exact and again.title == game.title
