"""The registry is the one list of cells: one line registers a cell, and every consumer of the
registry then works for it with no other edit."""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from rnnbook import charlm, costs, lstm, models  # noqa: E402
from rnnbook.cells import REGISTRY, Cell, cifg, module_of  # noqa: E402
from rnnbook.gradcheck import random_case  # noqa: E402
from rnnbook.plots import CELL_STYLE, plot_seeds  # noqa: E402
from rnnbook.testing import run_layer_test  # noqa: E402

NEW = "LSTM, registered again"


@pytest.fixture(params=[lstm, cifg], ids=["copy of the LSTM", "CIFG module"])
def registered(request, monkeypatch):
    """A cell module registered under a new name with one line (undone after the test)."""
    monkeypatch.setitem(REGISTRY, NEW, Cell(request.param))
    return request.param


def test_costs(registered):
    n_lstm = costs.n_params("LSTM", 3, 5)
    expected = n_lstm if registered is lstm else n_lstm * 3 // 4   # CIFG: three blocks
    assert costs.n_params(NEW, 3, 5) == expected
    assert costs.multiply_adds(NEW, 3, 5) > 0
    assert costs.cached_per_step(NEW, 3, 5) == costs.cached_per_step("LSTM", 3, 5)


def test_plot_style_of_its_own(registered):
    styles = [tuple(sorted((k, str(v)) for k, v in CELL_STYLE[name].items()))
              for name in REGISTRY]
    assert len(set(styles)) == len(REGISTRY)         # every cell, the new one too, differs
    fig, ax = plt.subplots()
    plot_seeds(ax, np.arange(4), np.ones((3, 4)), NEW)
    assert ax.lines[-1].get_color() == CELL_STYLE[NEW]["color"]
    plt.close(fig)


def test_contract_and_state_arity(registered):
    assert REGISTRY[NEW].states == registered.STATES
    assert max(run_layer_test(REGISTRY[NEW].module).values()) < 1e-7
    c = random_case(NEW, 2, 3, 2, 4, rng=0)
    assert module_of(c.params) is registered
    assert len(c.state0) == len(registered.STATES)


def test_stack_and_character_model(registered):
    model = models.init_model(REGISTRY[NEW].module, 2, [3, 4], 1, rng=0)
    out, cache = models.forward(model, np.ones((2, 5, 2)))
    grads, dX = models.backward(model, cache, np.ones_like(out))
    assert out.shape == (2, 1) and dX.shape == (2, 5, 2)
    lm = charlm.init_charlm(NEW, 7, 5, rng=0)
    codes = np.random.default_rng(0).integers(0, 7, (2, 6))
    loss, _, _ = charlm.loss_and_grads(lm, codes[:, :-1], codes[:, 1:])
    assert np.isfinite(loss)
    errors = charlm.check_gradients(lm, codes[:, :-1], codes[:, 1:])
    assert max(errors.values()) < 1e-6


def test_keras_twin(registered):
    from rnnbook.interop.keras import keras_differences
    assert REGISTRY[NEW].keras == "LSTM"
    c = random_case(NEW, 2, 4, 3, 5, rng=1)
    assert max(keras_differences(c.params, c.X, c.state0, c.dY).values()) < 1e-10
