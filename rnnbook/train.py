"""A small training loop: mini-batches, a loss, an optimizer, gradient-norm clipping.

``fit`` trains on fixed arrays for whole epochs; ``fit_stream`` draws a fresh batch every step
(the synthetic long-lag tasks of chapters 1–4). Both return the history as plain lists.
"""
import numpy as np

from . import models
from .optim import clip_grad_norm, global_norm
from .validation import as_float_array, check_positive_int, check_real, check_rng

__all__ = ["train_step", "evaluate", "fit", "fit_stream", "fit_stream_until_diverged",
           "first_below", "record_interval"]


def train_step(model, X, Y, *, loss, optimizer, clip_norm=None):
    """One forward/backward/update; returns ``(loss, gradient norm before clipping)``."""
    out, cache = models.forward(model, X)
    value, dout = loss(out, Y)
    grads, _ = models.backward(model, cache, dout)
    if clip_norm is not None:
        grads, norm = clip_grad_norm(grads, clip_norm)
    else:
        norm = global_norm(grads)
    optimizer.step(models.parameters(model), grads)
    return value, norm


def evaluate(model, X, Y, loss, metrics=None, batch_size=1024):
    """``{"loss": ..., name: metric(pred, Y) ...}`` on the whole of (X, Y)."""
    pred = models.predict(model, X, batch_size)
    result = {"loss": loss(pred, Y)[0]}
    for name, fn in (metrics or {}).items():
        result[name] = float(fn(pred, Y))
    return result


def record_interval(history, step, losses, norms):
    """Append one record to a history: ``step``, the mean of the interval's ``losses`` and the
    median of its gradient ``norms`` (the format of :func:`fit_stream`'s history)."""
    history.setdefault("step", []).append(step)
    history.setdefault("loss", []).append(float(np.mean(losses)))
    history.setdefault("grad_norm", []).append(float(np.median(norms)))


def _record(history, prefix, scores):
    for k, v in scores.items():
        history.setdefault(prefix + k, []).append(v)


def fit(model, X, Y, *, loss, optimizer, epochs, batch_size, rng=None, clip_norm=None,
        validation_data=None, metrics=None):
    """Train for ``epochs`` passes over shuffled mini-batches of (X, Y).

    Returns a dict of per-epoch lists: ``loss`` (mean training loss of the epoch's batches),
    ``grad_norm`` (median of the epoch's gradient norms), and ``val_loss``/``val_<metric>``
    when ``validation_data=(X_val, Y_val)`` is given.
    """
    rng = check_rng("rng", rng)
    epochs = check_positive_int("epochs", epochs)
    batch_size = check_positive_int("batch_size", batch_size)
    X = as_float_array("X", X, ("batch", "T", model.n_inputs))
    Y = np.asarray(Y)
    if len(Y) != len(X):
        raise ValueError(f"Y must have one target per sequence of X ({len(X)}), got {len(Y)}")
    history = {}
    for _ in range(epochs):
        order = rng.permutation(len(X))
        losses, norms = [], []
        for k in range(0, len(X), batch_size):
            idx = order[k:k + batch_size]
            value, norm = train_step(model, X[idx], Y[idx], loss=loss, optimizer=optimizer,
                                     clip_norm=clip_norm)
            losses.append(value)
            norms.append(norm)
        history.setdefault("loss", []).append(float(np.mean(losses)))
        history.setdefault("grad_norm", []).append(float(np.median(norms)))
        if validation_data is not None:
            _record(history, "val_", evaluate(model, *validation_data, loss, metrics))
    return history


def fit_stream(model, make_batch, *, steps, loss, optimizer, rng=None, clip_norm=None,
               eval_every=100, validation_data=None, metrics=None):
    """Train for ``steps`` updates, each on a fresh batch ``make_batch(rng) -> (X, Y)``.

    Every ``eval_every`` steps the history records ``step``, ``loss`` (mean training loss since
    the last record), ``grad_norm`` (their median) and, with ``validation_data``, ``val_loss``
    and ``val_<metric>``.
    """
    rng = check_rng("rng", rng)
    steps = check_positive_int("steps", steps)
    eval_every = check_positive_int("eval_every", eval_every)
    if not callable(make_batch):
        raise TypeError(f"make_batch must be callable, got {type(make_batch).__name__}")
    history, losses, norms = {}, [], []
    for step in range(1, steps + 1):
        X, Y = make_batch(rng)
        value, norm = train_step(model, X, Y, loss=loss, optimizer=optimizer, clip_norm=clip_norm)
        losses.append(value)
        norms.append(norm)
        if step % eval_every == 0 or step == steps:
            record_interval(history, step, losses, norms)
            losses, norms = [], []
            if validation_data is not None:
                _record(history, "val_", evaluate(model, *validation_data, loss, metrics))
    return history


def first_below(history, level, key="val_loss"):
    """The first recorded ``step`` at which ``history[key]`` is below ``level``, or None.

    ``history`` is :func:`fit_stream`'s (or any dict with a ``"step"`` list and ``key``). The
    answer can only be as fine as the evaluation interval, and on a curve that goes up and down
    it is the first crossing, not a lasting one.
    """
    if not isinstance(history, dict) or "step" not in history or key not in history:
        raise ValueError(f"history must be a dict with 'step' and {key!r} lists, as "
                         f"fit_stream returns")
    check_real("level", level)
    return next((s for s, v in zip(history["step"], history[key]) if v < level), None)


def fit_stream_until_diverged(model, make_batch, *, steps, loss, optimizer, rng=None,
                              clip_norm=None, max_loss=1e3):
    """:func:`fit_stream` with one record per update, stopping when training diverges.

    Training stops after the first update whose loss exceeds ``max_loss`` or is not finite, or
    whose gradient norm is not finite (its update is not applied then). Overflow while
    diverging is expected and not warned about.

    Returns
    -------
    dict
        ``loss`` and ``grad_norm`` (before clipping), one entry per update made, and
        ``diverged_at``: the 1-based step at which training diverged, or ``None``.
    """
    rng = check_rng("rng", rng)
    steps = check_positive_int("steps", steps)
    if not callable(make_batch):
        raise TypeError(f"make_batch must be callable, got {type(make_batch).__name__}")
    check_real("max_loss", max_loss, low=0, low_open=True)
    history = {"loss": [], "grad_norm": [], "diverged_at": None}
    for step in range(1, steps + 1):
        X, Y = make_batch(rng)
        with np.errstate(over="ignore", invalid="ignore"):
            out, cache = models.forward(model, X)
            if not np.all(np.isfinite(out)):  # the outputs overflowed: diverged
                history["loss"].append(float("inf"))
                history["grad_norm"].append(float("inf"))
                history["diverged_at"] = step
                break
            value, dout = loss(out, Y)
            grads, _ = models.backward(model, cache, dout)
            norm = global_norm(grads)
        history["loss"].append(float(value))
        history["grad_norm"].append(norm)
        if not (np.isfinite(value) and np.isfinite(norm)) or value > max_loss:
            history["diverged_at"] = step
            break
        if clip_norm is not None:
            grads, _ = clip_grad_norm(grads, clip_norm)
        optimizer.step(models.parameters(model), grads)
    return history
