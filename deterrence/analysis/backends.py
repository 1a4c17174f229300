"""Where sweep chunks run: serially, in a local process pool, or on a Dask cluster.

Every backend calls ``on_result(index, result)`` in the calling process as soon as a chunk
finishes (in completion order), so a checkpoint can write it immediately; results never
depend on the backend, only on the chunk.
"""

from __future__ import annotations

import concurrent.futures
import multiprocessing
from collections.abc import Callable, Sequence
from typing import Any

from deterrence.exceptions import InvalidGameError, MissingDependencyError

__all__ = ["run_chunks", "BACKENDS"]

#: The available backends.
BACKENDS = ("serial", "processes", "dask")


def run_chunks(
    function: Callable[[Any], Any],
    tasks: Sequence[tuple[int, Any]],
    *,
    backend: str = "serial",
    on_result: Callable[[int, Any], None],
    client: Any = None,
    workers: int | None = None,
) -> None:
    """Run ``function(task)`` for every ``(index, task)`` and report each result.

    Parameters
    ----------
    function : callable
        A module-level (picklable) function of one task.
    tasks : sequence of (int, object)
        Chunk index and task.
    backend : {"serial", "processes", "dask"}
    on_result : callable
        Called as ``on_result(index, result)`` in this process as each chunk finishes.
    client : dask.distributed.Client, optional
        For ``"dask"``; without one a ``LocalCluster`` with ``workers`` single-threaded
        worker processes is started and closed afterwards.
    workers : int, optional
        Number of worker processes (default 2).

    Raises
    ------
    InvalidGameError
        Unknown backend.
    MissingDependencyError
        ``"dask"`` without ``dask.distributed`` installed.

    Examples
    --------
    >>> results = {}
    >>> run_chunks(abs, [(0, -1), (1, -2)], on_result=results.__setitem__)
    >>> results
    {0: 1, 1: 2}
    """
    if backend not in BACKENDS:
        raise InvalidGameError(f"unknown backend {backend!r}; choose from {list(BACKENDS)}")
    if not tasks:
        return
    if backend == "serial":
        for index, task in tasks:
            on_result(index, function(task))
        return
    if backend == "processes":
        context = multiprocessing.get_context("spawn")
        with concurrent.futures.ProcessPoolExecutor(
            max_workers=workers or 2, mp_context=context
        ) as pool:
            futures = {pool.submit(function, task): index for index, task in tasks}
            try:
                for future in concurrent.futures.as_completed(futures):
                    on_result(futures[future], future.result())
            except BaseException:
                for future in futures:
                    future.cancel()
                raise
        return
    _run_dask(function, tasks, on_result, client, workers)


def _run_dask(
    function: Callable[[Any], Any],
    tasks: Sequence[tuple[int, Any]],
    on_result: Callable[[int, Any], None],
    client: Any,
    workers: int | None,
) -> None:
    try:
        from dask.distributed import Client, LocalCluster, as_completed
    except ImportError:  # pragma: no cover - exercised only without dask
        raise MissingDependencyError(
            "backend='dask' needs dask.distributed: pip install 'deterrence[dask]'"
        ) from None
    own = client is None
    cluster = None
    if own:
        cluster = LocalCluster(
            n_workers=workers or 2, threads_per_worker=1, processes=True, dashboard_address=":0"
        )
        client = Client(cluster)
    try:
        futures = {}
        for index, task in tasks:
            future = client.submit(
                function, task, pure=False, key=f"sweep-chunk-{index}-{id(tasks)}"
            )
            futures[future] = index
        try:
            for future in as_completed(list(futures)):
                on_result(futures[future], future.result())
        except BaseException:
            client.cancel(list(futures))
            raise
    finally:
        if own:
            client.close()
            if cluster is not None:
                cluster.close()
