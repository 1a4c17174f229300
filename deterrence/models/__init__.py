"""The scenario library: the essays' deterrence, friend-shoring, security-dilemma, trust and
sanctions models as ready, documented, parametric games.

Each model is a builder function registered under a short name; :func:`catalog` lists them and
:func:`get_model` returns the :class:`Model` specification (story, game kind, parameters with
meaning, domain and default, key parameter and key result). The scenario modules are imported
when first needed: ``get_model("denial")`` imports :mod:`deterrence.models.denial` alone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from deterrence._lazy import attach
from deterrence.exceptions import InvalidGameError, unknown_names
from deterrence.models._registry import REGISTRY, Model, register

if TYPE_CHECKING:
    import pandas as pd

#: Model name -> the scenario module (relative to this package) that registers it, in
#: registration order. ``get_model(name)`` imports that one module; :func:`catalog` imports
#: them all. A new scenario module adds its models here (tests/models/test_catalog.py checks
#: that the table names every registered model and its module).
_MODEL_MODULES = {
    "prisoners_dilemma": "classic",
    "stag_hunt": "classic",
    "chicken": "classic",
    "deadlock": "classic",
    "harmony": "classic",
    "battle_of_the_sexes": "classic",
    "matching_pennies": "classic",
    "offense_defense": "classic",
    "denial": "denial",
    "denial_sequential": "denial",
    "geopolitical_risk": "denial",
    "friend_shoring": "friend_shoring",
    "punishment": "punishment",
    "sanctions": "sanctions",
    "sanctions_firm": "sanctions",
    "sanctions_government": "sanctions",
    "security_dilemma": "security_dilemma",
    "security_dilemma_repeated": "security_dilemma",
    "swing_states": "security_dilemma",
    "trust": "trust",
    "trust_private": "trust",
    # registered after the essays' original scenarios, so the catalogue keeps its order
    "critical_minerals": "critical_minerals",
    "two_tier_supply_network": "critical_minerals",
    "supply_risk": "risk",
    "bloc_competition": "blocs",
    "punitive_signal": "signalling",
}
REGISTRY.declare({name: f"{__name__}.{module}" for name, module in _MODEL_MODULES.items()})

#: Builder and helper functions re-exported here -> the scenario module defining them,
#: imported on first use (PEP 562) like the scenario modules themselves.
_EXPORTS = {
    "battle_of_the_sexes": "classic",
    "chicken": "classic",
    "classify_symmetric_game": "classic",
    "deadlock": "classic",
    "harmony": "classic",
    "matching_pennies": "classic",
    "offense_defense": "classic",
    "prisoners_dilemma": "classic",
    "stag_hunt": "classic",
    "deterrence_by_denial": "denial",
    "geopolitical_risk": "denial",
    "sequential_denial": "denial",
    "friend_shoring_commitment": "friend_shoring",
    "friend_shoring_normal_form": "friend_shoring",
    "institutionalisation_effect": "friend_shoring",
    "compare_postures": "punishment",
    "deterrence_by_punishment": "punishment",
    "firm_switching_thresholds": "sanctions",
    "reshoring_subsidy_thresholds": "sanctions",
    "sanctions_and_reshoring": "sanctions",
    "sourcing_under_controls": "sanctions",
    "classify_security_dilemma": "security_dilemma",
    "economic_security_dilemma": "security_dilemma",
    "repeated_security_dilemma": "security_dilemma",
    "security_dilemma_repeated_game": "security_dilemma",
    "swing_states": "security_dilemma",
    "tipping_point": "security_dilemma",
    "cooperation_region": "trust",
    "kydd_bayesian_game": "trust",
    "posterior_trust": "trust",
    "trust_threshold": "trust",
    "trust_through_supply_chains": "trust",
    "bloc_competition": "blocs",
    "courting_race": "blocs",
    "punitive_message": "signalling",
    "punitive_signal": "signalling",
}
__getattr__, __dir__, _ = attach(__name__, _EXPORTS)

__all__ = [
    # the catalogue
    "Model",
    "catalog",
    "get_model",
    "register",
    # scenario modules
    "blocs",
    "classic",
    "critical_minerals",
    "denial",
    "friend_shoring",
    "punishment",
    "risk",
    "sanctions",
    "security_dilemma",
    "signalling",
    "supply_network",
    "trust",
    # builders
    "deterrence_by_denial",
    "sequential_denial",
    "geopolitical_risk",
    "deterrence_by_punishment",
    "friend_shoring_commitment",
    "friend_shoring_normal_form",
    "economic_security_dilemma",
    "repeated_security_dilemma",
    "security_dilemma_repeated_game",
    "swing_states",
    "trust_through_supply_chains",
    "kydd_bayesian_game",
    "sanctions_and_reshoring",
    "sourcing_under_controls",
    "prisoners_dilemma",
    "stag_hunt",
    "chicken",
    "deadlock",
    "harmony",
    "battle_of_the_sexes",
    "matching_pennies",
    "offense_defense",
    "punitive_signal",
    "bloc_competition",
    # interpreting results
    "classify_symmetric_game",
    "classify_security_dilemma",
    "compare_postures",
    "institutionalisation_effect",
    "firm_switching_thresholds",
    "reshoring_subsidy_thresholds",
    "tipping_point",
    "posterior_trust",
    "trust_threshold",
    "cooperation_region",
    "punitive_message",
    "courting_race",
]


def catalog() -> pd.DataFrame:
    """The registered models, one row each.

    Returns
    -------
    pandas.DataFrame
        Columns ``name``, ``story``, ``kind``, ``parameters`` (comma-separated names),
        ``key_parameter`` and ``key_result``; the essays' scenarios first, then the classic
        games.

    Notes
    -----
    The table is built from the registry each call, so models registered later (with
    :func:`register`) appear too. Use :func:`get_model` for the full specification
    (parameters with domains and defaults, key result, references).

    Examples
    --------
    >>> table = catalog()
    >>> "denial" in set(table["name"])
    True
    >>> list(table.columns)
    ['name', 'story', 'kind', 'parameters', 'key_parameter', 'key_result']
    """
    import pandas as pd

    ordered = sorted(
        REGISTRY.values(),
        key=lambda model: model.builder.__module__.endswith(".classic"),
    )
    rows = [
        {
            "name": model.name,
            "story": model.story,
            "kind": model.kind,
            "parameters": ", ".join(model.parameter_names),
            "key_parameter": model.key_parameter,
            "key_result": model.key_result,
        }
        for model in ordered
    ]
    return pd.DataFrame(
        rows, columns=["name", "story", "kind", "parameters", "key_parameter", "key_result"]
    )


def get_model(name: str) -> Model:
    """The registered model called ``name``.

    Parameters
    ----------
    name : str
        A name listed by :func:`catalog`, e.g. ``"denial"``.

    Returns
    -------
    Model

    Raises
    ------
    InvalidGameError
        If no model has that name (the message lists the names).

    Notes
    -----
    The returned :class:`Model` is frozen; ``model.build(**overrides)`` makes the game.

    Examples
    --------
    >>> get_model("denial").kind
    'normal form'
    >>> get_model("nothing")
    Traceback (most recent call last):
    ...
    deterrence.exceptions.InvalidGameError: unknown model 'nothing'; models are ...
    """
    if not isinstance(name, str) or name not in REGISTRY:  # a declared name imports its module
        raise InvalidGameError(unknown_names("model", [name], sorted(REGISTRY)))
    return REGISTRY[name]
