"""What every solver returns: equilibria that answer the same questions, in one container.

:class:`EquilibriumLike` is the interface every equilibrium satisfies, whatever the solution
concept (Nash, subgame perfect, Bayesian Nash, perfect Bayesian, correlated, count and
symmetric equilibria of anonymous games): its ``outcome`` in words, its ``payoffs`` (and
``labelled_payoffs``), whether it is ``exact`` and ``is_pure``, its ``max_regret()`` (the
largest gain of a deviation the concept rules out: 0, exactly so in exact mode, for an
equilibrium) and ``as_dict()`` (the profile with labels).

:class:`EquilibriumResult` is the one container every solver returns: an immutable sequence of
equilibria recording the game, the method, its options, whether arithmetic was exact,
whether the game was degenerate and whether the set is known to be complete. Solvers of
particular concepts return subclasses that add conveniences only (``SubgamePerfectResult``,
``AnonymousResult``, ``BayesianResult``, ``SignallingResult``, ``CorrelatedResult``).

Text, HTML and JSON rendering of results is written once in :mod:`deterrence.display`
(imported lazily).

:class:`Equilibrium` is a Nash equilibrium (or candidate profile) of a
:class:`~deterrence.games.NormalFormGame`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping, Sequence
from fractions import Fraction
from functools import cached_property
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

import numpy as np

from deterrence.games._numbers import format_number

if TYPE_CHECKING:
    import pandas as pd

    from deterrence.games.normal_form import NormalFormGame

__all__ = ["Equilibrium", "EquilibriumLike", "EquilibriumResult", "EquilibriumSequence"]

#: Probabilities below this are treated as zero when reading supports of float equilibria.
SUPPORT_TOL = 1e-9


@runtime_checkable
class EquilibriumLike(Protocol):
    """What every equilibrium answers, whatever solver produced it.

    Attributes
    ----------
    game : object
        The game it belongs to.
    outcome : str
        A short readable label, e.g. ``"(refrain, share)"`` or ``"4 of 10 contribute"``.
    payoffs : tuple or mapping
        Expected payoffs in the concept's natural order (players; strategies of an anonymous
        game; sender types and receiver of a signalling game).
    labelled_payoffs : dict
        The same payoffs keyed by who receives them (``None`` where nobody does).
    exact : bool
        Whether probabilities and payoffs are exact rationals (then ``max_regret()`` is
        exactly 0 for an equilibrium).
    is_pure : bool
        Whether nobody randomises.

    Methods
    -------
    max_regret()
        The largest gain of a deviation the solution concept rules out (never negative).
    as_dict()
        The profile with labels.

    Examples
    --------
    >>> from deterrence import NormalFormGame, solve
    >>> eq = solve(NormalFormGame.from_matrices([[1, 0], [0, 1]], [[1, 0], [0, 1]]))[0]
    >>> isinstance(eq, EquilibriumLike), eq.labelled_payoffs
    (True, {'player 1': 1.0, 'player 2': 1.0})
    """

    game: Any

    @property
    def outcome(self) -> str: ...

    @property
    def payoffs(self) -> Any: ...

    @property
    def labelled_payoffs(self) -> dict[str, Any]: ...

    @property
    def exact(self) -> bool: ...

    @property
    def is_pure(self) -> bool: ...

    def max_regret(self) -> Any: ...

    def as_dict(self) -> dict[str, Any]: ...


@dataclasses.dataclass(frozen=True, eq=False, repr=False)
class Equilibrium:
    """A Nash equilibrium (or candidate profile) of a normal-form game.

    Parameters
    ----------
    game : NormalFormGame
        The game it belongs to.
    strategies : sequence
        One probability vector per player (exact ``Fraction`` or float), a pure index or a
        strategy label per player.

    Attributes
    ----------
    strategies : tuple of numpy.ndarray
        Read-only probability vectors.

    Examples
    --------
    >>> from deterrence import NormalFormGame
    >>> game = NormalFormGame.zero_sum([[1, -1], [-1, 1]], players=("row", "col"),
    ...                                strategies=(("H", "T"), ("H", "T")))
    >>> eq = Equilibrium(game, (["1/2", "1/2"], ["1/2", "1/2"]))
    >>> eq.max_regret(), eq.is_pure, eq.payoffs
    (Fraction(0, 1), False, (Fraction(0, 1), Fraction(0, 1)))
    >>> eq.as_dict()["row"]["H"]
    Fraction(1, 2)
    """

    game: NormalFormGame
    strategies: Sequence[Any]

    def __post_init__(self) -> None:
        object.__setattr__(self, "strategies", self.game.as_profile(self.strategies))

    @property
    def exact(self) -> bool:
        """Whether the probabilities are exact ``Fraction`` values."""
        return self.strategies[0].dtype == object

    @cached_property
    def payoffs(self) -> tuple[Any, ...]:
        """Expected payoff of each player."""
        values = self.game.expected_payoffs(self.strategies)
        if self.exact:
            return tuple(values)
        return tuple(float(v) for v in values)

    @property
    def labelled_payoffs(self) -> dict[str, Any]:
        """``{player: expected payoff}``."""
        return dict(zip(self.game.players, self.payoffs))

    @cached_property
    def support(self) -> tuple[tuple[int, ...], ...]:
        """Indices of the strategies each player uses with positive probability."""
        if self.exact:
            return tuple(tuple(int(k) for k in np.flatnonzero(s != 0)) for s in self.strategies)
        return tuple(
            tuple(int(k) for k in np.flatnonzero(s > SUPPORT_TOL)) for s in self.strategies
        )

    @property
    def is_pure(self) -> bool:
        """Whether every player uses a single strategy."""
        return all(len(s) == 1 for s in self.support)

    def regret(self) -> tuple[Any, ...]:
        """Each player's regret: best pure payoff against the others minus the payoff received."""
        from deterrence.solvers.verify import regret

        return tuple(regret(self.game, self.strategies))

    def max_regret(self) -> Any:
        """Largest regret over players: 0 (exactly, in exact mode) for a Nash equilibrium."""
        return max(self.regret())

    def as_dict(self) -> dict[str, dict[str, Any]]:
        """``{player: {strategy: probability}}`` with labels."""
        return {
            player: {
                label: (p if self.exact else float(p))
                for label, p in zip(self.game.strategies[i], self.strategies[i])
            }
            for i, player in enumerate(self.game.players)
        }

    @property
    def outcome(self) -> str:
        """A short readable label: ``(refrain, share)`` for pure profiles, mixtures otherwise."""
        parts = []
        for i, sigma in enumerate(self.strategies):
            labels = self.game.strategies[i]
            support = self.support[i]
            if len(support) == 1:
                parts.append(labels[support[0]])
            else:
                parts.append(
                    " + ".join(f"{format_number(sigma[k], 3)}*{labels[k]}" for k in support)
                )
        return "(" + ", ".join(parts) + ")"

    def isclose(self, other: Equilibrium, *, tol: float = 1e-7) -> bool:
        """Whether two profiles agree entry by entry within ``tol``."""
        return all(
            a.shape == b.shape
            and np.allclose(np.asarray(a, float), np.asarray(b, float), atol=tol, rtol=0)
            for a, b in zip(self.strategies, other.strategies)
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Equilibrium):
            return NotImplemented
        return all(
            a.shape == b.shape and bool(np.all(a == b))
            for a, b in zip(self.strategies, other.strategies)
        )

    def __hash__(self) -> int:
        return hash(tuple(tuple(s.tolist()) for s in self.strategies))

    def __repr__(self) -> str:
        body = ", ".join(
            "[" + ", ".join(format_number(p) for p in s) + "]" for s in self.strategies
        )
        return f"Equilibrium({self.outcome}: {body})"


@dataclasses.dataclass(frozen=True, eq=False, repr=False)
class EquilibriumResult(Sequence):
    """The equilibria a solver found, with how it found them: what every solver returns.

    An immutable sequence of equilibria (each an :class:`EquilibriumLike`). Solvers of
    particular solution concepts return subclasses that add conveniences only.

    Parameters
    ----------
    game : object
        The game solved (a :class:`~deterrence.games.NormalFormGame` for Nash solvers).
    equilibria : tuple
        The equilibria, each satisfying :class:`EquilibriumLike`.
    method : str
        The algorithm, e.g. ``"vertex_enumeration"``.
    exact : bool
        Whether rational arithmetic was used.
    degenerate : bool
        Whether the game was found degenerate (equilibria may form continua; every extreme
        equilibrium is listed).
    complete : bool
        Whether the search was exhaustive: every extreme equilibrium (``False`` for methods
        such as Lemke-Howson that return some equilibria, or when a cap cut the list).
    options : mapping
        The solver options used.

    Examples
    --------
    >>> from deterrence import NormalFormGame, solve
    >>> result = solve(NormalFormGame.from_matrices([[2, 0], [0, 1]], [[1, 0], [0, 2]]))
    >>> len(result), result.method, result.complete
    (3, 'vertex_enumeration', True)
    >>> result.to_frame()[["player 1:s1", "player 2:s1", "is_pure"]]
       player 1:s1  player 2:s1  is_pure
    0     1.000000     1.000000     True
    1     0.666667     0.333333    False
    2     0.000000     0.000000     True
    >>> result.as_dict()["equilibria"][0]["outcome"]
    '(s1, s1)'
    """

    game: Any
    equilibria: tuple[Any, ...]
    method: str
    exact: bool = False
    degenerate: bool = False
    complete: bool = True
    options: Mapping[str, Any] = dataclasses.field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "equilibria", tuple(self.equilibria))
        object.__setattr__(self, "options", dict(self.options))

    def __iter__(self) -> Iterator[Any]:
        return iter(self.equilibria)

    def __len__(self) -> int:
        return len(self.equilibria)

    def __getitem__(self, index: Any) -> Any:
        return self.equilibria[index]

    def max_regret(self) -> Any:
        """Largest regret over all returned equilibria (0 for an empty result)."""
        if not self.equilibria:
            return Fraction(0) if self.exact else 0.0
        return max(eq.max_regret() for eq in self.equilibria)

    @property
    def pure(self) -> tuple[Any, ...]:
        """The pure equilibria."""
        return tuple(eq for eq in self.equilibria if eq.is_pure)

    @property
    def outcomes(self) -> tuple[str, ...]:
        """The outcome of each equilibrium, in order."""
        return tuple(eq.outcome for eq in self.equilibria)

    def to_frame(self) -> pd.DataFrame:
        """One row per equilibrium: the labelled profile flattened to ``key:key`` columns
        (``player:strategy`` probabilities for Nash equilibria), ``payoff:<label>`` columns,
        ``is_pure``, ``outcome`` and ``max_regret``."""
        import pandas as pd

        rows = []
        for eq in self.equilibria:
            row: dict[str, Any] = _flatten(eq.as_dict())
            for label, value in eq.labelled_payoffs.items():
                row[f"payoff:{label}"] = None if value is None else float(value)
            row["is_pure"] = eq.is_pure
            row["outcome"] = eq.outcome
            row["max_regret"] = float(eq.max_regret())
            rows.append(row)
        return pd.DataFrame(rows)

    def as_dict(self) -> dict[str, Any]:
        """The result as a JSON-ready dict (see :func:`deterrence.display.result_to_dict`)."""
        from deterrence.display import result_to_dict

        return result_to_dict(self)

    def to_json(self, *, indent: int | None = None) -> str:
        """The result as JSON; exact numbers become ``"2/3"`` strings."""
        from deterrence.display import result_to_json

        return result_to_json(self, indent=indent)

    def __repr__(self) -> str:
        from deterrence.display import result_to_text

        return result_to_text(self)

    def _repr_html_(self) -> str:
        """HTML for Jupyter: how the equilibria were found, the game, one row per
        equilibrium (see :func:`deterrence.display.result_to_html`)."""
        from deterrence.display import result_to_html

        return result_to_html(self)


#: The former name of the shared sequence behaviour, kept as an alias.
EquilibriumSequence = EquilibriumResult


def _flatten(mapping: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """``{"a": {"b": 1}}`` -> ``{"a:b": 1.0}``: numbers as floats, other values unchanged."""
    out: dict[str, Any] = {}
    for key, value in mapping.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            out.update(_flatten(value, f"{name}:"))
        elif isinstance(value, (Fraction, np.number, float)) or (
            isinstance(value, int) and not isinstance(value, bool)
        ):
            out[name] = float(value)
        else:
            out[name] = value
    return out


def canonical_order(equilibria: Sequence[Equilibrium]) -> tuple[Equilibrium, ...]:
    """Sort equilibria deterministically: lexicographically by decreasing probabilities.

    Every solver returns its equilibria in this order, so results of different methods
    compare directly. Probabilities are compared to 10 decimals, so that rounding (0.5 from
    one vertex enumerator, 0.5000000000000001 from another) does not reorder equilibria;
    equilibria that compare equal keep their order.

    Examples
    --------
    >>> from deterrence import NormalFormGame
    >>> game = NormalFormGame.from_matrices([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> profiles = [([0, 1], [0, 1]), ([2 / 3, 1 / 3], [1 / 3, 2 / 3]), ([1, 0], [1, 0])]
    >>> [eq.outcome for eq in canonical_order([Equilibrium(game, p) for p in profiles])]
    ['(s1, s1)', '(0.667*s1 + 0.333*s2, 0.333*s1 + 0.667*s2)', '(s2, s2)']
    """
    equilibria = tuple(equilibria)
    if len(equilibria) < 2:
        return equilibria
    rows = [np.concatenate(eq.strategies) for eq in equilibria]
    if len({len(row) for row in rows}) > 1:  # equilibria of different games: no table

        def key(eq: Equilibrium) -> tuple[float, ...]:
            return tuple(-round(float(p), 10) for s in eq.strategies for p in s)

        return tuple(sorted(equilibria, key=key))
    # one table, one stable lexicographic sort (np.lexsort's primary key is the last row)
    keys = -np.round(np.array(rows, dtype=np.float64), 10)
    return tuple(equilibria[k] for k in np.lexsort(keys.T[::-1]))
