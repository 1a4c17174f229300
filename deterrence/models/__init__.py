"""The scenario library: the essays' deterrence, friend-shoring, security-dilemma, trust and
sanctions models as ready, documented, parametric games.

Each model is a builder function registered under a short name; :func:`catalog` lists them and
:func:`get_model` returns the :class:`Model` specification (story, game kind, parameters with
meaning, domain and default, key parameter and key result).
"""

from __future__ import annotations

import pandas as pd

from deterrence.exceptions import InvalidGameError, unknown_names
from deterrence.models import (
    classic,
    denial,
    friend_shoring,
    punishment,
    sanctions,
    security_dilemma,
    trust,
)
from deterrence.models._registry import REGISTRY, Model, register
from deterrence.models.classic import (
    battle_of_the_sexes,
    chicken,
    classify_symmetric_game,
    deadlock,
    harmony,
    matching_pennies,
    offense_defense,
    prisoners_dilemma,
    stag_hunt,
)
from deterrence.models.denial import deterrence_by_denial, geopolitical_risk, sequential_denial
from deterrence.models.friend_shoring import (
    friend_shoring_commitment,
    friend_shoring_normal_form,
    institutionalisation_effect,
)
from deterrence.models.punishment import compare_postures, deterrence_by_punishment
from deterrence.models.sanctions import (
    firm_switching_thresholds,
    reshoring_subsidy_thresholds,
    sanctions_and_reshoring,
    sourcing_under_controls,
)
from deterrence.models.security_dilemma import (
    classify_security_dilemma,
    economic_security_dilemma,
    repeated_security_dilemma,
    security_dilemma_repeated_game,
    swing_states,
    tipping_point,
)
from deterrence.models.trust import (
    cooperation_region,
    kydd_bayesian_game,
    posterior_trust,
    trust_threshold,
    trust_through_supply_chains,
)

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
    if not isinstance(name, str) or name not in REGISTRY:
        raise InvalidGameError(unknown_names("model", [name], sorted(REGISTRY)))
    return REGISTRY[name]


# registered after the essays' original scenarios, so the catalogue keeps its order
from deterrence.models import (  # noqa: E402
    critical_minerals,
    risk,
    supply_network,
)
from deterrence.models.blocs import bloc_competition, courting_race  # noqa: E402
from deterrence.models.signalling import punitive_message, punitive_signal  # noqa: E402
