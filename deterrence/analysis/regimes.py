r"""Regime maps: partitions of parameter space into regions with the same equilibrium structure.

A *regime* is a maximal region of parameter space on which the equilibrium set has the same
structure (the same equilibria, identified by their supports: ``(refrain, share)``,
``(mix of coerce and refrain, share)``, ...). In one parameter the partition is exact: the
regimes are the intervals between consecutive :func:`~deterrence.analysis.thresholds`.
In two parameters the regions are found by adaptive refinement (a quadtree that splits every
cell whose corners and centre disagree), and the boundaries between them are drawn exactly
wherever the algebra allows: each candidate threshold in the first parameter, solved as an
expression of the second, is kept on the stretches where it really separates two regimes.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping
from fractions import Fraction
from typing import Any

import numpy as np
import pandas as pd
import sympy

from deterrence.analysis.concepts import SolutionConcept, get_concept
from deterrence.analysis.thresholds import (
    AnalysableGame,
    Threshold,
    format_expression,
    prepare_analysis,
    thresholds,
)
from deterrence.exceptions import BudgetExceededError, InvalidGameError
from deterrence.games import limits

__all__ = ["Regime", "RegimeMap", "Boundary", "regimes"]


@dataclasses.dataclass(frozen=True)
class Regime:
    """A region of parameter space with one equilibrium structure.

    Attributes
    ----------
    outcomes : tuple of str
        Each equilibrium in the analyst's words where the game declares
        :class:`~deterrence.games.Outcomes` (``"coercion deterred"``), else its profile,
        e.g. ``"(refrain, share)"``; mixed ones as ``"(mix of coerce and refrain, share)"``.
    bounds : dict
        ``{parameter: (low, high)}``: the interval (1-D, exact) or the bounding box (2-D).
    sample : dict
        A point inside the regime.
    area : float
        Fraction of the domain covered (1 for the whole interval or rectangle).
    method : str
        ``"auto"`` (every extreme equilibrium) or ``"pure"`` (only pure equilibria were
        sought: a mixed equilibrium may exist where none is listed).
    equilibria : tuple of str
        The raw profiles, one per equilibrium (equal to ``outcomes`` when the game declares
        no words).
    concept : str
        The solution concept (``"nash"``, ``"subgame_perfect"``, ...).

    Examples
    --------
    >>> r = Regime(("(refrain, share)",), {"credibility": (Fraction(1, 4), Fraction(1))},
    ...            {"credibility": 0.625}, 0.75)
    >>> r.label, r.num_equilibria
    ('(refrain, share)', 1)
    >>> Regime((), {"x": (0, 1)}, {"x": 0.5}, method="pure").label
    'no pure equilibrium'
    """

    outcomes: tuple[str, ...]
    bounds: Mapping[str, tuple[Any, Any]]
    sample: Mapping[str, float]
    area: float = 1.0
    method: str = "auto"
    equilibria: tuple[str, ...] = ()
    concept: str = "nash"

    def __post_init__(self) -> None:
        if not self.equilibria:
            object.__setattr__(self, "equilibria", tuple(self.outcomes))

    @property
    def label(self) -> str:
        """The distinct outcomes joined by ``" | "`` (``"no equilibrium"``, or ``"no pure
        equilibrium"`` when only pure equilibria were sought, when empty)."""
        if self.outcomes:
            return " | ".join(dict.fromkeys(self.outcomes))
        return "no pure equilibrium" if self.method == "pure" else "no equilibrium"

    @property
    def description(self) -> str:
        """The label, saying when only pure equilibria were sought.

        Examples
        --------
        >>> Regime(("(a, b, c)",), {"x": (0, 1)}, {"x": 0.5}, method="pure").description
        '(a, b, c) (pure equilibria only)'
        """
        if self.method == "pure" and self.outcomes:
            return f"{self.label} (pure equilibria only)"
        return self.label

    @property
    def num_equilibria(self) -> int:
        """Number of (extreme) equilibria in the regime."""
        return len(self.equilibria)


@dataclasses.dataclass(frozen=True)
class Boundary:
    """An exact boundary curve ``parameter = expression(other)`` of a 2-D regime map.

    Attributes
    ----------
    parameter : str
        The parameter solved for.
    expression : sympy.Expr
        Its value as an expression of ``other``.
    other : str
        The other parameter.
    other_values, values : numpy.ndarray
        Sampled points of the curve inside the rectangle.
    separates : numpy.ndarray
        Boolean mask: where the curve really separates two regimes.

    Examples
    --------
    >>> import numpy as np, sympy
    >>> b = Boundary("x", sympy.Symbol("y") / 2, "y", np.array([0.0, 1.0]), np.array([0.0, 0.5]),
    ...              np.array([True, True]))
    >>> b.label
    'x = y/2'
    """

    parameter: str
    expression: sympy.Expr
    other: str
    other_values: np.ndarray
    values: np.ndarray
    separates: np.ndarray

    @property
    def label(self) -> str:
        """``"parameter = expression"``."""
        return f"{self.parameter} = {format_expression(self.expression)}"


@dataclasses.dataclass(frozen=True, eq=False)
class RegimeMap:
    """The regimes of a game over an interval or a rectangle of parameter values.

    Attributes
    ----------
    game : game
        The prepared game (for the concept) with the non-mapped parameters fixed.
    parameters : tuple of str
        One or two mapped parameters.
    domain : dict
        ``{parameter: (low, high)}``.
    regimes : tuple of Regime
        In increasing order (1-D) or by decreasing area (2-D).
    thresholds : tuple of Threshold
        1-D: the thresholds between consecutive regimes.
    boundaries : tuple of Boundary
        2-D: exact boundary curves.
    cells : pandas.DataFrame or None
        2-D: the refined cells (``x_low, x_high, y_low, y_high, regime``).
    method : str
        Which equilibria define the regimes: ``"auto"`` (every extreme equilibrium, for
        two-player games) or ``"pure"`` (pure equilibria only; the default for games with
        more than two players, whose mixed equilibria are not sought).
    concept : str
        The solution concept whose equilibria define the regimes.

    Examples
    --------
    >>> from deterrence.games import Parameter, ParametricGame
    >>> game = ParametricGame.from_matrices([["x", 0], [0, 1]], [[1, 0], [0, 1]],
    ...                                     [Parameter("x", domain=(-1, 1))])
    >>> found = regimes(game, "x")
    >>> len(found), found.parameters, found[1].num_equilibria
    (2, ('x',), 3)
    """

    game: Any
    parameters: tuple[str, ...]
    domain: Mapping[str, tuple[Any, Any]]
    regimes: tuple[Regime, ...]
    thresholds: tuple[Threshold, ...] = ()
    boundaries: tuple[Boundary, ...] = ()
    cells: pd.DataFrame | None = None
    method: str = "auto"
    concept: str = "nash"

    def __len__(self) -> int:
        return len(self.regimes)

    def __iter__(self) -> Iterator[Regime]:
        return iter(self.regimes)

    def __getitem__(self, index: int) -> Regime:
        return self.regimes[index]

    def regime_at(self, **values: Any) -> Regime:
        """The regime containing a point (computed, not looked up in cells).

        Examples
        --------
        >>> from deterrence.games import Parameter, ParametricGame
        >>> game = ParametricGame.from_matrices([["x", 0], [0, 1]], [[1, 0], [0, 1]],
        ...                                     [Parameter("x", domain=(-1, 1))])
        >>> regimes(game, "x").regime_at(x=-0.5).label
        '(s2, s2)'
        """
        missing = sorted(set(self.parameters) - set(values))
        if missing:
            raise InvalidGameError(f"regime_at needs values for {missing}")
        concept = get_concept(self.game, self.concept)
        [structure] = concept.structure_at(
            self.game, {k: [float(v)] for k, v in values.items()}, method=self.method
        )
        labels = concept.labels(self.game, structure)
        for regime in self.regimes:
            if regime.equilibria == labels:
                return regime
        return Regime(
            concept.outcomes(self.game, structure),
            {k: (v, v) for k, v in values.items()},
            {k: float(v) for k, v in values.items()},
            0.0,
            self.method,
            labels,
            concept.name,
        )

    def to_frame(self) -> pd.DataFrame:
        """One row per regime: bounds, outcomes, number of equilibria, area, a sample point.

        Examples
        --------
        >>> from deterrence.games import Parameter, ParametricGame
        >>> game = ParametricGame.from_matrices([["x", 0], [0, 1]], [[1, 0], [0, 1]],
        ...                                     [Parameter("x", domain=(-1, 1))])
        >>> regimes(game, "x").to_frame()[["x_low", "x_high", "num_equilibria"]]
           x_low  x_high  num_equilibria
        0   -1.0     0.0               1
        1    0.0     1.0               3
        """
        rows = []
        for regime in self.regimes:
            row: dict[str, Any] = {}
            for name in self.parameters:
                low, high = regime.bounds[name]
                row[f"{name}_low"] = float(low)
                row[f"{name}_high"] = float(high)
            row["outcomes"] = regime.label
            row["equilibria"] = " | ".join(regime.equilibria)
            row["num_equilibria"] = regime.num_equilibria
            row["area"] = regime.area
            for name in self.parameters:
                row[f"sample_{name}"] = regime.sample[name]
            rows.append(row)
        return pd.DataFrame(rows)

    def __repr__(self) -> str:
        only = "; pure equilibria only" if self.method == "pure" else ""
        which = "" if self.concept == "nash" else f"; {get_concept(None, self.concept).title}"
        lines = [
            f"RegimeMap({', '.join(self.parameters)}; {len(self.regimes)} regimes{which}{only})"
        ]
        for regime in self.regimes:
            span = ", ".join(
                f"{n} in [{_show(regime.bounds[n][0])}, {_show(regime.bounds[n][1])}]"
                for n in self.parameters
            )
            extra = f" ({regime.area:.0%} of the area)" if len(self.parameters) == 2 else ""
            lines.append(f"  {span}: {regime.label}{extra}")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        """The regimes as an HTML table, with the thresholds between them (Jupyter)."""
        from deterrence.display import regimes_to_html

        html = regimes_to_html(self)
        if self.method == "pure":
            html += (
                "<p><i>Pure equilibria only: mixed equilibria were not sought "
                "(method='pure').</i></p>"
            )
        return html


def _show(value: Any) -> str:
    if isinstance(value, Fraction):
        return str(value)
    return f"{float(value):.4g}"


def _intervals(game: Any, domain: Any) -> dict[str, tuple[Any, Any]]:
    if isinstance(domain, str):
        domain = {domain: None}
    elif isinstance(domain, (list, tuple)) and all(isinstance(d, str) for d in domain):
        domain = {d: None for d in domain}
    if not isinstance(domain, Mapping) or not 1 <= len(domain) <= 2:
        raise InvalidGameError(
            f"domain must map one or two parameter names to (low, high) intervals, got {domain!r}"
        )
    intervals = {}
    for name, interval in domain.items():
        parameter = game.parameter(name)
        if interval is None:
            interval = parameter.domain
        if interval is None or interval[0] is None or interval[1] is None:
            raise InvalidGameError(
                f"parameter {name!r} needs a bounded interval: pass domain={{{name!r}: "
                "(low, high)}"
            )
        low, high = (parameter.validate(v) for v in interval)
        if not low < high:
            raise InvalidGameError(f"interval of {name!r} is ({low}, {high}); expected low < high")
        intervals[name] = (low, high)
    return intervals


def _prepare(
    game: AnalysableGame,
    domain: Any,
    fixed: Mapping[str, Any] | str | None,
    concept: str | SolutionConcept,
) -> tuple[SolutionConcept, Any, dict[str, tuple[Any, Any]]]:
    chosen = get_concept(game, concept)
    prepared = chosen.prepare(game)
    intervals = _intervals(prepared, domain)
    if isinstance(fixed, Mapping):
        overlap = sorted(set(fixed) & set(intervals))
        if overlap:
            raise InvalidGameError(f"parameters {overlap} are both mapped and fixed")
    chosen, prepared = prepare_analysis(game, chosen, fixed, list(intervals))
    missing = [p.name for p in prepared.parameters if p.name not in intervals and p.default is None]
    if missing:
        raise InvalidGameError(
            f"parameters {missing} are not mapped, not fixed and have no default; pass fixed="
        )
    defaults = {p.name: p.default for p in prepared.parameters if p.name not in intervals}
    return chosen, chosen.fix(prepared, defaults), intervals


def regimes(
    game: AnalysableGame,
    domain: Any,
    *,
    fixed: Mapping[str, Any] | str | None = None,
    resolution: int = 16,
    max_depth: int = 4,
    samples: int = 200,
    method: str = "auto",
    concept: str | SolutionConcept = "auto",
    max_points: float | None = None,
    progress: bool = True,
) -> RegimeMap:
    """Partition an interval or a rectangle of parameter values into equilibrium regimes.

    Parameters
    ----------
    game : game
        Any analysable game (see :mod:`deterrence.analysis.concepts`): a ``ParametricGame``,
        a parametric ``ExtensiveFormGame`` (subgame-perfect regimes by default: only
        credible threats deter), a ``ParametricAnonymousGame``, ...
    domain : mapping, str or sequence of str
        ``{parameter: (low, high)}`` with one or two parameters (``None`` for an interval
        uses the parameter's declared domain), or just the name(s).
    fixed : mapping or "defaults", optional
        Values of other parameters (the rest take their defaults), as for
        :func:`~deterrence.analysis.thresholds`.
    resolution : int, default 16
        2-D: initial cells per side.
    max_depth : int, default 4
        2-D: how many times a boundary cell is split in four (the finest cells have side
        ``1 / (resolution * 2**max_depth)`` of the rectangle).
    samples : int, default 200
        2-D: points sampled along each exact boundary curve.
    method : {"auto", "pure"}
        Which equilibria define a regime. ``"auto"`` uses every extreme equilibrium of
        two-player games and, as :func:`~deterrence.analysis.thresholds` does, only the pure
        equilibria of games with more than two players (whose mixed equilibria
        :func:`deterrence.solve` finds by polynomial enumeration, too slow to repeat at
        every point of a map, and whose mixed thresholds are not derived). The map records
        the method used (``RegimeMap.method``, shown as "pure equilibria only").
    concept : str or SolutionConcept, default "auto"
        The solution concept (the game's own by default; ``"nash"`` maps a tree's strategic
        form). Recorded as ``RegimeMap.concept``.
    max_points : int, optional
        2-D: the most points the refinement may solve (default
        :data:`~deterrence.games.limits.MAX_REGIME_POINTS`); a larger estimate is refused up
        front, saying how to opt in (``math.inf`` for no limit).
    progress : bool, default True
        2-D: show a ``tqdm.auto`` progress bar over the refinement levels (it appears only
        for maps that take more than
        ``deterrence.solvers.api.PROGRESS_DELAY`` seconds, as for ``solve()``).

    Returns
    -------
    RegimeMap

    Raises
    ------
    InvalidGameError
        Unknown parameters, unbounded intervals, parameters neither mapped, fixed nor
        defaulted; a 2-D refinement above ``max_points`` or finer than floating point can
        tell apart (``max_depth=60``).

    Notes
    -----
    1-D maps are exact: regimes are the intervals between the thresholds of
    :func:`~deterrence.analysis.thresholds`, with exact (``Fraction``) endpoints whenever the
    thresholds are rational. 2-D maps label a quadtree of cells by solving at cell corners
    and centres in batches (the vectorised sweep path where it applies); regime areas are
    accurate to the finest cell. The exact boundary curves are the candidate thresholds in
    the first parameter as functions of the second (and constant thresholds in the second),
    kept where solving just either side of the curve gives different structures.

    Examples
    --------
    >>> from deterrence.games import Parameter, ParametricGame
    >>> game = ParametricGame.from_matrices(
    ...     [["(1 - credibility)*benefit - credibility*cost", "benefit"], [0, 0]],
    ...     [[-1, -3], [1, 0]],
    ...     [Parameter("credibility", domain=(0, 1)), Parameter("benefit", default=2),
    ...      Parameter("cost", default=6, domain=(0, 10))],
    ...     players=("coercer", "coalition"),
    ...     strategies=(("coerce", "refrain"), ("share", "hoard")))
    >>> regimes(game, "credibility")
    RegimeMap(credibility; 2 regimes)
      credibility in [0, 1/4]: (coerce, share)
      credibility in [1/4, 1]: (refrain, share)
    >>> two = regimes(game, {"credibility": (0, 1), "cost": (0, 10)}, resolution=8, max_depth=2)
    >>> [r.label for r in two], [b.label for b in two.boundaries]
    (['(refrain, share)', '(coerce, share)'], ['credibility = 2/(cost + 2)'])

    With three players only pure equilibria are sought, and the map says so (a leader
    opens when ``x > 0``; two followers match the leader):

    >>> trio = ParametricGame(
    ...     [[[["x", "x"], ["x", "x"]], [[0, 0], [0, 0]]],
    ...      [[[1, 1], [0, 0]], [[0, 0], [1, 1]]],
    ...      [[[1, 0], [1, 0]], [[0, 1], [0, 1]]]],
    ...     [Parameter("x", domain=(-1, 1))], players=("leader", "bloc B", "bloc C"),
    ...     strategies=(("open", "close"),) * 3)
    >>> regimes(trio, "x")
    RegimeMap(x; 2 regimes; pure equilibria only)
      x in [-1, 0]: (close, close, close)
      x in [0, 1]: (open, open, open)
    """
    chosen, game, intervals = _prepare(game, domain, fixed, concept)
    if method not in ("auto", "pure"):
        raise InvalidGameError(f"method must be 'auto' or 'pure', got {method!r}")
    method = chosen.resolve_method(game, method)
    names = tuple(intervals)
    if len(names) == 1:
        return _one_dimensional(chosen, game, names[0], intervals[names[0]], method)
    return _two_dimensional(
        chosen,
        game,
        names,
        intervals,
        resolution,
        max_depth,
        samples,
        method,
        _refinement_budget(intervals, resolution, max_depth, max_points),
        progress,
    )


def _refinement_budget(
    intervals: Mapping[str, tuple[Any, Any]], resolution: Any, max_depth: Any, max_points: Any
) -> int:
    """Check the 2-D refinement up front; return its estimated number of points."""
    for name, value in (("resolution", resolution), ("max_depth", max_depth)):
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
            raise InvalidGameError(f"{name} must be an integer, got {value!r}")
    if resolution < 1 or max_depth < 0:
        raise InvalidGameError("resolution must be >= 1 and max_depth >= 0")
    if max_points is not None and (
        isinstance(max_points, bool)
        or not isinstance(max_points, (int, float, np.number))
        or not max_points >= 0
    ):
        raise InvalidGameError(f"max_points must be a number >= 0, got {max_points!r}")
    # the finest cells must stay wider than floating point can resolve on each axis
    for name, (low, high) in intervals.items():
        low, high = float(low), float(high)
        spacing = np.spacing(max(abs(low), abs(high), np.finfo(float).tiny))
        width = (high - low) / resolution
        useful = int(np.floor(np.log2(width / (64 * spacing)))) if width > 0 else 0
        if max_depth > useful:
            raise InvalidGameError(
                f"max_depth={max_depth} splits cells of {name} in [{low:g}, {high:g}] "
                f"(resolution {resolution}) below the precision of floating point; the "
                f"deepest useful refinement is max_depth={max(useful, 0)}"
            )
    estimate = 5 * resolution**2 + 20 * resolution * (2**max_depth - 1)
    budget = limits.MAX_REGIME_POINTS if max_points is None else max_points
    if estimate > budget:
        raise BudgetExceededError(
            f"a map with resolution={resolution} and max_depth={max_depth} solves about "
            f"{estimate:,} points (more for several boundaries), more than the budget of "
            f"{int(budget):,}; lower max_depth (each step doubles the work along a boundary) "
            f"or opt in with max_points={estimate} (math.inf for no limit), or raise "
            "deterrence.games.limits.MAX_REGIME_POINTS",
            estimate,
        )
    return estimate


def _one_dimensional(
    concept: SolutionConcept, game: Any, name: str, interval: tuple[Any, Any], method: str
) -> RegimeMap:
    low, high = interval
    found = thresholds(game, name, domain=(low, high), method=method, concept=concept)
    cuts = [low] + [t.value for t in found] + [high]
    probes = [(float(cuts[k]) + float(cuts[k + 1])) / 2 for k in range(len(cuts) - 1)]
    structures = concept.structure_at(game, {name: probes}, method=method)
    width = float(high) - float(low)
    out = []
    for k, structure in enumerate(structures):
        out.append(
            Regime(
                concept.outcomes(game, structure),
                {name: (cuts[k], cuts[k + 1])},
                {name: probes[k]},
                (float(cuts[k + 1]) - float(cuts[k])) / width,
                method,
                concept.labels(game, structure),
                concept.name,
            )
        )
    return RegimeMap(
        game,
        (name,),
        {name: interval},
        tuple(out),
        thresholds=found,
        method=method,
        concept=concept.name,
    )


def _two_dimensional(
    concept, game, names, intervals, resolution, max_depth, samples, method, estimate, progress
) -> RegimeMap:
    from tqdm.auto import tqdm

    from deterrence.solvers.api import PROGRESS_DELAY

    x_name, y_name = names
    (x_low, x_high), (y_low, y_high) = (tuple(map(float, intervals[n])) for n in names)
    x_edges = np.linspace(x_low, x_high, resolution + 1)
    y_edges = np.linspace(y_low, y_high, resolution + 1)
    xs, ys = np.meshgrid(x_edges[:-1], y_edges[:-1], indexing="ij")
    cells = np.stack(
        [
            xs.ravel(),
            (xs + (x_edges[1] - x_edges[0])).ravel(),
            ys.ravel(),
            (ys + (y_edges[1] - y_edges[0])).ravel(),
        ],
        axis=1,
    )
    cache: dict[tuple[float, float], Any] = {}

    def structures(points: np.ndarray) -> list:
        todo = [tuple(p) for p in points if tuple(p) not in cache]
        todo = list(dict.fromkeys(todo))
        if todo:
            array = np.array(todo)
            found = concept.structure_at(
                game, {x_name: array[:, 0], y_name: array[:, 1]}, method=method
            )
            cache.update(zip(todo, found))
        return [cache[tuple(p)] for p in points]

    final = []
    bar = tqdm(
        total=max_depth + 1,
        disable=not progress,
        delay=PROGRESS_DELAY,  # the same two seconds as solve(): quick maps stay silent
        unit="level",
        desc=f"regimes (about {estimate:,} points)",
    )
    for depth in range(max_depth + 1):
        bar.update(1)
        corners = np.concatenate(
            [
                cells[:, [0, 2]],
                cells[:, [1, 2]],
                cells[:, [0, 3]],
                cells[:, [1, 3]],
                np.stack([(cells[:, 0] + cells[:, 1]) / 2, (cells[:, 2] + cells[:, 3]) / 2], 1),
            ]
        )
        found = structures(corners)
        count = len(cells)
        split = []
        for k in range(count):
            labels = {found[k + j * count] for j in range(5)}
            if len(labels) == 1 or depth == max_depth:
                final.append((*cells[k], found[k + 4 * count]))
            else:
                split.append(cells[k])
        if not split:
            break
        parent = np.array(split)
        x_mid = (parent[:, 0] + parent[:, 1]) / 2
        y_mid = (parent[:, 2] + parent[:, 3]) / 2
        cells = np.concatenate(
            [
                np.stack([parent[:, 0], x_mid, parent[:, 2], y_mid], 1),
                np.stack([x_mid, parent[:, 1], parent[:, 2], y_mid], 1),
                np.stack([parent[:, 0], x_mid, y_mid, parent[:, 3]], 1),
                np.stack([x_mid, parent[:, 1], y_mid, parent[:, 3]], 1),
            ]
        )
    bar.close()
    total_area = (x_high - x_low) * (y_high - y_low)
    by_structure: dict[Any, list] = {}
    for cell in final:
        by_structure.setdefault(cell[4], []).append(cell[:4])
    regime_list = []
    structure_index = {}
    for structure, cell_boxes in by_structure.items():
        boxes = np.array(cell_boxes, dtype=float)
        areas = (boxes[:, 1] - boxes[:, 0]) * (boxes[:, 3] - boxes[:, 2])
        biggest = boxes[int(np.argmax(areas))]
        regime_list.append(
            Regime(
                concept.outcomes(game, structure),
                {
                    x_name: (boxes[:, 0].min(), boxes[:, 1].max()),
                    y_name: (boxes[:, 2].min(), boxes[:, 3].max()),
                },
                {x_name: (biggest[0] + biggest[1]) / 2, y_name: (biggest[2] + biggest[3]) / 2},
                float(areas.sum() / total_area),
                method,
                concept.labels(game, structure),
                concept.name,
            )
        )
    order = sorted(range(len(regime_list)), key=lambda k: -regime_list[k].area)
    regime_list = [regime_list[k] for k in order]
    keys = list(by_structure)
    for new, old in enumerate(order):
        structure_index[keys[old]] = new
    cell_frame = pd.DataFrame(
        [(*c[:4], structure_index[c[4]]) for c in final],
        columns=[f"{x_name}_low", f"{x_name}_high", f"{y_name}_low", f"{y_name}_high", "regime"],
    )
    boundaries = _boundaries(
        concept, game, x_name, y_name, (x_low, x_high), (y_low, y_high), samples, method
    )
    return RegimeMap(
        game,
        names,
        dict(intervals),
        tuple(regime_list),
        boundaries=boundaries,
        cells=cell_frame,
        method=method,
        concept=concept.name,
    )


def _boundaries(
    concept, game, x_name, y_name, x_range, y_range, samples, method
) -> tuple[Boundary, ...]:
    out = []
    seen = set()
    curves: set[tuple[str, bytes]] = set()
    for solved, other, solved_range, other_range in (
        (x_name, y_name, x_range, y_range),
        (y_name, x_name, y_range, x_range),
    ):
        solved_symbol = game.parameter(solved).symbol
        other_symbol = game.parameter(other).symbol
        candidates = concept.candidates(game, solved_symbol, {}, (None, None), method=method)
        raw_seen = set()
        for expression, _info in candidates:
            # cheap checks on the expression as found; simplify (slow: it dominated the maps
            # of 4x4 games) only the few curves that separate two structures
            raw_key = sympy.srepr(expression)
            if raw_key in raw_seen:
                continue
            raw_seen.add(raw_key)
            if solved == y_name and other_symbol in expression.free_symbols:
                if other_symbol in sympy.simplify(expression).free_symbols:
                    continue  # already drawn as a curve in the first parameter
            other_values = np.linspace(other_range[0], other_range[1], samples)
            try:
                function = sympy.lambdify([other_symbol], expression, modules="numpy")
                with np.errstate(all="ignore"):
                    values = np.asarray(function(other_values), dtype=complex)
            except (TypeError, ValueError, ZeroDivisionError):
                continue
            values = np.broadcast_to(values, other_values.shape)
            real = np.isfinite(values) & (np.abs(values.imag) < 1e-12)
            values = values.real
            # probe 1e-6 of the range either side: stay that far inside the domain, whose
            # edges may be where the payoffs stop being defined
            delta = 1e-6 * (solved_range[1] - solved_range[0])
            inside = real & (values > solved_range[0] + delta) & (values < solved_range[1] - delta)
            if not inside.any():
                continue
            # one curve, however its expression is written, is probed once
            curve = (solved, np.where(inside, values, np.nan).round(9).tobytes())
            if curve in curves:
                continue
            curves.add(curve)
            at = np.flatnonzero(inside)
            below = {solved: values[at] - delta, other: other_values[at]}
            above = {solved: values[at] + delta, other: other_values[at]}
            below_structure = concept.structure_at(game, below, method=method)
            above_structure = concept.structure_at(game, above, method=method)
            separates = np.zeros(len(other_values), dtype=bool)
            separates[at] = [b != a for b, a in zip(below_structure, above_structure)]
            if separates.any():
                expression = sympy.simplify(expression)
                key = (solved, sympy.srepr(expression))
                if key in seen:
                    continue
                seen.add(key)
                out.append(
                    Boundary(
                        solved,
                        expression,
                        other,
                        other_values,
                        np.where(inside, values, np.nan),
                        separates,
                    )
                )
    return tuple(out)
