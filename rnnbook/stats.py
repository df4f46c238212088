"""Small statistics for the chapters' seed-paired experiments: a sign test and a binomial
confidence interval, so that a page can say how strong a count over a few seeds is.

Training on small tasks amplifies last-bit differences of floating point, so a claim about a
cell is a claim about many seeds: the chapters report counts over fixed seeds with these.
"""
import math
import numbers

from .validation import check_real

__all__ = ["sign_test", "wilson_interval", "paired_sign_test"]


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


def paired_sign_test(success_a, success_b):
    """Sign test of two paired boolean outcomes, e.g. "run s succeeds on task A / on task B".

    Parameters
    ----------
    success_a, success_b : array-like of bool, same length
        One entry per pair (seed).

    Returns
    -------
    (only_a, only_b, p) : (int, int, float)
        The pairs where only A succeeds, those where only B does (ties, both or neither, are
        left out), and the two-sided :func:`sign_test` p-value of that split.
    """
    a, b = [bool(v) for v in success_a], [bool(v) for v in success_b]
    if len(a) != len(b):
        raise ValueError(f"paired outcomes need equal lengths, got {len(a)} and {len(b)}")
    only_a = sum(x and not y for x, y in zip(a, b))
    only_b = sum(y and not x for x, y in zip(a, b))
    return only_a, only_b, sign_test(only_a, only_b)


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
