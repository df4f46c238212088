"""Tests for rnnbook.bidirectional: shapes, merge modes, BPTT gradient check, Keras
``Bidirectional`` parity (Y and every gradient, float64 and float32), round trip, stacking in
rnnbook.models, and input validation."""
import dataclasses

import keras  # conftest.py imports rnnbook first, which silences TensorFlow
import numpy as np
import pytest

from rnnbook import bidirectional as bi
from rnnbook import gru, lstm, models, peephole, rnn
from rnnbook.cells import REGISTRY, count_params, param_arrays
from rnnbook.gradcheck import check_cell, random_params, relative_error
from rnnbook.interop.keras import from_keras, keras_forward_backward, to_keras
from rnnbook.testing import run_layer_test

# The registered cells that a Keras layer computes with their own weight layout (a cell computed
# through a twin with tied weights, as the CIFG, is cross-checked by test_cell_contract).
KERAS_CELLS = {name: c for name, c in REGISTRY.items()
               if c.keras is not None and not hasattr(c.module, "to_twin")}
CELLS = [(c.module, dict(c.kwargs)) for c in KERAS_CELLS.values()]
IDS = list(KERAS_CELLS)


def _params(cell, kwargs, merge, rng, n_inputs=2, n_units=3, dtype=np.float64):
    """Random weights and non-zero biases for both directions."""
    return bi.BidirectionalParams(
        cell, random_params(cell, n_inputs, n_units, rng=rng, dtype=dtype, **kwargs),
        random_params(cell, n_inputs, n_units, rng=rng, dtype=dtype, **kwargs), merge)


def _states(cell, rng, batch, n_units, dtype=np.float64):
    """Non-zero initial states (state0_fw, state0_bw), each in the cell's form."""
    def one():
        return rng.standard_normal((batch, n_units)).astype(dtype)
    if len(cell.STATES) > 1:
        return tuple(one() for _ in cell.STATES), tuple(one() for _ in cell.STATES)
    return one(), one()


# ---------------------------------------------------------------- the definition
@pytest.mark.parametrize("merge", sorted(bi.MERGE_MODES))
@pytest.mark.parametrize("cell, kwargs", CELLS, ids=IDS)
def test_forward_is_two_cells_and_a_merge(cell, kwargs, merge):
    rng = np.random.default_rng(0)
    p = _params(cell, kwargs, merge, rng)
    X = rng.standard_normal((4, 5, 2))
    s_fw, s_bw = _states(cell, rng, 4, 3)
    Y, _ = bi.forward(p, X, (s_fw, s_bw))
    Y_fw, _ = cell.forward(p.fw, X, s_fw)
    Y_bw = cell.forward(p.bw, X[:, ::-1], s_bw)[0][:, ::-1]  # read reversed, reversed back
    expected = {"concat": np.concatenate([Y_fw, Y_bw], -1), "sum": Y_fw + Y_bw,
                "mul": Y_fw * Y_bw, "ave": (Y_fw + Y_bw) / 2}[merge]
    np.testing.assert_allclose(Y, expected, rtol=1e-14, atol=1e-15)
    assert Y.shape == (4, 5, bi.output_units(3, merge))


def test_backward_output_at_t_depends_only_on_the_future():
    # y←_t reads x_{T−1} … x_t: changing x_0 leaves the backward half of y_1 … y_{T−1} alone.
    rng = np.random.default_rng(1)
    p = _params(gru, {}, "concat", rng)
    X = rng.standard_normal((2, 6, 2))
    X2 = X.copy()
    X2[:, 0] += 1.0
    Y, Y2 = bi.forward(p, X)[0], bi.forward(p, X2)[0]
    np.testing.assert_array_equal(Y[:, 1:, 3:], Y2[:, 1:, 3:])
    assert np.all(np.abs(Y[:, 0, 3:] - Y2[:, 0, 3:]) > 0)
    assert np.all(np.abs(Y[:, :, :3] - Y2[:, :, :3]).max(axis=-1) > 0)  # forward: every step


def test_final_state_is_each_directions_last_state():
    rng = np.random.default_rng(2)
    p = _params(lstm, {}, "sum", rng)
    X = rng.standard_normal((3, 4, 2))
    _, cache = bi.forward(p, X)
    fw, bw = bi.final_state(cache)
    _, c_fw = lstm.forward(p.fw, X)
    _, c_bw = lstm.forward(p.bw, X[:, ::-1])
    for got, want in zip(fw + bw, lstm.final_state(c_fw) + lstm.final_state(c_bw)):
        np.testing.assert_array_equal(got, want)


def test_init_params_draws_two_layers():
    p = bi.init_params(gru, 2, 5, rng=np.random.default_rng(3), merge="ave", reset_after=True)
    assert isinstance(p.fw, gru.GRUParams) and p.fw.reset_after and p.bw.reset_after
    assert p.merge == "ave" and p.cell is gru
    assert not np.array_equal(p.fw.W_x, p.bw.W_x)  # independent draws
    assert count_params(p) == 2 * count_params(p.fw)
    p32 = bi.init_params(rnn, 2, 5, rng=0, dtype=np.float32)
    assert all(a.dtype == np.float32 for q in (p32.fw, p32.bw) for a in param_arrays(q).values())


# ---------------------------------------------------------------- BPTT
@pytest.mark.parametrize("merge", sorted(bi.MERGE_MODES))
@pytest.mark.parametrize("cell, kwargs", CELLS + [(peephole, {})], ids=IDS + ["peephole"])
def test_layer_contract(cell, kwargs, merge):
    """rnnbook.testing.run_layer_test: shapes, dtypes, purity, zero default states, every
    gradient of both directions, X and both initial states, bad input named."""
    errors = run_layer_test(bi.Bidirectional(cell, merge), kwargs)
    n_states = 2 * len(cell.STATES)
    assert len(errors) == 2 * len(param_arrays(cell.init_params(1, 1, **kwargs))) + 1 + n_states


def test_gradient_check_without_states():
    rng = np.random.default_rng(5)
    errors = check_cell(bi, _params(rnn, {}, "concat", rng), rng.standard_normal((2, 3, 2)), None)
    assert set(errors) == {"X", "fw.W_x", "fw.W_y", "fw.b", "bw.W_x", "bw.W_y", "bw.b"}
    assert max(errors.values()) < 1e-7


# ---------------------------------------------------------------- Keras parity
TOL = {np.float64: 1e-12, np.float32: 5e-6}


@pytest.mark.parametrize("dtype", [np.float64, np.float32], ids=["float64", "float32"])
@pytest.mark.parametrize("merge", sorted(bi.MERGE_MODES))
@pytest.mark.parametrize("cell, kwargs", CELLS, ids=IDS)
def test_keras_parity(cell, kwargs, merge, dtype):
    rng = np.random.default_rng(6)
    p = _params(cell, kwargs, merge, rng, n_inputs=3, n_units=4, dtype=dtype)
    X = rng.standard_normal((5, 7, 3)).astype(dtype)
    state0 = _states(cell, rng, 5, 4, dtype)
    Y, cache = bi.forward(p, X, state0)
    dY = rng.standard_normal(Y.shape).astype(dtype)
    grads, dX, dstate0 = bi.backward(p, cache, dY)
    layer = to_keras(p)
    assert type(layer).__name__ == "Bidirectional" and layer.merge_mode == merge
    Yk, gk, dXk, dstate0k = keras_forward_backward(layer, X, state0, dY)
    assert isinstance(gk, bi.BidirectionalParams) and gk.cell is cell and gk.merge == merge
    tol = TOL[dtype]
    assert Y.dtype == dX.dtype == dtype
    assert relative_error(Y, Yk) < tol
    assert relative_error(dX, dXk) < tol
    for side in ("fw", "bw"):
        ours, theirs = param_arrays(getattr(grads, side)), param_arrays(getattr(gk, side))
        assert ours.keys() == theirs.keys()
        for name in ours:
            assert relative_error(ours[name], theirs[name]) < tol, (side, name)
    flat = [np.asarray(a) for s in dstate0 for a in (s if isinstance(s, tuple) else (s,))]
    flatk = [np.asarray(a) for s in dstate0k for a in (s if isinstance(s, tuple) else (s,))]
    assert len(flat) == len(flatk) == (4 if cell is lstm else 2)
    for a, b in zip(flat, flatk):
        assert relative_error(a, b) < tol


def test_keras_parity_without_initial_state():
    rng = np.random.default_rng(7)
    p = _params(gru, {}, "concat", rng)
    X = rng.standard_normal((3, 4, 2))
    Y, _ = bi.forward(p, X)
    Yk, _, _, dstate0k = keras_forward_backward(to_keras(p), X, None, np.ones_like(Y))
    assert dstate0k is None
    assert relative_error(Y, Yk) < 1e-12


@pytest.mark.parametrize("cell, kwargs", CELLS, ids=IDS)
def test_round_trip_is_a_copy(cell, kwargs):
    rng = np.random.default_rng(8)
    p = _params(cell, kwargs, "mul", rng)
    q = from_keras(to_keras(p))
    assert isinstance(q, bi.BidirectionalParams)
    assert q.cell is cell and q.merge == "mul" and type(q.fw) is type(p.fw)
    for side in ("fw", "bw"):
        for name, a in param_arrays(getattr(p, side)).items():
            b = param_arrays(getattr(q, side))[name]
            np.testing.assert_array_equal(b, a)
            assert not np.shares_memory(b, a)


def test_from_keras_reads_a_keras_built_layer():
    # A layer built and initialised by Keras itself, not by to_keras.
    layer = keras.layers.Bidirectional(
        keras.layers.LSTM(3, return_sequences=True, dtype="float64"), merge_mode="sum",
        dtype="float64")
    X = np.random.default_rng(9).standard_normal((2, 5, 4))
    Yk = np.asarray(layer(X))
    p = from_keras(layer)
    assert p.cell is lstm and p.merge == "sum"
    assert relative_error(bi.forward(p, X)[0], Yk) < 1e-12


# ---------------------------------------------------------------- stacks
def test_stack_mixes_bidirectional_and_one_way_layers():
    rng = np.random.default_rng(10)
    m = models.init_model([bi.Bidirectional(gru), rnn], 2, [4, 3], 1, rng=rng,
                          return_sequences=True)
    assert m.params[1].W_x.shape == (8, 3)  # the concat output is 2 × 4 wide
    params = models.parameters(m)
    assert [type(q).__name__ for q in params] == ["GRUParams", "GRUParams", "RNNParams",
                                                  "DenseParams"]
    X = rng.standard_normal((3, 5, 2))
    R = rng.standard_normal((3, 5, 1))
    out, cache = models.forward(m, X)
    grads, dX = models.backward(m, cache, R)
    assert [type(g) for g in grads] == [type(q) for q in params]

    def loss(X):
        return float(np.sum(models.forward(m, X)[0] * R))
    eps, numeric = 1e-6, np.zeros_like(X)
    for idx in np.ndindex(X.shape):
        Xp, Xm = X.copy(), X.copy()
        Xp[idx] += eps
        Xm[idx] -= eps
        numeric[idx] = (loss(Xp) - loss(Xm)) / (2 * eps)
    assert relative_error(dX, numeric) < 1e-7
    # a parameter of the bottom (bidirectional, backward direction) layer
    W = m.params[0].bw.W_x
    numeric_W = np.zeros_like(W)
    for idx in np.ndindex(W.shape):
        old = W[idx]
        W[idx] = old + eps
        plus = loss(X)
        W[idx] = old - eps
        minus = loss(X)
        W[idx] = old
        numeric_W[idx] = (plus - minus) / (2 * eps)
    assert relative_error(grads[1].W_x, numeric_W) < 1e-7


def test_layer_type_repr_and_width():
    layer = bi.Bidirectional(lstm, merge="ave")
    assert layer.output_units(7) == 7 and bi.Bidirectional(lstm).output_units(7) == 14
    assert "merge='ave'" in repr(layer)


# ---------------------------------------------------------------- bad input
def test_unknown_merge_mode():
    with pytest.raises(ValueError, match=r"merge must be one of \['ave', 'concat', 'mul', 'sum'\]"):
        bi.init_params(rnn, 2, 3, rng=0, merge="max")
    with pytest.raises(ValueError, match="merge must be one of"):
        bi.Bidirectional(rnn, merge=None)
    p = bi.init_params(rnn, 2, 3, rng=0)
    p.merge = "first"
    with pytest.raises(ValueError, match="params.merge must be one of"):
        bi.forward(p, np.zeros((1, 2, 2)))


def test_not_a_cell():
    with pytest.raises(TypeError, match="cell must be a cell module such as rnnbook.lstm"):
        bi.init_params(np, 2, 3, rng=0)
    with pytest.raises(TypeError, match="params must be BidirectionalParams, got RNNParams"):
        bi.forward(rnn.init_params(2, 3, rng=0), np.zeros((1, 2, 2)))


def test_mismatched_directions():
    p = bi.init_params(rnn, 2, 3, rng=0)
    with pytest.raises(TypeError, match="params.fw and params.bw must be parameters of one cell"):
        bi.forward(dataclasses.replace(p, bw=gru.init_params(2, 3, rng=0)), np.zeros((1, 2, 2)))
    with pytest.raises(ValueError, match=r"params.bw.W_x must have the shape and dtype of "
                                         r"params.fw.W_x \(\(2, 3\), float64\), got \(2, 4\)"):
        bi.forward(dataclasses.replace(p, bw=rnn.init_params(2, 4, rng=0)), np.zeros((1, 2, 2)))
    with pytest.raises(ValueError, match="params.bw.activation must equal params.fw.activation"):
        bi.forward(dataclasses.replace(p, bw=rnn.init_params(2, 3, rng=0, activation="relu")),
                   np.zeros((1, 2, 2)))


@pytest.mark.parametrize("state0, error, message", [
    (np.zeros((1, 3)), TypeError, r"state0 must be None or a pair \(state0_fw, state0_bw\)"),
    ((np.zeros((1, 3)),), TypeError, "got tuple of length 1"),
    ((np.zeros((1, 3)),) * 3, TypeError, "got tuple of length 3"),
    ((np.zeros((1, 3)), np.zeros((1, 4))), ValueError,
     r"backward layer \(state0\[1\]\): state0 must have shape \(1, 3\), got \(1, 4\)"),
    ((np.zeros((2, 3)), np.zeros((1, 3))), ValueError,
     r"forward layer \(state0\[0\]\): state0 must have shape \(1, 3\)"),
])
def test_wrong_state_pairs(state0, error, message):
    p = bi.init_params(rnn, 2, 3, rng=0)
    with pytest.raises(error, match=message):
        bi.forward(p, np.zeros((1, 4, 2)), state0)


def test_lstm_state_pair_of_arrays_is_not_a_pair_of_pairs():
    # (h0, c0) of one LSTM passed where each direction needs its own (h0, c0)
    p = bi.init_params(lstm, 2, 3, rng=0)
    with pytest.raises(TypeError, match=r"forward layer \(state0\[0\]\): state0 must be None "
                                        r"or a pair \(h0, c0\)"):
        bi.forward(p, np.zeros((1, 4, 2)), (np.zeros((1, 3)), np.zeros((1, 3))))


def test_bad_inputs_and_caches():
    p = bi.init_params(gru, 2, 3, rng=0)
    with pytest.raises(ValueError, match=r"X must have shape \(batch, T, 2\), got \(4, 2\)"):
        bi.forward(p, np.zeros((4, 2)))
    with pytest.raises(ValueError, match=r"X must have shape \(batch, T, 2\), got \(1, 4, 5\)"):
        bi.forward(p, np.zeros((1, 4, 5)))
    Y, cache = bi.forward(p, np.zeros((1, 4, 2)))
    with pytest.raises(ValueError, match=r"dY must have shape \(1, 4, 6\), got \(1, 4, 3\)"):
        bi.backward(p, cache, np.zeros((1, 4, 3)))
    with pytest.raises(TypeError, match="cache must be the dict returned by "
                                        "rnnbook.bidirectional.forward"):
        bi.backward(p, {"fw": None}, Y)
    with pytest.raises(TypeError, match="cache must be the dict returned by"):
        bi.backward(dataclasses.replace(p, merge="sum"), cache, Y[..., :3])
    with pytest.raises(TypeError, match="cache must be the dict returned by"):
        bi.final_state({"Y": Y})


def test_keras_conversion_errors():
    with pytest.raises(ValueError, match="layer must be built"):
        from_keras(keras.layers.Bidirectional(keras.layers.GRU(3)))
    layer = keras.layers.Bidirectional(keras.layers.GRU(3, return_sequences=True),
                                       merge_mode=None)
    layer.build((None, None, 2))
    with pytest.raises(ValueError, match="layer merge_mode must be 'concat', 'sum', 'mul' or "
                                         "'ave', got None"):
        from_keras(layer)
    layer = keras.layers.Bidirectional(keras.layers.LSTM(3, return_sequences=True),
                                       backward_layer=keras.layers.GRU(
                                           3, return_sequences=True, go_backwards=True))
    layer.build((None, None, 2))
    with pytest.raises(TypeError, match="one kind of recurrent layer in both directions, "
                                        "got LSTM and GRU"):
        from_keras(layer)
    with pytest.raises(ValueError, match="layer must return sequences"):
        short = to_keras(bi.init_params(gru, 2, 3, rng=0), return_sequences=False)
        keras_forward_backward(short, np.zeros((1, 2, 2)), None, np.zeros((1, 6)))
    with pytest.raises(TypeError, match="params must be RNNParams, LSTMParams, GRUParams, "
                                        "BidirectionalParams or those of a cell with a Keras "
                                        "twin, got PeepholeParams"):
        to_keras(bi.init_params(peephole, 2, 3, rng=0))
