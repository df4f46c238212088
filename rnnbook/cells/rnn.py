"""The simple (Elman) recurrent layer: forward pass and backpropagation through time.

Chapter 1 (``chapters/01_rnn.ipynb``) derives everything here. One step of the layer is

    y_t = φ(x_t W_x + y_{t−1} W_y + b)                                   (eq-rnn-batch)

with row vectors, batch-major: ``X`` is ``(batch, T, n_inputs)``, ``Y`` is ``(batch, T, n_units)``.
The weights are stored as Keras ``SimpleRNN`` stores them (``kernel`` = W_x,
``recurrent_kernel`` = W_y, ``bias`` = b), so converting them is a copy.

References: Elman (1990), *Finding structure in time*; Werbos (1990), *Backpropagation through
time*; Géron (2019), *Hands-On Machine Learning*, 2nd ed., Eq. 15-1 and 15-2.
"""
from dataclasses import dataclass

import numpy as np

from ..activations import ACTIVATIONS
from ..initializers import glorot_uniform, orthogonal
from ..validation import (as_float_array, check_choice, check_init_args,
                         check_param_arrays, check_shape)

__all__ = ["RNNParams", "init_params", "forward", "backward", "final_state"]


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


def _check_params(params):
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


def forward(params, X, state0=None):
    """Run the layer over a batch of sequences, eq. (eq-rnn-batch) at every step.

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
        What :func:`backward` needs: ``X``, ``Y`` and ``state0``.
    """
    n_inputs, n_units, dtype = _check_params(params)
    X = as_float_array("X", X, ("batch", "T", n_inputs), dtype=dtype)
    batch, T, _ = X.shape
    if batch == 0 or T == 0:
        raise ValueError(f"X must have at least one sequence and one step, got shape {X.shape}")
    if state0 is None:
        state0 = np.zeros((batch, n_units), dtype=dtype)
    else:
        state0 = as_float_array("state0", state0, (batch, n_units), dtype=dtype)
    phi, _ = ACTIVATIONS[params.activation]

    # The input projection does not depend on the recurrence: all steps in one product.
    A_x = X @ params.W_x + params.b                                       # (batch, T, n_units)
    Y = np.empty((batch, T, n_units), dtype=dtype)                        # (batch, T, n_units)
    y_prev = state0
    for t in range(T):  # the recurrence itself is sequential
        Y[:, t] = phi(A_x[:, t] + y_prev @ params.W_y)                    # (batch, n_units)
        y_prev = Y[:, t]
    return Y, {"X": X, "Y": Y, "state0": state0}


def backward(params, cache, dY):
    """Backpropagation through time for :func:`forward`, as derived in chapter 1.

    With a_t = x_t W_x + y_{t−1} W_y + b and δ_t = ∂L/∂a_t, walking backwards from t = T−1::

        δ_t = (dY_t + δ_{t+1} W_yᵀ) ⊗ φ'(a_t)      (δ_T = 0)              (eq-rnn-bptt-delta)
        ∂L/∂W_x = Σ_t x_tᵀ δ_t,   ∂L/∂W_y = Σ_t y_{t−1}ᵀ δ_t,   ∂L/∂b = Σ_t Σ_batch δ_t
        ∂L/∂x_t = δ_t W_xᵀ,       ∂L/∂y_{−1} = δ_0 W_yᵀ                   (eq-rnn-bptt-grads)

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
    n_inputs, n_units, dtype = _check_params(params)
    if not isinstance(cache, dict) or not {"X", "Y", "state0"} <= set(cache):
        raise TypeError("cache must be the dict returned by rnnbook.rnn.forward")
    X, Y, state0 = cache["X"], cache["Y"], cache["state0"]
    check_shape("cache['X']", X, ("batch", "T", n_inputs))
    check_shape("cache['Y']", Y, X.shape[:2] + (n_units,))
    if any(not isinstance(a, np.ndarray) or a.dtype != dtype for a in (X, Y, state0)):
        raise ValueError(f"cache must come from rnnbook.rnn.forward with these {dtype} params, "
                         f"got cache['Y'] of dtype {getattr(Y, 'dtype', type(Y).__name__)}")
    dY = as_float_array("dY", dY, Y.shape, dtype=dtype)
    _, phi_grad = ACTIVATIONS[params.activation]

    dA = np.array(phi_grad(Y), dtype=dtype)                               # φ'(a_t), (batch, T, n_units)
    delta_next = np.zeros_like(state0)                                    # δ_{t+1} W_yᵀ, (batch, n_units)
    for t in reversed(range(Y.shape[1])):
        dA[:, t] *= dY[:, t] + delta_next                                 # δ_t, (batch, n_units)
        delta_next = dA[:, t] @ params.W_y.T                              # (batch, n_units)
    Y_prev = np.concatenate([state0[:, None], Y[:, :-1]], axis=1)         # (batch, T, n_units)
    grads = RNNParams(
        W_x=np.einsum("bti,btu->iu", X, dA),                              # (n_inputs, n_units)
        W_y=np.einsum("btv,btu->vu", Y_prev, dA),                         # (n_units, n_units)
        b=dA.sum(axis=(0, 1)),                                            # (n_units,)
        activation=params.activation,
    )
    dX = dA @ params.W_x.T                                                # (batch, T, n_inputs)
    return grads, dX, delta_next


def final_state(cache):
    """The state after the last step, y_{T−1}, in the form ``forward``'s ``state0`` takes:
    pass it on to carry the state into the next window of a long sequence."""
    if not isinstance(cache, dict) or "Y" not in cache:
        raise TypeError("cache must be the dict returned by rnnbook.rnn.forward")
    return cache["Y"][:, -1].copy()                                       # (batch, n_units)
