import numpy as np
import pytest

from rnnbook.initializers import glorot_uniform, orthogonal


@pytest.mark.parametrize("shape", [(5, 5), (3, 12), (12, 3)])
def test_orthogonal_has_orthonormal_rows_or_columns(shape):
    W = orthogonal(np.random.default_rng(0), shape)
    small = min(shape)
    gram = W @ W.T if shape[0] < shape[1] else W.T @ W
    np.testing.assert_allclose(gram, np.eye(small), atol=1e-12)


def test_glorot_uniform_range_and_dtype():
    W = glorot_uniform(np.random.default_rng(0), (40, 60), np.float32)
    assert W.dtype == np.float32
    limit = np.sqrt(6 / 100)
    assert np.all(np.abs(W) <= limit) and np.abs(W).max() > 0.9 * limit


def test_bad_shape():
    with pytest.raises(ValueError, match=r"shape must be \(rows, columns\)"):
        orthogonal(np.random.default_rng(0), (3,))
    with pytest.raises(ValueError, match=r"shape\[1\] must be a positive integer"):
        glorot_uniform(np.random.default_rng(0), (3, 0))
