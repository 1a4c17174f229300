r"""Exact algebra shared by every solution concept: roots of payoff comparisons, numbers.

Where an equilibrium set can change as one parameter :math:`t` moves, some comparison of
payoffs changes sign. Each concept (:mod:`deterrence.analysis.concepts`) turns its own
comparisons into expressions; the functions here find their real roots in :math:`t`
exactly (sympy), split expressions with ``min``, ``max`` or ``abs`` into smooth pieces,
turn sympy numbers into :class:`fractions.Fraction` where they are rational and print
critical values the way an analyst writes them.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from fractions import Fraction
from typing import Any

import sympy
from sympy.printing.str import StrPrinter

__all__ = [
    "real_roots",
    "piecewise_pieces",
    "to_number",
    "reference_value",
    "format_expression",
    "fewest_minus_signs",
    "as_sympy_number",
    "MAX_PIECES",
]

#: Most smooth pieces a min/max/abs expression is split into when solving for roots.
MAX_PIECES = 64


def real_roots(
    expression: sympy.Expr,
    variable: sympy.Symbol,
    reference: Mapping[sympy.Symbol, sympy.Expr] | None = None,
) -> list[sympy.Expr]:
    """Real roots in ``variable`` of ``expression = 0`` (numerator of a rational function).

    Parameters
    ----------
    expression : sympy.Expr
        A payoff comparison (difference of two payoffs, a determinant, ...).
    variable : sympy.Symbol
        The parameter that moves.
    reference : mapping, optional
        Numbers for the other parameters, used where the roots cannot be written in them.

    Returns
    -------
    list of sympy.Expr
        Degree 1 and 2 are solved symbolically in the other parameters; higher degrees and
        non-polynomial equations in several parameters are solved at the ``reference`` values
        of the others (numbers), which is all that is needed to locate and check a candidate.
        Extra roots are harmless: every candidate is checked by solving on either side.

    Examples
    --------
    >>> p, c = sympy.symbols("p c")
    >>> real_roots((1 - p) * 2 - p * c, p)
    [2/(c + 2)]
    >>> real_roots(sympy.Max(p, 1 - p) - sympy.Rational(3, 4), p)
    [1/2, 3/4, 1/4]
    """
    if variable not in expression.free_symbols:
        return []
    pieces = piecewise_pieces(expression, variable)
    if pieces is not None:
        out: list[sympy.Expr] = []
        for piece in pieces:
            out += real_roots(piece, variable, reference)
        return out
    numerator = sympy.together(expression).as_numer_denom()[0]
    numerator = sympy.expand(numerator)
    if variable not in numerator.free_symbols:
        return []
    try:
        poly = sympy.Poly(numerator, variable)
    except sympy.PolynomialError:
        poly = None
    if poly is not None and all(not c.has(variable) for c in poly.all_coeffs()):
        degree = poly.degree()
        coefficients = poly.all_coeffs()
        if degree == 1:
            return [sympy.cancel(-coefficients[1] / coefficients[0])]
        if degree == 2:
            a, b, c = coefficients
            disc = sympy.expand(b**2 - 4 * a * c)
            if disc.is_number and disc < 0:
                return []
            root = sympy.sqrt(disc)
            return [(-b - root) / (2 * a), (-b + root) / (2 * a)]
        if poly.free_symbols == {variable}:
            return list(sympy.Poly(poly, variable).real_roots())
        if reference is not None:
            return real_roots(numerator.xreplace(reference), variable)
    if reference is not None and numerator.free_symbols - {variable}:
        return real_roots(numerator.xreplace(reference), variable)
    try:
        return [r for r in sympy.solve(numerator, variable) if not r.has(sympy.I)]
    except (NotImplementedError, TypeError, ValueError):
        return []


def piecewise_pieces(expression: sympy.Expr, variable: sympy.Symbol) -> list[sympy.Expr] | None:
    """The smooth pieces of an expression with ``min``, ``max`` or ``abs`` of ``variable``.

    Parameters
    ----------
    expression : sympy.Expr
    variable : sympy.Symbol

    Returns
    -------
    list of sympy.Expr or None
        Each choice of argument (each sign of an ``abs``) and the break points' equations,
        whose roots together contain every root and every kink; ``None`` when there is
        nothing to split. Extra candidates are harmless: each is checked by solving on
        either side of it.

    Examples
    --------
    >>> x = sympy.Symbol("x")
    >>> piecewise_pieces(sympy.Abs(x - 1) - 2, x)
    [x - 1, x - 3, -x - 1]
    >>> piecewise_pieces(x - 1, x) is None
    True
    """
    kinks = [
        f for f in expression.atoms(sympy.Min, sympy.Max, sympy.Abs) if variable in f.free_symbols
    ]
    if not kinks:
        return None
    inner = kinks[0]
    is_abs = isinstance(inner, sympy.Abs)
    choices = [inner.args[0], -inner.args[0]] if is_abs else list(inner.args)
    breaks = (
        [inner.args[0]] if is_abs else [a - b for a, b in itertools.combinations(inner.args, 2)]
    )
    out = list(breaks)
    for choice in choices:
        piece = expression.xreplace({inner: choice})
        split = piecewise_pieces(piece, variable)
        out += split if split is not None else [piece]
        if len(out) > MAX_PIECES:
            break
    return out[:MAX_PIECES]


def to_number(value: sympy.Expr) -> Any:
    """A sympy number as a :class:`~fractions.Fraction` when rational, else a float.

    Examples
    --------
    >>> to_number(sympy.Rational(2, 5)), to_number(sympy.sqrt(2))
    (Fraction(2, 5), 1.4142135623730951)
    """
    value = sympy.nsimplify(value) if value.is_Float else value
    if value.is_Rational:
        return Fraction(int(value.p), int(value.q))
    return float(value)


def as_sympy_number(value: Any) -> sympy.Expr:
    """A Python number as an exact sympy number (floats by their shortest decimal).

    Examples
    --------
    >>> as_sympy_number(Fraction(1, 3)), as_sympy_number(0.1), as_sympy_number(2)
    (1/3, 1/10, 2)
    """
    if isinstance(value, sympy.Basic):
        return value
    if isinstance(value, Fraction):
        return sympy.Rational(value.numerator, value.denominator)
    if isinstance(value, float):
        return sympy.Rational(repr(value)) if abs(value) < 1e300 else sympy.Float(value)
    return sympy.Rational(value)


def reference_value(parameter: Any) -> Any:
    """A value for a parameter left symbolic: its default, else a point inside its domain.

    Examples
    --------
    >>> from deterrence.games import Parameter
    >>> reference_value(Parameter("p", domain=(0, 1))), reference_value(Parameter("c"))
    (Fraction(1, 2), Fraction(1, 1))
    """
    if parameter.default is not None:
        return parameter.default
    if parameter.domain is None:
        return Fraction(1)
    low, high = parameter.domain
    if low is not None and high is not None:
        if isinstance(low, float) or isinstance(high, float):
            return (low + high) / 2
        return (Fraction(low) + Fraction(high)) / 2
    if low is not None:
        return low + 1
    if high is not None:
        return high - 1
    return Fraction(1)


class _ReadablePrinter(StrPrinter):
    """``str`` for expressions, but a sum starts with a positive term when it has one:
    ``value - disruption_cost`` rather than ``-disruption_cost + value``."""

    def _as_ordered_terms(self, expr, order=None):
        terms = list(super()._as_ordered_terms(expr, order=order))
        if terms and terms[0].could_extract_minus_sign():
            for k, term in enumerate(terms):
                if not term.could_extract_minus_sign():
                    terms.insert(0, terms.pop(k))
                    break
        return terms


def format_expression(expression: Any) -> str:
    """An expression as text, sums led by a positive term.

    Parameters
    ----------
    expression : sympy.Expr or number

    Returns
    -------
    str

    Examples
    --------
    >>> value, cost = sympy.symbols("value disruption_cost")
    >>> format_expression((value - cost) / value)
    '(value - disruption_cost)/value'
    """
    return _ReadablePrinter().doprint(sympy.sympify(expression))


def fewest_minus_signs(expression: sympy.Expr) -> sympy.Expr:
    """The same rational function written with as few minus signs as possible.

    ``-c/(e*(p - 1))`` reads better as ``c/(e*(1 - p))``: the sign of factors of the
    numerator and denominator is flipped (an exact rewriting) when that removes minus signs.

    Examples
    --------
    >>> c, e, p = sympy.symbols("c e p")
    >>> fewest_minus_signs(-c / (e * (p - 1)))
    c/(e*(1 - p))
    """

    def score(candidate: sympy.Expr) -> tuple[int, int]:
        text = str(candidate)
        return text.count("-"), len(text)

    if len(str(expression)) > 400:  # factoring huge rationals costs minutes, reads no better
        return expression
    try:
        factored = sympy.factor(expression)
    except (sympy.PolynomialError, TypeError, ValueError):
        return expression
    numerator, denominator = sympy.fraction(factored)
    parts = [list(sympy.Mul.make_args(numerator)), list(sympy.Mul.make_args(denominator))]
    sums = [(side, k) for side in (0, 1) for k, f in enumerate(parts[side]) if f.is_Add]
    if len(sums) > 4:
        return expression
    candidates = [expression, factored]
    for r in range(1, len(sums) + 1):
        for flipped in itertools.combinations(sums, r):
            top, bottom = list(parts[0]), list(parts[1])
            for side, k in flipped:
                factors = top if side == 0 else bottom
                factors[k] = -factors[k]
            candidates.append((-1) ** r * sympy.Mul(*top) / sympy.Mul(*bottom))
    return min(candidates, key=score)
