"""rnnbook.costs: every formula against the code it describes."""
import numpy as np
import pytest

from rnnbook import costs
from rnnbook.cells import REGISTRY, count_params, param_arrays
from rnnbook.gradcheck import random_case


@pytest.mark.parametrize("m,n", [(2, 16), (3, 5)])
@pytest.mark.parametrize("name", list(REGISTRY))
def test_formulas_match_the_code(name, m, n):
    cell, kwargs, _ = REGISTRY[name]
    params = cell.init_params(m, n, rng=0, **kwargs)
    assert costs.n_params(name, m, n) == count_params(params)
    matrices = sum(a.size for a in param_arrays(params).values() if a.ndim == 2)
    assert costs.multiply_adds(name, m, n) == matrices
    # the cache grows by cached_per_step numbers for every extra step and sequence
    sizes = [costs.cached_numbers(cell.forward(params, np.ones((3, T, m)))[1]) for T in (4, 9)]
    assert sizes[1] - sizes[0] == costs.cached_per_step(name, m, n) * 3 * 5


def test_keras_counts_the_same_parameters():
    from rnnbook.interop.keras import to_keras
    for name in ("simple RNN", "LSTM", "GRU", "GRU, reset_after"):
        c = random_case(name, 1, 1, 3, 5, rng=0)
        assert to_keras(c.params).count_params() == costs.n_params(name, 3, 5)


def test_views_are_counted_once_and_bad_names_rejected():
    base = np.zeros((4, 6))
    assert costs.cached_numbers({"a": base, "view": base[:, :3], "pair": (np.ones(2), base)}) == 26
    with pytest.raises(ValueError, match="name must be one of"):
        costs.n_params("transformer", 2, 3)
    with pytest.raises(TypeError, match="cache must be the dict"):
        costs.cached_numbers([base])
