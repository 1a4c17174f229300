r"""Parametric anonymous N-player games: count-dependent payoffs that are formulas in parameters.

A :class:`ParametricAnonymousGame` is to :class:`~deterrence.games.AnonymousGame` what
:class:`~deterrence.games.ParametricGame` is to :class:`~deterrence.games.NormalFormGame`:
for every point :math:`\theta` of the parameter domain, :meth:`ParametricAnonymousGame.at`
gives the anonymous game :math:`G(\theta)` with payoffs :math:`u(s, c; \theta)` (own strategy
:math:`s`, the others' counts :math:`c`). The payoffs are stored symbolically, so that the
comparative-statics layer (:func:`~deterrence.analysis.thresholds`,
:func:`~deterrence.analysis.regimes`, :func:`~deterrence.analysis.sweep`) can find exactly
where a count equilibrium appears or disappears and where symmetric mixed equilibria are
born or collide.

The number of players is structural (it fixes the size of the table) and is not a
parameter; build one game per coalition size.

Payoffs can be given as

* one expression (or string, parsed safely) per strategy in the count symbols ``k1, ...,
  km`` (``k`` is ``k1`` when there are two strategies), ``N`` and the declared parameters,
  e.g. ``{"align": "bloc_benefit*k/(N - 1) - alignment_cost", "stay": "openness*(1 - k/(N - 1))"}``;
* a callable ``payoff(strategy_index, counts)`` returning such an expression (a string, a
  sympy expression or a number) in the parameters, for payoffs defined case by case; or
* an array of shape ``(m, C)`` of expressions, one per strategy and count profile, in the
  order of :attr:`AnonymousGame.count_profiles`.
"""

from __future__ import annotations

import dataclasses
import math
import numbers
from collections.abc import Callable, Mapping, Sequence
from fractions import Fraction
from functools import cached_property
from typing import TYPE_CHECKING, Any

import numpy as np
import sympy

from deterrence.exceptions import InvalidGameError, UnsupportedGameError, unknown_names
from deterrence.games._numbers import readonly
from deterrence.games.anonymous import (
    MAX_NORMAL_FORM_ENTRIES,
    MAX_TABLE_ENTRIES,
    AnonymousGame,
    check_size_and_labels,
    check_strategy_labels,
    count_profiles,
    in_strategy_order,
    num_count_profiles,
)
from deterrence.games.outcomes import Outcomes, plural
from deterrence.games.parametric import (
    Parameter,
    ParameterisedMixin,
    ParametricGame,
    as_expression,
    as_parameters,
    compile_expression,
    format_value,
)

__all__ = ["ParametricAnonymousGame"]


def _total_symbol() -> sympy.Symbol:
    """The symbol ``N`` (number of players) of payoff expressions."""
    return sympy.Symbol("N", integer=True, positive=True)


def _is_scalar(value: Any) -> bool:
    """A single payoff entry (string, sympy expression or number), not a row of a table."""
    if isinstance(value, (str, sympy.Basic)):
        return True
    return isinstance(value, (numbers.Number, np.number)) and not isinstance(value, np.ndarray)


def _generic_values(parameter: Parameter) -> tuple[float, float]:
    """Two unremarkable values inside a parameter's domain (for numeric screening)."""
    low, high = parameter.domain if parameter.domain is not None else (None, None)
    if low is not None and high is not None:
        width = float(high) - float(low)
        return (float(low) + 0.381966 * width, float(low) + 0.754878 * width)
    if low is not None:
        return (float(low) + 0.739085, float(low) + 2.618034)
    if high is not None:
        return (float(high) - 0.739085, float(high) - 2.618034)
    return (0.739085, -1.324718)


def exact_lambdify(arguments: Sequence[sympy.Symbol], expression: sympy.Expr) -> Callable[..., Any]:
    """Compile an expression to Python code that keeps rationals as ``Fraction`` (functions
    such as ``sqrt`` and ``exp`` are evaluated in floats by the ``math`` module).

    Examples
    --------
    >>> k = sympy.Symbol("k")
    >>> exact_lambdify([k], k / 3 + sympy.Rational(1, 2))(1)
    Fraction(5, 6)
    """
    from sympy.printing.pycode import PythonCodePrinter

    class FractionPrinter(PythonCodePrinter):
        def _print_Rational(self, expr: Any) -> str:  # noqa: N802 (sympy API)
            return f"Fraction({expr.p}, {expr.q})"

        def _print_Integer(self, expr: Any) -> str:  # noqa: N802
            return str(expr.p)

        _print_Half = _print_Rational

    return sympy.lambdify(
        arguments,
        expression,
        modules=[{"Fraction": Fraction, "math": math}, "math"],
        printer=FractionPrinter,
    )


def _count_symbol_names(num_strategies: int) -> dict[str, sympy.Symbol]:
    names = {
        f"k{j + 1}": sympy.Symbol(f"k{j + 1}", integer=True, nonnegative=True)
        for j in range(num_strategies)
    }
    if num_strategies == 2:
        names["k"] = names["k1"]
    return names


@dataclasses.dataclass(frozen=True, eq=False, repr=False)
class ParametricAnonymousGame(ParameterisedMixin):
    r"""An anonymous N-player game whose payoffs are expressions of named parameters.

    Parameters
    ----------
    num_players : int
        Number of players :math:`N \ge 2` (structural, not a parameter).
    payoffs : mapping, sequence, callable or array
        Expressions per strategy in the counts ``k1, ..., km`` (``k`` for two strategies),
        ``N`` and the parameters (a mapping ``strategy -> expression`` or a sequence in
        strategy order); or a callable ``payoff(strategy_index, counts)`` returning an
        expression in the parameters; or an array of shape ``(m, C)`` of expressions.
    parameters : sequence of Parameter or str, or mapping
        The declared parameters, as for :class:`~deterrence.games.ParametricGame`. Every
        name used in a payoff must be declared.
    strategies : sequence of str, optional
        Labels of the shared strategies (required for a callable or an array; taken from
        the keys of a mapping).
    title : str, optional
    player_label : str, default "member"
        What a player is called (``"partner"``, ``"state"``); used in reports and in the
        columns of sweep tables.
    outcomes : Outcomes, optional
        How equilibria read in the analyst's words; patterns name ``player_label`` and the
        strategy every member plays. Kept by :meth:`substitute` and :meth:`replace`.

    Attributes
    ----------
    table : numpy.ndarray
        Read-only ``(m, C)`` object array of sympy expressions in the parameters:
        ``table[s, c]`` is the payoff of strategy ``s`` when the others' counts are
        ``count_profiles[c]``.
    expressions : tuple of sympy.Expr or None
        The per-strategy expressions in the count symbols, when given that way.

    Raises
    ------
    InvalidGameError
        On fewer than two players, undeclared or unknown symbols (listed), unparsable
        strings, non-finite constants, a table of the wrong shape or above
        :data:`~deterrence.games.anonymous.MAX_TABLE_ENTRIES` entries, bad labels; for
        expressions in the counts, also on parameters named like the count symbols or ``N``
        (they would be shadowed) and on expressions undefined at some count profile
        whatever the parameters (``x/k`` at ``k = 0``). Payoffs undefined only at some
        parameter values (``x/(k - y)``) are reported by :meth:`at` and :meth:`lambdify`.

    See Also
    --------
    ParametricAnonymousGame.at : fix the parameters, get an ``AnonymousGame``.
    deterrence.analysis.thresholds : where count equilibria and symmetric equilibria change.

    Notes
    -----
    With two strategies, everything the analysis layer needs is the vector of payoff
    differences :math:`D_k(\theta) = u(s_1, k; \theta) - u(s_2, k; \theta)`,
    :math:`k = 0, \dots, N-1` (:meth:`difference_expressions`): ":math:`j` of :math:`N`
    choose :math:`s_1`" is an equilibrium iff :math:`D_{j-1} \ge 0 \ge D_j`, and the
    symmetric equilibria are the roots in :math:`[0, 1]` of the Bernstein polynomial with
    coefficients :math:`D_k` (see :mod:`deterrence.solvers.anonymous`).

    Examples
    --------
    Five partners decide whether to honour a supply-sharing commitment; it succeeds once
    three honour; reneging carries an institutional penalty:

    >>> game = ParametricAnonymousGame(
    ...     5, lambda s, counts: ("value - cost" if counts[0] + 1 >= 3 else "-cost") if s == 0
    ...     else ("value - penalty" if counts[0] >= 3 else "-penalty"),
    ...     [Parameter("value", default=6), Parameter("cost", default=2),
    ...      Parameter("penalty", default=0, domain=(0, None))],
    ...     strategies=("honour", "renege"), player_label="partner")
    >>> game.parameter_names
    ('value', 'cost', 'penalty')
    >>> game.difference_expressions()
    (-cost + penalty, -cost + penalty, -cost + penalty + value, -cost + penalty, -cost + penalty)
    >>> game.at(penalty=3).payoff("honour", (2, 2))
    Fraction(4, 1)
    """

    #: The solution concept that answers questions about this game (``concept="auto"`` in
    #: :mod:`deterrence.analysis`).
    solution_concept = "anonymous"

    num_players: int
    payoffs: Any
    parameters: tuple[Parameter, ...] = ()
    strategies: tuple[str, ...] = None  # type: ignore[assignment]
    title: str = ""
    player_label: str = "member"
    outcomes: Outcomes | None = dataclasses.field(default=None, kw_only=True)

    if TYPE_CHECKING:
        table: np.ndarray = dataclasses.field(init=False)
        expressions: tuple[Any, ...] | None = dataclasses.field(init=False)

        def __init__(
            self,
            num_players: int,
            payoffs: Any,
            parameters: Any = (),
            strategies: Sequence[str] | None = None,
            title: str = "",
            player_label: str = "member",
            *,
            outcomes: Outcomes | None = None,
        ) -> None: ...

    def __post_init__(self) -> None:
        n = check_size_and_labels(self)
        if isinstance(self.payoffs, (AnonymousGame, ParametricAnonymousGame)):
            raise InvalidGameError(
                f"payoffs is a {type(self.payoffs).__name__}; use "
                "ParametricAnonymousGame.from_game for a game without parameters"
            )
        parameters = as_parameters(self.parameters)
        object.__setattr__(self, "parameters", parameters)
        names = [p.name for p in parameters]
        spec, labels = self.payoffs, self.strategies
        spec, labels = in_strategy_order(spec, labels)
        expressions = None
        if callable(spec) and not isinstance(spec, (np.ndarray, list, tuple)):
            if labels is None:
                raise InvalidGameError("a callable payoff needs the strategies labels")
            labels = check_strategy_labels(labels, len(tuple(labels)))
            table = self._table_from_callable(spec, len(labels), names)
        elif isinstance(spec, (list, tuple)) and spec and all(_is_scalar(e) for e in spec):
            if labels is None:
                labels = tuple(f"s{j + 1}" for j in range(len(spec)))
            labels = check_strategy_labels(labels, len(spec))
            self._check_size(len(labels))  # before any count profile is enumerated
            expressions = self._parse_strategy_expressions(spec, labels, names)
            table = None
        else:
            array = (
                np.asarray(spec, dtype=object)
                if not isinstance(spec, np.ndarray)
                else (spec.astype(object))
            )
            if array.ndim != 2:
                raise InvalidGameError(
                    f"payoffs has shape {array.shape}; expected one expression per strategy, a "
                    "callable, or an array of shape (num_strategies, num_count_profiles)"
                )
            if labels is None:
                labels = tuple(f"s{j + 1}" for j in range(array.shape[0]))
            labels = check_strategy_labels(labels, array.shape[0])
            size = self._check_size(len(labels))
            if array.shape[1] != size:
                raise InvalidGameError(
                    f"payoffs has shape {array.shape}; expected ({len(labels)}, {size}): one "
                    f"row per strategy and one column per count profile of the other "
                    f"{n - 1} players"
                )
            table = self._checked_table(array, names)
        self._check_size(len(labels))
        object.__setattr__(self, "strategies", labels)
        object.__setattr__(self, "expressions", expressions)
        if self.outcomes is not None:
            if not isinstance(self.outcomes, Outcomes):
                raise InvalidGameError(
                    f"outcomes is {self.outcomes!r}; expected an Outcomes object or None"
                )
            self.outcomes.check({self.player_label: labels})
        if table is not None:
            object.__setattr__(self, "table", readonly(table))
        object.__setattr__(self, "payoffs", spec if table is None else readonly(table))

    # ------------------------------------------------------------------ construction
    def _check_size(self, num_strategies: int) -> int:
        if num_strategies < 1:
            raise InvalidGameError("an anonymous game needs at least one strategy")
        size = num_count_profiles(self.num_players - 1, num_strategies)
        if size * num_strategies > MAX_TABLE_ENTRIES:
            raise InvalidGameError(
                f"an anonymous game with {self.num_players} players and {num_strategies} "
                f"strategies has {size} count profiles; at most {MAX_TABLE_ENTRIES} table "
                "entries are supported"
            )
        return size

    @staticmethod
    def _expression(value: Any, names: Sequence[str], what: str) -> sympy.Expr:
        expression = as_expression(value, names, what)
        if expression.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo):
            raise InvalidGameError(f"{what} is {expression}; payoffs must be finite")
        undeclared = sorted({s.name for s in expression.free_symbols} - set(names))
        if undeclared:
            raise InvalidGameError(
                f"{what} uses undeclared parameter(s) {undeclared}; declared parameters are "
                f"{list(names)}"
            )
        return expression

    def _checked_table(self, array: np.ndarray, names: Sequence[str]) -> np.ndarray:
        out = np.empty(array.shape, dtype=object)
        cache: dict[Any, sympy.Expr] = {}
        for index in np.ndindex(*array.shape):
            value = array[index]
            key = (type(value), value) if isinstance(value, (str, int, Fraction)) else None
            if key is not None and key in cache:
                out[index] = cache[key]
                continue
            what = f"payoff of strategy {index[0]} at count profile {index[1]}"
            expression = self._expression(value, names, what)
            if key is not None:
                cache[key] = expression
            out[index] = expression
        return out

    def _table_from_callable(
        self, function: Callable[..., Any], num_strategies: int, names: Sequence[str]
    ) -> np.ndarray:
        size = self._check_size(num_strategies)
        profiles = count_profiles(self.num_players - 1, num_strategies)
        raw = np.empty((num_strategies, size), dtype=object)
        for s in range(num_strategies):
            for c, counts in enumerate(profiles):
                raw[s, c] = function(s, tuple(int(x) for x in counts))
        return self._checked_table(raw, names)

    def _parse_strategy_expressions(
        self, spec: Sequence[Any], labels: Sequence[str], names: Sequence[str]
    ) -> tuple[sympy.Expr, ...]:
        from deterrence.games._expressions import symbol

        counts = _count_symbol_names(len(labels))
        clashes = sorted(set(names) & (set(counts) | {"N"}))
        if clashes:
            raise InvalidGameError(
                f"parameter name(s) {clashes} clash with the symbols of payoff expressions "
                f"(counts {sorted(counts)} and N, the number of players); rename the "
                "parameter(s)"
            )
        total = _total_symbol()
        out = []
        for label, entry in zip(labels, spec):
            what = f"payoff expression for strategy {label!r}"
            expression = as_expression(entry, [*names, *counts, "N"], what)
            replacements = {}
            for s in expression.free_symbols:
                name = str(s)
                if name in counts:
                    replacements[s] = counts[name]
                elif name == "N":
                    replacements[s] = total
                elif name in names:
                    replacements[s] = symbol(name)
                else:
                    allowed = sorted(counts) + ["N"] + list(names)
                    raise InvalidGameError(
                        f"{what} uses the unknown symbol {name!r}; expected counts, N or "
                        f"declared parameters {allowed}"
                    )
            expression = expression.xreplace(replacements)
            if expression.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo):
                raise InvalidGameError(f"{what} is {expression}; payoffs must be finite")
            out.append(expression)
        expressions = tuple(out)
        self._check_defined(expressions, labels)
        return expressions

    def _check_defined(self, expressions: Sequence[sympy.Expr], labels: Sequence[str]) -> None:
        """Reject expressions undefined at some count profile whatever the parameters.

        A vectorised float screen at two generic parameter points finds the profiles where
        an expression might be undefined (``x/k`` at ``k = 0``); each is then confirmed
        exactly with sympy, so no valid game is rejected.
        """
        m = len(labels)
        counts = list(_count_symbol_names(m).values())[:m]
        profiles = count_profiles(self.num_players - 1, m)
        columns = [profiles[:, j].astype(np.float64) for j in range(m)]
        symbols = [p.symbol for p in self.parameters]
        generic = [_generic_values(p) for p in self.parameters]
        total = {_total_symbol(): sympy.Integer(self.num_players)}
        for label, expression in zip(labels, expressions):
            bound = expression.xreplace(total)
            if not (bound.free_symbols & set(counts)):
                continue
            function = sympy.lambdify(counts + symbols, bound, modules="numpy")
            suspect = np.ones(len(profiles), dtype=bool)
            for point in zip(*generic) if generic else [()]:
                with np.errstate(all="ignore"):
                    try:
                        values = np.asarray(function(*columns, *point), dtype=complex)
                    except (TypeError, ValueError, ZeroDivisionError, OverflowError):
                        return  # cannot screen numerically; at() reports undefined payoffs
                values = np.broadcast_to(values, (len(profiles),))
                suspect &= ~(
                    np.isfinite(values) & (np.abs(values.imag) <= 1e-12 * (1 + np.abs(values.real)))
                )
            for index in np.flatnonzero(suspect)[:50]:
                profile = profiles[index]
                value = bound.xreplace({c: sympy.Integer(int(x)) for c, x in zip(counts, profile)})
                if value.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo) or value.is_real is False:
                    where = ", ".join(f"{c}={int(x)}" for c, x in zip(counts, profile))
                    raise InvalidGameError(
                        f"payoff expression for strategy {label!r} ({expression}) is undefined "
                        f"when {where} (it gives {value} whatever the parameters)"
                    )

    @classmethod
    def from_game(cls, game: AnonymousGame) -> ParametricAnonymousGame:
        """An :class:`AnonymousGame` as a parametric game without parameters.

        Examples
        --------
        >>> base = AnonymousGame(3, [[0, 1, 2], [1, 1, 1]], strategies=("a", "b"))
        >>> ParametricAnonymousGame.from_game(base).at() == base
        True
        """
        if not isinstance(game, AnonymousGame):
            raise InvalidGameError(f"expected an AnonymousGame, got {type(game).__name__}")
        table = np.empty(game.table.shape, dtype=object)
        for index in np.ndindex(*table.shape):
            value = game.table[index]
            table[index] = (
                sympy.Rational(value.numerator, value.denominator)
                if isinstance(value, Fraction)
                else sympy.Float(float(value))
            )
        return cls(
            game.num_players,
            table,
            (),
            strategies=game.strategies,
            title=game.title,
            player_label=game.player_label,
        )

    # ------------------------------------------------------------------ basic facts
    @property
    def num_strategies(self) -> int:
        """Number of shared strategies ``m``."""
        return len(self.strategies)

    @cached_property
    def count_profiles(self) -> np.ndarray:
        """Read-only ``(C, m)`` array of the others' count profiles (the table's columns)."""
        return readonly(count_profiles(self.num_players - 1, self.num_strategies))

    @property
    def players(self) -> tuple[str, ...]:
        """Player labels of the expanded normal form (``"partner 1"``, ...)."""
        return tuple(f"{self.player_label} {i + 1}" for i in range(self.num_players))

    def __getattr__(self, name: str) -> Any:
        # ``table`` is built lazily from per-strategy expressions (thousands of players)
        if name == "table":
            table = self._table_from_expressions()
            object.__setattr__(self, "table", table)
            return table
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def _table_from_expressions(self) -> np.ndarray:
        assert self.expressions is not None
        counts = list(_count_symbol_names(self.num_strategies).values())[: self.num_strategies]
        total = _total_symbol()
        table = np.empty((self.num_strategies, len(self.count_profiles)), dtype=object)
        for s, expression in enumerate(self.expressions):
            expression = expression.xreplace({total: sympy.Integer(self.num_players)})
            for c, profile in enumerate(self.count_profiles):
                table[s, c] = expression.xreplace(
                    {symbol: sympy.Integer(int(x)) for symbol, x in zip(counts, profile)}
                )
        return readonly(table)

    def difference_expressions(self) -> tuple[sympy.Expr, ...]:
        r"""For two strategies: :math:`D_k = u(s_1, k) - u(s_2, k)`, :math:`k = 0..N-1`.

        Returns
        -------
        tuple of sympy.Expr
            One expression in the parameters per number :math:`k` of other players choosing
            the first strategy.

        Raises
        ------
        UnsupportedGameError
            For more than two strategies.

        Examples
        --------
        >>> game = ParametricAnonymousGame(3, {"a": "x*k", "b": "1"}, ["x"])
        >>> game.difference_expressions()
        (-1, x - 1, 2*x - 1)
        """
        if self.num_strategies != 2:
            raise UnsupportedGameError(
                f"difference_expressions needs two strategies; this game has {self.num_strategies}"
            )
        cached = self.__dict__.get("_differences")
        if cached is None and self.expressions is not None:
            difference, k = self.difference_in_counts()
            polynomial = difference.is_polynomial(k)
            out = []
            for j in range(self.num_players):
                value = difference.xreplace({k: sympy.Integer(j)})
                out.append(value if polynomial else sympy.expand(value))
            cached = tuple(out)
            object.__setattr__(self, "_differences", cached)
        if cached is None:
            cache: dict[Any, sympy.Expr] = {}
            out = []
            for a, b in zip(self.table[0], self.table[1]):
                key = (a, b)
                if key not in cache:
                    cache[key] = sympy.expand(a - b)
                out.append(cache[key])
            cached = tuple(out)
            object.__setattr__(self, "_differences", cached)
        return cached

    def difference_in_counts(self) -> tuple[sympy.Expr, sympy.Symbol]:
        r"""For two strategies given by expressions: :math:`D(k)` as one expression in ``k``.

        Returns
        -------
        (sympy.Expr, sympy.Symbol)
            The expanded difference :math:`u(s_1, k) - u(s_2, k)` (``N`` replaced by the
            number of players, ``k2`` by :math:`N - 1 - k`) and the count symbol ``k``.

        Raises
        ------
        UnsupportedGameError
            For more than two strategies or payoffs not given as expressions.

        Examples
        --------
        >>> game = ParametricAnonymousGame(4, {"a": "x*k/(N - 1)", "b": "k2"}, ["x"])
        >>> game.difference_in_counts()
        (k1*x/3 + k1 - 3, k1)
        """
        if self.num_strategies != 2 or self.expressions is None:
            raise UnsupportedGameError(
                "difference_in_counts needs two strategies given as expressions in the counts"
            )
        cached = self.__dict__.get("_difference_in_counts")
        if cached is None:
            counts = list(_count_symbol_names(2).values())[:2]
            n = self.num_players - 1
            bound = [
                e.xreplace({_total_symbol(): sympy.Integer(self.num_players)})
                for e in self.expressions
            ]
            difference = (bound[0] - bound[1]).xreplace({counts[1]: n - counts[0]})
            cached = (sympy.expand(difference), counts[0])
            object.__setattr__(self, "_difference_in_counts", cached)
        return cached

    # ------------------------------------------------------------------ evaluation
    def at(self, **values: Any) -> AnonymousGame:
        """The anonymous game at one parameter point.

        Parameters
        ----------
        **values
            One value per parameter (numbers or strings like ``"1/2"``); missing ones take
            their defaults.

        Returns
        -------
        AnonymousGame
            Its payoff table (the game keeps no expressions): exact (``Fraction`` payoffs)
            when every value and payoff is rational, ``float64`` as soon as one is not.

        Raises
        ------
        InvalidGameError
            On unknown names, missing values without defaults, values outside a domain or
            payoffs undefined at the point.

        Examples
        --------
        >>> game = ParametricAnonymousGame(3, {"a": "x*k", "b": "1"},
        ...                                [Parameter("x", default=1)])
        >>> game.at(x="1/2").table[0].tolist()
        [Fraction(0, 1), Fraction(1, 2), Fraction(1, 1)]
        """
        point = self.resolve(values)
        where = ", ".join(f"{n}={format_value(v)}" for n, v in point.items())
        if self.expressions is not None:
            table = self._evaluate_expressions(point, where)
            try:
                return AnonymousGame(
                    self.num_players,
                    table,
                    strategies=self.strategies,
                    title=self.title,
                    player_label=self.player_label,
                )
            except InvalidGameError as exc:
                raise InvalidGameError(f"payoffs at {where}: {exc}") from None
        unique: dict[Any, Any] = {}
        flat = np.empty(self.table.size, dtype=object)
        for k, expression in enumerate(self.table.reshape(-1)):
            if expression not in unique:
                try:
                    unique[expression] = compile_expression(expression)(point)
                except (ZeroDivisionError, ValueError, TypeError, OverflowError) as exc:
                    raise InvalidGameError(
                        f"payoff {expression} is undefined at {where}: {exc}"
                    ) from None
            flat[k] = unique[expression]
        if any(isinstance(v, float) for v in flat):
            flat = np.array([float(v) for v in flat], dtype=np.float64)
        try:
            return AnonymousGame(
                self.num_players,
                flat.reshape(self.table.shape),
                strategies=self.strategies,
                title=self.title,
                player_label=self.player_label,
            )
        except InvalidGameError as exc:
            raise InvalidGameError(f"payoffs at {where}: {exc}") from None

    def _evaluate_expressions(self, point: Mapping[str, Any], where: str) -> np.ndarray:
        """The payoff table at a resolved point, from the per-strategy expressions.

        Each expression is bound to the point and compiled once into Python code that keeps
        rationals as ``Fraction``; it is then run on every count profile (fast at thousands
        of players). The table is exact unless some value or payoff is a float.
        """
        m = self.num_strategies
        counts = list(_count_symbol_names(m).values())[:m]
        bindings: dict[Any, Any] = {_total_symbol(): sympy.Integer(self.num_players)}
        for name, value in point.items():
            bindings[self.parameter(name).symbol] = (
                sympy.Rational(value.numerator, value.denominator)
                if isinstance(value, Fraction)
                else sympy.Float(float(value))
            )
        profiles = [tuple(int(x) for x in row) for row in self.count_profiles.tolist()]
        rows = []
        exact = True
        assert self.expressions is not None
        for label, expression in zip(self.strategies, self.expressions):
            bound = expression.xreplace(bindings)
            what = f"payoff of strategy {label!r} ({expression})"
            if bound.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo):
                raise InvalidGameError(f"{what} is undefined at {where}")
            function = exact_lambdify(counts, bound)
            row: list[Any] = []
            for profile in profiles:
                try:
                    value = function(*profile)
                except (ZeroDivisionError, ValueError, TypeError, OverflowError) as exc:
                    raise InvalidGameError(
                        f"{what} is undefined at {where} and counts {profile}: {exc}"
                    ) from None
                if isinstance(value, (int, Fraction)) and not isinstance(value, bool):
                    row.append(Fraction(value))
                    continue
                if isinstance(value, sympy.Basic) and value.is_Rational:
                    row.append(Fraction(int(value.p), int(value.q)))
                    continue
                try:
                    number = float(value)
                except (TypeError, ValueError):
                    number = math.nan
                if not math.isfinite(number):
                    raise InvalidGameError(
                        f"{what} is {value} at {where} and counts {profile}; payoffs must be "
                        "finite real numbers"
                    )
                exact = False
                row.append(number)
            rows.append(row)
        if exact:
            table = np.empty((m, len(profiles)), dtype=object)
            table[:] = rows
            return table
        return np.array([[float(v) for v in row] for row in rows], dtype=np.float64)

    def to_normal_form(self, **values: Any) -> Any:
        """The expanded normal form at one point (small N only): ``at(**values).to_normal_form()``.

        Examples
        --------
        >>> ParametricAnonymousGame(3, {"a": "x*k", "b": "1"}, {"x": 2}).to_normal_form(
        ...     ).num_strategies
        (2, 2, 2)
        """
        return self.at(**values).to_normal_form()

    def to_parametric_normal_form(
        self, *, max_entries: int = MAX_NORMAL_FORM_ENTRIES
    ) -> ParametricGame:
        """The expanded N-player :class:`ParametricGame` (symbolic payoffs, small N only).

        Parameters
        ----------
        max_entries : int
            Refuse when ``N * m**N`` exceeds this.

        Returns
        -------
        ParametricGame
            Players ``"<player_label> 1"``, ..., each with the shared strategies.

        Raises
        ------
        UnsupportedGameError
            When the normal form would be too large.

        Examples
        --------
        >>> game = ParametricAnonymousGame(3, {"a": "x*k", "b": "1"}, ["x"])
        >>> normal = game.to_parametric_normal_form()
        >>> normal.players, normal.payoffs[0, 0, 0, 1]
        (('member 1', 'member 2', 'member 3'), x)
        """
        n, m = self.num_players, self.num_strategies
        entries = n * m**n
        if entries > max_entries:
            raise UnsupportedGameError(
                f"ParametricAnonymousGame with {n} players and {m} strategies expands to "
                f"{m}^{n} profiles ({entries} payoff entries > max_entries={max_entries}); the "
                "analysis layer handles the anonymous game directly at any size"
            )
        profiles = np.indices((m,) * n).reshape(n, -1).T
        totals = np.stack([(profiles == s).sum(axis=1) for s in range(m)], axis=1)
        base = AnonymousGame(
            n, np.zeros((m, len(self.count_profiles)), dtype=np.int64), strategies=self.strategies
        )
        payoffs = np.empty((n, m**n), dtype=object)
        for i in range(n):
            own = profiles[:, i]
            others = totals.copy()
            others[np.arange(len(own)), own] -= 1
            columns = [base.count_index(row) for row in others]
            payoffs[i] = self.table[own, columns]
        return ParametricGame(
            payoffs.reshape((n,) + (m,) * n),
            self.parameters,
            players=self.players,
            strategies=(self.strategies,) * n,
            title=self.title,
        )

    def substitute(self, **values: Any) -> ParametricAnonymousGame:
        """Fix some parameters and keep the others symbolic.

        Parameters
        ----------
        **values
            Numbers (validated against the domains), strings, or expressions in the
            remaining parameters.

        Returns
        -------
        ParametricAnonymousGame
            Without the substituted parameters.

        Raises
        ------
        InvalidGameError
            On unknown names or values outside a domain.

        Examples
        --------
        >>> game = ParametricAnonymousGame(3, {"a": "x*k + y", "b": "1"}, ["x", "y"])
        >>> game.substitute(x=2).difference_expressions()
        (y - 1, y + 1, y + 3)
        """
        unknown = sorted(set(values) - set(self.parameter_names))
        if unknown:
            raise InvalidGameError(unknown_names("parameter", unknown, self.parameter_names))
        if not values:
            return self
        # each value is parsed and validated as ParametricGame.substitute does
        mapping = {}
        remaining = [p for p in self.parameters if p.name not in values]
        for name, value in values.items():
            probe = ParametricGame(
                np.array([[self.parameter(name).symbol]], dtype=object), self.parameters
            )
            mapping[self.parameter(name).symbol] = probe.substitute(**{name: value}).payoffs[0, 0]
        if self.expressions is not None:
            payoffs: Any = [e.xreplace(mapping) for e in self.expressions]
        else:
            unique = {e: e.xreplace(mapping) for e in set(self.table.reshape(-1))}
            payoffs = np.vectorize(unique.__getitem__, otypes=[object])(self.table)
        return ParametricAnonymousGame(
            self.num_players,
            payoffs,
            tuple(remaining),
            strategies=self.strategies,
            title=self.title,
            player_label=self.player_label,
            outcomes=self.outcomes,
        )

    def lambdify(self) -> Callable[..., np.ndarray]:
        """A vectorised numpy evaluator of the whole table, compiled once.

        Returns
        -------
        callable
            ``evaluate(**values)`` taking 1-D arrays (or scalars) per parameter, defaults
            filling missing ones, returning a ``float64`` array of shape ``(m, C, P)`` for
            ``P`` points. Values outside a domain raise :class:`InvalidGameError`.

        Examples
        --------
        >>> import numpy as np
        >>> game = ParametricAnonymousGame(3, {"a": "x*k", "b": "1"}, {"x": 1})
        >>> game.lambdify()(x=np.array([0.0, 2.0]))[0].tolist()
        [[0.0, 0.0], [0.0, 2.0], [0.0, 4.0]]
        """
        cached = self.__dict__.get("_lambdified")
        if cached is not None:
            return cached
        names = self.parameter_names
        symbols = [p.symbol for p in self.parameters]
        checker = ParametricGame(np.zeros((1, 1), dtype=object), self.parameters).lambdify()
        m, size = self.num_strategies, len(self.count_profiles)
        if self.expressions is not None:
            counts = list(_count_symbol_names(m).values())[:m]
            total = _total_symbol()
            bound = [e.xreplace({total: sympy.Integer(self.num_players)}) for e in self.expressions]
            function = sympy.lambdify(counts + symbols, bound, modules="numpy")
            profiles = self.count_profiles.astype(np.float64)

            def table_at(arrays: list[np.ndarray], count: int) -> np.ndarray:
                columns = [profiles[:, j][:, None] for j in range(m)]
                with np.errstate(all="ignore"):
                    rows = function(*columns, *[a[None, :] for a in arrays])
                out = np.empty((m, size, count))
                for s, row in enumerate(rows):
                    out[s] = np.broadcast_to(np.asarray(row, dtype=np.float64), (size, count))
                return out
        else:
            flat = self.table.reshape(-1)
            unique = list(dict.fromkeys(flat))
            position = {e: k for k, e in enumerate(unique)}
            index = np.array([position[e] for e in flat], dtype=np.int64)
            function = sympy.lambdify(symbols, unique, modules="numpy", cse=True)

            def table_at(arrays: list[np.ndarray], count: int) -> np.ndarray:
                with np.errstate(all="ignore"):
                    values = function(*arrays)
                stacked = np.empty((len(unique), count))
                for k, value in enumerate(values):
                    stacked[k] = np.broadcast_to(np.asarray(value, dtype=np.float64), (count,))
                return stacked[index].reshape(m, size, count)

        defaults = self.defaults

        def evaluate(**values: Any) -> np.ndarray:
            lengths = {}
            for name, value in values.items():
                shape = np.shape(value)
                if len(shape) > 1:
                    raise InvalidGameError(
                        f"values of {name!r} have shape {shape}; give a scalar or a 1-D array"
                    )
                if shape:
                    lengths[name] = shape[0]
            if len(set(lengths.values()) - {1}) > 1:
                raise InvalidGameError(
                    f"values have different lengths {lengths}; give scalars or 1-D arrays of "
                    "one common length"
                )
            checker(**values)  # names, finiteness and domains, with the usual messages
            arrays = []
            for name in names:
                if name in values:
                    arrays.append(np.atleast_1d(np.asarray(values[name], dtype=np.float64)))
                elif name in defaults:
                    arrays.append(np.atleast_1d(np.asarray(float(defaults[name]))))
                else:
                    raise InvalidGameError(f"parameter {name!r} has no default; give values")
            count = int(np.broadcast_shapes(*(a.shape for a in arrays))[0]) if arrays else 1
            arrays = [np.broadcast_to(a, (count,)).astype(np.float64) for a in arrays]
            out = table_at(arrays, count)
            bad = ~np.isfinite(out)
            if bad.any():
                s, c, point = (int(i[0]) for i in np.nonzero(bad))
                where = ", ".join(f"{n}={float(a[point]):g}" for n, a in zip(names, arrays))
                raise InvalidGameError(
                    f"payoff of strategy {self.strategies[s]!r} at count profile "
                    f"{tuple(int(x) for x in self.count_profiles[c])} is not finite at {where}"
                )
            return out

        object.__setattr__(self, "_lambdified", evaluate)
        return evaluate

    # ------------------------------------------------------------------ dunder
    def replace(self, **changes: Any) -> ParametricAnonymousGame:
        """A copy with some fields changed (validated again).

        Examples
        --------
        >>> game = ParametricAnonymousGame(3, {"a": "x*k", "b": "1"}, ["x"])
        >>> game.replace(num_players=5).num_players
        5
        """
        fields: dict[str, Any] = {
            "num_players": self.num_players,
            "payoffs": list(self.expressions) if self.expressions is not None else self.table,
            "parameters": self.parameters,
            "strategies": self.strategies,
            "title": self.title,
            "player_label": self.player_label,
            "outcomes": self.outcomes,
        }
        unknown = set(changes) - set(fields)
        if unknown:
            raise InvalidGameError(f"unknown fields {sorted(unknown)}; fields are {list(fields)}")
        if "num_players" in changes and self.expressions is None and "payoffs" not in changes:
            raise InvalidGameError(
                "this game's payoffs are a table for a fixed number of players; give new "
                "payoffs together with num_players"
            )
        fields.update(changes)
        return ParametricAnonymousGame(**fields)

    def __getstate__(self) -> dict[str, Any]:
        state = {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}
        state["expressions"] = self.expressions
        if self.expressions is None:
            state["table"] = self.table
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        for key, value in state.items():
            object.__setattr__(self, key, value)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ParametricAnonymousGame):
            return NotImplemented
        if (self.num_players, self.strategies, self.parameters) != (
            other.num_players,
            other.strategies,
            other.parameters,
        ):
            return False
        if self.expressions is not None and other.expressions is not None:
            # equal expressions (after N and the last count are eliminated) need no table
            m, n = self.num_strategies, self.num_players
            counts = list(_count_symbol_names(m).values())[:m]
            eliminate = {
                _total_symbol(): sympy.Integer(n),
                counts[-1]: n - 1 - sum(counts[:-1], sympy.Integer(0)),
            }
            if all(
                sympy.expand(a.xreplace(eliminate) - b.xreplace(eliminate)) == 0
                for a, b in zip(self.expressions, other.expressions)
            ):
                return True
        return all(
            a == b or sympy.simplify(a - b) == 0
            for a, b in zip(self.table.reshape(-1), other.table.reshape(-1))
        )

    def __hash__(self) -> int:
        return hash((self.num_players, self.strategies, self.parameter_names))

    def __repr__(self) -> str:
        title = f"{self.title!r}, " if self.title else ""
        return (
            f"<ParametricAnonymousGame {title}{self.num_players} players, "
            f"parameters={list(self.parameter_names)}, strategies={list(self.strategies)}>"
        )

    def _repr_html_(self) -> str:
        """Size, parameters and payoff formulas as HTML for Jupyter."""
        from deterrence.display import anonymous_game_to_html

        return anonymous_game_to_html(self)

    def __str__(self) -> str:
        lines = [self.title] if self.title else []
        lines.append(
            f"{self.num_players} {plural(self.player_label)}; parameters: "
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
        if self.expressions is not None:
            for label, expression in zip(self.strategies, self.expressions):
                lines.append(f"{label}: {expression}")
        elif self.num_strategies == 2:
            lines.append(
                f"payoffs when k of the other {self.num_players - 1} choose {self.strategies[0]}:"
            )
            for k in range(self.table.shape[1]):
                lines.append(
                    f"  k={k}: {self.strategies[0]} {self.table[0, k]}; "
                    f"{self.strategies[1]} {self.table[1, k]}"
                )
        else:
            lines.append(f"a table of {self.table.shape[1]} count profiles")
        return "\n".join(lines)
