"""Measurements of how information and gradients travel through time.

``input_jacobian_norms`` gives ||∂y_(T−1)/∂x_(t)|| for every t using the cell's own ``backward``,
so chapter 1's vanishing/exploding curves and chapter 2's constant error carousel are measured
with the same tested code that trains the models.
"""
import numpy as np

from .validation import as_float_array

__all__ = ["input_jacobian_norms"]


def input_jacobian_norms(cell, params, X, state0=None):
    """Mean (over the batch) Frobenius norm of the Jacobian ∂y_(T−1)/∂x_(t), t = 0 … T−1.

    Parameters
    ----------
    cell : module of the rnnbook contract
    params : that cell's parameters
    X : ndarray, (batch, T, n_inputs)
    state0 : initial state or None

    Returns
    -------
    ndarray, (T,)
        Entry t is the norm for lag T−1−t: entry −1 is the direct dependence of the last output
        y_(T−1) on the last input x_(T−1).
    """
    X = as_float_array("X", X, ("batch", "T", "n_inputs"))
    Y, cache = cell.forward(params, X, state0)  # (batch, T, n_units)
    sq = np.zeros(X.shape[:2])  # (batch, T): Σ over output and input units of J²
    for k in range(Y.shape[2]):
        dY = np.zeros_like(Y)
        dY[:, -1, k] = 1.0  # one row of the Jacobian per backward pass
        _, dX, _ = cell.backward(params, cache, dY)  # (batch, T, n_inputs)
        sq += np.sum(dX * dX, axis=2)
    return np.sqrt(sq).mean(axis=0)
