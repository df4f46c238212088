"""rnnbook: the tested NumPy package behind the book *Recurrent cells, derived and checked*.

Where things are:

- :mod:`rnnbook.cells`: the four cells (``rnn``, ``lstm``, ``peephole``, ``gru``), their
  registry;
- the machinery around them: ``activations``, ``initializers``, ``validation``, ``gradcheck``,
  ``losses``, ``dense``, ``models`` (stacks of layers), ``optim``, ``train``, ``analysis``;
- :mod:`rnnbook.tasks`: the generated tasks of the experiments;
- :mod:`rnnbook.interop`: TensorFlow/Keras, the only code that imports them;
- :mod:`rnnbook.diagrams` and ``plots``: figures.

``from rnnbook import lstm`` (and ``rnn``, ``peephole``, ``gru``) gives a cell module; each has
the same pure contract::

    params = init_params(n_inputs, n_units, *, rng=None, dtype=np.float64)
    Y, cache = forward(params, X, state0=None)
    grads, dX, dstate0 = backward(params, cache, dY)

Importing rnnbook first also silences TensorFlow's C++ log lines, so that notebook outputs
compared by nbval hold only what the book prints.
"""
import os

# Must be set before TensorFlow is imported anywhere in the process.
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
# The cells' per-step products are small; OpenBLAS threads only add overhead to them, and on a
# loaded 2-core machine (CI, Binder) they made some products 30x slower. Takes effect only if
# NumPy is not imported yet, which is why the chapters import rnnbook first.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from importlib.metadata import PackageNotFoundError, version  # noqa: E402

from .cells import REGISTRY, bidirectional, gru, lstm, peephole, rnn  # noqa: E402

try:
    __version__ = version("rnnbook")  # the one place is pyproject.toml
except PackageNotFoundError:  # imported from a source tree that was never installed
    __version__ = "unknown"
__all__ = ["__version__", "REGISTRY", "bidirectional", "gru", "lstm", "peephole", "rnn"]
