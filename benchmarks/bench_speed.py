"""Benchmark: issue 18's speed targets against QuantEcon and nashpy, in one run.

Run by hand (results go to benchmarks/RESULTS-speed.md):

    .venv/bin/python benchmarks/bench_speed.py --games 3 --repeats 5
    .venv/bin/python benchmarks/bench_speed.py --sections lemke_howson lemke_howson_long \\
        --repeats 7 --lh-before <commit>   # Lemke-Howson only, and as of an earlier commit

Sections: all extreme equilibria of random integer games (vertex enumeration, float and exact,
against QuantEcon's ``vertex_enumeration``); Lemke-Howson on short paths (fixed overhead,
against QuantEcon and nashpy) and on long paths (200 x 200 and 400 x 400, against
QuantEcon); anonymous sweeps whose payoffs are not exactly representable (threshold public
good, N = 10,000) and game construction against solve time. Times are CPU
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


def per_call(function, calls, repeats):
    """Median over ``repeats`` of the CPU seconds per call of ``calls`` back-to-back calls."""
    times = []
    for _ in range(repeats):
        start = time.process_time()
        for _ in range(calls):
            function()
        times.append((time.process_time() - start) / calls)
    return statistics.median(times)


def lemke_howson(sizes, repeats, nashpy_limit=20, before=None):
    import nashpy
    import quantecon.game_theory as gt

    from deterrence.solvers.lemke_howson import lemke_howson_path

    old = None
    if before:
        from _before import module_at

        old = module_at(before, "deterrence/solvers/lemke_howson.py").solve_lemke_howson
    print("\n## Lemke-Howson from label 0 on random float games (short paths)\n")
    print(
        "CPU time per call (median over repeats of batches of calls). `ours` = "
        "`solve_lemke_howson(game, initial_label=0)` called again on the same game object; "
        "`fresh` = on a new game object each call (`game.replace(payoffs=...)` with the "
        "same payoffs, nothing cached; the time of that construction is subtracted); "
        + (f"`before` = the solver as of {before} on the same game; " if old else "")
        + "QuantEcon = `lemke_howson(game, init_pivot=0)`; nashpy = "
        "`lemke_howson(initial_dropped_label=0)`.\n"
    )
    print(
        "| n | pivots | ours (ms) | fresh (ms) | "
        + ("before (ms) | " if old else "")
        + "QuantEcon (ms) | nashpy (ms) | ours / QE | fresh / QE | "
        + ("before / QE | " if old else "")
        + "nashpy / ours |"
    )
    print(
        "|---|---|---|---|"
        + ("---|" if old else "")
        + "---|---|---|---|"
        + ("---|" if old else "")
        + "---|"
    )
    for n in sizes:
        rng = np.random.default_rng(n)
        first, second = rng.random((n, n)), rng.random((n, n))
        game = NormalFormGame.from_matrices(first, second)
        qgame = quantecon_game(first, second)
        npgame = nashpy.Game(first, second)
        calls = 200 if n < 50 else 20
        payoffs = np.array(game.payoffs)
        solve_lemke_howson(game, initial_label=0)
        solve_lemke_howson(game.replace(payoffs=payoffs), initial_label=0)
        gt.lemke_howson(qgame, init_pivot=0)
        pivots = lemke_howson_path(game, 0)[2]
        ours = per_call(lambda: solve_lemke_howson(game, initial_label=0), calls, repeats)
        fresh = per_call(
            lambda: solve_lemke_howson(game.replace(payoffs=payoffs), initial_label=0),
            calls,
            repeats,
        ) - per_call(lambda: game.replace(payoffs=payoffs), calls, repeats)
        theirs = per_call(lambda: gt.lemke_howson(qgame, init_pivot=0), calls, repeats)
        cells = [f"{ours * 1e3:.4f}", f"{fresh * 1e3:.4f}"]
        if old:
            old(game, initial_label=0)
            previous = per_call(lambda: old(game, initial_label=0), calls, repeats)
            cells.append(f"{previous * 1e3:.4f}")
        if n <= nashpy_limit:  # nashpy's pivoting can run for minutes on larger games
            slow = per_call(lambda: npgame.lemke_howson(initial_dropped_label=0), 5, repeats)
        else:
            slow = float("nan")
        cells += [
            f"{theirs * 1e3:.4f}",
            f"{slow * 1e3:.3f}",
            f"{ours / theirs:.2f}",
            f"{fresh / theirs:.2f}",
        ]
        if old:
            cells.append(f"{previous / theirs:.2f}")
        cells.append(f"{slow / ours:.0f}")
        print(f"| {n} | {pivots} | " + " | ".join(cells) + " |", flush=True)


def lemke_howson_long(sizes, seeds, repeats, before=None):
    import quantecon.game_theory as gt

    from deterrence.solvers.lemke_howson import lemke_howson_path

    old = None
    if before:
        from _before import module_at

        old = module_at(before, "deterrence/solvers/lemke_howson.py").solve_lemke_howson
    print("\n## Lemke-Howson from label 0 on long paths\n")
    print(
        "CPU seconds, median of repeats (one at 400 and above); both solvers follow the "
        "path from label 0 of the same game; ours is the full `solve_lemke_howson` call "
        "(checked answer). Regret: largest regret of each answer in the game.\n"
    )
    print(
        "| n | seed | pivots | ours (s) | "
        + ("before (s) | " if old else "")
        + "QuantEcon (s) | QE / ours | our regret | QE regret |"
    )
    print("|---|---|---|---|" + ("---|" if old else "") + "---|---|---|---|")
    from deterrence.solvers.verify import max_regret

    for n in sizes:
        for seed in seeds:
            rng = np.random.default_rng(seed)
            first, second = rng.random((n, n)), rng.random((n, n))
            game = NormalFormGame.from_matrices(first, second)
            qgame = quantecon_game(first, second)
            runs = repeats if n < 400 else 1
            pivots = lemke_howson_path(game, 0, max_pivots=10**6)[2]
            ours, result = cpu(
                lambda: solve_lemke_howson(game, initial_label=0, max_pivots=10**6), runs
            )
            theirs, (profile, info) = cpu(
                lambda: gt.lemke_howson(qgame, init_pivot=0, max_iter=10**6, full_output=True),
                runs,
            )
            their_regret = max_regret(game, [np.asarray(profile[0]), np.asarray(profile[1])])
            cells = [f"{ours:.3f}"]
            if old:
                cells.append(
                    f"{cpu(lambda: old(game, initial_label=0, max_pivots=10**6), runs)[0]:.3f}"
                )
            cells += [
                f"{theirs:.3f}",
                f"{theirs / ours:.2f}",
                f"{result[0].max_regret():.1e}",
                f"{their_regret:.1e}" + ("" if info.converged else " (not converged)"),
            ]
            print(f"| {n} | {seed} | {pivots:,} | " + " | ".join(cells) + " |", flush=True)


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


SECTIONS = ("enumeration", "lemke_howson", "lemke_howson_long", "anonymous", "construction")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[9, 11, 13])
    parser.add_argument("--exact-sizes", type=int, nargs="+", default=[9, 11])
    parser.add_argument("--games", type=int, default=3)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--lh-sizes", type=int, nargs="+", default=[5, 10, 20, 50])
    parser.add_argument("--lh-long-sizes", type=int, nargs="+", default=[200, 400])
    parser.add_argument("--lh-long-seeds", type=int, nargs="+", default=[0, 1])
    parser.add_argument(
        "--lh-before", help="also time solve_lemke_howson as of this commit (same run)"
    )
    parser.add_argument(
        "--sections",
        nargs="+",
        choices=SECTIONS,
        default=list(SECTIONS),
        help="which sections to run (default: all)",
    )
    args = parser.parse_args()
    print(f"# bench_speed (DETERRENCE_JIT={os.environ['DETERRENCE_JIT']})")
    if "enumeration" in args.sections:
        enumeration(args.sizes, args.games, args.repeats, args.exact_sizes)
    if "lemke_howson" in args.sections:
        lemke_howson(args.lh_sizes, args.repeats, before=args.lh_before)
    if "lemke_howson_long" in args.sections:
        lemke_howson_long(args.lh_long_sizes, args.lh_long_seeds, args.repeats, args.lh_before)
    if "anonymous" in args.sections:
        anonymous(args.repeats)
    if "construction" in args.sections:
        construction(args.repeats)


if __name__ == "__main__":
    main()
