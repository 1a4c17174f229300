"""Step payoffs of two-strategy anonymous games: ``{count: payoff}`` per strategy."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from deterrence.exceptions import InvalidGameError
from deterrence.games.anonymous import AnonymousGame
from deterrence.games.anonymous_families import threshold_public_good, volunteers_dilemma
from deterrence.solvers.anonymous import solve_anonymous_symmetric

payoffs = st.one_of(st.integers(-5, 5), st.fractions(-5, 5, max_denominator=9))


@st.composite
def step_games(draw):
    num_players = draw(st.integers(2, 12))
    steps = [
        {0: draw(payoffs)}
        | {c: draw(payoffs) for c in draw(st.sets(st.integers(1, num_players - 1), max_size=3))}
        for _ in range(2)
    ]
    return num_players, steps


def by_count(num_players, step):
    """The payoff at each count 0..N-1 of a step mapping, written out."""
    row, current = [], None
    for count in range(num_players):
        current = step.get(count, current)
        row.append(Fraction(current))
    return row


@settings(max_examples=40, deadline=None)
@given(step_games())
def test_steps_give_the_table_written_out(game_and_steps):
    num_players, steps = game_and_steps
    game = AnonymousGame(num_players, steps, strategies=("act", "wait"))
    table = [by_count(num_players, step) for step in steps]
    assert game.is_exact and game.table.tolist() == table
    assert game.table.tolist() == AnonymousGame(num_players, table).table.tolist()
    assert game.payoffs.tolist() == table  # stored as the table, as for an array


def test_step_mappings_by_strategy_and_floats():
    game = AnonymousGame(4, {"wait": {0: 1.5}, "act": {0: 0, 2: 2}}, strategies=("act", "wait"))
    assert not game.is_exact
    assert game.table.tolist() == [[0.0, 0.0, 2.0, 2.0], [1.5] * 4]


@pytest.mark.parametrize(
    ("steps", "match"),
    [
        ([{0: 1}, {0: 2}, {0: 3}], "step payoffs need two strategies"),
        ([{1: 1}, {0: 2}], r"start at the counts \[1\]; expected integers from 0 to 4"),
        ([{0: 1, 5: 2}, {0: 2}], "from 0 to 4"),
        ([{0: 1, True: 2}, {0: 2}], "from 0 to 4"),
        ([{0: 1, "2": 2}, {0: 2}], "from 0 to 4"),
        ([{0: 1}, {0: "x"}], "step payoffs"),
        ([{0: 1}, {0: float("nan")}], "finite"),
    ],
)
def test_bad_steps_are_named(steps, match):
    with pytest.raises(InvalidGameError, match=match):
        AnonymousGame(5, steps)


@pytest.mark.parametrize("threshold", [1, 2, 5, 6])
def test_threshold_public_good_matches_its_definition(threshold):
    value, cost = 3, Fraction(1, 2)
    game = threshold_public_good(6, threshold=threshold, value=value, cost=cost)
    counts = np.arange(6)  # other contributors
    contribute = [value * (k >= threshold - 1) - cost for k in counts]
    withhold = [value * (k >= threshold) for k in counts]
    assert game.table.tolist() == [contribute, withhold]


def test_large_step_games_solve_as_before():
    game = threshold_public_good(10_000, threshold=5_000, cost=Fraction(1, 1000))
    floats = threshold_public_good(10_000, threshold=5_000, cost=0.001)
    assert len(solve_anonymous_symmetric(game)) == len(solve_anonymous_symmetric(floats)) == 3
    assert volunteers_dilemma(10_000, benefit=2, cost=1).table[1, 0] == 0
