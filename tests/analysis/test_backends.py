"""The chunk backends: shared objects travel once, workers stay warm, results never change."""

from __future__ import annotations

import os
import pickle

import pytest

from deterrence.analysis import backends
from deterrence.analysis.backends import run_chunks, suggested_chunk_size, worker_peak_memory


class Payload:
    """A shared object that remembers, in the process it lives in, how often it was used."""

    def __init__(self, size: int) -> None:
        self.data = list(range(size))
        self.uses = 0


def use_payload(task):
    """Worker side: the shared payload's identity and use count, and the chunk's sum."""
    payload, start, stop = task
    payload.uses += 1
    return os.getpid(), id(payload), payload.uses, sum(payload.data[start:stop])


def tasks_over(payload, chunks=6):
    step = len(payload.data) // chunks
    return [(k, (payload, k * step, (k + 1) * step)) for k in range(chunks)]


def collect(backend, tasks, **options):
    results = {}
    run_chunks(use_payload, tasks, backend=backend, on_result=results.__setitem__, **options)
    return results


def test_an_object_every_task_holds_is_pickled_once_and_named_by_its_bytes():
    payload = Payload(20_000)
    tasks = [task for _, task in tasks_over(payload)]
    packed = backends._pack(tasks)
    names = [set(blobs) for _, blobs in packed]
    assert all(len(n) == 1 for n in names) and len({frozenset(n) for n in names}) == 1
    whole = len(pickle.dumps(payload))
    assert all(len(data) < whole / 100 for data, _ in packed)  # the task refers to it
    (blob,) = packed[0][1].values()
    assert pickle.loads(blob).data == payload.data


def test_objects_not_shared_by_every_task_travel_inside_each_task():
    tasks = [(Payload(10), 0, 5), (Payload(10), 0, 5)]
    assert all(not blobs for _, blobs in backends._pack(tasks))
    assert backends._pack([(Payload(10), 0, 5)])[0][1] == {}


def test_processes_keep_the_shared_object_warm_and_the_pool_for_the_next_run():
    payload = Payload(6_000)
    serial = collect("serial", tasks_over(Payload(6_000)))
    first = collect("processes", tasks_over(payload), workers=2)
    assert [r[3] for _, r in sorted(first.items())] == [r[3] for _, r in sorted(serial.items())]
    by_worker: dict[int, list] = {}
    for pid, identity, uses, _ in first.values():
        by_worker.setdefault(pid, []).append((identity, uses))
    for seen in by_worker.values():  # one unpickled object per worker, used again and again
        assert len({identity for identity, _ in seen}) == 1
        assert sorted(uses for _, uses in seen) == list(range(1, len(seen) + 1))
    peaks = worker_peak_memory()
    assert set(peaks) == set(by_worker) and all(peak > 0 for peak in peaks.values())
    second = collect("processes", tasks_over(payload), workers=2)
    # the same, warm pool: a worker of the first run works again (under load one worker
    # may have done all of the first run's tasks, so the second may also use the other)
    assert {r[0] for r in second.values()} & set(by_worker)
    backends.shutdown()
    third = collect("processes", tasks_over(payload), workers=2)
    assert not {r[0] for r in third.values()} & set(by_worker)  # a fresh pool


def test_dask_runs_the_same_tasks():
    distributed = pytest.importorskip("dask.distributed")
    payload = Payload(6_000)
    serial = collect("serial", tasks_over(Payload(6_000)))
    with distributed.Client(
        processes=False, n_workers=1, threads_per_worker=1, dashboard_address=":0"
    ) as client:
        on_dask = collect("dask", tasks_over(payload), client=client)
    assert [r[3] for _, r in sorted(on_dask.items())] == [r[3] for _, r in sorted(serial.items())]


def test_an_error_in_a_chunk_reaches_the_caller():
    with pytest.raises(TypeError):
        run_chunks(abs, [(0, "x"), (1, "y")], backend="processes", on_result=lambda *a: None)


@pytest.mark.parametrize(("points", "workers", "expected"), [(1000, 2, 125), (3, 2, 1), (0, 4, 1)])
def test_suggested_chunk_size_gives_each_worker_four_chunks(points, workers, expected):
    assert suggested_chunk_size(points, workers) == expected


def test_dask_keeps_its_own_quiet_cluster_until_shutdown():
    dask = pytest.importorskip("dask")
    pytest.importorskip("dask.distributed")
    payload = Payload(6_000)
    serial = collect("serial", tasks_over(Payload(6_000)))
    first = collect("dask", tasks_over(payload), workers=1)
    assert [r[3] for _, r in sorted(first.items())] == [r[3] for _, r in sorted(serial.items())]
    (pid,) = {r[0] for r in first.values()}
    assert set(worker_peak_memory()) == {pid}
    client = backends._CLUSTER["client"]
    profiler = client.run(lambda: dask.config.get("distributed.worker.profile.enabled"))
    assert list(profiler.values()) == [False]  # DASK_CONFIG reached the worker
    second = collect("dask", tasks_over(payload), workers=1)
    assert {r[0] for r in second.values()} == {pid}  # the same worker, the game still unpickled
    assert {r[1] for r in second.values()} == {r[1] for r in first.values()}
    backends.shutdown()
    assert client.status == "closed" and not backends._CLUSTER


def test_a_script_without_a_main_guard_gets_a_clear_error(tmp_path):
    """Workers import the main module: a script that sweeps at import time breaks the pool;
    the error says why instead of a bare BrokenProcessPool."""
    import subprocess
    import sys

    script = tmp_path / "no_guard.py"
    script.write_text(
        "import deterrence as dt\n"
        "game = dt.get_model('denial').build()\n"
        "dt.sweep(game, {'credibility': [0, 0.5, 1]}, backend='processes', progress=False)\n"
    )
    done = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=300
    )
    assert done.returncode != 0
    assert "SolverError" in done.stderr and '__name__ == "__main__"' in done.stderr
