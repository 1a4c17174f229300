r"""Credibility of threats: is a threatened action subgame perfect, and for which parameters?

A threat is an action :math:`a` that a player announces for a node :math:`v` of a game tree
("if you coerce, we retaliate"). It is *credible* when the player would really carry it out
once :math:`v` is reached: :math:`a` is played at :math:`v` in every subgame-perfect
equilibrium (Selten 1965, 1978; Schelling 1960). Subgame perfection requires optimal play in
every subgame, reached or not, so the check covers threats that deter (whose node is then
off the equilibrium path) as well as those that are carried out.

For a parametric tree the check is repeated across one parameter: credibility can change only
where some comparison made in backward induction changes sign, i.e. at a real root of a
difference between two candidate continuation payoffs of a mover. Those roots are found
exactly (sympy), credibility is decided exactly at each root and between consecutive roots,
and the result is the *region* (a union of intervals) where the threat is credible, with the
critical values as symbolic expressions of the other parameters.

References
----------
.. [1] T. C. Schelling, *The Strategy of Conflict*, Harvard University Press, 1960.
.. [2] R. Selten, "The chain store paradox", *Theory and Decision* 9, 1978.
.. [3] F. C. Zagare and D. M. Kilgour, *Perfect Deterrence*, Cambridge University Press, 2000.
"""

from __future__ import annotations

import dataclasses
import itertools
import warnings
from collections.abc import Mapping
from fractions import Fraction
from typing import Any

import numpy as np
import sympy

from deterrence.analysis.algebra import real_roots
from deterrence.analysis.concepts import SolutionConcept, get_concept
from deterrence.analysis.concepts.subgame_perfect import backward_induction_differences
from deterrence.analysis.thresholds import Threshold, thresholds
from deterrence.exceptions import InvalidGameError, unknown_names
from deterrence.games.extensive import DECISION, ExtensiveFormGame

__all__ = ["CredibilityReport", "credibility"]


@dataclasses.dataclass(frozen=True, eq=False)
class CredibilityReport:
    """Whether a threat is credible (and, for a parametric tree, where).

    Returned by :func:`credibility`; ``bool(report)`` is the verdict.

    Attributes
    ----------
    node : tuple of str
        History of the threatened node.
    player : str
    threat : str
    credible : bool or None
        At the given parameter values (``None`` for a parametric tree evaluated nowhere).
    equilibria : int
        Number of subgame-perfect equilibria examined.
    playing : int
        How many of them play the threat at the node (with probability one).
    reached : int
        How many of them reach the node with positive probability.
    region : sympy.Set or None
        Parametric trees: the values of ``parameter`` where the threat is credible.
    parameter : str or None
    thresholds : tuple of Threshold
        Critical values (:class:`deterrence.analysis.thresholds.Threshold`) where the
        verdict changes; ``below``/``above`` say ``credible`` or ``not credible``.
    description : str

    Examples
    --------
    >>> from deterrence.games.extensive import ExtensiveFormGame, decision, terminal
    >>> game = ExtensiveFormGame(decision("a", {"x": decision("b", {
    ...     "punish": terminal(0, -1), "forgive": terminal(1, 0)})}), ("a", "b"))
    >>> print(credibility(game, ("x",), "punish"))
    b's threat to punish at x is not credible: played in 0 of 1 subgame-perfect equilibria
    """

    node: tuple[str, ...]
    player: str
    threat: str
    credible: bool | None
    equilibria: int
    playing: int
    reached: int
    region: Any = None
    parameter: str | None = None
    thresholds: tuple[Threshold, ...] = ()
    description: str = ""

    def __str__(self) -> str:
        return self.description

    def __bool__(self) -> bool:
        return bool(self.credible)


def _numeric_check(game: ExtensiveFormGame, node: int, action: int) -> tuple[bool, int, int, int]:
    from deterrence.solvers.subgame_perfect import solve_subgame_perfect

    result = solve_subgame_perfect(game, max_equilibria=None)
    tree = game._tree
    k = int(tree.infoset[node])
    playing = sum(1 for spe in result if spe.behaviour(k)[action] == 1)
    reached = sum(1 for spe in result if spe.reach_probability(node) != 0)
    return playing == len(result) and len(result) > 0, len(result), playing, reached


def _candidates(game: ExtensiveFormGame) -> tuple[list[Any], bool]:
    """Differences whose sign changes can change backward induction (and completeness)."""
    found, complete = backward_induction_differences(game)
    differences = [difference for difference, _info in found]
    if not game.is_perfect_information:
        # subgames are solved in strategic form: add its payoff comparisons
        normal = game.to_normal_form()
        for i in range(normal.num_players):
            matrix = np.moveaxis(normal.payoffs[i], i, 0)
            for a, b in itertools.combinations(range(matrix.shape[0]), 2):
                differences.extend((matrix[a] - matrix[b]).reshape(-1))
    return differences, complete


def _verdicts(
    ordered: list[Any], domain: Any, check: Any
) -> tuple[list[Any], dict[Any, bool | None], list[Any]]:
    """The verdict in every open interval between critical values and at each of them."""
    samples: list[tuple[str, Any]] = []
    bounds = [domain.start, *ordered, domain.end]
    for a, b in zip(bounds, bounds[1:]):
        if a == b:
            continue
        if a == -sympy.oo:
            mid = (b - 1) if b != sympy.oo else sympy.Integer(0)
        elif b == sympy.oo:
            mid = a + 1
        else:
            mid = (a + b) / 2
        samples.append(("open", (a, b, mid)))
    for r in ordered:
        samples.append(("point", r))
    if domain.start != -sympy.oo and domain.start not in ordered:
        samples.append(("point", domain.start))
    if domain.end != sympy.oo and domain.end not in ordered and domain.end != domain.start:
        samples.append(("point", domain.end))
    pieces = []
    status: dict[Any, bool | None] = {}
    for kind, where in samples:
        if kind == "open":
            a, b, mid = where
            ok = check(mid)
            status[("open", a, b)] = ok
            if ok:
                pieces.append(sympy.Interval.open(a, b))
        else:
            ok = check(where)
            status[("point", where)] = ok
            if ok:
                pieces.append(sympy.FiniteSet(where))
    return ordered, status, pieces


def _spe_thresholds(
    game: ExtensiveFormGame, parameter: str, point: Mapping[str, Any], bounds: tuple[Any, Any]
) -> tuple[Threshold, ...]:
    """Where the subgame-perfect equilibria of ``game`` change along ``parameter``.

    Memoised on the game (a tree is immutable): :func:`credibility` asks once per threat,
    and a report asks for every first move at the same point.
    """
    memo = game.__dict__.setdefault("_credibility_thresholds", {})
    key = (parameter, tuple(sorted((name, str(value)) for name, value in point.items())))
    if key not in memo:
        low, high = bounds
        domain = None if low is None and high is None else (low, high)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            memo[key] = thresholds(
                game, parameter, fixed=dict(point), domain=domain, concept="subgame_perfect"
            )
    return memo[key]


def _number(x: Any) -> Any:
    if getattr(x, "is_Rational", False):
        return Fraction(int(x.p), int(x.q))
    return float(x)


def _as_value(x: Any) -> Any:
    x = sympy.nsimplify(x) if isinstance(x, float) else x
    if getattr(x, "is_Rational", False):
        return Fraction(int(x.p), int(x.q))
    return float(x)


def credibility(
    game: ExtensiveFormGame,
    node: Any,
    threat: str,
    *,
    parameter: str | None = None,
    fixed: Mapping[str, Any] | str | None = None,
    concept: str | SolutionConcept = "auto",
) -> CredibilityReport:
    """Check whether a threat is credible: played at its node in every SPE.

    Parameters
    ----------
    game : ExtensiveFormGame
        A numeric or parametric tree.
    node : str, sequence of str or int
        The threatened node: a path of action labels from the root such as ``("coerce",)``,
        a node name, a one-node information-set name, or an index.
    threat : str
        The action label threatened at that node.
    parameter : str, optional
        For a parametric tree, the parameter to scan (default: the only parameter).
    fixed : mapping or "defaults", optional
        Values of the other parameters (defaults fill the gaps); for a parametric tree the
        credibility at these values and the defaults of ``parameter`` is also reported when
        it has a default.
    concept : str or SolutionConcept, default "auto"
        Credibility is a statement about subgame perfection: ``"auto"`` and
        ``"subgame_perfect"`` are the only concepts accepted (a threat that holds in some
        Nash equilibrium of the strategic form need not be credible).

    Returns
    -------
    CredibilityReport
        ``credible`` (at the given values), the counts of SPE examined, playing the threat and
        reaching the node, and for parametric trees the ``region`` of credibility and the
        ``thresholds``.

    Raises
    ------
    InvalidGameError
        If the node is not a decision node, the threat is not one of its actions, or the
        parameter is unknown.

    Notes
    -----
    Numeric trees: :func:`~deterrence.solvers.subgame_perfect.solve_subgame_perfect` lists
    every SPE (ties enumerated) and the threat is credible when all of them play it with
    probability one. Parametric trees: see the module docstring. Critical values come from
    the comparisons of backward induction and from
    :func:`deterrence.analysis.thresholds.thresholds` with the subgame-perfect concept
    (which, for trees with information sets, also scans for changes of a subgame's mixed
    equilibrium value); the verdict is decided exactly at each critical value and between
    consecutive ones.

    Examples
    --------
    Entry deterrence: the incumbent threatens to fight entry, which pays ``fight`` against 2
    for accommodating. The threat is credible exactly when ``fight > 2``.

    >>> from deterrence.games.extensive import ExtensiveFormGame, decision, terminal
    >>> game = ExtensiveFormGame.build(
    ...     players=("entrant", "incumbent"),
    ...     root=decision("entrant", {
    ...         "out": terminal(1, 5),
    ...         "in": decision("incumbent", {"fight": terminal(-1, "fight"),
    ...                                      "accommodate": terminal(2, 2)})}))
    >>> report = credibility(game, ("in",), "fight")
    >>> report.region
    Interval.open(2, oo)
    >>> credibility(game.at(fight=0), ("in",), "fight").credible
    False
    """
    if not isinstance(game, ExtensiveFormGame):
        raise InvalidGameError(f"credibility needs an ExtensiveFormGame, got {type(game).__name__}")
    if get_concept(game, concept).name != "subgame_perfect":
        raise InvalidGameError(
            f"credibility is defined by subgame perfection; concept={concept!r} cannot judge "
            "whether a threat would be carried out (use concept='auto')"
        )
    if isinstance(fixed, str):
        if fixed != "defaults":
            raise InvalidGameError(f"fixed={fixed!r}; expected a mapping or 'defaults'")
        fixed = None  # the defaults fill every gap already
    index = game.node(node)
    tree = game._tree
    if tree.kind[index] != DECISION:
        raise InvalidGameError(
            f"node {game.history(index)!r} is not a decision node; a threat is an action there"
        )
    k = int(tree.infoset[index])
    actions = tree.infoset_actions[k]
    if threat not in actions:
        raise InvalidGameError(
            f"{threat!r} is not an action at node {game.history(index)!r}; actions are "
            f"{list(actions)}"
        )
    action = actions.index(threat)
    player = game.players[int(tree.mover[index])]
    history = game.history(index)
    if not game.is_parametric:
        if parameter is not None or fixed:
            raise InvalidGameError("the tree has no parameters; drop parameter/fixed")
        credible, count, playing, reached = _numeric_check(game, index, action)
        verdict = "credible" if credible else "not credible"
        return CredibilityReport(
            history,
            player,
            threat,
            credible,
            count,
            playing,
            reached,
            description=(
                f"{player}'s threat to {threat} at {', '.join(history) or 'root'} is "
                f"{verdict}: played in {playing} of {count} subgame-perfect equilibria"
            ),
        )
    return _parametric(game, index, action, history, player, threat, parameter, fixed)


def _parametric(
    game: ExtensiveFormGame,
    index: int,
    action: int,
    history: tuple[str, ...],
    player: str,
    threat: str,
    parameter: str | None,
    fixed: Mapping[str, Any] | None,
) -> CredibilityReport:
    names = game.parameter_names
    if parameter is None:
        if len(names) != 1:
            raise InvalidGameError(
                f"the tree has parameters {list(names)}; say which one to scan with parameter="
            )
        parameter = names[0]
    if parameter not in names:
        raise InvalidGameError(unknown_names("parameter", [parameter], names))
    fixed = dict(fixed or {})
    if parameter in fixed:
        raise InvalidGameError(f"{parameter!r} is scanned; do not also fix it")
    spec = next(p for p in game.parameters if p.name == parameter)
    others = {p.name: p for p in game.parameters if p.name != parameter}
    point: dict[str, Any] = {}
    for name, p in others.items():
        if name in fixed:
            point[name] = p.validate(fixed[name])
        elif p.default is not None:
            point[name] = p.default
        else:
            raise InvalidGameError(
                f"parameter {name!r} has no default; fix it with fixed={{{name!r}: ...}}"
            )
    unknown = sorted(set(fixed) - set(others))
    if unknown:
        raise InvalidGameError(unknown_names("parameter", unknown, names))
    x = spec.symbol
    substitution = {
        others[n].symbol: sympy.nsimplify(v)
        if isinstance(v, float)
        else sympy.Rational(v.numerator, v.denominator)
        for n, v in point.items()
    }
    low, high = spec.domain if spec.domain is not None else (None, None)
    domain = sympy.Interval(
        -sympy.oo if low is None else sympy.Rational(str(low)),
        sympy.oo if high is None else sympy.Rational(str(high)),
    )
    differences, _ = _candidates(game)
    roots: dict[Any, Any] = {}
    reference = dict(substitution)

    def consider(value: Any, expression: Any) -> None:
        value = sympy.nsimplify(value) if isinstance(value, float) else sympy.sympify(value)
        if value.free_symbols or not value.is_real:
            return
        if value in domain:
            roots.setdefault(value, expression)

    for difference in differences:
        difference = sympy.sympify(difference)
        if x not in difference.free_symbols:
            continue
        for expression in real_roots(difference, x, reference):
            consider(sympy.simplify(sympy.sympify(expression).xreplace(substitution)), expression)
    # The verdict can change only where the set of subgame-perfect equilibria changes: the
    # shared thresholds engine finds those values for the subgame-perfect concept (exact
    # candidates from backward induction; for trees with information sets also a scan,
    # bisection and exact confirmation, since a subgame's mixed equilibrium value can cross
    # another option's payoff where no pure comparison predicts it).
    for item in _spe_thresholds(game, parameter, point, (low, high)):
        if item.value is None:
            continue
        if isinstance(item.value, Fraction):
            value = sympy.Rational(item.value.numerator, item.value.denominator)
        else:
            value = sympy.Float(float(item.value), 15)
        consider(value, item.expression if value.is_Rational else value)

    def check(value: Any) -> bool | None:
        try:
            numeric = game.at(**{parameter: _as_value(value)}, **point)
        except InvalidGameError:  # outside where the tree is defined (e.g. probability < 0)
            return None
        return _numeric_check(numeric, index, action)[0]

    ordered, status, pieces = _verdicts(sorted(roots, key=float), domain, check)
    region = sympy.Union(*pieces) if pieces else sympy.EmptySet
    found: list[Threshold] = []
    for r in ordered:
        left = next((ok for key, ok in status.items() if key[0] == "open" and key[2] == r), None)
        right = next((ok for key, ok in status.items() if key[0] == "open" and key[1] == r), None)
        if left == right and status.get(("point", r)) == left:
            continue
        if left is None or right is None:
            continue
        if left != right:
            change = (
                f"becomes credible as {parameter} rises past it"
                if right
                else f"stops being credible as {parameter} rises past it"
            )
        else:
            change = "changes credibility at this value"
        words = {True: "credible", False: "not credible"}
        found.append(
            Threshold(
                parameter,
                roots[r],
                _number(r),
                f"{player}'s threat to {threat} {change} ({parameter} = {roots[r]})"
                + (" (located numerically)" if isinstance(roots[r], sympy.Float) else ""),
                below=(words[left],),
                above=(words[right],),
                kind="pure",
                players=(player,),
            )
        )
    credible = None
    at_default = spec.default
    if at_default is not None:
        credible = check(
            sympy.Rational(str(at_default)) if isinstance(at_default, Fraction) else at_default
        )
    description = (
        f"{player}'s threat to {threat} at {', '.join(history) or 'root'} is credible "
        f"for {parameter} in {region}"
    )
    return CredibilityReport(
        history,
        player,
        threat,
        credible,
        0,
        0,
        0,
        region=region,
        parameter=parameter,
        thresholds=tuple(found),
        description=description,
    )
