r"""Nash equilibria of a strategic form, as a solution concept of the analysis layer.

The game is a :class:`~deterrence.games.ParametricGame` (a fixed
:class:`~deterrence.games.NormalFormGame` is one without parameters; any other game offering
``to_normal_form()`` -- a tree, a Bayesian game -- is analysed through that strategic form,
which is what ``concept="nash"`` asks for).

Structure
    The supports of every (extreme) equilibrium at a point.
Candidates (one parameter :math:`t`, the others fixed or symbolic)
    * a **pure best reply switches**: for some player :math:`i`, opponents' profile
      :math:`s_{-i}` and strategies :math:`a \ne b`,
      :math:`u_i(a, s_{-i}; t) - u_i(b, s_{-i}; t) = 0`;
    * (two players) a **mixed equilibrium enters or leaves the simplex**: on a support pair
      :math:`(S_1, S_2)` with :math:`|S_1| = |S_2|` the indifference equations
      :math:`A_{S_1 S_2} y = v\mathbf{1},\ \mathbf{1}^\top y = 1` have the solution
      :math:`y_j = \det M_j / \det M` (Cramer's rule); the equilibrium leaves when some
      :math:`y_j` crosses 0, when a strategy outside the support becomes a best reply
      (:math:`A_{r S_2} y = v`), or when the system becomes singular (:math:`\det M = 0`).
Solving at points
    Two players with at most three strategies each, and pure equilibria of any game, take a
    vectorised path (``deterrence.analysis._batched``): payoffs lambdified once, every
    point solved in batched numpy. Other games go point by point through
    :func:`deterrence.solve`; both paths give equal tables.

References
----------
.. [1] B. von Stengel, "Computing equilibria for two-person games", *Handbook of Game Theory*
   vol. 3, 2002 (support enumeration, section 3).
.. [2] F. C. Zagare and D. M. Kilgour, *Perfect Deterrence*, Cambridge University Press, 2000.
"""

from __future__ import annotations

import itertools
import warnings
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import sympy

from deterrence.analysis._batched import (
    MAX_FAST_STRATEGIES,
    bimatrix_equilibria_batch,
    polish_bimatrix,
    pure_equilibria_batch,
)
from deterrence.analysis.algebra import real_roots
from deterrence.analysis.concepts.base import Candidate, Change, SolutionConcept, Structure
from deterrence.analysis.words import change_sentence, count_phrase, join, noun, possessive
from deterrence.exceptions import DegenerateGameWarning, InvalidGameError
from deterrence.games.normal_form import NormalFormGame
from deterrence.games.parametric import ParametricGame

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "NashConcept",
    "as_strategic_form",
    "solve_strategic",
    "strategy_table",
    "support_label",
    "SUPPORT_TOL",
]

#: Probabilities at or below this are outside the support (as in ``Equilibrium.support``).
SUPPORT_TOL = 1e-9


def as_strategic_form(game: Any) -> ParametricGame:
    """The game as a :class:`~deterrence.games.ParametricGame`.

    A ``NormalFormGame`` becomes a game without parameters; any other game that offers
    ``to_normal_form()`` (a parametric ``ExtensiveFormGame`` gives its reduced strategic form,
    a ``BayesianGame`` its ex-ante strategic form, ...) is converted through it.

    Raises
    ------
    InvalidGameError
        For an object without a strategic form, or one whose ``to_normal_form()`` fixes
        parameters that it declares.

    Examples
    --------
    >>> from deterrence.games import NormalFormGame
    >>> as_strategic_form(NormalFormGame.from_matrices([[1, 0]], [[0, 1]])).num_strategies
    (1, 2)
    """
    if isinstance(game, ParametricGame):
        return game
    if isinstance(game, NormalFormGame):
        return ParametricGame.from_game(game)
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
            strategic = as_strategic_form(converted)
            reading = getattr(game, "outcomes", None)
            if reading is not None and getattr(strategic, "outcomes", None) is None:
                try:
                    strategic = strategic.replace(outcomes=reading)
                except (TypeError, InvalidGameError):
                    pass  # the words name tree actions that are not strategies
            return strategic
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


# ---------------------------------------------------------------------- solving at points
def _fast_kind(game: ParametricGame, method: str) -> str | None:
    from deterrence.solvers.api import is_decision_problem

    if method == "pure" or (method == "auto" and is_decision_problem(game)):
        return "pure"
    if (
        method in ("auto", "vertex_enumeration")
        and game.num_players == 2
        and max(game.num_strategies) <= MAX_FAST_STRATEGIES
    ):
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


def _solve_general(
    game: ParametricGame, payoffs: np.ndarray, method: str, tol: float, options: Mapping[str, Any]
):
    from deterrence.solvers.api import solve

    count = payoffs.shape[-1]
    points: list[int] = []
    rows: list[list[np.ndarray]] = [[] for _ in range(game.num_players)]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DegenerateGameWarning)
        for k in range(count):
            point_game = NormalFormGame(
                payoffs[..., k], players=game.players, strategies=game.strategies, title=game.title
            )
            # no progress bar per point (the sweep or map shows its own); Ctrl-C stops the
            # whole computation (finished chunks are kept) instead of leaving this point's
            # equilibria incomplete
            result = solve(point_game, method, tol=tol, progress=False, **options)
            if result.options.get("interrupted"):
                raise KeyboardInterrupt
            for equilibrium in result:
                points.append(k)
                for i, vector in enumerate(equilibrium.strategies):
                    rows[i].append(np.asarray(vector, dtype=np.float64))
    return _finish(game, payoffs, points, rows, method, tol)


def _finish(
    game: ParametricGame,
    payoffs: np.ndarray,
    points: list[int],
    rows: list[list[np.ndarray]],
    method: str,
    tol: float,
):
    point_array = np.asarray(points, dtype=np.int64)
    strategies = [
        np.array(r, dtype=np.float64).reshape(len(points), size)
        for r, size in zip(rows, game.num_strategies)
    ]
    if _fast_kind(game, "auto") == "bimatrix" and method != "pure" and len(points):
        # recompute each extreme equilibrium from its labels exactly as the fast path does
        first, second = polish_bimatrix(
            payoffs[0][..., point_array],
            payoffs[1][..., point_array],
            strategies[0],
            strategies[1],
            tol=tol,
        )
        strategies = [first, second]
    order = _canonical_rows(point_array, strategies)
    return point_array[order], [s[order] for s in strategies]


#: Lambdified evaluators by game content: a worker that receives the same game in many
#: chunks (each unpickled afresh) compiles its payoffs once.
_EVALUATORS: dict[str, Any] = {}


def _evaluator(game: ParametricGame):
    cached = game.__dict__.get("_lambdified")
    if cached is not None:
        return cached
    key = repr(
        (
            game.payoffs.shape,
            [str(e) for e in game.payoffs.reshape(-1)],
            [(p.name, str(p.default), str(p.domain)) for p in game.parameters],
        )
    )
    evaluate = _EVALUATORS.get(key)
    if evaluate is None:
        if len(_EVALUATORS) > 64:
            _EVALUATORS.clear()
        evaluate = _EVALUATORS[key] = game.lambdify()
    return evaluate


def evaluate_payoffs(game: ParametricGame, values: Mapping[str, np.ndarray]) -> np.ndarray:
    """Float payoffs at a batch of points, shape ``game.payoffs.shape + (count,)``.

    Examples
    --------
    >>> game = ParametricGame([["x", 0]], ["x"])
    >>> evaluate_payoffs(game, {"x": np.array([1.0, 2.0])})[0, 0]
    array([1., 2.])
    """
    evaluate = _evaluator(game)
    payoffs = evaluate(**{n: np.asarray(v, dtype=np.float64) for n, v in values.items()})
    count = len(next(iter(values.values()))) if values else 1
    if payoffs.ndim == game.payoffs.ndim:  # no parameter arrays: one point
        payoffs = np.broadcast_to(payoffs[..., None], game.payoffs.shape + (count,))
    return np.ascontiguousarray(payoffs)


def solve_strategic(
    game: ParametricGame,
    values: Mapping[str, np.ndarray],
    *,
    method: str = "auto",
    tol: float = 1e-9,
    fast: bool | None = None,
    options: Mapping[str, Any] | None = None,
):
    """Nash equilibria of a strategic form at a batch of points, as arrays.

    Parameters
    ----------
    game : ParametricGame
    values : mapping
        ``{parameter: float array}`` of equal lengths, one entry per parameter.
    method : str
        ``"auto"`` (every extreme equilibrium), ``"pure"`` or any method of
        :func:`deterrence.solve`.
    tol : float
        Tolerance for best-response ties.
    fast : bool, optional
        Force (``True``) or forbid (``False``) the vectorised path.
    options : mapping, optional
        Passed to :func:`deterrence.solve` on the general path.

    Returns
    -------
    payoffs : numpy.ndarray
        ``game.payoffs.shape + (count,)``.
    points : numpy.ndarray
        The point of each equilibrium (sorted; canonical order within a point).
    strategies : list of numpy.ndarray
        One ``(rows, num_strategies[i])`` array per player.

    Examples
    --------
    >>> game = ParametricGame.from_matrices([["x", 0], [0, 1]], [[1, 0], [0, 1]], ["x"])
    >>> _, points, strategies = solve_strategic(game, {"x": np.array([-1.0, 1.0])})
    >>> points.tolist(), strategies[0][:, 0].tolist()
    ([0, 1, 1, 1], [0.0, 1.0, 0.5, 0.0])
    """
    payoffs = evaluate_payoffs(game, values)
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


# ---------------------------------------------------------------------- the table
def support_label(strategies: Sequence[Sequence[str]], supports: Sequence[Sequence[int]]) -> str:
    """The label of a profile by its supports: ``"(mix of coerce and refrain, share)"``.

    Examples
    --------
    >>> support_label([("a", "b"), ("c", "d", "e")], [(1,), (0, 1, 2)])
    '(b, mix of c, d and e)'
    """
    parts = []
    for labels, support in zip(strategies, supports):
        names = [labels[k] for k in support]
        parts.append(names[0] if len(names) == 1 else "mix of " + join(names))
    return "(" + ", ".join(parts) + ")"


def _combine(codes: list[np.ndarray], count: int) -> tuple[np.ndarray, np.ndarray]:
    """Factorize rows of several code columns: (row codes, first row of each code),
    codes numbered in order of first appearance."""
    import pandas as pd

    key = np.zeros(count, dtype=np.int64)
    for column in codes:
        key = key * (int(column.max(initial=0)) + 1) + column
        key, _ = pd.factorize(key)
    key = np.asarray(key, dtype=np.int64)
    previous = np.maximum.accumulate(np.concatenate([[-1], key[:-1]])) if count else key
    first = np.flatnonzero(key > previous)
    return key, first


def _profile_codes(
    game: Any, strategies: list[np.ndarray]
) -> tuple[np.ndarray, np.ndarray, list[tuple[tuple[int, ...], ...]]]:
    """Per row: is_pure and a code per distinct support profile (first appearance order),
    with the support profile of each code. Only supports are looked at (vectorised):
    probabilities have their own columns."""
    import pandas as pd

    count = strategies[0].shape[0] if strategies else 0
    is_pure = np.ones(count, dtype=bool)
    player_codes = []
    for vectors in strategies:
        inside = vectors > SUPPORT_TOL
        is_pure &= inside.sum(axis=1) == 1
        if vectors.shape[1] <= 62:
            weights = np.left_shift(np.int64(1), np.arange(vectors.shape[1], dtype=np.int64))
            player_codes.append(inside.astype(np.int64) @ weights)
        else:
            player_codes.append(
                np.asarray(
                    pd.factorize(pd.Series([row.tobytes() for row in inside]))[0], dtype=np.int64
                )
            )
    if count == 0:
        return is_pure, np.zeros(0, dtype=np.int64), []
    codes, first = _combine(player_codes, count)
    supports = [
        tuple(tuple(np.flatnonzero(vectors[row] > SUPPORT_TOL).tolist()) for vectors in strategies)
        for row in first
    ]
    return is_pure, codes, supports


def plays_of(
    players: Sequence[str], strategies: Sequence[Sequence[str]], supports: Sequence[Sequence[int]]
) -> dict[str, str | None]:
    """What each player does in a profile, for :meth:`deterrence.games.Outcomes.read`:
    its pure strategy, or ``None`` if it mixes.

    Examples
    --------
    >>> plays_of(("a", "b"), (("x", "y"), ("u", "v")), [(0,), (0, 1)])
    {'a': 'x', 'b': None}
    """
    return {
        player: (labels[support[0]] if len(support) == 1 else None)
        for player, labels, support in zip(players, strategies, supports)
    }


def strategy_table(
    game: Any,
    values: Mapping[str, np.ndarray],
    payoffs: np.ndarray,
    points: np.ndarray,
    strategies: list[np.ndarray],
    *,
    players: Sequence[str] | None = None,
    labels: Sequence[Sequence[str]] | None = None,
    reading: Any = None,
    plays: Any = None,
) -> pd.DataFrame:
    """The long sweep table of a strategic form (shared by every concept solved on one).

    Parameters
    ----------
    game : ParametricGame
        The strategic form (players, strategy labels, parameter names).
    values : mapping
        The points, ``{parameter: array}``.
    payoffs : numpy.ndarray
        ``game.payoffs.shape + (count,)`` floats.
    points, strategies
        As returned by :func:`solve_strategic`.
    players, labels : optional
        Override the player and strategy labels.
    reading : Outcomes, optional
        The analyst's words (default: ``game.outcomes``).
    plays : callable, optional
        ``plays(supports) -> {player: action}`` (default :func:`plays_of` on strategies).

    Returns
    -------
    pandas.DataFrame
        Parameters, ``equilibrium``, probabilities ``"player:strategy"``, payoffs
        ``"payoff:player"``, ``is_pure``, ``profile`` (categorical support label) and
        ``outcome`` (categorical: the words, else the profile); ``attrs["players"]``.

    Examples
    --------
    >>> game = ParametricGame.from_matrices([["x", 0], [0, 1]], [[1, 0], [0, 1]], ["x"])
    >>> values = {"x": np.array([1.0])}
    >>> table = strategy_table(game, values, *solve_strategic(game, values))
    >>> table["profile"].tolist()
    ['(s1, s1)', '(mix of s1 and s2, mix of s1 and s2)', '(s2, s2)']
    """
    import pandas as pd

    players = tuple(players if players is not None else game.players)
    labels = tuple(labels if labels is not None else game.strategies)
    reading = reading if reading is not None else getattr(game, "outcomes", None)
    columns: dict[str, Any] = {}
    for name in game.parameter_names:
        columns[name] = np.asarray(values[name], dtype=np.float64)[points]
    columns["equilibrium"] = _rank_within(points)
    groups: dict[str, list[str]] = {}
    for i, player in enumerate(players):
        groups[player] = []
        for k, label in enumerate(labels[i]):
            name = f"{player}:{label}"
            columns[name] = strategies[i][:, k]
            groups[player].append(name)
    for player, value in zip(players, _expected_payoffs(payoffs, points, strategies)):
        columns[f"payoff:{player}"] = value
    is_pure, codes, supports = _profile_codes(game, strategies)
    profile_texts = [support_label(labels, s) for s in supports]
    columns["is_pure"] = is_pure
    columns["profile"] = _categorical(codes, profile_texts)
    if reading is None:
        columns["outcome"] = columns["profile"].copy()
    else:
        read = plays or (lambda s: plays_of(players, labels, s))
        words = [reading.read(read(s)) or text for s, text in zip(supports, profile_texts)]
        columns["outcome"] = _categorical(codes, words)
    table = pd.DataFrame(columns)
    table.attrs["players"] = groups
    return table


def _categorical(codes: np.ndarray, texts: Sequence[str]) -> pd.Categorical:
    """Codes into ``texts`` as a categorical (equal texts merged, first appearance order)."""
    import pandas as pd

    if not len(texts):
        return pd.Categorical.from_codes(
            np.zeros(0, dtype=np.int64), categories=pd.Index([], dtype=object)
        )
    inverse, unique = pd.factorize(np.asarray(texts, dtype=object))
    return pd.Categorical.from_codes(
        np.asarray(inverse, dtype=np.int64)[codes],
        categories=pd.Index(np.asarray(unique, dtype=object), dtype=object),
    )


def _expected_payoffs(
    payoffs: np.ndarray, points: np.ndarray, strategies: list[np.ndarray]
) -> list[np.ndarray]:
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


def complete_values(game: Any, values: Mapping[str, Any]) -> tuple[dict[str, np.ndarray], int]:
    """Float arrays for every parameter (defaults fill the gaps) and the number of points.

    Raises
    ------
    InvalidGameError
        A parameter without value and without default.

    Examples
    --------
    >>> from deterrence.games import Parameter
    >>> game = ParametricGame([["a + b"]], ["a", Parameter("b", default=2)])
    >>> complete_values(game, {"a": [0, 1]})
    ({'a': array([0., 1.]), 'b': array([2., 2.])}, 2)
    """
    arrays = {name: np.atleast_1d(np.asarray(v, dtype=np.float64)) for name, v in values.items()}
    count = len(next(iter(arrays.values()))) if arrays else 1
    for p in game.parameters:
        if p.name not in arrays:
            if p.default is None:
                raise InvalidGameError(f"parameter {p.name!r} has no value and no default")
            arrays[p.name] = np.full(count, float(p.default))
    return arrays, count


# ---------------------------------------------------------------------- candidates
def pure_switch_candidates(
    game: ParametricGame,
    variable: sympy.Symbol,
    reference: Mapping[sympy.Symbol, sympy.Expr] | None = None,
) -> list[Candidate]:
    """Roots of every pure payoff difference ``u_i(a, s_-i) - u_i(b, s_-i)``.

    Examples
    --------
    >>> game = ParametricGame.from_matrices([["x", 0], [0, 1]], [[1, 0], [0, 1]], ["x"])
    >>> [value for value, info in pure_switch_candidates(game, game.parameter("x").symbol)]
    [0]
    """
    out: list[Candidate] = []
    sizes = game.num_strategies
    for i in range(game.num_players):
        others = [range(k) for j, k in enumerate(sizes) if j != i]
        for rest in itertools.product(*others):
            for a, b in itertools.combinations(range(sizes[i]), 2):
                profile_a = list(rest)
                profile_a.insert(i, a)
                profile_b = list(rest)
                profile_b.insert(i, b)
                difference = (
                    game.payoffs[(i,) + tuple(profile_a)] - game.payoffs[(i,) + tuple(profile_b)]
                )
                for root in real_roots(difference, variable, reference):
                    out.append(
                        (
                            root,
                            {
                                "kind": "pure",
                                "player": i,
                                "strategies": (a, b),
                                "others": tuple(rest),
                                "difference": difference,
                            },
                        )
                    )
    return out


def _support_candidates(
    matrix: sympy.Matrix,
    indifferent: tuple[int, ...],
    support: tuple[int, ...],
    variable: sympy.Symbol,
    *,
    mixer: int,
    outside: list[int],
    reference: Mapping[sympy.Symbol, sympy.Expr] | None = None,
) -> list[Candidate]:
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
    for root in real_roots(determinant, variable, reference):
        out.append((root, {**info, "event": "singular"}))
    for j in range(k):
        for root in real_roots(numerators[j], variable, reference):
            out.append((root, {**info, "event": "zero", "strategy": support[j]}))
    for r in outside:
        binding = sum(matrix[r, support[j]] * numerators[j] for j in range(k)) - numerators[k]
        for root in real_roots(binding, variable, reference):
            out.append((root, {**info, "event": "binding", "strategy": r}))
    return out


def mixed_candidates(
    game: ParametricGame,
    variable: sympy.Symbol,
    reference: Mapping[sympy.Symbol, sympy.Expr] | None = None,
) -> list[Candidate]:
    """Where a two-player mixed equilibrium can enter or leave the simplex (module
    docstring); empty for other numbers of players.

    Examples
    --------
    >>> game = ParametricGame.from_matrices([["x", 0], [0, 1]], [[1, 0], [0, 1]], ["x"])
    >>> sorted({str(v) for v, info in mixed_candidates(game, game.parameter("x").symbol)})
    ['-1', '0']
    """
    if game.num_players != 2:
        return []
    out: list[Candidate] = []
    m, n = game.num_strategies
    matrices = (sympy.Matrix(game.payoffs[0].tolist()), sympy.Matrix(game.payoffs[1].tolist()))
    for k in range(2, min(m, n) + 1):
        for rows in itertools.combinations(range(m), k):
            for columns in itertools.combinations(range(n), k):
                out += _support_candidates(
                    matrices[0],
                    rows,
                    columns,
                    variable,
                    mixer=1,
                    outside=[r for r in range(m) if r not in rows],
                    reference=reference,
                )
                out += _support_candidates(
                    matrices[1].T,
                    columns,
                    rows,
                    variable,
                    mixer=0,
                    outside=[c for c in range(n) if c not in columns],
                    reference=reference,
                )
    return out


# ---------------------------------------------------------------------- words
_WHATEVER = "\x00whatever"
_ALONE = "\x00alone"  # a one-player game (a decision problem): nobody else to reply to


def switch_clauses(game: Any, switches: list[tuple[int, tuple[int, ...], int, int]]) -> list[str]:
    """Sentences for best-reply switches ``(player, others' strategies, better, worse)``.

    Switches of one player to the same strategy are said once, listing what the others play
    (by counts when every ordering of those strategies switches alike); players whose
    switches read alike (symmetric games) share one clause.

    Examples
    --------
    >>> game = ParametricGame.from_matrices([["x", 0], [0, 1]], [[1, 0], [0, 1]], ["x"],
    ...                                     players=("coercer", "coalition"))
    >>> switch_clauses(game, [(0, (0,), 0, 1)])
    ["the coercer's best reply to s1 is s1 (rather than s2)"]
    """
    n = game.num_players
    profiles_of: dict[tuple[int, str, str], list[tuple[int, ...]]] = {}
    for i, others, new, old in switches:
        key = (i, game.strategies[i][new], game.strategies[i][old])
        if others not in profiles_of.setdefault(key, []):
            profiles_of[key].append(others)
    worse_of: dict[tuple[int, tuple[str, ...], str], list[str]] = {}
    for (i, better, worse), profiles in profiles_of.items():
        contexts = tuple(_contexts(game, i, profiles))
        worse_of.setdefault((i, contexts, better), []).append(worse)
    by_text: dict[tuple[tuple[str, ...], str, str], list[int]] = {}
    for (i, contexts, better), worses in worse_of.items():
        by_text.setdefault((contexts, better, join(worses, "or")), []).append(i)
    clauses = []
    for (contexts, better, worse), who in by_text.items():
        if len(who) == 1:
            subject = f"{possessive(game.players[who[0]])} best reply"
        elif n > 2 and len(who) == n:
            subject = "each player's best reply"
        else:
            names = [noun(game.players[i]) for i in who]
            subject = (
                "the best reply of " + ("both " if len(names) == 2 else "each of ") + join(names)
            )
        outcome = f"is {better} (rather than {worse})"
        if contexts == (_ALONE,):
            clauses.append(f"{possessive(game.players[who[0]])} best choice {outcome}")
        elif contexts == (_WHATEVER,):
            other = (
                "the others play"
                if n > 2
                else (
                    f"{noun(game.players[1 - who[0]])} plays"
                    if len(who) == 1
                    else "the other plays"
                )
            )
            clauses.append(f"{subject} {outcome} whatever {other}")
        elif n == 2:
            clauses.append(f"{subject} to {' and to '.join(contexts)} {outcome}")
        else:
            clauses.append(f"when {join(list(contexts), 'or')}, {subject} {outcome}")
    return clauses


def _contexts(game: Any, i: int, profiles: list[tuple[int, ...]]) -> list[str]:
    """What the other players do in each profile, as phrases: ``share`` (two players),
    ``both others play honour``, ``two of the others play honour and one plays renege``
    (when every ordering is listed), ``bloc B plays open and bloc C plays close``."""
    rest = [j for j in range(game.num_players) if j != i]
    if not rest:
        return [_ALONE]
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
            out.append(count_phrase(list(members[0]), len(rest)))
        else:
            out += [
                join([f"{noun(game.players[j])} plays {label}" for j, label in zip(rest, p)])
                for p in members
            ]
    return out


# ---------------------------------------------------------------------- the concept
class NashConcept(SolutionConcept):
    """Nash equilibria of the strategic form (see the module docstring).

    ``method="auto"`` follows the one rule of :func:`deterrence.solvers.api.auto_method`
    with a map counted as many solves: every extreme equilibrium of two-player games; the
    **pure** equilibria of games with any other number of players (their mixed equilibria
    would need polynomial enumeration at every point, and mixed thresholds are derived for
    two players only); the maps and tables record ``"pure"`` so that the reader knows.
    ``"pure"`` and every method of :func:`deterrence.solve` are accepted.

    Examples
    --------
    >>> from deterrence.games import ParametricGame
    >>> game = ParametricGame.from_matrices([["x", 0], [0, 1]], [[1, 0], [0, 1]], ["x"])
    >>> concept = NashConcept()
    >>> concept.structure_at(game, {"x": [-1.0, 1.0]}, method="auto")
    [(((1,), (1,)),), (((0,), (0,)), ((0, 1), (0, 1)), ((1,), (1,)))]
    """

    name = "nash"
    aliases = ("nash_equilibrium", "ne", "strategic")
    singular = "equilibrium"
    plural = "equilibria"
    title = "Nash equilibria"

    def prepare(self, game: Any) -> ParametricGame:
        return as_strategic_form(game)

    def resolve_method(self, game: ParametricGame, method: str) -> str:
        from deterrence.solvers.api import (
            AUTO_POINTS_PER_MAP,
            METHODS,
            auto_method,
            is_decision_problem,
        )

        if method != "auto" and method not in METHODS:
            raise InvalidGameError(
                f"unknown method {method!r}; choose from {sorted(METHODS)} or 'auto'"
            )
        if method == "auto":
            # the one meaning of "auto" (deterrence.solvers.api), a map counted as many solves
            chosen = auto_method(game, points=AUTO_POINTS_PER_MAP)
            # "auto" = every extreme equilibrium; a decision problem's pure choices are
            complete = chosen == "vertex_enumeration" or is_decision_problem(game)
            return "auto" if complete else chosen
        return method

    def describe_method(self, method: str) -> str:
        return "pure equilibria only" if method == "pure" else ""

    def solve_points(
        self,
        game: ParametricGame,
        values: Mapping[str, np.ndarray],
        *,
        method: str,
        tol: float = 1e-9,
        fast: bool | None = None,
        options: Mapping[str, Any] | None = None,
    ) -> pd.DataFrame:
        payoffs, points, strategies = solve_strategic(
            game, values, method=method, tol=tol, fast=fast, options=options
        )
        return strategy_table(game, values, payoffs, points, strategies)

    def structure_at(
        self, game: ParametricGame, values: Mapping[str, Any], *, method: str
    ) -> list[Structure]:
        if values and not len(np.atleast_1d(next(iter(values.values())))):
            return []
        arrays, count = complete_values(game, values)
        _payoffs, rows, strategies = solve_strategic(game, arrays, method=method)
        inside = [s > SUPPORT_TOL for s in strategies]
        out: list[list] = [[] for _ in range(count)]
        for r, point in enumerate(rows):
            out[int(point)].append(tuple(tuple(np.flatnonzero(x[r]).tolist()) for x in inside))
        return [tuple(sorted(set(s))) for s in out]

    def candidates(
        self,
        game: ParametricGame,
        variable: sympy.Symbol,
        reference: Mapping[sympy.Symbol, sympy.Expr],
        domain: tuple[Any, Any],
        *,
        method: str,
    ) -> list[Candidate]:
        out = pure_switch_candidates(game, variable, reference)
        if method != "pure":
            out += mixed_candidates(game, variable, reference)
        return out

    def labels(self, game: ParametricGame, structure: Structure) -> tuple[str, ...]:
        return tuple(support_label(game.strategies, s) for s in structure)

    def plays(
        self, game: ParametricGame, structure: Structure
    ) -> tuple[Mapping[str, str | None], ...]:
        return tuple(plays_of(game.players, game.strategies, s) for s in structure)

    def describe(
        self,
        game: ParametricGame,
        parameter: str,
        group: Sequence[tuple[Any, sympy.Expr, dict]],
        below: Structure,
        above: Structure,
        probe: float,
        reference: Mapping[sympy.Symbol, sympy.Expr],
        method: str,
    ) -> Change:
        variable = game.parameter(parameter).symbol
        substitutions = dict(reference)
        substitutions[variable] = sympy.Float(probe)
        switches = []  # (irrelevant, player, others, better, worse)
        players = []
        seen = set()
        sides = tuple(below) + tuple(above)
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
                for profile in sides
            )
            switches.append((not relevant, i, info["others"], better, worse))
            players.append(game.players[i])
        switches.sort(key=lambda c: c[0])
        switches = [c for c in switches if not c[0]] or switches[:1]
        clauses = switch_clauses(game, [c[1:] for c in switches])
        for _value, _expression, info in group:
            if info["kind"] == "mixed":
                players.append(game.players[info["player"]])
        singular, plural = self.nouns(method)
        change = change_sentence(
            self.phrases(game, below), self.phrases(game, above), singular, plural
        )
        return Change(
            tuple(clauses),
            change,
            self.labels(game, below),
            self.labels(game, above),
            tuple(dict.fromkeys(players)),
        )
