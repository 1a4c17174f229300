r"""Bayesian Nash equilibria through the Harsanyi transformation.

A profile of type-contingent strategies :math:`(\sigma_i(\cdot \mid t_i))` is a *Bayesian
Nash equilibrium* when every type of positive probability best-responds to its beliefs
:math:`p(t_{-i} \mid t_i)` about the others' types. With a common prior this is exactly a Nash
equilibrium of the Harsanyi transformation (ex-ante normal form) whose pure strategies map
types to actions (Harsanyi 1967-68; Osborne and Rubinstein 1994, sec. 2.6). This module
builds that game, solves it with :func:`deterrence.solvers.api.solve` (two players: every
extreme equilibrium, mixed included; more players: pure equilibria) and reports each type's
behaviour: :math:`\sigma_i(a \mid t_i) = \sum_{s_i : s_i(t_i) = a} \sigma_i(s_i)`.

References
----------
.. [1] J. C. Harsanyi, "Games with incomplete information played by 'Bayesian' players",
   *Management Science* 14, 1967-68.
.. [2] R. Gibbons, *Game Theory for Applied Economists*, 1992, ch. 3.
"""

from __future__ import annotations

import dataclasses
import warnings
from fractions import Fraction
from functools import cached_property
from typing import TYPE_CHECKING, Any

from deterrence.exceptions import DegenerateGameWarning, InvalidGameError
from deterrence.games._numbers import format_number
from deterrence.games.bayesian import BayesianGame
from deterrence.solvers.result import Equilibrium, EquilibriumResult

if TYPE_CHECKING:
    import pandas as pd

    from deterrence.games.normal_form import NormalFormGame

__all__ = ["BayesianEquilibrium", "BayesianResult", "solve_bayesian"]


@dataclasses.dataclass(frozen=True, eq=False, repr=False)
class BayesianEquilibrium:
    """A Bayesian Nash equilibrium: a (mixed) action for every type of every player.

    Attributes
    ----------
    game : BayesianGame
    equilibrium : Equilibrium
        The equilibrium of the Harsanyi normal form it comes from.

    Examples
    --------
    >>> game = BayesianGame([[[1, 0], [0, 1]]], ["1/2", "1/2"], types=[("hawk", "dove")],
    ...                     actions=[("fight", "talk")])
    >>> eq = solve_bayesian(game)[0]
    >>> eq.strategies
    {'player 1': {'hawk': 'fight', 'dove': 'talk'}}
    >>> eq.outcome, float(eq.max_regret())
    ('player 1: hawk fight, dove talk', 0.0)
    """

    game: BayesianGame
    equilibrium: Equilibrium

    @cached_property
    def type_strategies(self) -> dict[str, dict[str, dict[str, Any]]]:
        """``{player: {type: {action: probability}}}``."""
        out: dict[str, dict[str, dict[str, Any]]] = {}
        exact = self.equilibrium.exact
        for i, player in enumerate(self.game.players):
            actions = self.game.actions[i]
            table: dict[str, dict[str, Any]] = {}
            for k, type_label in enumerate(self.game.types[i]):
                zero = Fraction(0) if exact else 0.0
                row = {a: zero for a in actions}
                for plan, p in zip(self.game.plans[i], self.equilibrium.strategies[i]):
                    row[actions[plan[k]]] += p if exact else float(p)
                table[type_label] = row
            out[player] = table
        return out

    @property
    def strategies(self) -> dict[str, dict[str, Any]]:
        """``{player: {type: action}}`` with a label for pure choices, a dict for mixtures."""
        out: dict[str, dict[str, Any]] = {}
        for player, table in self.type_strategies.items():
            out[player] = {}
            for type_label, row in table.items():
                support = [a for a, p in row.items() if p != 0]
                out[player][type_label] = (
                    support[0] if len(support) == 1 else {a: row[a] for a in support}
                )
        return out

    @property
    def payoffs(self) -> tuple[Any, ...]:
        """Ex-ante expected payoff of each player."""
        return self.equilibrium.payoffs

    @property
    def labelled_payoffs(self) -> dict[str, Any]:
        """``{player: ex-ante expected payoff}``."""
        return dict(zip(self.game.players, self.payoffs))

    @property
    def exact(self) -> bool:
        """Whether the probabilities are exact rationals."""
        return self.equilibrium.exact

    def as_dict(self) -> dict[str, dict[str, dict[str, Any]]]:
        """``{player: {type: {action: probability}}}`` (see :attr:`type_strategies`)."""
        return self.type_strategies

    @property
    def is_pure(self) -> bool:
        """Whether every type plays one action."""
        return self.equilibrium.is_pure

    def max_regret(self) -> Any:
        """Largest regret in the Harsanyi normal form: 0 for a Bayesian Nash equilibrium."""
        return self.equilibrium.max_regret()

    @property
    def outcome(self) -> str:
        """A short readable description, e.g. ``"defender: resolved resist, ..."``."""
        parts = []
        for player, table in self.strategies.items():
            entries = []
            for type_label, action in table.items():
                text = (
                    action
                    if isinstance(action, str)
                    else " + ".join(f"{format_number(p, 3)}*{a}" for a, p in action.items())
                )
                entries.append(text if len(table) == 1 else f"{type_label} {text}")
            parts.append(f"{player}: " + ", ".join(entries))
        return "; ".join(parts)

    def __repr__(self) -> str:
        return f"BayesianEquilibrium({self.outcome})"


@dataclasses.dataclass(frozen=True, eq=False, repr=False)
class BayesianResult(EquilibriumResult):
    """The Bayesian Nash equilibria found, with the Harsanyi normal form and method.

    An :class:`~deterrence.solvers.result.EquilibriumResult` of :class:`BayesianEquilibrium`
    objects. Adds:

    Attributes
    ----------
    normal_form : NormalFormGame
        The Harsanyi transformation that was solved (keyword-only).

    Examples
    --------
    >>> game = BayesianGame([[[1, 0], [0, 1]]], ["1/2", "1/2"])
    >>> result = solve_bayesian(game)
    >>> len(result), result.method, result.normal_form.num_strategies
    (1, 'pure', (4,))
    """

    normal_form: NormalFormGame = dataclasses.field(kw_only=True)

    def to_frame(self) -> pd.DataFrame:
        """One row per equilibrium: ``player:type:action`` probabilities and payoffs."""
        import pandas as pd

        rows = []
        for eq in self.equilibria:
            row: dict[str, Any] = {}
            for player, table in eq.type_strategies.items():
                for type_label, actions in table.items():
                    for action, p in actions.items():
                        row[f"{player}:{type_label}:{action}"] = float(p)
            for player, value in zip(self.game.players, eq.payoffs):
                row[f"payoff:{player}"] = float(value)
            rows.append(row)
        return pd.DataFrame(rows)


def solve_bayesian(game: BayesianGame, *, exact: bool = False, tol: float = 1e-9) -> BayesianResult:
    """Bayesian Nash equilibria via the Harsanyi transformation.

    Parameters
    ----------
    game : BayesianGame
    exact : bool, default False
        Solve in rational arithmetic (exact games only).
    tol : float
        Tolerance of float solvers.

    Returns
    -------
    BayesianResult
        Two players (or one): every extreme equilibrium, mixed included. Three or more
        players: every pure equilibrium (``complete`` is False: mixed ones not sought).

    Raises
    ------
    InvalidGameError
        If ``game`` is not a BayesianGame (or ``exact=True`` with float payoffs).

    Notes
    -----
    The normal form has :math:`\\prod_t |A_i|` strategies per player (one action per type),
    so keep type and action sets small. Types with prior probability zero are indifferent
    among all their actions, which makes the normal form degenerate.

    Examples
    --------
    A two-type 2x2 (Gibbons 1992, sec. 3.1 style): the column player is "tough" with
    probability 1/2 and then prefers to fight; the row player enters only if fights are rare.

    >>> game = BayesianGame.from_type_games(
    ...     {"tough": ([[2, -1], [0, 0]], [[0, 1], [0, 0]]),
    ...      "weak": ([[2, -1], [0, 0]], [[1, 0], [0, 0]])},
    ...     prior=["1/2", "1/2"], player_with_types="incumbent",
    ...     players=("entrant", "incumbent"),
    ...     actions=(("enter", "stay out"), ("accommodate", "fight")))
    >>> result = solve_bayesian(game, exact=True)
    >>> result[0].strategies
    {'entrant': {'entrant': 'enter'}, 'incumbent': {'tough': 'fight', 'weak': 'accommodate'}}

    The other equilibria keep the entrant out; an incumbent who is never challenged is
    indifferent, so its types may mix (Nash, not sequential, rationality):

    >>> len(result), result[-1].outcome
    (5, 'entrant: stay out; incumbent: tough fight, weak fight')
    """
    from deterrence.solvers.api import solve

    if not isinstance(game, BayesianGame):
        raise InvalidGameError(f"solve_bayesian needs a BayesianGame, got {type(game).__name__}")
    normal = game.to_normal_form()
    method = "auto" if normal.num_players <= 2 else "pure"
    if normal.num_players == 1:
        method = "pure"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DegenerateGameWarning)
        result = solve(normal, method, exact=exact, tol=tol)
    equilibria = tuple(BayesianEquilibrium(game, eq) for eq in result)
    return BayesianResult(
        game,
        equilibria,
        result.method,
        exact=result.exact,
        degenerate=result.degenerate,
        complete=result.complete and normal.num_players <= 2,
        options={"exact": exact, "tol": tol},
        normal_form=normal,
    )
