"""Deep recurrent models: cells stacked in layers, with an optional dense read-out.

Layer k's output sequence Y is layer k+1's input X (Géron's "deep RNN"). The read-out sees the
last step (``return_sequences=False``, sequence-to-vector) or every step (sequence-to-sequence).
Any module of the rnnbook contract can be a layer, so one code path trains every chapter's cell;
so can a :class:`~rnnbook.cells.bidirectional.Bidirectional` layer type, and a stack may mix
bidirectional and one-way layers (chapter 6). Backwards, layer k+1's ∂L/∂X is layer k's ∂L/∂Y.
"""
from dataclasses import dataclass

import numpy as np

from . import dense
from .gradcheck import gradient_check
from .params import holders, leaves, replace_leaves
from .validation import as_float_array, check_positive_int, check_rng

__all__ = ["Model", "Stack", "init_model", "forward", "backward", "stack_backward", "parameters",
           "check_gradients",
           "predict", "forecast_iteratively", "EncoderDecoder", "init_encoder_decoder"]


@dataclass
class Model:
    """``cells[k]`` is the module of layer k, ``params[k]`` its parameters; ``head`` is the
    dense read-out's ``DenseParams`` (or ``None``: the last layer's output is the prediction)."""
    cells: list
    params: list
    n_inputs: int
    head: dense.DenseParams | None = None
    return_sequences: bool = False


def init_model(cells, n_inputs, units, n_outputs=None, *, rng=None, return_sequences=False,
               dtype=np.float64, **cell_kwargs):
    """Build a stack of recurrent layers with ``units[k]`` units each and a dense head.

    Parameters
    ----------
    cells : module or list of modules
        One cell module for every layer (e.g. ``rnnbook.lstm``), or a list, one per layer; an
        entry may also be a layer type such as ``bidirectional.Bidirectional(rnnbook.gru)``,
        whose output is ``output_units(n)`` wide (2n for concat).
    n_inputs : int
    units : sequence of int
        Units per recurrent layer, e.g. ``[20, 20]``.
    n_outputs : int or None
        Size of the dense read-out; ``None`` means no read-out.
    rng : numpy.random.Generator
    cell_kwargs
        Passed to every layer's ``init_params`` (e.g. ``reset_after=True``).
    """
    rng = check_rng("rng", rng)
    n_inputs = check_positive_int("n_inputs", n_inputs)
    if not isinstance(units, (list, tuple)):
        raise TypeError(f"units must be a list of layer sizes, e.g. [20, 20], got {units!r}")
    units = [check_positive_int(f"units[{k}]", u) for k, u in enumerate(units)]
    if not units:
        raise ValueError("units must name at least one layer")
    cells = list(cells) if isinstance(cells, (list, tuple)) else [cells] * len(units)
    if len(cells) != len(units):
        raise ValueError(f"cells must have one module per layer ({len(units)}), got {len(cells)}")
    for k, cell in enumerate(cells):
        contract = ("init_params", "forward", "backward")
        if not all(callable(getattr(cell, f, None)) for f in contract):
            raise TypeError(f"cells[{k}] must be a cell module such as rnnbook.lstm, got {cell!r}")
    params, n_in = [], n_inputs
    for cell, n in zip(cells, units):
        params.append(cell.init_params(n_in, n, rng=rng, dtype=dtype, **cell_kwargs))
        n_in = cell.output_units(n) if hasattr(cell, "output_units") else n
    head = None
    if n_outputs is not None:
        head = dense.init_params(n_in, check_positive_int("n_outputs", n_outputs), rng=rng,
                                 dtype=dtype)
    return Model(cells, params, n_inputs, head, bool(return_sequences))


def parameters(model):
    """The parameter objects (dataclasses of arrays), in the order of ``backward``'s gradients;
    a bidirectional layer contributes its forward, then its backward parameters."""
    if isinstance(model, EncoderDecoder):
        return parameters(model.encoder) + parameters(model.decoder)
    return holders([model.params, model.head])


def forward(model, X, states0=None):
    """Run every layer; returns ``(out, cache)``.

    ``out`` is (batch, n_outputs), or (batch, T, n_outputs) with ``return_sequences``;
    ``cache["Y"][k]`` is layer k's output sequence (batch, T, units[k]). An
    :class:`EncoderDecoder` gives (batch, T_out, n_outputs).
    """
    if isinstance(model, EncoderDecoder):
        return _encoder_decoder_forward(model, X)
    X = as_float_array("X", X, ("batch", "T", model.n_inputs))
    states0 = [None] * len(model.cells) if states0 is None else list(states0)
    if len(states0) != len(model.cells):
        raise ValueError(f"states0 must have one state per layer ({len(model.cells)})")
    caches, Ys, H = [], [], X
    for cell, p, s0 in zip(model.cells, model.params, states0):
        H, c = cell.forward(p, H, s0)  # (batch, T, units[k])
        caches.append(c)
        Ys.append(H)
    top = H if model.return_sequences else H[:, -1]  # (batch, [T,] units[-1])
    head_cache = None
    out = top
    if model.head is not None:
        out, head_cache = dense.forward(model.head, top)
    return out, {"layers": caches, "Y": Ys, "head": head_cache, "T": X.shape[1]}


def backward(model, cache, dout):
    """Gradients of a scalar loss given dL/dout: ``(grads, dX)``, grads aligned with
    :func:`parameters`.

    The loop is :func:`stack_backward`: from the top layer down, each layer's BPTT turns the
    gradient of its outputs into the gradient of its inputs, which is the gradient of the
    outputs of the layer below."""
    if isinstance(model, EncoderDecoder):
        return _encoder_decoder_backward(model, cache, dout)
    if (not isinstance(cache, dict) or not {"layers", "Y", "head"} <= set(cache)
            or len(cache["layers"]) != len(model.cells)):
        raise TypeError("cache must be the dict returned by rnnbook.models.forward for this model")
    Y_top = cache["Y"][-1]
    expected = Y_top.shape if model.return_sequences else (Y_top.shape[0], Y_top.shape[2])
    if model.head is not None:
        expected = expected[:-1] + (model.head.W.shape[1],)
    dout = as_float_array("dout", dout, expected, dtype=Y_top.dtype)
    head_grads = []
    if model.head is not None:
        g, dout = dense.backward(model.head, cache["head"], dout)
        head_grads = [g]
    if model.return_sequences:
        dY = dout
    else:
        dY = np.zeros_like(Y_top)
        dY[:, -1] = dout
    grads, dX = stack_backward(model.cells, model.params, cache["layers"], dY)
    return holders(grads) + head_grads, dX


def stack_backward(cells, params, caches, dY):
    """BPTT through a stack of layers, top to bottom.

    ``dY`` is ∂L/∂Y of the top layer (batch, T, units[-1]). Returns the gradients of
    every layer (bottom first) and ∂L/∂X of the bottom layer.
    """
    grads = []
    for k in reversed(range(len(cells))):
        g, dX, _ = cells[k].backward(params[k], caches[k], dY)  # BPTT in layer k
        grads.append(g)
        dY = dX                         # layer k's input is layer k-1's output
    return grads[::-1], dY


def check_gradients(model, X, dout, states0=None, eps=1e-6):
    """Relative errors of :func:`backward` against central differences of L = Σ out ⊗ dout
    (float64 models): ``{"X": …, "0.W_x": …}`` for the input and every parameter array, named
    as :func:`rnnbook.params.leaves` names :func:`parameters`'s list."""
    _, cache = forward(model, X, states0)
    grads, dX = backward(model, cache, dout)
    name_of = {id(a): name for name, a in leaves(parameters(model)).items()}
    where = {path: name_of[id(a)] for path, a in leaves(model).items()}  # path in the model

    def loss(X, **weights):
        trial = replace_leaves(model, {path: weights[name] for path, name in where.items()})
        return float(np.sum(forward(trial, X, states0)[0] * dout))

    return gradient_check(loss, {"X": X, **leaves(parameters(model))},
                          {"X": dX, **leaves(grads)}, eps)


class Stack:
    """Layers stacked into one layer of the contract (:mod:`rnnbook.testing`): layer k's output
    sequence is layer k+1's input, e.g. ``Stack([rnnbook.gru, Bidirectional(rnnbook.lstm)])``.
    Every layer gets ``n_units`` units; parameters, caches, states and their gradients are
    lists or tuples with one entry per layer, bottom first."""

    def __init__(self, layers):
        self.layers = list(layers)
        if not self.layers:
            raise ValueError("layers must name at least one layer")
        self.RESUMABLE = all(getattr(layer, "RESUMABLE", True) for layer in self.layers)

    def __repr__(self):
        return f"Stack({self.layers!r})"

    @staticmethod
    def _width(layer, n_units):
        return layer.output_units(n_units) if hasattr(layer, "output_units") else n_units

    def output_units(self, n_units):
        return self._width(self.layers[-1], n_units)

    def init_params(self, n_inputs, n_units, *, rng=None, dtype=np.float64, **kwargs):
        rng, params = check_rng("rng", rng), []
        for layer in self.layers:
            params.append(layer.init_params(n_inputs, n_units, rng=rng, dtype=dtype, **kwargs))
            n_inputs = self._width(layer, n_units)          # the next layer reads this wide
        return params

    def forward(self, params, X, state0=None):
        states0 = (None,) * len(self.layers) if state0 is None else state0
        if not isinstance(states0, tuple) or len(states0) != len(self.layers):
            raise ValueError(f"state0 must be None or a tuple of one state per layer "
                             f"({len(self.layers)})")
        caches = []
        for layer, p, s0 in zip(self.layers, params, states0):
            X, cache = layer.forward(p, X, s0)
            caches.append(cache)
        return X, caches

    def backward(self, params, cache, dY):
        grads, dstates = [], []
        for k in reversed(range(len(self.layers))):
            g, dY, ds = self.layers[k].backward(params[k], cache[k], dY)
            grads.append(g)
            dstates.append(ds)
        return grads[::-1], dY, tuple(dstates[::-1])

    def final_state(self, cache):
        return tuple(layer.final_state(c) for layer, c in zip(self.layers, cache))


def predict(model, X, batch_size=1024):
    """Forward in batches, returning only the output."""
    X = as_float_array("X", X, ("batch", "T", model.n_inputs))
    batch_size = check_positive_int("batch_size", batch_size)
    if len(X) == 0:
        raise ValueError(f"X must hold at least one sequence, got shape {X.shape}")
    return np.concatenate([forward(model, X[k:k + batch_size])[0]
                           for k in range(0, len(X), batch_size)])


def forecast_iteratively(model, X, ahead, batch_size=1024):
    """Forecast ``ahead`` steps with a one-step model: predict, append, predict again.

    As Géron's chapter 15 notebook does: the model (sequence-to-vector, one output) reads the
    whole sequence so far, its prediction is appended as the next input, ``ahead`` times.

    Parameters
    ----------
    model : Model
        ``n_inputs == 1`` and one output per sequence.
    X : array_like, (batch, T, 1)
    ahead : int

    Returns
    -------
    ndarray, (batch, ahead)
    """
    if not isinstance(model, Model) or model.n_inputs != 1 or model.return_sequences:
        raise TypeError("model must be a sequence-to-vector Model with n_inputs=1")
    ahead = check_positive_int("ahead", ahead)
    X = as_float_array("X", X, ("batch", "T", 1))
    for _ in range(ahead):
        y = predict(model, X, batch_size)                                 # (batch, 1)
        if y.ndim != 2 or y.shape[1] != 1:
            raise ValueError(f"model must predict one value per sequence, got shape {y.shape}")
        X = np.concatenate([X, y[:, None, :].astype(X.dtype)], axis=1)  # (batch, T + k, 1)
    return X[:, -ahead:, 0]


@dataclass
class EncoderDecoder:
    """An encoder–decoder: ``encoder`` reads the input sequence into one vector (its top layer's
    last output), which is repeated ``T_out`` times as the input of ``decoder``, a
    sequence-to-sequence stack with a read-out at every step (Keras: ``RepeatVector``)."""
    encoder: Model
    decoder: Model
    T_out: int

    @property
    def n_inputs(self):
        return self.encoder.n_inputs


def init_encoder_decoder(cells, n_inputs, encoder_units, decoder_units, n_outputs, T_out, *,
                         rng=None, dtype=np.float64, **cell_kwargs):
    """An :class:`EncoderDecoder` of ``cells`` layers (see :func:`init_model`).

    The encoder has ``encoder_units`` layers and no read-out; the decoder reads the encoder's
    vector at each of ``T_out`` steps and has ``decoder_units`` layers and a dense read-out of
    ``n_outputs`` at every step. :func:`forward`, :func:`backward`, :func:`parameters` and
    :func:`predict` (and so :func:`rnnbook.train.fit`) accept it.
    """
    rng = check_rng("rng", rng)
    T_out = check_positive_int("T_out", T_out)
    encoder = init_model(cells, n_inputs, encoder_units, None, rng=rng, dtype=dtype,
                         **cell_kwargs)
    top = encoder.cells[-1]
    width = (top.output_units(encoder_units[-1]) if hasattr(top, "output_units")
             else encoder_units[-1])
    decoder = init_model(cells, width, decoder_units, n_outputs, rng=rng, dtype=dtype,
                         return_sequences=True, **cell_kwargs)
    return EncoderDecoder(encoder, decoder, T_out)


def _encoder_decoder_forward(model, X):
    v, enc = forward(model.encoder, X)                                    # (batch, n_enc)
    R = np.repeat(v[:, None, :], model.T_out, axis=1)                     # (batch, T_out, n_enc)
    out, dec = forward(model.decoder, R)                                  # (batch, T_out, n_out)
    return out, {"encoder": enc, "decoder": dec}


def _encoder_decoder_backward(model, cache, dout):
    if not isinstance(cache, dict) or not {"encoder", "decoder"} <= set(cache):
        raise TypeError("cache must be the dict returned by rnnbook.models.forward "
                        "for this model")
    g_dec, dR = backward(model.decoder, cache["decoder"], dout)  # (batch, T_out, n)
    dv = dR.sum(axis=1)               # the vector was used T_out times: add up
    g_enc, dX = backward(model.encoder, cache["encoder"], dv)
    return g_enc + g_dec, dX
