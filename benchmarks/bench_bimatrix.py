"""Benchmark: two-player enumeration and Lemke-Howson against QuantEcon, paired, in one run.

Run by hand (results go to benchmarks/RESULTS-bimatrix.md):

    .venv/bin/python benchmarks/bench_bimatrix.py --games 3 --repeats 7

Sections: (1) all extreme equilibria of random integer games (payoffs 0..99 and the
degenerate 0..9) by ``solve_vertex_enumeration`` -- on the integer game (float answers
certified exactly), on a freshly built integer game (nothing cached on the game object), on
the same payoffs as floats, and with ``exact=True`` -- against QuantEcon's
``vertex_enumeration``; (2) Lemke-Howson from label 0 on short paths against QuantEcon's
``lemke_howson``. Times are CPU time of this process (``time.process_time``, BLAS pinned to
one thread). Every measurement is *paired*: each repeat times ours and QuantEcon's back to
back, so both see the same machine load; the tables give median times and the median of the
per-repeat ratios. Compiled kernels are used from the first call (``DETERRENCE_JIT=always``,
as QuantEcon's numba kernels are) and one warm-up call per library is excluded.
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

import numpy as np  # noqa: E402

from deterrence import NormalFormGame  # noqa: E402
from deterrence.solvers import solve_lemke_howson, solve_vertex_enumeration  # noqa: E402

warnings.simplefilter("ignore")  # degenerate-game warnings on most 0..9 games


def cpu_batch(function, calls):
    """CPU seconds per call of ``calls`` back-to-back calls."""
    start = time.process_time()
    for _ in range(calls):
        function()
    return (time.process_time() - start) / calls


def paired(ours, theirs, repeats, calls):
    """Medians of our and their CPU time per call, and the median of their / our ratios."""
    pairs = [(cpu_batch(ours, calls), cpu_batch(theirs, calls)) for _ in range(repeats)]
    mine = statistics.median(p[0] for p in pairs)
    other = statistics.median(p[1] for p in pairs)
    return mine, other, statistics.median(p[1] / p[0] for p in pairs)


def quantecon_game(first, second):
    import quantecon.game_theory as gt

    return gt.NormalFormGame(
        (gt.Player(np.asarray(first, float)), gt.Player(np.asarray(second, float).T))
    )


def enumeration(sizes, games, repeats, exact_sizes):
    import quantecon.game_theory as gt

    print("\n## All extreme equilibria of random integer n x n games\n")
    print(
        "Medians over games of the per-game medians. `int` = the integer game (float mode, "
        "answers certified exactly), `fresh` = a new game object each call (construction "
        "excluded, nothing cached), `float` = the same payoffs as floats, `exact` = "
        "`exact=True` (Fraction equilibria). Ratios are QuantEcon / ours from paired "
        "repeats (above 1: we are faster); `exact/float` compares our two modes on the "
        "integer game.\n"
    )
    print(
        "| payoffs | n | int (ms) | fresh (ms) | float (ms) | exact (ms) | QuantEcon (ms) | "
        "QE / int | QE / fresh | QE / float | exact / float | counts (ours / QE) |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    warm = np.arange(4).reshape(2, 2)
    gt.vertex_enumeration(quantecon_game(warm, warm.T))
    solve_vertex_enumeration(NormalFormGame.from_matrices(warm, warm.T))
    for high in (100, 10):
        for n in sizes:
            rows = []
            counts = []
            for seed in range(games):
                rng = np.random.default_rng(1000 * n + seed)
                first, second = rng.integers(0, high, (n, n)), rng.integers(0, high, (n, n))
                game = NormalFormGame.from_matrices(first, second)
                float_game = NormalFormGame.from_matrices(first.astype(float), second.astype(float))
                qgame = quantecon_game(first, second)
                calls = 5 if n < 11 else (2 if n < 13 else 1)
                found = solve_vertex_enumeration(game)
                theirs_found = gt.vertex_enumeration(qgame)
                solve_vertex_enumeration(float_game)
                ours, theirs, ratio = paired(
                    lambda: solve_vertex_enumeration(game),
                    lambda: gt.vertex_enumeration(qgame),
                    repeats,
                    calls,
                )

                def fresh():
                    solve_vertex_enumeration(NormalFormGame.from_matrices(first, second))

                build = cpu_batch(lambda: NormalFormGame.from_matrices(first, second), 20)
                fresh_time, _, fresh_ratio = paired(
                    fresh, lambda: gt.vertex_enumeration(qgame), repeats, calls
                )
                fresh_time -= build
                float_time, _, float_ratio = paired(
                    lambda: solve_vertex_enumeration(float_game),
                    lambda: gt.vertex_enumeration(qgame),
                    repeats,
                    calls,
                )
                if n in exact_sizes:
                    exact = solve_vertex_enumeration(game, exact=True)
                    assert len(exact) == len(found)
                    exact_time, float_again, _ = paired(
                        lambda: solve_vertex_enumeration(game, exact=True),
                        lambda: solve_vertex_enumeration(game),
                        max(3, repeats // 2),
                        1,
                    )
                    exact_ratio = exact_time / float_again
                else:
                    exact_time = exact_ratio = float("nan")
                rows.append(
                    (
                        ours,
                        fresh_time,
                        float_time,
                        exact_time,
                        theirs,
                        ratio,
                        fresh_ratio,
                        float_ratio,
                        exact_ratio,
                    )
                )
                counts.append(f"{len(found)}/{len(theirs_found)}")
            m = [statistics.median(r[i] for r in rows) for i in range(9)]
            print(
                f"| 0..{high - 1} | {n} | {m[0] * 1e3:.2f} | {m[1] * 1e3:.2f} | "
                f"{m[2] * 1e3:.2f} | {m[3] * 1e3:.1f} | {m[4] * 1e3:.2f} | {m[5]:.2f} | "
                f"{m[6]:.2f} | {m[7]:.2f} | {m[8]:.1f} | {', '.join(counts)} |",
                flush=True,
            )


def lemke_howson(sizes, repeats):
    import quantecon.game_theory as gt

    from deterrence.solvers.lemke_howson import lemke_howson_path

    print("\n## Lemke-Howson from label 0 on random float games (short paths)\n")
    print("| n | pivots | ours (ms) | QuantEcon (ms) | ours / QuantEcon |")
    print("|---|---|---|---|---|")
    for n in sizes:
        rng = np.random.default_rng(n)
        first, second = rng.random((n, n)), rng.random((n, n))
        game = NormalFormGame.from_matrices(first, second)
        qgame = quantecon_game(first, second)
        solve_lemke_howson(game, initial_label=0)
        gt.lemke_howson(qgame, init_pivot=0)
        pivots = lemke_howson_path(game, 0)[2]
        ours, theirs, ratio = paired(
            lambda: solve_lemke_howson(game, initial_label=0),
            lambda: gt.lemke_howson(qgame, init_pivot=0),
            repeats,
            200,
        )
        print(
            f"| {n} | {pivots} | {ours * 1e3:.3f} | {theirs * 1e3:.3f} | {1 / ratio:.1f} |",
            flush=True,
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[9, 11, 13])
    parser.add_argument("--exact-sizes", type=int, nargs="+", default=[9, 11, 13])
    parser.add_argument("--games", type=int, default=3)
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--lh-sizes", type=int, nargs="+", default=[5, 10, 20, 50])
    args = parser.parse_args()
    print(f"# bench_bimatrix (DETERRENCE_JIT={os.environ['DETERRENCE_JIT']})")
    enumeration(args.sizes, args.games, args.repeats, args.exact_sizes)
    lemke_howson(args.lh_sizes, args.repeats)


if __name__ == "__main__":
    main()
