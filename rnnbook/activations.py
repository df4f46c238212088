"""Numerically stable activations and their derivatives.

The derivatives are written in terms of the activation's *output* (``sigmoid_grad(s) = s(1-s)``,
``tanh_grad(t) = 1-t**2``), which is how backpropagation through time uses them: the forward
pass caches the outputs, never the pre-activations.
"""
import numpy as np

__all__ = ["sigmoid", "sigmoid_grad", "tanh", "tanh_grad", "relu", "relu_grad",
           "identity", "identity_grad", "ACTIVATIONS"]


def _float_dtype(x, default=0.5):
    """``x``'s dtype if floating, else that of ``x`` with ``default`` (ints, Python numbers)."""
    dtype = getattr(x, "dtype", None)
    return dtype if dtype is not None and dtype.kind == "f" else np.result_type(x, default)


def _consts(x, *values):
    """``values`` as scalars of ``x``'s floating dtype (float64 for ints and Python numbers).

    Typed constants keep float32 float32 on every NumPy: under NumPy 1.x's value-based
    promotion, a float32 *scalar* times the Python float 0.5 is float64 (arrays were spared);
    NumPy 2 (NEP 50) keeps float32 either way.
    """
    return tuple(_float_dtype(x).type(v) for v in values)


def sigmoid(a):
    """Logistic sigmoid σ(a) = 1 / (1 + e^(−a)), computed as ½ (1 + tanh(a/2)).

    The identity holds exactly (multiply 1/(1 + e^(−a)) by e^(a/2) above and below); the tanh
    form is one pass of a vectorised ``tanh`` instead of an ``exp`` guarded against overflow, it
    never overflows, and it gives exactly 0 and 1 far out (tanh rounds to ±1). Its absolute
    error is that of ``tanh`` (≈ 1e-16); its relative error grows where σ is tiny (σ(−30) has
    only three correct digits), which nothing in a gate can tell from 0.
    """
    half, = _consts(a, 0.5)
    s = np.tanh(np.multiply(a, half))
    s *= half                   # in place: the cells call this on every step's gates
    s += half
    return s


def sigmoid_grad(s):
    """dσ/da expressed through the output s = σ(a)."""
    one, = _consts(s, 1.0)
    d = np.subtract(one, s)
    d *= s                      # in place: BPTT calls this on the gates of all steps at once
    return d


def tanh(a):
    """Hyperbolic tangent (NumPy's is already stable)."""
    return np.tanh(a)


def tanh_grad(t):
    """d tanh/da expressed through the output t = tanh(a)."""
    one, minus_one = _consts(t, 1.0, -1.0)
    d = np.square(t)
    d *= minus_one              # in place, as for sigmoid_grad
    d += one
    return d


def relu(a):
    """max(a, 0)."""
    dtype = getattr(a, "dtype", None)
    return np.maximum(a, 0 if dtype is None else dtype.type(0))


def relu_grad(y):
    """d relu/da expressed through the output y = relu(a) (0 at a = 0)."""
    return (y > 0).astype(_float_dtype(y, np.float32))


def identity(a):
    """The identity, for linear recurrences."""
    return a


def identity_grad(y):
    """Derivative of the identity."""
    return np.ones_like(y)


#: name -> (function, derivative through the output); the names are Keras's.
ACTIVATIONS = {
    "tanh": (tanh, tanh_grad),
    "sigmoid": (sigmoid, sigmoid_grad),
    "relu": (relu, relu_grad),
    "linear": (identity, identity_grad),
}
