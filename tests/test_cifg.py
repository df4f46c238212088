"""The CIFG LSTM (rnnbook.cells.cifg): i = 1 − f, and the LSTM with tied weights."""
import numpy as np
import pytest

from rnnbook import lstm
from rnnbook.cells import cifg
from rnnbook.gradcheck import random_case


def test_input_gate_is_one_minus_forget_gate():
    c = random_case("CIFG LSTM", 3, 6, 2, 4, rng=0)
    _, cache = cifg.forward(c.params, c.X, c.state0)
    np.testing.assert_allclose(cache["i"], 1 - cache["f"], rtol=0, atol=1e-15)


def test_is_the_lstm_with_tied_weights():
    """Forward equals the LSTM's on to_twin's weights; the gradients are the LSTM's, with the
    input gate's block subtracted from the forget gate's (the chain rule through the tie)."""
    c = random_case("CIFG LSTM", 3, 6, 2, 4, rng=1)
    Y, cache = cifg.forward(c.params, c.X, c.state0)
    twin = cifg.to_twin(c.params)
    Y_lstm, cache_lstm = lstm.forward(twin, c.X, c.state0)
    np.testing.assert_array_equal(Y, Y_lstm)
    grads, dX, ds = cifg.backward(c.params, cache, c.dY)
    g_lstm, dX_lstm, ds_lstm = lstm.backward(twin, cache_lstm, c.dY)
    n = 4
    np.testing.assert_array_equal(grads.W_x[:, :n], g_lstm.W_x[:, n:2 * n] - g_lstm.W_x[:, :n])
    np.testing.assert_array_equal(grads.b[n:], g_lstm.b[2 * n:])
    np.testing.assert_array_equal(dX, dX_lstm)
    np.testing.assert_array_equal(ds[1], ds_lstm[1])
    assert type(cifg.from_twin(g_lstm)) is cifg.CIFGParams


def test_three_blocks_and_unit_forget_bias():
    p = cifg.init_params(2, 5, rng=0)
    assert p.W_x.shape == (2, 15) and p.W_h.shape == (5, 15)
    np.testing.assert_array_equal(p.b, np.r_[np.ones(5), np.zeros(10)])
    assert not cifg.init_params(2, 5, rng=0, unit_forget_bias=False).b.any()


def test_bad_input():
    p = cifg.init_params(2, 3, rng=0)
    with pytest.raises(TypeError, match="params must be CIFGParams"):
        cifg.forward(lstm.init_params(2, 3, rng=0), np.zeros((1, 2, 2)))
    with pytest.raises(ValueError, match=r"params.W_x must have shape \(n_inputs, 3\*n_units\)"):
        cifg.forward(cifg.CIFGParams(np.zeros((2, 4)), np.zeros((1, 4)), np.zeros(4)),
                     np.zeros((1, 2, 2)))
    _, lstm_cache = lstm.forward(lstm.init_params(2, 3, rng=0), np.zeros((1, 2, 2)))
    with pytest.raises(TypeError, match="cache must be the dict returned by cifg.forward"):
        cifg.backward(p, lstm_cache, np.zeros((1, 2, 3)))
    with pytest.raises(TypeError, match="grads must be LSTMParams"):
        cifg.from_twin(p)
