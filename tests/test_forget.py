"""rnnbook.tasks.forget: the running sum with reset markers (chapter 2)."""
import numpy as np
import pytest

from rnnbook.tasks.forget import reset_steps, running_sum_with_resets


def test_shapes_channels_and_markers():
    X, Y = running_sum_with_resets(50, 30, rng=np.random.default_rng(0))
    assert X.shape == (50, 30, 3) and Y.shape == (50, 30, 1)
    assert np.all((X[..., 0] >= 0) & (X[..., 0] < 1))
    assert set(np.unique(X[..., 1:])) <= {0.0, 1.0}
    assert not np.any((X[..., 1] == 1) & (X[..., 2] == 1))        # never both markers
    np.testing.assert_array_equal(reset_steps(X), X[..., 2] == 1)


def test_target_is_the_sum_since_the_last_reset():
    X, Y = running_sum_with_resets(20, 25, rng=np.random.default_rng(1))
    for x, y in zip(X, Y[..., 0]):
        total = 0.0
        for t in range(25):
            total = 0.0 if x[t, 2] == 1 else total + x[t, 0] * x[t, 1]
            assert y[t] == pytest.approx(total, abs=1e-12)
    assert np.all(Y[reset_steps(X)] == 0)


def test_marker_rates():
    X, _ = running_sum_with_resets(2000, 50, p_add=0.3, p_reset=0.05,
                                   rng=np.random.default_rng(2))
    assert abs(X[..., 1].mean() - 0.3) < 0.01 and abs(X[..., 2].mean() - 0.05) < 0.005


def test_same_seed_same_data():
    a = running_sum_with_resets(5, 10, rng=np.random.default_rng(3))
    b = running_sum_with_resets(5, 10, rng=np.random.default_rng(3))
    for u, v in zip(a, b):
        np.testing.assert_array_equal(u, v)


@pytest.mark.parametrize("kwargs, error, match", [
    (dict(n=0, T=5), ValueError, "n"),
    (dict(n=2, T=5, p_add=0.7, p_reset=0.5), ValueError, "p_add \\+ p_reset"),
    (dict(n=2, T=5, p_reset=-0.1), ValueError, "p_reset"),
    (dict(n=2, T=5, p_add=True), TypeError, "p_add"),
])
def test_bad_arguments(kwargs, error, match):
    with pytest.raises(error, match=match):
        running_sum_with_resets(**kwargs, rng=np.random.default_rng(0))


def test_reset_steps_checks_its_input():
    with pytest.raises(ValueError, match="X must have shape"):
        reset_steps(np.zeros((2, 5, 2)))
