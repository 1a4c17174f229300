r"""Subgame-perfect equilibria of extensive-form games.

A behaviour-strategy profile is a *subgame-perfect equilibrium* (SPE) when it induces a Nash
equilibrium in every subgame (Selten 1965, 1975). Subgame perfection is what makes a threat
*credible*: an SPE never relies on a move its player would not make once the node is reached.

Perfect information
    Backward induction (Zermelo 1913; Kuhn 1953): a node's value is the value of a child that
    is best for its mover (chance nodes average their children). When a mover is indifferent
    the solver *enumerates* every tied choice instead of breaking the tie, so the number of
    pure SPE can multiply; :func:`iter_subgame_perfect` yields them lazily and
    ``max_equilibria`` caps the list. The pass runs level by level over breadth-first arrays
    with vectorised numpy reductions (no recursion), so a million-node tree takes seconds.
    Ties that change *other* players' payoffs are followed exactly through an enumeration
    restricted to the affected nodes.

Imperfect information
    The tree is cut at its proper subgames; each is solved, deepest first, as the reduced
    strategic form of what lies above the already-solved subgames, with
    :func:`deterrence.solvers.api.solve` (two active players: every extreme equilibrium,
    mixed included; more: pure equilibria). Each equilibrium is converted to behaviour
    strategies (Kuhn 1953, perfect recall) and backed up, combining every equilibrium of every
    subgame.

References
----------
.. [1] R. Selten, "Spieltheoretische Behandlung eines Oligopolmodells mit
   Nachfrageträgheit", *Zeitschrift für die gesamte Staatswissenschaft* 121, 1965.
.. [2] H. W. Kuhn, "Extensive games and the problem of information", 1953.
.. [3] M. J. Osborne and A. Rubinstein, *A Course in Game Theory*, 1994, Prop. 99.2
   (Kuhn's theorem: backward induction finds the SPE of finite perfect-information games).
"""

from __future__ import annotations

import dataclasses
import gc
import itertools
import sys
import warnings
from collections.abc import Iterator, Mapping, Sequence
from fractions import Fraction
from functools import cached_property
from typing import TYPE_CHECKING, Any

import numpy as np

from deterrence.exceptions import (
    DegenerateGameWarning,
    InvalidGameError,
    SolverError,
    UnsupportedGameError,
)
from deterrence.games._numbers import format_number
from deterrence.games.extensive import (
    CHANCE,
    DECISION,
    TERMINAL,
    Chance,
    Decision,
    ExtensiveFormGame,
    Terminal,
    levels_from_parents,
)
from deterrence.games.normal_form import NormalFormGame
from deterrence.solvers.result import EquilibriumResult

if TYPE_CHECKING:
    import pandas as pd

    from deterrence.solvers.result import Equilibrium

__all__ = [
    "SubgamePerfectEquilibrium",
    "SubgamePerfectResult",
    "solve_subgame_perfect",
    "iter_subgame_perfect",
    "backward_induction_values",
]


# ---------------------------------------------------------------------- results
@dataclasses.dataclass(frozen=True, eq=False, repr=False)
class SubgamePerfectEquilibrium:
    """One subgame-perfect equilibrium: a behaviour strategy at every information set.

    Parameters
    ----------
    game : ExtensiveFormGame
    choices : numpy.ndarray
        Action index chosen at each information set (``-1`` where the player mixes).
    mixed : mapping
        ``{information set index: probability vector}`` where the player mixes.

    Examples
    --------
    >>> from deterrence.games.extensive import ExtensiveFormGame, decision, terminal
    >>> game = ExtensiveFormGame(decision("entrant", {
    ...     "out": terminal(1, 5),
    ...     "in": decision("incumbent", {"fight": terminal(0, 0), "accommodate": terminal(2, 2)})}),
    ...     ("entrant", "incumbent"))
    >>> spe = solve_subgame_perfect(game)[0]
    >>> spe.path
    'entrant: in, incumbent: accommodate'
    >>> spe.plans
    {'entrant': {'root': 'in'}, 'incumbent': {'in': 'accommodate'}}
    >>> spe.payoffs, spe.max_regret()
    ((Fraction(2, 1), Fraction(2, 1)), Fraction(0, 1))
    >>> spe.outcome == spe.path, spe.as_dict() == spe.plans
    (True, True)
    """

    game: ExtensiveFormGame
    choices: Any
    mixed: Mapping[int, tuple[Any, ...]] = dataclasses.field(default_factory=dict)

    def __post_init__(self) -> None:
        choices = np.asarray(self.choices, dtype=np.int64)
        choices.setflags(write=False)
        object.__setattr__(self, "choices", choices)
        object.__setattr__(self, "mixed", {int(k): tuple(v) for k, v in self.mixed.items()})

    @property
    def is_pure(self) -> bool:
        """Whether no player mixes."""
        return not self.mixed

    @property
    def exact(self) -> bool:
        """Whether payoffs and probabilities are exact rationals."""
        return self.game.is_exact

    @property
    def outcome(self) -> str:
        """The equilibrium path in words (see :attr:`path`)."""
        return self.path

    @property
    def labelled_payoffs(self) -> dict[str, Any]:
        """``{player: expected payoff}``."""
        return dict(zip(self.game.players, self.payoffs))

    def as_dict(self) -> dict[str, dict[str, Any]]:
        """The behaviour plan of every player (see :attr:`plans`)."""
        return self.plans

    def behaviour(self, infoset: int) -> tuple[Any, ...]:
        """Probability of each action at information set ``infoset`` (index).

        Examples
        --------
        >>> from deterrence.games.extensive import ExtensiveFormGame, decision, terminal
        >>> game = ExtensiveFormGame(decision("a", {"x": terminal(0), "y": terminal(1)}), ("a",))
        >>> solve_subgame_perfect(game)[0].behaviour(0)
        (Fraction(0, 1), Fraction(1, 1))
        """
        if infoset in self.mixed:
            return self.mixed[infoset]
        actions = self.game._tree.infoset_actions[infoset]
        one, zero = (Fraction(1), Fraction(0)) if self.exact else (1.0, 0.0)
        return tuple(one if a == self.choices[infoset] else zero for a in range(len(actions)))

    def action(self, where: Any) -> str | dict[str, Any]:
        """The action at a decision node (path, name or index): a label, or a mixture dict.

        Examples
        --------
        >>> from deterrence.games.extensive import ExtensiveFormGame, decision, terminal
        >>> game = ExtensiveFormGame(decision("a", {"x": decision("b", {
        ...     "l": terminal(1, 0), "r": terminal(0, 1)})}), ("a", "b"))
        >>> solve_subgame_perfect(game)[0].action(("x",))
        'r'
        """
        tree = self.game._tree
        node = self.game.node(where)
        if tree.kind[node] != DECISION:
            raise InvalidGameError(f"node {self.game.history(node)!r} is not a decision node")
        k = int(tree.infoset[node])
        return self._describe(k)

    def _describe(self, k: int) -> str | dict[str, Any]:
        actions = self.game._tree.infoset_actions[k]
        if k in self.mixed:
            return {a: p for a, p in zip(actions, self.mixed[k])}
        return actions[int(self.choices[k])]

    @cached_property
    def plans(self) -> dict[str, dict[str, Any]]:
        """``{player: {information set: action or {action: probability}}}``.

        Unnamed information sets are labelled by the history leading to them (``"root"``
        for the first move).
        """
        tree = self.game._tree
        out: dict[str, dict[str, Any]] = {p: {} for p in self.game.players}
        for k in range(len(tree.infoset_player)):
            player = self.game.players[int(tree.infoset_player[k])]
            out[player][self.game.infoset_label(k)] = self._describe(k)
        return out

    @cached_property
    def _reached(self) -> dict[int, Any]:
        """``{node: probability}`` for every node reached with positive probability.

        Walks forward from the root along the equilibrium's support only, so a pure
        equilibrium of a huge tree visits just its path (and the chance branches on it).
        """
        tree = self.game._tree
        exact = self.exact
        probability = tree.probability if exact else tree.float_probability
        assert probability is not None  # only symbolic trees lack it; _check rejects them
        out: dict[int, Any] = {0: Fraction(1) if exact else 1.0}
        frontier = [0]
        while frontier:
            following = []
            for v in frontier:
                kind = tree.kind[v]
                if kind == TERMINAL:
                    continue
                first = int(tree.first_child[v])
                if kind == CHANCE:
                    weights = [
                        (first + k, probability[first + k])
                        for k in range(int(tree.num_children[v]))
                    ]
                else:
                    k = int(tree.infoset[v])
                    if k in self.mixed:
                        weights = [(first + a, p) for a, p in enumerate(self.mixed[k])]
                    else:
                        weights = [(first + int(self.choices[k]), 1)]
                for c, p in weights:
                    if p != 0:
                        out[c] = out[v] * p
                        following.append(c)
            frontier = following
        return out

    def reach_probability(self, where: Any) -> Any:
        """Probability that play reaches a node (path, name or index)."""
        node = self.game.node(where)
        return self._reached.get(node, Fraction(0) if self.exact else 0.0)

    @cached_property
    def payoffs(self) -> tuple[Any, ...]:
        """Expected payoff of each player."""
        tree = self.game._tree
        payoffs = tree.payoffs if self.exact else tree.float_payoffs
        assert payoffs is not None  # only symbolic trees lack it; _check rejects them
        total: list[Any] = [Fraction(0) if self.exact else 0.0] * self.game.num_players
        for node, p in self._reached.items():
            if tree.kind[node] == TERMINAL:
                row = payoffs[tree.terminal_index[node]]
                for j in range(len(total)):
                    total[j] = total[j] + p * row[j]
        if self.exact:
            return tuple(Fraction(v) for v in total)
        return tuple(float(v) for v in total)

    @cached_property
    def outcomes(self) -> tuple[tuple[Any, tuple[tuple[str, str], ...]], ...]:
        """Terminal outcomes reached with positive probability: ``(probability, steps)``.

        Each step is ``(mover, action)``, with ``"chance"`` as the mover of chance moves.
        """
        tree = self.game._tree
        terminals = sorted(v for v in self._reached if tree.kind[v] == TERMINAL)
        out = []
        for t in terminals:
            steps = []
            node = t
            while node > 0:
                at = int(tree.parent[node])
                mover = (
                    "chance" if tree.kind[at] == CHANCE else self.game.players[int(tree.mover[at])]
                )
                steps.append((mover, self.game._edge_label(node)))
                node = at
            out.append((self._reached[t], tuple(reversed(steps))))
        return tuple(out)

    @property
    def path(self) -> str:
        """The equilibrium path in words, e.g. ``"coercer: coerce, coalition: share"``.

        With chance moves or mixing, every terminal path reached is listed with its
        probability, separated by ``" | "``.
        """
        outcomes = self.outcomes

        def words(steps: tuple[tuple[str, str], ...]) -> str:
            return ", ".join(f"{who}: {what}" for who, what in steps) or "(no moves)"

        if len(outcomes) == 1:
            return words(outcomes[0][1])
        shown = [f"{format_number(p, 3)}: {words(s)}" for p, s in outcomes[:20]]
        if len(outcomes) > 20:
            shown.append(f"... ({len(outcomes) - 20} more)")
        return " | ".join(shown)

    def to_equilibrium(self) -> Equilibrium:
        """The realisation-equivalent mixed profile of the reduced strategic form.

        Each reduced plan gets the product of the behaviour probabilities of its actions
        (Kuhn 1953).

        Examples
        --------
        >>> from deterrence.games.extensive import ExtensiveFormGame, decision, terminal
        >>> game = ExtensiveFormGame(decision("a", {"x": terminal(0), "y": terminal(1)}), ("a",))
        >>> solve_subgame_perfect(game)[0].to_equilibrium().outcome
        '(y)'
        """
        from deterrence.solvers.result import Equilibrium

        normal = self.game.to_normal_form()
        assert isinstance(normal, NormalFormGame)  # solved games are numeric, not parametric
        profile = []
        for player in range(self.game.num_players):
            vector = []
            for plan, _ in self.game._plans[player]:
                p: Any = Fraction(1) if self.exact else 1.0
                for k, a in plan.items():
                    p = p * self.behaviour(k)[a]
                vector.append(p)
            profile.append(vector)
        return Equilibrium(normal, profile)

    @cached_property
    def node_values(self) -> np.ndarray:
        """Expected payoffs of play from every node on under this profile, shape
        ``(num_nodes, num_players)`` (exact ``Fraction`` entries for exact games).

        Examples
        --------
        >>> from deterrence.games.extensive import ExtensiveFormGame, decision, terminal
        >>> game = ExtensiveFormGame(decision("a", {"x": terminal(0), "y": terminal(1)}), ("a",))
        >>> solve_subgame_perfect(game)[0].node_values.tolist()
        [[Fraction(1, 1)], [Fraction(0, 1)], [Fraction(1, 1)]]
        """
        tree = self.game._tree
        exact = self.exact
        payoffs = tree.payoffs if exact else tree.float_payoffs
        probability = tree.probability if exact else tree.float_probability
        assert payoffs is not None and probability is not None  # _check rejects symbolic trees
        values = np.empty(
            (self.game.num_nodes, self.game.num_players), dtype=object if exact else float
        )
        terminals = np.flatnonzero(tree.kind == TERMINAL)
        values[terminals] = payoffs[tree.terminal_index[terminals]]
        # the child a pure choice leads to (-1 at chance nodes and where the player mixes)
        pure_child = np.full(self.game.num_nodes, -1, dtype=np.int64)
        decisions = np.flatnonzero(tree.kind == DECISION)
        chosen = self.choices[tree.infoset[decisions]]
        pure = chosen >= 0
        pure_child[decisions[pure]] = tree.first_child[decisions[pure]] + chosen[pure]
        for start, stop in reversed(levels_from_parents(tree.parent)):  # deepest level first
            level = np.arange(start, stop)
            gather = level[pure_child[level] >= 0]
            values[gather] = values[pure_child[gather]]
            for v in level[(pure_child[level] < 0) & (tree.kind[level] != TERMINAL)].tolist():
                first = int(tree.first_child[v])
                weights = (
                    probability[first : first + int(tree.num_children[v])]
                    if tree.kind[v] == CHANCE
                    else self.behaviour(int(tree.infoset[v]))
                )
                values[v] = sum(w * values[first + a] for a, w in enumerate(weights) if w != 0)
        values.setflags(write=False)
        return values

    def _reach_within_subgames(self) -> np.ndarray:
        """Probability of reaching each node from the root of the smallest subgame holding it."""
        tree = self.game._tree
        exact = self.exact
        one: Any = Fraction(1) if exact else 1.0
        probability = tree.probability if exact else tree.float_probability
        assert probability is not None  # _check rejects symbolic trees
        roots = set(self.game.subgame_roots())
        reach = np.empty(self.game.num_nodes, dtype=object if exact else float)
        for v in range(self.game.num_nodes):  # parents come first
            if v in roots or v == 0:
                reach[v] = one
                continue
            at = int(tree.parent[v])
            a = v - int(tree.first_child[at])
            weight = (
                probability[v]
                if tree.kind[at] == CHANCE
                else self.behaviour(int(tree.infoset[at]))[a]
            )
            reach[v] = reach[at] * weight
        return reach

    def max_regret(self) -> Any:
        """The largest gain of a one-shot deviation in any subgame: 0 for a subgame-perfect
        equilibrium (exactly 0 in exact mode).

        For every information set, the mover switches to one action there (and follows the
        profile afterwards); the gain is weighted by the probability of reaching each node
        of the set from the root of its subgame. In a perfect-information game every node
        roots a subgame, so this checks every node, reached or not: by the one-shot
        deviation principle all gains are zero exactly when the profile is subgame perfect.
        With imperfect information the largest :meth:`nash_regret` is counted too.
        """
        tree = self.game._tree
        values = self.node_values
        worst: Any = Fraction(0) if self.exact else 0.0
        if self.game.is_perfect_information:
            # the mover's best child value at every internal node: children of successive
            # internal nodes are successive blocks of nodes 1, 2, ... (breadth-first order)
            internal = np.flatnonzero(tree.kind != TERMINAL)
            children = np.arange(1, self.game.num_nodes)
            movers = tree.mover[tree.parent[children]]
            best = np.maximum.reduceat(
                values[children, np.maximum(movers, 0)], tree.first_child[internal] - 1
            )
            decisions = tree.kind[internal] == DECISION
            nodes = internal[decisions]
            gains = best[decisions] - values[nodes, tree.mover[nodes]]
            worst = max(worst, gains.max()) if len(gains) else worst
            return worst if self.exact else float(worst)
        reach = self._reach_within_subgames()
        members: dict[int, list[int]] = {}
        for v in np.flatnonzero(tree.kind == DECISION).tolist():
            members.setdefault(int(tree.infoset[v]), []).append(v)
        for k, nodes in members.items():
            mover = int(tree.infoset_player[k])
            for a in range(len(tree.infoset_actions[k])):
                gain = sum(
                    (
                        reach[v] * (values[int(tree.first_child[v]) + a, mover] - values[v, mover])
                        for v in nodes
                        if reach[v] != 0
                    ),
                    0 * worst,
                )
                worst = max(worst, gain)
        worst = max(worst, self.nash_regret())
        return worst if self.exact else float(worst)

    def nash_regret(self) -> Any:
        """Largest regret in the reduced strategic form: 0 for a Nash equilibrium (which
        may rest on threats that are not credible)."""
        return self.to_equilibrium().max_regret()

    def is_nash(self, *, tol: float = 1e-9) -> bool:
        """Whether the profile is a Nash equilibrium of the reduced strategic form."""
        regret = self.nash_regret()
        return regret == 0 if self.exact else float(regret) <= tol

    def __repr__(self) -> str:
        values = ", ".join(format_number(v) for v in self.payoffs)
        return f"SubgamePerfectEquilibrium({self.path}; payoffs ({values}))"


@dataclasses.dataclass(frozen=True, eq=False, repr=False)
class SubgamePerfectResult(EquilibriumResult):
    """The subgame-perfect equilibria found, with how they were found.

    An :class:`~deterrence.solvers.result.EquilibriumResult` of
    :class:`SubgamePerfectEquilibrium` objects; ``method`` is ``"backward_induction"`` or
    ``"subgame_decomposition"``; ``complete`` is False when ``max_equilibria`` cut the list
    short (or, with three or more active players in a subgame, when only pure equilibria
    were sought). Adds:

    Attributes
    ----------
    count : int or None
        Total number of pure SPE when known (perfect information), even if capped.

    Examples
    --------
    >>> from deterrence.games.extensive import ExtensiveFormGame, decision, terminal
    >>> game = ExtensiveFormGame(decision("a", {"x": terminal(1), "y": terminal(1)}), ("a",))
    >>> result = solve_subgame_perfect(game)
    >>> len(result), result.count, [e.path for e in result]
    (2, 2, ['a: x', 'a: y'])
    """

    # the field shadows ``Sequence.count``; kept for the public API
    count: int | None = None  # type: ignore[assignment]

    @property
    def paths(self) -> tuple[str, ...]:
        """The equilibrium path of each SPE."""
        return tuple(e.path for e in self.equilibria)

    def to_frame(self) -> pd.DataFrame:
        """One row per SPE: path, payoffs and purity.

        Examples
        --------
        >>> from deterrence.games.extensive import ExtensiveFormGame, decision, terminal
        >>> game = ExtensiveFormGame(decision("a", {"x": terminal(1), "y": terminal(0)}), ("a",))
        >>> solve_subgame_perfect(game).to_frame()
           path  payoff:a  is_pure
        0  a: x       1.0     True
        """
        import pandas as pd

        rows = []
        for e in self.equilibria:
            row: dict[str, Any] = {"path": e.path}
            for player, value in zip(self.game.players, e.payoffs):
                row[f"payoff:{player}"] = float(value)
            row["is_pure"] = e.is_pure
            rows.append(row)
        columns = ["path", *(f"payoff:{p}" for p in self.game.players), "is_pure"]
        return pd.DataFrame(rows, columns=columns)


# ---------------------------------------------------------------------- backward induction
class _Induction:
    """Vectorised backward-induction pass (see :func:`backward_induction_values`)."""

    #: Levels with at most this many nodes are processed node by node.
    SCALAR_LEVEL = 8

    def __init__(self, game: ExtensiveFormGame, *, tol: float) -> None:
        tree = game._tree
        self.game = game
        self.tol = tol
        n = game.num_nodes
        exact = game.is_exact
        payoffs = tree.payoffs if exact else tree.float_payoffs
        assert payoffs is not None  # only symbolic trees lack it; _check rejects them
        probability = tree.probability if exact else tree.float_probability
        assert probability is not None  # only symbolic trees lack it; _check rejects them
        integer = tree.__dict__.get("integer_payoffs")
        if integer is not None:
            payoffs = integer
        elif exact and not game.has_chance:
            # integral exact payoffs run in int64 (exactly) when they fit
            flat = payoffs.reshape(-1)
            if all(v.denominator == 1 for v in flat) and (
                not len(flat) or max(abs(v.numerator) for v in flat) < 2**62
            ):
                payoffs = np.array([int(v) for v in flat], dtype=np.int64).reshape(payoffs.shape)
        dtype = payoffs.dtype
        self.values = values = np.zeros((n, game.num_players), dtype=dtype)
        terminals = np.flatnonzero(tree.kind == TERMINAL)
        values[terminals] = payoffs[tree.terminal_index[terminals]]
        self.ambiguous = ambiguous = np.zeros(n, dtype=bool)
        self.optimal = optimal = np.zeros(n, dtype=bool)
        self.first = first = np.full(n, -1, dtype=np.int64)
        slack = 0 if dtype != np.float64 else tol
        levels = levels_from_parents(tree.parent)
        for level in range(len(levels) - 2, -1, -1):
            start, stop = levels[level]
            cs, ce = levels[level + 1]
            if stop - start <= self.SCALAR_LEVEL:
                # narrow level (deep, thin trees): plain Python beats numpy's call overhead
                self._scalar_level(range(start, stop), probability, slack)
                continue
            kind = tree.kind[start:stop]
            nodes = np.flatnonzero(kind != TERMINAL) + start
            offsets = tree.first_child[nodes] - cs
            counts = tree.num_children[nodes]
            segment = np.repeat(np.arange(len(nodes)), counts)
            child_values = values[cs:ce]
            movers = tree.mover[nodes]
            is_decision = movers >= 0
            mover_of_child = np.repeat(np.where(is_decision, movers, 0), counts)
            own = child_values[np.arange(ce - cs), mover_of_child]
            best = np.maximum.reduceat(own, offsets)
            is_best = own >= best[segment] - slack if slack else own == best[segment]
            is_best &= np.repeat(is_decision, counts)
            optimal[cs:ce] = is_best
            position = np.where(is_best, np.arange(cs, ce), n)
            first_best = np.minimum.reduceat(position, offsets)
            first_best = np.where(is_decision, first_best, -1)
            first[nodes] = first_best
            chosen = values[np.where(is_decision, first_best, nodes)]
            # ties that change someone's payoff make the node's value ambiguous
            reference = values[np.repeat(np.where(is_decision, first_best, 0), counts)]
            if slack:
                differs = np.abs(child_values - reference).max(axis=1) > slack
            else:
                differs = (child_values != reference).any(axis=1)
            bad = np.logical_or.reduceat(differs & is_best, offsets)
            bad |= np.logical_or.reduceat(ambiguous[cs:ce], offsets)
            ambiguous[nodes] = bad
            if (~is_decision).any():
                weights = probability[cs:ce]
                if dtype == np.int64:  # no chance nodes in int mode
                    weights = weights.astype(np.int64)
                averaged = np.add.reduceat(
                    child_values * weights[:, None].astype(child_values.dtype), offsets
                )
                chosen = np.where(is_decision[:, None], chosen, averaged)
            values[nodes] = chosen
        self.exact = dtype != np.float64

    def _scalar_level(self, nodes: range, probability: np.ndarray, slack: float) -> None:
        """The same computation as the vectorised pass, node by node."""
        tree = self.game._tree
        values, optimal, ambiguous = self.values, self.optimal, self.ambiguous
        for v in nodes:
            kind = tree.kind[v]
            if kind == TERMINAL:
                continue
            f = int(tree.first_child[v])
            c = int(tree.num_children[v])
            if kind == CHANCE:
                weights = probability[f : f + c]
                if values.dtype == np.int64:  # pragma: no cover - int mode has no chance
                    weights = weights.astype(np.int64)
                values[v] = (weights[:, None].astype(values.dtype) * values[f : f + c]).sum(axis=0)
                ambiguous[v] = bool(ambiguous[f : f + c].any())
                self.first[v] = -1
                continue
            mover = int(tree.mover[v])
            own = [values[k, mover] for k in range(f, f + c)]
            best = max(own)
            chosen = [bool(o >= best - slack) if slack else bool(o == best) for o in own]
            optimal[f : f + c] = chosen
            first_best = f + chosen.index(True)
            self.first[v] = first_best
            reference = values[first_best]
            unclear = bool(ambiguous[f : f + c].any())
            if not unclear:
                for k, is_best in zip(range(f, f + c), chosen):
                    if is_best and k != first_best:
                        gap = values[k] - reference
                        if (np.abs(gap).max() > slack) if slack else bool((gap != 0).any()):
                            unclear = True
                            break
            ambiguous[v] = unclear
            values[v] = reference

    # -- enumeration of ambiguous nodes (only where ties change other payoffs)
    def outcomes(self, node: int) -> Iterator[tuple[tuple[Any, ...], dict[int, int]]]:
        """Lazily yield (value tuple, {decision node: child index}) for an ambiguous node."""
        tree = self.game._tree
        first_child = int(tree.first_child[node])
        children = list(range(first_child, first_child + int(tree.num_children[node])))
        factories = []
        for c in children:
            if self.ambiguous[c]:
                factories.append(lambda c=c: self.outcomes(c))
            else:
                factories.append(lambda c=c: iter([(tuple(self.values[c]), {})]))
        mover = int(tree.mover[node])
        exact = self.exact
        probability = tree.probability if exact else tree.float_probability
        assert probability is not None  # only symbolic trees lack it; _check rejects them
        for combo in _lazy_product(factories):
            merged: dict[int, int] = {}
            for _, assignment in combo:
                merged.update(assignment)
            if mover < 0:
                value = tuple(
                    sum(probability[c] * v[j] for c, (v, _) in zip(children, combo))
                    for j in range(self.game.num_players)
                )
                yield value, merged
                continue
            best = max(v[mover] for v, _ in combo)
            for k, (v, _) in enumerate(combo):
                if (v[mover] == best) if exact else (v[mover] >= best - self.tol):
                    yield v, {**merged, node: k}


def _lazy_product(factories: Sequence[Any], prefix: tuple[Any, ...] = ()) -> Iterator[Any]:
    """Cartesian product of re-creatable iterators, without materialising any of them."""
    if not factories:
        yield prefix
        return
    for item in factories[0]():
        yield from _lazy_product(factories[1:], (*prefix, item))


def backward_induction_values(game: ExtensiveFormGame, *, tol: float = 1e-9) -> np.ndarray:
    """The backward-induction value of every node of a perfect-information tree.

    Returns
    -------
    numpy.ndarray
        Shape ``(num_nodes, num_players)``: the SPE payoffs of the subgame at each node, in
        breadth-first node order. Where ties leave the value ambiguous, the value follows the
        first optimal action.

    Examples
    --------
    >>> from deterrence.games.extensive import ExtensiveFormGame, decision, terminal
    >>> game = ExtensiveFormGame(decision("a", {"x": terminal(3, 1), "y": terminal(2, 2)}),
    ...                          ("a", "b"))
    >>> backward_induction_values(game)[0].tolist()
    [Fraction(3, 1), Fraction(1, 1)]
    """
    _check(game)
    if not game.is_perfect_information:
        raise UnsupportedGameError(
            "backward_induction_values needs perfect information; use solve_subgame_perfect"
        )
    values = _Induction(game, tol=tol).values
    if values.dtype == np.int64:
        return np.vectorize(Fraction, otypes=[object])(values)
    return values


def _check(game: Any) -> None:
    if not isinstance(game, ExtensiveFormGame):
        raise InvalidGameError(f"expected an ExtensiveFormGame, got {type(game).__name__}")
    if game.is_parametric:
        raise UnsupportedGameError(
            f"the tree has parameters {list(game.parameter_names)}; fix them first with "
            "game.at(...)"
        )


def _iter_perfect_information(
    game: ExtensiveFormGame, tol: float
) -> tuple[int | None, Iterator[SubgamePerfectEquilibrium]]:
    tree = game._tree
    induction = _Induction(game, tol=tol)
    decisions = np.flatnonzero(tree.kind == DECISION)
    base = np.zeros(len(tree.infoset_player), dtype=np.int64)
    first = induction.first[decisions]
    base[tree.infoset[decisions]] = np.where(first >= 0, first - tree.first_child[decisions], 0)
    # unambiguous decision nodes with several (payoff-identical) optimal children
    counts = np.zeros(game.num_nodes, dtype=np.int64)
    np.add.at(counts, tree.parent[1:], induction.optimal[1:].astype(np.int64))
    ties = [int(v) for v in decisions if counts[v] > 1 and not induction.ambiguous[v]]
    ambiguous = bool(induction.ambiguous[0])
    tie_options = []
    for v in ties:
        start = int(tree.first_child[v])
        tie_options.append(
            [
                c - start
                for c in range(start, start + int(tree.num_children[v]))
                if induction.optimal[c]
            ]
        )
    total: int | None = None
    if not ambiguous:
        total = 1
        for options in tie_options:
            total *= len(options)

    def generate() -> Iterator[SubgamePerfectEquilibrium]:
        root_outcomes = (
            induction.outcomes(0) if ambiguous else iter([(tuple(induction.values[0]), {})])
        )
        try:
            for _value, assignment in root_outcomes:
                choices = base.copy()
                for node, k in assignment.items():
                    choices[tree.infoset[node]] = k
                for combo in itertools.product(*tie_options):
                    current = choices
                    if combo:
                        current = choices.copy()
                        current[tree.infoset[ties]] = combo
                    yield SubgamePerfectEquilibrium(game, current)
        except RecursionError:  # the tie enumeration recurses once per nested tie
            raise SolverError(
                "payoff ties that change other players' payoffs are nested along a path "
                "more deeply than the enumeration of tied choices can follow (Python's "
                f"recursion limit, {sys.getrecursionlimit()}); break the ties, or solve "
                "the subtrees separately (trees without such ties are solved at any depth)"
            ) from None

    return total, generate()


# ---------------------------------------------------------------------- subgames
def _solve_normal_form(normal: Any, exact: bool, tol: float) -> tuple[list[Any], bool]:
    """Equilibria (as profiles) of a reduced strategic form; drops players without choices."""
    from deterrence.solvers.api import solve

    active = [i for i, k in enumerate(normal.num_strategies) if k > 1]
    complete = True
    if not active:
        profiles = [[[1] for _ in normal.num_strategies]]
        return profiles, True
    index = tuple(slice(None) if i in active else 0 for i in range(normal.num_players))
    payoffs = np.stack([normal.payoffs[i][index] for i in active])
    small = NormalFormGame(
        payoffs,
        players=[normal.players[i] for i in active],
        strategies=[normal.strategies[i] for i in active],
    )
    if len(active) == 1:
        # one active player: every optimal plan (the extreme optima) is an equilibrium
        method = "pure"
    elif len(active) == 2:
        method = "auto"
    else:
        method = "pure"
        complete = False
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DegenerateGameWarning)
        result = solve(small, method, exact=exact, tol=tol)
    profiles = []
    for eq in result:
        full: list[Any] = []
        for i in range(normal.num_players):
            if i in active:
                full.append(list(eq.strategies[active.index(i)]))
            else:
                full.append([Fraction(1) if exact else 1.0])
        profiles.append(full)
    return profiles, complete


def _build_region(game: ExtensiveFormGame, root: int, cut: Mapping[int, tuple[Any, ...]]) -> Any:
    """Node objects for the subtree at ``root`` with ``cut`` nodes replaced by terminals."""
    tree = game._tree

    def build(node: int) -> Any:
        if node in cut:
            return Terminal(tuple(cut[node]))
        kind = tree.kind[node]
        if kind == TERMINAL:
            return Terminal(tuple(tree.payoffs[tree.terminal_index[node]]))
        start = int(tree.first_child[node])
        children = range(start, start + int(tree.num_children[node]))
        if kind == CHANCE:
            return Chance(
                tuple((game._edge_label(c), tree.probability[c], build(c)) for c in children)
            )
        k = int(tree.infoset[node])
        return Decision(
            game.players[int(tree.mover[node])],
            tuple((game._edge_label(c), build(c)) for c in children),
            f"#{k}",
        )

    return build(root)


def _iter_decomposition(
    game: ExtensiveFormGame, tol: float, flags: dict[str, bool]
) -> Iterator[SubgamePerfectEquilibrium]:
    if not game.has_perfect_recall:
        raise UnsupportedGameError(
            "solve_subgame_perfect needs perfect recall for games with information sets"
        )
    tree = game._tree
    exact = game.is_exact
    roots = game.subgame_roots()
    root_set = set(roots)
    # nearest subgame-root ancestor of each subgame root
    nested: dict[int, list[int]] = {r: [] for r in roots}
    for r in roots:
        cursor = int(tree.parent[r]) if r else -1
        while cursor >= 0 and cursor not in root_set:
            cursor = int(tree.parent[cursor])
        if cursor >= 0:
            nested[cursor].append(r)
    solutions: dict[int, list[tuple[tuple[Any, ...], dict[int, tuple[Any, ...]]]]] = {}
    for r in sorted(roots, reverse=True):
        children = nested[r]
        found = []
        for combo in itertools.product(*(solutions[c] for c in children)):
            cut = {c: value for c, (value, _) in zip(children, combo)}
            region = _build_region(game, r, cut)
            sub = ExtensiveFormGame(region, game.players)
            normal = sub.to_normal_form()
            assert isinstance(normal, NormalFormGame)  # _check rejects parametric trees
            profiles, complete = _solve_normal_form(normal, exact, tol)
            flags["complete"] &= complete
            for profile in profiles:
                behaviour: dict[int, tuple[Any, ...]] = {}
                for _, inner in combo:
                    behaviour.update(inner)
                behaviour.update(_to_behaviour(sub, profile, exact))
                from deterrence.solvers.result import Equilibrium

                value = Equilibrium(normal, profile).payoffs
                found.append((tuple(value), behaviour))
        solutions[r] = found
    for _, behaviour in solutions[0] if 0 in solutions else []:
        choices = np.full(len(tree.infoset_player), -1, dtype=np.int64)
        mixed = {}
        for k, vector in behaviour.items():
            support = [a for a, p in enumerate(vector) if p != 0]
            if len(support) == 1 and vector[support[0]] == 1:
                choices[k] = support[0]
            else:
                mixed[k] = vector
        yield SubgamePerfectEquilibrium(game, choices, mixed)


def _to_behaviour(
    sub: ExtensiveFormGame, profile: Sequence[Any], exact: bool
) -> dict[int, tuple[Any, ...]]:
    """Kuhn's conversion of mixed plans to behaviour, keyed by the original infoset index."""
    tree = sub._tree
    out: dict[int, tuple[Any, ...]] = {}
    zero = Fraction(0) if exact else 0.0
    for k in range(len(tree.infoset_player)):
        player = int(tree.infoset_player[k])
        name = tree.infoset_names[k]
        assert name is not None  # the subgame names every set after its original index
        original = int(name[1:])
        own = sub._own_moves(sub._infoset_members[k][0], player)
        plans = sub._plans[player]
        weights = [zero] * len(tree.infoset_actions[k])
        total = zero
        for (plan, _), p in zip(plans, profile[player]):
            if p == 0 or any(plan.get(j) != a for j, a in own):
                continue
            total += p
            weights[plan[k]] += p
        if total == 0:  # unreachable by the player's own choices: any action will do
            vector = [zero] * len(weights)
            vector[0] = Fraction(1) if exact else 1.0
        else:
            vector = [w / total for w in weights]
        out[original] = tuple(vector)
    return out


# ---------------------------------------------------------------------- front door
def iter_subgame_perfect(
    game: ExtensiveFormGame, *, tol: float = 1e-9
) -> Iterator[SubgamePerfectEquilibrium]:
    """Yield the subgame-perfect equilibria one at a time (see :func:`solve_subgame_perfect`).

    Examples
    --------
    >>> from deterrence.games.extensive import ExtensiveFormGame, decision, terminal
    >>> tied = decision("a", {"x": terminal(0), "y": terminal(0)})
    >>> game = ExtensiveFormGame(decision("a", {"l": tied, "r": tied}), ("a",))
    >>> sum(1 for _ in iter_subgame_perfect(game))   # 2 root choices x 2 x 2 below
    8
    """
    _check(game)
    if game.is_perfect_information:
        _, generator = _iter_perfect_information(game, tol)
        yield from generator
    else:
        yield from _iter_decomposition(game, tol, {"complete": True})


def solve_subgame_perfect(
    game: ExtensiveFormGame, *, max_equilibria: int | None = 10_000, tol: float = 1e-9
) -> SubgamePerfectResult:
    """All subgame-perfect equilibria of a finite extensive-form game.

    Parameters
    ----------
    game : ExtensiveFormGame
        A numeric tree (fix a parametric tree's parameters with ``game.at(...)``).
    max_equilibria : int or None, default 10000
        Stop after this many (ties multiply the number of SPE); ``None`` for no cap. The
        result's ``complete`` flag says whether the list was cut and ``count`` gives the total
        for perfect-information games.
    tol : float
        Tolerance for ties in float games (exact games compare exactly).

    Returns
    -------
    SubgamePerfectResult
        Perfect information: every *pure* SPE (ties enumerated). Imperfect information: the
        SPE obtained by combining every equilibrium (mixed included, two active players) of
        every subgame.

    Raises
    ------
    InvalidGameError
        If ``game`` is not an ExtensiveFormGame.
    UnsupportedGameError
        For parametric trees, or information sets without perfect recall.

    Notes
    -----
    See the module docstring: backward induction (Kuhn 1953; Selten 1965) on breadth-first
    arrays, and subgame decomposition with the normal-form solvers for imperfect
    information. Every SPE is a Nash equilibrium of the reduced strategic form
    (:meth:`SubgamePerfectEquilibrium.max_regret` is 0).

    Examples
    --------
    The chain-store stage game (Selten 1978): the threat to fight entry is not credible.

    >>> from deterrence.games.extensive import ExtensiveFormGame, decision, terminal
    >>> game = ExtensiveFormGame.build(
    ...     players=("entrant", "incumbent"),
    ...     root=decision("entrant", {
    ...         "out": terminal(1, 5),
    ...         "in": decision("incumbent", {"fight": terminal(0, 0),
    ...                                      "accommodate": terminal(2, 2)})}))
    >>> result = solve_subgame_perfect(game)
    >>> [spe.path for spe in result]
    ['entrant: in, incumbent: accommodate']
    """
    _check(game)
    if max_equilibria is not None and (not isinstance(max_equilibria, int) or max_equilibria < 1):
        raise InvalidGameError(
            f"max_equilibria must be a positive integer or None, got {max_equilibria!r}"
        )
    flags = {"complete": True}
    if game.is_perfect_information:
        count, generator = _iter_perfect_information(game, tol)
        method = "backward_induction"
    else:
        count, generator = None, _iter_decomposition(game, tol, flags)
        method = "subgame_decomposition"
    # millions of live node objects make cyclic garbage collection passes expensive
    collecting = gc.isenabled()
    gc.disable()
    try:
        equilibria = list(itertools.islice(generator, max_equilibria))
    finally:
        if collecting:
            gc.enable()
    complete = flags["complete"]
    if max_equilibria is not None and len(equilibria) == max_equilibria:
        if count is None:
            complete = complete and next(generator, None) is None
        else:
            complete = complete and count <= max_equilibria
    if count is None and complete and method == "backward_induction":
        count = len(equilibria)
    return SubgamePerfectResult(
        game,
        tuple(equilibria),
        method,
        exact=game.is_exact,
        complete=complete,
        count=count,
        options={"max_equilibria": max_equilibria, "tol": tol},
    )
