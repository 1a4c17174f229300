"""Equilibrium and EquilibriumResult: what every solver returns.

An :class:`Equilibrium` is a strategy profile of a :class:`~deterrence.games.NormalFormGame`
that a solver certified; it can always report its own :meth:`~Equilibrium.max_regret`.
An :class:`EquilibriumResult` is the immutable, iterable set a solver returns, recording the
method, its options, whether arithmetic was exact, whether the game was degenerate and
whether the set is known to be complete (all extreme equilibria).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping, Sequence
from fractions import Fraction
from functools import cached_property
from typing import TYPE_CHECKING, Any

import numpy as np

from deterrence.games._display import format_number

if TYPE_CHECKING:
    import pandas as pd

    from deterrence.games.normal_form import NormalFormGame

__all__ = ["Equilibrium", "EquilibriumResult", "EquilibriumSequence"]

#: Probabilities below this are treated as zero when reading supports of float equilibria.
SUPPORT_TOL = 1e-9


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


class EquilibriumSequence(Sequence):
    """Read-only sequence behaviour shared by every solver's result: it is its ``equilibria``.

    Subclasses are frozen dataclasses with an ``equilibria`` tuple field.
    """

    equilibria: tuple[Any, ...]

    def __iter__(self) -> Iterator[Any]:
        return iter(self.equilibria)

    def __len__(self) -> int:
        return len(self.equilibria)

    def __getitem__(self, index: Any) -> Any:
        return self.equilibria[index]


@dataclasses.dataclass(frozen=True, eq=False, repr=False)
class EquilibriumResult(EquilibriumSequence):
    """The equilibria a solver found, with how it found them.

    Parameters
    ----------
    game : NormalFormGame
    equilibria : tuple of Equilibrium
    method : str
        The algorithm, e.g. ``"vertex_enumeration"``.
    exact : bool
        Whether rational arithmetic was used.
    degenerate : bool
        Whether the game was found degenerate (equilibria may form continua; every extreme
        equilibrium is listed).
    complete : bool
        Whether the set is every extreme equilibrium (``False`` for methods such as
        Lemke-Howson that return some equilibria).
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
    """

    game: NormalFormGame
    equilibria: tuple[Equilibrium, ...]
    method: str
    exact: bool = False
    degenerate: bool = False
    complete: bool = True
    options: Mapping[str, Any] = dataclasses.field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "equilibria", tuple(self.equilibria))
        object.__setattr__(self, "options", dict(self.options))

    def max_regret(self) -> Any:
        """Largest regret over all returned equilibria (0 for an empty result)."""
        if not self.equilibria:
            return Fraction(0) if self.exact else 0.0
        return max(eq.max_regret() for eq in self.equilibria)

    @property
    def pure(self) -> tuple[Equilibrium, ...]:
        """The pure equilibria."""
        return tuple(eq for eq in self.equilibria if eq.is_pure)

    def to_frame(self) -> pd.DataFrame:
        """One row per equilibrium: probabilities ``player:strategy``, payoffs, purity, regret."""
        import pandas as pd

        rows = []
        for index, eq in enumerate(self.equilibria):
            row: dict[str, Any] = {"equilibrium": index}
            for i, player in enumerate(self.game.players):
                for label, p in zip(self.game.strategies[i], eq.strategies[i]):
                    row[f"{player}:{label}"] = float(p)
            for player, value in zip(self.game.players, eq.payoffs):
                row[f"payoff:{player}"] = float(value)
            row["is_pure"] = eq.is_pure
            row["outcome"] = eq.outcome
            row["max_regret"] = float(eq.max_regret())
            rows.append(row)
        columns = ["equilibrium"]
        for i, player in enumerate(self.game.players):
            columns += [f"{player}:{label}" for label in self.game.strategies[i]]
        columns += [f"payoff:{p}" for p in self.game.players]
        columns += ["is_pure", "outcome", "max_regret"]
        return pd.DataFrame(rows, columns=columns).set_index("equilibrium", drop=True).rename_axis(
            None
        )

    def __repr__(self) -> str:
        flags = [self.method, "exact" if self.exact else "float"]
        if self.degenerate:
            flags.append("degenerate")
        if not self.complete:
            flags.append("partial")
        lines = [f"EquilibriumResult({len(self)} equilibria; {', '.join(flags)})"]
        lines += [f"  {i}: {eq!r}" for i, eq in enumerate(self.equilibria)]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        """HTML for Jupyter: the payoff table with pure equilibria highlighted, then each
        equilibrium's mixtures, payoffs and regret."""
        from deterrence.games._display import result_to_html

        return result_to_html(self)


def canonical_order(equilibria: Sequence[Equilibrium]) -> tuple[Equilibrium, ...]:
    """Sort equilibria deterministically: lexicographically by decreasing probabilities.

    Every solver returns its equilibria in this order, so results of different methods
    compare directly.
    """
    def key(eq: Equilibrium) -> tuple[float, ...]:
        return tuple(-float(p) for s in eq.strategies for p in s)

    return tuple(sorted(equilibria, key=key))
