r"""Trust through supply chains: a Bayesian security dilemma with a communication channel.

The essay's hope is that global supply chains, "a bundle of economic transactions" each
carrying "multi-faceted information about the contractual parties", can "serve as extensive
communication channels across national borders" and so dissolve a security dilemma whose
"fundamental cause ... lies in the structure of the game, where ... the parties lack an
effective communication channel". Kydd (2005) gives the model: the security dilemma is a
game of incomplete information about whether the other side is a *security seeker* (who
prefers mutual cooperation, assurance preferences) or *greedy* (who prefers to exploit,
prisoner's-dilemma preferences); cooperation is possible when trust is high enough.

Deriving the payoffs
--------------------
1. Each bloc is a security seeker with probability ``prior_trust`` :math:`\pi` and greedy
   otherwise. Greedy blocs defect (defection is dominant for them).
2. A security seeker values mutual cooperation at 1, mutual defection at 0, being exploited
   at :math:`-c` (``sucker_cost``) and exploiting a cooperator at :math:`g < 1`
   (``temptation``): assurance preferences.
3. Supply-chain transactions send a signal about each bloc's type that is right with
   probability :math:`(1 + s)/2`, where ``information_sharing`` :math:`s \in [0, 1]` runs from
   an uninformative channel (:math:`s = 0`) to full transparency (:math:`s = 1`). We analyse
   the game played after both blocs have observed a *favourable* exchange (the case in which
   cooperation is at issue). By Bayes' rule the posterior trust is

   .. math:: \mu(\pi, s) = \frac{\pi (1 + s)}{\pi (1 + s) + (1 - \pi)(1 - s)}.

4. The payoff of a security seeker, weighted by the probability of the favourable signal
   (so payoffs stay polynomial; a positive rescaling leaves best replies unchanged), with
   :math:`w_s = \pi(1+s)/2` and :math:`w_g = (1-\pi)(1-s)/2`: cooperating against a
   cooperating seeker earns :math:`w_s - c w_g`; cooperating against defection earns
   :math:`-c (w_s + w_g)`; defecting against a cooperating seeker earns :math:`g w_s`;
   mutual defection 0.

The signal structure: public or private
---------------------------------------
Each bloc's supply-chain exchange produces a signal about *the other* bloc's type. Which
signals each side sees is an assumption the conclusion depends on, so the module offers both.

* **Public signals** (:func:`trust_through_supply_chains`, model ``"trust"``): both signals
  are common knowledge. After two favourable signals each seeker knows the other seeker has
  also seen a favourable signal and will cooperate, so the other cooperates with probability
  :math:`\mu(\pi, s)`, the posterior that it is a seeker.
* **Private signals** (:func:`trust_private_signals`, model ``"trust_private"``, and the
  Bayesian game :func:`kydd_private_signals_game`): each bloc sees only its own signal about
  the other. A seeker with a favourable signal then also has to doubt that the other seeker's
  signal about *it* was favourable (probability :math:`(1+s)/2`, since it is a seeker), so the
  other cooperates with probability :math:`\mu(\pi, s)(1+s)/2` only.

Key result
----------
**Public signals.** Cooperation (by security seekers) is an equilibrium exactly when the
posterior trust exceeds Kydd's threshold

.. math:: \mu(\pi, s) \ge \frac{c}{1 + c - g},

and since :math:`\mu` rises with :math:`s` for every :math:`\pi \in (0, 1)`, the set of prior
trust levels at which cooperation is possible, :math:`\pi \ge \pi^*(s) =
t(1-s)/(t(1-s) + (1-t)(1+s))` with :math:`t = c/(1 + c - g)`, grows with information sharing
(:func:`minimum_prior_trust`); :func:`minimum_information_sharing` gives the channel
precision needed for a given prior: :math:`s^*_{pub} = (t - \pi)/(\pi + t - 2\pi t)`, 1/3 at
the defaults.

**Private signals.** "Cooperate on a favourable signal, defect on an unfavourable one" is a
Bayesian Nash equilibrium exactly when

.. math:: \mu(\pi, s)\,\frac{1 + s}{2} \ge t \ge \mu^-(\pi, s)\,\frac{1 + s}{2},
   \qquad \mu^- = \frac{\pi(1-s)}{\pi(1-s) + (1-\pi)(1+s)}

(:math:`\mu^-` the trust after an unfavourable signal). The left inequality is the binding
one (the right holds whenever :math:`t \ge \pi`, as at the defaults); with :math:`x = 1 + s`
it reads :math:`\pi x^2 - 2t(2\pi - 1)x - 4t(1 - \pi) \ge 0`, so

.. math:: s^*_{priv} = \frac{t(2\pi - 1) + \sqrt{t^2(2\pi - 1)^2 + 4\pi(1-\pi)t}}{\pi} - 1,

which is :math:`2\sqrt{6}/3 - 1 \approx 0.633` at the defaults (:math:`\pi = 1/2`,
:math:`t = 2/3`), not 1/3 (:func:`private_signal_threshold`). Private signals need a far more
informative channel for the same trust: the essay's "communication channel" has to be a
*shared* one for the public-signal conclusion to hold.

References
----------
.. [1] A. H. Kydd, *Trust and Mistrust in International Relations*, Princeton University
   Press, 2005, ch. 2-3.
.. [2] S. Inomata, "What Is Meant by Supply Chain Resilience?", *Gaiko* 92, 2025.
.. [3] R. Jervis, "Cooperation under the Security Dilemma", *World Politics* 30(2), 1978.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import sympy

from deterrence.games.bayesian import BayesianGame
from deterrence.games.outcomes import Outcomes
from deterrence.games.parametric import Parameter, ParametricGame
from deterrence.models._registry import register, with_defaults
from deterrence.models.classic import symmetric_class, symmetric_game, symmetric_outcomes

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "TRUST_PARAMETERS",
    "trust_through_supply_chains",
    "posterior_trust",
    "trust_threshold",
    "minimum_prior_trust",
    "minimum_information_sharing",
    "kydd_bayesian_game",
    "cooperation_region",
    "PRIVATE_STRATEGIES",
    "trust_private_signals",
    "private_signal_threshold",
    "kydd_private_signals_game",
]

#: Parameters of the trust model (meaning, domain, default).
TRUST_PARAMETERS: tuple[Parameter, ...] = (
    Parameter(
        "prior_trust",
        default="1/2",
        domain=(0, 1),
        description="prior probability that the other bloc is a security seeker",
    ),
    Parameter(
        "information_sharing",
        default="1/4",
        domain=(0, 1),
        description="precision of the supply-chain channel (signal right w.p. (1+s)/2)",
    ),
    Parameter(
        "sucker_cost",
        default=1,
        domain=(0, None),
        description="security seeker's loss when it cooperates and is exploited",
    ),
    Parameter(
        "temptation",
        default="1/2",
        domain=(0, 1),
        description="security seeker's gain from exploiting a cooperator (below 1)",
    ),
)

_SYMBOLS = {p.name: p.symbol for p in TRUST_PARAMETERS}


def _rational(value: Any) -> sympy.Expr:
    return value if isinstance(value, sympy.Basic) else sympy.Rational(str(value))


def posterior_trust(prior_trust: Any = None, information_sharing: Any = None) -> sympy.Expr:
    r"""Bayes' rule: trust after a favourable supply-chain exchange.

    Parameters
    ----------
    prior_trust, information_sharing : number, optional
        :math:`\pi` and :math:`s`; symbolic when omitted.

    Returns
    -------
    sympy.Expr
        :math:`\pi(1+s) / (\pi(1+s) + (1-\pi)(1-s))`.

    Raises
    ------
    TypeError
        If a value is not a number or numeric string.

    Notes
    -----
    Bayes' rule with likelihoods :math:`(1+s)/2` (seeker) and :math:`(1-s)/2` (greedy) of the
    favourable signal.

    Examples
    --------
    >>> posterior_trust("1/2", "1/4")
    5/8
    >>> posterior_trust("1/2", 1)
    1
    """
    pi = _SYMBOLS["prior_trust"] if prior_trust is None else _rational(prior_trust)
    s = (
        _SYMBOLS["information_sharing"]
        if information_sharing is None
        else _rational(information_sharing)
    )
    return pi * (1 + s) / (pi * (1 + s) + (1 - pi) * (1 - s))


def trust_threshold(sucker_cost: Any = None, temptation: Any = None) -> sympy.Expr:
    r"""Kydd's trust threshold :math:`c / (1 + c - g)` for cooperation by a security seeker.

    Parameters
    ----------
    sucker_cost, temptation : number, optional
        :math:`c` and :math:`g`; symbolic when omitted.

    Returns
    -------
    sympy.Expr

    Raises
    ------
    TypeError
        If a value is not a number or numeric string.

    Notes
    -----
    A seeker who believes the other cooperates with probability :math:`\mu` cooperates when
    :math:`\mu - (1-\mu)c \ge \mu g`, i.e. :math:`\mu \ge c/(1 + c - g)` (Kydd 2005).

    Examples
    --------
    >>> trust_threshold(1, "1/2")
    2/3
    """
    c = _SYMBOLS["sucker_cost"] if sucker_cost is None else _rational(sucker_cost)
    g = _SYMBOLS["temptation"] if temptation is None else _rational(temptation)
    return c / (1 + c - g)


def minimum_prior_trust(
    information_sharing: Any = None, sucker_cost: Any = None, temptation: Any = None
) -> sympy.Expr:
    r"""The lowest prior trust at which cooperation is an equilibrium, :math:`\pi^*(s)`.

    Parameters
    ----------
    information_sharing, sucker_cost, temptation : number, optional
        Symbolic when omitted.

    Returns
    -------
    sympy.Expr
        :math:`t(1-s)/(t(1-s) + (1-t)(1+s))` with :math:`t = c/(1+c-g)`; decreasing in
        :math:`s`, so the cooperation region :math:`[\pi^*, 1]` grows with information
        sharing.

    Raises
    ------
    TypeError
        If a value is not a number or numeric string.

    Notes
    -----
    Inverts :func:`posterior_trust` at Kydd's threshold :math:`t`.

    Examples
    --------
    >>> [minimum_prior_trust(s, 1, "1/2") for s in (0, "1/2", 1)]
    [2/3, 2/5, 0]
    """
    t = trust_threshold(sucker_cost, temptation)
    s = (
        _SYMBOLS["information_sharing"]
        if information_sharing is None
        else _rational(information_sharing)
    )
    return sympy.simplify(t * (1 - s) / (t * (1 - s) + (1 - t) * (1 + s)))


def minimum_information_sharing(
    prior_trust: Any = None, sucker_cost: Any = None, temptation: Any = None
) -> sympy.Expr:
    r"""The channel precision needed for cooperation at a given prior trust.

    Parameters
    ----------
    prior_trust, sucker_cost, temptation : number, optional
        Symbolic when omitted.

    Returns
    -------
    sympy.Expr
        :math:`s^* = (t - \pi)/(\pi + t - 2\pi t)` with :math:`t = c/(1+c-g)`; a value at or
        below 0 means no channel is needed (trust already suffices).

    Raises
    ------
    TypeError
        If a value is not a number or numeric string.

    Notes
    -----
    Solves :math:`\mu(\pi, s) = t` for :math:`s`.

    Examples
    --------
    >>> minimum_information_sharing("1/2", 1, "1/2")
    1/3
    """
    t = trust_threshold(sucker_cost, temptation)
    pi = _SYMBOLS["prior_trust"] if prior_trust is None else _rational(prior_trust)
    return sympy.simplify((t - pi) / (pi + t - 2 * pi * t))


#: How the security seekers' equilibria read.
TRUST_OUTCOMES = symmetric_outcomes(
    "trust: mutual cooperation",
    "mistrust: mutual defection",
    "one bloc defects",
    "mixed: each cooperates at random",
)


@register(
    "trust",
    story=(
        "two blocs, each a security seeker or greedy, update trust from supply-chain "
        "transactions (a channel whose precision grows with information sharing) and "
        "decide whether to cooperate"
    ),
    kind="normal form",
    parameters=TRUST_PARAMETERS,
    key_parameter="information_sharing",
    key_result=(
        "security seekers cooperate in equilibrium exactly when posterior trust "
        "prior_trust*(1+information_sharing) / (prior_trust*(1+information_sharing) + "
        "(1-prior_trust)*(1-information_sharing)) >= sucker_cost/(1 + sucker_cost - "
        "temptation); the cooperative region grows with information_sharing"
    ),
    essay_argument=(
        "global supply chains as a trust-building communication channel that can "
        "dissolve the security dilemma"
    ),
    references=("Kydd 2005", "Inomata 2025", "Jervis 1978"),
    outcomes=TRUST_OUTCOMES,
    classifier=symmetric_class,
)
def trust_through_supply_chains(**defaults: Any) -> ParametricGame:
    r"""Kydd's Bayesian security dilemma with a supply-chain information channel.

    Parameters
    ----------
    **defaults
        New defaults for any of :data:`TRUST_PARAMETERS`.

    Returns
    -------
    ParametricGame
        Players ``("bloc A", "bloc B")``; strategies ``("cooperate", "defect")`` are the
        actions of a security-seeking bloc (greedy blocs defect).

    Raises
    ------
    InvalidGameError
        On unknown parameters or values outside a domain.

    Notes
    -----
    Payoffs (derived in the module docstring) are the seeker's expected payoffs on the event
    of a favourable exchange. **Key result** (Kydd 2005): (cooperate, cooperate) is an
    equilibrium exactly when :math:`\mu(\pi, s) \ge c/(1 + c - g)`; (defect, defect) always
    is. At the defaults (:math:`\pi = 1/2`, :math:`c = 1`, :math:`g = 1/2`) the threshold is
    2/3 and the posterior is :math:`(1+s)/2`, so cooperation needs information sharing
    :math:`s \ge 1/3`; the default :math:`s = 1/4` (posterior 5/8) falls short.

    Examples
    --------
    >>> from deterrence import solve
    >>> game = trust_through_supply_chains()
    >>> [eq.outcome for eq in solve(game.at(), exact=True)]
    ['(defect, defect)']
    >>> "(cooperate, cooperate)" in [eq.outcome for eq in solve(
    ...     game.at(information_sharing="1/2"), exact=True)]
    True
    """
    parameters = with_defaults(TRUST_PARAMETERS, defaults, "trust")
    seeker = "prior_trust*(1 + information_sharing)/2"
    greedy = "(1 - prior_trust)*(1 - information_sharing)/2"
    return symmetric_game(
        f"{seeker} - sucker_cost*{greedy}",
        f"-sucker_cost*({seeker} + {greedy})",
        f"temptation*{seeker}",
        0,
        parameters,
        strategies=("cooperate", "defect"),
        title="trust through supply chains (Bayesian security dilemma)",
        outcomes=TRUST_OUTCOMES,
    )


def cooperation_region(
    information_sharing: Any = (0, "1/4", "1/2", "3/4", 1),
    *,
    sucker_cost: Any = 1,
    temptation: Any = "1/2",
) -> pd.DataFrame:
    r"""How the set of prior trust levels that allow cooperation grows with information sharing.

    Parameters
    ----------
    information_sharing : sequence of number
        Channel precisions :math:`s` to compare.
    sucker_cost, temptation : number
        The security seeker's :math:`c` and :math:`g`.

    Returns
    -------
    pandas.DataFrame
        One row per :math:`s`: ``information_sharing``, ``minimum_prior_trust``
        (:math:`\pi^*(s)`, exact) and ``region`` (the share :math:`1 - \pi^*(s)` of priors in
        [0, 1] at which security seekers can cooperate).

    Raises
    ------
    TypeError
        If a value is not a number or numeric string.

    Notes
    -----
    :math:`\pi^*(s) = t(1-s)/(t(1-s) + (1-t)(1+s))` with Kydd's (2005) :math:`t = c/(1+c-g)`
    (:func:`minimum_prior_trust`); it falls from :math:`t` at :math:`s = 0` to 0 at
    :math:`s = 1`, the essay's point that supply chains as communication channels widen the
    room for trust.

    Examples
    --------
    >>> cooperation_region()
      information_sharing minimum_prior_trust region
    0                   0                 2/3    1/3
    1                 1/4                6/11   5/11
    2                 1/2                 2/5    3/5
    3                 3/4                 2/9    7/9
    4                   1                   0      1
    """
    rows = []
    for s in information_sharing:
        lowest = minimum_prior_trust(s, sucker_cost, temptation)
        rows.append(
            {
                "information_sharing": _rational(s),
                "minimum_prior_trust": lowest,
                "region": 1 - lowest,
            }
        )
    import pandas as pd

    return pd.DataFrame(rows)


def kydd_bayesian_game(
    trust: Any = "5/8", *, sucker_cost: Any = 1, temptation: Any = "1/2", greedy_temptation: Any = 2
) -> BayesianGame:
    r"""Kydd's Bayesian security dilemma with both types strategic, at one level of trust.

    Parameters
    ----------
    trust : number
        Each bloc's (independent) probability that the other is a security seeker: the prior,
        or the posterior :func:`posterior_trust` after the supply-chain exchange.
    sucker_cost, temptation : number
        The security seeker's :math:`c` and :math:`g < 1` (assurance preferences).
    greedy_temptation : number
        A greedy bloc's gain from exploiting a cooperator, above 1 (prisoner's-dilemma
        preferences).

    Returns
    -------
    BayesianGame
        Players ``("bloc A", "bloc B")``, types ``("security seeker", "greedy")``, actions
        ``("cooperate", "defect")``; solve with :func:`deterrence.solvers.bayesian.solve_bayesian`.

    Raises
    ------
    InvalidGameError
        If ``trust`` is not a probability.

    Notes
    -----
    Both types value mutual cooperation at 1, mutual defection at 0 and being exploited at
    :math:`-c`; they differ in the gain from exploiting a cooperator, :math:`g < 1` for a
    security seeker and :math:`g_{greedy} > 1` for a greedy bloc, whose dominant action is
    therefore to defect (Kydd 2005, ch. 2). The profile "security seekers cooperate, greedy
    blocs defect" is a Bayesian Nash equilibrium exactly when
    :math:`\text{trust} \ge c/(1 + c - g)`: the reduced game of
    :func:`trust_through_supply_chains` is this game with the greedy types' dominant action
    substituted.

    Examples
    --------
    >>> from deterrence.solvers.bayesian import solve_bayesian
    >>> game = kydd_bayesian_game("3/4")
    >>> game.types
    (('security seeker', 'greedy'), ('security seeker', 'greedy'))
    >>> any(eq.strategies["bloc A"] == {"security seeker": "cooperate", "greedy": "defect"}
    ...     for eq in solve_bayesian(game, exact=True))
    True
    """
    c, g, greedy = (sympy.Rational(str(v)) for v in (sucker_cost, temptation, greedy_temptation))
    belief = sympy.Rational(str(trust))
    if not 0 <= belief <= 1:
        from deterrence.exceptions import InvalidGameError

        raise InvalidGameError(f"trust is {trust!r}; expected a probability in [0, 1]")

    def own(exploit: sympy.Expr) -> list[list[str]]:
        return [["1", str(-c)], [str(exploit), "0"]]

    labels = ("security seeker", "greedy")
    gains = {"security seeker": g, "greedy": greedy}
    games = {}
    for type_a in labels:
        for type_b in labels:
            row = own(gains[type_a])
            column = [list(r) for r in zip(*own(gains[type_b]))]
            games[(type_a, type_b)] = (row, column)
    marginal = [str(belief), str(1 - belief)]
    prior = [[str(sympy.Rational(a) * sympy.Rational(b)) for b in marginal] for a in marginal]
    return BayesianGame.from_type_games(
        games,
        prior,
        players=("bloc A", "bloc B"),
        actions=(("cooperate", "defect"), ("cooperate", "defect")),
        title="Bayesian security dilemma (Kydd)",
    )


# ------------------------------------------------------------------------ private signals
#: The four signal-contingent strategies of a security seeker (on a favourable signal / on an
#: unfavourable one); greedy blocs defect whatever they see.
PRIVATE_STRATEGIES = (
    "always cooperate",
    "cooperate if favourable",
    "cooperate if unfavourable",
    "always defect",
)

#: How the seekers' equilibria with private signals read.
TRUST_PRIVATE_OUTCOMES = Outcomes(
    [
        (
            {"bloc A": "cooperate if favourable", "bloc B": "cooperate if favourable"},
            "trust: seekers cooperate on a favourable signal",
        ),
        (
            {"bloc A": "always cooperate", "bloc B": "always cooperate"},
            "trust regardless of the signal",
        ),
        ({"bloc A": "always defect", "bloc B": "always defect"}, "mistrust: mutual defection"),
    ],
    otherwise="mixed or asymmetric trust",
)


def _seeker_payoff(own: str, other: str) -> sympy.Expr:
    """A seeker's ex-ante payoff (as a seeker) from ``own`` against a seeker playing ``other``.

    Sums over the other's type, the seeker's signal about the other and the other's signal
    about the seeker; a greedy other defects.
    """
    pi, s = _SYMBOLS["prior_trust"], _SYMBOLS["information_sharing"]
    c, g = _SYMBOLS["sucker_cost"], _SYMBOLS["temptation"]
    plan = {
        name: dict(zip(("favourable", "unfavourable"), actions))
        for name, actions in zip(
            PRIVATE_STRATEGIES, (("C", "C"), ("C", "D"), ("D", "C"), ("D", "D"))
        )
    }
    value = {("C", "C"): 1, ("C", "D"): -c, ("D", "C"): g, ("D", "D"): 0}
    right, wrong = (1 + s) / 2, (1 - s) / 2
    total = sympy.Integer(0)
    for other_type, weight, favourable in (("seeker", pi, right), ("greedy", 1 - pi, wrong)):
        for my_signal, p_mine in (("favourable", favourable), ("unfavourable", 1 - favourable)):
            # the other's signal is about me, a seeker: favourable with probability (1+s)/2
            for its_signal, p_its in (("favourable", right), ("unfavourable", wrong)):
                its_action = plan[other][its_signal] if other_type == "seeker" else "D"
                total += weight * p_mine * p_its * value[(plan[own][my_signal], its_action)]
    return sympy.expand(total)


@register(
    "trust_private",
    story=(
        "two blocs, each a security seeker or greedy, each see a private supply-chain "
        "signal about the other (never the other's signal about them) and choose how to "
        "act on it"
    ),
    kind="normal form",
    parameters=TRUST_PARAMETERS,
    key_parameter="information_sharing",
    key_result=(
        "security seekers cooperating on a favourable private signal is a Bayesian "
        "Nash equilibrium exactly when posterior trust times (1+information_sharing)/2 "
        ">= sucker_cost/(1 + sucker_cost - temptation): information_sharing >= "
        "2*sqrt(6)/3 - 1 ~ 0.633 at the defaults, against 1/3 with public signals"
    ),
    essay_argument=(
        "supply chains as a communication channel work only if what they reveal "
        "is shared: with private signals trust needs a far more informative channel"
    ),
    references=("Kydd 2005", "Inomata 2025", "Harsanyi 1967"),
    outcomes=TRUST_PRIVATE_OUTCOMES,
)
def trust_private_signals(**defaults: Any) -> ParametricGame:
    r"""Kydd's security dilemma with private supply-chain signals (ex-ante strategic form).

    Parameters
    ----------
    **defaults
        New defaults for any of :data:`TRUST_PARAMETERS`.

    Returns
    -------
    ParametricGame
        Players ``("bloc A", "bloc B")``; strategies :data:`PRIVATE_STRATEGIES`, a security
        seeker's action on each signal it may see (greedy blocs defect). Payoffs are a
        seeker's ex-ante expected payoffs, polynomial in the parameters.

    Raises
    ------
    InvalidGameError
        On unknown parameters or values outside a domain.

    Notes
    -----
    Why a :class:`~deterrence.games.parametric.ParametricGame` and not a
    :class:`~deterrence.games.bayesian.BayesianGame`: the Bayesian game
    (:func:`kydd_private_signals_game`) has no parameters, so ``thresholds`` and ``sweep``
    could not move the information sharing. This is its ex-ante strategic form restricted to
    the seekers' plans, with the greedy types' dominant action (defect) substituted: while
    :math:`0 < \pi < 1` and :math:`s < 1`, both signals have positive probability for a
    seeker, so a pure Nash equilibrium of this form is a Bayesian Nash equilibrium of the
    Bayesian game (each signal-type best-responds) and conversely (Harsanyi 1967).

    A seeker's payoff from plan :math:`a` against a seeker's plan :math:`b` sums, over the
    other's type (seeker w.p. :math:`\pi`), the seeker's signal about it (right w.p.
    :math:`(1+s)/2`) and the other's signal about the seeker (favourable w.p.
    :math:`(1+s)/2`), the Kydd payoffs 1, :math:`-c`, :math:`g`, 0.

    **Key result.** (cooperate if favourable, cooperate if favourable) is an equilibrium
    exactly when :math:`\mu(\pi, s)(1+s)/2 \ge c/(1+c-g) \ge \mu^-(\pi, s)(1+s)/2` (module
    docstring): at the defaults for :math:`s \ge 2\sqrt{6}/3 - 1 \approx 0.633`
    (:func:`private_signal_threshold`), against 1/3 with public signals.

    Examples
    --------
    >>> from deterrence import solve
    >>> game = trust_private_signals()
    >>> "(cooperate if favourable, cooperate if favourable)" in [
    ...     eq.outcome for eq in solve(game.at(information_sharing="1/2"), exact=True)]
    False
    >>> "(cooperate if favourable, cooperate if favourable)" in [
    ...     eq.outcome for eq in solve(game.at(information_sharing="7/10"), exact=True)]
    True
    """
    parameters = with_defaults(TRUST_PARAMETERS, defaults, "trust_private")
    row = [[str(_seeker_payoff(a, b)) for b in PRIVATE_STRATEGIES] for a in PRIVATE_STRATEGIES]
    column = [[row[j][i] for j in range(4)] for i in range(4)]
    return ParametricGame.from_matrices(
        row,
        column,
        parameters,
        players=("bloc A", "bloc B"),
        strategies=(PRIVATE_STRATEGIES, PRIVATE_STRATEGIES),
        title="trust through supply chains, private signals",
        outcomes=TRUST_PRIVATE_OUTCOMES,
    )


def private_signal_threshold(
    prior_trust: Any = None, sucker_cost: Any = None, temptation: Any = None
) -> sympy.Expr:
    r"""The information sharing above which seekers cooperate on a favourable private signal.

    Parameters
    ----------
    prior_trust, sucker_cost, temptation : number, optional
        :math:`\pi`, :math:`c`, :math:`g`; symbolic when omitted.

    Returns
    -------
    sympy.Expr
        :math:`s^*_{priv} = (t(2\pi - 1) + \sqrt{t^2(2\pi - 1)^2 + 4\pi(1-\pi)t})/\pi - 1` with
        :math:`t = c/(1+c-g)`; a value at or below 0 means no channel is needed, above 1 that
        no channel suffices.

    Raises
    ------
    TypeError
        If a value is not a number or numeric string.

    Notes
    -----
    The positive root in :math:`x = 1 + s` of :math:`\mu(\pi, s)(1+s)/2 = t`, i.e. of
    :math:`\pi x^2 - 2t(2\pi - 1)x - 4t(1-\pi) = 0` (module docstring). Compare
    :func:`minimum_information_sharing`, the public-signal threshold.

    Examples
    --------
    >>> private_signal_threshold("1/2", 1, "1/2")
    -1 + 2*sqrt(6)/3
    >>> round(float(private_signal_threshold("1/2", 1, "1/2")), 4)
    0.633
    >>> minimum_information_sharing("1/2", 1, "1/2")
    1/3
    """
    t = trust_threshold(sucker_cost, temptation)
    pi = _SYMBOLS["prior_trust"] if prior_trust is None else _rational(prior_trust)
    root = sympy.sqrt(t**2 * (2 * pi - 1) ** 2 + 4 * pi * (1 - pi) * t)
    return sympy.simplify((t * (2 * pi - 1) + root) / pi - 1)


def kydd_private_signals_game(
    prior_trust: Any = "1/2",
    information_sharing: Any = "1/4",
    *,
    sucker_cost: Any = 1,
    temptation: Any = "1/2",
    greedy_temptation: Any = 2,
) -> BayesianGame:
    r"""Kydd's security dilemma with private signals, as the project's :class:`BayesianGame`.

    Parameters
    ----------
    prior_trust, information_sharing : number
        :math:`\pi` and :math:`s`.
    sucker_cost, temptation : number
        The security seeker's :math:`c` and :math:`g < 1`.
    greedy_temptation : number
        A greedy bloc's gain from exploiting a cooperator, above 1.

    Returns
    -------
    BayesianGame
        Players ``("bloc A", "bloc B")``; each has four types, its own type and the private
        signal it saw about the other (``"seeker, favourable"``, ``"seeker, unfavourable"``,
        ``"greedy, favourable"``, ``"greedy, unfavourable"``); actions ``("cooperate",
        "defect")``. The joint prior is
        :math:`P(\theta_A)P(\theta_B)P(\sigma_A \mid \theta_B)P(\sigma_B \mid \theta_A)`, a
        signal being right with probability :math:`(1+s)/2`.

    Raises
    ------
    InvalidGameError
        If a probability lies outside [0, 1].

    Notes
    -----
    Payoffs depend on the blocs' types only, as in :func:`kydd_bayesian_game`. The profile
    "seekers cooperate on a favourable signal, everyone else defects" is a Bayesian Nash
    equilibrium exactly when :math:`s \ge` :func:`private_signal_threshold` (with
    :math:`t \ge \pi`); :func:`trust_private_signals` is its parametric ex-ante form.

    Examples
    --------
    >>> game = kydd_private_signals_game("1/2", "7/10")
    >>> game.types[0]
    ('seeker, favourable', 'seeker, unfavourable', 'greedy, favourable', 'greedy, unfavourable')
    >>> sum(game.prior.flat)
    Fraction(1, 1)
    """
    from deterrence.exceptions import InvalidGameError

    pi, s = sympy.Rational(str(prior_trust)), sympy.Rational(str(information_sharing))
    for name, value in (("prior_trust", pi), ("information_sharing", s)):
        if not 0 <= value <= 1:
            raise InvalidGameError(f"{name} is {value}; expected a probability in [0, 1]")
    c, g, greedy = (sympy.Rational(str(v)) for v in (sucker_cost, temptation, greedy_temptation))
    gains = {"seeker": g, "greedy": greedy}
    kinds = {"seeker": pi, "greedy": 1 - pi}
    right = (1 + s) / 2

    def signal(observed: str, about: str) -> sympy.Expr:
        favourable = right if about == "seeker" else 1 - right
        return favourable if observed == "favourable" else 1 - favourable

    types = [
        (kind, seen) for kind in ("seeker", "greedy") for seen in ("favourable", "unfavourable")
    ]
    games, prior = {}, []
    for kind_a, seen_a in types:
        prior_row = []
        for kind_b, seen_b in types:
            row = [["1", str(-c)], [str(gains[kind_a]), "0"]]
            column = [["1", str(gains[kind_b])], [str(-c), "0"]]
            games[(f"{kind_a}, {seen_a}", f"{kind_b}, {seen_b}")] = (row, column)
            weight = kinds[kind_a] * kinds[kind_b] * signal(seen_a, kind_b) * signal(seen_b, kind_a)
            prior_row.append(str(weight))
        prior.append(prior_row)
    return BayesianGame.from_type_games(
        games,
        prior,
        players=("bloc A", "bloc B"),
        actions=(("cooperate", "defect"), ("cooperate", "defect")),
        title="Bayesian security dilemma with private signals (Kydd)",
    )
