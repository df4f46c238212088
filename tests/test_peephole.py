"""Tests for rnnbook.peephole: BPTT, reduction to the LSTM, a per-equation reference, bad input."""
import dataclasses

import numpy as np
import pytest

import rnnbook  # noqa: F401  (before tensorflow: silences its logs)
from rnnbook import lstm, peephole
from rnnbook.gradcheck import random_case

SHAPES = [  # (batch, T, n_inputs, n_units)
    (1, 1, 1, 1),
    (2, 5, 3, 4),
    (3, 6, 2, 3),
]


def reference_forward(p, X, h0, c0):
    """Straightforward per-gate, per-equation peephole LSTM, one step at a time (no stacking)."""
    n = p.W_h.shape[0]
    sig = lambda a: 1.0 / (1.0 + np.exp(-a))  # noqa: E731
    blocks = {k: slice(j * n, (j + 1) * n) for j, k in enumerate("ifgo")}
    W_x = {k: p.W_x[:, s] for k, s in blocks.items()}
    W_h = {k: p.W_h[:, s] for k, s in blocks.items()}
    b = {k: p.b[s] for k, s in blocks.items()}
    h, c, ys = h0, c0, []
    for t in range(X.shape[1]):
        x = X[:, t]
        i = sig(x @ W_x["i"] + h @ W_h["i"] + p.p_i * c + b["i"])
        f = sig(x @ W_x["f"] + h @ W_h["f"] + p.p_f * c + b["f"])
        g = np.tanh(x @ W_x["g"] + h @ W_h["g"] + b["g"])
        c = f * c + i * g
        o = sig(x @ W_x["o"] + h @ W_h["o"] + p.p_o * c + b["o"])
        h = o * np.tanh(c)
        ys.append(h)
    return np.stack(ys, axis=1)


def test_init_params():
    p = peephole.init_params(3, 4, rng=0)
    base = lstm.init_params(3, 4, rng=0)
    assert isinstance(p, peephole.PeepholeParams)
    for name in ("W_x", "W_h", "b"):  # same draws as the LSTM with the same seed
        np.testing.assert_array_equal(getattr(p, name), getattr(base, name))
    for name in ("p_i", "p_f", "p_o"):
        np.testing.assert_array_equal(getattr(p, name), np.zeros(4))
    q = peephole.init_params(3, 4, rng=0, peephole_scale=0.1, dtype=np.float32)
    peeps = np.stack([q.p_i, q.p_f, q.p_o])
    assert peeps.dtype == np.float32 and np.all(np.abs(peeps) <= 0.1) and np.any(peeps != 0)
    with pytest.raises(ValueError, match="peephole_scale"):
        peephole.init_params(3, 4, peephole_scale=-1.0)
    with pytest.raises(TypeError, match="peephole_scale must be a real number"):
        peephole.init_params(3, 4, peephole_scale=True)


@pytest.mark.parametrize("batch,T,m,n", SHAPES)
def test_matches_per_equation_reference(batch, T, m, n):
    p, X, (h0, c0), _ = random_case("peephole LSTM", batch, T, m, n, rng=12)
    Y, _ = peephole.forward(p, X, (h0, c0))
    np.testing.assert_allclose(Y, reference_forward(p, X, h0, c0), rtol=1e-12, atol=1e-14)


@pytest.mark.parametrize("batch,T,m,n", SHAPES)
def test_zero_peepholes_equal_lstm_exactly(batch, T, m, n):
    p, X, state0, dY = random_case("peephole LSTM", batch, T, m, n, rng=13)
    zero = np.zeros(n)
    p = dataclasses.replace(p, p_i=zero, p_f=zero.copy(), p_o=zero.copy())
    q = lstm.LSTMParams(p.W_x, p.W_h, p.b)
    Y, cache = peephole.forward(p, X, state0)
    Y_l, cache_l = lstm.forward(q, X, state0)
    np.testing.assert_array_equal(Y, Y_l)
    grads, dX, (dh0, dc0) = peephole.backward(p, cache, dY)
    grads_l, dX_l, (dh0_l, dc0_l) = lstm.backward(q, cache_l, dY)
    for a, b in [(grads.W_x, grads_l.W_x), (grads.W_h, grads_l.W_h), (grads.b, grads_l.b),
                 (dX, dX_l), (dh0, dh0_l), (dc0, dc0_l)]:
        np.testing.assert_array_equal(a, b)
    # ... while the peepholes' own gradients are not zero: they can learn from zero.
    assert all(np.any(g != 0) for g in (grads.p_i, grads.p_f, grads.p_o))


@pytest.mark.parametrize("name", ["p_i", "p_f", "p_o"])
def test_each_peephole_changes_output(name):
    p, X, state0, _ = random_case("peephole LSTM", 2, 5, 3, 4, rng=14)
    Y, _ = peephole.forward(p, X, state0)
    changed = dataclasses.replace(p, **{name: getattr(p, name) + 0.5})
    Y2, _ = peephole.forward(changed, X, state0)
    assert np.max(np.abs(Y2 - Y)) > 1e-3
    if name == "p_o":  # p_o acts on the new c_t: it changes y already at t = 0 ...
        assert np.max(np.abs(Y2[:, 0] - Y[:, 0])) > 1e-3
    else:  # ... p_i, p_f only through c_{t-1}, which is c0 ≠ 0 at t = 0
        assert np.max(np.abs(Y2[:, 0] - Y[:, 0])) > 1e-4


def test_peephole_reads_cell_state_at_t0_only_if_nonzero():
    # With c0 = 0, p_i and p_f cannot affect the first step (they multiply c_{-1} = 0).
    p, X, (h0, _), _ = random_case("peephole LSTM", 2, 3, 3, 4, rng=15)
    c0 = np.zeros_like(h0)
    Y, _ = peephole.forward(p, X, (h0, c0))
    Y2, _ = peephole.forward(dataclasses.replace(p, p_i=p.p_i + 1, p_f=p.p_f - 1), X, (h0, c0))
    np.testing.assert_array_equal(Y2[:, 0], Y[:, 0])
    assert np.max(np.abs(Y2[:, 1:] - Y[:, 1:])) > 1e-3


@pytest.mark.parametrize("change,exc,match", [
    (lambda p: lstm.LSTMParams(p.W_x, p.W_h, p.b), TypeError, "params must be PeepholeParams"),
    (lambda p: dataclasses.replace(p, p_i=p.p_i[:-1]), ValueError,
     r"params.p_i must have shape \(4,\)"),
    (lambda p: dataclasses.replace(p, p_o=p.p_o[None]), ValueError,
     r"params.p_o must have shape \(4,\)"),
    (lambda p: dataclasses.replace(p, p_f=p.p_f.astype(np.float32)), TypeError,
     "share one dtype"),
    (lambda p: dataclasses.replace(p, p_f=np.array(["a"] * 4)), TypeError, "params.p_f"),
    (lambda p: dataclasses.replace(p, p_i=p.p_i.astype(np.float16)), TypeError,
     "params.p_i must be a float32 or float64 ndarray, got float16"),
])
def test_bad_params(change, exc, match):
    p, X, state0, _ = random_case("peephole LSTM", 2, 5, 3, 4, rng=17)
    with pytest.raises(exc, match=match):
        peephole.forward(change(p), X, state0)


def test_bad_input_and_cache():
    p, X, state0, _ = random_case("peephole LSTM", 2, 5, 3, 4, rng=18)
    with pytest.raises(ValueError, match=r"X must have shape \(batch, T, 3\)"):
        peephole.forward(p, X[..., :2], state0)
    with pytest.raises(ValueError, match=r"h0\) must have shape \(2, 4\)"):
        peephole.forward(p, X, (state0[0][:1], state0[1]))
    Y, cache = peephole.forward(p, X, state0)
    with pytest.raises(ValueError, match=r"dY must have shape \(2, 5, 4\)"):
        peephole.backward(p, cache, Y[..., :3])
    q = lstm.LSTMParams(p.W_x, p.W_h, p.b)
    _, lstm_cache = lstm.forward(q, X, state0)
    with pytest.raises(ValueError, match="not made by peephole.forward"):
        peephole.backward(p, lstm_cache, Y)
    with pytest.raises(ValueError, match="not made by lstm.forward"):
        lstm.backward(q, cache, Y)
