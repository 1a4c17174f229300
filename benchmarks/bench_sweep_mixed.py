"""Benchmark: a sweep whose mixed equilibrium changes at every point (issue 18).

Run by hand (not part of the test suite)::

    python benchmarks/bench_sweep_mixed.py            # 10^6 points
    python benchmarks/bench_sweep_mixed.py --points 200000

The game is a coordination game ``A = [[x, 0], [0, 1]], B = [[1, 0], [0, x]]`` swept over
``x`` in [0.5, 2]: two pure equilibria and a mixed one, ``p = 1/(1 + x)``, whose probabilities
differ at every point (the case where formatting a label per distinct mixture used to take 95%
of the time). Compared in the same run:

* ``deterrence.sweep`` (the vectorised fast path, DataFrame included);
* a hand-written vectorised numpy closed form producing the same long table (pandas
  DataFrame with the same columns: x, equilibrium, four probabilities, two payoffs, is_pure,
  profile): the floor to approach;
* a loop calling nashpy's support enumeration per point (timed on a random subsample and
  extrapolated).

Ratios are wall-time ratios in one run (the machine is shared: compare ratios, not times).
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import pandas as pd


def game():
    from deterrence.games import Parameter, ParametricGame

    return ParametricGame.from_matrices(
        [["x", 0], [0, 1]],
        [[1, 0], [0, "x"]],
        [Parameter("x", domain=(0, 10))],
        players=("row", "column"),
        strategies=(("a", "b"), ("a", "b")),
    )


def closed_form(xs: np.ndarray) -> pd.DataFrame:
    """The same table by hand: (a, a), the mixture, (b, b) at every point."""
    n = len(xs)
    p = 1.0 / (1.0 + xs)  # column player's weight on a makes the row player indifferent
    q = xs / (1.0 + xs)  # row player's weight on a
    x = np.repeat(xs, 3)
    row_a = np.column_stack([np.ones(n), q, np.zeros(n)]).reshape(-1)
    col_a = np.column_stack([np.ones(n), p, np.zeros(n)]).reshape(-1)
    pay_row = np.column_stack([xs, xs * p, np.ones(n)]).reshape(-1)
    pay_col = np.column_stack([np.ones(n), q * 1.0, xs]).reshape(-1)
    codes = np.tile(np.array([0, 1, 2]), n)
    profile = pd.Categorical.from_codes(
        codes, ["(a, a)", "(mix of a and b, mix of a and b)", "(b, b)"]
    )
    return pd.DataFrame(
        {
            "x": x,
            "equilibrium": codes,
            "row:a": row_a,
            "row:b": 1 - row_a,
            "column:a": col_a,
            "column:b": 1 - col_a,
            "payoff:row": pay_row,
            "payoff:column": pay_col,
            "is_pure": codes != 1,
            "profile": profile,
        }
    )


def nashpy_loop(xs: np.ndarray) -> int:
    import nashpy

    found = 0
    for x in xs:
        found += len(
            list(
                nashpy.Game(
                    np.array([[x, 0], [0, 1]]), np.array([[1, 0], [0, x]])
                ).support_enumeration()
            )
        )
    return found


def main() -> None:
    from deterrence.analysis import sweep

    parser = argparse.ArgumentParser()
    parser.add_argument("--points", type=int, default=1_000_000)
    parser.add_argument("--sample", type=int, default=2_000)
    args = parser.parse_args()
    rng = np.random.default_rng(0)
    xs = np.sort(rng.uniform(0.5, 2.0, args.points))
    g = game()
    sweep(g, {"x": xs[:1000]}, progress=False)  # warm-up (lambdify, imports)

    start = time.perf_counter()
    table = sweep(g, {"x": xs}, progress=False)
    ours = time.perf_counter() - start
    assert len(table) == 3 * args.points, len(table)
    assert table["profile"].nunique() == 3

    start = time.perf_counter()
    hand = closed_form(xs)
    floor = time.perf_counter() - start
    assert len(hand) == len(table)
    np.testing.assert_allclose(
        np.sort(table["row:a"].to_numpy()), np.sort(hand["row:a"].to_numpy()), atol=1e-12
    )

    sample = rng.choice(xs, size=min(args.sample, args.points), replace=False)
    start = time.perf_counter()
    nashpy_loop(sample)
    nashpy_time = (time.perf_counter() - start) * args.points / len(sample)

    print(f"points: {args.points:,}  rows: {len(table):,}")
    print(f"deterrence.sweep (DataFrame): {ours:.3f} s")
    print(
        f"numpy closed form (DataFrame): {floor:.3f} s  -> sweep / closed form = "
        f"{ours / floor:.1f}x"
    )
    print(
        f"nashpy loop (extrapolated from {len(sample):,}): {nashpy_time:.1f} s  -> "
        f"nashpy / sweep = {nashpy_time / ours:.0f}x"
    )


if __name__ == "__main__":
    main()
