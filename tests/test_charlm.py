import numpy as np
import pytest

from rnnbook import charlm, models
from rnnbook.cells import REGISTRY, count_params, param_arrays
from rnnbook.gradcheck import random_params, random_state
from rnnbook.losses import softmax_cross_entropy
from rnnbook.params import leaves
from rnnbook.text import Vocabulary

CELLS = list(REGISTRY)
KERAS_CELLS = [name for name, cell in REGISTRY.items() if cell.keras]


def _model(name, rng, V=5, n=3):
    m = charlm.init_charlm(name, V, n, rng=rng)
    cell = REGISTRY[name]
    m.params[0] = random_params(cell.module, V, n, rng=rng, **cell.kwargs)  # non-zero biases
    m.head.b = rng.normal(0, 0.5, V)
    return m


def _state(name, rng, batch, n):
    return [random_state(REGISTRY[name].module, batch, n, rng=rng)]


@pytest.mark.parametrize("name", CELLS)
def test_loss_and_grads_gradient_check(name):
    rng = np.random.default_rng(1)
    m = _model(name, rng)
    inputs, targets = rng.integers(0, 5, (2, 4)), rng.integers(0, 5, (2, 4))
    states0 = _state(name, rng, 2, 3)
    loss, grads, states = charlm.loss_and_grads(m, inputs, targets, states0)
    errs = charlm.check_gradients(m, inputs, targets, states0)
    assert len(errs) == len(leaves(models.parameters(m))) and max(errs.values()) < 1e-7, errs
    # the loss is the mean cross-entropy of the next characters, and the states carried out
    # are the layer's states after the last step
    Y, cache = m.cells[0].forward(m.params[0], np.eye(5)[inputs], states0[0])
    ref, _ = softmax_cross_entropy(Y @ m.head.W + m.head.b, targets)
    np.testing.assert_allclose(loss, ref, rtol=1e-13)
    ours, final = leaves(states[0]), leaves(m.cells[0].final_state(cache))
    assert ours.keys() == final.keys() and len(ours) == len(REGISTRY[name].states)
    for key in ours:
        np.testing.assert_array_equal(ours[key], final[key])


def test_carried_state_equals_one_long_pass():
    rng = np.random.default_rng(2)
    m = _model("LSTM", rng)
    codes = rng.integers(0, 5, (3, 13))
    full, _, _ = charlm.evaluate(m, codes[:, :-1], codes[:, 1:])
    parts, states = [], None
    for s in (0, 5, 10):
        e = min(s + 5, 12)
        loss, states, _ = charlm.evaluate(m, codes[:, s:e], codes[:, s + 1:e + 1], states)
        parts.append(loss * (e - s))
    np.testing.assert_allclose(sum(parts) / 12, full, rtol=1e-12)
    # without the carried state the loss differs
    cut = sum(charlm.evaluate(m, codes[:, s:min(s + 5, 12)],
                              codes[:, s + 1:min(s + 5, 12) + 1])[0] * (min(s + 5, 12) - s)
              for s in (0, 5, 10)) / 12
    assert abs(cut - full) > 1e-6


def test_bits_and_perplexity():
    assert charlm.bits_per_char(np.log(2) * 3) == pytest.approx(3, rel=1e-14)
    assert charlm.perplexity(np.log(96)) == pytest.approx(96, rel=1e-12)


@pytest.mark.parametrize("name", CELLS)
def test_units_for_budget(name):
    V, budget = 20, 5000
    n = charlm.units_for_budget(name, V, budget)

    def total(k):
        return count_params(models.parameters(charlm.init_charlm(name, V, k, rng=0)))

    assert abs(total(n) - budget) <= min(abs(total(n - 1) - budget), abs(total(n + 1) - budget))


def test_sample_is_reproducible_and_temperature_sharpens():
    rng = np.random.default_rng(3)
    vocab = Vocabulary("abcde")
    m = _model("GRU", rng)
    a = charlm.sample(m, vocab, "ab", 200, temperature=1.0, rng=7)
    assert a == charlm.sample(m, vocab, "ab", 200, temperature=1.0, rng=7)
    assert len(a) == 200 and set(a) <= set("abcde")
    cold = charlm.sample(m, vocab, "ab", 200, temperature=1e-6, rng=7)
    hot = charlm.sample(m, vocab, "ab", 200, temperature=20.0, rng=7)
    # near zero temperature: the most likely character every time, i.e. greedy decoding
    logits, cache = models.forward(m, np.eye(5)[vocab.encode("ab")][None])
    greedy = []
    for _ in range(20):
        code = int(np.argmax(logits[0, -1]))
        greedy.append(code)
        logits, cache = models.forward(m, np.eye(5)[[[code]]], charlm.final_states(m, cache))
    assert cold[:20] == vocab.decode(np.array(greedy))
    # a high temperature spreads the characters: more distinct bigrams than at a low one
    assert len({hot[k:k + 2] for k in range(199)}) > len({cold[k:k + 2] for k in range(199)})


def test_sample_errors():
    m = charlm.init_charlm("LSTM", 3, 2, rng=0)
    vocab = Vocabulary("abc")
    with pytest.raises(ValueError, match="prompt must be a non-empty str"):
        charlm.sample(m, vocab, "", 5, rng=0)
    with pytest.raises(ValueError, match="prompt .* 'z' at position 1"):
        charlm.sample(m, vocab, "az", 5, rng=0)
    for bad in (0, -1.0, float("nan"), float("inf")):
        with pytest.raises(ValueError, match="temperature must be a positive"):
            charlm.sample(m, vocab, "a", 5, temperature=bad, rng=0)
    with pytest.raises(ValueError, match="n_chars"):
        charlm.sample(m, vocab, "a", 0, rng=0)
    with pytest.raises(TypeError, match="vocab"):
        charlm.sample(m, Vocabulary("abcd"), "a", 5, rng=0)


def test_input_errors():
    m = charlm.init_charlm("GRU", 4, 2, rng=0)
    with pytest.raises(ValueError, match=r"inputs must lie in \[0, 4\)"):
        charlm.loss_and_grads(m, np.array([[0, 4]]), np.array([[0, 1]]))
    with pytest.raises(ValueError, match="targets must have the shape of inputs"):
        charlm.loss_and_grads(m, np.array([[0, 1]]), np.array([[0, 1, 2]]))
    with pytest.raises(ValueError, match="inputs must be a non-empty 2-d array"):
        charlm.loss_and_grads(m, np.array([0, 1]), np.array([0, 1]))
    with pytest.raises(ValueError, match="cell must be one of"):
        charlm.init_charlm("transformer", 4, 2)
    with pytest.raises(TypeError, match="model must be a character model"):
        charlm.evaluate(models.init_model(REGISTRY["LSTM"].module, 4, [2], None, rng=0),
                        np.array([[0]]), np.array([[1]]))


def test_softmax_cross_entropy_matches_keras():
    pytest.importorskip("keras")
    from rnnbook.interop.keras_charlm import keras_sparse_cross_entropy
    rng = np.random.default_rng(4)
    logits = rng.normal(0, 5, (3, 7, 11))
    logits[0, 0, 3] = 500.0  # large logits stay finite
    labels = rng.integers(0, 11, (3, 7))
    loss, d = softmax_cross_entropy(logits, labels)
    loss_k, d_k = keras_sparse_cross_entropy(logits, labels)
    np.testing.assert_allclose(loss, loss_k, rtol=1e-13)
    np.testing.assert_allclose(d, d_k, rtol=1e-10, atol=1e-17)


@pytest.mark.parametrize("name", KERAS_CELLS)
def test_loss_and_grads_match_keras(name):
    pytest.importorskip("keras")
    from rnnbook.interop.keras_charlm import keras_charlm_loss_and_grads
    rng = np.random.default_rng(5)
    m = _model(name, rng, V=9, n=4)
    inputs, targets = rng.integers(0, 9, (3, 6)), rng.integers(0, 9, (3, 6))
    states0 = _state(name, rng, 3, 4)
    loss, grads, _ = charlm.loss_and_grads(m, inputs, targets, states0)
    loss_k, grads_k = keras_charlm_loss_and_grads(m, inputs, targets, states0)
    np.testing.assert_allclose(loss, loss_k, rtol=1e-13)
    assert [type(g) for g in grads] == [type(g) for g in grads_k]
    for g, gk in zip(grads, grads_k):
        for key, a in param_arrays(g).items():
            np.testing.assert_allclose(a, param_arrays(gk)[key], rtol=1e-10, atol=1e-14,
                                       err_msg=key)


@pytest.mark.parametrize("name", ["LSTM", "GRU"])
def test_check_gradients_and_snapshot(name):
    rng = np.random.default_rng(6)
    m = _model(name, rng)
    errs = charlm.check_gradients(m, rng.integers(0, 5, (2, 3)), rng.integers(0, 5, (2, 3)),
                                  _state(name, rng, 2, 3))
    assert set(errs) == {"0.W_x", "0.W_h", "0.b", "1.W", "1.b"} and max(errs.values()) < 1e-7
    s = charlm.snapshot(m)
    W, W_x = m.head.W.copy(), m.params[0].W_x.copy()
    m.head.W += 1.0
    m.params[0].W_x += 1.0
    np.testing.assert_array_equal(s.head.W, W)  # the snapshot did not move with the model
    np.testing.assert_array_equal(s.params[0].W_x, W_x)
