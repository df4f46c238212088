"""A task the LSTM can only solve by forgetting: a running sum with reset markers (chapter 2).

In the adding problem (:mod:`rnnbook.tasks.adding`) nothing ever has to leave the long-term
state, so a trained LSTM keeps its forget gates near 1 throughout. Here the sum must be dropped
at the right moment, in the spirit of the continual streams of Gers, Schmidhuber & Cummins
(2000), where a cell without a forget gate lets its state grow without bound.

Every step carries three numbers: a value U[0, 1], an *add* marker and a *reset* marker (at most
one of the two markers is set). The target at every step is the sum of the values marked
since the last reset — the reset step itself clears the sum. A network that never forgets
keeps adding across resets; one that solves the task must empty its memory exactly at the
reset steps.
"""
import numpy as np

from ..validation import check_positive_int, check_real, check_rng

__all__ = ["running_sum_with_resets", "reset_steps"]


def running_sum_with_resets(n, T, *, p_add=0.2, p_reset=0.1, rng=None):
    """Sequences of the running-sum-with-resets task.

    Parameters
    ----------
    n : int
        Number of sequences.
    T : int
        Steps per sequence.
    p_add, p_reset : float
        Probability that a step is marked *add* or *reset* (each step is one or the other or
        neither, so ``p_add + p_reset`` must not exceed 1).
    rng : numpy.random.Generator

    Returns
    -------
    X : ndarray, shape (n, T, 3)
        Channel 0: the value U[0, 1]; channel 1: 1 at the *add* steps; channel 2: 1 at the
        *reset* steps.
    Y : ndarray, shape (n, T, 1)
        The sum of the values at the *add* steps since the last *reset* step (0 before the first
        *add*, and 0 at a *reset* step).
    """
    n, T = check_positive_int("n", n), check_positive_int("T", T)
    p_add = check_real("p_add", p_add, low=0, high=1)
    p_reset = check_real("p_reset", p_reset, low=0, high=1)
    if p_add + p_reset > 1:
        raise ValueError(f"p_add + p_reset must be at most 1, got {p_add} + {p_reset}")
    rng = check_rng("rng", rng)
    values = rng.uniform(0.0, 1.0, (n, T))
    kind = rng.uniform(0.0, 1.0, (n, T))
    add = (kind < p_add).astype(np.float64)                                      # (n, T)
    reset = ((kind >= p_add) & (kind < p_add + p_reset)).astype(np.float64)      # (n, T)
    Y = np.zeros((n, T))
    total = np.zeros(n)
    for t in range(T):
        total = np.where(reset[:, t] == 1, 0.0, total + add[:, t] * values[:, t])
        Y[:, t] = total
    return np.stack([values, add, reset], axis=-1), Y[..., None]


def reset_steps(X):
    """Boolean mask (n, T) of the *reset* steps of ``X`` from :func:`running_sum_with_resets`."""
    X = np.asarray(X)
    if X.ndim != 3 or X.shape[-1] != 3:
        raise ValueError(f"X must have shape (n, T, 3) as running_sum_with_resets returns, "
                         f"got {X.shape}")
    return X[..., 2] == 1
