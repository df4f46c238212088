"""rnnbook.costs: the counts it takes from the code, against the book's closed-form formulas."""
import numpy as np
import pytest

from rnnbook import costs
from rnnbook.cells import REGISTRY
from rnnbook.gradcheck import random_case

# The book's formulas (chapter 5, the cheat-sheet), derived by hand from the equations:
# (parameters, multiply-adds per step, numbers cached per step) of one layer.
FORMULAS = {
    "simple RNN": lambda m, n: (n * (m + n) + n, n * (m + n), m + n),
    "LSTM": lambda m, n: (4 * (n * (m + n) + n), 4 * n * (m + n), m + 7 * n),
    "peephole LSTM": lambda m, n: (4 * (n * (m + n) + n) + 3 * n, 4 * n * (m + n), m + 7 * n),
    "GRU": lambda m, n: (3 * (n * (m + n) + n), 3 * n * (m + n), m + 4 * n),
    "GRU, reset_after": lambda m, n: (3 * (n * (m + n) + n) + 3 * n, 3 * n * (m + n), m + 5 * n),
}


@pytest.mark.parametrize("m,n", [(2, 16), (3, 5)])
@pytest.mark.parametrize("name", list(FORMULAS))
def test_counts_match_the_formulas(name, m, n):
    counts = (costs.n_params(name, m, n), costs.multiply_adds(name, m, n),
              costs.cached_per_step(name, m, n))
    assert counts == FORMULAS[name](m, n)


@pytest.mark.parametrize("name", list(REGISTRY))
def test_the_cache_grows_by_cached_per_step_for_every_step_and_sequence(name):
    cell, kwargs = REGISTRY[name]
    params = cell.init_params(3, 5, rng=0, **kwargs)
    sizes = [costs.cached_numbers(cell.forward(params, np.ones((3, T, 3)))[1]) for T in (4, 9)]
    assert sizes[1] - sizes[0] == costs.cached_per_step(name, 3, 5) * 3 * 5


@pytest.mark.parametrize("name", [name for name, c in REGISTRY.items() if c.keras is not None])
def test_keras_counts_the_same_parameters(name):
    """The same count from Keras, except for a cell computed through a Keras twin with tied
    weights (the CIFG's input gate), where Keras counts the tied copies too."""
    from rnnbook.interop.keras import to_keras
    from rnnbook.params import count
    c = random_case(name, 1, 1, 3, 5, rng=0)
    module = REGISTRY[name].module
    twin = module.to_twin(c.params) if hasattr(module, "to_twin") else c.params
    assert to_keras(c.params).count_params() == count(twin)
    if twin is c.params:
        assert count(twin) == costs.n_params(name, 3, 5)


def test_views_are_counted_once_and_bad_names_rejected():
    base = np.zeros((4, 6))
    assert costs.cached_numbers({"a": base, "view": base[:, :3], "pair": (np.ones(2), base)}) == 26
    with pytest.raises(ValueError, match="name must be one of"):
        costs.n_params("transformer", 2, 3)
    with pytest.raises(TypeError, match="cache must be the dict"):
        costs.cached_numbers([base])
