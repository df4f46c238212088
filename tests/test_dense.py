import numpy as np
import pytest

from rnnbook import dense
from rnnbook.gradcheck import gradient_check


@pytest.mark.parametrize("shape", [(4, 3), (2, 5, 3)])
def test_dense_gradients(shape):
    rng = np.random.default_rng(0)
    p = dense.init_params(3, 2, rng=rng)
    p.b[:] = rng.standard_normal(2)
    H, R = rng.standard_normal(shape), rng.standard_normal(shape[:-1] + (2,))
    out, cache = dense.forward(p, H)
    np.testing.assert_allclose(out, H @ p.W + p.b, rtol=1e-15)
    g, dH = dense.backward(p, cache, R)

    def f(W, b, H):
        return np.sum(dense.forward(dense.DenseParams(W, b), H)[0] * R)

    errs = gradient_check(f, {"W": p.W, "b": p.b, "H": H}, {"W": g.W, "b": g.b, "H": dH})
    assert max(errs.values()) < 1e-8, errs


def test_dense_bad_input():
    p = dense.init_params(3, 2, rng=0)
    with pytest.raises(ValueError, match=r"H must have shape \(\.\.\., 3\), got \(4, 2\)"):
        dense.forward(p, np.zeros((4, 2)))
    with pytest.raises(TypeError, match="params must be DenseParams"):
        dense.forward({"W": 1}, np.zeros((4, 3)))
    _, cache = dense.forward(p, np.zeros((4, 3)))
    with pytest.raises(ValueError, match=r"dout must have shape \(4, 2\)"):
        dense.backward(p, cache, np.zeros((4, 3)))
    with pytest.raises(ValueError, match="n_outputs must be a positive integer"):
        dense.init_params(3, 0)
