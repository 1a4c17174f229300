"""A catalogue of bad and extreme inputs (issue 17).

Every case ends either in a clear error that names the problem or in a correct answer:

* tolerances: invalid ones are refused by every solver, valid ones give the same answer;
* units: the same game in other units (1e-12 ... 1e155) has the same equilibria;
* payoffs spanning many orders of magnitude, ``2**53 + 1`` against ``2**53`` and ``10**400``:
  float mode agrees with exact mode and never returns a non-equilibrium;
* numbers, files and names that used to hang the process or allocate gigabytes: these run
  together in one child process with a timeout, so a regression fails the suite instead of
  stalling it (no test here asserts a duration);
* Unicode parameter names, Gambit's own example files, empty answers, the numba cache and the
  CLI's ``--debug``.

The checkpoint attacks live in ``tests/analysis/test_checkpoints.py`` and the scale and
fast-path properties in ``tests/properties/test_scale_invariance.py``.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
import textwrap
import warnings
from fractions import Fraction

import numpy as np
import pytest

from deterrence import NormalFormGame, solve
from deterrence.exceptions import DeterrenceError, InvalidGameError, SolverError
from deterrence.solvers.verify import exact_regret

STAG = NormalFormGame.from_matrices([[4, 0], [3, 3]], [[4, 3], [0, 3]])
PD = ([[3, 0], [5, 1]], [[3, 5], [0, 1]])
METHODS = [
    "vertex_enumeration",
    "support_enumeration",
    "lemke_howson",
    "pure",
    "polynomial_enumeration",
]


def outcomes(result):
    return sorted(eq.outcome for eq in result)


# ---------------------------------------------------------------------- tolerances
BAD_TOLS = [
    -1,
    -1e-300,
    math.nan,
    math.inf,
    -math.inf,
    1,
    1.5,
    2,
    1e300,
    "1e-9",
    None,
    True,
    [1e-9],
]


@pytest.mark.parametrize("tol", BAD_TOLS, ids=repr)
@pytest.mark.parametrize("method", METHODS)
def test_an_invalid_tolerance_is_refused_by_name(method, tol):
    with pytest.raises(InvalidGameError, match=r"tol must be a number with 0 <= tol < 1"):
        solve(STAG, method, tol=tol)


@pytest.mark.parametrize("tol", [0, 1e-15, 1e-9, 1e-3])
@pytest.mark.parametrize("method", METHODS)
def test_a_valid_tolerance_gives_the_answer(method, tol):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = solve(STAG, method, tol=tol)
    expected = {"pure": ["(s1, s1)", "(s2, s2)"], "lemke_howson": None}.get(
        method, ["(0.75*s1 + 0.25*s2, 0.75*s1 + 0.25*s2)", "(s1, s1)", "(s2, s2)"]
    )
    if expected is None:
        assert len(result) == 1 and float(result[0].max_regret()) == 0
    else:
        assert outcomes(result) == expected


# ---------------------------------------------------------------------- units
SCALES = [1e-155, 1e-12, 1e-10, 1e-6, 1.0, 1e6, 1e12, 1e155, 2.0**-1000]


@pytest.mark.parametrize("scale", SCALES, ids=repr)
@pytest.mark.parametrize(
    "method", ["vertex_enumeration", "support_enumeration", "lemke_howson", "pure"]
)
def test_a_prisoners_dilemma_in_any_units_has_one_equilibrium(method, scale):
    game = NormalFormGame.from_matrices(np.array(PD[0]) * scale, np.array(PD[1]) * scale)
    result = solve(game, method)
    assert outcomes(result) == ["(s2, s2)"]


@pytest.mark.parametrize("scale", SCALES, ids=repr)
@pytest.mark.parametrize(
    "method", ["vertex_enumeration", "support_enumeration", "lemke_howson", "pure"]
)
def test_a_shifted_and_scaled_stag_hunt_keeps_its_equilibria(method, scale):
    a = (np.array([[4.0, 0], [3, 3]]) - 2) * scale - 7 * scale
    b = (np.array([[4.0, 3], [0, 3]]) + 1) * scale
    game = NormalFormGame.from_matrices(a, b)
    reference = solve(STAG, method)
    result = solve(game, method)
    assert len(result) == len(reference)
    for found, expected in zip(result, reference):
        assert found.isclose(expected, tol=1e-12)


# ---------------------------------------------------------------------- exact vs float
WIDE = NormalFormGame.from_matrices([["1/1000", 0], [-(10**6), "-1/1000"]], [[2, 2], [1000, 1000]])
TWO53 = NormalFormGame.from_matrices([[2**53 + 1, 0], [2**53, 1]], [[0, 0], [0, 0]])
HUGE = NormalFormGame.from_matrices([[10**400, 0], [0, 1]], [[1, 0], [0, 10**400]])


@pytest.mark.parametrize("game", [WIDE, TWO53], ids=["wide", "2**53+1"])
@pytest.mark.parametrize("method", ["vertex_enumeration", "support_enumeration"])
def test_float_mode_equals_exact_mode_on_exact_games(game, method):
    exact = solve(game, method, exact=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        floats = solve(game, method)
    assert len(floats) == len(exact)
    for found, expected in zip(floats, exact):
        assert exact_regret(game, found.strategies) == 0
        assert [float(p) for s in expected.strategies for p in s] == [
            float(p) for s in found.strategies for p in s
        ]


@pytest.mark.parametrize("game", [WIDE, TWO53], ids=["wide", "2**53+1"])
def test_lemke_howson_never_returns_a_non_equilibrium(game):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = solve(game, "lemke_howson", initial_label="all")
    assert len(result) >= 1
    assert all(exact_regret(game, eq.strategies) == 0 for eq in result)


def test_max_regret_of_a_float_profile_on_an_exact_game_is_exact():
    from deterrence.solvers.result import Equilibrium

    candidate = Equilibrium(TWO53, ([0.0, 1.0], [1.0, 0.0]))
    assert candidate.max_regret() == 1.0  # floats alone would say 0


@pytest.mark.parametrize("method", ["vertex_enumeration", "support_enumeration", "lemke_howson"])
def test_exact_mode_has_arbitrary_precision(method):
    result = solve(HUGE, method, exact=True)
    assert len(result) >= 1
    assert all(eq.max_regret() == 0 for eq in result)


def test_float_mode_on_huge_exact_payoffs_does_not_overflow():
    result = solve(HUGE)
    assert outcomes(result)[0] == "(s1, s1)"


# ---------------------------------------------------------------------- never empty
def _three_player(values):
    payoffs = np.empty((3, 3, 3, 2), dtype=object)
    payoffs[...] = 0
    for index in np.ndindex(*payoffs.shape):
        payoffs[index] = int(values(index))
    return NormalFormGame.from_payoffs(payoffs)


DEGENERATE = {
    "all zero": lambda index: 0,
    "constant per player": lambda index: index[0],
    "player 3 indifferent": lambda index: (index[1] == index[2]) if index[0] < 2 else 1,
    "duplicated strategies": lambda index: (index[1] % 2 == index[2] % 2) + index[3],
    "ties everywhere": lambda index: (index[1] + index[2] + index[3]) % 2,
}


@pytest.mark.parametrize("name", list(DEGENERATE))
def test_a_degenerate_three_player_game_never_gets_an_empty_answer(name):
    game = _three_player(DEGENERATE[name])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            result = solve(game, "polynomial_enumeration")
        except SolverError as error:  # allowed: an error that says what failed
            assert "every finite game has one" in str(error)
            return
    assert len(result) >= 1
    assert float(result.max_regret()) <= 1e-9 * max(1, float(np.ptp(game.float_payoffs)))


# ---------------------------------------------------------------------- hang-prone inputs
# Each entry: (id, code run in a child process, expected substring of the error or "ok").
HANG_CASES = [
    ("payoff 1e999999999", "G([['1e999999999', 0], [0, 0]])", "decimal exponent"),
    ("payoff -1e999999999", "G([['-1e999999999', 0], [0, 0]])", "decimal exponent"),
    ("payoff 1e-1000000000", "G([['1e-1000000000', 0], [0, 0]])", "decimal exponent"),
    ("payoff 1E+huge", "G([['1E+99999999999999999999', 0], [0, 0]])", "decimal exponent"),
    ("payoff spaced exponent", "G([['5e 999999999', 0], [0, 0]])", "not|exponent"),
    ("payoff Decimal 1e999999999", "G([[Decimal('1e999999999'), 0], [0, 0]])", "decimal exponent"),
    (
        "payoff Decimal 1e-999999999",
        "G([[Decimal('1e-999999999'), 0], [0, 0]])",
        "decimal exponent",
    ),
    ("payoff Decimal many digits", "G([[Decimal('9' * 6000), 0], [0, 0]])", "digits"),
    ("payoff 5000-digit string", "G([['9' * 5000, 0], [0, 0]])", "digits"),
    ("payoff 5000-digit fraction", "G([['1/' + '9' * 5000, 0], [0, 0]])", "digits"),
    ("payoff 5001-digit int", "G([[10**5000, 0], [0, 0]])", "digits"),
    ("payoff tiny Fraction", "G([[Fraction(1, 10**5000), 0], [0, 0]])", "digits"),
    ("payoff 1e400 is fine", "G([['1e400', 0], [0, 0]])", "ok"),
    ("payoff 10**400 is fine", "G([[10**400, 0], [0, 0]])", "ok"),
    ("default 1e999999999", "Parameter('x', default='1e999999999')", "decimal exponent"),
    ("domain 1e999999999", "Parameter('x', domain=(0, '1e999999999'))", "decimal exponent"),
    ("at 1e-1000000000", "P().at(x='1e-1000000000')", "decimal exponent"),
    ("at Decimal", "P().at(x=Decimal('1e-999999999'))", "decimal exponent|outside"),
    ("substitute 1e999999999", "P().substitute(x='1e999999999')", "too large|exponent|outside"),
    ("expression number", "parse_expression('1e999999999 * x')", "too large"),
    ("expression power", "parse_expression('2**99999999999')", "too large|exponent"),
    ("expression nesting", "parse_expression('(' * 5000 + 'x' + ')' * 5000)", "deeper|characters"),
    ("toml payoff", "T(PAY.format('1e999999999'))", "decimal exponent"),
    ("toml payoff string", "T(PAY.format(repr('1e-1000000000')))", "exponent|too large"),
    ("toml default", "T(DEF.format('default = 1e999999999'))", "decimal exponent"),
    ("toml default string", "T(DEF.format('default = \"1e999999999\"'))", "decimal exponent"),
    ("toml domain", "T(DEF.format('domain = [0, 1e999999999]'))", "decimal exponent"),
    (
        "toml grid",
        "T(DEF.format('default = 0') + '[sweep.grid]\\nx = \"0:1e999999999:3\"\\n')",
        "decimal exponent",
    ),
    (
        "toml grid num",
        "T(DEF.format('default = 0') + '[sweep.grid]\\nx = \"0:1:10000000000\"\\n')",
        "whole number from 1",
    ),
    ("toml 5000-digit int", "T(PAY.format('9' * 5000))", "digit"),
    ("toml nested arrays", "T('a = ' + '[' * 100000 + ']' * 100000)", "nested too deeply"),
    (
        "toml nested tables",
        "T('a = ' + '{b = ' * 3000 + '1' + '}' * 3000)",
        "nested too deeply|not valid TOML",
    ),
    ("toml 28 players", "T(PLAYERS(28))", "budget"),
    ("toml 3 players 1 outcome", "T(PLAYERS(3))", "no outcome for profile"),
    ("nfg 1e999999999", 'N(\'NFG 1 D "x" { "a" "b" } { 1 1 } 1e999999999 0\')', "decimal exponent"),
    ("nfg huge header", 'N(\'NFG 1 R "x" { "a" "b" } { 1000000000 2 }\')', "budget"),
    (
        "nfg 26 players",
        "N('NFG 1 R \"x\" { ' + ' '.join(f'\"p{i}\"' for i in range(26)) + "
        "' } { ' + '2 ' * 26 + '} 1 2 3')",
        "budget",
    ),
    ("nfg header beyond body", 'N(\'NFG 1 R "x" { "a" "b" } { 1000 1000 } 1 2 3\')', "ends early"),
    (
        "nfg outcomes beyond body",
        'N(\'NFG 1 R "x" { "a" "b" } { 1000 1000 } { { "o" 1 2 } } 1 1\')',
        "ends early",
    ),
    (
        "nfg 100k labels",
        'N(\'NFG 1 R "x" { "a" "b" } { { \' + \' \'.join(f\'"s{i}"\' for i '
        "in range(100000)) + ' } { \"t\" } } ' + '0 ' * 200000).num_strategies",
        "ok",
    ),
    ("30k labels", "check_labels([f's{i}' for i in range(30000)], 30000, 'x')[-1]", "ok"),
    (
        "30k labels one repeated",
        "check_labels([f's{i}' for i in range(29999)] + ['s7'], 30000, 'x')",
        "duplicate labels \\['s7'\\]",
    ),
    (
        "cli --set 1e999999999",
        "CLI(['analyze', 'denial', '--set', 'credibility=1e999999999'])",
        "exit 2",
    ),
    (
        "cli --grid 1e999999999",
        "CLI(['sweep', 'denial', '--grid', 'credibility=0:1e999999999:3'])",
        "exit 2",
    ),
    (
        "cli --set 1e400",
        "CLI(['analyze', 'denial', '--set', 'gain=1e400'])",
        "exit 1: .*floating-point range.*rescale the payoffs",
    ),
]

CHILD = textwrap.dedent("""
    import json, sys, warnings
    from decimal import Decimal
    from fractions import Fraction
    warnings.simplefilter("ignore")
    from deterrence import NormalFormGame
    from deterrence.games import Parameter, ParametricGame
    from deterrence.games._expressions import parse_expression
    from deterrence.games._labels import check_labels
    from deterrence.io.gambit import loads_nfg as N
    from deterrence.io.scenario import loads as T
    from deterrence.cli import main

    def G(rows):
        return NormalFormGame.from_matrices(rows, [[0, 0], [0, 0]])

    def P():
        return ParametricGame.from_matrices([["x", 0], [0, 0]], [[0, 0], [0, 0]],
                                            [Parameter("x", default=1)])

    def CLI(argv):
        import contextlib, io
        err = io.StringIO()
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            code = main(argv)
        raise RuntimeError(f"exit {code}: {err.getvalue()}")

    HEAD = '[[players]]\\nname = "A"\\nstrategies = ["x", "y"]\\n' \\
           '[[players]]\\nname = "B"\\nstrategies = ["x", "y"]\\n'
    PAY = HEAD + '[payoffs]\\nA = [[{}, 0], [0, 0]]\\nB = [[0, 0], [0, 0]]\\n'
    DEF = HEAD + '[parameters.x]\\n{}\\n[payoffs]\\nA = [["x", 0], [0, 0]]\\n' \\
                 'B = [[0, 0], [0, 0]]\\n'

    def PLAYERS(n):
        text = "".join(f'[[players]]\\nname = "p{i}"\\nstrategies = ["a", "b"]\\n'
                       for i in range(n))
        return text + "[[outcomes]]\\nprofile = [" + ",".join(['"a"'] * n) + \\
            "]\\npayoffs = [" + ",".join(["1"] * n) + "]\\n"

    results = {}
    for name, code in json.loads(sys.stdin.read()):
        try:
            eval(code)
            results[name] = ["ok", ""]
        except Exception as error:
            results[name] = [type(error).__name__, str(error)[:400]]
    print(json.dumps(results))
""")


@pytest.fixture(scope="module")
def hang_results():
    """Run every hang-prone case in one child process; a hang fails instead of stalling."""
    payload = json.dumps([(name, code) for name, code, _ in HANG_CASES])
    try:
        done = subprocess.run(
            [sys.executable, "-c", CHILD],
            input=payload,
            text=True,
            capture_output=True,
            timeout=600,
        )
    except subprocess.TimeoutExpired:
        pytest.fail("an input that must be refused at once made the process hang")
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("name, code, expected", HANG_CASES, ids=[c[0] for c in HANG_CASES])
def test_an_input_that_used_to_hang_is_answered_or_refused(hang_results, name, code, expected):
    kind, message = hang_results[name]
    if expected == "ok":
        assert kind == "ok", message
    else:
        assert kind != "ok", f"{name} was accepted"
        assert kind in (
            "InvalidGameError",
            "ScenarioError",
            "RuntimeError",
            "InvalidProfileError",
        ), (kind, message)
        import re

        assert re.search(expected, message), message


# ---------------------------------------------------------------------- Gambit's own files
def test_gambit_sww1_empty_player_names_are_named_with_a_warning():
    from deterrence.io.gambit import loads_nfg

    text = 'NFG 1 R "sww1" { "" "" } { 2 2 }\n1 1 0 0 0 0 1 1\n'
    with pytest.warns(UserWarning, match="player 1 has no name: called 'player 1'"):
        game = loads_nfg(text, source="sww1.nfg")
    assert game.players == ("player 1", "player 2")


def test_gambit_all_zero_payoffs_repeated_labels_are_disambiguated():
    from deterrence.io.gambit import loads_nfg

    text = (
        'NFG 1 R "2x2 all zero" { "Player 1" "Player 2" } '
        '{ { "1" "1" } { "1" "2" } }\n0 0 0 0 0 0 0 0\n'
    )
    with pytest.warns(UserWarning, match="strategy '1' of 'Player 1' repeats"):
        game = loads_nfg(text, source="2x2_bimatrix_all_zero_payoffs.nfg")
    assert game.strategies[0] == ("1", "1 (2)")
    assert len(solve(game, exact=True)) == 4


@pytest.mark.parametrize(
    "players, expected",
    [
        (["", "b"], ("player 1", "b")),
        (["a", "a"], ("a", "a (2)")),
        (["  ", "player 1"], ("player 1", "player 1 (2)")),
    ],
)
def test_gambit_player_names_are_made_usable(players, expected):
    from deterrence.io.gambit import loads_nfg

    names = " ".join(f'"{p}"' for p in players)
    with pytest.warns(UserWarning):
        game = loads_nfg(f'NFG 1 R "x" {{ {names} }} {{ 1 1 }} 0 0')
    assert game.players == expected


# ---------------------------------------------------------------------- Unicode names
def test_a_fullwidth_name_is_the_ascii_name_in_every_path():
    from deterrence.analysis import sweep
    from deterrence.games import Parameter, ParametricGame

    game = ParametricGame.from_matrices(
        [["ｘ0 + 10", 0], [0, 1]], [[1, 0], [0, 1]], [Parameter("ｘ0", default=1)]
    )
    assert game.parameter_names == ("x0",)
    table = sweep(game, {"x0": [1.0]}, progress=False)
    assert game.at(x0=1).payoffs[0, 0, 0] == 11
    assert 11.0 in table["payoff:player 1"].tolist()


@pytest.mark.parametrize("first, second", [("ﬁ", "fi"), ("ｘ", "x"), ("ℌ", "H"), ("x²", "x2")])
def test_names_equal_after_normalisation_are_one_name(first, second):
    from deterrence.games import Parameter, ParametricGame

    with pytest.raises(InvalidGameError, match="declared twice.*NFKC"):
        ParametricGame.from_matrices(
            [[0, 0], [0, 0]], [[0, 0], [0, 0]], [Parameter(first), Parameter(second)]
        )


@pytest.mark.parametrize("text, name", [("ﬁ + 1", "fi"), ("ｘ0*2", "x0"), ("ℌ", "H")])
def test_expressions_read_unicode_names_normalised(text, name):
    from deterrence.games._expressions import parse_expression

    assert {s.name for s in parse_expression(text).free_symbols} == {name}


# ---------------------------------------------------------------------- domains
def _domain_game(gain_domain=(0, None)):
    from deterrence.games import Parameter, ParametricGame

    return ParametricGame.from_matrices(
        [["credibility*gain", "cost"], [0, 1]],
        [[1, 0], [0, 1]],
        [
            Parameter("credibility", default="1/2", domain=(0, 1)),
            Parameter("gain", default=10, domain=gain_domain),
            Parameter("cost", default=1, domain=(0, 10)),
        ],
    )


SUBSTITUTIONS_REFUSED = [
    ((0, None), "gain/2", r"credibility = gain/2 is 5 at the defaults.*outside the domain"),
    ((0, None), "gain/20", r"gain/20 ranges over \[0, inf\) for gain in \[0, inf\), outside"),
    ((0, 10), "gain/5", r"gain/5 is 2 at the defaults"),
    ((0, 10), "gain/10 - cost/10", r"is -1 at cost=10, gain=0, outside"),
    ((0, 10), "1 - gain/10 + cost", r"is 11 at cost=10, gain=0"),
    ((0, 10), "gain*(11 - gain)/25", r"ranges over \[0, 121/100\] for gain in \[0, 10\]"),
    ((None, None), "gain", r"credibility = gain is 10 at the defaults"),
]


@pytest.mark.parametrize(("gain_domain", "expression", "message"), SUBSTITUTIONS_REFUSED)
def test_a_substitution_that_can_leave_the_domain_is_refused(gain_domain, expression, message):
    with pytest.raises(InvalidGameError, match=message):
        _domain_game(gain_domain).substitute(credibility=expression)


@pytest.mark.parametrize(
    "expression",
    [
        "gain/20",
        "1/(gain + 1)",
        "gain/(gain + 1)",
        "gain*cost/100",
        "log(gain + 1)/10",
        "exp(-gain)",
        "gain*(10 - gain)/25",
        "max(gain, cost)/10",
        "1/2",
    ],
)
def test_a_substitution_inside_the_domain_everywhere_is_accepted(expression):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        game = _domain_game((0, 10)).substitute(credibility=expression)
    assert "credibility" not in game.parameter_names


def test_a_substitution_that_cannot_be_checked_warns_precisely():
    # the true range is [0, 1], interval arithmetic encloses it in [0, 4] and no corner
    # leaves the domain: accepted with a warning that says what was not verified
    with pytest.warns(UserWarning, match=r"cannot verify that credibility = .* stays in .*"):
        game = _domain_game((0, 10)).substitute(credibility="gain*(10 - gain)*cost/250")
    assert game.parameter_names == ("gain", "cost")


# ---------------------------------------------------------------------- names
@pytest.mark.parametrize("key", ["ｘ0", "x0"])
def test_point_names_are_normalised_like_parameter_names(key):
    from deterrence.games import Parameter, ParametricGame

    game = ParametricGame.from_matrices(
        [["x0*2", 0], [0, 1]], [[1, 0], [0, 1]], [Parameter("x0", default=1)]
    )
    assert game.at(**{key: 3}).payoffs[0, 0, 0] == 6
    assert game.substitute(**{key: 2}).payoffs[0, 0, 0] == 4
    assert game.resolve({key: 5}) == {"x0": 5}
    with pytest.raises(InvalidGameError, match="given twice .*NFKC"):
        game.at(**{key: 3, "x0" if key != "x0" else "ｘ0": 3})


# ---------------------------------------------------------------------- the sweep paths
def test_the_fast_path_equals_the_general_path_on_a_tiny_payoff():
    from deterrence.analysis import sweep
    from deterrence.games import Parameter, ParametricGame

    game = ParametricGame.from_matrices(
        [["t*1e-8", 0], [0, -11]], [[0, 0], [0, 0]], [Parameter("t", default=1)]
    )
    fast = sweep(game, {"t": [1.0]}, progress=False, fast=True)
    general = sweep(game, {"t": [1.0]}, progress=False, fast=False)
    columns = [c for c in fast.columns if ":" in c and not c.startswith("payoff")]
    assert (fast[columns].to_numpy() >= 0).all()
    np.testing.assert_array_equal(fast[columns].to_numpy(), general[columns].to_numpy())


# ---------------------------------------------------------------------- undefined payoffs
def _pole_game():
    from deterrence.games import Parameter, ParametricGame

    return ParametricGame.from_matrices(
        [["1/(x - 1)", "log(x + 2)"], ["exp(x)", 1]],
        [[1, 0], ["x*1e307", "-x*1e307"]],
        [Parameter("x")],
    )


UNDEFINED_CASES = [
    (-3.0, "NaN payoff"),  # log of a negative number
    (-2.0, "infinite payoff"),  # log(0)
    (1.0, "infinite payoff"),  # a pole
    (800.0, "infinite payoff"),  # exp overflows
    (10.0, "payoff range overflows"),  # 1e308 - (-1e308): the column player's range
]


@pytest.mark.parametrize("fast", [None, False], ids=["fast path", "general path"])
@pytest.mark.parametrize("method", ["auto", "pure"])
@pytest.mark.parametrize(("x", "reason"), UNDEFINED_CASES)
def test_an_undefined_grid_point_is_marked_and_named(x, reason, method, fast):
    from deterrence.analysis import sweep
    from deterrence.analysis.sweep import UNDEFINED, UndefinedPayoffWarning

    grid = {"x": [2.0, x, 3.0]}
    with pytest.warns(UndefinedPayoffWarning, match=rf"1 grid point.*point 1 \(x={x:g}; {reason}"):
        table = sweep(_pole_game(), grid, method=method, fast=fast, progress=False, chunk_size=2)
    marked = table[table["point"] == 1]
    assert len(marked) == 1 and marked["outcome"].tolist() == [UNDEFINED]
    assert marked["x"].tolist() == [x] and not marked["is_pure"].any()
    probabilities = [c for c in table.columns if ":" in c]
    assert marked[probabilities].isna().all(axis=None)
    assert set(table["point"]) == {0, 1, 2}  # the neighbours are solved
    assert table.loc[table["point"] != 1, probabilities].notna().all(axis=None)
    with pytest.raises(InvalidGameError, match=rf"point 1 \(x={x:g}; {reason}"):
        sweep(_pole_game(), grid, method=method, fast=fast, progress=False, undefined="raise")


def test_undefined_points_of_several_chunks_give_one_warning():
    from deterrence.analysis import sweep
    from deterrence.analysis.sweep import UndefinedPayoffWarning

    grid = {"x": [-3.0, -2.0, 2.0, 1.0, 3.0, 800.0, 10.0, -4.0, 4.0]}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        table = sweep(_pole_game(), grid, progress=False, chunk_size=3)
    found = [w for w in caught if issubclass(w.category, UndefinedPayoffWarning)]
    assert len(found) == 1
    assert "at 6 grid point(s)" in str(found[0].message)
    assert "and 1 more" in str(found[0].message)
    assert table.groupby("point").size().index.tolist() == list(range(9))


def test_an_unknown_undefined_option_is_refused():
    from deterrence.analysis import solve_points, sweep

    with pytest.raises(InvalidGameError, match="undefined must be 'mark' or 'raise'"):
        sweep(_pole_game(), {"x": [2.0]}, progress=False, undefined="drop")
    with pytest.raises(InvalidGameError, match="undefined must be 'mark' or 'raise'"):
        solve_points(_pole_game(), {"x": np.array([2.0])}, undefined=None)


def test_games_that_refuse_undefined_payoffs_name_the_point():
    from deterrence.analysis import sweep
    from deterrence.games import Parameter, ParametricAnonymousGame
    from deterrence.games.extensive import ExtensiveFormGame, decision, terminal

    anonymous = ParametricAnonymousGame(3, {"go": "log(x)*k - 1", "stay": "0"}, [Parameter("x")])
    with pytest.raises(InvalidGameError, match="not finite at x=-1"):
        sweep(anonymous, {"x": [2.0, -1.0]}, progress=False)
    tree = ExtensiveFormGame.build(
        players=("challenger", "defender"),
        parameters=[Parameter("x", default=2, domain=(0, 4))],
        root=decision(
            "challenger",
            {
                "status quo": terminal(0, 0),
                "challenge": decision(
                    "defender", {"retaliate": terminal(-1, "log(x - 1)"), "concede": terminal(1, 0)}
                ),
            },
        ),
    )
    with pytest.raises(InvalidGameError, match=r"log\(x - 1\) is undefined at .*x.*1/2"):
        sweep(tree, {"x": [2.0, 0.5]}, progress=False)


# ---------------------------------------------------------------------- work budgets
def _three_parameter_game():
    from deterrence.games import Parameter, ParametricGame

    return ParametricGame.from_matrices(
        [["a - b", "c"], [0, 1]], [[1, 0], [0, "b"]], [Parameter(n) for n in "abc"]
    )


@pytest.mark.parametrize("size", [10**5, 10**7])
def test_a_huge_grid_is_refused_up_front_with_an_estimate(size):
    from deterrence.analysis import grid_points, sweep

    axis = np.linspace(0, 1, size)
    points = f"{size**3:,}"
    with pytest.raises(
        InvalidGameError, match=rf"{points} points .*would take about .*max_points="
    ):
        sweep(_three_parameter_game(), {"a": axis, "b": axis, "c": axis}, progress=False)
    with pytest.raises(InvalidGameError, match=rf"{points} points .*budget of 100,000,000"):
        grid_points(_three_parameter_game(), {"a": axis, "b": axis, "c": axis})


def test_a_grid_within_an_explicit_budget_runs():
    import math

    from deterrence.analysis import sweep

    grid = {"a": [0.0, 1.0], "b": [0.0, 1.0], "c": [0.0, 1.0]}
    with pytest.raises(InvalidGameError, match="8 points .*budget of 7"):
        sweep(_three_parameter_game(), grid, progress=False, max_points=7)
    assert sweep(_three_parameter_game(), grid, progress=False, max_points=8)["point"].max() == 7
    assert len(sweep(_three_parameter_game(), grid, progress=False, max_points=math.inf)) >= 8


@pytest.mark.parametrize("max_points", [-1, "many", True, math.nan, [10]], ids=repr)
def test_an_invalid_max_points_is_refused(max_points):
    from deterrence.analysis import sweep

    with pytest.raises(InvalidGameError, match="max_points must be a number >= 0"):
        sweep(
            _three_parameter_game(),
            {"a": [0.0], "b": [0.0], "c": [0.0]},
            progress=False,
            max_points=max_points,
        )


def test_a_slow_sweep_is_refused_by_its_estimated_time(monkeypatch):
    from deterrence.games import limits

    sweep_module = sys.modules["deterrence.analysis.sweep"]  # the name is shadowed by sweep()

    monkeypatch.setattr(sweep_module, "ESTIMATE_ABOVE", 10)
    monkeypatch.setattr(limits, "MAX_SWEEP_SECONDS", 1e-6)
    grid = {"a": np.linspace(0, 1, 20), "b": [0.5], "c": [0.5]}
    game = _three_parameter_game()
    with pytest.raises(InvalidGameError, match=r"20 points .*more work than the budget .*took"):
        sweep_module.sweep(game, grid, progress=False, fast=False)
    # an explicit max_points is the opt-in
    assert len(sweep_module.sweep(game, grid, progress=False, fast=False, max_points=20)) >= 20


def test_a_regime_map_beyond_its_budget_or_floating_point_is_refused():
    from deterrence.analysis import regimes

    game, domain, fixed = _three_parameter_game(), {"a": (0, 1), "b": (0, 10)}, {"c": 1}
    with pytest.raises(InvalidGameError, match=r"max_depth=60 .*precision .*max_depth=4\d"):
        regimes(game, domain, fixed=fixed, max_depth=60)
    with pytest.raises(InvalidGameError, match=r"about 335,545,280 points .*max_points="):
        regimes(game, domain, fixed=fixed, max_depth=20)
    with pytest.raises(InvalidGameError, match="about 800 points .*budget of 100"):
        regimes(game, domain, fixed=fixed, resolution=8, max_depth=2, max_points=100)
    for bad in [{"max_depth": -1}, {"resolution": 0}, {"max_depth": 2.5}, {"max_points": -1}]:
        with pytest.raises(InvalidGameError, match="max_depth|resolution|max_points"):
            regimes(game, domain, fixed=fixed, **bad)
    small = regimes(game, domain, fixed=fixed, resolution=4, max_depth=1, progress=False)
    assert len(small) >= 1


# ---------------------------------------------------------------------- the machine
NUMBA_CHILD = textwrap.dedent("""
    import pathlib, sys, warnings
    sys.path.insert(0, sys.argv[1])
    import kernel_module
    from deterrence.solvers._jit import CompiledKernel
    kernel = CompiledKernel("a test kernel", kernel_module.load)
    assert kernel.load()(1) == 2
    for path in pathlib.Path(sys.argv[1], "__pycache__").glob("*.nb*"):
        path.write_bytes(b"\\x80\\x04garbage")
    kernel = CompiledKernel("a test kernel", kernel_module.load)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert kernel.load()(1) == 2
    print(" | ".join(str(w.message) for w in caught))
""")


def test_a_corrupt_numba_cache_falls_back_to_running_uncached(tmp_path):
    pytest.importorskip("numba")
    (tmp_path / "kernel_module.py").write_text(
        "from numba import njit\n\ndef add_one(x):\n    return x + 1\n\n"
        "def load():\n    return njit(cache=True)(add_one)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", NUMBA_CHILD, str(tmp_path)],
        text=True,
        capture_output=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "could not be read" in done.stdout and "without the cache" in done.stdout


@pytest.mark.parametrize("debug", [True, False])
def test_the_cli_prints_a_traceback_with_debug(monkeypatch, capsys, debug):
    from deterrence import cli

    def broken(args):
        raise ZeroDivisionError("a bug")

    monkeypatch.setitem(cli._COMMANDS, "models", broken)
    code = cli.main(["--debug", "models"] if debug else ["models"])
    err = capsys.readouterr().err
    assert code == 1 and "internal error (ZeroDivisionError: a bug)" in err
    assert ("Traceback (most recent call last)" in err) is debug
    assert ("--debug" in err) is not debug


def test_errors_are_deterrence_errors():
    with pytest.raises(DeterrenceError):
        solve(STAG, tol=-1)


# ---------------------------------------------------------------------- deep trees
def _chain(depth, payoff):
    from deterrence.games import decision, terminal

    node = terminal((0, 0))
    for k in range(depth):
        node = decision("a" if k % 2 else "b", {"stop": terminal(payoff(k)), "go": node})
    return node


@pytest.mark.parametrize("depth", [1000, 10_000])
def test_a_deep_tree_without_ties_is_solved(depth):
    from deterrence.games import ExtensiveFormGame
    from deterrence.solvers.subgame_perfect import solve_subgame_perfect

    game = ExtensiveFormGame.build(
        players=("a", "b"), root=_chain(depth, lambda k: (k + 1, -k - 1))
    )
    assert len(solve_subgame_perfect(game)) == 1


def test_deeply_nested_ties_are_refused_clearly():
    from deterrence.games import ExtensiveFormGame
    from deterrence.solvers.subgame_perfect import solve_subgame_perfect

    game = ExtensiveFormGame.build(players=("a", "b"), root=_chain(10_000, lambda k: (k % 3, 1)))
    with pytest.raises(SolverError, match="nested along a path more deeply"):
        solve_subgame_perfect(game)


@pytest.fixture(scope="module")
def credibility_game():
    from deterrence.games import Parameter, ParametricGame

    return ParametricGame.from_matrices(
        [["(1 - credibility)*2 - credibility*6", 2], [0, 0]],
        [[-1, -3], [1, 0]],
        [Parameter("credibility", default="1/2", domain=(0, 1))],
    )


@pytest.mark.parametrize("domain", [(1, 0), (0.5, 0.5), (0, 2), ("x", 1)])
def test_thresholds_refuse_a_bad_domain(credibility_game, domain):
    from deterrence.analysis import thresholds

    with pytest.raises(InvalidGameError, match="domain|credibility"):
        thresholds(credibility_game, "credibility", domain=domain)


@pytest.mark.parametrize("max_jump", [-1, 0, math.nan])
def test_tracking_refuses_a_bad_max_jump(credibility_game, max_jump):
    from deterrence.analysis import track

    with pytest.raises(InvalidGameError, match="max_jump"):
        track(credibility_game, "credibility", [0, 0.5, 1], max_jump=max_jump)


# ---------------------------------------------------------------------- strategic forms
def _independent_choices(count):
    """Chance picks one of ``count`` situations; in each the player chooses left or right:
    2**count reduced strategies."""
    from deterrence.games import ExtensiveFormGame, chance, decision, terminal

    situations = {
        f"case {k}": (
            Fraction(1, count),
            decision("a", {"left": terminal(k, 0), "right": terminal(0, k)}),
        )
        for k in range(count)
    }
    return ExtensiveFormGame.build(players=("a", "b"), root=chance(situations))


@pytest.mark.parametrize("count", [30, 60, 200])
def test_a_strategic_form_beyond_the_budget_is_refused_before_it_is_built(count):
    with pytest.raises(InvalidGameError, match="reduced strategic form of this tree.*budget"):
        _independent_choices(count).to_normal_form()


def test_a_strategic_form_within_the_budget_is_built():
    assert _independent_choices(10).to_normal_form().num_strategies == (1024, 1)
