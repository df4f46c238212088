"""Tests for rnnbook.tasks.adding: the shared adding-problem setup."""
import numpy as np
import pytest

from rnnbook import lstm, rnn
from rnnbook.tasks import adding
from rnnbook.tasks.adding import (
    ADDING_SETUP,
    adding_baseline,
    adding_streams,
    adding_validation,
    run_adding,
)

TINY = dict(ADDING_SETUP, T=6, units=3, batch=4, steps=4, eval_every=2, n_val=8)


def test_baseline_is_one_sixth():
    _, Y = adding.adding_problem(200_000, 4, rng=np.random.default_rng(0))
    assert abs(adding_baseline(Y) - 1 / 6) < 2e-3


def test_streams_reproducible_and_distinct():
    a, b = adding_streams(3), adding_streams(3)
    draws_a = [g.random(4) for g in a]
    np.testing.assert_array_equal(draws_a, [g.random(4) for g in b])
    assert not np.allclose(draws_a[0], draws_a[1]) and not np.allclose(draws_a[1], draws_a[2])


def test_run_adding_history_and_reproducibility():
    net, h = run_adding(lstm, TINY)
    assert h["step"] == [2, 4] and len(h["val_loss"]) == 2 and len(h["loss"]) == 2
    X_val, Y_val = adding_validation(TINY)
    assert X_val.shape == (8, 6, 2) and h["baseline"] == adding_baseline(Y_val)
    assert isinstance(net.params[0], lstm.LSTMParams) and net.params[0].W_h.shape == (3, 12)
    _, h2 = run_adding(lstm, TINY)
    assert h2["val_loss"] == h["val_loss"]  # same seed, same run
    _, h3 = run_adding(lstm, TINY, seed=1)
    assert h3["val_loss"] != h["val_loss"]


def test_cells_see_the_same_batches():
    seen = {}
    for cell in (rnn, lstm):
        _, batch_rng, _ = adding_streams(TINY["seed"])
        seen[cell.__name__] = [adding.adding_problem(4, 6, rng=batch_rng)[0] for _ in range(2)]
    np.testing.assert_array_equal(seen["rnnbook.cells.rnn"], seen["rnnbook.cells.lstm"])
    # and run_adding draws its batches from that stream only: the RNN's loss is reproducible
    assert run_adding(rnn, TINY)[1]["loss"] == run_adding(rnn, TINY)[1]["loss"]


@pytest.mark.parametrize("setup,exc,match", [
    (dict(TINY, T=0), ValueError, r"setup\['T'\] must be a positive integer"),
    (dict(TINY, lr=-1.0), ValueError, r"setup\['lr'\] must lie in \(0, inf\)"),
    (dict(TINY, lr=True), TypeError, r"setup\['lr'\] must be a real number, got bool"),
    ({k: v for k, v in TINY.items() if k != "lr"}, ValueError, "setup must be a dict with"),
    (dict(TINY, extra=1), ValueError, "setup must be a dict with"),
    (dict(TINY, steps=2.5), TypeError, r"setup\['steps'\] must be a positive integer"),
])
def test_bad_setup(setup, exc, match):
    with pytest.raises(exc, match=match):
        run_adding(lstm, setup)
