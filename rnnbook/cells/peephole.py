"""The peephole LSTM cell (chapter 3): an LSTM whose gates also look at the cell state.

Gers & Schmidhuber (2000), Gers, Schraudolph & Schmidhuber (2002): the input and forget gates
see c_{t-1}, the output gate sees the new c_t, through diagonal (per-unit) weights::

    i_t = σ(x_t W_xi + h_{t-1} W_hi + p_i ⊗ c_{t-1} + b_i)
    f_t = σ(x_t W_xf + h_{t-1} W_hf + p_f ⊗ c_{t-1} + b_f)
    o_t = σ(x_t W_xo + h_{t-1} W_ho + p_o ⊗ c_t     + b_o)

g_t, c_t and h_t are the LSTM's (chapter 2). This module is thin on purpose: the forward pass
and BPTT are :mod:`rnnbook.cells.lstm`'s shared core with the peepholes switched on, so with
p_i = p_f = p_o = 0 it computes exactly what ``rnnbook.lstm`` computes.

Example
-------
>>> import numpy as np
>>> from rnnbook import lstm, peephole
>>> params = peephole.init_params(n_inputs=3, n_units=4, rng=0)   # peepholes start at 0
>>> X = np.random.default_rng(1).standard_normal((2, 5, 3))
>>> Y, cache = peephole.forward(params, X)
>>> bool(np.all(Y == lstm.forward(lstm.init_params(3, 4, rng=0), X)[0]))
True
>>> grads, dX, (dh0, dc0) = peephole.backward(params, cache, np.ones_like(Y))
>>> grads.p_o.shape, bool(np.any(grads.p_o != 0))
((4,), True)
"""
from dataclasses import dataclass

import numpy as np

from ..validation import check_real, check_rng
from . import lstm

__all__ = ["STATES", "PeepholeParams", "init_params", "forward", "backward", "final_state",
           "check_params"]

final_state = lstm.final_state  # the same cache keys as the LSTM's
STATES = lstm.STATES  # (h, c), as the LSTM


@dataclass
class PeepholeParams:
    """Peephole-LSTM weights: the LSTM's, gates stacked [i, f, g, o], and 3 peepholes.

    Attributes
    ----------
    W_x : ndarray, (n_inputs, 4*n_units)
    W_h : ndarray, (n_units, 4*n_units)
    b : ndarray, (4*n_units,)
        As :class:`rnnbook.cells.lstm.LSTMParams`.
    p_i, p_f : ndarray, (n_units,)
        Peepholes from c_{t-1} into the input and forget gates.
    p_o : ndarray, (n_units,)
        Peephole from the new c_t into the output gate.
    """
    W_x: np.ndarray
    W_h: np.ndarray
    b: np.ndarray
    p_i: np.ndarray
    p_f: np.ndarray
    p_o: np.ndarray


_PEEPS = ("p_i", "p_f", "p_o")


def check_params(params):
    """Validate ``params``; return ``(n_inputs, n_units, dtype)``."""
    return lstm.check_params(params, PeepholeParams, _PEEPS)


def init_params(n_inputs, n_units, *, rng=None, dtype=np.float64, unit_forget_bias=True,
                peephole_scale=0.0):
    """Initial peephole-LSTM weights.

    W_x, W_h and b are drawn exactly as :func:`rnnbook.cells.lstm.init_params` draws them from the
    same ``rng``. The peepholes start at zero by default (``peephole_scale=0``), so that a
    freshly initialised peephole LSTM *is* the LSTM with the same seed, and any difference after
    training comes from what the peepholes learned (their gradients are non-zero at zero).
    With ``peephole_scale > 0`` they are drawn afterwards from U(−scale, scale).

    Returns
    -------
    PeepholeParams
    """
    rng = check_rng("rng", rng)
    base = lstm.init_params(n_inputs, n_units, rng=rng, dtype=dtype,
                            unit_forget_bias=unit_forget_bias)
    check_real("peephole_scale", peephole_scale, low=0)
    n = base.W_h.shape[0]
    if peephole_scale > 0:
        peeps = [rng.uniform(-peephole_scale, peephole_scale, n) for _ in _PEEPS]
    else:
        peeps = [np.zeros(n) for _ in _PEEPS]
    return PeepholeParams(base.W_x, base.W_h, base.b, *(p.astype(base.b.dtype) for p in peeps))


def forward(params, X, state0=None):
    """Run the peephole LSTM over a batch of sequences (chapter 3's equations).

    Parameters
    ----------
    params : PeepholeParams
    X : array_like, (batch, T, n_inputs)
    state0 : pair (h0, c0), each (batch, n_units), or None for zeros

    Returns
    -------
    Y : ndarray, (batch, T, n_units)
    cache : dict
        As :func:`rnnbook.cells.lstm.forward` (keys ``rnnbook.lstm.CACHE_KEYS``), with
        ``cache["peep"] = (p_i, p_f, p_o)``.
    """
    n_inputs, n, dtype = check_params(params)
    X, h0, c0 = lstm.check_inputs(X, state0, n_inputs, n, dtype)
    Y, cache = lstm.lstm_forward(params, X, (h0, c0))  # the LSTM's, with the peepholes
    return Y, {**cache, **lstm.gate_views(cache)}


def backward(params, cache, dY):
    """Backpropagation through time for :func:`forward`.

    Returns
    -------
    grads : PeepholeParams
        Gradients of every weight, including dp_i, dp_f, dp_o (each (n_units,)).
    dX : ndarray, (batch, T, n_inputs)
    dstate0 : tuple (dh0, dc0), each (batch, n_units)
    """
    n_inputs, n, dtype = check_params(params)
    dY = lstm.check_cache(cache, "peephole", n_inputs, n, dtype, dY)
    return lstm.lstm_bptt(params, cache, dY)
