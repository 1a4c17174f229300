r"""Subgame-perfect equilibria of a game tree, as a solution concept of the analysis layer.

A threat deters only if it is credible: the threatened player would carry it out once its
node is reached. Nash equilibria of a tree's strategic form include profiles that rest on
threats no player would execute (an unexecuted plan off the path); subgame perfection
(Selten 1965) removes them by requiring optimal play in every subgame. This concept is what
``concept="auto"`` means for an :class:`~deterrence.games.ExtensiveFormGame`.

Structure
    Every subgame-perfect equilibrium at a point, as its supports on the reduced strategic
    form (the realisation-equivalent mixed profile of Kuhn's theorem) together with the
    moves made on its path; labels are the reduced plans, e.g. ``"(status quo, retaliate)"``.
Candidates (one parameter :math:`t`)
    Backward induction changes only where a mover at some node becomes indifferent between
    the continuation payoffs of two actions: the real roots of every difference of candidate
    continuation payoffs of the mover (exact, sympy). Trees with information sets solve
    their subgames in strategic form: the Nash candidates of the reduced strategic form are
    added, and since a subgame's *mixed* value can cross another option's payoff elsewhere,
    every interval between candidates is also scanned
    (:meth:`~deterrence.analysis.concepts.SolutionConcept.needs_scan`); a change found
    by the scan is bisected and confirmed exactly at a nearby fraction when one exists.
Solving at points
    :func:`~deterrence.solvers.subgame_perfect.solve_subgame_perfect` at each point (ties
    enumerated), mapped to the reduced strategic form for the table.

References
----------
.. [1] R. Selten, "Spieltheoretische Behandlung eines Oligopolmodells mit
   Nachfrageträgheit", *Zeitschrift für die gesamte Staatswissenschaft* 121, 1965.
.. [2] F. C. Zagare and D. M. Kilgour, *Perfect Deterrence*, Cambridge University Press, 2000.
"""

from __future__ import annotations

import itertools
import warnings
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import sympy

from deterrence.analysis.algebra import real_roots
from deterrence.analysis.concepts.base import Candidate, Change, SolutionConcept, Structure
from deterrence.analysis.concepts.nash import (
    NashConcept,
    as_strategic_form,
    complete_values,
    evaluate_payoffs,
    strategy_table,
    support_label,
)
from deterrence.analysis.words import change_sentence, join, possessive
from deterrence.exceptions import DegenerateGameWarning, InvalidGameError
from deterrence.games.extensive import CHANCE, TERMINAL, ExtensiveFormGame

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["SubgamePerfectConcept", "backward_induction_differences", "MAX_CANDIDATES"]

#: Largest number of candidate continuation payoffs tracked per node when looking for
#: critical parameter values.
MAX_CANDIDATES = 2_000


def backward_induction_differences(game: ExtensiveFormGame) -> tuple[list[tuple[Any, dict]], bool]:
    """Every comparison backward induction can make, as payoff differences.

    Parameters
    ----------
    game : ExtensiveFormGame
        Numeric or parametric.

    Returns
    -------
    differences : list of (expression, info)
        ``x[mover] - y[mover]`` for candidate continuation payoffs ``x`` and ``y`` of two
        actions at a decision node; ``info`` names the node, the mover and the two actions.
    complete : bool
        False when a node had more than :data:`MAX_CANDIDATES` candidate continuation
        payoffs (the list was cut).

    Examples
    --------
    >>> from deterrence.games.extensive import decision, terminal
    >>> tree = ExtensiveFormGame.build(players=("a", "b"), parameters=["r"], root=decision(
    ...     "a", {"in": decision("b", {"fight": terminal(-1, "r"), "yield": terminal(1, 0)}),
    ...           "out": terminal(0, 1)}))
    >>> [(str(d), info["actions"]) for d, info in backward_induction_differences(tree)[0]]
    [('r', ('fight', 'yield')), ('-1', ('in', 'out')), ('1', ('in', 'out'))]
    """
    tree = game._tree
    n = game.num_nodes
    sets: list[Any] = [None] * n
    differences: list[tuple[Any, dict]] = []
    complete = True
    for v in range(n - 1, -1, -1):
        kind = tree.kind[v]
        if kind == TERMINAL:
            sets[v] = [tuple(tree.payoffs[tree.terminal_index[v]])]
            continue
        start = int(tree.first_child[v])
        children = list(range(start, start + int(tree.num_children[v])))
        if kind == CHANCE:
            combos = itertools.islice(
                itertools.product(*(sets[c] for c in children)), MAX_CANDIDATES
            )
            sets[v] = [
                tuple(
                    sympy.expand(
                        sum(tree.probability[c] * value[j] for c, value in zip(children, combo))
                    )
                    for j in range(game.num_players)
                )
                for combo in combos
            ]
        else:
            mover = int(tree.mover[v])
            k = int(tree.infoset[v])
            actions = tree.infoset_actions[k]
            for (a1, c1), (a2, c2) in itertools.combinations(enumerate(children), 2):
                info = {
                    "kind": "pure",
                    "player": mover,
                    "node": v,
                    "actions": (actions[a1], actions[a2]),
                }
                for x in sets[c1]:
                    for y in sets[c2]:
                        differences.append((sympy.sympify(x[mover] - y[mover]), info))
            sets[v] = list(dict.fromkeys(value for c in children for value in sets[c]))
        if len(sets[v]) > MAX_CANDIDATES:
            sets[v] = sets[v][:MAX_CANDIDATES]
            complete = False
        for c in children:
            sets[c] = None
    return differences, complete


class SubgamePerfectConcept(SolutionConcept):
    """Subgame-perfect equilibria of a tree (see the module docstring).

    Examples
    --------
    >>> from deterrence.games.extensive import ExtensiveFormGame, decision, terminal
    >>> tree = ExtensiveFormGame.build(
    ...     players=("challenger", "defender"), parameters=["resolve"],
    ...     root=decision("challenger", {
    ...         "status quo": terminal(0, 0),
    ...         "challenge": decision("defender", {"retaliate": terminal(-1, "resolve - 2"),
    ...                                            "concede": terminal(1, -1)})}))
    >>> concept = SubgamePerfectConcept()
    >>> [concept.labels(tree, s) for s in concept.structure_at(
    ...     tree, {"resolve": [0.0, 2.0]}, method="auto")]
    [('(challenge, concede)',), ('(status quo, retaliate)',)]
    """

    name = "subgame_perfect"
    aliases = ("spe", "subgame_perfect_equilibrium", "credible")
    singular = "subgame-perfect equilibrium"
    plural = "subgame-perfect equilibria"
    title = "subgame-perfect equilibria"
    methods = ("auto",)

    def prepare(self, game: Any) -> ExtensiveFormGame:
        if not isinstance(game, ExtensiveFormGame):
            raise InvalidGameError(
                f"subgame perfection needs a game tree (ExtensiveFormGame), got "
                f"{type(game).__name__}; use concept='nash' for a strategic form"
            )
        return game

    def resolve_method(self, game: Any, method: str) -> str:
        if method not in ("auto", "pure"):
            raise InvalidGameError(
                f"method {method!r} is not available for subgame-perfect equilibria (every "
                "one is found by backward induction, ties enumerated); use 'auto'"
            )
        return "auto"

    def fix(self, game: ExtensiveFormGame, values: Mapping[str, Any]) -> ExtensiveFormGame:
        return game.substitute(**values) if values else game

    def needs_scan(self, game: ExtensiveFormGame) -> bool:
        return not game.is_perfect_information

    # ------------------------------------------------------------------ solving
    def _strategic(self, game: ExtensiveFormGame) -> Any:
        cached = game.__dict__.get("_analysis_strategic_form")
        if cached is None:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DegenerateGameWarning)
                cached = as_strategic_form(game.to_normal_form())
            game.__dict__["_analysis_strategic_form"] = cached
        return cached

    def _solve(
        self, game: ExtensiveFormGame, arrays: Mapping[str, np.ndarray], count: int, tol: float
    ) -> list[list[tuple[list[np.ndarray], tuple]]]:
        """Per point: the SPE as (reduced-form mixed profile, moves on the path)."""
        from deterrence.solvers.subgame_perfect import solve_subgame_perfect

        out = []
        names = game.parameter_names
        for k in range(count):
            point = {name: float(arrays[name][k]) for name in names}
            numeric = game.at(**point) if names else game
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DegenerateGameWarning)
                result = solve_subgame_perfect(numeric, max_equilibria=None, tol=tol)
            found = []
            for spe in result:
                profile = _plan_profile(numeric, spe)
                found.append((profile, self._moves(numeric, profile)))
            out.append(found)
        return out

    @staticmethod
    def _moves(game: ExtensiveFormGame, profile: Sequence[np.ndarray]) -> tuple:
        """``((player, actions), ...)``: what each player does on the equilibrium path.

        A player who mixes, or whose moves differ between the paths the others' mixing can
        take, reads ``None``; players who never move on any path are left out.
        """
        supports = [np.flatnonzero(vector > 1e-9).tolist() for vector in profile]
        combinations = 1
        for support in supports:
            combinations *= len(support)
        if combinations > 64:
            return ()
        seen: dict[str, set[str]] = {}
        for plans in itertools.product(*supports):
            moves: dict[str, list[str]] = {}
            for player, action in game.play(list(plans)):
                moves.setdefault(player, []).append(action)
            for player, actions in moves.items():
                # an information set met on several chance branches is one decision
                seen.setdefault(player, set()).add("/".join(dict.fromkeys(actions)))
        return tuple(
            sorted(
                (player, next(iter(found)) if len(found) == 1 else None)
                for player, found in seen.items()
            )
        )

    def solve_points(
        self,
        game: ExtensiveFormGame,
        values: Mapping[str, np.ndarray],
        *,
        method: str,
        tol: float = 1e-9,
        fast: bool | None = None,
        options: Mapping[str, Any] | None = None,
    ) -> pd.DataFrame:
        strategic = self._strategic(game)
        arrays, count = complete_values(game, values)
        if values and not len(np.atleast_1d(next(iter(values.values())))):
            count = 0
        solutions = self._solve(game, arrays, count, tol)
        points: list[int] = []
        rows: list[list[np.ndarray]] = [[] for _ in range(game.num_players)]
        moves_of: dict[tuple, tuple] = {}
        for k, found in enumerate(solutions):
            ordered = sorted(found, key=lambda item: [-x for v in item[0] for x in v])
            for profile, moves in ordered:
                points.append(k)
                for i, vector in enumerate(profile):
                    rows[i].append(vector)
                supports = tuple(tuple(np.flatnonzero(v > 1e-9).tolist()) for v in profile)
                moves_of.setdefault(supports, moves)
        strategies = [
            np.array(r, dtype=np.float64).reshape(len(points), size)
            for r, size in zip(rows, strategic.num_strategies)
        ]
        payoffs = (
            evaluate_payoffs(strategic, {n: arrays[n] for n in strategic.parameter_names})
            if count
            else np.zeros(strategic.payoffs.shape + (0,))
        )
        table = strategy_table(
            strategic,
            arrays,
            payoffs,
            np.asarray(points, dtype=np.int64),
            strategies,
            reading=game.outcomes,
            plays=lambda supports: dict(moves_of.get(tuple(supports), ())),
        )
        table.attrs["path"] = {str(k): v for k, v in moves_of.items()}
        return table

    def structure_at(
        self, game: ExtensiveFormGame, values: Mapping[str, Any], *, method: str
    ) -> list[Structure]:
        if values and not len(np.atleast_1d(next(iter(values.values())))):
            return []
        arrays, count = complete_values(game, values)
        out = []
        for found in self._solve(game, arrays, count, 1e-9):
            items = set()
            for profile, moves in found:
                supports = tuple(tuple(np.flatnonzero(v > 1e-9).tolist()) for v in profile)
                items.add((supports, moves))
            out.append(tuple(sorted(items)))
        return out

    def structure_at_exact(
        self, game: ExtensiveFormGame, point: Mapping[str, Any], *, method: str
    ) -> Structure | None:
        from deterrence.solvers.subgame_perfect import solve_subgame_perfect

        try:
            numeric = game.at(**point) if game.parameter_names else game
        except InvalidGameError:
            return None
        if not numeric.is_exact:
            return None
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DegenerateGameWarning)
            result = solve_subgame_perfect(numeric, max_equilibria=None)
        items = set()
        for spe in result:
            profile = _plan_profile(numeric, spe)
            supports = tuple(tuple(np.flatnonzero(v > 1e-9).tolist()) for v in profile)
            items.add((supports, self._moves(numeric, profile)))
        return tuple(sorted(items))

    # ------------------------------------------------------------------ candidates
    def candidates(
        self,
        game: ExtensiveFormGame,
        variable: sympy.Symbol,
        reference: Mapping[sympy.Symbol, sympy.Expr],
        domain: tuple[Any, Any],
        *,
        method: str,
    ) -> list[Candidate]:
        out: list[Candidate] = []
        differences, _complete = backward_induction_differences(game)
        seen: set[Any] = set()
        for difference, info in differences:
            if variable not in difference.free_symbols:
                continue
            key = (difference, info["node"])
            if key in seen:
                continue
            seen.add(key)
            for root in real_roots(difference, variable, reference):
                out.append((root, {**info, "difference": difference}))
        if not game.is_perfect_information:
            # subgames are solved in strategic form: its Nash candidates (mixed included)
            strategic = self._strategic(game)
            nash = NashConcept()
            out += nash.candidates(
                strategic,
                variable,
                reference,
                domain,
                method=nash.resolve_method(strategic, "auto"),
            )
        return out

    # ------------------------------------------------------------------ words
    def labels(self, game: ExtensiveFormGame, structure: Structure) -> tuple[str, ...]:
        strategic = self._strategic(game)
        return tuple(
            support_label(strategic.strategies, supports) for supports, _moves in structure
        )

    def plays(
        self, game: ExtensiveFormGame, structure: Structure
    ) -> tuple[Mapping[str, str | None], ...]:
        return tuple(dict(moves) for _supports, moves in structure)

    def describe(
        self,
        game: ExtensiveFormGame,
        parameter: str,
        group: Sequence[tuple[Any, sympy.Expr, dict]],
        below: Structure,
        above: Structure,
        probe: float,
        reference: Mapping[sympy.Symbol, sympy.Expr],
        method: str,
    ) -> Change:
        clauses, players = self._choice_clauses(game, below, above)
        singular, plural = self.nouns(method)
        change = change_sentence(
            self.phrases(game, below), self.phrases(game, above), singular, plural
        )
        return Change(
            tuple(clauses),
            change,
            self.labels(game, below),
            self.labels(game, above),
            tuple(players),
        )

    def _choice_clauses(
        self, game: ExtensiveFormGame, below: Any, above: Any
    ) -> tuple[list[str], list[str]]:
        """Where the action chosen at an information set differs between the two sides
        (each side with one SPE; information sets where a side mixes are skipped): "the
        defender's choice after challenge is retaliate (rather than concede)"."""
        if len(below) != 1 or len(above) != 1:
            return [], []
        before, after = (self._chosen(game, side[0][0]) for side in (below, above))
        clauses, players = [], []
        for k in sorted(set(before) & set(after)):
            if before[k] == after[k]:
                continue
            info = game.information_sets[k]
            clauses.append(
                f"{possessive(info.player)} choice {_where(game, info)} is "
                f"{info.actions[after[k]]} (rather than {info.actions[before[k]]})"
            )
            players.append(info.player)
        return clauses, list(dict.fromkeys(players))

    @staticmethod
    def _chosen(game: ExtensiveFormGame, supports: Sequence[Sequence[int]]) -> dict[int, int]:
        """The action every plan in the support takes at each information set it reaches
        (information sets where the plans disagree, i.e. where the player mixes, left out)."""
        chosen: dict[int, int] = {}
        for player, support in enumerate(supports):
            plans = game.reduced_plans(player)
            actions: dict[int, set[int]] = {}
            for s in support:
                for k, a in plans[s][0].items():
                    actions.setdefault(k, set()).add(a)
            chosen.update({k: a.pop() for k, a in actions.items() if len(a) == 1})
        return chosen


def _plan_profile(game: ExtensiveFormGame, spe: Any) -> list[np.ndarray]:
    """The realisation-equivalent mixed profile over reduced plans (Kuhn 1953), in floats,
    without building the strategic form: each plan's probability is the product of the
    behaviour probabilities of its actions."""
    profile = []
    for player in range(game.num_players):
        vector = []
        for plan, _label in game.reduced_plans(player):
            p = 1.0
            for k, a in plan.items():
                p *= float(spe.behaviour(k)[a])
            vector.append(p)
        profile.append(np.asarray(vector, dtype=np.float64))
    return profile


def _where(game: ExtensiveFormGame, info: Any) -> str:
    """``"after challenge"``, ``"at the start"``, or the information set's label."""
    if len(info.members) == 1:
        history = info.members[0]
        return "after " + join(list(history)) if history else "at the start"
    if info.label == info.player:  # the player's only information set: no place to name
        return "(not knowing " + join(sorted({", ".join(m) for m in info.members}), "or") + ")"
    return f"at {info.label}"
