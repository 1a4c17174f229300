r"""Physical, cyber and geopolitical supply risk: one countermeasure valued three ways.

The essay "What Is Meant by Supply Chain Resilience?" (Inomata, 2025) ranks supply risks by
their *proactiveness*, "the extent that human intention intervenes in the manifestation of
risks": physical risks (natural hazards, pandemics) < cyber risks (mostly attacks, partly
negligence) < geopolitical risks ("entirely attributed to political motivations"). Against the
last, "our risk countermeasure itself influences the perception of the entity from whom the
risk originates, and therefore changes the risk environment that we operate in". This module
turns the ranking into a function: the *same* countermeasure is valued against three risks
that are equally likely when nothing is done, and differ only in how the risk reacts to the
countermeasure.

The countermeasure
------------------
A firm or state can diversify suppliers or stockpile at cost :math:`d`
(``countermeasure_cost``). A disruption destroys :math:`L` (``loss``); the countermeasure
avoids the share :math:`\rho` (``protection``) of it. Let :math:`P_0` and :math:`P_1` be the
probabilities of a disruption without and with the countermeasure. Its value (expected loss
avoided, net of its cost) is

.. math:: V = P_0 L - \bigl(P_1 (1 - \rho) L + d\bigr).

Every risk below has the same baseline :math:`P_0 = \pi` (``probability``): the comparison is
between risks that are equally likely when nothing is done.

The three risks, precisely
--------------------------
**Physical** (proactiveness 0): nature does not see the countermeasure, :math:`P_1 = \pi`, so

.. math:: V_{\text{physical}} = \pi \rho L - d.

**Geopolitical** (proactiveness 1): an adversary observes the countermeasure and
best-responds. It gains :math:`v` from a full disruption, :math:`v(1-\rho)` from disrupting a
protected supply chain, and pays a cost :math:`k` that the defender does not know; it
disrupts exactly when its gain exceeds :math:`k`. With :math:`k` uniform on
:math:`[0, v/\pi]` (the one distribution that makes the unprotected chain disrupted with
probability :math:`\pi`, and the cost cut-off linear), the disruption probabilities are
:math:`P_0 = \pi` and :math:`P_1 = \pi(1 - \rho)`: the countermeasure lowers the
*probability* of the attack as well as its damage (deterrence by denial). The countermeasure
may also *provoke*: seen as preparation for decoupling, it adds :math:`\gamma v`
(``provocation``, the essay's security dilemma) to the adversary's gain, so

.. math:: P_1^{\text{geo}} = \min\bigl(1, \pi(1 - \rho + \gamma)\bigr).

This is the subgame-perfect equilibrium of the sequential game in which the defender commits
first and the adversary, knowing its own cost, replies (a cut-off strategy: disrupt iff
:math:`k < v(1 - \rho x + \gamma x)` after countermeasure :math:`x \in \{0, 1\}`). With a
known cost the cut-off becomes the all-or-nothing reply of the 2x2 game
:func:`deterrence.models.denial.geopolitical_risk`.

**Cyber** (proactiveness :math:`\theta \in (0, 1)`, ``cyber_reactivity``): with probability
:math:`\theta` the risk comes from an attacker who notices the countermeasure and reacts as the
geopolitical adversary does; with probability :math:`1 - \theta` it comes from negligence or
from an untargeted campaign that does not see it (a mis-sent e-mail, ransomware scanning the
whole internet) and strikes with the baseline probability. So
:math:`P_1^{\text{cyber}} = (1 - \theta)\pi + \theta P_1^{\text{geo}}` and the value is the
mixture :math:`V_{\text{cyber}} = (1 - \theta) V_{\text{physical}} + \theta
V_{\text{geo}}`. In general a risk of proactiveness :math:`\theta` has
:math:`V(\theta) = V_{\text{physical}} + \theta\,(V_{\text{geo}} - V_{\text{physical}})`.

Key results
-----------
**Where the strategic value differs, and why.** The strategic premium is

.. math::
    V_{\text{geo}} - V_{\text{physical}} = (\pi - P_1^{\text{geo}})\,(1 - \rho)\,L
    = \pi\,(\rho - \gamma)\,(1 - \rho)\,L \quad\text{(when } \pi(1 - \rho + \gamma) \le 1),

the change the countermeasure makes to the *risk itself* (:math:`\pi - P_1`) times the loss
it does not stop (:math:`(1-\rho)L`). It vanishes when the adversary does not react
(:math:`P_1 = \pi`) and when protection is complete (:math:`\rho = 1`: nothing is left to
deter); it is largest at :math:`\rho = 1/2` for :math:`\gamma = 0`.

**Theorem (the proactiveness ordering).** For any loss, cost, protection and baseline,

.. math:: V_{\text{physical}} \le V_{\text{cyber}} \le V_{\text{geo}}
    \iff \gamma \le \rho \ \text{(or } \rho = 1),

i.e. exactly when the countermeasure deters more than it provokes; the inequalities are strict
when :math:`\gamma < \rho < 1`, :math:`\pi > 0` and :math:`0 < \theta < 1`. *Proof*:
:math:`V(\theta)` is affine in :math:`\theta` with slope :math:`(\pi - P_1^{\text{geo}})(1 -
\rho)L`, which has the sign of :math:`\rho - \gamma` (the minimum only caps
:math:`P_1^{\text{geo}}` at 1, where :math:`\gamma > \rho` already). When the countermeasure
provokes more than it deters (:math:`\gamma > \rho`) the ordering reverses: the essay's
economic security dilemma, in which a defensive measure raises the risk it meant to lower.

**Does it pay?** The countermeasure pays against a risk of proactiveness :math:`\theta` iff
:math:`V(\theta) > 0`; when it does not pay against nature (:math:`\pi\rho L < d`) but the
premium is positive, it pays exactly above the proactiveness
:math:`\theta^* = (d - \pi\rho L) / (\pi(\rho - \gamma)(1 - \rho)L)`
(:func:`proactiveness_threshold`). At the defaults (:math:`L = 10`, :math:`d = 3`,
:math:`\rho = \pi = 1/2`, :math:`\gamma = 0`, :math:`\theta = 1/2`): values -1/2 (physical),
1/8 (cyber), 3/4 (geopolitical); premium 5/4; :math:`\theta^* = 2/5`. Not worth it against
nature, worth it against an adversary.

References
----------
.. [1] S. Inomata, "What is meant by supply chain resilience?", *Gaiko* 92, 2025 (JETRO
   translation, January 2026).
.. [2] V. M. Bier, "Choosing what to protect", *Risk Analysis* 27(3), 2007.
.. [3] G. Tsebelis, "The abuse of probability in political analysis: the Robinson Crusoe
   fallacy", *American Political Science Review* 83(1), 1989.
.. [4] R. Jervis, "Cooperation under the security dilemma", *World Politics* 30(2), 1978.
"""

from __future__ import annotations

import dataclasses
import html
import textwrap
from collections.abc import Mapping
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np
import sympy

from deterrence.exceptions import InvalidGameError
from deterrence.games._numbers import format_number
from deterrence.games.outcomes import Outcomes
from deterrence.games.parametric import Parameter, ParametricGame
from deterrence.models._registry import register, with_defaults

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "RISK_PARAMETERS",
    "RISK_KINDS",
    "RiskComparison",
    "disruption_probability",
    "countermeasure_value",
    "strategic_premium",
    "proactiveness_threshold",
    "compare_risks",
    "COUNTERMEASURE_PARAMETERS",
    "COUNTERMEASURE_OUTCOMES",
    "supply_risk",
]

#: Parameters of the risk comparison (meaning, domain, default).
RISK_PARAMETERS: tuple[Parameter, ...] = (
    Parameter("loss", default=10, domain=(0, None), description="loss L from a disruption"),
    Parameter(
        "countermeasure_cost",
        default=3,
        domain=(0, None),
        description="cost d of the countermeasure (diversify suppliers, stockpile)",
    ),
    Parameter(
        "protection",
        default="1/2",
        domain=(0, 1),
        description="share rho of the loss the countermeasure avoids",
    ),
    Parameter(
        "probability",
        default="1/2",
        domain=(0, 1),
        description="baseline probability pi of a disruption when nothing is done",
    ),
    Parameter(
        "provocation",
        default=0,
        domain=(0, 1),
        description=(
            "extra gain gamma (share of a full disruption's value) the countermeasure gives "
            "the adversary by alarming it (security dilemma)"
        ),
    ),
    Parameter(
        "cyber_reactivity",
        default="1/2",
        domain=(0, 1),
        description=(
            "probability theta that a cyber risk comes from an attacker who notices the "
            "countermeasure and reacts (else negligence or an untargeted campaign)"
        ),
    ),
)

#: The three risks and their proactiveness (``None``: read ``cyber_reactivity``).
RISK_KINDS: dict[str, Fraction | None] = {
    "physical": Fraction(0),
    "cyber": None,
    "geopolitical": Fraction(1),
}


def _values(values: Mapping[str, Any]) -> dict[str, Any]:
    """Every parameter validated (exact where given exactly), defaults filling the rest."""
    names = [p.name for p in RISK_PARAMETERS]
    unknown = sorted(set(values) - set(names))
    if unknown:
        raise InvalidGameError(f"unknown parameter(s) {unknown}; parameters are {names}")
    return {p.name: p.validate(values.get(p.name, p.default)) for p in RISK_PARAMETERS}


def _proactiveness(kind_or_theta: Any, point: Mapping[str, Any]) -> Any:
    if isinstance(kind_or_theta, str) and kind_or_theta in RISK_KINDS:
        theta = RISK_KINDS[kind_or_theta]
        return point["cyber_reactivity"] if theta is None else theta
    try:
        return Parameter("proactiveness", domain=(0, 1)).validate(kind_or_theta)
    except InvalidGameError as exc:
        raise InvalidGameError(
            f"risk {kind_or_theta!r}: expected one of {list(RISK_KINDS)} or a proactiveness "
            f"in [0, 1] ({exc})"
        ) from None


def disruption_probability(risk: Any, *, protected: bool, **values: Any) -> Any:
    r"""The probability of a disruption with or without the countermeasure.

    Parameters
    ----------
    risk : {"physical", "cyber", "geopolitical"} or number
        The kind of risk, or its proactiveness :math:`\theta \in [0, 1]` (the probability
        that the risk source sees the countermeasure and reacts to it).
    protected : bool
        Whether the countermeasure is in place.
    **values
        Any of :data:`RISK_PARAMETERS` (defaults fill the rest).

    Returns
    -------
    Fraction or float
        :math:`\pi` unprotected; protected :math:`(1 - \theta)\pi + \theta\min(1,
        \pi(1 - \rho + \gamma))` (derived in the module docstring). Exact for exact inputs.

    Raises
    ------
    InvalidGameError
        An unknown risk or parameter, or a value outside its domain.

    Examples
    --------
    >>> disruption_probability("physical", protected=True)
    Fraction(1, 2)
    >>> disruption_probability("geopolitical", protected=True)
    Fraction(1, 4)
    >>> disruption_probability("geopolitical", protected=True, provocation="3/4")
    Fraction(5, 8)
    """
    point = _values(values)
    pi = point["probability"]
    if not protected:
        return pi
    theta = _proactiveness(risk, point)
    reacting = min(1, pi * (1 - point["protection"] + point["provocation"]))
    return (1 - theta) * pi + theta * reacting


def countermeasure_value(risk: Any, **values: Any) -> Any:
    r"""The value of the countermeasure against a risk: expected loss avoided minus its cost.

    Parameters
    ----------
    risk : {"physical", "cyber", "geopolitical"} or number
        As in :func:`disruption_probability`.
    **values
        Any of :data:`RISK_PARAMETERS`.

    Returns
    -------
    Fraction or float
        :math:`V = P_0 L - P_1(1 - \rho)L - d`.

    Raises
    ------
    InvalidGameError
        An unknown risk or parameter, or a value outside its domain.

    Examples
    --------
    >>> [str(countermeasure_value(kind)) for kind in ("physical", "cyber", "geopolitical")]
    ['-1/2', '1/8', '3/4']
    >>> countermeasure_value("2/5")  # proactiveness theta* = 2/5: the break-even risk
    Fraction(0, 1)
    """
    point = _values(values)
    loss = point["loss"]
    before = disruption_probability(risk, protected=False, **values)
    after = disruption_probability(risk, protected=True, **values)
    return before * loss - after * (1 - point["protection"]) * loss - point["countermeasure_cost"]


def strategic_premium(**values: Any) -> Any:
    r"""How much more the countermeasure is worth against an adversary than against nature.

    Parameters
    ----------
    **values
        Any of :data:`RISK_PARAMETERS`.

    Returns
    -------
    Fraction or float
        :math:`V_{\text{geo}} - V_{\text{physical}} = (\pi - P_1^{\text{geo}})(1 - \rho)L`,
        which is :math:`\pi(\rho - \gamma)(1 - \rho)L` unless the cap binds.

    Raises
    ------
    InvalidGameError
        An unknown parameter or a value outside its domain.

    Examples
    --------
    >>> strategic_premium()
    Fraction(5, 4)
    >>> strategic_premium(provocation="3/4")  # provokes more than it deters
    Fraction(-5, 8)
    >>> strategic_premium(protection=1)  # nothing left to deter
    Fraction(0, 1)
    """
    return countermeasure_value("geopolitical", **values) - countermeasure_value(
        "physical", **values
    )


def proactiveness_threshold(**values: Any) -> Any:
    r"""The proactiveness above which the countermeasure pays (``None`` if none in [0, 1]).

    Parameters
    ----------
    **values
        Any of :data:`RISK_PARAMETERS`.

    Returns
    -------
    Fraction, float or None
        :math:`\theta^* = -V_{\text{physical}} / (V_{\text{geo}} - V_{\text{physical}})`
        when it lies in :math:`[0, 1]`: the countermeasure pays for :math:`\theta > \theta^*`
        if the premium is positive, for :math:`\theta < \theta^*` if it is negative. ``None``
        when the sign of the value is the same for every proactiveness.

    Raises
    ------
    InvalidGameError
        An unknown parameter or a value outside its domain.

    Examples
    --------
    >>> proactiveness_threshold()
    Fraction(2, 5)
    >>> proactiveness_threshold(countermeasure_cost=2) is None  # pays even against nature
    True
    """
    physical = countermeasure_value("physical", **values)
    premium = strategic_premium(**values)
    if premium == 0:
        return None
    theta = -physical / premium
    return theta if 0 <= theta <= 1 else None


@dataclasses.dataclass(frozen=True)
class RiskComparison:
    """The countermeasure valued against the three risks (returned by :func:`compare_risks`).

    Attributes
    ----------
    values : dict
        The parameter point (exact where given exactly).
    table : pandas.DataFrame
        Indexed by risk (``physical``, ``cyber``, ``geopolitical``): ``proactiveness``,
        ``probability_unprotected``, ``probability_protected``, ``expected_loss_unprotected``,
        ``expected_loss_protected`` (including the countermeasure's cost), ``value``, ``pays``.
    premium : Fraction or float
        :func:`strategic_premium` at the point.
    threshold : Fraction, float or None
        :func:`proactiveness_threshold` at the point.
    ordering_holds : bool
        Whether physical <= cyber <= geopolitical (the theorem: iff provocation <= protection
        or protection = 1).
    formula : str
        The premium as a formula, in the parameters' names.
    summary : str
        The result in sentences.

    Examples
    --------
    >>> result = compare_risks()
    >>> result.table["value"].map(str).tolist(), result.ordering_holds
    (['-1/2', '1/8', '3/4'], True)
    """

    values: Mapping[str, Any]
    table: pd.DataFrame
    premium: Any
    threshold: Any
    ordering_holds: bool
    formula: str
    summary: str

    def __str__(self) -> str:
        return self.summary

    def _repr_html_(self) -> str:
        summary = f"<p style='white-space:pre-line'>{html.escape(self.summary)}</p>"
        return summary + self.table._repr_html_()


#: The strategic premium as a formula (valid while the adversary's probability is below 1).
PREMIUM_FORMULA = "probability*(protection - provocation)*(1 - protection)*loss"


def compare_risks(**values: Any) -> RiskComparison:
    r"""Value one countermeasure against a physical, a cyber and a geopolitical risk.

    Parameters
    ----------
    **values
        Any of :data:`RISK_PARAMETERS` (defaults fill the rest); exact for exact inputs.

    Returns
    -------
    RiskComparison
        The table (one row per risk), the strategic premium, the break-even proactiveness,
        whether the ordering physical <= cyber <= geopolitical holds, and a summary.

    Raises
    ------
    InvalidGameError
        An unknown parameter or a value outside its domain.

    Notes
    -----
    The three risks have the same baseline probability; they differ only in the probability
    that the risk source sees the countermeasure and reacts (proactiveness 0, ``theta``, 1).
    The derivation, the premium formula and the ordering theorem are in the module
    docstring.

    Examples
    --------
    >>> result = compare_risks()
    >>> result.table.loc["geopolitical", "probability_protected"]
    Fraction(1, 4)
    >>> result.premium, result.threshold
    (Fraction(5, 4), Fraction(2, 5))
    >>> print(result)
    The countermeasure is worth -1/2 against a physical risk, 1/8 against a cyber risk and
    3/4 against a geopolitical risk.
    Strategic premium 5/4 = change in the risk itself 1/4 x loss not stopped 5: an adversary
    who sees the countermeasure lowers its disruption probability from 1/2 to 1/4.
    Physical <= cyber <= geopolitical: it deters at least as much as it provokes.
    It pays against risks of proactiveness above 2/5.
    >>> compare_risks(provocation="3/4").ordering_holds  # the security dilemma reverses it
    False
    """
    point = _values(values)
    rows = []
    for kind in RISK_KINDS:
        before = disruption_probability(kind, protected=False, **point)
        after = disruption_probability(kind, protected=True, **point)
        loss = point["loss"]
        protected_loss = after * (1 - point["protection"]) * loss + point["countermeasure_cost"]
        value = before * loss - protected_loss
        rows.append(
            {
                "risk": kind,
                "proactiveness": _proactiveness(kind, point),
                "probability_unprotected": before,
                "probability_protected": after,
                "expected_loss_unprotected": before * loss,
                "expected_loss_protected": protected_loss,
                "value": value,
                "pays": bool(value > 0),
            }
        )
    import pandas as pd

    table = pd.DataFrame(rows).set_index("risk")
    physical, cyber, geo = table["value"].tolist()
    premium = geo - physical
    threshold = proactiveness_threshold(**point)
    holds = bool(physical <= cyber <= geo)
    text = [
        f"The countermeasure is worth {format_number(physical)} against a physical risk, "
        f"{format_number(cyber)} against a cyber risk and {format_number(geo)} against a "
        "geopolitical risk."
    ]
    after = table.loc["geopolitical", "probability_protected"]
    unstopped = (1 - point["protection"]) * point["loss"]
    verb = (
        "lowers"
        if after < point["probability"]
        else "raises"
        if after > point["probability"]
        else "leaves"
    )
    moved = f" from {format_number(point['probability'])} to {format_number(after)}"
    text.append(
        f"Strategic premium {format_number(premium)} = change in the risk itself "
        f"{format_number(point['probability'] - after)} x loss not stopped "
        f"{format_number(unstopped)}: an adversary who sees the countermeasure {verb} its "
        "disruption probability" + (" unchanged." if verb == "leaves" else moved + ".")
    )
    if holds:
        text.append("Physical <= cyber <= geopolitical: it deters at least as much as it provokes.")
    else:
        text.append(
            "The ordering is reversed: the countermeasure provokes more than it deters "
            "(provocation > protection), the economic security dilemma."
        )
    if threshold is not None:
        side = "above" if premium > 0 else "below"
        text.append(f"It pays against risks of proactiveness {side} {format_number(threshold)}.")
    return RiskComparison(
        values=point,
        table=table,
        premium=premium,
        threshold=threshold,
        ordering_holds=holds,
        formula=PREMIUM_FORMULA,
        summary="\n".join(textwrap.fill(line, 88) for line in text),
    )


# ---------------------------------------------------------------------- the registered model
#: Parameters of the registered decision (``cyber_reactivity`` becomes the risk's own
#: ``proactiveness``, the key parameter: physical 0, cyber in between, geopolitical 1).
COUNTERMEASURE_PARAMETERS: tuple[Parameter, ...] = tuple(
    p for p in RISK_PARAMETERS if p.name != "cyber_reactivity"
) + (
    Parameter(
        "proactiveness",
        default="1/2",
        domain=(0, 1),
        description=(
            "proactiveness theta of the risk: the probability that its source sees the "
            "countermeasure and reacts (0 physical, 1 geopolitical, a cyber risk in between)"
        ),
    ),
)

#: How the decision reads.
COUNTERMEASURE_OUTCOMES = Outcomes(
    [
        ({"defender": "countermeasure"}, "the countermeasure pays"),
        ({"defender": "no countermeasure"}, "not worth its cost"),
    ]
)


@register(
    "supply_risk",
    story=(
        "a firm or state decides whether to diversify suppliers or stockpile against a "
        "disruption whose source may see the countermeasure and react (physical, cyber or "
        "geopolitical risk)"
    ),
    kind="normal form",
    parameters=COUNTERMEASURE_PARAMETERS,
    key_parameter="proactiveness",
    key_result=(
        "the countermeasure pays exactly above the proactiveness theta* = (cost - "
        "probability*protection*loss) / (probability*(protection - provocation)*(1 - "
        "protection)*loss) (2/5 at the defaults) when it deters more than it provokes "
        "(provocation < protection); when it provokes more, it pays less the more proactive "
        "the risk (the economic security dilemma)"
    ),
    essay_argument=(
        "supply risks differ by proactiveness: against a geopolitical risk the countermeasure "
        "changes the risk environment itself, so it is worth more than against nature -- or "
        "less, when it provokes"
    ),
    references=("Inomata 2025", "Bier 2007", "Tsebelis 1989", "Jervis 1978"),
    outcomes=COUNTERMEASURE_OUTCOMES,
)
def supply_risk(**defaults: Any) -> ParametricGame:
    r"""The countermeasure decision against a risk of given proactiveness, as a game.

    One player, the defender (a firm or a state), chooses ``countermeasure`` or ``no
    countermeasure``; its payoff is minus the expected loss, countermeasure cost included:

    .. math::
        u(\text{no countermeasure}) = -\pi L, \qquad
        u(\text{countermeasure}) = -\bigl(P_1(\theta)\,(1 - \rho)\,L + d\bigr),

    with :math:`P_1(\theta) = (1 - \theta)\pi + \theta\min(1, \pi(1 - \rho + \gamma))` (the
    module docstring derives it). The difference is :func:`countermeasure_value` at
    proactiveness :math:`\theta`, so the equilibrium of this one-player game (its optimal
    choice) switches exactly at :func:`proactiveness_threshold`.

    Parameters
    ----------
    **defaults
        New defaults for :data:`COUNTERMEASURE_PARAMETERS` (``proactiveness`` replaces the
        comparison's ``cyber_reactivity``).

    Returns
    -------
    ParametricGame
        A one-player game (a decision problem): its Nash equilibria are the defender's
        optimal choices, pure ones being every extreme equilibrium.

    Raises
    ------
    InvalidGameError
        An unknown parameter or a default outside its domain.

    Notes
    -----
    **Key result.** The countermeasure is the optimal choice exactly above the
    proactiveness :math:`\theta^* = (d - \pi\rho L)/(\pi(\rho - \gamma)(1 - \rho)L)`
    (2/5 at the defaults) when it deters more than it provokes (:math:`\gamma < \rho`), and
    exactly below it when it provokes more (the ordering theorem of the module docstring).

    Assumptions that change the answer: the adversary's reply is solved in closed form (the
    subgame-perfect cut-off reply of an adversary with a uniform private cost, module
    docstring), so the adversary is not a player of this game; the defender is risk
    neutral; the three risks share the baseline probability :math:`\pi`.

    Examples
    --------
    >>> from deterrence import regimes
    >>> game = supply_risk()
    >>> print(regimes(game, "proactiveness"))
    RegimeMap(proactiveness; 2 regimes)
      proactiveness in [0, 2/5]: not worth its cost
      proactiveness in [2/5, 1]: the countermeasure pays
    >>> game.at(proactiveness=1).payoff_matrix("defender").tolist()  # -5 vs -(1/4*5 + 3)
    [Fraction(-17, 4), Fraction(-5, 1)]
    """
    parameters = with_defaults(COUNTERMEASURE_PARAMETERS, defaults, "supply_risk")
    s = {p.name: p.symbol for p in parameters}
    pi, loss, rho = s["probability"], s["loss"], s["protection"]
    reacting = sympy.Min(1, pi * (1 - rho + s["provocation"]))
    protected = (1 - s["proactiveness"]) * pi + s["proactiveness"] * reacting
    payoffs = np.empty((2,), dtype=object)
    payoffs[0] = -protected * (1 - rho) * loss - s["countermeasure_cost"]
    payoffs[1] = -pi * loss
    return ParametricGame(
        payoffs.reshape(1, 2),
        parameters,
        players=("defender",),
        strategies=(("countermeasure", "no countermeasure"),),
        title="Countermeasure against a supply risk",
        outcomes=COUNTERMEASURE_OUTCOMES,
    )
