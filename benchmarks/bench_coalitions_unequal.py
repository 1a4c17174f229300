"""Benchmarks for issue 16 (coalitions of unequal partners): exact Shapley values of a
20-player weighted-quota game, sampled Shapley values of a 200-player game with their stated
error, and one equilibrium of a sparse polymatrix game by Lemke's algorithm.

Run from the repository root (results go to benchmarks/RESULTS-coalitions-unequal.md by hand):

    DETERRENCE_JIT=always .venv/bin/python -u benchmarks/bench_coalitions_unequal.py
"""

from __future__ import annotations

import argparse
import time

import networkx as nx
import numpy as np

from deterrence.games.cooperative import WeightedQuotaGame
from deterrence.games.polymatrix import PolymatrixGame
from deterrence.solvers.cooperative import banzhaf_index, shapley_value
from deterrence.solvers.polymatrix import solve_polymatrix_lemke


def timed(function, repeats: int = 3):
    times, result = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return float(np.median(times)), result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--players", type=int, nargs="*", default=[100, 300, 1000])
    args = parser.parse_args()

    weights = list(range(1, 21))
    game = WeightedQuotaGame(weights, quota=sum(weights) // 2 + 1)
    seconds, value = timed(lambda: shapley_value(game))
    print(
        f"| exact Shapley, 20-player weighted quota [106; 1..20] | {seconds:.3f} s | "
        f"sum = {sum(value.values)}, largest = {value.values[-1]} |"
    )
    seconds, value = timed(lambda: banzhaf_index(game))
    print(f"| exact Banzhaf, same game | {seconds:.3f} s | largest = {value.values[-1]} |")

    weights = list(range(1, 201))
    big = WeightedQuotaGame(weights, quota=sum(weights) // 2 + 1)
    for error in (0.001,):
        seconds, value = timed(lambda error=error: shapley_value(big, error=error, rng=0))
        print(
            f"| sampled Shapley, 200-player weighted quota, error <= {error} | "
            f"{seconds:.3f} s | {value.num_samples} orderings, largest standard error "
            f"{max(value.standard_errors):.5f} |"
        )
    seconds, value = timed(lambda: shapley_value(big, num_samples=20_000, rng=0))
    print(
        f"| sampled Shapley, 200 players, 20,000 orderings | {seconds:.3f} s | largest "
        f"standard error {max(value.standard_errors):.5f} |"
    )

    for n in args.players:
        rng = np.random.default_rng(0)
        graph = nx.random_regular_graph(3, n, seed=1)
        poly = PolymatrixGame(
            {k: ("comply", "resist") for k in graph.nodes},
            {(u, v): (rng.normal(size=(2, 2)), rng.normal(size=(2, 2))) for u, v in graph.edges},
        )
        seconds, result = timed(lambda poly=poly: solve_polymatrix_lemke(poly), repeats=1)
        print(
            f"| polymatrix Lemke, {n} players, random 3-regular graph, 2 strategies | "
            f"{seconds:.2f} s | {result.options['pivots']} pivots, max regret "
            f"{result[0].max_regret():.1e} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
