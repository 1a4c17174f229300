r"""The economic security dilemma: two blocs choose to stay open or to friend-shore.

The essay argues that "friend-shoring is analogous to military alliances in traditional
security, which implies that excessive promotion of friend-shoring may lead to an 'economic
security dilemma'", that "the security dilemma is based on the same line of logic as the
prisoner's dilemma", and that "friend-shoring races may lead to transforming the global
economy into a two-block regime". This module formalises the dilemma, says when it really is a
prisoner's dilemma (and when it is a stag hunt, chicken or harmony instead), and extends it to
repeated play (can openness be sustained, and how much does monitoring help?) and to swing
states choosing a bloc.

Deriving the payoffs
--------------------
Each bloc chooses *open* (keep global supply chains) or *friend-shore* (reorganise them
among like-minded partners). Payoffs are measured against a two-bloc world without
reorganisation costs.

1. Mutual openness keeps the ``efficiency_gain`` :math:`e` of global supply chains:
   :math:`R = e`.
2. Friend-shoring costs ``reshoring_cost`` :math:`k` (duplicated capacity, higher input
   prices); when both friend-shore, neither gains security *relative* to the other, so
   :math:`P = -k`.
3. A bloc that friend-shores while the other stays open gains ``security_gain`` :math:`g`
   (it is no longer exposed, and gains leverage over a rival that still depends on it), net
   of its cost: :math:`T = g - k`.
4. A bloc that stays open while the other friend-shores suffers its ``vulnerability``
   :math:`v` (exposure to coercion through the dependences the other has shed):
   :math:`S = -v`.

Key result
----------
With :math:`T = g - k`, :math:`R = e`, :math:`P = -k`, :math:`S = -v` the two comparisons
:math:`T > R \iff g > e + k` and :math:`P > S \iff v > k` classify the game
(:func:`classify_security_dilemma`): a **prisoner's dilemma** when
:math:`g > e + k` and :math:`v > k`; a **stag hunt** when :math:`g < e + k` and :math:`v > k`;
**chicken** when :math:`g > e + k` and :math:`v < k`; **harmony** when :math:`g < e + k` and
:math:`v < k`. The switching surfaces are :math:`g = e + k` and :math:`v = k`
(:func:`security_dilemma_boundaries`).

References
----------
.. [1] S. Inomata, "What Is Meant by Supply Chain Resilience?", *Gaiko* 92, 2025.
.. [2] R. Jervis, "Cooperation under the Security Dilemma", *World Politics* 30(2), 1978.
.. [3] J. H. Herz, "Idealist Internationalism and the Security Dilemma", *World Politics* 2(2),
   1950.
.. [4] H. Farrell and A. L. Newman, "Weaponized Interdependence", *International Security*
   44(1), 2019.
"""

from __future__ import annotations

from typing import Any

import sympy

from deterrence.exceptions import InvalidGameError, unknown_names
from deterrence.games.outcomes import Outcomes
from deterrence.games.parametric import Parameter, ParametricGame
from deterrence.games.parametric_anonymous import ParametricAnonymousGame
from deterrence.games.repeated import RepeatedGame
from deterrence.models._registry import register, with_defaults
from deterrence.models.classic import (
    classify_symmetric_game,
    symmetric_class,
    symmetric_game,
    symmetric_outcomes,
)

__all__ = [
    "SECURITY_DILEMMA_PARAMETERS",
    "economic_security_dilemma",
    "classify_security_dilemma",
    "security_dilemma_boundaries",
    "REPEATED_SECURITY_DILEMMA_PARAMETERS",
    "repeated_security_dilemma",
    "openness_discount_threshold",
    "security_dilemma_repeated_game",
    "SWING_STATE_PARAMETERS",
    "swing_states",
    "tipping_point",
]

#: Parameters of the economic security dilemma (meaning, domain, default).
SECURITY_DILEMMA_PARAMETERS: tuple[Parameter, ...] = (
    Parameter(
        "efficiency_gain",
        default=3,
        domain=(0, None),
        description="gain of each bloc from mutually open global supply chains",
    ),
    Parameter(
        "security_gain",
        default=5,
        domain=(0, None),
        description="gain from friend-shoring while the other bloc stays open",
    ),
    Parameter(
        "reshoring_cost",
        default=1,
        domain=(0, None),
        description="cost of reorganising supply chains among partners",
    ),
    Parameter(
        "vulnerability",
        default=4,
        domain=(0, None),
        description="loss from staying open (exposed) while the other friend-shores",
    ),
)

_SYMBOLS = {p.name: p.symbol for p in SECURITY_DILEMMA_PARAMETERS}


#: How the security dilemma's equilibria read (the game type is the model's classifier).
SECURITY_DILEMMA_OUTCOMES = symmetric_outcomes(
    "mutual openness",
    "mutual friend-shoring",
    "one bloc friend-shores",
    "mixed: each friend-shores at random",
    strategies=("open", "friend-shore"),
)


@register(
    "security_dilemma",
    story=(
        "two blocs each keep supply chains open or friend-shore; efficiency, security "
        "gains and vulnerability decide whether it is a prisoner's dilemma, stag hunt, "
        "chicken or harmony"
    ),
    kind="normal form",
    parameters=SECURITY_DILEMMA_PARAMETERS,
    key_parameter="security_gain",
    key_range=(0, 10),
    key_result=(
        "friend-shoring pays against an open rival exactly when security_gain > "
        "efficiency_gain + reshoring_cost and against a friend-shoring rival exactly "
        "when vulnerability > reshoring_cost; both: prisoner's dilemma, only the second:"
        " stag hunt, only the first: chicken, neither: harmony"
    ),
    essay_argument=(
        "excessive friend-shoring may lead to an economic security dilemma and a two-bloc world"
    ),
    references=("Inomata 2025", "Jervis 1978", "Herz 1950"),
    outcomes=SECURITY_DILEMMA_OUTCOMES,
    classifier=symmetric_class,
)
def economic_security_dilemma(**defaults: Any) -> ParametricGame:
    r"""The economic security dilemma between two blocs.

    Parameters
    ----------
    **defaults
        New defaults for any of :data:`SECURITY_DILEMMA_PARAMETERS`.

    Returns
    -------
    ParametricGame
        Players ``("bloc A", "bloc B")``, strategies ``("open", "friend-shore")``; the
        symmetric game with :math:`R = e`, :math:`S = -v`, :math:`T = g - k`, :math:`P = -k`.

    Raises
    ------
    InvalidGameError
        On unknown parameters or negative values.

    Notes
    -----
    Payoffs are derived in the module docstring. **Key result.** The game is a prisoner's
    dilemma exactly when :math:`g > e + k` and :math:`v > k` (then (friend-shore,
    friend-shore) is the unique equilibrium although mutual openness is better for both); the
    security-gain threshold is :math:`g^* = e + k` (4 at the defaults :math:`e = 3`,
    :math:`k = 1`, so the default :math:`g = 5` is a prisoner's dilemma). Below it the game
    becomes a stag hunt: openness is an equilibrium, sustained by assurance, as in Jervis's
    (1978) mild security dilemma.

    Examples
    --------
    >>> from deterrence import solve
    >>> game = economic_security_dilemma()
    >>> [eq.outcome for eq in solve(game.at(), exact=True)]
    ['(friend-shore, friend-shore)']
    >>> [eq.outcome for eq in solve(game.at(security_gain=2), exact=True)][0]
    '(open, open)'
    """
    parameters = with_defaults(SECURITY_DILEMMA_PARAMETERS, defaults, "security_dilemma")
    return symmetric_game(
        "efficiency_gain",
        "-vulnerability",
        "security_gain - reshoring_cost",
        "-reshoring_cost",
        parameters,
        strategies=("open", "friend-shore"),
        title="economic security dilemma",
        outcomes=SECURITY_DILEMMA_OUTCOMES,
    )


def classify_security_dilemma(**values: Any) -> str:
    """Which classic game the economic security dilemma is at a parameter point.

    Parameters
    ----------
    **values
        Parameter values (defaults fill the rest).

    Returns
    -------
    str
        ``"prisoner's dilemma"``, ``"stag hunt"``, ``"chicken"``, ``"harmony"``,
        ``"deadlock"`` or ``"boundary"`` (see
        :func:`~deterrence.models.classic.classify_symmetric_game`).

    Raises
    ------
    InvalidGameError
        On unknown parameters or values outside a domain.

    Notes
    -----
    Reads :math:`R, S, T, P` off the game at the point and compares them ordinally; the
    boundaries are :math:`g = e + k` and :math:`v = k`.

    Examples
    --------
    >>> classify_security_dilemma()
    "prisoner's dilemma"
    >>> classify_security_dilemma(security_gain=2)
    'stag hunt'
    >>> classify_security_dilemma(vulnerability="1/2")
    'chicken'
    >>> classify_security_dilemma(security_gain=2, vulnerability="1/2")
    'harmony'
    """
    game = economic_security_dilemma().at(**values)
    matrix = game.payoff_matrix("bloc A")
    return classify_symmetric_game(
        reward=matrix[0, 0],
        temptation=matrix[1, 0],
        sucker=matrix[0, 1],
        punishment=matrix[1, 1],
    )


def security_dilemma_boundaries(parameter: str = "security_gain") -> dict[str, sympy.Expr]:
    """The switching surfaces of the security dilemma, solved for one parameter.

    Parameters
    ----------
    parameter : str, default "security_gain"
        The parameter to solve for.

    Returns
    -------
    dict
        ``{"temptation = reward": expression, "punishment = sucker": expression}``: the value
        of ``parameter`` on each switching surface (a surface that does not involve the
        parameter is omitted).

    Raises
    ------
    InvalidGameError
        If ``parameter`` is not a parameter of the model.

    Notes
    -----
    The surfaces are :math:`T = R`, i.e. :math:`g = e + k`, where friend-shoring against an
    open rival starts to pay, and :math:`P = S`, i.e. :math:`v = k`, where friend-shoring
    against a friend-shoring rival starts to pay.

    Examples
    --------
    >>> security_dilemma_boundaries()
    {'temptation = reward': efficiency_gain + reshoring_cost}
    >>> security_dilemma_boundaries("reshoring_cost")
    {'temptation = reward': -efficiency_gain + security_gain, 'punishment = sucker': vulnerability}
    """
    if parameter not in _SYMBOLS:
        raise InvalidGameError(unknown_names("parameter", [parameter], _SYMBOLS))
    s = _SYMBOLS
    surfaces = {
        "temptation = reward": s["security_gain"] - s["reshoring_cost"] - s["efficiency_gain"],
        "punishment = sucker": s["vulnerability"] - s["reshoring_cost"],
    }
    out = {}
    for name, difference in surfaces.items():
        if difference.has(s[parameter]):
            (solution,) = sympy.solve(difference, s[parameter])
            out[name] = solution
    return out


# ---------------------------------------------------------------------- repeated version
#: Parameters of the repeated economic security dilemma: the stage parameters, patience and
#: the quality of monitoring.
REPEATED_SECURITY_DILEMMA_PARAMETERS: tuple[Parameter, ...] = SECURITY_DILEMMA_PARAMETERS + (
    Parameter(
        "discount",
        default="1/3",
        domain=(0, "99/100"),
        description="patience: weight of the future (or probability the relation goes on)",
    ),
    Parameter(
        "detection",
        default="1/2",
        domain=(0, 1),
        description="probability a rival's friend-shoring is detected in the period "
        "(raised by information sharing)",
    ),
    Parameter(
        "false_alarm",
        default="1/10",
        domain=(0, 1),
        description="probability openness is misread as friend-shoring (lowered by "
        "information sharing)",
    ),
)


#: How the repeated security dilemma's equilibria read.
REPEATED_SECURITY_DILEMMA_OUTCOMES = symmetric_outcomes(
    "openness sustained",
    "mutual friend-shoring",
    "one bloc friend-shores",
    "mixed: each friend-shores at random",
    strategies=("conditional openness", "friend-shore"),
)


@register(
    "security_dilemma_repeated",
    story=(
        "the blocs meet repeatedly; each keeps supply chains open while no friend-shoring "
        "is detected (grim trigger under imperfect monitoring) or friend-shores for good"
    ),
    kind="normal form",
    parameters=REPEATED_SECURITY_DILEMMA_PARAMETERS,
    key_parameter="detection",
    key_result=(
        "openness is sustainable exactly when discount >= (T - R)/((detection - "
        "false_alarm)*(R - P) + (1 - false_alarm)*(T - R)) with T = security_gain - "
        "reshoring_cost, R = efficiency_gain, P = -reshoring_cost; better monitoring "
        "lowers the required patience"
    ),
    essay_argument=(
        "supply chains as communication channels: monitoring makes openness self-enforcing"
    ),
    references=(
        "Green and Porter 1984",
        "Mailath and Samuelson 2006",
        "Axelrod 1984",
        "Inomata 2025",
    ),
    outcomes=REPEATED_SECURITY_DILEMMA_OUTCOMES,
    classifier=symmetric_class,
)
def repeated_security_dilemma(**defaults: Any) -> ParametricGame:
    r"""The repeated economic security dilemma: conditional openness versus friend-shoring.

    Parameters
    ----------
    **defaults
        New defaults for any of :data:`REPEATED_SECURITY_DILEMMA_PARAMETERS`.

    Returns
    -------
    ParametricGame
        Players ``("bloc A", "bloc B")``; strategies ``("conditional openness",
        "friend-shore")``: grim trigger with public imperfect monitoring versus always
        friend-shoring. Payoffs are normalised discounted values.

    Raises
    ------
    InvalidGameError
        On unknown parameters or values outside a domain.

    Notes
    -----
    The stage game is :func:`economic_security_dilemma` with :math:`T = g - k`,
    :math:`R = e`, :math:`P = -k`, :math:`S = -v`. Each period a public signal reports
    "friend-shoring" with probability :math:`q` (``detection``) if a bloc friend-shored and
    :math:`\epsilon` (``false_alarm``) if both stayed open; after the first such signal both
    friend-shore for ever (Green and Porter 1984). With patience :math:`\delta` the normalised
    values are

    * both conditional: :math:`V = ((1-\delta)R + \delta\epsilon P)/(1 - \delta(1-\epsilon))`;
    * conditional against friend-shoring: :math:`((1-\delta)S + \delta q P)/(1 - \delta(1-q))`,
      the friend-shorer :math:`((1-\delta)T + \delta q P)/(1 - \delta(1-q))`;
    * both friend-shore: :math:`P`.

    **Key result.** (conditional openness, conditional openness) is an equilibrium exactly
    when :math:`\delta \ge (T-R)/((q-\epsilon)(R-P) + (1-\epsilon)(T-R))`
    (:func:`openness_discount_threshold`; Mailath and Samuelson 2006, sec. 7.2), which falls
    as detection rises and false alarms fall: information sharing lowers the patience openness
    needs. At the defaults the threshold is :math:`2/5 > 1/3`, so openness collapses; it is
    sustained once detection exceeds :math:`5/8`.

    Examples
    --------
    >>> from deterrence import solve
    >>> game = repeated_security_dilemma()
    >>> [eq.outcome for eq in solve(game.at(), exact=True)]
    ['(friend-shore, friend-shore)']
    >>> outcomes = [eq.outcome for eq in solve(game.at(detection="3/4"), exact=True)]
    >>> "(conditional openness, conditional openness)" in outcomes
    True
    """
    parameters = with_defaults(
        REPEATED_SECURITY_DILEMMA_PARAMETERS, defaults, "security_dilemma_repeated"
    )
    t, r = "(security_gain - reshoring_cost)", "efficiency_gain"
    p, s = "(-reshoring_cost)", "(-vulnerability)"
    both = f"((1 - discount)*{r} + discount*false_alarm*{p})/(1 - discount*(1 - false_alarm))"
    exploited = f"((1 - discount)*{s} + discount*detection*{p})/(1 - discount*(1 - detection))"
    exploiting = f"((1 - discount)*{t} + discount*detection*{p})/(1 - discount*(1 - detection))"
    return symmetric_game(
        both,
        exploited,
        exploiting,
        p,
        parameters,
        strategies=("conditional openness", "friend-shore"),
        title="repeated economic security dilemma (imperfect monitoring)",
        outcomes=REPEATED_SECURITY_DILEMMA_OUTCOMES,
    )


def security_dilemma_repeated_game(discount: Any = "9/10", **values: Any) -> RepeatedGame:
    r"""The economic security dilemma as a :class:`~deterrence.games.repeated.RepeatedGame`.

    Parameters
    ----------
    discount : number
        The blocs' common discount factor :math:`0 \le \delta < 1`.
    **values
        Stage-game parameter values (defaults of :data:`SECURITY_DILEMMA_PARAMETERS` fill
        the rest).

    Returns
    -------
    RepeatedGame
        The stage game :func:`economic_security_dilemma` at ``values`` (strategies
        ``("open", "friend-shore")``), repeated with ``discount``: ready for the repeated-game
        solvers (grim trigger, tit-for-tat, folk-theorem tools) and tournaments.

    Raises
    ------
    InvalidGameError
        On unknown parameters, values outside a domain or a discount outside [0, 1).

    Notes
    -----
    With perfect monitoring grim trigger sustains openness iff
    :math:`\delta \ge (T-R)/(T-P) = (g - k - e)/g` (Friedman 1971); the parametric game
    :func:`repeated_security_dilemma` adds imperfect monitoring.

    Examples
    --------
    >>> from deterrence.solvers.repeated import grim_trigger_threshold
    >>> grim_trigger_threshold(security_dilemma_repeated_game())
    1/5
    """
    return RepeatedGame(economic_security_dilemma().at(**values), discount)


def openness_discount_threshold(**values: Any) -> sympy.Expr:
    r"""The patience needed to sustain openness under imperfect monitoring.

    Parameters
    ----------
    **values
        Values of the stage parameters, ``detection`` and ``false_alarm`` to substitute; the
        others stay symbolic.

    Returns
    -------
    sympy.Expr
        :math:`\delta^* = (T-R)/((q-\epsilon)(R-P) + (1-\epsilon)(T-R))` with
        :math:`T = g - k`, :math:`R = e`, :math:`P = -k`; with perfect monitoring
        :math:`(T-R)/(T-P)`.

    Raises
    ------
    InvalidGameError
        On unknown parameters.

    Notes
    -----
    Green and Porter's (1984) trigger strategy with public imperfect monitoring; the same
    closed form as :func:`deterrence.solvers.repeated.imperfect_monitoring_threshold`
    applied to the stage game (the tests check that they agree).

    Examples
    --------
    >>> openness_discount_threshold(efficiency_gain=3, security_gain=5, reshoring_cost=1,
    ...                             detection="1/2", false_alarm="1/10")
    2/5
    >>> openness_discount_threshold(efficiency_gain=3, security_gain=5, reshoring_cost=1,
    ...                             detection=1, false_alarm=0)
    1/5
    """
    names = {p.name: p.symbol for p in REPEATED_SECURITY_DILEMMA_PARAMETERS}
    unknown = sorted(set(values) - set(names))
    if unknown:
        raise InvalidGameError(unknown_names("parameter", unknown, sorted(names)))
    g, e, k = names["security_gain"], names["efficiency_gain"], names["reshoring_cost"]
    q, alarm = names["detection"], names["false_alarm"]
    t, r, p = g - k, e, -k
    threshold = (t - r) / ((q - alarm) * (r - p) + (1 - alarm) * (t - r))
    substitutions = {names[n]: sympy.Rational(str(v)) for n, v in values.items()}
    return sympy.simplify(threshold.subs(substitutions))


# ---------------------------------------------------------------------- swing states
#: Parameters of the swing-state extension (meaning, domain, default).
SWING_STATE_PARAMETERS: tuple[Parameter, ...] = (
    Parameter(
        "num_states",
        default=20,
        domain=(2, None),
        description="number of third countries choosing (an integer)",
    ),
    Parameter(
        "openness_value",
        default=3,
        domain=(0, None),
        description="value of trading with both blocs when no other state has aligned",
    ),
    Parameter(
        "bloc_benefit",
        default=4,
        domain=(0, None),
        description="value of bloc membership when every other state has aligned",
    ),
    Parameter(
        "security_premium",
        default=1,
        domain=(0, None),
        description="security value of aligning (protection, guaranteed supplies)",
    ),
    Parameter(
        "alignment_cost",
        default=1,
        domain=(0, None),
        description="cost of aligning (lost markets and investment of the other bloc)",
    ),
)


#: How the swing states' equilibria read.
SWING_STATE_OUTCOMES = Outcomes(
    [
        ({"state": "align"}, "two-bloc world: every state aligns"),
        ({"state": "non-aligned"}, "open world: no state aligns"),
    ]
)


@register(
    "swing_states",
    story=(
        "many third countries each stay non-aligned or align with a bloc; each alignment "
        "makes aligning more attractive until the world tips into two blocs"
    ),
    kind="anonymous",
    parameters=SWING_STATE_PARAMETERS,
    key_parameter="security_premium",
    key_range=(0, 5),
    key_result=(
        "once more than the share (openness_value - security_premium + "
        "alignment_cost)/(openness_value + bloc_benefit) of the other states align, "
        "aligning is every state's best reply and the world tips into two blocs; the "
        "unstable symmetric equilibrium sits at this tipping point"
    ),
    essay_argument=(
        "friend-shoring races over the rest of the world may transform the global "
        "economy into a two-bloc regime"
    ),
    references=("Schelling 1978", "Granovetter 1978", "Inomata 2025"),
    structural=("num_states",),
    outcomes=SWING_STATE_OUTCOMES,
)
def swing_states(**defaults: Any) -> ParametricAnonymousGame:
    r"""Swing states choosing between non-alignment and a bloc: a tipping game.

    Parameters
    ----------
    **defaults
        Values for any of :data:`SWING_STATE_PARAMETERS` (``num_states`` an integer; it
        fixes the size of the game and is structural).

    Returns
    -------
    ParametricAnonymousGame
        Strategies ``("align", "non-aligned")``, players called ``"state"``; payoffs are
        formulas in the number :math:`k` of the other :math:`N - 1` states that align and in
        the parameters other than ``num_states``, so ``thresholds``, ``regimes`` and
        ``sweep`` apply directly.

    Raises
    ------
    InvalidGameError
        On unknown parameters, values outside a domain or a non-integer ``num_states``.

    Notes
    -----
    With :math:`x = k/(N-1)` the share of other states that align, non-alignment is worth
    :math:`o(1 - x)` (trading with both blocs is worth less as the middle ground empties) and
    alignment :math:`b x + \sigma - c` (bloc benefits grow with membership, Schelling's (1978)
    and Granovetter's (1978) threshold logic). **Key result.** Aligning is the best reply
    exactly when :math:`x > x^* = (o - \sigma + c)/(o + b)`; if :math:`0 < x^* < 1` both "all
    non-aligned" and "all aligned" (the two-bloc world) are equilibria and the symmetric mixed
    equilibrium, unstable, aligns with probability :math:`x^*`: the tipping point
    (:func:`tipping_point`). A higher security premium lowers it.

    Examples
    --------
    >>> from deterrence.analysis import thresholds
    >>> from deterrence.solvers.anonymous import solve_anonymous_symmetric
    >>> game = swing_states()
    >>> [(eq.probability, eq.stability)
    ...  for eq in solve_anonymous_symmetric(game.at(), exact=True)]
    [(Fraction(0, 1), 'stable'), (Fraction(3, 7), 'unstable'), (Fraction(1, 1), 'stable')]

    The world tips for sure once the security premium exceeds the value of openness plus
    the cost of aligning (non-alignment stops being an equilibrium):

    >>> [t.expression for t in thresholds(game, "security_premium")]
    [alignment_cost + openness_value]
    """
    parameters = with_defaults(SWING_STATE_PARAMETERS, defaults, "swing_states")
    count = parameters[0].default
    if count != int(count):
        raise InvalidGameError(f"num_states is {count}; expected an integer")
    return ParametricAnonymousGame(
        int(count),
        {
            "align": "bloc_benefit*k/(N - 1) + security_premium - alignment_cost",
            "non-aligned": "openness_value*(1 - k/(N - 1))",
        },
        parameters[1:],
        title="swing states and the two-bloc world",
        player_label="state",
        outcomes=SWING_STATE_OUTCOMES,
    )


def tipping_point(**values: Any) -> sympy.Expr:
    r"""The share of aligned states beyond which the world tips into two blocs.

    Parameters
    ----------
    **values
        Values of :data:`SWING_STATE_PARAMETERS` (other than ``num_states``) to substitute.

    Returns
    -------
    sympy.Expr
        :math:`x^* = (o - \sigma + c)/(o + b)`.

    Raises
    ------
    InvalidGameError
        On unknown parameters.

    Notes
    -----
    Solves :math:`o(1 - x) = b x + \sigma - c` for the aligned share :math:`x`
    (Schelling 1978, ch. 3, the tipping model).

    Examples
    --------
    >>> tipping_point(openness_value=3, bloc_benefit=4, security_premium=1, alignment_cost=1)
    3/7
    """
    names = {p.name: p.symbol for p in SWING_STATE_PARAMETERS if p.name != "num_states"}
    unknown = sorted(set(values) - set(names))
    if unknown:
        raise InvalidGameError(unknown_names("parameter", unknown, sorted(names)))
    o, b = names["openness_value"], names["bloc_benefit"]
    sigma, c = names["security_premium"], names["alignment_cost"]
    point = (o - sigma + c) / (o + b)
    substitutions = {names[n]: sympy.Rational(str(v)) for n, v in values.items()}
    return sympy.simplify(point.subs(substitutions))
