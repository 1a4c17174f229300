"""Timing helper shared by the benchmark scripts (run as ``python benchmarks/<script>.py``,
so this folder is on the import path)."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import Any


def median_time(
    function: Callable[[], Any], repeats: int, clock: Callable[[], float] = time.perf_counter
) -> tuple[float, Any]:
    """Median time of ``repeats`` calls (wall clock unless ``clock`` says otherwise, e.g.
    ``time.process_time`` for CPU time), and the last call's result."""
    times, result = [], None
    for _ in range(repeats):
        start = clock()
        result = function()
        times.append(clock() - start)
    return statistics.median(times), result
