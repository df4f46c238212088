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
"""
from dataclasses import dataclass

import numpy as np

from .activations import sigmoid, sigmoid_grad, tanh, tanh_grad
from .initializers import glorot_uniform, orthogonal
from .validation import as_float_array, check_dtype, check_positive_int, check_rng

__all__ = ["GRUParams", "init_params", "forward", "backward", "forward_swapped"]


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
        Bias ``[b_z | b_r | b_g]``; with ``reset_after`` the input bias (Keras ``bias[0]``).
    b_h : ndarray, (3*n_units,) or None
        ``None`` for the reset-before GRU; otherwise the recurrent bias ``[b_hz | b_hr | b_hg]``
        of the reset-after GRU (Keras ``bias[1]``).
    """

    W_x: np.ndarray
    W_h: np.ndarray
    b: np.ndarray
    b_h: np.ndarray | None = None

    @property
    def reset_after(self):
        """True for the reset-after (cuDNN, Keras default) variant, i.e. when ``b_h`` is set."""
        return self.b_h is not None


def _check_params(params):
    """Validate ``params``; return ``(n_inputs, n_units, dtype)``."""
    if not isinstance(params, GRUParams):
        raise TypeError(f"params must be a GRUParams, got {type(params).__name__}")
    names = ["W_x", "W_h", "b"] + (["b_h"] if params.b_h is not None else [])
    for name in names:
        a = getattr(params, name)
        if not isinstance(a, np.ndarray) or a.dtype not in (np.float32, np.float64):
            raise TypeError(f"params.{name} must be a float32 or float64 ndarray, got "
                            f"{getattr(a, 'dtype', type(a).__name__)}")
    if len({getattr(params, k).dtype for k in names}) != 1:
        raise TypeError("params arrays must share one dtype (all float32 or all float64)")
    W_x, W_h = params.W_x, params.W_h
    if W_h.ndim != 2 or W_h.shape[0] == 0 or W_h.shape[1] != 3 * W_h.shape[0]:
        raise ValueError(f"params.W_h must have shape (n_units, 3*n_units), got {W_h.shape}")
    n = W_h.shape[0]
    if W_x.ndim != 2 or W_x.shape[0] == 0 or W_x.shape[1] != 3 * n:
        raise ValueError(f"params.W_x must have shape (n_inputs, {3 * n}), got {W_x.shape}")
    for name in names[2:]:
        as_float_array(f"params.{name}", getattr(params, name), (3 * n,))
    for name in names[:2]:
        as_float_array(f"params.{name}", getattr(params, name))  # finite
    return W_x.shape[0], n, W_x.dtype


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
    m, n = check_positive_int("n_inputs", n_inputs), check_positive_int("n_units", n_units)
    rng, dtype = check_rng("rng", rng), check_dtype("dtype", dtype)
    if not isinstance(reset_after, bool):
        raise TypeError(f"reset_after must be a bool, got {type(reset_after).__name__}")
    W_x = glorot_uniform(rng, (m, 3 * n), dtype)               # (n_inputs, 3*n_units)
    W_h = orthogonal(rng, (n, 3 * n), dtype)                    # (n_units, 3*n_units)
    b_h = np.zeros(3 * n, dtype) if reset_after else None
    return GRUParams(W_x, W_h, np.zeros(3 * n, dtype), b_h)


def forward(params, X, state0=None):
    """Run the GRU over a batch of sequences.

    Eqs. (eq-gru-z), (eq-gru-r), (eq-gru-g) and (eq-gru-h) at every step t = 1 … T; with
    ``params.reset_after``, (eq-gru-zr-after) and (eq-gru-g-after) instead of the first three.

    Parameters
    ----------
    params : GRUParams
    X : array_like, (batch, T, n_inputs)
    state0 : array_like, (batch, n_units), optional
        Initial state h_0 (zeros if omitted).

    Returns
    -------
    Y : ndarray, (batch, T, n_units)
        The states h_1 … h_T (a GRU's output is its state).
    cache : dict
        What :func:`backward` needs, including the gates ``"z"``, ``"r"`` and the candidate
        ``"g"``, each (batch, T, n_units), for plots.
    """
    m, n, dtype = _check_params(params)
    X = as_float_array("X", X, ("batch", "T", m), dtype=dtype)
    batch, T, _ = X.shape
    if batch == 0 or T == 0:
        raise ValueError(f"X must have at least one sequence and one step, got shape {X.shape}")
    h = (np.zeros((batch, n), dtype) if state0 is None
         else as_float_array("state0", state0, (batch, n), dtype=dtype))
    h0 = h
    W_hzr, W_hg = params.W_h[:, :2 * n], params.W_h[:, 2 * n:]
    A_x = X @ params.W_x + params.b                             # (batch, T, 3*n_units)
    Y, Z, R, G = (np.empty((batch, T, n), dtype) for _ in range(4))
    HG = np.empty((batch, T, n), dtype) if params.reset_after else None
    for t in range(T):
        if params.reset_after:
            A_h = h @ params.W_h + params.b_h                   # (batch, 3*n_units)
            hg = A_h[:, 2 * n:]                                 # (batch, n_units)
            HG[:, t] = hg
        else:
            A_h = h @ W_hzr                                     # (batch, 2*n_units)
        z = sigmoid(A_x[:, t, :n] + A_h[:, :n])                 # (batch, n_units)
        r = sigmoid(A_x[:, t, n:2 * n] + A_h[:, n:2 * n])       # (batch, n_units)
        if params.reset_after:
            g = tanh(A_x[:, t, 2 * n:] + r * hg)                # (batch, n_units)
        else:
            g = tanh(A_x[:, t, 2 * n:] + (r * h) @ W_hg)        # (batch, n_units)
        h = z * h + (1 - z) * g                                 # (batch, n_units)
        Y[:, t], Z[:, t], R[:, t], G[:, t] = h, z, r, g
    cache = {"X": X, "h0": h0, "Y": Y, "z": Z, "r": R, "g": G, "hg": HG,
             "reset_after": params.reset_after}
    return Y, cache


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
        ∂L/∂h_0.
    """
    m, n, dtype = _check_params(params)
    keys = ("X", "h0", "Y", "z", "r", "g", "hg", "reset_after")
    if not isinstance(cache, dict) or any(k not in cache for k in keys):
        raise TypeError("cache must be the dict returned by gru.forward")
    X, Y, Z, R, G, HG = (cache[k] for k in ("X", "Y", "z", "r", "g", "hg"))
    if cache["reset_after"] != params.reset_after:
        raise ValueError("cache comes from the other GRU variant (reset_after differs)")
    batch, T = Y.shape[:2]
    if X.shape != (batch, T, m) or Y.shape[2] != n:
        raise ValueError(f"cache does not match params: X {X.shape}, Y {Y.shape}, "
                         f"n_inputs {m}, n_units {n}")
    dY = as_float_array("dY", dY, (batch, T, n), dtype=dtype)
    H_prev = np.concatenate([cache["h0"][:, None], Y[:, :-1]], axis=1)  # (batch, T, n_units)
    W_hzr, W_hg = params.W_h[:, :2 * n], params.W_h[:, 2 * n:]
    dA_x = np.empty((batch, T, 3 * n), dtype)                   # ∂L/∂(pre-activations)
    dW_h = np.zeros_like(params.W_h)
    db_h = np.zeros(3 * n, dtype) if params.reset_after else None
    dh_next = np.zeros((batch, n), dtype)
    for t in reversed(range(T)):
        h_prev, z, r, g = H_prev[:, t], Z[:, t], R[:, t], G[:, t]
        dh = dY[:, t] + dh_next                                 # (batch, n_units)
        da_z = dh * (h_prev - g) * sigmoid_grad(z)              # (batch, n_units)
        da_g = dh * (1 - z) * tanh_grad(g)                      # (batch, n_units)
        dh_prev = dh * z                                        # (batch, n_units)
        if params.reset_after:
            da_r = da_g * HG[:, t] * sigmoid_grad(r)            # (batch, n_units)
            dA_h = np.concatenate([da_z, da_r, da_g * r], 1)    # (batch, 3*n_units)
            dW_h += h_prev.T @ dA_h
            db_h += dA_h.sum(axis=0)
            dh_prev += dA_h @ params.W_h.T
        else:
            drh = da_g @ W_hg.T                                 # ∂L/∂(r ⊗ h_prev)
            da_r = drh * h_prev * sigmoid_grad(r)               # (batch, n_units)
            dA_h = np.concatenate([da_z, da_r], 1)              # (batch, 2*n_units)
            dW_h[:, :2 * n] += h_prev.T @ dA_h
            dW_h[:, 2 * n:] += (r * h_prev).T @ da_g
            dh_prev += drh * r + dA_h @ W_hzr.T
        dA_x[:, t] = np.concatenate([da_z, da_r, da_g], 1)
        dh_next = dh_prev
    dW_x = X.reshape(-1, m).T @ dA_x.reshape(-1, 3 * n)         # (n_inputs, 3*n_units)
    db = dA_x.sum(axis=(0, 1))                                  # (3*n_units,)
    dX = dA_x @ params.W_x.T                                    # (batch, T, n_inputs)
    return GRUParams(dW_x, dW_h, db, db_h), dX, dh_next


def forward_swapped(params, X, state0=None):
    """The GRU as Géron's 1st edition and Chung et al. (2014) write it: z and 1 − z swapped.

    ``h_t = (1 − z_t) ⊗ h_{t−1} + z_t ⊗ g_t``, everything else as in :func:`forward` (either
    variant). Forward only, written out on its own so that chapter 4 can show that it is the same
    model as Eq. (eq-gru-h): negate the z blocks of ``W_x``, ``W_h``, ``b`` (and ``b_h``) and
    the two agree, because σ(−a) = 1 − σ(a).

    Returns
    -------
    Y : ndarray, (batch, T, n_units)
    """
    m, n, dtype = _check_params(params)
    X = as_float_array("X", X, ("batch", "T", m), dtype=dtype)
    h = (np.zeros((X.shape[0], n), dtype) if state0 is None
         else as_float_array("state0", state0, (X.shape[0], n), dtype=dtype))
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
