"""nashpy and pandas in and out."""

from __future__ import annotations

from fractions import Fraction

import nashpy
import numpy as np
import pytest

from deterrence import InvalidGameError, NormalFormGame, solve
from deterrence.io.interop import from_nashpy, game_from_frame, game_to_frame, to_nashpy


def test_nashpy_round_trip_and_same_equilibria():
    game = NormalFormGame.from_matrices([[4, 0], [3, 3]], [[4, 3], [0, 3]], players=("a", "b"))
    theirs = to_nashpy(game)
    assert isinstance(theirs, nashpy.Game)
    back = from_nashpy(theirs, players=("a", "b"))
    np.testing.assert_array_equal(back.float_payoffs, game.float_payoffs)
    ours = sorted(tuple(np.round(eq.strategies[0].astype(float), 9)) for eq in solve(game))
    nash = sorted(tuple(np.round(x, 9)) for x, _ in theirs.support_enumeration())
    assert ours == nash


def test_frame_round_trip_three_players_exact():
    payoffs = np.arange(3 * 2 * 1 * 3).reshape(3, 2, 1, 3).astype(object)
    payoffs[0, 0, 0, 0] = Fraction(1, 3)
    game = NormalFormGame(payoffs, players=("x", "y", "z"))
    frame = game_to_frame(game)
    assert list(frame.columns) == ["x", "y", "z", "payoff:x", "payoff:y", "payoff:z"]
    assert len(frame) == 6
    assert game_from_frame(frame) == game
    assert game_from_frame(frame.sample(frac=1, random_state=1)).payoffs.shape == (3, 2, 1, 3)


def test_frame_errors_name_the_problem():
    game = NormalFormGame.from_matrices([[1, 2]], [[3, 4]], players=("r", "c"))
    frame = game_to_frame(game)
    with pytest.raises(InvalidGameError, match="no column"):
        game_from_frame(frame.drop(columns="payoff:c"))
    with pytest.raises(InvalidGameError, match="twice"):
        game_from_frame(frame.iloc[[0, 0, 1]])
    bigger = game_to_frame(NormalFormGame.from_matrices([[1, 2], [3, 4]], [[1, 2], [3, 4]]))
    with pytest.raises(InvalidGameError, match="missing"):
        game_from_frame(bigger.iloc[:3])
