import numpy as np
import pytest

from rnnbook.dense import DenseParams
from rnnbook.optim import SGD, Adam, clip_grad_norm, global_norm


def _pair(w, g):
    return [DenseParams(W=np.array(w, float), b=np.zeros(1))], [DenseParams(W=np.array(g, float),
                                                                            b=np.zeros(1))]


def test_sgd_and_momentum():
    params, grads = _pair([[1.0]], [[2.0]])
    SGD(lr=0.1).step(params, grads)
    assert params[0].W[0, 0] == pytest.approx(0.8)
    params, grads = _pair([[1.0]], [[1.0]])
    opt = SGD(lr=0.1, momentum=0.5)
    opt.step(params, grads)
    opt.step(params, grads)  # v = 1, then 1.5
    assert params[0].W[0, 0] == pytest.approx(1 - 0.1 - 0.15)


def test_adam_first_step_is_lr_times_sign_of_g():
    # With bias correction the first step is lr·g/(|g| + eps/sqrt(1−β2)): lr·sign(g) for |g| ≫ eps.
    g = np.array([[3.0, -0.01]])
    params, grads = _pair([[0.0, 0.0]], g)
    Adam(lr=0.01).step(params, grads)
    np.testing.assert_allclose(params[0].W, -0.01 * g / (np.abs(g) + 1e-7 / np.sqrt(0.001)),
                               rtol=1e-12)
    np.testing.assert_allclose(params[0].W, [[-0.01, 0.01]], rtol=1e-3)


def test_adam_minimises_a_quadratic():
    params, _ = _pair([[5.0, -3.0]], [[0.0, 0.0]])
    opt = Adam(lr=0.1)
    for _ in range(500):
        opt.step(params, [DenseParams(W=2 * params[0].W, b=np.zeros(1))])
    np.testing.assert_allclose(params[0].W, 0.0, atol=1e-3)


def test_clip_grad_norm():
    grads = [DenseParams(W=np.array([[3.0]]), b=np.array([4.0]))]
    grads, norm = clip_grad_norm(grads, 1.0)
    assert norm == pytest.approx(5.0)
    assert global_norm(grads) == pytest.approx(1.0)
    np.testing.assert_allclose(grads[0].W, [[0.6]])
    grads, norm = clip_grad_norm(grads, 10.0)  # below the threshold: untouched
    assert global_norm(grads) == pytest.approx(1.0)


def test_bad_input():
    params, grads = _pair([[1.0]], [[1.0, 2.0]])
    with pytest.raises(ValueError, match=r"grads_list\[0\].W must have shape \(1, 1\)"):
        SGD().step(params, grads)
    with pytest.raises(ValueError, match="one entry per parameter object"):
        SGD().step(params, [])
    with pytest.raises(ValueError, match=r"lr must lie in \(0, inf\)"):
        Adam(lr=0)
    with pytest.raises(ValueError, match=r"max_norm must lie in \(0, inf\)"):
        clip_grad_norm(grads, 0)



@pytest.mark.parametrize("make,exc,match", [
    (lambda: SGD(lr="0.1"), TypeError, "lr must be a real number, got str"),
    (lambda: SGD(lr=np.inf), ValueError, r"lr must lie in \(0, inf\)"),
    (lambda: SGD(momentum=1.0), ValueError, r"momentum must lie in \[0, 1\)"),
    (lambda: Adam(beta1=1.0), ValueError, r"beta1 must lie in \[0, 1\)"),  # 1 − β1^t = 0
    (lambda: Adam(beta2=-0.1), ValueError, r"beta2 must lie in \[0, 1\)"),
    (lambda: Adam(eps=0.0), ValueError, r"eps must lie in \(0, inf\)"),
    (lambda: clip_grad_norm([], None), TypeError, "max_norm must be a real number"),
])
def test_bad_hyperparameters(make, exc, match):
    with pytest.raises(exc, match=match):
        make()


def test_sgd_momentum_keeps_its_own_copy_of_the_first_gradient():
    params, grads = _pair([[1.0]], [[1.0]])
    opt = SGD(lr=0.1, momentum=0.5)
    opt.step(params, grads)
    grads[0].W[...] = 100.0  # the caller reuses its gradient buffer
    opt.step(params, _pair([[0.0]], [[1.0]])[1])  # v = 0.5 * 1 + 1
    assert params[0].W[0, 0] == pytest.approx(1 - 0.1 - 0.15)


def test_clip_grad_norm_rejects_nan():
    with pytest.raises(ValueError, match="grads_list must be finite"):
        clip_grad_norm([DenseParams(W=np.array([[np.nan]]), b=np.zeros(1))], 1.0)
