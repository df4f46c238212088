"""The reversal task (chapter 6's encoder–decoder): read a sequence, write it backwards.

The first output is the last input, and the last output is the first input: no output step can
be computed from the inputs up to the same step, so a one-way sequence-to-sequence layer cannot
solve it, while an encoder–decoder, which reads everything before it writes, can.
"""

from ..validation import check_positive_int, check_rng

__all__ = ["reverse_task"]


def reverse_task(n, T, *, rng=None):
    """Sequences of values drawn uniformly from [−1, 1] and the same sequences reversed.

    Returns
    -------
    X, Y : ndarray, each (n, T, 1) float64
        ``Y[:, t] = X[:, T − 1 − t]``. Predicting 0 everywhere scores an MSE of 1/3.
    """
    n, T = check_positive_int("n", n), check_positive_int("T", T)
    X = check_rng("rng", rng).uniform(-1.0, 1.0, (n, T, 1))
    return X, X[:, ::-1].copy()
