"""Benchmarks for coalitions of many (issue 6): anonymous games, n-player enumeration, logit.

Run by hand from the repository root::

    /work/venv/bin/python benchmarks/bench_coalitions.py            # everything
    /work/venv/bin/python benchmarks/bench_coalitions.py --quick    # fewer sizes and repeats

Sections (medians over repeats; pygambit is run in the same script where it is installed):

1. All symmetric equilibria of a threshold public good with N = 10,000 members
   (``solve_anonymous_symmetric``), exact and float payoffs; all pure count equilibria.
2. The same game expanded to its normal form (2^N profiles): where pygambit's solvers stop
   (each run in a subprocess with a time limit), against the anonymous solver.
3. Random 3-player 4x4x4 games: all equilibria with ``solve_polynomial_enumeration`` against
   pygambit's ``enumpoly_solve``; time and count.
4. One equilibrium of larger games by logit tracing (``solve_logit``) against pygambit's
   ``logit_solve``.

Results are printed as Markdown tables.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time

import numpy as np
from _timing import median_time  # noqa: E402 (benchmarks/ is on the path)

from deterrence.games.anonymous_families import threshold_public_good, volunteers_dilemma
from deterrence.games.normal_form import NormalFormGame
from deterrence.solvers.anonymous import solve_anonymous_pure, solve_anonymous_symmetric
from deterrence.solvers.polynomial_enumeration import solve_polynomial_enumeration

try:
    import pygambit  # noqa: F401

    HAVE_GAMBIT = True
except ImportError:  # pragma: no cover - depends on the environment
    HAVE_GAMBIT = False


# ---------------------------------------------------------------------- section 1
def section_anonymous(repeats: int) -> None:
    print("\n## 1. Symmetric equilibria at N = 10,000\n")
    print("| game | payoffs | equilibria (p of first strategy, stability) | median solve time |")
    print("|---|---|---|---|")
    n = 10_000
    cases = [
        ("threshold public good K=2, V=50, c=1", dict(threshold=2, value=50, cost=1)),
        ("threshold public good K=100, V=50, c=1", dict(threshold=100, value=50, cost=1)),
        ("threshold public good K=5000, V=200, c=1", dict(threshold=5000, value=200, cost=1)),
        ("threshold public good K=9990, V=50, c=1", dict(threshold=9990, value=50, cost=1)),
    ]
    for label, parameters in cases:
        for kind in ("exact", "float"):
            params = dict(parameters)
            if kind == "float":
                params = {**params, "value": float(params["value"]), "cost": float(params["cost"])}

            def run(params=params):
                game = threshold_public_good(n, **params)  # fresh game: no cached work
                start = time.perf_counter()
                result = solve_anonymous_symmetric(game)
                return time.perf_counter() - start, result

            samples = [run() for _ in range(repeats)]
            elapsed = statistics.median(s[0] for s in samples)
            result = samples[-1][1]
            found = ", ".join(f"{float(eq.probability):.6g} {eq.stability}" for eq in result)
            print(f"| {label} | {kind} | {found} | {elapsed * 1e3:.1f} ms |")
    game = volunteers_dilemma(n, benefit=4, cost=1)
    elapsed, result = median_time(lambda: solve_anonymous_symmetric(game), repeats)
    print(
        f"| volunteer's dilemma U=4, C=1 | exact | "
        f"{float(result[0].probability):.6g} (theory {1 - 0.25 ** (1 / (n - 1)):.6g}) | "
        f"{elapsed * 1e3:.1f} ms |"
    )
    game = threshold_public_good(n, threshold=100, value=50, cost=1)
    elapsed, result = median_time(lambda: solve_anonymous_pure(game), repeats)
    print(
        f"\nAll pure equilibria (count profiles) of the K=100 game: "
        f"{[eq.describe() for eq in result]}, median {elapsed * 1e3:.2f} ms."
    )


# ---------------------------------------------------------------------- section 2
CHILD = r"""
import json, sys, time
import numpy as np
import pygambit as gbt
from deterrence.games.anonymous_families import threshold_public_good
n, solver = int(sys.argv[1]), sys.argv[2]
game = threshold_public_good(n, threshold=max(2, n // 2), value=10, cost=1)
nfg = game.to_normal_form(max_entries=10**9)
payoffs = nfg.float_payoffs
build = time.perf_counter()
g = gbt.Game.from_arrays(*[np.asarray(p, dtype=float) for p in payoffs])
build = time.perf_counter() - build
start = time.perf_counter()
if solver == "enumpure":
    result = gbt.nash.enumpure_solve(g)
elif solver == "enumpoly":
    result = gbt.nash.enumpoly_solve(g)
elif solver == "gnm":
    result = gbt.nash.gnm_solve(g)
else:
    result = gbt.nash.logit_solve(g)
elapsed = time.perf_counter() - start
print(json.dumps({"time": elapsed, "build": build, "count": len(result.equilibria)}))
"""


def run_gambit_child(n: int, solver: str, timeout: float) -> str:
    try:
        completed = subprocess.run(
            [sys.executable, "-c", CHILD, str(n), solver],
            capture_output=True,
            text=True,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        return f"timeout (> {timeout:g} s)"
    if completed.returncode != 0:
        tail = (completed.stderr.strip().splitlines() or ["?"])[-1][:60]
        return f"failed ({tail})"
    data = json.loads(completed.stdout.strip().splitlines()[-1])
    return f"{data['time']:.3g} s, {data['count']} eq. (build {data['build']:.2g} s)"


def section_expanded(sizes: list[int], timeout: float) -> None:
    print("\n## 2. The expanded normal form: where general solvers stop\n")
    print(
        f"Threshold public good, K = max(2, N // 2), V = 10, c = 1; each pygambit run in a "
        f"subprocess limited to {timeout:g} s (time excludes building the pygambit game).\n"
    )
    solvers = ["enumpure", "enumpoly", "logit"] if HAVE_GAMBIT else []
    header = (
        "| N | profiles | anonymous: all symmetric + pure | "
        + " | ".join(f"pygambit {s}" for s in solvers)
        + " |"
    )
    print(header)
    print("|" + "---|" * (3 + len(solvers)))
    stopped = {s: False for s in solvers}
    for n in sizes:
        game = threshold_public_good(n, threshold=max(2, n // 2), value=10, cost=1)
        start = time.perf_counter()
        symmetric = solve_anonymous_symmetric(game)
        pure = solve_anonymous_pure(game)
        ours = time.perf_counter() - start
        cells = [f"{ours * 1e3:.2f} ms ({len(symmetric)} sym., {len(pure)} count profiles)"]
        for solver in solvers:
            if stopped[solver]:
                cells.append("skipped (stopped at smaller N)")
                continue
            cell = run_gambit_child(n, solver, timeout)
            if cell.startswith(("timeout", "failed")):
                stopped[solver] = True
            cells.append(cell)
        print(f"| {n} | 2^{n} | " + " | ".join(cells) + " |", flush=True)


# ---------------------------------------------------------------------- section 3
def section_three_player(seeds: list[int], repeats: int) -> None:
    print("\n## 3. Random 3-player 4x4x4 games: all equilibria\n")
    print("Payoffs standard normal, rounded to 3 decimals (generic).\n")
    print(
        "| seed | ours: count, complete | ours: median time | pygambit enumpoly: count | "
        "pygambit: median time | time ratio ours/pygambit | pygambit's found by ours |"
    )
    print("|---|---|---|---|---|---|---|")
    for seed in seeds:
        rng = np.random.default_rng(seed)
        payoffs = rng.normal(size=(3, 4, 4, 4)).round(3)
        game = NormalFormGame.from_payoffs(payoffs)
        ours_time, ours = median_time(lambda game=game: solve_polynomial_enumeration(game), repeats)
        if HAVE_GAMBIT:
            import pygambit as gbt

            gambit_game = gbt.Game.from_arrays(*[np.array(p, dtype=float) for p in payoffs])
            theirs_time, theirs = median_time(
                lambda gambit_game=gambit_game: gbt.nash.enumpoly_solve(gambit_game), repeats
            )
            profiles = [
                [[float(eq[s]) for s in player.strategies] for player in gambit_game.players]
                for eq in theirs.equilibria
            ]
            matched = sum(
                any(
                    all(np.allclose(a, b, atol=1e-5) for a, b in zip(profile, mine.strategies))
                    for mine in ours
                )
                for profile in profiles
            )
            print(
                f"| {seed} | {len(ours)}, {ours.complete} | {ours_time:.2f} s | "
                f"{len(profiles)} | {theirs_time:.2f} s | {ours_time / theirs_time:.1f} | "
                f"{matched}/{len(profiles)} |",
                flush=True,
            )
        else:
            print(
                f"| {seed} | {len(ours)}, {ours.complete} | {ours_time:.2f} s | n/a | n/a | "
                "n/a | n/a |",
                flush=True,
            )


# ---------------------------------------------------------------------- section 4
def section_logit(repeats: int) -> None:
    print("\n## 4. Logit tracing (one equilibrium) on larger n-player games\n")
    print(
        "| players x strategies | profiles | median time | max regret | "
        "pygambit logit_solve: median time |"
    )
    print("|---|---|---|---|---|")
    from deterrence.solvers.qre import solve_logit

    for shape in [(3,) * 5, (2,) * 8, (4,) * 4]:
        rng = np.random.default_rng(0)
        payoffs = rng.normal(size=(len(shape),) + shape).round(3)
        game = NormalFormGame.from_payoffs(payoffs)
        elapsed, result = median_time(lambda game=game: solve_logit(game), repeats)
        gambit = "n/a"
        if HAVE_GAMBIT:
            import pygambit as gbt

            gambit_game = gbt.Game.from_arrays(*[np.array(p, dtype=float) for p in payoffs])
            gambit_time, _ = median_time(
                lambda gambit_game=gambit_game: gbt.nash.logit_solve(gambit_game), repeats
            )
            gambit = f"{gambit_time:.2f} s"
        label = f"{len(shape)} x {shape[0]}"
        print(
            f"| {label} | {int(np.prod(shape))} | {elapsed:.2f} s | "
            f"{float(result.max_regret()):.1e} | {gambit} |",
            flush=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--gambit-timeout", type=float, default=30.0)
    parser.add_argument("--skip", nargs="*", default=[], choices=["1", "2", "3", "4"])
    arguments = parser.parse_args()
    repeats = 3 if arguments.quick else 7
    print(f"# bench_coalitions (pygambit {'available' if HAVE_GAMBIT else 'absent'})")
    if "1" not in arguments.skip:
        section_anonymous(repeats)
    if "2" not in arguments.skip:
        sizes = [4, 8, 12] if arguments.quick else [4, 6, 8, 10, 12, 14, 16, 18, 20]
        section_expanded(sizes, arguments.gambit_timeout)
    if "3" not in arguments.skip:
        seeds = [0] if arguments.quick else [0, 1, 2]
        section_three_player(seeds, 1 if arguments.quick else 3)
    if "4" not in arguments.skip:
        section_logit(1 if arguments.quick else 3)


if __name__ == "__main__":
    main()
