"""Small statistics for claims made over a handful of seeds (chapters 4 and 5).

Training on small tasks amplifies last-bit differences of floating point, so a claim about
cells is made over several seeds, paired (the same seed gives two cells the same data and the
same start) and counted: in how many seeds was cell A better than cell B? :func:`sign_test`
says how surprising that count would be if neither cell were better.
"""
from math import comb

from .validation import check_positive_int

__all__ = ["sign_test"]


def sign_test(wins, losses):
    """Two-sided exact sign test: p-value of ``wins`` against ``losses`` under p = 1/2.

    Parameters
    ----------
    wins, losses : int
        Paired comparisons (e.g. seeds) that went one way and the other; ties are left out
        before calling.

    Returns
    -------
    float
        P(a split at least as uneven as this one) for a fair coin tossed ``wins + losses``
        times, capped at 1; 1.0 when there is no comparison at all. Six out of six gives
        2 · 0.5⁶ ≈ 0.031, five out of six ≈ 0.22.
    """
    for name, value in (("wins", wins), ("losses", losses)):
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ValueError(f"{name} must be a non-negative int, got {value!r}")
    n = wins + losses
    if n == 0:
        return 1.0
    n = check_positive_int("wins + losses", n)
    k = min(wins, losses)
    tail = sum(comb(n, i) for i in range(k + 1)) / 2 ** n
    return min(1.0, 2 * tail)
