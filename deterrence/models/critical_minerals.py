r"""A critical-minerals club of unequal partners, and a two-tier supply network under export
controls.

The essays' coalitions are not anonymous: partners differ in the capacity they can share, in
how exposed they are to the coercer, and in what sharing costs them. "Strategic
indispensability" is a statement about who the club cannot do without. This module models
it three ways: as a cooperative game (who is indispensable), as club formation (which club is
stable, and what institutionalisation does), and as a polymatrix game on a supply network
(what cutting an edge does).

Deriving the payoffs (the club)
-------------------------------
1. Three partners, :math:`i \in \{\text{US}, \text{Japan}, \text{Australia}\}`, each join the
   club (share stockpiles and processing capacity) or stay out. Partner :math:`i` brings
   capacity :math:`w_i` = (3, 2, 4), is exposed to coercion by :math:`e_i` = (2, 3, 1/2) per
   unit of threat and pays :math:`c_i` = (1, 1, 2) to share (Australia, the miner, is the
   least exposed and has the most to divert).
2. The club :math:`S` *denies* the coercer when its capacity covers the shortfall the coercer
   can impose, :math:`D(S) = \mathbf 1[\sum_{i \in S} w_i \ge q]` with :math:`q = 6`.
3. A member pays its cost and is coerced (losing ``threat`` :math:`\times e_i`) only when the
   club fails: :math:`u_i(S) = -c_i - t\,e_i\,(1 - D(S))`.
4. An outsider is coerced; a denying club halves its loss (spillover :math:`\sigma = 1/2`:
   prices fall and the coercer's leverage weakens for everyone), and the institution fines a
   partner who stays out of the club it signed up to by ``institutionalisation``
   :math:`\iota` (the reneging penalty): :math:`u_j(S) = -\iota - t\,e_j\,(1 - \sigma D(S))`.

Key results
-----------
* **Who is indispensable.** As a weighted quota game :math:`[6; 3, 2, 4]` only coalitions
  with Australia reach the quota: Australia holds a veto and is pivotal in 2/3 of orderings
  (Shapley-Shubik), the United States and Japan in 1/6 each; the core gives everything to
  Australia.
* **Which club is stable.** Australia's margin for staying in the grand club is
  :math:`\iota + t/2 - 2` (leaving collapses denial, so it then bears all of its small
  exposure), the others' are :math:`\iota + t - 1` and :math:`\iota + 3t/2 - 1`.
  At :math:`t = 1`: no club below :math:`\iota = 1`; the United States and Japan (a club
  that cannot deny) from :math:`\iota = 1`; the grand club from :math:`\iota = 3/2`
  (:math:`= 2 - t/2`).
* **What each coalition denies.** As a damage-denial game (:func:`minerals_denial_game`,
  the coercion damage a coalition that reaches the quota removes from its members,
  :math:`v(S) = t \sum_{i \in S} e_i` when :math:`S` denies) Australia keeps its veto and
  the largest Shapley value, :math:`17t/6`, but Japan (:math:`19t/12`, exposure 3) now
  outranks the United States (:math:`13t/12`); the registered model declares this game, so
  its report carries an "Indispensability" section.
* **Whom a coercer targets first.** The indispensable member with the thinnest staying
  margin: Australia, whose exit unravels denial (it needs the club least).

The supply network
------------------
:func:`two_tier_supply_network` puts the coercer upstream of two refiners (tier 1) and four
manufacturers (tier 2) as a polymatrix game (refiner A supplies makers 1-3, refiner B makers
3-4); every firm sources through the coercer's chain or friend-shores, and the coercer
supplies or restricts. Registered as ``"two_tier_supply_network"`` (kind ``"network"``):
:func:`two_tier_network_game` is its strategic form with the parameters kept symbolic, so
``deterrence analyze two_tier_supply_network`` gives its pure equilibria, the thresholds in
``coordination`` and the cut effects. Payoffs and the key result -- a chain stays locked
into the coercer's supply under restriction exactly when coordination :math:`g \ge (d -
k)/n_r` -- are derived in :func:`two_tier_network_game`'s notes;
:func:`export_control_targets` ranks the refiners by the damage cutting their edge does
(:func:`deterrence.solvers.polymatrix.cut_effects`, in a stated equilibrium selection): at
the defaults neither cut hurts the firms in their best or worst equilibrium, so the
coercer's lever is restriction, not severance. The richer stress test of a multi-tier
network (shares, capacities, lead times) is :mod:`deterrence.models.supply_network`.

References
----------
.. [1] C. Carraro and D. Siniscalco, "Strategies for the international protection of the
   environment", *Journal of Public Economics* 52(3), 1993.
.. [2] L. S. Shapley and M. Shubik, "A method for evaluating the distribution of power in a
   committee system", *American Political Science Review* 48(3), 1954.
.. [3] H. Farrell and A. L. Newman, "Weaponized interdependence", *International Security*
   44(1), 2019.
"""

from __future__ import annotations

import itertools
from fractions import Fraction
from typing import Any

import numpy as np
import sympy

from deterrence.games._numbers import format_number
from deterrence.games.club import ClubGame
from deterrence.games.cooperative import CharacteristicFunctionGame, WeightedQuotaGame
from deterrence.games.outcomes import Outcomes
from deterrence.games.parametric import Parameter, ParametricGame
from deterrence.games.polymatrix import PolymatrixGame
from deterrence.models._registry import register, with_defaults
from deterrence.solvers.club import club_stability, stable_clubs
from deterrence.solvers.polymatrix import cut_effects

__all__ = [
    "CRITICAL_MINERALS_PARAMETERS",
    "PARTNERS",
    "QUORUM",
    "SPILLOVER",
    "critical_minerals_club",
    "minerals_club_game",
    "minerals_capacity_game",
    "minerals_denial_game",
    "coercer_target",
    "TWO_TIER_PARAMETERS",
    "TWO_TIER_CHAINS",
    "TWO_TIER_OUTCOMES",
    "two_tier_supply_network",
    "two_tier_network_game",
    "export_control_targets",
    "target_sentence",
]

#: Partner -> (capacity, exposure per unit of threat, cost of sharing).
PARTNERS: dict[str, tuple[Fraction, Fraction, Fraction]] = {
    "US": (Fraction(3), Fraction(2), Fraction(1)),
    "Japan": (Fraction(2), Fraction(3), Fraction(1)),
    "Australia": (Fraction(4), Fraction(1, 2), Fraction(2)),
}
#: Capacity the club needs to deny the coercer.
QUORUM = Fraction(6)
#: Share of an outsider's loss a denying club removes.
SPILLOVER = Fraction(1, 2)

#: Parameters of the club (meaning, domain, default).
CRITICAL_MINERALS_PARAMETERS: tuple[Parameter, ...] = (
    Parameter(
        "threat",
        default=1,
        domain=(0, None),
        description="the coercer's threat: loss per unit of exposure when coerced",
    ),
    Parameter(
        "institutionalisation",
        default=0,
        domain=(0, None),
        description="penalty the institution imposes on a partner who stays out",
    ),
)


def _words(members: tuple[str, ...]) -> str:
    if not members:
        return "no club"
    capacity = sum(PARTNERS[m][0] for m in members)
    verdict = "denies the coercer" if capacity >= QUORUM else "cannot deny the coercer"
    return "club of " + ", ".join(members) + " " + verdict


def minerals_club_game(**defaults: Any) -> ClubGame:
    r"""The participation game of the critical-minerals club (see the module docstring).

    Parameters
    ----------
    **defaults
        New defaults for ``threat`` and ``institutionalisation``.

    Returns
    -------
    ClubGame

    Raises
    ------
    InvalidGameError
        On unknown parameters or values outside a domain.

    Examples
    --------
    >>> from deterrence.solvers.club import stable_clubs
    >>> [c.words for c in stable_clubs(minerals_club_game(), institutionalisation=2)]
    ['club of US, Japan, Australia denies the coercer']
    """
    parameters = with_defaults(CRITICAL_MINERALS_PARAMETERS, defaults, "critical_minerals")

    def payoff(player: str, members: frozenset[str]) -> str:
        denies = int(sum(PARTNERS[m][0] for m in members) >= QUORUM)
        _, exposure, cost = PARTNERS[player]
        if player in members:
            return f"-{cost} - threat*{exposure}*{1 - denies}"
        return f"-institutionalisation - threat*{exposure}*{1 - SPILLOVER * denies}"

    return ClubGame(
        tuple(PARTNERS), payoff, parameters, title="critical-minerals club", club_words=_words
    )


def minerals_capacity_game() -> WeightedQuotaGame:
    """The club's capacities as a weighted quota game :math:`[6; 3, 2, 4]` (who can deny).

    Examples
    --------
    >>> from deterrence.solvers.cooperative import indispensability, shapley_value
    >>> [str(v) for v in shapley_value(minerals_capacity_game()).values]
    ['1/6', '1/6', '2/3']
    >>> indispensability(minerals_capacity_game()).most_indispensable
    'Australia'
    """
    return WeightedQuotaGame(
        [c for c, _, _ in PARTNERS.values()],
        QUORUM,
        players=tuple(PARTNERS),
        title="critical-minerals capacity",
    )


def minerals_denial_game(**values: Any) -> CharacteristicFunctionGame:
    r"""The partners' damage-denial game: the coercion damage a coalition denies its members
    once its capacity reaches the quota.

    Parameters
    ----------
    **values
        ``threat`` and ``institutionalisation`` (defaults otherwise; the worths do not
        depend on ``institutionalisation``, a penalty on partners who stay out of a club
        that has formed).

    Returns
    -------
    CharacteristicFunctionGame
        Players ``("US", "Japan", "Australia")``; ``threshold`` is the smallest worth of a
        coalition that reaches the quota, so
        :func:`~deterrence.solvers.cooperative.indispensability` asks who the club needs to
        deny the coercer at all.

    Raises
    ------
    InvalidGameError
        On unknown parameters or values outside a domain.

    Notes
    -----
    A member is coerced unless its club denies (module docstring, step 3), losing
    :math:`t e_i`. A coalition that reaches the quota removes that loss for each of its
    members, so

    .. math:: v(S) = t \sum_{i \in S} e_i \cdot \mathbf 1\Big[\sum_{i \in S} w_i \ge 6\Big],

    :math:`t (0, 0, 0, 0, 5/2, 7/2, 11/2)` for :math:`\{US\}, \{Japan\}, \{Australia\},
    \{US, Japan\}, \{US, Australia\}, \{Japan, Australia\}, N`. Sharing costs and the spillover
    to outsiders are left out: the worth is the damage denied, not the members' net gain.
    The Shapley value is :math:`t\,(13/12, 19/12, 17/6)`: Australia, whose capacity every
    denying coalition needs, still gets the most, but once exposure counts Japan (exposure
    3) outranks the United States (exposure 2), which tie at 1/6 in the capacity game
    :func:`minerals_capacity_game`. Denial needs Australia either way (a veto at the
    threshold); the core is not empty (it contains the allocation giving Australia
    everything, and any with the United States at most :math:`2t` and Japan at most
    :math:`3t`).

    Examples
    --------
    >>> from deterrence.solvers.cooperative import indispensability, shapley_value
    >>> game = minerals_denial_game()
    >>> [str(v) for v in game.exact_values]
    ['0', '0', '0', '0', '0', '5/2', '7/2', '11/2']
    >>> [str(v) for v in shapley_value(game).values]
    ['13/12', '19/12', '17/6']
    >>> indispensability(game).most_indispensable, game.threshold
    ('Australia', Fraction(5, 2))
    """
    parameters = with_defaults(CRITICAL_MINERALS_PARAMETERS, values, "critical_minerals")
    threat = {p.name: p.default for p in parameters}["threat"]

    def denies(members: frozenset[str]) -> bool:
        return sum(PARTNERS[m][0] for m in members) >= QUORUM

    def worth(members: frozenset[str]) -> Fraction:
        return threat * sum(PARTNERS[m][1] for m in members) if denies(members) else Fraction(0)

    coalitions = [
        frozenset(c)
        for k in range(1, len(PARTNERS) + 1)
        for c in itertools.combinations(PARTNERS, k)
    ]
    smallest = min(worth(c) for c in coalitions if denies(c))
    return CharacteristicFunctionGame.from_function(
        tuple(PARTNERS),
        worth,
        title="critical-minerals damage denial",
        threshold=smallest if smallest > 0 else None,
    )


def _outcomes() -> Outcomes:
    return minerals_club_game().to_parametric_normal_form().outcomes  # type: ignore[return-value]


@register(
    "critical_minerals",
    story=(
        "three unequal partners (capacity, exposure, cost) each join a critical-minerals "
        "club or stay out; the club denies the coercer once its capacity covers the "
        "shortfall; the institution fines partners who stay out"
    ),
    kind="normal form",
    parameters=CRITICAL_MINERALS_PARAMETERS,
    key_parameter="institutionalisation",
    key_range=(0, 3),
    key_result=(
        "Australia is indispensable (a veto in [6; 3, 2, 4], pivotal in 2/3 of "
        "orderings); the grand club is stable exactly when institutionalisation >= "
        "2 - threat/2 (3/2 at the defaults), a non-denying US-Japan club from "
        "institutionalisation = 1; a coercer targets Australia first"
    ),
    essay_argument=(
        "strategic indispensability: the club cannot do without the partner "
        "that needs it least, so institutionalisation must hold that partner in"
    ),
    references=(
        "Carraro and Siniscalco 1993",
        "Shapley and Shubik 1954",
        "Farrell and Newman 2019",
    ),
    outcomes=_outcomes(),
    coalition=minerals_denial_game,
)
def critical_minerals_club(**defaults: Any) -> ParametricGame:
    r"""The critical-minerals club as a 3-player parametric normal form.

    Parameters
    ----------
    **defaults
        New defaults for ``threat`` and ``institutionalisation``.

    Returns
    -------
    ParametricGame
        Players ``("US", "Japan", "Australia")``, strategies ``("join", "stay out")``; its
        pure Nash equilibria are the stable clubs, so ``thresholds``, ``regimes`` and
        ``sweep`` apply.

    Raises
    ------
    InvalidGameError
        On unknown parameters or values outside a domain.

    Notes
    -----
    Payoffs derived in the module docstring. **Key result**: the grand club is internally
    stable exactly when :math:`\iota \ge 2 - t/2` (Australia's margin; the others' are
    positive there), and always externally stable.

    Examples
    --------
    >>> from deterrence.analysis import thresholds
    >>> game = critical_minerals_club()
    >>> [t.value for t in thresholds(game, "institutionalisation", fixed="defaults",
    ...                              domain=(0, 3), method="pure")]
    [Fraction(1, 1), Fraction(3, 2)]
    """
    return minerals_club_game(**defaults).to_parametric_normal_form()


def coercer_target(**values: Any) -> tuple[str, Fraction, str]:
    """The member a coercer targets first: among the members whose exit ends denial, the one
    with the thinnest staying margin in the largest stable club (or in the grand club when no
    denying club is stable).

    Parameters
    ----------
    **values
        ``threat`` and ``institutionalisation`` (defaults otherwise).

    Returns
    -------
    tuple
        ``(member, staying margin, sentence)``.

    Examples
    --------
    >>> member, margin, sentence = coercer_target(institutionalisation=2)
    >>> member, margin
    ('Australia', Fraction(1, 2))
    >>> print(sentence)
    the coercer targets Australia first: its exit ends denial and it gains only 1/2 by staying.
    """
    game = minerals_club_game()
    stable = [
        c for c in stable_clubs(game, **values) if sum(PARTNERS[m][0] for m in c.members) >= QUORUM
    ]
    club = stable[0] if stable else club_stability(game, tuple(PARTNERS), **values)
    capacity = sum(PARTNERS[m][0] for m in club.members)
    pivotal = [m for m in club.members if capacity - PARTNERS[m][0] < QUORUM]
    candidates = pivotal or list(club.members)
    member = min(candidates, key=lambda m: (club.staying[m], m))
    margin = club.staying[member]

    verb = "gains only" if margin >= 0 else "already loses"
    shown = format_number(abs(margin))
    return (
        member,
        margin,
        f"the coercer targets {member} first: its exit ends denial and "
        f"it {verb} {shown} by staying.",
    )


#: Parameters of the two-tier supply network (meaning, domain, default).
TWO_TIER_PARAMETERS: tuple[Parameter, ...] = (
    Parameter(
        "dependency",
        default=3,
        domain=(0, None),
        description="a sourcing refiner's gain when supplied, and its loss when restricted",
    ),
    Parameter(
        "diversification_cost",
        default=1,
        domain=(0, None),
        description="a refiner's cost of friend-shoring its supply, whatever the coercer does",
    ),
    Parameter(
        "coordination",
        default=2,
        domain=(0, None),
        description="a firm's gain from each chain partner that chooses as it does",
    ),
    Parameter(
        "leverage",
        default=2,
        domain=(0, None),
        description="the coercer's gain from restricting a dependent refiner (a sale earns 1)",
    ),
)

#: The network's players and strategies, and which makers each refiner supplies.
TWO_TIER_CHAINS: dict[str, tuple[int, ...]] = {"refiner A": (1, 2, 3), "refiner B": (3, 4)}

#: How the network's equilibria read (the refiners decide; makers follow their chains).
TWO_TIER_OUTCOMES = Outcomes(
    [
        (
            {"coercer": "restrict", "refiner A": "source", "refiner B": "source"},
            "both chains locked in under restriction",
        ),
        ({"coercer": "restrict", "refiner A": "source"}, "refiner A's chain locked in"),
        ({"coercer": "restrict", "refiner B": "source"}, "refiner B's chain locked in"),
        ({"refiner A": "diversify", "refiner B": "diversify"}, "both chains friend-shored"),
    ],
    otherwise="supplied, sourcing from the coercer",
)


def _two_tier_edges(
    dependency: Any, diversification_cost: Any, coordination: Any, leverage: Any
) -> tuple[dict[str, tuple[str, ...]], dict[tuple[str, str], tuple[Any, Any]]]:
    """Strategies and edge matrices (numbers or sympy symbols alike)."""
    d, k, g = dependency, diversification_cost, coordination
    firm: tuple[str, ...] = ("source", "diversify")
    strategies: dict[str, tuple[str, ...]] = {
        "coercer": ("supply", "restrict"),
        **{refiner: firm for refiner in TWO_TIER_CHAINS},
        **{f"maker {i}": firm for i in range(1, 5)},
    }
    coercer_side = [[1, 0], [leverage, 0]]  # rows: supply/restrict; cols: source/diversify
    refiner_side = [[d, -d], [-k, -k]]  # rows: source/diversify; cols: supply/restrict
    chain = [[g, 0], [0, g]]
    edges: dict[tuple[str, str], tuple[Any, Any]] = {
        ("coercer", r): (coercer_side, [list(col) for col in zip(*refiner_side)])
        for r in TWO_TIER_CHAINS
    }
    for refiner, makers in TWO_TIER_CHAINS.items():
        for m in makers:
            edges[(refiner, f"maker {m}")] = (chain, chain)
    return strategies, edges


def two_tier_supply_network(
    *,
    dependency: Any = 3,
    diversification_cost: Any = 1,
    coordination: Any = 2,
    leverage: Any = 2,
) -> PolymatrixGame:
    r"""The coercer, two refiners (tier 1) and four manufacturers (tier 2) as a polymatrix
    game at one parameter point (payoffs derived in :func:`two_tier_network_game`).

    Parameters
    ----------
    dependency, diversification_cost, coordination, leverage : number
        As in :data:`TWO_TIER_PARAMETERS` (``leverage=1`` is session 3's game, in which
        the coercer is indifferent between supplying and restricting a dependent refiner).

    Returns
    -------
    PolymatrixGame
        Players ``coercer``, ``refiner A``, ``refiner B``, ``maker 1``-``maker 4``
        (``refiner A`` supplies makers 1-3, ``refiner B`` makers 3-4).

    Raises
    ------
    InvalidGameError
        A value outside its domain.

    Examples
    --------
    >>> from deterrence.solvers.polymatrix import solve_polymatrix_pure
    >>> game = two_tier_supply_network()
    >>> game.num_players, game.num_edges
    (7, 7)
    >>> [eq.choices["coercer"] for eq in solve_polymatrix_pure(game)].count("restrict")
    5
    """
    values = {
        "dependency": dependency,
        "diversification_cost": diversification_cost,
        "coordination": coordination,
        "leverage": leverage,
    }
    checked = [p.validate(values[p.name]) for p in TWO_TIER_PARAMETERS]
    strategies, edges = _two_tier_edges(*checked)
    return PolymatrixGame(strategies, edges, title="two-tier supply network")


def _expanded_payoffs(
    strategies: dict[str, tuple[str, ...]], edges: dict[tuple[str, str], tuple[Any, Any]]
) -> np.ndarray:
    """The polymatrix payoffs written out over every pure profile (entries may be symbolic):
    player i's payoff is the sum over its edges of its matrix entry."""
    players = list(strategies)
    sizes = [len(strategies[p]) for p in players]
    table = np.zeros((len(players), *sizes), dtype=object)
    for profile in itertools.product(*(range(n) for n in sizes)):
        for (u, v), (a, b) in edges.items():
            i, j = players.index(u), players.index(v)
            table[(i,) + tuple(profile)] += a[profile[i]][profile[j]]
            table[(j,) + tuple(profile)] += b[profile[i]][profile[j]]
    return table


def _cut_sections(**values: Any) -> dict[str, list[str]]:
    """The report section of the registered network: what cutting each coercer edge does."""
    table = export_control_targets(two_tier_supply_network(**values))
    lines = [f"before: {table.attrs['baseline']}"]
    for partner, row in table.iterrows():
        lines.append(
            f"cutting {partner}: the others lose {format_number(row['damage'])} (between "
            f"{format_number(row['damage_low'])} and {format_number(row['damage_high'])} over "
            f"every pair of equilibria), the coercer gets {format_number(row['coercer_payoff'])}; "
            f"after: {row['outcome']}"
        )
    lines.append(target_sentence(table))
    return {
        "Cut effects (the coercer severs one refiner's edge, which then neither gains from "
        "supply nor suffers restriction; the pure equilibrium best for everyone but the "
        "coercer, before and after)": lines
    }


def target_sentence(table: Any) -> str:
    """Whom the coercer cuts first, read from a :func:`export_control_targets` table.

    Parameters
    ----------
    table : pandas.DataFrame
        A :func:`~deterrence.solvers.polymatrix.cut_effects` table.

    Returns
    -------
    str
        The first target, a tie, or that severing hurts nobody.

    Examples
    --------
    >>> print(target_sentence(export_control_targets()))
    severing an edge does not hurt the others in the selected equilibria (damage at most 0):
    the coercer's lever is restriction, not severance
    """
    first = table.index[table["rank"] == 1].tolist()
    if (table["damage"] <= 0).all():
        return (
            "severing an edge does not hurt the others in the selected equilibria (damage at "
            "most 0): the coercer's lever is restriction, not severance"
        )
    if len(first) > 1:
        return f"a tie: cutting {' or '.join(first)} does equal damage"
    return f"the coercer cuts {first[0]} first"


@register(
    "two_tier_supply_network",
    story=(
        "a coercer supplies or restricts two refiners; each refiner and its manufacturers "
        "keep sourcing through the coercer or friend-shore, and a friend-shored chain needs "
        "both tiers"
    ),
    kind="network",
    parameters=TWO_TIER_PARAMETERS,
    key_parameter="coordination",
    key_range=(0, 3),
    key_result=(
        "under restriction a refiner's chain stays locked into the coercer's supply exactly "
        "when coordination >= (dependency - diversification_cost)/(its number of makers): "
        "refiner A (3 makers) from 2/3, refiner B (2 makers) from 1 at the defaults; below "
        "2/3 both chains friend-shore; the coercer restricts whenever a refiner depends on "
        "it (leverage > 1)"
    ),
    essay_argument=(
        "weaponized interdependence runs along the network: coordination along supply "
        "chains locks firms into the coercer's supply even under restriction"
    ),
    references=(
        "Farrell and Newman 2019",
        "Janovskaya 1968",
        "Howson 1972",
    ),
    outcomes=TWO_TIER_OUTCOMES,
    sections=_cut_sections,
)
def two_tier_network_game(**defaults: Any) -> ParametricGame:
    r"""The two-tier supply network's strategic form, with its parameters kept symbolic.

    Parameters
    ----------
    **defaults
        New defaults for any of :data:`TWO_TIER_PARAMETERS`.

    Returns
    -------
    ParametricGame
        Seven players (``coercer``, ``refiner A``, ``refiner B``, ``maker 1``-``maker 4``)
        with two strategies each; payoffs are the polymatrix game's sums over edges, so
        ``game.at(**values).payoff_matrix`` agrees with
        ``two_tier_supply_network(**values).to_normal_form()``, and ``thresholds``,
        ``regimes``, ``sweep`` and ``analyze`` apply (pure equilibria: seven players).

    Raises
    ------
    InvalidGameError
        On unknown parameters or values outside a domain.

    Notes
    -----
    Deriving the payoffs: a polymatrix game (a bimatrix game on each edge; a player's payoff
    is the sum over its edges). On the coercer's edge to a refiner the coercer earns 1 from a
    sale to a sourcing refiner it supplies, ``leverage`` :math:`\ell` from restricting it,
    nothing from a refiner that friend-shored; the refiner gains ``dependency`` :math:`d`
    when it sources and is supplied, loses :math:`d` when it sources and is restricted, and
    pays ``diversification_cost`` :math:`k` when it diversifies. On a refiner-maker edge
    both gain ``coordination`` :math:`g` when they choose alike.

    **Key result.** With :math:`\ell > 1` the coercer restricts whenever a refiner sources.
    Under restriction refiner :math:`r`, whose :math:`n_r` makers all source, keeps sourcing
    iff :math:`-d + g n_r \ge -k`, i.e.

    .. math:: g \ge \frac{d - k}{n_r}:

    refiner A (:math:`n_A = 3`) from :math:`g = 2/3`, refiner B (:math:`n_B = 2`) from
    :math:`g = 1` at the defaults. Friend-shoring with every maker is always an equilibrium
    under restriction (:math:`-k + g n_r \ge -d`), and also with a supplying coercer once
    :math:`g \ge (d + k)/n_r` for both (from :math:`g = 2`). Locked-in chains are what the
    coercer's leverage rests on.

    Examples
    --------
    >>> from deterrence.analysis import thresholds
    >>> game = two_tier_network_game()
    >>> [t.value for t in thresholds(game, "coordination", fixed="defaults", domain=(0, 3),
    ...                              method="pure")]
    [Fraction(2, 3), Fraction(1, 1), Fraction(2, 1)]
    """
    parameters = with_defaults(TWO_TIER_PARAMETERS, defaults, "two_tier_supply_network")
    symbols = [sympy.Symbol(p.name, real=True) for p in TWO_TIER_PARAMETERS]
    strategies, edges = _two_tier_edges(*symbols)
    return ParametricGame(
        _expanded_payoffs(strategies, edges),
        parameters,
        players=tuple(strategies),
        strategies=tuple(strategies.values()),
        title="two-tier supply network",
        outcomes=TWO_TIER_OUTCOMES,
    )


def export_control_targets(game: PolymatrixGame | None = None, **options: Any) -> Any:
    """Which refiner's edge the coercer cuts first (largest damage to the network).

    Parameters
    ----------
    game : PolymatrixGame, optional
        Default: :func:`two_tier_supply_network` at its defaults.
    **options
        Passed to :func:`~deterrence.solvers.polymatrix.cut_effects` (``selection``:
        ``"best"`` by default, the equilibrium best for everyone but the coercer).

    Returns
    -------
    pandas.DataFrame
        :func:`~deterrence.solvers.polymatrix.cut_effects` for the coercer.

    Notes
    -----
    The network has several pure equilibria (6 at the defaults), so the answer depends on
    which one is played. In the equilibrium best for the firms, and in the worst, severing
    either refiner's edge *raises* the others' total by 1: a refiner that has friend-shored
    loses nothing by the cut, and the coercer's lever is restriction, not severance. Only
    the first equilibrium in search order (``selection="first"``, an artefact of the
    players' order) shows a loss of 3, and then for both refiners alike.

    Examples
    --------
    >>> table = export_control_targets()
    >>> table["rank"].tolist(), table["damage"].tolist()
    ([1, 1], [-1.0, -1.0])
    >>> export_control_targets(selection="first")["damage"].tolist()
    [3.0, 3.0]
    """
    return cut_effects(game or two_tier_supply_network(), "coercer", **options)
