"""Speed of rnnbook's NumPy cells against Keras 3 (TensorFlow backend) on the book's shapes.

For every registered cell that Keras has (simple RNN, LSTM, GRU with either reset convention)
and every shape, with the SAME float32 weights on both sides (``rnnbook.interop.keras.to_keras``),
non-zero biases and initial states (``rnnbook.gradcheck.random_case``), it first asserts that
rnnbook and Keras agree on Y and every gradient, then times, interleaved repeat by repeat so
that a change of machine load hits both sides alike: rnnbook forward; rnnbook forward + BPTT;
Keras forward + backward with ``tf.GradientTape``, eager and compiled with ``tf.function``
(after warm-up, so tracing is excluded). It reports medians and interquartile ranges, the
median of the per-repeat ratios rnnbook / Keras (< 1: rnnbook is faster), and the size of the
forward cache (what BPTT stores) at the largest shape.

Usage: .venv/bin/python scripts/bench_cells.py [--quick] [--repeats N] [--shapes all|large]
                                              [--cells NAME ...]
"""
import argparse  # noqa: I001  (rnnbook must come before numpy, see below)
import os
import platform

import rnnbook  # first: single-threaded OpenBLAS, quiet TensorFlow

import numpy as np  # noqa: E402  (after rnnbook, which sets OPENBLAS_NUM_THREADS)
import tensorflow as tf  # noqa: E402

from rnnbook.cells import REGISTRY  # noqa: E402
from rnnbook.gradcheck import differences, random_case  # noqa: E402
from rnnbook.interop.bench import keras_step, timed_interleaved  # noqa: E402
from rnnbook.interop.keras import keras_forward_backward, to_keras  # noqa: E402

SHAPES = [(32, 50, 2, 16), (32, 50, 1, 20), (64, 200, 4, 32), (128, 100, 8, 64)]  # (B, T, m, n)
NAMES = [name for name, cell in REGISTRY.items() if cell.keras is not None]


def cache_bytes(cache):
    """Bytes of the distinct buffers the cache holds (views of one buffer count once)."""
    bases = {}
    for value in cache.values():
        if isinstance(value, np.ndarray):
            while isinstance(value.base, np.ndarray):
                value = value.base
            bases[id(value)] = value.nbytes
    return sum(bases.values())


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="5 repeats instead of 15")
    parser.add_argument("--repeats", type=int, help="override the number of repeats")
    parser.add_argument("--shapes", choices=["all", "large"], default="all")
    parser.add_argument("--cells", nargs="+", choices=NAMES, default=NAMES, metavar="NAME",
                        help=f"cells to time (default: all of {NAMES})")
    args = parser.parse_args()
    repeats = args.repeats or (5 if args.quick else 15)
    shapes = SHAPES if args.shapes == "all" else SHAPES[-2:]
    print(f"rnnbook {rnnbook.__version__}, numpy {np.__version__}, tensorflow {tf.__version__}, "
          f"python {platform.python_version()}, {os.cpu_count()} CPUs, OPENBLAS_NUM_THREADS="
          f"{os.environ.get('OPENBLAS_NUM_THREADS')}")
    print(f"float32; {repeats} interleaved repeats after warm-up; ms as median [IQR]; ratio = "
          "median over repeats of rnnbook f+b / Keras f+b (< 1: rnnbook faster)\n")
    head = ("cell", "(B, T, m, n)", "rnnbook fwd", "rnnbook f+b", "Keras f+b eager",
            "Keras f+b tf.fn", "ratio eager", "ratio tf.fn")
    widths = (18, 17, 14, 14, 16, 16, 12, 12)
    print("".join(f"{h:<{w}}" if i < 2 else f"{h:>{w}}" for i, (h, w) in
                  enumerate(zip(head, widths))))
    worst, memory = 0.0, []
    for shape in shapes:
        for name in args.cells:
            cell = REGISTRY[name].module
            c = random_case(name, *shape, rng=NAMES.index(name), dtype=np.float32)
            layer = to_keras(c.params)
            Xt, dYt = tf.constant(c.X), tf.constant(c.dY)
            states = [tf.constant(s) for s in (c.state0 if isinstance(c.state0, tuple)
                                               else (c.state0,))]
            step = keras_step(layer)
            compiled = tf.function(step)

            def ours_fb():
                Y, cache = cell.forward(c.params, c.X, c.state0)
                return (Y, *cell.backward(c.params, cache, c.dY))

            diffs = differences(ours_fb(), keras_forward_backward(layer, c.X, c.state0, c.dY),
                                cell.STATES)
            assert max(diffs.values()) < 1e-5, (name, shape, diffs)
            out = compiled(Xt, states, dYt)
            assert np.allclose(out[0], ours_fb()[0], rtol=1e-4, atol=1e-5), (name, shape)
            worst = max(worst, max(diffs.values()))
            t = timed_interleaved([lambda: cell.forward(c.params, c.X, c.state0), ours_fb,
                                   lambda: step(Xt, states, dYt),
                                   lambda: compiled(Xt, states, dYt)], repeats)
            med = np.median(t, axis=0)
            iqr = np.subtract(*np.percentile(t, [75, 25], axis=0))
            ratios = [np.median(t[:, 1] / t[:, 2]), np.median(t[:, 1] / t[:, 3])]
            row = [name, str(shape), *(f"{m:.2f} [{q:.2f}]" for m, q in zip(med, iqr)),
                   *(f"{r:.2f}" for r in ratios)]
            print("".join(f"{f:<{w}}" if i < 2 else f"{f:>{w}}" for i, (f, w) in
                          enumerate(zip(row, widths))), flush=True)
            if shape == shapes[-1]:
                _, cache = cell.forward(c.params, c.X, c.state0)
                memory.append((name, cache_bytes(cache), c.dY.nbytes))
    print(f"\nrnnbook vs Keras (eager), Y and every gradient: largest relative difference "
          f"{worst:.1e} (asserted < 1e-5)")
    print(f"\nrnnbook forward cache for {shapes[-1]} (distinct buffers, X included):")
    for name, nbytes, y_bytes in memory:
        print(f"  {name:<18}{nbytes / 2**20:7.2f} MiB = {nbytes / y_bytes:4.1f} x size of Y")


if __name__ == "__main__":
    main()
