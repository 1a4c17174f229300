"""Equilibrium tracking: continuity of branches, folds, exact event locations."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest

from deterrence.analysis import track
from deterrence.exceptions import InvalidGameError
from deterrence.games import Parameter, ParametricGame


@pytest.fixture
def coordination():
    return ParametricGame.from_matrices(
        [["x", 0], [0, 1]], [[1, 0], [0, 1]], [Parameter("x", domain=(-1, 1))]
    )


def test_fold_and_continuous_mixed_branch(coordination):
    path = np.linspace(-1, 1, 41)
    result = track(coordination, "x", path)
    assert len(result.branches) == 3
    [event] = result.events
    assert event.kind == "fold" and event.threshold.value == Fraction(0)
    assert event.between == (0.0, 0.05) or event.between[0] <= 0 <= event.between[1]
    mixed = next(b for b in result.branches if b.outcomes[0].count("*") == 2)
    # the column player's first-strategy probability makes the row player indifferent:
    # x q = 1 - q, so q = 1 / (1 + x)
    np.testing.assert_allclose(mixed.strategies[1][:, 0], 1 / (1 + mixed.values))
    assert np.all(mixed.values >= 0)  # born at the degenerate game x = 0
    always = next(b for b in result.branches if b.outcomes[0] == "(s2, s2)")
    assert len(always.values) == len(path)  # one branch, never broken


def test_frame_has_branch_column(coordination):
    frame = track(coordination, "x", [-1, 0.5, 1]).to_frame()
    assert "branch" in frame.columns
    assert frame.groupby("branch")["x"].count().to_dict() == {0: 3, 1: 2, 2: 2}


def test_disappearing_branch_and_decreasing_path(coordination):
    result = track(coordination, "x", [1, 0.5, -0.5, -1])
    assert [e.kind for e in result.events] == ["fold"]
    assert "disappear" in result.events[0].description


def test_branches_follow_continuity_not_order():
    # two pure equilibria that swap canonical order half-way are still two branches
    game = ParametricGame.from_matrices(
        [["1", 0], [0, 1]], [["t", 0], [0, "1 - t"]], [Parameter("t", domain=(0, 1))]
    )
    result = track(game, "t", np.linspace(0.1, 0.9, 9))
    pure = [b for b in result.branches if len(b.values) == 9 and "*" not in b.outcomes[0]]
    assert sorted(b.outcomes[0] for b in pure) == ["(s1, s1)", "(s2, s2)"]


def test_errors(coordination):
    with pytest.raises(InvalidGameError, match="at least two"):
        track(coordination, "x", [0.5])
    with pytest.raises(InvalidGameError, match="outside its domain"):
        track(coordination, "x", [0, 2])
    with pytest.raises(InvalidGameError, match="unknown parameter"):
        track(coordination, "y", [0, 1])


def test_tracking_an_anonymous_game_follows_symmetric_and_count_equilibria():
    from fractions import Fraction

    from deterrence.models.friend_shoring import friend_shoring_commitment

    game = friend_shoring_commitment()  # fold at sharing_cost = 9/4, "3 of 5" dies at 6
    path = track(game, "sharing_cost", np.linspace(0.5, 7.5, 15))
    assert path.method == "auto"
    assert all(len(branch.strategies) == 1 for branch in path.branches)
    assert all(branch.strategies[0].shape[1] == 2 for branch in path.branches)
    by_label = {branch.outcomes[0]: branch for branch in path.branches}
    assert by_label["3 of 5 honour"].stop == 6.0
    assert by_label["all renege"].stop == 7.5
    events = {event.threshold.value for event in path.events if event.threshold is not None}
    assert events == {Fraction(9, 4), Fraction(6)}
    # the two symmetric mixed branches end together at the fold
    mixed = [b for b in path.branches if "*" in b.outcomes[0]]
    assert len(mixed) == 2 and {b.stop for b in mixed} == {2.0}
    assert "branch" in path.to_frame().columns
