import numpy as np
import pytest

from rnnbook import losses, models, rnn, train
from rnnbook.optim import SGD, Adam
from rnnbook.tasks import adding, recall


def test_fit_learns_a_one_step_memory_and_records_history():
    rng = np.random.default_rng(0)
    X, y = recall.recall_task(512, 6, 1, n_symbols=3, rng=rng)
    m = models.init_model(rnn, 3, [16], 3, rng=rng)
    before = train.evaluate(m, X, y, losses.softmax_cross_entropy)["loss"]
    accuracy = {"accuracy": lambda p, t: np.mean(p.argmax(-1) == t)}
    hist = train.fit(m, X, y, loss=losses.softmax_cross_entropy, optimizer=Adam(0.01), epochs=15,
                     batch_size=64, rng=rng, clip_norm=1.0, validation_data=(X, y), metrics=accuracy)
    assert set(hist) == {"loss", "grad_norm", "val_loss", "val_accuracy"}
    assert all(len(v) == 15 for v in hist.values())
    assert hist["val_loss"][-1] < 0.2 * before
    assert hist["val_accuracy"][-1] > 0.95


def test_fit_stream_reduces_the_adding_problem_loss():
    rng = np.random.default_rng(1)
    m = models.init_model(rnn, 2, [8], 1, rng=rng)
    hist = train.fit_stream(m, lambda r: adding.adding_problem(32, 5, rng=r), steps=300,
                            loss=losses.mse, optimizer=Adam(0.01), rng=rng, eval_every=100)
    assert hist["step"] == [100, 200, 300]
    assert hist["loss"][-1] < 0.5 * hist["loss"][0]


def test_train_step_clips_before_the_update():
    rng = np.random.default_rng(2)
    m = models.init_model(rnn, 2, [3], 1, rng=rng)
    X, y = adding.adding_problem(4, 5, rng=rng)
    before = [p.W_x.copy() for p in m.params]
    _, norm = train.train_step(m, X, y * 100, loss=losses.mse, optimizer=SGD(lr=1.0), clip_norm=1e-3)
    assert norm > 1e-3
    step = np.sqrt(sum(np.sum((p.W_x - b) ** 2) for p, b in zip(m.params, before)))
    assert step <= 1e-3 * (1 + 1e-9)


def test_bad_input():
    m = models.init_model(rnn, 2, [3], 1, rng=0)
    X, y = adding.adding_problem(4, 5, rng=0)
    with pytest.raises(ValueError, match="Y must have one target per sequence"):
        train.fit(m, X, y[:3], loss=losses.mse, optimizer=SGD(), epochs=1, batch_size=2)
    with pytest.raises(ValueError, match="epochs must be a positive integer"):
        train.fit(m, X, y, loss=losses.mse, optimizer=SGD(), epochs=0, batch_size=2)
    with pytest.raises(TypeError, match="make_batch must be callable"):
        train.fit_stream(m, None, steps=1, loss=losses.mse, optimizer=SGD())


def test_first_below():
    h = {"step": [50, 100, 150, 200], "val_loss": [0.2, 0.009, 0.02, 0.001]}
    assert train.first_below(h, 0.01) == 100          # the first crossing, not a lasting one
    assert train.first_below(h, 0.0005) is None
    assert train.first_below({"step": [1], "loss": [0.0]}, 0.1, key="loss") == 1
    with pytest.raises(ValueError, match="history must be a dict with 'step' and 'val_loss'"):
        train.first_below({"val_loss": [0.1]}, 0.01)
    with pytest.raises(TypeError, match="level must be a real number"):
        train.first_below(h, "0.01")


def test_fit_stream_until_diverged_stops_and_records_every_update():
    from rnnbook.tasks.adding import adding_problem

    def irnn():
        m = models.init_model(rnn, 2, [8], 1, rng=0, activation="relu")
        m.params[0].W_y[...] = np.eye(8)
        return m

    def batch(r):
        return adding_problem(16, 40, rng=r)

    h = train.fit_stream_until_diverged(irnn(), batch, steps=50, loss=losses.mse,
                                        optimizer=SGD(0.5, momentum=0.9), rng=0)
    assert h["diverged_at"] is not None and len(h["loss"]) == h["diverged_at"] < 50
    last = h["loss"][-1]
    assert not np.isfinite(last) or last > 1e3
    h = train.fit_stream_until_diverged(irnn(), batch, steps=30, loss=losses.mse,
                                        optimizer=SGD(0.5, momentum=0.9), rng=0,
                                        clip_norm=1e-3)
    assert h["diverged_at"] is None and len(h["loss"]) == len(h["grad_norm"]) == 30
    assert max(h["grad_norm"]) > 1e-3  # recorded before clipping
    with pytest.raises(ValueError, match=r"max_loss must lie in \(0, inf\)"):
        train.fit_stream_until_diverged(irnn(), batch, steps=3, loss=losses.mse,
                                        optimizer=SGD(0.1), max_loss=0)
    with pytest.raises(TypeError, match="make_batch must be callable"):
        train.fit_stream_until_diverged(irnn(), None, steps=3, loss=losses.mse,
                                        optimizer=SGD(0.1))
