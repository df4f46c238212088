"""Conversion errors of rnnbook.interop.keras (each cell's parity tests live in its own module)."""
import keras
import numpy as np
import pytest

import rnnbook  # noqa: F401  (silences TensorFlow before it is imported)
from rnnbook import dense, gru, lstm, rnn
from rnnbook.cells import REGISTRY
from rnnbook.interop.keras import from_keras, keras_forward_backward, to_keras

# The registered cells that a Keras layer computes with their own weight layout (a cell computed
# through a twin with tied weights, as the CIFG, is cross-checked by test_cell_contract).
KERAS_CELLS = {name: c for name, c in REGISTRY.items()
               if c.keras is not None and not hasattr(c.module, "to_twin")}
CELLS = [(c.module, dict(c.kwargs)) for c in KERAS_CELLS.values()]
IDS = list(KERAS_CELLS)


def test_unbuilt_layer_is_rejected():
    with pytest.raises(ValueError, match="layer must be built"):
        from_keras(keras.layers.LSTM(3))


def test_other_layers_are_rejected():
    layer = keras.layers.Dense(3)
    layer.build((None, 2))
    with pytest.raises(TypeError, match="layer must be a Keras SimpleRNN, LSTM or GRU layer, got Dense"):
        from_keras(layer)
    with pytest.raises(TypeError, match="params must be RNNParams, LSTMParams, GRUParams, "
                                        "BidirectionalParams or those of a cell"):
        to_keras(dense.init_params(2, 3, rng=0))


def test_layer_without_bias_is_rejected():
    layer = keras.layers.GRU(3, use_bias=False)
    layer.build((None, None, 2))
    with pytest.raises(ValueError, match="layer must use a bias"):
        from_keras(layer)


def test_activation_mismatch_is_rejected():
    layer = keras.layers.LSTM(3, activation="relu")
    layer.build((None, None, 2))
    with pytest.raises(ValueError, match="layer activation must be 'tanh'"):
        from_keras(layer)


@pytest.mark.parametrize("cell, kwargs", CELLS, ids=IDS)
def test_round_trip_is_a_copy(cell, kwargs):
    rng = np.random.default_rng(0)
    p = cell.init_params(2, 3, rng=rng, **kwargs)
    for a in (p.b, getattr(p, "b_h", None)):  # random biases: zeros would hide b <-> b_h swaps
        if a is not None:
            a[:] = rng.normal(0, 0.5, a.shape)
    q = from_keras(to_keras(p))
    assert type(q) is type(p)
    for name, a in vars(p).items():
        if isinstance(a, np.ndarray):
            np.testing.assert_array_equal(getattr(q, name), a)
            assert not np.shares_memory(getattr(q, name), a)


@pytest.mark.parametrize("cell, kwargs", CELLS, ids=IDS)
def test_keras_forward_backward_matches_rnnbook(cell, kwargs):
    # The helper only renames TensorFlow's gradients; each cell's own tests cover more shapes.
    rng = np.random.default_rng(3)
    p = cell.init_params(2, 3, rng=rng, **kwargs)
    for a in (p.b, getattr(p, "b_h", None)):
        if a is not None:
            a[:] = rng.normal(0, 0.5, a.shape)
    X, dY = rng.standard_normal((4, 5, 2)), rng.standard_normal((4, 5, 3))
    state0 = rng.standard_normal((4, 3))
    if cell is lstm:
        state0 = (state0, rng.standard_normal((4, 3)))
    Y, cache = cell.forward(p, X, state0)
    grads, dX, dstate0 = cell.backward(p, cache, dY)
    Yk, gk, dXk, dstate0k = keras_forward_backward(to_keras(p), X, state0, dY)
    assert type(gk) is type(grads)
    np.testing.assert_allclose(Yk, Y, rtol=1e-12, atol=1e-14)
    for name, a in vars(grads).items():
        if isinstance(a, np.ndarray):
            np.testing.assert_allclose(getattr(gk, name), a, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(dXk, dX, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(np.array(dstate0k), np.array(dstate0), rtol=1e-10, atol=1e-12)


def test_keras_forward_backward_needs_sequences():
    layer = to_keras(rnn.init_params(2, 3, rng=0), return_sequences=False)
    with pytest.raises(ValueError, match="layer must return sequences"):
        keras_forward_backward(layer, np.zeros((1, 2, 2)), np.zeros((1, 3)), np.zeros((1, 2, 3)))


def test_to_keras_validates_params_like_the_cells():
    p = lstm.init_params(2, 3, rng=0)
    with pytest.raises(ValueError, match=r"params.W_x must have shape \(n_inputs, 4\*n_units\)"):
        to_keras(lstm.LSTMParams(p.W_x[:, :-1], p.W_h, p.b))
    with pytest.raises(TypeError, match="params.W_h must be a float32 or float64 ndarray"):
        to_keras(lstm.LSTMParams(p.W_x, p.W_h.astype(np.float16), p.b))
    q = rnn.init_params(2, 3, rng=0)
    with pytest.raises(ValueError, match=r"params.W_y must have shape \(3, 3\)"):
        to_keras(rnn.RNNParams(q.W_x, q.W_y[:2], q.b))
    g = gru.init_params(2, 3, rng=0, reset_after=True)
    with pytest.raises(ValueError, match=r"params.b_h must have shape \(9,\)"):
        to_keras(gru.GRUParams(g.W_x, g.W_h, g.b, g.b_h[:3]))


@pytest.mark.parametrize("kwargs", [{"go_backwards": True}, {"stateful": True}])
def test_backwards_or_stateful_layers_are_rejected(kwargs):
    layer = keras.layers.SimpleRNN(3, **kwargs)
    layer.build((2, None, 2))
    with pytest.raises(ValueError, match="go_backwards=False and stateful=False"):
        from_keras(layer)


def test_bench_helpers():
    import tensorflow as tf

    from rnnbook.gradcheck import differences, random_case
    from rnnbook.interop.bench import keras_step, matmul_rate, timed_interleaved
    c = random_case("LSTM", 2, 3, 2, 4, rng=0)
    out = keras_step(to_keras(c.params))(tf.constant(c.X), [tf.constant(s) for s in c.state0],
                                         tf.constant(c.dY))
    Y, cache = lstm.forward(c.params, c.X, c.state0)
    ours = (Y, *lstm.backward(c.params, cache, c.dY))
    theirs = (out[0], from_keras(to_keras(c.params)).__class__(*(np.asarray(g) for g in out[1:4])),
              out[4], tuple(np.asarray(s) for s in out[5:]))
    assert max(differences(ours, theirs, lstm.STATES).values()) < 1e-10
    calls = []
    t = timed_interleaved([lambda: calls.append("a"), lambda: calls.append("b")], 3, warmup=1)
    assert t.shape == (3, 2) and np.all(t >= 0) and calls == ["a", "b"] + ["a", "b"] * 3
    assert matmul_rate(n=64, repeats=3) > 1e6
    with pytest.raises(TypeError, match="fns must be a non-empty list of callables"):
        timed_interleaved([], 3)
