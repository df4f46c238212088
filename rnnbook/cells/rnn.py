"""The simple (Elman) recurrent layer: forward pass and backpropagation through time.

Chapter 1 (``chapters/01_rnn.ipynb``) derives everything here. One step of the layer is

    y_t = φ(x_t W_x + y_{t−1} W_y + b)                                   (1.2)

with row vectors, batch-major: ``X`` is ``(batch, T, n_inputs)``, ``Y`` is ``(batch, T, n_units)``.
The weights are stored as Keras ``SimpleRNN`` stores them (``kernel`` = W_x,
``recurrent_kernel`` = W_y, ``bias`` = b), so converting them is a copy.

References: Elman (1990), *Finding structure in time*; Werbos (1990), *Backpropagation through
time*; Géron (2019), *Hands-On Machine Learning*, 2nd ed., Eq. 15-1 and 15-2.

Example
-------
>>> import numpy as np
>>> from rnnbook import rnn
>>> params = rnn.init_params(n_inputs=3, n_units=4, rng=0)
>>> X = np.random.default_rng(1).standard_normal((2, 5, 3))      # 2 sequences of 5 steps
>>> Y, cache = rnn.forward(params, X)
>>> Y.shape
(2, 5, 4)
>>> grads, dX, dy0 = rnn.backward(params, cache, np.ones_like(Y))
>>> grads.W_y.shape, dX.shape, dy0.shape
((4, 4), (2, 5, 3), (2, 4))
"""
from dataclasses import dataclass

import numpy as np

from ..activations import ACTIVATIONS
from ..initializers import glorot_uniform, orthogonal
from ..validation import (
    as_float_array,
    check_choice,
    check_init_args,
    check_param_arrays,
    check_sequences,
    check_shape,
    check_state,
)
from .common import outer_sum, project

__all__ = ["STATES", "KERAS", "RNNParams", "init_params", "forward", "backward", "final_state",
           "check_params", "rnn_forward", "rnn_bptt"]

#: tuple: The names of the recurrent state ``forward`` carries; its ``state0`` is
#: y_{t−1}, one array.
STATES = ("y",)

#: str: The Keras 3 layer that computes the same function (``rnnbook.interop.keras``).
KERAS = "SimpleRNN"


@dataclass
class RNNParams:
    """Parameters of a simple RNN layer (names are the book's symbols).

    Attributes
    ----------
    W_x : ndarray, (n_inputs, n_units)
        Input weights (Keras ``kernel``).
    W_y : ndarray, (n_units, n_units)
        Recurrent weights, applied to the previous output y_{t−1} (Keras ``recurrent_kernel``).
    b : ndarray, (n_units,)
        Bias (Keras ``bias``).
    activation : str
        φ, a key of :data:`rnnbook.activations.ACTIVATIONS` ("tanh", "relu", "linear", ...).
    """

    W_x: np.ndarray
    W_y: np.ndarray
    b: np.ndarray
    activation: str = "tanh"


def check_params(params):
    """Validate ``params``; return ``(n_inputs, n_units, dtype)``."""
    if not isinstance(params, RNNParams):
        raise TypeError(f"params must be an RNNParams, got {type(params).__name__}")
    check_choice("params.activation", params.activation, ACTIVATIONS)
    dtype = check_param_arrays({"params.W_x": params.W_x, "params.W_y": params.W_y,
                                "params.b": params.b})
    n_inputs, n_units = check_shape("params.W_x", params.W_x, ("n_inputs", "n_units")).shape
    if n_inputs == 0 or n_units == 0:
        raise ValueError(f"params.W_x must have non-zero sizes, got {params.W_x.shape}")
    check_shape("params.W_y", params.W_y, (n_units, n_units))
    check_shape("params.b", params.b, (n_units,))
    return n_inputs, n_units, dtype


def init_params(n_inputs, n_units, *, rng=None, dtype=np.float64, activation="tanh"):
    """Random parameters initialised as Keras ``SimpleRNN`` does.

    W_x is Glorot-uniform, U(−l, l) with l = sqrt(6 / (n_inputs + n_units)); W_y is a random
    orthogonal matrix; b is zero.

    Parameters
    ----------
    n_inputs, n_units : int
        Input features per step and units (outputs) of the layer; both positive.
    rng : numpy.random.Generator, int or None
        Source of randomness (an int seeds a new Generator).
    dtype : float32 or float64
    activation : str
        φ, one of ``ACTIVATIONS`` ("tanh", "sigmoid", "relu", "linear").

    Returns
    -------
    RNNParams
    """
    n_inputs, n_units, rng, dtype = check_init_args(n_inputs, n_units, rng, dtype)
    check_choice("activation", activation, ACTIVATIONS)
    W_x = glorot_uniform(rng, (n_inputs, n_units), dtype)                 # (n_inputs, n_units)
    W_y = orthogonal(rng, (n_units, n_units), dtype)                       # (n_units, n_units)
    b = np.zeros(n_units, dtype=dtype)                                     # (n_units,)
    return RNNParams(W_x, W_y, b, activation)


def rnn_forward(p, X, state0):
    """Eq. (1.2) at every step, t = 0 … T−1: the maths of :func:`forward`, no checks.

    ``p`` is :class:`RNNParams`, ``X`` is (batch, T, n_inputs) and ``state0`` = y_{−1}
    is (batch, n_units). Returns ``Y`` (batch, T, n_units) and the cache: the
    time-major inputs ``"X_tm"`` and outputs ``"Y_tm"`` (T + 1, batch, n_units), whose
    row 0 is y_{−1}, so that step t reads row t.
    """
    W_x, W_y, b, (phi, _) = p.W_x, p.W_y, p.b, ACTIVATIONS[p.activation]
    T = X.shape[1]
    X_tm, A_x = project(X, W_x, b)                        # (T, batch, n_units)
    Y_tm = np.empty((T + 1,) + state0.shape, dtype=X.dtype)  # (T+1, batch, n_units)
    Y_tm[0] = state0                                      # y_{−1}
    for t in range(T):  # the recurrence itself is sequential
        Y_tm[t + 1] = phi(A_x[t] + Y_tm[t] @ W_y)         # (batch, n_units)
    return Y_tm[1:].transpose(1, 0, 2), {"X_tm": X_tm, "Y_tm": Y_tm}


def rnn_bptt(p, cache, dY):
    """Backpropagation through time for :func:`rnn_forward` (Eqs. (1.4)–(1.5)).

    No checks. ``cache`` is :func:`rnn_forward`'s; ``dY`` is (batch, T, n_units).
    Returns ``(grads, dX, dstate0)``: an :class:`RNNParams` of ∂L/∂W_x, ∂L/∂W_y, ∂L/∂b,
    then ∂L/∂X and ∂L/∂y_{−1}.
    """
    W_x, W_y, (_, phi_grad) = p.W_x, p.W_y, ACTIVATIONS[p.activation]
    Y_tm = cache["Y_tm"]
    dA = phi_grad(Y_tm[1:])                 # φ'(a_t), (T, batch, n)
    delta_next = np.zeros_like(Y_tm[0])     # δ_{t+1} W_yᵀ, (batch, n)
    for t in reversed(range(dY.shape[1])):
        dA[t] *= dY[:, t] + delta_next      # δ_t, (batch, n_units)
        delta_next = dA[t] @ W_y.T          # (batch, n_units)
    dX = (dA @ W_x.T).transpose(1, 0, 2)    # (batch, T, n_inputs)
    dW_x, dW_y = outer_sum(cache["X_tm"], dA), outer_sum(Y_tm[:-1], dA)
    return RNNParams(dW_x, dW_y, dA.sum(axis=(0, 1)), p.activation), dX, delta_next


def forward(params, X, state0=None):
    """Run the layer over a batch of sequences, Eq. (1.2) at every step.

    Parameters
    ----------
    params : RNNParams
    X : array_like, (batch, T, n_inputs)
        Input sequences (integers are accepted and converted to the parameters' dtype).
    state0 : array_like, (batch, n_units), optional
        The output before the first step, y_{−1} in the equations; zeros by default.

    Returns
    -------
    Y : ndarray, (batch, T, n_units)
        Outputs y_t of every step (the last one, ``Y[:, -1]``, is the final state).
    cache : dict
        What :func:`backward` needs: the time-major ``X_tm`` and ``Y_tm`` (the outputs with
        y_{−1} in row 0), and ``Y``, a view of the outputs.
    """
    n_inputs, n_units, dtype = check_params(params)
    X = check_sequences(X, n_inputs, dtype)
    y0 = check_state("state0", state0, X.shape[0], n_units, dtype)
    Y, cache = rnn_forward(params, X, y0)
    return Y, {"Y": Y, **cache}


def backward(params, cache, dY):
    """Backpropagation through time for :func:`forward`, as derived in chapter 1.

    With a_t = x_t W_x + y_{t−1} W_y + b and δ_t = ∂L/∂a_t, walking backwards from t = T−1::

        δ_t = (dY_t + δ_{t+1} W_yᵀ) ⊗ φ'(a_t)      (δ_T = 0)                      (1.4)
        ∂L/∂W_x = Σ_t x_tᵀ δ_t,   ∂L/∂W_y = Σ_t y_{t−1}ᵀ δ_t,   ∂L/∂b = Σ_t Σ_batch δ_t
        ∂L/∂x_t = δ_t W_xᵀ,       ∂L/∂y_{−1} = δ_0 W_yᵀ                           (1.5)

    Parameters
    ----------
    params : RNNParams
        The parameters :func:`forward` was called with (never modified).
    cache : dict
        The second value returned by :func:`forward`.
    dY : array_like, (batch, T, n_units)
        ∂L/∂Y, the gradient of a scalar loss with respect to every output.

    Returns
    -------
    grads : RNNParams
        ∂L/∂W_x, ∂L/∂W_y, ∂L/∂b (same ``activation`` as ``params``).
    dX : ndarray, (batch, T, n_inputs)
    dstate0 : ndarray, (batch, n_units)
    """
    n_inputs, n_units, dtype = check_params(params)
    if not isinstance(cache, dict) or not {"Y", "X_tm", "Y_tm"} <= set(cache):
        raise TypeError("cache must be the dict returned by rnnbook.rnn.forward")
    X_tm, Y_tm = cache["X_tm"], cache["Y_tm"]
    check_shape("cache['X_tm']", X_tm, ("T", "batch", n_inputs))
    check_shape("cache['Y_tm']", Y_tm, (X_tm.shape[0] + 1, X_tm.shape[1], n_units))
    if any(not isinstance(a, np.ndarray) or a.dtype != dtype for a in (X_tm, Y_tm)):
        got = getattr(Y_tm, "dtype", type(Y_tm).__name__)
        raise ValueError(f"cache must come from rnnbook.rnn.forward with these {dtype} params, "
                         f"got cache['Y_tm'] of dtype {got}")
    dY = as_float_array("dY", dY, cache["Y"].shape, dtype=dtype)
    return rnn_bptt(params, cache, dY)


def final_state(cache):
    """The state after the last step, y_{T−1}, in the form ``forward``'s ``state0`` takes:
    pass it on to carry the state into the next window of a long sequence."""
    if not isinstance(cache, dict) or "Y" not in cache:
        raise TypeError("cache must be the dict returned by rnnbook.rnn.forward")
    return cache["Y"][:, -1].copy()                                       # (batch, n_units)
