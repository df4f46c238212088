"""Small statistics for the chapters' seed-paired experiments: a sign test and a binomial
confidence interval, so that a page can say how strong a count over a few seeds is.

Training on small tasks amplifies last-bit differences of floating point, so a claim about a
cell is a claim about many seeds: the chapters report counts over fixed seeds with these.
"""
import math
import numbers

import numpy as np

from .validation import check_real

__all__ = ["sign_test", "wilson_interval"]


def _count(name, value):
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer count, got {type(value).__name__}")
    if value < 0:
        raise ValueError(f"{name} must be >= 0, got {value}")
    return int(value)


def sign_test(wins, losses):
    """Two-sided exact sign test for paired comparisons.

    Parameters
    ----------
    wins, losses : int >= 0
        Pairs (e.g. seeds) where the first method did better, and where the second did; ties
        are left out before calling.

    Returns
    -------
    float
        P(a split at least this lopsided, either way | both directions equally likely); 1.0
        when there are no untied pairs.
    """
    wins, losses = _count("wins", wins), _count("losses", losses)
    n, k = wins + losses, min(wins, losses)
    if n == 0:
        return 1.0
    return min(1.0, 2 * sum(math.comb(n, j) for j in range(k + 1)) / 2 ** n)


def wilson_interval(successes, n, confidence=0.95):
    """Wilson score interval for a binomial proportion ``successes / n``.

    Returns ``(low, high)``, within [0, 1]; better behaved than the normal approximation at
    the few-seed counts of the chapters (it never collapses to a point at 0 or n).
    """
    successes, n = _count("successes", successes), _count("n", n)
    if n == 0:
        raise ValueError("n must be >= 1")
    if successes > n:
        raise ValueError(f"successes must be <= n={n}, got {successes}")
    confidence = check_real("confidence", confidence, low=0.0, high=1.0, low_open=True,
                            high_open=True)
    z = _normal_quantile(0.5 + confidence / 2)
    p = successes / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return max(0.0, centre - half), min(1.0, centre + half)


def _normal_quantile(q):
    """Inverse of the standard normal CDF, by bisection on math.erf (to ~1e-12)."""
    low, high = -10.0, 10.0
    for _ in range(100):
        mid = (low + high) / 2
        if 0.5 * (1 + math.erf(mid / math.sqrt(2))) < q:
            low = mid
        else:
            high = mid
    return (low + high) / 2


# Helpers for a table over seeds (chapter 3's timing experiment): paired counts, jumps in a
# curve, and "median [min, max]".
__all__ += ["paired_wins", "count_jumps", "median_range"]


def paired_wins(a, b, *, better="lower"):
    """Paired comparison of two methods over the same seeds, ties left out.

    ``a`` and ``b`` are one value per seed (numbers, or booleans where ``True`` is a success);
    ``better`` says whether a ``"lower"`` or a ``"higher"`` value is better. Returns
    ``(wins, losses)``: the seeds where ``a`` did better, and those where ``b`` did, as ints,
    ready for :func:`sign_test`.
    """
    a, b = np.asarray(a), np.asarray(b)
    if a.shape != b.shape or a.ndim != 1:
        raise ValueError(f"a and b must be 1-D and of one shape, got {a.shape} and {b.shape}")
    if better not in ("lower", "higher"):
        raise ValueError(f"better must be 'lower' or 'higher', got {better!r}")
    if better == "higher":
        a, b = b, a
    return int(np.sum(a < b)), int(np.sum(b < a))


def count_jumps(values, rise):
    """How often a curve (e.g. a validation loss) rises by more than the fraction ``rise``
    from one value to the next: the number of ``k`` with ``values[k+1] > (1 + rise) *
    values[k]``."""
    values = np.asarray(values, dtype=float)
    if values.ndim != 1:
        raise ValueError(f"values must be 1-D, got shape {values.shape}")
    rise = check_real("rise", rise, low=0.0)
    return int(np.sum(values[1:] > (1 + rise) * values[:-1]))


def median_range(values, fmt="{:.0f}"):
    """``"median [min, max]"`` of ``values``, each formatted with ``fmt``."""
    values = np.asarray(values)
    if values.size == 0:
        raise ValueError("values must not be empty")
    return (f"{fmt.format(np.median(values))} [{fmt.format(values.min())}, "
            f"{fmt.format(values.max())}]")
