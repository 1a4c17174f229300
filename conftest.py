"""Test-session setup shared by tests/ and the doctests in deterrence/.

sympy's ``lambdify`` registers each generated function's source in ``linecache`` and removes
the entry with a ``weakref.finalize`` when the function is garbage collected (sympy PR
#27223). If a collection happens while ``linecache.checkcache()`` iterates over the cache
(doctest's debugger calls it before every doctest), the entry vanishes between listing and
reading and ``checkcache`` raises ``KeyError: '<lambdifygenerated-N>'``: an intermittent
failure unrelated to the code under test. Tolerate exactly that race.
"""

from __future__ import annotations

import linecache

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
