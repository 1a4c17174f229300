"""Where sweep chunks run: serially, in a local process pool, or on a Dask cluster.

Every backend calls ``on_result(index, result)`` in the calling process as soon as a chunk
finishes (in completion order), so a checkpoint can write it immediately; results never
depend on the backend, only on the chunk.

What makes the parallel backends pay off
----------------------------------------
* **Warm workers, kept.** The ``"processes"`` pool is started once and reused by later
  calls (:func:`shutdown` closes it; it also closes at exit). On POSIX it forks its workers
  from a server process that has already imported the module of the chunk function, so a
  worker does not import the package, sympy and pandas again; only the first chunk in a
  worker loads the compiled kernels it needs.
* **Each shared object travels once.** A task is pickled in the calling process; every
  object that all tasks share (the game, the grid plan, the solution concept) is pickled
  once, named by the hash of its bytes, and each worker unpickles it once and keeps it
  (:data:`WORKER_CACHE_SIZE` objects), so caches the object builds on first use
  (lambdified payoffs, differences of anonymous games) stay warm from chunk to chunk.
* **Chunks, not points.** A task is a chunk of grid points; the speed-up needs at least a
  few chunks per worker (:func:`suggested_chunk_size`).
* **Dask: a kept, quiet cluster; opaque results.** Without a ``client`` the ``"dask"``
  backend starts a ``LocalCluster`` once, with its profiler and frequent health checks off
  (:data:`DASK_CONFIG`), and keeps it for later calls like the process pool (it is not made
  the default client). A client of your own is used as it is and left open. Every worker
  returns its chunk pickled, so the scheduler moves one bytes object instead of measuring
  and serialising a data frame.

Each worker's peak resident memory in the last parallel run is kept for
:func:`worker_peak_memory`; it is the package's import footprint (about 200 MiB) plus one
chunk's working set, so the chunk size bounds it.
"""

from __future__ import annotations

import atexit
import collections
import concurrent.futures
import hashlib
import io
import multiprocessing
import os
import pickle
import sys
from collections.abc import Callable, Sequence
from typing import Any

from deterrence.exceptions import InvalidGameError, MissingDependencyError, SolverError

__all__ = [
    "run_chunks",
    "BACKENDS",
    "shutdown",
    "suggested_chunk_size",
    "worker_peak_memory",
    "WORKER_CACHE_SIZE",
    "DASK_CONFIG",
]

#: The available backends.
BACKENDS = ("serial", "processes", "dask")

#: Shared objects (games, grid plans) a worker keeps unpickled between tasks.
WORKER_CACHE_SIZE = 16

#: Shared objects whose pickle is smaller than this travel inside each task.
_SHARED_MIN_BYTES = 1024

#: Values that are never shared by reference (cheap to pickle, often interned).
_ATOMS = (type(None), bool, int, float, complex, str, bytes)


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
        Chunk index and task. Objects shared by every task (the same object, e.g. the
        game) are shipped to each worker once (see the module docstring).
    backend : {"serial", "processes", "dask"}
    on_result : callable
        Called as ``on_result(index, result)`` in this process as each chunk finishes.
    client : dask.distributed.Client, optional
        For ``"dask"``; without one a ``LocalCluster`` with ``workers`` single-threaded
        worker processes is started (:data:`DASK_CONFIG`) and kept, like the process pool.
    workers : int, optional
        Number of worker processes (default 2). The ``"processes"`` pool and the Dask
        ``LocalCluster`` are kept for later calls with the same number of workers
        (:func:`shutdown` closes them).

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
    payloads = _pack([task for _, task in tasks])
    indices = [index for index, _ in tasks]
    _PEAKS.clear()

    def report(position: int, answer: tuple[int, float, bytes]) -> None:
        pid, peak, result = answer
        _PEAKS[pid] = max(peak, _PEAKS.get(pid, 0.0))
        on_result(indices[position], pickle.loads(result))

    if backend == "processes":
        _run_processes(function, payloads, report, workers or 2)
    else:
        _run_dask(function, payloads, report, client, workers)


def suggested_chunk_size(points: int, workers: int = 2, *, per_worker: int = 4) -> int:
    """Grid points per chunk that give every worker ``per_worker`` chunks to balance.

    Examples
    --------
    >>> suggested_chunk_size(1_000, 2)
    125
    """
    return max(1, -(-int(points) // (max(1, int(workers)) * per_worker)))


def worker_peak_memory() -> dict[int, float]:
    """Peak resident memory (MiB) of each worker process (by pid) in the last parallel run.

    Examples
    --------
    >>> isinstance(worker_peak_memory(), dict)
    True
    """
    return dict(_PEAKS)


def shutdown() -> None:
    """Close the kept ``"processes"`` pool and ``"dask"`` cluster (a later run starts new ones).

    A Dask client passed to :func:`run_chunks` is the caller's and stays open.

    Examples
    --------
    >>> shutdown()
    """
    pool = _POOL.pop("executor", None)
    _POOL.clear()
    if pool is not None:
        pool.shutdown(wait=True, cancel_futures=True)
    _close_cluster()


# ---------------------------------------------------------------------- shipping tasks
_PEAKS: dict[int, float] = {}


class _Recorder(pickle.Pickler):
    """Pickles a task only to see which objects it holds (by identity, atoms left out).

    An object in ``known`` (common to the tasks walked so far) is recorded but not walked
    into: only the outermost common objects are shipped by name, so the contents of the game
    are walked in the first task only (a 10,000-member game holds about 20,000 objects).
    """

    def __init__(self, file: io.BytesIO, known: dict[int, Any] | None = None) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.seen: dict[int, Any] = {}
        self.known = known or {}

    def persistent_id(self, obj: Any) -> int | None:
        if type(obj) in _ATOMS:
            return None
        key = id(obj)
        self.seen[key] = obj
        return key if self.known.get(key) is obj else None


class _Packer(pickle.Pickler):
    """Pickles a task, replacing each shared object by the hash of its own pickle."""

    def __init__(
        self, file: io.BytesIO, shared: dict[int, Any], names: dict[int, str | None], blobs: dict
    ) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.shared = shared
        self.names = names
        self.blobs = blobs
        self.used: set[str] = set()

    def persistent_id(self, obj: Any) -> str | None:
        key = id(obj)
        if self.shared.get(key) is not obj:
            return None
        if key not in self.names:
            blob = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
            if len(blob) < _SHARED_MIN_BYTES:  # classes, functions, small values: inline
                self.names[key] = None
            else:
                self.names[key] = hashlib.sha256(blob).hexdigest()
                self.blobs[self.names[key]] = blob
        name = self.names[key]
        if name is not None:
            self.used.add(name)
        return name


def _pack(tasks: list[Any]) -> list[tuple[bytes, dict[str, bytes]]]:
    """Each task's pickle, with the blobs of the objects that every task holds.

    The objects common to all tasks (by identity) are found by pickling each task once;
    the outermost of them (the game, not its payoff array) becomes one blob, shipped by
    name, which a worker unpickles once (:data:`WORKER_CACHE_SIZE`).
    """
    common: dict[int, Any] | None = None
    if len(tasks) > 1:
        for task in tasks:
            recorder = _Recorder(io.BytesIO(), common)
            recorder.dump(task)
            if common is None:
                common = recorder.seen  # keeps these objects (and their ids) alive
            else:
                common = {k: v for k, v in common.items() if recorder.seen.get(k) is v}
    shared = common or {}
    names: dict[int, str | None] = {}
    blobs: dict[str, bytes] = {}
    payloads = []
    for task in tasks:
        buffer = io.BytesIO()
        packer = _Packer(buffer, shared, names, blobs)
        packer.dump(task)
        payloads.append((buffer.getvalue(), {name: blobs[name] for name in packer.used}))
    return payloads


#: Shared objects unpickled in this (worker) process, most recently used last.
_WORKER_CACHE: collections.OrderedDict[str, Any] = collections.OrderedDict()


class _Unpacker(pickle.Unpickler):
    def __init__(self, file: io.BytesIO, blobs: dict[str, bytes]):
        super().__init__(file)
        self.blobs = blobs

    def persistent_load(self, name: Any) -> Any:
        if name in _WORKER_CACHE:
            _WORKER_CACHE.move_to_end(name)
            return _WORKER_CACHE[name]
        value = pickle.loads(self.blobs[name])
        _WORKER_CACHE[name] = value
        while len(_WORKER_CACHE) > WORKER_CACHE_SIZE:
            _WORKER_CACHE.popitem(last=False)
        return value


def _peak_mib() -> float:
    try:
        import resource
    except ImportError:  # pragma: no cover - Windows
        return 0.0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 1024


def _call(
    function: Callable[[Any], Any], payload: tuple[bytes, dict[str, bytes]]
) -> tuple[int, float, bytes]:
    """Run one task in a worker: unpack it (shared objects from the cache), call, and
    return the result pickled (to the scheduler one opaque bytes object: Dask neither
    measures nor re-serialises a data frame of object columns)."""
    data, blobs = payload
    task = _Unpacker(io.BytesIO(data), blobs).load()
    result = pickle.dumps(function(task), protocol=pickle.HIGHEST_PROTOCOL)
    return os.getpid(), _peak_mib(), result


# ---------------------------------------------------------------------- processes
_POOL: dict[str, Any] = {}


def _pool(function: Callable[[Any], Any], workers: int) -> concurrent.futures.Executor:
    """The kept process pool (a new one if the size changed or a worker died)."""
    if _POOL and _POOL.get("owner") != os.getpid():  # inherited by a forked child: not ours
        _POOL.clear()
    pool = _POOL.get("executor")
    if pool is not None and _POOL.get("workers") == workers and not _POOL.get("broken"):
        return pool
    shutdown()
    methods = multiprocessing.get_all_start_methods()
    context: Any
    if "forkserver" in methods:
        context = multiprocessing.get_context("forkserver")
        preload = [__name__]
        module = getattr(function, "__module__", None)
        if module and module != "__main__":
            preload.append(module)
        context.set_forkserver_preload(preload)
    else:  # pragma: no cover - Windows
        context = multiprocessing.get_context("spawn")
    pool = concurrent.futures.ProcessPoolExecutor(max_workers=workers, mp_context=context)
    _POOL.update(executor=pool, workers=workers, broken=False, owner=os.getpid())
    return pool


def _run_processes(
    function: Callable[[Any], Any],
    payloads: list[tuple[bytes, dict[str, bytes]]],
    report: Callable[[int, Any], None],
    workers: int,
) -> None:
    pool = _pool(function, workers)
    futures = {pool.submit(_call, function, payload): k for k, payload in enumerate(payloads)}
    try:
        for future in concurrent.futures.as_completed(futures):
            report(futures[future], future.result())
    except concurrent.futures.process.BrokenProcessPool as exc:
        _POOL["broken"] = True
        raise SolverError(
            "a worker process of the 'processes' backend ended abruptly: out of memory, "
            "killed, or started from a script whose sweep is not under "
            '`if __name__ == "__main__":` (workers import the main module; see '
            "multiprocessing's 'safe importing of main module'); chunks already finished are "
            "kept when the sweep has a checkpoint"
        ) from exc
    except BaseException:
        for future in futures:
            future.cancel()
        raise


atexit.register(shutdown)


# ---------------------------------------------------------------------- dask
#: The Dask settings of the ``LocalCluster`` this module starts when no ``client`` is given
#: (a cluster of your own keeps its settings; start it inside ``dask.config.set(DASK_CONFIG)``
#: for the same effect). Dask's defaults sample every worker's stack every 10 ms for its
#: profiler, check the event loop every 20 ms and each worker's memory every 100 ms (about
#: 8% of a core at rest on a 2-worker cluster, more while tasks run; these settings bring it
#: to 1.2%, and the memory limit is still enforced, within a second), and they start
#: workers with ``MALLOC_TRIM_THRESHOLD_=65536``, which makes glibc return freed memory to
#: the system at once: a sweep's short-lived arrays are then mapped and faulted in afresh,
#: 10-15% more CPU per worker on the 10,000-member coalition sweep. The thread limits for
#: numerical libraries (one thread per worker) are kept.
DASK_CONFIG: dict[str, Any] = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.worker.memory.monitor-interval": "500ms",
    "distributed.admin.system-monitor.interval": "2s",
    "distributed.nanny.pre-spawn-environ": {
        "OMP_NUM_THREADS": 1,
        "MKL_NUM_THREADS": 1,
        "OPENBLAS_NUM_THREADS": 1,
    },
}

_CLUSTER: dict[str, Any] = {}


def _dask_client(workers: int) -> Any:
    """The kept ``LocalCluster``'s client (a new cluster if the size changed or it closed)."""
    if _CLUSTER and _CLUSTER.get("owner") != os.getpid():  # inherited by a forked child
        _CLUSTER.clear()
    client = _CLUSTER.get("client")
    if client is not None and _CLUSTER.get("workers") == workers and client.status == "running":
        return client
    _close_cluster()
    import dask
    from dask.distributed import Client, LocalCluster

    with dask.config.set(DASK_CONFIG):
        cluster = LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,  # no dashboard; its HTTP server (health checks) on a free port
            scheduler_kwargs={"dashboard_address": ":0"},
        )
        client = Client(cluster, set_as_default=False)
    _CLUSTER.update(client=client, cluster=cluster, workers=workers, owner=os.getpid())
    return client


def _close_cluster() -> None:
    client, cluster = _CLUSTER.pop("client", None), _CLUSTER.pop("cluster", None)
    _CLUSTER.clear()
    if client is not None:
        client.close()
    if cluster is not None:
        cluster.close()


def _run_dask(
    function: Callable[[Any], Any],
    payloads: list[tuple[bytes, dict[str, bytes]]],
    report: Callable[[int, Any], None],
    client: Any,
    workers: int | None,
) -> None:
    try:
        from dask.distributed import as_completed
    except ImportError:  # pragma: no cover - exercised only without dask
        raise MissingDependencyError(
            "backend='dask' needs dask.distributed: pip install 'deterrence[dask]'"
        ) from None
    if client is None:
        client = _dask_client(workers or 2)
    futures = {}
    run = os.urandom(6).hex()
    for k, payload in enumerate(payloads):
        future = client.submit(_call, function, payload, pure=False, key=f"chunk-{k}-{run}")
        futures[future] = k
    try:
        for future in as_completed(list(futures), loop=client.loop):
            report(futures[future], future.result())
    except BaseException:
        client.cancel(list(futures))
        raise
