"""The safe expression parser: known answers, clear errors, and hypothesis fuzzing."""

from __future__ import annotations

import string

import pytest
import sympy
from hypothesis import given
from hypothesis import strategies as st

from deterrence.exceptions import InvalidGameError
from deterrence.games._expressions import parse_expression, symbol

x, y = symbol("x"), symbol("y")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1", sympy.Integer(1)),
        ("0.1", sympy.Rational(1, 10)),
        (".5", sympy.Rational(1, 2)),
        ("1e-3", sympy.Rational(1, 1000)),
        ("2.5E2", sympy.Integer(250)),
        ("10*(1 - x) - 4", 6 - 10 * x),
        ("-2**2", sympy.Integer(-4)),  # unary minus binds looser than ** (as in Python)
        ("2**-1", sympy.Rational(1, 2)),
        ("2**3**2", sympy.Integer(512)),  # right-associative
        ("8/4/2", sympy.Integer(1)),  # left-associative
        ("1 - 2 - 3", sympy.Integer(-4)),
        ("x/y", x / y),
        ("--x", x),
        ("+x", x),
        ("sqrt(4)", sympy.Integer(2)),
        ("exp(0) + log(1)", sympy.Integer(1)),
        ("min(x, y, 1)", sympy.Min(x, y, 1)),
        ("max(x, 2)", sympy.Max(x, 2)),
        ("abs(-3)", sympy.Integer(3)),
        ("  x\t+\n1 ", x + 1),
    ],
)
def test_known_values(text, expected):
    assert sympy.simplify(parse_expression(text) - expected) == 0


def test_symbols_are_real_and_named():
    expression = parse_expression("credibility*benefit")
    assert {s.name for s in expression.free_symbols} == {"credibility", "benefit"}
    assert all(s.is_real for s in expression.free_symbols)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("2 ^ 3", "'^' at position 2"),
        ("1 +", "end of expression (position 3)"),
        ("(1", "expected ')'"),
        ("1 2", "token '2' (position 2)"),
        ("a + * b", "token '*' (position 4)"),
        ("1/0", "division by zero at token '/' (position 1)"),
        ("x/(y - y)", "division by zero"),
        ("0**-1", "zero raised to a negative power"),
        ("__import__(os)", "at token '__import__' (position 0)"),
        ("__import__('os')", "unexpected character"),
        ("eval(1)", "unknown function"),
        ("x.real", "'.' at position 1"),
        ("'a'", "unexpected character"),
        ("log(0)", "log of a non-positive number"),
        ("sqrt(-1)", "square root of a negative number"),
        ("min(1)", "takes at least 2 argument(s), got 1"),
        ("exp(1, 2)", "takes 1 argument(s), got 2"),
        ("exp", "expected '(' after function 'exp'"),
        ("", "empty expression"),
        ("10**10**10", "too large"),
        ("1e100000", "too large"),
        ("x" + "**2" * 3 + "**100000", "too large"),
        ("(" * 200 + "1" + ")" * 200, "nesting deeper"),
    ],
)
def test_errors_name_token_and_position(text, fragment):
    with pytest.raises(InvalidGameError, match="cannot parse expression") as info:
        parse_expression(text)
    assert fragment in str(info.value)


def test_unknown_parameter_with_declared_names():
    expected = r"unknown parameter \(declared: x, y\) at token 'z' \(position 4\)"
    with pytest.raises(InvalidGameError, match=expected):
        parse_expression("x + z", names=["x", "y"])


def test_rejects_non_string():
    with pytest.raises(InvalidGameError, match="must be a string"):
        parse_expression(3)


def test_rejects_overlong_input():
    with pytest.raises(InvalidGameError, match="characters"):
        parse_expression("1+" * 6000 + "1")


# ---------------------------------------------------------------- fuzzing
names = st.sampled_from(["x", "y", "cost", "benefit"])
integers = st.integers(min_value=0, max_value=50)


@st.composite
def expressions(draw, depth=3):
    """Well-formed expression text paired with the value it should have at x=2, y=3, ..."""
    env = {"x": 2, "y": 3, "cost": 5, "benefit": 7}
    if depth == 0 or draw(st.booleans()):
        if draw(st.booleans()):
            n = draw(integers)
            return str(n), sympy.Integer(n)
        name = draw(names)
        return name, sympy.Integer(env[name])
    op = draw(st.sampled_from(["+", "-", "*", "neg", "paren", "max"]))
    left_text, left = draw(expressions(depth - 1))
    if op == "neg":
        return f"-({left_text})", -left
    if op == "paren":
        return f"({left_text})", left
    right_text, right = draw(expressions(depth - 1))
    if op == "max":
        return f"max({left_text}, {right_text})", sympy.Max(left, right)
    value = {"+": left + right, "-": left - right, "*": left * right}[op]
    return f"({left_text}) {op} ({right_text})", value


@given(expressions())
def test_fuzz_well_formed_expressions_evaluate_correctly(case):
    text, expected = case
    parsed = parse_expression(text)
    env = {symbol("x"): 2, symbol("y"): 3, symbol("cost"): 5, symbol("benefit"): 7}
    assert parsed.xreplace(env) == expected


@given(st.text(alphabet=string.printable, max_size=40))
def test_fuzz_arbitrary_text_parses_or_raises_invalid_game_error(text):
    try:
        result = parse_expression(text)
    except InvalidGameError as exc:
        assert "cannot parse expression" in str(exc) or "characters" in str(exc)
    else:
        assert isinstance(result, sympy.Expr)
        assert not result.has(sympy.zoo, sympy.nan)


@given(st.text(alphabet="0123456789+-*/()., xy", max_size=30))
def test_fuzz_arithmetic_alphabet_never_crashes(text):
    try:
        parse_expression(text)
    except InvalidGameError:
        pass
