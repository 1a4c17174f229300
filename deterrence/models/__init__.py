"""The scenario library: the essays' deterrence, friend-shoring, security-dilemma, trust and
sanctions models as ready, documented, parametric games.

Each model is a builder function registered under a short name; :func:`catalog` lists them and
:func:`get_model` returns the :class:`Model` specification (story, game kind, parameters with
meaning, domain and default, key parameter and key result).
"""

from __future__ import annotations

import pandas as pd

from deterrence.exceptions import InvalidGameError
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

__all__ = [
    "Model",
    "catalog",
    "get_model",
    "register",
    "classic",
    "denial",
    "friend_shoring",
    "punishment",
    "sanctions",
    "security_dilemma",
    "trust",
]


def catalog() -> pd.DataFrame:
    """The registered models, one row each.

    Returns
    -------
    pandas.DataFrame
        Columns ``name``, ``story``, ``kind``, ``parameters`` (comma-separated names),
        ``key_parameter`` and ``key_result``; the essays' scenarios first, then the classic
        games.

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
        raise InvalidGameError(f"unknown model {name!r}; models are {sorted(REGISTRY)}")
    return REGISTRY[name]
