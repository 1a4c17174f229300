"""deterrence.analyze: one analysis per model, with one concept, in text, JSON and a figure.

The done-when of issue 12: the challenger of the punishment game challenges below
credibility 2/5 and is deterred above (Zagare and Kilgour 2000: deterred iff p > G/P = 4/10);
the government of sanctions_government subsidises above security_weight 147/50; the coercer
of denial_sequential refrains above credibility 70/81 -- in the text, in regimes() and in
the figure alike.
"""

from __future__ import annotations

import html
import json
from fractions import Fraction

import matplotlib
import pytest

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402

import deterrence as dt  # noqa: E402
from deterrence import AnalysisReport, analyze  # noqa: E402
from deterrence.analysis import RegimeMap, regimes, sweep  # noqa: E402
from deterrence.models import catalog, get_model  # noqa: E402
from deterrence.plotting import (  # noqa: E402
    OKABE_ITO,
    outcome_colours,
    plot_equilibrium_probabilities,
    plot_regimes,
)

#: The catalogue's own models (tests and doc pages may register more of their own).
NAMES = [
    name
    for name in catalog()["name"]
    if get_model(name).builder.__module__.startswith("deterrence.models")
]


def _legend(ax):
    return [t.get_text() for t in ax.get_legend().get_texts()]


def _figure_agrees_with_text(report):
    """The figure names the same regimes as the text and draws the same thresholds."""
    figure, ax = plt.subplots()
    try:
        report.plot(ax=ax)
        legend = [text.replace("\n", " | ") for text in _legend(ax)]
        labels = []
        for r in report.regimes:
            outcomes = list(dict.fromkeys(r["outcomes"]))
            if len(outcomes) > 4:  # the legend ends long lists with "... and k more"
                outcomes = [*outcomes[:3], f"... and {len(outcomes) - 3} more"]
            labels.append(" | ".join(outcomes) or r["label"])
        assert legend == labels
        drawn = {t.get_text() for t in ax.texts if " = " in t.get_text()}
        assert drawn == {f"{report.parameter} = {t['value_exact']}" for t in report.thresholds}
    finally:
        plt.close(figure)


# ---------------------------------------------------------------- the done-when of issue 12
@pytest.mark.parametrize(
    ("name", "value", "below", "above"),
    [
        (
            "punishment",
            "2/5",
            "challenge, only a resolute defender retaliates",
            "challenger deterred",
        ),
        ("denial_sequential", "70/81", "coerced, coalition shares", "coercion deterred"),
    ],
)
def test_credible_threats_deter_where_the_text_and_the_figure_say(name, value, below, above):
    report = analyze(name)
    assert report.concept == "subgame_perfect"
    assert report.thresholds[-1]["value_exact"] == value
    assert [r["label"] for r in report.regimes][-2:] == [below, above]
    _figure_agrees_with_text(report)
    # regimes() on the model's game says the same (its own concept by default)
    model = get_model(name)
    regime_map = regimes(model.build(), {model.key_parameter: model.key_range})
    assert [r.label for r in regime_map.regimes] == [r["label"] for r in report.regimes]
    assert regime_map.thresholds[-1].value == Fraction(value)
    # the Nash equilibria of the strategic form (non-credible threats included) differ
    nash = analyze(name, concept="nash")
    assert nash.concept == "nash"
    assert [r["label"] for r in nash.regimes] != [r["label"] for r in report.regimes]


def test_the_punishment_challenger_is_deterred_exactly_above_two_fifths():
    low = analyze("punishment", values={"credibility": "39/100"})
    high = analyze("punishment", values={"credibility": "41/100"})
    assert [eq["outcome"] for eq in low.equilibria] == [
        "challenge, only a resolute defender retaliates"
    ]
    assert [eq["outcome"] for eq in high.equilibria] == ["challenger deterred"]
    assert "above credibility = 2/5" in low.to_text()


def test_the_government_subsidises_exactly_above_147_50():
    report = analyze("sanctions_government")
    assert [t["value_exact"] for t in report.thresholds] == ["147/50"]
    moves = {m["action"]: m["region"] for m in report.credible_moves}
    assert moves == {"subsidise": "(147/50, inf)", "no subsidy": "[0, 147/50)"}
    first, second = report.regimes
    assert (first["high"], second["low"]) == ("147/50", "147/50")
    assert "no subsidy" in first["label"] and "subsid" in second["label"]
    assert "no subsidy" not in second["label"]
    _figure_agrees_with_text(report)


# ---------------------------------------------------------------- every model, one engine
@pytest.mark.parametrize("name", NAMES)
def test_every_model_round_trips_through_analyze_sweep_and_the_plots(name):
    model = get_model(name)
    report = analyze(model)
    assert report.source == name and report.parameter == model.key_parameter
    assert report.equilibria, "every model has an equilibrium at its defaults"
    words = set(model.outcomes.labels)
    for eq in report.equilibria:
        assert eq["outcome"] in words or eq["outcome"] == eq["profile"]
    # text, JSON and HTML
    text = report.to_text()
    assert report.title in text and model.key_result in text
    data = json.loads(json.dumps(report.to_json()))
    assert AnalysisReport.from_json(data).to_json() == report.to_json()
    assert AnalysisReport.from_json(data).to_text() == text
    assert html.escape(report.title) in report._repr_html_()
    # the regime map is regimes() of the model's game with its default concept
    assert isinstance(report.regime_map, RegimeMap)
    assert report.regime_map.concept == report.concept
    assert [r.label for r in report.regime_map.regimes] == [r["label"] for r in report.regimes]
    # a sweep along the key parameter with the same concept names the same outcomes
    low, high = (float(v) for v in model.key_range)
    frame = sweep(
        model.build(),
        {model.key_parameter: [low + (high - low) * k / 4 for k in range(5)]},
        progress=False,
    )
    assert frame.attrs["concept"] == report.concept
    assert {"outcome", "profile"} <= set(frame.columns)
    # the plots draw, in the model's colours
    _figure_agrees_with_text(report)
    figure, axes = plt.subplots(1, 2)
    try:
        plot_regimes(report.regime_map, ax=axes[0])
        plot_equilibrium_probabilities(frame, 0, 0, parameter=model.key_parameter, ax=axes[1])
    finally:
        plt.close(figure)


def test_structural_values_rebuild_and_errors_name_what_was_wrong():
    report = analyze("friend_shoring", values={"num_partners": 7, "quorum": 4})
    assert report.structural == {"num_partners": 7, "quorum": 4}
    assert report.size["members"] == 7
    assert "4 of 7 honour" in [eq["profile"] for eq in report.equilibria]
    with pytest.raises(dt.InvalidGameError, match="nothing.*num_partners"):
        analyze("friend_shoring", values={"nothing": 1})
    with pytest.raises(dt.InvalidGameError, match="structural"):
        analyze("friend_shoring", parameter="quorum")
    with pytest.raises(dt.InvalidGameError, match="unknown parameter 'nothing'"):
        analyze("denial", parameter="nothing")
    with pytest.raises(dt.InvalidGameError, match="outside its domain"):
        analyze("denial", values={"credibility": 2})
    with pytest.raises(dt.InvalidGameError, match="unknown solution concept"):
        analyze("denial", concept="magic")
    with pytest.raises(dt.InvalidGameError, match="version"):
        AnalysisReport.from_json({"version": 0})


def test_a_bare_game_and_a_fixed_game():
    game = dt.ParametricGame.from_matrices(
        [["x", 0], [0, 1]], [[1, 0], [0, 1]], [dt.Parameter("x", default=2, domain=(-1, 3))]
    )
    report = analyze(game)
    assert report.parameter == "x" and report.interval == (-1, 3)
    assert [t["value_exact"] for t in report.thresholds] == ["0"]
    assert report.story == "" and report.outcome_labels == ()
    fixed = analyze(dt.NormalFormGame.from_matrices([[3, 0], [5, 1]], [[3, 5], [0, 1]]))
    assert fixed.parameter is None and [eq["profile"] for eq in fixed.equilibria] == ["(s2, s2)"]
    with pytest.raises(dt.InvalidGameError, match="no regime map"):
        fixed.plot()


def test_colours_follow_meaning_across_figures_of_a_model():
    outcomes = get_model("denial").outcomes
    colours = outcome_colours([], outcomes)
    assert [colours[w] for w in outcomes.labels] == list(OKABE_ITO[: len(outcomes.labels)])
    # a map over a narrower interval (one regime) keeps the regime's colour
    game = get_model("denial").build()
    figure, axes = plt.subplots(1, 2)
    try:
        plot_regimes(regimes(game, {"credibility": (0, 1)}), ax=axes[0])
        plot_regimes(regimes(game, {"credibility": (Fraction(9, 10), 1)}), ax=axes[1])
        handles = [dict(zip(_legend(ax), ax.get_legend().legend_handles)) for ax in axes]
        deterred = [h["coercion deterred"].get_facecolor() for h in handles]
        assert deterred[0] == deterred[1]
    finally:
        plt.close(figure)
