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


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("make", [lambda v, dt: np.full(3, v, dt), lambda v, dt: np.array(v, dt),
                                  lambda v, dt: dt(v)], ids=["array", "0-d array", "scalar"])
@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_activations_keep_the_dtype(name, make, dtype):
    # NumPy 1.x promoted a float32 scalar times a Python float to float64 (make compat runs
    # this on NumPy 1.26): every activation and derivative keeps scalars and arrays' dtype.
    fn, grad = ACTIVATIONS[name]
    x = make(0.25, dtype)
    assert np.result_type(fn(x)) == dtype, fn(x)
    assert np.result_type(grad(fn(x))) == dtype, grad(fn(x))


def test_activations_of_python_numbers_and_ints_are_float64():
    for name, (fn, grad) in ACTIVATIONS.items():
        for x in (2, 0.5, np.arange(3)):
            assert np.result_type(grad(fn(np.asarray(x, float)))) == np.float64, name
    assert np.result_type(sigmoid(2)) == np.float64
    assert np.result_type(sigmoid(np.arange(3))) == np.float64


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_derivative_from_output_matches_finite_differences(name):
    fn, grad = ACTIVATIONS[name]
    a = np.random.default_rng(0).uniform(-3, 3, 50)
    a = a[np.abs(a) > 1e-3]  # relu has no derivative at 0
    numeric = numerical_gradient(lambda a: np.sum(fn(a)), {"a": a})["a"]
    np.testing.assert_allclose(grad(fn(a)), numeric, rtol=1e-7, atol=1e-9)
