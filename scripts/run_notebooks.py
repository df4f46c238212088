"""Re-execute chapter notebooks in place: fresh kernel, top to bottom, outputs stored.

Usage: python scripts/run_notebooks.py chapters/01_rnn.ipynb [...]
Prints each notebook's wall time, so the 120 s budget (CONTRIBUTING.md) is visible to authors.
"""
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient


def run(path):
    nb = nbformat.read(path, as_version=4)
    start = time.perf_counter()
    NotebookClient(nb, timeout=600, kernel_name="python3", record_timing=False,
                   resources={"metadata": {"path": str(Path(path).parent)}}).execute()
    elapsed = time.perf_counter() - start
    nbformat.write(nb, path)
    print(f"{path}: executed in {elapsed:.1f} s")


if __name__ == "__main__":
    for p in sys.argv[1:]:
        run(p)
