"""Benchmark (issue 16): one equilibrium of a sparse polymatrix game with 100 to 1,000 players
by Lemke's algorithm, against QuantEcon's dense-tableau Lemke on the same LCP and QuantEcon's
Howson solver.

Every game: a random 3-regular graph (networkx, seed 1), two strategies per player, standard
normal payoffs on each edge (numpy seed 0). Rows:

* ``deterrence`` -- :func:`deterrence.solvers.polymatrix.solve_polymatrix_lemke` with its
  default prior (fictitious play) and with ``prior="uniform"``;
* ``QuantEcon lcp_lemke`` -- ``quantecon.optimize.lcp_lemke`` on the dense Miller-Zucker LCP
  (:func:`deterrence.solvers.polymatrix.polymatrix_lcp`), with the covering vector of the
  uniform prior (the path ``prior="uniform"`` follows) and with the classic covering vector
  of ones (the path this toolkit followed before: 9,771 pivots at 800 players, more than
  21,000 at 1,000);
* ``QuantEcon Howson`` -- ``quantecon.game_theory.polym_lcp_solver`` (Howson 1972).

The expanded normal form is out of the question (2**1000 profiles). Times are wall clock and
CPU (``time.process_time``: the machine is shared, so the CPU column is the steadier one);
every answer's regret is checked on the polymatrix game.

Run from the repository root (results go to benchmarks/RESULTS-coalitions-unequal.md by hand):

    DETERRENCE_JIT=always .venv/bin/python -u benchmarks/bench_polymatrix.py
"""

from __future__ import annotations

import argparse
import os
import time

import networkx as nx
import numpy as np

from deterrence.games.polymatrix import PolymatrixGame
from deterrence.solvers.polymatrix import (
    PolymatrixEquilibrium,
    polymatrix_lcp,
    solve_polymatrix_lemke,
)


def random_game(num_players: int) -> PolymatrixGame:
    rng = np.random.default_rng(0)
    graph = nx.random_regular_graph(3, num_players, seed=1)
    return PolymatrixGame(
        {k: ("comply", "resist") for k in graph.nodes},
        {(u, v): (rng.normal(size=(2, 2)), rng.normal(size=(2, 2))) for u, v in graph.edges},
    )


def dense_lcp(game: PolymatrixGame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The Miller-Zucker LCP, dense, and the costs against the uniform prior (the covering
    vector's first block)."""
    matrix, q = polymatrix_lcp(game)
    matrix = matrix.toarray()
    sizes = np.array(game.num_strategies)
    num_x = int(sizes.sum())
    return matrix, q, matrix[:num_x, :num_x] @ np.repeat(1.0 / sizes, sizes)


def profile(game: PolymatrixGame, stacked: np.ndarray) -> PolymatrixEquilibrium:
    offsets = np.concatenate([[0], np.cumsum(game.num_strategies)])
    vectors = []
    for i in range(game.num_players):
        vector = np.maximum(stacked[offsets[i] : offsets[i + 1]], 0.0)
        vectors.append(vector / vector.sum())
    return PolymatrixEquilibrium(game, tuple(vectors))


def timed(function):
    wall, cpu = time.perf_counter(), time.process_time()
    result = function()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def row(label: str, n: int, wall: float, cpu: float, pivots: int, regret: float) -> None:
    print(f"| {label} | {n} | {wall:.2f} s | {cpu:.2f} s | {pivots} | {regret:.1e} |", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--players", type=int, nargs="*", default=[100, 300, 1000])
    parser.add_argument(
        "--peer-up-to", type=int, default=300, help="largest game for QuantEcon's lcp_lemke"
    )
    parser.add_argument(
        "--classic-up-to",
        type=int,
        default=300,
        help="largest game for the uniform prior, the covering vector of ones and Howson",
    )
    args = parser.parse_args()
    from quantecon.game_theory import PolymatrixGame as QuantEconPolymatrix
    from quantecon.game_theory import polym_lcp_solver
    from quantecon.optimize import lcp_lemke

    solve_polymatrix_lemke(random_game(20))  # imports, kernel loads
    warm = dense_lcp(random_game(20))
    lcp_lemke(warm[0], warm[1], d=np.ones(len(warm[1])))  # compiles for a given cover
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print("| solver | players | wall | CPU | pivots | max regret |")
    print("|---|---|---|---|---|---|")
    for n in args.players:
        game = random_game(n)
        for prior in ("fictitious", "uniform") if n <= args.classic_up_to else ("fictitious",):
            wall, cpu, result = timed(
                lambda game=game, prior=prior: solve_polymatrix_lemke(game, prior=prior)
            )
            row(
                f"deterrence, prior {prior}",
                n,
                wall,
                cpu,
                result.options["pivots"],
                result[0].max_regret(),
            )
        if n > args.peer_up_to:
            continue
        matrix, q, costs = dense_lcp(game)
        covers = {"uniform prior": np.concatenate([costs, np.ones(n)])}
        if n <= args.classic_up_to:
            covers["ones"] = np.ones(len(q))
        for name, cover in covers.items():
            wall, cpu, lcp = timed(
                lambda matrix=matrix, q=q, cover=cover: lcp_lemke(matrix, q, d=cover)
            )
            assert lcp.success, lcp
            row(
                f"QuantEcon lcp_lemke (dense), cover {name}",
                n,
                wall,
                cpu,
                lcp.num_iter,
                profile(game, lcp.z).max_regret(),
            )
        if n <= args.classic_up_to:
            matrices = {
                (i, j): game.float_matrix(i, j) for i in range(n) for j in game.neighbour_indices(i)
            }

            def howson(matrices=matrices, n=n):
                return polym_lcp_solver(
                    QuantEconPolymatrix(matrices, nums_actions=[2] * n), full_output=True
                )

            wall, cpu, (actions, info) = timed(howson)
            row(
                "QuantEcon polym_lcp_solver (Howson, incl. building its dense game)",
                n,
                wall,
                cpu,
                info.num_iter,
                profile(game, np.concatenate(actions)).max_regret(),
            )


if __name__ == "__main__":
    main()
