"""Packaging facts a user relies on: the supported Python versions, the public API, the version."""

from __future__ import annotations

import pathlib
import shutil
import subprocess
import sys

import pytest

import deterrence

PACKAGE = pathlib.Path(deterrence.__file__).parent

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


def _pyproject() -> dict:
    path = PACKAGE.parent / "pyproject.toml"
    if not path.exists():
        pytest.skip("pyproject.toml not present (installed package)")
    return tomllib.loads(path.read_text())


def test_every_module_compiles_under_the_oldest_supported_python() -> None:
    """``requires-python = ">=3.10"``: no 3.11-only syntax such as ``a[i, *rest]``.

    ``ast.parse(feature_version=(3, 10))`` does not catch that construct, so the check
    compiles every module with a real Python 3.10 interpreter when one is on the PATH.
    """
    interpreter = shutil.which("python3.10")
    pyenv_python = pathlib.Path.home() / ".pyenv/versions/3.10.13/bin/python3.10"
    if pyenv_python.exists():
        interpreter = str(pyenv_python)
    if interpreter is None:
        pytest.skip("no python3.10 interpreter on PATH")
    files = [str(p) for p in sorted(PACKAGE.rglob("*.py"))]
    code = (
        "import sys\n"
        "bad = []\n"
        "for f in sys.argv[1:]:\n"
        "    try:\n"
        "        compile(open(f).read(), f, 'exec')\n"
        "    except SyntaxError as e:\n"
        "        bad.append(f'{f}:{e.lineno}: {e.msg}')\n"
        "print('\\n'.join(bad)); sys.exit(1 if bad else 0)\n"
    )
    done = subprocess.run([interpreter, "-c", code, *files], capture_output=True, text=True)
    if done.returncode not in (0, 1):
        pytest.skip(f"python3.10 did not run: {done.stderr.strip()[:200]}")
    assert done.returncode == 0, done.stdout


def test_classifiers_agree_with_requires_python() -> None:
    project = _pyproject()["project"]
    assert project["requires-python"] == ">=3.10"
    versions = {
        c.rsplit(" ", 1)[-1]
        for c in project["classifiers"]
        if c.startswith("Programming Language :: Python :: 3.")
    }
    assert min(versions, key=lambda v: tuple(map(int, v.split(".")))) == "3.10"


def test_public_api_names_resolve() -> None:
    for name in deterrence.__all__:
        assert hasattr(deterrence, name), name


def test_version_is_single_sourced() -> None:
    project = _pyproject()
    assert "version" in project["project"]["dynamic"]
    assert deterrence.__version__.count(".") == 2
