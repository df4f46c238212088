"""The recall task (chapter 1's memory test): name the symbol seen ``lag`` steps ago."""
import numbers

import numpy as np

from ..validation import check_positive_int, check_rng

__all__ = ["recall_task"]


def recall_task(n, T, lag, *, n_symbols=4, rng=None):
    """One-hot random symbols; the target is the symbol seen ``lag`` steps before the last.

    Returns X (n, T, n_symbols) float64 and labels (n,) int. Chance accuracy is 1/n_symbols.
    """
    n, T = check_positive_int("n", n), check_positive_int("T", T)
    n_symbols = check_positive_int("n_symbols", n_symbols)
    if isinstance(lag, bool) or not (isinstance(lag, numbers.Integral) and 0 <= lag < T):
        raise ValueError(f"lag must be an int in [0, T={T}), got {lag!r}")
    rng = check_rng("rng", rng)
    symbols = rng.integers(0, n_symbols, (n, T))
    X = np.eye(n_symbols)[symbols]  # (n, T, n_symbols)
    return X, symbols[:, T - 1 - lag]
