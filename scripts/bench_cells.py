"""Speed of rnnbook's NumPy cells against Keras 3 (TensorFlow backend) on the book's shapes.

For every cell (SimpleRNN, LSTM, GRU reset_after=False and True) and shape, with the SAME
float32 weights on both sides (``rnnbook.interop.keras.to_keras``), non-zero biases and initial
states, it times: rnnbook forward; rnnbook forward+backward; the Keras layer call (eager); Keras
forward+backward with ``tf.GradientTape`` (eager); and that same function compiled with
``tf.function`` (timed after warm-up calls, so tracing is excluded). Before timing, each case
asserts that rnnbook and Keras (eager and compiled) agree on Y, the weight gradients, dX and
dstate0, so two different computations are never compared. Reports medians and interquartile
ranges over repeats, the ratios rnnbook/Keras for forward+backward, and the size of rnnbook's
forward cache (what BPTT stores) for the largest shape.

Usage: .venv/bin/python scripts/bench_cells.py [--quick] [--repeats N]
"""
import argparse
import os
import platform
import time

import rnnbook  # first: single-threaded OpenBLAS, quiet TensorFlow
import numpy as np
import tensorflow as tf

from rnnbook import gru, lstm, rnn
from rnnbook.interop.keras import keras_forward_backward, to_keras

DTYPE = np.float32
SHAPES = [(32, 50, 2, 16), (32, 50, 1, 20), (128, 100, 8, 64)]  # (batch, T, n_inputs, n_units)
CELLS = [("SimpleRNN", rnn, {}), ("LSTM", lstm, {}),
         ("GRU before", gru, {"reset_after": False}), ("GRU after", gru, {"reset_after": True})]


def make_case(module, kwargs, shape, rng):
    """Params with random non-zero biases, X, state0 (non-zero) and dY, all float32."""
    batch, T, m, n = shape
    params = module.init_params(m, n, rng=rng, dtype=DTYPE, **kwargs)
    for name in ("b", "b_h"):
        if getattr(params, name, None) is not None:
            setattr(params, name, rng.normal(0, 0.5, getattr(params, name).shape).astype(DTYPE))
    X = rng.normal(size=(batch, T, m)).astype(DTYPE)
    h0 = lambda: rng.normal(0, 0.5, (batch, n)).astype(DTYPE)  # noqa: E731
    state0 = (h0(), h0()) if module is lstm else h0()
    return params, X, state0, rng.normal(size=(batch, T, n)).astype(DTYPE)


def flat(Y, grads, dX, dstate0):
    """[Y, dkernel, drecurrent_kernel, dbias (Keras layout), dX, *dstates] as arrays."""
    W_h = grads.W_y if hasattr(grads, "W_y") else grads.W_h
    b = grads.b if getattr(grads, "b_h", None) is None else np.stack([grads.b, grads.b_h])
    states = dstate0 if isinstance(dstate0, tuple) else (dstate0,)
    return [np.asarray(a) for a in (Y, grads.W_x, W_h, b, dX, *states)]


def make_step(layer):
    """Keras forward+backward of L = Σ Y ⊗ dY, returning tensors in the order of ``flat``."""
    def step(X, states, dY):
        with tf.GradientTape() as tape:
            tape.watch([X, *states])
            Y = layer(X, initial_state=states)
            loss = tf.reduce_sum(Y * dY)
        cell = layer.cell
        return [Y, *tape.gradient(loss, [cell.kernel, cell.recurrent_kernel, cell.bias, X,
                                         *states])]
    return step


def assert_agree(label, ours, theirs, rtol=1e-4):
    """Float32 agreement: max |a − b| ≤ rtol · max(1, max |b|) for each array; returns the
    largest of those relative differences."""
    names = ["Y", "dW_x", "dW_h", "db", "dX"] + [f"dstate0[{i}]" for i in range(len(ours) - 5)]
    worst = 0.0
    for name, a, b in zip(names, ours, theirs, strict=True):
        err, scale = np.max(np.abs(a - np.asarray(b))), max(np.max(np.abs(b)), 1.0)
        assert err <= rtol * scale, f"{label}: {name} differs by {err:.2e} (scale {scale:.2e})"
        worst = max(worst, err / scale)
    return worst


def timed(fn, repeats, warmup=2):
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    q1, med, q3 = np.percentile(np.array(times) * 1e3, [25, 50, 75])
    return med, q3 - q1  # milliseconds


def cache_bytes(cache):
    """Bytes of the distinct buffers the cache holds (views of one buffer count once)."""
    bases = {}
    for value in cache.values():
        if isinstance(value, np.ndarray):
            while isinstance(value.base, np.ndarray):
                value = value.base
            bases[id(value)] = value.nbytes
    return sum(bases.values())


def line(fields, widths=(11, 17, 15, 15, 15, 15, 15, 7, 7)):
    """One table row: the first two fields left-aligned, the others right-aligned."""
    return "".join(f"{f:<{w}}" if i < 2 else f"{f:>{w}}"
                   for i, (f, w) in enumerate(zip(fields, widths, strict=True)))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="5 repeats instead of 15")
    parser.add_argument("--repeats", type=int, help="override the number of repeats")
    args = parser.parse_args()
    repeats = args.repeats or (5 if args.quick else 15)
    print(f"numpy {np.__version__}, tensorflow {tf.__version__}, python "
          f"{platform.python_version()}, {os.cpu_count()} CPUs; OPENBLAS_NUM_THREADS="
          f"{os.environ.get('OPENBLAS_NUM_THREADS')}, TF intra/inter-op threads "
          f"{tf.config.threading.get_intra_op_parallelism_threads()}/"
          f"{tf.config.threading.get_inter_op_parallelism_threads()} (0 = TF default)")
    print(f"float32 everywhere; {repeats} timed repeats after warm-up; times in ms as "
          "median [IQR]; ratio = rnnbook f+b / Keras f+b (< 1: rnnbook faster)\n")
    print(line(["cell", "(B, T, m, n)", "rnnbook fwd", "rnnbook f+b", "Keras fwd", "Keras f+b",
                "Keras f+b", "ratio", "ratio"]))
    print(line(["", "", "", "", "eager", "eager", "tf.function", "eager", "tf.fn"]))
    rng = np.random.default_rng(0)
    memory, worst = [], 0.0
    for shape in SHAPES:
        for name, module, kwargs in CELLS:
            params, X, state0, dY = make_case(module, kwargs, shape, rng)
            layer = to_keras(params)
            Xt, dYt = tf.constant(X), tf.constant(dY)
            states = [tf.constant(s) for s in (state0 if isinstance(state0, tuple) else [state0])]
            step = make_step(layer)
            compiled = tf.function(step)

            def ours_fb():
                Y, cache = module.forward(params, X, state0)
                return Y, cache, module.backward(params, cache, dY)

            Y, cache, (grads, dX, dstate0) = ours_fb()
            ours = flat(Y, grads, dX, dstate0)
            label = f"{name} {shape}"
            worst = max(worst,
                        assert_agree(label + " eager", ours,
                                     flat(*keras_forward_backward(layer, X, state0, dY))),
                        assert_agree(label + " eager step", ours, step(Xt, states, dYt)),
                        assert_agree(label + " tf.function", ours, compiled(Xt, states, dYt)))
            row = [timed(lambda: module.forward(params, X, state0), repeats),
                   timed(ours_fb, repeats),
                   timed(lambda: layer(Xt, initial_state=states), repeats),
                   timed(lambda: step(Xt, states, dYt), repeats),
                   timed(lambda: compiled(Xt, states, dYt), repeats)]
            ratios = [row[1][0] / row[3][0], row[1][0] / row[4][0]]
            print(line([name, str(shape), *(f"{m:.2f} [{iqr:.2f}]" for m, iqr in row),
                        *(f"{r:.2f}" for r in ratios)]), flush=True)
            if shape == SHAPES[-1]:
                memory.append((name, cache_bytes(cache), Y.nbytes))
    print(f"\nrnnbook vs Keras (eager and tf.function), Y and every gradient: largest "
          f"max|diff| / max(1, max|Keras|) = {worst:.1e} (asserted <= 1e-4)")
    print(f"\nrnnbook forward cache for {SHAPES[-1]} (distinct buffers, X included):")
    for name, nbytes, y_bytes in memory:
        print(f"  {name:<11}{nbytes / 2**20:7.2f} MiB = {nbytes / y_bytes:4.1f} x size of Y")


if __name__ == "__main__":
    main()
