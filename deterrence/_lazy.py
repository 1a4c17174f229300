"""Lazy public names for the package and its subpackages (PEP 562 module ``__getattr__``).

``import deterrence`` imports nothing heavy: each public name is listed once in a table
``name -> module`` and its module is imported the first time the name is used (attribute
access or ``from deterrence import name``). So sympy, pandas, scipy and numba load only when a
feature that needs them is used, and a first solve does not pay for the symbolic analysis.
"""

from __future__ import annotations

import importlib
import types
from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["attach"]


def attach(
    package: str, exports: Mapping[str, str]
) -> tuple[Callable[[str], Any], Callable[[], list[str]], list[str]]:
    """Module ``__getattr__``, ``__dir__`` and ``__all__`` for a package with lazy names.

    Parameters
    ----------
    package : str
        The package's ``__name__``.
    exports : mapping of str to str
        Public name -> module defining it, relative to ``package`` (``"games.normal_form"``
        for ``deterrence.games.normal_form``).

    Returns
    -------
    (__getattr__, __dir__, __all__)
        Assign them at module level. ``__all__`` lists the exported names in table order.
        Submodules are attributes too (``deterrence.games``), imported on first access as
        before, and ``dir()`` lists them with the exported names. An export named like the
        submodule defining it (``deterrence.analysis.sweep``, the function) stays the export
        when that submodule is imported, as it would after an eager ``from .sweep import
        sweep`` in the package.

    Examples
    --------
    >>> getattr_, dir_, all_ = attach("deterrence", {"NormalFormGame": "games.normal_form"})
    >>> getattr_("NormalFormGame").__name__, all_
    ('NormalFormGame', ['NormalFormGame'])
    >>> getattr_("nothing")
    Traceback (most recent call last):
    ...
    AttributeError: module 'deterrence' has no attribute 'nothing'
    """
    module = importlib.import_module(package)
    namespace = module.__dict__

    def submodules() -> set[str]:
        import pkgutil

        return {info.name for info in pkgutil.iter_modules(module.__path__)}

    def __getattr__(name: str) -> Any:
        if name in exports:
            value = getattr(importlib.import_module(f"{package}.{exports[name]}"), name)
        elif not name.startswith("__") and name in submodules():
            value = importlib.import_module(f"{package}.{name}")
        else:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        namespace[name] = value  # later lookups skip __getattr__
        return value

    def __dir__() -> list[str]:
        return sorted(set(namespace) | set(exports) | submodules())

    shadowed = {name for name, where in exports.items() if name == where}
    if shadowed:  # e.g. analysis.sweep, the function, defined in the submodule analysis.sweep

        class Package(types.ModuleType):
            """Keeps a name bound to its export when the same-named submodule is imported
            (the import system sets the submodule as an attribute of its package)."""

            def __setattr__(self, name: str, value: Any) -> None:
                if name in shadowed and getattr(value, "__name__", None) == f"{package}.{name}":
                    value = getattr(value, name)
                super().__setattr__(name, value)

        module.__class__ = Package

    return __getattr__, __dir__, list(exports)
