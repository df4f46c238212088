"""A dense (fully connected) read-out: out = H W + b, applied to the last axis.

The chapters put it on top of a recurrent layer, on the last step or on every step.
"""
from dataclasses import dataclass

import numpy as np

from .initializers import glorot_uniform
from .validation import (
    as_float_array,
    check_dtype,
    check_param_arrays,
    check_positive_int,
    check_rng,
    check_shape,
)

__all__ = ["DenseParams", "init_params", "forward", "backward"]


@dataclass
class DenseParams:
    """W (n_inputs, n_outputs), b (n_outputs,)."""
    W: np.ndarray
    b: np.ndarray


def init_params(n_inputs, n_outputs, *, rng=None, dtype=np.float64):
    """Glorot-uniform W (Keras's default) and zero b."""
    n_inputs = check_positive_int("n_inputs", n_inputs)
    n_outputs = check_positive_int("n_outputs", n_outputs)
    rng, dtype = check_rng("rng", rng), check_dtype("dtype", dtype)
    return DenseParams(W=glorot_uniform(rng, (n_inputs, n_outputs), dtype),
                       b=np.zeros(n_outputs, dtype))


def _check_params(params):
    """Validate ``params``; return ``(n_inputs, n_outputs, dtype)``."""
    if not isinstance(params, DenseParams):
        raise TypeError(f"params must be DenseParams, got {type(params).__name__}")
    dtype = check_param_arrays({"params.W": params.W, "params.b": params.b})
    n_in, n_out = check_shape("params.W", params.W, ("n_inputs", "n_outputs")).shape
    check_shape("params.b", params.b, (n_out,))
    return n_in, n_out, dtype


def forward(params, H):
    """out = H W + b for H of shape (..., n_inputs); returns (out, cache)."""
    n_in, _, dtype = _check_params(params)
    H = as_float_array("H", H, dtype=dtype)
    if H.ndim < 1 or H.shape[-1] != n_in:
        raise ValueError(f"H must have shape (..., {n_in}), got {H.shape}")
    return H @ params.W + params.b, H


def backward(params, cache, dout):
    """Gradients of a scalar loss: returns (DenseParams of dW, db; dH)."""
    n_in, n_out, dtype = _check_params(params)
    H = cache
    if not isinstance(H, np.ndarray) or H.ndim < 1 or H.shape[-1] != n_in or H.dtype != dtype:
        raise ValueError(f"cache must be the H (..., {n_in}) that rnnbook.dense.forward returned "
                         f"for these {dtype} params")
    dout = as_float_array("dout", dout, H.shape[:-1] + (n_out,), dtype=dtype)
    H2, d2 = H.reshape(-1, n_in), dout.reshape(-1, n_out)
    return DenseParams(W=H2.T @ d2, b=d2.sum(axis=0)), dout @ params.W.T
