"""Replicator-flow and tournament plots render (Agg) and draw what they claim."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("matplotlib", reason="needs the 'plot' extra (matplotlib)")

import matplotlib  # noqa: E402

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from deterrence import (  # noqa: E402
    InvalidGameError,
    NormalFormGame,
    plotting,  # noqa: E402
)

ROCK_PAPER_SCISSORS = [[0, -1, 1], [1, 0, -1], [-1, 1, 0]]


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def test_simplex_draws_trajectories_rest_points_and_labels():
    figure, ax = plt.subplots()
    returned = plotting.plot_replicator_simplex(
        ROCK_PAPER_SCISSORS, starts=[[0.5, 0.3, 0.2], [0.2, 0.2, 0.6]], ax=ax
    )
    assert returned is ax
    texts = [t.get_text() for t in ax.texts]
    assert texts == ["s1", "s2", "s3"]
    trajectories = [line for line in ax.lines if len(line.get_xdata()) > 2]
    assert len(trajectories) == 2
    for line in trajectories:  # trajectories stay inside the triangle
        x, y = np.asarray(line.get_xdata()), np.asarray(line.get_ydata())
        assert (y >= -1e-9).all() and (y <= np.sqrt(3) * np.minimum(x, 1 - x) + 1e-6).all()
    markers = [
        line for line in ax.lines if len(line.get_xdata()) == 1 and line.get_markersize() == 8
    ]
    assert markers  # rest points are marked
    figure.canvas.draw()


def test_two_strategy_games_draw_the_growth_rate_line():
    stag_hunt = NormalFormGame.from_matrices(
        [[4, 0], [3, 3]], [[4, 3], [0, 3]], strategies=(("stag", "hare"), ("stag", "hare"))
    )
    ax = plotting.plot_replicator_simplex(stag_hunt)
    (curve,) = [line for line in ax.lines if len(line.get_xdata()) > 2]
    x, growth = np.asarray(curve.get_xdata()), np.asarray(curve.get_ydata())
    interior = (x > 0.02) & (x < 0.98)
    xs, inside = x[interior], growth[interior]
    # the unstable interior rest point of the stag hunt is at 3/4 stag: hare grows below it,
    # stag above it
    assert abs(xs[np.argmin(np.abs(inside))] - 0.75) < 0.01
    assert (inside[xs < 0.7] < 0).all() and (inside[xs > 0.8] > 0).all()
    filled = [line.get_markerfacecolor() for line in ax.lines if line.get_markersize() == 8]
    assert len(filled) == 3
    assert ax.get_xlabel() == "share playing stag"


def test_replicator_plots_reject_bad_games():
    with pytest.raises(InvalidGameError, match="2 or 3 strategies"):
        plotting.plot_replicator_simplex(np.eye(4))
    with pytest.raises(InvalidGameError, match="square"):
        plotting.plot_replicator_simplex([[1, 2, 3]])


def test_tournament_ranking_and_matrix():
    from deterrence.analysis.tournament import round_robin
    from deterrence.games.automata import ALLC, ALLD, TFT
    from deterrence.games.repeated import prisoners_dilemma

    results = round_robin(
        [ALLC, ALLD, TFT], prisoners_dilemma(), turns=50, repetitions=2, rng=0, progress=False
    )
    ax = plotting.plot_tournament(results)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == list(results.sort_values("mean_payoff").index)
    assert len(ax.patches) == 3
    ax = plotting.plot_tournament(results, matrix=True)
    assert len(ax.texts) == 9
    with pytest.raises(InvalidGameError, match="round_robin"):
        plotting.plot_tournament(np.zeros(3))
