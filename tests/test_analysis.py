import numpy as np
import pytest

from rnnbook import rnn
from rnnbook.analysis import input_jacobian_norms, unit_correlations


def test_linear_rnn_jacobian_is_a_matrix_power():
    # y_T = Σ_t x_t W_x W_y^(T−1−t) for the linear RNN, so ∂y_T/∂x_t = (W_x W_y^(T−1−t))ᵀ exactly.
    rng = np.random.default_rng(0)
    p = rnn.init_params(2, 3, rng=rng, activation="linear")
    p.b[:] = rng.standard_normal(3)
    X = rng.standard_normal((4, 6, 2))
    norms = input_jacobian_norms(rnn, p, X, rng.standard_normal((4, 3)))
    expected = [np.linalg.norm(p.W_x @ np.linalg.matrix_power(p.W_y, 5 - t)) for t in range(6)]
    np.testing.assert_allclose(norms, expected, rtol=1e-12)


def test_unit_correlations():
    rng = np.random.default_rng(0)
    v = rng.normal(size=50)
    S = np.stack([v * 2 + 1, -v, np.ones(50), rng.normal(size=50)], axis=1)
    r = unit_correlations(S, v)
    np.testing.assert_allclose(r[:3], [1, -1, 0], atol=1e-12)
    np.testing.assert_allclose(r[3], np.corrcoef(S[:, 3], v)[0, 1], rtol=1e-12)
    with pytest.raises(ValueError, match="constant"):
        unit_correlations(S, np.ones(50))
    with pytest.raises(ValueError, match="states must have shape"):
        unit_correlations(S[:, 0], v)
