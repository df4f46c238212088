"""Measurements of how information and gradients travel through time.

``input_jacobian_norms`` gives ||∂y_(T−1)/∂x_(t)|| for every t using the cell's own ``backward``,
so chapter 1's vanishing/exploding curves and chapter 2's constant error carousel are measured
with the same tested code that trains the models. ``unit_correlations`` finds the unit whose
state follows a quantity (chapter 2's memory unit, chapter 7's bracket unit).
"""
import numpy as np

from .validation import as_float_array

__all__ = ["input_jacobian_norms", "unit_correlations"]


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


def unit_correlations(states, values):
    """Pearson correlation of every unit's state with one quantity, over T observations.

    Parameters
    ----------
    states : array_like (T, n_units)
        E.g. one sequence's c_t, ``cache["c"][0]`` of an LSTM (chapter 7), or the final
        long-term states of a batch, ``cache["c"][:, -1]`` (chapter 2).
    values : array_like (T,)
        E.g. ``text.text_properties(passage)["bracket depth"]``, or the batch's targets.

    Returns
    -------
    ndarray (n_units,)
        r per unit; 0 for a unit whose state never changes.
    """
    S = np.asarray(states, dtype=np.float64)
    v = np.asarray(values, dtype=np.float64)
    if S.ndim != 2 or v.shape != (S.shape[0],) or S.shape[0] < 2:
        raise ValueError(f"states must have shape (T, n_units) and values (T,) with T >= 2, "
                         f"got {S.shape} and {v.shape}")
    if v.std() == 0:
        raise ValueError("values must not be constant: a correlation with it is undefined")
    S = S - S.mean(axis=0)
    v = v - v.mean()
    norm = np.sqrt((S * S).sum(axis=0) * (v @ v))
    return np.divide(S.T @ v, norm, out=np.zeros(S.shape[1]), where=norm > 0)
