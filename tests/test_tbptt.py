import numpy as np
import pytest

from rnnbook import charlm, models, optim, tbptt
from rnnbook.losses import softmax_cross_entropy
from rnnbook.tasks.echo import ECHO_CHARS, echo_accuracy, echo_codes


def test_streams_layout():
    codes = np.arange(23)
    X, Y = tbptt.streams(codes, 3, 4)  # L = 22 // 3 = 7
    assert X.shape == Y.shape == (3, 7)
    np.testing.assert_array_equal(X[1], np.arange(7, 14))
    np.testing.assert_array_equal(Y, X + 1)


def test_window_longer_than_text_is_an_error():
    with pytest.raises(ValueError, match="k must be at most the length of a stream"):
        tbptt.streams(np.arange(20), 4, 5)  # L = 4
    tbptt.streams(np.arange(21), 4, 5)  # L = 5: fits
    with pytest.raises(ValueError, match="k must be a positive integer"):
        tbptt.streams(np.arange(20), 2, 0)
    with pytest.raises(ValueError, match="codes must be a 1-d array"):
        tbptt.streams(np.zeros((2, 10), int), 1, 2)


def test_fit_tbptt_carries_the_state_and_cuts_the_gradient():
    """Replay fit_tbptt by hand: window j starts from window j−1's final state (computed with
    the weights before the update), the gradient is that of the window alone, and the streams
    restart from zero state when used up."""
    rng = np.random.default_rng(0)
    V, batch, k = 5, 2, 3
    codes = rng.integers(0, V, 2 * 7 + 1)  # L = 7: two windows per pass
    m = charlm.init_charlm("LSTM", V, 4, rng=1)
    ref = charlm.init_charlm("LSTM", V, 4, rng=1)
    hist = tbptt.fit_tbptt(m, codes, k=k, batch=batch, steps=5, optimizer=optim.SGD(0.5),
                           eval_every=1)
    X, Y = tbptt.streams(codes, batch, k)
    opt, states, losses = optim.SGD(0.5), None, []
    for j in (0, 1, 0, 1, 0):
        states = None if j == 0 else states
        w = slice(j * k, (j + 1) * k)
        out, cache = models.forward(ref, np.eye(V)[X[:, w]], states)
        loss, dout = softmax_cross_entropy(out, Y[:, w])
        grads, _ = models.backward(ref, cache, dout)  # no gradient into states
        states = charlm.final_states(ref, cache)
        opt.step(models.parameters(ref), grads)
        losses.append(loss)
    np.testing.assert_allclose(hist["loss"], losses, rtol=1e-12)
    assert hist["step"] == [1, 2, 3, 4, 5]
    for p, q in zip(models.parameters(m), models.parameters(ref)):
        np.testing.assert_allclose(p.W_x if hasattr(p, "W_x") else p.W,
                                   q.W_x if hasattr(q, "W_x") else q.W, rtol=1e-12)


def test_truncation_drops_the_gradient_through_the_state():
    """The window's gradient equals the full-sequence gradient of the window's loss with the
    carried state held constant — and differs from the untruncated gradient."""
    rng = np.random.default_rng(3)
    V = 4
    m = charlm.init_charlm("GRU", V, 3, rng=2)
    codes = rng.integers(0, V, (2, 9))
    _, states, _ = charlm.evaluate(m, codes[:, :4], codes[:, 1:5])
    _, grads, _ = charlm.loss_and_grads(m, codes[:, 4:8], codes[:, 5:9], states)
    # untruncated: the same loss on steps 4–7, differentiated through steps 0–3 as well
    X = np.eye(V)[codes[:, :8]]
    out, cache = models.forward(m, X)
    dout = np.zeros_like(out)
    _, d = softmax_cross_entropy(out[:, 4:], codes[:, 5:9])
    dout[:, 4:] = d
    full, _ = models.backward(m, cache, dout)
    np.testing.assert_allclose(grads[1].W, full[1].W, rtol=1e-12)  # read-out: same
    assert np.max(np.abs(grads[0].W_h - full[0].W_h)) > 1e-6  # recurrent: cut


def test_evaluate_stream_matches_one_long_pass():
    rng = np.random.default_rng(4)
    m = charlm.init_charlm("simple RNN", 6, 5, rng=0)
    codes = rng.integers(0, 6, 2 * 50 + 1)
    X, Y = tbptt.streams(codes, 2, 10)
    full, _, _ = charlm.evaluate(m, X, Y)
    np.testing.assert_allclose(tbptt.evaluate_stream(m, codes, batch=2, k=7), full, rtol=1e-12)


def test_echo_codes_and_accuracy():
    codes = echo_codes(50, 4, rng=0)
    text = "".join(ECHO_CHARS[c] for c in codes)
    assert len(text) == 250
    for s in range(0, 250, 5):
        seg = text[s:s + 5]
        assert seg[0] in "AB" and set(seg[1:4]) <= set("xyz") and seg[4] == seg[0].lower()
    targets = codes[1:]
    perfect = np.eye(7)[targets] * 10.0
    assert echo_accuracy(perfect, targets) == 1.0
    assert echo_accuracy(-perfect, targets) == 0.0
    with pytest.raises(ValueError, match="logits must have shape"):
        echo_accuracy(perfect[:, :6], targets)
    with pytest.raises(ValueError, match="no echo"):
        echo_accuracy(np.zeros((3, 7)), np.array([0, 4, 5]))


def test_tbptt_learns_an_echo_inside_the_window_only():
    """Lag 6: a window of 12 learns to predict the echoes, a window of 3 does not learn much."""
    acc = {}
    for k in (3, 12):
        rng = np.random.default_rng(0)
        train, valid = echo_codes(3000, 6, rng=rng), echo_codes(300, 6, rng=rng)
        m = charlm.init_charlm("LSTM", 7, 12, rng=rng)
        tbptt.fit_tbptt(m, train, k=k, batch=16, steps=250, optimizer=optim.Adam(0.02),
                        clip_norm=1.0)
        acc[k] = echo_accuracy(*tbptt.stream_logits(m, valid, batch=4))
    assert acc[12] > 0.9 and acc[3] < 0.8, acc
