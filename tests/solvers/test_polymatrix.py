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
    polymatrix_lcp,
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


def regular_game(
    num_players: int, strategies: int = 2, seed: int = 0, graph_seed: int = 1
) -> PolymatrixGame:
    """Standard normal payoffs on a random 3-regular graph (the benchmark's family)."""
    graph = nx.random_regular_graph(3, num_players, seed=graph_seed)
    rng = np.random.default_rng(seed)
    shape = (strategies, strategies)
    return PolymatrixGame(
        {k: [f"s{j}" for j in range(strategies)] for k in graph.nodes},
        {(u, v): (rng.normal(size=shape), rng.normal(size=shape)) for u, v in graph.edges},
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
        "rank",
        "coercer_payoff",
        "partner_payoff",
        "others_total",
        "damage",
        "damage_low",
        "damage_high",
        "equilibria",
        "outcome",
    ]
    assert table["rank"].tolist() == [1, 1, 1]  # a star of equal edges: a three-way tie
    with pytest.raises(InvalidGameError, match="not an edge"):
        game.without_edges([("1", "2")])
    with pytest.raises(InvalidGameError, match="expected \\(2, 2\\)"):
        PolymatrixGame({"a": "xy", "b": "xy"}, {("a", "b"): ([[1, 2]], [[1, 2], [3, 4]])})
    with pytest.raises(InvalidGameError, match="self-loop"):
        PolymatrixGame({"a": "xy"}, {("a", "a"): ([[1, 2], [3, 4]], [[1, 2], [3, 4]])})


def test_lemke_on_a_sparse_network_of_a_hundred():
    game = regular_game(100, seed=2, graph_seed=2)
    result = solve_polymatrix_lemke(game)
    assert result[0].max_regret() <= 1e-8 and result.options["pivots"] > 0


# ---------------------------------------------------------------- Lemke: priors, degeneracy, peers
def network_game(graph: nx.Graph, strategies: int, kind: str, seed: int = 0) -> PolymatrixGame:
    """A game on ``graph``: anti-coordination on every edge (payoff 1 for differing, the most
    degenerate kind) or small random integers (many ties)."""
    rng = np.random.default_rng(seed)
    graph = nx.convert_node_labels_to_integers(graph)

    def pair():
        if kind == "anti":
            differ = 1 - np.eye(strategies, dtype=int)
            return differ, differ
        return (
            rng.integers(-2, 3, size=(strategies, strategies)),
            rng.integers(-2, 3, size=(strategies, strategies)),
        )

    return PolymatrixGame(
        {f"n{k}": [f"s{j}" for j in range(strategies)] for k in graph.nodes},
        {(f"n{u}", f"n{v}"): pair() for u, v in graph.edges},
    )


@pytest.mark.parametrize(
    "graph",
    [
        nx.grid_2d_graph(5, 5),
        nx.barabasi_albert_graph(30, 2, seed=1),
        nx.gnm_random_graph(30, 60, seed=1),
        nx.path_graph(30),
    ],
    ids=["grid", "barabasi-albert", "gnm", "path"],
)
@pytest.mark.parametrize("kind", ["anti", "integers"])
@pytest.mark.parametrize("strategies", [2, 3])
def test_lemke_on_degenerate_network_games(graph, kind, strategies):
    # ties everywhere: the lexicographic rule must not cycle from the prior's start
    game = network_game(graph, strategies, kind)
    for prior in ("fictitious", "uniform"):
        result = solve_polymatrix_lemke(game, prior=prior)
        assert result[0].max_regret() <= 1e-9


def test_the_prior_selects_the_equilibrium_and_is_checked():
    stag = ([[3, 0], [2, 1]], [[3, 2], [0, 1]])
    game = PolymatrixGame(
        {k: ("stag", "hare") for k in "abc"}, {("a", "b"): stag, ("b", "c"): stag}
    )
    hunt = solve_polymatrix_lemke(game, prior={k: "stag" for k in "abc"})
    assert hunt.outcomes == ("(stag, stag, stag)",) and hunt.options["prior"] == "given"
    mixed = {k: [0.2, 0.8] for k in "abc"}
    assert solve_polymatrix_lemke(game, prior=mixed).outcomes == ("(hare, hare, hare)",)
    with pytest.raises(InvalidGameError, match="prior is 'optimistic'"):
        solve_polymatrix_lemke(game, prior="optimistic")
    with pytest.raises(InvalidGameError, match="no strategy for 'c'"):
        solve_polymatrix_lemke(game, prior={"a": "stag", "b": "stag"})
    with pytest.raises(InvalidGameError, match="prior for 'b'.*summing to 1"):
        solve_polymatrix_lemke(game, prior={"a": "stag", "b": [0.5, 0.6], "c": "hare"})
    with pytest.raises(InvalidGameError, match="prior for 'a'.*non-negative"):
        solve_polymatrix_lemke(game, prior={"a": [-0.5, 1.5], "b": "stag", "c": "hare"})


def test_the_fictitious_prior_keeps_the_path_short():
    # the covering vector of ones needed 1,033 pivots at 300 players and more than 21,000 at
    # 1,000; the start (everyone best-responding to the prior) costs 2 pivots a player
    game = regular_game(200)
    result = solve_polymatrix_lemke(game)
    assert result[0].max_regret() <= 1e-9
    assert result.options["pivots"] < 3 * game.num_players


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_uniform_prior_follows_quantecons_lemke_path(seed):
    # QuantEcon's tableau Lemke (lexicographic rule, from the primary ray) with the same
    # covering vector takes the same path: same pivots, same equilibrium
    lcp_lemke = pytest.importorskip("quantecon.optimize").lcp_lemke
    game = regular_game(40, strategies=3, seed=seed, graph_seed=seed)
    matrix, q = polymatrix_lcp(game)
    matrix = matrix.toarray()
    costs = matrix[: len(q) - game.num_players, : len(q) - game.num_players] @ np.full(
        len(q) - game.num_players, 1 / 3
    )
    theirs = lcp_lemke(matrix, q, d=np.concatenate([costs, np.ones(game.num_players)]))
    ours = solve_polymatrix_lemke(game, prior="uniform")
    assert theirs.success and ours.options["pivots"] == theirs.num_iter
    x = theirs.z[: 3 * game.num_players].reshape(-1, 3)
    np.testing.assert_allclose(
        np.concatenate(ours[0].strategies), (x.T / x.sum(axis=1)).T.ravel(), atol=1e-9
    )


# ---------------------------------------------------------------- expanded form against peers
# seeds whose 3x3 game is nondegenerate (the first two have three equilibria)
ONE_EDGE_SEEDS = [12, 18, 0, 1]


@pytest.mark.parametrize("seed", ONE_EDGE_SEEDS[:2])
def test_expanded_equilibria_of_one_edge_match_nashpy(seed):
    rng = np.random.default_rng(seed)
    first, second = rng.integers(-9, 10, size=(2, 3, 3))
    game = PolymatrixGame({"a": "xyz", "b": "xyz"}, {("a", "b"): (first, second)})
    import nashpy

    theirs = {
        tuple(np.round(np.concatenate(eq), 9))
        for eq in nashpy.Game(first, second).vertex_enumeration()
    }
    ours = {
        tuple(np.round(np.concatenate(eq.strategies).astype(float), 9))
        for eq in solve_polymatrix(game, method="expanded")
    }
    assert ours == theirs


@pytest.mark.gambit
@pytest.mark.parametrize("seed", ONE_EDGE_SEEDS)
def test_expanded_equilibria_of_one_edge_match_pygambit_enummixed(seed):
    gbt = pytest.importorskip("pygambit", reason="pygambit not installed (the gambit extra)")
    from fractions import Fraction

    rng = np.random.default_rng(seed)
    first, second = rng.integers(-9, 10, size=(2, 3, 3))
    game = PolymatrixGame({"a": "xyz", "b": "xyz"}, {("a", "b"): (first, second)})
    normal = game.to_normal_form()
    arrays = [
        np.vectorize(lambda v: gbt.Rational(v.numerator, v.denominator))(
            np.array(normal.payoff_matrix(i).tolist(), dtype=object)
        )
        for i in range(2)
    ]
    table = gbt.Game.from_arrays(*arrays)
    theirs = {
        tuple(Fraction(str(eq[s])) for p in table.players for s in p.strategies)
        for eq in gbt.nash.enummixed_solve(table, rational=True).equilibria
    }
    result = solve_polymatrix(game, method="expanded", exact=True)
    ours = {tuple(Fraction(v) for s in eq.strategies for v in s) for eq in result}
    assert ours == theirs


@pytest.mark.gambit
@pytest.mark.parametrize("seed", range(4))
def test_pure_and_lemke_equilibria_agree_with_pygambit_on_small_graphs(seed):
    gbt = pytest.importorskip("pygambit", reason="pygambit not installed (the gambit extra)")
    game = random_game(seed, num_players=4, edges=4, strategies=2, floats=True)
    normal = game.to_normal_form()
    arrays = [np.asarray(normal.float_payoffs[i], dtype=float) for i in range(4)]
    table = gbt.Game.from_arrays(*arrays)
    theirs = set()
    for eq in gbt.nash.enumpure_solve(table).equilibria:
        choices = [
            int(np.argmax([float(eq[s]) for s in player.strategies])) for player in table.players
        ]
        theirs.add(tuple(choices))
    ours = {
        tuple(int(np.argmax(np.asarray(s, dtype=float))) for s in eq.strategies)
        for eq in solve_polymatrix_pure(game)
    }
    assert ours == theirs
    # Lemke's equilibrium is one of gambit's (all equilibria of the expanded form, enumpoly)
    lemke = np.concatenate(solve_polymatrix_lemke(game)[0].strategies)
    found = [
        np.array([float(eq[s]) for p in table.players for s in p.strategies])
        for eq in gbt.nash.enumpoly_solve(table).equilibria
    ]
    assert any(np.allclose(lemke, profile, atol=1e-6) for profile in found)


@pytest.mark.parametrize("selection", ["best", "worst"])
def test_cut_effects_select_among_every_pure_equilibrium_of_the_expanded_game(selection):
    """The damage under a selection rule, recomputed from the expanded normal forms."""
    from deterrence.models.critical_minerals import two_tier_supply_network

    game = two_tier_supply_network()
    table = cut_effects(game, "coercer", selection=selection)
    pick = max if selection == "best" else min

    def totals(g):
        found = solve(g.to_normal_form(), method="pure")
        return [sum(float(p) for k, p in enumerate(eq.payoffs) if k != 0) for eq in found]

    before = totals(game)
    for partner, row in table.iterrows():
        after = totals(game.without_edges([("coercer", partner)]))
        assert row["equilibria"] == len(after)
        assert row["damage"] == pytest.approx(pick(before) - pick(after))
        assert row["damage_low"] == pytest.approx(min(before) - max(after))
        assert row["damage_high"] == pytest.approx(max(before) - min(after))
    assert table.attrs["selection"] == selection


def test_cut_effects_errors_and_first_selection():
    dependency = ([[2, 0], [1, 1]], [[2, 1], [0, 1]])
    game = PolymatrixGame(
        {k: ("comply", "resist") for k in "cab"},
        {("c", "a"): dependency, ("c", "b"): dependency, ("a", "b"): dependency},
    )
    first = cut_effects(game, "c", selection="first")
    assert first["equilibria"].tolist() == [1, 1] and first["damage_low"].isna().all()
    with pytest.raises(InvalidGameError, match="unknown selection 'best-case'"):
        cut_effects(game, "c", selection="best-case")
    with pytest.raises(InvalidGameError, match="unknown method"):
        cut_effects(game, "c", method="enumerate")
    with pytest.raises(InvalidGameError, match="max_equilibria=1 "):
        cut_effects(game, "c", max_equilibria=1)
