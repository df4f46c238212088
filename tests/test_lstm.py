"""Tests for rnnbook.lstm: shapes, the cell equations, BPTT, Keras parity, bad input."""
import dataclasses

import numpy as np
import pytest

import rnnbook  # noqa: F401  (before tensorflow: silences its logs)
from rnnbook import lstm
from rnnbook.gradcheck import random_case

SHAPES = [  # (batch, T, n_inputs, n_units)
    (1, 1, 1, 1),
    (2, 5, 3, 4),
    (3, 7, 2, 5),
]


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


@pytest.mark.parametrize("batch,T,m,n", SHAPES)
def test_forward_shapes_and_equations(batch, T, m, n):
    p, X, (h0, c0), _ = random_case("LSTM", batch, T, m, n, rng=1)
    Y, cache = lstm.forward(p, X, (h0, c0))
    assert Y.shape == (batch, T, n)
    assert set(lstm.CACHE_KEYS) <= set(cache)
    for k in ("i", "f", "g", "o", "c", "h"):
        assert cache[k].shape == (batch, T, n)
    for k in ("i", "f", "o"):
        assert np.all((cache[k] > 0) & (cache[k] < 1))
    c_prev = np.concatenate([c0[:, None], cache["c"][:, :-1]], axis=1)
    np.testing.assert_allclose(cache["c"], cache["f"] * c_prev + cache["i"] * cache["g"],
                               rtol=1e-13, atol=1e-14)
    np.testing.assert_allclose(Y, cache["o"] * np.tanh(cache["c"]), rtol=1e-13, atol=1e-14)


def test_dtypes_and_integer_input():
    p, X, state0, _ = random_case("LSTM", 2, 4, 3, 2, rng=3, dtype=np.float32)
    Y, cache = lstm.forward(p, X, state0)
    assert Y.dtype == np.float32 and cache["c"].dtype == np.float32
    grads, dX, (dh0, dc0) = lstm.backward(p, cache, np.ones_like(Y))
    assert {a.dtype for a in (grads.W_x, grads.W_h, grads.b, dX, dh0, dc0)} == {np.dtype("f4")}
    p64 = lstm.LSTMParams(*(a.astype(np.float64) for a in (p.W_x, p.W_h, p.b)))
    Xi = np.arange(24).reshape(2, 4, 3) % 3  # integer X works as float
    np.testing.assert_array_equal(lstm.forward(p64, Xi)[0], lstm.forward(p64, Xi.astype(float))[0])


# -- backward ---------------------------------------------------------------------------------

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

def _good():
    p = lstm.init_params(3, 4, rng=0)
    return p, np.zeros((2, 5, 3)), (np.zeros((2, 4)), np.zeros((2, 4)))


@pytest.mark.parametrize("change,exc,match", [
    (lambda p, X, s: (p, X[0], s), ValueError, r"X must have shape \(batch, T, 3\)"),
    (lambda p, X, s: (p, X[..., :2], s), ValueError, r"X must have shape \(batch, T, 3\)"),
    (lambda p, X, s: (p, X[:, :0], s), ValueError, "at least one step"),
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


@pytest.mark.parametrize("batch,T,m,n", SHAPES)
def test_plain_teaching_version_equals_forward_and_backward(batch, T, m, n):
    """lstm_step / lstm_backward_plain (the chapter's equations as they read) compute what
    lstm.forward / lstm.backward compute: outputs, every gradient, dX and both dstate0."""
    rng = np.random.default_rng(23)
    p, X, (h0, c0), dY = random_case("LSTM", batch, T, m, n, rng=rng)
    assert np.any(p.b != 0) and np.any(h0 != 0) and np.any(c0 != 0)
    Y, cache = lstm.forward(p, X, (h0, c0))
    grads, dX, (dh0, dc0) = lstm.backward(p, cache, dY)
    Y_p, steps = lstm.lstm_forward_plain(p, X, (h0, c0))
    grads_p, dX_p, (dh0_p, dc0_p) = lstm.lstm_backward_plain(p, steps, dY)
    np.testing.assert_allclose(Y_p, Y, rtol=0, atol=1e-12)
    for k in ("i", "f", "g", "o", "c"):
        np.testing.assert_allclose(np.stack([s[k] for s in steps], axis=1), cache[k],
                                   rtol=0, atol=1e-12)
    for k in ("W_x", "W_h", "b"):
        np.testing.assert_allclose(getattr(grads_p, k), getattr(grads, k),
                                   rtol=1e-12, atol=1e-12)
    for a, b in ((dX_p, dX), (dh0_p, dh0), (dc0_p, dc0)):
        np.testing.assert_allclose(a, b, rtol=1e-12, atol=1e-12)
