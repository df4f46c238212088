"""Run every chapter's assertions under other floating-point configurations (``make portable``).

Training on small tasks amplifies last-bit differences of floating point, so a claim that holds
on the reference machine can fail on a reader's laptop. This runs each chapter top to bottom
with nbval in ``--nbval-lax`` mode — stored outputs are not compared, but every cell must run
and every ``assert`` in it must hold — under each configuration of :data:`CONFIGS`, two at a
time (one per core), and exits non-zero if any chapter fails under any of them.

To add a configuration, add an entry to CONFIGS: a name and the environment variables that
select other kernels — OpenBLAS's (``OPENBLAS_CORETYPE``: Nehalem, Sandybridge, Haswell,
SkylakeX, Zen …) and NumPy's (``NPY_DISABLE_CPU_FEATURES``, e.g. "X86_V3 X86_V4" leaves the
x86-64-v2 baseline without AVX2 or FMA). NumPy refuses to disable a baseline feature, and
OpenBLAS falls back to a generic kernel for a name it does not know: check with
``python -c "import numpy; numpy.show_runtime()"`` under the new variables first.

Usage: python scripts/portable.py [chapters/*.ipynb]
"""
import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONFIGS = {
    # an x86-64 CPU of ~2010: SSE4.2 only, no AVX2, no fused multiply-add
    "no-FMA (Nehalem BLAS, x86-64-v2 NumPy)": {
        "OPENBLAS_CORETYPE": "Nehalem",
        "NPY_DISABLE_CPU_FEATURES": "X86_V3 X86_V4 AVX512_ICL AVX512_SPR"},
    # a laptop of the last decade: AVX2 and FMA, no AVX-512
    "AVX2 (Haswell BLAS, x86-64-v3 NumPy)": {
        "OPENBLAS_CORETYPE": "Haswell",
        "NPY_DISABLE_CPU_FEATURES": "X86_V4 AVX512_ICL AVX512_SPR"},
}


def run(name, env_vars, notebooks):
    env = {**os.environ, **env_vars}
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "pytest", "-c", "tests/nbval.ini", "--rootdir",
                           ".", "--nbval-lax", "-q", *notebooks], cwd=ROOT, env=env,
                          capture_output=True, text=True)
    return name, proc, time.perf_counter() - start


def main():
    notebooks = sys.argv[1:] or sorted(str(p.relative_to(ROOT))
                                       for p in (ROOT / "chapters").glob("*.ipynb"))
    failed = False
    with ThreadPoolExecutor(max_workers=2) as pool:
        jobs = [pool.submit(run, name, env, notebooks) for name, env in CONFIGS.items()]
        for job in jobs:
            name, proc, seconds = job.result()
            summary = proc.stdout.strip().splitlines()[-1] if proc.stdout.strip() else "no output"
            print(f"{name}: {summary} ({seconds:.0f} s)")
            if proc.returncode != 0:
                failed = True
                print(proc.stdout[-6000:], proc.stderr[-2000:], sep="\n")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
