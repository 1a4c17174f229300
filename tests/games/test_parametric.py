"""ParametricGame and Parameter: construction, validation, evaluation, substitution."""

from __future__ import annotations

import pickle
from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import given
from hypothesis import strategies as st

from deterrence import solve
from deterrence.exceptions import InvalidGameError
from deterrence.games import NormalFormGame, Parameter, ParametricGame


@pytest.fixture
def coercion():
    return ParametricGame.from_matrices(
        [["10*(1 - credibility) - 4", "2"], ["0", "0"]],
        [["-5", "-3"], ["-1", "-2"]],
        [Parameter("credibility", default="1/2", domain=(0, 1))],
        players=("coercer", "coalition"),
        strategies=(("coerce", "refrain"), ("share", "hoard")),
        title="coercion",
    )


# ---------------------------------------------------------------- Parameter
def test_parameter_normalises_default_and_domain():
    p = Parameter("cost", default="1/2", domain=(0, "3/2"), description="unit cost")
    assert p.default == Fraction(1, 2)
    assert p.domain == (Fraction(0), Fraction(3, 2))
    assert p.symbol == sympy.Symbol("cost", real=True)
    assert Parameter("x", default=0.25).default == 0.25


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"name": "1x"}, "not a valid identifier"),
        ({"name": "a-b"}, "not a valid identifier"),
        ({"name": "exp"}, "reserved"),
        ({"name": "x", "default": 2, "domain": (0, 1)}, "default of parameter 'x' is 2, outside"),
        ({"name": "x", "domain": (1, 0)}, "expected low <= high"),
        ({"name": "x", "domain": (0, 1, 2)}, "expected a pair"),
        ({"name": "x", "default": "abc"}, "default of parameter 'x'"),
        ({"name": "x", "default": float("nan")}, "finite"),
        ({"name": "x", "default": True}, "boolean"),
    ],
)
def test_parameter_rejects_bad_input(kwargs, message):
    with pytest.raises(InvalidGameError, match=message):
        Parameter(**kwargs)


def test_parameter_half_open_domain():
    p = Parameter("cost", domain=(0, None))
    assert p.validate(10**9) == 10**9
    with pytest.raises(InvalidGameError, match=r"cost=-1 is outside its domain \[0, inf\)"):
        p.validate(-1)


# ---------------------------------------------------------------- construction
def test_strings_numbers_and_sympy_mix(coercion):
    c = sympy.Symbol("c")  # a user symbol without assumptions maps onto the canonical one
    game = ParametricGame([[[c, 1], ["c/2", 0.5]], [[0, 0], [0, 0]]], ["c"])
    assert game.payoffs[0, 0, 0] == game.symbols["c"]
    assert game.payoffs[0, 1, 0] == game.symbols["c"] / 2
    assert isinstance(game.payoffs[0, 1, 1], sympy.Float)
    assert not game.payoffs.flags.writeable
    assert coercion.parameter_names == ("credibility",)
    assert coercion.defaults == {"credibility": Fraction(1, 2)}
    assert coercion.num_players == 2 and coercion.num_strategies == (2, 2)
    assert coercion.players == ("coercer", "coalition")


def test_parameters_as_names_and_mapping():
    by_name = ParametricGame([["a + b"]], ["a", "b"])
    assert by_name.parameter_names == ("a", "b")
    assert by_name.defaults == {}
    by_map = ParametricGame([["a + b"]], {"a": 1, "b": Parameter("b", default=2)})
    assert by_map.defaults == {"a": 1, "b": 2}
    with pytest.raises(InvalidGameError, match="maps 'a' to a Parameter named 'b'"):
        ParametricGame([["a"]], {"a": Parameter("b")})


@pytest.mark.parametrize(
    ("payoffs", "parameters", "message"),
    [
        ([["a + z + w"]], ["a"], r"undeclared parameter\(s\) \['w', 'z'\]"),
        ([["a +"]], ["a"], r"index \(0, 0\).*end of expression"),
        ([[[1, 2], [3]], [[1, 2], [3, 4]]], [], "ragged"),
        ([[1, 2], [3, 4]], [], r"shape \(2, 2\)"),
        (np.zeros((3, 2, 2)), [], r"shape \(3, 2, 2\)"),
        ([[]], [], "at least one strategy"),
        ([[None]], [], "NoneType"),
        ([[True]], [], "boolean"),
        ([[float("inf")]], [], "finite"),
        ([[sympy.oo]], [], "finite"),
        ([["a"]], ["a", "a"], r"declared twice: \['a'\]"),
        ([["a"]], [3], "expected a Parameter or a name"),
        ("x", ["x"], "single value"),
    ],
)
def test_construction_errors(payoffs, parameters, message):
    with pytest.raises(InvalidGameError, match=message):
        ParametricGame(payoffs, parameters)


def test_from_matrices_shape_mismatch_names_player():
    with pytest.raises(InvalidGameError, match=r"player 'b' has shape \(1, 2\); expected \(2, 2\)"):
        ParametricGame.from_matrices([[1, 2], [3, 4]], [[1, 2]], [], players=("a", "b"))


def test_label_validation():
    with pytest.raises(InvalidGameError, match="duplicate"):
        ParametricGame.from_matrices([[1, 2]], [[1, 2]], [], players=("a", "a"))
    with pytest.raises(InvalidGameError, match="strategies of player 'player 2' has 3 labels"):
        ParametricGame.from_matrices([[1, 2]], [[1, 2]], [], strategies=(("x",), ("a", "b", "c")))


# ---------------------------------------------------------------- evaluation
def test_at_is_exact_and_matches_hand_computation(coercion):
    game = coercion.at(credibility="3/4")
    assert isinstance(game, NormalFormGame) and game.is_exact
    expected = NormalFormGame.from_matrices(
        [["-3/2", 2], [0, 0]],
        [[-5, -3], [-1, -2]],
        players=coercion.players,
        strategies=coercion.strategies,
    )
    assert game == expected
    assert game.title == "coercion"
    assert coercion.at() == coercion.at(credibility=Fraction(1, 2))


def test_at_with_float_takes_its_shortest_decimal_exactly(coercion):
    # the exact-mode float policy (deterrence.games._numbers.to_fraction): 0.1 means 1/10
    game = coercion.at(credibility=0.25)
    assert game.is_exact and game == coercion.at(credibility="1/4")
    assert coercion.at(credibility=0.1) == coercion.at(credibility="1/10")
    assert coercion.substitute(credibility=0.1).at() == coercion.at(credibility="1/10")
    assert coercion.resolve(credibility=0.3)["credibility"] == Fraction(3, 10)


def test_at_irrational_functions():
    game = ParametricGame([["sqrt(x)", "exp(x)", "log(x)"]], ["x"])
    exact = ParametricGame([["sqrt(x)", "abs(x - 5)", "min(x, 1)"]], ["x"]).at(x=4)
    assert exact.is_exact and exact.payoffs.tolist() == [[2, 1, 1]]
    values = game.at(x=4)
    assert not values.is_exact
    np.testing.assert_allclose(values.float_payoffs[0], [2, np.exp(4), np.log(4)])


@pytest.mark.parametrize(
    ("values", "message"),
    [
        (
            {"cred": 1},
            r"unknown parameter 'cred' \(did you mean 'credibility'\?\); "
            r"parameters are \['credibility'\]",
        ),
        ({"credibility": 2}, r"credibility=2 is outside its domain \[0, 1\]"),
        ({"credibility": -0.5}, "outside its domain"),
        ({"credibility": "abc"}, "value of parameter 'credibility'"),
        ({"credibility": float("nan")}, "finite"),
    ],
)
def test_at_errors(coercion, values, message):
    with pytest.raises(InvalidGameError, match=message):
        coercion.at(**values)


def test_missing_value_without_default():
    game = ParametricGame([["a * b"]], [Parameter("a", default=1), "b"])
    with pytest.raises(InvalidGameError, match="parameter 'b' has no default"):
        game.at()


def test_undefined_payoff_at_point():
    game = ParametricGame([["1/x"]], ["x"])
    with pytest.raises(InvalidGameError, match=r"1/x.*undefined at x=0"):
        game.at(x=0)
    with pytest.raises(InvalidGameError, match="undefined"):
        ParametricGame([["log(x)"]], ["x"]).at(x=-1)


def test_solve_accepts_parametric_game(coercion):
    result = solve(coercion, exact=True)
    # at credibility 1/2 coercion pays against either reply and the coalition then hoards
    assert [eq.outcome for eq in result] == ["(coerce, hoard)"]


# ---------------------------------------------------------------- substitute, lambdify
def test_substitute_keeps_other_parameters():
    game = ParametricGame([["a*b + c"]], [Parameter("a", domain=(0, 1)), "b", "c"])
    fixed = game.substitute(a="1/2", c="b/2")
    assert fixed.parameter_names == ("b",)
    b = fixed.symbols["b"]
    assert sympy.simplify(fixed.payoffs[0, 0] - b) == 0
    with pytest.raises(InvalidGameError, match="outside its domain"):
        game.substitute(a=3)
    with pytest.raises(InvalidGameError, match="unknown parameter"):
        game.substitute(d=1)


def test_lambdify_matches_at_on_random_points(coercion):
    game = ParametricGame.from_matrices(
        [["a*b - 1", "max(a, b)"], ["exp(a)", 2]],
        [["sqrt(b)", "a/(1 + b)"], [0, "abs(a - b)"]],
        [Parameter("a", domain=(0, 1)), Parameter("b", domain=(0, 5), default=1)],
    )
    evaluate = game.lambdify()
    rng = np.random.default_rng(0)
    a = rng.uniform(0, 1, 20)
    b = rng.uniform(0, 5, 20)
    values = evaluate(a=a, b=b)
    assert values.shape == (2, 2, 2, 20)
    for k in range(20):
        np.testing.assert_allclose(values[..., k], game.at(a=a[k], b=b[k]).float_payoffs)
    assert evaluate(a=0.5).shape == (2, 2, 2)  # defaults fill b; scalar shape
    with pytest.raises(InvalidGameError, match="outside its domain"):
        evaluate(a=np.array([0.5, 2.0]))
    with pytest.raises(InvalidGameError, match="no default"):
        evaluate(b=1)


def test_pickle_round_trip_after_caching(coercion):
    coercion.lambdify()
    coercion.at()
    clone = pickle.loads(pickle.dumps(coercion))
    assert clone == coercion
    assert clone.at(credibility="1/4") == coercion.at(credibility="1/4")


def test_replace_and_equality(coercion):
    renamed = coercion.replace(players=("China", "G7"))
    assert renamed.players == ("China", "G7")
    assert renamed != coercion
    assert coercion.replace() == coercion
    with pytest.raises(InvalidGameError):
        coercion.replace(players=("one",))
    assert "credibility in [0, 1]" in str(coercion)


@given(
    st.fractions(min_value=0, max_value=1, max_denominator=50),
    st.integers(min_value=-5, max_value=5),
)
def test_at_exact_for_rational_values(credibility, shift):
    game = ParametricGame(
        [["(credibility + s)**2 / (1 + credibility)"]],
        [Parameter("credibility", domain=(0, 1)), "s"],
    )
    value = game.at(credibility=credibility, s=shift).payoffs[0, 0]
    assert value == (credibility + shift) ** 2 / (1 + credibility)
