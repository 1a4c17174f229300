r"""Anonymous (symmetric) N-player games: payoffs depend on own choice and on counts.

An *anonymous game* (Milchtaich 1996; Daskalakis & Papadimitriou 2007) has :math:`N`
players who share one finite strategy set :math:`S = \{s_1, \dots, s_m\}`. A player's payoff
depends only on its own strategy :math:`s` and on the *counts* of the others' choices,
:math:`c = (c_1, \dots, c_m)` with :math:`\sum_j c_j = N - 1`:

.. math:: u(s, c), \qquad s \in S, \quad c \in \Delta_{N-1} = \{c \in \mathbb{Z}_{\ge 0}^m :
          \textstyle\sum_j c_j = N - 1\}.

The whole game is one table of :math:`m \binom{N + m - 2}{m - 1}` numbers instead of the
:math:`N m^N` of its normal form, which is why coalitions of thousands stay tractable (see
:mod:`deterrence.solvers.anonymous`). With two strategies the count is a single number
:math:`k \in \{0, \dots, N - 1\}`: how many of the *others* choose the first strategy
("k others honour the supply-sharing commitment").

Payoffs can be given as

* an array of shape ``(m, C)`` whose column ``c`` follows :attr:`AnonymousGame.count_profiles`
  (for two strategies: shape ``(2, N)``, column ``k`` = ``k`` others choose the first strategy);
* one sympy expression (or a string, parsed safely) per strategy in the count symbols
  ``k1, ..., km`` (``k`` is ``k1`` when ``m = 2``), the number of players ``N`` and named
  ``parameters``;
* a callable ``payoff(strategy_index, counts) -> number``.

References
----------
.. [1] I. Milchtaich, "Congestion games with player-specific payoff functions",
   *Games and Economic Behavior* 13 (1996) 111-124.
.. [2] C. Daskalakis and C. H. Papadimitriou, "Computing equilibria in anonymous games",
   FOCS 2007, 83-93.
"""

from __future__ import annotations

import dataclasses
import itertools
import math
from collections.abc import Callable, Mapping, Sequence
from fractions import Fraction
from functools import cached_property
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import numpy as np

from deterrence.exceptions import InvalidGameError, InvalidProfileError
from deterrence.games._numbers import as_float_array, as_payoff_array, readonly, to_fraction

__all__ = ["AnonymousGame", "MAX_TABLE_ENTRIES", "MAX_NORMAL_FORM_ENTRIES"]

#: Largest payoff table (strategies x count profiles) an AnonymousGame will build.
MAX_TABLE_ENTRIES = 5_000_000
#: Default limit on ``num_players * m**num_players`` for :meth:`AnonymousGame.to_normal_form`.
MAX_NORMAL_FORM_ENTRIES = 2**22


def num_count_profiles(total: int, parts: int) -> int:
    """Number of count profiles: compositions of ``total`` into ``parts`` non-negative parts.

    Examples
    --------
    >>> num_count_profiles(3, 3)
    10
    """
    return math.comb(total + parts - 1, parts - 1)


def count_profiles(total: int, parts: int) -> np.ndarray:
    """All compositions of ``total`` into ``parts`` non-negative parts, lexicographic order.

    Examples
    --------
    >>> count_profiles(2, 3).tolist()
    [[0, 0, 2], [0, 1, 1], [0, 2, 0], [1, 0, 1], [1, 1, 0], [2, 0, 0]]
    """
    if parts == 1:
        return np.array([[total]], dtype=np.int64)
    if parts == 2:
        first = np.arange(total + 1, dtype=np.int64)
        return np.stack([first, total - first], axis=1)
    rows = []
    for bars in itertools.combinations(range(total + parts - 1), parts - 1):
        previous = -1
        row = []
        for bar in bars:
            row.append(bar - previous - 1)
            previous = bar
        row.append(total + parts - 2 - previous)
        rows.append(row)
    out = np.array(rows, dtype=np.int64)
    order = np.lexsort(out.T[::-1])
    return out[order]


def _count_symbols(num_strategies: int) -> list[Any]:
    import sympy

    return [
        sympy.Symbol(f"k{j + 1}", integer=True, nonnegative=True) for j in range(num_strategies)
    ]


def _fraction_lambdify(arguments: Sequence[Any], expression: Any) -> Callable[..., Any]:
    """Compile a sympy expression to Python code that keeps rationals as ``Fraction``."""
    import sympy
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


@dataclasses.dataclass(frozen=True, eq=False, repr=False)
class AnonymousGame:
    r"""An anonymous N-player game: payoff of each strategy given the others' counts.

    Parameters
    ----------
    num_players : int
        Number of players :math:`N \ge 2`.
    payoffs : array_like, mapping, sequence of expressions or callable
        The payoff of each strategy given the counts of the others' choices: an array of
        shape ``(m, C)`` (``(2, N)`` for two strategies; column ``k`` = ``k`` others choose
        the first strategy), a mapping or sequence of sympy expressions or strings (one
        per strategy) in ``k1, ..., km`` (``k`` for ``k1`` when ``m = 2``), ``N`` and the
        ``parameters``, or a callable ``payoff(strategy_index, counts)`` with ``counts`` a
        tuple of ``m`` ints. With two strategies the payoffs may also be steps: one mapping
        ``{count: payoff}`` per strategy, each payoff holding from its count to the next
        listed one (counts from 0 to ``N - 1``, 0 included), e.g. ``{0: -c, K - 1: V - c}``
        for contributing to a threshold public good; each distinct payoff is then validated
        once, so a game of 10,000 members is built in one pass over its table.
    strategies : sequence of str, optional
        Labels of the shared strategies; default ``("s1", "s2", ...)``.
    parameters : mapping, optional
        Values of the named parameters used in expressions.
    title : str, optional
    player_label : str, default "member"
        Players are labelled ``"member 1", "member 2", ...`` in the normal form.

    Attributes
    ----------
    table : numpy.ndarray
        Read-only payoff table, shape ``(m, C)``: ``table[s, c]`` is the payoff of strategy
        ``s`` when the others' counts are ``count_profiles[c]``. ``Fraction`` objects when
        :attr:`is_exact`, else ``float64``.
    expressions : tuple of sympy.Expr or None
        The payoff expressions when given symbolically.

    Raises
    ------
    InvalidGameError
        On fewer than two players, a table of the wrong shape, NaN/inf payoffs, unknown
        symbols in expressions, missing parameters, or a table above
        :data:`MAX_TABLE_ENTRIES`.

    Notes
    -----
    Symmetric (anonymous) games were introduced by von Neumann & Morgenstern and studied
    in general by Milchtaich (1996); every finite symmetric game has a symmetric Nash
    equilibrium (Nash 1951), and the pure equilibria of anonymous games are count profiles
    (Daskalakis & Papadimitriou 2007).

    Examples
    --------
    A coalition of 5 members; honouring the supply-sharing commitment costs 1 and each
    other member who honours is worth 1/2 to everyone:

    >>> game = AnonymousGame(5, {"honour": "k/2 - 1", "defect": "k/2"},
    ...                      strategies=("honour", "defect"))
    >>> game.table.shape, game.is_exact
    ((2, 5), True)
    >>> game.payoff("honour", (4, 0))
    Fraction(1, 1)
    >>> game.to_normal_form().num_strategies
    (2, 2, 2, 2, 2)
    """

    #: The solution concept that answers questions about this game (``concept="auto"`` in
    #: :mod:`deterrence.analysis`).
    solution_concept = "anonymous"

    # Fields carry the types stored after ``__post_init__`` normalises them; the constructor
    # accepts broader input (any sequence of labels, ``None`` for defaults), as spelled out by
    # the type-checking-only ``__init__`` below.  The ``None`` defaults never survive
    # construction, hence the targeted ignores.
    num_players: int
    payoffs: Any
    strategies: tuple[str, ...] = None  # type: ignore[assignment]
    parameters: Mapping[str, Any] = None  # type: ignore[assignment]
    title: str = ""
    player_label: str = "member"

    if TYPE_CHECKING:
        # set in ``__post_init__``; not dataclass fields at runtime
        table: np.ndarray = dataclasses.field(init=False)
        expressions: tuple[Any, ...] | None = dataclasses.field(init=False)

        def __init__(
            self,
            num_players: int,
            payoffs: Any,
            strategies: Sequence[str] | None = None,
            parameters: Mapping[str, Any] | None = None,
            title: str = "",
            player_label: str = "member",
        ) -> None: ...

    def __post_init__(self) -> None:
        n = check_size_and_labels(self)
        parameters = dict(self.parameters or {})
        for name in parameters:
            if not isinstance(name, str):
                raise InvalidGameError(f"parameter names must be strings, got {name!r}")
        object.__setattr__(self, "parameters", MappingProxyType(parameters))
        spec = self.payoffs
        labels = self.strategies
        spec, labels = in_strategy_order(spec, labels)
        if callable(spec) and not isinstance(spec, (np.ndarray, list, tuple)):
            if labels is None:
                raise InvalidGameError("a callable payoff needs the strategies labels")
            num_strategies = len(labels)
            kind = "callable"
        elif (
            isinstance(spec, (list, tuple))
            and spec
            and all(isinstance(e, str) or hasattr(e, "free_symbols") for e in spec)
        ):
            num_strategies = len(spec)
            kind = "expressions"
        elif isinstance(spec, (list, tuple)) and spec and all(isinstance(e, Mapping) for e in spec):
            num_strategies = len(spec)
            kind = "steps"
        else:
            array, _ = as_payoff_array(spec, what="payoffs")
            if array.ndim != 2:
                raise InvalidGameError(
                    f"payoffs has shape {array.shape}; expected (num_strategies, num_count_"
                    f"profiles), e.g. (2, {n}) for two strategies"
                )
            num_strategies = array.shape[0]
            kind = "array"
        if num_strategies < 1:
            raise InvalidGameError("an anonymous game needs at least one strategy")
        if labels is None:
            labels = tuple(f"s{j + 1}" for j in range(num_strategies))
        labels = check_strategy_labels(labels, num_strategies)
        object.__setattr__(self, "strategies", labels)
        size = num_count_profiles(n - 1, num_strategies)
        if size * num_strategies > MAX_TABLE_ENTRIES:
            raise InvalidGameError(
                f"an anonymous game with {n} players and {num_strategies} strategies has "
                f"{size} count profiles; at most {MAX_TABLE_ENTRIES} table entries are supported"
            )
        expressions = None
        if kind == "array":
            if array.shape != (num_strategies, size):
                raise InvalidGameError(
                    f"payoffs has shape {array.shape}; expected ({num_strategies}, {size}): one "
                    f"row per strategy and one column per count profile of the other {n - 1} "
                    "players"
                )
            table = array
        elif kind == "callable":
            table = self._table_from_callable(spec, num_strategies, size)
        elif kind == "steps":
            table = self._table_from_steps(spec, size)
        else:
            expressions, table = self._table_from_expressions(spec, num_strategies)
        tabled = kind in ("array", "steps")
        object.__setattr__(self, "payoffs", readonly(table) if tabled else spec)
        object.__setattr__(self, "table", readonly(table))
        object.__setattr__(self, "expressions", expressions)

    # ------------------------------------------------------------------ construction
    def _table_from_callable(
        self, function: Callable[..., Any], num_strategies: int, size: int
    ) -> np.ndarray:
        values = []
        for s in range(num_strategies):
            for counts in self._profiles_for(num_strategies):
                values.append(function(s, tuple(int(c) for c in counts)))
        array, _ = as_payoff_array(values, what="payoffs returned by the callable")
        return array.reshape(num_strategies, size)

    def _table_from_steps(self, steps: Sequence[Mapping[Any, Any]], size: int) -> np.ndarray:
        # Each distinct payoff is validated once and repeated over its counts: one pass over
        # the table, whatever the number of players.
        if len(steps) != 2:
            raise InvalidGameError(
                f"step payoffs need two strategies (a step is at a count of the others "
                f"choosing the first); got {len(steps)} strategies"
            )
        values: list[Any] = []
        lengths: list[int] = []
        for label, step in zip(self.strategies, steps):
            counts = list(step)
            if (
                not all(
                    isinstance(c, (int, np.integer)) and not isinstance(c, bool) and 0 <= c < size
                    for c in counts
                )
                or 0 not in counts
            ):
                raise InvalidGameError(
                    f"step payoffs for strategy {label!r} start at the counts {counts}; "
                    f"expected integers from 0 to {size - 1}, including 0"
                )
            counts = sorted(int(c) for c in counts)
            values.extend(step[c] for c in counts)
            lengths.extend(end - start for start, end in zip(counts, [*counts[1:], size]))
        array, _ = as_payoff_array(values, what="step payoffs")
        return np.repeat(array, lengths).reshape(2, size)

    def _profiles_for(self, num_strategies: int) -> np.ndarray:
        return count_profiles(self.num_players - 1, num_strategies)

    def _table_from_expressions(
        self, spec: Sequence[Any], num_strategies: int
    ) -> tuple[tuple[Any, ...], np.ndarray]:
        import sympy

        from deterrence.games._expressions import parse_expression

        counts = _count_symbols(num_strategies)
        count_names = {str(c): c for c in counts}
        if num_strategies == 2:
            count_names["k"] = counts[0]
        total = sympy.Symbol("N", integer=True, positive=True)
        expressions = []
        for label, entry in zip(self.strategies, spec):
            expression = parse_expression(entry) if isinstance(entry, str) else sympy.sympify(entry)
            replacements = {}
            for symbol in expression.free_symbols:
                name = str(symbol)
                if name in count_names:
                    replacements[symbol] = count_names[name]
                elif name == "N":
                    replacements[symbol] = total
                elif name in self.parameters:
                    replacements[symbol] = sympy.Symbol(name)
                else:
                    allowed = sorted(count_names) + ["N"] + sorted(self.parameters)
                    raise InvalidGameError(
                        f"payoff expression for strategy {label!r} uses the unknown symbol "
                        f"{name!r}; expected counts, N or parameters {allowed}"
                    )
            expressions.append(expression.xreplace(replacements))
        values: dict[Any, Any] = {total: sympy.Integer(self.num_players)}
        exact = True
        for name, value in self.parameters.items():
            try:
                number = to_fraction(value, what=f"parameter {name!r}")
            except InvalidGameError:
                raise InvalidGameError(
                    f"parameter {name!r} is {value!r}; expected a number"
                ) from None
            if isinstance(value, (float, np.floating)):
                exact = False
                values[sympy.Symbol(name)] = sympy.Float(float(value))
            else:
                values[sympy.Symbol(name)] = sympy.Rational(number.numerator, number.denominator)
        profiles = self._profiles_for(num_strategies)
        rows = []
        for expression in expressions:
            bound = expression.xreplace(values)
            leftover = bound.free_symbols - set(counts)
            if leftover:
                raise InvalidGameError(
                    f"payoff expression {expression} has unbound symbols "
                    f"{sorted(map(str, leftover))}; give their values in parameters"
                )
            row = None
            if exact:
                function = _fraction_lambdify(counts, bound)
                try:
                    row = [function(*map(int, c)) for c in profiles]
                except (TypeError, ValueError, ZeroDivisionError, OverflowError) as exc:
                    raise InvalidGameError(
                        f"payoff expression {expression} cannot be evaluated: {exc}"
                    ) from None
                if not all(isinstance(v, (int, Fraction)) for v in row):
                    row = None
            if row is None:
                function = sympy.lambdify(counts, bound, modules="numpy")
                columns = [profiles[:, j].astype(float) for j in range(num_strategies)]
                with np.errstate(all="ignore"):
                    row = np.broadcast_to(
                        np.asarray(function(*columns), dtype=float), (len(profiles),)
                    ).tolist()
            rows.append(row)
        array, _ = as_payoff_array(rows, what="payoffs evaluated from the expressions")
        return tuple(expressions), array

    # ------------------------------------------------------------------ basic facts
    @property
    def num_strategies(self) -> int:
        """Number of shared strategies ``m``."""
        return int(self.table.shape[0])

    @property
    def is_exact(self) -> bool:
        """Whether payoffs are exact rationals."""
        return self.table.dtype == object

    @cached_property
    def float_table(self) -> np.ndarray:
        """The payoff table as read-only ``float64``."""
        return readonly(as_float_array(self.table)) if self.is_exact else self.table

    @cached_property
    def count_profiles(self) -> np.ndarray:
        """Read-only ``(C, m)`` array: the others' count profiles indexing the table columns."""
        return readonly(self._profiles_for(self.num_strategies))

    @property
    def players(self) -> tuple[str, ...]:
        """Player labels used by :meth:`to_normal_form`."""
        return tuple(f"{self.player_label} {i + 1}" for i in range(self.num_players))

    def strategy_index(self, strategy: int | str) -> int:
        """Index of a strategy given as index or label.

        Examples
        --------
        >>> AnonymousGame(3, [[0, 1, 2], [1, 1, 1]], strategies=("a", "b")).strategy_index("b")
        1
        """
        if isinstance(strategy, (int, np.integer)) and not isinstance(strategy, bool):
            if not 0 <= strategy < self.num_strategies:
                raise InvalidGameError(
                    f"strategy index {strategy} is out of range for {self.num_strategies} "
                    "strategies"
                )
            return int(strategy)
        if isinstance(strategy, str) and strategy in self.strategies:
            return self.strategies.index(strategy)
        raise InvalidGameError(
            f"unknown strategy {strategy!r}; strategies are {list(self.strategies)}"
        )

    def count_index(self, counts: Sequence[int]) -> int:
        """Column of the table for the others' counts ``counts`` (one entry per strategy).

        Examples
        --------
        >>> AnonymousGame(4, [[0, 1, 2, 3], [1, 1, 1, 1]]).count_index((2, 1))
        2
        """
        counts = tuple(int(c) for c in counts)
        if (
            len(counts) != self.num_strategies
            or min(counts) < 0
            or (sum(counts) != self.num_players - 1)
        ):
            raise InvalidProfileError(
                f"counts {counts} must be {self.num_strategies} non-negative integers summing "
                f"to {self.num_players - 1} (the other players)"
            )
        if self.num_strategies == 2:
            return counts[0]
        keys = self._count_keys
        key = self._key(np.array([counts]))[0]
        return int(np.searchsorted(keys, key))

    def _key(self, counts: np.ndarray) -> np.ndarray:
        base = self.num_players
        key = np.zeros(len(counts), dtype=np.int64)
        for j in range(self.num_strategies - 1):
            key = key * base + counts[:, j]
        return key

    @cached_property
    def _count_keys(self) -> np.ndarray:
        return self._key(self.count_profiles)

    def payoff(self, strategy: int | str, counts: Sequence[int]) -> Any:
        """Payoff of ``strategy`` when the others' counts are ``counts``.

        Examples
        --------
        >>> game = AnonymousGame(3, [[0, 1, 2], [5, 5, 5]], strategies=("a", "b"))
        >>> game.payoff("a", (2, 0))
        Fraction(2, 1)
        """
        return self.table[self.strategy_index(strategy), self.count_index(counts)]

    def payoff_difference(self) -> np.ndarray:
        r"""For two strategies, :math:`D(k) = u(s_1, k) - u(s_2, k)`, ``k = 0..N-1``.

        :math:`D` is the vector of Bernstein coefficients of the gain from the first strategy
        when each other player chooses it with probability :math:`p` (see
        :func:`deterrence.solvers.anonymous.solve_anonymous_symmetric`).

        Examples
        --------
        >>> AnonymousGame(3, [[0, 1, 2], [1, 1, 1]]).payoff_difference().tolist()
        [Fraction(-1, 1), Fraction(0, 1), Fraction(1, 1)]
        """
        self._require_two("payoff_difference")
        return readonly(np.asarray(self.table[0] - self.table[1]))

    def symmetric_payoffs(self, probabilities: Sequence[Any]) -> np.ndarray:
        r"""Expected payoff of each pure strategy when every other player mixes ``probabilities``.

        :math:`v_s(\sigma) = \sum_c u(s, c)\, \mathrm{Mult}(c; N - 1, \sigma)`, computed with
        log-multinomial weights (stable for thousands of players). Float result.

        Examples
        --------
        >>> game = AnonymousGame(3, [[0, 1, 2], [1, 1, 1]])
        >>> game.symmetric_payoffs([0.5, 0.5]).tolist()
        [1.0, 1.0]
        """
        sigma = np.asarray([float(to_fraction(p, what="probability")) for p in probabilities])
        if (
            sigma.shape != (self.num_strategies,)
            or (sigma < -1e-12).any()
            or abs(sigma.sum() - 1) > 1e-9
        ):
            raise InvalidProfileError(
                f"probabilities {list(probabilities)} must be a probability vector over the "
                f"{self.num_strategies} strategies {list(self.strategies)}"
            )
        weights = multinomial_weights(self.count_profiles, np.clip(sigma, 0, 1))
        return self.float_table @ weights

    # ------------------------------------------------------------------ conversion
    def to_normal_form(self, *, max_entries: int = MAX_NORMAL_FORM_ENTRIES) -> Any:
        """Expand into a :class:`~deterrence.games.NormalFormGame` (small N only).

        Parameters
        ----------
        max_entries : int
            Refuse when ``N * m**N`` exceeds this.

        Returns
        -------
        NormalFormGame

        Raises
        ------
        UnsupportedGameError
            When the normal form would be too large; the message names the anonymous
            solvers that work at any size.

        Examples
        --------
        >>> game = AnonymousGame(3, [[0, 1, 2], [1, 1, 1]], strategies=("honour", "defect"))
        >>> nfg = game.to_normal_form()
        >>> nfg.players, nfg.payoff_matrix(0)[0, 0, 1]
        (('member 1', 'member 2', 'member 3'), Fraction(1, 1))
        """
        from deterrence.exceptions import UnsupportedGameError
        from deterrence.games.normal_form import NormalFormGame

        n, m = self.num_players, self.num_strategies
        entries = n * m**n
        if entries > max_entries:
            raise UnsupportedGameError(
                f"AnonymousGame with {n} players and {m} strategies expands to {m}^{n} "
                f"profiles ({entries} payoff entries > max_entries={max_entries}); solve it "
                "as an AnonymousGame instead: deterrence.solvers.anonymous.solve_anonymous_pure"
                " and solve_anonymous_symmetric exploit anonymity and handle thousands of "
                "players"
            )
        profiles = np.indices((m,) * n).reshape(n, -1).T  # (m**n, n)
        totals = np.stack([(profiles == s).sum(axis=1) for s in range(m)], axis=1)
        payoffs = np.empty((n, m**n), dtype=self.table.dtype)
        for i in range(n):
            own = profiles[:, i]
            others = totals.copy()
            others[np.arange(len(own)), own] -= 1
            if m == 2:
                columns = others[:, 0]
            else:
                columns = np.searchsorted(self._count_keys, self._key(others))
            payoffs[i] = self.table[own, columns]
        payoffs = payoffs.reshape((n,) + (m,) * n)
        return NormalFormGame(
            payoffs,
            players=self.players,
            strategies=(self.strategies,) * n,
            title=self.title,
        )

    def replace(self, **changes: Any) -> AnonymousGame:
        """Return a copy with some fields changed (validated again).

        Examples
        --------
        >>> game = AnonymousGame(3, {"a": "k", "b": "1"})
        >>> game.replace(num_players=6).table.shape
        (2, 6)
        """
        fields: dict[str, Any] = {
            "num_players": self.num_players,
            "payoffs": self.expressions if self.expressions is not None else self.payoffs,
            "strategies": self.strategies,
            "parameters": dict(self.parameters),
            "title": self.title,
            "player_label": self.player_label,
        }
        unknown = set(changes) - set(fields)
        if unknown:
            raise InvalidGameError(f"unknown fields {sorted(unknown)}; fields are {list(fields)}")
        fields.update(changes)
        return AnonymousGame(**fields)

    def _require_two(self, what: str) -> None:
        if self.num_strategies != 2:
            from deterrence.exceptions import UnsupportedGameError

            raise UnsupportedGameError(
                f"{what} needs two strategies; this game has {self.num_strategies}"
            )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, AnonymousGame):
            return NotImplemented
        return (
            self.num_players == other.num_players
            and self.strategies == other.strategies
            and bool(np.all(self.table == other.table))
        )

    def __hash__(self) -> int:
        return hash((self.num_players, self.strategies, self.table.shape))

    def __repr__(self) -> str:
        title = f"{self.title!r}, " if self.title else ""
        kind = "exact" if self.is_exact else "float"
        return (
            f"<AnonymousGame {title}{self.num_players} players, {kind}, "
            f"strategies={list(self.strategies)}>"
        )

    def _repr_html_(self) -> str:
        """Size, strategies and payoff table (or formulas) as HTML for Jupyter."""
        from deterrence.display import anonymous_game_to_html

        return anonymous_game_to_html(self)


def in_strategy_order(spec: Any, labels: Any) -> tuple[Any, Any]:
    """A mapping ``strategy -> payoff`` as a list in strategy order (the keys give the labels
    when none are given); anything else is returned unchanged.

    Raises
    ------
    InvalidGameError
        If the mapping's keys are not exactly the strategy labels.

    Examples
    --------
    >>> in_strategy_order({"defect": "2*k", "honour": "k"}, ("honour", "defect"))
    (['k', '2*k'], ('honour', 'defect'))
    """
    if not isinstance(spec, Mapping):
        return spec, labels
    if labels is None:
        labels = tuple(spec)
    missing = [s for s in labels if s not in spec]
    extra = [s for s in spec if s not in labels]
    if missing or extra:
        raise InvalidGameError(
            f"payoffs has expressions for {list(spec)}; expected one for each strategy "
            f"{list(labels)}"
        )
    return [spec[s] for s in labels], labels


def check_size_and_labels(game: Any) -> int:
    """Validate ``num_players``, ``title`` and ``player_label`` of an anonymous game (plain
    or parametric) and store ``num_players`` as an int; return it.

    Raises
    ------
    InvalidGameError
        Naming the field that is wrong.

    Examples
    --------
    >>> from deterrence.games.anonymous_families import volunteers_dilemma
    >>> check_size_and_labels(volunteers_dilemma(5, benefit=2, cost=1))
    5
    """
    n = game.num_players
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 2:
        raise InvalidGameError(f"num_players is {n!r}; expected an integer >= 2")
    object.__setattr__(game, "num_players", int(n))
    if not isinstance(game.title, str):
        raise InvalidGameError(f"title must be a string, got {game.title!r}")
    if not isinstance(game.player_label, str) or not game.player_label.strip():
        raise InvalidGameError(
            f"player_label must be a non-empty string, got {game.player_label!r}"
        )
    return int(n)


def check_strategy_labels(labels: Any, expected: int) -> tuple[str, ...]:
    """Validate ``expected`` distinct non-empty strategy labels and return them as a tuple.

    Raises
    ------
    InvalidGameError
        If the count is wrong, a label is empty or not a string, or labels repeat.

    Examples
    --------
    >>> check_strategy_labels(["honour", "defect"], 2)
    ('honour', 'defect')
    """
    if isinstance(labels, str):
        raise InvalidGameError(f"strategies must be a sequence of labels, got {labels!r}")
    labels = tuple(labels)
    if len(labels) != expected:
        raise InvalidGameError(
            f"strategies has {len(labels)} labels {list(labels)}; expected {expected}"
        )
    for label in labels:
        if not isinstance(label, str) or not label.strip():
            raise InvalidGameError(
                f"strategies contains {label!r}; labels must be non-empty strings"
            )
    if len(set(labels)) != len(labels):
        raise InvalidGameError(f"strategies has duplicate labels {list(labels)}")
    return labels


def multinomial_weights(counts: np.ndarray, probabilities: np.ndarray) -> np.ndarray:
    r"""Multinomial probabilities of count profiles, via log weights.

    :math:`\Pr(c) = \frac{n!}{\prod_j c_j!} \prod_j \sigma_j^{c_j}`, evaluated as
    ``exp(gammaln(...) + sum c_j log sigma_j)`` so that thousands of trials do not overflow.

    Examples
    --------
    >>> multinomial_weights(np.array([[0, 2], [1, 1], [2, 0]]), np.array([0.5, 0.5])).tolist()
    [0.25, 0.5, 0.25]
    """
    from scipy.special import gammaln, xlogy

    counts = np.asarray(counts)
    total = counts.sum(axis=1)
    log_weight = gammaln(total + 1.0) - gammaln(counts + 1.0).sum(axis=1)
    log_weight = log_weight + xlogy(counts, probabilities[None, :]).sum(axis=1)
    impossible = ((probabilities[None, :] == 0) & (counts > 0)).any(axis=1)
    weights = np.exp(log_weight)
    weights[impossible] = 0.0
    return weights
