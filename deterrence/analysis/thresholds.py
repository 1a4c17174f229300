r"""Exact thresholds: the critical parameter values at which the equilibrium set changes.

For a parametric game :math:`G(\theta)` and one parameter :math:`t` (the others fixed or kept
symbolic), the equilibrium set can only change where

* a **pure best reply switches**: for some player :math:`i`, opponents' profile
  :math:`s_{-i}` and strategies :math:`a \ne b`,
  :math:`u_i(a, s_{-i}; t) - u_i(b, s_{-i}; t) = 0` (a pure equilibrium appears or
  disappears); or
* (two players) a **mixed equilibrium enters or leaves the simplex**: on a support pair
  :math:`(S_1, S_2)` with :math:`|S_1| = |S_2|` the indifference equations
  :math:`A_{S_1 S_2} y = v\mathbf{1},\ \mathbf{1}^\top y = 1` (and the same for :math:`x` with
  :math:`B`) have the solution :math:`y_j = \det M_j / \det M` by Cramer's rule; the
  equilibrium leaves when some :math:`y_j` crosses 0 (another probability then reaches 1),
  when a strategy outside the support becomes a best reply
  (:math:`A_{r S_2} y = v`), or when the system becomes singular (:math:`\det M = 0`).

Every candidate is solved exactly with sympy (numerators of rational functions, as
expressions of the other parameters); the candidates inside the parameter's domain are then
checked by solving the game just below and just above each one, and only those across which
the equilibrium structure (which equilibria exist, by support) really changes are kept. Each
kept threshold carries a sentence describing the change, generated from the structures on the
two sides.

References
----------
.. [1] B. von Stengel, "Computing equilibria for two-person games", *Handbook of Game Theory*
   vol. 3, 2002 (support enumeration, section 3).
.. [2] F. C. Zagare and D. M. Kilgour, *Perfect Deterrence*, Cambridge University Press, 2000
   (credibility thresholds in deterrence games).
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np
import sympy
from sympy.printing.str import StrPrinter

from deterrence.analysis import _anonymous
from deterrence.exceptions import InvalidGameError
from deterrence.games.parametric import ParametricGame
from deterrence.games.parametric import format_value as _fmt
from deterrence.games.parametric_anonymous import ParametricAnonymousGame

if TYPE_CHECKING:
    from deterrence.analysis.sweep import AnalysableGame

__all__ = ["Threshold", "thresholds", "structure_at", "format_expression"]


@dataclasses.dataclass(frozen=True)
class Threshold:
    """A critical value of one parameter at which the equilibrium set changes.

    Attributes
    ----------
    parameter : str
        The parameter that crosses the threshold.
    expression : sympy.Expr
        The critical value as an expression of the other (non-fixed) parameters.
    value : Fraction, float or None
        The critical value as a number when every other parameter is fixed (``Fraction``
        when rational), else ``None``.
    description : str
        What changes across the threshold, in words.
    below, above : tuple of str
        The equilibria (outcome labels) just below and just above.
    kind : str
        ``"pure"`` (a best reply switches), ``"mixed"`` (a mixed equilibrium enters or leaves
        the simplex) or ``"pure+mixed"``.
    players : tuple of str
        The players whose best replies or mixtures change.

    Examples
    --------
    >>> import sympy
    >>> t = Threshold("credibility", sympy.Rational(1, 4), Fraction(1, 4), "...", ("(a, b)",),
    ...               ("(c, b)",), "pure", ("coercer",))
    >>> float(t)
    0.25
    """

    parameter: str
    expression: sympy.Expr
    value: Any
    description: str
    below: tuple[str, ...] = ()
    above: tuple[str, ...] = ()
    kind: str = "pure"
    players: tuple[str, ...] = ()

    def __float__(self) -> float:
        if self.value is None:
            raise TypeError(
                f"threshold {self.parameter} = {self.expression} depends on other parameters; "
                "fix them (fixed=...) for a number"
            )
        return float(self.value)

    def __str__(self) -> str:
        return self.description

    def _repr_latex_(self) -> str:
        """The critical value as a LaTeX formula (Jupyter)."""
        from deterrence.display import threshold_to_latex

        return threshold_to_latex(self)

    def _repr_html_(self) -> str:
        """Formula, value and what changes across the threshold (Jupyter)."""
        from deterrence.display import threshold_to_html

        return threshold_to_html(self)


# ---------------------------------------------------------------------- helpers
def _to_number(value: sympy.Expr) -> Any:
    value = sympy.nsimplify(value) if value.is_Float else value
    if value.is_Rational:
        return Fraction(int(value.p), int(value.q))
    return float(value)


def _reference_value(parameter) -> Any:
    """A value for a parameter left symbolic: its default, else a point inside its domain."""
    if parameter.default is not None:
        return parameter.default
    if parameter.domain is None:
        return Fraction(1)
    low, high = parameter.domain
    if low is not None and high is not None:
        return (Fraction(low) + Fraction(high)) / 2 if not isinstance(low, float) else (
            (low + high) / 2)
    if low is not None:
        return low + 1
    if high is not None:
        return high - 1
    return Fraction(1)


def _roots(expression: sympy.Expr, variable: sympy.Symbol,
           reference: Mapping[sympy.Symbol, sympy.Expr] | None = None) -> list[sympy.Expr]:
    """Real roots in ``variable`` of ``expression = 0`` (numerator of a rational function).

    Degree 1 and 2 are solved symbolically in the other parameters; higher degrees and
    non-polynomial equations in several parameters are solved at the ``reference`` values of
    the others (numbers), which is all that is needed to locate and check the candidate.
    """
    if variable not in expression.free_symbols:
        return []
    pieces = _piecewise_pieces(expression, variable)
    if pieces is not None:
        out: list[sympy.Expr] = []
        for piece in pieces:
            out += _roots(piece, variable, reference)
        return out
    numerator = sympy.together(expression).as_numer_denom()[0]
    numerator = sympy.expand(numerator)
    if variable not in numerator.free_symbols:
        return []
    try:
        poly = sympy.Poly(numerator, variable)
    except sympy.PolynomialError:
        poly = None
    if poly is not None and all(
        not c.has(variable) for c in poly.all_coeffs()
    ):
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
            return [r for r in sympy.Poly(poly, variable).real_roots()]
        if reference is not None:
            return _roots(numerator.xreplace(reference), variable)
    if reference is not None and numerator.free_symbols - {variable}:
        return _roots(numerator.xreplace(reference), variable)
    try:
        return [r for r in sympy.solve(numerator, variable) if not r.has(sympy.I)]
    except (NotImplementedError, TypeError, ValueError):
        return []


#: Most smooth pieces a min/max/abs expression is split into when solving for roots.
MAX_PIECES = 64


def _piecewise_pieces(expression: sympy.Expr, variable: sympy.Symbol
                      ) -> list[sympy.Expr] | None:
    """For an expression with ``min``, ``max`` or ``abs`` of ``variable``: the smooth pieces
    (each choice of argument, each sign) and the break points' equations, whose roots
    together contain every root and every kink. ``None`` when there is nothing to split.

    Extra candidates are harmless: each is checked by solving either side of it.
    """
    kinks = [f for f in expression.atoms(sympy.Min, sympy.Max, sympy.Abs)
             if variable in f.free_symbols]
    if not kinks:
        return None
    inner = kinks[0]
    choices = list(inner.args) if not isinstance(inner, sympy.Abs) else [
        inner.args[0], -inner.args[0]]
    breaks = ([inner.args[0]] if isinstance(inner, sympy.Abs) else
              [a - b for a, b in itertools.combinations(inner.args, 2)])
    out = list(breaks)
    for choice in choices:
        piece = expression.xreplace({inner: choice})
        split = _piecewise_pieces(piece, variable)
        out += split if split is not None else [piece]
        if len(out) > MAX_PIECES:
            break
    return out[:MAX_PIECES]


def _candidates(game: AnalysableGame, variable: sympy.Symbol,
                reference: Mapping[sympy.Symbol, sympy.Expr] | None = None,
                domain: tuple[Any, Any] | None = None) -> list[tuple[sympy.Expr, dict]]:
    """Every candidate critical expression with where it came from (``domain`` lets
    anonymous games with thousands of players skip candidates outside it early)."""
    if isinstance(game, ParametricAnonymousGame):
        return _anonymous.candidates(game, variable, reference, domain)
    out: list[tuple[sympy.Expr, dict]] = []
    sizes = game.num_strategies
    # pure best-reply switches
    for i in range(game.num_players):
        others = [range(k) for j, k in enumerate(sizes) if j != i]
        for rest in itertools.product(*others):
            for a, b in itertools.combinations(range(sizes[i]), 2):
                profile_a = list(rest)
                profile_a.insert(i, a)
                profile_b = list(rest)
                profile_b.insert(i, b)
                difference = (game.payoffs[(i,) + tuple(profile_a)]
                              - game.payoffs[(i,) + tuple(profile_b)])
                for root in _roots(difference, variable, reference):
                    out.append((root, {"kind": "pure", "player": i, "strategies": (a, b),
                                       "others": tuple(rest), "difference": difference}))
    if game.num_players != 2:
        return out
    # mixed: support equations of both players on equal-size supports
    m, n = sizes
    matrices = (sympy.Matrix(game.payoffs[0].tolist()), sympy.Matrix(game.payoffs[1].tolist()))
    for k in range(2, min(m, n) + 1):
        for rows in itertools.combinations(range(m), k):
            for columns in itertools.combinations(range(n), k):
                # y (column player's mix) makes the row player indifferent on `rows`
                out += _support_candidates(matrices[0], rows, columns, variable, mixer=1,
                                           outside=[r for r in range(m) if r not in rows],
                                           reference=reference)
                # x (row player's mix) makes the column player indifferent on `columns`
                out += _support_candidates(matrices[1].T, columns, rows, variable, mixer=0,
                                           outside=[c for c in range(n) if c not in columns],
                                           reference=reference)
    return out


def _support_candidates(matrix: sympy.Matrix, indifferent: tuple[int, ...],
                        support: tuple[int, ...], variable: sympy.Symbol, *, mixer: int,
                        outside: list[int],
                        reference: Mapping[sympy.Symbol, sympy.Expr] | None = None
                        ) -> list[tuple[sympy.Expr, dict]]:
    k = len(support)
    block = matrix.extract(list(indifferent), list(support))
    system = sympy.zeros(k + 1, k + 1)
    system[:k, :k] = block
    system[:k, k] = -sympy.ones(k, 1)
    system[k, :k] = sympy.ones(1, k)
    rhs = sympy.zeros(k + 1, 1)
    rhs[k] = 1
    determinant = system.det(method="berkowitz")
    numerators = []
    for j in range(k + 1):
        replaced = system.copy()
        replaced[:, j] = rhs
        numerators.append(replaced.det(method="berkowitz"))
    out = []
    info = {"kind": "mixed", "player": mixer, "support": support, "indifferent": indifferent}
    for root in _roots(determinant, variable, reference):
        out.append((root, {**info, "event": "singular"}))
    for j in range(k):
        for root in _roots(numerators[j], variable, reference):
            out.append((root, {**info, "event": "zero", "strategy": support[j]}))
    for r in outside:
        binding = sum(matrix[r, support[j]] * numerators[j] for j in range(k)) - numerators[k]
        for root in _roots(binding, variable, reference):
            out.append((root, {**info, "event": "binding", "strategy": r}))
    return out


def _labels(game: Any, structure: Sequence[Any]) -> tuple[str, ...]:
    """The outcome labels of every equilibrium of a structure (from :func:`structure_at`)."""
    if isinstance(game, ParametricAnonymousGame):
        return _anonymous.labels(game, structure)
    return tuple(_label(game, s) for s in structure)


def _label(game: ParametricGame, supports: tuple[tuple[int, ...], ...]) -> str:
    parts = []
    for i, support in enumerate(supports):
        names = [game.strategies[i][k] for k in support]
        parts.append(names[0] if len(names) == 1 else "mix of " + " and ".join(
            [", ".join(names[:-1]), names[-1]] if len(names) > 2 else names))
    return "(" + ", ".join(parts) + ")"


def structure_at(game: AnalysableGame, points: Mapping[str, Any], *, method: str = "auto"
                 ) -> list[tuple[tuple[tuple[int, ...], ...], ...]]:
    """The equilibrium structure (the supports of every equilibrium) at a batch of points.

    Parameters
    ----------
    game : ParametricGame
    points : mapping
        ``{parameter: values}`` of equal lengths (all parameters, or defaults fill in).
    method : str
        ``"auto"`` (every extreme equilibrium of two-player games) or ``"pure"``.

    Returns
    -------
    list
        One entry per point: the sorted tuple of support profiles.

    Examples
    --------
    >>> from deterrence.games import ParametricGame
    >>> game = ParametricGame.from_matrices([["x", 0], [0, 1]], [[1, 0], [0, 1]], ["x"])
    >>> structure_at(game, {"x": [-1, 1]})
    [(((1,), (1,)),), (((0,), (0,)), ((0, 1), (0, 1)), ((1,), (1,)))]
    """
    from deterrence.analysis.sweep import SUPPORT_TOL, _as_parametric, _solve_raw

    game = _as_parametric(game)
    if isinstance(game, ParametricAnonymousGame):
        return _anonymous.structure_at(game, points, method=method)
    if points and not len(np.atleast_1d(next(iter(points.values())))):
        return []
    values = {name: np.atleast_1d(np.asarray(v, dtype=np.float64)) for name, v in points.items()}
    count = len(next(iter(values.values()))) if values else 1  # no parameters: one point
    for p in game.parameters:
        if p.name not in values:
            if p.default is None:
                raise InvalidGameError(f"parameter {p.name!r} has no value and no default")
            values[p.name] = np.full(count, float(p.default))
    _payoffs, rows, strategies = _solve_raw(game, values, method=method)
    inside = [s > SUPPORT_TOL for s in strategies]
    out: list[list] = [[] for _ in range(count)]
    for r, point in enumerate(rows):
        out[int(point)].append(tuple(tuple(np.flatnonzero(x[r]).tolist()) for x in inside))
    return [tuple(sorted(set(s))) for s in out]


def thresholds(game: AnalysableGame, parameter: str, *,
               fixed: Mapping[str, Any] | str | None = None,
               domain: tuple[Any, Any] | None = None, method: str = "auto"
               ) -> tuple[Threshold, ...]:
    """Exact critical values of one parameter at which the equilibrium set changes.

    Parameters
    ----------
    game : ParametricGame
        Or any game with ``to_normal_form()``: a ``NormalFormGame`` (no parameters) or a
        parametric ``ExtensiveFormGame``, analysed through its reduced strategic form.
    parameter : str
        The parameter to vary.
    fixed : mapping or "defaults", optional
        Values of (some of) the other parameters. Those not fixed stay symbolic: the
        thresholds are then expressions of them, and which candidates matter is decided at
        their defaults (or at a point inside their domains). ``"defaults"`` fixes every
        other parameter that has a default, so each threshold also has a numeric ``value``.
    domain : (low, high), optional
        The interval to search (default: the parameter's domain; unbounded if none).
    method : {"auto", "pure"}
        ``"pure"`` looks only at pure equilibria (what ``"auto"`` means for games with more
        than two players, whose mixed equilibria are not tracked; the sentences then speak
        of "pure equilibria").

    Returns
    -------
    tuple of Threshold
        In increasing order of value (at the reference values of the free parameters).

    Raises
    ------
    InvalidGameError
        Unknown parameter, ``fixed`` naming ``parameter`` itself or unknown names, values
        outside a domain.

    Notes
    -----
    Candidates are the zeros of pure payoff differences and, for two players, of the Cramer
    numerators and determinants of every equal-size support system (see the module
    docstring). Each candidate inside the domain is kept only if the structure of the
    equilibrium set (the supports of all equilibria) differs just below and just above it.
    The sentences name the best reply that switches (from the pure differences crossing
    zero) and the equilibria that appear or disappear.

    For an extensive-form game these are the thresholds of the *Nash* equilibria of its
    reduced strategic form, which include equilibria resting on non-credible threats (an
    unexecuted plan off the equilibrium path). For subgame-perfect (credibility) regions use
    :func:`deterrence.analysis.credibility.credibility`.

    Examples
    --------
    >>> from deterrence.games import Parameter, ParametricGame
    >>> game = ParametricGame.from_matrices(
    ...     [["(1 - credibility)*benefit - credibility*cost", "benefit"], [0, 0]],
    ...     [[-1, -3], [1, 0]],
    ...     [Parameter("credibility", domain=(0, 1)), Parameter("benefit", default=2),
    ...      Parameter("cost", default=6)],
    ...     players=("coercer", "coalition"),
    ...     strategies=(("coerce", "refrain"), ("share", "hoard")))
    >>> [t] = thresholds(game, "credibility")
    >>> t.expression, t.value
    (benefit/(benefit + cost), None)
    >>> print(t)
    above credibility = benefit/(benefit + cost), the coercer's best reply to share is refrain
    (rather than coerce); (refrain, share) becomes the unique equilibrium
    >>> thresholds(game, "credibility", fixed={"benefit": 2, "cost": 6})[0].value
    Fraction(1, 4)

    A parametric game tree is analysed through its reduced strategic form:

    >>> from deterrence.games.extensive import ExtensiveFormGame, decision, terminal
    >>> tree = ExtensiveFormGame.build(
    ...     players=("challenger", "defender"), parameters=[Parameter("resolve", domain=(0, 4))],
    ...     root=decision("challenger", {
    ...         "status quo": terminal(0, 0),
    ...         "challenge": decision("defender", {"retaliate": terminal(-1, "resolve - 2"),
    ...                                            "concede": terminal(1, -1)})}))
    >>> print(thresholds(tree, "resolve")[0])
    above resolve = 1, the defender's best reply to challenge is retaliate (rather than concede);
    (challenge, concede) disappears (equilibria: (status quo, retaliate) and (status quo, mix of
    retaliate and concede))

    Below ``resolve = 1`` the Nash equilibrium ``(status quo, retaliate)`` rests on a threat
    the defender would not carry out; :func:`~deterrence.analysis.credibility.credibility`
    finds the subgame-perfect regions.
    """
    from deterrence.analysis.sweep import _as_parametric, _resolve_method

    game = _as_parametric(game)
    target = game.parameter(parameter)
    if isinstance(fixed, str):
        if fixed != "defaults":
            raise InvalidGameError(
                f"fixed={fixed!r}; expected a mapping of parameter values or 'defaults'"
            )
        fixed = {name: value for name, value in game.defaults.items() if name != parameter}
    fixed = dict(fixed or {})
    if parameter in fixed:
        raise InvalidGameError(f"fixed= names {parameter!r}, the parameter being varied")
    if fixed:
        game = game.substitute(**fixed)
    if method not in ("auto", "pure"):
        raise InvalidGameError(f"method must be 'auto' or 'pure', got {method!r}")
    method = _resolve_method(game, method)
    variable = target.symbol
    free = [p for p in game.parameters if p.name != parameter]
    reference = {p.name: _reference_value(p) for p in free}
    reference_subs = {
        p.symbol: (sympy.Rational(v.numerator, v.denominator) if isinstance(v, Fraction)
                   else sympy.Rational(v) if isinstance(v, int) else sympy.Float(v))
        for p, v in zip(free, reference.values())
    }
    if domain is None:
        domain = target.domain or (None, None)
    low, high = (None if v is None else target.validate(v) for v in domain)
    candidates = _candidates(game, variable, reference_subs, (low, high))
    if method == "pure":
        candidates = [c for c in candidates if c[1]["kind"] == "pure"]
    # numeric value of every candidate at the reference point; keep those inside the domain
    located: list[tuple[Any, sympy.Expr, dict]] = []
    for expression, info in candidates:
        number = expression.xreplace(reference_subs)
        if info.get("numeric"):  # located numerically: a float, not a rational guess
            if number.is_real and number.is_number:
                approximate = float(number)
                if not ((low is not None and approximate <= low)
                        or (high is not None and approximate >= high)):
                    located.append((approximate, expression, info))
            continue
        try:
            number = sympy.nsimplify(number) if number.is_Float else number
            if not number.is_real or number.has(sympy.zoo, sympy.nan):
                continue
            value = _to_number(sympy.simplify(number)) if not number.is_Rational else \
                Fraction(int(number.p), int(number.q))
        except (TypeError, ValueError):
            continue
        if (low is not None and value <= low) or (high is not None and value >= high):
            continue
        located.append((value, expression, info))
    if not located:
        return ()
    # group candidates with the same value
    located.sort(key=lambda item: float(item[0]))
    groups: list[list[tuple[Any, sympy.Expr, dict]]] = []
    for item in located:
        if groups and (item[0] == groups[-1][0][0] or (
                isinstance(item[0], float) and abs(item[0] - float(groups[-1][0][0])) < 1e-12)):
            groups[-1].append(item)
        else:
            groups.append([item])
    values = [float(g[0][0]) for g in groups]
    # probe the structure between consecutive candidates
    edges = [float(low) if low is not None else values[0] - max(1.0, abs(values[0]))]
    edges += values
    edges.append(float(high) if high is not None else values[-1] + max(1.0, abs(values[-1])))
    probes = np.array([(edges[k] + edges[k + 1]) / 2 for k in range(len(edges) - 1)])
    probe_values = {parameter: probes}
    for p, v in zip(free, reference.values()):
        probe_values[p.name] = np.full(len(probes), float(v))
    structures = structure_at(game, probe_values, method=method)
    out = []
    for k, group in enumerate(groups):
        below, above = structures[k], structures[k + 1]
        if below == above:
            continue
        out.append(_make_threshold(game, parameter, group, below, above, free, probes[k + 1],
                                   reference_subs, method))
    return tuple(out)


def _choose_expression(group: list[tuple[Any, sympy.Expr, dict]]) -> sympy.Expr:
    ranked = sorted(group, key=lambda item: (item[2]["kind"] != "pure",
                                             sympy.count_ops(item[1])))
    if sympy.count_ops(ranked[0][1]) >= 40:
        return ranked[0][1]
    return _fewest_minus_signs(sympy.simplify(ranked[0][1]))


def _fewest_minus_signs(expression: sympy.Expr) -> sympy.Expr:
    """The same rational function written with as few minus signs as possible.

    ``-c/(e*(p - 1))`` reads better as ``c/(e*(1 - p))``: the sign of factors of the
    numerator and denominator is flipped (an exact rewriting) when that removes minus signs.
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


def _make_threshold(game, parameter, group, below, above, free, probe, reference_subs,
                    method="auto") -> Threshold:
    expression = _choose_expression(group)
    value = group[0][0] if not free or expression.is_number else None
    kinds = {item[2]["kind"] for item in group}
    kind = "pure+mixed" if len(kinds) == 2 else kinds.pop()
    if isinstance(game, ParametricAnonymousGame):
        clauses, change, below_labels, above_labels = _anonymous.describe_threshold(
            game, parameter, group, below, above, probe, reference_subs, method)
        return _assemble(parameter, expression, value, kind, clauses, change, below_labels,
                         above_labels, (game.player_label,))
    variable = game.parameter(parameter).symbol
    substitutions = dict(reference_subs)
    substitutions[variable] = sympy.Float(probe)
    switches = []  # (irrelevant, player, others, better, worse)
    players = []
    seen = set()
    for _value, _expression, info in group:
        if info["kind"] != "pure":
            continue
        i = info["player"]
        a, b = info["strategies"]
        key = (i, info["others"], a, b)
        if key in seen:
            continue
        seen.add(key)
        difference = info["difference"].xreplace(substitutions)
        try:
            better, worse = (a, b) if float(difference) > 0 else (b, a)
        except TypeError:
            continue
        relevant = any(
            all(len(support) == 1 for support in profile)
            and tuple(profile[j][0] for j in range(game.num_players) if j != i)
            == tuple(info["others"])
            for profile in below + above
        )
        switches.append((not relevant, i, info["others"], better, worse))
        players.append(game.players[i])
    # name the switches that involve the equilibria on either side (else the first one)
    switches.sort(key=lambda c: c[0])
    switches = [c for c in switches if not c[0]] or switches[:1]
    clauses = _switch_clauses(game, [c[1:] for c in switches])
    for _value, _expression, info in group:
        if info["kind"] == "mixed":
            players.append(game.players[info["player"]])
    below_labels = _labels(game, below)
    above_labels = _labels(game, above)
    appear = [x for x in above_labels if x not in below_labels]
    vanish = [x for x in below_labels if x not in above_labels]
    noun = "pure equilibrium" if method == "pure" else "equilibrium"
    nouns = "pure equilibria" if method == "pure" else "equilibria"
    if len(above_labels) == 1:
        change = f"{above_labels[0]} becomes the unique {noun}"
    else:
        bits = []
        if appear:
            bits.append(_join(appear) + (" appears" if len(appear) == 1 else " appear"))
        if vanish:
            bits.append(_join(vanish) + (" disappears" if len(vanish) == 1 else " disappear"))
        listing = _join(above_labels) if above_labels else "none"
        change = "; ".join(bits) + (f" ({nouns}: {listing})" if bits else
                                    f"{nouns}: {listing}")
    return _assemble(parameter, expression, value, kind, clauses, change, below_labels,
                     above_labels, tuple(dict.fromkeys(players)))


def _assemble(parameter: str, expression: sympy.Expr, value: Any, kind: str,
              clauses: list[str], change: str, below_labels: tuple[str, ...],
              above_labels: tuple[str, ...], players: tuple[str, ...]) -> Threshold:
    """The threshold with its sentence: where it lies, what switches, what changes."""
    shown = format_expression(expression)
    if value is not None and not expression.is_number:
        shown += f" = {_fmt(value)}"
    elif isinstance(value, Fraction) and len(str(value)) > 40:
        shown = (f"{float(value):.6g} (exactly a ratio of {len(str(value.numerator))}- and "
                 f"{len(str(value.denominator))}-digit integers)")
    elif value is not None:
        shown = _fmt(value) if isinstance(value, Fraction) else f"{float(value):.6g}"
    if not clauses and kind != "pure":
        clauses.append("a mixed equilibrium enters or leaves the simplex")
    description = f"above {parameter} = {shown}, " + "; ".join(clauses + [change])
    return Threshold(parameter, expression, value, description, below_labels, above_labels,
                     kind, players)


def _switch_clauses(game, switches: list[tuple[int, tuple[int, ...], int, int]]) -> list[str]:
    """Sentences for best-reply switches ``(player, others' strategies, better, worse)``.

    Switches of one player to the same strategy are said once, listing what the others play
    (by counts when every ordering of those strategies switches alike); players whose
    switches read alike (symmetric games) share one clause.
    """
    n = game.num_players
    # the others' profiles, for each (player, new best reply, old best reply)
    profiles_of: dict[tuple[int, str, str], list[tuple[int, ...]]] = {}
    for i, others, new, old in switches:
        key = (i, game.strategies[i][new], game.strategies[i][old])
        if others not in profiles_of.setdefault(key, []):
            profiles_of[key].append(others)
    # old best replies displaced in the same circumstances are named together
    worse_of: dict[tuple[int, tuple[str, ...], str], list[str]] = {}
    for (i, better, worse), profiles in profiles_of.items():
        contexts = tuple(_contexts(game, i, profiles))
        worse_of.setdefault((i, contexts, better), []).append(worse)
    # players whose switches read alike share the clause
    by_text: dict[tuple[tuple[str, ...], str, str], list[int]] = {}
    for (i, contexts, better), worses in worse_of.items():
        by_text.setdefault((contexts, better, _join(worses, "or")), []).append(i)
    clauses = []
    for (contexts, better, worse), who in by_text.items():
        if len(who) == 1:
            subject = f"{_possessive(game.players[who[0]])} best reply"
        elif n > 2 and len(who) == n:
            subject = "each player's best reply"
        else:
            names = [_noun(game.players[i]) for i in who]
            subject = "the best reply of " + ("both " if len(names) == 2 else "each of ") + \
                _join(names)
        outcome = f"is {better} (rather than {worse})"
        if contexts == (_WHATEVER,):
            other = "the others play" if n > 2 else (
                f"{_noun(game.players[1 - who[0]])} plays" if len(who) == 1 else
                "the other plays")
            clauses.append(f"{subject} {outcome} whatever {other}")
        elif n == 2:
            clauses.append(f"{subject} to {' and to '.join(contexts)} {outcome}")
        else:
            clauses.append(f"when {_join(list(contexts), 'or')}, {subject} {outcome}")
    return clauses


_WHATEVER = "\x00whatever"
_NUMBERS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def _contexts(game, i: int, profiles: list[tuple[int, ...]]) -> list[str]:
    """What the other players do in each profile, as phrases: ``share`` (two players),
    ``both others play honour``, ``two of the others play honour and one plays renege``
    (when every ordering is listed), ``bloc B plays open and bloc C plays close``."""
    rest = [j for j in range(game.num_players) if j != i]
    total = int(np.prod([game.num_strategies[j] for j in rest]))
    if len(profiles) == total and total > 1:
        return [_WHATEVER]
    labelled = [tuple(game.strategies[j][s] for j, s in zip(rest, p)) for p in profiles]
    if len(rest) == 1:
        return [p[0] for p in labelled]
    groups: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
    for p in labelled:
        groups.setdefault(tuple(sorted(p)), []).append(p)
    out = []
    for multiset, members in groups.items():
        if set(members) >= set(itertools.permutations(multiset)):
            out.append(_count_phrase([p for p in members[0]], len(rest)))
        else:
            out += [_join([f"{_noun(game.players[j])} plays {label}"
                           for j, label in zip(rest, p)]) for p in members]
    return out


def _count_phrase(labels: list[str], others: int) -> str:
    counts: dict[str, int] = {}
    for label in labels:
        counts[label] = counts.get(label, 0) + 1
    if len(counts) == 1:
        return ("both others play " if others == 2 else "all the others play ") + labels[0]

    def number(k: int) -> str:
        return _NUMBERS[k] if k < len(_NUMBERS) else str(k)

    ranked = sorted(counts.items(), key=lambda item: -item[1])
    first, k = ranked[0]
    parts = [f"{number(k)} of the others play{'s' if k == 1 else ''} {first}"]
    parts += [f"{number(k)} play{'s' if k == 1 else ''} {label}" for label, k in ranked[1:]]
    return _join(parts)


def _noun(player: str) -> str:
    """A player label as a noun phrase: ``"the coercer"``, but ``"bloc A"``, ``"USA"``,
    ``"partner 3"`` and ``"player 1"`` (labels that look like proper names) take no article."""
    if player.startswith(("the ", "The ")) or any(c.isupper() or c.isdigit() for c in player):
        return player
    return f"the {player}"


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


def _possessive(player: str) -> str:
    """``"the coercer's"``, ``"bloc A's"``, ``"the allies'"`` (a lowercase plural)."""
    noun = _noun(player)
    if noun.startswith("the ") and player.endswith("s") and not player.endswith(
            ("ss", "us", "is")):
        return f"{noun}'"
    return f"{noun}'s"


def _join(items: Sequence[str], conjunction: str = "and") -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {conjunction} " + items[-1]
