"""The book's four recurrent cells, one module each, and the registry that names them.

Every cell module — :mod:`~rnnbook.cells.rnn`, :mod:`~rnnbook.cells.lstm`,
:mod:`~rnnbook.cells.peephole`, :mod:`~rnnbook.cells.gru` — has the same pure contract::

    params = init_params(n_inputs, n_units, *, rng=None, dtype=np.float64, **kwargs)
    Y, cache = forward(params, X, state0=None)
    grads, dX, dstate0 = backward(params, cache, dY)

``forward`` and ``backward`` validate their arguments and then call the cell's maths-only
functions (``rnn_forward``/``rnn_bptt`` …), which the chapters show. :data:`REGISTRY` names every
cell the book compares; a new cell is one module plus one entry, and the contract tests
(``tests/test_cell_contract.py``) then cover it.
"""
import dataclasses
from typing import NamedTuple

import numpy as np

from ..params import count
from . import bidirectional, gru, lstm, peephole, rnn

__all__ = ["Cell", "REGISTRY", "module_of", "param_arrays", "count_params", "bidirectional",
           "gru", "lstm", "peephole", "rnn"]


class Cell(NamedTuple):
    """A registered cell: its module, the keyword arguments of its ``init_params``, and the
    Keras layer class that computes the same function (``None`` where Keras 3 has none)."""
    module: object
    kwargs: dict
    keras: str | None


#: dict: name -> :class:`Cell`, in the book's order. The names are the ones the chapters print.
REGISTRY = {
    "simple RNN": Cell(rnn, {}, "SimpleRNN"),
    "LSTM": Cell(lstm, {}, "LSTM"),
    "peephole LSTM": Cell(peephole, {}, None),
    "GRU": Cell(gru, {"reset_after": False}, "GRU"),
    "GRU, reset_after": Cell(gru, {"reset_after": True}, "GRU"),
}


def param_arrays(params):
    """The array fields of a parameter dataclass, as ``{name: array}`` (``None`` fields skipped)."""
    if not dataclasses.is_dataclass(params) or isinstance(params, type):
        raise TypeError(f"params must be a parameter dataclass, got {type(params).__name__}")
    return {f.name: getattr(params, f.name) for f in dataclasses.fields(params)
            if isinstance(getattr(params, f.name), np.ndarray)}


def count_params(params):
    """Number of trainable numbers in ``params``: any parameter tree (:mod:`rnnbook.params`) —
    a cell's dataclass, a list of them, a bidirectional layer (both directions), a model."""
    return count(params)


def module_of(params):
    """The cell module whose parameter dataclass ``params`` is (e.g. ``lstm`` for LSTMParams)."""
    modules = {rnn.RNNParams: rnn, lstm.LSTMParams: lstm, peephole.PeepholeParams: peephole,
               gru.GRUParams: gru}
    if type(params) not in modules:
        raise TypeError(f"params must be the parameters of a registered cell, "
                        f"got {type(params).__name__}")
    return modules[type(params)]
