r"""Count and symmetric equilibria of anonymous N-player games, as a solution concept.

What ``concept="auto"`` (or ``"anonymous"``) means for a
:class:`~deterrence.games.ParametricAnonymousGame` (or a fixed
:class:`~deterrence.games.AnonymousGame`): the functions here play the roles that support
enumeration and best-reply differences play for normal forms, at any number of players.

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

With more than two strategies the symmetric equilibria are the mixes of
:func:`deterrence.solvers.anonymous.solve_anonymous_mixtures` (each with its support and
stability: stable, unstable, saddle or degenerate), computed on the exact game at each point
(float parameter values at their binary values, so payoffs of low degree in the counts stay
so). Candidate thresholds: every best-reply switch (a payoff difference at some count
profile vanishes) and, when the payoffs are affine in the counts (three strategies), every
value where a mix leaves its face, an outside strategy ties with it, or its replicator
Jacobian has zero determinant or trace (:func:`linear_payoff_matrix`; polynomial conditions
derived and factored exactly). Otherwise the concept asks the engine to *scan* between
candidates (``needs_scan``): changes are bracketed on a grid, bisected and confirmed as
exact fractions where possible (else reported as located numerically).

Symmetric equilibria at each point come from
:func:`~deterrence.solvers.anonymous.solve_anonymous_symmetric`, which checks its float root
cascade against Descartes' bound and the gain's signs on a fine grid (payoff differences
with several separated spikes, such as two quorums, made it lose pairs of roots) and falls
back to exact isolation (:math:`N \le 101`, float payoffs at their binary values) or to
grid brackets. **Limitation**: above 101 players, two equilibria closer than the grid
spacing (just after a fold) may be missed at such points; the thresholds themselves are
derived algebraically; and a tangency within the tolerance counts as one (semi-stable)
equilibrium.

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
  (FLINT factorisation; rational folds come out as fractions) for :math:`n \le 1000`, and by
  bracketing sign changes of :math:`W` on a fine grid beyond.

  *Other parameters left symbolic.* When the vector :math:`(D_k)` moves in a plane,
  :math:`D_k = \alpha(\theta) v_k + \beta(\theta) w_k` with fixed rational vectors and
  polynomial :math:`\alpha, \beta` (friend-shoring, tipping games and every game with one
  count-dependent term are of this kind), the fold points :math:`y^*` are the critical
  points of :math:`P/Q`, :math:`P(y) = \sum_k v_k \binom{n}{k} y^k` (:math:`Q` likewise
  from :math:`w`), which do not depend on the parameters, so each fold threshold solves
  :math:`\alpha P(y^*) + \beta Q(y^*) = 0` symbolically, at any number of players
  (exact coefficients while they have at most :data:`MAX_SYMBOLIC_DIGITS` digits, 30-digit
  floats beyond). Otherwise folds are derived symbolically (sympy factorisation of
  :math:`W`) for :math:`n \le 12`; beyond, they are located at the reference values of
  the free parameters with a ``RuntimeWarning`` saying so (a **limitation**: fix the other
  parameters for exact values). For payoffs non-affine in :math:`t` and outside the plane
  case, the resultant :math:`\operatorname{Res}_y(\tilde f, \tilde f')` gives the folds
  for :math:`n \le 12` (beyond, a ``RuntimeWarning`` says that only best-reply switches are
  found; best-reply switches of such payoffs are also solved count by count, which takes
  seconds at a thousand players).
* Payoffs with ``min``, ``max`` or ``abs`` of the parameter are solved piece by piece
  between their break points.

Every candidate is then checked by solving just below and above it (as for normal forms),
so spurious candidates cost time, never correctness. A point where the structure differs
from both sides (two symmetric equilibria touching without vanishing, or a tie at one value)
is not a threshold: nothing changes *across* it.
"""

from __future__ import annotations

import itertools
import math
import warnings
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np
import sympy

from deterrence.analysis.algebra import real_roots
from deterrence.analysis.concepts.base import Change, SolutionConcept
from deterrence.analysis.words import change_sentence, count_ranges, join
from deterrence.exceptions import DegenerateGameWarning, InvalidGameError
from deterrence.games.anonymous import AnonymousGame
from deterrence.games.outcomes import plural
from deterrence.games.parametric import format_value
from deterrence.games.parametric_anonymous import ParametricAnonymousGame, exact_lambdify

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "AnonymousConcept",
    "resolve_method",
    "solve_points",
    "structure_at",
    "label",
    "labels",
    "candidates",
    "describe_threshold",
    "fingerprint_text",
    "linear_payoff_matrix",
]

#: Largest n = N - 1 for which folds are found by exact (FLINT) factorisation.
EXACT_FOLD_DEGREE = 1000
#: Largest n for which folds are derived symbolically in the other parameters (sympy).
SYMBOLIC_FOLD_DEGREE = 12
#: Fold thresholds symbolic in other parameters keep exact rational coefficients up to this
#: many digits (numerators and denominators together); beyond, 30-digit floats.
MAX_SYMBOLIC_DIGITS = 300
#: Grid used to bracket folds numerically above EXACT_FOLD_DEGREE.
NUMERIC_FOLD_POINTS = 4096

METHODS = ("auto", "pure")


def resolve_method(game: ParametricAnonymousGame, method: str) -> str:
    """``"auto"`` means count and symmetric equilibria (``"pure"`` for one strategy).

    Raises
    ------
    InvalidGameError
        For any other method, naming the two choices.

    Examples
    --------
    >>> game = ParametricAnonymousGame(3, {"a": "k1", "b": "k2", "c": "1"}, [])
    >>> resolve_method(game, "auto"), resolve_method(game, "pure")
    ('auto', 'pure')
    """
    if method not in METHODS:
        raise InvalidGameError(
            f"method {method!r} is not available for anonymous games; choose 'auto' (count "
            "equilibria and symmetric mixed equilibria) or 'pure' (count equilibria only)"
        )
    if method == "auto" and game.num_strategies < 2:
        return "pure"
    return method


# ---------------------------------------------------------------------- solving at points
def _equilibria_at(
    game: ParametricAnonymousGame,
    table: np.ndarray,
    method: str,
    tol: float,
    point: AnonymousGame | None = None,
) -> list[dict[str, Any]]:
    """Every equilibrium of the float game with payoff table ``table`` (or of the exact
    game ``point``, used for more than two strategies), as plain records.

    Records: ``kind`` ("pure", "mixed" or "continuum"), ``shares`` (fraction of players on
    each strategy, or each player's probabilities), ``payoff`` (mean payoff), ``stability``
    (replicator stability for symmetric profiles, else ``None``), ``counts`` (pure) and
    ``support`` (the strategies of a symmetric mix).
    """
    from deterrence.solvers.anonymous import solve_anonymous_pure, solve_anonymous_symmetric

    n = game.num_players
    if point is None:
        point = AnonymousGame(n, table, strategies=game.strategies)
    if game.num_strategies > 2:
        return _many_strategy_records(game, point, method, tol)
    records: list[dict[str, Any]] = []
    symmetric: list[Any] = []
    degenerate = False
    if method == "auto":
        # the solver checks its own root finding (lost roots, deep recursion)
        symmetric, degenerate = _symmetric_solutions(solve_anonymous_symmetric, point, tol)
    ends = {
        round(float(eq.probability)): eq.stability
        for eq in symmetric
        if float(eq.probability) in (0.0, 1.0)
    }
    for eq in solve_anonymous_pure(point, tol=tol):
        counts = tuple(int(c) for c in eq.counts)
        used = [(c, float(v)) for c, v in zip(counts, eq.payoffs) if c]
        stability = None
        if len(used) == 1 and game.num_strategies == 2:
            stability = ends.get(1 if counts[0] == n else 0)
        records.append(
            {
                "kind": "pure",
                "counts": counts,
                "shares": tuple(c / n for c in counts),
                "payoff": sum(c * v for c, v in used) / n,
                "stability": stability,
            }
        )
    if degenerate:
        records.append(
            {
                "kind": "continuum",
                "counts": None,
                "shares": (math.nan,) * 2,
                "payoff": math.nan,
                "stability": "neutral",
            }
        )
    else:
        for eq in symmetric:
            p = float(eq.probability)
            if p in (0.0, 1.0):
                continue
            records.append(
                {
                    "kind": "mixed",
                    "counts": None,
                    "shares": (p, 1 - p),
                    "payoff": float(eq.payoff),
                    "stability": eq.stability,
                }
            )
    records.sort(
        key=lambda r: (
            math.inf if math.isnan(r["shares"][0]) else -r["shares"][0],
            r["kind"] != "pure",
        )
    )
    return records


def _symmetric_solutions(solver: Any, point: AnonymousGame, tol: float) -> tuple[list, bool]:
    """The symmetric equilibria a solver finds at one point, and whether a continuum (a
    degenerate game) was met, its warning silenced."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", DegenerateGameWarning)
        result = solver(point, tol=tol)
    degenerate = result.degenerate or any(
        issubclass(w.category, DegenerateGameWarning) for w in caught
    )
    return list(result), degenerate


def _many_strategy_records(
    game: ParametricAnonymousGame, point: AnonymousGame, method: str, tol: float
) -> list[dict[str, Any]]:
    """:func:`_equilibria_at` for more than two strategies: count equilibria and, with
    ``method="auto"``, the symmetric mixes of
    :func:`~deterrence.solvers.anonymous.solve_anonymous_mixtures` (whose vertices give
    the stability of the unanimous count equilibria)."""
    from deterrence.solvers.anonymous import solve_anonymous_mixtures, solve_anonymous_pure

    n, m = game.num_players, game.num_strategies
    records: list[dict[str, Any]] = []
    mixtures: list[Any] = []
    degenerate = False
    if method == "auto":
        mixtures, degenerate = _symmetric_solutions(solve_anonymous_mixtures, point, tol)
    vertices = {eq.support[0]: eq.stability for eq in mixtures if eq.is_pure}
    for eq in solve_anonymous_pure(point, tol=tol):
        counts = tuple(int(c) for c in eq.counts)
        used = [(c, float(v)) for c, v in zip(counts, eq.payoffs) if c]
        unanimous = [s for s, c in zip(game.strategies, counts) if c == n]
        records.append(
            {
                "kind": "pure",
                "counts": counts,
                "shares": tuple(c / n for c in counts),
                "payoff": sum(c * v for c, v in used) / n,
                "stability": vertices.get(unanimous[0]) if unanimous else None,
            }
        )
    for eq in mixtures:
        if eq.is_pure:
            continue
        records.append(
            {
                "kind": "mixed",
                "counts": None,
                "shares": tuple(float(p) for p in eq.probabilities),
                "payoff": float(eq.payoff),
                "stability": eq.stability,
                "support": eq.support,
            }
        )
    if degenerate:
        records.append(
            {
                "kind": "continuum",
                "counts": None,
                "shares": (math.nan,) * m,
                "payoff": math.nan,
                "stability": "neutral",
            }
        )
    records.sort(
        key=lambda r: (
            math.inf if math.isnan(r["shares"][0]) else -r["shares"][0],
            r["kind"] != "pure",
            r.get("support", ()),
        )
    )
    return records


def _exact_points(
    game: ParametricAnonymousGame, values: Mapping[str, np.ndarray], count: int
) -> list[AnonymousGame | None]:
    """The exact game at each point (float values at their binary values), for games with
    more than two strategies: exact tables keep payoffs that are polynomials of low degree
    in the counts exactly so (rounded floats would not). ``None`` where an entry is not
    rational (the float table is used there)."""
    if game.num_strategies <= 2:
        return [None] * count
    compiled = game.__dict__.get("_analysis_exact_table")
    if compiled is None:
        entries = list(dict.fromkeys(game.table.reshape(-1).tolist()))
        symbols = [p.symbol for p in game.parameters]
        function = exact_lambdify(symbols, entries)
        where = {e: k for k, e in enumerate(entries)}
        index = np.vectorize(where.__getitem__, otypes=[np.int64])(game.table)
        compiled = (function, index, symbols)
        game.__dict__["_analysis_exact_table"] = compiled
    function, index, symbols = compiled
    out: list[AnonymousGame | None] = []
    for k in range(count):
        arguments = [
            Fraction(float(values[p.name][k])) if p.name in values else Fraction(p.default)
            for p in game.parameters
        ]
        try:
            numbers = function(*arguments)
        except (TypeError, ValueError, ZeroDivisionError, OverflowError):
            out.append(None)
            continue
        if not all(isinstance(v, (int, Fraction)) for v in numbers):
            out.append(None)
            continue
        table = np.empty(index.shape, dtype=object)
        table[...] = [[Fraction(numbers[i]) for i in row] for row in index.tolist()]
        out.append(
            AnonymousGame(
                game.num_players,
                table,
                strategies=game.strategies,
                player_label=game.player_label,
            )
        )
    return out


def _tables(game: ParametricAnonymousGame, values: Mapping[str, np.ndarray]) -> np.ndarray:
    """Float payoff tables at a batch of points, shape ``(P, m, C)``."""
    evaluate = game.lambdify()
    if not game.parameters:
        count = len(next(iter(values.values()))) if values else 1
        single = evaluate()[..., 0]
        return np.broadcast_to(single, (count,) + single.shape)
    out = evaluate(
        **{
            k: np.asarray(v, dtype=np.float64)
            for k, v in values.items()
            if k in game.parameter_names
        }
    )
    return np.moveaxis(out, -1, 0)


def solve_points(
    game: ParametricAnonymousGame,
    values: Mapping[str, np.ndarray],
    *,
    method: str = "auto",
    tol: float = 1e-9,
) -> pd.DataFrame:
    """The long sweep table of an anonymous game at a batch of points (one sweep chunk).

    Columns: the parameters, ``equilibrium`` (index within the point, in decreasing share of
    the first strategy), ``"<player_label>:<strategy>"`` (the share of players on each
    strategy in a count equilibrium; every player's probability in a symmetric mixed one),
    ``"payoff:<player_label>"`` (mean payoff), ``stability`` (replicator stability of
    symmetric equilibria, ``None`` for asymmetric count profiles), ``is_pure``,
    ``is_symmetric``, ``profile`` (categorical: ``"all honour"``, ``"3 of 5 honour"``,
    ``"symmetric mix of honour and renege (stable)"``, named as in :func:`labels`; the
    shares are in their own columns) and ``outcome`` (the game's words where it declares
    :class:`~deterrence.games.Outcomes`, else the profile). A point where every payoff difference
    vanishes also has a row ``"every symmetric mix (continuum)"`` (shares NaN, stability
    ``"neutral"``).

    Examples
    --------
    >>> game = ParametricAnonymousGame(3, {"go": "x*k - 1", "stay": "0"}, ["x"])
    >>> table = solve_points(game, {"x": np.array([2.0])})
    >>> table["outcome"].tolist()
    ['all go', 'symmetric mix of go and stay (unstable)', 'all stay']
    >>> float(table["member:go"][1])
    0.25
    """
    import pandas as pd

    method = resolve_method(game, method)
    names = game.parameter_names
    count = len(next(iter(values.values()))) if values else 1
    tables = _tables(game, values) if count else np.zeros((0,))
    columns: dict[str, Any] = {name: [] for name in names}
    rows: list[dict[str, Any]] = []
    points: list[int] = []
    exact_points = _exact_points(game, values, count) if count else []
    for index in range(count):
        records = _equilibria_at(game, np.array(tables[index]), method, tol, exact_points[index])
        named = _names(game, records)
        for rank, record in enumerate(records):
            rows.append({**record, "rank": rank, "name": named[rank]})
            points.append(index)
    for name in names:
        columns[name] = (
            np.asarray(values[name], dtype=np.float64)[points] if points else np.zeros(0)
        )
    frame: dict[str, Any] = dict(columns)
    frame["equilibrium"] = np.array([r["rank"] for r in rows], dtype=np.int64)
    label = game.player_label
    for s, strategy in enumerate(game.strategies):
        frame[f"{label}:{strategy}"] = np.array([r["shares"][s] for r in rows], dtype=float)
    frame[f"payoff:{label}"] = np.array([r["payoff"] for r in rows], dtype=float)
    frame["stability"] = pd.Categorical(
        [r["stability"] for r in rows],
        categories=["stable", "unstable", "semi-stable", "saddle", "degenerate", "neutral"],
    )
    frame["is_pure"] = np.array([r["kind"] == "pure" for r in rows], dtype=bool)
    frame["is_symmetric"] = np.array(
        [r["kind"] != "pure" or max(r["counts"]) == game.num_players for r in rows], dtype=bool
    )
    profiles = [r["name"] for r in rows]
    frame["profile"] = pd.Categorical(
        profiles, categories=pd.Index(list(dict.fromkeys(profiles)), dtype=object)
    )
    reading = getattr(game, "outcomes", None)
    if reading is None:
        frame["outcome"] = frame["profile"].copy()
    else:
        words = [reading.read(_play(game, r)) or text for r, text in zip(rows, profiles)]
        frame["outcome"] = pd.Categorical(
            words, categories=pd.Index(list(dict.fromkeys(words)), dtype=object)
        )
    table = pd.DataFrame(frame)
    table.attrs["method"] = method
    table.attrs["players"] = {label: [f"{label}:{s}" for s in game.strategies]}
    table.attrs["branch_key"] = "is_symmetric"
    return table


def _names(game: ParametricAnonymousGame, records: Sequence[Mapping[str, Any]]) -> list[str]:
    """Each equilibrium at one point named as in :func:`labels` (the structure's labels,
    symmetric mixes numbered when several share a stability)."""
    items = list(enumerate(_items(game, records)))
    ordered = sorted(items, key=lambda pair: _label_key(pair[1]))
    texts = labels(game, [item for _k, item in items])
    names = [""] * len(records)
    for (k, _), text in zip(ordered, texts):
        names[k] = text
    return names


def _play(game: ParametricAnonymousGame, record: Mapping[str, Any]) -> dict[str, str | None]:
    """The strategy every member plays, for :meth:`deterrence.games.Outcomes.read`."""
    shares = record["shares"]
    if record["kind"] == "pure":
        used = [s for s, share in zip(game.strategies, shares) if share > 0]
        return {game.player_label: used[0] if len(used) == 1 else None}
    return {game.player_label: None}


# ---------------------------------------------------------------------- structure
def _item(game: ParametricAnonymousGame, record: Mapping[str, Any], order: int) -> tuple:
    if record["kind"] == "pure":
        return ("pure", record["counts"])
    if record["kind"] == "continuum":
        return ("continuum",)
    if game.num_strategies > 2:
        return ("mixture", record["support"], order, record["stability"])
    return ("symmetric", order, record["stability"])


def _items(game: ParametricAnonymousGame, records: Sequence[Mapping[str, Any]]) -> list[tuple]:
    """The structure items of a point's records, aligned with them: symmetric mixes are
    numbered from the lowest probability of the first strategy (of their support, counted
    per support for more than two strategies)."""
    items: list[tuple] = [()] * len(records)
    orders: dict[tuple, int] = {}
    mixed = sorted(
        (k for k, r in enumerate(records) if r["kind"] == "mixed"),
        key=lambda k: records[k]["shares"],
    )
    for k in range(len(records)):
        if records[k]["kind"] != "mixed":
            items[k] = _item(game, records[k], 0)
    for k in mixed:
        key = tuple(records[k].get("support", ()))
        items[k] = _item(game, records[k], orders.get(key, 0))
        orders[key] = orders.get(key, 0) + 1
    return items


def structure_at(
    game: ParametricAnonymousGame, points: Mapping[str, Any], *, method: str = "auto"
) -> list[tuple[tuple, ...]]:
    """The equilibrium structure at a batch of points (see the module docstring).

    Parameters
    ----------
    game : ParametricAnonymousGame
    points : mapping
        ``{parameter: values}`` of equal lengths; missing parameters take their defaults.
    method : {"auto", "pure"}

    Returns
    -------
    list
        One sorted tuple per point: ``("pure", counts)`` per count equilibrium,
        ``("symmetric", order, stability)`` per interior symmetric equilibrium of a
        two-strategy game (``order`` counts from the lowest probability of the first
        strategy), ``("mixture", support, order, stability)`` per symmetric mix of a game
        with more strategies (``support`` the strategies it uses) and ``("continuum",)``
        where payoff differences vanish on a whole face.

    Raises
    ------
    InvalidGameError
        For a parameter without value or default, or values outside a domain.

    Examples
    --------
    >>> game = ParametricAnonymousGame(3, {"go": "x*k - 1", "stay": "0"}, ["x"])
    >>> structure_at(game, {"x": [0.25, 2]})
    [(('pure', (0, 3)),), (('pure', (0, 3)), ('pure', (3, 0)), ('symmetric', 0, 'unstable'))]
    """
    method = resolve_method(game, method)
    values = {name: np.atleast_1d(np.asarray(v, dtype=np.float64)) for name, v in points.items()}
    count = len(next(iter(values.values()))) if values else 1
    for p in game.parameters:
        if p.name not in values:
            if p.default is None:
                raise InvalidGameError(f"parameter {p.name!r} has no value and no default")
            values[p.name] = np.full(count, float(p.default))
    tables = _tables(game, values)
    exact_points = _exact_points(game, values, count)
    out = []
    for index in range(count):
        records = _equilibria_at(game, np.array(tables[index]), method, 1e-9, exact_points[index])
        out.append(tuple(sorted(_items(game, records), key=repr)))
    return out


def label(game: ParametricAnonymousGame, item: tuple) -> str:
    """An equilibrium of a structure in words: ``"all honour"``, ``"3 of 5 honour"``,
    ``"symmetric mix of honour and renege (stable)"``.

    Examples
    --------
    >>> game = ParametricAnonymousGame(5, {"honour": "k", "renege": "2"}, [])
    >>> label(game, ("pure", (3, 2))), label(game, ("symmetric", 0, "unstable"))
    ('3 of 5 honour', 'symmetric mix of honour and renege (unstable)')
    """
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
    if item[0] == "mixture":
        return f"symmetric mix of {join(list(item[1]))} ({item[3]})"
    return f"symmetric mix of {game.strategies[0]} and {game.strategies[1]} ({item[2]})"


def _label_key(item: tuple) -> tuple:
    if item[0] == "pure":  # most players on the first strategy first
        return (0, tuple(-c for c in item[1]))
    if item[0] == "symmetric":  # lower probability of the first strategy first
        return (1, (item[1],))
    if item[0] == "mixture":  # smaller supports first, then in strategy order
        return (1, (len(item[1]), item[1], item[2]))
    return (2, ())  # the continuum


def labels(game: ParametricAnonymousGame, structure: Sequence[tuple]) -> tuple[str, ...]:
    """Labels of a structure's equilibria; equal labels are numbered (lower first).

    Examples
    --------
    >>> game = ParametricAnonymousGame(5, {"honour": "k", "renege": "2"}, [])
    >>> labels(game, (("pure", (0, 5)), ("continuum",), ("pure", (5, 0))))
    ('all honour', 'all renege', 'every symmetric mix (continuum)')
    """
    ordered = sorted(structure, key=_label_key)
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
def candidates(
    game: ParametricAnonymousGame,
    variable: sympy.Symbol,
    reference: Mapping[sympy.Symbol, sympy.Expr] | None = None,
    domain: tuple[Any, Any] | None = None,
) -> list[tuple[sympy.Expr, dict]]:
    """Candidate critical values of ``variable`` with where they come from.

    ``reference`` gives numbers for the other parameters still symbolic (used to locate and
    pre-screen candidates); ``domain`` bounds the search (``None`` ends are open). Each
    candidate is ``(expression, info)`` with ``info["kind"]`` ``"pure"`` (a best reply
    switches; ``"counts"`` lists the numbers k of others with :math:`D_k = 0` there, or
    ``"where"`` the switching (column, strategy, strategy) triples of games with more
    strategies) or ``"mixed"`` (``"event": "fold"``), and ``info["numeric"]`` when the value
    was located in floats. Candidates are checked by :func:`deterrence.analysis.thresholds`.

    Warns
    -----
    RuntimeWarning
        When folds cannot be derived symbolically in the free parameters (more than
        thirteen players and differences outside a plane, see the module docstring).

    Examples
    --------
    >>> game = ParametricAnonymousGame(3, {"go": "x*k - 1", "stay": "0"}, ["x"])
    >>> [(value, info["kind"]) for value, info in candidates(game, game.parameter("x").symbol)]
    [(1/2, 'pure')]
    """

    out: list[tuple[sympy.Expr, dict]] = []
    if game.num_strategies > 2:
        out += _mixture_candidates(game, variable, reference)
    if game.num_strategies != 2:
        table = game.table
        groups: dict[sympy.Expr, list[tuple[int, int, int]]] = {}
        for c in range(table.shape[1]):
            for a in range(game.num_strategies):
                for b in range(a + 1, game.num_strategies):
                    difference = sympy.expand(table[a, c] - table[b, c])
                    groups.setdefault(difference, []).append((c, a, b))
        for difference, where in groups.items():
            for root in _affine_root(difference, variable) or _solve(
                difference, variable, reference
            ):
                out.append(
                    (root, {"kind": "pure", "difference": difference, "where": tuple(where)})
                )
        return out
    data = _affine_differences(game, variable, reference)
    if data is None:
        differences = list(game.difference_expressions())
        by_expression: dict[sympy.Expr, list[int]] = {}
        for k, d in enumerate(differences):
            by_expression.setdefault(d, []).append(k)
        for difference, counts in by_expression.items():
            for root in _solve(difference, variable, reference):
                out.append(
                    (root, {"kind": "pure", "difference": difference, "counts": tuple(counts)})
                )
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
            expression = (
                sympy.Rational(root.numerator, root.denominator)
                if isinstance(root, Fraction)
                else sympy.Float(root, 17)
            )
        else:
            options = real_roots(difference, variable, None)
            expression = min(
                options,
                key=lambda e: abs(float(e.xreplace(dict(reference or {}))) - float(root)),
                default=None,
            )
            if expression is None:
                continue
        out.append(
            (
                expression,
                {
                    "kind": "pure",
                    "difference": difference,
                    "counts": tuple(counts),
                    "numeric": isinstance(root, float),
                },
            )
        )
    folds: list[tuple[sympy.Expr, bool]] = []
    if n >= 2 and others:
        structured = _two_direction_folds(game, variable, reference)
        if structured is not None:
            folds = structured
        elif n <= SYMBOLIC_FOLD_DEGREE:
            differences = list(game.difference_expressions())
            folds = [
                (root, isinstance(root, sympy.Float))
                for root in _fold_candidates(differences, variable, reference)
            ]
        else:
            _warn_reference_folds(variable, others, n)
            folds = [
                (root, isinstance(root, sympy.Float)) for root in _affine_folds(intercepts, slopes)
            ]
    elif n >= 2:
        folds = [
            (root, isinstance(root, sympy.Float)) for root in _affine_folds(intercepts, slopes)
        ]
    for root, numeric in folds:
        out.append((root, {"kind": "mixed", "event": "fold", "numeric": numeric}))
    return out


def linear_payoff_matrix(game: ParametricAnonymousGame) -> sympy.Matrix | None:
    r"""The matrix :math:`M` with :math:`v_s(x) = \sum_j M_{sj} x_j` when every payoff is
    affine in the counts (``None`` otherwise, or for payoffs not given as expressions).

    With :math:`u(s, c) = \alpha_s + \sum_j \beta_{sj} c_j` and :math:`N - 1` others
    drawn from :math:`x`, :math:`E[c_j] = (N - 1) x_j`, so
    :math:`M_{sj} = \alpha_s + (N - 1)\beta_{sj}` (on the simplex): the symmetric
    equilibria are those of the symmetric two-player game :math:`M`, whose entries are
    expressions in the parameters.

    Examples
    --------
    >>> game = ParametricAnonymousGame(4, {"a": "x*k1", "b": "k2 - 1", "c": "0"}, ["x"])
    >>> linear_payoff_matrix(game)
    Matrix([
    [3*x, 0, 0],
    [ -1, 2, -1],
    [  0, 0, 0]])
    """
    cached = game.__dict__.get("_analysis_linear_matrix", False)
    if cached is not False:
        return cached
    matrix = None
    if game.expressions is not None:
        m, n = game.num_strategies, game.num_players - 1
        counts = [sympy.Symbol(f"k{j + 1}", integer=True, nonnegative=True) for j in range(m)]
        rows: list[list[Any]] | None = []
        for expression in game.expressions:
            total = {
                sym: sympy.Integer(game.num_players)
                for sym in expression.free_symbols
                if str(sym) == "N"
            }
            bound = sympy.expand(expression.xreplace(total))
            present = [c for c in bound.free_symbols if str(c).startswith("k")]
            by_name = {str(c): c for c in present}
            symbols = [by_name.get(str(c), c) for c in counts]
            try:
                poly = sympy.Poly(bound, *symbols)
            except sympy.PolynomialError:
                rows = None
                break
            if poly.total_degree() > 1:
                rows = None
                break
            constant = bound.xreplace(dict.fromkeys(symbols, 0))
            assert rows is not None
            rows.append([sympy.expand(constant + n * poly.coeff_monomial(c)) for c in symbols])
        if rows is not None:
            matrix = sympy.Matrix(rows)
    game.__dict__["_analysis_linear_matrix"] = matrix
    return matrix


def _determinant(rows: Sequence[Sequence[Any]]) -> Any:
    """Laplace expansion of a small matrix (polynomial entries; no division)."""
    if len(rows) == 1:
        return rows[0][0]
    if len(rows) == 2:
        return rows[0][0] * rows[1][1] - rows[0][1] * rows[1][0]
    total = rows[0][0] * 0
    for j in range(len(rows)):
        if rows[0][j] != 0:
            minor = _determinant([list(r[:j]) + list(r[j + 1 :]) for r in rows[1:]])
            total += (-1) ** j * rows[0][j] * minor
    return total


def _polynomial_matrix(game: ParametricAnonymousGame) -> tuple[Any, list[sympy.Symbol]] | None:
    """:func:`linear_payoff_matrix` as FLINT polynomials in the parameters (rows of
    ``fmpq_mpoly``) and the parameter symbols, or ``None`` when an entry is not a
    polynomial with rational coefficients."""
    import flint

    matrix = linear_payoff_matrix(game)
    if matrix is None:
        return None
    symbols = sorted(matrix.free_symbols, key=str) or [sympy.Symbol("_unused")]
    context = flint.fmpq_mpoly_ctx.get(tuple(str(x) for x in symbols), "lex")
    rows = []
    for i in range(matrix.rows):
        row = []
        for j in range(matrix.cols):
            try:
                terms = sympy.Poly(matrix[i, j], *symbols).terms()
            except sympy.PolynomialError:
                return None
            if not all(c.is_Rational for _, c in terms):
                return None
            row.append(
                context.from_dict(
                    {tuple(e): flint.fmpq(int(c.p), int(c.q)) for e, c in terms if c != 0}
                )
            )
        rows.append(row)
    return rows, symbols


def _to_sympy(poly: Any, symbols: Sequence[sympy.Symbol]) -> sympy.Expr:
    return sympy.Add(
        *[
            sympy.Rational(int(c.p), int(c.q))
            * sympy.Mul(*[x ** int(e) for x, e in zip(symbols, monomial)])
            for monomial, c in poly.to_dict().items()
        ]
    )


def _mixture_candidates(
    game: ParametricAnonymousGame,
    variable: sympy.Symbol,
    reference: Mapping[sympy.Symbol, sympy.Expr] | None,
) -> list[tuple[sympy.Expr, dict]]:
    r"""Where a symmetric mix of a game with payoffs affine in the counts can appear,
    vanish or change stability (three strategies; see :func:`linear_payoff_matrix`).

    On a support :math:`S` the mix solves :math:`M_{SS} x_S = v\mathbf 1`,
    :math:`\mathbf 1^\top x_S = 1`; by Cramer's rule on the bordered matrix
    :math:`x_i = P_i / D` with polynomial :math:`P_i, D`, so every condition is a polynomial
    (computed and factored with FLINT): :math:`D = 0` (a continuum), :math:`P_i = 0` (the
    mix leaves through a face), :math:`V_j - V_{s_0} = 0` with :math:`V = MP` (an outside
    strategy ties), and the determinant and trace of :math:`D^2 J_T` (the replicator
    Jacobian on the tangent space: a real eigenvalue or a complex pair crosses zero).
    """
    converted = _polynomial_matrix(game) if game.num_strategies == 3 else None
    if converted is None:
        return []
    matrix, symbols = converted
    if variable not in symbols:
        return []
    position = symbols.index(variable)
    m = game.num_strategies
    out: list[tuple[sympy.Expr, dict]] = []
    seen: set[sympy.Expr] = set()

    def add(poly: Any, support: tuple[str, ...], event: str) -> None:
        if poly.is_zero() or poly.degrees()[position] == 0:
            return
        for factor, _ in poly.factor()[1]:
            if factor.degrees()[position] == 0:
                continue
            expression = _to_sympy(factor, symbols)
            if expression in seen:
                continue
            seen.add(expression)
            for root in _solve(expression, variable, reference):
                out.append((root, {"kind": "mixed", "event": event, "support": support}))

    one, zero = matrix[0][0] ** 0, matrix[0][0] * 0
    for size in range(2, m + 1):
        for support in itertools.combinations(range(m), size):
            labels = tuple(game.strategies[s] for s in support)
            bordered = [[matrix[s][t] for t in support] + [-one] for s in support]
            bordered.append([one] * size + [zero])
            determinant = _determinant(bordered)
            if determinant.is_zero():
                continue
            add(determinant, labels, "singular")
            shares = [zero] * m
            for a, s in enumerate(support):
                replaced = [
                    row[:a] + [one if k == size else zero] + row[a + 1 :]
                    for k, row in enumerate(bordered)
                ]
                shares[s] = _determinant(replaced)
                add(shares[s], labels, "face")
            values = [sum((matrix[i][j] * shares[j] for j in range(m)), zero) for i in range(m)]
            mean = values[support[0]]
            for j in range(m):
                if j not in support:
                    add(values[j] - mean, labels, "outside")
            pulls = [sum((shares[k] * matrix[k][j] for k in range(m)), zero) for j in range(m)]
            full = [
                [
                    (determinant * (values[i] - mean) if i == j else zero)
                    + shares[i] * (determinant * matrix[i][j] - values[j] - pulls[j])
                    for j in range(m)
                ]
                for i in range(m)
            ]
            tangent = [[full[i][k] - full[i][m - 1] for k in range(m - 1)] for i in range(m - 1)]
            add(_determinant(tangent), labels, "stability")
            add(tangent[0][0] + tangent[1][1], labels, "stability")
    return out


def _affine_root(expression: sympy.Expr, variable: sympy.Symbol) -> list[sympy.Expr]:
    """``[-a/b]`` for ``expression = a + b*variable`` with ``b`` a nonzero number (the common
    case of payoff differences, solved without sympy's general solver); else ``[]``."""
    if expression.atoms(*_PIECEWISE):
        return []
    slope = sympy.diff(expression, variable)
    if not slope.is_number or slope == 0:
        return []
    return [sympy.expand(-expression.xreplace({variable: 0}) / slope)]


_PIECEWISE = (sympy.Min, sympy.Max, sympy.Abs, sympy.Piecewise)


def _solve(
    expression: sympy.Expr,
    variable: sympy.Symbol,
    reference: Mapping[sympy.Symbol, sympy.Expr] | None,
) -> list[sympy.Expr]:
    """Real roots in ``variable``, also of payoffs piecewise in it (``min``, ``max``,
    ``abs``): the break points and the roots of the expression on every piece between
    consecutive break points are candidates (the checks discard the spurious ones)."""

    breaks, probes = _pieces([expression], variable, reference)
    if not probes:
        return real_roots(expression, variable, reference)
    out = list(breaks)
    for probe in probes:
        out += real_roots(_branch(expression, variable, probe, reference), variable, reference)
    return out


def _piecewise_atoms(expression: sympy.Expr, variable: sympy.Symbol) -> set:
    return {a for a in expression.atoms(*_PIECEWISE) if variable in a.free_symbols}


def _pieces(
    expressions: Sequence[sympy.Expr],
    variable: sympy.Symbol,
    reference: Mapping[sympy.Symbol, sympy.Expr] | None,
) -> tuple[list[sympy.Expr], list[float]]:
    """Break points of the ``min``/``max``/``abs`` terms in ``variable`` of the expressions
    and one probe value inside each piece between them (no probes: nothing piecewise)."""
    atoms = set().union(*(_piecewise_atoms(e, variable) for e in expressions))
    if not atoms:
        return [], []
    breaks: list[sympy.Expr] = []
    for atom in atoms:
        try:
            pieces = atom.rewrite(sympy.Piecewise)
        except (TypeError, ValueError, NotImplementedError, AttributeError):
            continue
        for _branch_expression, condition in getattr(pieces, "args", ()):
            if not isinstance(condition, sympy.Basic) or condition in (sympy.true, True):
                continue
            for relation in condition.atoms(sympy.core.relational.Relational):
                breaks += _solve(relation.lhs - relation.rhs, variable, reference)
    values = set()
    for point in breaks:
        try:
            number = complex(point.xreplace(dict(reference or {})))
        except (TypeError, ValueError):
            continue
        if abs(number.imag) <= 1e-12 and math.isfinite(number.real):
            values.add(number.real)
    cuts = sorted(values)
    if not cuts:
        return breaks, [0.0]
    probes = [cuts[0] - 1.0, *((a + b) / 2 for a, b in zip(cuts, cuts[1:])), cuts[-1] + 1.0]
    return breaks, probes


def _branch(
    expression: sympy.Expr,
    variable: sympy.Symbol,
    probe: float,
    reference: Mapping[sympy.Symbol, sympy.Expr] | None,
) -> sympy.Expr:
    """The expression with every ``min``/``max``/``abs`` term in ``variable`` replaced by the
    branch it takes at ``variable = probe`` (other parameters at their reference)."""
    point = {**dict(reference or {}), variable: sympy.Float(probe)}

    def chosen(atom: sympy.Expr) -> sympy.Expr:
        try:
            pieces = atom.rewrite(sympy.Piecewise)
            for value, condition in pieces.args:
                if bool(sympy.sympify(condition).xreplace(point)):
                    return value
        except (TypeError, ValueError, NotImplementedError, AttributeError):
            pass
        return atom

    return expression.replace(
        lambda e: isinstance(e, _PIECEWISE) and variable in e.free_symbols, chosen
    )


def _affine_differences(
    game: ParametricAnonymousGame,
    variable: sympy.Symbol,
    reference: Mapping[sympy.Symbol, sympy.Expr] | None,
):
    """``(a, b, symbolic, others)`` with :math:`D_k = a_k + b_k t` at the reference values of
    the other parameters (exact ``Fraction`` where rational), ``symbolic(k)`` the expression
    :math:`D_k` and ``others`` the other parameters' symbols that some :math:`D_k` depends on;
    ``None`` when some :math:`D_k` is not affine in :math:`t`, the reference leaves symbols
    unbound or a coefficient is undefined or not real at the reference."""

    substitutions = dict(reference or {})
    n = game.num_players - 1
    zero = {variable: sympy.S.Zero}
    if game.expressions is not None:
        difference, k_symbol = game.difference_in_counts()
        slope = sympy.diff(difference, variable)
        if variable in slope.free_symbols:
            return None
        at_reference = [
            sympy.expand(difference.xreplace(zero).xreplace(substitutions)),
            sympy.expand(slope.xreplace(substitutions)),
        ]
        if any(e.free_symbols - {k_symbol} for e in at_reference):
            return None
        values = []
        for e in at_reference:
            function = exact_lambdify([k_symbol], e)
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
        pair = (
            sympy.expand(d.xreplace(zero).xreplace(substitutions)),
            sympy.expand(slope.xreplace(substitutions)),
        )
        if any(e.free_symbols for e in pair):
            return None
        try:
            unique[d] = (_number(pair[0]), _number(pair[1]))
        except (TypeError, ValueError):
            return None
    others = set().union(*(d.free_symbols for d in unique)) - {variable}
    return (
        [unique[d][0] for d in differences],
        [unique[d][1] for d in differences],
        lambda k: differences[k],
        others,
    )


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
        RuntimeWarning,
        stacklevel=4,
    )


#: Highest degree in k recognised by ``_low_degree_folds``.
LOW_DEGREE = 8


def _monomial_in_h(values: list[Fraction]) -> list[Fraction] | None:
    r"""Monomial coefficients in :math:`h` of :math:`\sum_k v_k \binom{n}{k} h^k (1-h)^{n-k}`
    when :math:`v_k` is a polynomial in :math:`k` of degree at most :data:`LOW_DEGREE`.

    The Bernstein polynomial then has that low degree: its :math:`h^j` coefficient is
    :math:`\binom{n}{j}\Delta^j v_0` (forward differences), and the differences of order
    above the degree vanish. ``None`` when they do not.
    """
    n = len(values) - 1
    differences = list(values)
    firsts = []
    for order in range(min(n, LOW_DEGREE) + 1):
        firsts.append(differences[0])
        differences = [b - a for a, b in zip(differences, differences[1:])]
        if not any(differences):
            return [math.comb(n, j) * firsts[j] for j in range(order + 1)]
    return None


def _low_degree_folds(
    intercepts: list[Fraction], slopes: list[Fraction]
) -> list[sympy.Expr] | None:
    """Exact folds at any N when the payoff differences are low-degree polynomials in the
    count (payoffs linear in the share of others, as in tipping games): the gain is then a
    polynomial of that degree in h, and the folds are the critical values of -A/B on (0, 1).
    ``None`` when the differences are not of low degree."""
    import flint

    a = _monomial_in_h(intercepts)
    b = _monomial_in_h(slopes) if a is not None else None
    if a is None or b is None:
        return None

    def poly(coefficients: list[Fraction]) -> Any:
        return flint.fmpq_poly([flint.fmpq(c.numerator, c.denominator) for c in coefficients])

    a_poly, b_poly = poly(a), poly(b)
    wronskian = a_poly.derivative() * b_poly - a_poly * b_poly.derivative()
    if wronskian.degree() < 1:
        return []
    out: list[sympy.Expr] = []
    _, factors = wronskian.factor()
    for factor, _ in factors:
        candidates: list[Any] = []
        if factor.degree() == 1:
            c0, c1 = (Fraction(int(c.p), int(c.q)) for c in factor.coeffs())
            candidates.append(-c0 / c1)
        else:
            roots: list[tuple[Any, int]] = factor.complex_roots()  # type: ignore[assignment]
            candidates += [
                float(root.real.mid())
                for root, _ in roots
                if root.imag.is_zero() or float(abs(root.imag.mid())) < 1e-12
            ]
        for h in candidates:
            if not 0 < h < 1:
                continue
            bottom = sum(c * h**j for j, c in enumerate(b))
            if bottom == 0:
                continue
            value = -sum(c * h**j for j, c in enumerate(a)) / bottom
            out.append(
                sympy.Rational(value.numerator, value.denominator)
                if isinstance(value, Fraction)
                else sympy.Float(float(value), 17)
            )
    return out


def _affine_folds(intercepts: list[Any], slopes: list[Any]) -> list[sympy.Expr]:
    """Fold candidates for :math:`D_k = a_k + b_k t` with numbers ``a``, ``b``.

    Exact (``Rational``) for rational data up to :data:`EXACT_FOLD_DEGREE`; float data are
    taken at their exact binary values there too and the folds returned as ``Float``.
    """
    n = len(intercepts) - 1
    if all(isinstance(v, Fraction) for v in intercepts + slopes):
        reduced = _low_degree_folds(intercepts, slopes)
        if reduced is not None:
            return reduced
    if n <= EXACT_FOLD_DEGREE:
        if all(isinstance(v, Fraction) for v in intercepts + slopes):
            return _exact_folds(intercepts, slopes)
        roots = _exact_folds([Fraction(v) for v in intercepts], [Fraction(v) for v in slopes])
        return [sympy.Float(float(r), 17) for r in roots]
    return _numeric_folds(
        np.array([float(v) for v in intercepts]), np.array([float(v) for v in slopes])
    )


# ---------------------------------------------------------------------- two directions
def _two_direction_folds(
    game: ParametricAnonymousGame,
    variable: sympy.Symbol,
    reference: Mapping[sympy.Symbol, sympy.Expr] | None,
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

    n = game.num_players - 1
    vectors = _monomial_vectors(game)
    if vectors is None:
        return None
    # the parameter's own terms first: it then enters one coordinate when it can
    vectors.sort(key=lambda item: variable not in item[0].free_symbols)
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
        pairs = _numeric_plane_points(
            np.array([float(x) for x in directions[0]]), np.array([float(x) for x in directions[1]])
        )
    out: list[tuple[sympy.Expr, bool]] = []
    for p, q, numeric in pairs:
        if not numeric and _digits(p) + _digits(q) > MAX_SYMBOLIC_DIGITS:
            # keep symbolic thresholds readable (and cheap to simplify): 30-digit ratio
            p, q = (
                (sympy.Integer(1), sympy.Float(q / p, 30))
                if abs(p) >= abs(q)
                else (sympy.Float(p / q, 30), sympy.Integer(1))
            )
            numeric = True
        if numeric and variable not in beta.free_symbols and p != 0:
            p, q = sympy.Integer(1), sympy.Float(q / p, 30)  # exact coefficients of t
        elif numeric and variable not in alpha.free_symbols and q != 0:
            p, q = sympy.Float(p / q, 30), sympy.Integer(1)
        equation = sympy.expand(alpha * p + beta * q)
        slope = equation.coeff(variable, 1)
        if (
            slope != 0
            and sympy.expand(equation - slope * variable).free_symbols.isdisjoint({variable})
            and variable not in slope.free_symbols
        ):
            # linear (the common case): solved directly, keeping exact 1 coefficients
            rest = sympy.expand(equation - slope * variable)
            roots = [
                sympy.expand(-rest / slope) if slope.is_number else sympy.cancel(-rest / slope)
            ]
        else:
            roots = real_roots(equation, variable, reference)
        for root in roots:
            out.append((root, numeric or root.has(sympy.Float)))
    return out


def _digits(value: sympy.Expr) -> int:
    """Decimal digits of an exact rational's numerator and denominator."""
    return len(str(abs(int(value.p)))) + len(str(int(value.q)))


def _monomial_vectors(
    game: ParametricAnonymousGame,
) -> list[tuple[sympy.Expr, list[Fraction]]] | None:
    r""":math:`D_k = \sum_j m_j(\theta) c_{jk}`: monomials :math:`m_j` of the parameters with
    their exact coefficient vectors :math:`c_j` over :math:`k = 0..n`; ``None`` when some
    :math:`D_k` is not a polynomial in the parameters with rational coefficients."""

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
                function = exact_lambdify([k], coefficient)
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
    except (
        sympy.PolynomialError,
        sympy.GeneratorsNeeded,
        TypeError,
        ValueError,
        ZeroDivisionError,
        OverflowError,
    ):
        return None


def _monomial(symbols: Sequence[sympy.Symbol], exponents: Sequence[int]) -> sympy.Expr:
    return sympy.Mul(*[s**e for s, e in zip(symbols, exponents)])


def _plane_basis(
    vectors: list[list[Fraction]],
) -> tuple[list[list[int]], list[tuple[Fraction, Fraction]]] | None:
    """At most two vectors spanning ``vectors`` (multiples of the first nonzero one and of
    the first one independent of it, as integers) and every vector's coordinates in that
    basis; ``None`` when ``vectors`` span more than two directions."""
    scaled, scales = [], []
    for vector in vectors:  # integer multiples: exact and much faster than Fractions
        scale = math.lcm(*(x.denominator for x in vector))
        scaled.append([x.numerator * (scale // x.denominator) for x in vector])
        scales.append(scale)
    first = next((v for v in scaled if any(v)), None)
    if first is None:
        return [], [(Fraction(0), Fraction(0))] * len(vectors)
    i = next(k for k, x in enumerate(first) if x != 0)
    second = next(
        (v for v in scaled if any(x * first[i] != f * v[i] for x, f in zip(v, first))), None
    )
    if second is None:
        return [first], [
            (Fraction(v[i], first[i] * c), Fraction(0)) for v, c in zip(scaled, scales)
        ]
    j = next(k for k in range(len(first)) if first[i] * second[k] != first[k] * second[i])
    determinant = first[i] * second[j] - first[j] * second[i]
    coordinates = []
    for v, c in zip(scaled, scales):
        x_num = v[i] * second[j] - v[j] * second[i]
        y_num = first[i] * v[j] - first[j] * v[i]
        if any(
            determinant * value != x_num * f + y_num * g for value, f, g in zip(v, first, second)
        ):
            return None
        coordinates.append((Fraction(x_num, determinant * c), Fraction(y_num, determinant * c)))
    return [first, second], coordinates


def _exact_plane_points(
    v: Sequence[Fraction | int], w: Sequence[Fraction | int]
) -> list[tuple[Any, Any, bool]]:
    """``(P(y*), Q(y*), numeric)`` at the positive roots of :math:`P'Q - PQ'` and of
    :math:`G` (see :func:`_two_direction_folds`); exact at rational roots, else a float ratio.
    """
    import flint

    n = len(v) - 1

    def poly(values: Sequence[Fraction | int]) -> Any:
        terms = [Fraction(x) * math.comb(n, k) for k, x in enumerate(values)]
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
    out: list[tuple[Any, Any, bool]] = []
    for h in _ratio_critical_points(v, w):
        p, q = _shared_scale_values(v, w, h)
        if abs(p) >= abs(q) and p != 0:
            out.append((sympy.Integer(1), sympy.Float(q / p, 17), True))
        elif q != 0:
            out.append((sympy.Float(p / q, 17), sympy.Integer(1), True))
    return out


def _shared_scale_values(v: np.ndarray, w: np.ndarray, h: float) -> tuple[float, float]:
    """Both Bernstein polynomials at ``h``, divided by one common positive number."""
    logs = _log_weights(len(v) - 1, np.array([h]))[0]
    weights = np.exp(logs - logs.max())
    return float(np.dot(v, weights)), float(np.dot(w, weights))


def _fold_candidates(
    differences: list[sympy.Expr],
    variable: sympy.Symbol,
    reference: Mapping[sympy.Symbol, sympy.Expr] | None,
) -> list[sympy.Expr]:
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
                RuntimeWarning,
                stacklevel=4,
            )
            return []
        y = sympy.Symbol("y", positive=True)
        _breaks, probes = _pieces(differences, variable, reference)
        out: list[sympy.Expr] = []
        choices: list[float | None] = list(probes) or [None]
        for probe in choices:  # piecewise payoffs: one resultant per piece
            pieces = (
                differences
                if probe is None
                else [_branch(d, variable, probe, reference) for d in differences]
            )
            polynomial = sum(d * math.comb(n, k) * y**k for k, d in enumerate(pieces))
            if others and reference:
                polynomial = polynomial.xreplace(dict(reference))
            try:
                resultant = sympy.resultant(
                    sympy.expand(polynomial), sympy.expand(sympy.diff(polynomial, y)), y
                )
            except (sympy.PolynomialError, NotImplementedError):
                continue
            out += _solve(sympy.expand(resultant), variable, reference)
        return out
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


def _symbolic_folds(
    intercepts: list[sympy.Expr],
    slopes: list[sympy.Expr],
    reference: Mapping[sympy.Symbol, sympy.Expr] | None,
) -> list[sympy.Expr]:
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
            # folds need y = h/(1 - h) > 0: y = 0 is an end point (where a root leaves
            # through h = 0, already a best-reply switch), y < 0 is outside (0, 1)
            at_reference = root.xreplace(dict(reference)) if reference else root
            if at_reference.is_number and not at_reference > 0:
                continue
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
            numerator, denominator = _shared_scale_values(
                np.array([float(x) for x in a]), np.array([float(x) for x in b]), h
            )
            if denominator != 0:
                out.append(sympy.Float(-numerator / denominator, 17))
    return out


def _numeric_folds(a: np.ndarray, b: np.ndarray) -> list[sympy.Expr]:
    """Critical values of phi = -A/B bracketed on a grid in h (large N)."""
    out: list[sympy.Expr] = []
    for h in _ratio_critical_points(a, b):
        top, bottom = _shared_scale_values(a, b, h)
        if bottom != 0 and np.isfinite(top / bottom):
            out.append(sympy.Float(-top / bottom, 17))
    return out


def _log_weights(n: int, h: np.ndarray, k: np.ndarray | None = None) -> np.ndarray:
    """``log(C(n, k) h^k (1-h)^(n-k))`` for every ``h`` (rows) and ``k`` (columns; default
    ``0..n``)."""
    from scipy.special import gammaln

    k = np.arange(n + 1, dtype=float) if k is None else np.asarray(k, dtype=float)
    binomial = gammaln(n + 1.0) - gammaln(k + 1.0) - gammaln(n - k + 1.0)
    h = np.asarray(h, dtype=float)[:, None]
    return binomial[None, :] + k[None, :] * np.log(h) + (n - k)[None, :] * np.log1p(-h)


def _scaled_wronskian(v: np.ndarray, w: np.ndarray, h: np.ndarray) -> np.ndarray:
    r""":math:`V'W - VW'` for the Bernstein polynomials with coefficients ``v``, ``w`` at each
    ``h``, divided by a positive number (so with the right sign and zeros): every term
    shares the largest log-weight, so nothing overflows or underflows at 10,000 players."""
    n = len(v) - 1
    # C(n-1, k) h^k (1-h)^(n-1-k) = C(n, k) h^k (1-h)^(n-k) (n - k) / (n (1 - h)), so the
    # derivative (coefficients n * diff) reuses the degree-n weights
    factor = np.arange(n, 0, -1, dtype=float)  # n - k for k = 0..n-1
    dv, dw = np.diff(v) * factor, np.diff(w) * factor
    out = np.empty(len(h))
    for start in range(0, len(h), 256):
        chunk = np.asarray(h[start : start + 256], dtype=float)
        logs = _log_weights(n, chunk)
        weights = np.exp(logs - logs.max(axis=1)[:, None])
        low = weights[:, :-1] / (1 - chunk)[:, None]
        out[start : start + 256] = (low @ dv) * (weights @ w) - (weights @ v) * (low @ dw)
    return out


def _ratio_critical_points(v: np.ndarray, w: np.ndarray) -> list[float]:
    """Points ``h`` in (0, 1) where the Wronskian of ``v`` and ``w`` changes sign (a grid in
    logit space, then Brent's method)."""
    from scipy.optimize import brentq

    grid = 1 / (1 + np.exp(-np.linspace(-12, 12, NUMERIC_FOLD_POINTS)))
    values = _scaled_wronskian(v, w, grid)

    def function(h: float) -> float:
        return float(_scaled_wronskian(v, w, np.array([h]))[0])

    return [
        brentq(function, grid[k], grid[k + 1], xtol=1e-15)
        for k in np.flatnonzero(np.sign(values[:-1]) * np.sign(values[1:]) < 0)
    ]


# ---------------------------------------------------------------------- descriptions
def describe_threshold(
    game: ParametricAnonymousGame,
    parameter: str,
    group: list,
    below: tuple,
    above: tuple,
    probe: float,
    reference_subs: Mapping[sympy.Symbol, sympy.Expr],
    method: str,
    phrases: Any = None,
) -> Change:
    """What switches across a threshold and what happens to the equilibria, in words.

    Parameters
    ----------
    game : ParametricAnonymousGame
    parameter : str
        The parameter that crosses the threshold.
    group : list of tuple
        The candidates located at the threshold, as ``(value, expression, info)`` (``info``
        as given by :func:`candidates`).
    below, above : tuple
        The structures (see :func:`structure_at`) just below and just above.
    probe : float
        A value of ``parameter`` just above the threshold.
    reference_subs : mapping of sympy.Symbol to sympy.Expr
        Values of the other parameters.
    method : {"auto", "pure"}
        The equilibria sought (``"pure"``: count equilibria only).
    phrases : callable, optional
        ``phrases(structure)`` names a structure's equilibria in sentences (default: the
        labels).

    Returns
    -------
    Change
        The clauses (whose best reply switches), the sentence on the equilibria, the
        labels below and above, and the players concerned.

    Examples
    --------
    >>> game = ParametricAnonymousGame(3, {"go": "x*k - 1", "stay": "0"}, ["x"])
    >>> [(value, info)] = candidates(game, game.parameter("x").symbol)
    >>> below, above = structure_at(game, {"x": [0.25, 2]})
    >>> change = describe_threshold(
    ...     game, "x", [(value, value, info)], below, above, 0.75, {}, "auto")
    >>> change.clauses
    ("a member's best reply when 2 of the other 2 members choose go is go (rather than stay)",)
    >>> change.below, change.players
    (('all stay',), ('member',))
    """
    variable = game.parameter(parameter).symbol
    substitutions = dict(reference_subs)
    substitutions[variable] = sympy.Float(probe)
    clauses = []
    member = game.player_label
    n = game.num_players - 1
    seen: set[Any] = set()
    if game.num_strategies > 2:
        clauses += _many_strategy_clauses(game, group, below, above, substitutions)
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
            numbers = join(count_ranges(counts), "or")
            when = f"when {numbers} of the other {n} {plural(member)} choose {game.strategies[0]}"
        clauses.append(f"a {member}'s best reply {when} is {better} (rather than {worse})")
    below_labels = labels(game, below)
    above_labels = labels(game, above)
    mixed_below = sum(item[0] in ("symmetric", "mixture") for item in below)
    mixed_above = sum(item[0] in ("symmetric", "mixture") for item in above)
    if (
        any(info.get("event") == "fold" for _v, _e, info in group)
        and abs(mixed_below - mixed_above) == 2
    ):  # (one alone enters through an end)
        verb = "are born" if mixed_above > mixed_below else "collide and vanish"
        clauses.append(f"two symmetric mixed equilibria {verb} (a fold)")
    noun, nouns = (
        ("count equilibrium", "count equilibria")
        if method == "pure"
        else ("equilibrium", "equilibria")
    )
    name = phrases or (lambda structure: labels(game, structure))
    change = change_sentence(name(below), name(above), noun, nouns)
    return Change(tuple(clauses), change, below_labels, above_labels, (member,))


def _many_strategy_clauses(
    game: ParametricAnonymousGame,
    group: list,
    below: tuple,
    above: tuple,
    substitutions: Mapping[sympy.Symbol, sympy.Expr],
) -> list[str]:
    """Best-reply switches of a game with more than two strategies, in words: ``"a
    member's best reply when the other 3 members choose 2 open, 1 close is open (rather
    than hedge)"``. Only switches seen by the players of a count equilibrium that appears
    or disappears are named (else the first one), at most three situations per switch."""
    member, n = game.player_label, game.num_players - 1
    changed = [item[1] for item in set(below) ^ set(above) if item[0] == "pure"]
    relevant = {
        tuple(c - (j == s) for j, c in enumerate(counts))
        for counts in changed
        for s in range(len(counts))
        if counts[s]
    }
    switches: list[tuple[bool, str, str, tuple[int, ...]]] = []
    for _value, _expression, info in group:
        if info["kind"] != "pure" or "where" not in info:
            continue
        try:
            sign = float(info["difference"].xreplace(substitutions))
        except TypeError:
            continue
        for column, a, b in info["where"]:
            better, worse = (a, b) if sign > 0 else (b, a)
            profile = tuple(int(c) for c in game.count_profiles[column])
            switches.append(
                (profile in relevant, game.strategies[better], game.strategies[worse], profile)
            )
    kept = [s for s in switches if s[0]] or switches[:1]
    situations: dict[tuple[str, str], list[tuple[int, ...]]] = {}
    for _relevant, better, worse, profile in kept:
        listed = situations.setdefault((better, worse), [])
        if profile not in listed:
            listed.append(profile)
    clauses = []
    for (better, worse), profiles in situations.items():
        texts = [
            ", ".join(f"{c} {label}" for c, label in zip(p, game.strategies) if c) for p in profiles
        ]
        if len(texts) == 1 and "," not in texts[0] and n > 1:
            when = f"when all {n} other {plural(member)} choose {texts[0].split(' ', 1)[1]}"
        else:
            if len(texts) > 1:
                texts = [f"({t})" for t in texts[:3]] + (
                    [f"{len(texts) - 3} other count profiles"] if len(texts) > 3 else []
                )
            when = f"when the other {n} {plural(member)} choose {join(texts, 'or')}"
        clauses.append(f"a {member}'s best reply {when} is {better} (rather than {worse})")
    return clauses


def fingerprint_text(game: ParametricAnonymousGame) -> str:
    """A text that changes whenever the game does (for sweep checkpoints).

    Parameters
    ----------
    game : ParametricAnonymousGame

    Returns
    -------
    str
        The number of players, the payoff expressions (or table), the strategies, the
        player label and each parameter's name, default and domain.

    Examples
    --------
    >>> game = ParametricAnonymousGame(3, {"go": "x*k - 1", "stay": "0"}, ["x"])
    >>> fingerprint_text(game)
    "(3, ['k1*x - 1', '0'], ('go', 'stay'), 'member', [('x', None, 'None')])"
    >>> larger = ParametricAnonymousGame(4, {"go": "x*k - 1", "stay": "0"}, ["x"])
    >>> fingerprint_text(larger) == fingerprint_text(game)
    False
    """
    body = (
        [str(e) for e in game.expressions]
        if game.expressions is not None
        else [str(e) for e in game.table.reshape(-1)]
    )
    return repr(
        (
            game.num_players,
            body,
            game.strategies,
            game.player_label,
            [
                (p.name, format_value(p.default) if p.default is not None else None, str(p.domain))
                for p in game.parameters
            ],
        )
    )


def _plays(
    game: ParametricAnonymousGame, structure: Sequence[tuple]
) -> tuple[dict[str, str | None], ...]:
    out = []
    for item in sorted(structure, key=_label_key):
        if item[0] == "pure":
            used = [s for c, s in zip(item[1], game.strategies) if c]
            out.append({game.player_label: used[0] if len(used) == 1 else None})
        else:
            out.append({game.player_label: None})
    return tuple(out)


class AnonymousConcept(SolutionConcept):
    """Count equilibria and symmetric equilibria of anonymous games (module docstring).

    ``method="auto"``: count equilibria and symmetric mixed equilibria (any number of
    strategies); ``"pure"``: count equilibria only.

    Examples
    --------
    >>> game = ParametricAnonymousGame(3, {"go": "x*k - 1", "stay": "0"}, ["x"])
    >>> concept = AnonymousConcept()
    >>> concept.labels(game, concept.structure_at(game, {"x": [2.0]}, method="auto")[0])
    ('all go', 'all stay', 'symmetric mix of go and stay (unstable)')
    """

    name = "anonymous"
    aliases = ("count", "symmetric", "count_and_symmetric")
    singular = "equilibrium"
    plural = "equilibria"
    title = "count and symmetric equilibria"
    methods = METHODS

    def prepare(self, game: Any) -> ParametricAnonymousGame:
        if isinstance(game, ParametricAnonymousGame):
            return game
        if isinstance(game, AnonymousGame):
            return ParametricAnonymousGame.from_game(game)
        raise InvalidGameError(
            f"count and symmetric equilibria need an anonymous game, got {type(game).__name__}"
        )

    def resolve_method(self, game: ParametricAnonymousGame, method: str) -> str:
        return resolve_method(game, method)

    def needs_scan(self, game: ParametricAnonymousGame) -> bool:
        """More than two strategies with payoffs not affine in the counts (or more than
        three strategies): symmetric mixes can appear, vanish or change stability where no
        candidate expression is derived, so the engine scans between candidates."""
        return game.num_strategies > 2 and (
            game.num_strategies > 3 or _polynomial_matrix(game) is None
        )

    def structure_at_exact(
        self, game: ParametricAnonymousGame, point: Mapping[str, Any], *, method: str
    ) -> Any:
        if game.num_strategies <= 2:
            return None
        values = {
            p.name: Fraction(point[p.name]) if p.name in point else p.default
            for p in game.parameters
        }
        try:
            numeric = game.at(**values)
        except InvalidGameError:
            return None
        if not numeric.is_exact:
            return None
        records = _many_strategy_records(game, numeric, resolve_method(game, method), 1e-9)
        return tuple(sorted(_items(game, records), key=repr))

    def nouns(self, method: str) -> tuple[str, str]:
        if method == "pure":
            return "count equilibrium", "count equilibria"
        return self.singular, self.plural

    def describe_method(self, method: str) -> str:
        return "count equilibria only" if method == "pure" else ""

    def fingerprint(self, game: ParametricAnonymousGame) -> str:
        import hashlib

        text = repr((self.name, fingerprint_text(game), repr(getattr(game, "outcomes", None))))
        return hashlib.sha256(text.encode()).hexdigest()

    def solve_points(
        self,
        game: ParametricAnonymousGame,
        values: Mapping[str, np.ndarray],
        *,
        method: str,
        tol: float = 1e-9,
        fast: bool | None = None,
        options: Mapping[str, Any] | None = None,
    ) -> pd.DataFrame:
        return solve_points(game, values, method=method, tol=tol)

    def structure_at(
        self, game: ParametricAnonymousGame, values: Mapping[str, Any], *, method: str
    ) -> list[Any]:
        if values and not len(np.atleast_1d(next(iter(values.values())))):
            return []
        return structure_at(game, values, method=method)

    def candidates(
        self,
        game: ParametricAnonymousGame,
        variable: sympy.Symbol,
        reference: Mapping[sympy.Symbol, sympy.Expr],
        domain: tuple[Any, Any],
        *,
        method: str,
    ) -> list[Any]:
        out = candidates(game, variable, reference, domain)
        if method == "pure":
            out = [c for c in out if c[1]["kind"] == "pure"]
        return out

    def labels(self, game: ParametricAnonymousGame, structure: Any) -> tuple[str, ...]:
        return labels(game, structure)

    def plays(
        self, game: ParametricAnonymousGame, structure: Any
    ) -> tuple[Mapping[str, str | None], ...]:
        return _plays(game, structure)

    def describe(
        self,
        game: ParametricAnonymousGame,
        parameter: str,
        group: Sequence[Any],
        below: Any,
        above: Any,
        probe: float,
        reference: Mapping[sympy.Symbol, sympy.Expr],
        method: str,
    ) -> Change:
        return describe_threshold(
            game,
            parameter,
            list(group),
            below,
            above,
            probe,
            reference,
            method,
            phrases=lambda structure: self.phrases(game, structure),
        )
