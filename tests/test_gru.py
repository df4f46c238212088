"""Tests for rnnbook.gru: shapes, BPTT gradient check, Keras parity (both reset_after variants)."""
import dataclasses

import numpy as np
import pytest

import rnnbook  # noqa: F401  (silences TensorFlow before it is imported)
from rnnbook import gru

VARIANTS = [False, True]  # reset_after


def random_params(n_inputs, n_units, reset_after, seed=0, dtype=np.float64):
    """Params with random non-zero biases (a zero bias hides conversion bugs)."""
    rng = np.random.default_rng(seed)
    p = gru.init_params(n_inputs, n_units, rng=rng, reset_after=reset_after)
    p.b = rng.normal(0, 0.5, 3 * n_units)
    if reset_after:
        p.b_h = rng.normal(0, 0.5, 3 * n_units)
    return dataclasses.replace(p, **{k: getattr(p, k).astype(dtype)
                                     for k in ("W_x", "W_h", "b", "b_h")
                                     if getattr(p, k) is not None})


def random_inputs(batch, T, n_inputs, n_units, seed=1, dtype=np.float64):
    rng = np.random.default_rng(seed)
    return (rng.normal(size=(batch, T, n_inputs)).astype(dtype),
            rng.normal(0, 0.5, size=(batch, n_units)).astype(dtype))


@pytest.mark.parametrize("reset_after", VARIANTS)
def test_init_params_shapes_and_init(reset_after):
    p = gru.init_params(3, 5, rng=np.random.default_rng(0), reset_after=reset_after)
    assert p.W_x.shape == (3, 15) and p.W_h.shape == (5, 15) and p.b.shape == (15,)
    assert p.reset_after is reset_after
    assert (p.b_h is not None) is reset_after
    if reset_after:
        assert p.b_h.shape == (15,)
    np.testing.assert_allclose(p.W_h @ p.W_h.T, np.eye(5), atol=1e-12)  # orthogonal rows
    assert np.all(np.abs(p.W_x) <= np.sqrt(6 / (3 + 15)))             # Glorot uniform
    q = gru.init_params(3, 5, rng=np.random.default_rng(0), reset_after=reset_after)
    np.testing.assert_array_equal(p.W_x, q.W_x)
    p32 = gru.init_params(3, 5, rng=0, dtype=np.float32, reset_after=reset_after)
    assert all(a.dtype == np.float32 for a in (p32.W_x, p32.W_h, p32.b))


@pytest.mark.parametrize("reset_after", VARIANTS)
@pytest.mark.parametrize("batch,T,m,n", [(1, 1, 1, 1), (2, 4, 3, 5), (3, 6, 2, 4)])
def test_forward_shapes_and_cache(reset_after, batch, T, m, n):
    p = random_params(m, n, reset_after)
    X, h0 = random_inputs(batch, T, m, n)
    Y, cache = gru.forward(p, X, h0)
    assert Y.shape == (batch, T, n)
    for k in ("z", "r", "g"):
        assert cache[k].shape == (batch, T, n)
    assert np.all((cache["z"] > 0) & (cache["z"] < 1) & (cache["r"] > 0) & (cache["r"] < 1))
    # Eq. gru-h: h_t = z ⊗ h_{t−1} + (1 − z) ⊗ g, recomputed from the cached gates
    H_prev = np.concatenate([h0[:, None], Y[:, :-1]], axis=1)
    np.testing.assert_allclose(Y, cache["z"] * H_prev + (1 - cache["z"]) * cache["g"],
                               rtol=1e-12, atol=1e-12)
    grads, dX, dh0 = gru.backward(p, cache, np.ones_like(Y))
    assert dX.shape == X.shape and dh0.shape == h0.shape
    assert type(grads) is gru.GRUParams and grads.reset_after is reset_after
    for k in ("W_x", "W_h", "b"):
        assert getattr(grads, k).shape == getattr(p, k).shape


@pytest.mark.parametrize("reset_after", VARIANTS)
def test_default_state_is_zero_and_int_input(reset_after):
    p = random_params(2, 3, reset_after)
    X = np.arange(12).reshape(2, 3, 2) % 3            # integers work as floats
    Y, _ = gru.forward(p, X)
    Y0, _ = gru.forward(p, X.astype(float), np.zeros((2, 3)))
    np.testing.assert_array_equal(Y, Y0)
    assert Y.dtype == np.float64


@pytest.mark.parametrize("reset_after", VARIANTS)
def test_update_gate_extremes(reset_after):
    """z → 1 copies h_{t−1} (nothing new enters); z → 0 replaces it by g (Eq. gru-h)."""
    p = random_params(2, 3, reset_after)
    X, h0 = random_inputs(2, 4, 2, 3)
    p.b[:3] = 40.0
    Y, cache = gru.forward(p, X, h0)
    np.testing.assert_allclose(Y, np.broadcast_to(h0[:, None], Y.shape), atol=1e-15)
    p.b[:3] = -40.0
    Y, cache = gru.forward(p, X, h0)
    np.testing.assert_allclose(Y, cache["g"], atol=1e-15)


@pytest.mark.parametrize("reset_after", VARIANTS)
def test_swapped_convention_is_the_same_model(reset_after):
    """h = (1 − z) h + z g (1st ed., Chung et al.) with the z blocks negated equals Eq. gru-h."""
    p = random_params(3, 4, reset_after)
    X, h0 = random_inputs(2, 6, 3, 4)
    neg = dataclasses.replace(p, **{k: getattr(p, k).copy() for k in ("W_x", "W_h", "b", "b_h")
                                    if getattr(p, k) is not None})
    for k in ("W_x", "W_h"):
        getattr(neg, k)[:, :4] *= -1
    neg.b[:4] *= -1
    if reset_after:
        neg.b_h[:4] *= -1
    Y = gru.forward(p, X, h0)[0]
    np.testing.assert_allclose(gru.forward_swapped(neg, X, h0), Y, rtol=1e-13, atol=1e-14)
    assert np.max(np.abs(gru.forward_swapped(p, X, h0) - Y)) > 1e-2  # not the same weights
    with pytest.raises(ValueError, match=r"X must have shape \(batch, T, 3\)"):
        gru.forward_swapped(p, X[..., :2])


def test_variants_agree_when_reset_gate_open_and_b_h_zero():
    """With r = 1 and b_h = 0, r ⊗ (h W_hg) = (r ⊗ h) W_hg: the two variants coincide."""
    p = random_params(2, 3, False)
    X, h0 = random_inputs(2, 4, 2, 3)
    p.b[3:6] = 40.0  # r = 1
    pa = dataclasses.replace(p, b_h=np.zeros(9))
    np.testing.assert_allclose(gru.forward(p, X, h0)[0], gru.forward(pa, X, h0)[0],
                               rtol=1e-13, atol=1e-14)
    p.b[3:6] = 0.0   # r = 1/2: now they differ
    pa = dataclasses.replace(p, b_h=np.zeros(9))
    assert np.max(np.abs(gru.forward(p, X, h0)[0] - gru.forward(pa, X, h0)[0])) > 1e-3


# ---------------------------------------------------------------- Keras / TensorFlow parity
# ---------------------------------------------------------------- bad input
GOOD = random_params(2, 3, False)


@pytest.mark.parametrize("call,exc,match", [
    (lambda: gru.forward(GOOD, np.zeros((2, 4))), ValueError, r"X must have shape \(batch, T, 2\)"),
    (lambda: gru.forward(GOOD, np.zeros((2, 4, 5))), ValueError, r"\(batch, T, 2\), got \(2, 4, 5\)"),
    (lambda: gru.forward(GOOD, np.zeros((2, 0, 2))), ValueError, "at least one"),
    (lambda: gru.forward(GOOD, np.zeros((2, 4, 2)), np.zeros((2, 4))), ValueError,
     r"state0 must have shape \(2, 3\)"),
    (lambda: gru.forward(GOOD, np.full((2, 4, 2), "a")), TypeError, "X must be a real numeric"),
    (lambda: gru.forward(GOOD, np.full((2, 4, 2), np.nan)), ValueError, "NaN"),
    (lambda: gru.forward("params", np.zeros((2, 4, 2))), TypeError, "GRUParams"),
    (lambda: gru.forward(dataclasses.replace(GOOD, W_h=np.zeros((3, 6))), np.zeros((2, 4, 2))),
     ValueError, r"W_h must have shape \(n_units, 3\*n_units\)"),
    (lambda: gru.forward(dataclasses.replace(GOOD, W_x=np.zeros((2, 6))), np.zeros((2, 4, 2))),
     ValueError, r"W_x must have shape \(n_inputs, 9\)"),
    (lambda: gru.forward(dataclasses.replace(GOOD, b=np.zeros(6)), np.zeros((2, 4, 2))),
     ValueError, r"params.b must have shape \(9,\)"),
    (lambda: gru.forward(dataclasses.replace(GOOD, b_h=np.zeros(3)), np.zeros((2, 4, 2))),
     ValueError, r"params.b_h must have shape \(9,\)"),
    (lambda: gru.forward(dataclasses.replace(GOOD, b=GOOD.b.astype(np.float32)),
                         np.zeros((2, 4, 2))), TypeError, "one dtype"),
    (lambda: gru.forward(dataclasses.replace(GOOD, W_x=[[0.0] * 9] * 2), np.zeros((2, 4, 2))),
     TypeError, "params.W_x must be a float32 or float64 ndarray"),
    (lambda: gru.backward(GOOD, *gru.forward(GOOD, np.zeros((2, 4, 2)))[1:], np.zeros((2, 4, 2))),
     ValueError, r"dY must have shape \(2, 4, 3\)"),
    (lambda: gru.backward(GOOD, {"X": 1}, np.zeros((2, 4, 3))), TypeError, "cache"),
    (lambda: gru.backward(random_params(2, 3, True), gru.forward(GOOD, np.zeros((2, 4, 2)))[1],
                          np.zeros((2, 4, 3))), ValueError, "reset_after"),
    (lambda: gru.forward(dataclasses.replace(GOOD, W_h=GOOD.W_h.astype(np.float16)),
                         np.zeros((2, 4, 2))), TypeError, "params.W_h must be a float32 or float64"),
    (lambda: gru.forward_swapped(GOOD, np.zeros((2, 0, 2))), ValueError, "at least one"),
    (lambda: gru.forward_swapped(GOOD, np.zeros((0, 4, 2))), ValueError, "at least one"),
    (lambda: gru.forward_swapped(GOOD, np.zeros((2, 4, 2)), np.zeros((2, 4))), ValueError,
     r"state0 must have shape \(2, 3\)"),
    (lambda: gru.backward(random_params(2, 3, False, dtype=np.float32),
                          gru.forward(GOOD, np.zeros((2, 4, 2)))[1], np.zeros((2, 4, 3))),
     ValueError, "cache does not match params.*float64.*float32"),
    (lambda: gru.init_params(0, 3), ValueError, "n_inputs must be a positive integer"),
    (lambda: gru.init_params(2, 2.5), TypeError, "n_units must be a positive integer"),
    (lambda: gru.init_params(2, 3, dtype=np.int32), TypeError, "float32 or float64"),
    (lambda: gru.init_params(2, 3, rng="seed"), TypeError, "rng"),
    (lambda: gru.init_params(2, 3, reset_after="yes"), TypeError, "reset_after must be a bool"),
])
def test_bad_input(call, exc, match):
    with pytest.raises(exc, match=match):
        call()


def test_reset_before_teaching_form_equals_gru():
    """The plain step of Eqs. (4.1)–(4.4) and its BPTT equal gru.forward/gru.backward."""
    rng = np.random.default_rng(2024)
    p = gru.init_params(3, 5, rng=rng)
    p.W_h = p.W_h + rng.normal(0, 0.3, p.W_h.shape)
    p.b = rng.normal(0, 0.5, p.b.shape)                    # non-zero biases
    X = rng.normal(size=(4, 7, 3))
    h0 = rng.normal(0, 0.5, size=(4, 5))                   # non-zero initial state
    dY = rng.normal(size=(4, 7, 5))
    Y, cache = gru.forward(p, X, h0)
    grads, dX, dh0 = gru.backward(p, cache, dY)
    Y_plain, saved = gru.forward_reset_before(p, X, h0)
    g_plain, dX_plain, dh0_plain = gru.bptt_reset_before(p, X, saved, dY)
    assert not p.reset_after and g_plain.b_h is None
    np.testing.assert_allclose(Y_plain, Y, rtol=1e-12, atol=1e-12)
    for name in ("W_x", "W_h", "b"):
        np.testing.assert_allclose(getattr(g_plain, name), getattr(grads, name),
                                   rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(dX_plain, dX, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(dh0_plain, dh0, rtol=1e-12, atol=1e-12)
    h1, (h_prev, z, r, g) = gru.step_reset_before(p, X[:, 0], h0)
    np.testing.assert_allclose(h1, Y[:, 0], rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(z, cache["z"][:, 0], rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(r, cache["r"][:, 0], rtol=1e-12, atol=1e-12)
