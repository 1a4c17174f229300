r"""Ready-made families of coalition games: who honours, who volunteers, who free-rides.

Each function returns an :class:`~deterrence.games.anonymous.AnonymousGame` whose payoffs are
exact when the parameters are (ints, ``Fraction`` or strings such as ``"1/2"``). The
alliance burden-sharing model of Olson & Zeckhauser is not anonymous (members differ in
income), so it has its own small game class :class:`AllianceGame`, solved in closed form by
:func:`deterrence.solvers.anonymous.solve_burden_sharing`.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np

from deterrence.exceptions import InvalidGameError
from deterrence.games._numbers import as_payoff_array, classify_number, readonly
from deterrence.games.anonymous import AnonymousGame

__all__ = [
    "volunteers_dilemma",
    "threshold_public_good",
    "minimum_effort",
    "AllianceGame",
    "alliance_burden_sharing",
]


def _number(value: Any, what: str) -> Any:
    return classify_number(value, what)[1]


def _step(length: int, start: int, before: Any, after: Any) -> dict[int, Any]:
    """The step payoff ``before`` at counts ``0..start-1`` and ``after`` from ``start`` on,
    as AnonymousGame's ``{count: payoff}`` (counts ``0..length-1``).

    AnonymousGame validates the two numbers once and repeats them over the counts: building
    a 10,000-member game costs no per-entry arithmetic and one pass over its table.

    Examples
    --------
    >>> _step(4, 1, 0, Fraction(1, 2)), _step(4, 0, 0, 1), _step(4, 4, 0, 1)
    ({0: 0, 1: Fraction(1, 2)}, {0: 1}, {0: 0})
    """
    if start <= 0:
        return {0: after}
    return {0: before, start: after} if start < length else {0: before}


def volunteers_dilemma(
    num_players: int,
    *,
    benefit: Any = 2,
    cost: Any = 1,
    strategies: Sequence[str] = ("volunteer", "abstain"),
    title: str = "volunteer's dilemma",
) -> AnonymousGame:
    r"""Diekmann's (1985) volunteer's dilemma: one volunteer suffices, volunteering costs.

    Every member receives the benefit :math:`U` when at least one member volunteers;
    a volunteer pays :math:`C` with :math:`0 < C < U`; if nobody volunteers all get 0:

    .. math:: u(\text{volunteer}, k) = U - C, \qquad
              u(\text{abstain}, k) = U \cdot \mathbf{1}[k \ge 1],

    with :math:`k` the number of *other* volunteers. The pure equilibria are the :math:`N`
    profiles with exactly one volunteer; the symmetric mixed equilibrium abstains with
    probability :math:`q^* = (C/U)^{1/(N-1)}`, so the chance that nobody volunteers,
    :math:`(q^*)^N`, *rises* with the size of the coalition (the bystander effect).

    Parameters
    ----------
    num_players : int
        :math:`N \ge 2`.
    benefit, cost : number
        :math:`U` and :math:`C`, with :math:`0 < C < U`.
    strategies : pair of str
        Labels of volunteering and abstaining.
    title : str

    Returns
    -------
    AnonymousGame

    Raises
    ------
    InvalidGameError
        Unless :math:`0 < C < U`.

    References
    ----------
    A. Diekmann, "Volunteer's dilemma", *Journal of Conflict Resolution* 29 (1985) 605-610.

    Examples
    --------
    >>> game = volunteers_dilemma(3, benefit=4, cost=1)
    >>> [[str(x) for x in row] for row in game.table]
    [['3', '3', '3'], ['0', '4', '4']]
    """
    u = _number(benefit, "benefit")
    c = _number(cost, "cost")
    if not 0 < c < u:
        raise InvalidGameError(
            f"volunteer's dilemma needs 0 < cost < benefit; got cost={c}, benefit={u}"
        )
    steps = [_step(num_players, 0, u - c, u - c), _step(num_players, 1, u * 0, u)]
    return AnonymousGame(num_players, steps, strategies=tuple(strategies), title=title)


def threshold_public_good(
    num_players: int,
    *,
    threshold: int,
    value: Any = 1,
    cost: Any = Fraction(1, 2),
    strategies: Sequence[str] = ("contribute", "withhold"),
    title: str = "threshold public good",
) -> AnonymousGame:
    r"""Palfrey & Rosenthal's (1984) binary threshold public good (no refunds).

    Each member may contribute at cost :math:`c`; the good, worth :math:`V` to every member,
    is provided when at least :math:`K` members contribute:

    .. math:: u(\text{contribute}, k) = V\,\mathbf{1}[k \ge K - 1] - c, \qquad
              u(\text{withhold}, k) = V\,\mathbf{1}[k \ge K],

    :math:`k` the number of other contributors. The gain from contributing when every other
    member contributes with probability :math:`p` is
    :math:`V \binom{N-1}{K-1} p^{K-1} (1-p)^{N-K} - c` (being pivotal pays), whose two roots
    in :math:`(0, 1)` (when :math:`c` is small enough) are the symmetric mixed equilibria.
    The pure equilibria are "nobody contributes" (when :math:`K \ge 2`) and every profile
    with exactly :math:`K` contributors.

    Parameters
    ----------
    num_players : int
    threshold : int
        :math:`K`, with :math:`1 \le K \le N`.
    value, cost : number
        :math:`V > 0` and :math:`c` with :math:`0 < c < V`.
    strategies, title
        Labels.

    Returns
    -------
    AnonymousGame

    Raises
    ------
    InvalidGameError
        For a threshold outside ``1..N`` or a cost outside ``(0, V)``.

    References
    ----------
    T. R. Palfrey and H. Rosenthal, "Participation and the provision of discrete public
    goods: a strategic analysis", *Journal of Public Economics* 24 (1984) 171-193.

    Examples
    --------
    >>> game = threshold_public_good(3, threshold=2, value=8, cost=3)
    >>> game.payoff_difference().tolist()
    [Fraction(-3, 1), Fraction(5, 1), Fraction(-3, 1)]
    """
    if (
        isinstance(threshold, bool)
        or not isinstance(threshold, (int, np.integer))
        or not (1 <= threshold <= num_players)
    ):
        raise InvalidGameError(
            f"threshold is {threshold!r}; expected an integer between 1 and num_players="
            f"{num_players}"
        )
    v = _number(value, "value")
    c = _number(cost, "cost")
    if not 0 < c < v:
        raise InvalidGameError(
            f"threshold public good needs 0 < cost < value; got cost={c}, value={v}"
        )
    steps = [_step(num_players, threshold - 1, -c, v - c), _step(num_players, threshold, v * 0, v)]
    return AnonymousGame(num_players, steps, strategies=tuple(strategies), title=title)


def minimum_effort(
    num_players: int,
    *,
    efforts: Sequence[int] = (1, 2, 3, 4, 5, 6, 7),
    benefit: Any = Fraction(1, 5),
    cost: Any = Fraction(1, 10),
    constant: Any = Fraction(3, 5),
    title: str = "minimum-effort coordination",
) -> AnonymousGame:
    r"""Van Huyck, Battalio & Beil's (1990) minimum-effort (weakest-link) coordination game.

    Each member chooses an effort :math:`e_i`; the coalition's output is set by its weakest
    link:

    .. math:: u_i(e) = a \min_j e_j - b\, e_i + c,

    with :math:`a > b > 0` (the experiment used :math:`a = 0.2`, :math:`b = 0.1`,
    :math:`c = 0.6` and efforts 1-7). Every common effort level is a pure equilibrium,
    Pareto-ranked by effort; the highest is payoff dominant, low effort is safer.

    Parameters
    ----------
    num_players : int
    efforts : sequence of int
        Increasing effort levels (strategy labels are ``"effort 1"``, ...).
    benefit, cost, constant : number
        :math:`a`, :math:`b`, :math:`c`.
    title : str

    Returns
    -------
    AnonymousGame

    Raises
    ------
    InvalidGameError
        If efforts are not increasing.

    References
    ----------
    J. B. Van Huyck, R. C. Battalio and R. O. Beil, "Tacit coordination games, strategic
    uncertainty, and coordination failure", *American Economic Review* 80 (1990) 234-248.

    Examples
    --------
    >>> game = minimum_effort(3, efforts=(1, 2))
    >>> game.payoff("effort 2", (1, 1)), game.payoff("effort 2", (0, 2))
    (Fraction(3, 5), Fraction(4, 5))
    """
    efforts = tuple(int(e) for e in efforts)
    if len(efforts) < 1 or any(b <= a for a, b in zip(efforts, efforts[1:])):
        raise InvalidGameError(f"efforts {efforts} must be increasing integers")
    a = _number(benefit, "benefit")
    b = _number(cost, "cost")
    c = _number(constant, "constant")

    def payoff(own: int, counts: tuple[int, ...]) -> Any:
        lowest = min([own] + [j for j, n in enumerate(counts) if n > 0])
        return a * efforts[lowest] - b * efforts[own] + c

    return AnonymousGame(
        num_players, payoff, strategies=tuple(f"effort {e}" for e in efforts), title=title
    )


@dataclasses.dataclass(frozen=True, eq=False, repr=False)
class AllianceGame:
    r"""Olson & Zeckhauser's alliance: allies with different incomes fund a shared defence.

    Ally :math:`i` with income :math:`Y_i` contributes :math:`x_i \ge 0` to the alliance's
    defence :math:`Q = \sum_j x_j` (a pure public good within the alliance) and consumes
    the rest; its utility is Cobb-Douglas,

    .. math:: U_i = \alpha_i \log Q + (1 - \alpha_i) \log (Y_i - x_i),

    with :math:`\alpha_i \in (0, 1)` the weight on defence.

    Parameters
    ----------
    incomes : sequence of numbers
        Positive incomes :math:`Y_i` (exact values give exact equilibria).
    defence_weight : number or sequence, default 1/2
        :math:`\alpha` (common) or one :math:`\alpha_i` per ally.
    allies : sequence of str, optional
        Labels; default ``("ally 1", ...)``.
    title : str

    Raises
    ------
    InvalidGameError
        For non-positive incomes, weights outside (0, 1), or mismatched lengths.

    Examples
    --------
    >>> AllianceGame([10, 2], allies=("US", "Denmark")).allies
    ('US', 'Denmark')
    """

    # ``allies`` holds the tuple stored by ``__post_init__``; the constructor also accepts any
    # sequence of labels or ``None`` (see the type-checking-only ``__init__`` below), and the
    # ``None`` default never survives construction, hence the targeted ignore.
    incomes: Any
    defence_weight: Any = Fraction(1, 2)
    allies: tuple[str, ...] = None  # type: ignore[assignment]
    title: str = "alliance burden-sharing"

    if TYPE_CHECKING:

        def __init__(
            self,
            incomes: Any,
            defence_weight: Any = Fraction(1, 2),
            allies: Sequence[str] | None = None,
            title: str = "alliance burden-sharing",
        ) -> None: ...

    def __post_init__(self) -> None:
        incomes, _ = as_payoff_array(self.incomes, what="incomes")
        if incomes.ndim != 1 or len(incomes) < 1:
            raise InvalidGameError(
                f"incomes has shape {incomes.shape}; expected a list of one income per ally"
            )
        if any(y <= 0 for y in incomes):
            raise InvalidGameError(f"incomes {list(incomes)} must all be positive")
        weights_raw = self.defence_weight
        if np.ndim(weights_raw) == 0:
            weights_raw = [weights_raw] * len(incomes)
        weights, _ = as_payoff_array(list(weights_raw), what="defence_weight")
        if weights.shape != incomes.shape:
            raise InvalidGameError(
                f"defence_weight has {len(weights)} entries; expected one per ally ({len(incomes)})"
            )
        if any(not 0 < w < 1 for w in weights):
            raise InvalidGameError(f"defence_weight {list(weights)} must lie in (0, 1)")
        if incomes.dtype != weights.dtype:
            incomes = incomes.astype(float)
            weights = weights.astype(float)
        allies = self.allies
        if allies is None:
            allies = tuple(f"ally {i + 1}" for i in range(len(incomes)))
        allies = tuple(allies)
        if (
            len(allies) != len(incomes)
            or len(set(allies)) != len(allies)
            or not all(isinstance(a, str) and a for a in allies)
        ):
            raise InvalidGameError(
                f"allies {list(allies)} must be {len(incomes)} distinct non-empty labels"
            )
        object.__setattr__(self, "incomes", readonly(incomes))
        object.__setattr__(self, "defence_weight", readonly(weights))
        object.__setattr__(self, "allies", allies)

    @property
    def num_allies(self) -> int:
        """Number of allies."""
        return len(self.allies)

    @property
    def is_exact(self) -> bool:
        """Whether incomes and weights are exact."""
        return self.incomes.dtype == object

    def utility(self, ally: int | str, contributions: Sequence[Any]) -> float:
        """Utility of one ally given everyone's contributions (float).

        Examples
        --------
        >>> round(AllianceGame([10, 2]).utility(0, [5, 0]), 6)
        1.609438
        """
        i = ally if isinstance(ally, int) else self.allies.index(ally)
        total = float(sum(float(x) for x in contributions))
        private = float(self.incomes[i]) - float(contributions[i])
        alpha = float(self.defence_weight[i])
        if total <= 0 or private <= 0:
            return float("-inf")
        return alpha * math.log(total) + (1 - alpha) * math.log(private)

    def replace(self, **changes: Any) -> AllianceGame:
        """Return a copy with some fields changed.

        Examples
        --------
        >>> AllianceGame([10, 2]).replace(incomes=[3, 3]).incomes.tolist()
        [Fraction(3, 1), Fraction(3, 1)]
        """
        return dataclasses.replace(self, **changes)

    def __repr__(self) -> str:
        return f"<AllianceGame {self.title!r}, {self.num_allies} allies>"


def alliance_burden_sharing(
    incomes: Sequence[Any],
    *,
    defence_weight: Any = Fraction(1, 2),
    allies: Sequence[str] | None = None,
    title: str = "alliance burden-sharing",
) -> AllianceGame:
    r"""Olson & Zeckhauser's (1966) alliance with heterogeneous incomes.

    See :class:`AllianceGame` for the model. In the unique Nash equilibrium (Bergstrom,
    Blume & Varian 1986), with :math:`r_i = (1 - \alpha_i)/\alpha_i`, an ally contributes
    exactly when :math:`Y_i / r_i > Q^*`, contributors spend down to
    :math:`Y_i - x_i = r_i Q^*`, and

    .. math:: Q^* = \frac{\sum_{i \in C} Y_i}{1 + \sum_{i \in C} r_i}

    over the set :math:`C` of contributors: the richest allies carry a disproportionate
    share of the burden and the small ones free-ride ("the exploitation of the great by the
    small").

    Parameters
    ----------
    incomes : sequence of numbers
    defence_weight : number or sequence
    allies : sequence of str, optional
    title : str

    Returns
    -------
    AllianceGame

    References
    ----------
    M. Olson and R. Zeckhauser, "An economic theory of alliances", *Review of Economics and
    Statistics* 48 (1966) 266-279. T. Bergstrom, L. Blume and H. Varian, "On the private
    provision of public goods", *Journal of Public Economics* 29 (1986) 25-49.

    Examples
    --------
    >>> from deterrence.solvers.anonymous import solve_burden_sharing
    >>> solve_burden_sharing(alliance_burden_sharing([10, 2])).contributions
    (Fraction(5, 1), Fraction(0, 1))
    """
    return AllianceGame(incomes, defence_weight=defence_weight, allies=allies, title=title)
