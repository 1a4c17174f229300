"""TOML scenario files: reading, writing, error locations, and hypothesis fuzzing."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from deterrence import InvalidGameError, NormalFormGame, solve
from deterrence.games.parametric import Parameter, ParametricGame
from deterrence.io.scenario import (
    Scenario,
    ScenarioError,
    dumps,
    load_scenario,
    loads,
    parse_grid_spec,
    save_scenario,
)

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "scenarios"

MINIMAL = """\
title = "coordination"

[[players]]
name = "row"
strategies = ["a", "b"]

[[players]]
name = "column"
strategies = ["a", "b"]

[parameters.bonus]
default = 0.5
domain = [0, 1]
description = "extra payoff of coordinating on a"

[payoffs]
row = [["1 + bonus", 0], [0, 1]]
column = [["1 + bonus", 0], [0, 1]]

[sweep.grid]
bonus = { start = 0, stop = 1, num = 3 }
"""


def test_minimal_scenario_reads_exactly():
    scenario = loads(MINIMAL)
    game = scenario.game
    assert game.title == "coordination"
    assert game.players == ("row", "column")
    assert game.strategies == (("a", "b"), ("a", "b"))
    assert game.parameter("bonus").default == Fraction(1, 2)  # decimals are exact
    assert game.parameter("bonus").domain == (0, 1)
    assert game.parameter("bonus").description.startswith("extra payoff")
    assert scenario.grid == {"bonus": (0, Fraction(1, 2), 1)}
    at_default = scenario.at()
    assert at_default.is_exact
    assert at_default.payoff_matrix("row")[0, 0] == Fraction(3, 2)


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.toml")), ids=lambda p: p.name)
def test_example_scenarios_load_solve_and_round_trip(path, tmp_path):
    scenario = load_scenario(path)
    assert scenario.source == str(path)
    result = solve(scenario.at(), exact=True)
    assert len(result) >= 1 and result.max_regret() == 0
    copy = load_scenario(save_scenario(scenario, tmp_path / "copy.toml"))
    assert copy.game == scenario.game
    assert copy.grid == scenario.grid
    assert copy.exact == scenario.exact and copy.method == scenario.method


def test_coercer_example_threshold_is_where_the_file_says():
    # "Coercion stops paying once credibility > 1 - cost/gain" = 0.8 at the defaults.
    scenario = load_scenario(EXAMPLES / "coercer_vs_coalition.toml")
    below = solve(scenario.at(credibility="3/4"), exact=True)
    above = solve(scenario.at(credibility="17/20"), exact=True)
    assert [eq.outcome for eq in below] == ["(coerce, share)"]
    assert all(eq.as_dict()["coercer"]["coerce"] < 1 for eq in above)


def test_three_player_payoffs_are_nested_arrays():
    text = """
[[players]]
name = "a"
strategies = ["x", "y"]
[[players]]
name = "b"
strategies = ["x"]
[[players]]
name = "c"
strategies = ["x", "y", "z"]
[payoffs]
a = [[[1, 2, 3]], [[4, 5, 6]]]
b = [[[0, 0, 0]], [[0, 0, 0]]]
c = [[["1/3", 0, 0]], [[0, 0, 7]]]
"""
    game = loads(text).at()
    assert game.num_strategies == (2, 1, 3)
    assert game.payoffs[0, 1, 0, 2] == 6
    assert game.payoffs[2, 0, 0, 0] == Fraction(1, 3)


def test_dumps_of_plain_and_parametric_games_round_trips():
    plain = NormalFormGame.from_matrices(
        [["1/2", 0], [5, 1]], [[3, 5], [0, 1.25]], players=('the "row"', "col umn")
    )
    assert loads(dumps(plain)).at() == plain
    game = ParametricGame.from_matrices(
        [["max(a, 1) - abs(a)", "sqrt(2)*a"], ["exp(a)", "a**2/3"]],
        [[0, 1], [1, 0]],
        [Parameter("a", default="1/3", domain=(None, 2), description="line\nbreak")],
        title="functions",
    )
    back = loads(dumps(game, grid={"a": [0, "1/2"]}))
    assert back.game == game
    assert back.grid == {"a": (0, Fraction(1, 2))}
    assert back.game.parameter("a").domain == (None, 2)


def test_grid_specs():
    assert parse_grid_spec("0:1:3") == (0, Fraction(1, 2), 1)
    assert parse_grid_spec({"start": 1, "stop": 1, "num": 1}) == (1,)
    assert parse_grid_spec([0, "1/3"]) == (0, Fraction(1, 3))
    for bad in ("0:1", "a:b:c", {"start": 0}, "0:1:0", [], 3, "0:1:x"):
        with pytest.raises(InvalidGameError):
            parse_grid_spec(bad)


# ---------------------------------------------------------------------------- errors
def _replace(old: str, new: str) -> str:
    assert old in MINIMAL
    return MINIMAL.replace(old, new)


@pytest.mark.parametrize(
    ("text", "line", "field", "words"),
    [
        (_replace('title = "coordination"', "title = "), 1, "", "not valid TOML"),
        (
            _replace("domain = [0, 1]", "domain = [1, 0]"),
            13,
            "parameters.bonus.domain",
            "expected low <= high",
        ),
        (
            _replace("default = 0.5", "default = 2"),
            12,
            "parameters.bonus.default",
            "outside its domain",
        ),
        (
            _replace('row = [["1 + bonus", 0], [0, 1]]', 'row = [["1 + bonus", 0]]'),
            17,
            "payoffs.row",
            "expected an array of 2",
        ),
        (
            _replace('row = [["1 + bonus", 0], [0, 1]]', 'row = [["1 + malice", 0], [0, 1]]'),
            17,
            "payoffs.row",
            "undeclared parameter(s) ['malice']",
        ),
        (
            _replace('row = [["1 + bonus", 0], [0, 1]]', 'row = [["1 +* bonus", 0], [0, 1]]'),
            17,
            "payoffs.row",
            "cannot parse expression",
        ),
        (
            _replace('row = [["1 + bonus", 0], [0, 1]]', "row = [[true, 0], [0, 1]]"),
            17,
            "payoffs.row",
            "a boolean",
        ),
        (
            _replace('column = [["1 + bonus"', 'colum = [["1 + bonus"'),
            18,
            "payoffs.colum",
            "unknown player 'colum'",
        ),
        (
            _replace(
                'strategies = ["a", "b"]\n\n[parameters', 'strategies = ["a", "a"]\n\n[parameters'
            ),
            9,
            "players[1].strategies",
            "duplicate strategies",
        ),
        (_replace('name = "column"', 'nam = "column"'), 8, "players[1].nam", "unknown field"),
        (_replace("num = 3", "num = 0"), 21, "sweep.grid.bonus", "grid num"),
        (
            _replace("bonus = { start", "malus = { start"),
            21,
            "sweep.grid.malus",
            "unknown parameter",
        ),
        (
            _replace('description = "extra', 'descr = "extra'),
            14,
            "parameters.bonus.descr",
            "unknown field",
        ),
        (_replace('title = "coordination"', "title = 3"), 1, "title", "expected a string"),
        (_replace("[payoffs]", "[payoff]"), 16, "payoff", "unknown field"),
    ],
)
def test_errors_name_file_line_and_field(text, line, field, words):
    with pytest.raises(ScenarioError) as info:
        loads(text, source="game.toml")
    error = info.value
    assert isinstance(error, InvalidGameError)
    assert error.source == "game.toml"
    assert error.line == line, str(error)
    assert error.field == field, str(error)
    assert words in str(error)
    assert str(error).startswith(f"game.toml, line {line}")


def test_missing_sections_and_files(tmp_path):
    with pytest.raises(ScenarioError, match="missing \\[\\[players\\]\\]"):
        loads("title = 'x'")
    with pytest.raises(ScenarioError, match="missing \\[payoffs\\]"):
        loads('[[players]]\nname = "a"\nstrategies = ["x"]\n')
    with pytest.raises(ScenarioError, match="no payoffs for player 'b'"):
        loads(
            '[[players]]\nname = "a"\nstrategies = ["x"]\n'
            '[[players]]\nname = "b"\nstrategies = ["x"]\n[payoffs]\na = [[1]]\n'
        )
    with pytest.raises(ScenarioError, match="no such file"):
        load_scenario(tmp_path / "missing.toml")
    (tmp_path / "binary.toml").write_bytes(b"\xff\xfe\x00")
    with pytest.raises(ScenarioError, match="not UTF-8"):
        load_scenario(tmp_path / "binary.toml")


def test_scenario_validates_its_grid():
    game = ParametricGame([["b"]], [Parameter("b", domain=(0, 1))])
    with pytest.raises(InvalidGameError, match="outside its domain"):
        Scenario(game, grid={"b": [2]})


# ---------------------------------------------------------------------------- fuzzing
@given(st.text(max_size=300))
def test_fuzz_arbitrary_text_only_raises_scenario_errors(text):
    try:
        scenario = loads(text)
    except ScenarioError as error:
        assert error.source == "<string>"
        assert error.line is None or error.line >= 1
    else:
        assert isinstance(scenario, Scenario)


@given(st.data())
def test_fuzz_mutations_of_a_valid_file_only_raise_scenario_errors(data):
    text = MINIMAL
    for _ in range(data.draw(st.integers(1, 3))):
        position = data.draw(st.integers(0, len(text)))
        action = data.draw(st.sampled_from(["delete", "insert", "replace"]))
        piece = data.draw(
            st.sampled_from(
                ['"', "[", "]", "=", ",", "x", "0", "-", "\n", "{", "}", "*", "1e999", "nan", "'"]
            )
        )
        if action == "delete":
            text = text[:position] + text[position + 1 :]
        elif action == "insert":
            text = text[:position] + piece + text[position:]
        else:
            text = text[:position] + piece + text[position + 1 :]
    try:
        scenario = loads(text)
    except ScenarioError as error:
        assert error.line is None or 1 <= error.line <= text.count("\n") + 1
    else:
        scenario.game.num_players  # noqa: B018 - a loaded scenario is a game


# no whitespace or control characters, so labels are never blank (no filtering needed)
labels = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zs", "Zl", "Zp")),
    min_size=1,
    max_size=6,
)
names = st.from_regex(r"[a-z][a-z0-9_]{0,6}", fullmatch=True).filter(
    lambda s: s not in {"exp", "log", "sqrt", "abs", "min", "max"}
)
exact_numbers = st.fractions(min_value=-999, max_value=999, max_denominator=20)


@st.composite
def scenarios(draw):
    shape = draw(st.lists(st.integers(1, 3), min_size=1, max_size=3))
    players = draw(st.lists(labels, min_size=len(shape), max_size=len(shape), unique=True))
    strategies = [draw(st.lists(labels, min_size=k, max_size=k, unique=True)) for k in shape]
    parameter_names = draw(st.lists(names, max_size=3, unique=True))
    parameters = [
        Parameter(n, default=draw(exact_numbers), description=draw(st.text(max_size=10)))
        for n in parameter_names
    ]
    atoms = st.one_of(exact_numbers.map(str), st.sampled_from(parameter_names or ["1"]))
    entries = st.one_of(
        exact_numbers,
        st.builds(
            lambda a, b, op: f"{a} {op} ({b})", atoms, atoms, st.sampled_from(["+", "-", "*"])
        ),
    )
    import numpy as np

    size = len(shape) * int(np.prod(shape))
    flat = np.empty(size, dtype=object)
    flat[:] = draw(st.lists(entries, min_size=size, max_size=size))
    game = ParametricGame(
        flat.reshape(len(shape), *shape),
        parameters,
        players=players,
        strategies=strategies,
        title=draw(st.text(max_size=10)),
    )
    grid = {}
    if parameter_names:
        grid[parameter_names[0]] = draw(st.lists(exact_numbers, min_size=1, max_size=3))
    return Scenario(
        game,
        grid=grid,
        method=draw(st.sampled_from(["auto", "pure"])),
        exact=draw(st.sampled_from([None, True, False])),
        description=draw(st.text(max_size=20)),
    )


@given(scenarios())
def test_fuzz_round_trip_of_generated_scenarios(scenario):
    back = loads(dumps(scenario))
    assert back.game == scenario.game
    assert back.game.title == scenario.game.title
    assert back.grid == scenario.grid
    assert (back.method, back.exact, back.description) == (
        scenario.method,
        scenario.exact,
        scenario.description,
    )
    assert [p.description for p in back.game.parameters] == [
        p.description for p in scenario.game.parameters
    ]


OUTCOMES = """\
title = "three-way"
[[players]]
name = "coercer"
strategies = ["coerce", "refrain"]
[[players]]
name = "ally"
strategies = ["share"]
[[players]]
name = "target"
strategies = ["resist", "yield"]
[parameters.cost]
default = "1/2"

[[outcomes]]
profile = ["coerce", "share", "resist"]
payoffs = ["-cost", 1, 2]
[[outcomes]]
profile = ["coerce", "share", "yield"]
payoffs = [3, 0, -1]
[[outcomes]]
profile = ["refrain", "share", "resist"]
payoffs = [0, 0, 0]
[[outcomes]]
profile = ["refrain", "share", "yield"]
payoffs = [0, 0, 1]
"""


def test_outcomes_list_is_an_alternative_to_payoff_arrays():
    game = loads(OUTCOMES).at()
    assert game.num_strategies == (2, 1, 2)
    assert game.payoffs[0, 0, 0, 0] == Fraction(-1, 2)
    assert game.payoffs[2, 1, 0, 1] == 1
    assert loads(dumps(loads(OUTCOMES))).game == loads(OUTCOMES).game


@pytest.mark.parametrize(
    ("old", "new", "line", "field", "words"),
    [
        (
            'profile = ["coerce", "share", "yield"]',
            'profile = ["coerce", "share", "resist"]',
            18,
            "outcomes[1].profile",
            "also outcome 1",
        ),
        (
            'profile = ["coerce", "share", "yield"]',
            'profile = ["coerce", "shar", "yield"]',
            18,
            "outcomes[1].profile",
            "not a strategy of 'ally'",
        ),
        (
            "payoffs = [3, 0, -1]",
            "payoffs = [3, 0]",
            19,
            "outcomes[1].payoffs",
            "expected one number or expression for each",
        ),
        (
            '[[outcomes]]\nprofile = ["refrain", "share", "yield"]\npayoffs = [0, 0, 1]\n',
            "",
            14,
            "outcomes",
            "no outcome for profile ['refrain', 'share', 'yield']",
        ),
        (
            'payoffs = ["-cost", 1, 2]',
            'payoffs = ["-costs", 1, 2]',
            16,
            "outcomes[0].payoffs",
            "undeclared",
        ),
    ],
)
def test_outcome_errors_name_line_and_field(old, new, line, field, words):
    assert old in OUTCOMES
    text = OUTCOMES.replace(old, new)
    with pytest.raises(ScenarioError) as info:
        loads(text, source="three.toml")
    assert (info.value.line, info.value.field) == (line, field), str(info.value)
    assert words in str(info.value)
