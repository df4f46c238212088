"""Optimizers (SGD with momentum, Adam) and gradient-norm clipping.

They act on lists of parameter objects — any parameter trees (:mod:`rnnbook.params`), as
:func:`rnnbook.models.parameters` gives them — and update the arrays *in place*; the cells'
``backward`` functions only compute gradients. Clipping by global norm follows
Pascanu et al. (2013), the remedy for the exploding gradients of chapter 1.
"""
import numpy as np

from .params import leaves
from .validation import check_real

__all__ = ["SGD", "Adam", "clip_grad_norm", "global_norm"]


def _positive(name, value):
    return check_real(name, value, low=0, low_open=True)


def _fraction(name, value):
    return check_real(name, value, low=0, high=1, high_open=True)


def _pairs(params_list, grads_list):
    """(name, weight, gradient) for every array of ``params_list``, named as
    :func:`rnnbook.params.leaves` names it ("0.W_x", "2.fw.b" …)."""
    if len(params_list) != len(grads_list):
        raise ValueError(f"grads_list must have one entry per parameter object "
                         f"({len(params_list)}), got {len(grads_list)}")
    for k, (p, g) in enumerate(zip(params_list, grads_list)):
        if type(p) is not type(g):
            raise TypeError(f"grads_list[{k}] must be {type(p).__name__}, got {type(g).__name__}")
    gradients = leaves(list(grads_list))
    for name, w in leaves(list(params_list)).items():
        g = gradients.get(name)
        if g is None or g.shape != w.shape:
            k, _, field = name.partition(".")
            raise ValueError(f"grads_list[{k}].{field} must have shape {w.shape}")
        yield name, w, g


def global_norm(grads_list):
    """sqrt of the sum of squares of every gradient array."""
    return float(np.sqrt(sum(np.sum(np.square(a)) for a in leaves(list(grads_list)).values())))


def clip_grad_norm(grads_list, max_norm):
    """Scale all gradients together so that their global norm is at most ``max_norm``.

    Returns ``(grads_list, norm_before_clipping)``; the gradient objects are scaled in
    place.
    """
    _positive("max_norm", max_norm)
    norm = global_norm(grads_list)
    if not np.isfinite(norm):  # NaN would slip past the comparison below
        raise ValueError(f"grads_list must be finite, got a gradient norm of {norm}")
    if norm > max_norm:
        for a in leaves(list(grads_list)).values():
            a *= max_norm / norm
    return grads_list, norm


class SGD:
    """w ← w − lr · v with v ← momentum · v + g (plain SGD when momentum = 0)."""

    def __init__(self, lr=0.01, momentum=0.0):
        _positive("lr", lr)
        _fraction("momentum", momentum)
        self.lr, self.momentum, self.velocity = lr, momentum, {}

    def step(self, params_list, grads_list):
        """Update every array of ``params_list`` in place from the matching ``grads_list``."""
        for key, w, g in list(_pairs(params_list, grads_list)):
            v = self.velocity.get(key)
            # A copy: the velocity must not change if the caller reuses the gradient array.
            v = g.copy() if v is None or self.momentum == 0 else self.momentum * v + g
            self.velocity[key] = v
            w -= self.lr * v


class Adam:
    """Adam (Kingma & Ba 2015) with Keras's defaults (eps = 1e-7)."""

    def __init__(self, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-7):
        _positive("lr", lr)
        _fraction("beta1", beta1)
        _fraction("beta2", beta2)
        _positive("eps", eps)
        self.lr, self.beta1, self.beta2, self.eps = lr, beta1, beta2, eps
        self.m, self.v, self.t = {}, {}, 0

    def step(self, params_list, grads_list):
        """One Adam update, in place, of every array of ``params_list``; the moment estimates
        are kept per array, by its name in the tree."""
        pairs = list(_pairs(params_list, grads_list))
        self.t += 1
        b1, b2 = self.beta1, self.beta2
        lr_t = self.lr * np.sqrt(1 - b2 ** self.t) / (1 - b1 ** self.t)
        for key, w, g in pairs:
            m = self.m[key] = b1 * self.m.get(key, 0.0) + (1 - b1) * g
            v = self.v[key] = b2 * self.v.get(key, 0.0) + (1 - b2) * g * g
            w -= lr_t * m / (np.sqrt(v) + self.eps)
