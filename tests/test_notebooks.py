"""Execute every tutorial notebook; any error (including a failed assertion of its key
numbers) fails the test. Notebooks are stored without outputs.

To keep the suite fast, the notebooks share one ``python3`` kernel: before each notebook the
kernel's namespace is cleared with ``%reset -f`` (imported modules stay cached, so a notebook
that forgets an import still fails with ``NameError``).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat", reason="needs the 'test' extra (nbformat)")
nbclient = pytest.importorskip("nbclient", reason="needs the 'test' extra (nbclient)")

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("[0-9][0-9]_*.ipynb"))
RESET = "%reset -f\nimport matplotlib.pyplot as _plt\n_plt.close('all')\ndel _plt"


def test_the_tutorials_are_numbered_without_repeats():
    numbers = [p.name[:2] for p in NOTEBOOKS]
    assert len(set(numbers)) == len(numbers), "two notebooks share a number"
    assert numbers[:9] == [f"{k:02d}" for k in range(1, 10)]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_is_stored_without_outputs(path):
    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, (
                f"{path.name}: clear outputs before committing"
            )
    assert notebook.cells[0].cell_type == "markdown", "start with the story"
    assert notebook.cells[-1].cell_type == "markdown", "end with what the numbers say"
    assert "What the numbers say" in notebook.cells[-1].source


@pytest.fixture(scope="module")
def kernel(tmp_path_factory):
    from jupyter_client.manager import KernelManager

    os.environ.setdefault("MPLBACKEND", "Agg")
    manager = KernelManager(kernel_name="python3")
    manager.start_kernel(cwd=str(tmp_path_factory.mktemp("notebooks")))
    yield manager
    manager.shutdown_kernel(now=True)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_executes(path, kernel):
    notebook = nbformat.read(path, as_version=4)
    notebook.cells.insert(0, nbformat.v4.new_code_cell(RESET))
    client = nbclient.NotebookClient(notebook, km=kernel, timeout=300, kernel_name="python3")
    client.execute()  # raises CellExecutionError on any error
