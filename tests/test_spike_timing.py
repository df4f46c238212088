"""Tests for rnnbook.tasks.spike_timing: the timed-spike task and its accuracy metric."""
import numpy as np
import pytest

from rnnbook.tasks.spike_timing import spike_time_accuracy, spike_time_errors, timed_spike


@pytest.mark.parametrize("n,T,delay", [(1, 2, 1), (50, 30, 15), (200, 12, 11), (64, 40, 3)])
def test_timed_spike_structure(n, T, delay):
    X, Y = timed_spike(n, T, delay, rng=np.random.default_rng(0))
    assert X.shape == Y.shape == (n, T, 1)
    assert X.dtype == Y.dtype == np.float64
    assert set(np.unique(X)) <= {0.0, 1.0} and set(np.unique(Y)) <= {0.0, 1.0}
    np.testing.assert_array_equal(X.sum(axis=(1, 2)), np.ones(n))   # one cue
    np.testing.assert_array_equal(Y.sum(axis=(1, 2)), np.ones(n))   # one target spike
    t0, t1 = np.argmax(X[..., 0], axis=1), np.argmax(Y[..., 0], axis=1)
    np.testing.assert_array_equal(t1 - t0, np.full(n, delay))
    assert t0.min() >= 0 and t1.max() <= T - 1


def test_timed_spike_cue_times_cover_range_and_are_reproducible():
    X, _ = timed_spike(2000, 10, 4, rng=np.random.default_rng(1))
    t0 = np.argmax(X[..., 0], axis=1)
    np.testing.assert_array_equal(np.unique(t0), np.arange(6))     # every t0 in {0..T-delay-1}
    counts = np.bincount(t0)
    assert counts.min() > 2000 / 6 * 0.8                          # roughly uniform
    X2, _ = timed_spike(2000, 10, 4, rng=np.random.default_rng(1))
    np.testing.assert_array_equal(X, X2)


@pytest.mark.parametrize("kwargs,exc,match", [
    (dict(n=0, T=5, delay=2), ValueError, "n must"),
    (dict(n=2, T=5, delay=5), ValueError, "smaller than T"),
    (dict(n=2, T=5, delay=0), ValueError, "delay"),
    (dict(n=2, T=5.0, delay=2), TypeError, "T must"),
    (dict(n=2, T=5, delay=2, rng="x"), TypeError, "rng"),
])
def test_timed_spike_bad_input(kwargs, exc, match):
    with pytest.raises(exc, match=match):
        timed_spike(**kwargs)


def test_spike_time_accuracy():
    _, Y = timed_spike(4, 10, 3, rng=np.random.default_rng(2))
    t1 = np.argmax(Y[..., 0], axis=1)
    assert spike_time_accuracy(Y, Y) == 1.0
    assert spike_time_accuracy(Y * 7.0 - 3.0, Y) == 1.0            # logits: argmax only
    shifted = np.zeros_like(Y)
    rows = np.arange(4)
    shifted[rows, np.clip(t1 + np.array([0, 1, -1, 2]), 0, 9), 0] = 1.0
    assert spike_time_accuracy(shifted, Y) == 0.25
    assert spike_time_accuracy(shifted, Y, tolerance=1) == 0.75
    assert spike_time_accuracy(shifted, Y, tolerance=2) == 1.0


def test_spike_time_accuracy_bad_input():
    _, Y = timed_spike(4, 10, 3, rng=np.random.default_rng(2))
    with pytest.raises(ValueError, match=r"out must have shape \(n, T, 1\)"):
        spike_time_accuracy(Y[..., 0], Y)
    with pytest.raises(ValueError, match="target must have shape"):
        spike_time_accuracy(Y, Y[:, :5])
    with pytest.raises(ValueError, match="tolerance"):
        spike_time_accuracy(Y, Y, tolerance=-1)
    with pytest.raises(TypeError, match="out must be a real numeric array"):
        spike_time_accuracy(np.full((1, 2, 1), "a"), Y[:1, :2])


def test_spike_time_errors():
    _, Y = timed_spike(3, 10, 3, rng=np.random.default_rng(4))
    t1 = np.argmax(Y[..., 0], axis=1)
    moved = np.zeros_like(Y)
    shifts = np.array([0, -1, -3])                                 # t1 >= delay = 3
    moved[np.arange(3), t1 + shifts, 0] = 0.9
    errors = spike_time_errors(moved, Y)
    assert errors.dtype.kind == "i"
    np.testing.assert_array_equal(errors, shifts)
    with pytest.raises(ValueError, match="target must have shape"):
        spike_time_errors(moved, Y[:2])
