"""Backward induction on large perfect-information trees, with memory; pygambit alongside.

Run by hand (not part of the test suite)::

    /work/venv/bin/python benchmarks/bench_backward_induction.py --repeats 3

Three parts, medians over ``--repeats`` runs:

1. A complete binary tree of depth ``--depth`` (19: 1,048,575 nodes; two players
   alternating) built with ``ExtensiveFormGame.from_arrays`` and solved with
   ``solve_subgame_perfect``, once with float payoffs (no ties: one SPE) and once with integer
   payoffs in 0..999 (exact; ties occur and are enumerated lazily, the first SPE is returned).
   Solve times are untraced; the peak Python memory of the solve (numpy buffers included) is
   measured in a separate ``tracemalloc``-traced solve of the first run, and the process's
   maximum resident set size with ``resource``.
2. The same for the readable nested builder (``decision``/``terminal`` objects) at depth
   ``--nested-depth``, timing object creation and validation/flattening separately.
3. pygambit (when importable), on the same small trees in the same run: pygambit 16 has no
   backward-induction or subgame-perfect routine in its Python API, so the comparison is with
   the sequence-form LCP ``pygambit.nash.lcp_solve(game, rational=False)`` (one Nash
   equilibrium of the tree), run in a subprocess with a ``--gambit-timeout``.
"""

from __future__ import annotations

import argparse
import gc
import resource
import statistics
import subprocess
import sys
import time
import tracemalloc

import numpy as np

from deterrence.games.extensive import ExtensiveFormGame, decision, terminal
from deterrence.solvers.subgame_perfect import solve_subgame_perfect

PLAYERS = ("first", "second")


def binary_arrays(depth: int) -> tuple[np.ndarray, np.ndarray]:
    """Parent and mover arrays of a complete binary tree (heap order)."""
    n = 2 ** (depth + 1) - 1
    parent = np.r_[-1, (np.arange(1, n) - 1) // 2]
    level = np.floor(np.log2(np.arange(n) + 1)).astype(np.int64)
    return parent, level % 2


def leaf_payoffs(depth: int, seed: int, integer: bool) -> np.ndarray:
    rng = np.random.default_rng(seed)
    if integer:
        return rng.integers(0, 1000, size=(2**depth, 2))
    return rng.random((2**depth, 2))


def nested_tree(depth: int, payoffs: np.ndarray) -> object:
    """The same tree from readable node objects, built bottom-up (no recursion)."""
    level = [terminal(*row) for row in payoffs.tolist()]
    for d in range(depth - 1, -1, -1):
        mover = PLAYERS[d % 2]
        level = [
            decision(mover, {"a1": level[2 * k], "a2": level[2 * k + 1]})
            for k in range(len(level) // 2)
        ]
    return level[0]


def timed_solve(game: ExtensiveFormGame, *, memory: bool) -> tuple[float, float, object]:
    """Wall time of ``solve_subgame_perfect`` (untraced), then optionally a second,
    ``tracemalloc``-traced run for the peak Python memory (tracing slows allocation)."""
    gc.collect()
    start = time.perf_counter()
    result = solve_subgame_perfect(game, max_equilibria=1)
    elapsed = time.perf_counter() - start
    peak = float("nan")
    if memory:
        del result
        gc.collect()
        tracemalloc.start()
        result = solve_subgame_perfect(game, max_equilibria=1)
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
    return elapsed, peak, result


GAMBIT_SCRIPT = """
import sys, time
import numpy as np
import pygambit as gbt
depth, seed = int(sys.argv[1]), int(sys.argv[2])
payoffs = np.random.default_rng(seed).random((2**depth, 2))
game = gbt.Game.new_tree(players=["first", "second"])
frontier = [game.root]
for d in range(depth):
    for node in frontier:
        game.append_move(node, "first" if d % 2 == 0 else "second", ["a1", "a2"])
    frontier = [c for node in frontier for c in node.children]
for k, node in enumerate(frontier):
    game.set_outcome(node, game.add_outcome(label=f"o{k}", payoffs=list(map(float, payoffs[k]))))
start = time.perf_counter()
result = gbt.nash.lcp_solve(game, rational=False)
print(time.perf_counter() - start)
"""


def gambit_time(depth: int, seed: int, timeout: float) -> float | None:
    try:
        out = subprocess.run(
            [sys.executable, "-c", GAMBIT_SCRIPT, str(depth), str(seed)],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=True,
        )
    except subprocess.TimeoutExpired:
        return None
    return float(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--depth", type=int, default=19)
    parser.add_argument("--nested-depth", type=int, default=19)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--gambit-depths", type=int, nargs="*", default=[4, 6, 8])
    parser.add_argument("--gambit-timeout", type=float, default=120.0)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()

    print(
        f"== 1. from_arrays, complete binary tree of depth {args.depth}: "
        f"{2 ** (args.depth + 1) - 1:,} nodes"
    )
    parent, mover = binary_arrays(args.depth)
    for integer in (False, True):
        builds, solves, peaks = [], [], []
        for r in range(args.repeats):
            payoffs = leaf_payoffs(args.depth, args.seed + r, integer)
            start = time.perf_counter()
            game = ExtensiveFormGame.from_arrays(PLAYERS, parent, mover, payoffs)
            builds.append(time.perf_counter() - start)
            elapsed, peak, result = timed_solve(game, memory=r == 0)
            solves.append(elapsed)
            peaks.append(peak)
            count = "unknown (ties; enumerated lazily)" if result.count is None else result.count
            print(
                f"   run {r}: build {builds[-1]:.2f} s, solve {elapsed:.2f} s, traced peak "
                f"{peak:.0f} MiB, SPE count {count}, root payoffs "
                f"{tuple(round(float(v), 4) for v in result[0].payoffs)}"
            )
            del game, result
        kind = "integer (exact, ties)" if integer else "float"
        print(
            f"   {kind}: median from_arrays {statistics.median(builds):.2f} s, median "
            f"solve_subgame_perfect {statistics.median(solves):.2f} s, peak Python memory "
            f"during solve (tracemalloc, run 0) {peaks[0]:.0f} MiB"
        )

    print(
        f"== 2. nested builder, depth {args.nested_depth}: "
        f"{2 ** (args.nested_depth + 1) - 1:,} nodes (float payoffs)"
    )
    objects, flattens, solves = [], [], []
    for r in range(args.repeats):
        payoffs = leaf_payoffs(args.nested_depth, args.seed + r, False)
        gc.collect()
        start = time.perf_counter()
        root = nested_tree(args.nested_depth, payoffs)
        objects.append(time.perf_counter() - start)
        start = time.perf_counter()
        game = ExtensiveFormGame(root, PLAYERS)
        flattens.append(time.perf_counter() - start)
        del root
        elapsed, _, result = timed_solve(game, memory=False)
        solves.append(elapsed)
        del game, result
    print(
        f"   median node objects {statistics.median(objects):.2f} s, validate+flatten "
        f"{statistics.median(flattens):.2f} s, solve {statistics.median(solves):.2f} s"
    )
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"   max RSS of the process so far {rss:.0f} MiB")

    print("== 3. pygambit (same trees, float payoffs)")
    try:
        import pygambit
    except ImportError:
        print("   pygambit not importable: no comparison")
        return
    print(f"   pygambit {pygambit.__version__}")
    for depth in args.gambit_depths:
        parent, mover = binary_arrays(depth)
        ours = []
        for r in range(args.repeats):
            game = ExtensiveFormGame.from_arrays(
                PLAYERS, parent, mover, leaf_payoffs(depth, args.seed + r, False)
            )
            start = time.perf_counter()
            solve_subgame_perfect(game)
            ours.append(time.perf_counter() - start)
        theirs = gambit_time(depth, args.seed, args.gambit_timeout)
        mine = statistics.median(ours)
        head = f"   depth {depth} ({2 ** (depth + 1) - 1} nodes): deterrence {mine * 1e3:.2f} ms;"
        if theirs is None:
            print(f"{head} pygambit lcp_solve > {args.gambit_timeout:.0f} s (timed out)")
        else:
            print(f"{head} pygambit lcp_solve {theirs * 1e3:.1f} ms; ratio {theirs / mine:.0f}x")


if __name__ == "__main__":
    main()
