r"""A safe parser for payoff expressions such as ``"10*(1 - credibility) - 4"``.

The text is tokenised and parsed by hand (recursive descent); nothing is passed to ``eval``
and raw text is never given to ``sympy.sympify``. The grammar, in order of increasing
precedence, is

.. code-block:: text

    expression := term (("+" | "-") term)*
    term       := unary (("*" | "/") unary)*
    unary      := ("+" | "-") unary | power
    power      := atom ("**" unary)?             (right-associative, as in Python)
    atom       := number | name | function "(" expression ("," expression)* ")"
                | "(" expression ")"

Numbers (``3``, ``2.5``, ``.5``, ``1e-3``) become exact sympy ``Rational`` values, names become
real sympy symbols and the only functions are ``exp``, ``log``, ``sqrt``, ``min``, ``max`` and
``abs`` (sympy ``exp``, ``log``, ``sqrt``, ``Min``, ``Max``, ``Abs``). Every error names the
offending token and its position (0-based character offset).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Collection
from dataclasses import dataclass

import sympy

from deterrence.exceptions import InvalidGameError

__all__ = ["canonical_name", "parse_expression", "FUNCTIONS", "RESERVED_NAMES", "symbol"]

#: Whitelisted functions: name -> (sympy constructor, allowed argument counts).
FUNCTIONS: dict[str, tuple[Callable[..., sympy.Expr], tuple[int, int | None]]] = {
    "exp": (sympy.exp, (1, 1)),
    "log": (sympy.log, (1, 1)),
    "sqrt": (sympy.sqrt, (1, 1)),
    "abs": (sympy.Abs, (1, 1)),
    "min": (sympy.Min, (2, None)),
    "max": (sympy.Max, (2, None)),
}

#: Names that cannot be parameters (function names).
RESERVED_NAMES = frozenset(FUNCTIONS)

#: Longest accepted expression and deepest nesting (guards against resource exhaustion).
MAX_LENGTH = 10_000
MAX_DEPTH = 100
#: Largest number of bits a numeric power ``a**k`` may produce before evaluation.
MAX_POWER_BITS = 100_000
#: Largest decimal exponent accepted in a number literal such as ``1e300``.
MAX_DECIMAL_EXPONENT = 1000

_TOKEN = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<number>(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)
  | (?P<name>[^\W\d]\w*)
  | (?P<op>\*\*|[-+*/(),])
    """,
    re.VERBOSE,
)


def canonical_name(name: str) -> str:
    """A parameter name in Unicode normal form NFKC, as Python reads identifiers.

    ``"ｘ0"`` (fullwidth) is ``"x0"`` and ``"ﬁ"`` (a ligature) is ``"fi"``: names that
    Python, sympy's generated code and a reader would take for the same name are the same
    parameter (two declared names that normalise alike are rejected as a repetition).

    Examples
    --------
    >>> canonical_name("ｘ0"), canonical_name("ﬁ"), canonical_name("credibility")
    ('x0', 'fi', 'credibility')
    """
    return unicodedata.normalize("NFKC", name)


def symbol(name: str) -> sympy.Symbol:
    """The canonical (real) sympy symbol of a parameter name (see :func:`canonical_name`).

    Examples
    --------
    >>> symbol("credibility").is_real
    True
    >>> symbol("ｘ0") == symbol("x0")
    True
    """
    return sympy.Symbol(canonical_name(name), real=True)


@dataclass(frozen=True)
class _Token:
    kind: str  # "number", "name", "op", "end"
    text: str
    position: int


def _tokenise(text: str) -> list[_Token]:
    tokens = []
    position = 0
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None:
            raise InvalidGameError(
                f"cannot parse expression {text!r}: unexpected character {text[position]!r} "
                f"at position {position}"
                + ("; use '**' for powers" if text[position] == "^" else "")
            )
        kind = match.lastgroup
        assert kind is not None  # every alternative of _TOKEN is a named group
        if kind == "name":
            name = canonical_name(match.group())
            if not name.isidentifier():
                raise InvalidGameError(
                    f"cannot parse expression {text!r}: the name {match.group()!r} at "
                    f"position {position} is not an identifier once normalised ({name!r})"
                )
            tokens.append(_Token(kind, name, position))
        elif kind != "space":
            tokens.append(_Token(kind, match.group(), position))
        position = match.end()
    tokens.append(_Token("end", "", len(text)))
    return tokens


class _Parser:
    def __init__(self, text: str, names: Collection[str] | None) -> None:
        self.text = text
        self.names = None if names is None else frozenset(names)
        self.tokens = _tokenise(text)
        self.index = 0
        self.depth = 0

    # -------------------------------------------------------------- helpers
    def error(self, token: _Token, message: str) -> InvalidGameError:
        shown = f"token {token.text!r}" if token.kind != "end" else "end of expression"
        return InvalidGameError(
            f"cannot parse expression {self.text!r}: {message} at {shown} "
            f"(position {token.position})"
        )

    @property
    def current(self) -> _Token:
        return self.tokens[self.index]

    def advance(self) -> _Token:
        token = self.tokens[self.index]
        self.index += 1
        return token

    def expect(self, text: str) -> _Token:
        token = self.current
        if token.kind != "op" or token.text != text:
            raise self.error(token, f"expected {text!r}")
        return self.advance()

    def enter(self, token: _Token) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise self.error(token, f"nesting deeper than {MAX_DEPTH} levels")

    # -------------------------------------------------------------- grammar
    def parse(self) -> sympy.Expr:
        if self.current.kind == "end":
            raise self.error(self.current, "empty expression")
        value = self.expression()
        if self.current.kind != "end":
            raise self.error(self.current, "unexpected input after a complete expression")
        return value

    def expression(self) -> sympy.Expr:
        self.enter(self.current)
        value = self.term()
        while self.current.kind == "op" and self.current.text in "+-":
            op = self.advance()
            right = self.term()
            value = value + right if op.text == "+" else value - right
        self.depth -= 1
        return value

    def term(self) -> sympy.Expr:
        value = self.unary()
        while self.current.kind == "op" and self.current.text in ("*", "/"):
            op = self.advance()
            right = self.unary()
            if op.text == "*":
                value = value * right
            else:
                if right.is_zero:
                    raise self.error(op, "division by zero")
                value = value / right
        return value

    def unary(self) -> sympy.Expr:
        token = self.current
        if token.kind == "op" and token.text in "+-":
            self.advance()
            self.enter(token)
            operand = self.unary()
            self.depth -= 1
            return -operand if token.text == "-" else operand
        return self.power()

    def power(self) -> sympy.Expr:
        base = self.atom()
        if self.current.kind == "op" and self.current.text == "**":
            op = self.advance()
            self.enter(op)
            exponent = self.unary()
            self.depth -= 1
            return self.checked_power(base, exponent, op)
        return base

    def checked_power(self, base: sympy.Expr, exponent: sympy.Expr, op: _Token) -> sympy.Expr:
        if base.is_zero and exponent.is_number and bool(exponent.is_negative):
            raise self.error(op, "zero raised to a negative power")
        if exponent.is_Rational and base.is_Rational:
            bits = max(abs(base.p).bit_length(), abs(base.q).bit_length())
            if bits > 1 and bits * abs(exponent) > MAX_POWER_BITS:
                raise self.error(op, "numeric power too large to evaluate")
        elif exponent.is_number and abs(exponent) > 10_000:
            raise self.error(op, "exponent too large")
        value = base**exponent
        if value.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo):
            raise self.error(op, "the power is undefined")
        return value

    def atom(self) -> sympy.Expr:
        token = self.current
        if token.kind == "number":
            self.advance()
            mantissa, _, power = token.text.lower().partition("e")
            if power and abs(int(power)) > MAX_DECIMAL_EXPONENT:
                raise self.error(token, "number too large or too small")
            return sympy.Rational(token.text)
        if token.kind == "name":
            self.advance()
            if token.text in FUNCTIONS:
                return self.call(token)
            if self.current.kind == "op" and self.current.text == "(":
                raise self.error(
                    token, f"unknown function (allowed: {', '.join(sorted(FUNCTIONS))})"
                )
            if self.names is not None and token.text not in self.names:
                allowed = ", ".join(sorted(self.names)) or "none"
                raise self.error(token, f"unknown parameter (declared: {allowed})")
            return symbol(token.text)
        if token.kind == "op" and token.text == "(":
            self.advance()
            value = self.expression()
            self.expect(")")
            return value
        raise self.error(token, "expected a number, a parameter name or '('")

    def call(self, name: _Token) -> sympy.Expr:
        function, (low, high) = FUNCTIONS[name.text]
        if not (self.current.kind == "op" and self.current.text == "("):
            raise self.error(self.current, f"expected '(' after function {name.text!r}")
        self.advance()
        arguments = [self.expression()]
        while self.current.kind == "op" and self.current.text == ",":
            self.advance()
            arguments.append(self.expression())
        self.expect(")")
        if len(arguments) < low or (high is not None and len(arguments) > high):
            expected = str(low) if high == low else f"at least {low}"
            raise self.error(
                name, f"function {name.text!r} takes {expected} argument(s), got {len(arguments)}"
            )
        first = arguments[0]
        if name.text == "log" and first.is_number and not bool(first.is_positive):
            raise self.error(name, "log of a non-positive number")
        if name.text == "sqrt" and first.is_number and bool(first.is_negative):
            raise self.error(name, "square root of a negative number")
        return function(*arguments)


def parse_expression(text: str, *, names: Collection[str] | None = None) -> sympy.Expr:
    """Parse an arithmetic expression safely into a sympy expression.

    Parameters
    ----------
    text : str
        The expression, e.g. ``"10*(1 - credibility) - 4"``.
    names : collection of str, optional
        The allowed parameter names; any other name is an error. By default every
        identifier that is not a function name is accepted as a parameter.

    Returns
    -------
    sympy.Expr
        Numbers are exact rationals (``0.1`` is ``1/10``); names are real symbols.

    Raises
    ------
    InvalidGameError
        On any syntax error, unknown function or (with ``names``) unknown parameter; the
        message names the offending token and its position.

    Notes
    -----
    A hand-written tokeniser and recursive-descent parser: no code is ever evaluated, so
    untrusted text (scenario files, web forms) is safe. Resource limits guard against
    pathological input: at most ``MAX_LENGTH`` characters, ``MAX_DEPTH`` levels of nesting
    and numeric powers of at most ``MAX_POWER_BITS`` bits.

    Examples
    --------
    >>> parse_expression("10*(1 - credibility) - 4")
    6 - 10*credibility
    >>> parse_expression("max(0.5, cost) ** 2")
    Max(1/2, cost)**2
    >>> parse_expression("2 ^ 3")
    Traceback (most recent call last):
    ...
    deterrence.exceptions.InvalidGameError: cannot parse expression '2 ^ 3': unexpected
    character '^' at position 2; use '**' for powers
    """
    if not isinstance(text, str):
        raise InvalidGameError(f"expression must be a string, got {type(text).__name__}")
    if len(text) > MAX_LENGTH:
        raise InvalidGameError(
            f"expression has {len(text)} characters; at most {MAX_LENGTH} are accepted"
        )
    return _Parser(text, names).parse()
