r"""The interface every solution concept implements for the analysis layer.

The analysis functions (:func:`~deterrence.analysis.thresholds`,
:func:`~deterrence.analysis.regimes`, :func:`~deterrence.analysis.track`,
:func:`~deterrence.analysis.sweep`, and the plots and reports built on them) are written once
against :class:`SolutionConcept`. A concept says, for the games it analyses:

1. **solve at a batch of points** (:meth:`SolutionConcept.solve_points`): the long table of
   a sweep, one row per (point, equilibrium);
2. **the structure at a point** (:meth:`SolutionConcept.structure_at`): a hashable summary of
   the equilibrium set; a regime is a region where it is constant;
3. **candidate change points** (:meth:`SolutionConcept.candidates`): exact expressions in a
   parameter where the structure *may* change (every payoff comparison the concept makes);
   the engine keeps those where solving on either side gives different structures;
4. **the words for a change** (:meth:`SolutionConcept.describe`): what switches and what
   happens to the equilibria, in sentences.

Plus the labels of a structure's equilibria (:meth:`SolutionConcept.labels`) and how each
reads in the analyst's words when the game declares :class:`~deterrence.games.Outcomes`
(:meth:`SolutionConcept.plays`).

A game declares the concept that answers questions about it as the class attribute
``solution_concept`` (a plain name, so that :mod:`deterrence.games` imports nothing from
here); ``concept="auto"`` uses it. A new concept is a subclass registered with
:func:`register_concept`; nothing in the analysis functions changes.
"""

from __future__ import annotations

import abc
import dataclasses
import hashlib
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np
import sympy

from deterrence.exceptions import InvalidGameError, unknown_names

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "SolutionConcept",
    "Change",
    "register_concept",
    "unregister_concept",
    "get_concept",
    "concept_names",
    "fixed_values",
    "Structure",
]

#: The equilibrium structure at a point: any hashable summary of the equilibrium set (a
#: concept's own; equal structures mean the same regime).
Structure = Any

#: A candidate critical value: an expression in the moving parameter (and the free ones)
#: and a dict saying where it comes from (``info["kind"]`` is ``"pure"`` or ``"mixed"``;
#: ``info["numeric"]`` marks a value located in floats).
Candidate = tuple[sympy.Expr, dict]


@dataclasses.dataclass(frozen=True)
class Change:
    """What happens across a threshold, in words (returned by
    :meth:`SolutionConcept.describe`).

    Attributes
    ----------
    clauses : tuple of str
        What switches ("the defender's choice after challenge is retaliate (rather than
        concede)").
    change : str
        What happens to the equilibria ("(status quo, retaliate) becomes the unique
        subgame-perfect equilibrium").
    below, above : tuple of str
        The equilibria just below and just above.
    players : tuple of str
        The players whose choices change.

    Examples
    --------
    >>> Change(("x switches",), "(a) becomes the unique equilibrium", ("(b)",), ("(a)",),
    ...        ("p",)).players
    ('p',)
    """

    clauses: tuple[str, ...]
    change: str
    below: tuple[str, ...]
    above: tuple[str, ...]
    players: tuple[str, ...] = ()


class SolutionConcept(abc.ABC):
    """A solution concept, as the analysis layer needs it (see the module docstring).

    Subclasses set ``name`` (and optionally ``aliases``, ``singular``, ``plural``,
    ``title``, ``methods``) and implement the abstract methods. Instances are
    stateless; one instance per concept is registered.

    Examples
    --------
    >>> from deterrence.analysis.concepts import get_concept
    >>> from deterrence.games import NormalFormGame
    >>> concept = get_concept(NormalFormGame.from_matrices([[1]], [[1]]))
    >>> concept.name, concept.title
    ('nash', 'Nash equilibria')
    """

    #: Registry name, e.g. ``"subgame_perfect"``.
    name: ClassVar[str] = ""
    #: Other names accepted by ``concept=``.
    aliases: ClassVar[tuple[str, ...]] = ()
    #: Noun phrases used in sentences ("... becomes the unique equilibrium").
    singular: ClassVar[str] = "equilibrium"
    plural: ClassVar[str] = "equilibria"
    #: What the concept is called in reports and figure titles.
    title: ClassVar[str] = "equilibria"
    #: The ``method=`` values the concept understands (``"auto"`` first).
    methods: ClassVar[tuple[str, ...]] = ("auto",)

    # ------------------------------------------------------------------ the game
    @abc.abstractmethod
    def prepare(self, game: Any) -> Any:
        """The game in the form this concept analyses (validated; a clear error if the
        concept does not apply to it)."""

    def fix(self, game: Any, values: Mapping[str, Any]) -> Any:
        """The prepared game with some parameters fixed (others stay symbolic)."""
        return game.substitute(**values) if values else game

    def resolve_method(self, game: Any, method: str) -> str:
        """What ``method`` means for this game (``"auto"``: see :mod:`deterrence.solvers.api`).

        Raises
        ------
        InvalidGameError
            For a method the concept does not offer.
        """
        if method not in self.methods:
            raise InvalidGameError(
                f"method {method!r} is not available for {self.title}; choose from "
                f"{list(self.methods)}"
            )
        return method

    def nouns(self, method: str) -> tuple[str, str]:
        """Singular and plural nouns for the equilibria that ``method`` finds."""
        if method == "pure":
            return f"pure {self.singular}", f"pure {self.plural}"
        return self.singular, self.plural

    def describe_method(self, method: str) -> str:
        """A note for reports when ``method`` restricts the equilibria sought ("" if not)."""
        return "pure equilibria only" if method == "pure" else ""

    def fingerprint(self, game: Any) -> str:
        """A digest that changes whenever the game does (sweep checkpoints)."""
        return hashlib.sha256(repr((self.name, game_text(game))).encode()).hexdigest()

    def needs_scan(self, game: Any) -> bool:
        """Whether :meth:`candidates` may miss changes, so that the engine should also scan
        every interval between candidates (numerically, with exact confirmation)."""
        return False

    def structure_at_exact(
        self, game: Any, point: Mapping[str, Any], *, method: str
    ) -> Structure | None:
        """The structure at one point given exactly (fractions), or ``None`` when the
        concept solves in floats only (used to confirm thresholds found by a scan)."""
        return None

    # ------------------------------------------------------------------ the four operations
    @abc.abstractmethod
    def solve_points(
        self,
        game: Any,
        values: Mapping[str, np.ndarray],
        *,
        method: str,
        tol: float = 1e-9,
        fast: bool | None = None,
        options: Mapping[str, Any] | None = None,
    ) -> pd.DataFrame:
        """The long table at a batch of points (one chunk of a sweep).

        Columns: the parameters, ``equilibrium`` (index within the point), one column
        ``"player:strategy"`` per probability, ``"payoff:player"`` per player, ``is_pure``,
        ``profile`` (the raw label) and ``outcome`` (the analyst's words where the game
        declares them, else the raw label), plus any columns of the concept's own.
        ``attrs["players"]`` maps each player to its probability columns.
        """

    @abc.abstractmethod
    def structure_at(self, game: Any, values: Mapping[str, Any], *, method: str) -> list[Structure]:
        """The equilibrium structure at each point of a batch (missing parameters take
        their defaults)."""

    @abc.abstractmethod
    def candidates(
        self,
        game: Any,
        variable: sympy.Symbol,
        reference: Mapping[sympy.Symbol, sympy.Expr],
        domain: tuple[Any, Any],
        *,
        method: str,
    ) -> list[Candidate]:
        """Every candidate critical expression of ``variable`` with where it came from."""

    @abc.abstractmethod
    def describe(
        self,
        game: Any,
        parameter: str,
        group: Sequence[tuple[Any, sympy.Expr, dict]],
        below: Structure,
        above: Structure,
        probe: float,
        reference: Mapping[sympy.Symbol, sympy.Expr],
        method: str,
    ) -> Change:
        """The words for a change across a threshold (``group``: the candidates located
        there as ``(value, expression, info)``; ``probe``: a value just above)."""

    @abc.abstractmethod
    def labels(self, game: Any, structure: Structure) -> tuple[str, ...]:
        """The raw label of every equilibrium of a structure, e.g. ``"(refrain, share)"``."""

    def plays(self, game: Any, structure: Structure) -> tuple[Mapping[str, str | None], ...]:
        """What each equilibrium of a structure has each player do, for
        :meth:`deterrence.games.Outcomes.read` (default: nothing known)."""
        return tuple({} for _ in self.labels(game, structure))

    def outcomes(self, game: Any, structure: Structure) -> tuple[str, ...]:
        """Each equilibrium of a structure in the analyst's words (the game's declared
        :class:`~deterrence.games.Outcomes`), else its raw label."""
        labels = self.labels(game, structure)
        reading = getattr(game, "outcomes", None)
        if reading is None:
            return labels
        return tuple(
            reading.read(play) or label for play, label in zip(self.plays(game, structure), labels)
        )

    def phrases(self, game: Any, structure: Structure) -> tuple[str, ...]:
        """The equilibria of a structure as sentences name them: the analyst's words in
        quotes where declared (each once), else the raw labels."""
        labels = self.labels(game, structure)
        if getattr(game, "outcomes", None) is None:
            return labels
        words = self.outcomes(game, structure)
        return tuple(
            dict.fromkeys(f'"{w}"' if w != label else label for w, label in zip(words, labels))
        )

    def __repr__(self) -> str:
        return f"<solution concept {self.name!r}: {self.title}>"


def game_text(game: Any) -> str:
    """A text that changes whenever a game does (for fingerprints)."""
    parts: list[Any] = [type(game).__name__, getattr(game, "title", "")]
    for attribute in ("players", "strategies", "num_players"):
        parts.append(getattr(game, attribute, None))
    parameters = getattr(game, "parameters", ()) or ()
    parts.append(
        [
            (
                getattr(p, "name", p),
                str(getattr(p, "default", None)),
                str(getattr(p, "domain", None)),
            )
            for p in parameters
        ]
    )
    payoffs = getattr(game, "payoffs", None)
    if payoffs is not None:
        parts.append([str(e) for e in np.asarray(payoffs, dtype=object).reshape(-1)])
    else:
        parts.append(repr(game))
    outcomes = getattr(game, "outcomes", None)
    parts.append(repr(outcomes))
    return repr(parts)


# ---------------------------------------------------------------------- the registry
_REGISTRY: dict[str, SolutionConcept] = {}
_ALIASES: dict[str, str] = {}


def register_concept(concept: SolutionConcept) -> SolutionConcept:
    """Make a solution concept available to every analysis function by name.

    Parameters
    ----------
    concept : SolutionConcept
        An instance; its ``name`` and ``aliases`` become valid ``concept=`` values.

    Returns
    -------
    SolutionConcept
        The same instance.

    Raises
    ------
    InvalidGameError
        If the name or an alias is already taken by another concept.

    Examples
    --------
    >>> from deterrence.analysis.concepts import NashConcept
    >>> class PureNash(NashConcept):
    ...     name, aliases, methods = "pure_nash", (), ("pure",)
    ...     def resolve_method(self, game, method):
    ...         return "pure"
    >>> register_concept(PureNash()).name
    'pure_nash'
    >>> "pure_nash" in concept_names()
    True
    >>> unregister_concept("pure_nash")  # leave the library as it was
    """
    if not isinstance(concept, SolutionConcept) or not concept.name:
        raise InvalidGameError(
            f"register_concept needs a SolutionConcept instance with a name, got {concept!r}"
        )
    for key in (concept.name, *concept.aliases):
        owner = _ALIASES.get(key)
        if owner is not None and type(_REGISTRY[owner]) is not type(concept):
            raise InvalidGameError(f"solution concept name {key!r} is already registered")
    _REGISTRY[concept.name] = concept
    for key in (concept.name, *concept.aliases):
        _ALIASES[key] = concept.name
    return concept


def unregister_concept(name: str) -> None:
    """Remove a registered solution concept (and its aliases) by name.

    Parameters
    ----------
    name : str
        The concept's name (not an alias).

    Raises
    ------
    InvalidGameError
        If no concept of that name is registered.

    Examples
    --------
    >>> from deterrence.analysis.concepts import NashConcept
    >>> class Trial(NashConcept):
    ...     name, aliases = "trial_concept", ("trial",)
    >>> _ = register_concept(Trial())
    >>> unregister_concept("trial_concept")
    >>> "trial_concept" in concept_names()
    False
    """
    concept = _REGISTRY.pop(name, None)
    if concept is None:
        raise InvalidGameError(f"no solution concept named {name!r} is registered")
    for key in (concept.name, *concept.aliases):
        if _ALIASES.get(key) == name:
            del _ALIASES[key]


def concept_names() -> tuple[str, ...]:
    """The registered solution concepts' names.

    Examples
    --------
    >>> {"nash", "subgame_perfect", "anonymous"} <= set(concept_names())
    True
    """
    return tuple(_REGISTRY)


def get_concept(game: Any = None, concept: str | SolutionConcept = "auto") -> SolutionConcept:
    """The solution concept that answers questions about ``game``.

    Parameters
    ----------
    game : game, optional
        Needed for ``"auto"``: the game's class declares its concept as the attribute
        ``solution_concept`` (``"nash"`` for strategic forms, ``"subgame_perfect"`` for
        trees, ``"bayesian_nash"``, ``"perfect_bayesian"``, ``"anonymous"``); a game without
        one that offers ``to_normal_form()`` is analysed as Nash of that strategic form.
    concept : str or SolutionConcept, default "auto"
        A registered name or alias, or an instance.

    Returns
    -------
    SolutionConcept

    Raises
    ------
    InvalidGameError
        Unknown name, or ``"auto"`` for an object that is not a game.

    Examples
    --------
    >>> from deterrence.games.extensive import ExtensiveFormGame, decision, terminal
    >>> tree = ExtensiveFormGame.build(players=("a", "b"), root=decision("a", {
    ...     "x": terminal(1, 0), "y": terminal(0, 1)}))
    >>> get_concept(tree).name, get_concept(tree, "nash").name, get_concept(tree, "spe").name
    ('subgame_perfect', 'nash', 'subgame_perfect')
    """
    if isinstance(concept, SolutionConcept):
        return concept
    if not isinstance(concept, str):
        raise InvalidGameError(
            f"concept must be a name or a SolutionConcept, got {type(concept).__name__}"
        )
    if concept == "auto":
        declared = getattr(type(game), "solution_concept", None)
        if declared is None:
            if callable(getattr(game, "to_normal_form", None)):
                declared = "nash"
            else:
                raise InvalidGameError(
                    f"cannot analyse a {type(game).__name__}: expected a game (normal form, "
                    "parametric, tree, Bayesian, signalling or anonymous) or an object with "
                    "to_normal_form()"
                )
        concept = declared
    key = _ALIASES.get(concept)
    if key is None:
        raise InvalidGameError(
            f"unknown solution concept {concept!r}; choose 'auto' or one of {sorted(_ALIASES)}"
        )
    return _REGISTRY[key]


def fixed_values(
    game: Any, fixed: Mapping[str, Any] | str | None, varying: Sequence[str] = ()
) -> dict[str, Any]:
    """The ``fixed=`` argument of every analysis function, as a dict of values.

    Parameters
    ----------
    game : game with parameters
    fixed : mapping, "defaults" or None
        Values of parameters held fixed; ``"defaults"`` fixes every parameter with a default
        that is not varying; a mapping may contain the key ``"defaults"`` mapped to ``True``
        to combine both (explicit values win).
    varying : sequence of str
        The parameters being varied (they may not be fixed).

    Returns
    -------
    dict

    Raises
    ------
    InvalidGameError
        Unknown names, a varying parameter fixed, or a bad ``fixed`` value.

    Examples
    --------
    >>> from deterrence.games import Parameter, ParametricGame
    >>> game = ParametricGame([["a*b*c"]], [Parameter("a", default=1), "b",
    ...                                     Parameter("c", default=3)])
    >>> fixed_values(game, "defaults", ["a"])
    {'c': Fraction(3, 1)}
    >>> fixed_values(game, {"defaults": True, "b": 2}, ["a"])
    {'c': Fraction(3, 1), 'b': 2}
    """
    names = tuple(getattr(game, "parameter_names", ()) or ())
    if fixed is None:
        out: dict[str, Any] = {}
    elif isinstance(fixed, str):
        if fixed != "defaults":
            raise InvalidGameError(
                f"fixed={fixed!r}; expected a mapping of parameter values or 'defaults'"
            )
        out = {"defaults": True}
    elif isinstance(fixed, Mapping):
        out = dict(fixed)
    else:
        raise InvalidGameError(
            f"fixed must be a mapping of parameter values or 'defaults', got {type(fixed).__name__}"
        )
    use_defaults = out.pop("defaults", False)
    if use_defaults not in (True, False):
        raise InvalidGameError("fixed={'defaults': ...} must be True or False")
    unknown = sorted(set(out) - set(names))
    if unknown:
        raise InvalidGameError("fixed= names an " + unknown_names("parameter", unknown, names))
    clash = sorted(set(out) & set(varying))
    if clash:
        which = clash[0] if len(clash) == 1 else clash
        raise InvalidGameError(f"fixed= names {which!r}, the parameter being varied")
    if use_defaults:
        defaults = {
            p.name: p.default
            for p in getattr(game, "parameters", ())
            if p.default is not None and p.name not in varying and p.name not in out
        }
        out = {**defaults, **out}
    return out
