"""Benchmark: all equilibria of small n-player games (issue 18), before and after.

Run by hand from the repository root::

    .venv/bin/python benchmarks/bench_nplayer.py

Games: 45 random 3-player games, seeds 0..44, shape 2x2x3 (even seeds) or 3x3x2 (odd),
payoffs standard normal rounded to 3 decimals (generic); and the 4x4x4 games of
``bench_coalitions.py`` section 3 (seeds 0, 1, 2). Each game is solved by
``solve_polynomial_enumeration`` as it is now and as it was at commit 5ba478f (loaded from
git into a separate module), alternately, in this one process; CPU time (process_time), after
one warm-up solve each. The equilibria found are compared (same count, every old
equilibrium found again within 1e-6). pygambit is not installed here: its ``enumpoly_solve``
took a median 0.06 s on the 45 games in the session that recorded issue 18 (ours 0.76 s then).
"""

from __future__ import annotations

import os
import statistics
import sys
import time
import warnings

import numpy as np
from _before import module_at  # benchmarks/ is on the path

from deterrence import NormalFormGame
from deterrence.solvers.polynomial_enumeration import solve_polynomial_enumeration

BEFORE = "5ba478f"


def solver_before():
    path = "deterrence/solvers/polynomial_enumeration.py"
    return module_at(BEFORE, path).solve_polynomial_enumeration


def small_games() -> list[NormalFormGame]:
    games = []
    for seed in range(45):
        shape = (2, 2, 3) if seed % 2 == 0 else (3, 3, 2)
        rng = np.random.default_rng(seed)
        games.append(NormalFormGame.from_payoffs(np.round(rng.standard_normal((3, *shape)), 3)))
    return games


def large_games() -> list[NormalFormGame]:
    games = []
    for seed in (0, 1, 2):
        rng = np.random.default_rng(seed)
        games.append(NormalFormGame.from_payoffs(np.round(rng.standard_normal((3, 4, 4, 4)), 3)))
    return games


def cpu(function, game):
    start = time.process_time()
    result = function(game)
    return time.process_time() - start, result


def same(old, new) -> bool:
    return len(old) == len(new) and all(
        any(eq.isclose(other, tol=1e-6) for other in new) for eq in old
    )


def main() -> None:
    warnings.simplefilter("ignore")
    before = solver_before()
    games = small_games()
    before(games[0]), solve_polynomial_enumeration(games[0])  # warm-up
    rows = []
    for game in games:
        old_time, old = cpu(before, game)
        new_time, new = cpu(solve_polynomial_enumeration, game)
        rows.append(
            (old_time, new_time, len(old), len(new), same(old, new), new.complete, old.complete)
        )
    old_times, new_times = [r[0] for r in rows], [r[1] for r in rows]
    print("## 45 random 3-player games (2x2x3 and 3x3x2), CPU seconds per game\n")
    print("| | median | mean | max | equilibria (total) |")
    print("|---|---|---|---|---|")
    print(
        f"| before ({BEFORE}) | {statistics.median(old_times):.4f} | "
        f"{statistics.mean(old_times):.4f} | {max(old_times):.3f} | {sum(r[2] for r in rows)} |"
    )
    print(
        f"| after | {statistics.median(new_times):.4f} | {statistics.mean(new_times):.4f} | "
        f"{max(new_times):.3f} | {sum(r[3] for r in rows)} |"
    )
    print(
        f"\nSpeed-up of the median: "
        f"{statistics.median(old_times) / statistics.median(new_times):.1f}x; same equilibria "
        f"on {sum(r[4] for r in rows)} of 45 games; complete (after / before) on "
        f"{sum(r[5] for r in rows)} / {sum(r[6] for r in rows)}; load {os.getloadavg()[0]:.1f}.\n"
    )
    if "--small-only" in sys.argv:
        return
    print("## 4x4x4 (payoffs standard normal, rounded to 3 decimals), CPU seconds\n")
    print("| seed | before | after | equilibria before / after | same | complete |")
    print("|---|---|---|---|---|---|")
    for seed, game in zip((0, 1, 2), large_games()):
        new_time, new = cpu(solve_polynomial_enumeration, game)
        old_time, old = cpu(before, game) if "--skip-before-large" not in sys.argv else (0, new)
        print(
            f"| {seed} | {old_time:.2f} | {new_time:.2f} | {len(old)} / {len(new)} | "
            f"{same(old, new)} | {new.complete} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
