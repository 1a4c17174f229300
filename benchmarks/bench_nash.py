"""Benchmark: all extreme equilibria and Lemke-Howson against nashpy, pygambit and QuantEcon.

Run by hand (results go to benchmarks/RESULTS-solvers.md):

    /work/venv/bin/python benchmarks/bench_nash.py --repeats 5 --games 3

Every library solves the *same* seeded random integer games in the same run. Timings are
medians over ``--repeats`` runs (slow methods, marked ``*``, run once); ``n/a`` means the
library is not installed, ``skip`` that the method was not run at that size because a
single game would exceed ``--slow-limit`` seconds (measured at the size below). Counts are
the number of equilibria each library returned; ours are complete, so a smaller count is
missed equilibria. A *process with a timeout* runs nashpy's Lemke-Howson, which can cycle.
"""

# ruff: noqa: B023  (lambdas are called at once, inside the loop)
import os

for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")  # before numpy loads BLAS: single-threaded timings

import argparse  # noqa: E402
import multiprocessing  # noqa: E402
import platform  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402
import warnings  # noqa: E402

import numpy as np  # noqa: E402

from deterrence import NormalFormGame  # noqa: E402
from deterrence.solvers import solve_lemke_howson, solve_vertex_enumeration  # noqa: E402

#: The 2-core machine is shared with other jobs, so wall-clock time is inflated by waiting
#: for a core; CPU time of this process (all single-threaded code, BLAS pinned to one
#: thread) is what we report, with medians over repeats.
clock = time.process_time


def timed(function, repeats):
    times, value = [], None
    for _ in range(repeats):
        start = clock()
        value = function()
        times.append(clock() - start)
    return statistics.median(times), value


def integer_game(n, seed, high):
    rng = np.random.default_rng(seed)
    return rng.integers(0, high, (n, n)), rng.integers(0, high, (n, n))


def nashpy_support(first, second):
    import nashpy

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return list(nashpy.Game(first, second).support_enumeration())


def nashpy_vertex(first, second):
    import nashpy

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return list(nashpy.Game(first, second).vertex_enumeration())


def gambit_enummixed(first, second, rational):
    import pygambit

    if rational:
        first = np.vectorize(lambda v: pygambit.Rational(int(v)))(first.astype(object))
        second = np.vectorize(lambda v: pygambit.Rational(int(v)))(second.astype(object))
    game = pygambit.Game.from_arrays(first, second)
    return pygambit.nash.enummixed_solve(game, rational=rational).equilibria


def quantecon_game(first, second):
    import quantecon.game_theory as gt

    return gt.NormalFormGame(
        (gt.Player(np.asarray(first, float)), gt.Player(np.asarray(second, float).T))
    )


def distinct(value):
    """Number of distinct profiles (pygambit can list one equilibrium twice)."""
    keys = set()
    for item in value:
        if hasattr(item, "strategies") and not isinstance(item, tuple):
            vector = [float(p) for s in item.strategies for p in s]
        elif isinstance(item, tuple):
            vector = [float(p) for s in item for p in np.asarray(s, dtype=float)]
        else:  # a pygambit MixedStrategyProfile
            vector = [float(item[s]) for p in item.game.players for s in p.strategies]
        keys.add(tuple(np.round(vector, 7) + 0.0))
    return len(keys)


def available(module):
    try:
        __import__(module)
    except ImportError:
        return False
    return True


def enumeration_table(sizes, games, repeats, high, slow_limit, nashpy=True):
    rows = []
    have_gambit, have_quantecon = available("pygambit"), available("quantecon")
    if have_quantecon:
        import quantecon.game_theory as gt

        first, second = integer_game(3, 0, high)
        start = time.perf_counter()
        gt.vertex_enumeration(quantecon_game(first, second))
        print(
            f"QuantEcon vertex_enumeration first call (numba JIT or cache load): "
            f"{time.perf_counter() - start:.2f} s wall (excluded below)",
            flush=True,
        )
    first, second = integer_game(6, 0, high)  # 6 x 6 and up use the numba kernel
    start = time.perf_counter()
    solve_vertex_enumeration(NormalFormGame.from_matrices(first, second))
    print(
        f"ours first call (numba import and cache load, or compile): "
        f"{time.perf_counter() - start:.2f} s wall (excluded below)",
        flush=True,
    )
    slow_time: dict[str, float] = {}
    for n in sizes:
        stats: dict[str, list] = {}
        for seed in range(games):
            first, second = integer_game(n, 1000 * n + seed, high)
            game = NormalFormGame.from_matrices(first, second)
            measurements = {}
            measurements["ours float"] = timed(lambda: solve_vertex_enumeration(game), repeats)
            measurements["ours exact"] = timed(
                lambda: solve_vertex_enumeration(game, exact=True), repeats
            )
            if have_quantecon:
                qgame = quantecon_game(first, second)
                measurements["QuantEcon vertex_enumeration"] = timed(
                    lambda: gt.vertex_enumeration(qgame), repeats
                )
            if have_gambit:
                measurements["pygambit enummixed float"] = timed(
                    lambda: gambit_enummixed(first, second, False), 1 if n >= 9 else repeats
                )
                if slow_time.get("gambit exact", 0) < slow_limit:
                    measurements["pygambit enummixed exact*"] = timed(
                        lambda: gambit_enummixed(first, second, True), 1
                    )
            if not nashpy:
                pass
            elif slow_time.get("nashpy support", 0) < slow_limit and (seed == 0 or n < 9):
                measurements["nashpy support_enumeration*"] = timed(
                    lambda: nashpy_support(first, second), 1
                )
            if nashpy and slow_time.get("nashpy vertex", 0) < slow_limit and (seed == 0 or n < 9):
                measurements["nashpy vertex_enumeration*"] = timed(
                    lambda: nashpy_vertex(first, second), 1
                )
            degenerate = measurements["ours float"][1].degenerate
            for name, (seconds, value) in measurements.items():
                stats.setdefault(name, []).append((seconds, distinct(value)))
            stats.setdefault("degenerate", []).append((0.0, int(degenerate)))
        for key, label in (
            ("nashpy support_enumeration*", "nashpy support"),
            ("nashpy vertex_enumeration*", "nashpy vertex"),
            ("pygambit enummixed exact*", "gambit exact"),
        ):
            if key in stats:
                slow_time[label] = max(s for s, _ in stats[key]) * (4 if "nashpy" in key else 6)
        rows.append((n, stats))
        print_enumeration([(n, stats)], games, header=n == sizes[0])
    return rows


def print_enumeration(rows, games, header=True):
    if header:
        print("\n## All extreme equilibria of random integer n x n games\n")
        print(
            "| n | method | median CPU time (s) | ratio to ours (float) | "
            "distinct equilibria per game |"
        )
        print("|---|---|---|---|---|")
    for n, stats in rows:
        ours = statistics.median(s for s, _ in stats["ours float"])
        for name, values in stats.items():
            if name == "degenerate":
                continue
            seconds = statistics.median(s for s, _ in values)
            counts = ", ".join(str(c) for _, c in values)
            print(f"| {n} | {name} | {seconds:.4g} | {seconds / ours:.3g}x | {counts} |")
        degenerate = sum(c for _, c in stats["degenerate"])
        print(
            f"| {n} | (games degenerate) | | | {degenerate} of {len(stats['degenerate'])} |",
            flush=True,
        )


def _nashpy_lemke_howson(first, second, queue):
    import nashpy

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        start = time.perf_counter()
        nashpy.Game(first, second).lemke_howson(initial_dropped_label=0)
        queue.put(time.perf_counter() - start)  # wall clock (separate process)


def lemke_howson_table(sizes, seeds, timeout):
    print("\n## Lemke-Howson on random uniform float games (label 0 unless noted)\n")
    print("| n | seed | method | time (s) | pivots / note | max regret |")
    print("|---|---|---|---|---|---|")
    have_quantecon = available("quantecon")
    if have_quantecon:
        import quantecon.game_theory as gt

        rng = np.random.default_rng(0)
        gt.lemke_howson(quantecon_game(rng.random((3, 3)), rng.random((3, 3))))
    start = time.perf_counter()
    solve_lemke_howson(NormalFormGame.from_matrices([[1.0, 0], [0, 1]], [[1, 0], [0, 1]]))
    elapsed = time.perf_counter() - start  # wall clock
    print(f"\n(ours: first call, numba cache load or compile: {elapsed:.2f} s)\n")
    for n in sizes:
        for seed in seeds:
            rng = np.random.default_rng(seed)
            first, second = rng.random((n, n)), rng.random((n, n))
            game = NormalFormGame.from_matrices(first, second)
            from deterrence.solvers.lemke_howson import lemke_howson_path

            try:
                seconds, path = timed(lambda: lemke_howson_path(game, 0, max_pivots=100_000), 3)
                (eq,) = solve_lemke_howson(game, initial_label=0, max_pivots=100_000)
                print(
                    f"| {n} | {seed} | ours, label 0 | {seconds:.4g} | {path[2]} | "
                    f"{eq.max_regret():.1e} |"
                )
            except Exception as exc:  # noqa: BLE001
                print(
                    f"| {n} | {seed} | ours, label 0 | - | {type(exc).__name__}: no end "
                    f"within 100000 pivots | - |"
                )
            seconds, result = timed(lambda: solve_lemke_howson(game), 1)
            print(
                f"| {n} | {seed} | ours, initial_label=None (labels in turn) | {seconds:.4g} "
                f"| | {result[0].max_regret():.1e} |"
            )
            if have_quantecon:
                qgame = quantecon_game(first, second)
                seconds, out = timed(
                    lambda: gt.lemke_howson(
                        qgame, init_pivot=0, max_iter=100_000, full_output=True
                    ),
                    3 if n <= 200 else 1,
                )
                profile, info = out
                regret = game.replace().__class__.from_matrices(first, second)
                from deterrence.solvers.verify import max_regret

                value = max_regret(regret, [np.asarray(profile[0]), np.asarray(profile[1])])
                note = f"{info.num_iter}" + ("" if info.converged else " (not converged)")
                print(
                    f"| {n} | {seed} | QuantEcon lemke_howson | {seconds:.4g} | {note} | "
                    f"{value:.1e} |"
                )
            queue: multiprocessing.Queue = multiprocessing.Queue()
            process = multiprocessing.Process(
                target=_nashpy_lemke_howson, args=(first, second, queue)
            )
            process.start()
            process.join(timeout)
            if process.is_alive():
                process.terminate()
                process.join()
                print(
                    f"| {n} | {seed} | nashpy lemke_howson | > {timeout} wall (killed) | | |",
                    flush=True,
                )
            elif process.exitcode != 0:
                print(
                    f"| {n} | {seed} | nashpy lemke_howson | - | crashed (exit code "
                    f"{process.exitcode}, e.g. ValueError: could not find dropped label) | |",
                    flush=True,
                )
            else:
                print(
                    f"| {n} | {seed} | nashpy lemke_howson | {queue.get(timeout=5):.4g} | | |",
                    flush=True,
                )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[5, 7, 9, 11])
    parser.add_argument("--games", type=int, default=3)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--high", type=int, default=10, help="payoffs are integers in [0, high)")
    parser.add_argument("--slow-limit", type=float, default=60.0)
    parser.add_argument("--lh-sizes", type=int, nargs="+", default=[200, 400])
    parser.add_argument("--lh-seeds", type=int, nargs="+", default=[0, 1, 2])
    parser.add_argument("--lh-timeout", type=float, default=30.0)
    parser.add_argument("--skip-enumeration", action="store_true")
    parser.add_argument("--skip-lemke-howson", action="store_true")
    parser.add_argument(
        "--skip-nashpy",
        action="store_true",
        help="leave out nashpy's enumerators (minutes at n >= 9)",
    )
    args = parser.parse_args()
    print(
        f"# bench_nash: {platform.processor() or platform.machine()}, "
        f"{multiprocessing.cpu_count()} cores, Python {platform.python_version()}"
    )
    if not args.skip_enumeration:
        enumeration_table(
            args.sizes,
            args.games,
            args.repeats,
            args.high,
            args.slow_limit,
            nashpy=not args.skip_nashpy,
        )
    if not args.skip_lemke_howson:
        lemke_howson_table(args.lh_sizes, args.lh_seeds, args.lh_timeout)


if __name__ == "__main__":
    main()
