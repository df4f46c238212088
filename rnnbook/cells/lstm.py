"""The LSTM cell (chapter 2): forward pass and backpropagation through time, in NumPy.

Long Short-Term Memory (Hochreiter & Schmidhuber 1997) with a forget gate (Gers et al. 2000), in
the form of Géron 2nd ed. Eq. 15-3 and of Keras's ``LSTM`` layer (chapter 2, eqs. ``eq-lstm-i``
to ``eq-lstm-h``; stacked: ``eq-lstm-stacked``)::

    i_t = σ(x_t W_xi + h_{t-1} W_hi + b_i)        f_t = σ(x_t W_xf + h_{t-1} W_hf + b_f)
    g_t = tanh(x_t W_xg + h_{t-1} W_hg + b_g)     o_t = σ(x_t W_xo + h_{t-1} W_ho + b_o)
    c_t = f_t ⊗ c_{t-1} + i_t ⊗ g_t               y_t = h_t = o_t ⊗ tanh(c_t)

The four fully connected layers are stacked in the Keras order ``[i, f, g, o]`` (Keras calls g
"c"), so that one matrix product per step computes all of them and converting Keras weights is a
copy. The core ``_forward``/``_backward`` also takes optional diagonal peephole weights
(``p_i``, ``p_f`` on c_{t-1}, ``p_o`` on the new c_t; Gers & Schmidhuber 2000), which
:mod:`rnnbook.cells.peephole` (chapter 3) uses, so both cells share one tested implementation.
"""
import dataclasses
from dataclasses import dataclass

import numpy as np

from ..activations import sigmoid, tanh
from ..initializers import glorot_uniform, orthogonal
from ..validation import as_float_array, check_init_args, check_param_arrays, check_shape

__all__ = ["LSTMParams", "init_params", "forward", "backward", "final_state", "CACHE_KEYS"]

#: Keys of the cache returned by :func:`forward`; the gate arrays are (batch, T, n_units).
CACHE_KEYS = ("X", "h0", "c0", "i", "f", "g", "o", "c", "tanh_c", "h", "peep")


@dataclass
class LSTMParams:
    """LSTM weights, gates stacked in the Keras order [i, f, g, o].

    Attributes
    ----------
    W_x : ndarray, (n_inputs, 4*n_units)
        Input kernel; columns [0:n] i, [n:2n] f, [2n:3n] g, [3n:4n] o (Keras ``kernel``).
    W_h : ndarray, (n_units, 4*n_units)
        Recurrent kernel, same column blocks (Keras ``recurrent_kernel``).
    b : ndarray, (4*n_units,)
        Bias, same blocks (Keras ``bias``).
    """
    W_x: np.ndarray
    W_h: np.ndarray
    b: np.ndarray


def init_params(n_inputs, n_units, *, rng=None, dtype=np.float64, unit_forget_bias=True):
    """Keras-style initial LSTM weights.

    W_x is Glorot-uniform, W_h orthogonal (orthonormal rows), b zero except the forget block,
    which is 1 when ``unit_forget_bias`` (Keras's default; Jozefowicz et al. 2015): a forget
    gate that starts near σ(1) ≈ 0.73 keeps the cell state, and its gradient, alive early in
    training.

    Parameters
    ----------
    n_inputs, n_units : int
    rng : numpy.random.Generator, int or None
    dtype : float32 or float64
    unit_forget_bias : bool

    Returns
    -------
    LSTMParams
    """
    n_inputs, n, rng, dtype = check_init_args(n_inputs, n_units, rng, dtype)
    if not isinstance(unit_forget_bias, (bool, np.bool_)):
        raise TypeError(f"unit_forget_bias must be a bool, got {type(unit_forget_bias).__name__}")
    W_x = glorot_uniform(rng, (n_inputs, 4 * n))  # (n_inputs, 4n)
    W_h = orthogonal(rng, (n, 4 * n))  # (n, 4n)
    b = np.zeros(4 * n)  # (4n,)
    if unit_forget_bias:
        b[n:2 * n] = 1.0
    return LSTMParams(W_x.astype(dtype), W_h.astype(dtype), b.astype(dtype))


def _check_params(params, cls, extra=()):
    """Validate a parameter dataclass; return (n_inputs, n_units, dtype)."""
    if not isinstance(params, cls):
        raise TypeError(f"params must be {cls.__name__}, got {type(params).__name__}")
    dtype = check_param_arrays({f"params.{f.name}": getattr(params, f.name)
                                for f in dataclasses.fields(params)})
    W_x = check_shape("params.W_x", params.W_x, ("n_inputs", "4*n_units"))
    n = W_x.shape[1] // 4
    if W_x.shape[1] % 4 or n == 0 or W_x.shape[0] == 0:
        raise ValueError(f"params.W_x must have shape (n_inputs, 4*n_units) with n_inputs, "
                         f"n_units > 0, got {W_x.shape}")
    check_shape("params.W_h", params.W_h, (n, 4 * n))
    check_shape("params.b", params.b, (4 * n,))
    for name in extra:
        check_shape(f"params.{name}", getattr(params, name), (n,))
    return W_x.shape[0], n, dtype


def _check_inputs(X, state0, n_inputs, n, dtype):
    """Validate X and state0 = (h0, c0); return them as arrays of ``dtype``."""
    X = as_float_array("X", X, ("batch", "T", n_inputs), dtype=dtype)
    if X.shape[0] == 0 or X.shape[1] == 0:
        raise ValueError(f"X must have batch > 0 and T > 0, got shape {X.shape}")
    batch = X.shape[0]
    if state0 is None:
        return X, np.zeros((batch, n), dtype), np.zeros((batch, n), dtype)
    if not isinstance(state0, (tuple, list)) or len(state0) != 2:
        raise TypeError(f"state0 must be None or a pair (h0, c0) of arrays ({batch}, {n}), "
                        f"got {type(state0).__name__}")
    h0 = as_float_array("state0[0] (h0)", state0[0], (batch, n), dtype=dtype)
    c0 = as_float_array("state0[1] (c0)", state0[1], (batch, n), dtype=dtype)
    return X, h0, c0


def _forward(W_x, W_h, b, X, h0, c0, peep=None):
    """Shared LSTM / peephole-LSTM forward pass over all T steps (validated inputs).

    ``peep`` is None (plain LSTM) or ``(p_i, p_f, p_o)``, each (n_units,).
    """
    batch, T, m = X.shape
    n = W_h.shape[0]
    XW = (X.reshape(batch * T, m) @ W_x).reshape(batch, T, 4 * n) + b  # (batch, T, 4n): all steps
    acts = np.empty((7, T, batch, n), X.dtype)  # time-major, so that step t is contiguous
    h, c = h0, c0
    for t in range(T):
        z = XW[:, t] + h @ W_h  # (batch, 4n): the four layers in one product
        if peep is not None:
            z[:, :n] += peep[0] * c  # p_i ⊗ c_{t-1}
            z[:, n:2 * n] += peep[1] * c  # p_f ⊗ c_{t-1}
        i_f = sigmoid(z[:, :2 * n])  # (batch, 2n): input and forget gates
        i, f = i_f[:, :n], i_f[:, n:]
        g = tanh(z[:, 2 * n:3 * n])  # (batch, n)
        c = f * c + i * g  # (batch, n): eq-lstm-c
        z_o = z[:, 3 * n:] if peep is None else z[:, 3 * n:] + peep[2] * c  # (batch, n)
        o = sigmoid(z_o)  # (batch, n)
        tanh_c = tanh(c)  # (batch, n)
        h = o * tanh_c  # (batch, n): eq-lstm-h
        acts[0, t], acts[1, t], acts[2, t], acts[3, t] = i, f, g, o
        acts[4, t], acts[5, t], acts[6, t] = c, tanh_c, h
    names = ("i", "f", "g", "o", "c", "tanh_c", "h")
    cache = {"X": X, "h0": h0, "c0": c0, "peep": peep,
             **{k: a.transpose(1, 0, 2) for k, a in zip(names, acts)}}  # (batch, T, n) views
    return np.ascontiguousarray(cache["h"]), cache


def _backward(W_x, W_h, cache, dY, peep=None):
    """Shared BPTT through ``_forward``; returns (dW_x, dW_h, db, dpeep, dX, dh0, dc0).

    ``peep`` as in ``_forward``; ``dpeep`` is None for the plain LSTM, else
    ``(dp_i, dp_f, dp_o)``.
    """
    X = cache["X"]
    i, f, g, o, c, tanh_c = (cache[k] for k in ("i", "f", "g", "o", "c", "tanh_c"))
    batch, T, n = i.shape
    c_prev_all = np.concatenate([cache["c0"][:, None], c[:, :-1]], axis=1)  # (batch, T, n)
    h_prev_all = np.concatenate([cache["h0"][:, None], cache["h"][:, :-1]], axis=1)  # (batch,T,n)
    dZ = np.empty((batch, T, 4 * n), X.dtype)  # dL/d(pre-activations), all steps
    dpeep = None if peep is None else [np.zeros(n, X.dtype) for _ in range(3)]
    dW_x, dW_h = np.zeros_like(W_x), np.zeros_like(W_h)
    dh_next = np.zeros((batch, n), X.dtype)
    dc_next = np.zeros((batch, n), X.dtype)
    for t in reversed(range(T)):
        dh = dY[:, t] + dh_next  # (batch, n): from the output and from step t+1
        dz_o = dh * tanh_c[:, t] * o[:, t] * (1 - o[:, t])  # (batch, n)
        dc = dc_next + dh * o[:, t] * (1 - tanh_c[:, t] ** 2)  # (batch, n)
        if peep is not None:
            dc = dc + dz_o * peep[2]  # o_t sees the new c_t
            dpeep[2] += np.sum(dz_o * c[:, t], axis=0)
        c_prev = c_prev_all[:, t]
        dz_i = dc * g[:, t] * i[:, t] * (1 - i[:, t])  # (batch, n)
        dz_f = dc * c_prev * f[:, t] * (1 - f[:, t])  # (batch, n)
        dz_g = dc * i[:, t] * (1 - g[:, t] ** 2)  # (batch, n)
        dZ[:, t] = np.concatenate([dz_i, dz_f, dz_g, dz_o], axis=1)  # (batch, 4n)
        dc_next = dc * f[:, t]  # (batch, n): through c, eq-lstm-bptt-c
        if peep is not None:
            dc_next = dc_next + dz_i * peep[0] + dz_f * peep[1]
            dpeep[0] += np.sum(dz_i * c_prev, axis=0)
            dpeep[1] += np.sum(dz_f * c_prev, axis=0)
        dh_next = dZ[:, t] @ W_h.T  # (batch, n)
        # Per-step sums: many small products stay fast where one long (k = batch·T) product
        # can be slowed down badly by BLAS threads on a busy machine.
        dW_x += X[:, t].T @ dZ[:, t]  # (n_inputs, 4n)
        dW_h += h_prev_all[:, t].T @ dZ[:, t]  # (n, 4n)
    db = dZ.sum(axis=(0, 1))  # (4n,)
    dX = dZ @ W_x.T  # (batch, T, n_inputs)
    return dW_x, dW_h, db, dpeep, dX, dh_next, dc_next


def _check_cache(cache, kind, n_inputs, n, dtype, dY):
    """Validate a cache from ``forward`` of this cell; return dY as an array."""
    if not isinstance(cache, dict) or any(k not in cache for k in CACHE_KEYS):
        raise TypeError(f"cache must be the dict returned by {kind}.forward")
    if (cache["peep"] is None) != (kind == "lstm"):
        raise ValueError(f"cache was not made by {kind}.forward")
    batch, T, m = cache["X"].shape
    if m != n_inputs or cache["i"].shape != (batch, T, n) or cache["X"].dtype != dtype:
        raise ValueError(f"cache does not match params: X {cache['X'].shape} "
                         f"{cache['X'].dtype}, gates {cache['i'].shape}, params "
                         f"n_inputs={n_inputs}, n_units={n}, {dtype}")
    return as_float_array("dY", dY, (batch, T, n), dtype=dtype)


def forward(params, X, state0=None):
    """Run the LSTM over a batch of sequences (eqs. eq-lstm-i to eq-lstm-h).

    Parameters
    ----------
    params : LSTMParams
    X : array_like, (batch, T, n_inputs)
        Converted to the params' dtype (float32 params compute in float32).
    state0 : pair (h0, c0) of array_like, each (batch, n_units), or None for zeros

    Returns
    -------
    Y : ndarray, (batch, T, n_units)
        y_t = h_t for every step; the final states are ``Y[:, -1]`` and ``cache["c"][:, -1]``.
    cache : dict
        What :func:`backward` needs, also for plots: ``"i"``, ``"f"``, ``"g"``, ``"o"``,
        ``"c"``, ``"tanh_c"``, ``"h"`` (each (batch, T, n_units), step t at ``[:, t]``),
        ``"X"``, ``"h0"``, ``"c0"``, and ``"peep"`` (None here).
    """
    n_inputs, n, dtype = _check_params(params, LSTMParams)
    X, h0, c0 = _check_inputs(X, state0, n_inputs, n, dtype)
    return _forward(params.W_x, params.W_h, params.b, X, h0, c0)


def backward(params, cache, dY):
    """Backpropagation through time for :func:`forward` (eqs. eq-lstm-bptt-h to eq-lstm-bptt-w).

    Parameters
    ----------
    params : LSTMParams
        The parameters ``forward`` was called with.
    cache : dict
        From ``forward``.
    dY : array_like, (batch, T, n_units)
        ∂L/∂y_t for every step.

    Returns
    -------
    grads : LSTMParams
        ∂L/∂W_x, ∂L/∂W_h, ∂L/∂b (never applied here).
    dX : ndarray, (batch, T, n_inputs)
    dstate0 : tuple (dh0, dc0), each (batch, n_units)
    """
    n_inputs, n, dtype = _check_params(params, LSTMParams)
    dY = _check_cache(cache, "lstm", n_inputs, n, dtype, dY)
    dW_x, dW_h, db, _, dX, dh0, dc0 = _backward(params.W_x, params.W_h, cache, dY)
    return LSTMParams(dW_x, dW_h, db), dX, (dh0, dc0)


def final_state(cache):
    """The states after the last step, ``(h_{T−1}, c_{T−1})``, in the form ``forward``'s
    ``state0`` takes: pass them on to carry the state into the next window of a long sequence."""
    if not isinstance(cache, dict) or any(k not in cache for k in ("h", "c")):
        raise TypeError("cache must be the dict returned by forward")
    return cache["h"][:, -1].copy(), cache["c"][:, -1].copy()  # each (batch, n_units)
