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

__all__ = ["PeepholeLSTMCell", "to_keras_layer", "keras_peephole_forward_backward",
           "keras_peephole_differences"]


class PeepholeLSTMCell(keras.layers.Layer):
    """One step of the peephole LSTM; state ``[h, c]`` as Keras's ``LSTMCell``."""

    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.state_size = [units, units]
        self.output_size = units

    def build(self, input_shape):
        n_in, n = input_shape[-1], self.units
        self.kernel = self.add_weight(shape=(n_in, 4 * n), name="kernel")  # W_x
        self.recurrent_kernel = self.add_weight(shape=(n, 4 * n),
                                                name="recurrent_kernel")  # W_h
        self.bias = self.add_weight(shape=(4 * n,), name="bias", initializer="zeros")
        self.p_i = self.add_weight(shape=(n,), name="p_i", initializer="zeros")
        self.p_f = self.add_weight(shape=(n,), name="p_f", initializer="zeros")
        self.p_o = self.add_weight(shape=(n,), name="p_o", initializer="zeros")

    def call(self, inputs, states):
        h_prev, c_prev = states
        a = (ops.matmul(inputs, self.kernel)
             + ops.matmul(h_prev, self.recurrent_kernel) + self.bias)  # (batch, 4n)
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


def keras_peephole_forward_backward(params, X, state0, dY):
    """The Keras 3 peephole cell's outputs and ``tf.GradientTape`` gradients, in rnnbook's form.

    Runs :func:`to_keras_layer` ``(params)`` on ``X`` (batch, T, n_inputs) from ``state0`` =
    ``(h0, c0)`` and differentiates L = Σ Y ⊗ dY. Returns ``(Y, grads, dX, (dh0, dc0))``, what
    ``peephole.forward`` and ``peephole.backward`` return, with ``grads`` a PeepholeParams.
    """
    import tensorflow as tf

    layer = to_keras_layer(params)
    dtype = layer.cell.kernel.dtype
    if not isinstance(state0, (tuple, list)) or len(state0) != 2:
        raise TypeError("state0 must be the pair (h0, c0)")
    X, h0, c0 = (tf.constant(np.asarray(a), dtype=dtype) for a in (X, *state0))
    with tf.GradientTape() as tape:
        tape.watch([X, h0, c0])
        Y = layer(X, initial_state=[h0, c0])
        loss = tf.reduce_sum(Y * tf.constant(np.asarray(dY), dtype=dtype))
    c = layer.cell
    g = [np.asarray(a) for a in tape.gradient(
        loss, [c.kernel, c.recurrent_kernel, c.bias, c.p_i, c.p_f, c.p_o, X, h0, c0])]
    return np.asarray(Y), peephole.PeepholeParams(*g[:6]), g[6], (g[7], g[8])


def keras_peephole_differences(params, X, state0, dY):
    """rnnbook's peephole LSTM against the Keras 3 cell: ``{array: relative difference}``.

    As :func:`rnnbook.interop.keras.keras_differences`, with
    :func:`keras_peephole_forward_backward` as the reference: Y, the gradients of the six
    parameters, dX, and those of ``h0`` and ``c0``.
    """
    from ..gradcheck import differences
    Y, cache = peephole.forward(params, X, state0)
    ours = (Y, *peephole.backward(params, cache, dY))
    theirs = keras_peephole_forward_backward(params, X, state0, dY)
    return differences(ours, theirs, peephole.STATES)
