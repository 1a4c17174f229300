"""Tests of deterrence.solvers.evolutionary: replicator dynamics, rest points, Moran process.

Known answers: Hofbauer and Sigmund (1998) for the replicator dynamics of hawk-dove,
rock-paper-scissors and matching pennies; Nowak, Sasaki, Taylor and Fudenberg (2004) for
fixation probabilities; Moran (1958) for constant fitness.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from deterrence.exceptions import InvalidGameError, InvalidProfileError
from deterrence.games.normal_form import NormalFormGame
from deterrence.games.repeated import prisoners_dilemma
from deterrence.solvers.evolutionary import (
    discrete_replicator_dynamics,
    fixation_probability,
    replicator_dynamics,
    replicator_rest_points,
    simulate_fixation,
)
from deterrence.solvers.repeated import imperfect_monitoring_game

HAWK_DOVE = [[-1, 2], [0, 1]]  # V = 2, C = 4: (V-C)/2, V; 0, V/2
STAG_HUNT = [[4, 0], [3, 3]]
RPS = [[0, -1, 1], [1, 0, -1], [-1, 1, 0]]


def test_hawk_dove_converges_to_v_over_c():
    trajectory = replicator_dynamics(HAWK_DOVE, [0.05, 0.95], time=80)
    assert trajectory.final == pytest.approx([0.5, 0.5], abs=1e-6)
    assert trajectory.shares.shape == (201, 2)
    assert np.allclose(trajectory.shares.sum(axis=1), 1, atol=1e-8)


def test_prisoners_dilemma_goes_to_defection():
    trajectory = replicator_dynamics(prisoners_dilemma(), [0.99, 0.01], time=60)
    assert trajectory.final[1] > 0.999
    assert trajectory.strategies == ("cooperate", "defect")


def test_rest_points_of_the_stag_hunt():
    points = {p.shares: p for p in replicator_rest_points(STAG_HUNT)}
    stag, hare = (Fraction(1), Fraction(0)), (Fraction(0), Fraction(1))
    interior = (Fraction(3, 4), Fraction(1, 4))
    assert set(points) == {stag, hare, interior}
    # x' = x(1-x)(4x-3): slopes -1 at x=1, -3 at x=0, +3/4 at x=3/4
    assert points[stag].eigenvalues.real == pytest.approx([-1])
    assert points[hare].eigenvalues.real == pytest.approx([-3])
    assert points[interior].eigenvalues.real == pytest.approx([0.75])
    assert [points[k].stability for k in (stag, hare, interior)] == ["stable", "stable", "unstable"]


def test_rock_paper_scissors_centre_is_a_centre():
    points = replicator_rest_points(RPS)
    centre = [p for p in points if len(p.support) == 3]
    assert len(centre) == 1
    assert centre[0].shares == (Fraction(1, 3),) * 3
    assert centre[0].stability == "non-hyperbolic"
    assert sorted(centre[0].eigenvalues.imag) == pytest.approx([-1 / np.sqrt(3), 1 / np.sqrt(3)])
    assert np.allclose(centre[0].eigenvalues.real, 0)


def test_two_population_matching_pennies():
    pennies = NormalFormGame.zero_sum([[1, -1], [-1, 1]])
    points = replicator_rest_points(pennies)
    interior = [p for p in points if len(p.support) == 4]
    assert interior[0].shares == (Fraction(1, 2),) * 4
    assert sorted(interior[0].eigenvalues.imag) == pytest.approx([-1, 1])
    assert interior[0].stability == "non-hyperbolic"
    # every vertex is a saddle
    vertices = [p for p in points if len(p.support) == 2]
    assert len(vertices) == 4 and all(p.stability == "unstable" for p in vertices)
    trajectory = replicator_dynamics(pennies, ([0.6, 0.4], [0.5, 0.5]), time=10)
    assert trajectory.populations == 2 and trajectory.shares.shape[1] == 4


def test_two_population_prisoners_dilemma_is_stable_at_mutual_defection():
    points = replicator_rest_points(prisoners_dilemma(), populations=2)
    stable = [p.shares for p in points if p.stability == "stable"]
    assert stable == [(0, 1, 0, 1)]


def test_bad_inputs():
    with pytest.raises(InvalidGameError, match="symmetric"):
        replicator_dynamics(NormalFormGame.zero_sum([[1, -1], [-1, 1]]), [0.5, 0.5], populations=1)
    with pytest.raises(InvalidProfileError, match="sum"):
        replicator_dynamics(HAWK_DOVE, [0.5, 0.6])
    with pytest.raises(InvalidProfileError, match="entries"):
        replicator_dynamics(HAWK_DOVE, [1, 0, 0])
    with pytest.raises(InvalidGameError, match="square"):
        replicator_dynamics([[1, 2, 3]], [1])
    with pytest.raises(InvalidGameError, match="time"):
        replicator_dynamics(HAWK_DOVE, [0.5, 0.5], time=-1)


@settings(max_examples=30, deadline=None)
@given(
    st.lists(st.lists(st.integers(-5, 5), min_size=3, max_size=3), min_size=3, max_size=3),
    st.lists(st.floats(0.01, 1), min_size=3, max_size=3),
)
def test_discrete_replicator_stays_on_the_simplex(matrix, weights):
    start = np.array(weights) / sum(weights)
    trajectory = discrete_replicator_dynamics(matrix, start, generations=50)
    assert np.all(trajectory.shares >= 0)
    assert np.allclose(trajectory.shares.sum(axis=1), 1)


def test_discrete_replicator_fixed_point_of_hawk_dove():
    trajectory = discrete_replicator_dynamics(HAWK_DOVE, [0.2, 0.8], generations=400)
    assert trajectory.final == pytest.approx([0.5, 0.5], abs=1e-9)
    with pytest.raises(InvalidGameError, match="background_fitness"):
        discrete_replicator_dynamics(HAWK_DOVE, [0.2, 0.8], background_fitness=0.5)


def test_fixation_neutral_drift_is_one_over_n():
    for size in (2, 5, 30):
        rho = fixation_probability(
            prisoners_dilemma(), "cooperate", "defect", population_size=size, selection_intensity=0
        )
        assert rho == Fraction(1, size)


@pytest.mark.parametrize(("fitness", "size"), [(2, 3), (Fraction(3, 2), 10), (Fraction(1, 2), 7)])
def test_fixation_with_constant_fitness_is_morans_formula(fitness, size):
    """Mutant fitness r, resident 1: rho = (1 - 1/r) / (1 - 1/r^N) (Moran 1958)."""
    game = [[fitness, fitness], [1, 1]]
    expected = (1 - 1 / Fraction(fitness)) / (1 - 1 / Fraction(fitness) ** size)
    assert fixation_probability(game, 0, 1, population_size=size) == expected
    # i initial mutants: (1 - r^-i)/(1 - r^-N)
    expected_two = (1 - Fraction(fitness) ** -2) / (1 - Fraction(fitness) ** -size)
    assert fixation_probability(game, 0, 1, population_size=size, initial_mutants=2) == expected_two


def test_weak_selection_condition_of_nowak_et_al_2004():
    """TFT vs ALLD over m = 10 rounds: a, b, c, d = 30, 9, 14, 10 (Nowak et al. 2004).

    Weak selection favours TFT (rho > 1/N) iff a(N-2) + b(2N-1) > c(N+1) + d(2N-4), i.e.
    14 N > 43: not for N = 3 (75 < 76), yes for N = 4 (123 > 110).
    """
    game = [[30, 9], [14, 10]]
    w = Fraction(1, 10000)
    assert fixation_probability(game, 0, 1, population_size=3, selection_intensity=w) < Fraction(
        1, 3
    )
    assert fixation_probability(game, 0, 1, population_size=4, selection_intensity=w) > Fraction(
        1, 4
    )


def test_fixation_errors():
    with pytest.raises(InvalidGameError, match="same strategy"):
        fixation_probability(HAWK_DOVE, 0, 0, population_size=5)
    with pytest.raises(InvalidGameError, match="population_size"):
        fixation_probability(HAWK_DOVE, 0, 1, population_size=1)
    with pytest.raises(InvalidGameError, match="selection_intensity"):
        fixation_probability(HAWK_DOVE, 0, 1, population_size=5, selection_intensity=2)
    with pytest.raises(InvalidGameError, match="non-positive fitness"):
        fixation_probability([[-5, -5], [1, 1]], 0, 1, population_size=5)
    with pytest.raises(InvalidGameError, match="mutant"):
        fixation_probability(HAWK_DOVE, 3, 1, population_size=5)


def test_simulated_fixation_matches_the_closed_form_and_is_reproducible():
    game = [[30, 9], [14, 10]]
    exact = float(
        fixation_probability(game, 0, 1, population_size=8, selection_intensity=Fraction(1, 10))
    )
    trials = 20_000
    estimate = simulate_fixation(
        game, 0, 1, population_size=8, selection_intensity=0.1, trials=trials, rng=7
    )
    error = np.sqrt(exact * (1 - exact) / trials)
    assert abs(estimate - exact) < 5 * error
    again = simulate_fixation(
        game, 0, 1, population_size=8, selection_intensity=0.1, trials=trials, rng=7
    )
    assert again == estimate


@pytest.mark.parametrize(
    ("detection", "false_alarm", "winner"),
    [("3/10", "1/10", "defect"), ("9/10", "1/100", "trigger")],
)
def test_security_dilemma_drifts_with_monitoring(detection, false_alarm, winner):
    """Blocs using grim trigger against defectors: poor monitoring (threshold 10/11 > 9/10)
    lets defection take over; good monitoring (threshold 50/94 < 9/10) keeps cooperation."""
    game = imperfect_monitoring_game(
        prisoners_dilemma(), discount="9/10", detection=detection, false_alarm=false_alarm
    )
    trajectory = replicator_dynamics(game, [0.9, 0.1], time=200)
    index = game.strategies[0].index(winner)
    assert trajectory.final[index] > 0.99
