"""Géron's time series (chapter 1's forecasting): sums of two sine waves plus noise.

Géron 2nd ed., chapter 15 notebook, ``generate_time_series``: drawn from the same random stream,
so that chapter 1 reproduces his baselines exactly.
"""
import numbers

import numpy as np

from ..validation import check_positive_int

__all__ = ["geron_time_series", "multi_step_targets", "naive_forecast", "noisy_sines"]


def geron_time_series(n_series, n_steps, *, seed=42):
    """Sums of two sine waves plus noise, (n_series, n_steps, 1) float32.

    Géron's ``generate_time_series`` drawn from ``np.random.RandomState(seed)``: the same stream
    as his ``np.random.seed(42)``, without touching NumPy's global state.
    """
    n_series = check_positive_int("n_series", n_series)
    n_steps = check_positive_int("n_steps", n_steps)
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral):
        raise TypeError(f"seed must be an int, got {type(seed).__name__} {seed!r}")
    rs = np.random.RandomState(seed)
    freq1, freq2, offsets1, offsets2 = rs.rand(4, n_series, 1)
    time = np.linspace(0, 1, n_steps)
    series = 0.5 * np.sin((time - offsets1) * (freq1 * 10 + 10))   # wave 1
    series += 0.2 * np.sin((time - offsets2) * (freq2 * 20 + 20))  # + wave 2
    series += 0.1 * (rs.rand(n_series, n_steps) - 0.5)             # + noise
    return series[..., np.newaxis].astype(np.float32)


def _check_series(series, n_steps, ahead):
    series = np.asarray(series)
    n_steps = check_positive_int("n_steps", n_steps)
    ahead = check_positive_int("ahead", ahead)
    if series.ndim != 3 or series.shape[2] != 1 or series.shape[1] != n_steps + ahead:
        raise ValueError(f"series must have shape (n_series, n_steps + ahead, 1) = "
                         f"(n_series, {n_steps + ahead}, 1), got {series.shape}")
    return series, n_steps, ahead


def multi_step_targets(series, n_steps, ahead):
    """Inputs and targets for forecasting ``ahead`` steps, as Géron's chapter 15 notebook.

    Parameters
    ----------
    series : ndarray, (n_series, n_steps + ahead, 1)
        E.g. ``geron_time_series(10000, 50 + 10)``.
    n_steps, ahead : int

    Returns
    -------
    X : ndarray, (n_series, n_steps, 1)
        The first ``n_steps`` values.
    Y : ndarray, (n_series, ahead)
        The next ``ahead`` values: the sequence-to-vector target.
    Y_seq : ndarray, (n_series, n_steps, ahead)
        The sequence-to-sequence target: at every step t, the ``ahead`` values after it,
        ``Y_seq[:, t, k−1] = series[:, t + k]``; its last step ``Y_seq[:, -1]`` is ``Y``.
    """
    series, n_steps, ahead = _check_series(series, n_steps, ahead)
    X, Y = series[:, :n_steps], series[:, n_steps:, 0]
    Y_seq = np.stack([series[:, k:k + n_steps, 0] for k in range(1, ahead + 1)], axis=-1)
    return X, Y, Y_seq


def naive_forecast(X, ahead):
    """Repeat the last value ``ahead`` times: (n_series, ahead) from X (n_series, n_steps, 1)."""
    X = np.asarray(X)
    ahead = check_positive_int("ahead", ahead)
    if X.ndim != 3 or X.shape[2] != 1 or X.shape[1] == 0:
        raise ValueError(f"X must have shape (n_series, n_steps, 1), got {X.shape}")
    return np.repeat(X[:, -1], ahead, axis=1)


def noisy_sines(n_series, n_steps, *, noise=0.2, seed=0):
    """A smoothing task for chapter 6: noisy series in, the clean series out, at every step.

    The clean series are sums of two sine waves drawn as in :func:`geron_time_series` (without
    its noise); X adds Gaussian noise of standard deviation ``noise``.

    Returns
    -------
    X, Y : ndarray, each (n_series, n_steps, 1) float64
    """
    n_series = check_positive_int("n_series", n_series)
    n_steps = check_positive_int("n_steps", n_steps)
    if isinstance(noise, bool) or not isinstance(noise, numbers.Real) or not noise >= 0:
        raise ValueError(f"noise must be a non-negative number, got {noise!r}")
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral):
        raise TypeError(f"seed must be an int, got {type(seed).__name__} {seed!r}")
    rng = np.random.default_rng(seed)
    freq1, freq2, offsets1, offsets2 = rng.random((4, n_series, 1))
    time = np.linspace(0, 1, n_steps)
    clean = (0.5 * np.sin((time - offsets1) * (freq1 * 10 + 10))
             + 0.2 * np.sin((time - offsets2) * (freq2 * 20 + 20)))       # (n_series, n_steps)
    noisy = clean + noise * rng.standard_normal(clean.shape)
    return noisy[..., None], clean[..., None]
