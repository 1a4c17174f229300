"""Wall-clock of the parallel backends against serial on a quiet machine (issue 18).

Run: ``.venv/bin/python benchmarks/bench_backends_wall.py`` (best of 3 warm runs per row; the
two workloads of bench_backends.py at full size, default and fixed chunk sizes, then an 8x8
sweep ten times as long). Compare with bench_backends.py, which measures CPU throughput under
load.
"""

import os
import sys
import time
import warnings

import numpy as np

warnings.simplefilter("ignore")
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))


def main():
    from bench_backends import workload

    from deterrence import sweep
    from deterrence.analysis import backends

    for name in ("8x8", "coalition"):
        game, grid, points = workload(name, False)
        serial = 1e9
        for _ in range(2):
            t = time.perf_counter()
            sweep(game, grid, progress=False)
            serial = min(serial, time.perf_counter() - t)
        for backend in ("processes", "dask"):
            for chunk in (None, points // 2, points // 8):
                sweep(game, grid, progress=False, backend=backend, workers=2, chunk_size=chunk)
                best = 1e9
                for _ in range(3):
                    t = time.perf_counter()
                    sweep(game, grid, progress=False, backend=backend, workers=2, chunk_size=chunk)
                    best = min(best, time.perf_counter() - t)
                print(
                    name,
                    backend,
                    chunk,
                    f"serial {serial:.2f} s, {best:.2f} s, ratio {serial / best:.2f}",
                    flush=True,
                )
    from bench_backends import game_8x8

    game = game_8x8()
    grid = {"x": np.linspace(0, 1, 4000)}
    start = time.perf_counter()
    sweep(game, grid, progress=False)
    serial = time.perf_counter() - start
    for backend in ("processes", "dask"):
        start = time.perf_counter()
        sweep(game, grid, progress=False, backend=backend, workers=2)
        took = time.perf_counter() - start
        ratio = serial / took
        print(f"8x8 4000 points {backend}: serial {serial:.2f} s, {took:.2f} s, ratio {ratio:.2f}")
    backends.shutdown()


if __name__ == "__main__":
    main()
