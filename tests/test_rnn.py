"""Tests for rnnbook.rnn: shapes, initialisation, BPTT gradient check, Keras SimpleRNN parity,
and input validation."""
import dataclasses

import keras  # noqa: E402  (after rnnbook, which silences TF logs)
import numpy as np
import pytest

from rnnbook import rnn
from rnnbook.cells import param_arrays
from rnnbook.gradcheck import check_cell, random_params
from rnnbook.interop.keras import from_keras, keras_forward_backward, to_keras


def _random_params(rng, n_inputs, n_units, activation="tanh", dtype=np.float64):
    """Random weights with a non-zero bias (a zero bias would hide conversion bugs)."""
    return random_params(rnn, n_inputs, n_units, rng=rng, dtype=dtype, activation=activation)


# ---------------------------------------------------------------- shapes and initialisation
def test_init_params_like_keras():
    p = rnn.init_params(4, 6, rng=np.random.default_rng(1))
    limit = np.sqrt(6 / (4 + 6))
    assert np.all(np.abs(p.W_x) <= limit)
    np.testing.assert_allclose(p.W_y @ p.W_y.T, np.eye(6), atol=1e-12)  # orthogonal
    assert np.all(p.b == 0)
    assert p.activation == "tanh"
    same = rnn.init_params(4, 6, rng=np.random.default_rng(1))
    np.testing.assert_array_equal(p.W_x, same.W_x)
    np.testing.assert_array_equal(p.W_y, same.W_y)


def test_forward_is_the_recurrence_step_by_step():
    """Y equals the for-loop of eq. y_t = φ(x_t W_x + y_{t−1} W_y + b), one step per call."""
    rng = np.random.default_rng(3)
    p = _random_params(rng, 3, 4)
    X = rng.standard_normal((2, 6, 3))
    state = rng.standard_normal((2, 4))
    Y, _ = rnn.forward(p, X, state)
    for t in range(X.shape[1]):
        expected = np.tanh(X[:, t] @ p.W_x + state @ p.W_y + p.b)
        step, _ = rnn.forward(p, X[:, t:t + 1], state)
        np.testing.assert_allclose(step[:, 0], expected, rtol=0, atol=1e-14)
        np.testing.assert_allclose(Y[:, t], expected, rtol=0, atol=1e-14)
        state = expected


# ---------------------------------------------------------------- gradient check (float64)
# tanh, the default, is checked with every cell in test_cell_contract.py
@pytest.mark.parametrize("activation", ["relu", "linear", "sigmoid"])
@pytest.mark.parametrize("batch,T,n_inputs,n_units", [(2, 5, 3, 4), (1, 8, 1, 2)])
def test_gradient_check(activation, batch, T, n_inputs, n_units):
    rng = np.random.default_rng(5)
    p = _random_params(rng, n_inputs, n_units, activation)
    X = rng.standard_normal((batch, T, n_inputs))
    state0 = rng.standard_normal((batch, n_units))
    errors = check_cell(rnn, p, X, state0, rng=rng)
    assert set(errors) == {"W_x", "W_y", "b", "X", "state0"}
    for name, err in errors.items():
        assert err < 1e-7, f"{activation}: {name} relative error {err:.2e}"


# ---------------------------------------------------------------- Keras SimpleRNN parity
def _keras_pair(direction, rng, seed, n_inputs, n_units, activation, dtype):
    """A Keras SimpleRNN and the equivalent rnnbook params, built in one of two directions.

    "to_keras": random rnnbook params -> ``to_keras``; "from_keras": a Keras layer with random
    weights (non-zero bias) -> ``from_keras``.
    """
    if direction == "to_keras":
        p = _random_params(rng, n_inputs, n_units, activation, dtype=np.dtype(dtype))
        layer = to_keras(p)
    else:
        layer = keras.layers.SimpleRNN(
            n_units, activation=activation, return_sequences=True, dtype=dtype,
            kernel_initializer=keras.initializers.GlorotUniform(seed=seed),
            recurrent_initializer=keras.initializers.Orthogonal(seed=seed),
            bias_initializer=keras.initializers.RandomNormal(stddev=0.5, seed=seed))
        layer.build((None, None, n_inputs))
        p = from_keras(layer)
        assert p.activation == activation
        assert p.W_x.dtype == np.dtype(dtype)
        assert np.all(p.b != 0)
    return p, layer


# float64: agreement to rounding; float32: the stated tolerance of single precision.
TOLERANCES = {"float64": dict(rtol=1e-10, atol=1e-10), "float32": dict(rtol=1e-4, atol=1e-5)}


@pytest.mark.parametrize("direction", ["to_keras", "from_keras"])
@pytest.mark.parametrize("dtype", ["float64", "float32"])
# tanh through to_keras is in test_cell_contract.py; here the other activation, both ways
@pytest.mark.parametrize("activation", ["tanh", "relu"])
@pytest.mark.parametrize("seed,batch,T,n_inputs,n_units", [(10, 2, 5, 3, 4), (11, 3, 9, 2, 6),
                                                            (12, 1, 3, 5, 1)])
def test_keras_parity(direction, dtype, activation, seed, batch, T, n_inputs, n_units):
    rng = np.random.default_rng(seed)
    p, layer = _keras_pair(direction, rng, seed, n_inputs, n_units, activation, dtype)
    X = rng.standard_normal((batch, T, n_inputs)).astype(dtype)
    state0 = rng.standard_normal((batch, n_units)).astype(dtype)
    R = rng.standard_normal((batch, T, n_units)).astype(dtype)
    # Keras's Y and its tf.GradientTape gradients of Σ Y⊗R, as RNNParams / dX / dstate0
    Yk, gk, dXk, dstate0k = keras_forward_backward(layer, X, state0, R)

    Y, cache = rnn.forward(p, X, state0)
    grads, dX, dstate0 = rnn.backward(p, cache, R)
    tol = TOLERANCES[dtype]
    np.testing.assert_allclose(Y, Yk, **tol)
    mine, theirs = param_arrays(grads), param_arrays(gk)
    assert set(mine) == set(theirs) == {"W_x", "W_y", "b"}
    for name in mine:
        np.testing.assert_allclose(mine[name], theirs[name], **tol, err_msg=name)
    np.testing.assert_allclose(dX, dXk, **tol, err_msg="X")
    np.testing.assert_allclose(dstate0, dstate0k, **tol, err_msg="state0")


# ---------------------------------------------------------------- input validation
@pytest.fixture
def small():
    rng = np.random.default_rng(20)
    p = _random_params(rng, 3, 4)
    return p, rng.standard_normal((2, 5, 3))


@pytest.mark.parametrize("kwargs,exc,match", [
    (dict(n_inputs=0, n_units=3), ValueError, "n_inputs"),
    (dict(n_inputs=3, n_units=-1), ValueError, "n_units"),
    (dict(n_inputs=2.5, n_units=3), TypeError, "n_inputs"),
    (dict(n_inputs=3, n_units=3, dtype=np.int32), TypeError, "dtype"),
    (dict(n_inputs=3, n_units=3, activation="softsign"), ValueError, "activation"),
    (dict(n_inputs=3, n_units=3, rng="seed"), TypeError, "rng"),
])
def test_init_params_rejects(kwargs, exc, match):
    with pytest.raises(exc, match=match):
        rnn.init_params(**kwargs)


def test_rejects_bad_params(small):
    p, X = small
    with pytest.raises(TypeError, match="params must be an RNNParams"):
        rnn.forward({"W_x": p.W_x}, X)
    with pytest.raises(ValueError, match=r"params.W_y must have shape \(4, 4\)"):
        rnn.forward(dataclasses.replace(p, W_y=np.zeros((3, 4))), X)
    with pytest.raises(ValueError, match=r"params.b must have shape \(4,\)"):
        rnn.forward(dataclasses.replace(p, b=np.zeros((1, 4))), X)
    with pytest.raises(ValueError, match=r"params.W_x must have shape \(n_inputs, n_units\)"):
        rnn.forward(dataclasses.replace(p, W_x=np.zeros(3)), X)
    with pytest.raises(ValueError, match="params.activation"):
        rnn.forward(dataclasses.replace(p, activation="swish"), X)
    with pytest.raises(TypeError, match="share one dtype"):
        rnn.forward(dataclasses.replace(p, b=p.b.astype(np.float32)), X)
    for bad in (p.W_x.astype(np.float16), p.W_x.astype(np.int64), p.W_x.tolist()):
        with pytest.raises(TypeError, match="params.W_x must be a float32 or float64 ndarray"):
            rnn.forward(dataclasses.replace(p, W_x=bad), X)


def test_backward_rejects_bad_dY_and_cache(small):
    p, X = small
    Y, cache = rnn.forward(p, X)
    with pytest.raises(ValueError, match=r"dY must have shape \(2, 5, 4\), got \(2, 4, 4\)"):
        rnn.backward(p, cache, np.ones((2, 4, 4)))
    with pytest.raises(TypeError, match="cache must be the dict returned by"):
        rnn.backward(p, (Y,), np.ones_like(Y))
    with pytest.raises(TypeError, match="params must be an RNNParams"):
        rnn.backward(None, cache, np.ones_like(Y))
    with pytest.raises(ValueError, match=r"params.b must have shape \(4,\)"):
        rnn.backward(dataclasses.replace(p, b=np.zeros(5)), cache, np.ones_like(Y))
    with pytest.raises(ValueError, match=r"cache\['X_tm'\] must have shape \(T, batch, 2\)"):
        rnn.backward(dataclasses.replace(p, W_x=np.zeros((2, 4))), cache, np.ones_like(Y))
    p32 = dataclasses.replace(p, W_x=p.W_x.astype(np.float32), W_y=p.W_y.astype(np.float32),
                              b=p.b.astype(np.float32))
    with pytest.raises(ValueError, match="cache must come from rnnbook.rnn.forward with these "
                                         "float32 params"):
        rnn.backward(p32, cache, np.ones_like(Y))  # a float64 cache, float32 params


# ---------------------------------------------------------------- the chapter's diagram
@pytest.mark.parametrize("T", [1, 3])
def test_diagram_is_labelled_with_the_equation_symbols(T):
    import matplotlib.pyplot as plt

    from rnnbook.diagrams.rnn import draw_rnn
    fig, ax = draw_rnn(T)
    texts = {t.get_text() for t in ax.texts}
    plt.close(fig)
    for symbol in (r"$x_{(t)}$", r"$y_{(t)}$", r"$y_{(t-1)}$", r"$W_x$", r"$W_y$", r"$b$",
                   r"$\varphi$"):
        assert symbol in texts
    assert sum(t == r"$\varphi$" for t in [t.get_text() for t in ax.texts]) == T + 1


def test_diagram_rejects_bad_T():
    from rnnbook.diagrams.rnn import draw_rnn
    with pytest.raises(ValueError, match="T must be an int from 1 to 5"):
        draw_rnn(0)
