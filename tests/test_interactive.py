"""The ipywidgets explorer: sliders re-run analyze(), the regime map redraws."""

from __future__ import annotations

import sys

import pytest

pytest.importorskip("ipywidgets", reason="needs the 'jupyter' extra (ipywidgets)")

from deterrence import InvalidGameError, NormalFormGame  # noqa: E402
from deterrence.exceptions import MissingDependencyError  # noqa: E402
from deterrence.games import Parameter, ParametricGame  # noqa: E402
from deterrence.interactive import Explorer, explore  # noqa: E402


@pytest.fixture
def coercion():
    # Sharing is the coalition's dominant strategy; coercion pays while
    # 2*(1 - credibility) - 6*credibility > 0, i.e. below credibility = 1/4.
    return ParametricGame.from_matrices(
        [["2*(1 - credibility) - 6*credibility", "2 + bonus"], [0, 0]],
        [[-1, -3], [1, 0]],
        [
            Parameter("credibility", default="1/10", domain=(0, 1)),
            Parameter("bonus", default=0, domain=(0, None)),
        ],
        players=("coercer", "coalition"),
        strategies=(("coerce", "refrain"), ("share", "hoard")),
        title="coercion",
    )


def test_one_slider_per_parameter_with_domain_and_default(coercion):
    explorer = explore(coercion, plot=False)
    assert isinstance(explorer, Explorer)
    assert list(explorer.sliders) == ["credibility", "bonus"]
    slider = explorer.sliders["credibility"]
    assert (slider.min, slider.max, slider.value) == (0, 1, 0.1)
    assert explorer.sliders["bonus"].min == 0 and explorer.sliders["bonus"].max > 0


def test_moving_a_slider_re_solves_and_redraws(coercion):
    explorer = explore(coercion, parameter="credibility")
    assert [eq["outcome"] for eq in explorer.result] == ["(coerce, share)"]
    first_map = explorer.regime_map.value
    assert first_map[:4] == b"\x89PNG"
    explorer.sliders["credibility"].value = 0.5  # as a user dragging the slider
    assert [eq["outcome"] for eq in explorer.result] == ["(refrain, share)"]
    assert "refrain" in explorer.equilibria.value
    assert explorer.values["credibility"] == 0.5
    assert explorer.regime_map.value != first_map  # the current-value marker moved
    assert "1/4" in explorer.thresholds.value or "0.25" in explorer.thresholds.value


def test_changing_the_axis_and_set(coercion):
    explorer = explore(coercion, plot=False)
    explorer.axis.value = "bonus"
    assert "Thresholds in bonus" in explorer.thresholds.value
    explorer.set(credibility=0.2, bonus=1)
    assert explorer.values == {"credibility": pytest.approx(0.2), "bonus": 1}
    with pytest.raises(InvalidGameError, match="unknown parameter"):
        explorer.set(nothing=1)


def test_errors_show_in_the_widget_not_as_exceptions():
    game = ParametricGame([["1/x"]], [Parameter("x", default=1, domain=(0, 2))])
    explorer = explore(game, plot=False)
    explorer.sliders["x"].value = 0
    assert "undefined" in explorer.message.value or "division" in explorer.message.value


def test_plain_games_models_and_bad_input():
    plain = NormalFormGame.from_matrices([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    explorer = explore(plain)
    assert explorer.sliders == {} and len(explorer.result) == 1
    from deterrence.models import get_model

    assert "credibility" in explore(get_model("denial"), plot=False).sliders
    with pytest.raises(InvalidGameError, match="explore"):
        explore([[1, 2]])
    with pytest.raises(InvalidGameError, match="unknown parameter"):
        explore(plain, parameter="credibility")


def test_missing_ipywidgets_names_the_extra(monkeypatch, coercion):
    monkeypatch.setitem(sys.modules, "ipywidgets", None)
    with pytest.raises(MissingDependencyError, match=r"deterrence\[jupyter\]"):
        explore(coercion)


# ---------------------------------------------------------------- anonymous N-player games
def test_anonymous_model_shows_count_and_symmetric_equilibria():
    # friend_shoring at its defaults (5 partners, quorum 3): "3 of 5 honour" and "all
    # renege" are count equilibria; symmetric ones at 0, ~0.38 (unstable) and ~0.62 (stable).
    # Honouring is dominant once institutionalisation reaches sharing_cost = 2.
    from deterrence.models import get_model

    explorer = explore(get_model("friend_shoring"), plot=False)
    assert explorer.anonymous
    assert list(explorer.sliders) == ["value", "sharing_cost", "institutionalisation"]
    assert explorer.axis.value == "institutionalisation"  # the model's key parameter
    assert explorer.sliders["institutionalisation"].max == 4  # over its key range
    counts = [eq["profile"] for eq in explorer.result if eq["is_pure"]]
    assert counts == ["3 of 5 honour", "all renege"]
    symmetric = [eq for eq in explorer.result if eq["is_symmetric"]]
    assert [eq["stability"] for eq in symmetric] == ["stable", "unstable", "stable"]
    html = explorer.equilibria.value
    assert "3 of 5 honour" in html and "unstable" in html
    assert "institutionalisation = 2" in explorer.thresholds.value
    explorer.set(institutionalisation=3)
    assert [eq["profile"] for eq in explorer.result] == ["all honour"]
    assert "every partner honours" in explorer.equilibria.value


def test_parametric_anonymous_game_redraws_its_regime_map():
    # Volunteering pays 2 - cost; anyone benefits 2 once someone volunteers: with three
    # players each volunteer-count k of the others gives D_k = -cost for k >= 1, 2 - cost at 0.
    from deterrence.games import ParametricAnonymousGame

    game = ParametricAnonymousGame(
        3,
        lambda s, counts: "2 - cost" if s == 0 else ("2" if counts[0] else "0"),
        [Parameter("cost", default="1/2", domain=(0, 3))],
        strategies=("volunteer", "abstain"),
        title="volunteers",
    )
    explorer = explore(game)
    assert list(explorer.sliders) == ["cost"] and explorer.axis.value == "cost"
    first_map = explorer.regime_map.value
    assert first_map[:4] == b"\x89PNG"
    # symmetric mix: (1 - h)^2 = cost/2, so h = 1/2 at cost = 1/2
    (mixed,) = [eq for eq in explorer.result if not eq["is_pure"]]
    assert mixed["strategies"]["member"]["volunteer"] == pytest.approx(0.5)
    assert mixed["stability"] == "stable"
    explorer.sliders["cost"].value = 2.5  # above the benefit nobody volunteers
    assert [eq["profile"] for eq in explorer.result if eq["is_pure"]] == ["all abstain"]
    assert explorer.regime_map.value != first_map
    assert "cost = 2" in explorer.thresholds.value


def test_anonymous_games_without_parameters_and_bad_methods():
    from deterrence.games.anonymous_families import volunteers_dilemma

    explorer = explore(volunteers_dilemma(4, benefit=2, cost=1))
    assert explorer.sliders == {} and explorer.anonymous
    assert "volunteer" in explorer.equilibria.value
    broken = explore(volunteers_dilemma(4, benefit=2, cost=1), method="lemke_howson")
    assert "lemke_howson" in broken.message.value and "not available" in broken.message.value


def test_every_model_of_the_catalogue_explores_with_its_own_concept():
    # issue 12: explore(get_model("punishment").build()) raised TypeError (the tree's
    # classmethod build was mistaken for a Model's); trees are analysed as trees now
    from deterrence.models import catalog, get_model

    tree = explore(get_model("punishment").build(), parameter="credibility", plot=False)
    assert tree.report.concept == "subgame_perfect"
    assert [eq["outcome"] for eq in tree.result] == [
        "challenge, only a resolute defender retaliates"
    ]
    tree.set(credibility=0.5)
    assert [eq["outcome"] for eq in tree.result] == ["challenger deterred"]
    assert "2/5" in tree.thresholds.value
    for name in catalog()["name"]:
        if name == "sanctions_government":  # a slow tree: covered by tests/test_report.py
            continue
        if not get_model(name).builder.__module__.startswith("deterrence.models"):
            continue  # a model another test (or a doc page) registered
        explorer = explore(name, plot=False)
        assert explorer.report is not None, (name, explorer.message.value)
        assert explorer.result, name
