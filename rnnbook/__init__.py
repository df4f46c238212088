"""rnnbook: the tested NumPy package behind the book *Recurrent cells, derived and checked*.

One module per cell (``rnn``, ``lstm``, ``peephole``, ``gru``), each with the same pure
contract::

    params = init_params(n_inputs, n_units, *, rng=None, dtype=np.float64)
    Y, cache = forward(params, X, state0=None)
    grads, dX, dstate0 = backward(params, cache, dY)

Importing rnnbook first also silences TensorFlow's C++ log lines, so that notebook outputs
compared by nbval hold only what the book prints.
"""
import os

# Must be set before TensorFlow is imported anywhere in the process (design §5).
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
# The cells' per-step products are small; OpenBLAS threads only add overhead to them, and on a
# loaded 2-core machine (CI, Binder) they made some products 30x slower. Takes effect only if
# NumPy is not imported yet, which is why the chapters import rnnbook first.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

__version__ = "0.1.0"
__all__ = ["__version__"]
