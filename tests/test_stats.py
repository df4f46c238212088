"""rnnbook.stats: the sign test against hand-computed binomial tails."""
import pytest

from rnnbook.stats import sign_test


@pytest.mark.parametrize("wins, losses, p", [
    (6, 0, 2 / 64), (0, 6, 2 / 64), (5, 1, 2 * 7 / 64), (8, 1, 2 * 10 / 512),
    (3, 3, 1.0), (0, 0, 1.0), (1, 0, 1.0), (10, 0, 2 / 1024)])
def test_sign_test_matches_binomial_tails(wins, losses, p):
    assert sign_test(wins, losses) == pytest.approx(p, rel=1e-12)


def test_sign_test_is_symmetric_and_never_above_one():
    for w in range(8):
        for l in range(8):
            assert sign_test(w, l) == sign_test(l, w) <= 1.0


@pytest.mark.parametrize("wins, losses", [(-1, 2), (2.0, 1), (True, 1), (1, None)])
def test_sign_test_rejects_bad_counts(wins, losses):
    with pytest.raises(ValueError, match="must be a non-negative int"):
        sign_test(wins, losses)
