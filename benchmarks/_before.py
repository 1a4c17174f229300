"""Load a module of this repository as it was at an earlier commit (for before/after
benchmarks run in one process): ``module_at("5ba478f", "deterrence/solvers/api.py")``."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import tempfile
from types import ModuleType

HERE = os.path.dirname(os.path.abspath(__file__))


def module_at(commit: str, path: str, name: str | None = None) -> ModuleType:
    """The module at ``path`` as of ``commit``, imported under ``name`` (default: a fresh
    name, so the current module is left alone)."""
    source = subprocess.run(
        ["git", "show", f"{commit}:{path}"], capture_output=True, text=True, check=True, cwd=HERE
    ).stdout
    stem = os.path.splitext(os.path.basename(path))[0]
    file = os.path.join(tempfile.mkdtemp(), f"{stem}_{commit}.py")
    with open(file, "w") as handle:
        handle.write(source)
    spec = importlib.util.spec_from_file_location(name or f"{stem}_{commit}", file)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
