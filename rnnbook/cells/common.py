"""What every cell's backpropagation through time shares.

The arrays of a forward pass are stored time-major, ``(T, batch, ·)``, so that the state of step
t is one contiguous block; the weight gradients are then one matrix product each, after the
loop over time.
"""
import numpy as np

__all__ = ["project", "outer_sum"]


def project(X, W, b):
    """x_t W + b for every step at once, time-major: ``(X_tm, A)`` with ``X_tm`` (T, batch, m)
    and ``A`` (T, batch, k) for ``X`` (batch, T, m), ``W`` (m, k), ``b`` (k,).

    The input part of every pre-activation does not depend on the recurrence, so it is one
    product of (T·batch, m) by (m, k) before the loop over time. ``X_tm`` is kept for BPTT.
    """
    T, batch, m = X.shape[1], X.shape[0], X.shape[2]
    X_tm = np.ascontiguousarray(X.transpose(1, 0, 2))                   # (T, batch, m)
    A = X_tm.reshape(T * batch, m) @ W                                  # (T·batch, k)
    A += b                      # in place: a second array of this size costs more than the add
    return X_tm, A.reshape(T, batch, -1)


def outer_sum(A, B):
    """Σ_t A_tᵀ B_t, summed over all steps t and the batch: the gradient of a weight matrix.

    ``A`` (T, batch, p) holds the inputs a weight matrix multiplied at every step (x_t, or the
    previous state), ``B`` (T, batch, q) the gradients δ_t of the pre-activations it produced;
    the result is (p, q). Written as one product of (p, T·batch) by (T·batch, q).
    """
    return A.reshape(-1, A.shape[-1]).T @ B.reshape(-1, B.shape[-1])
