"""Plots render with Agg, draw what they promise, and reject wrong input clearly."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from deterrence import NormalFormGame  # noqa: E402
from deterrence.analysis import regimes, sweep, track  # noqa: E402
from deterrence.exceptions import InvalidGameError  # noqa: E402
from deterrence.games import Parameter, ParametricGame  # noqa: E402
from deterrence.plotting import (  # noqa: E402
    OKABE_ITO,
    plot_best_responses,
    plot_equilibrium_probabilities,
    plot_regimes,
)


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def coercion_game():
    return ParametricGame.from_matrices(
        [["(1 - credibility)*benefit - credibility*cost", "benefit"], [0, "1 - 2*credibility"]],
        [[-1, "hoarding - 3"], [1, "hoarding"]],
        [Parameter("credibility", domain=(0, 1)), Parameter("benefit", default=2),
         Parameter("cost", default=6, domain=(0, 10)),
         Parameter("hoarding", default="1/2", domain=(-1, 2))],
        players=("coercer", "coalition"),
        strategies=(("coerce", "refrain"), ("share", "hoard")),
        title="coercion",
    )


def test_regime_map_1d_draws_labelled_threshold(tmp_path):
    ax = plot_regimes(regimes(coercion_game(), "credibility"))
    texts = [t.get_text() for t in ax.texts]
    assert "credibility = 1/4" in texts
    assert any(line.get_xdata()[0] == 0.25 for line in ax.lines)
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["(coerce, share)", "(refrain, share)"]
    ax.figure.savefig(tmp_path / "regimes1d.png")
    assert (tmp_path / "regimes1d.png").stat().st_size > 0


def test_regime_map_2d_draws_exact_boundaries(tmp_path):
    found = regimes(coercion_game(), {"credibility": (0, 1), "cost": (0, 10)}, resolution=4,
                    max_depth=2)
    fig, ax = plt.subplots()
    assert plot_regimes(found, ax=ax) is ax
    assert "credibility = 2/(cost + 2)" in [t.get_text() for t in ax.texts]
    colours = {tuple(c) for c in ax.collections[0].get_facecolors().round(3)}
    assert len(colours) == 2
    fig.savefig(tmp_path / "regimes2d.png")


def test_palette_is_okabe_ito():
    assert OKABE_ITO[:3] == ("#E69F00", "#56B4E9", "#009E73")


def test_probabilities_along_a_parameter_from_track_and_sweep():
    game = ParametricGame.from_matrices([["x", 0], [0, 1]], [[1, 0], [0, 1]],
                                        [Parameter("x", domain=(-1, 1))])
    ax = plot_equilibrium_probabilities(track(game, "x", np.linspace(-1, 1, 21)), 1, "s1")
    assert ax.get_ylabel() == "P(player 2:s1)"
    table = sweep(game, {"x": np.linspace(-1, 1, 21)}, progress=False)
    ax = plot_equilibrium_probabilities(table, "player 1", "s1")
    assert len(ax.collections) == 3  # equilibrium indices 0, 1, 2
    with pytest.raises(InvalidGameError, match="unknown player"):
        plot_equilibrium_probabilities(table, "nobody")
    with pytest.raises(InvalidGameError, match="unknown strategy"):
        plot_equilibrium_probabilities(table, "player 1", "s9")


def test_best_response_diagram_marks_equilibria(tmp_path):
    stag = NormalFormGame.from_matrices([[4, 0], [3, 3]], [[4, 3], [0, 3]],
                                        players=("bloc A", "bloc B"))
    ax = plot_best_responses(stag)
    offsets = ax.collections[0].get_offsets()
    assert sorted(map(tuple, np.round(offsets, 3))) == [(0, 0), (0.75, 0.75), (1, 1)]
    ax.figure.savefig(tmp_path / "best_responses.png")
    ax = plot_best_responses(coercion_game(), credibility="1/2")
    assert len(ax.collections[0].get_offsets()) == 1


def test_best_response_diagram_rejects_other_shapes():
    with pytest.raises(InvalidGameError, match="2x2"):
        plot_best_responses(NormalFormGame.zero_sum([[1, 2, 3], [3, 2, 1]]))
    with pytest.raises(InvalidGameError, match="RegimeMap"):
        plot_regimes("not a map")


def _extents(ax):
    figure = ax.figure
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()
    return renderer, ax.get_legend().get_window_extent(renderer)


@pytest.mark.parametrize("make_axes", ["own figure", "tight_layout"])
def test_regime_legend_sits_below_the_axis_label_on_the_canvas(make_axes):
    from deterrence.models import get_model

    model = get_model("denial")
    found = regimes(model.build(), model.key_parameter)
    if make_axes == "own figure":
        ax = plot_regimes(found)
    else:
        figure, ax = plt.subplots(figsize=(7, 3.4))
        plot_regimes(found, ax=ax)
        figure.tight_layout()
    renderer, legend = _extents(ax)
    label = ax.xaxis.label.get_window_extent(renderer)
    ticks = ax.xaxis.get_tightbbox(renderer)
    assert legend.y1 <= label.y0 and legend.y1 <= ticks.y0  # no overlap with the axis
    canvas = ax.figure.bbox
    assert legend.y0 >= canvas.y0 and legend.x0 >= canvas.x0 and legend.x1 <= canvas.x1
    texts = [t.get_text() for t in ax.get_legend().get_texts()]
    assert texts == [r.label for r in found]


def test_regime_map_2d_legend_and_labels_stay_visible():
    from deterrence.models import get_model

    found = regimes(get_model("denial").build(),
                    {"credibility": (0, 1), "institutionalisation": (0, 1)}, resolution=4,
                    max_depth=2)
    ax = plot_regimes(found)
    renderer, legend = _extents(ax)
    assert legend.y1 <= ax.xaxis.label.get_window_extent(renderer).y0
    # boundary labels are written towards the middle, inside the axes
    box = ax.get_window_extent(renderer)
    for text in ax.texts:
        extent = text.get_window_extent(renderer)
        assert box.x0 - 1 <= extent.x0 and extent.x1 <= box.x1 + 1, text.get_text()


def test_pure_only_maps_say_so_in_the_title():
    game = ParametricGame(
        [[[["x", "x"], ["x", "x"]], [[0, 0], [0, 0]]],
         [[[1, 1], [0, 0]], [[0, 0], [1, 1]]],
         [[[1, 0], [1, 0]], [[0, 1], [0, 1]]]],
        [Parameter("x", domain=(-1, 1))], players=("leader", "bloc B", "bloc C"))
    ax = plot_regimes(regimes(game, "x"))
    assert ax.get_title().endswith("(pure equilibria only)")
    ax = plot_regimes(regimes(coercion_game(), "credibility"))
    assert "pure" not in ax.get_title()
