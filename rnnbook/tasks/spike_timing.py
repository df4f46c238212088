"""A precise-timing task for chapter 3 (:ref:`peephole-timing`): emit a spike a fixed delay
after a cue.

In the spirit of the "generating timed spikes" task of Gers, Schraudolph & Schmidhuber (2002),
who introduced peepholes for exactly this kind of problem: the input is silent except for one
cue spike at a random step t0; the target is silent except for one spike at t0 + delay. Nothing
in the input marks the moment to fire, so the network must count the steps since the cue in
its state and open its output exactly when the count is reached.
"""
import numpy as np

from ..validation import as_float_array, check_positive_int, check_rng, check_shape

__all__ = ["timed_spike", "spike_time_errors", "spike_time_accuracy"]


def timed_spike(n, T, delay, *, rng=None):
    """``n`` sequences of the timed-spike task.

    Parameters
    ----------
    n, T : int
        Number of sequences and their length.
    delay : int
        Steps from the cue to the target spike, 1 <= delay < T.
    rng : numpy.random.Generator

    Returns
    -------
    X : ndarray, (n, T, 1)
        1.0 at the cue step t0 ~ U{0, …, T − delay − 1}, 0 elsewhere.
    Y : ndarray, (n, T, 1)
        1.0 at step t0 + delay, 0 elsewhere (a per-step binary target).
    """
    n, T = check_positive_int("n", n), check_positive_int("T", T)
    delay = check_positive_int("delay", delay)
    if delay >= T:
        raise ValueError(f"delay must be smaller than T={T}, got {delay}")
    rng = check_rng("rng", rng)
    t0 = rng.integers(0, T - delay, n)            # (n,)
    rows = np.arange(n)
    X = np.zeros((n, T, 1))
    Y = np.zeros((n, T, 1))
    X[rows, t0, 0] = 1.0
    Y[rows, t0 + delay, 0] = 1.0
    return X, Y


def spike_time_errors(out, target):
    """Per sequence, the step at which the output peaks minus the step of the target spike.

    Parameters
    ----------
    out : array_like, (n, T, 1)
        The network's per-step output (logits or probabilities: only the argmax over time
        matters).
    target : array_like, (n, T, 1)
        One spike per sequence, as made by :func:`timed_spike`.

    Returns
    -------
    ndarray of int, (n,)
        0 where the network fires on time, −1 one step early, +2 two steps late …
    """
    out = as_float_array("out", out, ("n", "T", 1))
    target = as_float_array("target", target)
    check_shape("target", target, out.shape)
    return np.argmax(out[..., 0], axis=1) - np.argmax(target[..., 0], axis=1)  # (n,)


def spike_time_accuracy(out, target, tolerance=0):
    """Fraction of sequences whose output peaks within ``tolerance`` steps of the target spike
    (see :func:`spike_time_errors`); ``tolerance`` is an integer >= 0."""
    if isinstance(tolerance, bool) or not isinstance(tolerance, (int, np.integer)) \
            or tolerance < 0:
        raise ValueError(f"tolerance must be an integer >= 0, got {tolerance!r}")
    return float(np.mean(np.abs(spike_time_errors(out, target)) <= tolerance))
