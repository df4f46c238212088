"""The chapters' code cells as a reader sees them and as CI re-runs them: no line wider than
the page's code column (88 columns: a wider one scrolls sideways), and stored outputs from one
run, top to bottom, in a fresh kernel (execution counts 1, 2, 3, …)."""
import json
from pathlib import Path

import pytest

CHAPTERS = sorted((Path(__file__).resolve().parent.parent / "chapters").glob("*.ipynb"))
WIDTH = 88


def code_cells(path):
    return [c for c in json.loads(path.read_text())["cells"] if c["cell_type"] == "code"]


def long_lines(cells, width=WIDTH):
    return [line for c in cells for line in "".join(c["source"]).split("\n")
            if len(line) > width]


def out_of_order(cells):
    counts = [c["execution_count"] for c in cells]
    return counts != list(range(1, len(counts) + 1))


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_code_fits_the_column(path):
    assert not long_lines(code_cells(path)), path.name


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_run_once_top_to_bottom(path):
    assert not out_of_order(code_cells(path)), [c["execution_count"] for c in code_cells(path)]


def test_the_checks_can_fail():
    cell = {"source": ["x = 1  " + "#" * 90], "execution_count": 1}
    assert long_lines([cell]) and not out_of_order([cell])
    assert out_of_order([cell, dict(cell, execution_count=1)])
