import numpy as np
import pytest

from rnnbook.cells import param_arrays
from rnnbook.gradcheck import gradient_check, numerical_gradient, random_params, relative_error


def test_numerical_gradient_of_a_function_of_several_arrays():
    rng = np.random.default_rng(0)
    A, x = rng.standard_normal((3, 4)), rng.standard_normal(4)
    g = numerical_gradient(lambda A, x: np.sum(np.tanh(A @ x)), {"A": A, "x": x})
    d = 1 - np.tanh(A @ x) ** 2
    np.testing.assert_allclose(g["A"], np.outer(d, x), rtol=1e-8, atol=1e-10)
    np.testing.assert_allclose(g["x"], A.T @ d, rtol=1e-8, atol=1e-10)


def test_numerical_gradient_leaves_inputs_unchanged():
    x = np.arange(3.0)
    numerical_gradient(lambda x: np.sum(x ** 2), {"x": x})
    np.testing.assert_array_equal(x, [0.0, 1.0, 2.0])


def test_gradient_check_flags_a_wrong_gradient():
    x = np.random.default_rng(1).standard_normal(5)
    errs_ok = gradient_check(lambda x: np.sum(x ** 3), {"x": x}, {"x": 3 * x ** 2})
    errs_bad = gradient_check(lambda x: np.sum(x ** 3), {"x": x}, {"x": 2 * x ** 2})
    assert errs_ok["x"] < 1e-8
    assert errs_bad["x"] > 1e-2


def test_relative_error():
    assert relative_error([1.0, 2.0], [1.0, 2.0]) == 0.0
    assert relative_error([1.0], [-1.0]) == 1.0
    with pytest.raises(ValueError, match="one shape"):
        relative_error(np.zeros(2), np.zeros(3))


def test_bad_arguments():
    with pytest.raises(TypeError, match="f must be callable"):
        numerical_gradient(3, {"x": np.zeros(1)})
    with pytest.raises(TypeError, match="arrays must be a non-empty dict"):
        numerical_gradient(np.sum, [np.zeros(1)])
    with pytest.raises(ValueError, match="eps must be a positive float"):
        numerical_gradient(lambda x: 0.0, {"x": np.zeros(1)}, eps=0)
    with pytest.raises(ValueError, match=r"analytic has no gradient for \['y'\]"):
        gradient_check(lambda x, y: 0.0, {"x": np.zeros(1), "y": np.zeros(1)}, {"x": np.zeros(1)})


def test_check_cell_flags_a_wrong_backward():
    """check_cell is what every cell's BPTT test relies on: it must see a wrong gradient."""
    from types import SimpleNamespace

    from rnnbook import rnn
    from rnnbook.gradcheck import check_cell
    rng = np.random.default_rng(2)
    p = rnn.init_params(2, 3, rng=rng)
    p.b[:] = rng.normal(0, 0.5, 3)
    X, h0 = rng.standard_normal((2, 4, 2)), rng.standard_normal((2, 3))
    assert max(check_cell(rnn, p, X, h0).values()) < 1e-7

    def backward_without_the_last_step(params, cache, dY):  # a classic BPTT slip
        dY = dY.copy()
        dY[:, -1] = 0
        return rnn.backward(params, cache, dY)

    # rng: a Generator, an int seed, or None (seed 0): the same draw of R gives the same errors
    assert check_cell(rnn, p, X, h0, rng=0) == check_cell(rnn, p, X, h0)
    assert check_cell(rnn, p, X, h0, rng=np.random.default_rng(0)) == check_cell(rnn, p, X, h0)
    with pytest.raises(TypeError, match="rng must be a numpy.random.Generator"):
        check_cell(rnn, p, X, h0, rng="0")

    broken = SimpleNamespace(forward=rnn.forward, backward=backward_without_the_last_step)
    errors = check_cell(broken, p, X, h0)
    assert set(errors) == {"W_x", "W_y", "b", "X", "state0"}
    assert min(errors.values()) > 1e-3, errors


@pytest.mark.parametrize("kwargs", [{}, {"reset_after": True}])
def test_random_params_draws_every_bias_after_the_weights(kwargs):
    from rnnbook import gru
    p = random_params(gru, 2, 3, rng=np.random.default_rng(5), dtype=np.float32, **kwargs)
    rng = np.random.default_rng(5)
    q = gru.init_params(2, 3, rng=rng, **kwargs)
    np.testing.assert_array_equal(p.W_h, q.W_h.astype(np.float32))
    np.testing.assert_array_equal(p.b, rng.normal(0, 0.5, 9).astype(np.float32))
    assert all(a.dtype == np.float32 for a in param_arrays(p).values())
    if kwargs:
        np.testing.assert_array_equal(p.b_h, rng.normal(0, 0.5, 9).astype(np.float32))
        assert np.all(p.b_h != 0)
