"""The layer contract, proved in one place for anything that claims to follow it.

A *layer* is a registered cell module (``rnnbook.lstm``), a layer type such as
``Bidirectional(rnnbook.gru)``, or any object with the same four functions::

    params = layer.init_params(n_inputs, n_units, *, rng, dtype, **init_kwargs)
    Y, cache = layer.forward(params, X, state0=None)        # Y (batch, T, n_out)
    grads, dX, dstate0 = layer.backward(params, cache, dY)
    state = layer.final_state(cache)                        # the state after the last step

(``n_out`` is ``layer.output_units(n_units)`` where the layer has it, else ``n_units``; a cell
module also names its state arrays in ``STATES``; a layer that reads each window backwards as
well, and so cannot continue a sequence in the next window, says ``RESUMABLE = False``.)
:func:`run_layer_test` checks all of it, as Keras's ``run_layer_test`` does for its layers, and
raises ``AssertionError`` naming what broke.
"""
import numpy as np

from .gradcheck import gradient_check
from .params import leaves, map_leaves, replace_leaves

__all__ = ["run_layer_test"]

CONTRACT = ("init_params", "forward", "backward", "final_state")
SHAPES = ((1, 1, 1, 1), (3, 6, 2, 4))       # (batch, T, n_inputs, n_units)
TOLERANCE = {"float64": 1e-10, "float32": 1e-5}


def _expect(ok, what):
    if not ok:
        raise AssertionError(what)


def _same_structure(a, b):
    """Two states (an array, or nested tuples of arrays) with the same nesting and shapes."""
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return isinstance(a, np.ndarray) and isinstance(b, np.ndarray) and a.shape == b.shape
    return (isinstance(a, tuple) and isinstance(b, tuple) and len(a) == len(b)
            and all(_same_structure(x, y) for x, y in zip(a, b)))


def _random_like(tree, rng, scale, dtype):
    return map_leaves(lambda a: rng.normal(0.0, scale, a.shape).astype(dtype), tree)


def _random_params(layer, m, n, rng, dtype, init_kwargs):
    """``init_params``'s weights with every vector (biases, peepholes) random and non-zero:
    a zero there would hide a mistake in its gradient."""
    params = layer.init_params(m, n, rng=rng, dtype=dtype, **init_kwargs)
    return replace_leaves(params, {k: (rng.normal(0.0, 0.5, a.shape).astype(dtype)
                                       if a.ndim == 1 else a)
                                   for k, a in leaves(params).items()})


def _run(layer, params, X, state0, dY):
    Y, cache = layer.forward(params, X, state0)
    return (Y, *layer.backward(params, cache, dY))


def _all_equal(first, second):
    return all(np.array_equal(a, b) for a, b in zip(leaves(first).values(),
                                                    leaves(second).values()))


def _check_pass(layer, params, X, state0, dY, n_out, dtype):
    """Shapes, dtypes and purity of one forward and backward pass."""
    batch, T, _ = X.shape
    before = [a.copy() for a in leaves((params, X, state0, dY)).values()]
    result = _run(layer, params, X, state0, dY)
    Y, grads, dX, dstate0 = result
    _expect(Y.shape == (batch, T, n_out), f"forward: Y has shape {Y.shape}, expected "
            f"{(batch, T, n_out)}")
    _expect(Y.dtype == dtype, f"forward: Y is {Y.dtype} for {dtype} inputs")
    _expect(type(grads) is type(params), f"backward: grads is a {type(grads).__name__}, "
            f"expected {type(params).__name__}")
    p, g = leaves(params), leaves(grads)
    _expect(set(g) == set(p), f"backward: grads has the arrays {sorted(g)}, params {sorted(p)}")
    for k in p:
        _expect(g[k].shape == p[k].shape and g[k].dtype == dtype,
                f"backward: grads.{k} is {g[k].dtype} {g[k].shape}, expected {dtype} "
                f"{p[k].shape}")
    _expect(dX.shape == X.shape and dX.dtype == dtype,
            f"backward: dX is {dX.dtype} {dX.shape}, expected {dtype} {X.shape}")
    _expect(_same_structure(dstate0, state0), "backward: dstate0 is not shaped like state0")
    _expect(all(a.dtype == dtype for a in leaves(dstate0).values()),
            f"backward: dstate0 is not {dtype}")
    after = list(leaves((params, X, state0, dY)).values())
    _expect(all(np.array_equal(a, b) for a, b in zip(before, after)),
            "purity: forward or backward changed an argument in place")
    _expect(_all_equal(result, _run(layer, params, X, state0, dY)),
            "purity: a second identical call gave a different result")
    return result


def _check_states(layer, params, X, state0):
    """``state0=None`` means zeros; ``final_state`` carries the state into the next window."""
    Y, cache = layer.forward(params, X)
    state = layer.final_state(cache)
    _expect(_same_structure(state, state0), "final_state: not shaped like state0")
    zeros = map_leaves(np.zeros_like, state0)
    _expect(np.array_equal(Y, layer.forward(params, X, zeros)[0]),
            "forward: state0=None is not the same as zero initial states")
    if hasattr(layer, "STATES"):
        arrays = state if isinstance(state, tuple) else (state,)
        _expect(len(arrays) == len(layer.STATES),
                f"final_state: {len(arrays)} arrays, but STATES names {layer.STATES}")
    if X.shape[1] < 2 or not getattr(layer, "RESUMABLE", True):
        return
    whole, _ = layer.forward(params, X, state0)
    cut = X.shape[1] // 2
    _, first = layer.forward(params, X[:, :cut], state0)
    rest, _ = layer.forward(params, X[:, cut:], layer.final_state(first))
    _expect(np.allclose(rest, whole[:, cut:], rtol=1e-12, atol=1e-14),
            "final_state: resuming from it does not continue the sequence")


def _check_gradients(layer, params, X, state0, rng):
    """Every gradient against float64 central differences of L = Σ Y ⊗ R."""
    Y, cache = layer.forward(params, X, state0)
    R = rng.standard_normal(Y.shape)
    grads, dX, dstate0 = layer.backward(params, cache, R)
    tree = {"params": params, "X": X, "state0": state0}

    def loss(**arrays):
        t = replace_leaves(tree, arrays)
        return float(np.sum(layer.forward(t["params"], t["X"], t["state0"])[0] * R))

    analytic = leaves({"params": grads, "X": dX, "state0": dstate0})
    errors = gradient_check(loss, leaves(tree), analytic)
    worst = max(errors, key=errors.get)
    _expect(errors[worst] < 1e-7, f"gradients: {worst} differs from central differences by "
            f"{errors[worst]:.1e} (relative)")
    return errors


def _check_bad_input(layer, params, X, state0, dY):
    """Wrong shapes get an error that names the argument."""
    batch, T, m = X.shape
    cases = [("X", lambda: layer.forward(params, X[0])),
             ("X", lambda: layer.forward(params, np.zeros((batch, T, m + 1), X.dtype))),
             ("state0", lambda: layer.forward(params, X, map_leaves(lambda a: a[:, :-1],
                                                                    state0))),
             ("dY", lambda: layer.backward(params, layer.forward(params, X)[1], dY[:, :-1]))]
    for name, call in cases:
        try:
            call()
        except (TypeError, ValueError) as exc:
            _expect(name in str(exc), f"bad {name}: the error does not name it: {exc}")
        else:
            raise AssertionError(f"bad {name}: no error raised")


def run_layer_test(layer, init_kwargs=None, *, rng=0):
    """Prove the layer contract for ``layer``; raise ``AssertionError`` naming what broke.

    For two shapes (one of them 1 × 1 × 1 × 1) and float64 and float32: shapes and dtypes of
    ``Y``, every gradient, ``dX`` and ``dstate0``; purity (no argument changed, the same result
    twice); ``state0=None`` as zeros; ``final_state`` carrying into the next window; the number
    of state arrays against ``STATES``. In float64: every gradient of every parameter, of ``X``
    and of every initial state against central differences; bad ``X``, ``state0`` and ``dY``
    rejected with an error that names them. Parameters are ``init_params``'s with random
    non-zero vectors (biases, peepholes); inputs, initial states and ``dY`` are random.

    Parameters
    ----------
    layer : module or object
        Anything with ``init_params``, ``forward``, ``backward`` and ``final_state``.
    init_kwargs : dict or None
        Passed to ``init_params`` (e.g. ``{"reset_after": True}``).
    rng : int or numpy.random.Generator

    Returns
    -------
    dict[str, float]
        The gradient check's relative errors at the larger shape, by array name.
    """
    missing = [f for f in CONTRACT if not callable(getattr(layer, f, None))]
    _expect(not missing, f"contract: {layer!r} has no {', '.join(missing)}")
    rng = np.random.default_rng(rng)
    init_kwargs = dict(init_kwargs or {})
    errors = None
    for batch, T, m, n in SHAPES:
        n_out = layer.output_units(n) if hasattr(layer, "output_units") else n
        for dtype in ("float64", "float32"):
            params = _random_params(layer, m, n, rng, dtype, init_kwargs)
            X = rng.standard_normal((batch, T, m)).astype(dtype)
            _, cache = layer.forward(params, X.copy())   # only to learn the state's shape
            state0 = _random_like(layer.final_state(cache), rng, 0.5, dtype)
            dY = rng.standard_normal((batch, T, n_out)).astype(dtype)
            _check_pass(layer, params, X, state0, dY, n_out, np.dtype(dtype))
            if dtype == "float64":
                _check_states(layer, params, X, state0)
                errors = _check_gradients(layer, params, X, state0, rng)
                _check_bad_input(layer, params, X, state0, dY)
    return errors
