r"""Conveying a punitive message: investment in chokepoint capability as a costly signal of
resolve.

The essay asks of "strategic indispensability" (control of a chokepoint technology as
deterrence by punishment) "how effectively this would convey a punitive message to the
opponents". A message is conveyed only if the coercer can tell a resolute defender, who would
retaliate, from an irresolute one, who would concede; a capability both types can afford to
display says nothing. This module models the question as a signalling game (Spence 1973) in
the cost of the signal, and finds where investing deters, where it is wasted and where it is
blurred by bluffing.

Deriving the payoffs
--------------------
1. Nature makes the defender *resolute* with probability ``credibility`` :math:`p` (the
   coercer's prior) and *irresolute* otherwise; the defender knows its type.
2. The defender *invests* in chokepoint capability (or stages a costly demonstration) or
   makes *no investment*. Investing costs a resolute defender ``signal_cost`` :math:`c` and
   an irresolute one :math:`\kappa c` (``cost_ratio`` :math:`\kappa \ge 1`): capability that a
   defender means to use is cheaper for it to build and to maintain (it fits its industrial
   policy; an irresolute government pays the full political price of a capability it would
   not use). The investment does not change the fight itself: it is a pure signal.
3. The coercer sees the investment, not the type, and *coerces* or *refrains*. Refraining
   gives both 0. Coercion against an irresolute defender succeeds: it concedes, losing
   ``loss`` :math:`L`, and the coercer gains ``gain`` :math:`G`. Coercion against a resolute
   defender is punished: it retaliates through the chokepoint, the coercer suffers
   ``punishment`` :math:`P` and the defender pays ``retaliation_cost`` :math:`K` (its own
   losses from the fight). ``gain``, ``punishment``, ``loss``, ``retaliation_cost`` and
   ``credibility`` mean what they mean in :mod:`deterrence.models.punishment`.

===========================  =========================  ======================  ============
type, signal                 coerced                    not coerced             coercer
===========================  =========================  ======================  ============
resolute, invests            :math:`-K - c`             :math:`-c`              :math:`-P`
resolute, no investment      :math:`-K`                 0                       :math:`-P`
irresolute, invests          :math:`-L - \kappa c`      :math:`-\kappa c`       :math:`G`
irresolute, no investment    :math:`-L`                 0                       :math:`G`
===========================  =========================  ======================  ============

(the coercer's column is its payoff from coercing; refraining gives it 0).

Key results
-----------
The coercer refrains exactly when its belief that the defender is resolute is at least
:math:`\mu^* = G/(G + P)` (2/5 at the defaults). Solution concept: perfect Bayesian
equilibrium (:func:`~deterrence.solvers.signalling.solve_signalling`), off-path beliefs free;
the refinement named where used is the intuitive criterion (Cho and Kreps 1987).

* **Separating** (the resolute invest, the irresolute do not; the coercer refrains after
  investment and coerces otherwise) exactly when

  .. math:: \frac{L}{\kappa} \le c \le K,

  the resolute type will pay to be left alone and the irresolute type will not: [2, 3] at
  the defaults. The window is empty unless :math:`\kappa K \ge L`.
* **Pooling on no investment** exists for every cost. If :math:`p < \mu^*` the coercer
  coerces and the pool needs the off-path belief :math:`\mu(\text{resolute} \mid
  \text{invest}) \le \mu^*` (investors taken for bluffers) whenever :math:`c < K` or
  :math:`\kappa c < L` (otherwise every belief does); it fails the intuitive criterion
  exactly inside the separating window (:math:`L/\kappa < c < K`: investing is
  equilibrium-dominated for the irresolute type only). If :math:`p \ge \mu^*` the coercer
  refrains anyway (deterred by reputation alone) for every belief.
* **Pooling on investment** exactly when :math:`p \ge \mu^*` and :math:`c \le \min(K,
  L/\kappa)`, supported by the belief that a defender who does not invest is irresolute; it
  survives the intuitive criterion but the money is *wasted*: the prior alone deters.
* **Semi-separating, the irresolute bluff** (the resolute invest, the irresolute invest
  with probability :math:`\sigma_I = pP/((1 - p)G)`, so that an investor is resolute with
  probability exactly :math:`\mu^*`; the coercer refrains after investment with probability
  :math:`\kappa c/L`) exactly when :math:`p < \mu^*`, :math:`0 < c < L/\kappa` and
  :math:`\kappa K \ge L`.
* **Semi-separating, the resolute sometimes invest** (the irresolute never invest, the
  resolute invest with probability :math:`\sigma_R = 1 - (1 - p)G/(pP)`, so that a
  non-investor is resolute with probability :math:`\mu^*`; the coercer refrains after
  investment and coerces a non-investor with probability :math:`c/K`) exactly when
  :math:`p > \mu^*`, :math:`0 < c < K` and :math:`\kappa K \ge L`.

So investing **conveys a punitive message** (deters the coercer who would otherwise coerce)
exactly when :math:`p < G/(G+P)` and :math:`L/\kappa \le c \le K`. It is *wasted* when it
costs more than the resolute type's stake (:math:`c > K`: no one invests), or when the
coercer is already deterred (:math:`p \ge G/(G+P)`); and it is *blurred* when it is cheap
(:math:`c < L/\kappa`): the irresolute bluff and investors are still coerced with
probability :math:`1 - \kappa c/L`. The essay's doubt is right outside the window: a
capability that both a resolute and an irresolute government can afford conveys nothing.

References
----------
.. [1] M. Spence, "Job market signaling", *Quarterly Journal of Economics* 87(3), 1973.
.. [2] I.-K. Cho and D. M. Kreps, "Signaling games and stable equilibria", *QJE* 102, 1987.
.. [3] J. D. Fearon, "Signaling foreign policy interests: tying hands versus sinking costs",
   *Journal of Conflict Resolution* 41(1), 1997.
.. [4] S. Inomata, "What Is Meant by Supply Chain Resilience?", *Gaiko* 92, 2025.
"""

from __future__ import annotations

import dataclasses
from fractions import Fraction
from typing import Any

from deterrence.games.outcomes import Outcomes
from deterrence.games.parametric import Parameter
from deterrence.games.parametric_signalling import ParametricSignallingGame
from deterrence.models._registry import register, with_defaults
from deterrence.models.punishment import PUNISHMENT_PARAMETERS

__all__ = [
    "PUNITIVE_SIGNAL_PARAMETERS",
    "PUNITIVE_SIGNAL_OUTCOMES",
    "punitive_signal",
    "PunitiveMessage",
    "punitive_message",
]

_PUNISHMENT_PRIMITIVES = {p.name: p for p in PUNISHMENT_PARAMETERS}

#: Parameters of the punitive-signal game (meaning, domain, default). ``credibility``,
#: ``gain``, ``punishment``, ``loss`` and ``retaliation_cost`` are the punishment model's
#: primitives (same names, same meaning; some defaults differ).
PUNITIVE_SIGNAL_PARAMETERS: tuple[Parameter, ...] = (
    Parameter(
        "signal_cost",
        default="5/2",
        domain=(0, 10),
        description="resolute defender's cost of investing in chokepoint capability (the signal)",
    ),
    Parameter(
        "cost_ratio",
        default=2,
        domain=(1, 10),
        description="how many times more the same investment costs an irresolute defender",
    ),
    dataclasses.replace(
        _PUNISHMENT_PRIMITIVES["credibility"],
        default="1/4",
        domain=("1/100", "99/100"),  # a signalling game needs both types possible
    ),
    dataclasses.replace(_PUNISHMENT_PRIMITIVES["gain"], default=2),
    dataclasses.replace(_PUNISHMENT_PRIMITIVES["punishment"], default=3),
    _PUNISHMENT_PRIMITIVES["loss"],
    dataclasses.replace(
        _PUNISHMENT_PRIMITIVES["retaliation_cost"],
        description="resolute defender's own cost of being coerced and retaliating (cutting "
        "off the chokepoint technology)",
    ),
)

#: The defender's signals and the coercer's answers.
MESSAGES = ("no investment", "invest")
ACTIONS = ("coerce", "refrain")

#: How the perfect Bayesian equilibria read. Patterns name the defender of each type and the
#: coercer after each signal (the pseudo-players of the signalling game).
PUNITIVE_SIGNAL_OUTCOMES = Outcomes(
    [
        (
            {"defender (resolute)": "invest", "defender (irresolute)": "no investment"},
            "punitive message conveyed (separating)",
        ),
        (
            {"defender (resolute)": "invest", "defender (irresolute)": "invest"},
            "investment wasted (both invest)",
        ),
        ({"defender (resolute)": "invest"}, "message blurred (irresolute bluff)"),
        (
            {
                "defender (resolute)": "no investment",
                "defender (irresolute)": "no investment",
                "coercer (after no investment)": "refrain",
            },
            "deterred by reputation alone",
        ),
        (
            {
                "defender (resolute)": "no investment",
                "defender (irresolute)": "no investment",
                "coercer (after no investment)": "coerce",
            },
            "no signal, coerced",
        ),
        (
            {"defender (irresolute)": "no investment", "coercer (after invest)": "refrain"},
            "resolute sometimes invest (semi-separating)",
        ),
    ],
    otherwise="other",
)


@register(
    "punitive_signal",
    story=(
        "a resolute or irresolute defender may invest in chokepoint capability as a costly "
        "signal; the coercer sees the investment, not the resolve, and coerces or refrains"
    ),
    kind="signalling",
    parameters=PUNITIVE_SIGNAL_PARAMETERS,
    key_parameter="signal_cost",
    key_range=(0, 6),
    key_result=(
        "investing separates the resolute from the irresolute (a perfect Bayesian "
        "equilibrium) exactly when loss/cost_ratio <= signal_cost <= retaliation_cost, and "
        "conveys a punitive message (deters a coercer who would otherwise coerce) when also "
        "credibility < gain/(gain + punishment); cheaper signals are mimicked (semi-"
        "separating), dearer ones are not sent"
    ),
    essay_argument=(
        "whether strategic indispensability conveys a punitive message: only a signal the "
        "irresolute cannot afford to mimic does"
    ),
    references=("Spence 1973", "Cho and Kreps 1987", "Fearon 1997", "Inomata 2025"),
    outcomes=PUNITIVE_SIGNAL_OUTCOMES,
)
def punitive_signal(**defaults: Any) -> ParametricSignallingGame:
    r"""Investment in chokepoint capability as a costly signal of resolve.

    Parameters
    ----------
    **defaults
        New defaults for any of :data:`PUNITIVE_SIGNAL_PARAMETERS`.

    Returns
    -------
    ParametricSignallingGame
        Types ``("resolute", "irresolute")``, messages ``("no investment", "invest")``,
        actions ``("coerce", "refrain")``; players ``("defender", "coercer")``.

    Raises
    ------
    InvalidGameError
        On unknown parameters or values outside a domain.

    Notes
    -----
    Payoffs are derived in the module docstring. **Key result.** A separating perfect
    Bayesian equilibrium exists exactly when :math:`L/\kappa \le c \le K` ([2, 3] at the
    defaults); with :math:`p < G/(G+P)` (1/4 < 2/5 at the defaults) it is the only way the
    resolute type escapes coercion, so investing conveys the punitive message there and
    only there (:func:`punitive_message`).

    Examples
    --------
    >>> game = punitive_signal()
    >>> game.types, game.messages
    (('resolute', 'irresolute'), ('no investment', 'invest'))
    >>> from deterrence.analysis import thresholds
    >>> [t.value for t in thresholds(game, "signal_cost", fixed="defaults", domain=(0, 6))]
    [Fraction(2, 1), Fraction(3, 1)]
    >>> [str(t.expression) for t in thresholds(game, "signal_cost", domain=(0, 6))]
    ['loss/cost_ratio', 'retaliation_cost']
    """
    parameters = with_defaults(PUNITIVE_SIGNAL_PARAMETERS, defaults, "punitive_signal")
    # sender_payoffs[type][message][action], actions (coerce, refrain)
    sender = [
        [["-retaliation_cost", 0], ["-retaliation_cost - signal_cost", "-signal_cost"]],
        [["-loss", 0], ["-loss - cost_ratio*signal_cost", "-cost_ratio*signal_cost"]],
    ]
    receiver = [
        [["-punishment", 0], ["-punishment", 0]],
        [["gain", 0], ["gain", 0]],
    ]
    return ParametricSignallingGame(
        sender,
        receiver,
        ["credibility", "1 - credibility"],
        parameters,
        types=("resolute", "irresolute"),
        messages=MESSAGES,
        actions=ACTIONS,
        players=("defender", "coercer"),
        title="conveying a punitive message (costly signal of resolve)",
        outcomes=PUNITIVE_SIGNAL_OUTCOMES,
    )


@dataclasses.dataclass(frozen=True)
class PunitiveMessage:
    r"""What investing in chokepoint capability achieves at one point, from the formulas.

    Attributes
    ----------
    deterrence_belief : Fraction
        :math:`\mu^* = G/(G+P)`: the coercer refrains when its belief in resolve is at least
        this.
    separating_window : (Fraction, Fraction) or None
        :math:`[L/\kappa, K]`, the signal costs with a separating equilibrium (``None``
        when empty).
    separating, pooling_on_investment, semi_separating : bool
        Whether each kind of equilibrium exists.
    bluff_probability : Fraction or None
        The irresolute type's probability of investing in the semi-separating equilibrium
        where it bluffs (:math:`p < \mu^*`).
    resolute_investment_probability : Fraction or None
        The resolute type's probability of investing in the semi-separating equilibrium
        where it mixes (:math:`p > \mu^*`).
    verdict : str
        ``"conveyed"``, ``"wasted: too costly"``, ``"wasted: already deterred"``,
        ``"blurred: the irresolute bluff"`` or ``"wasted: the irresolute would mimic"`` (a
        cheap signal without a semi-separating equilibrium, when :math:`\kappa K < L`).

    Examples
    --------
    >>> punitive_message().verdict
    'conveyed'
    """

    deterrence_belief: Fraction
    separating_window: tuple[Fraction, Fraction] | None
    separating: bool
    pooling_on_investment: bool
    semi_separating: bool
    bluff_probability: Fraction | None
    resolute_investment_probability: Fraction | None
    verdict: str


def punitive_message(**values: Any) -> PunitiveMessage:
    r"""Whether investing conveys a punitive message, by the closed-form conditions.

    Parameters
    ----------
    **values
        Parameter values; defaults fill the rest (exact for rational input).

    Returns
    -------
    PunitiveMessage

    Raises
    ------
    InvalidGameError
        On unknown parameters or values outside a domain.

    Notes
    -----
    The conditions of the module docstring: separating iff :math:`L/\kappa \le c \le K`;
    pooling on investment iff :math:`p \ge \mu^*` and :math:`c \le \min(K, L/\kappa)`;
    semi-separating iff :math:`\kappa K \ge L` and either :math:`p < \mu^*`,
    :math:`0 < c < L/\kappa` (the irresolute bluff) or :math:`p > \mu^*`, :math:`0 < c < K`
    (the resolute mix). The verdict: already deterred when :math:`p \ge \mu^*`; else too
    costly when :math:`c > K`, blurred when :math:`c < L/\kappa`, conveyed otherwise.

    Examples
    --------
    >>> punitive_message(signal_cost=1).verdict, punitive_message(signal_cost=1).bluff_probability
    ('blurred: the irresolute bluff', Fraction(1, 2))
    >>> punitive_message(signal_cost=4).verdict
    'wasted: too costly'
    >>> punitive_message(credibility="1/2").verdict
    'wasted: already deterred'
    """
    point = punitive_signal().resolve(values)
    c, kappa, p = point["signal_cost"], point["cost_ratio"], point["credibility"]
    gain, punishment = point["gain"], point["punishment"]
    loss, stake = point["loss"], point["retaliation_cost"]
    belief = gain / (gain + punishment) if gain + punishment else Fraction(1)
    low = loss / kappa
    window = (low, stake) if low <= stake else None
    separating = window is not None and low <= c <= stake
    deterred = p >= belief
    pooling_on_investment = deterred and c <= min(stake, low)
    bluff = (
        p * punishment / ((1 - p) * gain)
        if p < belief and 0 < c < low and kappa * stake >= loss
        else None
    )
    mixing = (
        1 - (1 - p) * gain / (p * punishment)
        if p > belief and 0 < c < stake and kappa * stake >= loss
        else None
    )
    semi = bluff is not None or mixing is not None
    if deterred:
        verdict = "wasted: already deterred"
    elif c > stake:
        verdict = "wasted: too costly"
    elif c < low:
        verdict = (
            "blurred: the irresolute bluff"
            if bluff is not None
            else "wasted: the irresolute would mimic"
        )
    else:
        verdict = "conveyed"
    return PunitiveMessage(
        belief, window, separating, pooling_on_investment, semi, bluff, mixing, verdict
    )
