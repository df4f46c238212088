"""rnnbook.peephole against TensorFlow: the TF1 peephole ``LSTMCell`` (in a child process,
via rnnbook.interop.tf1_peephole) and a small Keras 3 cell written from the equations
(rnnbook.interop.keras_peephole). Outputs, final states and gradients, float64 and float32."""
import numpy as np
import pytest

import rnnbook  # noqa: F401  (before tensorflow: silences its logs)
from rnnbook import peephole
from rnnbook.gradcheck import random_case
from rnnbook.interop.tf1_peephole import TF1_ORDER, from_tf1, tf1_forward_backward, to_tf1

SHAPES = [  # (batch, T, n_inputs, n_units)
    (1, 1, 1, 1),
    (2, 5, 3, 4),
    (3, 7, 2, 5),
    (4, 3, 6, 2),
]
FORGET_BIASES = [0.7, 1.0, 0.0, -0.4]   # TF1's default (1.0), none, and two others
TOLS = {"float64": (1e-10, 1e-12), "float32": (1e-4, 1e-5)}   # (rtol, atol)
FIELDS = ("W_x", "W_h", "b", "p_i", "p_f", "p_o")


CASES = [(shape, dtype, FORGET_BIASES[k % len(FORGET_BIASES)])
         for k, shape in enumerate(SHAPES) for dtype in ("float64", "float32")]


@pytest.fixture(scope="module")
def tf1_results():
    """All TF1 cases at once: one child process for the whole module."""
    inputs = []
    for k, (shape, dtype, fb) in enumerate(CASES):
        p, X, state0, dY = random_case("peephole LSTM", *shape, rng=100 + k, dtype=dtype)
        inputs.append({"params": p, "X": X, "state0": state0, "dY": dY, "forget_bias": fb})
    return inputs, tf1_forward_backward(inputs)


def assert_matches(case, ref, rtol, atol):
    p = case["params"]
    Y, cache = peephole.forward(p, case["X"], case["state0"])
    grads, dX, (dh0, dc0) = peephole.backward(p, cache, case["dY"])
    assert ref["Y"].dtype == Y.dtype
    np.testing.assert_allclose(Y, ref["Y"], rtol=rtol, atol=atol, err_msg="Y")
    np.testing.assert_allclose(Y[:, -1], ref["state"][0], rtol=rtol, atol=atol, err_msg="h_T")
    np.testing.assert_allclose(cache["c"][:, -1], ref["state"][1], rtol=rtol, atol=atol,
                               err_msg="c_T")
    for name in FIELDS:
        np.testing.assert_allclose(getattr(grads, name), getattr(ref["grads"], name),
                                   rtol=rtol, atol=atol, err_msg=f"d{name}")
    for name, ours, theirs in (("X", dX, ref["dX"]), ("h0", dh0, ref["dstate0"][0]),
                               ("c0", dc0, ref["dstate0"][1])):
        np.testing.assert_allclose(ours, theirs, rtol=rtol, atol=atol, err_msg=f"d{name}")


# -- the TF1 peephole LSTMCell ----------------------------------------------------------------

@pytest.mark.parametrize("k", range(len(CASES)), ids=[f"{s}-{d}-fb{fb}" for s, d, fb in CASES])
def test_tf1_peephole_cell_parity(tf1_results, k):
    inputs, results = tf1_results
    assert_matches(inputs[k], results[k], *TOLS[CASES[k][1]])


def forward_loop(p, X, state0, o_sees):
    """A plain NumPy peephole LSTM whose output gate peeks at the new c_t (``o_sees="new"``,
    right) or at c_{t-1} (``o_sees="prev"``, the mistake the cross-check must catch)."""
    h, c = state0
    n, ys = p.W_h.shape[0], []
    for t in range(X.shape[1]):
        a = X[:, t] @ p.W_x + h @ p.W_h + p.b
        i = 1 / (1 + np.exp(-(a[:, :n] + p.p_i * c)))
        f = 1 / (1 + np.exp(-(a[:, n:2 * n] + p.p_f * c)))
        c_prev = c
        c = f * c + i * np.tanh(a[:, 2 * n:3 * n])
        o = 1 / (1 + np.exp(-(a[:, 3 * n:] + p.p_o * (c if o_sees == "new" else c_prev))))
        h = o * np.tanh(c)
        ys.append(h)
    return np.stack(ys, axis=1)


def test_tf1_cross_check_can_fail(tf1_results):
    """The check is sensitive to the two easy mistakes: p_o on c_{t-1}, a forgotten forget_bias."""
    inputs, results = tf1_results
    k = next(j for j, c in enumerate(CASES) if c[0] == (2, 5, 3, 4) and c[1] == "float64")
    case, ref = inputs[k], results[k]
    assert case["forget_bias"] == 1.0
    p, X, state0 = case["params"], case["X"], case["state0"]
    np.testing.assert_allclose(forward_loop(p, X, state0, "new"), ref["Y"], rtol=1e-10,
                               atol=1e-12)
    assert np.max(np.abs(forward_loop(p, X, state0, "prev") - ref["Y"])) > 1e-3
    # Forgetting forget_bias in to_tf1 would make TF compute with b_f + forget_bias.
    b = p.b.copy()
    n = p.W_h.shape[0]
    b[n:2 * n] += case["forget_bias"]                           # the f block
    forgot = peephole.PeepholeParams(p.W_x, p.W_h, b, p.p_i, p.p_f, p.p_o)
    assert np.max(np.abs(peephole.forward(forgot, X, state0)[0] - ref["Y"])) > 1e-3


# -- the conversion ---------------------------------------------------------------------------

@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("forget_bias", [1.0, 0.0, -2.5])
def test_to_tf1_layout_and_round_trip(dtype, forget_bias):
    m, n = 3, 2
    # Every gate block g of W_x/W_h/b filled with the constant 10*(g+1) (+1 for W_h).
    blocks = np.repeat(np.arange(1, 5) * 10.0, n)                # [i, f, g, o] = 10, 20, 30, 40
    p = peephole.PeepholeParams(np.tile(blocks, (m, 1)).astype(dtype),
                                np.tile(blocks + 1, (n, 1)).astype(dtype),
                                blocks.astype(dtype), *(np.full(n, v, dtype) for v in (7, 8, 9)))
    w = to_tf1(p, forget_bias)
    assert w["kernel"].shape == (m + n, 4 * n) and w["bias"].shape == (4 * n,)
    assert {a.dtype for a in w.values()} == {np.dtype(dtype)}
    # TF1 order i, j(=g), f, o; rows [x; h]; forget_bias taken off the f block of the bias.
    np.testing.assert_array_equal(w["kernel"][:m], np.tile(np.repeat([10., 30, 20, 40], n),
                                                           (m, 1)))
    np.testing.assert_array_equal(w["kernel"][m:], np.tile(np.repeat([11., 31, 21, 41], n),
                                                           (n, 1)))
    np.testing.assert_allclose(w["bias"], np.repeat([10., 30, 20 - forget_bias, 40], n),
                               rtol=0, atol=1e-6)
    for tf_name, v in (("w_i_diag", 7), ("w_f_diag", 8), ("w_o_diag", 9)):
        np.testing.assert_array_equal(w[tf_name], np.full(n, v))
    back = from_tf1(w, forget_bias)
    for name in FIELDS:
        np.testing.assert_allclose(getattr(back, name), getattr(p, name), rtol=0, atol=1e-6)
    assert TF1_ORDER == (0, 2, 1, 3)


def test_to_tf1_does_not_alias_params():
    p, *_ = random_case("peephole LSTM", 1, 1, 2, 3, rng=0)
    b = p.b.copy()
    w = to_tf1(p)
    w["bias"][:] = 0
    w["w_i_diag"][:] = 0
    np.testing.assert_array_equal(p.b, b)
    assert np.all(p.p_i != 0)


@pytest.mark.parametrize("call,exc,match", [
    (lambda p: to_tf1("nope"), TypeError, "PeepholeParams"),
    (lambda p: to_tf1(p, forget_bias="1"), TypeError, "forget_bias"),
    (lambda p: to_tf1(peephole.PeepholeParams(p.W_x, p.W_h[:2], p.b, p.p_i, p.p_f, p.p_o)),
     ValueError, r"params.W_h must have shape \(3, 12\)"),
    (lambda p: from_tf1([1, 2]), TypeError, "dict"),
    (lambda p: from_tf1({"kernel": to_tf1(p)["kernel"]}), ValueError, "lacks"),
    (lambda p: from_tf1({**to_tf1(p), "bias": np.zeros(7)}), ValueError, "bias"),
    (lambda p: from_tf1({**to_tf1(p), "kernel": np.zeros((5, 8))}), ValueError, "kernel"),
    (lambda p: from_tf1({**to_tf1(p), "kernel": np.zeros((2, 12))}), ValueError, "kernel"),
    (lambda p: from_tf1({**to_tf1(p), "w_o_diag": np.zeros(4)}), ValueError, "w_o_diag"),
    (lambda p: from_tf1({**to_tf1(p), "w_f_diag": np.array(["a"] * 3)}), TypeError,
     "w_f_diag"),
])
def test_conversion_bad_input(call, exc, match):
    p, *_ = random_case("peephole LSTM", 1, 1, 2, 3, rng=0)
    with pytest.raises(exc, match=match):
        call(p)


def test_tf1_forward_backward_bad_input():
    p, X, state0, dY = random_case("peephole LSTM", 2, 3, 2, 3, rng=0)
    with pytest.raises(TypeError, match="non-empty list"):
        tf1_forward_backward([])
    with pytest.raises(ValueError, match=r"X must have shape \(batch, T, 2\)"):
        tf1_forward_backward([{"params": p, "X": X[..., :1], "state0": state0, "dY": dY}])
    with pytest.raises(ValueError, match=r"c0 must have shape \(2, 3\)"):
        tf1_forward_backward([{"params": p, "X": X, "state0": (state0[0], state0[1][:1]),
                               "dY": dY}])
    with pytest.raises(ValueError, match=r"dY must have shape \(2, 3, 3\)"):
        tf1_forward_backward([{"params": p, "X": X, "state0": state0, "dY": dY[:, :2]}])


# -- the Keras 3 cell written from the equations ----------------------------------------------

@pytest.mark.parametrize("dtype", ["float64", "float32"])
@pytest.mark.parametrize("batch,T,m,n", SHAPES[1:])
def test_keras_peephole_cell_parity(batch, T, m, n, dtype):
    import tensorflow as tf

    from rnnbook.interop.keras_peephole import to_keras_layer

    p, X, state0, dY = random_case("peephole LSTM", batch, T, m, n, rng=7, dtype=dtype)
    layer = to_keras_layer(p, return_state=True)
    Xt, h0, c0 = (tf.constant(a) for a in (X, *state0))
    with tf.GradientTape() as tape:
        tape.watch([Xt, h0, c0])
        Y, h_T, c_T = layer(Xt, initial_state=[h0, c0])
        loss = tf.reduce_sum(Y * tf.constant(dY))
    c = layer.cell
    g = tape.gradient(loss, [c.kernel, c.recurrent_kernel, c.bias, c.p_i, c.p_f, c.p_o,
                             Xt, h0, c0])
    ref = {"Y": Y.numpy(), "state": (h_T.numpy(), c_T.numpy()),
           "grads": peephole.PeepholeParams(*(np.asarray(a) for a in g[:6])),
           "dX": np.asarray(g[6]), "dstate0": (np.asarray(g[7]), np.asarray(g[8]))}
    assert_matches({"params": p, "X": X, "state0": state0, "dY": dY}, ref, *TOLS[dtype])


def test_to_keras_layer_bad_params():
    from rnnbook.interop.keras_peephole import to_keras_layer
    with pytest.raises(TypeError, match="PeepholeParams"):
        to_keras_layer(object())
    p, *_ = random_case("peephole LSTM", 1, 1, 2, 3, rng=0)
    with pytest.raises(ValueError, match=r"params.p_o must have shape \(3,\)"):
        to_keras_layer(peephole.PeepholeParams(p.W_x, p.W_h, p.b, p.p_i, p.p_f, p.p_o[:2]))
