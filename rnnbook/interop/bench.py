"""Timing rnnbook's cells side by side with Keras: used by ``scripts/bench_cells.py`` and by the
back-matter page on running costs.

Timings depend on the machine and on its load at the moment: time the contenders interleaved,
repeat by repeat, so that a change of load hits all of them alike, and compare medians.
"""
import time

import numpy as np

__all__ = ["keras_step", "timed_interleaved", "matmul_rate"]


def keras_step(layer):
    """Keras forward + backward of L = Σ Y ⊗ dY for ``layer`` (built, returning sequences):
    a function ``(X, states, dY) -> [Y, dkernel, drecurrent_kernel, dbias, dX, *dstates]`` of
    tensors, to call eagerly or to compile with ``tf.function``."""
    import tensorflow as tf

    def step(X, states, dY):
        with tf.GradientTape() as tape:
            tape.watch([X, *states])
            Y = layer(X, initial_state=states)
            loss = tf.reduce_sum(Y * dY)
        cell = layer.cell
        return [Y, *tape.gradient(loss, [cell.kernel, cell.recurrent_kernel, cell.bias, X,
                                         *states])]
    return step


def timed_interleaved(fns, repeats, warmup=2):
    """Call each of ``fns`` once per repeat, in turn, after ``warmup`` calls of each.

    Returns
    -------
    ndarray, (repeats, len(fns))
        Wall-clock milliseconds of every call.
    """
    if not fns or not all(callable(f) for f in fns):
        raise TypeError("fns must be a non-empty list of callables")
    for fn in fns:
        for _ in range(warmup):
            fn()
    times = np.empty((repeats, len(fns)))
    for r in range(repeats):
        for k, fn in enumerate(fns):
            start = time.perf_counter()
            fn()
            times[r, k] = (time.perf_counter() - start) * 1e3
    return times


def matmul_rate(n=512, dtype=np.float32, repeats=20):
    """This machine's rate for one large matrix product (n × n by n × n), in multiply-adds per
    second: the median over ``repeats``. A recurrent cell cannot do its products faster."""
    rng = np.random.default_rng(0)
    A, B = (rng.standard_normal((n, n)).astype(dtype) for _ in range(2))
    ms = np.median(timed_interleaved([lambda: A @ B], repeats))
    return n ** 3 / (ms * 1e-3)
