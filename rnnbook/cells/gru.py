"""The gated recurrent unit (GRU): forward pass and backpropagation through time.

Chapter 4 (``chapters/04_gru.ipynb``). One state ``h``, an update gate ``z`` that both keeps
the old state and lets the candidate ``g`` in (through ``1 − z``), a reset gate ``r`` that
filters ``h_{t−1}`` before it reaches the candidate's recurrent weights, no output gate.

Two variants, told apart by ``GRUParams.b_h``:

* ``b_h is None`` — *reset before* (Cho et al. 2014, Géron 2nd ed. Eq. 15-4, Keras
  ``reset_after=False``): ``g = tanh(x W_xg + (r ⊗ h) W_hg + b_g)``, one bias ``b``.
* ``b_h`` given — *reset after* (the cuDNN form, Keras's default ``reset_after=True``):
  ``g = tanh(x W_xg + b_g + r ⊗ (h W_hg + b_hg))``; the recurrent bias ``b_h`` is also added to
  the ``z`` and ``r`` pre-activations, exactly as Keras 3 does.

Gate blocks are stacked ``[z, r, g]`` along the last axis, the Keras order ``[z, r, h]``, so
``W_x`` is Keras's ``kernel``, ``W_h`` its ``recurrent_kernel`` and ``b`` (and ``b_h``) its
``bias`` (rows 0 and 1 of the ``(2, 3n)`` bias when ``reset_after=True``).

References: Cho et al. 2014 (cho2014gru); Chung et al. 2014 (chung2014empirical);
Appleyard et al. 2016 (appleyard2016cudnn); Géron 2017/2019, ch. 14/15.

Example
-------
>>> import numpy as np
>>> from rnnbook import gru
>>> params = gru.init_params(n_inputs=3, n_units=4, rng=0, reset_after=True)
>>> X = np.random.default_rng(1).standard_normal((2, 5, 3))      # 2 sequences of 5 steps
>>> Y, cache = gru.forward(params, X)
>>> Y.shape, params.b_h.shape
((2, 5, 4), (12,))
>>> grads, dX, dh0 = gru.backward(params, cache, np.ones_like(Y))
>>> grads.W_h.shape, dX.shape, dh0.shape
((4, 12), (2, 5, 3), (2, 4))
"""
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

__all__ = ["STATES", "KERAS", "GRUParams", "init_params", "forward", "backward", "final_state",
           "check_params", "gru_forward", "gru_bptt", "forward_swapped", "step_reset_before",
           "step_reset_before_backward", "forward_reset_before", "bptt_reset_before"]

#: tuple: The names of the recurrent state ``forward`` carries; its ``state0`` is
#: h_{t−1}, one array.
STATES = ("h",)

#: str: The Keras 3 layer that computes the same function (``rnnbook.interop.keras``).
KERAS = "GRU"


@dataclass
class GRUParams:
    """Weights of a GRU layer, gate blocks stacked ``[z, r, g]`` (Keras ``[z, r, h]``).

    Attributes
    ----------
    W_x : ndarray, (n_inputs, 3*n_units)
        Input weights ``[W_xz | W_xr | W_xg]`` (Keras ``kernel``).
    W_h : ndarray, (n_units, 3*n_units)
        Recurrent weights ``[W_hz | W_hr | W_hg]`` (Keras ``recurrent_kernel``).
    b : ndarray, (3*n_units,)
        Bias ``[b_z | b_r | b_g]``; with ``reset_after`` the input bias
        (Keras ``bias[0]``).
    b_h : ndarray, (3*n_units,) or None
        ``None`` for the reset-before GRU; otherwise the recurrent bias
        ``[b_hz | b_hr | b_hg]`` of the reset-after GRU (Keras ``bias[1]``).
    """

    W_x: np.ndarray
    W_h: np.ndarray
    b: np.ndarray
    b_h: np.ndarray | None = None

    @property
    def reset_after(self):
        """Whether this is the reset-after GRU (cuDNN's, Keras's default)."""
        return self.b_h is not None


def check_params(params):
    """Validate ``params``; return ``(n_inputs, n_units, dtype)``."""
    if not isinstance(params, GRUParams):
        raise TypeError(f"params must be a GRUParams, got {type(params).__name__}")
    names = ["W_x", "W_h", "b"] + (["b_h"] if params.b_h is not None else [])
    dtype = check_param_arrays({f"params.{k}": getattr(params, k) for k in names})
    W_x, W_h = params.W_x, params.W_h
    if W_h.ndim != 2 or W_h.shape[0] == 0 or W_h.shape[1] != 3 * W_h.shape[0]:
        raise ValueError(f"params.W_h must have shape (n_units, 3*n_units), got {W_h.shape}")
    n = W_h.shape[0]
    if W_x.ndim != 2 or W_x.shape[0] == 0 or W_x.shape[1] != 3 * n:
        raise ValueError(f"params.W_x must have shape (n_inputs, {3 * n}), got {W_x.shape}")
    for name in names[2:]:
        check_shape(f"params.{name}", getattr(params, name), (3 * n,))
    return W_x.shape[0], n, dtype


def init_params(n_inputs, n_units, *, rng=None, dtype=np.float64, reset_after=False):
    """Random GRU weights, initialised like Keras's defaults.

    ``W_x`` is Glorot-uniform, ``W_h`` orthogonal (the whole ``(n, 3n)`` matrix, as Keras's
    ``recurrent_initializer="orthogonal"``), biases zero.

    Parameters
    ----------
    n_inputs, n_units : int
    rng : numpy.random.Generator, int or None
    dtype : float32 or float64
    reset_after : bool
        Create the recurrent bias ``b_h`` (reset-after variant) or not (reset before).

    Returns
    -------
    GRUParams
    """
    m, n, rng, dtype = check_init_args(n_inputs, n_units, rng, dtype)
    check_bool("reset_after", reset_after)
    W_x = glorot_uniform(rng, (m, 3 * n), dtype)               # (n_inputs, 3*n_units)
    W_h = orthogonal(rng, (n, 3 * n), dtype)                    # (n_units, 3*n_units)
    b_h = np.zeros(3 * n, dtype) if reset_after else None
    return GRUParams(W_x, W_h, np.zeros(3 * n, dtype), b_h)


def gru_forward(p, X, state0):
    """Eqs. (4.1)–(4.4) at every step — or, with a recurrent bias ``p.b_h``, the
    reset-after form, Eqs. (4.5)–(4.6) — the maths of :func:`forward`, without checks.
    ``state0`` is h_{−1}.

    Returns ``Y`` (batch, T, n_units) and the cache of time-major arrays: ``"X_tm"``,
    the inputs; ``"ZR"`` (T, batch, 2n), the gates [z, r]; ``"G"`` (T, batch, n), the
    candidate; ``"H"`` (T + 1, batch, n), the states, row 0 being h_{−1}; and for the
    reset-after form ``"HG"`` = h_{t−1} W_hg + b_hg.
    """
    W_x, W_h, b, b_h, h0 = p.W_x, p.W_h, p.b, p.b_h, state0
    batch, T, _ = X.shape
    n = h0.shape[1]
    W_hzr, W_hg = W_h[:, :2 * n], W_h[:, 2 * n:]
    X_tm, A_x = project(X, W_x, b)              # (T, batch, 3n): input part
    ZR = np.empty((T, batch, 2 * n), X.dtype)   # [z | r] of every step
    G = np.empty((T, batch, n), X.dtype)        # the candidate g_t
    H = np.empty((T + 1, batch, n), X.dtype)    # h_{t-1} in row t
    HG = None if b_h is None else np.empty((T, batch, n), X.dtype)
    H[0] = h0
    for t in range(T):
        h = H[t]
        if b_h is None:                         # reset before (Cho et al.)
            ZR[t] = sigmoid(A_x[t, :, :2 * n] + h @ W_hzr)  # Eqs. (4.1), (4.2)
            G[t] = tanh(A_x[t, :, 2 * n:] + (ZR[t, :, n:] * h) @ W_hg)  # Eq. (4.3)
        else:                                   # reset after (cuDNN, Keras)
            A_h = h @ W_h + b_h                 # (batch, 3n)
            ZR[t] = sigmoid(A_x[t, :, :2 * n] + A_h[:, :2 * n])  # Eq. (4.5)
            HG[t] = A_h[:, 2 * n:]              # h_{t-1} W_hg + b_hg
            G[t] = tanh(A_x[t, :, 2 * n:] + ZR[t, :, n:] * HG[t])  # Eq. (4.6)
        z = ZR[t, :, :n]
        H[t + 1] = z * h + (1 - z) * G[t]       # Eq. (4.4)
    Y = H[1:].transpose(1, 0, 2)                # (batch, T, n): a view
    return Y, {"X_tm": X_tm, "ZR": ZR, "G": G, "H": H, "HG": HG}


def gru_bptt(p, cache, dY):
    """Backpropagation through time for :func:`gru_forward` (chapter 4), no checks.

    Returns ``(grads, dX, dstate0)``: a :class:`GRUParams` of the gradients (``b_h``
    None for the reset-before GRU), ∂L/∂X and ∂L/∂h_{−1}.
    """
    W_x, W_h = p.W_x, p.W_h
    ZR, G, H, HG = cache["ZR"], cache["G"], cache["H"], cache["HG"]
    T, batch, n = G.shape
    W_hzr, W_hg = W_h[:, :2 * n], W_h[:, 2 * n:]
    dA = np.empty((T, batch, 3 * n), G.dtype)   # δ pre-activations [δa_z δa_r δa_g]
    dh = np.zeros((batch, n), G.dtype)
    for t in reversed(range(T)):
        zr, g, h_prev, d = ZR[t], G[t], H[t], dA[t]
        z, r = zr[:, :n], zr[:, n:]
        dh = dY[:, t] + dh                      # ∂L/∂h_t, total
        d[:, :n] = dh * (h_prev - g)            # ∂L/∂z
        d[:, 2 * n:] = dh * (1 - z) * tanh_grad(g)  # δa_g
        if HG is not None:
            d[:, n:2 * n] = d[:, 2 * n:] * HG[t]    # ∂L/∂r
            d[:, :2 * n] *= sigmoid_grad(zr)        # δa_z, δa_r
            # ∂L/∂h_{t−1}
            dh = dh * z + d[:, :2 * n] @ W_hzr.T + (d[:, 2 * n:] * r) @ W_hg.T
        else:
            drh = d[:, 2 * n:] @ W_hg.T             # ∂L/∂(r ⊗ h_{t−1})
            d[:, n:2 * n] = drh * h_prev            # ∂L/∂r
            d[:, :2 * n] *= sigmoid_grad(zr)        # δa_z, δa_r
            dh = dh * z + drh * r + d[:, :2 * n] @ W_hzr.T  # ∂L/∂h_{t−1}
    # weight gradients: Σ over steps and batch of (layer input)ᵀ (δ pre-activation)
    R = ZR[..., n:]                             # (T, batch, n_units)
    if HG is not None:
        dA_h = np.concatenate([dA[..., :2 * n], dA[..., 2 * n:] * R], 2)  # (T, b, 3n)
        dW_h, db_h = outer_sum(H[:-1], dA_h), dA_h.sum(axis=(0, 1))
    else:
        dW_h = np.concatenate([outer_sum(H[:-1], dA[..., :2 * n]),
                               outer_sum(R * H[:-1], dA[..., 2 * n:])], 1)
        db_h = None
    dX = (dA @ W_x.T).transpose(1, 0, 2)        # (batch, T, n_inputs)
    grads = GRUParams(outer_sum(cache["X_tm"], dA), dW_h, dA.sum(axis=(0, 1)), db_h)
    return grads, dX, dh


def forward(params, X, state0=None):
    """Run the GRU over a batch of sequences.

    Eqs. (4.1)–(4.4) at every step t = 0 … T−1; with ``params.reset_after``, Eqs. (4.5) and
    (4.6) instead of the first three.

    Parameters
    ----------
    params : GRUParams
    X : array_like, (batch, T, n_inputs)
    state0 : array_like, (batch, n_units), optional
        Initial state h_{−1} (zeros if omitted).

    Returns
    -------
    Y : ndarray, (batch, T, n_units)
        The states h_0 … h_{T−1} (a GRU's output is its state).
    cache : dict
        What :func:`backward` needs (time-major arrays, see :func:`gru_forward`), and for plots
        the gates ``"z"``, ``"r"`` and the candidate ``"g"``, each a (batch, T, n_units) view.
    """
    m, n, dtype = check_params(params)
    X = check_sequences(X, m, dtype)
    h0 = check_state("state0", state0, X.shape[0], n, dtype)
    Y, cache = gru_forward(params, X, h0)
    ZR = cache["ZR"]
    return Y, {**cache, "z": ZR[..., :n].transpose(1, 0, 2),
               "r": ZR[..., n:].transpose(1, 0, 2), "g": cache["G"].transpose(1, 0, 2)}


def backward(params, cache, dY):
    """Backpropagation through time for :func:`forward` (chapter 4, section gru-bptt).

    Parameters
    ----------
    params : GRUParams
        The parameters the forward pass used.
    cache : dict
        From :func:`forward`.
    dY : array_like, (batch, T, n_units)
        ∂L/∂h_t of the loss with respect to every output (only the direct part).

    Returns
    -------
    grads : GRUParams
        ∂L/∂W_x, ∂L/∂W_h, ∂L/∂b (and ∂L/∂b_h), same shapes and variant as ``params``.
    dX : ndarray, (batch, T, n_inputs)
    dstate0 : ndarray, (batch, n_units)
        ∂L/∂h_{−1}.
    """
    m, n, dtype = check_params(params)
    keys = ("X_tm", "ZR", "G", "H", "HG")
    if not isinstance(cache, dict) or any(k not in cache for k in keys):
        raise TypeError("cache must be the dict returned by gru.forward")
    if (cache["HG"] is not None) != params.reset_after:
        raise ValueError("cache comes from the other GRU variant (reset_after differs)")
    X_tm, H = cache["X_tm"], cache["H"]
    T, batch = H.shape[0] - 1, H.shape[1]
    if (X_tm.shape != (T, batch, m) or H.shape[2] != n or X_tm.dtype != dtype
            or H.dtype != dtype):
        raise ValueError(f"cache does not match params: X {X_tm.shape[1::-1] + X_tm.shape[2:]} "
                         f"{X_tm.dtype}, states "
                         f"{(batch, T)} × {H.shape[2]}, n_inputs {m}, n_units {n}, {dtype}")
    dY = as_float_array("dY", dY, (batch, T, n), dtype=dtype)
    return gru_bptt(params, cache, dY)


def forward_swapped(params, X, state0=None):
    """The GRU as Géron's 1st edition and Chung et al. (2014) write it: z and 1 − z swapped.

    ``h_t = (1 − z_t) ⊗ h_{t−1} + z_t ⊗ g_t``, everything else as in :func:`forward` (either
    variant). Forward only, written out on its own so that chapter 4 can show that it is the same
    model as Eq. (4.4): negate the z blocks of ``W_x``, ``W_h``, ``b`` (and ``b_h``) and
    the two agree, because σ(−a) = 1 − σ(a).

    Returns
    -------
    Y : ndarray, (batch, T, n_units)
    """
    m, n, dtype = check_params(params)
    X = check_sequences(X, m, dtype)
    h = check_state("state0", state0, X.shape[0], n, dtype)
    b_h = 0.0 if params.b_h is None else params.b_h
    Y = np.empty(X.shape[:2] + (n,), dtype)
    for t in range(X.shape[1]):
        a_x = X[:, t] @ params.W_x + params.b                   # (batch, 3*n_units)
        a_h = h @ params.W_h + b_h                              # (batch, 3*n_units)
        z = sigmoid(a_x[:, :n] + a_h[:, :n])                    # (batch, n_units)
        r = sigmoid(a_x[:, n:2 * n] + a_h[:, n:2 * n])          # (batch, n_units)
        if params.reset_after:
            g = tanh(a_x[:, 2 * n:] + r * a_h[:, 2 * n:])       # (batch, n_units)
        else:
            g = tanh(a_x[:, 2 * n:] + (r * h) @ params.W_h[:, 2 * n:])
        h = (1 - z) * h + z * g                                 # (batch, n_units)
        Y[:, t] = h
    return Y


def step_reset_before(p, x, h_prev):
    """One step of the reset-before GRU, Eqs. (4.1)–(4.4), written out for reading.

    Chapter 4's teaching form: no buffers, no checks; :func:`gru_forward` computes the
    same.
    Returns h_t and what the backward step needs, ``(h_prev, z, r, g)``.
    """
    W_xz, W_xr, W_xg = np.split(p.W_x, 3, axis=1)           # (n_inputs, n_units) each
    W_hz, W_hr, W_hg = np.split(p.W_h, 3, axis=1)           # (n_units, n_units) each
    b_z, b_r, b_g = np.split(p.b, 3)
    z = sigmoid(x @ W_xz + h_prev @ W_hz + b_z)             # Eq. (4.1), update gate
    r = sigmoid(x @ W_xr + h_prev @ W_hr + b_r)             # Eq. (4.2), reset gate
    g = tanh(x @ W_xg + (r * h_prev) @ W_hg + b_g)          # Eq. (4.3), candidate
    h = z * h_prev + (1 - z) * g                            # Eq. (4.4)
    return h, (h_prev, z, r, g)


def step_reset_before_backward(p, x, saved, dh):
    """Backward through one :func:`step_reset_before`, chapter 4's derivation.

    ``dh`` is δh_t, the total gradient reaching h_t. Returns this step's share of the
    gradients (a :class:`GRUParams`), δx_t and δh_{t−1}.
    """
    h_prev, z, r, g = saved
    W_hz, W_hr, W_hg = np.split(p.W_h, 3, axis=1)
    da_z = dh * (h_prev - g) * z * (1 - z)                  # δa_z
    da_g = dh * (1 - z) * (1 - g**2)                        # δa_g
    drh = da_g @ W_hg.T                                     # δ(r ⊗ h_{t−1})
    da_r = drh * h_prev * r * (1 - r)                       # δa_r
    dh_prev = (dh * z                                       # the state line: × z only
               + drh * r + da_z @ W_hz.T + da_r @ W_hr.T)   # through the three layers
    da = np.concatenate([da_z, da_r, da_g], axis=1)         # [δa_z | δa_r | δa_g]
    dW_h = np.concatenate([h_prev.T @ da_z, h_prev.T @ da_r, (r * h_prev).T @ da_g], 1)
    return GRUParams(x.T @ da, dW_h, da.sum(axis=0)), da @ p.W_x.T, dh_prev


def forward_reset_before(p, X, h0):
    """Run :func:`step_reset_before` over the steps of X (batch, T, n_inputs).

    Returns Y (batch, T, n_units) and the list of the steps' saved values.
    """
    h, Y, saved = h0, [], []
    for t in range(X.shape[1]):
        h, s = step_reset_before(p, X[:, t], h)
        Y.append(h)
        saved.append(s)
    return np.stack(Y, axis=1), saved


def bptt_reset_before(p, X, saved, dY):
    """BPTT for :func:`forward_reset_before`: the steps backwards, gradients summed.

    ``dY`` holds the direct gradients ∂L/∂h_t. Returns ``(grads, dX, dh0)``.
    """
    grads = GRUParams(np.zeros_like(p.W_x), np.zeros_like(p.W_h), np.zeros_like(p.b))
    dX, dh = np.zeros_like(X), np.zeros_like(dY[:, 0])
    for t in reversed(range(X.shape[1])):
        dh = dY[:, t] + dh                                  # δh_t, total
        g, dX[:, t], dh = step_reset_before_backward(p, X[:, t], saved[t], dh)
        for name in ("W_x", "W_h", "b"):
            getattr(grads, name)[...] += getattr(g, name)
    return grads, dX, dh


def final_state(cache):
    """The state after the last step, h_{T−1}, in the form ``forward``'s ``state0`` takes:
    pass it on to carry the state into the next window of a long sequence."""
    if not isinstance(cache, dict) or "H" not in cache:
        raise TypeError("cache must be the dict returned by rnnbook.gru.forward")
    return cache["H"][-1].copy()                                          # (batch, n_units)
