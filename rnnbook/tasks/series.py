"""Géron's time series (chapter 1's forecasting): sums of two sine waves plus noise.

Géron 2nd ed., chapter 15 notebook, ``generate_time_series``: drawn from the same random stream,
so that chapter 1 reproduces his baselines exactly.
"""
import numbers

import numpy as np

from ..validation import check_positive_int

__all__ = ["geron_time_series"]


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
