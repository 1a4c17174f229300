r"""Exact thresholds: the critical parameter values at which the equilibrium set changes.

For a game :math:`G(\theta)`, one parameter :math:`t` (the others fixed or kept symbolic) and a
solution concept (Nash equilibria of a strategic form, subgame-perfect equilibria of a tree,
count and symmetric equilibria of an anonymous game, ...; see
:mod:`deterrence.analysis.concepts`), the equilibrium set can only change where some payoff
comparison that the concept makes changes sign. The concept lists those comparisons as exact
*candidate* expressions (best-reply switches, Cramer numerators of support systems, the
choices of backward induction, folds of symmetric equilibria); here every candidate inside
the domain is located at the reference values of the free parameters, candidates with equal
values are grouped, the structure of the equilibrium set is computed between consecutive
candidates, and only the candidates across which it really changes are kept. A concept that
cannot list every comparison exactly (subgames with mixed values) asks for a scan: every
interval is also sampled, and a change found there is bisected and confirmed exactly at a
nearby fraction when one exists (else it is kept as a float and said to be numeric).

Each kept threshold carries a sentence from the concept: what switches and what happens to
the equilibria (in the analyst's words where the game declares
:class:`~deterrence.games.Outcomes`).

References
----------
.. [1] B. von Stengel, "Computing equilibria for two-person games", *Handbook of Game Theory*
   vol. 3, 2002 (support enumeration, section 3).
.. [2] F. C. Zagare and D. M. Kilgour, *Perfect Deterrence*, Cambridge University Press, 2000
   (credibility thresholds in deterrence games).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

import numpy as np
import sympy

from deterrence.analysis.algebra import (
    as_sympy_number,
    fewest_minus_signs,
    format_expression,
    reference_value,
    to_number,
)
from deterrence.analysis.concepts import SolutionConcept, fixed_values, get_concept
from deterrence.exceptions import InvalidGameError
from deterrence.games.parametric import format_value

__all__ = [
    "Threshold",
    "thresholds",
    "structure_at",
    "format_expression",
    "AnalysableGame",
    "prepare_analysis",
    "simplest_fraction",
]

#: What the analysis functions accept: any game whose solution concept is registered in
#: :mod:`deterrence.analysis.concepts` (normal form, parametric, tree, Bayesian, signalling,
#: anonymous), checked at run time by the concept's ``prepare``.
AnalysableGame = Any

#: Points sampled across the domain (plus three in every interval between candidates) when
#: a concept asks for a scan.
SCAN_POINTS = 64


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
    concept : str
        The solution concept whose equilibria change (``"nash"``, ``"subgame_perfect"``,
        ...; see :mod:`deterrence.analysis.concepts`).

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
    concept: str = "nash"

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


# ---------------------------------------------------------------------- shared entry
def prepare_analysis(
    game: AnalysableGame,
    concept: str | SolutionConcept = "auto",
    fixed: Mapping[str, Any] | str | None = None,
    varying: Sequence[str] = (),
) -> tuple[SolutionConcept, Any]:
    """The concept and the prepared game with ``fixed`` applied (every analysis function's
    first step).

    Parameters
    ----------
    game : game
    concept : str or SolutionConcept, default "auto"
    fixed : mapping, "defaults" or None
        As :func:`deterrence.analysis.concepts.fixed_values`.
    varying : sequence of str
        The parameters the caller varies (checked to exist).

    Returns
    -------
    (SolutionConcept, game)

    Raises
    ------
    InvalidGameError
        Unknown concept, parameters, or a game the concept cannot analyse.

    Examples
    --------
    >>> import deterrence as dt
    >>> concept, tree = prepare_analysis(dt.get_model("punishment").build(),
    ...                                  fixed="defaults", varying=["credibility"])
    >>> concept.name, tree.parameter_names
    ('subgame_perfect', ('credibility',))
    """
    chosen = get_concept(game, concept)
    prepared = chosen.prepare(game)
    for name in varying:
        prepared.parameter(name)
    values = fixed_values(prepared, fixed, varying)
    return chosen, chosen.fix(prepared, values)


def structure_at(
    game: AnalysableGame,
    points: Mapping[str, Any],
    *,
    method: str = "auto",
    concept: str | SolutionConcept = "auto",
) -> list[Any]:
    """The equilibrium structure at each of a batch of points.

    Parameters
    ----------
    game : game
        Any analysable game (see :mod:`deterrence.analysis.concepts`).
    points : mapping
        ``{parameter: values}`` of equal lengths; missing parameters take their defaults.
    method : str
        As for :func:`thresholds`.
    concept : str or SolutionConcept, default "auto"
        The solution concept (the game's own by default).

    Returns
    -------
    list
        One hashable structure per point (for strategic forms: the supports of every extreme
        equilibrium, sorted; for trees: the subgame-perfect equilibria's supports on the
        reduced strategic form with the moves on their paths).

    Examples
    --------
    >>> from deterrence.games import ParametricGame
    >>> game = ParametricGame.from_matrices([["x", 0], [0, 1]], [[1, 0], [0, 1]], ["x"])
    >>> structure_at(game, {"x": [-1.0, 1.0]})
    [(((1,), (1,)),), (((0,), (0,)), ((0, 1), (0, 1)), ((1,), (1,)))]
    """
    chosen = get_concept(game, concept)
    prepared = chosen.prepare(game)
    return chosen.structure_at(prepared, points, method=chosen.resolve_method(prepared, method))


def thresholds(
    game: AnalysableGame,
    parameter: str,
    *,
    fixed: Mapping[str, Any] | str | None = None,
    domain: tuple[Any, Any] | None = None,
    method: str = "auto",
    concept: str | SolutionConcept = "auto",
) -> tuple[Threshold, ...]:
    """Exact critical values of one parameter at which the equilibrium set changes.

    Parameters
    ----------
    game : game
        A ``ParametricGame`` (or fixed ``NormalFormGame``), a parametric
        ``ExtensiveFormGame``, a ``ParametricAnonymousGame``, ... (any game whose solution
        concept is registered, see :mod:`deterrence.analysis.concepts`).
    parameter : str
        The parameter to vary.
    fixed : mapping or "defaults", optional
        Values of (some of) the other parameters. Those not fixed stay symbolic: the
        thresholds are then expressions of them, and which candidates matter is decided at
        their defaults (or at a point inside their domains). ``"defaults"`` fixes every
        other parameter that has a default, so each threshold also has a numeric ``value``;
        ``{"defaults": True, "cost": 2}`` does both.
    domain : (low, high), optional
        The interval to search (default: the parameter's domain; unbounded if none).
    method : {"auto", "pure"}
        ``"pure"`` looks only at pure equilibria (what ``"auto"`` means for strategic forms
        with more than two players, whose mixed equilibria are not tracked; the sentences
        then speak of "pure equilibria").
    concept : str or SolutionConcept, default "auto"
        Which equilibria: the game's own concept (subgame perfect for trees, so that a
        threshold is where a *credible* threat starts or stops deterring), or e.g.
        ``"nash"`` for the Nash equilibria of a tree's strategic form.

    Returns
    -------
    tuple of Threshold
        In increasing order of value (at the reference values of the free parameters), each
        recording the concept used.

    Raises
    ------
    InvalidGameError
        Unknown parameter or concept, ``fixed`` naming ``parameter`` itself or unknown names,
        values outside a domain, an empty or reversed domain.

    Notes
    -----
    See the module docstring; each concept's module says which comparisons it lists.

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

    A game tree is analysed by subgame perfection: only credible threats count.

    >>> from deterrence.games.extensive import ExtensiveFormGame, decision, terminal
    >>> tree = ExtensiveFormGame.build(
    ...     players=("challenger", "defender"), parameters=[Parameter("resolve", domain=(0, 4))],
    ...     root=decision("challenger", {
    ...         "status quo": terminal(0, 0),
    ...         "challenge": decision("defender", {"retaliate": terminal(-1, "resolve - 2"),
    ...                                            "concede": terminal(1, -1)})}))
    >>> print(thresholds(tree, "resolve")[0])
    above resolve = 1, the challenger's choice at the start is status quo (rather than
    challenge); the defender's choice after challenge is retaliate (rather than concede);
    (status quo, retaliate) becomes the unique subgame-perfect equilibrium

    The Nash equilibria of its strategic form also count a threat the defender would not
    carry out, ``(status quo, retaliate)`` below ``resolve = 1``:

    >>> print(thresholds(tree, "resolve", concept="nash")[0])
    above resolve = 1, the defender's best reply to challenge is retaliate (rather than
    concede); (challenge, concede) disappears (equilibria: (status quo, retaliate) and (status
    quo, mix of retaliate and concede))
    """
    chosen, game = prepare_analysis(game, concept, fixed, [parameter])
    target = game.parameter(parameter)
    if method not in ("auto", "pure"):
        raise InvalidGameError(f"method must be 'auto' or 'pure', got {method!r}")
    method = chosen.resolve_method(game, method)
    variable = target.symbol
    free = [p for p in game.parameters if p.name != parameter]
    reference = {p.name: reference_value(p) for p in free}
    reference_subs = {p.symbol: as_sympy_number(v) for p, v in zip(free, reference.values())}
    low, high = _domain(target, domain)
    candidates = chosen.candidates(game, variable, reference_subs, (low, high), method=method)
    located = _locate(candidates, reference_subs, low, high)
    groups = _group(located)
    values = [float(g[0][0]) for g in groups]
    edges = [
        float(low)
        if low is not None
        else (values[0] - max(1.0, abs(values[0])) if values else -1.0)
    ]
    edges += values
    edges.append(
        float(high)
        if high is not None
        else (values[-1] + max(1.0, abs(values[-1])) if values else 1.0)
    )
    probes = np.array([(edges[k] + edges[k + 1]) / 2 for k in range(len(edges) - 1)])

    memo: dict[float, Any] = {}

    def structures(points: np.ndarray) -> list[Any]:
        todo = [
            float(x)
            for x in dict.fromkeys(np.asarray(points, dtype=np.float64).tolist())
            if float(x) not in memo
        ]
        if todo:
            batch = {parameter: np.asarray(todo, dtype=np.float64)}
            for p, v in zip(free, reference.values()):
                batch[p.name] = np.full(len(todo), float(v))
            memo.update(zip(todo, chosen.structure_at(game, batch, method=method)))
        return [memo[float(x)] for x in np.asarray(points, dtype=np.float64)]

    found = structures(probes) if groups else []
    if chosen.needs_scan(game):
        fixed_point = dict(zip([p.name for p in free], reference.values()))

        def exact_check(value: Fraction) -> Any:
            return chosen.structure_at_exact(game, {**fixed_point, parameter: value}, method=method)

        extra = _scan(structures, edges, exact_check)
        if extra:
            groups = _group(sorted(located + extra, key=lambda item: float(item[0])))
            values = [float(g[0][0]) for g in groups]
            edges = edges[:1] + values + edges[-1:]
            probes = np.array([(edges[k] + edges[k + 1]) / 2 for k in range(len(edges) - 1)])
            found = structures(probes)
    out = []
    for k, group in enumerate(groups):
        below, above = found[k], found[k + 1]
        if below == above:
            continue
        out.append(
            _make_threshold(
                chosen,
                game,
                parameter,
                group,
                below,
                above,
                free,
                probes[k + 1],
                reference_subs,
                method,
            )
        )
    return tuple(out)


def _domain(target: Any, domain: tuple[Any, Any] | None) -> tuple[Any, Any]:
    if domain is None:
        domain = target.domain or (None, None)
    if not isinstance(domain, (tuple, list)) or len(domain) != 2:
        raise InvalidGameError(f"domain must be a pair (low, high), got {domain!r}")
    low, high = (None if v is None else target.validate(v) for v in domain)
    if low is not None and high is not None and not low < high:
        raise InvalidGameError(
            f"domain of {target.name!r} is ({format_value(low)}, {format_value(high)}); "
            "expected low < high"
        )
    return low, high


def _locate(
    candidates: Sequence[tuple[sympy.Expr, dict]],
    reference_subs: Mapping[sympy.Symbol, sympy.Expr],
    low: Any,
    high: Any,
) -> list[tuple[Any, sympy.Expr, dict]]:
    """The numeric value of every candidate at the reference point, inside the domain."""
    located: list[tuple[Any, sympy.Expr, dict]] = []
    for expression, info in candidates:
        number = sympy.sympify(expression).xreplace(reference_subs)
        if info.get("numeric"):  # located numerically: a float, not a rational guess
            if number.is_real and number.is_number:
                approximate = float(number)
                if not (
                    (low is not None and approximate <= low)
                    or (high is not None and approximate >= high)
                ):
                    located.append((approximate, expression, info))
            continue
        try:
            number = sympy.nsimplify(number) if number.is_Float else number
            if not number.is_real or number.has(sympy.zoo, sympy.nan):
                continue
            value = (
                to_number(sympy.simplify(number))
                if not number.is_Rational
                else Fraction(int(number.p), int(number.q))
            )
        except (TypeError, ValueError):
            continue
        if (low is not None and value <= low) or (high is not None and value >= high):
            continue
        located.append((value, expression, info))
    return located


def _group(located: list[tuple[Any, sympy.Expr, dict]]) -> list[list[tuple[Any, sympy.Expr, dict]]]:
    """Candidates with the same value, in increasing order."""
    located = sorted(located, key=lambda item: float(item[0]))
    groups: list[list[tuple[Any, sympy.Expr, dict]]] = []
    for item in located:
        if groups and (
            item[0] == groups[-1][0][0]
            or (isinstance(item[0], float) and abs(item[0] - float(groups[-1][0][0])) < 1e-12)
        ):
            groups[-1].append(item)
        else:
            groups.append([item])
    return groups


def _scan(
    structures: Any, edges: list[float], exact_check: Any = None
) -> list[tuple[Any, sympy.Expr, dict]]:
    """Changes inside intervals believed constant: sample, bisect, confirm exactly.

    Each change is bisected until a fraction with a denominator up to 10^6 lies in the
    bracket and the structures just either side of it (1e-7 away, relative) differ as the
    bracket's do: that fraction is the threshold. Otherwise the bisection runs to float
    resolution and the threshold is kept as a float (said to be located numerically).
    """
    out: list[tuple[Any, sympy.Expr, dict]] = []
    overall = np.linspace(edges[0], edges[-1], SCAN_POINTS + 2)[1:-1]
    for k in range(len(edges) - 1):
        low, high = edges[k], edges[k + 1]
        # the overall grid's points inside this interval, and at least three of its own
        inside = overall[(overall > low) & (overall < high)]
        grid = np.union1d(inside, np.linspace(low, high, 5)[1:-1])
        sampled = structures(grid)
        for j in range(1, len(grid)):
            if sampled[j] == sampled[j - 1]:
                continue
            left, right = float(grid[j - 1]), float(grid[j])
            left_structure = sampled[j - 1]
            exact = None
            for _ in range(60):
                scale = max(1.0, abs(left))
                if right - left < 1e-5 * scale:
                    exact = _confirm_fraction(structures, left, right, left_structure, exact_check)
                    if exact is not None or right - left < 1e-12 * scale:
                        break
                middle = (left + right) / 2
                if middle in (left, right):
                    break
                if structures(np.array([middle]))[0] == left_structure:
                    left = middle
                else:
                    right = middle
            if exact is not None:
                out.append(
                    (
                        exact,
                        sympy.Rational(exact.numerator, exact.denominator),
                        {"kind": "pure", "scan": True},
                    )
                )
                continue
            value = (left + right) / 2
            out.append(
                (value, sympy.Float(value, 15), {"kind": "pure", "scan": True, "numeric": True})
            )
    return out


def simplest_fraction(low: float, high: float) -> Fraction:
    """The fraction with the smallest denominator in ``[low, high]`` (Stern-Brocot).

    Examples
    --------
    >>> simplest_fraction(2.93999, 2.94002)
    Fraction(147, 50)
    >>> simplest_fraction(0.3, 0.4)
    Fraction(1, 3)
    """
    a, b = Fraction(low), Fraction(high)
    if a > b:
        a, b = b, a
    floor = a.numerator // a.denominator
    if Fraction(floor) == a:
        return a
    if floor + 1 <= b:
        return Fraction(floor + 1)
    # both in (floor, floor + 1): recurse on the reciprocals of the fractional parts
    inner = (
        simplest_fraction(float(1 / (b - floor)), float(1 / (a - floor)))
        if (b - floor) and (a - floor)
        else Fraction(0)
    )
    return floor + 1 / inner if inner else Fraction(floor)


def _confirm_fraction(
    structures: Any, left: float, right: float, left_structure: Any, exact_check: Any = None
) -> Fraction | None:
    """The simplest fraction (denominator up to 10^6) in ``[left, right]`` across which the
    structure changes as it does across the bracket, if there is one (checked in exact
    arithmetic 10^-12 either side when the concept can solve exactly, else 1e-7 away)."""
    guess = simplest_fraction(left, right)
    if guess.denominator > 10**6:
        return None
    if exact_check is not None:
        delta = Fraction(1, 10**12)
        below, above = exact_check(guess - delta), exact_check(guess + delta)
        if below is not None and above is not None:
            return guess if below == left_structure and above != left_structure else None
    delta_float = 1e-7 * max(1.0, abs(float(guess)))
    sides = structures(np.array([float(guess) - delta_float, float(guess) + delta_float]))
    if sides[0] == left_structure and sides[1] != left_structure:
        return guess
    return None


def _choose_expression(group: list[tuple[Any, sympy.Expr, dict]]) -> sympy.Expr:
    ranked = sorted(group, key=lambda item: (item[2]["kind"] != "pure", sympy.count_ops(item[1])))
    if sympy.count_ops(ranked[0][1]) >= 40:
        return ranked[0][1]
    return fewest_minus_signs(sympy.simplify(ranked[0][1]))


def _make_threshold(
    concept: SolutionConcept,
    game: Any,
    parameter: str,
    group: list[tuple[Any, sympy.Expr, dict]],
    below: Any,
    above: Any,
    free: list[Any],
    probe: float,
    reference_subs: Mapping[sympy.Symbol, Any],
    method: str,
) -> Threshold:
    expression = _choose_expression(group)
    value = group[0][0] if not free or expression.is_number else None
    kinds = {item[2]["kind"] for item in group}
    kind = "pure+mixed" if len(kinds) == 2 else kinds.pop()
    change = concept.describe(game, parameter, group, below, above, probe, reference_subs, method)
    clauses = list(change.clauses)
    shown = format_expression(expression)
    if value is not None and not expression.is_number:
        shown += f" = {format_value(value)}"
    elif isinstance(value, Fraction) and len(str(value)) > 40:
        shown = (
            f"{float(value):.6g} (exactly a ratio of {len(str(value.numerator))}- and "
            f"{len(str(value.denominator))}-digit integers)"
        )
    elif value is not None:
        shown = format_value(value) if isinstance(value, Fraction) else f"{float(value):.6g}"
    if not clauses and kind != "pure":
        clauses.append("a mixed equilibrium enters or leaves the simplex")
    numeric = any(item[2].get("numeric") for item in group)
    description = f"above {parameter} = {shown}, " + "; ".join(clauses + [change.change])
    if numeric:
        description += " (located numerically)"
    return Threshold(
        parameter,
        expression,
        value,
        description,
        change.below,
        change.above,
        kind,
        change.players,
        concept.name,
    )
