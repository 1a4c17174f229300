"""Benchmark: what the first access to a public name costs in a fresh process (issue 18).

Run by hand from the repository root::

    .venv/bin/python benchmarks/bench_import.py            # 7 fresh processes per statement
    .venv/bin/python benchmarks/bench_import.py --tree     # plus the heaviest modules under
                                                           # python -X importtime
    git archive REV deterrence | tar -x -C /tmp/before     # an older tree, then
    .venv/bin/python benchmarks/bench_import.py --before /tmp/before   # both, paired

Each statement runs in a fresh interpreter; the time is the child's CPU time (user +
system, from ``os.wait4``), median over the runs, so that the load of a shared machine does
not enter. The baselines (numpy, sympy, pandas alone) show which part of a name's cost is
the libraries it needs rather than the package. With ``--before DIR`` every statement also
runs against the package tree in ``DIR`` (``PYTHONPATH=DIR``, started outside the
repository), alternating with the current tree, so both columns come from one run.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys

STATEMENTS = [
    ("python itself", "pass"),
    ("numpy", "import numpy"),
    ("sympy", "import sympy"),
    ("pandas", "import pandas"),
    ("sympy + pandas", "import sympy, pandas"),
    ("import deterrence", "import deterrence"),
    ("deterrence.solve", "import deterrence; deterrence.solve"),
    ("deterrence.NormalFormGame", "import deterrence; deterrence.NormalFormGame"),
    ("deterrence.ParametricGame", "import deterrence; deterrence.ParametricGame"),
    ("deterrence.sweep", "import deterrence; deterrence.sweep"),
    ("deterrence.get_model", "import deterrence; deterrence.get_model"),
    ("deterrence.thresholds", "import deterrence; deterrence.thresholds"),
    ("deterrence.analyze", "import deterrence; deterrence.analyze"),
    # what a user does first with a model
    ("get_model('denial')", "import deterrence as dt; dt.get_model('denial')"),
    ("get_model('denial').build()", "import deterrence as dt; dt.get_model('denial').build()"),
    ("catalog()", "import deterrence as dt; dt.catalog()"),
    (
        "thresholds of denial",
        "import deterrence as dt; dt.thresholds(dt.get_model('denial').build(), 'credibility')",
    ),
    (
        "sweep of denial, 3 points",
        "import deterrence as dt; dt.sweep(dt.get_model('denial').build(), "
        "{'credibility': [0, 0.5, 1]}, progress=False)",
    ),
]
TREE = ["deterrence.sweep", "deterrence.get_model", "deterrence.thresholds", "deterrence.analyze"]


def cpu_seconds(statement: str, tree: str | None = None) -> float:
    """CPU seconds of a fresh interpreter running ``statement`` (against ``tree`` if given)."""
    env, cwd = None, None
    if tree is not None:  # outside the repository, so that '' on sys.path is not this tree
        env, cwd = {**os.environ, "PYTHONPATH": tree}, os.path.dirname(os.path.abspath(tree))
    process = subprocess.Popen([sys.executable, "-c", statement], env=env, cwd=cwd)
    _, status, usage = os.wait4(process.pid, 0)
    if status:
        raise RuntimeError(f"{statement!r} failed")
    return usage.ru_utime + usage.ru_stime


def heaviest(statement: str, count: int = 12) -> list[tuple[int, str]]:
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", statement], capture_output=True, text=True
    )
    rows = []
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        _, cumulative, name = line.split("|")
        if cumulative.strip().isdigit():
            rows.append((int(cumulative), name.rstrip()))
    return sorted(rows, reverse=True)[:count]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--tree", action="store_true")
    parser.add_argument("--before", help="an older package tree (a directory holding deterrence/)")
    args = parser.parse_args()
    if args.before:
        print(
            "| first access | CPU seconds before | CPU seconds now | which libraries it loads now |"
        )
        print("|---|---|---|---|")
    else:
        print("| first access | CPU seconds (median) | which libraries it loads |")
        print("|---|---|---|")
    for label, statement in STATEMENTS:
        times, before = [], []
        for _ in range(args.repeats):
            if args.before:
                before.append(cpu_seconds(statement, args.before))
            times.append(cpu_seconds(statement))
        probe = statement + "; import sys; print(sorted(m for m in ('sympy', 'pandas', "
        probe += "'scipy', 'numba') if m in sys.modules))"
        loaded = subprocess.run(
            [sys.executable, "-c", probe], capture_output=True, text=True
        ).stdout.strip()
        cells = f"{statistics.median(before):.2f} | " if args.before else ""
        print(f"| `{label}` | {cells}{statistics.median(times):.2f} | {loaded} |", flush=True)
    if args.tree:
        for label, statement in STATEMENTS:
            if label not in TREE:
                continue
            print(f"\n{label}: heaviest modules (cumulative microseconds, -X importtime)")
            for micros, name in heaviest(statement):
                print(f"    {micros:>9,} {name}")


if __name__ == "__main__":
    main()
