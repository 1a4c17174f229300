"""The catalogue and the Model specification: every model is complete and builds."""

from __future__ import annotations

import dataclasses
import warnings

import pytest

from deterrence import solve
from deterrence.exceptions import InvalidGameError
from deterrence.games.extensive import ExtensiveFormGame
from deterrence.games.parametric import ParametricGame
from deterrence.games.parametric_anonymous import ParametricAnonymousGame
from deterrence.games.parametric_signalling import ParametricSignallingGame
from deterrence.models import catalog, get_model
from deterrence.models._registry import REGISTRY

REQUIRED = {
    "denial",
    "denial_sequential",
    "punishment",
    "friend_shoring",
    "security_dilemma",
    "security_dilemma_repeated",
    "swing_states",
    "trust",
    "sanctions",
    "prisoners_dilemma",
    "stag_hunt",
    "chicken",
    "deadlock",
    "harmony",
    "battle_of_the_sexes",
    "matching_pennies",
    "offense_defense",
}
KINDS = {
    "normal form": ParametricGame,
    "extensive form": ExtensiveFormGame,
    "anonymous": ParametricAnonymousGame,
    "network": ParametricGame,  # a game on a graph, built as its strategic form
    "signalling": ParametricSignallingGame,
}


def test_catalog_lists_every_model():
    table = catalog()
    assert list(table.columns) == [
        "name",
        "story",
        "kind",
        "parameters",
        "key_parameter",
        "key_result",
    ]
    assert REQUIRED <= set(table["name"])
    assert table["name"].iloc[0] == "denial"
    assert table["name"].is_unique


@pytest.mark.parametrize("name", sorted(REGISTRY))
def test_model_specification_is_complete(name):
    model = get_model(name)
    assert model.story and model.key_result and model.references
    assert model.key_parameter in model.parameter_names
    for parameter in model.parameters:
        assert parameter.description, (name, parameter.name)
        assert parameter.default is not None, (name, parameter.name)
    with pytest.raises(dataclasses.FrozenInstanceError):
        model.name = "other"
    doc = model.builder.__doc__
    for section in ("Parameters", "Returns", "Raises", "Notes", "Examples", "Key result"):
        assert section in doc, (name, section)


@pytest.mark.parametrize("name", sorted(REGISTRY))
def test_model_builds_the_declared_kind_at_defaults(name):
    model = get_model(name)
    game = model.build()
    assert isinstance(game, KINDS[model.kind])
    if isinstance(game, (ParametricGame, ExtensiveFormGame)):
        assert game.parameter_names == model.parameter_names
        assert game.defaults == model.defaults
        normal = game.at().to_normal_form() if isinstance(game, ExtensiveFormGame) else game.at()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            # every extreme equilibrium of two-player games; pure ones beyond (a 3-player
            # tree's strategic form is too large for polynomial enumeration)
            result = solve(normal, exact=True, method="auto" if normal.num_players == 2 else "pure")
        assert len(result) >= 1
        assert all(eq.max_regret() == 0 for eq in result)
    if isinstance(game, ParametricSignallingGame):
        from deterrence.solvers.signalling import solve_signalling

        assert game.parameter_names == model.parameter_names
        result = solve_signalling(game.at())
        assert len(result) >= 1 and all(eq.max_regret() == 0 for eq in result)
    if isinstance(game, ParametricAnonymousGame):
        # structural parameters fix the size; every other parameter is declared by the game
        assert game.parameter_names == tuple(
            n for n in model.parameter_names if n not in model.structural
        )
        assert game.defaults == {
            n: v for n, v in model.defaults.items() if n not in model.structural
        }
        from deterrence.solvers.anonymous import solve_anonymous

        assert len(solve_anonymous(game)) >= 1  # count and symmetric equilibria


def test_structural_parameters_are_declared_and_split():
    model = get_model("friend_shoring")
    assert model.structural == ("num_partners", "quorum")
    assert model.split({"quorum": 2, "value": 3}) == ({"quorum": 2}, {"value": 3})
    assert model.build(num_partners=9, quorum=4).num_players == 9
    assert "[structural" in model.describe()
    assert get_model("denial").structural == ()
    with pytest.raises(InvalidGameError, match="cannot be structural"):
        dataclasses.replace(model, key_parameter="quorum")
    with pytest.raises(InvalidGameError, match="not among its parameters"):
        dataclasses.replace(model, structural=("size",))


@pytest.mark.parametrize("name", sorted(REGISTRY))
def test_overrides_change_defaults_and_are_validated(name):
    model = get_model(name)
    parameter = model.parameter(model.key_parameter)
    with pytest.raises(InvalidGameError, match="no parameter"):
        model.build(not_a_parameter=1)
    if parameter.domain is not None and parameter.domain[0] is not None:
        with pytest.raises(InvalidGameError):
            model.build(**{parameter.name: parameter.domain[0] - 1})


def test_get_model_errors_and_describe():
    with pytest.raises(InvalidGameError, match="unknown model 'nothing'"):
        get_model("nothing")
    text = get_model("denial").describe()
    assert "credibility" in text and "key result" in text
    game = get_model("denial").build(credibility="9/10")
    assert game.defaults["credibility"] == get_model("denial").parameter(
        "credibility"
    ).default + type(game.defaults["credibility"])(1, 10)
