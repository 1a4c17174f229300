"""Polymatrix games (issue 16): every solver's answer is an equilibrium, the pure search and
Lemke agree with deterrence.solve on the expanded normal form, networkx round trips, cuts."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from deterrence import solve
from deterrence.exceptions import InvalidGameError
from deterrence.games.polymatrix import PolymatrixGame
from deterrence.solvers.polymatrix import (
    cut_effects,
    solve_polymatrix,
    solve_polymatrix_lemke,
    solve_polymatrix_pure,
)


def random_game(
    seed: int, num_players: int = 4, edges: int = 4, strategies: int = 2, floats: bool = False
) -> PolymatrixGame:
    rng = np.random.default_rng(seed)
    graph = nx.gnm_random_graph(num_players, edges, seed=seed)
    draw = (
        (lambda: rng.normal(size=(strategies, strategies)))
        if floats
        else (lambda: rng.integers(-4, 5, size=(strategies, strategies)).tolist())
    )
    return PolymatrixGame(
        {f"n{k}": [f"s{j}" for j in range(strategies)] for k in graph.nodes},
        {(f"n{u}", f"n{v}"): (draw(), draw()) for u, v in graph.edges},
    )


@given(st.integers(0, 10_000), st.integers(2, 5), st.integers(1, 3))
@settings(max_examples=40, deadline=None)
def test_pure_equilibria_match_the_expanded_normal_form(seed, num_players, strategies):
    game = random_game(seed, num_players, num_players, strategies)
    expected = {eq.outcome for eq in solve(game.to_normal_form(), method="pure")}
    found = solve_polymatrix_pure(game)
    assert {eq.outcome for eq in found} == expected
    assert all(eq.max_regret() == 0 for eq in found)


@given(st.integers(0, 10_000), st.integers(2, 6), st.integers(2, 3))
@settings(max_examples=40, deadline=None)
def test_lemke_returns_an_equilibrium_of_the_expanded_game(seed, num_players, strategies):
    game = random_game(seed, num_players, num_players + 1, strategies, floats=True)
    equilibrium = solve_polymatrix_lemke(game)[0]
    assert equilibrium.max_regret() <= 1e-8
    expanded = game.to_normal_form()
    from deterrence.solvers.verify import max_regret

    assert max_regret(expanded, equilibrium.strategies) <= 1e-8


def test_all_equilibria_of_a_small_game_through_the_expanded_form():
    coordination = ([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    pair = PolymatrixGame({"a": "xy", "b": "xy"}, {("a", "b"): coordination})
    result = solve_polymatrix(pair, method="expanded")
    assert result.complete and result.max_regret() == 0 and len(result) == 3
    chain = PolymatrixGame(
        {"a": "xy", "b": "xy", "c": "xy"}, {("a", "b"): coordination, ("b", "c"): coordination}
    )
    with pytest.warns(Warning, match="degenerate"):
        result = solve_polymatrix(chain, method="expanded")
    assert {"(x, x, x)", "(y, y, y)"} <= set(result.outcomes)


def test_networkx_round_trip_and_cuts():
    dependency = {"comply": 0, "resist": 1}
    graph = nx.star_graph(3)
    for u, v in graph.edges:
        graph.edges[u, v]["payoffs"] = {u: [[2, 0], [1, 1]], v: [[2, 0], [1, 1]]}
    game = PolymatrixGame.from_networkx(graph, strategies=tuple(dependency))
    back = PolymatrixGame.from_networkx(game.to_networkx())
    assert back.edges == game.edges and back.to_normal_form() == game.to_normal_form()
    assert game.isolate("0").num_edges == 0
    table = cut_effects(game, "0")
    assert list(table.columns) == [
        "coercer_payoff",
        "partner_payoff",
        "others_total",
        "damage",
        "outcome",
    ]
    with pytest.raises(InvalidGameError, match="not an edge"):
        game.without_edges([("1", "2")])
    with pytest.raises(InvalidGameError, match="expected \\(2, 2\\)"):
        PolymatrixGame({"a": "xy", "b": "xy"}, {("a", "b"): ([[1, 2]], [[1, 2], [3, 4]])})
    with pytest.raises(InvalidGameError, match="self-loop"):
        PolymatrixGame({"a": "xy"}, {("a", "a"): ([[1, 2], [3, 4]], [[1, 2], [3, 4]])})


def test_lemke_on_a_sparse_network_of_a_hundred():
    graph = nx.random_regular_graph(3, 100, seed=2)
    rng = np.random.default_rng(2)
    game = PolymatrixGame(
        {k: ("comply", "resist") for k in graph.nodes},
        {(u, v): (rng.normal(size=(2, 2)), rng.normal(size=(2, 2))) for u, v in graph.edges},
    )
    result = solve_polymatrix_lemke(game)
    assert result[0].max_regret() <= 1e-8 and result.options["pivots"] > 0
