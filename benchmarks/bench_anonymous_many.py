"""Benchmarks for symmetric equilibria of anonymous games with three strategies (issue 13):
random integer payoffs (dense polynomials of degree N - 1: resultants and Krawczyk
certification), payoffs affine in the counts (degree 1 whatever N) up to and beyond the
algebraic limit, and the bloc-competition model's analysis.

Run from the repository root (results go to benchmarks/RESULTS-anonymous-many.md by hand);
CPU seconds (``time.process_time``), median of three runs:

    .venv/bin/python -u benchmarks/bench_anonymous_many.py
"""

from __future__ import annotations

import time
import warnings
from fractions import Fraction

import numpy as np

from deterrence.exceptions import DegenerateGameWarning
from deterrence.games.anonymous import AnonymousGame, num_count_profiles
from deterrence.solvers.anonymous import solve_anonymous_mixtures


def timed(function, repeats: int = 3):
    times, result = [], None
    for _ in range(repeats):
        start = time.process_time()
        result = function()
        times.append(time.process_time() - start)
    return float(np.median(times)), result


def quiet(game: AnonymousGame):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DegenerateGameWarning)
        return solve_anonymous_mixtures(game, exact=True)


def main() -> None:
    rng = np.random.default_rng(1)
    print("random integer payoffs, 3 strategies (dense, degree N - 1)")
    for players in (4, 7, 10, 13):
        size = num_count_profiles(players - 1, 3)
        game = AnonymousGame(players, rng.integers(-5, 6, size=(3, size)).tolist())
        seconds, result = timed(lambda g=game: quiet(g))
        print(
            f"  N = {players:3d}: {seconds:7.3f} s, {len(result)} equilibria, "
            f"complete={result.complete}, supports {result.options['supports']}"
        )
    print("payoffs affine in the counts, 3 strategies (network effects)")
    for players in (10, 41, 60, 200):
        n = players - 1
        game = AnonymousGame(
            players,
            lambda s, c, n=n: [2 * c[0] - 1, 2 * c[1] - Fraction(3, 2), Fraction(n, 2)][s],
            strategies=("A", "B", "N"),
        )
        seconds, result = timed(lambda g=game: quiet(g), repeats=1 if players > 100 else 3)
        print(
            f"  N = {players:3d}: {seconds:7.3f} s, {len(result)} equilibria, "
            f"complete={result.complete}, supports {result.options['supports']}"
        )
    print("bloc_competition (10 countries): thresholds and regimes in courting over [0, 5]")
    from deterrence.analysis import regimes
    from deterrence.models.blocs import bloc_competition

    game = bloc_competition()
    seconds, found = timed(
        lambda: regimes(bloc_competition(), {"courting": (0, 5)}, fixed="defaults")
    )
    print(f"  regimes: {seconds:.3f} s, thresholds {[str(t.value) for t in found.thresholds]}")
    del game


if __name__ == "__main__":
    main()
