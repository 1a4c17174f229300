"""Every model declares how its equilibria read, and its games carry the declaration."""

from __future__ import annotations

import pickle

import pytest

from deterrence import Outcomes
from deterrence.models import catalog, get_model

#: The catalogue's own models (tests and doc pages may register more of their own).
NAMES = [
    name
    for name in catalog()["name"]
    if get_model(name).builder.__module__.startswith("deterrence.models")
]


@pytest.mark.parametrize("name", NAMES)
def test_models_declare_outcomes_and_games_carry_them(name):
    model = get_model(name)
    assert isinstance(model.outcomes, Outcomes)
    game = model.build()
    assert game.outcomes == model.outcomes
    assert pickle.loads(pickle.dumps(game)).outcomes == model.outcomes
    html = model._repr_html_()
    assert model.name in html and model.outcomes.labels[0] in html


@pytest.mark.parametrize(
    ("name", "play", "words"),
    [
        ("denial", {"coercer": "refrain", "coalition": "share"}, "coercion deterred"),
        ("denial", {"coercer": "coerce", "coalition": "share"}, "coerced, coalition shares"),
        ("denial", {"coercer": "coerce", "coalition": "not share"}, "coerced, unopposed"),
        ("denial_sequential", {"coercer": "refrain"}, "coercion deterred"),
        (
            "denial_sequential",
            {"coercer": "coerce/persist", "coalition": "share"},
            "coerced, coalition shares",
        ),
        ("punishment", {"challenger": "status quo"}, "challenger deterred"),
        (
            "punishment",
            {"challenger": "challenge", "defender": "retaliate"},
            "challenge met by retaliation",
        ),
        (
            "punishment",
            {"challenger": "challenge", "defender": "concede"},
            "challenge, defender concedes",
        ),
        (
            "punishment",
            {"challenger": "challenge", "defender": "retaliate/concede"},
            "challenge, only a resolute defender retaliates",
        ),
        (
            "sanctions_government",
            {"government": "subsidise", "sender": "refrain", "firm": "reshore"},
            "subsidy, firm reshores",
        ),
        (
            "security_dilemma",
            {"bloc A": "friend-shore", "bloc B": "open"},
            "one bloc friend-shores",
        ),
        ("friend_shoring", {"partner": "honour"}, "commitment holds: every partner honours"),
        ("friend_shoring", {"partner": None}, None),  # partial honouring: the raw label
    ],
)
def test_outcome_words(name, play, words):
    assert get_model(name).outcomes.read(play) == words


def test_classifiers_name_the_classic_game():
    model = get_model("security_dilemma")
    assert model.classify() == "prisoner's dilemma"
    assert model.classify(security_gain=2) == "stag hunt"
    assert model.classify(vulnerability="1/2") == "chicken"
    assert model.classify(security_gain=2, vulnerability="1/2") == "harmony"
    assert get_model("stag_hunt").classify() == "stag hunt"
    assert get_model("denial").classify() is None
