"""Every public function and class has a runnable example in its docstring.

House rule (``STYLE.md``): numpydoc docstrings with an Examples section whose doctests run
in the suite (``--doctest-modules``). The audit walks every public module of the package
(no part of its dotted name starts with ``_``) and checks each function and class named in
its ``__all__`` and defined in that module (re-exports are checked where they are defined):
its own docstring must contain a ``>>>`` line. A class's docstring is read from the class
itself (``__doc__``), never inherited from a base class.

Methods of public classes are not checked: about 60% of them have no example yet (the
solution-concept interface methods, most ``to_*`` converters), so that rule would be a
clean-up of its own.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import types

import deterrence


def public_module_names(package: types.ModuleType = deterrence) -> list[str]:
    """The package and its submodules whose dotted names have no ``_``-prefixed part."""
    names = [package.__name__]
    prefix = package.__name__ + "."
    for info in pkgutil.walk_packages(package.__path__, prefix):
        if not any(part.startswith("_") for part in info.name[len(prefix) :].split(".")):
            names.append(info.name)
    return names


def offenders(module: types.ModuleType) -> list[str]:
    """``module.name`` of each function or class in ``__all__``, defined in ``module``,
    whose own docstring has no ``>>>`` line."""
    found = []
    for name in getattr(module, "__all__", ()):
        value = getattr(module, name, None)
        if not (inspect.isfunction(value) or inspect.isclass(value)):
            continue
        if getattr(value, "__module__", None) != module.__name__:
            continue
        if ">>>" not in (value.__doc__ or ""):
            found.append(f"{module.__name__}.{name}")
    return found


def test_the_audit_finds_a_missing_example_and_ignores_what_it_should():
    module = types.ModuleType("fake")
    exec(
        "class Base:\n"
        "    '''Base.\n\n    >>> Base()  # doctest: +SKIP\n    '''\n"
        "class Bare(Base):\n"
        "    pass\n"
        "def documented():\n"
        "    '''Documented.\n\n    >>> documented()\n    '''\n"
        "def undocumented():\n"
        "    '''No example.'''\n"
        "def _private():\n"
        "    pass\n"
        "from math import sqrt\n"
        "LIMIT = 3\n"
        "__all__ = ['Base', 'Bare', 'documented', 'undocumented', 'sqrt', 'LIMIT']\n",
        module.__dict__,
    )
    # the subclass does not inherit its base's example; re-exports and constants are skipped
    assert offenders(module) == ["fake.Bare", "fake.undocumented"]


def test_every_public_module_declares_all():
    missing = [
        name
        for name in public_module_names()
        if not hasattr(importlib.import_module(name), "__all__")
    ]
    assert not missing, "public modules without __all__:\n" + "\n".join(missing)


def test_every_public_function_and_class_has_a_runnable_example():
    found = [
        name
        for module in public_module_names()
        for name in offenders(importlib.import_module(module))
    ]
    assert not found, (
        f"{len(found)} public functions and classes have no runnable example (a '>>>' line) "
        "in their docstring:\n" + "\n".join(found)
    )
