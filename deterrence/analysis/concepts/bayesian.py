r"""Equilibria under incomplete information: Bayesian Nash and perfect Bayesian concepts.

**Bayesian Nash** (``"bayesian_nash"``, what ``concept="auto"`` means for a
:class:`~deterrence.games.BayesianGame`). Harsanyi (1967-68): a Bayesian Nash equilibrium
is a Nash equilibrium of the ex-ante strategic form, whose strategies are type-contingent
plans and whose payoffs are expectations over the common prior. The concept is the Nash
concept on that form, with the equilibria named as Bayesian Nash equilibria.

**Perfect Bayesian** (``"perfect_bayesian"``, what ``concept="auto"`` means for a
:class:`~deterrence.games.SignallingGame`). A sender strategy per type, a receiver strategy
per message and beliefs: the receiver best-responds to beliefs that follow Bayes' rule on the
equilibrium path (Fudenberg and Tirole 1991). The structure at a point is the set of
equilibria by kind (pooling, separating, semi-separating) and supports; the table has one
probability column per (type, message) and per (message, action) and the posterior beliefs.

References
----------
.. [1] J. C. Harsanyi, "Games with incomplete information played by 'Bayesian' players",
   *Management Science* 14, 1967-68.
.. [2] D. Fudenberg and J. Tirole, "Perfect Bayesian equilibrium and sequential
   equilibrium", *Journal of Economic Theory* 53, 1991.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd
import sympy

from deterrence.analysis.concepts.base import Candidate, Change, SolutionConcept, Structure
from deterrence.analysis.concepts.nash import NashConcept, as_strategic_form
from deterrence.analysis.words import change_sentence
from deterrence.exceptions import InvalidGameError
from deterrence.games.bayesian import BayesianGame, SignallingGame

__all__ = ["BayesianNashConcept", "PerfectBayesianConcept"]


class BayesianNashConcept(NashConcept):
    """Bayesian Nash equilibria: Nash equilibria of the ex-ante strategic form.

    Examples
    --------
    A defender is "resolved" with probability 1/3; only the challenger is uncertain.

    >>> game = BayesianGame.from_type_games(
    ...     {"resolved": ([[0, -2], [0, 1]], [[0, 1], [0, -1]]),
    ...      "irresolute": ([[0, 2], [0, 1]], [[0, -1], [0, -1]])},
    ...     prior=["1/3", "2/3"], player_with_types="defender",
    ...     players=("defender", "challenger"),
    ...     actions=(("resist", "yield"), ("wait", "challenge")))
    >>> concept = BayesianNashConcept()
    >>> form = concept.prepare(game)
    >>> concept.labels(form, concept.structure_at(form, {}, method="auto")[0])[0]
    '(resolved:resist/irresolute:resist, wait)'
    >>> concept.title
    'Bayesian Nash equilibria'
    """

    name = "bayesian_nash"
    aliases = ("bne", "bayesian", "bayes_nash")
    singular = "Bayesian Nash equilibrium"
    plural = "Bayesian Nash equilibria"
    title = "Bayesian Nash equilibria"

    def prepare(self, game: Any) -> Any:
        if not isinstance(game, BayesianGame):
            raise InvalidGameError(
                f"Bayesian Nash equilibria need a BayesianGame, got {type(game).__name__}"
            )
        return as_strategic_form(game.to_normal_form())


class PerfectBayesianConcept(SolutionConcept):
    """Perfect Bayesian equilibria of a sender-receiver signalling game.

    The game has no parameters today, so the analysis is at one point: thresholds and
    regimes are empty or single, and :meth:`solve_points` gives every equilibrium.

    Examples
    --------
    >>> game = SignallingGame(
    ...     sender_payoffs=[[[2, 1], [1, 0]], [[2, 1], [0, -1]]],
    ...     receiver_payoffs=[[[1, 0], [1, 0]], [[0, 1], [0, 1]]],
    ...     prior=["1/2", "1/2"], types=("high", "low"),
    ...     messages=("none", "educate"), actions=("high wage", "low wage"))
    >>> concept = PerfectBayesianConcept()
    >>> sorted({label.split(":")[0] for label in concept.labels(
    ...     game, concept.structure_at(game, {}, method="auto")[0])})
    ['pooling', 'semi-separating', 'separating']
    """

    name = "perfect_bayesian"
    aliases = ("pbe", "signalling", "perfect_bayesian_equilibrium")
    singular = "perfect Bayesian equilibrium"
    plural = "perfect Bayesian equilibria"
    title = "perfect Bayesian equilibria"

    def prepare(self, game: Any) -> SignallingGame:
        if not isinstance(game, SignallingGame):
            raise InvalidGameError(
                f"perfect Bayesian equilibria need a SignallingGame, got {type(game).__name__}"
            )
        return game

    def fix(self, game: SignallingGame, values: Mapping[str, Any]) -> SignallingGame:
        if values:
            raise InvalidGameError(f"the signalling game has no parameters; got {sorted(values)}")
        return game

    def _solve(self, game: SignallingGame, tol: float) -> list[Any]:
        from deterrence.solvers.signalling import solve_signalling

        return list(solve_signalling(game, tol=tol))

    @staticmethod
    def _count(values: Mapping[str, Any]) -> int:
        if not values:
            return 1
        return len(np.atleast_1d(next(iter(values.values()))))

    def _item(self, game: SignallingGame, equilibrium: Any) -> tuple:
        sender = tuple(
            tuple(int(k) for k in np.flatnonzero(np.asarray(row, dtype=float) > 1e-9))
            for row in equilibrium.sender
        )
        receiver = tuple(
            tuple(int(k) for k in np.flatnonzero(np.asarray(row, dtype=float) > 1e-9))
            for row in equilibrium.receiver
        )
        return (equilibrium.kind, sender, receiver)

    def solve_points(
        self,
        game: SignallingGame,
        values: Mapping[str, np.ndarray],
        *,
        method: str,
        tol: float = 1e-9,
        fast: bool | None = None,
        options: Mapping[str, Any] | None = None,
    ) -> pd.DataFrame:
        count = self._count(values)
        found = self._solve(game, tol) if count else []
        sender_name, receiver_name = game.players
        rows = []
        for point in range(count):
            for rank, equilibrium in enumerate(found):
                row: dict[str, Any] = {"equilibrium": rank}
                for t, label in enumerate(game.types):
                    for m, message in enumerate(game.messages):
                        row[f"{sender_name} ({label}):{message}"] = float(equilibrium.sender[t][m])
                for m, message in enumerate(game.messages):
                    for a, action in enumerate(game.actions):
                        row[f"{receiver_name} (after {message}):{action}"] = float(
                            equilibrium.receiver[m][a]
                        )
                    for t, label in enumerate(game.types):
                        row[f"belief (after {message}):{label}"] = float(equilibrium.beliefs[m][t])
                for player, value in equilibrium.payoffs.items():
                    row[f"payoff:{player}"] = (
                        float(value)
                        if not isinstance(value, Mapping)
                        else float(sum(value.values()))
                    )
                row["is_pure"] = all(
                    len(s) == 1
                    for s in self._item(game, equilibrium)[1] + self._item(game, equilibrium)[2]
                )
                row["kind"] = equilibrium.kind
                label = self.labels(game, (self._item(game, equilibrium),))[0]
                row["profile"] = label
                row["outcome"] = label
                row["_point"] = point
                rows.append(row)
        table = pd.DataFrame(rows)
        for name in getattr(game, "parameter_names", ()):
            table[name] = np.asarray(values[name], dtype=float)[table.pop("_point")]
        if "_point" in table:
            table = table.drop(columns="_point")
        for column in ("profile", "outcome"):
            if column in table:
                table[column] = pd.Categorical(
                    table[column],
                    categories=pd.Index(list(dict.fromkeys(table[column])), dtype=object),
                )
        players: dict[str, list[str]] = {}
        for column in table.columns:
            if ":" in column and not column.startswith(("payoff:", "belief")):
                players.setdefault(column.split(":")[0], []).append(column)
        table.attrs["players"] = players
        return table

    def structure_at(
        self, game: SignallingGame, values: Mapping[str, Any], *, method: str
    ) -> list[Structure]:
        count = self._count(values)
        if not count:
            return []
        structure = tuple(sorted({self._item(game, e) for e in self._solve(game, 1e-9)}))
        return [structure] * count

    def candidates(
        self,
        game: SignallingGame,
        variable: sympy.Symbol,
        reference: Mapping[sympy.Symbol, sympy.Expr],
        domain: tuple[Any, Any],
        *,
        method: str,
    ) -> list[Candidate]:
        return []

    def labels(self, game: SignallingGame, structure: Structure) -> tuple[str, ...]:
        out = []
        for kind, sender, receiver in structure:
            says = ", ".join(
                f"{t} sends {' or '.join(game.messages[m] for m in support)}"
                for t, support in zip(game.types, sender)
            )
            does = ", ".join(
                f"after {message}: {' or '.join(game.actions[a] for a in support)}"
                for message, support in zip(game.messages, receiver)
            )
            out.append(f"{kind}: {says}; {does}")
        return tuple(out)

    def describe(
        self,
        game: SignallingGame,
        parameter: str,
        group: Sequence[tuple[Any, sympy.Expr, dict]],
        below: Structure,
        above: Structure,
        probe: float,
        reference: Mapping[sympy.Symbol, sympy.Expr],
        method: str,
    ) -> Change:
        change = change_sentence(
            self.phrases(game, below), self.phrases(game, above), self.singular, self.plural
        )
        return Change(
            (), change, self.labels(game, below), self.labels(game, above), tuple(game.players)
        )
