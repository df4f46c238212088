"""A bidirectional recurrent layer (chapter 6): any cell run forwards and backwards, merged.

Chapter 6 (``chapters/06_sequences.ipynb``) derives it. A forward layer reads x_0 … x_{T−1}; a
second layer of the same cell, with its own weights, reads the reversed sequence
x_{T−1} … x_0, and its outputs are reversed back, so that at every step t both are aligned::

    y→_t = forward cell's output after x_0 … x_t                       (6.3)
    y←_t = backward cell's output after x_{T−1} … x_t                  (6.4)
    y_t  = merge(y→_t, y←_t)                                            (6.5)

with merge one of Keras's ``merge_mode`` names: ``"concat"`` [y→ | y←] (2·n_units wide),
``"sum"`` y→ + y←, ``"mul"`` y→ ⊗ y←, ``"ave"`` (y→ + y←)/2. This is
``keras.layers.Bidirectional(layer(..., return_sequences=True))``: its backward layer has
``go_backwards=True`` and Bidirectional flips its outputs back before merging.

BPTT through it splits ∂L/∂Y by the merge, runs each cell's own BPTT (the backward cell's on
the reversed gradient) and adds the two ∂L/∂X, the second reversed back (6.6).

References: Schuster & Paliwal (1997), *Bidirectional recurrent neural networks*; Graves &
Schmidhuber (2005); Géron (2019), *Hands-On Machine Learning*, 2nd ed., chapter 16.
"""
import dataclasses
from dataclasses import dataclass

import numpy as np

from ..validation import as_float_array, check_choice, check_dtype, check_rng

__all__ = ["BidirectionalParams", "Bidirectional", "MERGE_MODES", "init_params", "forward",
           "backward", "final_state", "output_units", "check_params"]

#: Keras's ``merge_mode`` names, and how many times n_units each output is wide.
MERGE_MODES = {"concat": 2, "sum": 1, "mul": 1, "ave": 1}
_CELL_FUNCTIONS = ("init_params", "forward", "backward", "final_state")


@dataclass
class BidirectionalParams:
    """Parameters of a bidirectional layer.

    Attributes
    ----------
    cell : module
        The cell module both directions run (``rnnbook.rnn``, ``.lstm``, ``.peephole``, ``.gru``).
    fw, bw : parameter dataclasses of ``cell``
        The forward layer's and the backward layer's own weights (same shapes, same dtype).
    merge : str
        One of :data:`MERGE_MODES`.
    """
    cell: object
    fw: object
    bw: object
    merge: str = "concat"


def _check_cell(name, cell):
    if not all(callable(getattr(cell, f, None)) for f in _CELL_FUNCTIONS):
        raise TypeError(f"{name} must be a cell module such as rnnbook.lstm (with "
                        f"{', '.join(_CELL_FUNCTIONS)}), got {cell!r}")
    return cell


def check_params(params):
    """Validate ``params``; return the forward parameters' arrays (for their shapes)."""
    if not isinstance(params, BidirectionalParams):
        raise TypeError(f"params must be BidirectionalParams, got {type(params).__name__}")
    _check_cell("params.cell", params.cell)
    check_choice("params.merge", params.merge, MERGE_MODES)
    if type(params.fw) is not type(params.bw) or not dataclasses.is_dataclass(params.fw):
        raise TypeError(f"params.fw and params.bw must be parameters of one cell, got "
                        f"{type(params.fw).__name__} and {type(params.bw).__name__}")
    for f in dataclasses.fields(params.fw):
        a, b = getattr(params.fw, f.name), getattr(params.bw, f.name)
        if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
            if not (isinstance(a, np.ndarray) and isinstance(b, np.ndarray)
                    and a.shape == b.shape and a.dtype == b.dtype):
                raise ValueError(f"params.bw.{f.name} must have the shape and dtype of "
                                 f"params.fw.{f.name} ({getattr(a, 'shape', None)}, "
                                 f"{getattr(a, 'dtype', None)}), got {getattr(b, 'shape', None)}, "
                                 f"{getattr(b, 'dtype', None)}")
        elif a != b:
            raise ValueError(f"params.bw.{f.name} must equal params.fw.{f.name} ({a!r}), got {b!r}")


def init_params(cell, n_inputs, n_units, *, rng=None, dtype=np.float64, merge="concat",
                **cell_kwargs):
    """Two independently initialised layers of ``cell``, as Keras's ``Bidirectional`` builds.

    Parameters
    ----------
    cell : module
        A cell module of the rnnbook contract (``rnnbook.rnn``, ``.lstm``, ``.peephole``, ``.gru``).
    n_inputs, n_units : int
        Inputs per step, and units of *each* direction.
    rng : numpy.random.Generator, int or None
        Draws the forward layer's weights, then the backward layer's.
    dtype : float32 or float64
    merge : {"concat", "sum", "mul", "ave"}
        How the two directions' outputs are combined (Keras's ``merge_mode``).
    cell_kwargs
        Passed to ``cell.init_params`` (e.g. ``reset_after=True`` for the GRU).

    Returns
    -------
    BidirectionalParams
    """
    _check_cell("cell", cell)
    check_choice("merge", merge, MERGE_MODES)
    rng, dtype = check_rng("rng", rng), check_dtype("dtype", dtype)
    fw = cell.init_params(n_inputs, n_units, rng=rng, dtype=dtype, **cell_kwargs)
    bw = cell.init_params(n_inputs, n_units, rng=rng, dtype=dtype, **cell_kwargs)
    return BidirectionalParams(cell, fw, bw, merge)


def output_units(n_units, merge="concat"):
    """Width of the merged output for ``n_units`` units per direction (2·n_units for concat)."""
    return MERGE_MODES[check_choice("merge", merge, MERGE_MODES)] * n_units


def _merge(merge, Y_fw, Y_bw):
    """y_t = merge(y→_t, y←_t), eq. (6.5)."""
    if merge == "concat":
        return np.concatenate([Y_fw, Y_bw], axis=-1)          # (batch, T, 2n)
    if merge == "sum":
        return Y_fw + Y_bw                                    # (batch, T, n)
    if merge == "mul":
        return Y_fw * Y_bw                                    # (batch, T, n)
    return (Y_fw + Y_bw) / 2                                  # "ave", (batch, T, n)


def _merge_backward(merge, Y_fw, Y_bw, dY):
    """Split ∂L/∂y_t into ∂L/∂y→_t and ∂L/∂y←_t."""
    n = Y_fw.shape[-1]
    if merge == "concat":
        return dY[..., :n], dY[..., n:]
    if merge == "sum":
        return dY, dY
    if merge == "mul":
        return dY * Y_bw, dY * Y_fw
    return dY / 2, dY / 2                                     # "ave"


def bidirectional_forward(cell, fw, bw, merge, X, state0_fw, state0_bw):
    """Eqs. (6.3)–(6.5), validated inputs; returns ``(Y, cache)``."""
    Y_fw, cache_fw = cell.forward(fw, X, state0_fw)          # (batch, T, n)
    Y_bw_rev, cache_bw = cell.forward(bw, X[:, ::-1], state0_bw)  # x_{T−1} … x_0
    Y_bw = Y_bw_rev[:, ::-1]                                  # aligned: y←_t at t
    Y = _merge(merge, Y_fw, Y_bw)                             # (batch, T, k·n)
    return Y, {"fw": cache_fw, "bw": cache_bw, "Y_fw": Y_fw, "Y_bw": Y_bw}


def bidirectional_backward(cell, fw, bw, merge, cache, dY):
    """BPTT, eq. (6.6): each direction's own BPTT, ∂L/∂X summed.

    Returns ``(grads_fw, grads_bw, dX, dstate0_fw, dstate0_bw)``.
    """
    dY_fw, dY_bw = _merge_backward(merge, cache["Y_fw"], cache["Y_bw"], dY)
    g_fw, dX_fw, ds_fw = cell.backward(fw, cache["fw"], dY_fw)
    g_bw, dX_bw_rev, ds_bw = cell.backward(bw, cache["bw"], dY_bw[:, ::-1])
    dX = dX_fw + dX_bw_rev[:, ::-1]                           # (batch, T, n_inputs)
    return g_fw, g_bw, dX, ds_fw, ds_bw


def _check_state_pair(state0):
    if state0 is None:
        return None, None
    if not isinstance(state0, (tuple, list)) or len(state0) != 2:
        raise TypeError(f"state0 must be None or a pair (state0_fw, state0_bw), one initial "
                        f"state per direction, got {type(state0).__name__}"
                        + (f" of length {len(state0)}" if isinstance(state0, (tuple, list))
                           else ""))
    return state0[0], state0[1]


def _call_cell(name, fn, *args):
    """Call a cell function; an input error is re-raised naming the direction."""
    try:
        return fn(*args)
    except (TypeError, ValueError) as exc:
        raise type(exc)(f"{name}: {exc}") from exc


def forward(params, X, state0=None):
    """Run both directions over a batch of sequences and merge them.

    Parameters
    ----------
    params : BidirectionalParams
    X : array_like, (batch, T, n_inputs)
    state0 : None or pair (state0_fw, state0_bw)
        Initial state of each direction, each in its cell's form (an array (batch, n_units), or
        ``(h0, c0)`` for the LSTMs; ``None`` for zeros). The backward layer's initial state is
        the state *before it reads* x_{T−1}.

    Returns
    -------
    Y : ndarray, (batch, T, 2·n_units) for concat, else (batch, T, n_units)
    cache : dict
        What :func:`backward` needs.
    """
    check_params(params)
    n_inputs, dtype = params.fw.W_x.shape[0], params.fw.W_x.dtype  # every cell has W_x
    X = as_float_array("X", X, ("batch", "T", n_inputs), dtype=dtype)
    s_fw, s_bw = _check_state_pair(state0)
    cell = params.cell
    # Validate each direction on one step (cheap), so that an error names the direction.
    _call_cell("forward layer (state0[0])", cell.forward, params.fw, X[:, :1], s_fw)
    _call_cell("backward layer (state0[1])", cell.forward, params.bw, X[:, :1], s_bw)
    Y, cache = bidirectional_forward(cell, params.fw, params.bw, params.merge, X, s_fw, s_bw)
    cache["merge"], cache["cell"] = params.merge, cell
    return Y, cache


def backward(params, cache, dY):
    """Backpropagation through time for :func:`forward`.

    Parameters
    ----------
    params : BidirectionalParams
    cache : dict
        The second value returned by :func:`forward` with these params.
    dY : array_like, shape of ``forward``'s Y
        ∂L/∂Y.

    Returns
    -------
    grads : BidirectionalParams
        ``grads.fw``, ``grads.bw``: each direction's gradients, as its cell returns them.
    dX : ndarray, (batch, T, n_inputs)
    dstate0 : tuple (dstate0_fw, dstate0_bw)
        Each in its cell's form (a pair for the LSTMs).
    """
    check_params(params)
    if (not isinstance(cache, dict) or not {"fw", "bw", "Y_fw", "Y_bw", "merge"} <= set(cache)
            or cache["merge"] != params.merge):
        raise TypeError("cache must be the dict returned by rnnbook.bidirectional.forward for "
                        "these params")
    Y_fw = cache["Y_fw"]
    shape = Y_fw.shape[:2] + (output_units(Y_fw.shape[2], params.merge),)
    dY = as_float_array("dY", dY, shape, dtype=Y_fw.dtype)
    g_fw, g_bw, dX, ds_fw, ds_bw = bidirectional_backward(params.cell, params.fw, params.bw,
                                                          params.merge, cache, dY)
    return BidirectionalParams(params.cell, g_fw, g_bw, params.merge), dX, (ds_fw, ds_bw)


def final_state(cache):
    """``(final_fw, final_bw)``: the forward layer's state after x_{T−1} and the backward
    layer's after x_0 — what Keras's ``Bidirectional(..., return_state=True)`` returns."""
    if not isinstance(cache, dict) or not {"fw", "bw", "Y_fw"} <= set(cache):
        raise TypeError("cache must be the dict returned by rnnbook.bidirectional.forward")
    cell = cache.get("cell")
    if cell is None:
        raise TypeError("cache must be the dict returned by rnnbook.bidirectional.forward")
    return cell.final_state(cache["fw"]), cell.final_state(cache["bw"])


class Bidirectional:
    """A bidirectional layer type, usable wherever a cell module is (``rnnbook.models``).

    ``Bidirectional(lstm)`` has ``init_params(n_inputs, n_units, *, rng, dtype, **kw)``,
    ``forward``, ``backward``, ``final_state`` like a cell module, and ``output_units(n)``,
    the width of its output (2·n for concat).
    """

    #: Its backward half starts each window at the window's end, so a window's final state
    #: cannot continue the sequence in the next window (the forward half alone could).
    RESUMABLE = False

    def __init__(self, cell, merge="concat"):
        self.cell = _check_cell("cell", cell)
        self.merge = check_choice("merge", merge, MERGE_MODES)

    def __repr__(self):
        return f"Bidirectional({getattr(self.cell, '__name__', self.cell)}, merge={self.merge!r})"

    def init_params(self, n_inputs, n_units, *, rng=None, dtype=np.float64, **cell_kwargs):
        return init_params(self.cell, n_inputs, n_units, rng=rng, dtype=dtype, merge=self.merge,
                           **cell_kwargs)

    def output_units(self, n_units):
        return output_units(n_units, self.merge)

    forward = staticmethod(forward)
    backward = staticmethod(backward)
    final_state = staticmethod(final_state)
