r"""Sanctions and reshoring: export controls, a firm's sourcing choice and a reshoring subsidy.

The essay on sanctions and the securitisation of supply chains observes that export controls
make firms shift "from 'cheapest supplier' to 'fastest compliant source'", dual-source, and
reshore "where strategic sectors ... are deemed sensitive to external pressure"; that
governments cushion reshoring with "targeted subsidies"; and that "regulatory predictability
becomes a strategic asset": "when policy signals are ambiguous, investment hesitancy grows".
This model makes those claims precise and, because the sender reacts to the firm's exposure,
shows how resilient sourcing also *deters* the controls.

Deriving the payoffs
--------------------
A *sender* state chooses to *impose controls* or *refrain*; a *firm* chooses the
*cheapest supplier*, *dual-source* (a second, compliant source) or *reshore*.

1. Controls, once imposed, hit the firm's supply line with probability
   ``sanction_probability`` :math:`p` (listing risk) and stop the share ``enforcement``
   :math:`e` of shipments; a full disruption costs the firm ``disruption_loss`` :math:`L`.
   Expected loss of a firm relying on the cheapest supplier: :math:`p e L`.
2. Dual-sourcing costs the premium ``dual_sourcing_premium`` :math:`d` and protects the firm
   exactly when the *foreign* licensing authorities honour the compliant second source's
   licence as announced, which happens with probability ``licensing_reliability``
   :math:`\lambda`; otherwise the second source is caught by the same controls: expected
   loss :math:`d + p e L (1 - \lambda)`.
3. Reshoring costs ``reshoring_premium`` :math:`r`, removes the exposure, and earns the
   government's ``subsidy`` :math:`\sigma`, paid (with the permits it comes with) as
   announced with probability ``home_predictability`` :math:`\eta`, the predictability of
   *home* industrial policy: net :math:`-r + \eta \sigma`. Without controls the premiums
   remain and the losses vanish.
4. The sender values the disruption it inflicts at ``leverage_value`` :math:`V` per unit of
   expected disruption and pays ``control_cost`` :math:`\kappa` (lost export revenue) when it
   imposes controls: :math:`V p e \cdot x - \kappa` with exposure :math:`x = 1, 1 - \lambda,
   0` for the cheapest supplier, dual-sourcing and reshoring; refraining earns 0.

Two kinds of predictability
---------------------------
The essay's "regulatory predictability" covers two different things, which pull in opposite
directions and are therefore separate parameters. The reliability of *foreign licensing*
:math:`\lambda` protects the compliant second source, so it favours dual-sourcing (and, by
making dual-sourcing a better hedge, delays reshoring from it). The predictability of *home
policy* :math:`\eta` (subsidies and permits arriving as announced) protects the reshoring
investment, so it favours reshoring: "when policy signals are ambiguous, investment
hesitancy grows". A single parameter playing both roles made reshoring fall as
"predictability" rose whenever :math:`r - d > \sigma` (the case at the defaults); with the
two separated, each effect has the sign the essay gives it.

Key result
----------
Against controls the firm's choice switches at the sanction-risk thresholds
(:func:`firm_switching_thresholds`)

.. math::
    p_{\text{cheap} \to \text{dual}} = \frac{d}{e L \lambda}, \quad
    p_{\text{dual} \to \text{reshore}} = \frac{r - \eta\sigma - d}{e L (1 - \lambda)}, \quad
    p_{\text{cheap} \to \text{reshore}} = \frac{r - \eta\sigma}{e L}.

Directions (:func:`predictability_effects`): home predictability lowers both reshoring
thresholds (:math:`\partial/\partial\eta = -\sigma/(eL(1-\lambda))` and :math:`-\sigma/(eL)`,
negative whenever a subsidy is on offer) and leaves the dual-sourcing threshold alone;
licensing reliability lowers the dual-sourcing threshold (:math:`-d/(eL\lambda^2)`) and raises
the dual-to-reshore threshold (:math:`(r - \eta\sigma - d)/(eL(1-\lambda)^2) > 0` where
dual-sourcing is ever chosen before reshoring), leaving the direct cheap-to-reshore threshold
alone. A larger subsidy lowers the reshoring thresholds one for one in :math:`\eta\sigma/(eL)`.
The sender imposes controls on an exposed firm only when :math:`p > \kappa / (V e)`, so when
the firm's resilient choice removes enough exposure the equilibrium becomes mixed (controls are
threatened but not always imposed) or controls are deterred outright: with
:math:`\eta\sigma > r` the firm reshores whatever the sender does and the sender refrains.
At the defaults :math:`\lambda = \eta = 7/10`, so every number of the single-parameter model
is unchanged there.

References
----------
.. [1] "How sanctions influence the securitization of supply chains and the proliferation of
   reshoring initiatives for strategic industrial capacities", 2025 (the essay).
.. [2] D. W. Drezner, *The Sanctions Paradox*, Cambridge University Press, 1999.
.. [3] H. Farrell and A. L. Newman, "Weaponized Interdependence", *International Security*
   44(1), 2019.
.. [4] B. Tomlin, "On the Value of Mitigation and Contingency Strategies for Managing Supply
   Chain Disruption Risks", *Management Science* 52(5), 2006 (dual sourcing).
"""

from __future__ import annotations

from typing import Any

import sympy

from deterrence.exceptions import InvalidGameError, unknown_names
from deterrence.games.outcomes import Outcomes
from deterrence.games.parametric import Parameter, ParametricGame
from deterrence.models._registry import register, with_defaults

__all__ = [
    "SANCTIONS_PARAMETERS",
    "sanctions_and_reshoring",
    "sourcing_under_controls",
    "firm_switching_thresholds",
    "firm_best_sourcing",
    "reshoring_subsidy_thresholds",
    "SANCTIONS_GOVERNMENT_PARAMETERS",
    "sanctions_with_government",
    "government_subsidy_threshold",
    "predictability_effects",
]

#: Parameters of the sanctions and reshoring model (meaning, domain, default).
SANCTIONS_PARAMETERS: tuple[Parameter, ...] = (
    Parameter(
        "sanction_probability",
        default="3/10",
        domain=(0, 1),
        description="probability that imposed controls hit the firm's supply line",
    ),
    Parameter(
        "enforcement",
        default="4/5",
        domain=(0, 1),
        description="enforcement intensity: share of shipments the controls stop",
    ),
    Parameter(
        "disruption_loss",
        default=10,
        domain=(0, None),
        description="firm's loss from a complete disruption of the critical input",
    ),
    Parameter(
        "dual_sourcing_premium",
        default=1,
        domain=(0, None),
        description="cost of qualifying and keeping a second, compliant source",
    ),
    Parameter(
        "reshoring_premium",
        default=3,
        domain=(0, None),
        description="cost of producing the input at home",
    ),
    Parameter(
        "subsidy", default=1, domain=(0, None), description="government subsidy for reshoring"
    ),
    Parameter(
        "licensing_reliability",
        default="7/10",
        domain=(0, 1),
        description=(
            "probability that foreign licensing honours the compliant second "
            "source as announced (protects dual-sourcing)"
        ),
    ),
    Parameter(
        "home_predictability",
        default="7/10",
        domain=(0, 1),
        description=(
            "probability that home policy (the reshoring subsidy and its "
            "permits) arrives as announced (protects reshoring)"
        ),
    ),
    Parameter(
        "leverage_value",
        default=5,
        domain=(0, None),
        description="sender's value of the disruption it inflicts (political leverage)",
    ),
    Parameter(
        "control_cost",
        default=1,
        domain=(0, None),
        description="sender's own cost of imposing controls (lost export revenue)",
    ),
)

_SYMBOLS = {p.name: p.symbol for p in SANCTIONS_PARAMETERS}

_SOURCING = ("cheapest supplier", "dual-source", "reshore")


#: How the sender-firm game's equilibria read.
SANCTIONS_OUTCOMES = Outcomes(
    [
        ({"sender": "refrain", "firm": "cheapest supplier"}, "no controls, cheapest supplier"),
        ({"sender": "refrain", "firm": "dual-source"}, "firm dual-sources, no controls"),
        ({"sender": "refrain", "firm": "reshore"}, "firm reshores, no controls"),
        (
            {"sender": "impose controls", "firm": "cheapest supplier"},
            "controls hit an exposed firm",
        ),
        ({"sender": "impose controls", "firm": "dual-source"}, "controls, firm dual-sources"),
        ({"sender": "impose controls", "firm": "reshore"}, "controls, firm reshored"),
    ],
    otherwise="controls at random, firm hedges",
)

#: How the firm's sourcing under controls reads.
SOURCING_OUTCOMES = Outcomes(
    [
        ({"firm": "cheapest supplier"}, "cheapest supplier despite controls"),
        ({"firm": "dual-source"}, "firm dual-sources"),
        ({"firm": "reshore"}, "firm reshores"),
    ],
    otherwise="firm indifferent (mixes)",
)

#: How the government's subsidy game reads on the subgame-perfect path.
GOVERNMENT_OUTCOMES = Outcomes(
    [
        ({"government": "subsidise", "firm": "reshore"}, "subsidy, firm reshores"),
        (
            {"government": "no subsidy", "firm": ("cheapest supplier", "dual-source")},
            "no subsidy, firm exposed to controls",
        ),
        ({"government": "no subsidy", "firm": "reshore"}, "no subsidy, firm reshores anyway"),
        ({"government": "no subsidy"}, "no subsidy, firm exposed to controls"),  # firm mixes
        ({"government": "subsidise"}, "subsidy, firm stays exposed"),
    ]
)


@register(
    "sanctions",
    story=(
        "a sender weighs export controls; a firm chooses the cheapest supplier, "
        "dual-sourcing or reshoring; reliable foreign licensing favours dual-sourcing, "
        "a subsidy and predictable home policy favour reshoring"
    ),
    kind="normal form",
    parameters=SANCTIONS_PARAMETERS,
    key_parameter="sanction_probability",
    key_result=(
        "against controls the firm leaves the cheapest supplier for dual-sourcing "
        "when sanction_probability > dual_sourcing_premium/(enforcement*"
        "disruption_loss*licensing_reliability) and reshores when "
        "sanction_probability > (reshoring_premium - home_predictability*subsidy - "
        "dual_sourcing_premium)/(enforcement*disruption_loss*(1 - "
        "licensing_reliability)); the sender imposes "
        "controls on an exposed firm only when sanction_probability > control_cost/"
        "(leverage_value*enforcement)"
    ),
    essay_argument=(
        "sanctions securitise supply chains: from cheapest supplier to fastest "
        "compliant source, reshoring, subsidies; predictable home policy drives "
        "reshoring"
    ),
    references=("sanctions essay 2025", "Drezner 1999", "Farrell and Newman 2019", "Tomlin 2006"),
    outcomes=SANCTIONS_OUTCOMES,
)
def sanctions_and_reshoring(**defaults: Any) -> ParametricGame:
    r"""The sender-firm game of export controls and resilient sourcing.

    Parameters
    ----------
    **defaults
        New defaults for any of :data:`SANCTIONS_PARAMETERS`.

    Returns
    -------
    ParametricGame
        Players ``("sender", "firm")``; strategies ``("impose controls", "refrain")`` and
        ``("cheapest supplier", "dual-source", "reshore")``.

    Raises
    ------
    InvalidGameError
        On unknown parameters or values outside a domain.

    Notes
    -----
    Payoffs are derived in the module docstring. **Key result.** The firm's sanction-risk
    thresholds against controls are :math:`d/(eL\lambda)`, :math:`(r - \eta\sigma - d)/(eL(1 -
    \lambda))` and :math:`(r - \eta\sigma)/(eL)` (:func:`firm_switching_thresholds`); at the
    defaults 5/28 ≈ 0.179 and 13/24 ≈ 0.542: the default risk 0.3 makes the firm dual-source
    against controls. The sender imposes controls on an exposed firm only when
    :math:`p > \kappa/(Ve) = 1/4`, so at the defaults the equilibrium is mixed: the sender
    imposes controls with probability :math:`d/(peL\lambda) = 25/42` (keeping the firm
    indifferent between cheap and dual sourcing).

    Examples
    --------
    >>> from deterrence import solve
    >>> game = sanctions_and_reshoring()
    >>> [eq.as_dict()["sender"]["impose controls"] for eq in solve(game.at(), exact=True)]
    [Fraction(25, 42)]
    >>> [eq.outcome for eq in solve(game.at(subsidy=5), exact=True)]
    ['(refrain, reshore)']
    >>> [eq.outcome for eq in solve(game.at(sanction_probability="1/10"), exact=True)]
    ['(refrain, cheapest supplier)']
    """
    parameters = with_defaults(SANCTIONS_PARAMETERS, defaults, "sanctions")
    sender, firm = _payoff_rows()
    return ParametricGame.from_matrices(
        sender,
        firm,
        parameters,
        players=("sender", "firm"),
        strategies=(("impose controls", "refrain"), _SOURCING),
        title="sanctions and reshoring",
        outcomes=SANCTIONS_OUTCOMES,
    )


def _payoff_rows() -> tuple[list[list[Any]], list[list[Any]]]:
    """Sender's and firm's payoff rows (impose controls, refrain) as expression strings."""
    risk = "sanction_probability*enforcement*disruption_loss"
    reshore = "-reshoring_premium + home_predictability*subsidy"
    firm: list[list[Any]] = [
        [f"-{risk}", f"-dual_sourcing_premium - {risk}*(1 - licensing_reliability)", reshore],
        [0, "-dual_sourcing_premium", reshore],
    ]
    pressure = "leverage_value*sanction_probability*enforcement"
    sender: list[list[Any]] = [
        [
            f"{pressure} - control_cost",
            f"{pressure}*(1 - licensing_reliability) - control_cost",
            "-control_cost",
        ],
        [0, 0, 0],
    ]
    return sender, firm


@register(
    "sanctions_firm",
    story=(
        "export controls are in force; the firm chooses the cheapest supplier, "
        "dual-sourcing or reshoring against the risk that they hit its supply line"
    ),
    kind="normal form",
    parameters=SANCTIONS_PARAMETERS,
    key_parameter="sanction_probability",
    key_result=(
        "the firm switches from the cheapest supplier to dual-sourcing at "
        "sanction_probability = dual_sourcing_premium/(enforcement*disruption_loss*"
        "licensing_reliability) and to reshoring at (reshoring_premium - "
        "home_predictability*subsidy - dual_sourcing_premium)/(enforcement*"
        "disruption_loss*(1 - licensing_reliability)) (or directly at "
        "(reshoring_premium - home_predictability*subsidy)/(enforcement*"
        "disruption_loss) when dual-sourcing is never best); home predictability "
        "lowers the reshoring thresholds, licensing reliability the dual-sourcing one"
    ),
    essay_argument=(
        "firms replace the cheapest supplier by the fastest compliant source and "
        "reshore as sanction risk rises; subsidies and predictable home policy "
        "speed reshoring up"
    ),
    references=("sanctions essay 2025", "Tomlin 2006"),
    outcomes=SOURCING_OUTCOMES,
)
def sourcing_under_controls(**defaults: Any) -> ParametricGame:
    r"""The firm's sourcing decision once export controls are in force.

    Parameters
    ----------
    **defaults
        New defaults for any of :data:`SANCTIONS_PARAMETERS` (the sender's parameters only
        set its payoffs, which play no role here).

    Returns
    -------
    ParametricGame
        The row ``"impose controls"`` of :func:`sanctions_and_reshoring`: players
        ``("sender", "firm")``, the sender with the single strategy ``"impose controls"``.

    Raises
    ------
    InvalidGameError
        On unknown parameters or values outside a domain.

    Notes
    -----
    With the controls adopted, only the firm chooses, facing the risk ``sanction_probability``
    that they reach its supply line. **Key result.** Its choice switches at the sanction-risk
    thresholds of :func:`firm_switching_thresholds` (the lower envelope of the three lines
    :math:`-peL`, :math:`-d - peL(1 - \lambda)` and :math:`-r + \eta\sigma`): at the defaults
    cheapest below 5/28, dual-sourcing up to 13/24, reshoring above. Home predictability and
    the subsidy lower the reshoring threshold; licensing reliability lowers the dual-sourcing
    threshold and raises the reshoring one (:func:`predictability_effects`).

    Examples
    --------
    >>> from deterrence import solve
    >>> game = sourcing_under_controls()
    >>> [eq.outcome for eq in solve(game.at(sanction_probability="1/10"), exact=True)]
    ['(impose controls, cheapest supplier)']
    >>> [eq.outcome for eq in solve(game.at(sanction_probability="9/10"), exact=True)]
    ['(impose controls, reshore)']
    """
    parameters = with_defaults(SANCTIONS_PARAMETERS, defaults, "sanctions_firm")
    sender, firm = _payoff_rows()
    return ParametricGame.from_matrices(
        sender[:1],
        firm[:1],
        parameters,
        players=("sender", "firm"),
        strategies=(("impose controls",), _SOURCING),
        title="sourcing under export controls",
        outcomes=SOURCING_OUTCOMES,
    )


def _check_names(values: dict[str, Any], excluded: str) -> None:
    """Raise InvalidGameError naming any unknown parameter (or the excluded one)."""
    allowed = set(_SYMBOLS) - {excluded}
    unknown = sorted(set(values) - allowed)
    if unknown:
        raise InvalidGameError(unknown_names("parameter", unknown, sorted(allowed)))


def firm_switching_thresholds(**values: Any) -> dict[str, sympy.Expr]:
    r"""The sanction-risk thresholds at which the firm's best reply to controls switches.

    Parameters
    ----------
    **values
        Values of any parameters other than ``sanction_probability`` to substitute; the
        others stay symbolic.

    Returns
    -------
    dict
        ``{"cheapest supplier -> dual-source": ..., "dual-source -> reshore": ...,
        "cheapest supplier -> reshore": ...}``: the sanction probability at which the firm is
        indifferent between each pair when controls are imposed.

    Raises
    ------
    InvalidGameError
        On unknown parameters (or ``sanction_probability`` itself).

    Notes
    -----
    Setting the firm's expected payoffs against controls equal pairwise (module docstring):
    :math:`d/(eL\lambda)`, :math:`(r - \eta\sigma - d)/(eL(1-\lambda))`,
    :math:`(r - \eta\sigma)/(eL)`.
    With three options the firm's choice as risk rises is the lower envelope: cheap below
    :math:`\min` of the first and third, reshoring above :math:`\max` of the second and third.

    Examples
    --------
    >>> thresholds = firm_switching_thresholds(enforcement="4/5", disruption_loss=10,
    ...     dual_sourcing_premium=1, reshoring_premium=3, subsidy=1,
    ...     licensing_reliability="7/10", home_predictability="7/10")
    >>> thresholds
    {'cheapest supplier -> dual-source': 5/28, 'dual-source -> reshore': 13/24,
     'cheapest supplier -> reshore': 23/80}
    >>> firm_switching_thresholds()["cheapest supplier -> dual-source"]
    dual_sourcing_premium/(disruption_loss*enforcement*licensing_reliability)
    """
    _check_names(values, "sanction_probability")
    s = _SYMBOLS
    p, e, loss = s["sanction_probability"], s["enforcement"], s["disruption_loss"]
    licensing, home = s["licensing_reliability"], s["home_predictability"]
    d, r, sigma = s["dual_sourcing_premium"], s["reshoring_premium"], s["subsidy"]
    cheap = -p * e * loss
    dual = -d - p * e * loss * (1 - licensing)
    reshore = -r + home * sigma
    pairs = {
        "cheapest supplier -> dual-source": cheap - dual,
        "dual-source -> reshore": dual - reshore,
        "cheapest supplier -> reshore": cheap - reshore,
    }
    substitutions = {s[name]: sympy.Rational(str(v)) for name, v in values.items()}
    out = {}
    for name, difference in pairs.items():
        (solution,) = sympy.solve(difference, p)
        out[name] = sympy.simplify(solution.subs(substitutions))
    return out


def reshoring_subsidy_thresholds(**values: Any) -> dict[str, sympy.Expr]:
    r"""The subsidies at which reshoring wins, and at which it deters the controls outright.

    Parameters
    ----------
    **values
        Values of any parameters other than ``subsidy`` to substitute; the others stay
        symbolic.

    Returns
    -------
    dict
        ``{"reshore against controls": ..., "reshore regardless": ...}``: the subsidy above
        which reshoring is the firm's best reply to controls,
        :math:`(r - \min(peL,\ d + peL(1-\lambda)))/\eta`, and the subsidy above which
        reshoring beats even the cheapest supplier without controls, :math:`r/\eta`; above
        the second the sender, facing no exposure, refrains: the subsidy deters the controls.

    Raises
    ------
    InvalidGameError
        On unknown parameters (or ``subsidy`` itself).

    Notes
    -----
    The government's lever in the essay ("targeted subsidies", "risk-sharing instruments")
    works through the firm's best reply; its value is discounted by regulatory
    home predictability :math:`\eta`, so an unpredictable home regime needs a larger subsidy
    for the same effect (the second threshold is :math:`r/\eta`).

    Examples
    --------
    >>> reshoring_subsidy_thresholds(sanction_probability="3/10", enforcement="4/5",
    ...     disruption_loss=10, dual_sourcing_premium=1, reshoring_premium=3,
    ...     licensing_reliability="7/10", home_predictability="7/10")
    {'reshore against controls': 64/35, 'reshore regardless': 30/7}
    """
    _check_names(values, "subsidy")
    s = _SYMBOLS
    p, e, loss = s["sanction_probability"], s["enforcement"], s["disruption_loss"]
    licensing, home = s["licensing_reliability"], s["home_predictability"]
    d, r = s["dual_sourcing_premium"], s["reshoring_premium"]
    best_alternative = sympy.Min(p * e * loss, d + p * e * loss * (1 - licensing))
    out = {
        "reshore against controls": (r - best_alternative) / home,
        "reshore regardless": r / home,
    }
    substitutions = {s[name]: sympy.Rational(str(v)) for name, v in values.items()}
    return {
        name: sympy.simplify(expression.subs(substitutions)) for name, expression in out.items()
    }


def firm_best_sourcing(**values: Any) -> tuple[str, ...]:
    """The firm's best sourcing choice(s) when the sender imposes controls.

    Parameters
    ----------
    **values
        Parameter values (defaults fill the rest).

    Returns
    -------
    tuple of str
        The best replies to ``"impose controls"`` (more than one on a threshold).

    Raises
    ------
    InvalidGameError
        On unknown parameters or values outside a domain.

    Notes
    -----
    The lower envelope described in :func:`firm_switching_thresholds`, evaluated exactly.

    Examples
    --------
    >>> firm_best_sourcing()
    ('dual-source',)
    >>> firm_best_sourcing(sanction_probability="9/10")
    ('reshore',)
    """
    game = sanctions_and_reshoring().at(**values)
    best = game.best_responses("firm", ["impose controls", "cheapest supplier"])
    return tuple(_SOURCING[k] for k in best)


# ---------------------------------------------------------------------- the government moves
#: Parameters of the sanctions game with the government as a player (the sanctions
#: parameters, a subsidy level worth offering, and the weight of supply security).
SANCTIONS_GOVERNMENT_PARAMETERS: tuple[Parameter, ...] = tuple(
    Parameter(
        p.name,
        default=5,
        domain=p.domain,
        description="subsidy for reshoring the government can offer",
    )
    if p.name == "subsidy"
    else p
    for p in SANCTIONS_PARAMETERS
) + (
    Parameter(
        "security_weight",
        default=4,
        domain=(0, None),
        description=(
            "government's cost per unit of expected disruption of the "
            "critical input (the value of supply security)"
        ),
    ),
)


@register(
    "sanctions_government",
    story=(
        "a government decides whether to offer a reshoring subsidy; then a sender weighs "
        "export controls while the firm chooses its sourcing"
    ),
    kind="extensive form",
    parameters=SANCTIONS_GOVERNMENT_PARAMETERS,
    key_parameter="security_weight",
    key_range=(0, 8),
    key_result=(
        "with a subsidy large enough that reshoring is the firm's dominant choice "
        "(home_predictability*subsidy >= reshoring_premium), the sender refrains and "
        "the "
        "government offers it exactly when security_weight * (expected disruption "
        "without the subsidy) > home_predictability*subsidy; the expected disruption "
        "is dual_sourcing_premium*control_cost/(sanction_probability*enforcement*"
        "licensing_reliability*leverage_value); at the defaults the expected "
        "disruption is 25/21 and the threshold security_weight = 147/50"
    ),
    essay_argument=(
        "governments cushion reshoring with targeted subsidies; whether they pay "
        "depends on how much supply security is worth to them"
    ),
    references=("sanctions essay 2025", "Drezner 1999", "Farrell and Newman 2019"),
    outcomes=GOVERNMENT_OUTCOMES,
)
def sanctions_with_government(**defaults: Any) -> Any:
    r"""Export controls and sourcing after a government's subsidy decision (a game tree).

    Parameters
    ----------
    **defaults
        New defaults for any of :data:`SANCTIONS_GOVERNMENT_PARAMETERS`.

    Returns
    -------
    ExtensiveFormGame
        Players ``("government", "sender", "firm")``. The government chooses ``"subsidise"``
        (offering ``subsidy``) or ``"no subsidy"``; the sender then chooses ``"impose
        controls"`` or ``"refrain"`` and the firm its sourcing without seeing the sender's
        choice (one information set per government choice): the sender-firm game of
        :func:`sanctions_and_reshoring` with the subsidy on offer or not.

    Raises
    ------
    InvalidGameError
        On unknown parameters or values outside a domain.

    Notes
    -----
    The sender's and firm's payoffs are those of :func:`sanctions_and_reshoring`. The
    government pays the subsidy when the firm reshores and the subsidy arrives as announced
    (``home_predictability`` :math:`\eta`), and bears ``security_weight`` :math:`W` per unit of
    the firm's expected disruption loss :math:`peLx` (:math:`x = 1, 1 - \lambda, 0` for the
    cheapest supplier, dual-sourcing and reshoring, when controls are imposed):

    .. math:: u_G = -W\,p e L x\,\mathbf{1}[\text{controls}] - \eta\sigma\,
              \mathbf{1}[\text{subsidise}, \text{reshore}].

    **Key result.** Without the subsidy (and with :math:`r > 0`) the sender-firm subgame at
    the defaults is mixed: controls with probability :math:`d/(peL\lambda) = 25/42`, the firm
    on the cheapest supplier with probability :math:`16/21`, an expected disruption of
    :math:`d\kappa/(pe\lambda V) = 25/21`. With :math:`\eta\sigma \ge r` reshoring is the
    firm's dominant choice and the sender refrains, at the fiscal cost :math:`\eta\sigma`. The
    subgame-perfect government subsidises exactly when :math:`W \cdot 25/21 > \eta\sigma`,
    i.e. :math:`W > W^* = p e \lambda \eta \sigma V/(d\kappa) = 147/50` at the defaults
    (:math:`\eta\sigma = 7/2`; :func:`government_subsidy_threshold`). Splitting the former
    single ``predictability`` :math:`\rho` (for which :math:`W^* = pe\rho^2\sigma V/(d\kappa)`)
    leaves 147/50 unchanged because both new parameters default to 7/10. Reliable foreign
    licensing *raises* :math:`W^*`: dual-sourcing protects the firm better without public
    money, so the subsidy is worth less to the government.

    Examples
    --------
    >>> from deterrence.solvers import solve_subgame_perfect
    >>> game = sanctions_with_government()
    >>> [spe.payoffs for spe in solve_subgame_perfect(game.at())]
    [(Fraction(-7, 2), Fraction(0, 1), Fraction(1, 2))]
    >>> print(solve_subgame_perfect(game.at())[0].path)
    government: subsidise, sender: refrain, firm: reshore

    The subsidy is worth its cost exactly above ``security_weight = 147/50``
    (:func:`government_subsidy_threshold`), which the credibility analysis finds:

    >>> from deterrence.analysis import credibility
    >>> credibility(game, (), "subsidise", parameter="security_weight").region
    Interval.open(147/50, oo)
    """
    from deterrence.games.extensive import ExtensiveFormGame, decision, terminal

    parameters = with_defaults(SANCTIONS_GOVERNMENT_PARAMETERS, defaults, "sanctions_government")
    sender_rows, firm_rows = _payoff_rows()
    exposure = (
        "sanction_probability*enforcement*disruption_loss",
        "sanction_probability*enforcement*disruption_loss*(1 - licensing_reliability)",
        "0",
    )

    def subgame(subsidised: bool) -> Any:
        infoset = "firm, subsidy offered" if subsidised else "firm, no subsidy"
        branches = {}
        for row, action in enumerate(("impose controls", "refrain")):
            outcomes = {}
            for column, sourcing in enumerate(_SOURCING):
                firm = str(firm_rows[row][column])
                if not subsidised:  # no subsidy on offer: reshoring earns none
                    firm = firm.replace("home_predictability*subsidy", "0")
                government = f"-security_weight*({exposure[column]})" if row == 0 else "0"
                if subsidised and sourcing == "reshore":
                    government += " - home_predictability*subsidy"
                outcomes[sourcing] = terminal(government, sender_rows[row][column], firm)
            branches[action] = decision("firm", outcomes, infoset=infoset)
        return decision("sender", branches)

    root = decision("government", {"subsidise": subgame(True), "no subsidy": subgame(False)})
    return ExtensiveFormGame.build(
        players=("government", "sender", "firm"),
        root=root,
        parameters=parameters,
        title="sanctions, reshoring and a government subsidy",
        outcomes=GOVERNMENT_OUTCOMES,
    )


def government_subsidy_threshold(**values: Any) -> sympy.Expr:
    r"""The weight of supply security above which the government offers the subsidy.

    Parameters
    ----------
    **values
        Values of :data:`SANCTIONS_GOVERNMENT_PARAMETERS` to substitute (the rest stay
        symbolic).

    Returns
    -------
    sympy.Expr
        :math:`W^* = \eta\sigma / D` with :math:`D = d\kappa/(p e \lambda V)` the expected
        disruption of the unsubsidised mixed equilibrium: :math:`W^* = p e \lambda \eta \sigma
        V / (d \kappa)`.

    Raises
    ------
    InvalidGameError
        On unknown parameter names.

    Notes
    -----
    Valid where the subsidy makes reshoring dominant (:math:`\eta\sigma \ge r`) and the
    unsubsidised subgame has its mixed equilibrium: the sender imposes controls with
    probability :math:`q = d/(peL\lambda)` (the firm indifferent between the cheapest supplier
    and dual-sourcing) and the firm's exposure :math:`y + (1-y)(1-\lambda) = \kappa/(Vpe)`
    (the sender indifferent), so the expected disruption is
    :math:`q\,peL\,\kappa/(Vpe) = d\kappa/(pe\lambda V)`, independent of :math:`L`. The
    fiscal cost :math:`\eta\sigma` carries the home predictability :math:`\eta`, the
    disruption avoided the licensing reliability :math:`\lambda`.

    Examples
    --------
    >>> government_subsidy_threshold(sanction_probability="3/10", enforcement="4/5",
    ...     licensing_reliability="7/10", home_predictability="7/10", subsidy=5,
    ...     leverage_value=5, dual_sourcing_premium=1, control_cost=1)
    147/50
    """
    names = {p.name: p.symbol for p in SANCTIONS_GOVERNMENT_PARAMETERS}
    unknown = sorted(set(values) - set(names))
    if unknown:
        raise InvalidGameError(unknown_names("parameter", unknown, sorted(names)))
    p, e = names["sanction_probability"], names["enforcement"]
    licensing, home = names["licensing_reliability"], names["home_predictability"]
    sigma = names["subsidy"]
    v, d, kappa = names["leverage_value"], names["dual_sourcing_premium"], names["control_cost"]
    threshold = p * e * licensing * home * sigma * v / (d * kappa)
    substitutions = {names[n]: sympy.Rational(str(x)) for n, x in values.items()}
    return sympy.simplify(threshold.subs(substitutions))


def predictability_effects(**values: Any) -> dict[str, dict[str, sympy.Expr]]:
    r"""How each kind of predictability moves the firm's switching thresholds.

    Parameters
    ----------
    **values
        Values of any parameters other than ``sanction_probability`` to substitute into the
        derivatives; the others stay symbolic.

    Returns
    -------
    dict
        ``{"licensing_reliability": {...}, "home_predictability": {...}}``: for each of the
        two parameters, the partial derivative of every threshold of
        :func:`firm_switching_thresholds` with respect to it. A negative derivative means the
        switch happens at a *lower* sanction risk (the option on the right of the arrow gains).

    Raises
    ------
    InvalidGameError
        On unknown parameters (or ``sanction_probability`` itself).

    Notes
    -----
    Differentiating the thresholds of the module docstring:

    .. math::
        \frac{\partial p_{c \to d}}{\partial \lambda} = -\frac{d}{eL\lambda^2}, \quad
        \frac{\partial p_{d \to r}}{\partial \lambda} = \frac{r - \eta\sigma - d}
        {eL(1-\lambda)^2}, \quad
        \frac{\partial p_{d \to r}}{\partial \eta} = -\frac{\sigma}{eL(1-\lambda)}, \quad
        \frac{\partial p_{c \to r}}{\partial \eta} = -\frac{\sigma}{eL},

    and zero otherwise. So home predictability never delays reshoring and hastens it whenever
    a subsidy is on offer, while licensing reliability hastens dual-sourcing and, where the
    firm passes through dual-sourcing (:math:`r - \eta\sigma > d`), delays the move on to
    reshoring.

    Examples
    --------
    >>> effects = predictability_effects(enforcement="4/5", disruption_loss=10,
    ...     dual_sourcing_premium=1, reshoring_premium=3, subsidy=1,
    ...     licensing_reliability="7/10", home_predictability="7/10")
    >>> effects["home_predictability"]["dual-source -> reshore"]
    -5/12
    >>> effects["licensing_reliability"]["cheapest supplier -> dual-source"]
    -25/98
    """
    _check_names(values, "sanction_probability")
    formulas = firm_switching_thresholds()
    substitutions = {_SYMBOLS[name]: sympy.Rational(str(v)) for name, v in values.items()}
    return {
        name: {
            switch: sympy.simplify(sympy.diff(formula, _SYMBOLS[name]).subs(substitutions))
            for switch, formula in formulas.items()
        }
        for name in ("licensing_reliability", "home_predictability")
    }
