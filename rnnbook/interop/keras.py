"""Weights between rnnbook and Keras 3: ``from_keras(layer)`` and ``to_keras(params)``.

rnnbook stores the gates in Keras's order and the kernels in Keras's layout (row vectors:
``x_t @ W_x``), so converting is a copy; the shapes are asserted at every slice.

- ``SimpleRNN``: ``kernel``, ``recurrent_kernel``, ``bias`` are ``rnn.RNNParams(W_x, W_y, b)``;
- ``LSTM``: the same, gates [i, f, c, o], are ``lstm.LSTMParams(W_x, W_h, b)``, [i, f, g, o];
- ``GRU(reset_after=False)``: the same, gates [z, r, h], are ``gru.GRUParams(W_x, W_h, b)``,
  [z, r, g];
- ``GRU(reset_after=True)``, Keras's default: the bias of shape (2, 3n) holds the input and the
  recurrent bias, ``gru.GRUParams(W_x, W_h, b, b_h)``;
- ``Bidirectional(layer)``: its ``forward_layer``, ``backward_layer`` and ``merge_mode`` are
  ``bidirectional.BidirectionalParams`` (cell, fw, bw, merge).
"""
import numpy as np

__all__ = ["from_keras", "from_arrays", "to_keras", "keras_forward_backward", "keras_differences",
           "twin_module"]

_GATES = {"SimpleRNN": 1, "LSTM": 4, "GRU": 3}


def _unwrap(layer, backwards=False):
    """The recurrent layer and its cell, for a Keras RNN layer. ``backwards=True`` accepts
    (only) ``go_backwards=True``: the backward layer of a ``Bidirectional``."""
    name = type(layer).__name__
    if name not in _GATES:
        raise TypeError(f"layer must be a Keras SimpleRNN, LSTM or GRU layer, got {name}")
    if not layer.built:
        raise ValueError("layer must be built (call it once, or call layer.build(input_shape))")
    if layer.go_backwards != backwards or layer.stateful:
        raise ValueError("layer must have go_backwards=False and stateful=False: rnnbook's cells "
                         "run forwards from an explicit initial state")
    return name, layer.cell


def _check(name, array, shape):
    if array.shape != shape:
        raise ValueError(f"{name} must have shape {shape}, got {array.shape}")
    return np.array(array)  # a copy: the params never share memory with the layer


def from_keras(layer):
    """Parameters of the rnnbook cell equivalent to a built Keras ``SimpleRNN``, ``LSTM``, ``GRU``,
    or ``Bidirectional`` wrapping one of them (then
    :class:`~rnnbook.cells.bidirectional.BidirectionalParams`).

    The dtype of the parameters is the layer's variable dtype.
    """
    if type(layer).__name__ == "Bidirectional":
        fw, bw = _bidirectional_layers(layer)
        return _as_bidirectional(layer, from_arrays(fw, fw.get_weights()),
                                 from_arrays(bw, bw.get_weights(), backwards=True))
    _unwrap(layer)
    return from_arrays(layer, layer.get_weights())


def _bidirectional_layers(layer):
    """The forward and backward layers of a built Keras ``Bidirectional``, checked."""
    if not layer.built:
        raise ValueError("layer must be built (call it once, or call layer.build(input_shape))")
    if layer.merge_mode not in ("concat", "sum", "mul", "ave"):
        raise ValueError(f"layer merge_mode must be 'concat', 'sum', 'mul' or 'ave', got "
                         f"{layer.merge_mode!r}")
    fw, bw = layer.forward_layer, layer.backward_layer
    if type(fw) is not type(bw):
        raise TypeError(f"layer must wrap one kind of recurrent layer in both directions, got "
                        f"{type(fw).__name__} and {type(bw).__name__}")
    _unwrap(fw)
    _unwrap(bw, backwards=True)
    return fw, bw


def _as_bidirectional(layer, fw, bw):
    from ..cells import bidirectional, gru, lstm, rnn
    cell = {"SimpleRNN": rnn, "LSTM": lstm, "GRU": gru}[type(layer.forward_layer).__name__]
    return bidirectional.BidirectionalParams(cell, fw, bw, layer.merge_mode)


def from_arrays(layer, arrays, backwards=False):
    """``[kernel, recurrent_kernel, bias]`` of ``layer`` (its weights, or gradients with respect
    to them) as the matching rnnbook parameter dataclass."""
    name, cell = _unwrap(layer, backwards)
    if not cell.use_bias:
        raise ValueError("layer must use a bias (use_bias=True); rnnbook cells always have one")
    kernel, recurrent, bias = (np.asarray(a) for a in arrays)
    n = cell.units
    n_in = kernel.shape[0]
    width = _GATES[name] * n
    W_x = _check("kernel", kernel, (n_in, width))
    W_h = _check("recurrent_kernel", recurrent, (n, width))
    if name == "SimpleRNN":
        from ..cells import rnn
        return rnn.RNNParams(W_x=W_x, W_y=W_h, b=_check("bias", bias, (n,)),
                             activation=_activation_name(cell.activation))
    if name == "LSTM":
        from ..cells import lstm
        _require(cell, "activation", "tanh")
        _require(cell, "recurrent_activation", "sigmoid")
        return lstm.LSTMParams(W_x=W_x, W_h=W_h, b=_check("bias", bias, (width,)))
    from ..cells import gru
    _require(cell, "activation", "tanh")
    _require(cell, "recurrent_activation", "sigmoid")
    if cell.reset_after:
        bias = _check("bias", bias, (2, width))
        return gru.GRUParams(W_x=W_x, W_h=W_h, b=bias[0].copy(), b_h=bias[1].copy())
    return gru.GRUParams(W_x=W_x, W_h=W_h, b=_check("bias", bias, (width,)))


def keras_forward_backward(layer, X, state0, dY):
    """Keras's own outputs and gradients, in rnnbook's form, for cross-checks.

    Runs ``layer`` (built, ``return_sequences=True``) on ``X`` from ``state0`` (an array, or the
    pair ``(h0, c0)`` for an LSTM) and differentiates L = Σ Y ⊗ dY with ``tf.GradientTape``.

    Returns
    -------
    Y : ndarray, (batch, T, n_units)
    grads : parameter dataclass
        ∂L/∂(kernel, recurrent_kernel, bias), as the rnnbook parameters they correspond to.
    dX : ndarray, (batch, T, n_inputs)
    dstate0 : ndarray, or a pair for an LSTM
        What rnnbook's ``forward`` and ``backward`` return, computed by TensorFlow instead.
    """
    import tensorflow as tf

    if type(layer).__name__ == "Bidirectional":
        return _keras_bidirectional_forward_backward(layer, X, state0, dY)
    _unwrap(layer)
    if not layer.return_sequences:
        raise ValueError("layer must return sequences (return_sequences=True)")
    states = [tf.constant(s) for s in (state0 if isinstance(state0, (tuple, list)) else [state0])]
    X = tf.constant(X)
    with tf.GradientTape() as tape:
        tape.watch([X, *states])
        Y = layer(X, initial_state=states)
        loss = tf.reduce_sum(Y * tf.constant(dY, dtype=Y.dtype))
    cell = layer.cell
    weights = [cell.kernel, cell.recurrent_kernel, cell.bias]
    grads = [np.asarray(g) for g in tape.gradient(loss, [*weights, X, *states])]
    dstates = grads[4:]
    return (np.asarray(Y), from_arrays(layer, grads[:3]), grads[3],
            tuple(dstates) if len(dstates) > 1 else dstates[0])


def _keras_bidirectional_forward_backward(layer, X, state0, dY):
    """:func:`keras_forward_backward` for a ``Bidirectional``; ``state0`` is ``None`` or the pair
    ``(state0_fw, state0_bw)``, each an array or ``(h0, c0)``, and ``dstate0`` comes back in
    that form."""
    import tensorflow as tf

    fw, bw = _bidirectional_layers(layer)
    if not fw.return_sequences:
        raise ValueError("layer must return sequences (return_sequences=True)")
    flat, sizes = [], []
    if state0 is not None:
        if not isinstance(state0, (tuple, list)) or len(state0) != 2:
            raise TypeError("state0 must be None or a pair (state0_fw, state0_bw)")
        for s in state0:
            s = list(s) if isinstance(s, (tuple, list)) else [s]
            sizes.append(len(s))
            flat += [tf.constant(a) for a in s]
    X = tf.constant(X)
    with tf.GradientTape() as tape:
        tape.watch([X, *flat])
        Y = layer(X, initial_state=flat or None)
        loss = tf.reduce_sum(Y * tf.constant(dY, dtype=Y.dtype))
    weights = [w for sub in (fw, bw)
               for w in (sub.cell.kernel, sub.cell.recurrent_kernel, sub.cell.bias)]
    grads = [np.asarray(g) for g in tape.gradient(loss, [*weights, X, *flat])]
    dstates = None
    if state0 is not None:
        d = grads[7:]
        pair = (d[:sizes[0]], d[sizes[0]:])
        dstates = tuple(tuple(p) if len(p) > 1 else p[0] for p in pair)
    params = _as_bidirectional(layer, from_arrays(fw, grads[0:3]),
                               from_arrays(bw, grads[3:6], backwards=True))
    return np.asarray(Y), params, grads[6], dstates


def _activation_name(fn):
    name = getattr(fn, "__name__", str(fn))
    from ..activations import ACTIVATIONS
    if name not in ACTIVATIONS:
        raise ValueError(f"layer activation must be one of {sorted(ACTIVATIONS)}, got {name}")
    return name


def _require(cell, attr, expected):
    got = _activation_name(getattr(cell, attr))
    if got != expected:
        raise ValueError(f"layer {attr} must be {expected!r} to match rnnbook, got {got!r}")


def to_keras(params, **layer_kwargs):
    """A built Keras layer (``return_sequences=True`` unless overridden) carrying ``params``.

    ``BidirectionalParams`` give a ``Bidirectional`` whose two layers carry ``fw`` and ``bw``.
    ``layer_kwargs`` go to the (wrapped) layer's constructor (e.g. ``return_state=True``). Peephole
    parameters have no Keras 3 layer: chapter 3 checks them against TensorFlow's own cell.
    """
    import keras

    from ..cells import bidirectional, gru, lstm, rnn
    if isinstance(params, bidirectional.BidirectionalParams):
        bidirectional.check_params(params)
        fw = to_keras(params.fw, **layer_kwargs)
        bw = to_keras(params.bw, **{**layer_kwargs, "go_backwards": True})
        layer = keras.layers.Bidirectional(fw, backward_layer=bw, merge_mode=params.merge,
                                           dtype=fw.dtype_policy.name)
        layer.build((None, None, fw.cell.kernel.shape[0]))
        # Bidirectional rebuilds its forward layer from the config: copy the weights again.
        layer.forward_layer.set_weights(fw.get_weights())
        layer.backward_layer.set_weights(bw.get_weights())
        return layer
    if not isinstance(params, (rnn.RNNParams, lstm.LSTMParams, gru.GRUParams)):
        twin = twin_module(params)
        if twin is None:
            raise TypeError(f"params must be RNNParams, LSTMParams, GRUParams, "
                            f"BidirectionalParams or those of a cell with a Keras twin, got "
                            f"{type(params).__name__}")
        return to_keras(twin.to_twin(params), **layer_kwargs)
    if isinstance(params, rnn.RNNParams):
        n_in, n, dtype = rnn.check_params(params)
        cls, extra = keras.layers.SimpleRNN, {"activation": params.activation}
        W_h, bias = params.W_y, params.b
    elif isinstance(params, lstm.LSTMParams):
        n_in, n, dtype = lstm.check_params(params)
        cls, extra, W_h, bias = keras.layers.LSTM, {}, params.W_h, params.b
    else:
        n_in, n, dtype = gru.check_params(params)
        cls, extra, W_h = keras.layers.GRU, {"reset_after": params.reset_after}, params.W_h
        bias = np.stack([params.b, params.b_h]) if params.reset_after else params.b  # (2, 3n)
    layer = cls(n, **extra, **{"return_sequences": True, "dtype": dtype.name, **layer_kwargs})
    layer.build((None, None, n_in))
    layer.set_weights([params.W_x, W_h, bias])
    return layer


def keras_differences(params, X, state0, dY):
    """rnnbook against Keras on one case: ``{array: relative difference}``.

    rnnbook's ``forward``/``backward`` for ``params`` and Keras's layer carrying the same
    weights (:func:`to_keras`) with :func:`keras_forward_backward`, compared by
    :func:`rnnbook.gradcheck.differences`: Y, every weight gradient, dX and the gradient of each
    initial state.
    """
    from ..cells import module_of
    from ..gradcheck import differences
    cell = module_of(params)
    Y, cache = cell.forward(params, X, state0)
    ours = (Y, *cell.backward(params, cache, dY))
    theirs = keras_forward_backward(to_keras(params), X, state0, dY)
    if twin_module(params) is not None:        # Keras's gradients are the twin's: map back
        theirs = (theirs[0], cell.from_twin(theirs[1]), *theirs[2:])
    return differences(ours, theirs, cell.STATES)


def twin_module(params):
    """The registered cell module of ``params`` if it computes through a Keras twin (it has
    ``to_twin`` and ``from_twin``: parameters of a Keras layer that computes the same function,
    and gradients mapped back), else ``None``."""
    from ..cells import module_of
    try:
        module = module_of(params)
    except TypeError:
        return None
    return module if hasattr(module, "to_twin") and hasattr(module, "from_twin") else None
