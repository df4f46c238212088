"""What a recurrent cell costs: parameters, arithmetic and the memory of BPTT (chapter 5 and
the back-matter page on running costs).

The formulas are per layer of ``n`` units reading ``m`` inputs; :func:`cached_numbers` counts
what a forward cache actually holds, so that each formula can be checked against the code.
"""
import numpy as np

__all__ = ["LAYERS", "n_params", "multiply_adds", "cached_per_step", "cached_numbers"]

#: dict: The number of fully connected layers of each registered cell (the simple RNN's one
#: layer; the LSTM's candidate and three gates; the GRU's candidate and two gates).
LAYERS = {"simple RNN": 1, "LSTM": 4, "peephole LSTM": 4, "GRU": 3, "GRU, reset_after": 3}


def _check(name):
    if name not in LAYERS:
        raise ValueError(f"name must be one of {sorted(LAYERS)}, got {name!r}")
    return LAYERS[name]


def n_params(name, m, n):
    """Parameters: each layer has n·m input weights, n² recurrent weights and n biases; the
    peephole LSTM adds 3n peepholes, Keras's ``reset_after`` GRU a second bias per layer."""
    layers = _check(name)
    extra = {"peephole LSTM": 3 * n, "GRU, reset_after": layers * n}.get(name, 0)
    return layers * (n * (m + n) + n) + extra


def multiply_adds(name, m, n):
    """Multiply-adds of one forward step for one sequence: every weight of the layers' matrix
    products once, n(m + n) per layer (the element-wise gate arithmetic, O(n), is left out)."""
    return _check(name) * n * (m + n)


def cached_per_step(name, m, n):
    """Numbers rnnbook's ``forward`` keeps for ``backward``, per step and sequence: the input
    x_t, and the LSTM's i, f, g, o, c, tanh c, h (7n), the GRU's z, r, g, h (4n, plus
    h W_hg + b_hg with ``reset_after``), the simple RNN's y (n)."""
    _check(name)
    per_unit = {"simple RNN": 1, "LSTM": 7, "peephole LSTM": 7, "GRU": 4,
                "GRU, reset_after": 5}[name]
    return m + per_unit * n


def cached_numbers(cache):
    """The numbers held by the arrays of a forward cache, each buffer counted once (a view such
    as the GRU's ``z``, a slice of its gate array, is not counted again)."""
    if not isinstance(cache, dict):
        raise TypeError(f"cache must be the dict a cell's forward returned, got "
                        f"{type(cache).__name__}")
    arrays = [a for v in cache.values() for a in (v if isinstance(v, tuple) else (v,))
              if isinstance(a, np.ndarray)]
    counted = []
    for a in sorted(arrays, key=lambda a: a.size, reverse=True):
        if not any(np.shares_memory(a, b) for b in counted):
            counted.append(a)
    return sum(a.size for a in counted)
