"""Plots render with Agg, draw what they promise, and reject wrong input clearly."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from deterrence import NormalFormGame  # noqa: E402
from deterrence.analysis import regimes, sweep, thresholds, track  # noqa: E402
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
        [
            Parameter("credibility", domain=(0, 1)),
            Parameter("benefit", default=2),
            Parameter("cost", default=6, domain=(0, 10)),
            Parameter("hoarding", default="1/2", domain=(-1, 2)),
        ],
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
    found = regimes(
        coercion_game(), {"credibility": (0, 1), "cost": (0, 10)}, resolution=4, max_depth=2
    )
    fig, ax = plt.subplots()
    assert plot_regimes(found, ax=ax) is ax
    # the boundary credibility = 2/(cost + 2), solved for the vertical axis's parameter
    assert [t.get_text() for t in ax.texts] == ["cost = 2/credibility - 2"]
    ax = plot_regimes(found, solve_for="credibility")
    assert [t.get_text() for t in ax.texts] == ["credibility = 2/(cost + 2)"]
    colours = {tuple(c) for c in ax.collections[0].get_facecolors().round(3)}
    assert len(colours) == 2
    fig.savefig(tmp_path / "regimes2d.png")


def test_palette_is_okabe_ito():
    assert OKABE_ITO[:3] == ("#E69F00", "#56B4E9", "#009E73")


def test_probabilities_along_a_parameter_from_track_and_sweep():
    game = ParametricGame.from_matrices(
        [["x", 0], [0, 1]], [[1, 0], [0, 1]], [Parameter("x", domain=(-1, 1))]
    )
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
    stag = NormalFormGame.from_matrices(
        [[4, 0], [3, 3]], [[4, 3], [0, 3]], players=("bloc A", "bloc B")
    )
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

    found = regimes(
        get_model("denial").build(),
        {"credibility": (0, 1), "institutionalisation": (0, 1)},
        resolution=4,
        max_depth=2,
    )
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
        [
            [[["x", "x"], ["x", "x"]], [[0, 0], [0, 0]]],
            [[[1, 1], [0, 0]], [[0, 0], [1, 1]]],
            [[[1, 0], [1, 0]], [[0, 1], [0, 1]]],
        ],
        [Parameter("x", domain=(-1, 1))],
        players=("leader", "bloc B", "bloc C"),
    )
    ax = plot_regimes(regimes(game, "x"))
    assert ax.get_title().endswith("(pure equilibria only)")
    ax = plot_regimes(regimes(coercion_game(), "credibility"))
    assert "pure" not in ax.get_title()


# ---------------------------------------------------------------------- anonymous games
def friend_shoring():
    from deterrence.models.friend_shoring import friend_shoring_commitment

    return friend_shoring_commitment()


def _lines(ax, linestyle):
    return [
        line
        for line in ax.get_lines()
        if line.get_linestyle() == linestyle
        and len(line.get_xdata()) > 1
        and line.get_marker() in ("None", "", None)
    ]


def test_symmetric_equilibria_draw_the_fold_of_the_friend_shoring_game(tmp_path):
    from deterrence.plotting import plot_symmetric_equilibria

    game = friend_shoring()
    costs = np.linspace(0, 8, 161)  # hits the fold at 9/4
    frame = sweep(game, {"sharing_cost": costs}, progress=False)
    ax = plot_symmetric_equilibria(frame, thresholds=regimes(game, {"sharing_cost": (0, 8)}))
    assert [t.get_text() for t in ax.texts] == ["sharing_cost = 9/4", "sharing_cost = 6"]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "stable symmetric equilibrium",
        "unstable symmetric equilibrium",
        "semi-stable (fold point)",
        "asymmetric count equilibrium (share of partners)",
    ]
    # the unstable branch rises from 0 to the fold at h = 1/2, where the stable one ends
    # (the other dashed piece: "all renege" is unstable at sharing_cost = 0 exactly)
    unstable = max(_lines(ax, "--"), key=lambda line: len(line.get_xdata()))
    xs, ys = unstable.get_xdata(), unstable.get_ydata()
    assert xs[0] == 0 and ys[0] == 0 and xs[-1] == 2.25 and ys[-1] == pytest.approx(0.5)
    assert np.all(np.diff(ys) > 0)
    stable = _lines(ax, "-")
    upper = next(line for line in stable if line.get_ydata()[0] == 1)
    assert upper.get_xdata()[-1] == 2.25 and upper.get_ydata()[-1] == pytest.approx(0.5)
    assert any(np.all(line.get_ydata() == 0) and line.get_xdata()[-1] == 8 for line in stable)
    [fold] = [line for line in ax.get_lines() if line.get_fillstyle() == "left"]
    assert (fold.get_xdata()[0], fold.get_ydata()[0]) == (2.25, pytest.approx(0.5))
    # "3 of 5 honour" as grey squares at share 3/5 up to sharing_cost = 6
    counts = ax.collections[0].get_offsets()
    assert np.allclose(counts[counts[:, 0] > 0][:, 1], 0.6) and counts[:, 0].max() == 6
    ax.figure.savefig(tmp_path / "bifurcation.png")


def test_symmetric_equilibria_follow_the_tipping_point_of_the_swing_states():
    from deterrence.models.security_dilemma import swing_states, tipping_point
    from deterrence.plotting import plot_symmetric_equilibria

    game = swing_states()
    premiums = [0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 5, 6]
    frame = sweep(game, {"security_premium": premiums}, progress=False)
    found = thresholds(game, "security_premium", fixed="defaults")
    ax = plot_symmetric_equilibria(frame, thresholds=found, strategy="align", asymmetric=False)
    assert ax.get_ylabel() == "probability of align (share of states)"
    [tipping] = [line for line in _lines(ax, "--") if line.get_xdata()[0] == 0]
    expected = [
        float(tipping_point(openness_value=3, bloc_benefit=4, security_premium=p, alignment_cost=1))
        for p in premiums[:9]
    ]
    assert np.allclose(tipping.get_ydata(), expected)
    assert [t.get_text() for t in ax.texts] == ["security_premium = 4"]
    assert not ax.collections  # no asymmetric count equilibria asked for (and none exist)
    # few points: every equilibrium is marked, stable filled and unstable hollow
    hollow = [
        line
        for line in ax.get_lines()
        if line.get_marker() == "o" and line.get_markerfacecolor() == "white"
    ]
    assert len(hollow) == 1 and len(hollow[0].get_xdata()) == 9


def test_symmetric_equilibria_reject_other_tables_clearly():
    from deterrence.plotting import plot_symmetric_equilibria

    normal_form = sweep(coercion_game(), {"credibility": [0, 0.5, 1]}, progress=False)
    with pytest.raises(InvalidGameError, match="normal-form game.*plot_equilibrium_probab"):
        plot_symmetric_equilibria(normal_form)
    with pytest.raises(InvalidGameError, match="sweep the game first"):
        plot_symmetric_equilibria(friend_shoring())
    with pytest.raises(InvalidGameError, match="got list"):
        plot_symmetric_equilibria([1, 2])
    game = friend_shoring()
    two_way = sweep(game, {"sharing_cost": [1, 3], "institutionalisation": [0, 1]}, progress=False)
    with pytest.raises(InvalidGameError, match="cannot tell which parameter"):
        plot_symmetric_equilibria(two_way)
    with pytest.raises(InvalidGameError, match="select one slice"):
        plot_symmetric_equilibria(two_way, parameter="sharing_cost")
    one_way = sweep(game, {"sharing_cost": [1, 3]}, progress=False)
    with pytest.raises(InvalidGameError, match="unknown strategy"):
        plot_symmetric_equilibria(one_way, strategy="defect")
    with pytest.raises(InvalidGameError, match="unknown parameter"):
        plot_symmetric_equilibria(one_way, parameter="cost")
    with pytest.raises(InvalidGameError, match="cannot be drawn along 'sharing_cost'"):
        plot_symmetric_equilibria(
            one_way, thresholds=thresholds(game, "institutionalisation", fixed="defaults")
        )
    with pytest.raises(InvalidGameError, match="depends on other parameters"):
        plot_symmetric_equilibria(one_way, thresholds=thresholds(game, "sharing_cost"))


def test_regime_maps_of_anonymous_games_stay_readable(tmp_path):
    game = friend_shoring()
    found = regimes(game, {"sharing_cost": (0, 8)})
    ax = plot_regimes(found)
    renderer, legend = _extents(ax)
    assert legend.y1 <= ax.xaxis.label.get_window_extent(renderer).y0
    assert legend.y0 >= ax.figure.bbox.y0
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "\n".join(regime.outcomes) for regime in found
    ]
    # the four long outcomes of the first regime are wrapped to fit inside its interval
    inside = [t for t in ax.texts if "symmetric mix" in t.get_text()]
    assert len(inside) == 1 and inside[0].get_rotation() == 0
    box = inside[0].get_window_extent(renderer)
    left, right = (ax.transData.transform((x, 0))[0] for x in (0, 2.25))
    assert left <= box.x0 and box.x1 <= right
    ax.figure.savefig(tmp_path / "anonymous_regimes.png")


def test_parallel_boundaries_of_a_2d_map_are_labelled_apart():
    found = regimes(
        friend_shoring(),
        {"sharing_cost": (0, 8), "institutionalisation": (0, 4)},
        resolution=4,
        max_depth=2,
    )
    ax = plot_regimes(found)
    renderer, _ = _extents(ax)
    labels = [t for t in ax.texts if "institutionalisation =" in t.get_text()]
    assert sorted(t.get_text() for t in labels) == [
        "institutionalisation = sharing_cost",
        "institutionalisation = sharing_cost - 6",
        "institutionalisation = sharing_cost - 9/4",
    ]
    boxes = [t.get_window_extent(renderer) for t in labels]
    assert not any(a.overlaps(b) for k, a in enumerate(boxes) for b in boxes[k + 1 :])


def test_probabilities_of_an_anonymous_sweep():
    frame = sweep(friend_shoring(), {"institutionalisation": [0, 1, 2, 3]}, progress=False)
    ax = plot_equilibrium_probabilities(frame, "partner", "honour")
    assert ax.get_ylabel() == "P(partner:honour)"
    # points are grouped by outcome: in the model's words where it declares them
    assert len(ax.collections) == frame["outcome"].astype(str).nunique()


def test_symmetric_equilibria_of_a_pure_only_sweep_say_stability_is_unknown():
    from deterrence.games import ParametricAnonymousGame
    from deterrence.plotting import plot_symmetric_equilibria

    game = ParametricAnonymousGame(
        4,
        {"a": "x*k1", "b": "k2", "c": "1"},
        (Parameter("x", default=1, domain=(0, 3)),),
        strategies=("a", "b", "c"),
    )
    frame = sweep(game, {"x": [0, 0.5, 1, 2, 3]}, method="pure", progress=False)
    ax = plot_symmetric_equilibria(frame, strategy="a")
    assert ax.get_title().endswith("(pure equilibria only)")
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "symmetric equilibrium (stability not computed)"
    ]


def test_probabilities_along_a_tracked_anonymous_game():
    from deterrence.analysis import track
    from deterrence.exceptions import InvalidGameError
    from deterrence.models.friend_shoring import friend_shoring_commitment

    path = track(friend_shoring_commitment(), "sharing_cost", np.linspace(0.5, 7, 14))
    for strategy in ("renege", 1):
        ax = plot_equilibrium_probabilities(path, "partner", strategy)
        assert ax.get_ylabel() == "P(partner:renege)"
        plt.close(ax.figure)
    with pytest.raises(InvalidGameError, match="representative"):
        plot_equilibrium_probabilities(path, 1, "honour")


# ---------------------------------------------------------------------- briefing figures (issue 15)
def test_dpi_sets_the_resolution_of_new_and_given_figures(tmp_path):
    from matplotlib.image import imread

    found = regimes(coercion_game(), "credibility")
    ax = plot_regimes(found, dpi=200)
    assert ax.figure.dpi == 200
    ax.figure.savefig(tmp_path / "map.png")  # savefig follows the figure's resolution
    height, width = imread(tmp_path / "map.png").shape[:2]
    assert (width, height) == (1280, 840)  # 6.4 x 4.2 inches at 200 dpi
    figure, ax = plt.subplots()
    plot_best_responses(coercion_game(), ax=ax, dpi=150, credibility="1/2")
    assert figure.dpi == 150
    ax = plot_equilibrium_probabilities(track(coercion_game(), "credibility", [0, 1]), dpi=72)
    assert ax.figure.dpi == 72


@pytest.mark.parametrize("dpi", [0, -5, "high", float("nan"), True])
def test_dpi_must_be_a_positive_number(dpi):
    with pytest.raises(InvalidGameError, match="dpi must be a positive number"):
        plot_regimes(regimes(coercion_game(), "credibility"), dpi=dpi)
