"""numba kernels that are compiled only once they pay off.

numba costs about 0.4 s to import and several seconds to compile a kernel the first time
(the machine code is then cached on disk). Small problems finish in milliseconds without it,
so every compiled kernel here has a numpy (or Qhull) twin that computes the same answer, and
a ``CompiledKernel`` switches to the compiled one only after its twin has run for
``BUDGET`` seconds in this process -- one long computation or many short ones. A compile
(rather than a load from the disk cache) is announced with a
:class:`~deterrence.exceptions.CompilationWarning` before it starts.

The environment variable ``DETERRENCE_JIT`` overrides the choice: ``always`` uses compiled
kernels from the first call (benchmarks against other numba libraries do), ``never`` keeps
the numpy twins; ``auto`` (default) decides by the time spent.
"""

from __future__ import annotations

import importlib.util
import os
import warnings
from collections.abc import Callable
from typing import Any

from deterrence.exceptions import CompilationWarning

__all__ = ["BUDGET", "CompiledKernel", "UncachedFallback"]

#: Seconds the numpy twin may run in one process before the compiled kernel takes over (a
#: load from the disk cache then costs about 0.5 s, a first compile several seconds).
BUDGET = 0.5


class CompiledKernel:
    """A numba kernel loaded on demand, once its numpy twin has used up ``BUDGET``.

    Parameters
    ----------
    name : str
        What the kernel computes, for the compile notice.
    load : callable
        Returns the numba dispatcher (importing numba); called at most once.
    numba : bool, default True
        False for a kernel whose one-off cost is an import rather than a compile (Qhull's
        scipy.spatial, about 0.4 s): no notice, and ``DETERRENCE_JIT`` does not apply.

    Examples
    --------
    >>> kernel = CompiledKernel("a test kernel", lambda: None)
    >>> kernel.ready() is None, kernel.remaining() > 0
    (True, True)
    """

    def __init__(self, name: str, load: Callable[[], Any], *, numba: bool = True) -> None:
        self.name = name
        self._load = load
        self._numba = numba
        self._function: Any = None
        self.spent = 0.0

    def _mode(self) -> str:
        if not self._numba:
            return "auto"
        mode = os.environ.get("DETERRENCE_JIT", "auto").lower()
        if mode not in ("auto", "always", "never"):
            raise ValueError(f"DETERRENCE_JIT={mode!r}; expected 'auto', 'always' or 'never'")
        if mode != "never" and importlib.util.find_spec("numba") is None:
            return "never"
        return mode

    def ready(self) -> Any:
        """The compiled kernel if it is loaded (or due to be), else ``None``."""
        if self._function is None and self.remaining() <= 0:
            self._function = self.load()
        return self._function

    def remaining(self) -> float:
        """Seconds the numpy twin may still run before the compiled kernel takes over."""
        mode = self._mode()
        if self._function is not None or mode == "always":
            return 0.0
        if mode == "never":
            return float("inf")
        return BUDGET - self.spent

    def charge(self, seconds: float) -> None:
        """Record time spent in the numpy twin."""
        self.spent += seconds

    def load(self) -> Any:
        """Import (and, if not cached on disk, compile) the kernel; warn before a compile.

        A cache that cannot be used never stops a computation: without a writable cache
        directory (a read-only install, ``NUMBA_CACHE_DIR`` and home) the kernel is cached
        in a temporary directory for this process, and a corrupt cache file is bypassed by
        compiling without the cache (see :class:`UncachedFallback`).
        """
        if self._function is None:
            if not self._numba:
                self._function = self._load()
                return self._function
            try:
                dispatcher = self._load()
            except RuntimeError as error:  # "cannot cache function ...: no locator available"
                dispatcher = _with_temporary_cache(self._load, self.name, error)
            if not _cached(dispatcher):
                warnings.warn(
                    f"deterrence: compiling the numba kernel for {self.name} (a one-off wait "
                    "of several seconds; cached on disk for later sessions)",
                    CompilationWarning,
                    stacklevel=3,
                )
            self._function = UncachedFallback(dispatcher, self.name)
        return self._function


class UncachedFallback:
    """Call a cached numba dispatcher; if loading its disk cache fails, compile without it.

    A corrupt or unreadable cache file makes numba raise while loading (``UnpicklingError``,
    ``EOFError``, ``ValueError``, ``OSError``... from ``numba.core.caching``); such an error
    is recognised by where it was raised, announced once with a warning, and the kernel is
    recompiled from its Python source without caching. Errors of the kernel itself pass.

    Examples
    --------
    >>> wrapped = UncachedFallback(abs, "a test kernel")
    >>> wrapped(-2)
    2
    """

    def __init__(self, dispatcher: Any, name: str) -> None:
        self.dispatcher = dispatcher
        self.name = name

    def __call__(self, *args: Any) -> Any:
        try:
            return self.dispatcher(*args)
        except Exception as error:
            if not _from_numba_cache(error) or not hasattr(self.dispatcher, "py_func"):
                raise
            warnings.warn(
                f"deterrence: the numba cache of {self.name} could not be read "
                f"({type(error).__name__}: {error}); compiling it without the cache",
                CompilationWarning,
                stacklevel=2,
            )
            from numba import njit

            self.dispatcher = njit(cache=False)(self.dispatcher.py_func)
            return self.dispatcher(*args)


def _from_numba_cache(error: BaseException) -> bool:
    """Whether an exception was raised inside numba's on-disk cache machinery."""
    traceback = error.__traceback__
    while traceback is not None:
        filename = traceback.tb_frame.f_code.co_filename.replace("\\", "/")
        if "numba/core/caching" in filename or "numba/core/serialize" in filename:
            return True
        traceback = traceback.tb_next
    return False


def _with_temporary_cache(load: Callable[[], Any], name: str, error: RuntimeError) -> Any:
    """Load a kernel with numba's cache pointed at a fresh temporary directory."""
    if "cannot cache" not in str(error):
        raise error
    import tempfile

    from numba.core import config

    config.CACHE_DIR = tempfile.mkdtemp(prefix="deterrence-numba-")  # type: ignore[attr-defined]
    warnings.warn(
        f"deterrence: no writable numba cache directory for {name} ({error}); caching in "
        f"{config.CACHE_DIR} for this session only "  # type: ignore[attr-defined]
        "(set NUMBA_CACHE_DIR to keep it)",
        CompilationWarning,
        stacklevel=4,
    )
    return load()


def _cached(dispatcher: Any) -> bool:
    """Whether a numba dispatcher is compiled in this process or has a disk-cache index."""
    if getattr(dispatcher, "signatures", None):
        return True
    try:
        return os.path.exists(dispatcher._cache._cache_file._index_path)
    except AttributeError:  # numba internals changed: rather announce than compile silently
        return False
