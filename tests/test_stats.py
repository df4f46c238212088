"""rnnbook.stats: the sign test and the Wilson interval against hand-computed values."""
import math

import numpy as np
import pytest

from rnnbook.stats import sign_test, wilson_interval


@pytest.mark.parametrize("wins, losses, expected", [
    (7, 0, 2 / 2 ** 7),                      # 0.015625
    (8, 1, 2 * (1 + 9) / 2 ** 9),            # 0.0390625
    (4, 0, 0.125),
    (3, 3, 1.0),
    (0, 0, 1.0),
    (0, 5, 2 / 32),
    (10, 2, 2 * (1 + 12 + 66) / 2 ** 12),
])
def test_sign_test_values(wins, losses, expected):
    assert sign_test(wins, losses) == pytest.approx(expected, rel=1e-12)


def test_sign_test_symmetric_and_accepts_numpy_ints():
    assert sign_test(np.int64(9), np.int64(2)) == sign_test(2, 9)


@pytest.mark.parametrize("bad, err", [(True, TypeError), (1.5, TypeError), (-1, ValueError)])
def test_sign_test_bad_counts(bad, err):
    with pytest.raises(err, match="wins"):
        sign_test(bad, 3)


def test_wilson_interval_known_value():
    # 8 of 10 at 95 %: the textbook value (0.490, 0.943)
    low, high = wilson_interval(8, 10)
    assert low == pytest.approx(0.4902, abs=1e-4) and high == pytest.approx(0.9433, abs=1e-4)


def test_wilson_interval_ends_and_width():
    low, high = wilson_interval(0, 20)
    assert low == 0.0 and 0 < high < 0.2
    low, high = wilson_interval(20, 20)
    assert high == pytest.approx(1.0) and 0.8 < low < 1
    assert np.diff(wilson_interval(5, 10, 0.99)) > np.diff(wilson_interval(5, 10, 0.9))
    z = 1.959963984540054
    p, n = 0.3, 30
    c = (p + z * z / (2 * n)) / (1 + z * z / n)
    h = z / (1 + z * z / n) * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    assert wilson_interval(9, 30) == pytest.approx((c - h, c + h), rel=1e-9)


@pytest.mark.parametrize("args, err, match", [
    ((3, 0), ValueError, "n must be >= 1"),
    ((4, 3), ValueError, "successes must be <= n"),
    ((1, 3, 1.0), ValueError, "confidence"),
    ((1, 3, True), TypeError, "confidence"),
    ((1.0, 3), TypeError, "successes"),
])
def test_wilson_interval_bad_input(args, err, match):
    with pytest.raises(err, match=match):
        wilson_interval(*args)


@pytest.mark.parametrize("wins, losses, p", [
    (6, 0, 2 / 64), (0, 6, 2 / 64), (5, 1, 2 * 7 / 64), (8, 1, 2 * 10 / 512),
    (3, 3, 1.0), (0, 0, 1.0), (1, 0, 1.0), (10, 0, 2 / 1024)])
def test_sign_test_matches_hand_computed_binomial_tails(wins, losses, p):
    assert sign_test(wins, losses) == pytest.approx(p, rel=1e-12)


def test_sign_test_is_symmetric_and_never_above_one():
    for w in range(8):
        for k in range(8):
            assert sign_test(w, k) == sign_test(k, w) <= 1.0


def test_paired_wins_counts_and_leaves_out_ties():
    from rnnbook.stats import paired_wins
    a, b = np.array([1, 2, 3, 4, 4]), np.array([2, 2, 1, 5, 0])
    assert paired_wins(a, b) == (2, 2)                       # lower is better; one tie
    assert paired_wins(a, b, better="higher") == (2, 2)
    assert paired_wins([1, 1, 1], [2, 3, 0]) == (2, 1)
    held_a, held_b = np.array([True, True, False, False]), np.array([False, True, True, False])
    assert paired_wins(held_a, held_b, better="higher") == (1, 1)
    assert paired_wins([True, True], [False, False], better="higher") == (2, 0)
    assert all(type(k) is int for k in paired_wins(a, b))


@pytest.mark.parametrize("a, b, kw", [([1, 2], [1], {}), ([[1]], [[1]], {}),
                                      ([1], [2], {"better": "up"})])
def test_paired_wins_bad_input(a, b, kw):
    from rnnbook.stats import paired_wins
    with pytest.raises(ValueError):
        paired_wins(a, b, **kw)


def test_count_jumps():
    from rnnbook.stats import count_jumps
    loss = [1.0, 0.5, 0.7, 0.6, 0.66, 0.1, 1.0]
    assert count_jumps(loss, 0.2) == 2           # 0.5 -> 0.7 and 0.1 -> 1.0; 0.6 -> 0.66 is 10 %
    assert count_jumps(loss, 0.05) == 3
    assert count_jumps([1.0], 0.2) == 0 and count_jumps([3.0, 2.0, 1.0], 0.0) == 0
    with pytest.raises(ValueError):
        count_jumps([[1.0, 2.0]], 0.2)
    with pytest.raises(ValueError):
        count_jumps([1.0, 2.0], -0.1)


def test_median_range():
    from rnnbook.stats import median_range
    assert median_range([3, 1, 10, 4]) == "4 [1, 10]"     # median 3.5 rounds to even
    assert median_range(np.array([0.5, 0.25, 1.0]), "{:.2f}") == "0.50 [0.25, 1.00]"
    assert median_range([0.031, 0.0026, 0.15], "{:.2g}") == "0.031 [0.0026, 0.15]"
    with pytest.raises(ValueError):
        median_range([])
