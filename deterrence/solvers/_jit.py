"""numba kernels that are compiled only once they pay off.

numba costs about 0.4 s to import and several seconds to compile a kernel the first time
(the machine code is then cached on disk). Small problems finish in milliseconds without it,
so every compiled kernel here has a numpy (or Qhull) twin that computes the same answer, and
a :class:`CompiledKernel` switches to the compiled one only after its twin has run for
:data:`BUDGET` seconds in this process -- one long computation or many short ones. A compile
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

__all__ = ["BUDGET", "CompiledKernel"]

#: Seconds the numpy twin may run in one process before the compiled kernel takes over (a
#: load from the disk cache then costs about 0.5 s, a first compile several seconds).
BUDGET = 0.5


class CompiledKernel:
    """A numba kernel loaded on demand, once its numpy twin has used up :data:`BUDGET`.

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
        """Import (and, if not cached on disk, compile) the kernel; warn before a compile."""
        if self._function is None:
            dispatcher = self._load()
            if self._numba and not _cached(dispatcher):
                warnings.warn(
                    f"deterrence: compiling the numba kernel for {self.name} (a one-off wait "
                    "of several seconds; cached on disk for later sessions)",
                    CompilationWarning, stacklevel=3,
                )
            self._function = dispatcher
        return self._function


def _cached(dispatcher: Any) -> bool:
    """Whether a numba dispatcher is compiled in this process or has a disk-cache index."""
    if getattr(dispatcher, "signatures", None):
        return True
    try:
        return os.path.exists(dispatcher._cache._cache_file._index_path)
    except AttributeError:  # numba internals changed: rather announce than compile silently
        return False
