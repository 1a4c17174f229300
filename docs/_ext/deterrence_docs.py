"""Generate the pages that must follow the code, so that they can never drift from it.

* ``api/``: one page per public module (``deterrence``, each public submodule with an
  ``__all__``, and the modules such an ``__all__`` lists), listing *every* name in its
  ``__all__`` in an autosummary table. A name is documented once, on the page of the first
  submodule that exports it; the top-level page links to those pages. Every other module
  whose name has no private part gets a page with its docstring, so ``:mod:`` references
  to it resolve.
* ``explanation/generated/models-*.rst``: one page per scenario module, made of the module's
  docstring (the story and the maths) and, for every model it registers, the registry's
  specification (story, parameters with domains and defaults, key result, references).
* ``explanation/generated/algorithms.rst``: the solver modules' docstrings (the algorithms
  and their references).

The files are written when the configuration is read, into folders that git ignores, and only when
their text changes (so incremental builds stay incremental).
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
from pathlib import Path
from typing import Any

PACKAGE = "deterrence"

#: The solver modules whose docstrings explain the algorithms, in reading order.
ALGORITHMS = (
    ("Pure equilibria", "deterrence.solvers.pure"),
    ("Vertex enumeration", "deterrence.solvers.vertex_enumeration"),
    ("Support enumeration", "deterrence.solvers.support_enumeration"),
    ("Lemke-Howson", "deterrence.solvers.lemke_howson"),
    ("Polynomial enumeration (n players)", "deterrence.solvers.polynomial_enumeration"),
    ("Logit quantal response equilibria", "deterrence.solvers.qre"),
    ("Correlated equilibria", "deterrence.solvers.correlated"),
    ("Subgame-perfect equilibria", "deterrence.solvers.subgame_perfect"),
    ("Bayesian Nash equilibria", "deterrence.solvers.bayesian"),
    ("Perfect Bayesian equilibria of signalling games", "deterrence.solvers.signalling"),
    ("Repeated games and the folk theorem", "deterrence.solvers.repeated"),
    ("Evolutionary dynamics", "deterrence.solvers.evolutionary"),
    ("Anonymous N-player games", "deterrence.solvers.anonymous"),
    ("Checking equilibria (regret)", "deterrence.solvers.verify"),
)
#: Solver modules that are plumbing, not algorithms (dispatch, result containers, adapters).
NOT_ALGORITHMS = ("deterrence.solvers.api", "deterrence.solvers.result",
                  "deterrence.solvers.nashpy_backend")


def algorithms() -> list[tuple[str, str]]:
    """``ALGORITHMS`` followed by every other public solver module (titled by the first line
    of its docstring), so that a new solver is never missing from the page."""
    listed = [module for _, module in ALGORITHMS]
    solvers = importlib.import_module(f"{PACKAGE}.solvers")
    extra = []
    for info in pkgutil.iter_modules(solvers.__path__, prefix=f"{PACKAGE}.solvers."):
        name = info.name
        if name.rsplit(".", 1)[-1].startswith("_") or name in listed or name in NOT_ALGORITHMS:
            continue
        doc = (importlib.import_module(name).__doc__ or name).strip().splitlines()[0]
        extra.append((doc.rstrip(".").split(":")[0], name))
    return list(ALGORITHMS) + extra


def _write(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` unless it already holds exactly that."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_text() != text:
        path.write_text(text)


def _title(text: str, char: str = "=") -> str:
    return f"{text}\n{char * len(text)}\n"


def public_modules() -> list[str]:
    """``deterrence`` and every public submodule (and sub-subpackage) with an ``__all__``."""
    package = importlib.import_module(PACKAGE)
    names = [PACKAGE]
    for info in pkgutil.iter_modules(package.__path__):
        if info.name.startswith("_"):
            continue
        name = f"{PACKAGE}.{info.name}"
        module = importlib.import_module(name)
        if hasattr(module, "__all__"):
            names.append(name)
        if info.ispkg:
            for sub in pkgutil.iter_modules(module.__path__):
                subname = f"{name}.{sub.name}"
                if sub.ispkg and not sub.name.startswith("_"):
                    if hasattr(importlib.import_module(subname), "__all__"):
                        names.append(subname)
    for name in list(names):  # modules a public __all__ lists (the scenario modules)
        for entry in importlib.import_module(name).__all__:
            obj = getattr(importlib.import_module(name), entry)
            if inspect.ismodule(obj) and hasattr(obj, "__all__") and obj.__name__ not in names:
                names.append(obj.__name__)
    return names


def other_modules(documented: list[str]) -> list[str]:
    """Every other module whose name has no part starting with ``_``."""
    package = importlib.import_module(PACKAGE)
    out = []
    for info in pkgutil.walk_packages(package.__path__, prefix=f"{PACKAGE}."):
        if any(part.startswith("_") for part in info.name.split(".")):
            continue
        if info.name not in documented:
            out.append(info.name)
    return sorted(out)


def unexported_members(module_name: str, homes: dict[int, str]) -> tuple[list[str], list[str]]:
    """Classes and functions defined in a module, and its UPPER_CASE constants, that have no
    leading underscore and are documented nowhere else."""
    module = importlib.import_module(module_name)
    members, constants = [], []
    tree = ast.parse(inspect.getsource(module))
    for statement in tree.body:
        targets = []
        if isinstance(statement, ast.Assign):
            targets = [t.id for t in statement.targets if isinstance(t, ast.Name)]
        elif isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
            targets = [statement.target.id]
        constants += [t for t in targets if t.isupper() and not t.startswith("_")]
    for name, obj in vars(module).items():
        if name.startswith("_") or id(obj) in homes:
            continue
        if (inspect.isclass(obj) or inspect.isfunction(obj)) and (
                getattr(obj, "__module__", None) == module_name):
            members.append(name)
    return members, [c for c in dict.fromkeys(constants) if id(getattr(module, c)) not in homes]


def constant(module_name: str, name: str) -> str:
    """The directive documenting a module constant: its ``#:`` comment if it has one, else
    its value (never the docstring of its type, which is what autodata falls back to)."""
    from sphinx.pycode import ModuleAnalyzer

    try:
        documented = ("", name) in ModuleAnalyzer.for_module(module_name).find_attr_docs()
    except Exception:  # no source to analyse
        documented = False
    if documented:
        return f".. autodata:: {name}\n"
    value = repr(getattr(importlib.import_module(module_name), name))
    return f".. py:data:: {name}\n" + (f"   :value: {value}\n" if len(value) <= 60 else "")


def explained_at(module_name: str) -> str | None:
    """The explanation page that renders this module's docstring, if any."""
    if module_name.startswith(f"{PACKAGE}.models.") and module_name.count(".") == 2:
        return f"/explanation/generated/models-{module_name.rsplit('.', 1)[-1]}"
    if module_name in {module for _, module in algorithms()}:
        return "/explanation/generated/algorithms"
    return None


def _module_head(module_name: str, shadowed: bool = False) -> list[str]:
    """A module page's opening: its docstring, or a link to the page that explains it.

    A module named like a public function it defines (``deterrence.analysis.sweep``) is
    ``shadowed``: the name belongs to the function, so the module is not indexed.
    """
    page = explained_at(module_name)
    if page is None:
        return [f".. automodule:: {module_name}\n   :no-members:\n"
                + ("   :no-index:\n" if shadowed else "")]
    return [f".. py:module:: {module_name}\n",
            f"This module's story and maths are explained in :doc:`{page}`.\n"]


def canonical_homes(modules: list[str]) -> dict[int, str]:
    """``id(object) -> qualified name`` where each public object is documented."""
    homes: dict[int, str] = {}
    for module_name in modules[1:]:  # submodules first: they own their objects
        module = importlib.import_module(module_name)
        for name in module.__all__:
            obj = getattr(module, name)
            if inspect.ismodule(obj) or not _documentable(obj):
                continue
            homes.setdefault(id(obj), f"{module_name}.{name}")
    return homes


def _documentable(obj: Any) -> bool:
    return inspect.isclass(obj) or callable(obj)


def api_pages(srcdir: Path) -> None:
    """Write ``api/index.rst`` and one page per public module."""
    modules = public_modules()
    homes = canonical_homes(modules)
    api = srcdir / "api"
    index = [
        _title("API reference"),
        "Every public name, generated from the ``__all__`` of :mod:`deterrence` and of each "
        "public submodule. The top-level page lists the everyday names and links to the page "
        "of the submodule that documents each one.\n",
        ".. toctree::\n   :maxdepth: 1\n",
    ]
    for module_name in modules:
        index.append(f"   {module_name}")
        module = importlib.import_module(module_name)
        lines = [_title(f"``{module_name}``"), *_module_head(module_name),
                 f".. currentmodule:: {module_name}\n"]
        here, elsewhere, submodules, data = [], [], [], []
        for name in module.__all__:
            obj = getattr(module, name)
            qualified = f"{module_name}.{name}"
            if inspect.ismodule(obj):
                submodules.append(obj.__name__)
            elif not _documentable(obj):
                data.append(name)
            elif homes.get(id(obj), qualified) == qualified:
                here.append(name)
            else:
                elsewhere.append(homes[id(obj)])
        if here:
            lines.append(".. autosummary::\n   :toctree: generated\n   :nosignatures:\n")
            lines += [f"   {name}" for name in here]
            lines.append("")
        if data:
            lines.append(_title("Constants", "-"))
            lines += [constant(module_name, name) for name in data]
        if elsewhere:
            lines.append(_title("Documented in the submodules", "-"))
            lines.append(".. autosummary::\n   :nosignatures:\n")
            lines += [f"   ~{name.removeprefix(module_name + '.')}" for name in elsewhere]
            lines.append("")
        if submodules:
            lines.append(_title("Modules", "-"))
            lines += [f"* :mod:`{name}`" for name in submodules]
            lines.append("")
        _write(api / f"{module_name}.rst", "\n".join(lines) + "\n")
    others = other_modules(modules)
    index += ["", _title("Implementation modules", "-"),
              "The modules behind the public names, with the docstrings that explain them; "
              "their public names are documented on the pages above.\n",
              ".. toctree::\n   :maxdepth: 1\n"]
    public_names = set(homes.values())
    for module_name in others:
        index.append(f"   modules/{module_name}")
        lines = [_title(f"``{module_name}``"),
                 *_module_head(module_name, shadowed=module_name in public_names)]
        members, constants = unexported_members(module_name, homes)
        if members or constants:
            lines += [_title("Other names", "-"),
                      "Names of this module that no ``__all__`` exports: constants and "
                      "helpers that the docstrings above refer to.\n",
                      f".. currentmodule:: {module_name}\n"]
            lines += [constant(module_name, name) for name in constants]
            for name in members:
                kind = "autoclass" if inspect.isclass(getattr(
                    importlib.import_module(module_name), name)) else "autofunction"
                lines.append(f".. {kind}:: {name}\n" + (
                    "   :members:\n" if kind == "autoclass" else ""))
        _write(api / "modules" / f"{module_name}.rst", "\n".join(lines) + "\n")
    _write(api / "index.rst", "\n".join(index) + "\n")


def model_pages(srcdir: Path) -> None:
    """Write one explanation page per scenario module, from its docstring and the registry."""
    from deterrence.models import catalog, get_model

    out = srcdir / "explanation" / "generated"
    by_module: dict[str, list[str]] = {}
    for name in catalog()["name"]:
        by_module.setdefault(get_model(name).builder.__module__, []).append(name)
    # scenario modules that register no model (functions only) get a page too
    models = importlib.import_module(f"{PACKAGE}.models")
    for attribute in models.__all__:
        module_name = getattr(getattr(models, attribute), "__name__", "")
        if inspect.ismodule(getattr(models, attribute)) and module_name.count(".") == 2:
            by_module.setdefault(module_name, [])
    toc = []
    for module_name, names in by_module.items():
        module = importlib.import_module(module_name)
        first = (module.__doc__ or module_name).strip().splitlines()[0].rstrip(".")
        page = f"models-{module_name.rsplit('.', 1)[-1]}"
        toc.append(page)
        lines = [
            _title(first.split(":")[0]),
            f".. currentmodule:: {module_name}\n",
            f".. automodule:: {module_name}\n   :no-members:\n   :no-index:\n",
        ]
        if names:
            lines.append(_title("Registered models", "-"))
        for name in names:
            model = get_model(name)
            lines += [
                _title(f"``{name}``", "~"),
                f"{model.story[0].upper()}{model.story[1:]}. A {model.kind} game built by "
                f":func:`{model.builder.__module__}.{model.builder.__name__}`; "
                f"``deterrence analyze {name}`` analyses it.\n",
                ".. list-table::\n   :header-rows: 1\n   :widths: 20 20 12 48\n",
                "   * - parameter\n     - domain\n     - default\n     - meaning",
            ]
            for p in model.parameters:
                note = " (structural: fixed when the game is built)" if (
                    p.name in model.structural) else ""
                lines.append(
                    f"   * - ``{p.name}``\n     - {p.domain_text()}\n     - {p.default}\n"
                    f"     - {p.description}{note}"
                )
            lines.append("")
            lines.append(f"**Key parameter:** ``{model.key_parameter}``. "
                         f"**Key result:** {model.key_result}\n")
            if model.essay_argument:
                lines.append(f"**The argument it formalises:** {model.essay_argument}\n")
            if model.references:
                lines.append("**References:**\n")
                lines += [f"* {reference}" for reference in model.references]
                lines.append("")
        _write(out / f"{page}.rst", "\n".join(lines) + "\n")
    index = [
        _title("The models"),
        "Each page below is generated from a scenario module's docstring (its story, the "
        "derivation of its payoffs and its key result) and from the model registry "
        "(:func:`deterrence.models.catalog`). A model registered with "
        ":func:`deterrence.models.register` is listed by ``catalog()`` and "
        "``deterrence models`` in the same way.\n",
        ".. toctree::\n   :maxdepth: 1\n",
    ]
    index += [f"   {page}" for page in toc]
    _write(out / "models.rst", "\n".join(index) + "\n")


def algorithm_page(srcdir: Path) -> None:
    """Write the algorithms page from the solver modules' docstrings."""
    lines = [
        _title("The algorithms"),
        "Each section is the docstring of the solver module that implements the algorithm: "
        "what it computes, how, and the literature it follows. Which solver "
        ":func:`deterrence.solve` picks for ``method=\"auto\"`` is explained in the how-to "
        ":doc:`/how-to/choose-a-solver`.\n",
    ]
    for title, module_name in algorithms():
        lines += [
            _title(title, "-"),
            f".. currentmodule:: {module_name}\n",
            f".. automodule:: {module_name}\n   :no-members:\n   :no-index:\n",
        ]
    _write(srcdir / "explanation" / "generated" / "algorithms.rst", "\n".join(lines) + "\n")


def _resolve_object(dotted: str) -> Any:
    """The object a dotted name denotes, or ``None``."""
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        try:
            for attribute in parts[cut:]:
                obj = getattr(obj, attribute)
        except AttributeError:
            return None
        return obj
    return None


def _candidates(target: str, module: str | None, cls: str | None) -> list[str]:
    """Where a Python reference may point, most specific context first."""
    target = target.lstrip(".~")
    out = []
    if module:
        if cls:
            out.append(f"{module}.{cls}.{target}")
        parts = module.split(".")
        out += [".".join(parts[:k] + [target]) for k in range(len(parts), 0, -1)]
    out.append(target)
    if not target.startswith(PACKAGE + "."):
        out.append(f"{PACKAGE}.{target}")
    return out


def resolve_alias(app: Any, env: Any, node: Any, contnode: Any) -> Any:
    """Resolve a Python reference made through another public path to the documented page.

    A docstring may name an object as ``deterrence.solve``, ``deterrence.solvers.solve``,
    ``deterrence.solvers.api.solve`` or, inside its own module, ``solve``; the object is
    documented once. The name is imported, and the reference is pointed at the place where
    that very object (or, for a method or attribute, its class) is documented. A name that
    does not import, or an object documented nowhere, stays a broken reference (a warning,
    so an error under ``-W``).
    """
    if node.get("refdomain") != "py":
        return None
    domain = env.get_domain("py")
    homes = _homes()
    for candidate in _candidates(node["reftarget"], node.get("py:module"),
                                 node.get("py:class")):
        obj = _resolve_object(candidate)
        owner_name, _, attribute = candidate.rpartition(".")
        owner = _resolve_object(owner_name) if owner_name else None
        if obj is None and not _declares(owner, attribute):
            continue
        name = homes.get(id(obj)) if obj is not None else None
        if name is None and inspect.ismodule(obj):
            name = obj.__name__
        if name is None and inspect.isclass(owner) and homes.get(id(owner)) is not None:
            # a method or attribute of a documented class: its own entry if it has one,
            # else the class, which documents it (dataclass fields, instance attributes)
            name = f"{homes[id(owner)]}.{attribute}"
            if name not in domain.objects:
                name = homes[id(owner)]
        if name is None or name not in domain.objects and name not in domain.modules:
            continue
        reference = domain.resolve_xref(env, node["refdoc"], app.builder, "obj", name, node,
                                        contnode)
        if reference is None and name in domain.modules:
            reference = domain.resolve_xref(env, node["refdoc"], app.builder, "mod", name,
                                            node, contnode)
        if reference is not None:
            return reference
    # a bare name documented exactly once (as Sphinx does for ``.name`` references)
    last = node["reftarget"].lstrip(".~").rsplit(".", 1)[-1]
    matches = [name for name, entry in domain.objects.items()
               if name.rsplit(".", 1)[-1] == last and not entry.aliased]
    if len(matches) == 1 and "." not in node["reftarget"].lstrip(".~"):
        return domain.resolve_xref(env, node["refdoc"], app.builder, "obj", matches[0], node,
                                   contnode)
    return None


def _declares(owner: Any, attribute: str) -> bool:
    """Whether a class declares an instance attribute: annotated, or set as ``self.<name>``."""
    if not inspect.isclass(owner):
        return False
    for klass in owner.__mro__:
        if attribute in getattr(klass, "__annotations__", {}):
            return True
        try:
            if f"self.{attribute} =" in inspect.getsource(klass):
                return True
        except (OSError, TypeError):
            continue
    return False


_HOMES: dict[int, str] = {}


def _homes() -> dict[int, str]:
    if not _HOMES:
        _HOMES.update(canonical_homes(public_modules()))
    return _HOMES


def mark_citations_referenced(app: Any, env: Any) -> None:
    """Do not warn about a reference list entry that the text does not cite.

    numpydoc's ``References`` sections list the literature a module or function rests on;
    citing every entry inline (``[1]_``) is not this project's style. Only Sphinx's
    "Citation [...] is not referenced" check is answered here: duplicate citations and
    citations of missing entries still fail the build.
    """
    domain = env.get_domain("citation")
    for label, (docname, _, _) in domain.citations.items():
        domain.citation_refs.setdefault(label, set()).add(docname)
    return None


def generate(app: Any, config: Any = None) -> None:
    srcdir = Path(app.srcdir)
    api_pages(srcdir)
    model_pages(srcdir)
    algorithm_page(srcdir)


def setup(app: Any) -> dict[str, Any]:
    # before Sphinx lists the source files, so that autosummary sees the generated pages
    app.connect("config-inited", generate)
    app.connect("missing-reference", resolve_alias)
    app.connect("env-updated", mark_citations_referenced)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
