"""Benchmark: issue 18's speed targets against QuantEcon and nashpy, in one run.

Run by hand (results go to benchmarks/RESULTS-speed.md):

    .venv/bin/python benchmarks/bench_speed.py --games 3 --repeats 5

Sections: all extreme equilibria of random integer games (vertex enumeration, float and exact,
against QuantEcon's ``vertex_enumeration``); Lemke-Howson on short paths (fixed overhead,
against QuantEcon and nashpy); anonymous sweeps whose payoffs are not exactly representable
(threshold public good, N = 10,000) and game construction against solve time. Times are CPU
time of this process (``time.process_time``, BLAS pinned to one thread), medians over
``--repeats``. Compiled kernels are used from the first call (``DETERRENCE_JIT=always``, as
QuantEcon's numba kernels are), and one warm-up call per library is excluded; first-call
costs in a fresh process are measured by ``bench_cold_start.py``.
"""

# ruff: noqa: B023  (lambdas are called at once, inside the loop)
import os

for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")  # before numpy loads BLAS: single-threaded timings
os.environ.setdefault("DETERRENCE_JIT", "always")

import argparse  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402
import warnings  # noqa: E402
from fractions import Fraction  # noqa: E402

import numpy as np  # noqa: E402
from _timing import median_time  # noqa: E402

from deterrence import NormalFormGame  # noqa: E402
from deterrence.games import threshold_public_good  # noqa: E402
from deterrence.solvers import (  # noqa: E402
    solve_anonymous_symmetric,
    solve_lemke_howson,
    solve_vertex_enumeration,
)

warnings.simplefilter("ignore")  # degenerate-game warnings on most 0..9 games


def cpu(function, repeats):
    """Median CPU seconds of ``repeats`` calls and the last result."""
    return median_time(function, repeats, clock=time.process_time)


def quantecon_game(first, second):
    import quantecon.game_theory as gt

    return gt.NormalFormGame(
        (gt.Player(np.asarray(first, float)), gt.Player(np.asarray(second, float).T))
    )


def enumeration(sizes, games, repeats, exact_sizes):
    import quantecon.game_theory as gt

    print("\n## All extreme equilibria of random integer n x n games\n")
    print(
        "`ours` = `solve_vertex_enumeration(game)` on the integer game (float mode, answers "
        "certified exactly); `ours, float game` = the same payoffs given as floats; "
        "`ours exact` = `exact=True` (Fraction equilibria). Ratio = QuantEcon's time / "
        "ours (above 1: we are faster). Counts: equilibria found per game (ours / "
        "QuantEcon).\n"
    )
    print(
        "| payoffs | n | ours (ms) | ours, float game (ms) | ours exact (ms) | QuantEcon (ms) "
        "| QuantEcon / ours | QuantEcon / ours, float game | exact / float | counts |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    warm = np.arange(4).reshape(2, 2)
    gt.vertex_enumeration(quantecon_game(warm, warm.T))
    solve_vertex_enumeration(NormalFormGame.from_matrices(warm, warm.T))
    for high in (100, 10):
        for n in sizes:
            rows = []
            for seed in range(games):
                rng = np.random.default_rng(1000 * n + seed)
                first, second = rng.integers(0, high, (n, n)), rng.integers(0, high, (n, n))
                game = NormalFormGame.from_matrices(first, second)
                float_game = NormalFormGame.from_matrices(first.astype(float), second.astype(float))
                qgame = quantecon_game(first, second)
                runs = repeats if n < 13 else max(1, repeats // 2)
                ours, found = cpu(lambda: solve_vertex_enumeration(game), runs)
                ours_float, _ = cpu(lambda: solve_vertex_enumeration(float_game), runs)
                theirs, their_found = cpu(lambda: gt.vertex_enumeration(qgame), runs)
                exact = (
                    cpu(lambda: solve_vertex_enumeration(game, exact=True), 1)[0]
                    if n in exact_sizes
                    else float("nan")
                )
                rows.append((ours, ours_float, exact, theirs, f"{len(found)}/{len(their_found)}"))
            ours, ours_float, exact, theirs = (
                statistics.median(r[i] for r in rows) for i in range(4)
            )
            counts = ", ".join(r[4] for r in rows)
            print(
                f"| 0..{high - 1} | {n} | {ours * 1e3:.2f} | {ours_float * 1e3:.2f} | "
                f"{exact * 1e3:.0f} | {theirs * 1e3:.2f} | {theirs / ours:.2f} | "
                f"{theirs / ours_float:.2f} | {exact / ours:.1f} | {counts} |",
                flush=True,
            )


def lemke_howson(sizes, repeats, nashpy_limit=20):
    import nashpy
    import quantecon.game_theory as gt

    print("\n## Lemke-Howson from label 0 on random float games (short paths)\n")
    print(
        "| n | pivots | ours (ms) | QuantEcon (ms) | nashpy (ms) | ours / QuantEcon | "
        "nashpy / ours |"
    )
    print("|---|---|---|---|---|---|---|")
    from deterrence.solvers.lemke_howson import lemke_howson_path

    for n in sizes:
        rng = np.random.default_rng(n)
        first, second = rng.random((n, n)), rng.random((n, n))
        game = NormalFormGame.from_matrices(first, second)
        qgame = quantecon_game(first, second)
        npgame = nashpy.Game(first, second)
        solve_lemke_howson(game, initial_label=0)
        gt.lemke_howson(qgame, init_pivot=0)
        pivots = lemke_howson_path(game, 0)[2]
        ours, _ = cpu(lambda: solve_lemke_howson(game, initial_label=0), repeats * 20)
        theirs, _ = cpu(lambda: gt.lemke_howson(qgame, init_pivot=0), repeats * 20)
        if n <= nashpy_limit:  # nashpy's pivoting can run for minutes on larger games
            slow, _ = cpu(lambda: npgame.lemke_howson(initial_dropped_label=0), repeats)
            nashpy_cells = f"{slow * 1e3:.2f} | {slow / ours:.0f}"
        else:
            nashpy_cells = "- | -"
        print(
            f"| {n} | {pivots} | {ours * 1e3:.3f} | {theirs * 1e3:.3f} | "
            f"{nashpy_cells.split(' | ')[0]} | {ours / theirs:.1f} | "
            f"{nashpy_cells.split(' | ')[1]} |",
            flush=True,
        )


def anonymous(repeats):
    print("\n## Threshold public good, N = 10,000 (threshold 5,000): cost per point\n")
    print(
        "Each repeat builds a fresh game and solves it once (the first solve of a game pays "
        "for its scaled payoff difference; later ones reuse it). `float` costs such as 0.1 "
        "are not exactly representable, so `0.9 - 1` and `-0.1` differ by rounding.\n"
    )
    print("| cost | payoffs | construct (ms) | first solve (ms) | construct / solve | equilibria |")
    print("|---|---|---|---|---|---|")
    for cost in ("1/1000", "1/100", "1/10", "3/10", "1/2", "7/10"):
        for kind in ("float", "exact"):
            value = float(Fraction(cost)) if kind == "float" else Fraction(cost)
            builds, solves = [], []
            for _ in range(repeats):
                start = time.process_time()
                game = threshold_public_good(10_000, threshold=5000, cost=value)
                builds.append(time.process_time() - start)
                start = time.process_time()
                result = solve_anonymous_symmetric(game)
                solves.append(time.process_time() - start)
            build, solve = statistics.median(builds), statistics.median(solves)
            print(
                f"| {cost} | {kind} | {build * 1e3:.2f} | {solve * 1e3:.2f} | "
                f"{build / solve:.0%} | {len(result)} |",
                flush=True,
            )


def construction(repeats):
    print("\n## NormalFormGame from integer lists against a vertex-enumeration solve\n")
    print("| n | construct (ms) | solve (ms) | construct / solve |")
    print("|---|---|---|---|")
    for n in (2, 3, 5, 7, 9):
        rng = np.random.default_rng(n)
        first, second = rng.integers(0, 100, (n, n)).tolist(), rng.integers(0, 100, (n, n)).tolist()
        game = NormalFormGame.from_matrices(first, second)
        build, _ = cpu(lambda: NormalFormGame.from_matrices(first, second), repeats * 10)
        solve, _ = cpu(lambda: solve_vertex_enumeration(game), repeats * 10)
        print(f"| {n} | {build * 1e3:.3f} | {solve * 1e3:.3f} | {build / solve:.0%} |", flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[9, 11, 13])
    parser.add_argument("--exact-sizes", type=int, nargs="+", default=[9, 11])
    parser.add_argument("--games", type=int, default=3)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--lh-sizes", type=int, nargs="+", default=[5, 10, 20, 50])
    args = parser.parse_args()
    print(f"# bench_speed (DETERRENCE_JIT={os.environ['DETERRENCE_JIT']})")
    enumeration(args.sizes, args.games, args.repeats, args.exact_sizes)
    lemke_howson(args.lh_sizes, args.repeats)
    anonymous(args.repeats)
    construction(args.repeats)


if __name__ == "__main__":
    main()
