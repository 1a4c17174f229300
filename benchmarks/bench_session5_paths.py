"""Session 5's analysis-path speed-ups, each against its alternative or a peer in one run.

Run: ``.venv/bin/python benchmarks/bench_session5_paths.py`` (CPU time, median of repeats).

1. Perfect Bayesian sweeps: a float parameter point solved as an exact game (the floats'
   huge denominators; what sweeps did before) against the same point as a float game
   (``SignallingGame.to_float``, what they do now), on 300 points of ``punitive_signal``.
   No peer solves perfect Bayesian equilibria (pygambit has no such solver).
2. Lemke-Howson on integer games, per call: ours (exact certification of the float answer,
   the normalised game cached per game) against nashpy's ``lemke_howson`` and QuantEcon's
   ``lemke_howson`` (when installed) on the same 10x10 game, label 0.
3. The 2-D regime map of ``trust_private`` (4x4 ex-ante form, two parameters): one number
   (no peer draws exact regime maps); 70 s CPU before this session's change, measured with
   the earlier code on the same machine.
"""

from __future__ import annotations

import time
import warnings

import numpy as np
from _timing import median_time

warnings.simplefilter("ignore")
CPU = time.process_time


def signalling() -> None:
    import deterrence as dt
    from deterrence.solvers.signalling import solve_signalling

    game = dt.get_model("punitive_signal").build()
    points = [game.at(signal_cost=float(c)) for c in np.linspace(1, 4, 300)]

    def run(convert):
        for point in points:
            solve_signalling(convert(point))

    exact, _ = median_time(lambda: run(lambda g: g), 3, CPU)
    floating, _ = median_time(lambda: run(lambda g: g.to_float()), 3, CPU)
    print("| 1. punitive_signal, 300 float points | exact games | float games | ratio |")
    print("|---|---|---|---|")
    print(
        f"| solve_signalling per point | {1000 * exact / 300:.2f} ms | "
        f"{1000 * floating / 300:.2f} ms | {exact / floating:.2f}x |"
    )


def lemke_howson() -> None:
    import nashpy

    from deterrence import NormalFormGame
    from deterrence.solvers.lemke_howson import solve_lemke_howson

    rng = np.random.default_rng(0)
    a, b = rng.integers(0, 100, (10, 10)), rng.integers(0, 100, (10, 10))
    game = NormalFormGame.from_matrices(a.tolist(), b.tolist())
    for _ in range(3000):  # past the numpy budget: compiled kernels in use
        solve_lemke_howson(game)
    calls = 500

    def ours():
        for _ in range(calls):
            solve_lemke_howson(game)

    peer = nashpy.Game(a, b)

    def theirs():
        for _ in range(calls):
            peer.lemke_howson(initial_dropped_label=0)

    rows = [("deterrence (exact certification)", median_time(ours, 3, CPU)[0])]
    rows.append(("nashpy", median_time(theirs, 3, CPU)[0]))
    try:
        from quantecon.game_theory import NormalFormGame as QENormalForm
        from quantecon.game_theory import Player, lemke_howson

        quantecon = QENormalForm((Player(a.astype(float)), Player(b.T.astype(float))))
        lemke_howson(quantecon)

        def qe():
            for _ in range(calls):
                lemke_howson(quantecon, init_pivot=0)

        rows.append(("QuantEcon", median_time(qe, 3, CPU)[0]))
    except ImportError:
        pass
    base = rows[0][1]
    print("\n| 2. Lemke-Howson, integer 10x10, label 0 | ms per call | time / ours |")
    print("|---|---|---|")
    for name, took in rows:
        print(f"| {name} | {1000 * took / calls:.3f} | {took / base:.2f} |")


def regime_map() -> None:
    from deterrence import get_model, regimes

    game = get_model("trust_private").build()
    start = CPU()
    found = regimes(
        game,
        {"information_sharing": (0, 1), "prior_trust": (0, 1)},
        resolution=2,
        max_depth=0,
        samples=11,
    )
    took = CPU() - start
    print(
        f"\n3. trust_private 2-D regime map: {took:.1f} s CPU, {len(found.boundaries)} "
        "boundaries (70 s before this session)"
    )


if __name__ == "__main__":
    signalling()
    lemke_howson()
    regime_map()
