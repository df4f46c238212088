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

__version__ = "0.1.0"
__all__ = ["__version__"]
