"""A minimal Keras 3 peephole-LSTM cell: a second, independent check of ``rnnbook.peephole``.

Keras 3 ships no peephole cell, so chapter 3 (:ref:`peephole-bptt`) writes one from the
equations with ``keras.ops`` and lets ``keras.layers.RNN`` run it, then compares its outputs and
its ``tf.GradientTape`` gradients with rnnbook's forward and hand-derived BPTT. This is test
scaffolding, not cell math the book teaches; it lives in the package so that the chapter shows
it with ``literalinclude`` and the tests import the very same code.

This is the only rnnbook module that imports Keras when it is imported (import ``rnnbook`` first
so TensorFlow stays quiet). Weights are stored as Keras's ``LSTMCell`` stores them —
``kernel`` = W_x, ``recurrent_kernel`` = W_h, ``bias`` = b, gate blocks [i, f, g, o] — plus
``p_i, p_f, p_o``.

References: Gers & Schmidhuber 2000; Gers, Schraudolph & Schmidhuber 2002.
"""
import keras
import numpy as np
from keras import ops

from ..cells import peephole

__all__ = ["PeepholeLSTMCell", "to_keras_layer"]


class PeepholeLSTMCell(keras.layers.Layer):
    """One step of the peephole LSTM; state ``[h, c]`` as Keras's ``LSTMCell``."""

    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.state_size = [units, units]
        self.output_size = units

    def build(self, input_shape):
        n_in, n = input_shape[-1], self.units
        self.kernel = self.add_weight(shape=(n_in, 4 * n), name="kernel")       # W_x
        self.recurrent_kernel = self.add_weight(shape=(n, 4 * n), name="recurrent_kernel")
        self.bias = self.add_weight(shape=(4 * n,), name="bias", initializer="zeros")
        self.p_i = self.add_weight(shape=(n,), name="p_i", initializer="zeros")
        self.p_f = self.add_weight(shape=(n,), name="p_f", initializer="zeros")
        self.p_o = self.add_weight(shape=(n,), name="p_o", initializer="zeros")

    def call(self, inputs, states):
        h_prev, c_prev = states
        a = (ops.matmul(inputs, self.kernel) + ops.matmul(h_prev, self.recurrent_kernel)
             + self.bias)                                     # (batch, 4n)
        a_i, a_f, a_g, a_o = ops.split(a, 4, axis=-1)
        i = ops.sigmoid(a_i + self.p_i * c_prev)              # peeks at c_{t-1}
        f = ops.sigmoid(a_f + self.p_f * c_prev)              # peeks at c_{t-1}
        g = ops.tanh(a_g)
        c = f * c_prev + i * g
        o = ops.sigmoid(a_o + self.p_o * c)                   # peeks at the new c_t
        h = o * ops.tanh(c)
        return h, [h, c]


def to_keras_layer(params, **layer_kwargs):
    """A built ``keras.layers.RNN(PeepholeLSTMCell)`` carrying ``params``' weights.

    Parameters
    ----------
    params : PeepholeParams
        float32 or float64; the layer gets the same dtype.
    layer_kwargs
        Passed to ``keras.layers.RNN`` (e.g. ``return_state=True``); ``return_sequences``
        defaults to True.

    Returns
    -------
    keras.layers.RNN
        Call it as ``layer(X, initial_state=[h0, c0])``; ``layer.cell`` holds the weights.
    """
    n_in, n, dtype = peephole.check_params(params)
    dtype = str(dtype)
    layer_kwargs.setdefault("return_sequences", True)
    layer = keras.layers.RNN(PeepholeLSTMCell(n, dtype=dtype), dtype=dtype, **layer_kwargs)
    layer.build((None, None, n_in))
    cell = layer.cell
    for var, value in ((cell.kernel, params.W_x), (cell.recurrent_kernel, params.W_h),
                       (cell.bias, params.b), (cell.p_i, params.p_i), (cell.p_f, params.p_f),
                       (cell.p_o, params.p_o)):
        var.assign(np.asarray(value, dtype=dtype))
    return layer
