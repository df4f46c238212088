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


def test_dense_bad_params_and_cache():
    p = dense.init_params(3, 2, rng=0)
    H = np.ones((4, 3))
    with pytest.raises(ValueError, match=r"params.b must have shape \(2,\), got \(1,\)"):
        dense.forward(dense.DenseParams(p.W, np.zeros(1)), H)  # used to broadcast silently
    with pytest.raises(ValueError, match=r"params.W must have shape \(n_inputs, n_outputs\)"):
        dense.forward(dense.DenseParams(np.zeros(3), p.b), H)
    with pytest.raises(TypeError, match="params.W must be a float32 or float64 ndarray, got list"):
        dense.forward(dense.DenseParams(p.W.tolist(), p.b), H)
    with pytest.raises(TypeError, match="share one dtype"):
        dense.forward(dense.DenseParams(p.W.astype(np.float32), p.b), H)
    with pytest.raises(ValueError, match="params.W contains NaN"):
        dense.forward(dense.DenseParams(p.W * np.nan, p.b), H)
    for cache in ({"H": H}, np.ones((4, 5)), H.astype(np.float32)):
        with pytest.raises(ValueError, match=r"cache must be the H \(\.\.\., 3\)"):
            dense.backward(p, cache, np.ones((4, 2)))
