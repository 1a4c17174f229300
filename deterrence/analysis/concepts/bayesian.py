r"""Equilibria under incomplete information: Bayesian Nash and perfect Bayesian concepts.

**Bayesian Nash** (``"bayesian_nash"``, what ``concept="auto"`` means for a
:class:`~deterrence.games.BayesianGame`). Harsanyi (1967-68): a Bayesian Nash equilibrium
is a Nash equilibrium of the ex-ante strategic form, whose strategies are type-contingent
plans and whose payoffs are expectations over the common prior. The concept is the Nash
concept on that form, with the equilibria named as Bayesian Nash equilibria.

**Perfect Bayesian** (``"perfect_bayesian"``, what ``concept="auto"`` means for a
:class:`~deterrence.games.SignallingGame` and a
:class:`~deterrence.games.ParametricSignallingGame`). A sender strategy per type, a receiver
strategy per message and beliefs: the receiver best-responds to beliefs that follow Bayes'
rule on the equilibrium path (Fudenberg and Tirole 1991). The structure at a point is the set
of equilibria by kind (pooling on which signal, separating, semi-separating) and supports;
the table has one probability column per (type, message) and per (message, action) and the
posterior beliefs. Thresholds in a parameter (the cost of a signal, the prior) are exact
roots of the comparisons the equilibrium conditions make (:func:`signalling_comparisons`).

References
----------
.. [1] J. C. Harsanyi, "Games with incomplete information played by 'Bayesian' players",
   *Management Science* 14, 1967-68.
.. [2] D. Fudenberg and J. Tirole, "Perfect Bayesian equilibrium and sequential
   equilibrium", *Journal of Economic Theory* 53, 1991.
"""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np
import sympy

from deterrence.analysis.algebra import real_roots
from deterrence.analysis.concepts.base import Candidate, Change, SolutionConcept, Structure
from deterrence.analysis.concepts.nash import NashConcept, as_strategic_form, complete_values
from deterrence.analysis.words import change_sentence, possessive
from deterrence.exceptions import InvalidGameError
from deterrence.games.bayesian import BayesianGame, SignallingGame
from deterrence.games.parametric_signalling import ParametricSignallingGame

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["BayesianNashConcept", "PerfectBayesianConcept", "signalling_comparisons"]


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
    """Perfect Bayesian equilibria of a sender-receiver signalling game, fixed or parametric.

    A :class:`~deterrence.games.SignallingGame` is analysed as a
    :class:`~deterrence.games.ParametricSignallingGame` without parameters (one point).

    Structure
        Every equilibrium :func:`~deterrence.solvers.signalling.solve_signalling` finds at
        the point, as its kind (pooling, separating, partially pooling, semi-separating) and
        the supports of the sender's messages per type and of the receiver's answers per
        message (off the path: the answer the supporting belief gives). Labels name the
        pooled signal: ``"pooling on invest: ..."``.
    Candidates (one parameter :math:`x`)
        The roots in :math:`x` of every comparison the equilibrium conditions make
        (:func:`signalling_comparisons`): a type's payoff from one (message, answer) against
        another, the receiver's payoff difference between two answers at a degenerate
        belief and at the posterior of every set of types pooling on a message, and the
        2x2 determinants where a mixing type's indifference pins the receiver's mixture
        (or the belief that makes the receiver mix) that another type then compares. With
        two types, two messages and two answers these are every condition of every support
        pattern, so the candidates are complete; for larger games the engine also scans
        (:meth:`needs_scan`).
    Solving at points
        :meth:`deterrence.games.ParametricSignallingGame.at` (exact at rational points) and
        :func:`~deterrence.solvers.signalling.solve_signalling`, memoised per point.

    Examples
    --------
    >>> game = SignallingGame(
    ...     sender_payoffs=[[[2, 1], [1, 0]], [[2, 1], [0, -1]]],
    ...     receiver_payoffs=[[[1, 0], [1, 0]], [[0, 1], [0, 1]]],
    ...     prior=["1/2", "1/2"], types=("high", "low"),
    ...     messages=("none", "educate"), actions=("high wage", "low wage"))
    >>> concept = PerfectBayesianConcept()
    >>> form = concept.prepare(game)
    >>> sorted({label.split(":")[0] for label in concept.labels(
    ...     form, concept.structure_at(form, {}, method="auto")[0])})
    ['pooling on none', 'semi-separating (hybrid)', 'separating']

    With the cost of education as a parameter, separation needs a cost the low type will
    not pay (above 1) and the high type will (at most 2):

    >>> from deterrence.analysis import thresholds
    >>> from deterrence.games import Parameter
    >>> spence = ParametricSignallingGame(
    ...     sender_payoffs=[[[2, 0], ["2 - cost", "-cost"]],
    ...                     [[2, 0], ["2 - 2*cost", "-2*cost"]]],
    ...     receiver_payoffs=[[[1, 0], [1, 0]], [[0, 1], [0, 1]]],
    ...     prior=["1/2", "1/2"], parameters=[Parameter("cost", default="3/2", domain=(0, 3))],
    ...     types=("high", "low"), messages=("none", "educate"),
    ...     actions=("high wage", "low wage"))
    >>> [t.value for t in thresholds(spence, "cost")]
    [Fraction(1, 1), Fraction(2, 1)]
    """

    name = "perfect_bayesian"
    aliases = ("pbe", "signalling", "perfect_bayesian_equilibrium")
    singular = "perfect Bayesian equilibrium"
    plural = "perfect Bayesian equilibria"
    title = "perfect Bayesian equilibria"

    def prepare(self, game: Any) -> ParametricSignallingGame:
        if isinstance(game, SignallingGame):
            return ParametricSignallingGame.from_game(game)
        if not isinstance(game, ParametricSignallingGame):
            raise InvalidGameError(
                "perfect Bayesian equilibria need a SignallingGame or a "
                f"ParametricSignallingGame, got {type(game).__name__}"
            )
        return game

    def needs_scan(self, game: ParametricSignallingGame) -> bool:
        return (game.num_types, game.num_messages, game.num_actions) != (2, 2, 2)

    def fingerprint(self, game: ParametricSignallingGame) -> str:
        text = repr((self.name, str(game), game.players, repr(game.outcomes)))
        return hashlib.sha256(text.encode()).hexdigest()

    # ------------------------------------------------------------------ solving
    @staticmethod
    def _solve(game: ParametricSignallingGame, point: Mapping[str, Any], tol: float) -> list:
        """The equilibria at one point (memoised on the game)."""
        from deterrence.solvers.signalling import solve_signalling

        memo = game.__dict__.setdefault("_perfect_bayesian_memo", {})
        key = (tuple(sorted((k, Fraction(v)) for k, v in point.items())), tol)
        found = memo.get(key)
        if found is None:
            at = game.at(**point)
            if not all(isinstance(v, (int, Fraction)) for v in point.values()):
                at = at.to_float()  # a float point: solve with the tolerance, not exactly
            found = list(solve_signalling(at, tol=tol))
            if len(memo) > 4096:
                memo.clear()
            memo[key] = found
        return found

    def _points(
        self, game: ParametricSignallingGame, values: Mapping[str, Any]
    ) -> list[dict[str, Any]]:
        if values and not len(np.atleast_1d(next(iter(values.values())))):
            return []
        arrays, count = complete_values(game, values)
        return [
            {name: float(arrays[name][k]) for name in game.parameter_names} for k in range(count)
        ]

    @staticmethod
    def _item(equilibrium: Any) -> tuple:
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
        game: ParametricSignallingGame,
        values: Mapping[str, np.ndarray],
        *,
        method: str,
        tol: float = 1e-9,
        fast: bool | None = None,
        options: Mapping[str, Any] | None = None,
    ) -> pd.DataFrame:
        import pandas as pd

        sender_name, receiver_name = game.players
        rows = []
        for point in self._points(game, values):
            for rank, equilibrium in enumerate(self._solve(game, point, tol)):
                row: dict[str, Any] = dict(point)
                row["equilibrium"] = rank
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
                    row[f"payoff:{player}"] = float(value)
                item = self._item(equilibrium)
                row["is_pure"] = equilibrium.is_pure
                row["kind"] = equilibrium.kind
                row["profile"] = self.labels(game, (item,))[0]
                row["outcome"] = self.outcomes(game, (item,))[0]
                rows.append(row)
        table = pd.DataFrame(rows)
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
        self, game: ParametricSignallingGame, values: Mapping[str, Any], *, method: str
    ) -> list[Structure]:
        return [
            tuple(sorted({self._item(e) for e in self._solve(game, point, 1e-9)}))
            for point in self._points(game, values)
        ]

    def structure_at_exact(
        self, game: ParametricSignallingGame, point: Mapping[str, Any], *, method: str
    ) -> Structure | None:
        try:
            found = self._solve(game, dict(point), 1e-9)
        except InvalidGameError:
            return None
        if not all(e.exact for e in found):
            return None
        return tuple(sorted({self._item(e) for e in found}))

    # ------------------------------------------------------------------ candidates
    def candidates(
        self,
        game: ParametricSignallingGame,
        variable: sympy.Symbol,
        reference: Mapping[sympy.Symbol, sympy.Expr],
        domain: tuple[Any, Any],
        *,
        method: str,
    ) -> list[Candidate]:
        out: list[Candidate] = []
        seen: set[Any] = set()
        for difference, info in signalling_comparisons(game):
            if variable not in difference.free_symbols or difference in seen:
                continue
            seen.add(difference)
            for root in real_roots(difference, variable, reference):
                out.append((root, {**info, "difference": difference}))
        return out

    # ------------------------------------------------------------------ words
    def labels(self, game: Any, structure: Structure) -> tuple[str, ...]:
        from deterrence.solvers.signalling import kind_phrase

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
            out.append(f"{kind_phrase(kind, sender, game.messages)}: {says}; {does}")
        return tuple(out)

    def plays(self, game: Any, structure: Structure) -> tuple[Mapping[str, str | None], ...]:
        sender_name, receiver_name = game.players
        out = []
        for _kind, sender, receiver in structure:
            play: dict[str, str | None] = {}
            for t, support in zip(game.types, sender):
                play[f"{sender_name} ({t})"] = (
                    game.messages[support[0]] if len(support) == 1 else None
                )
            for message, support in zip(game.messages, receiver):
                play[f"{receiver_name} (after {message})"] = (
                    game.actions[support[0]] if len(support) == 1 else None
                )
            out.append(play)
        return tuple(out)

    def describe(
        self,
        game: ParametricSignallingGame,
        parameter: str,
        group: Sequence[tuple[Any, sympy.Expr, dict]],
        below: Structure,
        above: Structure,
        probe: float,
        reference: Mapping[sympy.Symbol, sympy.Expr],
        method: str,
    ) -> Change:
        clauses = []
        players = []
        symbol = game.parameter(parameter).symbol
        for _value, _expression, info in group:
            if info.get("kind") != "pure" or "clause" not in info:
                continue
            sign = info["difference"].xreplace({**reference, symbol: sympy.Float(probe)})
            if not sign.is_number or sign == 0:
                continue
            clause = info["clause"](bool(sign > 0))
            if clause not in clauses:
                clauses.append(clause)
                players.append(info["player"])
        change = change_sentence(
            self.phrases(game, below), self.phrases(game, above), self.singular, self.plural
        )
        return Change(
            tuple(clauses[:2]),
            change,
            self.labels(game, below),
            self.labels(game, above),
            tuple(dict.fromkeys(players[:2])) or tuple(game.players),
        )


def signalling_comparisons(game: ParametricSignallingGame) -> list[tuple[sympy.Expr, dict]]:
    r"""Every comparison the perfect Bayesian conditions of a signalling game make.

    Parameters
    ----------
    game : ParametricSignallingGame

    Returns
    -------
    list of (expression, info)
        ``info["kind"]`` is ``"pure"`` for a comparison of two pure payoffs (with a
        ``"clause"`` callable giving the words for either sign and the ``"player"``) and
        ``"mixed"`` for a determinant; ``info["what"]`` names the family:

        * ``"sender"``: :math:`u_S(t, m, a) - u_S(t, m', a')` for every type and pair of
          (message, answer);
        * ``"receiver"``: :math:`\sum_{t \in S} p(t) (u_R(t, m, a) - u_R(t, m, b))` for
          every message, pair of answers and non-empty set :math:`S` of types (the
          receiver at a degenerate belief, and at the posterior when the types of
          :math:`S` pool on :math:`m`);
        * ``"indifference"``: for two types, a message :math:`m` where the receiver mixes
          between :math:`a` and :math:`b`, and a pure alternative :math:`(m', x)`, the
          determinant
          :math:`\Delta_t (u_S(t', m', x) - u_S(t', m, b)) - \Delta_{t'} (u_S(t, m', x) -
          u_S(t, m, b))` with :math:`\Delta_t = u_S(t, m, a) - u_S(t, m, b)`: where the
          mixture that makes one type indifferent leaves the other indifferent too;
        * ``"double mixing"``: :math:`\Delta_t(m) \Delta_{t'}(m') - \Delta_{t'}(m)
          \Delta_t(m')` for the sender and the same for the receiver's differences: where
          mixing at two messages stops being determined.

    Examples
    --------
    >>> game = ParametricSignallingGame([[["-c", 0]], [["-2*c", 0]]],
    ...                                 [[[1, 0]], [[0, 1]]], ["1/2", "1/2"], ["c"])
    >>> sorted({str(e) for e, info in signalling_comparisons(game) if info["what"] == "sender"})
    ['-2*c', '-c']
    """
    sender_name, receiver_name = game.players
    us, ur, prior = game.sender_payoffs, game.receiver_payoffs, game.prior
    num_t, num_m, num_a = us.shape
    outcomes = [(m, a) for m in range(num_m) for a in range(num_a)]
    out: list[tuple[sympy.Expr, dict]] = []

    def sender_clause(t: int, first: tuple[int, int], second: tuple[int, int]) -> Any:
        def words(positive: bool) -> str:
            better, worse = (first, second) if positive else (second, first)
            return (
                f"the {game.types[t]} {sender_name} prefers {game.messages[better[0]]} met by "
                f"{game.actions[better[1]]} to {game.messages[worse[0]]} met by "
                f"{game.actions[worse[1]]}"
            )

        return words

    def receiver_clause(m: int, a: int, b: int, types: tuple[int, ...]) -> Any:
        who = (
            f"a {game.types[types[0]]} {sender_name}"
            if len(types) == 1
            else "the prior"
            if len(types) == num_t
            else " or ".join(game.types[t] for t in types)
        )

        def words(positive: bool) -> str:
            better, worse = (a, b) if positive else (b, a)
            return (
                f"{possessive(receiver_name)} best answer to {game.messages[m]} from {who} is "
                f"{game.actions[better]} (rather than {game.actions[worse]})"
            )

        return words

    for t in range(num_t):
        for first, second in itertools.combinations(outcomes, 2):
            out.append(
                (
                    sympy.expand(us[(t,) + first] - us[(t,) + second]),
                    {
                        "kind": "pure",
                        "what": "sender",
                        "player": sender_name,
                        "clause": sender_clause(t, first, second),
                    },
                )
            )
    subsets = [c for r in range(1, num_t + 1) for c in itertools.combinations(range(num_t), r)]
    for m in range(num_m):
        for a, b in itertools.combinations(range(num_a), 2):
            for types in subsets:
                weights = [prior[t] if len(types) > 1 else 1 for t in types]
                difference = sum(w * (ur[t, m, a] - ur[t, m, b]) for w, t in zip(weights, types))
                out.append(
                    (
                        sympy.expand(difference),
                        {
                            "kind": "pure",
                            "what": "receiver",
                            "player": receiver_name,
                            "clause": receiver_clause(m, a, b, types),
                        },
                    )
                )
    for t, u in itertools.combinations(range(num_t), 2):
        for m in range(num_m):
            for a, b in itertools.combinations(range(num_a), 2):
                delta_t = us[t, m, a] - us[t, m, b]
                delta_u = us[u, m, a] - us[u, m, b]
                for other, x in outcomes:
                    if other == m:
                        continue
                    determinant = delta_t * (us[u, other, x] - us[u, m, b]) - delta_u * (
                        us[t, other, x] - us[t, m, b]
                    )
                    out.append(
                        (sympy.expand(determinant), {"kind": "mixed", "what": "indifference"})
                    )
        for m, other in itertools.combinations(range(num_m), 2):
            for a, b in itertools.combinations(range(num_a), 2):
                for payoffs in (us, ur):
                    determinant = (payoffs[t, m, a] - payoffs[t, m, b]) * (
                        payoffs[u, other, a] - payoffs[u, other, b]
                    ) - (payoffs[u, m, a] - payoffs[u, m, b]) * (
                        payoffs[t, other, a] - payoffs[t, other, b]
                    )
                    out.append(
                        (sympy.expand(determinant), {"kind": "mixed", "what": "double mixing"})
                    )
    return out
