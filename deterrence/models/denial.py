r"""Deterrence by denial: a coercer, a coalition and a supply-sharing mechanism.

The essay "What Is Meant by Supply Chain Resilience?" (Inomata, 2025) argues that
friend-shoring arrangements such as the IPEF Supply Chain Agreement deter economic coercion
*by denial*: members share critical supplies, or at least information on their supply
capacity, when one of them faces a bottleneck, which "lowers [the adversaries'] expectation on
the effectiveness of hostile actions, such as economic coercion through export restrictions on
critical materials, thereby reducing the willingness to launch such measures", and
"institutionalization of these mechanisms ... raises the credibility of allies' willingness to
commit". This module turns that argument into games: the one-shot game
(:func:`deterrence_by_denial`, model ``"denial"``), its sequential version in which the
coalition's response must be subgame perfect (:func:`sequential_denial`,
``"denial_sequential"``), and the essay's contrast between natural and *proactive*
geopolitical risk, where a countermeasure changes the adversary's behaviour
(:func:`geopolitical_risk`, ``"geopolitical_risk"``).

Deriving the payoffs
--------------------
A coercer chooses to *coerce* (restrict exports of a critical input) or *refrain*. A coalition
decides whether its supply-sharing mechanism is activated (*share*) or not (*not share*).

1. Coercion succeeds unless the shortfall is made good. The shortfall is made good only if the
   partners honour their commitment (probability ``credibility`` :math:`p`, raised by
   ``institutionalisation`` :math:`\iota` to the *effective credibility*
   :math:`p_e = p + \iota (1 - p)`: institutions close a share :math:`\iota` of the gap to
   certainty), the bottleneck is seen early enough (probability ``information_sharing``
   :math:`s`) and the partners can cover it (share ``coverage`` :math:`k`). These three
   independent conditions give the *mitigated share* of the coercer's gain
   :math:`m = p_e \, s \, k`.
2. The coercer gains ``gain`` :math:`G` from a successful squeeze and pays ``cost``
   :math:`C` (lost export revenue, market share, reputation) whenever it coerces: coercion
   earns :math:`G(1 - m) - C` against an active mechanism and :math:`G - C` against none;
   refraining earns 0.
3. The coalition suffers ``damage`` :math:`D` from unmitigated coercion, pays
   ``sharing_cost`` :math:`c_s` to redistribute supplies when it activates the mechanism under
   coercion, and enjoys the mechanism's ``resilience_dividend`` :math:`r \ge 0` (its
   conventional risk-diversification value against natural and cyber disruptions, the essay's
   "on top of") whether or not the coercer strikes.

=========  ==================================  ==============
           share                               not share
=========  ==================================  ==============
coerce     G(1-m) - C,  r - c_s - D(1-m)       G - C,  -D
refrain    0,  r                               0,  0
=========  ==================================  ==============

Key result
----------
Sharing is the coalition's best reply to coercion when :math:`D m + r > c_s` (always its best
reply to restraint when :math:`r > 0`). Then coercion is deterred exactly when

.. math:: p_e \, s \, k > 1 - C / G,

i.e. with no institutionalisation, *credibility * information_sharing * coverage > 1 -
cost/gain*; the credibility threshold is :math:`p^* = (1 - C/G) / (s k)` and, with
institutionalisation, :math:`p^* = ((1 - C/G)/(s k) - \iota) / (1 - \iota)`.

Presets: the real agreements
----------------------------
``get_model("denial").build(preset=NAME)`` (or ``deterrence analyze denial --preset NAME``)
sets the four parameters that describe the arrangement, ``credibility``,
``information_sharing``, ``coverage`` and ``institutionalisation``; the coercer and the
coalition's stakes (``gain`` 10, ``cost`` 3, ``damage``, ``sharing_cost``,
``resilience_dividend``) keep their defaults, because the agreements do not change them.
Facts are dated and sourced; **every number is a judgement call** that maps those facts onto
a probability or a share, and is named as such. The key result of each preset is the
mitigated share :math:`m = p_e s k` and the least coercer cost share :math:`C/G > 1 - m` that
it deters.

``"ipef"``: IPEF Supply Chain Agreement (Agreement Relating to Supply Chain Resilience for
Prosperity).

    *Facts.* 14 partners (Australia, Brunei Darussalam, Fiji, India, Indonesia, Japan, the
    Republic of Korea, Malaysia, New Zealand, the Philippines, Singapore, Thailand, the United
    States, Viet Nam); signed in San Francisco on 14 November 2023; in force on 24 February
    2024 for the first five to ratify (Fiji, India, Japan, Singapore, the United States; US
    Department of Commerce press release, 31 January 2024). It creates a Supply Chain
    Council, a Supply Chain Crisis Response Network, described by Commerce as an emergency
    communications channel that can help support the timely delivery of affected goods in
    an acute crisis, and a Labor Rights Advisory Board; partners notify critical sectors and
    key goods within 120 days of entry into force; the three bodies first met (virtually)
    in July 2024 (Commerce, 30 July 2024). It commits to information sharing and
    coordination, not to sharing supplies.
    *Values (judgement calls).* ``information_sharing`` 4/5: the crisis network exists to see
    bottlenecks early. ``credibility`` 1/2: no obligation to supply, so help in a crisis is
    discretionary. ``institutionalisation`` 1/5: standing bodies with terms of reference,
    but no penalty for not helping. ``coverage`` 3/5: a large group, but for many critical
    minerals the processing capacity lies outside it.
    *Key result.* :math:`p_e = 3/5`, :math:`m = 36/125`: coercion is not deterred at the
    defaults (it needs :math:`C/G > 89/125`); no credibility deters (:math:`p^* = 151/96 >
    1`): information sharing without supply commitments cannot deter by denial on its own.
    The coalition still shares once coerced (above credibility 29/384).

``"eu_imera"``: EU Single Market Emergency Instrument, adopted as the Internal Market
Emergency and Resilience Act (IMERA).

    *Facts.* Proposed by the Commission on 19 September 2022 as the Single Market Emergency
    Instrument (procedure 2022/0278(COD)); adopted as Regulation (EU) 2024/2747 of 9 October
    2024, published in the Official Journal on 8 November 2024 (EUR-Lex, ELI
    http://data.europa.eu/eli/reg/2024/2747/oj); applies from May 2026. Members: the 27 EU
    member states (a text with EEA relevance). A vigilance mode (monitoring, stress tests)
    and an emergency mode with a list of prohibited national measures, including bans on
    intra-Union exports of crisis-relevant goods, and last-resort tools: targeted information
    requests to firms, priority-rated requests, joint procurement (Council press release, 26
    September 2024). A directly applicable regulation, enforced by the Commission.
    *Values (judgement calls).* ``credibility`` 4/5: member states may not block
    intra-Union supplies in an emergency. ``institutionalisation`` 3/5: binding law with an
    enforcer, though active redistribution still depends on governments and firms.
    ``information_sharing`` 4/5: monitoring and information requests. ``coverage`` 3/5: the
    single market can redistribute what it holds, but against an external supplier of, say,
    rare earths it holds little (the same judgement as for IPEF).
    *Key result.* :math:`p_e = 23/25`, :math:`m = 276/625`: not deterred at the defaults (it
    needs :math:`C/G > 349/625`); the binding instrument mitigates half again as much as IPEF
    (276/625 against 36/125), but coverage caps what any credibility can do
    (:math:`p^* = 103/48 > 1`).

``"us_japan_cma"``: 2023 US-Japan Critical Minerals Agreement.
    *Facts.* Agreement between the Government of the United States of America and the
    Government of Japan on Strengthening Critical Minerals Supply Chains, signed in
    Washington on 28 March 2023 by USTR Katherine Tai and Ambassador Tomita Koji, in force on
    signature (USTR press release, 28 March 2023). Two parties; five minerals (cobalt,
    graphite, lithium, manganese, nickel). Commitments: no export duties on these minerals
    to each other; consultation on measures against non-parties' non-market policies; best
    practices for reviewing foreign investment in the sector; resource efficiency; labour
    rights engagement, information sharing and enforcement. Its purpose included letting
    Japanese minerals count for the US clean-vehicle tax credit (Jiji Press, 28 March 2023,
    which also reported an understanding to act together against deliberate disruption). No
    commitment to share supplies in a crisis.
    *Values (judgement calls).* ``credibility`` 1/5: no supply commitment, only consultation.
    ``institutionalisation`` 1/10: no standing crisis body or penalty that we know of.
    ``information_sharing`` 1/2: consultation channels exist, but the information-sharing
    commitment concerns labour rights. ``coverage`` 1/5: neither party refines much of
    these minerals.
    *Key result.* :math:`p_e = 7/25`, :math:`m = 7/250`, and the coalition does not even
    activate sharing once coerced (:math:`Dm + r = 153/125 < c_s = 2`), so nothing is
    mitigated: the coercer is deterred only if coercion does not pay at all
    (:math:`C \ge G`), whereas a mechanism that was activated would deter from
    :math:`C/G > 1 - m = 243/250`. A market-access agreement, not a denial mechanism.

References
----------
.. [1] S. Inomata, "What Is Meant by Supply Chain Resilience?", *Gaiko* 92, 2025.
.. [2] G. H. Snyder, *Deterrence and Defense: Toward a Theory of National Security*,
   Princeton University Press, 1961 (deterrence by denial versus punishment).
.. [3] H. Farrell and A. L. Newman, "Weaponized Interdependence", *International Security*
   44(1), 2019.
.. [4] D. W. Drezner, *The Sanctions Paradox*, Cambridge University Press, 1999.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import sympy

from deterrence.games.extensive import ExtensiveFormGame, decision, terminal
from deterrence.games.outcomes import Outcomes
from deterrence.games.parametric import Parameter, ParametricGame
from deterrence.models._registry import Preset, register, with_defaults

__all__ = [
    "DENIAL_PARAMETERS",
    "DENIAL_PRESETS",
    "deterrence_by_denial",
    "effective_credibility",
    "mitigated_share",
    "denial_credibility_threshold",
    "SEQUENTIAL_DENIAL_PARAMETERS",
    "sequential_denial",
    "GEOPOLITICAL_RISK_PARAMETERS",
    "geopolitical_risk",
]

#: Parameters of the denial models (meaning, domain, default).
DENIAL_PARAMETERS: tuple[Parameter, ...] = (
    Parameter(
        "gain",
        default=10,
        domain=(0, None),
        description="coercer's gain from a successful squeeze (value of the concessions)",
    ),
    Parameter(
        "cost",
        default=3,
        domain=(0, None),
        description="coercer's own cost of restricting exports (lost revenue, reputation)",
    ),
    Parameter(
        "coverage",
        default="9/10",
        domain=(0, 1),
        description="share of the shortfall the partners can cover from their supplies",
    ),
    Parameter(
        "credibility",
        default="4/5",
        domain=(0, 1),
        description="probability the partners honour the sharing commitment",
    ),
    Parameter(
        "information_sharing",
        default="9/10",
        domain=(0, 1),
        description="probability the bottleneck is seen early enough for sharing to work",
    ),
    Parameter(
        "institutionalisation",
        default=0,
        domain=(0, 1),
        description="share of the credibility gap closed by binding institutions",
    ),
    Parameter(
        "damage",
        default=8,
        domain=(0, None),
        description="coalition's loss from an unmitigated squeeze",
    ),
    Parameter(
        "sharing_cost",
        default=2,
        domain=(0, None),
        description="coalition's cost of redistributing supplies under coercion",
    ),
    Parameter(
        "resilience_dividend",
        default=1,
        domain=(0, None),
        description="peacetime value of the mechanism against non-geopolitical risks",
    ),
)

_SYMBOLS = {p.name: p.symbol for p in DENIAL_PARAMETERS}


def effective_credibility() -> sympy.Expr:
    r"""The credibility of the commitment once institutionalised, :math:`p + \iota(1 - p)`.

    Returns
    -------
    sympy.Expr

    Notes
    -----
    Institutions (binding rules, dispute settlement, pre-agreed triggers) close the share
    :math:`\iota` of the gap between the partners' credibility and certainty: with
    :math:`\iota = 0` nothing changes, with :math:`\iota = 1` the commitment is certain.

    Examples
    --------
    >>> effective_credibility()
    credibility + institutionalisation*(1 - credibility)
    """
    p, i = _SYMBOLS["credibility"], _SYMBOLS["institutionalisation"]
    return p + i * (1 - p)


def mitigated_share() -> sympy.Expr:
    r"""The share of the coercer's gain the mechanism takes away, :math:`m = p_e s k`.

    Returns
    -------
    sympy.Expr

    Notes
    -----
    The shortfall is made good only if the partners honour (:math:`p_e`), the bottleneck is
    seen in time (:math:`s`) and the partners can cover it (:math:`k`); treating the three as
    independent gives the product.

    Examples
    --------
    >>> mitigated_share()
    coverage*information_sharing*(credibility + institutionalisation*(1 - credibility))
    """
    return effective_credibility() * _SYMBOLS["information_sharing"] * _SYMBOLS["coverage"]


def denial_credibility_threshold(**values: Any) -> sympy.Expr:
    r"""The credibility above which coercion is deterred (given the coalition shares).

    Parameters
    ----------
    **values
        Values of other parameters to substitute (the rest stay symbolic).

    Returns
    -------
    sympy.Expr
        :math:`p^* = ((1 - C/G)/(s k) - \iota)/(1 - \iota)`; with no institutionalisation
        :math:`(1 - C/G)/(s k)`.

    Raises
    ------
    KeyError
        If a value names something other than a denial parameter.

    Notes
    -----
    Solves :math:`G(1 - p_e s k) - C = 0` for :math:`p`. Values of :math:`p^*` above 1 mean
    credibility alone cannot deter (coverage or information sharing must rise first).

    Examples
    --------
    >>> denial_credibility_threshold(institutionalisation=0)
    (-cost + gain)/(coverage*gain*information_sharing)
    >>> denial_credibility_threshold(gain=10, cost=3, coverage="9/10",
    ...                              information_sharing="9/10", institutionalisation=0)
    70/81
    """
    s = _SYMBOLS
    p = s["credibility"]
    m = mitigated_share()
    (solution,) = sympy.solve(sympy.Eq(s["gain"] * (1 - m) - s["cost"], 0), p)
    substitutions = {s[name]: sympy.Rational(str(v)) for name, v in values.items()}
    return sympy.simplify(solution.subs(substitutions)) if substitutions else solution


#: Presets of the denial model for real agreements (values justified in the module docstring).
DENIAL_PRESETS: tuple[Preset, ...] = (
    Preset(
        "ipef",
        "IPEF Supply Chain Agreement (in force 24 February 2024; 14 partners; "
        "information sharing and coordination, no supply obligation)",
        {
            "credibility": Fraction(1, 2),
            "information_sharing": Fraction(4, 5),
            "coverage": Fraction(3, 5),
            "institutionalisation": Fraction(1, 5),
        },
        "mitigated share 36/125; deters only if cost/gain > 89/125; no credibility deters",
    ),
    Preset(
        "eu_imera",
        "EU Single Market Emergency Instrument / IMERA, Regulation (EU) "
        "2024/2747 (applies from May 2026; 27 member states; binding, bans intra-EU "
        "export restrictions in an emergency)",
        {
            "credibility": Fraction(4, 5),
            "information_sharing": Fraction(4, 5),
            "coverage": Fraction(3, 5),
            "institutionalisation": Fraction(3, 5),
        },
        "mitigated share 276/625; deters only if cost/gain > 349/625",
    ),
    Preset(
        "us_japan_cma",
        "US-Japan Critical Minerals Agreement (signed and in force 28 "
        "March 2023; 2 parties; no export duties, consultation, no supply commitment)",
        {
            "credibility": Fraction(1, 5),
            "information_sharing": Fraction(1, 2),
            "coverage": Fraction(1, 5),
            "institutionalisation": Fraction(1, 10),
        },
        "mitigated share 7/250, but sharing is not activated (damage*m + dividend = "
        "153/125 < sharing_cost): deters only if cost >= gain",
    ),
)

#: How the denial game's equilibria read.
DENIAL_OUTCOMES = Outcomes(
    [
        ({"coercer": "refrain"}, "coercion deterred"),
        ({"coercer": "coerce", "coalition": "share"}, "coerced, coalition shares"),
        ({"coercer": "coerce", "coalition": "not share"}, "coerced, unopposed"),
    ],
    otherwise="mixed: coercion at random",
)


@register(
    "denial",
    story=(
        "a coercer weighs restricting critical exports against a coalition whose "
        "supply-sharing mechanism (IPEF-style) can cover the shortfall"
    ),
    kind="normal form",
    parameters=DENIAL_PARAMETERS,
    key_parameter="credibility",
    key_result=(
        "coercion is deterred exactly when (credibility + institutionalisation*(1 - "
        "credibility)) * information_sharing * coverage > 1 - cost/gain, provided "
        "sharing is the coalition's best reply (damage * mitigated share + "
        "resilience_dividend > sharing_cost)"
    ),
    essay_argument=(
        "friend-shoring as deterrence by denial: sharing supplies and information "
        "lowers the expected effectiveness of export restrictions; "
        "institutionalisation raises credibility"
    ),
    references=("Inomata 2025", "Snyder 1961", "Farrell and Newman 2019"),
    outcomes=DENIAL_OUTCOMES,
    presets=DENIAL_PRESETS,
)
def deterrence_by_denial(**defaults: Any) -> ParametricGame:
    r"""The one-shot deterrence-by-denial game (coercer versus coalition).

    Parameters
    ----------
    **defaults
        New defaults for any of :data:`DENIAL_PARAMETERS` (e.g. ``credibility="9/10"``).

    Returns
    -------
    ParametricGame
        Players ``("coercer", "coalition")``; strategies ``("coerce", "refrain")`` and
        ``("share", "not share")``.

    Raises
    ------
    InvalidGameError
        On an unknown parameter name or a default outside its domain.

    Notes
    -----
    Payoffs are derived in the module docstring: with mitigated share
    :math:`m = (p + \iota(1-p)) s k`, coercion earns :math:`G(1-m) - C` against sharing and
    :math:`G - C` against no sharing; the coalition gets :math:`r - c_s - D(1-m)`, :math:`-D`,
    :math:`r`, :math:`0`.

    **Key result.** If the coalition shares when coerced (:math:`D m + r > c_s`), coercion is
    deterred exactly when :math:`(p + \iota(1-p)) s k > 1 - C/G`. At the defaults
    (:math:`G = 10, C = 3, k = s = 0.9, p = 0.8, \iota = 0`) the mitigated share is 0.648 <
    0.7, so the coercer coerces; credibility must exceed :math:`70/81 \approx 0.864` (or
    institutionalisation exceed :math:`(70/81 - 0.8)/0.2 \approx 0.321`) to deter. Below
    credibility :math:`(c_s - r)/(D s k) = 25/162 \approx 0.154` the coalition does not even
    share, so three regimes appear along credibility.

    Schelling's and Snyder's denial logic (the defender reduces the *benefit* of the hostile
    act rather than raising its cost) applied to weaponised interdependence (Farrell and
    Newman 2019) as the essay proposes.

    Examples
    --------
    >>> from deterrence import solve
    >>> game = deterrence_by_denial()
    >>> [eq.outcome for eq in solve(game.at(), exact=True)]
    ['(coerce, share)']
    >>> [eq.outcome for eq in solve(game.at(credibility="9/10"), exact=True)]
    ['(refrain, share)']
    >>> [eq.outcome for eq in solve(game.at(institutionalisation="1/2"), exact=True)]
    ['(refrain, share)']
    """
    parameters = with_defaults(DENIAL_PARAMETERS, defaults, "denial")
    s = _SYMBOLS
    m = mitigated_share()
    gain, cost = s["gain"], s["cost"]
    damage, sharing_cost, dividend = s["damage"], s["sharing_cost"], s["resilience_dividend"]
    coercer = [[gain * (1 - m) - cost, gain - cost], [0, 0]]
    coalition = [[dividend - sharing_cost - damage * (1 - m), -damage], [dividend, 0]]
    return ParametricGame.from_matrices(
        coercer,
        coalition,
        parameters,
        players=("coercer", "coalition"),
        strategies=(("coerce", "refrain"), ("share", "not share")),
        title="deterrence by denial",
        outcomes=DENIAL_OUTCOMES,
    )


#: Parameters of the sequential denial game: those of the one-shot game without the peacetime
#: resilience dividend, plus the coercer's cost of backing down.
SEQUENTIAL_DENIAL_PARAMETERS: tuple[Parameter, ...] = tuple(
    p for p in DENIAL_PARAMETERS if p.name != "resilience_dividend"
) + (
    Parameter(
        "backdown_cost",
        default=1,
        domain=(0, None),
        description="coercer's audience and reputation cost of backing down",
    ),
)


#: How the sequential denial game's subgame-perfect paths read.
SEQUENTIAL_DENIAL_OUTCOMES = Outcomes(
    [
        ({"coercer": "refrain"}, "coercion deterred"),
        (
            {"coercer": "coerce/back down", "coalition": "share"},
            "coerced, sharing forces a retreat",
        ),
        ({"coercer": "coerce/persist", "coalition": "share"}, "coerced, coalition shares"),
        ({"coercer": "coerce/persist", "coalition": "not share"}, "coerced, unopposed"),
        ({"coercer": "coerce/back down", "coalition": "not share"}, "coerced, coercer backs down"),
    ]
)


@register(
    "denial_sequential",
    story=(
        "the coercer restricts exports or refrains; the coalition activates sharing or "
        "not; the coercer then persists or backs down"
    ),
    kind="extensive form",
    parameters=SEQUENTIAL_DENIAL_PARAMETERS,
    key_parameter="credibility",
    key_result=(
        "in the subgame-perfect equilibrium the coalition shares when coerced exactly "
        "when damage * mitigated share > sharing_cost (the threat to share is "
        "credible), and the coercer then refrains exactly when (credibility + "
        "institutionalisation*(1 - credibility)) * information_sharing * coverage > "
        "1 - cost/gain; once coerced it backs down after sharing exactly when the "
        "mitigated share exceeds 1 - (cost - backdown_cost)/gain"
    ),
    essay_argument=(
        "deterrence by denial as a sequential game: the coalition's response must "
        "be credible (subgame perfect) to deter"
    ),
    references=("Inomata 2025", "Schelling 1966", "Selten 1975"),
    outcomes=SEQUENTIAL_DENIAL_OUTCOMES,
)
def sequential_denial(**defaults: Any) -> ExtensiveFormGame:
    r"""The sequential deterrence-by-denial game: coerce, respond, persist or back down.

    Parameters
    ----------
    **defaults
        New defaults for any of :data:`SEQUENTIAL_DENIAL_PARAMETERS`.

    Returns
    -------
    ExtensiveFormGame
        A parametric tree with players ``("coercer", "coalition")``.

    Raises
    ------
    InvalidGameError
        On unknown parameters or values outside a domain.

    Notes
    -----
    The coercer moves first (*refrain*: both get 0, or *coerce*); the coalition then chooses
    *share* or *not share*; finally the coercer *persists* or *backs down*. With the mitigated
    share :math:`m = (p + \iota(1-p)) s k` of the one-shot game:

    ================================  =====================  ======================
    path                              coercer                coalition
    ================================  =====================  ======================
    coerce, share, persist            :math:`G(1-m) - C`     :math:`-D(1-m) - c_s`
    coerce, share, back down          :math:`-a`             :math:`-c_s`
    coerce, not share, persist        :math:`G - C`          :math:`-D`
    coerce, not share, back down      :math:`-a`             0
    ================================  =====================  ======================

    where ``backdown_cost`` :math:`a` is the coercer's audience cost of retreating (Fearon
    1994); the restriction's cost :math:`C` accrues only if it persists.

    **Key result** (backward induction, Selten 1975). After sharing the coercer persists iff
    :math:`G(1-m) - C > -a`; the coalition's threat to share is credible iff
    :math:`D m > c_s` when the coercer would persist (iff :math:`D > c_s` when it would back
    down); and the coercer refrains iff sharing is credible and :math:`m > 1 - C/G`, the same
    denial condition as the one-shot game, now *with credibility meaning subgame perfection*.
    At the defaults the credibility threshold is again :math:`70/81`.

    Examples
    --------
    >>> game = sequential_denial()
    >>> game.to_normal_form().strategies[0]
    ('coerce/persist/persist', 'coerce/persist/back down', 'coerce/back down/persist',
     'coerce/back down/back down', 'refrain')
    """
    parameters = with_defaults(SEQUENTIAL_DENIAL_PARAMETERS, defaults, "denial_sequential")
    s = _SYMBOLS
    m = mitigated_share()
    gain, cost, damage, sharing_cost = s["gain"], s["cost"], s["damage"], s["sharing_cost"]
    backdown = sympy.Symbol("backdown_cost", real=True)
    root = decision(
        "coercer",
        {
            "coerce": decision(
                "coalition",
                {
                    "share": decision(
                        "coercer",
                        {
                            "persist": terminal(
                                gain * (1 - m) - cost, -damage * (1 - m) - sharing_cost
                            ),
                            "back down": terminal(-backdown, -sharing_cost),
                        },
                    ),
                    "not share": decision(
                        "coercer",
                        {
                            "persist": terminal(gain - cost, -damage),
                            "back down": terminal(-backdown, 0),
                        },
                    ),
                },
            ),
            "refrain": terminal(0, 0),
        },
    )
    return ExtensiveFormGame.build(
        players=("coercer", "coalition"),
        root=root,
        parameters=parameters,
        title="deterrence by denial (sequential)",
        outcomes=SEQUENTIAL_DENIAL_OUTCOMES,
    )


# ---------------------------------------------------------------------- geopolitical risk
#: Parameters of the geopolitical-risk game (meaning, domain, default).
GEOPOLITICAL_RISK_PARAMETERS: tuple[Parameter, ...] = (
    Parameter(
        "loss",
        default=10,
        domain=(0, None),
        description="defender's loss from a disruption of a concentrated supply chain",
    ),
    Parameter(
        "diversification_cost",
        default=2,
        domain=(0, None),
        description="cost of diversifying suppliers, inventory and substitutes",
    ),
    Parameter(
        "protection",
        default="4/5",
        domain=(0, 1),
        description="share of the loss that diversification avoids",
    ),
    Parameter(
        "value",
        default=6,
        domain=(0, None),
        description="adversary's gain from fully disrupting the defender's supplies",
    ),
    Parameter(
        "disruption_cost",
        default=3,
        domain=(0, None),
        description="adversary's own cost of weaponising the dependence",
    ),
)


#: How the geopolitical-risk game's equilibria read.
GEOPOLITICAL_RISK_OUTCOMES = Outcomes(
    [
        ({"defender": "diversify", "adversary": "refrain"}, "diversification deters disruption"),
        ({"defender": "diversify", "adversary": "disrupt"}, "disrupted despite diversification"),
        ({"defender": "concentrate", "adversary": "disrupt"}, "concentrated supply disrupted"),
        ({"defender": "concentrate", "adversary": "refrain"}, "concentrated, undisturbed"),
    ],
    otherwise="strategic risk: both mix",
)


@register(
    "geopolitical_risk",
    story=(
        "a defender diversifies its supply chain or not; unlike nature, a strategic "
        "adversary disrupts it or not in response"
    ),
    kind="normal form",
    parameters=GEOPOLITICAL_RISK_PARAMETERS,
    key_parameter="protection",
    key_result=(
        "if protection > 1 - disruption_cost/value the adversary disrupts only a "
        "concentrated supply chain and in equilibrium disrupts with probability "
        "diversification_cost/(loss*protection), set by the defender's own payoffs, "
        "while the defender diversifies with probability (value - disruption_cost)/"
        "(value*protection); below it the adversary always disrupts"
    ),
    essay_argument=(
        "geopolitical risk is 'game-like': a countermeasure changes the "
        "adversary's behaviour and so the risk itself"
    ),
    references=("Inomata 2025", "Tsebelis 1989", "Bier 2007"),
    outcomes=GEOPOLITICAL_RISK_OUTCOMES,
)
def geopolitical_risk(**defaults: Any) -> ParametricGame:
    r"""Strategic versus natural supply risk: diversification against an adversary.

    Parameters
    ----------
    **defaults
        New defaults for any of :data:`GEOPOLITICAL_RISK_PARAMETERS`.

    Returns
    -------
    ParametricGame
        Players ``("defender", "adversary")``; strategies ``("diversify", "concentrate")``
        and ``("disrupt", "refrain")``.

    Raises
    ------
    InvalidGameError
        On unknown parameters or values outside a domain.

    Notes
    -----
    The essay ranks supply risks by "proactiveness" (physical < cyber < geopolitical): for a
    natural hazard that strikes with probability :math:`\pi`, diversifying pays iff
    :math:`\pi L \rho > d`, but a geopolitical risk "is entirely attributed to political
    motivations": "our risk countermeasure itself influences the perception of the entity
    from whom the risk originates, and therefore changes the risk environment". Payoffs:
    diversifying costs :math:`d` and avoids the share :math:`\rho` (``protection``) of the
    loss :math:`L`; the adversary gains :math:`v` times the share of the loss it inflicts and
    pays :math:`k` (``disruption_cost``) to disrupt:

    ===========  ==============================================  ===============
                 disrupt                                         refrain
    ===========  ==============================================  ===============
    diversify    :math:`-d - L(1-\rho)`, :math:`v(1-\rho) - k`     :math:`-d`, 0
    concentrate  :math:`-L`, :math:`v - k`                       0, 0
    ===========  ==============================================  ===============

    **Key result.** If :math:`v(1-\rho) < k < v` the game has no pure equilibrium; the
    adversary disrupts with probability :math:`q^* = d/(L\rho)` (the defender's
    indifference, Tsebelis's (1989) paradox: the risk is set by the *defender's* payoffs)
    and the defender diversifies with probability :math:`x^* = (v - k)/(v\rho)`. Cheaper or
    more protective diversification lowers the risk of disruption itself, something no
    natural-hazard model can show. If :math:`\rho < 1 - k/v` the adversary disrupts
    whatever the defender does, and the defender diversifies iff :math:`L\rho > d`, as
    against a certain hazard. At the defaults :math:`q^* = 1/4`, :math:`x^* = 5/8`.

    Examples
    --------
    >>> from deterrence import solve
    >>> (eq,) = solve(geopolitical_risk().at(), exact=True)
    >>> eq.as_dict()["adversary"]["disrupt"], eq.as_dict()["defender"]["diversify"]
    (Fraction(1, 4), Fraction(5, 8))
    >>> [eq.outcome for eq in solve(geopolitical_risk().at(protection="1/4"), exact=True)]
    ['(diversify, disrupt)']
    >>> [eq.outcome for eq in solve(geopolitical_risk().at(protection="1/10"), exact=True)]
    ['(concentrate, disrupt)']
    """
    parameters = with_defaults(GEOPOLITICAL_RISK_PARAMETERS, defaults, "geopolitical_risk")
    defender = [
        ["-diversification_cost - loss*(1 - protection)", "-diversification_cost"],
        ["-loss", 0],
    ]
    adversary = [["value*(1 - protection) - disruption_cost", 0], ["value - disruption_cost", 0]]
    return ParametricGame.from_matrices(
        defender,
        adversary,
        parameters,
        players=("defender", "adversary"),
        strategies=(("diversify", "concentrate"), ("disrupt", "refrain")),
        title="geopolitical versus natural supply risk",
        outcomes=GEOPOLITICAL_RISK_OUTCOMES,
    )
