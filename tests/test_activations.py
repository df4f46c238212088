import numpy as np
import pytest

from rnnbook.activations import ACTIVATIONS, sigmoid
from rnnbook.gradcheck import numerical_gradient


def test_sigmoid_does_not_overflow_and_saturates_exactly():
    a = np.array([-1e4, -1e3, -800.0, 0.0, 800.0, 1e3, 1e4])
    with np.errstate(over="raise", under="ignore"):
        s = sigmoid(a)
    np.testing.assert_array_equal(s[[0, 1, 2]], 0.0)
    np.testing.assert_array_equal(s[[4, 5, 6]], 1.0)
    assert s[3] == 0.5


def test_sigmoid_matches_definition_where_that_is_safe():
    # The tanh form's error is absolute (that of tanh, about one ulp of 1), so it is compared
    # absolutely over the whole range; relative to σ it is within an ulp or two where σ ≥ ½.
    a = np.linspace(-30, 30, 601)
    exact = 1 / (1 + np.exp(-a))
    np.testing.assert_allclose(sigmoid(a), exact, rtol=0, atol=2.3e-16)
    np.testing.assert_allclose(sigmoid(a[a >= 0]), exact[a >= 0], rtol=4.5e-16, atol=0)


def test_sigmoid_is_symmetric_exactly_enough():
    a = np.linspace(-10, 10, 201)
    np.testing.assert_allclose(sigmoid(-a), 1 - sigmoid(a), rtol=0, atol=2.3e-16)


def test_sigmoid_keeps_float32():
    assert sigmoid(np.ones(3, np.float32)).dtype == np.float32
    assert sigmoid(np.float32(2.0)).dtype == np.float32


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_derivative_from_output_matches_finite_differences(name):
    fn, grad = ACTIVATIONS[name]
    a = np.random.default_rng(0).uniform(-3, 3, 50)
    a = a[np.abs(a) > 1e-3]  # relu has no derivative at 0
    numeric = numerical_gradient(lambda a: np.sum(fn(a)), {"a": a})["a"]
    np.testing.assert_allclose(grad(fn(a)), numeric, rtol=1e-7, atol=1e-9)
