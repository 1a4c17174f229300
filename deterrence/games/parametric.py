r"""Parametric normal-form games: payoffs that are expressions of named parameters.

A parametric game is a family :math:`\{G(\theta)\}_{\theta \in \Theta}` of finite normal-form
games with fixed players and strategy labels whose payoffs :math:`u_i(s; \theta)` are
closed-form expressions of a parameter vector :math:`\theta = (\theta_1, \dots, \theta_k)`,
each parameter ranging over an interval (its *domain*). Comparative statics
(:mod:`deterrence.analysis`) ask how the equilibrium set of :math:`G(\theta)` changes with
:math:`\theta`: exact thresholds, regime maps, equilibrium branches and grid sweeps.

Payoffs are sympy expressions, built either directly or from strings such as
``"10*(1 - credibility) - 4"`` read by the safe parser of
``deterrence.games._expressions`` (no ``eval``). :meth:`ParametricGame.at` fixes every
parameter and returns an ordinary :class:`~deterrence.games.NormalFormGame`, exact
(``Fraction`` payoffs) whenever the values and expressions are rational.

References
----------
.. [1] P. Milgrom and J. Roberts, "Rationalizability, learning, and equilibrium in games with
   strategic complementarities", *Econometrica* 58(6), 1990 (comparative statics of games).
.. [2] T. C. Schelling, *Arms and Influence*, Yale University Press, 1966.
"""

from __future__ import annotations

import dataclasses
import itertools
import numbers
import warnings
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np
import sympy

from deterrence.exceptions import InvalidGameError, unknown_names
from deterrence.games._expressions import (
    RESERVED_NAMES,
    canonical_name,
    parse_expression,
    symbol,
)
from deterrence.games._labels import default_or_checked_labels
from deterrence.games._numbers import classify_number, readonly, to_fraction
from deterrence.games.normal_form import NormalFormGame
from deterrence.games.outcomes import Outcomes

__all__ = ["Parameter", "ParametricGame"]

Number = int | float | Fraction


def _as_number(value: Any, what: str) -> Number:
    """An exact value as ``Fraction`` (or ``int`` kept exact), a float as ``float``."""
    if isinstance(value, sympy.Basic):
        if not value.is_number:
            raise InvalidGameError(f"{what} is {value}; expected a number")
        if value.is_Rational:
            return Fraction(int(value.p), int(value.q))
        if not value.is_real:
            raise InvalidGameError(f"{what} is {value}; expected a real number")
        value = float(value)
    try:
        kind, converted = classify_number(value, what)
    except InvalidGameError as exc:
        message = str(exc).replace("payoffs must be finite numbers", "values must be finite")
        raise InvalidGameError(message) from None
    return converted if kind == "exact" else to_fraction(converted, what=what)


def format_value(value: Any) -> str:
    """A parameter value as text: fractions as ``2/3`` or ``5``, other numbers by ``repr``.

    Examples
    --------
    >>> from fractions import Fraction
    >>> format_value(Fraction(2, 3)), format_value(Fraction(4)), format_value(0.25)
    ('2/3', '4', '0.25')
    """
    if isinstance(value, Fraction):
        return str(value.numerator) if value.denominator == 1 else str(value)
    return repr(value)


@dataclasses.dataclass(frozen=True)
class Parameter:
    """A named model parameter with an optional default and domain.

    Parameters
    ----------
    name : str
        A Python identifier, e.g. ``"credibility"`` (not a function name such as ``exp``).
    default : int, float, Fraction or str, optional
        The value used when none is given; strings such as ``"1/2"`` are exact.
    domain : tuple (low, high), optional
        The closed interval of admissible values; either end may be ``None`` (unbounded).
    description : str
        What the parameter means, for reports and widgets.

    Raises
    ------
    InvalidGameError
        If the name is not an identifier, the domain is not an interval ``low <= high``, or
        the default lies outside the domain.

    Examples
    --------
    >>> p = Parameter("credibility", default="1/2", domain=(0, 1),
    ...               description="probability the alliance retaliates")
    >>> p.default, p.domain
    (Fraction(1, 2), (Fraction(0, 1), Fraction(1, 1)))
    >>> p.contains(Fraction(3, 2))
    False
    """

    name: str
    default: Any = None
    domain: tuple[Any, Any] | None = None
    description: str = ""

    def __post_init__(self) -> None:
        name = self.name
        if isinstance(name, str):  # "ｘ0" is "x0", as Python and sympy's generated code read it
            name = canonical_name(name)
            object.__setattr__(self, "name", name)
        if not isinstance(name, str) or not name.isidentifier():
            raise InvalidGameError(
                f"parameter name {name!r} is not a valid identifier (letters, digits, '_')"
            )
        if name in RESERVED_NAMES:
            raise InvalidGameError(
                f"parameter name {name!r} is reserved for a function; choose another name"
            )
        domain = self.domain
        if domain is not None:
            if isinstance(domain, str) or not isinstance(domain, Sequence) or len(domain) != 2:
                raise InvalidGameError(
                    f"domain of parameter {name!r} is {domain!r}; expected a pair (low, high)"
                )
            low, high = (
                None if end is None else _as_number(end, f"domain end of parameter {name!r}")
                for end in domain
            )
            if low is not None and high is not None and low > high:
                raise InvalidGameError(
                    f"domain of parameter {name!r} is ({format_value(low)}, {format_value(high)}); "
                    "expected low <= high"
                )
            object.__setattr__(self, "domain", (low, high))
        if self.default is not None:
            default = _as_number(self.default, f"default of parameter {name!r}")
            object.__setattr__(self, "default", default)
            if not self.contains(default):
                raise InvalidGameError(
                    f"default of parameter {name!r} is {format_value(default)}, outside its domain "
                    f"{self.domain_text()}"
                )
        if not isinstance(self.description, str):
            raise InvalidGameError(f"description of parameter {name!r} must be a string")

    @property
    def symbol(self) -> sympy.Symbol:
        """The sympy symbol (real) standing for this parameter."""
        return symbol(self.name)

    def contains(self, value: Any) -> bool:
        """Whether ``value`` lies in the domain (always true without a domain).

        Examples
        --------
        >>> Parameter("x", domain=(0, 1)).contains(0.5)
        True
        """
        if self.domain is None:
            return True
        low, high = self.domain
        return (low is None or value >= low) and (high is None or value <= high)

    def domain_text(self) -> str:
        """The domain as ``[low, high]`` text.

        Examples
        --------
        >>> Parameter("cost", domain=(0, None)).domain_text()
        '[0, inf)'
        """
        if self.domain is None:
            return "(-inf, inf)"
        low, high = self.domain
        left = "(-inf" if low is None else f"[{format_value(low)}"
        right = "inf)" if high is None else f"{format_value(high)}]"
        return f"{left}, {right}"

    def validate(self, value: Any) -> Number:
        """Convert ``value`` to a number and check it lies in the domain.

        Raises
        ------
        InvalidGameError
            If ``value`` is not a finite real number or lies outside the domain.

        Examples
        --------
        >>> Parameter("cost", domain=(0, None)).validate("3/2")
        Fraction(3, 2)
        """
        number = _as_number(value, f"value of parameter {self.name!r}")
        if not self.contains(number):
            raise InvalidGameError(
                f"{self.name}={format_value(number)} is outside its domain {self.domain_text()}"
            )
        return number


def _check_substitution(game: Any, parameter: Parameter, expression: sympy.Expr) -> None:
    """Refuse an expression that can leave ``parameter``'s domain over the domains of the
    parameters it uses; warn when that cannot be decided.

    The range of the expression over the box of the remaining domains is computed exactly
    for an expression in one parameter that is a rational function of it (sympy's
    ``function_range``) and enclosed by interval arithmetic otherwise (``AccumBounds``; an
    enclosure can be wider than the range). Inside the domain: accepted. A witness outside
    (a default, a corner of the box, the end of the exact range): refused, naming it.
    Neither: accepted with a ``UserWarning`` (later points of the game cannot be checked
    against a parameter that no longer exists).
    """
    if parameter.domain is None:
        return
    low, high = parameter.domain
    allowed = sympy.Interval(
        sympy.S.NegativeInfinity if low is None else _rational(low),
        sympy.S.Infinity if high is None else _rational(high),
    )
    used = sorted(expression.free_symbols, key=lambda s_: s_.name)
    bounds = {}
    for symbol_ in used:
        lower, upper = game.parameter(symbol_.name).domain or (None, None)
        bounds[symbol_] = (
            sympy.S.NegativeInfinity if lower is None else _rational(lower),
            sympy.S.Infinity if upper is None else _rational(upper),
        )
    over = ", ".join(f"{s_.name} in {_interval_text(*bounds[s_])}" for s_ in used)
    what = f"{parameter.name} = {expression}"
    # 1. a witness: the defaults of the other parameters, then the corners of the box
    defaults = {s_: game.parameter(s_.name).default for s_ in used}
    candidates = []
    if all(v is not None for v in defaults.values()):
        candidates.append(("at the defaults of the other parameters", defaults))
    corners = [
        dict(zip(used, corner))
        for corner in itertools.product(*([b for b in bounds[s_] if b.is_finite] for s_ in used))
    ]
    for corner in corners[:64]:
        place = ", ".join(f"{s_.name}={v}" for s_, v in corner.items())
        candidates.append((f"at {place}", corner))
    for place, point in candidates:
        value = expression.xreplace({s_: _rational(v) for s_, v in point.items()})
        if value.is_number and value.is_real and value.is_finite and not allowed.contains(value):
            number = Fraction(str(value)) if value.is_Rational else float(value)
            raise InvalidGameError(
                f"{what} is {number} {place}, outside the domain {parameter.domain_text()} "
                f"of {parameter.name}"
            )
    # 2. the range over the box
    found = _expression_range(expression, used, bounds)
    if found is not None:
        inside = found.is_subset(allowed)
        if inside:
            return
        if inside is False and len(used) == 1:
            raise InvalidGameError(
                f"{what} ranges over {_set_text(found)} for {over}, outside the domain "
                f"{parameter.domain_text()} of {parameter.name} (narrow the domain of "
                f"{used[0].name} first, or substitute a number)"
            )
    warnings.warn(
        f"cannot verify that {what} stays in the domain {parameter.domain_text()} of "
        f"{parameter.name} for {over}; points outside it will not be refused later",
        UserWarning,
        stacklevel=3,
    )


def _rational(value: Any) -> sympy.Expr:
    if isinstance(value, Fraction):
        return sympy.Rational(value.numerator, value.denominator)
    return sympy.sympify(value)


def _interval_text(low: sympy.Expr, high: sympy.Expr) -> str:
    return _set_text(sympy.Interval(low, high))


def _set_text(found: sympy.Set) -> str:
    """``[0, inf)`` for an interval, the set as sympy prints it otherwise."""
    if isinstance(found, sympy.Interval):
        left = "(" if found.left_open or found.start.is_infinite else "["
        right = ")" if found.right_open or found.end.is_infinite else "]"
        ends = [str(e).replace("-oo", "-inf").replace("oo", "inf") for e in found.args[:2]]
        return f"{left}{ends[0]}, {ends[1]}{right}"
    return str(found)


def _expression_range(
    expression: sympy.Expr, used: list[sympy.Symbol], bounds: Mapping[sympy.Symbol, tuple]
) -> sympy.Set | None:
    """The range over the box (exact for one parameter and a rational function of it), an
    enclosure of it (interval arithmetic), or ``None`` when neither can be computed."""
    if len(used) == 1 and expression.is_rational_function(used[0]):
        from sympy.calculus.util import function_range

        try:
            return function_range(expression, used[0], sympy.Interval(*bounds[used[0]]))
        except (NotImplementedError, ValueError, TypeError):
            pass
    try:
        enclosure = expression.xreplace({s_: sympy.AccumBounds(*bounds[s_]) for s_ in used})
    except (NotImplementedError, ValueError, TypeError):
        return None
    if isinstance(enclosure, sympy.AccumBounds):
        return sympy.Interval(enclosure.min, enclosure.max)
    if enclosure.is_number and enclosure.is_real:
        return sympy.FiniteSet(enclosure)
    return None


def canonical_keys(values: Mapping[Any, Any]) -> dict[str, Any]:
    """``{name: value}`` with every name in NFKC normal form, as parameter names are.

    Raises
    ------
    InvalidGameError
        A name that is not a string, or two names that normalise alike.

    Examples
    --------
    >>> canonical_keys({"ｘ0": 1, "ﬁ": 2})
    {'x0': 1, 'fi': 2}
    >>> canonical_keys({"x": 1, "ｘ": 2})
    Traceback (most recent call last):
    ...
    deterrence.exceptions.InvalidGameError: parameter 'x' is given twice ('x' and 'ｘ' are ...
    """
    out: dict[str, Any] = {}
    spelled: dict[str, str] = {}
    for key, value in values.items():
        if not isinstance(key, str):
            raise InvalidGameError(f"parameter names must be strings, got {key!r}")
        name = canonical_name(key)
        if name in out:
            raise InvalidGameError(
                f"parameter {name!r} is given twice ({spelled[name]!r} and {key!r} are the "
                "same name after NFKC normalisation)"
            )
        out[name] = value
        spelled[name] = key
    return out


def as_parameters(parameters: Any) -> tuple[Parameter, ...]:
    """Normalise a parameter specification to a tuple of :class:`Parameter`.

    Parameters
    ----------
    parameters : None, str, Parameter, sequence or mapping
        Names, ``Parameter`` objects, or ``{name: default or Parameter}``.

    Returns
    -------
    tuple of Parameter

    Raises
    ------
    InvalidGameError
        If a name is repeated or a mapping disagrees with a Parameter's name.

    Examples
    --------
    >>> [p.name for p in as_parameters({"credibility": "1/2", "cost": 1})]
    ['credibility', 'cost']
    """
    if parameters is None:
        return ()
    if isinstance(parameters, (str, Parameter)):
        parameters = [parameters]
    if isinstance(parameters, Mapping):
        items = []
        for name, value in parameters.items():
            if isinstance(value, Parameter):
                if value.name != canonical_name(str(name)):
                    raise InvalidGameError(
                        f"parameters maps {name!r} to a Parameter named {value.name!r}"
                    )
                items.append(value)
            else:
                items.append(Parameter(name, default=value))
        out = tuple(items)
    else:
        try:
            entries = list(parameters)
        except TypeError:
            raise InvalidGameError(
                f"parameters must be a sequence of Parameter or names, got {parameters!r}"
            ) from None
        collected: list[Parameter] = []
        for entry in entries:
            if isinstance(entry, Parameter):
                collected.append(entry)
            elif isinstance(entry, str):
                collected.append(Parameter(entry))
            else:
                raise InvalidGameError(
                    f"parameters contains {entry!r}; expected a Parameter or a name"
                )
        out = tuple(collected)
    names = [p.name for p in out]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise InvalidGameError(
            f"parameters declared twice: {duplicates} (names are compared in Unicode "
            "normal form NFKC, as Python reads them: 'ﬁ' is 'fi' and 'ｘ0' is 'x0')"
        )
    return out


def as_expression(value: Any, names: Sequence[str], what: str) -> sympy.Expr:
    """Convert a payoff entry (number, string or sympy expression) to a sympy expression.

    Parameters
    ----------
    value : number, str or sympy.Expr
        The entry; strings are parsed, symbols mapped to the canonical real symbols.
    names : sequence of str
        The symbols the entry may use.
    what : str
        How to name the entry in an error message.

    Returns
    -------
    sympy.Expr

    Raises
    ------
    InvalidGameError
        If the entry cannot be parsed, is not finite or uses an unknown symbol.

    Examples
    --------
    >>> as_expression("2*b - c", ["b", "c"], "payoff")
    2*b - c
    """
    if isinstance(value, str):
        try:
            return parse_expression(value)
        except InvalidGameError as exc:
            raise InvalidGameError(f"{what}: {exc}") from None
    if isinstance(value, sympy.Basic):
        if not isinstance(value, sympy.Expr):
            raise InvalidGameError(f"{what} is {value!r}; expected a sympy expression")
        # map user symbols onto the canonical real symbols of the same name
        mapping = {s: symbol(s.name) for s in value.free_symbols if isinstance(s, sympy.Symbol)}
        expression = value.xreplace(mapping)
        if expression.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo):
            raise InvalidGameError(f"{what} is {value}; payoffs must be finite")
        return expression
    if isinstance(value, (bool, np.bool_)):
        raise InvalidGameError(f"{what} is a boolean ({value!r}); expected a number")
    if isinstance(value, (numbers.Real, Decimal, np.number)):
        kind, converted = classify_number(value, what)
        if kind == "exact":
            return sympy.Rational(converted.numerator, converted.denominator)
        return sympy.Float(converted)
    raise InvalidGameError(
        f"{what} is {value!r} of type {type(value).__name__}; expected a number, a sympy "
        "expression or a string such as '10*(1 - credibility) - 4'"
    )


# ---------------------------------------------------------------------- exact evaluation
def compile_expression(expression: sympy.Expr) -> Callable[[Mapping[str, Any]], Any]:
    """Compile an expression to a closure evaluating it in ``Fraction`` arithmetic.

    Rational operations stay exact; functions (exp, log, sqrt, ...) are evaluated by sympy and
    return a ``Fraction`` when the result is rational, a float otherwise.

    Examples
    --------
    >>> from fractions import Fraction
    >>> f = compile_expression(as_expression("b / (b + 1)", ["b"], "payoff"))
    >>> f({"b": Fraction(1, 2)})
    Fraction(1, 3)
    """
    if expression.is_Rational:
        constant = Fraction(int(expression.p), int(expression.q))
        return lambda values: constant
    if expression.is_Symbol:
        name = expression.name
        return lambda values: values[name]
    if expression.is_Number:  # Float or irrational constants
        constant_float = float(expression)
        return lambda values: constant_float
    if expression.is_Add or expression.is_Mul:
        parts = [compile_expression(a) for a in expression.args]
        if expression.is_Add:

            def add(values: Mapping[str, Any]) -> Any:
                return sum((f(values) for f in parts), Fraction(0))

            return add

        def multiply(values: Mapping[str, Any]) -> Any:
            product: Any = Fraction(1)
            for f in parts:
                product = product * f(values)
            return product

        return multiply
    if expression.is_Pow and expression.exp.is_Integer:
        base = compile_expression(expression.base)
        power = int(expression.exp)

        def integer_power(values: Mapping[str, Any]) -> Any:
            b = base(values)
            if b == 0 and power < 0:
                raise ZeroDivisionError("division by zero")
            return b**power

        return integer_power
    if isinstance(expression, (sympy.Min, sympy.Max)):
        parts = [compile_expression(a) for a in expression.args]
        pick = min if isinstance(expression, sympy.Min) else max
        return lambda values: pick(f(values) for f in parts)
    if isinstance(expression, sympy.Abs):
        inner = compile_expression(expression.args[0])
        return lambda values: abs(inner(values))
    # general function: evaluate the arguments, apply sympy, keep rational results exact
    parts = [compile_expression(a) for a in expression.args]
    func = expression.func

    def general(values: Mapping[str, Any]) -> Any:
        arguments = []
        for f in parts:
            v = f(values)
            arguments.append(
                sympy.Rational(v.numerator, v.denominator)
                if isinstance(v, Fraction)
                else sympy.Float(v)
            )
        result = func(*arguments)
        if result.is_Rational:
            return Fraction(int(result.p), int(result.q))
        if result.has(sympy.zoo, sympy.nan) or not result.is_real:
            raise ValueError(f"{func.__name__}{tuple(arguments)} is not a real number")
        return float(result)

    return general


class ParameterisedMixin:
    """Bookkeeping shared by games whose payoffs depend on declared :class:`Parameter` s.

    The class stores its parameters in ``self.parameters`` (a tuple of :class:`Parameter`);
    this mixin answers questions about them: names, defaults, symbols, lookup by name, and
    completing and validating an assignment of values (:meth:`resolve`).
    """

    __slots__ = ()  # adds no state (ExtensiveFormGame declares its own slots)
    parameters: tuple[Parameter, ...]

    @property
    def parameter_names(self) -> tuple[str, ...]:
        """Names of the declared parameters, in declaration order."""
        return tuple(p.name for p in self.parameters)

    @property
    def defaults(self) -> dict[str, Any]:
        """``{name: default}`` for every parameter that has a default."""
        return {p.name: p.default for p in self.parameters if p.default is not None}

    @property
    def symbols(self) -> dict[str, sympy.Symbol]:
        """``{name: sympy symbol}`` for every declared parameter."""
        return {p.name: p.symbol for p in self.parameters}

    def parameter(self, name: str) -> Parameter:
        """The declared :class:`Parameter` called ``name``.

        Raises
        ------
        InvalidGameError
            If no such parameter is declared.

        Examples
        --------
        >>> ParametricGame([[0]], [Parameter("x", domain=(0, 1))]).parameter("x").domain
        (Fraction(0, 1), Fraction(1, 1))
        """
        for p in self.parameters:
            if p.name == name:
                return p
        raise InvalidGameError(unknown_names("parameter", [name], self.parameter_names))

    def resolve(self, values: Mapping[str, Any] | None = None, /, **more: Any) -> dict[str, Number]:
        """Complete and validate a parameter assignment (defaults fill the gaps).

        Parameters
        ----------
        values : mapping, optional
            ``{name: value}``; keyword arguments are merged in.

        Returns
        -------
        dict
            ``{name: number}`` for every declared parameter, in declaration order.

        Raises
        ------
        InvalidGameError
            On unknown names, a missing value without a default, or a value outside its
            domain.

        Examples
        --------
        >>> game = ParametricGame([["a + b"]], [Parameter("a", default=1), "b"])
        >>> game.resolve(b="1/2")
        {'a': Fraction(1, 1), 'b': Fraction(1, 2)}
        """
        given = canonical_keys({**dict(values or {}), **more})
        unknown = sorted(set(given) - set(self.parameter_names))
        if unknown:
            raise InvalidGameError(unknown_names("parameter", unknown, self.parameter_names))
        out: dict[str, Number] = {}
        for p in self.parameters:
            if p.name in given:
                out[p.name] = p.validate(given[p.name])
            elif p.default is not None:
                out[p.name] = p.default
            else:
                raise InvalidGameError(
                    f"parameter {p.name!r} has no default; give a value, e.g. game.at({p.name}=...)"
                )
        return out


@dataclasses.dataclass(frozen=True, eq=False, repr=False)
class ParametricGame(ParameterisedMixin):
    r"""A normal-form game whose payoffs are expressions of named parameters.

    Parameters
    ----------
    payoffs : array_like
        Shape ``(num_players, s_1, ..., s_n)``. Entries are numbers, sympy expressions or
        strings such as ``"10*(1 - credibility) - 4"`` (parsed safely, never evaluated).
    parameters : sequence of Parameter or str, or mapping
        The declared parameters (``Parameter`` objects, bare names, or a mapping
        ``name -> Parameter`` or ``name -> default``). Every name used in a payoff must be
        declared; declared parameters need not all appear.
    players, strategies, title
        As in :class:`~deterrence.games.NormalFormGame`.
    outcomes : Outcomes, optional
        How the equilibria read in the analyst's words (patterns over player and strategy
        labels, checked against them); kept by :meth:`substitute` and :meth:`replace`.

    Attributes
    ----------
    payoffs : numpy.ndarray
        Read-only object array of sympy expressions in real symbols named after the
        parameters.
    parameters : tuple of Parameter
    outcomes : Outcomes or None

    Raises
    ------
    InvalidGameError
        On malformed payloads (ragged, wrong shape, unparsable strings, infinite values),
        undeclared names (listed in the message), duplicate parameters or bad labels.

    See Also
    --------
    ParametricGame.at : fix the parameters, get a ``NormalFormGame``.
    deterrence.analysis.thresholds : exact critical values of a parameter.
    deterrence.analysis.sweep : solve the game on a grid of parameter values.

    Notes
    -----
    For every :math:`\theta` in the parameter domain, ``game.at(**theta)`` is the finite game
    :math:`G(\theta)` with payoffs :math:`u_i(s;\theta)`. Expressions are stored symbolically so
    that thresholds (where two payoff differences cross zero) can be solved exactly.

    Examples
    --------
    A coercer decides whether to cut supplies; a coalition decides whether to share stockpiles.
    Coercion pays unless the coalition's retaliation is credible enough.

    >>> game = ParametricGame.from_matrices(
    ...     [["10*(1 - credibility) - 4", "2"], ["0", "0"]],
    ...     [["-5", "-3"], ["-1", "-2"]],
    ...     [Parameter("credibility", default="1/2", domain=(0, 1))],
    ...     players=("coercer", "coalition"),
    ...     strategies=(("coerce", "refrain"), ("share", "hoard")))
    >>> game.parameter_names
    ('credibility',)
    >>> game.payoffs[0, 0, 0]
    6 - 10*credibility
    >>> game.at(credibility="3/4").payoff_matrix("coercer")[0, 0]
    Fraction(-3, 2)
    >>> game.at().is_exact
    True
    >>> game.at(credibility=2)
    Traceback (most recent call last):
    ...
    deterrence.exceptions.InvalidGameError: credibility=2 is outside its domain [0, 1]
    """

    #: The solution concept that answers questions about this game (``concept="auto"`` in
    #: :mod:`deterrence.analysis`).
    solution_concept = "nash"

    # Fields carry the types stored after ``__post_init__`` normalises them; the constructor
    # accepts broader input (parameters as names, a mapping or Parameter objects; any
    # sequences of labels, ``None`` for defaults), as spelled out by the type-checking-only
    # ``__init__`` below.  The ``None`` defaults never survive construction, hence the
    # targeted ignores.
    payoffs: Any
    parameters: tuple[Parameter, ...] = ()
    players: tuple[str, ...] = dataclasses.field(
        default=None,  # type: ignore[arg-type]
        kw_only=True,
    )
    strategies: tuple[tuple[str, ...], ...] = dataclasses.field(
        default=None,  # type: ignore[arg-type]
        kw_only=True,
    )
    title: str = dataclasses.field(default="", kw_only=True)
    outcomes: Outcomes | None = dataclasses.field(default=None, kw_only=True)

    if TYPE_CHECKING:

        def __init__(
            self,
            payoffs: Any,
            parameters: Any = (),
            *,
            players: Sequence[str] | None = None,
            strategies: Sequence[Sequence[str]] | None = None,
            title: str = "",
            outcomes: Outcomes | None = None,
        ) -> None: ...

    def __post_init__(self) -> None:
        raw = self.payoffs
        if isinstance(raw, (ParametricGame, NormalFormGame)):
            raise InvalidGameError(
                f"payoffs is a {type(raw).__name__}; pass its payoffs array instead"
            )
        parameters = as_parameters(self.parameters)
        names = tuple(p.name for p in parameters)
        array = self._as_expression_array(raw, names)
        if array.ndim < 2 or array.ndim - 1 != array.shape[0]:
            raise InvalidGameError(
                f"payoffs has shape {array.shape}; expected (num_players, s_1, ..., s_n) with "
                "one payoff array per player"
            )
        if any(size == 0 for size in array.shape[1:]):
            raise InvalidGameError(
                f"payoffs has shape {array.shape}; every player needs at least one strategy"
            )
        used: set[str] = set()
        for expression in array.reshape(-1):
            used |= {s.name for s in expression.free_symbols}
        undeclared = sorted(used - set(names))
        if undeclared:
            raise InvalidGameError(
                f"payoffs use undeclared parameter(s) {undeclared}; declared parameters are "
                f"{list(names)}"
            )
        players, strategies = default_or_checked_labels(
            self.players, self.strategies, array.shape[1:]
        )
        if not isinstance(self.title, str):
            raise InvalidGameError(f"title must be a string, got {self.title!r}")
        if self.outcomes is not None:
            if not isinstance(self.outcomes, Outcomes):
                raise InvalidGameError(
                    f"outcomes is {self.outcomes!r}; expected an Outcomes object or None"
                )
            self.outcomes.check(dict(zip(players, strategies)))
        object.__setattr__(self, "payoffs", readonly(array))
        object.__setattr__(self, "parameters", parameters)
        object.__setattr__(self, "players", players)
        object.__setattr__(self, "strategies", strategies)

    @staticmethod
    def _as_expression_array(raw: Any, names: Sequence[str]) -> np.ndarray:
        if isinstance(raw, np.ndarray) and raw.dtype != object:
            raw = raw.astype(object)
        if isinstance(raw, (str, sympy.Basic)):
            raise InvalidGameError(
                f"payoffs is a single value {raw!r}; expected an array of shape "
                "(num_players, s_1, ..., s_n)"
            )
        try:
            array = np.array(raw, dtype=object)
        except ValueError as exc:
            raise InvalidGameError(
                f"payoffs is ragged (rows of different lengths): {exc}"
            ) from None
        flat = array.reshape(-1)
        if any(isinstance(v, (list, tuple, np.ndarray)) for v in flat):
            raise InvalidGameError("payoffs is ragged (rows of different lengths)")
        out = np.empty(array.shape, dtype=object)
        target = out.reshape(-1)
        for k, value in enumerate(flat):
            index = tuple(int(i) for i in np.unravel_index(k, array.shape))
            target[k] = as_expression(value, names, f"payoffs entry at index {index}")
        return out

    # ------------------------------------------------------------------ constructors
    @classmethod
    def from_matrices(
        cls,
        row_payoffs: Any,
        column_payoffs: Any,
        parameters: Any = (),
        *,
        players: Sequence[str] | None = None,
        strategies: Sequence[Sequence[str]] | None = None,
        title: str = "",
        outcomes: Outcomes | None = None,
    ) -> ParametricGame:
        """Build a two-player parametric game from the row and column players' matrices.

        Parameters
        ----------
        row_payoffs, column_payoffs : array_like
            Matrices of the same shape ``(m, n)`` of numbers, expressions or strings.
        parameters : sequence of Parameter or str, or mapping, optional
            As in :class:`ParametricGame`; omit it for a game without parameters.
        players, strategies, title, outcomes
            As in :class:`ParametricGame`.

        Returns
        -------
        ParametricGame

        Raises
        ------
        InvalidGameError
            If either is not a matrix or the shapes differ.

        Examples
        --------
        >>> game = ParametricGame.from_matrices([["b", 0], [0, 1]], [[1, 0], [0, "b"]], ["b"])
        >>> game.num_strategies, game.parameter_names
        ((2, 2), ('b',))
        >>> ParametricGame.from_matrices([[3, 0], [5, 1]], [[3, 5], [0, 1]]).parameter_names
        ()
        """
        names = tuple(p.name for p in as_parameters(parameters))
        matrices = []
        for position, matrix in enumerate((row_payoffs, column_payoffs)):
            label = (
                repr(players[position])
                if players and len(players) > position
                else ("row player", "column player")[position]
            )
            array = cls._as_expression_array(matrix, names)
            if array.ndim != 2:
                raise InvalidGameError(
                    f"payoff for player {label} has shape {array.shape}; expected a matrix"
                )
            matrices.append((label, array))
        (label_a, first), (label_b, second) = matrices
        if first.shape != second.shape:
            raise InvalidGameError(
                f"payoff for player {label_b} has shape {second.shape}; expected {first.shape} "
                f"(the shape of player {label_a}'s matrix)"
            )
        return cls(
            np.stack([first, second]),
            parameters,
            players=players,
            strategies=strategies,
            title=title,
            outcomes=outcomes,
        )

    @classmethod
    def from_game(cls, game: NormalFormGame) -> ParametricGame:
        """Wrap a :class:`NormalFormGame` as a parametric game without parameters.

        Examples
        --------
        >>> pd = NormalFormGame.from_matrices([[3, 0], [5, 1]], [[3, 5], [0, 1]])
        >>> ParametricGame.from_game(pd).at() == pd
        True
        """
        payoffs = game.payoffs if game.is_exact else game.float_payoffs
        return cls(payoffs, (), players=game.players, strategies=game.strategies, title=game.title)

    def replace(self, **changes: Any) -> ParametricGame:
        """Return a copy with some fields changed (validated again).

        Examples
        --------
        >>> game = ParametricGame.from_matrices([["b", 0], [0, 1]], [[1, 0], [0, 1]], ["b"])
        >>> game.replace(title="coordination").title
        'coordination'
        """
        return dataclasses.replace(self, **changes)

    # ------------------------------------------------------------------ basic facts
    @property
    def num_players(self) -> int:
        """Number of players."""
        return int(self.payoffs.shape[0])

    @property
    def num_strategies(self) -> tuple[int, ...]:
        """Number of pure strategies of each player."""
        return tuple(int(k) for k in self.payoffs.shape[1:])

    def payoff_matrix(self, player: int | str) -> np.ndarray:
        """Expression array of one player (a matrix for two players).

        Examples
        --------
        >>> game = ParametricGame.from_matrices([["b", 0]], [[1, 2]], ["b"], players=("r", "c"))
        >>> game.payoff_matrix("r").tolist()
        [[b, 0]]
        """
        return self.payoffs[self._player_index(player)]

    def _player_index(self, player: int | str) -> int:
        if isinstance(player, (int, np.integer)) and not isinstance(player, bool):
            if -self.num_players <= player < self.num_players:
                return int(player) % self.num_players
            raise InvalidGameError(
                f"player index {player} is out of range for {self.num_players} players"
            )
        if isinstance(player, str) and player in self.players:
            return self.players.index(player)
        raise InvalidGameError(f"unknown player {player!r}; players are {list(self.players)}")

    # ------------------------------------------------------------------ evaluation
    @property
    def _compiled(self) -> list[Callable[[Mapping[str, Any]], Any]]:
        cache = self.__dict__.get("_compiled_cache")
        if cache is None:
            cache = [compile_expression(e) for e in self.payoffs.reshape(-1)]
            object.__setattr__(self, "_compiled_cache", cache)
        return cache

    def at(self, **values: Any) -> NormalFormGame:
        """The normal-form game at one parameter point.

        Parameters
        ----------
        **values
            One value per parameter (numbers or strings like ``"1/2"``); missing parameters
            take their defaults.

        Returns
        -------
        NormalFormGame
            Exact (``Fraction`` payoffs) when every value and every evaluated payoff is
            rational; a float game otherwise.

        Raises
        ------
        InvalidGameError
            On unknown names, missing values without defaults, values outside a domain, or
            payoffs undefined at the point (division by zero, log of a negative number).

        Examples
        --------
        >>> game = ParametricGame.from_matrices([["c - 1", 0]], [["c/2", 1]], ["c"])
        >>> game.at(c=3).payoff_matrix(1).tolist()
        [[Fraction(3, 2), Fraction(1, 1)]]
        >>> game.at(c=0.5).payoff_matrix(0).tolist()   # floats: shortest decimal, exact
        [[Fraction(-1, 2), Fraction(0, 1)]]
        """
        point = self.resolve(values)
        flat = np.empty(self.payoffs.size, dtype=object)
        for k, function in enumerate(self._compiled):
            try:
                flat[k] = function(point)
            except (ZeroDivisionError, ValueError, TypeError, OverflowError) as exc:
                index = tuple(int(i) for i in np.unravel_index(k, self.payoffs.shape))
                where = ", ".join(f"{n}={format_value(v)}" for n, v in point.items())
                raise InvalidGameError(
                    f"payoff {self.payoffs.reshape(-1)[k]} (entry {index}) is undefined at "
                    f"{where}: {exc}"
                ) from None
        if any(isinstance(v, float) for v in flat):
            array = np.array([float(v) for v in flat], dtype=np.float64)
            bad = ~np.isfinite(array)
            if bad.any():
                k = int(np.flatnonzero(bad)[0])
                raise InvalidGameError(
                    f"payoff {self.payoffs.reshape(-1)[k]} is not finite at {point}"
                )
            array = array.reshape(self.payoffs.shape)
        else:
            array = flat.reshape(self.payoffs.shape)
        return NormalFormGame(
            array, players=self.players, strategies=self.strategies, title=self.title
        )

    def to_normal_form(self, **values: Any) -> NormalFormGame:
        """Alias of :meth:`at` (so :func:`deterrence.solve` accepts a parametric game).

        Examples
        --------
        >>> ParametricGame([["x"]], {"x": 2}).to_normal_form().payoffs.tolist()
        [[Fraction(2, 1)]]
        """
        return self.at(**values)

    def substitute(self, **values: Any) -> ParametricGame:
        """Fix some parameters and keep the others symbolic.

        Parameters
        ----------
        **values
            Numbers (validated against the domains) or strings; a string may also be an
            expression in the remaining parameters, e.g. ``cost="benefit/2"``.

        Returns
        -------
        ParametricGame
            Without the substituted parameters.

        Raises
        ------
        InvalidGameError
            On unknown names or values outside a domain.

        Examples
        --------
        >>> game = ParametricGame([["a*b"]], ["a", "b"])
        >>> half = game.substitute(a="1/2")
        >>> half.parameter_names, half.payoffs[0, 0]
        (('b',), b/2)
        """
        values = canonical_keys(values)
        unknown = sorted(set(values) - set(self.parameter_names))
        if unknown:
            raise InvalidGameError(unknown_names("parameter", unknown, self.parameter_names))
        remaining = [p for p in self.parameters if p.name not in values]
        remaining_names = [p.name for p in remaining]
        mapping = {}
        for name, value in values.items():
            parameter = self.parameter(name)
            if isinstance(value, str):
                expression = parse_expression(value, names=remaining_names)
            elif isinstance(value, sympy.Basic):
                expression = as_expression(value, remaining_names, f"value of {name!r}")
            else:
                expression = None
            if expression is not None and not expression.is_number:
                undeclared = sorted(
                    {s.name for s in expression.free_symbols} - set(remaining_names)
                )
                if undeclared:
                    raise InvalidGameError(
                        f"value of {name!r} uses {undeclared}, which are not remaining parameters"
                    )
                _check_substitution(self, parameter, expression)
                mapping[parameter.symbol] = expression
                continue
            number = parameter.validate(expression if expression is not None else value)
            mapping[parameter.symbol] = (
                sympy.Rational(number.numerator, number.denominator)
                if isinstance(number, Fraction)
                else sympy.Float(number)
            )
        flat = [e.xreplace(mapping) for e in self.payoffs.reshape(-1)]
        array = np.empty(self.payoffs.size, dtype=object)
        array[:] = flat
        return ParametricGame(
            array.reshape(self.payoffs.shape),
            tuple(remaining),
            players=self.players,
            strategies=self.strategies,
            title=self.title,
            outcomes=self.outcomes,
        )

    def lambdify(self) -> Callable[..., np.ndarray]:
        """A vectorised numpy evaluator of every payoff, compiled once.

        Returns
        -------
        callable
            ``evaluate(**values)`` taking arrays (or scalars) per parameter, broadcast
            together, defaults filling missing ones, and returning a ``float64`` array of
            shape ``(num_players, s_1, ..., s_n) + broadcast_shape``. Values outside a
            domain raise :class:`InvalidGameError`.

        Examples
        --------
        >>> import numpy as np
        >>> game = ParametricGame.from_matrices([["c - 1", 0]], [["c/2", 1]], ["c"])
        >>> evaluate = game.lambdify()
        >>> evaluate(c=np.array([0.0, 2.0]))[:, 0, 0].tolist()
        [[-1.0, 1.0], [0.0, 1.0]]
        """
        cached = self.__dict__.get("_lambdified")
        if cached is not None:
            return cached
        names = self.parameter_names
        symbols = [self.symbols[n] for n in names]
        flat = list(self.payoffs.reshape(-1))
        function = sympy.lambdify(symbols, flat, modules="numpy", cse=True)
        shape = self.payoffs.shape
        parameters = self.parameters
        defaults = self.defaults

        def evaluate(**values: Any) -> np.ndarray:
            unknown = sorted(set(values) - set(names))
            if unknown:
                raise InvalidGameError(unknown_names("parameter", unknown, names))
            arrays = []
            for p in parameters:
                if p.name in values:
                    array = np.asarray(values[p.name], dtype=np.float64)
                elif p.name in defaults:
                    array = np.asarray(float(defaults[p.name]))
                else:
                    raise InvalidGameError(f"parameter {p.name!r} has no default; give values")
                if not np.isfinite(array).all():
                    raise InvalidGameError(f"values of parameter {p.name!r} must be finite")
                if p.domain is not None:
                    low, high = p.domain
                    outside = np.zeros(array.shape, dtype=bool)
                    if low is not None:
                        outside |= array < float(low)
                    if high is not None:
                        outside |= array > float(high)
                    if outside.any():
                        bad = array[outside].reshape(-1)[0]
                        raise InvalidGameError(
                            f"{p.name}={float(bad):g} is outside its domain {p.domain_text()}"
                        )
                arrays.append(array)
            broadcast = np.broadcast_shapes(*(a.shape for a in arrays)) if arrays else ()
            with np.errstate(all="ignore"):
                entries = function(*arrays)
            out = np.empty(shape + broadcast, dtype=np.float64)
            view = out.reshape((-1,) + broadcast)
            for k, entry in enumerate(entries):
                view[k] = entry
            return out

        object.__setattr__(self, "_lambdified", evaluate)
        return evaluate

    # ------------------------------------------------------------------ dunder
    def __getstate__(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}

    def __setstate__(self, state: dict[str, Any]) -> None:
        for key, value in state.items():
            object.__setattr__(self, key, value)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ParametricGame):
            return NotImplemented
        return (
            self.players == other.players
            and self.strategies == other.strategies
            and self.parameters == other.parameters
            and self.payoffs.shape == other.payoffs.shape
            and all(
                sympy.simplify(a - b) == 0 if a != b else True
                for a, b in zip(self.payoffs.reshape(-1), other.payoffs.reshape(-1))
            )
        )

    def __hash__(self) -> int:
        return hash((self.players, self.strategies, self.parameter_names, self.payoffs.shape))

    def __repr__(self) -> str:
        title = f"{self.title!r}, " if self.title else ""
        shape = "x".join(str(k) for k in self.num_strategies)
        return (
            f"<ParametricGame {title}{shape}, parameters={list(self.parameter_names)}, "
            f"players={list(self.players)}, strategies={[list(s) for s in self.strategies]}>"
        )

    def __str__(self) -> str:
        lines = [self.title] if self.title else []
        lines.append(
            "parameters: "
            + (
                ", ".join(
                    p.name
                    + (f" in {p.domain_text()}" if p.domain is not None else "")
                    + (f" (default {format_value(p.default)})" if p.default is not None else "")
                    for p in self.parameters
                )
                or "none"
            )
        )
        for profile in np.ndindex(*self.num_strategies):
            labels = ", ".join(self.strategies[i][s] for i, s in enumerate(profile))
            values = "; ".join(str(self.payoffs[(i,) + profile]) for i in range(self.num_players))
            lines.append(f"({labels}): {values}")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        """Parameters (default, domain, meaning) and the payoff formulas as HTML (Jupyter)."""
        from deterrence.display import parametric_game_to_html

        return parametric_game_to_html(self)
