r"""Grid sweeps: solve a parametric game at every point of a parameter grid.

:func:`sweep` returns one long table: one row per (parameter point, equilibrium). The common
cases (two players with at most three strategies each, and pure equilibria of any game) take
a vectorised fast path: the payoffs are lambdified once and every grid point is solved in
batched numpy (:mod:`deterrence.analysis._batched`), with no Python loop over points. Other
games go point by point through :func:`deterrence.solve`. Both paths build the table with the
same code, and on the same grid give the same frame, bit for bit.

Large sweeps are cut into chunks: each chunk is solved independently (serially, in a local
process pool or on a Dask cluster, see :mod:`deterrence.analysis.backends`), finished chunks
can be checkpointed to disk as they complete (an interrupted sweep resumes where it stopped)
and streamed to a Parquet file so that the whole table never needs to fit in memory.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import pickle
import warnings
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from deterrence.analysis import _anonymous
from deterrence.analysis._batched import (
    MAX_FAST_STRATEGIES,
    bimatrix_equilibria_batch,
    polish_bimatrix,
    pure_equilibria_batch,
)
from deterrence.exceptions import (
    DegenerateGameWarning,
    DeterrenceError,
    InvalidGameError,
    MissingDependencyError,
)
from deterrence.games.anonymous import AnonymousGame
from deterrence.games.normal_form import NormalFormGame
from deterrence.games.parametric import ParametricGame
from deterrence.games.parametric_anonymous import ParametricAnonymousGame

__all__ = ["sweep", "grid_points", "solve_points", "SUPPORT_TOL", "AnalysableGame"]

#: What the analysis functions accept (checked at run time by ``_as_parametric``): a
#: ParametricGame or ParametricAnonymousGame, a fixed NormalFormGame or AnonymousGame (a game
#: without parameters), or any game with ``to_normal_form()`` (a parametric
#: ExtensiveFormGame, a BayesianGame, ...).
AnalysableGame = Any

#: Probabilities at or below this are outside the support (as in ``Equilibrium.support``).
SUPPORT_TOL = 1e-9

#: Default number of grid points per chunk.
DEFAULT_CHUNK_SIZE = 250_000


# ---------------------------------------------------------------------- grids
def _as_parametric(game: Any) -> Any:
    """The game as a :class:`ParametricGame` (or a :class:`ParametricAnonymousGame`).

    A ``NormalFormGame`` becomes a game without parameters, an ``AnonymousGame`` a
    parametric anonymous game without parameters (anonymous games keep their own, compact
    representation: the analysis layer handles them at any number of players); any other
    game that offers ``to_normal_form()`` (a parametric ``ExtensiveFormGame`` gives its
    reduced strategic form, a ``BayesianGame`` its ex-ante strategic form, ...) is converted
    through it, so that the analysis layer needs to know no other representation.
    """
    if isinstance(game, (ParametricGame, ParametricAnonymousGame)):
        return game
    if isinstance(game, NormalFormGame):
        return ParametricGame.from_game(game)
    if isinstance(game, AnonymousGame):
        return ParametricAnonymousGame.from_game(game)
    convert = getattr(game, "to_normal_form", None)
    if callable(convert):
        converted = convert()
        declared = _declared_parameters(game)
        if isinstance(converted, NormalFormGame) and declared:
            raise InvalidGameError(
                f"{type(game).__name__} declares parameters {declared} but its "
                "to_normal_form() fixes them; analyse a parametric normal form of it instead"
            )
        if isinstance(converted, (ParametricGame, NormalFormGame)):
            return _as_parametric(converted)
        raise InvalidGameError(
            f"{type(game).__name__}.to_normal_form() returned {type(converted).__name__}; "
            "expected a ParametricGame or NormalFormGame"
        )
    raise InvalidGameError(
        "expected a ParametricGame, a NormalFormGame or a game with to_normal_form() (such as "
        f"an ExtensiveFormGame), got {type(game).__name__}"
    )


def _declared_parameters(game: Any) -> list[str]:
    names = getattr(game, "parameter_names", None)
    if names is None:
        names = getattr(game, "parameters", None) or ()
        if isinstance(names, Mapping):
            names = list(names)
    try:
        return [str(getattr(n, "name", n)) for n in names]
    except TypeError:
        return []


def _resolve_method(game: AnalysableGame, method: str) -> str:
    """What ``method="auto"`` means in the analysis layer.

    Two-player games: every extreme equilibrium (``"auto"`` is kept). Any other number of
    players: pure equilibria only (``"pure"``), so that regime maps, sweeps and tracking stay
    fast and never fail (``deterrence.solve``'s own ``"auto"`` runs polynomial enumeration
    on small n-player games, too slow to repeat at every point of a map); the results record
    the method so that the reader knows mixed equilibria were not sought. Any other method
    is returned unchanged. Anonymous games: ``"auto"`` means count equilibria and symmetric
    mixed equilibria (two strategies), ``"pure"`` count equilibria only.
    """
    if isinstance(game, ParametricAnonymousGame):
        return _anonymous.resolve_method(game, method)
    if method == "auto" and game.num_players != 2:
        return "pure"
    return method


class _Grid:
    """A grid of parameter points, produced chunk by chunk (never materialised whole)."""

    def __init__(self, game: ParametricGame, grid: Any) -> None:
        names = game.parameter_names
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
            self.size = int(np.prod([len(v) for v in self.axes.values()], dtype=np.int64))
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
        missing = [p for p in game.parameters if p.name not in self.swept and p.default is None]
        if missing:
            raise InvalidGameError(
                f"parameter(s) {[p.name for p in missing]} are neither in the grid nor have a "
                "default"
            )
        self.names = names
        self.defaults = {n: float(v) for n, v in game.defaults.items()}

    def points(self, start: int, stop: int) -> dict[str, np.ndarray]:
        """Points ``start .. stop-1`` as ``{parameter: float array}`` for every parameter."""
        if self.frame is not None:
            part = {c: self.frame[c].to_numpy(dtype=np.float64)[start:stop] for c in self.swept}
        elif not self.axes:
            part = {}
        else:
            shape = tuple(len(v) for v in self.axes.values())
            index = np.unravel_index(np.arange(start, stop), shape)
            part = {
                name: self.axes[name].astype(np.float64)[i]
                for name, i in zip(self.axes, index)
            }
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


class _Points:
    """A materialised slice of grid points (shipped to workers instead of the whole grid)."""

    def __init__(self, values: dict[str, np.ndarray]) -> None:
        self.values = values

    def points(self, start: int, stop: int) -> dict[str, np.ndarray]:
        return {name: array[start:stop] for name, array in self.values.items()}


def grid_points(game: AnalysableGame, grid: Any) -> pd.DataFrame:
    """The points of a grid as a DataFrame, one column per parameter (defaults filled in).

    Parameters
    ----------
    game : ParametricGame
    grid : mapping or pandas.DataFrame
        ``{name: values}`` for a cartesian product (the first parameter varies slowest), or
        a DataFrame of points.

    Returns
    -------
    pandas.DataFrame

    Raises
    ------
    InvalidGameError
        Unknown parameters, non-numeric or out-of-domain values, missing parameters without
        defaults.

    Examples
    --------
    >>> from deterrence.games import Parameter, ParametricGame
    >>> game = ParametricGame([["a + b"]], [Parameter("a"), Parameter("b", default=1)])
    >>> grid_points(game, {"a": [0, 1]})
       a    b
    0  0.0  1.0
    1  1.0  1.0
    """
    game = _as_parametric(game)
    plan = _Grid(game, grid)
    return pd.DataFrame(plan.points(0, plan.size))


# ---------------------------------------------------------------------- solving a batch
def _fast_kind(game: ParametricGame, method: str) -> str | None:
    if method == "pure":
        return "pure"
    if method in ("auto", "vertex_enumeration") and game.num_players == 2 and max(
        game.num_strategies
    ) <= MAX_FAST_STRATEGIES:
        return "bimatrix"
    return None


def _solve_fast(kind: str, payoffs: np.ndarray, tol: float):
    if kind == "pure":
        points, profiles = pure_equilibria_batch(payoffs, tol=tol)
        strategies = []
        for i, size in enumerate(payoffs.shape[1:-1]):
            vectors = np.zeros((len(points), size))
            vectors[np.arange(len(points)), profiles[:, i]] = 1.0
            strategies.append(vectors)
        return points, strategies
    points, first, second = bimatrix_equilibria_batch(payoffs[0], payoffs[1], tol=tol)
    return points, [first, second]


def _canonical_rows(points: np.ndarray, strategies: list[np.ndarray]) -> np.ndarray:
    keys = []
    for vectors in reversed(strategies):
        keys += [-vectors[:, k] for k in reversed(range(vectors.shape[1]))]
    keys.append(points)
    return np.lexsort(keys)


def _solve_general(game: ParametricGame, payoffs: np.ndarray, method: str, tol: float,
                   options: Mapping[str, Any]):
    from deterrence.solvers.api import solve

    count = payoffs.shape[-1]
    points: list[int] = []
    rows: list[list[np.ndarray]] = [[] for _ in range(game.num_players)]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DegenerateGameWarning)
        for k in range(count):
            point_game = NormalFormGame(payoffs[..., k], players=game.players,
                                        strategies=game.strategies, title=game.title)
            result = solve(point_game, method, tol=tol, **options)
            for equilibrium in result:
                points.append(k)
                for i, vector in enumerate(equilibrium.strategies):
                    rows[i].append(np.asarray(vector, dtype=np.float64))
    point_array = np.asarray(points, dtype=np.int64)
    strategies = [
        np.array(r, dtype=np.float64).reshape(len(points), size)
        for r, size in zip(rows, game.num_strategies)
    ]
    if _fast_kind(game, "auto") == "bimatrix" and method != "pure" and len(points):
        # recompute each extreme equilibrium from its labels exactly as the fast path does
        first, second = polish_bimatrix(
            payoffs[0][..., point_array], payoffs[1][..., point_array],
            strategies[0], strategies[1], tol=tol)
        strategies = [first, second]
    order = _canonical_rows(point_array, strategies)
    return point_array[order], [s[order] for s in strategies]


def _format(value: float) -> str:
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.3g}"


def _combine(codes: list[np.ndarray], count: int) -> tuple[np.ndarray, np.ndarray]:
    """Factorize rows of several code columns: (row codes, first row of each code),
    codes numbered in order of first appearance."""
    key = np.zeros(count, dtype=np.int64)
    for column in codes:
        key = key * (int(column.max(initial=0)) + 1) + column
        key, _ = pd.factorize(key)
    key = np.asarray(key, dtype=np.int64)
    # codes are numbered by first appearance: a row is a first occurrence exactly when its
    # code exceeds every earlier code
    previous = np.maximum.accumulate(np.concatenate([[-1], key[:-1]])) if count else key
    first = np.flatnonzero(key > previous)
    return key, first


def _outcome_codes(game: ParametricGame, strategies: list[np.ndarray]
                   ) -> tuple[np.ndarray, np.ndarray, pd.Categorical]:
    """Per row: is_pure, and outcome labels as in ``Equilibrium.outcome`` (categorical).

    Labels are built once per distinct strategy of each player and once per distinct
    combination; categories are numbered in order of first appearance, so equal rows give
    equal frames and chunked sweeps concatenate to the same categories.
    """
    count = strategies[0].shape[0]
    is_pure = np.ones(count, dtype=bool)
    player_codes = []
    player_parts = []
    for i, vectors in enumerate(strategies):
        size = vectors.shape[1]
        support_size = np.zeros(count, dtype=np.int64)
        chosen = np.zeros(count, dtype=np.int64)
        for k in range(size):
            inside = vectors[:, k] > SUPPORT_TOL
            support_size += inside
            if k:
                chosen += k * inside
        pure = support_size == 1
        is_pure &= pure
        # pure strategies are coded by their index; mixtures by their distinct values
        codes = chosen
        parts = list(game.strategies[i])
        mixed = np.flatnonzero(~pure)
        if len(mixed):
            columns = [np.asarray(pd.factorize(vectors[mixed, k])[0], dtype=np.int64)
                       for k in range(size)]
            mixed_codes, first_mixed = _combine(columns, len(mixed))
            codes = chosen.copy()
            codes[mixed] = size + mixed_codes
            first = mixed[first_mixed]
        else:
            first = np.zeros(0, dtype=np.int64)
        for row in first:
            vector = vectors[row]
            support = np.flatnonzero(vector > SUPPORT_TOL)
            if len(support) == 1:
                parts.append(game.strategies[i][support[0]])
            else:
                parts.append(" + ".join(
                    f"{_format(vector[k])}*{game.strategies[i][k]}" for k in support))
        # mixtures that print alike (3 significant digits) share one code
        part_codes, unique_parts = pd.factorize(np.asarray(parts, dtype=object))
        player_codes.append(np.asarray(part_codes, dtype=np.int64)[codes])
        player_parts.append(list(unique_parts))
    if count == 0:
        return is_pure, np.zeros(0, dtype=np.int64), pd.Categorical.from_codes(
            np.zeros(0, dtype=np.int64), categories=pd.Index([], dtype=object))
    codes, first = _combine(player_codes, count)
    # one label per distinct combination, concatenated in vectorised string operations
    text = np.dtypes.StringDType()
    labels = np.full(len(first), "(", dtype=text)
    for i, (parts, c) in enumerate(zip(player_parts, player_codes)):
        if i:
            labels = np.strings.add(labels, ", ")
        labels = np.strings.add(labels, np.asarray(parts, dtype=text)[c[first]])
    labels = np.strings.add(labels, ")")
    # different probability vectors can print alike (3 significant digits): merge them
    inverse, unique_labels = pd.factorize(labels.astype(object))
    final = np.asarray(inverse, dtype=np.int64)[codes]
    categorical = pd.Categorical.from_codes(
        final, categories=pd.Index(np.asarray(unique_labels, dtype=object), dtype=object))
    return is_pure, final, categorical


def _expected_payoffs(payoffs: np.ndarray, points: np.ndarray,
                      strategies: list[np.ndarray]) -> list[np.ndarray]:
    """Each player's expected payoff per row, summed in a fixed order (deterministic)."""
    num_players = payoffs.shape[0]
    shape = payoffs.shape[1:-1]
    out = []
    for i in range(num_players):
        total = np.zeros(len(points))
        for profile in itertools.product(*(range(k) for k in shape)):
            weight = strategies[0][:, profile[0]]
            for j in range(1, num_players):
                weight = weight * strategies[j][:, profile[j]]
            total = total + weight * payoffs[(i,) + tuple(profile)][points]
        out.append(total)
    return out


def _rank_within(points: np.ndarray) -> np.ndarray:
    """0, 1, 2, ... within each run of equal (sorted) point indices."""
    count = len(points)
    if count == 0:
        return np.zeros(0, dtype=np.int64)
    position = np.arange(count, dtype=np.int64)
    new = np.ones(count, dtype=bool)
    new[1:] = points[1:] != points[:-1]
    starts = np.maximum.accumulate(np.where(new, position, 0))
    return position - starts


def _frame(game: ParametricGame, values: Mapping[str, np.ndarray], payoffs: np.ndarray,
           points: np.ndarray, strategies: list[np.ndarray]) -> pd.DataFrame:
    """Assemble the long table (shared by the fast and the general path)."""
    columns: dict[str, Any] = {}
    for name in game.parameter_names:
        columns[name] = values[name][points]
    columns["equilibrium"] = _rank_within(points)
    for i, player in enumerate(game.players):
        for k, label in enumerate(game.strategies[i]):
            columns[f"{player}:{label}"] = strategies[i][:, k]
    for player, value in zip(game.players, _expected_payoffs(payoffs, points, strategies)):
        columns[f"payoff:{player}"] = value
    is_pure, _codes, outcome = _outcome_codes(game, strategies)
    columns["is_pure"] = is_pure
    columns["outcome"] = outcome
    return pd.DataFrame(columns)


def solve_points(game: AnalysableGame, values: Mapping[str, np.ndarray], *,
                 method: str = "auto", tol: float = 1e-9, fast: bool | None = None,
                 options: Mapping[str, Any] | None = None) -> pd.DataFrame:
    """Solve the game at a batch of points and return the long table (one chunk of a sweep).

    Parameters
    ----------
    game : ParametricGame
    values : mapping
        ``{parameter: float array}`` of equal lengths, one entry for every parameter.
    method : str
        ``"auto"`` (pure equilibria only when the game does not have two players, as in
        :func:`sweep`), ``"pure"`` or any method of :func:`deterrence.solve`.
    tol : float
        Tolerance for best-response ties.
    fast : bool, optional
        Force (``True``) or forbid (``False``) the vectorised path; by default it is used
        whenever it applies.
    options : mapping, optional
        Passed to :func:`deterrence.solve` on the general path.

    Returns
    -------
    pandas.DataFrame
        As :func:`sweep` (with ``attrs["method"]``).

    Examples
    --------
    >>> import numpy as np
    >>> from deterrence.games import ParametricGame
    >>> game = ParametricGame.from_matrices([["x", 0], [0, 1]], [[1, 0], [0, 1]], ["x"])
    >>> solve_points(game, {"x": np.array([-1.0, 1.0])})["outcome"].tolist()
    ['(s2, s2)', '(s1, s1)', '(0.5*s1 + 0.5*s2, 0.5*s1 + 0.5*s2)', '(s2, s2)']
    """
    game = _as_parametric(game)
    if isinstance(game, ParametricAnonymousGame):
        return _anonymous.solve_points(game, values, method=method, tol=tol)
    method = _resolve_method(game, method)
    payoffs, points, strategies = _solve_raw(game, values, method=method, tol=tol, fast=fast,
                                             options=options)
    frame = _frame(game, values, payoffs, points, strategies)
    frame.attrs["method"] = method
    frame.attrs["title"] = game.title
    return frame


#: Lambdified evaluators by game content: a worker that receives the same game in many
#: chunks (each unpickled afresh) compiles its payoffs once.
_EVALUATORS: dict[str, Any] = {}


def _evaluator(game: ParametricGame):
    cached = game.__dict__.get("_lambdified")
    if cached is not None:
        return cached
    key = repr((game.payoffs.shape, [str(e) for e in game.payoffs.reshape(-1)],
                [(p.name, str(p.default), str(p.domain)) for p in game.parameters]))
    evaluate = _EVALUATORS.get(key)
    if evaluate is None:
        if len(_EVALUATORS) > 64:
            _EVALUATORS.clear()
        evaluate = _EVALUATORS[key] = game.lambdify()
    return evaluate


def _solve_raw(game: ParametricGame, values: Mapping[str, np.ndarray], *, method: str = "auto",
               tol: float = 1e-9, fast: bool | None = None,
               options: Mapping[str, Any] | None = None):
    """Payoff array, point index per equilibrium and probability arrays (no frame)."""
    method = _resolve_method(game, method)
    evaluate = _evaluator(game)
    payoffs = evaluate(**{n: np.asarray(v, dtype=np.float64) for n, v in values.items()})
    count = len(next(iter(values.values()))) if values else 1
    if payoffs.ndim == game.payoffs.ndim:  # no parameter arrays: one point
        payoffs = np.broadcast_to(payoffs[..., None], game.payoffs.shape + (count,))
    payoffs = np.ascontiguousarray(payoffs)
    if not values:
        values = {}
    kind = _fast_kind(game, method)
    if fast and kind is None:
        raise InvalidGameError(
            f"no vectorised path for method={method!r} on a {game.num_players}-player "
            f"{'x'.join(map(str, game.num_strategies))} game"
        )
    if kind is not None and fast is not False:
        points, strategies = _solve_fast(kind, payoffs, tol)
    else:
        points, strategies = _solve_general(game, payoffs, method, tol, options or {})
    return payoffs, points, strategies


# ---------------------------------------------------------------------- checkpoints
def _game_fingerprint(game: AnalysableGame, method: str, tol: float, fast: Any,
                      chunk_size: int) -> str:
    if isinstance(game, ParametricAnonymousGame):
        text = repr((_anonymous.fingerprint_text(game), method, tol, fast, chunk_size))
        return hashlib.sha256(text.encode()).hexdigest()
    text = repr((
        [str(e) for e in game.payoffs.reshape(-1)], game.payoffs.shape,
        [(p.name, str(p.default), str(p.domain)) for p in game.parameters],
        game.players, game.strategies, method, tol, fast, chunk_size,
    ))
    return hashlib.sha256(text.encode()).hexdigest()


class _Checkpoint:
    """A directory holding finished chunks (pickled frames, written atomically)."""

    def __init__(self, path: str | os.PathLike, fingerprint: str, num_chunks: int) -> None:
        self.path = Path(path)
        self.path.mkdir(parents=True, exist_ok=True)
        manifest = self.path / "manifest.json"
        info = {"fingerprint": fingerprint, "num_chunks": num_chunks, "format": 1}
        if manifest.exists():
            saved = json.loads(manifest.read_text())
            if saved != info:
                raise DeterrenceError(
                    f"checkpoint {str(self.path)!r} belongs to a different sweep (another game, "
                    "grid, method or chunk size); pass a new checkpoint path or delete it"
                )
        else:
            temporary = manifest.with_suffix(".tmp")
            temporary.write_text(json.dumps(info))
            os.replace(temporary, manifest)

    def chunk_path(self, index: int) -> Path:
        return self.path / f"chunk-{index:06d}.pkl"

    def done(self) -> set[int]:
        return {int(p.stem.split("-")[1]) for p in self.path.glob("chunk-*.pkl")}

    def load(self, index: int) -> pd.DataFrame:
        with open(self.chunk_path(index), "rb") as handle:
            return pickle.load(handle)

    def save(self, index: int, frame: pd.DataFrame) -> None:
        target = self.chunk_path(index)
        temporary = target.with_name(target.name + f".{os.getpid()}.tmp")
        with open(temporary, "wb") as handle:
            pickle.dump(frame, handle, protocol=pickle.HIGHEST_PROTOCOL)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)


class _ParquetSink:
    """Append chunks, in order, to one Parquet file."""

    def __init__(self, path: str | os.PathLike) -> None:
        try:
            import pyarrow as pa
            import pyarrow.parquet as pq
        except ImportError:  # pragma: no cover - exercised only without pyarrow
            raise MissingDependencyError(
                "writing sweeps to Parquet needs pyarrow: pip install 'deterrence[parquet]'"
            ) from None
        self.pa, self.pq = pa, pq
        self.path = Path(path)
        self.writer: pq.ParquetWriter | None = None
        self.schema: pa.Schema | None = None

    def write(self, frame: pd.DataFrame) -> None:
        frame = frame.copy()
        frame["outcome"] = frame["outcome"].astype(str)
        table = self.pa.Table.from_pandas(frame, preserve_index=False)
        if self.writer is None:
            self.schema = table.schema
            self.writer = self.pq.ParquetWriter(self.path, self.schema)
        self.writer.write_table(table.cast(self.schema))

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()


# ---------------------------------------------------------------------- the sweep
def _run_chunk(task: tuple) -> pd.DataFrame:
    """Solve one chunk (module level so process pools and Dask can ship it)."""
    game, plan, start, stop, method, tol, fast, options = task
    return solve_points(game, plan.points(start, stop), method=method, tol=tol, fast=fast,
                        options=options)


def sweep(game: AnalysableGame, grid: Any, *, method: str = "auto", backend: str = "serial",
          progress: bool = True, checkpoint: str | os.PathLike | None = None,
          chunk_size: int | None = None, out: str | os.PathLike | None = None,
          client: Any = None, workers: int | None = None, tol: float = 1e-9,
          fast: bool | None = None, **options: Any) -> pd.DataFrame | Path:
    """Solve a parametric game at every point of a grid; one row per (point, equilibrium).

    Parameters
    ----------
    game : ParametricGame
        (A ``NormalFormGame`` is accepted as a game without parameters; any game with
        ``to_normal_form()``, such as a parametric ``ExtensiveFormGame``, is swept through its
        reduced strategic form.)
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
        cluster (``client`` if given, else a ``LocalCluster`` started and closed here).
    progress : bool, default True
        Show a ``tqdm.auto`` progress bar (appears for sweeps longer than a moment).
    checkpoint : path, optional
        A directory where finished chunks are written as they complete. Running the same
        sweep again with the same path reuses them: an interrupted sweep resumes and returns
        exactly the frame an uninterrupted one would.
    chunk_size : int, optional
        Grid points per chunk (default 250,000; memory grows linearly with it).
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
    **options
        Passed to :func:`deterrence.solve` on the general path.

    Returns
    -------
    pandas.DataFrame or pathlib.Path
        Columns: one per parameter (declaration order), ``equilibrium`` (index within the
        point, in the canonical order of :func:`deterrence.solve`), one probability column
        ``"player:strategy"`` per strategy, one ``"payoff:player"`` per player, ``is_pure``
        and ``outcome`` (categorical label such as ``"(refrain, share)"``, as
        ``Equilibrium.outcome``); ``attrs["method"]`` is the method used (``"pure"`` for
        ``"auto"`` on games that do not have two players). With ``out=``, the Parquet path.

    Raises
    ------
    InvalidGameError
        Bad grid (unknown parameter, value outside a domain, missing value), unknown method
        or backend.
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
    recomputes each equilibrium found by the solver in the same way: both paths give equal
    frames. A point without equilibria of the requested kind (``method="pure"``) has no rows.

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
    extreme equilibria are listed.
    """
    from deterrence.analysis.backends import run_chunks
    from deterrence.solvers.api import METHODS

    game = _as_parametric(game)
    method = _resolve_method(game, method)
    if method not in METHODS and method != "auto":
        raise InvalidGameError(
            f"unknown method {method!r}; choose from {sorted(METHODS)} or 'auto'"
        )
    if backend not in ("serial", "processes", "dask"):
        raise InvalidGameError(
            f"unknown backend {backend!r}; choose 'serial', 'processes' or 'dask'"
        )
    plan = _Grid(game, grid)
    if chunk_size is None:
        chunk_size = DEFAULT_CHUNK_SIZE
    if not isinstance(chunk_size, (int, np.integer)) or chunk_size < 1:
        raise InvalidGameError(f"chunk_size must be a positive integer, got {chunk_size!r}")
    bounds = [(s, min(s + chunk_size, plan.size)) for s in range(0, plan.size, chunk_size)]
    store = None
    finished: dict[int, pd.DataFrame] = {}
    if checkpoint is not None:
        fingerprint = _game_fingerprint(game, method, tol, fast, int(chunk_size))
        fingerprint = hashlib.sha256((fingerprint + plan.fingerprint()).encode()).hexdigest()
        store = _Checkpoint(checkpoint, fingerprint, len(bounds))
    sink = _ParquetSink(out) if out is not None else None
    pending = []
    done_before = store.done() if store is not None else set()
    for index, (start, stop) in enumerate(bounds):
        if index not in done_before:
            pending.append((index, (game, *plan.source(start, stop), method, tol, fast,
                                    options)))
    from tqdm.auto import tqdm

    bar = tqdm(total=plan.size, disable=not progress, delay=0.5, unit="pt",
               desc=f"sweep {game.title or ''}".strip())
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

    def on_result(index: int, frame: pd.DataFrame) -> None:
        if store is not None:
            store.save(index, frame)
        finished[index] = frame
        start, stop = bounds[index]
        bar.update(stop - start)
        flush()

    try:
        flush()
        run_chunks(_run_chunk, pending, backend=backend, on_result=on_result, client=client,
                   workers=workers)
    finally:
        bar.close()
        if sink is not None:
            sink.close()
    if sink is not None:
        return sink.path
    frames = [collect(i) for i in range(len(bounds))]
    if not frames:
        return solve_points(game, plan.points(0, 0), method=method, tol=tol, fast=fast,
                            options=options)
    table = _concat(frames)
    table.attrs["method"] = method
    table.attrs["title"] = game.title
    return table


def _concat(frames: Sequence[pd.DataFrame]) -> pd.DataFrame:
    """Concatenate chunk frames; outcome categories are unified in order of appearance."""
    if len(frames) == 1:
        return frames[0].reset_index(drop=True)
    from pandas.api.types import union_categoricals

    outcome = union_categoricals([f["outcome"] for f in frames])
    outcome = pd.Categorical.from_codes(outcome.codes, categories=pd.Index(
        np.asarray(outcome.categories, dtype=object), dtype=object))
    joined = pd.concat([f.drop(columns="outcome") for f in frames], ignore_index=True)
    joined["outcome"] = outcome
    return joined
