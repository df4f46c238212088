"""The nbval configuration (tests/nbval.ini) fails on a stored output that the code no longer
produces, including stderr, and passes on one that it does."""
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

TESTS = Path(__file__).parent


def _notebook(path, source, stored):
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell(source, execution_count=1)
    cell.outputs = [nbformat.v4.new_output("stream", name=name, text=text) for name, text in stored]
    nb.cells = [cell]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, path)


@pytest.mark.parametrize("source, stored, passes", [
    ("print(1 + 1)", [("stdout", "2\n")], True),
    ("print(1 + 1)", [("stdout", "3\n")], False),                 # a hand-edited output
    ("import sys; print('warn', file=sys.stderr)", [], False),    # new stderr is compared too
])
def test_nbval_compares_stored_outputs(tmp_path, source, stored, passes):
    shutil.copy(TESTS / "nbval_sanitize.cfg", tmp_path)
    ini = (TESTS / "nbval.ini").read_text().replace("tests/nbval_sanitize.cfg", "nbval_sanitize.cfg")
    (tmp_path / "nbval.ini").write_text(ini)
    _notebook(tmp_path / "check.ipynb", source, stored)
    run = subprocess.run([sys.executable, "-m", "pytest", "-c", "nbval.ini", "check.ipynb", "-q"],
                         cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert (run.returncode == 0) == passes, run.stdout[-2000:]
