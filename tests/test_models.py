import numpy as np
import pytest

from rnnbook import gru, lstm, models, rnn
from rnnbook.cells import param_arrays
from rnnbook.gradcheck import gradient_check


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

    arrays = {f"{k}.{n}": a for k, p in enumerate(params) for n, a in param_arrays(p).items()}
    analytic = {f"{k}.{n}": a for k, g in enumerate(grads) for n, a in param_arrays(g).items()}

    def loss(X, **kw):
        for name, value in kw.items():
            k, n = name.split(".")
            setattr(params[int(k)], n, value)
        try:
            return np.sum(models.forward(m, X, states0)[0] * R)
        finally:
            for name, value in arrays.items():
                k, n = name.split(".")
                setattr(params[int(k)], n, value)

    errs = gradient_check(loss, {"X": X, **arrays}, {"X": dX, **analytic})
    assert max(errs.values()) < 1e-6, errs
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


@pytest.mark.parametrize("name", ["simple RNN", "LSTM", "peephole LSTM", "GRU", "GRU, reset_after"])
def test_final_state_carries_the_state_into_the_next_window(name):
    from rnnbook.cells import REGISTRY
    cell, kwargs, _ = REGISTRY[name]
    rng = np.random.default_rng(0)
    params = cell.init_params(2, 3, rng=rng, **kwargs)
    X = rng.standard_normal((4, 10, 2))
    Y, _ = cell.forward(params, X)
    _, cache = cell.forward(params, X[:, :6])
    Y2, _ = cell.forward(params, X[:, 6:], cell.final_state(cache))
    np.testing.assert_allclose(Y2, Y[:, 6:], rtol=1e-12, atol=1e-14)
    with pytest.raises(TypeError, match="cache must be the dict returned by"):
        cell.final_state({"X": X})
