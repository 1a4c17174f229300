"""Briefing-ready regime maps (issue 15): over every registered model's 1-D and 2-D map,
no label spills out of the axes or overlaps another label's box, boundary labels are solved
for the vertical axis's parameter, and the security dilemma's map names the game type."""

from __future__ import annotations

import warnings
from fractions import Fraction

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from deterrence.analysis import regimes  # noqa: E402
from deterrence.models import catalog, get_model  # noqa: E402
from deterrence.plotting import boundary_label, plot_regimes  # noqa: E402

MODELS = list(catalog()["name"])
#: Maps that take minutes to compute, even on the coarsest grid.
SLOW_IN_ONE_DIMENSION = {"trust_private"}
SLOW_IN_TWO_DIMENSIONS = SLOW_IN_ONE_DIMENSION | {
    "trust_private",
    "sanctions_government",
    "two_tier_supply_network",
    "bloc_competition",
}


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def second_parameter(model):
    """The first analysable parameter after the key one, over its domain (or [0, 2 x its
    default] when unbounded)."""
    for parameter in model.parameters:
        if parameter.name in (model.key_parameter, *model.structural):
            continue
        low, high = parameter.domain or (None, None)
        default = Fraction(parameter.default)
        low = low if low is not None else min(0, 2 * default)
        high = high if high is not None else max(2 * default, low + 1)
        return parameter.name, (low, high)
    return None


def regime_map(name, dimensions):
    model = get_model(name)
    domain = {model.key_parameter: model.key_range}
    options = {}
    if dimensions == 1 and name in SLOW_IN_ONE_DIMENSION:
        pytest.skip(f"the map of {name} takes minutes to compute")
    if dimensions == 2:
        other = second_parameter(model)
        if other is None:
            pytest.skip(f"{name} has one analysable parameter")
        if name in SLOW_IN_TWO_DIMENSIONS:
            pytest.skip(f"the 2-D map of {name} takes minutes to compute")
        domain[other[0]] = other[1]
        options = {"resolution": 2, "max_depth": 0, "samples": 21}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return regimes(model.build(), domain, fixed="defaults", **options)


def label_boxes(ax):
    """The drawn extent of every visible text of ``ax``, its box included."""
    figure = ax.figure
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()
    boxes = []
    for text in ax.texts:
        if not text.get_visible() or not text.get_text():
            continue
        patch = text.get_bbox_patch()
        extent = (patch or text).get_window_extent(renderer)
        boxes.append((text.get_text(), extent))
    return ax.get_window_extent(renderer), boxes


def assert_labels_fit(ax):
    frame, boxes = label_boxes(ax)
    for words, extent in boxes:
        assert frame.x0 - 1 <= extent.x0 and extent.x1 <= frame.x1 + 1, f"{words!r} spills"
        assert frame.y0 - 1 <= extent.y0 and extent.y1 <= frame.y1 + 1, f"{words!r} spills"
    for k, (words, extent) in enumerate(boxes):
        for other, second in boxes[k + 1 :]:
            overlap = (
                min(extent.x1, second.x1) - max(extent.x0, second.x0),
                min(extent.y1, second.y1) - max(extent.y0, second.y0),
            )
            assert min(overlap) <= 1, f"{words!r} overlaps {other!r}"
    return boxes


@pytest.mark.parametrize("name", MODELS)
@pytest.mark.parametrize("dimensions", [1, 2])
def test_labels_stay_inside_the_axes_and_apart(name, dimensions):
    found = regime_map(name, dimensions)
    ax = plot_regimes(found)  # a figure of its own, constrained layout
    boxes = assert_labels_fit(ax)
    drawn = {words for words, _ in boxes}
    if dimensions == 1 and found.thresholds:  # every threshold is written, none dropped
        assert sum(" = " in words for words in drawn) == len(found.thresholds)
    # on axes of one's own, a wide canvas and a tight layout
    figure, ax = plt.subplots(figsize=(7, 4.5) if dimensions == 1 else (7, 5.5))
    plot_regimes(found, ax=ax)
    figure.tight_layout()
    assert_labels_fit(ax)


def test_boundary_labels_are_solved_for_the_vertical_axis():
    model = get_model("critical_minerals")
    found = regimes(
        model.build(),
        {"institutionalisation": (0, 3), "threat": (0, 2)},
        resolution=2,
        max_depth=0,
        samples=21,
    )
    assert "institutionalisation = 2 - threat/2" in [b.label for b in found.boundaries]
    ax = plot_regimes(found)
    drawn = [words.replace("\n", " ") for words, _ in assert_labels_fit(ax)]
    # a vertical line stays as it is; the slivers where other curves graze the corner
    # (1, 0) of the club's triangle are drawn but not labelled
    assert sorted(drawn) == ["institutionalisation = 1", "threat = 4 - 2*institutionalisation"]
    ax = plot_regimes(found, solve_for="institutionalisation")
    assert "institutionalisation = 2 - threat/2" in [
        t.get_text().replace("\n", " ") for t in ax.texts
    ]
    # a curve that is no function of the other parameter keeps the form it was found in
    import numpy as np
    import sympy

    from deterrence.analysis.regimes import Boundary

    y = sympy.Symbol("y", real=True)
    others = np.linspace(-1, 1, 9)
    parabola = Boundary("x", y**2, "y", others, others**2, np.ones(9, dtype=bool))
    assert boundary_label(parabola, "y") == "x = y**2"
    half = Boundary("x", y**2, "y", others[4:], others[4:] ** 2, np.ones(5, dtype=bool))
    assert boundary_label(half, "y") == "y = sqrt(x)"


def test_security_dilemma_map_names_the_game_type_in_each_region():
    from deterrence.models.security_dilemma import classify_security_dilemma

    model = get_model("security_dilemma")
    found = regimes(
        model.build(),
        {"security_gain": (0, 8), "vulnerability": (0, 3)},
        resolution=4,
        max_depth=2,
    )
    ax = plot_regimes(found, classify=model.classifier)
    boxes = assert_labels_fit(ax)
    names = {"prisoner's dilemma", "stag hunt", "chicken", "harmony"}
    assert names <= {words for words, _ in boxes}
    for text in ax.texts:  # each name sits in its own region
        if text.get_text() in names:
            gain, vulnerability = text.get_position()
            kind = classify_security_dilemma(
                security_gain=Fraction(gain).limit_denominator(1000),
                vulnerability=Fraction(vulnerability).limit_denominator(1000),
            )
            assert kind == text.get_text()
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == [r.label.replace(" | ", "\n") for r in found]  # outcomes in the legend
    one = regimes(model.build(), {"security_gain": (0, 8)}, fixed="defaults")
    ax = plot_regimes(one, classify=model.classifier)
    assert [t.get_text() for t in ax.texts if t.get_text() in names] == [
        "stag hunt",
        "prisoner's dilemma",
    ]


def test_the_command_line_writes_figures_at_the_dpi_asked(tmp_path, capsys):
    from matplotlib.image import imread

    from deterrence.cli import main

    sizes = {}
    for dpi in (50, 100):
        path = tmp_path / f"map{dpi}.png"
        assert main(["analyze", "denial", "--plot", str(path), "--dpi", str(dpi)]) == 0
        sizes[dpi] = imread(path).shape[:2]
    # twice the resolution, twice the pixels (to a pixel of rounding in the tight crop)
    assert abs(sizes[100][0] - 2 * sizes[50][0]) <= 2 and abs(sizes[100][1] - 2 * sizes[50][1]) <= 2
    assert main(["analyze", "denial", "--plot", str(tmp_path / "x.png"), "--dpi", "0"]) == 2
    assert "positive number of dots per inch" in capsys.readouterr().err


def test_bifurcation_diagram_threshold_labels_stay_inside_and_apart():
    """plot_symmetric_equilibria places its threshold labels like the regime maps: the two
    folds of the friend-shoring game at 9/4 and 6 (and close ones on a narrow figure)."""
    import numpy as np

    from deterrence import sweep
    from deterrence.plotting import plot_symmetric_equilibria

    game = get_model("friend_shoring").build()
    frame = sweep(game, {"sharing_cost": np.linspace(0, 8, 41)}, progress=False)
    found = regimes(game, {"sharing_cost": (0, 8)})
    for size in ((7, 4.5), (3.2, 3)):
        figure, ax = plt.subplots(figsize=size)
        plot_symmetric_equilibria(frame, thresholds=found, ax=ax, legend=False)
        figure.tight_layout()
        drawn = [words for words, _ in assert_labels_fit(ax)]
        assert sum(" = " in words for words in drawn) == len(found.thresholds)
