"""rnnbook.params: the named arrays of any parameter object, and back."""
import numpy as np
import pytest

from rnnbook import gru, lstm, models, peephole
from rnnbook.cells import REGISTRY, count_params
from rnnbook.cells.bidirectional import Bidirectional
from rnnbook.params import count, leaves, map_leaves, replace_leaves


def test_a_cell_is_its_fields():
    p = lstm.init_params(3, 4, rng=0)
    assert list(leaves(p)) == ["W_x", "W_h", "b"]
    assert leaves(p)["W_h"] is p.W_h


def test_nested_names_say_where_an_array_sits():
    bi = Bidirectional(peephole).init_params(2, 3, rng=0)
    assert list(leaves(bi)) == [f"{side}.{k}" for side in ("fw", "bw")
                                for k in ("W_x", "W_h", "b", "p_i", "p_f", "p_o")]
    model = models.init_model([Bidirectional(gru), lstm], 2, [3, 4], 1, rng=0)
    names = list(leaves(model))
    assert names[0] == "params.0.fw.W_x" and names[-1] == "head.b"
    assert "params.1.W_h" in names


def test_replace_leaves_round_trip_and_purity():
    model = models.init_model(lstm, 2, [3, 3], 1, rng=0)
    new = {k: np.full_like(a, 7.0) for k, a in leaves(model).items()}
    copy = replace_leaves(model, new)
    assert type(copy) is type(model) and copy.cells == model.cells
    assert all(np.all(a == 7.0) for a in leaves(copy).values())
    assert not any(np.all(a == 7.0) for a in leaves(model).values())   # original untouched


def test_map_leaves_and_dicts():
    tree = {"h": np.ones(2), "c": (np.ones(3), None)}
    zeros = map_leaves(np.zeros_like, tree)
    assert set(leaves(zeros)) == {"h", "c.0"} and zeros["c"][1] is None
    assert all(np.all(a == 0) for a in leaves(zeros).values())


@pytest.mark.parametrize("name", list(REGISTRY))
def test_count_matches_count_params(name):
    cell = REGISTRY[name]
    p = cell.module.init_params(3, 5, rng=0, **cell.kwargs)
    assert count(p) == count_params(p)
    bi = Bidirectional(cell.module).init_params(3, 5, rng=0, **cell.kwargs)
    assert count(bi) == count_params(bi) == 2 * count(p)


@pytest.mark.parametrize("new, match", [({"W_x": np.ones(1)}, "exactly the leaves"),
                                        ([1, 2], "exactly the leaves")])
def test_replace_leaves_bad_input(new, match):
    with pytest.raises(ValueError, match=match):
        replace_leaves(lstm.init_params(1, 1, rng=0), new)
