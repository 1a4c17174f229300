"""Benchmark: parametric sweeps, the Dask backend and exact thresholds.

Run by hand (not part of the test suite)::

    /work/venv/bin/python benchmarks/bench_sweep.py            # everything
    /work/venv/bin/python benchmarks/bench_sweep.py --quick    # smaller subsamples

What is measured (medians of repeated runs, after one warm-up run):

1. ``sweep`` of a 2x2 parametric game over a 1000 x 1000 grid (two parameters), including
   building the returned DataFrame, against per-point loops calling nashpy, pygambit and
   QuantEcon (each timed on a random subsample of the same grid and extrapolated to one
   million points) and a hand-written numpy closed form (nondegenerate formulas only, no
   DataFrame: the floor to approach).
2. The same sweep on the Dask backend (LocalCluster, 2 single-threaded worker processes)
   against the serial backend: wall time and peak memory (each configuration runs in a fresh
   subprocess; peak resident memory from ``getrusage``; for Dask the client's peak plus each
   worker's peak).
3. ``thresholds`` on a 3x3 parametric game (one parameter varied, one fixed; and with the
   other parameter left symbolic).
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
import warnings

import numpy as np


def coercion_game():
    from deterrence.games import Parameter, ParametricGame

    return ParametricGame.from_matrices(
        [["(1 - credibility)*benefit - credibility*cost", "benefit"], [0, "1 - 2*credibility"]],
        [[-1, "hoarding - 3"], [1, "hoarding"]],
        [
            Parameter("credibility", domain=(0, 1)),
            Parameter("benefit", default=2),
            Parameter("cost", default=6, domain=(0, 10)),
            Parameter("hoarding", default="1/2", domain=(-1, 2)),
        ],
        players=("coercer", "coalition"),
        strategies=(("coerce", "refrain"), ("share", "hoard")),
        title="supply-chain coercion",
    )


def game_3x3():
    from deterrence.games import Parameter, ParametricGame

    return ParametricGame.from_matrices(
        [["a", 0, "1 - a"], [0, "b", 1], ["1 - b", 1, 0]],
        [[0, "a", 1], ["b", 0, 1], [1, "a - b", 0]],
        [Parameter("a", domain=(-1, 2)), Parameter("b", default="1/2", domain=(0, 1))],
    )


GRID = {"credibility": np.linspace(0, 1, 1000), "hoarding": np.linspace(-1, 2, 1000)}


def median_time(function, repeats: int) -> tuple[float, list[float]]:
    function()  # warm-up
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), times


def subsample_payoffs(size: int, seed: int = 0):
    game = coercion_game()
    rng = np.random.default_rng(seed)
    credibility = rng.choice(GRID["credibility"], size)
    hoarding = rng.choice(GRID["hoarding"], size)
    payoffs = game.lambdify()(credibility=credibility, hoarding=hoarding)
    return payoffs  # (2, 2, 2, size)


def loop_nashpy(payoffs):
    import nashpy

    for k in range(payoffs.shape[-1]):
        list(nashpy.Game(payoffs[0, ..., k], payoffs[1, ..., k]).support_enumeration())


def loop_pygambit(payoffs):
    import pygambit

    for k in range(payoffs.shape[-1]):
        game = pygambit.Game.from_arrays(payoffs[0, ..., k], payoffs[1, ..., k])
        pygambit.nash.enummixed_solve(game, rational=False)


def loop_quantecon(payoffs):
    import quantecon.game_theory as gt

    for k in range(payoffs.shape[-1]):
        game = gt.NormalFormGame((gt.Player(payoffs[0, ..., k]), gt.Player(payoffs[1, ..., k].T)))
        gt.vertex_enumeration(game)


def closed_form(payoffs):
    """Hand-written nondegenerate 2x2 formulas: pure equilibria and the mixed one."""
    a, b = payoffs[0], payoffs[1]
    row0 = a[0, 0] - a[1, 0]
    row1 = a[0, 1] - a[1, 1]
    col0 = b[0, 0] - b[0, 1]
    col1 = b[1, 0] - b[1, 1]
    pure = (
        (row0 > 0) & (col0 > 0),
        (row1 > 0) & (col0 < 0),
        (row0 < 0) & (col1 > 0),
        (row1 < 0) & (col1 < 0),
    )
    mixed = ((row0 > 0) != (row1 > 0)) & ((col0 > 0) != (col1 > 0))
    with np.errstate(all="ignore"):
        p = col1 / (col1 - col0)
        q = row1 / (row1 - row0)
    return pure, mixed, p[mixed], q[mixed]


#: The general (point-by-point solver) path, for a sweep whose cost is all computation.
SMALL_GRID = {"credibility": np.linspace(0, 1, 60), "hoarding": np.linspace(-1, 2, 60)}


def child(mode: str) -> None:
    """Run one sweep configuration in this (fresh) process and print JSON."""
    from deterrence.analysis import sweep

    game = coercion_game()
    out: dict = {"mode": mode}
    backend, path = mode.split("-")
    if path == "fast":
        grid, options, repeats = GRID, {"chunk_size": 125_000}, 3
    else:
        grid, options, repeats = SMALL_GRID, {"chunk_size": 450, "fast": False}, 3
    if backend == "serial":
        median, times = median_time(lambda: sweep(game, grid, progress=False, **options), repeats)
        out.update(median=median, times=times)
    else:
        from dask.distributed import Client, LocalCluster

        start = time.perf_counter()
        cluster = LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        )
        client = Client(cluster)
        out["startup"] = time.perf_counter() - start
        median, times = median_time(
            lambda: sweep(game, grid, progress=False, backend="dask", client=client, **options),
            repeats,
        )
        out.update(median=median, times=times)
        workers = client.run(lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
        out["worker_peak_mib"] = [v / 1024 for v in workers.values()]
        client.close()
        cluster.close()
    out["client_peak_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(out))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--child")
    parser.add_argument("--section", type=int, choices=(1, 2, 3), help="run one section only")
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    warnings.simplefilter("ignore")
    repeats = 3 if args.quick else 7
    sample = 300 if args.quick else 2000
    game = coercion_game()
    results: dict = {}

    sections = {args.section} if args.section else {1, 2, 3}
    if 1 in sections:
        section_one(game, results, repeats, sample)
    if 2 in sections:
        section_two(results)
    if 3 in sections:
        section_three(repeats)


def section_one(game, results, repeats, sample) -> None:
    from deterrence.analysis import sweep

    print("1. 2x2 sweep over 1000 x 1000 points (including the DataFrame)")
    median, times = median_time(
        lambda: sweep(game, GRID, progress=False, chunk_size=1_000_000), repeats
    )
    frame = sweep(game, GRID, progress=False, chunk_size=1_000_000)
    results["sweep"] = median
    print(f"   sweep: median {median:.3f} s of {[round(t, 3) for t in times]}; {len(frame):,} rows")
    payoffs_all = game.lambdify()(
        credibility=np.repeat(GRID["credibility"], 1000), hoarding=np.tile(GRID["hoarding"], 1000)
    )
    median_cf, _ = median_time(lambda: closed_form(payoffs_all), repeats)
    results["closed_form"] = median_cf
    print(f"   hand-written numpy closed form (no DataFrame): median {median_cf:.3f} s")
    payoffs = subsample_payoffs(sample)
    for name, loop, size in (
        ("nashpy", loop_nashpy, sample),
        ("pygambit", loop_pygambit, sample),
        ("quantecon", loop_quantecon, sample),
    ):
        try:
            median_loop, _ = median_time(lambda loop=loop, s=size: loop(payoffs[..., :s]), 3)
        except ImportError as exc:
            print(f"   {name}: not installed ({exc})")
            continue
        per_million = median_loop / size * 1_000_000
        results[name] = per_million
        print(
            f"   {name} loop: {median_loop:.3f} s for {size} points -> "
            f"{per_million:.0f} s per million (extrapolated); sweep is "
            f"{per_million / median:,.0f}x faster"
        )


def section_two(results) -> None:
    print(
        "2. Dask (2 workers) against serial: the fast path on 1000 x 1000 points in chunks "
        "of 125,000; the general path on 60 x 60 points in chunks of 450"
    )
    for mode in ("serial-fast", "dask-fast", "serial-general", "dask-general"):
        output = subprocess.run(
            [sys.executable, __file__, "--child", mode], capture_output=True, text=True, check=True
        )
        data = json.loads(output.stdout.strip().splitlines()[-1])
        results[mode] = data
        extra = ""
        if mode.startswith("dask"):
            extra = (
                f", cluster start-up {data['startup']:.2f} s, worker peaks "
                f"{[round(v) for v in data['worker_peak_mib']]} MiB"
            )
        print(
            f"   {mode}: median {data['median']:.3f} s of "
            f"{[round(t, 3) for t in data['times']]}; client peak "
            f"{data['client_peak_mib']:.0f} MiB{extra}"
        )
    for path in ("fast", "general"):
        ratio = results[f"serial-{path}"]["median"] / results[f"dask-{path}"]["median"]
        print(f"   speed-up dask/serial, {path} path: {ratio:.2f}x")


def section_three(repeats) -> None:
    from deterrence.analysis import thresholds

    print("3. thresholds on a 3x3 parametric game")
    g3 = game_3x3()
    median_fixed, times = median_time(lambda: thresholds(g3, "a", fixed={"b": "1/2"}), repeats)
    print(f"   b fixed: median {median_fixed:.3f} s of {[round(t, 3) for t in times]}")
    median_symbolic, times = median_time(lambda: thresholds(g3, "a"), repeats)
    print(f"   b symbolic: median {median_symbolic:.3f} s of {[round(t, 3) for t in times]}")
    for t in thresholds(g3, "a"):
        print(f"     {t.expression}: {t.description[:90]}...")


if __name__ == "__main__":
    main()
