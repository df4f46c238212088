import numpy as np
import pytest

from rnnbook.validation import (
    as_float_array,
    check_choice,
    check_dtype,
    check_init_args,
    check_positive_int,
    check_rng,
    check_shape,
)


def test_as_float_array_converts_ints_and_keeps_float32():
    assert as_float_array("X", [[1, 2]]).dtype == np.float64
    assert as_float_array("X", np.ones(2, np.float32)).dtype == np.float32
    assert as_float_array("X", np.ones(2, np.float32), dtype=np.float64).dtype == np.float64


@pytest.mark.parametrize("value, exc, msg", [
    (np.array(["a"]), TypeError, "X must be a real numeric array"),
    (np.array([1j]), TypeError, "X must be a real numeric array"),
    (np.array([np.nan]), ValueError, "X contains NaN"),
    (np.array([np.inf]), ValueError, "X contains NaN or infinity"),
])
def test_as_float_array_rejects(value, exc, msg):
    with pytest.raises(exc, match=msg):
        as_float_array("X", value)


def test_check_shape_names_the_argument_and_expected_shape():
    check_shape("X", np.zeros((2, 5, 3)), ("batch", "T", 3))
    with pytest.raises(ValueError, match=r"X must have shape \(batch, T, 3\), got \(2, 5, 4\)"):
        check_shape("X", np.zeros((2, 5, 4)), ("batch", "T", 3))
    with pytest.raises(ValueError, match=r"b must have shape \(4,\), got \(4, 1\)"):
        check_shape("b", np.zeros((4, 1)), (4,))


@pytest.mark.parametrize("value, exc", [(0, ValueError), (-3, ValueError), (2.0, TypeError),
                                        (True, TypeError), ("3", TypeError)])
def test_check_positive_int_rejects(value, exc):
    with pytest.raises(exc, match="n_units must be a positive integer"):
        check_positive_int("n_units", value)


def test_check_positive_int_accepts_numpy_ints():
    assert check_positive_int("n", np.int64(3)) == 3


def test_check_rng():
    g = np.random.default_rng(1)
    assert check_rng("rng", g) is g
    assert check_rng("rng", 5).integers(100) == np.random.default_rng(5).integers(100)
    with pytest.raises(TypeError, match="rng must be a numpy.random.Generator"):
        check_rng("rng", np.random.RandomState(0))


def test_check_dtype_and_choice():
    assert check_dtype("dtype", "float32") == np.float32
    with pytest.raises(TypeError, match="dtype must be float32 or float64, got int64"):
        check_dtype("dtype", np.int64)
    with pytest.raises(ValueError, match=r"activation must be one of \['relu', 'tanh'\], got 'elu'"):
        check_choice("activation", "elu", {"tanh", "relu"})


def test_check_param_arrays():
    from rnnbook.validation import check_param_arrays
    f64, f32 = np.zeros((2, 3)), np.zeros(3, np.float32)
    assert check_param_arrays({"params.W": f64, "params.b": np.ones(3)}) == np.float64
    assert check_param_arrays({"params.b": f32}) == np.float32
    for bad, got in ((f64.astype(np.float16), "float16"), (f64.astype(int), "int64"),
                     (f64.tolist(), "list")):
        with pytest.raises(TypeError, match=f"params.W must be a float32 or float64 ndarray, "
                                            f"got {got}"):
            check_param_arrays({"params.W": bad, "params.b": f64})
    with pytest.raises(ValueError, match="params.b contains NaN or infinity"):
        check_param_arrays({"params.W": f64, "params.b": np.array([1.0, np.inf])})
    with pytest.raises(TypeError, match=r"params.W, params.b must share one dtype, "
                                        r"got \['float32', 'float64'\]"):
        check_param_arrays({"params.W": f64, "params.b": f32})


def test_check_init_args():
    n_in, n, rng, dtype = check_init_args(np.int64(3), 4, 7, "float32")
    assert (n_in, n, dtype) == (3, 4, np.float32) and isinstance(rng, np.random.Generator)
    with pytest.raises(ValueError, match="n_units must be a positive integer"):
        check_init_args(3, 0, None, np.float64)


def test_check_real():
    from rnnbook.validation import check_real
    assert check_real("lr", 0.5, low=0, low_open=True) == 0.5
    assert check_real("m", 0, low=0, high=1, high_open=True) == 0
    with pytest.raises(TypeError, match="lr must be a real number, got bool True"):
        check_real("lr", True, low=0, low_open=True)
    with pytest.raises(ValueError, match=r"lr must lie in \(0, inf\), got 0"):
        check_real("lr", 0, low=0, low_open=True)
    with pytest.raises(ValueError, match=r"m must lie in \[0, 1\), got 1"):
        check_real("m", 1, low=0, high=1, high_open=True)
    with pytest.raises(ValueError, match=r"x must lie in \(-inf, inf\), got inf"):
        check_real("x", float("inf"))


def test_check_sequences_and_state():
    from rnnbook.validation import check_sequences, check_state
    with pytest.raises(ValueError, match="X must hold at least one sequence of at least one step"):
        check_sequences(np.zeros((0, 3, 2)), 2, np.float64)
    assert check_sequences([[[1, 2]]], 2, np.float32).dtype == np.float32
    np.testing.assert_array_equal(check_state("state0", None, 2, 3, np.float64), np.zeros((2, 3)))
    with pytest.raises(ValueError, match=r"state0 must have shape \(2, 3\), got \(3,\)"):
        check_state("state0", np.zeros(3), 2, 3, np.float64)
