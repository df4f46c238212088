"""What a recurrent cell costs: parameters, arithmetic and the memory of BPTT (chapter 5 and
the back-matter page on running costs).

Each count is taken from the registered cell's own code, per layer of ``n`` units reading ``m``
inputs: the parameters ``init_params`` makes, the weights of its matrix products, the numbers a
forward cache keeps per step. A newly registered cell is costed with no edit here; the chapters
check these counts against the formulas they derive.
"""
import numpy as np

from .cells import REGISTRY
from .params import count, leaves

__all__ = ["n_params", "multiply_adds", "cached_per_step", "cached_numbers"]


def _params(name, m, n):
    if name not in REGISTRY:
        raise ValueError(f"name must be one of {list(REGISTRY)}, got {name!r}")
    cell = REGISTRY[name]
    return cell, cell.module.init_params(m, n, rng=0, **cell.kwargs)


def n_params(name, m, n):
    """Parameters of one layer: the numbers ``init_params(m, n)`` makes."""
    return count(_params(name, m, n)[1])


def multiply_adds(name, m, n):
    """Multiply-adds of one forward step for one sequence: every weight of the layer's matrix
    products once — its matrices, n(m + n) per fully connected layer (the element-wise gate
    arithmetic, O(n), and vector parameters such as peepholes are left out)."""
    return sum(a.size for a in leaves(_params(name, m, n)[1]).values() if a.ndim == 2)


def cached_per_step(name, m, n):
    """Numbers rnnbook's ``forward`` keeps for ``backward``, per step and sequence: measured as
    the growth of one sequence's cache from one step to two (:func:`cached_numbers`)."""
    cell, params = _params(name, m, n)
    one, two = (cached_numbers(cell.module.forward(params, np.zeros((1, T, m)))[1])
                for T in (1, 2))
    return two - one


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
