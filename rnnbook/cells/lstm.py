"""The LSTM cell (chapter 2): forward pass and backpropagation through time, in NumPy.

Long Short-Term Memory (Hochreiter & Schmidhuber 1997) with a forget gate (Gers et al. 2000), in
the form of Géron 2nd ed. Eq. 15-3 and of Keras's ``LSTM`` layer (chapter 2, Eqs. (2.1)–(2.6);
stacked: Eq. (2.7))::

    i_t = σ(x_t W_xi + h_{t-1} W_hi + b_i)        f_t = σ(x_t W_xf + h_{t-1} W_hf + b_f)
    g_t = tanh(x_t W_xg + h_{t-1} W_hg + b_g)     o_t = σ(x_t W_xo + h_{t-1} W_ho + b_o)
    c_t = f_t ⊗ c_{t-1} + i_t ⊗ g_t               y_t = h_t = o_t ⊗ tanh(c_t)

The four fully connected layers are stacked in the Keras order ``[i, f, g, o]`` (Keras calls g
"c"), so that one matrix product per step computes all of them and converting Keras weights is a
copy. The maths, :func:`lstm_forward` and :func:`lstm_bptt`, also takes optional diagonal
peephole weights
(``p_i``, ``p_f`` on c_{t-1}, ``p_o`` on the new c_t; Gers & Schmidhuber 2000), which
:mod:`rnnbook.cells.peephole` (chapter 3) uses, so both cells share one tested implementation.

Example
-------
>>> import numpy as np
>>> from rnnbook import lstm
>>> params = lstm.init_params(n_inputs=3, n_units=4, rng=0)
>>> X = np.random.default_rng(1).standard_normal((2, 5, 3))      # 2 sequences of 5 steps
>>> Y, cache = lstm.forward(params, X)                          # state0: (h0, c0), zeros
>>> Y.shape, [s.shape for s in lstm.final_state(cache)]
((2, 5, 4), [(2, 4), (2, 4)])
>>> grads, dX, (dh0, dc0) = lstm.backward(params, cache, np.ones_like(Y))
>>> grads.W_h.shape, dX.shape, dc0.shape
((4, 16), (2, 5, 3), (2, 4))
"""
import dataclasses
from dataclasses import dataclass

import numpy as np

from ..activations import sigmoid, sigmoid_grad, tanh, tanh_grad
from ..initializers import glorot_uniform, orthogonal
from ..validation import (
    as_float_array,
    check_bool,
    check_init_args,
    check_param_arrays,
    check_sequences,
    check_shape,
    check_state,
)
from .common import outer_sum, project

__all__ = ["STATES", "KERAS", "LSTMParams", "init_params", "forward", "backward", "final_state",
           "lstm_forward", "lstm_bptt", "check_params", "check_inputs", "check_cache",
           "gate_views", "CACHE_KEYS", "lstm_step", "lstm_step_backward",
           "lstm_forward_plain", "lstm_backward_plain"]

#: Keys of the cache that :func:`backward` reads (time-major arrays, see :func:`lstm_forward`).
CACHE_KEYS = ("X_tm", "ifgo", "C", "H", "tanh_C", "peep")

#: tuple: The names of the recurrent state ``forward`` carries; its ``state0`` is
#: (h_{t−1}, c_{t−1}), a pair.
STATES = ("h", "c")

#: str: The Keras 3 layer that computes the same function (``rnnbook.interop.keras``).
KERAS = "LSTM"


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
    check_bool("unit_forget_bias", unit_forget_bias)
    W_x = glorot_uniform(rng, (n_inputs, 4 * n))  # (n_inputs, 4n)
    W_h = orthogonal(rng, (n, 4 * n))  # (n, 4n)
    b = np.zeros(4 * n)  # (4n,)
    if unit_forget_bias:
        b[n:2 * n] = 1.0
    return LSTMParams(W_x.astype(dtype), W_h.astype(dtype), b.astype(dtype))


def check_params(params, cls=None, extra=()):
    """Validate LSTM-style parameters; return ``(n_inputs, n_units, dtype)``.

    ``cls`` is :class:`LSTMParams` (the default) or the peephole cell's dataclass, whose vector
    fields ``extra`` are (n_units,).
    """
    cls = LSTMParams if cls is None else cls
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


def check_inputs(X, state0, n_inputs, n, dtype):
    """Validate X and state0 = (h0, c0) of an LSTM-style cell; return ``(X, h0, c0)``."""
    X = check_sequences(X, n_inputs, dtype)
    batch = X.shape[0]
    if state0 is None:
        return X, np.zeros((batch, n), dtype), np.zeros((batch, n), dtype)
    if not isinstance(state0, (tuple, list)) or len(state0) != 2:
        raise TypeError(f"state0 must be None or a pair (h0, c0) of arrays ({batch}, {n}), "
                        f"got {type(state0).__name__}")
    return (X, check_state("state0[0] (h0)", state0[0], batch, n, dtype),
            check_state("state0[1] (c0)", state0[1], batch, n, dtype))


def lstm_forward(p, X, state0):
    """Eqs. (2.1)–(2.6) at every step: the maths of :func:`forward`, without checks.

    ``p`` is :class:`LSTMParams`, or the peephole LSTM's parameters (chapter 3), whose
    peepholes p_i, p_f, p_o, each (n_units,), add p_i ⊗ c_{t−1}, p_f ⊗ c_{t−1} and
    p_o ⊗ c_t to the gates' pre-activations. ``state0`` is (h_{−1}, c_{−1}). Returns
    ``Y`` (batch, T, n_units) and the cache: time-major gates ``"ifgo"`` (T, batch, 4n)
    and states ``"C"``, ``"H"`` (T + 1, batch, n), row 0 being the initial state, so
    that step t reads row t and writes row t + 1.
    """
    W_x, W_h, b, (h0, c0) = p.W_x, p.W_h, p.b, state0
    peep = (p.p_i, p.p_f, p.p_o) if hasattr(p, "p_i") else None  # chapter 3
    batch, T, _ = X.shape
    n = h0.shape[1]
    X_tm, ifgo = project(X, W_x, b)             # (T, batch, 4n): x_t W_x + b for all t
    C = np.empty((T + 1, batch, n), X.dtype)    # c_{t-1} in row t, c_t in row t + 1
    H = np.empty((T + 1, batch, n), X.dtype)    # the same for h
    tanh_C = np.empty((T, batch, n), X.dtype)   # tanh(c_t), reused by BPTT
    C[0], H[0] = c0, h0
    for t in range(T):
        a = ifgo[t] + H[t] @ W_h                # (batch, 4n): four layers, one product
        if peep is not None:                    # peepholes into i and f see c_{t-1}
            a[:, :n] += peep[0] * C[t]
            a[:, n:2 * n] += peep[1] * C[t]
        gates = ifgo[t]                         # the gates replace x_t W_x + b
        gates[:] = sigmoid(a)                   # i, f, o (g's block is replaced next)
        gates[:, 2 * n:3 * n] = tanh(a[:, 2 * n:3 * n])  # g
        i, f, g, o = (gates[:, k * n:(k + 1) * n] for k in range(4))
        C[t + 1] = f * C[t] + i * g             # Eq. (2.5)
        if peep is not None:                    # the output gate sees the new c_t
            o[:] = sigmoid(a[:, 3 * n:] + peep[2] * C[t + 1])
        tanh_C[t] = tanh(C[t + 1])
        H[t + 1] = o * tanh_C[t]                # Eq. (2.6)
    Y = H[1:].transpose(1, 0, 2)                # (batch, T, n): a view
    return Y, {"X_tm": X_tm, "ifgo": ifgo, "C": C, "H": H, "tanh_C": tanh_C,
               "peep": peep}


def lstm_bptt(p, cache, dY):
    """Backpropagation through time for :func:`lstm_forward` (Eqs. (2.8)–(2.11)).

    No checks. Returns ``(grads, dX, (dh0, dc0))``: ``grads`` of the same class as
    ``p`` (with ∂L/∂p_i, ∂L/∂p_f, ∂L/∂p_o for the peephole LSTM), ∂L/∂X and
    ∂L/∂(h_{−1}, c_{−1}).
    """
    W_x, W_h, peep = p.W_x, p.W_h, cache["peep"]
    ifgo, C, H, tanh_C = cache["ifgo"], cache["C"], cache["H"], cache["tanh_C"]
    T, batch, n4 = ifgo.shape
    n = n4 // 4
    i, f, g, o = (ifgo[..., k * n:(k + 1) * n] for k in range(4))  # (T, batch, n)
    # What does not depend on the gradient coming back, for all steps at once: the
    # local derivatives of Eq. (2.10), which the loop multiplies by [δc δc δc δh].
    dA = sigmoid_grad(ifgo)                     # σ'(i), σ'(f), σ'(o); g's is replaced
    dA[..., 2 * n:3 * n] = tanh_grad(g)
    dA[..., :n] *= g                            # ∂c_t/∂a_i
    dA[..., n:2 * n] *= C[:-1]                  # ∂c_t/∂a_f
    dA[..., 2 * n:3 * n] *= i                   # ∂c_t/∂a_g
    dA[..., 3 * n:] *= tanh_C                   # ∂h_t/∂a_o
    dh_dc = o * tanh_grad(tanh_C)               # ∂h_t/∂c_t
    carry = f                                   # ∂c_t/∂c_{t-1}: the carousel
    if peep is not None:                        # c_t reaches o_t; c_{t-1}, i_t and f_t
        dh_dc = dh_dc + peep[2] * dA[..., 3 * n:]
        carry = f + peep[0] * dA[..., :n] + peep[1] * dA[..., n:2 * n]
    dh_next = np.zeros((batch, n), ifgo.dtype)  # from step t+1 through W_h
    dc_next = np.zeros((batch, n), ifgo.dtype)  # from step t+1 through c
    for t in reversed(range(T)):                # only the recurrence is left
        dh = dY[:, t] + dh_next                 # Eq. (2.8)
        dc = dc_next + dh * dh_dc[t]            # Eq. (2.9)
        dA[t] *= np.hstack((dc, dc, dc, dh))    # [δa_i δa_f δa_g δa_o], Eq. (2.10)
        dc_next = dc * carry[t]
        dh_next = dA[t] @ W_h.T                 # (batch, n)
    grads = {"W_x": outer_sum(cache["X_tm"], dA),    # Eq. (2.11)
             "W_h": outer_sum(H[:-1], dA), "b": dA.sum(axis=(0, 1))}
    if peep is not None:                        # Σ over steps and batch, Eq. (3.10)
        grads.update(p_i=np.einsum("tbn,tbn->n", dA[..., :n], C[:-1]),
                     p_f=np.einsum("tbn,tbn->n", dA[..., n:2 * n], C[:-1]),
                     p_o=np.einsum("tbn,tbn->n", dA[..., 3 * n:], C[1:]))
    dX = (dA @ W_x.T).transpose(1, 0, 2)        # (batch, T, n_inputs)
    return dataclasses.replace(p, **grads), dX, (dh_next, dc_next)  # same class as p


def check_cache(cache, kind, n_inputs, n, dtype, dY):
    """Validate a cache from ``forward`` of an LSTM-style cell; return dY as an array."""
    if not isinstance(cache, dict) or any(k not in cache for k in CACHE_KEYS):
        raise TypeError(f"cache must be the dict returned by {kind}.forward")
    if (cache["peep"] is None) != (kind == "lstm"):
        raise ValueError(f"cache was not made by {kind}.forward")
    T, batch, m = cache["X_tm"].shape
    X_dtype = cache["X_tm"].dtype
    if m != n_inputs or cache["ifgo"].shape != (T, batch, 4 * n) or X_dtype != dtype:
        raise ValueError(f"cache does not match params: X {(batch, T, m)} "
                         f"{X_dtype}, gates {cache['ifgo'].shape}, params "
                         f"n_inputs={n_inputs}, n_units={n}, {dtype}")
    return as_float_array("dY", dY, (batch, T, n), dtype=dtype)


def gate_views(cache):
    """The cache's gates and states as (batch, T, n_units) views, for plots: a dict with
    ``"i"``, ``"f"``, ``"g"``, ``"o"``, ``"c"`` (c_t) and ``"h"`` (h_t)."""
    ifgo = cache["ifgo"]
    n = ifgo.shape[2] // 4
    views = {k: ifgo[..., j * n:(j + 1) * n].transpose(1, 0, 2) for j, k in enumerate("ifgo")}
    return {**views, "c": cache["C"][1:].transpose(1, 0, 2),
            "h": cache["H"][1:].transpose(1, 0, 2)}


def forward(params, X, state0=None):
    """Run the LSTM over a batch of sequences (Eqs. (2.1)–(2.6)).

    Parameters
    ----------
    params : LSTMParams
    X : array_like, (batch, T, n_inputs)
        Converted to the params' dtype (float32 params compute in float32).
    state0 : pair (h0, c0) of array_like, each (batch, n_units), or None for zeros

    Returns
    -------
    Y : ndarray, (batch, T, n_units)
        y_t = h_t for every step; the final states are :func:`final_state`.
    cache : dict
        What :func:`backward` needs (time-major arrays, see :func:`lstm_forward`) and, for
        plots, the gates and states ``"i"``, ``"f"``, ``"g"``, ``"o"``, ``"c"``, ``"h"`` as
        (batch, T, n_units) views (step t at ``[:, t]``).
    """
    n_inputs, n, dtype = check_params(params)
    X, h0, c0 = check_inputs(X, state0, n_inputs, n, dtype)
    Y, cache = lstm_forward(params, X, (h0, c0))
    return Y, {**cache, **gate_views(cache)}


def backward(params, cache, dY):
    """Backpropagation through time for :func:`forward` (Eqs. (2.8)–(2.11)).

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
    n_inputs, n, dtype = check_params(params)
    dY = check_cache(cache, "lstm", n_inputs, n, dtype, dY)
    return lstm_bptt(params, cache, dY)


def final_state(cache):
    """The states after the last step, ``(h_{T−1}, c_{T−1})``, in the form ``forward``'s
    ``state0`` takes: pass them on to carry the state into the next window of a long sequence."""
    if not isinstance(cache, dict) or any(k not in cache for k in ("H", "C")):
        raise TypeError("cache must be the dict returned by forward")
    return cache["H"][-1].copy(), cache["C"][-1].copy()  # each (batch, n_units)


# --- The teaching version (chapter 2): the equations as they read, step by step ---

def lstm_step(p, x, h, c):
    """One step of Eqs. (2.1)–(2.6), written as they read; h, c are h_(t−1), c_(t−1).

    Returns h_(t), c_(t) and what BPTT needs of this step (a dict).
    """
    n = h.shape[1]
    a = x @ p.W_x + h @ p.W_h + p.b                     # Eq. (2.7): [a_i a_f a_g a_o]
    a_i, a_f, a_g, a_o = (a[:, k * n:(k + 1) * n] for k in range(4))
    i = sigmoid(a_i)                                    # input gate
    f = sigmoid(a_f)                                    # forget gate
    g = np.tanh(a_g)                                    # candidate
    o = sigmoid(a_o)                                    # output gate
    c_new = f * c + i * g                               # long-term state
    h_new = o * np.tanh(c_new)                          # short-term state = output
    step = {"x": x, "h_prev": h, "c_prev": c,
            "i": i, "f": f, "g": g, "o": o, "c": c_new}
    return h_new, c_new, step


def lstm_step_backward(p, step, dh, dc_next):
    """BPTT through one step: δh = δh_(t) (Eq. (2.8)), dc_next = δc_(t+1) ⊗ f_(t+1).

    Returns this step's terms of Eq. (2.11), ∂L/∂x_(t), and the two gradients that go
    back to step t − 1: δa_(t) W_h^T (through the four layers) and δc_(t) ⊗ f_(t)
    (along c).
    """
    i, f, g, o, c = step["i"], step["f"], step["g"], step["o"], step["c"]
    dc = dh * o * (1 - np.tanh(c) ** 2) + dc_next       # Eq. (2.9)
    da_o = dh * np.tanh(c) * o * (1 - o)                # Eq. (2.10)
    da_i = dc * g * i * (1 - i)
    da_f = dc * step["c_prev"] * f * (1 - f)
    da_g = dc * i * (1 - g ** 2)
    da = np.concatenate([da_i, da_f, da_g, da_o], axis=1)   # δa_(t), blocks [i f g o]
    grads = LSTMParams(W_x=step["x"].T @ da, W_h=step["h_prev"].T @ da,
                       b=da.sum(axis=0))
    dx = da @ p.W_x.T
    return grads, dx, da @ p.W_h.T, dc * f


def lstm_forward_plain(p, X, state0):
    """:func:`lstm_step` at every step; returns Y (batch, T, n) and the steps."""
    h, c = state0
    Y, steps = [], []
    for t in range(X.shape[1]):
        h, c, step = lstm_step(p, X[:, t], h, c)
        Y.append(h)
        steps.append(step)
    return np.stack(Y, axis=1), steps


def lstm_backward_plain(p, steps, dY):
    """BPTT from the last step to the first with :func:`lstm_step_backward`.

    Returns ``(grads, dX, (dh0, dc0))``, as :func:`backward` does.
    """
    grads = LSTMParams(np.zeros_like(p.W_x), np.zeros_like(p.W_h), np.zeros_like(p.b))
    dX = [None] * len(steps)
    dh_next = np.zeros_like(dY[:, 0])                   # δa_(T) W_h^T = 0
    dc_next = np.zeros_like(dY[:, 0])                   # δc_(T) = 0
    for t in reversed(range(len(steps))):
        dh = dY[:, t] + dh_next                         # Eq. (2.8)
        g_t, dX[t], dh_next, dc_next = lstm_step_backward(p, steps[t], dh, dc_next)
        grads.W_x += g_t.W_x                            # Eq. (2.11): sums over time
        grads.W_h += g_t.W_h
        grads.b += g_t.b
    return grads, np.stack(dX, axis=1), (dh_next, dc_next)
