"""Input validation with errors that name the argument and what was expected.

Every public function of rnnbook checks its inputs here, so that a wrong shape is reported as
``ValueError: X must have shape (batch, T, 3), got (8, 20, 4)`` rather than as NumPy's
broadcasting message, and so that no bad input gives a silently wrong answer.
"""
import numbers

import numpy as np

__all__ = ["as_float_array", "check_shape", "check_positive_int", "check_real", "check_rng",
           "check_dtype", "check_choice", "check_param_arrays", "check_init_args",
           "check_sequences", "check_state", "check_bool"]


def check_positive_int(name, value):
    """Return ``value`` as an int, or raise if it is not a positive integer."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be a positive integer, got {type(value).__name__} {value!r}")
    if value <= 0:
        raise ValueError(f"{name} must be a positive integer, got {value}")
    return int(value)


def check_real(name, value, *, low=-np.inf, high=np.inf, low_open=False, high_open=False):
    """Return ``value`` if it is a real number (not a bool) in the interval from ``low`` to
    ``high``; ``low_open``/``high_open`` exclude the ends. Infinity is never accepted.

    A bool or a non-number is a ``TypeError``; a number outside the interval a ``ValueError``
    whose message shows the interval, e.g. ``lr must lie in (0, inf), got -1``.
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number, got {type(value).__name__} {value!r}")
    below = value <= low if low_open else value < low
    above = value >= high if high_open else value > high
    if below or above or not np.isfinite(value):
        interval = (f"{'(' if low_open or low == -np.inf else '['}{low}, "
                    f"{high}{')' if high_open or high == np.inf else ']'}")
        raise ValueError(f"{name} must lie in {interval}, got {value!r}")
    return value


def check_bool(name, value):
    """Return ``value`` if it is a bool (NumPy's included), else raise ``TypeError``."""
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be a bool, got {type(value).__name__} {value!r}")
    return bool(value)


def check_dtype(name, dtype):
    """Return ``np.dtype(dtype)``; only float32 and float64 are accepted."""
    try:
        dt = np.dtype(dtype)
    except TypeError as exc:
        raise TypeError(f"{name} must be float32 or float64, got {dtype!r}") from exc
    if dt not in (np.float32, np.float64):
        raise TypeError(f"{name} must be float32 or float64, got {dt}")
    return dt


def check_init_args(n_inputs, n_units, rng, dtype):
    """The arguments every ``init_params`` shares, checked: ``(n_inputs, n_units, rng, dtype)``
    with positive int sizes, a ``np.random.Generator`` and float32 or float64."""
    return (check_positive_int("n_inputs", n_inputs), check_positive_int("n_units", n_units),
            check_rng("rng", rng), check_dtype("dtype", dtype))


def check_rng(name, rng):
    """Return a ``np.random.Generator``: ``None`` gives a fresh one, an int seeds one."""
    if rng is None:
        return np.random.default_rng()
    if isinstance(rng, np.random.Generator):
        return rng
    if isinstance(rng, numbers.Integral) and not isinstance(rng, bool):
        return np.random.default_rng(int(rng))
    raise TypeError(f"{name} must be a numpy.random.Generator, an int seed or None, "
                    f"got {type(rng).__name__}")


def check_choice(name, value, choices):
    """Raise unless ``value`` is one of ``choices``."""
    if value not in choices:
        raise ValueError(f"{name} must be one of {sorted(choices)}, got {value!r}")
    return value


def _shape_str(shape):
    parts = [str(s) for s in shape]
    return "(" + ", ".join(parts) + ("," if len(parts) == 1 else "") + ")"


def check_shape(name, array, expected):
    """Raise unless ``array.shape`` matches ``expected``.

    ``expected`` is a tuple of ints and names (strings); a name matches any size, and the
    message shows it, e.g. ``(batch, T, 3)``.
    """
    shape = np.shape(array)
    ok = len(shape) == len(expected) and all(
        isinstance(e, str) or s == e for s, e in zip(shape, expected))
    if not ok:
        raise ValueError(f"{name} must have shape {_shape_str(expected)}, got {_shape_str(shape)}")
    return array


def as_float_array(name, value, expected=None, dtype=None):
    """Convert ``value`` to a finite floating-point array, checking its shape.

    Integers and booleans become floats (``dtype``, default float64; float32 input stays float32
    unless ``dtype`` says otherwise). Strings, objects and complex numbers raise ``TypeError``;
    NaN or infinity raise ``ValueError``. ``expected`` is passed to :func:`check_shape`.
    """
    arr = np.asarray(value) if not isinstance(value, np.ndarray) else value
    if arr.dtype.kind not in "biuf":
        raise TypeError(f"{name} must be a real numeric array, got dtype {arr.dtype}")
    if dtype is None:
        dtype = arr.dtype if arr.dtype in (np.float32, np.float64) else np.float64
    arr = arr.astype(check_dtype("dtype", dtype), copy=False)
    if expected is not None:
        check_shape(name, arr, expected)
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} contains NaN or infinity")
    return arr


def check_param_arrays(arrays):
    """Check the arrays of a parameter dataclass; return their common dtype.

    ``arrays`` maps names (``"params.W_x"`` ...) to values. Each must be a float32 or float64
    ``ndarray`` (a list, an integer or a float16 array raises ``TypeError``) with finite entries,
    and all must share one dtype. Shapes are left to the caller.
    """
    for name, a in arrays.items():
        if not isinstance(a, np.ndarray) or a.dtype not in (np.float32, np.float64):
            raise TypeError(f"{name} must be a float32 or float64 ndarray, got "
                            f"{a.dtype if isinstance(a, np.ndarray) else type(a).__name__}")
        if not np.all(np.isfinite(a)):
            raise ValueError(f"{name} contains NaN or infinity")
    dtypes = {a.dtype for a in arrays.values()}
    if len(dtypes) != 1:
        raise TypeError(f"{', '.join(arrays)} must share one dtype, got "
                        f"{sorted(str(d) for d in dtypes)}")
    return dtypes.pop()


def check_sequences(X, n_inputs, dtype):
    """``X`` as a (batch, T, n_inputs) array of ``dtype`` holding at least one sequence of at
    least one step — the input every cell's ``forward`` takes."""
    X = as_float_array("X", X, ("batch", "T", n_inputs), dtype=dtype)
    if X.shape[0] == 0 or X.shape[1] == 0:
        raise ValueError(f"X must hold at least one sequence of at least one step, "
                         f"got shape {X.shape}")
    return X


def check_state(name, state, batch, n_units, dtype):
    """An initial state: zeros of shape (batch, n_units) for ``None``, else ``state`` checked
    and converted to ``dtype``."""
    if state is None:
        return np.zeros((batch, n_units), dtype)
    return as_float_array(name, state, (batch, n_units), dtype=dtype)
