"""Truncated backpropagation through time on one long text (chapter 7).

The text is cut into ``batch`` parallel streams, one contiguous stretch each, and every stream is
read in windows of ``k`` characters. Each update runs the model over one window of every stream,
starting from the state the previous window ended in (``cell.final_state``), and
backpropagates through that window only::

    window j:   state_{jk−1}  ──▶  x_{jk} … x_{jk+k−1}  ──▶  state_{jk+k−1}  ──▶  window j + 1
                (a constant)       BPTT over k steps          (carried forward)

The state carries information forward across the window edge; the gradient does not cross it
backwards. A dependency longer than ``k`` steps can therefore be *used* once learned but never
*learned* from the gradient. When the streams are used up, training starts again at their
beginning from a zero state.
"""
import numpy as np

from . import charlm, models
from .losses import softmax_cross_entropy
from .optim import clip_grad_norm, global_norm
from .text import one_hot
from .train import record_interval
from .validation import check_positive_int

__all__ = ["streams", "fit_tbptt", "train_window", "stream_logits", "evaluate_stream"]


def streams(codes, batch, k):
    """Cut ``codes`` into ``batch`` streams of inputs and next-character targets.

    Returns ``(inputs, targets)``, each (batch, L) with L = (len(codes) − 1) // batch and
    ``targets[b, t]`` the character after ``inputs[b, t]``; stream b starts at ``b·L``.
    Raises ``ValueError`` if a window of ``k`` steps is longer than a stream.
    """
    batch, k = check_positive_int("batch", batch), check_positive_int("k", k)
    codes = np.asarray(codes)
    if codes.ndim != 1 or codes.dtype.kind not in "iu":
        raise ValueError(f"codes must be a 1-d array of integer character codes, got dtype "
                         f"{codes.dtype} and shape {codes.shape}")
    L = (len(codes) - 1) // batch
    if k > L:
        raise ValueError(f"k must be at most the length of a stream: a text of {len(codes)} "
                         f"characters in {batch} streams gives {L} steps per stream, "
                         f"shorter than the window k = {k}")
    idx = np.arange(batch)[:, None] * L + np.arange(L)  # (batch, L)
    return codes[idx], codes[idx + 1]


def train_window(model, inputs, targets, states, optimizer, clip_norm=None):
    """One truncated-BPTT update on a window (batch, k): forward from the carried
    ``states``, BPTT inside the window, an optimizer step.

    Returns ``(loss, grad norm, states out)``."""
    loss, grads, states = charlm.loss_and_grads(model, inputs, targets, states)
    if clip_norm is not None:
        grads, norm = clip_grad_norm(grads, clip_norm)
    else:
        norm = global_norm(grads)
    optimizer.step(models.parameters(model), grads)
    return loss, norm, states


def fit_tbptt(model, codes, *, k, batch, steps, optimizer, clip_norm=None, eval_every=None,
              evaluate=None):
    """Train a character model on one long text with truncated BPTT and a carried state.

    Parameters
    ----------
    model : Model from :func:`rnnbook.charlm.init_charlm`
    codes : int array (N,)
        The training text's character codes.
    k : int
        Window length: the steps BPTT runs back through.
    batch : int
        Number of parallel streams (the batch of every update).
    steps : int
        Number of updates.
    optimizer : rnnbook.optim.SGD or Adam
    clip_norm : float or None
    eval_every : int or None
        Record the history every ``eval_every`` updates (and after the last).
    evaluate : callable or None
        ``evaluate(model) -> float``, e.g. the validation loss, recorded as ``val_loss``.

    Returns
    -------
    dict of lists: ``step``, ``loss`` (mean training loss in nats since the last record),
    ``grad_norm`` (their median), and ``val_loss`` when ``evaluate`` is given.
    """
    steps = check_positive_int("steps", steps)
    eval_every = steps if eval_every is None else check_positive_int("eval_every", eval_every)
    if evaluate is not None and not callable(evaluate):
        raise TypeError(f"evaluate must be callable or None, got {type(evaluate).__name__}")
    inputs, targets = streams(codes, batch, k)
    n_windows = inputs.shape[1] // k
    history, losses, norms, states, j = {}, [], [], None, 0
    for step in range(1, steps + 1):
        if j == n_windows:  # the streams are used up: start again from a zero state
            j, states = 0, None
        window = slice(j * k, (j + 1) * k)
        loss, norm, states = train_window(model, inputs[:, window], targets[:, window], states,
                                          optimizer, clip_norm)
        losses.append(loss)
        norms.append(norm)
        j += 1
        if step % eval_every == 0 or step == steps:
            record_interval(history, step, losses, norms)
            losses, norms = [], []
            if evaluate is not None:
                history.setdefault("val_loss", []).append(float(evaluate(model)))
    return history


def stream_logits(model, codes, *, batch, k=256):
    """Run the model over ``codes`` in ``batch`` streams with the state carried from window to
    window (no gradients). Returns ``(logits (batch, L, V), targets (batch, L))``."""
    charlm.check_model(model)
    inputs, targets = streams(codes, batch, k)
    V, dtype = model.n_inputs, model.head.W.dtype
    out, states = [], None
    for s in range(0, inputs.shape[1], k):
        logits, cache = models.forward(model, one_hot(inputs[:, s:s + k], V, dtype), states)
        states = charlm.final_states(model, cache)
        out.append(logits)
    return np.concatenate(out, axis=1), targets


def evaluate_stream(model, codes, *, batch, k=256):
    """Mean cross-entropy (nats per character) of the model on ``codes``, read in ``batch``
    streams with a carried state; each stream starts from a zero state."""
    logits, targets = stream_logits(model, codes, batch=batch, k=k)
    return softmax_cross_entropy(logits, targets)[0]
