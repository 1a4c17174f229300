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
start, imports and kernel loads in the workers) and the median of five more (``warm``),
chunks of ``suggested_chunk_size(points, 2)`` (8 chunks). Modes:

* ``serial``, ``processes`` (the kept forked pool, 2 workers);
* ``dask``: the user's own ``LocalCluster(n_workers=2, threads_per_worker=1)`` with Dask's
  default settings, passed as ``client``;
* ``dask-quiet``: the same, started inside ``dask.config.set(backends.DASK_CONFIG)``;
* ``dask-own``: no client: the backend starts (``cold``) and keeps its own cluster;
* ``*-before``: the same with the backends module of commit ``--before`` (default 745a4d3,
  the state before the Dask work of session 5).

CPU: the caller's ``process_time`` (for a ``LocalCluster`` it includes the scheduler and the
nannies, which run in the caller) and each worker's ``os.times`` (``/proc`` for the pool).
"speed-up on 2 free cores" is serial CPU over the median worker's CPU per warm run; "all-in"
is serial CPU over half of everything the run used (caller + both workers): what two
otherwise idle cores would give if that CPU were spread evenly. The serial CPU is paired:
after each warm run the child runs the same sweep serially in its own process, so both
are measured under the same load (a shared machine's load changes CPU times too). Peak memory is
``ru_maxrss``: the calling process after the first call (before any paired serial run),
and each worker's (``worker_peak_memory()``).
Wall-clock ratios are serial time over backend time within one run of this script; they
mean something only when the load average (last column) is below about 1.
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
BEFORE = "745a4d3"  # --before


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


def use_backends_before(commit: str) -> str:
    """Replace deterrence.analysis.backends by its version at ``commit``; its source."""
    name = "deterrence.analysis.backends"
    sys.modules[name] = module_at(commit, "deterrence/analysis/backends.py", name)
    return subprocess.run(
        ["git", "show", f"{commit}:deterrence/analysis/backends.py"],
        capture_output=True,
        text=True,
        check=True,
        cwd=HERE,
    ).stdout


def install_module(source: str) -> None:
    """In a Dask worker: the earlier backends module (tasks name its ``_call``)."""
    import types

    name = "deterrence.analysis.backends"
    module = types.ModuleType(name)
    sys.modules[name] = module
    exec(compile(source, name, "exec"), module.__dict__)


def worker_cpu(backend: str, client) -> dict:
    """CPU seconds (user + system) each live worker has used so far."""
    if backend == "dask":
        return client.run(lambda: sum(os.times()[:2]))
    if backend != "processes":
        return {}
    from deterrence.analysis.backends import worker_peak_memory

    ticks = os.sysconf("SC_CLK_TCK")
    used = {}
    for pid in worker_peak_memory():
        with open(f"/proc/{pid}/stat") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
        used[pid] = (int(fields[11]) + int(fields[12])) / ticks
    return used


def child(name: str, mode: str, quick: bool, before: str, runs: int) -> None:
    warnings.simplefilter("ignore")
    source = None
    if mode.endswith("-before"):
        source = use_backends_before(before)
        mode = mode[: -len("-before")]
    from deterrence.analysis import backends, sweep

    game, grid, points = workload(name, quick)
    backend = mode.split("-")[0]
    options = {"chunk_size": -(-points // 8), "progress": False, "backend": backend}
    client = cluster = None
    if mode in ("dask", "dask-quiet"):  # the user's own cluster, passed as client
        import dask
        from dask.distributed import Client, LocalCluster

        settings = getattr(backends, "DASK_CONFIG", {}) if mode == "dask-quiet" else {}
        with dask.config.set(settings):
            cluster = LocalCluster(
                n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
            )
            client = Client(cluster)
        if source is not None:
            client.run(install_module, source)
        options["client"] = client
    else:
        options["workers"] = 2
    times, cpu, paired = [], [], []
    spent: list[float] = []
    serial_options = {"chunk_size": options["chunk_size"], "progress": False}
    for run in range(runs + 1):
        if run == 1 and mode == "dask-own":
            client = backends._CLUSTER["client"]
        used = worker_cpu(backend, client) if run else {}
        start, start_cpu = time.perf_counter(), time.process_time()
        frame = sweep(game, grid, **options)
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
        if run:
            after = worker_cpu(backend, client)
            spent += [after[k] - used.get(k, 0.0) for k in after]
        if not run:  # the caller's peak before any serial run in this process
            caller_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            if backend != "serial":  # warm this process for the paired serial runs below
                sweep(game, grid, **serial_options)
        if run and backend != "serial":  # the same sweep serially, under the same load
            start_cpu = time.process_time()
            sweep(game, grid, **serial_options)
            paired.append(time.process_time() - start_cpu)
    peaks = backends.worker_peak_memory() if hasattr(backends, "worker_peak_memory") else {}
    if backend == "dask" and not peaks:  # a backends module that did not report them
        peaks = client.run(lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    caller_cpu = statistics.median(cpu[1:])
    out = {
        "cold": times[0],
        "warm": statistics.median(times[1:]),
        "caller_cpu": caller_cpu,
        "serial_cpu": statistics.median(paired) if paired else caller_cpu,
        "worker_cpu": statistics.median(spent) if spent else None,
        "all_cpu": caller_cpu + sum(spent) / runs,
        "rows": len(frame),
        "client_mib": caller_mib,
        "worker_mib": sorted(peaks.values()),
        "load": os.getloadavg()[0],
    }
    if cluster is not None:
        client.close()
        cluster.close()
    backends.shutdown()
    print(json.dumps(out))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--child", nargs=2)
    parser.add_argument("--before", default=BEFORE)
    parser.add_argument("--runs", type=int, default=5, help="warm runs (median)")
    parser.add_argument("--workloads", nargs="*", default=["8x8", "coalition"])
    parser.add_argument(
        "--modes",
        nargs="*",
        default=["serial", "processes", "dask", "dask-quiet", "dask-own", "dask-before"],
    )
    args = parser.parse_args()
    if args.child:
        child(*args.child, args.quick, args.before, args.runs)
        return
    print(
        "| workload | backend | cold (first call) | warm (median) | warm ratio vs serial "
        "| CPU per warm run: caller / median worker / serial | speed-up on 2 free cores "
        "| all-in | peak MiB: caller | peak MiB: each worker | load |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for name in args.workloads:
        serial = None
        for mode in args.modes:
            command = [sys.executable, __file__, "--child", name, mode]
            command += ["--before", args.before, "--runs", str(args.runs)]
            if args.quick:
                command.append("--quick")
            done = subprocess.run(command, capture_output=True, text=True, cwd=HERE)
            if done.returncode:
                print(f"| {name} | {mode} | failed: {done.stderr.strip().splitlines()[-1]} |")
                continue
            data = json.loads(done.stdout.strip().splitlines()[-1])
            if mode == "serial":
                serial = data["warm"]
            serial_cpu = data["serial_cpu"]
            ratio = f"{serial / data['warm']:.2f}x" if serial else "-"
            workers = ", ".join(f"{v:.0f}" for v in data["worker_mib"]) or "-"
            worker = data["worker_cpu"]
            cpu = f"{data['caller_cpu']:.2f}" + (f" / {worker:.2f}" if worker else "")
            cpu += f" / {serial_cpu:.2f} s"
            free = f"{serial_cpu / worker:.2f}x" if serial_cpu and worker else "-"
            whole = f"{2 * serial_cpu / data['all_cpu']:.2f}x" if serial_cpu and worker else "-"
            print(
                f"| {name} | {mode} | {data['cold']:.2f} s | {data['warm']:.2f} s | {ratio} | "
                f"{cpu} | {free} | {whole} | {data['client_mib']:.0f} | {workers} | "
                f"{data['load']:.1f} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
