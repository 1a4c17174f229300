"""Benchmark: the sweep backends on CPU-bound sweeps (issue 18), serial against 2 workers.

Run by hand from the repository root::

    .venv/bin/python benchmarks/bench_backends.py            # both workloads, all backends
    .venv/bin/python benchmarks/bench_backends.py --quick    # fewer points

Workloads (each point is real work, so two workers have something to share):

* ``8x8``: a random 8x8 parametric bimatrix game (payoffs affine in one parameter), every
  extreme equilibrium at each of 400 points (vertex enumeration per point).
* ``coalition``: the friend-shoring commitment with N = 10,000 members (quorum 60%), count
  and symmetric equilibria at each of 1,000 values of ``institutionalisation``.

Each configuration runs in a fresh subprocess: the first call (``cold``: pool or cluster
start, imports and kernel loads in the workers) and the median of three more (``warm``),
chunks of ``suggested_chunk_size(points, 2)`` (8 chunks). ``*-before`` runs the same sweep
with the backends module of commit 5ba478f (spawned workers started per call, the game
pickled into every chunk). Peak memory is ``ru_maxrss``: the calling process, and each
worker's (``worker_peak_memory()``; Dask: ``client.run``). Ratios are serial time over
backend time within one run of this script.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
import warnings

import numpy as np
from _before import module_at  # benchmarks/ is on the path

HERE = os.path.dirname(os.path.abspath(__file__))
BEFORE = "5ba478f"


def game_8x8(seed: int = 0, size: int = 8):
    from deterrence.games import Parameter, ParametricGame

    rng = np.random.default_rng(seed)

    def matrix():
        return [
            [f"{rng.integers(0, 10)} + {rng.integers(-3, 4)}*x" for _ in range(size)]
            for _ in range(size)
        ]

    return ParametricGame.from_matrices(matrix(), matrix(), [Parameter("x", domain=(0, 1))])


def workload(name: str, quick: bool):
    if name == "8x8":
        points = 160 if quick else 400
        return game_8x8(), {"x": np.linspace(0, 1, points)}, points
    from deterrence.models.friend_shoring import friend_shoring_commitment

    points = 400 if quick else 1000
    game = friend_shoring_commitment(num_partners=10_000, quorum=6_000, sharing_cost="1/10")
    return game, {"institutionalisation": np.linspace(0, 4, points)}, points


def use_backends_before() -> None:
    """Replace deterrence.analysis.backends by its version at commit BEFORE."""
    name = "deterrence.analysis.backends"
    sys.modules[name] = module_at(BEFORE, "deterrence/analysis/backends.py", name)


def worker_cpu(backend: str, client, before: bool) -> dict:
    """CPU seconds (user + system) each live worker has used so far; for the pool of the
    old backends (joined after every call) the finished children's total."""
    if backend == "dask":
        return client.run(lambda: sum(os.times()[:2]))
    if backend != "processes":
        return {}
    if before:
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        return {"children": children.ru_utime + children.ru_stime}
    from deterrence.analysis.backends import worker_peak_memory

    ticks = os.sysconf("SC_CLK_TCK")
    used = {}
    for pid in worker_peak_memory():
        with open(f"/proc/{pid}/stat") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
        used[pid] = (int(fields[11]) + int(fields[12])) / ticks
    return used


def child(name: str, mode: str, quick: bool) -> None:
    warnings.simplefilter("ignore")
    before = mode.endswith("-before")
    if before:
        use_backends_before()
    from deterrence.analysis import sweep

    game, grid, points = workload(name, quick)
    backend = mode.split("-")[0]
    options = {"chunk_size": -(-points // 8), "progress": False}  # 8 chunks, 4 per worker
    client = cluster = None
    if backend == "dask":
        from dask.distributed import Client, LocalCluster

        cluster = LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        )
        client = Client(cluster)
        options["client"] = client
    elif backend == "processes":
        options["workers"] = 2
    times, cpu = [], []
    spent: list[float] = []
    for run in range(4):
        used = worker_cpu(backend, client, before) if run else {}
        start, start_cpu = time.perf_counter(), time.process_time()
        frame = sweep(game, grid, backend=backend, **options)
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
        if run:
            after = worker_cpu(backend, client, before)
            spent += [after[k] - used.get(k, 0.0) for k in after]
    if before and backend == "processes":  # two workers shared the children's total
        spent = [v / 2 for v in spent for _ in range(2)]
    warm_cpu = sorted(spent)[-2:] if spent else []  # the two busiest (per warm run, median)
    per_run = statistics.median(spent) if spent else None
    out = {
        "cold": times[0],
        "warm": statistics.median(times[1:]),
        "caller_cpu": statistics.median(cpu[1:]),
        "worker_cpu": per_run,
        "worker_cpu_max": max(warm_cpu) if warm_cpu else None,
        "rows": len(frame),
        "client_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "load": os.getloadavg()[0],
    }
    if backend == "dask":
        peaks = client.run(lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
        out["worker_mib"] = sorted(peaks.values())
        client.close()
        cluster.close()
    elif backend == "processes" and not before:
        from deterrence.analysis.backends import worker_peak_memory

        out["worker_mib"] = sorted(worker_peak_memory().values())
    print(json.dumps(out))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--child", nargs=2)
    parser.add_argument("--workloads", nargs="*", default=["8x8", "coalition"])
    parser.add_argument(
        "--modes",
        nargs="*",
        default=["serial", "processes", "dask", "processes-before", "dask-before"],
    )
    args = parser.parse_args()
    if args.child:
        child(*args.child, args.quick)
        return
    print(
        "| workload | backend | cold (first call) | warm (median of 3) | warm ratio vs serial "
        "| CPU per warm run: caller / median worker | serial CPU / worker CPU (speed-up on 2 "
        "free cores) | peak MiB: caller | peak MiB: each worker | load |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for name in args.workloads:
        serial = serial_cpu = None
        for mode in args.modes:
            command = [sys.executable, __file__, "--child", name, mode]
            if args.quick:
                command.append("--quick")
            done = subprocess.run(command, capture_output=True, text=True, cwd=HERE)
            if done.returncode:
                print(f"| {name} | {mode} | failed: {done.stderr.strip().splitlines()[-1]} |")
                continue
            data = json.loads(done.stdout.strip().splitlines()[-1])
            if mode == "serial":
                serial, serial_cpu = data["warm"], data["caller_cpu"]
            ratio = f"{serial / data['warm']:.2f}x" if serial else "-"
            workers = ", ".join(f"{v:.0f}" for v in data.get("worker_mib", [])) or "-"
            worker = data["worker_cpu"]
            cpu = f"{data['caller_cpu']:.2f} s" + (f" / {worker:.2f} s" if worker else "")
            free = f"{serial_cpu / worker:.2f}x" if serial_cpu and worker else "-"
            print(
                f"| {name} | {mode} | {data['cold']:.2f} s | {data['warm']:.2f} s | {ratio} | "
                f"{cpu} | {free} | {data['client_mib']:.0f} | {workers} | {data['load']:.1f} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
