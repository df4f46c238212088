"""Numerically stable activations and their derivatives.

The derivatives are written in terms of the activation's *output* (``sigmoid_grad(s) = s(1-s)``,
``tanh_grad(t) = 1-t**2``), which is how backpropagation through time uses them: the forward
pass caches the outputs, never the pre-activations.
"""
import numpy as np

__all__ = ["sigmoid", "sigmoid_grad", "tanh", "tanh_grad", "relu", "relu_grad",
           "identity", "identity_grad", "ACTIVATIONS"]


def sigmoid(a):
    """Logistic sigmoid σ(a) = 1 / (1 + e^(−a)), computed as ½ (1 + tanh(a/2)).

    The identity holds exactly (multiply 1/(1 + e^(−a)) by e^(a/2) above and below); the tanh
    form is one pass of a vectorised ``tanh`` instead of an ``exp`` guarded against overflow, it
    never overflows, and it gives exactly 0 and 1 far out (tanh rounds to ±1). Its absolute
    error is that of ``tanh`` (≈ 1e-16); its relative error grows where σ is tiny (σ(−30) has
    only three correct digits), which nothing in a gate can tell from 0.
    """
    s = np.tanh(np.multiply(a, 0.5))
    s *= 0.5                    # in place: the cells call this on every step's gates
    s += 0.5
    return s


def sigmoid_grad(s):
    """dσ/da expressed through the output s = σ(a)."""
    d = np.subtract(1.0, s)
    d *= s                      # in place: BPTT calls this on the gates of all steps at once
    return d


def tanh(a):
    """Hyperbolic tangent (NumPy's is already stable)."""
    return np.tanh(a)


def tanh_grad(t):
    """d tanh/da expressed through the output t = tanh(a)."""
    d = np.square(t)
    d *= -1.0                   # in place, as for sigmoid_grad
    d += 1.0
    return d


def relu(a):
    """max(a, 0)."""
    return np.maximum(a, 0)


def relu_grad(y):
    """d relu/da expressed through the output y = relu(a) (0 at a = 0)."""
    return (y > 0).astype(np.result_type(y, np.float32))


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
