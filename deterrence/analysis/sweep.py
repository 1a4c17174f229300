r"""Grid sweeps: solve a parametric game at every point of a parameter grid.

:func:`sweep` returns one long table: one row per (parameter point, equilibrium). The common
cases (two players with at most three strategies each, and pure equilibria of any game) take
a vectorised fast path: the payoffs are lambdified once and every grid point is solved in
batched numpy (``deterrence.analysis._batched``), with no Python loop over points. Other
games go point by point through :func:`deterrence.solve`. Both paths build the table with the
same code, and on the same grid give the same frame, bit for bit.

Large sweeps are cut into chunks: each chunk is solved independently (serially, in a local
process pool or on a Dask cluster, see :mod:`deterrence.analysis.backends`), finished chunks
can be checkpointed to disk as they complete (an interrupted sweep resumes where it stopped)
and streamed to a Parquet file so that the whole table never needs to fit in memory.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import time
import warnings
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from deterrence.analysis.checkpoints import Checkpoint, ParquetSink, game_fingerprint
from deterrence.analysis.concepts import SolutionConcept
from deterrence.analysis.concepts.nash import SUPPORT_TOL
from deterrence.analysis.thresholds import AnalysableGame, prepare_analysis
from deterrence.exceptions import BudgetExceededError, DeterrenceError, InvalidGameError
from deterrence.games import limits

__all__ = [
    "sweep",
    "grid_points",
    "solve_points",
    "undefined_points",
    "UndefinedPayoffWarning",
    "UNDEFINED",
    "SUPPORT_TOL",
    "AnalysableGame",
]

#: Default number of grid points per chunk.
DEFAULT_CHUNK_SIZE = 250_000
#: Grids above this many points are timed on a sample before they run.
ESTIMATE_ABOVE = 100_000
#: Version of the table layout, part of a checkpoint's fingerprint.
TABLE_FORMAT = "table-2 (point column)"


# ---------------------------------------------------------------------- grids
class _Grid:
    """A grid of parameter points, produced chunk by chunk (never materialised whole)."""

    def __init__(self, game: Any, grid: Any) -> None:
        names = tuple(getattr(game, "parameter_names", ()) or ())
        if isinstance(grid, pd.DataFrame):
            unknown = sorted(set(map(str, grid.columns)) - set(names))
            if unknown:
                raise InvalidGameError(
                    f"grid has column(s) {unknown} that are not parameters; parameters are "
                    f"{list(names)}"
                )
            self.frame = grid.reset_index(drop=True)
            self.axes = None
            self.swept = tuple(str(c) for c in grid.columns)
            self.size = len(grid)
            columns = {c: self.frame[c].to_numpy() for c in self.swept}
        elif isinstance(grid, Mapping):
            unknown = sorted(set(grid) - set(names))
            if unknown:
                raise InvalidGameError(
                    f"grid has parameter(s) {unknown} that the game does not declare; "
                    f"parameters are {list(names)}"
                )
            self.frame = None
            self.swept = tuple(grid)
            self.axes = {}
            for name, values in grid.items():
                if isinstance(values, (str, bytes)) or np.ndim(values) == 0:
                    values = [values]
                self.axes[name] = np.asarray(values)
                if self.axes[name].ndim != 1 or len(self.axes[name]) == 0:
                    raise InvalidGameError(
                        f"grid values of {name!r} must be a non-empty 1-D sequence"
                    )
            self.size = math.prod(len(v) for v in self.axes.values())  # exact, no overflow
            columns = self.axes
        else:
            raise InvalidGameError(
                "grid must be a mapping {parameter: values} (cartesian product) or a "
                f"pandas DataFrame of points, got {type(grid).__name__}"
            )
        # validate every value once (numbers, finite, in the domain)
        for name, values in columns.items():
            try:
                array = np.asarray(values, dtype=np.float64)
            except (TypeError, ValueError):
                raise InvalidGameError(f"grid values of {name!r} must be numbers") from None
            if not np.isfinite(array).all():
                raise InvalidGameError(f"grid values of {name!r} must be finite")
            parameter = game.parameter(name)
            if parameter.domain is not None:
                low, high = parameter.domain
                outside = np.zeros(array.shape, dtype=bool)
                if low is not None:
                    outside |= array < float(low)
                if high is not None:
                    outside |= array > float(high)
                if outside.any():
                    raise InvalidGameError(
                        f"grid value {name}={float(array[outside][0])!r} is outside its domain "
                        f"{parameter.domain_text()}"
                    )
        parameters = tuple(getattr(game, "parameters", ()) or ())
        missing = [p for p in parameters if p.name not in self.swept and p.default is None]
        if missing:
            raise InvalidGameError(
                f"parameter(s) {[p.name for p in missing]} are neither in the grid nor have a "
                "default"
            )
        self.names = names
        self.defaults = {p.name: float(p.default) for p in parameters if p.default is not None}

    def points(self, start: int, stop: int) -> dict[str, np.ndarray]:
        """Points ``start .. stop-1`` as ``{parameter: float array}`` for every parameter."""
        if self.frame is not None:
            part = {c: self.frame[c].to_numpy(dtype=np.float64)[start:stop] for c in self.swept}
        elif not self.axes:
            part = {}
        else:
            # np.unravel_index, but for grids of more points than an intp can count
            flat = np.arange(start, stop, dtype=np.int64)
            part = {}
            for name in reversed(tuple(self.axes)):
                values = self.axes[name].astype(np.float64)
                flat, position = np.divmod(flat, len(values))
                part[name] = values[position]
        count = stop - start
        return {
            name: part[name] if name in part else np.full(count, self.defaults[name])
            for name in self.names
        }

    def source(self, start: int, stop: int) -> tuple[Any, int, int]:
        """What a worker needs for points ``start .. stop-1``: the (small) cartesian plan,
        or just the slice of a DataFrame grid."""
        if self.frame is None:
            return self, start, stop
        return _Points(self.points(start, stop)), 0, stop - start

    def fingerprint(self) -> str:
        digest = hashlib.sha256()
        if self.frame is not None:
            for c in self.swept:
                digest.update(c.encode())
                digest.update(self.frame[c].to_numpy(dtype=np.float64).tobytes())
        else:
            for name, values in self.axes.items():
                digest.update(name.encode())
                digest.update(values.astype(np.float64).tobytes())
        digest.update(json.dumps(self.defaults, sort_keys=True).encode())
        return digest.hexdigest()

    def describe(self) -> str:
        """``"3 x 1,000 x 500"`` (a cartesian grid) or ``"a table of 20 points"``."""
        if self.axes is None:
            return f"a table of {self.size:,} points"
        return " x ".join(f"{len(v):,}" for v in self.axes.values()) + " values"

    def check_budget(self, max_points: float | None, estimate: Any = None) -> None:
        """Refuse a grid above the budget, saying how to opt in.

        Without ``max_points`` the budget is
        :data:`~deterrence.games.limits.MAX_SWEEP_POINTS` points and, for grids of more than
        :data:`ESTIMATE_ABOVE` points, :data:`~deterrence.games.limits.MAX_SWEEP_SECONDS` of
        estimated work (``estimate(plan) -> (seconds, text)`` times a sample); an explicit
        ``max_points`` replaces both.
        """
        if max_points is not None and (
            isinstance(max_points, bool)
            or not isinstance(max_points, (int, float, np.number))
            or not max_points >= 0
        ):
            raise InvalidGameError(f"max_points must be a number >= 0, got {max_points!r}")
        budget = limits.MAX_SWEEP_POINTS if max_points is None else max_points
        seconds, guess = None, ""
        if estimate is not None and (
            self.size > budget or (max_points is None and self.size > ESTIMATE_ABOVE)
        ):
            seconds, text = estimate(self)
            guess = f"; {text}"
        if self.size > budget:
            what = f"more than the budget of {int(budget):,}"
        elif max_points is None and seconds is not None and seconds > limits.MAX_SWEEP_SECONDS:
            what = f"more work than the budget of {_duration(limits.MAX_SWEEP_SECONDS)}"
        else:
            return
        raise BudgetExceededError(
            f"the grid has {self.size:,} points ({self.describe()}), {what}{guess}. To run it "
            f"anyway pass max_points={self.size} (or max_points=math.inf; with out= the rows "
            "stream to a Parquet file), or raise deterrence.games.limits.MAX_SWEEP_POINTS and "
            "MAX_SWEEP_SECONDS",
            self.size,
        )


class _Points:
    """A materialised slice of grid points (shipped to workers instead of the whole grid)."""

    def __init__(self, values: dict[str, np.ndarray]) -> None:
        self.values = values

    def points(self, start: int, stop: int) -> dict[str, np.ndarray]:
        return {name: array[start:stop] for name, array in self.values.items()}


def grid_points(
    game: AnalysableGame, grid: Any, *, max_points: float | None = None
) -> pd.DataFrame:
    """The points of a grid as a DataFrame, one column per parameter (defaults filled in).

    Parameters
    ----------
    game : game
        Any analysable game with parameters.
    grid : mapping or pandas.DataFrame
        ``{name: values}`` for a cartesian product (the first parameter varies slowest), or
        a DataFrame of points.
    max_points : int, optional
        The most points accepted (default
        :data:`~deterrence.games.limits.MAX_SWEEP_POINTS`), as for :func:`sweep`.

    Returns
    -------
    pandas.DataFrame

    Raises
    ------
    InvalidGameError
        Unknown parameters, non-numeric or out-of-domain values, missing parameters without
        defaults, more than ``max_points`` points.

    Examples
    --------
    >>> from deterrence.games import Parameter, ParametricGame
    >>> game = ParametricGame([["a + b"]], [Parameter("a"), Parameter("b", default=1)])
    >>> grid_points(game, {"a": [0, 1]})
       a    b
    0  0.0  1.0
    1  1.0  1.0
    """
    _concept, game = prepare_analysis(game)
    plan = _Grid(game, grid)
    plan.check_budget(max_points)
    return pd.DataFrame(plan.points(0, plan.size))


# ---------------------------------------------------------------------- solving a batch
def solve_points(
    game: AnalysableGame,
    values: Mapping[str, np.ndarray],
    *,
    method: str = "auto",
    tol: float = 1e-9,
    fast: bool | None = None,
    options: Mapping[str, Any] | None = None,
    concept: str | SolutionConcept = "auto",
    undefined: str = "mark",
) -> pd.DataFrame:
    """Solve the game at a batch of points and return the long table (one chunk of a sweep).

    Parameters
    ----------
    game : game
        Any analysable game (see :mod:`deterrence.analysis.concepts`).
    values : mapping
        ``{parameter: float array}`` of equal lengths (missing parameters take defaults).
    method : str
        ``"auto"`` (as in :func:`sweep`), ``"pure"`` or any method the concept offers.
    tol : float
        Tolerance for best-response ties.
    fast : bool, optional
        Force (``True``) or forbid (``False``) the vectorised path; by default it is used
        whenever it applies.
    options : mapping, optional
        Passed to :func:`deterrence.solve` on the general path.
    concept : str or SolutionConcept, default "auto"
        The solution concept (the game's own by default).
    undefined : {"mark", "raise"}, default "mark"
        Points whose payoffs are not finite: one marker row each (with a warning), or an
        error; as in :func:`sweep`.

    Returns
    -------
    pandas.DataFrame
        As :func:`sweep` (with ``attrs["method"]``, ``attrs["concept"]``).

    Examples
    --------
    >>> import numpy as np
    >>> from deterrence.games import ParametricGame
    >>> game = ParametricGame.from_matrices([["x", 0], [0, 1]], [[1, 0], [0, 1]], ["x"])
    >>> solve_points(game, {"x": np.array([-1.0, 1.0])})["profile"].tolist()
    ['(s2, s2)', '(s1, s1)', '(mix of s1 and s2, mix of s1 and s2)', '(s2, s2)']
    """
    chosen, game = prepare_analysis(game, concept)
    method = chosen.resolve_method(game, method)
    _check_undefined_option(undefined)
    return _solve_chunk(chosen, game, values, method, tol, fast, options, 0, undefined)


def _check_undefined_option(undefined: str) -> None:
    if undefined not in ("mark", "raise"):
        raise InvalidGameError(f"undefined must be 'mark' or 'raise', got {undefined!r}")


def _solve_chunk(
    concept: SolutionConcept,
    game: Any,
    values: Mapping[str, np.ndarray],
    method: str,
    tol: float,
    fast: bool | None,
    options: Mapping[str, Any] | None,
    offset: int = 0,
    on_undefined: str = "mark",
    warn: bool = True,
) -> pd.DataFrame:
    names = tuple(getattr(game, "parameter_names", ()) or ())
    count = len(next(iter(values.values()))) if values else 1
    full = {
        name: np.asarray(values[name], dtype=np.float64)
        if name in values
        else np.full(count, float(game.parameter(name).default))
        for name in names
    }
    ids = np.arange(offset, offset + count, dtype=np.int64)
    undefined = undefined_points(game, full)
    if not undefined.any():
        table = concept.solve_points(game, full, method=method, tol=tol, fast=fast, options=options)
        table = _number_points(table, full, count, ids)
    else:
        bad = np.flatnonzero(undefined)
        found = _undefined_points_text(full, bad, ids, undefined[bad])
        if on_undefined == "raise":
            raise InvalidGameError(_undefined_message(game, [(len(bad), found)]))
        good = np.flatnonzero(undefined == 0)
        part = {name: array[good] for name, array in full.items()}
        table = concept.solve_points(game, part, method=method, tol=tol, fast=fast, options=options)
        table = _number_points(table, part, len(good), ids[good])
        table = _with_markers(table, full, bad, ids[bad])
        # sweep() warns once for all chunks (workers' warnings would be lost)
        table.attrs["undefined"] = (len(bad), found)
        if warn:
            warnings.warn(
                _undefined_message(game, [table.attrs.pop("undefined")]),
                UndefinedPayoffWarning,
                stacklevel=3,
            )
    table.attrs["method"] = method
    table.attrs["concept"] = concept.name
    table.attrs["title"] = getattr(game, "title", "")
    reading = getattr(game, "outcomes", None)
    if reading is not None:  # the model's words in palette order (fixed colours in plots)
        table.attrs["outcome_labels"] = list(reading.labels)
    return table


def _number_points(
    table: pd.DataFrame, values: Mapping[str, np.ndarray], count: int, ids: np.ndarray
) -> pd.DataFrame:
    """Add the ``point`` column (grid point of each row: ``ids`` of its position in the
    batch) and drop repeated rows of one point (two solver answers that polish to one equilibrium).

    Every concept lists a point's rows together, in point order, numbered 0, 1, ... by
    ``equilibrium``; a point may have no rows (``method="pure"``). A row group is matched to
    its point by its parameter values; equal points have equal groups (the solvers are
    deterministic), so the k-th group with given values belongs to the k-th point with them.
    """
    starts = table["equilibrium"].to_numpy() == 0 if len(table) else np.zeros(0, dtype=bool)
    group = np.cumsum(starts) - 1
    first_rows = np.flatnonzero(starts)
    if len(first_rows) == count:
        group_point = np.arange(count, dtype=np.int64)
    else:
        names = [n for n in values if n in table.columns]
        point_columns = [np.asarray(values[n], dtype=np.float64) for n in names]
        group_columns = [table[n].to_numpy(dtype=np.float64)[first_rows] for n in names]
        point_key, group_key = _match_keys(point_columns, group_columns, count, len(first_rows))
        found = pd.Index(point_key).get_indexer(group_key)
        if (found < 0).any():
            raise DeterrenceError(
                "internal error: a row of the sweep table matches no grid point (please report)"
            )
        group_point = found.astype(np.int64)
    point = group_point[group] if len(table) else np.zeros(0, dtype=np.int64)
    position = list(table.columns).index("equilibrium")
    table.insert(position, "point", ids[point] if len(table) else point)
    return _drop_repeated_rows(table)


def _match_keys(
    point_columns: list[np.ndarray], group_columns: list[np.ndarray], count: int, groups: int
) -> tuple[np.ndarray, np.ndarray]:
    """One integer per point and per row group: equal values and equal rank among the
    points (groups) with those values give equal integers."""
    key = np.zeros(count + groups, dtype=np.int64)
    for points, found in zip(point_columns, group_columns):
        codes, _ = pd.factorize(np.concatenate([points, found]))
        key, _ = pd.factorize(key * (int(codes.max(initial=0)) + 1) + codes)
    point_key, group_key = key[:count], key[count:]
    point_rank = pd.Series(point_key).groupby(point_key).cumcount().to_numpy()
    group_rank = pd.Series(group_key).groupby(group_key).cumcount().to_numpy()
    return point_key * (count + 1) + point_rank, group_key * (count + 1) + group_rank


def _drop_repeated_rows(table: pd.DataFrame) -> pd.DataFrame:
    """Drop rows equal to an earlier row of the same point (every column but
    ``equilibrium``) and renumber ``equilibrium`` within each point."""
    if len(table) < 2:
        return table
    point = table["point"].to_numpy()
    shared = np.zeros(len(table), dtype=bool)
    shared[1:] = point[1:] == point[:-1]
    shared[:-1] |= shared[1:].copy()
    candidates = np.flatnonzero(shared)
    if not len(candidates):
        return table
    columns = [c for c in table.columns if c != "equilibrium"]
    repeated = table.iloc[candidates][columns].duplicated().to_numpy()
    if not repeated.any():
        return table
    keep = np.ones(len(table), dtype=bool)
    keep[candidates[repeated]] = False
    attrs = dict(table.attrs)
    table = table.iloc[np.flatnonzero(keep)].reset_index(drop=True)
    point = table["point"].to_numpy()
    position = np.arange(len(table), dtype=np.int64)
    new = np.ones(len(table), dtype=bool)
    new[1:] = point[1:] != point[:-1]
    table["equilibrium"] = position - np.maximum.accumulate(np.where(new, position, 0))
    table.attrs.update(attrs)
    return table


# ---------------------------------------------------------------------- undefined payoffs
class UndefinedPayoffWarning(RuntimeWarning):
    """Some grid points have payoffs that are not finite numbers; their rows read UNDEFINED.

    A pole, the log of a negative number or an overflow makes a payoff NaN or infinite at
    some grid points: :func:`sweep` (with ``undefined="mark"``, the default) gives each
    such point one marker row whose ``profile`` and ``outcome`` read :data:`UNDEFINED`,
    solves the others, and warns once, naming the points.

    Examples
    --------
    >>> import warnings
    >>> from deterrence.games.parametric import ParametricGame
    >>> game = ParametricGame.from_matrices([["1/(x - 1)", 0], [0, 1]], [[1, 0], [0, 1]], ["x"])
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     table = sweep(game, {"x": [0, 1, 2]}, progress=False)
    >>> [str(w.message) for w in caught if w.category is UndefinedPayoffWarning]
    ["ParametricGame: payoffs are not finite numbers at 1 grid point(s): point 1 (x=1;
      infinite payoff); their rows read 'undefined (payoffs not finite)' (undefined='raise'
      refuses them)"]
    >>> table.loc[table["point"] == 1, "outcome"].tolist() == [UNDEFINED]
    True
    """


#: ``profile`` and ``outcome`` of the row that marks a grid point whose payoffs are not
#: finite numbers (probabilities and payoffs NaN, ``is_pure`` False).
UNDEFINED = "undefined (payoffs not finite)"


def undefined_points(game: AnalysableGame, values: Mapping[str, Any]) -> np.ndarray:
    """Which points of a batch have payoffs that are not finite numbers.

    A point is undefined when some payoff is NaN (``log(-1)``, ``0/0``) or infinite (a pole
    such as ``1/(x - 1)`` at ``x = 1``, ``exp(800)``), or when a player's payoffs span more
    than the largest float (their range overflows, so no tolerance relative to it exists).
    Games that do not offer ``lambdify()`` are not checked here (their solvers refuse
    non-finite payoffs).

    Parameters
    ----------
    game : game
        A parametric game (after :func:`~deterrence.analysis.thresholds.prepare_analysis`).
    values : mapping
        ``{parameter: float array}`` of equal lengths, one entry per parameter.

    Returns
    -------
    numpy.ndarray
        ``uint8`` per point: 0 defined, 1 NaN payoff, 2 infinite payoff, 3 range overflow.

    Examples
    --------
    >>> import numpy as np
    >>> from deterrence.games import ParametricGame
    >>> game = ParametricGame([["1/(x - 1)", "log(x)"]], ["x"])
    >>> undefined_points(game, {"x": np.array([-1.0, 1.0, 2.0])}).tolist()
    [1, 2, 0]
    """
    lambdify = getattr(game, "lambdify", None)
    names = tuple(getattr(game, "parameter_names", ()) or ())
    count = len(next(iter(values.values()))) if values else 1
    if not callable(lambdify):
        return np.zeros(count, dtype=np.uint8)
    with np.errstate(all="ignore"):
        payoffs = np.asarray(lambdify()(**{n: values[n] for n in names}), dtype=np.float64)
        if not names:
            payoffs = payoffs[..., None]
        flat = payoffs.reshape(payoffs.shape[0], -1, payoffs.shape[-1])
        span = flat.max(axis=1) - flat.min(axis=1)
    out = np.zeros(count, dtype=np.uint8)
    out[~np.isfinite(span).all(axis=0)] = 3
    out[np.isinf(flat).any(axis=(0, 1))] = 2
    out[np.isnan(flat).any(axis=(0, 1))] = 1
    return out


def _undefined_points_text(
    values: Mapping[str, np.ndarray], bad: np.ndarray, ids: np.ndarray, kinds: np.ndarray
) -> list[str]:
    """The first five undefined points as ``"point 3 (x=1; infinite payoff)"``."""
    what = {1: "NaN payoff", 2: "infinite payoff", 3: "payoff range overflows"}
    shown = []
    for k, kind in zip(bad[:5], kinds[:5]):
        where = ", ".join(f"{n}={float(a[k]):g}" for n, a in values.items())
        shown.append(f"point {int(ids[k])} ({where}{'; ' if where else ''}{what[int(kind)]})")
    return shown


def _undefined_message(game: Any, notes: Sequence[tuple[int, list[str]]]) -> str:
    """One sentence for the undefined points of one or more chunks."""
    total = sum(count for count, _ in notes)
    shown = [text for _, texts in notes for text in texts][:5]
    more = f" and {total - len(shown)} more" if total > len(shown) else ""
    title = getattr(game, "title", "") or type(game).__name__
    return (
        f"{title}: payoffs are not finite numbers at {total} grid point(s): "
        + ", ".join(shown)
        + more
        + f"; their rows read {UNDEFINED!r} (undefined='raise' refuses them)"
    )


def _with_markers(
    table: pd.DataFrame, values: Mapping[str, np.ndarray], bad: np.ndarray, ids: np.ndarray
) -> pd.DataFrame:
    """The table with one :data:`UNDEFINED` row per undefined point, in point order."""
    count = len(bad)
    columns: dict[str, Any] = {}
    for column in table.columns:
        dtype = table[column].dtype
        if column in values:
            columns[column] = np.asarray(values[column], dtype=np.float64)[bad]
        elif column == "point":
            columns[column] = ids
        elif column == "equilibrium":
            columns[column] = np.zeros(count, dtype=np.int64)
        elif isinstance(dtype, pd.CategoricalDtype):
            kind = dtype.categories.dtype
            text = UNDEFINED if column in ("profile", "outcome") else None
            categories = pd.Index([UNDEFINED], dtype=kind) if text else dtype.categories
            columns[column] = pd.Categorical([text] * count, categories=categories)
        elif pd.api.types.is_bool_dtype(dtype):
            columns[column] = np.zeros(count, dtype=bool)
        elif np.issubdtype(dtype, np.number):
            columns[column] = np.full(count, np.nan)
        else:
            columns[column] = np.full(count, None, dtype=object)
    markers = pd.DataFrame(columns, columns=table.columns)
    attrs = dict(table.attrs)
    joined = _concat([table, markers]) if len(table) else markers
    order = np.argsort(joined["point"].to_numpy(), kind="stable")
    joined = joined.iloc[order].reset_index(drop=True)
    joined.attrs.update(attrs)
    return joined


def _run_chunk(task: tuple) -> pd.DataFrame:
    """Solve one chunk (module level so process pools and Dask can ship it)."""
    concept, game, plan, start, stop, method, tol, fast, options, offset, undefined = task
    return _solve_chunk(
        concept,
        game,
        plan.points(start, stop),
        method,
        tol,
        fast,
        options,
        offset,
        undefined,
        warn=False,
    )


def _work_estimate(
    concept: SolutionConcept,
    game: Any,
    plan: _Grid,
    method: str,
    tol: float,
    fast: bool | None,
    options: Mapping[str, Any],
) -> tuple[float, str]:
    """Time a sample of the grid and extrapolate: seconds and ``"solving 2,048 of them ..."``."""
    elapsed, sample = 0.0, 0
    for attempt, size in enumerate((16, 16, 2048)):  # the first call compiles: not used
        sample = min(plan.size, size)
        values = plan.points(0, sample)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            start = time.perf_counter()
            _solve_chunk(concept, game, values, method, tol, fast, options, warn=False)
            elapsed = time.perf_counter() - start
        if attempt and (elapsed > 0.02 or sample == plan.size):
            break
    total = elapsed / max(sample, 1) * plan.size
    return total, (
        f"solving {sample:,} of them took {elapsed:.2g} s, so all of them would take about "
        f"{_duration(total)} on this machine"
    )


def _duration(seconds: float) -> str:
    """``"40 minutes"``, ``"3.5 days"``, ``"2e+04 years"``."""
    for unit, size in (("years", 31_557_600), ("days", 86_400), ("hours", 3_600)):
        if seconds >= 2 * size:
            return f"{seconds / size:.2g} {unit}"
    if seconds >= 120:
        return f"{seconds / 60:.2g} minutes"
    return f"{seconds:.2g} seconds"


def sweep(
    game: AnalysableGame,
    grid: Any,
    *,
    method: str = "auto",
    backend: str = "serial",
    progress: bool = True,
    checkpoint: str | os.PathLike | None = None,
    chunk_size: int | None = None,
    out: str | os.PathLike | None = None,
    client: Any = None,
    workers: int | None = None,
    tol: float = 1e-9,
    fast: bool | None = None,
    concept: str | SolutionConcept = "auto",
    fixed: Mapping[str, Any] | str | None = None,
    undefined: str = "mark",
    max_points: float | None = None,
    **options: Any,
) -> pd.DataFrame | Path:
    """Solve a parametric game at every point of a grid; one row per (point, equilibrium).

    Parameters
    ----------
    game : game
        Any analysable game (see :mod:`deterrence.analysis.concepts`): a ``ParametricGame``
        (a ``NormalFormGame`` is one without parameters), a parametric ``ExtensiveFormGame``
        (its subgame-perfect equilibria, as mixed profiles of the reduced strategic form), a
        ``ParametricAnonymousGame`` (count and symmetric equilibria), ...
    grid : mapping or pandas.DataFrame
        ``{parameter: values}`` for the cartesian product of the values (the first parameter
        varies slowest), or a DataFrame whose rows are the points. Parameters not in the grid
        take their defaults.
    method : str, default "auto"
        ``"auto"``: all extreme equilibria of two-player games and **pure equilibria only** of
        games with any other number of players. (:func:`deterrence.solve` with ``"auto"``
        enumerates every equilibrium of a small n-player game by ``"polynomial_enumeration"``,
        tens of milliseconds for 2x2x2 and far more for larger games, which adds up over a
        grid; pass ``method="polynomial_enumeration"`` here to pay that cost.) ``"pure"``
        (pure equilibria of any game) or any method of :func:`deterrence.solve`. The method
        used is recorded in ``table.attrs["method"]``.
    backend : {"serial", "processes", "dask"}
        Where chunks are solved: in this process, in a local process pool, or on a Dask
        cluster (``client`` if given, else a ``LocalCluster`` started on first use and kept,
        like the process pool; :func:`deterrence.analysis.backends.shutdown` closes both).
    progress : bool, default True
        Show a ``tqdm.auto`` progress bar (appears for sweeps longer than a moment).
    checkpoint : path, optional
        A directory where finished chunks are written as they complete. Running the same
        sweep again with the same path reuses them: an interrupted sweep resumes and returns
        exactly the frame an uninterrupted one would.
    chunk_size : int, optional
        Grid points per chunk (default 250,000; memory grows linearly with it). With a
        parallel backend and no checkpoint the default is smaller, so that every worker gets
        about four chunks (:func:`~deterrence.analysis.backends.suggested_chunk_size`); a
        checkpointed sweep keeps 250,000, so it resumes on any backend.
    out : path, optional
        Stream the chunks, in order, to this Parquet file instead of building one frame in
        memory; the path is returned. (``outcome`` is stored as text.)
    client : dask.distributed.Client, optional
        The cluster for ``backend="dask"``.
    workers : int, optional
        Pool size for ``"processes"`` and for a LocalCluster (default 2).
    tol : float
        Tolerance for best-response ties.
    fast : bool, optional
        Force or forbid the vectorised path (default: use it whenever it applies).
    concept : str or SolutionConcept, default "auto"
        The solution concept (the game's own by default; ``"nash"`` sweeps a tree's
        strategic form). Recorded in ``table.attrs["concept"]``.
    fixed : mapping or "defaults", optional
        Values of parameters held fixed (as for :func:`~deterrence.analysis.thresholds`);
        parameters neither fixed nor in the grid take their defaults.
    undefined : {"mark", "raise"}, default "mark"
        Grid points whose payoffs are not finite numbers (a pole such as ``1/(x - 1)`` at
        ``x = 1``, the log of a negative number, an overflow; see :func:`undefined_points`):
        ``"mark"`` gives each one marker row (``profile`` and ``outcome`` read
        :data:`UNDEFINED`, probabilities and payoffs NaN) and warns with an
        :class:`UndefinedPayoffWarning` naming the points; ``"raise"`` refuses the sweep
        with an :class:`~deterrence.exceptions.InvalidGameError` naming them. Games whose
        own evaluation refuses non-finite payoffs (anonymous games, trees solved for
        subgame-perfect equilibria) raise that error, naming the point, in either case. A
        point is never silently left out.
    max_points : int, optional
        The most grid points this call accepts (default
        :data:`~deterrence.games.limits.MAX_SWEEP_POINTS`, a hundred million; and grids of
        more than :data:`ESTIMATE_ABOVE` points are timed on a sample and refused above
        :data:`~deterrence.games.limits.MAX_SWEEP_SECONDS` of estimated work). A larger grid
        is refused up front with the number of points and the estimated time; pass
        ``max_points`` (``math.inf`` for no limit) to run it. Long sweeps show a progress
        bar with the time remaining (``progress=True``).
    **options
        Passed to :func:`deterrence.solve` on the general path.

    Returns
    -------
    pandas.DataFrame or pathlib.Path
        Columns: one per parameter (declaration order), ``point`` (the grid point, numbered
        from 0 in grid order -- the first parameter varies slowest -- whatever the chunks,
        backend or checkpoint resume: ``groupby("point")`` gives the rows of one point),
        ``equilibrium`` (index within the point, in the canonical order of
        :func:`deterrence.solve`; each equilibrium once), one probability column
        ``"player:strategy"`` per strategy, one ``"payoff:player"`` per player, ``is_pure``,
        ``profile`` (categorical: the supports, such as ``"(refrain, share)"`` or ``"(mix of
        coerce and refrain, share)"``; the probabilities are in their own columns) and
        ``outcome`` (categorical: the analyst's words where the game declares
        :class:`~deterrence.games.Outcomes`, else the profile); concepts may add columns
        (``stability`` of anonymous games, ``kind`` of signalling games).
        ``attrs["method"]`` is the method used (``"pure"`` for ``"auto"`` on strategic forms
        that do not have two players), ``attrs["concept"]`` the concept and
        ``attrs["players"]`` each player's probability columns. With ``out=``, the Parquet
        path.

    Raises
    ------
    InvalidGameError
        Bad grid (unknown parameter, value outside a domain, missing value), unknown method
        or backend; undefined payoffs with ``undefined="raise"``; a grid of more than
        ``max_points`` points.
    MissingDependencyError
        ``backend="dask"`` without dask, ``out=`` without pyarrow.
    DeterrenceError
        A checkpoint directory that belongs to a different sweep.

    Notes
    -----
    The fast path (two players with at most 3 strategies each; ``method="pure"`` for any
    game) evaluates the lambdified payoffs on the whole chunk at once and enumerates the
    vertices of the best-response polytopes for every point simultaneously (von Stengel
    2002); degenerate points are handled (every extreme equilibrium is listed, as by
    :func:`deterrence.solve`). Probabilities come from Cramer's rule as ``N_i / sum(N)``, so they
    are correctly rounded when the payoffs are exactly representable, and the general path
    recomputes each equilibrium found by the solver in the same way (unless that would raise
    its regret) and lists it once.

    Both paths have tolerance semantics: each player's payoffs are mapped onto ``[0, 1]``,
    normalised payoffs within ``tol`` are one payoff and a strategy within ``tol`` of the
    best is a best reply. Every row is an equilibrium to within ``10 * tol`` of the payoff
    range; on games whose normalised payoffs are equal or more than ``1e-7`` apart (small
    integer or dyadic payoffs in any units) both paths give equal frames, bit for bit; on
    games with payoffs closer than that without being equal (near ties, common when one
    player's payoffs span ten or more orders of magnitude) they may list different extreme
    near-equilibria around a tie (``tests/analysis/test_sweep_paths.py`` states this as a
    property). A point without equilibria of the requested kind (``method="pure"``) has no rows
    (its ``point`` number is skipped); a point whose payoffs are undefined has its marker row.

    Examples
    --------
    A coercer weighs the benefit of cutting supplies against the cost of retaliation, which
    comes with probability ``credibility`` when the coalition shares stockpiles:

    >>> from deterrence.games import Parameter, ParametricGame
    >>> game = ParametricGame.from_matrices(
    ...     [["(1 - credibility)*benefit - credibility*cost", "benefit"], [0, 0]],
    ...     [[-1, -3], [1, 0]],
    ...     [Parameter("credibility", domain=(0, 1)), Parameter("benefit", default=2),
    ...      Parameter("cost", default=6)],
    ...     players=("coercer", "coalition"),
    ...     strategies=(("coerce", "refrain"), ("share", "hoard")))
    >>> table = sweep(game, {"credibility": [0, 0.25, 0.5]}, progress=False)
    >>> print(table[["credibility", "equilibrium", "outcome", "payoff:coercer"]].to_string())
       credibility  equilibrium            outcome  payoff:coercer
    0         0.00            0    (coerce, share)             2.0
    1         0.25            0    (coerce, share)             0.0
    2         0.25            1   (refrain, share)             0.0
    3         0.50            0   (refrain, share)             0.0

    At ``credibility = benefit/(benefit + cost) = 1/4`` the coercer is indifferent and both
    extreme equilibria are listed (rows 1 and 2 share ``point`` 1).

    A payoff with a pole is marked where it is undefined, never dropped:

    >>> import warnings
    >>> pole = ParametricGame.from_matrices([["1/(x - 1)", 0], [0, 1]], [[1, 0], [0, 1]], ["x"])
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     table = sweep(pole, {"x": [0, 1]}, method="pure", progress=False)
    >>> print(table[["x", "point", "outcome"]].to_string())
         x  point                         outcome
    0  0.0      0                      (s2, s2)
    1  1.0      1  undefined (payoffs not finite)
    >>> print(caught[0].message)  # doctest: +NORMALIZE_WHITESPACE
    ParametricGame: payoffs are not finite numbers at 1 grid point(s): point 1 (x=1;
    infinite payoff); their rows read 'undefined (payoffs not finite)' (undefined='raise'
    refuses them)
    """
    from deterrence.analysis.backends import run_chunks

    chosen, game = prepare_analysis(game, concept, fixed)
    method = chosen.resolve_method(game, method)
    _check_undefined_option(undefined)
    if backend not in ("serial", "processes", "dask"):
        raise InvalidGameError(
            f"unknown backend {backend!r}; choose 'serial', 'processes' or 'dask'"
        )
    plan = _Grid(game, grid)
    plan.check_budget(
        max_points,
        lambda plan: _work_estimate(chosen, game, plan, method, tol, fast, options),
    )
    if chunk_size is None:
        chunk_size = DEFAULT_CHUNK_SIZE
        if backend != "serial" and checkpoint is None:
            # a parallel backend splits work by chunks: give each worker several
            # (a checkpointed sweep keeps the default, so it resumes on any backend)
            from deterrence.analysis.backends import suggested_chunk_size

            parallel = workers or (os.cpu_count() or 2)
            chunk_size = min(chunk_size, suggested_chunk_size(plan.size, parallel))
    if not isinstance(chunk_size, (int, np.integer)) or chunk_size < 1:
        raise InvalidGameError(f"chunk_size must be a positive integer, got {chunk_size!r}")
    bounds = [(s, min(s + chunk_size, plan.size)) for s in range(0, plan.size, chunk_size)]
    store = None
    finished: dict[int, pd.DataFrame] = {}
    if checkpoint is not None:
        fingerprint = game_fingerprint(
            game, f"{chosen.name}:{method}", tol, fast, int(chunk_size), options
        )
        fingerprint = hashlib.sha256(
            # TABLE_FORMAT: chunks written before the point column are not reused
            (fingerprint + chosen.fingerprint(game) + plan.fingerprint() + TABLE_FORMAT).encode()
        ).hexdigest()
        store = Checkpoint(checkpoint, fingerprint, len(bounds))
    sink = ParquetSink(out) if out is not None else None
    pending = []
    done_before = store.done() if store is not None else set()
    for index, (start, stop) in enumerate(bounds):
        if index not in done_before:
            pending.append(
                (
                    index,
                    (
                        chosen,
                        game,
                        *plan.source(start, stop),
                        method,
                        tol,
                        fast,
                        options,
                        start,
                        undefined,
                    ),
                )
            )
    from tqdm.auto import tqdm

    bar = tqdm(
        total=plan.size,
        disable=not progress,
        delay=0.5,
        unit="pt",
        desc=f"sweep {getattr(game, 'title', '') or ''}".strip(),
    )
    bar.update(sum(bounds[i][1] - bounds[i][0] for i in done_before if i < len(bounds)))
    next_to_write = 0

    def collect(index: int) -> pd.DataFrame:
        if index in finished:
            return finished[index]
        # Only chunks checkpointed by an earlier run are missing from ``finished``.
        assert store is not None
        return store.load(index)

    def flush() -> None:
        nonlocal next_to_write
        if sink is None:
            return
        while next_to_write < len(bounds) and (
            next_to_write in finished or next_to_write in done_before
        ):
            sink.write(collect(next_to_write))
            finished.pop(next_to_write, None)
            next_to_write += 1

    notes: list[tuple[int, list[str]]] = []

    def on_result(index: int, frame: pd.DataFrame) -> None:
        note = frame.attrs.pop("undefined", None)
        if note is not None:
            notes.append(note)
        if store is not None:
            store.save(index, frame)
        finished[index] = frame
        start, stop = bounds[index]
        bar.update(stop - start)
        flush()

    try:
        flush()
        run_chunks(
            _run_chunk,
            pending,
            backend=backend,
            on_result=on_result,
            client=client,
            workers=workers,
        )
    finally:
        bar.close()
        if sink is not None:
            sink.close()
    if notes:
        warnings.warn(_undefined_message(game, notes), UndefinedPayoffWarning, stacklevel=2)
    if sink is not None:
        return sink.path
    frames = [collect(i) for i in range(len(bounds))]
    if not frames:
        return _solve_chunk(chosen, game, plan.points(0, 0), method, tol, fast, options)
    attrs = dict(frames[0].attrs)
    table = _concat(frames)
    table.attrs.update(attrs)
    table.attrs["method"] = method
    table.attrs["concept"] = chosen.name
    table.attrs["title"] = getattr(game, "title", "")
    return table


def _concat(frames: Sequence[pd.DataFrame]) -> pd.DataFrame:
    """Concatenate chunk frames column by column (one DataFrame built once); categories of
    every categorical column (``profile``, ``outcome``, ...) are unified in order of
    appearance."""
    if len(frames) == 1:
        return frames[0].reset_index(drop=True)
    from pandas.api.types import union_categoricals

    columns: dict[str, Any] = {}
    for column in frames[0].columns:
        parts = [f[column] for f in frames]
        if isinstance(parts[0].dtype, pd.CategoricalDtype):
            joined = union_categoricals(parts)
            kind = parts[0].cat.categories.dtype  # keep the chunks' category dtype
            columns[column] = pd.Categorical.from_codes(
                joined.codes,
                categories=pd.Index(np.asarray(joined.categories, dtype=object), dtype=kind),
            )
        else:
            columns[column] = np.concatenate([p.to_numpy() for p in parts])
    return pd.DataFrame(columns)
