"""Benchmark: what a new user feels first -- import time and the first solve in a fresh process.

Run by hand (results go to benchmarks/RESULTS-speed.md):

    .venv/bin/python benchmarks/bench_cold_start.py --repeats 3

Every measurement is a fresh ``python -c`` process. "cold" runs get an empty numba cache
(``NUMBA_CACHE_DIR`` set to a new temporary directory, so nothing compiled earlier is
reused); "warm" runs reuse the cache the cold run of the same case left behind. Wall and CPU
time (user + system of the child) are medians over ``--repeats`` processes. QuantEcon, where
installed, runs the same games in the same way (its numba kernels are compiled on first use
too).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

GAME_7 = (
    "import numpy as np; rng = np.random.default_rng(7); "
    "first = rng.integers(0, 100, (7, 7)).tolist(); "
    "second = rng.integers(0, 100, (7, 7)).tolist()"
)
GAME_50 = (
    "import numpy as np; rng = np.random.default_rng(50); "
    "first = rng.random((50, 50)); second = rng.random((50, 50))"
)

CASES = {
    "import deterrence": "import deterrence",
    "first 7x7 solve": GAME_7 + "; import deterrence as dt; "
    "dt.solve(dt.NormalFormGame.from_matrices(first, second))",
    "first 50x50 Lemke-Howson": GAME_50 + "; import deterrence as dt; "
    "dt.solve(dt.NormalFormGame.from_matrices(first, second), method='lemke_howson')",
    "QuantEcon: first 7x7 vertex_enumeration": GAME_7 + "; import quantecon.game_theory as gt; "
    "gt.vertex_enumeration(gt.NormalFormGame((gt.Player(np.array(first, float)), "
    "gt.Player(np.array(second, float).T))))",
    "QuantEcon: first 50x50 lemke_howson": GAME_50 + "; import quantecon.game_theory as gt; "
    "gt.lemke_howson(gt.NormalFormGame((gt.Player(first), gt.Player(second.T))))",
}


def run(code: str, cache: str) -> tuple[float, float]:
    """Wall and CPU seconds of one fresh interpreter running ``code``."""
    env = dict(os.environ, NUMBA_CACHE_DIR=cache, PYTHONWARNINGS="ignore")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], env=env, check=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def import_profile() -> list[tuple[int, str]]:
    """The slowest top-level imports under ``-X importtime`` (cumulative microseconds)."""
    out = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import deterrence"],
        capture_output=True,
        text=True,
        check=True,
    ).stderr
    rows = []
    for line in out.splitlines():
        parts = line.split("|")
        if len(parts) == 3 and parts[1].strip().isdigit():
            rows.append((int(parts[1]), parts[2].rstrip()))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--skip-quantecon", action="store_true")
    args = parser.parse_args()
    rows = import_profile()
    total = max(us for us, _ in rows) if rows else 0
    print(f"python -X importtime -c 'import deterrence': {total / 1e6:.3f} s cumulative")
    for us, name in sorted(rows, reverse=True)[:6]:
        print(f"    {us / 1e6:.3f} s  {name.strip()}")
    print("\n| case | cold wall (s) | cold CPU (s) | warm wall (s) | warm CPU (s) |")
    print("|---|---|---|---|---|")
    for name, code in CASES.items():
        if name.startswith("QuantEcon") and args.skip_quantecon:
            continue
        cold, warm = [], []
        for _ in range(args.repeats):
            cache = tempfile.mkdtemp(prefix="numba-cache-")
            try:
                cold.append(run(code, cache))
                warm.append(run(code, cache))
            finally:
                shutil.rmtree(cache, ignore_errors=True)
        cells = [statistics.median(v[i] for v in series) for series in (cold, warm) for i in (0, 1)]
        print(f"| {name} | " + " | ".join(f"{c:.2f}" for c in cells) + " |", flush=True)


if __name__ == "__main__":
    main()
