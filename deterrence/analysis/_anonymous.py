r"""Comparative statics of anonymous N-player games (the analysis layer's anonymous branch).

:func:`~deterrence.analysis.thresholds`, :func:`~deterrence.analysis.regimes` and
:func:`~deterrence.analysis.sweep` accept a
:class:`~deterrence.games.ParametricAnonymousGame` (or a fixed
:class:`~deterrence.games.AnonymousGame`) and call the functions here, which play the roles
that support enumeration and best-reply differences play for normal forms.

Equilibrium structure
---------------------
At a parameter point the equilibria of a two-strategy anonymous game are

* the **count equilibria** ":math:`j` of :math:`N` choose :math:`s_1`", which exist iff
  :math:`D_{j-1} \ge 0` (for :math:`j > 0`) and :math:`D_j \le 0` (for :math:`j < N`), with
  :math:`D_k = u(s_1, k) - u(s_2, k)` (:func:`deterrence.solvers.anonymous.solve_anonymous_pure`);
* the **symmetric mixed equilibria**, the roots in :math:`(0, 1)` of the gain function
  :math:`f(h) = \sum_k D_k \binom{n}{k} h^k (1-h)^{n-k}`, :math:`n = N - 1`, each stable or
  unstable under the replicator dynamics
  (:func:`deterrence.solvers.anonymous.solve_anonymous_symmetric`).

The *structure* is the set of count equilibria plus the number and stability pattern of the
interior symmetric equilibria; a regime is a region where it is constant.

Where the structure can change (candidate thresholds in a parameter :math:`t`)
--------------------------------------------------------------------------------
* A **best reply switches** at some count: :math:`D_k(t) = 0` (a count equilibrium appears or
  disappears; at :math:`k = 0` or :math:`k = n` a symmetric root also enters or leaves
  :math:`(0, 1)` through an end point).
* Two interior symmetric equilibria are **born or collide** (a fold): :math:`f(h; t) = 0` and
  :math:`\partial_h f(h; t) = 0`. With :math:`y = h/(1-h)`, :math:`f = (1-h)^n \tilde f(y)`,
  :math:`\tilde f(y) = \sum_k D_k \binom{n}{k} y^k`. When every :math:`D_k` is affine in
  :math:`t`, :math:`\tilde f = \tilde A(y) + t \tilde B(y)` and :math:`h` is an equilibrium
  exactly when :math:`t = \varphi(y) = -\tilde A(y)/\tilde B(y)`, so folds sit at the critical
  values of :math:`\varphi`: the positive roots of
  :math:`W(y) = \tilde A'(y)\tilde B(y) - \tilde A(y)\tilde B'(y)`. These are found exactly
  (FLINT factorisation; rational folds come out as fractions, symbolic in the other
  parameters when :math:`W` has factors linear in :math:`y`) for :math:`n \le 1000`, and by
  bracketing sign changes of :math:`W` on a fine grid beyond. For payoffs non-affine in
  :math:`t`, the resultant :math:`\operatorname{Res}_y(\tilde f, \tilde f')` gives the folds
  for :math:`n \le 12`.

Every candidate is then checked by solving just below and above it (as for normal forms),
so spurious candidates cost time, never correctness.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

import numpy as np
import pandas as pd
import sympy

from deterrence.exceptions import DegenerateGameWarning, InvalidGameError
from deterrence.games.anonymous import AnonymousGame
from deterrence.games.parametric import _fmt
from deterrence.games.parametric_anonymous import ParametricAnonymousGame

__all__: list[str] = []

#: Largest n = N - 1 for which folds are found by exact (FLINT) factorisation.
EXACT_FOLD_DEGREE = 1000
#: Largest n for which folds are derived symbolically in the other parameters (sympy).
SYMBOLIC_FOLD_DEGREE = 12
#: Grid used to bracket folds numerically above EXACT_FOLD_DEGREE.
NUMERIC_FOLD_POINTS = 4096

METHODS = ("auto", "pure")


def resolve_method(game: ParametricAnonymousGame, method: str) -> str:
    """``"auto"`` means count and symmetric equilibria for two strategies, else ``"pure"``."""
    if method not in METHODS:
        raise InvalidGameError(
            f"method {method!r} is not available for anonymous games; choose 'auto' (count "
            "equilibria and symmetric mixed equilibria) or 'pure' (count equilibria only)"
        )
    if method == "auto" and game.num_strategies != 2:
        return "pure"
    return method


# ---------------------------------------------------------------------- solving at points
def _equilibria_at(game: ParametricAnonymousGame, table: np.ndarray, method: str,
                   tol: float) -> list[dict[str, Any]]:
    """Every equilibrium of the float game with payoff table ``table``, as plain records.

    Records: ``kind`` ("pure", "mixed" or "continuum"), ``shares`` (fraction of players on
    each strategy, or each player's probabilities), ``payoff`` (mean payoff), ``stability``
    (replicator stability for symmetric profiles, else ``None``) and ``counts`` (pure).
    """
    from deterrence.solvers.anonymous import solve_anonymous_pure, solve_anonymous_symmetric

    n = game.num_players
    point = AnonymousGame(n, table, strategies=game.strategies)
    records: list[dict[str, Any]] = []
    symmetric: list[Any] = []
    degenerate = False
    if method == "auto":
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", DegenerateGameWarning)
            result = solve_anonymous_symmetric(point, tol=tol)
        degenerate = result.degenerate or any(
            issubclass(w.category, DegenerateGameWarning) for w in caught)
        symmetric = list(result)
    ends = {round(float(eq.probability)): eq.stability for eq in symmetric
            if float(eq.probability) in (0.0, 1.0)}
    for eq in solve_anonymous_pure(point, tol=tol):
        counts = tuple(int(c) for c in eq.counts)
        used = [(c, float(v)) for c, v in zip(counts, eq.payoffs) if c]
        stability = None
        if len(used) == 1 and game.num_strategies == 2:
            stability = ends.get(1 if counts[0] == n else 0)
        records.append({
            "kind": "pure", "counts": counts,
            "shares": tuple(c / n for c in counts),
            "payoff": sum(c * v for c, v in used) / n,
            "stability": stability,
        })
    if degenerate:
        records.append({"kind": "continuum", "counts": None, "shares": (math.nan,) * 2,
                        "payoff": math.nan, "stability": "neutral"})
    else:
        for eq in symmetric:
            p = float(eq.probability)
            if p in (0.0, 1.0):
                continue
            records.append({"kind": "mixed", "counts": None, "shares": (p, 1 - p),
                            "payoff": float(eq.payoff), "stability": eq.stability})
    records.sort(key=lambda r: (math.inf if math.isnan(r["shares"][0]) else -r["shares"][0],
                                r["kind"] != "pure"))
    return records


def _tables(game: ParametricAnonymousGame, values: Mapping[str, np.ndarray]) -> np.ndarray:
    """Float payoff tables at a batch of points, shape ``(P, m, C)``."""
    evaluate = game.lambdify()
    if not game.parameters:
        count = len(next(iter(values.values()))) if values else 1
        single = evaluate()[..., 0]
        return np.broadcast_to(single, (count,) + single.shape)
    out = evaluate(**{k: np.asarray(v, dtype=np.float64) for k, v in values.items()
                      if k in game.parameter_names})
    return np.moveaxis(out, -1, 0)


def solve_points(game: ParametricAnonymousGame, values: Mapping[str, np.ndarray], *,
                 method: str = "auto", tol: float = 1e-9) -> pd.DataFrame:
    """The long sweep table of an anonymous game at a batch of points (one sweep chunk).

    Columns: the parameters, ``equilibrium`` (index within the point, in decreasing share of
    the first strategy), ``"<player_label>:<strategy>"`` (the share of players on each
    strategy in a count equilibrium; every player's probability in a symmetric mixed one),
    ``"payoff:<player_label>"`` (mean payoff), ``stability`` (replicator stability of
    symmetric equilibria, ``None`` for asymmetric count profiles), ``is_pure``,
    ``is_symmetric`` and ``outcome`` (categorical: ``"all honour"``, ``"3 of 5 honour"``,
    ``"0.62*honour + 0.38*renege (stable)"``).
    """
    method = resolve_method(game, method)
    names = game.parameter_names
    count = len(next(iter(values.values()))) if values else 1
    tables = _tables(game, values) if count else np.zeros((0,))
    columns: dict[str, list[Any]] = {name: [] for name in names}
    rows: list[dict[str, Any]] = []
    points: list[int] = []
    for index in range(count):
        for rank, record in enumerate(_equilibria_at(game, np.array(tables[index]), method,
                                                     tol)):
            rows.append({**record, "rank": rank})
            points.append(index)
    for name in names:
        columns[name] = np.asarray(values[name], dtype=np.float64)[points] if points else \
            np.zeros(0)
    frame: dict[str, Any] = dict(columns)
    frame["equilibrium"] = np.array([r["rank"] for r in rows], dtype=np.int64)
    label = game.player_label
    for s, strategy in enumerate(game.strategies):
        frame[f"{label}:{strategy}"] = np.array([r["shares"][s] for r in rows], dtype=float)
    frame[f"payoff:{label}"] = np.array([r["payoff"] for r in rows], dtype=float)
    frame["stability"] = pd.Categorical(
        [r["stability"] for r in rows],
        categories=["stable", "unstable", "semi-stable", "neutral"])
    frame["is_pure"] = np.array([r["kind"] == "pure" for r in rows], dtype=bool)
    frame["is_symmetric"] = np.array(
        [r["kind"] != "pure" or max(r["counts"]) == game.num_players for r in rows], dtype=bool)
    outcomes = [_outcome(game, r) for r in rows]
    frame["outcome"] = pd.Categorical(outcomes, categories=pd.Index(
        list(dict.fromkeys(outcomes)), dtype=object))
    table = pd.DataFrame(frame)
    table.attrs["method"] = method
    return table


def _outcome(game: ParametricAnonymousGame, record: Mapping[str, Any]) -> str:
    if record["kind"] == "mixed":
        from deterrence.analysis.sweep import _format

        p = record["shares"][0]
        return (f"{_format(p)}*{game.strategies[0]} + {_format(1 - p)}*{game.strategies[1]} "
                f"({record['stability']})")
    return label(game, _item(game, record, 0))


# ---------------------------------------------------------------------- structure
def _item(game: ParametricAnonymousGame, record: Mapping[str, Any], order: int) -> tuple:
    if record["kind"] == "pure":
        return ("pure", record["counts"])
    if record["kind"] == "continuum":
        return ("continuum",)
    return ("symmetric", order, record["stability"])


def structure_at(game: ParametricAnonymousGame, points: Mapping[str, Any], *,
                 method: str = "auto") -> list[tuple[tuple, ...]]:
    """The equilibrium structure at a batch of points (see the module docstring)."""
    method = resolve_method(game, method)
    values = {name: np.atleast_1d(np.asarray(v, dtype=np.float64)) for name, v in points.items()}
    count = len(next(iter(values.values()))) if values else 1
    for p in game.parameters:
        if p.name not in values:
            if p.default is None:
                raise InvalidGameError(f"parameter {p.name!r} has no value and no default")
            values[p.name] = np.full(count, float(p.default))
    tables = _tables(game, values)
    out = []
    for index in range(count):
        records = _equilibria_at(game, np.array(tables[index]), method, 1e-9)
        items = []
        order = 0
        for record in sorted(records, key=lambda r: r["shares"][0] if r["kind"] == "mixed"
                             else 0.0):
            items.append(_item(game, record, order))
            order += record["kind"] == "mixed"
        out.append(tuple(sorted(items, key=repr)))
    return out


def label(game: ParametricAnonymousGame, item: tuple) -> str:
    """An equilibrium of a structure in words: ``"all honour"``, ``"3 of 5 honour"``,
    ``"symmetric mix (stable)"``."""
    n = game.num_players
    if item[0] == "pure":
        counts = item[1]
        used = [(c, s) for c, s in zip(counts, game.strategies) if c]
        if len(used) == 1:
            return f"all {used[0][1]}"
        if game.num_strategies == 2:
            return f"{counts[0]} of {n} {game.strategies[0]}"
        return ", ".join(f"{c} {s}" for c, s in used)
    if item[0] == "continuum":
        return "every symmetric mix (continuum)"
    return f"symmetric mix of {game.strategies[0]} and {game.strategies[1]} ({item[2]})"


def labels(game: ParametricAnonymousGame, structure: Sequence[tuple]) -> tuple[str, ...]:
    """Labels of a structure's equilibria; equal labels are numbered (lower first)."""
    ordered = sorted(structure, key=lambda item: (
        0 if item[0] == "pure" else 1, -sum(item[1][:1]) if item[0] == "pure" else item[1]))
    texts = [label(game, item) for item in ordered]
    repeated = {t for t in texts if texts.count(t) > 1}
    seen: dict[str, int] = {}
    out = []
    for text in texts:
        if text in repeated:
            seen[text] = seen.get(text, 0) + 1
            text = text.replace("symmetric mix", f"symmetric mix {seen[text]}", 1)
        out.append(text)
    return tuple(out)


# ---------------------------------------------------------------------- candidates
def candidates(game: ParametricAnonymousGame, variable: sympy.Symbol,
               reference: Mapping[sympy.Symbol, sympy.Expr] | None = None,
               domain: tuple[Any, Any] | None = None) -> list[tuple[sympy.Expr, dict]]:
    """Candidate critical values of ``variable`` with where they come from.

    ``reference`` gives numbers for the other parameters still symbolic (used to locate and
    pre-screen candidates); ``domain`` bounds the search (``None`` ends are open).
    """
    from deterrence.analysis.thresholds import _roots

    out: list[tuple[sympy.Expr, dict]] = []
    if game.num_strategies != 2:
        table = game.table
        groups: dict[sympy.Expr, list[tuple[int, int, int]]] = {}
        for c in range(table.shape[1]):
            for a in range(game.num_strategies):
                for b in range(a + 1, game.num_strategies):
                    difference = sympy.expand(table[a, c] - table[b, c])
                    groups.setdefault(difference, []).append((c, a, b))
        for difference, where in groups.items():
            for root in _roots(difference, variable, reference):
                out.append((root, {"kind": "pure", "difference": difference,
                                   "where": tuple(where)}))
        return out
    data = _affine_differences(game, variable, reference)
    if data is None:
        differences = list(game.difference_expressions())
        by_expression: dict[sympy.Expr, list[int]] = {}
        for k, d in enumerate(differences):
            by_expression.setdefault(d, []).append(k)
        for difference, counts in by_expression.items():
            for root in _roots(difference, variable, reference):
                out.append((root, {"kind": "pure", "difference": difference,
                                   "counts": tuple(counts)}))
        structured = _two_direction_folds(game, variable, reference)
        if structured is not None:
            for root, numeric in structured:
                out.append((root, {"kind": "mixed", "event": "fold", "numeric": numeric}))
            return out
        for root in _fold_candidates(differences, variable, reference):
            out.append((root, {"kind": "mixed", "event": "fold"}))
        return out
    intercepts, slopes, symbolic, others = data
    n = len(intercepts) - 1
    # pure: D_k(t) = a_k + b_k t vanishes at t_k = -a_k / b_k; the count equilibria can only
    # change there if "k of N" or "k + 1 of N" is an equilibrium on one side, which needs
    # D_{k-1}(t_k) >= 0 or D_{k+1}(t_k) <= 0 (or k at an end, where a symmetric root enters)
    low, high = domain if domain is not None else (None, None)
    scale = max([abs(float(x)) for x in intercepts + slopes] + [1.0])
    slack = 1e-9 * scale
    roots: dict[Any, list[int]] = {}
    for k in range(n + 1):
        if slopes[k] == 0:
            continue
        root = -intercepts[k] / slopes[k]
        if (low is not None and root <= low) or (high is not None and root >= high):
            continue
        if 0 < k < n:
            before = float(intercepts[k - 1] + slopes[k - 1] * root)
            after = float(intercepts[k + 1] + slopes[k + 1] * root)
            if before < -slack and after > slack:
                continue
        roots.setdefault(root, []).append(k)
    for root, counts in roots.items():
        difference = symbolic(counts[0])
        if not (difference.free_symbols - {variable}):
            expression = (sympy.Rational(root.numerator, root.denominator)
                          if isinstance(root, Fraction) else sympy.Float(root, 17))
        else:
            options = _roots(difference, variable, None)
            expression = min(options, key=lambda e: abs(
                float(e.xreplace(dict(reference or {}))) - float(root)), default=None)
            if expression is None:
                continue
        out.append((expression, {"kind": "pure", "difference": difference,
                                 "counts": tuple(counts), "numeric": isinstance(root, float)}))
    folds: list[tuple[sympy.Expr, bool]] = []
    if n >= 2 and others:
        structured = _two_direction_folds(game, variable, reference)
        if structured is not None:
            folds = structured
        elif n <= SYMBOLIC_FOLD_DEGREE:
            differences = list(game.difference_expressions())
            folds = [(root, isinstance(root, sympy.Float))
                     for root in _fold_candidates(differences, variable, reference)]
        else:
            _warn_reference_folds(variable, others, n)
            folds = [(root, isinstance(root, sympy.Float))
                     for root in _affine_folds(intercepts, slopes)]
    elif n >= 2:
        folds = [(root, isinstance(root, sympy.Float))
                 for root in _affine_folds(intercepts, slopes)]
    for root, numeric in folds:
        out.append((root, {"kind": "mixed", "event": "fold", "numeric": numeric}))
    return out


def _affine_differences(game: ParametricAnonymousGame, variable: sympy.Symbol,
                        reference: Mapping[sympy.Symbol, sympy.Expr] | None):
    """``(a, b, symbolic, others)`` with :math:`D_k = a_k + b_k t` at the reference values of
    the other parameters (exact ``Fraction`` where rational), ``symbolic(k)`` the expression
    :math:`D_k` and ``others`` the other parameters' symbols that some :math:`D_k` depends on;
    ``None`` when some :math:`D_k` is not affine in :math:`t`, the reference leaves symbols
    unbound or a coefficient is undefined or not real at the reference."""
    from deterrence.games.parametric_anonymous import _exact_lambdify

    substitutions = dict(reference or {})
    n = game.num_players - 1
    zero = {variable: sympy.S.Zero}
    if game.expressions is not None:
        difference, k_symbol = game.difference_in_counts()
        slope = sympy.diff(difference, variable)
        if variable in slope.free_symbols:
            return None
        at_reference = [sympy.expand(difference.xreplace(zero).xreplace(substitutions)),
                        sympy.expand(slope.xreplace(substitutions))]
        if any(e.free_symbols - {k_symbol} for e in at_reference):
            return None
        values = []
        for e in at_reference:
            function = _exact_lambdify([k_symbol], e)
            try:
                column = [_number(function(k)) for k in range(n + 1)]
            except (TypeError, ValueError, ZeroDivisionError, OverflowError):
                return None
            values.append(column)
        others = difference.free_symbols - {k_symbol, variable}

        def symbolic(k: int) -> sympy.Expr:
            return sympy.expand(difference.xreplace({k_symbol: sympy.Integer(k)}))

        return values[0], values[1], symbolic, others
    differences = game.difference_expressions()
    unique: dict[sympy.Expr, tuple[Any, Any]] = {}
    for d in differences:
        if d in unique:
            continue
        slope = sympy.diff(d, variable)
        if variable in slope.free_symbols:
            return None
        pair = (sympy.expand(d.xreplace(zero).xreplace(substitutions)),
                sympy.expand(slope.xreplace(substitutions)))
        if any(e.free_symbols for e in pair):
            return None
        try:
            unique[d] = (_number(pair[0]), _number(pair[1]))
        except (TypeError, ValueError):
            return None
    others = set().union(*(d.free_symbols for d in unique)) - {variable}
    return ([unique[d][0] for d in differences], [unique[d][1] for d in differences],
            lambda k: differences[k], others)


def _number(value: Any) -> Any:
    """A finite real number as ``Fraction`` (rationals) or ``float``; ``ValueError`` else."""
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a number")
    if isinstance(value, (int, Fraction)):
        return Fraction(value)
    if isinstance(value, sympy.Basic):
        if value.is_Rational:
            return Fraction(int(value.p), int(value.q))
        if value.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo) or value.is_real is False:
            raise ValueError(f"{value} is not a finite real number")
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(f"{value} is not a finite real number")
    return number


def _warn_reference_folds(variable: sympy.Symbol, others: set, n: int) -> None:
    names = sorted(str(s) for s in others)
    warnings.warn(
        f"with {n + 1} players, thresholds in {variable} where two symmetric mixed equilibria "
        f"are born or collide (folds) are only derived symbolically for at most "
        f"{SYMBOLIC_FOLD_DEGREE + 1} players; they are located at the reference values of "
        f"{names} (their defaults) and shown as numbers valid there only: fix {names} "
        "(fixed=...) for exact values at other points",
        RuntimeWarning, stacklevel=4)


def _affine_folds(intercepts: list[Any], slopes: list[Any]) -> list[sympy.Expr]:
    """Fold candidates for :math:`D_k = a_k + b_k t` with numbers ``a``, ``b``."""
    n = len(intercepts) - 1
    if n <= EXACT_FOLD_DEGREE and all(isinstance(v, Fraction) for v in intercepts + slopes):
        return _exact_folds(intercepts, slopes)
    return _numeric_folds(np.array([float(v) for v in intercepts]),
                          np.array([float(v) for v in slopes]))


# ---------------------------------------------------------------------- two directions
def _two_direction_folds(game: ParametricAnonymousGame, variable: sympy.Symbol,
                         reference: Mapping[sympy.Symbol, sympy.Expr] | None
                         ) -> list[tuple[sympy.Expr, bool]] | None:
    r"""Fold candidates, symbolic in the other parameters, when the payoff differences move
    in a plane: :math:`D_k(\theta) = \alpha(\theta) v_k + \beta(\theta) w_k` for fixed
    rational vectors :math:`v, w` and polynomials :math:`\alpha, \beta` of the parameters.

    Then :math:`\tilde f = G\,(\alpha P + \beta Q)` with :math:`G = \gcd(V, W)`,
    :math:`V = GP`, :math:`W = GQ` (:math:`V(y) = \sum_k v_k \binom{n}{k} y^k`, ...), and a
    double root at :math:`y^* > 0` needs :math:`y^*` to be a root of :math:`P'Q - PQ'` (a
    critical point of :math:`P/Q`, which does not depend on the parameters) or of
    :math:`G`; there :math:`\alpha P(y^*) + \beta Q(y^*) = 0` is solved for the parameter,
    exactly when :math:`y^*` is rational. Friend-shoring and tipping games are of this kind
    whatever the number of players. Returns ``(expression, numeric)`` pairs, or ``None``
    when the differences are not of this form (not polynomial in the parameters, not
    rational, or spanning more than two directions).
    """
    from deterrence.analysis.thresholds import _roots

    n = game.num_players - 1
    vectors = _monomial_vectors(game)
    if vectors is None:
        return None
    basis = _plane_basis([v for _, v in vectors])
    if basis is None:
        return None
    directions, coordinates = basis
    if len(directions) < 2:
        return []
    alpha = sympy.Add(*[c[0] * monomial for (monomial, _), c in zip(vectors, coordinates)])
    beta = sympy.Add(*[c[1] * monomial for (monomial, _), c in zip(vectors, coordinates)])
    alpha = sympy.expand(sympy.nsimplify(alpha, rational=True))
    beta = sympy.expand(sympy.nsimplify(beta, rational=True))
    if variable not in (alpha.free_symbols | beta.free_symbols):
        return []
    if n <= EXACT_FOLD_DEGREE:
        pairs = _exact_plane_points(directions[0], directions[1])
    else:
        pairs = _numeric_plane_points(np.array([float(x) for x in directions[0]]),
                                      np.array([float(x) for x in directions[1]]))
    out: list[tuple[sympy.Expr, bool]] = []
    for p, q, numeric in pairs:
        equation = sympy.expand(alpha * p + beta * q)
        for root in _roots(equation, variable, reference):
            out.append((root, numeric or isinstance(root, sympy.Float)))
    return out


def _monomial_vectors(game: ParametricAnonymousGame
                      ) -> list[tuple[sympy.Expr, list[Fraction]]] | None:
    r""":math:`D_k = \sum_j m_j(\theta) c_{jk}`: monomials :math:`m_j` of the parameters with
    their exact coefficient vectors :math:`c_j` over :math:`k = 0..n`; ``None`` when some
    :math:`D_k` is not a polynomial in the parameters with rational coefficients."""
    from deterrence.games.parametric_anonymous import _exact_lambdify

    n = game.num_players - 1
    symbols = [p.symbol for p in game.parameters]
    if not symbols:
        return None
    try:
        if game.expressions is not None:
            difference, k = game.difference_in_counts()
            terms = sympy.Poly(difference, *symbols).as_dict()
            out = []
            for exponents, coefficient in terms.items():
                coefficient = sympy.sympify(coefficient)
                if coefficient.free_symbols - {k}:
                    return None
                function = _exact_lambdify([k], coefficient)
                vector = [_number(function(j)) for j in range(n + 1)]
                if not all(isinstance(x, Fraction) for x in vector):
                    return None
                out.append((_monomial(symbols, exponents), vector))
            return out
        columns: dict[tuple[int, ...], list[Fraction]] = {}
        unique: dict[sympy.Expr, dict] = {}
        for k, d in enumerate(game.difference_expressions()):
            if d not in unique:
                unique[d] = sympy.Poly(d, *symbols).as_dict()
            for exponents, coefficient in unique[d].items():
                coefficient = sympy.sympify(coefficient)
                if not coefficient.is_Rational:
                    return None
                column = columns.setdefault(exponents, [Fraction(0)] * (n + 1))
                column[k] = Fraction(int(coefficient.p), int(coefficient.q))
        return [(_monomial(symbols, e), v) for e, v in columns.items()]
    except (sympy.PolynomialError, sympy.GeneratorsNeeded, TypeError, ValueError,
            ZeroDivisionError, OverflowError):
        return None


def _monomial(symbols: Sequence[sympy.Symbol], exponents: Sequence[int]) -> sympy.Expr:
    return sympy.Mul(*[s**e for s, e in zip(symbols, exponents)])


def _plane_basis(vectors: list[list[Fraction]]
                 ) -> tuple[list[list[Fraction]], list[tuple[Fraction, Fraction]]] | None:
    """A basis of at most two vectors spanning ``vectors`` and every vector's coordinates in
    it (``None`` when they span more than two directions)."""
    basis: list[tuple[list[Fraction], int]] = []  # (vector, pivot): reduced echelon form
    for vector in vectors:
        residual = list(vector)
        for direction, pivot in basis:
            factor = residual[pivot]
            if factor:
                residual = [r - factor * d for r, d in zip(residual, direction)]
        pivot = next((i for i, r in enumerate(residual) if r != 0), None)
        if pivot is None:
            continue
        if len(basis) == 2:
            return None
        scale = residual[pivot]
        residual = [r / scale for r in residual]
        reduced = []
        for direction, other in basis:
            factor = direction[pivot]
            if factor:
                direction = [d - factor * r for d, r in zip(direction, residual)]
            reduced.append((direction, other))
        basis = reduced + [(residual, pivot)]
    coordinates = []
    for vector in vectors:
        coordinate = [vector[pivot] for _, pivot in basis] + [Fraction(0)] * (2 - len(basis))
        coordinates.append((coordinate[0], coordinate[1]))
    return [direction for direction, _ in basis], coordinates


def _exact_plane_points(v: list[Fraction], w: list[Fraction]
                        ) -> list[tuple[Any, Any, bool]]:
    """``(P(y*), Q(y*), numeric)`` at the positive roots of :math:`P'Q - PQ'` and of
    :math:`G` (see :func:`_two_direction_folds`); exact at rational roots, else a float ratio.
    """
    import flint

    n = len(v) - 1

    def poly(values: list[Fraction]) -> Any:
        terms = [x * math.comb(n, k) for k, x in enumerate(values)]
        return flint.fmpq_poly([flint.fmpq(t.numerator, t.denominator) for t in terms])

    first, second = poly(v), poly(w)
    common = first.gcd(second)
    p_poly, q_poly = first // common, second // common
    wronskian = p_poly.derivative() * q_poly - p_poly * q_poly.derivative()
    out: list[tuple[Any, Any, bool]] = []
    seen: set[Any] = set()
    for candidate in (wronskian, common):
        if candidate.degree() < 1:
            continue
        _, factors = candidate.factor()
        for factor, _ in factors:
            if factor.degree() == 1:
                low, high = (Fraction(int(c.p), int(c.q)) for c in factor.coeffs())
                y = -low / high
                if y <= 0 or y in seen:
                    continue
                seen.add(y)
                out.append((_evaluate(p_poly, y), _evaluate(q_poly, y), False))
                continue
            roots: list[tuple[Any, int]] = factor.complex_roots()  # type: ignore[assignment]
            for root, _ in roots:
                if not root.imag.is_zero() and float(abs(root.imag.mid())) > 1e-12:
                    continue
                if float(root.real.mid()) <= 0:
                    continue
                p_value = flint.acb_poly(p_poly)(root).real
                q_value = flint.acb_poly(q_poly)(root).real
                if abs(p_value) >= abs(q_value):
                    ratio = float((q_value / p_value).mid())
                    out.append((sympy.Integer(1), sympy.Float(ratio, 17), True))
                else:
                    ratio = float((p_value / q_value).mid())
                    out.append((sympy.Float(ratio, 17), sympy.Integer(1), True))
    return out


def _evaluate(polynomial: Any, y: Fraction) -> sympy.Expr:
    value = Fraction(0)
    for coefficient in reversed(polynomial.coeffs()):
        value = value * y + Fraction(int(coefficient.p), int(coefficient.q))
    return sympy.Rational(value.numerator, value.denominator)


def _numeric_plane_points(v: np.ndarray, w: np.ndarray) -> list[tuple[Any, Any, bool]]:
    """As :func:`_exact_plane_points` for large ``n``: critical points of the ratio of the
    Bernstein polynomials with coefficients ``v`` and ``w``, bracketed on a grid in h."""
    from scipy.optimize import brentq

    from deterrence.solvers.anonymous import _Bernstein, _difference

    n = len(v) - 1
    functions = [_Bernstein(x) for x in (v, w)]
    derivatives = [_Bernstein(n * _difference(x)) for x in (v, w)]

    def wronskian(h: float) -> float:
        return (derivatives[0].value(h) * functions[1].value(h)
                - functions[0].value(h) * derivatives[1].value(h))

    grid = 1 / (1 + np.exp(-np.linspace(-12, 12, NUMERIC_FOLD_POINTS)))
    values = np.array([wronskian(h) for h in grid])
    out: list[tuple[Any, Any, bool]] = []
    for k in np.flatnonzero(np.sign(values[:-1]) * np.sign(values[1:]) < 0):
        h = brentq(wronskian, grid[k], grid[k + 1], xtol=1e-15)
        p, q = _shared_scale_values(v, w, h)
        if abs(p) >= abs(q) and p != 0:
            out.append((sympy.Integer(1), sympy.Float(q / p, 17), True))
        elif q != 0:
            out.append((sympy.Float(p / q, 17), sympy.Integer(1), True))
    return out


def _shared_scale_values(v: np.ndarray, w: np.ndarray, h: float) -> tuple[float, float]:
    """Both Bernstein polynomials at ``h``, divided by one common positive number."""
    from scipy.special import gammaln

    n = len(v) - 1
    k = np.arange(n + 1, dtype=float)
    logs = (gammaln(n + 1.0) - gammaln(k + 1.0) - gammaln(n - k + 1.0)
            + k * math.log(h) + (n - k) * math.log1p(-h))
    weights = np.exp(logs - logs.max())
    return float(np.dot(v, weights)), float(np.dot(w, weights))


def _fold_candidates(differences: list[sympy.Expr], variable: sympy.Symbol,
                     reference: Mapping[sympy.Symbol, sympy.Expr] | None) -> list[sympy.Expr]:
    """Values of ``variable`` where two symmetric equilibria can be born or collide."""
    n = len(differences) - 1
    if n < 2 or not any(variable in d.free_symbols for d in differences):
        return []
    slopes = [sympy.diff(d, variable) for d in differences]
    affine = all(variable not in s.free_symbols for s in slopes)
    others = set().union(*(d.free_symbols for d in differences)) - {variable}
    if not affine:
        if n > SYMBOLIC_FOLD_DEGREE:
            warnings.warn(
                f"payoffs are not affine in {variable}: symmetric equilibria born or colliding "
                f"(folds) are only derived for at most {SYMBOLIC_FOLD_DEGREE + 1} players; the "
                "thresholds found are best-reply switches only",
                RuntimeWarning, stacklevel=4)
            return []
        from deterrence.analysis.thresholds import _roots

        y = sympy.Symbol("y", positive=True)
        polynomial = sum(d * math.comb(n, k) * y**k for k, d in enumerate(differences))
        if others and reference:
            polynomial = polynomial.xreplace(dict(reference))
        try:
            resultant = sympy.resultant(sympy.expand(polynomial),
                                        sympy.expand(sympy.diff(polynomial, y)), y)
        except (sympy.PolynomialError, NotImplementedError):
            return []
        return _roots(sympy.expand(resultant), variable, reference)
    intercepts = [sympy.expand(d - s * variable) for d, s in zip(differences, slopes)]
    if others and n <= SYMBOLIC_FOLD_DEGREE:
        return _symbolic_folds(intercepts, slopes, reference)
    if others:
        if not reference:
            return []
        intercepts = [a.xreplace(dict(reference)) for a in intercepts]
        slopes = [b.xreplace(dict(reference)) for b in slopes]
        if any(e.free_symbols for e in intercepts + slopes):
            return []
    return _affine_folds([_exact(v) for v in intercepts], [_exact(v) for v in slopes])


def _exact(value: sympy.Expr) -> Any:
    if value.is_Rational:
        return Fraction(int(value.p), int(value.q))
    return float(value)


def _symbolic_folds(intercepts: list[sympy.Expr], slopes: list[sympy.Expr],
                    reference: Mapping[sympy.Symbol, sympy.Expr] | None) -> list[sympy.Expr]:
    n = len(intercepts) - 1
    y = sympy.Symbol("y", positive=True)
    a_poly = sum(a * math.comb(n, k) * y**k for k, a in enumerate(intercepts))
    b_poly = sum(b * math.comb(n, k) * y**k for k, b in enumerate(slopes))
    wronskian = sympy.expand(sympy.diff(a_poly, y) * b_poly - a_poly * sympy.diff(b_poly, y))
    if wronskian == 0:
        return []
    out: list[sympy.Expr] = []
    try:
        _, factors = sympy.factor_list(wronskian, y)
    except (sympy.PolynomialError, NotImplementedError):
        factors = [(wronskian, 1)]
    for factor, _ in factors:
        degree = sympy.degree(factor, y)
        if degree < 1:
            continue
        if degree == 1:
            coefficients = sympy.Poly(factor, y).all_coeffs()
            root = -coefficients[1] / coefficients[0]
            value = sympy.cancel(-a_poly.subs(y, root) / b_poly.subs(y, root))
            if value.has(sympy.zoo, sympy.nan):
                continue
            out.append(value)
            continue
        if not reference:
            continue
        numeric = sympy.Poly(factor.xreplace(dict(reference)), y)
        if numeric.free_symbols - {y}:
            continue
        for root in numeric.real_roots():
            if root > 0:
                top = a_poly.xreplace(dict(reference)).subs(y, root)
                bottom = b_poly.xreplace(dict(reference)).subs(y, root)
                if bottom != 0:
                    out.append(sympy.Float(float(-top / bottom), 30))
    return out


def _exact_folds(a: list[Fraction], b: list[Fraction]) -> list[sympy.Expr]:
    import flint

    n = len(a) - 1
    def poly(values: list[Fraction]) -> Any:
        terms = [x * math.comb(n, k) for k, x in enumerate(values)]
        return flint.fmpq_poly([flint.fmpq(t.numerator, t.denominator) for t in terms])

    a_poly, b_poly = poly(a), poly(b)
    wronskian = a_poly.derivative() * b_poly - a_poly * b_poly.derivative()
    if wronskian.degree() < 1:
        return []
    out: list[sympy.Expr] = []
    _, factors = wronskian.factor()
    for factor, _ in factors:
        if factor.degree() == 1:
            coefficients = [Fraction(int(c.p), int(c.q)) for c in factor.coeffs()]
            y = -coefficients[0] / coefficients[1]
            if y <= 0:
                continue
            bottom = sum(x * math.comb(n, k) * y**k for k, x in enumerate(b))
            if bottom == 0:
                continue
            top = sum(x * math.comb(n, k) * y**k for k, x in enumerate(a))
            value = -top / bottom
            out.append(sympy.Rational(value.numerator, value.denominator))
            continue
        roots: list[tuple[Any, int]] = factor.complex_roots()  # type: ignore[assignment]
        for root, _ in roots:
            if not root.imag.is_zero() and float(abs(root.imag.mid())) > 1e-12:
                continue
            y_float = float(root.real.mid())
            if y_float <= 0:
                continue
            h = y_float / (1 + y_float)
            value = _phi(np.array([float(x) for x in a]), np.array([float(x) for x in b]), h)
            if value is not None:
                out.append(sympy.Float(value, 17))
    return out


def _bernstein_value(coefficients: np.ndarray, h: float) -> float:
    from deterrence.solvers.anonymous import _Bernstein

    return _Bernstein(coefficients).value(h)


def _phi(a: np.ndarray, b: np.ndarray, h: float) -> float | None:
    bottom = _bernstein_value(b, h)
    if bottom == 0:
        return None
    return -_bernstein_value(a, h) / bottom


def _numeric_folds(a: np.ndarray, b: np.ndarray) -> list[sympy.Expr]:
    """Critical values of phi = -A/B bracketed on a grid in h (large N)."""
    from scipy.optimize import brentq

    from deterrence.solvers.anonymous import _Bernstein, _difference

    n = len(a) - 1
    functions = [_Bernstein(v) for v in (a, b)]
    derivatives = [_Bernstein(n * _difference(v)) for v in (a, b)]

    def wronskian(h: float) -> float:
        return (derivatives[0].value(h) * functions[1].value(h)
                - functions[0].value(h) * derivatives[1].value(h))

    grid = 1 / (1 + np.exp(-np.linspace(-12, 12, NUMERIC_FOLD_POINTS)))
    values = np.array([wronskian(h) for h in grid])
    out: list[sympy.Expr] = []
    for k in np.flatnonzero(np.sign(values[:-1]) * np.sign(values[1:]) < 0):
        h = brentq(wronskian, grid[k], grid[k + 1], xtol=1e-15)
        value = _phi(a, b, h)
        if value is not None and np.isfinite(value):
            out.append(sympy.Float(value, 17))
    return out


# ---------------------------------------------------------------------- descriptions
def describe_threshold(game: ParametricAnonymousGame, parameter: str, group: list,
                       below: tuple, above: tuple, probe: float,
                       reference_subs: Mapping[sympy.Symbol, sympy.Expr], method: str
                       ) -> tuple[list[str], str, tuple[str, ...], tuple[str, ...]]:
    """Clauses (what switches), the change of equilibria, and both sides' labels."""
    variable = game.parameter(parameter).symbol
    substitutions = dict(reference_subs)
    substitutions[variable] = sympy.Float(probe)
    clauses = []
    member = game.player_label
    n = game.num_players - 1
    seen = set()
    for _value, _expression, info in group:
        if info["kind"] != "pure" or "counts" not in info:
            continue
        if info["counts"] in seen:
            continue
        seen.add(info["counts"])
        try:
            sign = float(info["difference"].xreplace(substitutions))
        except TypeError:
            continue
        better, worse = game.strategies if sign > 0 else game.strategies[::-1]
        counts = list(info["counts"])
        if len(counts) == n + 1:
            when = "whatever the others do"
        else:
            numbers = _join([str(k) for k in counts], "or")
            when = (f"when {numbers} of the other {n} {member}s choose {game.strategies[0]}")
        clauses.append(f"a {member}'s best reply {when} is {better} (rather than {worse})")
    below_labels = labels(game, below)
    above_labels = labels(game, above)
    mixed_below = sum(item[0] == "symmetric" for item in below)
    mixed_above = sum(item[0] == "symmetric" for item in above)
    if any(info.get("event") == "fold" for _v, _e, info in group) and \
            mixed_below != mixed_above:
        verb = "are born" if mixed_above > mixed_below else "collide and vanish"
        clauses.append(f"two symmetric mixed equilibria {verb} (a fold)")
    appear = [x for x in above_labels if x not in below_labels]
    vanish = [x for x in below_labels if x not in above_labels]
    noun, nouns = ("count equilibrium", "count equilibria") if method == "pure" else (
        "equilibrium", "equilibria")
    if len(above_labels) == 1:
        change = f"{above_labels[0]} becomes the unique {noun}"
    else:
        bits = []
        if appear:
            bits.append(_join(appear) + (" appears" if len(appear) == 1 else " appear"))
        if vanish:
            bits.append(_join(vanish) + (" disappears" if len(vanish) == 1 else " disappear"))
        listing = _join(list(above_labels)) if above_labels else "none"
        change = "; ".join(bits) + (f" ({nouns}: {listing})" if bits else f"{nouns}: {listing}")
    return clauses, change, below_labels, above_labels


def _join(items: Sequence[str], conjunction: str = "and") -> str:
    from deterrence.analysis.thresholds import _join as join

    return join(items, conjunction)


def fingerprint_text(game: ParametricAnonymousGame) -> str:
    """A text that changes whenever the game does (for sweep checkpoints)."""
    body = ([str(e) for e in game.expressions] if game.expressions is not None
            else [str(e) for e in game.table.reshape(-1)])
    return repr((game.num_players, body, game.strategies, game.player_label,
                 [(p.name, _fmt(p.default) if p.default is not None else None, str(p.domain))
                  for p in game.parameters]))
