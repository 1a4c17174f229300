"""ParametricAnonymousGame: construction, validation, evaluation, conversion, pickling.

Specification: a family of anonymous games :math:`G(\\theta)` with payoffs
:math:`u(s, c; \\theta)` (own strategy ``s``, the others' counts ``c``), given as
expressions per strategy in the counts ``k1..km`` (``k`` for two strategies), ``N`` and the
declared parameters, as a callable ``payoff(strategy_index, counts)`` or as an ``(m, C)``
array of expressions. ``at(**values)`` is the :class:`AnonymousGame` at a point (exact when
the values are rational), ``substitute`` fixes some parameters, ``lambdify`` evaluates the
table at many points in floats, ``to_parametric_normal_form`` expands to an N-player
:class:`ParametricGame`.
"""

from __future__ import annotations

import math
import pickle
from fractions import Fraction as F

import numpy as np
import pytest
import sympy

from deterrence.exceptions import InvalidGameError, UnsupportedGameError
from deterrence.games import AnonymousGame, Parameter, ParametricAnonymousGame, ParametricGame

PARAMETERS = [
    Parameter("x", default=1),
    Parameter("y", default="1/2", domain=(0, 1)),
    Parameter("z"),
]


def expression_game(n: int = 4) -> ParametricAnonymousGame:
    """u(a, k) = x k + y N, u(b, k) = z - k/3 (k of the other n - 1 choose a)."""
    return ParametricAnonymousGame(
        n, {"a": "x*k + y*N", "b": "z - k/3"}, PARAMETERS, title="test game", player_label="partner"
    )


def direct_payoff(strategy: int, counts: tuple[int, ...], x, y, z, n: int = 4):
    k = counts[0]
    return x * k + y * n if strategy == 0 else z - F(k, 3)


def three_strategy_game(n: int = 4) -> ParametricAnonymousGame:
    return ParametricAnonymousGame(
        n, {"open": "x*k1 - k3", "hedge": "y*(k2 + 1)", "close": "z + k1*k3/N"}, PARAMETERS
    )


# ---------------------------------------------------------------------- construction
def test_every_payoff_form_gives_the_same_table():
    n = 4
    mapping = expression_game(n)
    sequence = ParametricAnonymousGame(
        n, ["x*k + y*N", "z - k/3"], PARAMETERS, strategies=("a", "b")
    )
    symbols = sympy.symbols("x y z k N")
    x, y, z, k, total = symbols
    with_sympy = ParametricAnonymousGame(
        n, [x * k + y * total, z - k / 3], PARAMETERS, strategies=("a", "b")
    )
    callable_form = ParametricAnonymousGame(
        n,
        lambda s, c: f"x*{c[0]} + y*{n}" if s == 0 else f"z - {c[0]}/3",
        PARAMETERS,
        strategies=("a", "b"),
    )
    array_form = ParametricAnonymousGame(
        n,
        [[f"x*{k} + {n}*y" for k in range(n)], [f"z - {k}/3" for k in range(n)]],
        PARAMETERS,
        strategies=("a", "b"),
    )
    games = [mapping, sequence, with_sympy, callable_form, array_form]
    for game in games:
        assert game.num_strategies == 2 and game.table.shape == (2, n)
        assert game.parameter_names == ("x", "y", "z")
        assert game.difference_expressions() == mapping.difference_expressions()
        assert game == mapping
        assert game.at(z=2) == mapping.at(z=2)
    assert mapping.expressions is not None and callable_form.expressions is None
    # the array form stores the table itself as payoffs (so the game pickles)
    assert array_form.payoffs.shape == (2, n)


def test_constant_payoffs_may_be_numbers():
    game = ParametricAnonymousGame(3, {"cooperate": "x*k", "defect": 1}, ["x"])
    assert game.at(x=2).table.tolist() == [[0, 2, 4], [1, 1, 1]]
    assert ParametricAnonymousGame(3, [F(1, 2), 0], []).at().table[0, 0] == F(1, 2)
    assert ParametricAnonymousGame(3, [0.5, 0], []).at().table.dtype == np.float64


def test_three_strategies_and_count_symbols():
    game = three_strategy_game()
    assert game.table.shape == (3, math.comb(3 + 2, 2))
    point = game.at(z=1)
    for c, counts in enumerate(game.count_profiles):
        k1, k2, k3 = (int(v) for v in counts)
        assert point.table[:, c].tolist() == [k1 - k3, F(1, 2) * (k2 + 1), 1 + F(k1 * k3, 4)]
    # two strategies also accept k2 (the others on the second strategy)
    two = ParametricAnonymousGame(4, {"a": "k2", "b": "0"}, [])
    assert two.at().table[0].tolist() == [3, 2, 1, 0]


@pytest.mark.parametrize(
    "build, match",
    [
        (
            lambda: ParametricAnonymousGame(3, {"a": "w*k", "b": "1"}, PARAMETERS),
            r"unknown symbol 'w'.*\['k', 'k1', 'k2', 'N', 'x', 'y', 'z'\]",
        ),
        (
            lambda: ParametricAnonymousGame(3, [["w", 1, 2], [0, 0, 0]], PARAMETERS),
            r"strategy 0 at count profile 0 uses undeclared parameter\(s\) \['w'\]",
        ),
        (
            lambda: ParametricAnonymousGame(3, lambda s, c: "k", PARAMETERS, strategies=("a", "b")),
            r"undeclared parameter\(s\) \['k'\]",
        ),
        (
            lambda: ParametricAnonymousGame(3, [["x", 1], ["y", 0]], PARAMETERS),
            r"shape \(2, 2\); expected \(2, 3\)",
        ),
        (lambda: ParametricAnonymousGame(3, [[["x"]]], PARAMETERS), r"shape \(1, 1, 1\)"),
        (lambda: ParametricAnonymousGame(1, {"a": "1", "b": "2"}, []), "num_players is 1"),
        (lambda: ParametricAnonymousGame(True, {"a": "1", "b": "2"}, []), "num_players is True"),
        (lambda: ParametricAnonymousGame(2.0, {"a": "1", "b": "2"}, []), "num_players is 2.0"),
        (lambda: ParametricAnonymousGame(3, [[math.nan, 1, 2], [0, 0, 0]], []), "nan"),
        (lambda: ParametricAnonymousGame(3, [[math.inf, 1, 2], [0, 0, 0]], []), "inf"),
        (lambda: ParametricAnonymousGame(3, {"a": math.inf, "b": 0}, []), "finite"),
        (lambda: ParametricAnonymousGame(3, {"a": True, "b": 0}, []), "boolean"),
        (
            lambda: ParametricAnonymousGame(3, lambda s, c: math.nan, [], strategies=("a", "b")),
            "nan",
        ),
        (
            lambda: ParametricAnonymousGame(3, {"a": "x +* 1", "b": "2"}, ["x"]),
            "strategy 'a': cannot parse",
        ),
        (
            lambda: ParametricAnonymousGame(3, {"a": "__import__('os')", "b": "2"}, []),
            "cannot parse",
        ),
        (lambda: ParametricAnonymousGame(3, ["1", "2"], [], strategies=("a", "a")), "duplicate"),
        (lambda: ParametricAnonymousGame(3, ["1", "2"], [], strategies=("a", "")), "non-empty"),
        (lambda: ParametricAnonymousGame(3, ["1", "2"], [], strategies="ab"), "sequence of labels"),
        (
            lambda: ParametricAnonymousGame(3, ["1", "2"], [], strategies=("a", "b", "c")),
            "3 labels",
        ),
        (
            lambda: ParametricAnonymousGame(3, {"a": "1", "b": "2"}, [], strategies=("a", "c")),
            r"expressions for \['a', 'b'\]",
        ),
        (lambda: ParametricAnonymousGame(3, lambda s, c: 1, []), "needs the strategies"),
        (lambda: ParametricAnonymousGame(3, {"a": "1"}, [], title=3), "title"),
        (lambda: ParametricAnonymousGame(3, {"a": "1"}, [], player_label=" "), "player_label"),
        (lambda: ParametricAnonymousGame(3, [], []), r"shape \(0,\)"),
        (lambda: ParametricAnonymousGame(3, {"a": "x", "b": "1"}, ["x", "x"]), "declared twice"),
        (
            lambda: ParametricAnonymousGame(3, {"a": "k", "b": "k2", "c": "k3"}, []),
            "unknown symbol 'k'",
        ),
        (
            lambda: ParametricAnonymousGame(3, AnonymousGame(3, [[0, 1, 2], [1, 1, 1]]), []),
            "from_game",
        ),
        # a parameter named like a count symbol would be silently shadowed
        (lambda: ParametricAnonymousGame(3, {"a": "k", "b": "1"}, ["k"]), r"\['k'\] clash"),
        (lambda: ParametricAnonymousGame(3, {"a": "N", "b": "1"}, ["N"]), r"\['N'\] clash"),
        # an expression undefined at some count profile whatever the parameters
        (
            lambda: ParametricAnonymousGame(3, {"a": "x/k", "b": "0"}, ["x"]),
            "strategy 'a' .*undefined when k1=0",
        ),
        # refused before any count profile is enumerated
        (
            lambda: ParametricAnonymousGame(100_000, {"a": "k1", "b": "k2", "c": "k3"}, []),
            "5000050000 count profiles; at most 5000000",
        ),
        (
            lambda: ParametricAnonymousGame(100_000, lambda s, c: 0, [], strategies="abc"[:3]),
            "sequence of labels",
        ),
        (
            lambda: ParametricAnonymousGame(
                100_000, lambda s, c: 0, [], strategies=("a", "b", "c")
            ),
            "5000050000 count profiles",
        ),
        (
            lambda: ParametricAnonymousGame(4, {"a": "log(k - 1)", "b": "0"}, []),
            r"undefined when k1=0.*I\*pi",
        ),
    ],
)
def test_invalid_games_are_named(build, match):
    with pytest.raises(InvalidGameError, match=match):
        build()


def test_payoffs_undefined_only_at_some_parameters_are_accepted():
    # x/(k - y) is fine unless y is a count, sqrt(x - 1) unless x < 1: checked at at()
    game = ParametricAnonymousGame(3, {"a": "x/(k - y)", "b": "sqrt(x - 1)"}, ["x", "y"])
    assert game.at(x=2, y="1/2").table[0].tolist() == [-4, 4, F(4, 3)]
    with pytest.raises(InvalidGameError, match=r"strategy 'a' .*undefined at x=2, y=1"):
        game.at(x=2, y=1)
    with pytest.raises(InvalidGameError, match="strategy 'b'.*x=0"):
        game.at(x=0, y="1/2")


def test_parameter_names_that_are_count_symbols_are_fine_in_tables():
    game = ParametricAnonymousGame(
        3, lambda s, c: "k*2" if s == 0 else 0, ["k"], strategies=("a", "b")
    )
    assert game.at(k=3).table[0].tolist() == [6, 6, 6]


def test_games_are_immutable_and_replace_validates():
    game = expression_game()
    with pytest.raises(AttributeError):
        game.num_players = 5  # type: ignore[misc]
    with pytest.raises(ValueError, match="read-only"):
        game.table[0, 0] = 1
    bigger = game.replace(num_players=6)
    assert bigger.table.shape == (2, 6) and bigger.at(z=0).payoff("a", (5, 0)) == 5 + 3
    assert game.replace(title="other").title == "other"
    table_game = ParametricAnonymousGame(3, lambda s, c: "x", ["x"], strategies=("a", "b"))
    with pytest.raises(InvalidGameError, match="give new payoffs together with num_players"):
        table_game.replace(num_players=4)
    with pytest.raises(InvalidGameError, match=r"unknown fields \['colour'\]"):
        game.replace(colour="red")


# ---------------------------------------------------------------------- evaluation
def test_at_is_exact_for_rational_values_and_matches_a_direct_anonymous_game():
    game = expression_game()
    point = game.at(z="5/3")
    assert point.is_exact
    assert all(isinstance(v, F) for v in point.table.reshape(-1))
    direct = AnonymousGame(
        4, lambda s, c: direct_payoff(s, c, 1, F(1, 2), F(5, 3)), strategies=("a", "b")
    )
    assert point == direct
    assert point.strategies == ("a", "b") and point.title == "test game"
    assert point.player_label == "partner"
    # the same through AnonymousGame's own expression support
    assert point == AnonymousGame(
        4, {"a": "x*k + y*N", "b": "z - k/3"}, parameters={"x": 1, "y": F(1, 2), "z": F(5, 3)}
    )


def test_at_takes_a_float_value_as_its_shortest_decimal():
    # the exact-mode float policy (deterrence.games._numbers.to_fraction): 0.1 means 1/10
    game = expression_game()
    point = game.at(z=0.25, x=2)
    assert point.is_exact and point == game.at(z=F(1, 4), x=2)
    assert game.at(z=0.1, x=2) == game.at(z=F(1, 10), x=2)
    direct = AnonymousGame(
        4, lambda s, c: float(direct_payoff(s, c, 2, F(1, 2), F(1, 4))), strategies=("a", "b")
    )
    np.testing.assert_allclose(point.float_table, direct.table, rtol=1e-15)
    table_game = ParametricAnonymousGame.from_game(AnonymousGame(3, [[0, 1, 2], [1, 1, 1]]))
    assert table_game.at().is_exact


def test_at_with_functions_of_the_counts():
    # sqrt and exp are evaluated in floats, rational results stay exact
    game = ParametricAnonymousGame(5, {"a": "sqrt(k)*x", "b": "exp(0)*k/2"}, ["x"])
    point = game.at(x=3)
    np.testing.assert_allclose(point.table[0], [3 * math.sqrt(k) for k in range(5)])
    exact = ParametricAnonymousGame(5, {"a": "sqrt(x)*k", "b": "0"}, ["x"]).at(x="1/4")
    assert exact.is_exact and exact.table[0].tolist() == [0, F(1, 2), 1, F(3, 2), 2]


@pytest.mark.parametrize(
    "call, match",
    [
        (lambda g: g.at(), "parameter 'z' has no default"),
        (lambda g: g.at(z=1, w=2), r"unknown parameter 'w'"),
        (lambda g: g.at(z=1, y=2), "y=2 is outside its domain"),
        (lambda g: g.at(z=math.nan), "finite"),
        (lambda g: g.at(z=True), "boolean"),
        (lambda g: g.substitute(w=1), r"unknown parameter 'w'"),
        (lambda g: g.substitute(y=3), "y=3 is outside its domain"),
        (lambda g: g.substitute(z="w + 1"), "unknown parameter"),
        (lambda g: g.lambdify()(), "parameter 'z' has no default"),
        (lambda g: g.lambdify()(z=1.0, w=2.0), r"unknown parameter 'w'"),
        (lambda g: g.lambdify()(z=1.0, y=np.array([0.5, 2.0])), "outside its domain"),
        (lambda g: g.lambdify()(z=np.zeros(3), x=np.zeros(2)), "different lengths"),
        (lambda g: g.lambdify()(z=np.zeros((2, 2))), r"shape \(2, 2\)"),
    ],
)
def test_bad_points_are_named(call, match):
    with pytest.raises(InvalidGameError, match=match):
        call(expression_game())


def test_undefined_payoffs_at_a_point_are_named():
    game = ParametricAnonymousGame(
        3, lambda s, c: "x/(y - 1/2)" if s == 0 else 0, PARAMETERS[:2], strategies=("a", "b")
    )
    with pytest.raises(InvalidGameError, match=r"undefined at x=1, y=1/2"):
        game.at()
    with pytest.raises(InvalidGameError, match=r"not finite at x=1, y=0.5"):
        game.lambdify()(y=np.array([0.25, 0.5]))


def test_substitute_keeps_the_rest_symbolic():
    game = expression_game()
    partial = game.substitute(z=2)
    assert partial.parameter_names == ("x", "y")
    assert partial.defaults == {"x": 1, "y": F(1, 2)}
    assert partial.at(x=3) == game.at(x=3, z=2)
    x, y = (game.parameter(name).symbol for name in "xy")
    assert partial.difference_expressions()[1] == sympy.expand(x + 4 * y - 2 + sympy.Rational(1, 3))
    chained = game.substitute(z="x + 1")  # an expression in the remaining parameters
    assert chained.at(x=2) == game.at(x=2, z=3)
    assert game.substitute() is game
    table_game = ParametricAnonymousGame(
        3, lambda s, c: f"x*{c[0]} + z", PARAMETERS, strategies=("a", "b")
    )
    assert table_game.substitute(z=1).at(x=2) == table_game.at(x=2, z=1)


@pytest.mark.parametrize(
    "make",
    [
        expression_game,
        three_strategy_game,
        lambda: ParametricAnonymousGame(
            5,
            lambda s, c: f"x*{c[0]}**2 - y*{c[1]} + z" if s == 0 else "z*y - x",
            PARAMETERS,
            strategies=("a", "b"),
        ),
    ],
)
def test_lambdify_equals_at_tables(make):
    game = make()
    rng = np.random.default_rng(7)
    x, y, z = rng.uniform(-3, 3, 6), rng.uniform(0, 1, 6), rng.uniform(-3, 3, 6)
    tables = game.lambdify()(x=x, y=y, z=z)
    assert tables.shape == (game.num_strategies, len(game.count_profiles), 6)
    for p in range(6):
        expected = game.at(x=float(x[p]), y=float(y[p]), z=float(z[p])).float_table
        np.testing.assert_allclose(tables[..., p], expected, rtol=1e-12, atol=1e-12)
    # scalars broadcast and defaults fill in
    single = game.lambdify()(z=1.5)
    np.testing.assert_allclose(single[..., 0], game.at(z=1.5).float_table)
    assert game.lambdify() is game.lambdify()  # compiled once


def test_lambdify_without_parameters():
    game = ParametricAnonymousGame(3, {"a": "k", "b": "1"}, [])
    np.testing.assert_array_equal(game.lambdify()()[..., 0], [[0, 1, 2], [1, 1, 1]])


# ---------------------------------------------------------------------- conversion
@pytest.mark.parametrize("make", [expression_game, three_strategy_game])
def test_parametric_normal_form_at_a_point_is_the_normal_form_of_the_point(make):
    game = make(3)
    normal = game.to_parametric_normal_form()
    assert isinstance(normal, ParametricGame)
    assert normal.players == ("member 1", "member 2", "member 3") or normal.players == (
        "partner 1",
        "partner 2",
        "partner 3",
    )
    assert normal.parameter_names == game.parameter_names
    for values in ({"z": 2}, {"x": "-1/3", "y": "1/4", "z": 0}, {"x": 0.5, "z": -1.25}):
        expected = game.at(**values).to_normal_form()
        got = normal.at(**values)
        assert got.players == expected.players and got.strategies == expected.strategies
        for i in range(game.num_players):
            np.testing.assert_array_equal(got.payoff_matrix(i), expected.payoff_matrix(i))
        assert game.to_normal_form(**values) == expected


def test_normal_forms_too_large_are_refused():
    game = ParametricAnonymousGame(40, {"a": "x*k", "b": "0"}, ["x"])
    with pytest.raises(UnsupportedGameError, match="2\\^40 profiles"):
        game.to_parametric_normal_form()
    with pytest.raises(UnsupportedGameError):
        game.to_normal_form(x=1)


@pytest.mark.parametrize(
    "base",
    [
        AnonymousGame(
            3, [[0, "1/3", 2], [1, 1, 1]], strategies=("a", "b"), title="T", player_label="state"
        ),
        AnonymousGame(3, [[0, 1.25, 2], [1, 1, -0.5]]),
        AnonymousGame(3, np.arange(18).reshape(3, 6)),
    ],
)
def test_from_game_round_trip(base):
    game = ParametricAnonymousGame.from_game(base)
    assert game.parameters == () and game.strategies == base.strategies
    assert game.title == base.title and game.player_label == base.player_label
    back = game.at()
    assert back == base and back.is_exact == base.is_exact
    with pytest.raises(InvalidGameError, match="expected an AnonymousGame, got str"):
        ParametricAnonymousGame.from_game("game")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "make",
    [
        expression_game,
        three_strategy_game,
        lambda: ParametricAnonymousGame(
            4, lambda s, c: f"x*{c[0]}" if s == 0 else "z", PARAMETERS, strategies=("a", "b")
        ),
    ],
)
def test_pickle_round_trip_even_after_lambdify(make):
    game = make()
    for prepare in (
        lambda g: None,
        lambda g: g.lambdify(),
        lambda g: (g.lambdify(), g.table, g.num_strategies == 2 and g.difference_expressions()),
    ):
        prepare(game)
        copy = pickle.loads(pickle.dumps(game))
        assert copy == game and hash(copy) == hash(game)
        assert copy.parameters == game.parameters and copy.strategies == game.strategies
        assert copy.title == game.title and copy.player_label == game.player_label
        assert copy.at(z=1) == game.at(z=1)
        np.testing.assert_array_equal(copy.lambdify()(z=[0.0, 1.0]), game.lambdify()(z=[0.0, 1.0]))


def test_equality():
    game = expression_game()
    assert game == ParametricAnonymousGame(
        4, ["y*N + x*k", "z - k/3"], PARAMETERS, strategies=("a", "b")
    )
    # the same payoffs written with k2 = N - 1 - k
    assert game == ParametricAnonymousGame(
        4, ["x*(N - 1 - k2) + y*N", "z - k/3"], PARAMETERS, strategies=("a", "b")
    )
    assert game != expression_game(5)
    assert game != game.substitute(z=0)
    assert game != ParametricAnonymousGame(
        4, ["x*k + y*N", "z - k/2"], PARAMETERS, strategies=("a", "b")
    )
    assert game.__eq__("game") is NotImplemented


def test_repr_and_str():
    game = expression_game()
    assert repr(game) == (
        "<ParametricAnonymousGame 'test game', 4 players, "
        "parameters=['x', 'y', 'z'], strategies=['a', 'b']>"
    )
    text = str(game)
    assert text.splitlines()[0] == "test game"
    assert "4 partners; parameters: x (default 1), y in [0, 1] (default 1/2), z" in text
    assert "a: N*y + k1*x" in text
    table_text = str(
        ParametricAnonymousGame(
            3, lambda s, c: f"x*{c[0]}" if s == 0 else 0, ["x"], strategies=("go", "stay")
        )
    )
    assert "payoffs when k of the other 2 choose go:" in table_text
    assert "k=2: go 2*x; stay 0" in table_text
    assert "close: z + k1*k3/N" in str(three_strategy_game())
    table_three = ParametricAnonymousGame(4, np.zeros((3, 10), dtype=int), [])
    assert "a table of 10 count profiles" in str(table_three)
    assert repr(ParametricAnonymousGame(3, [1, 0], [])) == (
        "<ParametricAnonymousGame 3 players, parameters=[], strategies=['s1', 's2']>"
    )


def test_difference_expressions():
    game = expression_game()
    x, y, z = (game.parameter(name).symbol for name in "xyz")
    expected = tuple(sympy.expand(x * k + 4 * y - z + sympy.Rational(k, 3)) for k in range(4))
    assert game.difference_expressions() == expected
    difference, k = game.difference_in_counts()
    assert [difference.subs(k, j) for j in range(4)] == list(expected)
    with pytest.raises(UnsupportedGameError, match="two strategies"):
        three_strategy_game().difference_expressions()
    with pytest.raises(UnsupportedGameError, match="two strategies"):
        ParametricAnonymousGame(3, lambda s, c: 0, [], strategies=("a", "b")).difference_in_counts()


def test_thousands_of_players():
    game = ParametricAnonymousGame(
        10_000,
        {"align": "b*k/(N - 1) + s - c", "stay": "o*(1 - k/(N - 1))"},
        {"b": 4, "s": 1, "c": 1, "o": 3},
    )
    point = game.at()
    assert point.is_exact and point.table.shape == (2, 10_000)
    assert point.payoff("align", (9_999, 0)) == 4 and point.payoff("stay", (0, 9_999)) == 3
    tables = game.lambdify()(s=[0.0, 2.0])
    np.testing.assert_allclose(tables[0, -1], [3.0, 5.0])
    b, c, s = (game.parameter(name).symbol for name in "bcs")
    assert game.difference_expressions()[-1] == b + s - c
    assert game.difference_expressions()[0] == s - c - game.parameter("o").symbol
