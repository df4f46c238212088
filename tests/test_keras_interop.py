"""Conversion errors of rnnbook.keras_interop (each cell's parity tests live in its own module)."""
import rnnbook  # noqa: F401  (silences TensorFlow before it is imported)
import keras
import numpy as np
import pytest

from rnnbook import dense, gru, lstm, rnn
from rnnbook.keras_interop import from_keras, to_keras


def test_unbuilt_layer_is_rejected():
    with pytest.raises(ValueError, match="layer must be built"):
        from_keras(keras.layers.LSTM(3))


def test_other_layers_are_rejected():
    layer = keras.layers.Dense(3)
    layer.build((None, 2))
    with pytest.raises(TypeError, match="layer must be a Keras SimpleRNN, LSTM or GRU layer, got Dense"):
        from_keras(layer)
    with pytest.raises(TypeError, match="params must be RNNParams, LSTMParams or GRUParams"):
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


@pytest.mark.parametrize("cell, kwargs", [(rnn, {}), (lstm, {}), (gru, {}),
                                          (gru, {"reset_after": True})])
def test_round_trip_is_a_copy(cell, kwargs):
    p = cell.init_params(2, 3, rng=0, **kwargs)
    q = from_keras(to_keras(p))
    assert type(q) is type(p)
    for name, a in vars(p).items():
        if isinstance(a, np.ndarray):
            np.testing.assert_array_equal(getattr(q, name), a)
            assert not np.shares_memory(getattr(q, name), a)
