"""Tests for rnnbook.lstm: shapes, the cell equations, BPTT, Keras parity, bad input."""
import dataclasses

import numpy as np
import pytest

import rnnbook  # noqa: F401  (before tensorflow: silences its logs)
from rnnbook import lstm
from rnnbook.cells import param_arrays
from rnnbook.gradcheck import check_cell
from rnnbook.interop.keras import from_keras, keras_forward_backward, to_keras

SHAPES = [  # (batch, T, n_inputs, n_units)
    (1, 1, 1, 1),
    (2, 5, 3, 4),
    (3, 7, 2, 5),
]


def random_case(batch, T, m, n, *, seed, dtype=np.float64):
    """Random params with a non-zero bias, random X and non-zero (h0, c0)."""
    rng = np.random.default_rng(seed)
    p = lstm.init_params(m, n, rng=rng)
    p = lstm.LSTMParams(p.W_x, p.W_h, rng.normal(0, 0.5, 4 * n))
    p = lstm.LSTMParams(*(a.astype(dtype) for a in (p.W_x, p.W_h, p.b)))
    X = rng.normal(size=(batch, T, m)).astype(dtype)
    state0 = (rng.normal(0, 0.5, (batch, n)).astype(dtype),
              rng.normal(0, 0.5, (batch, n)).astype(dtype))
    return p, X, state0, rng


# -- init_params ------------------------------------------------------------------------------

@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("unit_forget_bias", [True, False])
def test_init_params(dtype, unit_forget_bias):
    m, n = 3, 5
    p = lstm.init_params(m, n, rng=0, dtype=dtype, unit_forget_bias=unit_forget_bias)
    assert isinstance(p, lstm.LSTMParams)
    assert p.W_x.shape == (m, 4 * n) and p.W_h.shape == (n, 4 * n) and p.b.shape == (4 * n,)
    assert {p.W_x.dtype, p.W_h.dtype, p.b.dtype} == {np.dtype(dtype)}
    assert np.all(np.abs(p.W_x) <= np.sqrt(6 / (m + 4 * n)))  # Glorot-uniform limit
    np.testing.assert_allclose(p.W_h @ p.W_h.T, np.eye(n), atol=1e-6)  # orthonormal rows
    expected_b = np.zeros(4 * n)
    expected_b[n:2 * n] = 1.0 if unit_forget_bias else 0.0
    np.testing.assert_array_equal(p.b, expected_b.astype(dtype))


def test_init_params_reproducible():
    a, b = lstm.init_params(2, 3, rng=7), lstm.init_params(2, 3, rng=np.random.default_rng(7))
    for f in ("W_x", "W_h", "b"):
        np.testing.assert_array_equal(getattr(a, f), getattr(b, f))


# -- forward ----------------------------------------------------------------------------------

@pytest.mark.parametrize("batch,T,m,n", SHAPES)
def test_forward_shapes_and_equations(batch, T, m, n):
    p, X, (h0, c0), _ = random_case(batch, T, m, n, seed=1)
    Y, cache = lstm.forward(p, X, (h0, c0))
    assert Y.shape == (batch, T, n)
    assert set(cache) == set(lstm.CACHE_KEYS)
    for k in ("i", "f", "g", "o", "c", "tanh_c", "h"):
        assert cache[k].shape == (batch, T, n)
    for k in ("i", "f", "o"):
        assert np.all((cache[k] > 0) & (cache[k] < 1))
    c_prev = np.concatenate([c0[:, None], cache["c"][:, :-1]], axis=1)
    np.testing.assert_allclose(cache["c"], cache["f"] * c_prev + cache["i"] * cache["g"],
                               rtol=1e-13, atol=1e-14)
    np.testing.assert_allclose(Y, cache["o"] * np.tanh(cache["c"]), rtol=1e-13, atol=1e-14)


def test_forward_state0_none_is_zeros_and_steps_compose():
    p, X, state0, _ = random_case(2, 6, 3, 4, seed=2)
    zeros = (np.zeros((2, 4)), np.zeros((2, 4)))
    np.testing.assert_array_equal(lstm.forward(p, X)[0], lstm.forward(p, X, zeros)[0])
    # Running steps [0, 3) then [3, 6) from the carried (h, c) equals one run of 6 steps.
    Y, cache = lstm.forward(p, X, state0)
    Y1, c1 = lstm.forward(p, X[:, :3], state0)
    Y2, _ = lstm.forward(p, X[:, 3:], (Y1[:, -1], c1["c"][:, -1]))
    np.testing.assert_allclose(np.concatenate([Y1, Y2], axis=1), Y, rtol=1e-14, atol=1e-15)


def test_dtypes_and_integer_input():
    p, X, state0, _ = random_case(2, 4, 3, 2, seed=3, dtype=np.float32)
    Y, cache = lstm.forward(p, X, state0)
    assert Y.dtype == np.float32 and cache["c"].dtype == np.float32
    grads, dX, (dh0, dc0) = lstm.backward(p, cache, np.ones_like(Y))
    assert {a.dtype for a in (grads.W_x, grads.W_h, grads.b, dX, dh0, dc0)} == {np.dtype("f4")}
    p64 = lstm.LSTMParams(*(a.astype(np.float64) for a in (p.W_x, p.W_h, p.b)))
    Xi = np.arange(24).reshape(2, 4, 3) % 3  # integer X works as float
    np.testing.assert_array_equal(lstm.forward(p64, Xi)[0], lstm.forward(p64, Xi.astype(float))[0])


# -- backward ---------------------------------------------------------------------------------

@pytest.mark.parametrize("batch,T,m,n", SHAPES)
def test_gradient_check(batch, T, m, n):
    p, X, state0, _ = random_case(batch, T, m, n, seed=4)
    errors = check_cell(lstm, p, X, state0)
    assert set(errors) == {"W_x", "W_h", "b", "X", "state0[0]", "state0[1]"}
    assert max(errors.values()) < 1e-7, errors


def test_backward_shapes_and_purity():
    p, X, state0, rng = random_case(2, 5, 3, 4, seed=5)
    before = [a.copy() for a in (p.W_x, p.W_h, p.b)]
    Y, cache = lstm.forward(p, X, state0)
    grads, dX, (dh0, dc0) = lstm.backward(p, cache, rng.normal(size=Y.shape))
    assert isinstance(grads, lstm.LSTMParams)
    for g, a in zip((grads.W_x, grads.W_h, grads.b), (p.W_x, p.W_h, p.b)):
        assert g.shape == a.shape
    assert dX.shape == X.shape and dh0.shape == dc0.shape == (2, 4)
    for a, b in zip((p.W_x, p.W_h, p.b), before):  # backward never updates
        np.testing.assert_array_equal(a, b)


def test_forget_gate_one_input_gate_zero_keeps_c():
    # Saturate f to 1 and i to 0: c_t = c_{t-1} exactly (up to σ(±40) rounding), and with
    # W_h = 0 the error reaching c0 is the sum over t of what reaches each c_t from y_t:
    # dc0 = Σ_t dY_t ⊗ o_t ⊗ (1 − tanh²(c_t)).
    n = 3
    W_x, W_h = np.zeros((2, 4 * n)), np.zeros((n, 4 * n))
    b = np.zeros(4 * n)
    b[:n], b[n:2 * n] = -40.0, 40.0
    b[3 * n:] = np.array([0.3, -0.2, 0.1])  # output gate o = σ(b_o), not 1/2 everywhere
    p = lstm.LSTMParams(W_x, W_h, b)
    c0 = np.array([[0.5, -1.0, 2.0]])
    Y, cache = lstm.forward(p, np.ones((1, 10, 2)), (np.zeros((1, n)), c0))
    np.testing.assert_allclose(cache["c"], np.broadcast_to(c0[:, None], (1, 10, n)), rtol=1e-15)
    dY = np.random.default_rng(9).normal(size=Y.shape)
    _, _, (dh0, dc0) = lstm.backward(p, cache, dY)
    expected = np.sum(dY * cache["o"] * (1 - np.tanh(cache["c"]) ** 2), axis=1)
    np.testing.assert_allclose(dc0, expected, rtol=1e-13, atol=1e-15)
    np.testing.assert_array_equal(dh0, 0.0)  # W_h = 0: nothing flows back through h


# -- Keras parity -----------------------------------------------------------------------------

@pytest.mark.parametrize("dtype,rtol,atol", [("float64", 1e-10, 1e-12),
                                              ("float32", 1e-4, 1e-5)])
@pytest.mark.parametrize("batch,T,m,n", SHAPES)
def test_keras_parity(batch, T, m, n, dtype, rtol, atol):
    p, X, state0, rng = random_case(batch, T, m, n, seed=6, dtype=np.dtype(dtype))
    R = rng.normal(size=(batch, T, n)).astype(dtype)
    layer = to_keras(p)  # a Keras LSTM carrying p's weights
    assert layer.dtype_policy.variable_dtype == dtype
    # Keras's Y and its tf.GradientTape gradients of sum(Y ⊗ R), in rnnbook's form
    Y_k, grads_k, dX_k, (dh0_k, dc0_k) = keras_forward_backward(layer, X, state0, R)
    Y, cache = lstm.forward(p, X, state0)
    grads, dX, (dh0, dc0) = lstm.backward(p, cache, R)
    np.testing.assert_allclose(Y, Y_k, rtol=rtol, atol=atol)
    ours, theirs = param_arrays(grads), param_arrays(grads_k)
    assert set(ours) == set(theirs) == {"W_x", "W_h", "b"}
    for name in ours:
        np.testing.assert_allclose(ours[name], theirs[name], rtol=rtol, atol=atol, err_msg=name)
    for name, a, b in (("X", dX, dX_k), ("h0", dh0, dh0_k), ("c0", dc0, dc0_k)):
        np.testing.assert_allclose(a, b, rtol=rtol, atol=atol, err_msg=name)


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_keras_interop_round_trip(dtype):
    import keras
    rng = np.random.default_rng(8)
    m, n = 3, 4
    layer = keras.layers.LSTM(n, return_sequences=True, dtype=dtype)
    layer.build((None, None, m))
    weights = [rng.normal(size=w.shape).astype(dtype) for w in layer.get_weights()]
    layer.set_weights(weights)  # random kernel, recurrent kernel AND bias
    p = from_keras(layer)
    assert isinstance(p, lstm.LSTMParams)
    for ours, theirs in zip((p.W_x, p.W_h, p.b), weights):
        np.testing.assert_array_equal(ours, theirs)
    X = rng.normal(size=(2, 5, m)).astype(dtype)
    tol = dict(rtol=1e-10, atol=1e-12) if dtype == "float64" else dict(rtol=1e-4, atol=1e-5)
    np.testing.assert_allclose(lstm.forward(p, X)[0], np.asarray(layer(X)), **tol)
    back = to_keras(p)
    for ours, theirs in zip(back.get_weights(), weights):
        np.testing.assert_array_equal(ours, theirs)
    np.testing.assert_allclose(np.asarray(back(X)), np.asarray(layer(X)), rtol=0, atol=0)


# -- bad input --------------------------------------------------------------------------------

def _good():
    p = lstm.init_params(3, 4, rng=0)
    return p, np.zeros((2, 5, 3)), (np.zeros((2, 4)), np.zeros((2, 4)))


@pytest.mark.parametrize("change,exc,match", [
    (lambda p, X, s: (p, X[0], s), ValueError, r"X must have shape \(batch, T, 3\)"),
    (lambda p, X, s: (p, X[..., :2], s), ValueError, r"X must have shape \(batch, T, 3\)"),
    (lambda p, X, s: (p, X[:, :0], s), ValueError, "T > 0"),
    (lambda p, X, s: (p, X.astype(str), s), TypeError, "X must be a real numeric"),
    (lambda p, X, s: (p, np.full_like(X, np.nan), s), ValueError, "NaN"),
    (lambda p, X, s: (p, X, s[0]), TypeError, r"state0 must be None or a pair"),
    (lambda p, X, s: (p, X, (s[0][:1], s[1])), ValueError, r"h0\) must have shape \(2, 4\)"),
    (lambda p, X, s: (p, X, (s[0], s[1][:, :3])), ValueError, r"c0\) must have shape \(2, 4\)"),
    (lambda p, X, s: ("params", X, s), TypeError, "params must be LSTMParams"),
    (lambda p, X, s: (dataclasses.replace(p, W_h=p.W_h[:3]), X, s), ValueError,
     r"params.W_h must have shape \(4, 16\)"),
    (lambda p, X, s: (dataclasses.replace(p, b=p.b[:-1]), X, s), ValueError,
     r"params.b must have shape \(16,\)"),
    (lambda p, X, s: (dataclasses.replace(p, W_x=p.W_x[:, :-1]), X, s), ValueError,
     r"4\*n_units"),
    (lambda p, X, s: (dataclasses.replace(p, b=p.b.astype(np.float32)), X, s), TypeError,
     "share one dtype"),
    (lambda p, X, s: (dataclasses.replace(p, W_h=p.W_h.astype(np.float16)), X, s), TypeError,
     "params.W_h must be a float32 or float64 ndarray, got float16"),
    (lambda p, X, s: (dataclasses.replace(p, b=p.b.astype(np.int64)), X, s), TypeError,
     "params.b must be a float32 or float64 ndarray, got int64"),
    (lambda p, X, s: (dataclasses.replace(p, W_x=p.W_x.tolist()), X, s), TypeError,
     "params.W_x must be a float32 or float64 ndarray, got list"),
])
def test_forward_bad_input(change, exc, match):
    p, X, s = change(*_good())
    with pytest.raises(exc, match=match):
        lstm.forward(p, X, s)


def test_backward_bad_input():
    p, X, s = _good()
    Y, cache = lstm.forward(p, X, s)
    with pytest.raises(ValueError, match=r"dY must have shape \(2, 5, 4\)"):
        lstm.backward(p, cache, Y[:, :-1])
    with pytest.raises(TypeError, match="cache must be the dict"):
        lstm.backward(p, {"X": X}, Y)
    with pytest.raises(ValueError, match="cache does not match params"):
        lstm.backward(lstm.init_params(3, 5, rng=0), cache, np.zeros((2, 5, 5)))
    with pytest.raises(TypeError, match="params must be LSTMParams"):
        lstm.backward(None, cache, Y)
    p32 = lstm.LSTMParams(*(a.astype(np.float32) for a in (p.W_x, p.W_h, p.b)))
    with pytest.raises(ValueError, match="cache does not match params.*float64.*float32"):
        lstm.backward(p32, cache, Y)  # a float64 cache, float32 params


@pytest.mark.parametrize("kwargs,exc", [
    (dict(n_inputs=0, n_units=3), ValueError),
    (dict(n_inputs=2, n_units=-1), ValueError),
    (dict(n_inputs=2.5, n_units=3), TypeError),
    (dict(n_inputs=2, n_units=3, dtype=np.int32), TypeError),
    (dict(n_inputs=2, n_units=3, rng="seed"), TypeError),
    (dict(n_inputs=2, n_units=3, unit_forget_bias="no"), TypeError),
])
def test_init_params_bad_input(kwargs, exc):
    with pytest.raises(exc):
        lstm.init_params(**kwargs)
