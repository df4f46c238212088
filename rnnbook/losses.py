"""Loss functions, each returning ``(loss, dpred)`` with the mean taken over all elements.

Used by the training loop (:mod:`rnnbook.train`) of every chapter's experiments.
"""
import numpy as np

from .activations import sigmoid
from .validation import as_float_array, check_shape

__all__ = ["mse", "binary_cross_entropy_with_logits", "softmax_cross_entropy"]


def _non_empty(name, a):
    if a.size == 0:
        raise ValueError(f"{name} must not be empty (a mean over no elements), got shape {a.shape}")
    return a


def mse(pred, target):
    """Mean squared error L = mean((pred − target)²) and dL/dpred."""
    pred = _non_empty("pred", as_float_array("pred", pred))
    target = as_float_array("target", target, pred.shape, dtype=pred.dtype)
    diff = pred - target
    return float(np.mean(diff * diff)), 2.0 * diff / diff.size


def binary_cross_entropy_with_logits(logits, target):
    """Mean binary cross-entropy of σ(logits) against targets in [0, 1], and dL/dlogits.

    Written as max(a, 0) − a·y + log(1 + e^(−|a|)) so that no logit overflows.
    """
    a = _non_empty("logits", as_float_array("logits", logits))
    y = as_float_array("target", target, a.shape, dtype=a.dtype)
    if np.any((y < 0) | (y > 1)):
        raise ValueError("target must lie in [0, 1]")
    loss = np.maximum(a, 0) - a * y + np.log1p(np.exp(-np.abs(a)))
    return float(np.mean(loss)), (sigmoid(a) - y) / a.size


def softmax_cross_entropy(logits, labels):
    """Mean cross-entropy of softmax(logits) against integer class labels, and dL/dlogits.

    ``logits`` has shape (..., n_classes); ``labels`` has shape (...) with values in
    [0, n_classes).
    """
    a = as_float_array("logits", logits)
    if a.ndim == 0 or a.shape[-1] == 0:
        raise ValueError(f"logits must have shape (..., n_classes) with n_classes > 0, "
                         f"got {a.shape}")
    labels = np.asarray(labels)
    if labels.dtype.kind not in "iu":
        raise TypeError(f"labels must be integer class indices, got dtype {labels.dtype}")
    _non_empty("labels", check_shape("labels", labels, a.shape[:-1]))
    n_classes = a.shape[-1]
    if labels.size and (labels.min() < 0 or labels.max() >= n_classes):
        raise ValueError(f"labels must lie in [0, {n_classes}), got values in "
                         f"[{labels.min()}, {labels.max()}]")
    shifted = a - a.max(axis=-1, keepdims=True)
    log_p = shifted - np.log(np.sum(np.exp(shifted), axis=-1, keepdims=True))
    picked = np.take_along_axis(log_p, labels[..., None], axis=-1)[..., 0]
    d = np.exp(log_p) - np.eye(n_classes, dtype=a.dtype)[labels]  # softmax − one-hot
    return float(-np.mean(picked)), d / labels.size
