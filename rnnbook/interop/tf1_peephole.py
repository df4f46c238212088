"""TensorFlow's own peephole LSTM (the TF1 ``LSTMCell``) as an independent reference.

Chapter 3 (:ref:`ch-peephole`) cross-checks ``rnnbook.peephole`` against
``tf.compat.v1.nn.rnn_cell.LSTMCell(num_units, use_peepholes=True)``. Keras 3 has no peephole
cell; the TF1 cell lives in ``tf_keras`` and TensorFlow only hands it out when
``TF_USE_LEGACY_KERAS=1`` is set *before* TensorFlow is imported. A notebook or test session
that already imported Keras 3 cannot switch, so :func:`tf1_forward_backward` runs the cell in a
child process (``python -m rnnbook.interop.tf1_peephole IN.npz OUT.npz``) and exchanges arrays
as .npz.

The TF1 cell (``tf_keras/src/layers/rnn/legacy_cells.py``, ``LSTMCell.call``) computes, per step::

    [a_i, a_j, a_f, a_o] = [x_t, h_{t-1}] kernel + bias          (gate order i, j, f, o; j = g)
    c_t = σ(a_f + forget_bias + w_f_diag ⊗ c_{t-1}) ⊗ c_{t-1}
          + σ(a_i + w_i_diag ⊗ c_{t-1}) ⊗ tanh(a_j)
    h_t = σ(a_o + w_o_diag ⊗ c_t) ⊗ tanh(c_t)                   (o peeks at the new c_t)

and carries its state as the pair ``(c, h)``. So, from rnnbook's ``PeepholeParams``:
``kernel = [W_x; W_h]`` stacked by rows, gate blocks [i, f, g, o] → [i, g, f, o] (swap the middle
two; the swap is its own inverse), and ``forget_bias`` subtracted from the f block of ``b``.

References: Gers & Schmidhuber 2000; Sak et al. 2014 (the TF1 docstring's source).
"""
import numbers
import os
import subprocess
import sys
import tempfile

import numpy as np

from ..cells import peephole
from ..cells.peephole import PeepholeParams
from ..validation import as_float_array
from . import require

require(tf_keras=True)  # tf-keras of TensorFlow's release, or a message: what to install

__all__ = ["to_tf1", "from_tf1", "tf1_forward_backward", "tf1_differences", "TF1_ORDER"]

#: rnnbook's gate blocks [i, f, g, o] in the TF1 cell's order [i, j, f, o] (an involution).
TF1_ORDER = (0, 2, 1, 3)
_DIAGS = (("w_i_diag", "p_i"), ("w_f_diag", "p_f"), ("w_o_diag", "p_o"))


def _reorder(a):
    """Swap the 2nd and 3rd of four gate blocks along the last axis."""
    blocks = np.split(a, 4, axis=-1)
    return np.concatenate([blocks[k] for k in TF1_ORDER], axis=-1)


def _check_forget_bias(forget_bias):
    if isinstance(forget_bias, bool) or not isinstance(forget_bias, numbers.Real):
        raise TypeError(f"forget_bias must be a real number, got {type(forget_bias).__name__}")
    return float(forget_bias)


def to_tf1(params, forget_bias=1.0):
    """The weights of ``params`` for TF1's
    ``LSTMCell(use_peepholes=True, forget_bias=forget_bias)``.

    Parameters
    ----------
    params : PeepholeParams
        ``W_x`` (n_inputs, 4n), ``W_h`` (n, 4n), ``b`` (4n,), ``p_i, p_f, p_o`` (n,).
    forget_bias : float
        The constant the TF1 cell adds to the f pre-activation at call time; it is
        subtracted from the stored bias, so that the two cells compute one function.

    Returns
    -------
    dict[str, ndarray]
        ``kernel`` (n_inputs + n, 4n), ``bias`` (4n,), ``w_i_diag``, ``w_f_diag``,
        ``w_o_diag`` (n,), in the dtype of ``params``.
    """
    _, n, _ = peephole.check_params(params)
    forget_bias = _check_forget_bias(forget_bias)
    b = params.b.copy()
    b[n:2 * n] -= forget_bias                           # f block, rnnbook order
    W = np.concatenate([params.W_x, params.W_h], axis=0)  # (m + n, 4n)
    out = {"kernel": _reorder(W), "bias": _reorder(b)}
    out.update({tf_name: getattr(params, name).copy() for tf_name, name in _DIAGS})
    return out


def from_tf1(weights, forget_bias=1.0):
    """The ``PeepholeParams`` of TF1 ``LSTMCell`` weights (inverse of :func:`to_tf1`).

    With ``forget_bias=0.0`` it also converts *gradients* w.r.t. the TF1 weights into
    gradients w.r.t. rnnbook's parameters (the constant shift has no gradient).

    Parameters
    ----------
    weights : dict
        ``kernel`` (n_inputs + n, 4n), ``bias`` (4n,), ``w_i_diag``, ``w_f_diag``,
        ``w_o_diag`` (n,).
    forget_bias : float
    """
    if not isinstance(weights, dict):
        raise TypeError(f"weights must be a dict of TF1 LSTMCell weights, "
                        f"got {type(weights).__name__}")
    missing = {"kernel", "bias"} | {k for k, _ in _DIAGS}
    missing -= set(weights)
    if missing:
        raise ValueError(f"weights lacks {sorted(missing)}")
    forget_bias = _check_forget_bias(forget_bias)
    bias = as_float_array("bias", weights["bias"])
    if bias.ndim != 1 or bias.shape[0] % 4 or bias.shape[0] == 0:
        raise ValueError(f"bias must have shape (4*n_units,), got {bias.shape}")
    n = bias.shape[0] // 4
    kernel = as_float_array("kernel", weights["kernel"], ("n_inputs+n_units", 4 * n))
    if kernel.shape[0] <= n:
        raise ValueError(f"kernel must have shape (n_inputs+{n}, {4 * n}) with n_inputs >= 1, "
                         f"got {kernel.shape}")
    diags = {name: as_float_array(tf_name, weights[tf_name], (n,)) for tf_name, name in _DIAGS}
    kernel = _reorder(kernel)                                  # (m+n, 4n), [i, f, g, o]
    b = _reorder(bias).copy()                                  # (4n,)
    b[n:2 * n] += forget_bias
    m = kernel.shape[0] - n
    return PeepholeParams(W_x=kernel[:m].copy(), W_h=kernel[m:].copy(), b=b,
                          **{k: v.copy() for k, v in diags.items()})


def tf1_forward_backward(cases, *, timeout=300):
    """Run TF's peephole ``LSTMCell`` on each case in a child process.

    Parameters
    ----------
    cases : list of dict
        Each with ``params`` (PeepholeParams, float32 or float64), ``X`` (batch, T, n_inputs),
        ``state0`` = ``(h0, c0)`` (batch, n), ``dY`` (batch, T, n) and optionally
        ``forget_bias`` (default 1.0). The TF cell gets ``to_tf1(params, forget_bias)``.

    Returns
    -------
    list of dict
        Per case, in rnnbook terms: ``Y`` (batch, T, n), ``state`` = ``(h_{T−1}, c_{T−1})``
        (the states after the last step, t = T−1), and the gradients of L = Σ Y ⊗ dY taken
        by ``tf.GradientTape``: ``grads`` (PeepholeParams), ``dX``, ``dstate0`` =
        ``(dh0, dc0)`` — the same triple as ``peephole.backward``.
    """
    if not isinstance(cases, (list, tuple)) or not cases:
        raise TypeError("cases must be a non-empty list of dicts")
    arrays = {}
    for k, case in enumerate(cases):
        fb = case.get("forget_bias", 1.0)
        w = to_tf1(case["params"], fb)
        dt = w["kernel"].dtype
        n_in, n = w["kernel"].shape[0] - w["bias"].shape[0] // 4, w["bias"].shape[0] // 4
        X = as_float_array("X", case["X"], ("batch", "T", n_in), dtype=dt)
        h0, c0 = case["state0"]
        h0 = as_float_array("h0", h0, (X.shape[0], n), dtype=dt)
        c0 = as_float_array("c0", c0, (X.shape[0], n), dtype=dt)
        dY = as_float_array("dY", case["dY"], X.shape[:2] + (n,), dtype=dt)
        for name, a in {**w, "X": X, "h0": h0, "c0": c0, "dY": dY,
                        "forget_bias": np.float64(_check_forget_bias(fb))}.items():
            arrays[f"c{k}_{name}"] = a
    with tempfile.TemporaryDirectory() as tmp:
        src, dst = os.path.join(tmp, "in.npz"), os.path.join(tmp, "out.npz")
        np.savez(src, n_cases=len(cases), **arrays)
        proc = subprocess.run([sys.executable, "-m", "rnnbook.interop.tf1_peephole", src, dst],
                              env={**os.environ, "TF_USE_LEGACY_KERAS": "1"},
                              capture_output=True, text=True, timeout=timeout)
        if proc.returncode != 0:
            raise RuntimeError("the TF1 peephole subprocess failed:\n" + proc.stderr[-3000:])
        with np.load(dst) as out:
            res = {k: out[k] for k in out.files}
    results = []
    for k in range(len(cases)):
        r = {name: res[f"c{k}_{name}"] for name in
             ("Y", "h_last", "c_last", "dX", "dh0", "dc0", "kernel", "bias",
              "w_i_diag", "w_f_diag", "w_o_diag")}
        grads = from_tf1({name: r[name] for name in
                          ("kernel", "bias", "w_i_diag", "w_f_diag", "w_o_diag")}, 0.0)
        results.append({"Y": r["Y"], "state": (r["h_last"], r["c_last"]), "grads": grads,
                        "dX": r["dX"], "dstate0": (r["dh0"], r["dc0"])})
    return results


def _run_tf1(arrays):
    """In the child process: forward and GradientTape backward of every case (imports TF)."""
    import tensorflow as tf  # noqa: E402 — TF_USE_LEGACY_KERAS is already set by main()

    out = {}
    for k in range(int(arrays["n_cases"])):
        a = {name[len(f"c{k}_"):]: v for name, v in arrays.items() if name.startswith(f"c{k}_")}
        n = a["w_i_diag"].shape[0]
        dtype = tf.as_dtype(a["kernel"].dtype)
        cell = tf.compat.v1.nn.rnn_cell.LSTMCell(n, use_peepholes=True, dtype=dtype,
                                                 forget_bias=float(a["forget_bias"]))
        cell.build(tf.TensorShape([None, a["X"].shape[2]]))
        weights = {w.name.split("/")[-1].split(":")[0]: w for w in cell.weights}
        for name, w in weights.items():
            w.assign(a[name])
        X, h0, c0 = (tf.constant(a[name]) for name in ("X", "h0", "c0"))
        with tf.GradientTape() as tape:
            tape.watch([X, h0, c0])
            state, ys = tf.compat.v1.nn.rnn_cell.LSTMStateTuple(c0, h0), []  # TF1 order (c, h)
            for t in range(a["X"].shape[1]):
                y, state = cell(X[:, t], state)
                ys.append(y)
            Y = tf.stack(ys, axis=1)                             # (batch, T, n)
            L = tf.reduce_sum(Y * a["dY"])
        names = ["kernel", "bias", "w_i_diag", "w_f_diag", "w_o_diag"]
        grads = tape.gradient(L, [weights[nm] for nm in names] + [X, h0, c0])
        res = dict(zip(names + ["dX", "dh0", "dc0"], grads))
        res.update(Y=Y, h_last=state.h, c_last=state.c)
        out.update({f"c{k}_{name}": np.asarray(v) for name, v in res.items()})
    return out


def main(argv=None):
    """``python -m rnnbook.interop.tf1_peephole IN.npz OUT.npz``: the child side of the check."""
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 2:
        raise SystemExit("usage: python -m rnnbook.interop.tf1_peephole IN.npz OUT.npz")
    if "tensorflow" in sys.modules:
        raise RuntimeError("TensorFlow was imported before TF_USE_LEGACY_KERAS could be set")
    os.environ["TF_USE_LEGACY_KERAS"] = "1"
    import warnings
    warnings.simplefilter("ignore")   # the TF1 cell's deprecation warnings
    with np.load(argv[0]) as f:
        arrays = {k: f[k] for k in f.files}
    np.savez(argv[1], **_run_tf1(arrays))


def tf1_differences(cases, *, timeout=300):
    """rnnbook's peephole LSTM against TF1's peephole ``LSTMCell``, for each case.

    ``cases`` as in :func:`tf1_forward_backward` (one child process for all of them). Returns a
    list of ``{array: relative difference}`` (:func:`rnnbook.gradcheck.differences`): Y, the
    gradients of the six parameters, dX, and those of ``h0`` and ``c0``.
    """
    from ..gradcheck import differences
    refs = tf1_forward_backward(cases, timeout=timeout)
    out = []
    for case, ref in zip(cases, refs):
        p = case["params"]
        Y, cache = peephole.forward(p, case["X"], case["state0"])
        ours = (Y, *peephole.backward(p, cache, case["dY"]))
        out.append(differences(ours, (ref["Y"], ref["grads"], ref["dX"], ref["dstate0"]),
                               peephole.STATES))
    return out


if __name__ == "__main__":
    main()
