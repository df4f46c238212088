"""A character-level language model (chapter 7): one-hot characters in, one recurrent layer of
any registered cell, a dense read-out at every step, softmax cross-entropy over the vocabulary.

The model is a :class:`rnnbook.models.Model` (``return_sequences=True``); this module adds what
text needs: character codes in, the loss of the next character at every step, the state
carried out for the next window (:mod:`rnnbook.tbptt`), bits per character, and sampling::

    x_t = one_hot(code_t)                    (batch, V)
    h_t = cell(x_t, state_{t−1})             (batch, n)      any cell of the book
    a_t = h_t W + b                          (batch, V)      logits
    p_t = softmax(a_t)                       next-character probabilities
    L   = −mean_t log p_t[code_{t+1}]        nats; L / ln 2 bits per character
"""
import copy

import numpy as np

from . import models
from .cells import REGISTRY, count_params
from .gradcheck import gradient_check
from .losses import softmax_cross_entropy
from .params import leaves
from .text import Vocabulary, one_hot
from .validation import check_positive_int, check_rng

__all__ = ["init_charlm", "lm_loss_and_grads", "loss_and_grads", "final_states", "evaluate",
           "bits_per_char", "perplexity", "units_for_budget", "sample", "snapshot",
           "check_gradients", "check_model"]


def _cell(cell):
    """(module, init kwargs) of a registered cell name or a cell module."""
    if isinstance(cell, str):
        if cell not in REGISTRY:
            raise ValueError(f"cell must be one of {list(REGISTRY)} or a cell module, "
                             f"got {cell!r}")
        return REGISTRY[cell].module, dict(REGISTRY[cell].kwargs)
    if not all(callable(getattr(cell, f, None)) for f in ("init_params", "forward", "backward",
                                                          "final_state")):
        raise TypeError(f"cell must be a registered cell name or a cell module, got {cell!r}")
    return cell, {}


def init_charlm(cell, vocab_size, n_units, *, rng=None, dtype=np.float64):
    """A one-layer character model: ``vocab_size`` one-hot inputs, ``n_units`` recurrent units
    of ``cell`` (a :data:`~rnnbook.cells.REGISTRY` name such as ``"LSTM"``, or a module), and a
    dense read-out of ``vocab_size`` logits at every step."""
    module, kwargs = _cell(cell)
    vocab_size = check_positive_int("vocab_size", vocab_size)
    return models.init_model(module, vocab_size, [check_positive_int("n_units", n_units)],
                             vocab_size, rng=check_rng("rng", rng), return_sequences=True,
                             dtype=dtype, **kwargs)


def check_model(model):
    """Raise unless ``model`` is a character model of :func:`init_charlm`; return its V."""
    if (not isinstance(model, models.Model) or model.head is None or not model.return_sequences
            or model.head.W.shape[1] != model.n_inputs):
        raise TypeError("model must be a character model made by rnnbook.charlm.init_charlm")
    return model.n_inputs


def _check_codes(name, codes, vocab_size, ndim=2):
    codes = np.asarray(codes)
    if codes.dtype.kind not in "iu" or codes.ndim != ndim or 0 in codes.shape:
        raise ValueError(f"{name} must be a non-empty {ndim}-d array of integer character "
                         f"codes, got dtype {codes.dtype} and shape {codes.shape}")
    if codes.min() < 0 or codes.max() >= vocab_size:
        raise ValueError(f"{name} must lie in [0, {vocab_size}), got values in "
                         f"[{codes.min()}, {codes.max()}]")
    return codes


def lm_loss_and_grads(model, inputs, targets, states0):
    """The maths of one window: forward from ``states0``, the loss of every next
    character, and backpropagation through the window only (validated inputs).

    Returns ``(loss, grads, cache)``; ``grads`` are aligned with
    :func:`rnnbook.models.parameters`. The gradient with respect to ``states0`` is
    dropped: the state enters as a constant, which is where truncated BPTT cuts the
    gradient.
    """
    dtype = model.head.W.dtype
    X = one_hot(inputs, model.n_inputs, dtype)  # (batch, T, V)
    logits, cache = models.forward(model, X, states0)  # (batch, T, V)
    loss, dlogits = softmax_cross_entropy(logits, targets)  # mean over batch·T, nats
    grads, _ = models.backward(model, cache, dlogits)  # ∂L/∂states0 is dropped
    return loss, grads, cache


def loss_and_grads(model, inputs, targets, states0=None):
    """Loss (mean nats per character) and gradients for a window of character codes.

    Parameters
    ----------
    model : Model from :func:`init_charlm`
    inputs, targets : int arrays, (batch, T)
        ``targets[:, t]`` is the character that follows ``inputs[:, t]``.
    states0 : list with one initial state per layer, or None for zeros

    Returns
    -------
    loss : float
    grads : list of parameter dataclasses, aligned with :func:`rnnbook.models.parameters`
    states : list
        The final state of every layer, to pass as ``states0`` of the next window.
    """
    V = check_model(model)
    inputs = _check_codes("inputs", inputs, V)
    targets = _check_codes("targets", targets, V)
    if targets.shape != inputs.shape:
        raise ValueError(f"targets must have the shape of inputs {inputs.shape}, "
                         f"got {targets.shape}")
    loss, grads, cache = lm_loss_and_grads(model, inputs, targets, states0)
    return loss, grads, final_states(model, cache)


def final_states(model, cache):
    """Each layer's state after the last step (``cell.final_state``), as a list for ``states0``."""
    return [cell.final_state(c) for cell, c in zip(model.cells, cache["layers"])]


def evaluate(model, inputs, targets, states0=None):
    """``(loss, states, cache)`` of a window without gradients: mean nats per character, the
    carried-out states, and the forward cache (gate and state arrays, for plots)."""
    V = check_model(model)
    inputs = _check_codes("inputs", inputs, V)
    targets = _check_codes("targets", targets, V)
    logits, cache = models.forward(model, one_hot(inputs, V, model.head.W.dtype), states0)
    loss, _ = softmax_cross_entropy(logits, targets)
    return loss, final_states(model, cache), cache


def bits_per_char(loss):
    """Mean cross-entropy in nats → bits per character: L / ln 2."""
    return float(loss) / np.log(2.0)


def perplexity(loss):
    """Mean cross-entropy in nats → perplexity e^L = 2^(bits per character)."""
    return float(np.exp(loss))


def units_for_budget(cell, vocab_size, n_params):
    """The number of units of ``cell`` whose character model (recurrent layer and read-out)
    has the parameter count closest to ``n_params``."""
    module, kwargs = _cell(cell)
    vocab_size = check_positive_int("vocab_size", vocab_size)
    n_params = check_positive_int("n_params", n_params)

    def count(n):
        p = module.init_params(vocab_size, n, rng=0, **kwargs)
        return count_params(p) + n * vocab_size + vocab_size

    n = 1
    while count(n + 1) <= n_params:
        n += 1
    return n if n_params - count(n) <= count(n + 1) - n_params else n + 1


def _softmax_sample(logits, temperature, rng):
    """Draw one code per row from softmax(logits / temperature)."""
    a = logits / temperature
    p = np.exp(a - a.max(axis=-1, keepdims=True))
    p /= p.sum(axis=-1, keepdims=True)
    u = rng.random((len(p), 1))
    return np.minimum((p.cumsum(axis=-1) < u).sum(axis=-1), p.shape[-1] - 1)


def sample(model, vocab, prompt, n_chars, *, temperature=1.0, rng=None):
    """Text written by ``model``: read ``prompt``, then draw ``n_chars`` characters one at a
    time, each from softmax(a_t / temperature) and fed back as the next input.

    Temperature 1 samples the model's own distribution; below 1 sharpens it towards the most
    likely character, above 1 flattens it towards uniform. Returns the ``n_chars`` new
    characters (without the prompt).
    """
    V = check_model(model)
    if not isinstance(vocab, Vocabulary) or vocab.size != V:
        raise TypeError(f"vocab must be the Vocabulary of the model's {V} characters")
    if not isinstance(prompt, str) or not prompt:
        raise ValueError(f"prompt must be a non-empty str (the model needs at least one "
                         f"character to start from), got {prompt!r}")
    codes = vocab.encode(prompt, name="prompt")
    n_chars = check_positive_int("n_chars", n_chars)
    if isinstance(temperature, bool) or not isinstance(temperature, (int, float)) \
            or not 0 < temperature < np.inf:
        raise ValueError(f"temperature must be a positive finite number, got {temperature!r}")
    rng = check_rng("rng", rng)
    dtype = model.head.W.dtype
    logits, cache = models.forward(model, one_hot(codes[None], V, dtype))  # read the prompt
    out = []
    for _ in range(n_chars):
        code = _softmax_sample(logits[:, -1], temperature, rng)  # (1,)
        out.append(int(code[0]))
        logits, cache = models.forward(model, one_hot(code[:, None], V, dtype),
                                       final_states(model, cache))
    return vocab.decode(np.array(out))


def snapshot(model):
    """A copy of ``model`` whose parameters do not change when training goes on."""
    check_model(model)
    return models.Model(list(model.cells), [copy.deepcopy(p) for p in model.params],
                        model.n_inputs, copy.deepcopy(model.head), model.return_sequences)


def check_gradients(model, inputs, targets, states0=None, eps=1e-6):
    """Relative error of :func:`loss_and_grads`'s gradient of every parameter array against
    central differences of the loss (float64 models): ``{"0.W_x": …, "1.W": …}``, keyed by the
    index in :func:`rnnbook.models.parameters` and the field name."""
    _, grads, _ = loss_and_grads(model, inputs, targets, states0)
    arrays, analytic = leaves(models.parameters(model)), leaves(grads)

    def loss(**kw):
        trial = snapshot(model)
        for name, array in leaves(models.parameters(trial)).items():
            array[...] = kw[name]               # the trial's own copy, any nesting
        return loss_and_grads(trial, inputs, targets, states0)[0]

    return gradient_check(loss, arrays, analytic, eps)
