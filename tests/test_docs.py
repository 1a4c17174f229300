"""The documentation: every code block of the how-to guides runs, and the site builds.

* Every ``pycon`` block of every page under ``docs/`` is a doctest (the blocks of one page
  share a namespace, in page order); every ``bash`` block of a how-to guide is run line by
  line and must succeed. Both run in a scratch directory holding a copy of ``examples/``.
  A how-to guide may hold no other kind of code block, so no example is left unchecked.
* ``test_docs_build_without_warnings`` builds the HTML site into a temporary directory with
  warnings as errors (``-W --keep-going``), exactly as the README's command does; a broken
  cross-reference or docstring fails it. It needs the ``docs`` extra and skips without it.
"""

from __future__ import annotations

import doctest
import os
import re
import shlex
import shutil
import subprocess
import sys
import textwrap
import warnings
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
PAGES = sorted(
    p
    for p in DOCS.rglob("*.md")
    if "_build" not in p.parts and "generated" not in p.parts and "notebooks" not in p.parts
)
HOW_TO = sorted((DOCS / "how-to").glob("*.md"))
FENCE = re.compile(
    r"^(?P<indent>[ \t]*)(?P<fence>```+)(?P<info>[^\n`]*)\n"
    r"(?P<body>.*?)^(?P=indent)(?P=fence)[ \t]*$",
    re.S | re.M,
)
FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


def code_blocks(path: Path) -> list[tuple[str, int, str]]:
    """``(language, first line number, text)`` of each fenced block of a Markdown page."""
    text = path.read_text()
    blocks = []
    for match in FENCE.finditer(text):
        info = match.group("info").strip()
        language = info.strip("{}").split()[0] if info else ""
        if info.startswith("{"):  # a MyST directive: {code-block} pycon, {toctree}, ...
            directive = info[1:].split("}")[0]
            if directive not in ("code-block", "code"):
                continue
            rest = info.split("}", 1)[1].split()
            language = rest[0] if rest else ""
        line = text.count("\n", 0, match.start("body")) + 1
        blocks.append((language, line, textwrap.dedent(match.group("body"))))
    return blocks


EXAMPLE_PAGES = [p for p in PAGES if any(lang == "pycon" for lang, _, _ in code_blocks(p))]
COMMAND_PAGES = [p for p in HOW_TO if any(lang == "bash" for lang, _, _ in code_blocks(p))]


@pytest.fixture
def scratch(tmp_path):
    """A scratch working directory with a copy of the repository's ``examples/``."""
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    return tmp_path


def test_pages_are_found():
    assert len(HOW_TO) >= 7
    assert DOCS / "explanation" / "exact.md" in EXAMPLE_PAGES
    assert len(COMMAND_PAGES) >= 2


@pytest.mark.parametrize("path", HOW_TO, ids=lambda p: p.stem)
def test_how_to_blocks_are_all_checked(path):
    languages = {language for language, _, _ in code_blocks(path)}
    unchecked = languages - {"pycon", "bash"}
    assert not unchecked, f"{path.name}: code blocks in {sorted(unchecked)} are not run"


@pytest.mark.parametrize("path", EXAMPLE_PAGES, ids=lambda p: str(p.relative_to(DOCS)))
def test_page_examples_run(path, scratch, monkeypatch):
    blocks = [(line, body) for language, line, body in code_blocks(path) if language == "pycon"]
    # keep line numbers: blank out everything but the blocks
    lines = [""] * (path.read_text().count("\n") + 2)
    for start, body in blocks:
        for k, text in enumerate(body.splitlines()):
            lines[start - 1 + k] = text
    source = "\n".join(lines)
    monkeypatch.chdir(scratch)
    monkeypatch.setenv("MPLBACKEND", "Agg")
    parser = doctest.DocTestParser()
    test = parser.get_doctest(source, {"__name__": "__docs__"}, path.name, str(path), 0)
    runner = doctest.DocTestRunner(optionflags=FLAGS)
    report: list[str] = []
    # a page may register a model of its own: leave the library as it was (the builder's
    # globals are the page's namespace, which doctest clears afterwards)
    from deterrence.models._registry import REGISTRY

    registered = dict(REGISTRY)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # no warning a reader cannot act on
            warnings.filterwarnings("ignore", category=DeprecationWarning)
            warnings.filterwarnings("ignore", category=ResourceWarning)
            # a one-off notice that a numba kernel compiles: when it appears depends on how
            # much solving the process did before (test order), not on the page
            warnings.filterwarnings("ignore", message="deterrence: compiling the numba")
            runner.run(test, out=report.append)
    finally:
        REGISTRY.clear()
        REGISTRY.update(registered)
    assert runner.failures == 0, "".join(report)


@pytest.mark.parametrize("path", COMMAND_PAGES, ids=lambda p: p.stem)
def test_how_to_commands_run(path, scratch):
    commands = [
        command
        for language, _, body in code_blocks(path)
        if language == "bash"
        for command in body.splitlines()
        if command.strip() and not command.startswith("#")
    ]
    bindir = Path(sys.executable).parent
    env = dict(
        os.environ, PATH=f"{bindir}{os.pathsep}{os.environ.get('PATH', '')}", MPLBACKEND="Agg"
    )
    for command in commands:
        done = subprocess.run(
            command, shell=True, cwd=scratch, env=env, capture_output=True, text=True, timeout=600
        )
        assert done.returncode == 0, f"{shlex.quote(command)}: {done.stderr[-2000:]}"


def test_readme_python_runs_clean(scratch, monkeypatch, capsys):
    """The README's Python blocks, in order: no error, no warning a newcomer cannot act on."""
    blocks = [body for language, _, body in code_blocks(ROOT / "README.md") if language == "python"]
    assert blocks, "the README has a quickstart"
    monkeypatch.chdir(scratch)
    namespace: dict = {"__name__": "__readme__"}
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        warnings.filterwarnings("ignore", category=DeprecationWarning)
        for block in blocks:
            exec(compile(block, "README.md", "exec"), namespace)
    printed = capsys.readouterr().out
    assert "..." not in printed, "the quickstart prints a truncated frame"


def test_docs_build_without_warnings(tmp_path):
    """The README's docs command, into a temporary directory."""
    for module in ("sphinx", "pydata_sphinx_theme", "numpydoc", "myst_nb"):
        pytest.importorskip(module, reason="needs the 'docs' extra")
    command = [
        sys.executable,
        "-m",
        "sphinx",
        "-W",
        "--keep-going",
        "-q",
        "-b",
        "html",
        "-d",
        str(tmp_path / "doctrees"),
        str(DOCS),
        str(tmp_path / "html"),
    ]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=1800)
    problems = [line for line in done.stderr.splitlines() if "WARNING" in line or "ERROR" in line]
    assert done.returncode == 0, (
        "the docs build has warnings (errors under -W); fix the docstrings or pages named: a "
        "reference to a private name (``_module``, ``_helper``) must be a ``literal``, a public "
        "one must name something that imports\n" + "\n".join(problems or [done.stderr[-6000:]])
    )
    assert (tmp_path / "html" / "api" / "deterrence.html").exists()
    # the site reads offline: MathJax is served from _static, no script comes from the network
    assert (tmp_path / "html" / "_static" / "mathjax" / "tex-chtml.js").exists()
    remote = [
        f"{page.relative_to(tmp_path)}: {match}"
        for page in (tmp_path / "html").rglob("*.html")
        for match in re.findall(r"<script[^>]*src=\"https?://[^\"]*\"", page.read_text("utf-8"))
    ]
    assert not remote, "scripts loaded from the network:\n" + "\n".join(remote[:10])
