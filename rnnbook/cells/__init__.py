"""The book's recurrent cells, one module each, and the registry that names them.

Every cell module — :mod:`~rnnbook.cells.rnn`, :mod:`~rnnbook.cells.lstm`,
:mod:`~rnnbook.cells.peephole`, :mod:`~rnnbook.cells.gru`, and each module registered in
:data:`REGISTRY` — has the same pure contract::

    params = init_params(n_inputs, n_units, *, rng=None, dtype=np.float64, **kwargs)
    Y, cache = forward(params, X, state0=None)
    grads, dX, dstate0 = backward(params, cache, dY)

``forward`` and ``backward`` validate their arguments and then call the cell's maths-only
functions (``rnn_forward``/``rnn_bptt`` …), which the chapters show. :data:`REGISTRY` names every
cell the book compares; a new cell is one module plus one entry, and everything derived per
cell (parameter counts, costs, plot styles, the Keras twin, the contract tests) then covers it.
"""
import dataclasses
from collections.abc import Mapping
from types import MappingProxyType
from typing import NamedTuple

import numpy as np

from ..params import count
from . import bidirectional, cifg, gru, lstm, peephole, rnn

__all__ = ["Cell", "REGISTRY", "module_of", "param_arrays", "count_params", "bidirectional",
           "gru", "lstm", "peephole", "rnn"]


class Cell(NamedTuple):
    """A registered cell: its module and the keyword arguments of its ``init_params``.

    Everything else the book needs per cell comes from the module: ``STATES``, and ``KERAS``,
    the name of the Keras layer that computes the same function (absent where Keras 3 has
    none). ``REGISTRY[name] = Cell(module)`` registers a cell with one line."""
    module: object
    kwargs: Mapping = MappingProxyType({})

    @property
    def keras(self):
        """The Keras twin's layer name (``"LSTM"`` …), or ``None``."""
        return getattr(self.module, "KERAS", None)

    @property
    def states(self):
        """The names of the state arrays the cell carries (its module's ``STATES``)."""
        return self.module.STATES


#: dict: name -> :class:`Cell`, in the book's order. The names are the ones the chapters print.
REGISTRY = {
    "simple RNN": Cell(rnn),
    "LSTM": Cell(lstm),
    "peephole LSTM": Cell(peephole),
    "GRU": Cell(gru, {"reset_after": False}),
    "GRU, reset_after": Cell(gru, {"reset_after": True}),
    "CIFG LSTM": Cell(cifg),
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
    """The registered cell module whose parameters ``params`` are (e.g. ``lstm`` for
    LSTMParams), found by asking each registered module what ``init_params`` makes."""
    for cell in REGISTRY.values():
        if type(params) is type(cell.module.init_params(1, 1, **cell.kwargs)):
            return cell.module
    raise TypeError(f"params must be the parameters of a registered cell, "
                    f"got {type(params).__name__}")
