r"""Two blocs competing for the rest of the world: courting, network effects and non-alignment.

The essay warns that friend-shoring is "analogous to military alliances": the United States'
Indo-Pacific Strategy "clearly positions the IPEF as a friend-shoring instrument" against
China's Belt and Road Initiative, and "such friend-shoring races may lead to transforming the
global economy into a two-block regime if these superpowers intensify their battles for
supply chain dominance over the rest of the world". This module makes the race a game: two
blocs court, third countries choose a bloc or stay non-aligned, and the question is when the
world splits in two, when one bloc absorbs everyone, and when non-alignment survives.

Deriving the payoffs (the third countries)
------------------------------------------
1. ``num_countries`` :math:`N` third countries, identical and anonymous, each *join A*,
   *join B* or stay *non-aligned*. With :math:`k_A, k_B` the numbers of the *other*
   :math:`n = N - 1` countries in each bloc, :math:`s_A = k_A / n` and :math:`s_B = k_B / n`
   are the shares of the rest of the world already inside.
2. **Network effects, market access.** A member of a bloc gains ``network`` :math:`g` times
   the share of the others inside it (supply chains, standards and markets grow with
   membership).
3. **Courting.** Each bloc makes offers (investment, market access, aid) worth ``courting``
   :math:`c` (bloc A adds ``advantage`` :math:`e`). Offers buy the contested part of the
   world: a member receives them in proportion to the share of the others still *outside*
   its bloc, :math:`c\,(1 - s_A)` (a bloc that already has everyone stops paying; this
   is what makes courting a race for the rest of the world).
4. **Dependence.** A member bears ``dependence`` :math:`d`: exposure to coercion by its
   bloc's leader, loss of policy autonomy.
5. **Non-alignment keeps options** worth ``autonomy`` :math:`a` (trade with both sides, no
   dependence) but is **squeezed** as the blocs grow: ``squeeze`` :math:`q` per unit share
   of the others in either bloc (secondary sanctions, forced choices, lost access).

.. math::
    u(\text{join A}) &= (c + e)(1 - s_A) + g\,s_A - d, \\
    u(\text{join B}) &= c\,(1 - s_B) + g\,s_B - d, \\
    u(\text{non-aligned}) &= a - q\,(s_A + s_B).

Payoffs are affine in the counts, so when the others join A, B or stay out with
probabilities :math:`x = (x_A, x_B, x_N)` the expected shares are :math:`E[s_A] = x_A`,
:math:`E[s_B] = x_B` and the expected payoffs are linear in :math:`x`: every symmetric
equilibrium has a closed form, whatever :math:`N`.

Key results (symmetric offers, :math:`e = 0`)
---------------------------------------------
Stability is that of the replicator dynamics on the simplex (a stable equilibrium is one the
world returns to after small defections); formulas hold for every :math:`N \ge 2`.

* **Non-alignment survives** (everyone non-aligned is a stable equilibrium) exactly when
  :math:`c < a + d`: joining pays :math:`c - d` against :math:`a` when nobody has joined.
* **One bloc absorbs everyone** (all join A, or all join B, is stable) exactly when
  :math:`c < g` and :math:`g - d > a - q`: in a full bloc a member gets the network
  :math:`g` but no offers, a defector to the rival gets its full offer :math:`c`.
* **The world splits into two blocs** (each country joins A or B with probability 1/2, a
  stable equilibrium; with an even :math:`N`, also :math:`N/2` in each bloc as a pure
  equilibrium) exactly when :math:`c > g` and :math:`(c + g)/2 - d > a - q`: when courting
  outweighs network effects, a bloc's offers shrink as it fills, so each bloc keeps only
  half the world. Below :math:`c = g` the half-half mix is a saddle (the tipping point
  between the two absorbing blocs).
* Other symmetric equilibria (a bloc with some non-aligned countries,
  :math:`x_A = (a + d - c)/(g + q - c)`; all three, :math:`x_A = x_B = (a + d - c)/(g + 2q -
  c)`) are saddles or unstable: they separate the basins of the stable ones.

At the defaults (:math:`g = 3, d = 1, a = 1, q = 3/2`) the answer changes at
:math:`c = a + d = 2` and :math:`c = g = 3`: for :math:`c < 2` the world may stay non-aligned
or tip into either bloc; for :math:`2 < c < 3` one bloc absorbs everyone; for :math:`c > 3`
the world splits in two. An intensifying race (rising :math:`c`) thus ends non-alignment
first and then splits the world, as the essay argues.

The blocs' stage: a courting race
---------------------------------
:func:`courting_race` lets each bloc court softly or hard (offers ``soft`` or ``hard``). A
bloc values each member at ``member_value`` :math:`V` and pays its offers, so with a share
:math:`x_A` of the world inside it earns :math:`x_A\,(V - c_A(1 - x_A))` per country.
**Selection rule** (the answer depends on it): the countries play a *stable* symmetric
equilibrium of their game; when several are stable, each is equally likely
(``selection="uniform"``); ``selection="status_quo"`` instead keeps the world non-aligned
whenever that is stable. At the defaults (:math:`V = 3`, soft 1, hard 4) courting hard is
dominant for both blocs under either rule; under the uniform rule the race leaves each bloc
1/2 instead of 1 (a prisoner's dilemma: the economic security dilemma of the essay),
under the status-quo rule it is a gain over 0 (no dilemma, the race is simply profitable).

Assumptions that change an answer
---------------------------------
* Offers proportional to the share still outside (step 3): with flat offers the split is
  never stable for identical countries (positive network effects make joining a
  coordination game); congestion of this kind, or heterogeneity, is what splits the world.
* Identical countries: with heterogeneous affinities a split can be stable without
  congestion; the symmetric equilibria here describe a population, not named countries.
* Stability under the replicator dynamics, and the equilibrium-selection rule of the blocs'
  stage (above).
* Linear (affine) network effects and squeeze: with convex network effects the thresholds
  move and depend on :math:`N` (the solvers handle any payoff; the closed forms do not).

References
----------
.. [1] S. Inomata, "What Is Meant by Supply Chain Resilience?", *Gaiko* 92, 2025.
.. [2] H. Farrell and A. L. Newman, "Weaponized interdependence", *International Security*
   44(1), 2019.
.. [3] R. Jervis, "Cooperation under the security dilemma", *World Politics* 30(2), 1978.
.. [4] P. D. Taylor and L. B. Jonker, "Evolutionary stable strategies and game dynamics",
   *Mathematical Biosciences* 40, 1978.
"""

from __future__ import annotations

import warnings
from fractions import Fraction
from typing import Any

from deterrence.exceptions import DegenerateGameWarning, InvalidGameError
from deterrence.games.normal_form import NormalFormGame
from deterrence.games.outcomes import Outcomes
from deterrence.games.parametric import Parameter
from deterrence.games.parametric_anonymous import ParametricAnonymousGame
from deterrence.models._registry import register, with_defaults

__all__ = [
    "BLOC_PARAMETERS",
    "BLOC_STRATEGIES",
    "bloc_competition",
    "bloc_regimes",
    "bloc_thresholds",
    "bloc_payoffs",
    "courting_race",
]

#: The third countries' choices.
BLOC_STRATEGIES = ("join A", "join B", "non-aligned")

#: Parameters of the bloc competition (meaning, domain, default).
BLOC_PARAMETERS: tuple[Parameter, ...] = (
    Parameter(
        "num_countries",
        default=10,
        domain=(2, None),
        description="number of third countries courted by the blocs (an integer)",
    ),
    Parameter(
        "courting",
        default=1,
        domain=(0, None),
        description="value of each bloc's offers to a member when the rest of the world is "
        "still outside",
    ),
    Parameter(
        "advantage",
        default=0,
        description="bloc A's offers above bloc B's",
    ),
    Parameter(
        "network",
        default=3,
        domain=(0, None),
        description="a member's gain per unit share of the others inside its bloc",
    ),
    Parameter(
        "dependence",
        default=1,
        domain=(0, None),
        description="a member's cost of dependence on its bloc's leader",
    ),
    Parameter(
        "autonomy",
        default=1,
        description="value of non-alignment (options kept) when no bloc has members",
    ),
    Parameter(
        "squeeze",
        default=Fraction(3, 2),
        domain=(0, None),
        description="a non-aligned country's loss per unit share of the others in either bloc",
    ),
)

#: How the countries' equilibria read.
BLOC_OUTCOMES = Outcomes(
    [
        ({"country": "join A"}, "bloc A absorbs every country"),
        ({"country": "join B"}, "bloc B absorbs every country"),
        ({"country": "non-aligned"}, "every country stays non-aligned"),
    ]
)


def _values(overrides: dict[str, Any]) -> dict[str, Any]:
    parameters = with_defaults(BLOC_PARAMETERS, overrides, "bloc_competition")
    return {p.name: p.default for p in parameters}


@register(
    "bloc_competition",
    story=(
        "two blocs court N third countries, which join bloc A, join bloc B or stay "
        "non-aligned; membership gains grow with the bloc, offers pay for the part of the "
        "world still outside, non-alignment keeps options but is squeezed as blocs grow"
    ),
    kind="anonymous",
    parameters=BLOC_PARAMETERS,
    key_parameter="courting",
    key_range=(0, 5),
    key_result=(
        "non-alignment survives iff courting < autonomy + dependence; one bloc absorbs "
        "everyone iff courting < network and network - dependence > autonomy - squeeze; the "
        "world splits into two blocs (half in each) iff courting > network and "
        "(courting + network)/2 - dependence > autonomy - squeeze (thresholds 2 and 3 at "
        "the defaults); a courting race (both court hard) is the blocs' equilibrium"
    ),
    essay_argument=(
        "friend-shoring races between superpowers for the rest of the world may transform "
        "the global economy into a two-block regime"
    ),
    references=("Inomata 2025", "Farrell and Newman 2019", "Jervis 1978"),
    structural=("num_countries",),
    outcomes=BLOC_OUTCOMES,
)
def bloc_competition(**defaults: Any) -> ParametricAnonymousGame:
    r"""The third countries' game as a parametric anonymous game with three strategies.

    Parameters
    ----------
    **defaults
        Values for any of :data:`BLOC_PARAMETERS` (``num_countries`` must be an integer
        :math:`\ge 2`; it fixes the size of the game).

    Returns
    -------
    ParametricAnonymousGame
        Strategies :data:`BLOC_STRATEGIES`, players called ``"country"``; parameters
        ``courting``, ``advantage``, ``network``, ``dependence``, ``autonomy`` and
        ``squeeze``, so ``thresholds``, ``regimes`` and ``sweep`` apply (count equilibria
        and symmetric mixes, see :func:`~deterrence.solvers.anonymous.solve_anonymous_mixtures`).

    Raises
    ------
    InvalidGameError
        On unknown parameters, values outside a domain or a non-integer ``num_countries``.

    Notes
    -----
    Payoffs are derived in the module docstring. **Key result**: non-alignment survives iff
    :math:`c < a + d`; one bloc absorbs everyone iff :math:`c < g` and
    :math:`g - d > a - q`; the world splits into two blocs iff :math:`c > g` and
    :math:`(c + g)/2 - d > a - q`.

    Examples
    --------
    >>> from deterrence.analysis import thresholds
    >>> game = bloc_competition()
    >>> game.num_players, game.strategies
    (10, ('join A', 'join B', 'non-aligned'))
    >>> [t.value for t in thresholds(game, "courting", fixed="defaults", domain=(0, 5))]
    [Fraction(2, 1), Fraction(3, 1)]
    """
    values = _values(defaults)
    count = values["num_countries"]
    if Fraction(count).denominator != 1:
        raise InvalidGameError(f"num_countries is {count}; expected an integer")
    count = int(count)
    n = count - 1
    parameters = tuple(p for p in with_defaults(BLOC_PARAMETERS, defaults, "bloc_competition"))
    return ParametricAnonymousGame(
        count,
        {
            "join A": f"(courting + advantage)*(1 - k1/{n}) + network*k1/{n} - dependence",
            "join B": f"courting*(1 - k2/{n}) + network*k2/{n} - dependence",
            "non-aligned": f"autonomy - squeeze*(k1 + k2)/{n}",
        },
        parameters[1:],
        strategies=BLOC_STRATEGIES,
        title="two blocs competing for third countries",
        player_label="country",
        outcomes=BLOC_OUTCOMES,
    )


def bloc_thresholds(**values: Any) -> dict[str, Any]:
    """The key result's thresholds in ``courting``, from the formulas (symmetric offers).

    Parameters
    ----------
    **values
        Parameter values (defaults otherwise).

    Returns
    -------
    dict
        ``"non_alignment_ends"``: :math:`a + d` (non-alignment is stable below it);
        ``"split_begins"``: :math:`g` (absorption below it, the split above it).

    Examples
    --------
    >>> bloc_thresholds()
    {'non_alignment_ends': Fraction(2, 1), 'split_begins': Fraction(3, 1)}
    >>> bloc_thresholds(autonomy=2)["non_alignment_ends"]
    Fraction(3, 1)
    """
    v = {k: Fraction(x) for k, x in _values(values).items()}
    return {"non_alignment_ends": v["autonomy"] + v["dependence"], "split_begins": v["network"]}


def bloc_regimes(**values: Any) -> dict[str, bool]:
    """Which of the three outcomes is a stable equilibrium, from the closed forms.

    Parameters
    ----------
    **values
        Parameter values (defaults otherwise); ``advantage`` must be 0 (the formulas are
        for symmetric offers).

    Returns
    -------
    dict
        ``"non_alignment_survives"``, ``"one_bloc_absorbs"``, ``"two_blocs"``.

    Raises
    ------
    InvalidGameError
        If ``advantage`` is not 0.

    Examples
    --------
    >>> bloc_regimes(courting=1)
    {'non_alignment_survives': True, 'one_bloc_absorbs': True, 'two_blocs': False}
    >>> bloc_regimes(courting=4)
    {'non_alignment_survives': False, 'one_bloc_absorbs': False, 'two_blocs': True}
    """
    v = {k: Fraction(x) for k, x in _values(values).items()}
    if v["advantage"] != 0:
        raise InvalidGameError(
            f"advantage is {v['advantage']}; the closed forms are for symmetric offers (0)"
        )
    c, g, d, a, q = (v[k] for k in ("courting", "network", "dependence", "autonomy", "squeeze"))
    return {
        "non_alignment_survives": c < a + d,
        "one_bloc_absorbs": c < g and g - d > a - q,
        "two_blocs": c > g and (c + g) / 2 - d > a - q,
    }


def _stable_mixtures(offer_a: Any, offer_b: Any, values: dict[str, Any]) -> list[Any]:
    from deterrence.solvers.anonymous import solve_anonymous_mixtures

    point = {k: v for k, v in values.items() if k != "num_countries"}
    point.update(courting=Fraction(offer_b), advantage=Fraction(offer_a) - Fraction(offer_b))
    game = bloc_competition(num_countries=values["num_countries"]).at(**point)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DegenerateGameWarning)
        result = solve_anonymous_mixtures(game, exact=True)
    return [eq for eq in result if eq.stability == "stable"]


def bloc_payoffs(
    offer_a: Any,
    offer_b: Any,
    *,
    member_value: Any = 3,
    selection: str = "uniform",
    **values: Any,
) -> tuple[Fraction, Fraction]:
    r"""The blocs' expected payoffs when they offer ``offer_a`` and ``offer_b``.

    Parameters
    ----------
    offer_a, offer_b : number
        Each bloc's courting offer :math:`c_A, c_B`.
    member_value : number, default 3
        A bloc's value :math:`V` of each member (per country of the world).
    selection : {"uniform", "status_quo"}
        Which stable symmetric equilibrium of the countries' game is played: each equally
        likely, or "every country stays non-aligned" whenever that is stable (else uniform).
    **values
        The countries' other parameters (``num_countries``, ``network``, ``dependence``,
        ``autonomy``, ``squeeze``).

    Returns
    -------
    tuple of Fraction
        :math:`E[x_A (V - c_A (1 - x_A))]` and the same for B over the selected equilibria.

    Raises
    ------
    InvalidGameError
        On an unknown selection rule or parameter.

    Examples
    --------
    >>> bloc_payoffs(4, 1)
    (Fraction(3, 1), Fraction(0, 1))
    >>> bloc_payoffs(1, 1), bloc_payoffs(1, 1, selection="status_quo")
    ((Fraction(1, 1), Fraction(1, 1)), (Fraction(0, 1), Fraction(0, 1)))
    """
    if selection not in ("uniform", "status_quo"):
        raise InvalidGameError(f"selection is {selection!r}; choose 'uniform' or 'status_quo'")
    unknown = set(values) - {"num_countries", "network", "dependence", "autonomy", "squeeze"}
    if unknown:
        raise InvalidGameError(
            f"unknown parameter(s) {sorted(unknown)}; the offers are given as offer_a, offer_b"
        )
    stable = _stable_mixtures(offer_a, offer_b, _values(values))
    if selection == "status_quo":
        still = [eq for eq in stable if eq.probabilities[2] == 1]
        stable = still or stable
    value = Fraction(member_value)
    offers = (Fraction(offer_a), Fraction(offer_b))
    totals = [Fraction(0), Fraction(0)]
    for eq in stable:
        for bloc in (0, 1):
            share = Fraction(eq.probabilities[bloc])
            totals[bloc] += share * (value - offers[bloc] * (1 - share))
    return (totals[0] / len(stable), totals[1] / len(stable))


def courting_race(
    *,
    soft: Any = 1,
    hard: Any = 4,
    member_value: Any = 3,
    selection: str = "uniform",
    **values: Any,
) -> NormalFormGame:
    r"""The blocs' stage: each courts softly or hard, then the countries choose.

    Parameters
    ----------
    soft, hard : number
        The two courting offers each bloc can make.
    member_value : number
        A bloc's value of each member.
    selection : {"uniform", "status_quo"}
        The countries' equilibrium selection (see :func:`bloc_payoffs`).
    **values
        The countries' other parameters.

    Returns
    -------
    NormalFormGame
        Players ``("bloc A", "bloc B")``, strategies ``("court softly", "court hard")``,
        exact payoffs from :func:`bloc_payoffs`.

    Notes
    -----
    At the defaults, courting hard is dominant for both blocs; under the uniform rule the
    race pays each bloc 1/2 against 1 if both courted softly (a prisoner's dilemma), and the
    race splits the world whenever ``hard`` exceeds ``network``.

    Examples
    --------
    >>> from deterrence import solve
    >>> race = courting_race()
    >>> [eq.outcome for eq in solve(race, exact=True)]
    ['(court hard, court hard)']
    >>> race.payoff_matrix(0).tolist()
    [[Fraction(1, 1), Fraction(0, 1)], [Fraction(3, 1), Fraction(1, 2)]]
    """
    levels = (soft, hard)
    first = [[Fraction(0)] * 2 for _ in range(2)]
    second = [[Fraction(0)] * 2 for _ in range(2)]
    for i, offer_a in enumerate(levels):
        for j, offer_b in enumerate(levels):
            first[i][j], second[i][j] = bloc_payoffs(
                offer_a, offer_b, member_value=member_value, selection=selection, **values
            )
    return NormalFormGame.from_matrices(
        first,
        second,
        players=("bloc A", "bloc B"),
        strategies=(("court softly", "court hard"),) * 2,
        title="courting race",
    )
