import numpy as np
import pytest

from rnnbook import gru, lstm, models, rnn
from rnnbook.cells import REGISTRY
from rnnbook.cells.bidirectional import Bidirectional
from rnnbook.params import leaves
from rnnbook.testing import run_layer_test


@pytest.mark.parametrize("return_sequences", [False, True])
def test_deep_model_gradients_through_mixed_layers(return_sequences):
    rng = np.random.default_rng(0)
    m = models.init_model([rnn, lstm, gru], 3, [4, 3, 2], 2, rng=rng,
                         return_sequences=return_sequences)
    for p in models.parameters(m):  # non-zero biases everywhere
        p.b[...] = rng.standard_normal(p.b.shape) * 0.5
    X = rng.standard_normal((2, 5, 3))
    # non-zero initial states for every layer (a zero state hides a state that is not passed on)
    states0 = [rng.standard_normal((2, 4)),
               (rng.standard_normal((2, 3)), rng.standard_normal((2, 3))),
               rng.standard_normal((2, 2))]
    out, cache = models.forward(m, X, states0)
    assert out.shape == ((2, 5, 2) if return_sequences else (2, 2))
    assert [Y.shape for Y in cache["Y"]] == [(2, 5, 4), (2, 5, 3), (2, 5, 2)]
    R = rng.standard_normal(out.shape)
    grads, dX = models.backward(m, cache, R)
    params = models.parameters(m)
    assert [type(g) for g in grads] == [type(p) for p in params]

    before = [a.copy() for a in leaves(params).values()]
    errs = models.check_gradients(m, X, R, states0)
    assert set(errs) == {"X"} | {f"{k}.{n}" for k, p in enumerate(params) for n in leaves(p)}
    assert max(errs.values()) < 1e-6, errs
    assert all(np.array_equal(a, b) for a, b in zip(before, leaves(params).values()))
    # the states reach their layers: layer by layer by hand gives the same output
    H = X
    for cell, p, s0 in zip([rnn, lstm, gru], m.params, states0):
        H, _ = cell.forward(p, H, s0)
    top = H if return_sequences else H[:, -1]
    np.testing.assert_allclose(out, top @ m.head.W + m.head.b, rtol=1e-13, atol=1e-14)
    assert np.max(np.abs(out - models.forward(m, X)[0])) > 1e-3


def test_model_without_head_outputs_the_last_layer():
    m = models.init_model(rnn, 1, [1], None, rng=0)
    X = np.random.default_rng(1).standard_normal((3, 4, 1))
    out, _ = models.forward(m, X)
    Y, _ = rnn.forward(m.params[0], X)
    np.testing.assert_array_equal(out, Y[:, -1])
    np.testing.assert_array_equal(models.predict(m, X, batch_size=2), out)


def test_bad_input():
    with pytest.raises(ValueError, match="units must name at least one layer"):
        models.init_model(rnn, 2, [], 1, rng=0)
    with pytest.raises(ValueError, match=r"units\[1\] must be a positive integer"):
        models.init_model(rnn, 2, [3, 0], 1, rng=0)
    with pytest.raises(ValueError, match="cells must have one module per layer"):
        models.init_model([rnn], 2, [3, 3], 1, rng=0)
    m = models.init_model(rnn, 2, [3], 1, rng=0)
    with pytest.raises(ValueError, match=r"X must have shape \(batch, T, 2\)"):
        models.forward(m, np.zeros((4, 5, 3)))
    _, cache = models.forward(m, np.zeros((4, 5, 2)))
    with pytest.raises(ValueError, match=r"dout must have shape \(4, 1\)"):
        models.backward(m, cache, np.zeros((4, 5, 1)))



def test_bad_arguments_get_clear_errors():
    with pytest.raises(TypeError, match=r"units must be a list of layer sizes"):
        models.init_model(rnn, 2, 3, 1, rng=0)
    with pytest.raises(TypeError, match=r"cells\[1\] must be a cell module"):
        models.init_model([rnn, "lstm"], 2, [3, 3], 1, rng=0)
    m = models.init_model(lstm, 2, [3], 1, rng=0)
    out, cache = models.forward(m, np.ones((4, 5, 2)))
    with pytest.raises(TypeError, match="cache must be the dict returned by rnnbook.models.forward"):
        models.backward(m, {}, out)
    deeper = models.init_model(lstm, 2, [3, 3], 1, rng=0)
    with pytest.raises(TypeError, match="cache must be the dict returned by rnnbook.models.forward"):
        models.backward(deeper, cache, out)
    with pytest.raises(ValueError, match="X must hold at least one sequence"):
        models.predict(m, np.ones((0, 5, 2)))
    with pytest.raises(ValueError, match="batch_size must be a positive integer"):
        models.predict(m, np.ones((4, 5, 2)), batch_size=0)


@pytest.mark.parametrize("name", list(REGISTRY))
def test_final_state_carries_the_state_into_the_next_window(name):
    cell, kwargs = REGISTRY[name]
    rng = np.random.default_rng(0)
    params = cell.init_params(2, 3, rng=rng, **kwargs)
    X = rng.standard_normal((4, 10, 2))
    Y, _ = cell.forward(params, X)
    _, cache = cell.forward(params, X[:, :6])
    Y2, _ = cell.forward(params, X[:, 6:], cell.final_state(cache))
    np.testing.assert_allclose(Y2, Y[:, 6:], rtol=1e-12, atol=1e-14)
    with pytest.raises(TypeError, match="cache must be the dict returned by"):
        cell.final_state({"X": X})


# ---------------------------------------------------------------- chapter 6 additions
def _numeric_dX(model, X, R, eps=1e-6):
    numeric = np.zeros_like(X)
    for idx in np.ndindex(X.shape):
        Xp, Xm = X.copy(), X.copy()
        Xp[idx] += eps
        Xm[idx] -= eps
        numeric[idx] = (np.sum(models.forward(model, Xp)[0] * R)
                        - np.sum(models.forward(model, Xm)[0] * R)) / (2 * eps)
    return numeric


def test_stack_backward_hands_dX_down_as_dY():
    rng = np.random.default_rng(20)
    m = models.init_model([lstm, gru], 2, [3, 4], None, rng=rng, return_sequences=True)
    X = rng.standard_normal((2, 5, 2))
    out, cache = models.forward(m, X)
    R = rng.standard_normal(out.shape)
    grads, dX = models.stack_backward(m.cells, m.params, cache["layers"], R)
    g_top, dX_top, _ = gru.backward(m.params[1], cache["layers"][1], R)
    g_bottom, dX_bottom, _ = lstm.backward(m.params[0], cache["layers"][0], dX_top)
    np.testing.assert_array_equal(dX, dX_bottom)
    np.testing.assert_array_equal(grads[0].W_h, g_bottom.W_h)
    np.testing.assert_array_equal(grads[1].W_h, g_top.W_h)
    np.testing.assert_allclose(dX, _numeric_dX(m, X, R), rtol=1e-6, atol=1e-9)


def test_encoder_decoder_shapes_and_gradients():
    from rnnbook import bidirectional
    from rnnbook.gradcheck import relative_error
    rng = np.random.default_rng(21)
    m = models.init_encoder_decoder([bidirectional.Bidirectional(gru)], 2, [3], [4], 1, 6,
                                    rng=rng)
    assert m.n_inputs == 2 and m.decoder.n_inputs == 6  # the concat vector is 2 × 3 wide
    X = rng.standard_normal((3, 5, 2))
    out, cache = models.forward(m, X)
    assert out.shape == (3, 6, 1)  # T_out = 6 steps out of 5 in
    R = rng.standard_normal(out.shape)
    grads, dX = models.backward(m, cache, R)
    assert [type(g) for g in grads] == [type(p) for p in models.parameters(m)]
    assert relative_error(dX, _numeric_dX(m, X, R)) < 1e-7
    W, eps = m.encoder.params[0].fw.W_h, 1e-6  # an encoder weight: through the repeat
    old = W[0, 0]
    W[0, 0] = old + eps
    plus = np.sum(models.forward(m, X)[0] * R)
    W[0, 0] = old - eps
    minus = np.sum(models.forward(m, X)[0] * R)
    W[0, 0] = old
    np.testing.assert_allclose(grads[0].W_h[0, 0], (plus - minus) / (2 * eps), rtol=1e-6)
    np.testing.assert_allclose(models.predict(m, X, batch_size=2), out, rtol=1e-12)
    with pytest.raises(TypeError, match="cache must be the dict returned by"):
        models.backward(m, {"layers": []}, R)
    with pytest.raises(ValueError, match="T_out must be a positive integer"):
        models.init_encoder_decoder(gru, 2, [3], [4], 1, 0, rng=0)


def test_encoder_decoder_trains_with_fit():
    from rnnbook import losses, optim, train
    from rnnbook.tasks.reverse import reverse_task
    X, Y = reverse_task(64, 4, rng=0)
    m = models.init_encoder_decoder(gru, 1, [8], [8], 1, 4, rng=0)
    h = train.fit(m, X, Y, loss=losses.mse, optimizer=optim.Adam(0.01), epochs=30,
                  batch_size=16, rng=0)
    assert h["loss"][-1] < 0.5 * h["loss"][0]


def test_forecast_iteratively_appends_its_own_predictions():
    rng = np.random.default_rng(22)
    m = models.init_model(rnn, 1, [4], 1, rng=rng)
    X = rng.standard_normal((3, 5, 1))
    Y = models.forecast_iteratively(m, X, 3)
    assert Y.shape == (3, 3)
    X1 = np.concatenate([X, models.predict(m, X)[:, None]], axis=1)
    np.testing.assert_array_equal(Y[:, 0], models.predict(m, X)[:, 0])
    np.testing.assert_array_equal(Y[:, 1], models.predict(m, X1)[:, 0])
    with pytest.raises(TypeError, match="sequence-to-vector Model with n_inputs=1"):
        models.forecast_iteratively(models.init_model(rnn, 2, [4], 1, rng=0), X, 3)
    with pytest.raises(ValueError, match="model must predict one value per sequence"):
        models.forecast_iteratively(models.init_model(rnn, 1, [4], 2, rng=0), X, 3)
    with pytest.raises(ValueError, match="ahead must be a positive integer"):
        models.forecast_iteratively(m, X, 0)


@pytest.mark.parametrize("layers", [
    lambda: [REGISTRY["GRU"].module, REGISTRY["LSTM"].module],
    lambda: [Bidirectional(REGISTRY["GRU, reset_after"].module, "sum"), REGISTRY["CIFG LSTM"].module],
    lambda: [REGISTRY["simple RNN"].module, Bidirectional(REGISTRY["peephole LSTM"].module)],
])
def test_a_stack_follows_the_layer_contract(layers):
    errors = run_layer_test(models.Stack(layers()))
    assert max(errors.values()) < 1e-7
    assert any(name.startswith("params.1.") for name in errors)   # the upper layer is checked


def test_stack_rejects_a_state_per_layer_mismatch():
    stack = models.Stack([REGISTRY["GRU"].module, REGISTRY["LSTM"].module])
    params = stack.init_params(2, 3, rng=0)
    with pytest.raises(ValueError, match="state0 must be None or a tuple of one state per layer"):
        stack.forward(params, np.zeros((1, 2, 2)), (np.zeros((1, 3)),))
