"""rnnbook.testing.run_layer_test: passes for every layer that follows the contract, and names
what broke for one that does not."""
import types

import numpy as np
import pytest

from rnnbook import lstm
from rnnbook.cells import REGISTRY
from rnnbook.cells.bidirectional import Bidirectional
from rnnbook.testing import run_layer_test

NAMES = list(REGISTRY)


@pytest.mark.parametrize("name", NAMES)
def test_every_registered_cell(name):
    errors = run_layer_test(REGISTRY[name].module, REGISTRY[name].kwargs)
    assert max(errors.values()) < 1e-7


@pytest.mark.parametrize("name", NAMES)
def test_bidirectional_of_every_cell(name):
    errors = run_layer_test(Bidirectional(REGISTRY[name].module), REGISTRY[name].kwargs)
    assert {"params.fw.W_x", "params.bw.W_x", "X"} <= set(errors)


def broken_lstm(**overrides):
    """The LSTM module with some of its functions replaced."""
    fns = {f: getattr(lstm, f) for f in ("init_params", "forward", "backward", "final_state")}
    return types.SimpleNamespace(STATES=lstm.STATES, **{**fns, **overrides})


def test_fails_on_a_planted_wrong_gradient():
    def backward(params, cache, dY):                 # the forget gate's bias gradient dropped
        grads, dX, ds = lstm.backward(params, cache, dY)
        n = params.W_h.shape[0]
        grads.b[n:2 * n] = 0.0
        return grads, dX, ds

    with pytest.raises(AssertionError, match=r"gradients: params\.b differs"):
        run_layer_test(broken_lstm(backward=backward))


def test_fails_on_an_impure_forward():
    def forward(params, X, state0=None):
        Y, cache = lstm.forward(params, X, state0)
        X[...] = 0.0
        return Y, cache

    with pytest.raises(AssertionError, match="purity"):
        run_layer_test(broken_lstm(forward=forward))


def test_fails_on_float64_output_for_float32_input():
    def forward(params, X, state0=None):
        Y, cache = lstm.forward(params, X, state0)
        return Y.astype(np.float64), cache

    with pytest.raises(AssertionError, match="Y is float64 for float32"):
        run_layer_test(broken_lstm(forward=forward))


def test_fails_when_a_bad_argument_is_not_named():
    def forward(params, X, state0=None):
        if np.ndim(X) != 3:
            raise ValueError("wrong input")
        return lstm.forward(params, X, state0)

    with pytest.raises(AssertionError, match="bad X: the error does not name it"):
        run_layer_test(broken_lstm(forward=forward))


def test_fails_when_the_final_state_is_wrong():
    def final_state(cache):
        h, c = lstm.final_state(cache)
        return h, np.zeros_like(c)

    with pytest.raises(AssertionError, match="final_state"):
        run_layer_test(broken_lstm(final_state=final_state))


def test_fails_on_a_missing_function():
    with pytest.raises(AssertionError, match="has no final_state"):
        run_layer_test(types.SimpleNamespace(init_params=lstm.init_params, forward=lstm.forward,
                                             backward=lstm.backward))
