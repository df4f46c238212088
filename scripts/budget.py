"""Measure each chapter notebook against its budgets (CONTRIBUTING.md): wall time, peak memory.

Executes every notebook in a fresh kernel (outputs are not written back) while sampling the
resident memory of the kernel process and its children, and prints one line per notebook.

Usage: python scripts/budget.py [chapters/*.ipynb]   (exit status 1 if a budget is exceeded)
"""
import sys
import threading
import time
from pathlib import Path

import nbformat
import psutil
from nbclient import NotebookClient

SECONDS, BYTES = 120.0, 1.5e9


def rss_tree(pid):
    try:
        proc = psutil.Process(pid)
        return sum(p.memory_info().rss for p in [proc, *proc.children(recursive=True)])
    except psutil.NoSuchProcess:
        return 0


def measure(path):
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(Path(path).parent)}})
    peak, done = [0], threading.Event()

    def sample():
        while not done.is_set():
            km = client.km
            if km is not None and km.has_kernel and km.provisioner is not None:
                pid = getattr(km.provisioner, "pid", None)
                if pid:
                    peak[0] = max(peak[0], rss_tree(pid))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    start = time.perf_counter()
    client.execute()
    elapsed = time.perf_counter() - start
    done.set()
    sampler.join()
    return elapsed, peak[0]


if __name__ == "__main__":
    paths = sys.argv[1:] or sorted(str(p) for p in Path("chapters").glob("*.ipynb"))
    over, total = False, 0.0
    for path in paths:
        seconds, peak = measure(path)
        total += seconds
        flag = "" if seconds <= SECONDS and peak <= BYTES else "  OVER BUDGET"
        over |= bool(flag)
        print(f"{path}: {seconds:6.1f} s, peak kernel memory {peak / 1e6:7.0f} MB{flag}")
    print(f"total: {total:.1f} s for {len(paths)} notebooks")
    sys.exit(1 if over else 0)
