"""Benchmarks for comparative statics of anonymous games (issue 7: friend-shoring, swing states).

Run by hand from the repository root::

    /work/venv/bin/python benchmarks/bench_anonymous_analysis.py            # everything
    /work/venv/bin/python benchmarks/bench_anonymous_analysis.py --quick    # smaller sizes

Sections (medians over repeats; pygambit and nashpy run in the same script when installed):

1. ``thresholds()`` of the friend-shoring commitment in ``sharing_cost`` for N = 5 ... 5,000
   partners (quorum 60%), checked against the closed-form fold
   V*C(N-1,K-1)*((K-1)/(N-1))^(K-1)*((N-K)/(N-1))^(N-K) (exact equality where exact), and
   of the swing-state tipping game at N = 10,000.
2. ``sweep()`` over 1,000 values of ``institutionalisation`` for N = 5 ... 10,000.
3. The same questions through the expanded N-player normal form (2^N profiles): thresholds
   of ``to_parametric_normal_form()`` (pure equilibria), and solving one point with
   deterrence's pure solver, pygambit ``enumpure_solve`` and (N = 2) nashpy support
   enumeration, against the anonymous path. Ratios are anonymous-path speed-ups.

Results are printed as Markdown tables; benchmarks/RESULTS-anonymous.md records a run.
"""

from __future__ import annotations

import argparse
import math
import warnings
from fractions import Fraction

import numpy as np
from _timing import median_time  # noqa: E402 (benchmarks/ is on the path)

from deterrence import solve
from deterrence.analysis import sweep, thresholds
from deterrence.models.friend_shoring import friend_shoring_commitment
from deterrence.models.security_dilemma import swing_states

try:
    import pygambit as gbt

    HAVE_GAMBIT = True
except ImportError:  # pragma: no cover - depends on the environment
    HAVE_GAMBIT = False


def fold(n: int, k: int, value: int = 6) -> Fraction:
    h = Fraction(k - 1, n - 1)
    return value * math.comb(n - 1, k - 1) * h ** (k - 1) * (1 - h) ** (n - k)


def quorum(n: int) -> int:
    return max(2, (3 * n + 4) // 5)  # 60% of the partners


def coalition(n: int):
    return friend_shoring_commitment(num_partners=n, quorum=quorum(n), sharing_cost="1/10")


# ---------------------------------------------------------------------- section 1
def section_thresholds(sizes: list[int], repeats: int) -> None:
    print("\n## 1. Exact thresholds of the friend-shoring commitment in sharing_cost\n")
    print("| N | quorum K | thresholds | fold found | closed form | exact match | median time |")
    print("|---|---|---|---|---|---|---|")
    for n in sizes:
        game = coalition(n)
        k = quorum(n)
        elapsed, found = median_time(
            lambda game=game: thresholds(game, "sharing_cost", fixed="defaults", domain=(0, 10)),
            repeats,
        )
        folds = [t for t in found if "fold" in t.description]
        expected = fold(n, k)
        value = folds[0].value if folds else None
        exact = (
            "yes"
            if value == expected
            else (
                f"rel. error {abs(float(value) / float(expected) - 1):.1e}"
                if value is not None
                else "missing"
            )
        )
        print(
            f"| {n} | {k} | {len(found)} | {float(value):.6g} | {float(expected):.6g} | "
            f"{exact} | {elapsed * 1e3:.1f} ms |",
            flush=True,
        )
    game = swing_states(num_states=10_000)
    elapsed, found = median_time(
        lambda: thresholds(game, "security_premium", fixed="defaults", domain=(0, 10)), repeats
    )
    print(
        f"\nSwing states, N = 10,000: thresholds in security_premium "
        f"{[str(t.value) for t in found]} (expected alignment_cost + openness_value = 4) in "
        f"{elapsed * 1e3:.0f} ms (median of {repeats})."
    )


# ---------------------------------------------------------------------- section 2
def section_sweep(sizes: list[int], points: int, repeats: int) -> None:
    print(f"\n## 2. sweep() over {points:,} values of institutionalisation\n")
    print("| N | rows | median time | time per point |")
    print("|---|---|---|---|")
    grid = {"institutionalisation": np.linspace(0, 4, points)}
    for n in sizes:
        game = coalition(n)
        elapsed, frame = median_time(lambda game=game: sweep(game, grid, progress=False), repeats)
        print(
            f"| {n:,} | {len(frame):,} | {elapsed:.2f} s | {elapsed / points * 1e6:.0f} us |",
            flush=True,
        )


# ---------------------------------------------------------------------- section 3
def section_expanded(sizes: list[int], repeats: int) -> None:
    print("\n## 3. Against the expanded normal form (2^N profiles)\n")
    print(
        "Thresholds: anonymous path (count + symmetric equilibria) vs thresholds of "
        "`to_parametric_normal_form()` (pure equilibria only). One point: every count "
        "equilibrium and symmetric equilibrium (anonymous) vs every pure equilibrium of the "
        "expanded game (deterrence `solve(method='pure')`, pygambit `enumpure_solve`; nashpy "
        "support enumeration for N = 2).\n"
    )
    header = (
        "| N | thresholds: anonymous | thresholds: expanded (pure) | ratio | "
        "one point: anonymous | deterrence pure on 2^N | pygambit enumpure | ratio vs "
        "pygambit | nashpy (N=2) |"
    )
    print(header)
    print("|" + "---|" * 9)
    from deterrence.analysis import solve_points

    for n in sizes:
        game = coalition(n)
        ours_t, found = median_time(
            lambda game=game: thresholds(
                game, "institutionalisation", fixed="defaults", domain=(0, 4)
            ),
            repeats,
        )
        if n <= 8:
            normal = game.to_parametric_normal_form()
            theirs_t, expanded = median_time(
                lambda normal=normal: thresholds(
                    normal, "institutionalisation", fixed="defaults", domain=(0, 4)
                ),
                1,
            )
            agree = {t.value for t in found} >= {t.value for t in expanded}
            expanded_cell = (
                f"{theirs_t * 1e3:.0f} ms{'' if agree else ' (DISAGREE)'} | "
                f"{theirs_t / ours_t:.0f}x"
            )
        else:
            expanded_cell = "not run (2^N symbolic profiles) | n/a"
        point = {
            "institutionalisation": np.array([1.0]),
            "value": np.array([6.0]),
            "sharing_cost": np.array([0.1]),
        }
        ours_p, _ = median_time(lambda game=game, point=point: solve_points(game, point), repeats)
        concrete = game.to_normal_form(institutionalisation=1)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            pure_p, pure = median_time(lambda c=concrete: solve(c, method="pure"), repeats)
        gambit_cell, ratio_cell = "n/a", "n/a"
        if HAVE_GAMBIT:
            arrays = [np.asarray(concrete.payoff_matrix(i), dtype=float) for i in range(n)]
            gambit_game = gbt.Game.from_arrays(*arrays)
            gambit_p, gambit = median_time(
                lambda g=gambit_game: gbt.nash.enumpure_solve(g), repeats
            )
            assert len(gambit.equilibria) == len(pure)
            gambit_cell = f"{gambit_p * 1e3:.2f} ms ({len(gambit.equilibria)} eq.)"
            ratio_cell = f"{gambit_p / ours_p:.1f}x"
        nashpy_cell = "n/a"
        if n == 2:
            import nashpy

            a, b = (np.asarray(concrete.payoff_matrix(i), dtype=float) for i in range(2))
            nashpy_p, eqs = median_time(
                lambda a=a, b=b: list(nashpy.Game(a, b).support_enumeration()), repeats
            )
            nashpy_cell = f"{nashpy_p * 1e3:.2f} ms ({len(eqs)} eq.)"
        print(
            f"| {n} | {ours_t * 1e3:.1f} ms | {expanded_cell} | "
            f"{ours_p * 1e3:.2f} ms | {pure_p * 1e3:.2f} ms ({len(pure)} eq.) | "
            f"{gambit_cell} | {ratio_cell} | {nashpy_cell} |",
            flush=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    repeats = 3 if args.quick else 5
    if args.quick:
        section_thresholds([5, 50, 500], repeats)
        section_sweep([5, 1000], 200, 1)
        section_expanded([2, 4, 8], repeats)
    else:
        section_thresholds([5, 50, 500, 1000, 5000], repeats)
        section_sweep([5, 100, 1000, 10_000], 1000, 3)
        section_expanded([2, 4, 8, 12, 16], repeats)


if __name__ == "__main__":
    main()
