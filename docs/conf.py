"""Sphinx configuration for the deterrence documentation.

Build (warnings are errors; from the repository root)::

    python -m sphinx -W --keep-going -b html docs docs/_build/html

The API reference, the model pages and the algorithms page are generated from the code when
the build starts (``docs/_ext/deterrence_docs.py``); the tutorials are the numbered notebooks
in ``notebooks/``, rendered as stored (the test suite executes them).
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "_ext"))
sys.path.insert(0, str(HERE.parent))

import deterrence  # noqa: E402

project = "deterrence"
author = "The deterrence developers"
copyright = "2025-2026, The deterrence developers"
version = release = deterrence.__version__

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.mathjax",
    # MathJax served from the site itself (no CDN): the docs read offline, e.g. on an
    # analyst's air-gapped machine or a copied HTML folder
    "sphinx-mathjax-offline",
    "numpydoc",
    "myst_nb",
    "deterrence_docs",
]

source_suffix = {".rst": "restructuredtext", ".md": "myst-nb", ".ipynb": "myst-nb"}
exclude_patterns = ["_build", "**.ipynb_checkpoints", "Thumbs.db", ".DS_Store"]
templates_path = ["_templates"]

# -- the code ---------------------------------------------------------------------------
autosummary_generate = True
autosummary_imported_members = True
autodoc_typehints = "none"  # numpydoc's Parameters/Returns sections carry the types
autodoc_default_options = {"member-order": "bysource"}
numpydoc_show_class_members = False
numpydoc_class_members_toctree = False
numpydoc_attributes_as_param_list = False
numpydoc_validation_checks: set[str] = set()

# A broken cross-reference is an error: every :func:`...`, :class:`...` and :mod:`...` in a
# docstring or page must resolve. Names from other libraries are not linked (the build reads
# no inventories over the network), so they are listed here instead of failing.
nitpicky = True
nitpick_ignore_regex = [
    (r"py:.*", r"(numpy|np|pandas|pd|scipy|sympy|matplotlib|dask|distributed|pyarrow|"
               r"nashpy|pygambit|axelrod|ipywidgets|flint|numba|fractions|decimal|typing|"
               r"collections|pathlib|os|io|concurrent|multiprocessing)(\..*)?"),
    (r"py:.*", r"(Fraction|Decimal|Path|Generator|Callable|Mapping|Sequence|Iterable|"
               r"Iterator|Any|DataFrame|Series|ndarray|Figure|Axes)"),
]

# -- notebooks ----------------------------------------------------------------------------
nb_execution_mode = "off"  # rendered as stored; tests/test_notebooks.py executes them
myst_enable_extensions = ["dollarmath", "colon_fence"]
myst_heading_anchors = 3

# -- HTML -----------------------------------------------------------------------------------
html_theme = "pydata_sphinx_theme"
html_title = f"deterrence {release}"
html_theme_options = {
    "navigation_with_keys": False,
    "show_toc_level": 2,
    "secondary_sidebar_items": ["page-toc"],
}
html_static_path: list[str] = []
