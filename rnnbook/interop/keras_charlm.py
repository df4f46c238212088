"""Chapter 7's character model in Keras, for the cross-checks: the loss and its gradients.

:func:`keras_sparse_cross_entropy` is Keras's ``SparseCategoricalCrossentropy(from_logits=True)``
with its gradient, computed in the logits' dtype (Keras's losses compute in float32 unless
told otherwise, which would hide float64 agreement). :func:`keras_charlm_loss_and_grads` builds
the Keras twin of an :func:`rnnbook.charlm.init_charlm` model (one-hot input, a ``SimpleRNN``,
``LSTM`` or ``GRU`` layer — a cell with a twin, such as the CIFG LSTM, through its twin's
weights —, a ``Dense`` read-out at every step) with the same weights and
differentiates one window's loss with ``tf.GradientTape``.
"""
import numpy as np

from ..dense import DenseParams
from ..text import one_hot
from .keras import from_arrays, to_keras, twin_module

__all__ = ["keras_sparse_cross_entropy", "keras_charlm_loss_and_grads"]


def keras_sparse_cross_entropy(logits, labels):
    """Keras's mean sparse categorical cross-entropy of ``logits`` (..., C) against integer
    ``labels`` (...), and its gradient with respect to the logits: ``(loss, dlogits)``."""
    import keras
    import tensorflow as tf

    a = tf.constant(np.asarray(logits))
    with tf.GradientTape() as tape:
        tape.watch(a)
        loss = keras.losses.SparseCategoricalCrossentropy(from_logits=True, dtype=a.dtype.name)(
            tf.constant(np.asarray(labels)), a)
    return float(loss), np.asarray(tape.gradient(loss, a))


def keras_charlm_loss_and_grads(model, inputs, targets, states0):
    """Keras's loss and gradients of one window of a one-layer character model.

    Parameters
    ----------
    model : Model from :func:`rnnbook.charlm.init_charlm` (one layer of a cell with a Keras
        layer or twin, ``REGISTRY[name].keras``)
    inputs, targets : int arrays (batch, T)
    states0 : list of one initial state (an array, or a tuple of the cell's ``STATES``)

    Returns
    -------
    loss : float
        Mean cross-entropy in nats, by ``SparseCategoricalCrossentropy(from_logits=True)``.
    grads : list
        [recurrent layer's parameter dataclass, ``DenseParams``], aligned with
        :func:`rnnbook.models.parameters`.
    """
    import keras
    import tensorflow as tf

    if len(model.params) != 1:
        raise ValueError("model must have one recurrent layer")
    layer = to_keras(model.params[0])
    V, dtype = model.n_inputs, model.head.W.dtype
    head = keras.layers.Dense(V, dtype=dtype.name)
    head.build((None, None, layer.cell.units))
    head.set_weights([model.head.W, model.head.b])
    s0 = states0[0]
    states = [tf.constant(s) for s in (s0 if isinstance(s0, (tuple, list)) else [s0])]
    X = tf.constant(one_hot(inputs, V, dtype))
    with tf.GradientTape() as tape:
        logits = head(layer(X, initial_state=states))  # (batch, T, V)
        loss = keras.losses.SparseCategoricalCrossentropy(from_logits=True, dtype=dtype.name)(
            tf.constant(np.asarray(targets)), logits)
    cell = layer.cell
    weights = [cell.kernel, cell.recurrent_kernel, cell.bias, head.kernel, head.bias]
    g = [np.asarray(x) for x in tape.gradient(loss, weights)]
    cell_grads = from_arrays(layer, g[:3])
    twin = twin_module(model.params[0])
    if twin is not None:  # Keras differentiated the twin's weights: map back through the tie
        cell_grads = twin.from_twin(cell_grads)
    return float(loss), [cell_grads, DenseParams(W=g[3], b=g[4])]
