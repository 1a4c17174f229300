r"""Friend-shoring commitment: N partners decide whether to honour supply sharing.

The essay's claim that "deterrence can be enhanced through institutionalization of these
mechanisms within friend-shoring arrangements which raises the credibility of allies'
willingness to commit in collective actions" has a collective-action core: sharing supplies
with a squeezed member is costly for each partner and pays off only if enough partners do it.
This module models the partners' decision as an anonymous N-player game (a threshold public
good, Palfrey and Rosenthal 1984) with a reneging penalty, and feeds the coalition's
equilibrium honouring rate into the deterrence-by-denial model as its *credibility*
(:func:`institutionalisation_effect`).

Deriving the payoffs
--------------------
1. ``num_partners`` :math:`N` partners each *honour* the sharing commitment or *renege*
   when one member is squeezed.
2. The shortfall is covered, and the coercion defeated, when at least ``quorum`` :math:`K`
   partners honour; each partner then gains ``value`` :math:`V` (the coercion fails, the
   precedent is set, supplies keep flowing through the group).
3. Honouring costs each honouring partner ``sharing_cost`` :math:`c` (supplies diverted from
   its own industry).
4. The institution imposes ``institutionalisation`` :math:`\iota` on a partner who reneges
   (dispute settlement, loss of standing and of future benefits of membership).

With :math:`k` the number of *other* partners who honour:

.. math::
    u(\text{honour}, k) = V\,\mathbf{1}[k + 1 \ge K] - c, \qquad
    u(\text{renege}, k) = V\,\mathbf{1}[k \ge K] - \iota.

Key result
----------
If :math:`\iota \ge c` honouring is (weakly) dominant and every partner honours: the
commitment is fully credible. Otherwise, if every partner honours with probability :math:`h`,
honouring pays exactly when being pivotal is likely enough,

.. math:: V \binom{N-1}{K-1} h^{K-1} (1-h)^{N-K} \ge c - \iota,

so the symmetric equilibria are the roots of this equation (plus :math:`h = 0` when
:math:`K \ge 2`), and the stable one with the highest :math:`h` rises with :math:`\iota`. The
coalition's *credibility*, the probability that at least :math:`K` partners honour, is
:math:`P(\mathrm{Binomial}(N, h) \ge K)`; fed into the denial model it moves the coercer from
coercing to refraining once it passes :math:`(1 - C/G)/(s k)`.

Presets: the real agreements
----------------------------
``get_model("friend_shoring").build(preset=NAME)`` sets the number of partners who could help
a squeezed member, the quorum and the penalty on reneging; ``value`` (6) and ``sharing_cost``
(2) keep their defaults, for which the agreements give no numbers. The facts (dates,
membership, commitments, sources) are those given for the same presets in
:mod:`deterrence.models.denial`; the numbers are judgement calls, named as such.

``"ipef"``: IPEF Supply Chain Agreement (14 partners; in force 24 February 2024).
    ``num_partners`` 13: the partners other than the squeezed one (fact). ``quorum`` 4
    (judgement: a third of them to cover a shortfall). ``institutionalisation`` 0: the
    agreement commits to information sharing and coordination, with no obligation to supply
    and no penalty for declining (our reading of the official summaries; judgement).
    *Key result.* With no penalty the only symmetric equilibrium is "every partner
    reneges": the pivotal-probability curve :math:`V\binom{12}{3}h^3(1-h)^9` peaks at
    :math:`h = 3/12` with :math:`3247695/2097152 \approx 1.549 < c = 2`. (Asymmetric
    equilibria in which exactly 4 partners honour, each pivotal, exist too, but they need the
    partners to settle who helps, which the agreement does not assign.) A stable honouring
    equilibrium appears only with a penalty above
    :math:`c - 3247695/2097152 = 946609/2097152 \approx 0.451`, and honouring is dominant
    above 2.

``"eu_imera"``: the EU's Internal Market Emergency and Resilience Act (Regulation (EU)
2024/2747; 27 member states; applies from May 2026).

    ``num_partners`` 26: the member states other than the squeezed one (fact). ``quorum`` 5
    (judgement). ``institutionalisation`` 3, above the sharing cost: in an emergency the
    regulation prohibits bans on intra-Union exports of crisis-relevant goods and the
    Commission enforces EU law (fact); that reneging costs more than sharing is the
    judgement.
    *Key result.* Honouring is dominant (:math:`\iota = 3 \ge c = 2`): every member honours
    and the coalition's credibility is 1.

No ``"us_japan_cma"`` preset here (a named choice): the 2023 US-Japan Critical Minerals
Agreement has two parties, so a squeezed party has one potential helper and there is no
collective-action problem for this model to describe (it needs at least two partners); the
agreement's effect on deterrence is in the denial model's preset of that name.

References
----------
.. [1] T. R. Palfrey and H. Rosenthal, "Participation and the provision of discrete public
   goods", *Journal of Public Economics* 24, 1984.
.. [2] M. Olson and R. Zeckhauser, "An Economic Theory of Alliances", *Review of Economics and
   Statistics* 48(3), 1966.
.. [3] B. A. Leeds, "Alliance Reliability in Times of War", *International Organization*
   57(4), 2003.
.. [4] S. Inomata, "What Is Meant by Supply Chain Resilience?", *Gaiko* 92, 2025.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from deterrence.exceptions import InvalidGameError
from deterrence.games.outcomes import Outcomes
from deterrence.games.parametric import Parameter, ParametricGame
from deterrence.games.parametric_anonymous import ParametricAnonymousGame
from deterrence.models._registry import Preset, register, with_defaults

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "FRIEND_SHORING_PARAMETERS",
    "FRIEND_SHORING_PRESETS",
    "friend_shoring_commitment",
    "friend_shoring_normal_form",
    "coalition_credibility",
    "institutionalisation_effect",
    "institutionalisation_threshold",
]

#: Parameters of the friend-shoring commitment game (meaning, domain, default).
FRIEND_SHORING_PARAMETERS: tuple[Parameter, ...] = (
    Parameter(
        "num_partners",
        default=5,
        domain=(2, None),
        description="number of partners who may honour the commitment (an integer)",
    ),
    Parameter(
        "quorum",
        default=3,
        domain=(1, None),
        description="partners needed to cover the shortfall (an integer <= num_partners)",
    ),
    Parameter(
        "value",
        default=6,
        domain=(0, None),
        description="each partner's gain when the coercion is defeated",
    ),
    Parameter(
        "sharing_cost",
        default=2,
        domain=(0, None),
        description="cost to each honouring partner of sharing its supplies",
    ),
    Parameter(
        "institutionalisation",
        default=0,
        domain=(0, None),
        description="penalty the institution imposes on a partner who reneges",
    ),
)


def _integer(value: Any, name: str) -> int:
    number = Fraction(value) if not isinstance(value, float) else value
    if number != int(number):
        raise InvalidGameError(f"{name} is {value}; expected an integer")
    return int(number)


#: Presets of the friend-shoring model for real agreements (justified in the module docstring).
FRIEND_SHORING_PRESETS: tuple[Preset, ...] = (
    Preset(
        "ipef",
        "IPEF Supply Chain Agreement (in force 24 February 2024; 13 partners "
        "besides the squeezed one; no obligation to supply)",
        {"num_partners": 13, "quorum": 4, "institutionalisation": 0},
        "the only symmetric equilibrium: every partner reneges; a stable symmetric "
        "honouring equilibrium needs a penalty above 946609/2097152",
    ),
    Preset(
        "eu_imera",
        "EU Single Market Emergency Instrument / IMERA, Regulation (EU) "
        "2024/2747 (26 member states besides the squeezed one; binding)",
        {"num_partners": 26, "quorum": 5, "institutionalisation": 3},
        "honouring dominant: every member honours, credibility 1",
    ),
)

#: How the partners' equilibria read.
FRIEND_SHORING_OUTCOMES = Outcomes(
    [
        ({"partner": "honour"}, "commitment holds: every partner honours"),
        ({"partner": "renege"}, "commitment collapses: every partner reneges"),
    ]
)


@register(
    "friend_shoring",
    story=(
        "N partners each honour or renege on sharing supplies with a squeezed member; "
        "coercion is defeated once a quorum honours; institutions penalise reneging"
    ),
    kind="anonymous",
    parameters=FRIEND_SHORING_PARAMETERS,
    key_parameter="institutionalisation",
    key_range=(0, 4),
    key_result=(
        "every partner honours when institutionalisation >= sharing_cost; otherwise "
        "symmetric equilibria solve value*C(N-1, K-1)*h^(K-1)*(1-h)^(N-K) = "
        "sharing_cost - institutionalisation, and the coalition's credibility is "
        "P(Binomial(N, h) >= K), rising with institutionalisation"
    ),
    essay_argument=(
        "institutionalising friend-shoring raises the credibility of allies' "
        "willingness to commit in collective action"
    ),
    references=("Palfrey and Rosenthal 1984", "Olson and Zeckhauser 1966", "Inomata 2025"),
    structural=("num_partners", "quorum"),
    outcomes=FRIEND_SHORING_OUTCOMES,
    presets=FRIEND_SHORING_PRESETS,
)
def friend_shoring_commitment(**defaults: Any) -> ParametricAnonymousGame:
    r"""The partners' honouring game as a parametric anonymous N-player game.

    Parameters
    ----------
    **defaults
        Values for any of :data:`FRIEND_SHORING_PARAMETERS` (``num_partners`` and
        ``quorum`` must be integers, :math:`1 \le K \le N`; they fix the size of the game).

    Returns
    -------
    ParametricAnonymousGame
        Strategies ``("honour", "renege")``, players called ``"partner"``; parameters
        ``value``, ``sharing_cost`` and ``institutionalisation`` (the payoffs are formulas in
        them), so ``thresholds``, ``regimes`` and ``sweep`` apply directly. ``.at(...)``
        gives the :class:`~deterrence.games.AnonymousGame` at a point.

    Raises
    ------
    InvalidGameError
        On unknown parameters, values outside a domain, non-integer sizes or a quorum above
        the number of partners.

    Notes
    -----
    Payoffs are derived in the module docstring. ``num_partners`` and ``quorum`` are
    *structural* (the model's ``structural`` parameters): they fix the table of the game, so
    analyses over them build one game per value. **Key result.** Honouring is dominant when
    :math:`\iota \ge c`; otherwise the symmetric equilibria solve
    :math:`V\binom{N-1}{K-1}h^{K-1}(1-h)^{N-K} = c - \iota`, and the two interior ones
    collide and vanish (a fold) where the left side is largest, at
    :math:`h = (K-1)/(N-1)`: at :math:`c - \iota = V\binom{N-1}{K-1}
    \left(\tfrac{K-1}{N-1}\right)^{K-1}\left(\tfrac{N-K}{N-1}\right)^{N-K}` (9/4 at the defaults).

    Examples
    --------
    >>> from deterrence.analysis import thresholds
    >>> from deterrence.solvers.anonymous import solve_anonymous_symmetric
    >>> game = friend_shoring_commitment()
    >>> game.num_players, game.strategies, game.parameter_names
    (5, ('honour', 'renege'), ('value', 'sharing_cost', 'institutionalisation'))
    >>> [(round(float(eq.probability), 4), eq.stability)
    ...  for eq in solve_anonymous_symmetric(game.at())]
    [(0.0, 'stable'), (0.3804, 'unstable'), (0.6196, 'stable')]
    >>> [t.value for t in thresholds(game, "institutionalisation", fixed="defaults")]
    [Fraction(2, 1)]
    >>> [t.expression for t in thresholds(game, "sharing_cost")]
    [institutionalisation + 3*value/8, institutionalisation + value]
    """
    parameters = with_defaults(FRIEND_SHORING_PARAMETERS, defaults, "friend_shoring")
    values = {p.name: p.default for p in parameters}
    num_partners = _integer(values["num_partners"], "num_partners")
    quorum = _integer(values["quorum"], "quorum")
    if quorum > num_partners:
        raise InvalidGameError(f"quorum is {quorum}; it cannot exceed num_partners={num_partners}")

    def payoff(strategy: int, counts: tuple[int, ...]) -> str:
        others = counts[0]
        if strategy == 0:  # honour: covered once the partner and `others` reach the quorum
            return "value - sharing_cost" if others + 1 >= quorum else "-sharing_cost"
        return "value - institutionalisation" if others >= quorum else "-institutionalisation"

    game = ParametricAnonymousGame(
        num_partners,
        payoff,
        parameters[2:],
        strategies=("honour", "renege"),
        title="friend-shoring commitment",
        player_label="partner",
        outcomes=FRIEND_SHORING_OUTCOMES,
    )
    return game


def friend_shoring_normal_form(
    num_partners: int = 3, quorum: int = 2, **defaults: Any
) -> ParametricGame:
    r"""The friend-shoring commitment game as an N-player parametric normal form (small N).

    Parameters
    ----------
    num_partners, quorum : int
        :math:`N \le 8` and :math:`1 \le K \le N`.
    **defaults
        New defaults for ``value``, ``sharing_cost`` and ``institutionalisation``.

    Returns
    -------
    ParametricGame
        Players ``("partner 1", ..., "partner N")``, each with strategies
        ``("honour", "renege")``; payoffs are the expressions of
        :func:`friend_shoring_commitment`, so the comparative-statics layer
        (``thresholds``, ``regimes``, ``sweep`` with ``method="pure"``) applies.

    Raises
    ------
    InvalidGameError
        On more than 8 partners, a quorum outside ``1..N`` or unknown parameters.

    Notes
    -----
    The same game as :func:`friend_shoring_commitment`, written out profile by profile
    (:math:`2^N` profiles). **Key result** for pure equilibria: with :math:`V > c` the
    profiles in which exactly :math:`K` partners honour are equilibria while
    :math:`\iota \le c` (and "nobody honours" when :math:`K \ge 2`); everyone honouring is an
    equilibrium exactly when :math:`\iota \ge c` (for :math:`K < N`).

    Examples
    --------
    >>> from deterrence import solve
    >>> game = friend_shoring_normal_form(3, 2)
    >>> game.num_players, game.parameter_names
    (3, ('value', 'sharing_cost', 'institutionalisation'))
    >>> [eq.outcome for eq in solve(game.at(institutionalisation=3), method="pure")]
    ['(honour, honour, honour)']
    """
    if not isinstance(num_partners, int) or not 2 <= num_partners <= 8:
        raise InvalidGameError(
            f"num_partners is {num_partners!r}; the normal form is written out for 2 to 8 "
            "partners (use friend_shoring_commitment for larger coalitions)"
        )
    if not isinstance(quorum, int) or not 1 <= quorum <= num_partners:
        raise InvalidGameError(
            f"quorum is {quorum!r}; expected an integer between 1 and {num_partners}"
        )
    game = friend_shoring_commitment(num_partners=num_partners, quorum=quorum, **defaults)
    return game.to_parametric_normal_form().replace(title="friend-shoring commitment (normal form)")


def coalition_credibility(honouring_rate: Any, num_partners: int, quorum: int) -> float:
    r"""The probability that at least ``quorum`` of ``num_partners`` honour.

    Parameters
    ----------
    honouring_rate : number
        Each partner's probability of honouring, :math:`h`.
    num_partners, quorum : int
        :math:`N` and :math:`K`.

    Returns
    -------
    float
        :math:`\sum_{j \ge K} \binom{N}{j} h^j (1-h)^{N-j}`.

    Raises
    ------
    TypeError
        If ``honouring_rate`` is not a number.

    Notes
    -----
    Partners mix independently in a symmetric equilibrium, so the number who honour is
    binomial; the coercion is defeated when it reaches the quorum (Palfrey and Rosenthal
    1984). This is the credibility that enters the denial model.

    Examples
    --------
    >>> coalition_credibility(1, 5, 3), round(coalition_credibility(0.5, 5, 3), 4)
    (1.0, 0.5)
    """
    h = float(honouring_rate)
    return float(
        sum(
            math.comb(num_partners, j) * h**j * (1 - h) ** (num_partners - j)
            for j in range(quorum, num_partners + 1)
        )
    )


def institutionalisation_effect(
    institutionalisation: Sequence[Any] = (0, "1/2", 1, "3/2", 2),
    *,
    coalition: dict[str, Any] | None = None,
    denial: dict[str, Any] | None = None,
) -> pd.DataFrame:
    r"""Combined analysis: institutionalising the commitment moves the coercer to restraint.

    For each level of institutionalisation (the penalty on reneging), solve the partners'
    anonymous game, take the stable symmetric equilibrium with the highest honouring rate,
    turn it into the coalition's credibility and solve the deterrence-by-denial game at that
    credibility.

    Parameters
    ----------
    institutionalisation : sequence of number
        Reneging penalties to compare.
    coalition : dict, optional
        Other values of :data:`FRIEND_SHORING_PARAMETERS`.
    denial : dict, optional
        Values of the denial model's parameters (``credibility`` is set from the coalition
        and ``institutionalisation`` of the denial model is 0, its effect now flowing through
        credibility).

    Returns
    -------
    pandas.DataFrame
        One row per level: ``institutionalisation``, ``honouring_rate``, ``credibility``,
        ``credibility_threshold`` (the denial threshold :math:`(1 - C/G)/(sk)`),
        ``coercer`` (the coercer's equilibrium strategy, or a mix) and ``deterred``.

    Raises
    ------
    InvalidGameError
        On unknown or invalid parameter values.

    Notes
    -----
    The equilibrium selection, the stable symmetric equilibrium with the highest honouring
    rate, is the one a coalition that can coordinate (the point of an institution) would
    reach; the zero-honouring equilibrium is always there too when :math:`K \ge 2`. The chain
    of reasoning is the essay's: institutions raise the credibility of the commitment
    (friend-shoring model), credibility lowers the coercer's expected gain (denial model).
    Credibility is computed in floating point (the honouring rate is an algebraic number).

    Examples
    --------
    >>> table = institutionalisation_effect()
    >>> table[["institutionalisation", "credibility", "coercer"]].round(3)
      institutionalisation  credibility  coercer
    0                    0        0.716   coerce
    1                  1/2        0.855   coerce
    2                    1        0.933  refrain
    3                  3/2        0.979  refrain
    4                    2        1.000  refrain
    """
    from deterrence.models.denial import denial_credibility_threshold, deterrence_by_denial
    from deterrence.solvers.api import solve

    coalition = dict(coalition or {})
    if "institutionalisation" in coalition:
        raise InvalidGameError("give the levels of institutionalisation as the first argument")
    denial_values = dict(denial or {})
    if "credibility" in denial_values:
        raise InvalidGameError("denial credibility is set by the coalition; do not pass it")
    denial_values.setdefault("institutionalisation", 0)
    base: ParametricGame = deterrence_by_denial()
    point = base.resolve(denial_values)
    used = ("gain", "cost", "coverage", "information_sharing", "institutionalisation")
    threshold = float(denial_credibility_threshold(**{k: point[k] for k in used}))
    rows = []
    partners, quorum = _partners(coalition)
    for level in institutionalisation:
        rate, credibility = _honouring(partners, quorum, level)
        result = solve(base.at(**{**denial_values, "credibility": credibility}))
        choices = sorted({_coercer_choice(eq) for eq in result})
        coercer = choices[0] if len(choices) == 1 else " or ".join(choices)
        rows.append(
            {
                "institutionalisation": level,
                "honouring_rate": rate,
                "credibility": credibility,
                "credibility_threshold": threshold,
                "coercer": coercer,
                "deterred": coercer == "refrain",
            }
        )
    import pandas as pd

    return pd.DataFrame(rows)


def _partners(coalition: dict[str, Any]) -> tuple[ParametricAnonymousGame, int]:
    """The partners' game and its quorum."""
    values = {
        p.name: p.default
        for p in with_defaults(FRIEND_SHORING_PARAMETERS, coalition, "friend_shoring")
    }
    return friend_shoring_commitment(**coalition), _integer(values["quorum"], "quorum")


def _honouring(partners: ParametricAnonymousGame, quorum: int, level: Any) -> tuple[float, float]:
    """The highest stable honouring rate at one level of institutionalisation, and the
    coalition's credibility P(Binomial(N, h) >= K) that follows from it."""
    from deterrence.solvers.anonymous import solve_anonymous_symmetric

    game = partners.at(institutionalisation=level)
    stable = [eq for eq in solve_anonymous_symmetric(game) if eq.stability == "stable"]
    rate = max(float(eq.probability) for eq in stable) if stable else 0.0
    credibility = coalition_credibility(rate, partners.num_players, quorum)
    return rate, min(max(credibility, 0.0), 1.0)


def institutionalisation_threshold(
    *,
    coalition: dict[str, Any] | None = None,
    denial: dict[str, Any] | None = None,
    tol: float = 1e-10,
) -> float | None:
    r"""The least institutionalisation at which the coercer stops coercing (combined model).

    The coalition's credibility (:func:`institutionalisation_effect`) rises with the penalty
    on reneging; the coercer refrains once it exceeds the denial threshold
    :math:`(1 - C/G)/(s k)`. This finds the switching level by bisection on that monotone
    (possibly jumping) credibility.

    Parameters
    ----------
    coalition : dict, optional
        Values of :data:`FRIEND_SHORING_PARAMETERS` other than ``institutionalisation``.
    denial : dict, optional
        Values of the denial model's parameters other than ``credibility`` (its own
        ``institutionalisation`` is 0, as in :func:`institutionalisation_effect`).
    tol : float
        Width of the final bracket.

    Returns
    -------
    float or None
        The critical level (``0.0`` when the coercer is deterred without any institution);
        ``None`` when even a fully credible coalition cannot deter (the denial threshold
        exceeds 1: coverage or information sharing must rise first).

    Raises
    ------
    InvalidGameError
        On unknown or invalid parameter values.

    Notes
    -----
    Credibility is non-decreasing in the penalty: a higher penalty lowers
    :math:`c - \iota` in :math:`V\binom{N-1}{K-1}h^{K-1}(1-h)^{N-K} = c - \iota`, which moves
    the upper (stable) root up, and at :math:`\iota \ge c` every partner honours. It jumps
    from 0 where the stable root is born (the fold); the threshold may sit on that jump.

    Examples
    --------
    With the defaults the coercer switches between 1/2 and 1 (see
    :func:`institutionalisation_effect`):

    >>> round(institutionalisation_threshold(), 4)
    0.5466
    """
    from deterrence.models.denial import denial_credibility_threshold, deterrence_by_denial

    coalition = dict(coalition or {})
    if "institutionalisation" in coalition:
        raise InvalidGameError("institutionalisation is what this function solves for")
    denial_values = dict(denial or {})
    if "credibility" in denial_values:
        raise InvalidGameError("denial credibility is set by the coalition; do not pass it")
    denial_values.setdefault("institutionalisation", 0)
    point = deterrence_by_denial().resolve(denial_values)
    used = ("gain", "cost", "coverage", "information_sharing", "institutionalisation")
    exact_needed = denial_credibility_threshold(**{k: point[k] for k in used})
    if not exact_needed.is_finite:  # nothing is shared or seen in time: nothing deters
        return None
    needed = float(exact_needed)
    partners, quorum = _partners(coalition)
    if needed > 1:
        return None
    if _honouring(partners, quorum, 0)[1] > needed:
        return 0.0
    low, high = 0.0, float(partners.defaults["sharing_cost"])
    while _honouring(partners, quorum, high)[1] <= needed:  # iota >= cost: all honour
        high = 2 * high + 1
    while high - low > tol:
        middle = (low + high) / 2
        if _honouring(partners, quorum, middle)[1] > needed:
            high = middle
        else:
            low = middle
    return high


def _coercer_choice(equilibrium: Any) -> str:
    strategy = equilibrium.as_dict()["coercer"]
    if float(strategy["refrain"]) > 1 - 1e-9:
        return "refrain"
    if float(strategy["coerce"]) > 1 - 1e-9:
        return "coerce"
    return "mix"
