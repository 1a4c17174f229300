"""The architecture holds: layers, no import cycles, no private names across modules.

Data flows one way, games <- solvers <- analysis <- models <- interfaces (the contract is in
``pyproject.toml``, ``[tool.importlinter]``, checked with import-linter). The only imports
against the flow are the rendering hooks of lower layers (``_repr_html_`` and friends import
``deterrence.display`` or ``deterrence.report`` lazily, when a notebook asks for HTML); they
are listed there as ignored imports, and they are also the only edges left out of the cycle
check here.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "deterrence"
RENDERERS = {"deterrence.display", "deterrence.report"}
LOWER = ("games", "solvers", "analysis", "models")

importlinter = pytest.importorskip("importlinter", reason="import-linter is in the test extra")


def _graph():
    import grimp

    return grimp.build_graph("deterrence", exclude_type_checking_imports=True)


def _is_rendering_hook(importer: str, imported: str) -> bool:
    parts = importer.split(".")
    return imported in RENDERERS and len(parts) > 1 and parts[1] in LOWER


def test_layers_contract_is_kept(capsys):
    from importlinter import cli

    result = cli.lint_imports(
        config_filename=str(PACKAGE.parent / "pyproject.toml"), no_cache=True, no_logo=True
    )
    report = capsys.readouterr().out
    assert result == 0, (
        "an import goes against games <- solvers <- analysis <- models <- interfaces:\n" + report
    )


def test_no_import_cycles():
    graph = _graph()
    modules = sorted(graph.modules)
    edges = {
        m: {
            x
            for x in graph.find_modules_directly_imported_by(m)
            if x != m and not _is_rendering_hook(m, x)
        }
        for m in modules
    }
    cycles = _strongly_connected(edges)
    described = [" -> ".join(sorted(c)) for c in cycles]
    assert not cycles, f"import cycles among: {described}"


def _strongly_connected(edges: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's algorithm: the components with more than one module."""
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in edges.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(component)

    for module in edges:
        if module not in index:
            visit(module)
    return found


def test_the_cycle_check_finds_a_cycle():
    assert _strongly_connected({"a": {"b"}, "b": {"a"}, "c": {"a"}}) != []
    assert _strongly_connected({"a": {"b"}, "b": set()}) == []


def _private_imports() -> list[str]:
    out = []
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("deterrence"):
                for alias in node.names:
                    if alias.name.startswith("_") and not alias.name.startswith("__"):
                        where = path.relative_to(PACKAGE.parent)
                        out.append(f"{where}:{node.lineno} imports {alias.name} from {node.module}")
    return out


def test_no_private_name_is_imported_across_modules():
    offenders = _private_imports()
    assert not offenders, "make these public in the right layer: " + "; ".join(offenders)
