"""Keras's default weight initializers, drawn from a ``np.random.Generator``.

Every cell's ``init_params`` uses them: Glorot-uniform input kernels and orthogonal recurrent
kernels, as Keras's recurrent layers do.
"""
import numpy as np

from .validation import check_dtype, check_positive_int, check_rng

__all__ = ["glorot_uniform", "orthogonal"]


def _shape(shape):
    if len(shape) != 2:
        raise ValueError(f"shape must be (rows, columns), got {shape!r}")
    return tuple(check_positive_int(f"shape[{k}]", s) for k, s in enumerate(shape))


def glorot_uniform(rng, shape, dtype=np.float64):
    """U(−l, l) with l = sqrt(6 / (rows + columns)) (Glorot & Bengio 2010)."""
    rows, cols = _shape(shape)
    limit = np.sqrt(6.0 / (rows + cols))
    W = check_rng("rng", rng).uniform(-limit, limit, (rows, cols))
    return W.astype(check_dtype("dtype", dtype))


def orthogonal(rng, shape, dtype=np.float64):
    """A matrix with orthonormal rows or columns (whichever are fewer), as Keras's Orthogonal.

    QR of a Gaussian matrix, with the signs of R's diagonal moved into Q so that the result is
    uniformly distributed; transposed when the matrix is wide. For an (n, k·n) recurrent kernel
    this makes the n rows of the whole matrix orthonormal, not each gate's (n, n) block.
    """
    rows, cols = _shape(shape)
    a = check_rng("rng", rng).standard_normal((max(rows, cols), min(rows, cols)))
    q, r = np.linalg.qr(a)
    q = q * np.sign(np.diag(r))
    return (q.T if rows < cols else q).astype(check_dtype("dtype", dtype))
