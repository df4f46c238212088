import numpy as np
import pytest

from rnnbook.gradcheck import numerical_gradient
from rnnbook.losses import binary_cross_entropy_with_logits, mse, softmax_cross_entropy

rng = np.random.default_rng(0)


def _check(loss, pred, target):
    value, grad = loss(pred, target)
    numeric = numerical_gradient(lambda p: loss(p, target)[0], {"p": pred})["p"]
    np.testing.assert_allclose(grad, numeric, rtol=1e-6, atol=1e-10)
    return value


def test_mse_value_and_gradient():
    p, t = rng.standard_normal((4, 3)), rng.standard_normal((4, 3))
    assert _check(mse, p, t) == pytest.approx(np.mean((p - t) ** 2), rel=1e-15)


def test_bce_value_gradient_and_no_overflow():
    a, y = rng.standard_normal((5, 2)) * 3, rng.uniform(0, 1, (5, 2))
    expected = -np.mean(y * np.log(1 / (1 + np.exp(-a))) + (1 - y) * np.log(1 - 1 / (1 + np.exp(-a))))
    assert _check(binary_cross_entropy_with_logits, a, y) == pytest.approx(expected, rel=1e-12)
    with np.errstate(over="raise"):
        value, _ = binary_cross_entropy_with_logits(np.array([1e4, -1e4]), np.array([0.0, 1.0]))
    assert value == pytest.approx(1e4)


@pytest.mark.parametrize("shape", [(6, 4), (3, 5, 4)])
def test_softmax_cross_entropy(shape):
    a = rng.standard_normal(shape) * 2
    labels = rng.integers(0, shape[-1], shape[:-1])
    p = np.exp(a) / np.exp(a).sum(-1, keepdims=True)
    expected = -np.mean(np.log(np.take_along_axis(p, labels[..., None], -1)))
    assert _check(softmax_cross_entropy, a, labels) == pytest.approx(expected, rel=1e-12)


def test_bad_input():
    with pytest.raises(ValueError, match=r"target must have shape \(2, 3\), got \(3, 2\)"):
        mse(np.zeros((2, 3)), np.zeros((3, 2)))
    with pytest.raises(ValueError, match=r"target must lie in \[0, 1\]"):
        binary_cross_entropy_with_logits(np.zeros(2), np.array([0.0, 2.0]))
    with pytest.raises(TypeError, match="labels must be integer class indices"):
        softmax_cross_entropy(np.zeros((2, 3)), np.zeros(2))
    with pytest.raises(ValueError, match=r"labels must lie in \[0, 3\)"):
        softmax_cross_entropy(np.zeros((2, 3)), np.array([0, 3]))
    with pytest.raises(ValueError, match=r"labels must have shape \(2,\)"):
        softmax_cross_entropy(np.zeros((2, 3)), np.array([0, 1, 2]))



def test_empty_input_is_an_error_not_nan():
    with pytest.raises(ValueError, match="pred must not be empty"):
        mse(np.zeros((0, 3)), np.zeros((0, 3)))
    with pytest.raises(ValueError, match="logits must not be empty"):
        binary_cross_entropy_with_logits(np.zeros(0), np.zeros(0))
    with pytest.raises(ValueError, match="labels must not be empty"):
        softmax_cross_entropy(np.zeros((0, 3)), np.zeros(0, int))
    with pytest.raises(ValueError, match=r"logits must have shape \(\.\.\., n_classes\)"):
        softmax_cross_entropy(np.zeros(()), np.zeros((), int))
