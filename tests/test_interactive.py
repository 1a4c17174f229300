"""The ipywidgets explorer: sliders re-solve the game, the regime map redraws."""

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
        [["2*(1 - credibility) - 6*credibility", "2 + bonus"], [0, 0]], [[-1, -3], [1, 0]],
        [Parameter("credibility", default="1/10", domain=(0, 1)),
         Parameter("bonus", default=0, domain=(0, None))],
        players=("coercer", "coalition"),
        strategies=(("coerce", "refrain"), ("share", "hoard")), title="coercion")


def test_one_slider_per_parameter_with_domain_and_default(coercion):
    explorer = explore(coercion, plot=False)
    assert isinstance(explorer, Explorer)
    assert list(explorer.sliders) == ["credibility", "bonus"]
    slider = explorer.sliders["credibility"]
    assert (slider.min, slider.max, slider.value) == (0, 1, 0.1)
    assert explorer.sliders["bonus"].min == 0 and explorer.sliders["bonus"].max > 0


def test_moving_a_slider_re_solves_and_redraws(coercion):
    explorer = explore(coercion, parameter="credibility", points=21)
    assert [eq.outcome for eq in explorer.result] == ["(coerce, share)"]
    first_map = explorer.regime_map.value
    assert first_map[:4] == b"\x89PNG"
    explorer.sliders["credibility"].value = 0.5  # as a user dragging the slider
    assert [eq.outcome for eq in explorer.result] == ["(refrain, share)"]
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
    assert "undefined" in explorer.message.value


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
