"""The one-call cross-checks of chapter 3: rnnbook's peephole LSTM against the Keras 3 cell
(keras_peephole_differences) and against TF1's peephole LSTMCell (tf1_differences)."""
import dataclasses

import numpy as np
import pytest

import rnnbook  # noqa: F401  (before tensorflow: silences its logs)
from rnnbook import peephole
from rnnbook.gradcheck import differences, random_case
from rnnbook.interop.keras_peephole import (
    keras_peephole_differences,
    keras_peephole_forward_backward,
)
from rnnbook.interop.tf1_peephole import tf1_differences

KEYS = ["Y", "W_x", "W_h", "b", "p_i", "p_f", "p_o", "X", "h0", "c0"]
TOL = {"float64": 1e-12, "float32": 1e-5}


@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_keras_peephole_differences_small(dtype):
    case = random_case("peephole LSTM", 3, 6, 2, 4, rng=7, dtype=dtype)
    diffs = keras_peephole_differences(*case)
    assert list(diffs) == KEYS
    assert max(diffs.values()) < TOL[dtype]


def test_keras_peephole_differences_can_fail():
    """A wrong output peephole is seen in Y and in the gradients."""
    p, X, state0, dY = random_case("peephole LSTM", 2, 5, 3, 3, rng=8)
    ours_wrong = dataclasses.replace(p, p_o=p.p_o + 0.5)
    Y, cache = peephole.forward(ours_wrong, X, state0)
    diffs = differences((Y, *peephole.backward(ours_wrong, cache, dY)),
                        keras_peephole_forward_backward(p, X, state0, dY), peephole.STATES)
    assert diffs["Y"] > 1e-3 and diffs["p_o"] > 1e-3


def test_keras_peephole_forward_backward_bad_state():
    p, X, state0, dY = random_case("peephole LSTM", 2, 3, 2, 3, rng=9)
    with pytest.raises(TypeError, match="state0"):
        keras_peephole_forward_backward(p, X, state0[0], dY)


def test_tf1_differences():
    cases = []
    for k, dtype in enumerate(["float64", "float32"]):
        p, X, state0, dY = random_case("peephole LSTM", 2, 4, 3, 2, rng=20 + k, dtype=dtype)
        cases.append({"params": p, "X": X, "state0": state0, "dY": dY, "forget_bias": 1.0})
    cases[1]["forget_bias"] = 0.3
    out = tf1_differences(cases)
    assert [list(d) for d in out] == [KEYS, KEYS]
    assert max(out[0].values()) < TOL["float64"] and max(out[1].values()) < TOL["float32"]
    assert all(np.isfinite(v) for d in out for v in d.values())
