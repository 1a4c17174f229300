"""Test-session setup shared by tests/ and the doctests in deterrence/.

sympy's ``lambdify`` registers each generated function's source in ``linecache`` and removes
the entry with a ``weakref.finalize`` when the function is garbage collected (sympy PR
#27223). If a collection happens while ``linecache.checkcache()`` iterates over the cache
(doctest's debugger calls it before every doctest), the entry vanishes between listing and
reading and ``checkcache`` raises ``KeyError: '<lambdifygenerated-N>'``: an intermittent
failure unrelated to the code under test. Tolerate exactly that race.

The doctests of :mod:`deterrence.io.axelrod` need the ``axelrod`` package, which is installed
separately (CI installs it); without it they are skipped, with that reason.
"""

from __future__ import annotations

import importlib.util
import linecache

import pytest

_checkcache = linecache.checkcache


def _tolerant_checkcache(filename: str | None = None) -> None:
    try:
        _checkcache(filename)
    except KeyError:  # an entry collected while the cache was being checked
        for name in list(linecache.cache):
            if name != filename:
                try:
                    _checkcache(name)
                except KeyError:
                    pass


linecache.checkcache = _tolerant_checkcache


def pytest_runtest_setup(item: pytest.Item) -> None:
    """Skip the axelrod interop doctests when axelrod is not installed."""
    if (
        isinstance(item, pytest.DoctestItem)
        and item.name.startswith("deterrence.io.axelrod.")
        and importlib.util.find_spec("axelrod") is None
    ):
        pytest.skip("needs the axelrod package (pip install axelrod)")
