"""The model registry: the :class:`Model` specification and the :func:`register` decorator.

Every scenario module decorates its builder function with :func:`register`; the catalogue
(:func:`deterrence.models.catalog`) and :func:`deterrence.models.get_model` read the registry.
:mod:`deterrence.models` declares which module registers each of its models, so looking one
model up imports that module alone and listing them all imports every scenario module.
"""

from __future__ import annotations

import dataclasses
import importlib
import types
from collections.abc import Callable, Iterator, Mapping, MutableMapping, Sequence
from typing import TYPE_CHECKING, Any

from deterrence.exceptions import InvalidGameError, did_you_mean, unknown_names
from deterrence.games.outcomes import Outcomes

if TYPE_CHECKING:  # sympy (0.6 s) loads with the first model module, not with the registry
    from deterrence.games.parametric import Parameter

__all__ = ["Model", "ModelRegistry", "Preset", "register", "REGISTRY", "with_defaults"]


class ModelRegistry(MutableMapping[str, "Model"]):
    """Registered models by name; a declared model's module is imported when it is needed.

    A mapping ``name -> Model``. :meth:`declare` records which module registers a model:
    looking that model up (``registry[name]``, ``name in registry``) imports the module if it
    has not been imported yet, and listing the models (iteration, ``len``) imports every
    declared module first. Models iterate in declaration order, then the models registered by
    other code (:func:`register`) in the order they were registered.

    Notes
    -----
    The scenario modules need sympy, and some of them pandas or scipy; declaring them instead
    of importing them means ``get_model("denial")`` pays for one module, not for all of them.

    Examples
    --------
    >>> from deterrence.models import REGISTRY
    >>> REGISTRY["denial"].kind
    'normal form'
    >>> "nothing" in REGISTRY
    False
    >>> list(REGISTRY)[:2]
    ['prisoners_dilemma', 'stag_hunt']
    """

    def __init__(self) -> None:
        self._models: dict[str, Model] = {}
        self._modules: dict[str, str] = {}

    def declare(self, modules: Mapping[str, str]) -> None:
        """Record which module registers each model.

        Parameters
        ----------
        modules : mapping of str to str
            Model name -> the full name of the module whose import registers it, in the
            order the models should be listed.

        Examples
        --------
        >>> ModelRegistry().declare({"denial": "deterrence.models.denial"})
        """
        self._modules.update(modules)

    @property
    def declared(self) -> Mapping[str, str]:
        """Model name -> the module declared to register it (a read-only view).

        Examples
        --------
        >>> from deterrence.models import REGISTRY
        >>> REGISTRY.declared["denial"]
        'deterrence.models.denial'
        """
        return types.MappingProxyType(self._modules)

    def __getitem__(self, name: str) -> Model:
        if name not in self._models and name in self._modules:
            importlib.import_module(self._modules[name])
        return self._models[name]

    def __setitem__(self, name: str, model: Model) -> None:
        self._models[name] = model

    def __delitem__(self, name: str) -> None:
        del self._models[name]

    def __iter__(self) -> Iterator[str]:
        self._import_declared()
        rank = {name: index for index, name in enumerate(self._modules)}
        return iter(sorted(self._models, key=lambda name: rank.get(name, len(rank))))

    def __len__(self) -> int:
        self._import_declared()
        return len(self._models)

    def _import_declared(self) -> None:
        for module in dict.fromkeys(self._modules.values()):
            importlib.import_module(module)

    def __repr__(self) -> str:
        return f"ModelRegistry({list(self)})"


#: Registered models by name (:mod:`deterrence.models` declares its scenario modules).
REGISTRY = ModelRegistry()


def with_defaults(
    parameters: tuple[Parameter, ...], overrides: Mapping[str, Any], model: str
) -> tuple[Parameter, ...]:
    """Return ``parameters`` with the defaults named in ``overrides`` replaced.

    Parameters
    ----------
    parameters : tuple of Parameter
        The model's declared parameters.
    overrides : mapping
        ``{name: new default}``; every name must be a declared parameter.
    model : str
        The model's name, for error messages.

    Returns
    -------
    tuple of Parameter
        New parameters (validated: a default outside the domain is an error).

    Raises
    ------
    InvalidGameError
        If a name is not a parameter of the model or a value lies outside its domain.

    Notes
    -----
    Parameters are frozen dataclasses: new ones are made with ``dataclasses.replace`` and
    validated again.

    Examples
    --------
    >>> from deterrence.games.parametric import Parameter
    >>> params = (Parameter("cost", default=1, domain=(0, None)),)
    >>> with_defaults(params, {"cost": "5/2"}, "example")[0].default
    Fraction(5, 2)
    """
    names = [p.name for p in parameters]
    unknown = sorted(set(overrides) - set(names))
    if unknown:
        hints = [h for h in (did_you_mean(name, names) for name in unknown) if h is not None]
        hint = f" (did you mean {', '.join(map(repr, dict.fromkeys(hints)))}?)" if hints else ""
        raise InvalidGameError(
            f"model {model!r} has no parameter(s) {unknown}{hint}; its parameters are {names}"
        )
    return tuple(
        dataclasses.replace(p, default=overrides[p.name]) if p.name in overrides else p
        for p in parameters
    )


@dataclasses.dataclass(frozen=True)
class Preset:
    """A named set of parameter values grounded in a real arrangement.

    Parameters
    ----------
    name : str
        Short name used by ``Model.build(preset=...)`` and ``deterrence analyze MODEL
        --preset NAME``, e.g. ``"ipef"``.
    title : str
        What the preset stands for, e.g. ``"IPEF Supply Chain Agreement (in force 24 Feb
        2024)"``.
    values : mapping
        ``{parameter: value}``; the model's defaults fill the rest.
    justification : str
        Why each value: the public facts (with dates and sources) and the judgement calls,
        named as such.

    Notes
    -----
    A preset is data, validated when a model declares it (every name must be a parameter).

    Examples
    --------
    >>> from deterrence.models import get_model
    >>> preset = get_model("denial").presets["ipef"]
    >>> preset.values["credibility"]
    Fraction(1, 2)
    """

    name: str
    title: str
    values: Mapping[str, Any]
    justification: str = ""


@dataclasses.dataclass(frozen=True)
class Model:
    """The specification of one scenario model.

    Parameters
    ----------
    name : str
        The registry name, e.g. ``"denial"`` (used by ``deterrence analyze NAME``).
    story : str
        One line: who plays, what they choose, what is at stake.
    kind : str
        The game kind: ``"normal form"``, ``"extensive form"``, ``"anonymous"``,
        ``"repeated"``, ``"bayesian"`` or ``"network"`` (a game on a graph, each edge a
        bimatrix game: :meth:`build` returns its strategic form as a
        :class:`~deterrence.games.ParametricGame`, so every analysis applies, and the model's
        own functions give the :class:`~deterrence.games.polymatrix.PolymatrixGame`).
    builder : callable
        ``builder(**overrides)`` returns the game; overrides are new parameter defaults (and,
        for some models, structural options such as the number of partners).
    parameters : tuple of Parameter
        Every parameter with its meaning (``description``), domain and default.
    key_parameter : str
        The parameter analysts sweep first (e.g. ``"credibility"``).
    key_result : str
        The model's key result as a formula in words.
    essay_argument : str
        The argument of the essays the model formalises.
    references : tuple of str
        The literature the model rests on.
    key_range : tuple (low, high), optional
        The interval of the key parameter worth analysing (regime maps, sweeps); defaults to
        the key parameter's domain, and must be given when that domain is unbounded.
    structural : tuple of str, optional
        Parameters that fix the *shape* of the game (the number of partners of an
        anonymous game, a quorum) rather than its payoffs: :meth:`build` takes them, but
        the built game does not declare them, so they are not swept or analysed as
        thresholds; :meth:`split` separates them from the analysable ones.
    outcomes : Outcomes, optional
        How the model's equilibria read in the analyst's words ("coercion deterred");
        :meth:`build` attaches them to the game (``game.outcomes``), so regime maps, sweeps,
        reports and plots use them.
    classifier : callable, optional
        ``classifier(game_at_point) -> str`` naming what kind of game the model is at a
        point ("prisoner's dilemma", "stag hunt"), for models whose parameters move it
        between classic games; :meth:`classify` calls it.
    presets : mapping of str to Preset, optional
        Named parameter sets grounded in real arrangements (``build(preset=name)``).
    sections : callable, optional
        ``sections(**values) -> {heading: lines}``: what the model adds to its report at a
        parameter point (``values`` holds every parameter), e.g. a network model's cut
        effects; :meth:`report_sections` calls it and
        :func:`~deterrence.report.analyze` prints it.
    coalition : callable, optional
        ``coalition(**values) -> CoalitionalGame``: the model's own cooperative game at a
        parameter point (``values`` holds every parameter), e.g. the coercion damage each
        coalition of partners denies when its members share capacity;
        :meth:`coalition_game` returns it and :meth:`report_sections` adds an
        "Indispensability" section (Shapley value, Banzhaf index, core, who the coalition
        cannot do without). Without it, :meth:`coalition_game` derives the alpha
        characteristic function of the model's strategic form.

    Raises
    ------
    InvalidGameError
        If the key parameter is not a parameter of the model (or is structural), or
        ``key_range`` is missing for an unbounded key parameter, lies outside its domain or
        is empty.

    Notes
    -----
    A model is a specification, not a game: :meth:`build` returns a fresh, immutable game
    each time, so analyses never share state.

    Examples
    --------
    >>> from deterrence.models import get_model
    >>> model = get_model("denial")
    >>> model.key_parameter
    'credibility'
    >>> model.build(credibility="9/10").at().payoff_matrix("coercer")[0, 0] < 0
    True
    """

    name: str
    story: str
    kind: str
    builder: Callable[..., Any]
    parameters: tuple[Parameter, ...]
    key_parameter: str
    key_result: str
    essay_argument: str = ""
    references: tuple[str, ...] = ()
    key_range: tuple[Any, Any] | None = None
    structural: tuple[str, ...] = ()
    outcomes: Outcomes | None = None
    classifier: Callable[[Any], str] | None = None
    presets: Mapping[str, Preset] = dataclasses.field(default_factory=dict)
    sections: Callable[..., Mapping[str, Sequence[str]]] | None = None
    coalition: Callable[..., Any] | None = None

    def __post_init__(self) -> None:
        names = [p.name for p in self.parameters]
        for label, preset in self.presets.items():
            unknown = sorted(set(preset.values) - set(names))
            if label != preset.name or unknown:
                raise InvalidGameError(
                    f"model {self.name!r}: preset {label!r} is named {preset.name!r} or sets "
                    f"unknown parameters {unknown}; its parameters are {names}"
                )
        if self.outcomes is not None and not isinstance(self.outcomes, Outcomes):
            raise InvalidGameError(
                f"model {self.name!r}: outcomes is {self.outcomes!r}; expected an Outcomes "
                "object or None"
            )
        for hook in ("classifier", "sections", "coalition"):
            value = getattr(self, hook)
            if value is not None and not callable(value):
                raise InvalidGameError(
                    f"model {self.name!r}: {hook} must be callable, got {value!r}"
                )
        object.__setattr__(self, "structural", tuple(self.structural))
        unknown = sorted(set(self.structural) - set(names))
        if unknown:
            raise InvalidGameError(
                f"model {self.name!r}: structural parameters {unknown} are not among its "
                f"parameters {names}"
            )
        if self.key_parameter in self.structural:
            raise InvalidGameError(
                f"model {self.name!r}: the key parameter {self.key_parameter!r} cannot be "
                "structural"
            )
        if self.key_parameter not in names:
            raise InvalidGameError(
                f"model {self.name!r}: key parameter {self.key_parameter!r} is not one of its "
                f"parameters {names}"
            )
        key = self.parameters[names.index(self.key_parameter)]
        if self.key_range is None:
            if key.domain is None or None in key.domain:
                raise InvalidGameError(
                    f"model {self.name!r}: key parameter {key.name!r} has the unbounded domain "
                    f"{key.domain_text()}; give key_range=(low, high)"
                )
            object.__setattr__(self, "key_range", tuple(key.domain))
        else:
            low, high = (key.validate(end) for end in self.key_range)
            if not low < high:
                raise InvalidGameError(
                    f"model {self.name!r}: key_range {self.key_range!r} must satisfy low < high"
                )
            object.__setattr__(self, "key_range", (low, high))

    @property
    def parameter_names(self) -> tuple[str, ...]:
        """The parameter names in declaration order."""
        return tuple(p.name for p in self.parameters)

    @property
    def defaults(self) -> dict[str, Any]:
        """``{name: default}`` of every parameter."""
        return {p.name: p.default for p in self.parameters}

    def split(self, values: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
        """Separate structural values (for :meth:`build`) from analysable ones.

        Parameters
        ----------
        values : mapping
            ``{parameter: value}``.

        Returns
        -------
        (dict, dict)
            The structural values and the others.

        Examples
        --------
        >>> from deterrence.models import get_model
        >>> get_model("friend_shoring").split({"num_partners": 7, "institutionalisation": 1})
        ({'num_partners': 7}, {'institutionalisation': 1})
        """
        structural = {k: v for k, v in values.items() if k in self.structural}
        return structural, {k: v for k, v in values.items() if k not in self.structural}

    def parameter(self, name: str) -> Parameter:
        """The parameter called ``name``.

        Parameters
        ----------
        name : str

        Returns
        -------
        Parameter

        Raises
        ------
        InvalidGameError
            If the model has no such parameter.

        Examples
        --------
        >>> from deterrence.models import get_model
        >>> get_model("denial").parameter("coverage").domain
        (Fraction(0, 1), Fraction(1, 1))
        """
        for p in self.parameters:
            if p.name == name:
                return p
        raise InvalidGameError(
            f"model {self.name!r} has no parameter {name!r}; its parameters are "
            f"{list(self.parameter_names)}"
        )

    def preset_values(self, name: str) -> dict[str, Any]:
        """The parameter values of the preset called ``name``.

        Parameters
        ----------
        name : str

        Returns
        -------
        dict

        Raises
        ------
        InvalidGameError
            If the model has no such preset (the message lists them).

        Examples
        --------
        >>> from deterrence.models import get_model
        >>> get_model("denial").preset_values("eu_imera")["institutionalisation"]
        Fraction(3, 5)
        """
        if name not in self.presets:
            have = ", ".join(self.presets) or "none"
            raise InvalidGameError(
                f"model {self.name!r} has no preset {name!r}; its presets are {have}"
            )
        return dict(self.presets[name].values)

    def build(self, preset: str | None = None, **overrides: Any) -> Any:
        """Build the model's game, with new parameter defaults where given.

        Parameters
        ----------
        preset : str, optional
            A name from :attr:`presets`: its values become the defaults (``overrides`` win).
        **overrides
            New defaults, e.g. ``credibility="9/10"``; some models also take structural
            options (documented on their builder function).

        Returns
        -------
        game
            A :class:`~deterrence.games.ParametricGame` or the game kind named by ``kind``,
            carrying the model's ``outcomes`` (``game.outcomes``).

        Raises
        ------
        InvalidGameError
            On unknown parameters or values outside a domain.

        Notes
        -----
        Overrides change the *defaults* of the returned game; the game stays parametric, so
        ``game.at(credibility=...)`` still varies any parameter.

        Examples
        --------
        >>> from deterrence.models import get_model
        >>> get_model("prisoners_dilemma").build().at().payoff_matrix(0).tolist()
        [[Fraction(3, 1), Fraction(0, 1)], [Fraction(5, 1), Fraction(1, 1)]]
        >>> get_model("denial").build().outcomes.labels[0]
        'coercion deterred'
        >>> get_model("denial").build(preset="ipef").resolve()["credibility"]
        Fraction(1, 2)
        """
        if preset is not None:
            overrides = {**self.preset_values(preset), **overrides}
        game = self.builder(**overrides)
        if self.outcomes is not None and getattr(game, "outcomes", None) is None:
            game = game.replace(outcomes=self.outcomes)
        return game

    def classify(self, **values: Any) -> str | None:
        """What kind of game the model is at a point (``None`` without a classifier).

        Parameters
        ----------
        **values
            Parameter values (structural ones included); defaults fill the rest.

        Returns
        -------
        str or None
            The classifier's answer, e.g. ``"stag hunt"``.

        Raises
        ------
        InvalidGameError
            On unknown parameters or values outside a domain.

        Examples
        --------
        >>> from deterrence.models import get_model
        >>> model = get_model("security_dilemma")
        >>> model.classify(), model.classify(security_gain=2)
        ("prisoner's dilemma", 'stag hunt')
        >>> get_model("denial").classify() is None
        True
        """
        if self.classifier is None:
            return None
        structural, rest = self.split(values)
        return self.classifier(self.build(**structural).at(**rest))

    def report_sections(self, **values: Any) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """What the model adds to its report at a point: its ``sections``, then, for a model
        that declares a ``coalition`` game, an "Indispensability" section
        (:func:`~deterrence.solvers.cooperative.coalition_summary`); empty without either.

        Parameters
        ----------
        **values
            Parameter values (structural ones included); defaults fill the rest.

        Returns
        -------
        tuple of (str, tuple of str)
            ``(heading, lines)`` pairs, in the model's order.

        Raises
        ------
        InvalidGameError
            On unknown parameters or values outside a domain.

        Examples
        --------
        >>> from deterrence.models import get_model
        >>> heading, lines = get_model("two_tier_supply_network").report_sections()[0]
        >>> heading.split(" (")[0]
        'Cut effects'
        >>> get_model("denial").report_sections()
        ()
        >>> get_model("critical_minerals").report_sections()[0][0]
        'Indispensability (critical-minerals damage denial)'
        """
        point = self._point(values)
        sections = tuple(
            (str(heading), tuple(str(line) for line in lines))
            for heading, lines in (self.sections(**point) if self.sections else {}).items()
        )
        if self.coalition is None:
            return sections
        from deterrence.solvers.cooperative import coalition_summary

        game = self.coalition_game(**point)
        heading = "Indispensability (" + (game.title or "the model's coalitional game") + ")"
        return (*sections, (heading, coalition_summary(game)))

    def _point(self, values: Mapping[str, Any]) -> dict[str, Any]:
        """Every parameter's value (validated; defaults fill the gaps)."""
        unknown = sorted(set(values) - set(self.parameter_names))
        if unknown:
            raise InvalidGameError(unknown_names("parameter", unknown, self.parameter_names))
        return {p.name: p.validate(values.get(p.name, p.default)) for p in self.parameters}

    def coalition_game(self, **values: Any) -> Any:
        """The model's cooperative game at a point: what each coalition of players is worth.

        Parameters
        ----------
        **values
            Parameter values (structural ones included); defaults fill the rest.

        Returns
        -------
        CoalitionalGame
            The model's declared ``coalition`` derivation; otherwise the alpha (maxmin)
            characteristic function of its game at the point
            (:func:`~deterrence.solvers.characteristic.characteristic_function`), for any
            model whose game there is a small strategic form or converts to one.

        Raises
        ------
        InvalidGameError
            On unknown parameters or values outside a domain, or a model with neither a
            declared derivation nor a small strategic form (the message names the model and
            its kind).

        Examples
        --------
        >>> from deterrence.models import get_model
        >>> get_model("critical_minerals").coalition_game().value(["Japan", "Australia"])
        Fraction(7, 2)
        >>> [str(v) for v in get_model("prisoners_dilemma").coalition_game().exact_values]
        ['0', '1', '1', '6']
        """
        point = self._point(values)
        if self.coalition is not None:
            return self.coalition(**point)
        from deterrence.exceptions import UnsupportedGameError
        from deterrence.solvers.characteristic import characteristic_function

        structural, rest = self.split(point)
        try:
            return characteristic_function(self.build(**structural).at(**rest))
        except (InvalidGameError, UnsupportedGameError) as error:
            raise InvalidGameError(
                f"model {self.name!r} (kind {self.kind!r}) declares no coalitional game and "
                f"its characteristic function cannot be derived: {error}"
            ) from None

    def _repr_html_(self) -> str:
        """A card for Jupyter: story, parameters, key result and outcomes."""
        from deterrence.report import model_card_html

        return model_card_html(self)

    def describe(self) -> str:
        """A short plain-text description: story, parameters and key result.

        Returns
        -------
        str
            One line per parameter (domain, default, meaning) after the story and kind.

        Examples
        --------
        >>> from deterrence.models import get_model
        >>> print(get_model("denial").describe().splitlines()[0])
        denial: a coercer weighs restricting critical exports against a coalition ...
        """
        lines = [f"{self.name}: {self.story}", f"kind: {self.kind}", "parameters:"]
        for p in self.parameters:
            shape = (
                " [structural: fixed when the game is built]" if (p.name in self.structural) else ""
            )
            lines.append(
                f"  {p.name} in {p.domain_text()} (default {p.default}): {p.description}{shape}"
            )
        low, high = self.key_range if self.key_range is not None else (None, None)
        lines.append(f"key parameter: {self.key_parameter} (analysed over [{low}, {high}])")
        lines.append(f"key result: {self.key_result}")
        return "\n".join(lines)


def register(
    name: str,
    *,
    story: str,
    kind: str,
    parameters: tuple[Parameter, ...],
    key_parameter: str,
    key_result: str,
    essay_argument: str = "",
    references: tuple[str, ...] = (),
    key_range: tuple[Any, Any] | None = None,
    structural: tuple[str, ...] = (),
    outcomes: Outcomes | None = None,
    classifier: Callable[[Any], str] | None = None,
    presets: Sequence[Preset] = (),
    sections: Callable[..., Mapping[str, Sequence[str]]] | None = None,
    coalition: Callable[..., Any] | None = None,
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Decorator registering a builder function as the model ``name``.

    This is the public way to add a model of your own to the scenario library: import it as
    ``deterrence.models.register``. The registered model is listed by
    :func:`~deterrence.models.catalog`, returned by :func:`~deterrence.models.get_model`, and
    analysed by every tool that takes a model name.

    Parameters
    ----------
    name, story, kind, parameters, key_parameter, key_result, essay_argument, references
        As in :class:`Model`.
    key_range : tuple (low, high), optional
        As in :class:`Model`.
    structural : tuple of str, optional
        As in :class:`Model`.
    outcomes : Outcomes, optional
        As in :class:`Model`.
    classifier : callable, optional
        As in :class:`Model`.
    presets : sequence of Preset, optional
        The model's presets (:class:`Model` keys them by name).
    sections : callable, optional
        As in :class:`Model`.
    coalition : callable, optional
        As in :class:`Model`.

    Returns
    -------
    callable
        The decorator; it returns the builder unchanged (with ``builder.model`` set).

    Raises
    ------
    InvalidGameError
        If ``name`` is already registered by a different function.

    Notes
    -----
    Registration happens at import of the model's module. :mod:`deterrence.models` declares
    which of its scenario modules registers each model (``REGISTRY.declare``), so
    :func:`~deterrence.models.get_model` imports the one module it needs and
    :func:`~deterrence.models.catalog` imports them all.

    Examples
    --------
    >>> from deterrence.games import Parameter, ParametricGame
    >>> from deterrence.models import catalog, get_model, register
    >>> def entry_game(fight_cost=1):
    ...     cost = Parameter("fight_cost", default=fight_cost, domain=(0, 4),
    ...                      description="the incumbent's cost of fighting an entry")
    ...     return ParametricGame.from_matrices(
    ...         [[-1, 1], [0, 0]], [["2 - fight_cost", 0], [2, 2]], (cost,),
    ...         players=("entrant", "incumbent"),
    ...         strategies=(("enter", "stay out"), ("fight", "accommodate")))
    >>> entry_game = register(
    ...     "example_entry", story="an entrant weighs entering against a costly fight",
    ...     kind="normal form", parameters=entry_game().parameters, key_parameter="fight_cost",
    ...     key_result="the incumbent accommodates entry when fight_cost > 2",
    ...     references=("Selten (1978), The chain store paradox",))(entry_game)
    >>> "example_entry" in set(catalog()["name"])
    True
    >>> get_model("example_entry").build(fight_cost=3).resolve()
    {'fight_cost': Fraction(3, 1)}
    >>> del REGISTRY["example_entry"]  # only so that this example leaves the catalogue as it was
    """

    def decorator(builder: Callable[..., Any]) -> Callable[..., Any]:
        existing = REGISTRY.get(name)
        if existing is not None and existing.builder.__qualname__ != builder.__qualname__:
            raise InvalidGameError(f"model name {name!r} is registered twice")
        model = Model(
            name=name,
            story=story,
            kind=kind,
            builder=builder,
            parameters=tuple(parameters),
            key_parameter=key_parameter,
            key_result=key_result,
            essay_argument=essay_argument,
            references=tuple(references),
            key_range=key_range,
            structural=tuple(structural),
            outcomes=outcomes,
            classifier=classifier,
            presets={preset.name: preset for preset in presets},
            sections=sections,
            coalition=coalition,
        )
        REGISTRY[name] = model
        builder.model = model  # type: ignore[attr-defined]
        return builder

    return decorator
