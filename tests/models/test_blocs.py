"""Two blocs competing for the rest of the world: the key result three ways (the closed
forms, the general layer's thresholds and regimes, a sweep), the closed-form equilibria
against the solver, and the blocs' courting race."""

from __future__ import annotations

import warnings
from fractions import Fraction as F

import numpy as np
import pytest

from deterrence import solve
from deterrence.analysis import regimes, sweep, thresholds
from deterrence.exceptions import DegenerateGameWarning, InvalidGameError
from deterrence.models import get_model
from deterrence.models.blocs import (
    bloc_competition,
    bloc_payoffs,
    bloc_regimes,
    bloc_thresholds,
    courting_race,
)
from deterrence.solvers.anonymous import solve_anonymous_mixtures, solve_anonymous_pure

JOIN_A, JOIN_B, NON_ALIGNED = 0, 1, 2


def _stable(game) -> list:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DegenerateGameWarning)
        return [eq for eq in solve_anonymous_mixtures(game, exact=True) if eq.stability == "stable"]


def _solver_regimes(**values) -> dict[str, bool]:
    """The three outcomes read off the solver's stable symmetric equilibria."""
    size = values.pop("num_countries", 10)
    stable = _stable(bloc_competition(num_countries=size).at(**values))
    half = (F(1, 2), F(1, 2), F(0))
    return {
        "non_alignment_survives": any(eq.probabilities[NON_ALIGNED] == 1 for eq in stable),
        "one_bloc_absorbs": any(
            eq.probabilities[JOIN_A] == 1 or eq.probabilities[JOIN_B] == 1 for eq in stable
        ),
        "two_blocs": any(eq.probabilities == half for eq in stable),
    }


# ---------------------------------------------------------------- the payoffs
def test_payoffs_follow_the_derivation():
    game = bloc_competition(num_countries=4).at(
        courting=2, advantage=1, network=3, dependence=1, autonomy=1, squeeze=F(3, 2)
    )
    n = 3
    for column, (k_a, k_b, _k_n) in enumerate(game.count_profiles.tolist()):
        s_a, s_b = F(k_a, n), F(k_b, n)
        assert game.table[JOIN_A, column] == 3 * (1 - s_a) + 3 * s_a - 1
        assert game.table[JOIN_B, column] == 2 * (1 - s_b) + 3 * s_b - 1
        assert game.table[NON_ALIGNED, column] == 1 - F(3, 2) * (s_a + s_b)


# ---------------------------------------------------------------- key result, three ways
def test_thresholds_match_the_formulas_at_the_defaults():
    found = thresholds(bloc_competition(), "courting", fixed="defaults", domain=(0, 5))
    formula = bloc_thresholds()
    assert [t.value for t in found] == [formula["non_alignment_ends"], formula["split_begins"]]
    assert found[0].value == 2 and found[1].value == 3


def test_thresholds_are_the_formulas_symbolically():
    game = bloc_competition()
    found = thresholds(game, "courting", domain=(0, 5), fixed={"advantage": 0, "squeeze": F(3, 2)})
    symbols = {p.name: p.symbol for p in game.parameters}
    expressions = {t.expression for t in found}
    assert symbols["autonomy"] + symbols["dependence"] in expressions
    assert symbols["network"] in expressions


def test_regimes_name_the_three_outcomes():
    game = bloc_competition()
    found = regimes(game, {"courting": (0, 5)}, fixed="defaults")
    labels = [set(r.outcomes) for r in found]
    assert "every country stays non-aligned" in labels[0]
    assert {"bloc A absorbs every country", "bloc B absorbs every country"} <= labels[0]
    assert "every country stays non-aligned" not in labels[1]
    assert {"bloc A absorbs every country", "bloc B absorbs every country"} <= labels[1]
    assert "symmetric mix of join A and join B (stable)" in labels[2]
    assert "5 join A, 5 join B" in labels[2]


def test_sweep_agrees_with_the_formulas():
    grid = [0.5, 1.5, 2.5, 3.5, 4.5]
    frame = sweep(bloc_competition(), {"courting": grid}, progress=False)
    for courting in grid:
        rows = frame[frame["courting"] == courting]
        stable = set(rows.loc[rows["stability"] == "stable", "profile"].astype(str))
        expected = bloc_regimes(courting=F(courting))
        assert ("all non-aligned" in stable) == expected["non_alignment_survives"]
        assert ("all join A" in stable) == expected["one_bloc_absorbs"]
        assert ("symmetric mix of join A and join B (stable)" in stable) == expected["two_blocs"]


@pytest.mark.parametrize("seed", range(3))
def test_formulas_match_the_solver_at_random_points(seed):
    rng = np.random.default_rng(seed)
    for _ in range(8):
        values = {
            "courting": F(int(rng.integers(0, 13)), 2),
            "network": F(int(rng.integers(0, 9)), 2),
            "dependence": F(int(rng.integers(0, 5)), 2),
            "autonomy": F(int(rng.integers(-4, 7)), 2),
            "squeeze": F(int(rng.integers(0, 7)), 2),
        }
        formula = bloc_regimes(**values)
        c, g, d, a, q = (
            values[k] for k in ("courting", "network", "dependence", "autonomy", "squeeze")
        )
        if c in (a + d, g) or (c + g) / 2 - d == a - q or g - d == a - q:
            continue  # on a threshold: ties, continua
        size = int(rng.integers(3, 8))
        assert _solver_regimes(num_countries=size, **values) == formula, (values, size)


# ---------------------------------------------------------------- closed forms
def test_mixtures_have_the_closed_forms():
    # c = 1, g = 3, d = 1, a = 1, q = 3/2: A with non-aligned at (a + d - c)/(g + q - c) = 2/7,
    # all three at (a + d - c)/(g + 2q - c) = 1/5 each bloc
    game = bloc_competition().at(courting=1)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DegenerateGameWarning)
        result = solve_anonymous_mixtures(game, exact=True)
    by_support = {eq.support: eq for eq in result}
    assert by_support[("join A", "non-aligned")].probabilities == (F(2, 7), 0, F(5, 7))
    assert by_support[("join A", "join B", "non-aligned")].probabilities == (
        F(1, 5),
        F(1, 5),
        F(3, 5),
    )
    assert by_support[("join A", "join B")].stability == "saddle"
    assert result.complete and all(eq.max_regret() == 0 for eq in result)


@pytest.mark.parametrize(("size", "splits"), [(10, [(5, 5, 0)]), (7, [(4, 3, 0), (3, 4, 0)])])
def test_the_world_splits_into_two_blocs_of_countries(size, splits):
    game = bloc_competition(num_countries=size).at(courting=4)
    assert sorted(eq.counts for eq in solve_anonymous_pure(game)) == sorted(splits)
    below = bloc_competition(num_countries=size).at(courting=F(5, 2))
    assert all(max(eq.counts) == size for eq in solve_anonymous_pure(below))


# ---------------------------------------------------------------- the blocs' race
def test_courting_race_is_a_dilemma_under_the_uniform_rule():
    race = courting_race()
    (equilibrium,) = list(solve(race, exact=True))
    assert equilibrium.outcome == "(court hard, court hard)"
    assert equilibrium.payoffs == (F(1, 2), F(1, 2))
    assert race.payoff_matrix(0)[0][0] == 1  # both soft: 1 each, better than the race
    # the race splits the world: hard offers exceed the network effect
    stable = _stable(bloc_competition().at(courting=4))
    assert [eq.probabilities for eq in stable] == [(F(1, 2), F(1, 2), 0)]


def test_status_quo_selection_removes_the_dilemma():
    race = courting_race(selection="status_quo")
    (equilibrium,) = list(solve(race, exact=True))
    assert equilibrium.outcome == "(court hard, court hard)"
    assert race.payoff_matrix(0)[0][0] == 0  # both soft: the world stays non-aligned
    assert bloc_payoffs(4, 1) == (3, 0)


# ---------------------------------------------------------------- registry and errors
def test_registered_as_an_anonymous_model():
    model = get_model("bloc_competition")
    assert model.kind == "anonymous" and model.key_parameter == "courting"
    assert model.structural == ("num_countries",)
    assert model.build(num_countries=5).num_players == 5


def test_bad_input_is_named():
    with pytest.raises(InvalidGameError, match="num_countries"):
        bloc_competition(num_countries=F(5, 2))
    with pytest.raises(InvalidGameError, match="selection"):
        bloc_payoffs(1, 1, selection="best")
    with pytest.raises(InvalidGameError, match="advantage"):
        bloc_regimes(advantage=1)
    with pytest.raises(InvalidGameError, match="unknown"):
        bloc_payoffs(1, 1, courting=2)
