r"""Classic 2x2 games for teaching and reproduction, all parametric.

Every symmetric game here is written in the common notation of Rapoport and Guyer (1966) for a
symmetric 2x2 game with strategies *cooperate* (C) and *defect* (D):

=========  ============  ============
           C             D
=========  ============  ============
C          R, R          S, T
D          T, S          P, P
=========  ============  ============

with ``reward`` :math:`R` (mutual cooperation), ``temptation`` :math:`T` (defecting on a
cooperator), ``sucker`` :math:`S` (cooperating with a defector) and ``punishment`` :math:`P`
(mutual defection). The ordering of these four numbers *is* the game:
prisoner's dilemma :math:`T > R > P > S`, stag hunt :math:`R > T,\ P > S`, chicken
:math:`T > R,\ S > P`, harmony :math:`R > T,\ S > P`, deadlock :math:`T > R,\ P > S,\ P > R`
(:func:`classify_symmetric_game`). Jervis's offense-defense model (:func:`offense_defense`)
shows how the security dilemma moves between these classes as the offense gains the advantage.

References
----------
.. [1] A. Rapoport and M. Guyer, "A taxonomy of 2x2 games", *General Systems* 11, 1966.
.. [2] R. Jervis, "Cooperation under the Security Dilemma", *World Politics* 30(2), 1978.
.. [3] K. A. Oye, "Explaining Cooperation under Anarchy", *World Politics* 38(1), 1985.
.. [4] R. Axelrod, *The Evolution of Cooperation*, Basic Books, 1984.
"""

from __future__ import annotations

from typing import Any

import sympy

from deterrence.games.outcomes import Outcomes
from deterrence.games.parametric import Parameter, ParametricGame
from deterrence.models._registry import register, with_defaults

__all__ = [
    "classify_symmetric_game",
    "prisoners_dilemma",
    "stag_hunt",
    "chicken",
    "deadlock",
    "harmony",
    "battle_of_the_sexes",
    "matching_pennies",
    "offense_defense",
    "symmetric_game",
    "symmetric_outcomes",
    "symmetric_class",
]

_BLOCS = ("bloc A", "bloc B")
_COOPERATE = ("cooperate", "defect")


def _four(reward: Any, temptation: Any, sucker: Any, punishment: Any) -> tuple[Parameter, ...]:
    return (
        Parameter("reward", default=reward, description="payoff of mutual cooperation (R)"),
        Parameter(
            "temptation", default=temptation, description="payoff of defecting on a cooperator (T)"
        ),
        Parameter(
            "sucker", default=sucker, description="payoff of cooperating with a defector (S)"
        ),
        Parameter("punishment", default=punishment, description="payoff of mutual defection (P)"),
    )


def symmetric_outcomes(
    first: str,
    second: str,
    split: str,
    mixed: str,
    *,
    players: tuple[str, str] = _BLOCS,
    strategies: tuple[str, str] = _COOPERATE,
) -> Outcomes:
    """How the equilibria of a symmetric 2x2 game read: both first, both second, split, mixed.

    Parameters
    ----------
    first, second : str
        The words when both players choose the first (second) strategy.
    split : str
        The words when they choose differently (either way round: the game is symmetric).
    mixed : str
        The words for every other equilibrium (someone mixes).
    players, strategies
        The game's labels.

    Returns
    -------
    Outcomes

    Examples
    --------
    >>> outcomes = symmetric_outcomes("mutual cooperation", "mutual defection",
    ...                               "one bloc defects", "mixed")
    >>> outcomes.read({"bloc A": "defect", "bloc B": "cooperate"})
    'one bloc defects'
    >>> outcomes.labels
    ('mutual cooperation', 'mutual defection', 'one bloc defects', 'mixed')
    """
    a, b = players
    c, d = strategies
    return Outcomes(
        [
            ({a: c, b: c}, first),
            ({a: d, b: d}, second),
            ({a: c, b: d}, split),
            ({a: d, b: c}, split),
        ],
        otherwise=mixed,
    )


def symmetric_class(game: Any) -> str:
    """Which classic game a symmetric 2x2 game is (read off the first player's payoffs).

    Parameters
    ----------
    game : NormalFormGame
        A symmetric 2x2 game at a point, first strategy "cooperate"-like.

    Returns
    -------
    str
        As :func:`classify_symmetric_game`.

    Examples
    --------
    >>> symmetric_class(prisoners_dilemma().at())
    "prisoner's dilemma"
    >>> symmetric_class(prisoners_dilemma().at(temptation=2))  # T < R, P > S
    'stag hunt'
    """
    matrix = game.payoff_matrix(0)
    return classify_symmetric_game(
        reward=matrix[0, 0], temptation=matrix[1, 0], sucker=matrix[0, 1], punishment=matrix[1, 1]
    )


#: The words for the cooperate/defect games between two blocs.
COOPERATION_OUTCOMES = symmetric_outcomes(
    "mutual cooperation", "mutual defection", "one bloc defects", "mixed: each cooperates at random"
)


def symmetric_game(
    reward: Any,
    sucker: Any,
    temptation: Any,
    punishment: Any,
    parameters: tuple[Parameter, ...],
    *,
    players: tuple[str, str] = _BLOCS,
    strategies: tuple[str, str] = _COOPERATE,
    title: str = "",
    outcomes: Outcomes | None = None,
) -> ParametricGame:
    """The symmetric 2x2 parametric game with entries R, S (row C) and T, P (row D).

    Parameters
    ----------
    reward, sucker, temptation, punishment : expression
        The row player's payoffs (strings, numbers or sympy expressions) at (C, C), (C, D),
        (D, C) and (D, D); the column player's payoffs are the transpose.
    parameters : tuple of Parameter
    players, strategies, title
        Labels (the same strategy labels for both players).
    outcomes : Outcomes, optional
        How the equilibria read (see :func:`symmetric_outcomes`).

    Returns
    -------
    ParametricGame

    Raises
    ------
    InvalidGameError
        On unparsable expressions or undeclared parameters.

    Notes
    -----
    A symmetric game: the column player's payoff at (a, b) is the row player's at (b, a).

    Examples
    --------
    >>> game = symmetric_game("r", 0, 5, 1, (Parameter("r", default=3),))
    >>> game.at().payoff_matrix("bloc B").tolist()[0]
    [Fraction(3, 1), Fraction(5, 1)]
    """
    row = [[reward, sucker], [temptation, punishment]]
    column = [[reward, temptation], [sucker, punishment]]
    return ParametricGame.from_matrices(
        row,
        column,
        parameters,
        players=players,
        strategies=(strategies, strategies),
        title=title,
        outcomes=outcomes,
    )


def classify_symmetric_game(reward: Any, temptation: Any, sucker: Any, punishment: Any) -> str:
    """Name the class of a symmetric 2x2 game from its four payoffs.

    Parameters
    ----------
    reward, temptation, sucker, punishment : number
        R, T, S, P (numbers or numeric sympy values).

    Returns
    -------
    str
        ``"prisoner's dilemma"`` (T > R > P > S), ``"deadlock"`` (T > P > R, P > S:
        defection dominant and mutual defection preferred), ``"stag hunt"`` (R > T and P > S:
        two pure equilibria, cooperation payoff-dominant), ``"chicken"`` (T > R and S > P),
        ``"harmony"`` (R > T and S > P: cooperation dominant), or ``"boundary"`` when a tie
        (T = R or S = P, or R = P in the defection-dominant case) puts the game on a boundary
        between classes.

    Raises
    ------
    TypeError
        If a payoff is not a real number.

    Notes
    -----
    The two comparisons that matter are whether defecting pays against a cooperator
    (:math:`T > R`) and against a defector (:math:`P > S`); they decide the equilibrium
    structure (Rapoport and Guyer 1966; Jervis 1978, Oye 1985). When both hold, the game is a
    prisoner's dilemma if mutual cooperation beats mutual defection (:math:`R > P`) and
    deadlock otherwise.

    Examples
    --------
    >>> classify_symmetric_game(3, 5, 0, 1)
    "prisoner's dilemma"
    >>> classify_symmetric_game(4, 3, 0, 2)
    'stag hunt'
    >>> classify_symmetric_game(3, 4, 1, 0)
    'chicken'
    """
    values = [
        sympy.nsimplify(v) if not isinstance(v, sympy.Basic) else v
        for v in (reward, temptation, sucker, punishment)
    ]
    r, t, s, p = values
    if t == r or s == p:
        return "boundary"
    exploit, defend = bool(t > r), bool(p > s)
    if exploit and defend:
        if r == p:
            return "boundary"
        return "prisoner's dilemma" if r > p else "deadlock"
    if defend:
        return "stag hunt"
    if exploit:
        return "chicken"
    return "harmony"


#: Chicken: mutual firmness is the collision both fear.
CHICKEN_OUTCOMES = symmetric_outcomes(
    "both back down",
    "collision: both stand firm",
    "one stands firm, the other backs down",
    "mixed: each stands firm at random",
    strategies=("back down", "stand firm"),
)

#: Battle of the sexes: which common standard, if any, the allies adopt.
STANDARD_OUTCOMES = Outcomes(
    [
        ({"ally A": "standard A", "ally B": "standard A"}, "standard A adopted"),
        ({"ally A": "standard B", "ally B": "standard B"}, "standard B adopted"),
        (
            {"ally A": ("standard A", "standard B"), "ally B": ("standard A", "standard B")},
            "no common standard",
        ),
    ],
    otherwise="mixed: miscoordination risk",
)

#: Matching pennies as an inspection game.
INSPECTION_OUTCOMES = Outcomes(
    [
        ({"enforcer": "route A", "evader": "route A"}, "evader caught"),
        ({"enforcer": "route B", "evader": "route B"}, "evader caught"),
        (
            {"enforcer": ("route A", "route B"), "evader": ("route A", "route B")},
            "evader slips through",
        ),
    ],
    otherwise="random inspection",
)

#: Offense-defense: the postures two states settle on.
POSTURE_OUTCOMES = symmetric_outcomes(
    "mutual defence",
    "arms race: both offensive",
    "one state arms",
    "mixed: each arms at random",
    players=("state A", "state B"),
    strategies=("defensive", "offensive"),
)


@register(
    "prisoners_dilemma",
    story="two blocs each cooperate or defect; defection dominates yet both prefer cooperation",
    kind="normal form",
    parameters=_four(3, 5, 0, 1),
    key_parameter="temptation",
    key_range=(0, 8),
    key_result=(
        "(defect, defect) is the unique equilibrium exactly when temptation > reward "
        "and punishment > sucker; it is Pareto-dominated when reward > punishment"
    ),
    essay_argument="the security dilemma follows the logic of the prisoner's dilemma",
    references=("Rapoport and Chammah 1965", "Axelrod 1984"),
    outcomes=COOPERATION_OUTCOMES,
    classifier=symmetric_class,
)
def prisoners_dilemma(**defaults: Any) -> ParametricGame:
    r"""The prisoner's dilemma, :math:`T > R > P > S` at the defaults (5 > 3 > 1 > 0).

    Parameters
    ----------
    **defaults
        New defaults for ``reward``, ``temptation``, ``sucker``, ``punishment``.

    Returns
    -------
    ParametricGame
        Players ``("bloc A", "bloc B")``, strategies ``("cooperate", "defect")``.

    Raises
    ------
    InvalidGameError
        On unknown parameters.

    Notes
    -----
    **Key result.** Defect is strictly dominant when :math:`T > R` and :math:`P > S`, so
    (defect, defect) is the unique equilibrium, although both prefer (cooperate, cooperate)
    when :math:`R > P` (Rapoport and Chammah 1965; Axelrod 1984). The essay's point: this
    happens "not because of their incompetence in calculating gains and losses", but from the
    structure of the game.

    Examples
    --------
    >>> from deterrence import solve
    >>> [eq.outcome for eq in solve(prisoners_dilemma().at(), exact=True)]
    ['(defect, defect)']
    """
    parameters = with_defaults(_four(3, 5, 0, 1), defaults, "prisoners_dilemma")
    return symmetric_game(
        "reward",
        "sucker",
        "temptation",
        "punishment",
        parameters,
        title="prisoner's dilemma",
        outcomes=COOPERATION_OUTCOMES,
    )


@register(
    "stag_hunt",
    story="two blocs gain most by jointly cooperating but each is safe defecting (assurance)",
    kind="normal form",
    parameters=_four(4, 3, 0, 2),
    key_parameter="sucker",
    key_range=(-2, 4),
    key_result=(
        "with reward > temptation and punishment > sucker both (cooperate, cooperate) "
        "and (defect, defect) are equilibria; in the mixed one each cooperates with "
        "probability (punishment - sucker)/(reward - temptation + punishment - sucker)"
    ),
    essay_argument="mutual distrust: cooperation needs assurance that the other cooperates",
    references=("Rousseau 1755", "Jervis 1978", "Skyrms 2004"),
    outcomes=COOPERATION_OUTCOMES,
    classifier=symmetric_class,
)
def stag_hunt(**defaults: Any) -> ParametricGame:
    r"""The stag hunt (assurance game): :math:`R > T` and :math:`P > S` (4, 3, 0, 2).

    Parameters
    ----------
    **defaults
        New defaults for ``reward``, ``temptation``, ``sucker``, ``punishment``.

    Returns
    -------
    ParametricGame

    Raises
    ------
    InvalidGameError
        On unknown parameters.

    Notes
    -----
    **Key result.** Two pure equilibria, (cooperate, cooperate) and (defect, defect), and a
    mixed one in which each cooperates with probability
    :math:`q^* = (P - S) / (R - T + P - S)` (2/3 at the defaults): cooperation is a best reply
    exactly when the belief that the other cooperates exceeds :math:`q^*` (Skyrms 2004).

    Examples
    --------
    >>> from deterrence import solve
    >>> [eq.outcome for eq in solve(stag_hunt().at(), exact=True)]
    ['(cooperate, cooperate)',
     '(2/3*cooperate + 1/3*defect, 2/3*cooperate + 1/3*defect)',
     '(defect, defect)']
    """
    parameters = with_defaults(_four(4, 3, 0, 2), defaults, "stag_hunt")
    return symmetric_game(
        "reward",
        "sucker",
        "temptation",
        "punishment",
        parameters,
        title="stag hunt",
        outcomes=COOPERATION_OUTCOMES,
    )


@register(
    "chicken",
    story="two blocs each stand firm or back down; mutual firmness is the worst outcome",
    kind="normal form",
    parameters=_four(3, 4, 1, 0),
    key_parameter="punishment",
    key_range=(-2, 3),
    key_result=(
        "with temptation > reward and sucker > punishment the equilibria are the two "
        "asymmetric ones and a mixed one in which each stands firm with probability "
        "(temptation - reward)/(temptation - reward + sucker - punishment)"
    ),
    essay_argument="escalation of coercion and counter-coercion (brinkmanship)",
    references=("Schelling 1966", "Snyder and Diesing 1977"),
    outcomes=CHICKEN_OUTCOMES,
    classifier=symmetric_class,
)
def chicken(**defaults: Any) -> ParametricGame:
    r"""Chicken (hawk-dove): :math:`T > R > S > P` (4, 3, 1, 0); "cooperate" is backing down.

    Parameters
    ----------
    **defaults
        New defaults for ``reward``, ``temptation``, ``sucker``, ``punishment``.

    Returns
    -------
    ParametricGame
        Strategies ``("back down", "stand firm")``.

    Raises
    ------
    InvalidGameError
        On unknown parameters.

    Notes
    -----
    **Key result.** The pure equilibria are the asymmetric (back down, stand firm) and
    (stand firm, back down); in the mixed equilibrium each stands firm with probability
    :math:`(T - R)/(T - R + S - P)` (1/2 at the defaults) (Schelling 1966; Snyder and Diesing
    1977).

    Examples
    --------
    >>> from deterrence import solve
    >>> [eq.outcome for eq in solve(chicken().at(), exact=True)]
    ['(back down, stand firm)',
     '(1/2*back down + 1/2*stand firm, 1/2*back down + 1/2*stand firm)',
     '(stand firm, back down)']
    """
    parameters = with_defaults(_four(3, 4, 1, 0), defaults, "chicken")
    return symmetric_game(
        "reward",
        "sucker",
        "temptation",
        "punishment",
        parameters,
        strategies=("back down", "stand firm"),
        title="chicken",
        outcomes=CHICKEN_OUTCOMES,
    )


@register(
    "deadlock",
    story="two blocs that both prefer mutual defection to mutual cooperation",
    kind="normal form",
    parameters=_four(1, 3, 0, 2),
    key_parameter="reward",
    key_range=(0, 4),
    key_result=(
        "with temptation > punishment > reward > sucker (defect, defect) is the unique "
        "equilibrium and no one regrets it; cooperation becomes feasible only once "
        "reward > temptation or punishment < sucker"
    ),
    essay_argument="decoupling when neither bloc values openness",
    references=("Oye 1985",),
    outcomes=COOPERATION_OUTCOMES,
    classifier=symmetric_class,
)
def deadlock(**defaults: Any) -> ParametricGame:
    r"""Deadlock: :math:`T > P > R > S` (3, 2, 1, 0).

    Parameters
    ----------
    **defaults
        New defaults for ``reward``, ``temptation``, ``sucker``, ``punishment``.

    Returns
    -------
    ParametricGame

    Raises
    ------
    InvalidGameError
        On unknown parameters.

    Notes
    -----
    **Key result.** Defection is dominant and mutual defection is each player's preferred
    outcome: there is no dilemma, and (defect, defect) is the unique equilibrium (Oye 1985).

    Examples
    --------
    >>> from deterrence import solve
    >>> [eq.outcome for eq in solve(deadlock().at(), exact=True)]
    ['(defect, defect)']
    """
    parameters = with_defaults(_four(1, 3, 0, 2), defaults, "deadlock")
    return symmetric_game(
        "reward",
        "sucker",
        "temptation",
        "punishment",
        parameters,
        title="deadlock",
        outcomes=COOPERATION_OUTCOMES,
    )


@register(
    "harmony",
    story="two blocs for whom cooperation (openness) is dominant",
    kind="normal form",
    parameters=_four(4, 3, 2, 1),
    key_parameter="temptation",
    key_range=(0, 6),
    key_result=(
        "with reward > temptation and sucker > punishment cooperation is dominant and "
        "(cooperate, cooperate) is the unique equilibrium"
    ),
    essay_argument="interdependence without a security dilemma (the liberal baseline)",
    references=("Oye 1985",),
    outcomes=COOPERATION_OUTCOMES,
    classifier=symmetric_class,
)
def harmony(**defaults: Any) -> ParametricGame:
    r"""Harmony: :math:`R > T > S > P` (4, 3, 2, 1).

    Parameters
    ----------
    **defaults
        New defaults for ``reward``, ``temptation``, ``sucker``, ``punishment``.

    Returns
    -------
    ParametricGame

    Raises
    ------
    InvalidGameError
        On unknown parameters.

    Notes
    -----
    **Key result.** Cooperation is strictly dominant (:math:`R > T`, :math:`S > P`), so
    (cooperate, cooperate) is the unique equilibrium (Oye 1985).

    Examples
    --------
    >>> from deterrence import solve
    >>> [eq.outcome for eq in solve(harmony().at(), exact=True)]
    ['(cooperate, cooperate)']
    """
    parameters = with_defaults(_four(4, 3, 2, 1), defaults, "harmony")
    return symmetric_game(
        "reward",
        "sucker",
        "temptation",
        "punishment",
        parameters,
        title="harmony",
        outcomes=COOPERATION_OUTCOMES,
    )


_BATTLE_PARAMETERS = (
    Parameter(
        "preferred",
        default=2,
        domain=(0, None),
        description="payoff of coordinating on one's own standard",
    ),
    Parameter(
        "conceded",
        default=1,
        domain=(0, None),
        description="payoff of coordinating on the partner's standard",
    ),
    Parameter(
        "miscoordination", default=0, description="payoff when the two adopt different standards"
    ),
)


@register(
    "battle_of_the_sexes",
    story="two allies must adopt a common standard but each prefers its own",
    kind="normal form",
    parameters=_BATTLE_PARAMETERS,
    key_parameter="preferred",
    key_range=(0, 5),
    key_result=(
        "both coordinated outcomes are equilibria; in the mixed one each adopts its "
        "own standard with probability (preferred - miscoordination)/(preferred + "
        "conceded - 2*miscoordination)"
    ),
    essay_argument=(
        "regulatory harmonisation among friends: competition over standards and certifications"
    ),
    references=("Luce and Raiffa 1957", "Krasner 1991"),
    outcomes=STANDARD_OUTCOMES,
)
def battle_of_the_sexes(**defaults: Any) -> ParametricGame:
    r"""Battle of the sexes as a contest between two allies over a common standard.

    Parameters
    ----------
    **defaults
        New defaults for ``preferred``, ``conceded`` and ``miscoordination``.

    Returns
    -------
    ParametricGame
        Players ``("ally A", "ally B")``, strategies ``("standard A", "standard B")``.

    Raises
    ------
    InvalidGameError
        On unknown parameters or negative values.

    Notes
    -----
    Ally A gets ``preferred`` :math:`a` on standard A, ``conceded`` :math:`b` on standard B
    and ``miscoordination`` :math:`z` otherwise; ally B symmetrically. **Key result.** Both
    coordinated outcomes are equilibria (Luce and Raiffa 1957); in the mixed equilibrium each
    plays its own standard with probability :math:`(a - z)/(a + b - 2z)` (2/3 at the
    defaults). Krasner (1991) reads such distributive coordination problems as the core of
    international standard setting, which the essays expect among friend-shoring partners.

    Examples
    --------
    >>> from deterrence import solve
    >>> [eq.outcome for eq in solve(battle_of_the_sexes().at(), exact=True)]
    ['(standard A, standard A)',
     '(2/3*standard A + 1/3*standard B, 1/3*standard A + 2/3*standard B)',
     '(standard B, standard B)']
    """
    parameters = with_defaults(_BATTLE_PARAMETERS, defaults, "battle_of_the_sexes")
    row = [["preferred", "miscoordination"], ["miscoordination", "conceded"]]
    column = [["conceded", "miscoordination"], ["miscoordination", "preferred"]]
    return ParametricGame.from_matrices(
        row,
        column,
        parameters,
        players=("ally A", "ally B"),
        strategies=(("standard A", "standard B"),) * 2,
        title="battle of the sexes",
        outcomes=STANDARD_OUTCOMES,
    )


_PENNIES_PARAMETERS = (
    Parameter(
        "stake",
        default=1,
        domain=(0, None),
        description="amount won by the matcher on a match and by the evader otherwise",
    ),
)


@register(
    "matching_pennies",
    story="an export-control enforcer inspects one of two routes; an evader ships by one",
    kind="normal form",
    parameters=_PENNIES_PARAMETERS,
    key_parameter="stake",
    key_range=(0, 5),
    key_result="for every stake > 0 the unique equilibrium has both players mixing 1/2 - 1/2",
    essay_argument="enforcement against sanctions evasion (inspection game)",
    references=("von Neumann and Morgenstern 1944",),
    outcomes=INSPECTION_OUTCOMES,
)
def matching_pennies(**defaults: Any) -> ParametricGame:
    r"""Matching pennies as an inspection game between an enforcer and an evader.

    Parameters
    ----------
    **defaults
        New default for ``stake``.

    Returns
    -------
    ParametricGame
        Players ``("enforcer", "evader")``, strategies ``("route A", "route B")``; zero-sum.

    Raises
    ------
    InvalidGameError
        On unknown parameters or a negative stake.

    Notes
    -----
    The enforcer wins ``stake`` :math:`v` when it inspects the route the evader uses and
    loses :math:`v` otherwise. **Key result.** For every :math:`v > 0` the unique equilibrium
    has both players mixing one half on each route; the value is 0 (von Neumann and
    Morgenstern 1944).

    Examples
    --------
    >>> from deterrence import solve
    >>> [eq.outcome for eq in solve(matching_pennies().at(), exact=True)]
    ['(1/2*route A + 1/2*route B, 1/2*route A + 1/2*route B)']
    """
    parameters = with_defaults(_PENNIES_PARAMETERS, defaults, "matching_pennies")
    row = [["stake", "-stake"], ["-stake", "stake"]]
    column = [["-stake", "stake"], ["stake", "-stake"]]
    return ParametricGame.from_matrices(
        row,
        column,
        parameters,
        players=("enforcer", "evader"),
        strategies=(("route A", "route B"),) * 2,
        title="matching pennies",
        outcomes=INSPECTION_OUTCOMES,
    )


_OFFENSE_DEFENSE_PARAMETERS = (
    Parameter(
        "offense_advantage",
        default="3/4",
        domain=(0, 1),
        description="how far technology and geography favour attack over defence",
    ),
    Parameter(
        "distinguishability",
        default=0,
        domain=(0, 1),
        description="how far defensive postures can be told apart from offensive ones",
    ),
)


@register(
    "offense_defense",
    story=(
        "two states choose a defensive or an offensive posture; the offense-defense balance "
        "and distinguishability shape the security dilemma (Jervis 1978)"
    ),
    kind="normal form",
    parameters=_OFFENSE_DEFENSE_PARAMETERS,
    key_parameter="offense_advantage",
    key_result=(
        "with x = offense_advantage*(1 - distinguishability) the game is harmony for "
        "x < 1/4, a stag hunt for 1/4 < x < 1/2 and a prisoner's dilemma for x > 1/2"
    ),
    essay_argument=(
        "the security dilemma: measures taken for one's own security threaten "
        "others; dual-use technology blurs defensive and offensive postures"
    ),
    references=("Jervis 1978", "Glaser 1997"),
    outcomes=POSTURE_OUTCOMES,
    classifier=symmetric_class,
)
def offense_defense(**defaults: Any) -> ParametricGame:
    r"""Jervis's offense-defense transformation of the security dilemma.

    Parameters
    ----------
    **defaults
        New defaults for ``offense_advantage`` :math:`a` and ``distinguishability``
        :math:`d`, both in [0, 1].

    Returns
    -------
    ParametricGame
        Players ``("state A", "state B")``, strategies ``("defensive", "offensive")``.

    Raises
    ------
    InvalidGameError
        On unknown parameters or values outside [0, 1].

    Notes
    -----
    Jervis (1978) argues that the security dilemma is mild when the defence has the advantage
    and defensive postures can be distinguished from offensive ones, and "doubly dangerous"
    when the offence has the advantage and the postures look alike. Only the *effective*
    offense advantage :math:`x = a(1 - d)` matters to a state that cannot tell what the other
    is preparing (a distinguishable offensive buildup can be answered in time, removing its
    edge). With payoffs normalised to mutual defence :math:`R = 3` and an arms race
    :math:`P = 1`, striking a defensive state pays :math:`T = 2 + 2x` (the first-mover edge)
    and being caught defensive costs :math:`S = 2 - 4x` (the exposure grows twice as fast).

    **Key result.** :math:`T > R \iff x > 1/2` and :math:`P > S \iff x > 1/4`, so the game is
    harmony for :math:`x < 1/4`, a stag hunt (the security dilemma that trust can solve) for
    :math:`1/4 < x < 1/2` and a prisoner's dilemma for :math:`x > 1/2`. The offense-advantage
    thresholds are :math:`1/(4(1-d))` and :math:`1/(2(1-d))`: distinguishability pushes them
    up. The essays' dual-use point (civilian and military products are hard to tell apart) is a
    low :math:`d`.

    Examples
    --------
    >>> from deterrence import solve
    >>> [eq.outcome for eq in solve(offense_defense().at(), exact=True)]
    ['(offensive, offensive)']
    >>> [eq.outcome for eq in solve(offense_defense().at(offense_advantage="1/8"), exact=True)]
    ['(defensive, defensive)']
    """
    parameters = with_defaults(_OFFENSE_DEFENSE_PARAMETERS, defaults, "offense_defense")
    x = "offense_advantage*(1 - distinguishability)"
    return symmetric_game(
        3,
        f"2 - 4*{x}",
        f"2 + 2*{x}",
        1,
        parameters,
        players=("state A", "state B"),
        strategies=("defensive", "offensive"),
        title="offense-defense security dilemma",
        outcomes=POSTURE_OUTCOMES,
    )
