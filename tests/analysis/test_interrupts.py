"""Ctrl-C during an analysis stops it; it never leaves a point's equilibria incomplete."""

from __future__ import annotations

import pytest

import deterrence.solvers.api as api
from deterrence.analysis import sweep
from deterrence.games import ParametricGame
from deterrence.solvers.result import EquilibriumResult


def test_an_interrupted_point_solve_stops_the_sweep_instead_of_a_partial_row(monkeypatch):
    game = ParametricGame.from_matrices(
        [["x", 0, 1], [0, 1, 0], [1, 0, "x"]], [[1, 0, 0], [0, 1, 0], [0, 0, 1]], ["x"]
    )
    calls = []

    def interrupted(point_game, method="auto", **kwargs):
        calls.append(kwargs.get("progress"))
        return EquilibriumResult(
            point_game,
            (),
            method="vertex_enumeration",
            complete=False,
            options={"interrupted": True},
        )

    monkeypatch.setattr(api, "solve", interrupted)
    with pytest.raises(KeyboardInterrupt):
        sweep(game, {"x": [0.5, 2.0]}, fast=False)
    assert calls and calls[0] is False  # no progress bar per point
