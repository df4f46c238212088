"""Finite-difference gradient checking (central differences, float64).

``numerical_gradient`` differentiates any scalar function of several named arrays;
``check_cell`` applies it to a cell module of the rnnbook contract and reports, for every
parameter, for ``dX`` and for each initial state, the relative error of ``backward`` against
central differences.
"""
from typing import NamedTuple

import numpy as np

from .cells import REGISTRY
from .params import leaves, replace_leaves
from .validation import as_float_array, check_dtype, check_rng

__all__ = ["numerical_gradient", "relative_error", "gradient_check", "check_cell", "random_params",
           "random_state",
           "Case", "random_case", "differences", "format_differences"]


def random_params(cell, n_inputs, n_units, *, rng, dtype=np.float64, bias_scale=0.5,
                  **init_kwargs):
    """Parameters of ``cell`` for cross-checks, with random non-zero biases and peepholes.

    The weights are ``cell.init_params``'s (float64); every vector field — the biases ``b`` and
    ``b_h``, the peepholes ``p_i``, ``p_f``, ``p_o`` where the cell has them — is then drawn from
    N(0, bias_scale²), because a zero there would hide a mistake in its layout. Everything is
    finally cast to ``dtype``. ``init_kwargs`` go to ``init_params`` (e.g. ``reset_after=True``).
    """
    rng, dtype = check_rng("rng", rng), check_dtype("dtype", dtype)
    p = cell.init_params(n_inputs, n_units, rng=rng, **init_kwargs)
    return replace_leaves(p, {k: (rng.normal(0.0, bias_scale, a.shape) if a.ndim == 1 else a)
                              .astype(dtype) for k, a in leaves(p).items()})


class Case(NamedTuple):
    """A random test case of a cell: its parameters and the arguments of ``forward`` and
    ``backward``."""
    params: object
    X: np.ndarray
    state0: object
    dY: np.ndarray


def random_case(name, batch, T, n_inputs, n_units, *, rng, dtype=np.float64):
    """A :class:`Case` for the registered cell ``name`` (a key of :data:`rnnbook.cells.REGISTRY`).

    Parameters from :func:`random_params` (random non-zero biases and peepholes), X ~ N(0, 1),
    a non-zero initial state (every array of it ~ N(0, 0.5²)) and dY ~ N(0, 1), all ``dtype``.
    """
    if name not in REGISTRY:
        raise ValueError(f"name must be one of {sorted(REGISTRY)}, got {name!r}")
    cell, kwargs = REGISTRY[name]
    rng, dtype = check_rng("rng", rng), check_dtype("dtype", dtype)
    params = random_params(cell, n_inputs, n_units, rng=rng, dtype=dtype, **kwargs)
    X = rng.standard_normal((batch, T, n_inputs)).astype(dtype)
    state0 = random_state(cell, batch, n_units, rng=rng, dtype=dtype)
    dY = rng.standard_normal((batch, T, n_units)).astype(dtype)
    return Case(params, X, state0, dY)


def random_state(cell, batch, n_units, *, rng, dtype=np.float64, scale=0.5):
    """A non-zero initial state of ``cell`` (a cell module): one array ~ N(0, scale²) of shape
    (batch, n_units) per name in ``cell.STATES``, as a tuple when there are several."""
    rng, dtype = check_rng("rng", rng), check_dtype("dtype", dtype)
    states = tuple(rng.normal(0.0, scale, (batch, n_units)).astype(dtype) for _ in cell.STATES)
    return states if len(states) > 1 else states[0]


def relative_error(a, b):
    """``max |a − b| / max(max |a| + max |b|, 1e-300)``: 0 for identical arrays, ≤ 1 otherwise."""
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    if a.shape != b.shape:
        raise ValueError(f"relative_error needs arrays of one shape, got {a.shape} and {b.shape}")
    if a.size == 0:
        return 0.0
    return float(np.max(np.abs(a - b)) / max(np.max(np.abs(a)) + np.max(np.abs(b)), 1e-300))


def numerical_gradient(f, arrays, eps=1e-6):
    """Central-difference gradient of the scalar ``f(**arrays)`` with respect to every array.

    Parameters
    ----------
    f : callable
        Called as ``f(**arrays)``; must return a real scalar.
    arrays : dict[str, array_like]
        Named arguments of ``f``. They are converted to float64 copies; the caller's arrays are
        never modified.
    eps : float
        Step h of (f(a + h) − f(a − h)) / 2h.

    Returns
    -------
    dict[str, ndarray]
        ``∂f/∂array`` for every name, float64, each of its array's shape.
    """
    if not callable(f):
        raise TypeError(f"f must be callable, got {type(f).__name__}")
    if not isinstance(arrays, dict) or not arrays:
        raise TypeError("arrays must be a non-empty dict {name: array}")
    if not (isinstance(eps, float) and eps > 0):
        raise ValueError(f"eps must be a positive float, got {eps!r}")
    point = {k: as_float_array(k, v, dtype=np.float64).copy() for k, v in arrays.items()}
    grads = {}
    for name, a in point.items():
        g = np.zeros_like(a)
        for idx in np.ndindex(a.shape):
            old = a[idx]
            a[idx] = old + eps
            plus = float(f(**point))
            a[idx] = old - eps
            minus = float(f(**point))
            a[idx] = old
            g[idx] = (plus - minus) / (2 * eps)
        grads[name] = g
    return grads


def gradient_check(f, arrays, analytic, eps=1e-6):
    """Relative error of each ``analytic[name]`` against ``numerical_gradient(f, arrays)``."""
    missing = set(arrays) - set(analytic)
    if missing:
        raise ValueError(f"analytic has no gradient for {sorted(missing)}")
    numeric = numerical_gradient(f, arrays, eps)
    return {k: relative_error(analytic[k], numeric[k]) for k in arrays}


def _as_tuple(state):
    return state if isinstance(state, tuple) else (state,)


def _state_names(state, name="state0"):
    """``{name: array}`` of an initial state: ``"state0"`` for one array, ``"state0[0]"``,
    ``"state0[1]"`` for a pair, ``"state0[0][1]"`` … for a pair of pairs (a bidirectional LSTM)."""
    if state is None:
        return {}
    if not isinstance(state, tuple):
        return {name: state}
    return {k: a for i, s in enumerate(state) for k, a in _state_names(s, f"{name}[{i}]").items()}


def check_cell(cell, params, X, state0, *, rng=None, eps=1e-6):
    """Gradient-check ``cell.backward`` against central differences, in float64.

    The scalar checked is L = Σ Y ⊗ R for a fixed random R, so that dL/dY = R reaches every
    output with a different weight.

    Parameters
    ----------
    cell : module or layer
        Anything with the rnnbook contract's ``forward`` and ``backward``: a cell module
        (``rnnbook.lstm`` …), ``rnnbook.bidirectional``, a ``Bidirectional`` layer type.
    params : parameter tree
        Float64 parameters of that cell (a dataclass, possibly nested: :mod:`rnnbook.params`).
    X : ndarray, (batch, T, n_inputs)
    state0 : ndarray, tuple or None
        Initial state (``(h0, c0)`` for the LSTMs; a pair of the cell's states for a
        bidirectional layer); ``None`` for zeros, which are then not checked.
    rng : numpy.random.Generator, int or None
        Draws R; ``None`` means seed 0, so repeated calls check the same L.
    eps : float
        Step of the central differences.

    Returns
    -------
    dict[str, float]
        Relative error per parameter (named as :func:`rnnbook.params.leaves` names it), for
        ``"X"``, and for each initial state (``"state0"``, or ``"state0[0]"``, ``"state0[1]"``).
    """
    rng = check_rng("rng", 0 if rng is None else rng)  # the same R on every call by default
    Y, cache = cell.forward(params, X, state0)
    R = rng.standard_normal(Y.shape)
    grads, dX, dstate0 = cell.backward(params, cache, R)
    pnames, snames = list(leaves(params)), list(_state_names(state0))

    def loss(**kw):
        p = replace_leaves(params, {k: kw[k] for k in pnames})
        flat = iter(kw[k] for k in snames)
        s = replace_leaves(state0, {k: next(flat) for k in leaves(state0)})
        out, _ = cell.forward(p, kw["X"], s)
        return float(np.sum(out * R))

    arrays = {**leaves(params), "X": X, **_state_names(state0)}
    analytic = {**leaves(grads), "X": dX, **_state_names(dstate0)}
    return gradient_check(loss, arrays, analytic, eps)


def differences(ours, theirs, state_names):
    """Relative differences (:func:`relative_error`) between two ``(Y, grads, dX, dstate0)``
    results of a forward and backward pass, such as rnnbook's and Keras's.

    Returns ``{"Y": …, <each parameter>: …, "X": …, <each initial state>: …}``, the initial
    states named by ``state_names`` with a 0 (``"h0"``, ``"c0"``): every array that was compared.
    """
    (Y, grads, dX, ds), (Y2, grads2, dX2, ds2) = ours, theirs
    if type(grads) is not type(grads2):
        raise TypeError(f"theirs must hold {type(grads).__name__} gradients, "
                        f"got {type(grads2).__name__}")
    g, g2 = leaves(grads), leaves(grads2)
    if set(g) != set(g2):
        raise ValueError(f"the gradients must have the same fields, got {sorted(g)} and "
                         f"{sorted(g2)}")
    states, states2 = _as_tuple(ds), _as_tuple(ds2)
    if not len(states) == len(states2) == len(state_names):
        raise ValueError(f"dstate0 must have {len(state_names)} arrays ({state_names}) on both "
                         f"sides")
    return {"Y": relative_error(Y, Y2), **{k: relative_error(g[k], g2[k]) for k in g},
            "X": relative_error(dX, dX2),
            **{f"{s}0": relative_error(a, b) for s, a, b in zip(state_names, states, states2)}}


def format_differences(diffs):
    """One line for a page: the largest difference and which arrays were compared."""
    if not isinstance(diffs, dict) or not diffs:
        raise TypeError("diffs must be the non-empty dict returned by differences()")
    worst = max(diffs, key=diffs.get)
    grads = [k for k in diffs if k != "Y"]
    return (f"Y and the gradients of {', '.join(grads)} agree to a relative difference of at "
            f"most {diffs[worst]:.0e} ({worst})")
