"""One shared check suite for every registered solution concept (as scikit-learn's estimator
checks): what the analysis layer relies on, asserted for each concept on games of its kind."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pandas as pd
import pytest

from deterrence.analysis import regimes, sweep, thresholds, track
from deterrence.analysis.concepts import (
    NashConcept,
    SolutionConcept,
    concept_names,
    get_concept,
    register_concept,
    unregister_concept,
)
from deterrence.exceptions import InvalidGameError
from deterrence.games import (
    BayesianGame,
    Parameter,
    ParametricAnonymousGame,
    ParametricGame,
    ParametricSignallingGame,
    SignallingGame,
)
from deterrence.games.extensive import ExtensiveFormGame, chance, decision, terminal


def coordination():
    return ParametricGame.from_matrices(
        [["x", 0], [0, 1]], [[1, 0], [0, 1]], [Parameter("x", default="1/2", domain=(-1, 1))]
    )


def challenge_tree():
    return ExtensiveFormGame.build(
        players=("challenger", "defender"),
        parameters=[Parameter("x", default=2, domain=(0, 4))],
        root=decision(
            "challenger",
            {
                "status quo": terminal(0, 0),
                "challenge": decision(
                    "defender", {"retaliate": terminal(-1, "x - 1"), "concede": terminal(1, 0)}
                ),
            },
        ),
    )


def resolve_tree():
    """Chance picks the defender's type; the challenger cannot see it (an information set)."""
    return ExtensiveFormGame.build(
        players=("challenger", "defender"),
        parameters=[Parameter("x", default="1/3", domain=(0, 1))],
        root=chance(
            {
                "resolute": (
                    "x",
                    decision(
                        "challenger",
                        {
                            "status quo": terminal(0, 1),
                            "challenge": decision(
                                "defender",
                                {"retaliate": terminal(-6, 2), "concede": terminal(4, -4)},
                            ),
                        },
                        infoset="challenger",
                    ),
                ),
                "irresolute": (
                    "1 - x",
                    decision(
                        "challenger",
                        {
                            "status quo": terminal(0, 1),
                            "challenge": decision(
                                "defender",
                                {"retaliate": terminal(-6, -7), "concede": terminal(4, -4)},
                            ),
                        },
                        infoset="challenger",
                    ),
                ),
            }
        ),
    )


def coalition():
    return ParametricAnonymousGame(
        4, {"go": "x*k - 1", "stay": "0"}, [Parameter("x", default="1/2", domain=(0, 2))]
    )


def job_market():
    """Spence's signalling game with the cost of education as the parameter."""
    return ParametricSignallingGame(
        sender_payoffs=[[[2, 0], ["2 - x", "-x"]], [[2, 0], ["2 - 2*x", "-2*x"]]],
        receiver_payoffs=[[[1, 0], [1, 0]], [[0, 1], [0, 1]]],
        prior=["1/3", "2/3"],
        parameters=[Parameter("x", default="3/2", domain=(0, 3))],
        types=("high", "low"),
        messages=("none", "educate"),
        actions=("high wage", "low wage"),
    )


CASES = {
    "nash": (coordination, "x", (-1, 1)),
    "perfect_bayesian": (job_market, "x", (0, 3)),
    "subgame_perfect": (challenge_tree, "x", (0, 4)),
    "subgame_perfect_information_sets": (resolve_tree, "x", (0, 1)),
    "anonymous": (coalition, "x", (0, 2)),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_every_concept_meets_the_interface(case):
    build, parameter, (low, high) = CASES[case]
    game = build()
    concept = get_concept(game)
    assert isinstance(concept, SolutionConcept) and concept.name in concept_names()
    prepared = concept.prepare(game)
    method = concept.resolve_method(prepared, "auto")
    points = np.linspace(low, high, 9)[1:-1]
    # solve_points: the documented columns, one group of rows per point, in point order
    table = concept.solve_points(prepared, {parameter: points}, method=method)
    for column in (parameter, "equilibrium", "is_pure", "profile", "outcome"):
        assert column in table.columns, column
    assert isinstance(table["profile"].dtype, pd.CategoricalDtype)
    for columns in table.attrs["players"].values():
        probabilities = table[columns].to_numpy(dtype=float)
        assert np.all(probabilities >= -1e-12)
    # structure_at: one structure per point, and the labels name the table's equilibria
    structures = concept.structure_at(prepared, {parameter: points}, method=method)
    assert len(structures) == len(points)
    for k, structure in enumerate(structures):
        labels = set(concept.labels(prepared, structure))
        rows = table[np.isclose(table[parameter], points[k])]
        assert set(rows["profile"].astype(str)) <= labels | {""}, (labels, rows["profile"])
    # thresholds: the structure really differs on the two sides of each one
    for threshold in thresholds(game, parameter, domain=(low, high)):
        assert threshold.concept == concept.name
        value = float(threshold.value)
        delta = 1e-6 * max(1.0, abs(value))
        below, above = concept.structure_at(
            prepared, {parameter: [value - delta, value + delta]}, method=method
        )
        assert below != above
    # regimes: cover the interval, record the concept
    found = regimes(game, {parameter: (low, high)})
    assert found.concept == concept.name
    assert sum(r.area for r in found) == pytest.approx(1)
    # sweep and track: the concept is recorded
    frame = sweep(game, {parameter: list(points)}, progress=False)
    assert frame.attrs["concept"] == concept.name
    assert track(game, parameter, points).concept == concept.name


def test_the_tree_with_information_sets_finds_the_exact_switch():
    # challenge pays 4(1 - x) - 6x > 0 below x = 2/5 (only the resolute type retaliates)
    [threshold] = thresholds(resolve_tree(), "x")
    assert threshold.value == Fraction(2, 5)
    assert threshold.below == ("(challenge, retaliate/concede)",)
    assert threshold.above == ("(status quo, retaliate/concede)",)


def test_concepts_are_found_by_name_alias_and_instance():
    tree = challenge_tree()
    assert get_concept(tree, "spe") is get_concept(tree, "subgame_perfect")
    nash = get_concept(tree, "nash")
    assert get_concept(tree, nash) is nash
    with pytest.raises(InvalidGameError, match="unknown solution concept 'sgp'"):
        get_concept(tree, "sgp")
    with pytest.raises(InvalidGameError, match="subgame perfection needs a game tree"):
        thresholds(coordination(), "x", concept="subgame_perfect")


def test_bayesian_and_signalling_games_are_analysed_at_their_point():
    bayesian = BayesianGame.from_type_games(
        {
            "resolved": ([[0, -2], [0, 1]], [[0, 1], [0, -1]]),
            "irresolute": ([[0, 2], [0, 1]], [[0, -1], [0, -1]]),
        },
        prior=["1/3", "2/3"],
        player_with_types="defender",
        players=("defender", "challenger"),
        actions=(("resist", "yield"), ("wait", "challenge")),
    )
    table = sweep(bayesian, {}, progress=False)
    assert table.attrs["concept"] == "bayesian_nash" and len(table) > 0
    spence = SignallingGame(
        sender_payoffs=[[[2, 1], [1, 0]], [[2, 1], [0, -1]]],
        receiver_payoffs=[[[1, 0], [1, 0]], [[0, 1], [0, 1]]],
        prior=["1/2", "1/2"],
        types=("high", "low"),
        messages=("none", "educate"),
        actions=("high wage", "low wage"),
    )
    table = sweep(spence, {}, progress=False)
    assert table.attrs["concept"] == "perfect_bayesian"
    assert "separating" in set(table["kind"])
    beliefs = table[[c for c in table.columns if c.startswith("belief (after none)")]]
    np.testing.assert_allclose(beliefs.sum(axis=1), 1.0)


def test_a_new_concept_plugs_in_without_touching_the_analysis_functions():
    class PureNash(NashConcept):
        name, aliases, title = "pure_nash_test", ("pnt",), "pure Nash equilibria"

        def resolve_method(self, game, method):
            return "pure"

    register_concept(PureNash())
    try:
        found = regimes(coordination(), "x", concept="pnt")
        assert found.concept == "pure_nash_test"
        assert found.method == "pure"
        assert [r.label for r in found] == ["(s2, s2)", "(s1, s1) | (s2, s2)"]
    finally:  # leave the registry as it was (other tests list the concepts)
        unregister_concept("pure_nash_test")
    assert "pure_nash_test" not in concept_names()


def test_signalling_thresholds_bracket_every_change_a_grid_sees():
    """Completeness of the perfect Bayesian candidates on a 2x2x2 game whose payoffs and
    prior move with x (pooling on either message, separating and hybrid regimes, quadratic
    thresholds): every change of structure between neighbouring grid points lies at a
    threshold."""
    game = ParametricSignallingGame(
        [[["-2", "x - 3"], ["-x", "-2*x - 3"]], [["x - 3", "1"], ["3 - 2*x", "2*x - 2"]]],
        [[["1", "-x - 1"], ["3 - 2*x", "-x - 1"]], [["-3", "3"], ["-x - 2", "-1"]]],
        ["x/8 + 1/2", "1/2 - x/8"],
        [Parameter("x", domain=(-3, 3))],
    )
    found = [float(t.value) for t in thresholds(game, "x")]
    assert len(found) == 8
    concept = get_concept(game)
    grid = np.linspace(-2.95, 2.95, 37)
    structures = concept.structure_at(game, {"x": grid}, method="auto")
    for k in range(1, len(grid)):
        if structures[k] != structures[k - 1]:
            assert any(grid[k - 1] <= value <= grid[k] for value in found), grid[k]
