"""Deep recurrent models: cells stacked in layers, with an optional dense read-out.

Layer k's output sequence Y is layer k+1's input X (Géron's "deep RNN"). The read-out sees the
last step (``return_sequences=False``, sequence-to-vector) or every step (sequence-to-sequence).
Any module of the rnnbook contract can be a layer, so one code path trains every chapter's cell.
"""
from dataclasses import dataclass

import numpy as np

from . import dense
from .validation import as_float_array, check_positive_int, check_rng

__all__ = ["Model", "init_model", "forward", "backward", "parameters", "predict"]


@dataclass
class Model:
    """``cells[k]`` is the module of layer k, ``params[k]`` its parameters; ``head`` is the
    dense read-out's ``DenseParams`` (or ``None``: the last layer's output is the prediction)."""
    cells: list
    params: list
    n_inputs: int
    head: dense.DenseParams | None = None
    return_sequences: bool = False


def init_model(cells, n_inputs, units, n_outputs=None, *, rng=None, return_sequences=False,
               dtype=np.float64, **cell_kwargs):
    """Build a stack of recurrent layers with ``units[k]`` units each and a dense head.

    Parameters
    ----------
    cells : module or list of modules
        One cell module for every layer (e.g. ``rnnbook.lstm``), or a list, one per layer.
    n_inputs : int
    units : sequence of int
        Units per recurrent layer, e.g. ``[20, 20]``.
    n_outputs : int or None
        Size of the dense read-out; ``None`` means no read-out.
    rng : numpy.random.Generator
    cell_kwargs
        Passed to every layer's ``init_params`` (e.g. ``reset_after=True``).
    """
    rng = check_rng("rng", rng)
    n_inputs = check_positive_int("n_inputs", n_inputs)
    if not isinstance(units, (list, tuple)):
        raise TypeError(f"units must be a list of layer sizes, e.g. [20, 20], got {units!r}")
    units = [check_positive_int(f"units[{k}]", u) for k, u in enumerate(units)]
    if not units:
        raise ValueError("units must name at least one layer")
    cells = list(cells) if isinstance(cells, (list, tuple)) else [cells] * len(units)
    if len(cells) != len(units):
        raise ValueError(f"cells must have one module per layer ({len(units)}), got {len(cells)}")
    for k, cell in enumerate(cells):
        contract = ("init_params", "forward", "backward")
        if not all(callable(getattr(cell, f, None)) for f in contract):
            raise TypeError(f"cells[{k}] must be a cell module such as rnnbook.lstm, got {cell!r}")
    params, n_in = [], n_inputs
    for cell, n in zip(cells, units):
        params.append(cell.init_params(n_in, n, rng=rng, dtype=dtype, **cell_kwargs))
        n_in = n
    head = None
    if n_outputs is not None:
        head = dense.init_params(n_in, check_positive_int("n_outputs", n_outputs), rng=rng,
                                 dtype=dtype)
    return Model(cells, params, n_inputs, head, bool(return_sequences))


def parameters(model):
    """The parameter objects, in the order of ``backward``'s gradients."""
    return list(model.params) + ([model.head] if model.head is not None else [])


def forward(model, X, states0=None):
    """Run every layer; returns ``(out, cache)``.

    ``out`` is (batch, n_outputs), or (batch, T, n_outputs) with ``return_sequences``;
    ``cache["Y"][k]`` is layer k's output sequence (batch, T, units[k]).
    """
    X = as_float_array("X", X, ("batch", "T", model.n_inputs))
    states0 = [None] * len(model.cells) if states0 is None else list(states0)
    if len(states0) != len(model.cells):
        raise ValueError(f"states0 must have one state per layer ({len(model.cells)})")
    caches, Ys, H = [], [], X
    for cell, p, s0 in zip(model.cells, model.params, states0):
        H, c = cell.forward(p, H, s0)  # (batch, T, units[k])
        caches.append(c)
        Ys.append(H)
    top = H if model.return_sequences else H[:, -1]  # (batch, [T,] units[-1])
    head_cache = None
    out = top
    if model.head is not None:
        out, head_cache = dense.forward(model.head, top)
    return out, {"layers": caches, "Y": Ys, "head": head_cache, "T": X.shape[1]}


def backward(model, cache, dout):
    """Gradients of a scalar loss given dL/dout: ``(grads, dX)``, grads aligned with
    :func:`parameters`."""
    if (not isinstance(cache, dict) or not {"layers", "Y", "head"} <= set(cache)
            or len(cache["layers"]) != len(model.cells)):
        raise TypeError("cache must be the dict returned by rnnbook.models.forward for this model")
    Y_top = cache["Y"][-1]
    expected = Y_top.shape if model.return_sequences else (Y_top.shape[0], Y_top.shape[2])
    if model.head is not None:
        expected = expected[:-1] + (model.head.W.shape[1],)
    dout = as_float_array("dout", dout, expected, dtype=Y_top.dtype)
    head_grads = []
    if model.head is not None:
        g, dout = dense.backward(model.head, cache["head"], dout)
        head_grads = [g]
    if model.return_sequences:
        dY = dout
    else:
        dY = np.zeros_like(Y_top)
        dY[:, -1] = dout
    grads = []
    for cell, p, c in zip(reversed(model.cells), reversed(model.params),
                          reversed(cache["layers"])):
        g, dY, _ = cell.backward(p, c, dY)
        grads.append(g)
    return grads[::-1] + head_grads, dY


def predict(model, X, batch_size=1024):
    """Forward in batches, returning only the output."""
    X = as_float_array("X", X, ("batch", "T", model.n_inputs))
    batch_size = check_positive_int("batch_size", batch_size)
    if len(X) == 0:
        raise ValueError(f"X must hold at least one sequence, got shape {X.shape}")
    return np.concatenate([forward(model, X[k:k + batch_size])[0]
                           for k in range(0, len(X), batch_size)])
