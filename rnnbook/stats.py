"""Small statistics for the chapters' seed-paired experiments: a sign test and a binomial
confidence interval, so that a page can say how strong a count over a few seeds is, the
paired count that feeds the sign test, and the "median [range]" a table reports per cell.

Training on small tasks amplifies last-bit differences of floating point, so a claim about a
cell is a claim about many seeds: the chapters report counts over fixed seeds with these.
"""
import math
import numbers

import numpy as np

from .validation import check_real

__all__ = ["sign_test", "wilson_interval", "sign_test_greater", "format_table",
           "paired_signs", "paired_sign_test", "median_range", "count_jumps"]


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

    Returns ``(only_a, only_b, p)``: the pairs where only A succeeds, those where only B does
    (both or neither are ties, left out), and the two-sided :func:`sign_test` p-value —
    :func:`paired_signs` with a success as the better (lower) score.
    """
    a, b = [bool(v) for v in success_a], [bool(v) for v in success_b]
    if len(a) != len(b):
        raise ValueError(f"paired outcomes need equal lengths, got {len(a)} and {len(b)}")
    return paired_signs(np.logical_not(a), np.logical_not(b))


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


def paired_signs(a, b):
    """Seed-paired comparison of two arrays of scores, lower is better.

    ``a[k]`` and ``b[k]`` are the scores of two methods on the same seed ``k``. Returns
    ``(wins, losses, p)``: the seeds where ``a < b``, those where ``a > b``, and the two-sided
    :func:`rnnbook.stats.sign_test` of that split (ties, equal scores, left out).
    """
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    if a.shape != b.shape or a.ndim != 1:
        raise ValueError(f"a and b must be 1-D and of one shape, got {a.shape} and {b.shape}")
    wins, losses = int(np.sum(a < b)), int(np.sum(a > b))
    return wins, losses, sign_test(wins, losses)


def median_range(values, fmt, never="\u2013"):
    """``"median [min, max]"`` of a few seeds' values, each formatted with ``fmt``.

    An infinite value (e.g. a run that never reached a level) is written ``never``; the median
    too, if it is infinite. If no value is finite the whole string is ``never``.
    """
    v = np.asarray(values, dtype=float)
    if v.ndim != 1 or v.size == 0 or np.isnan(v).any():
        raise ValueError("values must be a non-empty 1-D array without NaN")
    if not np.isfinite(v).any():
        return never
    med, lo, hi = (never if np.isinf(x) else format(x, fmt)
                   for x in (np.median(v), v.min(), v.max()))
    return f"{med} [{lo}, {hi}]"


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


def sign_test_greater(wins, losses):
    """One-sided exact sign test for paired comparisons.

    Parameters
    ----------
    wins, losses : int >= 0
        Pairs where the first method did better, and where it did worse (ties left out).

    Returns
    -------
    float
        P(at least ``wins`` wins among the ``wins + losses`` pairs | both directions equally
        likely); 1.0 when there are no untied pairs.
    """
    wins, losses = _count("wins", wins), _count("losses", losses)
    n = wins + losses
    return sum(math.comb(n, k) for k in range(wins, n + 1)) / 2 ** n


def format_table(columns, rows):
    """A plain-text table for a chapter's per-seed results.

    Parameters
    ----------
    columns : sequence of (heading, width, spec)
        Each column right-aligned in ``width`` characters, its values written with
        ``format(value, spec)`` (``spec`` "" writes ``str(value)``, e.g. ``None``).
    rows : iterable of sequences, one value per column

    Returns
    -------
    str
        The heading line and one line per row.
    """
    lines = ["".join(f"{heading:>{width}}" for heading, width, _ in columns)]
    for row in rows:
        if len(row) != len(columns):
            raise ValueError(f"a row has {len(row)} values for {len(columns)} columns")
        lines.append("".join(f"{format(value, spec):>{width}}"
                             for value, (_, width, spec) in zip(row, columns)))
    return "\n".join(lines)


def count_jumps(values, rise):
    """How often a curve (e.g. a validation loss) rises by more than the fraction ``rise``
    from one value to the next: the number of ``k`` with ``values[k+1] > (1 + rise) *
    values[k]``."""
    values = np.asarray(values, dtype=float)
    if values.ndim != 1:
        raise ValueError(f"values must be 1-D, got shape {values.shape}")
    rise = check_real("rise", rise, low=0.0)
    return int(np.sum(values[1:] > (1 + rise) * values[:-1]))
