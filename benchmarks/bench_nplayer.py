"""Benchmark: all equilibria of small n-player games (issue 18), before and after.

Run by hand from the repository root::

    .venv/bin/python benchmarks/bench_nplayer.py [--skip-before-large] [--small-only]

Games (payoffs standard normal rounded to 3 decimals, so generic): 45 random 3-player
games, seeds 0..44, shape 2x2x3 (even seeds) or 3x3x2 (odd); 4x4x4 games, seeds 0..4
(seeds 0, 1, 2 are those of ``bench_coalitions.py`` section 3); 3x3x3 and 2x2x2x2 games,
seeds 0..4. Each game is solved by ``solve_polynomial_enumeration`` as it is now and as it
was at commit ``BEFORE`` (loaded from git into a separate module), alternately, in this one
process; CPU time (process_time), after one warm-up solve each. The equilibria found are
compared (same count, every old equilibrium found again within 1e-6).

"After" runs with the compiled path tracker loaded (``DETERRENCE_JIT=always``), as every
solve does once the numpy tracker has spent ``deterrence.solvers._jit.BUDGET`` seconds in a
process; the numpy twin alone (``DETERRENCE_JIT=never``) is timed on the 4x4x4 games too,
and a fresh process (disk cache warm, mode ``auto``) on 4x4x4 seed 0. pygambit's
``enumpoly_solve`` is timed where pygambit is importable; otherwise the recorded number is
quoted (a median 0.06 s on the 45 small games, in the session that recorded issue 18).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
import warnings

import numpy as np
from _before import module_at  # benchmarks/ is on the path

from deterrence import NormalFormGame
from deterrence.solvers import polynomial_enumeration

BEFORE = "c8efa11"  # session 4: closed form for three mixers, numpy homotopy for the rest
HERE = os.path.dirname(os.path.abspath(__file__))


def solver_before():
    path = "deterrence/solvers/polynomial_enumeration.py"
    return module_at(BEFORE, path).solve_polynomial_enumeration


def random_games(shape: tuple[int, ...], seeds) -> list[NormalFormGame]:
    games = []
    for seed in seeds:
        rng = np.random.default_rng(seed)
        payoffs = np.round(rng.standard_normal((len(shape), *shape)), 3)
        games.append(NormalFormGame.from_payoffs(payoffs))
    return games


def small_games() -> list[NormalFormGame]:
    return [random_games((2, 2, 3) if s % 2 == 0 else (3, 3, 2), [s])[0] for s in range(45)]


def cpu(function, game):
    start = time.process_time()
    result = function(game)
    return time.process_time() - start, result


def same(old, new) -> bool:
    return len(old) == len(new) and all(
        any(eq.isclose(other, tol=1e-6) for other in new) for eq in old
    )


def after(game):
    return polynomial_enumeration.solve_polynomial_enumeration(game)


def numpy_only(game):
    """The numpy tracker alone (the compiled kernel set aside for this call)."""
    kernel = polynomial_enumeration.TRACKER
    loaded, kernel._function = kernel._function, None
    os.environ["DETERRENCE_JIT"] = "never"
    try:
        return after(game)
    finally:
        os.environ["DETERRENCE_JIT"] = "always"
        kernel._function = loaded


def pygambit_solver():
    try:
        import pygambit
    except ImportError:
        return None

    def solve(game: NormalFormGame):
        table = pygambit.Game.from_arrays(*[np.asarray(p, dtype=float) for p in game.payoffs])
        return pygambit.nash.enumpoly_solve(table).equilibria

    return solve


def fresh_process_seconds(seed: int) -> str:
    """CPU seconds of one 4x4x4 solve in a new process (mode auto, disk cache warm)."""
    code = (
        "import time, warnings, numpy as np; warnings.simplefilter('ignore');"
        "from deterrence import NormalFormGame;"
        "from deterrence.solvers.polynomial_enumeration import solve_polynomial_enumeration;"
        f"rng = np.random.default_rng({seed});"
        "g = NormalFormGame.from_payoffs(np.round(rng.standard_normal((3, 4, 4, 4)), 3));"
        "t = time.process_time(); r = solve_polynomial_enumeration(g);"
        "print(f'{time.process_time() - t:.2f} s ({len(r)} equilibria)')"
    )
    environment = dict(os.environ, DETERRENCE_JIT="auto")
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=environment, cwd=HERE
    ).stdout.strip()


def table(title: str, games, before, gambit, *, twin: bool = False) -> None:
    print(f"## {title}, CPU seconds\n")
    header = "| seed | before | after | equilibria before / after | same | complete |"
    rule = "|---|---|---|---|---|---|"
    if twin:
        header, rule = header + " numpy twin |", rule + "---|"
    if gambit is not None:
        header, rule = header + " pygambit enumpoly |", rule + "---|"
    print(header)
    print(rule, flush=True)
    for seed, game in games:
        new_time, new = cpu(after, game)
        old_time, old = cpu(before, game) if before is not None else (float("nan"), new)
        row = (
            f"| {seed} | {old_time:.2f} | {new_time:.2f} | {len(old)} / {len(new)} | "
            f"{same(old, new)} | {new.complete} |"
        )
        if twin:
            row += f" {cpu(numpy_only, game)[0]:.2f} |"
        if gambit is not None:
            gambit_time, found = cpu(gambit, game)
            row += f" {gambit_time:.2f} ({len(found)}) |"
        print(row, flush=True)
    print()


def tied(before) -> None:
    """Degenerate games: payoffs 0..3, seeds 100..171, six shapes in turn."""
    shapes = [(2, 2, 3), (3, 3, 2), (3, 3, 3), (2, 3, 4), (2, 2, 2, 2), (2, 2, 2, 3)]
    times, kept, extra, differ = [0.0, 0.0], 0, 0, []
    for seed in range(100, 172):
        shape = shapes[seed % len(shapes)]
        payoffs = np.random.default_rng(seed).integers(0, 4, (len(shape), *shape))
        game = NormalFormGame.from_payoffs(payoffs)
        old_time, old = cpu(before, game)
        new_time, new = cpu(after, game)
        times[0] += old_time
        times[1] += new_time
        found = all(any(eq.isclose(other, tol=1e-6) for other in new) for eq in old)
        kept += found
        extra += not all(any(eq.isclose(other, tol=1e-6) for other in old) for eq in new)
        if not found:
            differ.append(f"seed {seed} {shape}: {len(old)} before, {len(new)} after")
    print("## 72 games with tied payoffs (integers 0..3, seeds 100..171)\n")
    print(
        f"CPU before {times[0]:.1f} s, after {times[1]:.1f} s; every old equilibrium found "
        f"again in {kept} of 72 games ({'; '.join(differ) or 'all'}); new equilibria the "
        f"old missed in {extra}.\n",
        flush=True,
    )


def main() -> None:
    warnings.simplefilter("ignore")
    os.environ["DETERRENCE_JIT"] = "always"
    polynomial_enumeration.TRACKER.load()
    before = solver_before()
    gambit = pygambit_solver()
    games = small_games()
    before(games[0]), after(random_games((3, 3, 3), [99])[0])  # warm-up (and compile)
    rows = []
    for game in games:
        old_time, old = cpu(before, game)
        new_time, new = cpu(after, game)
        gambit_time = cpu(gambit, game)[0] if gambit is not None else float("nan")
        rows.append((old_time, new_time, gambit_time, len(old), len(new), same(old, new)))
        rows[-1] += (new.complete, old.complete)
    old_times, new_times = [r[0] for r in rows], [r[1] for r in rows]
    print(f"load {os.getloadavg()[0]:.1f}; pygambit {'importable' if gambit else 'absent'}\n")
    print("## 45 random 3-player games (2x2x3 and 3x3x2), CPU seconds per game\n")
    print("| | median | mean | max | equilibria (total) |")
    print("|---|---|---|---|---|")
    print(
        f"| before ({BEFORE}) | {statistics.median(old_times):.4f} | "
        f"{statistics.mean(old_times):.4f} | {max(old_times):.3f} | {sum(r[3] for r in rows)} |"
    )
    print(
        f"| after | {statistics.median(new_times):.4f} | {statistics.mean(new_times):.4f} | "
        f"{max(new_times):.3f} | {sum(r[4] for r in rows)} |"
    )
    if gambit is not None:
        print(f"| pygambit enumpoly | {statistics.median(r[2] for r in rows):.4f} | | | |")
    print(
        f"\nSame equilibria on {sum(r[5] for r in rows)} of 45 games; complete (after / "
        f"before) on {sum(r[6] for r in rows)} / {sum(r[7] for r in rows)}.\n"
    )
    if "--small-only" in sys.argv:
        return
    skip = "--skip-before-large" in sys.argv
    large_before = None if skip else before
    seeds = range(5)
    table(
        "4x4x4",
        zip(seeds, random_games((4, 4, 4), seeds)),
        large_before,
        gambit,
        twin=True,
    )
    print(f"4x4x4 seed 0 in a fresh process (mode auto): {fresh_process_seconds(0)}\n")
    if not skip:
        tied(before)
    table("3x3x3", zip(seeds, random_games((3, 3, 3), seeds)), large_before, gambit)
    table("2x2x2x2", zip(seeds, random_games((2, 2, 2, 2), seeds)), large_before, gambit)
    print(f"load {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
