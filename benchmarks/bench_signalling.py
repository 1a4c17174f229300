"""Perfect Bayesian equilibria of signalling games: solver and analysis times.

Run as ``python benchmarks/bench_signalling.py``; results in ``RESULTS-signalling.md``.
CPU time (``time.process_time``), median of repeated runs after a warm-up, because the
machine is shared.

1. ``solve_signalling`` on Spence's job market and on ``punitive_signal`` at its defaults,
   with the direct solution of one-free-variable programs (the default) and with every
   program sent to scipy's HiGHS linear programming (the direct path switched off).
2. The analysis of ``punitive_signal``: thresholds in the signal cost, the 1-D regime map,
   ``analyze`` and a 2-D regime map (signal cost x cost ratio, as tests/test_plotting_labels
   draws it); the first call in the process (sympy's caches cold, the analysis section run
   first) and the median of later calls (each builds a new game, so the per-point memo is
   empty, but sympy's caches are warm).
"""

from __future__ import annotations

import time
from unittest import mock

from _timing import median_time

from deterrence.analysis import regimes, thresholds
from deterrence.games import SignallingGame
from deterrence.models import get_model
from deterrence.report import analyze
from deterrence.solvers import signalling
from deterrence.solvers.signalling import solve_signalling

SPENCE = SignallingGame(
    sender_payoffs=[[[2, 0], [1, -1]], [[2, 0], [0, -2]]],
    receiver_payoffs=[[[1, 0], [1, 0]], [[0, 1], [0, 1]]],
    prior=["1/2", "1/2"],
    types=("high", "low"),
    messages=("none", "educate"),
    actions=("high wage", "low wage"),
)


def cpu(function, repeats):
    function()  # warm-up
    return median_time(function, repeats, clock=time.process_time)[0]


def solver_section() -> None:
    model = get_model("punitive_signal")
    games = {"Spence (exact)": SPENCE, "punitive_signal (exact)": model.build().at()}
    print("| game | direct + LP (default) | LP only | speed-up |")
    print("|---|---|---|---|")
    for name, game in games.items():
        default = cpu(lambda game=game: solve_signalling(game), 20)
        with mock.patch.object(
            signalling, "_one_dimensional", lambda *args, **kwargs: NotImplemented
        ):
            lp_only = cpu(lambda game=game: solve_signalling(game), 10)
        print(
            f"| {name} | {default * 1e3:.1f} ms | {lp_only * 1e3:.1f} ms | "
            f"{lp_only / default:.1f}x |"
        )


def analysis_section() -> None:
    model = get_model("punitive_signal")
    # each call builds a new game, so the per-point memo starts empty every time
    cases = {
        "thresholds(signal_cost), defaults fixed": lambda: thresholds(
            model.build(), "signal_cost", fixed="defaults", domain=(0, 6)
        ),
        "regimes over signal_cost in [0, 6]": lambda: regimes(
            model.build(), {"signal_cost": (0, 6)}
        ),
        "analyze('punitive_signal')": lambda: analyze("punitive_signal"),
        "2-D regime map (signal_cost x cost_ratio, resolution 2, 21 samples)": lambda: regimes(
            model.build(),
            {"signal_cost": (0, 6), "cost_ratio": (1, 10)},
            fixed="defaults",
            resolution=2,
            max_depth=0,
            samples=21,
        ),
    }
    print("| analysis | first call (cold caches) | median of 5 later calls |")
    print("|---|---|---|")
    for name, function in cases.items():
        start = time.process_time()
        function()
        cold = time.process_time() - start
        warm = median_time(function, 5, clock=time.process_time)[0]
        print(f"| {name} | {cold:.2f} s | {warm:.2f} s |")


if __name__ == "__main__":
    analysis_section()
    print()
    solver_section()
