"""Benchmark: robust conclusions under uncertainty (issue 14), time and peak memory.

Run by hand (not part of the test suite), one section per process so that peak memory is the
section's own::

    python benchmarks/bench_robustness.py --section 2x2          # 10^6 draws of denial
    python benchmarks/bench_robustness.py --section sobol        # Saltelli sample of denial
    python benchmarks/bench_robustness.py --section coalition    # 10^5 draws of friend_shoring

Sections:

* ``2x2``: ``deterrence.robustness`` of the ``denial`` model (a 2x2 game) with credibility,
  coverage and information sharing uncertain, ``samples=10**6`` (rounded up to 8 scrambled
  Sobol' sequences of 2^17: 1,048,576 draws), probabilities with intervals, multiplicity and
  PRIM boxes; no Sobol' indices;
* ``sobol``: the same with Sobol' indices from a Saltelli sample of base N = 2^15 (163,840
  more solves) and 2^14 probability draws;
* ``coalition``: the ``friend_shoring`` model (an anonymous N-player game, 5 partners,
  count and symmetric equilibria) with institutionalisation, value and sharing cost uncertain,
  ``samples=10**5`` (131,072 draws), on the ``processes`` backend (2 workers).

Each prints the wall time of the whole call, the peak of memory traced by ``tracemalloc``
during the call (Python and numpy allocations), the process's peak resident set size and the
largest peak of a worker process (``processes`` backend).
The machine is shared (2 cores): times vary by about a factor of two between runs.
"""

from __future__ import annotations

import argparse
import resource
import time
import tracemalloc

SECTIONS = {
    "2x2": dict(
        model="denial",
        samples=10**6,
        sensitivity_samples=None,
        backend="serial",
        distributions={
            "credibility": ("uniform", 0.6, 1.0),
            "coverage": ("beta", 8, 2),
            "information_sharing": ("uniform", 0.7, 1.0),
        },
    ),
    "sobol": dict(
        model="denial",
        samples=2**14,
        sensitivity_samples=2**15,
        backend="serial",
        distributions={
            "credibility": ("uniform", 0.6, 1.0),
            "coverage": ("beta", 8, 2),
            "information_sharing": ("uniform", 0.7, 1.0),
        },
    ),
    "coalition": dict(
        model="friend_shoring",
        samples=10**5,
        sensitivity_samples=None,
        backend="processes",
        distributions={
            "institutionalisation": ("uniform", 0, 4),
            "value": ("uniform", 3, 9),
            "sharing_cost": ("uniform", 1, 3),
        },
    ),
}


def run(section: str) -> None:
    import deterrence as dt

    spec = dict(SECTIONS[section])
    model = spec.pop("model")
    distributions = spec.pop("distributions")
    # warm-up: imports, JIT compilation and lambdified payoffs are not what is measured
    dt.robustness(
        model,
        distributions,
        rng=0,
        progress=False,
        samples=64,
        sensitivity_samples=None if spec["sensitivity_samples"] is None else 64,
    )
    tracemalloc.start()
    start = time.perf_counter()
    result = dt.robustness(model, distributions, rng=1, progress=False, **spec)
    elapsed = time.perf_counter() - start
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    solves = result.samples + (
        0
        if spec["sensitivity_samples"] is None
        else spec["sensitivity_samples"] * (len(distributions) + 2)
    )
    print(
        f"| {section} | {model} | {result.samples:,} | {solves:,} | {spec['backend']} | "
        f"{elapsed:.1f} s | {peak / 2**20:.0f} MiB | {rss:.0f} MiB | {workers:.0f} MiB |"
    )
    print(result.to_text())


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--section", choices=tuple(SECTIONS), required=True)
    run(parser.parse_args().section)
