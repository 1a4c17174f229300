r"""Equilibrium tracking: follow each equilibrium continuously along a parameter path.

Solving point by point gives an unordered set of equilibria at each parameter value; tracking
links them into *branches*. From one value to the next, each live branch predicts its next
position by linear extrapolation of its last two points, and predictions are matched to the
newly found equilibria by a minimum-cost assignment on the :math:`L^\infty` distance between
mixed-strategy profiles (Hungarian algorithm, Kuhn 1955); matches farther apart than
``max_jump`` are refused. Unmatched equilibria start new branches, unmatched branches end.
The endpoints are reported as events:

* ``"appear"`` / ``"disappear"``: one equilibrium is born or dies;
* ``"fold"``: several equilibria are born (or die) together between the same two values, as
  when a pure equilibrium and a mixed one appear at a best-reply threshold;
* ``"bifurcation"``: a branch is born from (or dies into) a branch that continues, i.e. it
  starts (ends) within ``max_jump`` of a surviving equilibrium.

When the exact thresholds of the game can be computed, each event carries the exact critical
value lying between the two parameter values.

References
----------
.. [1] H. W. Kuhn, "The Hungarian method for the assignment problem", *Naval Research
   Logistics Quarterly* 2, 1955.
.. [2] J. C. Harsanyi, "Oddness of the number of equilibrium points", *International Journal
   of Game Theory* 2, 1973 (equilibria appear and disappear in pairs along generic paths).
"""

from __future__ import annotations

import dataclasses
import warnings
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from deterrence.analysis.thresholds import AnalysableGame, Threshold, thresholds
from deterrence.exceptions import InvalidGameError
from deterrence.games._numbers import format_number

__all__ = ["Branch", "BranchEvent", "Tracking", "track"]


@dataclasses.dataclass(frozen=True, eq=False)
class Branch:
    """One equilibrium followed continuously along the path.

    Attributes
    ----------
    id : int
    indices : numpy.ndarray
        Positions in the path (indices into ``Tracking.values``) where the branch exists.
    values : numpy.ndarray
        The parameter values there.
    strategies : tuple of numpy.ndarray
        Per player, shape ``(len(values), num_strategies)``.
    outcomes : tuple of str
        Outcome label at each point.

    Examples
    --------
    >>> from deterrence.games import Parameter, ParametricGame
    >>> game = ParametricGame.from_matrices([["x", 0], [0, 1]], [[1, 0], [0, 1]],
    ...                                     [Parameter("x", domain=(-1, 1))])
    >>> branch = track(game, "x", [-1, 0.5, 1]).branches[0]
    >>> branch.outcomes, branch.start, branch.stop
    (('(s2, s2)', '(s2, s2)', '(s2, s2)'), -1.0, 1.0)
    """

    id: int
    indices: np.ndarray
    values: np.ndarray
    strategies: tuple[np.ndarray, ...]
    outcomes: tuple[str, ...]

    @property
    def start(self) -> float:
        """First parameter value on the branch."""
        return float(self.values[0])

    @property
    def stop(self) -> float:
        """Last parameter value on the branch."""
        return float(self.values[-1])


@dataclasses.dataclass(frozen=True)
class BranchEvent:
    """A birth or death of branches between two consecutive parameter values.

    Attributes
    ----------
    kind : {"appear", "disappear", "fold", "bifurcation"}
    between : tuple of float
        The two parameter values it lies between.
    branches : tuple of int
        The branches born or dying.
    parent : int or None
        For a bifurcation, the surviving branch it splits from or merges into.
    threshold : Threshold or None
        The exact critical value in between, when known.
    description : str

    Examples
    --------
    >>> from deterrence.games import Parameter, ParametricGame
    >>> game = ParametricGame.from_matrices([["x", 0], [0, 1]], [[1, 0], [0, 1]],
    ...                                     [Parameter("x", domain=(-1, 1))])
    >>> event = track(game, "x", [-1, 0.5, 1]).events[0]
    >>> event.kind, event.between, event.branches
    ('fold', (-1.0, 0.5), (1, 2))
    """

    kind: str
    between: tuple[float, float]
    branches: tuple[int, ...]
    parent: int | None
    threshold: Threshold | None
    description: str


@dataclasses.dataclass(frozen=True, eq=False)
class Tracking:
    """Branches of equilibria along a parameter path and the events between them.

    Attributes
    ----------
    game : ParametricGame
    parameter : str
    values : numpy.ndarray
    branches : tuple of Branch
    events : tuple of BranchEvent
    frame : pandas.DataFrame
        The long table of :func:`~deterrence.analysis.sweep` with a ``branch`` column.
    method : str
        The equilibria followed: ``"auto"`` (every extreme equilibrium) or ``"pure"`` (pure
        equilibria only, the default for games that do not have two players).
    concept : str
        The solution concept whose equilibria were followed.

    Examples
    --------
    >>> from deterrence.games import Parameter, ParametricGame
    >>> game = ParametricGame.from_matrices([["x", 0], [0, 1]], [[1, 0], [0, 1]],
    ...                                     [Parameter("x", domain=(-1, 1))])
    >>> path = track(game, "x", [-1, 0.5, 1])
    >>> path.to_frame()["branch"].tolist()
    [0, 1, 2, 0, 1, 2, 0]
    """

    game: Any
    parameter: str
    values: np.ndarray
    branches: tuple[Branch, ...]
    events: tuple[BranchEvent, ...]
    frame: pd.DataFrame
    method: str = "auto"
    concept: str = "nash"

    def to_frame(self) -> pd.DataFrame:
        """The long table: parameter values, ``branch``, probabilities, payoffs, outcome.

        Examples
        --------
        >>> from deterrence.games import Parameter, ParametricGame
        >>> game = ParametricGame.from_matrices([["x", 0], [0, 1]], [[1, 0], [0, 1]],
        ...                                     [Parameter("x", domain=(-1, 1))])
        >>> list(track(game, "x", [0.5, 1]).to_frame().columns[:3])
        ['x', 'equilibrium', 'branch']
        """
        return self.frame.copy()

    def __repr__(self) -> str:
        only = "; pure equilibria only" if self.method == "pure" else ""
        lines = [
            f"Tracking({self.parameter}: {len(self.values)} values, "
            f"{len(self.branches)} branches, {len(self.events)} events{only})"
        ]
        lines += [f"  {event.description}" for event in self.events]
        return "\n".join(lines)


def track(
    game: AnalysableGame,
    parameter: str,
    values: Sequence[float],
    *,
    fixed: Mapping[str, Any] | str | None = None,
    method: str = "auto",
    max_jump: float = 0.3,
    tol: float = 1e-9,
    exact_events: bool = True,
    concept: str | Any = "auto",
) -> Tracking:
    """Follow every equilibrium continuously as one parameter moves along ``values``.

    Parameters
    ----------
    game : ParametricGame
        Or any game with ``to_normal_form()`` (a parametric ``ExtensiveFormGame`` is
        tracked through its reduced strategic form), or a ``ParametricAnonymousGame``,
        whose count equilibria and symmetric equilibria are followed as the shares of one
        representative member (``Branch.strategies`` has one array, columns the shared
        strategies; the frame is the anonymous sweep table with a ``branch`` column).
    parameter : str
        The parameter that moves.
    values : sequence of float
        The path (at least two values, usually increasing and finely spaced).
    fixed : mapping, optional
        Values of other parameters (the rest take their defaults).
    method : str
        Which equilibria to follow: ``"auto"`` follows every extreme equilibrium of
        two-player games and the pure equilibria of games with any other number of players
        (recorded as ``Tracking.method == "pure"``); ``"pure"``; or any method of
        :func:`deterrence.solve`, e.g. ``"polynomial_enumeration"`` for every equilibrium of
        a small n-player game.
    max_jump : float, default 0.3
        Largest :math:`L^\\infty` move of a profile between neighbouring values that still
        counts as the same branch (after linear prediction).
    tol : float
        Tolerance for best-response ties.
    exact_events : bool, default True
        Attach the exact thresholds (:func:`~deterrence.analysis.thresholds`) to events.
    concept : str or SolutionConcept, default "auto"
        The solution concept whose equilibria are followed (the game's own by default:
        subgame-perfect equilibria of a tree, as mixed profiles of its reduced strategic
        form).

    Returns
    -------
    Tracking

    Raises
    ------
    InvalidGameError
        Unknown parameter, fewer than two values, values outside the domain, other
        parameters without a value.

    Examples
    --------
    A coordination game whose first pure equilibrium exists only for ``x > 0``: it is born
    together with a mixed equilibrium, a fold.

    >>> from deterrence.games import Parameter, ParametricGame
    >>> game = ParametricGame.from_matrices([["x", 0], [0, 1]], [[1, 0], [0, 1]],
    ...                                     [Parameter("x", domain=(-1, 1))])
    >>> path = track(game, "x", [-1, -0.5, 0.5, 1])
    >>> len(path.branches), [e.kind for e in path.events]
    (3, ['fold'])
    >>> path.events[0].threshold.value
    Fraction(0, 1)
    >>> print(path.events[0].description)
    between x = -0.5 and 0.5 (threshold x = 0): branches 1 and 2 appear together (fold):
    (s1, s1) and (0.5*s1 + 0.5*s2, 0.667*s1 + 0.333*s2)
    """
    from deterrence.analysis.thresholds import prepare_analysis

    if not isinstance(max_jump, (int, float)) or not max_jump > 0:
        raise InvalidGameError(f"max_jump must be a positive number, got {max_jump!r}")
    chosen, game = prepare_analysis(game, concept, fixed, [parameter])
    method = chosen.resolve_method(game, method)
    target = game.parameter(parameter)
    others = {p.name: p.default for p in game.parameters if p.name != parameter}
    missing = [name for name, value in others.items() if value is None]
    if missing:
        raise InvalidGameError(f"parameters {missing} have no value; pass fixed=")
    if others:
        game = chosen.fix(game, others)
    path = np.asarray(values, dtype=np.float64).reshape(-1)
    if len(path) < 2:
        raise InvalidGameError("track() needs at least two parameter values")
    for value in path:
        target.validate(float(value))
    frame = chosen.solve_points(game, {parameter: path}, method=method, tol=tol)
    points = _points_of(frame, parameter, path)
    groups = frame.attrs.get("players") or {}
    strategies = [frame[columns].to_numpy(dtype=np.float64) for columns in groups.values()]
    num_profiles = len(strategies)
    separate = frame.attrs.get("branch_key")
    if separate is not None and len(frame):
        # rows whose key differs (asymmetric count equilibria and symmetric profiles of an
        # anonymous game) never continue one another: a far extra coordinate keeps them apart
        key = frame[separate].to_numpy()
        strategies.append(np.where(key == key[0], 0.0, 1e6)[:, None])
    if not strategies:
        strategies = [np.zeros((len(frame), 1))]
    profile = np.concatenate(strategies, axis=1) if len(points) else np.zeros((0, 1))
    # a continuum (degenerate point) has no profile: it never continues a branch
    profile = np.where(np.isnan(profile), 10 * max_jump + 10, profile)
    rows_at = [np.flatnonzero(points == k) for k in range(len(path))]
    branch_of = np.full(len(points), -1, dtype=np.int64)
    history: dict[int, list[int]] = {}
    births: dict[int, list[int]] = {}
    deaths: dict[int, list[int]] = {}
    next_id = 0
    for row in rows_at[0]:
        branch_of[row] = next_id
        history[next_id] = [int(row)]
        next_id += 1
    live = list(history)
    for k in range(1, len(path)):
        new_rows = rows_at[k]
        predicted = []
        for branch in live:
            rows = history[branch]
            last = profile[rows[-1]]
            if len(rows) >= 2 and points[rows[-2]] == k - 2:
                step = (path[k] - path[k - 1]) / (path[k - 1] - path[k - 2])
                guess = last + step * (last - profile[rows[-2]])
            else:
                guess = last
            predicted.append(guess)
        matched_new: set[int] = set()
        matched_live: set[int] = set()
        if live and len(new_rows):
            from scipy.optimize import linear_sum_assignment

            cost = np.array(
                [[np.abs(guess - profile[row]).max() for row in new_rows] for guess in predicted]
            )
            for a, b in zip(*linear_sum_assignment(cost)):
                if cost[a, b] <= max_jump:
                    branch = live[a]
                    row = new_rows[b]
                    branch_of[row] = branch
                    history[branch].append(row)
                    matched_new.add(b)
                    matched_live.add(a)
        ended = [live[a] for a in range(len(live)) if a not in matched_live]
        for branch in ended:
            deaths.setdefault(k, []).append(branch)
        survivors = [live[a] for a in range(len(live)) if a in matched_live]
        for b, row in enumerate(new_rows):
            if b not in matched_new:
                branch_of[row] = next_id
                history[next_id] = [int(row)]
                births.setdefault(k, []).append(next_id)
                survivors.append(next_id)
                next_id += 1
        live = survivors
    frame.insert(frame.columns.get_loc("equilibrium") + 1, "branch", branch_of)
    labels = _row_labels(frame, groups)
    branches = []
    for branch, row_list in history.items():
        row_index = np.asarray(row_list)
        branches.append(
            Branch(
                branch,
                points[row_index],
                path[points[row_index]],
                tuple(s[row_index] for s in strategies[:num_profiles]),
                tuple(labels[row_index]),
            )
        )
    found_thresholds: tuple[Threshold, ...] = ()
    if exact_events and (births or deaths):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                found_thresholds = thresholds(
                    game,
                    parameter,
                    domain=(min(path.min(), path.max()), max(path.min(), path.max()))
                    if path.min() < path.max()
                    else None,
                    method=method,
                    concept=chosen,
                )
        except Exception:  # thresholds are a bonus: never fail tracking because of them
            found_thresholds = ()
    events = _events(
        parameter,
        path,
        profile,
        history,
        points,
        births,
        deaths,
        labels,
        max_jump,
        found_thresholds,
    )
    frame.attrs["method"] = method
    frame.attrs["concept"] = chosen.name
    frame.attrs["title"] = getattr(game, "title", "")
    return Tracking(
        game, parameter, path, tuple(branches), tuple(events), frame, method, chosen.name
    )


def _points_of(frame: pd.DataFrame, parameter: str, path: np.ndarray) -> np.ndarray:
    """The path index of every row (rows come grouped by point, in path order; a point
    without equilibria has no rows)."""
    values = frame[parameter].to_numpy(dtype=np.float64) if len(frame) else np.zeros(0)
    ranks = frame["equilibrium"].to_numpy() if len(frame) else np.zeros(0, dtype=np.int64)
    points = np.empty(len(frame), dtype=np.int64)
    k = -1
    for row in range(len(frame)):
        if ranks[row] == 0:
            k += 1
            while k < len(path) - 1 and path[k] != values[row]:
                k += 1
        points[row] = k
    return points


def _row_labels(frame: pd.DataFrame, groups: Mapping[str, Sequence[str]]) -> np.ndarray:
    """Each row's profile; a mixed row of a strategic form with its probabilities
    (``"(0.5*s1 + 0.5*s2, s2)"``) unless the concept's profile already shows them."""
    profiles = frame["profile"].astype(str).to_numpy()
    if frame.attrs.get("profile_has_probabilities") or not groups:
        return profiles
    pure = frame["is_pure"].to_numpy()
    out = profiles.copy()
    for row in np.flatnonzero(~pure):
        parts = []
        for columns in groups.values():
            vector = frame[list(columns)].iloc[row].to_numpy(dtype=np.float64)
            names = [c.split(":", 1)[1] for c in columns]
            support = np.flatnonzero(vector > 1e-9)
            if len(support) == 1:
                parts.append(names[support[0]])
            else:
                parts.append(
                    " + ".join(f"{format_number(float(vector[k]), 3)}*{names[k]}" for k in support)
                )
        out[row] = "(" + ", ".join(parts) + ")"
    return out


def _events(
    parameter, path, profile, history, points, births, deaths, labels, max_jump, found_thresholds
) -> list[BranchEvent]:
    events = []

    def threshold_between(a: float, b: float) -> Threshold | None:
        low, high = min(a, b), max(a, b)
        for t in found_thresholds:
            if t.value is not None and low <= float(t.value) <= high:
                return t
        return None

    def row_at(branch: int, k: int) -> int | None:
        for row in history[branch]:
            if points[row] == k:
                return row
        return None

    for k in sorted(set(births) | set(deaths)):
        a, b = float(path[k - 1]), float(path[k])
        threshold = threshold_between(a, b)
        where = f"between {parameter} = {a:g} and {b:g}"
        if threshold is not None:
            where += f" (threshold {parameter} = {threshold.expression})"
        for kind_word, group, at in (
            ("appear", births.get(k, []), k),
            ("disappear", deaths.get(k, []), k - 1),
        ):
            if not group:
                continue
            continuing = [
                branch
                for branch, rows in history.items()
                if branch not in group
                and row_at(branch, k) is not None
                and row_at(branch, k - 1) is not None
            ]
            lone = []
            for branch in group:
                row = row_at(branch, at)
                parent = None
                for other in continuing:
                    other_row = row_at(other, at)
                    if np.abs(profile[row] - profile[other_row]).max() <= max_jump / 3:
                        parent = other
                        break
                if parent is not None:
                    verb = "splits from" if kind_word == "appear" else "merges into"
                    events.append(
                        BranchEvent(
                            "bifurcation",
                            (a, b),
                            (branch,),
                            parent,
                            threshold,
                            f"{where}: branch {branch} {verb} branch {parent} (bifurcation): "
                            f"{labels[row]}",
                        )
                    )
                else:
                    lone.append(branch)
            if not lone:
                continue
            described = " and ".join(labels[row_at(branch, at)] for branch in lone)
            names = " and ".join(str(branch) for branch in lone)
            if len(lone) > 1:
                events.append(
                    BranchEvent(
                        "fold",
                        (a, b),
                        tuple(lone),
                        None,
                        threshold,
                        f"{where}: branches {names} {kind_word} together (fold): {described}",
                    )
                )
            else:
                events.append(
                    BranchEvent(
                        kind_word,
                        (a, b),
                        tuple(lone),
                        None,
                        threshold,
                        f"{where}: branch {names} {kind_word}s: {described}",
                    )
                )
    return events
