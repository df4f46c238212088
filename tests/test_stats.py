"""rnnbook.stats: the sign test (also paired) and the Wilson interval against hand-computed values."""
import math

import numpy as np
import pytest

from rnnbook.stats import (
    format_table,
    median_range,
    paired_sign_test,
    paired_signs,
    sign_test,
    sign_test_greater,
    wilson_interval,
)


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


@pytest.mark.parametrize("wins,losses,expected", [(5, 0, 1 / 32), (10, 0, 1 / 1024),
                                                  (4, 1, 6 / 32), (0, 3, 1.0), (0, 0, 1.0)])
def test_sign_test_greater_values(wins, losses, expected):
    assert sign_test_greater(wins, losses) == pytest.approx(expected, rel=1e-15)
    n = wins + losses     # the formula the chapters used before
    assert sign_test_greater(wins, losses) == sum(
        math.comb(n, k) for k in range(wins, n + 1)) / 2 ** n
    assert sign_test_greater(np.int64(wins), np.int64(losses)) == sign_test_greater(wins,
                                                                                    losses)


def test_sign_test_greater_halves_the_two_sided_test_when_lopsided():
    assert sign_test_greater(9, 1) == pytest.approx(sign_test(9, 1) / 2, rel=1e-15)
    with pytest.raises(ValueError):
        sign_test_greater(-1, 2)


def test_format_table():
    text = format_table([("seed", 4, "d"), ("name", 6, ""), ("mse", 8, ".3f"),
                         ("first", 6, "")], [(0, "LSTM", 0.12345, None), (1, "RNN", 2.0, 50)])
    assert text.splitlines() == ["seed  name     mse first",
                                 "   0  LSTM   0.123  None",
                                 "   1   RNN   2.000    50"]
    with pytest.raises(ValueError):
        format_table([("a", 3, "d")], [(1, 2)])


def test_paired_signs_counts_and_ties():
    a = np.array([1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0])
    b = np.array([2.0, 3.0, 4.0, 5.0, 6.0, 5.0, 7.0])      # a lower 5 times, higher once, a tie
    assert paired_signs(a, b) == (5, 1, sign_test(5, 1))
    assert paired_signs(b, a) == (1, 5, sign_test(5, 1))
    wins, losses, p = paired_signs(np.zeros(6), np.ones(6))
    assert (wins, losses) == (6, 0) and p == pytest.approx(2 / 64)
    wins, losses, p = paired_signs([np.inf, 1.0], [3.0, np.inf])   # never reached: infinite
    assert (wins, losses, p) == (1, 1, 1.0)


@pytest.mark.parametrize("a, b", [(np.zeros(3), np.zeros(4)), (np.zeros((2, 2)), np.zeros((2, 2)))])
def test_paired_signs_bad_shapes(a, b):
    with pytest.raises(ValueError, match="1-D"):
        paired_signs(a, b)


def test_median_range_formats():
    assert median_range([0.3, 0.1, 0.2], ".2f") == "0.20 [0.10, 0.30]"
    assert median_range([250, 300, 250, 200], ".0f") == "250 [200, 300]"
    assert median_range([550, 650, np.inf], ".0f") == "650 [550, \u2013]"
    assert median_range([550, np.inf, np.inf], ".0f") == "\u2013 [550, \u2013]"
    assert median_range([np.inf, np.inf], ".0f") == "\u2013"
    assert median_range([np.inf], ".0f", never="never") == "never"


@pytest.mark.parametrize("bad", [[], [[1.0]], [1.0, np.nan]])
def test_median_range_bad_input(bad):
    with pytest.raises(ValueError, match="values"):
        median_range(bad, ".2f")


def test_paired_sign_test_counts_discordant_pairs():
    a = np.array([True] * 9 + [False])
    b = np.array([False] * 9 + [False])
    assert paired_sign_test(a, b) == (9, 0, sign_test(9, 0))
    assert paired_sign_test(a, b)[2] == 2 / 2 ** 9          # two-sided: twice 1/512
    # ties (both or neither) are left out; the split is symmetric
    assert paired_sign_test([True, True, False, False], [True, False, True, False]) == (1, 1, 1.0)
    assert paired_sign_test([], []) == (0, 0, 1.0)


def test_paired_sign_test_rejects_unequal_lengths():
    with pytest.raises(ValueError):
        paired_sign_test([True], [True, False])


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
