"""The LSTM with coupled input and forget gates (CIFG): one gate decides what to forget and what
to write, as the GRU's update gate does, inside the LSTM's two states.

Greff et al. (2017, *LSTM: A Search Space Odyssey*) couple the gates with i_t = 1 − f_t::

    f_t = σ(x_t W_xf + h_{t-1} W_hf + b_f)        g_t = tanh(x_t W_xg + h_{t-1} W_hg + b_g)
    o_t = σ(x_t W_xo + h_{t-1} W_ho + b_o)
    c_t = f_t ⊗ c_{t-1} + (1 − f_t) ⊗ g_t         y_t = h_t = o_t ⊗ tanh(c_t)

Three fully connected layers instead of four, stacked ``[f, g, o]``. Because 1 − σ(a) = σ(−a),
this *is* the LSTM whose input-gate weights and bias are the negated forget-gate ones: the
forward pass runs :func:`rnnbook.cells.lstm.lstm_forward` on those tied weights, and BPTT adds
the tied blocks' gradients by the chain rule (∂L/∂W_f = ∂L/∂W_f(LSTM) − ∂L/∂W_i(LSTM)). Keras's
``LSTM`` with the same tied weights computes the same function (:func:`to_twin`).

Example
-------
>>> import numpy as np
>>> from rnnbook.cells import cifg
>>> params = cifg.init_params(n_inputs=3, n_units=4, rng=0)
>>> params.W_x.shape, params.W_h.shape                          # three blocks [f, g, o]
((3, 12), (4, 12))
>>> Y, cache = cifg.forward(params, np.ones((2, 5, 3)))
>>> i, f = cache["i"], cache["f"]
>>> bool(np.allclose(i, 1 - f))
True
"""
from dataclasses import dataclass

import numpy as np

from ..initializers import glorot_uniform, orthogonal
from ..validation import check_bool, check_init_args, check_param_arrays, check_shape
from .lstm import LSTMParams, check_cache, check_inputs, gate_views, lstm_bptt, lstm_forward

__all__ = ["STATES", "KERAS", "CIFGParams", "init_params", "forward", "backward", "final_state",
           "cifg_forward", "cifg_bptt", "to_twin", "from_twin"]

#: tuple: (h, c), as the LSTM.
STATES = ("h", "c")

#: str: Keras's ``LSTM`` computes the CIFG with tied weights (:func:`to_twin`).
KERAS = "LSTM"


@dataclass
class CIFGParams:
    """CIFG weights, three blocks [f, g, o] (the input gate is 1 − f).

    Attributes
    ----------
    W_x : ndarray, (n_inputs, 3*n_units)
    W_h : ndarray, (n_units, 3*n_units)
    b : ndarray, (3*n_units,)
    """
    W_x: np.ndarray
    W_h: np.ndarray
    b: np.ndarray


def init_params(n_inputs, n_units, *, rng=None, dtype=np.float64, unit_forget_bias=True):
    """Initial weights as the LSTM's (Glorot-uniform W_x, orthogonal W_h, forget bias 1)."""
    n_inputs, n, rng, dtype = check_init_args(n_inputs, n_units, rng, dtype)
    check_bool("unit_forget_bias", unit_forget_bias)
    b = np.zeros(3 * n)
    if unit_forget_bias:
        b[:n] = 1.0
    return CIFGParams(glorot_uniform(rng, (n_inputs, 3 * n)).astype(dtype),
                      orthogonal(rng, (n, 3 * n)).astype(dtype), b.astype(dtype))


def _untie(A):
    """[f, g, o] blocks (last axis) -> the LSTM's [i, f, g, o] with i = −f: σ(−a_f) = 1 − f."""
    n = A.shape[-1] // 3
    return np.concatenate((-A[..., :n], A), axis=-1)


def _tie(dA):
    """The LSTM's gradient blocks [i, f, g, o] -> [f, g, o]: the input gate's block is the
    forget gate's, negated, so its gradient enters the forget gate's with a minus sign."""
    n = dA.shape[-1] // 4
    return np.concatenate((dA[..., n:2 * n] - dA[..., :n], dA[..., 2 * n:]), axis=-1)


def _twin(p):  # the LSTM that computes the same function
    return LSTMParams(_untie(p.W_x), _untie(p.W_h), _untie(p.b))


def _tied(g):  # the twin's gradients, through the tie
    return CIFGParams(_tie(g.W_x), _tie(g.W_h), _tie(g.b))


def cifg_forward(p, X, state0):
    """The CIFG's forward pass: the LSTM's (:func:`~rnnbook.cells.lstm.lstm_forward`) with the
    input gate tied to the forget gate. Returns what the LSTM's returns."""
    return lstm_forward(_twin(p), X, state0)


def cifg_bptt(p, cache, dY):
    """BPTT for :func:`cifg_forward`: the LSTM's, then the tied blocks' gradients added.
    Returns ``(grads, dX, (dh0, dc0))``, ``grads`` a :class:`CIFGParams`."""
    grads, dX, dstate0 = lstm_bptt(_twin(p), cache, dY)
    return _tied(grads), dX, dstate0


def check_params(params):
    """Validate CIFG parameters; return ``(n_inputs, n_units, dtype)``."""
    if not isinstance(params, CIFGParams):
        raise TypeError(f"params must be CIFGParams, got {type(params).__name__}")
    dtype = check_param_arrays({"params.W_x": params.W_x, "params.W_h": params.W_h,
                                "params.b": params.b})
    W_x = check_shape("params.W_x", params.W_x, ("n_inputs", "3*n_units"))
    n = W_x.shape[1] // 3
    if W_x.shape[1] % 3 or n == 0 or W_x.shape[0] == 0:
        raise ValueError(f"params.W_x must have shape (n_inputs, 3*n_units) with n_inputs, "
                         f"n_units > 0, got {W_x.shape}")
    check_shape("params.W_h", params.W_h, (n, 3 * n))
    check_shape("params.b", params.b, (3 * n,))
    return W_x.shape[0], n, dtype


def forward(params, X, state0=None):
    """Run the CIFG over a batch of sequences; as :func:`rnnbook.cells.lstm.forward` (the cache
    also holds the gates ``"i"``, ``"f"``, ``"g"``, ``"o"`` and states, i = 1 − f)."""
    n_inputs, n, dtype = check_params(params)
    X, h0, c0 = check_inputs(X, state0, n_inputs, n, dtype)
    Y, cache = cifg_forward(params, X, (h0, c0))
    return Y, {**cache, **gate_views(cache), "coupled": True}


def backward(params, cache, dY):
    """BPTT for :func:`forward`: ``(grads, dX, (dh0, dc0))``, grads a :class:`CIFGParams`."""
    n_inputs, n, dtype = check_params(params)
    if not isinstance(cache, dict) or not cache.get("coupled"):
        raise TypeError("cache must be the dict returned by cifg.forward")
    dY = check_cache(cache, "lstm", n_inputs, n, dtype, dY)
    return cifg_bptt(params, cache, dY)


def final_state(cache):
    """``(h_{T−1}, c_{T−1})``, as the LSTM's."""
    if not isinstance(cache, dict) or not cache.get("coupled"):
        raise TypeError("cache must be the dict returned by cifg.forward")
    return cache["H"][-1].copy(), cache["C"][-1].copy()


def to_twin(params):
    """The LSTM parameters that compute the same function: input-gate block = −forget block."""
    check_params(params)
    return _twin(params)


def from_twin(grads):
    """Gradients with respect to :func:`to_twin`'s LSTM parameters, as the CIFG's (the chain
    rule through the tie)."""
    if not isinstance(grads, LSTMParams):
        raise TypeError(f"grads must be LSTMParams, got {type(grads).__name__}")
    return _tied(grads)
