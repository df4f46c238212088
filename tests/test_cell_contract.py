"""The cell contract, proved once for every registered cell (rnnbook.cells.REGISTRY).

    params = init_params(n_inputs, n_units, *, rng, dtype, **kwargs)
    Y, cache = forward(params, X, state0=None)
    grads, dX, dstate0 = backward(params, cache, dY)

For every cell × shape × float32/float64: shapes and dtypes, purity, the zero default state,
carrying the state across windows, a float64 finite-difference check of every gradient, parity
of Y and every gradient with TensorFlow (Keras 3 layers; TensorFlow's own TF1 peephole cell for
the peephole LSTM), the weight round trip, and bad input with the message matched. A new cell is
one registry entry; these tests then cover it. What is specific to one cell stays in its own
test module (test_rnn.py, test_lstm.py, test_peephole.py, test_gru.py).
"""
import numpy as np
import pytest

import rnnbook  # noqa: F401  (before tensorflow: silences its logs)
from rnnbook.cells import REGISTRY, param_arrays
from rnnbook.gradcheck import check_cell, differences, random_case
from rnnbook.testing import run_layer_test

NAMES = list(REGISTRY)
SHAPES = [(1, 1, 1, 1), (2, 5, 3, 4), (3, 7, 2, 5)]   # (batch, T, n_inputs, n_units)
DTYPES = ["float64", "float32"]
TOLS = {"float64": 1e-10, "float32": 1e-5}   # largest relative difference (relative_error)


def case(name, shape, dtype, seed=0):
    return random_case(name, *shape, rng=seed, dtype=dtype)


def states(state0):
    return state0 if isinstance(state0, tuple) else (state0,)


def run(name, c):
    cell = REGISTRY[name].module
    Y, cache = cell.forward(c.params, c.X, c.state0)
    return (Y, *cell.backward(c.params, cache, c.dY))


# -- the contract: shapes, dtypes, purity, states, gradients, bad input ------------------------

@pytest.mark.parametrize("name", NAMES)
def test_layer_contract(name):
    """rnnbook.testing.run_layer_test: shapes and dtypes (float32 and float64), purity, the zero
    default state, carrying the state across windows, every gradient against float64 central
    differences, bad X, state0 and dY named in the error."""
    errors = run_layer_test(REGISTRY[name].module, REGISTRY[name].kwargs)
    module = REGISTRY[name].module
    c = case(name, SHAPES[1], "float64")
    states_checked = {k for k in errors if k.startswith("state0")}
    assert set(errors) == {f"params.{k}" for k in param_arrays(c.params)} | {"X"} | states_checked
    assert len(states_checked) == len(module.STATES)


@pytest.mark.parametrize("name", NAMES)
def test_float32_stays_float32_in_the_cache(name):
    c = case(name, SHAPES[1], "float32")
    _, cache = REGISTRY[name].module.forward(c.params, c.X, c.state0)
    arrays = [a for a in cache.values() if isinstance(a, np.ndarray)]
    assert arrays and all(a.dtype == np.float32 for a in arrays)


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("name", NAMES)
def test_gradient_check_names_every_array(name, shape):
    c = case(name, shape, "float64", seed=1)
    errors = check_cell(REGISTRY[name].module, c.params, c.X, c.state0, rng=2)
    expected = set(param_arrays(c.params)) | {"X"} | (
        {"state0"} if len(states(c.state0)) == 1 else {"state0[0]", "state0[1]"})
    assert set(errors) == expected
    assert max(errors.values()) < 1e-7, errors


# -- parity with TensorFlow ---------------------------------------------------------------------

KERAS_NAMES = [n for n in NAMES if REGISTRY[n].keras is not None]


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("name", KERAS_NAMES)
def test_keras_parity(name, shape, dtype):
    from rnnbook.interop.keras import keras_differences
    c = case(name, shape, dtype, seed=3)
    diffs = keras_differences(*c)
    assert len(diffs) == 3 + len(param_arrays(c.params)) + len(states(c.state0)) - 1
    assert max(diffs.values()) < TOLS[dtype], diffs


@pytest.fixture(scope="module")
def tf1_peephole_results():
    """TensorFlow's own peephole LSTMCell on every shape and dtype: one child process."""
    from rnnbook.interop.tf1_peephole import tf1_forward_backward
    cases = [case("peephole LSTM", shape, dtype, seed=3) for shape in SHAPES for dtype in DTYPES]
    refs = tf1_forward_backward([c._asdict() for c in cases])
    return cases, refs


def test_tf1_peephole_parity(tf1_peephole_results):
    from rnnbook import peephole
    for c, ref in zip(*tf1_peephole_results, strict=True):
        theirs = (ref["Y"], ref["grads"], ref["dX"], ref["dstate0"])
        diffs = differences(run("peephole LSTM", c), theirs, peephole.STATES)
        assert max(diffs.values()) < TOLS[str(c.X.dtype)], diffs


def test_parity_check_can_fail():
    """Keras parity is not vacuous: one bias shifted by 1e-3 on rnnbook's side is seen."""
    from rnnbook import lstm
    from rnnbook.interop.keras import keras_forward_backward, to_keras
    c = case("LSTM", SHAPES[1], "float64")
    theirs = keras_forward_backward(to_keras(c.params), c.X, c.state0, c.dY)
    c.params.b[0] += 1e-3
    diffs = differences(run("LSTM", c), theirs, lstm.STATES)
    assert diffs["Y"] > 1e-6 and max(diffs.values()) > 1e-5


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("name", KERAS_NAMES)
def test_keras_round_trip(name, dtype):
    from rnnbook.interop.keras import from_keras, to_keras
    c = case(name, SHAPES[2], dtype, seed=4)
    module = REGISTRY[name].module
    expected = module.to_twin(c.params) if hasattr(module, "to_twin") else c.params  # CIFG
    back = from_keras(to_keras(c.params))
    assert type(back) is type(expected)
    for k, a in param_arrays(expected).items():
        np.testing.assert_array_equal(getattr(back, k), a, err_msg=k)
        assert getattr(back, k).dtype == dtype


@pytest.mark.parametrize("dtype", DTYPES)
def test_tf1_peephole_round_trip(dtype):
    from rnnbook.interop.tf1_peephole import from_tf1, to_tf1
    c = case("peephole LSTM", SHAPES[2], dtype, seed=4)
    back = from_tf1(to_tf1(c.params, forget_bias=0.7), forget_bias=0.7)
    for k, a in param_arrays(c.params).items():
        np.testing.assert_allclose(getattr(back, k), a, rtol=0, atol=1e-6 if dtype == "float32"
                                   else 1e-15, err_msg=k)


# -- bad input ------------------------------------------------------------------------------------

def bad_inputs(c):
    """(description, forward arguments, exception, message) for one valid case ``c``."""
    n = c.dY.shape[2]
    s = states(c.state0)
    wrong_state = tuple(np.zeros((c.X.shape[0], n + 1)) for _ in s)
    return [
        ("X of rank 2", (c.params, c.X[0], c.state0), ValueError,
         r"X must have shape \(batch, T, 3\)"),
        ("X with the wrong width", (c.params, c.X[..., :2], c.state0), ValueError,
         r"X must have shape \(batch, T, 3\)"),
        ("X with no steps", (c.params, c.X[:, :0], c.state0), ValueError,
         "X must hold at least one sequence of at least one step"),
        ("X of strings", (c.params, c.X.astype(str), c.state0), TypeError,
         "X must be a real numeric array"),
        ("X with NaN", (c.params, np.full_like(c.X, np.nan), c.state0), ValueError,
         "X contains NaN"),
        ("state of the wrong width", (c.params, c.X, wrong_state if len(s) > 1
                                      else wrong_state[0]), ValueError,
         rf"state0.* must have shape \({c.X.shape[0]}, {n}\)"),
        ("params of another type", ("W", c.X, c.state0), TypeError, "params must be"),
    ]


@pytest.mark.parametrize("name", NAMES)
def test_forward_rejects_bad_input_with_a_clear_message(name):
    cell = REGISTRY[name].module
    c = case(name, (2, 5, 3, 4), "float64")
    for what, args, exc, message in bad_inputs(c):
        with pytest.raises(exc, match=message):
            cell.forward(*args)
            pytest.fail(f"forward accepted {what}")


@pytest.mark.parametrize("name", NAMES)
def test_backward_rejects_bad_input_with_a_clear_message(name):
    cell = REGISTRY[name].module
    c = case(name, (2, 5, 3, 4), "float64")
    _, cache = cell.forward(c.params, c.X, c.state0)
    with pytest.raises(ValueError, match=r"dY must have shape \(2, 5, 4\)"):
        cell.backward(c.params, cache, c.dY[:, :4])
    with pytest.raises(ValueError, match="dY contains NaN"):
        cell.backward(c.params, cache, np.full_like(c.dY, np.nan))
    with pytest.raises(TypeError, match="cache must be the dict returned by"):
        cell.backward(c.params, {"X": c.X}, c.dY)
    other = case(name, (2, 5, 3, 6), "float64").params   # 6 units: not this cache's params
    with pytest.raises(ValueError, match="cache"):
        cell.backward(other, cache, c.dY)


@pytest.mark.parametrize("name", NAMES)
def test_init_params_rejects_bad_arguments(name):
    cell, kwargs = REGISTRY[name]
    with pytest.raises(ValueError, match="n_units must be a positive integer"):
        cell.init_params(3, 0, **kwargs)
    with pytest.raises(TypeError, match="n_inputs must be a positive integer"):
        cell.init_params(3.0, 4, **kwargs)
    with pytest.raises(TypeError, match="dtype must be float32 or float64"):
        cell.init_params(3, 4, dtype=np.float16, **kwargs)
    with pytest.raises(TypeError, match="rng must be a numpy.random.Generator"):
        cell.init_params(3, 4, rng="seed", **kwargs)
    a, b = cell.init_params(3, 4, rng=7, **kwargs), cell.init_params(
        3, 4, rng=np.random.default_rng(7), **kwargs)
    for k, w in param_arrays(a).items():
        np.testing.assert_array_equal(w, getattr(b, k), err_msg=k)


def test_module_of_finds_each_registered_cell():
    from rnnbook.cells import module_of
    from rnnbook.dense import init_params as dense_params
    for name, cell in REGISTRY.items():
        assert module_of(case(name, SHAPES[0], "float64").params) is cell.module
    with pytest.raises(TypeError, match="params must be the parameters of a registered cell"):
        module_of(dense_params(2, 3, rng=0))
