"""Round-robin tournament: deterrence's vectorised play against the axelrod package.

A round robin of 50 strategies (ALLC, ALLD, TFT, TF2T, GRIM, WSLS, GTFT(1/3), RANDOM(1/2) and
42 seeded random memory-one strategies), 200 turns, 10 repetitions, noise 0.05, self-play
included (as in axelrod). Both libraries play the same strategies: each automaton is mapped
to axelrod's native class (Cooperator, TitForTat, Grudger, GTFT, Random, MemoryOnePlayer...).

Run by hand (axelrod must be installed separately: ``pip install axelrod``)::

    /work/venv/bin/python benchmarks/bench_tournament.py --repeats 5 --axelrod-repeats 3

Prints the median wall-clock times and, as a sanity check, the largest difference between
the two libraries' mean per-turn payoffs per strategy (both are random; they should agree to
sampling error).
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np

from deterrence.analysis.tournament import round_robin
from deterrence.games.automata import classic_strategies, memory_one
from deterrence.games.repeated import prisoners_dilemma


def strategies(count: int = 50, seed: int = 2026) -> list:
    rng = np.random.default_rng(seed)
    chosen = list(classic_strategies())
    while len(chosen) < count:
        vector = np.round(rng.random(4), 3)
        chosen.append(memory_one(*vector, name=f"M1{tuple(vector.tolist())}"))
    return chosen


def time_ours(players, *, turns, repetitions, noise, seed) -> tuple[float, object]:
    stage = prisoners_dilemma()
    start = time.perf_counter()
    frame = round_robin(
        players, stage, turns=turns, repetitions=repetitions, noise=noise, rng=seed, progress=False
    )
    return time.perf_counter() - start, frame


def time_axelrod(players, *, turns, repetitions, noise, seed, build_results) -> tuple:
    import axelrod as axl

    from deterrence.io.axelrod import to_axelrod

    axl_players = [to_axelrod(s) for s in players]
    tournament = axl.Tournament(
        axl_players, turns=turns, repetitions=repetitions, noise=noise, seed=seed
    )
    start = time.perf_counter()
    results = tournament.play(processes=None, progress_bar=False, build_results=build_results)
    return time.perf_counter() - start, results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--strategies", type=int, default=50)
    parser.add_argument("--turns", type=int, default=200)
    parser.add_argument("--repetitions", type=int, default=10)
    parser.add_argument("--noise", type=float, default=0.05)
    parser.add_argument("--repeats", type=int, default=5, help="timed runs of deterrence")
    parser.add_argument("--axelrod-repeats", type=int, default=3, help="timed runs of axelrod")
    args = parser.parse_args()
    players = strategies(args.strategies)
    options = dict(turns=args.turns, repetitions=args.repetitions, noise=args.noise)
    n = len(players)
    print(
        f"{n} strategies, {n * (n + 1) // 2} pairings (self-play included), "
        f"{args.turns} turns, {args.repetitions} repetitions, noise {args.noise}"
    )

    time_ours(players, seed=0, **options)  # warm-up: imports and first-call overheads
    ours = []
    frame = None
    for k in range(args.repeats):
        elapsed, frame = time_ours(players, seed=k, **options)
        ours.append(elapsed)
        print(f"  deterrence round_robin run {k}: {elapsed:.3f} s")
    print(f"deterrence median: {statistics.median(ours):.3f} s over {len(ours)} runs")

    try:
        import axelrod  # noqa: F401
    except ImportError:
        print("axelrod is not installed; skipping the comparison (pip install axelrod)")
        return
    theirs = []
    results = None
    for k in range(args.axelrod_repeats):
        build = k == 0  # the first run also builds the result set for the sanity check
        elapsed, out = time_axelrod(players, seed=k, build_results=build, **options)
        if build:
            results = out
        else:
            theirs.append(elapsed)
        print(f"  axelrod Tournament.play run {k} (build_results={build}): {elapsed:.3f} s")
        if build:
            theirs_with_results = elapsed
    if theirs:
        median = statistics.median(theirs)
        print(
            f"axelrod median (play only, build_results=False): {median:.3f} s over "
            f"{len(theirs)} runs"
        )
        print(f"speed-up (axelrod play only / deterrence): {median / statistics.median(ours):.0f}x")
    print(
        f"axelrod with build_results=True (1 run): {theirs_with_results:.3f} s; speed-up "
        f"{theirs_with_results / statistics.median(ours):.0f}x"
    )
    if results is not None and frame is not None:
        # axelrod's normalised_scores exclude self-play; compare with our payoff matrix
        ours_matrix = frame.attrs["payoff_matrix"]
        mask = ~np.eye(n, dtype=bool)
        ours_means = np.array([ours_matrix[i][mask[i]].mean() for i in range(n)])
        their_means = np.array([np.mean(scores) for scores in results.normalised_scores])
        print(
            f"max |mean payoff difference| per strategy: "
            f"{np.max(np.abs(ours_means - their_means)):.4f} "
            f"(mean per-turn payoffs range {their_means.min():.3f}..{their_means.max():.3f})"
        )


if __name__ == "__main__":
    main()
