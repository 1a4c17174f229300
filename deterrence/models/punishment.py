r"""Deterrence by punishment: strategic indispensability and the credibility of retaliation.

The essay contrasts deterrence by denial with deterrence by punishment, "the credible
demonstration of retaliatory capabilities to entirely offset the gains from a pre-emptive
attack", and finds its economic form in "seizing control of supply chain core competence,
such as production of advanced semiconductors and critical materials, or by insinuating
retaliation through economic statecraft utilizing these strategic assets", discussed in Japan
as *strategic indispensability*, while doubting "how effectively this would convey a punitive
message". The doubt is about credibility: retaliation hurts the retaliator too. This module
models it as Zagare and Kilgour's (2000) unilateral deterrence game with incomplete
information about the defender's resolve, and compares the cost of the two postures.

Deriving the payoffs
--------------------
1. Nature makes the defender *resolute* with probability ``credibility`` :math:`p` (the
   challenger's belief) and *irresolute* otherwise; the challenger does not observe which.
2. The challenger keeps the *status quo* (both get 0) or *challenges* (coerces the
   defender), gaining ``gain`` :math:`G` if the defender concedes and paying ``cost``
   :math:`C` whenever it coerces (lost export revenue, market share, reputation). ``gain``
   and ``cost`` are the same primitives, with the same meaning, as in the denial model
   (:data:`deterrence.models.denial.DENIAL_PARAMETERS`), so that :func:`compare_postures`
   compares the two postures against one and the same coercer.
3. A challenged defender *concedes* (loses ``loss`` :math:`L`) or *retaliates* by cutting off
   the chokepoint technology: the challenger suffers ``punishment`` :math:`P` (the measure of
   strategic indispensability) on top of its gain, and the defender pays
   ``retaliation_cost`` :math:`K` (lost exports, partners' displeasure). A resolute defender
   also earns ``reputation`` :math:`R` from demonstrating resolve (future coercion deterred);
   an irresolute one does not.

========================  ====================  ==========================================
path                      challenger            defender (resolute / irresolute)
========================  ====================  ==========================================
status quo                0                     0
challenge, concede        :math:`G - C`         :math:`-L`
challenge, retaliate      :math:`G - C - P`     :math:`-L - K + R` / :math:`-L - K`
========================  ====================  ==========================================

Key result
----------
Retaliation is subgame perfect for the resolute type exactly when :math:`R > K` and never for
the irresolute one (:math:`K > 0`): the threat is *credible* only then. Given that, the
challenger is deterred exactly when

.. math:: p > \frac{G - C}{P} = \frac{a_{DC} - a_{SQ}}{a_{DC} - a_{DD}},

Zagare and Kilgour's (2000) belief threshold, with challenger utilities :math:`a_{SQ} = 0`,
:math:`a_{DC} = G - C`, :math:`a_{DD} = G - C - P`. Deterrence by punishment needs the
capability :math:`P > G - C` *and* the belief. The default :math:`C = 0` gives the classic
:math:`G/P` (2/5 at the defaults).

References
----------
.. [1] F. C. Zagare and D. M. Kilgour, *Perfect Deterrence*, Cambridge University Press,
   2000, ch. 5.
.. [2] T. C. Schelling, *Arms and Influence*, Yale University Press, 1966.
.. [3] G. H. Snyder, *Deterrence and Defense*, Princeton University Press, 1961.
.. [4] S. Inomata, "What Is Meant by Supply Chain Resilience?", *Gaiko* 92, 2025.
"""

from __future__ import annotations

import dataclasses
from fractions import Fraction
from typing import Any

from deterrence.exceptions import InvalidGameError
from deterrence.games.extensive import ExtensiveFormGame, chance, decision, terminal
from deterrence.games.outcomes import Outcomes
from deterrence.games.parametric import Parameter
from deterrence.models._registry import register, with_defaults
from deterrence.models.denial import DENIAL_PARAMETERS

__all__ = [
    "PUNISHMENT_PARAMETERS",
    "deterrence_by_punishment",
    "PostureComparison",
    "compare_postures",
]

_DENIAL_PRIMITIVES = {p.name: p for p in DENIAL_PARAMETERS}

#: Parameters of the deterrence-by-punishment game (meaning, domain, default). ``gain`` and
#: ``cost`` are the denial model's coercer primitives (same names, same meaning).
PUNISHMENT_PARAMETERS: tuple[Parameter, ...] = (
    dataclasses.replace(_DENIAL_PRIMITIVES["gain"], default=4),
    Parameter(
        "punishment",
        default=10,
        domain=(0, None),
        description="harm retaliation through the chokepoint technology inflicts "
        "(strategic indispensability)",
    ),
    dataclasses.replace(_DENIAL_PRIMITIVES["cost"], default=0),
    Parameter(
        "credibility",
        default="1/3",
        domain=(0, 1),
        description="challenger's belief that the defender is resolute",
    ),
    Parameter(
        "loss",
        default=4,
        domain=(0, None),
        description="defender's loss when it concedes to coercion",
    ),
    Parameter(
        "retaliation_cost",
        default=3,
        domain=(0, None),
        description="defender's own cost of cutting off the chokepoint technology",
    ),
    Parameter(
        "reputation",
        default=5,
        domain=(0, None),
        description="resolute defender's value of demonstrating resolve",
    ),
)


#: How the punishment game's subgame-perfect paths read. The challenger's one information
#: set is reached on both chance branches; its play may be reported once or per branch.
PUNISHMENT_OUTCOMES = Outcomes(
    [
        ({"challenger": ("status quo", "status quo/status quo")}, "challenger deterred"),
        ({"defender": "retaliate/concede"}, "challenge, only a resolute defender retaliates"),
        ({"defender": ("retaliate", "retaliate/retaliate")}, "challenge met by retaliation"),
        ({"defender": ("concede", "concede/concede")}, "challenge, defender concedes"),
    ]
)


@register(
    "punishment",
    story=(
        "a defender controlling a chokepoint technology threatens costly retaliation; the "
        "challenger is unsure whether the defender is resolute"
    ),
    kind="extensive form",
    parameters=PUNISHMENT_PARAMETERS,
    key_parameter="credibility",
    key_result=(
        "retaliation is credible (subgame perfect) for a resolute defender exactly "
        "when reputation > retaliation_cost, and the challenger is then deterred "
        "exactly when credibility > (gain - cost)/punishment (Zagare and Kilgour "
        "2000)"
    ),
    essay_argument=(
        "strategic indispensability as deterrence by punishment; doubts about "
        "whether it conveys a credible punitive message"
    ),
    references=("Zagare and Kilgour 2000", "Schelling 1966", "Inomata 2025"),
    outcomes=PUNISHMENT_OUTCOMES,
)
def deterrence_by_punishment(**defaults: Any) -> ExtensiveFormGame:
    r"""Unilateral deterrence by punishment with uncertainty about the defender's resolve.

    Parameters
    ----------
    **defaults
        New defaults for any of :data:`PUNISHMENT_PARAMETERS`.

    Returns
    -------
    ExtensiveFormGame
        A parametric tree: chance (resolute / irresolute), then the challenger (one
        information set: it does not see the type), then the defender (one node per type).

    Raises
    ------
    InvalidGameError
        On unknown parameters or values outside a domain.

    Notes
    -----
    Payoffs are derived in the module docstring. **Key result.** If
    :math:`R > K`, the resolute defender retaliates and the irresolute one concedes, so a
    challenge earns :math:`G - C - pP` and the challenger is deterred exactly when
    :math:`p > (G - C)/P` (Zagare and Kilgour 2000, the unilateral deterrence game with
    one-sided incomplete information). At the defaults (:math:`C = 0`) :math:`(G - C)/P =
    2/5`, above the default belief
    :math:`1/3`: the challenger challenges.

    Examples
    --------
    >>> game = deterrence_by_punishment()
    >>> game.has_chance, game.is_perfect_information
    (True, False)
    >>> game.to_normal_form().strategies[0]
    ('status quo', 'challenge')
    """
    parameters = with_defaults(PUNISHMENT_PARAMETERS, defaults, "punishment")

    def defender(reputation: str) -> Any:
        return decision(
            "defender",
            {
                "retaliate": terminal(
                    "gain - cost - punishment", f"-loss - retaliation_cost{reputation}"
                ),
                "concede": terminal("gain - cost", "-loss"),
            },
        )

    def challenger(branch: Any) -> Any:
        return decision(
            "challenger", {"status quo": terminal(0, 0), "challenge": branch}, infoset="challenger"
        )

    root = chance(
        {
            "resolute": ("credibility", challenger(defender(" + reputation"))),
            "irresolute": ("1 - credibility", challenger(defender(""))),
        }
    )
    return ExtensiveFormGame.build(
        players=("challenger", "defender"),
        root=root,
        parameters=parameters,
        title="deterrence by punishment (strategic indispensability)",
        outcomes=PUNISHMENT_OUTCOMES,
    )


@dataclasses.dataclass(frozen=True)
class PostureComparison:
    """Which posture deters at lower cost, with the capabilities each needs.

    Attributes
    ----------
    required_coverage : Fraction or float
        Coverage of the shortfall denial needs, :math:`(1 - C/G)/(p_d s)`.
    required_punishment : Fraction or float
        Punishment capability punishment needs, :math:`(G - C)/p_r`.
    denial_cost, punishment_cost : Fraction or float
        Cost of building each capability (``inf`` when the posture cannot deter).
    cheaper : str
        ``"denial"``, ``"punishment"``, ``"equal"`` or ``"neither"``.
    formula : str
        The comparison in words.

    Notes
    -----
    Returned by :func:`compare_postures`, which derives every field.

    Examples
    --------
    >>> compare_postures().cheaper
    'denial'
    """

    required_coverage: Any
    required_punishment: Any
    denial_cost: Any
    punishment_cost: Any
    cheaper: str
    formula: str


def _number(value: Any, what: str) -> Any:
    if isinstance(value, float):
        return value
    try:
        return Fraction(value)
    except (TypeError, ValueError):
        raise InvalidGameError(f"{what} is {value!r}; expected a number") from None


def compare_postures(
    *,
    gain: Any = 10,
    cost: Any = 3,
    credibility: Any = "4/5",
    information_sharing: Any = "9/10",
    retaliation_credibility: Any = "1/2",
    denial_unit_cost: Any = 1,
    punishment_unit_cost: Any = 1,
) -> PostureComparison:
    r"""For given capabilities, which posture, denial or punishment, deters at lower cost.

    Parameters
    ----------
    gain, cost : number
        The coercer's gain :math:`G` from a successful squeeze and its cost :math:`C` of
        coercing: the parameters ``gain`` and ``cost`` of both the denial and the punishment
        game, :math:`G > C`.
    credibility, information_sharing : number
        Denial: the probability partners honour sharing (:math:`p_d`) and that bottlenecks are
        seen in time (:math:`s`).
    retaliation_credibility : number
        Punishment: the probability the defender retaliates (:math:`p_r`; 1 when retaliation
        is subgame perfect for a known resolute defender, the belief otherwise).
    denial_unit_cost : number
        Cost :math:`a` per unit of the coercer's gain covered by sharing capacity
        (stockpiles, spare capacity, the mechanism).
    punishment_unit_cost : number
        Cost :math:`b` per unit of punishment capability (keeping a chokepoint technology
        indispensable: R&D, export-control apparatus).

    Returns
    -------
    PostureComparison

    Raises
    ------
    InvalidGameError
        If a value is not a number, probabilities leave [0, 1], or :math:`G \le C`.

    Notes
    -----
    Both postures face the same coercer, described by the primitives the two games share:
    ``gain`` :math:`G` and ``cost`` :math:`C` (parameters of both
    :func:`~deterrence.models.denial.deterrence_by_denial` and
    :func:`deterrence_by_punishment`), and both must remove its net gain :math:`G - C`.
    Denial removes the expected share :math:`p_d s k` of :math:`G` (Snyder 1961), so it needs
    coverage :math:`k^* = (1 - C/G)/(p_d s)`, the denial game's coverage threshold (feasible
    only if :math:`k^* \le 1`), costing :math:`a k^* G = a (G - C)/(p_d s)`. Punishment
    inflicts :math:`P` with probability :math:`p_r` (the punishment game's ``credibility``
    when retaliation is credible, :math:`R > K`), so it needs :math:`P^* = (G - C)/p_r`, the
    punishment game's subgame-perfect threshold (Zagare and Kilgour 2000), costing
    :math:`b (G - C)/p_r`. Hence, when both are feasible,

    .. math:: \text{denial is cheaper} \iff a\, p_r < b\, p_d\, s,

    independent of the stakes: denial wins when partners are reliable and information flows,
    punishment when retaliation is credible and indispensability cheap to keep.

    Examples
    --------
    >>> result = compare_postures()
    >>> result.cheaper, result.required_coverage, result.denial_cost, result.punishment_cost
    ('denial', Fraction(35, 36), Fraction(175, 18), Fraction(14, 1))
    >>> compare_postures(retaliation_credibility=1).cheaper
    'punishment'
    """
    g, c = _number(gain, "gain"), _number(cost, "cost")
    p_d = _number(credibility, "credibility")
    s = _number(information_sharing, "information_sharing")
    p_r = _number(retaliation_credibility, "retaliation_credibility")
    a = _number(denial_unit_cost, "denial_unit_cost")
    b = _number(punishment_unit_cost, "punishment_unit_cost")
    for name, value in (
        ("credibility", p_d),
        ("information_sharing", s),
        ("retaliation_credibility", p_r),
    ):
        if not 0 <= value <= 1:
            raise InvalidGameError(f"{name}={value} is outside its domain [0, 1]")
    if not g > c:
        raise InvalidGameError(
            f"gain={g} must exceed cost={c}; otherwise coercion never pays and no posture is needed"
        )
    infinity = float("inf")
    coverage = (1 - c / g) / (p_d * s) if p_d * s > 0 else infinity
    punishment = (g - c) / p_r if p_r > 0 else infinity
    denial_cost = a * coverage * g if coverage <= 1 else infinity
    punishment_cost = b * punishment if punishment != infinity else infinity
    if denial_cost == infinity and punishment_cost == infinity:
        cheaper = "neither"
    elif denial_cost < punishment_cost:
        cheaper = "denial"
    elif punishment_cost < denial_cost:
        cheaper = "punishment"
    else:
        cheaper = "equal"
    formula = (
        "denial deters at lower cost exactly when denial_unit_cost * "
        "retaliation_credibility < punishment_unit_cost * credibility * "
        "information_sharing (and the required coverage (1 - cost/gain)/(credibility * "
        "information_sharing) is at most 1)"
    )
    return PostureComparison(coverage, punishment, denial_cost, punishment_cost, cheaper, formula)
